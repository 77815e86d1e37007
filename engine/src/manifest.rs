//! The manifest of a rule pack (`pack.toml`): what the pack is, its gates and criteria.
//!
//! These types generate `schemas/pack.schema.json`. The manifest is data: ids, titles, weights,
//! budgets and script paths of one programme. Nothing in the engine knows any programme.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;
use crate::pack::Funds;
use crate::portfolio::{
    AttributeSpec, FundingRule, FundingRuleName, FundingSpec, GoalSpec, PortfolioSpec,
};

/// The largest amount a budget may give (a year's or the whole), in whole units of the currency.
pub const MAX_BUDGET: u64 = 1_000_000_000_000;
/// The first and last year a budget may be given for.
pub const BUDGET_YEARS: std::ops::RangeInclusive<u32> = 1900..=2200;

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
    /// Money available, in whole units of the currency: one amount (`budget = 400000`, the
    /// budget of a round), or a table of years (`[budget]` with `2024 = 200000`, …).
    pub budget: Budget,
    /// Lowest total an application needs to be recommended for funding, if any.
    #[serde(default)]
    pub threshold: Option<Decimal>,
    /// Where the threshold comes from (`kriterium check` warns when a threshold has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_basis: Option<Basis>,
    /// Where the criteria come from (document name), shown in reports.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub source: Option<String>,
    /// A JSON Schema file in the pack describing the application's `extra` answers.
    #[serde(default)]
    #[schemars(length(min = 1, max = 200))]
    pub extra_schema: Option<String>,
    /// How reports and letters introduce a basis: the source's own rule (`source`, e.g.
    /// "Kommissoriet") and the pack's reading of it (`reading`, e.g. "Netværksgruppens
    /// fortolkning"). Without it, general words are used ("Kilden", "Regelsættets fortolkning").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis_names: Option<BasisNames>,
    /// The words of decision letters (`kriterium letters`): sender, case number, legal basis,
    /// conditions of a grant and the klagevejledning. A pack without it cannot write letters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter: Option<LetterSpec>,
    /// The rules for reviewers of the whole pack (`[reviews]`): which affiliations make a
    /// conflict of interest, and whether scores are calibrated. Only used when a criterion has
    /// a `review`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviews: Option<ReviewRules>,
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
    /// Portfolio goals for the whole set of funded applications (`[portfolio]`): the
    /// attributes scripts compute per application and the counting rules over them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portfolio: Option<PortfolioSpec>,
    /// How the ranking becomes the proposal (`[funding]`); without it `skip`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<FundingSpec>,
}

impl Manifest {
    /// The funding rule the pack chose (`[funding]`), `skip` when it chose none. A `partial`
    /// rule without `partial_min_share` (loading refuses it) is read with the whole request as
    /// the least share.
    pub fn funding_rule(&self) -> FundingRule {
        let Some(funding) = &self.funding else {
            return FundingRule::Skip;
        };
        match funding.rule {
            FundingRuleName::Strict => FundingRule::Strict,
            FundingRuleName::Skip => FundingRule::Skip,
            FundingRuleName::Partial => FundingRule::Partial {
                min_share: funding.partial_min_share.unwrap_or(Decimal::from(1u32)),
            },
            FundingRuleName::Optimal => FundingRule::Optimal,
        }
    }

    /// The portfolio attributes the pack declares, in its order (none without `[portfolio]`).
    pub fn attribute_specs(&self) -> &[AttributeSpec] {
        self.portfolio.as_ref().map_or(&[], |p| &p.attributes)
    }

    /// The portfolio goals the pack declares, in its order (none without `[portfolio]`).
    pub fn goal_specs(&self) -> &[GoalSpec] {
        self.portfolio.as_ref().map_or(&[], |p| &p.goals)
    }

    /// The criteria's ids in priority order (as ranking and `ranking.csv` name them).
    pub fn criterion_ids(&self) -> Vec<String> {
        self.criteria.iter().map(|c| c.id.clone()).collect()
    }

    /// What scripts read as `pack`: the pack's identity, the money of this run (`budget`, in
    /// whole units of the currency, and `year`, `null` outside a year: `funds`), its
    /// `threshold` and `parameters`. The one definition of it, so the running value, the
    /// property check (`script::paths`) and the "did you mean" hints cannot disagree.
    pub fn script_view(&self, funds: Funds) -> serde_json::Value {
        serde_json::json!({
            "id": self.id,
            "version": self.version,
            "language": self.language,
            "currency": self.currency,
            "budget": funds.budget,
            "year": funds.year,
            "threshold": self.threshold,
            "parameters": self.parameters,
        })
    }

    /// The budget of `year`: the year's amount, or the one amount of a pack without years;
    /// `None` when the pack has years and `year` is not one of them.
    pub fn budget_for_year(&self, year: u32) -> Option<u64> {
        match &self.budget {
            Budget::Total(amount) => Some(*amount),
            Budget::PerYear(years) => years.get(&year).copied(),
        }
    }

