//! Stage 3: repair OCR-mangled Swedish against a lexicon.
//!
//! Input: the document text (pages separated by U+000C, which must survive).
//! Output: the repaired text and a log of every change.
//!
//! How: the text is cut into word cores ([`tokenize`]); numbers, codes,
//! e-mail addresses, URLs and acronyms are left alone. For each distinct
//! word, [`candidates::search`] walks the frequency lexicon ([`lexicon`])
//! along the OCR letters, letting the OCR confusion model ([`confusion`])
//! propose gold letters, Swedish compounds included. Each option is scored
//! as a noisy channel: −ln P(ocr | gold) − ln P(gold) − context bonus
//! ([`context`]). How much the channel believes in lost diacritics is
//! estimated per document, so a text OCR'd with Swedish data is left almost
//! untouched while a text OCR'd without it gets many changes. Options are
//! turned into a posterior; a change is made when the best option is not the
//! original and its posterior reaches `min_confidence`, otherwise the word is
//! reported in `warnings`. A changed text is repaired again until a pass
//! changes nothing (see [`Repairer::repair`]), so repair is idempotent.
//!
//! Doing no harm on OCR it was not built for (real archives):
//! - a word broken at a line end ("-", "=", "¬", soft hyphen) is judged and
//!   repaired whole and written back with its break; a fragment is never
//!   repaired on its own ([`layout`]);
//! - an OCR'd bullet glyph becomes "•" only where it starts a list item;
//!   quotation marks and dashes never do ([`layout`]);
//! - abbreviations and ordinals with an inner colon or period ("H:r",
//!   "t.o.m.", "3:e"), Hunspell's abbreviations ("resp.") are left alone, and
//!   a short word before "." or ":" is only repaired letter for letter;
//! - a text or passage in the spelling before 1906 keeps its old forms and
//!   unknown words ([`orthography`]); the decision is in `warnings`;
//! - the more of a text's words are unknown for reasons other than lost
//!   diacritics, the more careful the decision (`caution`, in `warnings`);
//! - letters Swedish does not write become Swedish letters when that makes
//!   a Swedish word, and stay in foreign names ([`foreign`]);
//! - a listed name with a sign of being a name is kept; a mangled name
//!   becomes a known name only on strong evidence, in a text that lost its
//!   diacritics ([`names`]);
//! - the standard phrases of meeting protocols count in the word-pair
//!   statistics, so "Val av justerare" is no "Väl av" ([`lexicon`]).

pub mod candidates;
pub mod compound;
pub mod confusion;
pub mod context;
pub mod foreign;
mod form_bits;
pub mod layout;
pub mod lexicon;
pub mod markers;
pub mod names;
pub mod orthography;
pub mod tokenize;
pub mod trie;

use crate::model::Correction;
use candidates::{Cand, Channel};
use confusion::{ConfusionModel, DIACRITICS};
use foldhash::{HashMap, HashMapExt};
use lexicon::Lexicon;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::PathBuf;
use tokenize::Case;

const LN10: f32 = std::f32::consts::LN_10;
/// Zipf ceiling used to turn frequencies into costs.
const ZMAX: f32 = 8.0;
/// Prior zipf of a word the lexicon does not know (a name, a rare word ...).
const ZIPF_OOV: f32 = 1.5;
/// Same, for a capitalised word (more likely a name).
const ZIPF_OOV_TITLE: f32 = 2.5;
/// Prior advantage (nats) of a listed word over a change to another word,
/// in a clean text and in a fully mangled one (where OCR makes many
/// real-word errors: for/för, ar/är ...).
const LISTED_BONUS_CLEAN: f32 = 4.0;
const LISTED_BONUS_MANGLED: f32 = 1.0;
/// Zipf given to a sentence end when it is the right-hand context.
const ZIPF_SENTENCE_END: f32 = 7.8;
/// Rounds of document adaptation of the confusion model.
const ADAPT_ROUNDS: usize = 1;
/// Loss level below which the confusion model is not adapted.
const ADAPT_MIN_LOSS: f32 = 0.1;
/// Uses a confusion needs in one document before it is adapted.
const ADAPT_MIN_USES: f32 = 2.0;
/// How much the unknown-word prior (zipf) falls in a fully mangled text.
const OOV_LOSS_SLOPE: f32 = 2.2;
/// Same for a capitalised word inside a sentence (names stay names).
const OOV_LOSS_SLOPE_TITLE: f32 = 0.7;
/// The largest context swing (nats) one word's two neighbours can give a
/// reading (2 × `CTX_MAX_SIDE`). The decision searches this far past the
/// word's own cost, and a compound reading this far behind the word's best
/// reading is dropped without asking Hunspell: it could only win on a
/// neighbour's penalty to the best reading as well, and its posterior
/// weight is below 2%.
const CONTEXT_SWING: f32 = 2.0 * context::CTX_MAX_SIDE;
/// Candidates kept per word.
const KEEP: usize = 8;
/// Most passes [`Repairer::repair`] makes to reach a fixed point.
const MAX_PASSES: usize = 4;
/// Share of a document's words (three letters or more, not names) unknown
/// for a reason other than lost diacritics at which repair starts to be
/// more careful, and at which it is fully careful. Texts OCR'd like the
/// seed (with or without Swedish data) stay below 6%; old spelling,
/// another language or heavy noise lie far above.
const STRANGE_FROM: f32 = 0.06;
const STRANGE_FULL: f32 = 0.16;
/// A fully careful repair: the confidence a change needs ...
const CAREFUL_MIN_CONFIDENCE: f32 = 0.6;
/// ... and the extra cost (nats) of a compound reading (a compound of
/// modern parts is the easiest wrong reading of an unknown word).
const CAREFUL_COMPOUND_NATS: f32 = 4.0;

/// The search budget of one pass: at most this many distinct words that
/// are not in the word list are searched for readings, plus one for every
/// `SEARCH_BUDGET_BYTES` bytes of text. Each costs a candidate search
/// (about 50-100 µs for a made-up word); their number is what makes a text
/// of a million distinct made-up words slow (BENCHMARKS.md, "1 million
/// distinct made-up words"). Protocols stay far below: seed 000 has 201 in
/// 10 KB, 8 MB of the bundled protocols 221; a repair piece is at most
/// 8 MB (`pipeline::REPAIR_PIECE`), so a pass searches at most 28,388.
/// Over the budget, the most frequent words are searched (then in
/// alphabetical order), the rest are kept as written, and a warning says so.
const SEARCH_BUDGET_WORDS: usize = 20_000;
const SEARCH_BUDGET_BYTES: usize = 1_000;

/// Fewest words a passage checked on its own for the old spelling has.
const PASSAGE_MIN_WORDS: usize = 60;

/// Longest word (bytes) looked up as an abbreviation with its period.
const ABBREV_MAX_BYTES: usize = 10;

/// Longest abbreviation-like word (a word right before "." or ":") that
/// may still be repaired, but only letter for letter ("ar." → "år.").
const ABBREV_MAX_CHARS: usize = 4;

/// Default of [`RepairOptions::min_confidence`] (`--min-confidence`).
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.5;

/// Settings of the repair stage: the flags `--lexicon` and
/// `--min-confidence`, declared once for `repair`, `extract` and `run`
/// (flattened into [`crate::pipeline::Settings`]). The field order and
/// names are part of the settings hash: keep them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(default)]
pub struct RepairOptions {
    /// Extra word list for repair (one word a line); repeatable.
    #[cfg_attr(feature = "cli", arg(long = "lexicon", value_name = "FILE"))]
    #[serde(rename = "lexicons")]
    pub lexicon_files: Vec<PathBuf>,
    /// Repairs below this confidence are only flagged in warnings.
    #[cfg_attr(
        feature = "cli",
        arg(long, default_value_t = DEFAULT_MIN_CONFIDENCE, value_name = "X")
    )]
    pub min_confidence: f32,
}

