//! Stage 4: split repaired text into sections and read the protocol header.
//!
//! One job per module: `text` (lines, pages, folding, name shapes),
//! `boilerplate` (page headers/footers), `markers` (which lines start a
//! section), [`dates`] (Swedish dates and times), [`decisions`] (what was
//! decided, by whom), `proceedings` (votes, reservations, protocol notes,
//! elections and recipients of a section), `header` (meeting metadata and
//! participants), `officers` (chair, secretary, adjusters from the minutes).

mod boilerplate;
pub mod dates;
pub mod decisions;
mod header;
mod markers;
mod names;
mod officers;
mod proceedings;
mod text;

use crate::model::{AgendaItem, Kind, Meeting, Section};
use crate::repair::markers::GarbledMarker;
use markers::Marker;
use regex::Regex;
use std::sync::LazyLock;
use text::Line;

/// The structure found in a text.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    pub kind: Kind,
    pub meeting: Meeting,
    pub sections: Vec<Section>,
    /// The printed agenda, when the minutes repeat its numbers.
    pub agenda: Vec<AgendaItem>,
    pub warnings: Vec<String>,
    /// Section markers read from a garbled "§" ("87" for § 7), for the
    /// repair stage to write as "§ N" ([`crate::repair::markers`]).
    pub garbled_markers: Vec<GarbledMarker>,
}

/// Lines of a document without sections that are read as its header.
const HEADER_LINES_WITHOUT_SECTIONS: usize = 150;

/// Longest line taken as a title printed on the line after the marker.
const MAX_TITLE_LEN: usize = 150;

static DNR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:dnr|diarienr|diarienummer|dnr\.)\s*[.:]?\s*(?P<d>(?:[A-ZÅÄÖ]{1,8}[\s/-]?)?\d[\d/.:\-]*\d(?:\s*-\s*\d+)?)",
    )
    .expect("dnr regex")
});

/// Segment a repaired document text (pages separated by U+000C).
pub fn segment(text: &str) -> Structure {
    segment_with_running_header(text, &[])
}

/// [`segment`], with the lines of the first page's running header (page
/// furniture, not in `text`): when the text does not name the organ, the
/// running header may ("Regionstyrelsens arbetsutskott" printed only at
/// the top of each page).
pub fn segment_with_running_header(text: &str, running: &[String]) -> Structure {
    let mut lines = text::lines(text);
    boilerplate::flag(&mut lines, |t| {
        markers::looks_like_marker(t) || t.contains("eslut") || t.contains("eslöt")
    });
    let (cands, agenda) = markers::split_agenda(markers::candidates(&lines));
    let chosen = markers::select(&cands);

    let header_end = chosen
        .first()
        .map_or(lines.len().min(HEADER_LINES_WITHOUT_SECTIONS), |m| m.line);
    let (kind, mut meeting) = header::read(&lines[..header_end]);
    if meeting.organ.is_none() && !running.is_empty() {
        meeting.organ = header::organ_with_running_header(running, &lines[..header_end]);
    }

    let mut sections = Vec::with_capacity(chosen.len());
    let mut elected = officers::Officers::default();
    // Officers elected in a sentence of the header itself ("Att jämte
    // ordföranden justera protokollet utsågs A och B.").
    // Table rows and labelled fields are the header reader's.
    let header_text = lines[..header_end]
        .iter()
        .filter(|l| !l.boiler && !l.text().contains('\t') && !header::is_field(l.text()))
        .map(|l| l.text())
        .collect::<Vec<_>>()
        .join("\n");
    for sentence in decisions::body_sentences(&header_text) {
        if decisions::elects(&sentence) && !officers::cues(&sentence).is_empty() {
            officers::from_election(&sentence, &[], &mut elected);
        }
    }
    for (k, m) in chosen.iter().enumerate() {
        let end_line = chosen.get(k + 1).map_or(lines.len(), |n| n.line);
        let (s, elections) = section(&lines, m, end_line);
        let roles = officers::election_title(s.title.as_deref().unwrap_or(""));
        if !roles.is_empty() {
            // "Val av justerare" with the names alone in the body.
            for sentence in decisions::body_sentences(&s.text) {
                officers::from_election(&sentence, &roles, &mut elected);
            }
        } else {
            for sentence in &elections {
                officers::from_election(sentence, &[], &mut elected);
            }
        }
        sections.push(s);
    }
    let agenda = agenda
        .iter()
        .map(|m| AgendaItem {
            number: m.number.clone(),
            title: (!m.rest.is_empty()).then(|| m.rest.clone()),
        })
        .collect();
    // Signatures at the end, else in the header (municipal templates sign
    // on page 1, under "Underskrifter").
    let mut signed = officers::from_signatures(&lines);
    signed.fill_from(officers::from_signatures(&lines[..header_end]));
    apply_officers(&mut meeting, elected, signed);
    let warnings = numbering_warnings(&chosen);
    let garbled_markers = chosen
        .iter()
        .zip(&sections)
        .filter(|(m, _)| m.garbled)
        .map(|(m, s)| GarbledMarker {
            start: s.start,
            printed: m.marker.clone(),
            number: m.number.clone(),
        })
        .collect();
    // A document that never says "protokoll" but records decisions in
    // numbered items is one ("Digital föreningsstämma ... §1 ... Stämman
    // godkände").
    let kind = if kind == Kind::Unknown && sections.iter().any(|s| !s.decisions.is_empty()) {
        Kind::Protokoll
    } else {
        kind
    };
    Structure {
        kind,
        meeting,
        sections,
        agenda,
        warnings,
        garbled_markers,
    }
}

