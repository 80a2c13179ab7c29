//! What a section records around its decision: votes (omröstning,
//! votering) with their counts and, where a table lists them, each member's
//! vote; reservations; protocol notes (protokollsanteckning); the people an
//! election chose; and who the decision is sent to ("Beslutet skickas
//! till").
//!
//! Everything is read from the section body alone, by two general
//! mechanisms: *blocks* that start at a heading line of their own
//! ("Reservation", "Protokollsanteckning", "Beslutet skickas till:") and run
//! to the next heading or blank line, and *sentences* that say the same
//! thing in running text ("Anna Ek (V) reserverar sig mot beslutet", "med 7
//! röster mot 4"). Cue words are matched folded (case and diacritics off),
//! so OCR's "Omrostning" counts too.

use super::decisions::body_sentences;
use super::officers;
use super::text::{fold, name_runs, squash};
use crate::model::{Ballot, Election, Note, Vote};
use regex::Regex;
use std::sync::LazyLock;

/// Block headings, folded, and the kind of block each opens. A heading is a
/// line that is one of these (optionally ending in ":"), or starts with one
/// followed by ":" and text on the same line.
const HEADINGS: &[(&str, Block)] = &[
    ("omrostning", Block::Vote),
    ("omrostningar", Block::Vote),
    ("votering", Block::Vote),
    ("omrostningsresultat", Block::Vote),
    ("reservation", Block::Reservation),
    ("reservationer", Block::Reservation),
    ("protokollsanteckning", Block::Note),
    ("protokollsanteckningar", Block::Note),
    ("beslutet skickas till", Block::Recipients),
    ("beslutet ska skickas till", Block::Recipients),
    ("beslutet expedieras till", Block::Recipients),
    ("beslutet sands till", Block::Recipients),
    ("skickas till", Block::Recipients),
    ("expedieras till", Block::Recipients),
    ("expediering", Block::Recipients),
    ("expedieras", Block::Recipients),
    ("sandlista", Block::Recipients),
    ("for kannedom till", Block::Recipients),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Vote,
    Reservation,
    Note,
    Recipients,
}

/// How far (in characters) a vote mark may stand from its column's
/// header word.
const MAX_MARK_OFFSET: usize = 4;

/// Lowercase substrings one of which every block heading and every
/// sentence read here contains (with OCR's lost diacritics too).
const CUES: &[&str] = &[
    "röst",
    "rost",
    "votering",
    "reserv",
    "anteckning",
    "skickas",
    "expedier",
    "sänds",
    "sands",
    "sändlista",
    "sandlista",
    "kännedom",
    "kannedom",
];

/// [`CUES`] in any letter case, for the gate in [`read`].
static CUE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<String> = CUES.iter().map(|c| regex::escape(c)).collect();
    Regex::new(&format!("(?i){}", alts.join("|"))).expect("valid cue pattern")
});

/// Longest text (bytes) before a ":" read as a block heading.
const MAX_HEADING_LEN: usize = 40;

/// Longest line read as one recipient: longer lines are prose.
const MAX_RECIPIENT_LEN: usize = 80;

/// What one section records besides its decisions.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Proceedings {
    pub votes: Vec<Vote>,
    pub reservations: Vec<Note>,
    pub notes: Vec<Note>,
    pub recipients: Vec<String>,
}

/// The block a line heads, and the text after the heading on that line.
fn heading(line: &str) -> Option<(Block, &str)> {
    let t = line.trim().trim_start_matches(['-', '•', '*', '–']).trim();
    let (head, rest) = match t.split_once(':') {
        Some((h, r)) => (h, r.trim()),
        None => (t, ""),
    };
    // The longest heading, "beslutet ska skickas till", is 25 bytes.
    if head.len() > MAX_HEADING_LEN {
        return None;
    }
    if head.split_whitespace().count() > 5 {
        return None;
    }
    let f = fold(head);
    HEADINGS
        .iter()
        .find(|(h, _)| f == *h)
        .map(|(_, b)| (*b, rest))
}

