//! The best package: the set of ranked applications (and, under `partial`, one partly funded)
//! that has the most points within the budget and meets the portfolio goals the earlier rounds
//! left unmet. An integer programme solved by `microlp` (pure Rust, branch and bound).
//!
//! **The model.** One binary `x_i` per ranked application, built in rank order. Maximise
//! `Σ total_i·x_i` (totals scaled to integers by their largest number of decimals, so exact)
//! subject to `Σ requested_i·x_i ≤ budget` and one row per unmet goal: `at_least` — the
//! applications with the flag number at least what is still missing; `cover` — for each value no
//! earlier grant names, at least one application naming it. Under `partial` each application also
//! gets `z_i` (partly funded): `Σ z ≤ 1`, `x_i + z_i ≤ 1`, `z_i` costs `min_share·requested_i` in
//! the budget row and counts towards the goals; the amount is then what is left (at most the
//! request).
//!
//! **The tie chain**, so the same round always gives the same package: (1) most points; (2) least
//! money (a second solve minimises the money among packages with those points); (3) the solver's
//! choice on the model in rank order.
//!
//! **The reduction** (exact, before the solver): an application is left out when at least `m`
//! others dominate it — total at least as high, request at most as high, counting towards every
//! goal row it counts towards, and earlier in the order (total desc, requested asc, rank asc) —
//! where `m` is the most applications any package can hold (the cheapest first until the budget
//! is spent, plus one under `partial`). A package holding it holds at most `m − 1` others, so one
//! dominator is free to take its place with no fewer points and no more money; repeating the swap
//! ends in a package with no left-out application. Without it the solver needs seconds for a
//! thousand applications (`BENCHMARKS.md`).
//!
//! **The work limit** is a number of branch-and-bound nodes, not a clock (the engine has none):
//! the same round gives the same package on every machine. When the solver stops there, the
//! package says so ([`Solved::Found`] with `optimal: false` and the bound), never silently.

use std::collections::BTreeMap;
use std::fmt;

use microlp::{ComparisonOp, OptimizationDirection, Problem, SolveOptions, Variable};

use crate::decimal::Decimal;
use crate::portfolio::{
    self, AttributeValue, Attributes, Funded, FundingRule, GoalRule, GoalSpec, Unreachable,
};
use crate::ranking::Entry;

/// The solver's default work limit, in branch-and-bound nodes per solve. A limit of work, not
/// of time, so the answer does not depend on the machine; 10,000 applications with five goals
/// need far fewer (`BENCHMARKS.md`).
pub const NODE_LIMIT: u64 = 200_000;

/// The goals a package must meet and the grants that already count towards them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Goals<'a> {
    /// The pack's goals (`[[portfolio.goals]]`), in the pack's order.
    pub specs: &'a [GoalSpec],
    /// Earlier rounds' grants in the period, each with the application's attributes.
    pub earlier: &'a [(Funded, Attributes)],
}

/// A package the solver found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// What it funds: entry index and kr. granted, in rank order.
    pub funded: Vec<(usize, u64)>,
    /// Sum of the funded applications' totals.
    pub points: Decimal,
    /// kr. granted in all.
    pub used: u64,
    /// Whether it is proven the best (false when the work limit stopped the solver).
    pub optimal: bool,
    /// The most points any package could have (equal to `points` when optimal).
    pub bound: Decimal,
    /// Goals no package within the budget can meet whatever else it funds (no candidate, or
    /// too expensive alone): left out of the model, so the package meets the others.
    pub unreachable: Vec<Unreachable>,
}

/// What the solver made of a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Solved {
    /// The best package (or, when not optimal, the best found within the work limit).
    Found(Package),
    /// No package within the budget meets the goals that can each be met alone, with the
    /// reasons (those that cannot be met alone, then the rest together).
    Infeasible(Vec<Unreachable>),
    /// The work limit stopped the solver before it found any package meeting the goals;
    /// `bound` is the most points one could have.
    Stopped {
        /// The most points any package could have.
        bound: Decimal,
    },
}

/// The solver failed in a way that is not about the round (a numerical breakdown), or a number
/// is too large to model exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageError(pub String);

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the best package could not be computed: {}", self.0)
    }
}

impl std::error::Error for PackageError {}

/// One goal row of the model: which goal, how many must count, and for `cover` which value.
#[derive(Debug, Clone)]
struct Row {
    /// Index of the goal in the pack's order.
    goal: usize,
    /// At least this many of the package's applications must count.
    need: u32,
    /// For a `cover` row, the value; `None` for `at_least`.
    value: Option<String>,
}

/// What the earlier rounds leave unmet, as model rows (goals in the pack's order, a cover
/// goal's values in its order).
fn unmet_rows(goals: &Goals) -> Vec<Row> {
    let mut rows = Vec::new();
    for (g, spec) in goals.specs.iter().enumerate() {
        let before = portfolio::status(
            spec,
            goals
                .earlier
                .iter()
                .map(|(funded, attributes)| (funded.application_id.as_str(), attributes)),
        );
        match spec.rule() {
            Some(GoalRule::AtLeast(_)) if !before.met => rows.push(Row {
                goal: g,
                need: before.need - before.have,
                value: None,
            }),
            Some(GoalRule::Cover(_)) => rows.extend(before.missing.into_iter().map(|v| Row {
                goal: g,
                need: 1,
                value: Some(v),
            })),
            _ => {}
        }
    }
    rows
}

/// Whether an application with `attributes` counts towards `row` of `spec`.
fn counts(spec: &GoalSpec, row: &Row, attributes: &Attributes) -> bool {
    match (attributes.get(&spec.attribute), &row.value) {
        (Some(AttributeValue::Flag(flag)), None) => *flag,
        (Some(AttributeValue::Values(values)), Some(value)) => values.contains(value),
        _ => false,
    }
}

