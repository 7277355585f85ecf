//! `ner`: a fast, rule- and gazetteer-based named-entity extractor for French and English news.
//!
//! Data flows one way (DESIGN §2): text → [`tokenize`] → [`recognize`] (candidates) → [`resolve`]
//! (entities) → [`emit`]. An [`Extractor`] is built once (it compiles the gazetteers) and then shared
//! read-only by every thread; [`Extractor::extract`] is a pure function of the text.
//!
//! ```
//! let ex = ner::Extractor::new(&ner::ExtractorConfig::default()).unwrap();
//! let doc = ex.extract("Sergueï Lavrov est arrivé à Bamako, au Mali.");
//! let found: Vec<(&str, &str)> = doc.entities.iter().map(|e| (e.text.as_str(), e.label.as_str())).collect();
//! assert!(found.contains(&("Mali", "COUNTRY")));
//! ```

pub mod batch;
mod bytes;
pub mod emit;
pub mod eval;
pub mod gazetteer;
pub mod label;
pub mod lang;
pub mod normalize;
pub mod recognize;
pub mod resolve;
pub mod tokenize;

pub use gazetteer::{GazetteerConfig, GazetteerError};
pub use label::{Label, LabelSet};
pub use lang::{LangChoice, Language};

use gazetteer::{Matcher, RowKind};
use recognize::{Ctx, Rule};
use std::borrow::Cow;

/// What to extract and with which lists. Plain data: the CLI fills it from flags, a library user by hand.
#[derive(Debug, Clone, Default)]
pub struct ExtractorConfig {
    pub gazetteers: GazetteerConfig,
    /// Labels to report; the others are still recognized (they settle overlaps) but not returned.
    pub labels: LabelSet,
    pub lang: LangChoice,
}

/// One entity of a document, with everything DESIGN §4 puts on the wire.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    pub text: String,
    pub label: Label,
    /// Code-point offsets (Python `str` indices), end exclusive.
    pub start: usize,
    pub end: usize,
    /// UTF-8 byte offsets.
    pub byte_start: usize,
    pub byte_end: usize,
    /// This and the other strings that come from a gazetteer or a rule name are `Cow`s: borrowed from
    /// the embedded lists or the rules when they can be, so that an entity costs one allocation (its
    /// `text`) rather than five.
    pub canonical: Cow<'static, str>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub kb_id: Option<Cow<'static, str>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub iso: Option<Cow<'static, str>>,
    /// Mentions of the same referent share this number.
    pub entity: usize,
    pub recognizer: Cow<'static, str>,
}

/// The result for one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub language: Language,
    pub entities: Vec<Entity>,
}

/// The extractor: compiled gazetteers plus settings. Cheap to share (`&Extractor` is `Sync`).
pub struct Extractor {
    matcher: Matcher,
    labels: LabelSet,
    lang: LangChoice,
    /// The `recognizer` of each gazetteer origin, made once rather than per entity.
    recognizers: Vec<Cow<'static, str>>,
}

impl Extractor {
    pub fn new(config: &ExtractorConfig) -> Result<Self, GazetteerError> {
        Ok(Extractor::from_matcher(gazetteer::compile(&config.gazetteers)?, config.labels, config.lang))
    }

