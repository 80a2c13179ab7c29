//! Scans end to end: OCR → repair → segmentation. The expected sections come
//! from the source texts the scans were rendered from (fixtures/scans/src).

mod common;
use common::*;
use serde_json::Value;

/// (number, title) of every section in the source texts.
fn source_sections(files: &[&str]) -> Vec<(String, String)> {
    let re = regex::Regex::new(r"^§ (\d+) (.*)$").unwrap();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(fixture(&format!("scans/src/{f}"))).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            if let Some(c) = re.captures(l) {
                let rest = c[2].trim();
                let title = if rest.starts_with("Dnr") {
                    lines[i + 1]
                } else {
                    rest
                };
                out.push((c[1].to_string(), title.to_string()));
            }
        }
    }
    out
}

fn sections(doc: &Value) -> Vec<&Value> {
    doc["sections"].as_array().unwrap().iter().collect()
}

#[test]
fn clean_scan_yields_the_source_sections_and_header() {
    let doc = extract(&fixture("scans/ks_clean.pdf"), &["--no-words"]);
    let want = source_sections(&["ks_2021-03-09.txt", "ks_2021-03-09_p2.txt"]);
    let got: Vec<(String, String)> = sections(&doc)
        .iter()
        .map(|s| {
            (
                s["number"].as_str().unwrap().into(),
                s["title"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!(doc["kind"], "protokoll");
    assert_eq!(doc["meeting"]["date"], "2021-03-09");
    assert_eq!(doc["meeting"]["organ"], "Kommunstyrelsen");
    // Every section of this protocol ends in a decision.
    for s in sections(&doc) {
        assert!(
            !s["decisions"].as_array().unwrap().is_empty(),
            "no decision in § {}",
            s["number"]
        );
    }
    // § 15 starts page 2
    let s15 = sections(&doc)
        .into_iter()
        .find(|s| s["number"] == "15")
        .unwrap();
    assert_eq!(s15["pages"], serde_json::json!([2]));
}

#[test]
fn garbled_paragraph_signs_are_still_sections() {
    // Debian's swe model has no "§": it prints "$" or "8" instead.
    let doc = extract(
        &fixture("scans/ks_clean.pdf"),
        &["--no-words", "--lang", "swe"],
    );
    let want = source_sections(&["ks_2021-03-09.txt", "ks_2021-03-09_p2.txt"]);
    let secs = sections(&doc);
    let numbers: Vec<&str> = secs.iter().map(|s| s["number"].as_str().unwrap()).collect();
    let want_numbers: Vec<&str> = want.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(numbers, want_numbers);
    // Repair writes each garbled marker as "§ N" and logs what OCR read.
    let restored: Vec<&Value> = doc["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["corrected"].as_str().unwrap().starts_with('§'))
        .collect();
    assert!(
        !restored.is_empty(),
        "expected OCR to garble at least one § with --lang swe"
    );
    let text = doc["text"].as_str().unwrap();
    for c in &restored {
        let (a, b) = (c["start"].as_u64().unwrap(), c["end"].as_u64().unwrap());
        assert_eq!(
            &text[a as usize..b as usize],
            c["corrected"].as_str().unwrap()
        );
        assert!(!c["original"].as_str().unwrap().contains('§'), "{c}");
    }
    for s in &secs {
        let m = s["marker"].as_str().unwrap();
        assert_eq!(m, format!("§ {}", s["number"].as_str().unwrap()), "{m}");
        let at = s["start"].as_u64().unwrap() as usize;
        assert!(
            text[at..].starts_with(m),
            "marker {m} is where the text has it"
        );
    }
    // Without repair the text stays as read, and the markers with it.
    let raw = extract(
        &fixture("scans/ks_clean.pdf"),
        &["--no-words", "--lang", "swe", "--no-repair"],
    );
    let secs = sections(&raw);
    assert_eq!(secs.len(), want_numbers.len());
    assert!(secs
        .iter()
        .any(|s| !s["marker"].as_str().unwrap().starts_with('§')));
    for s in &secs {
        let m = s["marker"].as_str().unwrap();
        assert!(
            m.ends_with(s["number"].as_str().unwrap()),
            "marker {m} is reported as printed"
        );
    }
}

#[test]
fn noisy_and_skewed_scans_yield_the_source_sections() {
    let want = source_sections(&["bn_1998-10-14.txt"]);
    for f in ["scans/bn_noisy.pdf", "scans/bn_skewed.pdf"] {
        let doc = extract(&fixture(f), &["--no-words"]);
        let got: Vec<(String, String)> = sections(&doc)
            .iter()
            .map(|s| {
                (
                    s["number"].as_str().unwrap().into(),
                    s["title"].as_str().unwrap_or("").into(),
                )
            })
            .collect();
        assert_eq!(got, want, "{f}");
        assert_eq!(doc["meeting"]["date"], "1998-10-14", "{f}");
    }
}
