//! An application for initiative funding: the typed model behind `schemas/application.schema.json`.
//!
//! The model is programme-neutral: it describes what networks of municipalities ask of
//! initiatives in general (who applies, which municipalities take part, money, continuation after
//! the grant, partners, events, shared resources, exchange of experience, goals, target group).
//! Answers only one programme asks for go in [`Application::extra`], which a rule pack may describe
//! with its own schema.
//!
//! Field names are English `snake_case` and are what rule scripts read (`app.budget.requested`),
//! so none may be a Rhai reserved word (`new`, `type`, `default`, …). Enum values are
//! `snake_case` too; their meaning is listed on the enum, not per value, so that the generated
//! schema is a plain `enum` and a wrong value gets a plain "is not one of" message.
//! Money is whole units of the pack's currency (DKK for Danish packs), as integers.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::text::{LINE_PATTERN, TEXT_PATTERN};

/// Upper bound for any amount of money: a trillion keeps every sum far from overflow and from
/// the integer range a Rhai script can hold.
pub const MAX_AMOUNT: u64 = 1_000_000_000_000;

/// An application for funding of an initiative (*indsats*).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Application")]
pub struct Application {
    /// Optional link to this schema, so editors can validate the file while it is typed.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = LINE_PATTERN))]
    pub schema: Option<String>,
    /// Unique id of the application, e.g. `NET-2025-007`: letters, digits, `.`, `_`, `-`.
    #[schemars(
        length(min = 1, max = 64),
        regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    )]
    pub id: String,
    /// Title of the initiative.
    #[schemars(length(min = 1, max = 200), regex(pattern = LINE_PATTERN))]
    pub title: String,
    /// Short description of the initiative: what, for whom, why.
    #[schemars(length(min = 1, max = 5000), regex(pattern = TEXT_PATTERN))]
    pub summary: String,
    /// The person responsible for the application.
    pub applicant: Applicant,
    /// The organisation applying.
    pub organisation: Organisation,
    /// Municipalities taking part in the initiative (each named once, e.g. `Svendborg`).
    #[schemars(length(min = 1, max = 50), inner(length(min = 1, max = 100), regex(pattern = LINE_PATTERN)))]
    #[schemars(extend("uniqueItems" = true))]
    pub municipalities: Vec<String>,
    /// Fields the initiative works in.
    #[schemars(length(min = 1, max = 10), extend("uniqueItems" = true))]
    pub domains: Vec<Domain>,
    /// When the initiative runs.
    pub period: Period,
    /// Money: what is asked for, what it costs, who else pays.
    pub budget: Budget,
    /// How the initiative continues after the grant ends.
    pub continuation: Continuation,
    /// Partners in the initiative other than the applying organisation.
    #[serde(default)]
    #[schemars(length(max = 200))]
    pub partners: Vec<Partner>,
    /// Events the initiative holds, such as talent events.
    #[serde(default)]
    #[schemars(length(max = 200))]
    pub events: Vec<Event>,
    /// Local resources (facilities, equipment, staff, expertise) used across municipal borders.
    #[serde(default)]
    #[schemars(length(max = 200))]
    pub shared_resources: Vec<SharedResource>,
    /// Activities where experience is exchanged between the parties.
    #[serde(default)]
    #[schemars(length(max = 200))]
    pub exchange_activities: Vec<ExchangeActivity>,
    /// Brands the initiative carries in its communication.
    #[serde(default)]
    #[schemars(length(max = 20), inner(length(min = 1, max = 100), regex(pattern = LINE_PATTERN)))]
    pub brands: Vec<String>,
    /// Who the initiative is for.
    pub target_group: TargetGroup,
    /// What the initiative sets out to achieve, each goal with how it is measured.
    #[serde(default)]
    #[schemars(length(max = 50))]
    pub goals: Vec<Goal>,
    /// How far the initiative reaches.
    #[serde(default)]
    pub reach: Reach,
    /// Programme-specific answers. A rule pack may describe them with its own schema.
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// The person responsible for the application.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    /// Full name.
    #[schemars(length(min = 1, max = 200), regex(pattern = LINE_PATTERN))]
    pub name: String,
    /// E-mail address.
    #[schemars(email, length(max = 254), regex(pattern = LINE_PATTERN))]
    pub email: String,
    /// Role in the organisation, e.g. `musikskoleleder`.
    #[serde(default)]
    #[schemars(length(max = 200), regex(pattern = LINE_PATTERN))]
    pub role: Option<String>,
}

/// The organisation applying.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Name of the organisation.
    #[schemars(length(min = 1, max = 200), regex(pattern = LINE_PATTERN))]
    pub name: String,
    /// What kind of organisation it is.
    pub kind: ActorKind,
    /// The municipality it belongs to.
    #[schemars(length(min = 1, max = 100), regex(pattern = LINE_PATTERN))]
    pub municipality: String,
    /// Danish business registration number (CVR), 8 digits, if any.
    #[serde(default)]
    #[schemars(regex(pattern = r"^[0-9]{8}$"))]
    pub cvr: Option<String>,
}

