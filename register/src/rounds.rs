//! Rounds: opened under a pack (whose every file is kept), for a year and a budget, and closed
//! when the group has decided on every application; after that nothing in them changes.

use rusqlite::{OptionalExtension, Row, params};
use serde_json::json;

use crate::ledger::{self, Kind};
use crate::{Refusal, Register, Result, fault_at, now, still_open};

/// A round to open.
#[derive(Debug, Clone)]
pub struct NewRound {
    /// The round's id, chosen by the secretariat (e.g. `2025-1`).
    pub id: String,
    pub title: String,
    /// The year its grants are charged to.
    pub year: i64,
    /// kr. the recommendation is funded against, what gates see as `pack.budget`.
    pub budget: u64,
    /// kr. the year has in the round's pack.
    pub year_budget: u64,
    /// The language of the assessments' titles.
    pub language: String,
    /// ISO 4217 code of the round's amounts, from its pack.
    pub currency: String,
    pub pack_id: String,
    pub pack_version: String,
    /// The pack's fingerprint (`sha256:…`) over `files`.
    pub pack_fingerprint: String,
    /// Every file of the pack: relative path and text.
    pub files: Vec<(String, String)>,
}

/// A round as the register keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub id: String,
    pub title: String,
    pub year: i64,
    /// kr. the recommendation is funded against.
    pub budget: u64,
    /// kr. the year has in the round's pack.
    pub year_budget: u64,
    pub language: String,
    pub currency: String,
    pub pack_id: String,
    pub pack_version: String,
    pub pack_fingerprint: String,
    /// When it was opened (UTC, `YYYY-MM-DDTHH:MM:SSZ`) and by whom.
    pub opened_at: String,
    pub opened_by: String,
    /// Set once the round is closed.
    pub closing: Option<Closing>,
    /// The ledger's chain value when it was closed.
    pub seal: Option<String>,
}

/// When and by whom a round was closed, and what it had granted then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closing {
    pub at: String,
    pub by: String,
    /// kr. granted by decision in the round.
    pub granted: u64,
}

/// A programme's year's money: its budget and what the group's decisions have granted of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearMoney {
    pub year: i64,
    /// The programme: the id of its rounds' pack.
    pub programme: String,
    /// kr. the year has, in the pack of its latest round.
    pub budget: u64,
    /// kr. granted by the current decisions of every round of the year.
    pub granted: u64,
}

impl YearMoney {
    /// kr. left; 0 when more was granted than the year had (which `decide` never allows, but a
    /// register edited by hand may show, and `register verify` reports).
    pub fn left(&self) -> u64 {
        self.budget.saturating_sub(self.granted)
    }
}

impl Round {
    /// Whether the round is still open for applications and decisions.
    pub fn is_open(&self) -> bool {
        self.closing.is_none()
    }

    /// What the ledger's digest of the round covers.
    pub(crate) fn content(&self) -> serde_json::Value {
        json!([
            self.id,
            self.title,
            self.year,
            self.budget,
            self.year_budget,
            self.language,
            self.currency,
            self.pack_id,
            self.pack_version,
            self.pack_fingerprint,
            self.opened_at,
            self.opened_by
        ])
    }

