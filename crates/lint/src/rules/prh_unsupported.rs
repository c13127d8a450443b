use prh::{BACKTRACK_LIMIT, Budget, MAX_BACKTRACKING_CHARS};
use sc3_model::Diagnostic;

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
    /// ただし、決まった文字列のすぐ後を短い先読みで確かめるだけの規則
    /// （`/(サーバ)(?!ー)/` など）は、文章の長さに比例する時間で当てはめられる
    /// ので、上限はありません。
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
    /// ```yaml file=guidelines/glossary/prh.yml
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
    /// ```yaml file=guidelines/glossary/prh.yml
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
        check: check,
    }
}

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
                    PrhUnsupported::diag(format!("prh の規則 {pattern}（→「{}」）を当てはめきれていません: {why}", rule.expected))
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
                PrhUnsupported::diag(format!("prh の規則を実行できません: {}", e.message))
                    .at(f, span)
                    .with_label("この規則は使わない")
                    .with_help(
                        "同じ意味の、先読みや後方参照を使わない書き方にできるか検討してください",
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PrhUnsupported;
    use crate::tester::{Base, Tester, at};

    const PASS_WORDS: &str = crate::rules::prh_spec::tests::PASS_WORDS;
    const FAIL_WORDS: &str = r#"version: 1
rules:
  - expected: サーバー
    pattern: /サーバ(?=[^。]*ます)/
  - expected: 例
    pattern: /(?:)/
"#;

    /// A literal with a short look-ahead runs in linear time: no budget.
    const LINEAR_WORDS: &str = r#"version: 1
rules:
  - expected: サーバー
    pattern: /サーバ(?!ー)/
"#;

    const FAIL_LONG: &str = r#"# 長い段落

サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。サーバの設定を確認します。
"#;

    #[test]
    fn pass() {
        // The dictionary of prh-spec's tests, whose rules all run.
        Tester::new(&PrhUnsupported::RULE, Base::Empty)
            .file("guidelines/glossary/words.yml", PASS_WORDS)
            .pass();
    }

    #[test]
    fn a_short_look_ahead_has_no_budget() {
        Tester::new(&PrhUnsupported::RULE, Base::Empty)
            .file("guidelines/glossary/words.yml", LINEAR_WORDS)
            .file("book/src/long.md", FAIL_LONG)
            .pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&PrhUnsupported::RULE, Base::Empty)
            .file("guidelines/glossary/words.yml", FAIL_WORDS)
            .file("book/src/long.md", FAIL_LONG)
            .fail();
        // An unsupported pattern, and a look-ahead rule over its budget.
        assert_eq!(
            r.places(),
            [
                at("book/src/long.md", 3, 1),
                at("guidelines/glossary/words.yml", 5, 5)
            ]
        );
    }
}
