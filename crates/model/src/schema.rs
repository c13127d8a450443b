//! JSON Schemas of the four content file kinds, for editors.
//!
//! The types here mirror the content format (version 1,
//! `../shared/design/data-format.md`). The loader in [`crate::load`] stays the
//! truth; `tests/schema.rs` checks that its key lists and these types agree. The
//! types exist only to be turned into JSON Schema: nothing is
//! deserialized into them. Every field's doc comment becomes the `description` an
//! editor shows on hover and in completion (VS Code with Even Better TOML, through
//! the association in `.taplo.toml`), so they are written in Japanese for the
//! people who edit the files.
//!
//! The schemas follow JSON Schema draft 7, which taplo understands, with every
//! subschema inlined: taplo shows a field's description only when it sits beside
//! the field's own schema, not behind a `$ref`. Optional keys are written as
//! `Option<T>` and appear without `null` (TOML has no null).
//!
//! [`generate`] builds the four schemas; `schemas/*.schema.json` in the repository
//! are its output, written by `SC3_WRITE_SCHEMAS=1 cargo test -p sc3-model --test schema`.

use std::collections::BTreeMap;
use std::path::Path;

use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use schemars::{JsonSchema, Schema};

use crate::types::{Author, Basis, Holds, Relation, Status, Strm};
use serde_json::Value;

// The id syntax is defined once, in `crate::refs` (`id_syntax!`,
// `item_id_syntax!`); these patterns are built from it.

/// An id: guidelines, versions, industries, glossaries, measures.
const ID: &str = concat!("^", crate::id_syntax!(), "$");
/// An id, or blank (an optional key left empty counts as absent).
const ID_OR_BLANK: &str = concat!("^(?:", crate::id_syntax!(), ")?$");
/// An item or group id: the publisher's numbering as written.
const ITEM_ID: &str = concat!("^", crate::item_id_syntax!(), "$");
/// An item or group id, or blank.
const ITEM_ID_OR_BLANK: &str = concat!("^(?:", crate::item_id_syntax!(), ")?$");
/// `id@version`, or blank.
const GUIDELINE_REF_OR_BLANK: &str =
    concat!("^(?:", crate::id_syntax!(), "@", crate::id_syntax!(), ")?$");
/// `id@version`.
const GUIDELINE_REF: &str = concat!("^", crate::id_syntax!(), "@", crate::id_syntax!(), "$");
/// `id@version:item`.
const ITEM_REF: &str = concat!(
    "^",
    crate::id_syntax!(),
    "@",
    crate::id_syntax!(),
    ":",
    crate::item_id_syntax!(),
    "$"
);
/// Inside a crosswalk: a bare item id, or `id@version:item`.
const CROSSWALK_ITEM: &str = concat!(
    "^(?:",
    crate::id_syntax!(),
    "@",
    crate::id_syntax!(),
    ":)?",
    crate::item_id_syntax!(),
    "$"
);
/// `industry:measure`, or blank.
const MEASURE_REF_OR_BLANK: &str =
    concat!("^(?:", crate::id_syntax!(), ":", crate::id_syntax!(), ")?$");
/// Text that is not blank (required text keys).
const NOT_BLANK: &str = r"\S";

// ---------------------------------------------------------------- [guideline]

/// ガイドライン（カタログ）のファイル。guidelines/<ガイドラインの識別子>/<版>.toml に、版ごとに1つ置きます。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct GuidelineFile {
    /// ガイドラインの基本情報（識別子・版・題名・発行者など）。ファイルの先頭に書きます。
    pub guideline: GuidelineHeader,
    /// 項目をまとめるグループ（章・節など）。`[[group]]` を並べて書き、parent で入れ子にできます。
    pub group: Option<Vec<Group>>,
    /// ガイドラインの項目（対策や要求事項）。`[[item]]` を1項目ずつ並べて書きます。
    pub item: Option<Vec<Item>>,
    /// 原典の中の食い違い（同じ項目が二通りに書かれている箇所）と、このカタログでの扱い。取り込みが書きます。
    pub conflict: Option<Vec<Conflict>>,
}

/// `[[conflict]]` 表：原典の食い違い1件。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Conflict {
    /// 食い違いのある項目の識別子（必須）。
    #[schemars(pattern(ITEM_ID))]
    pub item: String,
    /// 何がどう食い違い、このカタログではどう扱ったか（必須）。
    #[schemars(pattern(NOT_BLANK))]
    pub text: String,
}

