//! The generated pages: one module per part of the table of contents, each
//! with a `part` function that [`crate::generate`] calls in order.
//!
//! A page module takes paths, anchors and links from [`crate::links`] and
//! writes Markdown with [`crate::markdown`], every content string through
//! [`crate::escape::content`]. It never uses another page module: what two
//! parts share lives in a shared module (`tests/layout.rs` checks).

pub mod crosswalks;
pub mod guidelines;
pub mod industries;
pub mod inferred;
pub mod migration;
pub mod regulations;
pub mod toolkit;
