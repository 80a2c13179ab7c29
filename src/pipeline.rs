//! One file through every stage:
//! ingest → preprocess + OCR (pages in parallel) → repair → segment → JSON.

use crate::cancel::CancelToken;
use crate::ingest::{self, Ingested, Limits, OcrMode, PageInput};
use crate::layout::{self, furniture, orientation, tables, PageLayout};
use crate::model::{self, Document, Generator, Page, PageSource, Source, SourceFormat};
use crate::ocr::{self, OcrConfig};
use crate::repair::{markers, RepairOptions, Repairer};
use crate::{preprocess, segment, Error};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;
use unicode_normalization::UnicodeNormalization;

/// How much higher (as a share of known words) a page's OCR must read than
/// its doubtful text layer to replace it.
const RECHECK_MARGIN: f32 = 0.05;

/// Every setting that changes a document's output. Shared by `extract` and
/// `run`; part of the settings hash that lets batch runs skip done work.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// When to OCR: auto uses a PDF text layer when it is good.
    #[cfg_attr(feature = "cli", arg(long, value_enum, default_value_t = OcrMode::Auto))]
    pub ocr: OcrMode,
    /// Tesseract language setup. The default, the Latin script model, keeps
    /// "§" (Debian's swe model cannot produce it) and å/ä/ö; see
    /// BENCHMARKS.md for the measurement. Examples: swe, swe+eng.
    #[cfg_attr(
        feature = "cli",
        arg(long, default_value = "Latin", value_name = "LANGS")
    )]
    pub lang: String,
    /// Folder with Tesseract *.traineddata (default: the system's).
    #[cfg_attr(feature = "cli", arg(long, value_name = "DIR"))]
    pub tessdata: Option<PathBuf>,
    /// Resolution for rasterising PDF pages that are not a single image.
    #[cfg_attr(feature = "cli", arg(long, default_value_t = ingest::DEFAULT_DPI, value_name = "DPI"))]
    pub dpi: u32,
    /// Skip image cleaning (denoise, binarize, deskew) before OCR.
    #[cfg_attr(feature = "cli", arg(long))]
    pub no_preprocess: bool,
    /// Refuse page images larger than this (decompression bombs).
    #[cfg_attr(
        feature = "cli",
        arg(long, default_value_t = ingest::DEFAULT_MAX_MEGAPIXELS, value_name = "MP")
    )]
    pub max_megapixels: u64,
    /// Refuse documents with more pages than this.
    #[cfg_attr(
        feature = "cli",
        arg(long, default_value_t = ingest::DEFAULT_MAX_PAGES, value_name = "N")
    )]
    pub max_pages: usize,
    /// Give up on a page whose OCR takes longer than this (seconds).
    #[cfg_attr(feature = "cli", arg(long, value_name = "SECONDS"))]
    pub page_timeout: Option<f64>,
    /// `--lexicon` and `--min-confidence` (their place in the serialised
    /// settings, and so in the settings hash, is unchanged).
    #[cfg_attr(feature = "cli", command(flatten))]
    #[serde(flatten)]
    pub repair: RepairOptions,
    /// Do not repair the text.
    #[cfg_attr(feature = "cli", arg(long))]
    pub no_repair: bool,
    /// Leave per-word OCR boxes out of the JSON.
    #[cfg_attr(feature = "cli", arg(long))]
    pub no_words: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ocr: OcrMode::Auto,
            lang: "Latin".into(),
            tessdata: None,
            dpi: ingest::DEFAULT_DPI,
            no_preprocess: false,
            max_megapixels: ingest::DEFAULT_MAX_MEGAPIXELS,
            max_pages: ingest::DEFAULT_MAX_PAGES,
            page_timeout: None,
            repair: RepairOptions::default(),
            no_repair: false,
            no_words: false,
        }
    }
}

/// Longest accepted `--page-timeout`, in seconds (a week).
pub const MAX_PAGE_TIMEOUT: f64 = 604_800.0;

/// A ready pipeline: lexicons loaded, settings validated. Share it across
/// threads; OCR engines are per thread.
pub struct Pipeline {
    settings: Settings,
    limits: Limits,
    ocr: OcrConfig,
    repairer: Option<Repairer>,
    settings_hash: String,
    /// Whether the orientation model is there (checked once).
    orientation: bool,
    /// Keep word boxes despite `--no-words` (the archive outputs need them;
    /// see [`crate::output::strip_words`]).
    keep_words: bool,
}

