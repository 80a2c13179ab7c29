//! Stage 2: recognise text in a page image with Tesseract.
//!
//! Input: a cleaned 8-bit grayscale image (see [`crate::preprocess`]).
//! Output: the page text with per-word confidences and bounding boxes.
//! Engines are expensive to create (model load), so each worker thread keeps
//! one per language setup for its lifetime.

mod engine;

pub use engine::{tesseract_version, CANCEL};
use engine::{Engine, EngineError};

use crate::model::Word;
use crate::Error;
use image::GrayImage;
use std::cell::RefCell;
use std::time::Duration;

/// OCR settings.
#[derive(Debug, Clone)]
pub struct OcrConfig {
    /// Tesseract language setup, e.g. "swe+eng".
    pub lang: String,
    /// Folder with `*.traineddata`; None: the system default.
    pub tessdata: Option<String>,
    /// Give up on a page after this long.
    pub page_timeout: Option<Duration>,
}

/// The recognised text of one page.
#[derive(Debug, Clone, Default)]
pub struct OcrPage {
    /// Text, lines separated by '\n', paragraphs by an empty line.
    pub text: String,
    /// Words with confidence 0..1 and bounding boxes.
    pub words: Vec<Word>,
    /// Tesseract's text lines, in its reading order: block, paragraph and
    /// the range of `words` on the line.
    pub lines: Vec<OcrLine>,
    /// Mean word confidence 0..1; None when no word was found.
    pub confidence: Option<f32>,
}

/// One text line as Tesseract's layout analysis found it.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrLine {
    /// Tesseract's block number on the page (1-based).
    pub block: u32,
    /// Paragraph number within the block.
    pub par: u32,
    /// Words of the line: `words[start..end]` of the page.
    pub words: std::ops::Range<usize>,
}

thread_local! {
    static ENGINE: RefCell<Option<(String, Engine)>> = const { RefCell::new(None) };
    /// The orientation engine (`osd` model) of this thread, kept apart from
    /// the recognition engine so neither reloads its model per page.
    static OSD: RefCell<Option<(String, Option<Engine>)>> = const { RefCell::new(None) };
}

/// Tesseract's orientation of a page: (degrees counter-clockwise the page
/// is turned, confidence). None when the `osd` model is missing or the page
/// has too little text to tell.
pub fn detect_orientation(
    img: &GrayImage,
    dpi: Option<u32>,
    cfg: &OcrConfig,
) -> Option<(u32, f32)> {
    let (w, h) = img.dimensions();
    if w < 3 || h < 3 {
        return None;
    }
    let key = cfg.tessdata.clone().unwrap_or_default();
    OSD.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|(k, _)| *k != key) {
            *slot = None;
            *slot = Some((key, Engine::new_osd(cfg.tessdata.as_deref()).ok()));
        }
        let engine = slot.as_mut().and_then(|(_, e)| e.as_mut())?;
        engine.detect_orientation(img.as_raw(), w, h, dpi)
    })
}

/// Whether the orientation model can be loaded (so a missing
/// `osd.traineddata` is reported once, not silently ignored).
pub fn orientation_available(cfg: &OcrConfig) -> bool {
    model_dir(cfg).join("osd.traineddata").exists()
}

/// Recognise one rectangle `[left, top, width, height]` of a page image on
/// its own (a table cell the page-level pass missed): as a single line or a
/// single block. Returns the text and its mean confidence 0..1.
pub fn recognize_region(
    img: &GrayImage,
    dpi: Option<u32>,
    cfg: &OcrConfig,
    rect: [u32; 4],
    single_line: bool,
) -> Option<(String, f32)> {
    let (w, h) = img.dimensions();
    with_engine(cfg, |e| {
        Ok(e.recognize_region(img.as_raw(), w, h, dpi, rect, single_line))
    })
    .ok()
    .flatten()
    .map(|(t, c)| (t.trim().to_string(), c.clamp(0, 100) as f32 / 100.0))
}

/// Run `f` with this thread's engine for `cfg`, creating it on first use.
fn with_engine<T>(
    cfg: &OcrConfig,
    f: impl FnOnce(&mut Engine) -> Result<T, EngineError>,
) -> Result<T, EngineError> {
    let key = format!("{}\0{}", cfg.lang, cfg.tessdata.as_deref().unwrap_or(""));
    ENGINE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|(k, _)| *k != key) {
            *slot = None; // drop the old engine first: memory
            *slot = Some((key, Engine::new(cfg.tessdata.as_deref(), &cfg.lang)?));
        }
        f(&mut slot.as_mut().expect("engine set above").1)
    })
}

/// Drop the OCR engines of every thread of the current rayon pool and of
/// this thread. Call before the process exits: libtesseract complains about
/// "leaked" models held by engines that were never destroyed.
pub fn release_engines() {
    rayon::broadcast(|_| {
        ENGINE.with(|c| c.borrow_mut().take());
        OSD.with(|c| c.borrow_mut().take());
    });
    ENGINE.with(|c| c.borrow_mut().take());
    OSD.with(|c| c.borrow_mut().take());
}

