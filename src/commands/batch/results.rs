//! The results folder of a batch (`--out DIR`): always exactly one complete run, or the
//! previous one untouched.
//!
//! A run writes everything (and its spill file) into a new staging folder beside `DIR`,
//! `.DIR.staging-XXXXXX` (same parent, so renames are atomic; an unpredictable name, created
//! exclusively). When every file is written, one `syncfs` makes their data durable, then the
//! staging folder becomes `DIR`:
//!
//! - On Linux, staging and `DIR` are exchanged in one step (`renameat2` with `RENAME_EXCHANGE`):
//!   `DIR` is the previous run until that instant and the new one after it, and the staging
//!   name holds the previous run, which is removed last. A kill at any point leaves a complete
//!   `DIR`.
//! - Where the exchange is not supported (another system, a file system without it), two
//!   renames: `DIR` → `.DIR.previous-XXXXXX`, staging → `DIR`, then the previous run is
//!   removed. A kill between the two renames leaves no `DIR` but a complete `.DIR.previous-…`.
//! - When there is no `DIR` yet, one rename.
//!
//! The next run first recovers: it renames a lone `.DIR.previous-…` back to `DIR` when there is
//! no `DIR`, removes previous folders when there is one, and removes staging folders of killed
//! runs (after an exchange, that is the previous run). Two batches writing the same `DIR` at the
//! same time are not supported.
//!
//! `DIR` is replaced whole, so a run refuses a `DIR` that does not look like a results folder
//! (a `summary.json` from kriterium, and only the files a batch writes) unless it is empty: a
//! user's own files are never deleted.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use tempfile::TempDir;

use super::super::crash;
use super::super::output::{CannotStore, file_name, folder_of, remove_leftovers, sync_folder};
use crate::messages::{self, Message};

/// The files a batch writes at the top of its folder, and the one `round export` adds beside
/// them (so an export can replace an earlier one); `reports/` holds `.html` and `.md` files.
const RESULT_FILES: [&str; 8] = [
    "decisions.jsonl",
    "ranking.csv",
    "ranking.xlsx",
    "summary.json",
    "index.html",
    "portfolio.html",
    "portfolio.md",
    "group-decisions.jsonl",
];
/// The folder of per-application reports.
const REPORTS: &str = "reports";

/// A result set being written; [`Staging::commit`] makes it the current `DIR`, dropping it
/// removes everything it wrote.
pub struct Staging {
    /// The results folder (`--out`), symbolic links resolved.
    out: PathBuf,
    dir: TempDir,
    /// `.NAME.lock` beside `out`, locked for this run (see [`lock`]).
    lock: fs::File,
}

impl Staging {
    /// Recovers from a killed run, checks that `out` may be replaced, removes what killed runs
    /// left, and creates the staging folder beside `out`.
    ///
    /// # Errors
    /// A usage error when `out` is a file or holds files a batch did not write;
    /// [`CannotStore`] when the folders cannot be created or renamed.
    pub fn begin(out: &Path) -> Result<Staging> {
        Staging::begin_holding(out, Holds::Results)
    }

    /// As [`Staging::begin`], for a folder that holds `holds`: a batch's results, or a round's
    /// letters (`kriterium letters`), each recognised by its own files before it is replaced.
    ///
    /// # Errors
    /// As [`Staging::begin`].
    pub fn begin_holding(out: &Path, holds: Holds) -> Result<Staging> {
        let out = resolve(out)?;
        let parent = folder_of(&out).to_path_buf();
        let name = file_name(&out);
        fs::create_dir_all(&parent)
            .map_err(|e| CannotStore::new(crate::messages::Message::ActCreateFolder, &parent, e))?;
        let lock = lock(&out, &parent, &name)?;
        recover(&out, &parent, &name)?;
        match holds {
            Holds::Results => check_replaceable(&out)?,
            Holds::Letters => check_letters_replaceable(&out)?,
        }
        remove_leftovers(&parent, &staging_prefix(&name));
        let dir = tempfile::Builder::new()
            .prefix(&staging_prefix(&name))
            .tempdir_in(&parent)
            .map_err(|e| {
                CannotStore::new(crate::messages::Message::ActCreateFolderIn, &parent, e)
            })?;
        Ok(Staging { out, dir, lock })
    }