/// `[guideline]` 表：ガイドラインの基本情報。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct GuidelineHeader {
    /// ガイドラインの識別子（必須）。半角の小文字英字・数字・「.」「_」「-」で書き、英字か数字で始めます。例: "ipa-sme"。
    #[schemars(pattern(ID))]
    pub id: String,
    /// 版（必須）。識別子と同じ文字で書きます。例: "3.1"、"2026"。他のファイルからは「識別子@版」（ipa-sme@3.1）で参照します。
    #[schemars(pattern(ID))]
    pub version: String,
    /// ガイドラインの正式な題名（必須）。
    #[schemars(pattern(NOT_BLANK))]
    pub title: String,
    /// 発行者（団体名など）。
    pub publisher: Option<String>,
    /// 公表日。2023-04-26 のように引用符なしの日付で書きます（日付が定まらないときは文字列でも書けます）。
    pub published: Option<Published>,
    /// ガイドラインを公開しているページの URL。
    pub url: Option<String>,
    /// 項目の水準（レベル）の名前を、低い順に並べたもの。例: `["LV1", "LV2", "LV3"]`。水準がなければ `[]` のままにします。
    pub levels: Option<Vec<String>>,
    /// この版が置き換える前の版（「識別子@版」、例: "ipa-sme@3.0"）。書くと版の間の差分を報告できます。なければ空のままにします。
    #[schemars(pattern(GUIDELINE_REF_OR_BLANK))]
    pub supersedes: Option<String>,
    /// 原典の文書名（発行者が付けた名前のまま）。
    pub document: Option<String>,
    /// 原典の版（発行者の書き方のまま。例: "第3.1版"）。
    pub edition: Option<String>,
    /// このファイルが原典の何を収めているか。titles（発行者の見出しそのまま）、summaries（このプロジェクトの言葉による要約）、numbers（番号とレベルだけ）のどれか。ページに、誰の文かとして示されます。
    pub holds: Option<Holds>,
    /// 原典の項目数。原典の一部だけを収めるときに書き、ページに「N 項目のうち M 項目」と示されます。
    #[schemars(range(min = 0))]
    pub total: Option<u32>,
    /// 原典のどの部分を、なぜ収めているか。
    pub selection: Option<String>,
    /// このファイルを作った取り込みの設定ファイル（例: "import/meti-sc.toml"）。書いてあるファイルは lint --fix で書き換えられません。
    pub generated: Option<String>,
    /// このファイルの担当者（GitHub のユーザー名やチーム名）。CODEOWNERS に書かれ、変更にはこの担当者のレビューが要ります。例: `["@example-association"]`。
    pub maintainers: Option<Vec<String>>,
}

/// `published`: a TOML date (which editors and the loader see as text such as
/// `2023-04-26`), or any text.
pub struct Published;

impl JsonSchema for Published {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Published".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "anyOf": [
                {
                    "type": "string",
                    "format": "date",
                    "description": "引用符なしの日付（例: 2023-04-26）"
                },
                {
                    "type": "string",
                    "description": "日付が定まらないときの文字列（例: \"2023年4月\"）"
                }
            ]
        })
    }
}

/// `[[group]]` 表：項目をまとめるグループ。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Group {
    /// グループの識別子（必須）。ガイドラインの中で重ならないようにします。発行者の番号をそのまま書けます（例: "diag-1"、"9"、"A.5"）。
    #[schemars(pattern(ITEM_ID))]
    pub id: String,
    /// 親グループの識別子。入れ子にするときに書きます（例: "diag"）。
    #[schemars(pattern(ITEM_ID_OR_BLANK))]
    pub parent: Option<String>,
    /// グループの見出し（必須）。
    #[schemars(pattern(NOT_BLANK))]
    pub title: String,
}

/// `[[item]]` 表：ガイドラインの項目。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Item {
    /// 項目の識別子（必須）。発行者の番号を、大文字・小文字や記号も含めてそのまま書きます（例: "diag-01"、"1-1-1-1"、"A.5.1"、"PR.AA-01"）。突合表からはこの識別子で参照します。
    #[schemars(pattern(ITEM_ID))]
    pub id: String,
    /// 項目が属するグループの識別子（`[[group]]` の id）。
    #[schemars(pattern(ITEM_ID_OR_BLANK))]
    pub group: Option<String>,
    /// 項目の見出し（必須）。
    #[schemars(pattern(NOT_BLANK))]
    pub title: String,
    /// 項目の説明。自分の言葉で要約するか、利用条件が許す原文を書きます。
    pub text: Option<String>,
    /// 項目の水準。`[guideline]` の levels に書いた名前の1つを書きます（例: "LV1"）。
    pub level: Option<String>,
    /// 分類のためのタグ。例: `["技術的対策"]`。
    pub tags: Option<Vec<String>>,
}

