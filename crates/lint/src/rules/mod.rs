//! One rule per file. Each file declares its rule once with
//! [`declare_rule!`](crate::declare_rule): code, name, severity, summary, the
//! doc comment (the rule's documentation in the handbook) and its check
//! function; findings are made with the rule's `diag`, which carries its code
//! and severity. Each rule is listed in [`ALL`].
//!
//! Codes are stable: `R` rules check ids and references, `M` rules check the
//! mapping (crosswalk) contents, `O` rules who owns which file, `P` rules
//! whose text it is (sources),
//! `T` rules check terminology, `S` rules keep
//! what a pull request writes from becoming markup, script or a file read on
//! the build machine. A retired code is never reused.

use crate::Rule;

pub mod basis_relation;
pub mod bidi_control;
pub mod character_width;
pub mod codeowners_stale;
pub mod control_character;
pub mod duplicate_id;
pub mod duplicate_mapping;
pub mod file_location;
pub mod file_name;
pub mod glossary_conflict;
pub mod group_cycle;
pub mod industry_term;
pub mod invisible_character;
pub mod malformed_id;
pub mod mdbook_directive;
pub mod missing_rationale;
pub mod owner_missing;
pub mod prh_spec;
pub mod prh_unsupported;
pub mod published_has_warnings;
pub mod raw_html;
pub mod relation_targets;
pub mod source_undeclared;
pub mod spelling_variation;
pub mod stale_mapping;
pub mod strm_mismatch;
pub mod summary_link;
pub mod template_expression;
pub mod term_variant;
pub mod unknown_clause;
pub mod unknown_reference;
pub mod unmapped_item;
pub mod unreferenced_base_item;
pub mod unsafe_link;

/// Every rule. A test fails when a file of this folder is missing here.
/// [`published_has_warnings`] looks at the other rules' findings and runs after them.
pub static ALL: &[&Rule] = &[
    &duplicate_id::DuplicateId::RULE,
    &malformed_id::MalformedId::RULE,
    &unknown_reference::UnknownReference::RULE,
    &group_cycle::GroupCycle::RULE,
    &file_location::FileLocation::RULE,
    &unknown_clause::UnknownClause::RULE,
    &source_undeclared::SourceUndeclared::RULE,
    &unmapped_item::UnmappedItem::RULE,
    &duplicate_mapping::DuplicateMapping::RULE,
    &relation_targets::RelationTargets::RULE,
    &missing_rationale::MissingRationale::RULE,
    &strm_mismatch::StrmMismatch::RULE,
    &unreferenced_base_item::UnreferencedBaseItem::RULE,
    &stale_mapping::StaleMapping::RULE,
    &basis_relation::BasisRelation::RULE,
    &term_variant::TermVariant::RULE,
    &industry_term::IndustryTerm::RULE,
    &character_width::CharacterWidth::RULE,
    &spelling_variation::SpellingVariation::RULE,
    &glossary_conflict::GlossaryConflict::RULE,
    &prh_spec::PrhSpec::RULE,
    &prh_unsupported::PrhUnsupported::RULE,
    &bidi_control::BidiControl::RULE,
    &mdbook_directive::MdbookDirective::RULE,
    &raw_html::RawHtml::RULE,
    &unsafe_link::UnsafeLink::RULE,
    &summary_link::SummaryLink::RULE,
    &file_name::FileName::RULE,
    &template_expression::TemplateExpression::RULE,
    &codeowners_stale::CodeownersStale::RULE,
    &owner_missing::OwnerMissing::RULE,
    &invisible_character::InvisibleCharacter::RULE,
    &control_character::ControlCharacter::RULE,
    &published_has_warnings::PublishedHasWarnings::RULE,
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::ALL;

    /// The rule files of this folder.
    fn rule_files() -> BTreeSet<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".rs") && n != "mod.rs")
            .collect()
    }

    /// A rule file that `ALL` does not list would compile (or, without its
    /// `pub mod`, not even that) and never run.
    #[test]
    fn every_rule_file_is_registered_once() {
        let registered: Vec<String> = ALL
            .iter()
            .map(|r| {
                let name = Path::new(r.file).file_name().unwrap();
                name.to_str().unwrap().to_owned()
            })
            .collect();
        for file in rule_files() {
            assert!(
                registered.contains(&file),
                "src/rules/{file} is not in rules::ALL: add `pub mod {m};` and `&{m}::<Rule>::RULE` to src/rules/mod.rs",
                m = file.trim_end_matches(".rs")
            );
        }
        let unique: BTreeSet<_> = registered.iter().collect();
        assert_eq!(unique.len(), registered.len(), "a rule is listed twice");
        let codes: BTreeSet<_> = ALL.iter().map(|r| r.meta.code).collect();
        let names: BTreeSet<_> = ALL.iter().map(|r| r.meta.name).collect();
        assert_eq!(codes.len(), ALL.len(), "two rules share a code");
        assert_eq!(names.len(), ALL.len(), "two rules share a name");
    }

    #[test]
    fn every_rule_file_tests_itself_and_has_a_snapshot() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        for r in ALL {
            let file = Path::new(r.file).file_name().unwrap();
            let source = std::fs::read_to_string(dir.join(file)).unwrap();
            assert!(
                source.contains("#[cfg(test)]") && source.contains("Tester::new"),
                "{} has no tests beside it",
                r.file
            );
            let snap = format!("snapshots/{}-{}.snap", r.meta.code, r.meta.name);
            assert!(dir.join(&snap).is_file(), "{}: no {snap}", r.file);
        }
    }

    #[test]
    fn every_rule_documents_what_why_bad_and_good() {
        for r in ALL {
            for heading in ["## 何を検査するか", "## なぜ", "## 悪い例", "## 良い例"]
            {
                assert!(
                    r.meta.doc.contains(heading),
                    "{} doc lacks {heading}",
                    r.meta.code
                );
            }
        }
    }

    /// Each example of a rule's documentation that names its file is a test
    /// case on the design examples (`tester::doc_problems`).
    #[test]
    fn bad_examples_fail_and_good_examples_pass() {
        let problems: Vec<String> = ALL
            .iter()
            .flat_map(|r| crate::tester::doc_problems(r))
            .collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
