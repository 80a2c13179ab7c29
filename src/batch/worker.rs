//! Documents are processed in worker processes, so that no input can take
//! the batch down.
//!
//! A hostile file can crash native code (a stack overflow in the PDF
//! parser, a segfault in a C library), hang it, or make it allocate
//! without end; none of that can be caught inside one process. So `run`
//! and `extract` start `paragraf __worker` (this same binary) and hand it
//! one document at a time over a pipe. The worker runs in its own process
//! group, with an address-space limit (`--max-memory`), no core dumps, and
//! `PR_SET_PDEATHSIG` (it dies with its parent). The parent stops a worker
//! that makes no progress for `--stall-timeout` seconds, and turns a worker
//! that dies into a one-line reason ("crashed (signal 11, SIGSEGV)"); the
//! next document gets a fresh worker. A worker's stderr (Tesseract's and
//! Leptonica's own messages) is captured: debug log lines, and the last
//! lines explain a crash.
//!
//! A worker lives for many documents: its OCR engines and lexicons are
//! loaded once (see BENCHMARKS.md for what isolation costs).
//!
//! Protocol: frames of a tag byte, a little-endian u64 length and the
//! payload. Parent to worker: `C` config (JSON, once), `R` request (JSON).
//! Worker to parent, per request: any number of `P` (a page is done), then
//! `S` summary (JSON) with `J` (pretty JSON), `L` (compact JSON), `T`
//! (text), `A` (ALTO XML) and `F` (searchable PDF) as asked, or `E` (error,
//! JSON); then `D` (done). The JSON comes in pieces of about 1 MB, each
//! its own `J` or `L` frame, written as it is serialised (a document's
//! JSON is never held whole in the worker). The parent writes the JSON
//! that goes to a file (or to stdout) as its pieces come, into a temporary
//! file renamed when the document is done ([`crate::cli::AtomicWriter`]),
//! so it does not hold it either; at most [`FRAMES_QUEUED`] frames wait
//! between the pipe and the parent.

use crate::cancel::CancelToken;
use crate::pipeline::{Pipeline, Settings};
use crate::Error;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Frames read from a worker's pipe that may wait for the parent; past
/// this, the reader waits, and so does the worker (about 1 MB a frame).
const FRAMES_QUEUED: usize = 8;

/// The hidden subcommand a worker runs.
pub const SUBCOMMAND: &str = "__worker";

/// Default of `--stall-timeout`, in seconds.
pub const DEFAULT_STALL_TIMEOUT: f64 = 600.0;
/// Default of `--max-memory`, in MB.
pub const DEFAULT_MAX_MEMORY_MB: u64 = 8192;

/// Limits of the worker processes (options of `extract` and `run`).
#[derive(Debug, Clone, PartialEq, clap::Args)]
pub struct WorkerLimits {
    /// Give up on a document when none of its pages has finished for this
    /// many seconds (a hang); its worker process is stopped.
    #[arg(long, default_value_t = DEFAULT_STALL_TIMEOUT, value_name = "SECONDS")]
    pub stall_timeout: f64,
    /// Memory limit of each worker process in MB (address space); a
    /// document that needs more fails. 0: no limit.
    #[arg(long, default_value_t = DEFAULT_MAX_MEMORY_MB, value_name = "MB")]
    pub max_memory: u64,
}

impl Default for WorkerLimits {
    fn default() -> Self {
        WorkerLimits {
            stall_timeout: DEFAULT_STALL_TIMEOUT,
            max_memory: DEFAULT_MAX_MEMORY_MB,
        }
    }
}

impl WorkerLimits {
    /// Check the values; the message names the flag.
    pub fn validate(&self) -> Result<(), Error> {
        let t = self.stall_timeout;
        if !(t.is_finite() && t > 0.0 && t <= crate::pipeline::MAX_PAGE_TIMEOUT) {
            return Err(Error::Config(format!(
                "--stall-timeout {t} is not a number of seconds in 0..={}",
                crate::pipeline::MAX_PAGE_TIMEOUT
            )));
        }
        if self.max_memory != 0 && !(256..=(1 << 30)).contains(&self.max_memory) {
            return Err(Error::Config(format!(
                "--max-memory {} MB is outside 256..={} (0: no limit)",
                self.max_memory,
                1u64 << 30
            )));
        }
        Ok(())
    }

