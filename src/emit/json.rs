//! Compact JSON (`jsonl`) written by hand, byte for byte what `serde_json::to_writer` writes for a
//! [`Record`].
//!
//! Why by hand: through serde every key and every string goes through a byte-by-byte escaper and every
//! field through the generic serializer, which made the encoding ~6 % of a whole run. Here keys are
//! constants, strings are copied in runs of bytes that need no escape, and integers are formatted on
//! the stack. The derived `Serialize` impls stay: the pretty formats (`--pretty`, `json`) and the `id`
//! values (any JSON) still go through serde_json, and the tests check that both writers agree.

use super::{summary::SummaryItem, Record};
use crate::bytes::load_le;
use crate::Entity;

/// What `serde_json` writes after a backslash for each byte below 0x80 (0 = copied as is): the
/// two-character escapes, `u` for the other control characters (`\u00XX`, lower-case hex).
static ESCAPE: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

#[inline]
fn needs_escape(b: u8) -> bool {
    b < 0x80 && ESCAPE[b as usize] != 0
}

/// The high bit of each byte of `w` that is a control character, `"` or `\` (bit tricks on a whole
/// word). A flag may also be set in a byte above a flagged one (a borrow), never above clean bytes only.
#[inline]
fn escape_flags(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    // bytes below 0x20 (a byte >= 0x80 is excluded by `!w`)
    let low = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    low | has_zero(w ^ (ONES * b'"' as u64)) | has_zero(w ^ (ONES * b'\\' as u64))
}

/// Whether any of the 8 bytes of `w` needs an escape.
#[inline]
fn word_needs_escape(w: u64) -> bool {
    escape_flags(w) != 0
}

/// Whether `bytes` can be copied as they are (the common case): eight bytes per test, the last eight
/// overlapping the previous ones rather than tested one by one. A string shorter than eight bytes (most
/// entity texts and names) is one padded word whose flags beyond its length are dropped: the padding
/// zeros are control characters, and a borrow only flags bytes above them.
#[inline]
fn is_clean(bytes: &[u8]) -> bool {
    let word = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or([0; 8]));
    let n = bytes.len();
    if n < 8 {
        return escape_flags(load_le(bytes)) & ((1u64 << (8 * n)) - 1) == 0;
    }
    let mut i = 0;
    while i + 8 < n {
        if word_needs_escape(word(i)) {
            return false;
        }
        i += 8;
    }
    !word_needs_escape(word(n - 8))
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if is_clean(bytes) {
        out.extend_from_slice(bytes);
    } else {
        write_escaped(out, bytes);
    }
    out.push(b'"');
}

/// The contents of a string that has something to escape: runs of plain bytes copied at once.
#[cold]
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut run = 0; // start of the bytes not yet copied
    for (i, &b) in bytes.iter().enumerate() {
        if needs_escape(b) {
            out.extend_from_slice(&bytes[run..i]);
            escape_byte(out, b);
            run = i + 1;
        }
    }
    out.extend_from_slice(&bytes[run..]);
}

fn escape_byte(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match ESCAPE[b as usize] {
        b'u' => out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 0xf) as usize]]),
        e => out.extend_from_slice(&[b'\\', e]),
    }
}

/// "00" to "99", for two digits per division.
static DIGITS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Appends `n` in decimal. The common case is inlined; numbers of 9 digits and more are written apart.
#[inline]
pub fn write_uint(out: &mut Vec<u8>, n: u64) {
    if n < 100_000_000 {
        // offsets and counts: the digits are written into one 8-byte word, which is appended whole and
        // then cut to length (a fixed-size copy, no call to memcpy)
        let mut n = n as u32;
        let len = match n {
            0..=9 => 1,
            10..=99 => 2,
            100..=999 => 3,
            1000..=9999 => 4,
            10_000..=99_999 => 5,
            100_000..=999_999 => 6,
            1_000_000..=9_999_999 => 7,
            _ => 8,
        };
        let mut buf = [0u8; 8];
        let mut i = len;
        while i >= 2 {
            let d = (n % 100) as usize * 2;
            n /= 100;
            i -= 2;
            buf[i..i + 2].copy_from_slice(&DIGITS[d..d + 2]);
        }
        if i == 1 {
            buf[0] = b'0' + n as u8;
        }
        let at = out.len();
        out.extend_from_slice(&buf);
        out.truncate(at + len);
    } else {
        write_long_uint(out, n);
    }
}

