//! Portfolio goals and the funding rule: what a pack declares about the whole set of funded
//! initiatives, not about one application.
//!
//! A pack's `[portfolio]` declares **attributes** — per-application values a Rhai script
//! computes (`flag`: true or false; `values`: a list of texts such as municipalities) — and
//! **goals**, each a counting rule over one attribute that a solver can use:
//! `at_least = N` (at least N funded applications whose flag is true) or `cover = [..]` (every
//! listed value named by at least one funded application). The funded set is the programme
//! period's: grants of earlier rounds (from the register) plus this round's proposal; a partial
//! grant counts as funded.
//!
//! The pack's `[funding] rule` says how the ranking becomes a proposal ([`FundingRule`]).
//!
//! These are the shared types; the goal arithmetic is in this module, the walk down the
//! ranking in `ranking.rs`, the best package in `package.rs`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;
use crate::manifest::{Basis, Text};

mod report;
pub use report::report;

/// An application's portfolio attributes, by attribute id (sorted, so the bytes are stable).
pub type Attributes = BTreeMap<String, AttributeValue>;

/// One attribute's value for one application: a flag, or a list of texts (sorted, each once).
// In JSON as it is: `true` or `["Nordby", "Sydby"]`. In a binary record (the batch's
// spill file, postcard, which does not describe itself and so cannot tell the two apart) it is
// written tagged: see the `Serialize` and `Deserialize` impls below.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, JsonSchema)]
#[serde(untagged)]
pub enum AttributeValue {
    /// For an attribute of kind `flag`.
    Flag(bool),
    /// For an attribute of kind `values`: the values, sorted, each once.
    Values(Vec<String>),
}

/// [`AttributeValue`] read from JSON: untagged, as a pack author writes it.
#[derive(Deserialize)]
#[serde(untagged)]
enum Untagged {
    Flag(bool),
    Values(Vec<String>),
}

/// [`AttributeValue`] read from a binary record: tagged by position.
#[derive(Deserialize)]
enum Tagged {
    Flag(bool),
    Values(Vec<String>),
}

impl Serialize for AttributeValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self, serializer.is_human_readable()) {
            (AttributeValue::Flag(flag), true) => serializer.serialize_bool(*flag),
            (AttributeValue::Values(values), true) => values.serialize(serializer),
            // As `Tagged` writes its variants.
            (AttributeValue::Flag(flag), false) => {
                serializer.serialize_newtype_variant("Tagged", 0, "Flag", flag)
            }
            (AttributeValue::Values(values), false) => {
                serializer.serialize_newtype_variant("Tagged", 1, "Values", values)
            }
        }
    }
}

impl<'de> Deserialize<'de> for AttributeValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(if deserializer.is_human_readable() {
            match Untagged::deserialize(deserializer)? {
                Untagged::Flag(flag) => AttributeValue::Flag(flag),
                Untagged::Values(values) => AttributeValue::Values(values),
            }
        } else {
            match Tagged::deserialize(deserializer)? {
                Tagged::Flag(flag) => AttributeValue::Flag(flag),
                Tagged::Values(values) => AttributeValue::Values(values),
            }
        })
    }
}

/// `[portfolio]` in `pack.toml`: the programme period, the attributes and the goals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PortfolioSpec {
    /// The first and last year (inclusive) whose rounds' grants count towards the goals, e.g.
    /// `period = [2024, 2026]`. Without it only this round's proposal counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<[u32; 2]>,
    /// When the goals must be met, as an ISO date (`2027-12-31`), shown beside every goal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// Where the goals and their deadline come from (a quotation of the source).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    /// The per-application attributes the goals count, each computed by a script.
    #[serde(default)]
    #[schemars(length(max = 50))]
    pub attributes: Vec<AttributeSpec>,
    /// The goals, in the order the source lists them.
    #[serde(default)]
    #[schemars(length(max = 50))]
    pub goals: Vec<GoalSpec>,
}

