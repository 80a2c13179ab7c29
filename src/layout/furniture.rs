//! Page furniture and non-text.
//!
//! Running headers and footers are found by repetition: a line near the top
//! (bottom) of a page whose text, digits masked, is nearly the same as a
//! line near the top (bottom) of other pages ("Sida 2 (5)" and "Sida 3
//! (5)" are one). Page numbers are found by their shape near the top or
//! bottom. Both are marked, not deleted: the JSON keeps them per page.
//!
//! Non-text (stamps, signature scribbles) is found by what OCR makes of it:
//! small blocks of low-confidence marks, and low-confidence tokens that are
//! not word-shaped.

use super::{Line, PageLayout};
use crate::model::{Role, Word};
use regex::Regex;
use std::sync::LazyLock;

/// Top zone: lines whose middle is above this fraction of the page height.
const TOP: f32 = 0.14;
/// Bottom zone: lines whose middle is below this fraction.
const BOTTOM: f32 = 0.88;
/// Two masked lines this similar (normalised Levenshtein) are the same.
const SAME: f64 = 0.8;

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:sida|sid\.?|s\.|page)\s*)?[-–(\[{]?\s*\d{1,3}\s*(?:[-–)\]}]|(?:[(\[{]|av|/|of)\s*\d{1,3}\s*[)\]}]?)?$",
    )
    .expect("page number regex")
});

/// Footer lines by their words alone (the municipal signature strip).
static FOOTER_SHAPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:justerandes?\s+sign\w*|utdragsbestyrkande)\b").expect("footer regex")
});

/// "- 3 -" or "-3-" before a § marker: a page number glued to the marker.
static GLUED_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[-–]\s*\d{1,3}\s*[-–]?$|^[-–]$|^\d{1,3}$|^[-–]\d{1,3}[-–]?$")
        .expect("glued regex")
});

/// The key a line is compared by: lower case, digits masked, letters,
/// digits and spaces only.
fn key(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            out.push('#');
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

#[derive(Clone, Copy, PartialEq)]
enum Zone {
    Top,
    Bottom,
    Body,
}

/// The zone of a middle height (fraction of the page height).
fn zone_at(mid: f32) -> Zone {
    if mid < TOP {
        Zone::Top
    } else if mid > BOTTOM {
        Zone::Bottom
    } else {
        Zone::Body
    }
}

/// Mark running headers, footers and page numbers on every page.
pub fn mark(pages: &mut [PageLayout]) {
    for p in pages.iter_mut() {
        split_glued_numbers(p);
    }
    let keys: Vec<Vec<Key>> = pages
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            p.lines
                .iter()
                .map(|l| {
                    let m = mid(l, p.height);
                    // Body lines are never compared as rows.
                    let row = if zone_at(m) == Zone::Body {
                        String::new()
                    } else {
                        row_text(p, l)
                    };
                    Key::new(&l.text(), &row, pi + 1, m)
                })
                .collect()
        })
        .collect();
    let with_text = pages.iter().filter(|p| !p.lines.is_empty()).count();
    // A header repeated on at least a third of the pages (and two).
    let need = 2.max(with_text.div_ceil(3));
    for (pi, p) in pages.iter_mut().enumerate() {
        for (li, l) in p.lines.iter_mut().enumerate() {
            let k = &keys[pi][li];
            if k.zone == Zone::Body {
                continue;
            }
            let text = l.text();
            if PAGE_NUMBER.is_match(text.trim()) {
                l.role = Role::PageNumber;
                continue;
            }
            let role = running_role(k.zone);
            if k.zone == Zone::Bottom && FOOTER_SHAPE.is_match(text.trim()) {
                l.role = role;
                continue;
            }
            let letters = k.text.chars().filter(|c| c.is_alphabetic()).count();
            let digits = k.text.chars().filter(|c| *c == '#').count();
            if (letters < 3 && digits < 6) || text.trim_start().starts_with('§') || with_text < 2 {
                continue;
            }
            if repeated(&keys, pi, k) >= need {
                l.role = role;
            }
        }
    }
    if with_text >= 2 {
        mark_tables(pages, need);
    }
}

