//! Compiles the built-in gazetteers (`gazetteers/*.tsv`, the lists named in `src/gazetteer/mod.rs`'s
//! `BUILTIN`) into the image that the library embeds (`OUT_DIR/gazetteers.tables` and its string pool,
//! `OUT_DIR/gazetteers.pool`).
//!
//! The tokenizer, the key function, the TSV parser and the image builder are the library's own source
//! files, included here as modules, so build time and run time cannot key a name differently.

#![allow(dead_code, unused_imports)]

#[path = "src/label.rs"]
mod label;
#[path = "src/normalize.rs"]
mod normalize;
#[path = "src/tokenize/mod.rs"]
mod tokenize;

// `image.rs` reaches the parser as `super::parse`: both sit at the crate root here
#[path = "src/gazetteer/image.rs"]
mod image;
#[path = "src/gazetteer/parse.rs"]
mod parse;

use image::{ImageBuilder, Origin};
use parse::parse_tsv;
use std::path::{Path, PathBuf};

/// The `("name", include_str!("path"))` lines of `BUILTIN`, in order.
fn builtin_lists(mod_rs: &str) -> Vec<(String, String)> {
    let start = mod_rs.find("pub const BUILTIN").expect("src/gazetteer/mod.rs defines BUILTIN");
    let body = &mod_rs[start..];
    let body = &body[..body.find("];").expect("BUILTIN ends with `];`")];
    let mut lists = Vec::new();
    for line in body.lines() {
        let line = line.trim();
        if line.starts_with("//") || !line.starts_with('(') {
            continue;
        }
        let quoted: Vec<&str> = line.split('"').collect();
        assert!(
            quoted.len() >= 5 && line.contains("include_str!"),
            "cannot read the BUILTIN line {line:?}: expected (\"name\", include_str!(\"path\")),"
        );
        lists.push((quoted[1].to_string(), quoted[3].to_string()));
    }
    lists
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    for f in [
        "build.rs",
        "src/label.rs",
        "src/normalize.rs",
        "src/tokenize",
        "src/gazetteer/mod.rs",
        "src/gazetteer/image.rs",
        "src/gazetteer/parse.rs",
    ] {
        println!("cargo:rerun-if-changed={f}");
    }
    let mod_rs_path = root.join("src/gazetteer/mod.rs");
    let mod_rs = std::fs::read_to_string(&mod_rs_path).expect("read src/gazetteer/mod.rs");
    let mut b = ImageBuilder::new();
    for (name, rel) in builtin_lists(&mod_rs) {
        // include_str! paths are relative to src/gazetteer/
        let path = root.join("src/gazetteer").join(&rel);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let rows = parse_tsv(&text, &format!("gazetteers/{name}.tsv")).unwrap_or_else(|e| panic!("{e}"));
        b.add_rows(&rows, Origin { name, user: false });
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    // two files, the pool apart, so that the library embeds the pool with `include_str!` (checked as
    // UTF-8 by the compiler, not at every start)
    let img = b.finish();
    let h = image::Header::read(&img).expect("the builder writes valid images");
    let (tables, pool) = img.split_at(h.pool as usize);
    write_if_changed(&out.join("gazetteers.tables"), tables);
    write_if_changed(&out.join("gazetteers.pool"), pool);
}

fn write_if_changed(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return;
    }
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