impl Default for RepairOptions {
    fn default() -> Self {
        RepairOptions {
            lexicon_files: Vec::new(),
            min_confidence: DEFAULT_MIN_CONFIDENCE,
        }
    }
}

impl RepairOptions {
    /// Check the values; the one place `--min-confidence` is validated.
    pub fn validate(&self) -> Result<(), crate::Error> {
        if !(0.0..=1.0).contains(&self.min_confidence) {
            return Err(crate::Error::Config(format!(
                "--min-confidence must be within 0..1, got {}",
                self.min_confidence
            )));
        }
        Ok(())
    }
}

/// Result of repairing one text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Repaired {
    /// The repaired text.
    pub text: String,
    /// Changes, with `start`/`end` byte offsets into `text`; `page` is
    /// 1 + the number of form feeds before `start`.
    pub corrections: Vec<Correction>,
    /// Words that looked wrong but were not changed.
    pub warnings: Vec<String>,
    /// Estimated share of diacritic letters the OCR lost (0..1).
    pub diacritic_loss: f32,
}

impl Repaired {
    /// The correction log (corrections, warnings, loss estimate) as JSON.
    pub fn report_json(&self) -> String {
        #[derive(Serialize)]
        struct Report<'a> {
            diacritic_loss: f32,
            corrections: &'a [Correction],
            warnings: &'a [String],
        }
        serde_json::to_string_pretty(&Report {
            diacritic_loss: self.diacritic_loss,
            corrections: &self.corrections,
            warnings: &self.warnings,
        })
        .unwrap_or_else(|_| "{}".into())
    }
}

/// A repair engine. Build once, use from many threads.
#[derive(Debug)]
pub struct Repairer {
    opts: RepairOptions,
    lex: Lexicon,
    model: ConfusionModel,
    names: names::Names,
}

/// One planned edit of the input text.
struct Edit {
    start: usize,
    end: usize,
    replacement: String,
    confidence: f32,
    evidence: String,
}

/// A word core in the input.
struct Core {
    start: usize,
    end: usize,
    /// A word broken at a line end: (end of the stem, start of the tail);
    /// `start..end` then runs from the stem to the tail, hyphen and line
    /// break included, and `surface` is the word without them.
    split: Option<(usize, usize)>,
    surface: Option<String>,
    /// Right before "." or ":" and short: maybe an abbreviation, so only a
    /// repair of the same length is allowed.
    abbrev_like: bool,
    lower: String,
    case: Case,
    /// First word of a sentence (or heading, or page).
    starts_sentence: bool,
}

impl Core {
    /// The word as written (a broken word without its hyphen and break).
    fn surface<'a>(&'a self, text: &'a str) -> &'a str {
        self.surface
            .as_deref()
            .unwrap_or(&text[self.start..self.end])
    }
}

/// Passages of a modern text written in the old spelling, as ranges of
/// `cores` with the detector's reason. Paragraphs (split at blank lines
/// and page breaks) are joined until they hold `PASSAGE_MIN_WORDS`
/// words, so one old word in a short paragraph is no passage.
fn old_passages(
    text: &str,
    cores: &[Core],
    mark_of: impl Fn(&str) -> Option<orthography::Mark> + Copy,
) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    for k in 1..=cores.len() {
        let ends = k == cores.len() || {
            let gap = &text[cores[k - 1].end..cores[k].start];
            gap.contains("\n\n") || gap.contains('\u{c}')
        };
        if !ends || (k - from < PASSAGE_MIN_WORDS && k < cores.len()) {
            continue;
        }
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for c in &cores[from..k] {
            *counts.entry(c.lower.as_str()).or_default() += 1;
        }
        if let Some(why) = orthography::detect(counts.into_iter(), mark_of) {
            out.push((from, k, why));
        }
        from = k;
    }
    out
}

/// Is `new` the lowercase word `old` with only lost diacritics given back
/// (a → å/ä, o → ö, letter for letter)?
fn restores_diacritics(old: &str, new: &str) -> bool {
    old.chars().count() == new.chars().count()
        && old
            .chars()
            .zip(new.chars())
            .all(|(o, n)| o == n || matches!((o, n), ('a', 'å' | 'ä') | ('o', 'ö')))
}

/// Does the text between two words end a sentence?
fn sentence_break(gap: &str) -> bool {
    gap.contains(['.', '!', '?', '§', ':', '\u{c}']) || gap.contains("\n\n")
}

/// What the lexicon search says about one distinct word.
struct Analysis {
    /// Zipf of the word itself if known.
    known: Option<f32>,
    /// Whether the word itself is in the frequency list or a user lexicon
    /// (Hunspell alone accepts too much OCR garbage as compounds).
    listed: bool,
    /// Candidates (the word itself included when the search found it).
    cands: Vec<Cand>,
    /// Channel cost of reading the word as itself.
    id_channel: f32,
}

/// −ln P(word read as itself).
fn id_channel(model: &ConfusionModel, lower: &str, loss: f32) -> f32 {
    lower
        .chars()
        .map(|c| -(1.0 - loss * model.err_mass(c)).max(1e-6).ln())
        .sum()
}

/// Prior zipf of an unknown word. In a text that lost its diacritics an
/// unknown word is more likely mangled than rare, so the prior falls with
/// the document's loss level.
fn oov_zipf(title: bool, loss: f32) -> f32 {
    if title {
        ZIPF_OOV_TITLE - OOV_LOSS_SLOPE_TITLE * loss
    } else {
        ZIPF_OOV - OOV_LOSS_SLOPE * loss
    }
}

/// Prior advantage of a listed original at document loss level `loss`.
fn known_bonus(loss: f32) -> f32 {
    LISTED_BONUS_CLEAN - (LISTED_BONUS_CLEAN - LISTED_BONUS_MANGLED) * loss
}

/// The cost (nats) of keeping a word as written: reading it as itself
/// (`id_channel`), its prior (`z0`: its Zipf, or the unknown-word prior),
/// less what its `context` gives it and the bonus of being listed. The one
/// formula for the "keep" option: the search bound, the posteriors and the
/// decision all use it.
fn keep_cost(id_channel: f32, z0: f32, listed: bool, loss: f32, context: f32) -> f32 {
    base_cost(id_channel, z0) - context - if listed { known_bonus(loss) } else { 0.0 }
}

fn base_cost(channel: f32, zipf: f32) -> f32 {
    channel + LN10 * (ZMAX - zipf.min(ZMAX))
}

impl Repairer {
    /// Build the engine and load the lexicons.
    pub fn new(opts: &RepairOptions) -> Result<Self, crate::Error> {
        let mut words = Vec::new();
        for f in &opts.lexicon_files {
            let s = std::fs::read_to_string(f)
                .map_err(|e| crate::Error::Config(format!("lexicon {}: {e}", f.display())))?;
            words.extend(
                s.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_string),
            );
        }
        opts.validate()?;
        let model = ConfusionModel::embedded();
        let lex = Lexicon::new(words);
        Ok(Repairer {
            opts: opts.clone(),
            lex,
            model,
            names: names::Names::embedded(),
        })
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    fn known(&self, word: &str, lower: &str) -> Option<f32> {
        self.lex.known_zipf(word, lower)
    }

