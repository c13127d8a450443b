//! The language server: the lint's findings as the user types, completion
//! of ids, relations and glossary terms, hover, go to definition, find
//! references, the lint's fixes as code actions, and rename of an item id
//! across the repository.
//!
//! Built on `lsp-server` (rust-analyzer's synchronous scaffold: a
//! `Connection` of two channels, stdio or in memory) and `lsp-types`. The
//! server is one loop over messages ([`server::run`]); the whole lint runs
//! in a second thread when edits pause. Everything it answers is computed
//! from the model ([`sc3_model`]) and the lint ([`sc3_lint`]) without file
//! I/O besides loading the repository and reading a closed file back.

pub mod actions;
pub mod complete;
pub mod hover;
pub mod position;
pub mod server;
pub mod subset;
pub mod symbols;
pub mod uri;
pub mod workspace;

pub use server::{capabilities, run};

/// Runs the server over stdin and stdout for the repository at `root`,
/// until the client sends `exit` or closes the stream.
pub fn stdio(root: &std::path::Path) -> Result<(), String> {
    let (connection, threads) = lsp_server::Connection::stdio();
    run(&connection, root)?;
    drop(connection);
    threads.join().map_err(|e| e.to_string())
}