    /// Every year's amount added up (the one amount of a pack without years). At most 301
    /// years of at most 10^12 each (what loading accepts), so the sum cannot overflow; it
    /// saturates rather than wrap for a manifest built by hand.
    pub fn budget_total(&self) -> u64 {
        match &self.budget {
            Budget::Total(amount) => *amount,
            Budget::PerYear(years) => years.values().fold(0u64, |sum, a| sum.saturating_add(*a)),
        }
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

/// The money of a pack: one amount, or an amount per year.
///
/// In `pack.toml` either `budget = 400000` or a table `[budget]` with `2024 = 200000` and so on
/// (TOML keys of digits are text, so a year is read from its key). Years are 1900–2200, amounts
/// 0 to 10^12; a table has at least one year. Serialised back in the same two forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged, try_from = "BudgetText")]
pub enum Budget {
    /// One amount: the budget of a round.
    Total(u64),
    /// An amount per year, by year.
    PerYear(BTreeMap<u32, u64>),
}

/// A budget as `pack.toml` writes it, years as text keys: serde's untagged enums read map keys
/// as text only, so the years are read from them here.
#[derive(Deserialize)]
#[serde(untagged)]
enum BudgetText {
    Total(u64),
    PerYear(BTreeMap<String, u64>),
}

impl TryFrom<BudgetText> for Budget {
    type Error = String;

    fn try_from(text: BudgetText) -> Result<Self, Self::Error> {
        let years = match text {
            BudgetText::Total(amount) => return Ok(Budget::Total(amount)),
            BudgetText::PerYear(years) => years,
        };
        let years: BTreeMap<u32, u64> = years
            .into_iter()
            .map(|(key, amount)| match key.parse::<u32>() {
                Ok(year) if BUDGET_YEARS.contains(&year) && key.len() == 4 => Ok((year, amount)),
                _ => Err(format!(
                    "`{key}` is not a year from {} to {}",
                    BUDGET_YEARS.start(),
                    BUDGET_YEARS.end()
                )),
            })
            .collect::<Result<_, _>>()?;
        if years.is_empty() {
            return Err("a budget table needs at least one year".into());
        }
        Ok(Budget::PerYear(years))
    }
}

impl Budget {
    /// The years with a budget, in order (none for one amount).
    pub fn years(&self) -> Vec<u32> {
        match self {
            Budget::Total(_) => Vec::new(),
            Budget::PerYear(years) => years.keys().copied().collect(),
        }
    }
}

impl JsonSchema for Budget {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Budget".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let amount = serde_json::json!({
            "type": "integer",
            "format": "uint64",
            "minimum": 0,
            "maximum": MAX_BUDGET,
        });
        schemars::json_schema!({
            "description": "Money available, in whole units of the currency: one amount for a round, or a table of years (1900–2200) and their amounts.",
            "anyOf": [
                amount,
                {
                    "type": "object",
                    "minProperties": 1,
                    // Four digits here; the range is checked when the manifest is read, where its
                    // error can say "a year from 1900 to 2200" rather than show a pattern.
                    "propertyNames": { "pattern": "^[0-9]{4}$" },
                    "additionalProperties": amount,
                }
            ]
        })
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
    /// Where the requirement comes from (`kriterium check` warns when it has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
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
    /// Where the criterion comes from (`kriterium check` warns when it has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    /// Why the criterion has its weight: letters state it as a main consideration
    /// (forvaltningsloven § 24). `kriterium check` warns when it is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_basis: Option<Basis>,
    /// Where the minimum comes from; `kriterium check` warns when a minimum has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_points_basis: Option<Basis>,
    /// Set when reviewers score the criterion (wholly, or in part beside the application's
    /// facts): their scale and rubric. The script reads their scores as `reviews`; until an
    /// application has at least one review of it, the application is `awaiting_review`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewSpec>,
}

/// How reviewers score a criterion (`[criteria.review]` in `pack.toml`):
///
/// ```toml
/// review.min = 0
/// review.max = 5
/// review.guidance.da = """5: driften er sikret … 0: ingen udsigt til drift"""
/// review.disagreement = 2
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewSpec {
    /// The lowest score a reviewer may give (a whole number of points on the reviewers' scale).
    #[schemars(range(max = 1000))]
    pub min: u32,
    /// The highest score a reviewer may give; more than `min`, at most 1000.
    #[schemars(range(min = 1, max = 1000))]
    pub max: u32,
    /// The rubric reviewers score by, per language: what each score means. The review sheet's
    /// second sheet and the reports show it.
    pub guidance: LongText,
    /// Scores of one application that differ by this many points or more (highest less lowest)
    /// flag it for discussion: reviewers disagree. Erasmus+ calls in a third expert at 30 of
    /// 100 points (Erasmus+ Programme Guide 2024, part C, "Quality assessment"). Without it,
    /// no flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 1000))]
    pub disagreement: Option<u32>,
    /// Where the disagreement threshold comes from (`kriterium check` warns when it has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disagreement_basis: Option<Basis>,
}

