//! The `ner` binary: flags → plain config → library calls → exit code. Nothing else lives here.

mod cli;
mod progress;

use clap::Parser;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

/// DESIGN note: mimalloc rather than the system allocator. Every document allocates its token, id and
/// candidate vectors and frees them a few milliseconds later, on every thread; glibc's malloc spent about
/// a tenth of a folder run splitting and consolidating those chunks. Measured on a 4.4 MB French folder:
/// 237 → 225 instructions per byte, about 7 % less CPU time. Transparent huge pages are off (`no_thp`):
/// with them a two-thread folder run grew from 44 to over 90 MB resident.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    if let Some(what) = cli.generate {
        return print_or_fail(&cli::generate(what));
    }
    let config = match cli.into_config() {
        Ok(c) => c,
        Err(e) => {
            error(&e);
            return ExitCode::from(2);
        }
    };
    if config.list_gazetteers {
        return run_list_gazetteers(&config.extractor.gazetteers);
    }
    if let Some(n) = config.threads {
        if let Err(e) = rayon::ThreadPoolBuilder::new().num_threads(n).build_global() {
            error(&format!("cannot start {n} threads: {e}"));
            return ExitCode::from(2);
        }
    }
    let extractor = match ner::Extractor::new(&config.extractor) {
        Ok(x) => x,
        Err(e) => {
            error(&format!("gazetteer: {e}"));
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
    // a bar only for folders, only on a terminal, and not when the output itself scrolls on that terminal
    let bar = (config.has_directory && !quiet && io::stderr().is_terminal() && !io::stdout().is_terminal())
        .then(|| progress::Bar::start(&config.inputs, color()));
    let notes = |msg: &str| {
        let skipped = msg.contains(": skipped");
        if quiet && skipped {
            return;
        }
        let line = if skipped { note_line(msg) } else { error_line(msg) };
        let write = || {
            let _ = io::stderr().write_all(line.as_bytes());
        };
        match &bar {
            Some(b) => b.suspend(write),
            None => write(),
        }
    };
    let on_step = |step: ner::batch::Step| {
        if let Some(b) = &bar {
            b.step(step);
        }
    };
    let stdout = io::stdout();
    let out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = ner::batch::run_observed(&extractor, &config.inputs, &config.batch, out, &notes, &on_step);
    // the process is ending: freeing the gazetteer's decoded entries one by one would only cost time
    std::mem::forget(extractor);
    if let Some(b) = &bar {
        b.finish();
    }
    match result {
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
            error(&e.to_string());
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
            error(&format!("error writing output: {e}"));
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
            error(&format!("gazetteer: {e}"));
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
            error(&format!("error writing output: {e}"));
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// Colour on stderr: only on a terminal, and never when `NO_COLOR` is set to anything (no-color.org).
fn color() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `ner: message`, the `ner:` in bold red on a colour terminal.
fn error_line(msg: &str) -> String {
    if color() {
        format!("\x1b[1;31mner:\x1b[0m {msg}\n")
    } else {
        format!("ner: {msg}\n")
    }
}

/// A note (a skipped file): `ner:` in yellow on a colour terminal.
fn note_line(msg: &str) -> String {
    if color() {
        format!("\x1b[33mner:\x1b[0m {msg}\n")
    } else {
        format!("ner: {msg}\n")
    }
}

/// Reports an error on stderr in one line.
fn error(msg: &str) {
    let _ = io::stderr().write_all(error_line(msg).as_bytes());
}
