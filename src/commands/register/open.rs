//! `kriterium round open ID --rules PACK --year YEAR [--budget N] [--title T]`: stores the round
//! with a snapshot of every file of its pack, so the round can be checked years later even if
//! the pack folder is gone or edited.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use kriterium_register::{Access, NewRound};

use super::words::{Words, say};
use super::{amount, explain, open_register};
use crate::Status;
use crate::args::RulesArg;
use crate::messages;

/// Opens round `id`. The budget defaults to the year's budget in the pack less what earlier
/// rounds of the year granted; a larger `--budget` than that is refused.
pub fn run(
    path: &Path,
    id: &str,
    rules: &RulesArg,
    year: u64,
    budget: Option<u64>,
    title: Option<String>,
    lang: Option<&str>,
) -> Result<Status> {
    // The pack first: its language is the one the refusals below speak.
    let pack = super::super::load_pack(rules)?;
    check_id(id)?;
    if let Some(title) = &title {
        super::check_line("--title", title, super::MAX_NAME)?;
    }
    let year_number = u32::try_from(year).map_err(|_| anyhow!("{year}"))?;
    let year_budget = pack.year_budget(year_number).map_err(|problem| {
        anyhow!(super::unchanged(&format!(
            "{}; {}",
            problem.display_in(messages::lang()),
            say(Words::AddTheYear, &[("year", &year.to_string())])
        )))
    })?;
    let mut register = open_register(path, Access::Create)?;
    // The pack in hand speaks for this round, not the register's latest round.
    messages::follow_pack(&pack.manifest.language);
    if let Some(existing) = register
        .rounds()
        .map_err(explain)?
        .into_iter()
        .find(|r| r.id != id && r.id.eq_ignore_ascii_case(id))
    {
        bail!(super::unchanged(&say(
            Words::RoundIdCase,
            &[
                ("existing", &messages::quoted(&existing.id)),
                ("id", &messages::quoted(id)),
            ],
        )));
    }
    let year = i64::from(year_number);
    let programme = pack.manifest.id.clone();
    let earlier_budget = register.year_budget(&programme, year).map_err(explain)?;
    let granted = register
        .granted_in_year(&programme, year)
        .map_err(explain)?;
    if granted > year_budget {
        bail!(super::unchanged(&say(
            Words::YearBudgetBelowGranted,
            &[
                ("year", &year.to_string()),
                ("budget", &amount(year_budget, &pack.manifest.currency)),
                ("granted", &amount(granted, &pack.manifest.currency)),
            ],
        )));
    }
    let left = year_budget.saturating_sub(granted);
    let currency = pack.manifest.currency.clone();
    if let Some(asked) = budget
        && asked > left
    {
        bail!(super::unchanged(&say(
            Words::RoundBudgetOverYear,
            &[
                ("year", &year.to_string()),
                ("left", &amount(left, &currency)),
                ("asked", &amount(asked, &currency)),
            ],
        )));
    }
    let language = lang.unwrap_or(&pack.manifest.language).to_string();
    let manifest = &pack.manifest;
    let title = title.unwrap_or_else(|| {
        Words::DefaultTitle.fill(
            &language,
            &[
                ("pack", manifest.title.get(&language, &manifest.language)),
                ("year", &year.to_string()),
            ],
        )
    });
    let files: Vec<(String, String)> = pack
        .files
        .paths()
        .map(|p| {
            (
                p.to_string(),
                pack.files.get(p).unwrap_or_default().to_string(),
            )
        })
        .collect();
    let round = register
        .open_round(&NewRound {
            id: id.to_string(),
            title,
            year,
            budget: budget.unwrap_or(left),
            year_budget,
            language,
            currency: currency.clone(),
            pack_id: manifest.id.clone(),
            pack_version: manifest.version.clone(),
            pack_fingerprint: pack.fingerprint.clone(),
            files,
        })
        .map_err(explain)?;
    outln!(
        "{}",
        say(
            Words::Opened,
            &[
                ("id", &messages::quoted(&round.id)),
                ("title", &round.title),
                ("year", &round.year.to_string()),
                ("budget", &amount(round.budget, &currency)),
                ("pack", &round.pack_id),
                ("version", &round.pack_version),
                ("fingerprint", &short(&round.pack_fingerprint)),
                (
                    "path",
                    &messages::quoted(&register.path().display().to_string())
                ),
            ]
        )
    );
    if let Some(before) = earlier_budget
        && before != year_budget
    {
        outln!(
            "{}",
            say(
                Words::YearBudgetChanged,
                &[
                    ("year", &year.to_string()),
                    ("now", &amount(year_budget, &currency)),
                    ("before", &amount(before, &currency)),
                ]
            )
        );
    }
    // Said now, not first when the letters are due: the round's pack cannot change afterwards.
    if manifest.letter.is_none() {
        outln!(
            "{}",
            say(
                Words::NoLetterWordsNote,
                &[("pack", &messages::quoted(&manifest.id))]
            )
        );
    }
    if budget.is_none() && granted > 0 {
        outln!(
            "{}",
            say(
                Words::BudgetAfterEarlier,
                &[
                    ("year_budget", &amount(year_budget, &currency)),
                    ("granted", &amount(granted, &currency)),
                    ("year", &year.to_string()),
                ]
            )
        );
    }
    Ok(Status::Ok)
}

/// A fingerprint shortened for people: `sha256:` and its first 12 hex digits.
pub fn short(fingerprint: &str) -> String {
    fingerprint.chars().take(19).collect()
}

/// A round id is a name for people, file names and command lines: ASCII letters and digits,
/// `-`, `_`, `.`, beginning with a letter or digit, at most 64 (ASCII, so no two spellings of
/// one letter, such as a composed and a decomposed `é`, make two ids).
fn check_id(id: &str) -> Result<()> {
    let fine = id.len() <= 64
        && id.starts_with(|c: char| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if fine {
        Ok(())
    } else {
        // A pasted page is not repeated whole: its first 64 characters say what it was.
        let shown: String = if id.chars().count() > 64 {
            id.chars().take(64).chain(['…']).collect()
        } else {
            id.to_string()
        };
        bail!(super::unchanged(&say(
            Words::BadId,
            &[("value", &messages::quoted(&shown))]
        )))
    }
}
