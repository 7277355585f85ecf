//! Person rules: a title or honorific before a name, and a known given name before a surname.
//! Neither needs the person to be known: that is how invented and little-known people are found.

use super::words::class;
use super::{Candidate, Ctx, Rule};
use crate::gazetteer::{flags, RowKind};
use crate::label::Label;
use crate::tokenize::{Shape, TokenKind};

/// Longest name after a title or given name, in words (`Mohammed bin Salmane Al Saoud`).
const MAX_NAME_WORDS: usize = 4;

pub fn propose(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    title_then_name(ctx, out);
    given_name_then_surname(ctx, out);
    speech_verb_and_name(ctx, out);
    name_then_apposition(ctx, out);
    role_or_agent_then_name(ctx, out);
    initials_then_surname(ctx, out);
    ranked_list(ctx, out);
    misread_civility_then_name(ctx, out);
    given_name_then_capital_surname(ctx, out);
}

/// `René BRAICHET`, `Jean-Pierre DUPONT`: bylines, signatures and lists of names write the surname in
/// capitals. A known given name (not ambiguous) followed by one or two ALL-CAPS words of three letters or
/// more that name nothing known (not an acronym of a body, not a place) is a person.
fn given_name_then_capital_surname(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    // a regnal number (`Louis XIV`) is left to the given-name rule
    let caps = |i: usize, k: usize| {
        k < ctx.len()
            && ctx.shape(k) == Shape::AllCaps
            && ctx.same_sentence(i, k)
            && ctx.doc.tokens[k].kind == TokenKind::Word
            && ctx.text(k).chars().filter(|c| c.is_alphabetic()).count() >= 3
            && !ctx.has(k, class::ROMAN)
            && !ctx.info[k].in_entity()
            && !ctx.info[k].entity()
    };
    for i in ctx.each(class::NAME_WORD).take_while(|&i| i + 1 < ctx.len()) {
        // the cheap tests first: most name words are not followed by capitals (the shape alone, inline,
        // settles them without the rest of `caps`)
        if ctx.shape(i + 1) != Shape::AllCaps
            || !caps(i, i + 1)
            || ctx.is_title_start(i)
            || ctx.has(i, class::COMMON_CAP)
        {
            continue;
        }
        // `Jean-Pierre`, not `Ille-et-Vilaine`: every part of a hyphenated given name is capitalized
        let parts_capitalized = ctx.text(i).split('-').all(|p| p.starts_with(char::is_uppercase));
        let Some(gflags) = given_flags(ctx, i) else { continue };
        if gflags & flags::AMBIGUOUS != 0 || !parts_capitalized {
            continue;
        }
        let mut end = i + 1;
        while end - i <= 2 && caps(i, end) {
            end += 1;
        }
        out.push(Candidate { start: i, end, label: Label::Person, score: 0.85, rule: Rule::GivenName });
    }
}

/// Where a civility title misread by OCR ends, if one starts at token `i`: `NI.`, `Ni.`, `Nl.` (`M.` read
/// as two letters), `M,` and `M..` (the period misread or doubled).
fn misread_civility(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
    // every form starts with `N` or `M`: a byte test skips the other tokens
    if !matches!(ctx.text(i).as_bytes().first(), Some(b'N' | b'M')) {
        return None;
    }
    let next = |k: usize| (k < ctx.len()).then(|| ctx.text(k));
    match (ctx.text(i), next(i + 1)) {
        ("NI" | "Ni" | "Nl", Some(".")) => Some(i + 2),
        ("M", Some(",")) => Some(i + 2),
        ("M.", Some(".")) => Some(i + 2),
        _ => None,
    }
}

