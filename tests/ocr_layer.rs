//! Scans that carry an old OCR program's invisible text layer, through the
//! CLI: the clean layout scan with a good, a doubtful and a garbage layer
//! (fixtures/layout/vastby_ks_ocrlayer_*.pdf, made by
//! scripts/make-ocr-layer-fixtures.py). A good layer is used as it is; a
//! doubtful one is checked against the page's OCR, which wins when it reads
//! better; a garbage one is rejected and the page OCR'd. Checked against the
//! layout fixtures' transcription.

mod common;
use common::{cer, extract, fixture, paragraf};
use serde_json::Value;
use std::sync::OnceLock;

fn doc(name: &str, cell: &'static OnceLock<Value>) -> &'static Value {
    cell.get_or_init(|| extract(&fixture(&format!("layout/{name}")), &[]))
}

fn good() -> &'static Value {
    static D: OnceLock<Value> = OnceLock::new();
    doc("vastby_ks_ocrlayer_good.pdf", &D)
}

fn doubtful() -> &'static Value {
    static D: OnceLock<Value> = OnceLock::new();
    doc("vastby_ks_ocrlayer_doubtful.pdf", &D)
}

fn garbage() -> &'static Value {
    static D: OnceLock<Value> = OnceLock::new();
    doc("vastby_ks_ocrlayer_garbage.pdf", &D)
}

fn gold() -> String {
    std::fs::read_to_string(fixture("layout/vastby_ks.gold.txt")).unwrap()
}

fn text(d: &Value) -> &str {
    d["text"].as_str().unwrap()
}

fn sources(d: &Value) -> Vec<&str> {
    d["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["source"].as_str().unwrap())
        .collect()
}

fn warnings(d: &Value) -> Vec<&str> {
    d["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect()
}

/// The warnings about page text layers.
fn layer_warnings(d: &Value) -> Vec<&str> {
    warnings(d)
        .into_iter()
        .filter(|w| w.contains("text layer"))
        .collect()
}

/// The number after `key` in `s`, up to the next ')'.
fn number_after(s: &str, key: &str) -> f32 {
    let rest = &s[s
        .find(key)
        .unwrap_or_else(|| panic!("{key:?} not in {s:?}"))
        + key.len()..];
    rest[..rest.find(')').unwrap()].trim().parse().unwrap()
}

#[test]
fn a_good_layer_is_used_as_it_is() {
    let d = good();
    assert_eq!(sources(d), ["text_layer"; 4]);
    assert!(layer_warnings(d).is_empty(), "{:?}", warnings(d));
    let c = cer(&gold(), text(d));
    assert!(c <= 0.005, "CER {c:.4}");
}

#[test]
fn a_good_layer_gives_the_sections_of_the_born_digital_pdf() {
    let key = |d: &Value| -> Vec<(Value, Value)> {
        d["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["number"].clone(), s["title"].clone()))
            .collect()
    };
    let born = extract(&fixture("layout/vastby_ks.pdf"), &[]);
    let b = key(&born);
    assert_eq!(b.len(), 6);
    assert_eq!(key(good()), b);
}

#[test]
fn a_doubtful_layer_loses_to_the_pages_ocr_and_each_page_says_so() {
    let d = doubtful();
    assert_eq!(sources(d), ["ocr"; 4]);
    let notes = layer_warnings(d);
    assert_eq!(notes.len(), 4, "{notes:?}");
    for (i, w) in notes.iter().enumerate() {
        assert!(
            w.starts_with(&format!(
                "page {}: text layer doubtful (known words ",
                i + 1
            )),
            "{w}"
        );
        assert!(w.ends_with("and was used"), "{w}");
        // the layer's share is between the two thresholds, the OCR's clearly higher
        let layer = number_after(w, "known words ");
        let read = number_after(w, "OCR read better (");
        assert!(layer > 0.5 && layer < 0.85, "{w}");
        assert!(read >= layer + 0.05, "{w}");
    }
    let c = cer(&gold(), text(d));
    assert!(c <= 0.02, "CER {c:.4}");
}

/// The doubtful layer really is worse than the OCR that replaced it: read
/// without OCR, it is kept as it is, without the note, and its text is far
/// from the transcription.
#[test]
fn the_doubtful_layer_read_without_ocr_is_kept_and_reads_poorly() {
    let d = extract(
        &fixture("layout/vastby_ks_ocrlayer_doubtful.pdf"),
        &["--ocr", "never"],
    );
    assert_eq!(sources(&d), ["text_layer"; 4]);
    assert!(layer_warnings(&d).is_empty(), "{:?}", warnings(&d));
    let (layer, ocr) = (cer(&gold(), text(&d)), cer(&gold(), text(doubtful())));
    assert!(
        layer > 0.05 && layer > ocr + 0.03,
        "layer {layer:.4}, OCR {ocr:.4}"
    );
}

#[test]
fn a_garbage_layer_is_rejected_and_the_pages_ocrd() {
    let d = garbage();
    assert_eq!(sources(d), ["ocr"; 4]);
    let expected: Vec<String> = (1..=4)
        .map(|p| format!("page {p}: text layer rejected as unreadable, page OCR'd instead"))
        .collect();
    assert_eq!(layer_warnings(d), expected);
    let c = cer(&gold(), text(d));
    assert!(c <= 0.02, "CER {c:.4}");
    // and with OCR forbidden there is nothing to read
    let f = fixture("layout/vastby_ks_ocrlayer_garbage.pdf");
    let out = paragraf(&["extract", f.to_str().unwrap(), "--ocr", "never"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("page 1 has no usable text layer"), "{err}");
}
