//! The portfolio section of a round ([`PortfolioReport`]): each goal's status before the round,
//! under the ranking's line and under the best package, which unfunded applications would meet
//! a goal the line leaves unmet, and the package beside the line. Pure: the caller gives the
//! earlier rounds' grants (from the register) and the language of the goals' titles.

use crate::decimal::Decimal;
use crate::decision::Recommendation;
use crate::package::{self, Goals, PackageError, Solved};
use crate::portfolio::{
    AttributeValue, Attributes, Funded, FundingRule, GoalRow, GoalRule, GoalStatus,
    PackageOutcome, PortfolioReport, PortfolioSpec, Selection, status,
};
use crate::ranking::{self, Entry, Ranking};

/// The portfolio report of a round ranked as `ranking` (from `ranking::rank_under`, whose rule
/// it reports) over `entries`, for the pack's `[portfolio]` (`spec`), with `earlier` grants of
/// the period and their applications' attributes. Goal titles in `lang`, else `fallback`.
///
/// The line is the ranking's under its rule; under `optimal` (where the proposal is the
/// package) it is the `skip` walk, so the package is shown beside a line. The package is the
/// one the ranking found under `optimal`, else computed here at [`package::NODE_LIMIT`] (with
/// a partly funded application under `partial`).
///
/// `Ok(None)` when the pack has no goals and its rule is not `optimal`. Errors: when the
/// solver breaks down or points overflow ([`PackageError`]).
pub fn report(
    entries: &[Entry],
    ranking: &Ranking,
    spec: Option<&PortfolioSpec>,
    earlier: &[(Funded, Attributes)],
    lang: &str,
    fallback: &str,
) -> Result<Option<PortfolioReport>, PackageError> {
    let specs = spec.map_or(&[][..], |spec| spec.goals.as_slice());
    if specs.is_empty() && ranking.rule != FundingRule::Optimal {
        return Ok(None);
    }
    let goals = Goals {
        specs,
        earlier,
    };
    let ranked: Vec<usize> = ranking
        .order
        .iter()
        .copied()
        .filter(|&i| ranking.placements[i].rank.is_some())
        .collect();
    let walked;
    let line_ranking = if ranking.rule == FundingRule::Optimal {
        walked = ranking::rank(entries, &ranking.criteria, ranking.budget);
        &walked
    } else {
        ranking
    };
    let line_funded: Vec<(usize, u64)> = ranked
        .iter()
        .map(|&i| (i, &line_ranking.placements[i]))
        .filter(|(_, p)| p.recommendation == Recommendation::Fund)
        .map(|(i, p)| (i, p.granted))
        .collect();
    let solved = match &ranking.package {
        Some(solved) => solved.clone(),
        None => package::best(
            entries,
            &ranked,
            ranking.budget,
            ranking.rule,
            &goals,
            package::NODE_LIMIT,
        )?,
    };
    let line = selection(entries, &line_funded)?;

    let attributes_of = |funded: &[(usize, u64)]| -> Vec<(&str, &Attributes)> {
        earlier
            .iter()
            .map(|(f, a)| (f.application_id.as_str(), a))
            .chain(
                funded
                    .iter()
                    .map(|&(i, _)| (entries[i].application_id.as_str(), &entries[i].attributes)),
            )
            .collect()
    };
    let package_funded = match &solved {
        Solved::Found(found) => Some(found.funded.clone()),
        Solved::Infeasible(_) | Solved::Stopped { .. } => None,
    };
    let mut rows = Vec::with_capacity(specs.len());
    for spec in specs {
        let before = status(spec, attributes_of(&[]));
        let under_line = status(spec, attributes_of(&line_funded));
        let under_package = package_funded
            .as_ref()
            .map(|funded| status(spec, attributes_of(funded)));
        let would_meet = if under_line.met {
            Vec::new()
        } else {
            ranked
                .iter()
                .filter(|i| !line_funded.iter().any(|(f, _)| f == *i))
                .filter(|&&i| helps(spec.rule(), &spec.attribute, &under_line, &entries[i].attributes))
                .map(|&i| entries[i].application_id.clone())
                .collect()
        };
        rows.push(GoalRow {
            id: spec.id.clone(),
            title: spec.title.get(lang, fallback).to_string(),
            before,
            line: under_line,
            package: under_package,
            would_meet,
        });
    }

    let package = match solved {
        Solved::Found(found) => {
            let chosen = selection(entries, &found.funded)?;
            let ids = |funded: &[(usize, u64)], not_in: &[(usize, u64)]| -> Vec<String> {
                ranked
                    .iter()
                    .filter(|i| funded.iter().any(|(f, _)| f == *i))
                    .filter(|i| !not_in.iter().any(|(f, _)| f == *i))
                    .map(|&i| entries[i].application_id.clone())
                    .collect()
            };
            PackageOutcome::Found {
                added: ids(&found.funded, &line_funded),
                removed: ids(&line_funded, &found.funded),
                points_cost: line
                    .points
                    .checked_sub(chosen.points)
                    .ok_or_else(overflow)?,
                buys: rows
                    .iter()
                    .filter(|row| !row.line.met && row.package.as_ref().is_some_and(|p| p.met))
                    .map(|row| row.id.clone())
                    .collect(),
                selection: chosen,
                optimal: found.optimal,
                bound: found.bound,
            }
        }
        Solved::Infeasible(reasons) => PackageOutcome::Infeasible { reasons },
        Solved::Stopped { bound } => PackageOutcome::Stopped { bound },
    };
    let partial_min_share = match ranking.rule {
        FundingRule::Partial { min_share } => Some(min_share),
        _ => None,
    };
    Ok(Some(PortfolioReport {
        funding_rule: ranking.rule.name(),
        partial_min_share,
        period: spec.and_then(|spec| spec.period),
        deadline: spec.and_then(|spec| spec.deadline.clone()),
        earlier: earlier.iter().map(|(funded, _)| funded.clone()).collect(),
        line,
        package: Some(package),
        goals: rows,
    }))
}

/// Whether an application with `attributes` would count towards a goal that stands at
/// `standing`: a flag for `at_least`, a value still missing for `cover`.
fn helps(
    rule: Option<GoalRule>,
    attribute: &str,
    standing: &GoalStatus,
    attributes: &Attributes,
) -> bool {
    match (rule, attributes.get(attribute)) {
        (Some(GoalRule::AtLeast(_)), Some(AttributeValue::Flag(flag))) => *flag,
        (Some(GoalRule::Cover(_)), Some(AttributeValue::Values(values))) => {
            values.iter().any(|v| standing.missing.contains(v))
        }
        _ => false,
    }
}

/// This round's funded set (entry index, kr.) as a [`Selection`], in the order given (rank
/// order).
fn selection(entries: &[Entry], funded: &[(usize, u64)]) -> Result<Selection, PackageError> {
    let mut points = Decimal::ZERO;
    for &(i, _) in funded {
        points = points.checked_add(entries[i].total).ok_or_else(overflow)?;
    }
    Ok(Selection {
        funded: funded
            .iter()
            .map(|&(i, granted)| Funded {
                application_id: entries[i].application_id.clone(),
                round: None,
                granted,
            })
            .collect(),
        points,
        used: funded.iter().map(|&(_, granted)| granted).sum(),
    })
}

/// The error of a sum of points beyond what a decimal holds (some 7.9 × 10^28).
fn overflow() -> PackageError {
    PackageError("the points add up to more than a decimal number holds".into())
}
