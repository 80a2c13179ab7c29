//! ALTO 4.4 XML of a document: every page with its text blocks, lines and
//! words in the page image's pixels, the repaired word as `CONTENT` and the
//! OCR's reading as `ALTERNATIVE`, page furniture in the margins, tables as
//! composed blocks, non-text marks as illustrations, and tags for the
//! sections (§) and the people of the header.
//!
//! Written with plain string building and escaping: the format is a fixed,
//! shallow tree, and no XML crate would check more than the schema test
//! (tests/archive.rs, xmllint against alto-4-4.xsd) does.

use super::align::{self, PageText, Token};
use crate::model::{Block, Document, Page, Role};
use std::fmt::Write;

const NS: &str = "http://www.loc.gov/standards/alto/ns-v4#";

/// Line-end hyphens of a word broken across lines.
const HYPHENS: &[char] = &['-', '¬', '=', '\u{ad}'];

/// The ALTO XML of a document.
pub fn write(doc: &Document) -> String {
    let pages = align::align(doc);
    let mut x = String::with_capacity(doc.text.len() * 12 + 4096);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        "<alto xmlns=\"{NS}\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"{NS} http://www.loc.gov/alto/v4/alto-4-4.xsd\" SCHEMAVERSION=\"4.4\">"
    );
    description(&mut x, doc);
    let tags = Tags::new(doc);
    tags.write(&mut x);
    x.push_str("<Layout>\n");
    for (i, (page, text)) in doc.pages.iter().zip(&pages).enumerate() {
        write_page(&mut x, i, page, text, &tags);
    }
    x.push_str("</Layout>\n</alto>\n");
    x
}

fn description(x: &mut String, doc: &Document) {
    x.push_str("<Description>\n<MeasurementUnit>pixel</MeasurementUnit>\n");
    let _ = writeln!(
        x,
        "<sourceImageInformation><fileName>{}</fileName></sourceImageInformation>",
        esc(&doc.source.path)
    );
    let ocr = doc
        .pages
        .iter()
        .any(|p| p.source == crate::model::PageSource::Ocr);
    let _ = writeln!(
        x,
        "<Processing ID=\"PROC1\"><processingCategory>contentGeneration contentModification</processingCategory>\
         <processingStepDescription>{}</processingStepDescription>\
         <processingStepDescription>repair of OCR errors against a Swedish lexicon ({} corrections); \
         segmentation into sections and header</processingStepDescription>\
         <processingStepSettings>settings_hash={}; source sha256={}; format={}</processingStepSettings>\
         <processingSoftware><softwareName>paragraf</softwareName><softwareVersion>{}</softwareVersion>\
         <applicationDescription>Scanned Swedish meeting protocols to structured text</applicationDescription>\
         </processingSoftware></Processing>",
        if ocr {
            "OCR with Tesseract, page layout and reading order"
        } else {
            "text layer or text file read, page layout and reading order"
        },
        doc.corrections.len(),
        esc(&doc.generator.settings_hash),
        esc(&doc.source.sha256),
        format!("{:?}", doc.source.format).to_lowercase(),
        esc(&doc.generator.version),
    );
    x.push_str("</Description>\n");
}

/// The `Tags` of a document: one `StructureTag` per section and one
/// `NamedEntityTag` per person of the header, with where they are referred
/// to (byte ranges of the text).
struct Tags {
    /// (ID, marker, title, start)
    sections: Vec<(String, String, Option<String>, usize)>,
    people: Vec<Person>,
}

/// (ID, name, what the header says of them, where the text names them)
type Person = (String, String, Option<String>, Vec<(usize, usize)>);