/// One attribute: its id, title and the script that computes it. The script's last
/// expression is the value: `true`/`false` for `flag`, an array of strings for `values`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttributeSpec {
    /// Short name, unique in the pack: lowercase letters, digits and `-`.
    #[schemars(length(min = 1, max = 64), regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: String,
    /// Title per language.
    pub title: Text,
    /// `flag` or `values`.
    pub kind: AttributeKind,
    /// Path of the script in the pack, e.g. `portfolio/kommuner.rhai`.
    #[schemars(length(min = 1, max = 200))]
    pub script: String,
}

/// What an attribute's script returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttributeKind {
    /// `true` or `false`.
    Flag,
    /// A list of texts (an empty list is allowed).
    Values,
}

/// One portfolio goal: a counting rule over one attribute. Exactly one of `at_least` (for a
/// `flag` attribute) and `cover` (for a `values` attribute) is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalSpec {
    /// Short name, unique in the pack: lowercase letters, digits and `-`.
    #[schemars(length(min = 1, max = 64), regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: String,
    /// Title per language (the goal as the source words it).
    pub title: Text,
    /// The attribute the goal counts.
    pub attribute: String,
    /// At least this many funded applications whose flag attribute is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<u32>,
    /// Every one of these values named by at least one funded application's `values`
    /// attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<Vec<String>>,
    /// Where the goal comes from: the source's words (`kind = "source"`).
    pub basis: Basis,
    /// Where the number in `at_least` comes from when the source does not give it ("flere
    /// indsatser": the pack's reading, `kind = "reading"`, with why).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least_basis: Option<Basis>,
}

/// A goal's rule, read from a [`GoalSpec`] that loading has checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalRule<'a> {
    /// At least this many funded applications with the flag.
    AtLeast(u32),
    /// Every value named by at least one funded application.
    Cover(&'a [String]),
}

impl GoalSpec {
    /// The goal's rule; `None` only for a spec loading refuses (neither or both given).
    pub fn rule(&self) -> Option<GoalRule<'_>> {
        match (self.at_least, &self.cover) {
            (Some(n), None) => Some(GoalRule::AtLeast(n)),
            (None, Some(values)) => Some(GoalRule::Cover(values)),
            _ => None,
        }
    }
}

/// `[funding]` in `pack.toml`: how the ranking becomes the proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingSpec {
    /// `strict`, `skip` (the default), `partial` or `optimal`.
    pub rule: FundingRuleName,
    /// For `partial`: the least share of its request a partial grant may be, a decimal in
    /// (0, 1], e.g. `0.5` for half.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_min_share: Option<Decimal>,
    /// Why the group chose this rule (a `reading` of the source, with why).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
}

/// The funding rules a pack can choose, as written in `pack.toml` and recorded in decisions.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FundingRuleName {
    /// Walk the ranking and stop at the first application that does not fit.
    Strict,
    /// Walk the ranking; one that does not fit is skipped (reserve) and smaller ones below it
    /// may still be funded. The default: what kriterium did before packs chose.
    #[default]
    Skip,
    /// As `skip`, but the first application that does not fit, and for which what is left is
    /// at least `partial_min_share` of its request, is offered what is left (at most one
    /// partial grant per round).
    Partial,
    /// Fund the best package: the set that maximises the sum of totals within the budget and
    /// meets the unmet portfolio goals (`package.rs`).
    Optimal,
}

/// The funding rule a round is run with: the rule and, for `partial`, the least share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundingRule {
    /// See [`FundingRuleName::Strict`].
    Strict,
    /// See [`FundingRuleName::Skip`].
    Skip,
    /// See [`FundingRuleName::Partial`]; `min_share` in (0, 1].
    Partial {
        /// The least share of its request a partial grant may be.
        min_share: Decimal,
    },
    /// See [`FundingRuleName::Optimal`].
    Optimal,
}

impl FundingRule {
    /// The rule's name as decisions record it.
    pub fn name(&self) -> FundingRuleName {
        match self {
            FundingRule::Strict => FundingRuleName::Strict,
            FundingRule::Skip => FundingRuleName::Skip,
            FundingRule::Partial { .. } => FundingRuleName::Partial,
            FundingRule::Optimal => FundingRuleName::Optimal,
        }
    }
}

