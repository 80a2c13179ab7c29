//! The manifest: one JSON line per input, sorted by path.
//!
//! An unsharded run writes `DIR/manifest.jsonl`; shard K of N writes
//! `DIR/manifest.K-of-N.jsonl`, so machines sharing one output folder never
//! write the same file. [`merge`] combines the shard manifests. Manifests
//! are always written whole and atomically.

use super::discover::Shard;
use crate::cli::write_atomic;
use crate::Error;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Processed now; output written.
    Ok,
    /// Not processed: see `reason`.
    Failed,
    /// Output already up to date (same input hash, same settings).
    Skipped,
}

/// One manifest line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Input path relative to the folder it was found in (a file given
    /// directly: its name). Also the document's `source.path`.
    pub path: String,
    /// Where the input was read from, as walked.
    pub input: String,
    /// SHA-256 of the input, when it could be read.
    pub sha256: Option<String>,
    pub status: Status,
    /// Why it failed or was skipped; null when ok.
    pub reason: Option<String>,
    /// Output JSON relative to the output folder; null when nothing was
    /// written (failed, or `--format jsonl` without `--out`).
    pub output: Option<String>,
    /// Text sidecar (`--text`) relative to the output folder.
    pub text: Option<String>,
    /// ALTO XML (`--alto`) relative to the output folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alto: Option<String>,
    /// Searchable PDF (`--pdf`) relative to the output folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf: Option<String>,
    pub pages: Option<usize>,
    /// Wall-clock seconds spent on this input in this run.
    pub seconds: f64,
    pub corrections: Option<usize>,
    pub warnings: Option<usize>,
    /// `generator.settings_hash` of the output.
    pub settings_hash: Option<String>,
}

impl Record {
    /// A record with nothing known yet but where the input is.
    /// A done input (processed or up to date): its status, output names
    /// (when written) and the counts of its document. `sha256` is the
    /// summary's.
    pub fn fill(
        &mut self,
        status: Status,
        item: &super::discover::Item,
        json: bool,
        text: bool,
        sum: &super::worker::Summary,
    ) {
        self.status = status;
        self.output = json.then(|| item.output());
        self.text = text.then(|| item.text_output());
        self.sha256 = Some(sum.sha256.clone());
        self.pages = Some(sum.pages);
        self.corrections = Some(sum.corrections);
        self.warnings = Some(sum.warnings);
        self.settings_hash = Some(sum.settings_hash.clone());
    }

    pub fn new(path: String, input: String, status: Status) -> Self {
        Record {
            path,
            input,
            sha256: None,
            status,
            reason: None,
            output: None,
            text: None,
            alto: None,
            pdf: None,
            pages: None,
            seconds: 0.0,
            corrections: None,
            warnings: None,
            settings_hash: None,
        }
    }
}

/// File name of the manifest of a run.
pub fn file_name(shard: Option<Shard>) -> String {
    match shard {
        None => "manifest.jsonl".into(),
        Some(s) => format!("manifest.{}-of-{}.jsonl", s.index, s.count),
    }
}

/// Serialise records, sorted by path, one per line.
pub fn to_jsonl(records: &mut [Record]) -> String {
    records.sort_by(|a, b| a.path.cmp(&b.path));
    let mut s = String::new();
    for r in records.iter() {
        s.push_str(&serde_json::to_string(r).expect("records serialise"));
        s.push('\n');
    }
    s
}

/// Write a manifest atomically.
pub fn write(path: &Path, records: &mut [Record]) -> Result<(), Error> {
    write_atomic(path, to_jsonl(records).as_bytes())
}

/// Read a manifest.
pub fn read(path: &Path) -> Result<Vec<Record>, Error> {
    let fail = |at: String, reason: String| Error::Manifest { at, reason };
    let text = std::fs::read_to_string(path)
        .map_err(|e| fail(path.display().to_string(), e.to_string()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .map_err(|e| fail(format!("{}:{}", path.display(), i + 1), e.to_string()))
        })
        .collect()
}

/// The shard manifests (`manifest.K-of-N.jsonl`) in a folder, with K and N.
pub fn shard_files(dir: &Path) -> Result<Vec<(PathBuf, Shard)>, Error> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::Manifest {
        at: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    let mut v = Vec::new();
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(mid) = name
            .strip_prefix("manifest.")
            .and_then(|r| r.strip_suffix(".jsonl"))
        else {
            continue;
        };
        let Some((k, n)) = mid.split_once("-of-") else {
            continue;
        };
        if let (Ok(k), Ok(n)) = (k.parse::<u64>(), n.parse::<u64>()) {
            if n > 0 && k < n {
                v.push((e.path(), Shard { index: k, count: n }));
            }
        }
    }
    v.sort_by_key(|(_, s)| (s.count, s.index));
    Ok(v)
}

