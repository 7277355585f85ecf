//! Replays the fuzz seed corpus (`fuzz/seeds/<target>/`) and every input a fuzzer found a bug with
//! (`fuzz/regressions/<target>/`) through the same checks as the `cargo fuzz` targets, on stable Rust, so a
//! fixed crash stays fixed without a nightly toolchain.

mod common;

use common::invariants::{fuzz_extract, fuzz_gazetteer, fuzz_jsonl, fuzz_tokenize};
use std::path::Path;

/// Runs `check` on every file of `fuzz/{seeds,regressions}/<target>/`; returns how many there were.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for kind in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(kind).join(target)) else { continue };
        let mut paths: Vec<_> = entries.map(|e| e.expect("directory entry").path()).collect();
        paths.sort();
        for p in paths {
            let data = std::fs::read(&p).expect("read a corpus file");
            eprintln!("{}", p.display());
            check(&data);
            n += 1;
        }
    }
    n
}

#[test]
fn tokenize_corpus() {
    assert!(replay("tokenize", fuzz_tokenize) > 0, "the seed corpus is in the repository");
}

#[test]
fn extract_corpus() {
    assert!(replay("extract", fuzz_extract) > 0);
}

#[test]
fn jsonl_corpus() {
    assert!(replay("jsonl", fuzz_jsonl) > 0);
}

#[test]
fn gazetteer_corpus() {
    assert!(replay("gazetteer", fuzz_gazetteer) > 0);
}
