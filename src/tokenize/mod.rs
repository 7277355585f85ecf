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
    /// Byte range in the text. Offsets are `u32` (a token is 24 bytes, not 48: the token vector is the
    /// largest allocation per document), so a document is at most [`MAX_TEXT_BYTES`] long.
    pub start: u32,
    pub end: u32,
    /// Code-point range in the text (Python `str` indices).
    pub cp_start: u32,
    pub cp_end: u32,
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
    cp: usize,
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
        self.cp += 1;
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
                self.cp += 1;
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
        self.cp += self.text[self.pos..byte].chars().count();
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

fn shape_of(s: &str) -> Shape {
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
    match first_upper {
        None if digits > 0 => Shape::Digit,
        None => Shape::Punct,
        Some(true) if upper == letters && letters >= 2 => Shape::AllCaps,
        Some(true) => Shape::Capitalized,
        Some(false) if upper > 0 => Shape::Mixed,
        Some(false) => Shape::Lower,
    }
}

/// Letter and digit counts of a word, as [`shape_of`] would find them.
#[derive(Default)]
struct ShapeCount {
    letters: u32,
    upper: u32,
    digits: u32,
    first_upper: Option<bool>,
    /// Every character is numeric.
    numeric: bool,
}

impl ShapeCount {
    fn shape(&self) -> Shape {
        match self.first_upper {
            None if self.digits > 0 => Shape::Digit,
            None => Shape::Punct,
            Some(true) if self.upper == self.letters && self.letters >= 2 => Shape::AllCaps,
            Some(true) => Shape::Capitalized,
            Some(false) if self.upper > 0 => Shape::Mixed,
            Some(false) => Shape::Lower,
        }
    }
}

/// The fast path of [`scan_word`]: a plain run of word characters ended by a character that none of the
/// refinements looks at (space, most punctuation). Returns `None`, having consumed nothing, whenever the
/// general scanner might decide differently (apostrophe, hyphen, `@`, a period or comma before a digit
/// or letter, an ideograph…); then [`scan_word`] runs as usual.
#[inline]
fn scan_plain_word(cur: &mut Cursor<'_>) -> Option<(TokenKind, Shape, u32)> {
    let bytes = cur.text.as_bytes();
    let start = cur.pos;
    let mut i = start;
    let mut cps = 0usize;
    let mut c = ShapeCount { numeric: true, ..ShapeCount::default() };
    let mut first_is_upper = false;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if b.is_ascii_lowercase() {
                c.letters += 1;
                c.first_upper.get_or_insert(false);
                c.numeric = false;
            } else if b.is_ascii_uppercase() {
                first_is_upper |= i == start;
                c.letters += 1;
                c.upper += 1;
                c.first_upper.get_or_insert(true);
                c.numeric = false;
            } else if b.is_ascii_digit() {
                c.digits += 1;
            } else {
                break;
            }
            i += 1;
            cps += 1;
            continue;
        }
        let ch = cur.text[i..].chars().next()?;
        // Latin-1 letters (`é`, `À`, `ç`), most of the non-ASCII of French text: upper case up to `Þ`
        if ('\u{C0}'..='\u{FF}').contains(&ch) && ch != '×' && ch != '÷' {
            let u = ch < '\u{DF}';
            first_is_upper |= i == start && u;
            c.letters += 1;
            c.upper += u as u32;
            c.first_upper.get_or_insert(u);
            c.numeric = false;
            i += 2;
            cps += 1;
            continue;
        }
        if !is_word_char(ch) || is_ideographic(ch) {
            // the word ends here: only the apostrophes and hyphens the scanner joins on need the slow path
            if is_apostrophe(ch) || matches!(ch, '\u{2010}' | '\u{2011}') {
                return None;
            }
            break;
        }
        first_is_upper |= i == start && ch.is_uppercase();
        if ch.is_alphabetic() {
            c.letters += 1;
            let u = ch.is_uppercase();
            if u {
                c.upper += 1;
            }
            c.first_upper.get_or_insert(u);
        } else if ch.is_numeric() {
            c.digits += 1;
        }
        c.numeric &= ch.is_numeric();
        i += ch.len_utf8();
        cps += 1;
    }
    if i == start {
        return None;
    }
    let next = bytes.get(i).copied();
    let after = bytes.get(i + 1).copied();
    let mut kind = if c.numeric { TokenKind::Number } else { TokenKind::Word };
    match next {
        // joined on, or part of an e-mail address
        Some(b'\'' | b'-' | b'@' | b'_' | b'%' | b'+') => return None,
        // `1,5`; otherwise a comma after a word is plain punctuation
        Some(b',') if after.is_some_and(|a| a.is_ascii_digit()) => return None,
        Some(b'.') => {
            // `3.000`, `U.S.`, `a.b@c.fr`, `Hello...`: the general scanner decides
            if after.is_some_and(|a| a >= 0x80 || a.is_ascii_alphanumeric() || b"._%+-@".contains(&a)) {
                return None;
            }
            let word = &cur.text[start..i];
            let single_capital = cps == 1 && first_is_upper;
            if single_capital || is_abbreviation(word) {
                i += 1;
                cps += 1;
                kind = TokenKind::Abbreviation;
            }
        }
        _ => {}
    }
    cur.pos = i;
    cur.cp += cps;
    Some((kind, c.shape(), c.letters))
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