    fn analyse(
        &self,
        ch: &Channel,
        lower: &str,
        known: Option<f32>,
        title: bool,
        loss: f32,
        purpose: Purpose,
    ) -> Analysis {
        let id_channel = id_channel(ch.model(), lower, loss);
        let z0 = known.unwrap_or(oov_zipf(title, loss));
        let listed = self.lex.is_user(lower) || self.lex.zipf(lower).is_some();
        let orig = keep_cost(id_channel, z0, listed, loss, 0.0);
        let bound = (orig + purpose.margin()).min(24.0);
        // a listed word no candidate could beat within the bound: no search
        let cheapest_change = -(loss.clamp(1e-4, 1.0) * 0.95).ln();
        if listed && cheapest_change > bound {
            return Analysis {
                known,
                listed,
                cands: Vec::new(),
                id_channel,
            };
        }
        let mut cands = if self.lex.is_user(lower) {
            Vec::new()
        } else {
            candidates::search(&self.lex, ch, lower, bound, false)
        };
        if purpose == Purpose::Decide && !listed {
            // generic edits (dropped, extra, substituted letters) for unknown
            // words, bounded by the best reading the confusion model already
            // found that can stand: not the word itself read as a compound
            // (no evidence, dropped below), not a compound Hunspell rejects
            // (cheapest first, so Hunspell is asked only until one stands)
            cands.sort_by(|a, b| {
                base_cost(a.channel, a.zipf).total_cmp(&base_cost(b.channel, b.zipf))
            });
            let best = cands
                .iter()
                .find(|x| x.word != lower && (x.parts == 1 || self.lex.hunspell_ok(&x.word)))
                .map_or(orig, |x| base_cost(x.channel, x.zipf).min(orig));
            let more =
                candidates::search(&self.lex, ch, lower, (best + CONTEXT_SWING).min(24.0), true);
            for m in more {
                if !cands.iter().any(|c| c.word == m.word) {
                    cands.push(m);
                }
            }
        }
        // An unlisted original that decomposes into listed parts is no
        // evidence (OCR garbage often does: "ordfarande"): it keeps its prior.
        cands.retain(|c| c.word != lower || listed);
        cands.sort_by(|a, b| {
            base_cost(a.channel, a.zipf)
                .total_cmp(&base_cost(b.channel, b.zipf))
                .then(a.word.cmp(&b.word))
        });
        // Hunspell must accept compounds; validity alone is not evidence, the
        // score already ranks them. A compound more than the largest context
        // swing behind the best reading is dropped unasked (see
        // `CONTEXT_SWING`).
        let mut kept: Vec<Cand> = Vec::new();
        for c in cands {
            if kept.len() >= KEEP {
                break;
            }
            if c.parts > 1 && c.word != lower {
                let best = kept
                    .first()
                    .map_or(orig, |k| base_cost(k.channel, k.zipf).min(orig));
                let far = base_cost(c.channel, c.zipf) > best + CONTEXT_SWING;
                if far || !self.lex.hunspell_ok(&c.word) {
                    continue;
                }
            }
            kept.push(c);
        }
        Analysis {
            known,
            listed,
            cands: kept,
            id_channel,
        }
    }

