//! `--format html`: one self-contained page (inline CSS, no script, nothing fetched) with each
//! document's text, its entities highlighted in their label's colour, a legend, a tooltip per mention
//! (canonical name, label, Wikidata link, recognizer) and, above the text, the distinct entities per
//! label with their mention counts.
//!
//! Decisions: the page is streamed like every other format: the head and legend are written first, each
//! document is a `<section>` written as soon as it is ready, and the table of contents (only for more
//! than one document) comes last in the file but is placed above the documents by CSS grid, so nothing
//! waits for the whole corpus. Each mention is a `<mark>` whose text is exactly the entity's `text`,
//! with its label, offsets and canonical name as `data-*` attributes (scripts and tests read them back);
//! its tooltip is a sibling element shown on hover or keyboard focus, so selecting and copying the text
//! copies the article, not the tooltips. Colours follow `prefers-color-scheme`, and each mention also
//! shows its label's short code, so the page does not rely on colour alone.

use super::summary::summarize;
use super::Record;
use crate::{Entity, Label};
use std::fmt::Write as _;

/// Appends `s` with HTML's special characters escaped (safe in text and in quoted attributes).
pub fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape(&mut out, s);
    out
}

/// The short code shown on each mention.
fn short(label: Label) -> &'static str {
    match label {
        Label::Person => "PER",
        Label::Country => "CTRY",
        Label::Organization => "ORG",
        Label::Location => "LOC",
    }
}

/// Labels in the order of the legend and the summary.
const ORDER: [Label; 4] = [Label::Person, Label::Organization, Label::Country, Label::Location];

