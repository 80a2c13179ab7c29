//! The output model: the JSON document paragraf emits, and its JSON Schema.
//!
//! Everything downstream tools rely on is defined here. Bump
//! [`SCHEMA_VERSION`] on every change of shape (minor: fields added; major:
//! fields renamed, removed or retyped). Unknown values are `null` or empty,
//! never invented.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the JSON shape below (semver).
pub const SCHEMA_VERSION: &str = "1.2.0";

/// One processed document.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Version of this schema, semver.
    pub schema_version: String,
    /// Which program and settings made this document.
    pub generator: Generator,
    /// The input file.
    pub source: Source,
    /// What kind of document this is.
    pub kind: Kind,
    /// Meeting metadata from the protocol's header.
    pub meeting: Meeting,
    /// The numbered sections (§ 15, 1.0 ...) in reading order.
    pub sections: Vec<Section>,
    /// The agenda (dagordning) printed before the minutes, when the minutes
    /// repeat its numbers: each item once, the minutes' text in `sections`.
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// The whole cleaned (repaired) text. Pages are separated by a form feed
    /// (U+000C). All `start`/`end` offsets in this document are byte offsets
    /// into this string.
    pub text: String,
    /// Per-page provenance.
    pub pages: Vec<Page>,
    /// Every change the repair stage made to the text.
    pub corrections: Vec<Correction>,
    /// Things a human should look at (low-confidence words, odd numbering ...).
    pub warnings: Vec<String>,
}

/// The program that produced a document.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Generator {
    /// Always "paragraf".
    pub name: String,
    /// paragraf's version.
    pub version: String,
    /// Hash of every setting that can change the output (used to skip work
    /// that is already done in batch runs).
    pub settings_hash: String,
}

/// The input file.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Path as given on the command line (or relative to the input folder).
    pub path: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// Number of pages.
    pub pages: usize,
    /// Detected file format.
    pub format: SourceFormat,
    /// Character encoding of a text input ("UTF-8", "windows-1252"); null
    /// for PDFs and images.
    pub encoding: Option<String>,
}

/// Detected input format (by content, not by extension).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Pdf,
    Png,
    Jpeg,
    Tiff,
    Pnm,
    Text,
}

/// Kind of document.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Protokoll,
    Minnesanteckningar,
    #[default]
    Unknown,
}

/// Meeting metadata. Every field is null/empty when the text does not say it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// The body that met ("Lunds samordningsförbund", "Kommunstyrelsen").
    pub organ: Option<String>,
    /// Meeting date, ISO 8601 (YYYY-MM-DD).
    pub date: Option<String>,
    /// Start time, HH:MM.
    pub start_time: Option<String>,
    /// End time, HH:MM.
    pub end_time: Option<String>,
    /// Where the meeting took place.
    pub place: Option<String>,
    /// Everyone the header lists as taking part.
    pub participants: Vec<Participant>,
    /// People listed as absent ("Frånvarande", "Anmält förhinder") or
    /// replaced by a serving substitute (since 1.2.0).
    #[serde(default)]
    pub absent: Vec<Participant>,
    /// Justerare (the people who adjust/approve the minutes).
    pub adjusters: Vec<String>,
    /// Date of adjustment (justering), ISO 8601.
    pub adjustment_date: Option<String>,
    /// Place of adjustment.
    pub adjustment_place: Option<String>,
    /// Sekreterare.
    pub secretary: Option<String>,
    /// Ordförande.
    pub chair: Option<String>,
    /// Rösträknare (vote counters), where the minutes name them.
    #[serde(default)]
    pub vote_counters: Vec<String>,
    /// Paragraph range covered, as printed ("§§ 15-28").
    pub paragraphs: Option<String>,
    /// Date the notice (anslag) was posted, ISO 8601.
    pub notice_posted: Option<String>,
    /// Date the notice (anslag) is taken down, ISO 8601.
    pub notice_removed: Option<String>,
}

/// One item of a printed agenda.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// Number as printed, without "§" or a trailing dot ("3", "9a").
    pub number: String,
    /// Title as printed.
    pub title: Option<String>,
}

/// A person listed in the header.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub name: String,
    /// Party abbreviation as printed, e.g. "M", "S", "SD".
    pub party: Option<String>,
    /// Role: ordförande, vice ordförande, sekreterare, förbundschef ...
    pub role: Option<String>,
    /// Organisation: Arbetsförmedlingen, Lunds kommun ...
    pub affiliation: Option<String>,
    /// ledamot, ersättare, övrig närvarande, tjänsteman, frånvarande.
    pub category: Option<String>,
    /// The member a serving substitute replaces ("Per Holm (M)
    /// tjänstgörande ersättare för Lisa Berg (M)") (since 1.2.0).
    #[serde(default)]
    pub replaces: Option<String>,
}

/// One numbered section (a §, or a "1.0" item in minnesanteckningar).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The number as a string: "15", "1.0".
    pub number: String,
    /// The marker as it stands in `text`: "§ 15", "1.0". With repair on, a
    /// "§" the OCR garbled ("$ 2", "87") is written back ("§ 2", "§ 7") and
    /// the reading is in `corrections`; with `--no-repair` it stays as read.
    pub marker: String,
    /// Title, null when none is printed.
    pub title: Option<String>,
    /// Diarienummer, e.g. "KS 2021/034".
    pub dnr: Option<String>,
    /// Body text of the section (page headers/footers removed).
    pub text: String,
    /// Each decision as text.
    pub decisions: Vec<String>,
    /// Who decided ("Styrelsen", "Kommunstyrelsen"), when the text says it.
    pub decided_by: Option<String>,
    /// People the section elects or appoints, by role (since 1.2.0).
    #[serde(default)]
    pub elections: Vec<Election>,
    /// Votes taken (omröstning, votering) (since 1.2.0).
    #[serde(default)]
    pub votes: Vec<Vote>,
    /// Reservations against the decision (since 1.2.0).
    #[serde(default)]
    pub reservations: Vec<Note>,
    /// Protocol notes (protokollsanteckningar) (since 1.2.0).
    #[serde(default)]
    pub protocol_notes: Vec<Note>,
    /// Who the decision is sent to ("Beslutet skickas till") (since 1.2.0).
    #[serde(default)]
    pub recipients: Vec<String>,
    /// 1-based page numbers the section spans.
    pub pages: Vec<usize>,
    /// Byte offset of the marker in the document `text`.
    pub start: usize,
    /// Byte offset of the section's end in the document `text`.
    pub end: usize,
}