/// Officers, strongest evidence first: an election in the minutes ("Till
/// ordförande valdes ..."), the header's labels ("Ordförande", "Justerare"),
/// the signature blocks, and last the participants' own roles ("Anna Ek,
/// ordförande"). Every officer is a participant.
fn apply_officers(
    m: &mut crate::model::Meeting,
    elected: officers::Officers,
    signed: officers::Officers,
) {
    // Signatures are the noisiest text of a scan: a signed name that is no
    // listed participant gives way to the participant the list gives the
    // role ("Rut Ekvall, ordf" over a chair's signature read "Rt Ekvl QRT").
    let signed = trust_signatures(m, signed);
    m.chair = elected.chair.or(m.chair.take()).or(signed.chair);
    m.secretary = elected
        .secretary
        .or(m.secretary.take())
        .or(signed.secretary);
    if !elected.adjusters.is_empty() {
        m.adjusters = elected.adjusters;
    } else if m.adjusters.is_empty() {
        m.adjusters = signed.adjusters;
    }
    m.vote_counters = if elected.counters.is_empty() {
        signed.counters
    } else {
        elected.counters
    };
    if m.chair.is_none() {
        m.chair = header::by_role(m, "ordf");
    }
    if m.secretary.is_none() {
        m.secretary = header::by_role(m, "sekr");
    }
    if m.adjusters.is_empty() && (elected.adjuster_is_chair || signed.adjuster_is_chair) {
        m.adjusters.extend(m.chair.clone());
    }
    header::reconcile_names(m);
    let officers: Vec<(String, &str)> = m
        .chair
        .iter()
        .map(|n| (n.clone(), "ordförande"))
        .chain(m.secretary.iter().map(|n| (n.clone(), "sekreterare")))
        .chain(m.adjusters.iter().map(|n| (n.clone(), "justerare")))
        .chain(m.vote_counters.iter().map(|n| (n.clone(), "rösträknare")))
        .collect();
    for (name, role) in officers {
        if m.participants.iter().any(|p| p.name == name) {
            continue;
        }
        m.participants.push(crate::model::Participant {
            name,
            party: None,
            role: Some(role.to_string()),
            affiliation: None,
            category: None,
            replaces: None,
        });
    }
}

/// The signed officers, with names that match no listed participant (after
/// [`header::reconcile_names`]) replaced by the participant holding that
/// role, and, when "Justeras" stands over the chair's signature, an
/// unlisted adjuster by the chair.
fn trust_signatures(
    m: &crate::model::Meeting,
    mut signed: officers::Officers,
) -> officers::Officers {
    if m.participants.is_empty() {
        return signed;
    }
    let mut probe = crate::model::Meeting {
        participants: m.participants.clone(),
        chair: signed.chair.clone(),
        secretary: signed.secretary.clone(),
        adjusters: signed.adjusters.clone(),
        ..Default::default()
    };
    header::reconcile_names(&mut probe);
    let listed = |n: &Option<String>| {
        n.as_ref()
            .is_none_or(|n| m.participants.iter().any(|p| &p.name == n))
    };
    let chair = header::by_role(m, "ordf");
    if !listed(&probe.chair) && chair.is_some() {
        probe.chair.clone_from(&chair);
    }
    if !listed(&probe.secretary) {
        if let Some(s) = header::by_role(m, "sekr") {
            probe.secretary = Some(s);
        }
    }
    let chair = probe.chair.clone().or(chair);
    if signed.adjuster_is_chair {
        if let Some(c) = &chair {
            for a in &mut probe.adjusters {
                if !listed(&Some(a.clone())) {
                    a.clone_from(c);
                }
            }
        }
    }
    signed.chair = probe.chair;
    signed.secretary = probe.secretary;
    signed.adjusters = probe.adjusters;
    signed.adjusters.dedup();
    signed
}

