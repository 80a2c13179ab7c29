//! Every kind of bad input: one clear line on stderr naming the file and the
//! reason, a non-zero exit, no panic.

mod common;
use common::*;

fn expect_failure(path: &std::path::Path, reason: &str) {
    expect_failure_with(path, &[], reason);
}

/// `paragraf extract FILE EXTRA...` fails with exit 1 and one stderr line
/// naming the file and the reason.
fn expect_failure_with(path: &std::path::Path, extra: &[&str], reason: &str) {
    let mut args = vec!["extract", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = paragraf(&args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{}: {err}", path.display());
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected: {err}");
    assert!(
        lines[0].contains(&*path.to_string_lossy()),
        "names the file: {err}"
    );
    assert!(lines[0].contains(reason), "says {reason:?}: {err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn missing_file() {
    expect_failure(&fixture("bad/does-not-exist.pdf"), "no such file");
}

#[test]
fn zero_byte_file() {
    expect_failure(&fixture("bad/empty.pdf"), "empty file");
}

#[test]
fn corrupt_pdf() {
    expect_failure(&fixture("bad/corrupt.pdf"), "corrupt PDF");
}

#[test]
fn encrypted_pdf() {
    expect_failure(&fixture("bad/encrypted.pdf"), "encrypted PDF");
}

#[test]
fn content_does_not_match_extension() {
    expect_failure(
        &fixture("bad/png_named.pdf"),
        "named .pdf but contains a PNG image",
    );
}

#[test]
fn decompression_bomb() {
    expect_failure(&fixture("bad/bomb.png"), "image too large: 100000x100000");
}

#[test]
fn truncated_image() {
    expect_failure(&fixture("bad/truncated.png"), "corrupt image");
}

#[test]
fn unsupported_type() {
    expect_failure(&fixture("bad/archive.docx"), "unsupported file type");
}

#[test]
fn directory_instead_of_file() {
    expect_failure(&fixture("bad"), "is a directory");
}

#[test]
fn max_pages_refuses_longer_documents() {
    // A 2-page scanned PDF, refused from its page count before any OCR.
    expect_failure_with(
        &fixture("scans/ks_clean.pdf"),
        &["--max-pages", "1"],
        "too many pages: 2 exceeds the limit of 1",
    );
    // A text file whose form feed makes two pages: over the limit it fails,
    // at the limit it is read.
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("two_pages.txt");
    std::fs::write(&text, "§ 1 Öppnande\nText.\n\u{c}§ 2 Avslutning\nText.\n").unwrap();
    expect_failure_with(
        &text,
        &["--max-pages", "1"],
        "too many pages: 2 exceeds the limit of 1",
    );
    let doc = extract(&text, &["--max-pages", "2"]);
    assert_eq!(doc["source"]["pages"], 2);
}

#[test]
fn max_pages_counts_every_page_of_a_tiff() {
    // A 3-page TIFF with a limit of 1: the message gives the real count.
    use tiff::encoder::{colortype::Gray8, TiffEncoder};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("three_pages.tif");
    let mut bytes = std::io::Cursor::new(Vec::new());
    let mut enc = TiffEncoder::new(&mut bytes).unwrap();
    for _ in 0..3 {
        enc.write_image::<Gray8>(16, 16, &[255u8; 256]).unwrap();
    }
    std::fs::write(&path, bytes.into_inner()).unwrap();
    expect_failure_with(
        &path,
        &["--max-pages", "1"],
        "too many pages: 3 exceeds the limit of 1",
    );
    expect_failure_with(
        &path,
        &["--max-pages", "2"],
        "too many pages: 3 exceeds the limit of 2",
    );
}

#[test]
fn max_megapixels_refuses_large_page_images() {
    // 300-dpi A4 page images are 8.7 (PDF) and 3.9 (TIFF) megapixels: a
    // smaller limit refuses them from their stated size, before decoding or
    // OCR, and the message gives the size and the limit.
    expect_failure_with(
        &fixture("scans/ks_clean.pdf"),
        &["--max-megapixels", "1"],
        "image too large: 2481x3507 pixels exceeds the limit of 1 megapixels",
    );
    expect_failure_with(
        &fixture("scans/ks_clean.pdf"),
        &["--max-megapixels", "8"],
        "image too large: 2481x3507 pixels exceeds the limit of 8 megapixels",
    );
    expect_failure_with(
        &fixture("scans/ks_scan.tif"),
        &["--max-megapixels", "3"],
        "image too large: 1654x2338 pixels exceeds the limit of 3 megapixels",
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(paragraf(&["extract"]).status.code(), Some(2));
    assert_eq!(paragraf(&["frobnicate"]).status.code(), Some(2));
    let out = paragraf(&[
        "extract",
        fixture("text/004_26675dc178baf6b3.txt").to_str().unwrap(),
        "--lang",
        "no-such-model",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-model"));
}

#[test]
fn help_on_every_subcommand() {
    for sub in ["extract", "run", "repair", "schema", "eval", "manifest"] {
        let out = paragraf(&[sub, "--help"]);
        assert!(out.status.success(), "{sub} --help");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage"));
    }
}

#[test]
fn eval_scores_the_seed_like_score_py() {
    let gold = fixture("gold/000_4080bc15aeecdb73.gold.txt");
    let noisy = fixture("text/000_4080bc15aeecdb73.txt");
    let out = paragraf(&["eval", gold.to_str().unwrap(), noisy.to_str().unwrap()]);
    assert!(out.status.success());
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // ../shared/tools/score.py on the same files: cer 0.0470404984423676, wer 0.26308345120226306
    assert!((r["wer"].as_f64().unwrap() - 0.263083).abs() < 1e-5, "{r}");
    assert!((r["cer"].as_f64().unwrap() - 0.047040).abs() < 1e-5, "{r}");
    let missing = paragraf(&["eval", "no-such-gold.txt", noisy.to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
}
