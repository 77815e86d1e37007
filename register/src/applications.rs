//! A round's applications: each stored once, as its canonical JSON with its fingerprint and its
//! assessment under the round's pack. The same application added again is recognised; another
//! application under an id the round has is refused.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Row, params};
use serde_json::json;

use crate::ledger::{self, Kind};
use crate::{Refusal, Register, Result, fault_at, now, still_open};

/// An assessed application to store.
#[derive(Debug, Clone)]
pub struct NewApplication {
    pub application_id: String,
    /// `sha256:` of the canonical JSON.
    pub input_fingerprint: String,
    /// The application's canonical JSON.
    pub application: String,
    /// kr.
    pub requested: u64,
    /// The decision JSON of the application assessed alone, as the engine wrote it.
    pub assessment: String,
    pub engine_version: String,
    /// The file (and line) it was read from, as messages name it.
    pub source: String,
}

/// An application as the register keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredApplication {
    /// Its place in the order the round received its applications, from 1.
    pub seq: i64,
    pub application_id: String,
    pub input_fingerprint: String,
    pub application: String,
    /// kr.
    pub requested: u64,
    pub assessment: String,
    pub engine_version: String,
    pub source: String,
    pub added_at: String,
    pub added_by: String,
}

/// What became of the applications given to [`Register::add_applications`], each named once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Added {
    /// Ids stored now, in the order given.
    pub added: Vec<String>,
    /// Ids the round had already, with the same content: nothing to do.
    pub already: Vec<String>,
    /// Applications refused: the round has another application under the id (ids that differ
    /// only in upper and lower case are one id).
    pub conflicts: Vec<Conflict>,
}

/// An application refused because the round has a different one under its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub application_id: String,
    /// Where the refused one came from.
    pub source: String,
    /// Where the stored one came from.
    pub stored_source: String,
}

/// The digests of an application's canonical JSON and of its assessment: what the ledger's
/// digest of the record covers of them.
struct TextDigests {
    application: String,
    assessment: String,
}

impl TextDigests {
    fn of(application: &str, assessment: &str) -> TextDigests {
        TextDigests {
            application: ledger::text_digest(application),
            assessment: ledger::text_digest(assessment),
        }
    }
}

impl StoredApplication {
    /// What the ledger's digest of the record covers.
    pub(crate) fn content(&self, round: &str) -> serde_json::Value {
        self.content_with(round, &TextDigests::of(&self.application, &self.assessment))
    }

    /// The same, with the digests of its two large texts taken beforehand: `add_applications`
    /// takes them before its transaction, so other writers wait only for the rows themselves.
    fn content_with(&self, round: &str, texts: &TextDigests) -> serde_json::Value {
        json!([
            round,
            self.application_id,
            self.seq,
            self.input_fingerprint,
            texts.application,
            self.requested,
            texts.assessment,
            self.engine_version,
            self.source,
            self.added_at,
            self.added_by
        ])
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<StoredApplication> {
        Ok(StoredApplication {
            seq: row.get("seq")?,
            application_id: row.get("application_id")?,
            input_fingerprint: row.get("input_fingerprint")?,
            application: row.get("application")?,
            requested: row.get("requested")?,
            assessment: row.get("assessment")?,
            engine_version: row.get("engine_version")?,
            source: row.get("source")?,
            added_at: row.get("added_at")?,
            added_by: row.get("added_by")?,
        })
    }
}

impl Register {
    /// Stores assessed applications in round `round`, in one transaction. `stored` is called
    /// with the count after each one is written (for progress, and for tests that stop the
    /// process midway).
    ///
    /// # Errors
    /// [`Refusal::NoSuchRound`], [`Refusal::RoundClosed`]; a fault when the register cannot be
    /// written (nothing is stored then).
    pub fn add_applications(
        &mut self,
        round: &str,
        applications: &[NewApplication],
        stored: &mut dyn FnMut(usize),
    ) -> Result<Added> {
        self.add_applications_assessed(round, applications, None, stored)
    }

