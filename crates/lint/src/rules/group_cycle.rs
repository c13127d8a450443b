use std::collections::HashMap;

use sc3_model::Diagnostic;

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// グループの `parent` をたどると元のグループに戻ってしまう（循環している）
    /// 箇所を見つけます。
    ///
    /// ## なぜ
    ///
    /// グループは見出しの入れ子です。循環があると、ハンドブックの目次も
    /// 項目の所属も決まりません。
    ///
    /// ## 悪い例
    ///
    /// ```toml file=guidelines/ipa-sme/3.1.toml
    /// [guideline]
    /// id = "ipa-sme"
    /// version = "3.1"
    /// title = "中小企業の情報セキュリティ対策ガイドライン"
    ///
    /// [[group]]
    /// id = "diag"
    /// parent = "diag-1"
    /// title = "自社診断"
    ///
    /// [[group]]
    /// id = "diag-1"
    /// parent = "diag"
    /// title = "基本的対策"
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
    /// [[group]]
    /// id = "diag"
    /// title = "自社診断"
    ///
    /// [[group]]
    /// id = "diag-1"
    /// parent = "diag"
    /// title = "基本的対策"
    /// ```
    pub struct GroupCycle {
        code: "R004",
        name: "group-cycle",
        severity: Error,
        summary: "グループの親子関係が循環している",
        check: check,
    }
}

/// Where a walk up the parents has been.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seen {
    /// On the walk being made now: reaching it again closes a cycle.
    OnWalk,
    /// On an earlier walk: whatever lies above it is known.
    Done,
}

/// Every cycle of parents in `groups`, each once, as the path from the
/// member that comes first in the file round to it again, with that member's
/// index; in the order of those members. Each group is walked over once, so
/// the cost is linear in the number of groups however deep they nest.
fn cycles(groups: &[sc3_model::Group]) -> Vec<(usize, Vec<&str>)> {
    let parent: HashMap<&str, &str> = groups
        .iter()
        .filter_map(|gr| Some((gr.id.value.as_str(), gr.parent.as_ref()?.value.as_str())))
        .collect();
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, gr) in groups.iter().enumerate() {
        first.entry(gr.id.value.as_str()).or_insert(i);
    }
    let mut seen: HashMap<&str, Seen> = HashMap::new();
    let mut found = Vec::new();
    let mut walk: Vec<&str> = Vec::new();
    for gr in groups {
        let mut at = gr.id.value.as_str();
        loop {
            match seen.get(at) {
                Some(Seen::OnWalk) => {
                    // The walk from `at` on is the cycle, in parent order.
                    let from = walk.iter().position(|&x| x == at).unwrap_or(0);
                    let mut path = walk[from..].to_vec();
                    let (k, start) = path
                        .iter()
                        .enumerate()
                        .map(|(k, id)| (k, first[id]))
                        .min_by_key(|&(_, i)| i)
                        .expect("a cycle has a member");
                    path.rotate_left(k);
                    path.push(path[0]);
                    found.push((start, path));
                    break;
                }
                Some(Seen::Done) => break,
                None => {}
            }
            seen.insert(at, Seen::OnWalk);
            walk.push(at);
            match parent.get(at) {
                Some(&p) => at = p,
                None => break,
            }
        }
        for id in walk.drain(..) {
            seen.insert(id, Seen::Done);
        }
    }
    found.sort_by_key(|&(start, _)| start);
    found
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for g in &cx.repo.guidelines {
        // Each cycle once, at the group of the cycle that comes first in the file.
        for (start, path) in cycles(&g.groups) {
            let gr = &g.groups[start];
            let span = gr
                .parent
                .as_ref()
                .map_or(gr.id.span.clone(), |p| p.span.clone());
            out.push(
                GroupCycle::diag(format!(
                    "グループの親子関係が循環しています: {}",
                    path.join(" → ")
                ))
                .at(g.file, span)
                .with_label("ここから親をたどると元に戻る")
                .with_help("いちばん外側のグループの parent を消してください"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tester::{Base, Tester, at};
    use sc3_model::{Group, Spanned};

    fn groups(pairs: &[(&str, Option<&str>)]) -> Vec<Group> {
        let s = |v: &str| Spanned {
            value: v.to_owned(),
            span: 0..0,
        };
        pairs
            .iter()
            .map(|&(id, parent)| Group {
                span: 0..0,
                id: s(id),
                parent: parent.map(s),
                title: s(id),
            })
            .collect()
    }

    #[test]
    fn each_cycle_once_from_its_first_member_in_the_file() {
        let g = groups(&[
            ("top", None),
            ("c", Some("a")),
            ("a", Some("b")),
            ("b", Some("c")),
            ("leaf", Some("a")),
            ("self", Some("self")),
            ("x", Some("missing")),
        ]);
        let found: Vec<(usize, String)> = cycles(&g)
            .into_iter()
            .map(|(i, p)| (i, p.join(" → ")))
            .collect();
        assert_eq!(
            found,
            [(1, "c → a → b → c".into()), (5, "self → self".into())]
        );
    }

    #[test]
    fn pass() {
        Tester::new(&GroupCycle::RULE, Base::Small).pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&GroupCycle::RULE, Base::Small)
            .edit(
                "guidelines/base/1.0.toml",
                "id = \"kitei\"\ntitle = \"関連規程\"\n",
                r#"id = "kitei"
parent = "appendix"
title = "関連規程"

[[group]]
id = "appendix"
parent = "kitei"
title = "付録"
"#,
            )
            .fail();
        assert_eq!(r.places(), [at("guidelines/base/1.0.toml", 8, 10)]);
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.message.contains("kitei → appendix → kitei"))
        );
    }
}
