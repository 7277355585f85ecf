//! `--format tsv`: one entity per row under a header, for spreadsheets and `cut`/`awk`.
//!
//! Decisions: the columns are the JSON fields in their DESIGN §4 order, preceded by the document's
//! `source`, `id` and `language` and followed by `error`, so every row stands alone (a sorted or
//! filtered sheet still says where a name came from). A document with no entity has no row; a document
//! that could not be read has one row with only `source`, `id` and `error` filled, so failures stay
//! visible. Tabs, newlines, carriage returns and backslashes inside a field are written `\t`, `\n`,
//! `\r` and `\\` (the convention of PostgreSQL's text format), so every record is one line. With
//! `--summary` a row is one referent instead (see [`SUMMARY_HEADER`]).

use super::summary::summarize;
use super::Record;

pub const HEADER: &str =
    "source\tid\tlanguage\ttext\tlabel\tstart\tend\tbyte_start\tbyte_end\tcanonical\tkb_id\tiso\tentity\trecognizer\terror\n";

/// The header with `--summary`: one row per referent, `forms` joined with ` | `.
pub const SUMMARY_HEADER: &str = "source\tid\tlanguage\tlabel\tcanonical\tkb_id\tiso\tentity\tmentions\tforms\terror\n";

/// Writes `field` escaped (see the module documentation).
pub fn escape(out: &mut Vec<u8>, field: &str) {
    for b in field.bytes() {
        match b {
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\\' => out.extend_from_slice(b"\\\\"),
            _ => out.push(b),
        }
    }
}

/// An `id` as a cell: a JSON string without its quotes, anything else as JSON.
fn id_cell(id: &Option<serde_json::Value>) -> String {
    match id {
        None => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

fn row(out: &mut Vec<u8>, cells: &[&str]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(b'\t');
        }
        escape(out, c);
    }
    out.push(b'\n');
}

/// Appends the rows of one record.
pub fn encode(out: &mut Vec<u8>, record: &Record, summary: bool) {
    match record {
        Record::Document { source, id, language, entities, .. } => {
            let id = id_cell(id);
            if summary {
                for s in summarize(entities) {
                    let (entity, mentions) = (s.entity.to_string(), s.mentions.to_string());
                    let forms = s.forms.join(" | ");
                    let (kb_id, iso) = (s.kb_id.as_deref().unwrap_or(""), s.iso.as_deref().unwrap_or(""));
                    let cells = [
                        source,
                        &id,
                        language,
                        s.label.as_str(),
                        &s.canonical,
                        kb_id,
                        iso,
                        &entity,
                        &mentions,
                        &forms,
                        "",
                    ];
                    row(out, &cells);
                }
                return;
            }
            for e in entities {
                let nums = [e.start, e.end, e.byte_start, e.byte_end, e.entity].map(|n| n.to_string());
                let cells = [
                    source.as_str(),
                    &id,
                    language,
                    &e.text,
                    e.label.as_str(),
                    &nums[0],
                    &nums[1],
                    &nums[2],
                    &nums[3],
                    &e.canonical,
                    e.kb_id.as_deref().unwrap_or(""),
                    e.iso.as_deref().unwrap_or(""),
                    &nums[4],
                    &e.recognizer,
                    "",
                ];
                row(out, &cells);
            }
        }
        Record::Error { source, id, line, error } => {
            let error = match line {
                Some(l) => format!("line {l}: {error}"),
                None => error.clone(),
            };
            let columns = if summary { SUMMARY_HEADER } else { HEADER }.split('\t').count();
            let mut cells = vec![""; columns];
            let id = id_cell(id);
            cells[0] = source;
            cells[1] = &id;
            cells[columns - 1] = &error;
            row(out, &cells);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_characters() {
        let mut out = Vec::new();
        escape(&mut out, "a\tb\nc\\d\re");
        assert_eq!(out, b"a\\tb\\nc\\\\d\\re");
    }

    #[test]
    fn error_row_has_every_column() {
        let mut out = Vec::new();
        let r = Record::Error { source: "x.jsonl".into(), id: None, line: Some(3), error: "bad\tjson".into() };
        encode(&mut out, &r, false);
        let line = String::from_utf8(out).unwrap();
        let cells: Vec<&str> = line.trim_end_matches('\n').split('\t').collect();
        assert_eq!(cells.len(), HEADER.split('\t').count());
        assert_eq!(cells[0], "x.jsonl");
        assert_eq!(*cells.last().unwrap(), "line 3: bad\\tjson");
    }
}