    /// Context-free posteriors of the changes proposed for an unknown word.
    fn posteriors<'a>(
        &self,
        lower: &str,
        a: &'a Analysis,
        title: bool,
        loss: f32,
    ) -> Vec<(&'a Cand, f32)> {
        let z0 = a.known.unwrap_or(oov_zipf(title, loss));
        let orig = keep_cost(a.id_channel, z0, a.listed, loss, 0.0);
        let costs: Vec<f32> = a
            .cands
            .iter()
            .map(|c| base_cost(c.channel, c.zipf))
            .collect();
        let min = costs.iter().copied().fold(orig, f32::min);
        let z: f32 = (min - orig).exp() + costs.iter().map(|k| (min - k).exp()).sum::<f32>();
        a.cands
            .iter()
            .zip(costs)
            .filter(|(c, _)| c.word != lower)
            .map(|(c, k)| (c, (min - k).exp() / z))
            .collect()
    }

    /// Context-free posterior of the best option of a word, if it is a change.
    fn best_change<'a>(
        &self,
        lower: &str,
        a: &'a Analysis,
        title: bool,
        loss: f32,
    ) -> Option<(&'a Cand, f32)> {
        let z0 = a.known.unwrap_or(oov_zipf(title, loss));
        let orig = keep_cost(a.id_channel, z0, a.listed, loss, 0.0);
        let mut costs: Vec<f32> = vec![orig];
        let mut best: Option<(&Cand, f32)> = None;
        for c in &a.cands {
            if c.word == lower {
                continue;
            }
            let k = base_cost(c.channel, c.zipf);
            costs.push(k);
            if best.is_none_or(|b| k < b.1) {
                best = Some((c, k));
            }
        }
        let (c, k) = best?;
        let total: f32 = costs.iter().map(|x| (k - x).exp()).sum();
        Some((c, 1.0 / total))
    }

    /// Repair a text.
    ///
    /// The result is a fixed point: repairing it again changes nothing.
    /// One pass decides each word from document statistics (diacritic loss,
    /// adapted confusions, neighbours' best readings) that the pass itself
    /// changes, so a near-tie can tip the other way on the repaired text.
    /// Each pass that changed something is therefore followed by another
    /// over its output, up to `MAX_PASSES` (4); their logs are composed so
    /// every correction still runs from the input to the final text. On
    /// real documents the second pass finds nothing and costs a fraction of
    /// the first (the repaired words are known).
    pub fn repair(&self, text: &str) -> Repaired {
        let mut out = self.repair_pass(text);
        for _ in 1..MAX_PASSES {
            if out.corrections.is_empty() {
                break; // the text is unchanged: another pass is this one again
            }
            let again = self.repair_pass(&out.text);
            if again.corrections.is_empty() {
                break;
            }
            out = compose(text, out, again);
        }
        out
    }

    /// One repair pass: a chain of steps, each its own method.
    fn repair_pass(&self, text: &str) -> Repaired {
        let (mut edits, cores) = self.find_cores(text);
        let mut words = self.distinct_words(text, &cores);
        // a text in the old spelling: its unknown words are old forms (or
        // OCR errors a modern lexicon cannot judge), left alone
        let marks: HashMap<&str, orthography::Mark> = words
            .iter()
            .filter_map(|w| Some((w.word, orthography::mark(&self.lex, w.word)?)))
            .collect();
        let mark_of = |w: &str| marks.get(w).copied();
        let old_spelling = orthography::detect(words.iter().map(|w| (w.word, w.count)), mark_of);
        let over_budget = self.limit_search(&mut words, text.len());
        let doc = self.estimate_loss(&words);
        let model = self.adapt_model(&words, doc.loss);
        let analyses = self.analyse_words(&words, &model, doc.loss, old_spelling.is_some());
        debug_analyses(&analyses);
        // a passage in the old spelling inside a modern text (a quoted
        // older law, an appended letter): its cores are judged the same way
        let old_passages = if old_spelling.is_none() && !marks.is_empty() {
            old_passages(text, &cores, mark_of)
        } else {
            Vec::new()
        };
        let in_old_doc = old_spelling.is_some();
        let mut warnings: Vec<String> = old_spelling.into_iter().chain(over_budget).collect();
        let mut in_old = vec![in_old_doc; cores.len()];
        for (from, to, why) in old_passages {
            in_old[from..to].iter_mut().for_each(|x| *x = true);
            warnings.push(format!(
                "bytes {}..{}: {why}",
                cores[from].start,
                cores[to - 1].end
            ));
        }
        if doc.caution > 0.0 {
            warnings.push(format!(
                "calibration: {:.1}% of the words are unknown for reasons other than lost diacritics \
                 (old spelling, another language, other noise); repair is careful (factor {:.2})",
                100.0 * doc.strangeness,
                doc.caution
            ));
        }
        let pass = Pass {
            text,
            cores: &cores,
            analyses: &analyses,
            in_old: &in_old,
            doc: &doc,
        };
        self.decide_cores(&pass, &mut edits, &mut warnings);
        let mut out = apply_edits(text, edits);
        out.diacritic_loss = doc.loss;
        out.warnings = warnings;
        out
    }

    /// Step 1: the edits that need no judgement (bullet glyphs, a lone
    /// foreign letter, a letter inside a number, foreign letters that make
    /// a Swedish word) and the word cores left to judge, words broken at a
    /// line end joined (judged whole, their fragments never).
    fn find_cores(&self, text: &str) -> (Vec<Edit>, Vec<Core>) {
        let chunks = tokenize::chunks(text);
        let mut edits: Vec<Edit> = Vec::new();
        let mut skip_chunk = vec![false; chunks.len()];
        for k in layout::bullets(text, &chunks) {
            let (cs, ce) = chunks[k];
            edits.push(Edit {
                start: cs,
                end: ce,
                replacement: "•".into(),
                confidence: 0.9,
                evidence: "bullet glyph at line start before a list item".into(),
            });
            skip_chunk[k] = true;
        }
        for (k, &(cs, ce)) in chunks.iter().enumerate() {
            // "H:r", "t.o.m.", "3:e": never a mangled word
            skip_chunk[k] |= tokenize::is_abbreviation(&text[cs..ce]);
        }
        // words broken at a line end are judged whole, their fragments never
        let breaks = layout::breaks(text, &chunks);
        let mut fragments: Vec<(usize, usize)> = Vec::new();
        let mut joins: HashMap<usize, (usize, usize, usize, usize)> = HashMap::new();
        for b in &breaks {
            fragments.push(b.stem);
            if let Some(t) = b.tail.filter(|_| !skip_chunk[b.chunk + 1]) {
                fragments.push(t);
                joins.insert(b.chunk, (b.stem.0, b.stem.1, t.0, t.1));
            }
        }
        let mut cores: Vec<Core> = Vec::new();
        for (ci, &(cs, ce)) in chunks.iter().enumerate() {
            if !skip_chunk[ci]
                && self.chunk_cores(text, (cs, ce), &fragments, &mut edits, &mut cores)
            {
                continue; // the chunk was one edit
            }
            if let Some(&(ss, se, ts, te)) = joins.get(&ci) {
                let word = format!("{}{}", &text[ss..se], &text[ts..te]);
                if tokenize::repairable(&word, self.model.digit_glyphs()) {
                    self.push_core(&mut cores, text, ss, te, Some((se, ts)), word);
                }
            }
        }
        (edits, cores)
    }

    /// The cores of one chunk, skipping the fragments of broken words and
    /// known abbreviations; true when the whole chunk was one edit instead.
    fn chunk_cores(
        &self,
        text: &str,
        (cs, ce): (usize, usize),
        fragments: &[(usize, usize)],
        edits: &mut Vec<Edit>,
        cores: &mut Vec<Core>,
    ) -> bool {
        let overlaps = |a: usize, b: usize| fragments.iter().any(|f| a < f.1 && f.0 < b);
        let touches_hyphen = |a: usize, b: usize| {
            text[..a].ends_with(['=', '¬', '\u{ad}']) || text[b..].starts_with(['=', '¬', '\u{ad}'])
        };
        let chunk = &text[cs..ce];
        if let Some(edit) = self.letter_edit(chunk, cs) {
            edits.push(edit);
            return true;
        }
        for (s, e) in tokenize::cores(chunk, self.model.digit_glyphs()) {
            let (start, end) = (cs + s, cs + e);
            if overlaps(start, end) || touches_hyphen(start, end) {
                continue;
            }
            let w = &chunk[s..e];
            if foreign::has_foreign(w) {
                // a Swedish word when a Swedish letter makes one,
                // a foreign name otherwise
                if let Some(r) = foreign::swedish_reading(&self.lex, w) {
                    edits.push(Edit {
                        start,
                        end,
                        replacement: tokenize::apply_case(&r, tokenize::case_of(w)),
                        confidence: 0.9,
                        evidence: format!(
                            "a letter Swedish does not write; \"{r}\" is in the lexicon"
                        ),
                    });
                }
                continue;
            }
            // (short and unlisted first: Hunspell is asked last)
            let known_abbrev = text[end..].starts_with('.')
                && w.len() <= ABBREV_MAX_BYTES
                && self.lex.zipf(&tokenize::fold_case(w)).is_none()
                && self.lex.hunspell_ok(&text[start..=end])
                && !self.lex.hunspell_ok(w);
            if known_abbrev {
                continue; // "adr.", "ang.", "resp."
            }
            self.push_core(cores, text, start, end, None, w.to_string());
        }
        false
    }

    /// Step 2: the distinct (lower-case) words of the cores, in order, with
    /// how often each occurs, what the lexicon knows of it and whether it
    /// is capitalised inside a sentence (likely a name).
    fn distinct_words<'c>(&self, text: &str, cores: &'c [Core]) -> Vec<WordStat<'c>> {
        let mut distinct: HashMap<&str, (usize, Option<f32>, bool)> = HashMap::new();
        for c in cores {
            let e = distinct
                .entry(c.lower.as_str())
                .or_insert_with(|| (0, self.known(c.surface(text), &c.lower), false));
            e.0 += 1;
            // capitalised inside a sentence: likely a name
            e.2 |= c.case != Case::Lower && !c.starts_sentence;
        }
        let mut words: Vec<WordStat> = distinct
            .iter()
            .map(|(w, &(count, known, title))| WordStat {
                word: w,
                count,
                known,
                title,
                searched: true,
            })
            .collect();
        words.sort_by(|a, b| a.word.cmp(b.word));
        words
    }

    /// Step 2b: the search budget (see `SEARCH_BUDGET_WORDS`). When more
    /// distinct words of the text than the budget allows are not in the
    /// word list, only the most frequent of them are searched; the others
    /// are marked unsearched, and the warning that says so is returned.
    fn limit_search(&self, words: &mut [WordStat], bytes: usize) -> Option<String> {
        let budget = SEARCH_BUDGET_WORDS + bytes / SEARCH_BUDGET_BYTES;
        if words.len() <= budget {
            return None; // (every protocol: not even a lookup)
        }
        let mut unlisted: Vec<usize> = (0..words.len())
            .filter(|&i| !self.lex.is_user(words[i].word) && self.lex.zipf(words[i].word).is_none())
            .collect();
        if unlisted.len() <= budget {
            return None;
        }
        // `words` is in alphabetical order: a stable sort keeps it for ties
        unlisted.sort_by_key(|&i| std::cmp::Reverse(words[i].count));
        let left = unlisted.len() - budget;
        for &i in &unlisted[budget..] {
            words[i].searched = false;
        }
        Some(format!(
            "search budget: {left} of the {} distinct words not in the word list were not \
             searched for a repair and are kept as written (a pass searches at most {budget} \
             for a text of {bytes} bytes, the most frequent first)",
            unlisted.len()
        ))
    }

    /// Step 3: the document's loss of diacritics (the share of its words
    /// that lost them) and how careful to be (the share of words unknown
    /// for another reason: another era or language, other noise).
    fn estimate_loss(&self, words: &[WordStat]) -> DocLoss {
        let mut fixable = 0;
        let mut intact = 0;
        let full_loss = Channel::new(&self.model, 1.0);
        // words of three letters or more, and those among them unknown for
        // a reason other than lost diacritics, for calibration
        let (mut judged, mut strange) = (0usize, 0usize);
        for &WordStat {
            word: w,
            count,
            known,
            title,
            searched,
        } in words
        {
            if !searched {
                continue;
            }
            let long = w.chars().count() >= 3;
            judged += if long && !title { count } else { 0 };
            if known.is_some() {
                if w.chars().any(|c| DIACRITICS.contains(&c)) {
                    intact += count;
                }
            } else if long {
                let a = self.analyse(&full_loss, w, None, title, 1.0, Purpose::LossEstimate);
                let best = self.best_change(w, &a, title, 1.0);
                if best.is_some_and(|(b, p)| b.diacritic && p >= 0.6) {
                    fixable += count;
                } else if !title {
                    strange += count;
                }
            }
        }
        let loss = context::loss_level(fixable, intact);
        let strangeness = strange as f32 / judged.max(1) as f32;
        let caution =
            ((strangeness - STRANGE_FROM) / (STRANGE_FULL - STRANGE_FROM)).clamp(0.0, 1.0);
        if std::env::var_os("PARAGRAF_REPAIR_DEBUG").is_some() {
            eprintln!("judged {judged} strange {strange} ({strangeness:.3}) fixable {fixable} intact {intact} loss {loss:.3}");
        }
        DocLoss {
            loss,
            strangeness,
            caution,
        }
    }

    /// Step 4: the confusion model adapted to this document: the
    /// confusions its confident repairs of unknown words used, relative to
    /// how often the gold letters occur (EM-style, two rounds). A clean
    /// text has too few repairs to adapt to: the model as it is.
    fn adapt_model(&self, words: &[WordStat], loss: f32) -> ConfusionModel {
        let mut model = self.model.clone();
        let rounds = if loss >= ADAPT_MIN_LOSS {
            ADAPT_ROUNDS
        } else {
            0
        };
        for _ in 0..rounds {
            let ch = Channel::new(&model, loss);
            let mut used: HashMap<(String, String), f32> = HashMap::new();
            let mut gold_count: HashMap<String, f32> = HashMap::new();
            let count_gold = |word: &str, n: f32, gold_count: &mut HashMap<String, f32>| {
                for ch in word.chars() {
                    *gold_count.entry(ch.to_string()).or_default() += n;
                }
            };
            for &WordStat {
                word: w,
                count,
                known,
                title,
                searched,
            } in words
            {
                if !searched {
                    continue;
                }
                if known.is_some() {
                    count_gold(w, count as f32, &mut gold_count);
                    continue;
                }
                if w.chars().count() < 3 {
                    continue;
                }
                let a = self.analyse(&ch, w, None, title, loss, Purpose::Adapt);
                for (cand, p) in self.posteriors(w, &a, title, loss) {
                    let weight = p * count as f32;
                    count_gold(&cand.word, weight, &mut gold_count);
                    for pair in &cand.pairs {
                        *used.entry(pair.clone()).or_default() += weight;
                    }
                }
            }
            let seen: HashMap<(String, String), f32> = used
                .into_iter()
                .filter(|(_, n)| *n >= ADAPT_MIN_USES)
                .filter_map(|((o, g), n)| {
                    let total = g
                        .chars()
                        .next()
                        .and_then(|c| gold_count.get(&c.to_string()))
                        .copied()
                        .unwrap_or(0.0);
                    (total > 0.0).then(|| ((o, g), (n / total).min(0.95)))
                })
                .collect();
            if std::env::var_os("PARAGRAF_REPAIR_DEBUG").is_some() {
                eprintln!("loss {loss:.3} adapted {seen:?}");
            }
            model = self.model.adapted(&seen, loss);
        }
        model
    }

    /// Step 5: every distinct word analysed under the adapted model (an
    /// old form in a text in the old spelling is not searched).
    fn analyse_words<'w>(
        &self,
        words: &[WordStat<'w>],
        model: &ConfusionModel,
        loss: f32,
        old_spelling: bool,
    ) -> HashMap<&'w str, Analysis> {
        let ch = Channel::new(model, loss);
        words
            .iter()
            .map(
                |&WordStat {
                     word: w,
                     known,
                     title,
                     searched,
                     ..
                 }| {
                    let old_form = old_spelling && orthography::is_old_form(&self.lex, w);
                    let a = if old_form || !searched {
                        Analysis {
                            known,
                            listed: false,
                            cands: Vec::new(),
                            id_channel: 0.0,
                        }
                    } else {
                        self.analyse(&ch, w, known, title, loss, Purpose::Decide)
                    };
                    (w, a)
                },
            )
            .collect()
    }

    /// Step 6: decide each core in reading order, with its neighbours'
    /// best readings as context; changes become edits, doubts warnings.
    fn decide_cores(&self, pass: &Pass, edits: &mut Vec<Edit>, warnings: &mut Vec<String>) {
        let Pass {
            text,
            cores,
            analyses,
            in_old,
            doc,
        } = *pass;
        let mut name_fixes: HashMap<&str, Option<names::NameFix>> = HashMap::new();
        let mut prev: Option<String> = None;
        for (k, c) in cores.iter().enumerate() {
            let a = &analyses[c.lower.as_str()];
            let starts_sentence = c.starts_sentence;
            if starts_sentence {
                prev = Some("<s>".into());
            }
            let next = next_reading(text, cores, k, analyses);
            // in the old spelling: old forms stay; a word the lexicon does
            // not know may only get back lost diacritics ("storre" →
            // "större"), nothing that would modernise it ("heldre" is no
            // "äldre")
            let old = in_old[k];
            let decided = if old && orthography::is_old_form(&self.lex, &c.lower) {
                Decision::Keep
            } else {
                let care = Care {
                    caution: doc.caution,
                    diacritics_only: old && a.known.is_none(),
                };
                let general = self.decide(c, a, prev.as_deref(), next.as_ref(), doc.loss, care);
                match general {
                    Decision::Keep => self
                        .name_repair(pass, k, &mut name_fixes)
                        .unwrap_or(general),
                    _ if self.keeps_name(pass, k) => Decision::Keep,
                    _ => general,
                }
            };
            prev = Some(match decided {
                Decision::Keep => c.lower.clone(),
                Decision::Change(word, conf, evidence) => {
                    match self.edit_for(text, c, &word, starts_sentence) {
                        Some(replacement) => {
                            edits.push(Edit {
                                start: c.start,
                                end: c.end,
                                replacement,
                                confidence: conf,
                                evidence: if c.split.is_some() {
                                    format!("{evidence}; word broken at a line end, judged whole")
                                } else {
                                    evidence
                                },
                            });
                            word
                        }
                        None => c.lower.clone(),
                    }
                }
                Decision::Doubt(word, conf) => {
                    warnings.push(format!(
                        "byte {}: \"{}\" looks wrong; best guess \"{}\" (confidence {:.2}) not applied",
                        c.start,
                        c.surface(text),
                        tokenize::apply_case(&word, c.case),
                        conf
                    ));
                    c.lower.clone()
                }
            });
        }
    }

    /// Does core `k` look like a name: capitalised, and inside a sentence
    /// or next to another capitalised word ("Karin Odman" after a colon)?
    fn name_sign(&self, pass: &Pass, k: usize) -> bool {
        let (text, cores) = (pass.text, pass.cores);
        let c = &cores[k];
        let capital_next_to = |j: usize| {
            let (a, b) = (&cores[j.min(k)], &cores[j.max(k)]);
            cores[j].case == Case::Title && !sentence_break(&text[a.end..b.start])
        };
        c.case == Case::Title
            && (!c.starts_sentence
                || (k > 0 && capital_next_to(k - 1))
                || (k + 1 < cores.len() && capital_next_to(k + 1)))
    }

    /// A listed name (the names list, a Hunspell proper noun) with a sign
    /// of being a name stays as it is ("Saga" is no mangled "säga" there).
    fn keeps_name(&self, pass: &Pass, k: usize) -> bool {
        let c = &pass.cores[k];
        c.case == Case::Title
            && self.name_sign(pass, k)
            && self.names.listed(&self.lex, &c.lower).is_some()
    }

    /// A capitalised word that is no word, with a sign of being a name,
    /// read as a known name when the evidence is strong (see [`names`]).
    fn name_repair<'t>(
        &self,
        pass: &Pass<'t>,
        k: usize,
        cache: &mut HashMap<&'t str, Option<names::NameFix>>,
    ) -> Option<Decision> {
        let c = &pass.cores[k];
        if c.case != Case::Title || pass.doc.loss < names::MIN_LOSS {
            return None;
        }
        let a = &pass.analyses[c.lower.as_str()];
        if c.split.is_some()
            || pass.in_old[k]
            || a.known.is_some()
            || self.lex.is_user(&c.lower)
            || !self.name_sign(pass, k)
        {
            return None;
        }
        let fix = cache.entry(c.lower.as_str()).or_insert_with(|| {
            self.names.repair(
                &self.lex,
                &self.model,
                pass.doc.loss,
                &c.lower,
                self.opts.min_confidence,
            )
        });
        let fix = fix.as_ref()?;
        Some(Decision::Change(
            fix.name.clone(),
            fix.confidence,
            fix.evidence.clone(),
        ))
    }

    /// A chunk that is one foreign letter for "i" ("í Vårgårda") or a number
    /// with a letter read for a digit ("202i."): the edit that fixes it.
    fn letter_edit(&self, chunk: &str, cs: usize) -> Option<Edit> {
        let (s, e) = tokenize::trimmed(chunk)?;
        let core = &chunk[s..e];
        let mut cs_iter = core.chars();
        let (fixed, evidence) = match (cs_iter.next(), cs_iter.next()) {
            (Some(c), None) => {
                let opts = foreign::swedish_options(c.to_lowercase().next()?)?;
                (
                    opts.contains(&'i').then(|| "i".to_string())?,
                    "a letter Swedish does not write, alone: \"i\"",
                )
            }
            _ => (
                foreign::number_reading(core)?,
                "a letter read for a digit inside a number",
            ),
        };
        Some(Edit {
            start: cs + s,
            end: cs + e,
            replacement: fixed,
            confidence: 0.9,
            evidence: evidence.into(),
        })
    }

    /// Add a word core (`surface` is its text, without hyphen and line
    /// break when `split` says it is broken across lines).
    fn push_core(
        &self,
        cores: &mut Vec<Core>,
        text: &str,
        start: usize,
        end: usize,
        split: Option<(usize, usize)>,
        surface: String,
    ) {
        let prev_end = cores.last().map_or(0, |c| c.end.min(start));
        let abbrev_like = split.is_none()
            && text[end..].starts_with(['.', ':'])
            && surface.chars().count() <= ABBREV_MAX_CHARS;
        cores.push(Core {
            start,
            end,
            split,
            abbrev_like,
            lower: tokenize::fold_case(&surface),
            case: tokenize::case_of(&surface),
            starts_sentence: cores.is_empty() || sentence_break(&text[prev_end..start]),
            surface: split.map(|_| surface),
        });
    }

    /// The edit that writes `word` (lowercase) in place of core `c`: in its
    /// case, and for a broken word split back at its line break. None when
    /// the repair cannot be split there.
    fn edit_for(&self, text: &str, c: &Core, word: &str, starts_sentence: bool) -> Option<String> {
        // OCR often capitalises a letter it could not read ("Ar" for
        // "är"): mid-sentence, a repaired first letter takes the
        // lowercase, unless the word is a name (Hunspell knows it only
        // capitalised: "Östersjön"; or a known name, see [`names`])
        let first_changed = word.chars().next() != c.lower.chars().next();
        let case = if c.case == Case::Title
            && first_changed
            && !starts_sentence
            && !self.lex.only_capitalised(word)
            && self.names.known(&self.lex, word).is_none()
        {
            Case::Lower
        } else {
            c.case
        };
        let new = tokenize::apply_case(word, case);
        let Some((stem_end, tail_start)) = c.split else {
            return Some(new);
        };
        let stem_chars = text[c.start..stem_end].chars().count();
        let (stem, tail) = layout::split_repair(c.surface(text), &new, stem_chars)?;
        Some(format!("{stem}{}{tail}", &text[stem_end..tail_start]))
    }

    fn decide(
        &self,
        c: &Core,
        a: &Analysis,
        prev: Option<&str>,
        next: Option<&(String, f32)>,
        loss: f32,
        care: Care,
    ) -> Decision {
        let Care {
            caution,
            diacritics_only,
        } = care;
        if self.lex.is_user(&c.lower) || a.cands.is_empty() {
            return Decision::Keep;
        }
        let (nw, nz) = match next {
            Some((w, z)) => (Some(w.as_str()), *z),
            None => (None, 0.0),
        };
        let title = c.case != Case::Lower && !c.starts_sentence;
        // a careful repair does not take an unknown word for a mangled one
        let z0 = a.known.unwrap_or(oov_zipf(title, loss * (1.0 - caution)));
        let mut opts: Vec<(&str, f32, Option<&Cand>)> = Vec::new();
        if !a.cands.iter().any(|x| x.word == c.lower) {
            let context = context::bonus(&self.lex, prev, &c.lower, z0, nw, nz);
            let cost = keep_cost(a.id_channel, z0, a.listed, loss, context);
            opts.push((c.lower.as_str(), cost, None));
        }
        let n_chars = c.lower.chars().count();
        for x in &a.cands {
            if c.abbrev_like && x.word.chars().count() != n_chars {
                continue; // "adr:" is no "är:"
            }
            if diacritics_only && !restores_diacritics(&c.lower, &x.word) {
                continue;
            }
            let listed_bonus = if x.word == c.lower && a.listed {
                known_bonus(loss)
            } else {
                0.0
            };
            if a.listed && x.parts > 1 && x.word != c.lower && self.lex.zipf(&x.word).is_none() {
                // a listed word ("byggnadslov") is not taken for a compound
                // no list has seen ("byggnads|löv"): Hunspell builds one from
                // almost any pair of parts
                continue;
            }
            let careful = if x.parts > 1 && x.word != c.lower {
                CAREFUL_COMPOUND_NATS * caution
            } else {
                0.0
            };
            let cost = careful + base_cost(x.channel, x.zipf)
                - context::bonus(&self.lex, prev, &x.word, x.zipf, nw, nz)
                - listed_bonus;
            opts.push((x.word.as_str(), cost, Some(x)));
        }
        let min = opts.iter().map(|o| o.1).fold(f32::INFINITY, f32::min);
        let total: f32 = opts.iter().map(|o| (min - o.1).exp()).sum();
        let Some(best) = opts.iter().min_by(|x, y| x.1.total_cmp(&y.1)) else {
            return Decision::Keep;
        };
        if best.0 == c.lower {
            return Decision::Keep;
        }
        let conf = 1.0 / total;
        let Some(cand) = best.2 else {
            return Decision::Keep;
        };
        let min_conf = self.opts.min_confidence;
        if conf < min_conf + (CAREFUL_MIN_CONFIDENCE - min_conf).max(0.0) * caution {
            return Decision::Doubt(cand.word.clone(), conf);
        }
        let ctx = context::bonus(&self.lex, prev, &cand.word, cand.zipf, nw, nz);
        let mut ev = format!("confusion {}", cand.edits.join(", "));
        if cand.parts > 1 {
            let _ = write!(ev, "; compound of {} parts (hunspell)", cand.parts);
        }
        let _ = write!(ev, "; lexicon zipf {:.1}", cand.zipf);
        match a.known {
            Some(z) => {
                let _ = write!(ev, " vs original {z:.1}");
            }
            None => ev.push_str("; original not in lexicon"),
        }
        if ctx > 0.05 {
            let _ = write!(ev, "; context +{ctx:.1}");
        }
        let _ = write!(ev, "; document diacritic loss {loss:.2}");
        Decision::Change(cand.word.clone(), conf, ev)
    }
}

