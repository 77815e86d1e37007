//! Reading inputs: application files, folders of them, JSON Lines files and standard input.
//!
//! One of the engine's two I/O edges (the other is `pack::files`). An input path becomes one or
//! more [`Input`]s, each the text of one application and where it came from; JSON Lines are read
//! a line at a time so a large file is never held in memory whole.

use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::problem::{Arg, Message, Problem, Wording};

/// Largest application text accepted, in bytes. Real applications are a few kilobytes; the cap
/// keeps one runaway line or file from taking the machine's memory.
pub const MAX_APPLICATION_BYTES: u64 = 16 * 1024 * 1024;

/// Why an application over [`MAX_APPLICATION_BYTES`] is refused, for the message.
const APPLICATION_NOTE: Wording = Wording::ApplicationSize;

/// One application's text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file as the user named it, or `<stdin>`.
    pub source: String,
    /// The line in a JSON Lines file, 1-based.
    pub line: Option<usize>,
    /// The application's JSON text.
    pub text: String,
}

impl Input {
    /// Places a problem found in this input: a JSON Lines input puts its own line on it.
    pub fn locate(&self, mut problem: Problem) -> Problem {
        if let Some(line) = self.line {
            // Within one line of JSON Lines the JSON parser's line is always 1.
            problem.line = Some(line);
            one_application_per_line(&mut problem.message);
        }
        problem
    }
}

/// Text after the application on a line of JSON Lines (a `.jsonl` file or standard input) is a
/// second application on the same line: the hint for a whole `.json` file, to name it `.jsonl`,
/// would be wrong there, so the line's own words replace it.
fn one_application_per_line(message: &mut Message) {
    if let Message::Worded(Wording::MalformedJson, values) = message {
        for (_, value) in values.iter_mut() {
            if let Arg::Said(detail) = value
                && detail.wording() == Some(Wording::TrailingAfterApplication)
            {
                *detail = Message::of(Wording::TrailingOnLine);
            }
        }
    }
}

/// How a place in the inputs is named in messages: `file`, or `file:line` in JSON Lines.
pub fn place(source: &str, line: Option<usize>) -> String {
    match line {
        Some(line) => format!("{source}:{line}"),
        None => source.to_string(),
    }
}

/// Where inputs come from, after folders are expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    /// One application in a `.json` file.
    File(PathBuf),
    /// One application per line in a `.jsonl` file.
    JsonLines(PathBuf),
    /// JSON Lines from standard input (`-`).
    Stdin,
}

/// Expands the paths given on the command line: a folder becomes every application file below
/// it, in name order (see `files_below`); `-` is standard input; a `.jsonl` file is JSON
/// Lines; anything else one file. A path that does not exist, or a folder with no application
/// files, is a problem; the other paths are still expanded.
pub fn expand(paths: &[PathBuf]) -> (Vec<InputSource>, Vec<Problem>) {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            sources.push(InputSource::Stdin);
        } else if path.is_dir() {
            if is_results_folder(path) {
                problems.push(Problem::in_file(
                    path.display().to_string(),
                    Wording::ResultsFolderGiven,
                ));
                continue;
            }
            let mut found = Vec::new();
            match files_below(path, &mut found) {
                Ok(()) if found.is_empty() => problems.push(Problem::in_file(
                    path.display().to_string(),
                    Wording::NoApplicationFiles,
                )),
                Ok(()) => {
                    found.sort_by(|a, b| source_path(a).cmp(source_path(b)));
                    sources.extend(found);
                }
                Err(e) => problems.push(Problem::in_file(
                    path.display().to_string(),
                    Message::io(&e),
                )),
            }
        } else if !path.exists() {
            problems.push(Problem::in_file(
                path.display().to_string(),
                Wording::NoSuchFile,
            ));
        } else if has_extension(path, "jsonl") {
            sources.push(InputSource::JsonLines(path.clone()));
        } else {
            sources.push(InputSource::File(path.clone()));
        }
    }
    (sources, problems)
}

/// The file a source reads (standard input sorts first).
fn source_path(source: &InputSource) -> &Path {
    match source {
        InputSource::File(path) | InputSource::JsonLines(path) => path,
        InputSource::Stdin => Path::new(""),
    }
}

/// Whether `path` ends in `.EXT`, in any case: `A.JSON` is as much JSON as `a.json`. The one
/// rule for telling a file's kind by its name (inputs, a pack's test cases).
pub(crate) fn has_extension(path: impl AsRef<Path>, ext: &str) -> bool {
    let path = path.as_ref();
    path.extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
}

/// The files at the top of every results folder a batch writes (`--out`), none of them an
/// application.
const RESULTS_FOLDER_FILES: [&str; 3] = ["decisions.jsonl", "ranking.csv", "summary.json"];

