//! A [`Change`] as text: Markdown for a pull request (its job summary and
//! its comment), and plain text for the terminal. Both list the same things
//! in the same order (`tests/render.rs` checks every kind of member reaches
//! both); JSON is the [`Change`] itself (serde).
//!
//! Everything in a change comes from a pull request, and the Markdown is
//! shown by GitHub to every reviewer: every value is escaped ([`md`]) so it
//! cannot become a link, an image, a mention (`@team`), HTML or table
//! structure.

use std::fmt::Write as _;

use crate::change::*;

/// Escapes text for GitHub Markdown inside a table cell or a list item (never
/// at the start of a line): HTML and the Markdown punctuation that could act
/// there become character references, so `@` cannot mention and `https:`
/// cannot become a link; line breaks become `<br>`. Other control
/// characters are shown as Unicode's control pictures (`␛` for ESC, U+FFFD
/// for C1), as the terminal formats show them (`sc3_lint::report::visible`),
/// so that the reviewer sees the value holds one.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br>"),
            '\r' if chars.peek() == Some(&'\n') => {}
            // Emphasis, code, links and images, tables, strikethrough,
            // headings, mentions, bare-URL links (`https:`) and math.
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '!' | '|' | '~' | '@' | ':' | '$' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            '\0'..='\u{1F}' => out.extend(char::from_u32(0x2400 + c as u32)),
            '\u{7F}' => out.push('\u{2421}'),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn rel_ja(r: Option<&str>) -> &'static str {
    match r {
        Some("covered") => "対応",
        Some("partial") => "準対応",
        Some("none") => "非対応",
        Some("cited") => "参照あり",
        Some("not-cited") => "参照なし",
        _ => "（未記入）",
    }
}

fn status_ja(s: Status) -> &'static str {
    match s {
        Status::Added => "追加",
        Status::Removed => "削除",
        Status::Changed => "変更",
    }
}

fn count(n: usize, share: Option<f64>) -> String {
    match share {
        Some(p) => format!("{n}（{p:.1}%）"),
        None => n.to_string(),
    }
}

fn coverage_rows(view: &Option<CoverageView>, label: &str, judgment: bool) -> String {
    match view {
        None => format!("| {label} | — | — | — | — |\n"),
        Some(c) if judgment => {
            let s = c.shares.as_ref();
            format!(
                "| {label} | {} | {} | {} | {} |\n",
                count(c.covered, s.map(|s| s.covered)),
                count(c.partial, s.map(|s| s.partial)),
                count(c.none, s.map(|s| s.none)),
                count(c.unmapped, s.map(|s| s.unmapped)),
            )
        }
        Some(c) => format!(
            "| {label} | {} | {} | {} |\n",
            c.cited, c.not_cited, c.unmapped
        ),
    }
}

fn entry_line(e: &EntryView) -> String {
    let mut s = format!("{}（{}）", md(&e.source), rel_ja(e.relation.as_deref()));
    if !e.targets.is_empty() {
        let _ = write!(s, " → {}", md(&e.targets.join(", ")));
    }
    s
}

