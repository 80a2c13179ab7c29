//! The protocol header: kind, organ, date, time, place, participants,
//! justerare, signatures, paragraph range and anslag dates.
//!
//! Header lines are read as "Label value" fields. Labels come from a table
//! of Swedish protocol vocabulary and are matched on folded words with an
//! edit-distance tolerance, so OCR damage ("Ledaméter", "Ovriga
//! nérvarande") still reads as the label. Nothing is guessed: a field the
//! text does not state stays null.

use super::dates::{find_dates, find_times, first_date};
use super::names::is_given_name;
use super::text::{
    fold, fuzzy_eq, is_name, is_name_word, is_organ_word, is_role_word, name_runs, squash, Line,
};
use crate::model::{Kind, Meeting, Participant};
use regex::Regex;
use std::sync::LazyLock;

/// What a header label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// "Plats och tid": place, date and time.
    PlaceTime,
    Time,
    Date,
    /// A participant list, with its category.
    People(&'static str),
    Adjusters,
    /// "Plats och tid för justering".
    Adjustment,
    Secretary,
    Chair,
    Paragraphs,
    Organ,
    NoticePosted,
    NoticeRemoved,
    /// Known labels whose value is not read ("Anslag/Bevis",
    /// "Förvaringsplats för protokollet", "Underskrifter").
    Other,
}

const LEDAMOT: &str = "ledamot";
const ERSATTARE: &str = "ersättare";
const OVRIG: &str = "övrig närvarande";
const TJANSTEMAN: &str = "tjänsteman";
const FRANVARANDE: &str = "frånvarande";

/// Header labels (written as printed; matched folded and fuzzily).
const LABELS: &[(&str, Field)] = &[
    ("Plats och tid", Field::PlaceTime),
    ("Tid och plats", Field::PlaceTime),
    ("Plats", Field::PlaceTime),
    ("Sammanträdesplats", Field::PlaceTime),
    ("Mötesplats", Field::PlaceTime),
    ("Lokal", Field::PlaceTime),
    ("Tid", Field::Time),
    ("Datum", Field::Date),
    ("Datum och tid", Field::Date),
    ("Sammanträdesdatum", Field::Date),
    ("Sammanträdesdag", Field::Date),
    ("Datum för sammanträdet", Field::Date),
    ("Datum för mötet", Field::Date),
    ("Mötesdatum", Field::Date),
    ("Ledamöter", Field::People(LEDAMOT)),
    ("Ledamot", Field::People(LEDAMOT)),
    ("Beslutande", Field::People(LEDAMOT)),
    ("Beslutande ledamöter", Field::People(LEDAMOT)),
    ("Närvarande ledamöter", Field::People(LEDAMOT)),
    ("Tjänstgörande ledamöter", Field::People(LEDAMOT)),
    ("Närvarande", Field::People(LEDAMOT)),
    ("Deltagare", Field::People(LEDAMOT)),
    ("Närvarande beslutande", Field::People(LEDAMOT)),
    ("Ersättare", Field::People(ERSATTARE)),
    ("Tjänstgörande ersättare", Field::People(ERSATTARE)),
    ("Icke tjänstgörande ersättare", Field::People(ERSATTARE)),
    ("Närvarande ersättare", Field::People(ERSATTARE)),
    ("Övriga närvarande", Field::People(OVRIG)),
    ("Övriga deltagare", Field::People(OVRIG)),
    ("Övriga deltagande", Field::People(OVRIG)),
    ("Övriga", Field::People(OVRIG)),
    ("Inbjudna", Field::People(OVRIG)),
    ("Adjungerade", Field::People(OVRIG)),
    ("Tjänstemän", Field::People(TJANSTEMAN)),
    ("Tjänstepersoner", Field::People(TJANSTEMAN)),
    ("Närvarande tjänstemän", Field::People(TJANSTEMAN)),
    ("Frånvarande", Field::People(FRANVARANDE)),
    ("Frånvarande ledamöter", Field::People(FRANVARANDE)),
    ("Anmält förhinder", Field::People(FRANVARANDE)),
    ("Förhinder", Field::People(FRANVARANDE)),
    ("Justerare", Field::Adjusters),
    ("Utses att justera", Field::Adjusters),
    ("Utsedda att justera", Field::Adjusters),
    ("Utsedd att justera", Field::Adjusters),
    ("Utsågs att justera", Field::Adjusters),
    ("Justerande", Field::Adjusters),
    ("Plats och tid för justering", Field::Adjustment),
    ("Tid och plats för justering", Field::Adjustment),
    ("Justeringens plats och tid", Field::Adjustment),
    ("Justeringens tid och plats", Field::Adjustment),
    ("Justeringsdatum", Field::Adjustment),
    ("Datum för justering", Field::Adjustment),
    ("Justeringsdag", Field::Adjustment),
    ("Sekreterare", Field::Secretary),
    ("Protokollförare", Field::Secretary),
    ("Vid protokollet", Field::Secretary),
    ("Antecknat av", Field::Secretary),
    ("Antecknare", Field::Secretary),
    ("Sammanställande", Field::Secretary),
    ("Sammanställare", Field::Secretary),
    ("Mötessekreterare", Field::Secretary),
    ("Ordförande", Field::Chair),
    ("Mötesordförande", Field::Chair),
    ("Paragrafer", Field::Paragraphs),
    ("Paragraf", Field::Paragraphs),
    ("Organ", Field::Organ),
    ("Datum då anslag sätts upp", Field::NoticePosted),
    ("Datum då anslaget sätts upp", Field::NoticePosted),
    ("Datum för anslags uppsättande", Field::NoticePosted),
    ("Datum för anslagets uppsättande", Field::NoticePosted),
    ("Anslaget uppsatt", Field::NoticePosted),
    ("Datum då anslag tas ned", Field::NoticeRemoved),
    ("Datum då anslaget tas ned", Field::NoticeRemoved),
    ("Datum för anslags nedtagande", Field::NoticeRemoved),
    ("Datum för anslagets nedtagande", Field::NoticeRemoved),
    ("Anslaget nedtaget", Field::NoticeRemoved),
    ("Anslag/Bevis", Field::Other),
    ("Anslag", Field::Other),
    ("Bevis", Field::Other),
    ("Förvaringsplats för protokollet", Field::Other),
    ("Förvaringsplats", Field::Other),
    ("Underskrifter", Field::Other),
    ("Underskrift", Field::Other),
    ("Utdragsbestyrkande", Field::Other),
];

/// Labels folded into words, once.
static FOLDED_LABELS: LazyLock<Vec<(Vec<String>, Field)>> = LazyLock::new(|| {
    LABELS
        .iter()
        .map(|(l, f)| (fold(l).split(' ').map(String::from).collect(), *f))
        .collect()
});

/// Swedish party abbreviations as printed alone in a list.
const PARTIES: &[&str] = &[
    "S", "M", "C", "L", "V", "MP", "KD", "SD", "FP", "PP", "FI", "SPI",
];

/// Attendance notes inside participant entries ("Via länk", "§§ 15-20",
/// "från kl 14.00"): dropped.
static ATTENDANCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|\s|\()(?:via\s+(?:l[äa]nk|teams|zoom|skype|video|telefon|distans)|p[åa]\s+distans|digitalt|deltar\s+ej|ers[äa]tter\s|ej\s+n[äa]rvarande|(?:fr[åa]n|till|t\.?\s?o\.?\s?m\.?|fr\.?\s?o\.?\s?m\.?)\s*(?:§|kl)|§§?\s*\d|kl\.?\s*\d).*$",
    )
    .expect("attendance regex")
});

/// A serving substitute and whom they replace: "Per Holm (M) tjänstgörande
/// ersättare för Lisa Berg (M)", "Eva Ek, tjg för Ola Ek", "Bo Al ersätter
/// Kim Berg", "Siv Ny i stället för Åsa Lind".
static REPLACES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[\s,(]+)(?:(?:tjänstgörande|tjänstgör|tjg\.?)(?:\s+ersättare)?\s+för|ersättare\s+för|ersätter|i\s+stället\s+för|istället\s+för)\s+(?P<who>.+)$",
    )
    .expect("replaces regex")
});

/// Role given to a serving substitute.
const SERVING_SUBSTITUTE: &str = "tjänstgörande ersättare";

static PARTY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(\s*([A-Za-zÅÄÖåäö1]{1,3})\s*\)").expect("party regex"));

static PARAGRAPH_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"§§\s*\d{1,4}\s*[-–—]\s*\d{1,4}").expect("paragraph range regex"));

/// Dotted or underlined signature leaders.
static LEADERS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[._…]{3,}").expect("leader regex"));

/// Role abbreviations in member lists ("ordf", "sekr", "suppl", "v ordf").
const ROLE_ABBREVIATIONS: &[&str] = &[
    "ordf",
    "sekr",
    "suppl",
    "suppleant",
    "ledamot",
    "kassor",
    "ers",
    "adj",
    "v",
];