    /// The staging folder, where every result file is written.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Makes the staged run durable and current: afterwards `out` is this run. The previous
    /// run, moved aside, is removed by [`Replaced::remove`] (which can take minutes for
    /// 100,000 reports on a busy disk, so the caller says the results are ready first).
    ///
    /// # Errors
    /// [`CannotStore`] when syncing or a rename fails; `out` is then the previous run (put back
    /// if it had been moved aside) and the staging folder is removed.
    pub fn commit(self) -> Result<Replaced, CannotStore> {
        let out = &self.out;
        let parent = folder_of(out);
        let name = file_name(out);
        sync_files(self.path()).map_err(CannotStore::write(self.path()))?;
        crash::point("staged");
        if !out.exists() {
            fs::rename(self.path(), out)
                .map_err(|e| CannotStore::new(crate::messages::Message::ActMoveInto, out, e))?;
            return Ok(self.current(None));
        }
        if exchange(self.path(), out)
            .map_err(|e| CannotStore::new(crate::messages::Message::ActMoveInto, out, e))?
        {
            // The staging name now holds the previous run.
            let previous = self.path().to_path_buf();
            return Ok(self.current(Some(previous)));
        }
        // The previous run's name shares the staging folder's unique suffix.
        let suffix = file_name(self.path())
            .strip_prefix(&staging_prefix(&name))
            .unwrap_or_default()
            .to_string();
        let previous = parent.join(format!("{}{suffix}", previous_prefix(&name)));
        fs::rename(out, &previous)
            .map_err(|e| CannotStore::new(crate::messages::Message::ActMoveAside, out, e))?;
        crash::point("between-renames");
        if let Err(e) = fs::rename(self.path(), out) {
            let _ = fs::rename(&previous, out);
            return Err(CannotStore::new(
                crate::messages::Message::ActMoveInto,
                out,
                e,
            ));
        }
        Ok(self.current(Some(previous)))
    }

    /// After the staging folder became `out`: makes that durable; `previous` is where the
    /// previous run now is.
    fn current(self, previous: Option<PathBuf>) -> Replaced {
        // Renamed: the staging guard must not remove what is at its name now.
        let _ = self.dir.keep();
        sync_folder(folder_of(&self.out));
        crash::point("swapped");
        Replaced {
            previous,
            _lock: self.lock,
        }
    }
}

/// Locks `.NAME.lock` beside `out` for this run, so a second batch into the same folder is
/// refused instead of removing this run's staging folder as a killed run's leftover. The lock
/// is the operating system's (released when the process ends, however it ends); the empty file
/// stays.
///
/// # Errors
/// A usage error when another batch holds the lock; [`CannotStore`] when the file cannot be
/// created.
fn lock(out: &Path, parent: &Path, name: &str) -> Result<fs::File> {
    let path = parent.join(format!(".{name}.lock"));
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| CannotStore::new(crate::messages::Message::ActCreateLock, &path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => anyhow::bail!(messages::say(
            Message::Locked,
            &[("out", &out.display().to_string())]
        )),
        Err(fs::TryLockError::Error(e)) => {
            Err(CannotStore::new(crate::messages::Message::ActLock, &path, e).into())
        }
    }
}

/// Exchanges the folders `staging` and `out` in one step; `Ok(false)` when this system or file
/// system cannot (then nothing happened). Debug builds skip it when
/// `KRITERIUM_TEST_NO_EXCHANGE` is set, so the tests can cover the two renames as well.
///
/// # Errors
/// The system's error when the exchange is supported but fails (read-only, permissions).
fn exchange(staging: &Path, out: &Path) -> std::io::Result<bool> {
    #[cfg(debug_assertions)]
    if std::env::var_os("KRITERIUM_TEST_NO_EXCHANGE").is_some() {
        return Ok(false);
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(true),
            // An old kernel (ENOSYS) or a file system without exchange (EINVAL, EOPNOTSUPP).
            Err(e) if [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP].contains(&e) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let _ = (staging, out);
        Ok(false)
    }
}

/// The previous run, moved aside when the new one became current.
#[must_use = "the previous run stays beside the results until it is removed"]
pub struct Replaced {
    previous: Option<PathBuf>,
    /// The run's lock, held until the previous run is removed.
    _lock: fs::File,
}

impl Replaced {
    /// Removes the previous run. Failing only costs space: the next run tries again.
    pub fn remove(self) {
        if let Some(previous) = self.previous {
            let _ = fs::remove_dir_all(previous);
        }
    }
}

