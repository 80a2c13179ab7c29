//! Image preparation before OCR: speckle removal, binarization, deskew.
//!
//! Scans in archives are noisy (salt-and-pepper speckle, grey paper) and
//! slightly rotated. Tesseract's own thresholding is not enough: on a noisy
//! fixture scan its raw output is unusable, after this stage it is clean
//! (see `preprocessing_rescues_the_noisy_scan` in `tests/extract.rs`). Every step is measured, not assumed:
//! the median filter runs only when the page shows speckle.

use image::{GrayImage, Luma};

/// What preparation did to a page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Prepared {
    /// Fraction of isolated dark pixels among dark pixels before cleaning.
    pub speckle: f32,
    /// Whether the median filter ran.
    pub denoised: bool,
    /// The global threshold used for binarization.
    pub threshold: u8,
    /// Rotation applied, degrees (counter-clockwise positive).
    pub deskew_degrees: f32,
}

/// Speckle fraction above which a median filter is applied.
const SPECKLE_LIMIT: f32 = 0.02;
/// Largest skew searched, degrees. Hand-fed and phone scans go past 6°;
/// turns by 90° are found before this (see `layout::orientation`).
const MAX_SKEW: f32 = 12.0;
/// The range searched first, degrees.
const NEAR_SKEW: f32 = 6.0;

/// Clean a page in place of a new image: denoise if speckled, binarize, deskew.
pub fn prepare(img: GrayImage) -> (GrayImage, Prepared) {
    let (img, mut info) = clean(img);
    let img = deskew(img, &mut info);
    (img, info)
}

/// Denoise if speckled, then binarize (the page is not turned yet).
pub fn clean(img: GrayImage) -> (GrayImage, Prepared) {
    let mut info = Prepared::default();
    let mut img = img;
    let t0 = otsu_threshold(&img);
    info.speckle = speckle_fraction(&img, t0);
    if info.speckle > SPECKLE_LIMIT {
        img = median3(&img);
        info.denoised = true;
    }
    info.threshold = otsu_threshold(&img);
    binarize(&mut img, info.threshold);
    (img, info)
}

/// Straighten a binarized, upright page.
pub fn deskew(img: GrayImage, info: &mut Prepared) -> GrayImage {
    let angle = estimate_skew(&img);
    if angle.abs() >= 0.15 {
        info.deskew_degrees = angle;
        return rotate(&img, angle);
    }
    img
}

/// Otsu's global threshold: pixels <= threshold are ink.
pub fn otsu_threshold(img: &GrayImage) -> u8 {
    let mut hist = [0u64; 256];
    for p in img.as_raw() {
        hist[*p as usize] += 1;
    }
    let total: u64 = hist.iter().sum();
    if total == 0 {
        return 127;
    }
    let sum_all: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &c)| i as f64 * c as f64)
        .sum();
    let (mut w_b, mut sum_b, mut best, mut best_t) = (0u64, 0f64, -1f64, 127u8);
    for (t, &c) in hist.iter().enumerate() {
        w_b += c;
        if w_b == 0 {
            continue;
        }
        let w_f = total - w_b;
        if w_f == 0 {
            break;
        }
        sum_b += t as f64 * c as f64;
        let m_b = sum_b / w_b as f64;
        let m_f = (sum_all - sum_b) / w_f as f64;
        let between = w_b as f64 * w_f as f64 * (m_b - m_f).powi(2);
        if between > best {
            best = between;
            best_t = t as u8;
        }
    }
    best_t
}

/// Fraction of dark pixels (<= t) with no dark 8-neighbour.
pub fn speckle_fraction(img: &GrayImage, t: u8) -> f32 {
    let (w, h) = (img.width() as usize, img.height() as usize);
    if w < 3 || h < 3 {
        return 0.0;
    }
    let px = img.as_raw();
    let (mut dark, mut lone) = (0u64, 0u64);
    for y in 1..h - 1 {
        let row = y * w;
        for x in 1..w - 1 {
            if px[row + x] > t {
                continue;
            }
            dark += 1;
            let n = [
                row - w + x - 1,
                row - w + x,
                row - w + x + 1,
                row + x - 1,
                row + x + 1,
                row + w + x - 1,
                row + w + x,
                row + w + x + 1,
            ];
            if n.iter().all(|&i| px[i] > t) {
                lone += 1;
            }
        }
    }
    if dark == 0 {
        0.0
    } else {
        lone as f32 / dark as f32
    }
}

