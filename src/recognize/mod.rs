//! Recognizers: each reads the tokens and proposes [`Candidate`]s; none decides alone (the resolver does).
//!
//! All of them share one [`Ctx`] built once per document: the token ids, every gazetteer match, and the
//! per-token cues (given name, title, demonym) derived from those matches, so no rule repeats a lookup.

pub mod cache;
pub mod event;
pub mod gazetteer;
pub mod location;
pub mod organization;
pub mod person;
pub mod words;

use crate::gazetteer::{flags, skips_lookup, Match, Matcher, RowKind, TokId, TokIds};
use crate::label::Label;
use crate::lang::Language;
use crate::tokenize::{Shape, TokenKind, Tokenized};
use std::borrow::Cow;
use std::mem::MaybeUninit;

/// Which recognizer proposed a candidate; it becomes the `recognizer` field of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A gazetteer entry; the value is the entry id.
    Gazetteer(u32),
    /// A title or honorific followed by a name (`M. Lavrov`).
    Title,
    /// A known given name followed by a surname (`Abdoulaye Diop`).
    GivenName,
    /// A full name next to a verb of saying (`said Emeka Obi`).
    SpeechVerb,
    /// A full name followed by a role in apposition (`Emeka Obi, the firm’s analyst`).
    Apposition,
    /// An occupation, kinship noun or passive agent before a name (`le réalisateur Elia Kazan`).
    Role,
    /// Another member of a list whose first member was recognized (`Kevin Bacon, Mena Suvari`).
    Coordination,
    /// An entry of a ranked results list (`2. van Petegem (Be)`), and its nationality code.
    RankedList,
    /// An acronym defined in parentheses after its long form.
    Acronym,
    /// The long form of an acronym defined in the text.
    AcronymLongForm,
    /// A classifier word before the name (`le groupe Wagner`) or a company suffix (`Atlas SA`).
    Classifier,
    /// An institutional name built on a head noun (`Ministère de la Défense`).
    OrgHead,
    /// A place classifier next to the name (`le village de Koumbéla`, `the Donetsk region`).
    PlaceClassifier,
    /// An unknown name after a locative preposition (`à Gaoua`).
    PlaceContext,
    /// An event name (`Tour de France`, `US Open`): it wins the overlap so that the place inside it is
    /// not reported, and is itself dropped (events are not entities).
    Event,
    /// A place name closed by a geographic word (`Ondo State`, `Second Thomas Shoal`).
    PlaceSuffix,
    /// An organization name extended by `of`/`du` + a known place (`Croix-Rouge du Vanuatu`).
    OrgOfPlace,
    /// A known name joined to unknown capitalized words (`Rugby Australia`, `Google Cloud`).
    Compound,
    /// A team named by nickname and city (`Packers de Green Bay`).
    Team,
    /// A later partial mention of a person (`Lavrov` after `Sergueï Lavrov`).
    PartialName,
    /// Another occurrence of a surface form already recognized in the document.
    Propagated,
}

impl Rule {
    pub fn name(self, m: &Matcher) -> Cow<'static, str> {
        match self {
            Rule::Gazetteer(e) => {
                let origin = &m.origins[m.entries[e as usize].origin as usize];
                Cow::Owned(format!("gazetteer:{}", origin.name))
            }
            Rule::Title => "rule:title".into(),
            Rule::GivenName => "rule:given-name".into(),
            Rule::SpeechVerb => "rule:speech-verb".into(),
            Rule::Apposition => "rule:apposition".into(),
            Rule::Role => "rule:role".into(),
            Rule::Coordination => "link:coordination".into(),
            Rule::RankedList => "rule:ranked-list".into(),
            Rule::Acronym => "rule:acronym".into(),
            Rule::AcronymLongForm => "rule:acronym-long-form".into(),
            Rule::Classifier => "rule:classifier".into(),
            Rule::OrgHead => "rule:org-head".into(),
            Rule::PlaceClassifier => "rule:place-classifier".into(),
            Rule::PlaceContext => "rule:place-context".into(),
            Rule::Event => "rule:event".into(),
            Rule::PlaceSuffix => "rule:place-suffix".into(),
            Rule::OrgOfPlace => "rule:org-of-place".into(),
            Rule::Compound => "rule:compound-name".into(),
            Rule::Team => "rule:team-of-city".into(),
            Rule::PartialName => "link:partial-name".into(),
            Rule::Propagated => "link:same-form".into(),
        }
    }

    /// Tie-break after score and length: a lower number wins.
    pub fn priority(self) -> u8 {
        match self {
            Rule::Gazetteer(_) => 0,
            Rule::Title => 1,
            Rule::Acronym => 2,
            Rule::Classifier => 3,
            Rule::GivenName => 4,
            Rule::SpeechVerb | Rule::Apposition | Rule::Role => 5,
            Rule::Coordination => 9,
            Rule::RankedList => 5,
            Rule::OrgHead => 5,
            Rule::AcronymLongForm => 6,
            Rule::PlaceClassifier => 7,
            Rule::PlaceContext => 8,
            Rule::Event => 0,
            Rule::PlaceSuffix => 7,
            Rule::OrgOfPlace => 3,
            Rule::Compound | Rule::Team => 6,
            Rule::PartialName => 9,
            Rule::Propagated => 10,
        }
    }
}