/// `.DIR.staging-`: the names of staging folders.
fn staging_prefix(name: &str) -> String {
    format!(".{name}.staging-")
}

/// `.DIR.previous-`: the names of previous runs moved aside.
fn previous_prefix(name: &str) -> String {
    format!(".{name}.previous-")
}

/// `out` with symbolic links resolved (so the link stays and its target is replaced), and with
/// a last name (`.` and `..` are resolved to the folder they mean).
fn resolve(out: &Path) -> Result<PathBuf> {
    let is_link = fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink());
    let nameless = out.file_name().is_none();
    let resolved = if is_link || nameless {
        match fs::canonicalize(out) {
            Ok(path) => path,
            Err(_) if is_link => bail!(messages::say(
                Message::DanglingLink,
                &[("out", &out.display().to_string())]
            )),
            Err(e) => {
                return Err(
                    CannotStore::new(crate::messages::Message::ActFindFolder, out, e).into(),
                );
            }
        }
    } else {
        out.to_path_buf()
    };
    if resolved.file_name().is_none() {
        bail!(messages::say(
            Message::CannotHoldResults,
            &[("out", &out.display().to_string())]
        ));
    }
    if resolved.exists() && !resolved.is_dir() {
        bail!(messages::say(
            Message::OutIsFile,
            &[("out", &out.display().to_string())]
        ));
    }
    Ok(resolved)
}

/// Puts back the previous run when a killed run left no `out` (or an empty one, made since by
/// hand) but moved it aside, and removes previous runs a completed run left (killed before it
/// removed them).
fn recover(out: &Path, parent: &Path, name: &str) -> Result<()> {
    let prefix = previous_prefix(name);
    let mut previous: Vec<PathBuf> = match fs::read_dir(parent) {
        Ok(entries) => entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .map(|e| e.path())
            .collect(),
        Err(e) => {
            return Err(
                CannotStore::new(crate::messages::Message::ActReadFolder, parent, e).into(),
            );
        }
    };
    previous.sort();
    let empty = fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_none());
    if empty && previous.len() == 1 {
        fs::remove_dir(out)
            .map_err(|e| CannotStore::new(crate::messages::Message::ActReplaceFolder, out, e))?;
    }
    if out.exists() {
        for folder in &previous {
            let _ = fs::remove_dir_all(folder);
        }
        return Ok(());
    }
    match previous.as_slice() {
        [] => Ok(()),
        [only] => {
            fs::rename(only, out)
                .map_err(|e| CannotStore::new(crate::messages::Message::ActRestore, out, e))?;
            sync_folder(parent);
            errln!(
                "{}: {}",
                Message::NotePrefix.text(messages::lang()),
                messages::say(Message::Restored, &[("out", &out.display().to_string())])
            );
            Ok(())
        }
        several => bail!(messages::say(
            Message::SeveralPrevious,
            &[
                ("out", &out.display().to_string()),
                ("n", &several.len().to_string()),
                (
                    "folders",
                    &several
                        .iter()
                        .map(|p| messages::quoted(&file_name(p)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                ("name", name),
            ]
        )),
    }
}

/// What a folder replaced whole holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// A batch's results (`summary.json`, `decisions.jsonl`, …, `reports/`).
    Results,
    /// A round's letters: `letters.json` and `.html`, `.md` and `.pdf` files.
    Letters,
}

/// The names in folder `out`, sorted; none when it does not exist.
///
/// # Errors
/// [`CannotStore`] when the folder cannot be read.
fn names_in(out: &Path) -> Result<Vec<String>> {
    let entries = match fs::read_dir(out) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(CannotStore::new(crate::messages::Message::ActReadFolder, out, e).into());
        }
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    Ok(names)
}

/// The index of a letters folder, which marks it as one.
pub const LETTERS_INDEX: &str = "letters.json";

/// Refuses to replace an `out` that is not empty and not a letters folder (a `letters.json`
/// from kriterium, and only letters beside it), naming the files `letters` did not write.
fn check_letters_replaceable(out: &Path) -> Result<()> {
    let names = names_in(out)?;
    if names.is_empty() {
        return Ok(());
    }
    let foreign: Vec<String> = names
        .into_iter()
        .filter(|n| {
            !(n == LETTERS_INDEX
                || is_leftover(n)
                || (!n.starts_with('.')
                    && (n.ends_with(".html") || n.ends_with(".md") || n.ends_with(".pdf"))))
        })
        .collect();
    refuse_unless_ours(
        out,
        &foreign,
        LETTERS_INDEX,
        [
            Message::NoLettersIndex,
            Message::ForeignLetterFiles,
            Message::NotLetters,
        ],
    )
}