    fn stall(&self) -> Duration {
        Duration::from_secs_f64(self.stall_timeout)
    }
}

/// What a worker is set up with.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkerConfig {
    pub settings: Settings,
    /// Threads for the pages of one document.
    pub threads: usize,
    /// `--max-file-size` in bytes.
    pub max_file_bytes: u64,
    /// Which renderings of a document to send back.
    pub pretty: bool,
    pub compact: bool,
    pub text: bool,
    /// ALTO XML and searchable PDF to make too.
    #[serde(default)]
    pub archive: crate::output::Targets,
}

#[derive(Serialize, Deserialize)]
struct Request {
    /// The path's bytes (file names need not be UTF-8).
    file: Vec<u8>,
    key: String,
}

/// The counts of a processed document, for its manifest line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    pub sha256: String,
    pub pages: usize,
    pub corrections: usize,
    pub warnings: usize,
    pub settings_hash: String,
}

#[derive(Serialize, Deserialize)]
struct Failure {
    reason: String,
    /// A configuration problem (exit 2), not the document's fault.
    usage: bool,
}

impl Failure {
    fn from_error(e: &Error) -> Self {
        Failure {
            reason: one_line(&e.to_string()),
            usage: e.exit_code() == crate::error::EXIT_USAGE,
        }
    }

    /// The error again on the parent's side (its text crossed the pipe).
    fn into_error(self) -> Error {
        if self.usage {
            Error::Usage(self.reason)
        } else {
            Error::Failed(self.reason)
        }
    }
}

/// A processed document as the worker sent it.
pub struct Reply {
    pub summary: Summary,
    pub pretty: Option<String>,
    pub compact: Option<String>,
    pub text: Option<String>,
    pub alto: Option<String>,
    pub pdf: Option<Vec<u8>>,
}

/// How one document went.
pub enum Outcome {
    Done(Reply),
    /// The document failed; the worker is fine.
    Failed(Error),
    /// The worker died or was stopped: the reason, and the worker is gone.
    Crashed(Error),
    /// Stopped by Ctrl-C/SIGTERM.
    Interrupted,
}

// ---------------------------------------------------------------- framing

fn write_frame(w: &mut impl Write, tag: u8, payload: &[u8]) -> std::io::Result<()> {
    let mut head = [0u8; 9];
    head[0] = tag;
    head[1..].copy_from_slice(&(payload.len() as u64).to_le_bytes());
    w.write_all(&head)?;
    w.write_all(payload)?;
    w.flush()
}

/// Next frame; None at end of input. A frame longer than `max` is an error.
fn read_frame(r: &mut impl Read, max: u64) -> std::io::Result<Option<(u8, Vec<u8>)>> {
    let mut head = [0u8; 9];
    match r.read_exact(&mut head) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u64::from_le_bytes(head[1..].try_into().expect("8 bytes"));
    if len > max {
        return Err(std::io::Error::other("frame too long"));
    }
    let mut v = Vec::new();
    r.take(len).read_to_end(&mut v)?;
    if (v.len() as u64) < len {
        return Ok(None);
    }
    Ok(Some((head[0], v)))
}

// ---------------------------------------------------------------- worker side

