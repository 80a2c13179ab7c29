//! Layout the word repair must see through or leave alone: bullet glyphs
//! that start list items, and words broken across a line end by a hyphen.
//!
//! Both are found on the whitespace chunks of the text ([`super::tokenize::chunks`]).

use super::tokenize::LINE_HYPHENS;

/// Glyphs OCR makes of list bullets, seen alone at the start of a line.
/// Quotation marks (» « ” “) and dashes are not among them: a line that
/// starts with one is a quotation or a reply, never a list item.
const BULLET_GLYPHS: &[&str] = &["e", "o", "©", "®", "¢", "°", "+", "»>", "*", "●", "▪", "■"];

/// Marks a list item may start with once OCR read them well ("•", "-").
const LIST_MARKS: &[&str] = &["•", "-", "–", "·", "◦"];

/// Lines (before or after) within which another list item makes a line
/// that starts with a bullet glyph a list item too.
const LIST_REACH: usize = 8;

/// A word broken at a line end: the stem before the hyphen and the tail at
/// the start of the next line, as byte ranges of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Break {
    /// Index of the chunk that ends with the hyphen.
    pub chunk: usize,
    /// The stem (letters only, without the hyphen).
    pub stem: (usize, usize),
    /// The tail: the leading letters of the next chunk, when they start
    /// with a lowercase letter (otherwise the stem is a fragment with no
    /// known continuation, repaired never).
    pub tail: Option<(usize, usize)>,
}

/// Is chunk `k` the first thing on its line?
fn at_line_start(text: &str, chunks: &[(usize, usize)], k: usize) -> bool {
    let prev_end = if k == 0 { 0 } else { chunks[k - 1].1 };
    let gap = &text[prev_end..chunks[k].0];
    k == 0 || gap.contains(['\n', '\r', '\u{c}'])
}

/// Does a line break (and nothing more than one, or a page break) lie
/// between two chunks?
fn one_line_break(gap: &str) -> bool {
    (gap.contains('\n') || gap.contains('\u{c}'))
        && (gap.matches('\n').count() <= 1 || gap.contains('\u{c}'))
}

/// Chunks that are an OCR'd bullet starting a list item: a bullet glyph
/// alone at the start of a line, a word after it on the same line, and
/// another list item (a glyph or a real mark) within `LIST_REACH` lines,
/// or the line before ending in a colon. One glyph alone at a line start
/// ("o" in a column, "+" in a sum) is no list.
pub fn bullets(text: &str, chunks: &[(usize, usize)]) -> Vec<usize> {
    // (chunk index, line number) of every line start that could be a list item
    let mut line = 0usize;
    let mut prev_end = 0;
    let mut items: Vec<(usize, usize, bool)> = Vec::new();
    for (k, &(cs, ce)) in chunks.iter().enumerate() {
        line += text[prev_end..cs].matches('\n').count();
        prev_end = ce;
        if !at_line_start(text, chunks, k) {
            continue;
        }
        let chunk = &text[cs..ce];
        let glyph = BULLET_GLYPHS.contains(&chunk);
        if !glyph && !LIST_MARKS.contains(&chunk) {
            continue;
        }
        // a word follows on the same line (possibly still mangled: "&r")
        let Some(&(ns, _)) = chunks.get(k + 1) else {
            continue;
        };
        let word_follows = !text[ce..ns].contains(['\n', '\u{c}'])
            && text[ns..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_ascii_punctuation() || "&#{[".contains(c));
        if word_follows {
            items.push((k, line, glyph));
        }
    }
    let colon_before = |k: usize| {
        let ls = text[..chunks[k].0].trim_end_matches([' ', '\t', '\r']);
        ls.strip_suffix('\n')
            .is_some_and(|l| l.trim_end().ends_with(':'))
    };
    items
        .iter()
        .enumerate()
        .filter(|&(i, &(k, line, glyph))| {
            glyph
                && (colon_before(k)
                    || items.iter().enumerate().any(|(j, &(_, l, _))| {
                        j != i && l != line && l.abs_diff(line) <= LIST_REACH
                    }))
        })
        .map(|(_, &(k, _, _))| k)
        .collect()
}

/// Words broken at a line end: a chunk that ends in a hyphen
/// ([`LINE_HYPHENS`]) right after a letter, with a line break after it.
/// The stem is the run of letters before the hyphen; the tail the run of
/// letters the next line starts with, if it starts lowercase.
pub fn breaks(text: &str, chunks: &[(usize, usize)]) -> Vec<Break> {
    let mut out = Vec::new();
    for (k, &(cs, ce)) in chunks.iter().enumerate() {
        let chunk = &text[cs..ce];
        let Some(h) = chunk
            .chars()
            .next_back()
            .filter(|c| LINE_HYPHENS.contains(c))
        else {
            continue;
        };
        let body = &chunk[..chunk.len() - h.len_utf8()];
        let stem_len: usize = body
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum();
        if stem_len == 0 {
            continue;
        }
        let stem = (cs + body.len() - stem_len, cs + body.len());
        let next = chunks.get(k + 1).copied();
        let gap = next.map_or("\n", |(ns, _)| &text[ce..ns]);
        if !gap.contains(['\n', '\u{c}']) {
            // "Vård- och": a suspended compound, a word of its own; but a
            // Fraktur "=" or a soft hyphen mid-line still marks a fragment
            if h != '-' {
                out.push(Break {
                    chunk: k,
                    stem,
                    tail: None,
                });
            }
            continue;
        }
        let tail = next.filter(|_| one_line_break(gap)).and_then(|(ns, ne)| {
            let t = &text[ns..ne];
            let len: usize = t
                .chars()
                .take_while(|c| c.is_alphabetic())
                .map(char::len_utf8)
                .sum();
            let lower_start = t.chars().next().is_some_and(char::is_lowercase);
            (len > 0 && lower_start).then_some((ns, ns + len))
        });
        out.push(Break {
            chunk: k,
            stem,
            tail,
        });
    }
    out
}

