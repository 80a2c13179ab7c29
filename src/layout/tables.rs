//! Ruled tables: found from the rules printed in the image, read cell by
//! cell, row by row.
//!
//! Horizontal and vertical rules are long thin runs of ink in the binarized
//! page (a run may have small breaks: scans are noisy). Rules that cross
//! form a grid; a grid of at least two horizontal and two vertical rules is
//! a table. Each row band has its own column boundaries (the vertical rules
//! that cross its middle), so merged cells need no special case. Words go
//! to the cell that holds their middle.

use super::{Line, PageLayout};
use crate::model::{Block, Cell, Role, Word};
use image::GrayImage;

/// One ruled table.
#[derive(Debug, Clone)]
pub struct Table {
    /// [left, top, right, bottom] of the outer rules.
    pub frame: [u32; 4],
    /// Rows of cells.
    pub rows: Vec<Vec<TableCell>>,
    /// [`Role::Table`], or a running header or footer printed as a ruled
    /// box on every page (out of the text, kept in JSON).
    pub role: Role,
}

/// One cell between rules.
#[derive(Debug, Clone)]
pub struct TableCell {
    /// [left, top, right, bottom] between the rules.
    pub frame: [u32; 4],
    pub words: Vec<Word>,
    /// Text read again for the cell alone (when `words` is empty).
    pub reread: Option<String>,
}

impl TableCell {
    /// The cell's logical lines: words grouped by baseline, a line that
    /// starts in lower case joined to the line above (a wrapped label).
    pub fn lines(&self) -> Vec<String> {
        if let Some(t) = &self.reread {
            return join_wrapped(t.lines().map(str::to_string).collect());
        }
        let mut ws = self.words.clone();
        ws.sort_by_key(|w| (w.bbox[1] + w.bbox[3] / 2, w.bbox[0]));
        let mut rows: Vec<Vec<Word>> = Vec::new();
        for w in ws {
            let mid = w.bbox[1] + w.bbox[3] / 2;
            match rows.last_mut() {
                Some(r)
                    if r.iter()
                        .any(|q| mid >= q.bbox[1] && mid <= q.bbox[1] + q.bbox[3]) =>
                {
                    r.push(w)
                }
                _ => rows.push(vec![w]),
            }
        }
        let lines = rows
            .into_iter()
            .map(|mut r| {
                r.sort_by_key(|w| w.bbox[0]);
                super::join_words(&r)
            })
            .collect();
        join_wrapped(lines)
    }
}

fn join_wrapped(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines
        .into_iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
    {
        let wraps = l
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_lowercase)
            && out.last().is_some_and(|p| !p.ends_with([':', '.', ',']));
        match out.last_mut() {
            Some(p) if wraps => {
                p.push(' ');
                p.push_str(&l);
            }
            _ => out.push(l),
        }
    }
    out
}

impl Table {
    /// The table found on an image at another resolution, in this page's
    /// pixels: every rule position multiplied by `k`.
    pub fn scaled(mut self, k: f32) -> Table {
        let sc = |f: &mut [u32; 4]| {
            for v in f.iter_mut() {
                *v = (*v as f32 * k).round() as u32;
            }
        };
        sc(&mut self.frame);
        for c in self.rows.iter_mut().flatten() {
            sc(&mut c.frame);
        }
        self
    }

    pub fn top(&self) -> u32 {
        self.frame[1]
    }
    pub fn bottom(&self) -> u32 {
        self.frame[3]
    }

    /// The table in reading order: per row, the first line of every cell
    /// on one line, then each cell's further lines.
    pub fn text_lines(&self, _lh: f32) -> Vec<String> {
        let mut out = Vec::new();
        for row in &self.rows {
            let cells: Vec<Vec<String>> = row.iter().map(TableCell::lines).collect();
            let first: Vec<&str> = cells
                .iter()
                .filter_map(|c| c.first().map(String::as_str))
                .collect();
            if first.is_empty() {
                continue;
            }
            // Cells apart by a tab, so that readers of the text (the header's
            // participant tables, vote tables) still see the columns.
            out.push(first.join("\t"));
            for c in &cells {
                out.extend(c.iter().skip(1).cloned());
            }
        }
        out
    }