/// The change as Markdown for a pull request.
pub fn markdown(c: &Change) -> String {
    let mut out = String::from("## 内容の変更\n\n");
    if c.is_empty() {
        out.push_str("ガイドライン、突合表、用語集、業界プロファイルの内容と、検査の結果に変更はありません。\n");
        return out;
    }
    if !c.crosswalks.is_empty() {
        out.push_str("### 突合表\n\n");
        for x in &c.crosswalks {
            let judgment = x.basis == "judgment";
            let _ = write!(
                out,
                "#### {}（{}）\n\n<code>{}</code>{}\n\n",
                md(&x.key.replace("--", " → ")),
                status_ja(x.status),
                md(&x.file),
                if judgment {
                    ""
                } else {
                    "（参照の対照表。判定ではありません）"
                }
            );
            if judgment {
                out.push_str(
                    "| | 対応 | 準対応 | 非対応 | 未記入 |\n| --- | ---: | ---: | ---: | ---: |\n",
                );
            } else {
                out.push_str("| | 参照あり | 参照なし | 未記入 |\n| --- | ---: | ---: | ---: |\n");
            }
            out.push_str(&coverage_rows(&x.coverage.before, "変更前", judgment));
            out.push_str(&coverage_rows(&x.coverage.after, "変更後", judgment));
            out.push('\n');
            for f in &x.header {
                let _ = writeln!(
                    out,
                    "- `{}`: {} → {}",
                    md(&f.field),
                    md(&f.before),
                    md(&f.after)
                );
            }
            if !x.entries.changed.is_empty() {
                out.push_str(
                    "\n| 項目 | 変更前 | 変更後 | 変わったところ |\n| --- | --- | --- | --- |\n",
                );
                for d in &x.entries.changed {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | {} |",
                        md(&d.source),
                        entry_line(&d.before),
                        entry_line(&d.after),
                        md(&what_changed(&d.before, &d.after).join("、"))
                    );
                }
            }
            for (label, list) in [
                ("追加した対応づけ", &x.entries.added),
                ("削除した対応づけ", &x.entries.removed),
            ] {
                if !list.is_empty() {
                    let _ = write!(out, "\n{label}:\n\n");
                    for e in list {
                        let _ = writeln!(out, "- {}", entry_line(e));
                    }
                }
            }
            if !x.stale.is_empty() {
                out.push_str("\nこの変更で見直しが必要になった対応づけ（M008）:\n\n");
                for s in &x.stale {
                    let _ = writeln!(out, "- {}: {}", md(&s.source), md(&s.message));
                }
            }
            out.push('\n');
        }
    }
    if !c.catalogs.is_empty() {
        out.push_str("### ガイドライン（カタログ）\n\n");
        for g in &c.catalogs {
            let _ = write!(
                out,
                "#### {} <code>{}</code>（{}）\n\n",
                md(&g.title),
                md(&g.key),
                status_ja(g.status)
            );
            for f in &g.header {
                let _ = writeln!(
                    out,
                    "- `{}`: {} → {}",
                    md(&f.field),
                    md(&f.before),
                    md(&f.after)
                );
            }
            if !g.items.changed.is_empty() {
                out.push_str("\n| 項目 | 変更前 | 変更後 |\n| --- | --- | --- |\n");
                for d in &g.items.changed {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} |",
                        md(&d.id),
                        item_text(&d.before),
                        item_text(&d.after)
                    );
                }
            }
            for (label, list) in [
                ("追加した項目", &g.items.added),
                ("削除した項目", &g.items.removed),
            ] {
                if !list.is_empty() {
                    let _ = write!(out, "\n{label}:\n\n");
                    for i in list {
                        let _ = writeln!(out, "- {} {}", md(&i.id), md(&i.title));
                    }
                }
            }
            out.push('\n');
        }
    }
    if !c.glossaries.is_empty() {
        out.push_str("### 用語集\n\n");
        for g in &c.glossaries {
            let _ = writeln!(
                out,
                "- <code>{}</code>（{}）",
                md(&g.id),
                status_ja(g.status)
            );
            for (label, list) in [
                ("追加", &g.added),
                ("削除", &g.removed),
                ("異表記などの変更", &g.changed),
            ] {
                if !list.is_empty() {
                    let items: Vec<String> = list.iter().map(|t| md(t)).collect();
                    let _ = writeln!(out, "  - {label}: {}", items.join("、"));
                }
            }
        }
        out.push('\n');
    }
    if !c.industries.is_empty() {
        out.push_str("### 業界版\n\n");
        for i in &c.industries {
            let _ = writeln!(
                out,
                "- {} <code>{}</code>（{}）",
                md(&i.name),
                md(&i.id),
                status_ja(i.status)
            );
            for f in &i.header {
                let _ = writeln!(
                    out,
                    "  - `{}`: {} → {}",
                    md(&f.field),
                    md(&f.before),
                    md(&f.after)
                );
            }
            for t in &i.terms.added {
                let _ = writeln!(out, "  - 用語の追加: {} → {}", md(&t.base), md(&t.word));
            }
            for t in &i.terms.removed {
                let _ = writeln!(out, "  - 用語の削除: {} → {}", md(&t.base), md(&t.word));
            }
            for t in &i.terms.changed {
                let _ = writeln!(
                    out,
                    "  - 用語の変更: {}: {} → {}",
                    md(&t.field),
                    md(&t.before),
                    md(&t.after)
                );
            }
            for (kind, ch) in [("情報取扱い", &i.handling), ("対策", &i.measures)] {
                for p in &ch.added {
                    let _ = writeln!(out, "  - {kind}の追加: {} {}", md(&p.id), md(&p.title));
                }
                for p in &ch.removed {
                    let _ = writeln!(out, "  - {kind}の削除: {} {}", md(&p.id), md(&p.title));
                }
                for p in &ch.changed {
                    let _ = writeln!(
                        out,
                        "  - {kind}の変更: {} {}",
                        md(&p.id),
                        md(&p.after.title)
                    );
                }
            }
        }
        out.push('\n');
    }
    out.push_str(&findings_md(&c.findings));
    out
}

