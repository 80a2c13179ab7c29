//! Fuzzing on stable Rust: proptest mutates valid PDF, TIFF, PNG, JPEG and
//! text inputs (byte flips, truncation, inserted and repeated chunks) and
//! feeds them to ingest in this process, and arbitrary or mangled protocol
//! text to segmentation. Nothing may panic (a panic here is a bug: in a
//! batch it would be a worker's crash), and segmentation's offsets must
//! point into its text.
//!
//! The normal test suite runs a small fixed budget (`FUZZ_CASES`, default
//! 24 per target); `scripts/fuzz.sh` runs it longer. A case proptest finds
//! is shrunk and kept in `tests/fuzz.proptest-regressions`, so it is
//! replayed by every later run.

mod common;

use paragraf::ingest::{self, Limits, OcrMode, PageInput};
use proptest::prelude::*;
use std::time::Duration;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

/// Small limits: fuzzed files must not make the test slow.
fn limits() -> Limits {
    Limits {
        max_megapixels: 4,
        max_pages: 20,
        raster_dpi: 50,
        max_file_bytes: 8 << 20,
        tool_timeout: Duration::from_secs(10),
        ..Limits::default()
    }
}

/// A mutation of a seed file.
#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, xor: u8 },
    Truncate { at: usize },
    Insert { at: usize, bytes: Vec<u8> },
    Repeat { at: usize, len: usize, times: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1u8..).prop_map(|(at, xor)| Mutation::Flip { at, xor }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<usize>(), 1usize..64, 1usize..64).prop_map(|(at, len, times)| Mutation::Repeat {
            at,
            len,
            times
        }),
    ]
}

fn apply(seed: &[u8], muts: &[Mutation]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for m in muts {
        if v.is_empty() {
            break;
        }
        let n = v.len();
        match m {
            Mutation::Flip { at, xor } => v[at % n] ^= xor,
            Mutation::Truncate { at } => v.truncate(at % n),
            Mutation::Insert { at, bytes } => {
                let at = at % n;
                v.splice(at..at, bytes.iter().copied());
            }
            Mutation::Repeat { at, len, times } => {
                let at = at % n;
                let chunk: Vec<u8> = v[at..(at + len).min(n)].to_vec();
                for _ in 0..*times {
                    v.splice(at..at, chunk.iter().copied());
                }
            }
        }
    }
    v
}

/// Ingest `bytes` as a file named `name` and load every page: errors are
/// fine, panics are not.
fn ingest_all(name: &str, bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let lim = limits();
    if let Ok(doc) = ingest::ingest(&path, OcrMode::Auto, &lim) {
        for p in &doc.pages {
            if let PageInput::Deferred { index } = p {
                let _ = doc.load_image(*index, &lim);
            }
        }
        let _ = doc.all_notes();
    }
}

fn text_pdf() -> Vec<u8> {
    let content =
        b"BT /F1 12 Tf 72 720 Td (Paragraf 1 Kommunstyrelsen beslutar att godkanna) Tj ET";
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 5 0 R >> /XObject << /Im 6 0 R >> >> /Contents 4 0 R >>".to_vec(),
        [format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(), content, b"\nendstream"].concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        [
            b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 64 >>\nstream\n".as_slice(),
            &[200u8; 64],
            b"\nendstream",
        ]
        .concat(),
    ];
    common::pdf(&objs)
}

fn image_bytes(format: image::ImageFormat) -> Vec<u8> {
    let img =
        image::GrayImage::from_fn(24, 16, |x, y| image::Luma([((x * 7 + y * 13) % 256) as u8]));
    let mut v = std::io::Cursor::new(Vec::new());
    img.write_to(&mut v, format).unwrap();
    v.into_inner()
}

fn tiff_bytes() -> Vec<u8> {
    use tiff::encoder::{colortype::Gray8, TiffEncoder};
    let mut v = std::io::Cursor::new(Vec::new());
    let mut enc = TiffEncoder::new(&mut v).unwrap();
    for _ in 0..3 {
        enc.write_image::<Gray8>(16, 8, &[128u8; 128]).unwrap();
    }
    v.into_inner()
}

const PROTOCOL: &str = "PROTOKOLL\nKommunstyrelsen\nSammanträdesdatum 2021-03-09 kl. 13.00-15.30\n\
Plats Stadshuset\nBeslutande Anna Berg (S), ordförande\nJusterare Lars Öhman\n\n\
§ 14 Årsredovisning för 2020\nDnr KS 2021/034\nKommunstyrelsen beslutar att godkänna årsredovisningen.\n\n\
§ 15 Val av ombud\nBeslut\nNämnden beslutar\natt utse Per Ek.\n\u{c}Justerandes signatur\n§ 16 Övrigt\n";

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_pdfs_never_panic(muts in prop::collection::vec(mutation(), 1..6)) {
        ingest_all("f.pdf", &apply(&text_pdf(), &muts));
    }

    #[test]
    fn mutated_pngs_never_panic(muts in prop::collection::vec(mutation(), 1..6)) {
        ingest_all("f.png", &apply(&image_bytes(image::ImageFormat::Png), &muts));
    }

    #[test]
    fn mutated_jpegs_never_panic(muts in prop::collection::vec(mutation(), 1..6)) {
        ingest_all("f.jpg", &apply(&image_bytes(image::ImageFormat::Jpeg), &muts));
    }

    #[test]
    fn mutated_tiffs_never_panic(muts in prop::collection::vec(mutation(), 1..6)) {
        ingest_all("f.tif", &apply(&tiff_bytes(), &muts));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 1..2048)) {
        ingest_all("f", &bytes);
    }

    #[test]
    fn mutated_text_never_panics(muts in prop::collection::vec(mutation(), 1..6)) {
        ingest_all("f.txt", &apply(PROTOCOL.as_bytes(), &muts));
    }

    #[test]
    fn segmentation_offsets_stay_in_the_text(
        muts in prop::collection::vec(mutation(), 0..8),
        extra in "\\PC{0,200}",
    ) {
        let bytes = apply(PROTOCOL.as_bytes(), &muts);
        let mut text = String::from_utf8_lossy(&bytes).into_owned();
        text.push_str(&extra);
        let s = paragraf::segment::segment(&text);
        for sec in &s.sections {
            prop_assert!(sec.start <= sec.end && sec.end <= text.len());
            prop_assert!(text.is_char_boundary(sec.start) && text.is_char_boundary(sec.end));
        }
    }
}
