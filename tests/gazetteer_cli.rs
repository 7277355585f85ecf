//! `ner --list-gazetteers` and `ner --explain FORM`, as a user runs them.

mod common;

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

/// Runs `ner` with `args` on `text` as standard input (ner may exit, on a broken list, before reading it).
fn ner_stdin(args: &[&str], text: &str) -> Output {
    common::run_stdin(args, text.as_bytes())
}

/// (text, label, canonical, recognizer) of every entity of every output line.
fn found(out: &Output) -> Vec<Vec<[String; 4]>> {
    stdout(out)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["entities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| ["text", "label", "canonical", "recognizer"].map(|k| e[k].as_str().unwrap().to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn user_list_adds_an_invented_organization_named_after_its_file() {
    let text = "Zorblax Freight a signé un contrat avec le Mali. Selon Zorblax Freight, les camions partiront lundi.";
    // the short form, with and without its header
    for (name, list) in [
        ("short.tsv", "name\tlabel\nZorblax Freight\tORGANIZATION\n"),
        ("bare.tsv", "# our clients\nZorblax Freight\tORGANIZATION\n"),
    ] {
        let path = user_list(name, list);
        let recognizer = format!("gazetteer:{}", path.display());
        let docs = found(&ner_stdin(&["--gazetteer", path.to_str().unwrap()], text));
        let zorblax: Vec<&[String; 4]> = docs[0].iter().filter(|e| e[0] == "Zorblax Freight").collect();
        assert_eq!(zorblax.len(), 2, "{name}: {docs:?}");
        assert!(zorblax.iter().all(|e| e[1] == "ORGANIZATION" && e[3] == recognizer), "{name}: {zorblax:?}");
        // the built-in lists still work beside it
        assert!(docs[0].iter().any(|e| e[0] == "Mali" && e[3] == "gazetteer:countries"), "{docs:?}");
    }
    // without the list, the name is not known
    let docs = found(&ner_stdin(&[], text));
    assert!(!docs[0].iter().any(|e| e[0] == "Zorblax Freight" && e[1] == "ORGANIZATION"), "{docs:?}");
}

#[test]
fn user_rows_win_over_builtin_rows() {
    let path = user_list(
        "override.tsv",
        "name\tlabel\tcanonical\tkb_id\tlang\nMali\tCOUNTRY\tRépublique du Mali\tQ912\t*\nBamako\tORGANIZATION\tBamako FC\t\t*\n",
    );
    let docs = found(&ner_stdin(&["--gazetteer", path.to_str().unwrap()], "Le président du Mali est arrivé à Bamako."));
    let recognizer = format!("gazetteer:{}", path.display());
    let want = [
        ["Mali", "COUNTRY", "République du Mali", recognizer.as_str()],
        ["Bamako", "ORGANIZATION", "Bamako FC", recognizer.as_str()],
    ]
    .map(|r| r.map(str::to_string));
    assert_eq!(docs[0], want);
    // and --no-builtin-gazetteers leaves only the user's names
    let path2 = user_list("only.tsv", "Zorblax Freight\tORGANIZATION\n");
    let docs = found(&ner_stdin(
        &["--no-builtin-gazetteers", "--gazetteer", path2.to_str().unwrap()],
        "Zorblax Freight livre le Mali.",
    ));
    let texts: Vec<&str> = docs[0].iter().map(|e| e[0].as_str()).collect();
    assert_eq!(texts, ["Zorblax Freight"]);
}

#[test]
fn a_broken_user_list_is_one_clear_line_and_exit_2() {
    for (name, list, at) in [
        ("broken-label.tsv", "name\tlabel\nAcme\tORGANIZATION\nZorblax\tCOMPANY\n", ":3: unknown label \"COMPANY\""),
        ("broken-id.tsv", "name\tlabel\tkb_id\nAcme\tORGANIZATION\tacme\n", ":2: kb_id \"acme\""),
        ("broken-bare.tsv", "Acme\tORGANIZATION\n\tPERSON\n", ":2: empty `name`"),
    ] {
        let path = user_list(name, list);
        let out = ner_stdin(&["--gazetteer", path.to_str().unwrap()], "Le Mali.");
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(out.stdout.is_empty(), "{name}: nothing on stdout");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{name}: one line: {err:?}");
        assert!(err.starts_with("ner: gazetteer: ") && err.contains(&format!("{}{at}", path.display())), "{err}");
    }
    let out = ner_stdin(&["--gazetteer", "no/such/list.tsv"], "Le Mali.");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/list.tsv"));
}

#[test]
fn language_is_detected_per_document_and_language_rows_follow_it() {
    // one form, a French reading and an English one: each document gets the reading of its language
    let path = user_list("bilingual.tsv", "name\tlabel\tlang\nZorblax\tORGANIZATION\tfr\nZorblax\tPERSON\ten\n");
    let g = path.to_str().unwrap();
    let input = "Selon Zorblax, le gouvernement a signé un accord avec les syndicats.\n\
                 According to Zorblax, the government has signed a deal with the unions.\n";
    let auto = ner_stdin(&["--input-format", "lines", "--gazetteer", g], input);
    let langs: Vec<String> = stdout(&auto)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["language"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(langs, ["fr", "en"]);
    let labels = |out: &Output| -> Vec<String> {
        found(out).iter().map(|d| d.iter().find(|e| e[0] == "Zorblax").expect("Zorblax")[1].clone()).collect()
    };
    assert_eq!(labels(&auto), ["ORGANIZATION", "PERSON"]);
    // a fixed language applies to every document
    let fr = ner_stdin(&["--input-format", "lines", "--lang", "fr", "--gazetteer", g], input);
    assert_eq!(labels(&fr), ["ORGANIZATION", "ORGANIZATION"]);
    assert!(stdout(&fr).lines().all(|l| l.contains("\"language\":\"fr\"")));
}
