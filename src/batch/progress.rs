//! What a batch tells the person or the job log watching it.
//!
//! On a terminal (stderr is a TTY, no `--quiet`): two progress bars,
//! documents (with rate and ETA) and pages (with rate), and a line for each
//! failure. Otherwise: log lines through `tracing`, as text or JSON
//! (`--log-format json`), one per document; `--quiet` keeps only failures
//! and the summary's warnings. `RUST_LOG` overrides the level.

use super::manifest::{Record, Status};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// Log line format when stderr is not a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// Set up logging (once per process; later calls keep the first setup).
pub fn init_logging(format: LogFormat, quiet: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(if quiet { "warn" } else { "info" }));
    let b = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    let _ = match format {
        LogFormat::Text => b.with_ansi(std::io::stderr().is_terminal()).try_init(),
        LogFormat::Json => b.json().flatten_event(true).try_init(),
    };
}

/// Progress bars or log lines.
pub struct Reporter {
    bars: Option<(MultiProgress, ProgressBar, ProgressBar)>,
}

impl Reporter {
    /// Bars when `interactive` (and stderr is a terminal), log lines
    /// otherwise.
    pub fn new(total_docs: usize, interactive: bool) -> Self {
        if !(interactive && std::io::stderr().is_terminal()) {
            return Reporter { bars: None };
        }
        let mp = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let docs = mp.add(ProgressBar::new(total_docs as u64));
        docs.set_style(
            ProgressStyle::with_template(
                "{bar:30.cyan/blue} {pos}/{len} documents  {rate}  {elapsed_precise} ETA {eta}  {msg}",
            )
            .expect("valid template")
            .with_key("rate", rate)
            .progress_chars("=> "),
        );
        let pages = mp.add(ProgressBar::no_length());
        pages.set_style(
            ProgressStyle::with_template("{spinner} {pos} pages  {rate}")
                .expect("valid template")
                .with_key("rate", rate),
        );
        docs.enable_steady_tick(Duration::from_millis(200));
        pages.enable_steady_tick(Duration::from_millis(200));
        Reporter {
            bars: Some((mp, docs, pages)),
        }
    }

    /// A page finished.
    pub fn page(&self) {
        if let Some((_, _, p)) = &self.bars {
            p.inc(1);
        }
    }

    /// A document finished (or failed, or was skipped).
    pub fn document(&self, r: &Record) {
        match &self.bars {
            Some((mp, docs, pages)) => {
                if r.status == Status::Failed {
                    let _ = mp.println(format!(
                        "failed: {}: {}",
                        super::escape(&r.path),
                        super::escape(r.reason.as_deref().unwrap_or(""))
                    ));
                }
                if r.status == Status::Skipped {
                    pages.inc(r.pages.unwrap_or(0) as u64);
                }
                docs.inc(1);
            }
            None => match r.status {
                Status::Ok => tracing::info!(
                    path = %super::escape(&r.path),
                    status = "ok",
                    pages = r.pages.unwrap_or(0),
                    seconds = round2(r.seconds),
                    corrections = r.corrections.unwrap_or(0),
                    warnings = r.warnings.unwrap_or(0),
                    "done"
                ),
                Status::Skipped => tracing::info!(
                    path = %super::escape(&r.path),
                    status = "skipped",
                    reason = r.reason.as_deref().unwrap_or(""),
                    "skipped"
                ),
                Status::Failed => tracing::warn!(
                    path = %super::escape(&r.path),
                    status = "failed",
                    reason = r.reason.as_deref().unwrap_or(""),
                    "failed"
                ),
            },
        }
    }

    /// A note that should not break the bars.
    pub fn note(&self, msg: &str) {
        match &self.bars {
            Some((mp, _, _)) => {
                let _ = mp.println(msg);
            }
            None => tracing::info!("{msg}"),
        }
    }

    /// Remove the bars.
    pub fn finish(&self) {
        if let Some((mp, docs, pages)) = &self.bars {
            docs.finish_and_clear();
            pages.finish_and_clear();
            let _ = mp.clear();
        }
    }

    pub fn has_bars(&self) -> bool {
        self.bars.is_some()
    }
}

/// "12.3/s".
fn rate(state: &ProgressState, w: &mut dyn std::fmt::Write) {
    let _ = write!(w, "{:.1}/s", state.per_sec());
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
