//! Cancellation belongs to the pipeline that owns the token, not to the
//! process: after one document is cancelled, the same process (and the same
//! pipeline, given a fresh token) processes more documents normally.

use paragraf::cancel::CancelToken;
use paragraf::ingest::OcrMode;
use paragraf::pipeline::{Pipeline, Settings};
use paragraf::Error;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

#[test]
fn a_cancelled_document_leaves_the_next_ones_alone() {
    let settings = Settings {
        ocr: OcrMode::Always,
        ..Settings::default()
    };
    let mut pipeline = Pipeline::new(settings).expect("settings");
    // One thread: the second page starts after the first is done, when the
    // token is already cancelled.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let scan = fixture("scans/ks_clean.pdf");
    let token = pipeline.cancel_token().clone();
    let pages_done = std::sync::atomic::AtomicUsize::new(0);
    let cancelled = pool.install(|| {
        pipeline.process_with(&scan, "ks_clean.pdf", &|| {
            pages_done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            token.cancel();
        })
    });
    assert!(
        matches!(cancelled, Err(Error::Interrupted)),
        "cancelled after page 1: {:?}",
        cancelled.map(|d| d.source.pages)
    );
    // Page 1 was recognised; page 2 stopped at its start.
    assert_eq!(pages_done.load(std::sync::atomic::Ordering::SeqCst), 2);
    // A cancelled token stays cancelled: even a text file is refused.
    let text = fixture("text/000_4080bc15aeecdb73.txt");
    assert!(matches!(
        pipeline.process(&text, "t.txt"),
        Err(Error::Interrupted)
    ));

    // A fresh token: OCR and text documents go through again.
    pipeline.set_cancel_token(CancelToken::new());
    for (file, min_sections) in [
        ("scans/ks_clean.pdf", 1),
        ("scans/bn_page.png", 1),
        ("text/000_4080bc15aeecdb73.txt", 1),
        ("text/004_26675dc178baf6b3.txt", 1),
    ] {
        let doc = pool
            .install(|| pipeline.process(&fixture(file), file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            doc.sections.len() >= min_sections,
            "{file}: {} sections",
            doc.sections.len()
        );
        assert!(doc.text.chars().filter(|c| c.is_alphabetic()).count() > 200);
    }
}
