//! PDF inputs.
//!
//! The structure is read with lopdf (pages, embedded images, fonts,
//! encryption). A page that is one full-page image (what scanners and
//! OCRmyPDF write) is decoded directly at its native resolution; any other
//! page is rasterised with poppler's `pdftoppm`. Text layers are read with
//! poppler's `pdftotext` and used when they look like real text.
//!
//! Hostile and damaged files: nesting deeper than [`MAX_NESTING`] is
//! refused before lopdf parses it (its recursive parser would overflow the
//! stack); a file lopdf cannot open (a damaged cross-reference table, a
//! missing end, an encryption handler it lacks) is read with poppler alone
//! when poppler can, with a warning; embedded images are checked against
//! the limits by their real (JPEG header) size and inflated with a cap.

use super::pixels::{luma, unpack_1bit, OneBit};
use super::tool;
use super::{Limits, OcrMode, PageInput};
use crate::model::PageSource;
use crate::Error;
use image::{GrayImage, ImageFormat};
use lopdf::xobject::PdfImage;
use lopdf::{Document, Object, ObjectId};
use std::io::Read;
use std::path::Path;
use std::process::Command;

/// Deepest nesting of arrays and dictionaries accepted. Real PDFs stay
/// under about 10; lopdf's parser recurses per level.
pub const MAX_NESTING: usize = 64;

/// An opened PDF.
pub struct PdfFile {
    /// None: lopdf could not read it; every page is rendered by poppler.
    doc: Option<Document>,
    page_ids: Vec<ObjectId>,
    /// Page sizes in points, from poppler, when `doc` is None.
    sizes: Vec<(f64, f64)>,
}

/// Open a PDF: check it, decide per page between text layer and OCR.
pub fn open(
    path: &Path,
    bytes: &[u8],
    mode: OcrMode,
    limits: &Limits,
) -> Result<(PdfFile, Vec<PageInput>, Vec<String>), Error> {
    let depth = max_nesting(bytes);
    if depth > MAX_NESTING {
        return Err(Error::CorruptPdf(format!(
            "arrays or dictionaries nested {depth} levels deep (more than {MAX_NESTING}); refused unparsed"
        )));
    }
    let mut notes = Vec::new();
    // lopdf panics on some malformed files (an object stream it cannot
    // read): that is a file it cannot open, not a crash.
    let loaded = std::panic::catch_unwind(|| {
        let mut doc = Document::load_mem(bytes).map_err(|e| tool::one_line(&e.to_string()))?;
        if doc.is_encrypted() {
            decrypt_with_empty_password(&mut doc)?;
        }
        Ok(doc)
    })
    .unwrap_or_else(|_| Err("lopdf failed on it".to_string()));
    let lopdf_failure = match loaded {
        Ok(doc) => {
            let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
            if page_ids.is_empty() {
                Some("the page tree has no pages".to_string())
            } else {
                let file = PdfFile {
                    doc: Some(doc),
                    page_ids,
                    sizes: Vec::new(),
                };
                let pages = plan_pages(path, &file, mode, limits, &mut notes)?;
                return Ok((file, pages, notes));
            }
        }
        Err(e) => Some(e),
    };
    // lopdf could not read it: poppler may (it rebuilds damaged
    // cross-reference tables and opens every standard encryption with an
    // empty user password).
    let reason = lopdf_failure.unwrap_or_default();
    let sizes = poppler_pages(path, limits, bytes, &reason)?;
    notes.push(format!(
        "the PDF structure is damaged or unusual ({reason}); read with poppler instead"
    ));
    let file = PdfFile {
        doc: None,
        page_ids: Vec::new(),
        sizes,
    };
    let pages = plan_pages(path, &file, mode, limits, &mut notes)?;
    Ok((file, pages, notes))
}

