//! Import and export: declarative spreadsheet imports and OSCAL 1.2 JSON.
//!
//! Pure functions of data: the command line reads and writes the files.

pub mod import;
pub mod oscal;
pub mod spreadsheet;
