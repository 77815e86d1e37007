//! The decision: the JSON contract that other tools read (`schemas/decision.schema.json`).
//!
//! Field names here are fixed by the product contract; add fields, never rename them. A decision
//! is built from an [`Assessment`](crate::scoring::Assessment) and carries everything needed to
//! check it later: the pack's fingerprint, the input's fingerprint and the engine version.

use schemars::JsonSchema;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use crate::decimal::Decimal;
use crate::panel::StoodAside;
use crate::portfolio::{Attributes, FundingRuleName};
use crate::review::CriterionReview;

/// The assessment of one application, as written by `assess --format json` and in batches.
///
/// Serialised by hand ([`Serialize`] below) only so that `reviews` is left out of JSON when
/// it is `null` (a pack without reviewed criteria writes the decisions it always wrote), and
/// `attributes` when it is empty (likewise for a pack without portfolio attributes), while the
/// batch's binary records (postcard, which reads fields by position) always carry both.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Decision")]
pub struct Decision {
    /// The application's id.
    pub application_id: String,
    /// The application's title.
    pub title: String,
    /// Whether every gate passed.
    pub eligible: bool,
    /// Eligibility gates, in the pack's order.
    pub gates: Vec<GateResult>,
    /// Criteria in priority order.
    pub criteria: Vec<CriterionResult>,
    /// Sum of weighted points.
    pub total: Decimal,
    /// Highest possible total.
    pub max_total: Decimal,
    /// `ineligible` when a gate failed, `below_threshold` when a minimum or the pack's threshold
    /// is not met; `fund` or `reserve` only in a batch, where the budget decides. `null` for an
    /// eligible application assessed on its own.
    pub recommendation: Option<Recommendation>,
    /// Place in the batch ranking (1 is best); `null` outside a batch.
    pub rank: Option<u64>,
    /// Amount granted in a batch; `null` outside a batch.
    pub granted: Option<u64>,
    /// How the batch's ranking and funding line treated this application; `null` outside a batch.
    pub batch: Option<BatchContext>,
    /// The pack that made the decision.
    pub pack: PackRef,
    /// `sha256:` of the canonical JSON of the application.
    pub input_fingerprint: String,
    /// Version of kriterium that made the decision.
    pub engine_version: String,
    /// The budget the gates saw as `pack.budget`, in whole units of the pack's currency (kr.).
    /// `null` only in a decision written before budgets were recorded.
    #[serde(default)]
    pub budget: Option<u64>,
    /// The year the budget was for, as gates saw it as `pack.year`; `null` outside a year.
    #[serde(default)]
    pub year: Option<u32>,
    /// Who reviewed the application and who stood aside, and the fingerprint of the reviews
    /// that counted: set when the pack has a criterion scored by reviewers (left out otherwise).
    #[serde(default)]
    pub reviews: Option<DecisionReviews>,
    /// The application's portfolio attributes by id (`true`/`false`, or a sorted list of
    /// texts), as the pack's attribute scripts computed them: what its portfolio goals count.
    /// Left out of JSON when the pack declares none, so such a pack writes the decisions it
    /// always wrote.
    #[serde(default)]
    pub attributes: Attributes,
}

/// The reviews behind a decision: an input of it, like the application and the pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionReviews {
    /// `sha256:` of the canonical JSON of the reviews that counted (application, criterion,
    /// reviewer, score, comment; sorted): `verify` reproduces the decision from them.
    pub fingerprint: String,
    /// The reviewers whose scores counted, by name.
    pub assessed_by: Vec<String>,
    /// The panel members with a conflict of interest, who stood aside, and why.
    pub stood_aside: Vec<StoodAside>,
    /// When the pack calibrates scores: `sha256:` of every review of the round, which the
    /// reviewers' offsets came from (this decision depends on them too); else `null`.
    pub calibrated_from: Option<String>,
}