/// Processing statistics for one document.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub pages: usize,
    pub ocr_pages: usize,
}

impl Pipeline {
    /// Validate settings and load the lexicons.
    pub fn new(settings: Settings) -> Result<Self, Error> {
        if settings.dpi < 50 || settings.dpi > 1200 {
            return Err(Error::Config(format!(
                "--dpi {} is outside 50..=1200",
                settings.dpi
            )));
        }
        settings.repair.validate()?;
        if let Some(t) = settings.page_timeout {
            if !(t.is_finite() && t > 0.0 && t <= MAX_PAGE_TIMEOUT) {
                return Err(Error::Config(format!(
                    "--page-timeout {t} is not a number of seconds in 0..={MAX_PAGE_TIMEOUT}"
                )));
            }
        }
        if settings.max_megapixels == 0 || settings.max_pages == 0 {
            return Err(Error::Config(
                "--max-megapixels and --max-pages must be at least 1".into(),
            ));
        }
        let repairer = if settings.no_repair {
            None
        } else {
            Some(Repairer::new(&settings.repair)?)
        };
        let settings_hash = settings_hash(&settings)?;
        let ocr = OcrConfig {
            lang: settings.lang.clone(),
            tessdata: settings
                .tessdata
                .as_ref()
                .map(|p| p.to_string_lossy().into_owned()),
            page_timeout: settings.page_timeout.map(Duration::from_secs_f64),
            cancel: CancelToken::new(),
        };
        Ok(Pipeline {
            orientation: ocr::orientation_available(&ocr),
            keep_words: false,
            limits: Limits {
                max_megapixels: settings.max_megapixels,
                max_pages: settings.max_pages,
                raster_dpi: settings.dpi,
                tool_timeout: settings
                    .page_timeout
                    .map_or(ingest::tool::DEFAULT_TOOL_TIMEOUT, Duration::from_secs_f64),
                cancel: ocr.cancel.clone(),
                ..Limits::default()
            },
            ocr,
            repairer,
            settings_hash,
            settings,
        })
    }

    /// The token that stops this pipeline's work: cancel it (from any
    /// thread) and the document in progress ends with
    /// [`Error::Interrupted`] at the next page, OCR check or external
    /// program poll. It stays cancelled: give the pipeline a fresh one with
    /// [`Pipeline::set_cancel_token`] to go on.
    pub fn cancel_token(&self) -> &CancelToken {
        &self.ocr.cancel
    }

    /// Use `token` from now on (e.g. one shared with a batch, or a fresh
    /// one after a cancellation).
    pub fn set_cancel_token(&mut self, token: CancelToken) {
        self.limits.cancel = token.clone();
        self.ocr.cancel = token;
    }

    /// Read no more than this many bytes of an input (`--max-file-size`).
    pub fn set_max_file_bytes(&mut self, bytes: u64) {
        self.limits.max_file_bytes = bytes;
    }

    /// Keep per-word boxes in the documents even with `--no-words`.
    pub fn keep_words(&mut self) {
        self.keep_words = true;
    }

    /// The settings this pipeline runs with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Hash of everything that changes the output (version, settings,
    /// lexicon contents).
    pub fn settings_hash(&self) -> &str {
        &self.settings_hash
    }

    /// Check that OCR can start (language data present).
    pub fn check_ocr(&self) -> Result<(), Error> {
        ocr::check(&self.ocr)
    }

    /// Process one file. `display` is the path written into the JSON.
    pub fn process(&self, path: &Path, display: &str) -> Result<Document, Error> {
        self.process_with(path, display, &|| {})
    }

    /// Like [`Pipeline::process`], calling `on_page` after each page.
    pub fn process_with(
        &self,
        path: &Path,
        display: &str,
        on_page: &(dyn Fn() + Sync),
    ) -> Result<Document, Error> {
        self.check_cancelled()?;
        let mut input = ingest::ingest(path, self.settings.ocr, &self.limits)?;
        // Positioned words of a PDF's text layer, read once for all pages.
        let text_layer = (input.format == SourceFormat::Pdf
            && input.pages.iter().any(|p| {
                matches!(
                    p,
                    PageInput::Text {
                        source: PageSource::TextLayer,
                        ..
                    }
                )
            }))
        .then(|| layout::textlayer::read(&input.path, self.settings.dpi))
        .flatten();
        // Each page's input is moved into its page (a 100 MB text file is
        // not held twice).
        let inputs = std::mem::take(&mut input.pages);
        let pages: Vec<PageOut> = inputs
            .into_par_iter()
            .enumerate()
            .map(|(i, p)| {
                let r = self.page(&input, i, p, text_layer.as_deref());
                on_page();
                r
            })
            .collect::<Result<_, _>>()?;
        Ok(self.assemble(&input, display, pages))
    }