/// A field an initiative works in: `sport` (*idræt*) or `culture` (*kultur*, music included).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    Sport,
    Culture,
}

/// A kind of organisation: `club` (*forening*), `school` (primary school), `youth_education`
/// (*ungdomsuddannelse*: upper-secondary schools, vocational colleges), `higher_education`,
/// `arts_school` (music, art or culture school), `cultural_institution`, `venue` (*spillested*),
/// `festival`, `federation` (national or regional association), `municipality`, `business`,
/// `other`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Club,
    School,
    YouthEducation,
    HigherEducation,
    ArtsSchool,
    CulturalInstitution,
    Venue,
    Festival,
    Federation,
    Municipality,
    Business,
    Other,
}

/// When an initiative runs; dates as `YYYY-MM-DD`, the end on or after the start.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Date(pub String);

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date written YYYY-MM-DD."
        })
    }
}

/// The money of an initiative. Requested amount, co-funding and own resources together must
/// equal the total cost.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Amount applied for from this programme.
    #[schemars(range(min = 1, max = MAX_AMOUNT))]
    pub requested: u64,
    /// Total cost of the initiative.
    #[schemars(range(min = 1, max = MAX_AMOUNT))]
    pub total: u64,
    /// Money from other sources (foundations, regions, sponsors).
    #[serde(default)]
    #[schemars(length(max = 50))]
    pub co_funding: Vec<FundingSource>,
    /// Value of the parties' own contribution (staff hours, facilities, money).
    #[serde(default)]
    #[schemars(range(max = MAX_AMOUNT))]
    pub own_resources: u64,
}

/// Money from a source other than this programme.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingSource {
    /// Who pays, e.g. `Nordea-fonden`.
    #[schemars(length(min = 1, max = 200), regex(pattern = LINE_PATTERN))]
    pub source: String,
    /// How much.
    #[schemars(range(min = 1, max = MAX_AMOUNT))]
    pub amount: u64,
    /// Whether the money is granted (`true`) or applied for (`false`).
    pub secured: bool,
}

/// How an initiative continues after the grant.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Continuation {
    /// The plan for operation after the grant (*drift*), in words.
    #[schemars(length(min = 1, max = 5000), regex(pattern = TEXT_PATTERN))]
    pub plan: String,
    /// The applicant's own estimate of how likely operation after the grant is.
    pub likelihood: Likelihood,
    /// Who runs the initiative afterwards, if decided.
    #[serde(default)]
    #[schemars(length(max = 200), regex(pattern = LINE_PATTERN))]
    pub operator: Option<String>,
    /// When operation without this grant begins, if planned.
    #[serde(default)]
    pub operating_from: Option<Date>,
    /// Yearly cost of operation afterwards.
    #[serde(default)]
    #[schemars(range(max = MAX_AMOUNT))]
    pub annual_cost: Option<u64>,
    /// Who pays for operation afterwards.
    #[serde(default)]
    #[schemars(length(max = 50))]
    pub funding: Vec<FundingSource>,
}

/// How likely something is: `high`, `medium`, `low` or `unknown`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Likelihood {
    High,
    Medium,
    Low,
    Unknown,
}

/// A partner in the initiative.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// Name of the partner.
    #[schemars(length(min = 1, max = 200), regex(pattern = LINE_PATTERN))]
    pub name: String,
    /// What kind of organisation the partner is.
    pub kind: ActorKind,
    /// The partner's municipality, if it has one.
    #[serde(default)]
    #[schemars(length(min = 1, max = 100), regex(pattern = LINE_PATTERN))]
    pub municipality: Option<String>,
    /// Whether this collaboration is new (`true`) or continues an existing one.
    pub new_collaboration: bool,
    /// What the partner does in the initiative.
    #[serde(default)]
    #[schemars(length(max = 1000), regex(pattern = TEXT_PATTERN))]
    pub role: Option<String>,
}

/// An event the initiative holds.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Name of the event.
    #[schemars(length(min = 1, max = 200), regex(pattern = LINE_PATTERN))]
    pub title: String,
    /// What kind of event.
    pub kind: EventKind,
    /// Where it takes place.
    #[schemars(length(min = 1, max = 100), regex(pattern = LINE_PATTERN))]
    pub municipality: String,
    /// When, if fixed.
    #[serde(default)]
    pub date: Option<Date>,
    /// Expected number of participants (performers, athletes, not audience).
    #[serde(default)]
    #[schemars(range(max = 1_000_000))]
    pub participants: Option<u32>,
    /// Municipalities the participants come from.
    #[serde(default)]
    #[schemars(length(max = 50), inner(length(min = 1, max = 100), regex(pattern = LINE_PATTERN)), extend("uniqueItems" = true))]
    pub participant_municipalities: Vec<String>,
}

/// A kind of event: `competition`, `concert`, `performance`, `camp`, `showcase`, `festival`,
/// `workshop`, `other`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Competition,
    Concert,
    Performance,
    Camp,
    Showcase,
    Festival,
    Workshop,
    Other,
}

