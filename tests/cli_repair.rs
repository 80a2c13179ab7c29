//! `paragraf repair` through the CLI: stdin and file input, the --report log
//! and its offsets into the printed text, the user lexicon.

mod common;
use common::{fixture, paragraf};
use std::io::Write;
use std::process::{Command, Stdio};

fn run_stdin(args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn report_offsets_point_into_the_printed_text() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("log.json");
    let seed = fixture("text/000_4080bc15aeecdb73.txt");
    let out = paragraf(&[
        "repair",
        seed.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let loss = log["diacritic_loss"].as_f64().unwrap();
    assert!(loss > 0.5, "seed 000 lost most diacritics, estimate {loss}");
    let corr = log["corrections"].as_array().unwrap();
    assert!(corr.len() > 100, "{} corrections", corr.len());
    for c in corr {
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], c["corrected"].as_str().unwrap());
        assert_ne!(c["original"], c["corrected"]);
        assert!(!c["evidence"].as_str().unwrap().is_empty());
    }
}

#[test]
fn stdin_in_text_out_and_a_clean_text_is_untouched() {
    let clean = std::fs::read_to_string(fixture("text/004_26675dc178baf6b3.txt")).unwrap();
    let (code, out, _) = run_stdin(&["repair", "-"], &clean);
    assert_eq!(code, 0);
    let changed = clean
        .split_whitespace()
        .zip(out.split_whitespace())
        .filter(|(a, b)| a != b)
        .count();
    assert!(changed <= 2, "{changed} words changed in a clean text");
}

#[test]
fn user_lexicon_protects_a_local_name() {
    // In a text that lost its diacritics, an unlisted local name that looks
    // like a mangled word is repaired, or flagged, unless the user lists it.
    let text = "Motet holls pa Mollan i Lund. Styrelsen beslutade att ga vidare \
                med fragan om Fardvagen.\nOrdférande och ledaméter var narvarande.\n";
    let (code, plain, _) = run_stdin(&["repair"], text);
    assert_eq!(code, 0);
    assert!(plain.starts_with("Mötet hölls på"), "{plain}");
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("log.json");
    let log = |p: &std::path::Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
    };
    let touched = |v: &serde_json::Value, w: &str| {
        v["corrections"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["original"] == w)
            || v["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x.as_str().unwrap().contains(w))
    };
    let (_, _, _) = run_stdin(&["repair", "--report", report.to_str().unwrap()], text);
    let before = log(&report);
    assert!(touched(&before, "Mollan") && touched(&before, "Fardvagen"));

    let lex = dir.path().join("lokala.txt");
    std::fs::write(&lex, "Mollan\nFardvagen\n").unwrap();
    let (code, out, err) = run_stdin(
        &[
            "repair",
            "--lexicon",
            lex.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ],
        text,
    );
    assert_eq!(code, 0, "{err}");
    let after = log(&report);
    assert!(!touched(&after, "Mollan") && !touched(&after, "Fardvagen"));
    assert!(
        out.contains("på Mollan i Lund") && out.contains("om Fardvagen."),
        "{out}"
    );

    let (code, _, err) = run_stdin(&["repair", "--lexicon", "/nonexistent/lex.txt"], text);
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/lex.txt"), "{err}");
}