/// A proposed entity over tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub score: f32,
    pub rule: Rule,
}

/// Cues about one token, derived from single-token gazetteer matches. Sixteen bytes (one per token of a
/// document, read by every rule): the yes/no cues are bits, read through the methods.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokInfo {
    /// Word-class bits ([`words::class`]), and the per-token trigger bits.
    pub class: u64,
    /// Flags of the GIVEN entries, when [`TokInfo::given`] holds.
    given_flags: u32,
    iso: [u8; 2],
    cues: u16,
}

/// The bits of [`TokInfo::cues`].
mod cue {
    pub const GIVEN: u16 = 1;
    pub const DEMONYM: u16 = 1 << 1;
    pub const ENTITY: u16 = 1 << 2;
    pub const TITLE_START: u16 = 1 << 3;
    pub const TITLE_LAST: u16 = 1 << 4;
    pub const NAME_WORD: u16 = 1 << 5;
    pub const IN_ENTITY: u16 = 1 << 6;
    pub const PLACE_END: u16 = 1 << 7;
    pub const ISO: u16 = 1 << 8;
}

impl TokInfo {
    /// Flags of the GIVEN entry, if the token is a known given name.
    pub fn given(&self) -> Option<u32> {
        (self.cues & cue::GIVEN != 0).then_some(self.given_flags)
    }

    pub fn demonym(&self) -> bool {
        self.cues & cue::DEMONYM != 0
    }

    /// The token alone is a non-cue gazetteer entity (country, place, organization).
    pub fn entity(&self) -> bool {
        self.cues & cue::ENTITY != 0
    }

    /// A title or honorific starts at this token.
    pub fn title_start(&self) -> bool {
        self.cues & cue::TITLE_START != 0
    }

    /// A title or honorific ends with this token.
    pub fn title_last(&self) -> bool {
        self.cues & cue::TITLE_LAST != 0
    }

    /// Cached [`Ctx::is_name_word`].
    pub fn name_word(&self) -> bool {
        self.cues & cue::NAME_WORD != 0
    }

    /// The token is inside some entity match of any length (`Zealand` in `New Zealand`).
    pub fn in_entity(&self) -> bool {
        self.cues & cue::IN_ENTITY != 0
    }

    /// A country or place match ends at this token (`Bank` in `West Bank`).
    pub fn place_end(&self) -> bool {
        self.cues & cue::PLACE_END != 0
    }

    /// ISO code of a place or country matched from this token, for disambiguation.
    pub fn iso(&self) -> Option<[u8; 2]> {
        (self.cues & cue::ISO != 0).then_some(self.iso)
    }

    fn set(&mut self, bits: u16) {
        self.cues |= bits;
    }
}

/// Everything a recognizer may read about a document.
pub struct Ctx<'a> {
    pub doc: &'a Tokenized<'a>,
    pub m: &'a Matcher,
    pub ids: Vec<TokIds>,
    /// Every gazetteer match, by start token.
    pub matches: Vec<Match>,
    pub info: Vec<TokInfo>,
    /// Title spans (token ranges) with their flags.
    pub titles: Vec<(usize, usize, u32)>,
    /// The indices in `matches` of the matches with an unambiguous country or place entry, in order: the
    /// only ones [`location`]'s region rule reads (a scan of all the matches cost it some 6 M instructions
    /// on a 12 MB folder, for a few hundred regions).
    places: Vec<u32>,
    /// Every entity entry of every match, as (index in `matches`, entry id), in match order then entry
    /// order: what [`gazetteer`]'s rule reads (it walked the matches' entries again, a trie node's entry
    /// range looked up per match, to skip the cue entries).
    entities: Vec<(u32, u32)>,
    pub lang: Language,
    /// For each trigger bit ([`TRIGGERS`]), the tokens that have it, in order: what [`Ctx::each`]
    /// visits. One list per bit, so that a rule reads only the positions it starts on (a scan of one
    /// shared list by every rule streamed it from memory twenty times on long documents).
    starts_of: Vec<Vec<u32>>,
}

/// The positions [`Ctx::each`] yields: one list, or two merged (a rule that starts on either of two
/// bits), or more merged in advance. One list has a variant of its own: read through `Merge` with an
/// empty second list, every step also tested that list (some twelve instructions a position, on lists of
/// a quarter of a million positions).
pub enum Each<'c> {
    One(std::slice::Iter<'c, u32>),
    Merge(&'c [u32], &'c [u32]),
    Owned(std::vec::IntoIter<u32>),
}

