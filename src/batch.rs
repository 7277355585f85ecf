//! Batch processing: inputs → documents → records, in parallel, written in input order.
//!
//! Every input is accounted for: a document becomes a record, a failure becomes an error record in its
//! place (and a line on stderr through the `notes` callback), and a skipped hidden or binary file gets a
//! note. Folders are walked lazily, one directory at a time, and work is done in chunks, so memory is
//! bounded by the chunk (the largest documents in flight), not by the corpus or the number of files, and
//! output starts at once, before the walk of a large tree is finished.

use crate::emit::{Encoded, Encoder, Record, Writer};
use crate::tokenize::MAX_TEXT_BYTES;
use crate::Extractor;
use rayon::prelude::*;
use std::fs;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

/// How an input's bytes become documents (`--input-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// The whole input is one document.
    #[default]
    Text,
    /// Each non-empty line is a document; its `id` is the line number.
    Lines,
    /// Each line is a JSON object with `text` (and optionally `id`).
    Jsonl,
}

/// One input named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    Path(PathBuf),
}

#[derive(Debug, Clone, Copy, Default)]
pub struct BatchConfig {
    pub input_format: InputFormat,
    /// Output format and its options.
    pub encoder: Encoder,
}

/// Work done since the previous call of the progress callback of [`run_observed`]: documents (and
/// skipped files) accounted for, bytes of input read, entities found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Step {
    pub inputs: usize,
    pub bytes: u64,
    pub entities: usize,
}

/// What happened, for the exit code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    pub failed: usize,
    pub skipped: usize,
}

/// Documents per parallel chunk, and bytes per chunk: whichever comes first.
const CHUNK_DOCS: usize = 256;
const CHUNK_BYTES: u64 = 16 << 20;

/// A file found by the walk (with its size when the walk read it), or an error met on the way.
enum Found {
    File(PathBuf, Option<u64>),
    Error(String, String),
}

/// A directory being walked: its remaining entries, sorted.
struct Level {
    entries: std::vec::IntoIter<PathBuf>,
}

/// A directory's identity for loop detection: device and inode, as find and walkdir compare them. One
/// `stat`, where canonicalizing the path cost one per component, which made a deep tree (2,000 levels)
/// take minutes.
#[cfg(unix)]
type DirId = (u64, u64);

#[cfg(unix)]
fn dir_id(dir: &Path) -> io::Result<DirId> {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(dir)?;
    Ok((m.dev(), m.ino()))
}

#[cfg(not(unix))]
type DirId = PathBuf;

#[cfg(not(unix))]
fn dir_id(dir: &Path) -> io::Result<DirId> {
    fs::canonicalize(dir)
}

/// Walks the inputs lazily into files, in order: `None` stands for standard input. Directories are read
/// one at a time and their entries sorted, so memory holds the directories on the current path, not the
/// whole tree, and processing starts at once. Hidden entries are skipped with a note; directory loops
/// through symbolic links are cut; unreadable directories and entries become error records.
struct Walk<'a> {
    inputs: std::slice::Iter<'a, Input>,
    stack: Vec<Level>,
    /// Identities of the directories on the current path (loop detection).
    seen: Vec<DirId>,
    /// Errors met while reading a directory, returned before its entries.
    queue: std::collections::VecDeque<Found>,
    notes: &'a (dyn Fn(&str) + Sync),
}

impl<'a> Walk<'a> {
    fn new(inputs: &'a [Input], notes: &'a (dyn Fn(&str) + Sync)) -> Self {
        Walk { inputs: inputs.iter(), stack: Vec::new(), seen: Vec::new(), queue: Default::default(), notes }
    }

    /// Opens a directory: its entries are sorted and walked next.
    fn enter(&mut self, dir: &Path) {
        let display = source_name(dir);
        match dir_id(dir) {
            Ok(real) => {
                if self.seen.contains(&real) {
                    (self.notes)(&format!("{display}: skipped, directory loop"));
                    return;
                }
                self.seen.push(real);
            }
            Err(e) => {
                self.queue.push_back(Found::Error(display, e.to_string()));
                return;
            }
        }
        let entries = match fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                self.queue.push_back(Found::Error(display, e.to_string()));
                self.seen.pop();
                return;
            }
        };
        let mut paths: Vec<PathBuf> = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => paths.push(e.path()),
                Err(e) => self.queue.push_back(Found::Error(display.clone(), e.to_string())),
            }
        }
        // siblings share the directory prefix, so their bytes order them as `Path`'s component-wise
        // comparison does, at a fraction of its cost (which was 7 k instructions a file)
        paths.sort_unstable_by(|a, b| a.as_os_str().as_encoded_bytes().cmp(b.as_os_str().as_encoded_bytes()));
        self.stack.push(Level { entries: paths.into_iter() });
    }
}

