//! Who wrote what a page shows: the notices a reader sees above text this
//! project wrote (sample regulations, the basic policy, an industry edition's
//! text, the diagnosis wording), above judgments (a crosswalk's), and above
//! anything fictional. The wording of every notice is here, in
//! [`Notice::html`]; the data decide which one a page gets.

use sc3_model::{Author, Crosswalk, Industry};

use crate::escape::content as esc;

/// A notice: which one, and the names it mentions.
#[derive(Clone, Debug)]
pub enum Notice<'a> {
    /// Our sample regulations.
    Regulations,
    /// Our sample basic policy.
    Policy,
    /// An industry edition, by who wrote it.
    Industry(&'a Industry),
    /// Our wording of the diagnosis questions.
    Diagnosis,
    /// A crosswalk: its judgments, or the citations it copies.
    Crosswalk {
        cw: &'a Crosswalk,
        source_publisher: Option<&'a str>,
        target_publisher: Option<&'a str>,
    },
    /// Something made up for an example; its name.
    Fictional(&'a str),
}

/// A name a notice mentions, escaped, when there is one.
fn named(name: Option<&str>) -> Option<String> {
    name.filter(|n| !n.is_empty()).map(esc)
}

impl Notice<'_> {
    /// The notice as HTML, on a line of its own in Markdown.
    pub fn html(&self) -> String {
        let text = match self {
            Notice::Regulations => "<strong>このプロジェクトの文例です。</strong>このサンプル規程は、IPA「中小企業の情報セキュリティ対策ガイドライン」付録5（情報セキュリティ関連規程）の章立てにならって、このプロジェクトが書いたものです。IPA の文ではありません。付録5で章の名前を確かめられたのは第1章から第8章までで、第9章から第12章は、あると考えられる章をこのプロジェクトが置いたものです。自社の規程にするときは、内容を確かめ、自社に合わせて直してください。".to_owned(),
            Notice::Policy => "<strong>このプロジェクトの文例です。</strong>この基本方針は、IPA「中小企業の情報セキュリティ対策ガイドライン」付録2（情報セキュリティ基本方針のサンプル）と同じ目的で、このプロジェクトが書いたものです。IPA の文ではありません。自社の方針にするときは、経営者が内容を確かめ、自社の言葉に直してください。".to_owned(),
            Notice::Diagnosis => "<strong>設問はこのプロジェクトの言葉です。</strong>25 の設問は、IPA「5分でできる！情報セキュリティ自社診断」の設問を、このプロジェクトが自分の言葉で書き直したものです（IPA の文ではありません）。点数の付け方（実施している 4 点、一部実施している 2 点、実施していない 0 点、わからない −1 点、100 点満点）と、結果の区分の点数の境目は IPA が公表しているとおりです。区分の呼び方、助言の文、設問ごとのヒントは、このプロジェクトが書いたものです。".to_owned(),
            Notice::Fictional(name) => format!(
                "<strong>架空の例です。</strong>{}説明のためにこのプロジェクトが作った架空のもので、実在の団体・会社・文書とは関係ありません。",
                named(Some(name)).map_or(String::new(), |n| format!("「{n}」は、"))
            ),
            Notice::Industry(ind) => {
                let association = ind.association.as_ref().map(|a| a.value.as_str());
                match ind.author() {
                    // A made-up association cannot endorse anything: the
                    // fictional notice that follows says what it is.
                    Author::Project if association.is_some_and(is_fictional) => {
                        "<strong>このプロジェクトが例として用意した業界版です。</strong>業界の用語の置き換え、業界固有の情報取扱いと対策は、このプロジェクトが書いたものです。".to_owned()
                    }
                    Author::Project => format!(
                        "<strong>このプロジェクトが例として用意した業界版です。</strong>業界の用語の置き換え、業界固有の情報取扱いと対策は、このプロジェクトが書いたものです。{}業界団体の担当者が内容を確かめて自らのものとするまでは、参考としてお読みください。",
                        named(association).map_or(String::new(), |a| format!(
                            "{a}が書いたもの、または認めたものではありません。"
                        ))
                    ),
                    Author::Association => format!(
                        "<strong>{}が作成・管理している業界版です。</strong>",
                        association.map_or(String::new(), esc)
                    ),
                }
            }
            Notice::Crosswalk {
                cw,
                source_publisher,
                target_publisher,
            } => {
                if cw.is_judgment() {
                    let mut publishers: Vec<&str> = [*source_publisher, *target_publisher]
                        .into_iter()
                        .flatten()
                        .collect();
                    publishers.dedup();
                    let maintainers: Vec<String> =
                        cw.maintainers.iter().map(|m| esc(&m.value)).collect();
                    format!(
                        "<strong>判定は突合した人の判断です。</strong>対応・準対応・非対応の判定と理由は、この突合表の担当者{}が両方の項目を見比べて記録したものです。{}{}理由に「サンプル規程」とあるものは、このプロジェクトが書いた文例の条項にもとづく判定です。理由の「見当たらない」は、突合先のカタログが収めている範囲（見出しや要約）に見当たらないという意味で、原典のすべてを確かめたという意味ではありません。",
                        if maintainers.is_empty() {
                            String::new()
                        } else {
                            format!("（{}）", maintainers.join("、"))
                        },
                        named(Some(&publishers.join("や")))
                            .map_or(String::new(), |p| format!("{p}の見解ではありません。")),
                        if cw.status() == sc3_model::Status::Draft {
                            "この突合表は作業中（draft）で、判定と理由には、まだ確かめていないもの（版の移行で古い版の突合表から写したものなど）が含まれます。"
                        } else {
                            ""
                        }
                    )
                } else {
                    format!(
                        "<strong>参照を写した対照表です。判定ではありません。</strong>{}文書の参照欄が、どの項目を挙げているかを写したものです。参照していることは、要求を満たすことを意味しないため、対応率は示しません。",
                        named(*source_publisher).map_or(String::new(), |p| format!("{p}の"))
                    )
                }
            }
        };
        format!("<div class=\"sc3-notice\" role=\"note\"><p>{text}</p></div>\n")
    }
}

/// Whether a name marks something as made up (架空).
pub fn is_fictional(name: &str) -> bool {
    name.contains("架空")
}

/// The notices an industry page opens with.
pub fn industry(ind: &Industry) -> String {
    let mut out = Notice::Industry(ind).html();
    if let Some(a) = ind.association.as_ref().filter(|a| is_fictional(&a.value)) {
        out.push_str(&Notice::Fictional(&a.value).html());
    }
    out
}

/// `markdown` with `notice` right after its first heading line (or first).
pub(crate) fn with_notice(markdown: &str, notice: &str) -> String {
    let at = markdown
        .lines()
        .position(|l| l.starts_with('#'))
        .map_or(0, |i| {
            markdown
                .split_inclusive('\n')
                .take(i + 1)
                .map(str::len)
                .sum()
        });
    format!("{}\n{notice}\n{}", &markdown[..at], &markdown[at..])
}