    /// An extractor over lists compiled by the caller (rows parsed in memory and built with a
    /// [`gazetteer::MatcherBuilder`]): for embedders and fuzzers that have no list files on disk.
    pub fn from_matcher(matcher: Matcher, labels: LabelSet, lang: LangChoice) -> Self {
        let recognizers = matcher.origins.iter().map(gazetteer::recognizer).collect();
        Extractor { matcher, labels, lang, recognizers }
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Extracts the entities of one document. Never panics; offsets index `text` exactly as given.
    pub fn extract(&self, text: &str) -> Document {
        let (language, mentions) = self.mentions(text);
        let m = &self.matcher;
        let entities = mentions
            .into_iter()
            .map(|x| Entity {
                text: x.text.to_string(),
                label: x.label,
                start: x.start,
                end: x.end,
                byte_start: x.byte_start,
                byte_end: x.byte_end,
                kb_id: x.kb_id().cloned(),
                iso: x.iso().cloned(),
                // the lists' and the rules' own `Cow`s, borrowed from the embedded lists when they can be
                canonical: match x.entry {
                    Some(e) => e.canonical.clone(),
                    None => Cow::Owned(x.canonical.into_owned()),
                },
                entity: x.entity,
                recognizer: match x.rule {
                    Rule::Gazetteer(e) => self.recognizers[m.entries[e as usize].origin as usize].clone(),
                    rule => rule.name(m),
                },
            })
            .collect();
        Document { language, entities }
    }

    /// [`Extractor::extract`] with every string borrowed (from the text, the lists, the rule names): the
    /// `jsonl` writer of a batch encodes these as they are, without the allocation and the copy of each
    /// entity's text (and of a rule-found entity's canonical form) that an [`Entity`] owns.
    pub(crate) fn mentions<'a>(&'a self, text: &'a str) -> (Language, Vec<Mention<'a>>) {
        let doc = tokenize::tokenize(text);
        let mut ctx = Ctx::new(&doc, &self.matcher, Language::Fr);
        let language = match self.lang {
            LangChoice::Fixed(l) => l,
            LangChoice::Auto => lang::detect_with(&ctx.info, |t| t.class),
        };
        ctx.lang = language;
        let candidates = recognize::recognize(&ctx);
        let resolved = resolve::resolve(&ctx, candidates);
        // done with the context (ids, cues, matches: 30 bytes per token): the entities reuse its memory
        drop(ctx);
        let m = &self.matcher;
        let mut cps = CodePoints::default();
        let mut mentions = Vec::with_capacity(resolved.len());
        for r in &resolved {
            if !self.labels.contains(r.label) {
                continue;
            }
            let (first, last) = (&doc.tokens[r.start], &doc.tokens[r.end - 1]);
            let entry = r.entry.map(|e| &m.entries[e as usize]);
            let canonical = match entry {
                Some(e) => Cow::Borrowed(&*e.canonical),
                None => {
                    let root = &resolved[r.root];
                    let span = &text[doc.tokens[root.start].start as usize..doc.tokens[root.end - 1].end as usize];
                    single_spaced(span)
                }
            };
            let recognizer = match r.rule {
                Rule::Gazetteer(e) => Cow::Borrowed(&*self.recognizers[m.entries[e as usize].origin as usize]),
                rule => rule.name(m),
            };
            mentions.push(Mention {
                text: &text[first.start as usize..last.end as usize],
                label: r.label,
                start: cps.at(text, first.start as usize),
                end: cps.at(text, last.end as usize),
                byte_start: first.start as usize,
                byte_end: last.end as usize,
                entry,
                canonical,
                entity: r.cluster,
                rule: r.rule,
                recognizer,
            });
        }
        (language, mentions)
    }
}

/// An [`Entity`] whose strings are borrowed: from the document's text, the extractor's lists and rule
/// names ([`Extractor::mentions`]).
pub(crate) struct Mention<'a> {
    pub text: &'a str,
    pub label: Label,
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    /// The list entry the entity was found in, if any (its `kb_id` and `iso`).
    pub entry: Option<&'a gazetteer::Entry>,
    pub canonical: Cow<'a, str>,
    pub entity: usize,
    pub rule: Rule,
    pub recognizer: Cow<'a, str>,
}

impl<'a> Mention<'a> {
    pub fn kb_id(&self) -> Option<&'a Cow<'static, str>> {
        self.entry.and_then(|e| e.kb_id.as_ref())
    }

    /// Only a country has an ISO code on the wire.
    pub fn iso(&self) -> Option<&'a Cow<'static, str>> {
        self.entry.filter(|e| e.kind == RowKind::Entity(Label::Country)).and_then(|e| e.iso.as_ref())
    }
}

/// Code-point offsets of byte offsets, counted from the last one asked for: the entities come in text
/// order, so a document's characters are counted about once, and only up to its last entity (tokens do
/// not keep code-point offsets: 8 bytes per token of fresh memory on a long document).
#[derive(Default)]
struct CodePoints {
    byte: usize,
    cp: usize,
}

