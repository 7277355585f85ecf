//! Every `--format` read back by a parser and compared with the JSON Lines output of the same inputs:
//! serde for `json`, readers written here for `conll` and `tsv` (the HTML page is read back by a browser
//! in `html_browser.rs`).

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ner(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ner")).args(args).output().expect("run ner")
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "exit {:?}: {}", out.status, String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// A folder of three documents we wrote: French, English, and one with tabs and an empty line; one folder
/// per test, as tests run in parallel.
fn corpus(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("formats-{test}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("a-fr.txt"),
        "Le ministre Sergueï Lavrov est arrivé à Bamako, au Mali, où il a rencontré Abdoulaye Diop.\n\n\
         M. Lavrov a ensuite salué le travail de la Minusma. L’ONU n’a pas réagi.",
    )
    .unwrap();
    fs::write(
        dir.join("b-en.txt"),
        "The United Nations Security Council met in New York on Monday. Russia and China abstained, \
         and Emmanuel Macron said France would help.",
    )
    .unwrap();
    fs::write(dir.join("c-tabs.txt"), "Nairobi\tKenya\n\nthe end").unwrap();
    dir
}

fn jsonl(dir: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec![dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    stdout(&ner(&args)).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect()
}

#[test]
fn json_is_one_array_of_the_jsonl_records() {
    let dir = corpus("json_is_one_array_of_the_jsonl_records");
    let lines = jsonl(&dir, &[]);
    let array: Vec<Value> = serde_json::from_str(&stdout(&ner(&["--format", "json", dir.to_str().unwrap()]))).unwrap();
    assert_eq!(array, lines);
    assert_eq!(lines.len(), 3);
    // the library's own record type reads it back too
    let typed: Vec<ner::emit::Record> =
        serde_json::from_str(&stdout(&ner(&["--format", "json", dir.to_str().unwrap()]))).unwrap();
    assert_eq!(typed.len(), 3);
    // no input: still a valid (empty) array
    let empty = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("formats-empty");
    fs::create_dir_all(&empty).unwrap();
    let none: Vec<Value> = serde_json::from_str(&stdout(&ner(&["--format", "json", empty.to_str().unwrap()]))).unwrap();
    assert!(none.is_empty());
}

/// A CoNLL document: sentences of (token, tag).
type ConllDoc = Vec<Vec<(String, String)>>;

/// Reads token-per-line BIO: `-DOCSTART-` opens a document, a blank line ends a sentence.
fn read_conll(text: &str) -> Vec<ConllDoc> {
    let mut docs: Vec<ConllDoc> = Vec::new();
    let mut sentence: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.is_empty() {
            if !sentence.is_empty() {
                docs.last_mut().expect("a sentence before any -DOCSTART-").push(std::mem::take(&mut sentence));
            }
            continue;
        }
        let (token, tag) = line.split_once('\t').expect("token<TAB>tag");
        assert!(!tag.contains('\t'), "two columns: {line:?}");
        if token == "-DOCSTART-" {
            assert_eq!(tag, "O");
            assert!(sentence.is_empty(), "-DOCSTART- inside a sentence");
            docs.push(Vec::new());
            continue;
        }
        assert!(!token.is_empty() && !token.contains(char::is_whitespace), "token {token:?}");
        assert!(tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"), "tag {tag:?}");
        sentence.push((token.to_string(), tag.to_string()));
    }
    assert!(sentence.is_empty(), "the last sentence is closed by a blank line");
    docs
}

/// Entities of a CoNLL document as (label, text without spaces); an `I-` continues the entity before it.
fn conll_entities(doc: &ConllDoc) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut open = false;
    for sentence in doc {
        for (token, tag) in sentence {
            if let Some(label) = tag.strip_prefix("B-") {
                out.push((label.to_string(), token.clone()));
                open = true;
            } else if let Some(label) = tag.strip_prefix("I-") {
                assert!(open, "I- without B-: {token}");
                let last = out.last_mut().unwrap();
                assert_eq!(last.0, label, "I- of another label");
                last.1.push_str(token);
            } else {
                open = false;
            }
        }
    }
    out
}

fn json_entities(rec: &Value) -> Vec<(String, String)> {
    rec["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let text: String = e["text"].as_str().unwrap().chars().filter(|c| !c.is_whitespace()).collect();
            (e["label"].as_str().unwrap().to_string(), text)
        })
        .collect()
}

#[test]
fn conll_round_trips() {
    let dir = corpus("conll_round_trips");
    let lines = jsonl(&dir, &[]);
    let text = stdout(&ner(&["--format", "conll", dir.to_str().unwrap()]));
    let docs = read_conll(&text);
    assert_eq!(docs.len(), lines.len(), "one -DOCSTART- per document");
    for (doc, rec) in docs.iter().zip(&lines) {
        let want = json_entities(rec);
        assert!(!want.is_empty());
        assert_eq!(conll_entities(doc), want, "{}", rec["source"]);
    }
    // sentences: the French article has three, the English one two
    assert_eq!(docs[0].len(), 3, "{:?}", docs[0]);
    assert_eq!(docs[1].len(), 2);
    // the tokens are the text's, in order: joined, they give the text without its white space
    let fr = fs::read_to_string(dir.join("a-fr.txt")).unwrap();
    let joined: String = docs[0].iter().flatten().map(|(t, _)| t.as_str()).collect();
    assert_eq!(joined, fr.chars().filter(|c| !c.is_whitespace()).collect::<String>());
    // a multi-word name is B- then I-
    assert!(docs[0][0]
        .windows(2)
        .any(|w| w[0] == ("Sergueï".into(), "B-PERSON".into()) && w[1] == ("Lavrov".into(), "I-PERSON".into())));
}