/// One candidate of the model: a ranked application.
#[derive(Debug, Clone)]
struct Item {
    /// Index into the entries.
    entry: usize,
    /// Total scaled to an integer (× 10^`Model::scale`).
    score: i128,
    /// kr. requested.
    cost: u64,
    /// The rows it counts towards, ascending.
    rows: Vec<usize>,
}

/// The round as the model sees it: the candidates in rank order and the unmet goal rows.
struct Model {
    items: Vec<Item>,
    rows: Vec<Row>,
    budget: u64,
    /// Under `partial`: the least share as `numerator / 10^scale`.
    partial: Option<(u128, u32)>,
    node_limit: u64,
    /// The totals' common scale: score = total × 10^scale.
    scale: u32,
}

/// What one solve optimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Aim {
    /// Most points within the budget.
    Points,
    /// Least money among packages within the budget with at least these points (scaled).
    LeastMoney(i128),
    /// Least money meeting the rows, with no budget: the cheapest set meeting some goals.
    Cheapest,
}

/// The solver's answer to one solve.
enum Answer {
    /// A package: items (index into `Model::items`) funded in full, and the partly funded one.
    Chosen {
        full: Vec<usize>,
        partial: Option<usize>,
        optimal: bool,
        bound: Option<f64>,
    },
    /// No assignment meets the constraints.
    Infeasible,
    /// The work limit stopped the solver before it found any assignment.
    Stopped { bound: Option<f64> },
}

/// The best package for the ranked entries `ranked` (entry indices in rank order) within
/// `budget` kr. under `rule` (`partial` adds one partly funded application; the other rules
/// fund whole requests), meeting what `goals` leave unmet after the earlier grants.
/// `node_limit` is the solver's work limit per solve ([`NODE_LIMIT`] in a batch).
///
/// Errors: [`PackageError`] when the solver breaks down, its answer breaks a constraint when
/// checked exactly, or a number is too large to model.
pub fn best(
    entries: &[Entry],
    ranked: &[usize],
    budget: u64,
    rule: FundingRule,
    goals: &Goals,
    node_limit: u64,
) -> Result<Solved, PackageError> {
    let model = Model::new(
        entries,
        ranked,
        unmet_rows(goals),
        budget,
        rule,
        goals,
        node_limit,
    )?;
    // A goal that cannot be met alone (no candidate, or too expensive whatever else is
    // funded) would leave no package at all: it is left out and said, and the package meets
    // the goals that can be met.
    let (alone, mut unreachable) = model.alone(goals)?;
    let rows_of = |kept: &[usize]| -> Vec<usize> {
        (0..model.rows.len())
            .filter(|&r| kept.contains(&model.rows[r].goal))
            .collect()
    };
    let mut reachable: Vec<usize> = model.rows.iter().map(|row| row.goal).collect();
    reachable.dedup();
    reachable.retain(|g| !alone.contains(g));
    // Goals each reachable alone may still be too dear together. Then they are kept in the
    // pack's order while they can still be met together, and each one that cannot is said
    // with the goals before it: more money never leaves the package meeting fewer goals.
    let mut kept = reachable.clone();
    if !kept.is_empty() && model.cheapest(&rows_of(&kept))? > model.budget {
        kept.clear();
        for g in reachable {
            let mut trial = kept.clone();
            trial.push(g);
            let cheapest = model.cheapest(&rows_of(&trial))?;
            if cheapest <= model.budget {
                kept = trial;
            } else {
                unreachable.push(Unreachable::Together {
                    goals: trial.iter().map(|&g| goals.specs[g].id.clone()).collect(),
                    cheapest,
                    budget: model.budget,
                });
            }
        }
    }
    let all = rows_of(&kept);
    let walk = model.walk(&all);
    let start = walk.as_ref().map(|full| (full.as_slice(), None));
    match model.solve(&all, Aim::Points, start)? {
        Answer::Chosen {
            full,
            partial,
            optimal,
            bound,
        } => {
            let points = model.score(&full, partial);
            // The tie chain's second link: the least money among packages with these points.
            let start = Some((full.as_slice(), partial));
            let (full, partial) = match model.solve(&all, Aim::LeastMoney(points), start)? {
                Answer::Chosen {
                    full: cheaper,
                    partial: cheaper_partial,
                    ..
                } if model.score(&cheaper, cheaper_partial) >= points => (cheaper, cheaper_partial),
                _ => (full, partial),
            };
            let mut package = model.package(&full, partial);
            package.unreachable = unreachable;
            package.optimal = optimal;
            if let (false, Some(bound)) = (optimal, bound) {
                package.bound = model.bound(bound).max(package.points);
            }
            Ok(Solved::Found(package))
        }
        Answer::Stopped { bound } => Ok(Solved::Stopped {
            bound: bound.map_or(model.most_points(), |b| model.bound(b)),
        }),
        Answer::Infeasible => {
            let mut reasons = unreachable;
            let mut together: Vec<usize> = all.iter().map(|&r| model.rows[r].goal).collect();
            together.dedup();
            reasons.push(Unreachable::Together {
                goals: together
                    .iter()
                    .map(|&g| goals.specs[g].id.clone())
                    .collect(),
                cheapest: model.cheapest(&all)?,
                budget: model.budget,
            });
            Ok(Solved::Infeasible(reasons))
        }
    }
}

impl Model {
    fn new(
        entries: &[Entry],
        ranked: &[usize],
        rows: Vec<Row>,
        budget: u64,
        rule: FundingRule,
        goals: &Goals,
        node_limit: u64,
    ) -> Result<Self, PackageError> {
        let scale = ranked
            .iter()
            .map(|&i| entries[i].total.scale())
            .max()
            .unwrap_or(0);
        let mut items = Vec::with_capacity(ranked.len());
        for &i in ranked {
            let entry = &entries[i];
            let total = entry.total.0.normalize();
            let score = 10i128
                .checked_pow(scale - total.scale())
                .and_then(|factor| total.mantissa().checked_mul(factor))
                .ok_or_else(|| PackageError(format!("the total {} is too large", entry.total)))?;
            let rows_of = rows
                .iter()
                .enumerate()
                .filter(|(_, row)| counts(&goals.specs[row.goal], row, &entry.attributes))
                .map(|(r, _)| r)
                .collect();
            items.push(Item {
                entry: i,
                score,
                cost: entry.requested,
                rows: rows_of,
            });
        }
        let partial = match rule {
            FundingRule::Partial { min_share } => {
                let share = min_share.0.normalize();
                let numerator = u128::try_from(share.mantissa()).map_err(|_| {
                    PackageError(format!("the least share {min_share} is negative"))
                })?;
                Some((numerator, share.scale()))
            }
            _ => None,
        };
        Ok(Model {
            items,
            rows,
            budget,
            partial,
            node_limit,
            scale,
        })
    }

