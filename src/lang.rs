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
    detect_with(doc, |i| {
        crate::normalize::lower_key_into(doc.tok_text(i), &mut lw);
        lower_bits(&lw)
    })
}

/// [`detect`] given every token's class bits in order ([`crate::recognize::words::classify`]), which the
/// recognizers compute anyway. Counted without a branch: which tokens are short function words follows
/// no pattern a CPU can predict, and the test mispredicted one time in three.
pub fn detect_from_classes(doc: &Tokenized<'_>, classes: impl Iterator<Item = u64>) -> Language {
    let (mut fr, mut en) = (0usize, 0usize);
    for (t, bits) in doc.tokens.iter().zip(classes).take(2000) {
        let counts = matches!(t.shape, Shape::Lower | Shape::Capitalized) & (t.len() <= 5);
        fr += usize::from(counts & (bits & class::FRENCH_FUNCTION != 0));
        en += usize::from(counts & (bits & class::ENGLISH_FUNCTION != 0));
    }
    if en > fr {
        Language::En
    } else {
        Language::Fr
    }
}

/// [`detect`] given each token's class bits ([`crate::recognize::words::classify`]), which the
/// recognizers compute anyway: the pipeline detects the language without a pass of its own.
pub fn detect_with(doc: &Tokenized<'_>, mut bits_of: impl FnMut(usize) -> u64) -> Language {
    let (mut fr, mut en) = (0usize, 0usize);
    for (i, t) in doc.tokens.iter().enumerate().take(2000) {
        // function words are short: the length test skips most tokens before any lookup
        if !matches!(t.shape, Shape::Lower | Shape::Capitalized) || t.len() > 5 {
            continue;
        }
        let bits = bits_of(i);
        fr += (bits & class::FRENCH_FUNCTION != 0) as usize;
        en += (bits & class::ENGLISH_FUNCTION != 0) as usize;
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

    /// Both counts agree with the branching one.
    #[test]
    fn counts_from_classes_agree() {
        let texts = ["Le ministre a dit que the minister said", "The UN and la France, de Paris à London", ""];
        for text in texts {
            let doc = tokenize(text);
            let bits: Vec<u64> =
                doc.tokens.iter().map(|t| lower_bits(&crate::normalize::lower_key(t.text(text)))).collect();
            assert_eq!(detect_from_classes(&doc, bits.iter().copied()), detect_with(&doc, |i| bits[i]), "{text}");
        }
    }

    #[test]
    fn detects() {
        let cases = [
            ("Le ministre a déclaré que la situation est grave.", Language::Fr),
            ("The minister said that the situation was serious.", Language::En),
            ("", Language::Fr),
        ];
        for (text, want) in cases {
            assert_eq!(detect(&tokenize(text)), want, "{text}");
        }
    }
}