impl Iterator for Each<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        match self {
            Each::One(it) => it.next().map(|&p| p as usize),
            Each::Merge(a, b) => {
                let next = match (a.first(), b.first()) {
                    (Some(&x), Some(&y)) if x == y => {
                        *a = &a[1..];
                        *b = &b[1..];
                        x
                    }
                    (Some(&x), Some(&y)) if x < y => {
                        *a = &a[1..];
                        x
                    }
                    (_, Some(&y)) => {
                        *b = &b[1..];
                        y
                    }
                    (Some(&x), None) => {
                        *a = &a[1..];
                        x
                    }
                    (None, None) => return None,
                };
                Some(next as usize)
            }
            Each::Owned(it) => it.next().map(|p| p as usize),
        }
    }
}

/// Every bit a rule starts on: a token with none of them starts no rule, and [`Ctx::each`] skips it.
/// (Most tokens are lowercase words of no class: a rule that scanned them all would spend most of its
/// time proving that nothing starts there.)
const TRIGGERS: u64 = words::class::ORG_CLASSIFIER
    | words::class::PLACE_CLASSIFIER
    | words::class::PLACE_SUFFIX
    | words::class::PLACE_PREP
    | words::class::SPEECH
    | words::class::ORG_HEAD
    | words::class::ORG_SUFFIX
    | words::class::LOC_SUFFIX
    | words::class::EVENT_HEAD
    | words::class::EVENT_SUFFIX
    | words::class::ROLE
    | words::class::AGENT
    | words::class::COMMA
    | words::class::LPAREN
    | words::class::DE
    | words::class::STREET
    | words::class::POLITY_HEAD
    | words::class::CLUB_OPEN
    | words::class::MISREAD_CIVILITY
    | words::class::NAME_WORD
    | words::class::CAPITAL
    | words::class::DIGIT
    | words::class::ABBREVIATION
    | words::class::MIXED;

thread_local! {
    /// The position lists of the thread's last document, emptied: a document fills some thirty lists, and
    /// growing each from nothing cost a reallocation every few positions.
    static SPARE_LISTS: std::cell::Cell<Vec<Vec<u32>>> = const { std::cell::Cell::new(Vec::new()) };
}

/// A list kept for the next document holds at most this many positions (4 MiB for all 64): memory stays
/// bounded by a typical document, not by the largest one met.
const SPARE_LIST_MAX: usize = 1 << 14;

/// Sixty-four empty position lists, the thread's spare ones if it has them.
fn spare_lists() -> Vec<Vec<u32>> {
    let lists = SPARE_LISTS.take();
    if lists.len() == 64 {
        lists
    } else {
        vec![Vec::new(); 64]
    }
}

impl Drop for Ctx<'_> {
    fn drop(&mut self) {
        let mut lists = std::mem::take(&mut self.starts_of);
        if lists.len() != 64 {
            return;
        }
        for list in &mut lists {
            if list.capacity() > SPARE_LIST_MAX {
                *list = Vec::new();
            } else {
                list.clear();
            }
        }
        SPARE_LISTS.set(lists);
    }
}

/// Whether `word` has two letters or more. Most words start with two ASCII letters, which settles it
/// without decoding a character.
#[inline]
fn has_two_letters(word: &str) -> bool {
    match word.as_bytes() {
        [a, b, ..] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => true,
        _ => word.chars().filter(|c| c.is_alphabetic()).take(2).count() >= 2,
    }
}

/// The trigger bits a token has by its shape and kind alone ([`words::class`]: CAPITAL, MIXED, DIGIT,
/// ABBREVIATION, COMMA, LPAREN); NAME_WORD, which also needs the matches, is set later.
#[inline]
fn token_bits(t: &crate::tokenize::Token, text: &str) -> u64 {
    use words::class::{ABBREVIATION, CAPITAL, COMMA, DIGIT, LPAREN, MIXED};
    let mut bits = match t.shape {
        Shape::Capitalized | Shape::AllCaps => CAPITAL,
        Shape::Mixed => MIXED,
        Shape::Digit => DIGIT,
        _ => 0,
    };
    match t.kind {
        TokenKind::Abbreviation => bits |= ABBREVIATION,
        TokenKind::Punct if t.len() == 1 => match text.as_bytes()[t.start as usize] {
            b',' => bits |= COMMA,
            b'(' => bits |= LPAREN,
            _ => {}
        },
        _ => {}
    }
    bits
}

/// How many tokens ahead [`known_run`] asks memory for the memo slot of a token: far enough that the line
/// has come when the probe does, near enough that it is still in cache (8 to 32 measured alike, 4 slower).
const AHEAD: usize = 8;

