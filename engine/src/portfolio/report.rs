//! The portfolio section of a round ([`PortfolioReport`]): each goal's status before the round,
//! under the ranking's line and under the best package, which unfunded applications would meet
//! a goal the line leaves unmet, and the package beside the line. Pure: the caller gives the
//! earlier rounds' grants (from the register) and the language of the goals' titles.

use crate::decimal::Decimal;
use crate::decision::Recommendation;
use crate::package::{self, Goals, PackageError, Solved};
use crate::portfolio::{
    AttributeValue, Attributes, Funded, FundingRule, GoalRow, GoalRule, GoalStatus, PackageOutcome,
    PortfolioReport, PortfolioSpec, Selection, status,
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
    let goals = Goals { specs, earlier };
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
                .filter(|&&i| {
                    helps(
                        spec.rule(),
                        &spec.attribute,
                        &under_line,
                        &entries[i].attributes,
                    )
                })
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

    // What the goals cost: the best package without them, when the goals asked for anything.
    let free = match &solved {
        Solved::Found(found) if found.optimal && !specs.is_empty() => {
            match package::best(
                entries,
                &ranked,
                ranking.budget,
                ranking.rule,
                &Goals::default(),
                package::NODE_LIMIT,
            )? {
                Solved::Found(free) if free.optimal => Some(free.points),
                _ => None,
            }
        }
        _ => None,
    };
    let package = match solved {
        Solved::Found(found) => {
            let chosen = selection(entries, &found.funded)?;
            let goals_cost = match free {
                Some(free) => Some(free.checked_sub(chosen.points).ok_or_else(overflow)?),
                None => None,
            };
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
                unreachable: found.unreachable,
                goals_cost,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::fixtures::{at_least, cover};
    use crate::portfolio::FundingRuleName;
    use crate::ranking::rank_under;

    fn entry(id: &str, requested: u64, total: i64, flag: bool, values: &[&str]) -> Entry {
        Entry {
            application_id: id.into(),
            requested,
            total: Decimal::from(total),
            points: vec![Decimal::from(total)],
            excluded: None,
            attributes: Attributes::from([
                ("both".to_string(), AttributeValue::Flag(flag)),
                (
                    "places".to_string(),
                    AttributeValue::Values(values.iter().map(|v| v.to_string()).collect()),
                ),
            ]),
        }
    }

    /// Budget 1,000. a 600 kr. 10 points; b 500 kr. 8, with the flag; c 400 kr. 7; d 300 kr.
    /// 2, with the flag. Places: a names X, c names Y; an earlier grant named X.
    fn round() -> Vec<Entry> {
        vec![
            entry("a", 600, 10, false, &["X"]),
            entry("b", 500, 8, true, &[]),
            entry("c", 400, 7, false, &["Y"]),
            entry("d", 300, 2, true, &[]),
        ]
    }

    fn spec() -> PortfolioSpec {
        PortfolioSpec {
            period: Some([2024, 2026]),
            deadline: Some("2027-12-31".into()),
            basis: None,
            attributes: Vec::new(),
            goals: vec![
                at_least("both", "both", 1),
                cover("places", "places", &["X", "Y"]),
            ],
        }
    }

    fn earlier() -> Vec<(Funded, Attributes)> {
        vec![(
            Funded {
                application_id: "old".into(),
                round: Some("2024-1".into()),
                granted: 250,
            },
            Attributes::from([(
                "places".to_string(),
                AttributeValue::Values(vec!["X".into()]),
            )]),
        )]
    }

    fn report_under(rule: FundingRule) -> PortfolioReport {
        let entries = round();
        let spec = spec();
        let earlier = earlier();
        let goals = Goals {
            specs: &spec.goals,
            earlier: &earlier,
        };
        let ranking = rank_under(&entries, &["points".into()], 1000, rule, &goals).unwrap();
        report(&entries, &ranking, Some(&spec), &earlier, "da", "en")
            .unwrap()
            .unwrap()
    }

    #[test]
    fn the_report_shows_each_goal_before_under_the_line_and_under_the_package() {
        // The skip walk funds a (400 left) and c (0 left): 17 points, no flag, places X and
        // Y. The package must fund one with the flag: {b, c} (900 kr., 15 points) is the best
        // (see ranking's test of `optimal`); with the earlier X, it covers the places too.
        let report = report_under(FundingRule::Skip);
        assert_eq!(report.funding_rule, FundingRuleName::Skip);
        assert_eq!(report.earlier.len(), 1);
        let line: Vec<&str> = report
            .line
            .funded
            .iter()
            .map(|f| f.application_id.as_str())
            .collect();
        assert_eq!(line, ["a", "c"]);
        assert_eq!(
            (report.line.points, report.line.used),
            (Decimal::from(17i64), 1000)
        );

        let both = &report.goals[0];
        assert_eq!(both.title, "Goal both", "no Danish title: the fallback's");
        assert_eq!(
            (both.before.met, both.before.have, both.before.need),
            (false, 0, 1)
        );
        assert!(!both.line.met);
        assert_eq!(both.would_meet, ["b", "d"]);
        let package = both.package.as_ref().unwrap();
        assert!(package.met);
        assert_eq!(package.by, ["b"]);

        let places = &report.goals[1];
        assert_eq!(places.before.missing, ["Y"]);
        assert_eq!(places.before.by, ["old"]);
        assert!(places.line.met);
        assert!(places.would_meet.is_empty(), "met under the line");
        assert!(places.package.as_ref().unwrap().met);

        match report.package {
            Some(PackageOutcome::Found {
                selection,
                optimal,
                added,
                removed,
                points_cost,
                buys,
                ..
            }) => {
                assert!(optimal);
                assert_eq!(
                    (selection.points, selection.used),
                    (Decimal::from(15i64), 900)
                );
                assert_eq!(added, ["b"]);
                assert_eq!(removed, ["a"]);
                assert_eq!(points_cost, Decimal::from(2i64));
                assert_eq!(buys, ["both"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn under_optimal_the_line_beside_the_package_is_the_walk() {
        // The proposal is the package {b, c}; the report sets the skip walk {a, c} beside it.
        let report = report_under(FundingRule::Optimal);
        assert_eq!(report.funding_rule, FundingRuleName::Optimal);
        assert_eq!(
            report,
            PortfolioReport {
                funding_rule: FundingRuleName::Optimal,
                ..report_under(FundingRule::Skip)
            }
        );
    }

    #[test]
    fn no_report_without_goals_unless_the_rule_is_optimal() {
        let entries = round();
        let ranking =
            rank_under(&entries, &[], 1000, FundingRule::Skip, &Goals::default()).unwrap();
        assert_eq!(
            report(&entries, &ranking, None, &[], "da", "en").unwrap(),
            None
        );
        let ranking =
            rank_under(&entries, &[], 1000, FundingRule::Optimal, &Goals::default()).unwrap();
        let optimal = report(&entries, &ranking, None, &[], "da", "en")
            .unwrap()
            .unwrap();
        assert!(optimal.goals.is_empty());
        assert!(matches!(
            optimal.package,
            Some(PackageOutcome::Found { .. })
        ));
    }

    #[test]
    fn a_partial_grant_counts_as_funded() {
        // Least share ½, budget 1,000: a 600 (400 left); b 500 > 400 and 400 ≥ 250, so b is
        // granted 400 — and b has the flag, so the goal is met under the line.
        let entries = round();
        let spec = spec();
        let rule = FundingRule::Partial {
            min_share: "0.5".parse().unwrap(),
        };
        let goals = Goals {
            specs: &spec.goals,
            earlier: &[],
        };
        let ranking = rank_under(&entries, &[], 1000, rule, &goals).unwrap();
        let report = report(&entries, &ranking, Some(&spec), &[], "da", "en")
            .unwrap()
            .unwrap();
        assert_eq!(report.partial_min_share, Some("0.5".parse().unwrap()));
        let granted: Vec<(&str, u64)> = report
            .line
            .funded
            .iter()
            .map(|f| (f.application_id.as_str(), f.granted))
            .collect();
        assert_eq!(granted, [("a", 600), ("b", 400)]);
        assert!(report.goals[0].line.met);
        assert_eq!(report.goals[0].line.by, ["b"]);
    }
}
