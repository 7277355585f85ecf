//! Tokens and sentences for news text (DESIGN §2).
//!
//! Word boundaries follow UAX #29 in spirit (letters, digits and combining marks make words; every
//! ideograph is a word of its own) with the refinements news needs: French elision split off with its
//! apostrophe (`l’ONU` → `l’` + `ONU`), English possessive `’s` split off, hyphenated compounds kept whole
//! (`Jean-Pierre`, `Guinée-Bissau`), abbreviations and dotted acronyms keep their period and do not end a
//! sentence (`M.`, `Dr.`, `U.S.`), numbers (`1,5`, `3.000`), URLs and e-mail addresses kept whole.
//!
//! DESIGN note: a hand-written scanner rather than `unicode-segmentation`: the refinements above would
//! otherwise be a second pass that re-merges and re-splits segments, and a single pass with an ASCII fast
//! path is several times faster on Latin text.
//!
//! Every token carries byte and code-point ranges into the text exactly as given, so entities can report
//! both without re-counting.

mod abbrev;

pub use abbrev::{is_abbreviation, is_compound_participle, is_elision};

use crate::normalize::is_apostrophe;
use unicode_normalization::char::is_combining_mark;

/// The capitalization class of a token, the main cue of every rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// First letter upper case, not all letters upper case (`Mali`, `McDonald`, `A`).
    Capitalized,
    /// Two or more letters, all upper case (`ONU`, `U.S.`).
    AllCaps,
    /// First letter lower case, no upper-case letter (`ministre`).
    Lower,
    /// First letter lower case, some upper case later (`iPhone`, `eBay`).
    Mixed,
    /// Digits and no letters (`2023`, `1,5`).
    Digit,
    /// No letter or digit.
    Punct,
}

/// What the scanner recognised; rules use it to tell a word from an elided article or a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// An elided French word with its apostrophe: `l’`, `d’`, `qu’`.
    Elision,
    /// A word that keeps its final period: `M.`, `Dr.`, `U.S.`, `J.`.
    Abbreviation,
    /// The English possessive or clitic `’s`.
    Clitic,
    Number,
    Url,
    Email,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text. Offsets are `u32` (a token is 16 bytes, not 40: the token vector is the
    /// largest allocation per document), so a document is at most [`MAX_TEXT_BYTES`] long. Code-point
    /// offsets are not kept: only the entities report them, and [`crate::Extractor::extract`] counts
    /// them for those alone (they cost 8 bytes per token, 16 MB of fresh memory for a 10 MB document).
    pub start: u32,
    pub end: u32,
    /// Index of the sentence in [`Tokenized::sentences`].
    pub sentence: u32,
    pub shape: Shape,
    pub kind: TokenKind,
    /// White space (or the start of the text) precedes this token.
    pub space_before: bool,
    /// First word-like token of its sentence (leading quotes and dashes skipped).
    pub sent_start: bool,
}

/// The longest text [`tokenize`] splits: offsets must fit the `u32` fields of [`Token`]. Longer texts are
/// refused by the batch layer with an error record, and [`tokenize`] returns no tokens for them.
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize;

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.range()]
    }

    /// Byte range as `usize`.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    pub fn sentence(&self) -> usize {
        self.sentence as usize
    }

    /// A word-like token: it has a letter or digit.
    pub fn is_wordlike(&self) -> bool {
        !matches!(self.kind, TokenKind::Punct)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Token index range.
    pub start: usize,
    pub end: usize,
    /// All its words are ALL-CAPS: a headline or dateline, where capitalization says nothing.
    pub headline: bool,
}

#[derive(Debug, Clone)]
pub struct Tokenized<'t> {
    pub text: &'t str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

impl<'t> Tokenized<'t> {
    pub fn tok_text(&self, i: usize) -> &'t str {
        self.tokens[i].text(self.text)
    }

    pub fn is_headline(&self, i: usize) -> bool {
        self.sentences[self.tokens[i].sentence()].headline
    }
}

/// A character that belongs inside a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && is_combining_mark(c))
}

/// Ideographs and kana are words of one character each, as in UAX #29.
fn is_ideographic(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Characters that close a quotation or bracket and stay in the sentence they close.
fn is_closing(c: char) -> bool {
    matches!(c, '»' | '”' | '"' | ')' | ']' | '}' | '’' | '\'' | '›')
}

struct Cursor<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Cursor<'t> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    /// The character after the next one.
    fn peek2(&self) -> Option<char> {
        let mut it = self.text[self.pos..].chars();
        it.next();
        it.next()
    }

    fn peek3(&self) -> Option<char> {
        let mut it = self.text[self.pos..].chars();
        it.next();
        it.next();
        it.next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Consumes a run of word characters (not ideographs); returns whether it consumed any.
    fn eat_word_run(&mut self) -> bool {
        let start = self.pos;
        // ASCII fast path
        let bytes = self.text.as_bytes();
        loop {
            while self.pos < bytes.len() && bytes[self.pos].is_ascii_alphanumeric() {
                self.pos += 1;
            }
            match self.peek() {
                Some(c) if !c.is_ascii() && is_word_char(c) && !is_ideographic(c) => {
                    self.bump();
                }
                _ => break,
            }
        }
        self.pos > start
    }

    /// Advances to a byte offset known to be on a char boundary ahead of the cursor.
    fn advance_to(&mut self, byte: usize) {
        self.pos = byte;
    }

    fn rest(&self) -> &'t str {
        &self.text[self.pos..]
    }
}

fn starts_url(rest: &str) -> bool {
    let b = rest.as_bytes();
    if !matches!(b.first(), Some(b'h' | b'H' | b'w' | b'W')) {
        return false;
    }
    let starts = |p: &str| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    (starts("http://") || starts("https://") || starts("www.")) && rest.len() > 8
}

/// Whether [`starts_url`] may hold at byte `start` of `bytes`: the four bytes there are `http` or `www.`
/// in any case (or bytes that are so once ORed with 0x20). One comparison of a word for each, without a
/// call: most words that start with `h` or `w` are no URL.
#[inline(always)]
fn may_start_url(bytes: &[u8], start: usize) -> bool {
    let Some(&four) = bytes.get(start..).and_then(|rest| rest.first_chunk::<4>()) else { return false };
    let lowered = u32::from_le_bytes(four) | 0x2020_2020;
    lowered == u32::from_le_bytes(*b"http") || lowered == u32::from_le_bytes(*b"www.")
}

/// Byte length of a URL at the start of `rest`, without trailing punctuation.
fn url_len(rest: &str) -> usize {
    let end = rest
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '«' | '»' | '“' | '”'))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '’']).len()
}

/// Byte length of an e-mail address at the start of `rest`, if there is one.
fn email_len(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let mut i = 0;
    let mut at = None;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b"._%+-@".contains(&b[i])) {
        if b[i] == b'@' {
            if at.is_some() {
                return None;
            }
            at = Some(i);
        }
        i += 1;
    }
    let at = at?;
    while i > at && b[i - 1] == b'.' {
        i -= 1;
    }
    let domain = &rest[at + 1..i];
    let ok = at > 0
        && domain.contains('.')
        && domain.bytes().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && domain.rsplit('.').next().is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|c| c.is_ascii_alphabetic()));
    ok.then_some(i)
}

/// The shape of a token and its number of letters.
fn shape_of(s: &str) -> (Shape, usize) {
    let mut letters = 0usize;
    let mut upper = 0usize;
    let mut digits = 0usize;
    let mut first_upper: Option<bool> = None;
    for c in s.chars() {
        if c.is_alphabetic() {
            letters += 1;
            let u = c.is_uppercase();
            if u {
                upper += 1;
            }
            if first_upper.is_none() {
                first_upper = Some(u);
            }
        } else if c.is_numeric() {
            digits += 1;
        }
    }
    let shape = match first_upper {
        None if digits > 0 => Shape::Digit,
        None => Shape::Punct,
        Some(true) if upper == letters && letters >= 2 => Shape::AllCaps,
        Some(true) => Shape::Capitalized,
        Some(false) if upper > 0 => Shape::Mixed,
        Some(false) => Shape::Lower,
    };
    (shape, letters)
}

/// Whether the first letter of the word at `start..end` of `text` (it has one) is upper case: its first
/// byte answers for ASCII and Latin-1 letters, the common case.
#[inline]
fn first_letter_upper(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let class = BYTE_CLASS[bytes[start] as usize];
    if class & LETTER != 0 {
        return class & UPPER != 0;
    }
    match bytes.get(start + 1) {
        Some(&t) if bytes[start] == 0xC3 && is_latin1_letter(t) => t < 0x9F,
        _ => text[start..end].chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase),
    }
}

/// Whether `0xC3 t` encodes a letter: the two bytes are U+00C0..=U+00FF, all letters but `×` and `÷`.
/// These are most of the non-ASCII of French text (`é`, `à`, `ç`, `É`), upper case below `ß` (`t < 0x9F`).
#[inline]
fn is_latin1_letter(t: u8) -> bool {
    t != 0x97 && t != 0xB7
}

// Byte classes of the fast path: one lookup in [`BYTE_CLASS`] replaces the chains of comparisons and the
// `char` decoding that the general scanner needs. Bytes from 0x80 up have only the class HIGH: they start
// or continue a multi-byte character, which is decoded.
const LOWER: u16 = 1;
const UPPER: u16 = 1 << 1;
const DIGIT: u16 = 1 << 2;
const LETTER: u16 = LOWER | UPPER;
/// A word character in ASCII ([`is_word_char`]).
const ALNUM: u16 = LETTER | DIGIT;
/// ASCII white space, as `char::is_whitespace` has it.
const SPACE: u16 = 1 << 3;
/// A line break: it ends the sentence.
const NEWLINE: u16 = 1 << 4;
/// Punctuation that is a token by itself whatever precedes it: every other ASCII byte but the apostrophes
/// `'` and `` ` `` (which may start a clitic `'s`). `.` may start an ellipsis, which the caller checks.
const PUNCT: u16 = 1 << 5;
/// [`is_closing`].
const CLOSING: u16 = 1 << 6;
/// `.`, `!`, `?`: the sentence may end after it.
const TERMINAL: u16 = 1 << 7;
/// `,` `;` `:` `)` `]`: never opens a sentence, even after a terminal.
const JOINS: u16 = 1 << 8;
/// A byte of a multi-byte character.
const HIGH: u16 = 1 << 9;
/// After a word, a byte [`scan_plain_word`] must look at: an apostrophe (elision, clitic), a period
/// (abbreviation), or a character that joins on or makes an e-mail address (`-@_%+`).
const FOLLOW: u16 = 1 << 10;
/// `,`: after a word, it must be looked at only before a digit (`1,5`).
const COMMA: u16 = 1 << 11;
/// `h`, `w` and their capitals: a word that starts with one may be a URL ([`starts_url`]).
const URL_START: u16 = 1 << 12;
/// An ASCII letter or digit but `h`, `w` and their capitals: it starts a word that is no URL.
const PLAIN_START: u16 = 1 << 13;
/// PUNCT but TERMINAL: a token by itself that never ends a sentence.
const INNER_PUNCT: u16 = 1 << 14;

/// The class bits of every byte (the tests check them against the `char` predicates).
static BYTE_CLASS: [u16; 256] = byte_classes();

const fn byte_classes() -> [u16; 256] {
    let mut table = [0u16; 256];
    let mut b = 0u8;
    while b < 0x80 {
        let mut class = match b {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            b' ' | b'\t' | 0x0b | 0x0c => SPACE,
            b'\n' | b'\r' => SPACE | NEWLINE,
            b'\'' | b'`' => 0,
            _ => PUNCT,
        };
        if matches!(b, b'"' | b')' | b']' | b'}' | b'\'') {
            class |= CLOSING;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            class |= TERMINAL;
        }
        if matches!(b, b',' | b';' | b':' | b')' | b']') {
            class |= JOINS;
        }
        if matches!(b, b'\'' | b'.' | b'-' | b'@' | b'_' | b'%' | b'+') {
            class |= FOLLOW;
        }
        if b == b',' {
            class |= COMMA;
        }
        if matches!(b, b'h' | b'H' | b'w' | b'W') {
            class |= URL_START;
        } else if class & ALNUM != 0 {
            class |= PLAIN_START;
        }
        if class & PUNCT != 0 && class & TERMINAL == 0 {
            class |= INNER_PUNCT;
        }
        table[b as usize] = class;
        b += 1;
    }
    while b < 0xFF {
        table[b as usize] = HIGH;
        b += 1;
    }
    table[0xFF] = HIGH;
    table
}

