//! Errors. Every variant renders as one line that names the reason; the
//! caller prefixes the file name.

use std::path::PathBuf;

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
    #[error("cannot write {path}: {reason}")]
    Output { path: PathBuf, reason: String },
    #[error("configuration error: {0}")]
    Config(String),
    #[error("interrupted")]
    Interrupted,
    #[error("I/O error: {0}")]
    Io(String),
}

impl Error {
    /// Map an I/O error on reading an input to a clear reason.
    pub fn from_io(e: &std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound,
            std::io::ErrorKind::PermissionDenied => Error::PermissionDenied,
            std::io::ErrorKind::IsADirectory => Error::IsDirectory,
            _ => Error::Io(e.to_string()),
        }
    }
}
