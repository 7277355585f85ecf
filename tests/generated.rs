//! The committed man page and shell completions are what `ner --generate` makes from the current flags.
//! After changing a flag, regenerate them with `NER_BLESS=1 cargo test --test generated`.

use std::path::Path;
use std::process::Command;

const FILES: &[(&str, &str)] = &[
    ("man", "docs/man/ner.1"),
    ("bash", "completions/ner.bash"),
    ("zsh", "completions/_ner"),
    ("fish", "completions/ner.fish"),
    ("elvish", "completions/ner.elv"),
    ("powershell", "completions/_ner.ps1"),
];

fn generate(what: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_ner")).args(["--generate", what]).output().expect("run ner");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn man_page_and_completions_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("NER_BLESS").is_some();
    let mut stale = Vec::new();
    for (what, file) in FILES {
        let want = generate(what);
        let path = root.join(file);
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &want).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            stale.push(*file);
        }
    }
    assert!(stale.is_empty(), "{stale:?} differ from `ner --generate`; run `NER_BLESS=1 cargo test --test generated`");
}

#[test]
fn generated_texts_say_what_they_should() {
    let man = generate("man");
    assert!(man.contains(".TH ner 1"), "{man}");
    for flag in ["\\-\\-format", "\\-\\-gazetteer", "\\-\\-summary", "Examples:"] {
        assert!(man.contains(flag), "man page lacks {flag}");
    }
    assert!(!man.contains("\\-\\-generate"), "the hidden flag stays out of the man page");
    let bash = generate("bash");
    assert!(bash.contains("jsonl json conll tsv html"), "format values completed");
    assert!(generate("zsh").starts_with("#compdef ner"));
    assert!(generate("fish").contains("complete -c ner"));
}
