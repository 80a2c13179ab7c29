//! Text inputs: decode UTF-8, UTF-16 or legacy Windows-1252/Latin-1, undo
//! double-encoded UTF-8 ("fÃ¶r"), split pages at form feeds.

use super::PageInput;
use crate::model::PageSource;
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Decode bytes to text; returns the text and the encoding's name.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return (
            UTF_16LE.decode_without_bom_handling(rest).0.into_owned(),
            "UTF-16LE",
        );
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return (
            UTF_16BE.decode_without_bom_handling(rest).0.into_owned(),
            "UTF-16BE",
        );
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => match undo_double_encoding(s) {
            Some(fixed) => (fixed, "UTF-8 (double-encoded, repaired)"),
            None => (s.to_string(), "UTF-8"),
        },
        // Not UTF-8: the legacy Windows export encoding (a superset of
        // Latin-1's printable range).
        Err(_) => (
            WINDOWS_1252
                .decode_without_bom_handling(body)
                .0
                .into_owned(),
            "windows-1252",
        ),
    }
}

/// Count of typical mojibake pairs: UTF-8 bytes of å/ä/ö/é read as 1252.
fn mojibake_score(s: &str) -> usize {
    s.matches('Ã').count()
}

/// If the text is UTF-8 that was decoded as Windows-1252 and re-encoded
/// as UTF-8, reverse it. Returns None when the text is fine.
fn undo_double_encoding(s: &str) -> Option<String> {
    let before = mojibake_score(s);
    if before == 0 {
        return None;
    }
    let (bytes, _, unmappable) = WINDOWS_1252.encode(s);
    if unmappable {
        return None;
    }
    let fixed = std::str::from_utf8(&bytes).ok()?;
    (mojibake_score(fixed) < before).then(|| fixed.to_string())
}

/// [`pages`] of an owned text: a text of one page (no form feed, no CR)
/// becomes it without a copy.
pub fn into_pages(mut text: String) -> Vec<PageInput> {
    if text.contains(['\r', '\u{000C}']) {
        return pages(&text);
    }
    if text.ends_with('\n') {
        text.pop();
    }
    vec![PageInput::Text {
        text,
        source: PageSource::TextFile,
        recheck: None,
    }]
}

/// Split text into pages at form feeds (a trailing form feed ends the last
/// page, it does not start an empty one).
pub fn pages(text: &str) -> Vec<PageInput> {
    // Copies only when there is a CR (a 100 MB text is not copied twice).
    let text = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let trimmed = text.strip_suffix('\n').unwrap_or(&text);
    let trimmed = trimmed.strip_suffix('\u{000C}').unwrap_or(trimmed);
    trimmed
        .split('\u{000C}')
        .map(|p| PageInput::Text {
            text: p.to_string(),
            source: PageSource::TextFile,
            recheck: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_bom() {
        assert_eq!(decode("för".as_bytes()), ("för".to_string(), "UTF-8"));
        assert_eq!(decode(b"\xEF\xBB\xBFf\xC3\xB6r").0, "för");
    }

    #[test]
    fn windows_1252() {
        // "Ordförande – §" in Windows-1252
        let (t, enc) = decode(b"Ordf\xF6rande \x96 \xA7 15");
        assert_eq!(t, "Ordförande – § 15");
        assert_eq!(enc, "windows-1252");
    }

    #[test]
    fn double_encoded_utf8_is_repaired() {
        let good = "Sammanträdet öppnas på Kristallen, Ordförande Göran Wallén";
        let mojibake: String = good
            .as_bytes()
            .iter()
            .map(|&b| {
                WINDOWS_1252
                    .decode_without_bom_handling(&[b])
                    .0
                    .into_owned()
            })
            .collect();
        assert!(mojibake.contains("Ã¶"));
        let (t, enc) = decode(mojibake.as_bytes());
        assert_eq!(t, good);
        assert!(enc.contains("double"));
    }

    #[test]
    fn utf16() {
        let mut b = vec![0xFF, 0xFE];
        for u in "§ 1 Öppnande".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b).0, "§ 1 Öppnande");
    }

    #[test]
    fn form_feeds_split_pages() {
        assert_eq!(pages("a\u{000C}b\u{000C}\n").len(), 2);
        assert_eq!(pages("one page").len(), 1);
        let text = |p: &PageInput| match p {
            PageInput::Text { text, .. } => text.clone(),
            _ => unreachable!(),
        };
        for t in [
            "one page\n",
            "one page",
            "",
            "\n",
            "a\nb\n\n",
            "a\r\nb\u{000C}c\n",
        ] {
            let (a, b) = (pages(t), into_pages(t.to_string()));
            assert_eq!(a.len(), b.len(), "{t:?}");
            for (x, y) in a.iter().zip(&b) {
                assert_eq!(text(x), text(y), "{t:?}");
            }
        }
    }
}