/// Split a repaired joined word back at the line break: `old` was read as
/// `stem_chars` chars before the break and the rest after it; `new` is its
/// repair. The changed span (between the common prefix and suffix) must
/// lie on one side of the break, unless the lengths agree (then the split
/// stays at the same char). None when the repair cannot be split safely.
pub fn split_repair(old: &str, new: &str, stem_chars: usize) -> Option<(String, String)> {
    let o: Vec<char> = old.chars().collect();
    let n: Vec<char> = new.chars().collect();
    let prefix = o.iter().zip(&n).take_while(|(a, b)| a == b).count();
    let max_suffix = o.len().min(n.len()) - prefix;
    let suffix = o
        .iter()
        .rev()
        .zip(n.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let changed_end = o.len() - suffix;
    let at = if changed_end <= stem_chars {
        // the change is in the stem: the tail keeps its chars
        n.len().checked_sub(o.len() - stem_chars)?
    } else if prefix >= stem_chars || o.len() == n.len() {
        stem_chars
    } else {
        return None;
    };
    if at == 0 || at >= n.len() {
        return None;
    }
    Some((n[..at].iter().collect(), n[at..].iter().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::tokenize::chunks;

    fn bullet_words(text: &str) -> Vec<&str> {
        let c = chunks(text);
        bullets(text, &c)
            .into_iter()
            .map(|k| &text[c[k].0..c[k].1])
            .collect()
    }

    #[test]
    fn bullet_glyphs_in_a_list_are_bullets() {
        let list = "Frågor:\ne Ekonomi\ntext\ne Lokaler\n";
        assert_eq!(bullet_words(list), ["e", "e"]);
        // after a colon, one item is a list
        assert_eq!(bullet_words("Beslut:\n° Att bifalla\n"), ["°"]);
        // next to well-read marks
        assert_eq!(bullet_words("• Ett\n© Två\n"), ["©"]);
    }

    #[test]
    fn quotation_marks_dashes_and_lone_glyphs_are_not_bullets() {
        for text in [
            "» Jag yrkar bifall.\n» Jag instämmer.\n",
            "« Det är så.\n« Ja.\n",
            "” Ja, sade han.\n” Nej.\n",
            "— Jag vill tillägga.\n— Ja.\n",
            "Summa\n+ 12 kr\nkvar\n",
            "rad ett\no Ett ensamt o\n",
        ] {
            assert!(bullet_words(text).is_empty(), "{text:?}");
        }
    }

    fn break_words(text: &str) -> Vec<(&str, Option<&str>)> {
        let c = chunks(text);
        breaks(text, &c)
            .into_iter()
            .map(|b| (&text[b.stem.0..b.stem.1], b.tail.map(|t| &text[t.0..t.1])))
            .collect()
    }

    #[test]
    fn line_end_hyphens_of_every_kind() {
        assert_eq!(
            break_words("en utbild-\nning, ett folk=\nmöte och för¬\nslag, be\u{ad}\nslut"),
            [
                ("utbild", Some("ning")),
                ("folk", Some("möte")),
                ("för", Some("slag")),
                ("be", Some("slut"))
            ]
        );
        // the next line starts a sentence or a number: a stem with no tail
        assert_eq!(break_words("Gre=\nDe sade"), [("Gre", None)]);
        assert_eq!(break_words("till-\n12 st"), [("till", None)]);
        // a suspended compound is no break; a mid-line "=" is a fragment
        assert!(break_words("Vård- och omsorg").is_empty());
        assert_eq!(break_words("all= ting"), [("all", None)]);
        // a blank line between: no join
        assert_eq!(break_words("ut-\n\nning"), [("ut", None)]);
    }

    #[test]
    fn split_repair_keeps_the_break_where_the_letters_were() {
        let s = |o, n, k| split_repair(o, n, k).map(|(a, b)| format!("{a}|{b}"));
        assert_eq!(
            s("forvaltning", "förvaltning", 3).as_deref(),
            Some("för|valtning")
        );
        assert_eq!(
            s("utbildnimg", "utbildning", 6).as_deref(),
            Some("utbild|ning")
        );
        // a change of length inside the stem or the tail
        assert_eq!(
            s("fiirvaltning", "förvaltning", 4).as_deref(),
            Some("för|valtning")
        );
        assert_eq!(
            s("medlernmar", "medlemmar", 5).as_deref(),
            Some("medle|mmar")
        );
        // a change of length across the break cannot be split
        assert_eq!(s("forrn", "form", 4), None);
    }
}