#[cold]
#[inline(never)]
fn write_long_uint(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    while n >= 100 {
        let d = (n % 100) as usize * 2;
        n /= 100;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&DIGITS[d..d + 2]);
    }
    if n >= 10 {
        let d = n as usize * 2;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&DIGITS[d..d + 2]);
    } else {
        i -= 1;
        buf[i] = b'0' + n as u8;
    }
    out.extend_from_slice(&buf[i..]);
}

/// Appends `,"key":` then the string value. Always inlined, so that the key is a constant (copied
/// by a few moves, not by a call to memcpy).
#[inline(always)]
fn field_str(out: &mut Vec<u8>, key: &[u8], value: &str) {
    out.extend_from_slice(key);
    write_str(out, value);
}

#[inline(always)]
fn field_uint(out: &mut Vec<u8>, key: &[u8], value: usize) {
    out.extend_from_slice(key);
    write_uint(out, value as u64);
}

fn write_value(out: &mut Vec<u8>, value: &serde_json::Value) {
    // a Value always serializes (its keys are strings) and writing into a Vec cannot fail
    let _ = serde_json::to_writer(&mut *out, value);
}

/// Appends one entity as a JSON object, fields in the order of [`Entity`].
pub fn write_entity(out: &mut Vec<u8>, e: &Entity) {
    field_str(out, b"{\"text\":", &e.text);
    out.extend_from_slice(b",\"label\":\"");
    out.extend_from_slice(e.label.as_str().as_bytes());
    field_uint(out, b"\",\"start\":", e.start);
    field_uint(out, b",\"end\":", e.end);
    field_uint(out, b",\"byte_start\":", e.byte_start);
    field_uint(out, b",\"byte_end\":", e.byte_end);
    field_str(out, b",\"canonical\":", &e.canonical);
    if let Some(kb_id) = &e.kb_id {
        field_str(out, b",\"kb_id\":", kb_id);
    }
    if let Some(iso) = &e.iso {
        field_str(out, b",\"iso\":", iso);
    }
    field_uint(out, b",\"entity\":", e.entity);
    field_str(out, b",\"recognizer\":", &e.recognizer);
    out.push(b'}');
}

/// Appends one summary item as a JSON object, fields in the order of [`SummaryItem`].
pub fn write_summary_item(out: &mut Vec<u8>, s: &SummaryItem) {
    out.extend_from_slice(b"{\"label\":\"");
    out.extend_from_slice(s.label.as_str().as_bytes());
    field_str(out, b"\",\"canonical\":", &s.canonical);
    if let Some(kb_id) = &s.kb_id {
        field_str(out, b",\"kb_id\":", kb_id);
    }
    if let Some(iso) = &s.iso {
        field_str(out, b",\"iso\":", iso);
    }
    field_uint(out, b",\"entity\":", s.entity);
    field_uint(out, b",\"mentions\":", s.mentions);
    out.extend_from_slice(b",\"forms\":[");
    for (i, f) in s.forms.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_str(out, f);
    }
    out.extend_from_slice(b"]}");
}

