//! Segment stage on hand-written protocols in fixtures/segment/ (styles the
//! seeds do not show: multi-page SKR template with page headers/footers,
//! Dnr markers, garbled §, prose references, numbered "Punkt" notes).

mod common;

use paragraf::model::Kind;
use paragraf::segment::{segment, Structure};
use std::fs;

fn load(name: &str) -> String {
    let path = format!("{}/fixtures/segment/{name}", env!("CARGO_MANIFEST_DIR"));
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn as_json(s: &Structure) -> serde_json::Value {
    common::structure_json(s)
}

#[test]
fn snapshot_kommunstyrelsen() {
    insta::assert_json_snapshot!("ks", as_json(&segment(&load("kommunstyrelsen.txt"))));
}

#[test]
fn snapshot_byggnadsnamnden() {
    insta::assert_json_snapshot!("bn", as_json(&segment(&load("byggnadsnamnden.txt"))));
}

#[test]
fn snapshot_minnesanteckningar() {
    insta::assert_json_snapshot!("mn", as_json(&segment(&load("minnesanteckningar.txt"))));
}

fn numbers(s: &Structure) -> Vec<&str> {
    s.sections.iter().map(|x| x.number.as_str()).collect()
}

#[test]
fn kommunstyrelsen_sections_markers_and_pages() {
    let text = load("kommunstyrelsen.txt");
    let s = segment(&text);
    // "§ 17 i trafikförordningen" after "enligt", "§§ 12–18" and "a)" are
    // not sections; "$ 15", "S 16", "8 18" are, as printed.
    assert_eq!(numbers(&s), vec!["12", "13", "14", "15", "16", "17", "18"]);
    let markers: Vec<&str> = s.sections.iter().map(|x| x.marker.as_str()).collect();
    assert_eq!(
        markers,
        vec!["§ 12", "§ 13", "§14", "$ 15", "S 16", "§ 17", "8 18"]
    );
    let s12 = &s.sections[0];
    assert_eq!(s12.dnr.as_deref(), Some("KS 2021/034"));
    assert_eq!(
        s12.title.as_deref(),
        Some("Årsredovisning 2020 för kommunen")
    );
    assert_eq!(
        s.sections[1].title.as_deref(),
        Some("Val av ombud till föreningsstämma")
    );
    assert_eq!(s.sections[3].title.as_deref(), Some("Motion om cykelbanor"));
    assert_eq!(s.sections[3].dnr.as_deref(), Some("KS 2020/412"));
    // § 14 runs across a page break; page furniture is not in its text.
    let s14 = &s.sections[2];
    assert_eq!(s14.pages, vec![2, 3]);
    assert!(s14.text.contains("Kyrkvägen"));
    for x in &s.sections {
        for junk in ["Sida ", "Justerandes sign", "SAMMANTRÄDESPROTOKOLL"] {
            assert!(!x.text.contains(junk), "§ {} has {junk}", x.number);
        }
        assert!(text[x.start..].starts_with(&x.marker));
        assert!(x.end > x.start && x.end <= text.len());
    }
    assert_eq!(s.sections[5].pages, vec![4]);
    assert_eq!(s.warnings.len(), 3);
}

#[test]
fn kommunstyrelsen_decisions() {
    let s = segment(&load("kommunstyrelsen.txt"));
    let d: Vec<(Vec<String>, Option<String>)> = s
        .sections
        .iter()
        .map(|x| (x.decisions.clone(), x.decided_by.clone()))
        .collect();
    // "Förslag till beslut / Att ..." in § 12 is a proposal, not a decision.
    assert_eq!(
        d[0].0,
        vec![
            "att godkänna årsredovisningen för 2020",
            "att överlämna den till kommunfullmäktige",
            "att uppdra åt ekonomichefen att återkomma i maj."
        ]
    );
    assert_eq!(d[0].1.as_deref(), Some("Kommunstyrelsen"));
    assert_eq!(d[1].0.len(), 2);
    assert!(d[2].0.is_empty());
    assert_eq!(d[3], (vec!["Motionen anses besvarad.".to_string()], None));
    assert_eq!(d[5].0, vec!["Budgetuppföljningen godkänns."]);
    assert_eq!(d[5].1.as_deref(), Some("Kommunstyrelsen"));
    assert!(d[6].0.is_empty());
}

#[test]
fn kommunstyrelsen_header() {
    let s = segment(&load("kommunstyrelsen.txt"));
    let m = &s.meeting;
    assert_eq!(s.kind, Kind::Protokoll);
    assert_eq!(m.organ.as_deref(), Some("Kommunstyrelsen"));
    assert_eq!(m.date.as_deref(), Some("2021-03-09"));
    assert_eq!(m.start_time.as_deref(), Some("13:00"));
    assert_eq!(m.end_time.as_deref(), Some("16:30"));
    assert_eq!(
        m.place.as_deref(),
        Some("Stadshuset, sammanträdesrum Tingssalen")
    );
    assert_eq!(m.adjusters, vec!["Per-Erik Holm"]);
    assert_eq!(m.adjustment_date.as_deref(), Some("2021-03-12"));
    assert_eq!(m.adjustment_place.as_deref(), Some("Stadshuset"));
    assert_eq!(m.secretary.as_deref(), Some("Ola Persson"));
    assert_eq!(m.chair.as_deref(), Some("Anna Lindqvist"));
    assert_eq!(m.paragraphs.as_deref(), Some("§§ 12–18"));
    assert_eq!(m.notice_posted.as_deref(), Some("2021-03-15"));
    assert_eq!(m.notice_removed.as_deref(), Some("2021-04-06"));
    let got: Vec<String> = m
        .participants
        .iter()
        .map(|p| {
            format!(
                "{}|{}|{}|{}",
                p.name,
                p.party.as_deref().unwrap_or("-"),
                p.role.as_deref().unwrap_or("-"),
                p.category.as_deref().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            "Anna Lindqvist|S|ordförande|ledamot",
            "Per-Erik Holm|M|1:e vice ordförande|ledamot",
            "Fatima Yilmaz|SD|-|ledamot",
            "Lars Ek|C|-|ledamot",
            "Maja Öberg|V|-|ledamot",
            "Johan Nyström|S|tjänstgörande ersättare|ersättare",
            "Karin Bäck|M|-|ersättare",
            "Sven Dahl|KD|-|ersättare",
            "Helena Strand|-|kommundirektör|tjänsteman",
            "Ola Persson|-|kommunsekreterare|tjänsteman",
            "Lisa Ahmed|-|ekonomichef|tjänsteman",
        ]
    );
    // Absent members are kept apart; Lars Ek, replaced for §§ 16-18 only,
    // is present.
    let absent: Vec<&str> = m.absent.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(absent, ["Erik Sund"]);
    assert_eq!(m.participants[5].replaces.as_deref(), Some("Lars Ek"));
}

#[test]
fn byggnadsnamnden() {
    let s = segment(&load("byggnadsnamnden.txt"));
    assert_eq!(numbers(&s), vec!["134", "135", "136", "137", "138", "139"]);
    assert_eq!(s.sections[4].marker, "5 138");
    assert_eq!(
        s.sections[0].title.as_deref(),
        Some("Bygglov för garage, Eken 4")
    );
    let m = &s.meeting;
    assert_eq!(m.date.as_deref(), Some("1978-10-18"));
    assert_eq!(m.start_time.as_deref(), Some("18:00"));
    assert_eq!(m.end_time.as_deref(), Some("20:15"));
    assert_eq!(m.place.as_deref(), Some("Rådhuset, sessionssalen"));
    assert_eq!(m.organ.as_deref(), Some("Byggnadsnämnden"));
    assert_eq!(m.secretary.as_deref(), Some("Marianne Lund"));
    assert_eq!(m.chair.as_deref(), Some("Gustav Berg"));
    assert_eq!(m.adjusters, vec!["Ingrid Sjö"]);
    assert_eq!(m.adjustment_date, None);
    let names: Vec<&str> = m.participants.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Gustav Berg",
            "Ingrid Sjö",
            "Nils Åkesson",
            "Berit Hall",
            // The secretary ("Vid protokollet") took part too.
            "Marianne Lund",
        ]
    );
    assert_eq!(m.participants[0].party.as_deref(), Some("FP"));
    assert_eq!(m.absent[0].name, "Olof Strid");
    assert_eq!(m.absent[0].category.as_deref(), Some("frånvarande"));
    let with: Vec<&str> = s
        .sections
        .iter()
        .filter(|x| !x.decisions.is_empty())
        .map(|x| x.number.as_str())
        .collect();
    // § 136 "Ärendet bordläggs.": tabling is a decision of the meeting.
    assert_eq!(with, vec!["134", "135", "136", "137"]);
    assert_eq!(s.sections[0].decided_by.as_deref(), Some("Byggnadsnämnden"));
    assert_eq!(
        s.sections[1].decisions,
        vec![
            "att avslå ansökan om förhandsbesked",
            "att avgiften fastställs till 800 kr."
        ]
    );
    assert_eq!(s.sections[3].decided_by, None);
}

