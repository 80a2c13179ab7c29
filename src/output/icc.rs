//! A compact sRGB ICC profile (version 2, display class, matrix/TRC) for
//! the searchable PDF's PDF/A output intent, built from the published sRGB
//! numbers (IEC 61966-2-1): its colorants adapted to D50 (Bradford), the
//! D50 white point and the sRGB tone curve sampled at 64 points.
//!
//! 604 bytes instead of the 6,922 of the usual sRGB.icc (icc-profiles-free,
//! as OCRmyPDF embeds): the fixed cost of a searchable PDF matters on a
//! one-page 1-bit scan of 40 KB.

/// Red, green and blue colorants (XYZ, D50-adapted) of sRGB.
const COLORANTS: [[f64; 3]; 3] = [
    [0.436_07, 0.222_49, 0.013_92],
    [0.385_15, 0.716_87, 0.097_08],
    [0.143_08, 0.060_61, 0.714_10],
];
/// The D50 white point (the PCS illuminant).
const D50: [f64; 3] = [0.964_2, 1.0, 0.824_9];
/// Points of the sampled tone curve.
const CURVE_POINTS: usize = 64;

fn s15f16(v: f64) -> [u8; 4] {
    ((v * 65536.0).round() as i32).to_be_bytes()
}

fn xyz_tag(v: [f64; 3]) -> Vec<u8> {
    let mut t = b"XYZ \0\0\0\0".to_vec();
    for c in v {
        t.extend_from_slice(&s15f16(c));
    }
    t
}

/// The sRGB decoding curve (encoded value 0..1 to linear light).
fn srgb_to_linear(v: f64) -> f64 {
    if v <= 0.040_45 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

/// The profile's bytes.
pub fn srgb() -> Vec<u8> {
    let mut desc = b"desc\0\0\0\0".to_vec();
    let name = b"sRGB IEC61966-2.1\0";
    desc.extend_from_slice(&(name.len() as u32).to_be_bytes());
    desc.extend_from_slice(name);
    desc.extend_from_slice(&[0; 4 + 4 + 2 + 1 + 67]); // no Unicode, no ScriptCode
    let mut cprt = b"text\0\0\0\0".to_vec();
    cprt.extend_from_slice(b"No copyright, use freely\0");
    let mut curv = b"curv\0\0\0\0".to_vec();
    curv.extend_from_slice(&(CURVE_POINTS as u32).to_be_bytes());
    for i in 0..CURVE_POINTS {
        let y = srgb_to_linear(i as f64 / (CURVE_POINTS - 1) as f64);
        curv.extend_from_slice(&((y * 65535.0).round() as u16).to_be_bytes());
    }
    // (signature, data); the three TRC tags share one curve
    let data: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", desc),
        (b"cprt", cprt),
        (b"wtpt", xyz_tag(D50)),
        (b"rXYZ", xyz_tag(COLORANTS[0])),
        (b"gXYZ", xyz_tag(COLORANTS[1])),
        (b"bXYZ", xyz_tag(COLORANTS[2])),
        (b"rTRC", curv),
    ];
    let shared = [b"gTRC", b"bTRC"];
    let count = data.len() + shared.len();
    let mut offset = 128 + 4 + 12 * count;
    let mut table = Vec::new();
    let mut body = Vec::new();
    let mut trc = (0, 0);
    for (sig, d) in &data {
        table.extend_from_slice(*sig);
        table.extend_from_slice(&(offset as u32).to_be_bytes());
        table.extend_from_slice(&(d.len() as u32).to_be_bytes());
        if *sig == b"rTRC" {
            trc = (offset, d.len());
        }
        body.extend_from_slice(d);
        let pad = (4 - d.len() % 4) % 4;
        body.extend(std::iter::repeat_n(0u8, pad));
        offset += d.len() + pad;
    }
    for sig in shared {
        table.extend_from_slice(sig);
        table.extend_from_slice(&(trc.0 as u32).to_be_bytes());
        table.extend_from_slice(&(trc.1 as u32).to_be_bytes());
    }
    let size = offset;
    let mut p = Vec::with_capacity(size);
    p.extend_from_slice(&(size as u32).to_be_bytes());
    p.extend_from_slice(&[0; 4]); // preferred CMM
    p.extend_from_slice(&[2, 0x10, 0, 0]); // version 2.1
    p.extend_from_slice(b"mntrRGB XYZ ");
    p.extend_from_slice(&[0x07, 0xD0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]); // 2000-01-01
    p.extend_from_slice(b"acsp");
    p.extend_from_slice(&[0; 4 + 4 + 4 + 4 + 8 + 4]); // platform .. rendering intent
    for c in D50 {
        p.extend_from_slice(&s15f16(c));
    }
    p.extend_from_slice(&[0; 4 + 16 + 28]); // creator, profile ID, reserved
    debug_assert_eq!(p.len(), 128);
    p.extend_from_slice(&(count as u32).to_be_bytes());
    p.extend_from_slice(&table);
    p.extend_from_slice(&body);
    debug_assert_eq!(p.len(), size);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_tags_are_consistent() {
        let p = srgb();
        assert_eq!(
            u32::from_be_bytes(p[0..4].try_into().unwrap()) as usize,
            p.len()
        );
        assert_eq!(&p[36..40], b"acsp");
        assert_eq!(&p[12..24], b"mntrRGB XYZ ");
        let n = u32::from_be_bytes(p[128..132].try_into().unwrap()) as usize;
        assert_eq!(n, 9);
        for i in 0..n {
            let e = &p[132 + 12 * i..144 + 12 * i];
            let off = u32::from_be_bytes(e[4..8].try_into().unwrap()) as usize;
            let len = u32::from_be_bytes(e[8..12].try_into().unwrap()) as usize;
            assert!(
                off.is_multiple_of(4) && off + len <= p.len(),
                "tag {i} out of the profile"
            );
        }
        // the curve runs from black to white
        assert!(srgb_to_linear(0.0) == 0.0 && (srgb_to_linear(1.0) - 1.0).abs() < 1e-12);
    }
}
