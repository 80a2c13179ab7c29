//! Stage 1: read an input file into pages.
//!
//! The format is detected from the content, never trusted from the name.
//! Each page is either text (a text file, or a PDF text layer judged good)
//! or an image to OCR. PDF pages and the pages of a multi-page TIFF are
//! loaded lazily, one page at a time, so a 300-page PDF or a 5,000-page TIFF
//! never sits decoded in memory.
//!
//! Only regular files are read (a FIFO would block, `/dev/zero` never
//! ends), and never more than [`Limits::max_file_bytes`].

mod detect;
mod image_file;
mod pdf;
pub use pdf::known_word_share;
mod pixels;
mod text_file;
pub mod tool;

pub use detect::{detect, Detected};
pub use text_file::decode as decode_text;

use crate::cancel::CancelToken;
use crate::model::{PageSource, SourceFormat};
use crate::Error;
use image::GrayImage;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// When to OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum OcrMode {
    /// Use a PDF's text layer when it is good, OCR otherwise.
    #[default]
    Auto,
    /// Always OCR page images, ignoring any text layer.
    Always,
    /// Never OCR: fail on pages without a usable text layer.
    Never,
}

/// Default of [`Limits::max_megapixels`] (`--max-megapixels`).
pub const DEFAULT_MAX_MEGAPIXELS: u64 = 150;
/// Default of [`Limits::max_pages`] (`--max-pages`).
pub const DEFAULT_MAX_PAGES: usize = 5000;
/// Default of [`Limits::raster_dpi`] (`--dpi`).
pub const DEFAULT_DPI: u32 = 300;
/// Default of `--max-file-size`, in MB ([`Limits::max_file_bytes`]).
pub const DEFAULT_MAX_FILE_MB: u64 = 2048;

/// Guards against absurd inputs, and the token that stops external
/// programs early.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest page image, in megapixels (decompression bombs).
    pub max_megapixels: u64,
    /// Most pages in one document.
    pub max_pages: usize,
    /// Resolution for rasterising PDF pages that are not one embedded image.
    pub raster_dpi: u32,
    /// Most bytes read from one input file (`--max-file-size`).
    pub max_file_bytes: u64,
    /// Time limit of one run of an external program (pdftoppm, pdftotext).
    pub tool_timeout: Duration,
    /// Stops a running external program (the owner's token).
    pub cancel: CancelToken,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_megapixels: DEFAULT_MAX_MEGAPIXELS,
            max_pages: DEFAULT_MAX_PAGES,
            raster_dpi: DEFAULT_DPI,
            max_file_bytes: DEFAULT_MAX_FILE_MB * 1_000_000,
            tool_timeout: tool::DEFAULT_TOOL_TIMEOUT,
            cancel: CancelToken::new(),
        }
    }
}

impl Limits {
    /// Most pixels of one page image.
    pub fn max_pixels(&self) -> u64 {
        self.max_megapixels.saturating_mul(1_000_000)
    }

    pub(crate) fn check(&self, width: u64, height: u64) -> Result<(), Error> {
        if width.saturating_mul(height) > self.max_pixels() {
            return Err(Error::TooLarge {
                width,
                height,
                limit: self.max_megapixels,
            });
        }
        Ok(())
    }
}

/// One page of input, before OCR.
pub enum PageInput {
    /// Text that needs no OCR. `recheck`: a PDF text layer that reads
    /// doubtfully (an old scanner's OCR): this page index is OCR'd as well
    /// and the reading with more known Swedish words is kept.
    Text {
        text: String,
        source: PageSource,
        recheck: Option<usize>,
    },
    /// An image page, decoded.
    Image { image: GrayImage, dpi: Option<u32> },
    /// Page `index` (0-based) of a PDF or a multi-page TIFF, decoded only
    /// when [`Ingested::load_image`] is called.
    Deferred { index: usize },
}

/// A file read into pages.
pub struct Ingested {
    pub path: PathBuf,
    pub format: SourceFormat,
    pub sha256: String,
    /// Encoding of a text input.
    pub encoding: Option<String>,
    pub pages: Vec<PageInput>,
    /// Notes for the document's warnings (e.g. a rejected text layer).
    pub notes: Vec<String>,
    /// Notes found while loading deferred pages (a damaged page image),
    /// by page number.
    page_notes: Mutex<Vec<(usize, String)>>,
    pdf: Option<pdf::PdfFile>,
    tiff: Option<image_file::TiffPages>,
}

impl Ingested {
    /// Load the image of a [`PageInput::Deferred`] page.
    pub fn load_image(
        &self,
        index: usize,
        limits: &Limits,
    ) -> Result<(GrayImage, Option<u32>), Error> {
        let (img, dpi, note) = if let Some(p) = &self.pdf {
            p.page_image(&self.path, index, limits)?
        } else if let Some(t) = &self.tiff {
            let (img, dpi) = t.page(index, limits)?;
            (img, dpi, None)
        } else {
            return Err(Error::Io(std::io::Error::other("no deferred pages")));
        };
        if let Some(n) = note {
            self.note_page(index, n);
        }
        Ok((img, dpi))
    }

    /// Page `index` (0-based) of a PDF rendered at `dpi` for the search of
    /// its drawn rules (vector graphics not anti-aliased); None when the
    /// input is not a PDF.
    pub fn render_rules(
        &self,
        index: usize,
        dpi: u32,
        limits: &Limits,
    ) -> Option<Result<GrayImage, Error>> {
        self.pdf.as_ref()?;
        Some(pdf::rasterize_rules(&self.path, index + 1, dpi, limits))
    }

