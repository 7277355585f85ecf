//! Hostile input, one test per case: what a batch over a scraped archive meets. Each input is either
//! processed or reported (an error record in its place, or a note for a skipped file), the run goes on,
//! and the exit code tells the truth (0 all processed, 1 some failed, 2 fatal).
//!
//! Decisions written down here:
//! - Unreadable files: CI runs as root, for whom `chmod 000` changes nothing, so the tests make files that
//!   no one can read: a link to `/proc/self/mem` (a regular file whose read at offset 0 fails with EIO),
//!   a dangling link and a link to itself (ELOOP). A `chmod 000` file is added when not running as root.
//! - The 100 MB single line is built so that the debug build of the test suite goes through it in a few
//!   seconds (long runs of white space and of one long word around real sentences): it proves there is
//!   no line or document size limit and that offsets past 100 MB are exact. The cost of 100 MB of dense
//!   news text is measured with the release build by `scripts/stress.sh`, not by a timed test.
//! - A lone CR ends a sentence in text (the tokenizer treats it as a line break), but only LF ends a line
//!   of `lines` or `jsonl` input, as in ripgrep and jq; a CR before the LF is removed.
//! - Binary means a NUL byte in the first 8 KiB (grep's rule), for files in a folder, files named on the
//!   command line and standard input alike: skipped with a note, exit 0.

mod common;

use common::invariants::check_record;
use common::{entities, ner, records, run_stdin, scratch, sources, stderr};
use serde_json::Value;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Output, Stdio};

fn run_file(args: &[&str], path: &Path) -> Output {
    ner().args(args).arg(path).output().expect("run ner")
}

/// `(text, label, start, end, byte_start, byte_end)` of each entity.
fn spans(rec: &Value) -> Vec<(String, String, u64, u64, u64, u64)> {
    let n = |e: &Value, k: &str| e[k].as_u64().expect("offset");
    rec["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().expect("string").to_string();
            (s("text"), s("label"), n(e, "start"), n(e, "end"), n(e, "byte_start"), n(e, "byte_end"))
        })
        .collect()
}

/// Exactly one document record, exit 0, nothing on stderr.
fn one_clean_document(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(out));
    assert!(out.stderr.is_empty(), "stderr: {}", stderr(out));
    let recs = records(out);
    assert_eq!(recs.len(), 1, "{recs:?}");
    recs.into_iter().next().unwrap()
}

#[test]
fn empty_file() {
    let dir = scratch("hostile_empty");
    let path = dir.join("empty.txt");
    fs::write(&path, "").unwrap();
    let rec = one_clean_document(&run_file(&[], &path));
    assert_eq!(rec, serde_json::json!({"source": path.display().to_string(), "language": "fr", "entities": []}));
    let rec = one_clean_document(&run_stdin(&[], b""));
    assert_eq!(rec, serde_json::json!({"source": "-", "language": "fr", "entities": []}));
    // an empty file in `lines` or `jsonl` has no document at all
    for format in ["lines", "jsonl"] {
        let out = run_file(&["--input-format", format], &path);
        assert_eq!((out.status.code(), out.stdout.len(), out.stderr.len()), (Some(0), 0, 0), "{format}");
    }
}

#[test]
fn whitespace_only() {
    let text = " \t\r\n\u{a0}\u{3000}\u{2028}\u{200b}\u{feff}\u{85}\n\n";
    let rec = one_clean_document(&run_stdin(&[], text.as_bytes()));
    assert_eq!(rec["entities"], serde_json::json!([]));
    // no line of it is a document
    let out = run_stdin(&["--input-format", "lines"], b" \t\r\n\n   \r\n");
    assert_eq!((out.status.code(), out.stdout.len()), (Some(0), 0));
}