/// [`tokenize`], with or without the fast path for plain words (the tests check that both agree).
fn tokenize_with<const FAST: bool>(text: &str) -> Tokenized<'_> {
    if text.len() > MAX_TEXT_BYTES {
        return Tokenized { text, tokens: Vec::new(), sentences: Vec::new() };
    }
    let mut cur = Cursor { text, pos: 0, cp: 0 };
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut sentence = 0usize;
    let mut sent_first_tok = 0usize;
    let mut seen_word_in_sentence = false;
    let mut head = Headline::default();
    // the previous token ended a sentence (., !, ?, …), possibly followed by closing quotes
    let mut terminal = false;
    let mut space = true;
    let mut newline = false;
    loop {
        // white space
        let bytes = text.as_bytes();
        loop {
            if cur.pos < bytes.len() && bytes[cur.pos].is_ascii() {
                let b = bytes[cur.pos];
                if b == b' ' || b == b'\t' || b == b'\r' || b == b'\n' || b == 0x0c || b == 0x0b {
                    if b == b'\n' || b == b'\r' {
                        newline = true;
                    }
                    space = true;
                    cur.pos += 1;
                    cur.cp += 1;
                    continue;
                }
                break;
            }
            match cur.peek() {
                Some(c) if c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200B}' => {
                    if matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                        newline = true;
                    }
                    space = true;
                    cur.bump();
                }
                _ => break,
            }
        }
        let Some(c) = cur.peek() else { break };
        let (start, cp_start) = (cur.pos, cur.cp);
        let mut fast_shape = None;
        let kind = if starts_url(cur.rest()) {
            let n = url_len(cur.rest()).max(1);
            cur.advance_to(start + n);
            TokenKind::Url
        } else if is_word_char(c) && (c.is_ascii() || !is_combining_mark(c)) {
            match if FAST { scan_plain_word(&mut cur) } else { None } {
                Some((kind, shape, letters)) => {
                    fast_shape = Some((shape, letters));
                    kind
                }
                None => scan_word(&mut cur),
            }
        } else if is_apostrophe(c)
            && !space
            && matches!(cur.peek2(), Some('s') | Some('S'))
            && !cur.peek3().is_some_and(is_word_char)
            && tokens.last().is_some_and(|t| t.is_wordlike())
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
        let shape = match fast_shape {
            Some((shape, _)) => shape,
            // one ASCII punctuation character
            None if FAST && tok_text.len() == 1 && !tok_text.as_bytes()[0].is_ascii_alphanumeric() => Shape::Punct,
            None => shape_of(tok_text),
        };
        // sentence boundary before this token?
        let closing = kind == TokenKind::Punct && tok_text.chars().all(is_closing);
        let new_sentence = !tokens.is_empty()
            && (newline
                || (terminal
                    && !closing
                    && !matches!(shape, Shape::Lower | Shape::Mixed)
                    && !matches!(tok_text, "," | ";" | ":" | ")" | "]")));
        if new_sentence {
            sentences.push(Sentence { start: sent_first_tok, end: tokens.len(), headline: head.is_headline() });
            head = Headline::default();
            sentence += 1;
            sent_first_tok = tokens.len();
            seen_word_in_sentence = false;
        }
        if FAST && matches!(kind, TokenKind::Word | TokenKind::Elision) {
            head.add(shape, || match fast_shape {
                Some((_, letters)) => letters as usize,
                None => tok_text.chars().filter(|c| c.is_alphabetic()).count(),
            });
        }
        let wordlike = kind != TokenKind::Punct;
        let sent_start = wordlike && !seen_word_in_sentence;
        if wordlike {
            seen_word_in_sentence = true;
        }
        tokens.push(Token {
            start: start as u32,
            end: cur.pos as u32,
            cp_start: cp_start as u32,
            cp_end: cur.cp as u32,
            sentence: sentence as u32,
            shape,
            kind,
            space_before: space,
            sent_start,
        });
        if kind == TokenKind::Punct {
            if matches!(tok_text, "." | "!" | "?" | "…" | "..." | "!?" | "?!") || tok_text.starts_with("..") {
                terminal = true;
            } else if !closing {
                terminal = false;
            }
        } else {
            terminal = false;
        }
        space = false;
        newline = false;
    }
    if !tokens.is_empty() {
        sentences.push(Sentence { start: sent_first_tok, end: tokens.len(), headline: head.is_headline() });
    }
    if !FAST {
        for s in &mut sentences {
            s.headline = is_headline(text, &tokens[s.start..s.end]);
        }
    }
    Tokenized { text, tokens, sentences }
}

