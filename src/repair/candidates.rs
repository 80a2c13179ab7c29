//! Candidate search: walk the frequency automaton along the OCR word, letting
//! the confusion model (and a few generic edits) propose the gold letters,
//! with Swedish compounding (a part ends, the next starts from the root,
//! optionally after a linking "s"). Every path costs −ln P(ocr | gold).

use super::confusion::{
    is_odd_glyph, ConfusionModel, DIACRITICS, P_DIACRITIC_GLYPH, P_DIACRITIC_TWO, P_GENERIC,
    P_GENERIC_LETTER,
};
use super::lexicon::{cost_to_zipf, Lexicon};
use super::trie::{NodeId, Trie};
use foldhash::{HashMap, HashMapExt};
use std::sync::LazyLock;

const DIACRITIC_STRS: [&str; 3] = ["å", "ä", "ö"];

/// A learned rule applicable at a position: OCR length, gold, channel cost.
type RuleAt<'a> = (usize, &'a str, f32);

/// Penalty (zipf units) for each extra compound part.
pub const COMPOUND_ZIPF_PENALTY: f32 = 0.5;
/// Channel cost of a compound boundary (nats).
const COMPOUND_COST: f32 = 0.5;
/// Maximum automaton nodes visited for one word.
const MAX_VISITS: usize = 40_000;
/// Paths costing this much more than the best candidate found so far are
/// pruned (posterior below e^-8 even after the largest context swing).
const PRUNE_MARGIN: f32 = 8.0;
/// Maximum compound parts.
const MAX_PARTS: usize = 3;
/// Minimum length (chars) of a non-final compound part.
const MIN_PART: usize = 3;

/// One candidate gold word for an OCR word.
#[derive(Debug, Clone, PartialEq)]
pub struct Cand {
    /// Lowercase candidate.
    pub word: String,
    /// −ln P(ocr | gold), nats.
    pub channel: f32,
    /// Frequency of the candidate (zipf); compounds: weakest part minus a penalty.
    pub zipf: f32,
    /// Number of compound parts (1 = a listed word).
    pub parts: usize,
    /// The edits, as "ocr→gold".
    pub edits: Vec<String>,
    /// The edits as (ocr, gold) pairs.
    pub pairs: Vec<(String, String)>,
    /// Whether an edit restored a diacritic letter.
    pub diacritic: bool,
}

/// A word the search reached, before its edits are spelled out.
struct Found {
    channel: f32,
    zipf: f32,
    parts: usize,
    /// (ocr start, ocr len, gold start, gold len), as `Search::edits`.
    edits: Vec<(usize, usize, usize, usize)>,
}

impl Found {
    fn into_cand(self, word: String, ocr: &[char]) -> Cand {
        let pairs: Vec<(String, String)> = self
            .edits
            .iter()
            .map(|&(os, ol, gs, gl)| (ocr[os..os + ol].iter().collect(), word[gs..gs + gl].into()))
            .collect();
        let diacritic = pairs
            .iter()
            .any(|(_, g)| g.chars().any(|c| DIACRITICS.contains(&c)));
        Cand {
            edits: pairs
                .iter()
                .map(|(o, g)| format!("{}→{}", if o.is_empty() { "∅" } else { o }, g))
                .collect(),
            word,
            channel: self.channel,
            zipf: self.zipf,
            parts: self.parts,
            pairs,
            diacritic,
        }
    }
}

