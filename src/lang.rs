//! Document language: French or English, decided per document by counting function words.

use crate::recognize::words::{class, lower_bits};
use crate::tokenize::{Shape, Tokenized};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Fr,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
}

/// `--lang`: a fixed language, or detection per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LangChoice {
    #[default]
    Auto,
    Fixed(Language),
}

/// The tokens that may vote: the first 2,000 (the start of a document settles its language).
const VOTERS: usize = 2000;

/// French unless English function words are more frequent. Short or empty texts default to French,
/// the reference language of the project. Only short words (5 bytes at most) in lower case or
/// capitalized vote, among the first [`VOTERS`] tokens.
pub fn detect(doc: &Tokenized<'_>) -> Language {
    let mut lw = String::new();
    let classes = doc.tokens.iter().take(VOTERS).map(|t| {
        if matches!(t.shape, Shape::Lower | Shape::Capitalized) && t.len() <= 5 {
            crate::normalize::lower_key_into(t.text(doc.text), &mut lw);
            lower_bits(&lw)
        } else {
            0
        }
    });
    detect_with(&classes.collect::<Vec<_>>(), |&c| c)
}

/// [`detect`] given every token's class bits in order ([`crate::recognize::words::classify`]), which the
/// recognizers compute anyway: the pipeline detects the language without a pass of its own. `classify`
/// gives the function-word bits only to the tokens that vote (their shape and length, functions of
/// the text, are tested once per form), so a vote is one bit per token: both counts are kept in one
/// word (French in the low half, English in the high one), with no test per token.
pub fn detect_with<T>(tokens: &[T], class: impl Fn(&T) -> u64) -> Language {
    const FR: u32 = class::FRENCH_FUNCTION.trailing_zeros();
    const EN: u32 = class::ENGLISH_FUNCTION.trailing_zeros();
    let mut counts = 0u64;
    // a slice of known length rather than an iterator cut by `take`: a loop the compiler unrolls
    for t in &tokens[..tokens.len().min(VOTERS)] {
        let bits = class(t);
        counts += (bits >> FR & 1) | (bits >> EN & 1) << 32;
    }
    let (fr, en) = (counts & u64::from(u32::MAX), counts >> 32);
    if en > fr {
        Language::En
    } else {
        Language::Fr
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    #[test]
    fn detects() {
        let cases = [
            ("Le ministre a déclaré que la situation est grave.", Language::Fr),
            ("The minister said that the situation was serious.", Language::En),
            ("", Language::Fr),
            // only short words in lower case or capitalized vote, not ALL-CAPS ones
            ("THE THE THE le", Language::Fr),
            ("The the le", Language::En),
            ("the the le le le", Language::Fr),
            ("LES LES the", Language::En),
        ];
        for (text, want) in cases {
            assert_eq!(detect(&tokenize(text)), want, "{text}");
        }
    }

    /// The pipeline's detection (the shape and length of a vote folded into the class bits, once per
    /// form) agrees with the detection from the tokens, where case and length decide the outcome.
    #[test]
    fn pipeline_votes_like_the_tokens() {
        let m = crate::gazetteer::compile(&crate::GazetteerConfig::default()).expect("built-in lists");
        let texts = [
            ("THE THE le", Language::Fr),
            ("The The le", Language::En),
            ("ÉTÉ ÉTÉ the", Language::En),
            ("Été été the", Language::Fr),
            ("L'homme l’État the", Language::Fr),
            ("QU'IL QU'ELLE the", Language::En),
            ("A A the the the", Language::En),
            ("A a à the", Language::Fr),
            ("tHE tHE le", Language::Fr),
            ("Which would These, said the le le", Language::En),
            ("", Language::Fr),
        ];
        for (text, want) in texts {
            let doc = tokenize(text);
            let ctx = crate::recognize::Ctx::new(&doc, &m, Language::Fr);
            assert_eq!(detect(&doc), want, "{text}");
            assert_eq!(detect_with(&ctx.info, |t| t.class), want, "{text}");
        }
        let long = "le la the ".repeat(1000);
        let doc = tokenize(&long);
        let ctx = crate::recognize::Ctx::new(&doc, &m, Language::Fr);
        assert_eq!(detect_with(&ctx.info, |t| t.class), detect(&doc));
    }
}