    fn check_cancelled(&self) -> Result<(), Error> {
        if self.cancel_token().is_cancelled() {
            return Err(Error::Interrupted);
        }
        Ok(())
    }

    /// Layout and text of one page.
    ///
    /// A doubtful text layer (see [`PageInput::Text`]) is compared with the
    /// page's OCR; the OCR is kept when its known-word share is higher by
    /// [`RECHECK_MARGIN`]. Either way the page's warning names both shares.
    fn page(
        &self,
        input: &Ingested,
        i: usize,
        p: PageInput,
        text_layer: Option<&[PageLayout]>,
    ) -> Result<PageOut, Error> {
        self.check_cancelled()?;
        let (image, dpi) = match p {
            PageInput::Text {
                text,
                source,
                recheck,
            } => {
                if let Some(index) = recheck {
                    // A doubtful text layer: the page's own OCR may read better.
                    let ocr = self.page(input, i, PageInput::Deferred { index }, None)?;
                    let layer = ingest::known_word_share(&text);
                    let read = ingest::known_word_share(&ocr.text);
                    let doubtful = format!("text layer doubtful (known words {layer:.2})");
                    if ocr_reads_better(&text, layer, &ocr.text, read) {
                        let note = format!("{doubtful}, OCR read better ({read:.2}) and was used");
                        input.note_page(i, note);
                        return Ok(ocr);
                    }
                    let note = format!("{doubtful}, kept: OCR read no better ({read:.2})");
                    input.note_page(i, note);
                }
                let mut out = text_page(i, text, source, text_layer);
                if let Some(l) = out.layout.as_mut() {
                    self.text_layer_tables(input, i, l);
                }
                return Ok(out);
            }
            PageInput::Image { image, dpi } => (image, dpi),
            PageInput::Deferred { index } => input.load_image(index, &self.limits)?,
        };
        self.ocr_page(i, image, dpi)
    }

    /// Clean, turn upright, deskew and read page `i`'s image, then find its
    /// layout and tables.
    fn ocr_page(
        &self,
        i: usize,
        image: image::GrayImage,
        dpi: Option<u32>,
    ) -> Result<PageOut, Error> {
        let (image, mut prepared) = if self.settings.no_preprocess {
            (image, None)
        } else {
            let (img, info) = preprocess::clean(image);
            (img, Some(info))
        };
        let mut rotation = if self.orientation {
            orientation::detect(&image, dpi, &self.ocr)
        } else {
            0
        };
        let upright = (rotation != 0).then(|| image.clone());
        let mut image = orientation::turn(&image, rotation);
        if let Some(info) = prepared.as_mut() {
            image = preprocess::deskew(image, info);
        }
        let mut r = ocr::recognize(&image, dpi, &self.ocr, i + 1)?;
        // A reading that is doubtful is checked against one other turn, and
        // the clearly better reading wins. Orientation detection can be
        // sure and wrong (thin or faint type reads as another script upside
        // down): a page it turned is read as scanned too. It can also leave
        // a page fed in upside down (a worn typewriter page): a page it did
        // not turn is read turned 180° too.
        let other = if !orientation::doubtful(r.confidence) {
            None
        } else if let Some(mut straight) = upright {
            if let Some(info) = prepared.as_mut() {
                straight = preprocess::deskew(straight, info);
            }
            Some((0, straight))
        } else if self.orientation && r.words.len() >= MIN_WORDS_TO_RECHECK {
            Some((180, orientation::turn(&image, 180)))
        } else {
            None
        };
        if let Some((turn, other)) = other {
            let r2 = ocr::recognize(&other, dpi, &self.ocr, i + 1)?;
            if orientation::better(r2.confidence, r.confidence) {
                rotation = turn;
                image = other;
                r = r2;
            }
        }
        let (w, h) = image.dimensions();
        let mut layout = PageLayout::from_ocr(w, h, &r.words, &r.lines);
        layout.split_at_gaps();
        furniture::mark_non_text(&mut layout);
        self.tables(&mut layout, &image, dpi, prepared.is_some());
        Ok(PageOut {
            text: r.text,
            source: PageSource::Ocr,
            confidence: r.confidence,
            width: Some(w),
            height: Some(h),
            deskew: prepared.map(|p| p.deskew_degrees),
            rotation: Some(rotation),
            words: r.words,
            layout: Some(layout),
        })
    }

