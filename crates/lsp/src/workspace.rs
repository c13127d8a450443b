//! The repository as the editor sees it: files on disk, with the buffers the
//! editor has open in place of their saved contents.
//!
//! An edit re-reads only the edited file ([`sc3_model::load::replace_file`])
//! and lints it with the files it depends on ([`crate::subset`]): that is
//! the fast answer, published as the user types. The whole lint runs on a
//! snapshot in another thread once typing pauses ([`Workspace::snapshot`],
//! [`Workspace::whole_done`]); it brings the findings that need the whole
//! repository ([`subset::GLOBAL`]) and those of the files that depend on
//! the edited one (a crosswalk whose target item was renamed). That thread
//! keeps a replica of the repository and applies the same edits to it (one
//! file parsed per edit), so nothing is copied while the user types.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use sc3_model::{Diagnostic, FileId, Repository};

use crate::position::LineIndex;
use crate::subset;

/// A buffer the editor has open.
#[derive(Clone, Debug)]
pub struct Doc {
    pub version: i32,
    /// The buffer as the editor has it (a byte-order mark included).
    pub text: String,
}

/// Each file's state counter: bumped on every change, so a whole run can
/// tell which of its findings are still about the text it read.
pub type Generations = Vec<u64>;

/// The findings of one whole run, by file, and the generations it read.
#[derive(Debug, Default)]
pub struct Whole {
    pub by_file: HashMap<FileId, Vec<Diagnostic>>,
    pub generations: Generations,
}

pub struct Workspace {
    /// The root, absolute and lexical.
    pub root: PathBuf,
    pub repo: Repository,
    /// The loader's findings in each file (kept as the file is re-read).
    loader: HashMap<FileId, Vec<Diagnostic>>,
    pub open: HashMap<String, Doc>,
    generations: Generations,
    whole: Whole,
    /// The findings last published for each file (fixes included), which
    /// code actions read.
    pub current: HashMap<FileId, Vec<Diagnostic>>,
    /// The texts set since the last [`Workspace::snapshot`], in order.
    pending: Vec<(String, String)>,
}

/// A whole run's input: the texts set since the last run, in order, and
/// the loader's findings and generations as they are now.
pub struct Snapshot {
    pub edits: Vec<(String, String)>,
    pub loader: Vec<Diagnostic>,
    pub generations: Generations,
}

impl Snapshot {
    /// Brings `replica` (a copy of the repository as of the previous run)
    /// up to date by re-reading the edited files, as the workspace did, and
    /// lints it whole (in the calling thread's rayon pool).
    pub fn run(self, replica: &mut Repository) -> Whole {
        for (rel, text) in &self.edits {
            sc3_model::load::replace_file(replica, rel, text.as_bytes());
        }
        let mut diagnostics = self.loader;
        sc3_lint::check(replica, &mut diagnostics);
        let mut by_file: HashMap<FileId, Vec<Diagnostic>> = HashMap::new();
        for d in diagnostics {
            if let Some(f) = d.file {
                by_file.entry(f).or_default().push(d);
            }
        }
        Whole {
            by_file,
            generations: self.generations,
        }
    }
}

impl Workspace {
    /// Loads the repository at `root` (read from disk, as `cargo xtask lint`
    /// does) and lints it once.
    pub fn load(root: &Path) -> io::Result<Workspace> {
        let root = crate::uri::lexical(&std::path::absolute(root)?);
        let loaded = sc3_model::load(&root)?;
        let mut loader: HashMap<FileId, Vec<Diagnostic>> = HashMap::new();
        for d in loaded.diagnostics {
            if let Some(f) = d.file {
                loader.entry(f).or_default().push(d);
            }
        }
        let generations = vec![0; loaded.repo.files.len()];
        let mut ws = Workspace {
            root,
            repo: loaded.repo,
            loader,
            open: HashMap::new(),
            generations,
            whole: Whole::default(),
            current: HashMap::new(),
            pending: Vec::new(),
        };
        let snapshot = ws.snapshot();
        let mut repo = std::mem::take(&mut ws.repo);
        ws.whole = snapshot.run(&mut repo);
        ws.repo = repo;
        Ok(ws)
    }

    pub fn file_id(&self, rel: &str) -> Option<FileId> {
        self.repo
            .files
            .iter()
            .position(|f| f.path == rel)
            .map(FileId)
    }