/// Refuses to replace an `out` that is not empty and not a batch's results folder, naming the
/// files a batch did not write.
fn check_replaceable(out: &Path) -> Result<()> {
    let names = names_in(out)?;
    if names.is_empty() {
        return Ok(());
    }
    let mut foreign: Vec<String> = names
        .iter()
        .filter(|n| !is_result_name(n) && n.as_str() != REPORTS)
        .cloned()
        .collect();
    if names.iter().any(|n| n == REPORTS) {
        let reports = out.join(REPORTS);
        match fs::read_dir(&reports) {
            Ok(entries) => {
                let mut extra: Vec<String> = entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| !(n.ends_with(".html") || n.ends_with(".md") || is_leftover(n)))
                    .map(|n| format!("{REPORTS}/{n}"))
                    .collect();
                extra.sort();
                foreign.extend(extra);
            }
            Err(_) => foreign.push(REPORTS.to_string()),
        }
    }
    refuse_unless_ours(
        out,
        &foreign,
        "summary.json",
        [
            Message::NoSummary,
            Message::ForeignFiles,
            Message::NotResults,
        ],
    )
}

/// Accepts `out` when it holds no `foreign` files and its `marker` (`summary.json`,
/// `letters.json`) is kriterium's (it has an `engine_version`); otherwise refuses it in the
/// `words` of its kind: no marker, the foreign files (the first three and how many more), and
/// the sentence around either.
fn refuse_unless_ours(
    out: &Path,
    foreign: &[String],
    marker: &str,
    [no_marker, foreign_files, not_ours]: [Message; 3],
) -> Result<()> {
    let from_kriterium = fs::read_to_string(out.join(marker))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .is_some_and(|value| value.get("engine_version").is_some());
    if foreign.is_empty() && from_kriterium {
        return Ok(());
    }
    let why = if foreign.is_empty() {
        messages::say(no_marker, &[])
    } else {
        let mut shown: Vec<String> = foreign
            .iter()
            .take(3)
            .map(|n| messages::quoted(n))
            .collect();
        if foreign.len() > 3 {
            let more = (foreign.len() - 3).to_string();
            shown.push(messages::say(Message::AndMore, &[("n", &more)]));
        }
        messages::say(foreign_files, &[("files", &shown.join(", "))])
    };
    bail!(messages::say(
        not_ours,
        &[("out", &out.display().to_string()), ("why", &why)]
    ))
}

/// A name a batch writes at the top of its folder, or a temporary file an earlier version left.
fn is_result_name(name: &str) -> bool {
    RESULT_FILES.contains(&name) || is_leftover(name)
}

/// A temporary file of a killed run of an earlier version (spill files, `.partial` files).
fn is_leftover(name: &str) -> bool {
    name.starts_with(".decisions.spill-") || (name.starts_with('.') && name.contains(".partial-"))
}

