//! "§" put back where OCR garbled it.
//!
//! Debian's Swedish OCR models often read "§" as "$", "S", "8", "&" or "5".
//! Segmentation still finds such a section marker by its place in the
//! numbering ("87" after "§ 6" is § 7), and this step writes the marker as
//! "§ 7" in the text, with a correction for the log. A "$" (or a pair of
//! §-shaped glyphs) standing before a number anywhere else is a "§" (or
//! "§§") too: Swedish text writes money with "kr", never with "$" before a
//! bare number.
//!
//! Input: the repaired text, the garbled markers segmentation found, and
//! the repair log; output: the text with the signs restored and the log
//! with its offsets moved and the new changes added.

use crate::model::Correction;
use regex::Regex;
use std::sync::LazyLock;

/// A section marker segmentation read as a garbled "§".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GarbledMarker {
    /// Byte offset of the marker in the text.
    pub start: usize,
    /// The marker as printed ("87", "$ 2", "S3").
    pub printed: String,
    /// Its number ("7", "2", "3").
    pub number: String,
}

/// Confidence of a marker restored from the numbering sequence.
const MARKER_CONFIDENCE: f32 = 0.9;
/// Confidence of a "$" before a number read as "§".
const SIGN_CONFIDENCE: f32 = 0.8;

/// "$" or two §-shaped glyphs ("$5", "$$", "S$") as a token of their own,
/// then a space and a number.
static SIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)(?:^|[\s(])(?P<s>\$\$|\$[5S]|[5S§]\$|\$§|\$)\s\d").expect("valid sign pattern")
});

/// One replacement in the text.
struct Edit {
    start: usize,
    end: usize,
    with: String,
    confidence: f32,
    evidence: &'static str,
}