#[test]
fn byte_order_mark_is_not_counted_in_offsets() {
    let dir = scratch("hostile_bom");
    let path = dir.join("bom.txt");
    fs::write(&path, "\u{feff}La Russie et le Mali.").unwrap();
    let rec = one_clean_document(&run_file(&[], &path));
    let want = vec![
        ("Russie".to_string(), "COUNTRY".to_string(), 3, 9, 3, 9),
        ("Mali".to_string(), "COUNTRY".to_string(), 16, 20, 16, 20),
    ];
    assert_eq!(spans(&rec), want);
    check_record("La Russie et le Mali.", &rec);
    // the first line of `lines` input loses its BOM too; a BOM later in the text is not a BOM
    let out = run_file(&["--input-format", "lines"], &path);
    assert_eq!(spans(&one_clean_document(&out)), want);
    let text = "Le Mali\u{feff} et la Russie.";
    let rec = one_clean_document(&run_stdin(&[], text.as_bytes()));
    assert_eq!(spans(&rec)[1], span(text, "Russie", "COUNTRY"), "an inner U+FEFF is a character of the text");
}

#[test]
fn crlf_line_ends() {
    let text = "Le Mali.\r\nLa Russie.\r\n";
    let rec = one_clean_document(&run_stdin(&[], text.as_bytes()));
    assert_eq!(entities(&rec), [("Mali".into(), "COUNTRY".into()), ("Russie".into(), "COUNTRY".into())]);
    assert_eq!(spans(&rec)[1].2, 13);
    check_record(text, &rec);
    // each line a document, the CR removed
    let out = run_stdin(&["--input-format", "lines"], text.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out);
    assert_eq!(recs.iter().map(|r| r["id"].clone()).collect::<Vec<_>>(), [1, 2]);
    check_record("Le Mali.", &recs[0]);
    check_record("La Russie.", &recs[1]);
    let jsonl = "{\"id\":\"a\",\"text\":\"Le Mali.\"}\r\n{\"id\":\"b\",\"text\":\"La Russie.\"}\r\n";
    let out = run_stdin(&["--input-format", "jsonl"], jsonl.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(records(&out).len(), 2);
}

#[test]
fn lone_cr_line_ends() {
    // old Mac line ends: CR is a line break for the sentence splitter, so `La` opens a sentence
    let text = "Le Mali.\rLa Russie.\rM. Diop";
    let rec = one_clean_document(&run_stdin(&[], text.as_bytes()));
    assert_eq!(
        spans(&rec),
        [
            ("Mali".into(), "COUNTRY".into(), 3, 7, 3, 7),
            ("Russie".into(), "COUNTRY".into(), 12, 18, 12, 18),
            ("Diop".into(), "PERSON".into(), 23, 27, 23, 27),
        ]
    );
    // only LF ends a line of `lines` input: the whole text is line 1
    let recs = records(&run_stdin(&["--input-format", "lines"], text.as_bytes()));
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], 1);
    check_record(text, &recs[0]);
}

#[test]
fn nul_bytes_make_a_file_binary() {
    let dir = scratch("hostile_nul");
    fs::write(dir.join("a.txt"), "Le Mali.").unwrap();
    fs::write(dir.join("b.txt"), b"Le Mali.\0La Russie.").unwrap();
    // a NUL byte after the first 8 KiB is not looked for (grep's rule): the file is text
    let mut late = "Le Mali. ".repeat(1000).into_bytes();
    late.extend_from_slice(b"\0 La Russie.");
    fs::write(dir.join("c.txt"), &late).unwrap();
    let out = run_file(&[], &dir);
    assert_eq!(out.status.code(), Some(0), "a skipped file is not a failure");
    let recs = records(&out);
    let names: Vec<&str> = sources(&recs).into_iter().map(|s| s.rsplit('/').next().unwrap()).collect();
    assert_eq!(names, ["a.txt", "c.txt"]);
    assert_eq!(stderr(&out), format!("ner: {}: skipped, binary file\n", dir.join("b.txt").display()));
    check_record(std::str::from_utf8(&late).unwrap(), &recs[1]);
    assert_eq!(spans(&recs[1]).last().map(|s| s.0.clone()), Some("Russie".to_string()));
    // -q silences the note, not the outcome
    let out = ner().arg("-q").arg(dir.join("b.txt")).output().unwrap();
    assert_eq!((out.status.code(), out.stdout.len(), out.stderr.len()), (Some(0), 0, 0));
}

