//! Writing results: files that appear whole or not at all, and the one error that says results
//! could not be stored (exit status 3).
//!
//! Every command that writes a file (`-o FILE`, `batch --out`, `rules export`, `rules
//! definitions`, `samples generate`) reports a failed write, rename or folder creation as
//! [`CannotStore`], naming the path and the reason in plain words ("the disk is full"); `main`
//! maps it to exit status 3. Other errors (a bad argument, an unusable pack) keep status 2.

use std::fmt;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::messages::{self, Message};

/// Results could not be written or stored at `path`: the disk is full, the folder cannot be
/// written, a rename failed. Whatever was half written has been removed.
#[derive(Debug)]
pub struct CannotStore {
    /// What we tried, as a verb phrase: "write", "create the folder", "move into place".
    action: Message,
    /// Where: "`path`" in backticks, or `None` for standard output.
    place: Option<String>,
    source: io::Error,
}

impl CannotStore {
    /// `action` on `path` failed with `source`.
    pub fn new(action: Message, path: &Path, source: io::Error) -> Self {
        CannotStore {
            action,
            place: Some(path.display().to_string()),
            source,
        }
    }

    /// A failed write to standard output (redirected to a full disk, say).
    pub fn stdout(source: io::Error) -> Self {
        CannotStore {
            action: Message::ActWriteTo,
            place: None,
            source,
        }
    }

    /// A failed write of `path`.
    pub fn write(path: &Path) -> impl FnOnce(io::Error) -> Self + '_ {
        move |e| CannotStore::new(Message::ActWrite, path, e)
    }
}

impl fmt::Display for CannotStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = match &self.place {
            Some(path) => messages::quoted(path),
            None => Message::StandardOutput.text(messages::lang()).to_string(),
        };
        let text = messages::say(
            Message::CannotStore,
            &[
                ("action", self.action.text(messages::lang())),
                ("place", &place),
                ("reason", &plain_reason(&self.source)),
            ],
        );
        f.write_str(&text)
    }
}

impl std::error::Error for CannotStore {}

/// Whether `error` (or anything it was caused by) is a [`CannotStore`]: exit status 3.
pub fn is_cannot_store(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<CannotStore>().is_some()
            || cause.downcast_ref::<super::register::Unusable>().is_some()
    })
}

/// Why a write failed, in words a secretariat understands.
fn plain_reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::StorageFull => messages::say(Message::DiskFull, &[]),
        io::ErrorKind::BrokenPipe => messages::say(Message::ClosedPipe, &[]),
        io::ErrorKind::QuotaExceeded => messages::say(Message::QuotaUsed, &[]),
        io::ErrorKind::ReadOnlyFilesystem => messages::say(Message::ReadOnly, &[]),
        io::ErrorKind::PermissionDenied => messages::say(Message::PermissionDenied, &[]),
        // In the user's words (a folder, a missing file), never the system's English.
        _ => kriterium_engine::problem::Message::io(error)
            .display_in(messages::lang())
            .to_string(),
    }
}

/// The folder a path is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A file that appears under its name whole or not at all (for `-o FILE` and single files).
///
/// It is written to a temporary file in the same folder with an unpredictable name, created
/// exclusively (so a planted symbolic link is never followed), synced and renamed over the
/// target by [`OutputFile::commit`]. Dropped uncommitted, the temporary file is removed. A
/// killed run's temporary files (`.NAME.partial-XXXXXX`) are removed by the next write of the
/// same file.
///
/// A symbolic link given as the path stays a link: the file it points to is written (created
/// if the link dangles). A target that exists and is not a regular file or folder (a device
/// such as `/dev/null`, a named pipe, a socket) cannot be replaced by renaming, and must not
/// be: it is written directly, and a failed write is still a [`CannotStore`].
pub struct OutputFile {
    target: PathBuf,
    sink: Option<Sink>,
}

/// Where an [`OutputFile`] writes.
enum Sink {
    /// A temporary file beside the target, renamed over it when complete.
    Staged(BufWriter<NamedTempFile>),
    /// The target itself: a device, pipe or socket, which has no "whole or nothing".
    Direct(BufWriter<fs::File>),
}

/// How many symbolic links in a row are followed before giving up (Linux's own limit).
const MAX_LINKS: usize = 40;

