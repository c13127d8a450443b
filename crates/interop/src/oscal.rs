//! OSCAL 1.2 export: catalogs as OSCAL catalogs, crosswalks as OSCAL mapping
//! collections, in JSON.
//!
//! UUIDs are version-5 UUIDs derived from our ids, so exporting the same
//! content again gives the same document. OSCAL ids must start with a letter,
//! so items become `item-<id>` and groups `group-<id>`. A map's relationship is
//! its `strm`, or follows from `relation` where no `strm` is given (covered →
//! superset-of: the base item meets the requirement; partial → intersects-with;
//! none → no-relationship).
//!
//! A citation crosswalk (`basis = "citation"`: the publisher cites the target
//! items) says nothing of coverage, so it is never a mapping with a
//! relationship: its citations become `links` (`rel = "reference"`) from the
//! source catalog's controls to the cited controls.

use std::collections::BTreeMap;

use sc3_model::{Crosswalk, Guideline, GuidelineRef, ItemRef, Relation, Repository, Strm};
use serde_json::{Value, json};
use uuid::Uuid;

/// The OSCAL version the documents conform to.
pub const OSCAL_VERSION: &str = "1.2.1";

/// The namespace our UUIDs are derived in.
const NAMESPACE: Uuid = Uuid::from_u128(0x5c3a_9e1d_4b7f_4c2e_9a61_2f0d_7e3b_1c48);

pub fn uuid(name: &str) -> String {
    Uuid::new_v5(&NAMESPACE, name.as_bytes()).to_string()
}

/// An OSCAL token from one of our ids.
pub fn token(prefix: &str, id: &str) -> String {
    format!("{prefix}-{id}")
}

fn last_modified(date: Option<&str>) -> String {
    match date {
        Some(d) if d.len() == 10 => format!("{d}T00:00:00Z"),
        _ => "1970-01-01T00:00:00Z".into(),
    }
}

fn metadata(title: &str, version: &str, published: Option<&str>) -> Value {
    let mut m = json!({
        "title": title,
        "last-modified": last_modified(published),
        "version": version,
        "oscal-version": OSCAL_VERSION,
    });
    if let Some(p) = published.filter(|p| p.len() == 10) {
        m["published"] = json!(format!("{p}T00:00:00Z"));
    }
    m
}

/// Links from a catalog's items to the items they cite, by item id.
type Citations = BTreeMap<String, Vec<Value>>;

fn control(it: &sc3_model::Item, citations: &Citations) -> Value {
    let mut props = Vec::new();
    if let Some(l) = &it.level {
        props.push(json!({ "name": "level", "value": l.value }));
    }
    for t in &it.tags {
        props.push(json!({ "name": "tag", "value": t.value }));
    }
    props.push(json!({ "name": "label", "value": it.id.value }));
    let mut c = json!({
        "id": token("item", &it.id.value),
        "title": it.title.value,
        "props": props,
    });
    if let Some(links) = citations.get(&it.id.value) {
        c["links"] = json!(links);
    }
    if let Some(text) = &it.text {
        c["parts"] = json!([{
            "id": token("item", &format!("{}_smt", it.id.value)),
            "name": "statement",
            "prose": text.value,
        }]);
    }
    c
}

/// A catalog as an OSCAL catalog document.
pub fn catalog(g: &Guideline) -> Value {
    catalog_citing(g, &Citations::new())
}

