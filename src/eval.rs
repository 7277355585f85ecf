//! Scoring the extractor against a gold corpus (DESIGN §5): the library side of `ner --eval GOLD.jsonl`.
//!
//! Why the rules below are what they are: the project's figures are quoted from two shared scorers,
//! `../shared/tools/score.py` and `../shared/tools/docscore.py`. A number printed by `ner --eval` is only
//! useful if it is the number those scorers print for the same predictions, so this module replicates them
//! rather than inventing a third convention:
//! - **strict** ([`Report::exact`], [`Report::overlap`]) is score.py: predicted and gold spans become sets of
//!   `(start, end, label)` after label mapping and filtering; *exact* counts set intersections; *overlap*
//!   pairs same-label overlapping spans one-to-one, greedily by largest overlap (ties by gold span, then
//!   predicted span). `"required": false` is ignored here, as score.py ignores it.
//! - **docscore** ([`Report::docscore`]) is docscore.py's exact match, which honours `"required": false`: such
//!   a gold span is not a miss when absent, and a prediction at exactly that span is not a false positive,
//!   whatever its label. It is only computed when the gold file has such a span, since otherwise it equals
//!   the strict exact figures.
//!
//! Labels are upper-cased and then mapped on both sides ([`Scoring`]). score.py always applies its built-in
//! aliases (PERSON→PER, COUNTRY→LOC, …), which is right for the CoNLL-style corpora (PER/LOC/ORG/MISC) but
//! would fold our four labels together on a gold file that uses them (`news.dev.jsonl`): so the aliases are
//! applied only when the gold file is not in our four labels.
//!
//! Everything here except [`predict`] and [`read_gold`] is a pure function of gold documents and predicted
//! spans, so the scorer can be checked against the recorded output of the Python scorers without running the
//! extractor (see `tests/eval.rs`).

use crate::{Entity, Extractor};
use rayon::prelude::*;
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

/// score.py's `BUILTIN_MAP`, applied when the gold file does not use our four labels.
pub const BUILTIN_ALIASES: [(&str, &str); 8] = [
    ("PERSON", "PER"),
    ("PERS", "PER"),
    ("LOCATION", "LOC"),
    ("GPE", "LOC"),
    ("COUNTRY", "LOC"),
    ("CITY", "LOC"),
    ("ORGANIZATION", "ORG"),
    ("ORGANISATION", "ORG"),
];

/// The label the shared corpora keep but do not score by default.
pub const MISC: &str = "MISC";

/// Our four labels (DESIGN §3), as they appear in a gold file that uses them.
const NATIVE_LABELS: [&str; 4] = ["PERSON", "COUNTRY", "ORGANIZATION", "LOCATION"];

/// Display order of the default scored labels: score.py's default order, then ours, then the rest sorted.
const LABEL_ORDER: [&str; 7] = ["PER", "LOC", "ORG", "PERSON", "COUNTRY", "ORGANIZATION", "LOCATION"];

/// Characters of context shown on each side of an error.
const CONTEXT: usize = 40;

/// Why a gold file or an evaluation option was refused.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The gold file could not be opened or read.
    #[error("{path}: {source}")]
    Read { path: String, source: io::Error },
    /// A line of the gold file is not a valid gold document; `line` is 1-based.
    #[error("{path}:{line}: {message}")]
    BadLine { path: String, line: u64, message: String },
    /// A `--map` item without `=`.
    #[error("bad --map item {0:?} (want FROM=TO)")]
    BadMap(String),
    /// `--eval-labels` named no label.
    #[error("no label to score in {0:?}")]
    NoLabels(String),
}

/// One annotated entity of a gold document. Offsets are code points, end exclusive (DESIGN §4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldEntity {
    pub start: usize,
    pub end: usize,
    /// The label as written in the gold file (mapping happens at scoring time).
    pub label: String,
    /// `false` for spans that are acceptable but not expected (`"required": false`).
    pub required: bool,
}

/// One document of a gold file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldDoc {
    /// The `id` field (a string, or a number written as text); `None` when absent.
    pub id: Option<String>,
    /// 1-based line of the gold file, to name documents without an id.
    pub line: u64,
    pub text: String,
    pub entities: Vec<GoldEntity>,
}

impl GoldDoc {
    /// The name used in error listings: the id, or `line N`.
    pub fn name(&self) -> String {
        self.id.clone().unwrap_or_else(|| format!("line {}", self.line))
    }
}

/// A predicted span: all that scoring reads of a prediction.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

impl Span {
    pub fn new(start: usize, end: usize, label: impl Into<String>) -> Self {
        Span { start, end, label: label.into() }
    }
}

impl From<&Entity> for Span {
    fn from(e: &Entity) -> Self {
        Span { start: e.start, end: e.end, label: e.label.as_str().to_string() }
    }
}

#[derive(Deserialize)]
struct RawDoc {
    #[serde(default)]
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    entities: Option<Vec<RawEntity>>,
}

