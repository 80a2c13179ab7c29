//! Image inputs: PNG, JPEG, PNM, and TIFF including multi-page TIFF.
//! Dimensions are checked against the limits before any pixel is decoded.

use super::{Detected, Limits, PageInput};
use crate::Error;
use image::{GrayImage, ImageFormat, ImageReader};
use std::io::Cursor;

/// Decode an image file into one page per image (TIFF: per directory).
pub fn pages(bytes: &[u8], kind: Detected, limits: &Limits) -> Result<Vec<PageInput>, Error> {
    if kind == Detected::Tiff {
        return tiff_pages(bytes, limits);
    }
    let format = match kind {
        Detected::Png => ImageFormat::Png,
        Detected::Jpeg => ImageFormat::Jpeg,
        _ => ImageFormat::Pnm,
    };
    let (w, h) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|e| Error::CorruptImage(e.to_string()))?;
    limits.check(w as u64, h as u64)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.no_limits(); // checked above, with our own limit
    let img = reader
        .decode()
        .map_err(|e| Error::CorruptImage(e.to_string()))?;
    let dpi = if format == ImageFormat::Png {
        png_dpi(bytes)
    } else {
        jpeg_dpi(bytes)
    };
    Ok(vec![PageInput::Image {
        image: img.to_luma8(),
        dpi,
    }])
}

/// Resolution from a PNG pHYs chunk (pixels per metre).
fn png_dpi(bytes: &[u8]) -> Option<u32> {
    let pos = bytes.windows(4).position(|w| w == b"pHYs")?;
    let d = bytes.get(pos + 4..pos + 13)?;
    let x = u32::from_be_bytes([d[0], d[1], d[2], d[3]]);
    (d[8] == 1 && x > 0).then(|| (x as f64 * 0.0254).round() as u32)
}

/// Resolution from a JFIF APP0 header.
fn jpeg_dpi(bytes: &[u8]) -> Option<u32> {
    if bytes.get(6..11)? != b"JFIF\0" {
        return None;
    }
    let units = *bytes.get(13)?;
    let x = u16::from_be_bytes([*bytes.get(14)?, *bytes.get(15)?]) as u32;
    match units {
        1 if x > 1 => Some(x),
        2 if x > 1 => Some((x as f64 * 2.54).round() as u32),
        _ => None,
    }
}

fn tiff_pages(bytes: &[u8], limits: &Limits) -> Result<Vec<PageInput>, Error> {
    use tiff::decoder::{Decoder, DecodingResult};
    use tiff::ColorType;
    let bad = |e: tiff::TiffError| Error::CorruptImage(format!("TIFF: {e}"));
    let mut dec = Decoder::new(Cursor::new(bytes)).map_err(bad)?;
    let mut tl = tiff::decoder::Limits::default();
    tl.decoding_buffer_size = (limits.max_megapixels as usize * 1_000_000 * 4).max(1 << 20);
    tl.intermediate_buffer_size = tl.decoding_buffer_size;
    dec = dec.with_limits(tl);
    // Count the pages first (directory entries only, no pixel data; the
    // decoder stops on a cycle in the chain), so a TIFF over --max-pages is
    // refused with its real page count and without decoding pages up to the
    // limit; then go back to the first page.
    let mut count = 1;
    while dec.more_images() {
        dec.next_image().map_err(bad)?;
        count += 1;
    }
    if count > limits.max_pages {
        return Err(Error::TooManyPages {
            pages: count,
            limit: limits.max_pages,
        });
    }
    dec.seek_to_image(0).map_err(bad)?;
    let mut pages = Vec::with_capacity(count);
    loop {
        let (w, h) = dec.dimensions().map_err(bad)?;
        limits.check(w as u64, h as u64)?;
        let ct = dec.colortype().map_err(bad)?;
        let data = dec.read_image().map_err(bad)?;
        let n = w as usize * h as usize;
        let gray: Vec<u8> = match (ct, data) {
            (ColorType::Gray(8), DecodingResult::U8(v)) => v,
            (ColorType::Gray(16), DecodingResult::U16(v)) => {
                v.iter().map(|x| (x >> 8) as u8).collect()
            }
            (ColorType::Gray(1), DecodingResult::U8(v)) => unpack_bits(&v, w as usize, h as usize),
            (ColorType::RGB(8), DecodingResult::U8(v)) => v.chunks_exact(3).map(luma).collect(),
            (ColorType::RGBA(8), DecodingResult::U8(v)) => v.chunks_exact(4).map(luma).collect(),
            (ColorType::GrayA(8), DecodingResult::U8(v)) => {
                v.chunks_exact(2).map(|p| p[0]).collect()
            }
            (ct, _) => return Err(Error::Unsupported(format!("TIFF colour type {ct:?}"))),
        };
        if gray.len() != n {
            return Err(Error::CorruptImage(
                "TIFF: pixel data has the wrong size".into(),
            ));
        }
        let image = GrayImage::from_raw(w, h, gray).expect("size checked");
        pages.push(PageInput::Image { image, dpi: None });
        if !dec.more_images() {
            break;
        }
        dec.next_image().map_err(bad)?;
    }
    Ok(pages)
}

fn luma(p: &[u8]) -> u8 {
    ((p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000) as u8
}

/// 1-bit rows (MSB first, 1 = white for MinIsBlack... TIFF bilevel from
/// scanners is usually WhiteIsZero: the decoder hands us the raw samples, and
/// we map 0 to black only if most pixels would then be white).
fn unpack_bits(v: &[u8], w: usize, h: usize) -> Vec<u8> {
    let stride = w.div_ceil(8);
    let mut out = Vec::with_capacity(w * h);
    for y in 0..h {
        for x in 0..w {
            let bit = v
                .get(y * stride + x / 8)
                .map_or(0, |b| (b >> (7 - x % 8)) & 1);
            out.push(if bit == 1 { 255 } else { 0 });
        }
    }
    // Paper is the majority: invert if we got mostly black.
    let black = out.iter().filter(|&&p| p == 0).count();
    if black * 2 > out.len() {
        out.iter_mut().for_each(|p| *p = 255 - *p);
    }
    out
}
