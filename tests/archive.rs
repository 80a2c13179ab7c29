//! The archive outputs of `paragraf extract --alto --pdf` on the bundled
//! scans: the ALTO validates against the ALTO 4.4 schema and carries the
//! JSON text's words in order; the searchable PDF passes `qpdf --check`,
//! embeds its fonts, gives the JSON text to `pdftotext`, shows the input's
//! page images unchanged and is at most 10% larger than the input.
//!
//! Needs xmllint (libxml2-utils), qpdf and poppler-utils
//! (scripts/setup-debian.sh); a check whose tool is missing is skipped
//! with a message on stderr.

mod common;
use common::*;
use paragraf::ingest::{self, Limits, OcrMode, PageInput};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const SCHEMA: &str = "../shared/schemas/alto/alto-4-4.xsd";

fn have(tool: &str) -> bool {
    let ok = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("SKIPPED: {tool} is not installed (scripts/setup-debian.sh)");
    }
    ok
}

struct Outputs {
    _dir: tempfile::TempDir,
    doc: Value,
    alto: PathBuf,
    pdf: PathBuf,
}

fn run(fixture_rel: &str) -> Outputs {
    let dir = tempfile::tempdir().unwrap();
    let (json, alto, pdf) = (
        dir.path().join("out.json"),
        dir.path().join("out.alto.xml"),
        dir.path().join("out.pdf"),
    );
    let input = fixture(fixture_rel);
    let out = paragraf(&[
        "extract",
        input.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
        "--alto",
        alto.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{fixture_rel}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    Outputs {
        _dir: dir,
        doc,
        alto,
        pdf,
    }
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#9;", "\t")
        .replace("&#10;", "\n")
        .replace("&#13;", "\r")
        .replace("&amp;", "&")
}

/// The words of the ALTO's print spaces in order: each `String`'s
/// CONTENT, with the `HYP` that follows it.
fn alto_words(xml: &str) -> Vec<String> {
    let tag = regex::Regex::new(r#"<(String|HYP)\b[^>]*?\bCONTENT="([^"]*)""#).unwrap();
    let mut words: Vec<String> = Vec::new();
    for space in xml.split("<PrintSpace").skip(1) {
        let space = space.split("</PrintSpace>").next().unwrap();
        for c in tag.captures_iter(space) {
            let content = unescape(&c[2]);
            match &c[1] {
                "HYP" => words
                    .last_mut()
                    .expect("HYP after a String")
                    .push_str(&content),
                _ => words.push(content),
            }
        }
    }
    words
}

fn check_alto(name: &str, o: &Outputs) {
    let xml = std::fs::read_to_string(&o.alto).unwrap();
    let text = o.doc["text"].as_str().unwrap();
    let want: Vec<&str> = text.split_whitespace().collect();
    let got = alto_words(&xml);
    assert!(!want.is_empty(), "{name}: empty text");
    assert_eq!(got, want, "{name}: ALTO words differ from the JSON text's");
    // the repaired words carry the OCR's reading
    let changed = o.doc["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            let (a, b) = (
                c["original"].as_str().unwrap(),
                c["corrected"].as_str().unwrap(),
            );
            !a.contains(char::is_whitespace) && !b.contains(char::is_whitespace)
        })
        .count();
    assert!(
        xml.matches("<ALTERNATIVE").count() >= changed,
        "{name}: fewer ALTERNATIVEs than one-word corrections"
    );
    let sections = o.doc["sections"].as_array().unwrap().len();
    assert_eq!(xml.matches("<StructureTag ").count(), sections, "{name}");
    let schema = root().join(SCHEMA);
    if !schema.is_file() {
        // The schema lives in ../shared (there in CI); a clone elsewhere
        // checks everything else.
        eprintln!("SKIPPED: ALTO validation: {} is missing", schema.display());
    } else if have("xmllint") {
        let out = Command::new("xmllint")
            .args(["--noout", "--schema"])
            .arg(&schema)
            .arg(&o.alto)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: ALTO does not validate: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Gray pixels of a PDF's pages rendered by pdftoppm.
fn render(pdf: &Path, args: &[&str]) -> Vec<image::GrayImage> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("p");
    let st = Command::new("pdftoppm")
        .args(args)
        .args(["-gray", "-png"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(st.success());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| image::open(f).unwrap().to_luma8())
        .collect()
}

/// Mean absolute difference of two gray images, 0..255.
fn mean_diff(a: &image::GrayImage, b: &image::GrayImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions(), "page sizes differ");
    let sum: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| x.abs_diff(*y) as u64)
        .sum();
    sum as f64 / a.as_raw().len().max(1) as f64
}

/// `reading`: pdftotext's flags for the order the layer is read in (none:
/// its own geometric order; `-raw`: the order the words were written in,
/// which is paragraf's reading order).
fn check_pdf(name: &str, input: &Path, o: &Outputs, reading: &[&str]) {
    let pdf = std::fs::read(&o.pdf).unwrap();
    let in_len = std::fs::metadata(input).unwrap().len() as f64;
    assert!(pdf.starts_with(b"%PDF-"), "{name}: not a PDF");
    // At most 10% larger; what every output adds whatever its size (the
    // glyphless font and its maps, the sRGB profile, XMP, an uncompressed
    // cross-reference table: about 4 KB) is allowed on top for inputs of a
    // few dozen KB, where 10% is less than that.
    let fixed = 6_000.0;
    assert!(
        pdf.len() as f64 <= (1.10 * in_len).max(in_len + fixed),
        "{name}: PDF {} bytes, input {in_len}: more than 10% larger",
        pdf.len()
    );
    let text = o.doc["text"].as_str().unwrap();
    if have("pdftotext") {
        let out = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .args(reading)
            .arg(&o.pdf)
            .arg("-")
            .output()
            .unwrap();
        assert!(out.status.success());
        let layer = String::from_utf8(out.stdout).unwrap();
        let c = cer(text, &layer);
        assert!(c <= 0.005, "{name}: pdftotext CER {c:.4} > 0.5%");
    }
    if have("qpdf") {
        let out = Command::new("qpdf")
            .arg("--check")
            .arg(&o.pdf)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: qpdf --check: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    if have("pdffonts") {
        let out = Command::new("pdffonts").arg(&o.pdf).output().unwrap();
        let table = String::from_utf8(out.stdout).unwrap();
        let rows: Vec<&str> = table.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{name}: no font");
        for r in rows {
            // name type [type] encoding emb sub uni object ID
            let cols: Vec<&str> = r.split_whitespace().collect();
            let emb = cols[cols.len() - 5];
            assert_eq!(emb, "yes", "{name}: font not embedded: {r}");
        }
    }
    if !have("pdftoppm") {
        return;
    }
    let outp = render(&o.pdf, &["-r", "50"]);
    let fmt = o.doc["source"]["format"].as_str().unwrap();
    if fmt == "pdf" {
        let inp = render(input, &["-r", "50"]);
        assert_eq!(inp.len(), outp.len(), "{name}: page count");
        for (i, (a, b)) in inp.iter().zip(&outp).enumerate() {
            // a page found turned is shown upright: the input turned
            // clockwise as the JSON records
            let turn = o.doc["pages"][i]["rotation_degrees"].as_u64().unwrap_or(0);
            let a = match turn {
                90 => image::imageops::rotate90(a),
                180 => image::imageops::rotate180(a),
                270 => image::imageops::rotate270(a),
                _ => a.clone(),
            };
            let d = mean_diff(&a, b);
            assert!(
                d <= 2.0,
                "{name} page {}: mean difference {d:.2}/255",
                i + 1
            );
        }
    } else {
        // image input: the images embedded in the PDF (pdfimages) are the
        // input's pixels (renderers scale 1-bit scans differently, so the
        // pixels are compared, not two renderings)
        let dir = tempfile::tempdir().unwrap();
        let st = Command::new("pdfimages")
            .arg("-png")
            .arg(&o.pdf)
            .arg(dir.path().join("i"))
            .status()
            .unwrap();
        assert!(st.success());
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let ing = ingest::ingest(input, OcrMode::Auto, &Limits::default()).unwrap();
        assert_eq!(ing.pages.len(), outp.len(), "{name}: page count");
        assert_eq!(files.len(), outp.len(), "{name}: one image a page");
        for (i, f) in files.iter().enumerate() {
            let img = match &ing.pages[i] {
                PageInput::Image { image, .. } => image.clone(),
                PageInput::Deferred { index } => {
                    ing.load_image(*index, &Limits::default()).unwrap().0
                }
                PageInput::Text { .. } => panic!("{name}: a text page"),
            };
            let embedded = image::open(f).unwrap().to_luma8();
            let d = mean_diff(&img, &embedded);
            assert!(
                d <= 2.0,
                "{name} page {}: mean difference {d:.2}/255",
                i + 1
            );
        }
    }
}

fn scan(file: &str) {
    let o = run(&format!("scans/{file}"));
    check_alto(file, &o);
    check_pdf(file, &fixture(&format!("scans/{file}")), &o, &[]);
}

#[test]
fn ks_clean_pdf() {
    scan("ks_clean.pdf");
}

#[test]
fn ks_scan_tiff() {
    scan("ks_scan.tif");
}

#[test]
fn bn_page_png() {
    scan("bn_page.png");
}

#[test]
fn bn_noisy_pdf() {
    scan("bn_noisy.pdf");
}

#[test]
fn bn_skewed_pdf() {
    scan("bn_skewed.pdf");
}

/// A born-digital PDF is passed through as it is; its ALTO still holds
/// the text on the text layer's boxes.
#[test]
fn text_layer_pdf_passes_through() {
    let file = "scans/ks_textlayer.pdf";
    let o = run(file);
    check_alto(file, &o);
    assert_eq!(
        std::fs::read(&o.pdf).unwrap(),
        std::fs::read(fixture(file)).unwrap()
    );
}

/// The layout fixtures (columns, tables, furniture, a page scanned turned):
/// valid ALTO with the text's words; the turned page is shown upright.
#[test]
fn layout_fixtures_alto() {
    for f in [
        "vastby_ks_scan.pdf",
        "vastby_ks_worn.pdf",
        "vastby_ks_rotate90.pdf",
    ] {
        let o = run(&format!("layout/{f}"));
        check_alto(f, &o);
        // Every word of the text is in the layer, table cells read on
        // their own included, in reading order. (pdftotext's own order
        // reads a label column and a value column as two blocks, so its
        // default output differs in order, not in words.)
        check_pdf(f, &fixture(&format!("layout/{f}")), &o, &["-raw"]);
        let xml = std::fs::read_to_string(&o.alto).unwrap();
        if f == "vastby_ks_scan.pdf" {
            assert!(xml.contains("TYPE=\"table\""), "{f}: no table block");
        }
        if f == "vastby_ks_rotate90.pdf" && have("pdfinfo") {
            let info = Command::new("pdfinfo").arg(&o.pdf).output().unwrap();
            let info = String::from_utf8_lossy(&info.stdout);
            assert!(info.contains("Page rot:        0"), "{f}: {info}");
        }
    }
}

/// `run` with `alto` and `pdf` set in its `--config` file writes both
/// beside the JSON and lists them in the manifest; a text input gets no
/// PDF and is no failure; a second run finds everything up to date, and a
/// missing PDF is made again.
#[test]
fn run_writes_and_resumes_archive_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let config = dir.path().join("run.toml");
    std::fs::write(&config, "alto = true\npdf = true\n").unwrap();
    let png = fixture("scans/bn_page.png");
    let txt = fixture("scans/src/bn_1998-10-14.txt");
    let args = [
        "run",
        png.to_str().unwrap(),
        txt.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
        "-q",
    ];
    let records = || -> Vec<Value> {
        std::fs::read_to_string(out.join("manifest.jsonl"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let r = paragraf(&args);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(out.join("bn_page.png.alto.xml").is_file());
    assert!(out.join("bn_page.png.pdf").is_file());
    assert!(out.join("bn_1998-10-14.txt.alto.xml").is_file());
    assert!(!out.join("bn_1998-10-14.txt.pdf").exists());
    let m = records();
    let (txt_rec, png_rec) = (&m[0], &m[1]);
    assert_eq!(png_rec["status"], "ok");
    assert_eq!(png_rec["alto"], "bn_page.png.alto.xml");
    assert_eq!(png_rec["pdf"], "bn_page.png.pdf");
    assert_eq!(txt_rec["status"], "ok");
    assert!(txt_rec.get("pdf").is_none(), "{txt_rec}");
    let r = paragraf(&args);
    assert!(r.status.success());
    assert!(records().iter().all(|r| r["status"] == "skipped"));
    std::fs::remove_file(out.join("bn_page.png.pdf")).unwrap();
    let r = paragraf(&args);
    assert!(r.status.success());
    assert!(out.join("bn_page.png.pdf").is_file());
    let m = records();
    assert_eq!(m[1]["status"], "ok");
    assert_eq!(m[0]["status"], "skipped");
}

/// `--no-words` leaves the boxes out of the JSON, not out of the ALTO.
#[test]
fn no_words_keeps_alto_boxes() {
    let dir = tempfile::tempdir().unwrap();
    let (json, alto) = (dir.path().join("o.json"), dir.path().join("o.xml"));
    let input = fixture("scans/bn_page.png");
    let r = paragraf(&[
        "extract",
        input.to_str().unwrap(),
        "--no-words",
        "-o",
        json.to_str().unwrap(),
        "--alto",
        alto.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let doc: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert!(doc["pages"][0]["words"].as_array().unwrap().is_empty());
    let xml = std::fs::read_to_string(&alto).unwrap();
    assert!(xml.contains(" WC=\"") && xml.contains(" HPOS=\""));
}

/// A text file has no page images: --pdf fails with a reason, exit 1.
#[test]
fn text_input_has_no_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("o.pdf");
    let input = fixture("scans/src/bn_1998-10-14.txt");
    let r = paragraf(&[
        "extract",
        input.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("no page images"));
    assert!(!pdf.exists());
}

/// A word broken at a line end is one ALTO word in two parts: `HypPart1`
/// with its `HYP`, `HypPart2`, both with the whole word as `SUBS_CONTENT`;
/// the XML still validates and still reads as the JSON text.
#[test]
fn broken_words_are_hyphenated_in_alto() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("p.txt");
    std::fs::write(
        &txt,
        "PROTOKOLL\n\n§ 1 Val av justerare\nStyrelsen utsåg Anna Berg att justera dagens proto-\n\
         koll. Beslutet fattades av kommun-\nstyrelsen enhälligt.\n",
    )
    .unwrap();
    let (json, alto) = (dir.path().join("p.json"), dir.path().join("p.alto.xml"));
    let r = paragraf(&[
        "extract",
        txt.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
        "--alto",
        alto.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let doc = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let o = Outputs {
        _dir: dir,
        doc,
        alto,
        pdf: PathBuf::new(),
    };
    check_alto("p.txt", &o);
    let xml = std::fs::read_to_string(&o.alto).unwrap();
    for (head, tail, whole) in [
        ("proto", "koll.", "protokoll"),
        ("kommun", "styrelsen", "kommunstyrelsen"),
    ] {
        assert!(
            xml.contains(&format!(
                "CONTENT=\"{head}\" SUBS_TYPE=\"HypPart1\" SUBS_CONTENT=\"{whole}\"/><HYP CONTENT=\"-\"/>"
            )),
            "{head}-"
        );
        assert!(
            xml.contains(&format!(
                "CONTENT=\"{tail}\" SUBS_TYPE=\"HypPart2\" SUBS_CONTENT=\"{whole}\""
            )),
            "{tail}"
        );
    }
}
