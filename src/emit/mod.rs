//! The wire format (DESIGN §4) and the writers, one module per `--format`.
//!
//! A record is either a document with its entities or an error in its place, so that nothing read is
//! dropped silently. Field order is part of the contract: `source`, `id`, `language`, `entities` (then
//! `summary` with `--summary`).
//!
//! Records are encoded in worker threads ([`Encoder::encode`], which also gets the document's text for
//! the formats that show it) and written in input order by a [`Writer`], which adds what surrounds the
//! records (the JSON array, the TSV header, the HTML page).

pub mod conll;
pub mod html;
pub mod json;
pub mod summary;
pub mod tsv;

pub use summary::{summarize, SummaryItem};

use crate::{Document, Entity, Language, Mention};
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
        /// The distinct referents, with `--summary`.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        summary: Option<Vec<SummaryItem>>,
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
            summary: None,
        }
    }

    /// Adds the `summary` field (`--summary`).
    pub fn with_summary(mut self) -> Self {
        if let Record::Document { entities, summary, .. } = &mut self {
            *summary = Some(summarize(entities));
        }
        self
    }

    pub fn is_error(&self) -> bool {
        matches!(self, Record::Error { .. })
    }

    /// The number of entities of a document (0 for an error).
    pub fn entity_count(&self) -> usize {
        match self {
            Record::Document { entities, .. } => entities.len(),
            Record::Error { .. } => 0,
        }
    }
}

/// Output formats of `--format` (DESIGN §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// One JSON object per line (default).
    #[default]
    Jsonl,
    /// One JSON array of all records, pretty-printed.
    Json,
    /// Token-per-line BIO tags, CoNLL-2003 style ([`conll`]).
    Conll,
    /// One entity per row with a header ([`tsv`]).
    Tsv,
    /// One self-contained page ([`html`]).
    Html,
}

impl Format {
    /// Whether the encoder needs the document's text (not only its entities).
    pub fn needs_text(self) -> bool {
        matches!(self, Format::Conll | Format::Html)
    }
}

/// How records are encoded: the format and its options. Plain data, shared by the worker threads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Encoder {
    pub format: Format,
    /// Indented JSON (`--pretty`; `json` always is).
    pub pretty: bool,
    /// `--summary`: the JSON `summary` field, or one TSV row per referent.
    pub summary: bool,
}

/// One encoded record, ready to be written in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Encoded {
    pub bytes: Vec<u8>,
    /// The table-of-contents entry (HTML only; escaped HTML).
    pub toc: String,
}

impl Encoder {
    /// Encodes one record; `text` is the document's text, needed by [`Format::needs_text`] formats.
    /// Safe to call from worker threads.
    pub fn encode(&self, record: &Record, text: Option<&str>) -> Encoded {
        // an entity takes ~200 bytes in every format: one allocation for most records
        let mut bytes = Vec::with_capacity(256 + record.entity_count() * 192);
        let mut toc = String::new();
        match self.format {
            Format::Jsonl if !self.pretty => {
                let summarized = match record {
                    Record::Document { entities, summary: None, .. } if self.summary => Some(summarize(entities)),
                    _ => None,
                };
                json::write_record(&mut bytes, record, summarized.as_deref());
            }
            Format::Jsonl | Format::Json => {
                let summarized;
                let record = match record {
                    Record::Document { summary: None, .. } if self.summary => {
                        summarized = record.clone().with_summary();
                        &summarized
                    }
                    _ => record,
                };
                // writing into a Vec cannot fail, and a Record always serializes (string keys only)
                let _ = serde_json::to_writer_pretty(&mut bytes, record);
            }
            Format::Conll => match record {
                Record::Document { entities, .. } => conll::encode(&mut bytes, text.unwrap_or(""), entities),
                Record::Error { .. } => bytes.extend_from_slice(conll::DOCSTART.as_bytes()),
            },
            Format::Tsv => tsv::encode(&mut bytes, record, self.summary),
            Format::Html => {
                let (section, entry) = html::encode(record, text);
                bytes = section.into_bytes();
                toc = entry;
            }
        }
        Encoded { bytes, toc }
    }
}

impl Encoder {
    /// Whether [`Encoder::encode_mentions`] may be used: compact `jsonl` without `summary`, the default
    /// and the bulk of batch runs.
    pub(crate) fn encodes_mentions(&self) -> bool {
        self.format == Format::Jsonl && !self.pretty && !self.summary
    }

