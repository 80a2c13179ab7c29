//! Stage 1: read an input file into pages.
//!
//! The format is detected from the content, never trusted from the name.
//! Each page is either text (a text file, or a PDF text layer judged good)
//! or an image to OCR. PDF page images are loaded lazily, one page at a time,
//! so a 300-page PDF never sits decoded in memory.

mod detect;
mod image_file;
mod pdf;
mod text_file;

pub use detect::{detect, Detected};
pub use text_file::decode as decode_text;

use crate::model::{PageSource, SourceFormat};
use crate::Error;
use image::GrayImage;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// When to OCR.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
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

/// Guards against absurd inputs.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest page image, in megapixels (decompression bombs).
    pub max_megapixels: u64,
    /// Most pages in one document.
    pub max_pages: usize,
    /// Resolution for rasterising PDF pages that are not one embedded image.
    pub raster_dpi: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_megapixels: 150,
            max_pages: 5000,
            raster_dpi: 300,
        }
    }
}

impl Limits {
    pub(crate) fn check(&self, width: u64, height: u64) -> Result<(), Error> {
        if width.saturating_mul(height) > self.max_megapixels * 1_000_000 {
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
    /// Text that needs no OCR.
    Text { text: String, source: PageSource },
    /// An image page, decoded.
    Image { image: GrayImage, dpi: Option<u32> },
    /// PDF page `index` (0-based) to be loaded with [`Ingested::load_image`].
    PdfPage { index: usize },
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
    pdf: Option<pdf::PdfFile>,
}

impl Ingested {
    /// Load the image of a [`PageInput::PdfPage`].
    pub fn load_image(
        &self,
        index: usize,
        limits: &Limits,
    ) -> Result<(GrayImage, Option<u32>), Error> {
        match &self.pdf {
            Some(p) => p.page_image(&self.path, index, limits),
            None => Err(Error::Io("not a PDF".into())),
        }
    }
}

/// SHA-256 of bytes, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Read a file: check it, detect its format and split it into pages.
pub fn ingest(path: &Path, mode: OcrMode, limits: &Limits) -> Result<Ingested, Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::from_io(&e))?;
    if meta.is_dir() {
        return Err(Error::IsDirectory);
    }
    let bytes = std::fs::read(path).map_err(|e| Error::from_io(&e))?;
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
        pdf: None,
    };
    match detected {
        Detected::Pdf => {
            out.format = SourceFormat::Pdf;
            let (file, pages, notes) = pdf::open(path, &bytes, mode, limits)?;
            out.pdf = Some(file);
            out.pages = pages;
            out.notes = notes;
        }
        Detected::Png | Detected::Jpeg | Detected::Pnm | Detected::Tiff => {
            if mode == OcrMode::Never {
                return Err(Error::OcrRefused { page: 1 });
            }
            out.format = match detected {
                Detected::Png => SourceFormat::Png,
                Detected::Jpeg => SourceFormat::Jpeg,
                Detected::Tiff => SourceFormat::Tiff,
                _ => SourceFormat::Pnm,
            };
            out.pages = image_file::pages(&bytes, detected, limits)?;
        }
        Detected::Text => {
            let (text, enc) = text_file::decode(&bytes);
            out.encoding = Some(enc.to_string());
            out.pages = text_file::pages(&text);
        }
        Detected::Other(what) => return Err(Error::Unsupported(what.to_string())),
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
    let expected: &[Detected] = match ext_l.as_str() {
        "pdf" => &[Detected::Pdf],
        "png" => &[Detected::Png],
        "jpg" | "jpeg" => &[Detected::Jpeg],
        "tif" | "tiff" => &[Detected::Tiff],
        "pgm" | "pbm" | "ppm" | "pnm" => &[Detected::Pnm],
        "txt" | "text" => &[Detected::Text],
        _ => return Ok(()),
    };
    if expected.contains(&detected) {
        Ok(())
    } else {
        Err(Error::Mismatch {
            ext: ext.to_string(),
            found: detected.describe().to_string(),
        })
    }
}
