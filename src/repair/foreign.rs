//! Letters Swedish does not write (í ì ă â ľ ı ş ţ ł ...) that OCR put into
//! Swedish words ("Byggnadsnămnden", "Gârd"), and letters OCR read inside
//! numbers ("202i." for "2021.").
//!
//! A word with such a letter is repaired only when replacing the letter by
//! a Swedish one gives a word the lexicon knows; otherwise it is a foreign
//! name ("Łukasz", "Ştefan") and kept as written. The Nordic letters æ and ø
//! and the accents Swedish uses (é, è, ü, à) are not foreign here.

use super::lexicon::Lexicon;

/// Most spellings tried for one word.
const MAX_VARIANTS: usize = 27;

/// The Swedish letters OCR may have read as `c` (lowercase), most likely
/// first, or None when `c` is no foreign letter.
pub fn swedish_options(c: char) -> Option<&'static [char]> {
    Some(match c {
        'í' | 'ì' | 'î' | 'ï' | 'ı' | 'ĩ' | 'ī' | 'į' => &['i'],
        'ă' | 'â' | 'ã' | 'ā' | 'ą' | 'á' | 'ǎ' => &['å', 'ä', 'a'],
        'ľ' | 'ł' | 'ĺ' | 'ļ' => &['l'],
        'ş' | 'ș' | 'ś' | 'š' => &['s'],
        'ţ' | 'ț' | 'ť' => &['t'],
        'ő' | 'ô' | 'õ' | 'ò' | 'ó' | 'ō' | 'ǒ' => &['ö', 'o'],
        'ű' | 'ù' | 'ú' | 'û' | 'ū' | 'ů' => &['u', 'ü'],
        'ń' | 'ñ' | 'ň' => &['n'],
        'ć' | 'č' | 'ç' => &['c'],
        'ě' | 'ê' | 'ë' | 'ē' | 'ę' => &['e', 'ä'],
        'ż' | 'ź' | 'ž' => &['z'],
        'ř' => &['r'],
        'ý' | 'ÿ' => &['y'],
        'ď' | 'đ' => &['d'],
        _ => return None,
    })
}

/// Does the word contain a letter Swedish does not write?
pub fn has_foreign(word: &str) -> bool {
    !word.is_ascii()
        && word
            .chars()
            .any(|c| !c.is_ascii() && c.to_lowercase().any(|l| swedish_options(l).is_some()))
}

/// The Swedish reading of a word with foreign letters (lowercase, or None
/// when no reading is a Swedish word: a foreign name). The most frequent
/// Swedish reading wins.
pub fn swedish_reading(lex: &Lexicon, word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    let mut variants = vec![String::new()];
    for c in lower.chars() {
        let opts: &[char] = match swedish_options(c) {
            Some(o) => o,
            None => &[c],
        };
        variants = variants
            .iter()
            .flat_map(|v| opts.iter().map(move |o| format!("{v}{o}")))
            .take(MAX_VARIANTS)
            .collect();
    }
    // the reading must be Swedish: Hunspell's sv_SE or the user's list
    // (the frequency list also holds foreign names: "lukasz")
    variants
        .into_iter()
        .filter(|v| lex.is_user(v) || lex.hunspell_ok(v))
        .map(|v| (lex.zipf(&v).unwrap_or(0.0), v))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, v)| v)
}

/// A number with one letter OCR read for a digit: "202i" → "2021",
/// "19l4" → "1914", "2o22" → "2022". Only i-like letters (for 1) and o
/// (for 0); the letter inside the digits, or ending a run of at least
/// three ("202i"), never starting one ("l998" may be a code). Returns the
/// number, or None.
pub fn number_reading(core: &str) -> Option<String> {
    // two digits at least (a cheap test first: this sees every chunk)
    if core.bytes().filter(u8::is_ascii_digit).count() < 2 {
        return None;
    }
    let cs: Vec<char> = core.chars().collect();
    let digit = |c: char| c.is_ascii_digit();
    let letters: Vec<usize> = (0..cs.len()).filter(|&i| !digit(cs[i])).collect();
    let &[at] = letters.as_slice() else {
        return None;
    };
    let with = match cs[at] {
        'i' | 'l' | 'I' | '|' | 'ı' | 'í' | 'ì' | 'ľ' | 'ł' => '1',
        'o' | 'O' => '0',
        _ => return None,
    };
    let inside = at > 0 && at + 1 < cs.len();
    let ends_run = at + 1 == cs.len() && at >= 3;
    if !(inside || ends_run) || cs.len() < 3 {
        return None;
    }
    let mut out = cs;
    out[at] = with;
    Some(out.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::lexicon::for_tests as lex;

    #[test]
    fn foreign_letters_in_swedish_words_are_read_as_swedish() {
        let r = |w| swedish_reading(lex(), w);
        assert_eq!(r("nămnden").as_deref(), Some("nämnden"));
        assert_eq!(r("Gârd").as_deref(), Some("gård"));
        assert_eq!(r("fíck").as_deref(), Some("fick"));
        assert_eq!(r("ıdag").as_deref(), Some("idag"));
        assert_eq!(r("beşlut").as_deref(), Some("beslut"));
        // foreign names stay
        assert_eq!(r("Łukasz"), None);
        assert_eq!(r("Ştefănescu"), None);
    }

    #[test]
    fn letters_read_for_digits_in_numbers() {
        assert_eq!(number_reading("202i").as_deref(), Some("2021"));
        assert_eq!(number_reading("19l4").as_deref(), Some("1914"));
        assert_eq!(number_reading("2o22").as_deref(), Some("2022"));
        assert_eq!(number_reading("9ľ9").as_deref(), Some("919"));
        for s in ["10a", "l998", "3e", "2i", "20ii", "1:a", "v44", "12"] {
            assert_eq!(number_reading(s), None, "{s}");
        }
    }

    #[test]
    fn which_letters_are_foreign() {
        assert!(has_foreign("Malmkyıst") && has_foreign("ŁÓDŹ"));
        assert!(!has_foreign("idé") && !has_foreign("Müller") && !has_foreign("Søren"));
    }
}
