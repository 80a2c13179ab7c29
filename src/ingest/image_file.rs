//! Image inputs: PNG, JPEG, PNM, and TIFF including multi-page TIFF.
//! Dimensions are checked against the limits before any pixel is decoded.

use super::pixels::{luma, unpack_1bit, OneBit};
use super::{Limits, PageInput};
use crate::model::SourceFormat;
use crate::Error;
use image::{GrayImage, ImageFormat, ImageReader};
use std::io::Cursor;
use std::sync::Mutex;

/// Decode a one-page image file (PNG, JPEG, PNM; TIFF: see [`TiffPages`]).
pub fn pages(bytes: &[u8], kind: SourceFormat, limits: &Limits) -> Result<Vec<PageInput>, Error> {
    let format = match kind {
        SourceFormat::Png => ImageFormat::Png,
        SourceFormat::Jpeg => ImageFormat::Jpeg,
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

/// A TIFF's pages, decoded one at a time on request. The directory chain
/// is walked once when the file is opened (counting the pages without
/// decoding any pixel); the decoder remembers every directory's offset, so
/// a page is found again in constant time.
pub struct TiffPages {
    decoder: Mutex<tiff::decoder::Decoder<Cursor<Vec<u8>>>>,
}

impl TiffPages {
    /// Open a TIFF and count its pages (refused over `--max-pages`).
    pub fn open(bytes: Vec<u8>, limits: &Limits) -> Result<(Self, usize), Error> {
        use tiff::decoder::Decoder;
        let mut dec = Decoder::new(Cursor::new(bytes)).map_err(bad_tiff)?;
        let mut tl = tiff::decoder::Limits::default();
        tl.decoding_buffer_size = (limits.max_pixels().saturating_mul(4) as usize).max(1 << 20);
        tl.intermediate_buffer_size = tl.decoding_buffer_size;
        dec = dec.with_limits(tl);
        // The decoder stops on a cycle in the chain.
        let mut count = 1;
        while dec.more_images() {
            dec.next_image().map_err(bad_tiff)?;
            count += 1;
            if count > limits.max_pages {
                // Count on without keeping the decoder busy forever: the
                // real count is in the message, up to a bound.
                while dec.more_images() && count < limits.max_pages.saturating_mul(2).max(100_000) {
                    dec.next_image().map_err(bad_tiff)?;
                    count += 1;
                }
                return Err(Error::TooManyPages {
                    pages: count,
                    limit: limits.max_pages,
                });
            }
        }
        Ok((
            TiffPages {
                decoder: Mutex::new(dec),
            },
            count,
        ))
    }

    /// Decode page `index` (0-based) to gray.
    pub fn page(&self, index: usize, limits: &Limits) -> Result<(GrayImage, Option<u32>), Error> {
        use tiff::decoder::DecodingResult;
        use tiff::ColorType;
        let mut dec = self.decoder.lock().unwrap_or_else(|e| e.into_inner());
        dec.seek_to_image(index).map_err(bad_tiff)?;
        let (w, h) = dec.dimensions().map_err(bad_tiff)?;
        limits.check(w as u64, h as u64)?;
        let ct = dec.colortype().map_err(bad_tiff)?;
        let data = dec.read_image().map_err(bad_tiff)?;
        drop(dec);
        let n = w as usize * h as usize;
        let gray: Vec<u8> = match (ct, data) {
            (ColorType::Gray(8), DecodingResult::U8(v)) => v,
            (ColorType::Gray(16), DecodingResult::U16(v)) => {
                v.iter().map(|x| (x >> 8) as u8).collect()
            }
            (ColorType::Gray(1), DecodingResult::U8(v)) => {
                unpack_1bit(&v, w as usize, h as usize, OneBit::Majority)
            }
            (ColorType::RGB(8), DecodingResult::U8(v)) => v.chunks_exact(3).map(luma).collect(),
            (ColorType::RGBA(8), DecodingResult::U8(v)) => v.chunks_exact(4).map(luma).collect(),
            (ColorType::GrayA(8), DecodingResult::U8(v)) => {
                v.chunks_exact(2).map(|p| p[0]).collect()
            }
            (ct, _) => return Err(Error::Unsupported(format!("TIFF colour type {ct:?}"))),
        };
        if gray.len() != n {
            return Err(Error::CorruptImage(format!(
                "TIFF page {}: pixel data has the wrong size",
                index + 1
            )));
        }
        let image = GrayImage::from_raw(w, h, gray).expect("size checked");
        Ok((image, None))
    }
}

fn bad_tiff(e: tiff::TiffError) -> Error {
    Error::CorruptImage(format!("TIFF: {e}"))
}
