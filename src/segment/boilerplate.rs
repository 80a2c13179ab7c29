//! Page headers and footers: lines repeated at the top or bottom of many
//! pages (the organ's name, "Sida 2 (41)", "Justerandes sign"), and lines
//! that are page furniture by their shape alone. They are flagged, and left
//! out of section text and titles.

use super::text::{fold, Line};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// How many non-empty lines at the top and at the bottom of a page count as
/// the header/footer zone.
const ZONE: usize = 4;

/// Lines that are page furniture wherever they stand (matched on the folded
/// line, so "Justerandes sign" and "JUSTERANDES SIGN." are one).
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:sida \d+(?: \d+| av \d+)?|justerandes? sign(?:atur)?(?: .*)?|justerare sign|signatur|sign|utdragsbestyrkande(?: .*)?)$",
    )
    .expect("furniture regex")
});

/// A bare page number ("2", "- 2 -", "2 (41)", "2 av 41") counts only
/// inside the zone.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-–(\[]?\s*\d{1,3}\s*[-–)\]]?|\d{1,3}\s*\(\d{1,3}\)|\d{1,3} av \d{1,3})$")
        .expect("page number regex")
});

/// Folded line with digits made generic, so "Sida 2 (41)" and "Sida 3 (41)"
/// are the same key.
fn key(s: &str) -> String {
    fold(s)
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Flag boilerplate lines in place. `protect` says which lines must never be
/// flagged (section markers, decision phrases).
pub(crate) fn flag(lines: &mut [Line<'_>], protect: impl Fn(&str) -> bool) {
    // Indices of non-empty lines per page.
    let pages = lines.last().map_or(0, |l| l.page);
    let mut per_page: Vec<Vec<usize>> = vec![Vec::new(); pages + 1];
    for (i, l) in lines.iter().enumerate() {
        if !l.is_blank() {
            per_page[l.page].push(i);
        }
    }
    let mut zone: Vec<usize> = Vec::new();
    for idx in &per_page {
        let n = idx.len();
        for (k, &i) in idx.iter().enumerate() {
            if k < ZONE || k + ZONE >= n {
                zone.push(i);
            }
        }
    }

    // Shape rules.
    for &i in &zone {
        let t = lines[i].text();
        if PAGE_NUMBER.is_match(t) {
            lines[i].boiler = true;
        }
    }
    for l in lines.iter_mut() {
        if !l.is_blank() && l.text().len() < 80 && FURNITURE.is_match(&fold(l.text())) {
            l.boiler = true;
        }
    }

    // Repetition: the same (digit-generic) line in the zone of several pages.
    if pages >= 2 {
        let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
        for &i in &zone {
            let t = lines[i].text();
            if t.len() > 120 || protect(t) {
                continue;
            }
            let k = key(t);
            if k.is_empty() {
                continue;
            }
            let v = seen.entry(k).or_default();
            if v.last().is_none_or(|&j| lines[j].page != lines[i].page) {
                v.push(i);
            }
        }
        let need = if pages == 2 {
            2
        } else {
            pages.div_ceil(2).max(2)
        };
        for v in seen.values() {
            if v.len() >= need {
                for &i in v {
                    lines[i].boiler = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::lines;
    use super::*;

    #[test]
    fn repeated_headers_and_furniture() {
        let t = "Kommunstyrelsen\nSida 1 (3)\n§ 1 Öppnande\ntext\n\u{c}Kommunstyrelsen\nSida 2 (3)\nmer text\nJusterandes sign\n\u{c}Kommunstyrelsen\nSida 3 (3)\nslut";
        let mut ls = lines(t);
        flag(&mut ls, |s| s.starts_with('§'));
        let flagged: Vec<&str> = ls.iter().filter(|l| l.boiler).map(|l| l.text()).collect();
        assert_eq!(
            flagged,
            vec![
                "Kommunstyrelsen",
                "Sida 1 (3)",
                "Kommunstyrelsen",
                "Sida 2 (3)",
                "Justerandes sign",
                "Kommunstyrelsen",
                "Sida 3 (3)"
            ]
        );
    }

    #[test]
    fn single_page_keeps_content() {
        let t = "Kommunstyrelsen\n§ 1 Öppnande\nStyrelsen beslutade\n2";
        let mut ls = lines(t);
        flag(&mut ls, |_| false);
        assert_eq!(ls.iter().filter(|l| l.boiler).count(), 1);
        assert!(ls[3].boiler);
    }
}
