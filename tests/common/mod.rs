//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture path.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// Run the paragraf binary.
pub fn paragraf(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(args)
        .output()
        .expect("paragraf runs")
}

/// Run `paragraf extract FILE EXTRA...` and parse the JSON.
pub fn extract(file: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["extract", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = paragraf(&args);
    assert!(
        out.status.success(),
        "extract {} failed: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// Character error rate with score.py's normalisation (whitespace collapsed).
pub fn cer(gold: &str, hyp: &str) -> f64 {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (g, h) = (norm(gold), norm(hyp));
    strsim::levenshtein(&g, &h) as f64 / g.chars().count().max(1) as f64
}

/// The parts of a segmentation the snapshot tests compare.
pub fn structure_json(s: &paragraf::segment::Structure) -> serde_json::Value {
    serde_json::json!({
        "kind": s.kind,
        "meeting": s.meeting,
        "sections": s.sections,
        "warnings": s.warnings,
    })
}

/// A PDF from object bodies (object i+1 = `objs[i]`), with a correct
/// cross-reference table. Object 1 must be the catalog.
pub fn pdf(objs: &[Vec<u8>]) -> Vec<u8> {
    use std::io::Write;
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offs = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offs.push(out.len());
        writeln!(out, "{} 0 obj", i + 1).unwrap();
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    writeln!(out, "xref\n0 {}\n0000000000 65535 f ", objs.len() + 1).unwrap();
    for o in offs {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objs.len() + 1
    )
    .unwrap();
    out
}

/// One repair engine per test binary (building it loads the lexicons).
pub fn repair_engine() -> &'static paragraf::repair::Repairer {
    use paragraf::repair::{RepairOptions, Repairer};
    static R: std::sync::OnceLock<Repairer> = std::sync::OnceLock::new();
    R.get_or_init(|| Repairer::new(&RepairOptions::default()).expect("engine builds"))
}

/// `text` repaired, every correction's span checked against the result.
pub fn repair(text: &str) -> paragraf::repair::Repaired {
    let out = repair_engine().repair(text);
    for c in &out.corrections {
        assert_eq!(&out.text[c.start..c.end], c.corrected, "{c:?}");
    }
    out
}