#[test]
fn binary_files_are_skipped_with_a_note() {
    let dir = scratch("hostile_binary");
    fs::write(dir.join("image.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0").unwrap();
    // UTF-16 text is binary to a UTF-8 reader (NUL in every other byte)
    let utf16: Vec<u8> = "Le Mali".encode_utf16().flat_map(u16::to_le_bytes).collect();
    fs::write(dir.join("utf16.txt"), [&[0xFF, 0xFE][..], &utf16].concat()).unwrap();
    fs::write(dir.join("program"), b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0").unwrap();
    fs::write(dir.join("z.txt"), "La Russie.").unwrap();
    let out = run_file(&[], &dir);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(records(&out).len(), 1, "only z.txt is a document");
    let notes = stderr(&out);
    for name in ["image.png", "utf16.txt", "program"] {
        assert!(notes.contains(&format!("{}: skipped, binary file", dir.join(name).display())), "{notes}");
    }
    assert_eq!(notes.lines().count(), 3, "{notes}");
    // named on the command line or piped in: the same rule
    let out = run_file(&[], &dir.join("image.png"));
    assert_eq!((out.status.code(), out.stdout.len()), (Some(0), 0));
    let out = run_stdin(&[], &fs::read(dir.join("program")).unwrap());
    assert_eq!((out.status.code(), out.stdout.len()), (Some(0), 0));
    assert_eq!(stderr(&out), "ner: -: skipped, binary file\n");
}

#[test]
fn invalid_utf8_is_an_error_record_naming_the_byte_offset() {
    let dir = scratch("hostile_utf8");
    let cases: [(&str, &[u8], usize); 6] = [
        ("bad-continuation.txt", b"Le Mali \xc3\x28 ici", 8),
        ("truncated-at-end.txt", b"Le Mali \xe2\x82", 8),
        ("latin1.txt", b"Le S\xe9n\xe9gal", 4),
        ("overlong.txt", b"ab\xc0\xafcd", 2),
        ("surrogate.txt", b"abc\xed\xa0\x80", 3),
        // the offset is in the file as given, BOM included
        ("bom.txt", b"\xef\xbb\xbfLe Mali \xff", 11),
    ];
    fs::write(dir.join("good.txt"), "Le Mali.").unwrap();
    for (name, bytes, _) in &cases {
        fs::write(dir.join(name), bytes).unwrap();
    }
    let out = run_file(&[], &dir);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), cases.len() + 1);
    let notes = stderr(&out);
    for (name, _, at) in cases {
        let path = dir.join(name).display().to_string();
        let rec = recs.iter().find(|r| r["source"] == path.as_str()).expect(name);
        let error = format!("invalid UTF-8 at byte {at}");
        assert_eq!(rec, &serde_json::json!({"source": path, "error": error}));
        assert!(notes.contains(&format!("ner: {path}: {error}\n")), "{notes}");
    }
    assert_eq!(notes.lines().count(), cases.len());
    // a line of `lines` input: the record names the line and the offset in it
    let out = run_stdin(&["--input-format", "lines"], b"Le Mali.\nLa \xffRussie.\nLe Niger.\n");
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs[1], serde_json::json!({"source": "-", "line": 2, "error": "invalid UTF-8 at byte 3 of the line"}));
    assert_eq!(recs.len(), 3);
}

