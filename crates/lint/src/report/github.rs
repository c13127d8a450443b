//! `--format github`: GitHub Actions workflow commands, which GitHub shows as
//! annotations on the pull request's changed lines.

use sc3_model::Severity;

use super::place;
use crate::Report;

/// Escapes a command's message (`%`, CR, LF), and shows other control
/// characters as pictures: GitHub's log shows the line, and acts on escape
/// sequences in it.
fn escape_data(s: &str) -> String {
    super::visible(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as data, plus `:` and `,`, which separate properties.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `prefix` is prepended to each path (the root's path from the repository top,
/// with a trailing `/`, or empty) so GitHub can find the file.
pub fn render(report: &Report, prefix: &str) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = Vec::new();
        if let Some(p) = place(&report.repo, d) {
            props.push(format!(
                "file={}",
                escape_property(&format!("{prefix}{}", p.path))
            ));
            props.push(format!("line={}", p.start.line));
            props.push(format!("endLine={}", p.end.line));
            props.push(format!("col={}", p.start.column));
            props.push(format!("endColumn={}", p.end.column));
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("{} {}", d.code, d.severity.as_str()))
        ));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    out.push_str(&escape_data(&super::summary_line(report)));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_the_workflow_command_rules() {
        assert_eq!(escape_data("100%\r\nok"), "100%25%0D%0Aok");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
