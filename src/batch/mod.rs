//! Batch runs: many inputs into an output folder with a manifest
//! (`paragraf run`), and `paragraf manifest merge` for sharded runs.
//!
//! One job per module: [`discover`] (walk, globs, output names, shards),
//! [`resume`] (skip done work, clean up after killed runs), [`manifest`]
//! (JSONL records, merge), [`progress`] (bars or log lines), [`config`]
//! (TOML). This file wires them together.
//!
//! Documents are processed in [`worker`] processes, so that no input can
//! take the batch down (a crash, a hang or a memory blow-up fails that one
//! document). `--jobs` is shared out: as many workers as there are jobs
//! (fewer when there are fewer documents), each with its share of threads
//! for the pages of its document, largest files first, so many one-page
//! documents and one long document both keep every core busy, with one OCR
//! engine per thread. Each document is written (atomically) as soon as it is done and
//! then dropped, so memory does not grow with the number of documents.
//!
//! One run at a time per output folder (and shard): [`lock`].
//!
//! Exit codes: 0 all succeeded (or were up to date), 1 some failed, 2
//! usage or configuration error, 130 interrupted by SIGINT (Ctrl-C), 143
//! by SIGTERM.

pub mod config;
pub mod discover;
pub mod lock;
pub mod manifest;
pub mod progress;
pub mod resume;
pub mod worker;

use crate::cancel::CancelToken;
use crate::cli::{report, write_atomic, AtomicWriter};
pub use crate::error::{EXIT_FAILED, EXIT_OK, EXIT_SIGINT, EXIT_SIGPIPE, EXIT_SIGTERM, EXIT_USAGE};
use crate::ingest::sha256_hex;
use crate::pipeline::{Pipeline, Settings};
use crate::Error;
use discover::{Filter, Item, Shard};
use manifest::{Record, Status};
use progress::{LogFormat, Reporter};
use std::collections::HashSet;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use worker::{Outcome, Worker, WorkerConfig, WorkerLimits};

/// Where documents go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// One pretty JSON file per document in `--out`.
    #[default]
    Json,
    /// One compact JSON document per line on stdout (and the files too when
    /// `--out` is given).
    Jsonl,
}

/// Arguments of `paragraf run`.
#[derive(Debug, Clone, clap::Args)]
pub struct RunArgs {
    /// Files and folders to process (folders recursively, in name order,
    /// skipping hidden entries).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output folder: DIR/PATH.json per document (PATH relative to its
    /// input folder) and DIR/manifest.jsonl. Optional with --format jsonl.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Only files whose relative path or name matches (e.g. "*.pdf");
    /// repeatable. Files given directly are always taken.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip files and folders whose relative path or name matches;
    /// repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Also write the repaired text as DIR/PATH.txt.
    #[arg(long)]
    pub text: bool,
    /// Also write ALTO 4.4 XML as DIR/PATH.alto.xml.
    #[arg(long)]
    pub alto: bool,
    /// Also write a searchable PDF (the page images with the repaired text
    /// as an invisible layer) as DIR/PATH.pdf.
    #[arg(long)]
    pub pdf: bool,
    #[command(flatten)]
    pub jobs: Jobs,
    /// json: files in --out; jsonl: one document per line on stdout.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Log lines (when stderr is not a terminal) as text or JSON.
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// No progress bar, no per-document lines: only failures.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Process every input again, even when its output is up to date.
    #[arg(long)]
    pub force: bool,
    /// Process only share K of N (K = 0..N-1), for N machines writing into
    /// one shared --out; then `paragraf manifest merge DIR`.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Refuse input files larger than this many megabytes.
    #[arg(long, default_value_t = crate::ingest::DEFAULT_MAX_FILE_MB, value_name = "MB")]
    pub max_file_size: u64,
    /// Read options from a TOML file (keys: long option names, and
    /// `inputs`); command-line flags win.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub worker: WorkerLimits,
    #[command(flatten)]
    pub settings: Settings,
}

/// `--jobs`, declared once for `extract` and `run`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::Args)]
pub struct Jobs {
    /// Worker threads shared by documents and pages [default: all cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub jobs: Option<u32>,
}

impl Jobs {
    /// The number of threads to use (see [`jobs`]).
    pub fn resolve(self) -> usize {
        jobs(self.jobs.map(|j| j as usize))
    }
}

