//! `cargo xtask dev bench-lsp`: edit-to-diagnostics latency of the language
//! server, measured as an editor sees it.
//!
//! For each corpus size it writes a corpus with `gen-corpus`, starts this
//! same binary's `lsp` as a child process and speaks the protocol to it over
//! its stdin and stdout: `initialize`, `didOpen` of a crosswalk in the
//! middle of the corpus, then edits that make one of its targets an unknown
//! id and back again (`didChange`, incremental, one range each). The time
//! of an edit runs from writing its `didChange` to reading the
//! `publishDiagnostics` of that version; each answer is checked (R003 on
//! the unknown id, none once it is undone). Edits come at a typing pace,
//! with a pause now and then long enough for the server's whole lint to
//! run in the background, so edits that meet it are measured too. Peak
//! resident memory is the server's `VmHWM` at the end.

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};

use crate::dev::gen_corpus;
use crate::outcome::{Error, Outcome};

/// Language server benchmark: edit-to-diagnostics latency and memory over corpus sizes.
#[derive(clap::Args)]
pub struct Args {
    /// Corpus sizes, in industries.
    #[arg(
        long = "industries",
        value_delimiter = ',',
        default_value = "15,60,120"
    )]
    sizes: Vec<usize>,
    /// Timed edits per corpus.
    #[arg(long, default_value_t = 300)]
    edits: usize,
    /// Milliseconds between an answer and the next edit (typing pace).
    #[arg(long, default_value_t = 120)]
    pace: u64,
    /// Every this many edits, a pause of --pause-ms: long enough for the
    /// whole lint to start in the background, short enough that the next
    /// edit meets it running.
    #[arg(long, default_value_t = 25)]
    pause_every: usize,
    #[arg(long, default_value_t = 600)]
    pause_ms: u64,
    /// Where to write the corpora.
    #[arg(long, value_name = "DIR", default_value = "target/bench-lsp")]
    out: PathBuf,
}

struct Row {
    industries: usize,
    files: usize,
    startup: Duration,
    times: Vec<Duration>,
    peak_kib: Option<u64>,
    /// The server's CPU time (user + system) over the edits, per edit:
    /// the per-edit check and the whole lint in the background together.
    cpu_per_edit: Option<Duration>,
    /// The machine's 1-minute load average before and after the edits.
    load: (String, String),
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let mut rows = Vec::new();
    for &n in &a.sizes {
        let dir = a.out.join(format!("corpus-{n}"));
        let row =
            measure(&a, &dir, n).map_err(|e| Error::failed(format!("{n} industries: {e}")))?;
        eprintln!(
            "{n} industries: median {:.1} ms, p99 {:.1} ms",
            ms(quantile(&row.times, 0.5)),
            ms(quantile(&row.times, 0.99))
        );
        rows.push(row);
    }
    println!(
        "| industries | files | startup (initialize → first diagnostics) | edits | median | p90 | p99 | max | server CPU per edit | peak RSS | load average (before → after) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        println!(
            "| {} | {} | {:.0} ms | {} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {} | {} | {} → {} |",
            r.industries,
            r.files,
            ms(r.startup),
            r.times.len(),
            ms(quantile(&r.times, 0.5)),
            ms(quantile(&r.times, 0.9)),
            ms(quantile(&r.times, 0.99)),
            ms(quantile(&r.times, 1.0)),
            r.cpu_per_edit
                .map_or("?".to_owned(), |d| format!("{:.1} ms", ms(d))),
            r.peak_kib
                .map_or("?".to_owned(), |k| format!("{:.0} MB", k as f64 / 1024.0)),
            r.load.0,
            r.load.1,
        );
    }
    let worst_median = rows.iter().map(|r| quantile(&r.times, 0.5)).max();
    let worst_p99 = rows.iter().map(|r| quantile(&r.times, 0.99)).max();
    let worst_peak = rows.iter().filter_map(|r| r.peak_kib).max();
    println!(
        "\nbudgets: median < 50 ms {}, p99 < 100 ms {}, memory < 300 MB {}",
        verdict(worst_median.is_some_and(|m| m < Duration::from_millis(50))),
        verdict(worst_p99.is_some_and(|m| m < Duration::from_millis(100))),
        verdict(worst_peak.is_some_and(|k| k < 300 * 1024)),
    );
    Ok(Outcome::Clean)
}

fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "NOT met" }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The `q` quantile (nearest rank) of `v`.
fn quantile(v: &[Duration], q: f64) -> Duration {
    let mut v = v.to_vec();
    v.sort();
    if v.is_empty() {
        return Duration::ZERO;
    }
    let i = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1;
    v[i]
}

/// The server process and what its reader thread hands over.
struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Message>,
    next: i32,
}

impl Server {
    fn start(root: &Path) -> Result<Server, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new(&exe)
            .arg("lsp")
            .arg("--root")
            .arg(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Ok(Some(m)) = Message::read(&mut r) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Ok(Server {
            child,
            stdin,
            messages,
            next: 0,
        })
    }