    /// The budget row's unit: kr. × 10^(the least share's scale), so a partial grant's least
    /// cost `min_share × requested` is a whole number.
    fn unit(&self) -> u128 {
        self.partial.map_or(1, |(_, scale)| 10u128.pow(scale))
    }

    /// What item `i` costs in the budget row, in [`Model::unit`]s: in full, or at the least
    /// share when partly funded.
    fn cost(&self, i: usize, partly: bool) -> u128 {
        let cost = u128::from(self.items[i].cost);
        match (partly, self.partial) {
            (true, Some((numerator, _))) => cost * numerator,
            _ => cost * self.unit(),
        }
    }

    /// The walk down the ranking (fund what fits, skip what does not) when it meets `rows`: a
    /// package the solver can start from, so its work limit stops it with a package in hand
    /// whenever the ranking's line already meets the goals.
    fn walk(&self, rows: &[usize]) -> Option<Vec<usize>> {
        let mut left = self.budget;
        let mut full = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            if item.cost <= left {
                left -= item.cost;
                full.push(i);
            }
        }
        self.meets(rows, &full, None).then_some(full)
    }

    /// Whether a choice meets every one of `rows`.
    fn meets(&self, rows: &[usize], full: &[usize], partial: Option<usize>) -> bool {
        rows.iter().all(|&r| {
            let have = full
                .iter()
                .chain(&partial)
                .filter(|&&i| self.items[i].rows.contains(&r))
                .count();
            have >= self.rows[r].need as usize
        })
    }

    /// Scaled points of a choice.
    fn score(&self, full: &[usize], partial: Option<usize>) -> i128 {
        full.iter()
            .chain(&partial)
            .map(|&i| self.items[i].score)
            .sum()
    }

    /// The most applications any package within the budget can hold: the cheapest first until
    /// the budget is spent, plus the partly funded one under `partial`.
    fn most_held(&self) -> usize {
        let mut costs: Vec<u64> = self.items.iter().map(|item| item.cost).collect();
        costs.sort_unstable();
        let mut left = u128::from(self.budget);
        let mut held = 0;
        for cost in costs {
            if u128::from(cost) > left {
                break;
            }
            left -= u128::from(cost);
            held += 1;
        }
        held + usize::from(self.partial.is_some())
    }

    /// The items worth giving the solver for `aim` on `rows` (indices into `self.items`, in
    /// rank order): those fewer than `m` others dominate (see the module's doc).
    fn candidates(&self, rows: &[usize], aim: Aim) -> Vec<usize> {
        let signature = |i: usize| -> Vec<usize> {
            self.items[i]
                .rows
                .iter()
                .copied()
                .filter(|r| rows.contains(r))
                .collect()
        };
        let (m, by_points) = match aim {
            Aim::Points | Aim::LeastMoney(_) => (self.most_held(), true),
            // A cheapest set needs no application that counts towards nothing, and holds at
            // most one per unit of need.
            Aim::Cheapest => (
                rows.iter()
                    .map(|&r| self.rows[r].need as usize)
                    .sum::<usize>(),
                false,
            ),
        };
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.items[a], &self.items[b]);
            let points = if by_points {
                y.score.cmp(&x.score)
            } else {
                std::cmp::Ordering::Equal
            };
            points.then(x.cost.cmp(&y.cost)).then(a.cmp(&b))
        });
        // Requests seen so far, by signature: every one earlier in the order, so with a total
        // at least as high.
        let mut seen: BTreeMap<Vec<usize>, Vec<u64>> = BTreeMap::new();
        let mut supersets: BTreeMap<Vec<usize>, Vec<Vec<usize>>> = BTreeMap::new();
        let mut kept = Vec::new();
        for i in order {
            let sig = signature(i);
            if !by_points && sig.is_empty() {
                continue;
            }
            let cost = self.items[i].cost;
            let above = supersets.entry(sig.clone()).or_insert_with(|| {
                seen.keys()
                    .filter(|other| sig.iter().all(|r| other.contains(r)))
                    .cloned()
                    .collect()
            });
            let mut dominated = 0;
            'count: for other in above.iter() {
                for &c in seen.get(other).map_or(&[][..], Vec::as_slice) {
                    if c <= cost {
                        dominated += 1;
                        if dominated >= m {
                            break 'count;
                        }
                    }
                }
            }
            if dominated < m {
                kept.push(i);
            }
            if !seen.contains_key(&sig) {
                // A new signature: it is a superset of its own and of every earlier subset.
                for (other, list) in supersets.iter_mut() {
                    if other.iter().all(|r| sig.contains(r)) && !list.contains(&sig) {
                        list.push(sig.clone());
                    }
                }
            }
            seen.entry(sig).or_default().push(cost);
        }
        kept.sort_unstable();
        kept
    }

    /// Builds the integer programme for `aim` on `rows` and solves it, from `start` (items
    /// funded in full and the partly funded one) when given: a package the solver may begin
    /// with, so a work limit never leaves it without one.
    fn solve(
        &self,
        rows: &[usize],
        aim: Aim,
        start: Option<(&[usize], Option<usize>)>,
    ) -> Result<Answer, PackageError> {
        let kept = self.candidates(rows, aim);
        let direction = match aim {
            Aim::Points => OptimizationDirection::Maximize,
            Aim::LeastMoney(_) | Aim::Cheapest => OptimizationDirection::Minimize,
        };
        let objective = |i: usize, partly: bool| match aim {
            Aim::Points => self.items[i].score as f64,
            Aim::LeastMoney(_) | Aim::Cheapest => self.cost(i, partly) as f64,
        };
        let mut problem = Problem::new(direction);
        let x: Vec<Variable> = kept
            .iter()
            .map(|&i| problem.add_binary_var(objective(i, false)))
            .collect();
        let z: Vec<Variable> = match self.partial {
            Some(_) => kept
                .iter()
                .map(|&i| problem.add_binary_var(objective(i, true)))
                .collect(),
            None => Vec::new(),
        };
        let both = |k: usize| std::iter::once(x[k]).chain(z.get(k).copied());
        if aim != Aim::Cheapest {
            let mut budget_row: Vec<(Variable, f64)> = Vec::new();
            for (k, &i) in kept.iter().enumerate() {
                budget_row.push((x[k], self.cost(i, false) as f64));
                if let Some(&zk) = z.get(k) {
                    budget_row.push((zk, self.cost(i, true) as f64));
                }
            }
            let limit = u128::from(self.budget) * self.unit();
            problem.add_constraint(budget_row.as_slice(), ComparisonOp::Le, limit as f64);
        }
        if !z.is_empty() {
            let one: Vec<(Variable, f64)> = z.iter().map(|&v| (v, 1.0)).collect();
            problem.add_constraint(one.as_slice(), ComparisonOp::Le, 1.0);
            for k in 0..kept.len() {
                problem.add_constraint([(x[k], 1.0), (z[k], 1.0)], ComparisonOp::Le, 1.0);
            }
        }
        if let Aim::LeastMoney(floor) = aim {
            let points: Vec<(Variable, f64)> = (0..kept.len())
                .flat_map(|k| both(k).map(move |v| (v, k)))
                .map(|(v, k)| (v, self.items[kept[k]].score as f64))
                .collect();
            // Scores are whole numbers: at least floor − ½ is at least floor, with room for
            // the solver's rounding.
            problem.add_constraint(points.as_slice(), ComparisonOp::Ge, floor as f64 - 0.5);
        }
        for &r in rows {
            let members: Vec<(Variable, f64)> = (0..kept.len())
                .filter(|&k| self.items[kept[k]].rows.contains(&r))
                .flat_map(|k| both(k).map(|v| (v, 1.0)))
                .collect();
            problem.add_constraint(
                members.as_slice(),
                ComparisonOp::Ge,
                f64::from(self.rows[r].need),
            );
        }
        let mut options = SolveOptions::default();
        options.node_limit = Some(self.node_limit);
        if let Some((full, partial)) = start {
            let mut values = Vec::new();
            for (k, i) in kept.iter().enumerate() {
                values.push((x[k], f64::from(u8::from(full.contains(i)))));
                if let Some(&zk) = z.get(k) {
                    values.push((zk, f64::from(u8::from(partial == Some(*i)))));
                }
            }
            options.warm_start = Some(values);
        }
        let outcome = match problem.solve_with(options) {
            Ok(outcome) => outcome,
            Err(microlp::Error::Infeasible) => return Ok(Answer::Infeasible),
            Err(other) => return Err(PackageError(format!("the solver failed: {other}"))),
        };
        let bound = outcome.stats().best_bound;
        let Some(solution) = outcome.solution() else {
            return Ok(Answer::Stopped { bound });
        };
        let chosen = |vars: &[Variable]| -> Vec<usize> {
            vars.iter()
                .enumerate()
                .filter(|(_, v)| solution.var_value(**v) > 0.5)
                .map(|(k, _)| kept[k])
                .collect()
        };
        let full = chosen(&x);
        let partial = chosen(&z).first().copied();
        self.check(rows, aim, &full, partial)?;
        Ok(Answer::Chosen {
            full,
            partial,
            optimal: outcome.is_optimal(),
            bound,
        })
    }

    /// Checks the solver's answer in exact arithmetic: its floating point must not have let a
    /// package past the budget or a goal.
    fn check(
        &self,
        rows: &[usize],
        aim: Aim,
        full: &[usize],
        partial: Option<usize>,
    ) -> Result<(), PackageError> {
        let spent: u128 = full
            .iter()
            .map(|&i| self.cost(i, false))
            .chain(partial.map(|i| self.cost(i, true)))
            .sum();
        let within = aim == Aim::Cheapest || spent <= u128::from(self.budget) * self.unit();
        let meets = self.meets(rows, full, partial);
        let floor = match aim {
            Aim::LeastMoney(floor) => self.score(full, partial) >= floor,
            _ => true,
        };
        if within && meets && floor {
            Ok(())
        } else {
            Err(PackageError(
                "the solver's answer breaks the budget or a goal when checked exactly".into(),
            ))
        }
    }

    /// The package of a choice: grants in rank order, a partly funded one granted what is left.
    fn package(&self, full: &[usize], partial: Option<usize>) -> Package {
        let mut funded: Vec<(usize, u64)> = full.iter().map(|&i| (i, self.items[i].cost)).collect();
        let spent: u64 = funded.iter().map(|(_, kr)| kr).sum();
        if let Some(i) = partial {
            let left = self.budget.saturating_sub(spent);
            funded.push((i, self.items[i].cost.min(left)));
        }
        funded.sort_unstable();
        let points = self.points(funded.iter().map(|&(i, _)| self.items[i].score).sum());
        Package {
            used: funded.iter().map(|(_, kr)| kr).sum(),
            funded: funded
                .into_iter()
                .map(|(i, kr)| (self.items[i].entry, kr))
                .collect(),
            points,
            optimal: true,
            bound: points,
            unreachable: Vec::new(),
        }
    }

    /// A bound the solver reports (scaled, floating) as points: rounded down to a whole scaled
    /// number after allowing for the solver's rounding, so it is never below the true bound.
    fn bound(&self, bound: f64) -> Decimal {
        let slack = 1e-6 * bound.abs().max(1.0);
        self.points((bound + slack).floor() as i128)
    }

    /// Scaled points as points.
    fn points(&self, scaled: i128) -> Decimal {
        Decimal(rust_decimal::Decimal::from_i128_with_scale(scaled, self.scale).normalize())
    }

    /// The sum of every positive total: a bound no package can pass.
    fn most_points(&self) -> Decimal {
        self.points(self.items.iter().map(|item| item.score.max(0)).sum())
    }

    /// The goals (indices in the pack's order) that no package can meet whatever else it
    /// funds, each with why: no candidate, or too expensive alone.
    fn alone(&self, goals: &Goals) -> Result<(Vec<usize>, Vec<Unreachable>), PackageError> {
        let mut left_out = Vec::new();
        let mut reasons = Vec::new();
        let mut unmet: Vec<usize> = self.rows.iter().map(|row| row.goal).collect();
        unmet.dedup();
        for &g in &unmet {
            let spec = &goals.specs[g];
            let rows: Vec<usize> = (0..self.rows.len())
                .filter(|&r| self.rows[r].goal == g)
                .collect();
            let members = |r: usize| {
                self.items
                    .iter()
                    .filter(|item| item.rows.contains(&r))
                    .count()
            };
            let bare: Vec<String> = rows
                .iter()
                .filter(|&&r| members(r) == 0)
                .filter_map(|&r| self.rows[r].value.clone())
                .collect();
            let short = rows.iter().find(|&&r| {
                self.rows[r].value.is_none() && members(r) < self.rows[r].need as usize
            });
            if let Some(&r) = short {
                left_out.push(g);
                reasons.push(Unreachable::NoCandidate {
                    goal: spec.id.clone(),
                    missing: Vec::new(),
                    needed: self.rows[r].need,
                    available: members(r) as u32,
                });
                continue;
            }
            if !bare.is_empty() {
                left_out.push(g);
                reasons.push(Unreachable::NoCandidate {
                    goal: spec.id.clone(),
                    needed: bare.len() as u32,
                    available: 0,
                    missing: bare,
                });
                continue;
            }
            let cheapest = self.cheapest(&rows)?;
            if cheapest > self.budget {
                left_out.push(g);
                reasons.push(Unreachable::TooExpensive {
                    goal: spec.id.clone(),
                    cheapest,
                    budget: self.budget,
                });
            }
        }
        Ok((left_out, reasons))
    }

    /// kr. the cheapest set of ranked applications meeting `rows` asks for (a partly funded
    /// one at its least share, rounded up). Called only for rows every ranked application
    /// together meets, which is the solver's starting point, so it always has an answer (the
    /// cheapest found, should the work limit stop it).
    fn cheapest(&self, rows: &[usize]) -> Result<u64, PackageError> {
        let everyone: Vec<usize> = (0..self.items.len()).collect();
        match self.solve(rows, Aim::Cheapest, Some((&everyone, None)))? {
            Answer::Chosen { full, partial, .. } => {
                let spent: u128 = full
                    .iter()
                    .map(|&i| self.cost(i, false))
                    .chain(partial.map(|i| self.cost(i, true)))
                    .sum();
                u64::try_from(spent.div_ceil(self.unit()))
                    .map_err(|_| PackageError("the requests add up to more than 2^64 kr.".into()))
            }
            Answer::Infeasible | Answer::Stopped { .. } => Err(PackageError(
                "the solver found no set meeting goals every ranked application meets".into(),
            )),
        }
    }
}

