//! Golden tests: the full JSON of every fixture, checked in under
//! tests/snapshots/ and reviewed by hand, so every change in output shows in
//! review. Per-word OCR boxes are left out (`no_words`) to keep them readable.
//! After an intended change: `INSTA_UPDATE=always cargo test --release --test golden`,
//! then read the diff.

mod common;
use common::fixture;
use paragraf::pipeline::{Pipeline, Settings};

fn snapshot(rel: &str) {
    let pipeline = Pipeline::new(Settings {
        no_words: true,
        ..Settings::default()
    })
    .unwrap();
    let doc = pipeline.process(&fixture(rel), rel).unwrap();
    let name = rel.replace(['/', '.'], "_");
    insta::assert_json_snapshot!(name, doc);
}

#[test]
fn seed_000_mangled_ocr_text() {
    snapshot("text/000_4080bc15aeecdb73.txt");
}

#[test]
fn seed_004_clean_minnesanteckningar() {
    snapshot("text/004_26675dc178baf6b3.txt");
}

#[test]
fn scan_ks_clean_pdf() {
    snapshot("scans/ks_clean.pdf");
}

#[test]
fn scan_bn_noisy_pdf() {
    snapshot("scans/bn_noisy.pdf");
}

#[test]
fn scan_bn_skewed_pdf() {
    snapshot("scans/bn_skewed.pdf");
}

#[test]
fn scan_ks_tiff() {
    snapshot("scans/ks_scan.tif");
}

#[test]
fn scan_bn_png() {
    snapshot("scans/bn_page.png");
}

#[test]
fn text_layer_pdf() {
    snapshot("scans/ks_textlayer.pdf");
}
