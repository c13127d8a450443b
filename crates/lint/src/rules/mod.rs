//! One rule per file. Each file declares its rule once with
//! [`declare_rule!`](crate::declare_rule): code, name, severity, summary, the
//! doc comment (the rule's documentation in the handbook) and its check
//! function; findings are made with the rule's `diag`, which carries its code
//! and severity. Each rule is listed in [`ALL`].
//!
//! Codes are stable: `R` rules check ids and references, `M` rules check the
//! mapping (crosswalk) contents, `P` rules whose text it is (sources),
//! `T` rules check terminology, `S` rules keep
//! what a pull request writes from becoming markup, script or a file read on
//! the build machine. A retired code is never reused.

use crate::Rule;

pub mod basis_relation;
pub mod bidi_control;
pub mod character_width;
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
    &invisible_character::InvisibleCharacter::RULE,
    &published_has_warnings::PublishedHasWarnings::RULE,
];