/// Whether `dir` is a results folder a batch wrote: it holds `decisions.jsonl`, `ranking.csv`
/// and `summary.json`. Its files are decisions and summaries, not applications, so a folder of
/// inputs with the results inside it (`batch apps --out apps/results`) does not read them back
/// as applications on the next run. Judged by the names alone: a summary of a large batch is
/// not read to tell.
pub fn is_results_folder(dir: &Path) -> bool {
    RESULTS_FOLDER_FILES
        .iter()
        .all(|name| dir.join(name).is_file())
}

/// Every application file below `dir`, each `.json` file (any case) as one application and each
/// `.jsonl` file as JSON Lines. Not read: hidden entries (names starting with `.`: a batch's
/// staging and previous-run folders, editors' and systems' files) and results folders
/// ([`is_results_folder`]); other files (`.md`, `.csv`, …) are not applications.
fn files_below(dir: &Path, found: &mut Vec<InputSource>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if kind.is_dir() {
            if !is_results_folder(&path) {
                files_below(&path, found)?;
            }
        } else if has_extension(&path, "json") {
            found.push(InputSource::File(path));
        } else if has_extension(&path, "jsonl") {
            found.push(InputSource::JsonLines(path));
        }
    }
    Ok(())
}

/// Reads a source, handing each application to `each` as it is read. A file that cannot be
/// read, or a line that is not UTF-8, is handed over as a problem instead.
pub fn read(source: &InputSource, each: &mut dyn FnMut(Result<Input, Problem>)) {
    match source {
        InputSource::File(path) => {
            let name = path.display().to_string();
            let input =
                read_text(path, MAX_APPLICATION_BYTES, APPLICATION_NOTE).map(|text| Input {
                    source: name,
                    line: None,
                    text,
                });
            each(input);
        }
        InputSource::JsonLines(path) => {
            let name = path.display().to_string();
            match fs::File::open(path) {
                Ok(file) => read_lines(&name, BufReader::new(file), each),
                Err(e) => each(Err(Problem::in_file(&name, Message::io(&e)))),
            }
        }
        InputSource::Stdin => read_lines("<stdin>", io::stdin().lock(), each),
    }
}

/// Reads the whole text of a file, refusing it when it holds more than `cap` bytes. The cap
/// holds for what reports no size: a pipe, a FIFO or `/dev/zero` is read at most `cap + 1`
/// bytes, never to its end. `note` says why a larger file is a mistake, for the message.
///
/// # Errors
/// A [`Problem`] on the file: it cannot be read, is larger than `cap`, or is not UTF-8.
pub fn read_text(path: &Path, cap: u64, note: Wording) -> Result<String, Problem> {
    let name = path.display().to_string();
    let file = fs::File::open(path).map_err(|e| Problem::in_file(&name, Message::io(&e)))?;
    let bytes = read_at_most(file, cap)
        .map_err(|e| Problem::in_file(&name, Message::io(&e)))?
        .ok_or_else(|| Problem::in_file(&name, too_large_message(cap, note)))?;
    String::from_utf8(bytes).map_err(|_| Problem::in_file(&name, Wording::NotUtf8))
}

/// Reads a file to its end, or `None` as soon as it has given more than `cap` bytes. The size
/// on disk is only a hint (a file can grow; a pipe, FIFO or device reports none), so the read
/// itself stops one byte past the cap: memory stays within `cap + 1` bytes whatever the file.
///
/// # Errors
/// The I/O error of opening or reading.
pub fn read_at_most(file: fs::File, cap: u64) -> io::Result<Option<Vec<u8>>> {
    let hint = file.metadata().map(|m| m.len().min(cap)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= cap).then_some(bytes))
}

/// Reads JSON Lines: one application per non-blank line.
pub fn read_lines(name: &str, reader: impl BufRead, each: &mut dyn FnMut(Result<Input, Problem>)) {
    read_lines_capped(name, reader, MAX_APPLICATION_BYTES, APPLICATION_NOTE, each);
}

