//! Stage 3: repair OCR-mangled Swedish against a lexicon.
//!
//! Input: the document text (pages separated by U+000C, which must survive).
//! Output: the repaired text and a log of every change.
//! (Placeholder: the real engine lands with the repair issue.)

use crate::model::Correction;
use std::path::PathBuf;

/// Settings of the repair stage.
#[derive(Debug, Clone)]
pub struct RepairOptions {
    /// Changes below this confidence are not made but reported as warnings.
    pub min_confidence: f32,
    /// Extra word lists (one word a line) for local names and terms.
    pub lexicon_files: Vec<PathBuf>,
}

impl Default for RepairOptions {
    fn default() -> Self {
        RepairOptions {
            min_confidence: 0.5,
            lexicon_files: Vec::new(),
        }
    }
}

/// Result of repairing one text.
#[derive(Debug, Clone, Default)]
pub struct Repaired {
    /// The repaired text.
    pub text: String,
    /// Changes, with `start`/`end` byte offsets into `text`; `page` is 0 here
    /// and filled in by the pipeline from the form feeds.
    pub corrections: Vec<Correction>,
    /// Words that looked wrong but were not changed.
    pub warnings: Vec<String>,
}

/// A repair engine. Build once, use from many threads.
#[derive(Debug)]
pub struct Repairer {
    _opts: RepairOptions,
}

impl Repairer {
    /// Build the engine and load the lexicons.
    pub fn new(opts: &RepairOptions) -> Result<Self, crate::Error> {
        for f in &opts.lexicon_files {
            std::fs::read_to_string(f)
                .map_err(|e| crate::Error::Config(format!("lexicon {}: {e}", f.display())))?;
        }
        Ok(Repairer {
            _opts: opts.clone(),
        })
    }

    /// Repair a text.
    pub fn repair(&self, text: &str) -> Repaired {
        Repaired {
            text: text.to_string(),
            ..Default::default()
        }
    }
}