/// Decrypt a PDF whose user password is empty, as every reader opens it.
/// lopdf (0.36) already did on load when it could; for two standard
/// handlers it cannot as the file is written, and the encryption
/// dictionary is mended first (nothing that decides the file key changes):
/// - a `/Length` where `/V` fixes the key length (V 1: 40 bits, V 5: 256
///   bits), which lopdf refuses ("InvalidKeyLength"); qpdf writes both;
/// - AES-256 (R 6) opened with the user password: lopdf's check of the
///   `/Perms` block compares it still encrypted (it decrypts a copy), so it
///   fails for any file. The block is replaced by what it must decrypt to;
///   the password itself is still checked against `/U` first, so a file
///   with a real user password is not opened.
///
/// On failure, the reason (poppler is tried next).
fn decrypt_with_empty_password(doc: &mut Document) -> Result<(), String> {
    use lopdf::encryption::DecryptionError as D;
    let first = match doc.decrypt("") {
        Ok(()) => return Ok(()),
        // Both are found before any object is decrypted: safe to retry.
        Err(e @ lopdf::Error::Decryption(D::InvalidKeyLength | D::IncorrectPassword)) => e,
        Err(e) => {
            return Err(format!(
                "its encryption is not supported by lopdf ({})",
                tool::one_line(&e.to_string())
            ))
        }
    };
    let handler = |d: &lopdf::Dictionary, k: &[u8]| d.get(k).and_then(Object::as_i64).ok();
    let id = doc
        .trailer
        .get(b"Encrypt")
        .and_then(Object::as_reference)
        .ok();
    let dict = match id {
        Some(id) => doc.get_object_mut(id).and_then(Object::as_dict_mut).ok(),
        None => doc
            .trailer
            .get_mut(b"Encrypt")
            .and_then(Object::as_dict_mut)
            .ok(),
    };
    let Some(dict) = dict else {
        return Err(format!(
            "its encryption is not supported by lopdf ({})",
            tool::one_line(&first.to_string())
        ));
    };
    let (v, r) = (handler(dict, b"V"), handler(dict, b"R"));
    let what = format!(
        "its encryption (V {}, R {}) is not supported by lopdf",
        v.unwrap_or(0),
        r.unwrap_or(0)
    );
    if matches!(v, Some(..=1) | Some(5..)) {
        dict.remove(b"Length");
    }
    if let (Some(5..), Some(p)) = (r, handler(dict, b"P")) {
        let meta = dict
            .get(b"EncryptMetadata")
            .and_then(Object::as_bool)
            .unwrap_or(true);
        let mut perms = lopdf::Permissions::from_bits_truncate(p as u64)
            .p_value()
            .to_le_bytes()
            .to_vec();
        perms.push(if meta { b'T' } else { b'F' });
        perms.extend_from_slice(b"adb\0\0\0\0");
        dict.set("Perms", Object::string_literal(perms));
    }
    doc.decrypt("")
        .map_err(|e| format!("{what} ({})", tool::one_line(&e.to_string())))
}

/// Per page: the text layer when it is good, OCR otherwise.
fn plan_pages(
    path: &Path,
    file: &PdfFile,
    mode: OcrMode,
    limits: &Limits,
    notes: &mut Vec<String>,
) -> Result<Vec<PageInput>, Error> {
    let n = file.page_count();
    if n > limits.max_pages {
        return Err(Error::TooManyPages {
            pages: n,
            limit: limits.max_pages,
        });
    }
    let has_fonts = match &file.doc {
        Some(doc) => file.page_ids.iter().any(|&id| {
            doc.get_page_fonts(id)
                .map(|f| !f.is_empty())
                .unwrap_or(false)
        }),
        // Unknown without lopdf: ask pdftotext.
        None => true,
    };
    let layer: Vec<String> = if has_fonts && mode != OcrMode::Always {
        text_layer(path, n, limits)?
    } else {
        Vec::new()
    };
    let mut pages = Vec::with_capacity(n);
    for index in 0..n {
        let text = layer.get(index).map(String::as_str).unwrap_or("");
        if !text.trim().is_empty() && mode != OcrMode::Always {
            if good_text_layer(text) {
                let recheck = (mode == OcrMode::Auto && known_word_share(text) < SURE_KNOWN_SHARE)
                    .then_some(index);
                pages.push(PageInput::Text {
                    text: text.to_string(),
                    source: PageSource::TextLayer,
                    recheck,
                });
                continue;
            }
            notes.push(format!(
                "page {}: text layer rejected as unreadable, page OCR'd instead",
                index + 1
            ));
        }
        if mode == OcrMode::Never {
            return Err(Error::OcrRefused { page: index + 1 });
        }
        pages.push(PageInput::Deferred { index });
    }
    Ok(pages)
}

