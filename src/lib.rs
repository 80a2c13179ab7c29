//! paragraf: scanned Swedish meeting protocols in, structured JSON out.
//!
//! Data flows one way, one module per stage:
//!
//! file → [`ingest`] (pages: images or text) → [`ocr`] (text with
//! confidences; [`preprocess`] cleans images first) → [`repair`] (repaired
//! text + correction log) → [`segment`] (sections, header) → [`model`]
//! (the JSON document) → [`output`] (ALTO XML, searchable PDF).
//! [`pipeline`] chains the stages for one file;
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

// `cargo clippy -- -W clippy::pedantic` is kept readable by allowing, for
// the whole crate, the pedantic lints that flag this code's design rather
// than mistakes:
#![allow(
    // Image geometry, pixel statistics and scores mix u8/u32/usize/f32 on
    // purpose; sizes are bounded by the checked limits (--max-megapixels,
    // --max-pages), so these casts neither truncate nor wrap in practice.
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap,
    clippy::cast_lossless,
    // Every fallible function returns the typed `Error`, whose variants say
    // what fails; panics are `expect`s on invariants, named in their message.
    clippy::missing_errors_doc,
    clippy::missing_panics_doc,
    // Results of this library's functions are its point; #[must_use] on
    // every getter and constructor adds noise, not safety.
    clippy::must_use_candidate,
    clippy::return_self_not_must_use,
    // Docs quote Swedish words and phrases ("beslöts att"), not code.
    clippy::doc_markdown,
    // Geometry uses x, y, w, h (and x0/x1-like pairs) by convention.
    clippy::many_single_char_names,
    clippy::similar_names
)]

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
pub mod output;
pub mod pipeline;
pub mod preprocess;
pub mod repair;
pub mod segment;

pub use error::Error;
pub use model::Document;
