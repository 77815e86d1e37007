//! Scoring: runs a pack's gates and criteria on an application and adds up exact weighted points,
//! and computes its portfolio attributes.
//!
//! An [`Assessor`] holds one sandboxed engine and the pack's compiled scripts; build one per
//! thread. The application is turned into a Rhai value once and every script reads that same
//! value, read-only. All scripts run even when a gate fails, so a report shows the whole
//! picture; if any script fails, the application is not assessed and every failure is reported.

use std::cell::RefCell;

use rhai::Dynamic;

use crate::ENGINE_VERSION;
use crate::decimal::Decimal;
use crate::decision::{
    CriterionResult, Decision, DecisionReviews, GateResult, PackRef, Recommendation,
};
use crate::pack::RulePack;
use crate::portfolio::Attributes;
use crate::problem::{Message, Problem, Problems, Wording};
use crate::ranking::Entry;
use crate::review::{self, ApplicationReviews, ReviewBook};
use crate::script::meter::Limit;
use crate::script::{Script, ScriptHost, ScriptKind, record};
use crate::text;
use crate::validation::ValidApplication;

/// The outcome of one gate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateOutcome {
    /// Whether the requirement is met.
    pub passed: bool,
    /// Why.
    pub reason: String,
}

/// The outcome of one criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionOutcome {
    /// Points awarded, `0..=max_points`.
    pub points: Decimal,
    /// `points × weight`.
    pub weighted: Decimal,
    /// Whether the points reach the criterion's minimum (true when it has none).
    pub meets_minimum: bool,
    /// Reasons in the script's order.
    pub reasons: Vec<String>,
}

/// The assessment of one application under one pack, in the pack's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The application's id.
    pub application_id: String,
    /// The application's title.
    pub title: String,
    /// One per gate of the pack.
    pub gates: Vec<GateOutcome>,
    /// One per criterion of the pack, in priority order.
    pub criteria: Vec<CriterionOutcome>,
    /// Sum of weighted points.
    pub total: Decimal,
    /// `sha256:` of the application's canonical JSON.
    pub input_fingerprint: String,
    /// The application's reviews, when the pack has a criterion scored by reviewers.
    pub reviews: Option<ApplicationReviews>,
    /// Its portfolio attributes, by id (empty when the pack declares none): what the pack's
    /// portfolio goals count.
    pub attributes: Attributes,
}

impl Assessment {
    /// Whether every gate passed.
    pub fn eligible(&self) -> bool {
        self.gates.iter().all(|g| g.passed)
    }

    /// What can be recommended without a budget: `ineligible`, `below_threshold`, or `None`
    /// (the application is ranked against the budget).
    pub fn recommendation(&self, pack: &RulePack) -> Option<Recommendation> {
        crate::ranking::exclusion(
            self.eligible(),
            self.awaiting_review(),
            self.criteria.iter().all(|c| c.meets_minimum),
            self.total,
            pack.manifest.threshold,
        )
    }

    /// Whether a criterion scored by reviewers has no review yet.
    pub fn awaiting_review(&self) -> bool {
        self.reviews
            .as_ref()
            .is_some_and(ApplicationReviews::awaiting)
    }

    /// What ranking needs of this assessment; `requested` is the application's requested amount.
    pub fn entry(&self, pack: &RulePack, requested: u64) -> Entry {
        Entry {
            application_id: self.application_id.clone(),
            requested,
            total: self.total,
            points: self.criteria.iter().map(|c| c.points).collect(),
            excluded: self.recommendation(pack),
            attributes: self.attributes.clone(),
        }
    }

    /// The decision, with titles in `lang` (the pack's language when it lacks `lang`).
    pub fn to_decision(&self, pack: &RulePack, lang: &str) -> Decision {
        let manifest = &pack.manifest;
        let fallback = manifest.language.as_str();
        Decision {
            application_id: self.application_id.clone(),
            title: self.title.clone(),
            eligible: self.eligible(),
            gates: manifest
                .gates
                .iter()
                .zip(&self.gates)
                .map(|(spec, outcome)| GateResult {
                    id: spec.id.clone(),
                    title: spec.title.get(lang, fallback).to_string(),
                    passed: outcome.passed,
                    reason: outcome.reason.clone(),
                })
                .collect(),
            criteria: manifest
                .criteria
                .iter()
                .zip(&self.criteria)
                .enumerate()
                .map(|(i, (spec, outcome))| CriterionResult {
                    id: spec.id.clone(),
                    title: spec.title.get(lang, fallback).to_string(),
                    priority: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    weight: spec.weight,
                    points: outcome.points,
                    max_points: Decimal::from(spec.max_points),
                    min_points: spec.min_points,
                    weighted: outcome.weighted,
                    reasons: outcome.reasons.clone(),
                    review: self
                        .reviews
                        .as_ref()
                        .and_then(|r| r.criteria.get(i).cloned().flatten()),
                })
                .collect(),
            total: self.total,
            max_total: pack.max_total(),
            recommendation: self.recommendation(pack),
            rank: None,
            granted: None,
            batch: None,
            pack: PackRef {
                id: manifest.id.clone(),
                version: manifest.version.clone(),
                fingerprint: pack.fingerprint.clone(),
            },
            input_fingerprint: self.input_fingerprint.clone(),
            engine_version: ENGINE_VERSION.to_string(),
            budget: Some(pack.funds().budget),
            year: pack.funds().year,
            reviews: self.reviews.as_ref().map(|r| DecisionReviews {
                fingerprint: r.fingerprint.clone().unwrap_or_default(),
                assessed_by: r.assessed_by.clone(),
                stood_aside: r.stood_aside.clone(),
                calibrated_from: r.calibrated_from.clone(),
            }),
            attributes: self.attributes.clone(),
        }
    }
}