#[derive(Deserialize)]
struct RawEntity {
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    required: Option<bool>,
}

/// Reads a gold JSONL file (the format of `../shared/eval/`).
pub fn read_gold(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|source| EvalError::Read { path: name.clone(), source })?;
    parse_gold(BufReader::new(file), &name)
}

/// Parses gold JSONL from any reader; `name` is used in error messages.
///
/// Stricter than the Python scorers on purpose: offsets outside the text, empty spans, an entity `text` that
/// is not the slice it claims to be (the usual sign of byte offsets), or a repeated `id` would make the
/// figures silently wrong, so each is refused with the line that has it. Blank lines are skipped, a leading
/// byte-order mark is dropped.
pub fn parse_gold<R: BufRead>(mut reader: R, name: &str) -> Result<Vec<GoldDoc>, EvalError> {
    let bad = |line: u64, message: String| EvalError::BadLine { path: name.to_string(), line, message };
    let mut docs = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut buf = Vec::new();
    let mut no = 0u64;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(|source| EvalError::Read { path: name.into(), source })?;
        if n == 0 {
            return Ok(docs);
        }
        no += 1;
        let raw = if no == 1 { buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf) } else { &buf[..] };
        let line = std::str::from_utf8(raw)
            .map_err(|e| bad(no, format!("invalid UTF-8 at byte {} of the line", e.valid_up_to())))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc = parse_doc(line, no).map_err(|m| bad(no, m))?;
        if let Some(id) = &doc.id {
            if let Some(first) = seen.insert(id.clone(), no) {
                return Err(bad(no, format!("duplicate id {id:?} (first on line {first})")));
            }
        }
        docs.push(doc);
    }
}

fn parse_doc(line: &str, no: u64) -> Result<GoldDoc, String> {
    let raw: RawDoc = serde_json::from_str(line).map_err(|e| format!("not a gold document: {e}"))?;
    let id = match raw.id {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        other => return Err(format!("`id` must be a string or a number, not {other}")),
    };
    // code point → byte offset, with one entry past the end
    let bytes: Vec<usize> = raw.text.char_indices().map(|(b, _)| b).chain([raw.text.len()]).collect();
    let len = bytes.len() - 1;
    let mut entities = Vec::new();
    for (i, e) in raw.entities.unwrap_or_default().into_iter().enumerate() {
        if e.start >= e.end {
            return Err(format!("entity {i}: empty span {}..{}", e.start, e.end));
        }
        if e.end > len {
            return Err(format!("entity {i}: end {} is past the end of the text ({len} code points)", e.end));
        }
        let slice = &raw.text[bytes[e.start]..bytes[e.end]];
        if let Some(t) = &e.text {
            if t != slice {
                return Err(format!(
                    "entity {i}: text {t:?} is not text[{}:{}] = {slice:?} (offsets must be code points)",
                    e.start, e.end
                ));
            }
        }
        entities.push(GoldEntity { start: e.start, end: e.end, label: e.label, required: e.required.unwrap_or(true) });
    }
    Ok(GoldDoc { id, line: no, text: raw.text, entities })
}

/// Parses `--map FROM=TO,...` as score.py does: items trimmed and upper-cased, empty items skipped.
pub fn parse_map(s: &str) -> Result<Vec<(String, String)>, EvalError> {
    let mut out = Vec::new();
    for item in s.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let (a, b) = item.split_once('=').ok_or_else(|| EvalError::BadMap(item.to_string()))?;
        out.push((a.trim().to_uppercase(), b.trim().to_uppercase()));
    }
    Ok(out)
}

/// Parses `--eval-labels A,B,...`: trimmed, upper-cased, duplicates dropped, order kept.
pub fn parse_labels(s: &str) -> Result<Vec<String>, EvalError> {
    let mut out: Vec<String> = Vec::new();
    for l in s.split(',').map(|l| l.trim().to_uppercase()).filter(|l| !l.is_empty()) {
        if !out.contains(&l) {
            out.push(l);
        }
    }
    if out.is_empty() {
        return Err(EvalError::NoLabels(s.to_string()));
    }
    Ok(out)
}

/// Plain evaluation options, as the CLI fills them from flags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvalOptions {
    /// `--map`: renames applied to gold and predicted labels (after upper-casing). They override the
    /// built-in aliases when those apply.
    pub map: Option<Vec<(String, String)>>,
    /// `--eval-labels`: the labels scored, after mapping. Default: every gold label except MISC.
    pub labels: Option<Vec<String>>,
}

/// Does this gold file use our four labels (MISC aside)? Then it is scored as it is, without aliases.
pub fn uses_native_labels(gold: &[GoldDoc]) -> bool {
    gold.iter()
        .flat_map(|d| &d.entities)
        .map(|e| e.label.to_uppercase())
        .all(|l| l == MISC || NATIVE_LABELS.contains(&l.as_str()))
}