/// `paragraf __worker`: serve requests on stdin until it closes.
pub fn worker_main() -> i32 {
    use std::os::fd::FromRawFd;
    // The protocol gets its own copy of stdout; fd 1 then points at stderr,
    // so anything a library prints goes to the captured stderr instead of
    // corrupting the frames.
    // SAFETY: plain descriptor syscalls on fds this process owns.
    let proto_fd = unsafe { libc::dup(1) };
    if proto_fd < 0 || unsafe { libc::dup2(2, 1) } < 0 {
        return 70;
    }
    let out = Mutex::new(std::io::BufWriter::with_capacity(1 << 16, unsafe {
        std::fs::File::from_raw_fd(proto_fd)
    }));
    let send = |tag: u8, payload: &[u8]| {
        let mut o = out.lock().unwrap_or_else(|e| e.into_inner());
        // The parent is gone if this fails: nothing left to do.
        if write_frame(&mut *o, tag, payload).is_err() {
            std::process::exit(0);
        }
    };
    let mut input = BufReader::new(std::io::stdin().lock());
    let cfg: WorkerConfig = match read_frame(&mut input, 1 << 30) {
        Ok(Some((b'C', p))) => match serde_json::from_slice(&p) {
            Ok(c) => c,
            Err(_) => return 70,
        },
        _ => return 70,
    };
    let pipeline = Pipeline::new(cfg.settings.clone()).map(|mut p| {
        p.set_max_file_bytes(cfg.max_file_bytes);
        if cfg.archive.any() {
            p.keep_words();
        }
        p
    });
    // Big stacks: the PDF parser recurses (nesting is also capped before
    // parsing, see ingest::pdf::MAX_NESTING).
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.threads.max(1))
        .stack_size(16 << 20)
        .build();
    let pool = match pool {
        Ok(p) => p,
        Err(_) => return 70,
    };
    while let Ok(Some((b'R', p))) = read_frame(&mut input, 1 << 20) {
        let Ok(req) = serde_json::from_slice::<Request>(&p) else {
            break;
        };
        let path = PathBuf::from(std::ffi::OsString::from_vec(req.file));
        let pipeline = match &pipeline {
            Ok(p) => p,
            Err(e) => {
                let f = Failure::from_error(e);
                send(b'E', &serde_json::to_vec(&f).expect("serialises"));
                send(b'D', &[]);
                continue;
            }
        };
        let result = pool.install(|| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let doc = pipeline.process_with(&path, &req.key, &|| send(b'P', &[]))?;
                archive(&cfg, &path, doc)
            }))
        });
        match result {
            Ok(Ok((doc, alto, pdf))) => send_document(&doc, (alto, pdf), &cfg, &send),
            Ok(Err(e)) => {
                let f = Failure::from_error(&e);
                send(b'E', &serde_json::to_vec(&f).expect("serialises"));
            }
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("unknown");
                let f = Failure {
                    reason: format!("internal error: {}", one_line(msg)),
                    usage: false,
                };
                send(b'E', &serde_json::to_vec(&f).expect("serialises"));
            }
        }
        send(b'D', &[]);
    }
    pool.install(crate::ocr::release_engines);
    0
}

/// A processed document's frames: its summary, then the renderings
/// `cfg` asks for.
fn send_document(
    doc: &crate::Document,
    (alto, pdf): (Option<String>, Option<Vec<u8>>),
    cfg: &WorkerConfig,
    send: &dyn Fn(u8, &[u8]),
) {
    let summary = Summary {
        sha256: doc.source.sha256.clone(),
        pages: doc.source.pages,
        corrections: doc.corrections.len(),
        warnings: doc.warnings.len(),
        settings_hash: doc.generator.settings_hash.clone(),
    };
    send(b'S', &serde_json::to_vec(&summary).expect("serialises"));
    if cfg.pretty {
        let mut w = FrameWriter::new(b'J', send);
        serde_json::to_writer_pretty(&mut w, doc).expect("documents serialise");
        w.flush().expect("sent");
    }
    if cfg.compact {
        let mut w = FrameWriter::new(b'L', send);
        serde_json::to_writer(&mut w, doc).expect("documents serialise");
        w.flush().expect("sent");
    }
    if cfg.text {
        send(b'T', doc.text.as_bytes());
    }
    if let Some(a) = alto {
        send(b'A', a.as_bytes());
    }
    if let Some(p) = pdf {
        send(b'F', &p);
    }
}

/// Sends what is written to it as frames of one tag, about 1 MB each.
struct FrameWriter<'a> {
    tag: u8,
    buf: Vec<u8>,
    send: &'a dyn Fn(u8, &[u8]),
}

impl<'a> FrameWriter<'a> {
    const PIECE: usize = 1 << 20;

    fn new(tag: u8, send: &'a dyn Fn(u8, &[u8])) -> Self {
        FrameWriter {
            tag,
            buf: Vec::with_capacity(Self::PIECE + (64 << 10)),
            send,
        }
    }
}

impl Write for FrameWriter<'_> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(b);
        if self.buf.len() >= Self::PIECE {
            self.flush()?;
        }
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            (self.send)(self.tag, &self.buf);
            self.buf.clear();
        }
        Ok(())
    }
}

