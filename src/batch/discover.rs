//! Which files a batch processes: walk the inputs, apply the globs, name
//! each file's output, keep this shard's share.
//!
//! Every input file gets a *key*: its path relative to the folder it was
//! found in (`/`-separated; for a file given directly, its file name). The
//! key names the output (`DIR/<key>.json`), orders the manifest and decides
//! the shard, so it is the same on every machine that runs the same command.

use crate::Error;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One input of a batch.
#[derive(Debug, Clone)]
pub struct Item {
    /// Relative path, `/`-separated: the manifest's `path`.
    pub key: String,
    /// Where the file is.
    pub file: PathBuf,
    /// Why it cannot be processed, found while walking (unreadable folder,
    /// output name taken by another input).
    pub error: Option<String>,
}

impl Item {
    /// Output JSON, relative to the output folder: `<key>.json`. The input's
    /// extension stays, so `a.pdf` and `a.txt` never collide.
    pub fn output(&self) -> String {
        format!("{}.json", self.key)
    }

    /// ALTO XML (`--alto`), relative to the output folder.
    pub fn alto_output(&self) -> String {
        format!("{}.alto.xml", self.key)
    }

    /// Searchable PDF (`--pdf`), relative to the output folder.
    pub fn pdf_output(&self) -> String {
        format!("{}.pdf", self.key)
    }

    /// Text sidecar (`--text`), relative to the output folder.
    pub fn text_output(&self) -> String {
        format!("{}.txt", self.key)
    }
}

/// `--shard K/N`: this process takes the inputs whose key hashes to K mod N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = |why: &str| Error::Usage(format!("'{s}'{why}"));
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| bad(" is not K/N (e.g. 0/4)"))?;
        let k: u64 = k.trim().parse().map_err(|_| bad(": K is not a number"))?;
        let n: u64 = n.trim().parse().map_err(|_| bad(": N is not a number"))?;
        if n == 0 || k >= n {
            return Err(bad(": need 0 <= K < N (K counts from 0)"));
        }
        Ok(Shard { index: k, count: n })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// Whether `key` belongs to this shard. A stable hash of the key, not
    /// the position in the list: shards stay disjoint on every machine and
    /// files keep their shard when others are added.
    pub fn owns(&self, key: &str) -> bool {
        shard_of(key, self.count) == self.index
    }
}

/// The shard (0..n) of a key.
pub fn shard_of(key: &str, n: u64) -> u64 {
    let d = Sha256::digest(key.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    u64::from_be_bytes(b) % n
}

/// Include/exclude globs, matched case-insensitively against the key
/// (`*` also matches `/`, so `*.pdf` finds PDFs at any depth).
pub struct Filter {
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Filter {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, Error> {
        let build = |pats: &[String]| -> Result<GlobSet, Error> {
            let mut b = GlobSetBuilder::new();
            for p in pats {
                b.add(glob(p)?);
            }
            b.build().map_err(|source| Error::Glob {
                pattern: pats.join(" "),
                source,
            })
        };
        Ok(Filter {
            include: if include.is_empty() {
                None
            } else {
                Some(build(include)?)
            },
            exclude: build(exclude)?,
        })
    }

    fn wants_file(&self, key: &str) -> bool {
        let name = key.rsplit('/').next().unwrap_or(key);
        let inc = match &self.include {
            None => true,
            Some(g) => g.is_match(key) || g.is_match(name),
        };
        inc && !self.excluded(key)
    }

    fn excluded(&self, key: &str) -> bool {
        let name = key.rsplit('/').next().unwrap_or(key);
        self.exclude.is_match(key) || self.exclude.is_match(name)
    }
}

fn glob(p: &str) -> Result<Glob, Error> {
    GlobBuilder::new(p)
        .case_insensitive(true)
        .build()
        .map_err(|source| Error::Glob {
            pattern: p.to_string(),
            source,
        })
}

/// Walk the inputs. Folders are walked recursively in name order, skipping
/// hidden entries (names starting with '.') and `skip_dir` (the output
/// folder, when it lies inside an input). Files given directly are always
/// taken. Items come back sorted by key; a key taken twice marks the later
/// inputs with an error, so no output is ever written by two inputs.
pub fn discover(inputs: &[PathBuf], filter: &Filter, skip_dir: Option<&Path>) -> Vec<Item> {
    let skip = skip_dir.and_then(|d| d.canonicalize().ok());
    let mut items = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input);
        if !meta.as_ref().is_ok_and(|m| m.is_dir()) {
            // A file given directly (or something missing: ingest names it).
            let key = key_part(input.file_name().unwrap_or(input.as_os_str()));
            items.push(Item {
                key,
                file: input.clone(),
                error: None,
            });
            continue;
        }
        // The input lies inside the output folder (or is it): files there
        // may be this program's outputs.
        let in_out = match (&skip, input.canonicalize()) {
            (Some(s), Ok(c)) => c.starts_with(s),
            _ => false,
        };
        let walker = walkdir::WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() == 0 {
                    return true;
                }
                if e.file_name().to_string_lossy().starts_with('.') {
                    return false;
                }
                if e.file_type().is_dir() {
                    if let (Some(s), Ok(c)) = (&skip, e.path().canonicalize()) {
                        if *s == c {
                            return false;
                        }
                    }
                    return !filter.excluded(&rel_key(input, e.path()));
                }
                true
            });
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => {
                    if in_out && is_own_output(e.path()) {
                        continue;
                    }
                    let key = rel_key(input, e.path());
                    if filter.wants_file(&key) {
                        items.push(Item {
                            key,
                            file: e.path().to_path_buf(),
                            error: None,
                        });
                    }
                }
                Err(err) => {
                    let path = err.path().unwrap_or(input).to_path_buf();
                    let reason = match err.io_error() {
                        Some(io) => crate::Error::from_io(io).to_string(),
                        None => err.to_string(),
                    };
                    let key = rel_key(input, &path);
                    items.push(Item {
                        key: if key.is_empty() {
                            key_part(input.as_os_str())
                        } else {
                            key
                        },
                        file: path.clone(),
                        error: Some(format!("cannot read {}: {reason}", path.display())),
                    });
                }
            }
        }
    }
    mark_collisions(&mut items);
    items.sort_by(|a, b| a.key.cmp(&b.key).then(a.file.cmp(&b.file)));
    items
}

