//! Section markers: which lines start a section.
//!
//! Candidates come from a table of line-start patterns ("§ 15 Title",
//! "§15", "§ 1" alone, OCR-garbled "$ 2" / "S 12" / "8 20", "1.0 Title",
//! "1. Title", "Punkt 3"). The numbering sequence then decides: the longest
//! increasing run of real "§" markers is kept, garbled markers are accepted
//! only where they fill the sequence, and numbered notes are used when a
//! document has no "§" at all.

use super::text::{fold, Line};
use regex::Regex;
use std::sync::LazyLock;

/// Marker families, in order of preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// "§ 15", and its OCR garbles.
    Paragraph,
    /// "1.0 Title".
    Decimal,
    /// "Punkt 3".
    Punkt,
    /// "1. Title".
    Dotted,
}

/// One line that may start a section.
#[derive(Debug, Clone)]
pub(crate) struct Marker {
    /// Index into the document's lines.
    pub line: usize,
    /// Number as a string ("15", "1.0").
    pub number: String,
    /// Numeric value for ordering.
    pub ord: u32,
    /// A letter sub-item ("9a" = 1, "9 b" = 2), 0 for none.
    pub sub: u8,
    /// The marker as printed ("§ 15", "$ 2", "1.0").
    pub marker: String,
    /// The rest of the line after the marker, trimmed.
    pub rest: String,
    pub style: Style,
    /// An OCR-garbled "§" ("$", "S", "s", "8", "&", "5").
    pub garbled: bool,
    /// No sign was read at all ("24 Motion om ..."): only taken where the
    /// sequence of real "§" markers has a gap for it.
    pub lost: bool,
}

struct Pattern {
    style: Style,
    garbled: bool,
    lost: bool,
    /// Groups: m = marker as printed, n = number, rest = rest of line.
    re: &'static str,
}

/// The marker table. A marker is followed by the end of the line, or by a
/// space (after an optional "." or ":") and the rest of the line.
const PATTERNS: &[Pattern] = &[
    Pattern {
        style: Style::Paragraph,
        garbled: false,
        lost: false,
        re: r"^(?P<m>§\s*(?P<n>\d{1,4}(?:\s?[a-z]\b)?))[.:]?(?:\s+(?P<rest>.*))?$",
    },
    Pattern {
        style: Style::Paragraph,
        garbled: true,
        lost: false,
        re: r"^(?P<m>[$&S]\s?(?P<n>\d{1,4}))[.:]?(?:\s+(?P<rest>.*))?$",
    },
    Pattern {
        style: Style::Paragraph,
        garbled: true,
        lost: false,
        re: r"^(?P<m>[s85]\s(?P<n>\d{1,4}))[.:]?(?:\s+(?P<rest>.*))?$",
    },
    // Bold "§ 9" read as "89", "810": accepted only where the sequence
    // expects the number after the "8".
    Pattern {
        style: Style::Paragraph,
        garbled: true,
        lost: false,
        re: r"^(?P<m>8(?P<n>\d{1,2}))[.:]?\s+(?P<rest>\p{Lu}.*)$",
    },
    // A "§" lost altogether, the number left at the line start before a
    // title: "24 Motion om ...". Taken only after a blank line, and only
    // into a gap of the real markers' sequence (see `select`).
    Pattern {
        style: Style::Paragraph,
        garbled: true,
        lost: true,
        re: r"^(?P<m>(?P<n>\d{1,3}))\s+(?P<rest>\p{Lu}\p{Ll}.*)$",
    },
    // "Så 14", "Sa 14".
    Pattern {
        style: Style::Paragraph,
        garbled: true,
        lost: false,
        re: r"^(?P<m>S[åa]\s?(?P<n>\d{1,4}))[.:]?(?:\s+(?P<rest>.*))?$",
    },
    Pattern {
        style: Style::Decimal,
        garbled: false,
        lost: false,
        re: r"^(?P<m>(?P<n>\d{1,2}\.0))\.?\s+(?P<rest>\S.*)$",
    },
    Pattern {
        style: Style::Punkt,
        garbled: false,
        lost: false,
        re: r"^(?P<m>(?i:punkt)\s+(?P<n>\d{1,3}))[.:]?(?:\s+(?P<rest>.*))?$",
    },
    Pattern {
        style: Style::Dotted,
        garbled: false,
        lost: false,
        re: r"^(?P<m>(?P<n>\d{1,2}(?:\s?[a-z])?)[.,)])\s+(?P<rest>\p{Lu}.{0,80})$",
    },
];

