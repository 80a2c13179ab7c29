//! Searchable PDF: the input's page images with the repaired words as an
//! invisible text layer (text render mode 3) over their OCR boxes, in the
//! text's reading order, so search, select and copy give the repaired text.
//!
//! - PDF input: the input is loaded with lopdf and kept as it is (images
//!   copied, never re-encoded); each OCR'd page gets a content stream of
//!   text appended, turned like the layout turned the page (`/Rotate`).
//!   A PDF whose pages all came from its text layer is passed through
//!   unchanged.
//! - Image and TIFF input: one page per image at its resolution (300 dpi
//!   when it does not say): JPEG data is embedded as it is (DCT), PNG data
//!   as it is when PDF can read it (Flate with PNG predictors), other
//!   pixels losslessly (Flate; 1-bit TIFF pages stay 1 bit).
//!
//! PDF/A-2b as far as it is checked here: XMP metadata with pdfaid part 2
//! and conformance B, an sRGB output intent, every font embedded, no
//! encryption, a file ID; title from the organ and date, producer paragraf.
//!
//! The font is Tesseract's GlyphLessFont (`dictionaries/pdf/`): one empty
//! glyph half an em wide that every character maps to, so the layer costs a
//! few hundred bytes and each word is stretched to its box with `Tz`.

use super::align::{self, PageText};
use crate::model::{Page, PageSource, SourceFormat};
use crate::{Document, Error};
use lopdf::{dictionary, Dictionary, Object, ObjectId, Stream};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

const FONT: &[u8] = include_bytes!("../../dictionaries/pdf/GlyphLessFont.ttf");
const FONT_NAME: &str = "FTxt";
/// Resolution assumed for images that do not say.
const DEFAULT_DPI: f64 = 300.0;

/// The searchable PDF of a document processed from `input`.
pub fn write(doc: &Document, input: &Path) -> Result<Vec<u8>, Error> {
    let bytes = std::fs::read(input).map_err(|e| Error::from_io(&e))?;
    let fail = |m: String| Error::Archive {
        path: input.to_path_buf(),
        reason: format!("searchable PDF: {m}"),
    };
    match doc.source.format {
        SourceFormat::Pdf => {
            if !doc.pages.iter().any(|p| p.source == PageSource::Ocr) {
                // born digital: its own text layer is better than ours
                return Ok(bytes);
            }
            from_pdf(doc, &bytes).map_err(fail)
        }
        SourceFormat::Text => Err(fail("a text file has no page images".into())),
        _ => from_images(doc, &bytes).map_err(fail),
    }
}

/// Flate-compress.
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).expect("in memory");
    e.finish().expect("in memory")
}

fn flate_stream(dict: Dictionary, data: &[u8]) -> Stream {
    let mut d = dict;
    d.set("Filter", "FlateDecode");
    let mut s = Stream::new(d, deflate(data));
    s.allows_compression = false;
    s
}

// ------------------------------------------------------------ geometry

/// An affine map [a b c d e f] (PDF order).
type Matrix = [f64; 6];

/// The map from the page image's pixels as OCR saw them (turned upright;
/// y up, origin at the bottom left) to the PDF page's user space, where the
/// page as shown (turned by `page_rotate`, its /Rotate) fills `media`.
///
/// The deskew angle is left out on purpose: a skewed scan's words are
/// placed as on the deskewed image, on level lines, so text extractors
/// (pdftotext) read each line as one. A word then sits up to (its distance
/// from the page centre) × sin(angle) from its ink: a few pixels at the
/// usual skew of under a degree (BENCHMARKS.md, bn_skewed at 2.5°: placed
/// on the skewed ink, pdftotext's character error rate was 48%).
fn page_matrix(p: &Page, media: [f64; 4], page_rotate: i64) -> Option<Matrix> {
    let (wt, ht) = (p.width? as f64, p.height? as f64);
    let r = (p.rotation_degrees.unwrap_or(0) as i64 + page_rotate).rem_euclid(360);
    let (wu, hu) = if r % 180 == 90 { (ht, wt) } else { (wt, ht) };
    let map = |x: f64, yf: f64| -> (f64, f64) {
        let y = ht - yf;
        // turned → as shown (layout::orientation::turn turns clockwise)
        let (u, v) = match r {
            90 => (y, hu - x),
            180 => (wu - x, hu - y),
            270 => (wu - y, x),
            _ => (x, y),
        };
        let [x0, y0, x1, y1] = media;
        (x0 + u * (x1 - x0) / wu, y1 - v * (y1 - y0) / hu)
    };
    let p0 = map(0.0, 0.0);
    let p1 = map(1.0, 0.0);
    let p2 = map(0.0, 1.0);
    Some([
        p1.0 - p0.0,
        p1.1 - p0.1,
        p2.0 - p0.0,
        p2.1 - p0.1,
        p0.0,
        p0.1,
    ])
}

