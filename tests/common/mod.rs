//! Helpers shared by the integration tests: running the binary, reading its records, scratch folders,
//! generated corpora, and the invariants of `invariants.rs` (also used by the fuzz targets).
// each test file uses a different subset of these helpers
#![allow(dead_code)]

pub mod invariants;

use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn ner() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ner"))
}

/// Runs `ner ARGS` with `input` on standard input (written from another thread, so a large input cannot
/// dead-lock against a full output pipe).
pub fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = ner()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ner");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("writer thread");
    out
}

/// The JSON Lines of standard output, each parsed.
pub fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// `(text, label)` of each entity of a record.
pub fn entities(rec: &Value) -> Vec<(String, String)> {
    rec["entities"]
        .as_array()
        .expect("entities array")
        .iter()
        .map(|e| (e["text"].as_str().unwrap().to_string(), e["label"].as_str().unwrap().to_string()))
        .collect()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A scratch directory under the target dir, removed first if a previous run left it.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// `n` short French dispatches in three nested folders, so the walk is recursive and the sort is over
/// whole paths.
pub fn make_corpus(dir: &Path, n: usize) {
    for i in 0..n {
        let sub = dir.join(format!("part{}", i % 3));
        fs::create_dir_all(&sub).unwrap();
        fs::write(sub.join(format!("doc{i:04}.txt")), format!("Dépêche {i}: le Mali et la Russie.")).unwrap();
    }
}

/// The `source` of every record, in output order.
pub fn sources(recs: &[Value]) -> Vec<&str> {
    recs.iter().map(|r| r["source"].as_str().expect("source is a string")).collect()
}