impl CodePoints {
    /// The code-point offset of byte offset `byte` of `text` (a character boundary).
    fn at(&mut self, text: &str, byte: usize) -> usize {
        let bytes = text.as_bytes();
        if byte >= self.byte {
            self.cp += chars_between(bytes, self.byte, byte);
        } else {
            self.cp -= chars_between(bytes, byte, self.byte);
        }
        self.byte = byte;
        self.cp
    }
}

/// [`count_chars`] of `bytes[from..to]`. On x86-64, a span of 16 bytes or fewer that ends 16 bytes or
/// more into `bytes` (an entity's text, the gap between two close entities: most calls) is counted in
/// the one load of the 16 bytes that end it, those before the span masked out: no call, no branch on
/// its length, where the call and the two padded words of `count_chars` took some 60 instructions.
#[inline]
fn chars_between(bytes: &[u8], from: usize, to: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    if let (Some(n @ 0..=16), Some(last)) = (to.checked_sub(from), to.checked_sub(16).and_then(|at| bytes.get(at..to)))
    {
        return n - continuations_in_last(last, n);
    }
    count_chars(bytes.get(from..to).unwrap_or_default())
}

/// The continuation bytes among the last `n` (at most 16) of the 16 bytes `last`, with SSE2 (part of
/// x86-64).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn continuations_in_last(last: &[u8], n: usize) -> usize {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmplt_epi8, _mm_cvtsi128_si32, _mm_loadu_si128, _mm_sad_epu8, _mm_set1_epi8,
        _mm_setzero_si128, _mm_srli_si128,
    };
    /// From offset `n`, 16 lanes that keep the last `n`: 1 in lanes `16 - n` and up.
    static KEEP: [u8; 32] =
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    let (last, keep) = (&last[..16], &KEEP[n..n + 16]);
    // SAFETY: both loads read 16 bytes of slices of 16 (unaligned loads), and SSE2 is part of x86-64.
    unsafe {
        let x = _mm_loadu_si128(last.as_ptr().cast());
        // continuation bytes (0x80 to 0xBF) are the signed bytes below -64: 1 in their lane if kept
        let ones = _mm_and_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(-64)), _mm_loadu_si128(keep.as_ptr().cast()));
        let sums = _mm_sad_epu8(ones, _mm_setzero_si128());
        (_mm_cvtsi128_si32(sums) + _mm_cvtsi128_si32(_mm_srli_si128::<8>(sums))) as usize
    }
}

