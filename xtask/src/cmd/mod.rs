//! The user's commands, one module each: its arguments (`Args`, whose doc
//! comments are the command's Japanese help) and `run(Args) -> Result<Outcome,
//! Error>`. They speak Japanese (ARCHITECTURE.md, "The language of the command
//! line"); `main` prints their errors and sets the exit code.

pub mod book;
pub mod codeowners;
pub mod crosswalk;
pub mod diagnose;
pub mod diff;
pub mod explain;
pub mod export;
pub mod glossary;
pub mod import;
pub mod lint;
pub mod new;
pub mod plan;
pub mod readiness;
pub mod regulation;
pub mod revision_table;
pub mod risk;
pub mod serve;
pub mod suggest;

/// The two output forms of the toolkit commands and `suggest`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Output {
    /// 人が読む文
    Text,
    /// スクリプト向けの JSON
    Json,
}