// ---------------------------------------------------------------- [industry]

/// 業界プロファイルのファイル。guidelines/industries/<業界の識別子>.toml に置き、業界版の手引きの基になります。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct IndustryFile {
    /// 業界の基本情報（識別子・名前・業界団体・基にするガイドライン）。ファイルの先頭に書きます。
    pub industry: IndustryHeader,
    /// 用語の置き換え表。`"基本の語" = "業界での呼び方"` の形で書き、業界版のサンプル規程を作るときに使います。例: `"委託先" = "協力会社"`。
    pub terms: Option<BTreeMap<String, String>>,
    /// 業界固有の情報の取り扱い。`[[handling]]` を1件ずつ並べて書きます。
    pub handling: Option<Vec<Practice>>,
    /// 業界固有のセキュリティ対策。`[[measure]]` を1件ずつ並べて書きます。突合表の measure からも参照されます。
    pub measure: Option<Vec<Practice>>,
}

/// `[industry]` 表：業界の基本情報。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct IndustryHeader {
    /// 業界の識別子（必須）。半角の小文字英字・数字・「.」「_」「-」で書きます。例: "construction"。
    #[schemars(pattern(ID))]
    pub id: String,
    /// 業界の名前（必須）。例: "建設業"。
    #[schemars(pattern(NOT_BLANK))]
    pub name: String,
    /// 業界団体の名前。
    pub association: Option<String>,
    /// 業界版の基にするガイドライン（「識別子@版」、例: "ipa-sme@3.1"）。
    #[schemars(pattern(GUIDELINE_REF_OR_BLANK))]
    pub base: Option<String>,
    /// 業界団体が自ら定めたガイドライン（「識別子@版」のリスト、例: `["nikkenren-partner@2023"]`）。なければ `[]` のままにします。
    #[schemars(inner(pattern(GUIDELINE_REF)))]
    pub guidelines: Option<Vec<String>>,
    /// 業界版の文（情報取扱い・対策・用語の置き換え）を誰が書いたか。project（このプロジェクトの例。書かなければこちら）か association（業界団体自身）。ページの注記が変わります。
    #[serde(rename = "authored-by")]
    pub authored_by: Option<Author>,
    /// この業界版の担当者（GitHub のユーザー名やチーム名）。CODEOWNERS に書かれ、変更にはこの担当者のレビューが要ります。
    pub maintainers: Option<Vec<String>>,
}

/// `[[handling]]` / `[[measure]]` 表：業界固有の情報取扱い・対策。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Practice {
    /// 識別子（必須）。業界プロファイルの中で重ならないようにします。例: "second-tier"。
    #[schemars(pattern(ID))]
    pub id: String,
    /// 見出し（必須）。
    #[schemars(pattern(NOT_BLANK))]
    pub title: String,
    /// 内容の説明。
    pub text: Option<String>,
    /// 関係するガイドラインの項目（「識別子@版:項目」のリスト、例: `["ipa-sme@3.1:kitei-3"]`）。
    #[schemars(inner(pattern(ITEM_REF)))]
    pub relates: Option<Vec<String>>,
}

// ---------------------------------------------------------------- [glossary]

/// 用語集のファイル。guidelines/glossary/<名前>.toml に置き、手引きの本文と TOML の自由記述欄の表記ゆれを点検します。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct GlossaryFile {
    /// 用語集の基本情報（識別子と適用範囲）。ファイルの先頭に書きます。
    pub glossary: GlossaryHeader,
    /// 登録する用語。`[[term]]` を1語ずつ並べて書きます。
    pub term: Option<Vec<Term>>,
}

/// `[glossary]` 表：用語集の基本情報。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct GlossaryHeader {
    /// 用語集の識別子（必須）。例: "common"。
    #[schemars(pattern(ID))]
    pub id: String,
    /// 適用範囲。すべての文章に使うときは "all"、1つの業界だけに使うときはその業界の識別子（例: "construction"）を書きます。
    #[schemars(pattern(ID_OR_BLANK), extend("examples" = ["all"]))]
    pub scope: Option<String>,
}

/// `[[term]]` 表：用語。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Term {
    /// 使うべき表記（必須）。例: "取り組み"。
    #[schemars(pattern(NOT_BLANK))]
    pub preferred: String,
    /// 直すべき表記（異表記）のリスト。例: `["取組み", "取組"]`。使うべき表記の中に現れるものは指摘されません。正しい語を守るためだけに登録するときは `[]` にします。
    pub variants: Option<Vec<String>>,
    /// 補足（なぜこの表記にそろえるか）。
    pub note: Option<String>,
}

