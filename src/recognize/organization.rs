//! Organization rules: classifier words, company suffixes, institutional head nouns, and acronyms defined
//! in parentheses.

use super::words::class;
use super::{Candidate, Ctx, Rule};
use crate::gazetteer::RowKind;
use crate::label::Label;
use crate::tokenize::{Shape, TokenKind};

pub fn propose(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    classifier_then_name(ctx, out);
    name_then_suffix(ctx, out);
    head_noun_name(ctx, out);
    acronym_in_parentheses(ctx, out);
    known_name_in_compound(ctx, out);
    team_of_city(ctx, out);
    club_prefix_then_name(ctx, out);
}

/// `HC Davos`, `FC Sion`, `H. C. Lausanne`, `AS Nancy`: a club abbreviation (as one token or as two dotted
/// initials, `F. C.`, `H. C.`) before a town or a name is a sports club, an organization; the town alone
/// would be reported as a place, the dotted initials as a person's.
fn club_prefix_then_name(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    // the prefixes (`FC`, `HC` …, words::CLUB_PREFIX_WORDS) and the initials `F.`, `H.` carry CLUB_OPEN
    for i in ctx.each(class::CLUB_OPEN).take_while(|&i| i + 1 < ctx.len()) {
        if ctx.doc.is_headline(i) {
            continue;
        }
        let dotted = |k: usize, letters: &[&str]| k < ctx.len() && letters.contains(&ctx.text(k));
        let name = if !ctx.text(i).ends_with('.') {
            i + 1
        } else if dotted(i, &["F.", "H."]) && dotted(i + 1, &["C."]) {
            i + 2
        } else {
            continue;
        };
        if name >= ctx.len() || !ctx.is_name_word(name) || ctx.has(name, class::COMMON_CAP | class::MONTH) {
            continue;
        }
        let end = org_run(ctx, name, 3);
        if end > name {
            out.push(Candidate { start: i, end, label: Label::Organization, score: 0.9, rule: Rule::Classifier });
        }
    }
}

/// `Packers de Green Bay`, `Red Wings de Détroit`, `Canadiens de Montréal`, `Rangers du Texas`: the
/// French way of naming North American teams, a plural nickname then `de` and the team's city. The
/// city alone would otherwise be reported as a place.
fn team_of_city(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    for d in ctx.each(class::DE).filter(|&d| d >= 1).take_while(|&d| d + 1 < ctx.len()) {
        // the city: a known place right after `de`, perhaps after `l’`. A name word there is no `l’`;
        // any other word but `l’` ends the rule (no city starts on it): most `de` are followed by a
        // lowercase word, and its first byte settles it before its text is compared
        let mut c = d + 1;
        if !ctx.is_name_word(c) {
            let first = ctx.doc.text.as_bytes().get(ctx.doc.tokens[c].start as usize);
            if first != Some(&b'l') || !matches!(ctx.text(c), "l'" | "l’") {
                continue;
            }
            c += 1;
        }
        // the city: capitalized words, known (`Détroit`) or closed by a geographic word (`Green Bay`)
        let mut city_end = c;
        while city_end < ctx.len() && city_end - c < 3 && ctx.is_name_word(city_end) {
            city_end += 1;
        }
        if city_end == c {
            continue;
        }
        // a place, not any known name: `Spectres de Marx` names no team
        let known_city = (c..city_end).any(|k| ctx.info[k].place_end() || ctx.info[k].iso().is_some())
            || ctx.has(city_end - 1, class::LOC_SUFFIX);
        if !known_city {
            continue;
        }
        // the nickname: one or two capitalized words ending in a plural, nothing known
        let mut s = d;
        while s > 0 && d - s < 2 && ctx.same_sentence(s - 1, d) {
            let k = s - 1;
            let t = &ctx.doc.tokens[k];
            let word = t.shape == crate::tokenize::Shape::Capitalized && t.kind == TokenKind::Word;
            if !word
                || ctx.info[k].in_entity()
                || ctx.is_title_start(k)
                || ctx.has(k, class::COMMON_CAP | class::ORG_HEAD)
            {
                break;
            }
            s = k;
        }
        let plural = d > s && ctx.text(d - 1).ends_with('s');
        if s < d && plural && !ctx.has(s, class::PLACE_HEAD) && ctx.info[s].given().is_none() {
            out.push(Candidate { start: s, end: city_end, label: Label::Organization, score: 0.85, rule: Rule::Team });
        }
    }
}

