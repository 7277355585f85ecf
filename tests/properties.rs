//! Invariants that must hold for any input (DESIGN §4): no panic, `text` equals the slice at its offsets in
//! both units, entities sorted and non-overlapping, cluster numbers dense from zero in order of first mention.

mod common;

use common::invariants::{check_text, check_tokens, extractor};
use proptest::prelude::*;

/// Every invariant of DESIGN §4 on the entities, and the tokenizer's own, for one text.
fn check(text: &str) {
    check_tokens(text);
    check_text(text);
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