    /// Find ruled tables, move their words into cells and read cells the
    /// page-level pass left empty on their own.
    fn tables(
        &self,
        layout: &mut PageLayout,
        image: &image::GrayImage,
        dpi: Option<u32>,
        binary: bool,
    ) {
        let owned;
        let bin = if binary {
            image
        } else {
            let mut b = image.clone();
            preprocess::binarize(&mut b, preprocess::otsu_threshold(image));
            owned = b;
            &owned
        };
        let lh = layout.line_height();
        let found = tables::find(bin, lh);
        if found.is_empty() {
            return;
        }
        tables::fill(layout, found);
        for t in &mut layout.tables {
            for (ri, ci, rect) in tables::empty_inked_cells(t, bin, lh) {
                let single = (rect[3] as f32) < 2.2 * lh;
                if let Some((text, conf)) =
                    ocr::recognize_region(image, dpi, &self.ocr, rect, single)
                {
                    if text.chars().any(char::is_alphanumeric) && conf >= 0.5 {
                        t.rows[ri][ci].reread = Some(text);
                    }
                }
            }
        }
    }

    /// Ruled tables of a text-layer page. Their rules are drawn, not
    /// text: the page is rendered at [`RULES_DPI`] and its rules found as on
    /// a scan, and the text layer's words go into the cells, so a
    /// born-digital table reads row by row as its scan does.
    fn text_layer_tables(&self, input: &Ingested, i: usize, layout: &mut PageLayout) {
        let mut img = match input.render_rules(i, RULES_DPI, &self.limits) {
            None => return,
            Some(Ok(img)) => img,
            Some(Err(e)) => {
                input.note_page(i, format!("drawn table rules not searched: {e}"));
                return;
            }
        };
        if img.width() == 0 || layout.width == 0 {
            return;
        }
        preprocess::binarize(&mut img, RULES_INK);
        // This page's pixels per rendered pixel.
        let k = layout.width as f32 / img.width() as f32;
        let found: Vec<_> = tables::find(&img, layout.line_height() / k)
            .into_iter()
            .map(|t| t.scaled(k))
            .collect();
        if !found.is_empty() {
            tables::fill(layout, found);
        }
    }

    fn assemble(&self, input: &Ingested, display: &str, mut pages: Vec<PageOut>) -> Document {
        let mut warnings: Vec<String> = input.all_notes();
        warnings.extend(self.orientation_notes(&pages));
        let layouts = text_in_reading_order(&mut pages);
        let running = running_header(&layouts);
        let (text, mut corrections, structure) =
            self.repair_and_segment(&mut pages, &running, &mut warnings);
        warnings.extend(structure.warnings);
        let n = pages.len();
        let bounds = page_bounds(&text, n);
        for c in &mut corrections {
            c.page = bounds
                .iter()
                .position(|&(s, e)| c.start >= s && c.start <= e)
                .map_or(0, |i| i + 1);
        }
        let with_words = !self.settings.no_words || self.keep_words;
        let model_pages = model_pages(pages, bounds, layouts, with_words);
        Document {
            schema_version: model::SCHEMA_VERSION.into(),
            generator: Generator {
                name: "paragraf".into(),
                version: env!("CARGO_PKG_VERSION").into(),
                settings_hash: self.settings_hash.clone(),
            },
            source: Source {
                path: display.to_string(),
                sha256: input.sha256.clone(),
                pages: n,
                format: input.format,
                encoding: input.encoding.clone(),
            },
            kind: structure.kind,
            meeting: structure.meeting,
            sections: structure.sections,
            agenda: structure.agenda,
            text,
            pages: model_pages,
            corrections,
            warnings,
        }
    }
    /// Warnings about page orientation: the check missing, pages turned.
    fn orientation_notes(&self, pages: &[PageOut]) -> Vec<String> {
        let mut notes = Vec::new();
        if !self.orientation && pages.iter().any(|p| p.source == PageSource::Ocr) {
            notes.push(
                "page orientation not checked: osd.traineddata is missing \
                 (install tesseract-ocr-osd: scripts/setup-debian.sh)"
                    .into(),
            );
        }
        for (i, p) in pages.iter().enumerate() {
            if let Some(r) = p.rotation.filter(|&r| r != 0) {
                notes.push(format!(
                    "page {}: scanned turned; turned {r}° clockwise before OCR",
                    i + 1
                ));
            }
        }
        notes
    }

