//! The files of a rule pack, read from a folder or given from memory (built-in packs).
//!
//! This is one of the engine's two I/O edges (the other is `input.rs`). Everything after it works
//! on the in-memory [`PackFiles`], so a built-in pack and the same pack exported to a folder go
//! through the same loading code and get the same fingerprint.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::fingerprint;
use crate::input;
use crate::problem::{Problem, describe_io};

/// Largest pack file we read: scripts and manifests are small, so anything bigger is a mistake.
const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Most files a pack folder may hold.
const MAX_FILES: usize = 1000;

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

    /// Reads every file below `dir`. Hidden files and folders (`.git`) and symbolic links are
    /// skipped: a pack is its own plain files, nothing it points to elsewhere.
    pub fn from_dir(dir: &Path) -> Result<Self, Problem> {
        let origin = dir.display().to_string();
        let metadata = fs::metadata(dir).map_err(|e| Problem::in_file(&origin, describe_io(&e)))?;
        if !metadata.is_dir() {
            return Err(Problem::in_file(
                &origin,
                "is not a folder; a rule pack is a folder with a `pack.toml`",
            ));
        }
        let mut files = BTreeMap::new();
        read_dir_into(dir, "", &origin, &mut files)?;
        Ok(PackFiles { origin, files })
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

fn read_dir_into(
    dir: &Path,
    prefix: &str,
    origin: &str,
    files: &mut BTreeMap<String, String>,
) -> Result<(), Problem> {
    let shown = |rel: &str| format!("{}/{rel}", origin.trim_end_matches('/'));
    let entries =
        fs::read_dir(dir).map_err(|e| Problem::in_file(shown(prefix), describe_io(&e)))?;
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let kind = entry
            .file_type()
            .map_err(|e| Problem::in_file(shown(&rel), describe_io(&e)))?;
        if kind.is_dir() {
            read_dir_into(&entry.path(), &rel, origin, files)?;
        } else if kind.is_file() {
            if files.len() >= MAX_FILES {
                return Err(Problem::in_file(
                    origin,
                    format!("has more than {MAX_FILES} files"),
                ));
            }
            // The read holds to the cap itself: a file's size on disk is only a hint.
            let too_large = || {
                Problem::in_file(
                    shown(&rel),
                    format!("is larger than {MAX_FILE_BYTES} bytes"),
                )
            };
            let bytes = fs::File::open(entry.path())
                .and_then(|file| input::read_at_most(file, MAX_FILE_BYTES))
                .map_err(|e| Problem::in_file(shown(&rel), describe_io(&e)))?
                .ok_or_else(too_large)?;
            let text = String::from_utf8(bytes)
                .map_err(|_| Problem::in_file(shown(&rel), "is not UTF-8 text"))?;
            files.insert(rel, fingerprint::normalise_text(&text));
        }
    }
    Ok(())
}