/// The channel costs of one confusion model at one document loss level,
/// computed once and shared by every search of a pass (a search used to
/// redo the rule lookups and logarithms for its own word).
pub struct Channel<'m> {
    model: &'m ConfusionModel,
    /// Loss level, clamped to 1e-4..1.
    loss: f32,
    costs: Costs,
    /// −ln P(read as itself) for chars below U+0100 (the search's form).
    id_latin: [f32; 256],
    /// Learned rules by single OCR char below U+0100: (gold, cost).
    single: Vec<Vec<(&'m str, f32)>>,
    /// Learned rules for other single OCR chars: (gold, cost).
    single_other: HashMap<char, Vec<(&'m str, f32)>>,
    /// Learned rules for OCR sequences of two chars or more, by their
    /// first two chars, shortest first: (OCR sequence, rules).
    long: HashMap<(char, char), Vec<LongRule<'m>>>,
    dropped: Vec<(char, f32)>,
    learned_digits: Vec<char>,
    /// The cheapest generic edit (see [`Search::owes`]).
    owed_generic: f32,
}

impl<'m> Channel<'m> {
    /// Costs of `model` at loss level `loss` (clamped to 1e-4..1).
    pub fn new(model: &'m ConfusionModel, loss: f32) -> Self {
        let loss = loss.clamp(1e-4, 1.0);
        let costs = Costs::new(loss);
        let mut id_latin = [0.0f32; 256];
        for (k, v) in id_latin.iter_mut().enumerate() {
            *v = nats(1.0 - loss * model.err_mass(char::from(k as u8)));
        }
        let mut single = vec![Vec::new(); 256];
        let mut single_other = HashMap::new();
        let mut long: HashMap<(char, char), Vec<LongRule>> = HashMap::new();
        for (ocr, rules) in model.rule_table() {
            let v: Vec<(&str, f32)> = rules
                .iter()
                .map(|r| (r.gold.as_str(), nats(loss * r.p)))
                .collect();
            let cs: Vec<char> = ocr.chars().collect();
            match cs[..] {
                [] => {}
                [c] if (c as u32) < 256 => single[c as usize] = v,
                [c] => {
                    single_other.insert(c, v);
                }
                [a, b, ..] => long.entry((a, b)).or_default().push((cs, v)),
            }
        }
        for list in long.values_mut() {
            list.sort_by_key(|(seq, _)| seq.len());
        }
        let dropped: Vec<(char, f32)> = model
            .dropped
            .iter()
            .map(|&(c, p)| (c, nats(loss * p.max(P_GENERIC))))
            .collect();
        let owed_generic = dropped
            .iter()
            .map(|d| d.1)
            .fold(costs.generic.min(costs.generic_letter), f32::min);
        Channel {
            model,
            loss,
            costs,
            id_latin,
            single,
            single_other,
            long,
            dropped,
            learned_digits: model.digit_glyphs().to_vec(),
            owed_generic,
        }
    }

    /// The confusion model the costs are for.
    pub fn model(&self) -> &'m ConfusionModel {
        self.model
    }

    fn id_cost(&self, c: char) -> f32 {
        match self.id_latin.get(c as usize) {
            Some(&v) => v,
            None => nats(1.0 - self.loss * self.model.err_mass(c)),
        }
    }

    /// The learned rules that apply at position `i` of `n`, shortest OCR
    /// sequence first.
    fn rules_at(&self, n: &[char], i: usize, out: &mut Vec<RuleAt<'m>>) {
        let c = n[i];
        let single = match self.single.get(c as usize) {
            Some(v) => Some(v),
            None => self.single_other.get(&c),
        };
        if let Some(v) = single {
            out.extend(v.iter().map(|&(g, k)| (1, g, k)));
        }
        let Some(&next) = n.get(i + 1) else {
            return;
        };
        for (seq, v) in self.long.get(&(c, next)).into_iter().flatten() {
            if n[i..].starts_with(seq) {
                out.extend(v.iter().map(|&(g, k)| (seq.len(), g, k)));
            }
        }
    }
}

/// The rules of one OCR sequence of two chars or more.
type LongRule<'m> = (Vec<char>, Vec<(&'m str, f32)>);