    fn send(&mut self, m: Message) -> Result<(), String> {
        m.write(&mut self.stdin).map_err(|e| e.to_string())?;
        self.stdin.flush().map_err(|e| e.to_string())
    }

    fn notify(&mut self, method: &str, params: Value) -> Result<(), String> {
        self.send(Message::Notification(Notification::new(
            method.into(),
            params,
        )))
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.send(Message::Request(Request::new(
            id.clone(),
            method.into(),
            params,
        )))?;
        loop {
            match self.recv()? {
                Message::Response(r) if r.id == id => {
                    return r.response_result.map_err(|e| e.message);
                }
                _ => {}
            }
        }
    }

    fn recv(&self) -> Result<Message, String> {
        self.messages
            .recv_timeout(Duration::from_secs(300))
            .map_err(|_| "the server did not answer within 5 minutes".to_owned())
    }

    /// Waits for the diagnostics of `uri` at `version`.
    fn diagnostics(&self, uri: &str, version: i32) -> Result<Vec<Value>, String> {
        loop {
            if let Message::Notification(n) = self.recv()?
                && n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == uri
                && n.params["version"] == version
            {
                return Ok(n.params["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default());
            }
        }
    }

    /// The server's CPU time so far, user + system (Linux: `/proc/PID/stat`,
    /// in clock ticks of 10 ms).
    fn cpu(&self) -> Option<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).ok()?;
        // Fields after the command name, which is in parentheses.
        let rest = &stat[stat.rfind(')')? + 2..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
        Some(Duration::from_millis(ticks * 10))
    }

    /// The server's peak resident memory, in KiB (Linux).
    fn peak_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }
}

fn measure(a: &Args, dir: &Path, industries: usize) -> Result<Row, String> {
    let written = gen_corpus::for_bench(dir, industries)?;
    let root = std::path::absolute(dir).map_err(|e| e.to_string())?;
    let rel = format!(
        "mappings/ind-{:03}@1.0--ipa-sme@3.1.toml",
        industries.div_ceil(2)
    );
    let text = std::fs::read_to_string(root.join(&rel)).map_err(|e| format!("{rel}: {e}"))?;
    let uri = sc3_lsp::uri::from_relative(&root, &rel).as_str().to_owned();
    // The first target of the first entry: `targets = ["diag-16"]`.
    let at = text
        .find("targets = [\"")
        .ok_or("no targets in the crosswalk")?
        + 12;
    let end = at + text[at..].find('"').ok_or("unterminated target")?;
    let line = text[..at].matches('\n').count();
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    let id_len = end - at;

    let mut server = Server::start(&root)?;
    let start = Instant::now();
    server.request(
        "initialize",
        json!({ "capabilities": {}, "rootUri": sc3_lsp::uri::from_relative(&root, "").as_str() }),
    )?;
    server.notify("initialized", json!({}))?;
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "toml", "version": 1, "text": text } }),
    )?;
    let first = server.diagnostics(&uri, 1)?;
    let startup = start.elapsed();
    if !first.is_empty() {
        return Err(format!("the generated crosswalk has findings: {first:?}"));
    }
    let pos = |c: usize| json!({ "line": line, "character": c });
    let mut times = Vec::with_capacity(a.edits);
    let load_before = load_average();
    let cpu_before = server.cpu();
    for i in 0..a.edits {
        let version = i as i32 + 2;
        let unknown = i % 2 == 0;
        let change = if unknown {
            json!({ "range": { "start": pos(col + id_len), "end": pos(col + id_len) }, "text": "-x" })
        } else {
            json!({ "range": { "start": pos(col + id_len), "end": pos(col + id_len + 2) }, "text": "" })
        };
        let sent = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] }),
        )?;
        let found = server.diagnostics(&uri, version)?;
        times.push(sent.elapsed());
        if std::env::var_os("SC3_BENCH_TRACE").is_some() {
            eprintln!("edit {i}: {:.1} ms", ms(sent.elapsed()));
        }
        let r003 = found.iter().any(|d| d["code"] == "R003");
        if r003 != unknown {
            return Err(format!(
                "edit {i}: expected {} R003, got {found:?}",
                if unknown { "an" } else { "no" }
            ));
        }
        let wait = if a.pause_every > 0 && (i + 1) % a.pause_every == 0 {
            a.pause_ms
        } else {
            a.pace
        };
        std::thread::sleep(Duration::from_millis(wait));
    }
    let peak_kib = server.peak_kib();
    let cpu_per_edit = match (cpu_before, server.cpu()) {
        (Some(b), Some(e)) if a.edits > 0 => Some((e - b) / a.edits as u32),
        _ => None,
    };
    let load = (load_before, load_average());
    server.request("shutdown", Value::Null)?;
    server.notify("exit", Value::Null)?;
    let _ = server.child.wait();
    Ok(Row {
        industries,
        files: written.files,
        startup,
        times,
        peak_kib,
        cpu_per_edit,
        load,
    })
}

/// The 1-minute load average (Linux), or `?`.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned())
}
