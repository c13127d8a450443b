use sc3_model::{Diagnostic, FileId};

use crate::written::{self, is_control};
use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 内容のファイル（TOML、Markdown、prh 辞書の YAML、見本規程の
    /// テンプレート）に、制御文字が含まれていないかを調べます。対象は
    /// エスケープ（U+001B）、ベル（U+0007）、バックスペース（U+0008）などの
    /// C0 制御文字、削除（U+007F）、U+0080〜U+009F の C1 制御文字です。
    /// 行の区切りと字下げに使うタブ、改行（LF）、復帰（CR）は対象外です。
    ///
    /// 別の書き方をしたものも報告します。TOML の文字列や YAML の `"…"` で
    /// 囲んだ値のエスケープ（`\u001b`、`\x1b`、`\e`、`\b`、`\f`、YAML の
    /// `\a`、`\v`、`\0`、`\N`）、Markdown とテンプレートの文字参照（`&#x1b;`、
    /// `;` のない `&#27`）です。HTML は `&#x80;`〜`&#x9F;` を制御文字では
    /// なく別の記号（windows-1252 の文字）として読むので、それらは対象外
    /// です。ただし windows-1252 に文字のない `&#x81;`、`&#x8D;`、`&#x8F;`、
    /// `&#x90;`、`&#x9D;` は制御文字のままなので報告します。
    ///
    /// `--fix` でその文字（エスケープ、文字参照）を取り除けます。prh 辞書
    /// （YAML）だけは自動では直しません。`"/\bJS\b/"` の `\b` を取り除くと
    /// `/JS/` になり、規則が「JSON」の中にも当てはまるようになるなど、
    /// 規則の意味が変わるからです。
    ///
    /// ## なぜ
    ///
    /// 制御文字はハンドブックのページには表示されず、レビューでも GitHub の
    /// 差分でも気づけません。一方で端末はこれを命令として受け取ります。
    /// `\u001b]0;…` は端末の題名を書き換え、`\u001b[2J` は画面を消し、
    /// `\u001b[8m` は後に続く文字を見えなくします。このツールの出力は制御
    /// 文字を `␛` のような記号に置き換えて表示しますが、同じ内容を別の道具で
    /// 表示する人もいます。文章に必要な文字ではないので、取り除きます。
    /// YAML の `"…"` の中の `\b` は正規表現の単語境界ではなくバックスペース
    /// になるので、この検査で気づけます（`'…'` で囲むか `\\b` と書きます）。
    ///
    /// ## 悪い例
    ///
    /// ```toml file=guidelines/ipa-sme/3.1.toml
    /// [guideline]
    /// id = "ipa-sme"
    /// version = "3.1"
    /// title = "中小企業の情報セキュリティ対策ガイドライン"
    ///
    /// [[item]]
    /// id = "kitei-7"
    /// title = "サーバーの管理\u001b[8m"
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml file=guidelines/ipa-sme/3.1.toml
    /// [guideline]
    /// id = "ipa-sme"
    /// version = "3.1"
    /// title = "中小企業の情報セキュリティ対策ガイドライン"
    ///
    /// [[item]]
    /// id = "kitei-7"
    /// title = "サーバーの管理"
    /// ```
    pub struct ControlCharacter {
        code: "T010",
        name: "control-character",
        severity: Warning,
        summary: "端末が命令として受け取る制御文字が含まれている",
        check: check,
    }
}

/// What the character is, in a few words.
fn name(c: char) -> &'static str {
    match c {
        '\0' => "ヌル文字",
        '\u{7}' => "ベル",
        '\u{8}' => "バックスペース",
        '\u{B}' => "垂直タブ",
        '\u{C}' => "改ページ",
        '\u{1B}' => "エスケープ",
        '\u{7F}' => "削除",
        '\u{80}'..='\u{9F}' => "C1 制御文字",
        _ => "C0 制御文字",
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, file) in cx.repo.files.iter().enumerate() {
        // In a prh dictionary the character is part of a rule: removing it
        // changes what the rule matches, so the author decides.
        let dictionary = written::is_yaml(&file.path);
        for w in cx.hidden(FileId(i)).iter().filter(|w| is_control(w.c)) {
            out.push(finding(FileId(i), file.slice(&w.span), w, dictionary));
        }
    }
}