/// Abbreviation endings whose final "." is part of the word.
const ABBREV_ENDINGS: &[&str] = &[
    "forv",
    "gr",
    "led",
    "adm",
    "avd",
    "kons",
    "sekr",
    "ordf",
    "handl",
    "kommunforb",
    "utv",
];

/// Whether a header line starts with a field label ("Sekreterare: …").
pub(crate) fn is_field(line: &str) -> bool {
    label(line).is_some()
}

/// Match a label at the start of `line`; returns the field and the rest of
/// the line after the label (and a ":").
fn label(line: &str) -> Option<(Field, &str)> {
    // Labels are printed capitalised; a line starting in lower case
    // continues the value above ("Henrik Ek (M), 1:e vice" / "ordförande").
    if !line.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    // A participant table's heading row ("Ledamot | Parti | Tjänstgör") is
    // not the label "Ledamot".
    if line.contains(['\t', '|']) && table_columns(line).is_some() {
        return None;
    }
    // Words of the line with the byte offset where each ends.
    let mut words: Vec<(String, usize)> = Vec::new();
    let mut pos = 0;
    for raw in line.split_inclusive(char::is_whitespace) {
        let end = pos + raw.trim_end().len();
        for w in fold(raw).split(' ').filter(|w| !w.is_empty()) {
            words.push((w.to_string(), end));
        }
        pos += raw.len();
        if words.len() > 6 {
            break;
        }
    }
    let mut best: Option<(usize, Field)> = None;
    for (toks, field) in FOLDED_LABELS.iter() {
        if toks.len() > words.len() || best.is_some_and(|(n, _)| n >= toks.len()) {
            continue;
        }
        if toks.iter().zip(&words).all(|(t, (w, _))| fuzzy_eq(w, t)) {
            best = Some((toks.len(), *field));
        }
    }
    let (n, field) = best?;
    let end = words[n - 1].1;
    // A label ends at a word boundary: "Plats:" or "Plats Kommunhuset", not
    // "Platsbyte".
    let rest = line[end..].trim_start_matches([':', ' ', '\t']).trim();
    Some((field, rest))
}

/// A line of two or more officer labels and nothing else ("Sekreterare
/// Ordförande", "Justerande  Justerande").
fn officer_labels_only(line: &str) -> bool {
    let mut rest = line.trim();
    let mut n = 0;
    while !rest.is_empty() {
        match label(rest) {
            Some((Field::Secretary | Field::Chair | Field::Adjusters, r))
                if r.len() < rest.len() =>
            {
                rest = r;
                n += 1;
            }
            _ => return false,
        }
    }
    n >= 2
}

