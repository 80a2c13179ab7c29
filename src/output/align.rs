//! The repaired text's words on the page: each whitespace-separated word
//! of a page's share of the document `text` gets the box and confidence of
//! the OCR word(s) it was read from, and the OCR's reading where repair
//! changed it.
//!
//! Repair logs every change it makes (`corrections`), so undoing them gives
//! the text as read; that text was written from the page's words in reading
//! order (a layout line or a piece of one at a time), so its words are found
//! among the page's words in runs of consecutive indices.

use crate::model::{Correction, Document, Page, Word};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// One word of the repaired text.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// The word as repaired.
    pub text: &'a str,
    /// Byte offsets in the document `text`.
    pub start: usize,
    pub end: usize,
    /// The OCR's reading when repair changed the word.
    pub original: Option<String>,
    /// [left, top, width, height] in page pixels: the OCR word's box, or an
    /// estimate beside its neighbours when no OCR word matched.
    pub bbox: Option<[u32; 4]>,
    /// Whether `bbox` is an OCR word's box (not an estimate).
    pub located: bool,
    /// OCR word confidence 0..1.
    pub confidence: Option<f32>,
}

/// A page's text as lines of tokens; an empty line is a paragraph break.
#[derive(Debug, Clone, Default)]
pub struct PageText<'a> {
    pub lines: Vec<Vec<Token<'a>>>,
}

/// Align every page of a document.
pub fn align(doc: &Document) -> Vec<PageText<'_>> {
    let mut corr: Vec<&Correction> = doc.corrections.iter().collect();
    corr.sort_by_key(|c| c.start);
    doc.pages
        .iter()
        .map(|p| align_page(&doc.text, p, &corr))
        .collect()
}

/// A stretch of the page text: repaired range, raw range, changed or not.
struct Seg {
    rep: (usize, usize),
    raw: (usize, usize),
    changed: bool,
}

fn align_page<'a>(text: &'a str, page: &Page, corr: &[&Correction]) -> PageText<'a> {
    let (ps, pe) = (page.start.min(text.len()), page.end.min(text.len()));
    let undone = Undone::new(text, ps, pe, corr);
    let words = with_cell_words(page);
    let mut matcher = Matcher::new(&words);
    let mut lines: Vec<Vec<Token<'a>>> = Vec::new();
    let mut line_start = ps;
    for line in text[ps..pe].split('\n') {
        let mut toks = Vec::new();
        for (off, w) in words_of(line) {
            let start = line_start + off;
            let read = undone.read(start, start + w.len());
            let found: Vec<usize> = read
                .split_whitespace()
                .filter_map(|rw| matcher.find(rw))
                .collect();
            let bbox = (!found.is_empty())
                .then(|| crate::layout::union(found.iter().map(|&i| words[i].bbox)));
            // A re-read cell's words have no OCR confidence of their own.
            let ocr = !found.is_empty() && found.iter().all(|&i| i < page.words.len());
            let confidence = ocr.then(|| {
                found
                    .iter()
                    .map(|&i| words[i].confidence)
                    .fold(1.0f32, f32::min)
                    .clamp(0.0, 1.0)
            });
            toks.push(Token {
                text: w,
                start,
                end: start + w.len(),
                original: (read != w && !read.is_empty()).then(|| read.to_string()),
                located: bbox.is_some(),
                bbox,
                confidence,
            });
        }
        estimate_boxes(&mut toks);
        lines.push(toks);
        line_start += line.len() + 1;
    }
    // A trailing newline leaves one empty last line: not a paragraph break.
    while lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    PageText { lines }
}

/// A page's text as read, with the corrections undone, in stretches that
/// map the repaired text onto it.
struct Undone {
    raw: String,
    segs: Vec<Seg>,
}

impl Undone {
    /// The text from `ps` to `pe` with every correction inside it undone.
    fn new(text: &str, ps: usize, pe: usize, corr: &[&Correction]) -> Undone {
        let mut u = Undone {
            raw: String::with_capacity(pe - ps + 16),
            segs: Vec::new(),
        };
        let mut pos = ps;
        for c in corr
            .iter()
            .filter(|c| c.start >= ps && c.end <= pe && c.start <= c.end)
        {
            if c.start < pos || !text.is_char_boundary(c.start) || !text.is_char_boundary(c.end) {
                continue;
            }
            if c.start > pos {
                u.push((pos, c.start), &text[pos..c.start], false);
            }
            u.push((c.start, c.end), &c.original, true);
            pos = c.end;
        }
        if pe > pos {
            u.push((pos, pe), &text[pos..pe], false);
        }
        u
    }

    fn push(&mut self, rep: (usize, usize), read: &str, changed: bool) {
        let r0 = self.raw.len();
        self.raw.push_str(read);
        self.segs.push(Seg {
            rep,
            raw: (r0, self.raw.len()),
            changed,
        });
    }

    /// Where a position in the repaired text falls in the text as read: a
    /// changed stretch maps as a whole.
    fn to_raw(&self, at: usize, is_end: bool) -> usize {
        for s in &self.segs {
            let inside = if is_end {
                at > s.rep.0 && at <= s.rep.1
            } else {
                at >= s.rep.0 && at < s.rep.1
            };
            if inside {
                return if !s.changed {
                    s.raw.0 + (at - s.rep.0)
                } else if is_end {
                    s.raw.1
                } else {
                    s.raw.0
                };
            }
        }
        self.raw.len()
    }