/// `NI. Houssin`, `M, Kellogg`, `M.. Charonnat`: scanned newspapers misread `M.` (Monsieur) constantly;
/// the misread title still introduces a surname, which is a PERSON (the title stays out, DESIGN §3). The
/// name must follow directly, be capitalized, as after a real title, and not be a known place or body
/// (`Pierre M, Paris` is an initial and a dateline).
fn misread_civility_then_name(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    for i in ctx.each(class::MISREAD_CIVILITY) {
        let Some(start) = misread_civility(ctx, i) else { continue };
        if start >= ctx.len() || !ctx.is_name_word(start) || ctx.has(start, class::COMMON_CAP | class::MONTH) {
            continue;
        }
        if ctx.info[start].entity() && ctx.info[start].given().is_none() {
            continue;
        }
        let end = ctx.name_run(start, MAX_NAME_WORDS);
        if end > start && !institutional(ctx, start, end) {
            out.push(Candidate { start, end, label: Label::Person, score: 0.85, rule: Rule::Title });
        }
    }
}

/// Most tokens between two entries of one ranked list (`1. Guidi (It, bonif. 12 ") 2. van Petegem`).
const RANK_GAP: usize = 80;

/// The name of a ranked entry whose rank number is token `i` (`12 . Camenzind`, `2 . van Petegem`,
/// `9 . L. Jalabert`): `(name start, name end)`.
fn ranked_name(ctx: &Ctx<'_>, i: usize) -> Option<(usize, usize)> {
    // the lengths and the `.` by its byte first: most numbers are no rank (years, amounts), and this
    // settles them without slicing their text
    let (t, dot) = (&ctx.doc.tokens[i], ctx.doc.tokens.get(i + 1));
    let short = ctx.shape(i) == Shape::Digit && (1..=3).contains(&t.len()) && i + 2 < ctx.len();
    let dotted = dot.is_some_and(|d| d.len() == 1 && ctx.doc.text.as_bytes().get(d.start as usize) == Some(&b'.'));
    if !short || !dotted || !ctx.text(i).bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let start = i + 2;
    let mut k = start;
    while k < ctx.len() && k - start < 2 && (is_initial(ctx, k) || ctx.has(k, class::PARTICLE)) {
        k += 1;
    }
    if k >= ctx.len() || !ctx.is_name_word(k) || ctx.is_title_start(k) {
        return None;
    }
    let end = ctx.name_run(k, 3).max(k + 1);
    // a result is followed by its figures or punctuation, not by the rest of a sentence (`2. Je ne puis`)
    let sentence_goes_on = end < ctx.len()
        && ctx.shape(end) == Shape::Lower
        && ctx.doc.tokens[end].kind == TokenKind::Word
        && !matches!(ctx.text(end), "à" | "a" | "et" | "m");
    if sentence_goes_on {
        return None;
    }
    let known = (k..end).any(|t| ctx.info[t].in_entity() || ctx.info[t].entity());
    let common = (k..end).any(|t| ctx.has(t, class::COMMON_CAP | class::MONTH));
    (!known && !common && !institutional(ctx, k, end)).then_some((start, end))
}

/// `1. Guidi (It, bonif. 12 "). 2. van Petegem (Be, 8 "). 3. Tchmil (Be)`, `12. Camenzind. 23. Huser.`:
/// the results of a race or a vote, as every newspaper prints them. Three or more entries `rank . name`
/// close to each other, ranks rising, make a ranked list, and each unknown name in it is a person (known places and
/// bodies are left to the gazetteer: standings of teams list clubs and towns). A short code in
/// parentheses right after a name (`(Esp)`, `(It,`) is the competitor's country. An entry followed by
/// lowercase words is a numbered sentence, not a result.
fn ranked_list(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let entries: Vec<(usize, usize)> = ctx.each(class::DIGIT).filter_map(|i| ranked_name(ctx, i)).collect();
    let rank = |start: usize| ctx.text(start - 2).parse::<u32>().unwrap_or(0);
    for (n, &(start, end)) in entries.iter().enumerate() {
        // a neighbouring entry, close enough and in rank order (dated shipping news repeats `21.`, `22.`)
        let near = |m: usize| {
            entries.get(m).is_some_and(|&(s, e)| {
                let ordered = if m > n { rank(s) > rank(start) } else { rank(s) < rank(start) };
                ordered && s.abs_diff(start).min(e.abs_diff(end)) <= RANK_GAP
            })
        };
        let listed = (near(n + 1) && near(n + 2))
            || (n >= 1 && near(n - 1) && near(n + 1))
            || (n >= 2 && near(n - 1) && near(n - 2));
        if !listed {
            continue;
        }
        out.push(Candidate { start, end, label: Label::Person, score: 0.8, rule: Rule::RankedList });
        // `(Esp)`, `(It, bonif. …)`: one short capitalized token, then `)` or `,`
        let code = end + 1;
        if code + 1 < ctx.len() && ctx.text(end) == "(" && matches!(ctx.text(code + 1), ")" | ",") {
            let letters = ctx.text(code).chars().count();
            let shape_ok = matches!(ctx.shape(code), Shape::Capitalized | Shape::AllCaps);
            if (1..=4).contains(&letters) && shape_ok && ctx.text(code).chars().all(char::is_alphabetic) {
                out.push(Candidate {
                    start: code,
                    end: code + 1,
                    label: Label::Country,
                    score: 0.8,
                    rule: Rule::RankedList,
                });
            }
        }
    }
}

