//! `kriterium letters ROUND [--out DIR]`: one decision letter per decided application of a
//! round — tilsagn, delvist tilsagn or afslag — as HTML (prints to A4), Markdown and PDF, from
//! the register alone: the round's pack snapshot (its `[letter]` words and every rule's basis),
//! the stored application and assessment, and the group's current decision. The folder is
//! written whole or not at all (as `batch` writes its results), with `letters.json`, an index
//! of what was written.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use kriterium_engine::application::Application;
use kriterium_engine::decision::{Decision, Recommendation};
use kriterium_engine::letter::{self, GroupDecision, Kind, LetterError, LetterInput, RoundFacts};
use kriterium_engine::report;
use kriterium_register::{Access, DecisionRecord, Outcome};
use serde_json::json;

use super::super::batch::results::{Holds, LETTERS_INDEX, Staging};
use super::standing::{Row, Standing};
use super::words::{Words, say};
use super::{explain, open_register, usable_pack};
use crate::Status;
use crate::commands::output::CannotStore;
use crate::messages;

/// What every letter of a round is made from: the round, its pack snapshot, the language, and
/// the round ranked as decided.
pub struct Letters {
    pub round: kriterium_register::Round,
    pub pack: kriterium_engine::pack::RulePack,
    /// The round's language: the letters' language.
    pub lang: String,
    /// Ranked as decided: each letter states the assessment its decision was made on, and the
    /// round's ranking and grants as they were decided.
    pub standing: Standing,
    grants: Vec<letter::Grant>,
    versions: Vec<kriterium_register::AssessmentVersion>,
}

/// One application's letter: the view its files are rendered from, and its PDF.
pub struct Letter {
    pub view: letter::LetterView,
    /// The PDF's bytes (A4).
    pub pdf: Vec<u8>,
}

impl Letter {
    /// The letter as a self-contained HTML page (prints to A4).
    pub fn html(&self) -> String {
        report::letter_html(&self.view)
    }
}

impl Letters {
    /// What round `id`'s letters are made from, in language `lang` (the round's when `None`).
    ///
    /// Errors: no such round; the round's pack cannot be used; `lang` is not the round's (its
    /// reasons are in the round's language); the pack has no `[letter]` words.
    pub fn of(
        register: &kriterium_register::Register,
        id: &str,
        lang: Option<&str>,
    ) -> Result<Letters> {
        let round = super::round_of(register, id)?;
        let pack = usable_pack(register, &round)?;
        // The reasons in a letter are the pack's scripts' sentences, written when the round was
        // assessed, in the round's language: a letter in another language would mix the two.
        if let Some(asked) = lang.filter(|l| *l != round.language) {
            bail!(say(
                Words::LetterLanguage,
                &[
                    ("round", &messages::quoted(&round.id)),
                    ("lang", &round.language),
                    ("asked", asked),
                ]
            ));
        }
        if pack.manifest.letter.is_none() {
            return Err(no_words(&round.id, &pack.manifest.id));
        }
        let standing = Standing::as_decided(register, id)?;
        let grants: Vec<letter::Grant> = standing
            .rows
            .iter()
            .filter_map(|row| match row.decision.as_ref()?.outcome {
                Outcome::Grant(amount) => Some(letter::Grant {
                    application_id: row.application_id.clone(),
                    total: row.total,
                    amount,
                    rank: row.rank,
                }),
                Outcome::Reject => None,
            })
            .collect();
        let versions = register.assessment_versions(id).map_err(explain)?;
        Ok(Letters {
            lang: round.language.clone(),
            round,
            pack,
            standing,
            grants,
            versions,
        })
    }

    /// The decided applications with their current decisions, in the standing's order.
    pub fn decided(&self) -> Vec<(&Row, &DecisionRecord)> {
        self.standing
            .rows
            .iter()
            .filter_map(|row| Some((row, row.decision.as_ref()?)))
            .collect()
    }