/// Reads JSON Lines with lines of at most `cap` bytes: one document per non-blank line. A
/// longer line is refused after reading at most `cap + 1` bytes of it; the rest is skipped
/// without being kept, and the next line is read. `note` says why a longer line is a mistake.
pub fn read_lines_capped(
    name: &str,
    mut reader: impl BufRead,
    cap: u64,
    note: Wording,
    each: &mut dyn FnMut(Result<Input, Problem>),
) {
    let mut buffer = Vec::new();
    let mut line = 0;
    loop {
        buffer.clear();
        line += 1;
        match Read::take(&mut reader, cap.saturating_add(1)).read_until(b'\n', &mut buffer) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => {
                each(Err(Problem::in_file(name, Message::io(&e)).on_line(line)));
                return;
            }
        }
        if buffer.len() as u64 > cap && buffer.last() != Some(&b'\n') {
            // Said before the rest of the line is skipped (without keeping it), so a line
            // that never ends (a pipe from `/dev/zero`) is reported while it is being skipped.
            each(Err(
                Problem::in_file(name, too_large_message(cap, note)).on_line(line)
            ));
            if let Err(e) = skip_line(&mut reader) {
                each(Err(Problem::in_file(name, Message::io(&e)).on_line(line)));
                return;
            }
            continue;
        }
        match std::str::from_utf8(&buffer) {
            Ok(text) if text.trim().is_empty() => {}
            Ok(text) => each(Ok(Input {
                source: name.to_string(),
                line: Some(line),
                // Without its line ending, so a JSON error's column is on this line.
                text: text.trim_end_matches(['\n', '\r']).to_string(),
            })),
            Err(_) => each(Err(Problem::in_file(name, Wording::NotUtf8).on_line(line))),
        }
    }
}

/// "is larger than 16 MiB; an application is a few kilobytes": the cap, then `note`, which
/// says why such a size is a mistake.
pub fn too_large_message(cap: u64, note: Wording) -> Message {
    let size = if cap >= 1024 * 1024 && cap.is_multiple_of(1024 * 1024) {
        Message::of(Wording::SizeMiB).with("size", Arg::amount(cap / (1024 * 1024)))
    } else {
        Message::of(Wording::SizeBytes).with("size", Arg::amount(cap))
    };
    Message::of(Wording::TooLarge)
        .with("size", size)
        .with("note", note)
}

/// Reads up to and including the next line break, keeping nothing.
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let (done, used) = {
            let available = reader.fill_buf()?;
            if available.is_empty() {
                return Ok(());
            }
            match available.iter().position(|&b| b == b'\n') {
                Some(i) => (true, i + 1),
                None => (false, available.len()),
            }
        };
        reader.consume(used);
        if done {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_off_line_is_reported_at_its_own_line_and_the_column_where_it_ends() {
        // Regression: the line ending used to stay in the text, so the end-of-input error was
        // placed on the JSON's second line, column 1, instead of where the line stops.
        let mut seen = Vec::new();
        read_lines("x.jsonl", &b"{\"a\": 1,\r\n{}\n"[..], &mut |r| {
            seen.push(r.unwrap())
        });
        assert_eq!(seen[0].text, "{\"a\": 1,");
        let problem =
            seen[0].locate(crate::validation::parse_json("x.jsonl", &seen[0].text).unwrap_err());
        assert_eq!(
            (problem.line, problem.column),
            (Some(1), Some(8)),
            "{problem}"
        );
    }

    #[test]
    fn a_line_over_the_limit_is_rejected_and_the_next_one_read() {
        let mut text = vec![b'x'; MAX_APPLICATION_BYTES as usize + 10];
        text.extend_from_slice(b"\n{\"a\":1}\n");
        let mut seen = Vec::new();
        read_lines("big.jsonl", &text[..], &mut |r| {
            seen.push(r.map(|i| (i.line, i.text.len())).map_err(|p| p.to_string()))
        });
        assert_eq!(seen.len(), 2);
        assert_eq!(
            seen[0],
            Err(
                "big.jsonl:1: is larger than 16 MiB; an application is a few kilobytes".to_string()
            )
        );
        let danish = too_large_message(MAX_APPLICATION_BYTES, APPLICATION_NOTE).render("da");
        assert_eq!(
            danish,
            "er større end 16 MiB; en ansøgning fylder nogle få kilobyte"
        );
        let swedish = too_large_message(1_500, APPLICATION_NOTE).render("sv");
        assert_eq!(
            swedish,
            "är större än 1\u{a0}500 byte; en ansökan är några få kilobyte"
        );
        assert_eq!(
            seen[1],
            Ok((Some(2), 7)),
            "the text of `{{\"a\":1}}`, without its line ending"
        );
    }

    #[test]
    fn json_lines_keep_their_line_numbers_and_skip_blank_lines() {
        let bytes: &[u8] = b"{\"a\":1}\n\n{\"b\":2}\r\n\xff\n";
        let mut seen = Vec::new();
        read_lines("x.jsonl", bytes, &mut |r| {
            seen.push(
                r.map(|i| (i.line, i.text.trim().to_string()))
                    .map_err(|p| p.to_string()),
            )
        });
        assert_eq!(
            seen,
            vec![
                Ok((Some(1), "{\"a\":1}".to_string())),
                Ok((Some(3), "{\"b\":2}".to_string())),
                Err("x.jsonl:4: is not UTF-8 text".to_string()),
            ]
        );
    }
}
