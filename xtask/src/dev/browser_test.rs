//! `cargo xtask dev browser-test`: the handbook in a real browser.
//!
//! Builds the repository's handbook and a copy of the design examples with a
//! `<script>` planted in a title, serves both on localhost, and drives Debian's
//! headless Chromium: search results for Japanese queries, every link of the
//! generated pages, the planted script shown as text, and script planted in
//! a built page kept from running by the Content-Security-Policy. Screenshots of the
//! top page, a crosswalk matrix and a search result are saved for people to look at.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::outcome::{Error, Outcome};
use crate::repo;
use crate::server::Server;

/// Build the handbook and check it in headless Chromium (search, links, escaping); saves screenshots.
#[derive(clap::Args)]
pub struct Args {
    /// Where to build, and to save screenshots.
    #[arg(long, value_name = "DIR", default_value = "target/browser-test")]
    out: PathBuf,
}

/// Lints the repository at `root` and builds its handbook into `out`.
fn build(root: &Path, out: &Path) -> Result<(), String> {
    let report = repo::lint(root).map_err(|_| format!("cannot read {}", root.display()))?;
    if report.has_errors() {
        return Err(format!(
            "{} has lint errors: run cargo xtask lint --root {}",
            root.display(),
            root.display()
        ));
    }
    repo::build_book(&report.repo, out).map(|_| ())
}

const CHROMIUM: &str = "/usr/bin/chromium";

/// A check's outcome, printed as the test goes.
struct Checks {
    failed: usize,
    passed: usize,
}

impl Checks {
    fn check(&mut self, ok: bool, what: &str, detail: &str) {
        if ok {
            self.passed += 1;
            println!("ok   {what}");
        } else {
            self.failed += 1;
            println!("FAIL {what}: {detail}");
        }
    }
}

fn chromium() -> Result<PathBuf, String> {
    let path = std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from(CHROMIUM), PathBuf::from);
    if path.exists() {
        Ok(path)
    } else {
        Err(format!(
            "Chromium is not installed at {}: install Debian's package (apt-get install chromium) or set CHROMIUM",
            path.display()
        ))
    }
}