/// What a word's analysis is for; it sets how far the search looks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// Does a diacritic repair clearly beat the word (posterior ≥ 0.6, so
    /// a change at least ln 1.5 nats cheaper)? Readings more than
    /// `LOSS_MARGIN` behind the word barely move that posterior, and the
    /// answer only feeds a document-level count.
    LossEstimate,
    /// Which confusions do the document's repairs use (posteriors)?
    Adapt,
    /// The decision: every reading context could still tip, and generic
    /// edits (dropped, extra, substituted letters) for unknown words.
    Decide,
}

/// Search margin (nats above the word's own cost) of the loss estimate.
const LOSS_MARGIN: f32 = 2.0;

impl Purpose {
    fn margin(self) -> f32 {
        match self {
            Purpose::LossEstimate => LOSS_MARGIN,
            Purpose::Adapt | Purpose::Decide => CONTEXT_SWING,
        }
    }
}

/// A distinct word of a text (lower case) and what the pass knows of it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct WordStat<'a> {
    word: &'a str,
    /// How many cores are this word.
    count: usize,
    /// Its Zipf frequency when the lexicon knows it.
    known: Option<f32>,
    /// Capitalised inside a sentence somewhere: likely a name.
    title: bool,
    /// Searched for readings: false for a word over the pass's search
    /// budget (see `SEARCH_BUDGET_WORDS`), which is kept as written and
    /// left out of the document's statistics.
    searched: bool,
}

