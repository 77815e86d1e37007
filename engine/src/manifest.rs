//! The manifest of a rule pack (`pack.toml`): what the pack is, its gates and criteria.
//!
//! These types generate `schemas/pack.schema.json`. The manifest is data: ids, titles, weights,
//! budgets and script paths of one programme. Nothing in the engine knows any programme.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;

/// A rule pack manifest.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Rule pack manifest (pack.toml)")]
pub struct Manifest {
    /// Optional link to this schema, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Short name of the pack: lowercase letters, digits and `-`, e.g. `my-programme`.
    #[schemars(length(min = 1, max = 64), regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: String,
    /// Version of the pack, e.g. `1.0.0`; raise it whenever criteria change.
    #[schemars(
        length(min = 1, max = 32),
        regex(pattern = r"^[0-9A-Za-z][0-9A-Za-z.+-]*$")
    )]
    pub version: String,
    /// Title of the programme, per language.
    pub title: Text,
    /// Language the pack is written in (reports default to it): a two-letter code such as `da`.
    #[schemars(regex(pattern = r"^[a-z]{2}$"))]
    pub language: String,
    /// Currency of all amounts, as an ISO 4217 code such as `DKK`.
    #[schemars(regex(pattern = r"^[A-Z]{3}$"))]
    pub currency: String,
    /// Money available for the initiatives of a round, in whole units of the currency.
    #[schemars(range(min = 0, max = 1_000_000_000_000u64))]
    pub budget: u64,
    /// Lowest total an application needs to be recommended for funding, if any.
    #[serde(default)]
    pub threshold: Option<Decimal>,
    /// Where the criteria come from (document name), shown in reports.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub source: Option<String>,
    /// A JSON Schema file in the pack describing the application's `extra` answers.
    #[serde(default)]
    #[schemars(length(min = 1, max = 200))]
    pub extra_schema: Option<String>,
    /// Values the scripts read as `pack.parameters` (lists of names, years, limits).
    #[serde(default)]
    pub parameters: BTreeMap<String, serde_json::Value>,
    /// Eligibility requirements: an application failing any gate is ineligible.
    #[serde(default)]
    #[schemars(length(max = 50))]
    pub gates: Vec<GateSpec>,
    /// Criteria in priority order, the first the most important.
    #[schemars(length(min = 1, max = 50))]
    pub criteria: Vec<CriterionSpec>,
}

impl Manifest {
    /// The criteria's ids in priority order (as ranking and `ranking.csv` name them).
    pub fn criterion_ids(&self) -> Vec<String> {
        self.criteria.iter().map(|c| c.id.clone()).collect()
    }

    /// What scripts read as `pack`: the pack's identity, money and `parameters`. The one
    /// definition of it, so the running value, the property check (`script::paths`) and the
    /// "did you mean" hints cannot disagree.
    pub fn script_view(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.id,
            "version": self.version,
            "language": self.language,
            "currency": self.currency,
            "budget": self.budget,
            "threshold": self.threshold,
            "parameters": self.parameters,
        })
    }

    /// Highest possible total: the sum of `max_points × weight` over the criteria; `None` when
    /// it is beyond what an exact decimal holds. Only a weight loading refuses can do that (a
    /// loaded pack's total is at most 50 criteria × 1000 points × weight 1000): a criterion is
    /// never left out of the sum.
    pub fn max_total(&self) -> Option<Decimal> {
        self.criteria
            .iter()
            .try_fold(Decimal::ZERO, |sum, c| sum.checked_add(c.max_weighted()?))
    }
}

/// A gate: an eligibility requirement decided by a script calling `pass` or `fail`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GateSpec {
    /// Short name, unique in the pack: lowercase letters, digits and `-`.
    #[schemars(length(min = 1, max = 64), regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: String,
    /// Title per language.
    pub title: Text,
    /// The Rhai script, relative to the pack folder, e.g. `gates/municipality.rhai`.
    #[schemars(length(min = 1, max = 200))]
    pub script: String,
}

/// A criterion: scored by a script calling `award`, weighted, in priority order.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionSpec {
    /// Short name, unique in the pack: lowercase letters, digits and `-`.
    #[schemars(length(min = 1, max = 64), regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: String,
    /// Title per language.
    pub title: Text,
    /// Weight the points are multiplied by: more than 0, at most 1000, at most two decimals.
    pub weight: Decimal,
    /// Most points the script may award.
    #[schemars(range(min = 1, max = 1000))]
    pub max_points: u32,
    /// Fewest points an application needs on this criterion to be recommended, if any.
    #[serde(default)]
    pub min_points: Option<Decimal>,
    /// The Rhai script, relative to the pack folder, e.g. `criteria/events.rhai`.
    #[schemars(length(min = 1, max = 200))]
    pub script: String,
}

impl CriterionSpec {
    /// The most weighted points the criterion can give, `max_points × weight`; `None` when the
    /// product is beyond what an exact decimal holds (a weight loading refuses).
    pub fn max_weighted(&self) -> Option<Decimal> {
        Decimal::from(self.max_points).checked_mul(self.weight)
    }

    /// Whether `points` reach the criterion's minimum (always, without one).
    pub fn meets_minimum(&self, points: Decimal) -> bool {
        self.min_points.is_none_or(|min| points >= min)
    }
}

/// A text per language: `{ da = "…", en = "…" }`. The pack's own language must be present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend(
    "minProperties" = 1,
    "propertyNames" = { "pattern": "^[a-z]{2}$" },
    "additionalProperties" = { "type": "string", "minLength": 1, "maxLength": 1000 }
))]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, else in `fallback`, else any text there is.
    pub fn get(&self, lang: &str, fallback: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get(fallback))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }
}