/// Meeting metadata and document kind read from the header lines.
pub(crate) fn read(header: &[Line<'_>]) -> (Kind, Meeting) {
    let mut m = Meeting::default();
    let mut date_field: Option<String> = None;
    let mut date_place: Option<String> = None;
    let mut loose: Vec<&str> = Vec::new();
    let mut all_dates_text = String::new();

    let mut i = 0;
    while i < header.len() {
        let l = &header[i];
        if l.is_blank() {
            i += 1;
            continue;
        }
        let Some((mut field, mut rest)) = (!l.boiler).then(|| label(l.text())).flatten() else {
            loose.push(l.text());
            all_dates_text.push_str(l.text());
            all_dates_text.push('\n');
            i += 1;
            continue;
        };
        // "Sekreterare Ordförande" over "Eva Ek Per Ny": signatures side by
        // side, left to the officers step (they sign as a block).
        if officer_labels_only(l.text()) {
            i += 1;
            while header.get(i).is_some_and(|l| l.is_blank()) {
                i += 1;
            }
            if header.get(i).is_some_and(|l| label(l.text()).is_none()) {
                i += 1;
            }
            continue;
        }
        // "Ledamöter          Ersättare": lists side by side, one column
        // each.
        if let Some(columns) = people_columns(l.text()) {
            let mut j = i + 1;
            let mut rows: Vec<&str> = Vec::new();
            while let Some(r) = header.get(j) {
                if r.is_blank() || r.boiler || label(r.text()).is_some() {
                    break;
                }
                rows.push(r.raw);
                j += 1;
            }
            m.participants.extend(read_columns(&columns, &rows));
            i = j;
            continue;
        }
        // "Underskrifter Sekreterare", "Datum då anslag sätts upp: Datum då
        // anslag tas ned:": a label whose value is another label.
        while let Some((f2, r2)) = label(rest) {
            field = f2;
            rest = r2;
        }
        // "Sekreterare ........ Paragrafer §§ 12–18": a second field after a
        // signature leader on the same line.
        if let Some(lead) = LEADERS.find(rest) {
            let after = rest[lead.end()..].trim();
            if let Some((f2, r2)) = label(after) {
                apply(&mut m, f2, &[r2], &mut date_field, &mut date_place);
            }
            rest = rest[..lead.start()].trim();
        }
        let (value, next) = read_value(header, i, rest, field);
        apply(&mut m, field, &value, &mut date_field, &mut date_place);
        if !matches!(
            field,
            Field::Adjustment | Field::NoticePosted | Field::NoticeRemoved
        ) {
            for v in &value {
                all_dates_text.push_str(v);
                all_dates_text.push('\n');
            }
        }
        i = next;
    }

    m.date = date_field
        .or(date_place)
        .or_else(|| first_date(&all_dates_text));
    if m.paragraphs.is_none() {
        m.paragraphs = header.iter().find_map(|l| {
            PARAGRAPH_RANGE
                .find(l.text())
                .map(|r| r.as_str().to_string())
        });
    }
    if m.organ.is_none() {
        m.organ = organ_of(header, &loose);
    }
    // A member replaced for some items only is present, not absent.
    let present: Vec<String> = m.participants.iter().map(|p| p.name.clone()).collect();
    m.absent.retain(|a| !present.contains(&a.name));
    let kind = kind_of(header);
    (kind, m)
}

/// The organ the header's unlabelled lines name: an association and its
/// meeting body, "fört vid sammanträde med X", or a line naming a body.
fn organ_of(header: &[Line<'_>], loose: &[&str]) -> Option<String> {
    association_organ(header)
        .or_else(|| loose.iter().take(12).find_map(|l| held_with(l)))
        .or_else(|| loose.iter().take(12).find_map(|l| organ_from_line(l)))
}

/// The organ when the text does not name it but the first page's running
/// header does ("REGION X / Regionstyrelsens arbetsutskott",
/// "Samordningsförbundet X" over a "Styrelsemöte" in the text): the
/// running header's lines read before the text's header lines.
pub(crate) fn organ_with_running_header(running: &[String], header: &[Line<'_>]) -> Option<String> {
    let mut joined = running.join("\n");
    joined.push_str("\n\n");
    for l in header {
        joined.push_str(l.raw);
        joined.push('\n');
    }
    let lines = super::text::lines(&joined);
    let loose: Vec<&str> = lines
        .iter()
        .filter(|l| !l.is_blank() && label(l.text()).is_none())
        .map(Line::text)
        .collect();
    organ_of(&lines, &loose)
}

/// The first participant whose role (folded) starts with / contains `role`.
pub(crate) fn by_role(m: &Meeting, role: &str) -> Option<String> {
    m.participants
        .iter()
        .find(|p| {
            p.role.as_deref().is_some_and(|r| {
                let f = fold(r);
                f.split(['/', ',', ' '])
                    .any(|w| !w.is_empty() && w.starts_with(role))
            })
        })
        .map(|p| p.name.clone())
}

/// Signature blocks are the noisiest part of a scan ("Bengt Selghder" under
/// a header that lists "Bengt Selander"). A chair, secretary or adjuster whose
/// name is a near miss of a listed participant (same number of name parts,
/// same first name, closer than any other participant) takes the
/// participant's spelling; a tie keeps the name as printed.
pub(crate) fn reconcile_names(m: &mut Meeting) {
    let names: Vec<String> = m.participants.iter().map(|p| p.name.clone()).collect();
    let fix = |name: &mut String| {
        if names.iter().any(|n| n == name) {
            return;
        }
        let parts: Vec<&str> = name.split_whitespace().collect();
        let mut scored: Vec<(f64, &String)> = names
            .iter()
            .filter(|n| {
                let np: Vec<&str> = n.split_whitespace().collect();
                // Same number of parts and the same first or last name
                // ("Géran Wallén" for "Goran Wallén").
                np.len() == parts.len()
                    && (np.first() == parts.first() || np.last() == parts.last())
            })
            .map(|n| (strsim::normalized_levenshtein(&fold(n), &fold(name)), n))
            .filter(|(sim, _)| *sim >= 0.75)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        match scored[..] {
            [(_, only)] => *name = only.clone(),
            [(best, n), (second, _), ..] if best > second => *name = n.clone(),
            _ => {}
        }
    };
    if let Some(n) = m.secretary.as_mut() {
        fix(n);
    }
    if let Some(n) = m.chair.as_mut() {
        fix(n);
    }
    for n in &mut m.adjusters {
        fix(n);
    }
    let mut seen = Vec::new();
    m.adjusters.retain(|n| {
        let new = !seen.contains(n);
        seen.push(n.clone());
        new
    });
}

/// Read a field's value: the rest of the label line and the lines after it
/// up to a blank line or the next label. A label alone on its line takes the
/// next paragraph. Participant lists also run on across a blank line while
/// the next line starts with a name.
fn read_value<'a>(
    header: &[Line<'a>],
    i: usize,
    rest: &'a str,
    field: Field,
) -> (Vec<&'a str>, usize) {
    let rest = clean_value(rest);
    let mut value: Vec<&str> = Vec::new();
    if !rest.is_empty() {
        value.push(rest);
    }
    let people = matches!(field, Field::People(_) | Field::Adjusters);
    let max_lines = match field {
        Field::People(_) | Field::Adjusters | Field::Other => usize::MAX,
        Field::Secretary | Field::Chair => 2,
        _ => 3,
    };
    let mut j = i + 1;
    while j < header.len() && value.len() < max_lines {
        let l = &header[j];
        if l.boiler {
            j += 1;
            continue;
        }
        if l.is_blank() {
            let next = header[j..].iter().find(|l| !l.is_blank() && !l.boiler);
            // A signature label takes the name from the next paragraph when
            // its own line holds only a scribble.
            let signature = matches!(field, Field::Secretary | Field::Chair);
            let go_on = value.is_empty()
                || (signature && value.iter().all(|v| name_runs(v).is_empty()))
                || (people
                    && next
                        .is_some_and(|n| label(n.text()).is_none() && starts_with_name(n.text())));
            if !go_on {
                break;
            }
            j += 1;
            continue;
        }
        if label(l.text()).is_some() || signature_done(field, &value) {
            break;
        }
        value.push(clean_value(l.text()));
        j += 1;
    }
    (value, j)
}

/// Trim a value and any signature leader ("....", "____") at its ends.
fn clean_value(s: &str) -> &str {
    let mut s = s.trim();
    if let Some(m) = LEADERS.find(s).filter(|m| m.start() == 0) {
        s = s[m.end()..].trim_start();
    }
    if let Some(m) = LEADERS.find_iter(s).last().filter(|m| m.end() == s.len()) {
        s = s[..m.start()].trim_end();
    }
    // Table rules read as text ("| Matz Hansson", "[Anna Ek").
    s.trim_matches(|c: char| matches!(c, '_' | '…' | '|' | '[' | ']'))
        .trim()
}

/// A signature field stops at its first name.
fn signature_done(field: Field, value: &[&str]) -> bool {
    matches!(field, Field::Secretary | Field::Chair)
        && value.iter().any(|v| !name_runs(v).is_empty())
}

fn starts_with_name(s: &str) -> bool {
    let first: String = s.split([',', '(']).next().unwrap_or("").trim().to_string();
    is_name(&first)
}

/// Put one field's value into the meeting.
fn apply(
    m: &mut Meeting,
    field: Field,
    value: &[&str],
    date_field: &mut Option<String>,
    date_place: &mut Option<String>,
) {
    let joined = squash(&LEADERS.replace_all(&value.join(" "), " "));
    if joined.is_empty() {
        return;
    }
    match field {
        Field::PlaceTime | Field::Time | Field::Date => {
            apply_when(m, field, &joined, date_field, date_place);
        }
        Field::People(category) => add_people(m, parse_people(value, category), category),
        Field::Adjusters => {
            for n in name_runs(&strip_parties(&joined)) {
                if !m.adjusters.contains(&n) {
                    m.adjusters.push(n);
                }
            }
        }
        Field::Adjustment => {
            let (place, date) = place_and_date(&joined);
            if m.adjustment_date.is_none() {
                m.adjustment_date = date;
            }
            if m.adjustment_place.is_none() {
                m.adjustment_place = place;
            }
        }
        Field::Secretary => {
            if m.secretary.is_none() {
                m.secretary = name_runs(&strip_parties(&joined)).into_iter().next();
            }
        }
        Field::Chair => {
            if m.chair.is_none() {
                m.chair = name_runs(&strip_parties(&joined)).into_iter().next();
            }
        }
        Field::Paragraphs => {
            if m.paragraphs.is_none() {
                m.paragraphs = Some(joined.clone());
            }
        }
        Field::Organ => {
            if m.organ.is_none() {
                m.organ = Some(joined.trim_end_matches(['.', ',']).to_string());
            }
        }
        Field::NoticePosted => {
            if m.notice_posted.is_none() {
                m.notice_posted = leading_date(&joined);
            }
        }
        Field::NoticeRemoved => {
            if m.notice_removed.is_none() {
                m.notice_removed = leading_date(&joined);
            }
        }
        Field::Other => {}
    }
}

/// A place-and-time, time or date field: the meeting's times and place,
/// and the date the field gives.
fn apply_when(
    m: &mut Meeting,
    field: Field,
    joined: &str,
    date_field: &mut Option<String>,
    date_place: &mut Option<String>,
) {
    let (place, date) = place_and_date(joined);
    if let Some((s, e, _, _)) = find_times(joined) {
        m.start_time.get_or_insert(s);
        if let Some(e) = e {
            m.end_time.get_or_insert(e);
        }
    }
    if field == Field::Date {
        if date_field.is_none() {
            *date_field = date;
        }
    } else {
        if date_place.is_none() {
            *date_place = date;
        }
        if field == Field::PlaceTime && m.place.is_none() {
            m.place = place;
        }
    }
}

/// People of one list: the absent once each; the present as participants,
/// with any member they replace counted absent, listed or not.
fn add_people(m: &mut Meeting, people: Vec<Participant>, category: &str) {
    // A participant table marks its absent members row by row.
    let (absent, people): (Vec<Participant>, Vec<Participant>) = people
        .into_iter()
        .partition(|p| category == FRANVARANDE || p.category.as_deref() == Some(FRANVARANDE));
    for p in absent {
        if !m.absent.iter().any(|a| a.name == p.name) {
            m.absent.push(p);
        }
    }
    for n in people.iter().filter_map(|p| p.replaces.as_ref()) {
        if !m.absent.iter().any(|a| &a.name == n) {
            m.absent.push(Participant {
                name: n.clone(),
                category: Some(FRANVARANDE.to_string()),
                ..Participant::default()
            });
        }
    }
    m.participants.extend(people);
}

/// A date at the very start of a value (so "Datum då anslag sätts upp:
/// Datum då anslag tas ned: 2022-06-21" gives no posting date).
fn leading_date(s: &str) -> Option<String> {
    find_dates(s)
        .into_iter()
        .next()
        .filter(|d| d.start == 0)
        .map(|d| d.iso)
}

/// Split "Kommunhuset, lokal Diamanten, fredagen den 10 juni 2022 kl.
/// 13.00" into the place and the ISO date.
fn place_and_date(s: &str) -> (Option<String>, Option<String>) {
    let dates = find_dates(s);
    let mut cut: Vec<(usize, usize)> = dates.iter().map(|d| (d.start, d.end)).collect();
    if let Some((_, _, a, b)) = find_times(s) {
        cut.push((a, b));
    }
    cut.sort();
    let mut place = String::new();
    let mut pos = 0;
    for (a, b) in cut {
        if a >= pos {
            place.push_str(&s[pos..a]);
            place.push(' ');
            pos = b;
        }
    }
    place.push_str(&s[pos..]);
    let place = squash(&place);
    let place = place
        .trim_matches(|c: char| c == ',' || c == ';' || c == '-' || c == '–' || c.is_whitespace())
        .to_string();
    let place = (place.chars().any(char::is_alphabetic)).then_some(place);
    (place, dates.into_iter().next().map(|d| d.iso))
}

fn strip_parties(s: &str) -> String {
    PARTY.replace_all(s, " ").into_owned()
}

/// Lines of a participant value with an entry broken over the line end
/// joined into one line:
/// - "..., Karin" + "Thorsell (Miljöförvaltningen); ...": the line's last
///   list item is a given name alone and the next line starts with a
///   capitalised word that is none;
/// - "Per Holm (M) tjänstgörande" + "ersättare för Lisa Berg (M)": the line
///   ends with no separator and the next starts in lower case;
/// - "tjänstgörande för" + "Eva Ek (S)", "för Eva" + "Ek (S)": the line
///   ends with a word that needs what follows ("för", "och", "samt"), or
///   with one name word after it.
fn join_wrapped_names(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        let line = line.trim();
        let next_first = line.split_whitespace().next().unwrap_or("");
        let wraps = out.last().is_some_and(|prev: &String| {
            let open = !prev.ends_with([',', ';', '.', ':']);
            let last_item: Vec<&str> = prev
                .rsplit([',', ';'])
                .next()
                .unwrap_or("")
                .split_whitespace()
                .collect();
            let last_word = prev.split_whitespace().next_back().unwrap_or("");
            // A given name, then a word that is no given name: a surname.
            let broken_name = last_item.len() == 1
                && prev.contains([',', ';'])
                && is_given_name(last_item[0])
                && is_name_word(next_first)
                && !is_given_name(next_first);
            let continued = open
                && next_first.starts_with(char::is_lowercase)
                && !matches!(next_first, "och" | "samt");
            let words: Vec<&str> = prev.split_whitespace().collect();
            // "... för Eva" + "Strömgren (S)": one name word after the cue.
            let cue_name = words.len() >= 2
                && matches!(words[words.len() - 2], "för" | "och" | "samt")
                && is_name_word(last_word)
                && is_name_word(next_first);
            let dangling = open && (matches!(last_word, "för" | "och" | "samt") || cue_name);
            broken_name || continued || dangling
        });
        match out.last_mut() {
            Some(prev) if wraps => {
                prev.push(' ');
                prev.push_str(line);
            }
            _ => out.push(line.to_string()),
        }
    }
    out
}

/// Split a participant value into pieces: by line, comma, semicolon,
/// sentence end, "och"/"samt" (not "Vård- och omsorg").
fn pieces(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for line in &join_wrapped_names(lines) {
        for part in line.split([',', ';']) {
            let mut cur = String::new();
            let words: Vec<&str> = part.split_whitespace().collect();
            for (k, w) in words.iter().enumerate() {
                let joiner = (*w == "och" || *w == "samt") && k > 0 && !words[k - 1].ends_with('-');
                if joiner {
                    out.push(std::mem::take(&mut cur));
                    continue;
                }
                if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(w);
                // Sentence end: "Payoff. Via länk", "Wass. Från punkt 4".
                let next_upper = words
                    .get(k + 1)
                    .and_then(|n| n.chars().next())
                    .is_some_and(char::is_uppercase);
                // Not after a role abbreviation: "ordf. Gunnar Ek".
                let abbrev = {
                    let f = fold(w);
                    ROLE_ABBREVIATIONS.contains(&f.as_str())
                        || (f.chars().count() <= 3 && w.starts_with(char::is_lowercase))
                };
                if w.ends_with('.') && next_upper && !abbrev {
                    out.push(std::mem::take(&mut cur));
                }
            }
            out.push(cur);
        }
    }
    out.into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Trim a final sentence period, keeping abbreviation dots ("förv.").
fn trim_period(s: &str) -> String {
    let s = s.trim().trim_end_matches([',', ';']);
    if let Some(stem) = s.strip_suffix('.') {
        let last = fold(stem.split([' ', '.']).next_back().unwrap_or(""));
        if !ABBREV_ENDINGS.iter().any(|a| last.ends_with(a)) {
            return stem.trim().to_string();
        }
    }
    s.to_string()
}

/// Role text as a lowercase-first role ("Förbundschef" → "förbundschef").
/// Abbreviations are written out ("v. ordf." → "vice ordförande").
fn as_role(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let all_abbrev = words.iter().all(|w| {
        let f = fold(w);
        ROLE_FULL_FORMS.iter().any(|(a, _)| *a == f)
    });
    if !words.is_empty() && all_abbrev {
        return words
            .iter()
            .filter_map(|w| {
                let f = fold(w);
                ROLE_FULL_FORMS
                    .iter()
                    .find(|(a, _)| *a == f)
                    .map(|(_, v)| *v)
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Role abbreviations (folded) and the role they stand for.
const ROLE_FULL_FORMS: &[(&str, &str)] = &[
    ("ordf", "ordförande"),
    ("sekr", "sekreterare"),
    ("suppl", "suppleant"),
    ("ers", "ersättare"),
    ("adj", "adjungerad"),
    ("v", "vice"),
    ("vice", "vice"),
    ("kassor", "kassör"),
];

fn add_attr(slot: &mut Option<String>, v: &str) {
    let v = v.trim();
    if v.is_empty() {
        return;
    }
    match slot {
        Some(s) => {
            s.push_str(", ");
            s.push_str(v);
        }
        None => *slot = Some(v.to_string()),
    }
}

/// Split an attribute piece into role words (leading lowercase or role
/// words) and an organisation (the rest).
fn role_and_org(piece: &str) -> (String, String) {
    let words: Vec<&str> = piece.split_whitespace().collect();
    let mut k = 0;
    while k < words.len() {
        let w = words[k];
        let lower = w.chars().next().is_some_and(|c| !c.is_uppercase());
        if lower || is_role_word(&fold(w)) {
            k += 1;
        } else {
            break;
        }
    }
    let role = words[..k].join(" ");
    let mut org = &words[k..];
    // Drop a trailing preposition of the role ("projektledare på Region").
    let mut role_words: Vec<&str> = role.split(' ').collect();
    while role_words
        .last()
        .is_some_and(|w| matches!(*w, "på" | "vid" | "från" | "i" | "för" | "inom"))
    {
        role_words.pop();
    }
    if org
        .first()
        .is_some_and(|w| matches!(*w, "på" | "vid" | "från"))
    {
        org = &org[1..];
    }
    (role_words.join(" "), org.join(" "))
}

/// Is a text only role abbreviations ("ordf.", "v. ordf.")? Before a name
/// they give its role; a written-out lowercase role may stand before an
/// organisation instead ("projektledare Lumena Roslagen").
fn only_roles(s: &str) -> bool {
    let words: Vec<String> = s.split_whitespace().map(fold).collect();
    !words.is_empty()
        && words
            .iter()
            .all(|w| ROLE_FULL_FORMS.iter().any(|(a, _)| a == w))
}

/// Segments of a line between wide gaps (a tab, a "|", or two spaces or
/// more), each with its byte offset in the line.
fn cells(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let b = line.as_bytes();
    let mut start: Option<usize> = None;
    let mut k = 0;
    while k < b.len() {
        let gap = b[k..]
            .iter()
            .take_while(|c| matches!(**c, b' ' | b'\t' | b'|'))
            .count();
        let wide = gap >= 2 || (gap == 1 && b[k] != b' ');
        if gap > 0 && (wide || k + gap == b.len()) {
            if let Some(s0) = start.take() {
                out.push((s0, line[s0..k].trim()));
            }
            k += gap;
            continue;
        }
        if start.is_none() && gap == 0 {
            start = Some(k);
        }
        k += gap.max(1);
        while k < b.len() && !b[k].is_ascii() && !line.is_char_boundary(k) {
            k += 1;
        }
    }
    if let Some(s0) = start {
        out.push((s0, line[s0..].trim()));
    }
    out.retain(|(_, c)| !c.is_empty());
    out
}

/// What a participant table's column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Party,
    Role,
    Organisation,
    /// Whether the member took part ("Tjänstgör: Ja / Nej / Ja, för X").
    Present,
    /// A column of something else (a vote, a note): not read.
    Other,
}

/// Folded column headings of participant tables.
const COLUMN_HEADINGS: &[(&str, Column)] = &[
    ("namn", Column::Name),
    ("ledamot", Column::Name),
    ("parti", Column::Party),
    ("partibeteckning", Column::Party),
    ("roll", Column::Role),
    ("funktion", Column::Role),
    ("uppdrag", Column::Role),
    ("titel", Column::Role),
    ("befattning", Column::Role),
    ("organisation", Column::Organisation),
    ("myndighet", Column::Organisation),
    ("forvaltning", Column::Organisation),
    ("tjanstgor", Column::Present),
    ("tjanstgorande", Column::Present),
    ("narvarande", Column::Present),
    ("narvaro", Column::Present),
    ("deltar", Column::Present),
];

/// The columns of a participant table's heading row ("Namn  Parti  Roll",
/// "Namn | Organisation | Roll", "Ledamot | Parti | Votering § 54"): at
/// least two cells, the name's and another known heading among them;
/// columns under other headings are not read.
fn table_columns(line: &str) -> Option<Vec<(usize, Column)>> {
    let cs = cells(line);
    if cs.len() < 2 {
        return None;
    }
    let cols: Vec<(usize, Column)> = cs
        .iter()
        .map(|(at, c)| {
            let f = fold(c);
            let col = COLUMN_HEADINGS
                .iter()
                .find(|(h, _)| *h == f)
                .map_or(Column::Other, |(_, col)| *col);
            (*at, col)
        })
        .collect();
    let known = cols.iter().filter(|(_, c)| *c != Column::Other).count();
    (known >= 2 && cols.iter().any(|(_, c)| *c == Column::Name)).then_some(cols)
}

/// A name cell with a role after a comma ("Anna Ek, ordförande"): the
/// name and the role.
fn name_and_role(cell: &str) -> (String, Option<String>) {
    let name = strip_parties(cell);
    let name = name.trim();
    match name.split_once(", ") {
        Some((n, r)) if r.chars().next().is_some_and(char::is_lowercase) => {
            (n.trim().to_string(), Some(as_role(r.trim())))
        }
        _ => (name.to_string(), None),
    }
}

/// A "took part" cell: "Nej" (absent), "Ja", "Ja, för Eva Ek" (serving
/// in Eva Ek's place). Whether absent, and whom the member replaces.
fn presence(cell: &str) -> (bool, Option<String>) {
    let f = fold(cell);
    if f.starts_with("nej") || f.starts_with("franvarande") || f == "-" || f == "–" {
        return (true, None);
    }
    let rest = cell
        .trim_start_matches(|c: char| c.is_alphabetic())
        .trim_start_matches([',', ' ']);
    let who = rest
        .strip_prefix("för ")
        .and_then(|w| name_runs(&squash(&strip_parties(w))).into_iter().next());
    (false, who)
}

/// The column a cell at byte offset `at` falls in: the last whose heading
/// starts at or before it (a cell may start a little left of its heading).
fn column_of<T: Copy>(cols: &[(usize, T)], at: usize) -> Option<T> {
    cols.iter()
        .rev()
        .find(|(c, _)| *c <= at + 2)
        .or(cols.first())
        .map(|(_, t)| *t)
}

/// Rows of a participant table under its heading row.
fn read_table(cols: &[(usize, Column)], rows: &[&str], category: &str) -> Vec<Participant> {
    let mut out = Vec::new();
    for row in rows {
        let mut p = Participant {
            category: Some(category.to_string()),
            ..Participant::default()
        };
        let mut absent = false;
        let row_cells = cells(row);
        // Cells apart by tabs or rules, as many as the headings: one each.
        let by_index = row_cells.len() == cols.len() && row.contains(['\t', '|']);
        for (k, (at, cell)) in row_cells.into_iter().enumerate() {
            let cell = cell.trim_matches(|c: char| c == '(' || c == ')').trim();
            let column = if by_index {
                Some(cols[k].1)
            } else {
                column_of(cols, at)
            };
            match column {
                Some(Column::Name) if p.name.is_empty() => {
                    let (name, role) = name_and_role(cell);
                    p.name = name;
                    if let Some(r) = role {
                        add_attr(&mut p.role, &r);
                    }
                }
                Some(Column::Party) => p.party = Some(cell.to_uppercase()),
                Some(Column::Role) => add_attr(&mut p.role, &as_role(cell)),
                Some(Column::Organisation) => add_attr(&mut p.affiliation, cell),
                Some(Column::Present) => {
                    let (gone, replaces) = presence(cell);
                    absent |= gone;
                    if replaces.is_some() {
                        p.replaces = replaces;
                        if p.role.as_deref() == Some(ERSATTARE) {
                            p.role = None;
                        }
                        add_attr(&mut p.role, SERVING_SUBSTITUTE);
                    }
                }
                Some(Column::Name | Column::Other) | None => {}
            }
        }
        if !is_name(&p.name) {
            continue;
        }
        if absent {
            p.category = Some(FRANVARANDE.to_string());
            out.push(p);
            continue;
        }
        // "ledamot" / "ersättare" in the role column is the category.
        if let Some(r) = p.role.as_deref() {
            let f = fold(r);
            if f.starts_with("ersattare") || f.starts_with("ledamot") {
                p.category = Some(
                    if f.starts_with("ledamot") {
                        LEDAMOT
                    } else {
                        ERSATTARE
                    }
                    .to_string(),
                );
            }
        }
        out.push(p);
    }
    out
}

/// A line of participant labels side by side ("Ledamöter      Ersättare"):
/// each column's category and where it starts.
fn people_columns(line: &str) -> Option<Vec<(usize, &'static str)>> {
    let cs = cells(line);
    if cs.len() < 2 {
        return None;
    }
    cs.iter()
        .map(|(at, c)| match label(c) {
            Some((Field::People(cat), "")) => Some((*at, cat)),
            _ => None,
        })
        .collect()
}

/// People listed in columns under [`people_columns`].
fn read_columns(cols: &[(usize, &'static str)], rows: &[&str]) -> Vec<Participant> {
    let mut per_column: Vec<Vec<&str>> = vec![Vec::new(); cols.len()];
    for row in rows {
        for (at, cell) in cells(row) {
            let k = cols.iter().rposition(|(c, _)| *c <= at + 2).unwrap_or(0);
            per_column[k].push(cell);
        }
    }
    cols.iter()
        .zip(&per_column)
        .flat_map(|((_, cat), cells)| parse_people(cells, cat))
        .collect()
}

/// Read the people of one participant field.
fn parse_people(lines: &[&str], category: &str) -> Vec<Participant> {
    if let Some(cols) = lines.first().and_then(|l| table_columns(l)) {
        return read_table(&cols, &lines[1..], category);
    }
    let mut out: Vec<Participant> = Vec::new();
    let mut cur: Option<usize> = None;
    for raw in pieces(lines) {
        let (raw, mut replaces) = split_replaces(&raw);
        if let Some(n) = &replaces {
            // The cue on a piece of its own belongs to the person before.
            let target = if raw.is_empty() { cur } else { None };
            if let Some(i) = target {
                out[i].replaces.get_or_insert(n.clone());
                add_attr(&mut out[i].role, SERVING_SUBSTITUTE);
                continue;
            }
        }
        let (piece, mut pending_role) = split_qualifier(squash(&ATTENDANCE.replace(&raw, "")));
        let party = PARTY.captures(&piece).map(|c| {
            let p = c[1].to_uppercase();
            if p == "1" {
                "L".to_string()
            } else {
                p
            }
        });
        let p = squash(&PARTY.replace_all(&piece, " "));
        // "Eva Ek (Försäkringskassan)", "Bo Al (ordförande)": what a
        // bracket says that is no party describes the person.
        let (p, bracketed) = take_brackets(&p);
        let p = trim_period(&squash(&ATTENDANCE.replace(&p, "")));
        if p.is_empty() {
            if let (Some(i), Some(party)) = (cur, party) {
                out[i].party.get_or_insert(party);
            }
            continue;
        }
        if PARTIES.contains(&p.as_str()) {
            if let Some(i) = cur {
                out[i].party.get_or_insert(p.to_string());
            }
            continue;
        }
        let (name, attr_role, attr_org) = read_person(&p);
        if let Some(name) = name {
            out.push(Participant {
                name,
                party,
                role: None,
                affiliation: None,
                category: Some(category.to_string()),
                replaces: None,
            });
            cur = Some(out.len() - 1);
            if let Some(n) = replaces.take() {
                let i = out.len() - 1;
                out[i].replaces = Some(n);
                add_attr(&mut out[i].role, SERVING_SUBSTITUTE);
            }
        } else if let (Some(i), Some(party)) = (cur, party) {
            out[i].party.get_or_insert(party);
        }
        if let Some(i) = cur {
            if let Some(r) = pending_role.take() {
                add_attr(&mut out[i].role, &r);
            }
            // A short mark with no lower case ("S5") is a garbled party.
            for b in bracketed
                .iter()
                .filter(|b| b.chars().count() > 3 || b.chars().any(char::is_lowercase))
            {
                let (role, org) = role_and_org(b);
                if !role.is_empty() {
                    add_attr(&mut out[i].role, &as_role(&role));
                }
                add_attr(&mut out[i].affiliation, &org);
            }
            if !attr_role.is_empty() {
                add_attr(&mut out[i].role, &as_role(&attr_role));
            }
            add_attr(&mut out[i].affiliation, &trim_period(&attr_org));
        }
    }
    out
}

/// The text with its bracketed parts taken out, and what they held.
fn take_brackets(s: &str) -> (String, Vec<String>) {
    let mut rest = String::new();
    let mut held = Vec::new();
    let mut tail = s;
    while let Some(open) = tail.find('(') {
        let Some(len) = tail[open..].find(')') else {
            break;
        };
        rest.push_str(&tail[..open]);
        let inner = tail[open + 1..open + len].trim();
        if !inner.is_empty() {
            held.push(inner.to_string());
        }
        rest.push(' ');
        tail = &tail[open + len + 1..];
    }
    rest.push_str(tail);
    (squash(&rest), held)
}

/// "..., tjänstgörande för Oskar Dahl (SD)": the piece without the cue, and
/// the name of who this person replaces.
fn split_replaces(raw: &str) -> (String, Option<String>) {
    let Some(c) = REPLACES.captures(raw) else {
        return (raw.to_string(), None);
    };
    let who = strip_parties(&c["who"]);
    let who = squash(&who);
    match name_runs(&who).into_iter().next() {
        Some(n) if who.starts_with(&n) => {
            let at = c.get(0).map_or(0, |m| m.start());
            (raw[..at].trim().to_string(), Some(n))
        }
        _ => (raw.to_string(), None),
    }
}

/// A qualifier before a colon: "Inbjudna till punkt 5: Hanna Zaid", or a
/// role: "Ordförande: Anna Ek". The piece after the colon, and the role if
/// the qualifier is one.
fn split_qualifier(piece: String) -> (String, Option<String>) {
    let Some((pre, post)) = piece.split_once(": ") else {
        return (piece, None);
    };
    let role = pre
        .split_whitespace()
        .all(|w| is_role_word(&fold(w)))
        .then(|| as_role(pre.trim()));
    (post.trim().to_string(), role)
}

/// One person's piece, party marks taken out: (name, role, organisation),
/// the role and organisation empty when it gives none. No name: the piece
/// only describes (a role or an organisation of the person before).
fn read_person(p: &str) -> (Option<String>, String, String) {
    let first_lower = p.chars().next().is_some_and(|c| !c.is_uppercase());
    let first_word = p.split_whitespace().next().unwrap_or("");
    if is_name(p) {
        (Some(p.to_string()), String::new(), String::new())
    } else if first_lower || is_role_word(&fold(first_word)) {
        role_first(p, first_lower)
    } else {
        name_first(p)
    }
}

/// "projektledare Lumena Roslagen", "Förbundschef", or "Förbundschef Sophia
/// Dahlgren": a role (and organisation), maybe followed by a name.
fn role_first(p: &str, first_lower: bool) -> (Option<String>, String, String) {
    let runs = name_runs(p);
    match runs.last().filter(|r| p.ends_with(r.as_str())) {
        // "Förbundschef Sophia Dahlgren", "ordf. Gunnar Ek".
        Some(r) if !first_lower || only_roles(&p[..p.len() - r.len()]) => {
            let pre = p[..p.len() - r.len()].trim();
            (Some(r.clone()), role_and_org(pre).0, String::new())
        }
        _ => {
            let (role, org) = role_and_org(p);
            (None, role, org)
        }
    }
}

/// A piece that starts with neither a role nor a lower-case word: a name
/// with what follows it, or a name at the end.
fn name_first(p: &str) -> (Option<String>, String, String) {
    let runs = name_runs(p);
    let words: Vec<&str> = p.split_whitespace().collect();
    match runs.first() {
        // "Stefan Cepada Gajardo från Conecto".
        Some(r)
            if p.starts_with(r.as_str())
                && words
                    .get(r.split_whitespace().count())
                    .is_some_and(|w| matches!(*w, "från" | "fr." | "vid" | "på")) =>
        {
            let rest = p[r.len()..].trim();
            let org = rest.split_once(' ').map_or("", |x| x.1);
            (Some(r.clone()), String::new(), org.to_string())
        }
        // "Torgny Ek Ordförande nr 71, gård 2", "Eva Ek ledamot/sekr.":
        // a name, then a role and other details.
        Some(r)
            if p.starts_with(r.as_str())
                && words.get(r.split_whitespace().count()).is_some_and(|w| {
                    let f = fold(w);
                    is_role_word(&f)
                        || f.split('/').any(is_role_word)
                        || ROLE_ABBREVIATIONS.contains(&f.trim_end_matches('.'))
                        || w.chars().next().is_some_and(char::is_lowercase)
                }) =>
        {
            let rest = p[r.len()..].trim();
            let (role, _) = role_and_org(rest);
            let role = role
                .split_whitespace()
                .take_while(|w| !w.chars().any(|c| c.is_ascii_digit()) && *w != "nr")
                .collect::<Vec<_>>()
                .join(" ");
            (Some(r.clone()), role, String::new())
        }
        // "Från punkt 4 anslöt Rose-Marie Larsson".
        _ => match runs.last().filter(|r| p.ends_with(r.as_str())) {
            Some(r) => (Some(r.clone()), String::new(), String::new()),
            None => (None, String::new(), p.to_string()),
        },
    }
}

/// The organ named by an unlabelled header line ("Kommunstyrelsen",
/// "Byggnadsnämnden Sammanträdesprotokoll 2021-03-09").
fn organ_from_line(line: &str) -> Option<String> {
    let mut s = line.to_string();
    for d in find_dates(line).iter().rev() {
        s.replace_range(d.start..d.end, " ");
    }
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| {
            let f = fold(w);
            !(f.contains("protokoll")
                || f.contains("anteckning")
                || f == "sida"
                || f == "utdrag"
                || matches!(
                    f.trim_end_matches([',', '.', ':']),
                    "mote" | "motet" | "sammantrade"
                )
                || f.chars().all(|c| c.is_ascii_digit() || c == ' ')
                || f.starts_with("sammantradesdatum"))
        })
        .collect();
    // "Kommunfullmäktige sammanträdde i Folkets hus ...": the body is named
    // before the verb of meeting.
    let words = match words
        .iter()
        .position(|w| MEETING_VERBS.contains(&fold(w).as_str()))
    {
        Some(k) => &words[..k],
        None => &words[..],
    };
    if words.is_empty() || words.len() > 8 {
        return None;
    }
    let has_organ = words.iter().any(|w| is_organ_word(&fold(w)));
    let starts_upper = words[0].chars().next().is_some_and(char::is_uppercase);
    (has_organ && starts_upper).then(|| {
        words
            .join(" ")
            .trim_end_matches(['.', ',', ':', ' '])
            .to_string()
    })
}

/// Folded verbs of a sentence saying that a body met ("Nämnden
/// sammanträdde", "Styrelsen höll sammanträde").
const MEETING_VERBS: &[&str] = &[
    "sammantradde",
    "sammantrader",
    "sammantratt",
    "holl",
    "haller",
    "samlades",
    "mottes",
    "traffades",
];

/// Folded words that name an association, as a whole word or a word's end
/// ("samfällighetsförening", "Bostadsrättsföreningen", "Brf").
const ASSOCIATION_ENDINGS: &[&str] = &[
    "forening",
    "foreningen",
    "samfallighet",
    "samfalligheten",
    "sallskap",
    "sallskapet",
    "klubb",
    "klubben",
    "stiftelse",
    "stiftelsen",
    "gille",
    "gillet",
];

/// The meeting body of an association, from words of the header (folded
/// phrase, as the organ names it). Extra meetings first.
const MEETING_BODIES: &[(&str, &str)] = &[
    ("extra foreningsstamma", "extra stämma"),
    ("extra stamma", "extra stämma"),
    ("extrastamma", "extra stämma"),
    ("extra arsmote", "extra årsmöte"),
    ("arsstamma", "årsstämma"),
    ("ordinarie foreningsstamma", "årsstämma"),
    ("ordinarie stamma", "årsstämma"),
    ("foreningsstamma", "årsstämma"),
    ("arsmote", "årsmöte"),
    ("medlemsmote", "medlemsmöte"),
    ("styrelsemote", "styrelsen"),
    ("styrelsesammantrade", "styrelsen"),
    ("styrelsens sammantrade", "styrelsen"),
    ("styrelseprotokoll", "styrelsen"),
    ("protokoll fort vid styrelse", "styrelsen"),
];

/// Lines at the top of a document searched for the association and its body.
const ASSOCIATION_LINES: usize = 15;

/// "Brf Eken, årsstämma", "Stenbackens samfällighetsförening, styrelsen":
/// the association named at the top of the document and the body that met.
fn association_organ(header: &[Line<'_>]) -> Option<String> {
    let top: Vec<&str> = header
        .iter()
        .filter(|l| !l.is_blank())
        .take(ASSOCIATION_LINES)
        .map(Line::text)
        .collect();
    // Table cells (apart by tabs) are read one by one.
    let name = top
        .iter()
        .flat_map(|l| l.split('\t'))
        .find_map(association_name)?;
    let folded = fold(&top.join(" "));
    let body = MEETING_BODIES
        .iter()
        .find(|(phrase, _)| folded.contains(phrase))
        .map(|(_, body)| *body);
    Some(match body {
        Some(b) => format!("{name}, {b}"),
        None => name,
    })
}

/// The association a line names: "Brf Eken", "Bostadsrättsföreningen
/// Eken" (type word first, name after), or "Stenbackens
/// samfällighetsförening", "Lunds Tennisklubb" (name first).
fn association_name(line: &str) -> Option<String> {
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | ':' | ';' | '"' | '”')))
        .collect();
    // "Samfällighetsförenings ordinarie årsmöte": the genitive of the name.
    let genitive_stem = |w: &str| -> Option<usize> {
        let f = fold(w);
        let stem = f.strip_suffix('s')?;
        ASSOCIATION_ENDINGS
            .iter()
            .any(|e| stem.ends_with(e))
            .then(|| w.len() - 1)
    };
    let is_assoc = |w: &str| {
        let f = fold(w);
        f == "brf"
            || ASSOCIATION_ENDINGS.iter().any(|e| f.ends_with(e))
            || genitive_stem(w).is_some()
    };
    // Words of the document's title, not of the name ("Protokoll Årsmöte
    // Stenbackens samfällighetsförening").
    let title_word = |w: &str| {
        let f = fold(w);
        f.contains("protokoll")
            || MEETING_BODIES.iter().any(|(phrase, _)| f == *phrase)
            || ["mote", "stamma", "sammantrade"]
                .iter()
                .any(|e| f.ends_with(e))
    };
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // "Samordningsförbundet Norrdal", "Kommunalförbundet Västra X": a
    // förbund by its type word, always with its name after it.
    let federation = words.iter().enumerate().find_map(|(k, w)| {
        let name: Vec<&str> = words[k + 1..]
            .iter()
            .take(3)
            .take_while(|n| {
                capital(n) && !n.chars().all(char::is_uppercase) && !is_role_word(&fold(n))
            })
            .copied()
            .collect();
        (capital(w) && fold(w).ends_with("forbundet") && !name.is_empty())
            .then(|| format!("{w} {}", name.join(" ")))
    });
    if federation.is_some() {
        return federation;
    }
    let k = words.iter().position(|w| is_assoc(w))?;
    let f = fold(words[k]);
    let after: Vec<&str> = words[k + 1..]
        .iter()
        .take(3)
        .take_while(|w| capital(w) && !w.chars().all(|c| c.is_uppercase()) && !is_assoc(w))
        .copied()
        .collect();
    // A definite type word names the association after it.
    let typed_first = f == "brf"
        || [
            "foreningen",
            "samfalligheten",
            "sallskapet",
            "klubben",
            "stiftelsen",
            "gillet",
        ]
        .iter()
        .any(|e| f.ends_with(e));
    if typed_first && !after.is_empty() && capital(words[k]) {
        // "Brf Eken", "Bostadsrättsföreningen Eken".
        let mut parts = vec![words[k]];
        parts.extend(after);
        return Some(parts.join(" "));
    }
    let mut start = k;
    while start > 0 && k - start < 3 && capital(words[start - 1]) && !title_word(words[start - 1]) {
        start -= 1;
    }
    // A bare "Föreningen" names no association.
    if start == k && (!capital(words[k]) || ASSOCIATION_ENDINGS.contains(&f.as_str())) {
        return None;
    }
    let last = match genitive_stem(words[k]) {
        Some(end) => &words[k][..end],
        None => words[k],
    };
    let mut parts: Vec<&str> = words[start..k].to_vec();
    parts.push(last);
    Some(parts.join(" "))
}

/// "PROTOKOLL fört vid sammanträde med kulturnämnden i Eda kommun den 3
/// mars 1976": the body after "fört vid sammanträde med", up to the date.
fn held_with(line: &str) -> Option<String> {
    static HELD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:fört|förd|hållet|hållen|hållit)\s+vid\s+(?:\S+\s+){0,2}?(?:sammanträde|möte|sammankomst)\s+med\s+(?P<o>.+?)(?:\s+(?:den|d\.)(?:\s+\d|\s*$)|\s+\d{1,2}\s+\p{L}+\s+\d{4}|\s+\d{4}-\d{2}-\d{2}|[,;]|$)",
        )
        .expect("held-with regex")
    });
    let c = HELD.captures(line)?;
    let o = c["o"].trim().trim_end_matches(['.', ',']);
    let mut chars = o.chars();
    let first = chars.next()?;
    is_organ_word(&fold(o.split_whitespace().next()?))
        .then(|| first.to_uppercase().chain(chars).collect())
}

/// Protokoll or minnesanteckningar, as the header says.
fn kind_of(header: &[Line<'_>]) -> Kind {
    let scan = |lines: &mut dyn Iterator<Item = &Line<'_>>| {
        for l in lines {
            let f = fold(l.text());
            if f.split(' ')
                .any(|w| w.ends_with("anteckningar") || w.ends_with("anteckning"))
            {
                return Some(Kind::Minnesanteckningar);
            }
            if f.contains("protokoll") {
                return Some(Kind::Protokoll);
            }
        }
        None
    };
    let top = &mut header.iter().filter(|l| !l.is_blank()).take(12);
    scan(top)
        .or_else(|| scan(&mut header.iter()))
        .unwrap_or(Kind::Unknown)
}

#[cfg(test)]
mod tests {
    use super::super::text::lines;
    use super::*;

    #[test]
    fn labels_fuzzy_and_exact() {
        assert_eq!(
            label("Ledaméter Goran Wallén (m)").map(|x| x.0),
            Some(Field::People(LEDAMOT))
        );
        assert_eq!(
            label("Ovriga nérvarande Bengt Selander").map(|x| x.1),
            Some("Bengt Selander")
        );
        assert_eq!(
            label("Plats och tid för justering Kommunhuset").map(|x| x.0),
            Some(Field::Adjustment)
        );
        assert_eq!(label("Platsbyte sker"), None);
        assert_eq!(label("Justeringen har tillkännagivits"), None);
        assert_eq!(label("Tio personer"), None);
    }

    #[test]
    fn inline_list_with_organisations_broken_over_lines() {
        let text = "Närvarande: Ada Lund (Skatteverket), Omid Rad (Hamnbolaget), Siri\n\
                    Holt (Miljöförvaltningen); Nora Eng, sekreterare\n";
        let (_, m) = read(&lines(text));
        let got: Vec<(&str, Option<&str>, Option<&str>)> = m
            .participants
            .iter()
            .map(|p| (p.name.as_str(), p.affiliation.as_deref(), p.role.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Ada Lund", Some("Skatteverket"), None),
                ("Omid Rad", Some("Hamnbolaget"), None),
                ("Siri Holt", Some("Miljöförvaltningen"), None),
                ("Nora Eng", None, Some("sekreterare")),
            ]
        );
    }

    #[test]
    fn entries_broken_over_lines_in_a_narrow_column() {
        // A role wrapped onto its own line is no "Ordförande" label, and a
        // substitute's cue and the replaced name may wrap anywhere.
        let text = "Beslutande Ledamöter\n\
                    Rut Dal (S),\n\
                    ordförande\n\
                    Ivo Berg (M), 2:e vice\n\
                    ordförande\n\
                    Tjänstgörande ersättare\n\
                    Eli Ros (M) tjänstgörande\n\
                    ersättare för Mona Ståhl (M)\n\
                    Tea Ring (V),\n\
                    tjänstgörande för Leo\n\
                    Falk (V)\n";
        let (_, m) = read(&lines(text));
        let got: Vec<(&str, Option<&str>, Option<&str>)> = m
            .participants
            .iter()
            .map(|p| (p.name.as_str(), p.role.as_deref(), p.replaces.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Rut Dal", Some("ordförande"), None),
                ("Ivo Berg", Some("2:e vice ordförande"), None),
                ("Eli Ros", Some(SERVING_SUBSTITUTE), Some("Mona Ståhl")),
                ("Tea Ring", Some(SERVING_SUBSTITUTE), Some("Leo Falk")),
            ]
        );
        assert_eq!(m.chair, None, "the chair is left to the officers step");
        let absent: Vec<&str> = m.absent.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(absent, ["Mona Ståhl", "Leo Falk"]);
    }

    #[test]
    fn adjusters_named_after_utses_att_justera() {
        let text = "Övriga närvarande Jan Ek, kanslichef\n\
                    Utses att justera Åsa Berg (M) och Kim Nord (KD)\n\
                    Justeringens plats och tid Stadshuset 2024-02-09\n";
        let (_, m) = read(&lines(text));
        assert_eq!(m.adjusters, ["Åsa Berg", "Kim Nord"]);
    }

    #[test]
    fn serving_substitutes_and_absent() {
        let text = "Beslutande  Rut Dal (S), ordförande\n\
                    Ivo Berg (M) tjänstgörande ersättare för Mona Ståhl (M)\n\
                    Tea Ring (V), tjg för Leo Falk (V)\n\
                    Hans Ode (C) ersätter Kim Wall (C)\n\n\
                    Frånvarande  Mona Ståhl (M), Gert Alm (L)\n";
        let (_, m) = read(&lines(text));
        let names: Vec<&str> = m.participants.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Rut Dal", "Ivo Berg", "Tea Ring", "Hans Ode"]);
        let replaced: Vec<Option<&str>> = m
            .participants
            .iter()
            .map(|p| p.replaces.as_deref())
            .collect();
        assert_eq!(
            replaced,
            [None, Some("Mona Ståhl"), Some("Leo Falk"), Some("Kim Wall")]
        );
        assert_eq!(m.participants[2].party.as_deref(), Some("V"));
        assert_eq!(m.participants[1].role.as_deref(), Some(SERVING_SUBSTITUTE));
        let absent: Vec<&str> = m.absent.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(absent, ["Mona Ståhl", "Leo Falk", "Kim Wall", "Gert Alm"]);
    }

    /// Participants as "name|party|role|X", "-" where empty.
    fn people(m: &Meeting, x: impl Fn(&Participant) -> Option<&str>) -> Vec<String> {
        m.participants
            .iter()
            .map(|p| {
                format!(
                    "{}|{}|{}|{}",
                    p.name,
                    p.party.as_deref().unwrap_or("-"),
                    p.role.as_deref().unwrap_or("-"),
                    x(p).unwrap_or("-")
                )
            })
            .collect()
    }

    #[test]
    fn a_table_under_a_label_with_a_took_part_column() {
        // Headings the reader does not know ("Votering § 3") are skipped;
        // "Nej" under "Tjänstgör" is absent, "Ja, för X" serves for X; a
        // role after the name's comma is the role.
        let text = "Beslutande\n\
                    Ledamot\tParti\tTjänstgör\tVotering § 3\n\
                    Åsa Brink, ordförande\tV\tJa\tJa\n\
                    Nils Torp\tL\tNej\t\n\
                    Eja Falk, ersättare\tL\tJa, för Nils Torp\tNej\n\n\
                    Övriga närvarande: Ola Sten, sekreterare\n";
        let (_, m) = read(&lines(text));
        let got = people(&m, |p| p.replaces.as_deref());
        assert_eq!(
            got,
            [
                "Åsa Brink|V|ordförande|-",
                "Eja Falk|L|tjänstgörande ersättare|Nils Torp",
                "Ola Sten|-|sekreterare|-",
            ]
        );
        let absent: Vec<&str> = m.absent.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(absent, ["Nils Torp"]);
        // Two side-by-side list headings are not a table.
        assert!(table_columns("Ledamot\tErsättare").is_none());
    }

    #[test]
    fn participant_tables_and_columns() {
        let text = concat!(
            "Närvarande\n",
            "Namn              Parti   Roll\n",
            "Eva Strand        S       ordförande\n",
            "Olle Bergkvist    M       vice ordförande\n",
            "Tor Ek            C       ersättare\n\n",
            "Ledamöter                 Ersättare\n",
            "Ann Holm (S)              Bo Fors (S)\n",
            "                          Siv Ahl (L)\n",
            "Kent Ryd (KD)\n",
        );
        let (_, m) = read(&lines(text));
        let got = people(&m, |p| p.category.as_deref());
        assert_eq!(
            got,
            [
                "Eva Strand|S|ordförande|ledamot",
                "Olle Bergkvist|M|vice ordförande|ledamot",
                "Tor Ek|C|ersättare|ersättare",
                "Ann Holm|S|-|ledamot",
                "Kent Ryd|KD|-|ledamot",
                "Bo Fors|S|-|ersättare",
                "Siv Ahl|L|-|ersättare",
            ]
        );
        // A piped table with an organisation column.
        let p = parse_people(
            &[
                "Namn | Organisation | Roll",
                "Lina Berg | Arbetsförmedlingen | ledamot",
            ],
            OVRIG,
        );
        assert_eq!(p[0].affiliation.as_deref(), Some("Arbetsförmedlingen"));
        assert_eq!(p[0].category.as_deref(), Some(LEDAMOT));
    }

    #[test]
    fn inline_role_abbreviations() {
        let p = parse_people(
            &["ordf. Gunnar Sjö, v. ordf. Elsa Ryd, sekr. Tage Ljung och Britt Malm"],
            LEDAMOT,
        );
        let got: Vec<(&str, Option<&str>)> = p
            .iter()
            .map(|p| (p.name.as_str(), p.role.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Gunnar Sjö", Some("ordförande")),
                ("Elsa Ryd", Some("vice ordförande")),
                ("Tage Ljung", Some("sekreterare")),
                ("Britt Malm", None)
            ]
        );
    }

    #[test]
    fn people_lines() {
        let p = parse_people(
            &[
                "Anna Ek (S), ordförande",
                "Per Åberg (m), Lunds kommun, 1:e vice ordförande",
                "Eva Lund, FK, Beredningsgr. Via länk",
                "Ola Berg, proj.led. IRIS",
            ],
            LEDAMOT,
        );
        let got: Vec<_> = p
            .iter()
            .map(|p| {
                format!(
                    "{}|{}|{}|{}",
                    p.name,
                    p.party.as_deref().unwrap_or("-"),
                    p.role.as_deref().unwrap_or("-"),
                    p.affiliation.as_deref().unwrap_or("-")
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                "Anna Ek|S|ordförande|-",
                "Per Åberg|M|1:e vice ordförande|Lunds kommun",
                "Eva Lund|-|-|FK, Beredningsgr.",
                "Ola Berg|-|proj.led.|IRIS",
            ]
        );
    }

    #[test]
    fn people_flow_text() {
        let p = parse_people(
            &["Eva Ek, Ola Berg och Kim Lind. Från punkt 4 anslöt Rose-Marie Larsson, Sara Löf."],
            LEDAMOT,
        );
        let names: Vec<_> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "Eva Ek",
                "Ola Berg",
                "Kim Lind",
                "Rose-Marie Larsson",
                "Sara Löf"
            ]
        );
        let p = parse_people(
            &[
                "Lars Holm, projektledare Vinnova och Mia Ahl, digital administratör",
                "Inbjudna till punkt 5: Hanna Zaid, Stefan Cepada Gajardo från Conecto",
            ],
            OVRIG,
        );
        let got: Vec<_> = p
            .iter()
            .map(|p| {
                format!(
                    "{}|{}|{}",
                    p.name,
                    p.role.as_deref().unwrap_or("-"),
                    p.affiliation.as_deref().unwrap_or("-")
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                "Lars Holm|projektledare|Vinnova",
                "Mia Ahl|digital administratör|-",
                "Hanna Zaid|-|-",
                "Stefan Cepada Gajardo|-|Conecto"
            ]
        );
    }

    #[test]
    fn association_organs() {
        let l = lines("Björkhagens samfällighetsförening PROTOKOLL 1(2)\nStyrelsemöte\nTid: Tisdagen 2020-03-10");
        assert_eq!(
            association_organ(&l).as_deref(),
            Some("Björkhagens samfällighetsförening, styrelsen")
        );
        let l = lines("Protokoll fört vid ordinarie föreningsstämma\ni Brf Lönnen 12\n2023-05-02");
        assert_eq!(
            association_organ(&l).as_deref(),
            Some("Brf Lönnen, årsstämma")
        );
        let l = lines("Samordningsförbundet Älvdal\nStyrelsemöte 2023-11-08");
        assert_eq!(
            association_organ(&l).as_deref(),
            Some("Samordningsförbundet Älvdal, styrelsen")
        );
        let l = lines("Styrelsemöte\nPlats: Förbundets kansli, Storgatan 4");
        assert_eq!(association_organ(&l), None);
        let l = lines("BOSTADSRÄTTSFÖRENINGEN Tallen\nExtra stämma 2019-11-05");
        assert_eq!(
            association_organ(&l).as_deref(),
            Some("BOSTADSRÄTTSFÖRENINGEN Tallen, extra stämma")
        );
        assert_eq!(
            association_organ(&lines("Kommunstyrelsen\nSammanträdesprotokoll")),
            None
        );
        // Title words before the name, and the name in the genitive.
        let l = lines("Protokoll Årsmöte Ekbackens samfällighetsförening\n2018-04-17");
        assert_eq!(
            association_organ(&l).as_deref(),
            Some("Ekbackens samfällighetsförening, årsmöte")
        );
        let l = lines("Protokoll fört vid Ekbackens Samfällighetsförenings ordinarie årsmöte");
        assert_eq!(
            association_organ(&l).as_deref(),
            Some("Ekbackens Samfällighetsförening, årsmöte")
        );
    }

    #[test]
    fn held_with_organs() {
        assert_eq!(
            held_with(
                "PROTOKOLL fört vid sammanträde med kulturnämnden i Eda kommun den 3 mars 1976"
            )
            .as_deref(),
            Some("Kulturnämnden i Eda kommun")
        );
        // The line broken before the date.
        assert_eq!(
            held_with("PROTOKOLL fört vid sammanträde med byggnadsnämnden i Ås kommun den")
                .as_deref(),
            Some("Byggnadsnämnden i Ås kommun")
        );
        assert_eq!(held_with("Protokoll fört vid möte med grannar"), None);
    }

    #[test]
    fn organ_lines() {
        assert_eq!(
            organ_from_line("Byggnadsnämnden Sammanträdesprotokoll 2021-03-09").as_deref(),
            Some("Byggnadsnämnden")
        );
        assert_eq!(organ_from_line("Sida 2 (41)"), None);
        // The meeting word after the body is not part of its name.
        assert_eq!(
            organ_from_line("Styrgruppen för Norra kajen, möte 2025-02-04").as_deref(),
            Some("Styrgruppen för Norra kajen")
        );
        assert_eq!(
            organ_from_line("Ärendet gäller en ansökan om bygglov för ett garage"),
            None
        );
        // A sentence saying the body met: the body is named before the verb.
        assert_eq!(
            organ_from_line("Miljönämnden sammanträdde i Rådhuset, Lövby, kl. 9.00").as_deref(),
            Some("Miljönämnden")
        );
        assert_eq!(
            organ_from_line("Valnämnden höll sammanträde i kommunhuset").as_deref(),
            Some("Valnämnden")
        );
    }
}