    /// The table as a JSON block.
    pub fn block(&self) -> Block {
        let bx = |f: [u32; 4]| [f[0], f[1], f[2] - f[0], f[3] - f[1]];
        let lines = self
            .text_lines(0.0)
            .into_iter()
            .map(|t| crate::model::Line {
                text: t,
                bbox: bx(self.frame),
                confidence: 1.0,
                words: None,
            })
            .collect();
        Block {
            role: self.role,
            bbox: bx(self.frame),
            lines,
            rows: self
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| Cell {
                            text: c.lines().join("\n"),
                            bbox: bx(c.frame),
                            reread: c.reread.is_some(),
                        })
                        .collect()
                })
                .collect(),
        }
    }
}

/// A rule: fixed coordinate `at` (y for horizontal, x for vertical) and its
/// extent `from..to` along the other axis.
#[derive(Debug, Clone, Copy)]
struct Rule {
    at: u32,
    from: u32,
    to: u32,
}

/// Largest break inside a rule, pixels.
const BREAK: u32 = 4;

/// Runs of ink along rows (`vertical` false) or columns, at least
/// `min_len` long, each position ORed over 3 neighbours across (so a rule
/// that drifts by a pixel is still one run), merged across neighbours.
fn rules(img: &GrayImage, vertical: bool, min_len: u32) -> Vec<Rule> {
    let (w, h) = img.dimensions();
    let px = img.as_raw();
    let (n_at, n_along) = if vertical { (w, h) } else { (h, w) };
    let ink = |at: u32, along: u32| -> bool {
        let (x, y) = if vertical { (at, along) } else { (along, at) };
        px[(y * w + x) as usize] < 128
    };
    let mut found: Vec<Rule> = Vec::new();
    for at in 1..n_at.saturating_sub(1) {
        let mut start: Option<u32> = None;
        let mut last_ink = 0u32;
        for along in 0..=n_along {
            let on =
                along < n_along && (ink(at - 1, along) || ink(at, along) || ink(at + 1, along));
            if on {
                if start.is_none() {
                    start = Some(along);
                }
                last_ink = along;
            } else if let Some(s) = start {
                if along - last_ink > BREAK || along == n_along {
                    if last_ink - s + 1 >= min_len {
                        found.push(Rule {
                            at,
                            from: s,
                            to: last_ink,
                        });
                    }
                    start = None;
                }
            }
        }
    }
    // Merge runs on neighbouring positions (a rule's thickness).
    found.sort_by_key(|r| (r.at, r.from));
    let mut merged: Vec<Rule> = Vec::new();
    for r in found {
        if let Some(m) = merged
            .iter_mut()
            .rev()
            .take(8)
            .find(|m| r.at <= m.at + 3 && r.from < m.to && m.from < r.to)
        {
            m.at = r.at.max(m.at).min(m.at + 1);
            m.from = m.from.min(r.from);
            m.to = m.to.max(r.to);
        } else {
            merged.push(r);
        }
    }
    merged
}