/// The invisible text of one page: each word over its box (page image
/// pixels mapped by `m`), stretched to the box's width.
fn text_layer(text: &PageText<'_>, height: f64, m: Matrix, used: &mut BTreeSet<u16>) -> Vec<u8> {
    let mut out = Vec::with_capacity(48 * text.lines.iter().map(Vec::len).sum::<usize>() + 64);
    let _ = writeln!(
        out,
        "q {} {} {} {} {} {} cm BT 3 Tr",
        n(m[0]),
        n(m[1]),
        n(m[2]),
        n(m[3]),
        n(m[4]),
        n(m[5])
    );
    let mut last_size = 0;
    let mut at = (0i64, 0i64);
    for line in &text.lines {
        // one size and baseline a line: the tallest box, the lowest bottom
        let boxes = line
            .iter()
            .filter_map(|t| t.bbox)
            .filter(|b| b[2] > 0 && b[3] > 0);
        let Some(size) = boxes.clone().map(|b| b[3]).max() else {
            continue;
        };
        let bottom = boxes.map(|b| b[1] + b[3]).max().unwrap_or(0);
        // the baseline a fifth of the size above the bottom (descenders)
        let base = (height - bottom as f64 + 0.2 * size as f64).round() as i64;
        if size != last_size {
            let _ = write!(out, "/{FONT_NAME} {size} Tf ");
            last_size = size;
        }
        for t in line {
            let Some(b) = t.bbox else { continue };
            let units: Vec<u16> = t.text.chars().map(cid).collect();
            if units.is_empty() || b[2] == 0 || b[3] == 0 {
                continue;
            }
            let natural = units.len() as f64 * 0.5 * size as f64;
            let scale = (100.0 * b[2] as f64 / natural).round().max(1.0) as i64;
            let (x, y) = (b[0] as i64, base);
            // each word's start relative to the last one's (short numbers)
            let _ = write!(out, "{scale} Tz {} {} Td (", x - at.0, y - at.1);
            at = (x, y);
            // two-byte codes as a binary literal string (smaller than hex
            // once compressed)
            for u in units {
                used.insert(u);
                for byte in u.to_be_bytes() {
                    match byte {
                        b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
                        b'\r' => out.extend_from_slice(b"\\r"),
                        b'\n' => out.extend_from_slice(b"\\n"),
                        _ => out.push(byte),
                    }
                }
            }
            out.extend_from_slice(b")Tj\n");
        }
    }
    out.extend_from_slice(b"ET Q\n");
    out
}

/// The font's code (CID) of a character: its UTF-16 unit, U+FFFD for what
/// needs two.
fn cid(c: char) -> u16 {
    let u = c as u32;
    if u <= 0xFFFF && !(0xD800..0xE000).contains(&u) {
        u as u16
    } else {
        0xFFFD
    }
}

/// A number for a content stream: at most three decimals.
fn n(x: f64) -> String {
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".into()
    } else {
        s.to_string()
    }
}

// ------------------------------------------------------------ shared objects