/// Says which gate or criterion a script problem belongs to.
fn naming(kind: Wording, id: &str, mut problem: Problem) -> Problem {
    problem.message = Message::of(kind)
        .with("id", text::quote(id))
        .with("problem", problem.message);
    problem
}

/// A script stopped by one of its limits while assessing an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitHit {
    /// The script, as messages name it (`criteria/x.rhai`).
    pub script: String,
    /// Which limit stopped it.
    pub limit: Limit,
    /// Where in the script it stopped, as words for a message (` at line 3, column 10`), empty
    /// where Rhai gives no position.
    pub place: String,
}

/// Runs one pack's scripts. Holds a Rhai engine, so it stays on the thread that built it.
pub struct Assessor<'p> {
    pack: &'p RulePack,
    host: ScriptHost,
    gates: Vec<(String, Script)>,
    criteria: Vec<(String, Script)>,
    /// The portfolio attributes' scripts, in the pack's order.
    attributes: Vec<(String, Script)>,
    pack_value: Dynamic,
    /// Scripts stopped by a limit since the last `take_limit_hits`.
    limit_hits: RefCell<Vec<LimitHit>>,
}

impl<'p> Assessor<'p> {
    /// Compiles the pack's scripts for this thread.
    pub fn new(pack: &'p RulePack) -> Result<Self, Problems> {
        let manifest = &pack.manifest;
        let mut host = ScriptHost::new(&manifest.language, pack.known_properties());
        let mut problems = Vec::new();
        let mut compile = |kind: ScriptKind, path: &str| {
            let name = pack.files.display(path);
            match host.compile(kind, &name, pack.text(path)) {
                Ok(ast) => Some((name, ast)),
                Err(found) => {
                    problems.extend(found);
                    None
                }
            }
        };
        let gates: Vec<_> = manifest
            .gates
            .iter()
            .filter_map(|g| compile(ScriptKind::Gate, &g.script))
            .collect();
        let criteria: Vec<_> = manifest
            .criteria
            .iter()
            .filter_map(|c| compile(ScriptKind::Criterion, &c.script))
            .collect();
        let attributes: Vec<_> = manifest
            .attribute_specs()
            .iter()
            .filter_map(|a| compile(ScriptKind::Attribute, &a.script))
            .collect();
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        host.learn_properties(
            gates
                .iter()
                .chain(&criteria)
                .chain(&attributes)
                .map(|(_, script)| script),
        );
        let pack_value = pack.script_view();
        let pack_value = record::from_json(&pack_value).map_err(|e| {
            Problems(vec![Problem::in_file(
                pack.files.display("pack.toml"),
                format!("`parameters`: {e}"),
            )])
        })?;
        Ok(Assessor {
            pack,
            host,
            gates,
            criteria,
            attributes,
            pack_value,
            limit_hits: RefCell::new(Vec::new()),
        })
    }

    /// From now on, remembers every `award`/`note`/`pass`/`fail` call the assessments reach
    /// (`kriterium test`, which reports the calls no case reaches).
    pub fn track_calls(&self) {
        self.host.track_calls();
    }

    /// The calls reached since [`track_calls`](Self::track_calls): (script, line, column).
    pub fn reached_calls(&self) -> std::collections::BTreeSet<crate::script::ReachedCall> {
        self.host.take_reached()
    }

    /// Every `award`/`note`/`pass`/`fail` call written in the pack's scripts: (script as
    /// messages name it, function, line, column), each script once, in the pack's order.
    pub fn outcome_calls(&self) -> Vec<(String, String, usize, usize)> {
        let mut seen = std::collections::BTreeSet::new();
        self.gates
            .iter()
            .chain(&self.criteria)
            .filter(|(name, _)| seen.insert(name.clone()))
            .flat_map(|(name, script)| {
                script
                    .outcome_calls()
                    .iter()
                    .map(move |(f, line, column)| (name.clone(), f.clone(), *line, *column))
            })
            .collect()
    }

    /// The scripts stopped by a limit (operations, memory, time, size, call depth) in the
    /// assessments since the last call, in the order they ran: a batch counts them to stop a
    /// run in which a script fails on application after application.
    pub fn take_limit_hits(&self) -> Vec<LimitHit> {
        std::mem::take(&mut *self.limit_hits.borrow_mut())
    }

