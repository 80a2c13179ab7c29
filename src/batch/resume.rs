//! Skipping done work and cleaning up after killed runs.
//!
//! A document is up to date when its output JSON exists and records the
//! same input hash (`source.sha256`) and the same settings
//! (`generator.settings_hash`) as this run. Outputs are only ever renamed
//! into place whole, so an existing output is a complete one.

use serde::de::IgnoredAny;
use serde::Deserialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The few fields of an output JSON that resume needs.
#[derive(Deserialize)]
struct Head {
    generator: HeadGenerator,
    source: HeadSource,
    corrections: Vec<IgnoredAny>,
    warnings: Vec<IgnoredAny>,
}

#[derive(Deserialize)]
struct HeadGenerator {
    settings_hash: String,
}

#[derive(Deserialize)]
struct HeadSource {
    sha256: String,
    pages: usize,
    format: crate::model::SourceFormat,
}

/// Counts of an up-to-date output, for its manifest line.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    pub pages: usize,
    pub corrections: usize,
    pub warnings: usize,
    /// The input was a text file (it has no searchable PDF).
    pub text_input: bool,
}

/// `Some` when `output` exists, parses and matches `sha256` and
/// `settings_hash`.
pub fn up_to_date(output: &Path, sha256: &str, settings_hash: &str) -> Option<Done> {
    let bytes = std::fs::read(output).ok()?;
    let head: Head = serde_json::from_slice(&bytes).ok()?;
    (head.source.sha256 == sha256 && head.generator.settings_hash == settings_hash).then_some(
        Done {
            pages: head.source.pages,
            corrections: head.corrections.len(),
            warnings: head.warnings.len(),
            text_input: head.source.format == crate::model::SourceFormat::Text,
        },
    )
}

/// Remove temporary files that killed runs left behind for outputs this
/// run owns (`.NAME.PID.tmp` next to `NAME`, see
/// [`crate::cli::write_atomic`]). Files of other shards, which may be
/// running right now on other machines, are left alone. Returns how many
/// were removed.
pub fn clean_temporaries(out_dir: &Path, owned: &HashSet<String>) -> usize {
    let mut removed = 0;
    let walker = walkdir::WalkDir::new(out_dir)
        .into_iter()
        .filter_map(Result::ok);
    for e in walker {
        if !e.file_type().is_file() {
            continue;
        }
        let name = e.file_name().to_string_lossy();
        let Some(target) = tmp_target(&name) else {
            continue;
        };
        let rel = e
            .path()
            .parent()
            .and_then(|p| p.strip_prefix(out_dir).ok())
            .map(|p| p.join(target))
            .unwrap_or_else(|| PathBuf::from(target));
        let key = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if owned.contains(&key) && std::fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// `.NAME.PID.tmp` → `NAME`.
fn tmp_target(file: &str) -> Option<&str> {
    let inner = file.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (name, pid) = inner.rsplit_once('.')?;
    (!name.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tmp_names() {
        assert_eq!(tmp_target(".a.pdf.json.123.tmp"), Some("a.pdf.json"));
        assert_eq!(tmp_target(".a.pdf.json.tmp"), None);
        assert_eq!(tmp_target("a.json.1.tmp"), None);
    }

    #[test]
    fn cleans_only_owned_temporaries() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("sub")).unwrap();
        let mine = d.path().join("sub/.x.pdf.json.42.tmp");
        let theirs = d.path().join("sub/.y.pdf.json.42.tmp");
        std::fs::write(&mine, "{").unwrap();
        std::fs::write(&theirs, "{").unwrap();
        let owned: HashSet<String> = ["sub/x.pdf.json".to_string()].into();
        assert_eq!(clean_temporaries(d.path(), &owned), 1);
        assert!(!mine.exists());
        assert!(theirs.exists());
    }
}