/// A document with its ALTO XML and searchable PDF, as asked for.
type Archived = (crate::Document, Option<String>, Option<Vec<u8>>);

/// The archive outputs asked for, made from a processed document; then the
/// word boxes dropped if `--no-words` asked for that.
fn archive(
    cfg: &WorkerConfig,
    path: &Path,
    mut doc: crate::Document,
) -> Result<Archived, crate::Error> {
    let alto = cfg.archive.alto.then(|| crate::output::alto::write(&doc));
    // a text file has no page images: no PDF (`extract --pdf` says so)
    let pdf = match cfg.archive.pdf && doc.source.format != crate::model::SourceFormat::Text {
        true => Some(crate::output::pdf::write(&doc, path)?),
        false => None,
    };
    if cfg.settings.no_words {
        crate::output::strip_words(&mut doc);
    }
    Ok((doc, alto, pdf))
}

/// A reason as one line.
fn one_line(s: &str) -> String {
    crate::ingest::tool::one_line(s)
}

// ---------------------------------------------------------------- parent side

/// Process groups of the live workers, for the signal handler.
static LIVE: Mutex<Vec<i32>> = Mutex::new(Vec::new());

/// Kill every live worker with its process group (Ctrl-C, SIGTERM).
pub fn kill_all() {
    let live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    for &pid in live.iter() {
        crate::ingest::tool::kill_group(pid);
    }
}

/// A running worker process.
pub struct Worker {
    child: Child,
    /// None once closed (which ends a healthy worker).
    stdin: Option<ChildStdin>,
    frames: Receiver<Option<(u8, Vec<u8>)>>,
    stderr_tail: Arc<Mutex<VecDeque<String>>>,
    max_memory: u64,
    /// `--page-timeout`: a page may legitimately take this long.
    page_timeout: Option<f64>,
}

