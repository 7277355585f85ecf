//! The invariants every input must keep (DESIGN §4 and §6), as plain functions that panic with a message
//! on a violation. Shared by the integration tests (`mod common`) and by the `cargo fuzz` targets in
//! `fuzz/` (which include this file by path), so a crash found by fuzzing replays as a normal test.
//!
//! Each `fuzz_*` function takes the raw bytes a fuzzer produces: it must never panic except through an
//! invariant assertion.

use ner::batch::{self, BatchConfig, Input, InputFormat};
use ner::gazetteer::{parse_tsv, MatcherBuilder, Origin, RowKind};
use ner::tokenize::tokenize;
use ner::{Document, Extractor, ExtractorConfig, LabelSet, LangChoice};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// The default extractor, built once per process.
pub fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(&ExtractorConfig::default()).expect("built-in gazetteers compile"))
}

/// Tokens: non-empty, in order, non-overlapping, on character boundaries, never white space; sentences
/// cover the tokens in order without gaps.
pub fn check_tokens(text: &str) {
    let doc = tokenize(text);
    let mut byte = 0usize;
    for (i, t) in doc.tokens.iter().enumerate() {
        let (start, end) = (t.range().start, t.range().end);
        assert!(start < end && end <= text.len(), "token {i} byte range {t:?}");
        assert!(start >= byte, "token {i} overlaps the one before: {t:?}");
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "token {i} cuts a character");
        byte = end;
        let s = t.text(text);
        assert!(!s.chars().all(char::is_whitespace), "token {i} is white space: {s:?}");
        assert!(t.sentence() < doc.sentences.len(), "token {i} sentence {} of {}", t.sentence, doc.sentences.len());
    }
    let mut next = 0;
    for (k, s) in doc.sentences.iter().enumerate() {
        assert_eq!(s.start, next, "sentence {k} starts where the previous one ended");
        assert!(s.start < s.end, "sentence {k} is empty");
        assert!(doc.tokens[s.start..s.end].iter().all(|t| t.sentence() == k), "tokens of sentence {k}");
        next = s.end;
    }
    assert_eq!(next, doc.tokens.len(), "sentences cover every token");
}

/// Entities of `doc` against the text they were extracted from (DESIGN §4).
pub fn check_document(text: &str, doc: &Document) {
    let n_chars = text.chars().count();
    let mut last_end = 0;
    let mut clusters = Vec::new();
    for e in &doc.entities {
        assert!(e.start < e.end && e.end <= n_chars, "code-point range {e:?}");
        assert!(e.byte_start < e.byte_end && e.byte_end <= text.len(), "byte range {e:?}");
        assert!(text.is_char_boundary(e.byte_start) && text.is_char_boundary(e.byte_end), "cuts a character {e:?}");
        assert_eq!(&text[e.byte_start..e.byte_end], e.text, "text is the byte slice");
        assert_eq!(text[..e.byte_start].chars().count(), e.start, "code-point start agrees with the byte start");
        assert_eq!(e.text.chars().count(), e.end - e.start, "code-point length");
        assert!(e.start >= last_end, "sorted and non-overlapping: {:?}", doc.entities);
        last_end = e.end;
        assert!(!e.text.trim().is_empty() && e.text.trim() == e.text, "span has no outer white space {e:?}");
        assert!(!e.canonical.is_empty(), "canonical {e:?}");
        assert!(!e.recognizer.is_empty(), "recognizer {e:?}");
        if let Some(id) = &e.kb_id {
            assert!(id.len() > 1 && id.starts_with('Q') && id[1..].bytes().all(|b| b.is_ascii_digit()), "{e:?}");
        }
        if !clusters.contains(&e.entity) {
            assert_eq!(e.entity, clusters.len(), "entity numbers by first mention");
            clusters.push(e.entity);
        }
    }
}

/// A document record of the JSON output, checked against the text it was extracted from.
pub fn check_record(text: &str, rec: &serde_json::Value) {
    assert!(rec.get("error").is_none(), "a document, not an error: {rec}");
    assert!(matches!(rec["language"].as_str(), Some("fr" | "en")), "language {rec}");
    let doc = Document {
        language: if rec["language"] == "en" { ner::Language::En } else { ner::Language::Fr },
        entities: serde_json::from_value(rec["entities"].clone()).expect("entities deserialize"),
    };
    check_document(text, &doc);
}

/// Extracts `text` with the default extractor and checks the result.
pub fn check_text(text: &str) -> Document {
    let doc = extractor().extract(text);
    check_document(text, &doc);
    doc
}

/// Fuzz target `tokenize`: arbitrary bytes read as lossy UTF-8.
pub fn fuzz_tokenize(data: &[u8]) {
    check_tokens(&String::from_utf8_lossy(data));
}