/// A capitalized word that names nothing known: no gazetteer entity, given name, title or month.
fn unknown_word(ctx: &Ctx<'_>, k: usize) -> bool {
    let info = &ctx.info[k];
    // capitalized, not ALL-CAPS (a name word): section heads of scanned papers are all capitals. The
    // tests are combined without branches: this runs on every capitalized token, and a chain of
    // short-circuit tests mispredicted on one in four
    let words = class::NAME_WORD | class::MONTH | class::COMMON_CAP | class::LOC_SUFFIX;
    (info.class & words == class::NAME_WORD) & !info.in_entity() & info.given().is_none() & !info.title_start()
}

/// A capitalized token inside a known entity (`Australia`, `Zealand`, `U.S.`).
#[inline]
fn known_word(ctx: &Ctx<'_>, k: usize) -> bool {
    // `in_entity` first: it is false for almost every token (this runs on all of them)
    if !ctx.info[k].in_entity() {
        return false;
    }
    let short_caps =
        ctx.shape(k) == Shape::AllCaps && (ctx.doc.tokens[k].kind == TokenKind::Abbreviation || ctx.text(k).len() <= 3);
    (ctx.shape(k) == Shape::Capitalized || short_caps)
        && !ctx.doc.is_headline(k)
        && ctx.doc.tokens[k].kind != TokenKind::Elision
}

/// What a token is to [`known_name_in_compound`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordKind {
    /// [`known_word`]: capitalized, inside a known entity.
    Known,
    /// [`unknown_word`]: a name word that names nothing known.
    Unknown,
    Other,
}

/// [`known_word`] or [`unknown_word`], in one test of `in_entity`: the first holds only inside an entity
/// and the second only outside one, so each token needs one of them, not both (the rule asks this of
/// every capitalized token and of the words after it).
#[inline]
fn word_kind(ctx: &Ctx<'_>, k: usize) -> WordKind {
    if ctx.info[k].in_entity() {
        if known_word(ctx, k) {
            WordKind::Known
        } else {
            WordKind::Other
        }
    } else if unknown_word(ctx, k) {
        WordKind::Unknown
    } else {
        WordKind::Other
    }
}

