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

/// French unless English function words are more frequent. Short or empty texts default to French,
/// the reference language of the project.
pub fn detect(doc: &Tokenized<'_>) -> Language {
    let mut lw = String::new();
    let classes = doc.tokens.iter().map(|t| {
        crate::normalize::lower_key_into(t.text(doc.text), &mut lw);
        lower_bits(&lw)
    });
    detect_with(doc, classes)
}

/// [`detect`] given every token's class bits in order ([`crate::recognize::words::classify`]), which the
/// recognizers compute anyway: the pipeline detects the language without a pass of its own. Only short
/// words in lower case or capitalized vote, among the first 2,000 tokens; counted without a branch, as
/// which tokens those are follows no pattern a CPU can predict (the test mispredicted one time in three).
pub fn detect_with(doc: &Tokenized<'_>, classes: impl Iterator<Item = u64>) -> Language {
    let (mut fr, mut en) = (0usize, 0usize);
    for (t, bits) in doc.tokens.iter().zip(classes).take(2000) {
        let votes = matches!(t.shape, Shape::Lower | Shape::Capitalized) & (t.len() <= 5);
        fr += usize::from(votes & (bits & class::FRENCH_FUNCTION != 0));
        en += usize::from(votes & (bits & class::ENGLISH_FUNCTION != 0));
    }
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
}
