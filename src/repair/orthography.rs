//! Swedish spelling before the 1906 reform ("hvad", "af", "qvinna",
//! "godt", "hafva", "wara", long s "ſ"): how to tell a text written in it,
//! and the modern form of an old word by the reform's rules, so that an old
//! word is recognised as a word and never "repaired" into a modern one.

use super::lexicon::Lexicon;

/// Share of word tokens that must carry an old-spelling mark.
const MIN_SHARE: f32 = 0.02;
/// Tokens with a mark, at least.
const MIN_TOKENS: usize = 3;
/// Different kinds of marks, at least (one kind can be a name or a typo).
const MIN_KINDS: usize = 2;
/// Most variants tried per word.
const MAX_VARIANTS: usize = 48;

/// The marks of the old spelling a word can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// "hvad", "hvilken", "hwad"
    Hv,
    /// "hafva", "öfver", "lefva"
    Fv,
    /// "qvinna", "qväll"
    Qv,
    /// "godt", "hårdt"
    Dt,
    /// "wara", "twå" (w for v)
    W,
    /// the preposition "af"
    Af,
    /// long s "ſ" or "ß"
    LongS,
}

impl Mark {
    fn name(self) -> &'static str {
        match self {
            Mark::Hv => "hv",
            Mark::Fv => "fv",
            Mark::Qv => "qv",
            Mark::Dt => "-dt",
            Mark::W => "w for v",
            Mark::Af => "af",
            Mark::LongS => "long s",
        }
    }
}

/// The old-spelling mark of a lowercase word, if any. "w" counts only when
/// the word with v for w is known (so "show", "webb" do not count), "-dt"
/// only when the word with "tt" or "t" is.
pub fn mark(lex: &Lexicon, lower: &str) -> Option<Mark> {
    if lower.contains(['ſ', 'ß']) {
        return Some(Mark::LongS);
    }
    if lower == "af" {
        return Some(Mark::Af);
    }
    if lower.starts_with("hv") || lower.starts_with("hw") {
        return Some(Mark::Hv);
    }
    if lower.contains("qv") {
        return Some(Mark::Qv);
    }
    if lower.contains("fv") || lower.contains("fw") {
        return Some(Mark::Fv);
    }
    let known = |w: &str| lex.zipf(w).is_some() || lex.hunspell_ok(w);
    if lower.contains('w') && !known(lower) && known(&lower.replace('w', "v")) {
        return Some(Mark::W);
    }
    if let Some(stem) = lower.strip_suffix("dt") {
        if stem.chars().count() >= 2
            && !known(lower)
            && (known(&format!("{stem}tt")) || known(&format!("{stem}t")))
        {
            return Some(Mark::Dt);
        }
    }
    None
}

/// In a text in the old spelling, is this lowercase word an old form: one
/// with an old mark whose modern form by the reform's rules is known
/// ("war", "hwar", "wår", "af"), even when the word itself is listed
/// (the frequency list has English "war")? Such a word is never changed.
pub fn is_old_form(lex: &Lexicon, lower: &str) -> bool {
    let marked = lower.contains(['ſ', 'ß', 'w'])
        || lower == "af"
        || lower.starts_with("hv")
        || lower.contains("qv")
        || lower.contains("fv")
        || lower.ends_with("dt");
    marked && modern_zipf(lex, lower).is_some()
}

/// Does a text written with these (lowercase word, count) tokens use the
/// old spelling? Returns the warning that records the decision.
/// `mark_of` gives a word's mark ([`mark`], looked up once per document).
pub fn detect<'a>(
    words: impl Iterator<Item = (&'a str, usize)>,
    mark_of: impl Fn(&str) -> Option<Mark>,
) -> Option<String> {
    let mut total = 0usize;
    let mut marked = 0usize;
    let mut kinds: Vec<(Mark, usize)> = Vec::new();
    for (w, n) in words {
        if !w.chars().any(char::is_alphabetic) {
            continue;
        }
        total += n;
        if let Some(m) = mark_of(w) {
            marked += n;
            match kinds.iter_mut().find(|k| k.0 == m) {
                Some(k) => k.1 += n,
                None => kinds.push((m, n)),
            }
        }
    }
    let share = marked as f32 / total.max(1) as f32;
    if marked < MIN_TOKENS || kinds.len() < MIN_KINDS || share < MIN_SHARE {
        return None;
    }
    kinds.sort();
    let list: Vec<String> = kinds
        .iter()
        .map(|(m, n)| format!("{} ×{n}", m.name()))
        .collect();
    Some(format!(
        "old orthography (before the 1906 reform): {marked} of {total} words ({:.1}%) carry its marks ({}); \
         old forms are kept and words the lexicon does not know are left alone",
        100.0 * share,
        list.join(", ")
    ))
}

