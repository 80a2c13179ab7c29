//! Reading order from word boxes: columns and label/value rows.
//!
//! Lines are cut into segments at wide gaps (a gap of more than about one
//! and a half line heights is a column gap, not a word space). Segments that
//! share a baseline form a row. A run of rows with segments in two or more
//! columns is a region, read in one of two ways:
//!
//! * label/value (the first column is sparse, or its entries end in ":"):
//!   row by row, each label and the first line of its value on one logical
//!   line, a label wrapped over two lines joined, the value's further lines
//!   after it (read again by these rules: a value may be a two-column list);
//! * side-by-side lists (every row has an entry in both columns, columns of
//!   similar width): one column after the other.
//!
//! Everything else is read top to bottom, left to right.

use super::Line;
use crate::model::Word;

/// A piece of a line between column gaps.
#[derive(Debug, Clone)]
pub struct Seg {
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
    pub text: String,
}

/// A gap wider than this many line heights splits a line into segments
/// (a word space is a third of a line height, a tab stop or a column gap
/// several).
const COLUMN_GAP: f32 = 1.3;

/// Vertical space (in line heights) above a row that marks a new paragraph
/// at ordinary line spacing ([`paragraph_gap`]).
const PARAGRAPH_GAP: f32 = 0.6;
/// Vertical space (in line heights) that ends a multi-column region.
const REGION_GAP: f32 = 0.9;

/// Whether the space between two words of a line is a column gap.
pub fn is_gap(a: &Word, b: &Word, lh: f32) -> bool {
    b.bbox[0] as f32 - (a.bbox[0] + a.bbox[2]) as f32 > COLUMN_GAP * lh
}

/// Cut lines into segments at column gaps.
pub fn segments(lines: &[&Line], lh: f32) -> Vec<Seg> {
    let mut out = Vec::new();
    for l in lines {
        let mut start = 0;
        for i in 1..=l.words.len() {
            let split = i == l.words.len() || is_gap(&l.words[i - 1], &l.words[i], lh);
            if split {
                out.push(seg(&l.words[start..i]));
                start = i;
            }
        }
    }
    out
}

fn seg(words: &[Word]) -> Seg {
    let b = super::union(words.iter().map(|w| w.bbox));
    Seg {
        x0: b[0],
        y0: b[1],
        x1: b[0] + b[2],
        y1: b[1] + b[3],
        text: super::join_words(words),
    }
}

/// The text lines of a flow of lines in reading order.
pub fn read(lines: &[&Line], lh: f32) -> Vec<String> {
    read_segs(segments(lines, lh), lh)
}

/// Segments sharing a baseline.
fn rows(mut segs: Vec<Seg>) -> Vec<Vec<Seg>> {
    segs.sort_by_key(|s| (s.y0 + s.y1, s.x0));
    let mut rows: Vec<Vec<Seg>> = Vec::new();
    let mut range = (0u32, 0u32);
    for s in segs {
        let joins = rows.last().is_some_and(|_| {
            let overlap = s.y1.min(range.1) as i64 - s.y0.max(range.0) as i64;
            let h = (s.y1 - s.y0).min(range.1 - range.0).max(1) as i64;
            overlap * 2 >= h
        });
        if joins {
            range = (range.0.min(s.y0), range.1.max(s.y1));
            rows.last_mut().expect("checked").push(s);
        } else {
            range = (s.y0, s.y1);
            rows.push(vec![s]);
        }
    }
    for r in &mut rows {
        r.sort_by_key(|s| s.x0);
    }
    rows
}

/// Column gaps of a set of rows: x ranges no segment covers, at least
/// `min_gap` wide, between the leftmost and rightmost ink.
fn gaps(rows: &[Vec<Seg>], min_gap: f32) -> Vec<(u32, u32)> {
    let mut iv: Vec<(u32, u32)> = rows.iter().flatten().map(|s| (s.x0, s.x1)).collect();
    iv.sort_unstable();
    let mut out = Vec::new();
    let mut end = match iv.first() {
        Some(f) => f.1,
        None => return out,
    };
    for &(a, b) in &iv[1..] {
        if a as f32 - end as f32 >= min_gap {
            out.push((end, a));
        }
        end = end.max(b);
    }
    out
}

/// Column of a segment given the gaps (0-based); None when it spans a gap.
fn column(s: &Seg, gaps: &[(u32, u32)]) -> Option<usize> {
    let mut col = 0;
    for &(g0, g1) in gaps {
        if s.x1 <= g0 {
            return Some(col);
        }
        if s.x0 < g1 {
            return None;
        }
        col += 1;
    }
    Some(col)
}

