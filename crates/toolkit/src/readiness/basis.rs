//! The basis: what the scheme, its crosswalk and the diagnosis say, built once from the repository.

use super::*;

// ---------------------------------------------------------------- the basis

/// What the rules read from the repository, generated once (the site embeds
/// it in the diagnosis page for the browser's own computation).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Basis {
    /// `meti-sc@2026`.
    pub scheme: String,
    /// The scheme's title and publisher, as the catalog gives them.
    pub scheme_title: String,
    pub publisher: String,
    pub level: String,
    /// The guideline the diagnosis and the sample regulations are built on
    /// (`ipa-sme@3.1`).
    pub base: String,
    /// The crosswalk's file (`mappings/meti-sc@2026--ipa-sme@3.1.toml`).
    pub crosswalk: String,
    /// The criteria in scope, in the catalog's order.
    pub criteria: Vec<Criterion>,
    /// Base item id → title.
    pub items: BTreeMap<String, String>,
    pub questions: Vec<QuestionRef>,
    pub clauses: Vec<ClauseRef>,
    /// Chapter (template stem) → title (`第4章 アクセス制御`).
    pub chapters: BTreeMap<String, String>,
    pub register_items: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    /// The publisher's title (for METI's criteria, their requirement's name).
    pub title: String,
    pub entry: Option<Entry>,
}

/// A crosswalk entry, as written (our judgment).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// `covered`, `partial` or `none`.
    pub relation: String,
    pub strm: Option<String>,
    /// Bare ids in the base.
    pub targets: Vec<String>,
    pub rationale: String,
    /// Clauses of our sample regulations the judgment rests on.
    pub regulations: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct QuestionRef {
    /// `diag-08`.
    pub id: String,
    pub number: u32,
    pub text: String,
    /// Bare ids in the base.
    pub items: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ClauseRef {
    pub number: String,
    /// Template stem (`04-access`).
    pub chapter: String,
    pub title: String,
    pub implements: Vec<String>,
}

impl Basis {
    /// The basis for `scheme` (`id@version`) at `level`, through the
    /// crosswalk from the scheme to the guideline the diagnosis spec names.
    pub fn build(
        repo: &Repository,
        spec: &diagnosis::Spec,
        scheme: &str,
        level: &str,
    ) -> Result<Basis, String> {
        let scheme_ref = GuidelineRef::parse(scheme)
            .map_err(|_| format!("「{scheme}」は id@version の形ではありません"))?;
        let base = spec
            .question
            .iter()
            .flat_map(|q| &q.items)
            .find_map(|r| ItemRef::parse(r).ok())
            .map(|r| r.guideline)
            .ok_or("自社診断の設問が基本項目を挙げていません")?;
        let guideline = repo
            .guidelines
            .iter()
            .find(|g| g.id.value == scheme_ref.id && g.version.value == scheme_ref.version)
            .ok_or_else(|| format!("{scheme} のカタログがありません"))?;
        if !guideline.levels.iter().any(|l| l.value == level) {
            return Err(format!(
                "{scheme} に「{level}」という区分はありません（{}）",
                guideline
                    .levels
                    .iter()
                    .map(|l| l.value.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            ));
        }
        let key = format!("{scheme}--{base}");
        let cw = repo
            .crosswalks
            .iter()
            .find(|c| c.key() == key && c.is_judgment())
            .ok_or_else(|| format!("突合表 {key} がありません"))?;
        let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
        for m in &cw.maps {
            let Some(rel) = &m.relation else { continue };
            let Ok(src) = ItemRef::parse_in(&m.source.value, &scheme_ref) else {
                continue;
            };
            if src.guideline != scheme_ref {
                continue;
            }
            entries.entry(src.item).or_insert_with(|| Entry {
                relation: rel.value.as_str().to_owned(),
                strm: m.strm.as_ref().map(|s| s.value.as_str().to_owned()),
                targets: m
                    .targets
                    .iter()
                    .filter_map(|t| ItemRef::parse_in(&t.value, &base).ok())
                    .filter(|t| t.guideline == base)
                    .map(|t| t.item)
                    .collect(),
                rationale: m
                    .rationale
                    .as_ref()
                    .map(|r| r.value.clone())
                    .unwrap_or_default(),
                regulations: m.regulations.iter().map(|r| r.value.clone()).collect(),
            });
        }
        let criteria = guideline
            .items
            .iter()
            .filter(|i| i.level.as_ref().is_some_and(|l| l.value == level))
            .map(|i| Criterion {
                id: i.id.value.clone(),
                title: i.title.value.clone(),
                entry: entries.get(&i.id.value).cloned(),
            })
            .collect();
        let items = repo
            .guidelines
            .iter()
            .find(|g| g.id.value == base.id && g.version.value == base.version)
            .map(|g| {
                g.items
                    .iter()
                    .map(|i| (i.id.value.clone(), i.title.value.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let questions = spec
            .question
            .iter()
            .map(|q| QuestionRef {
                id: q.id.clone(),
                number: q.number,
                text: q.text.clone(),
                items: q
                    .items
                    .iter()
                    .filter_map(|r| ItemRef::parse(r).ok())
                    .filter(|r| r.guideline == base)
                    .map(|r| r.item)
                    .collect(),
            })
            .collect();
        let regulation_files: BTreeSet<_> = repo
            .templates
            .iter()
            .filter(|&&id| repo.file(id).path.starts_with("book/regulations/"))
            .copied()
            .collect();
        let clauses = repo
            .clauses()
            .into_iter()
            .filter(|c| regulation_files.contains(&c.file))
            .map(|c| ClauseRef {
                number: c.number,
                chapter: c.template,
                title: c.title,
                implements: c.implements,
            })
            .collect();
        let chapters = regulation_files
            .iter()
            .map(|&id| {
                let f = repo.file(id);
                let stem = sc3_model::names::template_name(&f.path);
                let title = sc3_model::names::template_title(&f.text);
                (stem, title)
            })
            .collect();
        Ok(Basis {
            scheme: scheme.to_owned(),
            scheme_title: guideline.title.value.clone(),
            publisher: guideline
                .publisher
                .as_ref()
                .map(|p| p.value.clone())
                .unwrap_or_default(),
            level: level.to_owned(),
            base: base.to_string(),
            crosswalk: repo.file(cw.file).path.clone(),
            criteria,
            items,
            questions,
            clauses,
            chapters,
            register_items: REGISTER_ITEMS.iter().map(|s| (*s).to_owned()).collect(),
        })
    }

    /// Every chapter of the sample regulations (template stems), in order.
    pub fn all_chapters(&self) -> BTreeSet<String> {
        self.chapters.keys().cloned().collect()
    }
}
