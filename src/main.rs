//! The `ner` binary: flags → plain config → library calls → exit code. Nothing else lives here.

mod cli;

use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let config = match cli.into_config() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("ner: {e}");
            return ExitCode::from(2);
        }
    };
    if config.list_gazetteers {
        return run_list_gazetteers(&config.extractor.gazetteers);
    }
    if let Some(n) = config.threads {
        if let Err(e) = rayon::ThreadPoolBuilder::new().num_threads(n).build_global() {
            eprintln!("ner: cannot start {n} threads: {e}");
            return ExitCode::from(2);
        }
    }
    let extractor = match ner::Extractor::new(&config.extractor) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("ner: gazetteer: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(eval) = &config.eval {
        return run_eval(&extractor, eval);
    }
    if !config.explain.is_empty() {
        return run_explain(&extractor, &config.explain);
    }
    let quiet = config.quiet;
    let notes = move |msg: &str| {
        if !quiet || !msg.contains(": skipped") {
            eprintln!("ner: {msg}");
        }
    };
    let stdout = io::stdout();
    let out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match ner::batch::run(&extractor, &config.inputs, &config.batch, out, &notes) {
        Ok(summary) if summary.failed > 0 => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        // a closed pipe (`ner dir/ | head -1`) is the reader's choice, not an error
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = io::stderr().write_all(format!("ner: error writing output: {e}\n").as_bytes());
            ExitCode::from(2)
        }
    }
}

/// `--eval`: read the gold file, extract in parallel, score in the library, print here.
fn run_eval(extractor: &ner::Extractor, eval: &cli::EvalConfig) -> ExitCode {
    use ner::eval;
    let gold = match eval::read_gold(&eval.gold) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("ner: {e}");
            return ExitCode::from(2);
        }
    };
    let predicted = eval::predict(extractor, &gold);
    let scoring = eval::Scoring::new(&gold, &eval.options);
    let mut report = eval::score(&gold, &predicted, &scoring);
    if eval.show_errors {
        report.errors = Some(eval::mistakes(&gold, &predicted, &scoring));
    }
    let text = if eval.json {
        // a Report serializes with string keys only
        serde_json::to_string(&report).unwrap_or_default() + "\n"
    } else {
        report.to_string()
    };
    match io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("ner: error writing output: {e}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// `--list-gazetteers`: counts from the library, printed here.
fn run_list_gazetteers(config: &ner::GazetteerConfig) -> ExitCode {
    match ner::gazetteer::list_gazetteers(config) {
        Ok(counts) => print_or_fail(&ner::gazetteer::explain::format_list(&counts)),
        Err(e) => {
            eprintln!("ner: gazetteer: {e}");
            ExitCode::from(2)
        }
    }
}

/// `--explain FORM`: one explanation per form, separated by a blank line.
fn run_explain(extractor: &ner::Extractor, forms: &[String]) -> ExitCode {
    let text: Vec<String> = forms.iter().map(|f| ner::gazetteer::explain(extractor.matcher(), f).to_string()).collect();
    print_or_fail(&text.join("\n"))
}

fn print_or_fail(text: &str) -> ExitCode {
    match io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("ner: error writing output: {e}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}