/// Goals and entries for the tests of the package, the ranking and the report.
#[cfg(test)]
pub(crate) mod fixtures {
    use std::collections::BTreeMap;

    use crate::manifest::{Basis, BasisKind, Text};
    use crate::portfolio::GoalSpec;

    fn goal(id: &str, attribute: &str) -> GoalSpec {
        GoalSpec {
            id: id.into(),
            title: Text(BTreeMap::from([("en".to_string(), format!("Goal {id}"))])),
            attribute: attribute.into(),
            at_least: None,
            cover: None,
            basis: Basis {
                kind: BasisKind::Source,
                quote: format!("Goal {id}"),
                why: None,
            },
            at_least_basis: None,
        }
    }

    /// The goal `id`: at least `n` funded with the flag `attribute`.
    pub(crate) fn at_least(id: &str, attribute: &str, n: u32) -> GoalSpec {
        GoalSpec {
            at_least: Some(n),
            ..goal(id, attribute)
        }
    }

    /// The goal `id`: every one of `values` named by a funded application's `attribute`.
    pub(crate) fn cover(id: &str, attribute: &str, values: &[&str]) -> GoalSpec {
        GoalSpec {
            cover: Some(values.iter().map(|v| v.to_string()).collect()),
            ..goal(id, attribute)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{at_least, cover};
    use super::*;
    use crate::ranking;

    /// xorshift64: the same rounds on every run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    const VALUES: [&str; 3] = ["A", "B", "C"];

    fn attributes(flag: bool, values: &[&str]) -> Attributes {
        Attributes::from([
            ("f".to_string(), AttributeValue::Flag(flag)),
            (
                "v".to_string(),
                AttributeValue::Values(values.iter().map(|v| v.to_string()).collect()),
            ),
        ])
    }

    fn entry(id: &str, requested: u64, total: &str, flag: bool, values: &[&str]) -> Entry {
        Entry {
            application_id: id.into(),
            requested,
            total: total.parse().unwrap(),
            points: Vec::new(),
            excluded: None,
            attributes: attributes(flag, values),
        }
    }

    /// The ranked entries' indices in rank order, as the batch gives them.
    fn ranked(entries: &[Entry]) -> Vec<usize> {
        ranking::rank(entries, &[], 0).order
    }

    fn solve(entries: &[Entry], budget: u64, rule: FundingRule, goals: &Goals) -> Solved {
        best(entries, &ranked(entries), budget, rule, goals, NODE_LIMIT).unwrap()
    }

    /// The package for `goals` with no earlier grants, under `skip`.
    fn solve_for(entries: &[Entry], budget: u64, goals: &[GoalSpec]) -> Solved {
        let goals = Goals {
            specs: goals,
            earlier: &[],
        };
        solve(entries, budget, FundingRule::Skip, &goals)
    }

    fn found(solved: Solved) -> Package {
        match solved {
            Solved::Found(package) => package,
            other => panic!("expected a package, got {other:?}"),
        }
    }

    fn ids(entries: &[Entry], package: &Package) -> Vec<(String, u64)> {
        let mut ids: Vec<(String, u64)> = package
            .funded
            .iter()
            .map(|&(i, kr)| (entries[i].application_id.clone(), kr))
            .collect();
        ids.sort();
        ids
    }

    /// An application's flag and its values as a bit mask (A = 1, B = 2, C = 4).
    fn bits(attributes: &Attributes) -> (bool, u8) {
        let flag = attributes.get("f") == Some(&AttributeValue::Flag(true));
        let mask = match attributes.get("v") {
            Some(AttributeValue::Values(values)) => VALUES
                .iter()
                .enumerate()
                .filter(|(_, v)| values.iter().any(|w| w == *v))
                .map(|(b, _)| 1u8 << b)
                .sum(),
            _ => 0,
        };
        (flag, mask)
    }

    /// The best (most points, then least money) package by trying every subset, and under
    /// `partial` every partly funded one beside it; goals counted by bit masks, apart from
    /// the model. `None` when no package meets the goals.
    fn brute_force(
        entries: &[Entry],
        budget: u64,
        min_share: Option<Decimal>,
        goals: &[GoalSpec],
        earlier: &[(Funded, Attributes)],
    ) -> Option<(Decimal, u64)> {
        let earlier_flags = earlier.iter().filter(|(_, a)| bits(a).0).count() as u32;
        let earlier_mask = earlier.iter().fold(0, |m, (_, a)| m | bits(a).1);
        let meets = |chosen: &[usize]| {
            let flags = earlier_flags
                + chosen
                    .iter()
                    .filter(|&&i| bits(&entries[i].attributes).0)
                    .count() as u32;
            let mask = chosen
                .iter()
                .fold(earlier_mask, |m, &i| m | bits(&entries[i].attributes).1);
            goals.iter().all(|goal| match goal.rule() {
                Some(GoalRule::AtLeast(n)) => flags >= n,
                Some(GoalRule::Cover(values)) => values.iter().all(|v| {
                    let b = VALUES.iter().position(|w| w == v).unwrap();
                    mask & (1 << b) != 0
                }),
                None => unreachable!(),
            })
        };
        let n = entries.len();
        let mut best: Option<(Decimal, u64)> = None;
        for set in 0u32..(1 << n) {
            let full: Vec<usize> = (0..n).filter(|i| set & (1 << i) != 0).collect();
            let spent: u64 = full.iter().map(|&i| entries[i].requested).sum();
            if spent > budget {
                continue;
            }
            let mut partials: Vec<Option<usize>> = vec![None];
            if let Some(share) = min_share {
                partials.extend(
                    (0..n)
                        .filter(|i| set & (1 << i) == 0)
                        .filter(|&i| {
                            let least = share.0 * rust_decimal::Decimal::from(entries[i].requested);
                            rust_decimal::Decimal::from(budget - spent) >= least
                        })
                        .map(Some),
                );
            }
            for partial in partials {
                let mut chosen = full.clone();
                chosen.extend(partial);
                if !meets(&chosen) {
                    continue;
                }
                let points = chosen.iter().fold(Decimal::ZERO, |s, &i| {
                    s.checked_add(entries[i].total).unwrap()
                });
                let money = spent + partial.map_or(0, |i| entries[i].requested.min(budget - spent));
                let better = match best {
                    None => true,
                    Some((p, m)) => points > p || (points == p && money < m),
                };
                if better {
                    best = Some((points, money));
                }
            }
        }
        best
    }

    fn random_attributes(rng: &mut Rng) -> (bool, Vec<&'static str>) {
        let flag = rng.below(3) == 0;
        let values = VALUES
            .iter()
            .copied()
            .filter(|_| rng.below(4) == 0)
            .collect();
        (flag, values)
    }

    /// Random rounds of up to `most` applications with random goals and earlier grants:
    /// the package has the brute force's points (and, without partial grants, its money), is
    /// within the budget and meets the goals, and the same for every order of the entries.
    fn against_brute_force(seed: u64, rounds: usize, most: u64, partial: bool) {
        let mut rng = Rng(seed);
        for round in 0..rounds {
            let n = 1 + rng.below(most) as usize;
            let mut entries = Vec::new();
            for i in 0..n {
                let (flag, values) = random_attributes(&mut rng);
                let total = format!(
                    "{}.{}",
                    rng.below(20),
                    [0, 25, 5, 75][rng.below(4) as usize]
                );
                let requested = 100 * (1 + rng.below(10));
                entries.push(entry(
                    &format!("app-{i:02}"),
                    requested,
                    &total,
                    flag,
                    &values,
                ));
            }
            let asked: u64 = entries.iter().map(|e| e.requested).sum();
            let budget = rng.below(asked + 1);
            let mut goals = Vec::new();
            if rng.below(2) == 0 {
                goals.push(at_least("g-flag", "f", 1 + rng.below(3) as u32));
            }
            if rng.below(2) == 0 {
                let values: Vec<&str> = VALUES
                    .iter()
                    .copied()
                    .filter(|_| rng.below(2) == 0)
                    .collect();
                if !values.is_empty() {
                    goals.push(cover("g-cover", "v", &values));
                }
            }
            let earlier: Vec<(Funded, Attributes)> = (0..rng.below(3))
                .map(|k| {
                    let (flag, values) = random_attributes(&mut rng);
                    let funded = Funded {
                        application_id: format!("earlier-{k}"),
                        round: Some("2024-1".into()),
                        granted: 100,
                    };
                    (funded, attributes(flag, &values))
                })
                .collect();
            let min_share: Option<Decimal> =
                partial.then(|| ["0.25", "0.5", "1"][rng.below(3) as usize].parse().unwrap());
            let rule = min_share.map_or(FundingRule::Skip, |min_share| FundingRule::Partial {
                min_share,
            });
            let context = Goals {
                specs: &goals,
                earlier: &earlier,
            };
            // A goal no package can meet alone is left out (and said); of the rest, each is
            // kept in the pack's order while they can still be met together.
            let mut reachable: Vec<GoalSpec> = Vec::new();
            for g in &goals {
                let alone = brute_force(
                    &entries,
                    budget,
                    min_share,
                    std::slice::from_ref(g),
                    &earlier,
                );
                let mut trial = reachable.clone();
                trial.push(g.clone());
                if alone.is_some()
                    && brute_force(&entries, budget, min_share, &trial, &earlier).is_some()
                {
                    reachable = trial;
                }
            }
            let expected = brute_force(&entries, budget, min_share, &reachable, &earlier);
            let solved = solve(&entries, budget, rule, &context);
            let what = format!(
                "round {round} of seed {seed}: {entries:?}, budget {budget}, goals {goals:?}, earlier {earlier:?}"
            );
            let package = match (expected, solved) {
                (None, Solved::Infeasible(reasons)) => {
                    assert!(!reasons.is_empty(), "{what}");
                    continue;
                }
                (Some((points, money)), Solved::Found(package)) => {
                    assert!(package.optimal, "{what}");
                    assert_eq!(package.points, points, "{what}");
                    assert_eq!(package.bound, points, "{what}");
                    if !partial {
                        assert_eq!(package.used, money, "{what}");
                    }
                    package
                }
                (expected, solved) => panic!("{what}: brute force {expected:?}, solver {solved:?}"),
            };
            assert!(package.used <= budget, "{what}");
            let partly = package
                .funded
                .iter()
                .filter(|&&(i, kr)| kr < entries[i].requested)
                .count();
            assert!(partly <= usize::from(partial), "{what}");
            assert_eq!(
                package.unreachable.len(),
                goals.len() - reachable.len(),
                "{what}"
            );
            for goal in &reachable {
                let funded = earlier
                    .iter()
                    .map(|(f, a)| (f.application_id.as_str(), a))
                    .chain(package.funded.iter().map(|&(i, _)| {
                        (entries[i].application_id.as_str(), &entries[i].attributes)
                    }));
                assert!(portfolio::status(goal, funded).met, "{what}: {goal:?}");
            }
            // Any order of the entries: the same package.
            let mut turned = entries.clone();
            for shift in [1, n / 2, n - 1] {
                turned.rotate_left(shift);
                turned.reverse();
                let again = found(solve(&turned, budget, rule, &context));
                assert_eq!(ids(&turned, &again), ids(&entries, &package), "{what}");
            }
        }
    }

    #[test]
    fn the_package_is_the_brute_force_best_on_random_rounds_in_any_order() {
        against_brute_force(0x5eed_0018, 250, 15, false);
    }

    #[test]
    fn with_partial_grants_the_package_has_the_brute_force_points() {
        against_brute_force(0x5eed_1018, 150, 9, true);
    }

    #[test]
    fn among_packages_with_the_most_points_the_one_asking_least_money_is_chosen() {
        // Budget 1,000, every application 5 points: a 450, b 550, c 440 kr. Two fit: a + b
        // (1,000 kr.), a + c (890 kr.), b + c (990 kr.), each 10 points; a + c asks least.
        let entries = vec![
            entry("a", 450, "5", false, &[]),
            entry("b", 550, "5", false, &[]),
            entry("c", 440, "5", false, &[]),
        ];
        let package = found(solve(&entries, 1000, FundingRule::Skip, &Goals::default()));
        assert_eq!(
            ids(&entries, &package),
            [("a".into(), 450), ("c".into(), 440)]
        );
        assert_eq!(package.used, 890);
    }

    #[test]
    fn a_goal_no_ranked_application_counts_towards_has_no_candidate() {
        // Two with the flag are needed, one has it; the value C no application names.
        let entries = vec![
            entry("a", 100, "3", true, &["A"]),
            entry("b", 100, "2", false, &["B"]),
        ];
        let goals = [at_least("two", "f", 2), cover("all", "v", &["A", "B", "C"])];
        // Neither goal can be met, so both are left out and said: the package is the best
        // without them, both applications (5 points, 200 kr.).
        let package = found(solve_for(&entries, 1000, &goals));
        assert_eq!(
            ids(&entries, &package),
            [("a".into(), 100), ("b".into(), 100)]
        );
        assert_eq!(
            package.unreachable,
            vec![
                Unreachable::NoCandidate {
                    goal: "two".into(),
                    missing: Vec::new(),
                    needed: 2,
                    available: 1,
                },
                Unreachable::NoCandidate {
                    goal: "all".into(),
                    missing: vec!["C".into()],
                    needed: 1,
                    available: 0,
                },
            ]
        );
    }

    #[test]
    fn a_goal_that_cannot_be_met_is_left_out_and_the_others_are_met() {
        // The flag goal has no candidate; the value A only b (2 points) names. Budget 100:
        // a (3 points) or b, not both. Without leaving the flag goal out there would be no
        // package; with it, b is funded for the value A.
        let entries = vec![
            entry("a", 100, "3", false, &[]),
            entry("b", 100, "2", false, &["A"]),
        ];
        let goals = [at_least("flag", "f", 1), cover("a-value", "v", &["A"])];
        let package = found(solve_for(&entries, 100, &goals));
        assert_eq!(ids(&entries, &package), [("b".into(), 100)]);
        assert_eq!(
            package.unreachable,
            [Unreachable::NoCandidate {
                goal: "flag".into(),
                missing: Vec::new(),
                needed: 1,
                available: 0,
            }]
        );
    }

    #[test]
    fn earlier_grants_count_so_only_what_they_leave_is_asked() {
        // The goal asks for two with the flag; an earlier grant has it, so one more will do:
        // b (the only one with the flag) is funded though a has more points.
        let entries = vec![
            entry("a", 600, "9", false, &[]),
            entry("b", 600, "1", true, &[]),
        ];
        let goals = [at_least("two", "f", 2)];
        let earlier = [(
            Funded {
                application_id: "old".into(),
                round: Some("2024-1".into()),
                granted: 100,
            },
            attributes(true, &[]),
        )];
        let package = found(solve(
            &entries,
            1000,
            FundingRule::Skip,
            &Goals {
                specs: &goals,
                earlier: &earlier,
            },
        ));
        assert_eq!(ids(&entries, &package), [("b".into(), 600)]);
    }

    #[test]
    fn a_goal_too_expensive_alone_says_what_its_cheapest_set_asks() {
        // Two with the flag: b 600 and c 700 kr. are the only ones; together 1,300 > 1,000.
        let entries = vec![
            entry("a", 100, "9", false, &[]),
            entry("b", 600, "5", true, &[]),
            entry("c", 700, "4", true, &[]),
        ];
        let goals = [at_least("two", "f", 2)];
        // Left out and said; the best without it: b and a (14 points, 700 kr.).
        let package = found(solve_for(&entries, 1000, &goals));
        assert_eq!(
            ids(&entries, &package),
            [("a".into(), 100), ("b".into(), 600)]
        );
        assert_eq!(
            package.unreachable,
            [Unreachable::TooExpensive {
                goal: "two".into(),
                cheapest: 1300,
                budget: 1000,
            }]
        );
    }

    #[test]
    fn goals_met_alone_but_not_together_are_named_together() {
        // The flag: only a (600 kr.); the value A: only b (600 kr.). Each fits 1,000 alone,
        // both need 1,200.
        let entries = vec![
            entry("a", 600, "5", true, &[]),
            entry("b", 600, "4", false, &["A"]),
            entry("c", 100, "9", false, &[]),
        ];
        let goals = [at_least("flag", "f", 1), cover("a", "v", &["A"])];
        // The first goal in the pack's order is kept: a and c (14 points, 700 kr.); the
        // second is said with the one it cannot be met together with.
        let package = found(solve_for(&entries, 1000, &goals));
        assert_eq!(
            ids(&entries, &package),
            [("a".into(), 600), ("c".into(), 100)]
        );
        assert_eq!(
            package.unreachable,
            [Unreachable::Together {
                goals: vec!["flag".into(), "a".into()],
                cheapest: 1200,
                budget: 1000,
            }]
        );
    }

    /// Sixty applications and a goal: a knapsack the solver needs many nodes for.
    fn hard_round() -> (Vec<Entry>, u64) {
        let mut rng = Rng(0x0018_cafe);
        let entries: Vec<Entry> = (0..60)
            .map(|i| {
                let requested = 1000 + rng.below(9000);
                // Points close to proportional to the request: many near-equal packages.
                let total = format!("{}.{}", requested / 100 + rng.below(5), rng.below(100));
                entry(
                    &format!("app-{i:02}"),
                    requested,
                    &total,
                    rng.below(4) == 0,
                    &[],
                )
            })
            .collect();
        let asked: u64 = entries.iter().map(|e| e.requested).sum();
        (entries, asked / 3)
    }

    #[test]
    fn the_work_limit_gives_the_best_found_and_a_bound_never_a_silent_optimum() {
        // Without goals the ranking's walk is a package to start from; two nodes are far too
        // few to prove the best of sixty near-equal applications.
        let (entries, budget) = hard_round();
        let ranked = ranked(&entries);
        let none = Goals::default();
        let stopped = found(best(&entries, &ranked, budget, FundingRule::Skip, &none, 2).unwrap());
        let proven = found(
            best(
                &entries,
                &ranked,
                budget,
                FundingRule::Skip,
                &none,
                NODE_LIMIT,
            )
            .unwrap(),
        );
        assert!(proven.optimal);
        assert!(!stopped.optimal, "two nodes cannot prove this round");
        assert!(stopped.points <= proven.points);
        assert!(stopped.bound >= proven.points, "the bound is a bound");
        assert!(stopped.used <= budget);
        // The same limit gives the same answer: a limit of work, not of time.
        assert_eq!(
            best(&entries, &ranked, budget, FundingRule::Skip, &none, 2).unwrap(),
            Solved::Found(stopped)
        );
    }

    #[test]
    fn a_work_limit_before_any_package_meets_the_goals_says_so_with_a_bound() {
        // Three with the flag: the walk does not meet that, so the solver has nothing to
        // start from, and two nodes find no package.
        let (entries, budget) = hard_round();
        let ranked = ranked(&entries);
        let goals = [at_least("flag", "f", 3)];
        let goals = Goals {
            specs: &goals,
            earlier: &[],
        };
        let proven = found(
            best(
                &entries,
                &ranked,
                budget,
                FundingRule::Skip,
                &goals,
                NODE_LIMIT,
            )
            .unwrap(),
        );
        match best(&entries, &ranked, budget, FundingRule::Skip, &goals, 2).unwrap() {
            Solved::Stopped { bound } => assert!(bound >= proven.points),
            other => panic!("expected the work limit's stop, got {other:?}"),
        }
    }

    #[test]
    fn the_reduction_keeps_one_per_place_a_package_has() {
        // Budget 250: at most two of these 100 kr. applications fit, so of the five alike
        // (same points, same goals), the first two in rank order are kept, the rest dominated.
        let entries: Vec<Entry> = (0..5)
            .map(|i| entry(&format!("app-{i}"), 100, "5", false, &[]))
            .collect();
        let model = Model::new(
            &entries,
            &ranked(&entries),
            Vec::new(),
            250,
            FundingRule::Skip,
            &Goals::default(),
            NODE_LIMIT,
        )
        .unwrap();
        assert_eq!(model.most_held(), 2);
        assert_eq!(model.candidates(&[], Aim::Points), [0, 1]);
    }
}
