//! The frequency lexicon as a character trie, for the candidate search.
//!
//! The search steps through the lexicon one gold letter at a time and,
//! at every step, asks for a node's child by letter (identity, learned
//! rules, å/ä/ö) and sometimes for all its children (generic edits). A
//! byte-level FST answers these by decoding packed nodes, two levels deep
//! for å/ä/ö. Here each node is a fixed-size record and its children are
//! contiguous (breadth-first layout), so a child lookup is a short scan of
//! a `char` slice and a letter is always one step.
//!
//! Every node also stores the smallest cost of any word at or below it
//! (`min_below`), the lower bound that lets the A* search prune a path
//! before it reaches a word, and the cost of the word ending at it, if any.
//! Costs are `(8 − zipf) × 100`, as in the word list.
//!
//! Built once at load from the sorted word list (the whole lexicon loads in
//! ≈ 37 ms, see `BENCHMARKS.md`); 200k words give ≈ 515k nodes, ≈ 10 MB.

/// Index of a node; the root is [`Trie::ROOT`].
pub type NodeId = u32;

/// Marks a node where no word ends.
const NOT_FINAL: u16 = u16::MAX;

/// The letters a child lookup can find from a bit mask, in code point
/// order (the order of the children): a–z, ä, å, é, ö, ü.
#[inline]
fn alpha_bit(c: char) -> Option<u32> {
    match c {
        'a'..='z' => Some(c as u32 - 'a' as u32),
        'ä' => Some(26),
        'å' => Some(27),
        'é' => Some(28),
        'ö' => Some(29),
        'ü' => Some(30),
        _ => None,
    }
}

/// `Rec::flags`: some child that is not in the mask sorts after 'a', so
/// ranks from the mask would be wrong and lookups scan instead.
const ODD_MID: u8 = 1;

#[derive(Clone, Copy)]
struct Rec {
    /// Index of the first child; the children of `n` are
    /// `recs[n].first .. recs[n + 1].first`.
    first: u32,
    /// Which of the [`alpha_bit`] letters have a child.
    mask: u32,
    /// Smallest cost of a word at or below this node / 100 (zipf units),
    /// the bound the search prunes with.
    min_f: f32,
    /// Cost of the word ending here, or `NOT_FINAL`.
    fin: u16,
    /// Number of children that sort before 'a' (digits, punctuation).
    low: u8,
    flags: u8,
}

const EMPTY: Rec = Rec {
    first: 0,
    mask: 0,
    min_f: 0.0,
    fin: NOT_FINAL,
    low: 0,
    flags: 0,
};

/// A breadth-first character trie of lowercase words with costs.
pub struct Trie {
    recs: Vec<Rec>,
    /// The letter on the edge into each node (the root's is unused).
    labels: Vec<char>,
    /// The root's children by letter below U+0100 (every word and every
    /// compound part starts there), `u32::MAX` for none.
    root_kids: Box<[u32; 256]>,
}

impl std::fmt::Debug for Trie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Trie")
            .field("nodes", &self.labels.len())
            .finish()
    }
}

impl Trie {
    /// The root node (the empty prefix).
    pub const ROOT: NodeId = 0;