    /// The letter of `row`'s decision `record` (one of [`Letters::decided`]).
    ///
    /// Errors: the stored application or assessment cannot be read; the decided assessment
    /// awaits review; the PDF cannot be made (a fault of kriterium, said with the application).
    pub fn letter(
        &self,
        register: &kriterium_register::Register,
        row: &Row,
        record: &DecisionRecord,
    ) -> Result<Letter> {
        let id = &self.round.id;
        let stored = register
            .application(id, &row.application_id)
            .map_err(explain)?;
        let unreadable = |problem: String| {
            anyhow::anyhow!(say(
                Words::AssessmentUnreadable,
                &[
                    ("round", &messages::quoted(id)),
                    ("id", &messages::quoted(&row.application_id)),
                    ("problem", &problem),
                ]
            ))
        };
        let application: Application =
            serde_json::from_str(&stored.application).map_err(|e| unreadable(e.to_string()))?;
        // The version the group decided on, not a later one made with reviews or a panel
        // entered after the decision.
        let decided = register.decided_assessment(record).map_err(explain)?;
        let assessment: Decision =
            serde_json::from_str(&decided).map_err(|e| unreadable(e.to_string()))?;
        // Only a decision recorded before the register named its assessment can fall back on a
        // current one that awaits review: its reviewed criterion has no points to state.
        if assessment.recommendation == Some(Recommendation::AwaitingReview) {
            bail!(say(
                Words::LetterAwaiting,
                &[
                    ("round", &messages::quoted(id)),
                    ("id", &messages::quoted(&row.application_id)),
                ]
            ));
        }
        let recommendation = Recommendation::from_key(&record.recommendation);
        let set_aside = set_aside(register, &self.versions, &decided, &assessment)?;
        let input = LetterInput {
            pack: &self.pack,
            lang: &self.lang,
            round: RoundFacts {
                id: &self.round.id,
                year: self.round.year,
                budget: self.round.budget,
                grants: &self.grants,
            },
            application: &application,
            assessment: &assessment,
            requested: stored.requested,
            rank: row.rank,
            decision: GroupDecision {
                granted: record.outcome.granted(),
                decided_on: letter::ymd(&record.decided_on)
                    .ok_or_else(|| unreadable(format!("date {}", record.decided_on)))?,
                reason: record.reason.as_deref(),
                recommendation,
                recommended_amount: record.recommended_amount,
                replaces: self
                    .standing
                    .history
                    .iter()
                    .filter(|d| d.application == row.application_id && d.id < record.id)
                    .max_by_key(|d| d.id)
                    .map(|d| (d.decided_on.as_str(), d.outcome.granted())),
                abstained: &record.abstained,
            },
            set_aside: &set_aside,
        };
        let view = match letter::letter(&input) {
            Ok(view) => view,
            Err(LetterError::NoLetterWords) => {
                return Err(no_words(&self.round.id, &self.pack.manifest.id));
            }
            Err(LetterError::BadDate(date)) => return Err(unreadable(format!("date {date}"))),
        };
        let data = serde_json::to_value(&view).context("the letter as data")?;
        // A PDF that cannot be made is our fault (the template), never the user's data: it is
        // said with the application it was for, and nothing is written.
        let pdf = kriterium_pdf::letter(&data, input.decision.decided_on).map_err(|e| {
            anyhow::anyhow!(say(
                Words::PdfFailed,
                &[
                    ("id", &messages::quoted(&row.application_id)),
                    ("problem", &e.message(messages::lang())),
                ]
            ))
        })?;
        Ok(Letter { view, pdf })
    }
}

/// The refusal of a round whose pack has no `[letter]` words.
fn no_words(round: &str, pack: &str) -> anyhow::Error {
    anyhow::anyhow!(say(
        Words::LetterWordsMissing,
        &[
            ("round", &messages::quoted(round)),
            ("pack", &messages::quoted(pack)),
        ]
    ))
}