/// The glyphless font (Type0, Identity-H) with a ToUnicode map of the
/// characters used.
fn add_font(pdf: &mut lopdf::Document, used: &BTreeSet<u16>) -> ObjectId {
    let file = pdf.add_object(flate_stream(
        dictionary! { "Length1" => FONT.len() as i64 },
        FONT,
    ));
    let descriptor = pdf.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "GlyphLessFont",
        "Flags" => 5,
        "FontBBox" => vec![0.into(), 0.into(), 500.into(), 1000.into()],
        "ItalicAngle" => 0,
        "Ascent" => 1000,
        "Descent" => 0,
        "CapHeight" => 1000,
        "StemV" => 80,
        "FontFile2" => file,
    });
    // every code to glyph 1, the empty one
    let map: Vec<u8> = (0..65536u32).flat_map(|_| [0u8, 1u8]).collect();
    let cid_to_gid = pdf.add_object(flate_stream(Dictionary::new(), &map));
    let cid_font = pdf.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "GlyphLessFont",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => 500,
        "CIDToGIDMap" => cid_to_gid,
    });
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // runs of consecutive codes as ranges, the rest one by one
    let mut runs: Vec<(u16, u16)> = Vec::new();
    for &u in used {
        match runs.last_mut() {
            Some(r) if r.1.checked_add(1) == Some(u) && (r.0 >> 8) == (u >> 8) => r.1 = u,
            _ => runs.push((u, u)),
        }
    }
    type Runs = Vec<(u16, u16)>;
    let (single, ranges): (Runs, Runs) = runs.iter().partition(|r| r.0 == r.1);
    for chunk in single.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (u, _) in chunk {
            cmap.push_str(&format!("<{u:04X}><{u:04X}>\n"));
        }
        cmap.push_str("endbfchar\n");
    }
    for chunk in ranges.chunks(100) {
        cmap.push_str(&format!("{} beginbfrange\n", chunk.len()));
        for (a, b) in chunk {
            cmap.push_str(&format!("<{a:04X}><{b:04X}><{a:04X}>\n"));
        }
        cmap.push_str("endbfrange\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let to_unicode = pdf.add_object(flate_stream(Dictionary::new(), cmap.as_bytes()));
    pdf.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "GlyphLessFont",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid_font.into()],
        "ToUnicode" => to_unicode,
    })
}

/// Title of the document: organ and date, else the file name.
fn title(doc: &Document) -> String {
    let m = &doc.meeting;
    match (&m.organ, &m.date) {
        (Some(o), Some(d)) => format!("{o} {d}"),
        (Some(o), None) => o.clone(),
        (None, Some(d)) => format!("Protokoll {d}"),
        (None, None) => Path::new(&doc.source.path).file_name().map_or_else(
            || doc.source.path.clone(),
            |f| f.to_string_lossy().into_owned(),
        ),
    }
}

/// Now as (PDF date, XMP date), UTC.
fn now() -> (String, String) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // civil from days (Howard Hinnant's algorithm)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    let (h, mi, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    (
        format!("D:{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z"),
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
    )
}

/// Info dictionary, XMP metadata, sRGB output intent, file ID, version:
/// what PDF/A-2b asks of the document as a whole.
fn finish(pdf: &mut lopdf::Document, doc: &Document) -> Result<Vec<u8>, String> {
    let title = title(doc);
    let (pdf_date, xmp_date) = now();
    let producer = format!("paragraf {}", env!("CARGO_PKG_VERSION"));
    let info = pdf.add_object(dictionary! {
        "Title" => text_string(&title),
        "Producer" => Object::string_literal(producer.as_str()),
        "CreationDate" => Object::string_literal(pdf_date.as_str()),
    });
    let esc = super::alto::esc;
    let xmp = format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\
<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\
<pdf:Producer>{}</pdf:Producer><xmp:CreateDate>{xmp_date}</xmp:CreateDate>\
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>",
        esc(&title),
        esc(&producer)
    );
    let mut meta = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp.into_bytes(),
    );
    meta.allows_compression = false;
    let meta = pdf.add_object(meta);
    let icc = pdf.add_object(flate_stream(dictionary! { "N" => 3 }, &super::icc::srgb()));
    let intent = dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFA1",
        "OutputConditionIdentifier" => Object::string_literal("sRGB IEC61966-2.1"),
        "Info" => Object::string_literal("sRGB IEC61966-2.1"),
        "DestOutputProfile" => icc,
    };
    let cat = pdf.catalog_mut().map_err(|e| e.to_string())?;
    cat.set("Metadata", meta);
    cat.set("OutputIntents", vec![Object::Dictionary(intent)]);
    pdf.trailer.set("Info", info);
    pdf.trailer.remove(b"Encrypt");
    let id = hex_bytes(&doc.source.sha256);
    let id = Object::String(id, lopdf::StringFormat::Hexadecimal);
    pdf.trailer.set("ID", vec![id.clone(), id]);
    pdf.version = "1.7".into();
    let mut out = Vec::new();
    pdf.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

