//! Cost per page of the layout steps (page layout as data), on page 2 of the clean
//! 300-dpi layout fixture (a page with a ruled vote table):
//! orientation detection (Tesseract OSD), its doubtful-case check, skew
//! search, ruled-table search, and the reading of the OCR words into text
//! (furniture, columns); and for a born-digital page, its positioned words
//! and the search of its drawn rules. Run: `cargo bench --bench layout`.

use criterion::{criterion_group, criterion_main, Criterion};
use paragraf::ingest::{self, Limits, OcrMode};
use paragraf::layout::{furniture, orientation, tables, PageLayout};
use paragraf::ocr::{self, OcrConfig};
use paragraf::preprocess;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/layout/vastby_ks_scan.pdf");
    let limits = Limits::default();
    let input = ingest::ingest(&path, OcrMode::Always, &limits).expect("fixture");
    let (img, dpi) = input.load_image(1, &limits).expect("page 2");
    let (clean, _) = preprocess::clean(img);
    let cfg = OcrConfig {
        lang: "Latin".into(),
        tessdata: None,
        page_timeout: None,
        cancel: paragraf::cancel::CancelToken::new(),
    };
    let turned = orientation::turn(&clean, 90);
    let r = ocr::recognize(&clean, dpi, &cfg, 2).expect("OCR");
    let (w, h) = clean.dimensions();
    let base = PageLayout::from_ocr(w, h, &r.words, &r.lines);

    let mut g = c.benchmark_group("layout per page (300 dpi A4)");
    g.sample_size(10);
    g.bench_function("orientation: OSD, upright page", |b| {
        b.iter(|| orientation::detect(&clean, dpi, &cfg))
    });
    g.bench_function("orientation: OSD, page turned 90°", |b| {
        b.iter(|| orientation::detect(&turned, dpi, &cfg))
    });
    g.bench_function("deskew: skew search", |b| {
        b.iter(|| preprocess::estimate_skew(&clean))
    });
    g.bench_function("tables: rules, grid", |b| {
        b.iter(|| tables::find(&clean, base.line_height()))
    });
    g.bench_function("OCR of the page (for scale)", |b| {
        b.iter(|| ocr::recognize(&clean, dpi, &cfg, 2).expect("OCR"))
    });
    g.bench_function(
        "reading: split, non-text, tables fill, furniture, text",
        |b| {
            b.iter(|| {
                let mut p = base.clone();
                p.split_at_gaps();
                furniture::mark_non_text(&mut p);
                let t = tables::find(&clean, p.line_height());
                tables::fill(&mut p, t);
                let mut pages = vec![p.clone(), p];
                furniture::mark(&mut pages);
                pages[0].text()
            })
        },
    );
    g.finish();

    // A born-digital page: its drawn rules are found on the page rendered
    // at 150 dpi (the pipeline's RULES_DPI) without vector anti-aliasing.
    let born = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/layout/vastby_ks.pdf");
    let text = ingest::ingest(&born, OcrMode::Auto, &limits).expect("fixture");
    let mut g = c.benchmark_group("text-layer page (born-digital A4)");
    g.sample_size(20);
    g.bench_function(
        "positioned words: pdftotext -bbox-layout, whole document",
        |b| b.iter(|| paragraf::layout::textlayer::read(&born, 300)),
    );
    g.bench_function("rules: render at 150 dpi, no vector anti-aliasing", |b| {
        b.iter(|| {
            text.render_rules(1, 150, &limits)
                .expect("pdf")
                .expect("render")
        })
    });
    let mut page = text
        .render_rules(1, 150, &limits)
        .expect("pdf")
        .expect("render");
    preprocess::binarize(&mut page, 235);
    g.bench_function("rules: rules, grid at 150 dpi", |b| {
        b.iter(|| tables::find(&page, 25.0))
    });
    g.finish();
    ocr::release_engines();
}

criterion_group!(benches, bench);
criterion_main!(benches);