    /// The pages' texts joined, repaired (unless `--no-repair`) and
    /// segmented.
    fn repair_and_segment(
        &self,
        pages: &mut [PageOut],
        running: &[String],
        warnings: &mut Vec<String>,
    ) -> (String, Vec<model::Correction>, segment::Structure) {
        let joined = join_pages(pages);
        let (mut text, mut corrections) = match &self.repairer {
            Some(r) => {
                let (text, corrections, notes) = repair_in_pieces(r, joined);
                warnings.extend(notes);
                (text, corrections)
            }
            None => (joined, Vec::new()),
        };
        let mut structure = segment::segment_with_running_header(&text, running);
        // Markers segmentation read from a garbled "§" are written as "§ N"
        // (a repair, so not with --no-repair), and the text segmented again.
        if self.repairer.is_some() {
            if let Some(restored) =
                markers::restore(&text, &structure.garbled_markers, &mut corrections)
            {
                text = restored;
                structure = segment::segment_with_running_header(&text, running);
            }
        }
        (text, corrections, structure)
    }
}

/// Page furniture marked across pages, then each page's text set from its
/// layout in reading order. Returns the layouts (for the JSON's blocks).
fn text_in_reading_order(pages: &mut [PageOut]) -> Vec<PageLayout> {
    let mut layouts: Vec<PageLayout> = pages
        .iter_mut()
        .map(|p| p.layout.take().unwrap_or_default())
        .collect();
    furniture::mark(&mut layouts);
    for (p, l) in pages.iter_mut().zip(&layouts) {
        if !l.lines.is_empty() || !l.tables.is_empty() {
            p.text = l.text();
        }
    }
    layouts
}

/// The first page's running header lines (page furniture, not in the
/// text), for the organ when the text does not name it.
fn running_header(layouts: &[PageLayout]) -> Vec<String> {
    layouts.first().map_or_else(Vec::new, |l| {
        l.lines
            .iter()
            .filter(|l| l.role == model::Role::Header)
            .map(layout::Line::text)
            .collect()
    })
}

/// The pages' normalised texts joined by form feeds. Each page's text is
/// given up as it is normalised: a long text is held at most twice at a
/// time here.
fn join_pages(pages: &mut [PageOut]) -> String {
    let mut joined = String::new();
    for (i, p) in pages.iter_mut().enumerate() {
        if i > 0 {
            joined.push('\u{000C}');
        }
        joined.push_str(&normalize_page(std::mem::take(&mut p.text)));
    }
    joined
}

/// The JSON's pages: each page's span of the text, its words (unless
/// left out) and its layout blocks.
fn model_pages(
    pages: Vec<PageOut>,
    bounds: Vec<(usize, usize)>,
    layouts: Vec<PageLayout>,
    with_words: bool,
) -> Vec<Page> {
    pages
        .into_iter()
        .zip(bounds)
        .zip(layouts)
        .enumerate()
        .map(|(i, ((p, (start, end)), l))| Page {
            number: i + 1,
            source: p.source,
            confidence: p.confidence,
            start,
            end,
            width: p.width,
            height: p.height,
            deskew_degrees: p.deskew,
            rotation_degrees: p.rotation,
            words: if with_words { p.words } else { Vec::new() },
            blocks: l.blocks(with_words),
        })
        .collect()
}

/// Whether a page's OCR replaces its doubtful text layer: its known-word
/// share is higher by [`RECHECK_MARGIN`], and it read at least half as many
/// words (a faint or blank page image reads a few words, all "known", and
/// would otherwise win over a whole page of text).
fn ocr_reads_better(layer_text: &str, layer: f32, ocr_text: &str, read: f32) -> bool {
    let words = |t: &str| t.split_whitespace().count();
    read > layer + RECHECK_MARGIN && 2 * words(ocr_text) >= words(layer_text)
}