#[test]
fn minnesanteckningar_with_punkt() {
    let s = segment(&load("minnesanteckningar.txt"));
    assert_eq!(s.kind, Kind::Minnesanteckningar);
    assert_eq!(numbers(&s), vec!["1", "2", "3", "4"]);
    // "1. första fasen" inside Punkt 2 is a list item, not a section.
    assert!(s.sections[1].text.contains("1. första fasen"));
    assert_eq!(
        s.sections[2].decisions,
        vec!["Styrgruppen godkänner den reviderade budgeten."]
    );
    // "Beslut: Styrgruppen godkänner ...": the sentence names who decided.
    assert_eq!(s.sections[2].decided_by.as_deref(), Some("Styrgruppen"));
    assert!(s
        .sections
        .iter()
        .all(|x| x.decisions.is_empty() == x.decided_by.is_none()));
    let m = &s.meeting;
    assert_eq!(m.date.as_deref(), Some("2023-11-14"));
    assert_eq!(
        (m.start_time.as_deref(), m.end_time.as_deref()),
        (Some("09:00"), Some("11:00"))
    );
    assert_eq!(
        m.organ.as_deref(),
        Some("Styrgruppen för projekt Grön Omställning")
    );
    assert_eq!(m.participants.len(), 3);
    assert_eq!(
        m.participants[0].affiliation.as_deref(),
        Some("Region Halland")
    );
    assert_eq!(m.participants[0].role.as_deref(), Some("projektägare"));
    assert_eq!(m.chair, None);
    assert!(m.adjusters.is_empty());
}

