//! The rule reference, generated from each rule's doc comment.

use crate::RuleMeta;

/// A rule's doc comment as Markdown: the one space rustdoc keeps after `///`
/// is removed, and an example's file (` ```toml file=PATH `) is named above
/// its code block.
pub fn markdown(meta: &RuleMeta) -> String {
    let mut out = String::new();
    for line in meta.doc.lines() {
        let line = line.strip_prefix(' ').unwrap_or(line);
        match fence_file(line) {
            Some((lang, path)) => out.push_str(&format!("`{path}`:\n\n```{lang}\n")),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// The language and file of a fence line that names its file
/// (` ```toml file=mappings/a@1--b@1.toml `).
fn fence_file(line: &str) -> Option<(&str, &str)> {
    let info = line.strip_prefix("```")?;
    let mut words = info.split_whitespace();
    let lang = words.next()?;
    let path = words.find_map(|w| w.strip_prefix("file="))?;
    Some((lang, path))
}

/// An example of a rule's documentation that names its file: a whole file
/// that, added to the design examples, shows the problem (in 悪い例) or its
/// absence (in 良い例).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// Whether it is in 悪い例.
    pub bad: bool,
    pub path: String,
    pub text: String,
}

/// The examples of a rule's 悪い例 and 良い例 that name their file, in order.
pub fn examples(meta: &RuleMeta) -> Vec<Example> {
    let mut out = Vec::new();
    let mut section = None;
    let mut open: Option<Example> = None;
    for line in meta.doc.lines() {
        let line = line.strip_prefix(' ').unwrap_or(line);
        if let Some(ex) = &mut open {
            if line.starts_with("```") {
                out.extend(open.take());
            } else {
                ex.text.push_str(line);
                ex.text.push('\n');
            }
        } else if let Some(heading) = line.strip_prefix("## ") {
            section = match heading.trim() {
                "悪い例" => Some(true),
                "良い例" => Some(false),
                _ => None,
            };
        } else if let (Some(bad), Some((_, path))) = (section, fence_file(line)) {
            open = Some(Example {
                bad,
                path: path.to_owned(),
                text: String::new(),
            });
        }
    }
    out
}

/// Shifts Markdown headings down by `levels` (outside fenced code blocks), so a
/// rule's `## 悪い例` sits under the rule's own heading.
fn demote(md: &str, levels: usize) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if !fenced && line.starts_with('#') {
            out.push_str(&"#".repeat(levels));
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The handbook page listing every code: the loader's, then each rule with its
/// documentation.
pub fn reference_page() -> String {
    let mut out = String::from(
        "# 検査ルール一覧\n\n\
         `cargo xtask lint` が報告する問題の一覧です。プルリクエストの自動チェックで\n\
         注釈に出るコード（R003 など）から、ここで意味と直し方を調べられます。\n\
         このページは各ルールのソースコードの説明から自動で作られています。\n\n\
         重大度は次の三つです。エラーが一つでもあると自動チェックは失敗します。\n\n\
         | 重大度 | 意味 |\n| --- | --- |\n\
         | エラー（error） | 直すまで取り込めない |\n\
         | 警告（warning） | 作業中は残ってよいが、公開（published）の突合表には残せない |\n\
         | 情報（info） | 確認をすすめる一覧。直す必要はない |\n\n\
         ## 読み込みの問題（L）\n\n\
         ファイルを読む段階で見つかる問題です。どれもエラーです。\n\n\
         | コード | 名前 | 内容 |\n| --- | --- | --- |\n",
    );
    for (code, name, summary) in sc3_model::diag::codes::ALL {
        out.push_str(&format!("| {code} | `{name}` | {summary} |\n"));
    }
    out.push_str("\n## ルール\n\n| コード | 名前 | 重大度 | 内容 |\n| --- | --- | --- | --- |\n");
    let rules = crate::all_rules();
    for m in &rules {
        out.push_str(&format!(
            "| [{code}](#{anchor}) | `{name}` | {sev} | {summary} |\n",
            code = m.code,
            anchor = m.code.to_lowercase(),
            name = m.name,
            sev = m.severity.as_str(),
            summary = m.summary
        ));
    }
    for m in &rules {
        out.push_str(&format!(
            "\n### {code} {name} {{#{anchor}}}\n\n**重大度**: {sev}。{summary}。\n\n",
            code = m.code,
            name = m.name,
            anchor = m.code.to_lowercase(),
            sev = m.severity.as_str(),
            summary = m.summary
        ));
        out.push_str(&demote(&markdown(m), 2));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_example_s_file_is_shown_above_its_block_and_not_in_the_fence() {
        let page = super::reference_page();
        assert!(!page.contains("file="), "a fence keeps its file= attribute");
        assert!(
            page.contains(
                "`mappings/example-assoc@2.0--example-base@1.0.toml`:\n\n```toml\n[crosswalk]\n"
            ),
            "{page}"
        );
    }
}