/// [`Ctx::new`]'s per-token pass from token `from` on, for as long as the memo knows the forms. Where it
/// stops, the token is one the memo does not know yet, an ALL-CAPS one (whose caseless id depends on its
/// sentence), one of more than 16 bytes or one within 16 bytes of the end of the text; or it is the end.
///
/// DESIGN note: the loop of the common case alone, out of line, and the caller's loop does the rest
/// token by token. With the miss path inside, the loop kept more values alive than there are registers
/// and spent a fifth of its instructions moving them to and from the stack (the pass went from ~160 to
/// ~110 instructions a token).
#[inline(never)]
fn known_run(
    cache: &cache::TokenCache,
    doc: &Tokenized<'_>,
    from: usize,
    ids: &mut [MaybeUninit<TokIds>],
    info: &mut [MaybeUninit<TokInfo>],
    starts: &mut Vec<u32>,
    starts_of: &mut [Vec<u32>],
) -> usize {
    let tokens = doc.tokens.get(from..).unwrap_or_default();
    let ids = ids.get_mut(from..).unwrap_or_default();
    let info = info.get_mut(from..).unwrap_or_default();
    // one zip: no index into `ids` and `info` to test against their lengths
    for (k, ((t, id_room), info_room)) in tokens.iter().zip(ids).zip(info).enumerate() {
        let i = from + k;
        if let Some(ahead) = tokens.get(k + AHEAD) {
            cache.prefetch_short(doc.text, ahead.range());
        }
        if skips_lookup(t) {
            // long punctuation: no id, no class, no trigger
            id_room.write(TokIds::default());
            info_room.write(TokInfo::default());
            continue;
        }
        if t.shape == Shape::AllCaps {
            return i;
        }
        let Some(known) = cache.get_short(doc.text, t.range()) else { return i };
        let looked = Looked { i, t, known, ids: TokIds { exact: known.exact, caseless: None, decap: known.decap } };
        looked.write(doc.text, id_room, info_room, starts, starts_of);
    }
    doc.tokens.len()
}

/// A token whose facts are known: what [`Ctx::new`]'s pass writes of it.
struct Looked<'t> {
    i: usize,
    t: &'t crate::tokenize::Token,
    known: cache::Known,
    ids: TokIds,
}

impl Looked<'_> {
    /// Writes the token's ids and cues in their room, and its position in the lists it belongs to.
    #[inline(always)]
    fn write(
        &self,
        text: &str,
        id_room: &mut MaybeUninit<TokIds>,
        info_room: &mut MaybeUninit<TokInfo>,
        starts: &mut Vec<u32>,
        starts_of: &mut [Vec<u32>],
    ) {
        let i = self.i as u32;
        if self.known.starts() || self.ids.caseless.is_some() {
            starts.push(i);
        }
        id_room.write(self.ids);
        let class = self.known.class() | token_bits(self.t, text);
        info_room.write(TokInfo { class, ..TokInfo::default() });
        let mut triggers = class & TRIGGERS;
        while triggers != 0 {
            if let Some(list) = starts_of.get_mut(triggers.trailing_zeros() as usize) {
                list.push(i);
            }
            triggers &= triggers - 1;
        }
    }
}