    /// Build from `(word, cost)` pairs sorted by the bytes of the word,
    /// without duplicates (out-of-order or repeated words are skipped).
    pub fn build<'a>(entries: impl IntoIterator<Item = (&'a str, u16)>) -> Trie {
        let mut words: Vec<(&str, u16)> = Vec::new();
        for (w, c) in entries {
            if w.is_empty() || words.last().is_some_and(|l| l.0.as_bytes() >= w.as_bytes()) {
                continue;
            }
            words.push((w, c.min(NOT_FINAL - 1)));
        }
        // Level by level: a node owns the contiguous range of (sorted)
        // words that start with its prefix; its children split that range
        // by the next letter. `cur[k]` is the byte offset of word k's next
        // letter.
        let mut cur = vec![0usize; words.len()];
        let mut recs = vec![EMPTY];
        let mut labels = vec!['\0'];
        let mut level: Vec<(usize, usize)> = vec![(0, words.len())];
        let mut level_start = 0usize;
        while !level.is_empty() {
            let mut next: Vec<(usize, usize)> = Vec::new();
            for (i, &(a, b)) in level.iter().enumerate() {
                let n = level_start + i;
                recs[n].first = recs.len() as u32;
                let mut k = a;
                // a word that ends here sorts first in the range
                if k < b && cur[k] == words[k].0.len() {
                    recs[n].fin = words[k].1;
                    k += 1;
                }
                while k < b {
                    let c = words[k].0[cur[k]..].chars().next().unwrap_or('\0');
                    let start = k;
                    while k < b && words[k].0[cur[k]..].starts_with(c) {
                        cur[k] += c.len_utf8();
                        k += 1;
                    }
                    match alpha_bit(c) {
                        Some(bit) => recs[n].mask |= 1 << bit,
                        None if c < 'a' => recs[n].low = recs[n].low.saturating_add(1),
                        None => recs[n].flags |= ODD_MID,
                    }
                    if recs[n].low == u8::MAX {
                        recs[n].flags |= ODD_MID;
                    }
                    recs.push(EMPTY);
                    labels.push(c);
                    next.push((start, k));
                }
            }
            level_start += level.len();
            level = next;
        }
        let total = recs.len();
        // sentinel so that `recs[n + 1].first` exists for the last node
        recs.push(Rec {
            first: total as u32,
            ..EMPTY
        });
        let mut min_below = vec![NOT_FINAL; total];
        for n in (0..total).rev() {
            let (a, b) = (recs[n].first as usize, recs[n + 1].first as usize);
            let m = min_below[a..b].iter().copied().fold(recs[n].fin, u16::min);
            min_below[n] = m;
            recs[n].min_f = f32::from(m) / 100.0;
        }
        let mut root_kids = Box::new([u32::MAX; 256]);
        for k in recs[0].first..recs[1].first {
            let c = labels[k as usize] as u32;
            if c < 256 {
                root_kids[c as usize] = k;
            }
        }
        Trie {
            recs,
            labels,
            root_kids,
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Does the trie hold no word?
    pub fn is_empty(&self) -> bool {
        self.recs[0].first == self.recs[1].first && self.recs[0].fin == NOT_FINAL
    }

    #[inline]
    fn kids(&self, n: NodeId) -> std::ops::Range<usize> {
        self.recs[n as usize].first as usize..self.recs[n as usize + 1].first as usize
    }

    /// The child of `n` along letter `c`.
    #[inline]
    pub fn child(&self, n: NodeId, c: char) -> Option<NodeId> {
        let rec = &self.recs[n as usize];
        if let Some(bit) = alpha_bit(c) {
            if rec.mask >> bit & 1 == 0 {
                return None;
            }
            if rec.flags & ODD_MID == 0 {
                // the rank among the children: those below 'a', then the
                // mask letters below c
                let rank = u32::from(rec.low) + (rec.mask & ((1 << bit) - 1)).count_ones();
                return Some(rec.first + rank);
            }
        }
        if n == Self::ROOT && (c as u32) < 256 {
            let k = self.root_kids[c as usize];
            return (k != u32::MAX).then_some(k);
        }
        let r = self.kids(n);
        let start = r.start;
        let labels = &self.labels[r];
        let k = if labels.len() > 12 {
            labels.binary_search(&c).ok()?
        } else {
            labels.iter().position(|&l| l == c)?
        };
        Some((start + k) as NodeId)
    }

    /// Follow the letters of `s` from `n`.
    #[inline]
    pub fn walk(&self, mut n: NodeId, s: &str) -> Option<NodeId> {
        for c in s.chars() {
            n = self.child(n, c)?;
        }
        Some(n)
    }

    /// The children of `n` with their letters, in letter order.
    #[inline]
    pub fn children(&self, n: NodeId) -> impl Iterator<Item = (char, NodeId)> + '_ {
        let r = self.kids(n);
        let start = r.start;
        self.labels[r]
            .iter()
            .enumerate()
            .map(move |(k, &c)| (c, (start + k) as NodeId))
    }

    /// Smallest cost of a word at or below `n`, in zipf units
    /// (cost / 100).
    #[inline]
    pub fn min_below(&self, n: NodeId) -> f32 {
        self.recs[n as usize].min_f
    }

    /// Cost of the word ending at `n`, if one does.
    #[inline]
    pub fn final_cost(&self, n: NodeId) -> Option<u16> {
        let f = self.recs[n as usize].fin;
        (f != NOT_FINAL).then_some(f)
    }

    /// Cost of a word.
    pub fn get(&self, word: &str) -> Option<u16> {
        self.final_cost(self.walk(Self::ROOT, word)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Trie {
        Trie::build([
            ("av", 300),
            ("ett", 250),
            ("få", 320),
            ("får", 330),
            ("för", 220),
            ("föra", 500),
            ("öra", 510),
        ])
    }

    #[test]
    fn lookups_and_bounds() {
        let t = sample();
        assert_eq!(t.get("får"), Some(330));
        assert_eq!(t.get("fö"), None);
        assert_eq!(t.get("föra"), Some(500));
        assert_eq!(t.get("x"), None);
        let f = t.child(Trie::ROOT, 'f').unwrap();
        // the cheapest word below "f" is "för"
        assert_eq!(t.min_below(f), 2.2);
        assert_eq!(t.min_below(Trie::ROOT), 2.2);
        let kids: Vec<char> = t.children(f).map(|(c, _)| c).collect();
        assert_eq!(kids, vec!['å', 'ö']);
        assert!(!t.is_empty());
    }

    /// Pseudo-random words over an 8-letter alphabet, sorted, with costs.
    fn words(alphabet: [char; 8]) -> Vec<(String, u16)> {
        let mut v: Vec<(String, u16)> = (0..3000u32)
            .map(|i| {
                let w = format!("{:o}", i.wrapping_mul(2654435761) % 100_000)
                    .chars()
                    .map(|d| alphabet[d as usize - '0' as usize])
                    .collect();
                (w, (i % 700) as u16)
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v.dedup_by(|a, b| a.0 == b.0);
        v
    }

    #[test]
    fn agrees_with_the_word_list() {
        // letters only; then digits, punctuation and rare letters, which
        // take the scanning path
        for alphabet in [
            ['a', 'å', 'b', 'ä', 'c', 'ö', 'd', 'é'],
            ['0', 'a', '.', 'ø', 'z', 'ö', 'à', 'я'],
        ] {
            let sorted = words(alphabet);
            let t = Trie::build(sorted.iter().map(|(w, c)| (w.as_str(), *c)));
            for (w, c) in &sorted {
                assert_eq!(t.get(w), Some(*c), "{w}");
                // the bound holds on every prefix
                let mut n = Trie::ROOT;
                for ch in w.chars() {
                    n = t.child(n, ch).unwrap();
                    assert!(t.min_below(n) <= f32::from(*c) / 100.0);
                }
                // a letter that is not there is not found
                assert_eq!(t.get(&format!("{w}q")), None);
            }
            // every child is found by its own letter
            for n in 0..t.len() as NodeId {
                for (c, k) in t.children(n) {
                    assert_eq!(t.child(n, c), Some(k));
                }
            }
        }
    }

    #[test]
    fn skips_unsorted_and_empty() {
        let t = Trie::build([("b", 1), ("a", 2), ("", 3), ("c", 4)]);
        assert_eq!(t.get("b"), Some(1));
        assert_eq!(t.get("a"), None);
        assert_eq!(t.get("c"), Some(4));
    }
}