/// Restore "§" in `text`: the garbled markers, and "$" before numbers.
/// Returns the new text, or `None` when nothing changed. `corrections` is
/// updated to the new text (offsets moved) and gets one entry per change,
/// with page 0 (the caller numbers pages).
pub fn restore(
    text: &str,
    garbled: &[GarbledMarker],
    corrections: &mut Vec<Correction>,
) -> Option<String> {
    let mut edits: Vec<Edit> = Vec::new();
    for g in garbled {
        let end = g.start + g.printed.len();
        if g.printed.starts_with('§') || text.get(g.start..end) != Some(g.printed.as_str()) {
            continue;
        }
        edits.push(Edit {
            start: g.start,
            end,
            with: format!("§ {}", g.number),
            confidence: MARKER_CONFIDENCE,
            evidence: "section marker: § in the numbering sequence",
        });
    }
    for c in SIGN.captures_iter(text) {
        let m = c.name("s").expect("group s");
        let pair = m.as_str().chars().count() > 1;
        edits.push(Edit {
            start: m.start(),
            end: m.end(),
            with: if pair { "§§" } else { "§" }.to_string(),
            confidence: SIGN_CONFIDENCE,
            evidence: "section sign: \"$\" before a number",
        });
    }
    edits.sort_by_key(|e| e.start);
    // Repair's changes do not overlap; in order, they are searched by halves
    // (a long text has a million of them).
    corrections.sort_by_key(|c| c.start);
    // No edit over another, none over a change repair made.
    let mut kept: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        let overlaps_edit = kept.last().is_some_and(|k| e.start < k.end);
        let next = corrections.partition_point(|c| c.end <= e.start);
        let overlaps_repair = corrections.get(next).is_some_and(|c| c.start < e.end);
        if !overlaps_edit && !overlaps_repair && text[e.start..e.end] != e.with {
            kept.push(e);
        }
    }
    if kept.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 2 * kept.len());
    let mut shifts: Vec<(usize, isize)> = Vec::with_capacity(kept.len());
    let mut pos = 0;
    let mut delta = 0isize;
    let mut added = Vec::with_capacity(kept.len());
    for e in &kept {
        out.push_str(&text[pos..e.start]);
        let start = out.len();
        out.push_str(&e.with);
        added.push(Correction {
            original: text[e.start..e.end].to_string(),
            corrected: e.with.clone(),
            page: 0,
            start,
            end: out.len(),
            confidence: e.confidence,
            evidence: e.evidence.to_string(),
        });
        delta += e.with.len() as isize - (e.end - e.start) as isize;
        shifts.push((e.end, delta));
        pos = e.end;
    }
    out.push_str(&text[pos..]);
    // Repair's changes after an edit move by the edits before them.
    for c in corrections.iter_mut() {
        let before = shifts.partition_point(|(end, _)| *end <= c.start);
        let d = before.checked_sub(1).map_or(0, |k| shifts[k].1);
        c.start = c.start.saturating_add_signed(d);
        c.end = c.end.saturating_add_signed(d);
    }
    corrections.extend(added);
    corrections.sort_by_key(|c| c.start);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(text: &str, garbled: &[GarbledMarker]) -> (String, Vec<Correction>) {
        let mut log = Vec::new();
        let out = restore(text, garbled, &mut log).unwrap_or_else(|| text.to_string());
        (out, log)
    }

    fn marker(text: &str, printed: &str, number: &str) -> GarbledMarker {
        GarbledMarker {
            start: text.find(printed).unwrap(),
            printed: printed.into(),
            number: number.into(),
        }
    }

    #[test]
    fn a_garbled_marker_is_written_with_its_sign_and_logged() {
        let t = "§ 6 Budget\nText.\n87 Val av revisorer\nS3 Övrigt\n";
        let g = [marker(t, "87", "7"), marker(t, "S3", "3")];
        let (out, log) = fix(t, &g);
        assert_eq!(out, "§ 6 Budget\nText.\n§ 7 Val av revisorer\n§ 3 Övrigt\n");
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].original, "87");
        assert_eq!(&out[log[0].start..log[0].end], "§ 7");
        assert_eq!(&out[log[1].start..log[1].end], "§ 3");
    }

    #[test]
    fn a_dollar_before_a_number_is_a_section_sign() {
        let (out, log) = fix("Paragrafer $5 23-28\nenligt $ 12 i lagen", &[]);
        assert_eq!(out, "Paragrafer §§ 23-28\nenligt § 12 i lagen");
        assert_eq!(log.len(), 2);
        // money and words are left alone
        for t in ["kostar $5", "US$ 5", "5 $", "S 12 kronor", "$ ABC"] {
            assert_eq!(fix(t, &[]).0, t, "{t}");
        }
    }

    #[test]
    fn repairs_after_an_edit_move_with_it() {
        let t = "$ 4 Budgot\n";
        let mut log = vec![Correction {
            original: "Budgot".into(),
            corrected: "Budget".into(),
            page: 1,
            start: 4,
            end: 10,
            confidence: 0.9,
            evidence: "lexicon".into(),
        }];
        let out = restore(t, &[], &mut log).unwrap();
        assert_eq!(out, "§ 4 Budgot\n");
        let moved = log.iter().find(|c| c.evidence == "lexicon").unwrap();
        assert_eq!(&out[moved.start..moved.end], "Budgot");
    }

    #[test]
    fn a_sign_inside_a_change_repair_made_is_left_alone() {
        let t = "Text $ 4 och $ 5\n";
        let mut log = vec![Correction {
            original: "S".into(),
            corrected: "$".into(),
            page: 1,
            start: 5,
            end: 6,
            confidence: 0.9,
            evidence: "lexicon".into(),
        }];
        let out = restore(t, &[], &mut log).unwrap();
        assert_eq!(out, "Text $ 4 och § 5\n");
        assert_eq!(log.len(), 2);
    }

    #[test]
    fn a_marker_that_does_not_match_the_text_is_left_alone() {
        let t = "87 Val\n";
        let g = [GarbledMarker {
            start: 1,
            printed: "87".into(),
            number: "7".into(),
        }];
        assert_eq!(fix(t, &g).0, t);
    }
}
