//! The command line as a user meets it: inputs, formats, errors and exit codes (DESIGN §5).

mod common;

use common::{entities, make_corpus, ner, records, run_stdin, scratch};
use serde_json::Value;
use std::fs;

#[test]
fn stdin_is_one_document() {
    let out = run_stdin(&[], "Le ministre Diop est arrivé au Mali avec M. Lavrov.".as_bytes());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["source"], "-");
    assert_eq!(recs[0]["language"], "fr");
    let ents = entities(&recs[0]);
    assert!(ents.contains(&("Mali".into(), "COUNTRY".into())), "{ents:?}");
    assert!(ents.contains(&("Diop".into(), "PERSON".into())), "{ents:?}");
    assert!(ents.contains(&("Lavrov".into(), "PERSON".into())), "{ents:?}");
    // field order of DESIGN §4
    let line = String::from_utf8(out.stdout).unwrap();
    let keys = [
        "\"text\"",
        "\"label\"",
        "\"start\"",
        "\"end\"",
        "\"byte_start\"",
        "\"byte_end\"",
        "\"canonical\"",
        "\"entity\"",
        "\"recognizer\"",
    ];
    let pos: Vec<usize> = keys.iter().map(|k| line.find(k).expect(k)).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "field order {pos:?}");
    assert!(line.starts_with("{\"source\":\"-\",\"language\":\"fr\",\"entities\":["));
}

#[test]
fn bom_is_removed_before_offsets() {
    let out = run_stdin(&[], "\u{feff}Mali".as_bytes());
    let recs = records(&out);
    let e = &recs[0]["entities"][0];
    assert_eq!((e["start"].as_u64(), e["byte_start"].as_u64()), (Some(0), Some(0)));
}

#[test]
fn invalid_utf8_on_stdin_is_an_error_record() {
    let out = run_stdin(&[], b"Mali \xff\xfe");
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs[0]["error"], "invalid UTF-8 at byte 5");
    assert!(String::from_utf8_lossy(&out.stderr).contains("-: invalid UTF-8 at byte 5"));
}

#[test]
fn labels_filter() {
    let out = run_stdin(&["--labels", "COUNTRY"], "M. Diop est au Mali.".as_bytes());
    let ents = entities(&records(&out)[0]);
    assert_eq!(ents, vec![("Mali".to_string(), "COUNTRY".to_string())]);
    let bad = run_stdin(&["--labels", "CITY"], b"x");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown label"));
}

#[test]
fn lines_input_numbers_documents() {
    let out = run_stdin(&["--input-format", "lines"], "Le Mali.\n\nLa Russie.\n".as_bytes());
    let recs = records(&out);
    assert_eq!(recs.len(), 2, "blank lines are not documents");
    assert_eq!(recs[0]["id"], 1);
    assert_eq!(recs[1]["id"], 3);
    assert_eq!(entities(&recs[1]), vec![("Russie".to_string(), "COUNTRY".to_string())]);
}