impl OutputFile {
    /// Starts writing `path` (or the file a symbolic link at `path` points to).
    ///
    /// # Errors
    /// [`CannotStore`] when the folder does not take a new file (missing, unwritable, full),
    /// when a device or pipe cannot be opened, or when links point to links in a loop.
    pub fn create(path: &Path) -> Result<Self, CannotStore> {
        let target = follow_links(path).map_err(CannotStore::write(path))?;
        let special = fs::metadata(&target).is_ok_and(|m| !m.is_file() && !m.is_dir());
        if special {
            let file = fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(CannotStore::write(path))?;
            return Ok(OutputFile {
                target,
                sink: Some(Sink::Direct(BufWriter::new(file))),
            });
        }
        let folder = folder_of(&target);
        let prefix = format!(".{}.partial-", file_name(&target));
        remove_leftovers(folder, &prefix);
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix);
        // Like `File::create`: readable as the umask allows, not only by the owner (0600).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let file = builder
            .tempfile_in(folder)
            .map_err(CannotStore::write(path))?;
        Ok(OutputFile {
            target,
            sink: Some(Sink::Staged(BufWriter::new(file))),
        })
    }

    /// Flushes, syncs and renames the file into place (a device or pipe: flushes).
    ///
    /// # Errors
    /// [`CannotStore`] when the rest cannot be written or the rename fails; the temporary file
    /// is removed then and the previous file at the target, if any, is untouched.
    pub fn commit(mut self) -> Result<(), CannotStore> {
        match self.sink.take() {
            None => Ok(()),
            Some(Sink::Direct(mut writer)) => {
                writer.flush().map_err(CannotStore::write(&self.target))
            }
            Some(Sink::Staged(writer)) => {
                let file = writer
                    .into_inner()
                    .map_err(|e| CannotStore::write(&self.target)(e.into_error()))?;
                file.as_file()
                    .sync_all()
                    .map_err(CannotStore::write(&self.target))?;
                file.persist(&self.target)
                    .map_err(|e| CannotStore::write(&self.target)(e.error))?;
                sync_folder(folder_of(&self.target));
                Ok(())
            }
        }
    }
}

/// `path` with symbolic links followed to the last one's target, which need not exist (a
/// dangling link names the file to create). Not canonicalized: only links at the end matter.
///
/// # Errors
/// When a link cannot be read, or links point to links more than [`MAX_LINKS`] times.
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = fs::read_link(&current)?;
                // A relative link is relative to the folder the link is in.
                current = if to.is_absolute() {
                    to
                } else {
                    folder_of(&current).join(to)
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(
        "symbolic links point to each other in a loop",
    ))
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Some(Sink::Staged(w)) => w.write(buf),
            Some(Sink::Direct(w)) => w.write(buf),
            None => Err(io::Error::other("the file is already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Some(Sink::Staged(w)) => w.flush(),
            Some(Sink::Direct(w)) => w.flush(),
            None => Ok(()),
        }
    }
}

/// Writes `text` to standard output, control characters other than line feed and tab shown as
/// `<U+001B>` (see `terminal.rs`: a terminal would obey them).
///
/// # Errors
/// [`CannotStore`] when standard output does not take it (`print!` would panic instead).
pub fn print(text: &str) -> Result<(), CannotStore> {
    let text = kriterium_engine::text::visible(text, kriterium_engine::text::Kind::Text);
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(CannotStore::stdout)
}

/// Refuses an output file that is one of the command's own inputs (the same file, by any path or
/// link): writing it would destroy the input before it was ever used, and `-o` is given by hand.
/// An output that does not exist yet is no input. Inputs that are folders are not looked into.
///
/// # Errors
/// A usage error naming both paths, in the language of messages.
pub fn not_an_input<'a>(
    output: Option<&Path>,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> anyhow::Result<()> {
    let Some(output) = output else {
        return Ok(());
    };
    for input in inputs {
        if same_file::is_same_file(output, input).unwrap_or(false) {
            anyhow::bail!(messages::say(
                Message::OutputIsInput,
                &[
                    ("output", &messages::quoted(&output.display().to_string())),
                    ("input", &messages::quoted(&input.display().to_string())),
                ]
            ));
        }
    }
    Ok(())
}

/// Writes `text` to `path` whole or not at all.
///
/// # Errors
/// [`CannotStore`] naming `path`.
pub fn write_whole(path: &Path, text: &str) -> Result<(), CannotStore> {
    let mut file = OutputFile::create(path)?;
    file.write_all(text.as_bytes())
        .map_err(CannotStore::write(path))?;
    file.commit()
}

