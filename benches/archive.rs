//! What the archive outputs (issue 15) cost next to the extraction they
//! come from, on the 2-page clean scan (fixtures/scans/ks_clean.pdf):
//! the whole pipeline (`Pipeline::process`, as `extract` runs it in its
//! worker), the ALTO writer and the searchable-PDF writer, all in one
//! process with one thread per page, so the three medians compare
//! directly. Run: `cargo bench --bench archive`.

use criterion::{criterion_group, criterion_main, Criterion};
use paragraf::output::{alto, pdf};
use paragraf::pipeline::{Pipeline, Settings};
use std::path::Path;

fn bench(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/scans/ks_clean.pdf");
    let pipeline = Pipeline::new(Settings::default()).expect("settings");
    let doc = pipeline.process(&path, "ks_clean.pdf").expect("extract");

    let mut g = c.benchmark_group("archive outputs (ks_clean.pdf, 2 pages)");
    g.sample_size(10);
    g.bench_function("extract: Pipeline::process", |b| {
        b.iter(|| pipeline.process(&path, "ks_clean.pdf").expect("extract"))
    });
    g.bench_function("ALTO: alto::write", |b| b.iter(|| alto::write(&doc)));
    g.bench_function("PDF: pdf::write", |b| {
        b.iter(|| pdf::write(&doc, &path).expect("pdf"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