/// The modern form of an old word by the reform's rules, if the lexicon
/// knows it: hv/hw → v, qv → kv, fv/fw → v, w → v, ſ → s, ß → ss always;
/// then up to two of f → v, dt → tt or t, e → ä ("lemna" → "lämna").
/// Returns its zipf (or the Hunspell-only zipf).
pub fn modern_zipf(lex: &Lexicon, lower: &str) -> Option<f32> {
    let base = lower
        .replace('ſ', "s")
        .replace('ß', "ss")
        .replace("qv", "kv")
        .replace("hv", "v")
        .replace("hw", "v")
        .replace("fv", "v")
        .replace("fw", "v")
        .replace('w', "v");
    let mut variants = vec![base];
    for _round in 0..2 {
        let mut more = Vec::new();
        for v in &variants {
            for (i, c) in v.char_indices() {
                let rest = &v[i + c.len_utf8()..];
                let subs: &[&str] = match c {
                    'f' => &["v"],
                    'e' => &["ä"],
                    'd' if rest.starts_with('t') => &["t", ""],
                    _ => &[],
                };
                for s in subs {
                    more.push(format!("{}{s}{rest}", &v[..i]));
                }
            }
        }
        variants.extend(more);
        variants.truncate(MAX_VARIANTS);
    }
    variants
        .iter()
        .filter(|v| v.as_str() != lower)
        .filter_map(|v| {
            lex.zipf(v).or_else(|| {
                lex.hunspell_ok(v)
                    .then_some(super::lexicon::ZIPF_HUNSPELL_ONLY)
            })
        })
        .max_by(f32::total_cmp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::lexicon::for_tests as lex;

    #[test]
    fn old_words_have_modern_forms() {
        for w in [
            "hvad", "hwilken", "qvinna", "hafva", "öfver", "wara", "godt", "lemna", "oß", "ſig",
            "af", "gifwit",
        ] {
            assert!(modern_zipf(lex(), w).is_some(), "{w}");
        }
        for w in ["xqvzt", "bwrf"] {
            assert!(modern_zipf(lex(), w).is_none(), "{w}");
        }
    }

    #[test]
    fn old_forms_are_recognised_even_when_listed() {
        for w in ["war", "hwar", "wår", "af", "hvilka", "godt"] {
            assert!(is_old_form(lex(), w), "{w}");
        }
        for w in ["var", "för", "xwq", "webbplats"] {
            assert!(!is_old_form(lex(), w), "{w}");
        }
    }

    #[test]
    fn an_old_text_is_told_from_a_modern_one() {
        let old = "Hvad man af detta kan lära är att hvarje qvinna och man bör wara
            rädd om godt och ondt, ty det är icke lätt att lefva som man wil";
        let modern = "Vad man av detta kan lära är att varje kvinna och man bör vara
            rädd om gott och ont, ty det är inte lätt att leva som man vill; show webb";
        let toks = |t: &'static str| {
            t.split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(|w| (w, 1))
                .collect::<Vec<_>>()
        };
        let lower = |v: Vec<(&str, usize)>| {
            v.into_iter()
                .map(|(w, n)| (w.to_lowercase(), n))
                .collect::<Vec<_>>()
        };
        let o = lower(toks(old));
        let warning = detect(o.iter().map(|(w, n)| (w.as_str(), *n)), |w| mark(lex(), w));
        assert!(
            warning.as_deref().is_some_and(|w| w.contains("1906")),
            "{warning:?}"
        );
        let m = lower(toks(modern));
        assert_eq!(
            detect(m.iter().map(|(w, n)| (w.as_str(), *n)), |w| mark(lex(), w)),
            None
        );
    }
}