/// Writes `path` whole or not at all, for output too large to hold in memory: `write` fills a
/// temporary file beside it, which replaces `path` only when everything was written.
///
/// # Errors
/// [`CannotStore`] naming `path`.
pub fn write_whole_with(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<(), CannotStore> {
    let mut file = OutputFile::create(path)?;
    write(&mut file).map_err(CannotStore::write(path))?;
    file.commit()
}

/// Creates the folder `dir` with `files` (relative `/`-separated path, text) in it, all or
/// nothing: they are written into a new folder beside it, renamed to `dir` when complete.
/// `dir` must not exist or be empty; a killed run's folders (`.DIR.partial-XXXXXX`) are removed.
///
/// # Errors
/// A usage error when `dir` holds files; [`CannotStore`] when writing fails.
pub fn write_folder<'a>(
    dir: &Path,
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> anyhow::Result<()> {
    if let Ok(mut entries) = fs::read_dir(dir) {
        if entries.next().is_some() {
            anyhow::bail!(messages::say(
                Message::FolderNotEmpty,
                &[("dir", &dir.display().to_string())]
            ));
        }
    } else if dir.exists() {
        anyhow::bail!(messages::say(
            Message::FolderIsFile,
            &[("dir", &dir.display().to_string())]
        ));
    }
    let parent = folder_of(dir);
    fs::create_dir_all(parent)
        .map_err(|e| CannotStore::new(crate::messages::Message::ActCreateFolder, parent, e))?;
    let prefix = format!(".{}.partial-", file_name(dir));
    remove_leftovers(parent, &prefix);
    let staging = tempfile::Builder::new()
        .prefix(&prefix)
        .tempdir_in(parent)
        .map_err(|e| CannotStore::new(crate::messages::Message::ActCreateFolderIn, parent, e))?;
    for (path, text) in files {
        let target = staging.path().join(path);
        if let Some(folder) = target.parent() {
            fs::create_dir_all(folder).map_err(|e| {
                CannotStore::new(crate::messages::Message::ActCreateFolder, folder, e)
            })?;
        }
        fs::write(&target, text).map_err(CannotStore::write(&target))?;
    }
    if dir.exists() {
        // Empty (checked above): a rename cannot replace a folder on every system.
        fs::remove_dir(dir)
            .map_err(|e| CannotStore::new(crate::messages::Message::ActReplaceFolder, dir, e))?;
    }
    fs::rename(staging.path(), dir)
        .map_err(|e| CannotStore::new(crate::messages::Message::ActCreateFolder, dir, e))?;
    // Renamed into place: the guard must not remove the folder (`keep` only disarms it).
    let _ = staging.keep();
    sync_folder(parent);
    Ok(())
}

/// A file of a result set being staged: written straight into the staging folder (the folder
/// as a whole is made current later), buffered, every failure naming the file.
pub struct ResultFile {
    path: PathBuf,
    writer: BufWriter<fs::File>,
    /// Bytes handed to the system whose writing to disk has been started
    /// ([`ResultFile::start_writeback`]).
    started: u64,
    /// Bytes handed to the system.
    written: u64,
}

impl ResultFile {
    /// Creates `path` (in a staging folder, where nothing else writes).
    ///
    /// # Errors
    /// [`CannotStore`] naming `path`.
    pub fn create(path: &Path) -> Result<Self, CannotStore> {
        let file = fs::File::create(path).map_err(CannotStore::write(path))?;
        Ok(ResultFile {
            path: path.to_path_buf(),
            writer: BufWriter::new(file),
            started: 0,
            written: 0,
        })
    }

    /// Appends `bytes`.
    ///
    /// # Errors
    /// [`CannotStore`] naming the file.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), CannotStore> {
        self.written += bytes.len() as u64;
        self.writer
            .write_all(bytes)
            .map_err(CannotStore::write(&self.path))
    }

    /// Lets the system start writing what was written so far to disk, without waiting for it.
    /// The result set is made durable in one pass before it becomes current
    /// (`results::Staging::commit`); starting early lets the disk work while the rest is still
    /// computed, so that pass waits for less. On Linux, `POSIX_FADV_DONTNEED` on the written
    /// range starts write-back of its dirty pages (and drops pages already clean; nothing reads
    /// them again); elsewhere this only writes out the buffer.
    ///
    /// # Errors
    /// [`CannotStore`] naming the file, when the buffer cannot be written.
    pub fn start_writeback(&mut self) -> Result<(), CannotStore> {
        self.writer
            .flush()
            .map_err(CannotStore::write(&self.path))?;
        #[cfg(target_os = "linux")]
        if let Some(length) = std::num::NonZeroU64::new(self.written - self.started) {
            // Only advice: a file system that ignores it is made durable by the one pass all
            // the same.
            let _ = rustix::fs::fadvise(
                self.writer.get_ref(),
                self.started,
                Some(length),
                rustix::fs::Advice::DontNeed,
            );
        }
        self.started = self.written;
        Ok(())
    }

    /// Writes what is buffered and closes the file.
    ///
    /// # Errors
    /// [`CannotStore`] naming the file.
    pub fn finish(mut self) -> Result<(), CannotStore> {
        self.writer.flush().map_err(CannotStore::write(&self.path))
    }

    /// Writes the file `path` with `text` in one go.
    ///
    /// # Errors
    /// [`CannotStore`] naming `path`.
    pub fn write_all_at(path: &Path, text: &str) -> Result<(), CannotStore> {
        fs::write(path, text).map_err(CannotStore::write(path))
    }
}

