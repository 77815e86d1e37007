//! typst's world for one letter, held in memory: the template `letter.typ` (compiled into the
//! binary), the letter's JSON at `/letter.json`, the embedded fonts, and the decision's date as
//! "today". Any other file is not found, so a template cannot read the disk or the network.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::fonts::FONTS;

/// The layout of every letter; its text comes from `/letter.json`.
const TEMPLATE: &str = include_str!("../letter.typ");

/// Where the template reads the letter's data (`json("/letter.json")`).
const DATA_PATH: &str = "/letter.json";

/// typst's standard library, built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// One letter's world.
pub struct LetterWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
    today: Datetime,
}

impl LetterWorld {
    /// The world of a letter whose checked LetterView JSON is `data`, decided on `today`.
    pub fn new(data: &[u8], today: Datetime) -> Self {
        Self::with_template(TEMPLATE, data, today)
    }

    /// The same with another template (tests: a broken one, one that asks for `today`).
    pub fn with_template(template: &str, data: &[u8], today: Datetime) -> Self {
        let main_id = FileId::new(None, VirtualPath::new("/letter.typ"));
        LetterWorld {
            main: Source::new(main_id, template.to_owned()),
            data_id: FileId::new(None, VirtualPath::new(DATA_PATH)),
            data: Bytes::new(data.to_vec()),
            today,
        }
    }

    /// A diagnostic as one line: `letter.typ:LINE:COLUMN: message (hint: …)`, the place left out
    /// where typst gives none.
    pub fn describe(&self, diagnostic: &SourceDiagnostic) -> String {
        let place = (diagnostic.span.id() == Some(self.main.id()))
            .then(|| self.main.range(diagnostic.span))
            .flatten()
            .and_then(|range| self.main.lines().byte_to_line_column(range.start));
        let mut line = match place {
            Some((row, column)) => format!("letter.typ:{}:{}: ", row + 1, column + 1),
            None => String::new(),
        };
        line.push_str(&diagnostic.message);
        for hint in &diagnostic.hints {
            line.push_str(&format!(" (hint: {hint})"));
        }
        line
    }
}

impl World for LetterWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    /// The decision's date, whatever the offset: a letter has no other "today".
    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        Some(self.today)
    }
}
