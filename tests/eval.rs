//! `ner --eval` (DESIGN §5): the library scorer must give the figures of the shared Python scorers.
//!
//! `tests/fixtures/eval/` holds a gold file we wrote (in our four labels and in PER/LOC/ORG style),
//! hand-written predictions, and the output of `score.py` and `docscore.py` on them, recorded once
//! (`expected.txt` says how). The tests compare with those recordings, so they need neither Python nor
//! `../shared`. The CLI tests use a tiny user gazetteer instead of the built-in lists, so their expected
//! figures do not move when the recognizers improve.

use ner::eval::{self, EvalOptions, GoldDoc, Report, Row, Scoring, Span, Table};
use serde_json::Value;
use std::collections::HashMap;
use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval").join(name)
}

/// `pred.jsonl` (ner's output format), aligned with the gold documents by id.
fn predictions(gold: &[GoldDoc]) -> Vec<Vec<Span>> {
    let text = fs::read_to_string(fixture("pred.jsonl")).unwrap();
    let mut by_id: HashMap<String, Vec<Span>> = HashMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).unwrap();
        let spans = v["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                Span::new(
                    e["start"].as_u64().unwrap() as usize,
                    e["end"].as_u64().unwrap() as usize,
                    e["label"].as_str().unwrap(),
                )
            })
            .collect();
        by_id.insert(v["id"].as_str().unwrap().to_string(), spans);
    }
    gold.iter().map(|d| by_id.remove(d.id.as_deref().unwrap()).expect("a prediction per document")).collect()
}

fn evaluate(gold_file: &str) -> Report {
    let gold = eval::read_gold(&fixture(gold_file)).unwrap();
    let pred = predictions(&gold);
    let scoring = Scoring::new(&gold, &EvalOptions::default());
    eval::score(&gold, &pred, &scoring)
}

/// Python's float → the same float within rounding of its decimal repr, and the same 4-decimal print.
fn same_float(ours: f64, theirs: &Value, what: &str) {
    let theirs = theirs.as_f64().unwrap_or_else(|| panic!("{what}: not a number"));
    assert!((ours - theirs).abs() < 1e-12, "{what}: {ours} vs score.py {theirs}");
    assert_eq!(format!("{ours:.4}"), format!("{theirs:.4}"), "{what}");
}

fn same_row(row: &Row, theirs: &Value, what: &str) {
    for (k, ours) in [("tp", row.tp), ("fp", row.fp), ("fn", row.fn_), ("gold", row.gold), ("pred", row.pred)] {
        assert_eq!(Some(ours as u64), theirs[k].as_u64(), "{what} {k}");
    }
    same_float(row.precision, &theirs["precision"], &format!("{what} precision"));
    same_float(row.recall, &theirs["recall"], &format!("{what} recall"));
    same_float(row.f1, &theirs["f1"], &format!("{what} f1"));
}