/// What a pass estimates about the whole document.
#[derive(Debug, Clone, Copy)]
struct DocLoss {
    /// The share of words that lost their diacritics (0..1): the loss
    /// level every cost of the pass is computed at.
    loss: f32,
    /// The share of words unknown for another reason.
    strangeness: f32,
    /// 0..1, from `strangeness` (see `STRANGE_FROM`).
    caution: f32,
}

/// What the decision step reads.
struct Pass<'a> {
    text: &'a str,
    cores: &'a [Core],
    analyses: &'a HashMap<&'a str, Analysis>,
    /// Per core: in a text or passage in the old spelling.
    in_old: &'a [bool],
    doc: &'a DocLoss,
}

/// The reading after core `k`: the next core's best reading (or itself),
/// or the end of a sentence.
fn next_reading(
    text: &str,
    cores: &[Core],
    k: usize,
    analyses: &HashMap<&str, Analysis>,
) -> Option<(String, f32)> {
    let c = &cores[k];
    let next = cores.get(k + 1).map(|n| {
        if sentence_break(&text[c.end..n.start]) {
            return ("</s>".to_string(), ZIPF_SENTENCE_END);
        }
        let na = &analyses[n.lower.as_str()];
        match na.cands.first() {
            Some(b) => (b.word.clone(), b.zipf),
            None => (n.lower.clone(), na.known.unwrap_or(ZIPF_OOV)),
        }
    });
    next.or_else(|| sentence_break(&text[c.end..]).then(|| ("</s>".to_string(), ZIPF_SENTENCE_END)))
}