/// On how many pages (page `pi` counted) something like `k` stands.
fn repeated(keys: &[Vec<Key>], pi: usize, k: &Key) -> usize {
    1 + keys
        .iter()
        .enumerate()
        .filter(|(qi, q)| *qi != pi && q.iter().any(|o| k.repeats(o)))
        .count()
}

/// A running header at the top of the page, a footer at the bottom.
fn running_role(zone: Zone) -> Role {
    if zone == Zone::Top {
        Role::Header
    } else {
        Role::Footer
    }
}

/// Ruled boxes printed at the top or bottom of most pages (a date and page
/// box, a signature strip) are running headers and footers: compared like
/// lines, by zone, height on the page, text with digits masked, and
/// numbers but the page's own.
fn mark_tables(pages: &mut [PageLayout], need: usize) {
    let keys: Vec<Vec<Key>> = pages
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            p.tables
                .iter()
                .map(|t| {
                    let text = t.text_lines(0.0).join(" ");
                    let mid = (t.frame[1] + t.frame[3]) as f32 / 2.0 / p.height.max(1) as f32;
                    Key::new(&text, &text, pi + 1, mid)
                })
                .collect()
        })
        .collect();
    for (pi, p) in pages.iter_mut().enumerate() {
        for (ti, t) in p.tables.iter_mut().enumerate() {
            let k = &keys[pi][ti];
            if k.zone == Zone::Body || k.text.is_empty() {
                continue;
            }
            if repeated(&keys, pi, k) >= need {
                t.role = running_role(k.zone);
            }
        }
    }
}

/// What a line is compared by across pages.
struct Key {
    zone: Zone,
    /// Folded text, digits masked.
    text: String,
    /// The line's numbers, its own page number left out.
    numbers: Vec<u64>,
    /// The folded text of every line of the page at the same height, left
    /// to right: a running line read whole on one page and in pieces on
    /// another ("Ordförandes sign  Justerares sign") is the same row.
    row: String,
    /// The row's numbers, the page number left out.
    row_numbers: Vec<u64>,
    /// Middle of the line, as a fraction of the page height.
    mid: f32,
}

/// Middle of a line, as a fraction of the page height.
fn mid(l: &Line, height: u32) -> f32 {
    (l.bbox[1] + l.bbox[3] / 2) as f32 / height.max(1) as f32
}

/// Lines whose middles are this close (fraction of the page height) are
/// one row.
const SAME_ROW: f32 = 0.006;

/// A row of more lines than this is not one running line (and is not
/// joined: a page of tiny type costs no more than its lines).
const MAX_ROW: usize = 8;

/// The text of every line of `p` at `l`'s height, left to right (`l`'s
/// own text when the row is not a running line's).
fn row_text(p: &PageLayout, l: &Line) -> String {
    let m = mid(l, p.height);
    let mut row: Vec<&Line> = p
        .lines
        .iter()
        .filter(|o| (mid(o, p.height) - m).abs() <= SAME_ROW)
        .take(MAX_ROW + 1)
        .collect();
    if row.len() > MAX_ROW {
        return l.text();
    }
    row.sort_by_key(|o| o.bbox[0]);
    row.iter().map(|o| o.text()).collect::<Vec<_>>().join(" ")
}

impl Key {
    /// The key of a line (or a ruled box's text) on page `page` whose
    /// middle is at `mid`, with the text of its row.
    fn new(text: &str, row: &str, page: usize, mid: f32) -> Key {
        Key {
            zone: zone_at(mid),
            text: key(text),
            numbers: numbers(text, page),
            row: key(row),
            row_numbers: numbers(row, page),
            mid,
        }
    }

    /// The same running line on another page: same zone, about the same
    /// height on the page, nearly the same text, and the same numbers but
    /// for the page number ("Dnr KS 2024/045" and "Dnr KS 2024/012" under
    /// two § headings are not one line; "Sida 2 (5)" and "Sida 3 (5)" are).
    fn repeats(&self, o: &Key) -> bool {
        let same = |a: &str, b: &str| strsim::normalized_levenshtein(a, b) >= SAME;
        o.zone == self.zone
            && (o.mid - self.mid).abs() <= 0.03
            && ((same_numbers(&o.numbers, &self.numbers) && same(&o.text, &self.text))
                || (same_numbers(&o.row_numbers, &self.row_numbers)
                    && same(&o.row, &self.row)
                    // the line itself is in the other page's row (a cell
                    // of data beside a repeated heading is not furniture)
                    && within(&self.text, &o.row)
                    && self.numbers.iter().all(|n| o.row_numbers.contains(n))))
    }
}

