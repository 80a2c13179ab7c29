//! Errors. Every variant renders as one line that names the reason; the
//! caller prefixes the file name. Causes are kept as sources
//! ([`std::error::Error::source`]) where there is one; [`Error::exit_code`]
//! is the one place that maps an error to the process exit code.

use std::path::PathBuf;

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: a document (or a write) failed.
pub const EXIT_FAILED: i32 = 1;
/// Exit code: usage or configuration error.
pub const EXIT_USAGE: i32 = 2;
/// Exit code after SIGINT (Ctrl-C).
pub const EXIT_SIGINT: i32 = 130;
/// Exit code when stdout was closed under a writer (as for SIGPIPE).
pub const EXIT_SIGPIPE: i32 = 141;
/// Exit code after SIGTERM (e.g. a scheduler preempting the job).
pub const EXIT_SIGTERM: i32 = 143;

/// Why a document could not be processed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no such file")]
    NotFound,
    #[error("permission denied")]
    PermissionDenied,
    #[error("is a directory")]
    IsDirectory,
    #[error("not a regular file: {0}; refused unread")]
    NotRegular(String),
    #[error("file too large: {size} exceeds --max-file-size of {limit_mb} MB")]
    FileTooLarge { size: String, limit_mb: u64 },
    #[error("empty file (0 bytes)")]
    Empty,
    #[error("unsupported file type ({0})")]
    Unsupported(String),
    #[error("content does not match extension: named .{ext} but contains {found}")]
    Mismatch { ext: String, found: String },
    #[error("corrupt PDF: {0}")]
    CorruptPdf(String),
    #[error("encrypted PDF (password-protected); decrypt it first, e.g. qpdf --decrypt")]
    EncryptedPdf,
    #[error("corrupt image: {0}")]
    CorruptImage(String),
    #[error("image too large: {width}x{height} pixels exceeds the limit of {limit} megapixels")]
    TooLarge { width: u64, height: u64, limit: u64 },
    #[error("too many pages: {pages} exceeds the limit of {limit}")]
    TooManyPages { pages: usize, limit: usize },
    #[error("page {page} has no usable text layer and --ocr never forbids OCR")]
    OcrRefused { page: usize },
    #[error("OCR failed on page {page}: {reason}")]
    Ocr { page: usize, reason: String },
    #[error("OCR of page {page} exceeded the page timeout of {seconds} s")]
    PageTimeout { page: usize, seconds: f64 },
    #[error("external tool {tool} failed: {reason}")]
    Tool { tool: String, reason: String },
    #[error("cannot write {path}: {source}")]
    Output {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An archive output (the searchable PDF) cannot be made from the input.
    #[error("cannot make an archive output for {path}: {reason}")]
    Archive { path: PathBuf, reason: String },
    #[error("configuration error: {0}")]
    Config(String),
    #[error("interrupted")]
    Interrupted,
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// A usage error whose message says it all (`run: no INPUT given`).
    #[error("{0}")]
    Usage(String),
    #[error("cannot create output folder {path}: {source}")]
    CreateOutput {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot lock {path}: {source}")]
    Lock {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "another paragraf run ({holder}) is writing to {dir}; wait for it to finish \
         (or give each run its own --out or --shard)"
    )]
    Locked { holder: String, dir: PathBuf },
    /// `--config FILE` could not be used: unreadable, not TOML, a bad key
    /// or value.
    #[error("config {path}: {reason}")]
    ConfigFile { path: PathBuf, reason: String },
    /// A manifest could not be read or merged.
    #[error("{at}: {reason}")]
    Manifest { at: String, reason: String },
    #[error("cannot start a worker process: {0}")]
    WorkerStart(#[source] std::io::Error),
    /// A reason that reached us as text: what a worker process reported,
    /// how it died, or why an input could not be listed.
    #[error("{0}")]
    Failed(String),
    /// A batch stopped before it came to this document.
    #[error("interrupted before processing")]
    NotStarted,
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    #[cfg(feature = "cli")]
    #[error("bad glob '{pattern}': {source}")]
    Glob {
        pattern: String,
        #[source]
        source: globset::Error,
    },
}

impl Error {
    /// The process exit code for this error: usage and configuration
    /// errors (the run cannot start as asked) 2, everything else 1.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Config(_)
            | Error::Usage(_)
            | Error::CreateOutput { .. }
            | Error::Lock { .. }
            | Error::Locked { .. }
            | Error::ConfigFile { .. }
            | Error::Manifest { .. } => EXIT_USAGE,
            #[cfg(feature = "cli")]
            Error::Glob { .. } => EXIT_USAGE,
            _ => EXIT_FAILED,
        }
    }
}

impl Error {
    /// Map an I/O error on reading an input to a clear reason.
    pub fn from_io(e: &std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound,
            std::io::ErrorKind::PermissionDenied => Error::PermissionDenied,
            std::io::ErrorKind::IsADirectory => Error::IsDirectory,
            _ => Error::Io(std::io::Error::new(e.kind(), e.to_string())),
        }
    }
}