/// `Rugby Australia`, `New Zealand Rugby`, `Samsung Electronics`, `Google Cloud`, `Guyana Coastal Watch`,
/// `Sahel Ventures`: a run of capitalized words that joins a known place, country or organization to
/// words that name nothing known is the name of an organization (a body named after a place, or a
/// company's division), not the place followed by stray capitals. Runs that begin with a given name are
/// left to the person rules; `and` and `&` may join unknown words (`Customs and Border Protection`).
fn known_name_in_compound(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let n = ctx.len();
    // the first token not yet part of a run
    let mut next = 0;
    // a known word is capitalized (or short ALL-CAPS); an unknown one is a name word
    // (a name word is capitalized or mixed-case: the CAPITAL and MIXED lists hold the same tokens as
    // CAPITAL and NAME_WORD, and the MIXED one is short, where the NAME_WORD one repeats CAPITAL's)
    for i in ctx.each(class::CAPITAL | class::MIXED) {
        // most capitalized words stand alone: the run from them stops at the next token and proposes
        // nothing (leaving `next` as it would), which the next token's bits settle before the rest
        if i < next || !may_go_on(ctx, i + 1) || !ctx.has(i, class::CAPITAL | class::NAME_WORD) {
            continue;
        }
        let first = word_kind(ctx, i);
        if first == WordKind::Other || ctx.has(i, class::COMMON_CAP) {
            continue;
        }
        // the first word is known or unknown: the run goes on from the next one
        let sentence = ctx.doc.tokens[i].sentence;
        let (mut known, mut unknown) = (first == WordKind::Known, first == WordKind::Unknown);
        let mut j = i + 1;
        while j < n && ctx.doc.tokens[j].sentence == sentence && j - i < 6 {
            match word_kind(ctx, j) {
                WordKind::Known => known = true,
                WordKind::Unknown => unknown = true,
                // joined unknown words (the bit tests before the text)
                WordKind::Other
                    if j + 1 < n
                        && unknown_word(ctx, j - 1)
                        && unknown_word(ctx, j + 1)
                        && matches!(ctx.text(j), "and" | "&") => {}
                WordKind::Other => break,
            }
            j += 1;
        }
        let first_given = ctx.info[i].given().is_some() && !ctx.info[i].in_entity();
        let starts_unknown_initial = ctx.doc.tokens[i].sent_start && first == WordKind::Unknown && j - i == 2;
        if known && unknown && j - i >= 2 && !first_given && !starts_unknown_initial {
            // `North Darfur`, `Haut Atlas`: only place qualifiers around a place make a place
            let qualified_place = (i..j).all(|k| known_word(ctx, k) || ctx.has(k, class::GEO_QUALIFIER))
                && (i..j).any(|k| ctx.info[k].place_end() || ctx.info[k].iso().is_some());
            // `Groucho Marx`, `Teburoro Tito`: a known person's surname joined to an unknown capitalized word
            // is another person of that name, not a body
            let person = (i..j).filter(|&k| known_word(ctx, k)).all(|k| person_surname(ctx, k));
            let label = if qualified_place {
                Label::Location
            } else if person {
                Label::Person
            } else {
                Label::Organization
            };
            out.push(Candidate { start: i, end: j, label, score: 0.8, rule: Rule::Compound });
        }
        next = j.max(i + 1);
    }
}

/// Whether a run of [`known_name_in_compound`] may go on to token `k`: a necessary condition, from the
/// bits alone but for the rare `and`/`&`. A [`WordKind::Known`] token is inside an entity, a
/// [`WordKind::Unknown`] one is a name word, and `and`/`&` joins only a name word after it.
#[inline]
fn may_go_on(ctx: &Ctx<'_>, k: usize) -> bool {
    let Some(info) = ctx.info.get(k) else { return false };
    info.class & class::NAME_WORD != 0
        || info.in_entity()
        || (k + 1 < ctx.len() && ctx.has(k + 1, class::NAME_WORD) && matches!(ctx.text(k), "and" | "&"))
}

/// Whether token `k` alone is a known person's short form (`Marx`, `Tito`) and no other kind of entity.
fn person_surname(ctx: &Ctx<'_>, k: usize) -> bool {
    let first = ctx.matches.partition_point(|m| m.start < k);
    let mut person = false;
    for m in ctx.matches[first..].iter().take_while(|m| m.start == k).filter(|m| m.end == k + 1) {
        for &e in ctx.m.node_entries(m.node) {
            match ctx.m.facts().get(e).kind {
                RowKind::Entity(Label::Person) => person = true,
                RowKind::Entity(_) => return false,
                _ => {}
            }
        }
    }
    person
}

/// A word that may be part of an organization name: a name word, or an acronym (`SNCF`).
fn is_org_word(ctx: &Ctx<'_>, i: usize) -> bool {
    let acronym = ctx.shape(i) == Shape::AllCaps && ctx.doc.tokens[i].kind == TokenKind::Word;
    !ctx.has(i, class::MONTH) && (ctx.is_name_word(i) || (acronym && !ctx.doc.is_headline(i)))
}

/// The end of a run of organization words starting at `i` (at most `max`).
fn org_run(ctx: &Ctx<'_>, i: usize, max: usize) -> usize {
    if ctx.has(i, class::COMMON_CAP) {
        return i;
    }
    let mut j = i;
    while j < ctx.len() && j - i < max && ctx.same_sentence(i, j) && is_org_word(ctx, j) {
        j += 1;
    }
    j
}

