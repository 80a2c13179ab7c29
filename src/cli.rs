//! The subcommands other than `run` (see [`crate::batch`]): each takes its
//! parsed arguments and returns the process exit code.
//!
//! Exit codes: 0 success, 1 a document failed, 2 usage or configuration error.

use crate::batch::worker::{Outcome, Worker, WorkerConfig, WorkerLimits};
use crate::cancel::CancelToken;
use crate::ingest;
use crate::pipeline::{Pipeline, Settings};
use crate::repair::{RepairOptions, Repairer};
use crate::{Document, Error};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub use crate::error::{EXIT_FAILED, EXIT_OK, EXIT_USAGE};

/// libtesseract's OpenMP reads OMP_THREAD_LIMIT once, when the library is
/// loaded, before `main`. Unset, each engine spawns a thread per core and
/// parallel pages fight over the cores (measured 4-6x slower). So if it is
/// unset, set it and re-execute this binary; returns only if exec failed.
pub fn ensure_single_threaded_openmp() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os("OMP_THREAD_LIMIT").is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let err = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("OMP_THREAD_LIMIT", "1")
        .exec();
    eprintln!("paragraf: warning: could not limit OpenMP threads ({err}); OCR may be slow");
}

/// Print "paragraf: PATH: reason" and return the matching exit code.
pub fn report_error(path: &Path, e: &Error) -> i32 {
    eprintln!(
        "paragraf: {}: {}",
        crate::batch::escape(&path.to_string_lossy()),
        crate::batch::escape(&e.to_string())
    );
    e.exit_code()
}

/// Print "paragraf: reason" and return the matching exit code.
pub fn report(e: &Error) -> i32 {
    eprintln!("paragraf: {e}");
    e.exit_code()
}

/// The signal that stopped `extract` (0: none).
static STOPPED_BY: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

/// Ctrl-C/SIGTERM during `extract`: cancel `token`, stop the worker (and
/// the programs it started); [`extract`] then exits 130/143.
fn stop_worker_on_signals(token: CancelToken) {
    use signal_hook::consts::{SIGINT, SIGTERM};
    use std::sync::atomic::Ordering;
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    std::thread::spawn(move || {
        for sig in signals.forever() {
            STOPPED_BY.store(sig, Ordering::SeqCst);
            token.cancel();
            crate::batch::worker::kill_all();
        }
    });
}

/// `paragraf extract FILE [-o OUT] [--alto FILE] [--pdf FILE]`. The
/// document is processed in a worker
/// process (see [`crate::batch::worker`]): a crash, hang or memory blow-up
/// on a hostile file is one line on stderr and exit 1.
pub fn extract(
    file: &Path,
    output: Option<&Path>,
    (alto, pdf): (Option<&Path>, Option<&Path>),
    compact: bool,
    jobs: crate::batch::Jobs,
    settings: Settings,
    limits: WorkerLimits,
) -> i32 {
    let checked = Pipeline::new(settings.clone())
        .and_then(|p| limits.validate().and_then(|()| p.check_ocr()));
    if let Err(e) = checked {
        return report(&e);
    }
    let cancel = CancelToken::new();
    stop_worker_on_signals(cancel.clone());
    let cfg = WorkerConfig {
        settings,
        threads: jobs.resolve(),
        max_file_bytes: crate::ingest::Limits::default().max_file_bytes,
        pretty: !compact,
        compact,
        text: false,
        archive: crate::output::Targets {
            alto: alto.is_some(),
            pdf: pdf.is_some(),
        },
    };
    let mut worker = match Worker::spawn(&cfg, &limits) {
        Ok(w) => w,
        Err(e) => return report(&e),
    };
    // The JSON streams to its file (or to stdout) as the worker sends it;
    // with --pdf it is held until the PDF is known to exist (a text input
    // has none, and then nothing is printed).
    let tag = if compact { b'L' } else { b'J' };
    let mut to_file = output.map(AtomicWriter::new);
    let mut to_stdout = StdoutSink::default();
    let sink: Option<&mut dyn Write> = match (&mut to_file, pdf) {
        (Some(w), _) => Some(w),
        (None, None) => Some(&mut to_stdout),
        (None, Some(_)) => None,
    };
    let outcome = worker.process(
        file,
        &file.to_string_lossy(),
        &limits,
        &cancel,
        &|| {},
        sink.map(|w| (tag, w)),
    );
    drop(worker);
    let held = match outcome {
        Outcome::Done(r) => {
            if pdf.is_some() && r.pdf.is_none() {
                return report_error(
                    file,
                    &Error::Archive {
                        path: file.to_path_buf(),
                        reason: "searchable PDF (--pdf): a text file has no page images".into(),
                    },
                );
            }
            let sidecars = [(alto, r.alto.map(String::into_bytes)), (pdf, r.pdf)];
            for (path, bytes) in sidecars {
                if let (Some(p), Some(b)) = (path, bytes) {
                    if let Err(e) = write_atomic(p, &b) {
                        return report_error(p, &e);
                    }
                }
            }
            r.pretty.or(r.compact)
        }
        Outcome::Failed(e) | Outcome::Crashed(e) => return report_error(file, &e),
        Outcome::Interrupted => {
            return match STOPPED_BY.load(std::sync::atomic::Ordering::SeqCst) {
                signal_hook::consts::SIGTERM => crate::error::EXIT_SIGTERM,
                _ => crate::error::EXIT_SIGINT,
            }
        }
    };
    match (to_file, held) {
        (Some(w), _) => match w.commit() {
            Ok(()) => EXIT_OK,
            Err(e) => report_error(output.unwrap_or(file), &e),
        },
        (None, Some(json)) => print_stdout(&[json.as_bytes(), b"\n"]),
        (None, None) => to_stdout.finish(),
    }
}