    /// When [`Encoder::encodes_mentions`], the encoding of the document record of `mentions`
    /// ([`Record::document`] of the document they stand for, then [`Encoder::encode`]), written straight
    /// from them.
    pub(crate) fn encode_mentions(
        &self,
        source: &str,
        id: Option<&serde_json::Value>,
        language: Language,
        mentions: &[Mention<'_>],
    ) -> Encoded {
        debug_assert!(self.encodes_mentions());
        let mut bytes = Vec::with_capacity(256 + mentions.len() * 192);
        json::write_mentions_record(&mut bytes, source, id, language.code(), mentions);
        Encoded { bytes, toc: String::new() }
    }
}

/// Serializes one record as JSON for this format (`jsonl` or `json`); the bytes [`Writer::write_encoded`]
/// expects for those two formats.
pub fn encode(format: Format, pretty: bool, record: &Record) -> Vec<u8> {
    Encoder { format, pretty, summary: false }.encode(record, None).bytes
}

/// Writes records one at a time, as soon as each is ready, with what surrounds them in the format.
pub struct Writer<W: Write> {
    out: W,
    encoder: Encoder,
    format: Format,
    summary: bool,
    count: usize,
    /// HTML table-of-contents entries, written at the end.
    toc: Vec<String>,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, encoder: Encoder) -> Self {
        Writer { out, encoder, format: encoder.format, summary: encoder.summary, count: 0, toc: Vec::new() }
    }

    /// What comes before the first record; written with the first record (or by `finish`), so that
    /// creating a writer writes nothing.
    fn start(&mut self) -> io::Result<()> {
        match self.format {
            Format::Jsonl | Format::Conll => Ok(()),
            Format::Json => self.out.write_all(b"[\n"),
            Format::Tsv => self.out.write_all(if self.summary { tsv::SUMMARY_HEADER } else { tsv::HEADER }.as_bytes()),
            Format::Html => {
                self.out.write_all(html::head().as_bytes())?;
                self.out.write_all(html::top().as_bytes())
            }
        }
    }

    /// Writes a record encoded by an [`Encoder`] of the same format.
    pub fn write_encoded(&mut self, encoded: &Encoded) -> io::Result<()> {
        if self.count == 0 {
            self.start()?;
        }
        match self.format {
            Format::Jsonl => {
                self.out.write_all(&encoded.bytes)?;
                self.out.write_all(b"\n")?;
            }
            Format::Json => {
                if self.count > 0 {
                    self.out.write_all(b",\n")?;
                }
                self.out.write_all(&encoded.bytes)?;
            }
            Format::Conll | Format::Tsv => self.out.write_all(&encoded.bytes)?,
            Format::Html => {
                self.out.write_all(html::section_open(self.count + 1).as_bytes())?;
                self.out.write_all(&encoded.bytes)?;
                self.out.write_all(html::SECTION_CLOSE.as_bytes())?;
                self.toc.push(encoded.toc.clone());
            }
        }
        self.count += 1;
        Ok(())
    }

