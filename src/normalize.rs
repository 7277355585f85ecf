//! The one match-key function of DESIGN §6.
//!
//! Gazetteer building and text lookup both go through [`key`], so a surface form in a TSV file and the same
//! form in an article can never disagree on how they are compared. The key is:
//! Unicode NFC; every apostrophe variant as `'`; every dash variant as `-`; any run of white space as one
//! space; diacritics folded on capital letters only (`État` = `Etat`, because French news drops accents on
//! capitals, while `été` ≠ `ete` stays distinct); case kept. ALL-CAPS headlines are handled by a second,
//! caseless key ([`caseless_key`]) that the matcher consults only on headline sentences.

use std::borrow::Cow;
use unicode_normalization::char::decompose_canonical;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Apostrophe-like characters that news text uses interchangeably with `'`.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' | '\u{2032}' | '`')
}

/// Dash-like characters unified to `-` inside keys.
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}')
}

/// The base letter of a capital with a diacritic (`É` → `E`); other characters unchanged.
fn fold_capital(c: char) -> char {
    if c.is_ascii() || !c.is_uppercase() {
        return c;
    }
    fold_any(c)
}

/// The base letter of any letter with a diacritic (`é` → `e`), via its canonical decomposition.
fn fold_any(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let mut base = c;
    let mut first = true;
    decompose_canonical(c, |d| {
        if first {
            base = d;
            first = false;
        }
    });
    base
}

/// Whether a character is changed by the key function (given NFC input).
fn needs_mapping(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '`' | '\t' | '\n' | '\r' | '\x0b' | '\x0c');
    }
    is_apostrophe(c) || is_dash(c) || c.is_whitespace() || (c.is_uppercase() && fold_capital(c) != c)
}

/// ASCII characters that [`key`] leaves alone wherever they are (the space only when not doubled).
static ASCII_PLAIN: [bool; 128] = {
    let mut t = [true; 128];
    let mut c = 0;
    while c < 128 {
        t[c] = !matches!(c as u8, b'`' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | b' ');
        c += 1;
    }
    t
};

/// Whether a form is already its own key, which is the case for almost every token of news text.
/// One pass over the bytes for ASCII; characters below U+0300 (Latin-1 and Latin Extended, where
/// every character is NFC and has no combining class) are checked one by one; anything else goes through
/// the Unicode NFC quick check.
#[inline]
fn is_own_key(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if !ASCII_PLAIN[c as usize] {
                // a space is its own key unless doubled; tabs, line breaks and '`' are mapped
                if c != b' ' || (i > 0 && b[i - 1] == b' ') {
                    return false;
                }
            }
            i += 1;
            continue;
        }
        // a non-ASCII character: decode it
        let ch = s[i..].chars().next().unwrap_or('\0');
        if ('\u{C0}'..='\u{FF}').contains(&ch) {
            // Latin-1 letters: only the capitals with a diacritic change (`É` → `E`)
            if latin1_capital_with_diacritic(ch) {
                return false;
            }
            i += 2;
            continue;
        }
        if ch >= '\u{300}' {
            return is_own_key_slow(s);
        }
        if needs_mapping(ch) {
            return false;
        }
        i += ch.len_utf8();
    }
    true
}

/// `À`…`Ý` but `Æ`, `Ð`, `×`, `Ø` (no canonical decomposition): what [`fold_capital`] changes in
/// U+00C0..=U+00FF.
#[inline]
fn latin1_capital_with_diacritic(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{C5}' | '\u{C7}'..='\u{CF}' | '\u{D1}'..='\u{D6}' | '\u{D9}'..='\u{DD}')
}

#[cold]
fn is_own_key_slow(s: &str) -> bool {
    is_nfc_quick(s.chars()) == IsNormalized::Yes && !s.chars().any(needs_mapping) && !s.contains("  ")
}