#[test]
fn jsonl_input_keeps_ids_and_reports_bad_lines() {
    let input = concat!(
        "{\"id\":\"a\",\"text\":\"Le Mali.\",\"other\":1}\n",
        "not json\n",
        "{\"id\":7}\n",
        "{\"id\":8,\"text\":42}\n",
        "{\"id\":\"b\",\"text\":\"La Russie.\"}\n",
    );
    let out = run_stdin(&["--input-format", "jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), 5);
    assert_eq!(recs[0]["id"], "a");
    assert_eq!(recs[1]["line"], 2);
    assert_eq!(recs[1]["error"], "invalid JSON at column 2: expected ident");
    assert_eq!((recs[2]["id"].clone(), recs[2]["error"].clone()), (Value::from(7), Value::from("no `text` field")));
    assert_eq!(recs[3]["error"], "`text` is not a string");
    assert_eq!(recs[4]["id"], "b");
    assert_eq!(entities(&recs[4]), vec![("Russie".to_string(), "COUNTRY".to_string())]);
}

#[test]
fn json_format_is_one_array() {
    let dir = scratch("json_format");
    fs::write(dir.join("a.txt"), "Le Mali.").unwrap();
    fs::write(dir.join("b.txt"), "La Russie.").unwrap();
    let out = ner().arg("--format").arg("json").arg(&dir).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(v.as_array().map(Vec::len), Some(2));
}

#[test]
fn thousand_files_one_record_each_in_sorted_order() {
    let dir = scratch("thousand");
    make_corpus(&dir, 1000);
    let out = ner().arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out);
    assert_eq!(recs.len(), 1000);
    let sources: Vec<&str> = recs.iter().map(|r| r["source"].as_str().unwrap()).collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted);
    sorted.dedup();
    assert_eq!(sorted.len(), 1000);
    assert!(recs.iter().all(|r| entities(r).len() == 2));
}

#[test]
fn bad_files_become_error_records_and_the_rest_is_processed() {
    let dir = scratch("bad_files");
    make_corpus(&dir, 1000);
    // non-UTF-8
    fs::write(dir.join("part0/bad-utf8.txt"), b"Le Mali \xc3\x28 ici").unwrap();
    // unreadable: a dangling link is unreadable even for root
    std::os::unix::fs::symlink(dir.join("does-not-exist"), dir.join("part1/unreadable.txt")).unwrap();
    // a hidden file and a binary file are skipped with a note
    fs::write(dir.join("part2/.hidden.txt"), "Le Mali").unwrap();
    fs::write(dir.join("part2/image.bin"), b"\x89PNG\0\0\0").unwrap();
    let out = ner().arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), 1002, "1000 documents and 2 error records");
    let errors: Vec<&Value> = recs.iter().filter(|r| r.get("error").is_some()).collect();
    assert_eq!(errors.len(), 2);
    assert!(errors
        .iter()
        .any(|r| r["source"].as_str().unwrap().ends_with("bad-utf8.txt") && r["error"] == "invalid UTF-8 at byte 8"));
    assert!(errors.iter().any(|r| r["source"].as_str().unwrap().ends_with("unreadable.txt")));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad-utf8.txt: invalid UTF-8"), "{stderr}");
    assert!(stderr.contains(".hidden.txt: skipped, hidden"), "{stderr}");
    assert!(stderr.contains("image.bin: skipped, binary file"), "{stderr}");
    let sources: Vec<&str> = recs.iter().map(|r| r["source"].as_str().unwrap()).collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted, "error records keep their sorted place");
}

#[test]
fn missing_file_is_an_error_record() {
    let out = ner().arg("no/such/file.txt").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs[0]["source"], "no/such/file.txt");
    assert!(recs[0]["error"].as_str().unwrap().contains("No such file"));
}

#[test]
fn user_gazetteer_adds_entities_and_broken_ones_fail_clearly() {
    let dir = scratch("user_gaz");
    let gaz = dir.join("mine.tsv");
    fs::write(&gaz, "name\tlabel\nZorblax Freight Cooperative\tORGANIZATION\n").unwrap();
    let out = run_stdin(&["--gazetteer", gaz.to_str().unwrap()], "La Zorblax Freight Cooperative livre.".as_bytes());
    let recs = records(&out);
    let e = &recs[0]["entities"][0];
    assert_eq!(e["text"], "Zorblax Freight Cooperative");
    assert_eq!(e["recognizer"], format!("gazetteer:{}", gaz.display()));
    let broken = dir.join("broken.tsv");
    fs::write(&broken, "name\tlabel\nFoo\tPLANET\n").unwrap();
    let out = run_stdin(&["--gazetteer", broken.to_str().unwrap()], b"x");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("broken.tsv:2: unknown label"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let out = ner().arg("--no-such-flag").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = ner().args(["-j", "0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