// ---------------------------------------------------------------- [crosswalk]

/// 突合表のファイル。mappings/<元>@<版>--<先>@<版>.toml に、ガイドラインの組ごとに1つ置きます。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CrosswalkFile {
    /// 突合表の基本情報（突き合わせる2つのガイドライン・範囲・状態など）。ファイルの先頭に書きます。
    pub crosswalk: CrosswalkHeader,
    /// 対応づけ。元のガイドラインの項目ごとに `[[map]]` を1つ書きます。
    pub map: Option<Vec<MapEntry>>,
    /// 確認したときの項目の内容。`cargo xtask crosswalk confirm` が書きます。手で直さないでください。
    pub reviewed: Option<Vec<Reviewed>>,
}

/// `[[reviewed]]` 表：突合を確認したときの項目1つのタイトルと本文。内容が変わると、その項目を使う対応づけに確認を促します。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Reviewed {
    /// 項目（「識別子@版:項目」）。
    pub item: String,
    /// 確認したときのタイトル。
    pub title: String,
    /// 確認したときの本文。
    pub text: Option<String>,
}

/// `[crosswalk]` 表：突合表の基本情報。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CrosswalkHeader {
    /// 突き合わせる元のガイドライン（業界の要求事項。「識別子@版」、必須）。例: "japia@2.3"。
    #[schemars(pattern(GUIDELINE_REF))]
    pub source: String,
    /// 照らし合わせる先のガイドライン（「識別子@版」、必須）。例: "ipa-sme@3.1"。
    #[schemars(pattern(GUIDELINE_REF))]
    pub target: String,
    /// 対応づけが必要な元の項目の範囲。例: `scope = { levels = ["LV1"] }`。書かなければ、元のすべての項目が対象です。
    pub scope: Option<Scope>,
    /// 突合表の状態。draft（作成中）、review（確認中）、published（公開）のどれか。公開した突合表には警告を残せません。
    pub status: Option<Status>,
    /// 何にもとづく表か。judgment（担当者が内容を見比べた判定。書かなければこちら）か citation（発行者の文書が項目を参照していることを写したもの。relation は cited / not-cited）。
    pub basis: Option<Basis>,
    /// このファイルを作った取り込みの設定ファイル（例: "import/meti-sc.toml"）。
    pub generated: Option<String>,
    /// この突合表の担当者（GitHub のユーザー名やチーム名）。例: `["@example-association"]`。
    pub maintainers: Option<Vec<String>>,
}

/// `scope` 表：対応づけが必要な元の項目の範囲。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Scope {
    /// 対象とする水準（元のガイドラインの levels の名前）。例: `["LV1"]`。
    pub levels: Option<Vec<String>>,
}

/// `[[map]]` 表：元の項目1つの対応づけ。
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct MapEntry {
    /// 元のガイドラインの項目の識別子（必須）。例: "9"。`[crosswalk]` の source の項目として読みます（別のガイドラインなら「識別子@版:項目」）。
    #[schemars(pattern(CROSSWALK_ITEM))]
    pub source: String,
    /// 対応の程度（必須）。判定の表では covered（対応）、partial（準対応）、none（非対応）のどれか。参照の表（basis = "citation"）では cited（参照あり）か not-cited（参照なし）。
    pub relation: Relation,
    /// 対応する先のガイドラインの項目の識別子のリスト。例: `["kitei-1", "diag-25"]`。covered と partial には1つ以上書き、none では `[]` にします。
    #[schemars(inner(pattern(CROSSWALK_ITEM)))]
    pub targets: Option<Vec<String>>,
    /// より細かい関係（NIST IR 8477 の集合論的関係）。relation と合わせます。covered: equal-to・equivalent-to・superset-of、partial: subset-of・intersects-with、none: no-relationship。
    pub strm: Option<Strm>,
    /// 判断の理由。partial と none では必須です。
    pub rationale: Option<String>,
    /// 不足を補う業界固有の対策（「業界の識別子:対策の識別子」、例: "construction:second-tier"）。
    #[schemars(pattern(MEASURE_REF_OR_BLANK))]
    pub measure: Option<String>,
    /// 判定の根拠にした、このプロジェクトのサンプル規程の条（例: `["4.4"]`）。IPA の文ではなく、このプロジェクトの文例にもとづく判定であることを示し、ページからその条へリンクします。
    pub regulations: Option<Vec<String>>,
}

