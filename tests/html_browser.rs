//! `--format html` read back by a real browser: headless Chromium parses the page, and the DOM it
//! serializes must hold one highlighted `<mark>` per entity of the JSON output (same label, offsets,
//! text and canonical name), one section per document and a table of contents; a screenshot must come
//! out. Skips, saying so, when no Chromium is installed; `scripts/html_check.sh` installs Debian's
//! `chromium` and runs this test.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `$CHROMIUM`, or the first of the usual names found on `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Runs headless Chromium on `page` with `args`, killed after two minutes; returns its stdout.
fn run_chromium(bin: &Path, page: &Path, args: &[&str], scratch: &Path) -> String {
    let profile = scratch.join(format!("profile-{}", args.join("").len()));
    let _ = fs::remove_dir_all(&profile);
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait chromium").is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish in two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().expect("chromium output");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The attributes of an opening tag's inside (`mark class="…" data-x="…"`).
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].rsplit(' ').next().unwrap_or("").to_string();
        let after = &rest[eq + 2..];
        let end = after.find('"').expect("closing quote");
        out.push((name, unescape(&after[..end])));
        rest = &after[end + 1..];
    }
    out
}

/// Every `<mark …>text</mark>` of the DOM: its attributes and its text.
fn marks(dom: &str) -> Vec<(Vec<(String, String)>, String)> {
    let mut out = Vec::new();
    let mut rest = dom;
    while let Some(i) = rest.find("<mark ") {
        let open_end = rest[i..].find('>').expect("end of tag") + i;
        let close = rest[open_end..].find("</mark>").expect("closing </mark>") + open_end;
        let text = &rest[open_end + 1..close];
        assert!(!text.contains('<'), "nothing nested in a mark: {text:?}");
        out.push((attributes(&rest[i + 1..open_end]), unescape(text)));
        rest = &rest[close..];
    }
    out
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[test]
fn browser_shows_every_entity() {
    let Some(bin) = chromium() else {
        eprintln!("SKIPPED html_browser: no chromium on PATH (scripts/html_check.sh installs Debian's and runs this)");
        return;
    };
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("html-browser");
    let _ = fs::remove_dir_all(&scratch);
    let corpus = scratch.join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::copy(root.join("examples/news-en.txt"), corpus.join("1-news-en.txt")).unwrap();
    fs::write(
        corpus.join("2-fr.txt"),
        "Le ministre Sergueï Lavrov est arrivé à Bamako, au Mali.\n\nM. Lavrov a salué la Minusma & <l’ONU>.",
    )
    .unwrap();
    let ner = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_ner")).args(["--format", format]).arg(&corpus).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let page = scratch.join("page.html");
    fs::write(&page, ner("html")).unwrap();
    let records: Vec<Value> =
        String::from_utf8(ner("jsonl")).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();

    let dom = run_chromium(&bin, &page, &["--dump-dom"], &scratch);
    assert!(dom.contains("</html>"), "no DOM from chromium: {dom:?}");
    // one section per document, each listed in the table of contents
    for n in 1..=records.len() {
        assert!(dom.contains(&format!("id=\"doc-{n}\"")), "section {n}");
        assert!(dom.contains(&format!("href=\"#doc-{n}\"")), "toc entry {n}");
    }
    // every entity, in order, as a mark with its label, offsets, text and canonical name
    let want: Vec<&Value> = records.iter().flat_map(|r| r["entities"].as_array().unwrap()).collect();
    let got = marks(&dom);
    assert_eq!(got.len(), want.len(), "one mark per entity");
    for ((attrs, text), e) in got.iter().zip(&want) {
        assert_eq!(text, e["text"].as_str().unwrap());
        assert_eq!(attr(attrs, "data-label"), e["label"].as_str());
        assert_eq!(attr(attrs, "data-canonical"), e["canonical"].as_str());
        assert_eq!(attr(attrs, "data-kb-id"), e["kb_id"].as_str());
        assert_eq!(attr(attrs, "data-start").map(str::to_string), Some(e["start"].to_string()));
        assert_eq!(attr(attrs, "data-end").map(str::to_string), Some(e["end"].to_string()));
        let class = attr(attrs, "class").unwrap_or("");
        assert!(class.contains(&format!("l-{}", e["label"].as_str().unwrap())), "{class}");
    }
    // the text around the marks survived: escaped markup is text, not tags
    assert!(dom.contains("&amp; &lt;l’"), "escaped text");
    // Wikidata links in the tooltips
    assert!(dom.contains("https://www.wikidata.org/wiki/Q912"));

    let shot = scratch.join("page.png");
    run_chromium(&bin, &page, &[&format!("--screenshot={}", shot.display()), "--window-size=1200,1600"], &scratch);
    let png = fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 20_000, "{} bytes", png.len());
}