/// A catalog whose controls link to what they cite.
fn catalog_citing(g: &Guideline, citations: &Citations) -> Value {
    let key = g.key();
    let published = g.published.as_ref().map(|p| p.value.as_str());
    fn group_json(g: &Guideline, id: &str, citations: &Citations) -> Value {
        let gr = g.group(id).expect("a known group");
        let controls: Vec<Value> = g
            .items
            .iter()
            .filter(|it| it.group.as_ref().is_some_and(|x| x.value == id))
            .map(|it| control(it, citations))
            .collect();
        let children: Vec<Value> = g
            .groups
            .iter()
            .filter(|c| c.parent.as_ref().is_some_and(|p| p.value == id) && c.id.value != id)
            .map(|c| group_json(g, &c.id.value, citations))
            .collect();
        let mut v = json!({ "id": token("group", id), "title": gr.title.value });
        if !children.is_empty() {
            v["groups"] = json!(children);
        }
        if !controls.is_empty() {
            v["controls"] = json!(controls);
        }
        v
    }
    let known: Vec<&str> = g.groups.iter().map(|x| x.id.value.as_str()).collect();
    let top: Vec<Value> = g
        .groups
        .iter()
        .filter(|gr| {
            gr.parent
                .as_ref()
                .is_none_or(|p| !known.contains(&p.value.as_str()))
        })
        .map(|gr| group_json(g, &gr.id.value, citations))
        .collect();
    let loose: Vec<Value> = g
        .ungrouped_items()
        .map(|it| control(it, citations))
        .collect();
    let mut meta = metadata(&g.title.value, &g.version.value, published);
    if let Some(p) = &g.publisher {
        meta["props"] = json!([{ "name": "publisher", "value": p.value }]);
    }
    let mut cat = json!({ "uuid": uuid(&format!("catalog:{key}")), "metadata": meta });
    if !top.is_empty() {
        cat["groups"] = json!(top);
    }
    if !loose.is_empty() {
        cat["controls"] = json!(loose);
    }
    json!({ "catalog": cat })
}

/// The OSCAL relationship of a judgment; `None` for a citation, which has
/// no relationship.
pub fn relationship(relation: Relation, strm: Option<Strm>) -> Option<&'static str> {
    if !relation.is_judgment() {
        return None;
    }
    Some(match strm {
        Some(s) => s.as_str(),
        None => match relation {
            Relation::Covered => "superset-of",
            Relation::Partial => "intersects-with",
            _ => "no-relationship",
        },
    })
}

/// A crosswalk as an OSCAL mapping collection. `href_of` names where a
/// catalog's OSCAL file is (relative to the mapping's file).
pub fn mapping(repo: &Repository, cw: &Crosswalk, href_of: &dyn Fn(&str) -> String) -> Value {
    let key = cw.key();
    if !cw.is_judgment() {
        return Value::Null;
    }
    let (Ok(src), Ok(tgt)) = (
        GuidelineRef::parse(&cw.source.value),
        GuidelineRef::parse(&cw.target.value),
    ) else {
        return Value::Null;
    };
    let index = repo.index();
    let title = match (index.guideline(&src), index.guideline(&tgt)) {
        (Some(s), Some(t)) => format!(
            "{}（{}）→ {}（{}）",
            s.title.value, s.version.value, t.title.value, t.version.value
        ),
        _ => key.clone(),
    };
    // Entries without targets (非対応) are not maps in OSCAL, whose maps need a
    // target: they are the source's gap summary.
    let mut unmapped = Vec::new();
    let maps: Vec<Value> = cw
        .maps
        .iter()
        .filter_map(|m| {
            let rel = m.relation.as_ref()?.value;
            let s = ItemRef::parse_in(&m.source.value, &src).ok()?;
            let targets: Vec<Value> = m
                .targets
                .iter()
                .filter_map(|t| ItemRef::parse_in(&t.value, &tgt).ok())
                .map(|t| json!({ "type": "control", "id-ref": token("item", &t.item) }))
                .collect();
            if targets.is_empty() {
                unmapped.push(token("item", &s.item));
                return None;
            }
            let mut v = json!({
                "uuid": uuid(&format!("map:{key}:{}", s.item)),
                "matching-rationale": "semantic",
                "relationship": relationship(rel, m.strm.as_ref().map(|x| x.value))?,
                "sources": [{ "type": "control", "id-ref": token("item", &s.item) }],
                "targets": targets,
                "props": [{ "name": "relation", "value": rel.as_str() }],
            });
            if let Some(r) = &m.rationale {
                v["remarks"] = json!(r.value);
            }
            Some(v)
        })
        .collect();
    if maps.is_empty() {
        return Value::Null; // OSCAL needs at least one map.
    }
    let mut mapping = json!({
        "uuid": uuid(&format!("mapping:{key}")),
        "source-resource": { "type": "catalog", "href": href_of(&cw.source.value) },
        "target-resource": { "type": "catalog", "href": href_of(&cw.target.value) },
        "maps": maps,
    });
    if !unmapped.is_empty() {
        mapping["source-gap-summary"] = json!({
            "uuid": uuid(&format!("gap:{key}")),
            "unmapped-controls": [{ "with-ids": unmapped }],
        });
    }
    let status = match cw.status() {
        sc3_model::Status::Published => "complete",
        _ => "draft",
    };
    json!({
        "mapping-collection": {
            "uuid": uuid(&format!("mapping-collection:{key}")),
            "metadata": metadata(&title, "1", None),
            "provenance": {
                "method": "human",
                "matching-rationale": "semantic",
                "status": status,
                "mapping-description": format!("{} を {} と突き合わせた突合表（対応・準対応・非対応）。", cw.source.value, cw.target.value),
            },
            "mappings": [mapping],
        }
    })
}