// ---------------------------------------------------------------- choices

/// The keyword choices are the model's own enums: their `NAMES` are the one
/// list of what may be written, read by the loader and shown here. The
/// description an editor shows is the field's (each field's doc above).
macro_rules! choices {
    ($($t:ty),* $(,)?) => {$(
        impl JsonSchema for $t {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($t).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> Schema {
                schemars::json_schema!({
                    "type": "string",
                    "enum": <$t>::NAMES,
                })
            }
        }
    )*};
}

choices!(Holds, Author, Basis, Status, Relation, Strm);

// ---------------------------------------------------------------- generation

/// Where the schemas say they live (`$id`). A URN: the repository has no fixed
/// address, and editors find the files through `.taplo.toml`, not through this.
const ID_PREFIX: &str = "urn:sc3:schema:";

/// The four schemas as `(file name, pretty JSON with a final newline)`, in the
/// order guideline, industry, glossary, crosswalk.
pub fn generate() -> Vec<(&'static str, String)> {
    vec![
        (
            "guideline.schema.json",
            render::<GuidelineFile>(
                "guideline",
                "ガイドライン（カタログ）",
                "[guideline] で始まるファイル（guidelines/<ガイドラインの識別子>/<版>.toml）の書き方。ガイドラインの版ごとに、基本情報と、グループ（[[group]]）・項目（[[item]]）を書きます。",
            ),
        ),
        (
            "industry.schema.json",
            render::<IndustryFile>(
                "industry",
                "業界プロファイル",
                "[industry] で始まるファイル（guidelines/industries/<業界の識別子>.toml）の書き方。業界の基本情報、用語の置き換え（[terms]）、業界固有の情報取扱い（[[handling]]）と対策（[[measure]]）を書きます。",
            ),
        ),
        (
            "glossary.schema.json",
            render::<GlossaryFile>(
                "glossary",
                "用語集",
                "[glossary] で始まるファイル（guidelines/glossary/<名前>.toml）の書き方。使うべき表記と直すべき表記（[[term]]）を登録します。",
            ),
        ),
        (
            "crosswalk.schema.json",
            render::<CrosswalkFile>(
                "crosswalk",
                "突合表",
                "[crosswalk] で始まるファイル（mappings/<元>@<版>--<先>@<版>.toml）の書き方。元のガイドラインの項目ごとに、先のガイドラインのどの項目で満たせるか（[[map]]）を書きます。",
            ),
        ),
    ]
}

/// The keys of the table `T` as defined above, in the order written there.
///
/// The loader checks every table against this list (`load::kinds`), so a key
/// is declared once: as a field here, with the doc an editor shows.
pub(crate) fn keys<T: JsonSchema>() -> Vec<&'static str> {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    // Made once per table per process (the loader keeps them in statics).
    props
        .keys()
        .map(|k| &*Box::leak(k.clone().into_boxed_str()))
        .collect()
}

/// Writes [`generate`]'s files into `dir` (created if missing).
pub fn write_all(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in generate() {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

fn render<T: JsonSchema>(kind: &str, title: &str, description: &str) -> String {
    let mut settings = SchemaSettings::draft07();
    settings.inline_subschemas = true;
    let mut schema = settings.into_generator().into_root_schema_for::<T>();
    NoNull.transform(&mut schema);
    // Serializing a `Schema` puts `$id`, `$schema`, `title` and `description` first.
    let obj = schema.ensure_object();
    obj.insert("$id".into(), format!("{ID_PREFIX}{kind}").into());
    obj.insert("title".into(), title.into());
    obj.insert("description".into(), description.into());
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is plain JSON");
    text.push('\n');
    text
}

/// Removes the `null` that schemars allows for `Option` fields: TOML has no null,
/// and an optional key is simply left out.
struct NoNull;

impl Transform for NoNull {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(obj) = schema.as_object_mut() {
            if let Some(Value::Array(types)) = obj.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    obj.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(values)) = obj.get_mut("enum") {
                values.retain(|v| !v.is_null());
            }
            if let Some(Value::Array(alternatives)) = obj.get_mut("anyOf") {
                alternatives.retain(|a| a.get("type") != Some(&Value::from("null")));
                // `anyOf: [T]` is T: lift it, keeping the field's own description.
                if let [Value::Object(only)] = alternatives.as_mut_slice() {
                    let only = std::mem::take(only);
                    obj.remove("anyOf");
                    for (k, v) in only {
                        obj.entry(k).or_insert(v);
                    }
                }
            }
        }
        transform_subschemas(self, schema);
    }
}
