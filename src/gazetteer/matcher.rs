//! The compiled gazetteer: a trie over token ids.
//!
//! DESIGN note: gazetteer names are tokenized with the same tokenizer as the text and each token key
//! (normalize::key) is interned to a `u32`. The trie walks token ids, so a text token that is in no
//! gazetteer name costs one hash lookup and most of the text is skipped at once; multi-word names never
//! match inside words, and `l’ONU` finds `ONU` because the tokenizer has already split the elision.
//! This plays the role of an Aho-Corasick automaton over tokens instead of bytes.

use super::parse::{flags, Lang, Row, RowKind};
use crate::normalize::{caseless_key, key};
use crate::tokenize::{tokenize, Shape, Tokenized};
use rustc_hash::FxHashMap;

/// One gazetteer row, as the recognizers see it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: RowKind,
    pub name: Box<str>,
    pub canonical: Box<str>,
    pub kb_id: Option<Box<str>>,
    pub lang: Lang,
    pub iso: Option<Box<str>>,
    pub flags: u32,
    /// Index into [`Matcher::origins`].
    pub origin: u16,
    pub line: u32,
}

impl Entry {
    pub fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }
}

/// Where a list came from; `user` lists win over built-in ones.
#[derive(Debug, Clone)]
pub struct Origin {
    /// Short name used in `recognizer` fields: `countries`, or a user file's path.
    pub name: String,
    pub user: bool,
}

/// The token ids of one text token: the exact key, and on headlines the caseless key.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokIds {
    pub exact: Option<u32>,
    pub caseless: Option<u32>,
    /// A capitalized token unknown as written, known with a lower-case initial (`Unies` → `unies`):
    /// title-cased variants of multi-word names (`Nations Unies`) match past their first token.
    pub decap: Option<u32>,
}

/// A gazetteer match over tokens `start..end`.
#[derive(Debug, Clone, Copy)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub node: u32,
    /// Some token matched only through its caseless (headline) key.
    pub caseless: bool,
}

const ROOT: u32 = 0;

#[derive(Debug, Default)]
pub struct Matcher {
    vocab: FxHashMap<Box<str>, u32>,
    caseless: FxHashMap<Box<str>, u32>,
    edges: FxHashMap<(u32, u32), u32>,
    /// entries per trie node: `node_entries[node]` is a range into `entry_index`.
    node_ranges: Vec<(u32, u32)>,
    entry_index: Vec<u32>,
    pub entries: Vec<Entry>,
    pub origins: Vec<Origin>,
    max_len: usize,
}

/// Builds a [`Matcher`]; lists are added in priority order.
#[derive(Debug, Default)]
pub struct MatcherBuilder {
    vocab: FxHashMap<Box<str>, u32>,
    caseless: FxHashMap<Box<str>, u32>,
    edges: FxHashMap<(u32, u32), u32>,
    node_count: u32,
    pairs: Vec<(u32, u32)>,
    entries: Vec<Entry>,
    origins: Vec<Origin>,
    max_len: usize,
}

/// French capitalized articles that may begin a place or title name and contract away (`au Caire`).
fn is_leading_article(k: &str) -> bool {
    matches!(k, "Le" | "La" | "Les" | "L'")
}

impl MatcherBuilder {
    pub fn new() -> Self {
        MatcherBuilder { node_count: 1, ..Default::default() }
    }

    fn intern(&mut self, k: &str, shape: Shape) -> u32 {
        if let Some(&id) = self.vocab.get(k) {
            return id;
        }
        let id = self.vocab.len() as u32;
        self.vocab.insert(k.into(), id);
        // The caseless key maps to the first form seen, preferring non-ALL-CAPS forms so that a headline
        // `MALI` reaches the entries of `Mali`.
        let ck = caseless_key(k);
        match self.caseless.get(ck.as_str()) {
            Some(_) if shape == Shape::AllCaps => {}
            _ => {
                self.caseless.insert(ck.into(), id);
            }
        }
        id
    }

    fn insert_path(&mut self, ids: &[u32]) -> u32 {
        let mut node = ROOT;
        for &id in ids {
            node = match self.edges.get(&(node, id)) {
                Some(&n) => n,
                None => {
                    let n = self.node_count;
                    self.node_count += 1;
                    self.edges.insert((node, id), n);
                    n
                }
            };
        }
        node
    }