/// `paragraf manifest ...`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum ManifestCommand {
    /// Combine the shard manifests DIR/manifest.K-of-N.jsonl into
    /// DIR/manifest.jsonl (deduplicated and sorted by path).
    Merge {
        /// The shared output folder of the shards.
        dir: PathBuf,
        /// Write the merged manifest here instead.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// Run `paragraf manifest ...`; returns the exit code (1 when a shard's
/// manifest is missing or some inputs failed).
pub fn manifest_command(cmd: ManifestCommand) -> i32 {
    match cmd {
        ManifestCommand::Merge { dir, output } => match manifest::merge(&dir, output.as_deref()) {
            Err(e) => report(&e),
            Ok(m) => {
                for f in &m.missing {
                    eprintln!("paragraf: warning: {f} is missing: that shard has not finished");
                }
                eprintln!(
                    "paragraf: merged {} inputs ({} failed, {} found in more than one shard)",
                    m.records, m.failed, m.duplicates
                );
                if m.missing.is_empty() && m.failed == 0 {
                    EXIT_OK
                } else {
                    EXIT_FAILED
                }
            }
        },
    }
}

/// Run a batch; returns the exit code.
pub fn run(args: RunArgs) -> i32 {
    let args = match &args.config {
        None => args,
        Some(cfg) => match config::apply(cfg, &argv_after_run()) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("paragraf: {}", e.to_string().trim_end());
                return e.exit_code();
            }
        },
    };
    progress::init_logging(args.log_format, args.quiet);
    let batch = match Batch::prepare(args) {
        Ok(b) => b,
        Err(e) => return report(&e),
    };
    batch.execute()
}

/// The process arguments after the `run` subcommand.
fn argv_after_run() -> Vec<OsString> {
    std::env::args_os()
        .skip(1)
        .skip_while(|a| a != "run")
        .skip(1)
        .collect()
}

/// `--jobs` above this many per core is clamped (each job is a thread and
/// its OCR engine; thousands would only exhaust memory).
pub const MAX_JOBS_PER_CORE: usize = 4;

/// The number of jobs to use for `requested` (None: all cores), clamped to
/// [`MAX_JOBS_PER_CORE`] per core with a note on stderr.
pub fn jobs(requested: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let max = cores * MAX_JOBS_PER_CORE;
    match requested {
        None | Some(0) => cores,
        Some(j) if j > max => {
            eprintln!(
                "paragraf: note: --jobs {j} is more than {MAX_JOBS_PER_CORE} per core on {cores} cores; using {max}"
            );
            max
        }
        Some(j) => j,
    }
}

/// A batch ready to go: settings checked, inputs found, output folder locked.
struct Batch {
    args: RunArgs,
    pipeline: Pipeline,
    jobs: usize,
    items: Vec<Item>,
    _lock: Option<lock::Lock>,
    /// Stops the batch: set by the signal handler and by a closed stdout.
    cancel: CancelToken,
}

/// Which signal stopped the batch (0: none).
static SIGNAL: AtomicI32 = AtomicI32::new(0);

impl Batch {
    fn prepare(args: RunArgs) -> Result<Self, Error> {
        if args.inputs.is_empty() {
            return Err(Error::Usage(
                "run: no INPUT given (on the command line or as `inputs` in --config)".into(),
            ));
        }
        if args.out.is_none() && args.format == Format::Json {
            return Err(Error::Usage(
                "run: --out DIR is required (unless --format jsonl)".into(),
            ));
        }
        if args.out.is_none() && (args.alto || args.pdf) {
            return Err(Error::Usage(
                "run: --alto and --pdf write into --out DIR: give one".into(),
            ));
        }
        args.worker.validate()?;
        let filter = Filter::new(&args.include, &args.exclude)?;
        let pipeline = Pipeline::new(args.settings.clone())?;
        let jobs = args.jobs.resolve();
        let mut lock = None;
        if let Some(out) = &args.out {
            std::fs::create_dir_all(out).map_err(|source| Error::CreateOutput {
                path: out.clone(),
                source,
            })?;
            lock = Some(lock::Lock::acquire(out, args.shard)?);
        }
        let mut items = discover::discover(&args.inputs, &filter, args.out.as_deref());
        if let Some(s) = args.shard {
            items.retain(|it| s.owns(&it.key));
        }
        let needs_ocr = items.iter().any(|it| {
            let ext = it
                .file
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            !matches!(ext.as_deref(), Some("txt" | "text"))
        });
        if needs_ocr && args.settings.ocr != crate::ingest::OcrMode::Never {
            pipeline.check_ocr()?;
        }
        Ok(Batch {
            args,
            pipeline,
            jobs,
            items,
            _lock: lock,
            cancel: CancelToken::new(),
        })
    }