struct Search<'a> {
    lex: &'a Lexicon,
    trie: &'a Trie,
    model: &'a ConfusionModel,
    n: Vec<char>,
    /// Channel cost of reading each OCR char as itself.
    id_costs: Vec<f32>,
    /// Channel costs of the fallback edits (see [`Costs`]).
    costs: Costs,
    bound: f32,
    max_generic: u8,
    /// Cheapest generic edit in a generic search (0 otherwise): what a path
    /// without one still owes (see [`Search::fits_g`]).
    owed: f32,
    visits: usize,
    found: HashMap<String, Found>,
    buf: String,
    part_start: usize,
    part_zipfs: Vec<f32>,
    /// Largest `8 − zipf` of the finished parts (the LM bound's floor),
    /// the penalty of their number, and both before each part opened.
    prev_floor: f32,
    parts_penalty: f32,
    part_floors: Vec<(f32, f32)>,
    /// Edits on the current path: (ocr start, ocr len, gold start in buf, gold len).
    edits: Vec<(usize, usize, usize, usize)>,
    /// The learned rules applicable at each OCR position:
    /// `rules[rule_spans[i].0 .. rule_spans[i].1]`.
    rules: Vec<RuleAt<'a>>,
    rule_spans: Vec<(u32, u32)>,
    /// Dropped gold letters with their channel cost.
    dropped: &'a [(char, f32)],
    learned_digits: &'a [char],
    two_used: bool,
    /// Short words get generic edits only on odd glyphs.
    short: bool,
    /// Stack of child letters for the generic edits (see `push_children`).
    kids: Vec<(char, NodeId)>,
}

fn nats(p: f32) -> f32 {
    -(p.max(1e-9)).ln()
}

/// Channel costs (nats) of the fallback edits at one loss level, computed
/// once per search rather than a logarithm per step.
#[derive(Clone, Copy)]
struct Costs {
    diacritic_glyph: f32,
    diacritic_two: f32,
    generic: f32,
    generic_letter: f32,
}

impl Costs {
    fn new(loss: f32) -> Self {
        Costs {
            diacritic_glyph: nats(loss * P_DIACRITIC_GLYPH),
            diacritic_two: nats(loss * P_DIACRITIC_TWO),
            generic: nats(loss * P_GENERIC),
            generic_letter: nats(loss * P_GENERIC_LETTER),
        }
    }
}

/// Is a char of the two-byte UTF-8 range (U+0080..U+07FF) a letter?
/// (`char::is_alphabetic` looks non-ASCII chars up in a slow table, and the
/// generic edits ask for every child of every node they visit.)
fn is_letter2(c: char) -> bool {
    static TABLE: LazyLock<[u64; 32]> = LazyLock::new(|| {
        let mut t = [0u64; 32];
        for cp in 0x80u32..0x800 {
            if char::from_u32(cp).is_some_and(char::is_alphabetic) {
                t[(cp >> 6) as usize] |= 1 << (cp & 63);
            }
        }
        t
    });
    let cp = c as u32;
    cp < 0x800 && (TABLE[(cp >> 6) as usize] >> (cp & 63)) & 1 == 1
}