/// Stdout as the JSON streams to it: a closed stdout ends quietly (exit 0,
/// see [`print_stdout`]), another error is reported once at the end.
#[derive(Default)]
struct StdoutSink {
    closed: bool,
    error: Option<std::io::Error>,
}

impl Write for StdoutSink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        if self.closed || self.error.is_some() {
            return Err(std::io::Error::other("stdout failed"));
        }
        match std::io::stdout().lock().write_all(b) {
            Ok(()) => Ok(b.len()),
            Err(e) => {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    self.closed = true;
                } else {
                    self.error = Some(e);
                }
                Err(std::io::Error::other("stdout failed"))
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl StdoutSink {
    /// The line end after the JSON; the exit code.
    fn finish(mut self) -> i32 {
        if self.closed {
            return EXIT_OK;
        }
        if let Some(e) = self.error.take() {
            eprintln!("paragraf: cannot write to stdout: {e}");
            return EXIT_FAILED;
        }
        print_stdout(&[b"\n"])
    }
}

/// Write to stdout. A closed stdout (`paragraf schema | head -1`) is not
/// an error: the reader has what it wanted; exit 0 quietly.
pub fn print_stdout(parts: &[&[u8]]) -> i32 {
    let mut so = std::io::stdout().lock();
    for p in parts {
        match so.write_all(p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return EXIT_OK,
            Err(e) => {
                eprintln!("paragraf: cannot write to stdout: {e}");
                return EXIT_FAILED;
            }
        }
    }
    match so.flush() {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("paragraf: cannot write to stdout: {e}");
            EXIT_FAILED
        }
    }
}

/// Serialise a document.
pub fn to_json(doc: &Document, compact: bool) -> String {
    if compact {
        serde_json::to_string(doc)
    } else {
        serde_json::to_string_pretty(doc)
    }
    .expect("documents serialise")
}

/// Write a file atomically: a temporary file in the same folder, fsync,
/// then rename over the target. Readers never see a partial file.
///
/// What is not a regular file is written through, never replaced: a
/// device (`-o /dev/null`), a FIFO, or a symlink to one; a symlink to a
/// regular file has its target replaced atomically (the link stays).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut w = AtomicWriter::new(path);
    // an error is kept by the writer and returned by `commit`
    let _ = w.write_all(bytes);
    w.commit()
}

/// A file written in pieces and put in place by [`AtomicWriter::commit`],
/// as [`write_atomic`] does it: a temporary file (`.NAME.PID.tmp`, which a
/// resumed run cleans up) renamed over the target, or, for what is not a
/// regular file, written through. Nothing is opened before the first write;
/// dropped without `commit`, the temporary file is removed. So a document's
/// JSON streams from the worker to its file without being held whole.
pub struct AtomicWriter {
    path: PathBuf,
    state: Sink,
    /// The first error; later writes are dropped and `commit` returns it.
    error: Option<std::io::Error>,
}

enum Sink {
    Unopened,
    /// A temporary file and the path it is renamed to.
    Temp(std::fs::File, PathBuf, PathBuf),
    /// A device, a FIFO, a dangling symlink: written through.
    Through(std::fs::File),
    Done,
}

impl AtomicWriter {
    /// A writer for `path`; nothing is opened yet.
    pub fn new(path: &Path) -> Self {
        AtomicWriter {
            path: path.to_path_buf(),
            state: Sink::Unopened,
            error: None,
        }
    }