static COMPILED: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    PATTERNS
        .iter()
        .map(|p| Regex::new(p.re).expect("marker regex"))
        .collect()
});

/// Words that, ending the previous line, make a line-start "§ 17" a
/// reference in running prose ("... behandlas under\n§ 17").
const PROSE_LEADS: &[&str] = &[
    "enligt",
    "under",
    "i",
    "se",
    "jfr",
    "och",
    "samt",
    "till",
    "av",
    "fran",
    "med",
    "vid",
    "pa",
    "om",
    "i enlighet med",
    "paragraf",
    "ur",
    "sasom",
];

/// Cheap test on the first character before running any regex.
fn may_start_marker(t: &str) -> bool {
    matches!(
        t.as_bytes().first(),
        Some(b'$' | b'&' | b'S' | b's' | b'P' | b'p' | b'0'..=b'9')
    ) || t.starts_with('§')
}

/// Is `rest` acceptable after a marker: nothing, a Dnr, or a title starting
/// with a capital, a digit or a quote. A lowercase start or a range ("§ 17-18",
/// "§ 17 och 18") is prose.
fn rest_ok(rest: &str) -> bool {
    let Some(c) = rest.chars().next() else {
        return true;
    };
    if matches!(c, '-' | '–' | '—' | ',' | ')') {
        return false;
    }
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '”' | '“' | '\'' | '«' | '(')
}

/// Does a line look like a marker of some kind? (Used to protect marker
/// lines from being taken for page furniture.)
pub(crate) fn looks_like_marker(t: &str) -> bool {
    may_start_marker(t) && COMPILED.iter().any(|re| re.is_match(t))
}