/// Writes round `id`'s letters into `out` (default `letters-ID` in the current folder).
pub fn run(path: &Path, id: &str, out: Option<&Path>, lang: Option<&str>) -> Result<Status> {
    let register = open_register(path, Access::Read)?;
    let letters = Letters::of(&register, id, lang)?;
    let decided = letters.decided();
    if decided.is_empty() {
        bail!(say(
            Words::NoDecisionsForLetters,
            &[("round", &messages::quoted(&letters.round.id))]
        ));
    }

    let out: PathBuf =
        out.map_or_else(|| PathBuf::from(format!("letters-{id}")), Path::to_path_buf);
    let staging = Staging::begin_holding(&out, Holds::Letters)?;
    let mut index = Vec::new();
    let mut counts = [0usize; 3];
    for (row, record) in decided {
        let Letter { view, pdf } = letters.letter(&register, row, record)?;
        let stem = &row.application_id;
        let files = [
            (
                format!("{stem}.html"),
                report::letter_html(&view).into_bytes(),
            ),
            (
                format!("{stem}.md"),
                report::letter_markdown(&view).into_bytes(),
            ),
            (format!("{stem}.pdf"), pdf),
        ];
        for (name, bytes) in &files {
            let file = staging.path().join(name);
            std::fs::write(&file, bytes).map_err(CannotStore::write(&file))?;
        }
        counts[match view.kind {
            Kind::Grant => 0,
            Kind::PartialGrant => 1,
            Kind::Refusal => 2,
        }] += 1;
        index.push(json!({
            "application_id": row.application_id,
            "kind": view.kind,
            "case_number": view.case_number,
            "decided_on": view.date,
            "granted": record.outcome.amount(),
            "files": files.iter().map(|(name, _)| name).collect::<Vec<_>>(),
        }));
    }
    let pack = &letters.pack;
    let index = json!({
        "round": letters.round.id,
        "language": letters.lang,
        "engine_version": env!("CARGO_PKG_VERSION"),
        "pack": {"id": pack.manifest.id, "version": pack.manifest.version, "fingerprint": pack.fingerprint},
        "letters": index,
    });
    let file = staging.path().join(LETTERS_INDEX);
    let text = serde_json::to_string_pretty(&index).context("the index of letters")? + "\n";
    std::fs::write(&file, text).map_err(CannotStore::write(&file))?;
    let replaced = staging.commit()?;
    outln!(
        "{}",
        say(
            Words::LettersWritten,
            &[
                ("count", &(counts.iter().sum::<usize>()).to_string()),
                ("grants", &counts[0].to_string()),
                ("partial", &counts[1].to_string()),
                ("refusals", &counts[2].to_string()),
                ("out", &messages::quoted(&out.display().to_string())),
            ]
        )
    );
    replaced.remove();
    Ok(Status::Ok)
}

/// The members who stood aside from the decided assessment `assessment` (its JSON `text`)
/// although the reviews it was made from held a review of the application by them: entered
/// before their conflict was known (a panel set later), set aside by the conflict rule. The
/// basis is the one of the assessment version with that text (`versions`, the round's); the
/// application's first assessment had no reviews.
fn set_aside(
    register: &kriterium_register::Register,
    versions: &[kriterium_register::AssessmentVersion],
    text: &str,
    assessment: &Decision,
) -> Result<Vec<String>> {
    let Some(reviews) = &assessment.reviews else {
        return Ok(Vec::new());
    };
    let Some(version) = versions
        .iter()
        .rev()
        .find(|v| v.application_id == assessment.application_id && v.assessment == text)
    else {
        return Ok(Vec::new());
    };
    let reviewers: Vec<String> = register
        .reviews_of(&version.basis.entries)
        .map_err(explain)?
        .into_iter()
        .filter(|r| r.review.application_id == assessment.application_id)
        .map(|r| r.review.reviewer)
        .collect();
    Ok(reviews
        .stood_aside
        .iter()
        .filter(|s| reviewers.contains(&s.member))
        .map(|s| s.member.clone())
        .collect())
}
