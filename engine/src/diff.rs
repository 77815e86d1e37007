//! What a change of rule pack does to decisions: the same applications ranked under an old and
//! a new pack, compared application by application.
//!
//! Pure: both rounds are assessed by the caller; this ranks each against its budget and lists,
//! per application, the points per criterion, total, rank, recommendation and grant that
//! changed, then a summary (how many moved, how many changed funding status, the budget
//! effect). Every application appears once; one that is rejected under either pack is listed
//! with the reasons from each side.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::decimal::Decimal;
use crate::decision::{PackRef, Recommendation};
use crate::pack::RulePack;
use crate::ranking::{self, Entry};

/// One assessed application of a round.
#[derive(Debug, Clone)]
pub struct Assessed {
    /// What ranking needs (points per criterion in the pack's order).
    pub entry: Entry,
    /// The application's title.
    pub title: String,
    /// The ids of its criteria that await review (scored by reviewers, no review yet).
    pub awaiting: Vec<String>,
}

/// An input a round could not assess.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    /// Where it came from (`file` or `file:line`).
    pub source: String,
    /// Its id, when it got as far as having one.
    pub application_id: Option<String>,
    /// Every problem, as text.
    pub problems: Vec<String>,
}

/// One pack's round: its assessed applications and rejected inputs.
#[derive(Debug, Clone, Copy)]
pub struct Round<'a> {
    /// The pack.
    pub pack: &'a RulePack,
    /// The budget the round is ranked against.
    pub budget: u64,
    /// Every assessed application.
    pub assessed: &'a [Assessed],
    /// Every rejected input.
    pub rejected: &'a [Rejected],
}

/// The old and the new value of something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Change<T> {
    /// Under the old pack.
    pub old: T,
    /// Under the new pack.
    pub new: T,
}

impl<T: PartialEq> Change<T> {
    /// Whether the value changed.
    pub fn changed(&self) -> bool {
        self.old != self.new
    }
}

/// The difference a new pack makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackDiff {
    /// The packs compared.
    pub pack: Change<PackRef>,
    /// The budgets ranked against.
    pub budget: Change<u64>,
    /// The currency of amounts (the new pack's).
    pub currency: String,
    /// Criteria whose weight, maximum or minimum changed, or that one pack lacks.
    pub criteria: Vec<CriterionChange>,
    /// Every application assessed under both packs, in the new ranking's order.
    pub applications: Vec<ApplicationDiff>,
    /// Inputs rejected under either pack, with each side's problems.
    pub rejected: Vec<RejectedDiff>,
    /// Counts and the budget effect.
    pub summary: DiffSummary,
}

/// A criterion whose definition changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionChange {
    /// The criterion's id.
    pub id: String,
    /// Its weight (`None` when the pack lacks the criterion).
    pub weight: Change<Option<Decimal>>,
    /// Its most points.
    pub max_points: Change<Option<u32>>,
    /// Its fewest points to be recommended.
    pub min_points: Change<Option<Decimal>>,
}

/// One application under both packs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApplicationDiff {
    /// The application's id.
    pub application_id: String,
    /// Its title (as the new round read it).
    pub title: String,
    /// Whether anything below changed.
    pub changed: bool,
    /// Criteria whose points changed (`None` where a pack lacks the criterion).
    pub points: Vec<PointsChange>,
    /// Total weighted points.
    pub total: Change<Decimal>,
    /// Place in the ranking (`None` when not ranked).
    pub rank: Change<Option<u64>>,
    /// The recommendation.
    pub recommendation: Change<Recommendation>,
    /// The amount granted.
    pub granted: Change<u64>,
}

/// A criterion's points under both packs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PointsChange {
    /// The criterion's id.
    pub criterion: String,
    /// Its points.
    #[serde(flatten)]
    pub points: Change<Option<Decimal>>,
    /// Whether it awaits review (scored by reviewers, no review yet): its points are then none
    /// yet, whatever `points` holds.
    pub awaiting: Change<bool>,
}