/// `le groupe Wagner`, `le parti Renaissance`, `la société Orange`, `le groupe paramilitaire Wagner`:
/// a lower-case classifier word, perhaps an adjective, then capitalized words. The classifier stays out
/// of the span (DESIGN §3).
fn classifier_then_name(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    for i in ctx.each(class::ORG_CLASSIFIER) {
        let mut j = i + 1;
        while j < ctx.len() && j - i <= 2 && ctx.has(j, class::CLASSIFIER_ADJ) {
            j += 1;
        }
        if j >= ctx.len() || ctx.doc.tokens[j].sent_start {
            continue;
        }
        let mut end = org_run(ctx, j, 5);
        // `le parti Renouveau sénégalais`: a nationality adjective closes the name
        if end > j && end < ctx.len() && ctx.shape(end) == Shape::Lower && ctx.info[end].demonym() {
            end += 1;
        }
        if end > j {
            out.push(Candidate { start: j, end, label: Label::Organization, score: 0.85, rule: Rule::Classifier });
        }
    }
}

/// `Harwell Freight Ltd`, `Quorvane Inc.`, `Vantor Group`, `Labour Party`: capitalized words closed by a
/// legal or institutional suffix, which belongs to the name.
fn name_then_suffix(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    for k in ctx.each(class::ORG_SUFFIX).filter(|&k| k >= 1) {
        if ctx.doc.is_headline(k) {
            continue;
        }
        let mut s = k;
        while s > 0 && k - s < 5 && ctx.same_sentence(s - 1, k) && is_org_word(ctx, s - 1) {
            s -= 1;
            if ctx.doc.tokens[s].sent_start && ctx.has(s, class::COMMON_CAP) {
                s += 1;
                break;
            }
        }
        // `The`, `Le`: an article opening the run is not part of an unknown name
        while s < k && ctx.has(s, class::COMMON_CAP) {
            s += 1;
        }
        if s < k {
            out.push(Candidate {
                start: s,
                end: k + 1,
                label: Label::Organization,
                score: 0.85,
                rule: Rule::Classifier,
            });
        }
    }
}

/// `Ministère de la Défense`, `University of Washington`, `Bank of England`: a capitalized institutional
/// head noun, connectors, and capitalized words, to the last capitalized word.
fn head_noun_name(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    for i in ctx.each(class::ORG_HEAD) {
        if ctx.doc.is_headline(i) || ctx.info[i].place_end() {
            continue;
        }
        // qualifiers before the head: `Georgia Department …`, `British Fashion Council`
        let s = ctx.run_before(i, 3, |k| qualifier(ctx, k));
        // French adjectives after the head: `Commission électorale nationale autonome`
        let mut j = i + 1;
        while j < ctx.len() && j - i <= 3 && ctx.same_sentence(i, j) && is_adjective(ctx, j) {
            j += 1;
        }
        let adjectives = j > i + 1;
        let mut end = j;
        let mut named = false;
        while j < ctx.len() && j - i <= 10 && ctx.same_sentence(i, j) {
            if is_org_word(ctx, j) {
                j += 1;
                end = j;
                named = true;
            } else if ctx.has(j, class::CONNECTOR) {
                j += 1;
            } else {
                break;
            }
        }
        // `Fédération nigériane de football`: the name goes on in lowercase words we cannot delimit
        let continues = end + 1 < ctx.len() && ctx.has(end, class::OF) && ctx.shape(end + 1) == Shape::Lower;
        if named || s < i {
            out.push(Candidate { start: s, end, label: Label::Organization, score: 0.85, rule: Rule::OrgHead });
        } else if adjectives && !continues && !ctx.doc.tokens[i].sent_start {
            out.push(Candidate { start: s, end, label: Label::Organization, score: 0.7, rule: Rule::OrgHead });
        }
    }
}

