//! Format detection from magic bytes.

use crate::model::SourceFormat;

/// What a file's bytes look like: one of the formats paragraf reads (the
/// list is [`SourceFormat`], the one the JSON reports), or something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    Format(SourceFormat),
    /// Something else, described for the error message.
    Other(&'static str),
}

impl SourceFormat {
    /// Human description for error messages.
    pub fn describe(self) -> &'static str {
        match self {
            SourceFormat::Pdf => "a PDF document",
            SourceFormat::Png => "a PNG image",
            SourceFormat::Jpeg => "a JPEG image",
            SourceFormat::Tiff => "a TIFF image",
            SourceFormat::Pnm => "a PNM image",
            SourceFormat::Text => "text",
        }
    }
}

impl Detected {
    /// Human description for error messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Detected::Format(f) => f.describe(),
            Detected::Other(w) => w,
        }
    }
}

/// Detect the format of `bytes` (non-empty).
pub fn detect(bytes: &[u8]) -> Detected {
    let head = &bytes[..bytes.len().min(1024)];
    let starts = |m: &[u8]| bytes.starts_with(m);
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Detected::Format(SourceFormat::Png);
    }
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return Detected::Format(SourceFormat::Jpeg);
    }
    if starts(b"II*\0") || starts(b"MM\0*") || starts(b"II+\0") || starts(b"MM\0+") {
        return Detected::Format(SourceFormat::Tiff);
    }
    if bytes.len() > 2
        && bytes[0] == b'P'
        && (b'1'..=b'6').contains(&bytes[1])
        && bytes[2].is_ascii_whitespace()
    {
        return Detected::Format(SourceFormat::Pnm);
    }
    // PDF readers accept the header anywhere in the first 1024 bytes.
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Detected::Format(SourceFormat::Pdf);
    }
    let other: &[(&[u8], &'static str)] = &[
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive (e.g. DOCX/ODT)"),
        (b"\xD0\xCF\x11\xE0", "an old Microsoft Office document"),
        (b"{\\rtf", "an RTF document"),
        (b"RIFF", "a RIFF file (WebP/AVI/WAV)"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"BM", "a BMP image"),
        (b"\x7fELF", "an executable"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
    ];
    for (magic, what) in other {
        if starts(magic) {
            return Detected::Other(what);
        }
    }
    if looks_like_text(head) {
        Detected::Format(SourceFormat::Text)
    } else {
        Detected::Other("binary data of unknown type")
    }
}

/// Text: no NUL bytes and few control characters (UTF-16 with a BOM too).
fn looks_like_text(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    if head.contains(&0) {
        return false;
    }
    let ctrl = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    ctrl * 50 <= head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_bytes() {
        assert_eq!(
            detect(b"%PDF-1.7\n..."),
            Detected::Format(SourceFormat::Pdf)
        );
        assert_eq!(
            detect(b"\x89PNG\r\n\x1a\n...."),
            Detected::Format(SourceFormat::Png)
        );
        assert_eq!(detect(b"II*\0...."), Detected::Format(SourceFormat::Tiff));
        assert_eq!(
            detect(b"P5\n10 10\n255\n"),
            Detected::Format(SourceFormat::Pnm)
        );
        assert_eq!(
            detect("§ 15 Val av justerare\n".as_bytes()),
            Detected::Format(SourceFormat::Text)
        );
        assert_eq!(
            detect(b"PK\x03\x04rest"),
            Detected::Other("a ZIP archive (e.g. DOCX/ODT)")
        );
        assert!(matches!(detect(&[0u8, 1, 2, 3, 0, 0]), Detected::Other(_)));
    }
}
