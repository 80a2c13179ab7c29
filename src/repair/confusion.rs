//! The OCR confusion model: how likely a gold letter sequence is read as an
//! OCR sequence, P(ocr | gold).
//!
//! Weights are estimated from synthetic pairs (clean Swedish rendered and
//! OCR'd with Tesseract's English model; see `dictionaries/scripts/`), and
//! scaled per document by how badly diacritics were lost there (`lambda`).
//! A few generic, low-probability fallbacks (any glyph for a diacritic
//! letter, a dropped/extra/substituted letter) cover what the synthetic data
//! did not show; they are priors, not fitted to any document.

use foldhash::{HashMap, HashMapExt};

static CONFUSIONS_TSV: &str = include_str!("../../dictionaries/confusions.tsv");

/// Letters whose diacritics OCR without Swedish data loses.
pub const DIACRITICS: [char; 3] = ['å', 'ä', 'ö'];

/// Prior probability that a diacritic letter is read as some other single glyph
/// (a digit, a symbol, an accented letter) not seen in the synthetic data.
pub const P_DIACRITIC_GLYPH: f32 = 0.004;
/// Prior probability that a diacritic letter is read as two unseen glyphs.
pub const P_DIACRITIC_TWO: f32 = 0.002;
/// Prior probability of a generic edit on an odd glyph (a symbol read
/// where a letter was, or a stray symbol).
pub const P_GENERIC: f32 = 0.0001;
/// Prior probability of a generic edit between plain letters (a dropped,
/// extra or substituted letter the learned rules do not cover).
pub const P_GENERIC_LETTER: f32 = 0.00005;

/// One learned rule: `ocr` read where `gold` was printed.
#[derive(Debug, Clone)]
pub struct Rule {
    pub gold: String,
    pub p: f32,
}

/// The confusion table, keyed by the OCR side.
#[derive(Debug, Clone)]
pub struct ConfusionModel {
    /// OCR sequence → gold alternatives with P(ocr | gold).
    by_ocr: HashMap<String, Vec<Rule>>,
    /// Longest OCR sequence in the table, in chars.
    pub max_ocr_len: usize,
    /// Gold letters that were dropped (read as nothing), with probability.
    pub dropped: Vec<(char, f32)>,
    /// Per gold char: total probability of being misread.
    err_mass: HashMap<char, f32>,
    /// Digits that appear as OCR glyphs in the rules ("4" for ä/å ...).
    digits: Vec<char>,
}

impl ConfusionModel {
    /// The embedded model.
    pub fn embedded() -> Self {
        Self::parse(CONFUSIONS_TSV)
    }

    /// Parse `gold<TAB>ocr<TAB>count<TAB>gold_total` rows. Case is folded:
    /// the repair works on lowercase words and restores case afterwards.
    pub fn parse(tsv: &str) -> Self {
        let mut counts: HashMap<(String, String), (f32, f32)> = HashMap::new();
        for line in tsv.lines() {
            if line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 4 {
                continue;
            }
            let (g, o) = (f[0].to_lowercase(), f[1].to_lowercase());
            let (Ok(c), Ok(t)) = (f[2].parse::<f32>(), f[3].parse::<f32>()) else {
                continue;
            };
            if g == o || g.is_empty() || !g.chars().all(char::is_alphabetic) {
                continue;
            }
            if o.chars().any(char::is_whitespace) {
                continue;
            }
            let e = counts.entry((g, o)).or_insert((0.0, 0.0));
            e.0 += c;
            e.1 = e.1.max(t);
        }
        let mut by_ocr: HashMap<String, Vec<Rule>> = HashMap::new();
        let mut dropped = Vec::new();
        let mut err_mass: HashMap<char, f32> = HashMap::new();
        let mut max_ocr_len = 1;
        for ((g, o), (c, t)) in counts {
            let p = (c / t.max(c)).min(0.95);
            if g.chars().count() == 1 {
                *err_mass.entry(g.chars().next().unwrap_or(' ')).or_default() += p;
            }
            if o.is_empty() {
                if let (Some(ch), 1) = (g.chars().next(), g.chars().count()) {
                    dropped.push((ch, p));
                }
                continue;
            }
            max_ocr_len = max_ocr_len.max(o.chars().count());
            by_ocr.entry(o).or_default().push(Rule { gold: g, p });
        }
        dropped.sort_by_key(|d| d.0);
        for v in by_ocr.values_mut() {
            v.sort_by(|a, b| a.gold.cmp(&b.gold));
        }
        let mut m = ConfusionModel {
            by_ocr,
            max_ocr_len,
            dropped,
            err_mass,
            digits: Vec::new(),
        };
        m.digits = "0123456789"
            .chars()
            .filter(|d| !m.rules(&d.to_string()).is_empty())
            .collect();
        m
    }

