//! Where the review file lives on disk: the kernel lock that makes one nianbao its only
//! writer, and atomic saves.
//!
//! The lock is `flock`-style (`std::fs::File::try_lock`) on `REVIEW.json.lock`, held by an
//! open file for the life of the [`Lock`]; the kernel releases it when the process ends in
//! any way (kill -9 included), so there is no stale lock to guess about and nothing is ever
//! deleted on quit. The pid written into the file is only for the message.
//!
//! A save writes a temporary file created exclusively under a random name in the target's
//! folder (never following a planted symlink), fsyncs it, renames it over the target and
//! fsyncs the folder. When `REVIEW.json` is a symbolic link, the file it points to is the one
//! replaced and the link stays. Temporary files left by a writer that died are removed by the
//! next lock holder (only the lock holder ever writes).

use super::ReviewFile;
use super::error::LockError;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// An exclusive lock on a review file, held until dropped (or the process ends).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

pub(super) fn lock_path(review_path: &Path) -> PathBuf {
    let mut s = review_path.as_os_str().to_owned();
    s.push(".lock");
    PathBuf::from(s)
}

impl Lock {
    /// Take the lock, or say who holds it.
    pub fn acquire(review_path: &Path) -> Result<Lock, LockError> {
        let path = lock_path(review_path);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|source| LockError::Io {
                path: path.clone(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let pid = holder.trim();
                // Only a pid, for the message (a bare number, whatever the file holds).
                let pid = pid
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| pid.parse().ok())
                    .flatten();
                return Err(LockError::Held {
                    review: review_path.to_path_buf(),
                    pid,
                });
            }
            Err(fs::TryLockError::Error(source)) => {
                return Err(LockError::Io { path, source });
            }
        }
        // Ours now: say who holds it, for the message another nianbao shows.
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = writeln!(file, "{}", std::process::id());
        let _ = file.sync_all();
        remove_leftovers(review_path);
        Ok(Lock { _file: file })
    }
}

/// The file a save replaces: the target of `REVIEW.json` when it is a symbolic link (so the
/// link stays a link), else the path itself.
pub fn write_target(path: &Path) -> PathBuf {
    let mut target = path.to_path_buf();
    // Follow a chain of links (bounded: a loop is written as the last link reached).
    for _ in 0..16 {
        match fs::symlink_metadata(&target) {
            Ok(m) if m.file_type().is_symlink() => match fs::read_link(&target) {
                Ok(next) => {
                    target = match target.parent() {
                        Some(dir) if next.is_relative() => dir.join(next),
                        _ => next,
                    };
                }
                Err(_) => break,
            },
            _ => break,
        }
    }
    target
}

/// The prefix of temporary files for `target` (hidden, so a folder walk passes over them).
fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map_or_else(|| "REVIEW.json".into(), |n| n.to_string_lossy());
    format!(".{name}.tmp-")
}

fn parent_dir(p: &Path) -> &Path {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Remove temporary files of writers that died before renaming (both this naming and the
/// older `REVIEW.json.tmp-<pid>`). Called only by the lock holder, the only writer.
fn remove_leftovers(review_path: &Path) {
    let target = write_target(review_path);
    let dir = parent_dir(&target);
    let new_prefix = temp_prefix(&target);
    let old_prefix = format!(
        "{}.tmp-",
        target
            .file_name()
            .map_or_else(|| "REVIEW.json".into(), |n| n.to_string_lossy())
    );
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&new_prefix) || name.starts_with(&old_prefix) {
            // remove_file never follows a link: a planted link is removed, not its target.
            let _ = fs::remove_file(e.path());
        }
    }
}

/// First half of an atomic save: the new content in a temporary file beside the target,
/// created exclusively (O_EXCL, random name) and flushed to disk. Until [`commit_temp`] the
/// target is untouched; dropping the result removes the temporary file.
pub fn write_temp(path: &Path, file: &ReviewFile) -> io::Result<tempfile::NamedTempFile> {
    let json = serde_json::to_vec_pretty(file).map_err(io::Error::other)?;
    let target = write_target(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(&target))
        .tempfile_in(parent_dir(&target))?;
    tmp.write_all(&json)?;
    tmp.write_all(b"\n")?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Second half: rename over the target (the link's target when `path` is a link) and sync
/// the folder.
pub fn commit_temp(tmp: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    let target = write_target(path);
    tmp.persist(&target).map_err(|e| e.error)?;
    if let Ok(d) = File::open(parent_dir(&target)) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_is_exclusive_while_held_and_free_after() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("REVIEW.json");
        let a = Lock::acquire(&p).unwrap();
        let why = Lock::acquire(&p).unwrap_err();
        assert!(
            matches!(&why, LockError::Held { pid: Some(pid), .. } if *pid == std::process::id()),
            "{why}"
        );
        let why = why.to_string();
        assert!(why.contains("another nianbao"), "{why}");
        assert!(
            why.contains(&format!("pid {}", std::process::id())),
            "{why}"
        );
        // An empty lock file (a holder that has not written its pid yet) is still held.
        fs::write(lock_path(&p), "").unwrap();
        assert!(Lock::acquire(&p).is_err());
        // A failed attempt does not release or delete the holder's lock.
        assert!(Lock::acquire(&p).is_err());
        drop(a);
        // The lock file stays (deleting it would let two holders lock different files).
        assert!(lock_path(&p).exists());
        // A pid file of a process that is alive but does not hold the lock is no obstacle.
        fs::write(lock_path(&p), "1\n").unwrap();
        assert!(Lock::acquire(&p).is_ok());
    }

    #[test]
    fn a_planted_symlink_at_a_temporary_name_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("REVIEW.json");
        let victim = dir.path().join("victim");
        fs::write(&victim, "keep me").unwrap();
        // The old fixed temporary names: this pid and a few around it.
        let pid = std::process::id();
        for n in pid.saturating_sub(3)..pid + 3 {
            std::os::unix::fs::symlink(&victim, dir.path().join(format!("REVIEW.json.tmp-{n}")))
                .unwrap();
        }
        let tmp = write_temp(&p, &ReviewFile::default()).unwrap();
        commit_temp(tmp, &p).unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
        assert!(fs::read_to_string(&p).unwrap().contains("\"version\""));
        // Taking the lock removes the leftovers (the links, not their target).
        let _l = Lock::acquire(&p).unwrap();
        let left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
    }

    #[test]
    fn a_symlinked_review_file_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("shared-review.json");
        fs::write(&real, "{\"version\":1,\"reports\":{}}").unwrap();
        let p = dir.path().join("REVIEW.json");
        std::os::unix::fs::symlink("shared-review.json", &p).unwrap();
        let mut f = ReviewFile::default();
        f.reports.insert("a.txt".into(), Default::default());
        commit_temp(write_temp(&p, &f).unwrap(), &p).unwrap();
        assert!(fs::symlink_metadata(&p).unwrap().file_type().is_symlink());
        assert!(fs::read_to_string(&real).unwrap().contains("a.txt"));
    }
}
