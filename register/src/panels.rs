//! The panel: the members who review and decide, with their declared affiliations and
//! conflicts, as the TOML file `kriterium panel set` was given. Every panel set is kept; each
//! round uses the panel set last while it was open (or before it was opened), and the ledger
//! records, in each round, from when it used which panel. The register keeps the text; the
//! binary reads it with the engine (`Panel::from_toml`).

use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde_json::json;

use crate::ledger::{self, Kind};
use crate::reviews::{Versions, store_versions};
use crate::{Refusal, Register, Result, fault_at, now};

/// A panel as set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelRecord {
    /// Order in which panels were set, across the register.
    pub id: i64,
    /// The file it was read from.
    pub file: String,
    /// The TOML text, as given.
    pub content: String,
    pub set_at: String,
    pub set_by: String,
}

impl PanelRecord {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<PanelRecord> {
        Ok(PanelRecord {
            id: row.get("id")?,
            file: row.get("file")?,
            content: row.get("content")?,
            set_at: row.get("set_at")?,
            set_by: row.get("set_by")?,
        })
    }
}

/// What the ledger's digest of a round's adoption of a panel covers.
pub(crate) fn adoption_content(
    round: &str,
    adoption: i64,
    panel: &PanelRecord,
    adopted_at: &str,
) -> serde_json::Value {
    json!([
        round,
        adoption,
        panel.id,
        panel.file,
        ledger::text_digest(&panel.content),
        panel.set_at,
        panel.set_by,
        adopted_at
    ])
}

/// Makes `panel` round `round`'s panel from now on, on the ledger.
pub(crate) fn adopt(
    tx: &Transaction<'_>,
    round: &str,
    panel: &PanelRecord,
    at: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO round_panel (round_id, panel_id, adopted_at) VALUES (?1, ?2, ?3)",
        params![round, panel.id, at],
    )?;
    let adoption = tx.last_insert_rowid();
    ledger::Writer::continuing(tx, round)?.append(
        tx,
        Kind::Panel,
        &adoption.to_string(),
        &adoption_content(round, adoption, panel, at),
    )
}

/// The panel set last, read within a transaction.
pub(crate) fn latest(tx: &Transaction<'_>) -> rusqlite::Result<Option<PanelRecord>> {
    tx.query_row(
        "SELECT * FROM panel ORDER BY id DESC LIMIT 1",
        [],
        PanelRecord::from_row,
    )
    .optional()
}

impl Register {
    /// The panel set last, if one was.
    pub fn current_panel(&self) -> Result<Option<PanelRecord>> {
        if !self.has_reviews() {
            return Ok(None);
        }
        self.conn
            .query_row(
                "SELECT * FROM panel ORDER BY id DESC LIMIT 1",
                [],
                PanelRecord::from_row,
            )
            .optional()
            .map_err(|e| self.fault(e))
    }

    /// The panel set as number `id`.
    pub fn panel(&self, id: i64) -> Result<Option<PanelRecord>> {
        if !self.has_reviews() {
            return Ok(None);
        }
        self.conn
            .query_row(
                "SELECT * FROM panel WHERE id = ?1",
                [id],
                PanelRecord::from_row,
            )
            .optional()
            .map_err(|e| self.fault(e))
    }

    /// Every panel set, oldest first (the history).
    pub fn panels(&self) -> Result<Vec<PanelRecord>> {
        if !self.has_reviews() {
            return Ok(Vec::new());
        }
        let mut statement = self
            .conn
            .prepare("SELECT * FROM panel ORDER BY id")
            .map_err(|e| self.fault(e))?;
        let rows = statement
            .query_map([], PanelRecord::from_row)
            .map_err(|e| self.fault(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.fault(e))
    }

    /// The panel round `round` uses now, if it has one.
    pub fn round_panel(&self, round: &str) -> Result<Option<PanelRecord>> {
        if !self.has_reviews() {
            return Ok(None);
        }
        self.conn
            .query_row(
                "SELECT p.* FROM round_panel r JOIN panel p ON p.id = r.panel_id \
                 WHERE r.round_id = ?1 ORDER BY r.id DESC LIMIT 1",
                [round],
                PanelRecord::from_row,
            )
            .optional()
            .map_err(|e| self.fault(e))
    }

    /// Every round's adoption of a panel, for the ledger's check: (round, adoption id, panel,
    /// adopted at).
    pub(crate) fn adoptions(&self, round: &str) -> Result<Vec<(i64, PanelRecord, String)>> {
        if !self.has_reviews() {
            return Ok(Vec::new());
        }
        let mut statement = self
            .conn
            .prepare(
                "SELECT r.id AS adoption, r.adopted_at, p.* FROM round_panel r \
                 JOIN panel p ON p.id = r.panel_id WHERE r.round_id = ?1 ORDER BY r.id",
            )
            .map_err(|e| self.fault(e))?;
        let rows = statement
            .query_map([round], |row| {
                Ok((
                    row.get("adoption")?,
                    PanelRecord::from_row(row)?,
                    row.get("adopted_at")?,
                ))
            })
            .map_err(|e| self.fault(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.fault(e))
    }

    /// Sets the panel, in one transaction: stores it, makes it the panel of every open round,
    /// and stores the assessments `versions` made under it (one [`Versions`] per open round,
    /// assessed with the new panel and the round's reviews in force; only those that differ
    /// from the current assessment become new versions). Returns the panel's id.
    ///
    /// # Errors
    /// [`Refusal::ChangedMeanwhile`] when the open rounds, their panel or their reviews are not
    /// what `versions` were assessed from; a fault when the register cannot be written.
    pub fn set_panel(&mut self, file: &str, content: &str, versions: &[Versions]) -> Result<i64> {
        let fault = fault_at(&self.path);
        let tx = self.conn.transaction().map_err(fault)?;
        let open: Vec<String> = {
            let mut statement = tx
                .prepare("SELECT id FROM round WHERE closed_at IS NULL ORDER BY id")
                .map_err(fault)?;
            let rows = statement.query_map([], |r| r.get(0)).map_err(fault)?;
            rows.collect::<rusqlite::Result<Vec<String>>>()
                .map_err(fault)?
        };
        let mut given: Vec<&str> = versions.iter().map(|v| v.round.as_str()).collect();
        given.sort_unstable();
        if given != open.iter().map(String::as_str).collect::<Vec<_>>() {
            let round = open
                .iter()
                .find(|r| !given.contains(&r.as_str()))
                .or(open.first())
                .cloned()
                .unwrap_or_default();
            return Err(Refusal::ChangedMeanwhile { round }.into());
        }
        let at = now(&tx).map_err(fault)?;
        tx.execute(
            "INSERT INTO panel (file, content, set_at, set_by) VALUES (?1, ?2, ?3, ?4)",
            params![file, content, at, self.user],
        )
        .map_err(fault)?;
        let panel = PanelRecord {
            id: tx.last_insert_rowid(),
            file: file.to_string(),
            content: content.to_string(),
            set_at: at.clone(),
            set_by: self.user.clone(),
        };
        for round in versions {
            crate::reviews::check_basis(&tx, round, &self.path)?;
            adopt(&tx, &round.round, &panel, &at).map_err(fault)?;
            let mut basis = round.based_on.clone();
            basis.panel = Some(panel.id);
            store_versions(&tx, round, &basis, &at, &self.user).map_err(fault)?;
        }
        (self.before_commit)("panel");
        tx.commit().map_err(fault)?;
        Ok(panel.id)
    }
}