/// A capitalized word that may qualify an institutional head before it: a name word or a capitalized
/// demonym (`British`), not an article.
fn qualifier(ctx: &Ctx<'_>, k: usize) -> bool {
    let t = &ctx.doc.tokens[k];
    // a sentence-initial word only qualifies when something says it is a name
    let known = ctx.info[k].given().is_some() || ctx.info[k].entity() || ctx.info[k].demonym();
    let initial_unknown = t.sent_start && !known;
    !ctx.has(k, class::COMMON_CAP)
        && !initial_unknown
        && (is_org_word(ctx, k) || (ctx.info[k].demonym() && t.shape == Shape::Capitalized))
}

/// A lowercase French adjective: a demonym (`nigériane`) or a word with an adjectival ending
/// (`nationale`, `électorale`, `constitutionnel`, `pénale`, `islamique`).
pub fn is_adjective(ctx: &Ctx<'_>, k: usize) -> bool {
    // English puts adjectives before the noun: this test is for French text only
    if ctx.lang != crate::lang::Language::Fr {
        return false;
    }
    if ctx.shape(k) != Shape::Lower || ctx.doc.tokens[k].kind != TokenKind::Word || ctx.has(k, class::CONNECTOR) {
        return false;
    }
    if ctx.info[k].demonym() {
        return true;
    }
    const ENDINGS: &[&str] = &[
        "al", "ale", "ales", "aux", "el", "elle", "els", "elles", "ique", "iques", "aire", "aires", "ien", "ienne",
        "iens", "iennes", "ain", "aine", "ains", "aines", "if", "ive", "ifs", "ives", "ée", "ées", "é", "és", "eur",
        "rice", "ième", "uel", "uelle", "iste", "istes", "ome", "omes", "ant", "ante", "ent", "ente", "ême", "oire",
        "ixte", "ieur", "ieure", "an", "ane", "ans", "anes",
    ];
    let w = ctx.text(k);
    w.chars().count() > 3 && ENDINGS.iter().any(|e| w.ends_with(e))
}

/// The first letter of a token, upper-cased and without diacritics (`électorale` → `E`).
fn initial(ctx: &Ctx<'_>, t: usize) -> Option<char> {
    let c = ctx.text(t).chars().next()?;
    if c.is_ascii_alphanumeric() {
        // its own caseless key but for the case
        return Some(c.to_ascii_uppercase());
    }
    crate::normalize::caseless_key(c.encode_utf8(&mut [0; 4])).chars().next()
}

/// The initials of the content words of `from..to`, with their tokens, in order, written into `out`:
/// what [`spells`] reads.
fn content_initials(ctx: &Ctx<'_>, from: usize, to: usize, out: &mut Vec<(usize, char)>) {
    out.clear();
    out.extend(
        (from..to)
            .filter(|&t| ctx.doc.tokens[t].kind == TokenKind::Word && !ctx.has(t, class::CONNECTOR | class::PARTICLE))
            .filter_map(|t| initial(ctx, t).map(|c| (t, c))),
    );
}

/// Whether the acronym's letters are the initials of the content words `words` (from
/// [`content_initials`]), in order, starting with the first word; content words may be skipped (`Office
/// national de l’électricité et de l’eau potable` → `ONEE`), but not more than there are letters.
///
/// DESIGN note: the words come computed for the whole reach before the parenthesis, and each start tried
/// reads its suffix. Each start collected its own words (a list, and a caseless key for every accented
/// initial), for every start of the reach: some 10 M instructions on a 12 MB folder.
fn spells(acronym: &[char], words: &[(usize, char)]) -> bool {
    if words.first().map(|&(_, c)| c) != acronym.first().copied() || words.len() > 2 * acronym.len() + 1 {
        return false;
    }
    let mut k = 0;
    for &(_, w) in words {
        if k < acronym.len() && w == acronym[k] {
            k += 1;
        }
    }
    k == acronym.len()
}

