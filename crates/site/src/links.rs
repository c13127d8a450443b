//! Where every generated page and download is, and how pages link to each
//! other: the one owner of the site's paths and anchors.
//!
//! Page modules ask here for a page's path ([`PagePath`]), for an anchor on a
//! page ([`Anchor`]) and for the link from one page to another ([`href`],
//! [`href_near`]); none writes `guidelines/…`, `.html` or `#item-…` itself,
//! so renaming a page or an anchor is one edit here.
//!
//! Paths are relative to the book's `src/` folder and named after ids, which
//! the build checks before anything is written (`book::check_ids`) and which
//! `fsx::out_path` checks again when the page is written. Links are relative,
//! so the built site works from any folder: [`href`] climbs from the linking
//! page up to `src/` and down to the target; [`href_near`] goes down from the
//! linking page's own folder (a page beside it, or a download below it).
//! `href*` return the link escaped for an HTML attribute
//! ([`escape::content`]); `url*` return it as is, for data a page's script
//! reads.

use sc3_model::transitive::Pair;
use sc3_model::{Crosswalk, Guideline};

use crate::escape;

/// A generated page: its path under `src/`, without extension, e.g.
/// `guidelines/ipa-sme/3.1`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PagePath(String);

impl PagePath {
    /// The Markdown file mdBook reads, under `src/`: `guidelines/ipa-sme/3.1.md`.
    pub fn file(&self) -> String {
        format!("{}.md", self.0)
    }

    /// How many folders below `src/` the page is (0 for `glossary`).
    pub fn depth(&self) -> usize {
        self.0.matches('/').count()
    }

    /// The page's path under `src/`, without extension.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An anchor on this page, to link to.
    pub fn at(&self, anchor: Anchor<'_>) -> Target {
        Target {
            path: format!("{}.html", self.0),
            fragment: Some(anchor.fragment()),
        }
    }

    /// The page itself, to link to.
    pub fn page(&self) -> Target {
        Target {
            path: format!("{}.html", self.0),
            fragment: None,
        }
    }
}

/// A guideline version's page.
pub fn guideline(id: &str, version: &str) -> PagePath {
    PagePath(format!("guidelines/{id}/{version}"))
}

/// The index of guidelines.
pub fn guidelines_index() -> PagePath {
    PagePath("guidelines/index".to_owned())
}

/// A crosswalk's page.
pub fn crosswalk(cw: &Crosswalk) -> PagePath {
    crosswalk_key(&cw.key())
}

/// The page of the crosswalk whose key (`source--target`) is `key`.
pub fn crosswalk_key(key: &str) -> PagePath {
    PagePath(format!("mappings/{key}"))
}

/// A crosswalk as a spreadsheet (`csv`, `xlsx`), beside its page: a path
/// under `src/`.
pub fn crosswalk_download(cw: &Crosswalk, extension: &str) -> String {
    format!("{}.{extension}", crosswalk(cw).0)
}

/// The index of crosswalks.
pub fn crosswalks_index() -> PagePath {
    PagePath("mappings/index".to_owned())
}

/// The migration report.
pub fn migration() -> PagePath {
    PagePath("migration".to_owned())
}

/// The page of an inferred pair (source → pivot → target).
pub fn inferred(p: &Pair) -> PagePath {
    PagePath(format!("inferred/{}--{}--{}", p.source, p.pivot, p.target))
}

/// The index of inferred pairs.
pub fn inferred_index() -> PagePath {
    PagePath("inferred/index".to_owned())
}

/// An industry edition's page.
pub fn industry(id: &str) -> PagePath {
    PagePath(format!("industries/{id}"))
}

/// The index of industry editions.
pub fn industries_index() -> PagePath {
    PagePath("industries/index".to_owned())
}

/// The glossary page.
pub fn glossary() -> PagePath {
    PagePath("glossary".to_owned())
}

/// A page of an edition's sample regulations (`base` or an industry id): a
/// chapter, named after its template, or the basic policy.
pub fn regulation(edition: &str, name: &str) -> PagePath {
    PagePath(format!("regulations/{edition}/{name}"))
}

/// The index of an edition's sample regulations.
pub fn regulations_index(edition: &str) -> PagePath {
    regulation(edition, "index")
}

/// The self-diagnosis page.
pub fn diagnosis() -> PagePath {
    PagePath("tools/diagnosis".to_owned())
}

/// The worked example's overview page.
pub fn example() -> PagePath {
    PagePath("tools/example".to_owned())
}

