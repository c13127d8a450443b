use prh::{BACKTRACK_LIMIT, Budget, MAX_BACKTRACKING_CHARS};
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
    /// 先読み・後読み・後方参照を使う規則は、文章の長さの 2 乗以上に時間が
    /// かかることがあるため、上限を設けています。2,000 文字を超える段落には
    /// 当てはめず、1 回の照合で後戻りが 100,000 回を超えたらそこで打ち切ります。
    /// そのときは、規則と段落の場所を示して、その段落には規則を当てはめきれて
    /// いないことを知らせます。その段落では textlint と結果が違うことがあります。
    ///
    /// ## なぜ
    ///
    /// 黙って規則を飛ばすと、textlint では見つかる表記ゆれがここでは見つからず、
    /// どちらを信じればよいか分からなくなります。飛ばした規則は必ず知らせます。
    /// 上限がないと、プルリクエストに長い 1 行を入れるだけで検査が終わらなく
    /// なります。
    ///
    /// ## 悪い例
    ///
    /// ```yaml
    /// rules:
    ///   - expected: 例
    ///     pattern: /(?:)/    # 空文字列に一致する
    /// ```
    ///
    /// 先読みの規則と、3,000 文字を 1 行に書いた段落:
    ///
    /// ```yaml
    /// rules:
    ///   - expected: サーバー
    ///     pattern: /サーバ(?=[^。]*ます)/
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```yaml
    /// rules:
    ///   - expected: 例示
    ///     pattern: /例(?!示)/
    /// ```
    ///
    /// 長い段落は、空行で区切って 2,000 文字以内の段落に分けます。
    pub struct PrhUnsupported {
        code: "T007",
        name: "prh-unsupported",
        severity: Warning,
        summary: "prh 辞書の規則のうち、このツールで実行できない（当てはめきれない）ものがある",
    }
}

impl_rule!(PrhUnsupported);

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    unsupported(cx, out);
    over_budget(cx, out);
}

/// Where a backtracking rule met its budget: the rule was not (fully) applied
/// to that paragraph.
fn over_budget(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (dict_file, matcher, ft, found) in cx.prh_results() {
        let text = &cx.repo.file(ft.file).text;
        for i in &found.incomplete {
            let rule = &matcher.rules()[i.rule_index];
            let pattern = rule
                .js_regex()
                .map_or_else(|_| rule.expected.clone(), |js| js.to_string());
            let why = match i.budget {
                Budget::TooLong { chars } => format!(
                    "この段落は {chars} 文字あり、先読み・後読み・後方参照を使う規則を当てはめる上限（{MAX_BACKTRACKING_CHARS} 文字）を超えています。この段落にはこの規則を当てはめていません"
                ),
                Budget::Backtracking => format!(
                    "照合の後戻りが上限（{BACKTRACK_LIMIT} 回）を超えたので打ち切りました。この段落の途中から後ろにはこの規則を当てはめていません"
                ),
            };
            // The paragraph's first character: the place, not the whole
            // (long) paragraph.
            let first = text[i.start..i.end]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            let (rule_file, rule_span) = cx.prh_rule_place(dict_file, rule);
            out.push(
                    Diagnostic::warning(
                        PrhUnsupported::META.code,
                        format!("prh の規則 {pattern}（→「{}」）を当てはめきれていません: {why}", rule.expected),
                    )
                    .at(ft.file, i.start..i.start + first)
                    .with_label("この段落")
                    .with_help("段落を空行で分けて短くしてください。この段落では textlint と結果が違うことがあります")
                    .with_related(rule_file, rule_span, "prh 辞書の規則"),
                );
        }
    }
}

fn unsupported(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
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