/// A PDF text string: PDFDocEncoding (Latin-1 there) when it can, else
/// UTF-16BE.
fn text_string(s: &str) -> Object {
    if s.chars()
        .all(|c| (' '..='~').contains(&c) || ('\u{a1}'..='\u{ff}').contains(&c))
    {
        let bytes: Vec<u8> = s.chars().map(|c| c as u8).collect();
        return Object::String(bytes, lopdf::StringFormat::Literal);
    }
    Object::String(utf16be(s), lopdf::StringFormat::Hexadecimal)
}

fn utf16be(s: &str) -> Vec<u8> {
    let mut v = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        v.extend_from_slice(&u.to_be_bytes());
    }
    v
}

/// The first 16 bytes of a hex string (the input's SHA-256).
fn hex_bytes(h: &str) -> Vec<u8> {
    let v: Vec<u8> = (0..h.len() / 2)
        .filter_map(|i| u8::from_str_radix(h.get(2 * i..2 * i + 2)?, 16).ok())
        .take(16)
        .collect();
    if v.len() == 16 {
        v
    } else {
        vec![0; 16]
    }
}

// ------------------------------------------------------------ PDF input

fn from_pdf(doc: &Document, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut pdf = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    if pdf.is_encrypted() {
        return Err("the input is encrypted".into());
    }
    let texts = align::align(doc);
    let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    if pages.len() != doc.pages.len() {
        return Err(format!(
            "the input has {} pages, the document {}",
            pages.len(),
            doc.pages.len()
        ));
    }
    let mut used = BTreeSet::new();
    let mut layers: Vec<(ObjectId, Vec<u8>, u16)> = Vec::new();
    for ((&id, page), text) in pages.iter().zip(&doc.pages).zip(&texts) {
        if page.source != PageSource::Ocr {
            continue;
        }
        let media = inherited(&pdf, id, b"CropBox")
            .or_else(|| inherited(&pdf, id, b"MediaBox"))
            .and_then(|o| rect(&pdf, &o))
            .unwrap_or([0.0, 0.0, 612.0, 792.0]);
        // the pixels OCR saw were the page as shown, turned by its /Rotate
        let shown = match inherited(&pdf, id, b"Rotate") {
            Some(Object::Integer(r)) => r,
            _ => 0,
        };
        let Some(m) = page_matrix(page, media, shown) else {
            continue;
        };
        let h = page.height.unwrap_or(0) as f64;
        layers.push((
            id,
            text_layer(text, h, m, &mut used),
            page.rotation_degrees.unwrap_or(0),
        ));
    }
    let font = add_font(&mut pdf, &used);
    let open = pdf.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    let close = pdf.add_object(Stream::new(Dictionary::new(), b"\nQ\n".to_vec()));
    for (id, content, turn) in layers {
        let layer = pdf.add_object(flate_stream(Dictionary::new(), &content));
        let mut resources = match inherited(&pdf, id, b"Resources") {
            Some(Object::Reference(r)) => pdf.get_dictionary(r).cloned().unwrap_or_default(),
            Some(Object::Dictionary(d)) => d,
            _ => Dictionary::new(),
        };
        let mut fonts = match resources.get(b"Font") {
            Ok(Object::Reference(r)) => pdf.get_dictionary(*r).cloned().unwrap_or_default(),
            Ok(Object::Dictionary(d)) => d.clone(),
            _ => Dictionary::new(),
        };
        fonts.set(FONT_NAME, font);
        resources.set("Font", fonts);
        let rotate = match inherited(&pdf, id, b"Rotate") {
            Some(Object::Integer(r)) => r,
            _ => 0,
        };
        let page = pdf
            .get_object_mut(id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| e.to_string())?;
        let mut contents: Vec<Object> = vec![open.into()];
        match page.get(b"Contents") {
            Ok(Object::Array(a)) => contents.extend(a.iter().cloned()),
            Ok(o) => contents.push(o.clone()),
            Err(_) => {}
        }
        contents.push(close.into());
        contents.push(layer.into());
        page.set("Contents", contents);
        page.set("Resources", resources);
        if turn != 0 {
            page.set("Rotate", (rotate + turn as i64).rem_euclid(360));
        }
    }
    finish(&mut pdf, doc)
}

