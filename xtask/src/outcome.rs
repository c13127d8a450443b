//! What a command returns, and how `main` turns it into output and an exit
//! code. Every command is `fn(Args) -> Result<Outcome, Error>`; only
//! [`finish`] prints an [`Error`] and only it decides the exit code:
//!
//! | result | exit |
//! | --- | --- |
//! | `Ok(Outcome::Clean)` | 0 |
//! | `Ok(Outcome::Findings)`: the command ran and reported problems in its input | 1 |
//! | `Err(Error)` of kind `Failed`: the command could not do its job | 1 |
//! | `Err(Error)` of kind `Usage`: wrong arguments, a `--root` that is no directory | 2 |

use std::process::ExitCode;

// Messages quote values and paths from the content: shown, never obeyed, by
// the terminal.
use sc3_lint::report::visible;

/// How a command that ran to its end went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to report.
    Clean,
    /// Findings, rows to fix or failed checks, already printed by the command.
    Findings,
}

impl Outcome {
    /// `Findings` when `found`, else `Clean`.
    pub fn findings_if(found: bool) -> Outcome {
        if found {
            Outcome::Findings
        } else {
            Outcome::Clean
        }
    }
}

/// Why a command stopped: each message becomes one line on standard error,
/// with the prefix of its audience's language ([`Audience`]).
#[derive(Debug)]
pub struct Error {
    kind: Kind,
    messages: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Usage,
    Failed,
}

impl Error {
    /// The arguments cannot work (exit 2).
    pub fn usage(message: impl Into<String>) -> Error {
        Error {
            kind: Kind::Usage,
            messages: vec![message.into()],
        }
    }

    /// The command could not do its job (exit 1).
    pub fn failed(message: impl Into<String>) -> Error {
        Error::failed_all(vec![message.into()])
    }

    /// Several problems that each stop the command, one line each (exit 1).
    pub fn failed_all(messages: Vec<String>) -> Error {
        Error {
            kind: Kind::Failed,
            messages,
        }
    }

    pub fn is_usage(&self) -> bool {
        self.kind == Kind::Usage
    }

    pub fn messages(&self) -> &[String] {
        &self.messages
    }
}

/// `?` on a `Result<_, String>`: the string is the message of a failure.
impl From<String> for Error {
    fn from(message: String) -> Error {
        Error::failed(message)
    }
}

/// Who reads a command's output, which decides its language: the user's
/// commands speak Japanese, the developers' tasks (`cargo xtask dev …`)
/// English (ARCHITECTURE.md, "The language of the command line").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    User,
    Developer,
}

impl Audience {
    fn error_prefix(self) -> &'static str {
        match self {
            Audience::User => "エラー",
            Audience::Developer => "error",
        }
    }
}

/// Prints `message` as an error line of the user's commands, for problems a
/// command reports while it goes on (rows of a register, answers).
pub fn error_line(message: &str) {
    eprintln!("{}: {}", Audience::User.error_prefix(), visible(message));
}

/// Prints `message` as a warning line of the user's commands.
pub fn warning_line(message: &str) {
    eprintln!("警告: {}", visible(message));
}

/// Prints the error, if any, and gives the exit code.
pub fn finish(result: Result<Outcome, Error>, audience: Audience) -> ExitCode {
    ExitCode::from(code(result, audience))
}

/// [`finish`] as a number.
fn code(result: Result<Outcome, Error>, audience: Audience) -> u8 {
    match result {
        Ok(Outcome::Clean) => 0,
        Ok(Outcome::Findings) => 1,
        Err(e) => {
            for m in &e.messages {
                eprintln!("{}: {}", audience.error_prefix(), visible(m));
            }
            if e.is_usage() { 2 } else { 1 }
        }
    }
}

/// [`finish`], then ends the process at once: standard output is flushed,
/// but nothing else is cleaned up, in particular the allocator does not
/// hand its pages back one by one (mimalloc's exit handler does, about
/// 2 % of a `lint` run on the bench-terms corpus; the kernel frees the
/// memory whole). Only for commands that have no work left to do when
/// they return: no temporary files, no threads of their own.
pub fn finish_now(result: Result<Outcome, Error>, audience: Audience) -> ! {
    use std::io::Write;
    let code = code(result, audience);
    let _ = std::io::stdout().flush();
    #[cfg(unix)]
    // SAFETY: `_exit` ends the process; it touches no memory of ours. What
    // it skips (atexit handlers, the standard library's own flush) is done
    // above or not needed.
    unsafe {
        libc::_exit(i32::from(code))
    }
    #[cfg(not(unix))]
    std::process::exit(i32::from(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_result() {
        let code = |r| finish(r, Audience::User);
        assert_eq!(code(Ok(Outcome::Clean)), ExitCode::SUCCESS);
        assert_eq!(code(Ok(Outcome::Findings)), ExitCode::from(1));
        assert_eq!(code(Err(Error::failed("x"))), ExitCode::from(1));
        assert_eq!(code(Err(Error::usage("x"))), ExitCode::from(2));
        assert_eq!(Outcome::findings_if(true), Outcome::Findings);
        assert_eq!(Outcome::findings_if(false), Outcome::Clean);
    }
}