/// `PARAGRAF_REPAIR_DEBUG=word,word`: the analyses of those words.
fn debug_analyses(analyses: &HashMap<&str, Analysis>) {
    let Some(dbg) = std::env::var_os("PARAGRAF_REPAIR_DEBUG") else {
        return;
    };
    let dbg = dbg.to_string_lossy().to_lowercase();
    for w in dbg.split(',') {
        if let Some(a) = analyses.get(w) {
            eprintln!("{w}: known {:?} id {:.2}", a.known, a.id_channel);
            for c in &a.cands {
                eprintln!(
                    "   {} ch {:.2} z {:.2} parts {} cost {:.2} {:?}",
                    c.word,
                    c.channel,
                    c.zipf,
                    c.parts,
                    base_cost(c.channel, c.zipf),
                    c.edits
                );
            }
        }
    }
}

/// How careful one decision is.
#[derive(Clone, Copy)]
struct Care {
    /// 0..1, from the share of strange words (see `STRANGE_FROM`).
    caution: f32,
    /// Only lost diacritics may be given back (an unknown word in the old
    /// spelling).
    diacritics_only: bool,
}

enum Decision {
    Keep,
    Change(String, f32, String),
    Doubt(String, f32),
}

/// Maps positions across a pass's edits, given as (end of the edited range
/// on one side, byte length change) in text order. Asked for positions in
/// increasing order, never inside an edited range.
struct Shift {
    edits: Vec<(usize, isize)>,
    next: usize,
    total: isize,
}

impl Shift {
    fn new(edits: Vec<(usize, isize)>) -> Self {
        Shift {
            edits,
            next: 0,
            total: 0,
        }
    }

    fn at(&mut self, p: usize) -> usize {
        while let Some(&(_, d)) = self.edits.get(self.next).filter(|e| e.0 <= p) {
            self.total += d;
            self.next += 1;
        }
        p.saturating_add_signed(self.total)
    }
}

/// Compose two passes: `first` repaired `input`, `second` repaired
/// `first.text`. Corrections of both passes that overlap (in `first.text`)
/// become one, from the input's text to the final text; one the second pass
/// undid disappears. Warnings and the loss estimate stay the first pass's.
fn compose(input: &str, first: Repaired, second: Repaired) -> Repaired {
    let delta = |c: &Correction| c.corrected.len() as isize - c.original.len() as isize;
    // Every correction as a range of `first.text` (the second pass's input):
    // the first pass's by their output offsets, the second pass's mapped
    // back through the length changes of its earlier corrections.
    let mut spans: Vec<(usize, usize, usize, &Correction)> = Vec::new();
    let mut second_edits = Vec::with_capacity(second.corrections.len());
    let mut shift = 0isize;
    for c in &second.corrections {
        let start = c.start.saturating_add_signed(-shift);
        spans.push((start, start + c.original.len(), 2, c));
        second_edits.push((start + c.original.len(), delta(c)));
        shift += delta(c);
    }
    spans.extend(first.corrections.iter().map(|c| (c.start, c.end, 1, c)));
    spans.sort_by_key(|&(s, e, pass, _)| (s, e, pass));
    // first.text → input undoes the first pass; first.text → final text
    // applies the second. Group bounds are edit bounds or outside edits.
    let mut to_input = Shift::new(
        first
            .corrections
            .iter()
            .map(|c| (c.end, -delta(c)))
            .collect(),
    );
    let mut to_output = Shift::new(second_edits);
    let mut corrections = Vec::new();
    let mut k = 0;
    while k < spans.len() {
        let (gs, mut ge, _, _) = spans[k];
        let mut members = Vec::new();
        while k < spans.len() && (members.is_empty() || spans[k].0 < ge) {
            ge = ge.max(spans[k].1);
            members.push((spans[k].2, spans[k].3));
            k += 1;
        }
        // the evidence reads in the order the passes made the changes
        members.sort_by_key(|m| m.0);
        let members: Vec<&Correction> = members.into_iter().map(|m| m.1).collect();
        let (in_start, in_end) = (to_input.at(gs), to_input.at(ge));
        let (start, end) = (to_output.at(gs), to_output.at(ge));
        let original = &input[in_start..in_end];
        let corrected = &second.text[start..end];
        if original == corrected {
            continue; // a later pass undid it
        }
        corrections.push(Correction {
            original: original.to_string(),
            corrected: corrected.to_string(),
            page: members[0].page,
            start,
            end,
            confidence: members
                .iter()
                .map(|c| c.confidence)
                .fold(f32::INFINITY, f32::min),
            evidence: members
                .iter()
                .map(|c| c.evidence.as_str())
                .collect::<Vec<_>>()
                .join("; then "),
        });
    }
    Repaired {
        text: second.text,
        corrections,
        warnings: first.warnings,
        diacritic_loss: first.diacritic_loss,
    }
}

