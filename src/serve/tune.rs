//! Tuning: a slider per criterion weight and one for the budget; each move re-ranks the round's
//! stored assessments under the new weights (`kriterium_engine::tuning::reweigh`) and shows what
//! changed against the round's pack with the engine's own diff (`diff::compare`) and
//! sensitivity flags (`sensitivity::analyse`). Nothing is stored in the round; the weights can
//! be saved as a new version of the pack (`save.rs`).
//!
//! The state is in the address (`?w.CRITERION=1.5&budget=500000`), so a tuning can be shared
//! and the page works without script: the form is a plain GET. The script re-asks only the
//! changes fragment (`/rounds/{round}/tune/changes`), rendered by the same template the page
//! includes.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use kriterium_engine::decimal::Decimal;
use kriterium_engine::decision::Recommendation;
use kriterium_engine::diff::{self, Assessed, PackDiff, Round};
use kriterium_engine::labels::Label;
use kriterium_engine::pack::RulePack;
use kriterium_engine::ranking::Entry;
use kriterium_engine::sensitivity;
use kriterium_engine::tuning::{self, WeightProblem};
use kriterium_register::{Access, Register};
use minijinja::value::{Serde, Value};
use serde::Serialize;

use super::App;
use super::failure::{Answer, Failure};
use super::form::{Posted, pairs};
use super::page::render;
use super::rounds::with_register;
use super::words::{Ui, say};
use crate::commands::register::standing::Standing;
use crate::messages;

pub mod save;

/// The largest budget a tuning takes, in whole currency units (a thousand billion): far above
/// any round, far below where sums of grants could overflow.
pub const MAX_BUDGET: u64 = 1_000_000_000_000;

/// How far a weight's slider reaches, as a multiple of the pack's weight.
const SLIDER_REACH: i64 = 3;

/// The weights and budget asked for, one weight per criterion in the pack's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub weights: Vec<Decimal>,
    pub budget: u64,
    /// Whether the sensitivity flags are asked for (`flags=1`): they weigh every crossing of
    /// two applications' totals, far more work than the re-ranking on a large round.
    pub flags: bool,
}

/// Reads `w.CRITERION` and `budget` from `fields` (a query or a form); a criterion not named
/// keeps the pack's weight and a missing budget is the round's. Other fields are not ours
/// (the access token, the form token, the folder) and are left alone.
///
/// Errors (400, in words): a weight that is no decimal number, a criterion the pack lacks, a
/// field given twice, a budget that is no whole number from 0 to [`MAX_BUDGET`].
pub fn read_asked(
    fields: &[(String, String)],
    pack: &RulePack,
    round_budget: u64,
) -> Result<Asked, Failure> {
    let criteria = &pack.manifest.criteria;
    let mut weights: Vec<Option<Decimal>> = vec![None; criteria.len()];
    let mut budget: Option<u64> = None;
    let mut flags: Option<bool> = None;
    let twice = |field: &str| bad(say(Ui::FormTwice, &[("field", &messages::quoted(field))]));
    for (name, value) in fields {
        if let Some(id) = name.strip_prefix("w.") {
            let Some(i) = criteria.iter().position(|c| c.id == id) else {
                let known: Vec<String> = criteria
                    .iter()
                    .map(|c| messages::quoted(&format!("w.{}", c.id)))
                    .collect();
                return Err(bad(say(
                    Ui::TuneUnknownCriterion,
                    &[
                        ("field", &messages::quoted(name)),
                        ("known", &known.join(", ")),
                    ],
                )));
            };
            if weights[i].is_some() {
                return Err(twice(name));
            }
            let weight = value
                .parse::<rust_decimal::Decimal>()
                .map_err(|_| {
                    bad(say(
                        Ui::TuneWeightNotNumber,
                        &[
                            ("criterion", &messages::quoted(id)),
                            ("value", &messages::quoted(value)),
                        ],
                    ))
                })?
                .normalize();
            weights[i] = Some(Decimal(weight));
        } else if name == "budget" {
            if budget.is_some() {
                return Err(twice(name));
            }
            let amount = value
                .parse::<u64>()
                .ok()
                .filter(|b| *b <= MAX_BUDGET && value.bytes().all(|c| c.is_ascii_digit()));
            let Some(amount) = amount else {
                return Err(bad(say(
                    Ui::TuneBadBudget,
                    &[
                        ("value", &messages::quoted(value)),
                        ("max", &MAX_BUDGET.to_string()),
                    ],
                )));
            };
            budget = Some(amount);
        } else if name == "flags" {
            if flags.is_some() {
                return Err(twice(name));
            }
            flags = Some(value == "1");
        }
    }
    Ok(Asked {
        weights: weights
            .into_iter()
            .zip(criteria)
            .map(|(w, c)| w.unwrap_or(c.weight))
            .collect(),
        budget: budget.unwrap_or(round_budget),
        flags: flags.unwrap_or(false),
    })
}

