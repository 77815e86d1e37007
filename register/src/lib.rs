//! The register: a funding round's memory in one SQLite file (`kriterium.sqlite` by default).
//!
//! It keeps which rounds were held and under which pack (a snapshot of every file), every
//! application of a round with its assessment, and what the group decided — every version of a
//! decision, with when and by whom, and who stood aside. It stores and checks; it does not
//! assess: the binary assesses with the engine and hands the results here, and `register verify`
//! re-assesses what this crate gives back.
//!
//! Every operation that changes the register runs in one `BEGIN IMMEDIATE` transaction: killed at
//! any point, the register is as before or as after. WAL mode lets readers go on while one
//! process writes; a busy timeout ([`BUSY_TIMEOUT`]) makes a second writer wait its turn instead
//! of failing. Errors are data ([`Error`]): the binary words them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

mod applications;
mod audit;
mod decisions;
mod error;
pub mod ledger;
mod panels;
mod reviews;
mod rounds;
mod schema;

pub use applications::{Added, Conflict, NewApplication, StoredApplication};
pub use audit::LedgerCheck;
pub use decisions::{DecisionRecord, Expected, NewDecision, Outcome};
pub use error::{Error, Fault, NotARegister, Refusal, Result};
pub use panels::PanelRecord;
pub use reviews::{AssessmentVersion, Basis, NewReview, ReviewEntry, StoredReview, Versions};
pub use rounds::{Closing, NewRound, Round, YearMoney};

/// How long a command waits for another process that is writing to the register before it gives
/// up (and says the register is in use). A `round add` of 100,000 applications holds the write
/// lock for a few seconds (BENCHMARKS.md), well inside it.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// What a command does with the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Writes, and creates the file (and its tables) if it is not there: `round open`.
    Create,
    /// Writes; refuses when there is no register, so a mistyped path does not leave an empty
    /// register behind: `round add`, `decide`, `round close`.
    Write,
    /// Only reads: `round show`, `round list`, `round export`, `register verify`. Works on a
    /// register the user may not write (an archived, read-only copy).
    Read,
}

/// An open register.
pub struct Register {
    conn: Connection,
    path: PathBuf,
    /// Who the changes are recorded as made by (the operating system's user name).
    user: String,
    /// Called with the operation's name (`open`, `add`, `decide`, `close`) just before each
    /// transaction commits: the binary's tests stop the process there, to show that a command
    /// killed at its last moment leaves the register as it was.
    before_commit: fn(&str),
    /// The register's version (`PRAGMA user_version`) once opened: a register of version 1
    /// opened only for reading has no panel, reviews or later assessment versions, and is read
    /// as it is.
    version: usize,
}

impl Register {
    /// Opens the register at `path`, bringing its tables up to this version.
    ///
    /// # Errors
    /// [`Refusal::NoRegister`] when there is no file and `access` is not [`Access::Create`];
    /// [`Fault::NotARegister`] for a file that is not a kriterium register (another database,
    /// any other file, or an empty file that is not to be created); [`Fault::Newer`] for a
    /// register of a newer kriterium; [`Fault::Locked`] when another process holds it longer
    /// than [`BUSY_TIMEOUT`]; [`Fault::Storage`] when it cannot be read or written.
    pub fn open(path: &Path, access: Access, user: &str) -> Result<Register> {
        let exists = path.exists();
        if let Ok(metadata) = std::fs::metadata(path) {
            let why = if metadata.is_dir() {
                Some(NotARegister::Folder)
            } else if !metadata.is_file() {
                Some(NotARegister::NotAFile)
            } else {
                None
            };
            if let Some(why) = why {
                return Err(Fault::NotARegister {
                    path: path.to_path_buf(),
                    why,
                }
                .into());
            }
        }
        if !exists && access == Access::Create {
            let folder = match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            };
            if !folder.is_dir() {
                return Err(Fault::NoFolder {
                    folder: folder.to_path_buf(),
                }
                .into());
            }
        }
        if !exists && access != Access::Create {
            return Err(Refusal::NoRegister {
                path: path.to_path_buf(),
            }
            .into());
        }
        let flags = OpenFlags::SQLITE_OPEN_NO_MUTEX
            | match access {
                Access::Create => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
                Access::Write => OpenFlags::SQLITE_OPEN_READ_WRITE,
                Access::Read => OpenFlags::SQLITE_OPEN_READ_ONLY,
            };
        let fault = fault_at(path);
        let mut conn = Connection::open_with_flags(path, flags).map_err(fault)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(fault)?;
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        let (application_id, version, tables) = match identify(&conn) {
            Ok(found) => found,
            // Reading a register in WAL mode needs its `-shm` file, which a read-only folder
            // (an archived copy) does not let SQLite create. Such a copy is read as it is.
            Err(e) if access == Access::Read && cannot_share(&e) => {
                // Read as an unchanging file only when there is no log of changes beside it:
                // reading past its log would show an older register as if it were whole.
                let mut log = path.as_os_str().to_owned();
                log.push("-wal");
                if std::fs::metadata(&log).is_ok_and(|m| m.len() > 0) {
                    return Err(Fault::LogUnreadable {
                        path: path.to_path_buf(),
                    }
                    .into());
                }
                conn = open_immutable(path).map_err(fault)?;
                identify(&conn).map_err(fault)?
            }
            Err(e) => return Err(fault(e)),
        };
        let fresh = application_id == 0 && tables == 0 && version == 0;
        let not_a_register = |why| {
            Error::Fault(Fault::NotARegister {
                path: path.to_path_buf(),
                why,
            })
        };
        if fresh && access != Access::Create {
            return Err(not_a_register(NotARegister::Empty));
        }
        if !fresh && application_id != schema::APPLICATION_ID {
            return Err(not_a_register(NotARegister::OtherDatabase));
        }
        // Our tables with no version: someone set `user_version` back by hand. Migrating would
        // try to create the tables again.
        if application_id == schema::APPLICATION_ID && version == 0 && tables > 0 {
            return Err(not_a_register(NotARegister::Damaged));
        }
        if version > schema::latest() {
            return Err(Fault::Newer {
                path: path.to_path_buf(),
                version,
                known: schema::latest(),
            }
            .into());
        }
        if access == Access::Read {
            // Nothing to set up for reading, and nothing may be written: a register of an
            // older version is read as it is: what a later version added is read as empty.
            return Ok(Register {
                conn,
                path: path.to_path_buf(),
                user: user.to_string(),
                before_commit: |_| {},
                version,
            });
        }
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(fault)?;
        // A register holds decisions on public money: every commit reaches the disk.
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(fault)?;
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
            .map_err(fault)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Fault::Storage {
                path: path.to_path_buf(),
                detail: format!("the register cannot be put in WAL mode (it is in {mode} mode)"),
            }
            .into());
        }
        if version < schema::latest() {
            migrate(&mut conn, path)?;
        }
        Ok(Register {
            conn,
            path: path.to_path_buf(),
            user: user.to_string(),
            before_commit: |_| {},
            version: schema::latest(),
        })
    }

    /// Sets what is called just before each of this register's transactions commits, with the
    /// operation's name (`open`, `add`, `decide`, `close`).
    pub fn before_commit(&mut self, hook: fn(&str)) {
        self.before_commit = hook;
    }

    /// Sets how long this register's commands wait for another writer before giving up with
    /// [`Fault::Locked`] (instead of [`BUSY_TIMEOUT`]). For the binary's tests, which show a
    /// locked register refused without waiting half a minute.
    ///
    /// # Errors
    /// [`Fault::Storage`] when SQLite refuses the setting.
    pub fn set_busy_timeout(&mut self, wait: Duration) -> Result<()> {
        self.conn.busy_timeout(wait).map_err(|e| self.fault(e))
    }

    /// The language of the round opened last, if there is a round: what the register's
    /// commands speak when nothing else decides.
    pub fn language(&self) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row(
                "SELECT language FROM round ORDER BY opened_at DESC, rowid DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.fault(e))
    }

    /// Whether the register has the tables of version 2 (panel, reviews, assessment versions).
    fn has_reviews(&self) -> bool {
        self.version >= 2
    }

    /// The register's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The chain value of the ledger's last entry (`None` for an empty register). Every change
    /// kriterium makes appends to the ledger, so a reader that keeps what it worked out from the
    /// register can tell by this whether it still holds (`kriterium serve` keeps a round's
    /// ranking so).
    pub fn ledger_head(&self) -> Result<Option<String>> {
        ledger::head(&self.conn)
            .map(|head| head.map(|(_, chain)| chain))
            .map_err(fault_at(&self.path))
    }

    /// The fault an SQLite error means for this register.
    fn fault(&self, error: rusqlite::Error) -> Error {
        Error::Fault(Fault::of(&self.path, &error))
    }
}

