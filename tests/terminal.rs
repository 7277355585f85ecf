//! Behaviour that depends on stderr being a terminal: the progress bar of folder runs and colours.
//! A terminal is provided by util-linux `script` (a pseudo-terminal); the tests that need it skip, saying
//! so, where it is missing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A folder of 20 short articles we wrote, plus what `extra` adds.
fn folder(name: &str, extra: &[(&str, &[u8])]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    for i in 0..20 {
        let text = format!("Article {i}. Le ministre Sergueï Lavrov est arrivé à Bamako, au Mali, le {i} mars.\n");
        fs::write(dir.join(format!("{i:02}.txt")), text).unwrap();
    }
    for (file, bytes) in extra {
        fs::write(dir.join(file), bytes).unwrap();
    }
    dir
}

fn have_script() -> bool {
    Command::new("script").arg("--version").output().is_ok_and(|o| o.status.success())
}

fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

/// Runs `shell` under a pseudo-terminal; returns what the terminal showed.
fn on_terminal(shell: &str, no_color: bool) -> String {
    let mut cmd = Command::new("script");
    cmd.args(["-qec", shell, "/dev/null"]).env("TERM", "xterm-256color");
    if no_color {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    let out = cmd.output().expect("run script");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn no_progress_and_no_colour_when_not_a_terminal() {
    let dir = folder("term-piped", &[]);
    let out = Command::new(env!("CARGO_BIN_EXE_ner")).arg(&dir).env_remove("NO_COLOR").output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 20);
    assert!(out.stderr.is_empty(), "stderr: {:?}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn progress_bar_on_a_terminal() {
    if !have_script() {
        eprintln!("SKIPPED progress_bar_on_a_terminal: util-linux `script` is not installed");
        return;
    }
    let dir = folder("term-bar", &[]);
    let out = dir.with_extension("jsonl");
    let ner = quote(Path::new(env!("CARGO_BIN_EXE_ner")));
    let screen = on_terminal(&format!("{ner} {} > {}", quote(&dir), quote(&out)), false);
    assert!(screen.contains("done: 20 files"), "screen: {screen:?}");
    assert!(screen.contains("entities in"), "screen: {screen:?}");
    assert_eq!(fs::read_to_string(&out).unwrap().lines().count(), 20, "output intact");
    // --quiet: nothing on the terminal
    let screen = on_terminal(&format!("{ner} -q {} > {}", quote(&dir), quote(&out)), false);
    assert!(screen.trim().is_empty(), "screen: {screen:?}");
    // a single file: no bar
    let screen = on_terminal(&format!("{ner} {} > {}", quote(&dir.join("00.txt")), quote(&out)), false);
    assert!(screen.trim().is_empty(), "screen: {screen:?}");
}

#[test]
fn errors_coloured_on_a_terminal_unless_no_color() {
    if !have_script() {
        eprintln!("SKIPPED errors_coloured_on_a_terminal_unless_no_color: util-linux `script` is not installed");
        return;
    }
    let dir = folder("term-colour", &[("bad.txt", b"bad \xFF byte")]);
    let ner = quote(Path::new(env!("CARGO_BIN_EXE_ner")));
    let shell = format!("{ner} -q {} > /dev/null", quote(&dir));
    let colour = on_terminal(&shell, false);
    assert!(colour.contains("\u{1b}[1;31mner:\u{1b}[0m ") && colour.contains("bad.txt: invalid UTF-8"), "{colour:?}");
    let plain = on_terminal(&shell, true);
    assert!(plain.contains("ner: ") && plain.contains("bad.txt: invalid UTF-8"), "{plain:?}");
    assert!(!plain.contains('\u{1b}'), "NO_COLOR: {plain:?}");
}