/// Apply non-overlapping edits and log them with offsets into the output.
fn apply_edits(text: &str, mut edits: Vec<Edit>) -> Repaired {
    edits.sort_by_key(|e| e.start);
    let mut out = String::with_capacity(text.len() + 64);
    let mut corrections = Vec::with_capacity(edits.len());
    let mut pos = 0;
    let mut page = 1;
    for e in edits {
        if e.start < pos || e.end > text.len() {
            continue;
        }
        let between = &text[pos..e.start];
        page += between.matches('\u{c}').count();
        out.push_str(between);
        let start = out.len();
        out.push_str(&e.replacement);
        corrections.push(Correction {
            original: text[e.start..e.end].to_string(),
            corrected: e.replacement.clone(),
            page,
            start,
            end: out.len(),
            confidence: e.confidence,
            evidence: e.evidence,
        });
        page += text[e.start..e.end].matches('\u{c}').count();
        pos = e.end;
    }
    out.push_str(&text[pos..]);
    Repaired {
        text: out,
        corrections,
        warnings: Vec::new(),
        diacritic_loss: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repairer() -> Repairer {
        Repairer::new(&RepairOptions::default()).expect("embedded lexicon")
    }

    #[test]
    fn keep_cost_counts_context_and_listing() {
        let plain = keep_cost(0.5, 4.0, false, 0.3, 0.0);
        assert_eq!(plain, base_cost(0.5, 4.0));
        assert_eq!(
            keep_cost(0.5, 4.0, true, 0.3, 0.0),
            plain - known_bonus(0.3)
        );
        assert!(keep_cost(0.5, 4.0, false, 0.3, 1.0) < plain);
    }

    #[test]
    fn find_cores_joins_broken_words_and_skips_abbreviations() {
        let r = repairer();
        let text = "Styrelsen beslöt t.o.m. att kommun-\nstyrelsen H:r skulle\n• svara.\n";
        let (edits, cores) = r.find_cores(text);
        let words: Vec<&str> = cores.iter().map(|c| c.lower.as_str()).collect();
        assert!(words.contains(&"kommunstyrelsen"), "{words:?}");
        assert!(
            !words.contains(&"kommun") && !words.contains(&"h:r"),
            "{words:?}"
        );
        let joined = cores.iter().find(|c| c.lower == "kommunstyrelsen").unwrap();
        assert!(joined.split.is_some());
        assert!(cores
            .iter()
            .all(|c| !text[c.start..c.end].contains("t.o.m")));
        assert!(edits.is_empty() || edits.iter().all(|e| e.replacement == "•"));
    }

    #[test]
    fn distinct_words_count_and_spot_names() {
        let r = repairer();
        let text = "Mötet öppnades. Anna Berg öppnade mötet.\n";
        let (_, cores) = r.find_cores(text);
        let words = r.distinct_words(text, &cores);
        let sorted: Vec<&str> = words.iter().map(|w| w.word).collect();
        let mut check = sorted.clone();
        check.sort_unstable();
        assert_eq!(sorted, check);
        let get = |w: &str| *words.iter().find(|s| s.word == w).unwrap();
        assert_eq!(get("mötet").count, 2);
        assert!(get("mötet").known.is_some());
        assert!(get("berg").title && !get("öppnade").title);
    }

    #[test]
    fn estimate_loss_sees_lost_diacritics() {
        let r = repairer();
        let loss_of = |text: &str| {
            let (_, cores) = r.find_cores(text);
            r.estimate_loss(&r.distinct_words(text, &cores)).loss
        };
        let intact = "Mötet förklarades öppnat. Närvarande ledamöter och ersättare \
                      godkände föredragningslistan. Nämnden beslöt att återremittera ärendet \
                      till förvaltningen för vidare beredning. Sammanträdet avslutades.\n";
        let lost: String = intact
            .chars()
            .map(|c| match c {
                'å' | 'ä' => 'a',
                'ö' => 'o',
                c => c,
            })
            .collect();
        let (a, b) = (loss_of(intact), loss_of(&lost));
        assert!(b > a + 0.2, "intact {a}, lost {b}");
    }

    #[test]
    fn adapt_model_leaves_a_clean_text_alone() {
        let r = repairer();
        let words = [WordStat {
            word: "forslaget",
            count: 3,
            known: None,
            title: false,
            searched: true,
        }];
        let m = r.adapt_model(&words, 0.0);
        for c in ['a', 'o', 'e', 'l'] {
            assert_eq!(m.err_mass(c), r.model.err_mass(c));
        }
    }

    #[test]
    fn next_reading_ends_at_a_sentence_break() {
        let r = repairer();
        let text = "Mötet öppnades. Nämnden beslöt\n";
        let (_, cores) = r.find_cores(text);
        let words = r.distinct_words(text, &cores);
        let analyses = r.analyse_words(&words, &r.model, 0.1, false);
        let (w, _) = next_reading(text, &cores, 1, &analyses).unwrap();
        assert_eq!(w, "</s>");
        let (w, _) = next_reading(text, &cores, 0, &analyses).unwrap();
        assert_eq!(w, "öppnades");
    }

    /// A pass over `input` that replaces the given (start, end, with) ranges.
    fn pass(input: &str, edits: &[(usize, usize, &str)]) -> Repaired {
        apply_edits(
            input,
            edits
                .iter()
                .map(|&(start, end, with)| Edit {
                    start,
                    end,
                    replacement: with.into(),
                    confidence: 0.9,
                    evidence: format!("{}→{with}", &input[start..end]),
                })
                .collect(),
        )
    }

    fn check_offsets(r: &Repaired) {
        for c in &r.corrections {
            assert_eq!(&r.text[c.start..c.end], c.corrected, "{c:?}");
        }
    }

    #[test]
    fn compose_maps_both_passes_from_input_to_final_text() {
        let input = "xx yy zz\u{c}ww";
        // pass 1: yy→yyy, zz→zzzz, ww→w
        let first = pass(input, &[(3, 5, "yyy"), (6, 8, "zzzz"), (9, 11, "w")]);
        assert_eq!(first.text, "xx yyy zzzz\u{c}w");
        // pass 2: xx→x, yyy→y (changes pass 1's word again)
        let second = pass(&first.text, &[(0, 2, "x"), (3, 6, "y")]);
        let both = compose(input, first, second);
        assert_eq!(both.text, "x y zzzz\u{c}w");
        check_offsets(&both);
        let log: Vec<(&str, &str, usize)> = both
            .corrections
            .iter()
            .map(|c| (c.original.as_str(), c.corrected.as_str(), c.page))
            .collect();
        assert_eq!(
            log,
            [
                ("xx", "x", 1),
                ("yy", "y", 1),
                ("zz", "zzzz", 1),
                ("ww", "w", 2)
            ]
        );
        assert_eq!(both.corrections[1].evidence, "yy→yyy; then yyy→y");
    }

    #[test]
    fn compose_drops_a_change_the_next_pass_undid() {
        let input = "ab cd";
        let first = pass(input, &[(0, 2, "aB"), (3, 5, "cD")]);
        let second = pass(&first.text, &[(0, 2, "ab")]);
        let both = compose(input, first, second);
        assert_eq!(both.text, "ab cD");
        check_offsets(&both);
        assert_eq!(both.corrections.len(), 1);
        assert_eq!(both.corrections[0].original, "cd");
    }

    #[test]
    fn compose_joins_a_second_edit_spanning_two_first_edits() {
        let input = "a-\nb c";
        let first = pass(input, &[(0, 1, "å"), (3, 4, "B")]);
        // a join over both of pass 1's words
        let second = pass(&first.text, &[(0, 5, "åB")]);
        let both = compose(input, first, second);
        assert_eq!(both.text, "åB c");
        check_offsets(&both);
        assert_eq!(both.corrections.len(), 1);
        assert_eq!(both.corrections[0].original, "a-\nb");
        assert!((both.corrections[0].confidence - 0.9).abs() < 1e-6);
    }
}
