//! Searchable PDF.

use crate::{Document, Error};
use std::path::Path;

/// The searchable PDF of a document processed from `input`.
pub fn write(_doc: &Document, _input: &Path) -> Result<Vec<u8>, Error> {
    Err(Error::Config("--pdf is not implemented yet".into()))
}