/// The worked example's regulations.
pub fn example_regulations() -> PagePath {
    PagePath("tools/example-regulations".to_owned())
}

/// The worked example's readiness for a scheme's level (★3).
pub fn example_readiness() -> PagePath {
    PagePath("tools/example-readiness".to_owned())
}

/// The worked example's basic policy.
pub fn example_policy() -> PagePath {
    PagePath("tools/example-policy".to_owned())
}

/// A file of the worked example to download (`assets.csv`, …): a path
/// under `src/`.
pub fn example_download(name: &str) -> String {
    format!("tools/example/{name}")
}

/// An edition's kit (`base`, or an industry id): a ZIP written beside the
/// pages after mdBook has built them; a path under the output folder.
pub fn kit(edition: &str) -> String {
    format!("kits/{edition}-kit.zip")
}

/// The page of a generated page's Markdown file (`regulations/base/01.md`),
/// to link to.
pub fn page_of_file(file: &str) -> PagePath {
    PagePath(file.strip_suffix(".md").unwrap_or(file).to_owned())
}

/// The title page and the table of contents of an edition's print book.
pub fn print_title() -> PagePath {
    PagePath("kit-title".to_owned())
}

/// See [`print_title`].
pub fn print_contents() -> PagePath {
    PagePath("kit-contents".to_owned())
}

