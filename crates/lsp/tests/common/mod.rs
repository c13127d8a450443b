//! The client side of an in-process session with the server, for the LSP
//! tests: start, requests and notifications, the diagnostics published for a
//! version, and positions in UTF-16 as LSP counts them.

#![allow(dead_code)] // Each test file uses its own part.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId, ResponseError};
use serde_json::{Value, json};

pub const CROSSWALK: &str = "mappings/meti-sc@2026--ipa-sme@3.1.toml";

pub fn root() -> PathBuf {
    let root = std::path::absolute(Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")).unwrap();
    sc3_lsp::uri::lexical(&root)
}

pub fn uri_of(rel: &str) -> String {
    sc3_lsp::uri::from_relative(&root(), rel)
        .as_str()
        .to_owned()
}

pub struct Client {
    conn: Connection,
    server: Option<JoinHandle<Result<(), String>>>,
    next: i32,
    /// Notifications received while waiting for something else.
    notes: Vec<Notification>,
}

impl Client {
    pub fn start() -> Client {
        let (server, client) = Connection::memory();
        let root = root();
        let handle = std::thread::spawn(move || sc3_lsp::run(&server, &root));
        let mut c = Client {
            conn: client,
            server: Some(handle),
            next: 0,
            notes: Vec::new(),
        };
        let init = c.request(
            "initialize",
            json!({ "capabilities": {}, "rootUri": uri_of("") }),
        );
        assert!(
            init["capabilities"]["completionProvider"].is_object(),
            "{init}"
        );
        assert_eq!(
            init["capabilities"]["renameProvider"]["prepareProvider"],
            true
        );
        c.notify("initialized", json!({}));
        c
    }

    pub fn recv(&mut self) -> Message {
        self.conn
            .receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("the server answers within a minute")
    }

    pub fn request_raw(&mut self, method: &str, params: Value) -> Result<Value, ResponseError> {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.conn
            .sender
            .send(Message::Request(Request::new(
                id.clone(),
                method.into(),
                params,
            )))
            .unwrap();
        loop {
            match self.recv() {
                Message::Response(r) if r.id == id => return r.response_result,
                Message::Notification(n) => self.notes.push(n),
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.request_raw(method, params)
            .unwrap_or_else(|e| panic!("{method}: {e:?}"))
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Message::Notification(Notification::new(
                method.into(),
                params,
            )))
            .unwrap();
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let matches = |n: &Notification| {
            n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == uri
                && n.params["version"] == version
        };
        if let Some(i) = self.notes.iter().position(matches) {
            let n = self.notes.remove(i);
            return n.params["diagnostics"].as_array().unwrap().clone();
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            match self.recv() {
                Message::Notification(n) if matches(&n) => {
                    return n.params["diagnostics"].as_array().unwrap().clone();
                }
                Message::Notification(n) => self.notes.push(n),
                other => panic!("unexpected {other:?}"),
            }
        }
        panic!("no diagnostics for {uri} version {version}");
    }

    /// Waits for diagnostics of `uri` at `version` that satisfy `ok`
    /// (earlier publications of the same version are passed over).
    pub fn diagnostics_until(
        &mut self,
        uri: &str,
        version: i64,
        ok: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        loop {
            let d = self.diagnostics(uri, version);
            if ok(&d) {
                return d;
            }
        }
    }

    pub fn open(&mut self, rel: &str, text: &str) -> Vec<Value> {
        let uri = uri_of(rel);
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "toml", "version": 1, "text": text } }),
        );
        self.diagnostics(&uri, 1)
    }

    pub fn change(&mut self, rel: &str, version: i64, changes: Value) -> Vec<Value> {
        let uri = uri_of(rel);
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
        self.diagnostics(&uri, version)
    }

    pub fn stop(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null);
        let handle = self.server.take().unwrap();
        assert_eq!(handle.join().expect("the server did not panic"), Ok(()));
    }
}

pub fn pos(line: usize, character: usize) -> Value {
    json!({ "line": line, "character": character })
}

pub fn at(rel: &str, line: usize, character: usize) -> Value {
    json!({ "textDocument": { "uri": uri_of(rel) }, "position": pos(line, character) })
}

/// The 0-based line and UTF-16 column of the first `needle` in `text`.
pub fn find(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found"));
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..at].encode_utf16().count())
}

pub fn codes(d: &[Value]) -> Vec<String> {
    d.iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}
