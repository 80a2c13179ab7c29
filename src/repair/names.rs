//! Person names in repair: a mangled name is given back its Swedish letters
//! when a close name is known and the evidence is strong ("Tdrnqvist" →
//! "Törnqvist", "Odman" → "Ödman"), and a correct name is never taken for a
//! mangled common word ("Saga" stays, not "Säga").
//!
//! What counts as a known name:
//! - the names list `dictionaries/sv_names.tsv` (given names and surnames,
//!   the list the segment stage uses);
//! - a proper noun of Hunspell sv_SE: a word it accepts only capitalised
//!   ("Fröberg", "Rådström"; inflected forms too: "Rådströms");
//! - a surname made of known parts: a Swedish surname-forming ending
//!   (`SURNAME_ENDINGS`: -qvist, -ström, -berg ...) after a first part that
//!   at least `MIN_PART_SUPPORT` known names share with other endings
//!   ("Törn-" of Törnberg and Törnqvist makes "Törnström" a name).
//!
//! When a name is repaired (every condition must hold):
//! - the word is capitalised, not broken at a line end, and there is a sign
//!   that it is a name: it stands inside a sentence, or next to another
//!   capitalised word (a given name and a surname);
//! - the word is no word: not in the frequency list, Hunspell or a user
//!   lexicon, not a known name, not a surname of known parts itself;
//! - a known name is reached by the OCR confusions that give back Swedish
//!   letters (a → å/ä, o → ö, d → ö, é → ö, 6 → ö ...), at most
//!   `MAX_EDITS` of them, and is not itself a common word;
//! - as a noisy channel (the confusions' costs at the document's loss of
//!   diacritics against a prior that the word is an unseen name,
//!   `UNSEEN_NAME_NATS`), its posterior reaches `MIN_CONFIDENCE` and no
//!   other name comes within `AMBIGUOUS_NATS` of it.
//!
//! - the document lost its diacritics (estimated loss at least `MIN_LOSS`).
//!
//! A listed name with a sign of being a name is kept as it is, whatever the
//! general repair would make of it.

use super::confusion::{ConfusionModel, DIACRITICS};
use super::lexicon::Lexicon;
use super::tokenize::{self, Case};
use foldhash::HashSet;

static NAMES_TSV: &str = include_str!("../../dictionaries/sv_names.tsv");

/// Share of lost diacritics (the document's estimate) below which no name
/// is repaired: a text that kept its å, ä and ö more likely printed an
/// "Odman" as it is.
pub const MIN_LOSS: f32 = 0.3;
/// Most confusions in one repaired name.
const MAX_EDITS: usize = 2;
/// Prior cost (nats) of reading a capitalised word that is no word as an
/// unseen name rather than as a known one: a known name must win by the
/// channel. At full diacritic loss a→å costs 0.1 nats and d→ö 3 nats, so
/// both are repaired; in a clean text (loss 0.01) a→å costs 4.7 nats and
/// the word stays.
const UNSEEN_NAME_NATS: f32 = 5.0;
/// Extra prior cost (nats) of a surname made of known parts over a name
/// listed whole.
const PARTS_NATS: f32 = 1.5;
/// Posterior a name repair needs.
const MIN_CONFIDENCE: f32 = 0.8;
/// A second name this close (nats) to the best makes the word ambiguous.
const AMBIGUOUS_NATS: f32 = 2.0;
/// Known names a first part must begin (with different endings) before it
/// makes surnames of its own.
const MIN_PART_SUPPORT: usize = 2;
/// Shortest first part (chars) of a surname made of parts ("Å" of Åberg).
const MIN_PART_CHARS: usize = 1;
/// Zipf from which a surname of known parts is taken for a common word.
const COMMON_ZIPF: f32 = 3.5;
/// Longest word (chars) looked at; names are short.
const MAX_CHARS: usize = 24;

/// Endings that form Swedish surnames (ornamental names of two parts,
/// "Törn|qvist", "Sjö|berg"), longest first within a family.
const SURNAME_ENDINGS: &[&str] = &[
    "qvist", "kvist", "quist", "ström", "strand", "stedt", "berg", "borg", "gren", "lund", "holm",
    "dahl", "blad", "blom", "fors", "mark", "vall", "sten", "gård", "näs", "man", "ros", "lind",
    "ling", "löf", "hed", "dal", "ek", "by",
];

/// Where a known name comes from (for the evidence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameSource {
    /// `dictionaries/sv_names.tsv`.
    List,
    /// A proper noun of Hunspell sv_SE.
    Hunspell,
    /// A surname-forming ending after a known first part.
    Parts,
}

