use sc3_model::Diagnostic;

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// ファイルが、中身に合った場所と名前に置かれているかを調べます。
    ///
    /// | 種類 | 置き場所 |
    /// | --- | --- |
    /// | `[guideline]` | `guidelines/<id>/<version>.toml` |
    /// | `[industry]` | `guidelines/industries/<id>.toml` |
    /// | `[glossary]` | `guidelines/glossary/<id>.toml` |
    /// | `[crosswalk]` | `mappings/<source>--<target>.toml` |
    ///
    /// ## なぜ
    ///
    /// 読み込みはファイルの中身（先頭の表）で種類を判断するので、場所が違っても
    /// 動きます。しかし、人がプルリクエストを見て目的のファイルを探すときは
    /// 名前が頼りです。名前と中身が食い違うと、別の版を直してしまう誤りが起きます。
    ///
    /// ## 悪い例
    ///
    /// ```toml file=mappings/assoc--base.toml
    /// [crosswalk]
    /// source = "example-assoc@2.0"
    /// target = "example-base@1.0"
    /// ```
    ///
    /// ## 良い例
    ///
    /// 同じ内容を、突合元と突合先の名前のファイルに置く:
    ///
    /// ```toml file=mappings/example-assoc@2.0--example-base@1.0.toml
    /// [crosswalk]
    /// source = "example-assoc@2.0"
    /// target = "example-base@1.0"
    /// ```
    pub struct FileLocation {
        code: "R005",
        name: "file-location",
        severity: Warning,
        summary: "ファイルの場所や名前が中身と合っていない",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let repo = cx.repo;
    let mut expect = |file, span: std::ops::Range<usize>, want: String| {
        let path = &repo.file(file).path;
        if path != &want {
            out.push(
                FileLocation::diag(format!("{path} は {want} に置くファイルです"))
                    .at(file, span)
                    .with_label("この値がファイルの場所を決める")
                    .with_help(format!("ファイル名を {want} に変えてください")),
            );
        }
    };
    for g in &repo.guidelines {
        if !g.id.value.is_empty() && !g.version.value.is_empty() {
            expect(
                g.file,
                g.id.span.clone(),
                format!("guidelines/{}/{}.toml", g.id.value, g.version.value),
            );
        }
    }
    for i in &repo.industries {
        if !i.id.value.is_empty() {
            expect(
                i.file,
                i.id.span.clone(),
                format!("guidelines/industries/{}.toml", i.id.value),
            );
        }
    }
    for g in &repo.glossaries {
        if !g.id.value.is_empty() {
            expect(
                g.file,
                g.id.span.clone(),
                format!("guidelines/glossary/{}.toml", g.id.value),
            );
        }
    }
    for c in &repo.crosswalks {
        if !c.source.value.is_empty() && !c.target.value.is_empty() {
            expect(
                c.file,
                c.source.span.clone(),
                format!("mappings/{}.toml", c.key()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FileLocation;
    use crate::tester::{Base, Tester, at};

    const CW: &str = "mappings/assoc@2.0--base@1.0.toml";

    #[test]
    fn pass() {
        Tester::new(&FileLocation::RULE, Base::Small).pass();
    }

    #[test]
    fn fail() {
        // The crosswalk, under a name that does not say its versions.
        let r = Tester::new(&FileLocation::RULE, Base::Small)
            .moved(CW, "mappings/assoc--base.toml")
            .fail();
        assert_eq!(r.places(), [at("mappings/assoc--base.toml", 2, 10)]);
    }
}
