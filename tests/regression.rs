//! The regression corpus: sentences we wrote, each with the exact entities it must yield.
//!
//! Files in `tests/regression/*.txt`. A case is a line `> sentence` followed by its expected entities,
//! one `text<TAB>LABEL` per line in order, or a single `-` for "no entity at all". `#` lines are
//! comments naming the rule a group of cases covers. Every case runs; all failures are reported at once.

use ner::{Extractor, ExtractorConfig};
use std::path::Path;

struct Case {
    file: String,
    line: usize,
    text: String,
    want: Vec<(String, String)>,
}

fn load() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regression");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("tests/regression").map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut cases: Vec<Case> = Vec::new();
    for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "txt")) {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        for (i, line) in std::fs::read_to_string(f).unwrap().lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if let Some(text) = line.strip_prefix("> ") {
                cases.push(Case { file: name.clone(), line: i + 1, text: text.to_string(), want: Vec::new() });
            } else if line == "-" {
                assert!(cases.last().is_some_and(|c| c.want.is_empty()), "{name}:{}: `-` after entities", i + 1);
            } else {
                let (t, l) = line.split_once('\t').unwrap_or_else(|| panic!("{name}:{}: want text<TAB>LABEL", i + 1));
                cases.last_mut().expect("entity before any case").want.push((t.to_string(), l.to_string()));
            }
        }
    }
    cases
}

#[test]
fn regression_corpus() {
    let ex = Extractor::new(&ExtractorConfig::default()).expect("gazetteers compile");
    let cases = load();
    assert!(cases.len() >= 20, "the corpus is loaded");
    let mut failures = Vec::new();
    for c in &cases {
        let got: Vec<(String, String)> =
            ex.extract(&c.text).entities.iter().map(|e| (e.text.clone(), e.label.as_str().to_string())).collect();
        if got != c.want {
            failures.push(format!("{}:{}: {}\n    want {:?}\n    got  {:?}", c.file, c.line, c.text, c.want, got));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases fail:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
