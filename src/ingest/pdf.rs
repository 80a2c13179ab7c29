//! PDF inputs.
//!
//! The structure is read with lopdf (pages, embedded images, fonts,
//! encryption). A page that is one full-page image (what scanners and
//! OCRmyPDF write) is decoded directly at its native resolution; any other
//! page is rasterised with poppler's `pdftoppm`. Text layers are read with
//! poppler's `pdftotext` and used when they look like real text.

use super::{Limits, OcrMode, PageInput};
use crate::model::PageSource;
use crate::Error;
use image::{GrayImage, ImageFormat};
use lopdf::{Document, Object, ObjectId};
use std::path::Path;
use std::process::Command;

/// An opened PDF.
pub struct PdfFile {
    doc: Document,
    page_ids: Vec<ObjectId>,
}

/// Open a PDF: check it, decide per page between text layer and OCR.
pub fn open(
    path: &Path,
    bytes: &[u8],
    mode: OcrMode,
    limits: &Limits,
) -> Result<(PdfFile, Vec<PageInput>, Vec<String>), Error> {
    let mut doc = match Document::load_mem(bytes) {
        Ok(d) => d,
        Err(e) => {
            if bytes.windows(8).any(|w| w == b"/Encrypt") {
                return Err(Error::EncryptedPdf);
            }
            return Err(Error::CorruptPdf(e.to_string()));
        }
    };
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        // Only an empty user password (owner restrictions) can be opened.
        return Err(Error::EncryptedPdf);
    }
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if page_ids.is_empty() {
        return Err(Error::CorruptPdf("the document has no pages".into()));
    }
    if page_ids.len() > limits.max_pages {
        return Err(Error::TooManyPages {
            pages: page_ids.len(),
            limit: limits.max_pages,
        });
    }
    let mut notes = Vec::new();
    let has_fonts = page_ids.iter().any(|&id| {
        doc.get_page_fonts(id)
            .map(|f| !f.is_empty())
            .unwrap_or(false)
    });
    let layer: Vec<String> = if has_fonts && mode != OcrMode::Always {
        text_layer(path, page_ids.len())?
    } else {
        Vec::new()
    };
    let mut pages = Vec::with_capacity(page_ids.len());
    for index in 0..page_ids.len() {
        let text = layer.get(index).map(String::as_str).unwrap_or("");
        if !text.trim().is_empty() && mode != OcrMode::Always {
            if good_text_layer(text) {
                pages.push(PageInput::Text {
                    text: text.to_string(),
                    source: PageSource::TextLayer,
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
        pages.push(PageInput::PdfPage { index });
    }
    Ok((PdfFile { doc, page_ids }, pages, notes))
}

/// All pages' text layers via `pdftotext` (pages split at form feeds).
fn text_layer(path: &Path, n: usize) -> Result<Vec<String>, Error> {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-q"])
        .arg(path)
        .arg("-")
        .output()
        .map_err(|e| tool_missing("pdftotext", &e))?;
    if !out.status.success() {
        return Err(Error::CorruptPdf(format!(
            "pdftotext cannot read it: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut pages: Vec<String> = text.split('\u{000C}').map(str::to_string).collect();
    pages.truncate(n);
    Ok(pages)
}

fn tool_missing(tool: &str, e: &std::io::Error) -> Error {
    Error::Tool {
        tool: tool.into(),
        reason: format!("{e} (install poppler-utils: scripts/setup-debian.sh)"),
    }
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

impl PdfFile {
    /// The image of page `index` and its resolution.
    pub fn page_image(
        &self,
        path: &Path,
        index: usize,
        limits: &Limits,
    ) -> Result<(GrayImage, Option<u32>), Error> {
        let id = self.page_ids[index];
        let (pw, ph) = self.media_box(id);
        if let Some(found) = self.embedded_page_image(id, pw, ph, limits)? {
            return Ok(found);
        }
        let dpi = limits.raster_dpi;
        let (w, h) = (
            (pw / 72.0 * dpi as f64) as u64,
            (ph / 72.0 * dpi as f64) as u64,
        );
        limits.check(w, h)?;
        rasterize(path, index + 1, dpi).map(|img| (img, Some(dpi)))
    }

    /// Page size in points, from the (possibly inherited) MediaBox.
    fn media_box(&self, id: ObjectId) -> (f64, f64) {
        let mut cur = self.doc.get_dictionary(id).ok();
        for _ in 0..32 {
            let Some(d) = cur else { break };
            if let Ok(Object::Array(a)) = d.get(b"MediaBox").map(|o| self.deref(o)) {
                let v: Vec<f64> = a.iter().filter_map(|o| num(self.deref(o))).collect();
                if v.len() == 4 {
                    return ((v[2] - v[0]).abs(), (v[3] - v[1]).abs());
                }
            }
            cur = d
                .get(b"Parent")
                .and_then(Object::as_reference)
                .and_then(|p| self.doc.get_dictionary(p))
                .ok();
        }
        (612.0, 792.0)
    }

    fn deref<'a>(&'a self, o: &'a Object) -> &'a Object {
        match o {
            Object::Reference(r) => self.doc.get_object(*r).unwrap_or(o),
            _ => o,
        }
    }

    /// The page's single full-page image, decoded, if it is in a format we
    /// decode directly (JPEG, or 8/1-bit gray/RGB Flate); None otherwise.
    fn embedded_page_image(
        &self,
        id: ObjectId,
        pw: f64,
        ph: f64,
        limits: &Limits,
    ) -> Result<Option<(GrayImage, Option<u32>)>, Error> {
        let rotated = self
            .doc
            .get_dictionary(id)
            .and_then(|d| d.get(b"Rotate"))
            .ok()
            .and_then(|o| num(self.deref(o)))
            .is_some_and(|r| r.rem_euclid(360.0) != 0.0);
        let images = match self.doc.get_page_images(id) {
            Ok(v) => v,
            Err(_) => return Ok(None),
        };
        if rotated || images.len() != 1 {
            return Ok(None);
        }
        let im = &images[0];
        let (w, h) = (im.width.max(0) as u64, im.height.max(0) as u64);
        if w == 0 || h == 0 {
            return Ok(None);
        }
        // Full page: same aspect ratio as the page, within 3%.
        let ratio = (w as f64 / h as f64) / (pw / ph);
        if !(0.97..=1.03).contains(&ratio) {
            return Ok(None);
        }
        limits.check(w, h)?;
        let dpi = Some((w as f64 * 72.0 / pw).round() as u32);
        let filters: Vec<&str> = im.filters.iter().flatten().map(String::as_str).collect();
        let stream = match self.doc.get_object(im.id).and_then(Object::as_stream) {
            Ok(s) => s,
            Err(_) => return Ok(None),
        };
        let gray = match filters.as_slice() {
            ["DCTDecode"] => {
                image::load_from_memory_with_format(&stream.content, ImageFormat::Jpeg)
                    .map_err(|e| Error::CorruptPdf(format!("page image: {e}")))?
                    .to_luma8()
            }
            [] | ["FlateDecode"] => {
                let raw = if filters.is_empty() {
                    stream.content.clone()
                } else {
                    match stream.decompressed_content() {
                        Ok(r) => r,
                        Err(_) => return Ok(None),
                    }
                };
                let (wu, hu) = (w as usize, h as usize);
                let bpc = im.bits_per_component.unwrap_or(8);
                let cs = im.color_space.as_deref().unwrap_or("");
                let px: Vec<u8> = match (bpc, cs) {
                    (8, "DeviceGray") if raw.len() >= wu * hu => raw[..wu * hu].to_vec(),
                    (8, "DeviceRGB") if raw.len() >= wu * hu * 3 => raw[..wu * hu * 3]
                        .chunks_exact(3)
                        .map(|p| {
                            ((p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000)
                                as u8
                        })
                        .collect(),
                    (1, "DeviceGray") if raw.len() >= wu.div_ceil(8) * hu => {
                        let stride = wu.div_ceil(8);
                        let mut v = Vec::with_capacity(wu * hu);
                        for y in 0..hu {
                            for x in 0..wu {
                                let bit = (raw[y * stride + x / 8] >> (7 - x % 8)) & 1;
                                v.push(if bit == 1 { 255 } else { 0 });
                            }
                        }
                        v
                    }
                    _ => return Ok(None),
                };
                let mut img = GrayImage::from_raw(w as u32, h as u32, px).expect("size checked");
                // /Decode [1 0] inverts the samples (Tesseract's own PDFs do this).
                let inverted = match im.origin_dict.get(b"Decode").map(|o| self.deref(o)) {
                    Ok(Object::Array(a)) => {
                        matches!((a.first().and_then(num), a.get(1).and_then(num)), (Some(x), Some(y)) if x > y)
                    }
                    _ => false,
                };
                if inverted {
                    image::imageops::invert(&mut img);
                }
                img
            }
            _ => return Ok(None), // CCITT, JBIG2, JPX...: let poppler render it
        };
        Ok(Some((gray, dpi)))
    }
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

/// Render one page (1-based) to 8-bit gray with `pdftoppm`.
fn rasterize(path: &Path, page: usize, dpi: u32) -> Result<GrayImage, Error> {
    let out = Command::new("pdftoppm")
        .args([
            "-gray",
            "-r",
            &dpi.to_string(),
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(path)
        .output()
        .map_err(|e| tool_missing("pdftoppm", &e))?;
    if !out.status.success() || out.stdout.is_empty() {
        return Err(Error::CorruptPdf(format!(
            "page {page} cannot be rendered: {}",
            String::from_utf8_lossy(&out.stderr).trim()
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
    }
}