/// Every catalog and crosswalk of the repository: (file name, pretty JSON).
pub fn export_all(repo: &Repository) -> Vec<(String, String)> {
    let file_of = |key: &str| format!("{}.catalog.json", key.replace('@', "_"));
    let mut out = Vec::new();
    let mut guidelines: Vec<&Guideline> = repo.guidelines.iter().collect();
    guidelines.sort_by_key(|g| g.key());
    for g in guidelines {
        let citations = citations(repo, &g.key(), &file_of);
        out.push((file_of(&g.key()), pretty(&catalog_citing(g, &citations))));
    }
    let mut crosswalks: Vec<&Crosswalk> = repo.crosswalks.iter().collect();
    crosswalks.sort_by_key(|c| c.key());
    for cw in crosswalks {
        let doc = mapping(repo, cw, &|k| file_of(k));
        if !doc.is_null() {
            out.push((
                format!("{}.mapping.json", cw.key().replace('@', "_")),
                pretty(&doc),
            ));
        }
    }
    out
}

/// The citations of the catalog `key`'s items: from every citation
/// crosswalk whose source it is, a `reference` link to each cited item.
fn citations(repo: &Repository, key: &str, file_of: &dyn Fn(&str) -> String) -> Citations {
    let mut out = Citations::new();
    let mut crosswalks: Vec<&Crosswalk> = repo
        .crosswalks
        .iter()
        .filter(|c| !c.is_judgment() && c.source.value == key)
        .collect();
    crosswalks.sort_by_key(|c| c.key());
    for cw in crosswalks {
        let (Ok(src), Ok(tgt)) = (
            GuidelineRef::parse(&cw.source.value),
            GuidelineRef::parse(&cw.target.value),
        ) else {
            continue;
        };
        for m in &cw.maps {
            if m.relation.as_ref().map(|r| r.value) != Some(Relation::Cited) {
                continue;
            }
            let Ok(s) = ItemRef::parse_in(&m.source.value, &src) else {
                continue;
            };
            for t in &m.targets {
                if let Ok(t) = ItemRef::parse_in(&t.value, &tgt) {
                    out.entry(s.item.clone()).or_default().push(json!({
                        "href": format!("{}#{}", file_of(&cw.target.value), token("item", &t.item)),
                        "rel": "reference",
                        "text": format!("{} {}", cw.target.value, t.item),
                    }));
                }
            }
        }
    }
    out
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("JSON values serialise");
    s.push('\n');
    s
}