    fn execute(self) -> i32 {
        let started = Instant::now();
        let out = self.args.out.clone();
        let manifest_name = manifest::file_name(self.args.shard);
        if let Some(out) = &out {
            let mut owned: HashSet<String> = HashSet::new();
            for it in &self.items {
                owned.insert(it.output());
                owned.insert(it.text_output());
            }
            owned.insert(manifest_name.clone());
            let n = resume::clean_temporaries(out, &owned);
            if n > 0 {
                tracing::info!("removed {n} temporary files left by an interrupted run");
            }
        }
        let records: Arc<Mutex<Vec<Record>>> =
            Arc::new(Mutex::new(Vec::with_capacity(self.items.len())));
        let manifest_path = out.as_ref().map(|o| o.join(&manifest_name));
        install_signal_handler(
            self.cancel.clone(),
            Emergency {
                records: Arc::clone(&records),
                items: self
                    .items
                    .iter()
                    .map(|it| (it.key.clone(), it.file.to_string_lossy().into_owned()))
                    .collect(),
                manifest: manifest_path.clone(),
            },
        );
        // Workers: one per job, or per document when there are fewer; each
        // gets its share of the jobs for the pages of its document (one OCR
        // engine per thread: a thread more per worker costs an engine load).
        let slots = self.jobs.min(self.items.len()).max(1);
        let threads = (self.jobs / slots).max(1);
        // Largest files first (longest-processing-time-first): the batch
        // does not end on one big document started last.
        let mut order: Vec<(u64, usize)> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| (std::fs::metadata(&it.file).map_or(0, |m| m.len()), i))
            .collect();
        order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let reporter = Reporter::new(self.items.len(), !self.args.quiet);
        if !reporter.has_bars() {
            tracing::info!(
                inputs = self.items.len(),
                jobs = self.jobs,
                workers = slots,
                shard = %self.args.shard.map(|s| s.to_string()).unwrap_or_else(|| "-".into()),
                "starting"
            );
        }
        let stdout = Mutex::new(std::io::stdout());
        let stdout_broken = AtomicBool::new(false);
        let ctx = Ctx {
            args: &self.args,
            pipeline: &self.pipeline,
            reporter: &reporter,
            stdout: &stdout,
            stdout_broken: &stdout_broken,
            cancel: &self.cancel,
            worker_config: WorkerConfig {
                settings: self.args.settings.clone(),
                threads,
                max_file_bytes: self.args.max_file_size.saturating_mul(1_000_000),
                pretty: out.is_some(),
                compact: self.args.format == Format::Jsonl,
                text: self.args.text && out.is_some(),
                archive: crate::output::Targets {
                    alto: self.args.alto && out.is_some(),
                    pdf: self.args.pdf && out.is_some(),
                },
            },
        };
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..slots {
                scope.spawn(|| {
                    let mut worker: Option<Worker> = None;
                    loop {
                        let n = next.fetch_add(1, Ordering::SeqCst);
                        let Some(&(_, i)) = order.get(n) else { break };
                        let item = &self.items[i];
                        let rec = ctx.one(item, &mut worker);
                        reporter.document(&rec);
                        records.lock().unwrap_or_else(|e| e.into_inner()).push(rec);
                    }
                });
            }
        });
        reporter.finish();
        let _guard = MANIFEST_WRITE.lock().unwrap_or_else(|e| e.into_inner());
        let records = std::mem::take(&mut *records.lock().unwrap_or_else(|e| e.into_inner()));
        let broken = stdout_broken.load(Ordering::Relaxed);
        finish(records, manifest_path.as_deref(), started, broken)
    }
}

