use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use sc3_model::{Diagnostic, FileId};

use super::bidi_control::is_bidi_control;
use crate::written::{self, Written, is_default_ignorable};
use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 内容のファイル（TOML、Markdown、prh 辞書の YAML、見本規程の
    /// テンプレート）に、画面に何も表示されない文字が含まれていないかを
    /// 調べます。対象は Unicode が「既定では表示しない」と定める文字
    /// （Default_Ignorable_Code_Point）のうち、表示の向きを変える制御文字
    /// （検査 T008 が報告します）以外のものです。
    ///
    /// - ゼロ幅スペース（U+200B）、ゼロ幅非接合子・接合子（U+200C、U+200D）、
    ///   単語結合子（U+2060）、見えない数式記号（U+2061〜U+2064）
    /// - ソフトハイフン（U+00AD）、書記素結合子（U+034F）、方向を示すマーク
    ///   （U+200E、U+200F、U+061C）、モンゴル文字の母音区切り（U+180E）
    /// - ファイルの途中の U+FEFF（ファイル先頭の BOM は読み込み時に外すので
    ///   対象外です）
    /// - 異体字セレクタ（U+FE00〜U+FE0F、U+E0100〜U+E01EF、U+180B〜U+180F）、
    ///   タグ文字（U+E0000〜U+E0FFF）、ハングルの埋め草文字（U+115F、U+1160、
    ///   U+3164、U+FFA0）、将来のために取ってある符号位置
    ///
    /// TOML の文字列や YAML の `"…"` で囲んだ値のエスケープ（`\u200B`、
    /// `\xAD`）、Markdown とテンプレートの文字参照（`&#x200B;`、`;` のない
    /// `&#x200B`、`&ZeroWidthSpace;`、`&zwj;`、`&shy;` など）で書いたものも
    /// 報告します。YAML のエスケープ `\N`、`\_`、`\L`、`\P` は改行や空白に
    /// なる文字で、見えない文字ではないので対象外です。
    ///
    /// 意味のある使い方は報告しません。
    ///
    /// - 漢字の直後の異体字セレクタ（「葛」に U+E0100 を続ける IVS、互換漢字の
    ///   標準異体字）は、人名や社名の字形を指定するために使います。
    /// - 記号・数字・絵文字の直後の U+FE0E、U+FE0F（テキスト表示・絵文字表示
    ///   の指定、キーキャップの「1」に続く U+FE0F など）。
    /// - 絵文字どうしをつなぐゼロ幅接合子（家族の絵文字など）と、旗の絵文字
    ///   （U+1F3F4 の後に続くタグ文字の並び）。
    ///
    /// それ以外の場所の異体字セレクタ（かなやラテン文字の後、空白の後、
    /// 別のセレクタの後）は何の働きもしないので報告します。絵文字かどうかは
    /// 主な絵文字の範囲（U+2300〜U+23FF、U+2600〜U+27BF、U+2B00〜U+2BFF、
    /// U+1F000〜U+1FAFF）で判断します。エスケープや文字参照で書いた
    /// セレクタと接合子は、前後がそのまま書かれた文字のときだけ同じように
    /// 扱います。
    ///
    /// `--fix` でその文字（エスケープ、文字参照）を取り除けます。空白のように
    /// 表示されることがあるハングルの埋め草文字だけは、取り除くと見た目が
    /// 変わりうるので自動では直しません。
    ///
    /// 用語集の照合（検査 T001、T002）は、これらの文字を取り除いた文章で
    /// 行います。「サー\u200Bバ」も「サーバ」として見つかり、その修正は見えない
    /// 文字ごと置き換えます。エスケープや文字参照で書いたもの（`サ\u200Bーバ`、
    /// `サー&#x200B;バ`）も同じです。prh 辞書の規則は textlint と同じ結果に
    /// するため、書かれたままの文章に当てはめます。
    ///
    /// ## なぜ
    ///
    /// 見えない文字は、レビューでも GitHub の差分でも気づけません。語の途中に
    /// 入ると、読む人には同じ語に見えても、検索や用語の照合では別の文字列に
    /// なり、表記ゆれの検査をすり抜けます。PDF やワープロからの貼り付けで
    /// 紛れ込むことも多い文字です。
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
    /// title = "サー\u200Bバの管理"
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
    pub struct InvisibleCharacter {
        code: "T009",
        name: "invisible-character",
        severity: Error,
        summary: "ゼロ幅スペースなど、画面に表示されない文字が含まれている",
        check: check,
    }
}