/// 3x3 median filter (edges copied).
pub fn median3(img: &GrayImage) -> GrayImage {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let src = img.as_raw();
    let mut out = src.clone();
    if w >= 3 && h >= 3 {
        out.chunks_mut(w)
            .enumerate()
            .skip(1)
            .take(h - 2)
            .for_each(|(y, row)| {
                let (a, b, c) = (
                    &src[(y - 1) * w..y * w],
                    &src[y * w..(y + 1) * w],
                    &src[(y + 1) * w..(y + 2) * w],
                );
                for x in 1..w - 1 {
                    let mut v = [
                        a[x - 1],
                        a[x],
                        a[x + 1],
                        b[x - 1],
                        b[x],
                        b[x + 1],
                        c[x - 1],
                        c[x],
                        c[x + 1],
                    ];
                    row[x] = median9(&mut v);
                }
            });
    }
    GrayImage::from_raw(w as u32, h as u32, out).expect("same size")
}

/// Median of 9 values with a fixed comparison network.
fn median9(p: &mut [u8; 9]) -> u8 {
    macro_rules! s {
        ($a:expr, $b:expr) => {
            if p[$a] > p[$b] {
                p.swap($a, $b);
            }
        };
    }
    s!(1, 2);
    s!(4, 5);
    s!(7, 8);
    s!(0, 1);
    s!(3, 4);
    s!(6, 7);
    s!(1, 2);
    s!(4, 5);
    s!(7, 8);
    s!(0, 3);
    s!(5, 8);
    s!(4, 7);
    s!(3, 6);
    s!(1, 4);
    s!(2, 5);
    s!(4, 7);
    s!(4, 2);
    s!(6, 4);
    s!(4, 2);
    p[4]
}

/// Set ink to 0 and paper to 255.
pub fn binarize(img: &mut GrayImage, t: u8) {
    for p in img.iter_mut() {
        *p = if *p <= t { 0 } else { 255 };
    }
}

/// Estimate the skew of text lines, degrees (positive: lines rise to the
/// right, so rotating by +angle counter-clockwise... see [`rotate`]).
///
/// Projection-profile search on a subsample of ink pixels: the angle at
/// which rows of ink are sharpest (largest sum of squared row counts).
pub fn estimate_skew(img: &GrayImage) -> f32 {
    let (w, h) = img.dimensions();
    let step = ((w.max(h) / 800).max(1)) as usize;
    let px = img.as_raw();
    let mut pts: Vec<(f32, f32)> = Vec::new();
    for y in (0..h as usize).step_by(step) {
        for x in (0..w as usize).step_by(step) {
            if px[y * w as usize + x] == 0 {
                pts.push((x as f32, y as f32));
            }
        }
    }
    if pts.len() < 50 {
        return 0.0;
    }
    let score = |deg: f32| score_at(&pts, w, h, step, deg);
    let search = |lo: f32, hi: f32, d: f32| -> f32 {
        let mut best = (f64::MIN, 0.0f32);
        let mut a = lo;
        while a <= hi + 1e-6 {
            let s = score(a);
            if s > best.0 {
                best = (s, a);
            }
            a += d;
        }
        best.1
    };
    // The usual range first; a page whose best angle is at its edge is
    // searched again up to the far limit.
    let mut coarse = search(-NEAR_SKEW, NEAR_SKEW, 0.5);
    if coarse.abs() >= NEAR_SKEW - 0.5 {
        coarse = search(-MAX_SKEW, MAX_SKEW, 0.5);
    }
    search(coarse - 0.5, coarse + 0.5, 0.05)
}