/// The character at byte `i` of `text` (a char boundary), if any.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// A token the scanner found, with what the sentence bookkeeping of [`tokenize_with`] needs to know.
///
/// Eight bytes, so that it is returned in registers.
struct Scanned {
    /// Byte offset of its end (a text has less than 2^32 bytes).
    end: u32,
    kind: TokenKind,
    shape: Shape,
    /// `ROLE_*` bits.
    role: u8,
}

// The part a token plays in sentence boundaries and the headline test, as bits of [`Scanned::role`]. The
// first three are the byte classes of the same name shifted down, so one-byte punctuation takes them from
// [`BYTE_CLASS`].
/// A closing quote or bracket ([`is_closing`]): it stays in the sentence it closes.
const ROLE_CLOSING: u8 = (CLOSING >> ROLE_SHIFT) as u8;
/// Punctuation after which a sentence may end (`.`, `!`, `?`, `…`, an ellipsis).
const ROLE_TERMINAL: u8 = (TERMINAL >> ROLE_SHIFT) as u8;
/// `,` `;` `:` `)` `]`: never opens a sentence.
const ROLE_JOINS: u8 = (JOINS >> ROLE_SHIFT) as u8;
/// A word or elision in ALL-CAPS: counts for a headline. The bit of [`ST_CAPS_ONE`].
const ROLE_CAPS: u8 = ST_CAPS_ONE as u8;
/// A word or elision of two letters or more not in ALL-CAPS: the sentence is no headline. The bit of
/// [`ST_NOT_CAPS`].
const ROLE_NOT_CAPS: u8 = ST_NOT_CAPS as u8;
const ROLE_SHIFT: u32 = CLOSING.trailing_zeros();

/// The headline bits of [`Scanned::role`] for a word or elision.
#[inline]
fn headline_role(shape: Shape, letters: usize) -> u8 {
    if shape == Shape::AllCaps {
        ROLE_CAPS
    } else if letters >= 2 {
        ROLE_NOT_CAPS
    } else {
        0
    }
}

/// The shape and headline role ([`headline_role`]) of a word of the fast path, indexed by the union of
/// the classes of its characters (`seen & ALNUM`, bits 0 to 2), whether its first letter is upper case
/// (bit 3) and whether it has two letters or more (bit 4): one lookup instead of a chain of tests.
static WORD_SHAPES: [(Shape, u8); 32] = word_shapes();

const fn word_shapes() -> [(Shape, u8); 32] {
    let mut table = [(Shape::Punct, 0u8); 32];
    let mut i = 0;
    while i < 32 {
        let seen = (i & 7) as u16;
        let (first_upper, many) = (i & 8 != 0, i & 16 != 0);
        let shape = if seen & LETTER == 0 {
            if seen & DIGIT != 0 {
                Shape::Digit
            } else {
                Shape::Punct
            }
        } else if first_upper {
            if seen & LOWER == 0 && many {
                Shape::AllCaps
            } else {
                Shape::Capitalized
            }
        } else if seen & UPPER != 0 {
            Shape::Mixed
        } else {
            Shape::Lower
        };
        let role = if matches!(shape, Shape::AllCaps) {
            ROLE_CAPS
        } else if many {
            ROLE_NOT_CAPS
        } else {
            0
        };
        table[i] = (shape, role);
        i += 1;
    }
    table
}

/// What starts at a position that is not an ASCII letter or digit, for the fast paths of the scanner.
enum Start {
    /// A word that starts with a Latin-1 letter: [`scan_plain_word`], with the class of the letter (UPPER
    /// or LOWER).
    Word(u16),
    /// One punctuation character that is a token by itself: its byte length and [`Scanned::role`].
    Punct(usize, u8),
    /// An apostrophe of this byte length, then `s` or `S` and no word character: the clitic `’s` if it is
    /// glued to a word ([`scan_general`] decides so), else [`scan_general`].
    Clitic(usize),
    /// Anything else: [`scan_general`].
    Other,
}

/// Which fast path, if any, takes the token at byte `pos` of `text`, whose first byte `b` (of class
/// `class`) is no ASCII letter or digit: the common punctuation and the words that start with a Latin-1
/// letter. Each decides exactly as [`scan_general`] would.
#[inline(always)]
fn start_other(text: &str, pos: usize, b: u8, class: u16) -> Start {
    let bytes = text.as_bytes();
    let (len, role) = if class & PUNCT != 0 {
        if b == b'.' && bytes.get(pos + 1) == Some(&b'.') && bytes.get(pos + 2) == Some(&b'.') {
            return Start::Other; // an ellipsis
        }
        (1, (class >> ROLE_SHIFT) as u8 & (ROLE_CLOSING | ROLE_TERMINAL | ROLE_JOINS))
    } else if b < 0x80 {
        // an apostrophe: `’s` may be a clitic; otherwise punctuation
        if class & SPACE != 0 {
            return Start::Other;
        }
        if matches!(bytes.get(pos + 1), Some(b's' | b'S')) {
            return clitic_at(text, pos, 1);
        }
        (1, (class >> ROLE_SHIFT) as u8 & ROLE_CLOSING)
    } else if let Some(&t) = bytes.get(pos + 1).filter(|&&t| b == 0xC3 && is_latin1_letter(t)) {
        // a Latin-1 letter never starts a URL or a combining sequence
        return Start::Word(LOWER << u16::from(t < 0x9F));
    } else if let Some(known) = common_punct(b, bytes.get(pos + 1).copied(), bytes.get(pos + 2).copied()) {
        known
    } else {
        // `•`, `·`: punctuation that is neither part of a word nor an apostrophe
        let Some(c) = char_at(text, pos) else { return Start::Other };
        // (`ʼ` is a letter)
        if is_word_char(c) {
            return Start::Other;
        }
        if is_apostrophe(c) {
            if matches!(bytes.get(pos + c.len_utf8()), Some(b's' | b'S')) {
                return clitic_at(text, pos, c.len_utf8());
            }
            return Start::Other;
        }
        let role = if is_closing(c) {
            ROLE_CLOSING
        } else if c == '…' {
            ROLE_TERMINAL
        } else {
            0
        };
        (c.len_utf8(), role)
    };
    // a stray combining mark after it joins the punctuation token (general path)
    if bytes.get(pos + len).is_some_and(|&n| n >= 0x80)
        && char_at(text, pos + len).is_some_and(|m| !m.is_ascii() && is_combining_mark(m))
    {
        return Start::Other;
    }
    Start::Punct(len, role)
}

/// The byte length and [`Scanned::role`] of the non-ASCII punctuation most common in news text (`«`, `»`,
/// `–`, `—`, `“`, `”`, `…`) from its bytes `b`, `b1`, `b2`, without the Unicode tables; `None` for any
/// other character.
#[inline]
fn common_punct(b: u8, b1: Option<u8>, b2: Option<u8>) -> Option<(usize, u8)> {
    match (b, b1, b2) {
        (0xC2, Some(0xAB), _) => Some((2, 0)),
        (0xC2, Some(0xBB), _) => Some((2, ROLE_CLOSING)),
        (0xE2, Some(0x80), Some(0x93 | 0x94 | 0x9C)) => Some((3, 0)),
        (0xE2, Some(0x80), Some(0x9D)) => Some((3, ROLE_CLOSING)),
        (0xE2, Some(0x80), Some(0xA6)) => Some((3, ROLE_TERMINAL)),
        _ => None,
    }
}

/// [`start_other`] at an apostrophe of `len` bytes followed by `s` or `S`: [`Start::Clitic`] unless a word
/// character follows.
#[inline(never)]
fn clitic_at(text: &str, pos: usize, len: usize) -> Start {
    if char_at(text, pos + len + 1).is_some_and(is_word_char) {
        Start::Other
    } else {
        Start::Clitic(len)
    }
}

/// A run of word characters, as [`scan_plain_word`] needs to know it.
struct Run {
    /// Byte offset of its end, and its length in code points.
    end: usize,
    cps: usize,
    /// Union of the classes of its characters: UPPER or LOWER for a letter, DIGIT for a digit (not a
    /// letter).
    seen: u16,
    letters: usize,
    /// Every character is numeric.
    numeric: bool,
    /// Byte length of the non-ASCII apostrophe (`’`, `‘`, `ʼ`) that ends it, 0 if none.
    apostrophe: usize,
    /// The class of the byte at `end`, 0 at the end of the text; FOLLOW also for a non-ASCII apostrophe.
    next: u16,
}

/// The run of word characters at `start`, for [`scan_plain_word`]; `None` if it ends at a character the
/// general scanner must see (`´`, `′`, `‐`, `‑`). ASCII and Latin-1 letters are scanned here, the rest by
/// [`unicode_run`]: kept out of line, its counters do not take registers from the ASCII loop.
/// `first`: the class of the first character, an ASCII letter or digit, or a Latin-1 letter (UPPER or
/// LOWER with HIGH); it is taken as read.
#[inline(always)]
fn word_run(text: &str, start: usize, first: u16) -> Option<Run> {
    let bytes = text.as_bytes();
    // Latin-1 letters: two bytes, one code point and one letter each
    let mut latin1 = usize::from(first & HIGH != 0);
    let mut i = start + 1 + latin1;
    // union of the classes of the ASCII letters and digits, and of the Latin-1 letters (UPPER or LOWER)
    let mut seen = first & ALNUM;
    // `’` or `‘` after the word (`l’`, `aujourd’hui`): 3 bytes, looked at as FOLLOW
    let mut apostrophe = 0;
    let next = loop {
        // lower-case ASCII letters, the most of most words, eight at a time
        let lower_start = i;
        i = lower_run(bytes, i);
        if i > lower_start {
            seen |= LOWER;
        }
        let Some(&b) = bytes.get(i) else { break 0 };
        let class = BYTE_CLASS[b as usize];
        if class & ALNUM != 0 {
            seen |= class;
            i += 1;
            continue;
        }
        if class & HIGH == 0 {
            break class;
        }
        match bytes.get(i + 1) {
            Some(&t) if b == 0xC3 && is_latin1_letter(t) => {
                seen |= LOWER << u16::from(t < 0x9F);
                latin1 += 1;
                i += 2;
            }
            Some(0x80) if b == 0xE2 && matches!(bytes.get(i + 2), Some(0x98 | 0x99)) => {
                apostrophe = 3;
                break FOLLOW;
            }
            _ => return unicode_run(text, start, i, seen, latin1),
        }
    };
    let cps = i - start - latin1;
    let letters = if seen & DIGIT == 0 {
        cps
    } else {
        latin1 + bytes[start..i].iter().filter(|b| b.is_ascii_alphabetic()).count()
    };
    Some(Run { end: i, cps, seen, letters, numeric: seen & LETTER == 0, apostrophe, next })
}

/// The end of the run of lower-case ASCII letters that starts at byte `i` of `bytes`. Several bytes at a
/// time, tested together: a word has most often a few lower-case letters, which a byte loop spends some ten
/// instructions each on.
///
/// On x86-64, sixteen bytes at a time with SSE2 (part of the architecture): fewer instructions than eight
/// with the word arithmetic of [`lower_run_words`], and its two constants live in vector registers, so
/// that the loops of the scanner keep their general registers (with the three 64-bit constants of the
/// word arithmetic, they spilled their state to the stack). The last fifteen bytes of a text are tested
/// one by one.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn lower_run(bytes: &[u8], mut i: usize) -> usize {
    use std::arch::x86_64::{_mm_add_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8};
    while let Some(chunk) = bytes.get(i..i + 16) {
        // a byte from `a` to `z` plus 0x1F is 0x80 to 0x99, -128 to -103 as a signed byte; any other byte
        // gives -102 or more (0x9A to 0xFF and 0x00 to 0x7F, as the sum wraps)
        // SAFETY: `chunk` has the 16 bytes read (an unaligned load), and SSE2 is part of x86-64.
        let lower = unsafe {
            let x = _mm_loadu_si128(chunk.as_ptr().cast());
            let shifted = _mm_add_epi8(x, _mm_set1_epi8(0x80u8.wrapping_sub(b'a') as i8));
            _mm_movemask_epi8(_mm_cmplt_epi8(shifted, _mm_set1_epi8((0x80u8 + 26) as i8)))
        };
        // (the bits above the sixteen of the mask are 0: once inverted, the first 1 is the first other byte)
        if lower != 0xFFFF {
            return i + (!lower).trailing_zeros() as usize;
        }
        i += 16;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_lowercase) {
        i += 1;
    }
    i
}