    /// Writes records encoded by an [`Encoder`] of the same format, in order: [`Writer::write_encoded`]
    /// of each. In `jsonl`, the records and their newlines go out in vectored writes straight from the
    /// encoded bytes: a `BufWriter` passes a write larger than its buffer through rather than copying
    /// it, and the copy into the buffer was the one pass over the output bytes (1.3 % of a run).
    pub fn write_all_encoded<'e>(&mut self, encoded: impl IntoIterator<Item = &'e Encoded>) -> io::Result<()> {
        if self.format != Format::Jsonl {
            return encoded.into_iter().try_for_each(|e| self.write_encoded(e));
        }
        let mut slices = Vec::new();
        for e in encoded {
            slices.push(io::IoSlice::new(&e.bytes));
            slices.push(io::IoSlice::new(b"\n"));
        }
        self.count += slices.len() / 2;
        write_all_vectored(&mut self.out, &mut slices)
    }

    /// Encodes and writes one record.
    pub fn write(&mut self, record: &Record, text: Option<&str>) -> io::Result<()> {
        let encoded = self.encoder.encode(record, text);
        self.write_encoded(&encoded)
    }

    /// Closes the output (the JSON array, the HTML page) and flushes.
    pub fn finish(mut self) -> io::Result<W> {
        if self.count == 0 {
            self.start()?;
        }
        match self.format {
            Format::Json => self.out.write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })?,
            Format::Html => self.out.write_all(html::tail(&self.toc).as_bytes())?,
            _ => {}
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// `Write::write_all_vectored` (not yet stable): every byte of `slices`, in as few writes as `out` takes.
fn write_all_vectored(out: &mut impl Write, mut slices: &mut [io::IoSlice<'_>]) -> io::Result<()> {
    // skip leading empty slices
    io::IoSlice::advance_slices(&mut slices, 0);
    while !slices.is_empty() {
        match out.write_vectored(slices) {
            Ok(0) => return Err(io::Error::new(io::ErrorKind::WriteZero, "failed to write whole buffer")),
            Ok(n) => io::IoSlice::advance_slices(&mut slices, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
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
        let mut w = Writer::new(Vec::new(), Encoder { format: Format::Jsonl, ..Default::default() });
        w.write(&sample(), None).unwrap();
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
            let mut w = Writer::new(Vec::new(), Encoder { format: Format::Json, ..Default::default() });
            for _ in 0..n {
                w.write(&sample(), None).unwrap();
            }
            let s = w.finish().unwrap();
            let back: Vec<Record> = serde_json::from_slice(&s).unwrap();
            assert_eq!(back.len(), n);
        }
    }

    #[test]
    fn every_format_frames_zero_and_several_records() {
        let text = "Mali";
        for format in [Format::Jsonl, Format::Json, Format::Conll, Format::Tsv, Format::Html] {
            let encoder = Encoder { format, ..Default::default() };
            let empty = String::from_utf8(Writer::new(Vec::new(), encoder).finish().unwrap()).unwrap();
            let mut w = Writer::new(Vec::new(), encoder);
            for _ in 0..3 {
                w.write(&sample(), Some(text)).unwrap();
            }
            let three = String::from_utf8(w.finish().unwrap()).unwrap();
            match format {
                Format::Jsonl => assert_eq!((empty.as_str(), three.lines().count()), ("", 3)),
                Format::Json => assert_eq!(serde_json::from_str::<Vec<Record>>(&three).unwrap().len(), 3),
                Format::Conll => {
                    assert_eq!(empty, "");
                    assert_eq!(three.matches("-DOCSTART-").count(), 3);
                    assert_eq!(three.matches("Mali\tB-COUNTRY\n").count(), 3);
                }
                Format::Tsv => {
                    assert_eq!(empty, tsv::HEADER, "a header even without rows");
                    assert_eq!(three.lines().count(), 4);
                }
                Format::Html => {
                    for page in [&empty, &three] {
                        assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
                    }
                    assert_eq!(three.matches("<section class=\"doc\" id=\"doc-").count(), 3);
                    assert!(three.contains("href=\"#doc-3\"") && !empty.contains("<nav"));
                    assert!(three.contains("(standard input)"));
                }
            }
        }
    }

    /// A writer that takes at most a few bytes per call, vectored or not.
    struct Trickle(Vec<u8>);

    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = buf.len().min(3);
            self.0.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn write_vectored(&mut self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
            let mut n = 0;
            for b in bufs {
                let take = b.len().min(5 - n);
                self.0.extend_from_slice(&b[..take]);
                n += take;
                if n == 5 {
                    break;
                }
            }
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Records written together are the bytes of the records written one by one, in every format,
    /// through partial writes too.
    #[test]
    fn records_written_together_or_one_by_one_agree() {
        let error = Record::Error { source: "a\"b".into(), id: None, line: Some(3), error: "bad".into() };
        for format in [Format::Jsonl, Format::Json, Format::Conll, Format::Tsv, Format::Html] {
            let encoder = Encoder { format, ..Default::default() };
            for n in [0, 1, 4] {
                let doc = sample();
                let encoded: Vec<Encoded> =
                    (0..n).map(|i| encoder.encode(if i == 2 { &error } else { &doc }, Some("Mali"))).collect();
                let mut one = Writer::new(Vec::new(), encoder);
                for e in &encoded {
                    one.write_encoded(e).unwrap();
                }
                let one = one.finish().unwrap();
                let mut all = Writer::new(Trickle(Vec::new()), encoder);
                all.write_all_encoded(&encoded[..n.min(1)]).unwrap();
                all.write_all_encoded(&encoded[n.min(1)..]).unwrap();
                assert_eq!(all.finish().unwrap().0, one, "{format:?} {n}");
            }
        }
    }

    #[test]
    fn error_record() {
        let r = Record::Error { source: "a.txt".into(), id: None, line: None, error: "invalid UTF-8".into() };
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"source":"a.txt","error":"invalid UTF-8"}"#);
        assert!(r.is_error());
    }
}
