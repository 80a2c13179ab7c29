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
    let l = chunk.to_ascii_lowercase();
    chunk.contains('@')
        || l.contains("://")
        || l.starts_with("www.")
        || l.contains(".se/")
        || l.ends_with(".se")
        || l.ends_with(".com")
        || l.ends_with(".nu")
        || l.ends_with(".pdf")
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
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'-' || b == b'/')
        .map(|(i, _)| i)
        .chain(std::iter::once(chunk.len()));
    for i in cuts {
        if let Some((s, e)) = strip(chunk, start, i) {
            if repairable(&chunk[s..e], digit_glyphs) {
                out.push((s, e));
            }
        }
        start = i + 1;
    }
    out
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
pub fn repairable(core: &str, digit_glyphs: &[char]) -> bool {
    let n = core.chars().count();
    if !(2..=40).contains(&n) {
        return false;
    }
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    let digits: Vec<char> = core.chars().filter(char::is_ascii_digit).collect();
    if letters == 0 || digits.len() > 1 {
        return false;
    }
    if digits.iter().any(|d| !digit_glyphs.contains(d)) {
        return false;
    }
    // a digit glyph must be followed by a lowercase letter ("4r", "6verens")
    let cs: Vec<char> = core.chars().collect();
    for (i, c) in cs.iter().enumerate() {
        if c.is_ascii_digit() && !cs.get(i + 1).is_some_and(|n| n.is_lowercase()) {
            return false;
        }
    }
    if is_acronym(core) {
        return false;
    }
    // other scripts, or mostly symbols: not a Swedish word
    let odd = core
        .chars()
        .filter(|c| !c.is_alphabetic() && !c.is_ascii_digit())
        .count();
    if odd * 2 > n || core.chars().any(|c| c.is_alphabetic() && !is_latin(c)) {
        return false;
    }
    true
}

fn is_latin(c: char) -> bool {
    (c as u32) < 0x250
}

/// All-capital words of up to five letters (ESF, IRIS, MGT, KS) are acronyms.
pub fn is_acronym(core: &str) -> bool {
    let letters: Vec<char> = core.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() <= 5 && letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
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
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
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