impl<'a> Ctx<'a> {
    pub fn new(doc: &'a Tokenized<'a>, m: &'a Matcher, lang: Language) -> Self {
        // one pass over the tokens: the key of each is computed once, for its gazetteer ids and its
        // word classes
        let n = doc.tokens.len();
        // written in place, once per token, in order (rather than zero-filled then written, or pushed with
        // a capacity test each)
        let mut ids: Vec<TokIds> = Vec::with_capacity(n);
        let mut info: Vec<TokInfo> = Vec::with_capacity(n);
        let (mut key_buf, mut lower) = (String::new(), String::new());
        let mut scratch = crate::gazetteer::Scratch::default();
        // the tokens where some name may start (most have no id that begins one)
        // about one token in six; a quarter is reserved (unused room costs no memory, a doubling list does)
        let mut starts: Vec<u32> = Vec::with_capacity(n / 4 + 1);
        // the trigger lists are filled in the same pass, but for NAME_WORD, which needs the matches
        let mut starts_of = spare_lists();
        cache::with(m, |cache| {
            let (ids_room, info_room) = (&mut ids.spare_capacity_mut()[..n], &mut info.spare_capacity_mut()[..n]);
            let mut i = 0;
            loop {
                i = known_run(cache, doc, i, ids_room, info_room, &mut starts, &mut starts_of);
                let Some(t) = doc.tokens.get(i) else { break };
                // a form the memo does not know yet, or an ALL-CAPS token (which may have a caseless id)
                let known = cache.get_or_compute_in(doc.text, t.range(), || {
                    let text = t.text(doc.text);
                    let k = crate::normalize::key_in(text, &mut key_buf);
                    let exact = m.key_id(k).map(TokId::new);
                    let decap = m.decap_id(text, t.shape, exact, &mut scratch);
                    let class = if !t.is_wordlike() {
                        0
                    } else if t.shape == Shape::Lower {
                        words::classify(text, k, true)
                    } else {
                        crate::normalize::lower_into(k, &mut lower);
                        words::classify(text, &lower, false)
                    };
                    let starts = exact.is_some_and(|id| m.starts_name(id));
                    cache::Known::new(exact, decap, starts, class)
                });
                let tok_ids = m.ids_with(doc, t, known.exact, known.decap, &mut scratch);
                let token = Looked { i, t, known, ids: tok_ids };
                // (indexed, not `get`: the SAFETY argument below needs this token written; `i < n`)
                token.write(doc.text, &mut ids_room[i], &mut info_room[i], &mut starts, &mut starts_of);
                i += 1;
            }
        });
        // SAFETY: the pass wrote each of the first `n` elements of both, in order: `known_run` every token
        // it passes, the loop above each token where `known_run` stopped; both have room for `n`.
        unsafe {
            ids.set_len(n);
            info.set_len(n);
        }
        // fewer matches than starts (two fifths in news): one allocation, not a list doubling in fresh memory
        let mut matches = Vec::with_capacity(starts.len());
        m.matches_from(&ids, &starts, &mut matches);
        let mut titles = Vec::new();
        let mut places = Vec::new();
        let mut entities = Vec::with_capacity(matches.len());
        // the entries' facts, not the entries: eight bytes each, read with one index
        let facts = m.facts();
        for (k, mt) in matches.iter().enumerate() {
            let mut place = false;
            for &e in m.node_entries(mt.node) {
                let entry = facts.get(e);
                if let RowKind::Entity(label) = entry.kind {
                    entities.push((k as u32, e));
                    let place_label = matches!(label, Label::Country | Label::Location);
                    place |= place_label && !entry.has(flags::AMBIGUOUS);
                    if !entry.has(flags::ARTICLE_DROPPED) && !entry.has(flags::AMBIGUOUS) {
                        info[mt.start..mt.end].iter_mut().for_each(|t| t.set(cue::IN_ENTITY));
                        if place_label {
                            info[mt.end - 1].set(cue::PLACE_END);
                            if let Some(code) = entry.iso() {
                                info[mt.start].iso = code;
                                info[mt.start].set(cue::ISO);
                            }
                        }
                    }
                }
                match entry.kind {
                    RowKind::Title if !mt.caseless => {
                        titles.push((mt.start, mt.end, entry.flags));
                        info[mt.start].set(cue::TITLE_START);
                        info[mt.end - 1].set(cue::TITLE_LAST);
                    }
                    _ if mt.end - mt.start != 1 => {}
                    RowKind::Given if !mt.caseless => {
                        info[mt.start].given_flags |= entry.flags;
                        info[mt.start].set(cue::GIVEN);
                    }
                    RowKind::Demonym => info[mt.start].set(cue::DEMONYM),
                    RowKind::Entity(_) if !entry.has(flags::ARTICLE_DROPPED) => info[mt.start].set(cue::ENTITY),
                    _ => {}
                }
            }
            if place {
                places.push(k as u32);
            }
        }
        let mut ctx = Ctx { doc, m, ids, matches, info, titles, places, entities, lang, starts_of };
        // a name word is capitalized (or mixed case): only those tokens are visited; mixed-case words are
        // rare, so the two lists are read one after the other and sorted only when both gave some
        let name_bit = words::class::NAME_WORD.trailing_zeros() as usize;
        let mut name_words = std::mem::take(&mut ctx.starts_of[name_bit]);
        let list = |bit: u64| &ctx.starts_of[bit.trailing_zeros() as usize];
        let capitals = list(words::class::CAPITAL);
        ctx.push_name_words(capitals, &mut name_words);
        let from_capitals = name_words.len();
        ctx.push_name_words(list(words::class::MIXED), &mut name_words);
        if from_capitals > 0 && name_words.len() > from_capitals {
            name_words.sort_unstable();
        }
        for &i in &name_words {
            let inf = &mut ctx.info[i as usize];
            inf.set(cue::NAME_WORD);
            inf.class |= words::class::NAME_WORD;
        }
        ctx.starts_of[name_bit] = name_words;
        ctx
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.doc.tokens.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.doc.tokens.is_empty()
    }

