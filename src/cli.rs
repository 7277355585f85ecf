//! Command-line flags. clap stays here: the library only ever sees the plain configuration built by
//! [`Cli::into_config`].

use clap::{Parser, ValueEnum};
use ner::batch::{BatchConfig, Input, InputFormat};
use ner::emit::Format;
use ner::{ExtractorConfig, GazetteerConfig, LabelSet, LangChoice, Language};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "ner",
    version,
    about = "Extract people, countries, organizations and places from French and English news text.",
    after_help = "Examples:\n  \
        ner article.txt                          one file, one JSON line\n  \
        curl -s URL | ner --pretty               standard input\n  \
        ner corpus/ > entities.jsonl             a folder, recursively, in parallel, sorted\n  \
        ner --input-format jsonl < docs.jsonl    one {\"id\",\"text\"} object per line\n  \
        ner --labels PERSON,ORGANIZATION a.txt   only some labels\n\n\
        Exit status: 0 all inputs processed, 1 some inputs failed (each reported), 2 usage or fatal error."
)]
pub struct Cli {
    /// Files or directories to read; none, or `-`, reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How input becomes documents.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Text)]
    pub input_format: InputFormatArg,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Jsonl)]
    pub format: FormatArg,

    /// Labels to report, comma separated (PERSON,COUNTRY,ORGANIZATION,LOCATION).
    #[arg(long, value_name = "LABELS")]
    pub labels: Option<String>,

    /// Document language; `auto` detects French or English per document.
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,

    /// An extra gazetteer (TSV, DESIGN §6 format or `name<TAB>label`); repeatable. Its rows win.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteers: Vec<PathBuf>,

    /// Do not load the built-in entity lists (only --gazetteer files and the rules' word lists).
    #[arg(long)]
    pub no_builtin_gazetteers: bool,

    /// Worker threads (default: all cores).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    pub threads: Option<usize>,

    /// Pretty-print JSON.
    #[arg(long)]
    pub pretty: bool,

    /// No notes on stderr (errors are still reported).
    #[arg(short, long)]
    pub quiet: bool,

    /// Evaluation mode: run over the texts of a gold JSONL file ({"id","text","entities"} per line) and
    /// print precision, recall and F1 per label, as ../shared/tools/score.py and docscore.py would.
    #[arg(long, value_name = "GOLD.jsonl", conflicts_with = "paths")]
    pub eval: Option<PathBuf>,

    /// With --eval: label renames applied to gold and predictions, e.g. COUNTRY=LOC,LOCATION=LOC.
    /// (PERSON→PER, LOCATION/COUNTRY/GPE→LOC, ORGANIZATION→ORG are built in when the gold labels are
    /// PER/LOC/ORG style.)
    #[arg(long, value_name = "FROM=TO,...", requires = "eval")]
    pub map: Option<String>,

    /// With --eval: the labels scored, after mapping (default: every gold label except MISC).
    #[arg(long, value_name = "LABELS", requires = "eval")]
    pub eval_labels: Option<String>,

    /// With --eval: list every false positive and miss, with context.
    #[arg(long, requires = "eval")]
    pub show_errors: bool,

    /// With --eval: print the result as one JSON object.
    #[arg(long, requires = "eval")]
    pub eval_json: bool,

    /// List the compiled gazetteers: rows and distinct canonical names per list, label, lang and source
    /// (with any --gazetteer files), then exit.
    #[arg(long, conflicts_with_all = ["paths", "eval"])]
    pub list_gazetteers: bool,

    /// Explain a surface form: its normalized key, every gazetteer entry it matches (label, canonical,
    /// kb_id, flags, list and line) and whether it is a given-name, title or demonym cue; repeatable.
    #[arg(long, value_name = "FORM", conflicts_with_all = ["paths", "eval", "list_gazetteers"])]
    pub explain: Vec<String>,
}

/// What `--eval` needs, free of clap.
pub struct EvalConfig {
    pub gold: PathBuf,
    pub options: ner::eval::EvalOptions,
    pub show_errors: bool,
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InputFormatArg {
    Text,
    Lines,
    Jsonl,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Jsonl,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Auto,
    Fr,
    En,
}

/// Everything the run needs, free of clap.
pub struct Config {
    pub extractor: ExtractorConfig,
    pub batch: BatchConfig,
    pub inputs: Vec<Input>,
    pub threads: Option<usize>,
    pub quiet: bool,
    pub eval: Option<EvalConfig>,
    /// `--list-gazetteers`
    pub list_gazetteers: bool,
    /// `--explain FORM`, in the order given
    pub explain: Vec<String>,
}

impl Cli {
    pub fn into_config(self) -> Result<Config, String> {
        let labels = match &self.labels {
            Some(s) => s.parse::<LabelSet>().map_err(|e| format!("--labels: {e}"))?,
            None => LabelSet::all(),
        };
        if self.threads == Some(0) {
            return Err("--threads must be at least 1".into());
        }
        let eval = match self.eval {
            Some(gold) => Some(EvalConfig {
                gold,
                options: ner::eval::EvalOptions {
                    map: self.map.as_deref().map(ner::eval::parse_map).transpose().map_err(|e| e.to_string())?,
                    labels: self
                        .eval_labels
                        .as_deref()
                        .map(ner::eval::parse_labels)
                        .transpose()
                        .map_err(|e| format!("--eval-labels: {e}"))?,
                },
                show_errors: self.show_errors,
                json: self.eval_json,
            }),
            None => None,
        };
        let inputs = if self.paths.is_empty() {
            vec![Input::Stdin]
        } else {
            self.paths.into_iter().map(|p| if p.as_os_str() == "-" { Input::Stdin } else { Input::Path(p) }).collect()
        };
        Ok(Config {
            extractor: ExtractorConfig {
                gazetteers: GazetteerConfig { user_files: self.gazetteers, no_builtin: self.no_builtin_gazetteers },
                labels,
                lang: match self.lang {
                    LangArg::Auto => LangChoice::Auto,
                    LangArg::Fr => LangChoice::Fixed(Language::Fr),
                    LangArg::En => LangChoice::Fixed(Language::En),
                },
            },
            batch: BatchConfig {
                input_format: match self.input_format {
                    InputFormatArg::Text => InputFormat::Text,
                    InputFormatArg::Lines => InputFormat::Lines,
                    InputFormatArg::Jsonl => InputFormat::Jsonl,
                },
                format: match self.format {
                    FormatArg::Jsonl => Format::Jsonl,
                    FormatArg::Json => Format::Json,
                },
                pretty: self.pretty,
            },
            inputs,
            threads: self.threads,
            quiet: self.quiet,
            eval,
            list_gazetteers: self.list_gazetteers,
            explain: self.explain,
        })
    }
}
