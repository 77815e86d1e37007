//! What can go wrong with the register, as data: the binary words it in the user's language and
//! chooses the exit status (2 for a refusal, 3 for a register that cannot be used).

use std::fmt;
use std::path::PathBuf;

/// Why a file is not a kriterium register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotARegister {
    /// It is not an SQLite database at all.
    NotADatabase,
    /// It is another program's SQLite database.
    OtherDatabase,
    /// It is empty, and the command does not create a register.
    Empty,
    /// It is a folder.
    Folder,
    /// It is not a plain file (a device such as `/dev/null`, a pipe).
    NotAFile,
    /// It is a register whose version number (`PRAGMA user_version`) does not match its tables:
    /// it was changed outside kriterium.
    Damaged,
}

/// Why a register operation did not happen. Nothing was changed in either case.
#[derive(Debug)]
pub enum Error {
    /// What was asked cannot be done in this register (a usage error: exit 2).
    Refused(Refusal),
    /// The register cannot be used at all (exit 3).
    Fault(Fault),
}

/// What was asked cannot be done; the register is as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// There is no register file at the path (only `round open` creates one).
    NoRegister { path: PathBuf },
    /// No round has this id; `known` are the ids there are.
    NoSuchRound { id: String, known: Vec<String> },
    /// A round with this id exists already.
    RoundExists { id: String },
    /// The round is closed: nothing in it can change.
    RoundClosed { id: String, closed_at: String },
    /// The round has no application with this id; `known` are the ids it has.
    NoSuchApplication {
        round: String,
        application: String,
        known: Vec<String>,
    },
    /// A grant larger than what the year has left, kr.
    MoreThanYearLeft {
        year: i64,
        left: u64,
        asked: u64,
        currency: String,
    },
    /// A grant larger than the application requested, kr.
    MoreThanRequested {
        application: String,
        requested: u64,
        asked: u64,
        currency: String,
    },
    /// A grant that, with what the same application was granted in other rounds of the year,
    /// comes to more than it requested, kr.
    GrantedElsewhere {
        application: String,
        year: i64,
        /// The other rounds' ids and what each granted.
        elsewhere: Vec<(String, u64)>,
        requested: u64,
        asked: u64,
        currency: String,
    },
    /// The application's current decision is not the one the caller expected
    /// ([`crate::Expected`]): someone recorded another since the caller read it.
    DecisionChanged {
        round: String,
        application: String,
        /// Who recorded the current decision and when; `None` when there is none.
        current: Option<(String, String)>,
    },
    /// A decision that differs from the recommendation, recorded without a reason.
    ReasonNeeded {
        /// What kriterium recommended (`fund`, `reserve`, …) and the amount it would grant.
        recommendation: String,
        recommended_amount: u64,
        currency: String,
    },
    /// The round's panel or reviews changed (another run) after the command read them and
    /// before it stored what it assessed with them: run the command again.
    ChangedMeanwhile { round: String },
    /// A round cannot be closed while applications in it have no decision.
    Undecided {
        round: String,
        count: usize,
        first: Vec<String>,
    },
    /// A round cannot be closed while applications in it await review (their current
    /// assessment's recommendation is `awaiting_review`), decided or not: a reviewed criterion
    /// without reviews has no points, so nothing can be said of them yet.
    AwaitingReview {
        round: String,
        /// The applications' ids, in the order the round received them.
        awaiting: Vec<String>,
    },
}

/// The register file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The file is not a kriterium register, for `why`.
    NotARegister { path: PathBuf, why: NotARegister },
    /// The register was made by a newer kriterium (its schema version is above ours).
    Newer {
        path: PathBuf,
        version: usize,
        known: usize,
    },
    /// The folder the register is to be created in does not exist.
    NoFolder { folder: PathBuf },
    /// A register read where its write-ahead log (`-wal`, holding its latest changes) is, but
    /// SQLite cannot set up reading it (a read-only folder without the `-shm` file).
    LogUnreadable { path: PathBuf },
    /// Another process held the register longer than the busy timeout.
    Locked { path: PathBuf },
    /// Reading or writing the file failed (disk full, no permission, a damaged file).
    Storage { path: PathBuf, detail: String },
}

impl From<Refusal> for Error {
    fn from(refusal: Refusal) -> Self {
        Error::Refused(refusal)
    }
}

impl From<Fault> for Error {
    fn from(fault: Fault) -> Self {
        Error::Fault(fault)
    }
}

impl Fault {
    /// The fault an SQLite error on the register at `path` means.
    pub fn of(path: &std::path::Path, error: &rusqlite::Error) -> Fault {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
        match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Fault::Locked { path },
            Some(ErrorCode::NotADatabase) => Fault::NotARegister {
                path,
                why: NotARegister::NotADatabase,
            },
            _ => Fault::Storage {
                path,
                detail: error.to_string(),
            },
        }
    }
}

/// English, for logs and tests; the binary words these in the user's language.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Refused(r) => write!(f, "{r:?}"),
            Error::Fault(fault) => write!(f, "{fault:?}"),
        }
    }
}

impl std::error::Error for Error {}

/// Shorthand for the register's results.
pub type Result<T> = std::result::Result<T, Error>;