/// Page sizes (points) of a PDF that lopdf cannot read, from `pdfinfo`.
fn poppler_pages(
    path: &Path,
    limits: &Limits,
    bytes: &[u8],
    lopdf_reason: &str,
) -> Result<Vec<(f64, f64)>, Error> {
    let mut cmd = Command::new("pdfinfo");
    cmd.args(["-f", "1", "-l", &(limits.max_pages + 1).to_string()])
        .arg(path);
    let out = tool::run(
        "pdfinfo",
        cmd,
        limits.tool_timeout,
        64 << 20,
        &limits.cancel,
    )?;
    if !out.success {
        let why = out.reason();
        if why.contains("password") || bytes.windows(8).any(|w| w == b"/Encrypt") {
            return Err(Error::EncryptedPdf);
        }
        return Err(Error::CorruptPdf(if lopdf_reason.is_empty() {
            why
        } else {
            format!("{lopdf_reason} (poppler: {why})")
        }));
    }
    let info = String::from_utf8_lossy(&out.stdout);
    let mut count = 0usize;
    let mut sizes = Vec::new();
    for line in info.lines() {
        if let Some(v) = line.strip_prefix("Pages:") {
            count = v.trim().parse().unwrap_or(0);
        } else if let Some(rest) = line.strip_prefix("Page") {
            // "Page    1 size:  595.44 x 841.68 pts (A4)"
            let Some((_, dims)) = rest.split_once("size:") else {
                continue;
            };
            let nums: Vec<f64> = dims
                .split_whitespace()
                .filter_map(|t| t.parse().ok())
                .collect();
            if nums.len() >= 2 {
                sizes.push((nums[0], nums[1]));
            }
        }
    }
    if count == 0 {
        return Err(Error::CorruptPdf(format!(
            "{lopdf_reason}; poppler finds no pages either"
        )));
    }
    if count > limits.max_pages {
        return Err(Error::TooManyPages {
            pages: count,
            limit: limits.max_pages,
        });
    }
    sizes.resize(count, (612.0, 792.0));
    Ok(sizes)
}