/// A request's weights or budget cannot be used: 400 with what was wrong.
fn bad(detail: String) -> Failure {
    Failure::new(StatusCode::BAD_REQUEST, Ui::TuneBad, detail)
}

/// [`WeightProblem`] in the app's words.
fn weight_problem(problem: &WeightProblem) -> Failure {
    bad(match problem {
        WeightProblem::Count { .. } => problem.to_string(),
        WeightProblem::OutOfRange {
            criterion,
            weight,
            max,
            scale,
        } => say(
            Ui::TuneWeightOutOfRange,
            &[
                ("criterion", &messages::quoted(criterion)),
                ("value", &weight.to_string()),
                ("max", &max.to_string()),
                ("scale", &scale.to_string()),
            ],
        ),
        WeightProblem::ThresholdUnreachable {
            threshold,
            max_total,
        } => say(
            Ui::TuneThresholdUnreachable,
            &[
                ("threshold", &threshold.to_string()),
                ("max_total", &max_total.to_string()),
            ],
        ),
    })
}

/// The round's entries with their titles, as the diff takes them. Both sides of a tuning
/// share one assessment, so the criteria awaiting review are the same on both and left out
/// (the diff would show no change in them).
pub fn assessed(
    entries: &[Entry],
    titles: &std::collections::HashMap<&str, &str>,
) -> Vec<Assessed> {
    entries
        .iter()
        .map(|e| Assessed {
            title: titles
                .get(e.application_id.as_str())
                .map(|t| t.to_string())
                .unwrap_or_default(),
            entry: e.clone(),
            awaiting: Vec::new(),
        })
        .collect()
}

/// What a tuning changes: the engine's diff of the pack at the round's budget against the
/// tuned weights at the tuned budget, and the sensitivity of funding under the tuned weights.
pub struct Tuning {
    pub diff: PackDiff,
    /// When asked for ([`Asked::flags`]).
    pub sensitivity: Option<sensitivity::Sensitivity>,
    /// The pack with the tuned weights (files and version still the round's).
    pub tuned: RulePack,
}

/// Re-ranks `entries` (assessed under `pack`; `titles` by application id) under `asked` and
/// compares with `pack` at `round_budget`: the work of every slider move.
///
/// Errors: weights pack loading refuses (400), the package solver broke down (500).
pub fn tune(
    pack: &RulePack,
    entries: &[Entry],
    titles: &std::collections::HashMap<&str, &str>,
    round_budget: u64,
    asked: &Asked,
) -> Result<Tuning, Failure> {
    let (tuned, reweighed) =
        tuning::reweigh(pack, entries, &asked.weights).map_err(|p| weight_problem(&p))?;
    let (old, new) = (assessed(entries, titles), assessed(&reweighed, titles));
    let diff = diff::compare(
        Round {
            pack,
            budget: round_budget,
            assessed: &old,
            rejected: &[],
        },
        Round {
            pack: &tuned,
            budget: asked.budget,
            assessed: &new,
            rejected: &[],
        },
    )
    .map_err(|e| Failure::failed(&crate::messages::package_failed(e)))?;
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let sensitivity = asked
        .flags
        .then(|| sensitivity::analyse(&tuned, &reweighed, asked.budget, jobs));
    Ok(Tuning {
        diff,
        sensitivity,
        tuned,
    })
}