impl Iterator for Walk<'_> {
    type Item = Option<Found>;

    fn next(&mut self) -> Option<Option<Found>> {
        loop {
            if let Some(found) = self.queue.pop_front() {
                return Some(Some(found));
            }
            let Some(level) = self.stack.last_mut() else {
                match self.inputs.next()? {
                    Input::Stdin => return Some(None),
                    Input::Path(p) if p.is_dir() => self.enter(p),
                    Input::Path(p) => return Some(Some(Found::File(p.clone(), None))),
                }
                continue;
            };
            let Some(p) = level.entries.next() else {
                self.stack.pop();
                self.seen.pop();
                continue;
            };
            let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
            if hidden {
                (self.notes)(&format!("{}: skipped, hidden", source_name(&p)));
                continue;
            }
            match fs::metadata(&p) {
                Ok(m) if m.is_dir() => self.enter(&p),
                Ok(m) if m.is_file() => return Some(Some(Found::File(p, Some(m.len())))),
                Ok(_) => (self.notes)(&format!("{}: skipped, not a regular file", source_name(&p))),
                // a dangling link or a file deleted during the walk: reported, not dropped
                Err(e) => return Some(Some(Found::Error(source_name(&p), e.to_string()))),
            }
        }
    }
}

/// The result of one unit of work, encoded in a worker thread.
struct Outcome {
    encoded: Vec<Encoded>,
    errors: Vec<String>,
    notes: Vec<String>,
    documents: usize,
    /// Input bytes and entities, for progress reports.
    bytes: u64,
    entities: usize,
    /// Already given to the progress callback (by the worker that made it).
    reported: bool,
}

impl Outcome {
    fn new() -> Self {
        Outcome {
            encoded: Vec::new(),
            errors: Vec::new(),
            notes: Vec::new(),
            documents: 0,
            bytes: 0,
            entities: 0,
            reported: false,
        }
    }

    fn step(&self) -> Step {
        Step {
            inputs: self.documents + self.errors.len() + self.notes.len(),
            bytes: self.bytes,
            entities: self.entities,
        }
    }

    /// Reports this outcome to the progress callback as soon as it is made, in the worker thread, so that
    /// a progress bar moves file by file rather than chunk by chunk.
    fn reported(mut self, progress: &(dyn Fn(Step) + Sync)) -> Self {
        progress(self.step());
        self.reported = true;
        self
    }

    /// Encodes a record; `text` is the document's text, for the formats that show it.
    fn push(&mut self, cfg: &BatchConfig, record: &Record, text: Option<&str>) {
        if let Record::Error { source, line, error, .. } = record {
            let at = line.map(|l| format!(":{l}")).unwrap_or_default();
            self.errors.push(format!("{source}{at}: {error}"));
        } else {
            self.documents += 1;
        }
        self.entities += record.entity_count();
        self.encoded.push(cfg.encoder.encode(record, text));
    }

    /// Extracts and encodes the record of one document: straight from the borrowed [`crate::Mention`]s
    /// when the format allows ([`Encoder::encode_mentions`]), else through a [`Record`].
    fn document(&mut self, ex: &Extractor, cfg: &BatchConfig, source: &str, id: Option<serde_json::Value>, text: &str) {
        if !cfg.encoder.encodes_mentions() {
            return self.push(cfg, &Record::document(source, id, ex.extract(text)), Some(text));
        }
        let (language, mentions) = ex.mentions(text);
        self.documents += 1;
        self.entities += mentions.len();
        self.encoded.push(cfg.encoder.encode_mentions(source, id.as_ref(), language, &mentions));
    }

    /// A record that could not be read.
    fn error(&mut self, cfg: &BatchConfig, source: String, line: Option<u64>, error: String) {
        self.push(cfg, &Record::Error { source, id: None, line, error }, None)
    }
}

