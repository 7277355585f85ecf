//! Invariants that must hold for any input (DESIGN §4): no panic, `text` equals the slice at its offsets in
//! both units, entities sorted and non-overlapping, cluster numbers dense from zero in order of first mention.

use ner::{Extractor, ExtractorConfig};
use proptest::prelude::*;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(&ExtractorConfig::default()).expect("built-in gazetteers compile"))
}

fn check(text: &str) {
    let doc = extractor().extract(text);
    let chars: Vec<char> = text.chars().collect();
    let mut last_end = 0;
    for e in &doc.entities {
        assert!(e.start < e.end && e.end <= chars.len(), "code-point range {e:?}");
        assert!(e.byte_start < e.byte_end && e.byte_end <= text.len(), "byte range {e:?}");
        assert!(text.is_char_boundary(e.byte_start) && text.is_char_boundary(e.byte_end));
        assert_eq!(&text[e.byte_start..e.byte_end], e.text, "byte slice");
        let by_cp: String = chars[e.start..e.end].iter().collect();
        assert_eq!(by_cp, e.text, "code-point slice");
        assert!(e.start >= last_end, "sorted and non-overlapping: {:?}", doc.entities);
        last_end = e.end;
        assert!(!e.canonical.is_empty());
    }
    let mut seen = Vec::new();
    for e in &doc.entities {
        if !seen.contains(&e.entity) {
            assert_eq!(e.entity, seen.len(), "entity numbers by first mention");
            seen.push(e.entity);
        }
    }
}

/// Words that exercise the rules: names, titles, elisions, acronyms, punctuation, odd Unicode.
const VOCAB: &[&str] = &[
    "Sergueï",
    "Lavrov",
    "M.",
    "Mme",
    "le",
    "la",
    "l’",
    "l'",
    "ONU",
    "Mali",
    "Moscou",
    "Conseil",
    "de",
    "sécurité",
    "groupe",
    "Wagner",
    "(",
    ")",
    "Minusma",
    ",",
    ".",
    "«",
    "»",
    "New",
    "York",
    "Abdoulaye",
    "Diop",
    "ministre",
    "President",
    "Mr",
    "Biden",
    "the",
    "U.S.",
    "Inc.",
    "Ltd",
    "University",
    "of",
    "Ministère",
    "au",
    "Caire",
    "États-Unis",
    "ETATS-UNIS",
    "MALI",
    "\n",
    "é",
    "\u{301}",
    "\u{200d}",
    "👩‍👩‍👧",
    "北京",
    "’s",
    "-",
    "—",
    "Jean-Pierre",
    "\u{feff}",
    "\u{a0}",
    "\t",
    "Ümit",
    "İstanbul",
    "ß",
    "ǅ",
    "ﬁ",
    "\u{2028}",
];

fn vocab_text() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(VOCAB), prop::bool::ANY), 0..40).prop_map(|parts| {
        let mut s = String::new();
        for (w, space) in parts {
            s.push_str(w);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode(text in "\\PC{0,200}") {
        check(&text);
    }

    #[test]
    fn any_chars_including_controls(text in prop::collection::vec(any::<char>(), 0..120)) {
        let s: String = text.into_iter().collect();
        check(&s);
    }

    #[test]
    fn news_like_sequences(text in vocab_text()) {
        check(&text);
    }
}

#[test]
fn extraction_is_deterministic() {
    let text = "Sergueï Lavrov a rencontré M. Diop à Moscou. Lavrov et l’ONU.";
    assert_eq!(extractor().extract(text), extractor().extract(text));
}