fn findings_md(f: &Findings) -> String {
    let mut out = format!(
        "### 検査の結果\n\n新しく出た指摘 {} 件、直った指摘 {} 件\n",
        f.new.len(),
        f.fixed.len()
    );
    for (label, list) in [("新しく出た指摘", &f.new), ("直った指摘", &f.fixed)] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "\n{label}:\n\n| コード | 重さ | 場所 | 内容 |\n| --- | --- | --- | --- |\n"
        );
        for d in list {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                md(&d.code),
                md(&d.severity),
                md(&place(d)),
                md(&d.message)
            );
        }
    }
    out
}

/// Where a finding is: `file:line:column`, the file alone for a finding
/// about a whole file, or nothing.
fn place(d: &FindingView) -> String {
    match (&d.file, d.line, d.column) {
        (Some(f), Some(l), Some(c)) => format!("{f}:{l}:{c}"),
        (Some(f), _, _) => f.clone(),
        _ => String::new(),
    }
}

/// A finding as a terminal line: its place kept on the line (a file name
/// may hold a line feed).
fn finding_line(mark: &str, d: &FindingView) -> String {
    let place = place(d).replace('\n', "␊").replace('\r', "␍");
    if place.is_empty() {
        format!("  {mark} {}: {}", d.code, d.message)
    } else {
        format!("  {mark} {} {place}: {}", d.code, d.message)
    }
}

fn item_text(i: &ItemView) -> String {
    let mut s = format!("**{}**", md(&i.title));
    if let Some(t) = &i.text {
        let _ = write!(s, "<br>{}", md(t));
    }
    if let Some(l) = &i.level {
        let _ = write!(s, "（{}）", md(l));
    }
    s
}

/// Which parts of an entry differ, in words.
pub fn what_changed(b: &EntryView, a: &EntryView) -> Vec<String> {
    let mut v = Vec::new();
    if b.relation != a.relation {
        v.push(format!(
            "判定 {} → {}",
            rel_ja(b.relation.as_deref()),
            rel_ja(a.relation.as_deref())
        ));
    }
    if b.targets != a.targets {
        v.push("突合先".to_owned());
    }
    if b.strm != a.strm {
        v.push("関係（strm）".to_owned());
    }
    if b.rationale != a.rationale {
        v.push("理由".to_owned());
    }
    if b.measure != a.measure {
        v.push("業界固有の対策".to_owned());
    }
    if b.regulations != a.regulations {
        v.push("サンプル規程".to_owned());
    }
    v
}

