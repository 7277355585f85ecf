//! `ner --list-gazetteers` and `ner --explain FORM`, as a user runs them.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

fn ner(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ner")).args(args).output().expect("run ner")
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "exit {:?}: {}", out.status, String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn user_list(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("gazetteer_cli");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn list_gazetteers_counts_every_builtin_list() {
    let text = stdout(&ner(&["--list-gazetteers"]));
    let first = text.lines().next().unwrap();
    for col in ["list", "label", "lang", "source", "rows", "canonicals"] {
        assert!(first.contains(col), "header {first:?} lacks {col}");
    }
    for list in ["countries", "organizations", "locations", "titles", "demonyms", "given_names"] {
        assert!(text.lines().any(|l| l.starts_with(list) && l.contains("(all)")), "no total for {list}:\n{text}");
    }
    // a country row from country-codes, in French
    assert!(
        text.lines().any(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            c.len() == 6 && c[0] == "countries" && c[1] == "COUNTRY" && c[2] == "fr" && c[3] == "country-codes"
        }),
        "{text}"
    );
    let total = text.lines().last().unwrap();
    assert!(total.starts_with("total"), "{total}");
    let n: usize = total.split_whitespace().last().unwrap().parse().unwrap();
    assert!(n > 10_000, "{total}");
}

#[test]
fn list_gazetteers_includes_user_lists() {
    let path = user_list("mine.tsv", "name\tlabel\nAcme Widgets\tORGANIZATION\nZorg\tPERSON\n");
    let text = stdout(&ner(&["--list-gazetteers", "--gazetteer", path.to_str().unwrap()]));
    let mine: Vec<&str> = text.lines().filter(|l| l.starts_with(path.to_str().unwrap())).collect();
    assert_eq!(mine.len(), 3, "two label groups and a total:\n{text}");
    assert!(mine.iter().any(|l| l.contains("ORGANIZATION") && l.contains(" - ")), "{text}");
}

#[test]
fn list_gazetteers_reports_a_broken_list() {
    let path = user_list("broken.tsv", "name\tlabel\nX\tCITY\n");
    let out = ner(&["--list-gazetteers", "--gazetteer", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.tsv:2"), "{err}");
}

#[test]
fn explain_shows_key_entries_and_lines() {
    let text = stdout(&ner(&["--explain", "Etats-Unis"]));
    assert!(text.contains("key: \"Etats-Unis\""), "{text}");
    assert!(text.contains("COUNTRY") && text.contains("United States") && text.contains("iso=US"), "{text}");
    assert!(text.contains("kb_id=Q30"), "{text}");
    assert!(text.contains("[gazetteers/countries.tsv:"), "{text}");
}

#[test]
fn explain_reports_cues_and_unknown_forms() {
    let text = stdout(&ner(&["--explain", "Sergueï", "--explain", "Xyzzyq Plugh"]));
    let (first, second) = text.split_once("\n\n").expect("one block per form");
    assert!(first.contains("GIVEN") && first.contains("cue for the rules: a given name"), "{first}");
    assert!(second.contains("no gazetteer entry"), "{second}");
}

#[test]
fn explain_flags_ambiguous_forms_and_user_lists() {
    let path = user_list("mine2.tsv", "name\tlabel\tflags\nAcme Widgets\tORGANIZATION\tambiguous\n");
    let text = stdout(&ner(&["--gazetteer", path.to_str().unwrap(), "--explain", "Acme Widgets"]));
    assert!(text.contains("flags=ambiguous") && text.contains("ambiguous: "), "{text}");
    assert!(text.contains(&format!("[{}:2]", path.display())), "{text}");
}

#[test]
fn explain_and_paths_conflict() {
    let out = ner(&["--explain", "Mali", "some-file.txt"]);
    assert_eq!(out.status.code(), Some(2));
}