    #[inline]
    pub fn text(&self, i: usize) -> &'a str {
        self.doc.tok_text(i)
    }

    /// Lower-cased token text; borrowed when it already is.
    pub fn lower(&self, i: usize) -> Cow<'a, str> {
        let s = self.text(i);
        if s.bytes().all(|b| !b.is_ascii_uppercase()) && (s.is_ascii() || self.doc.tokens[i].shape == Shape::Lower) {
            Cow::Borrowed(s)
        } else {
            Cow::Owned(crate::normalize::lower_key(s))
        }
    }

    /// Whether token `i` has any of the word-class bits `bits`.
    #[inline]
    pub fn has(&self, i: usize, bits: u64) -> bool {
        self.info[i].class & bits != 0
    }

    /// The tokens with any of the trigger bits `bits` (a subset of [`TRIGGERS`]), in order: a rule that
    /// starts on such a token visits these instead of every token.
    #[inline]
    pub fn each(&self, bits: u64) -> Each<'_> {
        debug_assert!(bits & !TRIGGERS == 0, "not a trigger bit");
        // the lists of the set bits, lowest first: one or two are merged on the fly, more in advance
        let bits = bits & TRIGGERS;
        let list = |k: u32| self.starts_of.get(k as usize).map_or(&[][..], |l| &l[..]);
        let (low, high) = (bits.trailing_zeros(), 63 - bits.leading_zeros().min(63));
        match bits.count_ones() {
            0 => Each::One([].iter()),
            1 => Each::One(list(low).iter()),
            2 => Each::Merge(list(low), list(high)),
            _ => {
                let mut all = Vec::new();
                let mut rest = bits;
                while rest != 0 {
                    all.extend_from_slice(list(rest.trailing_zeros()));
                    rest &= rest - 1;
                }
                all.sort_unstable();
                all.dedup();
                Each::Owned(all.into_iter())
            }
        }
    }

    #[inline]
    pub fn shape(&self, i: usize) -> Shape {
        self.doc.tokens[i].shape
    }

    #[inline]
    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.doc.tokens[a].sentence == self.doc.tokens[b].sentence
    }

    /// A word that could be part of a name: capitalized, not a known demonym, not a headline word.
    #[inline]
    pub fn is_name_word(&self, i: usize) -> bool {
        self.info[i].name_word()
    }

    /// Appends to `out`, in order, the tokens of `list` that are name words ([`Ctx::is_name_word`], computed
    /// once per token: the rules ask it many times).
    ///
    /// DESIGN note: one loop over the list with the tables read once, and the headline test only for a
    /// document that has a headline (most have none). It was a call of [`Ctx::name_word_uncached`] per
    /// token, which read the tables again each time: some 60 instructions a capitalized token.
    fn push_name_words(&self, list: &[u32], out: &mut Vec<u32>) {
        let (tokens, info, text) = (&self.doc.tokens[..], &self.info[..], self.doc.text.as_bytes());
        let headlines = self.doc.sentences.iter().any(|s| s.headline);
        out.reserve(list.len());
        for &i in list {
            let i = i as usize;
            let (Some(t), Some(inf)) = (tokens.get(i), info.get(i)) else { continue };
            // the kind and shape first: they are in the token, the rest is elsewhere
            let shape = t.shape == Shape::Capitalized
                || (t.shape == Shape::Mixed && inf.class & words::class::ARABIC_ARTICLE != 0);
            if t.kind != TokenKind::Word || !shape || inf.demonym() || (headlines && self.doc.is_headline(i)) {
                continue;
            }
            let letters = match text.get(t.start as usize..t.start as usize + 2) {
                // most words start with two ASCII letters, which settles it without slicing the text
                Some([a, b]) if t.len() >= 2 && a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => true,
                _ => has_two_letters(t.text(self.doc.text)),
            };
            if letters {
                out.push(i as u32);
            }
        }
    }

    /// [`Ctx::is_name_word`] of one token, computed: the reference of [`Ctx::push_name_words`].
    #[cfg(test)]
    fn name_word_uncached(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        // the kind and shape first: they are in the token, the rest is elsewhere
        matches!(t.kind, TokenKind::Word)
            && (t.shape == Shape::Capitalized || (t.shape == Shape::Mixed && self.has(i, words::class::ARABIC_ARTICLE)))
            && !self.info[i].demonym()
            && !self.doc.is_headline(i)
            && match self.doc.text.as_bytes().get(t.start as usize..t.start as usize + 2) {
                // most words start with two ASCII letters, which settles it without slicing the text
                Some([a, b]) if t.len() >= 2 && a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => true,
                _ => has_two_letters(t.text(self.doc.text)),
            }
    }

    /// The end (exclusive) of a run of name words starting at `i`, with particles allowed inside
    /// (`de Gaulle`, `von der Leyen`); at most `max` name words. Returns `i` when there is none.
    pub fn name_run(&self, i: usize, max: usize) -> usize {
        let n = self.len();
        let mut end = i;
        let mut j = i;
        let mut words = 0;
        while j < n && words < max && self.same_sentence(i, j) {
            if self.is_name_word(j) && !self.is_title_start(j) {
                words += 1;
                j += 1;
                end = j;
                continue;
            }
            // a middle initial between name words: `Andrew G. Vajna`
            let t = &self.doc.tokens[j];
            let initial = t.kind == TokenKind::Abbreviation && t.end - t.start <= 3 && t.shape == Shape::Capitalized;
            if end > i && end == j && initial && j + 1 < n && self.is_name_word(j + 1) {
                j += 1;
                continue;
            }
            // a regnal number closes a name: `Abdullah II`, `Charles III`
            if end > i && end == j && self.has(j, words::class::ROMAN) {
                end = j + 1;
                break;
            }
            // particles only between name words, e.g. "von der" + Leyen
            if end > i && words_particle_run(self, j).is_some_and(|k| k < n && self.is_name_word(k)) {
                j = words_particle_run(self, j).unwrap_or(j);
                continue;
            }
            break;
        }
        end
    }

    /// The start of the run of tokens right before `k` (in its sentence, at most `max` of them) that all
    /// satisfy `pred`; `k` itself when there is none. The rules that read a name backwards from a word
    /// that closes it (`Ltd`, `State`, `said`) share it.
    pub fn run_before(&self, k: usize, max: usize, pred: impl Fn(usize) -> bool) -> usize {
        let mut s = k;
        while s > 0 && k - s < max && self.same_sentence(s - 1, k) && pred(s - 1) {
            s -= 1;
        }
        s
    }

    #[inline]
    pub fn is_title_start(&self, i: usize) -> bool {
        self.info[i].title_start()
    }

    /// Lower-cased text of the previous word-like token, if any.
    pub fn prev_lower(&self, i: usize) -> Option<Cow<'a, str>> {
        (i > 0).then(|| self.lower(i - 1))
    }
}