/// How alike a piece and a stretch of another page's row must be: closer
/// than whole lines ([`SAME`]), as a short piece of data ("Ekbacka") is
/// easily like a short other one ("Ekbacke").
const WITHIN: f64 = 0.9;

/// Whether `part` is nearly the same as some stretch of `whole` (both
/// folded keys): a piece of a running line, however OCR spelled it.
fn within(part: &str, whole: &str) -> bool {
    if whole.contains(part) {
        return true;
    }
    let w: Vec<char> = whole.chars().collect();
    let n = part.chars().count();
    if n == 0 || n > w.len() {
        return false;
    }
    (0..=w.len() - n).any(|i| {
        let stretch: String = w[i..i + n].iter().collect();
        strsim::normalized_levenshtein(part, &stretch) >= WITHIN
    })
}

/// The same numbers, or the same but for one that OCR missed on one side
/// when three or more agree ("2023-05-04 (3)" and "2023-05-04"; never
/// "2024/045" and "2024/012", nor "2024/045" and "2024/003" on page 3).
fn same_numbers(a: &[u64], b: &[u64]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => a == b,
        1 => {
            short.len() >= 3
                && (0..long.len()).any(|i| long[..i] == short[..i] && long[i + 1..] == short[i..])
        }
        _ => false,
    }
}

/// The numbers in a line, except the page's own number (its first
/// appearance: on the last page, "3 (3)" keeps the page count). A date's
/// numbers are all kept: "2024-03-12" on page 3 (or 12) is the same running
/// date as on page 2.
fn numbers(s: &str, page: usize) -> Vec<u64> {
    let mut out = Vec::new();
    let mut own = false;
    for token in s.split_whitespace() {
        let date = DATE_TOKEN.is_match(token);
        for n in token
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| !t.is_empty() && t.len() <= 12)
            .filter_map(|t| t.parse::<u64>().ok())
        {
            if !date && !own && n == page as u64 {
                own = true;
            } else {
                out.push(n);
            }
        }
    }
    out
}

/// A token that holds a date (ISO or day.month.year).
static DATE_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}").expect("valid date pattern")
});

/// "- 3 - § 19" → a page number line "- 3 -" and a line "§ 19".
fn split_glued_numbers(p: &mut PageLayout) {
    let mut out = Vec::with_capacity(p.lines.len());
    for l in p.lines.drain(..) {
        let at = l.words.iter().position(|w| w.text.starts_with('§'));
        let glued = at.is_some_and(|k| {
            k > 0
                && k <= 3
                && GLUED_NUMBER.is_match(&super::join_words(&l.words[..k]).replace(' ', ""))
        });
        match at {
            Some(k) if glued => {
                let mut num = Line::new(l.first, l.words[..k].to_vec(), l.block);
                num.role = Role::PageNumber;
                out.push(num);
                out.push(Line::new(l.first + k, l.words[k..].to_vec(), l.block));
            }
            _ => out.push(l),
        }
    }
    p.lines = out;
}

/// Confidence below which a token that is not word-shaped is a mark.
const MARK_CONF: f32 = 0.4;
/// Mean confidence below which a small block is a stamp or a signature.
const STAMP_CONF: f32 = 0.45;

/// A token that is not word-shaped: little of it is letters or digits.
fn junk(t: &str) -> bool {
    // "2," "3." "4)": list numbers, however poorly read, are text.
    if t.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    let n = t.chars().count();
    let an = t.chars().filter(|c| c.is_alphanumeric()).count();
    an * 3 < n * 2 || (n <= 2 && !t.chars().all(|c| c.is_ascii_digit()))
}

