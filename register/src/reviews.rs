//! Reviewers' scores per round, and the later versions of assessments they bring.
//!
//! A reviewer's reviews of a round arrive as an entry (`kriterium reviews add`): the reviewer's
//! latest entry in the round holds the reviews in force, and an earlier entry stays as history,
//! superseded. Because reviews (and the panel) change scores, an application's assessment gets
//! new versions: the first stays in `application`; each later one names its [`Basis`], the panel
//! and the review entries it was made from, so `register verify` rebuilds exactly those reviews
//! and reproduces it byte for byte.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{Row, Transaction, params};
use serde_json::json;

use crate::ledger::{self, Kind};
use crate::{Refusal, Register, Result, fault_at, now, still_open};

/// What an assessment was made from besides the application and the round's pack: the panel
/// (its id in the register) and the review entries in force (their ids, ascending).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Basis {
    pub panel: Option<i64>,
    pub entries: Vec<i64>,
}

impl Basis {
    /// Whether the basis holds nothing: no panel, no reviews (what the first assessment of an
    /// application is made from).
    pub fn is_empty(&self) -> bool {
        self.panel.is_none() && self.entries.is_empty()
    }
}

/// A review to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReview {
    pub reviewer: String,
    pub application_id: String,
    pub criterion: String,
    /// A whole number on the criterion's scale (the caller checks it).
    pub score: u32,
    pub comment: String,
    /// The file, sheet and row it was read from, as messages name them.
    pub source: String,
}

/// A review as the register keeps it: the review as stored, and the entry it came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReview {
    /// The entry it came in.
    pub entry: i64,
    pub review: NewReview,
}

/// One reviewer's entry of reviews in a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewEntry {
    pub id: i64,
    pub round: String,
    pub reviewer: String,
    pub entered_at: String,
    pub entered_by: String,
    /// By application and criterion.
    pub reviews: Vec<StoredReview>,
    /// Whether it holds the reviewer's reviews in force (their latest entry in the round); an
    /// entry that is not was superseded by a later one.
    pub current: bool,
}

impl ReviewEntry {
    /// What the ledger's digest of the entry covers: the entry and every review in it.
    pub(crate) fn content(&self) -> serde_json::Value {
        let reviews: Vec<serde_json::Value> = self
            .reviews
            .iter()
            .map(|r| &r.review)
            .map(|r| json!([r.application_id, r.criterion, r.score, r.comment, r.source]))
            .collect();
        json!([
            self.round,
            self.id,
            self.reviewer,
            self.entered_at,
            self.entered_by,
            reviews
        ])
    }
}

/// A later version of an application's assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentVersion {
    pub id: i64,
    pub round: String,
    pub application_id: String,
    /// The decision JSON.
    pub assessment: String,
    pub engine_version: String,
    pub basis: Basis,
    pub made_at: String,
    pub made_by: String,
}