/// [`lower_run`] on other architectures: eight bytes at a time in a 64-bit word.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn lower_run(bytes: &[u8], i: usize) -> usize {
    lower_run_words(bytes, i)
}

/// [`lower_run`] with eight bytes at a time in a 64-bit word (no vector instructions); the reference of
/// the tests on x86-64.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline(always)]
fn lower_run_words(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOP: u64 = 0x80 * ONES;
    while let Some(chunk) = bytes.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let x = u64::from_le_bytes(chunk);
        // with its top bit set, each byte minus `a` (minus `{`) keeps its top bit when the low seven bits are
        // `a` or more (`{` or more), and never borrows from the next byte
        let t = x | TOP;
        let lower = t.wrapping_sub(ONES * b'a' as u64) & !t.wrapping_sub(ONES * b'{' as u64) & !x & TOP;
        let stop = !lower & TOP;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_lowercase) {
        i += 1;
    }
    i
}

/// [`word_run`] once a non-ASCII byte other than a Latin-1 letter is met at `i`; `ascii`: the classes seen
/// since `start`, `latin1` the Latin-1 letters.
#[inline(never)]
fn unicode_run(text: &str, start: usize, mut i: usize, mut ascii: u16, latin1: usize) -> Option<Run> {
    let bytes = text.as_bytes();
    // union of the classes of the other characters
    let mut other = 0u16;
    // of the non-ASCII characters: how many, their bytes, their letters, whether all are numeric
    let (mut chars, mut char_bytes, mut char_letters, mut numeric) = (latin1, 2 * latin1, latin1, latin1 == 0);
    let mut apostrophe = 0;
    loop {
        while let Some(&b) = bytes.get(i) {
            let class = BYTE_CLASS[b as usize];
            if class & ALNUM == 0 {
                break;
            }
            ascii |= class;
            i += 1;
        }
        let Some(&b) = bytes.get(i) else { break };
        if b < 0x80 {
            break; // an ASCII apostrophe included: the caller sees it
        }
        let (len, class) = match bytes.get(i + 1) {
            Some(&t) if b == 0xC3 && is_latin1_letter(t) => {
                numeric = false;
                (2, if t < 0x9F { UPPER } else { LOWER })
            }
            // `’` and `‘`, the apostrophes of most French text (`l’`, `aujourd’hui`), without the Unicode
            // tables: no word character
            Some(0x80) if b == 0xE2 && matches!(bytes.get(i + 2), Some(0x98 | 0x99)) => {
                apostrophe = 3;
                break;
            }
            _ => {
                let ch = char_at(text, i)?;
                if !is_word_char(ch) || is_ideographic(ch) {
                    if matches!(ch, '\u{2019}' | '\u{2018}' | '\u{02BC}') {
                        apostrophe = ch.len_utf8();
                    } else if is_apostrophe(ch) || matches!(ch, '\u{2010}' | '\u{2011}') {
                        // `´` and `′` end the word in the general scanner too; rare enough to leave to it
                        return None;
                    }
                    break;
                }
                numeric &= ch.is_numeric();
                let class = match (ch.is_alphabetic(), ch.is_uppercase()) {
                    (true, true) => UPPER,
                    (true, false) => LOWER,
                    (false, _) if ch.is_numeric() => DIGIT,
                    (false, _) => 0,
                };
                (ch.len_utf8(), class)
            }
        };
        other |= class;
        chars += 1;
        char_bytes += len;
        char_letters += usize::from(class & LETTER != 0);
        i += len;
    }
    let ascii_len = i - start - char_bytes;
    let ascii_letters =
        if ascii & DIGIT == 0 { ascii_len } else { bytes[start..i].iter().filter(|b| b.is_ascii_alphabetic()).count() };
    Some(Run {
        end: i,
        cps: ascii_len + chars,
        seen: ascii | other,
        letters: ascii_letters + char_letters,
        numeric: numeric && ascii & LETTER == 0,
        apostrophe,
        // a non-ASCII apostrophe is looked at as the ASCII one
        next: bytes.get(i).map_or(0, |&b| BYTE_CLASS[b as usize]) | if apostrophe > 0 { FOLLOW } else { 0 },
    })
}

/// The fast path of [`scan_word`] for a word at byte `start` of `text`: a run of word characters ended by
/// a character that none of the refinements looks at (space, most punctuation), an elision (`l’`, `qu'`),
/// an abbreviation (`M.`), or one of the compounds of [`hyphenated`], [`separated_number`] and
/// [`joined_at_apostrophe`]. Returns `None` whenever the general scanner might decide differently (`@`, a
/// period before a letter, a hyphen before a character other than an ASCII or Latin-1 letter or digit, an
/// ideograph…); then [`scan_word`] runs as usual. The caller has checked that the word does not start a
/// URL. `first`: the class of its first character, UPPER or LOWER for a letter, DIGIT for a digit, with
/// HIGH if it is a Latin-1 letter.
///
/// The shape comes from the union of the classes of the characters, gathered on the way: no counting per
/// ASCII byte, as a word of ASCII letters has as many letters as bytes.
#[inline(always)]
fn scan_plain_word(text: &str, start: usize, first: u16) -> Option<Scanned> {
    let run = word_run(text, start, first)?;
    let (i, cps, seen, letters) = (run.end, run.cps, run.seen, run.letters);
    let kind = if run.numeric { TokenKind::Number } else { TokenKind::Word };
    if run.next & (FOLLOW | COMMA) != 0
        && (run.next & FOLLOW != 0 || text.as_bytes().get(i + 1).is_some_and(u8::is_ascii_digit))
    {
        return after_word(text, start, first, i, cps, seen, letters, kind, run.apostrophe);
    }
    let (shape, role) = word_shape(text, start, i, first, seen, letters);
    Some(Scanned { end: i as u32, kind, shape, role })
}

/// The shape and headline role of the word `start..end` of the fast path, from the class of its first
/// character (`first`), the union of the classes of its characters (`seen`) and its number of letters.
#[inline(always)]
fn word_shape(text: &str, start: usize, end: usize, first: u16, seen: u16, letters: usize) -> (Shape, u8) {
    // the first character is the first letter unless it is a digit
    let first_upper = if first & LETTER != 0 {
        first & UPPER != 0
    } else {
        seen & LETTER != 0 && first_letter_upper(text, start, end)
    };
    WORD_SHAPES[usize::from(seen & ALNUM) | usize::from(first_upper) << 3 | usize::from(letters >= 2) << 4]
}

/// [`scan_plain_word`] when the run `start..i` (`cps` code points, `letters` letters, classes `seen`,
/// first character of class `first`) is followed by a byte of class FOLLOW, a comma before a digit or a
/// non-ASCII apostrophe of `apostrophe` bytes: the token, or `None` when the general scanner must decide.
/// Out of line: most words end at a space.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn after_word(
    text: &str,
    start: usize,
    first: u16,
    i: usize,
    cps: usize,
    seen: u16,
    letters: usize,
    kind: TokenKind,
    apostrophe: usize,
) -> Option<Scanned> {
    let bytes = text.as_bytes();
    let digit_after = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
    let (end, kind) = match bytes.get(i).copied() {
        Some(b'\'') => match after_apostrophe(text, start, i, 1, kind) {
            Some(token) => token,
            None => return joined_at_apostrophe(text, start, first, i + 1, seen, letters),
        },
        Some(0x80..) if apostrophe > 0 => match after_apostrophe(text, start, i, apostrophe, kind) {
            Some(token) => token,
            None => return joined_at_apostrophe(text, start, first, i + apostrophe, seen, letters),
        },
        Some(b'-') => return hyphenated(text, start, first, i, cps, seen, letters),
        // `1,5`, `3.000`: ASCII digits only, as the general scanner joins digits to a word
        Some(b'.' | b',') if digit_after && seen & ALNUM == DIGIT && cps == i - start => {
            return separated_number(text, i)
        }
        // part of an e-mail address
        Some(b'@' | b'_' | b'%' | b'+') => return None,
        Some(b',') if digit_after => return None,
        Some(b'.') => after_period(text, start, i, cps, kind)?,
        _ => (i, kind),
    };
    let (shape, role) = word_shape(text, start, i, first, seen, letters);
    let role = if matches!(kind, TokenKind::Word | TokenKind::Elision) { role } else { 0 };
    Some(Scanned { end: end as u32, kind, shape, role })
}

/// Whether a compound word ([`hyphenated`], [`separated_number`]) that reaches byte `i` ends there for the
/// general scanner as well: the byte after it is none of those that would join on, start an e-mail
/// address or need a decision of their own (`.` before a word character, `,` before a digit, an
/// apostrophe, a non-ASCII character).
#[inline]
fn compound_ends_at(bytes: &[u8], i: usize) -> bool {
    let Some(&b) = bytes.get(i) else { return true };
    let class = BYTE_CLASS[b as usize];
    if class & (ALNUM | HIGH | FOLLOW | COMMA) == 0 {
        return b != b'`';
    }
    let after = bytes.get(i + 1).copied();
    match b {
        b'.' => !after.is_some_and(|a| a >= 0x80 || a.is_ascii_alphanumeric() || b"._%+-@".contains(&a)),
        b',' => !after.is_some_and(|a| a.is_ascii_digit()),
        _ => false,
    }
}

/// [`after_word`] at a hyphen after the run `start..i`: a compound of word runs joined by hyphens
/// (`Jean-Pierre`, `Aix-en-Provence`, `1990-2000`), split as [`scan_word`] does before a participle or a
/// dash clitic after a capitalized word (`Geneva-based`, `Chirac-qui`). `None` unless every part starts
/// with an ASCII letter or digit or a Latin-1 letter and the compound ends at a byte of
/// [`compound_ends_at`].
#[inline(never)]
fn hyphenated(
    text: &str,
    start: usize,
    first: u16,
    mut i: usize,
    mut cps: usize,
    mut seen: u16,
    mut letters: usize,
) -> Option<Scanned> {
    let bytes = text.as_bytes();
    // `scan_word` asks whether the first character is upper case
    let starts_upper = first & UPPER != 0;
    // where a participle or dash clitic ends the word: its end, code points, classes and letters there
    let mut split = None;
    while bytes.get(i) == Some(&b'-') {
        let part_first = match bytes.get(i + 1) {
            Some(&b) if BYTE_CLASS[b as usize] & ALNUM != 0 => BYTE_CLASS[b as usize],
            Some(&0xC3) => match bytes.get(i + 2) {
                Some(&t) if is_latin1_letter(t) => LOWER << u16::from(t < 0x9F) | HIGH,
                _ => return None,
            },
            _ => return None,
        };
        let part = word_run(text, i + 1, part_first)?;
        if starts_upper && split.is_none() {
            // the part is not followed by an apostrophe (`compound_ends_at`, or another hyphen)
            let word = &text[i + 1..part.end];
            if abbrev::is_compound_participle(word) || abbrev::is_dash_clitic(word, false) {
                split = Some((i, cps, seen, letters));
            }
        }
        cps += 1 + part.cps;
        seen |= part.seen;
        letters += part.letters;
        i = part.end;
    }
    if !compound_ends_at(bytes, i) {
        return None;
    }
    let (end, _, seen, letters) = split.unwrap_or((i, cps, seen, letters));
    let (shape, role) = word_shape(text, start, end, first, seen, letters);
    Some(Scanned { end: end as u32, kind: TokenKind::Word, shape, role })
}