impl NameSource {
    fn prior(self) -> f32 {
        match self {
            NameSource::List | NameSource::Hunspell => 0.0,
            NameSource::Parts => PARTS_NATS,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            NameSource::List => "in the names list",
            NameSource::Hunspell => "a proper noun of Hunspell sv_SE",
            NameSource::Parts => "a surname of known parts",
        }
    }
}

/// A name repair: the name (lowercase), its confidence, and the evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct NameFix {
    pub name: String,
    pub confidence: f32,
    pub evidence: String,
}

/// The names known to repair.
#[derive(Debug)]
pub struct Names {
    /// Given names and surnames of the names list, lowercase.
    listed: HashSet<String>,
}

impl Default for Names {
    fn default() -> Self {
        Self::embedded()
    }
}

impl Names {
    /// The embedded names list.
    pub fn embedded() -> Self {
        Self::from_tsv(NAMES_TSV)
    }

    /// From `name<TAB>kind` lines (`#` starts a comment).
    pub fn from_tsv(tsv: &str) -> Self {
        let listed = tsv
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .filter(|(_, kind)| matches!(kind.trim(), "given" | "surname"))
            .map(|(n, _)| tokenize::fold_case(n.trim()))
            .filter(|n| !n.is_empty())
            .collect();
        Names { listed }
    }

    /// Is `lower` a name listed whole (the names list or a Hunspell proper
    /// noun)?
    pub fn listed(&self, lex: &Lexicon, lower: &str) -> Option<NameSource> {
        if self.listed.contains(lower) {
            Some(NameSource::List)
        } else if lex.proper_noun(lower) {
            Some(NameSource::Hunspell)
        } else {
            None
        }
    }

    /// Is `lower` a known name: listed whole, or a surname of known parts?
    pub fn known(&self, lex: &Lexicon, lower: &str) -> Option<NameSource> {
        self.listed(lex, lower)
            .or_else(|| self.of_parts(lex, lower).then_some(NameSource::Parts))
    }

    /// A surname-forming ending after a first part that begins at least
    /// `MIN_PART_SUPPORT` listed names with other endings.
    fn of_parts(&self, lex: &Lexicon, lower: &str) -> bool {
        SURNAME_ENDINGS.iter().any(|end| {
            let Some(first) = lower.strip_suffix(end) else {
                return false;
            };
            if first.chars().count() < MIN_PART_CHARS {
                return false;
            }
            // (stops at the support needed: Hunspell is asked least)
            SURNAME_ENDINGS
                .iter()
                .filter(|other| *other != end)
                .filter(|other| self.listed(lex, &format!("{first}{other}")).is_some())
                .nth(MIN_PART_SUPPORT - 1)
                .is_some()
        })
    }

    /// The repair of a capitalised word that is no word (`lower`, as the
    /// OCR read it), under the confusion `model` at diacritic loss `loss`
    /// (the embedded model, not the one adapted to the document: a
    /// confusion the document uses often, such as i → ä, would otherwise
    /// turn an unseen "Sifstrom" into a known "Säfström"):
    /// a known name reached by confusions that give back Swedish letters,
    /// if one wins clearly. The caller checks that the word is no word and
    /// has a sign of being a name.
    pub fn repair(
        &self,
        lex: &Lexicon,
        model: &ConfusionModel,
        loss: f32,
        lower: &str,
        min_confidence: f32,
    ) -> Option<NameFix> {
        let n = lower.chars().count();
        if !(3..=MAX_CHARS).contains(&n) || self.known(lex, lower).is_some() {
            return None;
        }
        let chars: Vec<char> = lower.chars().collect();
        let loss = loss.clamp(1e-4, 1.0);
        let variants = variants(model, loss, &chars);
        // (name, cost, source, edits)
        let mut cands: Vec<(String, f32, NameSource, Vec<String>)> = Vec::new();
        for (v, cost, edits) in variants {
            if cands.iter().any(|c| c.0 == v) {
                continue;
            }
            let Some(src) = self.known(lex, &v) else {
                continue;
            };
            // a common word made of name parts ("sjöman") is no surname
            // here: the general repair judges it
            if src == NameSource::Parts && lex.zipf(&v).is_some_and(|z| z >= COMMON_ZIPF) {
                continue;
            }
            cands.push((v, cost + src.prior(), src, edits));
        }
        cands.sort_by(|a, b| a.1.total_cmp(&b.1));
        let best = cands.first()?;
        if cands.get(1).is_some_and(|s| s.1 - best.1 < AMBIGUOUS_NATS) {
            return None; // two names fit: leave it
        }
        let total: f32 = (best.1 - UNSEEN_NAME_NATS).exp()
            + cands.iter().map(|c| (best.1 - c.1).exp()).sum::<f32>();
        let confidence = 1.0 / total;
        if confidence < min_confidence.max(MIN_CONFIDENCE) {
            return None;
        }
        let shown = tokenize::apply_case(&best.0, Case::Title);
        Some(NameFix {
            name: best.0.clone(),
            confidence,
            evidence: format!(
                "name: confusion {}; \"{shown}\" is {}; original not in lexicon and no known name; \
                 document diacritic loss {loss:.2}",
                best.3.join(", "),
                best.2.describe()
            ),
        })
    }
}