/// Sharpness of the rows of ink when lines of slope tan(deg) are projected
/// onto the y axis: sum of squared bin counts.
fn score_at(pts: &[(f32, f32)], w: u32, h: u32, step: usize, deg: f32) -> f64 {
    let t = deg.to_radians().tan();
    let bins = (h as usize / step) + (w as f32 * t.abs() / step as f32) as usize + 2;
    // y - x*t ranges over [-w*t, h] (t > 0) or [0, h + w*|t|] (t < 0):
    // shift so that every point falls in a bin of its own row, none is
    // clamped into the first or last bin.
    let off = if t > 0.0 { w as f32 * t } else { 0.0 };
    let mut rows = vec![0u32; bins];
    for &(x, y) in pts {
        let yy = ((y - x * t + off) / step as f32).max(0.0) as usize;
        if let Some(r) = rows.get_mut(yy.min(bins - 1)) {
            *r += 1;
        }
    }
    rows.iter().map(|&c| (c as f64) * (c as f64)).sum()
}

/// Rotate so that lines with slope tan(angle) become horizontal
/// (nearest neighbour, white fill). Same size as the input.
pub fn rotate(img: &GrayImage, deg: f32) -> GrayImage {
    let (w, h) = img.dimensions();
    let (s, c) = deg.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let mut out = GrayImage::from_pixel(w, h, Luma([255]));
    let src = img.as_raw();
    for (y, row) in out.chunks_mut(w as usize).enumerate() {
        let dy = y as f32 - cy;
        for (x, p) in row.iter_mut().enumerate() {
            let dx = x as f32 - cx;
            // inverse map: a line y = x*tan(a) in the source lands on y = const.
            let sx = cx + dx * c - dy * s;
            let sy = cy + dx * s + dy * c;
            if sx >= 0.0 && sy >= 0.0 && (sx as u32) < w && (sy as u32) < h {
                *p = src[sy as usize * w as usize + sx as usize];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A synthetic page: dark horizontal "text lines" of dashes.
    fn lines_page(w: u32, h: u32) -> GrayImage {
        let mut img = GrayImage::from_pixel(w, h, Luma([230]));
        for top in (40..h - 40).step_by(40) {
            for y in top..top + 12 {
                for x in 30..w - 30 {
                    if (x / 9) % 4 != 3 {
                        img.put_pixel(x, y, Luma([20]));
                    }
                }
            }
        }
        img
    }

    #[test]
    fn otsu_separates_ink_from_paper() {
        let t = otsu_threshold(&lines_page(400, 300));
        assert!((20..230).contains(&t), "threshold {t}");
    }

    #[test]
    fn skew_is_found_and_removed() {
        let mut page = lines_page(800, 600);
        binarize(&mut page, 128);
        assert!(estimate_skew(&page).abs() < 0.2);
        let tilted = rotate(&page, -2.0);
        let est = estimate_skew(&tilted);
        assert!(
            (est - 2.0).abs() < 0.3 || (est + 2.0).abs() < 0.3,
            "estimated {est}"
        );
        let fixed = rotate(&tilted, est);
        assert!(
            estimate_skew(&fixed).abs() < 0.3,
            "after: {}",
            estimate_skew(&fixed)
        );
    }

    #[test]
    fn skew_beyond_six_degrees_is_found() {
        // "words" of irregular length, so no angle lines up their gaps
        let mut page = GrayImage::from_pixel(1200, 900, Luma([255]));
        let mut seed = 7u32;
        for top in (60..840).step_by(40) {
            let mut x = 60u32;
            while x < 1100 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let len = 20 + (seed >> 16) % 90;
                for xx in x..(x + len).min(1140) {
                    for y in top..top + 12 {
                        page.put_pixel(xx, y, Luma([0]));
                    }
                }
                x += len + 12;
            }
        }
        let est = estimate_skew(&rotate(&page, 8.5));
        assert!((est.abs() - 8.5).abs() < 0.3, "estimated {est}");
    }

    #[test]
    fn median_removes_isolated_speckle_and_keeps_strokes() {
        let mut page = lines_page(400, 300);
        // isolated dark dots on paper
        for i in 0..200u32 {
            let (x, y) = ((i * 37) % 397 + 1, (i * 91) % 297 + 1);
            if page.get_pixel(x, y)[0] > 200 {
                page.put_pixel(x, y, Luma([0]));
            }
        }
        let t = otsu_threshold(&page);
        let before = speckle_fraction(&page, t);
        let clean = median3(&page);
        let after = speckle_fraction(&clean, t);
        assert!(before > 0.0 && after < before / 4.0, "{before} -> {after}");
        // the strokes are still there
        assert!(clean.get_pixel(40, 45)[0] < 100);
    }
}
