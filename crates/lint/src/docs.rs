//! The rule reference, generated from each rule's doc comment.

use crate::RuleMeta;

/// A rule's doc comment as Markdown: the one space rustdoc keeps after `///` is removed.
pub fn markdown(meta: &RuleMeta) -> String {
    let mut out = String::new();
    for line in meta.doc.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
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
