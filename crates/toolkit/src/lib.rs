//! The SME toolkit: what a member company produces for the four goals of the
//! pilot — self-diagnosis scores, a risk analysis of its asset register, an
//! action plan, and its own regulations as an editable DOCX.
//!
//! Everything here is a pure function from data (or bytes) to data (or
//! bytes): reading and writing files is the command line's job.

pub mod company;
pub mod day;
pub mod diagnosis;
pub mod docx;
pub mod plan;
pub mod readiness;
pub mod risk;
pub mod sheet;
pub mod templates;

/// Fixes a workbook's creation time (1980-01-01, the ZIP epoch), so the same
/// input always gives the same bytes: the handbook's build is reproducible.
pub(crate) fn reproducible(book: &mut rust_xlsxwriter::Workbook) -> Result<(), String> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime};
    let epoch = ExcelDateTime::from_ymd(1980, 1, 1)
        .and_then(|d| d.and_hms(0, 0, 0))
        .map_err(|e| e.to_string())?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
    Ok(())
}