/// The `source` of a path: the path itself when it is UTF-8; otherwise each byte that is not UTF-8 is
/// written `\xHH`, so that two files whose names differ only in such bytes (Latin-1 names in an old
/// archive) keep distinct sources, where a lossy conversion would give both the same `�`.
#[cfg(unix)]
pub fn source_name(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

#[cfg(not(unix))]
pub fn source_name(path: &Path) -> String {
    path.display().to_string()
}

/// Decodes bytes as UTF-8 text, dropping a leading byte-order mark (DESIGN §4).
/// An error names the offset of the bad byte in the input as given (BOM included), where a hex editor
/// finds it. Documents longer than [`MAX_TEXT_BYTES`] (4 GiB) are refused: token offsets are 32-bit.
pub fn decode(bytes: &[u8]) -> Result<&str, String> {
    let (bom, text) = strip_bom(bytes);
    if text.len() > MAX_TEXT_BYTES {
        return Err(too_large(text.len()));
    }
    utf8(text).map_err(|e| format!("invalid UTF-8 at byte {}", bom + e.valid_up_to()))
}

/// `std::str::from_utf8`, checked with SIMD first: the check of the input was 1.5 % of a run, and
/// SIMD makes it a few times cheaper. Only a bad input goes through std again, for its error.
fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

/// The length of a leading UTF-8 byte-order mark (0 or 3), and the bytes after it.
fn strip_bom(bytes: &[u8]) -> (usize, &[u8]) {
    match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    }
}

fn too_large(len: usize) -> String {
    format!("document of {len} bytes is larger than the 4 GiB a document may have: split it")
}

/// Binary content: a NUL byte in the first 8 KiB, as grep and ripgrep decide. Tested 32 bytes at a time
/// (four words and one test: a zero byte in any of them), which every file of a folder pays; `contains`
/// took a test per word.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let mut blocks = head.chunks_exact(32);
    let zero_in = |w: u64| w.wrapping_sub(0x0101_0101_0101_0101) & !w & 0x8080_8080_8080_8080;
    for b in &mut blocks {
        let word = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or([1; 8]));
        if zero_in(word(0)) | zero_in(word(8)) | zero_in(word(16)) | zero_in(word(24)) != 0 {
            return true;
        }
    }
    blocks.remainder().contains(&0)
}

fn text_document(ex: &Extractor, cfg: &BatchConfig, source: &str, bytes: &[u8], o: &mut Outcome) {
    o.bytes += bytes.len() as u64;
    match decode(bytes) {
        Ok(text) => o.document(ex, cfg, source, None, text),
        Err(error) => o.error(cfg, source.to_string(), None, error),
    }
}

/// One line of `lines` or `jsonl` input → one record (or none for a blank line), into `o`.
fn line_document(ex: &Extractor, cfg: &BatchConfig, source: &str, no: u64, raw: &[u8], o: &mut Outcome) {
    o.bytes += raw.len() as u64;
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    let (bom, raw) = if no == 1 { strip_bom(raw) } else { (0, raw) };
    if raw.iter().all(u8::is_ascii_whitespace) {
        return;
    }
    let err = |o: &mut Outcome, id: Option<serde_json::Value>, error: String| {
        o.push(cfg, &Record::Error { source: source.to_string(), id, line: Some(no), error }, None)
    };
    let line = match utf8(raw) {
        Ok(l) if l.len() > MAX_TEXT_BYTES => return err(o, None, too_large(l.len())),
        Ok(l) => l,
        Err(e) => return err(o, None, format!("invalid UTF-8 at byte {} of the line", bom + e.valid_up_to())),
    };
    match cfg.input_format {
        InputFormat::Lines => o.document(ex, cfg, source, Some(no.into()), line),
        _ => {
            let value: serde_json::Value = match serde_json::from_str(line) {
                Ok(v) => v,
                Err(e) => return err(o, None, json_error(&e)),
            };
            let id = value.get("id").cloned();
            match value.get("text") {
                Some(serde_json::Value::String(text)) => o.document(ex, cfg, source, id, text),
                Some(_) => err(o, id, "`text` is not a string".into()),
                None if value.is_object() => err(o, id, "no `text` field".into()),
                None => err(o, None, "not a JSON object".into()),
            }
        }
    }
}

/// `invalid JSON at column 9: lone leading surrogate in hex escape`: serde's message without its own
/// `line 1`, which would contradict the record's `line` (the line of the input).
fn json_error(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message.strip_suffix(&format!(" at line {} column {}", e.line(), e.column())).unwrap_or(&message);
    format!("invalid JSON at column {}: {message}", e.column())
}

/// Walks the inputs as [`run`] will, without reading any file, calling `found(bytes)` for each file
/// (standard input counts as one file of unknown size, 0): the totals a progress bar needs for its ETA.
/// Notes and errors are left to [`run`].
pub fn survey(inputs: &[Input], found: &mut dyn FnMut(u64)) {
    let silent = |_: &str| {};
    for item in Walk::new(inputs, &silent) {
        match item {
            Some(Found::File(p, size)) => found(size.or_else(|| fs::metadata(&p).ok().map(|m| m.len())).unwrap_or(0)),
            Some(Found::Error(..)) | None => found(0),
        }
    }
}

