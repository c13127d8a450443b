//! The command tree, and the parsing of the command line: the user's
//! commands first, then `dev` with the developers' tasks. Each command's
//! arguments and help live in its module (`cmd::*::Args`, `dev::*::Args`).
//!
//! The user's commands speak Japanese, clap's own words included: the help
//! of every command outside `dev` gets Japanese headings, help flags,
//! defaults and value lists ([`japanese`]), and a usage error is written
//! in Japanese ([`Japanese`]) with clap's exit code 2. `dev` keeps clap's
//! English.

use std::ffi::OsString;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::{cmd, dev};
use sc3_lint::report::visible;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    version,
    about = "業界セキュリティガイドラインのリポジトリを検査し、導入手引きを作ります"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The commands, in the order `--help` lists them.
#[derive(Subcommand)]
pub enum Command {
    Lint(cmd::lint::Args),
    Book(cmd::book::Args),
    Serve(cmd::serve::Args),
    Lsp(cmd::lsp::Args),
    Explain(cmd::explain::Args),
    Import(cmd::import::Args),
    Export(cmd::export::Args),
    ExportOscal(cmd::export::OscalArgs),
    Crosswalk(cmd::crosswalk::Args),
    Glossary(cmd::glossary::Args),
    Suggest(cmd::suggest::Args),
    Diff(cmd::diff::Args),
    RevisionTable(cmd::revision_table::Args),
    Codeowners(cmd::codeowners::Args),
    Diagnose(cmd::diagnose::Args),
    Risk(cmd::risk::Args),
    Plan(cmd::plan::Args),
    Readiness(cmd::readiness::Args),
    Regulation(cmd::regulation::Args),
    New(cmd::new::Args),
    #[command(
        about = "開発者向けの作業（ベンチマーク、コーパスの生成、ブラウザーでの試験。英語で表示します）",
        long_about = "Developers' tasks: benchmarks, generated corpora, the browser test."
    )]
    Dev(dev::Args),
}

/// The command line, or the process ends here: help and version exit 0,
/// usage errors 2 (in Japanese outside `dev`).
pub fn parse() -> Cli {
    let mut args: Vec<OsString> = std::env::args_os().collect();
    // The developers' tasks were top-level commands until they moved under
    // `dev`; the old spellings keep working for one release.
    if let Some(old) = args.get(1).and_then(|a| a.to_str())
        && dev::OLD_SPELLINGS.contains(&old)
    {
        eprintln!(
            "note: `cargo xtask {old}` is now `cargo xtask dev {old}`; the old spelling goes away in the next release"
        );
        args.insert(1, "dev".into());
    }
    let developer = args.get(1).is_some_and(|a| a == "dev");
    let mut command = japanese(Cli::command());
    command.build();
    japanese_help_subcommand(&mut command);
    // A usage error quotes the argument it could not use: shown, like all
    // our output, with its control characters as pictures.
    let matches = match command.try_get_matches_from_mut(args) {
        Ok(m) => m,
        Err(e) if !is_usage_error(e.kind()) => e.exit(),
        Err(e) if developer => {
            eprint!("{}", visible(&e.render().to_string()));
            std::process::exit(e.exit_code());
        }
        Err(e) => {
            eprint!("{}", visible(&e.apply::<Japanese>().render().to_string()));
            std::process::exit(2);
        }
    };
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

fn is_usage_error(kind: ErrorKind) -> bool {
    !matches!(
        kind,
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            | ErrorKind::DisplayVersion
            | ErrorKind::Io
            | ErrorKind::Format
    )
}

const TEMPLATE: &str =
    "{before-help}{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}";

/// `command` and its subcommands other than `dev`, with Japanese headings,
/// help and version flags, defaults and value lists.
fn japanese(command: clap::Command) -> clap::Command {
    let root = command.get_name() == "cargo xtask";
    let mut command = command
        .help_template(TEMPLATE)
        .subcommand_help_heading("コマンド")
        .subcommand_value_name("コマンド")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("説明を表示します（-h で短く、--help で詳しく）"),
        );
    if root {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("版を表示します"),
        );
    }
    command.mut_args(japanese_arg).mut_subcommands(|c| {
        if c.get_name() == "dev" {
            english_help_flag(c)
        } else {
            japanese(c)
        }
    })
}

/// clap's own help flag, which `disable_help_flag` above took from the whole
/// tree, given back to `dev` and its tasks.
fn english_help_flag(command: clap::Command) -> clap::Command {
    command
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Print help"),
        )
        .mut_subcommands(english_help_flag)
}