    /// The text the model holds for a file (without a byte-order mark), and
    /// its line index.
    pub fn text(&self, id: FileId) -> &str {
        &self.repo.file(id).text
    }

    /// Sets the text of `rel` (an open buffer, or the saved file again) and
    /// re-reads that one file. Returns its id, or `None` when the path is
    /// not content the loader reads.
    pub fn set_text(&mut self, rel: &str, text: &str) -> Option<FileId> {
        let found = sc3_model::load::replace_file(&mut self.repo, rel, text.as_bytes())?;
        self.pending.push((rel.to_owned(), text.to_owned()));
        let id = self.file_id(rel)?;
        if self.generations.len() <= id.0 {
            self.generations.resize(id.0 + 1, 0);
        }
        self.generations[id.0] += 1;
        self.loader.insert(id, found);
        Some(id)
    }

    /// The findings in file `id` now: the rules run on it and what it
    /// depends on, plus the whole run's findings of [`subset::GLOBAL`] rules
    /// when that run read this same text.
    pub fn check(&mut self, id: FileId) -> Vec<Diagnostic> {
        let files = subset::deps(&self.repo, id);
        let (sub, back) = subset::build(&self.repo, &files);
        // The loader's findings of the focus file (M007 reads them).
        let mut diagnostics: Vec<Diagnostic> = self
            .loader
            .get(&id)
            .into_iter()
            .flatten()
            .cloned()
            .map(|mut d| {
                d.file = Some(FileId(0));
                d.related.clear();
                d
            })
            .collect();
        sc3_lint::check(&sub, &mut diagnostics);
        let mut out: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter(|d| d.file == Some(FileId(0)) && !subset::GLOBAL.contains(&d.code))
            .filter_map(|mut d| subset::map_back(&mut d, &back).map(|()| d))
            .collect();
        // The loader's related places were dropped above; take the originals.
        let loader = self.loader.get(&id).cloned().unwrap_or_default();
        for d in &mut out {
            if let Some(l) = loader
                .iter()
                .find(|l| l.code == d.code && l.span == d.span && l.message == d.message)
            {
                d.related = l.related.clone();
            }
        }
        if self.whole.generations.get(id.0) == self.generations.get(id.0) {
            out.extend(
                self.whole
                    .by_file
                    .get(&id)
                    .into_iter()
                    .flatten()
                    .filter(|d| subset::GLOBAL.contains(&d.code))
                    .cloned(),
            );
        }
        self.current.insert(id, out.clone());
        out
    }

    /// The input of a whole run as things are now; the edits it carries
    /// are not carried again.
    pub fn snapshot(&mut self) -> Snapshot {
        let mut loader: Vec<Diagnostic> = self.loader.values().flatten().cloned().collect();
        loader.sort_by_key(|d| (d.file.map(|f| f.0), d.span.as_ref().map(|s| s.start)));
        Snapshot {
            edits: std::mem::take(&mut self.pending),
            loader,
            generations: self.generations.clone(),
        }
    }

    /// Takes a whole run's findings. Returns the files whose findings
    /// changed, with the findings; the caller publishes them. A run that
    /// read the repository before a later edit is dropped whole: an
    /// unchanged file's findings may depend on the edited one (a crosswalk
    /// on a catalog), and the edit has already asked for the next run.
    pub fn whole_done(&mut self, whole: Whole) -> Vec<(FileId, Vec<Diagnostic>)> {
        if whole.generations != self.generations {
            return Vec::new();
        }
        let mut out = Vec::new();
        for i in 0..self.repo.files.len() {
            let id = FileId(i);
            let now = whole.by_file.get(&id).cloned().unwrap_or_default();
            let before = self.current.get(&id);
            if before.is_none() && now.is_empty() {
                continue;
            }
            self.current.insert(id, now.clone());
            out.push((id, now));
        }
        self.whole = whole;
        out
    }

    /// The findings of the first whole run, to publish at start.
    pub fn initial(&mut self) -> Vec<(FileId, Vec<Diagnostic>)> {
        let mut out: Vec<_> = self
            .whole
            .by_file
            .iter()
            .map(|(id, d)| (*id, d.clone()))
            .collect();
        out.sort_by_key(|(id, _)| id.0);
        for (id, d) in &out {
            self.current.insert(*id, d.clone());
        }
        out
    }

    /// The line index of a file's text (as the model holds it).
    pub fn index(&self, id: FileId) -> LineIndex {
        LineIndex::new(self.text(id))
    }
}
