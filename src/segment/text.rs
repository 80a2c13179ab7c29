//! Shared text helpers: lines with offsets and pages, diacritic folding,
//! fuzzy keyword matching and person-name shapes.

/// One line of the document, without its line terminator.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// Byte offset of the first character of the line in the document.
    pub start: usize,
    /// The line, trailing whitespace removed.
    pub raw: &'a str,
    /// 1-based page number.
    pub page: usize,
    /// A repeated page header/footer or a page-number line.
    pub boiler: bool,
}

impl<'a> Line<'a> {
    /// The line without leading whitespace.
    pub fn text(&self) -> &'a str {
        self.raw.trim_start()
    }

    /// Byte offset of the first non-space character.
    pub fn content_start(&self) -> usize {
        self.start + (self.raw.len() - self.text().len())
    }

    /// Byte offset just past the last non-space character.
    pub fn end(&self) -> usize {
        self.start + self.raw.len()
    }

    pub fn is_blank(&self) -> bool {
        self.raw.trim().is_empty()
    }
}

/// Split a document into lines; pages are separated by U+000C.
pub(crate) fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
    let mut page = 1;
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || b == 0x0c {
            push_line(&mut out, text, start, i, page);
            if b == 0x0c {
                page += 1;
            }
            start = i + 1;
        }
    }
    push_line(&mut out, text, start, text.len(), page);
    out
}

fn push_line<'a>(out: &mut Vec<Line<'a>>, text: &'a str, start: usize, end: usize, page: usize) {
    let raw = text[start..end].trim_end();
    out.push(Line {
        start,
        raw,
        page,
        boiler: false,
    });
}

/// Lowercase, strip diacritics (å→a, ö→o, é→e), keep letters, digits and
/// single spaces; other characters become spaces.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    let mut push = |c: char, out: &mut String| {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    };
    for c in s.chars() {
        if c.is_ascii() {
            push(c, &mut out);
        } else {
            // Decomposing one character at a time is the same as NFD here:
            // NFD only adds the reordering of combining marks, which are
            // dropped anyway.
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !unicode_normalization::char::is_combining_mark(d) {
                    push(d, &mut out);
                }
            });
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Edit distance a folded word may have from a folded keyword of this length
/// and still count as that keyword (OCR tolerance).
pub(crate) fn tolerance(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    }
}

/// Does a folded word match a folded keyword, allowing OCR damage?
pub(crate) fn fuzzy_eq(word: &str, keyword: &str) -> bool {
    if word == keyword {
        return true;
    }
    let tol = tolerance(keyword.chars().count());
    if tol == 0 {
        return false;
    }
    let (wl, kl) = (word.chars().count(), keyword.chars().count());
    if wl.abs_diff(kl) > tol {
        return false;
    }
    strsim::levenshtein(word, keyword) <= tol
}

/// Swedish words that are capitalised but are not (parts of) names: roles,
/// header labels, organisation words, function words at sentence start.
const NOT_NAME: &[&str] = &[
    "att",
    "och",
    "samt",
    "fran",
    "via",
    "till",
    "med",
    "for",
    "av",
    "den",
    "det",
    "de",
    "som",
    "utover",
    "valdes",
    "inbjudna",
    "projekt",
    "punkt",
    "kl",
    "klockan",
    "se",
    "aven",
    "tillika",
    "ordforande",
    "vice",
    "sekreterare",
    "justerare",
    "justerande",
    "ledamot",
    "ledamoter",
    "ersattare",
    "ovriga",
    "narvarande",
    "beslutande",
    "deltagare",
    "tjansteman",
    "franvarande",
    "motesordforande",
    "underskrifter",
    "underskrift",
    "protokoll",
    "protokollet",
    "kommun",
    "kommunen",
    "region",
    "landsting",
    "forbund",
    "forbundet",
    "styrelsen",
    "namnden",
    "kommunstyrelsen",
    "kommunfullmaktige",
    "arbetsformedlingen",
    "forsakringskassan",
    "ab",
    "plats",
    "tid",
    "datum",
    "paragrafer",
    "sign",
    "sida",
    "organ",
    "anslag",
    "bevis",
    "sammantradet",
    "mote",
    "motet",
    "gruppen",
    "beslut",
    "lokal",
    "kommunhuset",
    "stadshuset",
];