/// Find ruled tables in a binarized page image (ink 0, paper 255).
pub fn find(img: &GrayImage, lh: f32) -> Vec<Table> {
    let (w, _) = img.dimensions();
    let hs = rules(img, false, (w / 8).max(60));
    if hs.len() < 2 {
        return Vec::new();
    }
    let vs = rules(img, true, ((2.0 * lh) as u32).max(40));
    let tol = (lh / 2.0) as u32 + 3;
    let crosses = |h: &Rule, v: &Rule| {
        v.at + tol >= h.from && v.at <= h.to + tol && h.at + tol >= v.from && h.at <= v.to + tol
    };
    // Connected components of crossing rules.
    let n = hs.len() + vs.len();
    let mut comp: Vec<usize> = (0..n).collect();
    fn root(c: &mut [usize], mut i: usize) -> usize {
        while c[i] != i {
            c[i] = c[c[i]];
            i = c[i];
        }
        i
    }
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if crosses(h, v) {
                let (a, b) = (root(&mut comp, i), root(&mut comp, hs.len() + j));
                comp[a] = b;
            }
        }
    }
    let mut tables = Vec::new();
    let mut roots: Vec<usize> = (0..n).map(|i| root(&mut comp, i)).collect();
    let all = roots.clone();
    roots.sort_unstable();
    roots.dedup();
    for r in roots {
        let th: Vec<Rule> = (0..hs.len())
            .filter(|&i| all[i] == r)
            .map(|i| hs[i])
            .collect();
        let tv: Vec<Rule> = (0..vs.len())
            .filter(|&j| all[hs.len() + j] == r)
            .map(|j| vs[j])
            .collect();
        if th.len() < 2 || tv.len() < 2 {
            continue;
        }
        if let Some(t) = grid(&th, &tv, tol) {
            tables.push(t);
        }
    }
    tables
}

/// Rows and cells from the rules of one table.
fn grid(hs: &[Rule], vs: &[Rule], tol: u32) -> Option<Table> {
    let mut ys: Vec<u32> = hs.iter().map(|h| h.at).collect();
    ys.sort_unstable();
    ys.dedup_by(|a, b| a.abs_diff(*b) <= tol);
    let left = vs.iter().map(|v| v.at).min()?;
    let right = vs.iter().map(|v| v.at).max()?;
    if ys.len() < 2 || right <= left + 2 * tol {
        return None;
    }
    let mut rows = Vec::new();
    for band in ys.windows(2) {
        let (y0, y1) = (band[0], band[1]);
        if y1 <= y0 + tol {
            continue;
        }
        let mid = (y0 + y1) / 2;
        let mut xs: Vec<u32> = vs
            .iter()
            .filter(|v| v.from <= mid && v.to >= mid)
            .map(|v| v.at)
            .collect();
        xs.sort_unstable();
        xs.dedup_by(|a, b| a.abs_diff(*b) <= tol);
        if xs.len() < 2 {
            continue;
        }
        let cells = xs
            .windows(2)
            .map(|c| TableCell {
                frame: [c[0], y0, c[1], y1],
                words: Vec::new(),
                reread: None,
            })
            .collect();
        rows.push(cells);
    }
    if rows.is_empty() {
        return None;
    }
    let top = ys[0];
    let bottom = *ys.last()?;
    Some(Table {
        frame: [left, top, right, bottom],
        rows,
        role: Role::Table,
    })
}

/// Move the words inside the tables' cells out of the page's lines.
pub fn fill(p: &mut PageLayout, tables: Vec<Table>) {
    let mut tables = tables;
    let mut lines = Vec::with_capacity(p.lines.len());
    for l in p.lines.drain(..) {
        let mut keep: Vec<(usize, Word)> = Vec::new();
        for (k, w) in l.words.iter().enumerate() {
            let (cx, cy) = (w.bbox[0] + w.bbox[2] / 2, w.bbox[1] + w.bbox[3] / 2);
            let cell = tables
                .iter_mut()
                .flat_map(|t| t.rows.iter_mut().flatten())
                .find(|c| {
                    cx >= c.frame[0] && cx < c.frame[2] && cy >= c.frame[1] && cy < c.frame[3]
                });
            match cell {
                Some(c) => c.words.push(w.clone()),
                None => keep.push((k, w.clone())),
            }
        }
        if keep.len() == l.words.len() {
            lines.push(l);
        } else {
            // Consecutive kept words stay one line.
            let mut run: Vec<Word> = Vec::new();
            let mut first = 0;
            let mut prev: Option<usize> = None;
            for (k, w) in keep {
                if prev.is_some_and(|p| p + 1 != k) && !run.is_empty() {
                    lines.push(Line::new(
                        l.first + first,
                        std::mem::take(&mut run),
                        l.block,
                    ));
                }
                if run.is_empty() {
                    first = k;
                }
                run.push(w);
                prev = Some(k);
            }
            if !run.is_empty() {
                lines.push(Line::new(l.first + first, run, l.block));
            }
        }
    }
    p.lines = lines;
    p.tables = tables;
}