/// Blocks of a body: each heading with the lines that follow it up to the
/// next heading, or a blank line once the block has content.
fn blocks<'a>(body: &[&'a str]) -> Vec<(Block, Vec<&'a str>)> {
    let mut out: Vec<(Block, Vec<&'a str>)> = Vec::new();
    let mut open = false;
    for line in body {
        if let Some((b, rest)) = heading(line) {
            let mut v = Vec::new();
            if !rest.is_empty() {
                v.push(rest);
            }
            out.push((b, v));
            open = true;
            continue;
        }
        if !open {
            continue;
        }
        let Some((_, v)) = out.last_mut() else {
            continue;
        };
        if line.trim().is_empty() {
            if !v.is_empty() {
                open = false;
            }
            continue;
        }
        v.push(line.trim());
    }
    out
}

/// Swedish number words a vote count is written with.
const NUMBER_WORDS: &[&str] = &[
    "noll", "en", "tva", "tre", "fyra", "fem", "sex", "sju", "atta", "nio", "tio", "elva", "tolv",
    "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton", "tjugo",
];

/// A folded word as a count: digits or a number word ("ett" is one).
fn count(word: &str) -> Option<u32> {
    if let Ok(n) = word.parse::<u32>() {
        return (n < 10_000).then_some(n);
    }
    if word == "ett" {
        return Some(1);
    }
    NUMBER_WORDS
        .iter()
        .position(|w| *w == word)
        .and_then(|n| u32::try_from(n).ok())
}

/// Which side a folded vote word stands for.
fn side(word: &str) -> Option<Side> {
    match word {
        "ja" | "jaroster" | "jarost" => Some(Side::Yes),
        "nej" | "nejroster" | "nejrost" => Some(Side::No),
        "avstar" | "avstod" | "avstodo" | "avstaende" | "avstar fran att rosta" => {
            Some(Side::Abstain)
        }
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Yes,
    No,
    Abstain,
}

impl Side {
    fn label(self) -> &'static str {
        match self {
            Side::Yes => "ja",
            Side::No => "nej",
            Side::Abstain => "avstår",
        }
    }
}

/// Vote counts said in a text: "7 ja-röster mot 4 nej-röster och 2
/// avstod", "Ja 7, Nej 4, Avstår 2", "med 7 röster mot 4". Each count is a
/// number next to its side word, on either side of it.
fn counts(text: &str) -> [Option<u32>; 3] {
    // "ja-röster" folds to "ja roster": glue the pair back into one word.
    let f = fold(text)
        .replace("ja roster", "jaroster")
        .replace("ja rost", "jarost")
        .replace("nej roster", "nejroster")
        .replace("nej rost", "nejrost");
    let words: Vec<&str> = f.split_whitespace().collect();
    let mut out = [None, None, None];
    // Each number counts for one side only: in "Ja 5, Nej 3" the 5 is Ja's.
    let mut used: Vec<usize> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        let Some(s) = side(w) else {
            continue;
        };
        if out[s as usize].is_some() {
            continue;
        }
        // "7 ja-röster", "7 ledamöter avstod", "Ja 7", "Ja: 7".
        let at = |j: usize| {
            (!used.contains(&j))
                .then(|| count(words[j]))
                .flatten()
                .map(|n| (j, n))
        };
        let before = k.checked_sub(1).and_then(at);
        let before2 = k
            .checked_sub(2)
            .filter(|j| matches!(words[j + 1], "ledamoter" | "ledamot" | "roster" | "rost"))
            .and_then(at);
        let after = Some(k + 1).filter(|j| *j < words.len()).and_then(at);
        if let Some((j, n)) = before.or(before2).or(after) {
            used.push(j);
            out[s as usize] = Some(n);
        }
    }
    if out.iter().all(Option::is_none) {
        // "med 7 röster mot 4": the winning side's count first.
        if let Some(k) = words.windows(4).position(|w| {
            count(w[0]).is_some() && w[1] == "roster" && w[2] == "mot" && count(w[3]).is_some()
        }) {
            out[0] = count(words[k]);
            out[1] = count(words[k + 3]);
        }
    }
    out
}