/// Whether token `i` is a single-letter initial with its period (`L.`, `J.`), other than `M.` (French
/// `Monsieur`, a title).
fn is_initial(ctx: &Ctx<'_>, i: usize) -> bool {
    let t = &ctx.doc.tokens[i];
    // the kind first: it rules out almost every token without decoding its text
    if t.kind != TokenKind::Abbreviation {
        return false;
    }
    let mut chars = ctx.text(i).chars();
    // `I.` is as often a Roman numeral or a misread `!` as an initial
    let letter = chars.next().filter(|c| c.is_uppercase() && !matches!(c, 'M' | 'I'));
    letter.is_some() && chars.as_str() == "."
}

/// `L. Jalabert`, `J. J. Rousseau`, `F. de Rabours`, `A. Hollioake`: one to three initials, then a
/// capitalized surname (perhaps after a particle), is a person named the way sports results, lists of
/// members and bylines name people; the initials belong to the name. The surname must not be a known
/// place or body or part of one (`S. Korea`, `H. C. Lausanne`), a title or a month.
fn initials_then_surname(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    // the next token not yet covered by a run of initials
    let mut next = 0;
    for i in ctx.each(class::ABBREVIATION) {
        if i < next || !is_initial(ctx, i) || (i > 0 && is_initial(ctx, i - 1)) {
            continue;
        }
        let mut j = i;
        while j < ctx.len() && j - i < 3 && is_initial(ctx, j) && ctx.same_sentence(i, j) {
            j += 1;
        }
        // `F. de Rabours`: a particle between the initial and the surname
        let mut k = j;
        while k < ctx.len() && k - j < 2 && ctx.has(k, class::PARTICLE) {
            k += 1;
        }
        let surname = k < ctx.len()
            && ctx.same_sentence(i, k)
            && ctx.is_name_word(k)
            && !ctx.is_title_start(k)
            && !ctx.has(k, class::COMMON_CAP | class::MONTH)
            && !ctx.info[k].in_entity()
            && !(ctx.info[k].entity() && ctx.info[k].given().is_none());
        if surname {
            let end = ctx.name_run(k, 2).max(k + 1);
            if !institutional(ctx, k, end) {
                out.push(Candidate { start: i, end, label: Label::Person, score: 0.8, rule: Rule::GivenName });
            }
        }
        next = j;
    }
}