/// [`after_word`] at a period or comma between ASCII digits after the ASCII digits ending at `i`: a number
/// such as `1,5`, `3.000` or `1.234,5`; `None` unless it ends at a byte of [`compound_ends_at`] after a
/// digit.
#[inline(never)]
fn separated_number(text: &str, mut i: usize) -> Option<Scanned> {
    let bytes = text.as_bytes();
    while matches!(bytes.get(i), Some(b'.' | b',')) && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    // not even before a letter, which joins on in the general scanner
    if !compound_ends_at(bytes, i) {
        return None;
    }
    Some(Scanned { end: i as u32, kind: TokenKind::Number, shape: Shape::Digit, role: 0 })
}

/// [`after_word`] when [`after_apostrophe`] joins the run after the apostrophe to the word (`aujourd’hui`,
/// `O'Brien`, `don't`): `start..i` is the word up to the apostrophe included; the token if it ends after
/// that run at a byte of [`compound_ends_at`], else `None`.
#[inline(never)]
fn joined_at_apostrophe(text: &str, start: usize, first: u16, i: usize, seen: u16, letters: usize) -> Option<Scanned> {
    let bytes = text.as_bytes();
    let part_first = match bytes.get(i) {
        Some(&b) if BYTE_CLASS[b as usize] & ALNUM != 0 => BYTE_CLASS[b as usize],
        Some(&0xC3) => match bytes.get(i + 1) {
            Some(&t) if is_latin1_letter(t) => LOWER << u16::from(t < 0x9F) | HIGH,
            _ => return None,
        },
        _ => return None,
    };
    let part = word_run(text, i, part_first)?;
    if !compound_ends_at(bytes, part.end) {
        return None;
    }
    let (end, seen, letters) = (part.end, seen | part.seen, letters + part.letters);
    let (shape, role) = word_shape(text, start, end, first, seen, letters);
    Some(Scanned { end: end as u32, kind: TokenKind::Word, shape, role })
}

/// [`scan_plain_word`] when the run `start..i` is followed by an apostrophe of `len` bytes: the end and
/// kind of the token, as `scan_word` decides at an apostrophe after the first run of a word; `None` when
/// the general scanner joins the next run to the word.
#[inline]
fn after_apostrophe(text: &str, start: usize, i: usize, len: usize, kind: TokenKind) -> Option<(usize, TokenKind)> {
    let next = char_at(text, i + len);
    if !next.is_some_and(|n| is_word_char(n) && !is_ideographic(n)) {
        // a closing quote: the word ends before it
        return Some((i, kind));
    }
    // `l’ONU` → `l’` + `ONU`; but `N’Djamena` is one name
    let name_prefix = &text[start..i] == "N" && next.is_some_and(char::is_uppercase);
    if !name_prefix && is_elision(&text[start..i]) {
        return Some((i + len, TokenKind::Elision));
    }
    // `Russia’s` ends before `’s`; `aujourd’hui`, `O'Brien` are joined on by the general path
    if matches!(next, Some('s' | 'S')) && !char_at(text, i + len + 1).is_some_and(is_word_char) {
        return Some((i, kind));
    }
    None
}

/// [`scan_plain_word`] when the run `start..i` of `cps` code points is followed by a period: an
/// abbreviation takes it (`M.`, `Dr.`); `None` when the general scanner must decide (`3.000`, `U.S.`,
/// `a.b@c.fr`, `Hello...`).
#[inline]
fn after_period(text: &str, start: usize, i: usize, cps: usize, kind: TokenKind) -> Option<(usize, TokenKind)> {
    let after = text.as_bytes().get(i + 1).copied();
    if after.is_some_and(|a| a >= 0x80 || a.is_ascii_alphanumeric() || b"._%+-@".contains(&a)) {
        return None;
    }
    let w = &text[start..i];
    let single_capital = cps == 1 && w.starts_with(char::is_uppercase);
    if single_capital || is_abbreviation(w) {
        Some((i + 1, TokenKind::Abbreviation))
    } else {
        Some((i, kind))
    }
}

/// Scans a word starting at the cursor and returns its kind.
fn scan_word(cur: &mut Cursor<'_>) -> TokenKind {
    let word_start = cur.pos;
    if let Some(n) = email_len(cur.rest()) {
        if cur.rest()[..n].contains('@') {
            cur.advance_to(word_start + n);
            return TokenKind::Email;
        }
    }
    let first = cur.peek();
    if first.is_some_and(is_ideographic) {
        cur.bump();
        return TokenKind::Word;
    }
    cur.eat_word_run();
    let mut hyphenated = false;
    let mut dotted = false;
    while let Some(c) = cur.peek() {
        let next = cur.peek2();
        let next_is_word = next.is_some_and(|n| is_word_char(n) && !is_ideographic(n));
        if is_apostrophe(c) && c != '`' && c != '\u{00B4}' && c != '\u{2032}' {
            if !next_is_word {
                break;
            }
            let so_far = &cur.text[word_start..cur.pos];
            let next_upper = next.is_some_and(char::is_uppercase);
            // N’Djamena, N’Golo: a capital N before a capital is part of the name, not `ne`.
            let name_prefix = so_far == "N" && next_upper;
            if !hyphenated && !name_prefix && is_elision(so_far) {
                cur.bump();
                return TokenKind::Elision;
            }
            // English possessive / clitic: `Russia’s` → `Russia` + `’s`.
            if matches!(next, Some('s') | Some('S')) && !cur.peek3().is_some_and(is_word_char) {
                break;
            }
            cur.bump();
            cur.eat_word_run();
            continue;
        }
        if (c == '-' || c == '\u{2010}' || c == '\u{2011}') && next_is_word {
            // `Geneva-based`, `Moscow-backed`: a name before a participle is still a name (DESIGN §3),
            // so the compound is split there.
            let after = &cur.rest()[c.len_utf8()..];
            let part_len = after.find(|ch: char| !is_word_char(ch)).unwrap_or(after.len());
            let starts_upper = cur.text[word_start..].starts_with(char::is_uppercase);
            if starts_upper && abbrev::is_compound_participle(&after[..part_len]) {
                break;
            }
            // `Chirac-qui accompagnait`, `Chirac-n’a`: a dash of incise glued to the name by OCR
            let elided = after[part_len..].starts_with(is_apostrophe);
            if starts_upper && abbrev::is_dash_clitic(&after[..part_len], elided) {
                break;
            }
            cur.bump();
            cur.eat_word_run();
            hyphenated = true;
            continue;
        }
        if (c == '.' || c == ',') && next.is_some_and(|n| n.is_ascii_digit()) {
            let last = cur.text[word_start..cur.pos].chars().next_back();
            if last.is_some_and(|l| l.is_ascii_digit()) {
                cur.bump();
                cur.eat_word_run();
                continue;
            }
        }
        if c == '.' && next.is_some_and(char::is_alphabetic) && cur.peek3() == Some('.') {
            // dotted acronym: the segment before the period is one letter (U.S., a.m.)
            let seg_start = cur.text[word_start..cur.pos].rfind('.').map(|i| word_start + i + 1).unwrap_or(word_start);
            if cur.text[seg_start..cur.pos].chars().count() == 1 {
                cur.bump();
                cur.bump();
                dotted = true;
                continue;
            }
        }
        break;
    }
    let word = &cur.text[word_start..cur.pos];
    if cur.peek() == Some('.') {
        let single_capital = {
            let mut it = word.chars();
            matches!((it.next(), it.next()), (Some(c), None) if c.is_uppercase())
        };
        if dotted || single_capital || is_abbreviation(word) {
            cur.bump();
            return TokenKind::Abbreviation;
        }
    }
    if dotted {
        return TokenKind::Abbreviation;
    }
    if word.chars().all(|c| c.is_numeric() || c == '.' || c == ',') {
        return TokenKind::Number;
    }
    TokenKind::Word
}

/// Splits `text` into tokens and sentences. Never fails and never panics, whatever the input.
pub fn tokenize(text: &str) -> Tokenized<'_> {
    tokenize_with::<true>(text)
}

// The state of the scan between two tokens, as bits of one word so that it stays in a register.
/// White space (or the start of the text) precedes the next token.
const ST_SPACE: u32 = 1;
/// A line break precedes the next token: it starts a sentence.
const ST_NEWLINE: u32 = 1 << 1;
/// The previous token may end a sentence (., !, ?, …), possibly followed by closing quotes.
const ST_TERMINAL: u32 = 1 << 2;
/// The sentence has had a word-like token.
const ST_SEEN_WORD: u32 = 1 << 3;
/// The sentence has had one ALL-CAPS word or more, two or more: the count [`is_headline`] needs.
const ST_CAPS_ONE: u32 = 1 << 4;
const ST_CAPS_TWO: u32 = 1 << 5;
/// The sentence has a word of two letters or more not in ALL-CAPS: it is no headline.
const ST_NOT_CAPS: u32 = 1 << 6;
/// What a new sentence starts without.
const ST_SENTENCE: u32 = ST_SEEN_WORD | ST_CAPS_ONE | ST_CAPS_TWO | ST_NOT_CAPS;

/// [`is_headline`] of the sentence that ends, from its state bits.
fn headline_of(state: u32) -> bool {
    state & ST_NOT_CAPS == 0 && state & ST_CAPS_TWO != 0
}

/// Closes the sentence of tokens `start..end`.
#[inline(never)]
fn push_sentence(sentences: &mut Vec<Sentence>, start: usize, end: usize, state: u32) {
    sentences.push(Sentence { start, end, headline: headline_of(state) });
}

/// The state after a word one space after a word, of headline role `role`: no sentence starts there and
/// the state has only its headline bits to change.
#[inline(always)]
fn next_word_state(state: u32, role: u8) -> u32 {
    let role = u32::from(role);
    state | role | ((state & role & ST_CAPS_ONE) << 1)
}

/// The tokens and sentences found so far (the position and the `ST_*` state of the scan are locals of
/// [`tokenize_with`], passed to the `push` methods, which return the new state).
struct Builder {
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    /// `sentences.len()`, the sentence of the next token, kept apart so that a token is written without
    /// reading the vector.
    sentence: u32,
    /// The first token of the sentence under way.
    begin: usize,
}

impl Builder {
    /// Closes the sentence under way before the next token.
    #[inline(always)]
    fn close_sentence(&mut self, state: u32) {
        let end = self.tokens.len();
        push_sentence(&mut self.sentences, self.begin, end, state);
        self.begin = end;
        self.sentence += 1;
    }

    /// Adds the token the scanner found at the position, deciding whether it starts a sentence.
    /// Inlined into each fast path, where much of the token is known in advance.
    #[inline(always)]
    fn push<const FAST: bool>(&mut self, pos: usize, mut state: u32, scanned: Scanned) -> u32 {
        let (role, shape, kind) = (scanned.role, scanned.shape, scanned.kind);
        // sentence boundary before this token?
        if state & (ST_NEWLINE | ST_TERMINAL) != 0
            && !self.tokens.is_empty()
            && (state & ST_NEWLINE != 0
                || (role & (ROLE_CLOSING | ROLE_JOINS) == 0 && !matches!(shape, Shape::Lower | Shape::Mixed)))
        {
            self.close_sentence(state);
            state &= !ST_SENTENCE;
        }
        if FAST {
            if role & ROLE_CAPS != 0 {
                state |= if state & ST_CAPS_ONE != 0 { ST_CAPS_TWO } else { ST_CAPS_ONE };
            }
            if role & ROLE_NOT_CAPS != 0 {
                state |= ST_NOT_CAPS;
            }
        }
        let wordlike = kind != TokenKind::Punct;
        let sent_start = wordlike && state & ST_SEEN_WORD == 0;
        if wordlike {
            state |= ST_SEEN_WORD;
        }
        self.tokens.push(Token {
            start: pos as u32,
            end: scanned.end,
            sentence: self.sentence,
            shape,
            kind,
            space_before: state & ST_SPACE != 0,
            sent_start,
        });
        if role & ROLE_TERMINAL != 0 {
            state |= ST_TERMINAL;
        } else if role & ROLE_CLOSING == 0 {
            state &= !ST_TERMINAL;
        }
        state & !(ST_SPACE | ST_NEWLINE)
    }

