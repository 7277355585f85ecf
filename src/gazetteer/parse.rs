//! Reading gazetteer TSV files (DESIGN §6). Every error names `file:line`, because the first thing a
//! user does with a broken list is open it at that line.

use crate::label::Label;

/// What a gazetteer row stands for: an entity, or a cue that rules use but never emit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowKind {
    Entity(Label),
    /// A given name: evidence for the person rules.
    Given,
    /// A title or honorific (`M.`, `le président`): evidence for the person rules, never in a span.
    Title,
    /// A demonym or nationality adjective: negative evidence, never an entity.
    Demonym,
}

impl RowKind {
    fn parse(s: &str) -> Option<RowKind> {
        match s {
            "GIVEN" => Some(RowKind::Given),
            "TITLE" => Some(RowKind::Title),
            "DEMONYM" => Some(RowKind::Demonym),
            other => other.parse::<Label>().ok().map(RowKind::Entity),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Any,
    Fr,
    En,
}

/// Row flags; unknown flag words are ignored so that newer lists load in older binaries.
pub mod flags {
    pub const AMBIGUOUS: u32 = 1;
    pub const ACRONYM: u32 = 1 << 1;
    pub const CAPITAL: u32 = 1 << 2;
    pub const MALE: u32 = 1 << 3;
    pub const FEMALE: u32 = 1 << 4;
    pub const CIVILITY: u32 = 1 << 5;
    pub const POLITICAL: u32 = 1 << 6;
    pub const MILITARY: u32 = 1 << 7;
    pub const ROYAL: u32 = 1 << 8;
    pub const RELIGIOUS: u32 = 1 << 9;
    pub const ACADEMIC: u32 = 1 << 10;
    pub const ROLE: u32 = 1 << 11;
    /// Set by the matcher, not by files: the row's leading capitalized article (`Le Caire`) was dropped
    /// to build this alias, which only fires after a contracted article (`au Caire`).
    pub const ARTICLE_DROPPED: u32 = 1 << 16;

    pub fn parse(word: &str) -> u32 {
        match word.trim() {
            "ambiguous" => AMBIGUOUS,
            "acronym" => ACRONYM,
            "capital" => CAPITAL,
            "m" => MALE,
            "f" => FEMALE,
            "civility" => CIVILITY,
            "political" => POLITICAL,
            "military" => MILITARY,
            "royal" => ROYAL,
            "religious" => RELIGIOUS,
            "academic" => ACADEMIC,
            "role" => ROLE,
            _ => 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    pub kind: RowKind,
    pub canonical: String,
    pub kb_id: Option<String>,
    pub lang: Lang,
    pub iso: Option<String>,
    pub flags: u32,
    /// Line number in its file (1-based), for `explain` and error messages.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ParseError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Column positions found in the header.
struct Columns {
    name: usize,
    label: usize,
    canonical: Option<usize>,
    kb_id: Option<usize>,
    lang: Option<usize>,
    iso: Option<usize>,
    flags: Option<usize>,
}

/// Parses a TSV gazetteer. `file` is only used in error messages.
///
/// Accepts the full DESIGN §6 header (`name label canonical kb_id lang …`) and the two-column short
/// form `name<TAB>label`, where the canonical name is the surface form itself. Columns are found by
/// header name, so extra columns are ignored.
pub fn parse_tsv(text: &str, file: &str) -> Result<Vec<Row>, ParseError> {
    let err = |line: usize, message: String| ParseError { file: file.to_string(), line, message };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)));
    let mut cols: Option<Columns> = None;
    let mut rows = Vec::new();
    for (no, line) in &mut lines {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if cols.is_none() {
            let find = |n: &str| fields.iter().position(|f| f.trim().eq_ignore_ascii_case(n));
            let headerless = fields.len() == 2 && RowKind::parse(fields[1].trim()).is_some();
            let (name, label) = match (find("name"), find("label")) {
                (Some(name), Some(label)) => (name, label),
                // the short form may go without its header: `Acme Widgets<TAB>ORGANIZATION` from line 1
                _ if headerless => (0, 1),
                _ => {
                    return Err(err(
                        no,
                        "the first line must be a header with at least the columns `name` and `label` \
                         (or, for the two-column short form, a `name<TAB>LABEL` row)"
                            .into(),
                    ))
                }
            };
            cols = Some(Columns {
                name,
                label,
                canonical: find("canonical"),
                kb_id: find("kb_id"),
                lang: find("lang"),
                iso: find("iso"),
                flags: find("flags"),
            });
            if !headerless {
                continue;
            }
        }
        let Some(c) = &cols else { continue };
        let get = |i: Option<usize>| i.and_then(|i| fields.get(i)).map(|f| f.trim()).filter(|f| !f.is_empty());
        let name = get(Some(c.name)).ok_or_else(|| err(no, "empty `name`".into()))?;
        let label = get(Some(c.label)).ok_or_else(|| err(no, "empty `label`".into()))?;
        let kind = RowKind::parse(label).ok_or_else(|| {
            err(
                no,
                format!("unknown label {label:?} (expected PERSON, COUNTRY, ORGANIZATION, LOCATION, GIVEN, TITLE or DEMONYM)"),
            )
        })?;
        let lang = match get(c.lang) {
            None | Some("*") => Lang::Any,
            Some("fr") => Lang::Fr,
            Some("en") => Lang::En,
            Some(other) => return Err(err(no, format!("unknown lang {other:?} (expected fr, en or *)"))),
        };
        let kb_id = get(c.kb_id).map(str::to_string);
        if let Some(id) = &kb_id {
            let valid = id.len() > 1 && id.starts_with('Q') && id[1..].bytes().all(|b| b.is_ascii_digit());
            if !valid {
                return Err(err(no, format!("kb_id {id:?} is not a Wikidata id like Q90")));
            }
        }
        let flags = get(c.flags).map(|f| f.split(',').map(flags::parse).fold(0, |a, b| a | b)).unwrap_or(0);
        rows.push(Row {
            name: name.to_string(),
            kind,
            canonical: get(c.canonical).unwrap_or(name).to_string(),
            kb_id,
            lang,
            iso: get(c.iso).map(str::to_string),
            flags,
            line: no,
        });
    }
    if cols.is_none() {
        return Err(err(1, "no header line (`name<TAB>label…`)".into()));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_form() {
        let tsv = "# comment\nname\tlabel\tcanonical\tkb_id\tlang\tiso\tflags\tsource\n\
                   Russie\tCOUNTRY\tRussia\tQ159\tfr\tRU\t\tcountry-codes\n\
                   Nice\tLOCATION\tNice\t\t*\tFR\tambiguous\tgeonames\n";
        let rows = parse_tsv(tsv, "t.tsv").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].kind, RowKind::Entity(Label::Country));
        assert_eq!(rows[0].canonical, "Russia");
        assert_eq!(rows[0].kb_id.as_deref(), Some("Q159"));
        assert_eq!(rows[0].iso.as_deref(), Some("RU"));
        assert_eq!(rows[0].line, 3);
        assert_eq!(rows[1].flags, flags::AMBIGUOUS);
    }

    #[test]
    fn short_form() {
        let rows = parse_tsv("name\tlabel\nAcme Widgets\tORGANIZATION\n", "u.tsv").unwrap();
        assert_eq!(rows[0].canonical, "Acme Widgets");
        assert_eq!(rows[0].lang, Lang::Any);
    }

    #[test]
    fn short_form_without_header() {
        let rows = parse_tsv("# mine\nAcme Widgets\tORGANIZATION\nJo Bloggs\tPERSON\n", "u.tsv").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].name.as_str(), rows[0].line), ("Acme Widgets", 2));
        assert_eq!(rows[1].kind, RowKind::Entity(Label::Person));
        let e = parse_tsv("Acme Widgets\tORGANIZATION\nBad\tCITY\n", "u.tsv").unwrap_err().to_string();
        assert!(e.starts_with("u.tsv:2: unknown label"), "{e}");
    }

    #[test]
    fn errors_name_file_and_line() {
        let cases = [
            ("name\tlabel\nX\tCITY\n", "u.tsv:2: unknown label"),
            ("name\tlabel\n\tPERSON\n", "u.tsv:2: empty `name`"),
            ("foo\tbar\n", "u.tsv:1: the first line"),
            ("name\tlabel\tkb_id\nX\tPERSON\t42\n", "u.tsv:2: kb_id"),
            ("name\tlabel\tlang\nX\tPERSON\tde\n", "u.tsv:2: unknown lang"),
            ("", "u.tsv:1: no header"),
        ];
        for (tsv, want) in cases {
            let e = parse_tsv(tsv, "u.tsv").unwrap_err().to_string();
            assert!(e.starts_with(want), "{e:?} should start with {want:?}");
        }
    }
}