impl Search<'_> {
    /// Push the letter children of a node onto `self.kids`. The caller
    /// notes the stack's length before and truncates back to it when done,
    /// so nested calls share one stack.
    fn push_children(&mut self, node: NodeId) {
        let trie = self.trie;
        for (c, k) in trie.children(node) {
            if c.is_ascii_lowercase() || (!c.is_ascii() && is_letter2(c)) {
                self.kids.push((c, k));
            }
        }
    }

    /// Lower bound of the LM cost of any word completing this path: the
    /// automaton's prefix output is the smallest cost below the node.
    fn lm_lower_bound(&self, node: NodeId) -> f32 {
        let here = self.trie.min_below(node);
        std::f32::consts::LN_10 * (here.max(self.prev_floor) + self.parts_penalty)
    }

    /// Start a compound part after one whose word has zipf `z`.
    fn open_part(&mut self, z: f32) {
        self.part_zipfs.push(z);
        self.part_floors.push((self.prev_floor, self.parts_penalty));
        self.prev_floor = self.prev_floor.max(8.0 - z);
        self.parts_penalty = COMPOUND_ZIPF_PENALTY * self.part_zipfs.len() as f32;
    }

    fn close_part(&mut self) {
        self.part_zipfs.pop();
        if let Some((f, p)) = self.part_floors.pop() {
            self.prev_floor = f;
            self.parts_penalty = p;
        }
    }

    /// Can a path at this cost and trie node still end within the bound?
    /// The LM bound only grows along a path (a node's cheapest word is
    /// among its parent's) and the bound only shrinks, so a `false` here is
    /// what the child's own check would say: asking before the call skips
    /// the visit, not a candidate.
    fn fits(&self, cost: f32, node: NodeId) -> bool {
        cost + self.lm_lower_bound(node) <= self.bound
    }

    /// [`Search::fits`] for a path with `generic` generic edits so far. A
    /// generic search only looks for words that need a generic edit (the
    /// confusion search before it found the others, within a wider
    /// bound), so a path without one still owes the cheapest.
    fn fits_g(&self, cost: f32, node: NodeId, generic: u8) -> bool {
        let owed = if generic == 0 { self.owed } else { 0.0 };
        cost + owed + self.lm_lower_bound(node) <= self.bound
    }

    fn part_len(&self) -> usize {
        self.buf[self.part_start..].chars().count()
    }

    fn record(&mut self, word_cost: u16, cost: f32) {
        let z = cost_to_zipf(u64::from(word_cost));
        let parts = self.part_zipfs.len() + 1;
        let zipf = if parts == 1 {
            z
        } else if let Some(listed) = self.lex.zipf(&self.buf) {
            // a listed word's own frequency beats guessing from its parts
            listed
        } else {
            self.part_zipfs.iter().copied().fold(z, f32::min)
                - COMPOUND_ZIPF_PENALTY * (parts - 1) as f32
        };
        let total = |ch: f32, z: f32| ch + std::f32::consts::LN_10 * (8.0 - z);
        let here = total(cost, zipf);
        // anything much worse than a found candidate has no posterior mass
        self.bound = self.bound.min(here + PRUNE_MARGIN);
        // only the best path to a word is kept; its edits are spelled out
        // once the search is over
        match self.found.get_mut(self.buf.as_str()) {
            Some(f) if total(f.channel, f.zipf) > here => {
                f.channel = cost;
                f.zipf = zipf;
                f.parts = parts;
                f.edits.clear();
                f.edits.extend_from_slice(&self.edits);
            }
            Some(_) => {}
            None => {
                self.found.insert(
                    self.buf.clone(),
                    Found {
                        channel: cost,
                        zipf,
                        parts,
                        edits: self.edits.clone(),
                    },
                );
            }
        }
    }

    /// Inlined into every edit of [`Search::step`] as it was when those
    /// were one function: a call here costs about 3% of repair's
    /// instructions (callgrind, `scripts/repair-instructions.sh`).
    #[allow(clippy::too_many_arguments, clippy::inline_always)]
    #[inline(always)]
    fn push(
        &mut self,
        node: NodeId,
        i: usize,
        cost: f32,
        generic: u8,
        gold: &str,
        ocr: Option<(usize, usize)>,
    ) {
        let len = self.buf.len();
        self.buf.push_str(gold);
        if let Some((os, ol)) = ocr {
            self.edits.push((os, ol, len, gold.len()));
        }
        self.step(node, i, cost, generic);
        if ocr.is_some() {
            self.edits.pop();
        }
        self.buf.truncate(len);
    }

    /// One node of the search: record the word if the input is used up,
    /// then try every edit at input position `i`.
    fn step(&mut self, node: NodeId, i: usize, cost: f32, generic: u8) {
        self.visits += 1;
        if self.visits > MAX_VISITS || !self.fits_g(cost, node, generic) {
            return;
        }
        let final_cost = self.trie.final_cost(node);
        let n_len = self.n.len();
        if let Some(fc) = final_cost {
            if i == n_len && !self.buf.is_empty() && (generic > 0 || self.owed == 0.0) {
                let ok = self.part_zipfs.is_empty() || self.part_len() >= MIN_PART;
                if ok {
                    self.record(fc, cost);
                }
            }
        }
        if i < n_len {
            let c = self.n[i];
            self.identity(node, i, c, cost, generic);
            self.learned_rules(node, i, cost, generic);
            self.lost_diacritic(node, i, c, cost, generic);
            if generic < self.max_generic && (!self.short || is_odd_glyph(c)) {
                self.extra_or_substituted(node, i, c, cost, generic);
            }
            if let Some(fc) = final_cost {
                self.compound_boundary(i, c, fc, cost, generic);
            }
        }
        if generic < self.max_generic && !self.short {
            self.dropped_letter(node, i, cost, generic);
        }
    }

    /// The OCR glyph `c` at `i` is the gold letter.
    #[inline]
    fn identity(&mut self, node: NodeId, i: usize, c: char, cost: f32, generic: u8) {
        if let Some(k) = self.trie.child(node, c) {
            let cost2 = cost + self.id_costs[i];
            if self.fits_g(cost2, k, generic) {
                let mut tmp = [0u8; 4];
                let cs: &str = c.encode_utf8(&mut tmp);
                self.push(k, i + 1, cost2, generic, cs, None);
            }
        }
    }

    /// The learned confusion rules whose OCR side starts at `i`.
    #[inline]
    fn learned_rules(&mut self, node: NodeId, i: usize, cost: f32, generic: u8) {
        let trie = self.trie;
        let (ra, rb) = self.rule_spans[i];
        for r in ra as usize..rb as usize {
            let (len, g, rule_cost) = self.rules[r];
            // a child's bound is at least its parent's: ask before walking
            if !self.fits_g(cost + rule_cost, node, generic) {
                continue;
            }
            if let Some(k) = trie.walk(node, g) {
                let cost2 = cost + rule_cost;
                if self.fits_g(cost2, k, generic) {
                    self.push(k, i + len, cost2, generic, g, Some((i, len)));
                }
            }
        }
    }

    /// An unseen glyph (one), or two glyphs, standing for a lost diacritic
    /// letter.
    #[inline]
    fn lost_diacritic(&mut self, node: NodeId, i: usize, c: char, cost: f32, generic: u8) {
        let glyph_ok = is_odd_glyph(c)
            && (!c.is_ascii_digit() || self.learned_digits.contains(&c))
            && self.fits_g(cost + self.costs.diacritic_glyph, node, generic);
        let two_ok = i + 1 < self.n.len()
            && !self.two_used
            && !self.n[i + 1].is_ascii_digit()
            && self.fits_g(cost + self.costs.diacritic_two, node, generic);
        for (dc, ds) in DIACRITICS.iter().zip(DIACRITIC_STRS) {
            if !glyph_ok && !two_ok {
                break;
            }
            let Some(k) = self.trie.child(node, *dc) else {
                continue;
            };
            if glyph_ok {
                let cost2 = cost + self.costs.diacritic_glyph;
                if self.fits_g(cost2, k, generic) {
                    self.push(k, i + 1, cost2, generic, ds, Some((i, 1)));
                }
            }
            let cost2 = cost + self.costs.diacritic_two;
            if two_ok && !self.two_used && self.fits_g(cost2, k, generic) {
                self.two_used = true;
                self.push(k, i + 2, cost2, generic, ds, Some((i, 2)));
                self.two_used = false;
            }
        }
    }

    /// A generic edit at `i`: the glyph `c` is extra, or stands for another
    /// letter.
    #[inline]
    fn extra_or_substituted(&mut self, node: NodeId, i: usize, c: char, cost: f32, generic: u8) {
        let gcost = cost
            + if is_odd_glyph(c) {
                self.costs.generic
            } else {
                self.costs.generic_letter
            };
        // an extra glyph
        if self.fits(gcost, node) {
            let b = self.buf.len();
            self.edits.push((i, 1, b, 0));
            self.step(node, i + 1, gcost, generic + 1);
            self.edits.pop();
        }
        // a substituted letter (no child fits if this node does not)
        let ks = self.kids.len();
        if self.fits(gcost, node) {
            self.push_children(node);
        }
        let mut tmp = [0u8; 4];
        for k in ks..self.kids.len() {
            let (ch, kid) = self.kids[k];
            if ch != c && self.fits(gcost, kid) {
                let g: &str = ch.encode_utf8(&mut tmp);
                self.push(kid, i + 1, gcost, generic + 1, g, Some((i, 1)));
            }
        }
        self.kids.truncate(ks);
    }

    /// The word so far (a dictionary word of final cost `fc`) ends a
    /// compound part and the next part starts at `i`, also after a linking
    /// "s" when `c` is one.
    #[inline]
    fn compound_boundary(&mut self, i: usize, c: char, fc: u16, cost: f32, generic: u8) {
        if self.part_len() >= MIN_PART && self.part_zipfs.len() + 1 < MAX_PARTS {
            let z = cost_to_zipf(u64::from(fc));
            let saved = self.part_start;
            self.open_part(z);
            self.part_start = self.buf.len();
            self.step(Trie::ROOT, i, cost + COMPOUND_COST, generic);
            if c == 's' && i + 1 < self.n.len() {
                self.buf.push('s');
                self.part_start = self.buf.len();
                self.step(Trie::ROOT, i + 1, cost + COMPOUND_COST, generic);
                self.buf.pop();
            }
            self.part_start = saved;
            self.close_part();
        }
    }

    /// A dropped letter: a gold letter with no OCR glyph, before `i`.
    #[inline]
    fn dropped_letter(&mut self, node: NodeId, i: usize, cost: f32, generic: u8) {
        let mut tmp = [0u8; 4];
        let dropped = self.dropped;
        for &(g, drop_cost) in dropped {
            if let Some(k) = self.trie.child(node, g) {
                let cost2 = cost + drop_cost;
                if self.fits(cost2, k) {
                    let gs: &str = g.encode_utf8(&mut tmp);
                    self.push(k, i, cost2, generic + 1, gs, Some((i, 0)));
                }
            }
        }
        if !self.buf.is_empty() {
            let gcost = cost + self.costs.generic_letter;
            let ks = self.kids.len();
            if self.fits(gcost, node) {
                self.push_children(node);
            }
            for k in ks..self.kids.len() {
                let (ch, kid) = self.kids[k];
                if self.fits(gcost, kid) && !self.model.dropped.iter().any(|d| d.0 == ch) {
                    let g: &str = ch.encode_utf8(&mut tmp);
                    self.push(kid, i, gcost, generic + 1, g, Some((i, 0)));
                }
            }
            self.kids.truncate(ks);
        }
    }
}