/// Space between row `i - 1` and row `i`, pixels.
fn gap_above(rows: &[Vec<Seg>], i: usize) -> f32 {
    let above = rows[i - 1].iter().map(|s| s.y1).max().unwrap_or(0);
    let top = rows[i].iter().map(|s| s.y0).min().unwrap_or(0);
    top as f32 - above as f32
}

/// The space above a row that marks a new paragraph, pixels: half a line
/// height, or, on a page whose ordinary line spacing is that wide already
/// (a typewriter's one and a half or double spacing), half as much again
/// as the ordinary spacing. The ordinary spacing is the smallest gap
/// between rows (ignoring overlaps) that occurs at least twice, within a
/// quarter, so that a page of one-line paragraphs keeps its breaks.
fn paragraph_gap(rows: &[Vec<Seg>], lh: f32) -> f32 {
    let base = PARAGRAPH_GAP * lh;
    let mut gaps: Vec<f32> = (1..rows.len())
        .map(|i| gap_above(rows, i))
        .filter(|&g| g >= 0.15 * lh)
        .collect();
    gaps.sort_unstable_by(f32::total_cmp);
    match gaps.get(..2) {
        Some(&[a, b]) if a > 0.9 * base && b <= 1.25 * a => (1.5 * a).max(base),
        _ => base,
    }
}

fn read_segs(segs: Vec<Seg>, lh: f32) -> Vec<String> {
    let rows = rows(segs);
    let paragraph = paragraph_gap(&rows, lh);
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        // A blank line's worth of space: a paragraph break.
        if i > 0
            && gap_above(&rows, i) > paragraph
            && out.last().is_some_and(|l: &String| !l.is_empty())
        {
            out.push(String::new());
        }
        let end = region_end(&rows, i, lh);
        if end > i + 1 {
            read_region(&rows[i..end], lh, &mut out);
            i = end;
        } else {
            out.push(row_text(&rows[i]));
            i += 1;
        }
    }
    out
}