/// Writes the key of `s` (known not to be its own key) into `out`.
fn push_key(s: &str, out: &mut String) {
    let mut last_space = false;
    let mut push = |c: char| {
        let c = if is_apostrophe(c) {
            '\''
        } else if is_dash(c) {
            '-'
        } else if c.is_whitespace() {
            ' '
        } else {
            fold_capital(c)
        };
        if c == ' ' {
            if last_space {
                return;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        out.push(c);
    };
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s.chars().for_each(&mut push);
    } else {
        s.nfc().for_each(&mut push);
    }
}

/// The match key of a surface form. Borrowed (no allocation) when the form is already its own key,
/// which is the case for almost every token of news text.
pub fn key(s: &str) -> Cow<'_, str> {
    if is_own_key(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    push_key(s, &mut out);
    Cow::Owned(out)
}

/// The match key of a surface form, without allocating: `s` itself when it is its own key, otherwise
/// the key written into `buf` (for loops over tokens that reuse one buffer).
#[inline]
pub fn key_in<'a>(s: &'a str, buf: &'a mut String) -> &'a str {
    if is_own_key(s) {
        return s;
    }
    buf.clear();
    push_key(s, buf);
    buf
}

/// The caseless key used for ALL-CAPS headline text: the key, upper-cased, with every diacritic folded
/// (`ÉTATS-UNIS`, `Etats-Unis` and `États-Unis` all give `ETATS-UNIS`).
pub fn caseless_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    caseless_key_into(s, &mut out);
    out
}

/// [`caseless_key`] written into a reused buffer (cleared first).
pub fn caseless_key_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() && is_own_key(s) {
        out.push_str(s);
        out.make_ascii_uppercase();
        return;
    }
    let k = key(s);
    for c in k.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_uppercase());
        } else {
            out.extend(fold_any(c).to_uppercase());
        }
    }
}

/// Lower-cased key, for comparing with lists of lowercase function words.
pub fn lower_key(s: &str) -> String {
    let mut out = String::new();
    lower_key_into(s, &mut out);
    out
}

/// [`lower_key`] into a reused buffer: the per-token callers (classes, language detection) allocate
/// nothing.
pub fn lower_key_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() && is_own_key(s) {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    lower_into(&key(s), out);
}

/// `k.to_lowercase()` into a reused buffer, with a fast path for ASCII.
pub fn lower_into(k: &str, out: &mut String) {
    out.clear();
    if k.is_ascii() {
        out.push_str(k);
        out.make_ascii_lowercase();
    } else if k.chars().all(|c| c != '\u{3A3}') {
        out.extend(k.chars().flat_map(char::to_lowercase));
    } else {
        // `str::to_lowercase`, not per char: a final capital sigma lower-cases to `ς`
        out.push_str(&k.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: &[(&str, &str)] = &[
            ("Mali", "Mali"),
            ("États-Unis", "Etats-Unis"),
            ("Etats-Unis", "Etats-Unis"),
            ("Côte d’Ivoire", "Côte d'Ivoire"),
            ("Côte d'Ivoire", "Côte d'Ivoire"),
            ("Guinée‑Bissau", "Guinée-Bissau"),
            ("New  York", "New York"),
            ("New\u{a0}York", "New York"),
            ("Île-de-France", "Ile-de-France"),
            ("été", "été"),
            // decomposed input is composed first
            ("E\u{301}tat", "Etat"),
            ("Serguei\u{0308}", "Sergueï"),
        ];
        for (input, want) in cases {
            assert_eq!(key(input), *want, "key({input:?})");
        }
    }

    #[test]
    fn ascii_is_borrowed() {
        assert!(matches!(key("Lavrov"), Cow::Borrowed(_)));
        assert!(matches!(key("Moscou"), Cow::Borrowed(_)));
        assert!(matches!(key("Moscou’"), Cow::Owned(_)));
        assert!(matches!(key("Sergueï"), Cow::Borrowed(_)));
        assert!(matches!(key("État"), Cow::Owned(_)));
    }

    #[test]
    fn latin1_fast_path_agrees() {
        for c in '\u{C0}'..='\u{FF}' {
            assert_eq!(latin1_capital_with_diacritic(c), needs_mapping(c), "{c}");
        }
    }

    #[test]
    fn caseless() {
        assert_eq!(caseless_key("ÉTATS-UNIS"), "ETATS-UNIS");
        assert_eq!(caseless_key("États-Unis"), "ETATS-UNIS");
        assert_eq!(caseless_key("Moscou"), "MOSCOU");
        assert_eq!(caseless_key("Côte d’Ivoire"), "COTE D'IVOIRE");
    }
}