/// A page attribute, from the page or the nearest ancestor that has it.
fn inherited(pdf: &lopdf::Document, page: ObjectId, key: &[u8]) -> Option<Object> {
    let mut id = page;
    for _ in 0..64 {
        let d = pdf.get_dictionary(id).ok()?;
        if let Ok(v) = d.get(key) {
            return Some(v.clone());
        }
        id = d.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

fn rect(pdf: &lopdf::Document, o: &Object) -> Option<[f64; 4]> {
    let (_, o) = pdf.dereference(o).ok()?;
    let a = o.as_array().ok()?;
    if a.len() != 4 {
        return None;
    }
    let mut r = [0.0; 4];
    for (i, v) in a.iter().enumerate() {
        let (_, v) = pdf.dereference(v).ok()?;
        r[i] = match v {
            Object::Integer(i) => *i as f64,
            Object::Real(f) => *f as f64,
            _ => return None,
        };
    }
    let [x0, y0, x1, y1] = r;
    Some([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)])
}

// ------------------------------------------------------------ image input

/// One page image ready for the PDF: its XObject and its size in pixels.
struct Img {
    stream: Stream,
    width: u32,
    height: u32,
    dpi: Option<f64>,
}

fn from_images(doc: &Document, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let images = match doc.source.format {
        SourceFormat::Tiff => tiff_images(bytes)?,
        SourceFormat::Jpeg => vec![jpeg_image(bytes)?],
        SourceFormat::Png => vec![png_image(bytes).map_or_else(|| decoded_image(bytes), Ok)?],
        _ => vec![decoded_image(bytes)?],
    };
    if images.len() != doc.pages.len() {
        return Err(format!(
            "the input has {} images, the document {} pages",
            images.len(),
            doc.pages.len()
        ));
    }
    let mut pdf = lopdf::Document::with_version("1.7");
    let pages_id = pdf.new_object_id();
    let texts = align::align(doc);
    let mut used = BTreeSet::new();
    let mut prepared = Vec::new();
    for ((img, page), text) in images.into_iter().zip(&doc.pages).zip(&texts) {
        let dpi = img.dpi.filter(|d| *d >= 10.0).unwrap_or(DEFAULT_DPI);
        let (w, h) = (
            img.width as f64 * 72.0 / dpi,
            img.height as f64 * 72.0 / dpi,
        );
        let media = [0.0, 0.0, w, h];
        let layer = page_matrix(page, media, 0)
            .map(|m| text_layer(text, page.height.unwrap_or(0) as f64, m, &mut used));
        prepared.push((img, media, layer, page.rotation_degrees.unwrap_or(0)));
    }
    let font = add_font(&mut pdf, &used);
    let mut kids = Vec::new();
    for (img, media, layer, turn) in prepared {
        let image = pdf.add_object(img.stream);
        let mut content =
            format!("q {} 0 0 {} 0 0 cm /Im0 Do Q\n", n(media[2]), n(media[3])).into_bytes();
        if let Some(l) = layer {
            content.extend_from_slice(&l);
        }
        let content = pdf.add_object(flate_stream(Dictionary::new(), &content));
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => media
                .iter()
                .map(|v| Object::Real(((v * 100.0).round() / 100.0) as f32))
                .collect::<Vec<_>>(),
            "Resources" => dictionary! {
                "XObject" => dictionary! { "Im0" => image },
                "Font" => dictionary! { FONT_NAME => font },
            },
            "Contents" => content,
        };
        if turn != 0 {
            page.set("Rotate", turn as i64);
        }
        kids.push(Object::Reference(pdf.add_object(page)));
    }
    let count = kids.len() as i64;
    pdf.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = pdf.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    pdf.trailer.set("Root", catalog);
    finish(&mut pdf, doc)
}