/// Runs the extractor over every input and writes one record per document.
///
/// Returns an error only when the output cannot be written; every input problem becomes a record.
pub fn run<W: Write>(
    ex: &Extractor,
    inputs: &[Input],
    cfg: &BatchConfig,
    out: W,
    notes: &(dyn Fn(&str) + Sync),
) -> io::Result<Summary> {
    run_observed(ex, inputs, cfg, out, notes, &|_| {})
}

/// [`run`], calling `progress` as work is done (from worker threads too: it must be cheap and `Sync`).
pub fn run_observed<W: Write>(
    ex: &Extractor,
    inputs: &[Input],
    cfg: &BatchConfig,
    out: W,
    notes: &(dyn Fn(&str) + Sync),
    progress: &(dyn Fn(Step) + Sync),
) -> io::Result<Summary> {
    let mut writer = Writer::new(out, cfg.encoder);
    let mut summary = Summary::default();
    let mut flush = |writer: &mut Writer<W>, outcomes: Vec<Outcome>, summary: &mut Summary| -> io::Result<()> {
        for o in &outcomes {
            if !o.reported {
                progress(o.step());
            }
            for n in &o.notes {
                notes(n);
            }
            for e in &o.errors {
                notes(e);
            }
            summary.failed += o.errors.len();
            summary.documents += o.documents;
            summary.skipped += o.notes.len();
        }
        writer.write_all_encoded(outcomes.iter().flat_map(|o| &o.encoded))
    };
    // file inputs in `text` format go through parallel chunks; everything else streams
    let mut pending: Vec<Found> = Vec::new();
    let mut pending_bytes = 0u64;
    for item in Walk::new(inputs, notes) {
        let item = match item {
            Some(f) if cfg.input_format == InputFormat::Text => {
                if let Found::File(p, size) = &f {
                    pending_bytes += size.or_else(|| fs::metadata(p).ok().map(|m| m.len())).unwrap_or(0);
                }
                pending.push(f);
                if pending.len() >= CHUNK_DOCS || pending_bytes >= CHUNK_BYTES {
                    let outcomes = pending.par_iter().map(|f| process_file(ex, cfg, f).reported(progress)).collect();
                    flush(&mut writer, outcomes, &mut summary)?;
                    pending.clear();
                    pending_bytes = 0;
                }
                continue;
            }
            other => other,
        };
        if !pending.is_empty() {
            let outcomes = pending.par_iter().map(|f| process_file(ex, cfg, f).reported(progress)).collect();
            flush(&mut writer, outcomes, &mut summary)?;
            pending.clear();
            pending_bytes = 0;
        }
        match item {
            None => {
                let stdin = io::stdin();
                let lock = stdin.lock();
                stream(ex, cfg, "-", lock, &mut writer, &mut summary, &mut flush)?;
            }
            Some(Found::File(p, _)) => {
                let source = source_name(&p);
                match fs::File::open(&p) {
                    Ok(f) => {
                        let reader = io::BufReader::with_capacity(1 << 16, f);
                        stream(ex, cfg, &source, reader, &mut writer, &mut summary, &mut flush)?
                    }
                    Err(e) => {
                        let mut o = Outcome::new();
                        o.error(cfg, source, None, e.to_string());
                        flush(&mut writer, vec![o], &mut summary)?;
                    }
                }
            }
            Some(Found::Error(source, error)) => {
                let mut o = Outcome::new();
                o.error(cfg, source, None, error);
                flush(&mut writer, vec![o], &mut summary)?;
            }
        }
    }
    if !pending.is_empty() {
        let outcomes = pending.par_iter().map(|f| process_file(ex, cfg, f).reported(progress)).collect();
        flush(&mut writer, outcomes, &mut summary)?;
    }
    writer.finish()?;
    Ok(summary)
}

/// One file in `text` format.
fn process_file(ex: &Extractor, cfg: &BatchConfig, found: &Found) -> Outcome {
    let mut o = Outcome::new();
    match found {
        Found::Error(source, error) => o.error(cfg, source.clone(), None, error.clone()),
        Found::File(p, _) => {
            let source = source_name(p);
            match fs::read(p) {
                Ok(bytes) if looks_binary(&bytes) => {
                    o.bytes += bytes.len() as u64;
                    o.notes.push(format!("{source}: skipped, binary file"))
                }
                Ok(bytes) => text_document(ex, cfg, &source, &bytes, &mut o),
                Err(e) => o.error(cfg, source, None, e.to_string()),
            }
        }
    }
    o
}