    /// Adds the rows of one list.
    pub fn add_rows(&mut self, rows: &[Row], origin: Origin) {
        let origin_id = self.origins.len() as u16;
        self.origins.push(origin);
        for row in rows {
            let toks = tokenize(&row.name);
            if toks.tokens.is_empty() {
                continue;
            }
            let mut ids: Vec<u32> = toks.tokens.iter().map(|t| self.intern(&key(t.text(&row.name)), t.shape)).collect();
            // a lowercase `the` is never part of a name (`the UN` is `UN`); `The Hague` keeps its capital
            if ids.len() >= 2 && toks.tokens[0].text(&row.name) == "the" {
                ids.remove(0);
            }
            let entry = Entry {
                kind: row.kind,
                name: row.name.as_str().into(),
                canonical: row.canonical.as_str().into(),
                kb_id: row.kb_id.as_deref().map(Into::into),
                lang: row.lang,
                iso: row.iso.as_deref().map(Into::into),
                flags: row.flags,
                origin: origin_id,
                line: row.line as u32,
            };
            let article = ids.len() >= 2
                && is_leading_article(&key(toks.tokens[0].text(&row.name)))
                && matches!(
                    row.kind,
                    RowKind::Entity(crate::Label::Location) | RowKind::Entity(crate::Label::Organization)
                );
            if article {
                let mut alias = entry.clone();
                alias.flags |= flags::ARTICLE_DROPPED;
                let node = self.insert_path(&ids[1..]);
                self.pairs.push((node, self.entries.len() as u32));
                self.entries.push(alias);
            }
            // `président` also opens a sentence as `Président`
            if row.kind == RowKind::Title && row.name.starts_with(char::is_lowercase) {
                let mut chars = toks.tokens[0].text(&row.name).chars();
                if let Some(c) = chars.next() {
                    let cap: String = c.to_uppercase().chain(chars).collect();
                    let mut cap_ids = ids.clone();
                    cap_ids[0] = self.intern(&key(&cap), Shape::Capitalized);
                    let node = self.insert_path(&cap_ids);
                    self.pairs.push((node, self.entries.len() as u32));
                    self.entries.push(entry.clone());
                }
            }
            let node = self.insert_path(&ids);
            self.max_len = self.max_len.max(ids.len());
            self.pairs.push((node, self.entries.len() as u32));
            self.entries.push(entry);
        }
    }

    pub fn build(mut self) -> Matcher {
        // stable sort keeps list order within a node: earlier (higher-priority) lists first
        self.pairs.sort_by_key(|&(node, _)| node);
        let mut node_ranges = vec![(0u32, 0u32); self.node_count as usize];
        let mut entry_index = Vec::with_capacity(self.pairs.len());
        let mut i = 0;
        while i < self.pairs.len() {
            let node = self.pairs[i].0;
            let start = entry_index.len() as u32;
            while i < self.pairs.len() && self.pairs[i].0 == node {
                entry_index.push(self.pairs[i].1);
                i += 1;
            }
            node_ranges[node as usize] = (start, entry_index.len() as u32);
        }
        Matcher {
            vocab: self.vocab,
            caseless: self.caseless,
            edges: self.edges,
            node_ranges,
            entry_index,
            entries: self.entries,
            origins: self.origins,
            max_len: self.max_len,
        }
    }
}

impl Matcher {
    /// The id of one surface form, as the text lookup computes it.
    pub fn token_id(&self, surface: &str) -> Option<u32> {
        self.vocab.get(key(surface).as_ref()).copied()
    }

    /// Token ids for every token of a document.
    pub fn token_ids(&self, doc: &Tokenized<'_>) -> Vec<TokIds> {
        doc.tokens
            .iter()
            .map(|t| {
                if !t.is_wordlike() && t.end - t.start > 4 {
                    return TokIds::default();
                }
                let s = t.text(doc.text);
                let exact = self.vocab.get(key(s).as_ref()).copied();
                // ALL-CAPS words match caselessly on headlines, and elsewhere when unknown as written
                // (datelines: `GENEVA —`, `KINSHASA, 3 mai`)
                let caseless = if t.shape == Shape::AllCaps
                    && (doc.sentences[t.sentence].headline || (exact.is_none() && s.len() >= 3))
                {
                    self.caseless.get(caseless_key(s).as_str()).copied().filter(|&c| Some(c) != exact)
                } else {
                    None
                };
                let decap = if exact.is_none() && t.shape == Shape::Capitalized && caseless.is_none() {
                    let mut chars = s.chars();
                    chars.next().and_then(|c| {
                        let mut d: String = c.to_lowercase().collect();
                        d.push_str(chars.as_str());
                        self.vocab.get(key(&d).as_ref()).copied()
                    })
                } else {
                    None
                };
                TokIds { exact, caseless, decap }
            })
            .collect()
    }

