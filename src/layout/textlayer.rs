//! Positioned words of a PDF text layer, from poppler's
//! `pdftotext -bbox-layout` (already needed for text layers), so text-layer
//! pages go through the same reader as OCR pages. Boxes are converted from
//! points to pixels at the document's raster resolution, so the reader's
//! measures (line height, gaps) mean the same on both.

use super::{Line, PageLayout};
use crate::model::Word;
use regex::Regex;
use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<(page|block|line|word)\b([^>]*)>(?:([^<]*)</word>)?"#).expect("tag regex")
});
static ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(\w+)="([-0-9.]+)""#).expect("attr regex"));

/// Layouts of every page of a PDF's text layer; None when pdftotext fails
/// (the caller keeps the plain text layer).
pub fn read(path: &Path, dpi: u32) -> Option<Vec<PageLayout>> {
    let out = Command::new("pdftotext")
        .args(["-bbox-layout", "-enc", "UTF-8", "-q"])
        .arg(path)
        .arg("-")
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(parse(&String::from_utf8_lossy(&out.stdout), dpi))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Parse `pdftotext -bbox-layout` XHTML.
pub fn parse(xhtml: &str, dpi: u32) -> Vec<PageLayout> {
    let k = dpi as f64 / 72.0;
    let px = |v: f64| (v.max(0.0) * k).round() as u32;
    let mut pages: Vec<PageLayout> = Vec::new();
    let mut block = 0u32;
    let mut words: Vec<Word> = Vec::new();
    let mut cur: Vec<Word> = Vec::new();
    let end_line =
        |pages: &mut Vec<PageLayout>, words: &mut Vec<Word>, cur: &mut Vec<Word>, block: u32| {
            if let Some(p) = pages.last_mut() {
                if !cur.is_empty() {
                    p.lines
                        .push(Line::new(words.len(), std::mem::take(cur), block));
                    words.extend(p.lines.last().expect("pushed").words.iter().cloned());
                }
            }
        };
    for c in TAG.captures_iter(xhtml) {
        let attrs: Vec<(String, f64)> = ATTR
            .captures_iter(&c[2])
            .filter_map(|a| Some((a[1].to_string(), a[2].parse().ok()?)))
            .collect();
        let get = |n: &str| attrs.iter().find(|(k, _)| k == n).map_or(0.0, |(_, v)| *v);
        match &c[1] {
            "page" => {
                end_line(&mut pages, &mut words, &mut cur, block);
                words.clear();
                block = 0;
                pages.push(PageLayout {
                    width: px(get("width")),
                    height: px(get("height")),
                    lines: Vec::new(),
                    tables: Vec::new(),
                });
            }
            "block" => {
                end_line(&mut pages, &mut words, &mut cur, block);
                block += 1;
            }
            "line" => end_line(&mut pages, &mut words, &mut cur, block),
            _ => {
                let text = unescape(c.get(3).map_or("", |m| m.as_str()).trim());
                if text.is_empty() {
                    continue;
                }
                let (x0, y0, x1, y1) = (get("xMin"), get("yMin"), get("xMax"), get("yMax"));
                cur.push(Word {
                    text,
                    confidence: 1.0,
                    bbox: [px(x0), px(y0), px(x1 - x0).max(1), px(y1 - y0).max(1)],
                });
            }
        }
    }
    end_line(&mut pages, &mut words, &mut cur, block);
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pages_blocks_lines_and_words() {
        let x = r#"<doc>
<page width="595.0" height="842.0">
<flow><block xMin="1" yMin="1" xMax="9" yMax="9">
<line xMin="72" yMin="72" xMax="200" yMax="84">
<word xMin="72.0" yMin="72.0" xMax="80.0" yMax="84.0">§</word>
<word xMin="84.0" yMin="72.0" xMax="96.0" yMax="84.0">23</word>
</line>
<line xMin="72" yMin="90" xMax="200" yMax="102">
<word xMin="72.0" yMin="90.0" xMax="120.0" yMax="102.0">A&amp;O</word>
</line></block></flow>
</page>
<page width="595.0" height="842.0"><flow><block><line>
<word xMin="72.0" yMin="72.0" xMax="80.0" yMax="84.0">Två</word>
</line></block></flow></page>
</doc>"#;
        let p = parse(x, 300);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].width, 2479);
        assert_eq!(p[0].lines.len(), 2);
        assert_eq!(p[0].lines[0].text(), "§ 23");
        assert_eq!(p[0].lines[0].words[0].bbox, [300, 300, 33, 50]);
        assert_eq!(p[0].lines[1].text(), "A&O");
        assert_eq!(p[0].lines[1].first, 2);
        assert_eq!(p[1].lines[0].text(), "Två");
        assert_eq!(p[1].lines[0].first, 0);
    }
}