#[test]
fn hundred_megabyte_single_line() {
    const MB: usize = 1 << 20;
    let dir = scratch("hostile_100mb");
    let path = dir.join("line.txt");
    let (head, mid, tail) =
        ("Sergueï Lavrov est arrivé au Mali, ", " puis la Russie a écrit à l’ONU ", " et au Sénégal.");
    let (spaces, e_run, nbsp_run, a_run) = (60 * MB, 10 * MB, 5 * MB, 10 * MB);
    let mut text = String::with_capacity(101 * MB);
    text.push_str(head);
    text.push_str(&" ".repeat(spaces));
    text.push_str(mid);
    text.push_str(&"é".repeat(e_run));
    text.push_str(&"\u{a0}".repeat(nbsp_run));
    text.push_str(&"a".repeat(a_run));
    text.push_str(tail);
    assert!(text.len() >= 100 * MB && !text.contains('\n'));
    fs::write(&path, &text).unwrap();
    drop(text);
    // expected offsets from the lengths of the parts: (bytes, code points) before each part
    let (head_b, head_c) = (head.len(), head.chars().count());
    let (mid_b, mid_c) = (head_b + spaces, head_c + spaces);
    let (tail_b, tail_c) =
        (mid_b + mid.len() + 2 * e_run + 2 * nbsp_run + a_run, mid_c + mid.chars().count() + e_run + nbsp_run + a_run);
    let at = |part_b: usize, part_c: usize, part: &str, word: &str| {
        let b = part.find(word).unwrap();
        let c = part[..b].chars().count();
        let n = word.chars().count() as u64;
        ((part_c + c) as u64, (part_c + c) as u64 + n, (part_b + b) as u64, (part_b + b + word.len()) as u64)
    };
    let want = [
        ("Sergueï Lavrov", "PERSON", at(0, 0, head, "Sergueï Lavrov")),
        ("Mali", "COUNTRY", at(0, 0, head, "Mali")),
        ("Russie", "COUNTRY", at(mid_b, mid_c, mid, "Russie")),
        ("ONU", "ORGANIZATION", at(mid_b, mid_c, mid, "ONU")),
        ("Sénégal", "COUNTRY", at(tail_b, tail_c, tail, "Sénégal")),
    ];
    let want: Vec<_> =
        want.iter().map(|(t, l, (s, e, bs, be))| (t.to_string(), l.to_string(), *s, *e, *bs, *be)).collect();
    for format in ["text", "lines"] {
        let out = run_file(&["--input-format", format], &path);
        let rec = one_clean_document(&out);
        assert_eq!(spans(&rec), want, "{format}");
    }
    fs::remove_dir_all(&dir).ok();
}

#[test]
fn megabyte_runs_without_spaces() {
    const MB: usize = 1 << 20;
    let dir = scratch("hostile_runs");
    let runs: [(&str, String); 12] = [
        ("letters", "a".repeat(MB)),
        ("accented", "é".repeat(MB / 2)),
        ("capitalized-names", "MaliRussie".repeat(MB / 10)),
        ("hyphenated", "Mali-".repeat(MB / 5)),
        ("digits", "1,5".repeat(MB / 3)),
        ("dots", ".".repeat(MB)),
        ("apostrophes", "l’".repeat(MB / 4)),
        ("dotted-acronym", "U.S.".repeat(MB / 4)),
        ("url", format!("https://example.org/{}", "a".repeat(MB))),
        ("emoji", "👩\u{200d}👩\u{200d}👧".repeat(MB / 18)),
        ("ideographs", "北京".repeat(MB / 6)),
        ("combining", "e\u{301}".repeat(MB / 3)),
    ];
    for (name, text) in &runs {
        // a name before and after each run: the run must not swallow them or shift their offsets
        fs::write(dir.join(format!("{name}.txt")), format!("Le Mali. {text} La Russie.")).unwrap();
    }
    let out = run_file(&[], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), runs.len());
    for (name, text) in &runs {
        let rec = recs.iter().find(|r| r["source"].as_str().unwrap().ends_with(&format!("/{name}.txt"))).unwrap();
        let full = format!("Le Mali. {text} La Russie.");
        check_record(&full, rec);
        let found = entities(rec);
        assert_eq!(found.first(), Some(&("Mali".into(), "COUNTRY".into())), "{name}");
        assert_eq!(found.last(), Some(&("Russie".into(), "COUNTRY".into())), "{name}");
    }
}

/// The span of the first `word` in `text`, as the output must give it.
fn span(text: &str, word: &str, label: &str) -> (String, String, u64, u64, u64, u64) {
    let b = text.find(word).expect(word);
    let c = text[..b].chars().count() as u64;
    let n = word.chars().count() as u64;
    (word.to_string(), label.to_string(), c, c + n, b as u64, (b + word.len()) as u64)
}

