//! One run at a time per output folder (and shard).
//!
//! Two runs writing one `--out` would remove each other's temporary files
//! and race on the manifest. A run holds an exclusive `flock` on
//! `DIR/.paragraf.lock` (`.paragraf.K-of-N.lock` for shard K of N, so the
//! shards of one job can share the folder); the file says which process
//! holds it. The kernel drops the lock when its holder dies, so a lock left
//! by a killed run is simply taken over. The file is removed at the end of
//! the run.

use super::discover::Shard;
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// A held lock; released (and its file removed) when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    _file: File,
}

/// The lock file's name for a run (or shard).
pub fn file_name(shard: Option<Shard>) -> String {
    match shard {
        None => ".paragraf.lock".into(),
        Some(s) => format!(".paragraf.{}-of-{}.lock", s.index, s.count),
    }
}

impl Lock {
    /// Take the lock of `out` (for `shard`), or say who holds it.
    pub fn acquire(out: &Path, shard: Option<Shard>) -> Result<Lock, crate::Error> {
        let path = out.join(file_name(shard));
        let fail = |source: std::io::Error| crate::Error::Lock {
            path: path.clone(),
            source,
        };
        for _ in 0..10 {
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(fail)?;
            // SAFETY: plain syscall on an open descriptor.
            let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
            if rc != 0 {
                let err = std::io::Error::last_os_error();
                if err.raw_os_error() != Some(libc::EWOULDBLOCK) {
                    return Err(fail(err));
                }
                let mut holder = String::new();
                let _ = (&file).take(256).read_to_string(&mut holder);
                let holder = holder.trim();
                return Err(crate::Error::Locked {
                    holder: if holder.is_empty() {
                        "PID unknown".to_string()
                    } else {
                        holder.to_string()
                    },
                    dir: out.to_path_buf(),
                });
            }
            // The previous holder may have removed the file between our open
            // and our lock: then this lock guards nothing; start again.
            let same = match (file.metadata(), std::fs::metadata(&path)) {
                (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
                _ => false,
            };
            if !same {
                continue;
            }
            file.set_len(0).map_err(fail)?;
            file.rewind().map_err(fail)?;
            write!(file, "PID {} on {}", std::process::id(), hostname()).map_err(fail)?;
            let _ = file.sync_all();
            return Ok(Lock { path, _file: file });
        }
        Err(fail(std::io::Error::other("it keeps changing")))
    }

    /// Where the lock file is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held: a run waiting to open it sees the new
        // file or none, never this one unlocked (see the inode check).
        let _ = std::fs::remove_file(&self.path);
    }
}

fn hostname() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return "unknown host".into();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_and_the_first_one_released() {
        let d = tempfile::tempdir().unwrap();
        let a = Lock::acquire(d.path(), None).unwrap();
        let e = Lock::acquire(d.path(), None).unwrap_err().to_string();
        assert!(e.contains(&format!("PID {}", std::process::id())), "{e}");
        // Another shard has its own lock.
        let s = Shard { index: 0, count: 2 };
        let b = Lock::acquire(d.path(), Some(s)).unwrap();
        drop(a);
        assert!(!d.path().join(".paragraf.lock").exists());
        let _again = Lock::acquire(d.path(), None).unwrap();
        drop(b);
    }

    #[test]
    fn a_stale_lock_file_is_taken_over() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join(".paragraf.lock"), "PID 999999 on elsewhere").unwrap();
        let l = Lock::acquire(d.path(), None).unwrap();
        let held = std::fs::read_to_string(l.path()).unwrap();
        assert!(held.contains(&std::process::id().to_string()), "{held}");
    }
}
