//! What a change does to the content, for the people who review it.
//!
//! [`diff`] compares the repository before and after a change (each side
//! loaded and linted by the caller, typically from two git revisions) and
//! returns a [`Change`]: catalogs (items added, removed and changed),
//! crosswalks (entries added, removed and changed, coverage before and after,
//! entries the change makes stale), glossaries, industry profiles, and the
//! lint findings introduced and fixed. [`render`] turns it into Markdown for a
//! pull request and text for a terminal; JSON is the [`Change`] serialized.
//! Pure functions: no git, no files, no terminal.

pub mod change;
pub mod diff;
pub mod render;
pub mod revision;

pub use change::Change;
pub use diff::{Side, diff};