/// The deepest nesting of arrays (`[`) and dictionaries (`<<`) in a PDF's
/// bytes, outside strings, comments and stream data. A linear scan that
/// never recurses, so it is safe on any input.
pub fn max_nesting(b: &[u8]) -> usize {
    let n = b.len();
    let (mut i, mut depth, mut max) = (0usize, 0usize, 0usize);
    let is_delim = |c: u8| c.is_ascii_whitespace() || b"()<>[]{}/%".contains(&c);
    while i < n {
        match b[i] {
            b'%' => {
                while i < n && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                // Literal string: balanced parentheses, backslash escapes.
                let mut level = 0usize;
                while i < n {
                    match b[i] {
                        b'\\' => i += 1,
                        b'(' => level += 1,
                        b')' => {
                            level -= 1;
                            if level == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'<' if b.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'<' => {
                while i < n && b[i] != b'>' {
                    i += 1;
                }
            }
            b'>' if b.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b's' if b[i..].starts_with(b"stream") && (i == 0 || is_delim(b[i - 1])) => {
                // Stream data is binary: skip to its end.
                i = match find(&b[i + 6..], b"endstream") {
                    Some(p) => i + 6 + p + 9,
                    None => n,
                };
                depth = 0;
                continue;
            }
            b'e' if b[i..].starts_with(b"endobj") => depth = 0,
            _ => {}
        }
        max = max.max(depth);
        i += 1;
    }
    max
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// All pages' text layers via `pdftotext` (pages split at form feeds).
fn text_layer(path: &Path, n: usize, limits: &Limits) -> Result<Vec<String>, Error> {
    let mut cmd = Command::new("pdftotext");
    // Not -q: on failure its messages are the reason.
    cmd.args(["-enc", "UTF-8", "-l", &n.to_string()])
        .arg(path)
        .arg("-");
    // A text layer is at most a few hundred KB a page.
    let cap = (n as u64).saturating_mul(1 << 20).clamp(16 << 20, 1 << 30);
    let out = tool::run("pdftotext", cmd, limits.tool_timeout, cap, &limits.cancel)?;
    if !out.success {
        return Err(Error::CorruptPdf(format!(
            "pdftotext cannot read it: {}",
            out.reason()
        )));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut pages: Vec<String> = text.split('\u{000C}').map(str::to_string).collect();
    pages.truncate(n);
    Ok(pages)
}

/// A text layer is used when it reads like text: enough letters, and most
/// tokens word-like (not glyph garbage from a broken font encoding).
pub fn good_text_layer(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 20 || text.contains('\u{FFFD}') {
        return false;
    }
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let wordlike = tokens
        .iter()
        .filter(|t| {
            let n = t.chars().count();
            let alpha = t.chars().filter(|c| c.is_alphanumeric()).count();
            alpha * 2 >= n
        })
        .count();
    wordlike * 10 >= tokens.len() * 7 && known_share(&tokens) >= MIN_KNOWN_SHARE
}

/// Least share of a text layer's longer words that Swedish knows, for the
/// layer to be used rather than OCR'd again: an old scanner's own OCR
/// ("Stcnäldcrns sa ml?i I lighctslii") passes the glyph test but not this.
const MIN_KNOWN_SHARE: f32 = 0.5;

/// Known share from which a text layer is used without a second look.
/// Born-digital layers read 0.89-0.97 (the fixtures and real protocols);
/// scanner OCR layers that pass [`MIN_KNOWN_SHARE`] read 0.76-0.79 and are
/// OCR'd again to compare.
const SURE_KNOWN_SHARE: f32 = 0.85;

/// [`known_share`] of a text: how much of it Swedish knows.
pub fn known_word_share(text: &str) -> f32 {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    known_share(&tokens)
}

/// Share of the words of four letters or more (letters only, edges
/// trimmed) that the Swedish Hunspell dictionary accepts as printed or in
/// lower case; 1.0 when there are fewer than 20 such words to judge by.
fn known_share(tokens: &[&str]) -> f32 {
    let checker = crate::repair::compound::SvChecker::new();
    let words: Vec<&str> = tokens
        .iter()
        .map(|t| t.trim_matches(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
        .collect();
    if words.len() < 20 {
        return 1.0;
    }
    let known = words
        .iter()
        .filter(|w| checker.check(w) || checker.check(&w.to_lowercase()))
        .count();
    known as f32 / words.len() as f32
}

/// What became of a page's embedded image.
enum Embedded {
    /// Decoded directly (with a note when the data is damaged but
    /// decodable, e.g. a JPEG that ends early).
    Image(GrayImage, Option<u32>, Option<String>),
    /// Not a single full-page image in a format decoded here: render it.
    Render,
    /// The image is damaged: render the page, and say so in the warnings.
    Damaged(String),
}

impl PdfFile {
    fn page_count(&self) -> usize {
        match &self.doc {
            Some(_) => self.page_ids.len(),
            None => self.sizes.len(),
        }
    }

    /// The image of page `index`, its resolution, and a note for the
    /// document's warnings when the page had to be rendered because its
    /// image is damaged.
    pub fn page_image(
        &self,
        path: &Path,
        index: usize,
        limits: &Limits,
    ) -> Result<(GrayImage, Option<u32>, Option<String>), Error> {
        let (pw, ph, note) = match &self.doc {
            Some(doc) => {
                let id = self.page_ids[index];
                let (pw, ph) = self.media_box(doc, id);
                match self.embedded_page_image(doc, id, pw, ph, limits)? {
                    Embedded::Image(img, dpi, note) => return Ok((img, dpi, note)),
                    Embedded::Render => (pw, ph, None),
                    Embedded::Damaged(why) => (
                        pw,
                        ph,
                        Some(format!(
                            "the page image is damaged ({why}); the page as poppler renders it was OCR'd, text may be missing"
                        )),
                    ),
                }
            }
            None => {
                let (pw, ph) = self.sizes[index];
                (pw, ph, None)
            }
        };
        let dpi = limits.raster_dpi;
        let (w, h) = (
            (pw / 72.0 * dpi as f64) as u64,
            (ph / 72.0 * dpi as f64) as u64,
        );
        limits.check(w, h)?;
        let img = rasterize(path, index + 1, dpi, limits)?;
        Ok((img, Some(dpi), note))
    }

    /// Page size in points, from the (possibly inherited) MediaBox.
    fn media_box(&self, doc: &Document, id: ObjectId) -> (f64, f64) {
        let mut cur = doc.get_dictionary(id).ok();
        for _ in 0..32 {
            let Some(d) = cur else { break };
            if let Ok(Object::Array(a)) = d.get(b"MediaBox").map(|o| deref(doc, o)) {
                let v: Vec<f64> = a.iter().filter_map(|o| num(deref(doc, o))).collect();
                if v.len() == 4 && v.iter().all(|x| x.is_finite()) {
                    let (w, h) = ((v[2] - v[0]).abs(), (v[3] - v[1]).abs());
                    if w >= 1.0 && h >= 1.0 {
                        return (w, h);
                    }
                }
            }
            cur = d
                .get(b"Parent")
                .and_then(Object::as_reference)
                .and_then(|p| doc.get_dictionary(p))
                .ok();
        }
        (612.0, 792.0)
    }

    /// The page's single full-page image, decoded, if it is in a format we
    /// decode directly (JPEG, or 8/1-bit gray/RGB Flate, with or without
    /// PNG predictors).
    fn embedded_page_image(
        &self,
        doc: &Document,
        id: ObjectId,
        pw: f64,
        ph: f64,
        limits: &Limits,
    ) -> Result<Embedded, Error> {
        let Some(im) = full_page_image(doc, id, pw, ph) else {
            return Ok(Embedded::Render);
        };
        limits.check(im.width as u64, im.height as u64)?;
        let filters: Vec<&str> = im.filters.iter().flatten().map(String::as_str).collect();
        let stream = match doc.get_object(im.id).and_then(Object::as_stream) {
            Ok(s) => s,
            Err(_) => return Ok(Embedded::Render),
        };
        let decoded = match filters.as_slice() {
            ["DCTDecode"] => decode_jpeg(&stream.content, limits)?,
            [] | ["FlateDecode"] => decode_flate(doc, &im, stream, !filters.is_empty()),
            _ => Embedded::Render, // CCITT, JBIG2, JPX...: let poppler render it
        };
        Ok(match decoded {
            // The resolution from the width of the pixels decoded.
            Embedded::Image(gray, _, note) => {
                let w = gray.width() as f64;
                let dpi = Some((w * 72.0 / pw).round().clamp(1.0, 100_000.0) as u32);
                Embedded::Image(gray, dpi, note)
            }
            other => other,
        })
    }
}

/// The page's one image, when it is the whole page: the page is not
/// rotated, has exactly one image, and the image has the page's aspect
/// ratio within 3%.
fn full_page_image(doc: &Document, id: ObjectId, pw: f64, ph: f64) -> Option<PdfImage<'_>> {
    let rotated = doc
        .get_dictionary(id)
        .and_then(|d| d.get(b"Rotate"))
        .ok()
        .and_then(|o| num(deref(doc, o)))
        .is_some_and(|r| r.rem_euclid(360.0) != 0.0);
    let mut images = doc.get_page_images(id).ok()?;
    if rotated || images.len() != 1 {
        return None;
    }
    let im = images.pop()?;
    let (w, h) = (im.width.max(0) as u64, im.height.max(0) as u64);
    if w == 0 || h == 0 {
        return None;
    }
    let ratio = (w as f64 / h as f64) / (pw / ph);
    (0.97..=1.03).contains(&ratio).then_some(im)
}

/// A JPEG page image, to gray. The dictionary may lie about the size: the
/// JPEG header decides, checked against the limits before any pixel is
/// decoded.
fn decode_jpeg(data: &[u8], limits: &Limits) -> Result<Embedded, Error> {
    let reader = image::ImageReader::with_format(std::io::Cursor::new(data), ImageFormat::Jpeg);
    let (jw, jh) = match reader.into_dimensions() {
        Ok(d) => d,
        Err(e) => return Ok(Embedded::Damaged(tool::one_line(&e.to_string()))),
    };
    limits.check(jw as u64, jh as u64)?;
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(data), ImageFormat::Jpeg);
    reader.no_limits(); // checked above, with our own limit
    Ok(match reader.decode() {
        // The decoder fills in what is missing: say so.
        Ok(img) if !jpeg_complete(data) => Embedded::Image(
            img.to_luma8(),
            None,
            Some(
                "the page image is damaged (its JPEG data ends early); text may be missing".into(),
            ),
        ),
        Ok(img) => Embedded::Image(img.to_luma8(), None, None),
        Err(e) => Embedded::Damaged(tool::one_line(&e.to_string())),
    })
}

/// How a Flate (or unfiltered) page image's samples are laid out.
struct Samples {
    width: usize,
    height: usize,
    /// 8 (gray or RGB) or 1 (gray).
    bpc: i64,
    /// 1 (gray) or 3 (RGB).
    colors: i64,
    /// Bytes of pixel data: rows of `need / height` bytes.
    need: usize,
}

impl Samples {
    /// The layout of `im`, if it is one decoded here.
    fn of(im: &PdfImage) -> Option<Samples> {
        let bpc = im.bits_per_component.unwrap_or(8);
        let cs = im.color_space.as_deref().unwrap_or("");
        let (wu, hu) = (im.width.max(0) as usize, im.height.max(0) as usize);
        let (need, colors) = match (bpc, cs) {
            (8, "DeviceGray") => (wu * hu, 1),
            (8, "DeviceRGB") => (wu * hu * 3, 3),
            (1, "DeviceGray") => (wu.div_ceil(8) * hu, 1),
            _ => return None,
        };
        Some(Samples {
            width: wu,
            height: hu,
            bpc,
            colors,
            need,
        })
    }

    fn stride(&self) -> usize {
        self.need / self.height.max(1)
    }
}

/// A Flate-compressed (`deflated`) or unfiltered page image, to gray.
fn decode_flate(doc: &Document, im: &PdfImage, stream: &lopdf::Stream, deflated: bool) -> Embedded {
    let Some(layout) = Samples::of(im) else {
        return Embedded::Render;
    };
    let Some(png) = png_predicted(doc, stream, &layout, deflated) else {
        return Embedded::Render;
    };
    let raw = match raw_samples(&stream.content, &layout, deflated, png) {
        Ok(r) => r,
        Err(why) => return Embedded::Damaged(why),
    };
    Embedded::Image(to_gray(doc, im, &layout, &raw), None, None)
}

/// Whether the samples carry PNG row predictors (what img2pdf and OCRmyPDF
/// write) that describe this image; None for any other predictor (poppler
/// renders those).
fn png_predicted(
    doc: &Document,
    stream: &lopdf::Stream,
    layout: &Samples,
    deflated: bool,
) -> Option<bool> {
    let parms = stream
        .dict
        .get(b"DecodeParms")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok());
    let parm = |k: &[u8], default: i64| {
        parms
            .and_then(|d| d.get(k).ok())
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(default)
    };
    let predictor = parm(b"Predictor", 1);
    let png = predictor >= 10
        && deflated
        && parm(b"Colors", 1) == layout.colors
        && parm(b"BitsPerComponent", 8) == layout.bpc
        && parm(b"Columns", 1) == layout.width as i64;
    (predictor <= 1 || png).then_some(png)
}

/// The image's pixel data, inflated (no further than the image needs) and
/// unpredicted; at least `layout.need` bytes, or why not.
fn raw_samples(
    content: &[u8],
    layout: &Samples,
    deflated: bool,
    png: bool,
) -> Result<Vec<u8>, String> {
    let (need, hu, stride) = (layout.need, layout.height, layout.stride());
    let short = |got: usize, of: usize| format!("{got} of {of} bytes of pixel data");
    let raw = if !deflated {
        content
            .get(..need)
            .map(<[u8]>::to_vec)
            .ok_or_else(|| short(content.len(), need))?
    } else if png {
        let with_filters = (stride + 1) * hu;
        let r = inflate_capped(content, with_filters).map_err(|e| e.to_string())?;
        if r.len() < with_filters {
            return Err(short(r.len(), with_filters));
        }
        let bpp = (layout.colors as usize * layout.bpc as usize).div_ceil(8);
        unpredict_png(&r, stride, hu, bpp)
            .ok_or_else(|| "a PNG predictor row has an unknown filter".to_string())?
    } else {
        inflate_capped(content, need).map_err(|e| e.to_string())?
    };
    if raw.len() < need {
        return Err(short(raw.len(), need));
    }
    Ok(raw)
}

/// Samples to 8-bit gray. `/Decode [1 0]` inverts them (Tesseract's own
/// PDFs do this).
fn to_gray(doc: &Document, im: &PdfImage, layout: &Samples, raw: &[u8]) -> GrayImage {
    let inverted = match im.origin_dict.get(b"Decode").map(|o| deref(doc, o)) {
        Ok(Object::Array(a)) => {
            matches!((a.first().and_then(num), a.get(1).and_then(num)), (Some(x), Some(y)) if x > y)
        }
        _ => false,
    };
    let (wu, hu, need) = (layout.width, layout.height, layout.need);
    let (mut px, decoded): (Vec<u8>, bool) = match (layout.bpc, layout.colors) {
        (8, 1) => (raw[..need].to_vec(), false),
        (8, _) => (raw[..need].chunks_exact(3).map(luma).collect(), false),
        _ => {
            let how = if inverted {
                OneBit::OneIsBlack
            } else {
                OneBit::OneIsWhite
            };
            (unpack_1bit(raw, wu, hu, how), true)
        }
    };
    if inverted && !decoded {
        px.iter_mut().for_each(|p| *p = 255 - *p);
    }
    GrayImage::from_raw(wu as u32, hu as u32, px).expect("size checked")
}

/// A JPEG ends with its EOI marker (FF D9), give or take trailing padding.
pub(crate) fn jpeg_complete(data: &[u8]) -> bool {
    let end = data
        .iter()
        .rposition(|&b| !matches!(b, 0 | b'\n' | b'\r' | b' '))
        .map_or(0, |i| i + 1);
    data[..end].ends_with(&[0xFF, 0xD9])
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(r) => doc.get_object(*r).unwrap_or(o),
        _ => o,
    }
}

/// Undo PNG row predictors: `h` rows of a filter byte and `stride` bytes,
/// `bpp` bytes per pixel (at least 1). None on an unknown filter type.
fn unpredict_png(data: &[u8], stride: usize, h: usize, bpp: usize) -> Option<Vec<u8>> {
    let mut out = vec![0u8; stride * h];
    for y in 0..h {
        let row = &data[y * (stride + 1)..(y + 1) * (stride + 1)];
        let (kind, src) = (row[0], &row[1..]);
        let (done, rest) = out.split_at_mut(y * stride);
        let prev = if y == 0 {
            None
        } else {
            Some(&done[(y - 1) * stride..])
        };
        let cur = &mut rest[..stride];
        for x in 0..stride {
            let a = if x >= bpp { cur[x - bpp] } else { 0 };
            let b = prev.map_or(0, |p| p[x]);
            let c = if x >= bpp {
                prev.map_or(0, |p| p[x - bpp])
            } else {
                0
            };
            let pred = match kind {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((a as u16 + b as u16) / 2) as u8,
                4 => {
                    let p = a as i16 + b as i16 - c as i16;
                    let (pa, pb, pc) = (
                        (p - a as i16).abs(),
                        (p - b as i16).abs(),
                        (p - c as i16).abs(),
                    );
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                _ => return None,
            };
            cur[x] = src[x].wrapping_add(pred);
        }
    }
    Some(out)
}

/// Inflate a zlib stream, keeping at most `need` bytes: a stream that would
/// inflate to gigabytes (a bomb) costs no more than the image it claims to be.
fn inflate_capped(data: &[u8], need: usize) -> Result<Vec<u8>, CorruptFlate> {
    let mut out = Vec::with_capacity(need);
    let r = flate2::read::ZlibDecoder::new(data)
        .take(need as u64)
        .read_to_end(&mut out);
    match r {
        Ok(_) => Ok(out),
        // A stream that breaks off after all the pixels is still usable.
        Err(_) if out.len() >= need => Ok(out),
        Err(source) => Err(CorruptFlate {
            got: out.len(),
            need,
            source,
        }),
    }
}

/// A zlib stream that breaks off before the pixels it should hold.
#[derive(Debug, thiserror::Error)]
#[error("corrupt Flate data after {got} of {need} bytes: {}", tool::one_line(&.source.to_string()))]
struct CorruptFlate {
    got: usize,
    need: usize,
    #[source]
    source: std::io::Error,
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

/// Render one page (1-based) to 8-bit gray with `pdftoppm`, under the
/// external-program time limit.
fn rasterize(path: &Path, page: usize, dpi: u32, limits: &Limits) -> Result<GrayImage, Error> {
    render(path, page, dpi, limits, &[])
}

/// Render one page (1-based) of a born-digital PDF for the search of its
/// drawn rules: vector graphics without anti-aliasing, so a hairline rule
/// is at least one solid pixel wide at a low resolution.
pub fn rasterize_rules(
    path: &Path,
    page: usize,
    dpi: u32,
    limits: &Limits,
) -> Result<GrayImage, Error> {
    render(path, page, dpi, limits, &["-aaVector", "no"])
}

fn render(
    path: &Path,
    page: usize,
    dpi: u32,
    limits: &Limits,
    extra: &[&str],
) -> Result<GrayImage, Error> {
    let mut cmd = Command::new("pdftoppm");
    cmd.args(extra)
        .args([
            "-gray",
            "-r",
            &dpi.to_string(),
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(path);
    // A PGM of at most the pixel limit, plus its header.
    let cap = limits.max_pixels().saturating_add(1024);
    let out = tool::run("pdftoppm", cmd, limits.tool_timeout, cap, &limits.cancel)?;
    if !out.success || out.stdout.is_empty() {
        return Err(Error::CorruptPdf(format!(
            "page {page} cannot be rendered: {}",
            out.reason()
        )));
    }
    image::load_from_memory_with_format(&out.stdout, ImageFormat::Pnm)
        .map(|i| i.to_luma8())
        .map_err(|e| Error::CorruptPdf(format!("page {page} rendered badly: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_outside_strings_comments_and_streams() {
        assert_eq!(max_nesting(b"1 0 obj << /A [1 [2]] >> endobj"), 3);
        // Brackets in strings, hex strings, comments and stream data do
        // not count, and each object starts afresh.
        let b = b"1 0 obj << /S ([[[(x)[[\\)) /H <5b5b> >> % [[[[\n\
                  stream\n[[[[[[[[endstream endobj 2 0 obj [[ ]] endobj";
        assert_eq!(max_nesting(b), 2);
        let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
        assert_eq!(max_nesting(deep.as_bytes()), 500);
    }

    #[test]
    fn png_predictors_are_undone() {
        // Two rows of 3 bytes: Sub, then Up; then Average and Paeth.
        let data = [1, 10, 5, 5, 2, 1, 1, 1];
        assert_eq!(
            unpredict_png(&data, 3, 2, 1).unwrap(),
            vec![10, 15, 20, 11, 16, 21]
        );
        let data = [0, 10, 20, 30, 3, 5, 0, 0, 4, 1, 1, 1];
        let out = unpredict_png(&data, 3, 3, 1).unwrap();
        // Average: 5 + 10/2 = 10; 0 + (10 + 20)/2 = 15; 0 + (15 + 30)/2 = 22.
        assert_eq!(&out[3..6], &[10, 15, 22]);
        // Paeth on row 3 (a=left, b=up, c=up-left): 1 + 10 = 11, ...
        assert_eq!(out[6], 11);
        assert!(unpredict_png(&[9, 0, 0, 0], 3, 1, 1).is_none());
    }

    #[test]
    fn text_layer_quality() {
        assert!(good_text_layer(
            "§ 15 Sammanträdet öppnas\nOrdförande Göran Wallén hälsar välkommen."
        ));
        assert!(!good_text_layer(
            "!#%& )(/& %¤#\"! ¤%&/ ()=?` ^^^ ~~~ |||| {{{ ]]] ### aaa"
        ));
        assert!(!good_text_layer("12"));
        // Glyphs fine, words not Swedish: a poor OCR layer is OCR'd again.
        let poor = "Stcnäldcrns samlilighctslii äninq Kenueth Rosenglen lerianrot \
                    sLrppleant garcl Föregåerrde nrötes protokoll relsens arbete \
                    irppfilljrrinu ncllagcl ndcritlll gllragcrclrtl Erkonomi \
                    Lrppföliining inkomna täkturor arstäurrrins Nordea konto \
                    sartrfighctsar gitien Nvinlll ttacic Arssttirnntan";
        assert!(!good_text_layer(poor));
        let good = "Föregående mötes protokoll godkändes och lades till handlingarna. \
                    Styrelsen diskuterade underhållet av garagen och beslutade att \
                    beställa nya farthinder till gården. Kassören redovisade inkomna \
                    fakturor och avstämning mot bankkontot. Nästa möte hålls torsdagen \
                    den tredje mars klockan sju i föreningens lokal.";
        assert!(good_text_layer(good));
        assert!(known_word_share(good) >= SURE_KNOWN_SHARE);
        // Usable but doubtful: a scanner's OCR with one word in four or five
        // mangled is used only if the page's own OCR reads no better.
        let doubtful = "Föregående mötes protokoll godkändes och lades till handlingarna. \
                    Styrelsen diskuterade underhållet av garagcn och beslutade att \
                    beställa nya farthindcr till gården. Kassörcn redovisade inkomna \
                    fakturor och avstämning mot bankkontot. Nästa möte hålls torsdagen \
                    den tredje mars klockan sju i föreningens lokal. Ekonomi Lrppföliining \
                    inkomna täkturor arstäurrrins Nordea konto sartrfighctsar gitien.";
        assert!(good_text_layer(doubtful));
        let share = known_word_share(doubtful);
        assert!(
            (MIN_KNOWN_SHARE..SURE_KNOWN_SHARE).contains(&share),
            "{share}"
        );
    }
}