/// The end of a run of name particles starting at `j`, if `j` starts one.
fn words_particle_run(ctx: &Ctx<'_>, j: usize) -> Option<usize> {
    let mut k = j;
    while k < ctx.len() && k - j < 3 && ctx.has(k, words::class::PARTICLE) {
        k += 1;
    }
    (k > j).then_some(k)
}

/// Runs every recognizer over a document.
pub fn recognize(ctx: &Ctx<'_>) -> Vec<Candidate> {
    // about one candidate per match, and a few from the rules: one allocation where a doubling list
    // copied itself (in fresh memory) a dozen times on a long document
    let mut out = Vec::with_capacity(ctx.matches.len() + ctx.len() / 16);
    gazetteer::propose(ctx, &mut out);
    person::propose(ctx, &mut out);
    organization::propose(ctx, &mut out);
    location::propose(ctx, &mut out);
    event::propose(ctx, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    /// `each` must visit exactly the tokens a full scan would find: a rule that started on a skipped
    /// token would silently lose its candidates.
    #[test]
    fn two_letters() {
        for (w, want) in
            [("Ab", true), ("A", false), ("A1", false), ("Él", true), ("1Ab", true), ("É", false), ("", false)]
        {
            assert_eq!(has_two_letters(w), want, "{w}");
        }
    }

    /// A context built after another on the same thread reuses its lists: it must see only its own
    /// document's positions.
    #[test]
    fn spare_lists_hold_nothing_of_the_previous_document() {
        let m = crate::gazetteer::compile(&crate::GazetteerConfig::default()).expect("built-in lists");
        let (a, b) = ("Le ministre Lavrov, à Bamako (Mali), rue de la Paix.", "Selon M. Diop, 12 FC Sion.");
        let lists = |text: &str| {
            let doc = tokenize(text);
            let ctx = Ctx::new(&doc, &m, Language::Fr);
            (0..64).filter(|k| TRIGGERS & (1u64 << k) != 0).map(|k| ctx.each(1 << k).collect()).collect::<Vec<Vec<_>>>()
        };
        let fresh = std::thread::scope(|s| s.spawn(|| lists(b)).join().expect("thread"));
        lists(a);
        assert_eq!(lists(b), fresh);
        assert!(fresh.iter().any(|l| !l.is_empty()));
    }

    /// `push_name_words` keeps exactly the tokens `name_word_uncached` accepts, with and without a
    /// headline in the document.
    #[test]
    fn name_words_are_the_tokens_the_reference_accepts() {
        let m = crate::gazetteer::compile(&crate::GazetteerConfig::default()).expect("built-in lists");
        for text in [
            "Le Français Jean Dupont, A. Él É iPhone al-Qaïda el-Sisi Ab1 1Ab à Bamako. Les Maliens et McDonald.",
            "LE MALI ET LES ÉTATS-UNIS\n\nJean Dupont vit à Paris, O'Neil et Ésope aussi. Un Sénégalais.",
        ] {
            let doc = tokenize(text);
            assert_eq!(doc.sentences.iter().any(|s| s.headline), text.starts_with("LE"), "{text}");
            let ctx = Ctx::new(&doc, &m, Language::Fr);
            let all: Vec<u32> = (0..ctx.len() as u32).collect();
            let mut got = Vec::new();
            ctx.push_name_words(&all, &mut got);
            let want: Vec<u32> = all.iter().copied().filter(|&i| ctx.name_word_uncached(i as usize)).collect();
            assert_eq!(got, want, "{text}");
            assert!(want.len() >= 5, "{text}");
            assert!((0..ctx.len()).all(|i| ctx.is_name_word(i) == ctx.name_word_uncached(i)), "{text}");
        }
    }

    /// `places` lists, in order, the matches with an unambiguous country or place entry: what the region
    /// rule read from all the matches.
    #[test]
    fn places_are_the_matches_with_an_unambiguous_place() {
        let m = crate::gazetteer::compile(&crate::GazetteerConfig::default()).expect("built-in lists");
        let text = "La Suisse romande, l'Allemagne du Sud, le Mali, Paris et Orange, au Caire, à Georgia, \
                    l'ONU et la Banque mondiale, le président Macron.";
        let doc = tokenize(text);
        let ctx = Ctx::new(&doc, &m, Language::Fr);
        let want: Vec<u32> = (0..ctx.matches.len() as u32)
            .filter(|&k| {
                m.node_entries(ctx.matches[k as usize].node).iter().any(|&e| {
                    let entry = &m.entries[e as usize];
                    matches!(entry.kind, RowKind::Entity(Label::Country | Label::Location))
                        && !entry.has(flags::AMBIGUOUS)
                })
            })
            .collect();
        assert_eq!(ctx.places, want);
        // `entities`: the nested walk of the matches' entity entries
        let walk: Vec<(u32, u32)> = (0..ctx.matches.len() as u32)
            .flat_map(|k| m.node_entries(ctx.matches[k as usize].node).iter().map(move |&e| (k, e)))
            .filter(|&(_, e)| matches!(m.entries[e as usize].kind, RowKind::Entity(_)))
            .collect();
        assert_eq!(ctx.entities, walk);
        assert!(walk.len() > want.len());
        assert!(want.len() >= 4 && want.len() < ctx.matches.len(), "{} {}", want.len(), ctx.matches.len());
    }

    #[test]
    fn each_visits_exactly_the_tokens_a_full_scan_finds() {
        let m = crate::gazetteer::compile(&crate::GazetteerConfig::default()).expect("built-in lists");
        let text = "Le ministre, M. Lavrov, a dit à Bamako (Mali) que le groupe Wagner et le FC Sion, \
                    rue de la Paix, 12 . Dupont, selon J. Martin du Royaume de France, NI. Houssin et son iPhone.";
        let doc = tokenize(text);
        let ctx = Ctx::new(&doc, &m, Language::Fr);
        let scan = |pred: &dyn Fn(usize) -> bool| (0..ctx.len()).filter(|&i| pred(i)).collect::<Vec<_>>();
        use words::class::*;
        let cases: [(u64, &dyn Fn(usize) -> bool); 10] = [
            (NAME_WORD, &|i| ctx.is_name_word(i)),
            (CAPITAL | MIXED, &|i| matches!(ctx.shape(i), Shape::Capitalized | Shape::AllCaps | Shape::Mixed)),
            (COMMA, &|i| ctx.text(i) == ","),
            (LPAREN, &|i| ctx.text(i) == "("),
            (DIGIT, &|i| ctx.shape(i) == Shape::Digit),
            (ABBREVIATION, &|i| ctx.doc.tokens[i].kind == TokenKind::Abbreviation),
            (DE, &|i| matches!(ctx.text(i), "de" | "du" | "d'" | "d’")),
            (STREET, &|i| ctx.text(i) == "rue"),
            (PLACE_PREP | ORG_CLASSIFIER, &|i| ctx.has(i, PLACE_PREP | ORG_CLASSIFIER)),
            (COMMA | LPAREN | DE | CAPITAL, &|i| ctx.has(i, COMMA | LPAREN | DE | CAPITAL)),
        ];
        for (bits, pred) in cases {
            let found: Vec<usize> = ctx.each(bits).collect();
            assert!(!found.is_empty(), "the sentence has tokens with bits {bits:#x}");
            assert_eq!(found, scan(pred), "bits {bits:#x}");
        }
        // the NAME_WORD class bit and the name-word cue are one fact (rules test either)
        assert!((0..ctx.len()).all(|i| ctx.has(i, NAME_WORD) == ctx.is_name_word(i)));
        assert_eq!(ctx.each(CLUB_OPEN).map(|i| ctx.text(i)).collect::<Vec<_>>(), ["FC"]);
        assert_eq!(ctx.each(MIXED).map(|i| ctx.text(i)).collect::<Vec<_>>(), ["iPhone"]);
        assert_eq!(ctx.each(POLITY_HEAD).map(|i| ctx.text(i)).collect::<Vec<_>>(), ["Royaume"]);
        assert_eq!(ctx.each(MISREAD_CIVILITY).map(|i| ctx.text(i)).collect::<Vec<_>>(), ["M.", "NI"]);
    }
}