/// How many missing shard manifests a merge names one by one.
const MAX_MISSING_NAMED: u64 = 20;

/// Result of a merge.
#[derive(Debug)]
pub struct Merged {
    pub records: usize,
    pub failed: usize,
    /// Shard files that were expected (same N) but not found.
    pub missing: Vec<String>,
    /// Inputs found in more than one shard manifest.
    pub duplicates: usize,
}

/// Combine `DIR/manifest.*-of-*.jsonl` into `out` (default
/// `DIR/manifest.jsonl`): deduplicated by path (the record from the most
/// recently written shard manifest wins), sorted by path.
pub fn merge(dir: &Path, out: Option<&Path>) -> Result<Merged, Error> {
    let mut files = shard_files(dir)?;
    if files.is_empty() {
        return Err(Error::Usage(format!(
            "no shard manifests (manifest.K-of-N.jsonl) in {}",
            dir.display()
        )));
    }
    let mut missing = Vec::new();
    let mut counts: Vec<u64> = files.iter().map(|(_, s)| s.count).collect();
    counts.dedup();
    for n in counts {
        let present: std::collections::BTreeSet<u64> = files
            .iter()
            .filter(|(_, s)| s.count == n)
            .map(|(_, s)| s.index)
            .collect();
        // N comes from a file name: name the first few missing shards and
        // count the rest, never loop over an absurd N.
        let absent = n - present.len() as u64;
        let mut named = 0u64;
        let mut k = 0u64;
        while k < n && named < MAX_MISSING_NAMED && named < absent {
            if !present.contains(&k) {
                missing.push(file_name(Some(Shard { index: k, count: n })));
                named += 1;
            }
            k += 1;
        }
        if absent > named {
            missing.push(format!(
                "{} more of manifest.K-of-{n}.jsonl",
                absent - named
            ));
        }
    }
    // Oldest first, so newer records overwrite older ones.
    files.sort_by_key(|(p, s)| {
        let t = std::fs::metadata(p).and_then(|m| m.modified()).ok();
        (t, s.count, s.index)
    });
    let mut by_path: BTreeMap<String, Record> = BTreeMap::new();
    let mut duplicates = 0;
    for (p, _) in &files {
        for r in read(p)? {
            if by_path.insert(r.path.clone(), r).is_some() {
                duplicates += 1;
            }
        }
    }
    let mut records: Vec<Record> = by_path.into_values().collect();
    let failed = records
        .iter()
        .filter(|r| r.status == Status::Failed)
        .count();
    let target = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dir.join(file_name(None)));
    write(&target, &mut records)?;
    Ok(Merged {
        records: records.len(),
        failed,
        missing,
        duplicates,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(path: &str, status: Status) -> Record {
        Record::new(path.into(), path.into(), status)
    }

    #[test]
    fn merge_dedups_sorts_and_reports_missing() {
        let d = tempfile::tempdir().unwrap();
        write(
            &d.path().join("manifest.0-of-3.jsonl"),
            &mut [rec("b", Status::Ok), rec("a", Status::Failed)],
        )
        .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write(
            &d.path().join("manifest.2-of-3.jsonl"),
            &mut [rec("a", Status::Ok), rec("c", Status::Skipped)],
        )
        .unwrap();
        let m = merge(d.path(), None).unwrap();
        assert_eq!(m.records, 3);
        assert_eq!(m.duplicates, 1);
        assert_eq!(m.failed, 0, "the newer record for a wins");
        assert_eq!(m.missing, vec!["manifest.1-of-3.jsonl".to_string()]);
        let all = read(&d.path().join("manifest.jsonl")).unwrap();
        let paths: Vec<&str> = all.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["a", "b", "c"]);
    }

    #[test]
    fn an_absurd_shard_count_is_counted_not_listed() {
        let d = tempfile::tempdir().unwrap();
        write(
            &d.path().join("manifest.0-of-99999999999.jsonl"),
            &mut [rec("a", Status::Ok)],
        )
        .unwrap();
        let t = std::time::Instant::now();
        let m = merge(d.path(), None).unwrap();
        assert!(t.elapsed().as_secs() < 5);
        assert_eq!(m.records, 1);
        assert_eq!(m.missing.len() as u64, MAX_MISSING_NAMED + 1);
        assert_eq!(m.missing[0], "manifest.1-of-99999999999.jsonl");
        assert!(m.missing.last().unwrap().starts_with("99999999978 more"));
    }
}
