//! The group's decisions, kept apart from the recommendation: grant (possibly partial) or
//! refusal, the meeting's date, the reason, the members who stood aside, and what kriterium
//! recommended at the time. A changed decision is a new record; every earlier one is kept.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, Row, params};
use serde_json::json;

use crate::ledger::{self, Kind};
use crate::rounds::{granted_in_year, year_budget};
use crate::{Refusal, Register, Result, fault_at, now, still_open};

/// What the group decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// *Tilsagn*: a grant of this many kr. (below the requested amount: a partial grant).
    Grant(u64),
    /// *Afslag*: a refusal.
    Reject,
}

impl Outcome {
    /// kr. granted: the amount of a grant, 0 for a refusal.
    pub fn amount(self) -> u64 {
        match self {
            Outcome::Grant(amount) => amount,
            Outcome::Reject => 0,
        }
    }

    /// kr. granted, `None` for a refusal.
    pub fn granted(self) -> Option<u64> {
        match self {
            Outcome::Grant(amount) => Some(amount),
            Outcome::Reject => None,
        }
    }

    /// The name in the `decision.outcome` column: `grant` or `reject`.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Grant(_) => "grant",
            Outcome::Reject => "reject",
        }
    }
}

/// A decision to record.
#[derive(Debug, Clone)]
pub struct NewDecision {
    pub round: String,
    pub application: String,
    pub outcome: Outcome,
    /// The meeting's date, `YYYY-MM-DD`.
    pub decided_on: String,
    /// Why, required by the caller when the decision differs from the recommendation.
    pub reason: Option<String>,
    /// What kriterium recommended (`fund`, `reserve`, `below_threshold`, `ineligible`).
    pub recommendation: String,
    /// kr. the recommendation would grant.
    pub recommended_amount: u64,
    /// Members who stood aside for a conflict of interest.
    pub abstained: Vec<String>,
    /// Whether the decision differs from the recommendation (the caller's rule): such a
    /// decision is refused without a reason, after the checks of money, so a decision that
    /// cannot be made at all says so first.
    pub differs: bool,
    /// The digest ([`crate::ledger::text_digest`]) of the assessment the caller ranked and the
    /// group decided on: the application's current assessment. The register refuses
    /// ([`Refusal::ChangedMeanwhile`]) when it is no longer current.
    pub assessment_digest: String,
    /// What the caller saw as the application's current decision when the group chose this
    /// one: checked in the same transaction as the insert ([`Refusal::DecisionChanged`]), so
    /// two people deciding the same application at once cannot both win unnoticed.
    pub expected: Expected,
}

/// The current decision a new one is made over, as the caller last saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// No expectation: whatever is current is replaced (the command line, which reads and
    /// writes in one run).
    Anything,
    /// The application had no decision.
    Nothing,
    /// The current decision was the one with this [`DecisionRecord::id`].
    Decision(i64),
}

/// A decision as the register keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRecord {
    /// Order in which decisions were recorded, across the register.
    pub id: i64,
    pub round: String,
    pub application: String,
    pub outcome: Outcome,
    pub decided_on: String,
    pub reason: Option<String>,
    pub recommendation: String,
    pub recommended_amount: u64,
    /// Members who stood aside, sorted.
    pub abstained: Vec<String>,
    pub recorded_at: String,
    pub recorded_by: String,
    /// The digest of the assessment the group decided on (`sha256:…` of its decision JSON);
    /// `None` for a decision recorded before the register's version 3, which did not record it.
    pub assessment_digest: Option<String>,
}

impl DecisionRecord {
    /// What the ledger's digest of the record covers.
    pub(crate) fn content(&self) -> serde_json::Value {
        let mut content = json!([
            self.id,
            self.round,
            self.application,
            self.outcome.key(),
            self.outcome.amount(),
            self.decided_on,
            self.reason,
            self.recommendation,
            self.recommended_amount,
            self.recorded_at,
            self.recorded_by,
            self.abstained
        ]);
        // Added last and only when recorded, so a decision recorded before version 3 hashes as
        // it did when the ledger entry was made.
        if let (Some(digest), Some(parts)) = (&self.assessment_digest, content.as_array_mut()) {
            parts.push(json!(digest));
        }
        content
    }

