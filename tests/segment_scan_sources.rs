//! Segment stage on the source texts of the fixture scans (what a perfect
//! OCR + repair of fixtures/scans/ gives). The end-to-end run over the scans
//! themselves, garbled "§" included, belongs to the pipeline tests; the
//! garbled-marker rule is covered in segment_synthetic.rs.

use paragraf::model::Kind;
use paragraf::segment::segment;
use std::fs;

fn load(name: &str) -> String {
    let path = format!("{}/fixtures/scans/src/{name}", env!("CARGO_MANIFEST_DIR"));
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn ks_two_pages() {
    let text = format!(
        "{}\u{c}{}",
        load("ks_2021-03-09.txt"),
        load("ks_2021-03-09_p2.txt")
    );
    let s = segment(&text);
    assert_eq!(s.kind, Kind::Protokoll);
    let got: Vec<(&str, Option<&str>, Vec<usize>, usize)> = s
        .sections
        .iter()
        .map(|x| {
            (
                x.number.as_str(),
                x.dnr.as_deref(),
                x.pages.clone(),
                x.decisions.len(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("12", None, vec![1], 1),
            ("13", None, vec![1], 1),
            ("14", Some("KS 2021/034"), vec![1], 2),
            ("15", Some("KS 2021/041"), vec![2], 2),
            ("16", None, vec![2], 1),
        ]
    );
    assert_eq!(
        s.sections[2].title.as_deref(),
        Some("Årsredovisning för 2020")
    );
    let m = &s.meeting;
    assert_eq!(m.organ.as_deref(), Some("Kommunstyrelsen"));
    assert_eq!(m.date.as_deref(), Some("2021-03-09"));
    assert_eq!(m.start_time.as_deref(), Some("13:00"));
    assert_eq!(m.end_time.as_deref(), Some("15:30"));
    assert_eq!(
        m.place.as_deref(),
        Some("Stadshuset, sammanträdesrum Ekeby")
    );
    assert_eq!(m.participants.len(), 8);
    assert_eq!(m.adjusters, vec!["Lars Öhman"]);
    assert_eq!(m.adjustment_date.as_deref(), Some("2021-03-12"));
    assert_eq!(m.chair.as_deref(), Some("Anna Bergström"));
    assert_eq!(m.secretary.as_deref(), Some("Per Ekström"));
    assert_eq!(m.paragraphs.as_deref(), Some("§§ 12-16"));
}

#[test]
fn bn_one_page() {
    let s = segment(&load("bn_1998-10-14.txt"));
    let numbers: Vec<&str> = s.sections.iter().map(|x| x.number.as_str()).collect();
    assert_eq!(numbers, vec!["41", "42", "43"]);
    assert_eq!(s.sections[0].decided_by.as_deref(), Some("Byggnadsnämnden"));
    assert_eq!(
        s.sections[1].decisions,
        vec!["Byggnadsnämnden avslår ansökan om förhandsbesked."]
    );
    // "Beslut: Byggnadsnämnden avslår ...": the sentence names who decided.
    assert_eq!(s.sections[1].decided_by.as_deref(), Some("Byggnadsnämnden"));
    // "… läggs till handlingarna": putting a report on file is a decision.
    assert_eq!(
        s.sections[2].decisions,
        vec!["Förteckningen över delegationsbeslut under september läggs till handlingarna."]
    );
    let m = &s.meeting;
    assert_eq!(m.date.as_deref(), Some("1998-10-14"));
    assert_eq!(m.secretary.as_deref(), Some("Ingrid Wärn"));
    assert_eq!(m.chair.as_deref(), Some("Gunnar Holm"));
    let names: Vec<&str> = m.participants.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        // The secretary took part too.
        vec![
            "Gunnar Holm",
            "Birgitta Näslund",
            "Sven-Åke Lund",
            "Ingrid Wärn"
        ]
    );
}
