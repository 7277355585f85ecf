//! Place rules for names no gazetteer knows: a place classifier before the name (`le village de
//! Koumbéla`), a regional classifier after it (`the Donetsk region`), or a locative preposition
//! (`à Gaoua`, `in Akure`).

use super::words::class;
use super::{Candidate, Ctx, Rule};
use crate::label::Label;
use crate::tokenize::Shape;

/// Longest unknown place name, in words (`Second Thomas Shoal`).
const MAX_PLACE_WORDS: usize = 3;

pub fn propose(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    polity_name(ctx, out);
    street_name(ctx, out);
    place_then_region(ctx, out);
    place_with_suffix(ctx, out);
    classifier_then_place(ctx, out);
    place_then_classifier(ctx, out);
    preposition_then_place(ctx, out);
}

/// A word that may begin an unknown place name: capitalized, not a month or weekday, not a title.
fn place_word(ctx: &Ctx<'_>, i: usize) -> bool {
    ctx.is_name_word(i) && !ctx.has(i, class::MONTH | class::ARABIC_ARTICLE) && !ctx.is_title_start(i)
}

fn place_run(ctx: &Ctx<'_>, i: usize) -> usize {
    if ctx.has(i, class::COMMON_CAP) {
        return i;
    }
    let mut j = i;
    while j < ctx.len() && j - i < MAX_PLACE_WORDS && ctx.same_sentence(i, j) && place_word(ctx, j) {
        j += 1;
    }
    j
}

/// `Empire ottoman`, `Royaume de France`, `Duché de Bourgogne`, `Kingdom of Lesotho`: a realm named by its
/// head noun and an adjective or `de` + a name is a place (DESIGN §3 LOCATION: regions and historical
/// states that are not today's countries; a known country name wins by the gazetteer).
fn polity_name(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    // the heads (`Empire`, `Royaume` …) carry POLITY_HEAD
    for i in ctx.each(class::POLITY_HEAD) {
        if ctx.shape(i) != crate::tokenize::Shape::Capitalized || ctx.doc.is_headline(i) {
            continue;
        }
        let mut j = i + 1;
        while j < ctx.len() && j - i <= 2 && ctx.same_sentence(i, j) && super::organization::is_adjective(ctx, j) {
            j += 1;
        }
        let mut end = j;
        if end == i + 1 && end + 1 < ctx.len() && ctx.has(end, class::OF) {
            let k = if matches!(ctx.text(end + 1), "l'" | "l’" | "la") { end + 2 } else { end + 1 };
            let e = place_run(ctx, k);
            if e > k {
                end = e;
            }
        }
        if end > i + 1 {
            out.push(Candidate { start: i, end, label: Label::Location, score: 0.85, rule: Rule::PlaceClassifier });
        }
    }
}

/// `rue Thiers`, `place de la Concorde`, `avenue Victor-Hugo`, `quai d’Orsay`, `rue des Écoles`: a street
/// word, perhaps `de`/`du`/`des`/`de la`/`d’`, then capitalized words. The street word stays IN the span
/// (DESIGN §3: `Thiers` alone names a man, not the street), so the name inside it is not reported as a
/// person or a town. `place de` + a bare name is the idiom `à la place de Jean Dupont` (instead of), not a
/// square, and `route de Brest` is the road to Brest: both are left out.
fn street_name(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    // the street words (`rue`, `place`, `quai` …) carry STREET
    for i in ctx.each(class::STREET).take_while(|&i| i + 1 < ctx.len()) {
        if ctx.shape(i) != crate::tokenize::Shape::Lower {
            continue;
        }
        let mut j = i + 1;
        if ctx.has(j, class::OF) {
            let bare_de = matches!(ctx.text(j), "de" | "d'" | "d’");
            j += 1;
            if j < ctx.len() && matches!(ctx.text(j), "la" | "l'" | "l’") {
                j += 1;
            } else if bare_de && ctx.text(i) == "place" {
                continue;
            }
        }
        if j >= ctx.len() || !ctx.same_sentence(i, j) || ctx.has(j, class::COMMON_CAP) {
            continue;
        }
        let mut end = j;
        while end < ctx.len() && end - j < MAX_PLACE_WORDS && ctx.same_sentence(i, end) && street_word(ctx, end) {
            end += 1;
        }
        if end > j {
            out.push(Candidate { start: i, end, label: Label::Location, score: 0.85, rule: Rule::PlaceClassifier });
        }
    }
}

/// A word of a street's proper name: capitalized (names, `Neuve`, `Saint-Michel`), not a title or month.
fn street_word(ctx: &Ctx<'_>, k: usize) -> bool {
    ctx.is_name_word(k) && !ctx.is_title_start(k) && !ctx.has(k, class::MONTH)
}

/// Lowercase French adjectives that carve a named region out of a place: the language regions of a
/// country (`Suisse romande`, `Suisse alémanique`) and, after a continent only, the points of the compass
/// (`Amérique méridionale`, `Europe centrale`, `Asie mineure`); after a country they mostly describe
/// (`l’Algérie septentrionale`), so they stay out there.
fn is_region_adjective(w: &str, continent: bool) -> bool {
    matches!(w, "romande" | "romand" | "alémanique")
        || continent
            && matches!(
                w,
                "méridionale"
                    | "septentrionale"
                    | "orientale"
                    | "occidentale"
                    | "centrale"
                    | "australe"
                    | "latine"
                    | "mineure"
                    | "équatoriale"
            )
}

