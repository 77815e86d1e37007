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

/// `println!` with control characters made visible; a failed write ends the run with exit
/// status 3 (see [`stdout`]).
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::terminal::stdout(&(format!($($arg)*) + "\n"))
    };
}

/// `outln!` into a `String` instead (a command's core that returns its report for the CLI to
/// print and the web app to show).
macro_rules! textln {
    ($text:expr, $($arg:tt)*) => {{
        $text.push_str(&format!($($arg)*));
        $text.push('\n');
    }};
}

/// `print!` with control characters made visible; a failed write ends the run with exit
/// status 3 (see [`stdout`]).
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::terminal::stdout(&format!($($arg)*))
    };
}

/// `eprintln!` with control characters made visible; a failed write is ignored (see
/// [`stderr`]).
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::terminal::stderr(&(format!($($arg)*) + "\n"))
    };
}

/// Writes `text` to standard error with control characters made visible. `eprintln!` panics
/// when standard error refuses the write (`2>&1 | head -1` closes the pipe): the run ended with
/// exit status 101 and "internal error" although its results were complete. There is nowhere
/// left to say that standard error failed, so the write is let go; the exit status still tells
/// how the run ended.
pub fn stderr(text: &str) {
    use std::io::Write;
    let shown = kriterium_engine::text::visible(text, kriterium_engine::text::Kind::Text);
    let _ = std::io::stderr().lock().write_all(shown.as_bytes());
}

/// Writes `text` to standard output through `output::print`, the one writer of standard output
/// (control characters made visible, flushed so a refused write is seen here and not when the
/// process exits, where it would be ignored).
///
/// When standard output does not take it, says so on standard error ("cannot write to standard
/// output: the disk is full") and ends the process with exit status 3, as `main` does for a
/// `CannotStore` error. The macros are used where no error can be returned, hence the exit from
/// whichever thread prints. That is safe: a results folder or `-o` file being written is
/// staged under a hidden temporary name that the next run of the same command removes
/// (`output::remove_leftovers`, `batch::results`), so nothing half written is ever taken for a
/// result; `print` releases its lock on standard output before returning.
pub fn stdout(text: &str) {
    if let Err(e) = crate::commands::print(text) {
        errln!(
            "{}: {e}",
            crate::messages::Message::ErrorPrefix.text(crate::messages::lang())
        );
        std::process::exit(3);
    }
}
