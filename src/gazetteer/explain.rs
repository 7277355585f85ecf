//! What the gazetteers hold and why a surface form matches: the logic behind `ner --list-gazetteers` and
//! `ner --explain FORM` (the binary only prints). These are the first tools a user reaches for when a result
//! surprises them, so they report the data as the matcher sees it: the normalized key, every entry stored
//! under it, and the file and line each entry comes from.

use super::parse::{flags, parse_tsv, Lang, RowKind};
use super::{Entry, GazetteerConfig, GazetteerError, Matcher, BUILTIN};
use crate::normalize::{caseless_key, key};
use crate::tokenize::{tokenize, Shape};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The names of the flag bits, in a stable order (the words of the `flags` column).
const FLAG_NAMES: &[(u32, &str)] = &[
    (flags::AMBIGUOUS, "ambiguous"),
    (flags::ACRONYM, "acronym"),
    (flags::CAPITAL, "capital"),
    (flags::MALE, "m"),
    (flags::FEMALE, "f"),
    (flags::CIVILITY, "civility"),
    (flags::POLITICAL, "political"),
    (flags::MILITARY, "military"),
    (flags::ROYAL, "royal"),
    (flags::RELIGIOUS, "religious"),
    (flags::ACADEMIC, "academic"),
    (flags::ROLE, "role"),
    (flags::ARTICLE_DROPPED, "article-dropped"),
];

/// The words of a flag set (`ambiguous`, `acronym`, …; `article-dropped` for the matcher's own alias).
pub fn flag_names(bits: u32) -> Vec<&'static str> {
    FLAG_NAMES.iter().filter(|(b, _)| bits & b != 0).map(|&(_, n)| n).collect()
}

/// The label column of a row kind: `PERSON`…`LOCATION`, or the cue kinds `GIVEN`, `TITLE`, `DEMONYM`.
pub fn kind_name(kind: RowKind) -> &'static str {
    match kind {
        RowKind::Entity(l) => l.as_str(),
        RowKind::Given => "GIVEN",
        RowKind::Title => "TITLE",
        RowKind::Demonym => "DEMONYM",
    }
}

/// The lang column as written in the files.
pub fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Any => "*",
        Lang::Fr => "fr",
        Lang::En => "en",
    }
}

/// One entry a surface form reaches.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExplainedEntry {
    /// `PERSON`, `COUNTRY`, `ORGANIZATION`, `LOCATION`, or a cue kind (`GIVEN`, `TITLE`, `DEMONYM`).
    pub label: &'static str,
    /// The surface form as written in its list.
    pub name: String,
    pub canonical: String,
    pub kb_id: Option<String>,
    pub iso: Option<String>,
    pub lang: &'static str,
    pub flags: Vec<&'static str>,
    /// The list: a built-in list name (`countries`) or a user file's path.
    pub list: String,
    /// `gazetteers/countries.tsv` for a built-in list, the path for a user file.
    pub file: String,
    /// 1-based line in that file.
    pub line: u32,
    pub user: bool,
    /// A cue for the rules (given name, title, demonym), never an entity by itself.
    pub cue: bool,
}

impl ExplainedEntry {
    fn new(m: &Matcher, e: &Entry) -> Self {
        let origin = &m.origins[e.origin as usize];
        ExplainedEntry {
            label: kind_name(e.kind),
            name: e.name.to_string(),
            canonical: e.canonical.to_string(),
            kb_id: e.kb_id.as_deref().map(str::to_string),
            iso: e.iso.as_deref().map(str::to_string),
            lang: lang_name(e.lang),
            flags: flag_names(e.flags),
            list: origin.name.clone(),
            file: if origin.user { origin.name.clone() } else { format!("gazetteers/{}.tsv", origin.name) },
            line: e.line,
            user: origin.user,
            cue: !matches!(e.kind, RowKind::Entity(_)),
        }
    }
}