/// A page that reads poorly as it stands is read upside down too only when
/// it has this many words (a near-empty page is not worth a second OCR).
const MIN_WORDS_TO_RECHECK: usize = 20;

/// Resolution at which a text-layer page is rendered to find its drawn
/// table rules: a 0.5 pt rule is a pixel wide, and an A4 page renders in
/// tens of milliseconds.
const RULES_DPI: u32 = 150;

/// Gray level up to which a rendered page's pixel is ink when its rules
/// are searched: the ground is pure white, and light grey rules count.
const RULES_INK: u8 = 235;

struct PageOut {
    text: String,
    source: PageSource,
    confidence: Option<f32>,
    width: Option<u32>,
    height: Option<u32>,
    deskew: Option<f32>,
    rotation: Option<u16>,
    words: Vec<model::Word>,
    layout: Option<PageLayout>,
}

/// NFC, LF line ends, no trailing spaces, no stray form feeds; a
/// non-empty page ends with a newline. Each step copies only when it
/// changes something.
fn normalize_page(text: String) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    let mut t = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        text.nfc().collect::<String>()
    };
    if t.contains(['\r', '\u{000C}']) {
        t = t.replace("\r\n", "\n").replace(['\r', '\u{000C}'], "\n");
    }
    // Trailing spaces of each line, then trailing blank lines, removed in
    // place.
    let ragged = t.lines().any(|l| l.ends_with(char::is_whitespace));
    let mut out = if ragged {
        let mut out = String::with_capacity(t.len() + 1);
        for line in t.lines() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    } else {
        t
    };
    let trimmed = out.trim_end_matches('\n').len();
    out.truncate(trimmed);
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Texts longer than this are repaired in pieces of at most this size
/// (cut after a page break, a blank line or a line end), so the repair
/// stage's per-word tables never hold a whole 100 MB file. Meeting
/// protocols, even a 300-page scan, are a few hundred KB to 2 MB of text
/// and are repaired whole; each piece of a longer text is judged on its
/// own statistics (diacritic loss, old spelling).
const REPAIR_PIECE: usize = 8 << 20;

/// [`Repairer::repair`] over `text` in pieces of at most [`REPAIR_PIECE`]
/// bytes: the repaired text, the corrections with offsets into it, and the
/// warnings with byte offsets into `text`.
fn repair_in_pieces(r: &Repairer, text: String) -> (String, Vec<model::Correction>, Vec<String>) {
    if text.len() <= REPAIR_PIECE {
        let rep = r.repair(&text);
        return (rep.text, rep.corrections, rep.warnings);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    let (mut corrections, mut warnings) = (Vec::new(), Vec::new());
    let mut start = 0;
    while start < text.len() {
        let end = piece_end(&text, start, REPAIR_PIECE);
        let rep = r.repair(&text[start..end]);
        let shift = out.len();
        corrections.extend(rep.corrections.into_iter().map(|mut c| {
            c.start += shift;
            c.end += shift;
            c
        }));
        warnings.extend(rep.warnings.into_iter().map(|w| shift_byte_note(w, start)));
        out.push_str(&rep.text);
        start = end;
    }
    (out, corrections, warnings)
}

/// End of the piece of `text` from `start` of at most `max` bytes: just
/// after the last page break in it, else the last blank line, else the
/// last line end, else the last space, else a character boundary. Breaks
/// in the piece's first half are not used (pieces stay large).
fn piece_end(text: &str, start: usize, max: usize) -> usize {
    let limit = start.saturating_add(max);
    if limit >= text.len() {
        return text.len();
    }
    let mut cut = limit;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let window = &text[start..cut];
    let half = window.len() / 2;
    for sep in ["\u{000C}", "\n\n", "\n", " "] {
        if let Some(p) = window.rfind(sep).filter(|&p| p >= half) {
            return start + p + sep.len();
        }
    }
    cut.max(start + 1)
}

/// A repair warning's leading "byte N:" moved by `by` bytes.
fn shift_byte_note(w: String, by: usize) -> String {
    let Some(rest) = w.strip_prefix("byte ") else {
        return w;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    match rest[..digits].parse::<usize>() {
        Ok(n) if rest[digits..].starts_with(':') => format!("byte {}{}", n + by, &rest[digits..]),
        _ => w,
    }
}

/// Byte ranges of the pages in a form-feed separated text.
fn page_bounds(text: &str, n: usize) -> Vec<(usize, usize)> {
    let mut v = Vec::with_capacity(n);
    let mut start = 0;
    for (i, _) in text.match_indices('\u{000C}') {
        v.push((start, i));
        start = i + 1;
    }
    v.push((start, text.len()));
    v.resize(n.max(1), (text.len(), text.len()));
    v.truncate(n);
    v
}

/// Hash of the program version, the schema and every output-relevant setting.
fn settings_hash(s: &Settings) -> Result<String, Error> {
    let mut lex = Vec::new();
    for f in &s.repair.lexicon_files {
        let bytes =
            std::fs::read(f).map_err(|e| Error::Config(format!("lexicon {}: {e}", f.display())))?;
        lex.push(ingest::sha256_hex(&bytes));
    }
    let key = serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "schema": model::SCHEMA_VERSION,
        "settings": s,
        "lexicons": lex,
    });
    Ok(ingest::sha256_hex(key.to_string().as_bytes())[..16].to_string())
}