/// The rules for reviewers that hold for the whole pack (`[reviews]` in `pack.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRules {
    /// Whether a member who declares a municipality has a conflict of interest on every
    /// application that names that municipality (`municipalities` or the organisation's). Off
    /// by default: members of a network group usually represent its municipalities.
    #[serde(default)]
    pub municipality_conflicts: bool,
    /// Where the choice about municipalities comes from (why the same municipality does, or
    /// does not, make a conflict).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality_conflicts_basis: Option<Basis>,
    /// Whether reviewers' scores are calibrated for leniency before the scripts read them:
    /// `none` (the default) or `offset` (each reviewer's mean difference from the panel's
    /// mean on the applications they share is taken off their scores; see `review.rs`).
    #[serde(default)]
    pub calibration: Calibration,
    /// Where the choice of calibration comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibration_basis: Option<Basis>,
}

/// How reviewers' scores are calibrated (see [`ReviewRules::calibration`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Calibration {
    /// Scores count as given.
    #[default]
    None,
    /// Each reviewer's offset (their mean less the panel's mean on the applications they
    /// share, per criterion) is taken off their scores.
    Offset,
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

/// Where a rule of the pack comes from, and whose rule it is.
///
/// In `pack.toml`, on a gate or criterion (`basis`), a weight (`weight_basis`), a minimum
/// (`min_points_basis`) or the threshold (`threshold_basis`):
///
/// ```toml
/// basis.kind = "reading"
/// basis.quote = "Det forventes, at der søges eksterne midler eller lægges egne ressourcer i indsatsen."
/// basis.why.da = "Netværksgruppen læser forventningen som et krav: …"
/// ```
///
/// Letters and reports show a `source` rule as the source's ("Kommissoriet: »…«") and a
/// `reading` as the pack's ("Netværksgruppens fortolkning: …"), so a choice of the group is
/// never presented as the text's (issue 16; forvaltningsloven § 24).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Basis {
    /// `source` when the source document says this itself; `reading` when it is the pack's
    /// reading of the source (a choice the deciding body made).
    pub kind: BasisKind,
    /// A quotation from the source document, in its own words and language, or a reference
    /// to the place in it (section, heading).
    #[schemars(length(min = 1, max = 2000))]
    pub quote: String,
    /// The pack's explanation per language: for a `reading`, how and why the source is read
    /// so; for a weight, why the criterion weighs what it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<LongText>,
}

/// Whose rule a [`Basis`] states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BasisKind {
    /// The source document's own rule.
    Source,
    /// The pack's reading of the source.
    Reading,
}

/// How a basis is introduced in reports and letters (see [`Manifest::basis_names`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasisNames {
    /// The source's short name, e.g. `da = "Kommissoriet"`.
    pub source: Text,
    /// Whose reading the pack is, e.g. `da = "Netværksgruppens fortolkning"`.
    pub reading: Text,
}

/// The words of a decision letter, all from the pack (`[letter]` in `pack.toml`). Rust gives
/// only the letter's structure (headings such as "Afgørelse", "Begrundelse").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LetterSpec {
    /// Who sends the letter: the deciding body and its address, one line per line of text.
    pub sender: LongText,
    /// The case (journal) number of a letter: a pattern over `{round}`, `{application}` and
    /// `{year}` (the round's year), e.g. `"MiS/{round}/{application}"`.
    #[schemars(length(min = 1, max = 200))]
    pub case_number: String,
    /// The legal basis in words: what the grants are given under, and who decides.
    pub legal_basis: LongText,
    /// Conditions attached to a grant (tilsagn and delvist tilsagn).
    pub conditions: LongText,
    /// How to complain (klagevejledning, forvaltningsloven § 25); where no administrative
    /// appeal exists, a statement saying so and naming the Ombudsman.
    pub complaints: LongText,
    /// Who signs: the closing lines.
    pub signature: LongText,
}

/// A longer text per language, such as a paragraph of a letter: `{ da = "…", en = "…" }`, up
/// to 6,000 characters each. Blank lines separate paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend(
    "minProperties" = 1,
    "propertyNames" = { "pattern": "^[a-z]{2}$" },
    "additionalProperties" = { "type": "string", "minLength": 1, "maxLength": 6000 }
))]
pub struct LongText(pub BTreeMap<String, String>);

impl LongText {
    /// The text in `lang`, else in `fallback`, else any text there is.
    pub fn get(&self, lang: &str, fallback: &str) -> &str {
        in_language(&self.0, lang, fallback)
    }
}

/// The text of `texts` in `lang`, else in `fallback`, else any text there is.
fn in_language<'t>(texts: &'t BTreeMap<String, String>, lang: &str, fallback: &str) -> &'t str {
    texts
        .get(lang)
        .or_else(|| texts.get(fallback))
        .or_else(|| texts.values().next())
        .map_or("", String::as_str)
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
        in_language(&self.0, lang, fallback)
    }
}