/// The last component of `path` as text (empty when there is none, as for `..`).
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Removes the entries of `folder` whose names start with `prefix` (files or folders): what a
/// killed run left behind. Best effort: what cannot be removed now is tried again next time.
pub fn remove_leftovers(folder: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(prefix) {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => {
                    let _ = fs::remove_dir_all(&path);
                }
                _ => {
                    let _ = fs::remove_file(&path);
                }
            }
        }
    }
}

/// Makes a rename in `folder` durable (on Unix a folder's entries are synced through the
/// folder itself). Best effort: where folders cannot be opened (Windows) there is nothing to do,
/// and some file systems refuse to sync a folder (network and FUSE ones; SQLite ignores this
/// too). The files' data were synced before the rename, so a failure here can at worst let a
/// power loss undo the rename, never leave half a file.
pub fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uncommitted_file_leaves_the_old_one_and_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        {
            let mut file = OutputFile::create(&path).unwrap();
            file.write_all(b"half").unwrap();
            // Dropped without commit, as when writing fails half way.
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no partial file left"
        );
    }

    #[test]
    fn a_committed_file_replaces_the_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        let mut file = OutputFile::create(&path).unwrap();
        file.write_all(b"new ").unwrap();
        file.write_all(b"content").unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "old",
            "not visible before commit"
        );
        file.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new content");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// Regression: the temporary name was `.NAME.partial-PID`, so a symbolic link planted under
    /// it made the write go wherever the link pointed.
    #[cfg(unix)]
    #[test]
    fn a_planted_link_at_the_old_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "precious").unwrap();
        let path = dir.path().join("out.txt");
        let planted = dir
            .path()
            .join(format!(".out.txt.partial-{}", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_whole(&path, "result").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(fs::read_to_string(&path).unwrap(), "result");
    }

    #[test]
    fn a_killed_runs_temporary_file_is_removed_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(dir.path().join(".out.txt.partial-Ab12Cd"), "half").unwrap();
        write_whole(&path, "whole").unwrap();
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["out.txt"]);
    }

    #[test]
    fn a_missing_folder_is_a_storage_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("out.txt");
        let error = write_whole(&path, "x").unwrap_err();
        let text = error.to_string();
        assert!(text.starts_with("cannot write `"), "{text}");
        assert!(text.contains("no-such-folder/out.txt"), "{text}");
        assert!(text.ends_with("no such file or folder"), "{text}");
        assert!(is_cannot_store(
            &anyhow::Error::new(error).context("outer context")
        ));
    }

    /// Regression: `-o link` replaced the link itself with an ordinary file.
    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_the_file_it_points_to_is_written() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real").join("out.txt");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.txt");
        // Relative, as `ln -s real/out.txt link.txt` makes it: relative to the link's folder.
        std::os::unix::fs::symlink("real/out.txt", &link).unwrap();
        write_whole(&link, "new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        let mut names: Vec<String> = fs::read_dir(dir.path().join("real"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["out.txt"], "no temporary file left");
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_gets_the_file_it_names() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("made.txt");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_whole(&link, "made").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "made");
    }

    #[cfg(unix)]
    #[test]
    fn links_in_a_loop_are_a_storage_error() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        let error = write_whole(&a, "x").unwrap_err().to_string();
        assert!(error.contains("in a loop"), "{error}");
        assert!(fs::symlink_metadata(&a).unwrap().file_type().is_symlink());
    }

    #[test]
    fn other_errors_are_not_storage_errors() {
        assert!(!is_cannot_store(&anyhow::anyhow!("bad pack")));
    }
}