/// All candidates for a lowercase OCR word whose cost (channel + LM:
/// −ln P(ocr | gold) + ln10·(8 − zipf)) is at most `bound` nats, under the
/// channel costs `ch`. `generic` allows generic edits (dropped, extra,
/// substituted letters).
pub fn search(lex: &Lexicon, ch: &Channel<'_>, word: &str, bound: f32, generic: bool) -> Vec<Cand> {
    let n: Vec<char> = word.chars().collect();
    let n_len = n.len();
    let max_generic = match (generic, n.len()) {
        (false, _) | (_, 0..=1) => 0,
        (_, 2..=7) => 1,
        _ => 2,
    };
    let mut rules: Vec<RuleAt> = Vec::new();
    let mut rule_spans = Vec::with_capacity(n_len);
    for i in 0..n_len {
        let start = rules.len() as u32;
        ch.rules_at(&n, i, &mut rules);
        rule_spans.push((start, rules.len() as u32));
    }
    let owed = match (generic, max_generic) {
        (false, _) => 0.0,
        (true, 0) => f32::INFINITY,
        (true, _) => ch.owed_generic,
    };
    let mut s = Search {
        lex,
        trie: lex.trie(),
        model: ch.model(),
        id_costs: n.iter().map(|&c| ch.id_cost(c)).collect(),
        costs: ch.costs,
        owed,
        n,
        bound,
        max_generic,
        visits: 0,
        found: HashMap::new(),
        buf: String::new(),
        part_start: 0,
        part_zipfs: Vec::new(),
        prev_floor: f32::NEG_INFINITY,
        parts_penalty: 0.0,
        part_floors: Vec::new(),
        edits: Vec::new(),
        rules,
        rule_spans,
        dropped: &ch.dropped,
        learned_digits: &ch.learned_digits,
        two_used: false,
        short: n_len <= 3,
        kids: Vec::new(),
    };
    s.step(Trie::ROOT, 0, 0.0, 0);
    let ocr = s.n;
    let mut v: Vec<Cand> = s
        .found
        .into_iter()
        .map(|(w, f)| f.into_cand(w, &ocr))
        .collect();
    v.sort_by(|a, b| a.channel.total_cmp(&b.channel).then(a.word.cmp(&b.word)));
    v
}
