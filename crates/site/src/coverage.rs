//! What a crosswalk covers: the counts its page shows and the industry pages
//! repeat.

use sc3_model::Relation;

/// Counts of a crosswalk's in-scope items by outcome, with `unmapped` for no
/// entry. Only a judgment crosswalk has coverage: a citation crosswalk's
/// counts are `cited` and `not_cited`, and no share of them is ever shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub judgment: bool,
    pub covered: usize,
    pub partial: usize,
    pub none: usize,
    pub cited: usize,
    pub not_cited: usize,
    pub unmapped: usize,
}

impl Coverage {
    pub fn total(&self) -> usize {
        self.covered + self.partial + self.none + self.cited + self.not_cited + self.unmapped
    }

    pub(crate) fn add(&mut self, relation: Option<Relation>) {
        match relation {
            Some(Relation::Covered) => self.covered += 1,
            Some(Relation::Partial) => self.partial += 1,
            Some(Relation::None) => self.none += 1,
            Some(Relation::Cited) => self.cited += 1,
            Some(Relation::NotCited) => self.not_cited += 1,
            None => self.unmapped += 1,
        }
    }
}
