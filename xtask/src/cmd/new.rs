//! `cargo xtask new industry <id>`: the files an association starts from.

use std::path::Path;

use sc3_model::fsx;
use sc3_model::prh_convert::toml_string as q;

use crate::outcome::{Error, Outcome};
use crate::repo::RootArg;

/// 新しく始めるもののファイルを、書き込むだけの形で作ります
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    Industry(IndustryArgs),
}

/// 業界: 業界プロファイル、用語集、業界団体のガイドラインのカタログ、突合表
#[derive(clap::Args)]
struct IndustryArgs {
    #[command(flatten)]
    root: RootArg,
    /// 業界の id（例: printing。半角の小文字・数字・'-'）
    id: String,
    /// 業界名（例: 印刷業）
    #[arg(long, default_value = "（業界名）")]
    name: String,
    /// 業界団体の名前
    #[arg(long, default_value = "（業界団体名）")]
    association: String,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    match a.what {
        What::Industry(i) => industry(&i.root.resolve()?, &i.id, &i.name, &i.association),
    }
}

/// The files of a new industry, relative to the root, with their contents.
pub fn industry_files(id: &str, name: &str, association: &str) -> Vec<(String, String)> {
    let guideline = format!("{id}@1.0");
    vec![
        (
            format!("guidelines/industries/{id}.toml"),
            format!(
                r#"# {name} の業界プロファイル。（ ）の中を書き換えてください。
[industry]
id = {id_q}
name = {name_q}
association = {assoc_q}
base = "ipa-sme@3.1"
guidelines = [{guideline_q}]

# 基本ガイドラインの語 → 業界での呼び方。サンプル規程の業界版で置き換わります。
[terms]
"委託先" = "（業界での呼び方）"

[[handling]]
id = "example-handling"
title = "（業界固有の情報の取り扱いの見出し）"
text = "（どの情報を、どう扱うか）"
relates = ["ipa-sme@3.1:kitei-3"]

[[measure]]
id = "example-measure"
title = "（業界固有の対策の見出し）"
text = "（何を、誰が、いつ行うか）"
relates = ["ipa-sme@3.1:kitei-9"]
"#,
                id_q = q(id),
                name_q = q(name),
                assoc_q = q(association),
                guideline_q = q(&guideline),
            ),
        ),
        (
            format!("guidelines/glossary/{id}.toml"),
            format!(
                r#"# {name} だけに当てはめる用語集。
[glossary]
id = {id_q}
scope = {id_q}

[[term]]
preferred = "（業界で使う正しい表記）"
variants = []
note = "（この表記に揃える理由）"
"#,
                id_q = q(id)
            ),
        ),
        (
            format!("guidelines/{id}/1.0.toml"),
            format!(
                r#"# {association} のガイドラインの項目。番号・レベル・見出しを書き写し、要約は自分の言葉で書きます。
[guideline]
id = {id_q}
version = "1.0"
title = "（業界ガイドラインの名称）"
publisher = {assoc_q}
levels = ["LV1", "LV2"]

[[item]]
id = "1"
title = "（要求事項の見出し）"
level = "LV1"
"#,
                id_q = q(id),
                assoc_q = q(association),
            ),
        ),
        (
            format!("mappings/{guideline}--ipa-sme@3.1.toml"),
            format!(
                r#"# 突合表: 業界ガイドラインの各項目を、中小企業の情報セキュリティ対策ガイドラインと突き合わせます。
[crosswalk]
source = {guideline_q}
target = "ipa-sme@3.1"
scope = {{ levels = ["LV1"] }}
status = "draft"

[[map]]
source = "1"
relation = "covered"
targets = ["kitei-1"]
"#,
                guideline_q = q(&guideline),
            ),
        ),
    ]
}

pub fn industry(root: &Path, id: &str, name: &str, association: &str) -> Result<Outcome, Error> {
    if !sc3_model::refs::is_valid_id(id) {
        return Err(Error::usage(format!(
            "`{id}` は id に使えません。半角の小文字・数字・'-' を使ってください（例: printing）"
        )));
    }
    let files = industry_files(id, name, association);
    // Nothing is written if any path exists (a link included) or would
    // leave the root.
    for (path, _) in &files {
        match fsx::kind(root, path) {
            Ok(None) => {}
            Ok(Some(_)) => {
                return Err(Error::failed(format!(
                    "{path} はすでにあります。何も書いていません"
                )));
            }
            Err(e) => return Err(Error::failed(format!("{e}。何も書いていません"))),
        }
    }
    for (path, text) in &files {
        fsx::write(root, path, text.as_bytes()).map_err(|e| e.to_string())?;
        crate::files::say(&format!("{path} を作りました"));
    }
    println!("次に: （ ）の中を書き換え、cargo xtask lint で確かめてください。");
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn a_new_industry_lints_clean_beside_the_base_catalog() {
        let dir = tempfile::tempdir().unwrap();
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("../guidelines/ipa-sme/3.1.toml");
        fs::create_dir_all(dir.path().join("guidelines/ipa-sme")).unwrap();
        fs::copy(base, dir.path().join("guidelines/ipa-sme/3.1.toml")).unwrap();
        assert_eq!(
            industry(
                dir.path(),
                "printing",
                "印刷業",
                "一般社団法人例示印刷工業会"
            )
            .unwrap(),
            Outcome::Clean
        );
        let report = sc3_lint::lint(sc3_model::load(dir.path()).unwrap());
        let problems: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity > sc3_model::Severity::Info)
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(report.repo.industries[0].id.value, "printing");
        assert_eq!(report.repo.crosswalks[0].source.value, "printing@1.0");
        // A second run writes nothing, and fails (exit 1, not a usage error).
        let again = industry(dir.path(), "printing", "印刷業", "x").unwrap_err();
        assert!(!again.is_usage());
        assert_eq!(
            again.messages(),
            ["guidelines/industries/printing.toml はすでにあります。何も書いていません"]
        );
    }
}
