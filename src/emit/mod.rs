//! The wire format (DESIGN §4) and the writers.
//!
//! A record is either a document with its entities or an error in its place, so that nothing read is
//! dropped silently. Field order is part of the contract: `source`, `id`, `language`, `entities`.

use crate::{Document, Entity};
use serde::{Deserialize, Serialize};
use std::io::{self, Write};

/// One output record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Record {
    Document {
        source: String,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        id: Option<serde_json::Value>,
        language: String,
        entities: Vec<Entity>,
    },
    Error {
        source: String,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        id: Option<serde_json::Value>,
        /// 1-based line of the input, for line-oriented input formats.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        line: Option<u64>,
        error: String,
    },
}

impl Record {
    pub fn document(source: &str, id: Option<serde_json::Value>, doc: Document) -> Self {
        Record::Document {
            source: source.to_string(),
            id,
            language: doc.language.code().to_string(),
            entities: doc.entities,
        }
    }

    pub fn is_error(&self) -> bool {
        matches!(self, Record::Error { .. })
    }
}

/// Output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// One JSON object per line (default).
    #[default]
    Jsonl,
    /// One JSON array of all records, pretty-printed.
    Json,
}

/// Serializes one record for this writer's format; safe to call from worker threads.
pub fn encode(format: Format, pretty: bool, record: &Record) -> Vec<u8> {
    let mut buf = Vec::with_capacity(256);
    // writing into a Vec cannot fail, and a Record always serializes (string keys only)
    let pretty = pretty || format == Format::Json;
    let _ =
        if pretty { serde_json::to_writer_pretty(&mut buf, record) } else { serde_json::to_writer(&mut buf, record) };
    buf
}

/// Writes records one at a time, as soon as each is ready.
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    pretty: bool,
    count: usize,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, format: Format, pretty: bool) -> Self {
        Writer { out, format, pretty, count: 0 }
    }

    /// Writes a record encoded by [`encode`] with the same format.
    pub fn write_encoded(&mut self, encoded: &[u8]) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {
                self.out.write_all(encoded)?;
                self.out.write_all(b"\n")?;
            }
            Format::Json => {
                self.out.write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
                self.out.write_all(encoded)?;
            }
        }
        self.count += 1;
        Ok(())
    }

    pub fn write(&mut self, record: &Record) -> io::Result<()> {
        let encoded = encode(self.format, self.pretty, record);
        self.write_encoded(&encoded)
    }

    /// Closes the output (the JSON array) and flushes.
    pub fn finish(mut self) -> io::Result<W> {
        if self.format == Format::Json {
            self.out.write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Label, Language};

    fn sample() -> Record {
        Record::document(
            "-",
            None,
            Document {
                language: Language::Fr,
                entities: vec![Entity {
                    text: "Mali".into(),
                    label: Label::Country,
                    start: 0,
                    end: 4,
                    byte_start: 0,
                    byte_end: 4,
                    canonical: "Mali".into(),
                    kb_id: Some("Q912".into()),
                    iso: Some("ML".into()),
                    entity: 0,
                    recognizer: "gazetteer:countries".into(),
                }],
            },
        )
    }

    #[test]
    fn jsonl_field_order_is_stable() {
        let mut w = Writer::new(Vec::new(), Format::Jsonl, false);
        w.write(&sample()).unwrap();
        let s = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            s,
            "{\"source\":\"-\",\"language\":\"fr\",\"entities\":[{\"text\":\"Mali\",\"label\":\"COUNTRY\",\
             \"start\":0,\"end\":4,\"byte_start\":0,\"byte_end\":4,\"canonical\":\"Mali\",\"kb_id\":\"Q912\",\
             \"iso\":\"ML\",\"entity\":0,\"recognizer\":\"gazetteer:countries\"}]}\n"
        );
        let back: Record = serde_json::from_str(s.trim()).unwrap();
        assert_eq!(back, sample());
    }

    #[test]
    fn json_array_round_trips() {
        for n in [0, 1, 3] {
            let mut w = Writer::new(Vec::new(), Format::Json, false);
            for _ in 0..n {
                w.write(&sample()).unwrap();
            }
            let s = w.finish().unwrap();
            let back: Vec<Record> = serde_json::from_slice(&s).unwrap();
            assert_eq!(back.len(), n);
        }
    }

    #[test]
    fn error_record() {
        let r = Record::Error { source: "a.txt".into(), id: None, line: None, error: "invalid UTF-8".into() };
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"source":"a.txt","error":"invalid UTF-8"}"#);
        assert!(r.is_error());
    }
}