fn finding(file: FileId, source: &str, w: &written::Written, dictionary: bool) -> Diagnostic {
    // The source of an escape is printable; a raw control is named only.
    let how = if w.escaped {
        format!("（{source} と書かれています）")
    } else {
        String::new()
    };
    let d = ControlCharacter::diag(format!(
        "制御文字 U+{:04X}（{}）があります{how}",
        w.c as u32,
        name(w.c)
    ))
    .at(file, w.span.clone())
    .with_label("制御文字");
    if dictionary {
        return d.with_help(
            "規則の意味が変わるので自動では直しません。正規表現の単語境界なら '…' で囲むか \\\\b と書き、そうでなければ取り除いてください",
        );
    }
    d.with_help("この文字を取り除いてください（cargo xtask lint --fix で取り除けます）")
        .with_fix(w.span.clone(), "")
}

#[cfg(test)]
mod tests {
    use super::ControlCharacter;
    use crate::tester::{Base, Tester, at};

    const PASS_INTRO: &str = "# はじめに\r\n\r\n\t字下げと改行だけの文章。&#x9B; は HTML では › です。\r\n\n`\\e` や `&#x1b;` と書いたコードは、そのまま表示されます。\n";

    const PASS_WORDS: &str = r#"version: 1
rules:
  - expected: "JavaScript"
    pattern: '/\bJS\b/'
"#;

    const FAIL_INTRO: &str = "# はじめに

端末の題名を\u{1b}]0;書き換え\u{7}、色を\u{9b}31m変える文字です。

参照で書いた&#x1b;と&#27（セミコロンなし）と&#x7F;も同じです。
";

    const FAIL_TEMPLATE: &str = "# 情報セキュリティ規程

{{company}} は\u{8}、情報資産を管理します。
";

    const FAIL_WORDS: &str = r#"version: 1
rules:
  - expected: "JavaScript"
    pattern: "/\bJS\b/"
"#;

    const FAIL_CATALOG: &str = r#"[guideline]
id = "x"
version = "1"
title = "例\u001b[8m示"
"#;

    #[test]
    fn pass() {
        Tester::new(&ControlCharacter::RULE, Base::Empty)
            .file("book/src/intro.md", PASS_INTRO)
            .file("guidelines/glossary/words.yml", PASS_WORDS)
            .pass();
    }

    #[test]
    fn fail() {
        let md = "book/src/intro.md";
        let hbs = "book/regulations/kitei.hbs";
        let yml = "guidelines/glossary/words.yml";
        let r = Tester::new(&ControlCharacter::RULE, Base::Empty)
            .file(md, FAIL_INTRO)
            .file(hbs, FAIL_TEMPLATE)
            .file(yml, FAIL_WORDS)
            .file("guidelines/x/1.toml", FAIL_CATALOG)
            .fail();
        // As themselves (C0, BEL, C1, in a template), as references with
        // and without `;`, as YAML's `\b` (a backspace in double quotes) and
        // as a TOML escape.
        assert_eq!(
            r.places(),
            [
                at(hbs, 3, 14),
                at(md, 3, 7),
                at(md, 3, 15),
                at(md, 3, 19),
                at(md, 5, 7),
                at(md, 5, 14),
                at(md, 5, 28),
                at(yml, 4, 16),
                at(yml, 4, 20),
                at("guidelines/x/1.toml", 4, 11),
            ]
        );
        // Removed by --fix, but in the prh dictionary, where it is part of a
        // rule.
        let fixes: Vec<String> = r
            .found()
            .iter()
            .filter_map(|d| d.fix.as_ref().map(|f| f.replacement.clone()))
            .collect();
        assert_eq!(fixes, vec![String::new(); 8]);
        let in_dictionary = r
            .found()
            .iter()
            .filter(|d| {
                d.fix.is_none() && d.help.as_deref().is_some_and(|h| h.contains("単語境界"))
            })
            .count();
        assert_eq!(in_dictionary, 2);
    }
}