/// The characters of UTF-8 `bytes`: the bytes that are not continuation bytes (`10xxxxxx`), eight at a
/// time. std's `chars().count()` counts spans shorter than 32 bytes byte by byte, and most spans between
/// and inside entities are: 2 instructions per byte of the document, against under 1 here.
///
/// A span of 16 bytes or fewer (an entity's own text, the gap between two close entities: half the
/// calls) is two padded words, counted without a loop: the set-up of the blocks cost more than the bytes.
fn count_chars(bytes: &[u8]) -> usize {
    if bytes.len() <= 16 {
        let (low, high) = bytes.split_at(bytes.len().min(8));
        // at most 16 ones: their sum fits the top byte of the product
        let ones = continuations(crate::bytes::load_le(low)) + continuations(crate::bytes::load_le(high));
        return bytes.len() - (ones.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    }
    bytes.len() - long_continuations(bytes)
}

/// The continuation bytes of `bytes` (more than 16 bytes), 16 at a time with SSE2 (part of x86-64):
/// a load, a comparison and a subtraction per 16 bytes, where the word arithmetic of
/// [`long_continuations_words`] took some twelve instructions.
#[cfg(target_arch = "x86_64")]
fn long_continuations(bytes: &[u8]) -> usize {
    use std::arch::x86_64::{
        _mm_cmplt_epi8, _mm_cvtsi128_si32, _mm_loadu_si128, _mm_sad_epu8, _mm_set1_epi8, _mm_setzero_si128,
        _mm_srli_si128, _mm_sub_epi8,
    };
    let mut n = 0;
    // blocks of 255 vectors: per-lane counts up to 255, then added up
    for block in bytes.chunks(255 * 16) {
        let mut vectors = block.chunks_exact(16);
        // SAFETY: each load reads the 16 bytes of a chunk (unaligned), and SSE2 is part of x86-64.
        unsafe {
            let mut lanes = _mm_setzero_si128();
            for v in &mut vectors {
                // continuation bytes (0x80 to 0xBF) are the signed bytes below -64: -1 in their lane
                let x = _mm_loadu_si128(v.as_ptr().cast());
                lanes = _mm_sub_epi8(lanes, _mm_cmplt_epi8(x, _mm_set1_epi8(-64)));
            }
            // the sums of each half's eight lanes, in the low 16 bits of each half
            let sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
            n += (_mm_cvtsi128_si32(sums) + _mm_cvtsi128_si32(_mm_srli_si128::<8>(sums))) as usize;
        }
        // the rest in the last 16 bytes again (`bytes` has more than 16, and only its last block a rest)
        n += continuations_in_last(&bytes[bytes.len() - 16..], vectors.remainder().len());
    }
    n
}

#[cfg(not(target_arch = "x86_64"))]
fn long_continuations(bytes: &[u8]) -> usize {
    long_continuations_words(bytes)
}

/// [`long_continuations`] with eight bytes at a time in a 64-bit word; the reference of the tests on
/// x86-64.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn long_continuations_words(bytes: &[u8]) -> usize {
    let word = |c: &[u8]| u64::from_le_bytes(c.try_into().unwrap_or_default());
    let mut n = 0;
    // blocks of 127 pairs of words: per-byte counts up to 254, then added up
    for block in bytes.chunks(127 * 16) {
        let mut pairs = block.chunks_exact(16);
        let mut lanes = 0u64;
        for pair in &mut pairs {
            lanes += continuations(word(&pair[..8])) + continuations(word(&pair[8..]));
        }
        let mut words = pairs.remainder().chunks_exact(8);
        for w in &mut words {
            lanes += continuations(word(w));
        }
        let rest = words.remainder();
        if rest.is_empty() {
        } else if let Some(last) = block.len().checked_sub(8).map(|at| &block[at..]) {
            // the last word of the block again, its bytes already counted shifted out
            lanes += continuations(word(last) >> (8 * (8 - rest.len())));
        } else {
            n += rest.iter().filter(|&&b| b & 0xC0 == 0x80).count();
        }
        n += sum_lanes(lanes);
    }
    n
}

/// A 1 in bit 0 of each byte of `w` that is a UTF-8 continuation byte (`10xxxxxx`: bit 7 set and bit
/// 6, moved to bit 7, clear); the zero padding of a short word counts for nothing.
#[inline(always)]
fn continuations(w: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    (w & !(w << 1) & HIGH) >> 7
}

/// The sum of the eight bytes of `w`.
fn sum_lanes(w: u64) -> usize {
    const LANES: u64 = 0x00FF_00FF_00FF_00FF;
    let pairs = (w & LANES) + ((w >> 8) & LANES);
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
}

/// The words of `span` joined by single spaces (a name broken over a line is one name).
fn single_spaced(span: &str) -> Cow<'_, str> {
    if is_single_spaced(span) {
        // most names: no copy, where splitting decoded every character (a third of the building of
        // the entities)
        return Cow::Borrowed(span);
    }
    let mut out = String::with_capacity(span.len());
    for word in span.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// Whether `span` is its own [`single_spaced`] form: no white space but single ASCII spaces between
/// words. A byte scan: only the bytes that may start a white-space character other than the space
/// (ASCII controls `\t`..`\r`, and the lead bytes of U+0085, U+00A0, U+1680, U+2000.., U+3000) are
/// decoded, so that `’` or `é` cost no decoding.
fn is_single_spaced(span: &str) -> bool {
    plainly_single_spaced(span.as_bytes()) || is_single_spaced_bytewise(span)
}