fn browser(bin: &Path, profile: &Path) -> Command {
    let mut c = Command::new(bin);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--virtual-time-budget=8000",
        "--window-size=1280,1000",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// The DOM after the page's scripts have run.
fn dom(bin: &Path, profile: &Path, url: &str) -> Result<String, String> {
    let out = browser(bin, profile)
        .arg("--dump-dom")
        .arg(url)
        .output()
        .map_err(|e| format!("cannot run Chromium: {e}"))?;
    if out.stdout.is_empty() {
        return Err(format!(
            "Chromium printed no DOM for {url}: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn screenshot(bin: &Path, profile: &Path, url: &str, file: &Path) -> Result<(), String> {
    let out = browser(bin, profile)
        .arg(format!("--screenshot={}", file.display()))
        .arg(url)
        .output()
        .map_err(|e| format!("cannot run Chromium: {e}"))?;
    if file.exists() {
        Ok(())
    } else {
        Err(format!(
            "no screenshot of {url}: {}",
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The search results in a dumped DOM: (title, snippet) of each.
fn results(dom: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for li in dom.split("<li>").skip(1) {
        let Some(t) = li.split("class=\"sc3-search-title\">").nth(1) else {
            continue;
        };
        let title = t.split("</a>").next().unwrap_or("").to_owned();
        let snippet = li
            .split("class=\"sc3-search-snippet\">")
            .nth(1)
            .and_then(|s| s.split("</p>").next())
            .unwrap_or("")
            .to_owned();
        out.push((title, snippet));
    }
    out
}

/// Every `href` of a dumped DOM that points inside the book.
fn local_links(dom: &str) -> Vec<String> {
    dom.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| {
            !h.contains("://") && !h.starts_with("mailto:") && !h.starts_with('#') && !h.is_empty()
        })
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

/// Copies the design examples and plants hostile content in them.
fn hostile_fixture(root: &Path, dir: &Path) -> Result<(), String> {
    // Read and written by the repository's rules (sc3_model::fsx): a link
    // among the fixtures is an error, never followed.
    let src = "tests/fixtures/examples";
    let listing = sc3_model::fsx::walk(root, src, |_| true).map_err(|e| e.to_string())?;
    for entry in listing.entries {
        if entry.kind == sc3_model::fsx::Kind::Dir {
            continue;
        }
        let bytes = sc3_model::fsx::read(root, &entry.rel).map_err(|e| e.to_string())?;
        sc3_model::fsx::write(dir, &entry.rel[src.len() + 1..], &bytes)
            .map_err(|e| e.to_string())?;
    }
    let catalog = dir.join("guidelines/example-base/1.0.toml");
    let text = fs::read_to_string(&catalog).map_err(|e| e.to_string())?.replace(
        "title = \"情報セキュリティの管理体制を定める\"",
        "title = \"<script>document.title='pwned'</script>管理体制<img src=x onerror=alert(1)>\"",
    );
    fs::write(&catalog, text).map_err(|e| e.to_string())
}

/// Plants script payloads inside `<main>` of a copy of a built page
/// (`csp-probe.html`), and again in a copy without the policy
/// (`csp-probe-off.html`).
fn csp_probe(book: &Path) -> Result<(), String> {
    let html = fs::read_to_string(book.join("intro.html")).map_err(|e| e.to_string())?;
    let payload = "<main><script>document.title='pwned-script'</script><img src=\"data:,x\" onerror=\"document.title='pwned-img'\"><svg onload=\"document.title='pwned-svg'\"></svg>";
    if !html.contains("<main>") || !html.contains("Content-Security-Policy") {
        return Err("intro.html has no <main> or no policy".into());
    }
    let planted = html.replacen("<main>", payload, 1);
    fs::write(book.join("csp-probe.html"), &planted).map_err(|e| e.to_string())?;
    let start = planted
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .ok_or("no policy")?;
    let end = start + planted[start..].find('>').ok_or("no end of the policy")? + 1;
    let off = format!("{}{}", &planted[..start], &planted[end..]);
    fs::write(book.join("csp-probe-off.html"), off).map_err(|e| e.to_string())
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let (root, out) = (repo::default_root(), a.out.as_path());
    let bin = chromium()?;
    let _ = fs::remove_dir_all(out);
    let book = out.join("book");
    let hostile_src = out.join("hostile-src");
    let hostile = out.join("hostile");
    let shots = out.join("screenshots");
    let profile = out.join("profile");
    for d in [&hostile_src, &shots, &profile] {
        fs::create_dir_all(d).map_err(|e| format!("cannot create {}: {e}", d.display()))?;
    }
    build(&root, &book)
        .and_then(|_| hostile_fixture(&root, &hostile_src))
        .and_then(|_| build(&hostile_src, &hostile))?;
    let server = Server::start(out, 0).map_err(|e| format!("cannot serve on localhost: {e}"))?;
    let mut checks = Checks {
        failed: 0,
        passed: 0,
    };

    // Search: each query finds pages that contain it, shown with the match marked.
    for query in ["委託先", "パスワード", "図面"] {
        let url = server.url(&format!("book/intro.html?search={}", percent_encode(query)));
        match dom(&bin, &profile, &url) {
            Ok(d) => {
                let found = results(&d);
                let marked = found
                    .first()
                    .is_some_and(|(_, s)| s.contains(&format!("<mark>{query}</mark>")));
                let all_contain = found
                    .iter()
                    .all(|(t, s)| s.contains(query) || t.contains(query));
                checks.check(
                    !found.is_empty()
                        && marked
                        && all_contain
                        && d.contains(&format!("「{query}」の検索結果")),
                    &format!("search 「{query}」 finds {} sections", found.len()),
                    &format!(
                        "results: {:?}",
                        found.iter().take(3).map(|(t, _)| t).collect::<Vec<_>>()
                    ),
                );
            }
            Err(e) => checks.check(false, &format!("search 「{query}」"), &e),
        }
    }

    // Links: every local link of the generated pages leads to an existing page
    // and anchor.
    let mut pages: Vec<String> = vec!["book/index.html".into(), "book/glossary.html".into()];
    for sub in [
        "industries",
        "mappings",
        "guidelines",
        "regulations",
        "tools",
    ] {
        for e in walkdir::WalkDir::new(book.join(sub))
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if e.path().extension().is_some_and(|x| x == "html") {
                let rel = e
                    .path()
                    .strip_prefix(out)
                    .expect("below out")
                    .to_string_lossy()
                    .replace('\\', "/");
                pages.push(rel);
            }
        }
    }
    pages.push("hostile/mappings/example-assoc@2.0--example-base@1.0.html".into());
    let mut broken = Vec::new();
    let mut followed = 0;
    for page in &pages {
        let d = match dom(&bin, &profile, &server.url(&percent_encode(page))) {
            Ok(d) => d,
            Err(e) => {
                broken.push(e);
                continue;
            }
        };
        let dir = out
            .join(page)
            .parent()
            .expect("a page has a directory")
            .to_path_buf();
        for link in local_links(&d) {
            let (file, anchor) = link
                .split_once('#')
                .map_or((link.as_str(), None), |(f, a)| (f, Some(a)));
            let file = file.split('?').next().unwrap_or(file);
            let target = if file.is_empty() {
                out.join(page)
            } else {
                dir.join(crate::server::percent_decode(file).unwrap_or_else(|| file.to_owned()))
            };
            followed += 1;
            match fs::read_to_string(&target) {
                Err(_) if target.extension().is_some_and(|e| e == "html") => {
                    broken.push(format!("{page} → {link}"))
                }
                Err(_) if !target.exists() => broken.push(format!("{page} → {link}")),
                Ok(body) => {
                    if let Some(a) = anchor {
                        let a = crate::server::percent_decode(a).unwrap_or_else(|| a.to_owned());
                        if !body.contains(&format!("id=\"{a}\"")) && !a.is_empty() {
                            broken.push(format!("{page} → {link} (no anchor)"));
                        }
                    }
                }
                Err(_) => {}
            }
        }
    }
    checks.check(
        broken.is_empty() && followed > 100,
        &format!("{followed} links on {} pages lead somewhere", pages.len()),
        &broken
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("; "),
    );

    // The planted script is shown as text and never runs.
    match dom(
        &bin,
        &profile,
        &server.url("hostile/guidelines/example-base/1.0.html"),
    ) {
        Ok(d) => checks.check(
            d.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;管理体制")
                && !d.contains("<script>document.title='pwned'")
                && !d.contains("<title>pwned</title>")
                && !d.contains("<img src=\"x\""),
            "a <script> in a title is shown as text",
            "the planted markup reached the page",
        ),
        Err(e) => checks.check(false, "hostile title", &e),
    }

    // The Content-Security-Policy: markup planted in a built page after the
    // build's own checks (as a gap in them would leave it) does not run. The
    // same page without the policy shows that the payloads are live.
    match csp_probe(&book) {
        Ok(()) => {
            for (page, policy) in [("csp-probe.html", true), ("csp-probe-off.html", false)] {
                match dom(&bin, &profile, &server.url(&format!("book/{page}"))) {
                    Ok(d) => {
                        let pwned = d.contains("<title>pwned");
                        checks.check(
                            pwned != policy,
                            &if policy {
                                "planted <script>, onerror and onload do not run under the policy"
                                    .to_owned()
                            } else {
                                "the same payloads run on a page without the policy".to_owned()
                            },
                            &format!(
                                "title: {}",
                                d.split("<title>")
                                    .nth(1)
                                    .and_then(|t| t.split("</title>").next())
                                    .unwrap_or("")
                            ),
                        );
                    }
                    Err(e) => checks.check(false, "CSP probe", &e),
                }
            }
        }
        Err(e) => checks.check(false, "CSP probe", &e),
    }

    // The self-diagnosis page: answering all 25 questions shows the total the
    // Rust scoring gives for the same answers.
    match crate::inputs::spec(&root) {
        Ok(spec) => {
            let cases: [[usize; 25]; 3] = [
                [0; 25],
                [
                    0, 0, 1, 0, 1, 0, 1, 2, 0, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 2, 1, 3, 2, 2,
                ],
                [
                    3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1, 0, 3,
                ],
            ];
            for case in cases {
                let expected = sc3_toolkit::diagnosis::score(
                    &spec,
                    &[sc3_toolkit::diagnosis::Answers {
                        name: None,
                        answers: case.to_vec(),
                    }],
                );
                let hash: Vec<String> = case.iter().map(|a| a.to_string()).collect();
                let url = server.url(&format!(
                    "book/tools/diagnosis.html#answers={}",
                    hash.join(",")
                ));
                match dom(&bin, &profile, &url) {
                    Ok(d) => {
                        let want = format!("id=\"sc3-total\">合計 {} 点 / 100 点", expected.total);
                        let band = format!("id=\"sc3-band\">{}", expected.band);
                        checks.check(
                            d.contains(&want) && d.contains(&band),
                            &format!(
                                "diagnosis page: 25 answers give {} points ({})",
                                expected.total, expected.band
                            ),
                            "the page shows another total or band",
                        );
                    }
                    Err(e) => checks.check(false, "diagnosis page", &e),
                }
            }
        }
        Err(e) => checks.check(false, "diagnosis spec", &e),
    }

    // The ★3 readiness section: for the same answers, the statuses the page
    // computes are those the command `readiness` gives for a company folder
    // holding only that answer file.
    // With every chapter ticked, the folder also holds a company.toml,
    // which adopts every chapter.
    let mixed = [
        3, 0, 1, 0, 1, 0, 1, 2, 0, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 2, 1, 3, 2, 3,
    ];
    for (case, adopted) in [
        ([0usize; 25], false),
        ([3; 25], false),
        (mixed, false),
        ([3; 25], true),
        (mixed, true),
    ] {
        let r = readiness_case(&bin, &profile, &server, out, &case, adopted);
        checks.check(
            r.is_ok(),
            &format!(
                "readiness section agrees with `readiness --format json` for {case:?}{}",
                if adopted { " and every chapter" } else { "" }
            ),
            &r.err().unwrap_or_default(),
        );
    }

    // Screenshots for people.
    let crosswalk = fs::read_dir(book.join("mappings"))
        .ok()
        .and_then(|d| {
            let mut v: Vec<_> = d
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n != "index.html" && n.ends_with(".html"))
                .collect();
            v.sort();
            v.into_iter().next().map(|n| format!("book/mappings/{n}"))
        })
        .unwrap_or_else(|| "hostile/mappings/example-assoc@2.0--example-base@1.0.html".into());
    for (name, path, suffix) in [
        ("top", "book/index.html".to_string(), String::new()),
        (
            "crosswalk-matrix",
            crosswalk,
            format!("#{}", percent_encode("判定の一覧図")),
        ),
        (
            "search",
            "book/index.html".to_string(),
            format!("?search={}", percent_encode("委託先")),
        ),
        (
            "industry",
            "book/industries/construction.html".to_string(),
            String::new(),
        ),
        (
            "regulation",
            "book/regulations/construction/09-outsourcing.html".to_string(),
            String::new(),
        ),
    ] {
        let file = shots.join(format!("{name}.png"));
        let r = screenshot(
            &bin,
            &profile,
            &server.url(&format!("{}{suffix}", percent_encode(&path))),
            &file,
        );
        checks.check(
            r.is_ok(),
            &format!("screenshot {}", file.display()),
            &r.err().unwrap_or_default(),
        );
    }

    println!("{} passed, {} failed", checks.passed, checks.failed);
    Ok(Outcome::findings_if(checks.failed > 0))
}

/// Runs `readiness --format json` on a folder holding one answer file and
/// compares every criterion's status with the diagnosis page's section for
/// the same answers (`data-criterion`, `data-status`).
fn readiness_case(
    bin: &Path,
    profile: &Path,
    server: &Server,
    out: &Path,
    case: &[usize; 25],
    adopted: bool,
) -> Result<(), String> {
    let words = sc3_toolkit::diagnosis::ANSWERS;
    let dir = out.join(format!(
        "readiness-{}{}",
        case.iter().map(|a| a.to_string()).collect::<String>(),
        if adopted { "-adopted" } else { "" }
    ));
    fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    if adopted {
        fs::write(dir.join("company.toml"), "name = \"当社\"\n").map_err(|e| e.to_string())?;
    }
    let answers: Vec<String> = case.iter().map(|&a| format!("\"{}\"", words[a])).collect();
    fs::write(
        dir.join("diagnosis.toml"),
        format!("answers = [{}]\n", answers.join(", ")),
    )
    .map_err(|e| e.to_string())?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let run = Command::new(exe)
        .args(["readiness", "--format", "json", "--company"])
        .arg(&dir)
        .output()
        .map_err(|e| e.to_string())?;
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).map_err(|e| {
        format!(
            "readiness printed no JSON ({e}): {}",
            String::from_utf8_lossy(&run.stderr)
        )
    })?;
    let cli: Vec<(String, String)> = json["criteria"]
        .as_array()
        .ok_or("no criteria in the JSON")?
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap_or("").to_owned(),
                c["status"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let hash: Vec<String> = case.iter().map(|a| a.to_string()).collect();
    let d = dom(
        bin,
        profile,
        &server.url(&format!(
            "book/tools/diagnosis.html#answers={}{}",
            hash.join(","),
            if adopted { "&adopted=all" } else { "" }
        )),
    )?;
    let page: Vec<(String, String)> = d
        .split("data-criterion=\"")
        .skip(1)
        .filter_map(|rest| {
            let id = &rest[..rest.find('"')?];
            let st = rest.split("data-status=\"").nth(1)?;
            Some((id.to_owned(), st[..st.find('"')?].to_owned()))
        })
        .collect();
    if cli.len() != 81 {
        return Err(format!("the command gave {} criteria, not 81", cli.len()));
    }
    if page != cli {
        let first = page
            .iter()
            .zip(&cli)
            .find(|(p, c)| p != c)
            .map(|(p, c)| format!("page {p:?}, command {c:?}"))
            .unwrap_or_else(|| format!("page {} criteria, command {}", page.len(), cli.len()));
        return Err(format!("they differ: {first}"));
    }
    Ok(())
}