/// Where Tesseract looks for models when no --tessdata is given.
const DEFAULT_TESSDATA: &str = "/usr/share/tesseract-ocr/5/tessdata";

fn model_dir(cfg: &OcrConfig) -> std::path::PathBuf {
    cfg.tessdata
        .clone()
        .or_else(|| std::env::var("TESSDATA_PREFIX").ok())
        .unwrap_or_else(|| DEFAULT_TESSDATA.to_string())
        .into()
}

/// Check that the language data loads (fail fast before a batch starts).
pub fn check(cfg: &OcrConfig) -> Result<(), Error> {
    let dir = model_dir(cfg);
    for part in cfg.lang.split('+').filter(|p| !p.is_empty()) {
        let file = dir.join(format!("{part}.traineddata"));
        if !file.exists() {
            return Err(Error::Config(format!(
                "no Tesseract model for --lang part '{part}': {} does not exist \
                 (scripts/setup-debian.sh installs Latin, swe and eng; or set --tessdata)",
                file.display()
            )));
        }
    }
    Ok(())
}

/// Recognise one page image. `page` (1-based) is used in error messages.
pub fn recognize(
    img: &GrayImage,
    dpi: Option<u32>,
    cfg: &OcrConfig,
    page: usize,
) -> Result<OcrPage, Error> {
    let (w, h) = img.dimensions();
    if w < 3 || h < 3 {
        return Ok(OcrPage::default());
    }
    let tsv = with_engine(cfg, |e| {
        e.recognize_gray(img.as_raw(), w, h, dpi, cfg.page_timeout)
    })
    .map_err(|e| map_err(e, page, cfg))?;
    Ok(parse_tsv(&tsv))
}

fn map_err(e: EngineError, page: usize, cfg: &OcrConfig) -> Error {
    match e {
        EngineError::Init(reason) => Error::Config(reason),
        EngineError::Recognize => Error::Ocr {
            page,
            reason: "Tesseract could not recognise the page".into(),
        },
        EngineError::Timeout => Error::PageTimeout {
            page,
            seconds: cfg.page_timeout.map_or(0.0, |d| d.as_secs_f64()),
        },
        EngineError::Cancelled => Error::Interrupted,
    }
}

/// Turn Tesseract's TSV (level, page, block, par, line, word, left, top,
/// width, height, conf, text) into text, words and a mean confidence.
pub fn parse_tsv(tsv: &str) -> OcrPage {
    let mut out = OcrPage::default();
    let mut last: Option<(u32, u32, u32)> = None;
    let mut conf_sum = 0.0f32;
    for line in tsv.lines() {
        let cols: Vec<&str> = line.splitn(12, '\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let text = cols[11].trim();
        if text.is_empty() {
            continue;
        }
        let num = |i: usize| cols[i].trim().parse::<u32>().unwrap_or(0);
        let (block, par, ln) = (num(2), num(3), num(4));
        let new_line = match last {
            None => true,
            Some((b, p, _)) if (b, p) != (block, par) => {
                out.text.push_str("\n\n");
                true
            }
            Some((_, _, l)) if l != ln => {
                out.text.push('\n');
                true
            }
            Some(_) => {
                out.text.push(' ');
                false
            }
        };
        let i = out.words.len();
        if new_line {
            out.lines.push(OcrLine {
                block,
                par,
                words: i..i + 1,
            });
        } else if let Some(l) = out.lines.last_mut() {
            l.words.end = i + 1;
        }
        last = Some((block, par, ln));
        out.text.push_str(text);
        let conf = cols[10]
            .trim()
            .parse::<f32>()
            .unwrap_or(0.0)
            .clamp(0.0, 100.0)
            / 100.0;
        conf_sum += conf;
        out.words.push(Word {
            text: text.to_string(),
            confidence: conf,
            bbox: [num(6), num(7), num(8), num(9)],
        });
    }
    if !out.words.is_empty() {
        out.text.push('\n');
        out.confidence = Some(conf_sum / out.words.len() as f32);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_lines_and_paragraphs() {
        let tsv = "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t10\t10\t20\t10\t90\t§\n\
                   5\t1\t1\t1\t1\t2\t35\t10\t20\t10\t80\t15\n\
                   5\t1\t1\t1\t2\t1\t10\t30\t40\t10\t70\tRubrik\n\
                   5\t1\t1\t2\t1\t1\t10\t60\t40\t10\t60\tText\n";
        let p = parse_tsv(tsv);
        assert_eq!(p.text, "§ 15\nRubrik\n\nText\n");
        assert_eq!(p.words.len(), 4);
        assert_eq!(p.words[1].bbox, [35, 10, 20, 10]);
        let ranges: Vec<_> = p
            .lines
            .iter()
            .map(|l| (l.block, l.par, l.words.clone()))
            .collect();
        assert_eq!(ranges, vec![(1, 1, 0..2), (1, 1, 2..3), (1, 2, 3..4)]);
        assert!((p.confidence.unwrap() - 0.75).abs() < 1e-6);
    }

    #[test]
    fn empty_tsv_has_no_confidence() {
        let p = parse_tsv("");
        assert!(p.text.is_empty() && p.confidence.is_none());
    }
}