/// Whether `error` says SQLite could not set up the shared memory of WAL mode for reading.
fn cannot_share(error: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode;
    matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)
    )
}

/// The register at `path` opened read-only as an unchanging file (`immutable=1`): no locks, no
/// `-shm` file. Only for reading a copy no one writes.
fn open_immutable(path: &Path) -> rusqlite::Result<Connection> {
    let mut uri = String::from("file:");
    for byte in path.to_string_lossy().bytes() {
        // Percent-encode what a URI's path may not hold as it is.
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// `PRAGMA application_id`, `PRAGMA user_version` and how many tables the file has.
fn identify(conn: &Connection) -> rusqlite::Result<(i32, usize, i64)> {
    let application_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    Ok((
        application_id,
        usize::try_from(version).unwrap_or(usize::MAX),
        tables,
    ))
}

/// Brings the tables up to this version. Two processes creating the same register at once: the
/// second waits for the first, finds its tables there, and goes on.
fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let result = schema::migrations().to_latest(conn);
    let Err(error) = result else {
        return Ok(());
    };
    let fault = fault_at(path);
    let (_, version, _) = identify(conn).map_err(fault)?;
    if version == schema::latest() {
        return Ok(());
    }
    Err(match error {
        rusqlite_migration::Error::RusqliteError { err, .. } => Error::Fault(Fault::of(path, &err)),
        // The first line only: a migration's error carries the whole SQL of the step.
        other => Error::Fault(Fault::Storage {
            path: path.to_path_buf(),
            detail: other
                .to_string()
                .lines()
                .next()
                .unwrap_or_default()
                .to_string(),
        }),
    })
}

/// What an SQLite error on the register at `path` means: its [`Fault`].
fn fault_at(path: &Path) -> impl Fn(rusqlite::Error) -> Error + Copy + '_ {
    move |e| Error::Fault(Fault::of(path, &e))
}

/// Refuses a change to round `id` when it is closed. Read inside the change's transaction:
/// another process may have closed it since the command looked.
fn still_open(tx: &rusqlite::Transaction<'_>, id: &str, path: &Path) -> Result<()> {
    let closed_at: Option<String> = tx
        .query_row("SELECT closed_at FROM round WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .map_err(fault_at(path))?;
    match closed_at {
        Some(closed_at) => Err(Refusal::RoundClosed {
            id: id.to_string(),
            closed_at,
        }
        .into()),
        None => Ok(()),
    }
}

/// The time now as the register records it: UTC, `YYYY-MM-DDTHH:MM:SSZ`.
fn now(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<String> {
    tx.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [], |r| {
        r.get(0)
    })
}

#[cfg(test)]
mod tests;