/// Where one goal stands for one funded set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GoalStatus {
    /// Whether the goal is met.
    pub met: bool,
    /// `at_least`: funded applications with the flag; `cover`: values covered.
    pub have: u32,
    /// `at_least`: the number asked for; `cover`: how many values are to be covered.
    pub need: u32,
    /// `cover`: the values no funded application names yet, in the goal's order.
    pub missing: Vec<String>,
    /// The funded applications that count towards the goal, by id (sorted).
    pub by: Vec<String>,
}

/// One application funded (wholly or partly) in a funded set: what the goals count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Funded {
    /// The application's id.
    pub application_id: String,
    /// The round it was (or is proposed to be) funded in; `null` for this round.
    pub round: Option<String>,
    /// kr. granted or proposed.
    pub granted: u64,
}

/// A funded set of this round: what it funds, its points and its money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Selection {
    /// This round's applications it funds, in rank order, with the amount.
    pub funded: Vec<Funded>,
    /// Sum of the funded applications' totals, points.
    pub points: Decimal,
    /// kr. it grants in all.
    pub used: u64,
}

/// The best package found by the solver (`package.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PackageOutcome {
    /// A package that meets every goal it can; `optimal` false when the solver's work limit
    /// stopped it first: then `bound` is the most points any package could have.
    Found {
        /// What it funds.
        selection: Selection,
        /// Whether it is proven the best.
        optimal: bool,
        /// The most points any package could reach (equal to `selection.points` when optimal).
        bound: Decimal,
        /// Applications it funds that the ranking's line does not, by id in rank order.
        added: Vec<String>,
        /// Applications the ranking's line funds that it does not, by id in rank order.
        removed: Vec<String>,
        /// The line's points less the package's: what meeting the goals costs (negative when
        /// the package also has more points).
        points_cost: Decimal,
        /// The goals (ids) it meets that the line leaves unmet.
        buys: Vec<String>,
        /// Goals no package within the budget can meet (no candidate, or too expensive
        /// alone), each with why: left out, so the package meets the others.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unreachable: Vec<Unreachable>,
        /// Points the goals cost: the best package without any goal less this one (0 when
        /// the goals cost nothing). `null` when either was not proven the best, or the round
        /// has no goal left to meet.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        goals_cost: Option<Decimal>,
    },
    /// No package within the budget meets the unmet goals.
    Infeasible {
        /// Why, one entry per goal (or set of goals) that cannot be met.
        reasons: Vec<Unreachable>,
    },
    /// The solver's work limit stopped it before it found any package meeting the goals
    /// (which does not mean none exists).
    Stopped {
        /// The most points any package could reach.
        bound: Decimal,
    },
}

/// Why a goal cannot be met within the budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Unreachable {
    /// No application of the round (eligible and ranked) has what the goal counts:
    /// `missing` are the values (for `cover`) or empty (for `at_least`).
    NoCandidate {
        /// The goal's id.
        goal: String,
        /// For `cover`: the values no ranked application names.
        missing: Vec<String>,
        /// For `at_least`: how many more are needed, and how many ranked ones have the flag.
        needed: u32,
        /// Ranked applications with the flag.
        available: u32,
    },
    /// The goal alone costs more than the budget: the cheapest set meeting it asks for
    /// `cheapest` kr.
    TooExpensive {
        /// The goal's id.
        goal: String,
        /// kr. the cheapest set of ranked applications meeting the goal asks for.
        cheapest: u64,
        /// kr. of the budget.
        budget: u64,
    },
    /// Each goal can be met alone, but not these together within the budget.
    Together {
        /// The goals' ids.
        goals: Vec<String>,
        /// kr. the cheapest set meeting all of them asks for.
        cheapest: u64,
        /// kr. of the budget.
        budget: u64,
    },
}

/// One goal's row in the portfolio report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GoalRow {
    /// The goal's id.
    pub id: String,
    /// Its title in the report's language.
    pub title: String,
    /// Before this round: the earlier rounds' grants in the period.
    pub before: GoalStatus,
    /// Under the ranking's line (earlier grants plus this round's proposal).
    pub line: GoalStatus,
    /// Under the best package; `null` when none was computed or none exists.
    pub package: Option<GoalStatus>,
    /// Applications of this round the line does not fund that would count towards the goal
    /// if it is unmet under the line, by id in rank order (ranked ones only).
    pub would_meet: Vec<String>,
}

