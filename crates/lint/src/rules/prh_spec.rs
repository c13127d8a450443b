use sc3_model::Diagnostic;

use super::impl_rule;
use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// `guidelines/glossary/` に置いた prh 辞書（`*.yml`）の規則が使えるかと、
    /// 規則に添えた自己テスト（`specs`: `from` を直すと `to` になる）が
    /// 通るかを調べます。prh が辞書ごと読み込みを拒む誤り（`-` を含む文字列の
    /// パターンなど）もここで報告します。
    ///
    /// ## なぜ
    ///
    /// `specs` は、規則が意図どおりに働くことを確かめるために書くものです。
    /// 通らない規則は、本文を誤って書き換えてしまうおそれがあります。prh や
    /// textlint と同じく、通らないうちはその辞書を使いません。
    ///
    /// ## 悪い例
    ///
    /// ```yaml
    /// version: 1
    /// rules:
    ///   - expected: サーバー
    ///     pattern: /サーバ(?!ー)/
    ///     specs:
    ///       - from: サーバ管理
    ///         to: サーバ管理       # 直した結果は「サーバー管理」になる
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```yaml
    /// version: 1
    /// rules:
    ///   - expected: サーバー
    ///     pattern: /サーバ(?!ー)/
    ///     specs:
    ///       - from: サーバ管理
    ///         to: サーバー管理
    /// ```
    pub struct PrhSpec {
        code: "T006",
        name: "prh-spec",
        severity: Error,
        summary: "prh 辞書の規則が使えない、または自己テスト（specs）が通らない",
    }
}

impl_rule!(PrhSpec);

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (file, matcher) in &cx.prh {
        match matcher {
            Err(errors) => {
                for e in errors {
                    let (f, span) = cx.prh_place(*file, e);
                    out.push(
                        Diagnostic::error(
                            PrhSpec::META.code,
                            format!("prh 辞書を使えません: {}", e.message),
                        )
                        .at(f, span)
                        .with_label("prh が受け付けない規則")
                        .with_help("prh と同じく、この辞書は直すまで使いません"),
                    );
                }
            }
            Ok(m) => {
                for failure in m.run_specs() {
                    let e = prh::PrhError {
                        file: failure.file.clone(),
                        line: failure.line,
                        column: 1,
                        message: String::new(),
                    };
                    let (f, span) = cx.prh_place(*file, &e);
                    out.push(
                        Diagnostic::error(
                            PrhSpec::META.code,
                            format!(
                                "prh の自己テストが通りません: 「{}」を直すと「{}」になるはずが「{}」になります",
                                failure.from, failure.expected_to, failure.actual_to
                            ),
                        )
                        .at(f, span)
                        .with_label("この規則の specs")
                        .with_help("規則の pattern か expected、または specs の to を直してください"),
                    );
                }
            }
        }
    }
}