/// The label policy for one gold file: the mapping applied to both sides and the labels scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scoring {
    map: HashMap<String, String>,
    labels: Vec<String>,
    aliases: bool,
}

impl Scoring {
    /// Settles mapping and labels for `gold` (see the module documentation for why aliases depend on it).
    pub fn new(gold: &[GoldDoc], opts: &EvalOptions) -> Self {
        let aliases = !uses_native_labels(gold);
        let mut map: HashMap<String, String> = HashMap::new();
        if aliases {
            map.extend(BUILTIN_ALIASES.iter().map(|(a, b)| (a.to_string(), b.to_string())));
        }
        map.extend(opts.map.iter().flatten().cloned());
        let mut scoring = Scoring { map, labels: Vec::new(), aliases };
        scoring.labels = match &opts.labels {
            Some(l) => l.clone(),
            None => {
                let found: BTreeSet<String> = gold
                    .iter()
                    .flat_map(|d| &d.entities)
                    .map(|e| scoring.canonical(&e.label))
                    .filter(|l| l != MISC)
                    .collect();
                let mut labels: Vec<String> =
                    LABEL_ORDER.iter().filter(|l| found.contains(**l)).map(|l| l.to_string()).collect();
                labels.extend(found.into_iter().filter(|l| !LABEL_ORDER.contains(&l.as_str())));
                labels
            }
        };
        scoring
    }

    /// The scored labels, in display order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Whether score.py's built-in aliases are in force.
    pub fn aliases(&self) -> bool {
        self.aliases
    }

    /// The effective label map, sorted.
    pub fn map(&self) -> BTreeMap<String, String> {
        self.map.iter().map(|(a, b)| (a.clone(), b.clone())).collect()
    }

    /// Upper-cases and maps a label (score.py's `norm`).
    pub fn canonical(&self, label: &str) -> String {
        let up = label.to_uppercase();
        match self.map.get(&up) {
            Some(to) => to.clone(),
            None => up,
        }
    }

    /// The key of a span when its label is scored, else `None`.
    fn key(&self, start: usize, end: usize, label: &str) -> Option<Key> {
        let label = self.canonical(label);
        (end > start && self.labels.contains(&label)).then_some((start, end, label))
    }

    fn gold_set(&self, doc: &GoldDoc) -> BTreeSet<Key> {
        doc.entities.iter().filter_map(|e| self.key(e.start, e.end, &e.label)).collect()
    }

    fn pred_set(&self, pred: &[Span]) -> BTreeSet<Key> {
        pred.iter().filter_map(|s| self.key(s.start, s.end, &s.label)).collect()
    }
}

/// `(start, end, mapped label)`: ordered like score.py's tuples, so greedy ties break the same way.
type Key = (usize, usize, String);

/// One line of a score table.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Row {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub gold: usize,
    pub pred: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Row {
    /// Precision, recall and F1 computed with score.py's very expressions, so the floats are identical.
    pub fn new(tp: usize, fp: usize, fn_: usize) -> Self {
        let (t, f, n) = (tp as f64, fp as f64, fn_ as f64);
        let precision = if tp + fp > 0 { t / (t + f) } else { 0.0 };
        let recall = if tp + fn_ > 0 { t / (t + n) } else { 0.0 };
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Row { tp, fp, fn_, gold: tp + fn_, pred: tp + fp, precision, recall, f1 }
    }
}

/// Per-label rows in display order, and the micro average (sums of counts over the scored labels).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<(String, Row)>,
    pub micro: Row,
}

impl Table {
    fn build(labels: &[String], counts: &HashMap<String, [usize; 3]>) -> Self {
        let mut total = [0usize; 3];
        let rows = labels
            .iter()
            .map(|l| {
                let c = counts.get(l).copied().unwrap_or_default();
                (0..3).for_each(|i| total[i] += c[i]);
                (l.clone(), Row::new(c[0], c[1], c[2]))
            })
            .collect();
        Table { rows, micro: Row::new(total[0], total[1], total[2]) }
    }

    /// The row of one label.
    pub fn get(&self, label: &str) -> Option<&Row> {
        self.rows.iter().find(|(l, _)| l == label).map(|(_, r)| r)
    }
}

/// Serialized like score.py's JSON tables: `{"PER": {...}, ..., "micro": {...}}`, in display order.
impl Serialize for Table {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.rows.len() + 1))?;
        for (l, r) in &self.rows {
            m.serialize_entry(l, r)?;
        }
        m.serialize_entry("micro", &self.micro)?;
        m.end()
    }
}

/// Whether an error listing entry is a false positive or a miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MistakeKind {
    Fp,
    Miss,
}

/// One exact-match error (strict semantics), with context for reading it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mistake {
    pub kind: MistakeKind,
    pub id: String,
    pub label: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub left: String,
    pub right: String,
    /// The span is a `"required": false` gold span: docscore does not count this error.
    pub optional: bool,
}

