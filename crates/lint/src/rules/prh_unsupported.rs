use sc3_model::Diagnostic;

use super::impl_rule;
use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// prh 辞書の規則のうち、このツールでは実行できないもの（JavaScript の
    /// 正規表現に固有の書き方で、対応する書き方がないもの、空文字列に一致して
    /// しまうものなど）を報告します。その規則だけを除き、ほかの規則は使います。
    ///
    /// ## なぜ
    ///
    /// 黙って規則を飛ばすと、textlint では見つかる表記ゆれがここでは見つからず、
    /// どちらを信じればよいか分からなくなります。飛ばした規則は必ず知らせます。
    ///
    /// ## 悪い例
    ///
    /// ```yaml
    /// rules:
    ///   - expected: 例
    ///     pattern: /(?:)/    # 空文字列に一致する
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```yaml
    /// rules:
    ///   - expected: 例示
    ///     pattern: /例(?!示)/
    /// ```
    pub struct PrhUnsupported {
        code: "T007",
        name: "prh-unsupported",
        severity: Warning,
        summary: "prh 辞書の規則のうち、このツールで実行できないものがある",
    }
}

impl_rule!(PrhUnsupported);

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (file, matcher) in &cx.prh {
        let Ok(m) = matcher else { continue };
        for e in m.unsupported() {
            let (f, span) = cx.prh_place(*file, e);
            out.push(
                Diagnostic::warning(
                    PrhUnsupported::META.code,
                    format!("prh の規則を実行できません: {}", e.message),
                )
                .at(f, span)
                .with_label("この規則は使わない")
                .with_help(
                    "同じ意味の、先読みや後方参照を使わない書き方にできるか検討してください",
                ),
            );
        }
    }
}