/// One changed application, as the table shows it.
#[derive(Debug, Serialize)]
pub struct ChangeRow {
    pub id: String,
    pub title: String,
    pub rank_old: String,
    pub rank_new: String,
    pub recommendation_old: String,
    pub recommendation_new: String,
    /// The badges' classes (`fund`, `reserve`, …).
    pub class_old: String,
    pub class_new: String,
    pub granted_old: String,
    pub granted_new: String,
    /// Funded on one side only.
    pub flip: bool,
}

/// The changes fragment's content.
#[derive(Debug, Serialize)]
pub struct Changes {
    pub summary: String,
    pub rows: Vec<ChangeRow>,
    /// Flagged applications, one sentence each; `None` when not asked for.
    pub flags: Option<Vec<String>>,
    /// Said when nothing is flagged.
    pub robust: Option<String>,
}

/// What the changes fragment shows of `tuning`, in `lang`.
pub fn changes(tuning: &Tuning, lang: &str) -> Changes {
    let diff = &tuning.diff;
    let currency = diff.currency.as_str();
    let money = |n: u64| kriterium_engine::labels::amount(n, currency, lang);
    let rank = |r: Option<u64>| r.map_or_else(|| "–".to_string(), |r| r.to_string());
    let stated = |r: Recommendation| Label::recommendation_stated(r).text(lang).to_string();
    let funded = |r: Recommendation| r == Recommendation::Fund;
    let s = &diff.summary;
    let summary = say(
        Ui::TuneSummary,
        &[
            ("moved", &s.moved.to_string()),
            ("newly", &s.newly_funded.to_string()),
            ("no_longer", &s.no_longer_funded.to_string()),
            ("old", &money(s.budget_used.old)),
            ("new", &money(s.budget_used.new)),
        ],
    );
    let rows = diff
        .applications
        .iter()
        .filter(|a| a.rank.changed() || a.recommendation.changed() || a.granted.changed())
        .map(|a| ChangeRow {
            id: a.application_id.clone(),
            title: a.title.clone(),
            rank_old: rank(a.rank.old),
            rank_new: rank(a.rank.new),
            recommendation_old: stated(a.recommendation.old),
            recommendation_new: stated(a.recommendation.new),
            class_old: a.recommendation.old.key().to_string(),
            class_new: a.recommendation.new.key().to_string(),
            granted_old: money(a.granted.old),
            granted_new: money(a.granted.new),
            flip: funded(a.recommendation.old) != funded(a.recommendation.new),
        })
        .collect();
    let flags: Option<Vec<String>> = tuning.sensitivity.as_ref().map(|sensitivity| {
        sensitivity
            .applications
            .iter()
            .filter(|r| r.flagged)
            .map(|r| flag(tuning, r, lang))
            .collect()
    });
    let robust = tuning.sensitivity.as_ref().and_then(|sensitivity| {
        flags.as_ref().is_some_and(Vec::is_empty).then(|| {
            say(
                Ui::TuneRobust,
                &[("percent", &sensitivity.flag_percent.to_string())],
            )
        })
    });
    Changes {
        summary,
        rows,
        flags,
        robust,
    }
}