fn image_dict(w: u32, h: u32, space: &str, bpc: i64) -> Dictionary {
    dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => w as i64,
        "Height" => h as i64,
        "ColorSpace" => space,
        "BitsPerComponent" => bpc,
    }
}

/// JPEG data as it is (DCTDecode).
fn jpeg_image(bytes: &[u8]) -> Result<Img, String> {
    let mut r = image::ImageReader::new(std::io::Cursor::new(bytes));
    r.set_format(image::ImageFormat::Jpeg);
    let mut dec = image::codecs::jpeg::JpegDecoder::new(std::io::Cursor::new(bytes))
        .map_err(|e| e.to_string())?;
    use image::ImageDecoder;
    let (w, h) = dec.dimensions();
    let space = match dec.color_type().channel_count() {
        1 => "DeviceGray",
        3 => "DeviceRGB",
        _ => return decoded_image(bytes),
    };
    let _ = dec.icc_profile();
    let mut d = image_dict(w, h, space, 8);
    d.set("Filter", "DCTDecode");
    let mut s = Stream::new(d, bytes.to_vec());
    s.allows_compression = false;
    Ok(Img {
        stream: s,
        width: w,
        height: h,
        dpi: jfif_dpi(bytes),
    })
}

fn jfif_dpi(bytes: &[u8]) -> Option<f64> {
    if bytes.get(6..11)? != b"JFIF\0" {
        return None;
    }
    let x = u16::from_be_bytes([*bytes.get(14)?, *bytes.get(15)?]) as f64;
    match *bytes.get(13)? {
        1 => Some(x),
        2 => Some(x * 2.54),
        _ => None,
    }
}

/// PNG data as it is, when PDF's Flate with PNG predictors reads it:
/// not interlaced, gray or RGB or palette, 8 bits or fewer, no alpha.
fn png_image(bytes: &[u8]) -> Option<Img> {
    if bytes.get(..8)? != b"\x89PNG\r\n\x1a\n" {
        return None;
    }
    let mut pos = 8;
    let (mut w, mut h, mut depth, mut ctype, mut interlace) = (0u32, 0u32, 0u8, 0u8, 1u8);
    let mut idat = Vec::new();
    let mut palette: Option<Vec<u8>> = None;
    let mut dpi = None;
    while pos + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().ok()?) as usize;
        let kind = &bytes[pos + 4..pos + 8];
        let data = bytes.get(pos + 8..pos + 8 + len)?;
        match kind {
            b"IHDR" if len >= 13 => {
                w = u32::from_be_bytes(data[0..4].try_into().ok()?);
                h = u32::from_be_bytes(data[4..8].try_into().ok()?);
                depth = data[8];
                ctype = data[9];
                interlace = data[12];
            }
            b"PLTE" => palette = Some(data.to_vec()),
            b"IDAT" => idat.extend_from_slice(data),
            b"pHYs" if len >= 9 && data[8] == 1 => {
                let x = u32::from_be_bytes(data[0..4].try_into().ok()?);
                dpi = Some(x as f64 * 0.0254);
            }
            b"tRNS" => return None,
            b"IEND" => break,
            _ => {}
        }
        pos += 12 + len;
    }
    if interlace != 0 || depth > 8 || w == 0 || h == 0 || idat.is_empty() {
        return None;
    }
    let (space, colors): (Object, i64) = match ctype {
        0 => ("DeviceGray".into(), 1),
        2 => ("DeviceRGB".into(), 3),
        3 => {
            let p = palette?;
            let hival = (p.len() / 3).checked_sub(1)? as i64;
            (
                vec![
                    "Indexed".into(),
                    "DeviceRGB".into(),
                    hival.into(),
                    Object::String(p, lopdf::StringFormat::Hexadecimal),
                ]
                .into(),
                1,
            )
        }
        _ => return None,
    };
    let mut d = image_dict(w, h, "DeviceGray", depth as i64);
    d.set("ColorSpace", space);
    d.set("Filter", "FlateDecode");
    d.set(
        "DecodeParms",
        dictionary! {
            "Predictor" => 15,
            "Colors" => colors,
            "BitsPerComponent" => depth as i64,
            "Columns" => w as i64,
        },
    );
    let mut s = Stream::new(d, idat);
    s.allows_compression = false;
    Some(Img {
        stream: s,
        width: w,
        height: h,
        dpi,
    })
}