    /// A record from a `decision` row; abstentions are filled in afterwards.
    fn from_row(row: &Row<'_>) -> rusqlite::Result<DecisionRecord> {
        let outcome: String = row.get("outcome")?;
        let amount: u64 = row.get("amount")?;
        Ok(DecisionRecord {
            id: row.get("id")?,
            round: row.get("round_id")?,
            application: row.get("application_id")?,
            // The table's CHECK allows only these two.
            outcome: if outcome == "grant" {
                Outcome::Grant(amount)
            } else {
                Outcome::Reject
            },
            decided_on: row.get("decided_on")?,
            reason: row.get("reason")?,
            recommendation: row.get("recommendation")?,
            recommended_amount: row.get("recommended_amount")?,
            abstained: Vec::new(),
            recorded_at: row.get("recorded_at")?,
            recorded_by: row.get("recorded_by")?,
            // A register of version 2 read as it is has no such column.
            assessment_digest: match row.as_ref().column_index("assessment_digest") {
                Ok(i) => row.get(i)?,
                Err(_) => None,
            },
        })
    }
}

impl Register {
    /// Records a decision, in one transaction.
    ///
    /// # Errors
    /// [`Refusal::NoSuchRound`], [`Refusal::RoundClosed`], [`Refusal::NoSuchApplication`];
    /// [`Refusal::MoreThanRequested`] for a grant above the requested amount;
    /// [`Refusal::MoreThanYearLeft`] for a grant above what the round's year has left of its
    /// budget ([`Register::year_budget`]; the application's own current grant counts as left,
    /// since the new decision replaces it); [`Refusal::DecisionChanged`] when the current
    /// decision is not the one [`NewDecision::expected`] names.
    pub fn decide(&mut self, new: &NewDecision) -> Result<DecisionRecord> {
        let round = self.round(&new.round)?;
        let application = self.application(&new.round, &new.application)?;
        let fault = fault_at(&self.path);
        let tx = self.conn.transaction().map_err(fault)?;
        still_open(&tx, &new.round, &self.path)?;
        if new.expected != Expected::Anything {
            let current: Option<(i64, String, String)> = tx
                .query_row(
                    "SELECT id, recorded_by, recorded_at FROM current_decision \
                     WHERE round_id = ?1 AND application_id = ?2",
                    [&new.round, &new.application],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()
                .map_err(fault)?;
            let seen = match &current {
                None => Expected::Nothing,
                Some((id, _, _)) => Expected::Decision(*id),
            };
            if seen != new.expected {
                return Err(Refusal::DecisionChanged {
                    round: new.round.clone(),
                    application: new.application.clone(),
                    current: current.map(|(_, by, at)| (by, at)),
                }
                .into());
            }
        }
        if let Outcome::Grant(asked) = new.outcome {
            if asked > application.requested {
                return Err(Refusal::MoreThanRequested {
                    application: new.application.clone(),
                    requested: application.requested,
                    asked,
                    currency: round.currency.clone(),
                }
                .into());
            }
            // The same application (by id) granted in other rounds of the year counts
            // against what it requested.
            let elsewhere: Vec<(String, u64)> = {
                let mut statement = tx
                    .prepare(
                        "SELECT d.round_id, d.amount FROM current_decision d \
                         JOIN round r ON r.id = d.round_id WHERE r.year = ?1 AND r.pack_id = ?4 \
                         AND lower(d.application_id) = lower(?2) AND d.round_id != ?3 \
                         AND d.outcome = 'grant' ORDER BY d.round_id",
                    )
                    .map_err(fault)?;
                statement
                    .query_map(
                        rusqlite::params![round.year, new.application, new.round, round.pack_id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .map_err(fault)?
                    .collect::<rusqlite::Result<_>>()
                    .map_err(fault)?
            };
            let before: u64 = elsewhere.iter().map(|(_, n)| n).sum();
            if before.saturating_add(asked) > application.requested {
                return Err(Refusal::GrantedElsewhere {
                    application: new.application.clone(),
                    year: round.year,
                    elsewhere,
                    requested: application.requested,
                    asked,
                    currency: round.currency.clone(),
                }
                .into());
            }
            let granted = granted_in_year(&tx, &round.pack_id, round.year).map_err(fault)?;
            let own: u64 = tx
                .query_row(
                    "SELECT coalesce(sum(amount), 0) FROM current_decision \
                     WHERE round_id = ?1 AND application_id = ?2 AND outcome = 'grant'",
                    [&new.round, &new.application],
                    |r| r.get(0),
                )
                .map_err(fault)?;
            let budget = year_budget(&tx, &round.pack_id, round.year)
                .map_err(fault)?
                .unwrap_or(round.year_budget);
            let left = budget.saturating_sub(granted.saturating_sub(own));
            if asked > left {
                return Err(Refusal::MoreThanYearLeft {
                    year: round.year,
                    left,
                    asked,
                    currency: round.currency.clone(),
                }
                .into());
            }
        }
        if new.differs && new.reason.is_none() {
            return Err(Refusal::ReasonNeeded {
                recommendation: new.recommendation.clone(),
                recommended_amount: new.recommended_amount,
                currency: round.currency.clone(),
            }
            .into());
        }
        // The group decided on the assessment the caller ranked: if reviews or a panel gave the
        // application another one since, the decision would name an assessment nobody saw.
        let current: String = tx
            .query_row(
                "SELECT assessment FROM current_assessment WHERE round_id = ?1 \
                 AND application_id = ?2",
                [&new.round, &new.application],
                |r| r.get(0),
            )
            .map_err(fault)?;
        if ledger::text_digest(&current) != new.assessment_digest {
            return Err(Refusal::ChangedMeanwhile {
                round: new.round.clone(),
            }
            .into());
        }
        let mut abstained = new.abstained.clone();
        abstained.sort();
        abstained.dedup();
        let recorded_at = now(&tx).map_err(fault)?;
        tx.execute(
            "INSERT INTO decision (round_id, application_id, outcome, amount, decided_on, reason, \
             recommendation, recommended_amount, recorded_at, recorded_by, assessment_digest) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                new.round,
                new.application,
                new.outcome.key(),
                new.outcome.amount(),
                new.decided_on,
                new.reason,
                new.recommendation,
                new.recommended_amount,
                recorded_at,
                self.user,
                new.assessment_digest
            ],
        )
        .map_err(fault)?;
        let id = tx.last_insert_rowid();
        for member in &abstained {
            tx.execute(
                "INSERT INTO abstention (decision_id, member) VALUES (?1, ?2)",
                params![id, member],
            )
            .map_err(fault)?;
        }
        let record = DecisionRecord {
            id,
            round: new.round.clone(),
            application: new.application.clone(),
            outcome: new.outcome,
            decided_on: new.decided_on.clone(),
            reason: new.reason.clone(),
            recommendation: new.recommendation.clone(),
            recommended_amount: new.recommended_amount,
            abstained,
            recorded_at,
            recorded_by: self.user.clone(),
            assessment_digest: Some(new.assessment_digest.clone()),
        };
        let mut ledger = ledger::Writer::continuing(&tx, &new.round).map_err(fault)?;
        ledger
            .append(&tx, Kind::Decision, &id.to_string(), &record.content())
            .map_err(fault)?;
        (self.before_commit)("decide");
        tx.commit().map_err(fault)?;
        Ok(record)
    }

    /// Every decision of round `round`, oldest first, abstentions filled in.
    pub fn decisions(&self, round: &str) -> Result<Vec<DecisionRecord>> {
        let mut records: Vec<DecisionRecord> = {
            let mut statement = self
                .conn
                .prepare("SELECT * FROM decision WHERE round_id = ?1 ORDER BY id")
                .map_err(|e| self.fault(e))?;
            statement
                .query_map([round], DecisionRecord::from_row)
                .map_err(|e| self.fault(e))?
                .collect::<rusqlite::Result<_>>()
                .map_err(|e| self.fault(e))?
        };
        let mut abstained: BTreeMap<i64, Vec<String>> = BTreeMap::new();
        {
            let mut statement = self
                .conn
                .prepare(
                    "SELECT s.decision_id, s.member FROM abstention s JOIN decision d \
                     ON d.id = s.decision_id WHERE d.round_id = ?1 ORDER BY s.decision_id, s.member",
                )
                .map_err(|e| self.fault(e))?;
            let mut rows = statement.query([round]).map_err(|e| self.fault(e))?;
            while let Some(row) = rows.next().map_err(|e| self.fault(e))? {
                let id: i64 = row.get(0).map_err(|e| self.fault(e))?;
                let member: String = row.get(1).map_err(|e| self.fault(e))?;
                abstained.entry(id).or_default().push(member);
            }
        }
        for record in &mut records {
            if let Some(members) = abstained.remove(&record.id) {
                record.abstained = members;
            }
        }
        Ok(records)
    }

    /// The current decision on each application of round `round` that has one, by id.
    pub fn current_decisions(&self, round: &str) -> Result<BTreeMap<String, DecisionRecord>> {
        let mut current = BTreeMap::new();
        for record in self.decisions(round)? {
            // Oldest first: a later decision replaces an earlier one.
            current.insert(record.application.clone(), record);
        }
        Ok(current)
    }
}
