//! The message loop: requests and notifications in, responses and published
//! diagnostics out, over an `lsp_server::Connection` (stdio for `cargo
//! xtask lsp`, in memory for the tests).
//!
//! One thread owns the [`Workspace`]. Edits are answered at once with the
//! findings of the edited file ([`Workspace::check`]); the whole lint runs
//! in a second thread once edits pause for [`WHOLE_AFTER`], and its findings
//! are published unless an edit came after it started (then the next run
//! brings them), with the open files that read the edited one checked again
//! at once. Every message is handled
//! under `catch_unwind`: a bug answers one request with an error, and the
//! server keeps running.

use std::collections::HashMap;
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, after, never, select, unbounded};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    CompletionResponse, DiagnosticRelatedInformation, DiagnosticSeverity, Hover, HoverContents,
    HoverProviderCapability, Location, MarkupContent, MarkupKind, OneOf, Position,
    PrepareRenameResponse, PublishDiagnosticsParams, RenameOptions, ServerCapabilities,
    TextDocumentContentChangeEvent, TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit,
    Uri, WorkspaceEdit, notification as n, request as r,
};
use sc3_model::{Diagnostic, FileId, Repository, Severity};

use crate::actions;
use crate::complete;
use crate::position::LineIndex;
use crate::symbols::{self, Occurrence, Target};
use crate::uri;
use crate::workspace::{Doc, Whole, Workspace};

/// How long edits must pause before the whole lint runs again.
pub const WHOLE_AFTER: Duration = Duration::from_millis(400);

/// What the server offers.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), ":".into(), "=".into()]),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
            ]),
            ..CodeActionOptions::default()
        })),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        ..ServerCapabilities::default()
    }
}

/// Runs the server on `connection` for the repository at `root`: the
/// initialize handshake, then messages until `exit`.
pub fn run(connection: &Connection, root: &Path) -> Result<(), String> {
    let caps = serde_json::to_value(capabilities()).map_err(|e| e.to_string())?;
    let (id, _params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let result = serde_json::json!({
        "capabilities": caps,
        "serverInfo": { "name": "sc3-lsp", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let ws = Workspace::load(root).map_err(|e| format!("{}: {e}", root.display()))?;
    let mut server = Server {
        ws,
        conn: connection,
        shutdown: false,
    };
    for (id, found) in server.ws.initial() {
        server.publish(id, &found);
    }
    let (whole_tx, whole_rx) = unbounded::<Whole>();
    let (snap_tx, snap_rx) = unbounded::<crate::workspace::Snapshot>();
    let background = background_pool()?;
    // The whole lint's own copy of the repository, kept up to date by the
    // edits each snapshot carries: made once, here.
    let mut replica = server.ws.repo.clone();
    let _worker = std::thread::Builder::new()
        .name("sc3-lsp-whole".into())
        .spawn(move || {
            for snapshot in snap_rx {
                let run = catch_unwind(AssertUnwindSafe(|| {
                    background.install(|| snapshot.run(&mut replica))
                }));
                match run {
                    Ok(whole) => {
                        if whole_tx.send(whole).is_err() {
                            break;
                        }
                    }
                    // The replica may be half-updated: no more whole runs.
                    Err(_) => break,
                }
            }
        })
        .map_err(|e| e.to_string())?;
    let mut running = false;
    let mut due: Option<Instant> = None;
    loop {
        let timer: Receiver<Instant> = match (due, running) {
            (Some(at), false) => after(at.saturating_duration_since(Instant::now())),
            _ => never(),
        };
        select! {
            recv(connection.receiver) -> msg => {
                let Ok(msg) = msg else { return Ok(()) };
                if let Message::Notification(note) = &msg
                    && note.method == n::Exit::METHOD
                {
                    return Ok(());
                }
                let changed = server.handle(msg);
                if changed {
                    due = Some(Instant::now() + WHOLE_AFTER);
                }
            }
            recv(whole_rx) -> whole => {
                running = false;
                if let Ok(whole) = whole {
                    for (id, found) in server.ws.whole_done(whole) {
                        server.publish(id, &found);
                    }
                }
            }
            recv(timer) -> _ => {
                due = None;
                running = true;
                let _ = snap_tx.send(server.ws.snapshot());
            }
        }
    }
}

/// The pool the whole lint runs in: one thread, at the lowest scheduling
/// priority. The per-edit check runs in rayon's global pool; if the whole
/// lint shared it, an edit arriving during a whole run would wait for the
/// run's tasks (hundreds of milliseconds on the 60-industry corpus).
fn background_pool() -> Result<rayon::ThreadPool, String> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|_| "sc3-lsp-whole".into())
        .start_handler(|_| lower_priority())
        .build()
        .map_err(|e| e.to_string())
}

/// Lowers the calling thread's priority (Linux: nice is per thread).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its integer arguments; `who = 0` is the
    // calling thread on Linux.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 19);
    }
}