    fn open(path: &Path) -> std::io::Result<Sink> {
        let link = std::fs::symlink_metadata(path)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        let target = match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::IsADirectory,
                    "is a directory",
                ))
            }
            Ok(m) if !m.is_file() => return open_through(path).map(Sink::Through),
            Ok(_) if link => std::fs::canonicalize(path)?,
            // A dangling symlink: create what it points to.
            Err(_) if link => return open_through(path).map(Sink::Through),
            _ => path.to_path_buf(),
        };
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&dir)?;
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(target.file_name().unwrap_or_default());
        tmp_name.push(format!(".{}.tmp", std::process::id()));
        let tmp = dir.join(tmp_name);
        let f = std::fs::File::create(&tmp)?;
        Ok(Sink::Temp(f, tmp, target))
    }

    fn file(&mut self) -> std::io::Result<&mut std::fs::File> {
        if let Sink::Unopened = self.state {
            self.state = Self::open(&self.path)?;
        }
        match &mut self.state {
            Sink::Temp(f, _, _) | Sink::Through(f) => Ok(f),
            _ => Err(std::io::Error::other("already committed")),
        }
    }

    /// Put the file in place (fsync and rename), or return the first
    /// error of its writing; on an error the temporary file is removed.
    pub fn commit(mut self) -> Result<(), Error> {
        let result = match self.error.take() {
            Some(e) => Err(e),
            None => self.file().map(|_| ()).and_then(|()| {
                match std::mem::replace(&mut self.state, Sink::Done) {
                    Sink::Temp(f, tmp, target) => {
                        let r = f.sync_all().and_then(|()| std::fs::rename(&tmp, &target));
                        if r.is_err() {
                            let _ = std::fs::remove_file(&tmp);
                        }
                        r
                    }
                    Sink::Through(mut f) => f.flush(),
                    _ => Ok(()),
                }
            }),
        };
        result.map_err(|source| Error::Output {
            path: self.path.clone(),
            source,
        })
    }
}

impl Write for AtomicWriter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        if self.error.is_some() {
            return Err(std::io::Error::other("an earlier write failed"));
        }
        match self.file().and_then(|f| f.write_all(b)) {
            Ok(()) => Ok(b.len()),
            Err(e) => {
                let kind = e.kind();
                self.error = Some(e);
                Err(std::io::Error::new(kind, "write failed"))
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for AtomicWriter {
    fn drop(&mut self) {
        if let Sink::Temp(_, tmp, _) = &self.state {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

fn open_through(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
}

/// `paragraf repair [FILE|-] [--report FILE]`.
pub fn repair(input: Option<&Path>, report: Option<&Path>, opts: RepairOptions) -> i32 {
    let bytes = match input {
        None => read_stdin(),
        Some(p) if p == Path::new("-") => read_stdin(),
        Some(p) => std::fs::read(p).map_err(|e| Error::from_io(&e)),
    };
    let name = input.unwrap_or(Path::new("-"));
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return report_error(name, &e),
    };
    let (text, _) = ingest::decode_text(&bytes);
    let repairer = match Repairer::new(&opts) {
        Ok(r) => r,
        Err(e) => return self::report(&e),
    };
    let out = repairer.repair(&text);
    if let Some(rp) = report {
        if let Err(e) = write_atomic(rp, out.report_json().as_bytes()) {
            return report_error(rp, &e);
        }
    }
    print_stdout(&[out.text.as_bytes()])
}

fn read_stdin() -> Result<Vec<u8>, Error> {
    let mut v = Vec::new();
    std::io::stdin().read_to_end(&mut v)?;
    Ok(v)
}

/// `paragraf schema`.
pub fn schema() -> i32 {
    print_stdout(&[Document::json_schema().as_bytes(), b"\n"])
}

/// `paragraf eval GOLD HYP [NOISY]`: the figures of ../shared/tools/score.py as JSON.
pub fn eval(gold: &Path, hyp: &Path, noisy: Option<&Path>) -> i32 {
    let read = |p: &Path| -> Result<String, i32> {
        std::fs::read(p)
            .map(|b| ingest::decode_text(&b).0)
            .map_err(|e| report_error(p, &Error::from_io(&e)))
    };
    let (g, h) = match (read(gold), read(hyp)) {
        (Ok(g), Ok(h)) => (g, h),
        (Err(c), _) | (_, Err(c)) => return c,
    };
    let n = match noisy.map(read).transpose() {
        Ok(n) => n,
        Err(c) => return c,
    };
    let report = crate::eval::score(&g, &h, n.as_deref());
    let json = serde_json::to_string_pretty(&report).expect("serialises");
    print_stdout(&[json.as_bytes(), b"\n"])
}
