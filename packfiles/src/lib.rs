//! The files of a rule-pack folder: which ones belong to the pack, under which names, and their
//! text.
//!
//! One walk, shared by the engine (`PackFiles::from_dir`, a pack given with `--rules`) and the
//! build script (the built-in packs under `rules/`), so a pack means the same files whichever way
//! it is loaded, and a built-in pack exported to a folder loads again to the same fingerprint.
//!
//! The policy:
//! - Every plain file below the folder belongs to the pack, in sub-folders too, named by its
//!   path relative to the folder with `/` between folders (`criteria/quality.rhai`) on every
//!   system; the list is sorted by that name (byte order).
//! - Hidden entries — files and folders whose name starts with `.` (`.git`, `.DS_Store`) — are
//!   skipped, with everything inside them.
//! - Symbolic links are skipped, to files and to folders alike: a pack is its own plain files,
//!   nothing it points to elsewhere (and a link cannot make the walk go round in circles).
//!   Other special files (sockets, pipes, devices) are skipped too. The folder itself may be
//!   reached through a link.
//! - A name that is not UTF-8 is an error: it could not be shown, and two such names could
//!   end up looking the same.
//! - Text must be UTF-8; a file is at most [`MAX_FILE_BYTES`], a pack at most [`MAX_FILES`]
//!   files. Anything beyond is a mistake (a data dump copied in), refused with an error.
//!
//! Errors are plain values ([`Error`]) naming the file relative to the folder; the engine turns
//! them into its own messages, the build script prints them.

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Largest pack file, in bytes: scripts and manifests are small, so anything bigger is a mistake.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Most files a pack folder may hold.
pub const MAX_FILES: usize = 1000;

/// A file that belongs to a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackFile {
    /// Its name in the pack: the path relative to the pack folder, `/` between folders.
    pub path: String,
    /// Where it is on disk (the pack folder joined with the path).
    pub location: PathBuf,
}

impl PackFile {
    /// The file's text, read in full.
    ///
    /// # Errors
    /// The file cannot be read, is larger than [`MAX_FILE_BYTES`], or is not UTF-8 text.
    pub fn read_text(&self) -> Result<String, Error> {
        let error = |kind| Error {
            path: self.path.clone(),
            kind,
        };
        let file = fs::File::open(&self.location).map_err(|e| error(ErrorKind::Io(e)))?;
        let mut bytes = Vec::new();
        // The read holds to the cap itself: a file's size on disk is only a hint.
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| error(ErrorKind::Io(e)))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(error(ErrorKind::TooLarge));
        }
        String::from_utf8(bytes).map_err(|_| error(ErrorKind::NotUtf8Text))
    }
}

/// The files of the pack folder `dir`, sorted by [`PackFile::path`], by the policy above.
///
/// # Errors
/// `dir` is not a folder or cannot be read, a folder inside it cannot be read, a name is not
/// UTF-8, or there are more than [`MAX_FILES`] files.
pub fn list(dir: &Path) -> Result<Vec<PackFile>, Error> {
    let metadata = fs::metadata(dir).map_err(|e| Error::of_folder(ErrorKind::Io(e)))?;
    if !metadata.is_dir() {
        return Err(Error::of_folder(ErrorKind::NotAFolder));
    }
    let mut files = Vec::new();
    walk(dir, "", &mut files)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The files of the pack folder `dir` with their text: [`list`], then [`PackFile::read_text`]
/// for each, in the same order.
///
/// # Errors
/// Those of [`list`] and of [`PackFile::read_text`]; the first one met.
pub fn read(dir: &Path) -> Result<Vec<(String, String)>, Error> {
    list(dir)?
        .into_iter()
        .map(|file| {
            let text = file.read_text()?;
            Ok((file.path, text))
        })
        .collect()
}

/// Adds the files below `dir`, whose pack path is `prefix`, to `files`.
fn walk(dir: &Path, prefix: &str, files: &mut Vec<PackFile>) -> Result<(), Error> {
    let in_prefix = |kind| Error {
        path: prefix.to_string(),
        kind,
    };
    for entry in fs::read_dir(dir).map_err(|e| in_prefix(ErrorKind::Io(e)))? {
        let entry = entry.map_err(|e| in_prefix(ErrorKind::Io(e)))?;
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = match name.to_str() {
            Some(name) if prefix.is_empty() => name.to_string(),
            Some(name) => format!("{prefix}/{name}"),
            None => {
                return Err(Error {
                    path: format!("{prefix}/{}", name.to_string_lossy())
                        .trim_start_matches('/')
                        .to_string(),
                    kind: ErrorKind::NameNotUtf8,
                });
            }
        };
        // The entry's own type: a symbolic link is neither a folder nor a file here.
        let kind = entry.file_type().map_err(|e| Error {
            path: path.clone(),
            kind: ErrorKind::Io(e),
        })?;
        if kind.is_dir() {
            walk(&entry.path(), &path, files)?;
        } else if kind.is_file() {
            if files.len() >= MAX_FILES {
                return Err(Error::of_folder(ErrorKind::TooManyFiles));
            }
            files.push(PackFile {
                path,
                location: entry.path(),
            });
        }
    }
    Ok(())
}

/// Why a pack folder could not be listed or read, and which file it was about.
#[derive(Debug)]
pub struct Error {
    path: String,
    kind: ErrorKind,
}

impl Error {
    fn of_folder(kind: ErrorKind) -> Self {
        Error {
            path: String::new(),
            kind,
        }
    }

    /// The file or folder concerned, relative to the pack folder (`/` between folders); empty
    /// for the pack folder itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

/// What went wrong with a file or folder of a pack.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The system refused to open or read it.
    Io(io::Error),
    /// The pack "folder" is a file (or something else).
    NotAFolder,
    /// Its name is not UTF-8.
    NameNotUtf8,
    /// Its content is not UTF-8 text.
    NotUtf8Text,
    /// It is larger than [`MAX_FILE_BYTES`].
    TooLarge,
    /// The pack folder holds more than [`MAX_FILES`] files.
    TooManyFiles,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Io(e) => write!(f, "{e}"),
            ErrorKind::NotAFolder => {
                write!(
                    f,
                    "is not a folder; a rule pack is a folder with a `pack.toml`"
                )
            }
            ErrorKind::NameNotUtf8 => write!(
                f,
                "has a name that is not UTF-8 text; rename it with letters the pack can show"
            ),
            ErrorKind::NotUtf8Text => write!(f, "is not UTF-8 text"),
            ErrorKind::TooLarge => write!(f, "is larger than {MAX_FILE_BYTES} bytes"),
            ErrorKind::TooManyFiles => write!(f, "has more than {MAX_FILES} files"),
        }
    }
}

/// `path: what went wrong`, or only what went wrong for the pack folder itself.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.path, self.kind)
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
