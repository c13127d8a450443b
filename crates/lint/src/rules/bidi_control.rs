use sc3_model::Diagnostic;

use super::impl_rule;
use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 内容のファイル（TOML と Markdown）に、文字の表示の向きを変える制御文字
    /// （U+202A〜U+202E の埋め込み・上書き、U+2066〜U+2069 の分離）が
    /// 含まれていないかを調べます。ファイルのどこにあっても報告し、
    /// `--fix` で取り除けます。
    ///
    /// ## なぜ
    ///
    /// これらの文字は画面に見えないまま、後に続く文字の並び順を入れ替えて
    /// 表示させます。見出しや識別子が、レビューで見た内容と実際の内容とで
    /// 食い違って見えるように細工できるため、外部から届くプルリクエストでは
    /// 見逃せません。日本語の文章で必要になることはありません。
    ///
    /// ## 悪い例
    ///
    /// ```toml
    /// title = "管理体制を定める\u202E（見た目と中身が違う）"
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml
    /// title = "管理体制を定める"
    /// ```
    pub struct BidiControl {
        code: "T008",
        name: "bidi-control",
        severity: Error,
        summary: "表示の向きを変える制御文字が含まれている",
    }
}

impl_rule!(BidiControl);

/// The bidirectional embedding, override and isolate controls.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, file) in cx.repo.files.iter().enumerate() {
        for (at, c) in file
            .text
            .char_indices()
            .filter(|(_, c)| is_bidi_control(*c))
        {
            let span = at..at + c.len_utf8();
            out.push(
                Diagnostic::error(
                    BidiControl::META.code,
                    format!("表示の向きを変える制御文字 U+{:04X} があります", c as u32),
                )
                .at(sc3_model::FileId(i), span.clone())
                .with_label("見えない制御文字")
                .with_help("この文字を取り除いてください（cargo xtask lint --fix で取り除けます）")
                .with_fix(span, ""),
            );
        }
    }
}