    /// [`Builder::push`] for a word of the fast path ([`scan_plain_word`]), with what is known of a word:
    /// it is word-like, has no part in the end of a sentence, and its role has only the headline bits.
    #[inline(always)]
    fn push_word(&mut self, pos: usize, mut state: u32, word: Scanned) -> u32 {
        if state & (ST_NEWLINE | ST_TERMINAL) != 0
            && !self.tokens.is_empty()
            && (state & ST_NEWLINE != 0 || !matches!(word.shape, Shape::Lower | Shape::Mixed))
        {
            self.close_sentence(state);
            state &= !ST_SENTENCE;
        }
        // ROLE_CAPS sets ST_CAPS_ONE, or ST_CAPS_TWO after it; ROLE_NOT_CAPS sets ST_NOT_CAPS: without branches
        state = next_word_state(state, word.role);
        self.tokens.push(Token {
            start: pos as u32,
            end: word.end,
            sentence: self.sentence,
            shape: word.shape,
            kind: word.kind,
            space_before: state & ST_SPACE != 0,
            sent_start: state & ST_SEEN_WORD == 0,
        });
        (state | ST_SEEN_WORD) & !(ST_SPACE | ST_NEWLINE | ST_TERMINAL)
    }

    /// [`Builder::push`] for one punctuation character of `len` bytes ([`Start::Punct`]), `role` its
    /// ROLE_CLOSING, ROLE_TERMINAL and ROLE_JOINS bits.
    #[inline(always)]
    fn push_punct(&mut self, pos: usize, mut state: u32, len: usize, role: u8) -> u32 {
        if state & (ST_NEWLINE | ST_TERMINAL) != 0
            && !self.tokens.is_empty()
            && (state & ST_NEWLINE != 0 || role & (ROLE_CLOSING | ROLE_JOINS) == 0)
        {
            self.close_sentence(state);
            state &= !ST_SENTENCE;
        }
        let end = pos + len;
        self.tokens.push(Token {
            start: pos as u32,
            end: end as u32,
            sentence: self.sentence,
            shape: Shape::Punct,
            kind: TokenKind::Punct,
            space_before: state & ST_SPACE != 0,
            sent_start: false,
        });
        if role & ROLE_TERMINAL != 0 {
            state |= ST_TERMINAL;
        } else if role & ROLE_CLOSING == 0 {
            state &= !ST_TERMINAL;
        }
        state & !(ST_SPACE | ST_NEWLINE)
    }
}

/// [`tokenize`], with or without the fast paths ([`start_other`], [`scan_plain_word`], the headline test
/// while scanning); the tests check that both agree, so the general path stays the reference of what a
/// token is.
///
/// The position is kept in locals, not in a [`Cursor`], and the state in one word, so that they stay in
/// registers on the fast path.
fn tokenize_with<const FAST: bool>(text: &str) -> Tokenized<'_> {
    if text.len() > MAX_TEXT_BYTES {
        return Tokenized { text, tokens: Vec::new(), sentences: Vec::new() };
    }
    let bytes = text.as_bytes();
    let mut b = Builder {
        // news text has about 5 bytes per token (a little less in half the documents) and some 60 to 130
        // per sentence: one allocation each, without the copies of a growing vector (room reserved and
        // never written costs no memory)
        tokens: Vec::with_capacity(text.len() / 4 + 1),
        sentences: Vec::with_capacity(text.len() / 48 + 1),
        sentence: 0,
        begin: 0,
    };
    // byte offset of the scan, and the `ST_*` bits: locals, so that they stay in registers
    let (mut pos, mut state) = (0, ST_SPACE);
    loop {
        // white space: most often one space before an ASCII letter; otherwise ASCII by table, the rest
        // (rare) out of line. `next`: the byte after it, for the fast path.
        let next;
        if let Some(&[b' ', n]) = bytes.get(pos..pos + 2).filter(|s| BYTE_CLASS[s[1] as usize] & ALNUM != 0) {
            pos += 1;
            state |= ST_SPACE;
            next = Some(n);
        } else {
            let mut blank = 0u16;
            while let Some(&byte) = bytes.get(pos) {
                let class = BYTE_CLASS[byte as usize];
                if class & SPACE == 0 {
                    break;
                }
                blank |= class;
                pos += 1;
            }
            if bytes.get(pos).is_some_and(|&byte| may_start_space(byte)) {
                (pos, blank) = skip_space(text, pos, blank);
            }
            if blank != 0 {
                state |= ST_SPACE;
            }
            if blank & NEWLINE != 0 {
                state |= ST_NEWLINE;
            }
            next = bytes.get(pos).copied();
        }
        if FAST {
            let Some(first) = next else { break };
            let class = BYTE_CLASS[first as usize];
            let word = if class & ALNUM != 0 {
                (!(class & URL_START != 0 && starts_url(&text[pos..]))).then_some(class)
            } else {
                match start_other(text, pos, first, class) {
                    Start::Word(letter) => Some(letter | HIGH),
                    Start::Punct(len, role) => {
                        state = b.push_punct(pos, state, len, role);
                        pos += len;
                        continue;
                    }
                    // the clitic of `Russia’s`: glued to a word-like token, as `scan_general` wants it
                    Start::Clitic(len) if state & ST_SPACE == 0 && b.tokens.last().is_some_and(Token::is_wordlike) => {
                        let shape = if bytes[pos + len] == b's' { Shape::Lower } else { Shape::Capitalized };
                        let (end, kind) = ((pos + len + 1) as u32, TokenKind::Clitic);
                        state = b.push::<FAST>(pos, state, Scanned { end, kind, shape, role: 0 });
                        pos = end as usize;
                        continue;
                    }
                    Start::Clitic(_) | Start::Other => None,
                }
            };
            if let Some(word) = word.and_then(|first| scan_plain_word(text, pos, first)) {
                let end = word.end as usize;
                state = b.push_word(pos, state, word);
                pos = end;
                (pos, state) = tokens_after_word(text, &mut b, pos, state);
                continue;
            }
        }
        let mut cur = Cursor { text, pos };
        match scan_general::<FAST>(&mut cur, state & ST_SPACE != 0, b.tokens.last()) {
            Some(scanned) => {
                let end = scanned.end as usize;
                state = b.push::<FAST>(pos, state, scanned);
                pos = end;
            }
            None => break, // the end of the text
        }
    }
    if !b.tokens.is_empty() {
        b.close_sentence(state);
    }
    let Builder { tokens, mut sentences, .. } = b;
    if !FAST {
        for s in &mut sentences {
            s.headline = is_headline(text, &tokens[s.start..s.end]);
        }
    }
    Tokenized { text, tokens, sentences }
}

/// The tokens that follow a word up to where a sentence might end, from byte `pos` (after that word) on:
/// the words of [`simple_word`] (but those that may be a URL), the elisions of one letter and `qu` before
/// a word, and the ASCII punctuation that cannot end a sentence (`,`, `(`, `"`…), one space apart or none;
/// and a word and the period after it when the period is a token of its own. Most of a sentence, with
/// less to decide than [`tokenize_with`]'s loop: no sentence starts there (no terminal punctuation but
/// that period, no line break), the state has only its headline bits to change (and ST_TERMINAL after
/// the period). After the period, the loop stops, unless one space and a capital follow
/// ([`capital_after_space`]): then the sentence ends there whatever the next token is, and the loop
/// closes it and goes on with the next (returning to the caller there cost more than closing the
/// sentence here). Returns the position and state after the last token; stops before anything else,
/// which the caller's loop takes as usual.
///
/// Out of line and with no call in the loop (but at the end of a sentence), with the tokens written into
/// the room reserved in the vector (the loop stops when it is full) rather than pushed, and the headline
/// roles gathered in one byte, so that the few values the loop needs stay in registers.
#[inline(never)]
fn tokens_after_word(text: &str, b: &mut Builder, mut pos: usize, state: u32) -> (usize, u32) {
    let bytes = text.as_bytes();
    let Builder { tokens, sentences, sentence: sentence_out, begin } = b;
    let mut sentence = *sentence_out;
    // the tokens of the sentence under way written before this call or committed at a sentence end, and
    // the state after them (its headline bits): the roles of those written since are gathered in `roles`
    let (mut len, mut before) = (tokens.len(), state);
    // the first token of the sentence under way, when it started in this loop: it is written without
    // `sent_start`, set when the written tokens are committed
    let mut first = None;
    let room = tokens.spare_capacity_mut();
    let mut room_len = room.len();
    let mut slots = room.iter_mut();
    // the union of the roles of the tokens written (the count of ALL-CAPS words is made at the end, in
    // the rare case it matters), and whether the last is a period that may end the sentence
    let (mut roles, mut terminal) = (0u8, false);
    // (one bounds check for the byte at `pos` and the next, the first of the token after a space; the last
    // token of the text, if glued to the one before, is left to the caller)
    while let Some(&[b, after]) = bytes.get(pos..pos + 2) {
        let space = b == b' ';
        let (start, n) = if space { (pos + 1, after) } else { (pos, b) };
        let class = BYTE_CLASS[n as usize];
        // (a word that may be a URL goes the long way)
        let word = if class & PLAIN_START != 0 || class & URL_START != 0 && !may_start_url(bytes, start) {
            Some(simple_word::<false>(bytes, start, class))
        } else {
            match bytes.get(start + 1) {
                Some(&t) if n == 0xC3 && is_latin1_letter(t) => {
                    Some(simple_word::<true>(bytes, start, LOWER << u16::from(t < 0x9F) | HIGH))
                }
                _ => None,
            }
        };
        let (token, role) = if let Some(word) = word {
            let Some((word, after)) = word else { break };
            let mut token = Token {
                start: start as u32,
                end: word.end,
                sentence,
                shape: word.shape,
                kind: word.kind,
                space_before: space,
                sent_start: false,
            };
            if after != AFTER_NOTHING {
                let end = word.end as usize;
                if after == b'.' {
                    // the end of a sentence: the word and the period, then the caller's loop
                    if !period_ends_word(bytes, start, end) || slots.len() < 2 {
                        break;
                    }
                    let period = Token {
                        start: end as u32,
                        end: end as u32 + 1,
                        shape: Shape::Punct,
                        kind: TokenKind::Punct,
                        space_before: false,
                        ..token
                    };
                    roles |= word.role;
                    terminal = true;
                    if let Some(slot) = slots.next() {
                        slot.write(token);
                    }
                    if let Some(slot) = slots.next() {
                        slot.write(period);
                    }
                    pos = end + 1;
                    // one space, then a capital: whatever token comes next, the caller's loop would close the
                    // sentence before it and make it the start of the next one; that is done here, and the
                    // loop goes on (the next token is its first, whose `sent_start` is set once written)
                    if !capital_after_space(bytes, pos) {
                        break;
                    }
                    let written = room_len - slots.len();
                    // SAFETY: as at the end of the function: the first `written` slots of the spare capacity
                    // were initialized (`MaybeUninit::write`), and `len + written` is at most the capacity.
                    unsafe { tokens.set_len(len + written) };
                    let closed = sentence_state(tokens, len, first, before, roles);
                    let end = tokens.len();
                    push_sentence(sentences, *begin, end, closed);
                    (*begin, len, first, before, roles, terminal) = (end, end, Some(end), 0, 0, false);
                    sentence += 1;
                    let room = tokens.spare_capacity_mut();
                    room_len = room.len();
                    slots = room.iter_mut();
                    continue;
                }
                // an elision (`l’`, `qu'`) before a word, which the loop takes next
                let apostrophe = if after == AFTER_APOSTROPHE { 3 } else { 1 };
                if !elision_before_word(bytes, start, end, apostrophe) {
                    break;
                }
                token.end += apostrophe as u32;
                token.kind = TokenKind::Elision;
            }
            (token, word.role)
        } else if class & INNER_PUNCT != 0 && bytes.get(start + 1).is_none_or(|&a| a < 0x80) {
            // (as `start_other` has it; before a non-ASCII byte, it may take a combining mark)
            let token = Token {
                start: start as u32,
                end: start as u32 + 1,
                sentence,
                shape: Shape::Punct,
                kind: TokenKind::Punct,
                space_before: space,
                sent_start: false,
            };
            (token, 0)
        } else {
            break;
        };
        // (a slot is taken only for a token written, so that those taken are those written; and its role
        // is gathered only then, as the caller's loop scans again a token left out)
        let Some(slot) = slots.next() else { break };
        roles |= role;
        pos = token.end as usize;
        slot.write(token);
    }
    let written = room_len - slots.len();
    // SAFETY: the first `written` slots of the spare capacity, in the allocation, were initialized above
    // (`MaybeUninit::write`); `len + written` is at most the capacity.
    unsafe { tokens.set_len(len + written) };
    *sentence_out = sentence;
    let mut state = sentence_state(tokens, len, first, before, roles);
    if terminal {
        state |= ST_TERMINAL;
    }
    (pos, state)
}