const CSS: &str = r#"
:root{color-scheme:light dark;--bg:#fdfdfc;--fg:#1c1e21;--muted:#5d6470;--line:#d9dce1;--card:#ffffff;
--link:#0b57d0;--PERSON:#ffdf8f;--PERSON-b:#b78400;--COUNTRY:#bfe8c6;--COUNTRY-b:#2e8540;
--ORGANIZATION:#c9dbff;--ORGANIZATION-b:#2f5fc4;--LOCATION:#f7cdea;--LOCATION-b:#b2418f;--tip:#1c1e21;--tip-fg:#f4f4f4}
@media (prefers-color-scheme:dark){:root{--bg:#15171b;--fg:#e4e6ea;--muted:#a0a7b3;--line:#343942;--card:#1d2026;
--link:#8ab4f8;--PERSON:#5c4500;--PERSON-b:#e0ad2e;--COUNTRY:#174d27;--COUNTRY-b:#5cc97a;--ORGANIZATION:#1e3768;
--ORGANIZATION-b:#7ea6f2;--LOCATION:#5a1f4a;--LOCATION-b:#e58ccb;--tip:#f4f4f4;--tip-fg:#1c1e21}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
a{color:var(--link)}
.page{display:grid;grid-template-columns:minmax(0,1fr);grid-template-areas:"top" "toc" "main" "foot";gap:1rem 2rem;
max-width:72rem;margin:0 auto;padding:1.5rem}
@media (min-width:60rem){.page:has(>.toc){grid-template-columns:15rem minmax(0,1fr);grid-template-areas:"top top" "toc main" "foot foot"}
.toc{position:sticky;top:1rem;align-self:start;max-height:calc(100vh - 2rem);overflow:auto}}
.top{grid-area:top;border-bottom:1px solid var(--line);padding-bottom:.75rem}
.top h1{margin:0 0 .5rem;font-size:1.4rem}
main{grid-area:main;min-width:0}
.toc{grid-area:toc;font-size:.9rem}
.toc h2{font-size:1rem;margin:0 0 .5rem}
.toc ol{margin:0;padding-left:1.4rem}
.toc li{margin:.2rem 0;overflow-wrap:anywhere}
.toc .n{color:var(--muted)}
.legend{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:0;padding:0;list-style:none;font-size:.9rem}
.swatch{display:inline-block;width:.9rem;height:.9rem;border-radius:3px;vertical-align:-.1rem;margin-right:.35rem;
border:1px solid}
.doc{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem;margin:0 0 1.5rem}
.doc h2{font-size:1.1rem;margin:0 0 .75rem;overflow-wrap:anywhere}
.doc h2 small{color:var(--muted);font-weight:normal}
.summary{margin:0 0 1rem;padding:.5rem .75rem;border-left:3px solid var(--line);font-size:.92rem}
.summary h3{font-size:.95rem;margin:0 0 .25rem}
.summary dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:.3rem .75rem;align-items:baseline}
.summary dt{font-weight:600;font-size:.8rem;letter-spacing:.03em}
.summary dd{margin:0}
.summary .chip{display:inline-block;margin:0 .35rem .25rem 0;padding:0 .4rem;border-radius:4px;border-width:1px;
border-style:solid}
.summary .count{color:var(--muted);font-size:.85em}
.none{color:var(--muted);font-style:italic}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.02rem;line-height:1.9}
.e{position:relative}
mark.ent{color:inherit;padding:.05rem .2rem;border-radius:4px;border-bottom-width:2px;border-bottom-style:solid;cursor:help}
mark.ent::after{content:attr(data-short);font-size:.62em;font-weight:700;letter-spacing:.04em;margin-left:.25rem;
vertical-align:.15em;opacity:.75}
.l-PERSON{background:var(--PERSON);border-color:var(--PERSON-b)}
.l-COUNTRY{background:var(--COUNTRY);border-color:var(--COUNTRY-b)}
.l-ORGANIZATION{background:var(--ORGANIZATION);border-color:var(--ORGANIZATION-b)}
.l-LOCATION{background:var(--LOCATION);border-color:var(--LOCATION-b)}
.tip{display:none;position:absolute;left:0;top:100%;z-index:10;min-width:12rem;max-width:24rem;white-space:normal;
background:var(--tip);color:var(--tip-fg);padding:.4rem .6rem;border-radius:6px;font-size:.82rem;line-height:1.4;
box-shadow:0 4px 14px rgba(0,0,0,.25)}
.tip a{color:inherit;text-decoration:underline}
.tip small{opacity:.75}
.e:hover .tip,.e:focus-within .tip{display:block}
.error{color:#b3261e;font-weight:600}
footer{grid-area:foot;color:var(--muted);font-size:.8rem}
"#;

/// The beginning of the page, up to the opening of `<main>`.
pub fn head() -> String {
    let mut s = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"generator\" content=\"ner ",
    );
    s.push_str(env!("CARGO_PKG_VERSION"));
    s.push_str("\">\n<title>Named entities</title>\n<style>");
    s.push_str(CSS);
    s.push_str("</style>\n</head>\n<body>\n");
    s
}

/// The header with the legend. (The two-column layout with a table of contents is chosen by CSS when the
/// `<nav>` is present, so nothing here has to know how many documents will follow.)
pub fn top() -> String {
    let mut s = String::from("<div class=\"page\">\n<header class=\"top\">\n<h1>Named entities</h1>\n");
    s.push_str("<ul class=\"legend\" aria-label=\"legend\">");
    for l in ORDER {
        let _ = write!(s, "<li><span class=\"swatch l-{l}\"></span>{l} <small>({})</small></li>", short(l));
    }
    s.push_str("</ul>\n</header>\n<main>\n");
    s
}

/// The end of the page: the table of contents (when there is more than one document) and the footer.
pub fn tail(toc: &[String]) -> String {
    let mut s = String::from("</main>\n");
    if toc.len() > 1 {
        s.push_str("<nav class=\"toc\" aria-label=\"documents\">\n<h2>Documents</h2>\n<ol>\n");
        for (i, entry) in toc.iter().enumerate() {
            let _ = writeln!(s, "<li><a href=\"#doc-{}\">{entry}</a></li>", i + 1);
        }
        s.push_str("</ol>\n</nav>\n");
    }
    s.push_str("<footer>Made by <code>ner</code>. Hover over or focus a name for its canonical form and identifier.</footer>\n");
    s.push_str("</div>\n</body>\n</html>\n");
    s
}

/// The opening tag of the `n`-th section (1-based), written by the writer, which knows `n`.
pub fn section_open(n: usize) -> String {
    format!("<section class=\"doc\" id=\"doc-{n}\">\n")
}

pub const SECTION_CLOSE: &str = "</section>\n";

/// The heading text of a record: its source, and its id when it has one (escaped).
fn title(record: &Record) -> String {
    let (source, id) = match record {
        Record::Document { source, id, .. } | Record::Error { source, id, .. } => (source, id),
    };
    let mut t = if source == "-" { "(standard input)".to_string() } else { esc(source) };
    if let Some(id) = id {
        let id = match id {
            serde_json::Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        let _ = write!(t, " <small>#{}</small>", esc(&id));
    }
    t
}

fn wikidata(kb_id: &str) -> String {
    format!("<a href=\"https://www.wikidata.org/wiki/{0}\">{0}</a>", esc(kb_id))
}

/// One document's section body and its table-of-contents entry.
pub fn encode(record: &Record, text: Option<&str>) -> (String, String) {
    let heading = title(record);
    let mut s = String::with_capacity(text.map_or(256, |t| t.len() * 2 + 1024));
    match record {
        Record::Error { error, line, .. } => {
            let at = line.map(|l| format!("line {l}: ")).unwrap_or_default();
            let _ = writeln!(s, "<h2>{heading}</h2>\n<p class=\"error\">{}{}</p>", at, esc(error));
            (s, format!("{heading} <span class=\"n\">(error)</span>"))
        }
        Record::Document { language, entities, .. } => {
            let _ = writeln!(s, "<h2>{heading} <small>· {}</small></h2>", esc(language));
            summary(&mut s, entities);
            let _ = write!(s, "<div class=\"text\" lang=\"{}\">", esc(language));
            if let Some(text) = text {
                body(&mut s, text, entities);
            }
            s.push_str("</div>\n");
            let n = entities.len();
            let toc = format!("{heading} <span class=\"n\">({n} mention{})</span>", if n == 1 { "" } else { "s" });
            (s, toc)
        }
    }
}

/// The distinct entities per label with their mention counts.
fn summary(s: &mut String, entities: &[Entity]) {
    let items = summarize(entities);
    s.push_str("<div class=\"summary\">\n<h3>Who and what</h3>\n");
    if items.is_empty() {
        s.push_str("<p class=\"none\">No entity found.</p>\n</div>\n");
        return;
    }
    s.push_str("<dl>\n");
    for label in ORDER {
        let of_label: Vec<_> = items.iter().filter(|i| i.label == label).collect();
        if of_label.is_empty() {
            continue;
        }
        let _ = write!(s, "<dt>{label}</dt><dd>");
        for i in of_label {
            let _ = write!(
                s,
                "<span class=\"chip l-{label}\" data-label=\"{label}\" data-mentions=\"{}\">{}",
                i.mentions,
                esc(&i.canonical)
            );
            if let Some(id) = &i.kb_id {
                let _ = write!(s, " <small>{}</small>", wikidata(id));
            }
            let _ = write!(s, " <span class=\"count\">×{}</span></span>", i.mentions);
        }
        s.push_str("</dd>\n");
    }
    s.push_str("</dl>\n</div>\n");
}

/// The text with each mention marked; entities are sorted and do not overlap (the resolver's contract),
/// and an entity that would overlap the previous one is left unmarked rather than breaking the markup.
fn body(s: &mut String, text: &str, entities: &[Entity]) {
    let mut at = 0;
    for e in entities {
        if e.byte_start < at
            || e.byte_end > text.len()
            || !text.is_char_boundary(e.byte_start)
            || !text.is_char_boundary(e.byte_end)
        {
            continue;
        }
        escape(s, &text[at..e.byte_start]);
        let label = e.label;
        let _ = write!(
            s,
            "<span class=\"e\"><mark class=\"ent l-{label}\" tabindex=\"0\" data-label=\"{label}\" data-short=\"{}\" \
             data-start=\"{}\" data-end=\"{}\" data-entity=\"{}\" data-canonical=\"{}\"",
            short(label),
            e.start,
            e.end,
            e.entity,
            esc(&e.canonical)
        );
        if let Some(id) = &e.kb_id {
            let _ = write!(s, " data-kb-id=\"{}\"", esc(id));
        }
        s.push('>');
        escape(s, &text[e.byte_start..e.byte_end]);
        let _ = write!(s, "</mark><span class=\"tip\" role=\"tooltip\"><b>{}</b> · {label}", esc(&e.canonical));
        if let Some(id) = &e.kb_id {
            let _ = write!(s, " · {}", wikidata(id));
        }
        if let Some(iso) = &e.iso {
            let _ = write!(s, " · {}", esc(iso));
        }
        let _ = write!(s, "<br><small>{}</small></span></span>", esc(&e.recognizer));
        at = e.byte_end;
    }
    escape(s, &text[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Extractor, ExtractorConfig};

    #[test]
    fn escapes_and_marks() {
        let ex = Extractor::new(&ExtractorConfig::default()).unwrap();
        let text = "<b>Le Mali</b> & la France.";
        let doc = ex.extract(text);
        let record = Record::document("a&b.txt", None, doc);
        let (section, toc) = encode(&record, Some(text));
        assert!(section.contains("&lt;b&gt;Le "), "{section}");
        assert!(section.contains("data-label=\"COUNTRY\""), "{section}");
        assert!(section.contains(">Mali</mark>"), "{section}");
        assert!(section.contains("wikidata.org/wiki/Q912"), "{section}");
        assert!(!section.contains("<b>Le"), "{section}");
        assert!(toc.starts_with("a&amp;b.txt"), "{toc}");
    }

    #[test]
    fn toc_only_for_several_documents() {
        assert!(!tail(&["one".into()]).contains("<nav"));
        let two = tail(&["one".into(), "two".into()]);
        assert!(two.contains("href=\"#doc-2\">two</a>"), "{two}");
    }
}