/// A local resource used across municipal borders.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharedResource {
    /// What it is, e.g. `the music school's recording studio`.
    #[schemars(length(min = 1, max = 200), regex(pattern = LINE_PATTERN))]
    pub name: String,
    /// What kind of resource.
    pub kind: ResourceKind,
    /// The municipality that has the resource.
    #[schemars(length(min = 1, max = 100), regex(pattern = LINE_PATTERN))]
    pub owner_municipality: String,
    /// Municipalities whose people use it through the initiative.
    #[schemars(length(min = 1, max = 50), inner(length(min = 1, max = 100), regex(pattern = LINE_PATTERN)), extend("uniqueItems" = true))]
    pub shared_with: Vec<String>,
}

/// A kind of resource: `facility`, `equipment`, `staff`, `expertise`, `transport`, `other`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    Facility,
    Equipment,
    Staff,
    Expertise,
    Transport,
    Other,
}

/// An activity where the parties exchange experience.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExchangeActivity {
    /// What the activity is.
    #[schemars(length(min = 1, max = 200), regex(pattern = LINE_PATTERN))]
    pub title: String,
    /// What kind of activity.
    pub kind: ExchangeKind,
    /// Municipalities whose people take part.
    #[schemars(length(min = 1, max = 50), inner(length(min = 1, max = 100), regex(pattern = LINE_PATTERN)), extend("uniqueItems" = true))]
    pub municipalities: Vec<String>,
    /// How many times it happens during the initiative.
    #[schemars(range(min = 1, max = 1000))]
    pub occurrences: u32,
}

/// A kind of exchange activity: `network_meeting`, `workshop`, `seminar`, `study_visit`,
/// `mentoring`, `publication` (a written or recorded account others can use), `other`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ExchangeKind {
    NetworkMeeting,
    Workshop,
    Seminar,
    StudyVisit,
    Mentoring,
    Publication,
    Other,
}

/// Who an initiative is for.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetGroup {
    /// The target group in words.
    #[schemars(length(min = 1, max = 2000), regex(pattern = TEXT_PATTERN))]
    pub description: String,
    /// Youngest age aimed at, if any.
    #[serde(default)]
    #[schemars(range(max = 120))]
    pub age_min: Option<u32>,
    /// Oldest age aimed at, if any.
    #[serde(default)]
    #[schemars(range(max = 120))]
    pub age_max: Option<u32>,
    /// Whether the initiative is for talents (*talenter*) rather than everyone.
    pub talent: bool,
    /// Groups the initiative focuses on in particular.
    #[serde(default)]
    #[schemars(length(max = 20), extend("uniqueItems" = true))]
    pub focus_groups: Vec<FocusGroup>,
    /// Expected number of people reached.
    #[serde(default)]
    #[schemars(range(max = 10_000_000))]
    pub expected_participants: Option<u32>,
}

/// A group an initiative focuses on: `girls`, `mentally_vulnerable`, `socially_disadvantaged`,
/// `disabled`, `newcomers`, `elderly`, `other`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FocusGroup {
    Girls,
    MentallyVulnerable,
    SociallyDisadvantaged,
    Disabled,
    Newcomers,
    Elderly,
    Other,
}

/// A goal of the initiative.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// The goal in words.
    #[schemars(length(min = 1, max = 1000), regex(pattern = TEXT_PATTERN))]
    pub description: String,
    /// How reaching it is measured, if decided.
    #[serde(default)]
    #[schemars(length(max = 1000), regex(pattern = TEXT_PATTERN))]
    pub indicator: Option<String>,
}

/// How far an initiative reaches: `local` (one municipality), `regional` (several),
/// `national`, `international`. Defaults to `regional`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    Local,
    #[default]
    Regional,
    National,
    International,
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    /// Every text field of the schema says which kind of text it is (one line, or several), so a
    /// field added later cannot let control characters through by forgetting it. Dates and enums
    /// are held to their own format and values.
    #[test]
    fn every_text_field_has_a_pattern() {
        fn walk(node: &Value, at: &str, missing: &mut Vec<String>) {
            match node {
                Value::Object(map) => {
                    let is_string = match map.get("type") {
                        Some(Value::String(t)) => t == "string",
                        Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                        _ => false,
                    };
                    let held = map.contains_key("pattern")
                        || map.contains_key("enum")
                        || map.get("format").is_some_and(|f| f == "date");
                    if is_string && !held {
                        missing.push(at.to_string());
                    }
                    for (key, value) in map {
                        walk(value, &format!("{at}/{key}"), missing);
                    }
                }
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        walk(item, &format!("{at}/{i}"), missing);
                    }
                }
                _ => {}
            }
        }
        let mut missing = Vec::new();
        walk(&crate::schema::application(), "", &mut missing);
        assert_eq!(
            missing,
            Vec::<String>::new(),
            "text fields without a pattern"
        );
    }
}
