//! The example articles in `examples/` carry their expected entities; the extractor must find exactly
//! those, in order (no more, no fewer).

use ner::{Extractor, ExtractorConfig};
use std::path::Path;

fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("example text");
    let expected = std::fs::read_to_string(dir.join(format!("{name}.expected.tsv"))).expect("expected entities");
    let want: Vec<(String, String)> = expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (t, l) = l.split_once('\t').expect("text<TAB>label");
            (t.to_string(), l.to_string())
        })
        .collect();
    let ex = Extractor::new(&ExtractorConfig::default()).expect("gazetteers compile");
    let doc = ex.extract(&text);
    let got: Vec<(String, String)> =
        doc.entities.iter().map(|e| (e.text.clone(), e.label.as_str().to_string())).collect();
    assert_eq!(got, want, "{name}: entities differ");
}

#[test]
fn english_news_example() {
    check("news-en");
}

#[test]
fn partial_names_share_the_full_name_entity() {
    let ex = Extractor::new(&ExtractorConfig::default()).unwrap();
    let doc = ex.extract("Chief executive Daniel Mwangi spoke. Mr Mwangi left, and Mwangi came back.");
    let ids: Vec<usize> = doc.entities.iter().filter(|e| e.text.contains("Mwangi")).map(|e| e.entity).collect();
    assert_eq!(ids.len(), 3);
    assert!(ids.iter().all(|&i| i == ids[0]), "{:?}", doc.entities);
    assert!(doc.entities.iter().all(|e| e.canonical == "Daniel Mwangi"));
}