impl Worker {
    /// Start a worker and send it its configuration.
    pub fn spawn(cfg: &WorkerConfig, limits: &WorkerLimits) -> Result<Worker, Error> {
        let exe = std::env::current_exe().map_err(Error::WorkerStart)?;
        let mut cmd = Command::new(exe);
        cmd.arg(SUBCOMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0);
        let mem = limits.max_memory.saturating_mul(1 << 20);
        // SAFETY: only async-signal-safe syscalls between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                let none = libc::rlimit {
                    rlim_cur: 0,
                    rlim_max: 0,
                };
                libc::setrlimit(libc::RLIMIT_CORE, &none);
                if mem > 0 {
                    let lim = libc::rlimit {
                        rlim_cur: mem,
                        rlim_max: mem,
                    };
                    libc::setrlimit(libc::RLIMIT_AS, &lim);
                }
                Ok(())
            });
        }
        let mut child = cmd.spawn().map_err(Error::WorkerStart)?;
        let pid = child.id() as i32;
        LIVE.lock().unwrap_or_else(|e| e.into_inner()).push(pid);
        let mut stdout = child.stdout.take().expect("piped");
        let stderr = child.stderr.take().expect("piped");
        let (tx, frames) = mpsc::sync_channel(FRAMES_QUEUED);
        std::thread::spawn(move || loop {
            match read_frame(&mut stdout, u64::MAX) {
                Ok(Some(f)) => {
                    if tx.send(Some(f)).is_err() {
                        return;
                    }
                }
                _ => {
                    let _ = tx.send(None);
                    return;
                }
            }
        });
        let stderr_tail: Arc<Mutex<VecDeque<String>>> = Arc::default();
        let tail = Arc::clone(&stderr_tail);
        std::thread::spawn(move || {
            let mut r = BufReader::new(stderr);
            let mut line = Vec::new();
            loop {
                line.clear();
                match r.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                let l = String::from_utf8_lossy(&line).trim_end().to_string();
                if l.is_empty() {
                    continue;
                }
                tracing::debug!(worker = pid, "{}", crate::batch::escape(&l));
                let mut t = tail.lock().unwrap_or_else(|e| e.into_inner());
                if t.len() >= 40 {
                    t.pop_front();
                }
                t.push_back(l);
            }
        });
        let mut stdin = child.stdin.take().expect("piped");
        let cfg_json = serde_json::to_vec(cfg).expect("serialises");
        if write_frame(&mut stdin, b'C', &cfg_json).is_err() {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::WorkerStart(std::io::Error::other(
                "it ended at start",
            )));
        }
        Ok(Worker {
            child,
            stdin: Some(stdin),
            frames,
            stderr_tail,
            max_memory: limits.max_memory,
            page_timeout: cfg.settings.page_timeout,
        })
    }

    /// Process one document; `cancel` stops it (the worker is killed).
    /// After [`Outcome::Crashed`] or [`Outcome::Interrupted`] the worker is
    /// dead: drop it. With `stream` (`b'J'` or `b'L'` and a writer), that
    /// JSON is written to the writer as its pieces come instead of being
    /// returned in the [`Reply`]; after the first failed write the rest is
    /// dropped (the writer keeps its error: see
    /// [`crate::cli::AtomicWriter::commit`]).
    pub fn process(
        &mut self,
        file: &Path,
        key: &str,
        limits: &WorkerLimits,
        cancel: &CancelToken,
        on_page: &dyn Fn(),
        mut stream: Option<(u8, &mut dyn Write)>,
    ) -> Outcome {
        let req = Request {
            file: file.as_os_str().as_bytes().to_vec(),
            key: key.to_string(),
        };
        let sent = match &mut self.stdin {
            Some(w) => write_frame(w, b'R', &serde_json::to_vec(&req).expect("serialises")),
            None => Err(std::io::Error::other("closed")),
        };
        if sent.is_err() {
            return self.died();
        }
        // A page may take its --page-timeout (OCR) and as much again
        // (rendering): never stop a worker before that.
        let stall = match self.page_timeout {
            Some(t) => limits.stall().max(Duration::from_secs_f64(2.0 * t + 60.0)),
            None => limits.stall(),
        };
        let mut last = Instant::now();
        let mut stream_ok = true;
        let (mut summary, mut failure) = (None, None);
        let (mut pretty, mut compact, mut text) = (None::<Vec<u8>>, None::<Vec<u8>>, None);
        let (mut alto, mut pdf) = (None, None);
        loop {
            if cancel.is_cancelled() {
                self.stop();
                return Outcome::Interrupted;
            }
            let frame = match self.frames.recv_timeout(Duration::from_millis(50)) {
                Ok(Some(f)) => f,
                Ok(None) | Err(RecvTimeoutError::Disconnected) => {
                    if cancel.is_cancelled() {
                        self.stop();
                        return Outcome::Interrupted;
                    }
                    return self.died();
                }
                Err(RecvTimeoutError::Timeout) => {
                    if last.elapsed() >= stall {
                        self.stop();
                        return Outcome::Crashed(Error::Failed(format!(
                            "no progress for {:.0} s (--stall-timeout): stopped",
                            stall.as_secs_f64()
                        )));
                    }
                    continue;
                }
            };
            last = Instant::now();
            let (tag, payload) = frame;
            let string = |p: Vec<u8>| String::from_utf8(p).ok();
            if let Some((t, w)) = &mut stream {
                if *t == tag {
                    if stream_ok {
                        stream_ok = w.write_all(&payload).is_ok();
                    }
                    continue;
                }
            }
            match tag {
                b'P' => on_page(),
                b'S' => summary = serde_json::from_slice::<Summary>(&payload).ok(),
                b'J' => pretty
                    .get_or_insert_with(Vec::new)
                    .extend_from_slice(&payload),
                b'L' => compact
                    .get_or_insert_with(Vec::new)
                    .extend_from_slice(&payload),
                b'T' => text = string(payload),
                b'A' => alto = string(payload),
                b'F' => pdf = Some(payload),
                b'E' => failure = serde_json::from_slice::<Failure>(&payload).ok(),
                b'D' => break,
                _ => {}
            }
        }
        match (summary, failure) {
            (Some(summary), None) => Outcome::Done(Reply {
                summary,
                pretty: pretty.and_then(|p| String::from_utf8(p).ok()),
                compact: compact.and_then(|p| String::from_utf8(p).ok()),
                text,
                alto,
                pdf,
            }),
            (_, Some(f)) => Outcome::Failed(f.into_error()),
            (None, None) => Outcome::Failed(Error::Failed(
                "internal error: the worker sent no result".into(),
            )),
        }
    }

    /// Kill the worker's process group and reap it.
    fn stop(&mut self) {
        crate::ingest::tool::kill_group(self.child.id() as i32);
        let _ = self.child.wait();
    }

    /// The worker ended on its own: say why.
    fn died(&mut self) -> Outcome {
        // Its output is closed; give it a moment to be reaped, then make sure.
        let deadline = Instant::now() + Duration::from_secs(2);
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(st)) => break Some(st),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5))
                }
                _ => {
                    self.stop();
                    break self.child.try_wait().ok().flatten();
                }
            }
        };
        // Let the stderr reader catch the last lines.
        std::thread::sleep(Duration::from_millis(20));
        let tail: Vec<String> = self
            .stderr_tail
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .cloned()
            .collect();
        Outcome::Crashed(Error::Failed(crash_reason(status, &tail, self.max_memory)))
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let pid = self.child.id() as i32;
        // Closing stdin ends a healthy worker; a stuck one is killed.
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            match self.child.try_wait() {
                Ok(Some(_)) | Err(_) => break,
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2))
                }
                Ok(None) => {
                    self.stop();
                    break;
                }
            }
        }
        LIVE.lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|&p| p != pid);
    }
}

