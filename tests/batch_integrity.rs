//! Batch integrity over a large folder: every file is accounted for exactly once, bad files become error
//! records in their sorted place, and the output does not depend on the number of threads or on the run.

mod common;

use common::invariants::check_record;
use common::{ner, records, scratch, sources, stderr};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const FILES: usize = 10_000;

/// How a bad file is broken; every one of them must give an error record.
fn make_bad(path: &Path, i: usize) {
    match i % 4 {
        0 => fs::write(path, b"Le Mali \xc3\x28 et la Russie.").unwrap(),
        1 => std::os::unix::fs::symlink("no-such-target", path).unwrap(),
        2 => std::os::unix::fs::symlink("/proc/self/mem", path).unwrap(),
        _ => std::os::unix::fs::symlink(path.file_name().unwrap(), path).unwrap(),
    }
}

/// A dispatch that varies with `i` (names, length), so the workers' chunks take uneven times.
fn dispatch(i: usize) -> String {
    let people = ["Sergueï Lavrov", "Abdoulaye Diop", "Emmanuel Macron", "Antonio Guterres"];
    let places = ["au Mali", "en Russie", "à Bamako", "au Sénégal", "à New York"];
    let mut text = format!(
        "Dépêche {i}. {} s'est rendu {} pour rencontrer les représentants de l'ONU.",
        people[i % people.len()],
        places[i % places.len()]
    );
    if i.is_multiple_of(97) {
        // a few long files
        text.push_str(&" Le Conseil de sécurité s'est réuni à Genève.".repeat(100));
    }
    text
}

/// Builds the corpus: 100 folders of 100 files, 1 % of them bad. Returns the paths of the bad ones.
fn make_tree(dir: &Path) -> BTreeSet<String> {
    let mut bad = BTreeSet::new();
    for i in 0..FILES {
        let sub = dir.join(format!("d{:02}", i % 100));
        if i < 100 {
            fs::create_dir_all(&sub).unwrap();
        }
        let path = sub.join(format!("f{i:05}.txt"));
        if i % 100 == 42 {
            make_bad(&path, i / 100);
            bad.insert(path.display().to_string());
        } else {
            fs::write(&path, dispatch(i)).unwrap();
        }
    }
    bad
}

#[test]
fn ten_thousand_files_with_one_percent_bad() {
    let dir: PathBuf = scratch("integrity_10k");
    let bad = make_tree(&dir);
    assert_eq!(bad.len(), FILES / 100);
    let runs: Vec<_> = [["-j", "1"], ["-j", "2"], ["-j", "2"]]
        .iter()
        .map(|args| ner().args(args).arg(&dir).output().expect("run ner"))
        .collect();
    let first = &runs[0];
    assert_eq!(first.status.code(), Some(1), "some inputs failed");
    for (k, run) in runs.iter().enumerate().skip(1) {
        assert_eq!(run.status.code(), Some(1));
        assert!(run.stdout == first.stdout, "run {k}: output differs from `-j 1`");
        assert_eq!(stderr(run), stderr(first), "run {k}: messages differ");
    }
    let recs = records(first);
    assert_eq!(recs.len(), FILES, "one record per file");
    let srcs = sources(&recs);
    let unique: BTreeSet<&str> = srcs.iter().copied().collect();
    assert_eq!(unique.len(), FILES, "unique sources");
    assert!(srcs.windows(2).all(|w| w[0] < w[1]), "sorted by path");
    let errors: BTreeSet<String> =
        recs.iter().filter(|r| r.get("error").is_some()).map(|r| r["source"].as_str().unwrap().to_string()).collect();
    assert_eq!(errors, bad, "exactly the bad files are error records");
    // each failure is one line on stderr, naming the file
    let messages = stderr(first);
    assert_eq!(messages.lines().count(), bad.len(), "{messages}");
    assert!(bad.iter().all(|p| messages.contains(&format!("ner: {p}: "))));
    // the good ones are whole documents with their entities
    for rec in recs.iter().filter(|r| r.get("error").is_none()) {
        let source = rec["source"].as_str().unwrap();
        let text = fs::read_to_string(source).unwrap();
        check_record(&text, rec);
        assert!(rec["entities"].as_array().unwrap().len() >= 2, "{source}: {rec}");
    }
    fs::remove_dir_all(&dir).ok();
}