/// Writes `name` unless it is `None` in JSON; always in binary records (see [`Decision`]).
fn optional_field<S: SerializeStruct, T: Serialize>(
    state: &mut S,
    binary: bool,
    name: &'static str,
    value: &Option<T>,
) -> Result<(), S::Error> {
    if binary || value.is_some() {
        state.serialize_field(name, value)
    } else {
        state.skip_field(name)
    }
}

impl Serialize for Decision {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let binary = !serializer.is_human_readable();
        // INVARIANT: the fields in the order they are declared (binary records read by position).
        let mut s = serializer.serialize_struct("Decision", 21)?;
        s.serialize_field("application_id", &self.application_id)?;
        s.serialize_field("title", &self.title)?;
        s.serialize_field("eligible", &self.eligible)?;
        s.serialize_field("gates", &self.gates)?;
        s.serialize_field("criteria", &self.criteria)?;
        s.serialize_field("total", &self.total)?;
        s.serialize_field("max_total", &self.max_total)?;
        s.serialize_field("recommendation", &self.recommendation)?;
        s.serialize_field("rank", &self.rank)?;
        s.serialize_field("granted", &self.granted)?;
        s.serialize_field("batch", &self.batch)?;
        s.serialize_field("pack", &self.pack)?;
        s.serialize_field("input_fingerprint", &self.input_fingerprint)?;
        s.serialize_field("engine_version", &self.engine_version)?;
        s.serialize_field("budget", &self.budget)?;
        s.serialize_field("year", &self.year)?;
        optional_field(&mut s, binary, "reviews", &self.reviews)?;
        if binary || !self.attributes.is_empty() {
            s.serialize_field("attributes", &self.attributes)?;
        } else {
            s.skip_field("attributes")?;
        }
        s.end()
    }
}

/// The outcome of one gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GateResult {
    /// The gate's id in the pack.
    pub id: String,
    /// The gate's title in the report language.
    pub title: String,
    /// Whether the requirement is met.
    pub passed: bool,
    /// Why, in the pack's words.
    pub reason: String,
}

/// The outcome of one criterion. Serialised by hand for `review`, as [`Decision`] is.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionResult {
    /// The criterion's id in the pack.
    pub id: String,
    /// The criterion's title in the report language.
    pub title: String,
    /// 1 for the most important criterion, then 2, 3, …
    pub priority: u32,
    /// What points are multiplied by.
    pub weight: Decimal,
    /// Points awarded.
    pub points: Decimal,
    /// Most points possible.
    pub max_points: Decimal,
    /// Fewest points needed to be recommended, if the pack sets a minimum.
    pub min_points: Option<Decimal>,
    /// `points × weight`.
    pub weighted: Decimal,
    /// Why these points, one reason per `award` or `note` of the script, in order.
    pub reasons: Vec<String>,
    /// For a criterion scored by reviewers: their scores and comments, and whether they
    /// disagree. While it has no scores the criterion awaits review: its `points` are 0 and
    /// count for nothing, as the application is `awaiting_review`. Left out for a criterion
    /// scored from the facts alone.
    #[serde(default)]
    pub review: Option<CriterionReview>,
}

impl Serialize for CriterionResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let binary = !serializer.is_human_readable();
        // INVARIANT: the fields in the order they are declared.
        let mut s = serializer.serialize_struct("CriterionResult", 11)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("title", &self.title)?;
        s.serialize_field("priority", &self.priority)?;
        s.serialize_field("weight", &self.weight)?;
        s.serialize_field("points", &self.points)?;
        s.serialize_field("max_points", &self.max_points)?;
        s.serialize_field("min_points", &self.min_points)?;
        s.serialize_field("weighted", &self.weighted)?;
        s.serialize_field("reasons", &self.reasons)?;
        optional_field(&mut s, binary, "review", &self.review)?;
        s.end()
    }
}

/// What the assessment recommends.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    Fund,
    Reserve,
    BelowThreshold,
    Ineligible,
    /// A criterion scored by reviewers has no review yet: not scored, not ranked.
    AwaitingReview,
}

