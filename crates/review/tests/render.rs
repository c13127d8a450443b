//! The pull request's Markdown and the terminal's text list the same
//! things: a change with every kind of member, each named by a marker of
//! its own, and both renderings must show every marker. (The terminal once
//! showed an industry only by its id, and nothing of what changed in it.)

use sc3_review::change::*;
use sc3_review::render::{human, markdown};

fn field(name: &str) -> FieldChange {
    FieldChange {
        field: name.into(),
        before: format!("{name}b"),
        after: format!("{name}a"),
    }
}

fn item(id: &str) -> ItemView {
    ItemView {
        id: id.into(),
        title: format!("{id}t"),
        text: None,
        level: None,
    }
}

fn entry(source: &str, relation: &str) -> EntryView {
    EntryView {
        source: source.into(),
        relation: Some(relation.into()),
        targets: vec![format!("{source}x")],
        strm: None,
        rationale: None,
        measure: None,
        regulations: Vec::new(),
    }
}

fn practice(id: &str) -> PracticeView {
    PracticeView {
        id: id.into(),
        title: format!("{id}t"),
        text: None,
        relates: Vec::new(),
    }
}

fn finding(code: &str) -> FindingView {
    FindingView {
        code: code.into(),
        severity: "warning".into(),
        file: Some(format!("{code}f")),
        line: Some(1),
        column: Some(1),
        message: format!("{code}m"),
    }
}

/// Every kind of member of a change, each named by its own marker.
fn everything() -> Change {
    Change {
        catalogs: vec![CatalogChange {
            key: "cat1".into(),
            title: "cattitle".into(),
            status: Status::Changed,
            file: "guidelines/cat/1.toml".into(),
            header: vec![field("catfield")],
            items: Changes {
                added: vec![item("itemadded")],
                removed: vec![item("itemremoved")],
                changed: vec![ItemDelta {
                    id: "itemchanged".into(),
                    before: item("itemchanged"),
                    after: item("itemchanged"),
                }],
            },
        }],
        crosswalks: vec![CrosswalkChange {
            key: "cwsrc--cwtgt".into(),
            status: Status::Changed,
            file: "mappings/cw.toml".into(),
            basis: "judgment".into(),
            header: vec![field("cwfield")],
            entries: Changes {
                added: vec![entry("entryadded", "covered")],
                removed: vec![entry("entryremoved", "none")],
                changed: vec![EntryDelta {
                    source: "entrychanged".into(),
                    before: entry("entrychanged", "partial"),
                    after: entry("entrychanged", "covered"),
                }],
            },
            coverage: CoverageChange::default(),
            stale: vec![Stale {
                source: "entrystale".into(),
                message: "stalemessage".into(),
            }],
        }],
        glossaries: vec![GlossaryChange {
            id: "glossid".into(),
            status: Status::Changed,
            file: "guidelines/glossary/g.toml".into(),
            added: vec!["termadded".into()],
            removed: vec!["termremoved".into()],
            changed: vec!["termchanged".into()],
        }],
        industries: vec![IndustryChange {
            id: "indid".into(),
            name: "indname".into(),
            status: Status::Changed,
            file: "guidelines/industries/ind.toml".into(),
            header: vec![field("indfield")],
            terms: Changes {
                added: vec![TermView {
                    base: "baseadded".into(),
                    word: "wordadded".into(),
                }],
                removed: vec![TermView {
                    base: "baseremoved".into(),
                    word: "wordremoved".into(),
                }],
                changed: vec![field("termfield")],
            },
            handling: Changes {
                added: vec![practice("handlingadded")],
                removed: vec![practice("handlingremoved")],
                changed: vec![PracticeDelta {
                    id: "handlingchanged".into(),
                    before: practice("handlingchanged"),
                    after: practice("handlingchanged"),
                }],
            },
            measures: Changes {
                added: vec![practice("measureadded")],
                removed: vec![practice("measureremoved")],
                changed: vec![PracticeDelta {
                    id: "measurechanged".into(),
                    before: practice("measurechanged"),
                    after: practice("measurechanged"),
                }],
            },
        }],
        findings: Findings {
            new: vec![finding("NEW1")],
            fixed: vec![finding("OLD1")],
        },
    }
}

/// The markers each rendering must show: what names each member.
const MARKERS: &[&str] = &[
    "cat1",
    "catfield",
    "catfieldb",
    "catfielda",
    "itemadded",
    "itemremoved",
    "itemchanged",
    "cwsrc",
    "cwtgt",
    "cwfield",
    "cwfieldb",
    "cwfielda",
    "entryadded",
    "entryremoved",
    "entrychanged",
    "entrystale",
    "stalemessage",
    "glossid",
    "termadded",
    "termremoved",
    "termchanged",
    "indid",
    "indfield",
    "indfieldb",
    "indfielda",
    "baseadded",
    "wordadded",
    "baseremoved",
    "wordremoved",
    "termfield",
    "termfieldb",
    "termfielda",
    "handlingadded",
    "handlingremoved",
    "handlingchanged",
    "measureadded",
    "measureremoved",
    "measurechanged",
    "NEW1",
    "NEW1f",
    "NEW1m",
    "OLD1",
    "OLD1f",
    "OLD1m",
];

#[test]
fn markdown_and_the_terminal_show_every_member_of_a_change() {
    let c = everything();
    for (name, text) in [("markdown", markdown(&c)), ("human", human(&c))] {
        let missing: Vec<&&str> = MARKERS.iter().filter(|m| !text.contains(**m)).collect();
        assert!(missing.is_empty(), "{name} leaves out {missing:?}:\n{text}");
    }
}