/// The figures of one evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub documents: usize,
    pub labels: Vec<String>,
    /// Whether score.py's built-in aliases were applied.
    pub aliases: bool,
    /// The effective label map.
    pub map: BTreeMap<String, String>,
    /// Strict exact span match (score.py).
    pub exact: Table,
    /// Strict lenient overlap match (score.py).
    pub overlap: Table,
    /// Exact match with `"required": false` spans excused (docscore.py); only when the gold file has some.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docscore: Option<Table>,
    pub micro_f1: f64,
    pub micro_f1_overlap: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub micro_f1_docscore: Option<f64>,
    /// The error listing, when asked for ([`mistakes`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<Mistake>>,
}

/// Runs the extractor over every gold text, in parallel; the result is in gold order.
pub fn predict(ex: &Extractor, gold: &[GoldDoc]) -> Vec<Vec<Span>> {
    gold.par_iter().map(|d| ex.extract(&d.text).entities.iter().map(Span::from).collect()).collect()
}

/// score.py's `overlap_matches`: candidates sorted by largest overlap, then gold span, then predicted
/// span; each side used at most once.
fn overlap_pairs<'a>(gold: &'a BTreeSet<Key>, pred: &'a BTreeSet<Key>) -> Vec<(&'a Key, &'a Key)> {
    let mut cands: Vec<(usize, &Key, &Key)> = Vec::new();
    for g in gold {
        for p in pred {
            if g.2 != p.2 {
                continue;
            }
            let (lo, hi) = (g.0.max(p.0), g.1.min(p.1));
            if hi > lo {
                cands.push((hi - lo, g, p));
            }
        }
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)).then_with(|| a.2.cmp(b.2)));
    let (mut used_g, mut used_p) = (HashSet::new(), HashSet::new());
    let mut pairs = Vec::new();
    for (_, g, p) in cands {
        if used_g.contains(g) || used_p.contains(p) {
            continue;
        }
        used_g.insert(g);
        used_p.insert(p);
        pairs.push((g, p));
    }
    pairs
}

fn bump(counts: &mut HashMap<String, [usize; 3]>, label: &str, which: usize) {
    counts.entry(label.to_string()).or_default()[which] += 1;
}

/// Scores predictions against gold. `predicted[i]` belongs to `gold[i]`; a document with no entry counts as
/// predicting nothing (as score.py does for a missing prediction line). `errors` is left `None`.
pub fn score(gold: &[GoldDoc], predicted: &[Vec<Span>], scoring: &Scoring) -> Report {
    const TP: usize = 0;
    const FP: usize = 1;
    const FN: usize = 2;
    let has_optional = gold.iter().flat_map(|d| &d.entities).any(|e| !e.required);
    let (mut exact, mut overlap, mut doc) = (HashMap::new(), HashMap::new(), HashMap::new());
    for (i, d) in gold.iter().enumerate() {
        let g = scoring.gold_set(d);
        let p = scoring.pred_set(predicted.get(i).map_or(&[][..], Vec::as_slice));
        for x in g.intersection(&p) {
            bump(&mut exact, &x.2, TP);
        }
        for x in p.difference(&g) {
            bump(&mut exact, &x.2, FP);
        }
        for x in g.difference(&p) {
            bump(&mut exact, &x.2, FN);
        }
        let pairs = overlap_pairs(&g, &p);
        let matched_g: HashSet<&Key> = pairs.iter().map(|(a, _)| *a).collect();
        let matched_p: HashSet<&Key> = pairs.iter().map(|(_, b)| *b).collect();
        for (a, _) in &pairs {
            bump(&mut overlap, &a.2, TP);
        }
        for x in p.iter().filter(|x| !matched_p.contains(x)) {
            bump(&mut overlap, &x.2, FP);
        }
        for x in g.iter().filter(|x| !matched_g.contains(x)) {
            bump(&mut overlap, &x.2, FN);
        }
        if has_optional {
            // docscore.py: optional spans are recognised by position alone, whatever their label
            let req: BTreeSet<Key> = d
                .entities
                .iter()
                .filter(|e| e.required)
                .filter_map(|e| scoring.key(e.start, e.end, &e.label))
                .collect();
            let opt: HashSet<(usize, usize)> =
                d.entities.iter().filter(|e| !e.required).map(|e| (e.start, e.end)).collect();
            let got: BTreeSet<&Key> = p.iter().filter(|x| !opt.contains(&(x.0, x.1)) || req.contains(*x)).collect();
            for x in &got {
                bump(&mut doc, &x.2, if req.contains(*x) { TP } else { FP });
            }
            for x in req.iter().filter(|x| !got.contains(x)) {
                bump(&mut doc, &x.2, FN);
            }
        }
    }
    let labels = scoring.labels();
    let exact = Table::build(labels, &exact);
    let overlap = Table::build(labels, &overlap);
    let docscore = has_optional.then(|| Table::build(labels, &doc));
    Report {
        documents: gold.len(),
        labels: labels.to_vec(),
        aliases: scoring.aliases(),
        map: scoring.map(),
        micro_f1: exact.micro.f1,
        micro_f1_overlap: overlap.micro.f1,
        micro_f1_docscore: docscore.as_ref().map(|t| t.micro.f1),
        exact,
        overlap,
        docscore,
        errors: None,
    }
}