struct Server<'c> {
    ws: Workspace,
    conn: &'c Connection,
    shutdown: bool,
}

/// A request's answer: a result, or an error with its message.
type Answer = Result<serde_json::Value, (ErrorCode, String)>;

fn json<T: serde::Serialize>(v: T) -> Answer {
    serde_json::to_value(v).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

fn params<P: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(v).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

impl Server<'_> {
    fn send(&self, m: Message) {
        let _ = self.conn.sender.send(m);
    }

    /// Handles one message; true when a file changed.
    fn handle(&mut self, msg: Message) -> bool {
        match msg {
            Message::Request(req) => {
                let id = req.id.clone();
                let answer = catch_unwind(AssertUnwindSafe(|| self.request(req)))
                    .unwrap_or_else(|_| Err((ErrorCode::InternalError, "内部エラー".into())));
                self.respond(id, answer);
                false
            }
            Message::Notification(note) => {
                catch_unwind(AssertUnwindSafe(|| self.notification(note))).unwrap_or(false)
            }
            Message::Response(_) => false,
        }
    }

    fn respond(&self, id: RequestId, answer: Answer) {
        let resp = match answer {
            Ok(v) => Response::new_ok(id, v),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(Message::Response(resp));
    }

    fn request(&mut self, req: Request) -> Answer {
        if self.shutdown {
            return Err((ErrorCode::InvalidRequest, "shutdown の後です".into()));
        }
        let p = req.params;
        match req.method.as_str() {
            r::Shutdown::METHOD => {
                self.shutdown = true;
                Ok(serde_json::Value::Null)
            }
            r::Completion::METHOD => self.completion(params(p)?),
            r::HoverRequest::METHOD => self.hover(params(p)?),
            r::GotoDefinition::METHOD => self.definition(params(p)?),
            r::References::METHOD => self.references(params(p)?),
            r::CodeActionRequest::METHOD => self.code_action(params(p)?),
            r::PrepareRenameRequest::METHOD => self.prepare_rename(params(p)?),
            r::Rename::METHOD => self.rename(params(p)?),
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("{} はありません", req.method),
            )),
        }
    }

    fn notification(&mut self, note: Notification) -> bool {
        self.notified(note).unwrap_or(false)
    }

    /// A notification about a document; `None` when it is not one we act
    /// on (malformed, outside the root, not open).
    fn notified(&mut self, note: Notification) -> Option<bool> {
        match note.method.as_str() {
            n::DidOpenTextDocument::METHOD => {
                let p: lsp_types::DidOpenTextDocumentParams =
                    serde_json::from_value(note.params).ok()?;
                let d = p.text_document;
                Some(self.changed(&d.uri, d.version, d.text))
            }
            n::DidChangeTextDocument::METHOD => {
                let p: lsp_types::DidChangeTextDocumentParams =
                    serde_json::from_value(note.params).ok()?;
                let rel = self.rel(&p.text_document.uri).ok()?;
                let mut text = self.ws.open.get(&rel)?.text.clone();
                for c in p.content_changes {
                    apply_change(&mut text, c);
                }
                Some(self.changed(&p.text_document.uri, p.text_document.version, text))
            }
            n::DidCloseTextDocument::METHOD => {
                let p: lsp_types::DidCloseTextDocumentParams =
                    serde_json::from_value(note.params).ok()?;
                let rel = self.rel(&p.text_document.uri).ok()?;
                self.ws.open.remove(&rel)?;
                // The saved file is what counts again.
                let saved = sc3_model::fsx::read_to_string(&self.ws.root, &rel).unwrap_or_default();
                let id = self.ws.set_text(&rel, &saved)?;
                let found = self.ws.check(id);
                self.publish(id, &found);
                self.recheck_readers(id);
                Some(true)
            }
            _ => None,
        }
    }

    fn rel(&self, u: &Uri) -> Result<String, uri::Refused> {
        uri::to_relative(&self.ws.root, u.as_str())
    }

    /// A buffer's new text: re-read, re-checked, published.
    fn changed(&mut self, u: &Uri, version: i32, text: String) -> bool {
        let Ok(rel) = self.rel(u) else {
            return false;
        };
        let body = text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_owned();
        self.ws.open.insert(rel.clone(), Doc { version, text });
        let t0 = Instant::now();
        let Some(id) = self.ws.set_text(&rel, &body) else {
            return false;
        };
        let t1 = Instant::now();
        let found = self.ws.check(id);
        let t2 = Instant::now();
        self.publish(id, &found);
        if std::env::var_os("SC3_LSP_TRACE").is_some() {
            eprintln!(
                "set_text {:?} check {:?} publish {:?}",
                t1 - t0,
                t2 - t1,
                t2.elapsed()
            );
        }
        self.recheck_readers(id);
        true
    }

    /// Checks again the open files that read file `id` (a crosswalk onto an
    /// edited catalog); the others wait for the whole run.
    fn recheck_readers(&mut self, id: FileId) {
        let mut open: Vec<FileId> = self
            .ws
            .open
            .keys()
            .filter_map(|p| self.ws.file_id(p))
            .filter(|&o| o != id)
            .collect();
        open.sort_by_key(|f| f.0);
        for other in open {
            if crate::subset::deps(&self.ws.repo, other).contains(&id) {
                let found = self.ws.check(other);
                self.publish(other, &found);
            }
        }
    }

    /// Whether the editor's buffer of file `id` starts with a byte-order
    /// mark, which the model's text does not hold: one UTF-16 unit on line 0.
    fn bom(&self, id: FileId) -> bool {
        let path = &self.ws.repo.file(id).path;
        self.ws
            .open
            .get(path)
            .is_some_and(|d| d.text.starts_with('\u{FEFF}'))
    }

    fn range(&self, id: FileId, span: &Range<usize>) -> lsp_types::Range {
        self.range_with(id, &self.ws.index(id), span)
    }

    /// [`Server::range`] with the file's line index at hand.
    fn range_with(&self, id: FileId, index: &LineIndex, span: &Range<usize>) -> lsp_types::Range {
        let text = self.ws.text(id);
        let mut r = index.range(text, span);
        if self.bom(id) {
            for p in [&mut r.start, &mut r.end] {
                if p.line == 0 {
                    p.character += 1;
                }
            }
        }
        r
    }

    fn offset(&self, id: FileId, mut p: Position) -> usize {
        if self.bom(id) && p.line == 0 {
            p.character = p.character.saturating_sub(1);
        }
        let text = self.ws.text(id);
        LineIndex::new(text).offset(text, p)
    }

    fn uri_of(&self, id: FileId) -> Uri {
        uri::from_relative(&self.ws.root, &self.ws.repo.file(id).path)
    }

    fn location(&self, id: FileId, span: &Range<usize>) -> Location {
        Location::new(self.uri_of(id), self.range(id, span))
    }

    fn publish(&self, id: FileId, found: &[Diagnostic]) {
        let path = &self.ws.repo.file(id).path;
        let version = self.ws.open.get(path).map(|d| d.version);
        let index = self.ws.index(id);
        let diagnostics = found.iter().map(|d| self.to_lsp(id, &index, d)).collect();
        let params = PublishDiagnosticsParams {
            uri: self.uri_of(id),
            diagnostics,
            version,
        };
        self.send(Message::Notification(Notification::new(
            n::PublishDiagnostics::METHOD.to_owned(),
            params,
        )));
    }

    fn to_lsp(&self, id: FileId, index: &LineIndex, d: &Diagnostic) -> lsp_types::Diagnostic {
        let range = d
            .span
            .as_ref()
            .map_or_else(lsp_types::Range::default, |s| self.range_with(id, index, s));
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str(&format!("\nヒント: {h}"));
        }
        let related = d
            .related
            .iter()
            .filter(|r| r.file.0 < self.ws.repo.files.len())
            .map(|r| DiagnosticRelatedInformation {
                location: self.location(r.file, &r.span),
                message: r.message.clone(),
            })
            .collect::<Vec<_>>();
        lsp_types::Diagnostic {
            range,
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Info => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(lsp_types::NumberOrString::String(d.code.to_owned())),
            source: Some("sc3".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..lsp_types::Diagnostic::default()
        }
    }

    /// The file and byte offset of a position in a document, if the
    /// document is one of the repository's content files.
    fn at(&self, doc: &lsp_types::TextDocumentPositionParams) -> Option<(FileId, usize)> {
        let rel = self.rel(&doc.text_document.uri).ok()?;
        let id = self.ws.file_id(&rel)?;
        Some((id, self.offset(id, doc.position)))
    }

    fn completion(&mut self, p: lsp_types::CompletionParams) -> Answer {
        let Some((id, offset)) = self.at(&p.text_document_position) else {
            return Ok(serde_json::Value::Null);
        };
        let repo: &Repository = &self.ws.repo;
        let text = &repo.file(id).text;
        let items = if repo.file(id).path.ends_with(".md") {
            let edit = complete::Edit {
                range: self.range(id, &(offset..offset)),
                quoted: false,
            };
            complete::terms(repo, &edit)
        } else {
            let place = complete::place(text, offset);
            let edit = match &place.typed {
                Some(typed) => complete::Edit {
                    range: self.range(id, typed),
                    quoted: false,
                },
                None => complete::Edit {
                    range: self.range(id, &(offset..offset)),
                    quoted: true,
                },
            };
            complete::complete(repo, id, &place, &edit)
        };
        json(CompletionResponse::Array(items))
    }

    fn hover(&mut self, p: lsp_types::HoverParams) -> Answer {
        let Some((id, offset)) = self.at(&p.text_document_position_params) else {
            return Ok(serde_json::Value::Null);
        };
        let repo = &self.ws.repo;
        let Some(o) = symbols::at(repo, id, offset) else {
            return Ok(serde_json::Value::Null);
        };
        let value = crate::hover::text(repo, &o.target);
        json(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(self.range(id, &o.span)),
        })
    }

    fn definition(&mut self, p: lsp_types::GotoDefinitionParams) -> Answer {
        let Some((id, offset)) = self.at(&p.text_document_position_params) else {
            return Ok(serde_json::Value::Null);
        };
        let repo = &self.ws.repo;
        let Some(o) = symbols::at(repo, id, offset) else {
            return Ok(serde_json::Value::Null);
        };
        let defs: Vec<Location> = symbols::occurrences(repo, None)
            .into_iter()
            .filter(|d| d.definition && d.target == o.target)
            .map(|d| self.location(d.file, &d.span))
            .collect();
        json(defs)
    }

    fn references(&mut self, p: lsp_types::ReferenceParams) -> Answer {
        let Some((id, offset)) = self.at(&p.text_document_position) else {
            return Ok(serde_json::Value::Null);
        };
        let repo = &self.ws.repo;
        let Some(o) = symbols::at(repo, id, offset) else {
            return Ok(serde_json::Value::Null);
        };
        let with_decl = p.context.include_declaration;
        let refs: Vec<Location> = symbols::occurrences(repo, None)
            .into_iter()
            .filter(|d| d.target == o.target && (with_decl || !d.definition))
            .map(|d| self.location(d.file, &d.span))
            .collect();
        json(refs)
    }

    fn code_action(&mut self, p: lsp_types::CodeActionParams) -> Answer {
        let Ok(rel) = self.rel(&p.text_document.uri) else {
            return Ok(serde_json::Value::Null);
        };
        let Some(id) = self.ws.file_id(&rel) else {
            return Ok(serde_json::Value::Null);
        };
        let start = self.offset(id, p.range.start);
        let end = self.offset(id, p.range.end).max(start);
        let found = self.ws.current.get(&id).cloned().unwrap_or_default();
        let only = p.context.only.clone();
        let wanted = |k: &CodeActionKind| {
            only.as_ref()
                .is_none_or(|o| o.iter().any(|w| k.as_str().starts_with(w.as_str())))
        };
        let uri = p.text_document.uri.clone();
        let index = self.ws.index(id);
        let out: Vec<CodeAction> = actions::actions(&self.ws.repo, id, &found, start..end)
            .into_iter()
            .map(|a| {
                let kind = if a.fix_all {
                    CodeActionKind::SOURCE_FIX_ALL
                } else {
                    CodeActionKind::QUICKFIX
                };
                let edits = a
                    .edits
                    .iter()
                    .map(|(span, new_text)| TextEdit {
                        range: self.range_with(id, &index, span),
                        new_text: new_text.clone(),
                    })
                    .collect();
                let diagnostics = a
                    .resolves
                    .iter()
                    .filter_map(|&i| found.get(i))
                    .map(|d| self.to_lsp(id, &index, d))
                    .collect::<Vec<_>>();
                CodeAction {
                    title: a.title,
                    kind: Some(kind),
                    diagnostics: Some(diagnostics),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits)])),
                        ..WorkspaceEdit::default()
                    }),
                    ..CodeAction::default()
                }
            })
            .filter(|a| a.kind.as_ref().is_none_or(wanted))
            .collect();
        json(out)
    }

    /// The item or measure under the cursor that may be renamed, or why not.
    fn renamable(&self, id: FileId, offset: usize) -> Result<Occurrence, (ErrorCode, String)> {
        let repo = &self.ws.repo;
        let refuse = |m: &str| Err((ErrorCode::InvalidRequest, m.to_owned()));
        let Some(o) = symbols::at(repo, id, offset) else {
            return refuse("ここには改名できる識別子がありません");
        };
        match &o.target {
            Target::Item(r) => {
                let Some(g) = repo.guidelines.iter().find(|g| {
                    g.id.value == r.guideline.id && g.version.value == r.guideline.version
                }) else {
                    return refuse("この項目を定義するカタログがリポジトリにありません");
                };
                if let Some(m) = &g.generated {
                    return refuse(&format!(
                        "{} は {} の設定で原典から作られたカタログです（generated）。項目の識別子は発行者のものなので、ここでは改名できません",
                        g.key(),
                        m.value
                    ));
                }
                Ok(o)
            }
            Target::Measure(_) => Ok(o),
            Target::Guideline(_) | Target::Clause(_) => {
                refuse("改名できるのは項目と業界の対策の識別子です")
            }
        }
    }

    fn prepare_rename(&mut self, p: lsp_types::TextDocumentPositionParams) -> Answer {
        let Some((id, offset)) = self.at(&p) else {
            return Ok(serde_json::Value::Null);
        };
        let o = self.renamable(id, offset)?;
        let Some(part) = symbols::name_part(self.ws.text(id), &o) else {
            return Err((
                ErrorCode::InvalidRequest,
                "エスケープを含む値は改名できません".into(),
            ));
        };
        json(PrepareRenameResponse::Range(self.range(id, &part)))
    }

    // `WorkspaceEdit::changes` is keyed by `Uri`, whose parsed form caches
    // lazily: the key never changes once inserted.
    #[allow(clippy::mutable_key_type)]
    fn rename(&mut self, p: lsp_types::RenameParams) -> Answer {
        let Some((id, offset)) = self.at(&p.text_document_position) else {
            return Ok(serde_json::Value::Null);
        };
        let o = self.renamable(id, offset)?;
        let valid = match o.target {
            Target::Measure(_) => sc3_model::refs::is_valid_id(&p.new_name),
            _ => sc3_model::refs::is_valid_item_id(&p.new_name),
        };
        if !valid {
            return Err((
                ErrorCode::InvalidParams,
                format!(
                    "「{}」は識別子に使えません（英数字で始め、英数字と . _ - だけ）",
                    p.new_name
                ),
            ));
        }
        let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
        for occ in symbols::occurrences(&self.ws.repo, None) {
            if occ.target != o.target {
                continue;
            }
            let Some(part) = symbols::name_part(self.ws.text(occ.file), &occ) else {
                return Err((
                    ErrorCode::InvalidRequest,
                    format!(
                        "{} にエスケープを含む書き方があり、改名できません",
                        self.ws.repo.file(occ.file).path
                    ),
                ));
            };
            changes
                .entry(self.uri_of(occ.file))
                .or_default()
                .push(TextEdit {
                    range: self.range(occ.file, &part),
                    new_text: p.new_name.clone(),
                });
        }
        json(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        })
    }
}

/// Applies one change event to a buffer (a range, or the whole text).
fn apply_change(text: &mut String, c: TextDocumentContentChangeEvent) {
    match c.range {
        None => *text = c.text,
        Some(r) => {
            let index = LineIndex::new(text);
            let span = index.span(text, r);
            text.replace_range(span, &c.text);
        }
    }
}
