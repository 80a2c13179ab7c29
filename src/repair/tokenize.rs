//! Tokenization: whitespace-separated chunks, the word cores inside them that
//! may be repaired, and what must be left alone (numbers, dates, case
//! numbers, e-mail addresses, URLs, acronyms).

/// Characters stripped from the ends of a chunk before repair.
const LEAD_PUNCT: &[char] = &['(', '"', '\'', '“', '”', '‘', '’', '«', '»', '<', '„', '*'];
const TRAIL_PUNCT: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', '"', '\'', '“', '”', '‘', '’', '»', '>', '…',
];

/// Byte ranges of the non-whitespace runs of `text`.
pub fn chunks(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Is the whole chunk something never to touch (e-mail, URL, path)?
pub fn chunk_protected(chunk: &str) -> bool {
    let b = chunk.as_bytes();
    let ends = |suffix: &str| {
        b.len() >= suffix.len()
            && b[b.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    chunk.contains('@')
        || chunk.contains("://")
        || (b.len() >= 4 && b[..4].eq_ignore_ascii_case(b"www."))
        || b.windows(4).any(|w| w.eq_ignore_ascii_case(b".se/"))
        || ends(".se")
        || ends(".com")
        || ends(".nu")
        || ends(".pdf")
}

/// Byte ranges (relative to the chunk) of the word cores that may be
/// repaired: split at hyphens and slashes, outer punctuation removed,
/// protected tokens left out.
pub fn cores(chunk: &str, digit_glyphs: &[char]) -> Vec<(usize, usize)> {
    if chunk_protected(chunk) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = 0;
    let cuts = chunk
        .char_indices()
        .filter(|&(_, c)| c == '/' || LINE_HYPHENS.contains(&c))
        .map(|(i, c)| (i, i + c.len_utf8()))
        .chain(std::iter::once((chunk.len(), chunk.len())));
    for (i, next) in cuts {
        if let Some((s, e)) = strip(chunk, start, i) {
            if repairable(&chunk[s..e], digit_glyphs) {
                out.push((s, e));
            }
        }
        start = next;
    }
    out
}

/// Hyphens that break a word at a line end: the hyphen-minus, the double
/// hyphen "=" of Fraktur type, the not sign and the soft hyphen OCR reads
/// for it.
pub const LINE_HYPHENS: &[char] = &['-', '=', '¬', '\u{ad}'];

/// Is this chunk (outer brackets and quotes, a trailing comma and the like
/// removed) an abbreviation or ordinal with an inner period or colon:
/// "t.o.m.", "m.fl.", "bl.a.", "H:r", "S:t", "St:s", "d:o", "Maj:ts", "3:e",
/// "2:dra"? Swedish writes a colon inside a word only in such forms; a
/// period inside a chunk only when every part is short (a missing space
/// after a sentence, "mötet.Beslut", has long parts and is not one).
pub fn is_abbreviation(chunk: &str) -> bool {
    let core = chunk
        .trim_start_matches(LEAD_PUNCT)
        .trim_end_matches([',', ';', ')', '!', '?', '"', '\'', '”', '’', '»']);
    let body = core.trim_end_matches(['.', ':']);
    if body.is_empty() || !body.contains(['.', ':']) {
        return false;
    }
    let parts: Vec<&str> = body.split(['.', ':']).collect();
    let alnum = |p: &&str| !p.is_empty() && p.chars().all(char::is_alphanumeric);
    if !parts.iter().all(alnum) || !parts.iter().any(|p| p.chars().any(char::is_alphabetic)) {
        return false;
    }
    if body.contains(':') {
        // letters or digits before, a short ending after: "H:r", "Maj:ts"
        parts.len() == 2 && parts[1].chars().count() <= 4
    } else {
        parts.iter().all(|p| p.chars().count() <= 4)
    }
}

/// The chunk without its outer punctuation (quotes, brackets, a trailing
/// period or comma ...), as a byte range.
pub fn trimmed(chunk: &str) -> Option<(usize, usize)> {
    strip(chunk, 0, chunk.len())
}

fn strip(chunk: &str, mut s: usize, mut e: usize) -> Option<(usize, usize)> {
    while s < e {
        let c = chunk[s..e].chars().next()?;
        if LEAD_PUNCT.contains(&c) {
            s += c.len_utf8();
        } else {
            break;
        }
    }
    while s < e {
        let c = chunk[s..e].chars().next_back()?;
        if TRAIL_PUNCT.contains(&c) {
            e -= c.len_utf8();
        } else {
            break;
        }
    }
    (s < e).then_some((s, e))
}

/// Can this core be a mangled word (as opposed to a number, code, acronym)?
/// Two to 40 chars with a letter, Latin script, at most half symbols, and
/// at most one digit, which must be a glyph the confusion model knows and
/// be followed by a lowercase letter ("4r", "6verens") or end the word
/// after one ("p4"); not an acronym.
pub fn repairable(core: &str, digit_glyphs: &[char]) -> bool {
    let (mut n, mut letters, mut digits, mut odd) = (0usize, 0usize, 0usize, 0usize);
    let mut ok = true;
    let mut prev: Option<char> = None;
    let mut cs = core.chars().peekable();
    while let Some(c) = cs.next() {
        n += 1;
        if c.is_alphabetic() {
            letters += 1;
            ok &= is_latin(c);
        } else if c.is_ascii_digit() {
            digits += 1;
            // before a lowercase letter ("4r", "6verens"), or ending a
            // word after one ("p4", "ocks4")
            let next_lower = cs.peek().is_some_and(|x| x.is_lowercase());
            let ends_word = cs.peek().is_none() && prev.is_some_and(char::is_lowercase);
            ok &= digit_glyphs.contains(&c) && (next_lower || ends_word);
        } else {
            odd += 1;
        }
        prev = Some(c);
    }
    ok && (2..=40).contains(&n) && letters > 0 && digits <= 1 && odd * 2 <= n && !is_acronym(core)
}

fn is_latin(c: char) -> bool {
    (c as u32) < 0x250
}

/// All-capital words of up to five letters (ESF, IRIS, MGT, KS) are acronyms.
pub fn is_acronym(core: &str) -> bool {
    let (n, upper) = letter_counts(core);
    (2..=5).contains(&n) && upper == n
}

/// Number of letters in a word, and of uppercase ones among them.
fn letter_counts(word: &str) -> (usize, usize) {
    word.chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(n, u), c| {
            (n + 1, u + usize::from(c.is_uppercase()))
        })
}

/// Case pattern of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Lower,
    Title,
    Upper,
}

/// The case pattern of an OCR word (mixed case counts by its first letter).
pub fn case_of(word: &str) -> Case {
    let (n, upper) = letter_counts(word);
    if n >= 2 && upper == n {
        Case::Upper
    } else if word.chars().next().is_some_and(char::is_uppercase) {
        Case::Title
    } else {
        Case::Lower
    }
}

/// The form the search works on: all-capital words are lowercased; otherwise
/// only the first letter is, so a capital inside a word ("fGrvaltningar")
/// stays an odd glyph for the confusion model.
pub fn fold_case(word: &str) -> String {
    if case_of(word) == Case::Upper {
        return word.to_lowercase();
    }
    let mut cs = word.chars();
    match cs.next() {
        Some(f) => f.to_lowercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// Apply a case pattern to a lowercase word.
pub fn apply_case(lower: &str, case: Case) -> String {
    match case {
        Case::Lower => lower.to_string(),
        Case::Upper => lower.to_uppercase(),
        Case::Title => {
            let mut cs = lower.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect(),
                None => String::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    const D: &[char] = &['4', '6'];

    fn cores_of(s: &str) -> Vec<&str> {
        cores(s, D).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn cores_split_and_strip() {
        assert_eq!(cores_of("(Ordférande),"), vec!["Ordférande"]);
        assert_eq!(cores_of("Bing-Tingstrém,"), vec!["Bing", "Tingstrém"]);
        assert_eq!(cores_of("ESF-medel"), vec!["medel"]);
        assert_eq!(cores_of("“litta”"), vec!["litta"]);
        assert_eq!(cores_of("{ran"), vec!["{ran"]);
        assert_eq!(cores_of("4r"), vec!["4r"]);
        assert_eq!(cores_of("p4"), vec!["p4"]);
        assert_eq!(cores_of("ocks4,"), vec!["ocks4"]);
        // every line-end hyphen cuts
        assert_eq!(cores_of("folk="), vec!["folk"]);
        assert_eq!(cores_of("utbild¬"), vec!["utbild"]);
        assert_eq!(cores_of("utbild\u{ad}ning"), vec!["utbild", "ning"]);
    }

    #[test]
    fn abbreviations_with_an_inner_period_or_colon() {
        for s in [
            "H:r", "S:t", "St:s", "d:o", "Maj:ts", "3:e", "2:dra", "t.o.m.", "m.fl.", "bl.a.",
            "(fr.o.m.", "S:t,", "H:r.",
        ] {
            assert!(is_abbreviation(s), "{s}");
        }
        for s in [
            "mötet.Beslut",
            "adr:",
            "ang.",
            "kl.",
            "följande:",
            "10.30",
            "2021:3",
            "a:b:c",
            "::",
            "ord.",
            "",
        ] {
            assert!(!is_abbreviation(s), "{s}");
        }
    }

    #[test]
    fn protected_tokens_have_no_cores() {
        for s in [
            "2021/034",
            "KS",
            "IRIS",
            "anna.berg@lund.se",
            "https://example.org/a",
            "www.lund.se",
            "10.30",
            "2022-06-10",
            "3e",
            "A4",
            "p5",
            "v44",
            "§",
        ] {
            assert!(cores_of(s).is_empty(), "{s}: {:?}", cores_of(s));
        }
    }

    #[test]
    fn case_round_trip() {
        assert_eq!(apply_case("övrigt", case_of("OVRIGT")), "ÖVRIGT");
        assert_eq!(apply_case("övrigt", case_of("Ovrigt")), "Övrigt");
        assert_eq!(apply_case("för", case_of("for")), "för");
    }
}
