//! Who wrote what a page shows: the notices a reader sees above text this
//! project wrote (sample regulations, the basic policy, an industry edition's
//! text, the diagnosis wording), above judgments (a crosswalk's), and above
//! anything fictional. The wording of every notice is in one template,
//! `templates/notice.hbs`; the data decide which one a page gets.

use std::sync::LazyLock;

use handlebars::Handlebars;
use sc3_model::{Author, Crosswalk, Industry};
use serde_json::{Value, json};

use crate::escape;

static TEMPLATE: LazyLock<Handlebars<'static>> = LazyLock::new(|| {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(false);
    hb.register_escape_fn(escape::content);
    hb.register_template_string("notice", include_str!("../templates/notice.hbs"))
        .expect("the notice template is valid");
    hb
});

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

impl Notice<'_> {
    /// The notice as HTML, on a line of its own in Markdown.
    pub fn html(&self) -> String {
        let data: Value = match self {
            Notice::Regulations => json!({ "kind": "regulations" }),
            Notice::Policy => json!({ "kind": "policy" }),
            Notice::Diagnosis => json!({ "kind": "diagnosis" }),
            Notice::Fictional(name) => json!({ "kind": "fictional", "name": name }),
            Notice::Industry(ind) => json!({
                "kind": match ind.author() {
                    Author::Project => "industry-project",
                    Author::Association => "industry-association",
                },
                "association": ind.association.as_ref().map(|a| a.value.clone()),
                // A made-up association cannot endorse anything: the
                // fictional notice that follows says what it is.
                "fictional": ind.association.as_ref().is_some_and(|a| is_fictional(&a.value)),
            }),
            Notice::Crosswalk {
                cw,
                source_publisher,
                target_publisher,
            } => {
                let mut publishers: Vec<&str> = [*source_publisher, *target_publisher]
                    .into_iter()
                    .flatten()
                    .collect();
                publishers.dedup();
                json!({
                    "kind": if cw.is_judgment() { "judgment" } else { "citation" },
                    "draft": cw.status() == sc3_model::Status::Draft,
                    "maintainers": cw.maintainers.iter().map(|m| m.value.clone()).collect::<Vec<_>>(),
                    "publishers": publishers.join("や"),
                    "publisher": source_publisher,
                })
            }
        };
        let mut html = TEMPLATE
            .render("notice", &data)
            .expect("the notice template fits its data");
        if !html.ends_with('\n') {
            html.push('\n');
        }
        html
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