/// Appends one record as compact JSON. `summary` replaces the record's own `summary` field when given
/// (`--summary` computes it without cloning the record).
pub fn write_record(out: &mut Vec<u8>, record: &Record, summary: Option<&[SummaryItem]>) {
    match record {
        Record::Document { source, id, language, entities, summary: own } => {
            // most of an entity is its keys: ~150 bytes plus its strings
            out.reserve(64 + source.len() + entities.len() * 192);
            field_str(out, b"{\"source\":", source);
            if let Some(id) = id {
                out.extend_from_slice(b",\"id\":");
                write_value(out, id);
            }
            field_str(out, b",\"language\":", language);
            out.extend_from_slice(b",\"entities\":[");
            for (i, e) in entities.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_entity(out, e);
            }
            out.push(b']');
            if let Some(items) = summary.or(own.as_deref()) {
                out.extend_from_slice(b",\"summary\":[");
                for (i, s) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_summary_item(out, s);
                }
                out.push(b']');
            }
            out.push(b'}');
        }
        Record::Error { source, id, line, error } => {
            field_str(out, b"{\"source\":", source);
            if let Some(id) = id {
                out.extend_from_slice(b",\"id\":");
                write_value(out, id);
            }
            if let Some(line) = line {
                out.extend_from_slice(b",\"line\":");
                write_uint(out, *line);
            }
            field_str(out, b",\"error\":", error);
            out.push(b'}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::summarize;
    use crate::{Document, Label, Language};
    use proptest::prelude::*;

    fn entity(text: &str, canonical: &str, kb_id: Option<&str>, iso: Option<&str>, n: usize) -> Entity {
        Entity {
            text: text.into(),
            label: Label::Organization,
            start: n,
            end: n + 10,
            byte_start: n * 3,
            byte_end: usize::MAX,
            canonical: canonical.to_string().into(),
            kb_id: kb_id.map(|s| s.to_string().into()),
            iso: iso.map(|s| s.to_string().into()),
            entity: n / 2,
            recognizer: "rule:org-head".into(),
        }
    }

    fn by_hand(record: &Record) -> String {
        let mut out = Vec::new();
        write_record(&mut out, record, None);
        String::from_utf8(out).unwrap()
    }

    fn record(strings: &[String], id: Option<serde_json::Value>) -> Record {
        let entities = strings
            .iter()
            .enumerate()
            .map(|(n, s)| entity(s, &s.to_uppercase(), (n % 2 == 0).then_some(s), (n % 3 == 0).then_some("FR"), n))
            .collect();
        Record::document(strings.first().map_or("-", |s| s), id, Document { language: Language::Fr, entities })
    }

    #[test]
    fn escapes_like_serde_json() {
        let mut all = String::new();
        for c in (0u32..0x100).chain([0x2028, 0x2029, 0xfeff, 0x1f600]).filter_map(char::from_u32) {
            all.push(c);
            let s = format!("ab{c}cdefghijk{c}{c}\"\\l");
            let mut out = Vec::new();
            write_str(&mut out, &s);
            assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap(), "{c:?}");
        }
        let mut out = Vec::new();
        write_str(&mut out, &all);
        assert_eq!(out, serde_json::to_vec(&all).unwrap());
    }

    #[test]
    fn one_special_byte_anywhere_in_short_and_long_strings() {
        for len in 0..26 {
            let plain = "é".repeat(len / 2) + &"x".repeat(len % 2);
            for special in ["", "\"", "\\", "\n", "\u{1f}", "\u{7f}"] {
                for pos in 0..=plain.len() {
                    let Some(s) = plain.get(..pos).map(|a| format!("{a}{special}{}", &plain[pos..])) else { continue };
                    let mut out = Vec::new();
                    write_str(&mut out, &s);
                    assert_eq!(out, serde_json::to_vec(&s).unwrap(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn integers() {
        for n in (0..30).flat_map(|k| [10u64.saturating_pow(k), 10u64.saturating_pow(k).saturating_sub(1), 7 << k]) {
            let mut out = Vec::new();
            write_uint(&mut out, n);
            assert_eq!(out, n.to_string().into_bytes());
        }
    }

    #[test]
    fn records_like_serde_json() {
        let strings: Vec<String> =
            ["Mali", "Cour \"suprême\"", "a\\b\tc\nd\u{1}", "", "Ελλάδα"].map(String::from).into();
        let ids = [None, Some(serde_json::json!(3)), Some(serde_json::json!({"b": [1, "x\n"], "a": null}))];
        for id in ids {
            let r = record(&strings, id.clone());
            assert_eq!(by_hand(&r), serde_json::to_string(&r).unwrap());
            let r = r.with_summary();
            assert_eq!(by_hand(&r), serde_json::to_string(&r).unwrap());
            for line in [None, Some(12)] {
                let e = Record::Error { source: "a\"b.txt".into(), id: id.clone(), line, error: "bad\u{7f}".into() };
                assert_eq!(by_hand(&e), serde_json::to_string(&e).unwrap());
            }
        }
        let empty = record(&[], None);
        assert_eq!(by_hand(&empty), serde_json::to_string(&empty).unwrap());
    }

    #[test]
    fn summary_given_apart_is_written_as_its_own() {
        let strings: Vec<String> = ["Mali", "Mali", "Niger"].map(String::from).into();
        let r = record(&strings, None);
        let Record::Document { entities, .. } = &r else { unreachable!() };
        let mut out = Vec::new();
        write_record(&mut out, &r, Some(&summarize(entities)));
        assert_eq!(out, serde_json::to_vec(&r.clone().with_summary()).unwrap());
    }

    proptest! {
        /// Every short string, escapes anywhere: the padded-word test agrees with a byte loop.
        #[test]
        fn short_strings_clean_like_a_byte_loop(s in proptest::collection::vec(any::<u8>(), 0..8)) {
            prop_assert_eq!(is_clean(&s), !s.iter().any(|&b| needs_escape(b)));
        }

        #[test]
        fn any_strings_like_serde_json(strings in proptest::collection::vec(any::<String>(), 0..6)) {
            let r = record(&strings, None).with_summary();
            prop_assert_eq!(by_hand(&r), serde_json::to_string(&r).unwrap());
        }
    }
}