/// Organ words: a word ending with one of these names a body that meets and
/// decides (a header line naming the organ, the subject of a decision).
const ORGAN_WORDS: &[&str] = &[
    "namnd",
    "namnden",
    "styrelse",
    "styrelsen",
    "fullmaktige",
    "utskott",
    "utskottet",
    "forbund",
    "forbundet",
    "direktion",
    "direktionen",
    "beredning",
    "beredningen",
    "grupp",
    "gruppen",
    "radet",
    "kommission",
    "presidium",
    "presidiet",
];

/// Does this (folded) word name a deciding body (Kommunstyrelsen,
/// Byggnadsnämnden, Styrgruppen, Kommunfullmäktige)?
pub(crate) fn is_organ_word(folded: &str) -> bool {
    ORGAN_WORDS.iter().any(|o| folded.ends_with(o))
}

/// Organisation-word endings: a capitalised run with one of these is not a
/// person (Region Skåne, Lunds kommun, Vård- och omsorgsförvaltningen).
const ORG_PARTS: &[&str] = &[
    "kommun",
    "region",
    "landsting",
    "forvaltning",
    "forvaltningen",
    "forv",
    "kassan",
    "formedlingen",
    "forbund",
    "forbundet",
    "namnd",
    "namnden",
    "styrelse",
    "styrelsen",
    "myndighet",
    "bolag",
    "universitet",
    "sjukhus",
    "skola",
    "polisen",
    "kansli",
    "kansliet",
    "gruppen",
    "grupp",
    "huset",
    "torget",
    "gatan",
    "vagen",
];

/// Role words and role-word endings (förbundschef, projektledare ...).
const ROLE_ENDINGS: &[&str] = &[
    "ordforande",
    "sekreterare",
    "chef",
    "ledare",
    "direktor",
    "samordnare",
    "handlaggare",
    "strateg",
    "administrator",
    "utredare",
    "controller",
    "ekonom",
    "jurist",
    "registrator",
    "utvarderare",
    "tjansteman",
    "tjansteperson",
    "konsult",
    "koordinator",
    "radgivare",
    "assistent",
    "notarie",
    "revisor",
    "led",
];

/// Is this (folded) word a role word?
pub(crate) fn is_role_word(folded: &str) -> bool {
    folded == "vice"
        || ROLE_ENDINGS
            .iter()
            .any(|e| folded.ends_with(e) && (folded.len() > e.len() || folded == *e))
            && folded.len() >= 3
}

fn is_org_word(folded: &str) -> bool {
    ORG_PARTS.iter().any(|p| folded.ends_with(p))
}

/// Could this word be part of a person's name? Capitalised, letters (and
/// hyphen/apostrophe), at least one lowercase letter, not a known non-name.
pub(crate) fn is_name_word(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.', ';', ':', '"', '”', '“', '\'']);
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || w.chars().count() < 2 {
        return false;
    }
    if !w
        .chars()
        .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
    {
        return false;
    }
    if !w.chars().any(|c| c.is_lowercase()) {
        return false;
    }
    let f = fold(w);
    !NOT_NAME.contains(&f.as_str()) && !is_org_word(&f) && !is_role_word(&f)
}

/// Lowercase particles allowed inside names ("von", "af", "de").
fn is_particle(w: &str) -> bool {
    matches!(w, "von" | "af" | "av" | "de" | "van" | "der" | "la" | "du")
}

