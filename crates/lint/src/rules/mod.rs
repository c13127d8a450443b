//! One rule per file. Each file declares its rule with [`declare_rule!`], whose
//! doc comment is the rule's documentation in the handbook.
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

/// Every rule that looks only at the model, in code order.
/// [`published_has_warnings`] looks at the other rules' findings and runs after them.
pub static ALL: &[&dyn Rule] = &[
    &duplicate_id::DuplicateId,
    &malformed_id::MalformedId,
    &unknown_reference::UnknownReference,
    &group_cycle::GroupCycle,
    &file_location::FileLocation,
    &unknown_clause::UnknownClause,
    &source_undeclared::SourceUndeclared,
    &unmapped_item::UnmappedItem,
    &duplicate_mapping::DuplicateMapping,
    &relation_targets::RelationTargets,
    &missing_rationale::MissingRationale,
    &strm_mismatch::StrmMismatch,
    &unreferenced_base_item::UnreferencedBaseItem,
    &stale_mapping::StaleMapping,
    &basis_relation::BasisRelation,
    &term_variant::TermVariant,
    &industry_term::IndustryTerm,
    &character_width::CharacterWidth,
    &spelling_variation::SpellingVariation,
    &glossary_conflict::GlossaryConflict,
    &prh_spec::PrhSpec,
    &prh_unsupported::PrhUnsupported,
    &bidi_control::BidiControl,
    &mdbook_directive::MdbookDirective,
    &raw_html::RawHtml,
    &unsafe_link::UnsafeLink,
    &summary_link::SummaryLink,
    &file_name::FileName,
    &template_expression::TemplateExpression,
    &codeowners_stale::CodeownersStale,
    &owner_missing::OwnerMissing,
    &invisible_character::InvisibleCharacter,
];

/// Implements [`Rule`] for a rule struct whose `check` is an inherent function.
macro_rules! impl_rule {
    ($name:ident) => {
        impl $crate::Rule for $name {
            fn meta(&self) -> &'static $crate::RuleMeta {
                &Self::META
            }
            fn check(&self, cx: &$crate::Context<'_>, out: &mut Vec<sc3_model::Diagnostic>) {
                check(cx, out)
            }
        }
    };
}
pub(crate) use impl_rule;
