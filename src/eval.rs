//! Repair quality metrics (CER, WER, fixed/broken words): a Rust port of
//! `../shared/tools/score.py` (outside the repository), with the same normalisation (NFC, soft hyphens
//! removed, bullet glyphs folded to "• ", whitespace collapsed) and the same
//! Levenshtein alignment as rapidfuzz's `Levenshtein.opcodes` (common affix
//! stripped, then rapidfuzz's traceback order over the full matrix).

use regex::Regex;
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// What score.py prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    pub cer: f64,
    pub wer: f64,
    pub gold_words: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cer_before: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wer_before: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub broken: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wrong_before: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wrong_after: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub broken_words: Option<Vec<String>>,
}

/// Python's `str.isspace`.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn bullets() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?m)^[ \t]*[•●▪◦‣∙·\-\x{2013}\x{2014}*][ \t]+([^\s\x1c-\x1f])")
            .expect("bullet regex")
    })
}

/// score.py's `norm`.
pub fn norm(text: &str) -> String {
    let t: String = text.nfc().filter(|&c| c != '\u{ad}').collect();
    let t = bullets().replace_all(&t, "• $1");
    t.split(py_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(normed: &str) -> Vec<&str> {
    normed.split(' ').collect()
}

/// Levenshtein distance (unit costs). Banded (Ukkonen): the band doubles
/// until the distance fits in it, so near-identical long texts are cheap.
pub fn distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let (a, b) = strip_affix(a, b).1;
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    let mut k = a.len().abs_diff(b.len()).max(32);
    loop {
        if let Some(d) = banded(a, b, k) {
            return d;
        }
        k *= 2;
    }
}

/// Distance if it is at most `k`, computing only cells with |i − j| ≤ k.
fn banded<T: PartialEq>(a: &[T], b: &[T], k: usize) -> Option<usize> {
    let (m, n) = (a.len(), b.len());
    if k >= m.max(n) {
        return Some(full(a, b));
    }
    const INF: usize = usize::MAX / 2;
    let mut prev = vec![INF; m + 1];
    let mut cur = vec![INF; m + 1];
    for (i, v) in prev.iter_mut().enumerate().take(k.min(m) + 1) {
        *v = i;
    }
    for j in 1..=n {
        let lo = j.saturating_sub(k);
        let hi = (j + k).min(m);
        if lo > 0 {
            cur[lo - 1] = INF;
        }
        for i in lo..=hi {
            cur[i] = if i == 0 {
                j
            } else {
                let sub = prev[i - 1] + usize::from(a[i - 1] != b[j - 1]);
                let del = cur[i - 1] + 1;
                let ins = prev[i] + 1;
                sub.min(del).min(ins)
            };
        }
        if hi < m {
            cur[hi + 1] = INF;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[m];
    (d <= k).then_some(d)
}

fn full<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut row: Vec<usize> = (0..=a.len()).collect();
    for (j, y) in b.iter().enumerate() {
        let mut diag = row[0];
        row[0] = j + 1;
        for (i, x) in a.iter().enumerate() {
            let up = row[i + 1];
            row[i + 1] = if x == y {
                diag
            } else {
                1 + diag.min(up).min(row[i])
            };
            diag = up;
        }
    }
    row[a.len()]
}

type Affix<'a, T> = (usize, (&'a [T], &'a [T]));

fn strip_affix<'a, T: PartialEq>(a: &'a [T], b: &'a [T]) -> Affix<'a, T> {
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[p..], &b[p..]);
    let s = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (p, (&a[..a.len() - s], &b[..b.len() - s]))
}

/// Indices of `src` matched exactly in `dest` (the "equal" opcode blocks of
/// rapidfuzz's `Levenshtein.opcodes(src, dest)`).
pub fn matched_positions<T: PartialEq>(src: &[T], dest: &[T]) -> BTreeSet<usize> {
    let (p, (s1, s2)) = strip_affix(src, dest);
    let mut ok: BTreeSet<usize> = (0..p).collect();
    let suffix = src.len() - p - s1.len();
    ok.extend(src.len() - suffix..src.len());
    let (m, n) = (s1.len(), s2.len());
    if m == 0 || n == 0 {
        return ok;
    }
    // full matrix D[row][col]: row = prefix of s2, col = prefix of s1
    let w = m + 1;
    let mut d = vec![0u32; (n + 1) * w];
    for (c, v) in d.iter_mut().take(w).enumerate() {
        *v = c as u32;
    }
    for r in 1..=n {
        d[r * w] = r as u32;
        for c in 1..=m {
            let sub = d[(r - 1) * w + c - 1] + u32::from(s1[c - 1] != s2[r - 1]);
            let del = d[r * w + c - 1] + 1;
            let ins = d[(r - 1) * w + c] + 1;
            d[r * w + c] = sub.min(del).min(ins);
        }
    }
    let at = |r: usize, c: usize| d[r * w + c] as i64;
    // rapidfuzz's recover_alignment: deletion when D rises along s1,
    // else step up a row; insertion when that row falls along s1, else a
    // match/replace.
    let (mut row, mut col) = (n, m);
    while row > 0 && col > 0 {
        if at(row, col) - at(row, col - 1) == 1 {
            col -= 1;
        } else {
            row -= 1;
            if row > 0 && at(row, col) - at(row, col - 1) == -1 {
                // insertion
            } else {
                col -= 1;
                if s1[col] == s2[row] {
                    ok.insert(p + col);
                }
            }
        }
    }
    ok
}

/// Score a repaired text (`hyp`) against `gold`; with `noisy` (the text
/// before repair) also what the repair fixed and broke.
pub fn score(gold: &str, hyp: &str, noisy: Option<&str>) -> EvalReport {
    let (g, h) = (norm(gold), norm(hyp));
    let (gc, hc): (Vec<char>, Vec<char>) = (g.chars().collect(), h.chars().collect());
    let (gw, hw) = (words(&g), words(&h));
    let mut r = EvalReport {
        cer: distance(&gc, &hc) as f64 / gc.len().max(1) as f64,
        wer: distance(&gw, &hw) as f64 / gw.len().max(1) as f64,
        gold_words: gw.len(),
        cer_before: None,
        wer_before: None,
        fixed: None,
        broken: None,
        wrong_before: None,
        wrong_after: None,
        broken_words: None,
    };
    if let Some(noisy) = noisy {
        let n = norm(noisy);
        let nc: Vec<char> = n.chars().collect();
        let nw = words(&n);
        r.cer_before = Some(distance(&gc, &nc) as f64 / gc.len().max(1) as f64);
        r.wer_before = Some(distance(&gw, &nw) as f64 / gw.len().max(1) as f64);
        let before = matched_positions(&gw, &nw);
        let after = matched_positions(&gw, &hw);
        r.fixed = Some(after.difference(&before).count());
        let broken: Vec<usize> = before.difference(&after).copied().collect();
        r.broken = Some(broken.len());
        r.wrong_before = Some(gw.len() - before.len());
        r.wrong_after = Some(gw.len() - after.len());
        let mut bw: Vec<String> = broken.iter().map(|&i| gw[i].to_string()).collect();
        bw.sort();
        bw.truncate(40);
        r.broken_words = Some(bw);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_folds_bullets_and_space() {
        assert_eq!(norm("- a\n  *\tb\u{ad}c  d\n"), "• a • bc d");
        assert_eq!(norm("x - y"), "x - y");
    }

    #[test]
    fn distance_basics() {
        let a: Vec<char> = "kitten".chars().collect();
        let b: Vec<char> = "sitting".chars().collect();
        assert_eq!(distance(&a, &b), 3);
        assert_eq!(distance::<char>(&[], &b), 7);
    }

    #[test]
    fn banded_matches_full() {
        let a: Vec<char> = "abcdefghij".repeat(20).chars().collect();
        let mut b = a.clone();
        b.remove(5);
        b.insert(100, 'x');
        b[150] = 'y';
        b.truncate(180);
        assert_eq!(distance(&a, &b), full(&a, &b));
        assert_eq!(banded(&a, &b, 1), None);
    }

    #[test]
    fn fixed_and_broken() {
        let r = score("a b c d", "a b x d", Some("a y c d"));
        assert_eq!((r.fixed, r.broken), (Some(1), Some(1)));
        assert_eq!(r.broken_words, Some(vec!["c".to_string()]));
        assert!((r.wer - 0.25).abs() < 1e-12);
    }
}