/// `le réalisateur Elia Kazan`, `son coéquipier Iljo Keisse`, `réalisé par Bille Woodruff`: an occupation
/// or kinship noun, or the agent preposition of a passive, before a full name (two name words or more; a
/// single word only after a role and when it is a known given name: `son fils Louis`).
fn role_or_agent_then_name(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    for r in ctx.each(class::ROLE | class::AGENT).take_while(|&r| r + 1 < ctx.len()) {
        let role = ctx.has(r, class::ROLE);
        if !role && !ctx.has(r, class::AGENT) {
            continue;
        }
        let i = r + 1;
        if !ctx.same_sentence(r, i) {
            continue;
        }
        if let Some(end) = full_name_run(ctx, i) {
            let score = if role { 0.85 } else { 0.6 };
            out.push(Candidate { start: i, end, label: Label::Person, score, rule: Rule::Role });
        } else if role && ctx.is_name_word(i) && ctx.info[i].given().is_some() && !ctx.info[i].entity() {
            let single = i + 1 == ctx.len() || !ctx.is_name_word(i + 1);
            if single {
                out.push(Candidate { start: i, end: i + 1, label: Label::Person, score: 0.6, rule: Rule::Role });
            }
        }
    }
}

/// A run of two or more name words that no gazetteer claims as a whole: the shape of an unknown
/// person's full name.
fn full_name_run(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
    if ctx.has(i, class::COMMON_CAP) {
        return None;
    }
    let end = ctx.name_run(i, MAX_NAME_WORDS);
    let known = (i..end).all(|k| ctx.info[k].entity() && ctx.info[k].given().is_none());
    (end >= i + 2 && !known && !institutional(ctx, i, end)).then_some(end)
}

/// A run that contains a word of institutions or places (`Georgia Ports Authority`, `Christian
/// Democratic Union`, `King Hussein Bridge`) names no person.
fn institutional(ctx: &Ctx<'_>, start: usize, end: usize) -> bool {
    (start..end).any(|k| ctx.has(k, class::ORG_HEAD | class::ORG_SUFFIX | class::LOC_SUFFIX))
}

/// `said Folake Adeyinka-Briggs`, `a raconté Adama Sawadogo`, `selon Lucile Arnaud-Benali` (speaker
/// after the verb) and `Mark Rutte said` (before it): two or more name words next to a verb of saying.
fn speech_verb_and_name(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    for v in ctx.each(class::SPEECH) {
        if v + 1 < ctx.len() && ctx.same_sentence(v, v + 1) {
            if let Some(end) = full_name_run(ctx, v + 1) {
                out.push(Candidate { start: v + 1, end, label: Label::Person, score: 0.7, rule: Rule::SpeechVerb });
            }
        }
        // the name right before the verb, starting after a non-name token
        let s = ctx.run_before(v, MAX_NAME_WORDS, |k| ctx.is_name_word(k));
        if v - s >= 2 && full_name_run(ctx, s) == Some(v) {
            out.push(Candidate { start: s, end: v, label: Label::Person, score: 0.65, rule: Rule::SpeechVerb });
        }
    }
}

/// `Abdoulaye Diop, ministre malien …`, `Emeka Obi, the firm’s lead analyst`: a full name followed by a
/// comma and a title or role, perhaps after a determiner.
fn name_then_apposition(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let n = ctx.len();
    // both orders in one pass over the commas (a COMMA token is exactly `,`); the candidates of the
    // second order go after all those of the first, as when each order had its own pass
    let mut role_first = Vec::new();
    let mut near = TitleNear::default();
    for c in ctx.each(class::COMMA) {
        if !near.may_be_near(ctx, c) {
            continue;
        }
        // the name first: `Emeka Obi, the firm’s lead analyst`
        if c >= 2 && c + 1 < n {
            let k = c + 1 + usize::from(ctx.has(c + 1, class::APPOS_DET));
            // the cues of the (up to) three tokens as one slice: no bounds test per token
            let role = ctx.info.get(k..(k + 3).min(n)).is_some_and(|cues| cues.iter().any(|t| t.title_start()));
            if role {
                let s = ctx.run_before(c, MAX_NAME_WORDS, |k| ctx.is_name_word(k));
                if c - s >= 2 && full_name_run(ctx, s) == Some(c) {
                    out.push(Candidate { start: s, end: c, label: Label::Person, score: 0.7, rule: Rule::Apposition });
                }
            }
        }
        // the other order: `the firm’s lead analyst, Emeka Obi`, `Son chef, Paul St-Pierre Plamondon`
        let after_title = c >= 1 && (ctx.info[c - 1].title_last() || (c >= 2 && ctx.info[c - 2].title_last()));
        if after_title && c + 2 < n {
            if let Some(end) = full_name_run(ctx, c + 1) {
                let closed = end == n || !ctx.is_name_word(end);
                if closed {
                    let start = c + 1;
                    role_first.push(Candidate { start, end, label: Label::Person, score: 0.7, rule: Rule::Apposition });
                }
            }
        }
    }
    out.append(&mut role_first);
}