/// Does a text speak of a vote being taken?
fn mentions_vote(f: &str) -> bool {
    [
        "omrostning",
        "votering",
        "ja rost",
        "nej rost",
        "roster mot",
    ]
    .iter()
    .any(|c| f.contains(c))
}

/// A mark in a vote table cell.
fn is_mark(cell: &str) -> bool {
    matches!(cell.trim(), "X" | "x" | "✓" | "✔" | "1" | "×")
}

/// Ballots from a table with a header row naming the sides ("Ledamot | Ja |
/// Nej | Avstår") and one row per member with a mark under a side. Cells are
/// split at "|" when the text has them (a layout table), else taken by the
/// column where each header word starts.
fn ballots(lines: &[&str]) -> Vec<Ballot> {
    let mut out = Vec::new();
    let mut cols: Option<Vec<(usize, Side)>> = None;
    let mut piped = false;
    for line in lines {
        let f_cells: Vec<String> = line.split('|').map(fold).collect();
        let head: Vec<(usize, Side)> = if line.contains('|') {
            f_cells
                .iter()
                .enumerate()
                .filter_map(|(k, c)| side(c.trim()).map(|s| (k, s)))
                .collect()
        } else {
            let mut pos = 0;
            line.split_inclusive(char::is_whitespace)
                .filter_map(|w| {
                    let at = pos;
                    pos += w.len();
                    side(&fold(w)).map(|s| (at, s))
                })
                .collect()
        };
        if head.len() >= 2 {
            // Without cells, columns are only known where the header words
            // stand apart (two spaces or more): single-spaced text has lost
            // them.
            piped = line.contains('|');
            let spaced = piped || head.windows(2).all(|w| line[..w[1].0].ends_with("  "));
            cols = spaced.then_some(head);
            continue;
        }
        let Some(cols) = cols.as_ref() else {
            continue;
        };
        let Some(name) = name_runs(line).into_iter().next() else {
            continue;
        };
        let vote = if piped {
            let cells: Vec<&str> = line.split('|').collect();
            cols.iter()
                .find(|(k, _)| cells.get(*k).is_some_and(|c| is_mark(c)))
                .map(|(_, s)| *s)
        } else {
            // The mark after the name, in the column whose header starts
            // nearest to it.
            let after = line.find(&name).map_or(0, |p| p + name.len());
            let mut pos = 0;
            line.split_inclusive(char::is_whitespace)
                .filter_map(|w| {
                    let at = pos;
                    pos += w.len();
                    (at >= after && is_mark(w)).then_some(at)
                })
                .next()
                .and_then(|at| {
                    cols.iter()
                        .min_by_key(|(c, _)| c.abs_diff(at))
                        .filter(|(c, _)| c.abs_diff(at) <= MAX_MARK_OFFSET)
                        .map(|(_, s)| *s)
                })
        };
        if let Some(s) = vote {
            out.push(Ballot {
                name,
                vote: s.label().to_string(),
            });
        }
    }
    out
}

/// Names of the people a sentence or block speaks for, before any "till
/// förmån för" (whose names are those of the motion, not of who reserves).
fn who(text: &str) -> Vec<String> {
    let f = text.to_lowercase();
    let end = ["till förmån", "till formån", "förmån för"]
        .iter()
        .filter_map(|c| f.find(c))
        .min()
        .unwrap_or(text.len());
    let cut = text.get(..end).unwrap_or(text);
    name_runs(cut)
}

/// Does a folded sentence reserve against a decision?
fn is_reservation(f: &str) -> bool {
    f.contains("reserverar sig")
        || f.contains("reserverade sig")
        || f.contains("reserverar vi oss")
        || f.contains("reserverade vi oss")
        || (f.contains("reservation") && (f.contains("anmal") || f.contains("lamna")))
}