/// The state after the tokens `written` of [`tokens_after_word`], from the state `before` them and the
/// union of their roles, as [`next_word_state`] token by token: ST_CAPS_TWO once two ALL-CAPS words are
/// counted, which matters only while the sentence has no other word of two letters or more (the role
/// ROLE_CAPS is the shape AllCaps here). Counted once at the end, rarely, rather than token by token.
#[inline(always)]
fn words_state(before: u32, roles: u8, written: &[Token]) -> u32 {
    let mut state = before | u32::from(roles);
    if state & (ST_CAPS_TWO | ST_NOT_CAPS) == 0 && roles & ROLE_CAPS != 0 {
        let caps = written.iter().filter(|t| t.shape == Shape::AllCaps).count();
        if caps + usize::from(before & ST_CAPS_ONE != 0) >= 2 {
            state |= ST_CAPS_TWO;
        }
    }
    state
}

/// [`words_state`] of the tokens written by [`tokens_after_word`] from index `len` on, once committed to
/// `tokens`; if the sentence started in its loop at index `first` (then `before` is 0), that token, if
/// written, is marked as its start and the sentence has seen a word (it is a word or an elision, as it
/// starts with a capital). If it was not written, the caller's loop finds no word in the sentence and
/// marks the next token it takes.
#[inline(always)]
fn sentence_state(tokens: &mut [Token], len: usize, first: Option<usize>, before: u32, roles: u8) -> u32 {
    let mut before = before;
    if let Some(token) = first.and_then(|i| tokens.get_mut(i)) {
        token.sent_start = true;
        before |= ST_SEEN_WORD;
    }
    words_state(before, roles, &tokens[len..])
}

/// Whether one space and then an ASCII capital or a Latin-1 capital letter start at byte `pos`: after a
/// period that may end a sentence, the token there starts a new one in any case (a word, an elision, an
/// abbreviation, a URL or an e-mail address, whose first letter is upper case: its shape is neither
/// Lower nor Mixed).
#[inline(always)]
fn capital_after_space(bytes: &[u8], pos: usize) -> bool {
    match bytes.get(pos..pos + 3) {
        Some(&[b' ', n, t]) => BYTE_CLASS[n as usize] & UPPER != 0 || n == 0xC3 && t < 0x9F && is_latin1_letter(t),
        Some(_) => false,
        None => bytes.get(pos..pos + 2).is_some_and(|s| s[0] == b' ' && BYTE_CLASS[s[1] as usize] & UPPER != 0),
    }
}

/// The token of [`scan_plain_word`] for the most common words: ASCII and Latin-1 letters, or ASCII digits,
/// ended by a byte that none of the refinements looks at (white space, most punctuation, a comma not
/// before a digit, the end of the text), with AFTER_NOTHING; or the word alone when a period, `'` or `’`
/// follows, which the caller decides on, with `.`, `'` or AFTER_APOSTROPHE; `None` for any other word,
/// which [`scan_plain_word`] takes.
/// `first`: the class of the first character, an ASCII letter or digit, or with `LATIN1` a Latin-1 letter
/// (UPPER or LOWER, with HIGH).
///
/// Less to keep than [`word_run`]: no letters to count (as many as code points, or none), no apostrophe,
/// and whether there are two code points or more is whether there are two bytes or more but those of the
/// first character (after it, a Latin-1 letter makes two code points anyway).
#[inline(always)]
fn simple_word<const LATIN1: bool>(bytes: &[u8], start: usize, first: u16) -> Option<(Scanned, u8)> {
    let mut i = start + 1 + usize::from(LATIN1);
    // the union of the classes (bits 0 to 2), and whether the first letter is upper case (bit 3: the first
    // byte is the first letter unless it is a digit, and then the word has no letter)
    let mut seen = first & ALNUM | (first & UPPER) << 2;
    // the class of the byte that ends the word (0 at the end of the text) and that byte
    let (stop, byte) = loop {
        let lower_start = i;
        i = lower_run(bytes, i);
        if i > lower_start {
            seen |= LOWER;
        }
        let Some(&b) = bytes.get(i) else { break (0, AFTER_NOTHING) };
        let class = BYTE_CLASS[b as usize];
        if class & (ALNUM | HIGH) == 0 {
            break (class, b);
        }
        if class & ALNUM != 0 {
            seen |= class & ALNUM;
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(&t) if b == 0xC3 && is_latin1_letter(t) => {
                seen |= LOWER << u16::from(t < 0x9F);
                i += 2;
            }
            Some(0x80) if b == 0xE2 && bytes.get(i + 2) == Some(&0x99) => break (FOLLOW, AFTER_APOSTROPHE),
            _ => return None,
        }
    };
    // what follows, with one test for the common case of a byte that none of the refinements looks at
    let after = if stop & (FOLLOW | COMMA) == 0 {
        AFTER_NOTHING
    } else if stop & COMMA != 0 {
        if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        AFTER_NOTHING
    } else if matches!(byte, b'.' | b'\'' | AFTER_APOSTROPHE) {
        byte
    } else {
        return None;
    };
    // (letters and digits mixed: their letters are counted by `word_run`)
    if seen & DIGIT != 0 && seen & LETTER != 0 {
        return None;
    }
    let word = SIMPLE_WORDS[usize::from(seen & 15) | usize::from(i - start - usize::from(LATIN1) >= 2) << 4];
    let scanned = Scanned { end: i as u32, kind: word.kind, shape: word.shape, role: word.role };
    Some((scanned, after))
}

/// Whether the word `start..end` of [`simple_word`] before a period ends there, the period a token of its
/// own, as [`after_period`] decides: the byte after the period is none that joins on (checked more
/// strictly: no apostrophe either), and the word is no abbreviation (none has more than six bytes, and
/// [`ABBREVIATION_BITS`] rules out most shorter words) nor a single capital (two code points or more).
#[inline(always)]
fn period_ends_word(bytes: &[u8], start: usize, end: usize) -> bool {
    let len = end - start;
    let word = len > 6
        || len >= 2
            && !(len == 2 && bytes[start] >= 0x80)
            && !ABBREVIATION_BITS[abbreviation_hash(bytes[start], bytes[end - 1], len)];
    word && bytes.get(end + 1).is_none_or(|&a| BYTE_CLASS[a as usize] & (ALNUM | HIGH | FOLLOW) == 0)
}

/// A hash of a word of up to six bytes from its first and last bytes and its length, for
/// [`ABBREVIATION_BITS`].
#[inline(always)]
const fn abbreviation_hash(first: u8, last: u8, len: usize) -> usize {
    (first as usize * 2 + last as usize + len * 31) & 255
}

/// Whether an abbreviation ([`abbrev::ABBREVIATIONS`]) has this [`abbreviation_hash`]: a word whose hash
/// has none is no abbreviation, known without comparing it with the list.
static ABBREVIATION_BITS: [bool; 256] = abbreviation_bits();

const fn abbreviation_bits() -> [bool; 256] {
    let mut bits = [false; 256];
    let mut i = 0;
    while i < abbrev::ABBREVIATIONS.len() {
        let w = abbrev::ABBREVIATIONS[i].as_bytes();
        bits[abbreviation_hash(w[0], w[w.len() - 1], w.len())] = true;
        i += 1;
    }
    bits
}

/// Whether the word `start..end` of [`simple_word`], before an apostrophe of `apostrophe` bytes, is an
/// elision that [`after_apostrophe`] splits off: `l`, `d`, `j`, `m`, `n`, `s`, `t`, `c` or `qu` in any
/// case ([`is_elision`] of the short ones), before an ASCII letter or digit or a Latin-1 letter, but `N`
/// before a capital (`N’Djamena`).
#[inline(always)]
fn elision_before_word(bytes: &[u8], start: usize, end: usize, apostrophe: usize) -> bool {
    let elision = match bytes[start..end] {
        [c] => matches!(c | 0x20, b'l' | b'd' | b'j' | b'm' | b'n' | b's' | b't' | b'c'),
        [q, u] => q | 0x20 == b'q' && u | 0x20 == b'u',
        _ => false,
    };
    let next_upper = match bytes.get(end + apostrophe..) {
        Some(&[n, ..]) if BYTE_CLASS[n as usize] & ALNUM != 0 => BYTE_CLASS[n as usize] & UPPER != 0,
        Some(&[0xC3, t, ..]) if is_latin1_letter(t) => t < 0x9F,
        _ => return false,
    };
    elision && !(next_upper && bytes[start] == b'N')
}

/// What [`simple_word`] says follows a word that is not one by itself (a period, `'` or `’`, which the
/// caller looks at): nothing of the sort.
const AFTER_NOTHING: u8 = 0;
/// [`simple_word`]: `’` follows (its last byte; the others are the byte itself).
const AFTER_APOSTROPHE: u8 = 0x99;

/// A token of [`SIMPLE_WORDS`] without its end (four bytes, for a cheap index).
#[derive(Clone, Copy)]
#[repr(align(4))]
struct SimpleWord {
    kind: TokenKind,
    shape: Shape,
    role: u8,
}

/// The kind, shape and headline role of a word of [`simple_word`], of letters or of digits, indexed as
/// [`WORD_SHAPES`] is: the union of the classes of its characters (bits 0 to 2), whether its first
/// letter is upper case (bit 3) and whether it has two code points or more (bit 4, which counts for
/// letters only).
static SIMPLE_WORDS: [SimpleWord; 32] = simple_words();

const fn simple_words() -> [SimpleWord; 32] {
    let mut table = [SimpleWord { kind: TokenKind::Word, shape: Shape::Punct, role: 0 }; 32];
    let mut i = 0;
    while i < 32 {
        let letters = i & LETTER as usize != 0;
        // a number has no letter, however long
        let (shape, role) = WORD_SHAPES[if letters { i } else { i & 15 }];
        let kind = if letters { TokenKind::Word } else { TokenKind::Number };
        table[i] = SimpleWord { kind, shape, role };
        i += 1;
    }
    table
}

/// Whether a non-ASCII white space character (U+0085, U+00A0, U+1680, U+2000.., U+3000, U+FEFF) may start
/// with this byte: most non-ASCII text (`é`, `«`) need not be decoded to know it is no space.
#[inline]
fn may_start_space(byte: u8) -> bool {
    matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
}

/// White space from byte `pos` on, ASCII or not; returns where it ends and the union `blank` of the
/// classes seen, SPACE and NEWLINE.
#[inline(never)]
fn skip_space(text: &str, mut pos: usize, mut blank: u16) -> (usize, u16) {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(pos) {
        let class = BYTE_CLASS[b as usize];
        if class & SPACE != 0 {
            blank |= class;
            pos += 1;
            continue;
        }
        match char_at(text, pos) {
            Some(c) if !c.is_ascii() && (c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200B}') => {
                blank |= SPACE;
                if matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                    blank |= NEWLINE;
                }
                pos += c.len_utf8();
            }
            _ => break,
        }
    }
    (pos, blank)
}