/// Everything `--explain` says about one surface form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Explanation {
    pub surface: String,
    /// The match key of each token (DESIGN §6), as the matcher looks them up.
    pub tokens: Vec<String>,
    /// The tokens' keys joined by spaces.
    pub key: String,
    /// The caseless key that ALL-CAPS text is also looked up with (`ETATS-UNIS`).
    pub caseless_key: String,
    /// Entries stored under the exact key, in priority order (user lists, then the built-in order).
    pub entries: Vec<ExplainedEntry>,
    /// When nothing matches as written and the form is ALL CAPS: the entries of the same form written
    /// with a capital initial only, which ALL-CAPS text (headlines, datelines) can reach caselessly.
    pub caseless_entries: Vec<ExplainedEntry>,
    /// Some entity entry is flagged `ambiguous`: it needs context to fire.
    pub ambiguous: bool,
    pub given_name: bool,
    pub title: bool,
    pub demonym: bool,
}

/// Explains one surface form: its key, and every gazetteer entry stored under that key.
pub fn explain(m: &Matcher, surface: &str) -> Explanation {
    let toks = tokenize(surface);
    let tokens: Vec<String> = toks.tokens.iter().map(|t| key(t.text(surface)).into_owned()).collect();
    let entries: Vec<ExplainedEntry> = m.lookup(surface).into_iter().map(|e| ExplainedEntry::new(m, e)).collect();
    let all_caps = !toks.tokens.is_empty()
        && toks.tokens.iter().all(|t| !t.is_wordlike() || t.shape == Shape::AllCaps)
        && toks.tokens.iter().any(|t| t.shape == Shape::AllCaps);
    let caseless_entries = if entries.is_empty() && all_caps {
        m.lookup(&title_case(surface)).into_iter().map(|e| ExplainedEntry::new(m, e)).collect()
    } else {
        Vec::new()
    };
    let has = |k: &str| entries.iter().any(|e| e.label == k);
    Explanation {
        surface: surface.to_string(),
        key: tokens.join(" "),
        caseless_key: toks.tokens.iter().map(|t| caseless_key(t.text(surface))).collect::<Vec<_>>().join(" "),
        tokens,
        ambiguous: entries.iter().any(|e| !e.cue && e.flags.contains(&"ambiguous")),
        given_name: has("GIVEN"),
        title: has("TITLE"),
        demonym: has("DEMONYM"),
        entries,
        caseless_entries,
    }
}

/// `ÉTATS-UNIS` → `États-Unis`: each word's first letter kept, the rest lower-cased.
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if start {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = true;
        }
    }
    out
}

fn write_entry(f: &mut fmt::Formatter<'_>, e: &ExplainedEntry) -> fmt::Result {
    write!(f, "  {:<12} {}", e.label, e.canonical)?;
    if e.name != e.canonical {
        write!(f, "  (as {:?})", e.name)?;
    }
    if let Some(id) = &e.kb_id {
        write!(f, "  kb_id={id}")?;
    }
    if let Some(iso) = &e.iso {
        write!(f, "  iso={iso}")?;
    }
    write!(f, "  lang={}", e.lang)?;
    if !e.flags.is_empty() {
        write!(f, "  flags={}", e.flags.join(","))?;
    }
    writeln!(f, "  [{}:{}]", e.file, e.line)
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:?}", self.surface)?;
        writeln!(
            f,
            "  key: {:?} ({} token{})",
            self.key,
            self.tokens.len(),
            if self.tokens.len() == 1 { "" } else { "s" }
        )?;
        writeln!(f, "  caseless key (ALL-CAPS text): {:?}", self.caseless_key)?;
        if self.entries.is_empty() {
            writeln!(f, "  no gazetteer entry")?;
        } else {
            writeln!(
                f,
                "  {} entr{} (highest priority first):",
                self.entries.len(),
                if self.entries.len() == 1 { "y" } else { "ies" }
            )?;
            for e in &self.entries {
                write_entry(f, e)?;
            }
        }
        if !self.caseless_entries.is_empty() {
            writeln!(f, "  in ALL-CAPS text (headlines, datelines) it reaches, caselessly:")?;
            for e in &self.caseless_entries {
                write_entry(f, e)?;
            }
        }
        let mut cues = Vec::new();
        if self.given_name {
            cues.push("a given name");
        }
        if self.title {
            cues.push("a title");
        }
        if self.demonym {
            cues.push("a demonym (never an entity)");
        }
        if !cues.is_empty() {
            writeln!(f, "  cue for the rules: {}", cues.join(", "))?;
        }
        if self.ambiguous {
            writeln!(f, "  ambiguous: also a common word or name; needs context (not at a sentence start or in a headline alone)")?;
        }
        if self.entries.iter().any(|e| e.flags.contains(&"article-dropped")) {
            writeln!(
                f,
                "  article-dropped: this alias of a name with a leading article fires only after au/du/aux/des"
            )?;
        }
        Ok(())
    }
}