/// The `help` subcommands clap adds when it builds the tree, described in
/// Japanese outside `dev`.
fn japanese_help_subcommand(command: &mut clap::Command) {
    if command.get_name() == "dev" {
        return;
    }
    if command.find_subcommand("help").is_some() {
        *command = std::mem::take(command).mut_subcommand("help", |h| {
            h.about("この説明、または指定したコマンドの説明を表示します")
        });
    }
    for sub in command.get_subcommands_mut() {
        japanese_help_subcommand(sub);
    }
}

/// An argument under the heading 引数 or オプション, with its default and
/// its values written in its help instead of clap's `[default: …]` and
/// `[possible values: …]`.
fn japanese_arg(arg: Arg) -> Arg {
    let heading = if arg.is_positional() {
        "引数"
    } else {
        "オプション"
    };
    let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let mut long = help.clone();
    let values: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    if !values.is_empty() && !matches!(arg.get_action(), ArgAction::SetTrue | ArgAction::Help) {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        help.push_str(&format!("（{}）", names.join("・")));
        long.push_str("\n\n使える値:");
        for v in &values {
            match v.get_help() {
                Some(h) => long.push_str(&format!("\n- {}: {h}", v.get_name())),
                None => long.push_str(&format!("\n- {}", v.get_name())),
            }
        }
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !matches!(arg.get_action(), ArgAction::SetTrue) {
        let d = format!("［既定: {}］", defaults.join(","));
        help.push_str(&d);
        long.push_str(&format!("\n\n{d}"));
    }
    let arg = if long == help {
        arg.help_heading(heading).help(help)
    } else {
        arg.help_heading(heading).help(help).long_help(long)
    };
    if arg.get_action().takes_values() {
        arg.hide_default_value(true).hide_possible_values(true)
    } else {
        arg
    }
}

/// clap's usage errors in Japanese: what is wrong, a suggestion when clap
/// has one, the usage line, and where the help is.
pub struct Japanese;

impl ErrorFormatter for Japanese {
    fn format_error(e: &clap::error::Error<Self>) -> StyledStr {
        let one = |k| match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            _ => String::new(),
        };
        let (arg, value) = (one(ContextKind::InvalidArg), one(ContextKind::InvalidValue));
        let mut s = String::from("エラー: ");
        s.push_str(&match e.kind() {
            ErrorKind::InvalidValue if value.is_empty() => format!("{arg} に値がありません"),
            ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
                format!("「{value}」は {arg} の値に使えません")
            }
            ErrorKind::UnknownArgument => format!("{arg} という引数はありません"),
            ErrorKind::InvalidSubcommand => format!(
                "{} というコマンドはありません",
                one(ContextKind::InvalidSubcommand)
            ),
            ErrorKind::MissingRequiredArgument => format!("次の引数が要ります: {arg}"),
            ErrorKind::MissingSubcommand => format!(
                "コマンドを指定してください: {}",
                one(ContextKind::ValidSubcommand)
            ),
            ErrorKind::ArgumentConflict => match one(ContextKind::PriorArg) {
                prior if prior.is_empty() || prior == arg => {
                    format!("{arg} は一度だけ指定できます")
                }
                prior => format!("{arg} は {prior} と一緒には使えません"),
            },
            ErrorKind::NoEquals => format!("{arg} の値は = でつないで書いてください"),
            ErrorKind::TooManyValues => format!("{arg} の値が多すぎます（「{value}」）"),
            ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
                format!("{arg} の値の数が違います")
            }
            ErrorKind::InvalidUtf8 => "引数が UTF-8 ではありません".to_owned(),
            other => other
                .as_str()
                .unwrap_or("引数が正しくありません")
                .to_owned(),
        });
        let valid = one(ContextKind::ValidValue);
        if matches!(e.kind(), ErrorKind::InvalidValue) && !valid.is_empty() {
            s.push_str(&format!("\n  使える値: {valid}"));
        }
        for k in [
            ContextKind::SuggestedSubcommand,
            ContextKind::SuggestedArg,
            ContextKind::SuggestedValue,
        ] {
            let suggestion = one(k);
            if !suggestion.is_empty() {
                s.push_str(&format!("\n\n  もしかして: {suggestion}"));
            }
        }
        if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = usage.strip_prefix("Usage:").unwrap_or(&usage);
            s.push_str(&format!("\n\n使い方:{usage}"));
        }
        s.push_str("\n\n詳しくは --help を付けて実行してください。\n");
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_japanese_command_tree_is_valid() {
        let mut command = japanese(Cli::command());
        command.build();
        japanese_help_subcommand(&mut command);
        command.debug_assert();
    }
}