/// The general path: any token at the cursor (not white space), with its shape and its part in sentence
/// boundaries worked out from its text; `None` at the end of the text.
/// `space`: white space precedes the token; `prev`: the token before it.
///
/// Never inlined: it is big and rare enough that inlining it only takes registers from the fast path.
#[inline(never)]
fn scan_general<const FAST: bool>(cur: &mut Cursor<'_>, space: bool, prev: Option<&Token>) -> Option<Scanned> {
    let text = cur.text;
    let start = cur.pos;
    let c = cur.peek()?;
    let kind = if starts_url(cur.rest()) {
        let n = url_len(cur.rest()).max(1);
        cur.advance_to(start + n);
        TokenKind::Url
    } else if is_word_char(c) && (c.is_ascii() || !is_combining_mark(c)) {
        scan_word(cur)
    } else if is_apostrophe(c)
        && !space
        && matches!(cur.peek2(), Some('s') | Some('S'))
        && !cur.peek3().is_some_and(is_word_char)
        && prev.is_some_and(|t| t.is_wordlike())
    {
        cur.bump();
        cur.bump();
        TokenKind::Clitic
    } else if c == '.' && cur.rest().starts_with("...") {
        while cur.peek() == Some('.') {
            cur.bump();
        }
        TokenKind::Punct
    } else {
        cur.bump();
        // stray combining marks attach to nothing: keep them in a punctuation token of their own
        while cur.peek().is_some_and(|m| !m.is_ascii() && is_combining_mark(m)) {
            cur.bump();
        }
        TokenKind::Punct
    };
    let tok_text = &text[start..cur.pos];
    let (shape, letters) = shape_of(tok_text);
    let punct = kind == TokenKind::Punct;
    let mut role = 0;
    if punct && tok_text.chars().all(is_closing) {
        role |= ROLE_CLOSING;
    }
    if matches!(tok_text, "," | ";" | ":" | ")" | "]") {
        role |= ROLE_JOINS;
    }
    if punct && (matches!(tok_text, "." | "!" | "?" | "…" | "..." | "!?" | "?!") || tok_text.starts_with("..")) {
        role |= ROLE_TERMINAL;
    }
    if FAST && matches!(kind, TokenKind::Word | TokenKind::Elision) {
        role |= headline_role(shape, letters);
    }
    Some(Scanned { end: cur.pos as u32, kind, shape, role })
}