/// Why a worker died, in one line, from its exit status and last stderr
/// lines.
pub fn crash_reason(status: Option<ExitStatus>, stderr_tail: &[String], max_memory: u64) -> String {
    let all = stderr_tail.join("\n");
    let what = if all.contains("has overflowed its stack") {
        Some("stack overflow (the input is nested too deeply)".to_string())
    } else if all.contains("memory allocation of")
        || all.contains("bad_alloc")
        || all.contains("Out of memory")
    {
        Some(if max_memory > 0 {
            format!("out of memory (the limit is --max-memory {max_memory} MB)")
        } else {
            "out of memory".to_string()
        })
    } else {
        None
    };
    let how = match status {
        Some(st) => match (st.signal(), st.code()) {
            (Some(sig), _) => format!("crashed (signal {sig}, {})", signal_name(sig)),
            (None, Some(code)) => format!("crashed (exit status {code})"),
            _ => "crashed".to_string(),
        },
        None => "crashed".to_string(),
    };
    match what {
        Some(w) => format!("{how}: {w}"),
        None => how,
    }
}

fn signal_name(sig: i32) -> &'static str {
    match sig {
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGFPE => "SIGFPE",
        libc::SIGILL => "SIGILL",
        libc::SIGKILL => "SIGKILL",
        libc::SIGTERM => "SIGTERM",
        libc::SIGXCPU => "SIGXCPU",
        _ => "signal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_end_cleanly() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b'R', b"hello").unwrap();
        write_frame(&mut buf, b'P', b"").unwrap();
        let mut r = &buf[..];
        assert_eq!(
            read_frame(&mut r, 100).unwrap(),
            Some((b'R', b"hello".to_vec()))
        );
        assert_eq!(read_frame(&mut r, 100).unwrap(), Some((b'P', vec![])));
        assert_eq!(read_frame(&mut r, 100).unwrap(), None);
        // A truncated frame is the end, not garbage.
        let mut r = &buf[..7];
        assert_eq!(read_frame(&mut r, 100).unwrap(), None);
        let mut r = &buf[..];
        assert!(read_frame(&mut r, 2).is_err());
    }

    #[test]
    fn crash_reasons_name_the_signal_and_the_cause() {
        let st = ExitStatus::from_raw(libc::SIGSEGV);
        assert_eq!(
            crash_reason(Some(st), &[], 0),
            "crashed (signal 11, SIGSEGV)"
        );
        let st = ExitStatus::from_raw(libc::SIGABRT);
        let tail = ["thread 'x' has overflowed its stack".to_string()];
        assert!(crash_reason(Some(st), &tail, 0).contains("stack overflow"));
        let tail = ["memory allocation of 99 bytes failed".to_string()];
        assert!(crash_reason(Some(st), &tail, 512).contains("--max-memory 512 MB"));
    }
}
