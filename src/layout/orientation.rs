//! Turned pages: a page scanned sideways or upside down is turned upright
//! before OCR, or every line on it is garbage.
//!
//! Tesseract's orientation detection (`osd.traineddata`) says how the page
//! is turned and how sure it is. It runs on a copy of the page scaled to
//! about 200 dpi (less than half the pixels of 300 dpi; at 150 dpi its
//! confidence drops by half). A turn
//! is applied only when Tesseract is sure enough; for a doubtful 180° call,
//! the page and its turned copy are read on a strip and the one with the
//! better OCR confidence wins.

use crate::ocr::{self, OcrConfig};
use image::imageops::{self, FilterType};
use image::GrayImage;

/// Below this OSD confidence a turn is not trusted without a check.
const SURE: f32 = 6.0;
/// Below this OSD confidence nothing is turned.
const MINIMUM: f32 = 1.0;
/// OSD runs at about this resolution (at 150 dpi its confidence halves).
const OSD_DPI: u32 = 200;

/// Turn `img` clockwise by `deg` (0, 90, 180 or 270).
pub fn turn(img: &GrayImage, deg: u16) -> GrayImage {
    match deg {
        90 => imageops::rotate90(img),
        180 => imageops::rotate180(img),
        270 => imageops::rotate270(img),
        _ => img.clone(),
    }
}

/// The clockwise turn (0, 90, 180, 270) that makes the page upright.
pub fn detect(img: &GrayImage, dpi: Option<u32>, cfg: &OcrConfig) -> u16 {
    // Unknown resolution: no scaling (the page may already be small).
    let src_dpi = dpi.unwrap_or(OSD_DPI).max(1);
    let scale = (OSD_DPI as f32 / src_dpi as f32).min(1.0);
    let small;
    let view = if scale < 0.9 {
        let (w, h) = img.dimensions();
        small = imageops::resize(
            img,
            ((w as f32 * scale) as u32).max(1),
            ((h as f32 * scale) as u32).max(1),
            FilterType::Triangle,
        );
        &small
    } else {
        img
    };
    let Some((orient, conf)) = ocr::detect_orientation(view, Some(OSD_DPI.min(src_dpi)), cfg)
    else {
        return 0;
    };
    // Tesseract gives the page's orientation counter-clockwise; undo it.
    let turn_cw = ((360 - orient % 360) % 360) as u16;
    if turn_cw == 0 || conf < MINIMUM {
        return 0;
    }
    if conf >= SURE {
        return turn_cw;
    }
    // Doubtful: read a strip both ways and keep the more confident reading.
    let turned = turn(img, turn_cw);
    if strip_confidence(&turned, dpi, cfg) > strip_confidence(img, dpi, cfg) + 0.1 {
        turn_cw
    } else {
        0
    }
}

/// Mean word confidence below which a turned page's reading is checked
/// against the page as scanned. Upright pages of the fixtures and of real
/// scans read at 0.75 to 0.95; a page read upside down at 0.3 to 0.5.
const TURNED_READS_WELL: f32 = 0.7;

/// Is the OCR confidence of a turned page low enough to doubt the turn?
pub fn doubtful(confidence: Option<f32>) -> bool {
    confidence.is_none_or(|c| c < TURNED_READS_WELL)
}

/// Does the page as scanned read clearly better than turned?
pub fn better(as_scanned: Option<f32>, turned: Option<f32>) -> bool {
    as_scanned.unwrap_or(0.0) > turned.unwrap_or(0.0) + 0.1
}

/// OCR confidence of the middle third of a page (as it stands).
fn strip_confidence(img: &GrayImage, dpi: Option<u32>, cfg: &OcrConfig) -> f32 {
    let (w, h) = img.dimensions();
    let rect = [0, h / 3, w, h / 3];
    ocr::recognize_region(img, dpi, cfg, rect, false).map_or(0.0, |(t, c)| {
        if t.chars().filter(|c| c.is_alphabetic()).count() < 10 {
            0.0
        } else {
            c
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    #[test]
    fn a_turn_is_doubted_only_when_it_reads_poorly() {
        assert!(doubtful(Some(0.45)));
        assert!(doubtful(None));
        assert!(!doubtful(Some(0.82)));
        // The page as scanned must read clearly better to overrule the turn.
        assert!(better(Some(0.72), Some(0.41)));
        assert!(!better(Some(0.50), Some(0.45)));
        assert!(!better(None, Some(0.3)));
    }

    #[test]
    fn turns_compose() {
        let mut img = GrayImage::from_pixel(3, 2, Luma([255]));
        img.put_pixel(0, 0, Luma([0]));
        let back = turn(&turn(&img, 90), 270);
        assert_eq!(back, img);
        assert_eq!(turn(&img, 90).dimensions(), (2, 3));
        assert_eq!(turn(&turn(&img, 180), 180), img);
        // clockwise: the top-left corner goes to the top-right
        assert_eq!(turn(&img, 90).get_pixel(1, 0)[0], 0);
    }
}
