//! `paragraf extract` end to end on the scanned fixtures: text quality,
//! § markers, provenance, schema validity, text layers and OCR modes.
//! The fixtures are made by scripts/make-fixtures.py from the texts in
//! fixtures/scans/src, which serve as ground truth here.

mod common;
use common::*;
use serde_json::Value;

fn source_text(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| std::fs::read_to_string(fixture(&format!("scans/src/{n}"))).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

const KS: &[&str] = &["ks_2021-03-09.txt", "ks_2021-03-09_p2.txt"];
const BN: &[&str] = &["bn_1998-10-14.txt"];

/// Every "§ N" that starts a line in the source starts a line in the output.
fn assert_markers_survive(src: &str, out: &str, file: &str) {
    let re = regex::Regex::new(r"(?m)^§ \d+").unwrap();
    let lines: Vec<&str> = out.split(['\n', '\u{000C}']).map(str::trim_start).collect();
    for m in re.find_iter(src) {
        assert!(
            lines.iter().any(|l| l.starts_with(m.as_str())),
            "{file}: marker {:?} lost",
            m.as_str()
        );
    }
}

fn check_scan(file: &str, src: &[&str], pages: usize, max_cer: f64) -> Value {
    let doc = extract(&fixture(&format!("scans/{file}")), &["--no-repair"]);
    let src = source_text(src);
    let text = doc["text"].as_str().unwrap();
    let c = cer(&src, &text.replace('\u{000C}', "\n"));
    assert!(
        c <= max_cer,
        "{file}: CER {:.2}% > {:.2}%",
        c * 100.0,
        max_cer * 100.0
    );
    assert_markers_survive(&src, text, file);
    assert_eq!(doc["source"]["pages"], pages);
    let ps = doc["pages"].as_array().unwrap();
    assert_eq!(ps.len(), pages);
    for p in ps {
        assert_eq!(p["source"], "ocr");
        let conf = p["confidence"].as_f64().unwrap();
        assert!(conf > 0.5 && conf <= 1.0, "{file}: confidence {conf}");
        let (s, e) = (
            p["start"].as_u64().unwrap() as usize,
            p["end"].as_u64().unwrap() as usize,
        );
        assert!(s <= e && e <= text.len());
        let w = &p["words"][0];
        assert!(w["text"].is_string() && w["bbox"].as_array().unwrap().len() == 4);
    }
    doc
}

#[test]
fn clean_two_page_pdf() {
    let doc = check_scan("ks_clean.pdf", KS, 2, 0.01);
    assert_eq!(doc["source"]["format"], "pdf");
    assert_eq!(doc["source"]["sha256"].as_str().unwrap().len(), 64);
    // Page 2 starts with § 15 (a section running across the page break).
    let p2 = doc["pages"][1]["start"].as_u64().unwrap() as usize;
    assert!(doc["text"].as_str().unwrap()[p2..]
        .trim_start()
        .starts_with("§ 15"));
}

#[test]
fn skewed_pdf_is_deskewed() {
    let doc = check_scan("bn_skewed.pdf", BN, 1, 0.01);
    let angle = doc["pages"][0]["deskew_degrees"].as_f64().unwrap();
    assert!((angle.abs() - 2.5).abs() < 0.5, "deskew angle {angle}");
}

#[test]
fn noisy_pdf_within_three_percent() {
    check_scan("bn_noisy.pdf", BN, 1, 0.03);
}

#[test]
fn preprocessing_rescues_the_noisy_scan() {
    let file = fixture("scans/bn_noisy.pdf");
    let src = source_text(BN);
    let raw = extract(&file, &["--no-repair", "--no-preprocess"]);
    let clean = extract(&file, &["--no-repair"]);
    let (c_raw, c_clean) = (
        cer(&src, raw["text"].as_str().unwrap()),
        cer(&src, clean["text"].as_str().unwrap()),
    );
    eprintln!(
        "noisy scan CER: raw {:.1}%, prepared {:.1}%",
        c_raw * 100.0,
        c_clean * 100.0
    );
    assert!(
        c_raw > 0.10,
        "the fixture should defeat raw OCR, CER {c_raw}"
    );
    assert!(c_clean < c_raw / 10.0);
}

#[test]
fn multipage_tiff_and_png() {
    let doc = check_scan("ks_scan.tif", KS, 2, 0.01);
    assert_eq!(doc["source"]["format"], "tiff");
    let doc = check_scan("bn_page.png", BN, 1, 0.01);
    assert_eq!(doc["source"]["format"], "png");
}

#[test]
fn jpeg_scan_with_compression_artefacts() {
    // A JPEG at quality 70 of the one-page fixture: ringing around the glyphs
    // is the noise phone and office-scanner JPEGs carry.
    let dir = tempfile::tempdir().unwrap();
    let jpg = dir.path().join("bn_page.jpg");
    let img = image::open(fixture("scans/bn_page.png"))
        .unwrap()
        .to_luma8();
    let mut buf = std::fs::File::create(&jpg).unwrap();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut buf, 70)
        .encode_image(&img)
        .unwrap();
    drop(buf);
    let doc = extract(&jpg, &["--no-repair"]);
    assert_eq!(doc["source"]["format"], "jpeg");
    let src = source_text(BN);
    let text = doc["text"].as_str().unwrap();
    let c = cer(&src, text);
    assert!(c <= 0.01, "JPEG CER {:.2}%", c * 100.0);
    assert_markers_survive(&src, text, "bn_page.jpg");
}