/// Title, Dnr and the first body line of a section.
fn heading(
    lines: &[Line<'_>],
    m: &Marker,
    end_line: usize,
) -> (Option<String>, Option<String>, usize) {
    let mut title: Option<String> = None;
    let mut dnr: Option<String> = None;
    let mut rest = m.rest.as_str();
    if let Some(c) = DNR.captures(rest) {
        let all = c.get(0).expect("group 0");
        dnr = Some(c["d"].trim().to_string());
        let before = rest[..all.start()].trim();
        let after = rest[all.end()..].trim();
        rest = if before.is_empty() { after } else { before };
    }
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '–');
    if !rest.is_empty() {
        title = Some(rest.to_string());
    }
    let mut body = m.line + 1;
    let next_content =
        |from: usize| (from..end_line).find(|&j| !lines[j].is_blank() && !lines[j].boiler);
    if title.is_none() {
        if let Some(j) = next_content(body) {
            let t = lines[j].text();
            let starts_upper = t.chars().next().is_some_and(|c| !c.is_lowercase());
            // "Till att justera protokollet utsågs Eva Ek." is the body.
            let sentence = t.trim_end().ends_with('.') && decisions::decides(t);
            if t.len() <= MAX_TITLE_LEN
                && starts_upper
                && !sentence
                && DNR.find(t).is_none_or(|d| d.start() > 0)
            {
                title = Some(t.trim().to_string());
                body = j + 1;
            }
        }
    }
    if dnr.is_none() {
        if let Some(j) = next_content(body) {
            let t = lines[j].text();
            if let Some(c) = DNR
                .captures(t)
                .filter(|c| c.get(0).is_some_and(|a| a.start() == 0))
            {
                dnr = Some(c["d"].trim().to_string());
                body = j + 1;
                if title.is_none() {
                    let after = t[c.get(0).expect("group 0").end()..].trim();
                    if !after.is_empty() {
                        title = Some(after.to_string());
                    }
                }
            }
        }
    }
    (title, dnr, body)
}

fn section(lines: &[Line<'_>], m: &Marker, end_line: usize) -> (Section, Vec<String>) {
    let (title, dnr, body_start) = heading(lines, m, end_line);
    let body: Vec<&str> = lines[body_start.min(end_line)..end_line]
        .iter()
        .filter(|l| !l.boiler)
        .map(|l| l.text())
        .collect();
    let found = decisions::find(&body);
    let recorded = proceedings::read(&body);
    let elections = found
        .elections
        .iter()
        .filter_map(|e| proceedings::election(e, title.as_deref()))
        .collect();
    let content: Vec<&Line<'_>> = lines[m.line..end_line]
        .iter()
        .filter(|l| !l.boiler && !l.is_blank())
        .collect();
    let mut pages: Vec<usize> = content.iter().map(|l| l.page).collect();
    pages.dedup();
    let start = lines[m.line].content_start();
    let end = content.last().map_or(start, |l| l.end());
    let s = Section {
        number: m.number.clone(),
        marker: m.marker.clone(),
        title,
        dnr,
        text: body_text(&body),
        decisions: found.decisions,
        decided_by: found.decided_by,
        elections,
        votes: recorded.votes,
        reservations: recorded.reservations,
        protocol_notes: recorded.notes,
        recipients: recorded.recipients,
        pages,
        start,
        end,
    };
    (s, found.elections)
}

/// Body lines joined, blank-line runs collapsed to one, trimmed.
fn body_text(body: &[&str]) -> String {
    let mut out = String::new();
    let mut blank = false;
    for l in body {
        if l.trim().is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(l.trim_end());
        blank = false;
    }
    out
}

/// Things a reader should check: gaps and reversals in the numbering, and
/// markers accepted from an OCR-garbled "§".
fn numbering_warnings(chosen: &[Marker]) -> Vec<String> {
    let mut out = Vec::new();
    for w in chosen.windows(2) {
        let next = w[1].ord == w[0].ord + 1 || (w[1].ord == w[0].ord && w[1].sub > w[0].sub);
        if !next && w[1].style == w[0].style {
            out.push(format!(
                "section numbering jumps from {} to {}",
                w[0].marker, w[1].marker
            ));
        }
    }
    for m in chosen.iter().filter(|m| m.garbled) {
        out.push(format!(
            "section marker \"{}\" read as § {} (OCR-garbled §)",
            m.marker, m.number
        ));
    }
    out
}