/// Where an application stood in a batch: the facts behind its rank and recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchContext {
    /// The budget the batch was funded against.
    pub budget: u64,
    /// Budget left when the funding line reached this application; `null` when it was not ranked
    /// (ineligible or below a minimum).
    pub budget_left_before: Option<u64>,
    /// Whether this application was funded although one ranked above it was not, because that
    /// one asked for more than was left.
    pub funded_past_skipped: bool,
    /// Set when this application has the same total as the one ranked directly above it.
    pub tie: Option<Tie>,
    /// The funding rule the batch was run with (`pack.toml` `[funding] rule`).
    #[serde(default)]
    pub funding_rule: FundingRuleName,
}

/// A tie on the total with the application ranked directly above, and what decided the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tie {
    /// The id of the application ranked directly above, with the same total.
    pub above: String,
    /// The id of the first criterion, in priority order, on which the two differ; or
    /// `application_id` when they have the same points on every criterion and the ids, in
    /// alphabetical order, decided.
    pub decided_by: String,
}

#[cfg(test)]
impl Decision {
    /// For tests of what reports and letters say: an eligible decision without gates or
    /// criteria (40 of 50 points), ranked `rank` in a batch of 200.000 kr. run under `rule`,
    /// with `left` kr. left when the line reached it and `granted` kr. granted.
    pub(crate) fn ranked_for_test(
        recommendation: Recommendation,
        rank: u64,
        granted: u64,
        left: u64,
        rule: FundingRuleName,
    ) -> Decision {
        Decision {
            application_id: "A-03".into(),
            title: "T".into(),
            eligible: true,
            gates: Vec::new(),
            criteria: Vec::new(),
            total: Decimal::from(40u32),
            max_total: Decimal::from(50u32),
            recommendation: Some(recommendation),
            rank: Some(rank),
            granted: Some(granted),
            batch: Some(BatchContext {
                budget: 200_000,
                budget_left_before: Some(left),
                funded_past_skipped: false,
                tie: None,
                funding_rule: rule,
            }),
            pack: PackRef {
                id: "x".into(),
                version: "1".into(),
                fingerprint: "sha256:0".into(),
            },
            input_fingerprint: "sha256:1".into(),
            engine_version: "0".into(),
            budget: Some(200_000),
            year: None,
            reviews: None,
            attributes: Attributes::new(),
        }
    }
}

impl Recommendation {
    /// Every recommendation, in the order summaries list them.
    pub const ALL: [Recommendation; 5] = [
        Recommendation::Fund,
        Recommendation::Reserve,
        Recommendation::BelowThreshold,
        Recommendation::Ineligible,
        Recommendation::AwaitingReview,
    ];

    /// The name it has in JSON (`fund`, `reserve`, `below_threshold`, `ineligible`).
    pub fn key(self) -> &'static str {
        match self {
            Recommendation::Fund => "fund",
            Recommendation::Reserve => "reserve",
            Recommendation::BelowThreshold => "below_threshold",
            Recommendation::Ineligible => "ineligible",
            Recommendation::AwaitingReview => "awaiting_review",
        }
    }

    /// The recommendation named `key` in JSON ([`Recommendation::key`]), as the register keeps
    /// it; `None` for any other text.
    pub fn from_key(key: &str) -> Option<Recommendation> {
        Recommendation::ALL.into_iter().find(|r| r.key() == key)
    }

    /// Whether a decision granting `granted` kr. (`None`: a refusal) departs from this
    /// recommendation, which would grant `recommended` kr.: a recommended application granted
    /// anything but the recommended amount, or refused; any other granted. Such a decision
    /// needs its reason (forvaltningsloven § 24) — `decide` asks for it, and a letter says it.
    pub fn departs(self, recommended: u64, granted: Option<u64>) -> bool {
        match (self, granted) {
            (Recommendation::Fund, Some(n)) => n != recommended,
            (Recommendation::Fund, None) => true,
            (_, Some(_)) => true,
            (_, None) => false,
        }
    }
}

/// Which pack, exactly, made a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackRef {
    /// The pack's id.
    pub id: String,
    /// The pack's version.
    pub version: String,
    /// `sha256:` over the manifest and every file it refers to.
    pub fingerprint: String,
}