impl Tags {
    fn new(doc: &Document) -> Tags {
        let sections = doc
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    format!("SEC{}", i + 1),
                    s.marker.clone(),
                    s.title.clone(),
                    s.start,
                )
            })
            .collect();
        let m = &doc.meeting;
        let mut named: Vec<(String, Vec<String>)> = Vec::new();
        let mut add = |name: &str, what: String| {
            let name = name.trim();
            if name.is_empty() {
                return;
            }
            match named.iter_mut().find(|(n, _)| n == name) {
                Some((_, d)) => {
                    if !what.is_empty() && !d.contains(&what) {
                        d.push(what)
                    }
                }
                None => named.push((
                    name.to_string(),
                    [what].into_iter().filter(|w| !w.is_empty()).collect(),
                )),
            }
        };
        for p in &m.participants {
            let what: Vec<&str> = [&p.role, &p.party, &p.category, &p.affiliation]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            add(&p.name, what.join(", "));
        }
        if let Some(c) = &m.chair {
            add(c, "ordförande".into());
        }
        if let Some(s) = &m.secretary {
            add(s, "sekreterare".into());
        }
        for a in &m.adjusters {
            add(a, "justerare".into());
        }
        for v in &m.vote_counters {
            add(v, "rösträknare".into());
        }
        let people = named
            .into_iter()
            .enumerate()
            .map(|(i, (name, what))| {
                let at = doc
                    .text
                    .match_indices(name.as_str())
                    .map(|(s, n)| (s, s + n.len()))
                    .collect();
                let d = (!what.is_empty()).then(|| what.join("; "));
                (format!("NE{}", i + 1), name, d, at)
            })
            .collect();
        Tags { sections, people }
    }

    fn write(&self, x: &mut String) {
        if self.sections.is_empty() && self.people.is_empty() {
            return;
        }
        x.push_str("<Tags>\n");
        for (id, marker, title, _) in &self.sections {
            let _ = write!(
                x,
                "<StructureTag ID=\"{id}\" TYPE=\"section\" LABEL=\"{}\"",
                esc(marker)
            );
            if let Some(t) = title {
                let _ = write!(x, " DESCRIPTION=\"{}\"", esc(t));
            }
            x.push_str("/>\n");
        }
        for (id, name, what, _) in &self.people {
            let _ = write!(
                x,
                "<NamedEntityTag ID=\"{id}\" TYPE=\"person\" LABEL=\"{}\"",
                esc(name)
            );
            if let Some(d) = what {
                let _ = write!(x, " DESCRIPTION=\"{}\"", esc(d));
            }
            x.push_str("/>\n");
        }
        x.push_str("</Tags>\n");
    }

    /// Sections that start on a line spanning `start..end` of the text.
    fn sections_in(&self, start: usize, end: usize) -> Vec<&str> {
        self.sections
            .iter()
            .filter(|s| s.3 >= start && s.3 < end)
            .map(|s| s.0.as_str())
            .collect()
    }

    /// People named (in part) by a word at `start..end`.
    fn people_at(&self, start: usize, end: usize) -> Vec<&str> {
        self.people
            .iter()
            .filter(|p| p.3.iter().any(|&(s, e)| s < end && start < e))
            .map(|p| p.0.as_str())
            .collect()
    }
}

/// A run of text lines of one kind: a paragraph of running text, or the
/// lines of one table.
struct Para<'t, 'a> {
    table: Option<usize>,
    lines: Vec<&'t Vec<Token<'a>>>,
}

