//! What reaches the terminal. Text printed there comes from files, packs and scripts (a file
//! name, a rejected value, a reason a script wrote), and a terminal obeys the control characters
//! in it: an ESC sequence can re-title the window, move the cursor or hide lines. Everything
//! the command line prints therefore goes through these macros, which show every control
//! character except line feed and tab as `<U+001B>` (`kriterium_engine::text::visible`).
//!
//! Standard output may refuse what is written: it is redirected to a full disk, or piped into a
//! program that stopped reading (`| head -1`). `println!` panics then (a backtrace and "internal
//! error"). [`out!`] and [`outln!`] never panic: they write through [`stdout`], which treats a
//! failed write as `output::print` does — the results could not be written (`CannotStore`),
//! exit status 3 with one plain line on standard error. A closed pipe is no exception: the
//! output is incomplete, and a script checking the status must not take it for a complete run.

use std::io::{self, Write};

/// `println!` with control characters made visible; a failed write ends the run with exit
/// status 3 (see [`stdout`]).
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::terminal::stdout(&(kriterium_engine::text::visible(&format!($($arg)*), kriterium_engine::text::Kind::Text) + "\n"))
    };
}

/// `print!` with control characters made visible; a failed write ends the run with exit
/// status 3 (see [`stdout`]).
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::terminal::stdout(&kriterium_engine::text::visible(&format!($($arg)*), kriterium_engine::text::Kind::Text))
    };
}

/// `eprintln!` with control characters made visible.
macro_rules! errln {
    ($($arg:tt)*) => {
        eprintln!("{}", kriterium_engine::text::visible(&format!($($arg)*), kriterium_engine::text::Kind::Text))
    };
}

/// Writes `text` (already made visible) to standard output and flushes it, so a refused write
/// is seen here and not when the process exits (where it would be ignored).
///
/// When standard output does not take it, says so on standard error ("cannot write to standard
/// output: the disk is full") and ends the process with exit status 3, as `main` does for a
/// `CannotStore` error. The macros are used where no error can be returned, hence the exit from
/// whichever thread prints. That is safe: a results folder or `-o` file being written is
/// staged under a hidden temporary name that the next run of the same command removes
/// (`output::remove_leftovers`, `batch::results`), so nothing half written is ever taken for a
/// result; the lock on standard output is released first, so the exit does not wait for it.
pub fn stdout(text: &str) {
    let written = {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes()).and_then(|()| out.flush())
    };
    if let Err(e) = written {
        errln!("error: {}", crate::commands::CannotStore::stdout(e));
        std::process::exit(3);
    }
}