#[test]
fn conll_refuses_summary() {
    let out = ner(&["--format", "conll", "--summary", "x.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--summary"));
}

fn unescape(cell: &str) -> String {
    let mut out = String::new();
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            other => panic!("bad escape \\{other:?} in {cell:?}"),
        }
    }
    out
}

/// Reads a TSV with a header into one map per row.
fn read_tsv(text: &str) -> (Vec<String>, Vec<Vec<(String, String)>>) {
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().expect("a header").split('\t').map(str::to_string).collect();
    let rows = lines
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(cells.len(), header.len(), "every row has every column: {l:?}");
            header.iter().cloned().zip(cells.iter().map(|c| unescape(c))).collect()
        })
        .collect();
    (header, rows)
}

fn cell<'a>(row: &'a [(String, String)], name: &str) -> &'a str {
    &row.iter().find(|(k, _)| k == name).unwrap_or_else(|| panic!("no column {name}")).1
}

#[test]
fn tsv_round_trips() {
    let dir = corpus("tsv_round_trips");
    let lines = jsonl(&dir, &[]);
    let (header, rows) = read_tsv(&stdout(&ner(&["--format", "tsv", dir.to_str().unwrap()])));
    assert_eq!(header[..3], ["source", "id", "language"]);
    let mut want = Vec::new();
    for rec in &lines {
        for e in rec["entities"].as_array().unwrap() {
            want.push((rec["source"].as_str().unwrap().to_string(), rec["language"].clone(), e.clone()));
        }
    }
    assert_eq!(rows.len(), want.len(), "one row per entity");
    for (row, (source, language, e)) in rows.iter().zip(&want) {
        assert_eq!(cell(row, "source"), source);
        assert_eq!(cell(row, "language"), language.as_str().unwrap());
        assert_eq!(cell(row, "error"), "");
        for key in ["text", "label", "canonical", "recognizer"] {
            assert_eq!(cell(row, key), e[key].as_str().unwrap(), "{key}");
        }
        for key in ["kb_id", "iso"] {
            assert_eq!(cell(row, key), e[key].as_str().unwrap_or(""), "{key}");
        }
        for key in ["start", "end", "byte_start", "byte_end", "entity"] {
            assert_eq!(cell(row, key).parse::<u64>().unwrap(), e[key].as_u64().unwrap(), "{key}");
        }
    }
    // the entity spanning a tab comes back with its tab
    let tabbed: Vec<&str> = rows.iter().map(|r| cell(r, "text")).filter(|t| t.contains('\t')).collect();
    let json_tabbed = want.iter().filter(|(_, _, e)| e["text"].as_str().unwrap().contains('\t')).count();
    assert_eq!(tabbed.len(), json_tabbed);
}

#[test]
fn tsv_and_json_summaries_agree() {
    let dir = corpus("tsv_and_json_summaries_agree");
    let lines = jsonl(&dir, &["--summary"]);
    let (header, rows) = read_tsv(&stdout(&ner(&["--format", "tsv", "--summary", dir.to_str().unwrap()])));
    assert!(header.contains(&"mentions".to_string()) && header.contains(&"forms".to_string()));
    let mut want = Vec::new();
    for rec in &lines {
        let summary = rec["summary"].as_array().expect("a summary field with --summary");
        // counts add up to the mentions
        let total: u64 = summary.iter().map(|s| s["mentions"].as_u64().unwrap()).sum();
        assert_eq!(total as usize, rec["entities"].as_array().unwrap().len());
        for s in summary {
            want.push((s["canonical"].as_str().unwrap().to_string(), s["mentions"].as_u64().unwrap()));
        }
    }
    let got: Vec<(String, u64)> =
        rows.iter().map(|r| (cell(r, "canonical").to_string(), cell(r, "mentions").parse().unwrap())).collect();
    assert_eq!(got, want);
    // Lavrov is named twice in the French article, under two forms
    let lavrov = rows.iter().find(|r| cell(r, "canonical").contains("Lavrov")).expect("Lavrov");
    assert_eq!(cell(lavrov, "mentions"), "2");
    assert_eq!(cell(lavrov, "label"), "PERSON");
    // without --summary there is no summary field
    assert!(jsonl(&dir, &[])[0].get("summary").is_none());
}

#[test]
fn errors_are_visible_in_every_format() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("formats-errors");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("a.txt"), "Le Mali.").unwrap();
    fs::write(dir.join("b.txt"), b"bad \xFF byte").unwrap();
    let run = |format: &str| {
        let out = ner(&["--format", format, dir.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("b.txt: invalid UTF-8"), "{format}");
        String::from_utf8(out.stdout).unwrap()
    };
    let (_, rows) = read_tsv(&run("tsv"));
    let err = rows.iter().find(|r| cell(r, "source").ends_with("b.txt")).expect("an error row");
    assert!(cell(err, "error").starts_with("invalid UTF-8"));
    assert_eq!(read_conll(&run("conll")).len(), 2, "the failed document is an empty document");
    let html = run("html");
    assert!(html.contains("class=\"error\">invalid UTF-8"), "{html}");
}