/// The gazetteer entity that ends right before the `(` at token `i`, as `(start, label)`: the longest
/// (among equal spans, the first match). Every token of a match has an id (the walk goes from token to
/// token by their ids), so the matches ending at `i` start within the run of tokens with ids before it,
/// and only the matches starting there are read: a scan of all of them, for a document with one
/// parenthesis, cost some 9 M instructions on a 12 MB folder.
fn entity_before_paren(ctx: &Ctx<'_>, i: usize) -> Option<(usize, Label)> {
    let has_id = |k: usize| ctx.ids.get(k).is_some_and(|t| t.exact.or(t.caseless).or(t.decap).is_some());
    let mut from = i;
    while from > 0 && has_id(from - 1) {
        from -= 1;
    }
    let first = ctx.matches.partition_point(|m| m.start < from);
    // sorted by start: the first match ending at `i` with an entity is the longest, and the first of its span
    ctx.matches[first..].iter().take_while(|m| m.start < i).filter(|m| m.end == i).find_map(|m| {
        let label = ctx.m.node_entries(m.node).iter().find_map(|&e| match ctx.m.facts().get(e).kind {
            RowKind::Entity(l) => Some(l),
            _ => None,
        })?;
        Some((m.start, label))
    })
}

/// `Mission … des Nations unies (Minusma)`, `Front de libération nationale (FLN)`: a short capitalized
/// token in parentheses right after a name is that name's acronym, a span of its own (DESIGN §3). When
/// the initials of the preceding words spell it, the long form is proposed too.
fn acronym_in_parentheses(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    // the initials before the parenthesis, reused from one parenthesis to the next
    let mut initials = Vec::new();
    for i in ctx.each(class::LPAREN).filter(|&i| i >= 1).take_while(|&i| i + 2 < ctx.len()) {
        if ctx.text(i + 2) != ")" {
            continue;
        }
        let x = i + 1;
        // the shape and kind before the letters are collected (into a string of their own)
        if !matches!(ctx.shape(x), Shape::AllCaps | Shape::Capitalized) || ctx.doc.tokens[x].kind != TokenKind::Word {
            continue;
        }
        let letters: String = ctx.text(x).chars().filter(|c| c.is_alphabetic()).collect();
        if !(2..=10).contains(&letters.chars().count()) || ctx.info[x].demonym() {
            continue;
        }
        let upper = letters.to_uppercase();
        // the label of a known name right before the parenthesis, if any
        let known = entity_before_paren(ctx, i);
        // long form spelled by initials: the longest capitalized start within reach
        let acronym: Vec<char> = crate::normalize::caseless_key(&upper).chars().collect();
        let reach = i.saturating_sub(2 * acronym.len() + 8);
        let can_start = |s: usize| {
            ctx.same_sentence(s, i) && ctx.shape(s) == Shape::Capitalized && ctx.doc.tokens[s].kind == TokenKind::Word
        };
        // the initials from the first start that may spell it (none: no long form), not from the reach's
        // start: only the starts from there on read them
        let long_start = (reach..i).find(|&s| can_start(s)).and_then(|first| {
            content_initials(ctx, first, i, &mut initials);
            (first..i)
                .filter(|&s| can_start(s))
                .find(|&s| spells(&acronym, &initials[initials.partition_point(|&(t, _)| t < s)..]))
        });
        // a known name labels the acronym only when it is the whole name before the parenthesis
        // (`République centrafricaine (RCA)`), not its last words (`Alternative for Germany (AfD)`)
        let whole = |ks: usize| ks == 0 || !(is_org_word(ctx, ks - 1) || ctx.has(ks - 1, class::CONNECTOR));
        let known = known.filter(|&(ks, _)| long_start.map_or(whole(ks), |s| s >= ks));
        let label = known.map(|(_, l)| l).unwrap_or(Label::Organization);
        if let Some(s) = long_start {
            if known.is_none() {
                out.push(Candidate { start: s, end: i, label, score: 0.8, rule: Rule::AcronymLongForm });
            }
            out.push(Candidate { start: x, end: x + 1, label, score: 0.85, rule: Rule::Acronym });
        } else if known.is_some() || (ctx.shape(x) == Shape::AllCaps && is_org_word(ctx, i - 1)) {
            out.push(Candidate { start: x, end: x + 1, label, score: 0.7, rule: Rule::Acronym });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;
    use crate::tokenize::tokenize;

    /// `word_kind` is `known_word` or `unknown_word`, whichever holds (never both), else `Other`.
    #[test]
    fn word_kind_is_known_or_unknown_word() {
        let m = crate::gazetteer::compile(&crate::GazetteerConfig::default()).expect("built-in lists");
        let text = "Rugby Australia et New Zealand Rugby, Customs and Border Protection, le Mali, Paris. \
                    Jean Dupont vit à Bamako en Mai, selon M. Lavrov et U.S. Steel.";
        let doc = tokenize(text);
        let ctx = Ctx::new(&doc, &m, Language::Fr);
        let mut seen = [0; 3];
        for k in 0..ctx.len() {
            let (known, unknown) = (known_word(&ctx, k), unknown_word(&ctx, k));
            assert!(!(known && unknown), "{}", ctx.text(k));
            let want = match (known, unknown) {
                (true, _) => WordKind::Known,
                (_, true) => WordKind::Unknown,
                _ => WordKind::Other,
            };
            assert_eq!(word_kind(&ctx, k), want, "{}", ctx.text(k));
            seen[want as usize] += 1;
        }
        assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
        let kind = |w: &str| word_kind(&ctx, (0..ctx.len()).find(|&i| ctx.text(i) == w).expect(w));
        assert_eq!(kind("Australia"), WordKind::Known);
        assert_eq!(kind("Rugby"), WordKind::Unknown);
        assert_eq!(kind("vit"), WordKind::Other);
        // the compound rule visits CAPITAL | MIXED for CAPITAL | NAME_WORD: every name word has one of those
        assert!((0..ctx.len()).all(|k| !ctx.has(k, class::NAME_WORD) || ctx.has(k, class::CAPITAL | class::MIXED)));
    }

    /// `may_go_on` holds wherever a compound run goes past a token: a token it rejected would lose the
    /// candidates of the runs that start right before it.
    #[test]
    fn may_go_on_holds_wherever_a_compound_run_goes_on() {
        let m = crate::gazetteer::compile(&crate::GazetteerConfig::default()).expect("built-in lists");
        let text = "Rugby Australia et New Zealand Rugby, Customs and Border Protection, le Mali, Paris. \
                    Jean Dupont vit à Bamako en Mai, selon M. Lavrov et U.S. Steel & Iron Works.";
        let doc = tokenize(text);
        let ctx = Ctx::new(&doc, &m, Language::Fr);
        let (mut on, mut off) = (0, 0);
        for k in 1..ctx.len() {
            let joined = k + 1 < ctx.len()
                && unknown_word(&ctx, k - 1)
                && unknown_word(&ctx, k + 1)
                && matches!(ctx.text(k), "and" | "&");
            let goes_on = word_kind(&ctx, k) != WordKind::Other || joined;
            assert!(!goes_on || may_go_on(&ctx, k), "{}", ctx.text(k));
            if may_go_on(&ctx, k) {
                on += 1;
            } else {
                off += 1;
            }
        }
        assert!(on >= 10 && off >= 5, "{on} {off}");
        assert!(!may_go_on(&ctx, ctx.len()));
        let mut out = Vec::new();
        known_name_in_compound(&ctx, &mut out);
        let spans: Vec<&str> = out
            .iter()
            .map(|c| &text[ctx.doc.tokens[c.start].start as usize..ctx.doc.tokens[c.end - 1].end as usize])
            .collect();
        // (`Rugby Australia` opens the text: two words, the first unknown, at a sentence start)
        assert!(spans.contains(&"U.S. Steel & Iron Works"), "{spans:?}");
        assert!(spans.contains(&"New Zealand Rugby"), "{spans:?}");
    }

    /// `spells` on a suffix of the reach's initials is the test on the words from that start: the list
    /// each start collected for itself before.
    #[test]
    fn spells_a_suffix_as_the_words_from_its_start() {
        let m = crate::gazetteer::compile(&crate::GazetteerConfig::default()).expect("built-in lists");
        let text = "Le Front de libération nationale (FLN) et l’Office national de l’électricité et de l’eau \
                    potable (ONEE), puis Élections Nationales Unies (ENU) et Alternative for Germany (AfD).";
        let doc = tokenize(text);
        let ctx = Ctx::new(&doc, &m, Language::Fr);
        let words_from = |from: usize, to: usize| -> Vec<(usize, char)> {
            (from..to)
                .filter(|&t| {
                    ctx.doc.tokens[t].kind == TokenKind::Word && !ctx.has(t, class::CONNECTOR | class::PARTICLE)
                })
                .filter_map(|t| initial(&ctx, t).map(|c| (t, c)))
                .collect()
        };
        let mut initials = Vec::new();
        let mut spelled = 0;
        for i in (0..ctx.len()).filter(|&i| ctx.text(i) == "(") {
            let acronym: Vec<char> = crate::normalize::caseless_key(&ctx.text(i + 1).to_uppercase()).chars().collect();
            let reach = i.saturating_sub(2 * acronym.len() + 8);
            content_initials(&ctx, reach, i, &mut initials);
            for s in reach..i {
                let suffix = &initials[initials.partition_point(|&(t, _)| t < s)..];
                assert_eq!(suffix, &words_from(s, i)[..], "from {s}");
                spelled += usize::from(spells(&acronym, suffix));
            }
        }
        assert!(spelled >= 3, "{spelled}");
        assert!(spells(&['E', 'N', 'U'], &[(0, 'E'), (1, 'N'), (2, 'U')]));
        assert!(!spells(&['E', 'N', 'U'], &[(0, 'N'), (1, 'E'), (2, 'U')]));
    }

    /// The ASCII shortcut of `initial` gives what the caseless key gives.
    #[test]
    fn ascii_initials_are_caseless_keys() {
        for c in ('a'..='z').chain('A'..='Z').chain('0'..='9') {
            let key = crate::normalize::caseless_key(c.encode_utf8(&mut [0; 4])).chars().next();
            assert_eq!(key, Some(c.to_ascii_uppercase()), "{c}");
        }
    }

    /// The entity before a parenthesis is what a table by end token over all the matches gives: for
    /// every `(`, the longest gazetteer entity ending right before it, the first match among equal spans.
    #[test]
    fn entity_before_paren_agrees_with_a_table_by_end() {
        let m = crate::gazetteer::compile(&crate::GazetteerConfig::default()).expect("built-in lists");
        let text = "La République centrafricaine (RCA) et le Mali (ML), la Banque mondiale (BM), \
                    les Nations unies (ONU) (bis) à Bamako ( Mali ) puis New York (NY) et (Paris).";
        let doc = tokenize(text);
        let ctx = Ctx::new(&doc, &m, Language::Fr);
        let mut table: Vec<Option<(usize, Label)>> = vec![None; ctx.len() + 1];
        for mt in &ctx.matches {
            let label = m.node_entries(mt.node).iter().find_map(|&e| match m.entries[e as usize].kind {
                RowKind::Entity(l) => Some(l),
                _ => None,
            });
            if let Some(l) = label {
                if table[mt.end].is_none_or(|(s, _)| mt.start < s) {
                    table[mt.end] = Some((mt.start, l));
                }
            }
        }
        let parens: Vec<usize> = (0..ctx.len()).filter(|&i| ctx.text(i) == "(").collect();
        assert_eq!(parens.len(), 8);
        let mut known = 0;
        for i in parens {
            let found = entity_before_paren(&ctx, i);
            assert_eq!(found, table[i], "before token {i}");
            known += usize::from(found.is_some());
        }
        assert!(known >= 4, "{known}");
    }
}