    /// What the ledger's digest of its closing covers.
    pub(crate) fn closing_content(&self, closing: &Closing) -> serde_json::Value {
        json!([self.id, closing.at, closing.by, closing.granted])
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Round> {
        let closed_at: Option<String> = row.get("closed_at")?;
        let closing = match closed_at {
            Some(at) => Some(Closing {
                at,
                by: row
                    .get::<_, Option<String>>("closed_by")?
                    .unwrap_or_default(),
                granted: row
                    .get::<_, Option<u64>>("granted_at_close")?
                    .unwrap_or_default(),
            }),
            None => None,
        };
        Ok(Round {
            id: row.get("id")?,
            title: row.get("title")?,
            year: row.get("year")?,
            budget: row.get("budget")?,
            year_budget: row.get("year_budget")?,
            language: row.get("language")?,
            currency: row.get("currency")?,
            pack_id: row.get("pack_id")?,
            pack_version: row.get("pack_version")?,
            pack_fingerprint: row.get("pack_fingerprint")?,
            opened_at: row.get("opened_at")?,
            opened_by: row.get("opened_by")?,
            closing,
            seal: row.get("seal")?,
        })
    }
}

/// The digest of a pack file's record.
pub(crate) fn pack_file_content(round: &str, path: &str, text: &str) -> serde_json::Value {
    json!([round, path, text])
}

impl Register {
    /// Opens a round: stores it and every file of its pack, in one transaction.
    ///
    /// # Errors
    /// [`Refusal::RoundExists`] when the id is taken; a fault when the register cannot be written.
    pub fn open_round(&mut self, new: &NewRound) -> Result<Round> {
        let fault = fault_at(&self.path);
        let tx = self.conn.transaction().map_err(fault)?;
        let taken: Option<String> = tx
            .query_row("SELECT id FROM round WHERE id = ?1", [&new.id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(fault)?;
        if taken.is_some() {
            return Err(Refusal::RoundExists { id: new.id.clone() }.into());
        }
        let round = Round {
            id: new.id.clone(),
            title: new.title.clone(),
            year: new.year,
            budget: new.budget,
            year_budget: new.year_budget,
            language: new.language.clone(),
            currency: new.currency.clone(),
            pack_id: new.pack_id.clone(),
            pack_version: new.pack_version.clone(),
            pack_fingerprint: new.pack_fingerprint.clone(),
            opened_at: now(&tx).map_err(fault)?,
            opened_by: self.user.clone(),
            closing: None,
            seal: None,
        };
        tx.execute(
            "INSERT INTO round (id, title, year, budget, year_budget, language, currency, pack_id, \
             pack_version, pack_fingerprint, opened_at, opened_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                round.id,
                round.title,
                round.year,
                round.budget,
                round.year_budget,
                round.language,
                round.currency,
                round.pack_id,
                round.pack_version,
                round.pack_fingerprint,
                round.opened_at,
                round.opened_by
            ],
        )
        .map_err(fault)?;
        let mut ledger = ledger::Writer::continuing(&tx, &round.id).map_err(fault)?;
        ledger
            .append(&tx, Kind::Round, &round.id, &round.content())
            .map_err(fault)?;
        for (file, text) in &new.files {
            tx.execute(
                "INSERT INTO pack_file (round_id, path, content) VALUES (?1, ?2, ?3)",
                params![round.id, file, text],
            )
            .map_err(fault)?;
            ledger
                .append(
                    &tx,
                    Kind::PackFile,
                    file,
                    &pack_file_content(&round.id, file, text),
                )
                .map_err(fault)?;
        }
        // The panel set last is the new round's panel.
        if let Some(panel) = crate::panels::latest(&tx).map_err(fault)? {
            crate::panels::adopt(&tx, &round.id, &panel, &round.opened_at).map_err(fault)?;
        }
        (self.before_commit)("open");
        tx.commit().map_err(fault)?;
        Ok(round)
    }

    /// The round `id`.
    ///
    /// # Errors
    /// [`Refusal::NoSuchRound`] with the ids there are.
    pub fn round(&self, id: &str) -> Result<Round> {
        let found = self
            .conn
            .query_row("SELECT * FROM round WHERE id = ?1", [id], Round::from_row)
            .optional()
            .map_err(|e| self.fault(e))?;
        match found {
            Some(round) => Ok(round),
            None => Err(Refusal::NoSuchRound {
                id: id.to_string(),
                known: self.rounds()?.into_iter().map(|r| r.id).collect(),
            }
            .into()),
        }
    }

    /// Every round, by year, then when it was opened, then id.
    pub fn rounds(&self) -> Result<Vec<Round>> {
        let mut statement = self
            .conn
            .prepare("SELECT * FROM round ORDER BY year, opened_at, id")
            .map_err(|e| self.fault(e))?;
        let rows = statement
            .query_map([], Round::from_row)
            .map_err(|e| self.fault(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.fault(e))
    }

    /// The files of the pack the round was opened with: relative path and text, by path.
    pub fn pack_files(&self, round: &str) -> Result<Vec<(String, String)>> {
        let mut statement = self
            .conn
            .prepare("SELECT path, content FROM pack_file WHERE round_id = ?1 ORDER BY path")
            .map_err(|e| self.fault(e))?;
        let rows = statement
            .query_map([round], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.fault(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.fault(e))
    }

    /// kr. granted by the current decisions of every round of programme `programme` (a pack
    /// id) in `year`.
    pub fn granted_in_year(&self, programme: &str, year: i64) -> Result<u64> {
        granted_in_year(&self.conn, programme, year).map_err(|e| self.fault(e))
    }

    /// The money of every programme's year that has a round: budget, granted by decision; by
    /// year, then programme. A register may hold rounds of several programmes (packs), each
    /// with its own money and currency.
    pub fn money(&self) -> Result<Vec<YearMoney>> {
        let years: std::collections::BTreeSet<(i64, String)> = self
            .rounds()?
            .into_iter()
            .map(|r| (r.year, r.pack_id))
            .collect();
        years
            .into_iter()
            .map(|(year, programme)| {
                Ok(YearMoney {
                    budget: self.year_budget(&programme, year)?.unwrap_or_default(),
                    granted: self.granted_in_year(&programme, year)?,
                    year,
                    programme,
                })
            })
            .collect()
    }

    /// kr. programme `programme` has in `year`: the year's budget in the pack of its round of
    /// that year opened last (a newer pack is the group's latest word on the year's money);
    /// `None` without such a round.
    pub fn year_budget(&self, programme: &str, year: i64) -> Result<Option<u64>> {
        year_budget(&self.conn, programme, year).map_err(|e| self.fault(e))
    }

    /// Closes the round: from now on nothing in it can change. The ledger's last chain value is
    /// kept in the round as its seal.
    ///
    /// # Errors
    /// [`Refusal::NoSuchRound`], [`Refusal::RoundClosed`], [`Refusal::AwaitingReview`] when
    /// applications in the round await review (decided or not), or [`Refusal::Undecided`] when
    /// applications in the round have no decision yet.
    pub fn close_round(&mut self, id: &str) -> Result<Round> {
        let mut round = self.round(id)?;
        let fault = fault_at(&self.path);
        let tx = self.conn.transaction().map_err(fault)?;
        still_open(&tx, id, &self.path)?;
        let undecided = ids(
            &tx,
            "SELECT a.application_id FROM application a WHERE a.round_id = ?1 AND NOT EXISTS \
             (SELECT 1 FROM decision d WHERE d.round_id = a.round_id \
              AND d.application_id = a.application_id) ORDER BY a.seq",
            id,
        )
        .map_err(fault)?;
        // A stored value of the assessment, not an assessment: the register only reads what the
        // binary wrote (schemas/decision.schema.json, `recommendation`).
        let awaiting = ids(
            &tx,
            "SELECT c.application_id FROM current_assessment c JOIN application a \
             ON a.round_id = c.round_id AND a.application_id = c.application_id \
             WHERE c.round_id = ?1 \
             AND json_extract(c.assessment, '$.recommendation') = 'awaiting_review' \
             ORDER BY a.seq",
            id,
        )
        .map_err(fault)?;
        if !awaiting.is_empty() {
            return Err(Refusal::AwaitingReview {
                round: id.to_string(),
                awaiting,
            }
            .into());
        }
        if !undecided.is_empty() {
            return Err(Refusal::Undecided {
                round: id.to_string(),
                count: undecided.len(),
                first: undecided.into_iter().take(5).collect(),
            }
            .into());
        }
        let closing = Closing {
            at: now(&tx).map_err(fault)?,
            by: self.user.clone(),
            granted: granted_in_round(&tx, id).map_err(fault)?,
        };
        let mut ledger = ledger::Writer::continuing(&tx, id).map_err(fault)?;
        ledger
            .append(&tx, Kind::Close, id, &round.closing_content(&closing))
            .map_err(fault)?;
        let seal = ledger.head().to_string();
        tx.execute(
            "UPDATE round SET closed_at = ?2, closed_by = ?3, granted_at_close = ?4, seal = ?5 \
             WHERE id = ?1",
            params![id, closing.at, closing.by, closing.granted, seal],
        )
        .map_err(fault)?;
        (self.before_commit)("close");
        tx.commit().map_err(fault)?;
        round.closing = Some(closing);
        round.seal = Some(seal);
        Ok(round)
    }
}

/// The application ids `sql` selects for round `round` (its `?1`), in the order it gives.
fn ids(conn: &rusqlite::Connection, sql: &str, round: &str) -> rusqlite::Result<Vec<String>> {
    let mut statement = conn.prepare(sql)?;
    statement.query_map([round], |r| r.get(0))?.collect()
}

/// kr. a programme has in `year`, by its round of that year opened last
/// ([`Register::year_budget`]).
pub(crate) fn year_budget(
    conn: &rusqlite::Connection,
    programme: &str,
    year: i64,
) -> rusqlite::Result<Option<u64>> {
    conn.query_row(
        "SELECT year_budget FROM round WHERE pack_id = ?1 AND year = ?2 \
         ORDER BY opened_at DESC, rowid DESC LIMIT 1",
        rusqlite::params![programme, year],
        |r| r.get(0),
    )
    .optional()
}

/// kr. granted by the current decisions of every round of a programme in `year`.
pub(crate) fn granted_in_year(
    conn: &rusqlite::Connection,
    programme: &str,
    year: i64,
) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT coalesce(sum(d.amount), 0) FROM current_decision d JOIN round r ON r.id = d.round_id \
         WHERE r.pack_id = ?1 AND r.year = ?2 AND d.outcome = 'grant'",
        rusqlite::params![programme, year],
        |r| r.get(0),
    )
}

/// kr. granted by the current decisions of round `id`.
pub(crate) fn granted_in_round(conn: &rusqlite::Connection, id: &str) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT coalesce(sum(amount), 0) FROM current_decision WHERE round_id = ?1 \
         AND outcome = 'grant'",
        [id],
        |r| r.get(0),
    )
}