/// Cells with no words but with ink inside (text the page-level pass
/// missed): (row, column, rectangle [left, top, width, height] inside the
/// rules).
pub fn empty_inked_cells(t: &Table, img: &GrayImage, lh: f32) -> Vec<(usize, usize, [u32; 4])> {
    // Ink enough for text: 1% of the cell, or a short word's worth (a
    // "Ja" in a wide cell is under 1%), but more than speckle.
    let word_ink = 0.15 * lh * lh;
    let mut out = Vec::new();
    for (ri, row) in t.rows.iter().enumerate() {
        for (ci, c) in row.iter().enumerate() {
            // Empty: no word of two letters or digits read with confidence.
            let readable = c.words.iter().any(|w| {
                w.confidence >= 0.5 && w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 2
            });
            if readable
                || c.words
                    .iter()
                    .any(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 4)
            {
                continue;
            }
            let m = 6;
            let [x0, y0, x1, y1] = c.frame;
            if x1 <= x0 + 3 * m || y1 <= y0 + 3 * m {
                continue;
            }
            let rect = [x0 + m, y0 + m, x1 - x0 - 2 * m, y1 - y0 - 2 * m];
            let mut ink = 0u32;
            for y in rect[1]..rect[1] + rect[3] {
                for x in rect[0]..rect[0] + rect[2] {
                    if img.get_pixel(x, y)[0] < 128 {
                        ink += 1;
                    }
                }
            }
            let need = (0.01 * (rect[2] * rect[3]) as f32).min(word_ink).max(30.0);
            if ink as f32 >= need {
                out.push((ri, ci, rect));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A 3x2 grid of rules on a white page.
    fn grid_page() -> GrayImage {
        let mut img = GrayImage::from_pixel(1000, 800, Luma([255]));
        for y in [100u32, 200, 300, 400] {
            for x in 100..900 {
                for t in 0..3 {
                    img.put_pixel(x, y + t, Luma([0]));
                }
            }
        }
        for x in [100u32, 400, 900] {
            for y in 100..403 {
                for t in 0..3 {
                    img.put_pixel(x + t, y, Luma([0]));
                }
            }
        }
        img
    }

    #[test]
    fn a_grid_is_a_table_with_rows_of_cells() {
        let t = find(&grid_page(), 30.0);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows.len(), 3);
        assert!(t[0].rows.iter().all(|r| r.len() == 2));
    }

    #[test]
    fn words_fill_cells_and_read_row_by_row() {
        let img = grid_page();
        let tables = find(&img, 30.0);
        let w = |t: &str, x: u32, y: u32| Word {
            text: t.into(),
            confidence: 0.9,
            bbox: [x, y, 60, 30],
        };
        let mut p = PageLayout {
            width: 1000,
            height: 800,
            lines: vec![
                Line::new(0, vec![w("Ledamot", 120, 130), w("Ja", 450, 130)], 1),
                Line::new(2, vec![w("Anna", 120, 230), w("X", 450, 230)], 1),
                Line::new(4, vec![w("Efter", 120, 600)], 2),
            ],
            tables: Vec::new(),
        };
        fill(&mut p, tables);
        assert_eq!(p.lines.len(), 1);
        assert_eq!(p.tables[0].text_lines(30.0), vec!["Ledamot\tJa", "Anna\tX"]);
        assert_eq!(p.text(), "Ledamot\tJa\nAnna\tX\nEfter\n");
    }

    #[test]
    fn wrapped_cell_lines_are_joined() {
        assert_eq!(
            join_wrapped(vec![
                "Justeringens plats".into(),
                "och tid".into(),
                "Anna".into()
            ]),
            vec!["Justeringens plats och tid", "Anna"]
        );
    }
}
