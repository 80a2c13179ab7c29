//! Segment stage on the seed fixtures: the segmentation targets and golden JSON
//! snapshots (tests/snapshots/, reviewed by hand).

mod common;

use paragraf::segment::{segment, Structure};
use std::fs;

fn load(path: &str) -> String {
    fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn as_json(s: &Structure) -> serde_json::Value {
    common::structure_json(s)
}

const GOLD_000: &str = "fixtures/gold/000_4080bc15aeecdb73.gold.txt";
const RAW_000: &str = "fixtures/text/000_4080bc15aeecdb73.txt";
const SEED_004: &str = "fixtures/text/004_26675dc178baf6b3.txt";

fn numbers(s: &Structure) -> Vec<String> {
    s.sections.iter().map(|x| x.number.clone()).collect()
}

fn fifteen_to_28() -> Vec<String> {
    (15..=28).map(|n| n.to_string()).collect()
}

#[test]
fn gold_000_sections_and_titles() {
    let s = segment(&load(GOLD_000));
    assert_eq!(numbers(&s), fifteen_to_28());
    let titles: Vec<&str> = s
        .sections
        .iter()
        .map(|x| x.title.as_deref().unwrap())
        .collect();
    assert_eq!(
        titles,
        vec![
            "Sammanträdet öppnas",
            "Val av justerare och justeringsdag",
            "Fastställande av dagordning",
            "Föregående mötesprotokoll från den 25 mars 2022.",
            "Kvartalsrapport mars 2022",
            "Projektrapport från ESF-projekt IRIS",
            "Fråga om förlängning av projekt IRIS",
            "Idéer och uppslag",
            "Information från förbundssamordnaren",
            "Delegationsbeslut",
            "Information och nyheter från parterna",
            "Övrigt",
            "Medlemsråd",
            "Sammanträdet avslutas",
        ]
    );
}

#[test]
fn gold_000_decisions_exactly_where_taken() {
    let s = segment(&load(GOLD_000));
    let with: Vec<&str> = s
        .sections
        .iter()
        .filter(|x| !x.decisions.is_empty())
        .map(|x| x.number.as_str())
        .collect();
    assert_eq!(with, vec!["16", "17", "18", "19", "21", "26"]);
    for x in s.sections.iter().filter(|x| !x.decisions.is_empty()) {
        assert_eq!(x.decided_by.as_deref(), Some("Styrelsen"), "§ {}", x.number);
        assert!(
            x.decisions.iter().all(|d| d.starts_with("Att ")),
            "§ {}",
            x.number
        );
    }
    let s17 = &s.sections[2];
    assert_eq!(s17.decisions, vec!["Att fastställa dagordningen"]);
}

#[test]
fn gold_000_header() {
    let s = segment(&load(GOLD_000));
    let m = &s.meeting;
    assert_eq!(s.kind, paragraf::model::Kind::Protokoll);
    assert_eq!(m.organ.as_deref(), Some("Lunds samordningsförbund"));
    assert_eq!(m.date.as_deref(), Some("2022-06-10"));
    assert_eq!(m.adjustment_date.as_deref(), Some("2022-06-20"));
    assert_eq!(
        m.adjustment_place.as_deref(),
        Some("Kommunhuset Kristallen")
    );
    assert_eq!(m.chair.as_deref(), Some("Göran Wallén"));
    assert_eq!(m.secretary.as_deref(), Some("Bengt Selander"));
    assert_eq!(m.adjusters, vec!["Göran Wallén", "Caterina Holmström"]);
    assert_eq!(
        m.place.as_deref(),
        Some("Kommunhuset Kristallen, Brotorget 1 Lund, lokal Diamanten")
    );
    assert_eq!(
        (m.start_time.as_deref(), m.end_time.as_deref()),
        (None, None)
    );
    assert_eq!(
        (m.notice_posted.as_deref(), m.notice_removed.as_deref()),
        (None, None)
    );
    assert_eq!(m.paragraphs, None);
    let people: Vec<(String, String)> = m
        .participants
        .iter()
        .map(|p| (p.name.clone(), p.category.clone().unwrap()))
        .collect();
    let want = [
        ("Göran Wallén", "ledamot"),
        ("Caterina Holmström", "ledamot"),
        ("Alexander Werne", "ledamot"),
        ("Eva Olsson", "ersättare"),
        ("Maria Brantmark-Lennartsson", "ersättare"),
        ("Bengt Selander", "övrig närvarande"),
        ("Kristina Svensson", "övrig närvarande"),
        ("Jakob Svensson", "övrig närvarande"),
        ("Joakim Tranquist", "övrig närvarande"),
        ("Claes Malmqvist", "övrig närvarande"),
        ("Karin Lindgren-Eklund", "övrig närvarande"),
        ("Karin Sifström", "övrig närvarande"),
        ("Anne Bing-Tingström", "övrig närvarande"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(n, c)| (n.to_string(), c.to_string()))
        .collect();
    assert_eq!(people, want);
    let wallen = &m.participants[0];
    assert_eq!(wallen.party.as_deref(), Some("M"));
    assert_eq!(wallen.role.as_deref(), Some("ordförande"));
    assert_eq!(wallen.affiliation.as_deref(), Some("Lunds kommun"));
    assert_eq!(m.participants[5].role.as_deref(), Some("förbundschef"));
}

#[test]
fn raw_000_still_yields_the_14_sections() {
    let s = segment(&load(RAW_000));
    assert_eq!(numbers(&s), fifteen_to_28());
    // Header keywords mangled by OCR ("Ledaméter", "Erséttare", "Ovriga
    // nérvarande") are still read.
    assert_eq!(s.meeting.participants.len(), 13);
    assert_eq!(s.meeting.date.as_deref(), Some("2022-06-10"));
    assert_eq!(s.meeting.adjustment_date.as_deref(), Some("2022-06-20"));
    // The signature block's garbled secretary takes the header's spelling.
    assert_eq!(s.meeting.secretary.as_deref(), Some("Bengt Selander"));
}

#[test]
fn seed_004_minnesanteckningar() {
    let s = segment(&load(SEED_004));
    assert_eq!(s.kind, paragraf::model::Kind::Minnesanteckningar);
    assert_eq!(
        numbers(&s),
        vec!["1.0", "2.0", "3.0", "4.0", "5.0", "6.0", "7.0"]
    );
    assert_eq!(s.sections[4].title.as_deref(), Some("Ställningstagande"));
    let names: Vec<&str> = s
        .meeting
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        names,
        vec![
            "Magnus Knutsson",
            "Göran Westerlund",
            "Sabina Avshrova",
            "Erica Friberg Zengals",
            "Veronica Eriksson",
            "Lorentz Ogebjer",
            "Linda Scheimann-jensen",
            "Kotte Wennerberg",
            "Camilla Wass",
            "Rose-Marie Larsson",
            "Cecilia Sjömark",
            "Sara Löf",
            "Christer Rindensbacher",
            "Marie Leitzler",
            "Hanna Zaid",
            "Ottilia Liljeberg",
            "Stefan Cepada Gajardo",
            // "Sammanställande: Förbundschef Sophia Dahlgren tillika
            // sekreterare": the secretary took part.
            "Sophia Dahlgren",
        ]
    );
    assert_eq!(s.meeting.secretary.as_deref(), Some("Sophia Dahlgren"));
    assert_eq!(s.meeting.date, None);
}

#[test]
fn snapshot_gold_000() {
    insta::assert_json_snapshot!("gold_000", as_json(&segment(&load(GOLD_000))));
}

#[test]
fn snapshot_raw_000() {
    insta::assert_json_snapshot!("raw_000", as_json(&segment(&load(RAW_000))));
}

#[test]
fn snapshot_004() {
    insta::assert_json_snapshot!("seed_004", as_json(&segment(&load(SEED_004))));
}

#[test]
fn decisions_make_an_unnamed_document_a_protocol() {
    // No "protokoll" anywhere, but numbered items with decisions.
    let s = segment("Digital föreningsstämma i Brf Lönnen\n7 juni 2023\n\n§1\n\nÖppnande\n\n§2\n\nGodkännande av dagordningen\nStämman godkände dagordningen.\n");
    assert_eq!(s.kind, paragraf::model::Kind::Protokoll);
    // Without decisions nothing says what it is.
    let s = segment(
        "Möte i föreningen\n\n§1\n\nÖppnande\n\n§2\n\nInformation\nKassören informerade.\n",
    );
    assert_ne!(s.kind, paragraf::model::Kind::Protokoll);
}
