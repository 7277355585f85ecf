//! `--format conll`: one token per line with its BIO tag, as CoNLL-2003 readers expect (columns
//! separated by a tab):
//!
//! ```text
//! -DOCSTART-  O
//!
//! Sergueï     B-PERSON
//! Lavrov      I-PERSON
//! est         O
//! ```
//!
//! Decisions: two tab-separated columns (`token`, tag) with the full label names (`B-ORGANIZATION`, not
//! `B-ORG`) so no information is lost; every document opens with `-DOCSTART-\tO` and a blank line, as in
//! CoNLL-2003 (readers skip that line), including the first, so documents can be counted; a blank line
//! ends every sentence. Tokens are those of [`crate::tokenize`], the ones entity spans are built from, so
//! every entity starts and ends on a token boundary. A document that could not be read is an empty
//! document here (its error is on stderr and in the exit status).

use crate::Entity;
use std::io::Write;

pub const DOCSTART: &str = "-DOCSTART-\tO\n\n";

/// Appends one document: `-DOCSTART-`, then its sentences.
pub fn encode(out: &mut Vec<u8>, text: &str, entities: &[Entity]) {
    out.extend_from_slice(DOCSTART.as_bytes());
    let doc = crate::tokenize::tokenize(text);
    let mut ents = entities.iter().peekable();
    let mut sentence = None;
    for t in &doc.tokens {
        if sentence.is_some_and(|s| s != t.sentence) {
            out.push(b'\n');
        }
        sentence = Some(t.sentence);
        while ents.peek().is_some_and(|e| e.byte_end <= t.start as usize) {
            ents.next();
        }
        out.extend_from_slice(t.text(text).as_bytes());
        match ents.peek() {
            Some(e) if e.byte_start <= t.start as usize => {
                let bio = if e.byte_start == t.start as usize { 'B' } else { 'I' };
                // writing into a Vec cannot fail
                let _ = writeln!(out, "\t{bio}-{}", e.label);
            }
            _ => out.extend_from_slice(b"\tO\n"),
        }
    }
    if sentence.is_some() {
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use crate::{Extractor, ExtractorConfig};

    #[test]
    fn bio_tags_sentences_and_docstart() {
        let ex = Extractor::new(&ExtractorConfig::default()).unwrap();
        let text = "Sergueï Lavrov est arrivé à Bamako. Le Mali a accueilli M. Lavrov.";
        let doc = ex.extract(text);
        let mut out = Vec::new();
        super::encode(&mut out, text, &doc.entities);
        let s = String::from_utf8(out).unwrap();
        let want = "-DOCSTART-\tO\n\nSergueï\tB-PERSON\nLavrov\tI-PERSON\nest\tO\narrivé\tO\nà\tO\nBamako\tB-LOCATION\n.\tO\n\n\
                    Le\tO\nMali\tB-COUNTRY\na\tO\naccueilli\tO\nM.\tO\nLavrov\tB-PERSON\n.\tO\n\n";
        assert_eq!(s, want);
        let mut empty = Vec::new();
        super::encode(&mut empty, " \n", &[]);
        assert_eq!(empty, super::DOCSTART.as_bytes());
    }
}