/// `Suisse romande`, `Amérique méridionale`, `Allemagne du Sud`, `Italie du Nord`: a known country or
/// place followed by a region-forming adjective or `du Nord`/`du Sud`/`de l’Est`/`de l’Ouest` names a region,
/// a LOCATION of its own; reporting the country alone would misplace the span. Listed forms (`Afrique du
/// Sud`, `Amérique latine`) win over this rule by score.
fn place_then_region(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    // the matches with an unambiguous country or place entry
    for mt in ctx.places.iter().map(|&p| &ctx.matches[p as usize]) {
        let k = mt.end;
        // the cheap tests first: most matches end no place, and a region word is lowercase (`romande`,
        // `du` of `du Nord`), which leaves few matches for the text
        if k >= ctx.len() || !ctx.info[k - 1].place_end() || ctx.shape(k) != Shape::Lower {
            continue;
        }
        if !ctx.same_sentence(mt.start, k) {
            continue;
        }
        let continent = mt.end - mt.start == 1
            && matches!(ctx.text(mt.start), "Europe" | "Afrique" | "Amérique" | "Asie" | "Océanie");
        let end = if ctx.shape(k) == crate::tokenize::Shape::Lower && is_region_adjective(ctx.text(k), continent) {
            k + 1
        } else {
            let mut j = k;
            if matches!(ctx.text(j), "du" | "de") {
                j += 1;
                if j < ctx.len() && matches!(ctx.text(j), "l'" | "l’") {
                    j += 1;
                }
            }
            let point = j < ctx.len() && matches!(ctx.text(j), "Nord" | "Sud" | "Est" | "Ouest");
            if j == k || !point || !ctx.same_sentence(k, j) {
                continue;
            }
            j + 1
        };
        out.push(Candidate { start: mt.start, end, label: Label::Location, score: 0.85, rule: Rule::PlaceSuffix });
    }
}

/// `Ondo State`, `Second Thomas Shoal`, `Gaza City`: capitalized words closed by a geographic word,
/// which belongs to the name.
fn place_with_suffix(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    for k in ctx.each(class::LOC_SUFFIX).filter(|&k| k >= 1) {
        if ctx.doc.is_headline(k) {
            continue;
        }
        let mut s = k;
        while s > 0 && k - s < MAX_PLACE_WORDS && ctx.same_sentence(s - 1, k) {
            let prev = s - 1;
            // a title inside a place name is part of it: `King Hussein Bridge`
            let word = ctx.is_name_word(prev) && !ctx.has(prev, class::MONTH | class::COMMON_CAP);
            if !word {
                break;
            }
            s = prev;
        }
        if s < k {
            out.push(Candidate { start: s, end: k + 1, label: Label::Location, score: 0.85, rule: Rule::PlaceSuffix });
        }
    }
}

/// `le village de Koumbéla`, `la province du Poni`, `le lac Kivu`, `the town of Kostiantynivka`: the
/// classifier and its preposition stay out of the span (DESIGN §3).
fn classifier_then_place(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    for i in ctx.each(class::PLACE_CLASSIFIER) {
        let mut j = i + 1;
        // the preposition: de, du, d’, des, of
        if j < ctx.len() && ctx.has(j, class::OF) {
            j += 1;
        }
        if j >= ctx.len() || !ctx.same_sentence(i, j) {
            continue;
        }
        let end = place_run(ctx, j);
        if end > j {
            out.push(Candidate { start: j, end, label: Label::Location, score: 0.8, rule: Rule::PlaceClassifier });
        }
    }
}

/// `the Donetsk region`, `Kherson oblast`: capitalized words before a lowercase regional classifier.
fn place_then_classifier(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    for k in ctx.each(class::PLACE_SUFFIX).filter(|&k| k >= 1) {
        let s = ctx.run_before(k, MAX_PLACE_WORDS, |p| place_word(ctx, p));
        if s < k && !(ctx.doc.tokens[s].sent_start && ctx.has(s, class::COMMON_CAP)) {
            out.push(Candidate { start: s, end: k, label: Label::Location, score: 0.75, rule: Rule::PlaceClassifier });
        }
    }
}

/// `à Gaoua`, `in Akure`, `near Tanegashima`: an unknown capitalized name after a locative preposition.
/// Weak evidence (a known given name or any gazetteer entry outranks it), but news names new places
/// this way constantly.
fn preposition_then_place(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    for i in ctx.each(class::PLACE_PREP).map(|p| p + 1).take_while(|&i| i < ctx.len()) {
        if !place_word(ctx, i) || ctx.info[i].given().is_some() || ctx.info[i].entity() || ctx.doc.tokens[i].sent_start
        {
            continue;
        }
        // one word only: `à Jono Gibbes` is a person as often as `à Gaoua` is a town
        let end = place_run(ctx, i);
        if end == i + 1 && !(end < ctx.len() && ctx.is_name_word(end)) {
            out.push(Candidate { start: i, end, label: Label::Location, score: 0.5, rule: Rule::PlaceContext });
        }
    }
}