/// An election or appointment recorded in a section.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Election {
    /// The office as written ("ordförande för mötet", "revisorer"), when the
    /// text or the "Val av ..." title says it.
    pub role: Option<String>,
    /// The people chosen, as printed.
    pub people: Vec<String>,
}

/// A vote (omröstning) taken in a section.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    /// Ja-röster, when counted in the text or the table.
    pub yes: Option<u32>,
    /// Nej-röster.
    pub no: Option<u32>,
    /// Members who abstained (avstår).
    pub abstain: Option<u32>,
    /// Each member's vote, when a table lists them.
    pub ballots: Vec<Ballot>,
    /// The text that records the vote.
    pub text: String,
}

/// One member's vote from a vote table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Ballot {
    pub name: String,
    /// "ja", "nej" or "avstår".
    pub vote: String,
}

/// A reservation or a protocol note: its text and who made it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Names of the people it is made by, as printed.
    pub by: Vec<String>,
    pub text: String,
}

/// Where a page's text came from.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PageSource {
    /// Recognised by Tesseract from an image.
    Ocr,
    /// Taken from the PDF's text layer.
    TextLayer,
    /// Taken from a text file.
    TextFile,
}

/// Per-page provenance.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// 1-based page number.
    pub number: usize,
    pub source: PageSource,
    /// Mean word confidence 0..1 (OCR), null when not measured.
    pub confidence: Option<f32>,
    /// Byte offset of the page's first character in the document `text`.
    pub start: usize,
    /// Byte offset just past the page's last character in `text`.
    pub end: usize,
    /// Image width in pixels (OCR pages; text-layer pages: the page's width
    /// at `--dpi`, the unit of their boxes).
    pub width: Option<u32>,
    /// Image height in pixels (as `width`).
    pub height: Option<u32>,
    /// Deskew angle applied before OCR, degrees (OCR pages).
    pub deskew_degrees: Option<f32>,
    /// Clockwise turn (0, 90, 180, 270 degrees) applied to the page image
    /// before OCR because the page was scanned sideways or upside down
    /// (OCR pages; null when not measured). Boxes are in the turned image.
    #[serde(default)]
    pub rotation_degrees: Option<u16>,
    /// Recognised words with confidence and bounding box (OCR pages and
    /// positioned text layers), as read, before repair.
    pub words: Vec<Word>,
    /// The page's layout: blocks of lines with their role, in reading
    /// order. Running headers, footers, page numbers and non-text are kept
    /// here but left out of the document `text`.
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// What a block of the page is.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Running text of the protocol (in `text`).
    Body,
    /// Running header repeated at the top of pages (not in `text`).
    Header,
    /// Running footer repeated at the bottom of pages (not in `text`).
    Footer,
    /// A page number (not in `text`).
    PageNumber,
    /// A ruled table, read cell by cell, row by row (in `text`).
    Table,
    /// Stamps, signatures, scribbles, logos: marks that are not text (not in
    /// `text`).
    NonText,
}

/// A block of the page layout.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub role: Role,
    /// Bounding box: [left, top, width, height], in the page's pixels.
    pub bbox: [u32; 4],
    /// The block's lines, top to bottom.
    pub lines: Vec<Line>,
    /// Table blocks: rows of cells, top to bottom, left to right.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Vec<Cell>>,
}

/// One line of a block.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// The line as read (before repair).
    pub text: String,
    /// [left, top, width, height].
    pub bbox: [u32; 4],
    /// Mean word confidence 0..1 (1 for text layers).
    pub confidence: f32,
    /// The line's words as `[first, end)` indices into the page's `words`;
    /// null when words are left out (`--no-words`).
    #[serde(default)]
    pub words: Option<[usize; 2]>,
}

/// One cell of a table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// The cell's text, lines joined by a newline.
    pub text: String,
    /// [left, top, width, height] of the cell between its rules.
    pub bbox: [u32; 4],
    /// Whether the cell was read again on its own because the page-level
    /// pass found no text in it.
    #[serde(default)]
    pub reread: bool,
}

/// One word as recognised by OCR.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Word {
    pub text: String,
    /// Confidence 0..1.
    pub confidence: f32,
    /// Bounding box in image pixels: [left, top, width, height].
    pub bbox: [u32; 4],
}

/// One change made by the repair stage.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// Text before repair.
    pub original: String,
    /// Text after repair.
    pub corrected: String,
    /// 1-based page number.
    pub page: usize,
    /// Byte offset of the corrected text in the document `text`.
    pub start: usize,
    /// Byte offset just past the corrected text in `text`.
    pub end: usize,
    /// Confidence 0..1 that the change is right.
    pub confidence: f32,
    /// Why: the evidence used ("confusion é→ö", "lexicon", "context") ...
    pub evidence: String,
}

impl Document {
    /// The JSON Schema of [`Document`], as a pretty JSON string.
    pub fn json_schema() -> String {
        let schema = schemars::schema_for!(Document);
        serde_json::to_string_pretty(&schema).expect("schema serialises")
    }
}