/// Whether `b` (8 bytes or more) is single-spaced by a test of words that may fail on some that are
/// (control bytes, the lead bytes of `’`, of a no-break space or of `é`: [`is_single_spaced_bytewise`]
/// then decides): no byte below 0x20, no 0xC2 or 0xE0..0xE3, no space at either end or next to another.
/// Words 7 bytes apart (the last ending at the end) hold every pair of neighbouring bytes: about 3
/// instructions a byte, where the byte loop took 15.
fn plainly_single_spaced(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW: u64 = !HIGH;
    let n = b.len();
    if n < 8 || b[0] == b' ' || b[n - 1] == b' ' {
        return false;
    }
    // the high bit of each byte that is zero: exact (no borrow), for the pairs of spaces
    let zero_bytes = |v: u64| !(((v & LOW) + LOW) | v) & HIGH;
    // non-zero when a byte is zero (flags above a zero byte may be wrong)
    let any_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let mut flags = 0;
    let mut at = 0;
    loop {
        let w = u64::from_le_bytes(b.get(at..at + 8).and_then(|w| w.try_into().ok()).unwrap_or([0; 8]));
        let controls = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        let spaces = zero_bytes(w ^ (ONES * u64::from(b' ')));
        let leads = any_zero((w & (ONES * 0xFC)) ^ (ONES * 0xE0)) | any_zero(w ^ (ONES * 0xC2));
        flags |= controls | (spaces & (spaces >> 8)) | leads;
        if at + 8 >= n {
            return flags == 0;
        }
        at = (at + 7).min(n - 8);
    }
}