/// One flagged application, said.
fn flag(tuning: &Tuning, r: &sensitivity::Robustness, lang: &str) -> String {
    let change = &r.smallest;
    let manifest = &tuning.tuned.manifest;
    let criterion = manifest
        .criteria
        .iter()
        .find(|c| c.id == change.criterion)
        .map_or(change.criterion.as_str(), |c| {
            c.title.get(lang, &manifest.language)
        });
    let number = |d: Decimal| kriterium_engine::labels::number(d, lang);
    say(
        if r.funded {
            Ui::TuneFlagFunded
        } else {
            Ui::TuneFlagNotFunded
        },
        &[
            ("app", &r.application_id),
            ("criterion", criterion),
            ("weight", &number(change.weight)),
            ("new_weight", &number(change.new_weight)),
            ("percent", &number(change.percent)),
        ],
    )
}

/// One criterion's slider.
#[derive(Debug, Serialize)]
struct Slider {
    id: String,
    title: String,
    /// The pack's weight, said.
    pack_note: String,
    /// The weight asked for.
    value: String,
    min: String,
    max: String,
    step: String,
}

/// The step of the weights' sliders: 0.05 when every weight of the pack is on it (fewer key
/// presses), else 0.01 (the finest a pack holds), so the pack's weights stay on the slider.
fn weight_step(pack: &RulePack) -> rust_decimal::Decimal {
    let coarse = rust_decimal::Decimal::new(5, 2);
    if pack
        .manifest
        .criteria
        .iter()
        .all(|c| (c.weight.0 % coarse).is_zero())
    {
        coarse
    } else {
        rust_decimal::Decimal::new(1, 2)
    }
}

/// The round's standing, its pack's weights and budget asked for, and the titles: what both
/// routes start from.
struct Loaded {
    standing: Arc<Standing>,
    asked: Asked,
}

fn load(
    app: &App,
    register: &Register,
    id: &str,
    fields: &[(String, String)],
) -> Result<Loaded, Failure> {
    register.round(id).map_err(|e| {
        Failure::new(
            StatusCode::NOT_FOUND,
            Ui::RoundNotFound,
            crate::commands::register::explain(e).to_string(),
        )
    })?;
    let standing = app
        .standing(register, id)
        .map_err(|e| Failure::failed(&e))?;
    let asked = read_asked(fields, &standing.pack, standing.round.budget)?;
    Ok(Loaded { standing, asked })
}

fn titles(standing: &Standing) -> std::collections::HashMap<&str, &str> {
    standing
        .rows
        .iter()
        .map(|r| (r.application_id.as_str(), r.title.as_str()))
        .collect()
}

/// The query's fields, or 400 when it is not UTF-8 once decoded.
fn query_fields(query: Option<&str>) -> Result<Vec<(String, String)>, Failure> {
    pairs(query.unwrap_or_default().as_bytes()).ok_or_else(|| bad(say(Ui::FormNotText, &[])))
}

/// `GET /rounds/{round}/tune`: the sliders, the changes against the pack and the save form.
pub async fn page(
    State(app): State<Arc<App>>,
    Path(round): Path<String>,
    RawQuery(query): RawQuery,
) -> Answer {
    let fields = query_fields(query.as_deref())?;
    let page = with_register(&app, Access::Read, move |app, register| {
        tune_page(app, register, &round, &fields)
    })
    .await?;
    render(&app, "tune.html", page)
}