/// One document from standard input: its spans, after checking the invariants against the text.
fn spans_of(text: &str) -> Vec<(String, String, u64, u64, u64, u64)> {
    let rec = one_clean_document(&run_stdin(&[], text.as_bytes()));
    check_record(text, &rec);
    spans(&rec)
}

#[test]
fn combining_marks() {
    // decomposed accents (NFD, as some scrapers write them) match the composed gazetteer forms; offsets
    // count the marks as the code points they are
    let text = "Le Se\u{301}ne\u{301}gal et la Co\u{302}te d’Ivoire.";
    let want = [span(text, "Se\u{301}ne\u{301}gal", "COUNTRY"), span(text, "Co\u{302}te d’Ivoire", "COUNTRY")];
    assert_eq!(spans_of(text), want);
    assert_eq!((want[0].2, want[0].3), (3, 12), "nine code points");
    // stray marks with nothing to attach to are not words
    assert_eq!(spans_of("\u{301}\u{308} Le Mali \u{301}.").len(), 1);
}

#[test]
fn right_to_left_text() {
    // Arabic and Hebrew around Latin names, with bidi embedding controls around one of them: the controls
    // are not part of the span
    let text = "قال الوزير إن \u{202b}Mali\u{202c} و Sergueï Lavrov في מוסקבה\u{200f}. La Russie.";
    let want = [span(text, "Mali", "COUNTRY"), span(text, "Sergueï Lavrov", "PERSON"), span(text, "Russie", "COUNTRY")];
    assert_eq!(spans_of(text), want);
}

#[test]
fn emoji_with_joiners() {
    // a family (5 code points), a flag (2), a skin tone modifier: offsets are code points, like Python's
    let text = "👩\u{200d}👩\u{200d}👧 Le Mali 🇲🇱 et la Russie 👍🏽 ont signé.";
    let want = [span(text, "Mali", "COUNTRY"), span(text, "Russie", "COUNTRY")];
    assert_eq!(spans_of(text), want);
    assert_eq!((want[0].2, want[0].4), (9, 22));
}

#[test]
fn zero_width_spaces() {
    // U+200B separates words like a space; the names on either side are found with exact offsets
    let text = "Le\u{200b}Mali et la\u{200b}Russie\u{200b}.";
    assert_eq!(spans_of(text), [span(text, "Mali", "COUNTRY"), span(text, "Russie", "COUNTRY")]);
}

#[test]
fn ideographic_text() {
    let text = "北京和东京。Le Mali et la Chine（中国）ont signé. 習近平 a rencontré Emmanuel Macron à Pékin.";
    let want = [
        span(text, "Mali", "COUNTRY"),
        span(text, "Chine", "COUNTRY"),
        span(text, "Emmanuel Macron", "PERSON"),
        span(text, "Pékin", "LOCATION"),
    ];
    assert_eq!(spans_of(text), want);
}