fn row_text(r: &[Seg]) -> String {
    r.iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// End (exclusive) of the multi-column region starting at row `i`; `i + 1`
/// when there is none. A region starts with a row of two or more segments,
/// keeps at least one column gap, and needs two such rows.
fn region_end(rows: &[Vec<Seg>], i: usize, lh: f32) -> usize {
    if rows[i].len() < 2 {
        return i + 1;
    }
    let min_gap = COLUMN_GAP * lh;
    let mut end = i + 1;
    let mut multi = 1;
    while end < rows.len() {
        // Too far below: a new part of the page.
        let above = rows[end - 1].iter().map(|s| s.y1).max().unwrap_or(0);
        let top = rows[end].iter().map(|s| s.y0).min().unwrap_or(0);
        if top as f32 - above as f32 > REGION_GAP * lh {
            break;
        }
        let g = gaps(&rows[i..=end], min_gap);
        if g.is_empty()
            || rows[i..=end]
                .iter()
                .flatten()
                .any(|s| column(s, &g).is_none())
        {
            break;
        }
        if rows[end].len() >= 2 {
            multi += 1;
        }
        end += 1;
    }
    // One multi-segment row is a region only when a wrapped label follows.
    let wrapped = rows[i + 1..end].iter().any(|r| {
        r.len() == 1 && r[0].x0 < rows[i][0].x1 && r[0].text.starts_with(char::is_lowercase)
    });
    if multi >= 2 || wrapped {
        end
    } else {
        i + 1
    }
}

/// Read a region of rows with column gaps.
fn read_region(rows: &[Vec<Seg>], lh: f32, out: &mut Vec<String>) {
    let g = gaps(rows, COLUMN_GAP * lh);
    let ncol = g.len() + 1;
    let col_of = |s: &Seg| column(s, &g).unwrap_or(0);
    let first_in_row = |r: &Vec<Seg>| r.iter().any(|s| col_of(s) == 0);
    let with_first = rows.iter().filter(|r| first_in_row(r)).count();
    let dense = with_first * 10 >= rows.len() * 8;
    let colon = rows
        .iter()
        .flatten()
        .filter(|s| col_of(s) == 0)
        .any(|s| s.text.trim_end().ends_with(':'));
    let width = |c: usize| {
        rows.iter()
            .flatten()
            .filter(|s| col_of(s) == c)
            .map(|s| s.x1 - s.x0)
            .max()
            .unwrap_or(0) as f32
    };
    let similar = (1..ncol).all(|c| width(0) >= 0.6 * width(c) && width(c) >= 0.6 * width(0));
    // A first-column entry alone on its row that starts in lower case
    // continues a label: a label/value layout.
    let wrapped_label = rows.iter().any(|r| {
        r.len() == 1
            && col_of(&r[0]) == 0
            && r[0].text.chars().next().is_some_and(char::is_lowercase)
    });
    if dense && similar && !colon && !wrapped_label {
        // Side-by-side lists: one column after the other.
        for c in 0..ncol {
            for r in rows {
                let t: Vec<&str> = r
                    .iter()
                    .filter(|s| col_of(s) == c)
                    .map(|s| s.text.as_str())
                    .collect();
                if !t.is_empty() {
                    out.push(t.join(" "));
                }
            }
        }
        return;
    }
    // Label/value: a group starts at a row with a label; rows without one
    // belong to the value; a label row right under a label row whose value
    // is still empty continues (wraps) that label.
    let mut groups: Vec<(Vec<String>, Vec<Seg>)> = Vec::new();
    for r in rows {
        let (label, value): (Vec<&Seg>, Vec<&Seg>) = r.iter().partition(|s| col_of(s) == 0);
        let label_text = label
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        match groups.last_mut() {
            Some((_, v)) if label.is_empty() => v.extend(value.into_iter().cloned()),
            Some((l, _)) if value.is_empty() && wraps(&label_text, l.last()) => {
                l.push(label_text);
            }
            _ => groups.push((vec![label_text], value.into_iter().cloned().collect())),
        }
    }
    for (label, value) in groups {
        let label = label.join(" ");
        let mut vl = read_segs(value, lh).into_iter();
        match vl.next() {
            Some(first) if !label.is_empty() => out.push(format!("{label} {first}")),
            Some(first) => out.push(first),
            None => out.push(label),
        }
        out.extend(vl);
    }
}

/// Whether a label line continues the previous one: it starts in lower
/// case ("och tid" under "Justeringens plats").
fn wraps(next: &str, prev: Option<&String>) -> bool {
    let lower = next.chars().next().is_some_and(|c| c.is_lowercase());
    lower && prev.is_some_and(|p| !p.trim_end().ends_with([':', '.']))
}

#[cfg(test)]
mod tests {
    use super::super::tests::w;
    use super::*;

    fn line(words: &[(&str, u32)], y: u32) -> Line {
        let ws: Vec<Word> = words
            .iter()
            .map(|(t, x)| w(t, *x, y, 18 * t.chars().count() as u32))
            .collect();
        Line::new(0, ws, 1)
    }

    /// Lines 40 px apart, 30 px high: ordinary line spacing.
    fn text(lines: &[Line]) -> Vec<String> {
        let refs: Vec<&Line> = lines.iter().collect();
        read(&refs, 30.0)
    }

    #[test]
    fn side_by_side_lists_are_read_one_column_after_the_other() {
        let lines = vec![
            line(&[("Ledamöter", 100), ("Ersättare", 1000)], 100),
            line(
                &[
                    ("Ola", 100),
                    ("Lind", 170),
                    ("(S)", 260),
                    ("Tove", 1000),
                    ("Åberg", 1090),
                    ("(SD)", 1200),
                ],
                150,
            ),
            line(
                &[
                    ("Eva", 100),
                    ("Holm", 170),
                    ("(M)", 260),
                    ("Per", 1000),
                    ("Ek", 1070),
                    ("(C)", 1120),
                ],
                200,
            ),
        ];
        assert_eq!(
            text(&lines),
            vec![
                "Ledamöter",
                "Ola Lind (S)",
                "Eva Holm (M)",
                "Ersättare",
                "Tove Åberg (SD)",
                "Per Ek (C)"
            ]
        );
    }

    #[test]
    fn label_value_rows_with_a_wrapped_label() {
        let lines = vec![
            line(
                &[
                    ("Plats", 100),
                    ("och", 200),
                    ("tid", 270),
                    ("Stadshuset,", 700),
                    ("kl", 920),
                    ("13.00", 970),
                ],
                100,
            ),
            line(
                &[
                    ("Beslutande", 100),
                    ("Anna", 700),
                    ("Berg", 790),
                    ("(S)", 880),
                ],
                140,
            ),
            line(&[("Olle", 700), ("Ek", 790), ("(M)", 840)], 180),
            line(
                &[("Justeringens", 100), ("plats", 330), ("Stadshuset", 700)],
                220,
            ),
            line(&[("och", 100), ("tid", 170)], 260),
        ];
        assert_eq!(
            text(&lines),
            vec![
                "Plats och tid Stadshuset, kl 13.00",
                "Beslutande Anna Berg (S)",
                "Olle Ek (M)",
                "Justeringens plats och tid Stadshuset",
            ]
        );
    }

    #[test]
    fn a_single_wide_gap_line_is_read_left_to_right() {
        let lines = vec![
            line(&[("§", 100), ("23", 130)], 100),
            line(&[("Dnr", 1500), ("KS", 1570), ("2024/12", 1620)], 100),
            line(&[("Budget", 100)], 140),
        ];
        assert_eq!(text(&lines), vec!["§ 23 Dnr KS 2024/12", "Budget"]);
    }
}