impl PortfolioReport {
    /// The ids of this round's applications the report names (funded by the line or the
    /// package, added, removed, or able to meet a goal): what its pages need titles for.
    pub fn named_applications(&self) -> std::collections::BTreeSet<&str> {
        let mut ids: std::collections::BTreeSet<&str> = self
            .line
            .funded
            .iter()
            .map(|f| f.application_id.as_str())
            .collect();
        if let Some(PackageOutcome::Found {
            selection,
            added,
            removed,
            ..
        }) = &self.package
        {
            ids.extend(selection.funded.iter().map(|f| f.application_id.as_str()));
            ids.extend(added.iter().chain(removed).map(String::as_str));
        }
        for goal in &self.goals {
            ids.extend(goal.would_meet.iter().map(String::as_str));
        }
        ids
    }
}

/// The portfolio section of a round: what `summary.json`, the overview, `round show` and the
/// portfolio report show. Built by `portfolio::report`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PortfolioReport {
    /// The funding rule the round was run with.
    pub funding_rule: FundingRuleName,
    /// For `partial`: the least share of a request a partial grant may be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_min_share: Option<Decimal>,
    /// The programme period whose grants count, if the pack sets one.
    pub period: Option<[u32; 2]>,
    /// When the goals must be met (ISO date), if the pack says.
    pub deadline: Option<String>,
    /// Grants of earlier rounds in the period that count (empty outside the register).
    pub earlier: Vec<Funded>,
    /// The ranking's line under the round's funding rule.
    pub line: Selection,
    /// The best package; `null` when the pack has no goals and its rule is not `optimal`.
    pub package: Option<PackageOutcome>,
    /// One row per goal, in the pack's order.
    pub goals: Vec<GoalRow>,
}

/// Where `goal` stands for a funded set, given as `(application id, attributes)` pairs (earlier
/// grants and this round's proposal alike). `at_least`: how many have the flag; `cover`: which
/// of the goal's values some application names. An application without the goal's attribute
/// (or with one of the other kind, which loading refuses) counts towards nothing.
pub fn status<'a>(
    goal: &GoalSpec,
    funded: impl IntoIterator<Item = (&'a str, &'a Attributes)>,
) -> GoalStatus {
    let mut by = std::collections::BTreeSet::new();
    let mut named = std::collections::BTreeSet::new();
    for (id, attributes) in funded {
        match (goal.rule(), attributes.get(&goal.attribute)) {
            // A set: once per application, however often the caller lists it.
            (Some(GoalRule::AtLeast(_)), Some(AttributeValue::Flag(true))) => {
                by.insert(id.to_string());
            }
            (Some(GoalRule::Cover(cover)), Some(AttributeValue::Values(values))) => {
                let mut counts = false;
                for value in values.iter().filter(|v| cover.contains(v)) {
                    named.insert(value.clone());
                    counts = true;
                }
                if counts {
                    by.insert(id.to_string());
                }
            }
            _ => {}
        }
    }
    match goal.rule() {
        Some(GoalRule::Cover(cover)) => {
            let missing: Vec<String> = cover
                .iter()
                .filter(|v| !named.contains(*v))
                .cloned()
                .collect();
            GoalStatus {
                met: missing.is_empty(),
                have: (cover.len() - missing.len()) as u32,
                need: cover.len() as u32,
                missing,
                by: by.into_iter().collect(),
            }
        }
        Some(GoalRule::AtLeast(need)) => GoalStatus {
            met: by.len() >= need as usize,
            have: by.len() as u32,
            need,
            missing: Vec::new(),
            by: by.into_iter().collect(),
        },
        // A goal loading refuses (neither or both rules) is never met.
        None => GoalStatus {
            met: false,
            have: 0,
            need: 0,
            missing: Vec::new(),
            by: Vec::new(),
        },
    }
}