    fn note_limit(&self, script: &str, problem: &Problem) {
        if let Some(limit) = self.host.last_limit() {
            let place = match (problem.line, problem.column) {
                (Some(line), Some(column)) => format!(" at line {line}, column {column}"),
                (Some(line), None) => format!(" at line {line}"),
                _ => String::new(),
            };
            self.limit_hits.borrow_mut().push(LimitHit {
                script: script.to_string(),
                limit,
                place,
            });
        }
    }

    /// Assesses one valid application without reviews: under a pack with a criterion scored
    /// by reviewers, the application awaits review. Fails with every script error if any script
    /// fails.
    pub fn assess(&self, valid: &ValidApplication) -> Result<Assessment, Problems> {
        self.assess_reviewed(valid, &ReviewBook::empty())
    }

    /// Assesses one valid application with the reviews of `book`: a criterion scored by
    /// reviewers runs its script with the application's reviews as `reviews`, or, without any,
    /// is left unscored and the application awaits review. Fails with every script error if any
    /// script fails.
    pub fn assess_reviewed(
        &self,
        valid: &ValidApplication,
        book: &ReviewBook,
    ) -> Result<Assessment, Problems> {
        // Through the typed application, so every field is present (`()` or `[]` when left out).
        // Straight from the typed value: what `record::from_json` would make of its JSON.
        let app = record::from_typed(&valid.application).map_err(|e| {
            Problems(vec![Problem::in_file(
                &valid.application.id,
                format!("cannot be given to scripts: {e}"),
            )])
        })?;
        let mut problems = Vec::new();

        let mut gates = Vec::with_capacity(self.gates.len());
        for ((name, ast), spec) in self.gates.iter().zip(&self.pack.manifest.gates) {
            match self.host.run_gate(name, ast, &app, &self.pack_value) {
                Ok(verdict) => gates.push(GateOutcome {
                    passed: verdict.passed,
                    reason: verdict.reason,
                }),
                Err(problem) => {
                    self.note_limit(name, &problem);
                    problems.push(naming(Wording::GateNamed, &spec.id, problem));
                }
            }
        }

        let manifest = &self.pack.manifest;
        let mut reviews = manifest
            .criteria
            .iter()
            .any(|c| c.review.is_some())
            .then(|| book.for_application(manifest, &valid.application));
        // An application a gate refuses is not funded whatever the reviewers score: there is
        // nothing for the group to discuss, so their spread flags nothing (every output reads
        // the flag from here).
        if !gates.iter().all(|g| g.passed)
            && let Some(reviews) = reviews.as_mut()
        {
            for review in reviews.criteria.iter_mut().flatten() {
                review.disagreement = false;
            }
        }
        let mut criteria = Vec::with_capacity(self.criteria.len());
        let mut total = Decimal::ZERO;
        for (i, ((name, ast), spec)) in self.criteria.iter().zip(&manifest.criteria).enumerate() {
            let review = reviews
                .as_ref()
                .and_then(|r| r.criteria.get(i))
                .and_then(Option::as_ref);
            if review.is_some_and(|r| r.awaiting()) {
                // Not scored: the application awaits review and is not ranked (`exclusion`).
                criteria.push(CriterionOutcome {
                    points: Decimal::ZERO,
                    weighted: Decimal::ZERO,
                    meets_minimum: true,
                    reasons: Vec::new(),
                });
                continue;
            }
            let value = review.map_or(Dynamic::UNIT, |r| {
                review::script_value(r, &manifest.language)
            });
            match self.host.run_criterion(
                name,
                ast,
                &app,
                &self.pack_value,
                spec.max_points,
                &value,
            ) {
                Ok(scored) => {
                    // Points ≤ 1000 with two decimals times a weight ≤ 1000 with two decimals
                    // cannot overflow a 96-bit decimal; the checked forms keep that explicit.
                    let weighted = scored
                        .points
                        .checked_mul(spec.weight)
                        .expect("points ≤ max_points, and max_points × weight fits (pack loading checks it)");
                    total = total.checked_add(weighted).expect(
                        "the total is at most the pack's highest total, which loading computed",
                    );
                    criteria.push(CriterionOutcome {
                        points: scored.points,
                        weighted,
                        meets_minimum: spec.meets_minimum(scored.points),
                        reasons: scored.reasons,
                    });
                }
                Err(problem) => {
                    self.note_limit(name, &problem);
                    problems.push(naming(Wording::CriterionNamed, &spec.id, problem));
                }
            }
        }
        // Every application's attributes, whatever its gates say: the portfolio report names the
        // ineligible too, and an attribute a script cannot compute is a problem like any other.
        let mut attributes = Attributes::new();
        for ((name, script), spec) in self.attributes.iter().zip(manifest.attribute_specs()) {
            match self
                .host
                .run_attribute(name, script, &app, &self.pack_value, spec.kind)
            {
                Ok(value) => {
                    attributes.insert(spec.id.clone(), value);
                }
                Err(problem) => {
                    self.note_limit(name, &problem);
                    problems.push(naming(Wording::AttributeNamed, &spec.id, problem));
                }
            }
        }
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        Ok(Assessment {
            application_id: valid.application.id.clone(),
            title: valid.application.title.clone(),
            gates,
            criteria,
            total,
            input_fingerprint: valid.fingerprint.clone(),
            reviews,
            attributes,
        })
    }
}
