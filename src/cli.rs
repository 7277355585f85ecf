//! Command-line flags. clap stays here: the library only ever sees the plain configuration built by
//! [`Cli::into_config`].

use clap::{CommandFactory, Parser, ValueEnum};
use ner::batch::{BatchConfig, Input, InputFormat};
use ner::emit::{Encoder, Format};
use ner::{ExtractorConfig, GazetteerConfig, LabelSet, LangChoice, Language};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "ner",
    version,
    about = "Extract people, countries, organizations and places from French and English news text.",
    after_help = AFTER_HELP
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

    /// Add each document's distinct entities with mention counts and canonical names: a `summary` field
    /// in JSON, one row per referent in TSV (the HTML page always shows it).
    #[arg(long)]
    pub summary: bool,

    /// No notes and no progress bar on stderr (errors are still reported).
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

    /// Print the man page (`man`) or a shell completion script (bash, zsh, fish, elvish, powershell) made
    /// from these very flags, then exit. The committed copies under `docs/` come from here.
    #[arg(long, value_name = "WHAT", hide = true, conflicts_with_all = ["paths", "eval", "list_gazetteers", "explain"])]
    pub generate: Option<Generate>,
}

/// The examples of `ner --help` (and of the man page).
const AFTER_HELP: &str = "\
Examples:
  ner article.txt                          one file, one JSON line
  curl -s URL | ner --pretty               standard input is one document
  ner corpus/ > entities.jsonl             a folder: recursive, parallel, sorted, progress bar on a terminal
  ner --input-format jsonl < docs.jsonl    one {\"id\",\"text\"} object per line (pipelines, clusters)
  ner --labels PERSON,ORGANIZATION a.txt   only some labels
  ner --summary a.txt | jq .summary        who is in this article, with mention counts
  ner --format html corpus/ > page.html    a page with the entities highlighted, one section per file
  ner --format tsv corpus/ > sheet.tsv     one entity per row, for spreadsheets
  ner --format conll a.txt                 token-per-line BIO tags, CoNLL-2003 style
  ner --gazetteer mine.tsv a.txt           add your own names (`name<TAB>label` is enough); yours win
  ner --eval gold.jsonl                    precision, recall and F1 against annotated documents

Exit status: 0 all inputs processed, 1 some inputs failed (each reported), 2 usage or fatal error.
Colours only on a terminal, never when NO_COLOR is set.";

/// What `--generate` prints.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Generate {
    Man,
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
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
    /// one JSON object per document and line
    Jsonl,
    /// one JSON array, indented
    Json,
    /// token-per-line BIO tags, `-DOCSTART-` between documents
    Conll,
    /// one entity per row, with a header
    Tsv,
    /// one self-contained page with the entities highlighted
    Html,
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
    /// A directory is among the inputs (a progress bar is worth showing).
    pub has_directory: bool,
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
        if self.summary && matches!(self.format, FormatArg::Conll) {
            return Err("--summary has no place in --format conll (try jsonl, json, tsv or html)".into());
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
        let has_directory = self.paths.iter().any(|p| p.is_dir());
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
                encoder: Encoder {
                    format: match self.format {
                        FormatArg::Jsonl => Format::Jsonl,
                        FormatArg::Json => Format::Json,
                        FormatArg::Conll => Format::Conll,
                        FormatArg::Tsv => Format::Tsv,
                        FormatArg::Html => Format::Html,
                    },
                    pretty: self.pretty,
                    summary: self.summary,
                },
            },
            inputs,
            threads: self.threads,
            quiet: self.quiet,
            eval,
            list_gazetteers: self.list_gazetteers,
            explain: self.explain,
            has_directory,
        })
    }
}

/// The text `--generate` prints: the man page or a completion script, from the clap definition above.
pub fn generate(what: Generate) -> String {
    use clap_complete::Shell;
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    let shell = match what {
        Generate::Man => {
            // rendering into a Vec cannot fail
            let _ = clap_mangen::Man::new(cmd).render(&mut out);
            return String::from_utf8_lossy(&out).into_owned();
        }
        Generate::Bash => Shell::Bash,
        Generate::Zsh => Shell::Zsh,
        Generate::Fish => Shell::Fish,
        Generate::Elvish => Shell::Elvish,
        Generate::Powershell => Shell::PowerShell,
    };
    clap_complete::generate(shell, &mut cmd, "ner", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}