/// An input rejected under one pack or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedDiff {
    /// Where it came from.
    pub source: String,
    /// Its id, if known.
    pub application_id: Option<String>,
    /// Problems under each pack (empty where it was assessed).
    pub problems: Change<Vec<String>>,
}

/// How much changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffSummary {
    /// Applications assessed under both packs.
    pub applications: usize,
    /// Applications with any change.
    pub changed: usize,
    /// Applications whose rank changed.
    pub moved: usize,
    /// Applications funded under one pack and not the other.
    pub funding_changed: usize,
    /// Funded under the new pack only.
    pub newly_funded: usize,
    /// Funded under the old pack only.
    pub no_longer_funded: usize,
    /// Budget granted in all.
    pub budget_used: Change<u64>,
}

/// Compares two rounds of the same inputs, each ranked under its own pack's funding rule (a
/// change of rule alone moves grants, and says so).
///
/// Errors: when the solver of a pack's best package breaks down (`optimal`).
pub fn compare(old: Round<'_>, new: Round<'_>) -> Result<PackDiff, crate::package::PackageError> {
    let (old_ranked, new_ranked) = (ranked(old)?, ranked(new)?);
    let old_criteria = criterion_ids(old.pack);
    let new_criteria = criterion_ids(new.pack);
    let mut all_criteria: Vec<&str> = new_criteria.clone();
    all_criteria.extend(old_criteria.iter().filter(|c| !new_criteria.contains(c)));

    let mut applications = Vec::new();
    for (id, (new_entry, title, new_place, new_awaiting)) in &new_ranked {
        let Some((old_entry, _, old_place, old_awaiting)) = old_ranked.get(id) else {
            continue;
        };
        let points_of = |entry: &Entry, ids: &[&str], criterion: &str| {
            ids.iter()
                .position(|c| *c == criterion)
                .and_then(|i| entry.points.get(i).copied())
        };
        let points: Vec<PointsChange> = all_criteria
            .iter()
            .map(|c| PointsChange {
                criterion: c.to_string(),
                points: Change {
                    old: points_of(old_entry, &old_criteria, c),
                    new: points_of(new_entry, &new_criteria, c),
                },
                awaiting: Change {
                    old: old_awaiting.iter().any(|a| a == c),
                    new: new_awaiting.iter().any(|a| a == c),
                },
            })
            .filter(|p| p.points.changed() || p.awaiting.changed())
            .collect();
        let total = Change {
            old: old_entry.total,
            new: new_entry.total,
        };
        let rank = Change {
            old: old_place.rank,
            new: new_place.rank,
        };
        let recommendation = Change {
            old: old_place.recommendation,
            new: new_place.recommendation,
        };
        let granted = Change {
            old: old_place.granted,
            new: new_place.granted,
        };
        let changed = !points.is_empty()
            || total.changed()
            || rank.changed()
            || recommendation.changed()
            || granted.changed();
        applications.push(ApplicationDiff {
            application_id: id.clone(),
            title: title.clone(),
            changed,
            points,
            total,
            rank,
            recommendation,
            granted,
        });
    }
    // The new ranking's order: ranked first by new rank, then the rest by old rank and id.
    applications.sort_by(|a, b| {
        let key = |d: &ApplicationDiff| {
            (
                d.rank.new.unwrap_or(u64::MAX),
                d.rank.old.unwrap_or(u64::MAX),
                d.application_id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });

    let funded = |r: Recommendation| r == Recommendation::Fund;
    let summary = DiffSummary {
        applications: applications.len(),
        changed: applications.iter().filter(|a| a.changed).count(),
        moved: applications.iter().filter(|a| a.rank.changed()).count(),
        funding_changed: applications
            .iter()
            .filter(|a| funded(a.recommendation.old) != funded(a.recommendation.new))
            .count(),
        newly_funded: applications
            .iter()
            .filter(|a| !funded(a.recommendation.old) && funded(a.recommendation.new))
            .count(),
        no_longer_funded: applications
            .iter()
            .filter(|a| funded(a.recommendation.old) && !funded(a.recommendation.new))
            .count(),
        budget_used: Change {
            old: applications.iter().map(|a| a.granted.old).sum(),
            new: applications.iter().map(|a| a.granted.new).sum(),
        },
    };

    Ok(PackDiff {
        pack: Change {
            old: pack_ref(old.pack),
            new: pack_ref(new.pack),
        },
        budget: Change {
            old: old.budget,
            new: new.budget,
        },
        currency: new.pack.manifest.currency.clone(),
        criteria: criterion_changes(old.pack, new.pack, &all_criteria),
        applications,
        rejected: rejected(old, new),
        summary,
    })
}

/// Per application id: what ranking needs, the title, the placement, and the ids of its
/// criteria that await review.
type Placed = BTreeMap<String, (Entry, String, ranking::Placement, Vec<String>)>;

/// Ranks a round under its pack's funding rule and goals; placements by application id.
fn ranked(round: Round<'_>) -> Result<Placed, crate::package::PackageError> {
    let entries: Vec<Entry> = round.assessed.iter().map(|a| a.entry.clone()).collect();
    let manifest = &round.pack.manifest;
    let criteria = manifest.criterion_ids();
    let goals = crate::package::Goals {
        specs: manifest.goal_specs(),
        earlier: &[],
    };
    let ranking = ranking::rank_under(
        &entries,
        &criteria,
        round.budget,
        manifest.funding_rule(),
        &goals,
    )?;
    Ok(round
        .assessed
        .iter()
        .zip(ranking.placements)
        .map(|(a, placement)| {
            (
                a.entry.application_id.clone(),
                (
                    a.entry.clone(),
                    a.title.clone(),
                    placement,
                    a.awaiting.clone(),
                ),
            )
        })
        .collect())
}

fn criterion_ids(pack: &RulePack) -> Vec<&str> {
    pack.manifest
        .criteria
        .iter()
        .map(|c| c.id.as_str())
        .collect()
}

fn pack_ref(pack: &RulePack) -> PackRef {
    PackRef {
        id: pack.manifest.id.clone(),
        version: pack.manifest.version.clone(),
        fingerprint: pack.fingerprint.clone(),
    }
}

fn criterion_changes(old: &RulePack, new: &RulePack, ids: &[&str]) -> Vec<CriterionChange> {
    let find =
        |pack: &RulePack, id: &str| pack.manifest.criteria.iter().find(|c| c.id == id).cloned();
    ids.iter()
        .filter_map(|id| {
            let (o, n) = (find(old, id), find(new, id));
            let change = CriterionChange {
                id: id.to_string(),
                weight: Change {
                    old: o.as_ref().map(|c| c.weight),
                    new: n.as_ref().map(|c| c.weight),
                },
                max_points: Change {
                    old: o.as_ref().map(|c| c.max_points),
                    new: n.as_ref().map(|c| c.max_points),
                },
                min_points: Change {
                    old: o.as_ref().and_then(|c| c.min_points),
                    new: n.as_ref().and_then(|c| c.min_points),
                },
            };
            (change.weight.changed() || change.max_points.changed() || change.min_points.changed())
                .then_some(change)
        })
        .collect()
}

/// Inputs rejected under either pack, matched by source; in the order of the old round's
/// rejections, then the new round's.
fn rejected(old: Round<'_>, new: Round<'_>) -> Vec<RejectedDiff> {
    let mut out: Vec<RejectedDiff> = Vec::new();
    for (side, round) in [(0, old), (1, new)] {
        for r in round.rejected {
            let index = match out.iter().position(|d| d.source == r.source) {
                Some(i) => i,
                None => {
                    out.push(RejectedDiff {
                        source: r.source.clone(),
                        application_id: r.application_id.clone(),
                        problems: Change {
                            old: Vec::new(),
                            new: Vec::new(),
                        },
                    });
                    out.len() - 1
                }
            };
            let problems = &mut out[index].problems;
            if side == 0 {
                problems.old = r.problems.clone();
            } else {
                problems.new = r.problems.clone();
            }
        }
    }
    out
}