/// A sentence whose words of two letters or more are all upper case: capitalization carries no signal.
fn is_headline(text: &str, toks: &[Token]) -> bool {
    let mut words = 0;
    for t in toks {
        if matches!(t.kind, TokenKind::Word | TokenKind::Elision) {
            let letters = t.text(text).chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 2 {
                if t.shape != Shape::AllCaps {
                    return false;
                }
                words += 1;
            }
        }
    }
    words >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let t = tokenize(text);
        t.tokens.iter().map(|k| k.text(text)).collect()
    }

    #[test]
    fn splitting_table() {
        let cases: &[(&str, &[&str])] = &[
            ("l’ONU", &["l’", "ONU"]),
            ("l'ONU", &["l'", "ONU"]),
            ("d’attaques", &["d’", "attaques"]),
            ("qu’en matière", &["qu’", "en", "matière"]),
            ("jusqu’au bout", &["jusqu’", "au", "bout"]),
            ("L’Algérie", &["L’", "Algérie"]),
            ("aujourd’hui", &["aujourd’hui"]),
            ("N’Djamena", &["N’Djamena"]),
            ("n’est", &["n’", "est"]),
            ("Jean-Pierre Bemba", &["Jean-Pierre", "Bemba"]),
            ("Guinée-Bissau.", &["Guinée-Bissau", "."]),
            ("Geneva-based", &["Geneva", "-", "based"]),
            ("Moscow-backed units", &["Moscow", "-", "backed", "units"]),
            ("Chirac-qui parle", &["Chirac", "-", "qui", "parle"]),
            ("Chirac-n’a", &["Chirac", "-", "n’", "a"]),
            ("Armi-n", &["Armi-n"]),
            ("Aix-en-Provence", &["Aix-en-Provence"]),
            ("pro-government", &["pro-government"]),
            ("state-owned", &["state-owned"]),
            ("Russia’s army", &["Russia", "’s", "army"]),
            ("Russia's army", &["Russia", "'s", "army"]),
            ("don't", &["don't"]),
            ("O'Brien", &["O'Brien"]),
            ("M. Lavrov", &["M.", "Lavrov"]),
            ("Mme Diop", &["Mme", "Diop"]),
            ("Dr. Smith", &["Dr.", "Smith"]),
            ("the U.S. Army", &["the", "U.S.", "Army"]),
            ("J. K. Rowling", &["J.", "K.", "Rowling"]),
            ("97% de 1,5 million", &["97", "%", "de", "1,5", "million"]),
            ("3.000 soldats", &["3.000", "soldats"]),
            ("voir https://example.org/a?b=1.", &["voir", "https://example.org/a?b=1", "."]),
            ("écrire à jean.dupont@example.fr.", &["écrire", "à", "jean.dupont@example.fr", "."]),
            ("«instructeurs»", &["«", "instructeurs", "»"]),
            ("Quorvane Inc. a", &["Quorvane", "Inc.", "a"]),
            ("北京市", &["北", "京", "市"]),
            ("Hello...", &["Hello", "..."]),
        ];
        for (text, want) in cases {
            assert_eq!(words(text), *want, "tokenize({text:?})");
        }
    }

    #[test]
    fn kinds_and_shapes() {
        let text = "l’ONU et M. Lavrov, 2023 www.example.org U.S.";
        let t = tokenize(text);
        let got: Vec<(TokenKind, Shape)> = t.tokens.iter().map(|k| (k.kind, k.shape)).collect();
        assert_eq!(
            got,
            vec![
                (TokenKind::Elision, Shape::Lower),
                (TokenKind::Word, Shape::AllCaps),
                (TokenKind::Word, Shape::Lower),
                (TokenKind::Abbreviation, Shape::Capitalized),
                (TokenKind::Word, Shape::Capitalized),
                (TokenKind::Punct, Shape::Punct),
                (TokenKind::Number, Shape::Digit),
                (TokenKind::Url, Shape::Lower),
                (TokenKind::Abbreviation, Shape::AllCaps),
            ]
        );
    }

    #[test]
    fn byte_offsets() {
        let t = tokenize("Sergueï Lavrov à Moscou");
        assert_eq!((t.tokens[1].start, t.tokens[1].end), (9, 15));
    }

    #[test]
    fn sentences_table() {
        let cases: &[(&str, usize)] = &[
            ("Il est venu. Elle est partie.", 2),
            ("M. Lavrov est venu. Mme Diop aussi.", 2),
            ("Aux U.S. il pleut.", 1),
            ("Il a dit «non.» Puis il est parti.", 2),
            ("Quoi? non, rien.", 1),
            ("TITRE EN CAPITALES\nLe texte suit.", 2),
            ("Une ligne\nune autre", 2),
            ("Dr. Smith arrived. He left!", 2),
        ];
        for (text, n) in cases {
            assert_eq!(tokenize(text).sentences.len(), *n, "sentences of {text:?}");
        }
    }

    #[test]
    fn sentence_start_skips_quotes() {
        let text = "Fin. « Le Mali";
        let t = tokenize(text);
        let starts: Vec<&str> = t.tokens.iter().filter(|k| k.sent_start).map(|k| k.text(text)).collect();
        assert_eq!(starts, vec!["Fin", "Le"]);
    }

    #[test]
    fn headline_detection() {
        let t = tokenize("LE MALI ET L’ONU\nLe Mali et l’ONU.");
        assert!(t.sentences[0].headline);
        assert!(!t.sentences[1].headline);
    }

    /// The fast path for plain words must change nothing: same tokens, kinds, shapes, offsets, sentences.
    fn same_as_slow(text: &str) {
        let (fast, slow) = (tokenize_with::<true>(text), tokenize_with::<false>(text));
        if let Some((f, s)) = fast.tokens.iter().zip(&slow.tokens).find(|(f, s)| f != s) {
            panic!("in {text:?}: fast {f:?} {:?}, reference {s:?} {:?}", f.text(text), s.text(text));
        }
        assert_eq!(fast.tokens, slow.tokens, "tokens of {text:?}");
        assert_eq!(fast.sentences, slow.sentences, "sentences of {text:?}");
    }

    #[test]
    fn fast_path_agrees_on_tricky_text() {
        let text = "M. Lavrov, l’ONU et l'OTAN à N’Djamena: 1,5 million, 3.000 soldats, U.S. Army, the U.S.-led \
            coalition. Dr. Smith (Geneva-based) wrote to jean.dupont@example.fr and a.b@c.io, see www.example.org. \
            Hello... Quoi? «Non.» Jean-Pierre Bemba’s rivals, Russia's army; aujourd’hui — 12. mai, J. K. Rowling, \
            Mme Diop; ÉTATS-UNIS. Émile Zola a écrit. 北京市 ½ x² ⅰ Ⓐ. Ⓐ.b a\u{301}b e\u{301}. e\u{301}, \
            C’est l’été; c´est ʼok′ d‐x d‑y 4,a 4,5 x.@y.fr a_b a%b a+b a-b a@b a'b a`b 1.a i.e. e.g., M.Lavrov \
            abc-@x.fr Geneva-based@x.fr 1990-2000 Jean-Pierre-based Aix-en-Provence. x-北 a-é-b Chirac-n’a a-1,5 \
            a-b.c a-b. a-b, a-b,1 Guinée-Bissau’s É-U a--b a- b -a Moscow-led-x McDonald iPhone eBAY 3D 1er 2E \
            3é É1 é2a ÀB Àb àB 1A. 2a. aB’s AB’s l’ONU l'été N’Djamena N'Diaye n'A qu'Il QU'IL d’1 l'é \
            x’ s'— abcdefg. abcdefgh.x abcdefg.' abcdefg.» Messrs. approxi. approx. Abcdéfg.\nx abcdefg.";
        same_as_slow(text);
        for (i, _) in text.char_indices() {
            same_as_slow(&text[i..]);
            same_as_slow(&text[..i]);
        }
    }

    /// Every word of three parts with every separator between them: the compounds of the fast path
    /// (hyphenated words, numbers with separators, words joined at an apostrophe), elisions, clitics, and
    /// what may end or continue them.
    #[test]
    fn fast_path_agrees_on_compound_combinations() {
        let parts = ["a", "N", "é", "É", "1", "x1", "12", "based", "qui", "n", "北", "s", "S", "l", "Dj"];
        let seps = ["-", ",", ".", "'", "’", "ʼ", "`", "´", " ", " ’", "@", "%", "\u{2010}", "--", "-.", ".,"];
        for a in parts {
            for s in seps {
                for b in parts {
                    for t in seps {
                        for c in ["", "5", "x", "é"] {
                            same_as_slow(&format!("{a}{s}{b}{t}{c}"));
                        }
                    }
                }
            }
        }
    }

    /// More one-letter words and commas than the room reserved for tokens: the loop of
    /// [`tokens_after_word`] stops when the vector is full, and the caller's goes on.
    #[test]
    fn fast_path_agrees_past_the_room_reserved() {
        for sep in [" ", ",", ", ", " (", "\" "] {
            let text: String = (0..2000).map(|i| format!("{}{sep}", ["a", "B", "1", "é", "xy"][i % 5])).collect();
            let tokens = tokenize(&text).tokens;
            assert!(tokens.len() > text.len() / 4 + 1, "{sep:?}: the room reserved is not exceeded");
            same_as_slow(&text);
        }
        // a token left out for want of room is scanned again: its headline role counts once
        for text in ["1=IB", "a,IB", "a (IB", "IB,IB"] {
            same_as_slow(text);
        }
    }

    /// The periods and apostrophes that [`tokens_after_word`] decides on (a word ending a sentence, an
    /// elision), with what may follow them, after a word so that the loop takes them.
    #[test]
    fn fast_path_agrees_on_periods_and_elisions() {
        let words = ["l", "L", "N", "n", "qu", "QU", "Qu", "x", "abcdef", "abcdefg", "ABCDEFG", "Abcdéfgh", "1234567"];
        let next = ["", "a", "A", "É", "é", "1", " ", " a", ".", "..", "'", "»", "\n", "x.", "-", "@x.fr", "\u{301}"];
        for w in words {
            for sep in [".", "'", "’", "‘", "ʼ"] {
                for n in next {
                    same_as_slow(&format!("x {w}{sep}{n}"));
                    same_as_slow(&format!("x, ({w}{sep}{n} y"));
                }
            }
        }
        // every abbreviation keeps its period; words that differ a little end the sentence
        for w in abbrev::ABBREVIATIONS {
            for v in [w.to_string(), w.to_uppercase(), w.to_lowercase(), format!("{w}s"), format!("x{w}")] {
                same_as_slow(&format!("x {v}. Y"));
                same_as_slow(&format!("x {v}.\ny"));
            }
        }
    }

    /// Sentences that [`tokens_after_word`] ends and starts one after the other (a period, one space, a
    /// capital), with every kind of token to start the next one and headlines on either side, also past the
    /// room reserved for tokens.
    #[test]
    fn fast_path_agrees_across_sentence_ends() {
        let firsts = [
            "A",
            "Ab",
            "AB",
            "ABC",
            "É",
            "Éa",
            "ÉA",
            "Àb",
            "L'ONU",
            "L’a",
            "Qu'il",
            "N’Dj",
            "M.",
            "U.S.",
            "Http://x.fr",
            "WWW.x.fr",
            "Ab@x.fr",
            "A1",
            "Ab-c",
            "Ab's",
            "Z\u{301}",
            "É\u{301}",
            "Ab.",
            "1",
            "a",
        ];
        let seconds = ["", " b", " CD", " EF GH", ", b", " (b", ".", ". C", " b.\nC", " b. C d", " A. B. C. D"];
        for f in firsts {
            for s in seconds {
                for lead in ["x abcdefg", "XY ABCDEFG", "x AB abcdefg", "AB CD", "a bc, d ef"] {
                    same_as_slow(&format!("{lead}. {f}{s}"));
                    same_as_slow(&format!("{lead}. {f}{s}. {f}{s}"));
                }
            }
        }
        // (the last three have more tokens than the room reserved)
        for unit in ["Ab cdefghi. ", "AB CDEFGHI. ", "A bcdefgh. Éa. ", "Ab. Cd. ", "A bc. ", "X yz, Ab. "] {
            let text = unit.repeat(2000);
            let fast = tokenize(&text);
            assert!(fast.sentences.len() >= 2000, "{unit:?}: the sentences are ended");
            same_as_slow(&text);
        }
    }

    /// Sentences with none, one, two or more ALL-CAPS words, before, in and after the loop of
    /// [`tokens_after_word`]: the headline test counts them at its end.
    #[test]
    fn fast_path_agrees_on_headlines() {
        let words = ["AB", "CD", "A", "x", "ab", "Ab", "12", "L'ONU", "QU'IL", "ÉTATS", "ABCDEFGH."];
        for a in words {
            for b in words {
                for c in words {
                    for sep in [" ", ", ", " (", "\n"] {
                        same_as_slow(&format!("{a} {b}{sep}{c}"));
                        same_as_slow(&format!("{a}: {b} {c}. {c} {a}{sep}{b}"));
                    }
                }
            }
        }
    }

    /// [`simple_word`] makes the token [`scan_plain_word`] makes, whenever it makes one.
    #[test]
    fn simple_words_as_the_plain_word_scanner_has_them() {
        let words = ["a", "ab", "A", "Ab", "AB", "aB", "1", "12", "1a", "a1", "é", "aé", "Éa", "ÉA", "aÉ", "zz9"];
        let ends = ["", " ", ",", ", ", ",5", ".", "'", "’", "-", "(", "»", "@", "\u{301}", "×"];
        let mut taken = 0;
        for w in words {
            for e in ends {
                for lead in ["", "x "] {
                    let text = format!("{lead}{w}{e}");
                    let start = lead.len();
                    let bytes = text.as_bytes();
                    let (first, simple) = if BYTE_CLASS[bytes[start] as usize] & PLAIN_START != 0 {
                        let first = BYTE_CLASS[bytes[start] as usize];
                        (first, simple_word::<false>(bytes, start, first))
                    } else if bytes[start] == 0xC3 && is_latin1_letter(bytes[start + 1]) {
                        let first = LOWER << u16::from(bytes[start + 1] < 0x9F) | HIGH;
                        (first, simple_word::<true>(bytes, start, first))
                    } else {
                        continue;
                    };
                    // (a period or an apostrophe after it: the loop decides, as the tests of the whole agree)
                    if let Some((simple, AFTER_NOTHING)) = simple {
                        let plain = scan_plain_word(&text, start, first).expect("a plain word");
                        let pair = |s: &Scanned| (s.end, s.kind, s.shape, s.role);
                        assert_eq!(pair(&simple), pair(&plain), "{text:?}");
                        taken += 1;
                    }
                }
            }
        }
        assert!(taken >= 100, "{taken}");
    }

    #[test]
    fn byte_classes_match_the_char_predicates() {
        for b in 0..=255u8 {
            let class = BYTE_CLASS[b as usize];
            if b >= 0x80 {
                assert_eq!(class, HIGH, "{b:#x}");
                continue;
            }
            assert_eq!(class & HIGH, 0, "{b:#x}");
            let c = b as char;
            assert_eq!(class & LOWER != 0, c.is_lowercase(), "{c:?}");
            assert_eq!(class & UPPER != 0, c.is_uppercase(), "{c:?}");
            assert_eq!(class & DIGIT != 0, c.is_numeric(), "{c:?}");
            assert_eq!(class & ALNUM != 0, is_word_char(c), "{c:?}");
            assert_eq!(class & SPACE != 0, c.is_whitespace(), "{c:?}");
            assert_eq!(class & NEWLINE != 0, matches!(c, '\n' | '\r'), "{c:?}");
            assert_eq!(class & PUNCT != 0, !is_word_char(c) && !c.is_whitespace() && !is_apostrophe(c), "{c:?}");
            assert_eq!(class & CLOSING != 0, is_closing(c), "{c:?}");
            assert_eq!(class & TERMINAL != 0, matches!(c, '.' | '!' | '?'), "{c:?}");
            assert_eq!(class & JOINS != 0, matches!(c, ',' | ';' | ':' | ')' | ']'), "{c:?}");
            assert_eq!(class & FOLLOW != 0, matches!(c, '\'' | '.' | '-' | '@' | '_' | '%' | '+'), "{c:?}");
            assert_eq!(class & COMMA != 0, c == ',', "{c:?}");
            assert_eq!(class & URL_START != 0, matches!(c, 'h' | 'H' | 'w' | 'W'), "{c:?}");
            assert_eq!(class & PLAIN_START != 0, c.is_ascii_alphanumeric() && class & URL_START == 0, "{c:?}");
            assert_eq!(class & INNER_PUNCT != 0, class & PUNCT != 0 && !matches!(c, '.' | '!' | '?'), "{c:?}");
        }
        for t in 0x80..=0xBFu8 {
            let c = char::from_u32(0xC0 + u32::from(t - 0x80)).unwrap();
            assert_eq!(is_latin1_letter(t), c.is_alphabetic(), "{c:?}");
            if is_latin1_letter(t) {
                assert_eq!(t < 0x9F, c.is_uppercase(), "{c:?}");
                assert!(is_word_char(c) && !is_combining_mark(c) && !is_ideographic(c), "{c:?}");
            }
        }
    }

    #[test]
    fn lower_run_stops_at_the_first_other_byte() {
        let reference = |bytes: &[u8], i: usize| i + bytes[i..].iter().take_while(|b| b.is_ascii_lowercase()).count();
        // every byte at every place of one or two chunks of 16 bytes (and of 8), from where a run may start,
        // with the text ending right after it or later
        for b in 0..=255u8 {
            for at in 0..40 {
                let mut bytes = *b"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";
                bytes[at] = b;
                for i in 0..4 {
                    assert_eq!(lower_run(&bytes, i), reference(&bytes, i), "{b:#x} at {at} from {i}");
                    assert_eq!(lower_run_words(&bytes, i), reference(&bytes, i), "{b:#x} at {at} from {i}");
                    if i <= at {
                        let short = &bytes[..at + 1];
                        assert_eq!(lower_run(short, i), reference(short, i), "{b:#x} at {at} from {i}");
                        assert_eq!(lower_run_words(short, i), reference(short, i), "{b:#x} at {at} from {i}");
                    }
                }
            }
        }
        // a run of lower-case letters to the end of the text, of every length
        let all = [b'q'; 40];
        for end in 0..40 {
            for i in 0..=end {
                assert_eq!(lower_run(&all[..end], i), end, "from {i} to {end}");
            }
        }
    }

    #[test]
    fn common_punctuation_as_the_char_predicates_have_it() {
        for c in ['«', '»', '–', '—', '“', '”', '…'] {
            let mut buf = [0; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let (len, role) = common_punct(b[0], b.get(1).copied(), b.get(2).copied()).unwrap();
            assert_eq!(len, c.len_utf8(), "{c:?}");
            assert!(!is_word_char(c) && !is_apostrophe(c) && !c.is_whitespace(), "{c:?}");
            assert_eq!(role & ROLE_CLOSING != 0, is_closing(c), "{c:?}");
            assert_eq!(role & ROLE_TERMINAL != 0, c == '…', "{c:?}");
            assert_eq!(role & ROLE_JOINS, 0, "{c:?}");
        }
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let known = common_punct(b[0], b.get(1).copied(), b.get(2).copied()).is_some();
            assert_eq!(known, matches!(c, '«' | '»' | '–' | '—' | '“' | '”' | '…'), "{c:?}");
        }
    }

    #[test]
    fn every_non_ascii_space_starts_with_a_byte_checked() {
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200B}' {
                let mut buf = [0; 4];
                assert!(may_start_space(c.encode_utf8(&mut buf).as_bytes()[0]), "{c:?}");
            }
        }
    }

    /// Pieces of French, English and other text, with every character the scanner treats specially.
    const PIECES: &[&str] = &[
        "a",
        "B",
        "été",
        "É",
        "1",
        "23",
        ".",
        ",",
        "'",
        "’",
        "-",
        "\u{2010}",
        "@",
        "_",
        "%",
        "+",
        " ",
        "\n",
        "M",
        "Dr",
        "U",
        "S",
        "x",
        "fr",
        "www",
        "«",
        "»",
        "…",
        "´",
        "`",
        "½",
        "北",
        "\u{301}",
        "Ⓐ",
        "ʼ",
        "?",
        "l",
        "L",
        "d",
        "N",
        "qu",
        "Qu",
        "jusqu",
        "s",
        "aujourd",
        "hui",
        "Inc",
        "ⅰ",
        "Ⅻ",
        "ß",
        "Þ",
        "×",
        "÷",
        "à",
        "œ",
        "ç",
        "Ç",
        "ª",
        "²",
        "Σ",
        "İ",
        "\u{212A}",
        "\u{a0}",
        "\u{2028}",
        "\u{feff}",
        "\t",
        "\r",
        "!",
        ";",
        ":",
        ")",
        "]",
        "\"",
        "‘",
        "′",
        "\u{2011}",
        "http://",
        "https://x.org",
        "www.",
        "x.fr",
        "a.b@c.io",
        "...",
        "!?",
        "based",
        "qui",
        "Москва",
        "Ἀθῆναι",
        "ا",
        "🙂",
        "\u{0}",
        "3.000",
        "1,5",
        "U.S.",
        "'s",
        "’S",
        "led",
        "ne",
        "en",
        "1.5",
        "-x",
    ];

    proptest::proptest! {
        #[test]
        fn fast_path_agrees(words in proptest::collection::vec(proptest::sample::select(PIECES), 0..32)) {
            same_as_slow(&words.concat());
        }

        #[test]
        fn fast_path_agrees_on_any_string(text in proptest::prelude::any::<String>()) {
            same_as_slow(&text);
        }

        /// Hyphenated compounds and numbers with separators, with what may follow them.
        #[test]
        fn fast_path_agrees_on_compounds(
            text in concat!(
                "([A-ZÉa-zé0-9]{1,3}|Geneva|based|qui|led|n|s|il)",
                "([-.,]([A-ZÉa-zé0-9]{0,3}|based|qui|n|ne|s)|’|'|`|´|@|%|_|\\+|北|\u{301}|\u{2010}){0,4}",
                "[ .,;’'`@%_+-]?[a-zé0-9 .@-]{0,2}"
            )
        ) {
            same_as_slow(&text);
        }

        #[test]
        fn fast_path_agrees_on_latin_text(text in "[a-zA-Z0-9éÉàçß×' .,;:!?()\"«»’\n-]{0,80}") {
            same_as_slow(&text);
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in [
            "",
            " ",
            "'",
            "’s",
            "\u{301}",
            "a\u{301}",
            ".",
            "...",
            "@",
            "x@",
            "@y.fr",
            "http://",
            "-",
            "l’",
            "U.S",
            "1,",
            "\u{FEFF}Mali",
        ] {
            let t = tokenize(text);
            for tok in &t.tokens {
                assert!(text.is_char_boundary(tok.start as usize) && text.is_char_boundary(tok.end as usize));
                assert!(tok.start < tok.end);
            }
        }
    }
}