/// Mark non-text on an OCR page: small blocks read with low confidence, and
/// low-confidence junk tokens (split off their line into a non-text line).
pub fn mark_non_text(p: &mut PageLayout) {
    // Small blocks with no confidently read word.
    let mut blocks: Vec<u32> = p.lines.iter().map(|l| l.block).collect();
    blocks.dedup();
    for b in blocks {
        let ls: Vec<&Line> = p.lines.iter().filter(|l| l.block == b).collect();
        let words = || ls.iter().flat_map(|l| l.words.iter());
        let n = words().count().max(1);
        let mean = words().map(|w| w.confidence).sum::<f32>() / n as f32;
        let readable = words().any(|w| {
            w.confidence >= 0.7 && w.text.chars().filter(|c| c.is_alphabetic()).count() >= 3
        });
        if ls.len() <= 3 && mean < STAMP_CONF && !readable {
            for l in p
                .lines
                .iter_mut()
                .filter(|l| l.block == b && l.role == Role::Body)
            {
                l.role = Role::NonText;
            }
        }
    }
    // Marks read as tokens: low-confidence tokens that are not word-shaped
    // (speckle read as "`", ".", "l"; a scribble beside a label), split off
    // their line into a non-text line.
    let lh = p.line_height();
    let is_mark = |w: &Word| is_mark(w, lh);
    let mut out = Vec::with_capacity(p.lines.len());
    for l in p.lines.drain(..) {
        if l.role != Role::Body || !l.words.iter().any(is_mark) {
            out.push(l);
            continue;
        }
        type Indexed<'a> = Vec<(usize, &'a Word)>;
        let (marks, words): (Indexed, Indexed) =
            l.words.iter().enumerate().partition(|(_, w)| is_mark(w));
        if !words.is_empty() {
            // The line keeps its words; `first` stays the first kept word.
            let mut kept = Line::new(
                l.first + words[0].0,
                words.iter().map(|(_, w)| (*w).clone()).collect(),
                l.block,
            );
            kept.role = Role::Body;
            out.push(kept);
        }
        let mut mark = Line::new(
            l.first + marks[0].0,
            marks.iter().map(|(_, w)| (*w).clone()).collect(),
            l.block,
        );
        mark.role = Role::NonText;
        out.push(mark);
    }
    p.lines = out;
}

/// A token that is a mark, not a word: no letter or digit at all and
/// either not read confidently or a speck (under a third of a line high and
/// wide); not word-shaped and read with low confidence; or not word-shaped
/// and a speck, however confidently read (noise read as "l", "i", "f":
/// a letter of text is taller than a third of its line).
fn is_mark(w: &Word, lh: f32) -> bool {
    let bare = !w.text.chars().any(char::is_alphanumeric) && !w.text.contains('§');
    let speck = (w.bbox[2] as f32) < lh / 3.0 && (w.bbox[3] as f32) < lh / 3.0;
    (bare && (w.confidence < 0.6 || speck))
        || ((w.confidence < MARK_CONF || speck) && junk(&w.text))
}

#[cfg(test)]
mod tests {
    use super::super::tests::w;
    use super::*;

    fn page(lines: &[(&str, u32)]) -> PageLayout {
        let lines = lines
            .iter()
            .enumerate()
            .map(|(i, (t, y))| {
                let ws = t
                    .split(' ')
                    .enumerate()
                    .map(|(k, s)| w(s, 100 + 200 * k as u32, *y, 150))
                    .collect();
                Line::new(i, ws, i as u32)
            })
            .collect();
        PageLayout {
            width: 2480,
            height: 3508,
            lines,
            tables: Vec::new(),
        }
    }

    #[test]
    fn repeated_header_and_footer_and_page_numbers() {
        let mut pages = vec![
            page(&[
                ("VÄSTBY KOMMUN Protokoll", 100),
                ("Sida 1 (3)", 150),
                ("§ 1 Öppnande", 800),
                ("Justerandes sign", 3300),
            ]),
            page(&[
                ("VÄSTBY KOMMUN Protokoll", 100),
                ("Sida 2 (3)", 150),
                ("§ 2 Budget", 800),
                ("Justerandes sign", 3300),
            ]),
            page(&[
                ("VÄSTBY KOMMUN Protokol", 100),
                ("- 3 - § 4", 150),
                ("Text", 800),
                ("Lokal fotnot", 3300),
            ]),
        ];
        mark(&mut pages);
        let roles: Vec<Vec<Role>> = pages
            .iter()
            .map(|p| p.lines.iter().map(|l| l.role).collect())
            .collect();
        use Role::*;
        assert_eq!(roles[0], vec![Header, PageNumber, Body, Footer]);
        assert_eq!(roles[1], vec![Header, PageNumber, Body, Footer]);
        assert_eq!(roles[2], vec![Header, PageNumber, Body, Body, Body]);
        assert_eq!(pages[2].lines[2].text(), "§ 4");
    }