fn write_page(x: &mut String, i: usize, page: &Page, text: &PageText<'_>, tags: &Tags) {
    let n = i + 1;
    let _ = write!(
        x,
        "<Page ID=\"P{n}\" PHYSICAL_IMG_NR=\"{n}\" PROCESSINGREFS=\"PROC1\""
    );
    if let (Some(w), Some(h)) = (page.width, page.height) {
        let _ = write!(x, " WIDTH=\"{w}\" HEIGHT=\"{h}\"");
    }
    if let Some(c) = page.confidence {
        let _ = write!(x, " PC=\"{:.3}\"", c.clamp(0.0, 1.0));
    }
    x.push_str(">\n");
    let mid = page.height.unwrap_or(0) / 2;
    let furniture = |b: &&Block| matches!(b.role, Role::Header | Role::Footer | Role::PageNumber);
    let top: Vec<&Block> = page
        .blocks
        .iter()
        .filter(furniture)
        .filter(|b| b.role == Role::Header || (b.role == Role::PageNumber && b.bbox[1] < mid))
        .collect();
    let bottom: Vec<&Block> = page
        .blocks
        .iter()
        .filter(furniture)
        .filter(|b| b.role == Role::Footer || (b.role == Role::PageNumber && b.bbox[1] >= mid))
        .collect();
    let mut ids = Ids {
        page: n,
        block: 0,
        line: 0,
        word: 0,
    };
    for (name, blocks) in [("TopMargin", &top), ("BottomMargin", &bottom)] {
        if blocks.is_empty() {
            continue;
        }
        let _ = writeln!(x, "<{name} ID=\"P{n}_{name}\">");
        for b in blocks {
            furniture_block(x, page, b, &mut ids);
        }
        let _ = writeln!(x, "</{name}>");
    }
    let _ = write!(x, "<PrintSpace ID=\"P{n}_PS\"");
    if let (Some(w), Some(h)) = (page.width, page.height) {
        let _ = write!(x, " HPOS=\"0\" VPOS=\"0\" WIDTH=\"{w}\" HEIGHT=\"{h}\"");
    }
    x.push_str(">\n");
    let tables: Vec<&Block> = page
        .blocks
        .iter()
        .filter(|b| b.role == Role::Table)
        .collect();
    let paras = paragraphs(text, &tables);
    let mut k = 0;
    while k < paras.len() {
        match paras[k].table {
            Some(t) => {
                ids.block += 1;
                let _ = write!(
                    x,
                    "<ComposedBlock ID=\"P{n}_CB{}\" TYPE=\"table\"",
                    ids.block
                );
                pos(x, Some(tables[t].bbox));
                x.push_str(">\n");
                while k < paras.len() && paras[k].table == Some(t) {
                    text_block(x, &paras[k], &mut ids, tags);
                    k += 1;
                }
                x.push_str("</ComposedBlock>\n");
            }
            None => {
                text_block(x, &paras[k], &mut ids, tags);
                k += 1;
            }
        }
    }
    for b in page.blocks.iter().filter(|b| b.role == Role::NonText) {
        ids.block += 1;
        let _ = write!(
            x,
            "<Illustration ID=\"P{n}_IL{}\" TYPE=\"non-text\"",
            ids.block
        );
        pos(x, Some(b.bbox));
        x.push_str("/>\n");
    }
    x.push_str("</PrintSpace>\n</Page>\n");
}

struct Ids {
    page: usize,
    block: usize,
    line: usize,
    word: usize,
}

/// Text lines cut into paragraphs at blank lines and where a table starts
/// or ends (a line is in a table when most of its located words are).
fn paragraphs<'t, 'a>(text: &'t PageText<'a>, tables: &[&Block]) -> Vec<Para<'t, 'a>> {
    let in_table = |l: &Vec<Token<'_>>| -> Option<usize> {
        let boxes: Vec<[u32; 4]> = l
            .iter()
            .filter(|t| t.located)
            .filter_map(|t| t.bbox)
            .collect();
        if boxes.is_empty() {
            return None;
        }
        tables.iter().position(|t| {
            let b = t.bbox;
            let inside = boxes
                .iter()
                .filter(|w| {
                    let (cx, cy) = (w[0] + w[2] / 2, w[1] + w[3] / 2);
                    cx >= b[0] && cx < b[0] + b[2] && cy >= b[1] && cy < b[1] + b[3]
                })
                .count();
            inside * 2 > boxes.len()
        })
    };
    let mut out: Vec<Para<'t, 'a>> = Vec::new();
    let mut blank = true;
    for l in &text.lines {
        if l.is_empty() {
            blank = true;
            continue;
        }
        let t = in_table(l);
        match out.last_mut() {
            Some(p) if !blank && p.table == t => p.lines.push(l),
            _ => out.push(Para {
                table: t,
                lines: vec![l],
            }),
        }
        blank = false;
    }
    out
}