/// Page `i` read from its text: the text layer's positioned words when the
/// text is that layer and it has lines, else the text alone.
fn text_page(
    i: usize,
    text: String,
    source: PageSource,
    text_layer: Option<&[PageLayout]>,
) -> PageOut {
    let layout = text_layer
        .filter(|_| source == PageSource::TextLayer)
        .and_then(|t| t.get(i))
        .filter(|l| !l.lines.is_empty())
        .cloned()
        .map(|mut l| {
            l.split_at_gaps();
            l
        });
    let words = layout
        .as_ref()
        .map(|l| {
            l.lines
                .iter()
                .flat_map(|l| l.words.iter().cloned())
                .collect()
        })
        .unwrap_or_default();
    PageOut {
        text,
        source,
        confidence: None,
        width: layout.as_ref().map(|l| l.width),
        height: layout.as_ref().map(|l| l.height),
        deskew: None,
        rotation: None,
        words,
        layout,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_replaces_a_doubtful_layer_only_when_it_read_the_page() {
        let layer = "Styrelscn bcslutadc att godkänna rapportcn ".repeat(10);
        let ocr = "Styrelsen beslutade att godkänna rapporten ".repeat(10);
        assert!(ocr_reads_better(&layer, 0.6, &ocr, 0.95));
        // no better by the margin
        assert!(!ocr_reads_better(&layer, 0.6, &ocr, 0.62));
        // a faint image read a few words, all known
        assert!(!ocr_reads_better(&layer, 0.6, "Styrelsen beslutade", 1.0));
    }

    #[test]
    fn page_bounds_follow_form_feeds() {
        let t = "ab\n\u{000C}cd\n\u{000C}";
        assert_eq!(page_bounds(t, 3), vec![(0, 3), (4, 7), (8, 8)]);
    }

    #[test]
    fn normalize_page_composes_and_trims() {
        let n = |t: &str| normalize_page(t.to_string());
        assert_eq!(n("Go\u{0308}ran  \r\n\n\n"), "Göran\n");
        assert_eq!(n("  \n"), "");
        assert_eq!(n("a\u{000C}b \r\nc\n"), "a\nb\nc\n");
        assert_eq!(n("Göran\nsa"), "Göran\nsa\n");
        assert_eq!(n("a\t\n\n b\n\n\n"), "a\n\n b\n");
        assert_eq!(n(""), "");
    }

    #[test]
    fn long_texts_are_cut_at_page_breaks_blank_lines_or_line_ends() {
        let t = "aaaa\n\nbbbb\u{000C}cc\ndd ee";
        // A page break in the second half of the window wins.
        assert_eq!(piece_end(t, 0, 12), 11);
        // Else a blank line, a line end, a space, a character boundary.
        assert_eq!(piece_end(t, 0, 8), 6);
        assert_eq!(piece_end(t, 11, 5), 14);
        assert_eq!(piece_end(t, 14, 4), 17);
        assert_eq!(piece_end("ååå", 0, 3), 2);
        assert_eq!(piece_end(t, 0, 100), t.len());
    }

    #[test]
    fn repair_warnings_keep_their_place_in_the_whole_text() {
        let w = "byte 17: \"Vard\" looks wrong".to_string();
        assert_eq!(shift_byte_note(w, 100), "byte 117: \"Vard\" looks wrong");
        assert_eq!(shift_byte_note("other".into(), 5), "other");
    }
}