/// Every strict exact-match false positive and miss, by document then position, with context.
/// Those that docscore excuses (`"required": false` spans) are marked [`Mistake::optional`].
pub fn mistakes(gold: &[GoldDoc], predicted: &[Vec<Span>], scoring: &Scoring) -> Vec<Mistake> {
    let mut out = Vec::new();
    for (i, d) in gold.iter().enumerate() {
        let g = scoring.gold_set(d);
        let p = scoring.pred_set(predicted.get(i).map_or(&[][..], Vec::as_slice));
        let opt: HashSet<(usize, usize)> =
            d.entities.iter().filter(|e| !e.required).map(|e| (e.start, e.end)).collect();
        let mut found: Vec<(&Key, MistakeKind)> = p.difference(&g).map(|k| (k, MistakeKind::Fp)).collect();
        found.extend(g.difference(&p).map(|k| (k, MistakeKind::Miss)));
        found.sort_by_key(|(k, kind)| (k.0, k.1, *kind == MistakeKind::Fp));
        if found.is_empty() {
            continue;
        }
        let chars: Vec<char> = d.text.chars().collect();
        let piece = |a: usize, b: usize| -> String {
            let (a, b) = (a.min(chars.len()), b.min(chars.len()));
            chars[a..b].iter().map(|&c| if c.is_whitespace() { ' ' } else { c }).collect()
        };
        for (k, kind) in found {
            out.push(Mistake {
                kind,
                id: d.name(),
                label: k.2.clone(),
                start: k.0,
                end: k.1,
                text: piece(k.0, k.1),
                left: piece(k.0.saturating_sub(CONTEXT), k.0),
                right: piece(k.1, k.1 + CONTEXT),
                optional: opt.contains(&(k.0, k.1)),
            });
        }
    }
    out
}

fn write_table(f: &mut fmt::Formatter<'_>, title: &str, table: &Table) -> fmt::Result {
    let w = table.rows.iter().map(|(l, _)| l.len()).max().unwrap_or(0).max(7);
    writeln!(f, "{title}")?;
    writeln!(f, "{:<w$} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}", "label", "gold", "pred", "tp", "P", "R", "F1")?;
    for (l, r) in table.rows.iter().map(|(l, r)| (l.as_str(), r)).chain([("micro", &table.micro)]) {
        writeln!(
            f,
            "{l:<w$} {:>6} {:>6} {:>6} {:>7.4} {:>7.4} {:>7.4}",
            r.gold, r.pred, r.tp, r.precision, r.recall, r.f1
        )?;
    }
    Ok(())
}