/// The end of a run: write the manifest, log the summary, and say how it
/// went as an exit code (SIGPIPE's when stdout was closed under it, a
/// signal's own code when one stopped the run).
fn finish(
    mut records: Vec<Record>,
    manifest_path: Option<&Path>,
    started: Instant,
    stdout_broken: bool,
) -> i32 {
    let count = |s: Status| records.iter().filter(|r| r.status == s).count();
    let (ok, skipped, failed) = (
        count(Status::Ok),
        count(Status::Skipped),
        count(Status::Failed),
    );
    let pages: usize = records
        .iter()
        .filter(|r| r.status == Status::Ok)
        .filter_map(|r| r.pages)
        .sum();
    let mut code = if failed > 0 { EXIT_FAILED } else { EXIT_OK };
    if let Some(path) = manifest_path {
        if let Err(e) = manifest::write(path, &mut records) {
            code = report(&e);
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let summary = format!(
        "{} inputs: {ok} ok, {skipped} up to date, {failed} failed; {pages} pages in {secs:.1} s",
        records.len()
    );
    if failed > 0 {
        tracing::warn!("{summary}");
    } else {
        tracing::info!("{summary}");
    }
    if stdout_broken {
        // The reader went away (`| head`): the shell's code for SIGPIPE.
        code = EXIT_SIGPIPE;
    }
    match SIGNAL.load(Ordering::Relaxed) {
        0 => code,
        s if s == signal_hook::consts::SIGTERM => EXIT_SIGTERM,
        _ => EXIT_SIGINT,
    }
}

/// What processing one item needs.
struct Ctx<'a> {
    args: &'a RunArgs,
    pipeline: &'a Pipeline,
    reporter: &'a Reporter,
    stdout: &'a Mutex<std::io::Stdout>,
    stdout_broken: &'a AtomicBool,
    cancel: &'a CancelToken,
    worker_config: WorkerConfig,
}

impl Ctx<'_> {
    /// Process (or skip) one input and say what happened. `worker` is this
    /// slot's worker process, started when first needed and dropped when
    /// it dies.
    fn one(&self, item: &Item, worker: &mut Option<Worker>) -> Record {
        let started = Instant::now();
        let mut rec = Record::new(
            item.key.clone(),
            item.file.to_string_lossy().into_owned(),
            Status::Failed,
        );
        let result = self.attempt(item, &mut rec, worker);
        if let Err(e) = result {
            rec.status = Status::Failed;
            rec.reason = Some(e.to_string());
            rec.output = None;
            rec.text = None;
            rec.alto = None;
            rec.pdf = None;
            if rec.sha256.is_none() {
                rec.sha256 = self.hash_if_small(&item.file);
            }
        }
        rec.seconds = (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0;
        rec
    }

    fn attempt(
        &self,
        item: &Item,
        rec: &mut Record,
        worker: &mut Option<Worker>,
    ) -> Result<(), Error> {
        if self.cancel.is_cancelled() {
            return Err(Error::NotStarted);
        }
        if let Some(e) = &item.error {
            return Err(Error::Failed(e.clone()));
        }
        self.check_file(&item.file)?;
        let out = self.args.out.as_deref();
        let json_path = out.map(|d| d.join(item.output()));
        let text_path = (self.args.text)
            .then(|| out.map(|d| d.join(item.text_output())))
            .flatten();
        let alto_path = (self.args.alto)
            .then(|| out.map(|d| d.join(item.alto_output())))
            .flatten();
        let pdf_path = (self.args.pdf)
            .then(|| out.map(|d| d.join(item.pdf_output())))
            .flatten();
        let alto_done = alto_path.as_ref().is_none_or(|p| p.is_file());
        if let (Some(jp), false, true) = (&json_path, self.args.force, alto_done) {
            if self.skip_if_done(item, jp, text_path.as_deref(), pdf_path.as_deref(), rec)? {
                return Ok(());
            }
        }
        let w = match worker {
            Some(w) => w,
            None => worker.insert(Worker::spawn(&self.worker_config, &self.args.worker)?),
        };
        let on_page = || self.reporter.page();
        // the JSON streams to its temporary file, renamed last (below)
        let mut json_out = json_path.as_deref().map(AtomicWriter::new);
        let reply = match w.process(
            &item.file,
            &item.key,
            &self.args.worker,
            self.cancel,
            &on_page,
            json_out.as_mut().map(|w| (b'J', w as &mut dyn Write)),
        ) {
            Outcome::Done(r) => r,
            Outcome::Failed(e) => return Err(e),
            Outcome::Crashed(e) => {
                *worker = None;
                return Err(e);
            }
            Outcome::Interrupted => {
                *worker = None;
                return Err(Error::Interrupted);
            }
        };
        let sum = &reply.summary;
        rec.sha256 = Some(sum.sha256.clone());
        if let Some(t) = &text_path {
            let text = reply.text.as_deref().unwrap_or_default();
            write_atomic(t, text.as_bytes())?;
        }
        if let (Some(a), Some(xml)) = (&alto_path, &reply.alto) {
            write_atomic(a, xml.as_bytes())?;
        }
        if let (Some(p), Some(pdf)) = (&pdf_path, &reply.pdf) {
            write_atomic(p, pdf)?;
        }
        // The JSON last: it marks the document done for a resumed run.
        if let Some(j) = json_out {
            j.commit()?;
        }
        if let Some(line) = &reply.compact {
            self.emit(line);
        }
        rec.fill(
            Status::Ok,
            item,
            json_path.is_some(),
            text_path.is_some(),
            sum,
        );
        rec.alto = alto_path.as_ref().map(|_| item.alto_output());
        rec.pdf = (pdf_path.is_some() && reply.pdf.is_some()).then(|| item.pdf_output());
        Ok(())
    }

    /// By type first: a FIFO or a device is never opened; then by size.
    fn check_file(&self, file: &Path) -> Result<(), Error> {
        let meta = std::fs::metadata(file).map_err(|e| Error::from_io(&e))?;
        crate::ingest::check_regular(&meta)?;
        let limit = self.args.max_file_size.saturating_mul(1_000_000);
        if meta.len() > limit {
            return Err(Error::FileTooLarge {
                size: format!("{:.1} MB", meta.len() as f64 / 1e6),
                limit_mb: self.args.max_file_size,
            });
        }
        Ok(())
    }

    /// When the outputs are complete for the same input and settings, the
    /// record says "skipped, up to date" (and `--format jsonl` prints the
    /// stored JSON); returns whether it was.
    fn skip_if_done(
        &self,
        item: &Item,
        json: &Path,
        text: Option<&Path>,
        pdf: Option<&Path>,
        rec: &mut Record,
    ) -> Result<bool, Error> {
        let pdf_done = |text_input: bool| text_input || pdf.is_none_or(Path::is_file);
        let Some(done) = self
            .up_to_date(item, json, text, rec)
            .filter(|d| pdf_done(d.text_input))
        else {
            return Ok(false);
        };
        let sum = worker::Summary {
            sha256: rec.sha256.clone().unwrap_or_default(),
            pages: done.pages,
            corrections: done.corrections,
            warnings: done.warnings,
            settings_hash: self.pipeline.settings_hash().to_string(),
        };
        rec.fill(Status::Skipped, item, true, text.is_some(), &sum);
        rec.reason = Some("up to date".into());
        rec.alto = self.args.alto.then(|| item.alto_output());
        rec.pdf = (pdf.is_some() && !done.text_input).then(|| item.pdf_output());
        if self.args.format == Format::Jsonl {
            let bytes = std::fs::read(json).map_err(|e| Error::from_io(&e))?;
            let v: serde_json::Value = serde_json::from_slice(&bytes)?;
            self.emit(&v.to_string());
        }
        Ok(true)
    }

    /// The output is complete, for the same input and settings.
    fn up_to_date(
        &self,
        item: &Item,
        json: &Path,
        text: Option<&Path>,
        rec: &mut Record,
    ) -> Option<resume::Done> {
        if !json.is_file() || text.is_some_and(|t| !t.is_file()) {
            return None;
        }
        let limit = self.args.max_file_size.saturating_mul(1_000_000);
        let bytes = crate::ingest::read_input(&item.file, limit).ok()?;
        let sha = sha256_hex(&bytes);
        drop(bytes);
        let done = resume::up_to_date(json, &sha, self.pipeline.settings_hash());
        rec.sha256 = Some(sha);
        done
    }

    /// One line on stdout. A closed pipe stops the batch.
    fn emit(&self, line: &str) {
        let mut so = self.stdout.lock().unwrap_or_else(|e| e.into_inner());
        let r = so
            .write_all(line.as_bytes())
            .and_then(|_| so.write_all(b"\n"))
            .and_then(|_| so.flush());
        if r.is_err() && !self.stdout_broken.swap(true, Ordering::Relaxed) {
            self.cancel.cancel();
            self.reporter.note("paragraf: stdout closed; stopping");
        }
    }

    fn hash_if_small(&self, file: &Path) -> Option<String> {
        let limit = self.args.max_file_size.saturating_mul(1_000_000);
        crate::ingest::read_input(file, limit)
            .ok()
            .map(|b| sha256_hex(&b))
    }
}

/// Held while a manifest is written (by the batch, or by the signal
/// handler on a second signal).
static MANIFEST_WRITE: Mutex<()> = Mutex::new(());

/// What the signal handler needs to write the manifest on a second signal.
struct Emergency {
    records: Arc<Mutex<Vec<Record>>>,
    /// Every item's key and input path.
    items: Vec<(String, String)>,
    manifest: Option<PathBuf>,
}

impl Emergency {
    /// Write the manifest from what is done; the rest is "interrupted".
    fn write(&self) {
        let Some(path) = &self.manifest else { return };
        let _guard = MANIFEST_WRITE.lock().unwrap_or_else(|e| e.into_inner());
        let mut recs = self
            .records
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let done: HashSet<String> = recs.iter().map(|r| r.path.clone()).collect();
        for (key, input) in &self.items {
            if !done.contains(key) {
                let mut r = Record::new(key.clone(), input.clone(), Status::Failed);
                r.reason = Some(Error::Interrupted.to_string());
                recs.push(r);
            }
        }
        if let Err(e) = manifest::write(path, &mut recs) {
            eprintln!("paragraf: {e}");
        }
    }
}

/// First SIGINT/SIGTERM: stop the workers (with their OCR and external
/// programs), take no new document, write what is done and the manifest.
/// A second one: write the manifest now and exit.
fn install_signal_handler(cancel: CancelToken, emergency: Emergency) {
    use signal_hook::consts::{SIGINT, SIGTERM};
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        tracing::warn!("cannot handle Ctrl-C; it will stop the batch abruptly");
        return;
    };
    std::thread::spawn(move || {
        for sig in signals.forever() {
            cancel.cancel();
            worker::kill_all();
            if SIGNAL.swap(sig, Ordering::SeqCst) != 0 {
                eprintln!("paragraf: stopping now");
                emergency.write();
                std::process::exit(if sig == SIGTERM {
                    EXIT_SIGTERM
                } else {
                    EXIT_SIGINT
                });
            }
            eprintln!(
                "paragraf: stopping: the documents in progress are given up, the manifest is written (again to quit at once)"
            );
        }
    });
}