/// [`is_headline`], decided while the sentence is scanned.
#[derive(Default)]
struct Headline {
    /// Words of two letters or more, all ALL-CAPS so far.
    words: usize,
    /// A word of two letters or more that is not ALL-CAPS.
    not: bool,
}

impl Headline {
    /// One word or elision of the sentence; `letters` counts its letters (asked only when needed).
    fn add(&mut self, shape: Shape, letters: impl FnOnce() -> usize) {
        if shape == Shape::AllCaps {
            // ALL-CAPS has two letters or more
            self.words += 1;
        } else if !self.not && letters() >= 2 {
            self.not = true;
        }
    }

    fn is_headline(&self) -> bool {
        !self.not && self.words >= 2
    }
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
    fn offsets_in_both_units() {
        let text = "Sergueï Lavrov à Moscou";
        let t = tokenize(text);
        let chars: Vec<char> = text.chars().collect();
        for tok in &t.tokens {
            let by_cp: String = chars[tok.cp_start as usize..tok.cp_end as usize].iter().collect();
            assert_eq!(by_cp, tok.text(text));
        }
        assert_eq!((t.tokens[1].cp_start, t.tokens[1].cp_end), (8, 14));
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
        assert_eq!(fast.tokens, slow.tokens, "tokens of {text:?}");
        assert_eq!(fast.sentences, slow.sentences, "sentences of {text:?}");
    }

    #[test]
    fn fast_path_agrees_on_tricky_text() {
        let text = "M. Lavrov, l’ONU et l'OTAN à N’Djamena: 1,5 million, 3.000 soldats, U.S. Army, the U.S.-led \
            coalition. Dr. Smith (Geneva-based) wrote to jean.dupont@example.fr and a.b@c.io, see www.example.org. \
            Hello... Quoi? «Non.» Jean-Pierre Bemba’s rivals, Russia's army; aujourd’hui — 12. mai, J. K. Rowling, \
            Mme Diop; ÉTATS-UNIS. Émile Zola a écrit. 北京市 ½ x² ⅰ Ⓐ. Ⓐ.b a\u{301}b e\u{301}. e\u{301}, \
            C’est l’été; c´est ʼok′ d‐x d‑y 4,a 4,5 x.@y.fr a_b a%b a+b a-b a@b a'b a`b 1.a i.e. e.g., M.Lavrov";
        same_as_slow(text);
        for (i, _) in text.char_indices() {
            same_as_slow(&text[i..]);
            same_as_slow(&text[..i]);
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_path_agrees(words in proptest::collection::vec(proptest::sample::select(vec![
            "a", "B", "été", "É", "1", "23", ".", ",", "'", "’", "-", "\u{2010}", "@", "_", "%", "+", " ", "\n",
            "M", "Dr", "U", "S", "x", "fr", "www", "«", "»", "…", "´", "`", "½", "北", "\u{301}", "Ⓐ", "ʼ", "?",
        ]), 0..24)) {
            same_as_slow(&words.concat());
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