    #[test]
    fn a_footer_read_whole_on_one_page_and_in_pieces_on_another_is_one() {
        let mut one = page(&[("§ 3 Ärende", 800), ("Kassörens sign Revisorns sign", 3350)]);
        let mut two = page(&[
            ("§ 4 Ärende", 800),
            ("Kassörens sign", 3350),
            ("Revisorns sign", 3352),
        ]);
        for w in &mut two.lines[2].words {
            w.bbox[0] += 1200;
        }
        two.lines[2] = Line::new(3, two.lines[2].words.clone(), 2);
        // a body line at the bottom of one page only stays
        one.lines
            .push(Line::new(5, vec![w("Bilaga", 100, 3200, 150)], 3));
        let mut pages = vec![one, two];
        mark(&mut pages);
        assert_eq!(pages[0].lines[1].role, Role::Footer);
        assert_eq!(pages[1].lines[1].role, Role::Footer);
        assert_eq!(pages[1].lines[2].role, Role::Footer);
        assert_eq!(pages[0].lines[2].role, Role::Body);
        assert!(pages.iter().all(|p| p.lines[0].role == Role::Body));
        // A cell of data beside a repeated heading is not furniture.
        let mut pages: Vec<PageLayout> = ["Ekbacken", "Ekbacka"]
            .iter()
            .map(|owner| {
                let mut p = page(&[("§ 1 Ärende", 800), ("Fastighet", 150), (owner, 150)]);
                p.lines[2] = Line::new(2, vec![w(owner, 1300, 150, 150)], 2);
                p
            })
            .collect();
        mark(&mut pages);
        for p in &pages {
            assert_eq!(p.lines[1].role, Role::Header);
            assert_eq!(p.lines[2].role, Role::Body);
        }
    }