    /// Entry ids stored at a trie node, highest priority first.
    pub fn node_entries(&self, node: u32) -> &[u32] {
        let (a, b) = self.node_ranges[node as usize];
        &self.entry_index[a as usize..b as usize]
    }

    /// Every match starting at token `start`, shortest first.
    pub fn matches_at(&self, ids: &[TokIds], start: usize, out: &mut Vec<Match>) {
        self.walk(ids, start, start, ROOT, false, out);
    }

    fn walk(&self, ids: &[TokIds], start: usize, i: usize, node: u32, caseless: bool, out: &mut Vec<Match>) {
        if i >= ids.len() || i - start >= self.max_len {
            return;
        }
        let t = ids[i];
        let decap = if i > start { t.decap } else { None };
        for (id, via_caseless) in [(t.exact, false), (t.caseless, true), (decap, false)] {
            let Some(id) = id else { continue };
            if let Some(&next) = self.edges.get(&(node, id)) {
                let cl = caseless || via_caseless;
                let (a, b) = self.node_ranges[next as usize];
                if b > a {
                    out.push(Match { start, end: i + 1, node: next, caseless: cl });
                }
                self.walk(ids, start, i + 1, next, cl, out);
            }
        }
    }

    /// All entries whose surface form has the same key as `surface` (for `explain`).
    pub fn lookup(&self, surface: &str) -> Vec<&Entry> {
        let toks = tokenize(surface);
        let mut node = ROOT;
        for t in &toks.tokens {
            let Some(id) = self.token_id(t.text(surface)) else { return Vec::new() };
            match self.edges.get(&(node, id)) {
                Some(&n) => node = n,
                None => return Vec::new(),
            }
        }
        self.node_entries(node).iter().map(|&e| &self.entries[e as usize]).collect()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::parse::parse_tsv;

    fn matcher(tsv: &str) -> Matcher {
        let rows = parse_tsv(tsv, "t").unwrap();
        let mut b = MatcherBuilder::new();
        b.add_rows(&rows, Origin { name: "t".into(), user: false });
        b.build()
    }

    fn spans(m: &Matcher, text: &str) -> Vec<String> {
        let doc = tokenize(text);
        let ids = m.token_ids(&doc);
        let mut out = Vec::new();
        for i in 0..ids.len() {
            m.matches_at(&ids, i, &mut out);
        }
        out.iter().map(|x| text[doc.tokens[x.start].start..doc.tokens[x.end - 1].end].to_string()).collect()
    }

    const TSV: &str = "name\tlabel\tcanonical\n\
        États-Unis\tCOUNTRY\tUnited States\n\
        Conseil de sécurité\tORGANIZATION\tUNSC\n\
        Conseil de sécurité de l'ONU\tORGANIZATION\tUNSC\n\
        ONU\tORGANIZATION\tUN\n\
        Le Caire\tLOCATION\tCairo\n\
        New York\tLOCATION\tNew York\n\
        Mali\tCOUNTRY\tMali\n";

    #[test]
    fn multiword_and_nested() {
        let m = matcher(TSV);
        assert_eq!(
            spans(&m, "le Conseil de sécurité de l’ONU à New York"),
            vec!["Conseil de sécurité", "Conseil de sécurité de l’ONU", "ONU", "New York"]
        );
    }

    #[test]
    fn accents_on_capitals_fold() {
        let m = matcher(TSV);
        assert_eq!(spans(&m, "les Etats-Unis"), vec!["Etats-Unis"]);
    }

    #[test]
    fn case_is_kept_except_headlines() {
        let m = matcher(TSV);
        assert!(spans(&m, "le mali").is_empty());
        // an ALL-CAPS word unknown as written matches caselessly (datelines: `MALI —`)
        assert_eq!(spans(&m, "Le MALI est"), vec!["MALI"]);
        assert_eq!(spans(&m, "LE MALI ET LES ÉTATS-UNIS"), vec!["MALI", "ÉTATS-UNIS"]);
    }

    #[test]
    fn article_alias() {
        let m = matcher(TSV);
        assert_eq!(spans(&m, "au Caire"), vec!["Caire"]);
        let e = m.lookup("Caire");
        assert!(e[0].has(flags::ARTICLE_DROPPED));
        assert_eq!(m.lookup("Le Caire")[0].canonical.as_ref(), "Cairo");
    }
}