fn text_block(x: &mut String, p: &Para<'_, '_>, ids: &mut Ids, tags: &Tags) {
    ids.block += 1;
    let n = ids.page;
    let bbox = union(p.lines.iter().flat_map(|l| l.iter().filter_map(|t| t.bbox)));
    let _ = write!(x, "<TextBlock ID=\"P{n}_TB{}\"", ids.block);
    pos(x, bbox);
    x.push_str(" LANG=\"sv\">\n");
    for (li, l) in p.lines.iter().enumerate() {
        ids.line += 1;
        let (start, end) = (l[0].start, l[l.len() - 1].end);
        let _ = write!(x, "<TextLine ID=\"P{n}_TL{}\"", ids.line);
        let secs = tags.sections_in(start, end);
        if !secs.is_empty() {
            let _ = write!(x, " TAGREFS=\"{}\"", secs.join(" "));
        }
        pos(x, union(l.iter().filter_map(|t| t.bbox)));
        x.push_str(">\n");
        // a word broken at this line's end, continued on the next line
        let next: Option<&Token<'_>> = p.lines.get(li + 1).and_then(|nl| nl.first());
        let prev_broken = li > 0 && broken(p.lines[li - 1].last(), Some(&l[0]));
        for (wi, t) in l.iter().enumerate() {
            let last = wi + 1 == l.len();
            let hyp = last && broken(Some(t), next);
            let mut content: &str = t.text;
            let mut subs: Option<(&str, String)> = None;
            if hyp {
                content = t.text.trim_end_matches(HYPHENS);
                let tail = next.map_or("", |n| letters(n.text));
                subs = Some(("HypPart1", format!("{content}{tail}")));
            } else if wi == 0 && prev_broken {
                let head = p.lines[li - 1]
                    .last()
                    .map_or("", |h| h.text.trim_end_matches(HYPHENS));
                subs = Some(("HypPart2", format!("{head}{}", letters(t.text))));
            }
            ids.word += 1;
            let _ = write!(
                x,
                "<String ID=\"P{n}_S{}\" CONTENT=\"{}\"",
                ids.word,
                esc(content)
            );
            if let Some((kind, whole)) = &subs {
                let _ = write!(x, " SUBS_TYPE=\"{kind}\" SUBS_CONTENT=\"{}\"", esc(whole));
            }
            if let Some(c) = t.confidence {
                let _ = write!(x, " WC=\"{c:.3}\"");
            }
            let people = tags.people_at(t.start, t.end);
            if !people.is_empty() {
                let _ = write!(x, " TAGREFS=\"{}\"", people.join(" "));
            }
            pos(x, t.bbox);
            match &t.original {
                Some(o) => {
                    let _ = write!(
                        x,
                        "><ALTERNATIVE PURPOSE=\"OCR\">{}</ALTERNATIVE></String>",
                        esc(o)
                    );
                }
                None => x.push_str("/>"),
            }
            if hyp {
                let _ = write!(x, "<HYP CONTENT=\"{}\"", esc(&t.text[content.len()..]));
                if let Some(b) = t.bbox {
                    let hw = (b[3] / 3).min(b[2]);
                    pos(x, Some([b[0] + b[2] - hw, b[1], hw, b[3]]));
                }
                x.push_str("/>");
            } else if !last {
                let sp = match (t.bbox, l[wi + 1].bbox) {
                    (Some(a), Some(b)) if b[0] > a[0] + a[2] => {
                        Some([a[0] + a[2], a[1], b[0] - a[0] - a[2], 0])
                    }
                    _ => None,
                };
                match sp {
                    Some(s) => {
                        let _ = write!(
                            x,
                            "<SP WIDTH=\"{}\" HPOS=\"{}\" VPOS=\"{}\"/>",
                            s[2], s[0], s[1]
                        );
                    }
                    None => x.push_str("<SP/>"),
                }
            }
            x.push('\n');
        }
        x.push_str("</TextLine>\n");
    }
    x.push_str("</TextBlock>\n");
}

