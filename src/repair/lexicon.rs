//! The lexicon: word frequencies (wordfreq, as an FST the candidate search
//! walks), Hunspell sv_SE (inflection and compounds) and user word lists.
//!
//! The default data is embedded in the binary (see `dictionaries/`).

use super::compound::SvChecker;
use super::tokenize;
use super::trie::Trie;
use foldhash::{HashMap, HashMapExt, HashSet};

static WORDFREQ_TSV: &str = include_str!("../../dictionaries/sv_wordfreq.tsv");
static BIGRAMS_TSV: &str = include_str!("../../dictionaries/sv_bigrams.tsv");
static MEETING_PHRASES: &str = include_str!("../../dictionaries/sv_meeting_phrases.txt");

/// Zipf value (log10 of frequency per billion words) given to words that are
/// only known to Hunspell or to a user list, not to the frequency list.
pub const ZIPF_HUNSPELL_ONLY: f32 = 2.0;
/// Zipf value of words from a user lexicon (local names are frequent locally).
pub const ZIPF_USER: f32 = 5.0;

/// Zipf ceiling ×100: frequencies are stored as `ZIPF_CEIL_X100 - zipf×100`.
pub const ZIPF_CEIL_X100: u64 = 800;

/// Turn an automaton value back into zipf.
pub fn cost_to_zipf(v: u64) -> f32 {
    (ZIPF_CEIL_X100 as f32 - v as f32) / 100.0
}

/// All word knowledge the repair stage uses. Immutable after construction.
pub struct Lexicon {
    freq: Trie,
    hunspell: SvChecker,
    user: HashSet<String>,
    /// Talbanken unigram and bigram counts (lowercase).
    uni: HashMap<&'static str, u32>,
    bi: HashMap<(&'static str, &'static str), u32>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("trie_nodes", &self.freq.len())
            .field("user_words", &self.user.len())
            .field("bigrams", &self.bi.len())
            .finish()
    }
}

/// The word list as a trie of costs (`ZIPF_CEIL_X100 − zipf×100`), so that
/// the smallest cost below a prefix bounds every word that completes it.
fn build_freq_trie(tsv: &str) -> Trie {
    // The exporter sorts by bytes; `Trie::build` skips anything out of order.
    Trie::build(tsv.lines().filter_map(|line| {
        let (w, z) = line.split_once('\t')?;
        let z = z.trim().parse::<u64>().ok()?;
        Some((
            w,
            ZIPF_CEIL_X100.saturating_sub(z.min(ZIPF_CEIL_X100)) as u16,
        ))
    }))
}

/// Count each line of `dictionaries/sv_meeting_phrases.txt` (the standard
/// phrases of Swedish meeting protocols) once as a sentence of the pair
/// statistics, with its sentence boundaries: Talbanken's 1,700 sentences
/// hold neither "val av" nor "väl av", so a real-word error in an agenda
/// item had no context to be told by.
fn add_meeting_phrases(
    uni: &mut HashMap<&'static str, u32>,
    bi: &mut HashMap<(&'static str, &'static str), u32>,
) {
    for line in MEETING_PHRASES.lines().filter(|l| !l.starts_with('#')) {
        let words: Vec<&'static str> = std::iter::once("<s>")
            .chain(line.split_whitespace())
            .chain(std::iter::once("</s>"))
            .collect();
        if words.len() <= 2 {
            continue;
        }
        for w in &words {
            *uni.entry(*w).or_default() += 1;
        }
        for p in words.windows(2) {
            *bi.entry((p[0], p[1])).or_default() += 1;
        }
    }
}

impl Lexicon {
    /// The embedded default lexicon plus the given user words.
    pub fn new(user_words: impl IntoIterator<Item = String>) -> Self {
        let mut uni = HashMap::new();
        let mut bi = HashMap::new();
        for line in BIGRAMS_TSV.lines() {
            let Some((k, c)) = line.split_once('\t') else {
                continue;
            };
            let Ok(c) = c.parse::<u32>() else { continue };
            match k.split_once(' ') {
                Some((a, b)) => {
                    bi.insert((a, b), c);
                }
                None => {
                    uni.insert(k, c);
                }
            }
        }
        add_meeting_phrases(&mut uni, &mut bi);
        Lexicon {
            freq: build_freq_trie(WORDFREQ_TSV),
            hunspell: SvChecker::new(),
            user: user_words
                .into_iter()
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect(),
            uni,
            bi,
        }
    }

    /// The frequency trie (lowercase words → (8 − zipf)×100).
    pub fn trie(&self) -> &Trie {
        &self.freq
    }

    /// Zipf frequency of a lowercase word from the frequency list.
    pub fn zipf(&self, lower: &str) -> Option<f32> {
        self.freq.get(lower).map(|c| cost_to_zipf(u64::from(c)))
    }

    /// Is the word in a user lexicon (case-insensitive)?
    pub fn is_user(&self, lower: &str) -> bool {
        self.user.contains(lower)
    }

    /// Does Hunspell sv_SE accept the word (as written, or lowercased)?
    /// Answered by [`SvChecker`], which agrees with Hunspell's reading of
    /// the dictionary (see `tests/compound_checker.rs`) in about a
    /// microsecond, compounds included.
    pub fn hunspell_ok(&self, word: &str) -> bool {
        if word.is_empty() || word.len() > 100 {
            return false;
        }
        let h = &self.hunspell;
        h.check(word) || {
            let lower = word.to_lowercase();
            lower != word && h.check(&lower)
        }
    }

    /// Is a lowercase word a proper noun of Hunspell: accepted capitalised,
    /// not in lower case? [`Lexicon::only_capitalised`] with the
    /// capitalised form asked first (most words are not), in one or two
    /// lookups.
    pub fn proper_noun(&self, lower: &str) -> bool {
        if lower.is_empty() || lower.len() > 100 {
            return false;
        }
        let title = tokenize::apply_case(lower, tokenize::Case::Title);
        self.hunspell.check(&title) && !self.hunspell.check(lower)
    }

    /// Is a lowercase word a name: Hunspell accepts it capitalised only
    /// ("östersjön" no, "Östersjön" yes)?
    pub fn only_capitalised(&self, lower: &str) -> bool {
        let title = tokenize::apply_case(lower, tokenize::Case::Title);
        !self.hunspell_ok(lower) && self.hunspell_ok(&title)
    }

    /// Best knowledge of a word: zipf if known anywhere, None if unknown.
    pub fn known_zipf(&self, word: &str, lower: &str) -> Option<f32> {
        if self.is_user(lower) {
            return Some(ZIPF_USER);
        }
        if let Some(z) = self.zipf(lower) {
            return Some(z);
        }
        if self.hunspell_ok(word) {
            return Some(ZIPF_HUNSPELL_ONLY);
        }
        None
    }

    /// Talbanken count of a lowercase word.
    pub fn unigram(&self, w: &str) -> u32 {
        self.uni.get(w).copied().unwrap_or(0)
    }

    /// Talbanken count of a lowercase word pair.
    pub fn bigram(&self, a: &str, b: &str) -> u32 {
        self.bi.get(&(a, b)).copied().unwrap_or(0)
    }
}

/// The default lexicon (no user words), built once for the unit tests of
/// the repair modules.
#[cfg(test)]
pub(crate) fn for_tests() -> &'static Lexicon {
    static L: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    L.get_or_init(|| Lexicon::new(Vec::new()))
}
