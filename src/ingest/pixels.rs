//! Pixel conversions shared by the image decoders (image files, TIFF pages,
//! images embedded in PDFs).

/// What a 1-bit sample of 1 means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OneBit {
    /// 1 is white (a PDF's DeviceGray with the default `/Decode [0 1]`).
    OneIsWhite,
    /// 1 is black (a PDF's `/Decode [1 0]`: Tesseract's own PDFs do this).
    OneIsBlack,
    /// Unknown (TIFF bilevel from scanners is usually WhiteIsZero, and the
    /// decoder hands us the raw samples): paper is the majority, so the
    /// image is inverted if 1 = white would make it mostly black.
    Majority,
}

/// 1-bit rows (MSB first, rows padded to whole bytes) to 8-bit gray, 0 or
/// 255. Missing bytes read as 0.
pub fn unpack_1bit(v: &[u8], w: usize, h: usize, how: OneBit) -> Vec<u8> {
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
    let invert = match how {
        OneBit::OneIsWhite => false,
        OneBit::OneIsBlack => true,
        OneBit::Majority => out.iter().filter(|&&p| p == 0).count() * 2 > out.len(),
    };
    if invert {
        out.iter_mut().for_each(|p| *p = 255 - *p);
    }
    out
}

/// Gray from an RGB(A) pixel (ITU-R 601 weights).
pub fn luma(p: &[u8]) -> u8 {
    ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    // Two rows of 10 pixels (2 bytes each, 6 padding bits): row 0 is
    // 1000000001, row 1 all 0.
    const BITS: [u8; 4] = [0b1000_0000, 0b0100_0000, 0, 0];

    #[test]
    fn one_bit_polarities() {
        let white = unpack_1bit(&BITS, 10, 2, OneBit::OneIsWhite);
        assert_eq!(white.len(), 20);
        assert_eq!((white[0], white[1], white[9], white[10]), (255, 0, 255, 0));
        let black = unpack_1bit(&BITS, 10, 2, OneBit::OneIsBlack);
        assert!(white.iter().zip(&black).all(|(a, b)| *a == 255 - *b));
        // Mostly 0 bits: read 1 = white, the page would be black; inverted.
        assert_eq!(unpack_1bit(&BITS, 10, 2, OneBit::Majority), black);
        // Mostly 1 bits: kept.
        let ones = [0xFF, 0xC0, 0xFF, 0xC0];
        let kept = unpack_1bit(&ones, 10, 2, OneBit::Majority);
        assert!(kept.iter().all(|&p| p == 255));
    }

    #[test]
    fn short_data_reads_as_zero_bits() {
        let v = unpack_1bit(&[0xFF], 8, 2, OneBit::OneIsWhite);
        assert_eq!(&v[..8], &[255; 8]);
        assert_eq!(&v[8..], &[0; 8]);
    }

    #[test]
    fn luma_weights() {
        assert_eq!(luma(&[255, 255, 255]), 255);
        assert_eq!(luma(&[255, 0, 0, 9]), 76);
    }
}