/// Which commas may have a title next to them, for [`name_then_apposition`], asked of the commas in
/// order: a title that starts within the four tokens after the comma (the role after a name), or ends
/// at one of the two tokens before it (the role before a name). Most commas have none, and the titles
/// (sorted by start, with the cues they set) settle that with a comparison, where each comma read the
/// cues of six tokens around it.
#[derive(Default)]
struct TitleNear {
    /// The first title that may still be near a comma to come.
    next: usize,
}

impl TitleNear {
    /// Whether a title may be near comma `c` (a necessary condition); `c` is greater than the commas
    /// asked before.
    fn may_be_near(&mut self, ctx: &Ctx<'_>, c: usize) -> bool {
        // a title ending (exclusive) before `c - 1` is near no comma from `c` on
        while self.next < ctx.titles.len() && ctx.titles[self.next].1 + 1 < c {
            self.next += 1;
        }
        // the titles left start at the first one's start or later, and a title is near no comma more
        // than four tokens before its start
        ctx.titles.get(self.next).is_some_and(|&(start, ..)| c + 4 >= start)
    }
}

/// `M. Lavrov`, `la ministre Aminata Touré`, `President Biden`: a title or honorific directly followed by
/// capitalized words makes those words a PERSON (the title stays out, DESIGN §3). Civility titles
/// (`M.`, `Mme`, `Mr`) are stronger evidence than functions (`ministre`), which also precede bodies.
fn title_then_name(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let mut lower = String::new();
    for &(_, end, tflags) in &ctx.titles {
        if end >= ctx.len() {
            continue;
        }
        let name_end = ctx.name_run(end, MAX_NAME_WORDS);
        if name_end == end || institutional(ctx, end, name_end) {
            continue;
        }
        // a lone word that is a known place or body is not a person (`le président Mali` does not occur,
        // but `le ministre Défense` style headlines do)
        if name_end - end == 1 && ctx.info[end].entity() && ctx.info[end].given().is_none() {
            continue;
        }
        // a lone word that is itself a title, capitalized (`le Premier Consul`, `le Premier Ministre`), is
        // part of the function, not a name
        if name_end - end == 1 && is_title_word(ctx, end, &mut lower) {
            continue;
        }
        let score = if tflags & flags::CIVILITY != 0 { 0.95 } else { 0.85 };
        out.push(Candidate { start: end, end: name_end, label: Label::Person, score, rule: Rule::Title });
    }
}

/// Whether token `k`, lower-cased, is a title of the gazetteer (`Consul` → `consul`). The word is
/// lower-cased into `buf`, reused from call to call: [`Ctx::lower`] allocates a string for every
/// capitalized word, and every word asked about here is one.
///
/// A capitalized ASCII word (`Lavrov`) unknown as written is settled by its decap id, without the
/// lower-casing and the lookup (some 800 instructions): that id is the one of its lower-case form, the
/// very form looked up here, computed for every capitalized word unknown as written.
fn is_title_word(ctx: &Ctx<'_>, k: usize, buf: &mut String) -> bool {
    let ids = &ctx.ids[k];
    if ids.exact.is_none()
        && ids.decap.is_none()
        && ctx.shape(k) == Shape::Capitalized
        && ascii_capitalized(ctx.text(k))
    {
        return false;
    }
    let facts = ctx.m.facts();
    ctx.m.lookup_ids(lower_in(ctx, k, buf)).iter().any(|&e| facts.get(e).kind == RowKind::Title)
}

