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
use crate::{Entity, Label, Mention};

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
///
/// Xored with 2, the control characters stay below 0x20 and `"` (0x22) becomes 0x20, while no other
/// byte falls below 0x21: one comparison finds both, and a zero test after a xor finds `\`.
#[inline(always)]
fn escape_flags(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // bytes below 0x21 (a byte >= 0x80 is excluded by `!x`: the xor keeps its high bit)
    let x = w ^ (ONES * 2);
    let below = x.wrapping_sub(ONES * 0x21) & !x;
    let y = w ^ (ONES * b'\\' as u64);
    let backslash = y.wrapping_sub(ONES) & !y;
    (below | backslash) & HIGH
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

/// The longest string [`write_str`] copies as whole words.
const SHORT: usize = 24;

/// The longest key [`field_str`] and [`field_uint`] put in their buffer.
const KEY: usize = 16;

/// The 8 bytes of `b` from `at` as a word (`at + 8 <= b.len()`).
#[inline(always)]
fn word_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b.get(at..at + 8).and_then(|w| w.try_into().ok()).unwrap_or_default())
}

/// Appends `key` (a constant of at most [`KEY`] bytes, perhaps empty) then `s` as a JSON string,
/// escaped as serde_json escapes it.
///
/// A string of [`SHORT`] bytes or fewer (most entity texts, names, ids and rule names) is tested for
/// escapes a word at a time and copied, with the key and its quotes, as whole words into a buffer of
/// fixed size, appended whole and then cut to length: no loop, no call to memcpy and one length check
/// for the field, where a copy of a dozen bytes cost more in calls and length checks than in bytes.
#[inline(always)]
fn field_str(out: &mut Vec<u8>, key: &[u8], s: &str) {
    let bytes = s.as_bytes();
    let n = bytes.len();
    let k = key.len().min(KEY);
    let mut buf = [0u8; KEY + SHORT + 8];
    buf[..k].copy_from_slice(&key[..k]);
    buf[k] = b'"';
    if n < 8 {
        // one padded word; the flags of the padding are dropped (the zeros are control characters,
        // and a borrow only flags bytes above a flagged one)
        let w = load_le(bytes);
        if escape_flags(w) & ((1u64 << (8 * n)) - 1) != 0 || k < key.len() {
            return field_long_str(out, key, bytes);
        }
        buf[k + 1..k + 9].copy_from_slice(&w.to_le_bytes());
    } else if n <= SHORT {
        // the first word, the second (or the last when there is no other), the last: overlapping words
        // cover the string, and the last one, copied last, puts every byte from 9 on in its place
        let (first, middle, last) = (word_at(bytes, 0), word_at(bytes, 8.min(n - 8)), word_at(bytes, n - 8));
        if escape_flags(first) | escape_flags(middle) | escape_flags(last) != 0 || k < key.len() {
            return field_long_str(out, key, bytes);
        }
        buf[k + 1..k + 9].copy_from_slice(&first.to_le_bytes());
        buf[k + 9..k + 17].copy_from_slice(&middle.to_le_bytes());
        buf[k + n - 7..k + n + 1].copy_from_slice(&last.to_le_bytes());
    } else {
        return field_long_str(out, key, bytes);
    }
    buf[k + n + 1] = b'"';
    let at = out.len();
    out.extend_from_slice(&buf[..k + SHORT + 2]);
    out.truncate(at + k + n + 2);
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it.
#[inline]
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    field_str(out, b"", s);
}

/// [`field_str`] for a string longer than [`SHORT`] bytes or with something to escape.
#[inline(never)]
#[cold]
fn field_long_str(out: &mut Vec<u8>, key: &[u8], bytes: &[u8]) {
    out.extend_from_slice(key);
    write_long_str(out, bytes);
}