/// Fuzz target `extract`: arbitrary bytes, decoded as the batch decodes a file (error on invalid UTF-8,
/// naming a byte offset inside the input), and also read as lossy UTF-8 and extracted.
pub fn fuzz_extract(data: &[u8]) {
    match batch::decode(data) {
        Ok(text) => {
            check_text(text);
        }
        Err(e) => {
            let at: usize = e.strip_prefix("invalid UTF-8 at byte ").and_then(|n| n.parse().ok()).expect(&e);
            assert!(at < data.len(), "{e} in {} bytes", data.len());
            check_text(&String::from_utf8_lossy(data));
        }
    }
}

/// A scratch file per process and call, for the parts of the API that read paths.
fn scratch_file(ext: &str) -> std::path::PathBuf {
    static N: AtomicU64 = AtomicU64::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("ner-invariants-{}-{n}.{ext}", std::process::id()))
}

/// Fuzz target `jsonl`: arbitrary bytes as `--input-format jsonl` input. One record per non-blank line, in
/// order: a document where the line is an object with a string `text` (its entities checked against that
/// text), an error record naming the line otherwise; the summary counts them.
pub fn fuzz_jsonl(data: &[u8]) {
    let path = scratch_file("jsonl");
    std::fs::write(&path, data).expect("write scratch file");
    let cfg = BatchConfig { input_format: InputFormat::Jsonl, ..BatchConfig::default() };
    let mut out = Vec::new();
    let result = batch::run(extractor(), &[Input::Path(path.clone())], &cfg, &mut out, &|_: &str| {});
    let _ = std::fs::remove_file(&path);
    let summary = result.expect("writing to memory cannot fail");
    let out = String::from_utf8(out).expect("output is UTF-8");
    let records: Vec<serde_json::Value> =
        out.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect();
    // the lines the batch should see: split after '\n', line end and (first line) BOM removed
    let mut expected = Vec::new();
    for (i, raw) in data.split_inclusive(|&b| b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let raw = if i == 0 { raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw) } else { raw };
        if !raw.iter().all(u8::is_ascii_whitespace) {
            expected.push((i as u64 + 1, raw));
        }
    }
    assert_eq!(records.len(), expected.len(), "one record per non-blank line:\n{out}");
    let mut failed = 0;
    for (rec, (no, raw)) in records.iter().zip(&expected) {
        let text = std::str::from_utf8(raw)
            .ok()
            .and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .and_then(|v| v.get("text").and_then(|t| t.as_str().map(str::to_string)));
        match (rec.get("error"), text) {
            (Some(error), None) => {
                failed += 1;
                assert_eq!(rec["line"], *no, "error record names its line: {rec}");
                assert!(error.as_str().is_some_and(|e| !e.is_empty()), "{rec}");
            }
            (None, Some(text)) => check_record(&text, rec),
            (error, text) => panic!("line {no}: record {rec} (error {error:?}) but text {text:?}"),
        }
    }
    assert_eq!(summary.failed, failed, "summary counts the error records");
    assert_eq!(summary.documents, records.len() - failed);
}

/// Fuzz target `gazetteer`: arbitrary bytes as a user gazetteer file. Parsing either fails with an error
/// naming a line of the file, or gives rows with increasing line numbers; the rows compile, every row is
/// found again by its own name (one key function for building and lookup, DESIGN §6), and extraction with
/// these lists alone over their own names keeps the DESIGN §4 invariants.
pub fn fuzz_gazetteer(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let n_lines = text.lines().count().max(1);
    let rows = match parse_tsv(&text, "fuzz.tsv") {
        Ok(rows) => rows,
        Err(e) => {
            assert_eq!(e.file, "fuzz.tsv");
            assert!(e.line >= 1 && e.line <= n_lines, "error line {} of {n_lines}: {e}", e.line);
            assert!(e.to_string().starts_with(&format!("fuzz.tsv:{}: ", e.line)), "{e}");
            return;
        }
    };
    let mut last = 0;
    for r in &rows {
        assert!(r.line > last && r.line <= n_lines, "row line {} after {last} of {n_lines}", r.line);
        last = r.line;
        assert!(!r.name.trim().is_empty() && !r.canonical.trim().is_empty(), "{r:?}");
    }
    let mut b = MatcherBuilder::new();
    b.add_rows(&rows, Origin { name: "fuzz.tsv".into(), user: true });
    let m = b.build();
    for r in &rows {
        let toks = tokenize(&r.name);
        let leading_the = toks.tokens.len() >= 2 && toks.tokens[0].text(&r.name) == "the";
        if toks.tokens.is_empty() || leading_the {
            continue;
        }
        let found = m.lookup(&r.name);
        assert!(
            found.iter().any(|e| e.name == r.name && e.canonical == r.canonical && e.kind == r.kind),
            "row {r:?} not found by its own name: {found:?}"
        );
    }
    let ex = Extractor::from_matcher(m, LabelSet::all(), LangChoice::Auto);
    let names: Vec<&str> =
        rows.iter().filter(|r| matches!(r.kind, RowKind::Entity(_))).map(|r| r.name.as_str()).collect();
    let sample = names.join(", et ");
    let doc = ex.extract(&sample);
    check_document(&sample, &doc);
}
