//! Page layout as data: the positioned words of a page (from OCR or from a
//! PDF text layer) become lines with a role, and the page text is written in
//! reading order from the body lines only.
//!
//! Both sources go through the same reader, so a born-digital protocol and
//! its scan give the same text. One job per module: [`orientation`] (turned
//! pages), [`textlayer`] (positioned words of a PDF text layer), [`tables`]
//! (ruled tables in the image), [`furniture`] (running headers, footers,
//! page numbers; non-text marks), [`columns`] (reading order: columns and
//! label/value rows).

pub mod columns;
pub mod furniture;
pub mod orientation;
pub mod tables;
pub mod textlayer;

use crate::model::{self, Block, Role, Word};

/// One text line of a page with its words and role.
#[derive(Debug, Clone)]
pub struct Line {
    /// Index of the line's first word in the page's word list.
    pub first: usize,
    pub words: Vec<Word>,
    /// [left, top, width, height].
    pub bbox: [u32; 4],
    /// The source's block number (Tesseract block, pdftotext block).
    pub block: u32,
    pub role: Role,
}

impl Line {
    /// Build a line from words (at least one).
    pub fn new(first: usize, words: Vec<Word>, block: u32) -> Line {
        let bbox = union(words.iter().map(|w| w.bbox));
        Line {
            first,
            words,
            bbox,
            block,
            role: Role::Body,
        }
    }

    /// Words joined by single spaces.
    pub fn text(&self) -> String {
        join_words(&self.words)
    }

    /// Mean word confidence 0..1.
    pub fn confidence(&self) -> f32 {
        if self.words.is_empty() {
            return 0.0;
        }
        self.words.iter().map(|w| w.confidence).sum::<f32>() / self.words.len() as f32
    }
}

/// A page's layout before it is written out.
#[derive(Debug, Clone, Default)]
pub struct PageLayout {
    pub width: u32,
    pub height: u32,
    pub lines: Vec<Line>,
    pub tables: Vec<tables::Table>,
}

impl PageLayout {
    /// Lines from OCR words grouped as Tesseract grouped them.
    pub fn from_ocr(
        width: u32,
        height: u32,
        words: &[Word],
        lines: &[crate::ocr::OcrLine],
    ) -> Self {
        let lines = lines
            .iter()
            .filter(|l| !l.words.is_empty() && l.words.end <= words.len())
            .map(|l| Line::new(l.words.start, words[l.words.clone()].to_vec(), l.block))
            .collect();
        PageLayout {
            width,
            height,
            lines,
            tables: Vec::new(),
        }
    }

    /// Median height of the lines of two or more words, in pixels (the
    /// page's text size, ascenders to descenders); 40 when unknown.
    pub fn line_height(&self) -> f32 {
        let mut h: Vec<u32> = self
            .lines
            .iter()
            .filter(|l| l.words.len() >= 2)
            .map(|l| l.bbox[3])
            .collect();
        if h.is_empty() {
            h = self.lines.iter().map(|l| l.bbox[3]).collect();
        }
        if h.is_empty() {
            return 40.0;
        }
        h.sort_unstable();
        h[h.len() / 2].max(4) as f32
    }

    /// Cut every line at its column gaps, so that a header cell, a Dnr at
    /// the margin or one column of a list is a line of its own whatever the
    /// source grouped together.
    pub fn split_at_gaps(&mut self) {
        let lh = self.line_height();
        let mut out = Vec::with_capacity(self.lines.len());
        for l in self.lines.drain(..) {
            let mut start = 0;
            for i in 1..=l.words.len() {
                if i == l.words.len() || columns::is_gap(&l.words[i - 1], &l.words[i], lh) {
                    if start == 0 && i == l.words.len() {
                        out.push(l.clone());
                        break;
                    }
                    let mut part = Line::new(l.first + start, l.words[start..i].to_vec(), l.block);
                    part.role = l.role;
                    out.push(part);
                    start = i;
                }
            }
        }
        self.lines = out;
    }