/// Compares the strict figures with a recorded `score.py --json` output.
fn check_score_py(report: &Report, recorded: &str) {
    let theirs: Value = serde_json::from_str(&fs::read_to_string(fixture(recorded)).unwrap()).unwrap();
    let labels: Vec<&str> = theirs["labels"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert_eq!(report.labels, labels, "{recorded}: scored labels");
    for (mode, table) in [("exact", &report.exact), ("overlap", &report.overlap)] {
        for l in &labels {
            same_row(table.get(l).unwrap(), &theirs[mode][*l], &format!("{recorded} {mode} {l}"));
        }
        same_row(&table.micro, &theirs[mode]["micro"], &format!("{recorded} {mode} micro"));
    }
    same_float(report.micro_f1, &theirs["micro_f1"], "micro_f1");
    same_float(report.micro_f1_overlap, &theirs["micro_f1_overlap"], "micro_f1_overlap");
}

/// Compares a docscore table with recorded `docscore.py` output: `LABEL p= r= f1= tp= fp= fn=` lines, for
/// the labels with any count, and a last `f1=… p=… r=… tp=… fp=… fn=…` line.
fn check_docscore(table: &Table, recorded: &str) {
    let text = fs::read_to_string(fixture(recorded)).unwrap();
    let mut listed = Vec::new();
    for line in text.lines() {
        let (what, row) = if line.starts_with("f1=") {
            ("micro".to_string(), &table.micro)
        } else {
            let l = line.split_whitespace().next().unwrap().to_string();
            listed.push(l.clone());
            let row = table.get(&l).unwrap_or_else(|| panic!("{recorded}: label {l} not scored by ner"));
            (l, row)
        };
        let fields: HashMap<&str, &str> = line.split_whitespace().filter_map(|w| w.split_once('=')).collect();
        let count = |k: &str| fields[k].parse::<usize>().unwrap();
        assert_eq!((row.tp, row.fp, row.fn_), (count("tp"), count("fp"), count("fn")), "{recorded} {what}");
        assert_eq!(format!("{:.3}", row.precision), fields["p"], "{recorded} {what} p");
        assert_eq!(format!("{:.3}", row.recall), fields["r"], "{recorded} {what} r");
        assert_eq!(format!("{:.3}", row.f1), fields["f1"], "{recorded} {what} f1");
    }
    assert!(text.lines().last().unwrap().starts_with("f1="), "{recorded}: ends with the micro line");
    for (l, row) in &table.rows {
        if !listed.contains(l) {
            assert_eq!((row.tp, row.fp, row.fn_), (0, 0, 0), "{recorded}: docscore omits only empty labels ({l})");
        }
    }
}

#[test]
fn four_label_gold_agrees_with_score_py_and_docscore_py() {
    let report = evaluate("gold.jsonl");
    assert!(!report.aliases, "our four labels are scored as they are");
    check_score_py(&report, "score.native.json");
    check_docscore(report.docscore.as_ref().expect("the gold file has optional spans"), "docscore.native.txt");
    // the fixture is meant to make the three views differ
    assert!(report.micro_f1 < report.micro_f1_overlap);
    assert_ne!(Some(report.micro_f1), report.micro_f1_docscore);
}

#[test]
fn conll_style_gold_agrees_with_score_py_and_docscore_py() {
    let report = evaluate("gold.conll.jsonl");
    assert!(report.aliases, "PER/LOC/ORG gold: score.py's built-in aliases apply");
    assert_eq!(report.labels, ["PER", "LOC", "ORG"], "MISC is not scored by default");
    check_score_py(&report, "score.conll.json");
    check_docscore(report.docscore.as_ref().unwrap(), "docscore.conll.txt");
}

#[test]
fn error_listing_matches_the_counts() {
    let gold = eval::read_gold(&fixture("gold.jsonl")).unwrap();
    let pred = predictions(&gold);
    let scoring = Scoring::new(&gold, &EvalOptions::default());
    let report = eval::score(&gold, &pred, &scoring);
    let errors = eval::mistakes(&gold, &pred, &scoring);
    let count = |kind, optional: Option<bool>| {
        errors.iter().filter(|m| m.kind == kind && optional.is_none_or(|o| m.optional == o)).count()
    };
    assert_eq!(count(eval::MistakeKind::Fp, None), report.exact.micro.fp);
    assert_eq!(count(eval::MistakeKind::Miss, None), report.exact.micro.fn_);
    let doc = report.docscore.unwrap();
    assert_eq!(count(eval::MistakeKind::Fp, Some(false)), doc.micro.fp);
    assert_eq!(count(eval::MistakeKind::Miss, Some(false)), doc.micro.fn_);
    let diop = errors.iter().find(|m| m.text == "Diop").unwrap();
    assert_eq!((diop.kind, diop.id.as_str(), diop.label.as_str()), (eval::MistakeKind::Fp, "fr-lavrov", "PERSON"));
    assert!(diop.left.ends_with("son homologue Abdoulaye "), "{:?}", diop.left);
    assert_eq!(diop.right, ".");
}

fn ner_eval(args: &[&str]) -> Output {
    let gaz = fixture("cli.gazetteer.tsv");
    Command::new(env!("CARGO_BIN_EXE_ner"))
        .args(["--no-builtin-gazetteers", "--gazetteer", gaz.to_str().unwrap(), "--lang", "fr"])
        .args(args)
        .output()
        .expect("run ner")
}

#[test]
fn cli_eval_prints_per_label_lines_and_micro_f1_last() {
    let gold = fixture("cli.gold.jsonl");
    let out = ner_eval(&["--eval", gold.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    for want in [
        "== exact span match ==",
        "COUNTRY           3      3      2  0.6667  0.6667  0.6667",
        "ORGANIZATION      2      2      2  1.0000  1.0000  1.0000",
        "LOCATION          1      1      1  1.0000  1.0000  1.0000",
        "micro             6      6      5  0.8333  0.8333  0.8333",
        "== partial overlap (lenient) ==",
        "COUNTRY           3      3      3  1.0000  1.0000  1.0000",
        "micro             6      6      6  1.0000  1.0000  1.0000",
        "ORGANIZATION      1      1      1  1.0000  1.0000  1.0000",
        "micro             5      5      4  0.8000  0.8000  0.8000",
        "micro_f1_overlap=1.0000",
        "micro_f1_docscore=0.8000",
    ] {
        assert!(lines.contains(&want), "missing line {want:?} in\n{stdout}");
    }
    assert_eq!(lines.last(), Some(&"micro_f1=0.8333"), "{stdout}");
    assert!(!stdout.contains("MISS"), "errors only with --show-errors");
}

#[test]
fn cli_show_errors_and_json() {
    let gold = fixture("cli.gold.jsonl");
    let out = ner_eval(&["--eval", gold.to_str().unwrap(), "--show-errors"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("MISS cli-1 COUNTRY 36..43 \"au Mali\"\tDes renforts sont arrivés à Bamako, [au Mali]."));
    assert!(stdout.contains("FP   cli-1 COUNTRY 39..43 \"Mali\"\tDes renforts sont arrivés à Bamako, au [Mali]."));
    assert!(stdout.ends_with("micro_f1=0.8333\n"));

    let out = ner_eval(&["--eval", gold.to_str().unwrap(), "--eval-json", "--map", "COUNTRY=LOC,LOCATION=LOC"]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["labels"], serde_json::json!(["LOC", "ORGANIZATION"]));
    assert_eq!(v["exact"]["LOC"]["tp"], 3);
    assert_eq!(v["exact"]["micro"]["fn"], 1);
    assert_eq!(v["overlap"]["micro"]["f1"], 1.0);
    assert_eq!(v["docscore"]["ORGANIZATION"]["gold"], 1);
    assert!(v.get("errors").is_none());
}

#[test]
fn cli_bad_gold_exits_2_naming_file_and_line() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("eval-bad-gold");
    fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.jsonl");
    fs::write(&bad, "{\"id\":\"a\",\"text\":\"Mali\",\"entities\":[]}\n{\"id\":\"b\",\"text\":\"Mali\",\"entities\":[{\"start\":0,\"end\":9,\"label\":\"COUNTRY\"}]}\n").unwrap();
    let out = ner_eval(&["--eval", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&format!("{}:2: entity 0: end 9 is past the end", bad.display())), "{stderr}");
    assert!(out.stdout.is_empty());

    let missing = dir.join("missing.jsonl");
    let out = ner_eval(&["--eval", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains(&format!("{}: ", missing.display())));

    let out = ner_eval(&["--map", "COUNTRY=LOC"]);
    assert_eq!(out.status.code(), Some(2), "--map needs --eval");
    let out = ner_eval(&["--eval", fixture("cli.gold.jsonl").to_str().unwrap(), "--map", "COUNTRY"]);
    assert_eq!(out.status.code(), Some(2), "bad --map item");
}