/// Row counts of one (list, label, lang, source) group.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ListCount {
    pub list: String,
    pub label: &'static str,
    pub lang: &'static str,
    /// The `source` column (empty when the file has none, as user lists may).
    pub source: String,
    pub rows: usize,
    /// Distinct canonical names in the group.
    pub canonicals: usize,
}

/// Counts the rows of every configured list (user files first, then the built-in ones, as compiled),
/// grouped by list, label, lang and source.
pub fn list_gazetteers(config: &GazetteerConfig) -> Result<Vec<ListCount>, GazetteerError> {
    let mut out = Vec::new();
    for path in &config.user_files {
        let text = std::fs::read_to_string(path)
            .map_err(|source| GazetteerError::Io { path: path.display().to_string(), source })?;
        let name = path.display().to_string();
        out.extend(count_list(&name, &text, &name)?);
    }
    for (name, text) in BUILTIN {
        let is_cue = matches!(*name, "titles" | "demonyms" | "given_names");
        if config.no_builtin && !is_cue {
            continue;
        }
        out.extend(count_list(name, text, &format!("gazetteers/{name}.tsv"))?);
    }
    Ok(out)
}

/// Groups one list's rows by label, lang and source.
pub fn count_list(list: &str, text: &str, file: &str) -> Result<Vec<ListCount>, GazetteerError> {
    let rows = parse_tsv(text, file)?;
    let lines: Vec<&str> = text.strip_prefix('\u{FEFF}').unwrap_or(text).lines().collect();
    // the `source` column, found in the header as the parser finds its columns
    let source_col = lines
        .iter()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .and_then(|h| h.split('\t').position(|c| c.trim().eq_ignore_ascii_case("source")));
    let mut groups: BTreeMap<(&'static str, &'static str, String), (usize, BTreeSet<&str>)> = BTreeMap::new();
    for r in &rows {
        let source = source_col
            .and_then(|c| lines.get(r.line - 1).and_then(|l| l.split('\t').nth(c)))
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        let g = groups.entry((kind_name(r.kind), lang_name(r.lang), source)).or_default();
        g.0 += 1;
        g.1.insert(r.canonical.as_str());
    }
    Ok(groups
        .into_iter()
        .map(|((label, lang, source), (rows, canon))| ListCount {
            list: list.to_string(),
            label,
            lang,
            source,
            rows,
            canonicals: canon.len(),
        })
        .collect())
}