/// Every candidate marker line.
pub(crate) fn candidates(lines: &[Line<'_>]) -> Vec<Marker> {
    let mut out = Vec::new();
    let mut prev_text: &str = "";
    for (i, l) in lines.iter().enumerate() {
        if l.is_blank() || l.boiler {
            continue;
        }
        let t = strip_margin(l.text());
        if may_start_marker(t) {
            if let Some(m) = match_line(i, t) {
                let after_break = i == 0 || lines[i - 1].is_blank();
                if !(m.style == Style::Paragraph && continues_prose(prev_text))
                    && (!m.lost || after_break)
                {
                    out.push(m);
                }
            }
        }
        prev_text = t;
    }
    out
}

fn match_line(i: usize, t: &str) -> Option<Marker> {
    for (p, re) in PATTERNS.iter().zip(COMPILED.iter()) {
        let Some(c) = re.captures(t) else {
            continue;
        };
        let rest = c.name("rest").map_or("", |m| m.as_str()).trim();
        if !rest_ok(rest) {
            continue;
        }
        let n: String = c["n"].chars().filter(|c| !c.is_whitespace()).collect();
        let digits: String = n.chars().take_while(|c| c.is_ascii_digit()).collect();
        let Ok(ord) = digits.parse::<u32>() else {
            continue;
        };
        let sub = n[digits.len()..]
            .chars()
            .next()
            .map_or(0, |c| (c as u8).saturating_sub(b'a') + 1);
        return Some(Marker {
            line: i,
            number: n.clone(),
            ord,
            sub,
            marker: c["m"].to_string(),
            rest: rest.to_string(),
            style: p.style,
            garbled: p.garbled,
            lost: p.lost,
        });
    }
    None
}

/// A line without what scanning put before its marker: table rules and
/// margin marks read as text ("| 2. Val", "! 5."), and a page number set
/// beside a centred marker ("- 3 § 19", "3 - § 19").
fn strip_margin(t: &str) -> &str {
    static PAGE_NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[-–—]?\s*\d{1,3}\s*[-–—]?\s+§").expect("page number regex"));
    let t = t.trim_start_matches(|c: char| {
        matches!(c, '|' | '!' | '[' | ']' | '¦') || c.is_whitespace()
    });
    // A rule read as a letter: "l 3. Val", "I § 4".
    let t = match t.split_once(' ') {
        Some(("l" | "I", rest)) if rest.starts_with(|c: char| c.is_ascii_digit() || c == '§') => {
            rest.trim_start()
        }
        _ => t,
    };
    match PAGE_NUMBER.find(t) {
        Some(m) => &t[m.end() - '§'.len_utf8()..],
        None => t,
    }
}

/// Does the previous line end in the middle of a sentence with a word that
/// leads into a reference?
fn continues_prose(prev: &str) -> bool {
    let p = prev.trim_end();
    if p.is_empty() || p.ends_with(['.', ':', '!', '?']) {
        return false;
    }
    let f = fold(p);
    PROSE_LEADS
        .iter()
        .any(|w| f == *w || f.ends_with(&format!(" {w}")))
}

/// Longest strictly increasing subsequence of `ord`s (indices into `ms`).
fn lis(ms: &[&Marker]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new(); // index of smallest tail per length
    let mut parent: Vec<Option<usize>> = vec![None; ms.len()];
    for i in 0..ms.len() {
        let pos = tails.partition_point(|&t| (ms[t].ord, ms[t].sub) < (ms[i].ord, ms[i].sub));
        parent[i] = if pos > 0 { Some(tails[pos - 1]) } else { None };
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        out.push(i);
        cur = parent[i];
    }
    out.reverse();
    out
}

/// Most lines between two items of an agenda list (a blank line or a
/// wrapped title between them).
const AGENDA_GAP: usize = 3;

/// Fewest items of an agenda list.
const MIN_AGENDA: usize = 3;

/// Split off a printed agenda: a run of at least [`MIN_AGENDA`] markers of
/// one style, numbered one after another on nearly consecutive lines (no
/// body between them), whose numbers come again later in the document
/// (board minutes print "Dagordning 1-8", then the minutes "1-8"). Returns
/// the candidates without the agenda, and the agenda.
pub(crate) fn split_agenda(cands: Vec<Marker>) -> (Vec<Marker>, Vec<Marker>) {
    let mut start = 0;
    while start < cands.len() {
        let mut end = start + 1;
        while end < cands.len() {
            let (a, b) = (&cands[end - 1], &cands[end]);
            let close = b.line - a.line <= AGENDA_GAP;
            let follows =
                b.style == a.style && (b.ord == a.ord + 1 || (b.ord == a.ord && b.sub > a.sub));
            if !(close && follows) {
                break;
            }
            end += 1;
        }
        if end - start >= MIN_AGENDA {
            let run = &cands[start..end];
            let again = run
                .iter()
                .filter(|m| {
                    cands[end..]
                        .iter()
                        .any(|l| l.style == m.style && l.ord == m.ord && l.sub == m.sub)
                })
                .count();
            // Most of the numbers come again: this run was the agenda.
            if again * 3 >= run.len() * 2 {
                let mut rest = cands;
                let agenda: Vec<Marker> = rest.drain(start..end).collect();
                return (rest, agenda);
            }
        }
        start = end.max(start + 1);
    }
    (cands, Vec::new())
}

/// Choose the section markers among the candidates.
pub(crate) fn select(cands: &[Marker]) -> Vec<Marker> {
    let real: Vec<&Marker> = cands
        .iter()
        .filter(|m| m.style == Style::Paragraph && !m.garbled)
        .collect();
    let garbled: Vec<&Marker> = cands
        .iter()
        .filter(|m| m.style == Style::Paragraph && m.garbled)
        .collect();

    if !real.is_empty() {
        let mut chosen: Vec<Marker> = lis(&real).into_iter().map(|i| real[i].clone()).collect();
        fill_garbled(&mut chosen, &garbled);
        return chosen;
    }
    // No real "§": a run of garbled markers numbered one after another
    // (a number without any sign is a list, not a lost "§").
    let signed: Vec<&Marker> = garbled.iter().copied().filter(|m| !m.lost).collect();
    let run = consecutive_run(&signed);
    if run.len() >= 2 {
        return run;
    }
    for style in [Style::Decimal, Style::Punkt, Style::Dotted] {
        let of: Vec<&Marker> = cands.iter().filter(|m| m.style == style).collect();
        let chain: Vec<Marker> = lis(&of).into_iter().map(|i| of[i].clone()).collect();
        let min = if style == Style::Dotted { 2 } else { 1 };
        if chain.len() >= min {
            return chain;
        }
    }
    Vec::new()
}

/// Insert garbled markers whose number is the successor of the chosen
/// marker before them, or the predecessor of the one after them, repeating
/// until nothing changes (so "§ 1, $ 2, S 3, § 4" fills in).
fn fill_garbled(chosen: &mut Vec<Marker>, garbled: &[&Marker]) {
    loop {
        let mut added = false;
        for g in garbled {
            if chosen.iter().any(|c| c.line == g.line) {
                continue;
            }
            let pos = chosen.partition_point(|c| c.line < g.line);
            let before = pos.checked_sub(1).map(|p| &chosen[p]);
            let after = chosen.get(pos);
            let fits_before = before.is_none_or(|b| b.ord < g.ord);
            let fits_after = after.is_none_or(|a| g.ord < a.ord);
            let adjacent = before.is_some_and(|b| b.ord + 1 == g.ord)
                || after.is_some_and(|a| g.ord + 1 == a.ord);
            if fits_before && fits_after && adjacent {
                chosen.insert(pos, (*g).clone());
                added = true;
            }
        }
        if !added {
            break;
        }
    }
}

/// The longest run of markers numbered n, n+1, n+2 ... in reading order.
fn consecutive_run(ms: &[&Marker]) -> Vec<Marker> {
    let mut best: Vec<Marker> = Vec::new();
    for (i, start) in ms.iter().enumerate() {
        let mut run = vec![(*start).clone()];
        for m in &ms[i + 1..] {
            if m.ord == run.last().expect("non-empty").ord + 1 {
                run.push((*m).clone());
            }
        }
        if run.len() > best.len() {
            best = run;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::super::text::lines;
    use super::*;

    fn pick(t: &str) -> Vec<String> {
        let ls = lines(t);
        select(&candidates(&ls))
            .into_iter()
            .map(|m| format!("{}|{}|{}", m.marker, m.number, m.rest))
            .collect()
    }

    #[test]
    fn paragraph_forms() {
        let t = "§ 1\nÖppnande\n§2 Val\n§ 3 Dnr KS 2021/034\nTitel\n§ 4. Övrigt";
        assert_eq!(
            pick(t),
            vec![
                "§ 1|1|",
                "§2|2|Val",
                "§ 3|3|Dnr KS 2021/034",
                "§ 4|4|Övrigt"
            ]
        );
    }

    #[test]
    fn letter_sub_items_with_or_without_a_space() {
        let t = "§ 15 Bidrag\n§ 15 a Föreningen Ek\n§ 15b Ungdomsrådet\n\
                 § 16 att fastställa\n§ 16 Övrigt";
        assert_eq!(
            pick(t),
            vec![
                "§ 15|15|Bidrag",
                "§ 15 a|15a|Föreningen Ek",
                "§ 15b|15b|Ungdomsrådet",
                "§ 16|16|Övrigt"
            ]
        );
    }

    #[test]
    fn references_are_not_markers() {
        let t = "§ 16 Val\nÄrendet behandlas under\n§ 17 i kommunallagen.\nSe även\n§ 17\n§ 17-18 hänvisas\n§ 17 Budget";
        assert_eq!(pick(t), vec!["§ 16|16|Val", "§ 17|17|Budget"]);
    }

    #[test]
    fn a_lost_sign_fills_a_gap_after_a_blank_line_only() {
        let t = "§ 23 Bokslut\nText.\n\n24 Motion om parker\nText.\n§ 25 Val\n\
                 Text med\n26 Ledamöter närvarade\n§ 27 Övrigt";
        assert_eq!(
            pick(t),
            vec![
                "§ 23|23|Bokslut",
                "24|24|Motion om parker",
                "§ 25|25|Val",
                "§ 27|27|Övrigt"
            ]
        );
        // no gap for it: the number is body text
        let t = "§ 23 Bokslut\n\n24 Ledamöter närvarade\n§ 24 Val";
        assert_eq!(pick(t), vec!["§ 23|23|Bokslut", "§ 24|24|Val"]);
        // without any real "§" bare numbers are a list, not sections
        let t = "Dagens ärenden\n\n1 Öppnande\n\n2 Val av ordförande\n\n3 Avslutning";
        assert!(pick(t).is_empty(), "{:?}", pick(t));
    }

    #[test]
    fn garbled_markers_fill_the_sequence() {
        let t = "§ 1 Ett\n$ 2 Två\nS 3 Tre\n§ 4 Fyra\n8 20 Inte här\n5 5 Fem";
        assert_eq!(
            pick(t),
            vec![
                "§ 1|1|Ett",
                "$ 2|2|Två",
                "S 3|3|Tre",
                "§ 4|4|Fyra",
                "5 5|5|Fem"
            ]
        );
    }

    #[test]
    fn ampersand_and_lowercase_s_fill_the_sequence() {
        let t = "§ 1 Ett\n& 2 Två\ns 3 Tre\n§ 4 Fyra\n&5 Fem\n§ 6 Sex";
        assert_eq!(
            pick(t),
            vec![
                "§ 1|1|Ett",
                "& 2|2|Två",
                "s 3|3|Tre",
                "§ 4|4|Fyra",
                "&5|5|Fem",
                "§ 6|6|Sex"
            ]
        );
        // Garbled markers only, numbered one after another.
        assert_eq!(
            pick("Protokoll\n& 7 Ett\ns 8 Två\n& 9"),
            vec!["& 7|7|Ett", "s 8|8|Två", "& 9|9|"]
        );
    }

    #[test]
    fn garbled_prose_lines_are_not_sections() {
        // Numbers the sequence does not support: not sections.
        let t =
            "§ 10 Ett\ns 3 kap. lagen gäller\n& 4 personer deltog\ns 3 Kap.\n& 40 Två\n§ 11 Tre";
        assert_eq!(pick(t), vec!["§ 10|10|Ett", "§ 11|11|Tre"]);
        // In a document without "§", two prose lines numbered one after
        // the other are not a run of sections.
        assert!(pick("Protokoll\ns 3 kap. lagen gäller\n& 4 personer deltog").is_empty());
        // A number that would fill a gap is still prose when the line
        // reads as prose.
        let t = "§ 2 Två\ns 3 kap. lagen gäller\n& 3 personer deltog\n§ 4 Fyra";
        assert_eq!(pick(t), vec!["§ 2|2|Två", "§ 4|4|Fyra"]);
    }

    #[test]
    fn garbled_only_document() {
        let t = "S 12 Ett\ntext 8 20\n8 13 Två\n$ 14 Tre";
        assert_eq!(pick(t), vec!["S 12|12|Ett", "8 13|13|Två", "$ 14|14|Tre"]);
    }

    #[test]
    fn agenda_then_minutes() {
        let t = "Dagordning\n1. Öppnande\n2. Ekonomi\n\n3. Övrigt\nNoteringar\n1. Öppnande\nMötet öppnades.\n2. Ekonomi\nKassan är god.\n3. Övrigt\nInget.";
        let ls = lines(t);
        let (rest, agenda) = split_agenda(candidates(&ls));
        assert_eq!(agenda.len(), 3);
        let got: Vec<usize> = select(&rest).iter().map(|m| m.line).collect();
        // The minutes' items, not the agenda's.
        assert_eq!(got, vec![6, 8, 10]);
        // Minutes alone: nothing is an agenda.
        let t = "1. Öppnande\n2. Ekonomi\n3. Övrigt";
        assert!(split_agenda(candidates(&lines(t))).1.is_empty());
    }

    #[test]
    fn scanned_marker_forms() {
        assert_eq!(
            pick("§ 8 Ett\n89 Val av justerare\n§ 10 Tio"),
            vec!["§ 8|8|Ett", "89|9|Val av justerare", "§ 10|10|Tio"]
        );
        assert_eq!(
            pick("§ 1 Ett\n- 3 § 2 Två\n| § 3 Tre\nSå 4 Fyra\nl § 5 Fem"),
            vec![
                "§ 1|1|Ett",
                "§ 2|2|Två",
                "§ 3|3|Tre",
                "Så 4|4|Fyra",
                "§ 5|5|Fem"
            ]
        );
        assert_eq!(
            pick("1. Ett\n2, Två\n3) Tre\n3a. Tre a\n4. Fyra"),
            vec![
                "1.|1|Ett",
                "2,|2|Två",
                "3)|3|Tre",
                "3a.|3a|Tre a",
                "4.|4|Fyra"
            ]
        );
    }

    #[test]
    fn numbered_notes() {
        let t = "Deltagare\n1.0 Inledning\ntext 2.0 inte\n2.0 Ekonomi\n2.1 Del\n3.0 Övrigt";
        assert_eq!(
            pick(t),
            vec!["1.0|1.0|Inledning", "2.0|2.0|Ekonomi", "3.0|3.0|Övrigt"]
        );
        assert_eq!(
            pick("Punkt 1 Start\nPunkt 2\nSlut"),
            vec!["Punkt 1|1|Start", "Punkt 2|2|"]
        );
        assert_eq!(
            pick("1. Start\n2. Mitten\n3. Slut"),
            vec!["1.|1|Start", "2.|2|Mitten", "3.|3|Slut"]
        );
        assert!(pick("1. Ensam rad").is_empty());
    }
}
