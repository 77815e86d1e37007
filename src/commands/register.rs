//! The register's commands: `round open|add|show|list|export|close`, `decide`, `letters`,
//! `panel set|show`, `reviews template|add|show` and `register verify`. The register crate stores and checks; these commands assess with the
//! engine (the same batch pipeline `batch` uses), rank, and word what happened.
//!
//! Which register: `--register FILE`, else `KRITERIUM_REGISTER`, else `kriterium.sqlite` in the
//! current folder. Who: the operating system's user name, recorded with every change.

use std::path::PathBuf;

use anyhow::Result;
use kriterium_engine::pack::{PackFiles, RulePack};
use kriterium_register::{Access, Error, Fault, NotARegister, Refusal, Register, Round};

use crate::Status;
use crate::args::{PanelCommand, RegisterArg, RegisterCommand, ReviewsCommand, RoundCommand};
use crate::messages;

pub(crate) mod add;
pub(crate) mod book;
pub(crate) mod decide;
pub(crate) mod decided;
mod export;
pub(crate) mod letters;
pub(crate) mod open;
mod panel;
pub(crate) mod portfolio;
pub(crate) mod reviews;
pub(crate) mod show;
pub(crate) mod standing;
mod verify;
pub(crate) mod words;

use words::{Words, say};

/// The variable that names the register when `--register` does not.
pub const ENV: &str = "KRITERIUM_REGISTER";

/// The register's file name when neither `--register` nor [`ENV`] names one.
pub const DEFAULT_FILE: &str = "kriterium.sqlite";

/// Runs `kriterium round …`.
pub fn round(register: &RegisterArg, command: RoundCommand, lang: Option<&str>) -> Result<Status> {
    let path = path(register);
    match command {
        RoundCommand::Open {
            id,
            rules,
            year,
            budget,
            title,
        } => open::run(&path, &id, &rules, year, budget, title, lang),
        RoundCommand::Add { id, inputs, jobs } => add::run(&path, &id, &inputs, jobs),
        RoundCommand::Show { id, format } => show::round(&path, &id, format),
        RoundCommand::List { format } => show::list(&path, format),
        RoundCommand::Export { id, out, reports } => export::run(&path, &id, &out, reports, lang),
        RoundCommand::Close { id } => close(&path, &id),
    }
}

/// Runs `kriterium decide …`.
pub fn decide(register: &RegisterArg, decision: decide::Asked) -> Result<Status> {
    decide::run(&path(register), decision)
}

pub use decide::Asked as Decision;

/// `letters ROUND [--out DIR]`.
pub fn letters(
    register: &RegisterArg,
    round: &str,
    out: Option<&std::path::Path>,
    lang: Option<&str>,
) -> Result<Status> {
    letters::run(&path(register), round, out, lang)
}

/// Runs `kriterium register …`.
pub fn register(register: &RegisterArg, command: RegisterCommand) -> Result<Status> {
    match command {
        RegisterCommand::Verify => verify::run(&path(register)),
    }
}

/// Runs `kriterium panel …`.
pub fn panel(register: &RegisterArg, command: PanelCommand) -> Result<Status> {
    match command {
        PanelCommand::Set { file } => panel::set(&path(register), &file),
        PanelCommand::Show => panel::show(&path(register)),
    }
}

/// Runs `kriterium reviews …`.
pub fn reviews(
    register: &RegisterArg,
    command: ReviewsCommand,
    lang: Option<&str>,
) -> Result<Status> {
    let path = path(register);
    match command {
        ReviewsCommand::Template {
            round,
            out,
            reviewer,
            force,
        } => reviews::template(&path, &round, &out, reviewer.as_deref(), lang, force),
        ReviewsCommand::Add {
            round,
            sheets,
            replace,
        } => reviews::add(&path, &round, &sheets, replace),
        ReviewsCommand::Show { round, format } => reviews::show(&path, &round, format),
    }
}