type Flush<'f, W> = dyn FnMut(&mut Writer<W>, Vec<Outcome>, &mut Summary) -> io::Result<()> + 'f;

/// Streams one reader: the whole of it as a document (`text`), or its lines in parallel chunks.
fn stream<W: Write, R: BufRead>(
    ex: &Extractor,
    cfg: &BatchConfig,
    source: &str,
    mut reader: R,
    writer: &mut Writer<W>,
    summary: &mut Summary,
    flush: &mut Flush<'_, W>,
) -> io::Result<()> {
    if cfg.input_format == InputFormat::Text {
        let mut bytes = Vec::new();
        let mut o = Outcome::new();
        match reader.read_to_end(&mut bytes) {
            // standard input is judged as a file would be (DESIGN §5)
            Ok(_) if looks_binary(&bytes) => {
                o.bytes += bytes.len() as u64;
                o.notes.push(format!("{source}: skipped, binary file"))
            }
            Ok(_) => text_document(ex, cfg, source, &bytes, &mut o),
            Err(e) => o.error(cfg, source.into(), None, e.to_string()),
        }
        return flush(writer, vec![o], summary);
    }
    let mut lines: Vec<(u64, Vec<u8>)> = Vec::new();
    let mut bytes_in_chunk = 0usize;
    let mut no = 0u64;
    loop {
        let mut buf = Vec::new();
        let n = match reader.read_until(b'\n', &mut buf) {
            Ok(n) => n,
            Err(e) => {
                let mut o = Outcome::new();
                o.error(cfg, source.into(), Some(no + 1), e.to_string());
                flush(writer, vec![o], summary)?;
                0
            }
        };
        if n > 0 {
            no += 1;
            bytes_in_chunk += buf.len();
            lines.push((no, buf));
        }
        if n == 0 || lines.len() >= CHUNK_DOCS * 4 || bytes_in_chunk as u64 >= CHUNK_BYTES {
            let outcomes: Vec<Outcome> = lines
                .par_iter()
                .map(|(no, raw)| {
                    let mut o = Outcome::new();
                    line_document(ex, cfg, source, *no, raw, &mut o);
                    o
                })
                .collect();
            flush(writer, outcomes, summary)?;
            lines.clear();
            bytes_in_chunk = 0;
        }
        if n == 0 {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_and_reports_offset() {
        assert_eq!(decode(b"\xEF\xBB\xBFMali"), Ok("Mali"));
        assert_eq!(decode(b"ab\xFFc"), Err("invalid UTF-8 at byte 2".to_string()));
        assert_eq!(decode(b"\xEF\xBB\xBFab\xFFc"), Err("invalid UTF-8 at byte 5".to_string()), "offset in the file");
    }

    #[test]
    fn decode_agrees_with_std_on_long_inputs() {
        let text = "Le président du Mali est arrivé à Bamako. ".repeat(40);
        assert_eq!(decode(text.as_bytes()), Ok(text.as_str()));
        for at in [0, 63, 64, 65, 700, text.len() - 1] {
            let mut bad = text.clone().into_bytes();
            bad[at] = 0xFF;
            let want = std::str::from_utf8(&bad).unwrap_err().valid_up_to();
            assert_eq!(decode(&bad), Err(format!("invalid UTF-8 at byte {want}")), "byte {at}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn source_names_keep_non_utf8_bytes_apart() {
        use std::os::unix::ffi::OsStrExt;
        let name = |b: &[u8]| source_name(Path::new(std::ffi::OsStr::from_bytes(b)));
        assert_eq!(name(b"dir/caf\xc3\xa9.txt"), "dir/café.txt");
        assert_eq!(name(b"dir/caf\xe9.txt"), "dir/caf\\xE9.txt");
        assert_ne!(name(b"a\xff"), name(b"a\xfe"));
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"abc\0def"));
        assert!(!looks_binary("Le Mali".as_bytes()));
        // a NUL at every place of a block and of the remainder, among bytes that look like zero to a
        // careless word test (0x80, 0x01, 0xff)
        for len in [31, 32, 33, 64, 95, 8192, 9000] {
            let clean: Vec<u8> = (0..len).map(|i| [0x80, 0x01, 0xff, b'a'][i % 4]).collect();
            assert!(!looks_binary(&clean), "{len}");
            for at in 0..len {
                let mut b = clean.clone();
                b[at] = 0;
                assert_eq!(looks_binary(&b), at < 8192, "{len} {at}");
            }
        }
    }
}