/// The text report: the error listing (when present), score.py's two tables, the docscore table (when the
/// gold file has optional spans), and `micro_f1=` (strict exact micro F1) as the last line, as score.py.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let map = if self.map.is_empty() {
            "none".to_string()
        } else {
            self.map.iter().map(|(a, b)| format!("{a}={b}")).collect::<Vec<_>>().join(",")
        };
        writeln!(f, "# {} documents, labels {}, label map {map}", self.documents, self.labels.join(","))?;
        if let Some(errors) = &self.errors {
            let fp = errors.iter().filter(|m| m.kind == MistakeKind::Fp).count();
            writeln!(f, "== errors, exact span match: false positives {fp}, misses {} ==", errors.len() - fp)?;
            for m in errors {
                let kind = match m.kind {
                    MistakeKind::Fp => "FP",
                    MistakeKind::Miss => "MISS",
                };
                let opt = if m.optional { " (optional)" } else { "" };
                writeln!(
                    f,
                    "{kind:<4} {} {} {}..{} {:?}{opt}\t{}[{}]{}",
                    m.id, m.label, m.start, m.end, m.text, m.left, m.text, m.right
                )?;
            }
            writeln!(f)?;
        }
        write_table(f, "== exact span match ==", &self.exact)?;
        writeln!(f)?;
        write_table(f, "== partial overlap (lenient) ==", &self.overlap)?;
        if let Some(t) = &self.docscore {
            writeln!(f)?;
            write_table(f, "== exact span match, \"required\": false spans excused (docscore.py) ==", t)?;
        }
        writeln!(f, "micro_f1_overlap={:.4}", self.micro_f1_overlap)?;
        if let Some(d) = self.micro_f1_docscore {
            writeln!(f, "micro_f1_docscore={d:.4}")?;
        }
        writeln!(f, "micro_f1={:.4}", self.micro_f1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(start: usize, end: usize, label: &str) -> GoldEntity {
        GoldEntity { start, end, label: label.into(), required: true }
    }

    fn opt(start: usize, end: usize, label: &str) -> GoldEntity {
        GoldEntity { required: false, ..ent(start, end, label) }
    }

    fn doc(entities: Vec<GoldEntity>) -> GoldDoc {
        GoldDoc { id: Some("d".into()), line: 1, text: "x".repeat(100), entities }
    }

    fn sp(start: usize, end: usize, label: &str) -> Span {
        Span::new(start, end, label)
    }

    fn counts(r: &Row) -> (usize, usize, usize) {
        (r.tp, r.fp, r.fn_)
    }

    #[test]
    fn exact_and_overlap_counts() {
        // (name, gold, predictions, exact micro tp/fp/fn, overlap micro tp/fp/fn)
        type Case = (&'static str, Vec<GoldEntity>, Vec<Span>, (usize, usize, usize), (usize, usize, usize));
        let cases: Vec<Case> = vec![
            ("identical", vec![ent(0, 5, "PERSON")], vec![sp(0, 5, "PERSON")], (1, 0, 0), (1, 0, 0)),
            ("nothing predicted", vec![ent(0, 5, "PERSON")], vec![], (0, 0, 1), (0, 0, 1)),
            ("partial span", vec![ent(0, 10, "PERSON")], vec![sp(5, 10, "PERSON")], (0, 1, 1), (1, 0, 0)),
            (
                "wrong label",
                vec![ent(0, 5, "PERSON"), ent(50, 55, "LOCATION")],
                vec![sp(0, 5, "LOCATION"), sp(50, 55, "LOCATION")],
                (1, 1, 1),
                (1, 1, 1),
            ),
            (
                "a label absent from gold is not scored",
                vec![ent(0, 5, "PERSON")],
                vec![sp(0, 5, "LOCATION")],
                (0, 0, 1),
                (0, 0, 1),
            ),
            ("touching is not overlapping", vec![ent(0, 5, "PERSON")], vec![sp(5, 9, "PERSON")], (0, 1, 1), (0, 1, 1)),
            (
                "one prediction over two golds: the larger overlap wins",
                vec![ent(0, 3, "LOCATION"), ent(10, 20, "LOCATION")],
                vec![sp(0, 20, "LOCATION")],
                (0, 1, 2),
                (1, 0, 1),
            ),
            (
                "two predictions in one gold: one pair only",
                vec![ent(0, 20, "ORGANIZATION")],
                vec![sp(0, 4, "ORGANIZATION"), sp(10, 20, "ORGANIZATION")],
                (0, 2, 1),
                (1, 1, 0),
            ),
            (
                "equal overlaps: ties broken by gold span, then predicted span",
                vec![ent(0, 4, "PERSON"), ent(6, 10, "PERSON")],
                vec![sp(2, 8, "PERSON")],
                (0, 1, 2),
                (1, 0, 1),
            ),
            (
                "duplicate predictions count once",
                vec![ent(0, 5, "PERSON")],
                vec![sp(0, 5, "PERSON"), sp(0, 5, "PERSON")],
                (1, 0, 0),
                (1, 0, 0),
            ),
        ];
        for (name, g, p, ex, ov) in cases {
            let gold = vec![doc(g)];
            let scoring = Scoring::new(&gold, &EvalOptions::default());
            let r = score(&gold, &[p], &scoring);
            assert_eq!(counts(&r.exact.micro), ex, "{name}: exact");
            assert_eq!(counts(&r.overlap.micro), ov, "{name}: overlap");
            assert!(r.docscore.is_none(), "{name}: no optional span, no docscore table");
        }
    }

    #[test]
    fn greedy_tie_goes_to_the_earlier_gold() {
        let gold = vec![doc(vec![ent(0, 4, "PERSON"), ent(6, 10, "PERSON")])];
        let scoring = Scoring::new(&gold, &EvalOptions::default());
        let errors = mistakes(&gold, &[vec![sp(2, 8, "PERSON")]], &scoring);
        assert_eq!(errors.len(), 3);
        let g = scoring.gold_set(&gold[0]);
        let p = scoring.pred_set(&[sp(2, 8, "PERSON")]);
        let pairs = overlap_pairs(&g, &p);
        assert_eq!(pairs, vec![(&(0, 4, "PERSON".to_string()), &(2, 8, "PERSON".to_string()))]);
    }

    #[test]
    fn required_false_is_excused_only_by_docscore() {
        // (name, gold, predictions, strict exact tp/fp/fn, docscore tp/fp/fn)
        type Case = (&'static str, Vec<GoldEntity>, Vec<Span>, (usize, usize, usize), (usize, usize, usize));
        let cases: Vec<Case> = vec![
            ("optional absent", vec![opt(0, 5, "LOCATION")], vec![], (0, 0, 1), (0, 0, 0)),
            (
                "optional found, same label",
                vec![opt(0, 5, "LOCATION")],
                vec![sp(0, 5, "LOCATION")],
                (1, 0, 0),
                (0, 0, 0),
            ),
            (
                "optional found, other label",
                vec![opt(0, 5, "LOCATION")],
                vec![sp(0, 5, "PERSON")],
                (0, 1, 1),
                (0, 0, 0),
            ),
            (
                "optional overlapped, not exact",
                vec![opt(0, 5, "LOCATION")],
                vec![sp(0, 4, "LOCATION")],
                (0, 1, 1),
                (0, 1, 0),
            ),
            ("optional MISC span excuses too", vec![opt(0, 5, "MISC")], vec![sp(0, 5, "PERSON")], (0, 1, 0), (0, 0, 0)),
            (
                "required entity beside an optional one",
                vec![ent(0, 5, "PERSON"), opt(10, 15, "ORGANIZATION")],
                vec![sp(0, 5, "PERSON"), sp(10, 15, "ORGANIZATION")],
                (2, 0, 0),
                (1, 0, 0),
            ),
        ];
        for (name, g, p, strict, lenient) in cases {
            // a PERSON elsewhere keeps PERSON among the default labels
            let mut g = g;
            g.push(ent(90, 95, "PERSON"));
            let gold = vec![doc(g)];
            let scoring = Scoring::new(&gold, &EvalOptions::default());
            let r = score(&gold, &[p], &scoring);
            let add_miss = |(t, f, n): (usize, usize, usize)| (t, f, n + 1);
            assert_eq!(counts(&r.exact.micro), add_miss(strict), "{name}: strict");
            let d = r.docscore.expect("docscore table when a span is optional");
            assert_eq!(counts(&d.micro), add_miss(lenient), "{name}: docscore");
        }
    }

    #[test]
    fn optional_errors_are_marked() {
        let gold = vec![doc(vec![opt(0, 5, "LOCATION"), ent(10, 15, "LOCATION")])];
        let scoring = Scoring::new(&gold, &EvalOptions::default());
        let m = mistakes(&gold, &[vec![sp(20, 25, "LOCATION")]], &scoring);
        let got: Vec<_> = m.iter().map(|m| (m.kind, m.start, m.optional)).collect();
        assert_eq!(
            got,
            vec![(MistakeKind::Miss, 0, true), (MistakeKind::Miss, 10, false), (MistakeKind::Fp, 20, false)]
        );
    }

    #[test]
    fn label_mapping() {
        // (name, gold labels, --map, --eval-labels, prediction labels, expected scored labels, exact tp/fp/fn)
        type Case = (
            &'static str,
            Vec<&'static str>,
            Option<&'static str>,
            Option<&'static str>,
            Vec<&'static str>,
            Vec<&'static str>,
            (usize, usize, usize),
        );
        let cases: Vec<Case> = vec![
            (
                "native labels are scored as they are",
                vec!["PERSON", "COUNTRY", "LOCATION"],
                None,
                None,
                vec!["PERSON", "LOCATION", "LOCATION"],
                vec!["PERSON", "COUNTRY", "LOCATION"],
                (2, 1, 1),
            ),
            (
                "CoNLL gold: built-in aliases on the predictions",
                vec!["PER", "LOC", "LOC", "MISC"],
                None,
                None,
                vec!["PERSON", "COUNTRY", "LOCATION", "ORGANIZATION"],
                vec!["PER", "LOC"],
                (3, 0, 0),
            ),
            (
                "--map on native gold folds labels, without the aliases",
                vec!["PERSON", "COUNTRY", "LOCATION"],
                Some("country=LOC,LOCATION=LOC"),
                None,
                vec!["PERSON", "LOCATION", "COUNTRY"],
                vec!["LOC", "PERSON"],
                (3, 0, 0),
            ),
            (
                "--map overrides an alias",
                vec!["PER", "LOC", "ORG"],
                Some("COUNTRY=ORG"),
                None,
                vec!["PERSON", "LOCATION", "COUNTRY"],
                vec!["PER", "LOC", "ORG"],
                (3, 0, 0),
            ),
            (
                "--eval-labels restricts after mapping",
                vec!["PER", "LOC", "ORG"],
                None,
                Some("loc"),
                vec!["PERSON", "COUNTRY", "ORGANIZATION"],
                vec!["LOC"],
                (1, 0, 0),
            ),
            (
                "lower-case gold labels are upper-cased",
                vec!["per", "loc", "org"],
                None,
                None,
                vec!["PERSON", "LOCATION", "ORGANIZATION"],
                vec!["PER", "LOC", "ORG"],
                (3, 0, 0),
            ),
        ];
        for (name, gl, map, labels, pl, want_labels, want) in cases {
            let gold = vec![doc(gl.iter().enumerate().map(|(i, l)| ent(i * 10, i * 10 + 5, l)).collect())];
            let pred: Vec<Span> = pl.iter().enumerate().map(|(i, l)| sp(i * 10, i * 10 + 5, l)).collect();
            let opts = EvalOptions {
                map: map.map(|m| parse_map(m).unwrap()),
                labels: labels.map(|l| parse_labels(l).unwrap()),
            };
            let scoring = Scoring::new(&gold, &opts);
            assert_eq!(scoring.labels(), want_labels, "{name}: labels");
            let r = score(&gold, &[pred], &scoring);
            assert_eq!(counts(&r.exact.micro), want, "{name}");
        }
    }

    #[test]
    fn prf_matches_python() {
        let r = Row::new(2, 1, 3);
        assert_eq!(r.precision, 2.0 / 3.0);
        assert_eq!(r.recall, 2.0 / 5.0);
        assert_eq!(r.f1, 2.0 * (2.0 / 3.0) * (2.0 / 5.0) / (2.0 / 3.0 + 2.0 / 5.0));
        assert_eq!(Row::new(0, 0, 0), Row::default());
    }

    #[test]
    fn gold_parsing_errors_name_the_line() {
        let cases = [
            ("not json", "not a gold document"),
            (r#"{"id":"a"}"#, "missing field `text`"),
            (r#"{"id":"a","text":"Mali","entities":[{"start":0,"end":5,"label":"COUNTRY"}]}"#, "past the end"),
            (r#"{"id":"a","text":"Mali","entities":[{"start":2,"end":2,"label":"COUNTRY"}]}"#, "empty span"),
            (
                r#"{"id":"a","text":"Ségou","entities":[{"start":0,"end":6,"label":"LOCATION","text":"Ségou"}]}"#,
                "past the end",
            ),
            (
                r#"{"id":"a","text":"au Mali","entities":[{"start":0,"end":4,"label":"COUNTRY","text":"Mali"}]}"#,
                "is not text[0:4]",
            ),
            (r#"{"id":[1],"text":"x"}"#, "`id` must be"),
        ];
        for (line, want) in cases {
            let input = format!("{{\"id\":\"ok\",\"text\":\"x\",\"entities\":[]}}\n\n{line}\n");
            let err = parse_gold(input.as_bytes(), "g.jsonl").unwrap_err().to_string();
            assert!(err.starts_with("g.jsonl:3: "), "{line}: {err}");
            assert!(err.contains(want), "{line}: {err}");
        }
        let dup = "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n";
        let err = parse_gold(dup.as_bytes(), "g.jsonl").unwrap_err().to_string();
        assert_eq!(err, "g.jsonl:2: duplicate id \"a\" (first on line 1)");
    }

    #[test]
    fn gold_parsing_accepts_code_points_bom_and_numbers() {
        let input =
            "\u{FEFF}{\"id\":7,\"text\":\"À Ségou.\",\"entities\":[{\"start\":2,\"end\":7,\"label\":\"LOCATION\",\
                     \"text\":\"Ségou\",\"required\":false}]}\n{\"text\":\"rien\"}\n";
        let docs = parse_gold(input.as_bytes(), "g").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id.as_deref(), Some("7"));
        assert_eq!(docs[0].entities, vec![opt(2, 7, "LOCATION")]);
        assert_eq!(docs[1].name(), "line 2");
        assert!(docs[1].entities.is_empty());
    }

    #[test]
    fn map_and_label_flags() {
        assert_eq!(
            parse_map(" country = loc ,, PERSON=PER").unwrap(),
            vec![("COUNTRY".into(), "LOC".into()), ("PERSON".into(), "PER".into())]
        );
        assert!(matches!(parse_map("COUNTRY"), Err(EvalError::BadMap(_))));
        assert_eq!(parse_labels("per, LOC,per").unwrap(), vec!["PER", "LOC"]);
        assert!(matches!(parse_labels(" , "), Err(EvalError::NoLabels(_))));
    }

    #[test]
    fn text_report_ends_with_micro_f1() {
        let gold = vec![doc(vec![ent(0, 5, "PER"), opt(10, 15, "LOC")])];
        let scoring = Scoring::new(&gold, &EvalOptions::default());
        let p = vec![vec![sp(0, 5, "PERSON")]];
        let mut r = score(&gold, &p, &scoring);
        r.errors = Some(mistakes(&gold, &p, &scoring));
        let text = r.to_string();
        assert!(text.contains("\nPER          1      1      1  1.0000  1.0000  1.0000\n"), "{text}");
        assert!(text.contains("MISS d LOC 10..15 \"xxxxx\" (optional)"), "{text}");
        assert!(text.contains("micro_f1_docscore=1.0000\n"), "{text}");
        assert!(text.ends_with("\nmicro_f1=0.6667\n"), "{text}");
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["exact"]["PER"]["fn"], 0);
        assert_eq!(json["exact"]["micro"]["fn"], 1);
        assert_eq!(json["errors"][0]["kind"], "miss");
    }
}
