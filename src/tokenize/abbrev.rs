//! Closed word lists the tokenizer needs: French elisions and abbreviations that take a period.
//!
//! They live here rather than in `gazetteers/` because they decide where tokens and sentences end, which
//! must not change when a user swaps gazetteers.

/// Elided French words (`l’`, `qu’`, `jusqu’` …), compared lower-cased. The apostrophe stays on the
/// elided token so that `l’ONU` gives `l’` + `ONU` and the name never carries the article.
///
/// Without allocating (the tokenizer asks at every apostrophe): only ASCII words can match, since no
/// other character lower-cases to the ASCII letters of the list (the Kelvin sign U+212A → `k` is the only
/// one that lower-cases to ASCII at all; a test checks this).
pub fn is_elision(word: &str) -> bool {
    // by length, without copying: the tokenizer asks after every word before an apostrophe
    let w = word.as_bytes();
    let is = |elision: &[u8]| w.eq_ignore_ascii_case(elision);
    match w.len() {
        1 => matches!(w[0].to_ascii_lowercase(), b'l' | b'd' | b'j' | b'm' | b'n' | b's' | b't' | b'c'),
        2 => is(b"qu"),
        5 => is(b"jusqu"),
        6 => is(b"lorsqu") || is(b"puisqu") || is(b"quoiqu") || is(b"quelqu") || is(b"presqu"),
        _ => false,
    }
}

/// Defines [`is_abbreviation`] and [`ABBREVIATIONS`] from one list, so that they cannot disagree.
macro_rules! abbreviations {
    ($($word:literal),* $(,)?) => {
        /// Words that keep their period as part of the token and do not end a sentence (`M.`, `Dr.`,
        /// `Inc.`). Case matters: `Me.` (Maître) is an abbreviation, `me.` ends an English sentence.
        pub fn is_abbreviation(word: &str) -> bool {
            matches!(word, $($word)|*)
        }

        /// The words of [`is_abbreviation`], for the filter of the tokenizer's fast path.
        pub(crate) const ABBREVIATIONS: &[&str] = &[$($word),*];
    };
}

abbreviations![
    "M", "MM", "Mme", "Mmes", "Mlle", "Mgr", "Me", "Dr", "Drs", "Pr", "Prof", "Mr", "Mrs", "Ms", "Messrs", "St", "Ste",
    "Sts", "Gen", "Col", "Lt", "Sgt", "Capt", "Cpt", "Maj", "Adm", "Cmdr", "Cdt", "Gov", "Sen", "Rep", "Rev", "Hon",
    "Pres", "Jr", "Sr", "Inc", "Ltd", "Corp", "Co", "Cie", "Bros", "No", "Nos", "Mt", "Ft", "vs", "cf", "av", "bd",
    "ex", "env", "approx", "Dept", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "janv",
    "févr", "avr", "juil", "sept", "oct", "nov", "déc", "p", "pp",
];

/// French pronouns and elided clitics that open a clause, never the second part of a name: after a name and
/// a hyphen they mark a dash of incise that lost its spaces (scanned text: `Chirac-qui`, `Chirac-n’a`,
/// `Cotti-s’étaient`). Single letters count only when elided (`n’`), since OCR splits names as `Armi-n`.
pub fn is_dash_clitic(part: &str, elided: bool) -> bool {
    match part {
        "n" | "s" | "c" | "qu" => elided,
        _ => matches!(part, "qui" | "que" | "dont" | "lequel" | "laquelle" | "il" | "ils" | "elle" | "elles" | "ne"),
    }
}

/// Participles that follow a name in an English compound adjective (`Geneva-based`, `U.S.-led`): the
/// tokenizer splits before them so the name stands alone.
pub fn is_compound_participle(word: &str) -> bool {
    matches!(
        word,
        "based"
            | "backed"
            | "led"
            | "born"
            | "owned"
            | "run"
            | "funded"
            | "made"
            | "bound"
            | "controlled"
            | "allied"
            | "aligned"
            | "linked"
            | "brokered"
            | "sponsored"
            | "supported"
            | "listed"
            | "registered"
            | "headquartered"
            | "flagged"
            | "style"
            | "era"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elisions() {
        for w in ["l", "L", "d", "qu", "Qu", "jusqu", "lorsqu"] {
            assert!(is_elision(w), "{w}");
        }
        for w in ["aujourd", "O", "le", "de"] {
            assert!(!is_elision(w), "{w}");
        }
    }

    #[test]
    fn elision_needs_no_unicode_lower_case() {
        let reference = |w: &str| {
            ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "quelqu", "presqu"]
                .contains(&w.to_lowercase().as_str())
        };
        // the only non-ASCII character that lower-cases to ASCII is the Kelvin sign, and no elision has a `k`
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|c| !c.is_ascii()) {
            if c.to_lowercase().all(|l| l.is_ascii()) {
                assert_eq!(c, '\u{212A}');
            }
            assert!(!is_elision(&c.to_string()));
        }
        for w in ["L", "QU", "Jusqu", "PRESQU", "lorsqu", "quelque", "K", "\u{212A}", "l\u{301}", "", "dd"] {
            assert_eq!(is_elision(w), reference(w), "{w:?}");
        }
    }

    /// The tokenizer's fast path takes a word of more than six bytes before a period for no abbreviation.
    #[test]
    fn abbreviations_are_short() {
        for w in ABBREVIATIONS {
            assert!(is_abbreviation(w), "{w}");
            assert!((1..=6).contains(&w.len()), "{w}");
        }
    }

    #[test]
    fn abbreviations_are_case_sensitive() {
        assert!(is_abbreviation("M"));
        assert!(is_abbreviation("Dr"));
        assert!(is_abbreviation("Me"));
        assert!(!is_abbreviation("me"));
        assert!(!is_abbreviation("etc"));
    }
}
