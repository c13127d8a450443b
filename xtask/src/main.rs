//! `cargo xtask`: the project's command line.
//!
//! This is the only layer that touches the terminal and decides exit codes.
//! Every command is a module with its arguments and a `run` returning
//! `Result<Outcome, Error>`; `main` parses, dispatches, and renders the
//! result ([`outcome::finish`]): 0 when all is well, 1 for findings or a
//! failure, 2 for usage errors (including a `--root` that is not a
//! directory). The user's commands (`cmd`) speak Japanese; the developers'
//! tasks (`dev`, `cargo xtask dev …`) English.

use std::process::ExitCode;

mod cli;
mod cmd;
mod dev;
mod files;
mod git;
mod inputs;
mod kit;
mod outcome;
mod repo;
mod revision;
mod server;

use cli::Command;
use outcome::Audience;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Start the worker threads now (asking their number creates the pool
    // without waiting for it): they start while the arguments are parsed,
    // instead of when the first parallel loop needs them.
    rayon::current_num_threads();
    let result = match cli::parse().command {
        // The lint is what CI and editors run most: it ends without cleaning up.
        Command::Lint(a) => outcome::finish_now(cmd::lint::run(a), Audience::User),
        Command::Book(a) => cmd::book::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Lsp(a) => cmd::lsp::run(a),
        Command::Explain(a) => cmd::explain::run(a),
        Command::Import(a) => cmd::import::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::ExportOscal(a) => cmd::export::oscal(a),
        Command::Crosswalk(a) => cmd::crosswalk::run(a),
        Command::Glossary(a) => cmd::glossary::run(a),
        Command::Suggest(a) => cmd::suggest::run(a),
        Command::Diff(a) => cmd::diff::run(a),
        Command::RevisionTable(a) => cmd::revision_table::run(a),
        Command::Codeowners(a) => cmd::codeowners::run(a),
        Command::Diagnose(a) => cmd::diagnose::run(a),
        Command::Risk(a) => cmd::risk::run(a),
        Command::Plan(a) => cmd::plan::run(a),
        Command::Readiness(a) => cmd::readiness::run(a),
        Command::Regulation(a) => cmd::regulation::run(a),
        Command::New(a) => cmd::new::run(a),
        Command::Dev(a) => return outcome::finish(dev::run(a), Audience::Developer),
    };
    outcome::finish(result, Audience::User)
}
