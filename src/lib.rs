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

pub mod batch;
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
