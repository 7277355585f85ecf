//! The progress bar of folder runs: files, megabytes and entities done, with an ETA by bytes.
//!
//! Decisions: shown only when a directory is among the inputs, stderr is a terminal, stdout is not (the
//! output would scroll through it) and `--quiet` is not given; otherwise nothing at all is drawn. The
//! totals come from a walk of the same inputs in a background thread (metadata only, no file is read),
//! so the bar starts at once and its total fills in while the extraction runs; the ETA is by bytes, which
//! tracks the work better than file counts on folders of mixed sizes. When the run ends the bar is
//! replaced by one summary line, as cargo leaves its `Finished` line.

use indicatif::{HumanCount, HumanDuration, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use ner::batch::{Input, Step};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

pub struct Bar {
    bar: ProgressBar,
    files_total: Arc<AtomicUsize>,
    counted: Arc<AtomicBool>,
    files: AtomicUsize,
    entities: AtomicUsize,
    started: Instant,
}

impl Bar {
    /// Draws the bar on stderr and starts counting the inputs in the background.
    pub fn start(inputs: &[Input], color: bool) -> Bar {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr_with_hz(10));
        let template = if color {
            "{spinner:.cyan} [{elapsed_precise}] [{bar:30.cyan/blue}] {msg} · ETA {eta}"
        } else {
            "{spinner} [{elapsed_precise}] [{bar:30}] {msg} · ETA {eta}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            // no estimate before the first file is done (indicatif would say 0s)
            let eta = |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = match state.pos() {
                    0 => w.write_str("…"),
                    _ => write!(w, "{}", HumanDuration(state.eta())),
                };
            };
            bar.set_style(style.progress_chars("=> ").with_key("eta", eta));
        }
        let files_total = Arc::new(AtomicUsize::new(0));
        let counted = Arc::new(AtomicBool::new(false));
        let (b, total, done, inputs) = (bar.clone(), files_total.clone(), counted.clone(), inputs.to_vec());
        // a thread of its own: a slow or huge tree must not delay the first results
        std::thread::spawn(move || {
            ner::batch::survey(&inputs, &mut |bytes| {
                total.fetch_add(1, Ordering::Relaxed);
                b.inc_length(bytes);
            });
            done.store(true, Ordering::Relaxed);
        });
        let me = Bar {
            bar,
            files_total,
            counted,
            files: AtomicUsize::new(0),
            entities: AtomicUsize::new(0),
            started: Instant::now(),
        };
        me.bar.set_message(me.message());
        me.bar.enable_steady_tick(std::time::Duration::from_millis(100));
        me
    }

    fn message(&self) -> String {
        let files = self.files.load(Ordering::Relaxed);
        let total = self.files_total.load(Ordering::Relaxed);
        let more = if self.counted.load(Ordering::Relaxed) { "" } else { "+" };
        let mb = |b: u64| b as f64 / 1e6;
        format!(
            "{files}/{total}{more} files · {:.1}/{:.1}{more} MB · {} entities",
            mb(self.bar.position()),
            mb(self.bar.length().unwrap_or(0)),
            HumanCount(self.entities.load(Ordering::Relaxed) as u64)
        )
    }

    /// Records written: advance the bar.
    pub fn step(&self, step: Step) {
        self.files.fetch_add(step.inputs, Ordering::Relaxed);
        self.entities.fetch_add(step.entities, Ordering::Relaxed);
        self.bar.inc(step.bytes);
        self.bar.set_message(self.message());
    }

    /// Prints above the bar (notes and errors) without garbling it.
    pub fn suspend<F: FnOnce()>(&self, f: F) {
        self.bar.suspend(f)
    }

    /// Replaces the bar by a summary line.
    pub fn finish(&self) {
        let secs = self.started.elapsed().as_secs_f64();
        let files = self.files.load(Ordering::Relaxed);
        let mb = self.bar.position() as f64 / 1e6;
        let entities = HumanCount(self.entities.load(Ordering::Relaxed) as u64);
        if let Ok(style) = ProgressStyle::with_template("{msg}") {
            self.bar.set_style(style);
        }
        self.bar.finish_with_message(format!(
            "done: {files} files · {mb:.1} MB · {entities} entities in {secs:.1} s ({:.1} MB/s)",
            if secs > 0.0 { mb / secs } else { 0.0 }
        ));
    }
}