/// The change as plain text for the terminal.
pub fn human(c: &Change) -> String {
    let mut out = String::new();
    if c.is_empty() {
        out.push_str("内容の変更はありません。\n");
        return out;
    }
    for x in &c.crosswalks {
        let _ = writeln!(
            out,
            "突合表 {}（{}）",
            x.key.replace("--", " → "),
            status_ja(x.status)
        );
        let judgment = x.basis == "judgment";
        for (label, view) in [
            ("変更前", &x.coverage.before),
            ("変更後", &x.coverage.after),
        ] {
            let Some(v) = view else {
                let _ = writeln!(out, "  {label}: なし");
                continue;
            };
            if judgment {
                let _ = writeln!(
                    out,
                    "  {label}: 対応 {} / 準対応 {} / 非対応 {} / 未記入 {}（{} 項目）",
                    v.covered, v.partial, v.none, v.unmapped, v.total
                );
            } else {
                let _ = writeln!(
                    out,
                    "  {label}: 参照あり {} / 参照なし {} / 未記入 {}",
                    v.cited, v.not_cited, v.unmapped
                );
            }
        }
        for f in &x.header {
            let _ = writeln!(out, "  {}: {} → {}", f.field, f.before, f.after);
        }
        for d in &x.entries.changed {
            let _ = writeln!(
                out,
                "  変更 {}: {}",
                d.source,
                what_changed(&d.before, &d.after).join("、")
            );
        }
        for e in &x.entries.added {
            let _ = writeln!(
                out,
                "  追加 {}（{}）",
                e.source,
                rel_ja(e.relation.as_deref())
            );
        }
        for e in &x.entries.removed {
            let _ = writeln!(
                out,
                "  削除 {}（{}）",
                e.source,
                rel_ja(e.relation.as_deref())
            );
        }
        for s in &x.stale {
            let _ = writeln!(out, "  見直しが必要（M008） {}: {}", s.source, s.message);
        }
    }
    for g in &c.catalogs {
        let _ = writeln!(out, "カタログ {}（{}）", g.key, status_ja(g.status));
        for f in &g.header {
            let _ = writeln!(out, "  {}: {} → {}", f.field, f.before, f.after);
        }
        for d in &g.items.changed {
            let _ = writeln!(
                out,
                "  変更 {}: {} → {}",
                d.id, d.before.title, d.after.title
            );
        }
        for i in &g.items.added {
            let _ = writeln!(out, "  追加 {} {}", i.id, i.title);
        }
        for i in &g.items.removed {
            let _ = writeln!(out, "  削除 {} {}", i.id, i.title);
        }
    }
    for g in &c.glossaries {
        let parts: Vec<String> = [
            ("追加", &g.added),
            ("削除", &g.removed),
            ("変更", &g.changed),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(label, v)| format!("{label} {}", v.join("、")))
        .collect();
        let _ = writeln!(
            out,
            "用語集 {}（{}）: {}",
            g.id,
            status_ja(g.status),
            parts.join(" / ")
        );
    }
    for i in &c.industries {
        let _ = writeln!(out, "業界版 {}（{}）", i.id, status_ja(i.status));
        for f in &i.header {
            let _ = writeln!(out, "  {}: {} → {}", f.field, f.before, f.after);
        }
        for (verb, list) in [("追加", &i.terms.added), ("削除", &i.terms.removed)] {
            for t in list {
                let _ = writeln!(out, "  用語の{verb} {} → {}", t.base, t.word);
            }
        }
        for t in &i.terms.changed {
            let _ = writeln!(out, "  用語の変更 {}: {} → {}", t.field, t.before, t.after);
        }
        for (kind, ch) in [("情報取扱い", &i.handling), ("対策", &i.measures)] {
            for (verb, list) in [("追加", &ch.added), ("削除", &ch.removed)] {
                for p in list {
                    let _ = writeln!(out, "  {kind}の{verb} {} {}", p.id, p.title);
                }
            }
            for p in &ch.changed {
                let _ = writeln!(out, "  {kind}の変更 {} {}", p.id, p.after.title);
            }
        }
    }
    let _ = writeln!(
        out,
        "検査の結果: 新しく出た指摘 {} 件、直った指摘 {} 件",
        c.findings.new.len(),
        c.findings.fixed.len()
    );
    for (mark, list) in [("新", &c.findings.new), ("済", &c.findings.fixed)] {
        for d in list {
            out.push_str(&finding_line(mark, d));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn practice(id: &str, title: &str) -> PracticeView {
        PracticeView {
            id: id.into(),
            title: title.into(),
            text: None,
            relates: Vec::new(),
        }
    }

    fn finding(file: Option<&str>, line: Option<usize>) -> FindingView {
        FindingView {
            code: "S005".into(),
            severity: "error".into(),
            file: file.map(Into::into),
            line,
            column: line,
            message: "名前が使えません".into(),
        }
    }

    /// The terminal shows what an industry's change does, as the pull
    /// request's Markdown does, and a finding's place as the lint writes it.
    #[test]
    fn the_terminal_lists_an_industrys_changes_and_places_as_written() {
        let field = |f: &str, b: &str, a: &str| FieldChange {
            field: f.into(),
            before: b.into(),
            after: a.into(),
        };
        let c = Change {
            industries: vec![IndustryChange {
                id: "auto".into(),
                name: "自動車".into(),
                status: Status::Changed,
                file: "guidelines/industries/auto.toml".into(),
                header: vec![field("name", "自動車", "自動車部品")],
                terms: Changes {
                    added: vec![TermView {
                        base: "取引先".into(),
                        word: "サプライヤー".into(),
                    }],
                    removed: Vec::new(),
                    changed: vec![field("顧客", "得意先", "納入先")],
                },
                handling: Changes {
                    added: Vec::new(),
                    removed: vec![practice("h-1", "図面の扱い")],
                    changed: Vec::new(),
                },
                measures: Changes {
                    added: Vec::new(),
                    removed: Vec::new(),
                    changed: vec![PracticeDelta {
                        id: "m-2".into(),
                        before: practice("m-2", "旧"),
                        after: practice("m-2", "持ち出しを記録する"),
                    }],
                },
            }],
            findings: Findings {
                new: vec![
                    finding(Some("book/x\nエラー 0 件.md"), None),
                    finding(Some("a.toml"), Some(3)),
                ],
                fixed: vec![finding(None, None)],
            },
            ..Change::default()
        };
        assert_eq!(
            human(&c),
            "業界版 auto（変更）
  name: 自動車 → 自動車部品
  用語の追加 取引先 → サプライヤー
  用語の変更 顧客: 得意先 → 納入先
  情報取扱いの削除 h-1 図面の扱い
  対策の変更 m-2 持ち出しを記録する
検査の結果: 新しく出た指摘 2 件、直った指摘 1 件
  新 S005 book/x␊エラー 0 件.md: 名前が使えません
  新 S005 a.toml:3:3: 名前が使えません
  済 S005: 名前が使えません
"
        );
    }

    #[test]
    fn values_cannot_become_markup_or_mentions() {
        let s = md("@org/team [x](javascript:alert(1)) <img src=x> | ![i](https://e/x.png)\n次");
        assert!(!s.contains('@') && !s.contains('[') && !s.contains("<img") && !s.contains('|'));
        assert!(s.ends_with("<br>次"));
        assert_eq!(md("対応"), "対応");
        assert_eq!(
            md("a\u{1b}]0;x\u{7}\r\n\rb\u{7f}\u{9b}"),
            "a␛&#93;0;x␇<br>␍b␡\u{FFFD}"
        );
    }
}