/// Control characters in a path or a reason, escaped for a log line: a
/// newline in a file name cannot start a forged line.
pub fn escape(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The golden tests and library users run `Settings::default()`: it
    /// must be what a command line without flags gives.
    #[test]
    fn defaults_equal_an_empty_command_line() {
        use clap::{Args, FromArgMatches};
        let parse = |cmd: clap::Command, argv: &[&str]| cmd.try_get_matches_from(argv).unwrap();
        let m = parse(RunArgs::augment_args(clap::Command::new("run")), &["run"]);
        let run = RunArgs::from_arg_matches(&m).unwrap();
        assert_eq!(run.settings, Settings::default());
        assert_eq!(run.worker, WorkerLimits::default());
        assert_eq!(run.jobs, Jobs::default());
        let limits = crate::ingest::Limits::default();
        assert_eq!(run.max_file_size * 1_000_000, limits.max_file_bytes);
        let s = Settings::default();
        assert_eq!(
            (s.max_megapixels, s.max_pages, s.dpi),
            (limits.max_megapixels, limits.max_pages, limits.raster_dpi)
        );
        // `repair` declares the same flags through the same struct.
        let m = parse(
            crate::repair::RepairOptions::augment_args(clap::Command::new("repair")),
            &["repair"],
        );
        let repair = crate::repair::RepairOptions::from_arg_matches(&m).unwrap();
        assert_eq!(repair, crate::repair::RepairOptions::default());
        assert_eq!(repair, s.repair);
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape("a.pdf"), "a.pdf");
        assert_eq!(escape("a\nINFO forged"), "a\\nINFO forged");
        assert_eq!(escape("x\u{1b}[31m"), "x\\u{1b}[31m");
    }
}