/// Whether `s` is an ASCII upper-case letter then ASCII lower-case letters only: lower-casing it lowers
/// its initial alone, as the decap id does, and it is its own key.
fn ascii_capitalized(s: &str) -> bool {
    matches!(s.as_bytes(), [first, rest @ ..] if first.is_ascii_uppercase() && rest.iter().all(u8::is_ascii_lowercase))
}

/// [`Ctx::lower`] of token `k`, lower-cased into `buf` when it is not already in lower case.
fn lower_in<'a>(ctx: &Ctx<'a>, k: usize, buf: &'a mut String) -> &'a str {
    let s = ctx.text(k);
    // the test of `Ctx::lower`
    if s.bytes().all(|b| !b.is_ascii_uppercase()) && (s.is_ascii() || ctx.shape(k) == Shape::Lower) {
        s
    } else {
        crate::normalize::lower_key_into(s, buf);
        buf
    }
}

/// Whether the token after `i` can extend a name run that starts at `i`: a name word, an initial, a
/// regnal number or a particle. It is what [`Ctx::name_run`] needs to go past `i` (a necessary
/// condition, without the sentence test), read from one class mask: most name words are followed by a
/// lowercase word, and this settles them before the given-name lookup. The rule reads the mask
/// [`CONTINUES_NAME`] inline; the tests check it through this function.
#[cfg(test)]
fn may_continue_name(ctx: &Ctx<'_>, i: usize) -> bool {
    i + 1 < ctx.len() && ctx.info[i + 1].class & CONTINUES_NAME != 0
}

/// The class bits of a token that may extend a name run ([`may_continue_name`]).
const CONTINUES_NAME: u64 = class::NAME_WORD | class::ABBREVIATION | class::ROMAN | class::PARTICLE;

/// Whether token `i` is a known given name, directly or as the first part of a hyphenated one
/// (`Jean-Pierre` when only `Jean` is listed). Returns the given-name flags.
#[inline]
fn given_flags(ctx: &Ctx<'_>, i: usize) -> Option<u32> {
    // the cue inline, the text out of line: most name words asked about are settled by the cue or
    // have no hyphen, and the call cost more than the cue test
    match ctx.info[i].given() {
        Some(f) => Some(f),
        None => hyphenated_given_flags(ctx, i),
    }
}

/// [`given_flags`] of a token that is no known given name as a whole.
#[inline(never)]
fn hyphenated_given_flags(ctx: &Ctx<'_>, i: usize) -> Option<u32> {
    let text = ctx.text(i);
    // a byte scan: most name words have no hyphen, and they are short
    let hyphen = text.bytes().position(|b| b == b'-')?;
    let head = &text[..hyphen];
    let facts = ctx.m.facts();
    let entries = ctx.m.lookup_ids(head).iter().map(|&e| facts.get(e));
    entries.filter(|e| e.kind == RowKind::Given).map(|e| e.flags).reduce(|a, b| a | b)
}