/// All runs of 2 to 4 name words in `s`. Runs longer than 4 words are not
/// names. A wide gap (a tab, or three spaces or more) ends a run: names side
/// by side in columns ("Gunnar Ek          Elsa Ryd") are two names.
pub(crate) fn name_runs(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    let b = s.as_bytes();
    let mut k = 0;
    while k < b.len() {
        let gap = b[k..]
            .iter()
            .take_while(|c| **c == b' ' || **c == b'\t')
            .count();
        if gap >= 3 || (gap >= 1 && b[k..k + gap].contains(&b'\t')) {
            out.extend(runs_in(&s[from..k]));
            from = k + gap;
        }
        k += gap.max(1);
    }
    out.extend(runs_in(&s[from..]));
    out
}

/// [`name_runs`] within one column.
fn runs_in(s: &str) -> Vec<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !is_name_word(words[i]) {
            i += 1;
            continue;
        }
        let punct = [',', '.', ';', ':'];
        let mut last_name = i;
        loop {
            if words[last_name].ends_with(punct) {
                break;
            }
            let next = last_name + 1;
            if next < words.len() && is_name_word(words[next]) {
                last_name = next;
            } else if next + 1 < words.len()
                && is_particle(words[next])
                && is_name_word(words[next + 1])
            {
                last_name = next + 1;
            } else {
                break;
            }
        }
        let n = last_name + 1 - i;
        if (2..=4).contains(&n) {
            let text = words[i..=last_name].join(" ");
            out.push(
                text.trim_end_matches([',', '.', ';', ':', '"', '”', '“', '\''])
                    .to_string(),
            );
        }
        i = last_name + 1;
    }
    out
}

/// Is the whole string a person's name (2 to 4 name words)?
pub(crate) fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && is_name_word(words[0])
        && is_name_word(words[words.len() - 1])
        && words[1..words.len() - 1]
            .iter()
            .all(|w| is_name_word(w) || is_particle(w))
}

/// Collapse runs of whitespace to one space and trim.
pub(crate) fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_side_by_side_are_two() {
        assert_eq!(
            name_runs("Gunnar Sjö          Elsa Ryd"),
            ["Gunnar Sjö", "Elsa Ryd"]
        );
        assert_eq!(
            name_runs("Gunnar Sjö\tElsa Ryd"),
            ["Gunnar Sjö", "Elsa Ryd"]
        );
        assert_eq!(name_runs("Gunnar  Sjö"), ["Gunnar Sjö"]);
    }

    #[test]
    fn folds_swedish_and_ocr() {
        assert_eq!(fold("Övriga  närvarande:"), "ovriga narvarande");
        assert_eq!(fold("Ordférande"), "ordferande");
    }

    #[test]
    fn fuzzy_keywords() {
        assert!(fuzzy_eq("ledameter", "ledamoter"));
        assert!(fuzzy_eq("ordferande", "ordforande"));
        assert!(!fuzzy_eq("justeringen", "justering"));
        assert!(!fuzzy_eq("tio", "tid"));
    }

    #[test]
    fn names() {
        assert!(is_name("Göran Wallén"));
        assert!(is_name("Linda Scheimann-jensen"));
        assert!(!is_name("Region Skåne"));
        assert!(!is_name("Lunds kommun"));
        assert!(!is_name("Förbundschef"));
        assert_eq!(
            name_runs("Utöver mötesordförande Göran Wallén valdes Caterina Holmström att"),
            vec!["Göran Wallén", "Caterina Holmström"]
        );
        assert_eq!(
            name_runs("Förbundschef Sophia Dahlgren tillika sekreterare."),
            vec!["Sophia Dahlgren"]
        );
    }

    #[test]
    fn pages_and_offsets() {
        let t = "a\n b\u{c}c";
        let ls = lines(t);
        assert_eq!(ls.len(), 3);
        assert_eq!(ls[1].content_start(), 3);
        assert_eq!(ls[2].page, 2);
        assert_eq!(&t[ls[2].start..ls[2].end()], "c");
    }
}