/// Does a folded sentence give a protocol note?
fn is_note(f: &str) -> bool {
    f.contains("protokollsanteckning") || f.contains("anteckning till protokollet")
}

/// Recipients listed in a block: one per line, or separated by commas,
/// semicolons or "och" on one line. Bullets and trailing dots are dropped.
fn recipients(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        let t = line.trim().trim_start_matches(['-', '•', '*', '–']).trim();
        if t.is_empty() || t.len() > MAX_RECIPIENT_LEN {
            continue;
        }
        for part in t.split([',', ';']).flat_map(|p| p.split(" och ")) {
            let p = part.trim().trim_end_matches('.').trim();
            if !p.is_empty() && !out.iter().any(|o| o == p) {
                out.push(p.to_string());
            }
        }
    }
    out
}

/// Read what a section body records besides its decisions.
pub(crate) fn read(body: &[&str]) -> Proceedings {
    let mut p = Proceedings::default();
    let joined = body.join("\n");
    // Cheap gate: most sections record none of it.
    if !CUE_RE.is_match(&joined) {
        return p;
    }
    let lower = joined.to_lowercase();
    let found = blocks(body);
    let sentences = body_sentences(&joined);
    // Votes: a vote block, or a sentence that speaks of a vote and has counts.
    let mut vote_texts: Vec<String> = found
        .iter()
        .filter(|(b, _)| *b == Block::Vote)
        .map(|(_, v)| squash(&v.join(" ")))
        .filter(|t| !t.is_empty())
        .collect();
    let vote_cue = ["röst", "rost", "votering"]
        .iter()
        .any(|c| lower.contains(c));
    if vote_texts.is_empty() && vote_cue && sentences.iter().any(|s| mentions_vote(&fold(s))) {
        vote_texts.push(squash(&body.join(" ")));
    }
    if !vote_texts.is_empty() {
        let mut all = vote_texts.join(" ");
        let mut found = counts(&all);
        if found.iter().all(Option::is_none) {
            // The block is a table; the result is told in a sentence
            // ("Med 3 ja-röster mot 1 nej-röst beslutar ...").
            let told = sentences
                .iter()
                .find(|s| mentions_vote(&fold(s)) && counts(s).iter().any(Option::is_some));
            if let Some(s) = told {
                found = counts(s);
                all = format!("{all} {s}");
            }
        }
        let [yes, no, abstain] = found;
        let listed = ballots(body);
        let tally = |s: Side| {
            let n = listed.iter().filter(|b| b.vote == s.label()).count();
            (n > 0).then(|| u32::try_from(n).unwrap_or(u32::MAX))
        };
        let vote = Vote {
            yes: yes.or_else(|| tally(Side::Yes)),
            no: no.or_else(|| tally(Side::No)),
            abstain: abstain.or_else(|| tally(Side::Abstain)),
            ballots: listed,
            text: all,
        };
        if vote.yes.is_some() || vote.no.is_some() || !vote.ballots.is_empty() {
            p.votes.push(vote);
        }
    }
    // Reservations and notes: a block of their own, else the sentences that
    // make them. A block with no sentence (names alone) is kept as it is.
    for (kind, sink) in [
        (Block::Reservation, &mut p.reservations),
        (Block::Note, &mut p.notes),
    ] {
        for (_, v) in found.iter().filter(|(b, _)| *b == kind) {
            let text = squash(&v.join(" "));
            if !text.is_empty() {
                sink.push(Note {
                    by: who(&text),
                    text,
                });
            }
        }
        let cue = match kind {
            Block::Reservation => "reserv",
            _ => "anteckning",
        };
        if sink.is_empty() && lower.contains(cue) {
            let pick: fn(&str) -> bool = match kind {
                Block::Reservation => is_reservation,
                _ => is_note,
            };
            for s in sentences.iter().filter(|s| pick(&fold(s))) {
                sink.push(Note {
                    by: who(s),
                    text: s.clone(),
                });
            }
        }
    }
    for (_, v) in found.iter().filter(|(b, _)| *b == Block::Recipients) {
        for r in recipients(v) {
            if !p.recipients.contains(&r) {
                p.recipients.push(r);
            }
        }
    }
    p
}