/// An anchor on a page. Ids are content: [`Anchor::id`] escapes them.
#[derive(Clone, Copy, Debug)]
pub enum Anchor<'a> {
    /// An item's row on its guideline's page.
    Item(&'a str),
    /// A group's heading on its guideline's page.
    Group(&'a str),
    /// A crosswalk row, by its source item.
    Map(&'a str),
    /// A clause of the sample regulations, by its number.
    Clause(&'a str),
    /// An industry's information handling or measure, on its page.
    Practice(Practice, &'a str),
    /// A glossary term, by its preferred form.
    Term(&'a str),
    /// A new guideline version's section of the migration report.
    Migration(&'a Guideline),
}

impl Anchor<'_> {
    fn parts(&self) -> (&'static str, &str) {
        match self {
            Anchor::Item(id) => ("item", id),
            Anchor::Group(id) => ("group", id),
            Anchor::Map(id) => ("map", id),
            Anchor::Clause(n) => ("clause", n),
            Anchor::Practice(kind, id) => (kind.name(), id),
            Anchor::Term(t) => ("term", t),
            Anchor::Migration(_) => ("migration", ""),
        }
    }

    /// The fragment as a URL carries it, unescaped: `item-kitei-1`.
    pub fn fragment(&self) -> String {
        match self {
            // Ids only, every other character a hyphen: no escapes needed.
            Anchor::Migration(g) => format!("migration-{}-{}", g.id.value, g.version.value)
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect(),
            _ => {
                let (kind, id) = self.parts();
                format!("{kind}-{id}")
            }
        }
    }

    /// The anchor as an element's `id` (and a heading's `{#…}`) carries it:
    /// the kind as is, the id escaped as content.
    pub fn id(&self) -> String {
        match self {
            Anchor::Migration(_) => self.fragment(),
            _ => {
                let (kind, id) = self.parts();
                format!("{kind}-{}", escape::content(id))
            }
        }
    }

    /// The anchor as a Markdown heading's `{#…}` carries it. mdBook copies
    /// that text into the `id` attribute after escaping it once more, so a
    /// character reference would arrive as text (`group-a&amp;#45;1`): an
    /// id of the publisher's characters (`[A-Za-z0-9._-]`, all the loader
    /// accepts) is written as it is, anything else as [`Anchor::id`], which
    /// never becomes markup.
    pub fn heading_id(&self) -> String {
        let (_, id) = self.parts();
        if id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            self.fragment()
        } else {
            self.id()
        }
    }

    /// A link to the anchor from the page it is on: `#` and [`Anchor::id`].
    pub fn local(&self) -> String {
        format!("#{}", self.id())
    }
}

/// What an industry edition adds to the base guideline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Practice {
    /// Information handling (情報取扱い).
    Handling,
    /// A security measure (対策).
    Measure,
}

impl Practice {
    /// `handling` or `measure`: the anchors' prefix, and the kind the
    /// sample regulations' data names.
    pub fn name(self) -> &'static str {
        match self {
            Practice::Handling => "handling",
            Practice::Measure => "measure",
        }
    }
}

/// Where a link goes: a page, an anchor on a page, or a file to download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Under `src/`, with extension.
    path: String,
    fragment: Option<String>,
}

impl Target {
    /// A file to download, by its path under `src/`.
    pub fn file(path: &str) -> Target {
        Target {
            path: path.to_owned(),
            fragment: None,
        }
    }

    fn with_path(&self, path: &str) -> String {
        match &self.fragment {
            Some(f) => format!("{path}#{f}"),
            None => path.to_owned(),
        }
    }
}

/// The link to `to` from a page `depth` folders below `src/`, as is.
pub fn url(depth: usize, to: &Target) -> String {
    to.with_path(&format!("{}{}", "../".repeat(depth), to.path))
}

/// [`url`], escaped for an attribute.
pub fn href(depth: usize, to: &Target) -> String {
    escape::content(&url(depth, to))
}

/// The link to `to` from the page `from`, which is in `to`'s folder or above
/// it: the path from `from`'s folder down, as is.
pub fn url_near(from: &PagePath, to: &Target) -> String {
    let folder = from.0.rfind('/').map_or("", |i| &from.0[..=i]);
    let rest = to.path.strip_prefix(folder).unwrap_or_else(|| {
        panic!(
            "{} is not below the folder of {}: link it with `href`",
            to.path, from.0
        )
    });
    to.with_path(rest)
}

/// [`url_near`], escaped for an attribute.
pub fn href_near(from: &PagePath, to: &Target) -> String {
    escape::content(&url_near(from, to))
}

/// A page's link (`url` or `url_near`) with an anchor of that page after it.
pub fn url_at(page_url: &str, anchor: Anchor<'_>) -> String {
    format!("{page_url}#{}", anchor.fragment())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_link_up_to_the_root_and_down() {
        let g = guideline("ipa-sme", "3.1");
        assert_eq!(g.file(), "guidelines/ipa-sme/3.1.md");
        assert_eq!(g.depth(), 2);
        assert_eq!(
            url(1, &g.at(Anchor::Item("kitei-1"))),
            "../guidelines/ipa-sme/3.1.html#item-kitei-1"
        );
        assert_eq!(
            href(2, &crosswalk_key("a@1--b@2").at(Anchor::Map("1-2"))),
            "../../mappings/a&#64;1&#45;&#45;b&#64;2.html&#35;map&#45;1&#45;2"
        );
        assert_eq!(url(0, &glossary().page()), "glossary.html");
        assert_eq!(
            url(
                2,
                &regulation("base", "01-organization").at(Anchor::Clause("3.1"))
            ),
            "../../regulations/base/01-organization.html#clause-3.1"
        );
    }

    #[test]
    fn heading_ids_are_the_fragment_for_ids_the_loader_accepts() {
        assert_eq!(Anchor::Group("K-1").heading_id(), "group-K-1");
        assert_eq!(Anchor::Group("A.5_1").heading_id(), "group-A.5_1");
        // Anything else stays an escaped id: never markup.
        assert_eq!(Anchor::Group("a}b").heading_id(), "group-a&#125;b");
    }

    #[test]
    fn near_links_go_down_from_the_page_folder() {
        assert_eq!(
            url_near(&example(), &Target::file(&example_download("plan.xlsx"))),
            "example/plan.xlsx"
        );
        assert_eq!(
            url_near(
                &industry("construction"),
                &industry("retail").at(Anchor::Practice(Practice::Measure, "m-1"))
            ),
            "retail.html#measure-m-1"
        );
        assert_eq!(
            url_near(
                &regulations_index("base"),
                &regulation("base", "basic-policy").page()
            ),
            "basic-policy.html"
        );
        assert_eq!(
            url_near(&migration(), &guideline("a", "1").page()),
            "guidelines/a/1.html"
        );
    }

    #[test]
    #[should_panic(expected = "is not below the folder")]
    fn a_near_link_never_climbs() {
        url_near(&industry("a"), &glossary().page());
    }

    #[test]
    fn anchor_ids_escape_the_id_not_the_kind() {
        assert_eq!(Anchor::Item("a-1").id(), "item-a&#45;1");
        assert_eq!(Anchor::Item("a-1").fragment(), "item-a-1");
        assert_eq!(Anchor::Map("x<y").local(), "#map-x&#60;y");
        assert_eq!(url_at("../g.html", Anchor::Item("3")), "../g.html#item-3");
    }
}