/// [`is_single_spaced`] byte by byte.
fn is_single_spaced_bytewise(span: &str) -> bool {
    let mut after_space = true; // a leading space is not single spacing
    for (i, &b) in span.as_bytes().iter().enumerate() {
        if b == b' ' {
            if after_space {
                return false;
            }
            after_space = true;
            continue;
        }
        after_space = false;
        let maybe_space = matches!(b, b'\t'..=b'\r' | 0xC2 | 0xE1..=0xE3);
        if maybe_space && span.get(i..).and_then(|rest| rest.chars().next()).is_none_or(char::is_whitespace) {
            return false;
        }
    }
    !after_space || span.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The count of characters agrees with std on spans of every length and mix, and past 255 words.
    #[test]
    fn count_chars_agrees_with_std() {
        let text = "Sergueï Lavrov à Moscou, 東京 😀 x é".repeat(300);
        let short = (0..24).flat_map(|from| (from..from + 20).map(move |to| (from, to)));
        let long = [(0, text.len()), (1, 2), (0, 0), (3, 40), (9, 9 + 8), (5, 300), (0, 2047), (17, 2100)];
        for (from, to) in long.into_iter().chain(short) {
            let (from, to) = (from.min(text.len()), to.min(text.len()));
            let bytes = &text.as_bytes()[from..to];
            let want = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
            assert_eq!(count_chars(bytes), want, "{from}..{to}");
        }
        assert!(text.len() > 255 * 8);
        assert_eq!(count_chars(text.as_bytes()), text.chars().count());
        assert_eq!(count_chars(&[0x80; 3000]), 0);
        assert_eq!(count_chars(&[0xBF; 8200]), 0);
        assert_eq!(count_chars(&[0xC0; 8200]), 8200);
        // the vector and the word counts of long spans, across block ends and with every remainder
        for len in (17..80).chain([4079, 4080, 4081, 4096, 8160, 8161, 8175, 8176, 8177, 9000]) {
            for from in [0, 1, 7] {
                let bytes = &text.as_bytes()[from..(from + len).min(text.len())];
                let want = bytes.iter().filter(|&&b| b & 0xC0 == 0x80).count();
                assert_eq!(long_continuations(bytes), want, "{from} {len}");
                assert_eq!(long_continuations_words(bytes), want, "{from} {len}");
            }
        }
        assert_eq!(count_chars(&[b'a'; 3000]), 3000);
    }

    /// The count of the characters between two offsets agrees with a count of the slice, for spans at
    /// every place and of every length up to past 32 bytes.
    #[test]
    fn chars_between_agrees_with_count_chars() {
        let text = "Sergueï Lavrov à Moscou, 東京 😀 x é «Banque» ".repeat(4);
        let bytes = text.as_bytes();
        for from in 0..bytes.len() {
            for to in from..bytes.len().min(from + 40) {
                let want = bytes[from..to].iter().filter(|&&b| b & 0xC0 != 0x80).count();
                assert_eq!(chars_between(bytes, from, to), want, "{from}..{to}");
            }
        }
    }

    /// Code-point offsets asked for in any order agree with a count from the start of the text.
    #[test]
    fn code_points_of_byte_offsets() {
        let text = "Sergueï Lavrov à Moscou, 東京 😀 x";
        let bounds: Vec<usize> = (0..=text.len()).filter(|&b| text.is_char_boundary(b)).collect();
        let mut cps = CodePoints::default();
        let order = bounds.iter().chain(bounds.iter().rev()).chain(bounds.iter().step_by(3)).chain([
            &9,
            &0,
            &bounds[bounds.len() - 2],
        ]);
        for &b in order {
            assert_eq!(cps.at(text, b), text[..b].chars().count(), "byte {b}");
        }
    }

    #[test]
    fn single_spaced_joins_words() {
        assert_eq!(single_spaced("Banque\n  mondiale"), "Banque mondiale");
        assert_eq!(single_spaced(" a\tb "), "a b");
        assert_eq!(single_spaced(""), "");
    }

    /// The single-spacing test agrees with `split_whitespace` for each character, alone, between
    /// words, doubled and at either end.
    #[test]
    fn single_spaced_spans_are_kept_as_they_are() {
        let slow = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        // every white-space character is below U+3100; past it, a sample
        for c in (0..0x3100).chain((0x3100..0x11_0000).step_by(97)).filter_map(char::from_u32) {
            for s in [format!("a{c}b"), format!("{c}"), format!("ab {c}{c} c"), format!(" {c}"), format!("{c} ")] {
                assert_eq!(is_single_spaced(&s), slow(&s) == s, "{s:?}");
                assert_eq!(single_spaced(&s), slow(&s), "{s:?}");
            }
        }
        for s in ["", " ", "a  b", "Côte d’Ivoire", "New\u{a0}York", "a\u{3000}b", "a b c"] {
            assert_eq!(single_spaced(s), slow(s), "{s:?}");
        }
        // the word test: a special sequence at every place of a long name, spaces included
        let specials =
            ["", " ", "  ", "\t", "\r", "\u{a0}", "\u{85}", "\u{1680}", "\u{2009}", "\u{3000}", "’", "é", "Σ"];
        let plain = "Abcdefg hijklmnopq rstuvwxyz";
        for special in specials {
            for at in 0..=plain.len() {
                let s = format!("{}{special}{}", &plain[..at], &plain[at..]);
                assert_eq!(is_single_spaced(&s), slow(&s) == s, "{s:?}");
                assert_eq!(is_single_spaced_bytewise(&s), slow(&s) == s, "{s:?}");
                if plainly_single_spaced(s.as_bytes()) {
                    assert_eq!(slow(&s), s, "{s:?}");
                }
            }
        }
        assert!(plainly_single_spaced(b"Abdoulaye Diop Ndiaye"));
    }

    /// The recognizer made once per origin is the one the rule names, and built-in lists need no
    /// allocation.
    #[test]
    fn recognizers_per_origin_are_the_rule_names() {
        let dir = std::env::temp_dir().join(format!("ner-recognizers-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let user = dir.join("my list.tsv");
        std::fs::write(&user, "Zorglub\tPERSON\n").unwrap();
        for user_files in [vec![], vec![user]] {
            let config =
                ExtractorConfig { gazetteers: GazetteerConfig { user_files, no_builtin: false }, ..Default::default() };
            let ex = Extractor::new(&config).unwrap();
            let m = ex.matcher();
            for (o, origin) in m.origins.iter().enumerate() {
                let e = m.entries.iter().position(|e| e.origin as usize == o).unwrap();
                assert_eq!(ex.recognizers[o], Rule::Gazetteer(e as u32).name(m), "{origin:?}");
                assert_eq!(matches!(ex.recognizers[o], Cow::Borrowed(_)), !origin.user, "{origin:?}");
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