    /// What was read where the repaired text has `start..end`.
    fn read(&self, start: usize, end: usize) -> &str {
        let (r0, r1) = (self.to_raw(start, false), self.to_raw(end, true));
        self.raw.get(r0..r1.max(r0)).unwrap_or("")
    }
}

/// The page's OCR words, followed by the words of table cells that were
/// read on their own (those are not among the page's words). A cell's words
/// get boxes inside the cell: one text line per line of the cell, at the
/// page's usual word height, each word as wide as its letters.
fn with_cell_words(page: &Page) -> std::borrow::Cow<'_, [Word]> {
    let cells: Vec<&crate::model::Cell> = page
        .blocks
        .iter()
        .flat_map(|b| b.rows.iter().flatten())
        .filter(|c| c.reread && !c.text.trim().is_empty())
        .collect();
    if cells.is_empty() {
        return std::borrow::Cow::Borrowed(&page.words);
    }
    let mut heights: Vec<u32> = page.words.iter().map(|w| w.bbox[3]).collect();
    heights.sort_unstable();
    let usual = heights.get(heights.len() / 2).copied();
    let mut words = page.words.clone();
    for c in cells {
        let [left, top, width, height] = c.bbox;
        let lines: Vec<&str> = c.text.lines().filter(|l| !l.trim().is_empty()).collect();
        let slot = height / u32::try_from(lines.len()).unwrap_or(u32::MAX).max(1);
        let h = usual.unwrap_or(slot / 2).clamp(1, slot.max(1));
        let pad = h / 3;
        for (k, line) in (0u32..).zip(&lines) {
            let y = top + k * slot + slot.saturating_sub(h) / 2;
            let mut x = left + pad;
            for (_, w) in words_of(line) {
                let chars = u32::try_from(w.chars().count()).unwrap_or(u32::MAX);
                let ww = (chars * h / 2).clamp(1, (left + width).saturating_sub(x).max(1));
                words.push(Word {
                    text: w.to_string(),
                    // not used: see `align_page`
                    confidence: 0.0,
                    bbox: [x, y, ww, h],
                });
                x = (x + ww + h / 3).min(left + width);
            }
        }
    }
    std::borrow::Cow::Owned(words)
}

/// The whitespace-separated words of a line with their byte offsets.
fn words_of(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}

/// Tokens no OCR word matched (a table cell read on its own, a word the
/// reader split or joined) get a box beside their line's neighbours, sized
/// by their letters, so a search hit lands on the right line.
fn estimate_boxes(toks: &mut [Token<'_>]) {
    for i in 0..toks.len() {
        if toks[i].bbox.is_some() {
            continue;
        }
        let chars = toks[i].text.chars().count() as u32;
        if let Some(p) = toks[..i].iter().rev().find_map(|t| t.bbox) {
            let h = p[3].max(1);
            toks[i].bbox = Some([p[0] + p[2] + h / 3, p[1], (chars * h / 2).max(1), h]);
        } else if let Some(n) = toks[i + 1..]
            .iter()
            .find_map(|t| t.located.then_some(t.bbox?))
        {
            let h = n[3].max(1);
            let w = (chars * h / 2).max(1);
            toks[i].bbox = Some([n[0].saturating_sub(w + h / 3), n[1], w, h]);
        }
    }
}

/// Finds the words of the text as read among the page's OCR words, each
/// word used once.
struct Matcher<'w> {
    words: &'w [Word],
    keys: Vec<String>,
    used: Vec<bool>,
    by_text: HashMap<String, Vec<usize>>,
    prev: Option<usize>,
}

impl<'w> Matcher<'w> {
    fn new(words: &'w [Word]) -> Self {
        let keys: Vec<String> = words.iter().map(|w| w.text.nfc().collect()).collect();
        let mut by_text: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            by_text.entry(k.clone()).or_default().push(i);
        }
        Matcher {
            words,
            used: vec![false; words.len()],
            keys,
            by_text,
            prev: None,
        }
    }

    /// The next unused OCR word reading `w`: the one after the last match
    /// when it fits, else the first unused one with that text.
    fn find(&mut self, w: &str) -> Option<usize> {
        let next = self.prev.map_or(0, |p| p + 1);
        let pick = if next < self.words.len() && !self.used[next] && self.keys[next] == w {
            Some(next)
        } else {
            // the nearest unused one after the last match, else the first
            let free = self
                .by_text
                .get(w)
                .map(|v| v.iter().copied().filter(|&i| !self.used[i]));
            free.clone()
                .and_then(|mut f| f.find(|&i| i >= next))
                .or_else(|| free.and_then(|mut f| f.next()))
        };
        if let Some(i) = pick {
            self.used[i] = true;
            self.prev = Some(i);
        }
        pick
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_their_offsets() {
        let v = words_of("  ab \u{a0}c d");
        assert_eq!(v, vec![(2, "ab"), (7, "c"), (9, "d")]);
    }
}
