//! The subcommands other than `run` (see [`crate::batch`]): each takes its
//! parsed arguments and returns the process exit code.
//!
//! Exit codes: 0 success, 1 a document failed, 2 usage or configuration error.

use crate::ingest;
use crate::pipeline::{Pipeline, Settings};
use crate::repair::{RepairOptions, Repairer};
use crate::{Document, Error};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub const EXIT_OK: i32 = 0;
pub const EXIT_FAILED: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

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
    eprintln!("paragraf: {}: {e}", path.display());
    match e {
        Error::Config(_) => EXIT_USAGE,
        _ => EXIT_FAILED,
    }
}

/// `paragraf extract FILE [-o OUT]`.
pub fn extract(
    file: &Path,
    output: Option<&Path>,
    compact: bool,
    jobs: Option<usize>,
    settings: Settings,
) -> i32 {
    let pipeline = match Pipeline::new(settings) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("paragraf: {e}");
            return EXIT_USAGE;
        }
    };
    if let Err(e) = pipeline.check_ocr() {
        eprintln!("paragraf: {e}");
        return EXIT_USAGE;
    }
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("paragraf: cannot start worker threads: {e}");
            return EXIT_FAILED;
        }
    };
    let result = pool.install(|| {
        let r = pipeline.process(file, &file.to_string_lossy());
        crate::ocr::release_engines();
        r
    });
    let doc = match result {
        Ok(d) => d,
        Err(e) => return report_error(file, &e),
    };
    let json = to_json(&doc, compact);
    match output {
        Some(out) => match write_atomic(out, json.as_bytes()) {
            Ok(()) => EXIT_OK,
            Err(e) => report_error(out, &e),
        },
        None => {
            let mut so = std::io::stdout().lock();
            if so
                .write_all(json.as_bytes())
                .and_then(|_| so.write_all(b"\n"))
                .is_err()
            {
                return EXIT_FAILED;
            }
            EXIT_OK
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
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let fail = |e: std::io::Error| Error::Output {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(fail)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(fail)
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
        Err(e) => {
            eprintln!("paragraf: {e}");
            return EXIT_USAGE;
        }
    };
    let out = repairer.repair(&text);
    if let Some(rp) = report {
        if let Err(e) = write_atomic(rp, out.report_json().as_bytes()) {
            return report_error(rp, &e);
        }
    }
    let mut so = std::io::stdout().lock();
    if so.write_all(out.text.as_bytes()).is_err() {
        return EXIT_FAILED;
    }
    EXIT_OK
}

fn read_stdin() -> Result<Vec<u8>, Error> {
    let mut v = Vec::new();
    std::io::stdin()
        .read_to_end(&mut v)
        .map_err(|e| Error::Io(e.to_string()))?;
    Ok(v)
}

/// `paragraf schema`.
pub fn schema() -> i32 {
    println!("{}", Document::json_schema());
    EXIT_OK
}

/// `paragraf eval GOLD HYP [NOISY]`: the figures of tools/score.py as JSON.
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
    println!(
        "{}",
        serde_json::to_string_pretty(&report).expect("serialises")
    );
    EXIT_OK
}
