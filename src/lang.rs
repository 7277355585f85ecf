//! Document language: French or English, decided per document by counting function words.

use crate::recognize::words::{english_function_word, french_function_word};
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
    let (mut fr, mut en) = (0usize, 0usize);
    for t in doc.tokens.iter().take(2000) {
        if !matches!(t.shape, Shape::Lower | Shape::Capitalized) {
            continue;
        }
        let w = t.text(doc.text);
        if w.len() > 5 {
            continue;
        }
        let lw = crate::normalize::lower_key(w);
        fr += french_function_word(&lw) as usize;
        en += english_function_word(&lw) as usize;
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
        ];
        for (text, want) in cases {
            assert_eq!(detect(&tokenize(text)), want, "{text}");
        }
    }
}