/// The roles and people of an election sentence ("Till ordförande valdes
/// Anna Ek", "Per Al och Eva Berg valdes till revisorer"): the role is the
/// words after "till" or "som" up to the verb or the end, else the section's
/// "Val av ..." title; the people are the names in the sentence.
pub(crate) fn election(sentence: &str, title: Option<&str>) -> Option<Election> {
    let people = name_runs(sentence);
    if people.is_empty() {
        return None;
    }
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let verb = |w: &str| {
        let f = fold(w);
        matches!(
            f.as_str(),
            "valdes" | "omvaldes" | "nyvaldes" | "utsags" | "utses" | "valjs" | "omvaljs"
        )
    };
    let role = words
        .iter()
        .position(|w| matches!(fold(w).as_str(), "till" | "som"))
        .map(|k| {
            words[k + 1..]
                .iter()
                .take_while(|w| {
                    !verb(w) && w.chars().next().is_some_and(char::is_lowercase) && **w != "och"
                })
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .map(|r| r.trim_end_matches([',', '.', ':', ';']).to_string())
        .filter(|r| !r.is_empty() && !r.starts_with("att"))
        .or_else(|| {
            // "Till att jämte ordföranden justera ... utsågs X": the office
            // its cue word names.
            officers::cues(sentence)
                .first()
                .map(|(_, r)| r.title().to_string())
        })
        .or_else(|| {
            let t = title?;
            let f = t.to_lowercase();
            let k = f.find("val av ")?;
            Some(
                t[k + "val av ".len()..]
                    .trim()
                    .trim_end_matches(['.', ':'])
                    .to_string(),
            )
            .filter(|r| !r.is_empty())
        });
    Some(Election { role, people })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<&str> {
        s.lines().collect()
    }

    #[test]
    fn vote_counts_in_words_and_digits() {
        assert_eq!(
            counts("Omröstningsresultat: 7 ja-röster och 4 nej-röster, 2 avstod."),
            [Some(7), Some(4), Some(2)]
        );
        assert_eq!(counts("Ja 5, Nej 3, Avstår 1"), [Some(5), Some(3), Some(1)]);
        assert_eq!(
            counts("Nämnden beslutar med sex röster mot tre att avslå."),
            [Some(6), Some(3), None]
        );
        assert_eq!(
            counts("fyra ledamöter avstod från att rösta"),
            [None, None, Some(4)]
        );
    }

    #[test]
    fn vote_block_and_table_of_ballots() {
        let body = lines(
            "Förslaget bifalls.\n\nOmröstning\nVotering begärs och verkställs.\n\
             Ledamot            Ja   Nej  Avstår\n\
             Rut Hägg (S)       X\n\
             Kjell Ström (M)         X\n\
             Ali Demir (V)                X\n\
             Tove Lax (S)       X\n\nMed 2 ja-röster mot 1 nej-röst bifalls förslaget.",
        );
        let p = read(&body);
        assert_eq!(p.votes.len(), 1);
        let v = &p.votes[0];
        assert_eq!(v.ballots.len(), 4);
        assert_eq!(v.ballots[1].name, "Kjell Ström");
        assert_eq!(v.ballots[1].vote, "nej");
        assert_eq!(v.ballots[2].vote, "avstår");
        // Counts from the table when the text gives none in the block.
        assert_eq!((v.yes, v.no, v.abstain), (Some(2), Some(1), Some(1)));
    }

    #[test]
    fn piped_vote_table() {
        let body = lines(
            "Omröstning\n| Ledamot | Ja | Nej | Avstår |\n| Rut Hägg (S) | X | | |\n\
             | Kjell Ström (M) | | X | |\n| Ali Demir (V) | | X | |",
        );
        let v = &read(&body).votes[0];
        assert_eq!((v.yes, v.no, v.abstain), (Some(1), Some(2), None));
        assert_eq!(v.ballots[2].name, "Ali Demir");
    }

    #[test]
    fn single_spaced_table_gives_no_ballots_but_the_told_result() {
        let body = lines(
            "Omröstning\n\nLedamot Ja Nej Avstår\n\nRut Hägg (S) X\n\nKjell Ström (M) X\n\n\
             Med 1 ja-röst mot 1 nej-röst och ordförandens utslagsröst bifalls förslaget.",
        );
        let v = &read(&body).votes[0];
        assert!(v.ballots.is_empty());
        assert_eq!((v.yes, v.no), (Some(1), Some(1)));
    }

    #[test]
    fn no_vote_without_one() {
        let body =
            lines("Styrelsen beslutade att godkänna budgeten.\nSex ledamöter var närvarande.");
        assert!(read(&body).votes.is_empty());
    }

    #[test]
    fn reservations_in_a_block_and_in_running_text() {
        let body = lines(
            "Nämnden beslutar enligt förslaget.\n\nReservation\n\
             Jenny Falk (V) och Arvid Berg (V) reserverar sig till förmån för Lars Holms yrkande.",
        );
        let p = read(&body);
        assert_eq!(p.reservations.len(), 1);
        assert_eq!(p.reservations[0].by, vec!["Jenny Falk", "Arvid Berg"]);
        let body = lines("Mot beslutet reserverar sig Sune Grip (KD).");
        assert_eq!(read(&body).reservations[0].by, vec!["Sune Grip"]);
        let body = lines("Reservationer: Elin Nord (MP)");
        assert_eq!(read(&body).reservations[0].by, vec!["Elin Nord"]);
    }

    #[test]
    fn protocol_notes() {
        let body = lines(
            "Protokollsanteckning\nMira Stål (L) antecknar att frågan bör utredas vidare.\n\n\
             Beslutet skickas till\nSökanden\nMiljöenheten\n",
        );
        let p = read(&body);
        assert_eq!(p.notes.len(), 1);
        assert_eq!(p.notes[0].by, vec!["Mira Stål"]);
        assert_eq!(p.recipients, vec!["Sökanden", "Miljöenheten"]);
        let body = lines("Ivar Lund (C) lämnar en protokollsanteckning, bilaga 2.");
        assert_eq!(read(&body).notes[0].by, vec!["Ivar Lund"]);
    }

    #[test]
    fn recipients_inline() {
        let body =
            lines("Beslutet skickas till: Kommunfullmäktige, Ekonomienheten och revisorerna.");
        assert_eq!(
            read(&body).recipients,
            vec!["Kommunfullmäktige", "Ekonomienheten", "revisorerna"]
        );
        // A sentence that merely mentions sending is not a block.
        let body = lines("Förvaltningen får i uppdrag att skicka beslutet till länsstyrelsen.");
        assert!(read(&body).recipients.is_empty());
    }

    #[test]
    fn elections_with_role_and_people() {
        let e = election("Till ordförande för mötet valdes Hanna Roos.", None).unwrap();
        assert_eq!(e.role.as_deref(), Some("ordförande för mötet"));
        assert_eq!(e.people, vec!["Hanna Roos"]);
        let e = election(
            "Nils Borg och Klara Eng valdes att justera protokollet.",
            Some("Val av justerare"),
        )
        .unwrap();
        assert_eq!(e.role.as_deref(), Some("justerare"));
        assert_eq!(e.people, vec!["Nils Borg", "Klara Eng"]);
        let e = election("Omvaldes Tor Vik som revisor.", None).unwrap();
        assert_eq!(e.role.as_deref(), Some("revisor"));
        assert!(election("Inga val förrättades.", None).is_none());
    }
}
