//! paragraf: scanned Swedish meeting protocols in, structured JSON out.
//!
//! Data flows one way, one module per stage:
//!
//! file → [`ingest`] (pages: images or text) → [`ocr`] (text with
//! confidences; [`preprocess`] cleans images first) → [`repair`] (repaired
//! text + correction log) → [`segment`] (sections, header) → [`model`]
//! (the JSON document). [`pipeline`] chains the stages for one file;
//! [`batch`] runs many files.
//!
//! # Example
//!
//! One file end to end: an OCR'd protocol (text with OCR errors) is
//! repaired, split into its §-sections and turned into the JSON document.
//!
//! ```
//! use paragraf::pipeline::{Pipeline, Settings};
//!
//! let pipeline = Pipeline::new(Settings::default())?;
//! let file = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/text/000_4080bc15aeecdb73.txt");
//! let doc = pipeline.process(file.as_ref(), "protocol.txt")?;
//!
//! // The header, the numbered sections and every repair, with its evidence.
//! assert!(doc.meeting.date.is_some());
//! assert!(!doc.sections.is_empty());
//! for s in &doc.sections {
//!     println!("§ {} {}", s.number, s.title.as_deref().unwrap_or(""));
//! }
//! let first = &doc.corrections[0];
//! println!("{} → {} ({})", first.original, first.corrected, first.evidence);
//! assert!(doc.text.contains("ordförande")); // printed "ordférande"
//!
//! let json = serde_json::to_string_pretty(&doc)?;
//! assert!(json.contains(r#""schema_version""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The document's work can be stopped from another thread with
//! [`Pipeline::cancel_token`](pipeline::Pipeline::cancel_token); the
//! library keeps no process-wide state, installs no signal handlers and
//! never exits. The command line (`cli`, `batch`: argument parsing, worker
//! processes, progress bars, signals, exit codes) is behind the default
//! `cli` feature; embedders can turn it off with `default-features = false`.

#[cfg(feature = "cli")]
pub mod batch;
pub mod cancel;
#[cfg(feature = "cli")]
pub mod cli;
pub mod error;
pub mod eval;
pub mod ingest;
pub mod layout;
pub mod model;
pub mod ocr;
pub mod pipeline;
pub mod preprocess;
pub mod repair;
pub mod segment;

pub use error::Error;
pub use model::Document;