/// Makes the data of every file in `folder` durable. Files in the staging folder are not synced
/// one by one (100,000 reports would take minutes); one pass does it before the folder is made
/// current, so a power loss can lose the new run but never mix two runs.
fn sync_files(folder: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        // One `syncfs` writes out every dirty file of the file system the folder is on.
        let dir = fs::File::open(folder)?;
        rustix::fs::syncfs(&dir)?;
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        for entry in fs::read_dir(folder)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                sync_files(&entry.path())?;
            } else {
                fs::OpenOptions::new()
                    .write(true)
                    .open(entry.path())?
                    .sync_all()?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is beside the results, the lock file that stays on purpose left out.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !(name.starts_with('.') && name.ends_with(".lock")))
            .collect();
        names.sort();
        names
    }

    fn a_run(dir: &Path, total: &str) {
        fs::create_dir_all(dir.join(REPORTS)).unwrap();
        fs::write(dir.join("summary.json"), r#"{"engine_version": "0"}"#).unwrap();
        fs::write(dir.join("decisions.jsonl"), total).unwrap();
        fs::write(dir.join(REPORTS).join("A-1.html"), total).unwrap();
    }

    #[test]
    fn a_commit_replaces_the_previous_run_and_leaves_nothing_beside_it() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("results");
        a_run(&out, "old");
        let staging = Staging::begin(&out).unwrap();
        a_run(staging.path(), "new");
        staging.commit().unwrap().remove();
        assert_eq!(names(parent.path()), ["results"]);
        assert_eq!(
            fs::read_to_string(out.join("decisions.jsonl")).unwrap(),
            "new"
        );
    }

    /// The exchange puts the previous run under the staging name, whole, until it is removed.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn after_the_exchange_the_staging_name_holds_the_previous_run_until_removed() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("results");
        a_run(&out, "old");
        let staging = Staging::begin(&out).unwrap();
        let staged = staging.path().to_path_buf();
        a_run(&staged, "new");
        let replaced = staging.commit().unwrap();
        assert_eq!(
            fs::read_to_string(out.join("decisions.jsonl")).unwrap(),
            "new"
        );
        assert_eq!(
            fs::read_to_string(staged.join("decisions.jsonl")).unwrap(),
            "old"
        );
        replaced.remove();
        assert_eq!(names(parent.path()), ["results"]);
    }

    #[test]
    fn a_dropped_staging_leaves_the_previous_run_and_no_trace() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("results");
        a_run(&out, "old");
        let staging = Staging::begin(&out).unwrap();
        a_run(staging.path(), "new");
        drop(staging);
        assert_eq!(names(parent.path()), ["results"]);
        assert_eq!(
            fs::read_to_string(out.join("decisions.jsonl")).unwrap(),
            "old"
        );
    }

    #[test]
    fn a_run_killed_between_the_renames_is_recovered_by_the_next() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("results");
        // What the kill leaves: the previous run moved aside, the new one still staged.
        a_run(&parent.path().join(".results.previous-x1"), "old");
        a_run(&parent.path().join(".results.staging-x1"), "new");
        let staging = Staging::begin(&out).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("decisions.jsonl")).unwrap(),
            "old",
            "the previous run is back before anything else"
        );
        let mut left = names(parent.path());
        left.retain(|n| n != &file_name(staging.path()));
        assert_eq!(left, ["results"], "the killed run's staging is gone");
    }

    #[test]
    fn an_empty_folder_made_after_a_kill_between_the_renames_gives_way_to_the_previous_run() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("results");
        a_run(&parent.path().join(".results.previous-x1"), "old");
        fs::create_dir(&out).unwrap();
        let staging = Staging::begin(&out).unwrap();
        drop(staging);
        assert_eq!(names(parent.path()), ["results"]);
        assert_eq!(
            fs::read_to_string(out.join("decisions.jsonl")).unwrap(),
            "old"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_the_results_stays_a_link_and_its_folder_is_replaced() {
        let parent = tempfile::tempdir().unwrap();
        let real = parent.path().join("real");
        a_run(&real, "old");
        let link = parent.path().join("results");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let staging = Staging::begin(&link).unwrap();
        a_run(staging.path(), "new");
        staging.commit().unwrap().remove();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::read_to_string(real.join("decisions.jsonl")).unwrap(),
            "new"
        );
        assert_eq!(names(parent.path()), ["real", "results"]);
    }

    #[test]
    fn a_users_folder_is_never_replaced() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("results");
        a_run(&out, "old");
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let error = Staging::begin(&out).err().unwrap().to_string();
        assert!(
            error.contains("holds files a batch does not write (`notes.txt`)"),
            "{error}"
        );
        assert_eq!(names(parent.path()), ["results"]);

        let other = parent.path().join("site");
        fs::create_dir(&other).unwrap();
        fs::write(other.join("index.html"), "my page").unwrap();
        let error = Staging::begin(&other).err().unwrap().to_string();
        assert!(
            error.contains("has no `summary.json` from kriterium"),
            "{error}"
        );
    }

    #[test]
    fn an_empty_or_missing_folder_may_be_written() {
        let parent = tempfile::tempdir().unwrap();
        let empty = parent.path().join("empty");
        fs::create_dir(&empty).unwrap();
        Staging::begin(&empty).unwrap().commit().unwrap().remove();
        Staging::begin(&parent.path().join("new/results"))
            .unwrap()
            .commit()
            .unwrap()
            .remove();
        assert!(parent.path().join("new/results").is_dir());
    }
}