/// The register's path: `--register`, else [`ENV`], else [`DEFAULT_FILE`].
pub(crate) fn path(register: &RegisterArg) -> PathBuf {
    register
        .register
        .clone()
        .or_else(|| {
            std::env::var_os(ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| PathBuf::from(DEFAULT_FILE))
}

/// Who the register records a change as made by: the operating system's user name, else the
/// environment's `USER`/`USERNAME`/`LOGNAME`, else `?`.
fn user() -> String {
    whoami::username()
        .ok()
        .filter(|name| !name.trim().is_empty())
        .or_else(|| {
            ["USER", "USERNAME", "LOGNAME"]
                .iter()
                .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
        })
        .unwrap_or_else(|| "?".to_string())
}

/// Opens the register at `path`; only `round open` passes [`Access::Create`].
pub(crate) fn open_register(path: &std::path::Path, access: Access) -> Result<Register> {
    let mut register = Register::open(path, access, &user()).map_err(explain)?;
    // The tests of a locked register wait milliseconds, not `BUSY_TIMEOUT`
    // (`KRITERIUM_TEST_BUSY_MS`); debug builds only, so no user setting changes how long a
    // command waits for another writer.
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("KRITERIUM_TEST_BUSY_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        register
            .set_busy_timeout(std::time::Duration::from_millis(ms))
            .map_err(explain)?;
    }
    // The tests stop a command here (`KRITERIUM_TEST_STOP_AT=commit-add`, …): see `crash`.
    register.before_commit(|operation| super::crash::point(&format!("commit-{operation}")));
    // Until a round is named, the register speaks the language of its latest round (as other
    // commands speak their pack's), so "no such round" comes in the secretariat's language.
    if let Ok(Some(language)) = register.language() {
        messages::follow_pack(&language);
    }
    Ok(register)
}

/// The register could not be used: the file is not a register, is from a newer kriterium, is
/// locked, or cannot be read or written. Exit status 3 (`commands::is_cannot_store`).
#[derive(Debug)]
pub struct Unusable(pub String);

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unusable {}

/// A register error in the user's words: a refusal is a usage error (exit 2), a fault an
/// [`Unusable`] register (exit 3). Either way nothing was changed, which the message says.
pub fn explain(error: Error) -> anyhow::Error {
    match error {
        Error::Refused(refusal) => anyhow::anyhow!(unchanged(&refusal_text(&refusal))),
        Error::Fault(fault) => anyhow::Error::new(Unusable(unchanged(&fault_text(&fault)))),
    }
}

/// `text`, then the sentence that says the register is unchanged.
pub fn unchanged(text: &str) -> String {
    let stop = if text.ends_with(['.', '?', '!']) {
        " "
    } else {
        ". "
    };
    format!("{text}{stop}{}", say(Words::NothingChanged, &[]))
}

/// An amount of the round's currency as the language of messages writes it.
fn amount(n: u64, currency: &str) -> String {
    messages::amount(n, currency)
}

fn refusal_text(refusal: &Refusal) -> String {
    match refusal {
        Refusal::NoRegister { path } => say(
            Words::NoRegister,
            &[("path", &messages::quoted(&path.display().to_string()))],
        ),
        Refusal::NoSuchRound { id, known } if known.is_empty() => {
            say(Words::NoRoundsYet, &[("id", &messages::quoted(id))])
        }
        Refusal::NoSuchRound { id, known } => say(
            Words::NoSuchRound,
            &[
                ("id", &messages::quoted(id)),
                (
                    "hint",
                    &messages::did_you_mean(id, known.iter().map(String::as_str)),
                ),
                ("known", &known.join(", ")),
            ],
        ),
        Refusal::ChangedMeanwhile { round } => say(
            Words::ChangedMeanwhile,
            &[("round", &messages::quoted(round))],
        ),
        Refusal::RoundExists { id } => say(Words::RoundExists, &[("id", &messages::quoted(id))]),
        Refusal::RoundClosed { id, closed_at } => say(
            Words::RoundClosed,
            &[("id", &messages::quoted(id)), ("at", closed_at)],
        ),
        Refusal::NoSuchApplication {
            round,
            application,
            known,
        } => say(
            Words::NoSuchApplication,
            &[
                ("round", &messages::quoted(round)),
                ("id", &messages::quoted(application)),
                (
                    "hint",
                    &messages::did_you_mean(application, known.iter().map(String::as_str)),
                ),
            ],
        ),
        Refusal::MoreThanYearLeft {
            year,
            left,
            asked,
            currency,
        } => say(
            Words::MoreThanYearLeft,
            &[
                ("year", &year.to_string()),
                ("left", &amount(*left, currency)),
                ("asked", &amount(*asked, currency)),
            ],
        ),
        Refusal::MoreThanRequested {
            application,
            requested,
            asked,
            currency,
        } => say(
            Words::MoreThanRequested,
            &[
                ("id", &messages::quoted(application)),
                ("requested", &amount(*requested, currency)),
                ("asked", &amount(*asked, currency)),
            ],
        ),
        Refusal::GrantedElsewhere {
            application,
            year,
            elsewhere,
            requested,
            asked,
            currency,
        } => {
            let named: Vec<String> = elsewhere
                .iter()
                .map(|(round, n)| format!("{} {}", messages::quoted(round), amount(*n, currency)))
                .collect();
            say(
                Words::GrantedElsewhere,
                &[
                    ("id", &messages::quoted(application)),
                    ("year", &year.to_string()),
                    ("elsewhere", &named.join(", ")),
                    ("requested", &amount(*requested, currency)),
                    ("asked", &amount(*asked, currency)),
                ],
            )
        }
        Refusal::DecisionChanged {
            round,
            application,
            current: Some((by, at)),
        } => say(
            Words::DecisionChanged,
            &[
                ("id", &messages::quoted(application)),
                ("round", &messages::quoted(round)),
                ("by", by),
                ("at", at),
            ],
        ),
        Refusal::DecisionChanged {
            round,
            application,
            current: None,
        } => say(
            Words::DecisionGone,
            &[
                ("id", &messages::quoted(application)),
                ("round", &messages::quoted(round)),
            ],
        ),
        Refusal::ReasonNeeded {
            recommendation,
            recommended_amount,
            currency,
        } => say(
            Words::ReasonNeeded,
            &[(
                "recommendation",
                &decide::recommended(recommendation, *recommended_amount, currency),
            )],
        ),
        Refusal::AwaitingReview { round, awaiting } => say(
            Words::AwaitingAtClose,
            &[
                ("id", &messages::quoted(round)),
                ("count", &words::applications(awaiting.len())),
                ("listed", &words::quoted_list(awaiting)),
            ],
        ),
        Refusal::Undecided {
            round,
            count,
            first,
        } => {
            let mut named: Vec<String> = first.iter().map(|id| messages::quoted(id)).collect();
            if *count > first.len() {
                named.push("…".into());
            }
            say(
                Words::Undecided,
                &[
                    ("id", &messages::quoted(round)),
                    (
                        "count",
                        &words::count(*count, Words::ApplicationOne, Words::ApplicationMany),
                    ),
                    ("first", &named.join(", ")),
                ],
            )
        }
    }
}

fn fault_text(fault: &Fault) -> String {
    let shown = |path: &std::path::Path| messages::quoted(&path.display().to_string());
    match fault {
        Fault::NotARegister { path, why } => {
            let why = match why {
                NotARegister::NotADatabase => Words::NotADatabase,
                NotARegister::OtherDatabase => Words::OtherDatabase,
                NotARegister::Empty => Words::EmptyFile,
                NotARegister::Damaged => Words::Damaged,
                NotARegister::Folder => Words::IsFolder,
                NotARegister::NotAFile => Words::NotAFile,
            };
            say(
                Words::NotARegister,
                &[("path", &shown(path)), ("detail", &say(why, &[]))],
            )
        }
        Fault::Newer {
            path,
            version,
            known,
        } => say(
            Words::Newer,
            &[
                ("path", &shown(path)),
                ("version", &version.to_string()),
                ("known", &known.to_string()),
            ],
        ),
        Fault::NoFolder { folder } => say(Words::NoFolder, &[("folder", &shown(folder))]),
        Fault::LogUnreadable { path } => say(Words::LogUnreadable, &[("path", &shown(path))]),
        Fault::Locked { path } => say(
            Words::Locked,
            &[
                ("path", &shown(path)),
                (
                    "seconds",
                    &kriterium_register::BUSY_TIMEOUT.as_secs().to_string(),
                ),
            ],
        ),
        Fault::Storage { path, detail } => say(
            Words::Storage,
            &[("path", &shown(path)), ("detail", detail)],
        ),
    }
}

/// Why a round's pack snapshot cannot be used.
pub enum Snapshot {
    /// It does not load: the problems, in the language of messages.
    Unusable(String),
    /// It loads, but its fingerprint is not the one stored with the round.
    Changed { now: String },
}

impl Snapshot {
    /// As a refusal of a command that needs the pack (`round add`, `round export`).
    fn refusal(&self, round: &Round) -> String {
        let id = messages::quoted(&round.id);
        match self {
            Snapshot::Unusable(problems) => format!(
                "{}: {problems}",
                say(Words::SnapshotUnusable, &[("id", &id)])
            ),
            Snapshot::Changed { now } => say(
                Words::SnapshotBroken,
                &[
                    ("id", &id),
                    ("stored", &round.pack_fingerprint),
                    ("now", now),
                ],
            ),
        }
    }

    /// As a finding of `register verify`.
    fn finding(&self, round: &Round) -> String {
        let id = messages::quoted(&round.id);
        match self {
            Snapshot::Unusable(problems) => say(
                Words::PackUnusable,
                &[("round", &id), ("problem", problems)],
            ),
            Snapshot::Changed { now } => say(
                Words::PackDiffers,
                &[
                    ("round", &id),
                    ("stored", &round.pack_fingerprint),
                    ("now", now),
                ],
            ),
        }
    }
}

/// The pack round `round` was opened with, for a command that runs it (`round add`, `round
/// export`, `letters`): messages follow its language from here on; a snapshot that cannot be
/// used is refused in words ([`Snapshot::refusal`]).
fn usable_pack(register: &Register, round: &Round) -> Result<RulePack> {
    match round_pack(register, round)? {
        Ok(pack) => {
            messages::follow_pack(&pack.manifest.language);
            Ok(pack)
        }
        Err(snapshot) => Err(anyhow::anyhow!(snapshot.refusal(round))),
    }
}

/// The pack a round was opened with, from its snapshot in the register, run with the round's
/// budget and year; or why the snapshot cannot be used (the caller words it as a refusal or
/// as a finding).
fn round_pack(register: &Register, round: &Round) -> Result<Result<RulePack, Snapshot>> {
    let files = register.pack_files(&round.id).map_err(explain)?;
    let files = PackFiles::from_memory(
        format!("{}:{}", register.path().display(), round.id),
        files.iter().map(|(p, t)| (p.as_str(), t.as_str())),
    );
    let pack = match RulePack::load(files) {
        Ok(pack) => pack,
        Err(problems) => {
            let lang = messages::lang();
            let problems: Vec<String> = problems
                .0
                .iter()
                .map(|p| p.display_in(lang).to_string())
                .collect();
            return Ok(Err(Snapshot::Unusable(problems.join("; "))));
        }
    };
    if pack.fingerprint != round.pack_fingerprint {
        return Ok(Err(Snapshot::Changed {
            now: pack.fingerprint,
        }));
    }
    let funds = kriterium_engine::pack::Funds {
        budget: round.budget,
        year: u32::try_from(round.year).ok(),
    };
    Ok(Ok(pack.with_funds(funds)))
}

/// Most characters of a `--reason`: a paragraph, as a decision letter quotes it.
const MAX_REASON: usize = 2000;

/// Most characters of a `--title` or an `--abstained` name.
const MAX_NAME: usize = 200;

/// Refuses a one-line text option (`--title`, `--reason`, `--abstained`) that is empty or holds
/// control characters (a line break would break the tables of `round show`, an escape sequence
/// would reach the terminal of whoever reads it).
fn check_line(option: &str, text: &str, max: usize) -> Result<()> {
    if text.chars().count() > max {
        anyhow::bail!(unchanged(&say(
            Words::TooLong,
            &[("option", option), ("max", &max.to_string())]
        )));
    }
    if text.trim().is_empty() {
        anyhow::bail!(unchanged(&say(Words::EmptyText, &[("option", option)])));
    }
    if text.chars().any(char::is_control) {
        anyhow::bail!(unchanged(&say(
            Words::ControlCharacters,
            &[("option", option)]
        )));
    }
    Ok(())
}

/// Round `id`, its language now the one messages follow when neither `--lang` nor
/// `KRITERIUM_LANG` says otherwise (as a loaded pack's language is for other commands).
pub(crate) fn round_of(register: &Register, id: &str) -> Result<Round> {
    let round = register.round(id).map_err(explain)?;
    messages::follow_pack(&round.language);
    Ok(round)
}

/// Round `id` as [`round_of`] gives it, refused when it is closed: for the commands that
/// change a round, before their work (the register checks again in its transaction).
pub(crate) fn open_round_of(register: &Register, id: &str) -> Result<Round> {
    let round = round_of(register, id)?;
    match &round.closing {
        Some(closing) => Err(explain(
            Refusal::RoundClosed {
                id: round.id.clone(),
                closed_at: closing.at.clone(),
            }
            .into(),
        )),
        None => Ok(round),
    }
}

/// `round close ID`.
fn close(path: &std::path::Path, id: &str) -> Result<Status> {
    let mut register = open_register(path, Access::Write)?;
    round_of(&register, id)?;
    let round = register.close_round(id).map_err(explain)?;
    let granted = round.closing.as_ref().map_or(0, |c| c.granted);
    outln!(
        "{}",
        say(
            Words::Closed,
            &[
                ("id", &messages::quoted(id)),
                ("granted", &amount(granted, &round.currency))
            ]
        )
    );
    Ok(Status::Ok)
}