impl AssessmentVersion {
    /// What the ledger's digest of the version covers.
    pub(crate) fn content(&self) -> serde_json::Value {
        json!([
            self.round,
            self.id,
            self.application_id,
            ledger::text_digest(&self.assessment),
            self.engine_version,
            self.basis.panel,
            self.basis.entries,
            self.made_at,
            self.made_by
        ])
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<AssessmentVersion> {
        let entries: String = row.get("entries")?;
        Ok(AssessmentVersion {
            id: row.get("id")?,
            round: row.get("round_id")?,
            application_id: row.get("application_id")?,
            assessment: row.get("assessment")?,
            engine_version: row.get("engine_version")?,
            basis: Basis {
                panel: row.get("panel_id")?,
                entries: entry_ids(&entries).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        0,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?,
            },
            made_at: row.get("made_at")?,
            made_by: row.get("made_by")?,
        })
    }
}

fn entry_ids(text: &str) -> std::result::Result<Vec<i64>, serde_json::Error> {
    serde_json::from_str(text)
}

/// Assessments of a round's applications made from `based_on` (the panel and reviews the
/// command read) — or, for a change that brings a new panel or new reviews, from `based_on`
/// with that change. Only those that differ from an application's current assessment are
/// stored as new versions.
#[derive(Debug, Clone, Default)]
pub struct Versions {
    pub round: String,
    /// The round's basis when the command read it; the register refuses to store when it is no
    /// longer the round's basis ([`Refusal::ChangedMeanwhile`]).
    pub based_on: Basis,
    /// (application id, decision JSON, engine version).
    pub assessments: Vec<(String, String, String)>,
}

/// The round's basis now: its panel and the review entries in force.
pub(crate) fn basis_in(conn: &rusqlite::Connection, round: &str) -> rusqlite::Result<Basis> {
    use rusqlite::OptionalExtension;
    let panel: Option<i64> = conn
        .query_row(
            "SELECT panel_id FROM round_panel WHERE round_id = ?1 ORDER BY id DESC LIMIT 1",
            [round],
            |r| r.get(0),
        )
        .optional()?;
    let mut statement = conn.prepare_cached(
        "SELECT max(id) FROM review_entry WHERE round_id = ?1 GROUP BY reviewer ORDER BY 1",
    )?;
    let entries = statement
        .query_map([round], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(Basis { panel, entries })
}

/// Refuses when round `versions.round` no longer has the basis the versions were read at.
pub(crate) fn check_basis(tx: &Transaction<'_>, versions: &Versions, path: &Path) -> Result<()> {
    still_open(tx, &versions.round, path)?;
    let now = basis_in(tx, &versions.round).map_err(fault_at(path))?;
    if now != versions.based_on {
        return Err(Refusal::ChangedMeanwhile {
            round: versions.round.clone(),
        }
        .into());
    }
    Ok(())
}

/// Stores as new versions, with `basis`, the assessments of `versions` that differ from their
/// application's current assessment. Returns how many were stored.
pub(crate) fn store_versions(
    tx: &Transaction<'_>,
    versions: &Versions,
    basis: &Basis,
    at: &str,
    user: &str,
) -> rusqlite::Result<usize> {
    let round = &versions.round;
    let entries = json!(basis.entries).to_string();
    let mut ledger = ledger::Writer::continuing(tx, round)?;
    let mut stored = 0;
    for (application_id, assessment, engine_version) in &versions.assessments {
        let current: String = tx.query_row(
            "SELECT assessment FROM current_assessment WHERE round_id = ?1 AND application_id = ?2",
            [round, application_id],
            |r| r.get(0),
        )?;
        if current == *assessment {
            continue;
        }
        tx.prepare_cached(
            "INSERT INTO assessment_version (round_id, application_id, assessment, engine_version, \
             panel_id, entries, made_at, made_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            round,
            application_id,
            assessment,
            engine_version,
            basis.panel,
            entries,
            at,
            user
        ])?;
        let version = AssessmentVersion {
            id: tx.last_insert_rowid(),
            round: round.clone(),
            application_id: application_id.clone(),
            assessment: assessment.clone(),
            engine_version: engine_version.clone(),
            basis: basis.clone(),
            made_at: at.to_string(),
            made_by: user.to_string(),
        };
        ledger.append(
            tx,
            Kind::Assessment,
            &version.id.to_string(),
            &version.content(),
        )?;
        stored += 1;
    }
    Ok(stored)
}

impl Register {
    /// Round `round`'s basis now: its panel and the review entries in force.
    pub fn round_basis(&self, round: &str) -> Result<Basis> {
        if !self.has_reviews() {
            return Ok(Basis::default());
        }
        basis_in(&self.conn, round).map_err(|e| self.fault(e))
    }

    /// Every review entry of round `round`, oldest first, with their reviews (the history; the
    /// current ones marked).
    pub fn review_entries(&self, round: &str) -> Result<Vec<ReviewEntry>> {
        if !self.has_reviews() {
            return Ok(Vec::new());
        }
        let current = self.round_basis(round)?.entries;
        let fault = |e| self.fault(e);
        let mut statement = self
            .conn
            .prepare("SELECT * FROM review_entry WHERE round_id = ?1 ORDER BY id")
            .map_err(fault)?;
        let mut entries: Vec<ReviewEntry> = statement
            .query_map([round], |row| {
                let id: i64 = row.get("id")?;
                Ok(ReviewEntry {
                    id,
                    round: row.get("round_id")?,
                    reviewer: row.get("reviewer")?,
                    entered_at: row.get("entered_at")?,
                    entered_by: row.get("entered_by")?,
                    reviews: Vec::new(),
                    current: current.contains(&id),
                })
            })
            .map_err(fault)?
            .collect::<rusqlite::Result<_>>()
            .map_err(fault)?;
        let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
        let mut by_entry: BTreeMap<i64, Vec<StoredReview>> = BTreeMap::new();
        for review in self.reviews_of(&ids)? {
            by_entry.entry(review.entry).or_default().push(review);
        }
        for entry in &mut entries {
            entry.reviews = by_entry.remove(&entry.id).unwrap_or_default();
        }
        Ok(entries)
    }

    /// The reviews of the entries `entries`, by entry, application and criterion.
    pub fn reviews_of(&self, entries: &[i64]) -> Result<Vec<StoredReview>> {
        if !self.has_reviews() {
            return Ok(Vec::new());
        }
        let fault = |e| self.fault(e);
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT r.*, e.reviewer FROM review r JOIN review_entry e ON e.id = r.entry_id \
                 WHERE r.entry_id = ?1 ORDER BY r.application_id, r.criterion",
            )
            .map_err(fault)?;
        let mut all = Vec::new();
        let mut sorted = entries.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        for entry in sorted {
            let rows = statement
                .query_map([entry], |row| {
                    Ok(StoredReview {
                        entry: row.get("entry_id")?,
                        review: NewReview {
                            reviewer: row.get("reviewer")?,
                            application_id: row.get("application_id")?,
                            criterion: row.get("criterion")?,
                            score: row.get("score")?,
                            comment: row.get("comment")?,
                            source: row.get("source")?,
                        },
                    })
                })
                .map_err(fault)?;
            for row in rows {
                all.push(row.map_err(fault)?);
            }
        }
        Ok(all)
    }