/// The first input to claim a key keeps it; later ones fail with a reason
/// and get a distinct key (so the manifest still has one line each).
fn mark_collisions(items: &mut [Item]) {
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut dup_count: HashMap<String, usize> = HashMap::new();
    for it in items.iter_mut() {
        match seen.get(&it.key) {
            None => {
                seen.insert(it.key.clone(), it.file.clone());
            }
            Some(first) => {
                let n = dup_count.entry(it.key.clone()).or_insert(0);
                *n += 1;
                it.error = Some(format!(
                    "output name {}.json is already taken by {}; give the folders separately or rename",
                    it.key,
                    first.display()
                ));
                it.key = format!("{} (duplicate {})", it.key, n);
            }
        }
    }
}

/// `path` relative to `root`, `/`-separated.
fn rel_key(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| key_part(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A file name as text. Bytes that are not UTF-8 (names from old
/// encodings) become `%XX`, so names that differ only in such bytes keep
/// different keys (and outputs); valid names are unchanged.
pub fn key_part(name: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether a file found inside the output folder is one of this program's
/// own files: a manifest, a document's JSON `X.json` next to its input
/// `X`, or a `--text` sidecar `X.txt` next to `X` and `X.json`. They are
/// never inputs (a run with `--out` equal to its input folder would
/// otherwise read them on the next run, one level deeper each time).
fn is_own_output(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name == "manifest.jsonl" || (name.starts_with("manifest.") && name.ends_with(".jsonl")) {
        return true;
    }
    let sibling = |suffix: &str| {
        name.strip_suffix(suffix)
            .filter(|x| !x.is_empty())
            .map(|x| path.with_file_name(x))
    };
    if let Some(src) = sibling(".json") {
        return src.is_file();
    }
    if let Some(src) = sibling(".txt") {
        let mut json = src.clone().into_os_string();
        json.push(".json");
        return src.is_file() && Path::new(&json).is_file();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_parses_and_partitions() {
        assert_eq!(
            "1/3".parse::<Shard>().unwrap(),
            Shard { index: 1, count: 3 }
        );
        assert!("3/3".parse::<Shard>().is_err());
        assert!("1".parse::<Shard>().is_err());
        assert!("0/0".parse::<Shard>().is_err());
        let shards: Vec<Shard> = (0..3).map(|k| Shard { index: k, count: 3 }).collect();
        for i in 0..200 {
            let key = format!("dir/{i}.pdf");
            assert_eq!(shards.iter().filter(|s| s.owns(&key)).count(), 1);
        }
    }

    #[test]
    fn filter_matches_names_and_paths() {
        let f = Filter::new(&["*.pdf".into()], &["drafts".into()]).unwrap();
        assert!(f.wants_file("2021/ks.PDF"));
        assert!(!f.wants_file("2021/ks.txt"));
        assert!(f.excluded("2021/drafts"));
        assert!(!f.wants_file("x/drafts"));
    }

    #[test]
    fn names_differing_in_non_utf8_bytes_keep_distinct_keys() {
        use std::os::unix::ffi::OsStrExt;
        let a = key_part(std::ffi::OsStr::from_bytes(b"prot\xe5koll.txt"));
        let b = key_part(std::ffi::OsStr::from_bytes(b"prot\xe4koll.txt"));
        assert_eq!(a, "prot%E5koll.txt");
        assert_ne!(a, b);
        assert_eq!(
            key_part(std::ffi::OsStr::new("protokoll_ö.pdf")),
            "protokoll_ö.pdf"
        );
    }

    #[test]
    fn collisions_are_marked() {
        let mut items = vec![
            Item {
                key: "a.pdf".into(),
                file: "x/a.pdf".into(),
                error: None,
            },
            Item {
                key: "a.pdf".into(),
                file: "y/a.pdf".into(),
                error: None,
            },
        ];
        mark_collisions(&mut items);
        assert!(items[0].error.is_none());
        assert!(items[1].error.as_deref().unwrap().contains("x/a.pdf"));
        assert_ne!(items[0].key, items[1].key);
    }
}
