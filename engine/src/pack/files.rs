//! The files of a rule pack, read from a folder or given from memory (built-in packs).
//!
//! This is one of the engine's two I/O edges (the other is `input.rs`). Everything after it works
//! on the in-memory [`PackFiles`], so a built-in pack and the same pack exported to a folder go
//! through the same loading code and get the same fingerprint.

use std::collections::BTreeMap;
use std::path::Path;

use kriterium_packfiles::ErrorKind;

use crate::fingerprint;
use crate::problem::{Problem, describe_io};

/// The text files of a pack by relative path (`/`-separated), normalised to `\n` line endings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackFiles {
    origin: String,
    files: BTreeMap<String, String>,
}

impl PackFiles {
    /// Files given in memory. `origin` prefixes their names in messages, e.g. `made-in-x (built-in)`.
    pub fn from_memory<'a>(
        origin: impl Into<String>,
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        PackFiles {
            origin: origin.into(),
            files: files
                .into_iter()
                .map(|(path, text)| (path.to_string(), fingerprint::normalise_text(text)))
                .collect(),
        }
    }

    /// Reads every file below `dir` by the policy of `kriterium_packfiles` (the same walk the
    /// built-in packs were embedded with): hidden files and folders (`.git`) and symbolic links
    /// are skipped, since a pack is its own plain files, nothing it points to elsewhere; names
    /// and text must be UTF-8; files and packs have a size limit.
    ///
    /// # Errors
    /// A problem naming the folder or the file (the folder joined with its path) and what is
    /// wrong with it, in plain words.
    pub fn from_dir(dir: &Path) -> Result<Self, Problem> {
        let origin = dir.display().to_string();
        let files = kriterium_packfiles::read(dir).map_err(|e| walk_problem(&origin, &e))?;
        Ok(PackFiles {
            files: files
                .into_iter()
                .map(|(path, text)| (path, fingerprint::normalise_text(&text)))
                .collect(),
            origin,
        })
    }

    /// The text of a file, by relative path.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// Every relative path, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// How a file is named in messages: the folder (or built-in name) joined with the path.
    pub fn display(&self, path: &str) -> String {
        format!("{}/{path}", self.origin.trim_end_matches('/'))
    }

    /// Where the pack came from.
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

/// A walk's error as a problem of the file it names, shown under `origin` like every pack file.
fn walk_problem(origin: &str, error: &kriterium_packfiles::Error) -> Problem {
    let shown = match error.path() {
        "" => origin.to_string(),
        path => format!("{}/{path}", origin.trim_end_matches('/')),
    };
    let message = match error.kind() {
        ErrorKind::Io(e) => describe_io(e),
        other => other.to_string(),
    };
    Problem::in_file(shown, message)
}