/// Any image the `image` crate reads, losslessly (Flate), gray when it is.
fn decoded_image(bytes: &[u8]) -> Result<Img, String> {
    let img = image::load_from_memory(bytes).map_err(|e| e.to_string())?;
    let (w, h) = (img.width(), img.height());
    let (space, data) = if img.color().has_color() {
        ("DeviceRGB", img.to_rgb8().into_raw())
    } else {
        ("DeviceGray", img.to_luma8().into_raw())
    };
    Ok(Img {
        stream: flate_stream(image_dict(w, h, space, 8), &data),
        width: w,
        height: h,
        dpi: None,
    })
}

/// Every page of a TIFF, losslessly: 1-bit pages stay 1 bit.
fn tiff_images(bytes: &[u8]) -> Result<Vec<Img>, String> {
    use tiff::decoder::{Decoder, DecodingResult};
    use tiff::tags::Tag;
    use tiff::ColorType;
    let mut dec = Decoder::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    loop {
        let (w, h) = dec.dimensions().map_err(|e| e.to_string())?;
        let ct = dec.colortype().map_err(|e| e.to_string())?;
        // 0: WhiteIsZero (1 is black), 1: BlackIsZero
        let white_is_zero = dec
            .get_tag_u32(Tag::PhotometricInterpretation)
            .is_ok_and(|p| p == 0);
        let dpi = dec.get_tag_f64(Tag::XResolution).ok().map(|x| {
            match dec.get_tag_u32(Tag::ResolutionUnit).unwrap_or(2) {
                3 => x * 2.54,
                _ => x,
            }
        });
        let data = dec.read_image().map_err(|e| e.to_string())?;
        let (space, bpc, pixels) = match (ct, data) {
            (ColorType::Gray(1), DecodingResult::U8(v)) => ("DeviceGray", 1, v),
            (ColorType::Gray(8), DecodingResult::U8(v)) => ("DeviceGray", 8, v),
            (ColorType::RGB(8), DecodingResult::U8(v)) => ("DeviceRGB", 8, v),
            (ColorType::Gray(16), DecodingResult::U16(v)) => {
                ("DeviceGray", 8, v.iter().map(|x| (x >> 8) as u8).collect())
            }
            (ColorType::RGBA(8), DecodingResult::U8(v)) => (
                "DeviceRGB",
                8,
                v.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect(),
            ),
            (ct, _) => return Err(format!("TIFF colour type {ct:?}")),
        };
        let mut d = image_dict(w, h, space, bpc);
        if white_is_zero && space == "DeviceGray" {
            d.set("Decode", vec![1.into(), 0.into()]);
        }
        out.push(Img {
            stream: flate_stream(d, &pixels),
            width: w,
            height: h,
            dpi,
        });
        if !dec.more_images() {
            break;
        }
        dec.next_image().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(-0.0001), "0");
        assert_eq!(n(2.5), "2.5");
    }

    #[test]
    fn astral_characters_become_replacement() {
        assert_eq!(cid('å'), 0xE5);
        assert_eq!(cid('𝔄'), 0xFFFD);
    }
}