/// The `--list-gazetteers` table: one line per group, a total per list, and a grand total.
pub fn format_list(counts: &[ListCount]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ =
        writeln!(s, "{:<16} {:<13} {:<4} {:<14} {:>8} {:>10}", "list", "label", "lang", "source", "rows", "canonicals");
    let mut i = 0;
    let mut total = 0;
    while i < counts.len() {
        let list = &counts[i].list;
        let mut rows = 0;
        while i < counts.len() && &counts[i].list == list {
            let c = &counts[i];
            let source = if c.source.is_empty() { "-" } else { c.source.as_str() };
            let _ = writeln!(
                s,
                "{:<16} {:<13} {:<4} {:<14} {:>8} {:>10}",
                c.list, c.label, c.lang, source, c.rows, c.canonicals
            );
            rows += c.rows;
            i += 1;
        }
        let _ = writeln!(s, "{:<16} {:<13} {:<4} {:<14} {:>8}", list, "(all)", "", "", rows);
        total += rows;
    }
    let _ = writeln!(s, "{:<16} {:<13} {:<4} {:<14} {:>8}", "total", "", "", "", total);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{compile, MatcherBuilder, Origin};

    const TSV: &str = "# test list\nname\tlabel\tcanonical\tkb_id\tlang\tiso\tflags\tsource\n\
        Mali\tCOUNTRY\tMali\tQ912\t*\tML\t\tcountry-codes\n\
        États-Unis\tCOUNTRY\tUnited States\tQ30\tfr\tUS\t\tmledoze\n\
        Nice\tLOCATION\tNice\t\t*\tFR\tambiguous\tgeonames\n\
        Le Caire\tLOCATION\tCairo\t\tfr\tEG\tcapital\tcldr\n\
        Nice\tGIVEN\tNice\t\t*\t\tf\tnam-dict\n";

    fn matcher() -> Matcher {
        let rows = parse_tsv(TSV, "t.tsv").unwrap();
        let mut b = MatcherBuilder::new();
        b.add_rows(&rows, Origin { name: "test".into(), user: false });
        b.build()
    }

    #[test]
    fn explains_entries_with_file_and_line() {
        let m = matcher();
        let x = explain(&m, "Mali");
        assert_eq!(x.key, "Mali");
        assert_eq!(x.entries.len(), 1);
        let e = &x.entries[0];
        assert_eq!((e.label, e.canonical.as_str(), e.kb_id.as_deref()), ("COUNTRY", "Mali", Some("Q912")));
        assert_eq!((e.file.as_str(), e.line), ("gazetteers/test.tsv", 3));
        assert!(!x.ambiguous && !x.given_name);
        let text = x.to_string();
        assert!(text.contains("kb_id=Q912") && text.contains("gazetteers/test.tsv:3"), "{text}");
    }

    #[test]
    fn key_folds_capital_accents() {
        let m = matcher();
        let x = explain(&m, "Etats-Unis");
        assert_eq!(x.key, "Etats-Unis");
        assert_eq!(x.caseless_key, "ETATS-UNIS");
        assert_eq!(x.entries[0].canonical, "United States");
        assert_eq!(x.entries[0].name, "États-Unis");
    }

    #[test]
    fn cues_and_ambiguity() {
        let m = matcher();
        let x = explain(&m, "Nice");
        assert_eq!(x.entries.len(), 2);
        assert!(x.ambiguous && x.given_name && !x.title && !x.demonym);
        assert!(x.to_string().contains("cue for the rules: a given name"));
    }

    #[test]
    fn article_alias_and_unknown() {
        let m = matcher();
        let x = explain(&m, "Caire");
        assert_eq!(x.entries[0].flags, vec!["capital", "article-dropped"]);
        assert!(explain(&m, "Tombouctou").entries.is_empty());
        assert!(explain(&m, "Tombouctou").to_string().contains("no gazetteer entry"));
    }

    #[test]
    fn all_caps_reaches_caseless() {
        let m = matcher();
        let x = explain(&m, "MALI");
        assert!(x.entries.is_empty());
        assert_eq!(x.caseless_entries[0].canonical, "Mali");
        assert_eq!(title_case("ÉTATS-UNIS"), "États-Unis");
    }

    #[test]
    fn counts_group_by_label_lang_source() {
        let c = count_list("test", TSV, "t.tsv").unwrap();
        let find = |label: &str, source: &str| c.iter().find(|x| x.label == label && x.source == source).unwrap();
        assert_eq!(find("COUNTRY", "country-codes").rows, 1);
        assert_eq!(find("LOCATION", "geonames").lang, "*");
        assert_eq!(c.iter().map(|x| x.rows).sum::<usize>(), 5);
        let table = format_list(&c);
        assert!(table.lines().last().unwrap().contains('5'), "{table}");
        // a short-form user list has no source column
        let u = count_list("u.tsv", "name\tlabel\nAcme\tORGANIZATION\n", "u.tsv").unwrap();
        assert_eq!((u[0].label, u[0].source.as_str(), u[0].rows), ("ORGANIZATION", "", 1));
    }

    #[test]
    fn builtin_lists_are_listed_and_explained() {
        let counts = list_gazetteers(&GazetteerConfig::default()).unwrap();
        for (name, _) in BUILTIN {
            assert!(counts.iter().any(|c| c.list == *name), "{name} missing");
        }
        let m = compile(&GazetteerConfig::default()).unwrap();
        let x = explain(&m, "Mali");
        assert!(x.entries.iter().any(|e| e.label == "COUNTRY" && e.iso.as_deref() == Some("ML")), "{x}");
    }
}