/// JSONL input with `bad` as line 2 between two good lines: the bad line is an error record with its line
/// number (and the `id` when it has one), the good ones are processed, the exit code is 1.
fn jsonl_bad_line(bad: &str) -> Value {
    let input = format!("{{\"id\":\"a\",\"text\":\"Le Mali.\"}}\n{bad}\n{{\"id\":\"c\",\"text\":\"La Russie.\"}}\n");
    let out = run_stdin(&["--input-format", "jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), 3, "{recs:?}");
    assert_eq!(
        (recs[0]["id"].clone(), entities(&recs[0])),
        (Value::from("a"), vec![("Mali".into(), "COUNTRY".into())])
    );
    assert_eq!(
        (recs[2]["id"].clone(), entities(&recs[2])),
        (Value::from("c"), vec![("Russie".into(), "COUNTRY".into())])
    );
    let rec = recs[1].clone();
    assert_eq!((rec["source"].clone(), rec["line"].clone()), (Value::from("-"), Value::from(2)));
    let error = rec["error"].as_str().expect("an error record");
    assert_eq!(stderr(&out), format!("ner: -:2: {error}\n"));
    rec
}

#[test]
fn jsonl_line_that_is_not_json() {
    let rec = jsonl_bad_line("{\"id\":\"b\",\"text\":\"Le Niger.\"");
    assert_eq!(rec["error"], "invalid JSON at column 28: EOF while parsing an object");
    let rec = jsonl_bad_line("Le Niger.");
    assert_eq!(rec["error"], "invalid JSON at column 1: expected value");
    // valid JSON that is not an object
    let rec = jsonl_bad_line("[\"Le Niger.\"]");
    assert_eq!(rec, serde_json::json!({"source": "-", "line": 2, "error": "not a JSON object"}));
}

#[test]
fn jsonl_line_without_text() {
    let rec = jsonl_bad_line("{\"id\":\"b\",\"body\":\"Le Niger.\"}");
    assert_eq!(rec, serde_json::json!({"source": "-", "id": "b", "line": 2, "error": "no `text` field"}));
}

#[test]
fn jsonl_text_not_a_string() {
    for text in ["42", "null", "[\"Le Niger.\"]", "{\"fr\":\"Le Niger.\"}"] {
        let rec = jsonl_bad_line(&format!("{{\"id\":\"b\",\"text\":{text}}}"));
        assert_eq!(rec["error"], "`text` is not a string", "{text}");
        assert_eq!(rec["id"], "b");
    }
}

#[test]
fn jsonl_lone_surrogate_escape() {
    // JSON text cannot carry half of a UTF-16 pair; the line is an error, not a guess
    // (the wording is serde_json's; the column points at the escape)
    let rec = jsonl_bad_line(r#"{"id":"b","text":"Le Niger \ud800\u0041."}"#);
    assert_eq!(rec["error"], "invalid JSON at column 39: lone leading surrogate in hex escape");
    for line in [r#"{"id":"b","text":"\udc00 Le Niger"}"#, r#"{"id":"b","text":"Le Niger \ud800."}"#] {
        let rec = jsonl_bad_line(line);
        assert!(rec["error"].as_str().unwrap().starts_with("invalid JSON at column"), "{rec}");
    }
    // a whole pair is a character: the line is processed and the offsets count it as one code point
    let out = run_stdin(&["--input-format", "jsonl"], br#"{"text":"\ud83d\ude00 Le Mali."}"#);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(spans(&records(&out)[0]), [("Mali".into(), "COUNTRY".into(), 5, 9, 8, 12)]);
}

#[test]
fn symlink_loop_is_cut_with_a_note() {
    let dir = scratch("hostile_symlink_loop");
    fs::create_dir_all(dir.join("a/b")).unwrap();
    fs::write(dir.join("a/b/doc.txt"), "Le Mali.").unwrap();
    std::os::unix::fs::symlink("..", dir.join("a/b/up")).unwrap();
    std::os::unix::fs::symlink(dir.join("a"), dir.join("a/b/root")).unwrap();
    // a link to itself is not a directory nor a file: an entry that cannot be read
    std::os::unix::fs::symlink("self.txt", dir.join("a/self.txt")).unwrap();
    let out = run_file(&[], &dir);
    assert_eq!(out.status.code(), Some(1), "the self-link failed");
    let recs = records(&out);
    assert_eq!(recs.len(), 2, "{recs:?}");
    assert_eq!(recs[0]["source"], dir.join("a/b/doc.txt").display().to_string());
    assert_eq!(recs[1]["source"], dir.join("a/self.txt").display().to_string());
    assert!(recs[1]["error"].as_str().unwrap().contains("symbolic links"), "{}", recs[1]);
    let notes = stderr(&out);
    assert!(notes.contains(&format!("{}: skipped, directory loop", dir.join("a/b/up").display())), "{notes}");
    assert!(notes.contains(&format!("{}: skipped, directory loop", dir.join("a/b/root").display())), "{notes}");
}

#[test]
fn deep_tree_is_walked_to_the_bottom() {
    // 2,040 nested folders, walked from inside (`ner .`): every relative path fits in PATH_MAX although the
    // absolute ones do not, so the walk must not need absolute paths (it once canonicalized each folder,
    // which failed there and took minutes)
    let dir = scratch("hostile_deep");
    let rel = vec!["d"; 2040].join("/");
    let made = std::process::Command::new("sh")
        .args(["-c", &format!("mkdir -p {rel} && printf 'Le Mali.' > {rel}/f.txt && printf 'La Russie.' > d/f.txt")])
        .current_dir(&dir)
        .status()
        .unwrap();
    assert!(made.success());
    let out = ner().arg(".").current_dir(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(sources(&recs), [format!("./{rel}/f.txt"), "./d/f.txt".to_string()]);
    assert_eq!(entities(&recs[0]), [("Mali".into(), "COUNTRY".into())]);
    std::process::Command::new("rm").args(["-rf", "d"]).current_dir(&dir).status().unwrap();
}

#[test]
fn unreadable_file_is_an_error_record() {
    let dir = scratch("hostile_unreadable");
    fs::write(dir.join("a.txt"), "Le Mali.").unwrap();
    // readable by no one, root included: a regular file whose first read fails (EIO), a dangling link
    std::os::unix::fs::symlink("/proc/self/mem", dir.join("b-mem.txt")).unwrap();
    std::os::unix::fs::symlink("no-such-target", dir.join("c-dangling.txt")).unwrap();
    let mut unreadable = vec![("b-mem.txt", "Input/output error"), ("c-dangling.txt", "No such file")];
    if !running_as_root() {
        use std::os::unix::fs::PermissionsExt;
        fs::write(dir.join("d-mode-000.txt"), "Le Mali.").unwrap();
        fs::set_permissions(dir.join("d-mode-000.txt"), fs::Permissions::from_mode(0o000)).unwrap();
        unreadable.push(("d-mode-000.txt", "Permission denied"));
    }
    fs::write(dir.join("z.txt"), "La Russie.").unwrap();
    let out = run_file(&[], &dir);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), unreadable.len() + 2);
    assert_eq!(entities(&recs[0]), [("Mali".into(), "COUNTRY".into())]);
    assert_eq!(entities(recs.last().unwrap()), [("Russie".into(), "COUNTRY".into())]);
    let notes = stderr(&out);
    for (rec, (name, error)) in recs[1..].iter().zip(&unreadable) {
        let path = dir.join(name).display().to_string();
        assert_eq!(rec["source"], path.as_str());
        assert!(rec["error"].as_str().unwrap().starts_with(error), "{rec}");
        assert!(notes.contains(&format!("ner: {path}: {error}")), "{notes}");
    }
    // named on the command line, the same record
    let out = run_file(&[], &dir.join("b-mem.txt"));
    assert_eq!(out.status.code(), Some(1));
    assert!(records(&out)[0]["error"].as_str().unwrap().starts_with("Input/output error"));
}

fn running_as_root() -> bool {
    // the owner of a file we just made is who we are
    use std::os::unix::fs::MetadataExt;
    let dir = scratch("hostile_whoami");
    fs::metadata(&dir).map(|m| m.uid() == 0).unwrap_or(false)
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo").arg(path).status().map(|s| s.success()).unwrap_or(false);
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn fifo_in_a_folder_is_skipped_and_a_named_one_is_read() {
    let dir = scratch("hostile_fifo");
    fs::write(dir.join("a.txt"), "Le Mali.").unwrap();
    mkfifo(&dir.join("pipe.txt"));
    // in a folder: never opened (opening would wait for a writer forever)
    let out = run_file(&[], &dir);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(records(&out).len(), 1);
    assert_eq!(stderr(&out), format!("ner: {}: skipped, not a regular file\n", dir.join("pipe.txt").display()));
    // named on the command line, like `ner <(curl …)`: read as a document
    let fifo = dir.join("pipe.txt");
    let child = ner().arg(&fifo).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    fs::OpenOptions::new().write(true).open(&fifo).unwrap().write_all("La Russie.".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(entities(&records(&out)[0]), [("Russie".into(), "COUNTRY".into())]);
}

#[test]
fn file_deleted_during_the_walk_is_an_error_record() {
    use ner::batch::{run, BatchConfig, Input};
    use std::sync::Mutex;
    // The walk is lazy and sorted, and it notes a hidden entry when it meets it: the note callback is a
    // hook at a known point of the walk. `.1` comes before `b.txt`, so b.txt is deleted before the walk
    // looks at it; `a.txt` was already found (its metadata read) when `c/.2` is met, and is deleted before
    // the chunk is read.
    let dir = scratch("hostile_deleted");
    fs::create_dir_all(dir.join("c")).unwrap();
    for f in ["a.txt", "b.txt", "c/d.txt", ".1", "c/.2"] {
        fs::write(dir.join(f), "Le Mali.").unwrap();
    }
    let log = Mutex::new(Vec::new());
    let notes = |msg: &str| {
        if msg.ends_with("/.1: skipped, hidden") {
            fs::remove_file(dir.join("b.txt")).unwrap();
        }
        if msg.ends_with("/c/.2: skipped, hidden") {
            fs::remove_file(dir.join("a.txt")).unwrap();
        }
        log.lock().unwrap().push(msg.to_string());
    };
    let ex = common::invariants::extractor();
    let mut out = Vec::new();
    let summary = run(ex, &[Input::Path(dir.clone())], &BatchConfig::default(), &mut out, &notes).unwrap();
    let recs: Vec<Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let got: Vec<(String, bool)> = recs
        .iter()
        .map(|r| {
            (r["source"].as_str().unwrap().to_string(), r["error"].as_str().is_some_and(|e| e.contains("No such file")))
        })
        .collect();
    let path = |f: &str| dir.join(f).display().to_string();
    assert_eq!(got, [(path("a.txt"), true), (path("b.txt"), true), (path("c/d.txt"), false)]);
    assert_eq!((summary.documents, summary.failed), (1, 2));
    let log = log.into_inner().unwrap();
    assert!(log.iter().any(|m| m.starts_with(&format!("{}: No such file", path("b.txt")))), "{log:?}");
}

#[test]
fn file_names_that_are_not_utf8_keep_distinct_sources() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("hostile_names");
    // Latin-1 names from an old archive: `café` and `cafè`, which a lossy conversion makes both `caf�`
    for (name, text) in [(&b"caf\xe9.txt"[..], "Le Mali."), (&b"caf\xe8.txt"[..], "La Russie.")] {
        fs::write(dir.join(std::ffi::OsStr::from_bytes(name)), text).unwrap();
    }
    let out = run_file(&[], &dir);
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out);
    let d = dir.display();
    assert_eq!(sources(&recs), [format!("{d}/caf\\xE8.txt"), format!("{d}/caf\\xE9.txt")]);
    assert_eq!(entities(&recs[0]), [("Russie".into(), "COUNTRY".into())]);
}

#[test]
fn full_device_is_one_clear_message_and_exit_2() {
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else { return };
    let dir = scratch("hostile_full");
    common::make_corpus(&dir, 50);
    for args in [&[][..], &["--format", "json"][..], &["--input-format", "lines"][..]] {
        let out = ner().args(args).arg(&dir).stdout(full.try_clone().unwrap()).stderr(Stdio::piped()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let notes = stderr(&out);
        assert_eq!(notes, "ner: error writing output: No space left on device (os error 28)\n", "{args:?}");
    }
}

#[test]
fn closed_pipe_is_a_quiet_exit() {
    let dir = scratch("hostile_pipe");
    common::make_corpus(&dir, 3000);
    for args in [&[][..], &["--input-format", "lines"][..]] {
        let mut child = ner().args(args).arg(&dir).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        // the reader is gone, as after `| head -1`
        let out = child.wait_with_output().unwrap();
        assert!(first.contains("\"source\""));
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(out.stderr.is_empty(), "{args:?}: {}", stderr(&out));
    }
}