fn tune_page(
    app: &App,
    register: &Register,
    id: &str,
    fields: &[(String, String)],
) -> Result<Value, Failure> {
    let Loaded { standing, asked } = load(app, register, id, fields)?;
    let lang = app.lang.as_str();
    let pack = &standing.pack;
    let tuning = tune(
        pack,
        standing.entries(),
        &titles(&standing),
        standing.round.budget,
        &asked,
    )?;
    let step = weight_step(pack);
    let sliders: Vec<Slider> = pack
        .manifest
        .criteria
        .iter()
        .zip(&asked.weights)
        .map(|(c, w)| Slider {
            id: c.id.clone(),
            title: c.title.get(lang, &pack.manifest.language).to_string(),
            pack_note: say(
                Ui::TunePackWeight,
                &[("weight", &kriterium_engine::labels::number(c.weight, lang))],
            ),
            value: w.0.normalize().to_string(),
            min: step.to_string(),
            // Past the pack's reach when a tuning in the address asks for more.
            max: (c.weight.0 * rust_decimal::Decimal::from(SLIDER_REACH))
                .max(w.0)
                .normalize()
                .to_string(),
            step: step.to_string(),
        })
        .collect();
    let round = &standing.round;
    let requested: u64 = standing.rows.iter().map(|r| r.requested).sum();
    let budget_max = requested
        .max(round.budget.saturating_mul(2))
        .max(asked.budget);
    let budget_step = if round.budget % 1000 == 0 { 1000 } else { 1 };
    let saved_version = save::bump_minor(&pack.manifest.version);
    let folder = save::default_folder(&app.register, &pack.manifest.id, saved_version.as_deref());
    Ok(minijinja::context! {
        id => round.id.clone(),
        title => round.title.clone(),
        pack => format!("{} {}", pack.manifest.id, pack.manifest.version),
        sliders => Value::from(Serde(&sliders)),
        budget => asked.budget,
        budget_shown => messages::amount(asked.budget, &round.currency),
        budget_max => budget_max,
        budget_step => budget_step,
        flags => asked.flags,
        changes => Value::from(Serde(&changes(&tuning, lang))),
        weights => Value::from(Serde(&sliders.iter().map(|s| (format!("w.{}", s.id), s.value.clone())).collect::<Vec<_>>())),
        intro => say(
            Ui::TuneIntro,
            &[
                ("pack", &format!("{} {}", pack.manifest.id, pack.manifest.version)),
                ("budget", &messages::amount(round.budget, &round.currency)),
            ],
        ),
        save_note => say(
            Ui::TuneSaveNote,
            &[("version", saved_version.as_deref().unwrap_or("?"))],
        ),
        folder => folder,
    })
}

/// `GET /rounds/{round}/tune/changes`: the changes fragment alone, for the script.
pub async fn changes_fragment(
    State(app): State<Arc<App>>,
    Path(round): Path<String>,
    RawQuery(query): RawQuery,
) -> Answer {
    let fields = query_fields(query.as_deref())?;
    let changes = with_register(&app, Access::Read, move |app, register| {
        let Loaded { standing, asked } = load(app, register, &round, &fields)?;
        let tuning = tune(
            &standing.pack,
            standing.entries(),
            &titles(&standing),
            standing.round.budget,
            &asked,
        )?;
        Ok(changes(&tuning, &app.lang))
    })
    .await?;
    render(
        &app,
        "tune_changes.html",
        minijinja::context! { changes => Value::from(Serde(&changes)) },
    )
}

/// `POST /rounds/{round}/tune/save`: the weights written as a new version of the round's pack
/// in the folder named, then checked and its test cases run.
pub async fn save_version(
    State(app): State<Arc<App>>,
    Path(round): Path<String>,
    posted: Posted,
) -> Answer {
    let page = with_register(&app, Access::Read, move |app, register| {
        let Loaded { standing, asked } = load(app, register, &round, posted.fields())?;
        // The weights are checked as the slider's are before anything is written.
        tuning::reweigh(&standing.pack, &[], &asked.weights).map_err(|p| weight_problem(&p))?;
        let folder = posted.one("folder")?;
        let saved = save::save(app, register, &standing, &asked.weights, folder)?;
        Ok(minijinja::context! {
            id => standing.round.id.clone(),
            title => standing.round.title.clone(),
            saved_line => say(
                Ui::TuneSaved,
                &[("version", &saved.version), ("folder", &saved.folder)],
            ),
            saved => Value::from(Serde(&saved)),
        })
    })
    .await?;
    render(&app, "tune_saved.html", page)
}