    /// [`Register::add_applications`], and in the same transaction the assessments `versions`
    /// of them made with the round's panel and reviews (`versions.based_on`): those that differ
    /// from the first assessment become the current version.
    ///
    /// # Errors
    /// Those of [`Register::add_applications`], and [`Refusal::ChangedMeanwhile`] when the
    /// round's panel or reviews are no longer `versions.based_on`.
    pub fn add_applications_assessed(
        &mut self,
        round: &str,
        applications: &[NewApplication],
        versions: Option<&crate::Versions>,
        stored: &mut dyn FnMut(usize),
    ) -> Result<Added> {
        self.round(round)?;
        let fault = fault_at(&self.path);
        let digests: Vec<TextDigests> = applications
            .iter()
            .map(|a| TextDigests::of(&a.application, &a.assessment))
            .collect();
        let tx = self.conn.transaction().map_err(fault)?;
        still_open(&tx, round, &self.path)?;
        let mut known: HashMap<String, (String, String)> = HashMap::new();
        let mut seq: i64 = 0;
        {
            let mut statement = tx
                .prepare(
                    "SELECT application_id, input_fingerprint, source, seq FROM application \
                     WHERE round_id = ?1",
                )
                .map_err(fault)?;
            let mut rows = statement.query([round]).map_err(fault)?;
            while let Some(row) = rows.next().map_err(fault)? {
                let id: String = row.get(0).map_err(fault)?;
                known.insert(
                    id.to_lowercase(),
                    (row.get(1).map_err(fault)?, row.get(2).map_err(fault)?),
                );
                seq = seq.max(row.get(3).map_err(fault)?);
            }
        }
        let at = now(&tx).map_err(fault)?;
        let mut ledger = ledger::Writer::continuing(&tx, round).map_err(fault)?;
        let mut outcome = Added::default();
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO application (round_id, application_id, seq, input_fingerprint, \
                     application, requested, assessment, engine_version, source, added_at, added_by) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )
                .map_err(fault)?;
            for (new, texts) in applications.iter().zip(&digests) {
                // Ids that differ only in case name one application: two of them could be
                // granted twice what one requested.
                if let Some((fingerprint, stored_source)) =
                    known.get(&new.application_id.to_lowercase())
                {
                    if *fingerprint == new.input_fingerprint {
                        outcome.already.push(new.application_id.clone());
                    } else {
                        outcome.conflicts.push(Conflict {
                            application_id: new.application_id.clone(),
                            source: new.source.clone(),
                            stored_source: stored_source.clone(),
                        });
                    }
                    continue;
                }
                seq += 1;
                let record = StoredApplication {
                    seq,
                    application_id: new.application_id.clone(),
                    input_fingerprint: new.input_fingerprint.clone(),
                    application: new.application.clone(),
                    requested: new.requested,
                    assessment: new.assessment.clone(),
                    engine_version: new.engine_version.clone(),
                    source: new.source.clone(),
                    added_at: at.clone(),
                    added_by: self.user.clone(),
                };
                insert
                    .execute(params![
                        round,
                        record.application_id,
                        record.seq,
                        record.input_fingerprint,
                        record.application,
                        record.requested,
                        record.assessment,
                        record.engine_version,
                        record.source,
                        record.added_at,
                        record.added_by
                    ])
                    .map_err(fault)?;
                ledger
                    .append(
                        &tx,
                        Kind::Application,
                        &record.application_id,
                        &record.content_with(round, texts),
                    )
                    .map_err(fault)?;
                known.insert(
                    new.application_id.to_lowercase(),
                    (new.input_fingerprint.clone(), new.source.clone()),
                );
                outcome.added.push(new.application_id.clone());
                stored(outcome.added.len());
            }
        }
        if let Some(versions) = versions {
            crate::reviews::check_basis(&tx, versions, &self.path)?;
            // Only the applications stored now: one added before has its versions already.
            let mut mine = versions.clone();
            mine.assessments
                .retain(|(id, _, _)| outcome.added.contains(id));
            crate::reviews::store_versions(&tx, &mine, &versions.based_on, &at, &self.user)
                .map_err(fault)?;
        }
        (self.before_commit)("add");
        tx.commit().map_err(fault)?;
        Ok(outcome)
    }

    /// Calls `each` with every application of round `round`, in the order received.
    pub fn for_each_application(
        &self,
        round: &str,
        each: &mut dyn FnMut(StoredApplication) -> Result<()>,
    ) -> Result<()> {
        let mut statement = self
            .conn
            .prepare("SELECT * FROM application WHERE round_id = ?1 ORDER BY seq")
            .map_err(|e| self.fault(e))?;
        let mut rows = statement.query([round]).map_err(|e| self.fault(e))?;
        while let Some(row) = rows.next().map_err(|e| self.fault(e))? {
            each(StoredApplication::from_row(row).map_err(|e| self.fault(e))?)?;
        }
        Ok(())
    }

    /// Calls `each` with every application of round `round`, in the order received, with its
    /// current assessment (its latest version) in place of the first.
    pub fn for_each_current(
        &self,
        round: &str,
        each: &mut dyn FnMut(StoredApplication) -> Result<()>,
    ) -> Result<()> {
        let mut latest: HashMap<String, String> = HashMap::new();
        for version in self.assessment_versions(round)? {
            latest.insert(version.application_id, version.assessment);
        }
        self.for_each_application(round, &mut |mut stored| {
            if let Some(current) = latest.remove(&stored.application_id) {
                stored.assessment = current;
            }
            each(stored)
        })
    }

    /// The current assessment (its latest version, else the first) of application
    /// `application` of round `round`.
    ///
    /// # Errors
    /// [`Refusal::NoSuchApplication`] with the ids the round has.
    pub fn current_assessment(&self, round: &str, application: &str) -> Result<String> {
        let first = self.application(round, application)?.assessment;
        if !self.has_reviews() {
            return Ok(first);
        }
        let latest: Option<String> = self
            .conn
            .query_row(
                "SELECT assessment FROM assessment_version WHERE round_id = ?1 \
                 AND application_id = ?2 ORDER BY id DESC LIMIT 1",
                [round, application],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.fault(e))?;
        Ok(latest.unwrap_or(first))
    }

    /// The assessment the group decided on in `record`: the version of the application's
    /// assessment whose digest the decision recorded, or, for a decision recorded before the
    /// register recorded it (version 3), the current assessment.
    ///
    /// # Errors
    /// [`Refusal::NoSuchApplication`]; [`Fault::Storage`](crate::Fault::Storage) when the
    /// register holds no assessment of the application with the recorded digest (changed
    /// outside kriterium; `register verify` finds it too).
    pub fn decided_assessment(&self, record: &crate::DecisionRecord) -> Result<String> {
        let (round, application) = (&record.round, &record.application);
        let Some(digest) = &record.assessment_digest else {
            return self.current_assessment(round, application);
        };
        let first = self.application(round, application)?.assessment;
        if ledger::text_digest(&first) == *digest {
            return Ok(first);
        }
        let mut statement = self
            .conn
            .prepare(
                "SELECT assessment FROM assessment_version WHERE round_id = ?1 \
                 AND application_id = ?2 ORDER BY id DESC",
            )
            .map_err(|e| self.fault(e))?;
        let mut rows = statement
            .query([round, application])
            .map_err(|e| self.fault(e))?;
        while let Some(row) = rows.next().map_err(|e| self.fault(e))? {
            let text: String = row.get(0).map_err(|e| self.fault(e))?;
            if ledger::text_digest(&text) == *digest {
                return Ok(text);
            }
        }
        Err(crate::Fault::Storage {
            path: self.path.clone(),
            detail: format!(
                "decision no. {} on {application} names an assessment ({digest}) the register does not hold",
                record.id
            ),
        }
        .into())
    }

    /// How many applications round `round` has.
    pub fn application_count(&self, round: &str) -> Result<usize> {
        self.conn
            .query_row(
                "SELECT count(*) FROM application WHERE round_id = ?1",
                [round],
                |r| r.get(0),
            )
            .map_err(|e| self.fault(e))
    }

    /// The application `application` of round `round`.
    ///
    /// # Errors
    /// [`Refusal::NoSuchApplication`] with the ids the round has.
    pub fn application(&self, round: &str, application: &str) -> Result<StoredApplication> {
        let found = self
            .conn
            .query_row(
                "SELECT * FROM application WHERE round_id = ?1 AND application_id = ?2",
                [round, application],
                StoredApplication::from_row,
            )
            .optional()
            .map_err(|e| self.fault(e))?;
        if let Some(found) = found {
            return Ok(found);
        }
        let mut known = Vec::new();
        self.for_each_application(round, &mut |a| {
            known.push(a.application_id);
            Ok(())
        })?;
        Err(Refusal::NoSuchApplication {
            round: round.to_string(),
            application: application.to_string(),
            known,
        }
        .into())
    }
}