#[test]
fn text_without_sections_or_header() {
    let s = segment("");
    assert!(s.sections.is_empty());
    assert_eq!(s.kind, Kind::Unknown);
    assert_eq!(s.meeting, Default::default());
    let s = segment("Bara löptext utan rubriker.\nInget datum här.");
    assert!(s.sections.is_empty());
    assert_eq!(s.meeting.date, None);
}

#[test]
fn signature_names_take_the_spelling_of_the_participant_list() {
    let header = |sekr: &str, just: &str| {
        format!(
            "MILJÖNÄMNDEN\nPROTOKOLL 2019-04-02\n\n\
             Beslutande: Karl Berg (s), ordförande, Lena Åberg (m), Lena Öberg (c)\n\
             Justerare: {just}\n\
             Sekreterare: {sekr}\n\n§ 1 Ärende\n\nText.\n"
        )
    };
    // One near miss each: OCR noise in the signature block is undone.
    let s = segment(&header("Karl Bexg", "Lena Aberq"));
    assert_eq!(s.meeting.secretary.as_deref(), Some("Karl Berg"));
    assert_eq!(s.meeting.adjusters, vec!["Lena Åberg".to_string()]);
    // A different person, or an equally near miss of two listed people, is
    // kept as printed.
    let s = segment(&header("Karl Lindén", "Lena Eberg"));
    assert_eq!(s.meeting.secretary.as_deref(), Some("Karl Lindén"));
    assert_eq!(s.meeting.adjusters, vec!["Lena Eberg".to_string()]);
}

/// The organ printed only in the running header (page furniture, not in the
/// text) is read from it; a body named in the text comes first.
#[test]
fn organ_from_the_running_header_when_the_text_names_none() {
    let text = "Plats och tid Stadshuset kl. 09.00\n\n§ 4 Budget\n\nUtskottet beslutar att godkänna budgeten.\n";
    let running = ["ÅSBY KOMMUN".to_string(), "Tekniska utskottet".to_string()];
    assert_eq!(segment(text).meeting.organ, None);
    let s = paragraf::segment::segment_with_running_header(text, &running);
    assert_eq!(s.meeting.organ.as_deref(), Some("Tekniska utskottet"));
    let named = format!("Kulturnämnden\n{text}");
    let s = paragraf::segment::segment_with_running_header(&named, &running);
    assert_eq!(s.meeting.organ.as_deref(), Some("Kulturnämnden"));
}

/// Municipal templates sign on page 1, before the first §: the labels side by
/// side over the names, each name to the label above it.
#[test]
fn signatures_side_by_side_in_the_header() {
    let text = "Socialnämnden\nPROTOKOLL 2022-10-04\n\n\
                Beslutande Ledamöter\nTuva Sand (S), ordförande\nOla Brink (M)\nMia Kron (C)\n\n\
                Sekreterare Ordförande\n\nLeif Ström Tuva Sand\n\n\
                Justerande Justerande\n\nOla Brink Mia Kron\n\n\
                § 31 Budget\n\nNämnden beslutar att godkänna budgeten.\n";
    let m = segment(text).meeting;
    assert_eq!(m.chair.as_deref(), Some("Tuva Sand"));
    assert_eq!(m.secretary.as_deref(), Some("Leif Ström"));
    assert_eq!(m.adjusters, ["Ola Brink", "Mia Kron"]);
}