    /// The page text in reading order: body lines and tables.
    pub fn text(&self) -> String {
        let lh = self.line_height();
        let in_text = |r: Role| r == Role::Body;
        let mut items: Vec<(u32, Vec<String>)> = Vec::new();
        // Lines between tables are read as one flow each.
        let tables = || self.tables.iter().filter(|t| t.role == Role::Table);
        let mut bounds: Vec<(u32, u32)> = tables().map(|t| (t.top(), t.bottom())).collect();
        bounds.sort_unstable();
        let mut flows: Vec<Vec<&Line>> = vec![Vec::new(); bounds.len() + 1];
        for l in self.lines.iter().filter(|l| in_text(l.role)) {
            let cy = l.bbox[1] + l.bbox[3] / 2;
            let k = bounds.iter().filter(|b| cy >= b.1).count();
            flows[k].push(l);
        }
        for (k, f) in flows.iter().enumerate() {
            let top = if k == 0 { 0 } else { bounds[k - 1].1 };
            items.push((top, columns::read(f, lh)));
        }
        for t in tables() {
            items.push((t.top(), t.text_lines(lh)));
        }
        items.sort_by_key(|(y, _)| *y);
        let mut out = String::new();
        for (_, lines) in items {
            for l in lines {
                out.push_str(&l);
                out.push('\n');
            }
        }
        out
    }

    /// The layout as JSON blocks: consecutive lines of one source block and
    /// one role form a block; tables are blocks with rows.
    pub fn blocks(&self, with_words: bool) -> Vec<Block> {
        let mut out: Vec<(u32, Block)> = Vec::new();
        let mut cur: Option<(u32, Role, Vec<&Line>)> = None;
        let flush = |cur: &mut Option<(u32, Role, Vec<&Line>)>, out: &mut Vec<(u32, Block)>| {
            if let Some((_, role, ls)) = cur.take() {
                let bbox = union(ls.iter().map(|l| l.bbox));
                out.push((
                    bbox[1],
                    Block {
                        role,
                        bbox,
                        lines: ls.iter().map(|l| model_line(l, with_words)).collect(),
                        rows: Vec::new(),
                    },
                ));
            }
        };
        for l in &self.lines {
            match &mut cur {
                Some((b, r, ls)) if *b == l.block && *r == l.role => ls.push(l),
                _ => {
                    flush(&mut cur, &mut out);
                    cur = Some((l.block, l.role, vec![l]));
                }
            }
        }
        flush(&mut cur, &mut out);
        // Tables go where they stand; the rest keeps the source's order.
        let mut tables: Vec<Block> = self.tables.iter().map(tables::Table::block).collect();
        tables.sort_by_key(|b| b.bbox[1]);
        let rest = out;
        let mut merged: Vec<Block> = Vec::new();
        let mut ti = tables.into_iter().peekable();
        for (y, b) in rest {
            while ti.peek().is_some_and(|t| t.bbox[1] <= y) {
                merged.push(ti.next().expect("peeked"));
            }
            merged.push(b);
        }
        merged.extend(ti);
        merged
    }
}

fn model_line(l: &Line, with_words: bool) -> model::Line {
    model::Line {
        text: l.text(),
        bbox: l.bbox,
        confidence: l.confidence(),
        words: with_words.then_some([l.first, l.first + l.words.len()]),
    }
}

/// Words joined by single spaces.
pub fn join_words(words: &[Word]) -> String {
    let mut s = String::new();
    for w in words {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&w.text);
    }
    s
}

/// The smallest box around boxes ([left, top, width, height]).
pub fn union(boxes: impl Iterator<Item = [u32; 4]>) -> [u32; 4] {
    let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
    for b in boxes {
        x0 = x0.min(b[0]);
        y0 = y0.min(b[1]);
        x1 = x1.max(b[0] + b[2]);
        y1 = y1.max(b[1] + b[3]);
    }
    if x0 > x1 {
        return [0; 4];
    }
    [x0, y0, x1 - x0, y1 - y0]
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn w(text: &str, x: u32, y: u32, wd: u32) -> Word {
        Word {
            text: text.into(),
            confidence: 0.9,
            bbox: [x, y, wd, 30],
        }
    }

    #[test]
    fn union_of_boxes() {
        assert_eq!(
            union([[10, 10, 5, 5], [0, 12, 4, 10]].into_iter()),
            [0, 10, 15, 12]
        );
        assert_eq!(union(std::iter::empty()), [0; 4]);
    }

    #[test]
    fn furniture_is_left_out_of_text_and_kept_in_blocks() {
        let mut p = PageLayout {
            width: 2000,
            height: 3000,
            lines: vec![
                Line::new(0, vec![w("Sida", 1700, 50, 80), w("2", 1790, 50, 20)], 1),
                Line::new(2, vec![w("Hej", 100, 500, 80)], 2),
            ],
            tables: Vec::new(),
        };
        p.lines[0].role = Role::PageNumber;
        assert_eq!(p.text(), "Hej\n");
        let b = p.blocks(false);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].role, Role::PageNumber);
        assert_eq!(b[0].lines[0].words, None);
    }
}