    /// A one-row ruled box at height `y` with one cell per text.
    fn ruled_box(texts: &[&str], y: u32) -> super::super::tables::Table {
        use super::super::tables::{Table, TableCell};
        let cells: Vec<TableCell> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let x = 1400 + 400 * i as u32;
                TableCell {
                    frame: [x, y, x + 400, y + 80],
                    words: vec![w(t, x + 10, y + 10, 60)],
                    reread: None,
                }
            })
            .collect();
        Table {
            frame: [1400, y, 1400 + 400 * texts.len() as u32, y + 80],
            rows: vec![cells],
            role: Role::Table,
        }
    }

    #[test]
    fn a_ruled_box_on_every_page_is_a_running_header_or_footer() {
        let mut pages: Vec<PageLayout> = (1..=3)
            .map(|n| {
                let mut p = page(&[(&format!("§ {n} Ärende"), 800)]);
                // the date/page box, its page cell unread on page 2
                let page_cell = if n == 2 {
                    String::new()
                } else {
                    format!("{n}(3)")
                };
                p.tables.push(ruled_box(
                    &["Sammanträdesdatum 2023-05-04", &page_cell],
                    120,
                ));
                p.tables.push(ruled_box(&["Justerandes", "Utdrag"], 3380));
                // a table in the body stays a table
                p.tables.push(ruled_box(&["Ledamot", "Parti"], 1500));
                p
            })
            .collect();
        // a box with another date on one page is not the running one
        pages[2].tables[0] = ruled_box(&["Sammanträdesdatum 2023-05-05", "3(3)"], 120);
        mark(&mut pages);
        let roles: Vec<Vec<Role>> = pages
            .iter()
            .map(|p| p.tables.iter().map(|t| t.role).collect())
            .collect();
        use Role::*;
        assert_eq!(roles[0], vec![Header, Footer, Table]);
        assert_eq!(roles[1], vec![Header, Footer, Table]);
        assert_eq!(roles[2], vec![Table, Footer, Table]);
        assert!(!pages[0].text().contains("2023-05-04"));
        assert!(pages[0].text().contains("Ledamot\tParti"));
    }

    #[test]
    fn page_number_shapes() {
        for t in [
            "Sida 2 (5)",
            "3",
            "- 4 -",
            "Sida 3 {4}",
            "sid. 7 av 9",
            "2/5",
        ] {
            assert!(PAGE_NUMBER.is_match(t), "{t}");
        }
        for t in ["§ 3", "2024-03-12", "Sida"] {
            assert!(!PAGE_NUMBER.is_match(t), "{t}");
        }
    }

    #[test]
    fn a_marker_at_the_top_of_each_page_is_not_a_header() {
        let mut pages = vec![page(&[("§ 12", 100)]), page(&[("§ 13", 100)])];
        mark(&mut pages);
        assert!(pages.iter().all(|p| p.lines[0].role == Role::Body));
    }

    #[test]
    fn list_numbers_are_not_marks() {
        let mut p = page(&[("2, Underhåll", 1000)]);
        p.lines[0].words[0].confidence = 0.2;
        mark_non_text(&mut p);
        assert_eq!(p.lines.len(), 1);
        assert_eq!(p.lines[0].text(), "2, Underhåll");
    }

    #[test]
    fn a_small_unreadable_block_is_non_text() {
        let mut p = page(&[("OADD” ~", 1000), ("Text här", 1200)]);
        p.lines[0].words.iter_mut().for_each(|w| w.confidence = 0.3);
        mark_non_text(&mut p);
        assert_eq!(p.lines[0].role, Role::NonText);
        assert_eq!(p.lines[1].role, Role::Body);
    }

    #[test]
    fn a_running_date_is_a_header_on_every_page_whatever_its_number() {
        // page 3 and page 12: the date holds "03" and "12"
        let mut pages: Vec<PageLayout> = (1..=12)
            .map(|n| page(&[("2024-03-12", 150), (&format!("§ {n} Ärende"), 800)]))
            .collect();
        mark(&mut pages);
        for (i, p) in pages.iter().enumerate() {
            assert_eq!(p.lines[0].role, Role::Header, "page {}", i + 1);
        }
        // a page number in a line is still left out of its key
        assert_eq!(numbers("Sida 3 (12)", 3), vec![12]);
        assert_eq!(numbers("Sida 3 (3)", 3), vec![3]);
        assert!(same_numbers(&[2024, 9, 17, 3], &[2024, 9, 17]));
        assert!(!same_numbers(&[2024, 45], &[2024, 12]));
        assert!(!same_numbers(&[2024, 45], &[2024, 45, 1, 2]));
        // "Dnr KS 2024/003" on page 3 keeps 2024 alone: not "2024/045"
        assert!(!same_numbers(&[2024], &[2024, 45]));
        assert_eq!(
            numbers("Sammanträdesdatum 2024-03-12", 3),
            vec![2024, 3, 12]
        );
    }

    #[test]
    fn speckle_read_as_letters_is_a_mark_however_confident() {
        // lines 30 px high; specks 2-3 px read as "l" and "i" with
        // confidence 0.6-0.7; a real "i" is as tall as the line's letters
        let mut p = page(&[("Beslut l i om", 1000)]);
        p.lines[0].words[1].bbox = [300, 1010, 2, 2];
        p.lines[0].words[1].confidence = 0.7;
        p.lines[0].words[2].bbox = [500, 1012, 3, 1];
        p.lines[0].words[2].confidence = 0.6;
        let mut q = page(&[("Beslut i om", 1000)]);
        q.lines[0].words[1].bbox = [300, 1000, 8, 30];
        mark_non_text(&mut p);
        mark_non_text(&mut q);
        assert_eq!(p.lines[0].text(), "Beslut om");
        assert_eq!(p.lines[1].role, Role::NonText);
        assert_eq!(q.lines.len(), 1);
        assert_eq!(q.lines[0].text(), "Beslut i om");
    }

    #[test]
    fn scribble_tokens_are_split_off() {
        let mut p = page(&[("Underskrift M~ ~", 1000)]);
        p.lines[0].words[1].confidence = 0.2;
        p.lines[0].words[2].confidence = 0.1;
        p.lines[0].words[0].confidence = 0.9;
        mark_non_text(&mut p);
        assert_eq!(p.lines.len(), 2);
        assert_eq!(p.lines[0].text(), "Underskrift");
        assert_eq!(p.lines[1].role, Role::NonText);
    }
}