/// A municipal nämnd protocol: serving substitutes, absent members, a vote,
/// a reservation, a protocol note and the recipients of a decision.
#[test]
fn substitutes_votes_reservations_and_recipients() {
    let s = segment(&load("miljonamnden.txt"));
    let m = &s.meeting;
    let present: Vec<&str> = m.participants.iter().map(|p| p.name.as_str()).collect();
    assert!(present.contains(&"Per Holm") && present.contains(&"Sofia Nyberg"));
    assert!(!present.contains(&"Lisa Berg") && !present.contains(&"Oskar Dahl"));
    let absent: Vec<&str> = m.absent.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(absent, ["Lisa Berg", "Oskar Dahl"]);
    assert_eq!(m.adjusters, ["Anders Vik", "Bengt Ahlström"]);
    let s42 = &s.sections[1];
    assert_eq!(
        s42.decided_by.as_deref(),
        Some("Miljö- och byggnadsnämnden")
    );
    assert_eq!(s42.decisions.len(), 2);
    assert!(s42.decisions[0].starts_with("1. Bygglov"));
    let v = &s42.votes[0];
    assert_eq!((v.yes, v.no), (Some(4), Some(1)));
    assert_eq!(s42.reservations[0].by, ["Anders Vik"]);
    assert_eq!(s42.protocol_notes[0].by, ["Sofia Nyberg"]);
    assert_eq!(s42.recipients, ["Sökanden", "Byggenheten"]);
    let e = &s.sections[0].elections[0];
    assert_eq!(e.people, ["Anders Vik", "Bengt Ahlström"]);
    // The other sections record none of it.
    assert!(s.sections[2].votes.is_empty() && s.sections[2].reservations.is_empty());
}

/// A 1970s protocol: "fört vid sammanträde med", "ordf." in an inline list,
/// "Vid protokollet", side-by-side signatures under "Justeras", and the
/// adjuster chosen in a sentence right after the marker.
#[test]
fn nineteen_seventies_wording() {
    let s = segment(&load("kulturnamnden-1976.txt"));
    let m = &s.meeting;
    assert_eq!(m.date.as_deref(), Some("1976-03-03"));
    assert!(m
        .organ
        .as_deref()
        .is_some_and(|o| o.starts_with("Kulturnämnden")));
    assert_eq!(m.chair.as_deref(), Some("Gunnar Sjöberg"));
    assert_eq!(m.secretary.as_deref(), Some("Olof Kron"));
    assert_eq!(m.adjusters, ["Elsa Rydén"]);
    assert_eq!(m.absent.len(), 1);
    assert_eq!(s.sections[0].title, None);
    assert_eq!(s.sections[0].decisions.len(), 1);
    assert_eq!(
        s.sections[0].elections[0].role.as_deref(),
        Some("justerare")
    );
}

/// A signature OCR'd badly gives way to the participant the header lists in
/// that role; "Justeras" over the chair's signature makes the chair the
/// adjuster.
#[test]
fn noisy_signatures_yield_to_the_listed_officers() {
    let text = "Föreningen Ekbacken\nStyrelsemöte 2021-04-08\n\
        Närvarande: Rut Ekvall ordf, Jon Sten sekr, Lea Dahl ledamot\n\n\
        § 1 Mötets öppnande\nOrdföranden öppnade mötet.\n\n\
        § 2 Nästa möte\nNästa möte hålls 2021-05-06.\n\n\
        Vid protokollet\nJn Stn XWV\nSekreterare\nJusteras\nRt Ekvl QRT\nOrdförande\n";
    let s = segment(text);
    let m = &s.meeting;
    assert_eq!(m.chair.as_deref(), Some("Rut Ekvall"));
    assert_eq!(m.secretary.as_deref(), Some("Jon Sten"));
    assert_eq!(m.adjusters, ["Rut Ekvall"]);
    assert!(!m.participants.iter().any(|p| p.name.starts_with("Rt ")));
}

/// A council's header names its body in a sentence and elects the
/// adjusters in another; the signatures under "Justeras" (the chair's, a
/// role under the name, beside an adjuster's, as the page reader gives
/// them) do not add the chair to them.
#[test]
fn officers_elected_in_a_header_sentence() {
    let text = "Protokoll\n\
        Landstingsfullmäktige sammanträdde i Stora salen, Ekvik, tisdagen den 3 maj 2022 kl. 9.00.\n\
        Sekreterare: Berit Holm\n\
        Att jämte ordföranden justera protokollet utsågs Kai Lund och Mira Os.\n\n\
        § 7 Upprop\nUpprop förrättades.\n\n\
        § 8 Avslutning\nOrdföranden avslutade sammanträdet.\n\n\
        Vid protokollet\nBerit Holm\nJusteras\n\
        Tor Ahl ordförande Kai Lund\n\nMira Os\n";
    let s = segment(text);
    let m = &s.meeting;
    assert_eq!(m.organ.as_deref(), Some("Landstingsfullmäktige"));
    assert_eq!(m.adjusters, ["Kai Lund", "Mira Os"]);
    assert_eq!(m.secretary.as_deref(), Some("Berit Holm"));
    assert_eq!(m.chair.as_deref(), Some("Tor Ahl"));
}
