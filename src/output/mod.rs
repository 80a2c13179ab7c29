//! Stage 5b: archive outputs of a finished document, beside the JSON.
//!
//! - [`alto`]: ALTO 4.4 XML, the layout with the repaired words on it;
//! - [`pdf`]: a searchable PDF, the input's page images with an invisible
//!   text layer of the repaired words.
//!
//! Both read only the [`Document`] (and, for the PDF, the input file's page
//! images); [`align`] puts the repaired text's words back on their OCR boxes.

pub mod align;
pub mod alto;
mod icc;
pub mod pdf;

use crate::Document;

/// Which archive outputs to make.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Targets {
    pub alto: bool,
    pub pdf: bool,
}

impl Targets {
    pub fn any(&self) -> bool {
        self.alto || self.pdf
    }
}

/// Drop the per-word boxes from a document, as `--no-words` does, after
/// the archive outputs were made from them.
pub fn strip_words(doc: &mut Document) {
    for p in &mut doc.pages {
        p.words.clear();
        for b in &mut p.blocks {
            for l in &mut b.lines {
                l.words = None;
            }
        }
    }
}