/// `Abdoulaye Diop`, `Evguéni Prigojine`: a known given name followed by one or more capitalized words.
/// A given name that is also a common word (`Will`, `Grace`) needs to be mid-sentence.
fn given_name_then_surname(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    for i in ctx.each(class::NAME_WORD) {
        // `Le`, `La` are given names somewhere, but at the head of a run they are articles
        // `Île`, `Port`: heads of place names, whatever a list of given names says. One mask test (the
        // token is a name word, as every visited one is) rather than a chain of branches.
        // The token's cues and the next token's (`may_continue_name`) read with one bounds test: the last
        // token continues nothing.
        let skip = class::NAME_WORD | class::COMMON_CAP | class::PLACE_HEAD;
        let Some(&[cur, next]) = ctx.info.get(i..i + 2) else { continue };
        if cur.class & skip != class::NAME_WORD || cur.title_start() || next.class & CONTINUES_NAME == 0 {
            continue;
        }
        let Some(gflags) = given_flags(ctx, i) else { continue };
        let ambiguous = gflags & flags::AMBIGUOUS != 0;
        let end = ctx.name_run(i, MAX_NAME_WORDS + 1);
        if end < i + 2 || institutional(ctx, i, end) {
            continue;
        }
        // the surname must not itself be a country, place or body known as such (`Paris Saint-Germain`,
        // `Jordan Valley`), unless it is also a given name
        let surname_known = (i + 1..end).any(|k| ctx.info[k].entity() && ctx.info[k].given().is_none());
        if surname_known && ambiguous && end - i == 2 {
            continue;
        }
        // A given name that is also a word or a place (`Jordan`, `Will`) is outweighed by that reading
        // unless an unknown capitalized surname follows: `Jordan Whitfield` is a person. A surname that
        // is a place (`Lewis Hamilton`) ties with the place and wins by length; a given name that is
        // itself a known name (`France Télévisions`) yields to the organization readings.
        let score = match (ambiguous, surname_known) {
            _ if ctx.info[i].in_entity() => 0.7,
            (false, false) => 0.85,
            (false, true) => 0.8,
            (true, false) if ctx.doc.tokens[i].sent_start => 0.75,
            (true, false) => 0.85,
            (true, true) => 0.5,
        };
        out.push(Candidate { start: i, end, label: Label::Person, score, rule: Rule::GivenName });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;
    use crate::tokenize::tokenize;

    /// The lower-casing into a reused buffer is `Ctx::lower`, whatever the buffer held before.
    #[test]
    fn lower_in_a_buffer_is_ctx_lower() {
        let m = crate::gazetteer::compile(&crate::GazetteerConfig::default()).expect("built-in lists");
        let text = "Le Premier Consul, M. ÉTIENNE d’Arc et iPhone Σίσυφος ΟΔΟΣ straße İstanbul l'État ﬁn 1er";
        let doc = tokenize(text);
        let ctx = Ctx::new(&doc, &m, Language::Fr);
        let mut buf = String::from("stale");
        for k in 0..ctx.len() {
            assert_eq!(lower_in(&ctx, k, &mut buf), ctx.lower(k), "{}", ctx.text(k));
        }
        assert!(is_title_word(&ctx, 2, &mut buf), "Consul");
    }

    /// The decap shortcut of `is_title_word` answers as the lookup of the lower-cased word.
    #[test]
    fn title_word_shortcut_agrees_with_the_lookup() {
        let m = crate::gazetteer::compile(&crate::GazetteerConfig::default()).expect("built-in lists");
        let text = "Le Premier Consul, le Ministre Lavrov, M. Zorblatt, Président Macron, Général Ngozi, \
                    la Reine Xq et le Roi Baudouin, McDonald A Paris Capitaine Zzyzx.";
        let doc = tokenize(text);
        let ctx = Ctx::new(&doc, &m, Language::Fr);
        let mut buf = String::new();
        let (mut titles, mut shortcut) = (0, 0);
        for k in 0..ctx.len() {
            let mut lower = String::new();
            let want = m
                .lookup_ids(lower_in(&ctx, k, &mut lower))
                .iter()
                .any(|&e| m.entries[e as usize].kind == RowKind::Title);
            assert_eq!(is_title_word(&ctx, k, &mut buf), want, "{}", ctx.text(k));
            titles += usize::from(want);
            let ids = &ctx.ids[k];
            shortcut += usize::from(ids.exact.is_none() && ids.decap.is_none() && ascii_capitalized(ctx.text(k)));
        }
        assert!(titles >= 3 && shortcut >= 2, "{titles} {shortcut}");
        assert!(ascii_capitalized("Lavrov") && ascii_capitalized("A"));
        assert!(!ascii_capitalized("McDonald") && !ascii_capitalized("Éric") && !ascii_capitalized("lavrov"));
    }

    /// A rank is one to three digits and a `.` token; the name after it is returned.
    #[test]
    fn ranked_name_needs_a_short_number_and_a_period() {
        let m = crate::gazetteer::compile(&crate::GazetteerConfig::default()).expect("built-in lists");
        let text = "12. Camenzind (S) 2. van Petegem 1234. Huser 7, Zberg 8 . Dufaux 44.";
        let doc = tokenize(text);
        let ctx = super::super::Ctx::new(&doc, &m, Language::Fr);
        let span = |s: usize, e: usize| &text[ctx.doc.tokens[s].start as usize..ctx.doc.tokens[e - 1].end as usize];
        let names: Vec<String> = (0..ctx.len())
            .filter_map(|i| ranked_name(&ctx, i).map(|(s, e)| format!("{} {}", ctx.text(i), span(s, e))))
            .collect();
        assert_eq!(names, ["12 Camenzind", "2 van Petegem", "8 Dufaux"]);
    }

    /// `TitleNear` lets through every comma next to which either order of `name_then_apposition` finds
    /// its title, and skips some others.
    #[test]
    fn title_near_lets_through_every_comma_with_a_title_near() {
        let m = crate::gazetteer::compile(&crate::GazetteerConfig::default()).expect("built-in lists");
        let text = "Abdoulaye Diop, ministre malien des Affaires étrangères, a reçu, hier, à Bamako, Emeka Obi, \
                    the firm’s lead analyst, et le président, Paul Martin, puis, en fin, le ministre de la Défense, \
                    Jean Dupont, ou M. Lavrov, a, b, c, d, e, f, g, h, le maire, X.";
        let doc = tokenize(text);
        let ctx = super::super::Ctx::new(&doc, &m, Language::Fr);
        let n = ctx.len();
        let mut near = TitleNear::default();
        let (mut through, mut skipped, mut titled) = (0, 0, 0);
        for c in ctx.each(class::COMMA) {
            let role = c >= 2 && c + 1 < n && (c + 1..(c + 5).min(n)).any(|k| ctx.info[k].title_start()) && {
                let k = c + 1 + usize::from(ctx.has(c + 1, class::APPOS_DET));
                (k..(k + 3).min(n)).any(|t| ctx.info[t].title_start())
            };
            let after_title = c >= 1 && (ctx.info[c - 1].title_last() || (c >= 2 && ctx.info[c - 2].title_last()));
            let let_through = near.may_be_near(&ctx, c);
            assert!(let_through || !(role || after_title), "comma {c}");
            titled += usize::from(role || after_title);
            if let_through {
                through += 1;
            } else {
                skipped += 1;
            }
        }
        assert!(titled >= 3 && skipped >= 5 && through >= titled, "{titled} {through} {skipped}");
    }

    /// `may_continue_name` must hold wherever `name_run` goes past its first word: a name word it
    /// rejected would lose its given-name candidate.
    #[test]
    fn may_continue_name_holds_wherever_a_name_run_goes_on() {
        let m = crate::gazetteer::compile(&crate::GazetteerConfig::default()).expect("built-in lists");
        let text = "Louis XIV reçut Andrew G. Vajna, Charles de Gaulle et Ursula von der Leyen. Paris est belle, \
                    dit Abdoulaye Diop à Marie. Jean-Pierre DUPONT arrive.";
        let doc = tokenize(text);
        let ctx = super::super::Ctx::new(&doc, &m, Language::Fr);
        let (mut on, mut off) = (0, 0);
        for i in ctx.each(class::NAME_WORD) {
            let goes_on = ctx.name_run(i, MAX_NAME_WORDS + 1) >= i + 2;
            assert!(!goes_on || may_continue_name(&ctx, i), "{}", ctx.text(i));
            if may_continue_name(&ctx, i) {
                on += 1;
            } else {
                off += 1;
            }
        }
        // the filter must both keep and reject some name words of the sentence
        assert!(on >= 4 && off >= 2, "{on} {off}");
        let word = |w: &str| (0..ctx.len()).find(|&i| ctx.text(i) == w).expect(w);
        assert!(may_continue_name(&ctx, word("Louis")));
        assert!(may_continue_name(&ctx, word("Andrew")));
        assert!(may_continue_name(&ctx, word("Charles")));
        assert!(!may_continue_name(&ctx, word("Paris")));
        assert!(!may_continue_name(&ctx, word("Marie")));
    }
}