/// Running headers, footers and page numbers: the OCR's words, unrepaired
/// (they are not in the document text).
fn furniture_block(x: &mut String, page: &Page, b: &Block, ids: &mut Ids) {
    ids.block += 1;
    let n = ids.page;
    let kind = match b.role {
        Role::Header => "running header",
        Role::Footer => "running footer",
        _ => "page number",
    };
    let _ = write!(x, "<TextBlock ID=\"P{n}_TB{}\"", ids.block);
    pos(x, Some(b.bbox));
    let _ = writeln!(x, "><!-- {kind} -->");
    for l in &b.lines {
        let words: Vec<(String, Option<[u32; 4]>, Option<f32>)> = match l.words {
            Some([s, e]) if e <= page.words.len() && s < e => page.words[s..e]
                .iter()
                .map(|w| (w.text.clone(), Some(w.bbox), Some(w.confidence)))
                .collect(),
            _ => l
                .text
                .split_whitespace()
                .map(|w| (w.to_string(), None, None))
                .collect(),
        };
        if words.is_empty() {
            continue;
        }
        ids.line += 1;
        let _ = write!(x, "<TextLine ID=\"P{n}_TL{}\"", ids.line);
        pos(x, Some(l.bbox));
        x.push('>');
        for (i, (w, bb, c)) in words.iter().enumerate() {
            ids.word += 1;
            if i > 0 {
                x.push_str("<SP/>");
            }
            let _ = write!(
                x,
                "<String ID=\"P{n}_S{}\" CONTENT=\"{}\"",
                ids.word,
                esc(w)
            );
            if let Some(c) = c {
                let _ = write!(x, " WC=\"{:.3}\"", c.clamp(0.0, 1.0));
            }
            pos(x, *bb);
            x.push_str("/>");
        }
        x.push_str("</TextLine>\n");
    }
    x.push_str("</TextBlock>\n");
}

/// Is `a` (a line's last word) the first part of a word broken at the line
/// end, continued by `b` (the next line's first word)?
fn broken(a: Option<&Token<'_>>, b: Option<&Token<'_>>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let stem = a.text.trim_end_matches(HYPHENS);
    stem.len() < a.text.len()
        && stem.chars().last().is_some_and(char::is_alphabetic)
        && b.text.chars().next().is_some_and(char::is_lowercase)
}

/// The leading letters of a word.
fn letters(w: &str) -> &str {
    let end = w
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(w.len(), |(i, _)| i);
    &w[..end]
}

fn union(boxes: impl Iterator<Item = [u32; 4]>) -> Option<[u32; 4]> {
    let v: Vec<[u32; 4]> = boxes.collect();
    (!v.is_empty()).then(|| crate::layout::union(v.into_iter()))
}

/// HPOS/VPOS/WIDTH/HEIGHT attributes.
fn pos(x: &mut String, b: Option<[u32; 4]>) {
    if let Some(b) = b {
        let _ = write!(
            x,
            " HPOS=\"{}\" VPOS=\"{}\" WIDTH=\"{}\" HEIGHT=\"{}\"",
            b[0], b[1], b[2], b[3]
        );
    }
}

/// Escape text for an XML attribute or element; characters XML 1.0 cannot
/// carry (C0 controls other than tab, LF, CR) are left out.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\t' => o.push_str("&#9;"),
            '\n' => o.push_str("&#10;"),
            '\r' => o.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_controls() {
        assert_eq!(esc("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