/// A string longer than [`SHORT`] bytes or with something to escape, with its quotes.
fn write_long_str(out: &mut Vec<u8>, bytes: &[u8]) {
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

/// The eight decimal digits of `n < 10^8` (zero-padded), one per byte, the first in the low byte: all
/// at once in the lanes of one word (halves, then pairs, then digits, each split by a multiplication
/// and a shift exact on its range), rather than a division per pair of digits.
#[inline(always)]
fn eight_digits(n: u32) -> u64 {
    // two 4-digit halves in 32-bit lanes, the high half first (in the low lane)
    let x = u64::from(n / 10_000) | u64::from(n % 10_000) << 32;
    // each lane / 100 (x * 10486 >> 20 is exact below 43,699), the pairs in 16-bit lanes
    let hundreds = ((x * 10486) >> 20) & 0x0000_007F_0000_007F;
    let pairs = hundreds | (x - hundreds * 100) << 16;
    // each pair / 10 (y * 103 >> 10 is exact below 179), the digits in bytes
    let tens = ((pairs * 103) >> 10) & 0x000F_000F_000F_000F;
    tens | (pairs - tens * 10) << 8
}

/// The decimal digits of `n < 10^8` in ASCII, the first in the low byte, and their number: the digits
/// of [`eight_digits`] shifted past their leading zeros (at most 7: `0` keeps one).
#[inline(always)]
fn ascii_digits(n: u32) -> (u64, usize) {
    let digits = eight_digits(n);
    let zeros = (digits.trailing_zeros() / 8).min(7) as usize;
    ((digits + 0x3030_3030_3030_3030) >> (8 * zeros), 8 - zeros)
}

/// Appends the four offsets of an entity with their keys (`,"start":…,"byte_end":…`). They always
/// come together: one buffer, appended whole and cut to length, rather than four appends.
#[inline(always)]
fn offsets(out: &mut Vec<u8>, values: [usize; 4]) {
    let [start, end, byte_start, byte_end] = values;
    if values.iter().any(|&v| v >= 100_000_000) {
        field_uint(out, b",\"start\":", start as u64);
        field_uint(out, b",\"end\":", end as u64);
        field_uint(out, b",\"byte_start\":", byte_start as u64);
        field_uint(out, b",\"byte_end\":", byte_end as u64);
        return;
    }
    // 42 bytes of keys and 32 of digits at most
    let mut buf = [0u8; 80];
    let mut pos = 0;
    let mut put = |key: &[u8], n: usize| {
        buf[pos..pos + key.len()].copy_from_slice(key);
        pos += key.len();
        let (ascii, len) = ascii_digits(n as u32);
        buf[pos..pos + 8].copy_from_slice(&ascii.to_le_bytes());
        pos += len;
    };
    put(b",\"start\":", start);
    put(b",\"end\":", end);
    put(b",\"byte_start\":", byte_start);
    put(b",\"byte_end\":", byte_end);
    let at = out.len();
    out.extend_from_slice(&buf);
    out.truncate(at + pos);
}

/// Appends `n` in decimal. The common case is inlined; numbers of 9 digits and more are written apart.
#[inline]
pub fn write_uint(out: &mut Vec<u8>, n: u64) {
    field_uint(out, b"", n);
}

/// Appends `key` (a constant of at most [`KEY`] bytes, perhaps empty) then `n` in decimal.
#[inline(always)]
fn field_uint(out: &mut Vec<u8>, key: &[u8], n: u64) {
    let k = key.len().min(KEY);
    if n < 100_000_000 && k == key.len() {
        // offsets and counts: the key and the digits of one word, shifted past its leading zeros (at
        // most 7: `0` keeps one), are appended whole and then cut to length (a fixed-size copy, no call
        // to memcpy)
        let (ascii, len) = ascii_digits(n as u32);
        let mut buf = [0u8; KEY + 8];
        buf[..k].copy_from_slice(key);
        buf[k..k + 8].copy_from_slice(&ascii.to_le_bytes());
        let at = out.len();
        out.extend_from_slice(&buf[..k + 8]);
        out.truncate(at + k + len);
    } else {
        out.extend_from_slice(key);
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

fn write_value(out: &mut Vec<u8>, value: &serde_json::Value) {
    // a Value always serializes (its keys are strings) and writing into a Vec cannot fail
    let _ = serde_json::to_writer(&mut *out, value);
}

/// The fields of an entity as [`write_fields`] reads them, from an [`Entity`] or a [`Mention`].
struct Fields<'a> {
    text: &'a str,
    label: Label,
    offsets: [usize; 4],
    canonical: &'a str,
    kb_id: Option<&'a str>,
    iso: Option<&'a str>,
    entity: usize,
    recognizer: &'a str,
}

/// Appends one entity as a JSON object, fields in the order of [`Entity`].
pub fn write_entity(out: &mut Vec<u8>, e: &Entity) {
    write_fields(
        out,
        &Fields {
            text: &e.text,
            label: e.label,
            offsets: [e.start, e.end, e.byte_start, e.byte_end],
            canonical: &e.canonical,
            kb_id: e.kb_id.as_deref(),
            iso: e.iso.as_deref(),
            entity: e.entity,
            recognizer: &e.recognizer,
        },
    );
}

/// [`write_entity`] of the entity `m` stands for.
pub(crate) fn write_mention(out: &mut Vec<u8>, m: &Mention<'_>) {
    write_fields(
        out,
        &Fields {
            text: m.text,
            label: m.label,
            offsets: [m.start, m.end, m.byte_start, m.byte_end],
            canonical: &m.canonical,
            kb_id: m.kb_id().map(|s| &**s),
            iso: m.iso().map(|s| &**s),
            entity: m.entity,
            recognizer: &m.recognizer,
        },
    );
}

#[inline(always)]
fn write_fields(out: &mut Vec<u8>, e: &Fields<'_>) {
    field_str(out, b"{\"text\":", e.text);
    // one constant per label (copied by a few moves, no escape test)
    match e.label {
        Label::Person => out.extend_from_slice(b",\"label\":\"PERSON\""),
        Label::Country => out.extend_from_slice(b",\"label\":\"COUNTRY\""),
        Label::Organization => out.extend_from_slice(b",\"label\":\"ORGANIZATION\""),
        Label::Location => out.extend_from_slice(b",\"label\":\"LOCATION\""),
    }
    offsets(out, e.offsets);
    field_str(out, b",\"canonical\":", e.canonical);
    if let Some(kb_id) = e.kb_id {
        field_str(out, b",\"kb_id\":", kb_id);
    }
    if let Some(iso) = e.iso {
        field_str(out, b",\"iso\":", iso);
    }
    field_uint(out, b",\"entity\":", e.entity as u64);
    field_str(out, b",\"recognizer\":", e.recognizer);
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
    field_uint(out, b",\"entity\":", s.entity as u64);
    field_uint(out, b",\"mentions\":", s.mentions as u64);
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
            document_head(out, source, id.as_ref(), language, entities.len());
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

/// A document's record up to its first entity: `{"source":…,"language":…,"entities":[`.
fn document_head(out: &mut Vec<u8>, source: &str, id: Option<&serde_json::Value>, language: &str, entities: usize) {
    // most of an entity is its keys: ~150 bytes plus its strings
    out.reserve(64 + source.len() + entities * 192);
    field_str(out, b"{\"source\":", source);
    if let Some(id) = id {
        out.extend_from_slice(b",\"id\":");
        write_value(out, id);
    }
    field_str(out, b",\"language\":", language);
    out.extend_from_slice(b",\"entities\":[");
}

/// [`write_record`] of the document record (without `summary`) whose entities `mentions` stand for.
pub(crate) fn write_mentions_record(
    out: &mut Vec<u8>,
    source: &str,
    id: Option<&serde_json::Value>,
    language: &str,
    mentions: &[Mention<'_>],
) {
    document_head(out, source, id, language, mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_mention(out, m);
    }
    out.extend_from_slice(b"]}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::summarize;
    use crate::{Document, Language};
    use proptest::prelude::*;
    use std::borrow::Cow;

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

    /// A document written straight from its borrowed mentions is the record of its extracted entities,
    /// with the built-in lists and a user list, for names found by lists and by rules, broken over lines,
    /// with quotes to escape.
    #[test]
    fn mentions_record_is_the_entities_record() {
        let dir = std::env::temp_dir().join(format!("ner-mentions-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let user = dir.join("list.tsv");
        std::fs::write(&user, "Zorglub\tPERSON\nBanque \"Zeta\"\tORGANIZATION\n").unwrap();
        let texts = [
            "",
            "Sergueï Lavrov est arrivé à Bamako, au Mali. M. Lavrov a rencontré Zorglub.",
            "La Banque \"Zeta\" et la Banque\nmondiale ; le président Emmanuel\n  Macron à Paris, en France.",
            "Le ministre Abdoulaye  Zorbatou a déclaré hier. Le groupe Zorbex\tIndustries a annoncé. M. Zorbatou.",
            "The Secretary of State Antony Blinken met Narendra Modi in New Delhi, India, and the World Bank.",
        ];
        let (mut entities, mut respaced) = (0, 0);
        for user_files in [vec![], vec![user.clone()]] {
            let config = crate::ExtractorConfig {
                gazetteers: crate::GazetteerConfig { user_files, no_builtin: false },
                ..Default::default()
            };
            let ex = crate::Extractor::new(&config).unwrap();
            for text in texts {
                for id in [None, Some(serde_json::json!(7))] {
                    let (language, mentions) = ex.mentions(text);
                    entities += mentions.len();
                    respaced += mentions.iter().filter(|m| matches!(m.canonical, Cow::Owned(_))).count();
                    let mut fast = Vec::new();
                    write_mentions_record(&mut fast, "a \"b\"", id.as_ref(), language.code(), &mentions);
                    let mut reference = Vec::new();
                    write_record(&mut reference, &Record::document("a \"b\"", id, ex.extract(text)), None);
                    assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(reference).unwrap());
                }
            }
        }
        assert!(entities > 20 && respaced > 0, "{entities} {respaced}");
        std::fs::remove_dir_all(&dir).unwrap();
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

    /// The flag of each byte of a word, any byte among any clean bytes, at any position: set exactly
    /// for the bytes that need an escape, and never below them.
    #[test]
    fn escape_flags_byte_by_byte() {
        for fill in (0..=255u8).filter(|&f| !needs_escape(f)) {
            for b in 0..=255u8 {
                for at in 0..8 {
                    let mut bytes = [fill; 8];
                    bytes[at] = b;
                    let flags = escape_flags(u64::from_le_bytes(bytes));
                    let want = if needs_escape(b) { 0x80u64 << (8 * at) } else { 0 };
                    assert_eq!(flags & (u64::MAX >> (8 * (7 - at))), want, "{fill:#x} {b:#x} at {at}");
                    assert_eq!(flags == 0, !needs_escape(b), "{fill:#x} {b:#x} at {at}");
                }
            }
        }
    }

    /// The four offsets written in one buffer, of every width, are serde_json's, and so is a record
    /// with one offset past the buffer's range.
    #[test]
    fn offsets_like_serde_json() {
        let widths = [0, 7, 42, 999, 1000, 65_536, 9_999_999, 12_345_678, 99_999_999, 100_000_000];
        for (k, &w) in widths.iter().enumerate() {
            let mut e = entity("Mali", "Mali", None, None, 0);
            (e.start, e.end, e.byte_start, e.byte_end) = (w, widths[(k + 1) % 10], widths[(k + 3) % 10], w / 3);
            let mut out = Vec::new();
            write_entity(&mut out, &e);
            assert_eq!(out, serde_json::to_vec(&e).unwrap(), "{w}");
        }
    }

    /// The label written as a constant is the label's name.
    #[test]
    fn labels_as_constants() {
        for label in Label::ALL {
            let mut e = entity("x", "x", None, None, 0);
            e.label = label;
            let mut out = Vec::new();
            write_entity(&mut out, &e);
            assert!(String::from_utf8(out).unwrap().contains(&format!(",\"label\":\"{label}\",")), "{label}");
        }
    }

    /// Every number below 200,000 and around every power of ten, as `to_string` writes them.
    #[test]
    fn integers_digit_by_digit() {
        let near_powers = (1..20).flat_map(|k| {
            let p = 10u64.pow(k);
            p.saturating_sub(300)..p.saturating_add(300)
        });
        let mut out = Vec::new();
        for n in (0..200_000).chain(near_powers).chain([99_999_999, 100_000_000, u64::MAX]) {
            out.clear();
            write_uint(&mut out, n);
            assert_eq!(out, n.to_string().into_bytes());
        }
    }

    proptest! {
        #[test]
        fn any_integer_like_to_string(n in any::<u64>(), small in 0u64..100_000_000) {
            for n in [n, small] {
                let mut out = b"x".to_vec();
                write_uint(&mut out, n);
                prop_assert_eq!(out, format!("x{n}").into_bytes());
            }
        }

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