/// −ln p, floored.
fn nats(p: f32) -> f32 {
    -(p.max(1e-9)).ln()
}

/// Every reading of `chars` with one to `MAX_EDITS` confusions that give
/// back a Swedish letter, with its channel cost relative to reading the
/// word as written, and the edits.
fn variants(model: &ConfusionModel, loss: f32, chars: &[char]) -> Vec<(String, f32, Vec<String>)> {
    #[allow(clippy::too_many_arguments)]
    fn go(
        model: &ConfusionModel,
        loss: f32,
        chars: &[char],
        i: usize,
        buf: &mut String,
        cost: f32,
        edits: &mut Vec<String>,
        out: &mut Vec<(String, f32, Vec<String>)>,
    ) {
        if i == chars.len() {
            if !edits.is_empty() {
                out.push((buf.clone(), cost, edits.clone()));
            }
            return;
        }
        let keep = buf.len();
        buf.push(chars[i]);
        go(model, loss, chars, i + 1, buf, cost, edits, out);
        buf.truncate(keep);
        if edits.len() >= MAX_EDITS {
            return;
        }
        for len in 1..=2.min(chars.len() - i) {
            let ocr: String = chars[i..i + len].iter().collect();
            // reading the OCR letters as themselves, which this edit replaces
            let id: f32 = chars[i..i + len]
                .iter()
                .map(|&c| nats(1.0 - loss * model.err_mass(c)))
                .sum();
            for r in model.rules(&ocr) {
                if !r.gold.chars().any(|g| DIACRITICS.contains(&g)) {
                    continue;
                }
                buf.push_str(&r.gold);
                edits.push(format!("{ocr}→{}", r.gold));
                let c = cost + nats(loss * r.p) - id;
                go(model, loss, chars, i + len, buf, c, edits, out);
                edits.pop();
                buf.truncate(keep);
            }
        }
    }
    let mut out = Vec::new();
    let (mut buf, mut edits) = (String::new(), Vec::new());
    go(model, loss, chars, 0, &mut buf, 0.0, &mut edits, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::lexicon;

    fn names() -> Names {
        Names::embedded()
    }

    #[test]
    fn known_names_come_from_the_list_hunspell_and_parts() {
        let lex = lexicon::for_tests();
        let n = names();
        assert_eq!(n.known(lex, "lindqvist"), Some(NameSource::List));
        assert!(n.known(lex, "rådström").is_some());
        assert_eq!(n.known(lex, "styrelsen"), None);
        assert_eq!(n.known(lex, "tdrnqvist"), None);
    }

    #[test]
    fn a_mangled_name_at_full_loss_is_repaired() {
        let lex = lexicon::for_tests();
        let m = ConfusionModel::embedded();
        let n = names();
        let fix = n.repair(lex, &m, 0.9, "tdrnqvist", 0.5).expect("a fix");
        assert_eq!(fix.name, "törnqvist");
        assert!(fix.evidence.contains("d→ö"), "{}", fix.evidence);
        // in a clean text the same word stays
        assert_eq!(n.repair(lex, &m, 0.01, "tdrnqvist", 0.5), None);
    }

    #[test]
    fn a_known_name_or_a_word_is_never_repaired() {
        let lex = lexicon::for_tests();
        let m = ConfusionModel::embedded();
        let n = names();
        for w in ["backman", "lindqvist", "andersson", "sandberg"] {
            assert_eq!(n.repair(lex, &m, 0.9, w, 0.5), None, "{w}");
        }
    }
}

#[cfg(test)]
mod ambiguity {
    use super::*;
    use crate::repair::lexicon;

    #[test]
    fn two_names_equally_close_leave_the_word_alone() {
        let lex = lexicon::for_tests();
        let m = ConfusionModel::embedded();
        // "Barvik" is "Bärvik" (a→ä) or "Bårvik" (a→å), about equally likely
        let both = Names::from_tsv("Bärvik\tsurname\nBårvik\tsurname\n");
        assert_eq!(both.repair(lex, &m, 0.9, "barvik", 0.5), None);
        let one = Names::from_tsv("Bärvik\tsurname\n");
        let fix = one
            .repair(lex, &m, 0.9, "barvik", 0.5)
            .expect("one name fits");
        assert_eq!(fix.name, "bärvik");
        assert!(fix.evidence.contains("a→ä"), "{}", fix.evidence);
    }
}