    /// A note about page `index` (0-based) for the document's warnings.
    pub fn note_page(&self, index: usize, note: String) {
        let mut v = self.page_notes.lock().unwrap_or_else(|e| e.into_inner());
        v.push((index + 1, format!("page {}: {note}", index + 1)));
    }

    /// Every note for the document's warnings: those found when the file
    /// was opened, then those of its pages in page order.
    pub fn all_notes(&self) -> Vec<String> {
        let mut pages = self
            .page_notes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        pages.sort();
        let mut v = self.notes.clone();
        v.extend(pages.into_iter().map(|(_, n)| n));
        v
    }
}

/// Read a whole input file, refusing anything but a regular file (a FIFO
/// would block forever, a device like `/dev/zero` never ends; a symlink to
/// one is refused too) and more than `max_bytes` bytes, counted as they are
/// read (the file may grow, or lie about its size).
pub fn read_input(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Error> {
    use std::os::unix::fs::OpenOptionsExt;
    let meta = std::fs::metadata(path).map_err(|e| Error::from_io(&e))?;
    check_regular(&meta)?;
    // O_NONBLOCK: should the file be swapped for a FIFO after the check,
    // opening it still does not block (and reads then fail or end).
    let f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| Error::from_io(&e))?;
    check_regular(&f.metadata().map_err(|e| Error::from_io(&e))?)?;
    if meta.len() > max_bytes {
        return Err(Error::FileTooLarge {
            size: format!("{:.1} MB", meta.len() as f64 / 1e6),
            limit_mb: max_bytes / 1_000_000,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len().min(max_bytes) as usize);
    f.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::from_io(&e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::FileTooLarge {
            size: format!("more than {:.1} MB", max_bytes as f64 / 1e6),
            limit_mb: max_bytes / 1_000_000,
        });
    }
    Ok(bytes)
}

/// A directory, FIFO, device or socket is refused by its type, unopened.
pub fn check_regular(meta: &std::fs::Metadata) -> Result<(), Error> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    let what = if t.is_file() {
        return Ok(());
    } else if t.is_dir() {
        return Err(Error::IsDirectory);
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a file"
    };
    Err(Error::NotRegular(what.into()))
}

/// SHA-256 of bytes, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Read a file: check it, detect its format and split it into pages.
pub fn ingest(path: &Path, mode: OcrMode, limits: &Limits) -> Result<Ingested, Error> {
    let bytes = read_input(path, limits.max_file_bytes)?;
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    let detected = detect(&bytes);
    check_extension(path, detected)?;
    let sha256 = sha256_hex(&bytes);
    let mut out = Ingested {
        path: path.to_path_buf(),
        format: SourceFormat::Text,
        sha256,
        encoding: None,
        pages: Vec::new(),
        notes: Vec::new(),
        page_notes: Mutex::new(Vec::new()),
        pdf: None,
        tiff: None,
    };
    let format = match detected {
        Detected::Format(f) => f,
        Detected::Other(what) => return Err(Error::Unsupported(what.to_string())),
    };
    out.format = format;
    match format {
        SourceFormat::Pdf => {
            let (file, pages, notes) = pdf::open(path, &bytes, mode, limits)?;
            out.pdf = Some(file);
            out.pages = pages;
            out.notes = notes;
        }
        SourceFormat::Png | SourceFormat::Jpeg | SourceFormat::Pnm | SourceFormat::Tiff => {
            if mode == OcrMode::Never {
                return Err(Error::OcrRefused { page: 1 });
            }
            if format == SourceFormat::Tiff {
                let (t, n) = image_file::TiffPages::open(bytes, limits)?;
                out.tiff = Some(t);
                out.pages = (0..n).map(|index| PageInput::Deferred { index }).collect();
            } else {
                out.pages = image_file::pages(&bytes, format, limits)?;
                // The decoder fills in what is missing: say so, as for a
                // PDF's page image.
                if format == SourceFormat::Jpeg && !pdf::jpeg_complete(&bytes) {
                    out.notes.push(
                        "page 1: the image is damaged (its JPEG data ends early); text may be missing"
                            .into(),
                    );
                }
            }
        }
        SourceFormat::Text => {
            let (text, enc) = text_file::decode(&bytes);
            drop(bytes);
            out.encoding = Some(enc.to_string());
            out.pages = text_file::into_pages(text);
        }
    }
    if out.pages.len() > limits.max_pages {
        return Err(Error::TooManyPages {
            pages: out.pages.len(),
            limit: limits.max_pages,
        });
    }
    Ok(out)
}

/// A known extension whose content is another known format is an error:
/// the file is probably mislabelled or damaged.
fn check_extension(path: &Path, detected: Detected) -> Result<(), Error> {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return Ok(());
    };
    let ext_l = ext.to_ascii_lowercase();
    let expected = match ext_l.as_str() {
        "pdf" => SourceFormat::Pdf,
        "png" => SourceFormat::Png,
        "jpg" | "jpeg" => SourceFormat::Jpeg,
        "tif" | "tiff" => SourceFormat::Tiff,
        "pgm" | "pbm" | "ppm" | "pnm" => SourceFormat::Pnm,
        "txt" | "text" => SourceFormat::Text,
        _ => return Ok(()),
    };
    if detected == Detected::Format(expected) {
        Ok(())
    } else {
        Err(Error::Mismatch {
            ext: ext.to_string(),
            found: detected.describe().to_string(),
        })
    }
}