    /// Every later version of round `round`'s assessments, oldest first.
    pub fn assessment_versions(&self, round: &str) -> Result<Vec<AssessmentVersion>> {
        if !self.has_reviews() {
            return Ok(Vec::new());
        }
        let fault = |e| self.fault(e);
        let mut statement = self
            .conn
            .prepare("SELECT * FROM assessment_version WHERE round_id = ?1 ORDER BY id")
            .map_err(fault)?;
        let rows = statement
            .query_map([round], AssessmentVersion::from_row)
            .map_err(fault)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(fault)
    }

    /// Stores reviews in round `round`, in one transaction: one new entry for each of
    /// `reviewers` (a reviewer named without reviews gets an empty entry: their sheet, blank,
    /// replaces their earlier reviews), holding that reviewer's `reviews`; then the assessments
    /// `versions` made with them (assessed from `versions.based_on` with these entries in place
    /// of the reviewers' earlier ones). Returns the new entries' ids, by reviewer.
    ///
    /// # Errors
    /// [`Refusal::NoSuchRound`], [`Refusal::RoundClosed`], [`Refusal::NoSuchApplication`] for a
    /// review of an application the round does not have, [`Refusal::ChangedMeanwhile`]; a
    /// fault when the register cannot be written.
    pub fn add_reviews(
        &mut self,
        reviewers: &[String],
        reviews: &[NewReview],
        versions: &Versions,
    ) -> Result<BTreeMap<String, i64>> {
        let round = versions.round.as_str();
        self.round(round)?;
        for review in reviews {
            // The caller checked them against the round; asked here so the foreign key never
            // has to say it.
            self.application(round, &review.application_id)?;
        }
        let fault = fault_at(&self.path);
        let tx = self.conn.transaction().map_err(fault)?;
        check_basis(&tx, versions, &self.path)?;
        let at = now(&tx).map_err(fault)?;
        let mut ids = BTreeMap::new();
        let mut names: Vec<&String> = reviewers.iter().collect();
        names.sort();
        names.dedup();
        for reviewer in names {
            tx.execute(
                "INSERT INTO review_entry (round_id, reviewer, entered_at, entered_by) \
                 VALUES (?1, ?2, ?3, ?4)",
                params![round, reviewer, at, self.user],
            )
            .map_err(fault)?;
            let id = tx.last_insert_rowid();
            let mut mine: Vec<&NewReview> =
                reviews.iter().filter(|r| r.reviewer == *reviewer).collect();
            mine.sort_by(|a, b| {
                (&a.application_id, &a.criterion).cmp(&(&b.application_id, &b.criterion))
            });
            let mut entry = ReviewEntry {
                id,
                round: round.to_string(),
                reviewer: reviewer.clone(),
                entered_at: at.clone(),
                entered_by: self.user.clone(),
                reviews: Vec::new(),
                current: true,
            };
            for review in mine {
                tx.prepare_cached(
                    "INSERT INTO review (entry_id, round_id, application_id, criterion, score, \
                     comment, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(fault)?
                .execute(params![
                    id,
                    round,
                    review.application_id,
                    review.criterion,
                    review.score,
                    review.comment,
                    review.source
                ])
                .map_err(fault)?;
                entry.reviews.push(StoredReview {
                    entry: id,
                    review: NewReview {
                        reviewer: reviewer.clone(),
                        ..review.clone()
                    },
                });
            }
            ledger::Writer::continuing(&tx, round)
                .and_then(|mut l| l.append(&tx, Kind::Reviews, &id.to_string(), &entry.content()))
                .map_err(fault)?;
            ids.insert(reviewer.clone(), id);
        }
        let basis = basis_in(&tx, round).map_err(fault)?;
        store_versions(&tx, versions, &basis, &at, &self.user).map_err(fault)?;
        (self.before_commit)("reviews");
        tx.commit().map_err(fault)?;
        Ok(ids)
    }

    /// Stores the assessments `versions` (made from the round's basis now) that differ from the
    /// current ones as new versions, in one transaction. Returns how many were stored.
    ///
    /// # Errors
    /// [`Refusal::RoundClosed`], [`Refusal::ChangedMeanwhile`]; a fault when the register
    /// cannot be written.
    pub fn store_versions(&mut self, versions: &Versions) -> Result<usize> {
        let fault = fault_at(&self.path);
        let tx = self.conn.transaction().map_err(fault)?;
        check_basis(&tx, versions, &self.path)?;
        let at = now(&tx).map_err(fault)?;
        let stored =
            store_versions(&tx, versions, &versions.based_on, &at, &self.user).map_err(fault)?;
        (self.before_commit)("versions");
        tx.commit().map_err(fault)?;
        Ok(stored)
    }
}