/// What T009 reports: the default-ignorable characters other than T008's.
pub(crate) fn is_invisible(c: char) -> bool {
    is_default_ignorable(c) && !is_bidi_control(c)
}

fn is_ideograph(c: char) -> bool {
    matches!(
        c,
        '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}

/// The main emoji blocks.
fn is_pictograph(c: char) -> bool {
    matches!(
        c,
        '\u{2300}'..='\u{23FF}'
            | '\u{2600}'..='\u{27BF}'
            | '\u{2B00}'..='\u{2BFF}'
            | '\u{1F000}'..='\u{1FAFF}'
    )
}

/// A character a text or emoji presentation selector can follow: a symbol,
/// a digit, an emoji; not a letter, a space or another invisible character.
fn presentable(c: char) -> bool {
    !c.is_alphabetic() && !c.is_whitespace() && !c.is_control() && !is_default_ignorable(c)
}

/// Flag emoji: a black flag, tag characters, a cancel tag.
static FLAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\x{1F3F4}[\x{E0020}-\x{E007E}]+\x{E007F}").unwrap());

/// Whether `c`, between `before` and `after`, does what it is for.
fn in_use(c: char, before: Option<char>, after: Option<char>) -> bool {
    match c {
        '\u{FE0E}' | '\u{FE0F}' => before.is_some_and(|b| is_ideograph(b) || presentable(b)),
        '\u{FE00}'..='\u{FE0D}' | '\u{E0100}'..='\u{E01EF}' => before.is_some_and(is_ideograph),
        '\u{200D}' => {
            before.is_some_and(|b| {
                is_pictograph(b) || b == '\u{FE0F}' || ('\u{1F3FB}'..='\u{1F3FF}').contains(&b)
            }) && after.is_some_and(is_pictograph)
        }
        _ => false,
    }
}

/// What the character is, in a few words.
fn name(c: char) -> &'static str {
    match c {
        '\u{AD}' => "ソフトハイフン",
        '\u{34F}' => "書記素結合子",
        '\u{200B}' => "ゼロ幅スペース",
        '\u{200C}' => "ゼロ幅非接合子",
        '\u{200D}' => "ゼロ幅接合子",
        '\u{61C}' | '\u{200E}' | '\u{200F}' => "方向を示すマーク",
        '\u{2060}' => "単語結合子",
        '\u{2061}'..='\u{2064}' => "見えない数式記号",
        '\u{FEFF}' => "ゼロ幅ノーブレークスペース、BOM",
        '\u{180E}' => "モンゴル文字の母音区切り",
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{180B}'..='\u{180F}' => {
            "異体字セレクタ"
        }
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => "ハングルの埋め草文字",
        '\u{E0000}'..='\u{E007F}' => "タグ文字",
        _ => "表示されない文字",
    }
}

/// Fillers show as a blank in some fonts: removing one may change the look.
fn removable(c: char) -> bool {
    !matches!(c, '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}')
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, file) in cx.repo.files.iter().enumerate() {
        let found: Vec<&Written> = cx
            .hidden(FileId(i))
            .iter()
            .filter(|w| is_invisible(w.c))
            .collect();
        if found.is_empty() {
            continue;
        }
        let text = file.text.as_str();
        let flags: Vec<Range<usize>> = FLAG.find_iter(text).map(|m| m.range()).collect();
        for w in found {
            let in_flag = {
                let k = flags.partition_point(|f| f.start <= w.span.start);
                k > 0 && w.span.end <= flags[k - 1].end
            };
            let before = text[..w.span.start].chars().next_back();
            let after = text[w.span.end..].chars().next();
            if in_flag || in_use(w.c, before, after) {
                continue;
            }
            out.push(finding(FileId(i), file.slice(&w.span), w));
        }
    }
}