    /// A copy adapted to one document: `seen` maps (ocr, gold) to the
    /// probability observed in the document's confident repairs; rules are
    /// raised to it (stored divided by `loss`, which the search multiplies
    /// back in).
    pub fn adapted(&self, seen: &HashMap<(String, String), f32>, loss: f32) -> Self {
        let mut m = self.clone();
        let loss = loss.clamp(1e-4, 1.0);
        for ((o, g), &p) in seen {
            let stored = (p / loss).min(0.95);
            if o.is_empty() {
                if let (Some(ch), 1) = (g.chars().next(), g.chars().count()) {
                    match m.dropped.iter_mut().find(|d| d.0 == ch) {
                        Some(d) => d.1 = d.1.max(stored),
                        None => m.dropped.push((ch, stored)),
                    }
                }
                continue;
            }
            let rules = m.by_ocr.entry(o.clone()).or_default();
            let old = match rules.iter_mut().find(|r| &r.gold == g) {
                Some(r) => {
                    let old = r.p;
                    r.p = r.p.max(stored);
                    old
                }
                None => {
                    rules.push(Rule {
                        gold: g.clone(),
                        p: stored,
                    });
                    0.0
                }
            };
            m.max_ocr_len = m.max_ocr_len.max(o.chars().count());
            if let (Some(ch), 1) = (g.chars().next(), g.chars().count()) {
                *m.err_mass.entry(ch).or_default() += (stored - old).max(0.0);
            }
        }
        m
    }

    /// Digits that stand for letters in the rules.
    pub fn digit_glyphs(&self) -> &[char] {
        &self.digits
    }

    /// Every learned rule, by OCR sequence.
    pub fn rule_table(&self) -> impl Iterator<Item = (&String, &Vec<Rule>)> {
        self.by_ocr.iter()
    }

    /// Learned gold alternatives for an OCR sequence.
    pub fn rules(&self, ocr: &str) -> &[Rule] {
        self.by_ocr.get(ocr).map_or(&[], Vec::as_slice)
    }

    /// P(gold char read correctly), before document scaling.
    pub fn err_mass(&self, c: char) -> f32 {
        self.err_mass.get(&c).copied().unwrap_or(0.0).min(0.95)
    }

    /// Number of learned rules.
    pub fn len(&self) -> usize {
        self.by_ocr.values().map(Vec::len).sum::<usize>() + self.dropped.len()
    }

    /// Is the table empty?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Is `c` a glyph that can plausibly stand for a lost diacritic letter
/// (anything that is not a plain ASCII letter)?
pub fn is_odd_glyph(c: char) -> bool {
    !(c.is_ascii_lowercase() || DIACRITICS.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_model_has_the_main_diacritic_losses() {
        let m = ConfusionModel::embedded();
        let a: Vec<&str> = m.rules("a").iter().map(|r| r.gold.as_str()).collect();
        assert!(a.contains(&"å") && a.contains(&"ä"), "{a:?}");
        assert!(m.rules("o").iter().any(|r| r.gold == "ö"));
        assert!(
            m.err_mass('ä') > 0.5,
            "ä is mostly lost without Swedish data"
        );
        assert!(m.err_mass('t') < 0.05);
    }

    #[test]
    fn parse_folds_case_and_skips_junk() {
        let m = ConfusionModel::parse("# h\nÄ\tA\t3\t10\nä\ta\t2\t10\n'\t‘\t5\t5\nbad\n");
        let r = m.rules("a");
        assert_eq!(r.len(), 1);
        assert!((r[0].p - 0.5).abs() < 1e-6);
        assert!(m.rules("‘").is_empty());
    }
}
