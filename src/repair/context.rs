//! Context: the document-level estimate of how badly diacritics were lost
//! (`lambda`), and word-pair statistics for real-word errors (for/för,
//! ar/är/år ...).

use super::lexicon::Lexicon;

/// Pseudo-count weight of the unigram prior in the pair model.
const BETA: f32 = 20.0;
/// Largest context bonus of one side (nats).
pub const CTX_MAX_SIDE: f32 = 2.0;

/// Estimate the share of diacritic letters OCR lost in a document.
///
/// `fixable`: word tokens the lexicon does not know but a diacritic repair
/// turns into a known word; `intact`: known word tokens that contain å/ä/ö.
/// A text OCR'd with Swedish data has many intact and few fixable words.
pub fn loss_level(fixable: usize, intact: usize) -> f32 {
    let f = fixable as f32;
    let i = intact as f32;
    ((f + 0.5) / (f + i + 8.0)).clamp(0.005, 0.98)
}

fn p_of(zipf: f32) -> f32 {
    10f32.powf(zipf - 9.0).max(1e-8)
}

/// Context bonus (nats, within ±2·CTX_MAX_SIDE) of `w` between `prev` and
/// `next` (lowercase; "<s>"/"</s>" for sentence boundaries): the pointwise
/// association of the pairs in Talbanken, smoothed by unigram frequency.
/// Only words Talbanken has seen get a (positive or negative) bonus.
pub fn bonus(
    lex: &Lexicon,
    prev: Option<&str>,
    w: &str,
    w_zipf: f32,
    next: Option<&str>,
    next_zipf: f32,
) -> f32 {
    let mut b = 0.0;
    if let Some(p) = prev {
        let c = lex.bigram(p, w) as f32;
        let u = lex.unigram(p) as f32;
        if c > 0.0 || (u >= 50.0 && lex.unigram(w) >= 20) {
            let ratio = ((c + BETA * p_of(w_zipf)) / (u + BETA)) / p_of(w_zipf);
            b += ratio.ln().clamp(-CTX_MAX_SIDE, CTX_MAX_SIDE);
        }
    }
    if let Some(n) = next {
        let c = lex.bigram(w, n) as f32;
        let u = lex.unigram(w) as f32;
        if c > 0.0 || (u >= 20.0 && lex.unigram(n) >= 50) {
            let ratio = ((c + BETA * p_of(next_zipf)) / (u + BETA)) / p_of(next_zipf);
            b += ratio.ln().clamp(-CTX_MAX_SIDE, CTX_MAX_SIDE);
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loss_level_tracks_the_evidence() {
        assert!(loss_level(200, 3) > 0.9);
        assert!(loss_level(0, 200) < 0.01);
        assert!(loss_level(5, 150) < 0.05);
        assert!(loss_level(0, 0) > 0.0);
    }
}