fn finding(file: FileId, source: &str, w: &written::Written) -> Diagnostic {
    let how = if w.escaped {
        format!("（{source} と書かれています）")
    } else {
        String::new()
    };
    let selector = name(w.c) == "異体字セレクタ";
    let help = match (removable(w.c), selector) {
        (false, _) => {
            "空白に見えることがありますが、文字ではありません。取り除くか、ふつうの空白にしてください".to_owned()
        }
        (true, true) => "直前の文字には異体字がないので、このセレクタは何もしていません。取り除いてください（cargo xtask lint --fix で取り除けます）".to_owned(),
        (true, false) => "この文字を取り除いてください（cargo xtask lint --fix で取り除けます）".to_owned(),
    };
    let d = InvisibleCharacter::diag(format!(
        "見えない文字 U+{:04X}（{}）があります{how}",
        w.c as u32,
        name(w.c)
    ))
    .at(file, w.span.clone())
    .with_label("見えない文字")
    .with_help(help);
    if removable(w.c) {
        d.with_fix(w.span.clone(), "")
    } else {
        d
    }
}

#[cfg(test)]
mod tests {
    use super::InvisibleCharacter;
    use crate::tester::{Base, Tester, at};

    const PASS_INTRO: &str = "# はじめに

人名の字形を指定する葛\u{E0100}城さん、互換漢字の標準異体字 艹\u{FE00}。

絵文字 👨\u{200D}👩\u{200D}👧 と ☺\u{FE0F} と 1\u{FE0F}⃣ と旗 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}。

`&#x200B;` のようなコードの中の書き方は、そのまま表示されるだけです。
";

    const PASS_WORDS: &str = r#"version: 1
rules:
  - expected: "ユーザー"
    pattern: /ユーザ(?!ー)/
    prh: "長音符を付ける\u3042\N"
"#;

    const FAIL_INTRO: &str = "# はじめに

サー\u{200B}バの設定を、ソフト\u{00AD}ハイフンで区切らずに書きます。

参照で書いた&#x200B;と&ZeroWidthSpace;と&#8203（セミコロンなし）も同じです。

かなの後の異体字セレクタ\u{FE0F}も、働きのない文字です。
";

    const FAIL_TEMPLATE: &str = "# 情報セキュリティ規程

{{company}} は、情報資産を\u{FEFF}管理します&shy;。
";

    const FAIL_WORDS: &str = r#"version: 1
rules:
  - expected: "ユーザー"
    pattern: /ユーザ(?!ー)/
    prh: "長音符を\xAD付ける"
"#;

    const FAIL_GLOSSARY: &str = r#"[glossary]
id = "common"
scope = "all"

[[term]]
preferred = "サーバー"
variants = ["サーバ"]
note = "長音符を\u2060付ける"
"#;

    #[test]
    fn pass() {
        Tester::new(&InvisibleCharacter::RULE, Base::Empty)
            .file("book/src/intro.md", PASS_INTRO)
            .file("guidelines/glossary/words.yml", PASS_WORDS)
            .pass();
    }

    #[test]
    fn fail() {
        let md = "book/src/intro.md";
        let hbs = "book/regulations/kitei.hbs";
        let r = Tester::new(&InvisibleCharacter::RULE, Base::Empty)
            .file(md, FAIL_INTRO)
            .file(hbs, FAIL_TEMPLATE)
            .file("guidelines/glossary/words.yml", FAIL_WORDS)
            .file("guidelines/glossary/common.toml", FAIL_GLOSSARY)
            .fail();
        assert_eq!(
            r.places(),
            [
                at(hbs, 3, 20),
                at(hbs, 3, 26),
                at(md, 3, 3),
                at(md, 3, 13),
                at(md, 5, 7),
                at(md, 5, 16),
                at(md, 5, 33),
                at(md, 7, 13),
                at("guidelines/glossary/common.toml", 8, 13),
                at("guidelines/glossary/words.yml", 5, 15)
            ]
        );
        // Each removed by --fix, written as itself or otherwise.
        assert!(
            r.found()
                .iter()
                .all(|d| d.fix.as_ref().unwrap().replacement.is_empty()
                    && d.fix.as_ref().unwrap().span == *d.span.as_ref().unwrap())
        );
    }
}
