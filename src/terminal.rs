//! What reaches the terminal. Text printed there comes from files, packs and scripts (a file
//! name, a rejected value, a reason a script wrote), and a terminal obeys the control characters
//! in it: an ESC sequence can re-title the window, move the cursor or hide lines. Everything
//! the command line prints therefore goes through these macros, which show every control
//! character except line feed and tab as `<U+001B>` (`kriterium_engine::text::visible`).

/// `println!` with control characters made visible.
macro_rules! outln {
    ($($arg:tt)*) => {
        println!("{}", kriterium_engine::text::visible(&format!($($arg)*), kriterium_engine::text::Kind::Text))
    };
}

/// `print!` with control characters made visible.
macro_rules! out {
    ($($arg:tt)*) => {
        print!("{}", kriterium_engine::text::visible(&format!($($arg)*), kriterium_engine::text::Kind::Text))
    };
}

/// `eprintln!` with control characters made visible.
macro_rules! errln {
    ($($arg:tt)*) => {
        eprintln!("{}", kriterium_engine::text::visible(&format!($($arg)*), kriterium_engine::text::Kind::Text))
    };
}