#[test]
fn text_layer_used_in_auto_mode_and_ignored_with_always() {
    let file = fixture("scans/ks_textlayer.pdf");
    let auto = extract(&file, &["--no-repair"]);
    assert_eq!(auto["pages"][0]["source"], "text_layer");
    let always = extract(&file, &["--no-repair", "--ocr", "always"]);
    assert_eq!(always["pages"][0]["source"], "ocr");
    let src = source_text(&["ks_2021-03-09_p2.txt"]);
    for d in [&auto, &always] {
        assert!(cer(&src, d["text"].as_str().unwrap()) < 0.02);
    }
}

#[test]
fn ocr_never_refuses_a_scan() {
    let out = paragraf(&[
        "extract",
        fixture("scans/bn_page.png").to_str().unwrap(),
        "--ocr",
        "never",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bn_page.png") && err.contains("--ocr never"),
        "{err}"
    );
}

#[test]
fn output_validates_against_published_schema() {
    let schema: Value = serde_json::from_slice(&paragraf(&["schema"]).stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for (file, extra) in [
        ("scans/bn_page.png", vec!["--no-repair"]),
        // a scanned PDF, OCR'd and repaired (pages, corrections, sections)
        ("scans/ks_clean.pdf", vec![]),
        ("text/000_4080bc15aeecdb73.txt", vec![]),
        ("text/004_26675dc178baf6b3.txt", vec![]),
    ] {
        let doc = extract(&fixture(file), &extra);
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
        if file.ends_with(".pdf") {
            assert_eq!(doc["source"]["format"], "pdf");
            assert_eq!(doc["source"]["pages"], 2);
            let pages = doc["pages"].as_array().unwrap();
            assert!(pages.len() == 2 && pages.iter().all(|p| p["source"] == "ocr"));
            assert!(!doc["sections"].as_array().unwrap().is_empty());
        }
    }
    // and the schema is not vacuous: a broken document fails
    let mut doc = extract(&fixture("text/004_26675dc178baf6b3.txt"), &[]);
    doc["pages"] = Value::String("nope".into());
    assert!(!validator.is_valid(&doc));
}

#[test]
fn output_file_is_written_with_dash_o() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sub/doc.json");
    let r = paragraf(&[
        "extract",
        fixture("text/004_26675dc178baf6b3.txt").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(r.status.success());
    assert!(r.stdout.is_empty());
    let doc: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(doc["pages"][0]["source"], "text_file");
    // no temporary file left behind
    let names: Vec<_> = std::fs::read_dir(out.parent().unwrap()).unwrap().collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn legacy_windows_1252_export_reads_like_utf8() {
    let utf8 = std::fs::read_to_string(fixture("text/004_26675dc178baf6b3.txt")).unwrap();
    // Re-encode as Windows-1252 (every character of this text exists there).
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(&utf8);
    assert!(!lossy);
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    let dir = tempfile::tempdir().unwrap();
    let legacy = dir.path().join("export.txt");
    std::fs::write(&legacy, &bytes).unwrap();
    let a = extract(&fixture("text/004_26675dc178baf6b3.txt"), &["--no-repair"]);
    let b = extract(&legacy, &["--no-repair"]);
    assert_eq!(b["source"]["encoding"], "windows-1252");
    assert_eq!(a["text"], b["text"]);
    assert!(!b["text"].as_str().unwrap().contains('Ã'));
}
