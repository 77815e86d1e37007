//! The decision: the JSON contract that other tools read (`schemas/decision.schema.json`).
//!
//! Field names here are fixed by the product contract; add fields, never rename them. A decision
//! is built from an [`Assessment`](crate::scoring::Assessment) and carries everything needed to
//! check it later: the pack's fingerprint, the input's fingerprint and the engine version.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;

/// The assessment of one application, as written by `assess --format json` and in batches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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

/// The outcome of one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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

impl Recommendation {
    /// Every recommendation, in the order summaries list them.
    pub const ALL: [Recommendation; 4] = [
        Recommendation::Fund,
        Recommendation::Reserve,
        Recommendation::BelowThreshold,
        Recommendation::Ineligible,
    ];

    /// The name it has in JSON (`fund`, `reserve`, `below_threshold`, `ineligible`).
    pub fn key(self) -> &'static str {
        match self {
            Recommendation::Fund => "fund",
            Recommendation::Reserve => "reserve",
            Recommendation::BelowThreshold => "below_threshold",
            Recommendation::Ineligible => "ineligible",
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

/// The fields a batch fills in, in the order they stand in a decision.
#[derive(Serialize)]
struct BatchFields<'a> {
    recommendation: Option<Recommendation>,
    rank: Option<u64>,
    granted: Option<u64>,
    batch: Option<&'a BatchContext>,
}

/// A decision serialised as compact JSON, to be completed by a batch without parsing it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionText {
    json: String,
    /// Where `,"recommendation":` starts and where `,"pack":` starts.
    middle: (usize, usize),
}

impl DecisionText {
    /// Serialises a decision.
    pub fn new(decision: &Decision) -> Self {
        // Serialising plain data to a String cannot fail.
        let json = serde_json::to_string(decision).unwrap_or_default();
        DecisionText::from_json(json)
    }

    /// The JSON as it was serialised.
    pub fn as_str(&self) -> &str {
        &self.json
    }

    /// The JSON with the batch's fields set, exactly as serialising the completed decision would
    /// write it.
    pub fn complete(
        &self,
        recommendation: Recommendation,
        rank: Option<u64>,
        granted: u64,
        batch: &BatchContext,
    ) -> String {
        let fields = BatchFields {
            recommendation: Some(recommendation),
            rank,
            granted: Some(granted),
            batch: Some(batch),
        };
        let fields = serde_json::to_string(&fields).unwrap_or_default();
        let (start, end) = self.middle;
        let mut out = String::with_capacity(self.json.len() + fields.len());
        out.push_str(&self.json[..start]);
        out.push(',');
        // The fields without their braces.
        out.push_str(
            fields
                .get(1..fields.len().saturating_sub(1))
                .unwrap_or_default(),
        );
        out.push_str(&self.json[end..]);
        out
    }

    /// Rebuilds from stored JSON (a spill file line).
    pub fn from_json(json: String) -> Self {
        // INVARIANT: keys appear once each, and inside JSON strings every `"` is escaped, so
        // these byte sequences can only be the keys themselves. They stand near the end of a
        // decision, after the criteria and their reasons, so they are searched from the end.
        let start = json.rfind(",\"recommendation\":").unwrap_or(json.len());
        let end = json.rfind(",\"pack\":").unwrap_or(json.len());
        DecisionText {
            json,
            middle: (start, end),
        }
    }
}

/// The title of a serialised decision, reading only the title's string: a decision's JSON starts
/// with the id, then the title. `None` when it is not there.
pub fn title_of(json: &str) -> Option<String> {
    const KEY: &str = ",\"title\":";
    let start = json.find(KEY)? + KEY.len();
    let mut reader = serde_json::Deserializer::from_str(&json[start..]);
    String::deserialize(&mut reader).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision() -> Decision {
        Decision {
            application_id: "A-1".into(),
            title: "A \"quoted\" ,\"pack\": title".into(),
            eligible: true,
            gates: vec![],
            criteria: vec![],
            total: Decimal::from(7i64),
            max_total: Decimal::from(10i64),
            recommendation: None,
            rank: None,
            granted: None,
            batch: None,
            pack: PackRef {
                id: "p".into(),
                version: "1".into(),
                fingerprint: "sha256:0".into(),
            },
            input_fingerprint: "sha256:1".into(),
            engine_version: "0".into(),
        }
    }

    #[test]
    fn completing_the_text_equals_serialising_the_completed_decision() {
        let batch = BatchContext {
            budget: 100,
            budget_left_before: Some(40),
            funded_past_skipped: true,
            tie: Some(Tie {
                above: "A-0".into(),
                decided_by: "first".into(),
            }),
        };
        let text = DecisionText::new(&decision());
        let spliced = text.complete(Recommendation::Fund, Some(3), 40, &batch);
        let mut full = decision();
        full.recommendation = Some(Recommendation::Fund);
        full.rank = Some(3);
        full.granted = Some(40);
        full.batch = Some(batch.clone());
        assert_eq!(spliced, serde_json::to_string(&full).unwrap());
        // Also after a round trip through a spill file.
        let again = DecisionText::from_json(text.as_str().to_string());
        assert_eq!(
            again.complete(Recommendation::Fund, Some(3), 40, &batch),
            spliced
        );
    }
}
