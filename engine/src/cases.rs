//! A pack's own test cases: applications and the outcome the pack must give them.
//!
//! A pack may carry `tests/*.toml` (or `tests/*.json`). Each case names an application — a file
//! in the pack, relative to the case, or written inline — optionally changed by `[changes]` (a
//! JSON merge patch: tables merge, other values replace), and what is expected of it:
//!
//! ```toml
//! description = "A request above the whole budget cannot be funded"
//! application = "applications/base.json"
//! [changes]
//! budget.requested = 450000
//! [expect]
//! eligible = false
//! recommendation = "ineligible"          # or "below_threshold", "ranked"
//! gates.within-budget = false            # gate id → passed
//! points.events = 5                      # criterion id → points
//! total = 42.5
//! reasons.within-budget = "larger than the whole budget"   # a phrase, or a list of phrases
//! ```
//!
//! A pack with criteria scored by reviewers (`review` in `pack.toml`) gives a case its reviews
//! of the case's application, and may give the panel, whose conflicts of interest keep a
//! member's review from counting:
//!
//! ```toml
//! [[reviews]]
//! reviewer = "Anne Holm"
//! criterion = "continuation"
//! score = 4
//! comment = "The schools have budgeted the teachers' hours."   # optional
//!
//! [[panel.member]]                       # optional, as in panel.toml
//! name = "Anne Holm"
//! organisations = [{ name = "The Arts School" }]
//!
//! [expect]
//! recommendation = "awaiting_review"    # without reviews of a reviewed criterion
//! stood_aside = ["Anne Holm"]           # the members with a conflict, by name
//! disagreement.continuation = true      # the reviewers' scores spread beyond the threshold
//! ```
//!
//! A pack with portfolio attributes (`[[portfolio.attributes]]`) may expect their values:
//!
//! ```toml
//! [expect.attributes]
//! kommuner = ["Nordby", "Sydby"]  # a `values` attribute: these, in any order
//! to-tre-kommuner = true                  # a `flag` attribute
//! ```
//!
//! A review the pack refuses (a criterion it lacks or does not have reviewed, a score outside
//! the scale, a reviewer scoring twice, a reviewer not on the case's panel) is a problem of the
//! case file, at its place. A review from a member who stands aside does not count; unless the
//! case expects that member in `stood_aside`, that is a failure of the case.
//!
//! A case may also say which money the pack runs with, as `--year` and `--budget` do:
//! `year = 2026` (the pack's budget of that year, and `pack.year` for the scripts) and/or
//! `budget = 100000` (the amount). Without them the case runs with the pack's own funds.
//!
//! Everything left out is not checked. Running the cases is pure: the pack's files in, one
//! [`CaseResult`] per case out, in file order.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value};

use crate::decimal::Decimal;
use crate::decision::Recommendation;
use crate::input::has_extension;
use crate::manifest::MAX_BUDGET;
use crate::pack::spanned::{self, SpannedJson};
use crate::pack::{Funds, RulePack};
use crate::panel::Panel;
use crate::portfolio::{AttributeKind, AttributeValue};
use crate::problem::{Arg, Message, Problem, Wording, line_column};
use crate::review::{RefusalReason, Review, ReviewBook};
use crate::scoring::{Assessment, Assessor};
use crate::suggest;
use crate::text;
use crate::validation;

/// The folder of a pack that holds its test cases.
pub const FOLDER: &str = "tests";

const TOP_KEYS: [&str; 8] = [
    "description",
    "application",
    "changes",
    "year",
    "budget",
    "reviews",
    "panel",
    "expect",
];
const EXPECT_KEYS: [&str; 9] = [
    "eligible",
    "recommendation",
    "total",
    "gates",
    "points",
    "reasons",
    "stood_aside",
    "disagreement",
    "attributes",
];
/// The keys of one review in `[[reviews]]`.
const REVIEW_KEYS: [&str; 4] = ["reviewer", "criterion", "score", "comment"];
/// What `recommendation` may expect before any budget: the application is ranked against the
/// budget, or it is out before that (or waits for its reviews).
const RECOMMENDATIONS: [&str; 4] = ["ranked", "below_threshold", "ineligible", "awaiting_review"];

/// How one case went.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseResult {
    /// The case file, relative to the pack (`tests/name.toml`).
    pub file: String,
    /// The case's `description`, if it has one.
    pub description: Option<String>,
    /// Passed, failed (with every difference), or could not run.
    pub outcome: CaseOutcome,
}

/// Passed, failed, or could not run.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseOutcome {
    /// Every expectation held.
    Passed,
    /// These expectations did not hold.
    Failed(Vec<Mismatch>),
    /// The case file or its application has problems, or a script failed.
    Broken(Vec<Problem>),
}

/// One expectation that did not hold, in words any of the three languages renders
/// ([`Message::render`]); its `Display` is the English.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// What was checked: eligibility, a gate, the points of a criterion, …
    pub what: Message,
    /// What the case expects.
    pub expected: Message,
    /// What the pack gave.
    pub actual: Message,
    /// The reasons the pack gave for that gate or criterion, to see why.
    pub reasons: Vec<Message>,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.what)?;
        writeln!(f, "  expected: {}", self.expected)?;
        write!(f, "  actual:   {}", self.actual)?;
        for reason in &self.reasons {
            write!(f, "\n  reason:   {reason}")?;
        }
        Ok(())
    }
}

impl CaseResult {
    /// Whether the case passed.
    pub fn passed(&self) -> bool {
        self.outcome == CaseOutcome::Passed
    }
}

/// Runs every case in the pack's `tests/` folder, in file order.
pub fn run_all(pack: &RulePack) -> Vec<CaseResult> {
    run(pack).results
}

/// A call of `award`, `note`, `pass` or `fail` in a pack's scripts that no case reached: a
/// reason no case shows to be true.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreached {
    /// The script as messages name it.
    pub script: String,
    /// `award`, `note`, `pass` or `fail`.
    pub function: String,
    /// 1-based line and column of the call.
    pub line: usize,
    pub column: usize,
    /// Marked in the script as a defensive call no valid application reaches
    /// ([`DEFENSIVE`] in a comment on its line or the line above).
    pub defensive: bool,
}

/// What a line comment says to mark a call as defensive: `// defensive: why no valid
/// application reaches it`, on the call's line or the line directly above.
pub const DEFENSIVE: &str = "defensive:";

/// How the cases went, and the outcome calls they left unreached.
#[derive(Debug, Clone, PartialEq)]
pub struct Tested {
    pub results: Vec<CaseResult>,
    /// In the pack's order of scripts, then by position; empty without cases or when the
    /// scripts do not compile.
    pub unreached: Vec<Unreached>,
}

/// Runs every case, in file order, and finds the `award`/`note`/`pass`/`fail` calls no case
/// reached.
pub fn run(pack: &RulePack) -> Tested {
    let assessor = Assessor::new(pack).map_err(|p| p.0);
    if let Ok(assessor) = &assessor {
        assessor.track_calls();
    }
    let mut reached = std::collections::BTreeSet::new();
    let validator = pack.validator();
    let results: Vec<CaseResult> = case_files(pack)
        .into_iter()
        .map(|file| {
            let case = load(pack, &file);
            let description = case.as_ref().ok().and_then(|c| c.description.clone());
            let checked = case.and_then(|case| {
                let assessor = assessor.as_ref().map_err(Clone::clone)?;
                let source = format!("{} (application)", pack.files.display(&file));
                let valid = validator.validate_value(&source, case.application.clone())?;
                // A review from a member with a conflict never counts, nor moves the offsets.
                let book = case
                    .book
                    .clone()
                    .leaving_out_conflicts(&pack.manifest, [&valid.application]);
                let assessment = if case.funds == pack.funds() {
                    assessor.assess_reviewed(&valid, &book)
                } else {
                    // Other money: gates read other values of `pack`, so another assessor.
                    let run = pack.clone().with_funds(case.funds);
                    let other = Assessor::new(&run).map_err(|p| p.0)?;
                    other.track_calls();
                    let assessed = other.assess_reviewed(&valid, &book);
                    reached.extend(other.reached_calls());
                    assessed
                }
                .map_err(|p| p.0)?;
                Ok(compare(pack, &case.expect, &assessment))
            });
            let outcome = match checked {
                Err(problems) => CaseOutcome::Broken(problems),
                Ok(mismatches) if mismatches.is_empty() => CaseOutcome::Passed,
                Ok(mismatches) => CaseOutcome::Failed(mismatches),
            };
            CaseResult {
                file,
                description,
                outcome,
            }
        })
        .collect();
    let unreached = match &assessor {
        Ok(assessor) if !results.is_empty() => {
            reached.extend(assessor.reached_calls());
            unreached(pack, assessor.outcome_calls(), &reached)
        }
        _ => Vec::new(),
    };
    Tested { results, unreached }
}

/// The calls of `written` (script, function, line, column) not in `reached`, each marked
/// defensive or not by the comment form [`DEFENSIVE`].
fn unreached(
    pack: &RulePack,
    written: Vec<(String, String, usize, usize)>,
    reached: &std::collections::BTreeSet<crate::script::ReachedCall>,
) -> Vec<Unreached> {
    // The script texts by the name messages give them, to read the comments.
    let texts: BTreeMap<String, &str> = pack
        .manifest
        .gates
        .iter()
        .map(|g| &g.script)
        .chain(pack.manifest.criteria.iter().map(|c| &c.script))
        .map(|path| (pack.files.display(path), pack.text(path)))
        .collect();
    written
        .into_iter()
        .filter(|(script, _, line, column)| !reached.contains(&(script.clone(), *line, *column)))
        .map(|(script, function, line, column)| {
            let lines: Vec<&str> = texts
                .get(&script)
                .map_or(Vec::new(), |t| t.lines().collect());
            let marked = |n: usize| {
                n.checked_sub(1)
                    .and_then(|i| lines.get(i))
                    .and_then(|l| l.split_once("//"))
                    .is_some_and(|(_, comment)| {
                        comment.trim_start().to_lowercase().starts_with(DEFENSIVE)
                    })
            };
            Unreached {
                defensive: marked(line) || marked(line.saturating_sub(1)),
                script,
                function,
                line,
                column,
            }
        })
        .collect()
}

/// The case files: `tests/*.toml` and `tests/*.json` (the extension in any case, as
/// everywhere else a file's kind is told by its name), not in subfolders (those hold the
/// applications cases refer to).
pub fn case_files(pack: &RulePack) -> Vec<String> {
    pack.files
        .paths()
        .filter(|p| {
            p.strip_prefix("tests/")
                .is_some_and(|name| !name.contains('/'))
                && (has_extension(p, "toml") || has_extension(p, "json"))
        })
        .map(str::to_string)
        .collect()
}

/// A case as read from its file.
#[derive(Debug)]
struct Case {
    description: Option<String>,
    application: Value,
    /// The money the case runs with (`year`, `budget`; else the pack's own).
    funds: Funds,
    /// The case's reviews of its application, with its panel (empty without `[[reviews]]`).
    book: ReviewBook,
    expect: Expect,
}

#[derive(Debug, Default)]
struct Expect {
    eligible: Option<bool>,
    recommendation: Option<String>,
    total: Option<Decimal>,
    gates: Vec<(usize, bool)>,
    points: Vec<(usize, Decimal)>,
    /// Gate or criterion (by index into gates then criteria) → phrases.
    reasons: Vec<(Subject, Vec<String>)>,
    /// The members expected to stand aside, by name, sorted.
    stood_aside: Option<Vec<String>>,
    /// Criterion (by index) → whether the reviewers are expected to disagree.
    disagreement: Vec<(usize, bool)>,
    /// Portfolio attribute (by index) → its expected value (a list sorted, each value once).
    attributes: Vec<(usize, AttributeValue)>,
}

#[derive(Debug, Clone, Copy)]
enum Subject {
    Gate(usize),
    Criterion(usize),
}

/// Reads a case file into a case, reporting every problem with its place.
fn load(pack: &RulePack, file: &str) -> Result<Case, Vec<Problem>> {
    let shown = pack.files.display(file);
    let text = pack
        .files
        .get(file)
        .expect("`case_files` listed this path from the pack's own files");
    let (value, spans) = if has_extension(file, "toml") {
        match SpannedJson::parse(text) {
            Ok(doc) => {
                // `nan`, `inf` and integers beyond 64 bits: numbers JSON cannot hold.
                let unusable: Vec<Problem> = doc
                    .unusable_numbers()
                    .map(|(pointer, message)| {
                        let (line, column) = line_column(text, doc.offset(pointer));
                        Problem::at(&shown, line, column, message)
                    })
                    .collect();
                if !unusable.is_empty() {
                    return Err(unusable);
                }
                (doc.value.clone(), Some(doc))
            }
            Err(error) => return Err(vec![spanned::syntax_problem(&shown, text, error)]),
        }
    } else {
        (
            validation::parse_json(&shown, text).map_err(|p| vec![p])?,
            None,
        )
    };
    let said = |pointer: &str, message: Message| match &spans {
        Some(doc) => {
            let (line, column) = line_column(text, doc.offset(pointer));
            Problem::at(&shown, line, column, message)
        }
        None => Problem::at_pointer(&shown, pointer, message),
    };
    let at = |pointer: &str, message: String| said(pointer, Message::plain(message));
    let mut problems = Vec::new();
    let Some(top) = value.as_object() else {
        return Err(vec![at("", "a test case must be a table of keys".into())]);
    };
    unknown_keys(top, &TOP_KEYS, "", &at, &mut problems);

    let description = match top.get("description") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            problems.push(at("/description", "must be text".into()));
            None
        }
    };
    let mut application = match top.get("application") {
        Some(Value::String(path)) => match read_application(pack, file, path) {
            Ok(value) => value,
            Err(message) => {
                problems.push(at("/application", message));
                Value::Null
            }
        },
        Some(inline @ Value::Object(_)) => inline.clone(),
        Some(_) => {
            problems.push(at(
                "/application",
                "must be the path of an application file, or a table with the application".into(),
            ));
            Value::Null
        }
        None => {
            problems.push(at(
                "",
                "`application` is missing: name an application file, or write one inline".into(),
            ));
            Value::Null
        }
    };
    match top.get("changes") {
        None => {}
        // RFC 7396 JSON merge patch: tables merge key by key, anything else replaces.
        Some(patch @ Value::Object(_)) => json_patch::merge(&mut application, patch),
        Some(_) => problems.push(at(
            "/changes",
            "must be a table of the fields to change".into(),
        )),
    }
    let funds = read_funds(pack, top, &at, &mut problems);
    let application_id = application
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let book = read_reviews(pack, top, application_id, &said, &mut problems);
    let expect = match top.get("expect") {
        Some(Value::Object(expect)) => read_expect(pack, expect, &at, &said, &mut problems),
        Some(_) => {
            problems.push(at("/expect", "must be a table".into()));
            Expect::default()
        }
        None => {
            problems.push(at(
                "",
                "`[expect]` is missing: say what the pack must decide".into(),
            ));
            Expect::default()
        }
    };
    if problems.is_empty() {
        Ok(Case {
            description,
            application,
            funds,
            book,
            expect,
        })
    } else {
        Err(problems)
    }
}

/// The case's `year` and `budget`, as `--year` and `--budget` would set them: the year's budget
/// from the pack (a year it has no budget for is a problem naming the years it has), the amount
/// `budget` gives; neither, the pack's own funds.
fn read_funds(
    pack: &RulePack,
    top: &Map<String, Value>,
    at: &dyn Fn(&str, String) -> Problem,
    problems: &mut Vec<Problem>,
) -> Funds {
    let mut funds = pack.funds();
    match top.get("year") {
        None => {}
        Some(year) => match year.as_u64().and_then(|y| u32::try_from(y).ok()) {
            Some(year) => match pack.year_budget(year) {
                Ok(budget) => {
                    funds = Funds {
                        budget,
                        year: Some(year),
                    }
                }
                Err(problem) => problems.push(at("/year", problem.message.to_string())),
            },
            None => problems.push(at("/year", "must be a year, such as 2026".into())),
        },
    }
    match top.get("budget") {
        None => {}
        Some(budget) => match budget.as_u64().filter(|b| *b <= MAX_BUDGET) {
            Some(budget) => funds.budget = budget,
            None => problems.push(at(
                "/budget",
                format!("must be a whole amount from 0 to {MAX_BUDGET}, such as 100000"),
            )),
        },
    }
    funds
}

/// The case's `[[reviews]]` of its application and its `[panel]`, checked as the pack checks
/// reviews ([`ReviewBook::new`]); every refused review is a problem at its place. Without
/// reviews, an empty book: a reviewed criterion then awaits review.
fn read_reviews(
    pack: &RulePack,
    top: &Map<String, Value>,
    application_id: &str,
    said: &dyn Fn(&str, Message) -> Problem,
    problems: &mut Vec<Problem>,
) -> ReviewBook {
    let before = problems.len();
    let panel = match top.get("panel") {
        None => None,
        Some(value) => match crate::json::typed::<Panel>(value) {
            Ok(panel) => {
                let found = panel.problems();
                let fine = found.is_empty();
                for (pointer, message) in found {
                    problems.push(said(&format!("/panel{pointer}"), message));
                }
                fine.then_some(panel)
            }
            Err(mismatch) => {
                problems.push(said(
                    &format!("/panel{}", mismatch.pointer),
                    mismatch.message,
                ));
                None
            }
        },
    };
    let items = match top.get("reviews") {
        None => &Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => {
            problems.push(said("/reviews", Message::of(Wording::CaseReviewsNotList)));
            return ReviewBook::empty();
        }
    };
    // Each review as read, with its pointer, to place what the pack refuses.
    let mut reviews: Vec<(String, Review)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let pointer = format!("/reviews/{i}");
        let Some(fields) = item.as_object() else {
            problems.push(said(&pointer, Message::of(Wording::CaseReviewsNotList)));
            continue;
        };
        let at = |pointer: &str, message: String| said(pointer, Message::plain(message));
        unknown_keys(fields, &REVIEW_KEYS, &pointer, &at, problems);
        let text = |key: &'static str, problems: &mut Vec<Problem>| match fields.get(key) {
            Some(Value::String(s)) => Some(s.clone()),
            None if key == "comment" => Some(String::new()),
            None => {
                problems.push(said(
                    &pointer,
                    Message::of(Wording::CaseReviewFieldMissing).with("field", key),
                ));
                None
            }
            Some(_) => {
                problems.push(said(
                    &format!("{pointer}/{key}"),
                    Message::of(Wording::CaseReviewText),
                ));
                None
            }
        };
        let reviewer = text("reviewer", problems);
        let criterion = text("criterion", problems);
        let comment = text("comment", problems);
        let score = match fields.get("score") {
            None => {
                problems.push(said(
                    &pointer,
                    Message::of(Wording::CaseReviewFieldMissing).with("field", "score"),
                ));
                None
            }
            Some(value) => {
                let whole = value.as_u64().and_then(|n| u32::try_from(n).ok());
                if whole.is_none() {
                    problems.push(said(
                        &format!("{pointer}/score"),
                        Message::of(Wording::CaseReviewNotWhole),
                    ));
                }
                whole
            }
        };
        if let (Some(panel), Some(reviewer)) = (&panel, &reviewer)
            && !panel.has_member(reviewer)
        {
            let names = panel.members.iter().map(|m| m.name.as_str());
            problems.push(said(
                &format!("{pointer}/reviewer"),
                Message::of(Wording::CaseReviewerNotOnPanel)
                    .with("reviewer", crate::text::quote(reviewer))
                    .with("hint", hint(reviewer, names)),
            ));
        }
        if let (Some(reviewer), Some(criterion), Some(score), Some(comment)) =
            (reviewer, criterion, score, comment)
        {
            let review = Review {
                application_id: application_id.to_string(),
                criterion,
                reviewer,
                score,
                comment,
            };
            reviews.push((pointer, review));
        }
    }
    // Each review on its own, so a refusal is placed at the review it refuses; a reviewer
    // scoring a criterion twice is placed at the second time.
    let criteria: Vec<&str> = pack
        .manifest
        .criteria
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    for (pointer, review) in &reviews {
        let twice = !seen.insert((&review.criterion, &review.reviewer));
        let refused = ReviewBook::new(&pack.manifest, vec![review.clone()], Panel::default())
            .err()
            .into_iter()
            .flatten()
            .map(|refusal| refusal.reason)
            .chain(twice.then_some(RefusalReason::Twice));
        let id = crate::text::quote(&review.criterion);
        for reason in refused {
            let (field, message) = match reason {
                RefusalReason::UnknownCriterion => (
                    "/criterion",
                    Message::of(Wording::CaseReviewUnknownCriterion)
                        .with("id", id.as_str())
                        .with("hint", hint(&review.criterion, criteria.iter().copied())),
                ),
                RefusalReason::NotReviewed => (
                    "/criterion",
                    Message::of(Wording::CaseReviewNotReviewed).with("id", id.as_str()),
                ),
                RefusalReason::OutsideScale { min, max } => (
                    "/score",
                    Message::of(Wording::CaseReviewOutsideScale)
                        .with("score", u64::from(review.score))
                        .with("id", id.as_str())
                        .with("min", u64::from(min))
                        .with("max", u64::from(max)),
                ),
                // Conflicts are found per application, when it is assessed; not here.
                RefusalReason::Twice | RefusalReason::Conflict(_) => (
                    "",
                    Message::of(Wording::CaseReviewTwice)
                        .with("reviewer", crate::text::quote(&review.reviewer))
                        .with("id", id.as_str()),
                ),
            };
            problems.push(said(&format!("{pointer}{field}"), message));
        }
    }
    if problems.len() > before {
        // In the order of the file.
        problems[before..].sort();
        return ReviewBook::empty();
    }
    let reviews = reviews.into_iter().map(|(_, review)| review).collect();
    ReviewBook::new(&pack.manifest, reviews, panel.unwrap_or_default())
        .expect("every review was checked on its own above, and none twice")
}

/// "; did you mean »…«?" for the known name closest to `wrong`, or nothing.
fn hint<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Message {
    match suggest::closest(wrong, known) {
        Some(name) => Message::of(Wording::DidYouMean).with("name", name),
        None => Message::plain(""),
    }
}

fn unknown_keys(
    table: &Map<String, Value>,
    known: &[&str],
    pointer: &str,
    at: &dyn Fn(&str, String) -> Problem,
    problems: &mut Vec<Problem>,
) {
    for key in table.keys() {
        if !known.contains(&key.as_str()) {
            let hint = suggest::did_you_mean(key, known.iter().copied());
            problems.push(at(
                &format!("{pointer}/{}", crate::problem::pointer_segment(key)),
                format!("unknown key `{key}`{hint} (known: {})", known.join(", ")),
            ));
        }
    }
}

/// The application file `path`, relative to the case file's folder, inside the pack.
fn read_application(pack: &RulePack, case_file: &str, path: &str) -> Result<Value, String> {
    let folder = case_file.rsplit_once('/').map_or("", |(f, _)| f);
    let mut parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("`{path}` is outside the pack"));
                }
            }
            s => parts.push(s),
        }
    }
    let resolved = parts.join("/");
    let text = pack.files.get(&resolved).ok_or_else(|| {
        let hint = suggest::did_you_mean(&resolved, pack.files.paths());
        format!("`{resolved}` does not exist in the pack{hint}")
    })?;
    validation::parse_json(&pack.files.display(&resolved), text).map_err(|p| p.to_string())
}

fn read_expect(
    pack: &RulePack,
    expect: &Map<String, Value>,
    at: &dyn Fn(&str, String) -> Problem,
    said: &dyn Fn(&str, Message) -> Problem,
    problems: &mut Vec<Problem>,
) -> Expect {
    unknown_keys(expect, &EXPECT_KEYS, "/expect", at, problems);
    let manifest = &pack.manifest;
    let gate_ids: Vec<&str> = manifest.gates.iter().map(|g| g.id.as_str()).collect();
    let criterion_ids: Vec<&str> = manifest.criteria.iter().map(|c| c.id.as_str()).collect();
    let mut out = Expect::default();
    let number = |value: &Value| {
        value
            .as_number()
            .and_then(|n| n.to_string().parse::<Decimal>().ok())
    };

    match expect.get("eligible") {
        None => {}
        Some(Value::Bool(b)) => out.eligible = Some(*b),
        Some(_) => problems.push(at("/expect/eligible", "must be true or false".into())),
    }
    match expect.get("recommendation") {
        None => {}
        Some(Value::String(s)) if RECOMMENDATIONS.contains(&s.as_str()) => {
            out.recommendation = Some(s.clone())
        }
        Some(other) => problems.push(at(
            "/expect/recommendation",
            format!(
                "{other} is not one of {}",
                RECOMMENDATIONS.map(|r| format!("\"{r}\"")).join(", ")
            ),
        )),
    }
    if let Some(total) = expect.get("total") {
        match number(total) {
            Some(n) => out.total = Some(n),
            None => problems.push(at("/expect/total", "must be a number".into())),
        }
    }
    let table = |key: &str, problems: &mut Vec<Problem>| -> Vec<(String, Value)> {
        match expect.get(key) {
            None => Vec::new(),
            Some(Value::Object(map)) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            Some(_) => {
                problems.push(at(
                    &format!("/expect/{key}"),
                    "must be a table by id".into(),
                ));
                Vec::new()
            }
        }
    };
    let unknown_id = |id: &str, pointer: &str, known: &[&str], what: &str| {
        let hint = suggest::did_you_mean(id, known.iter().copied());
        at(pointer, format!("the pack has no {what} `{id}`{hint}"))
    };
    for (id, value) in table("gates", problems) {
        let pointer = format!("/expect/gates/{}", crate::problem::pointer_segment(&id));
        match (gate_ids.iter().position(|g| *g == id), value) {
            (None, _) => problems.push(unknown_id(&id, &pointer, &gate_ids, "gate")),
            (Some(i), Value::Bool(passed)) => out.gates.push((i, passed)),
            (Some(_), _) => problems.push(at(
                &pointer,
                "must be true (passed) or false (failed)".into(),
            )),
        }
    }
    for (id, value) in table("points", problems) {
        let pointer = format!("/expect/points/{}", crate::problem::pointer_segment(&id));
        match (criterion_ids.iter().position(|c| *c == id), number(&value)) {
            (None, _) => problems.push(unknown_id(&id, &pointer, &criterion_ids, "criterion")),
            (Some(i), Some(points)) => out.points.push((i, points)),
            (Some(_), None) => problems.push(at(&pointer, "must be a number of points".into())),
        }
    }
    for (id, value) in table("reasons", problems) {
        let pointer = format!("/expect/reasons/{}", crate::problem::pointer_segment(&id));
        let subject = match (
            gate_ids.iter().position(|g| *g == id),
            criterion_ids.iter().position(|c| *c == id),
        ) {
            (Some(i), _) => Subject::Gate(i),
            (None, Some(i)) => Subject::Criterion(i),
            (None, None) => {
                let known: Vec<&str> = gate_ids.iter().chain(&criterion_ids).copied().collect();
                problems.push(unknown_id(&id, &pointer, &known, "gate or criterion"));
                continue;
            }
        };
        let phrases: Option<Vec<String>> = match value {
            Value::String(s) => Some(vec![s]),
            Value::Array(items) => items
                .into_iter()
                .map(|i| i.as_str().map(str::to_string))
                .collect(),
            _ => None,
        };
        match phrases {
            Some(phrases) => out.reasons.push((subject, phrases)),
            None => problems.push(at(
                &pointer,
                "must be a phrase, or a list of phrases, the reasons must contain".into(),
            )),
        }
    }
    match expect.get("stood_aside") {
        None => {}
        Some(Value::Array(items)) => {
            match items
                .iter()
                .map(|i| i.as_str().map(str::to_string))
                .collect::<Option<Vec<String>>>()
            {
                Some(mut names) => {
                    names.sort();
                    out.stood_aside = Some(names);
                }
                None => problems.push(at(
                    "/expect/stood_aside",
                    "must be a list of the names of the members who stand aside".into(),
                )),
            }
        }
        Some(_) => problems.push(at(
            "/expect/stood_aside",
            "must be a list of the names of the members who stand aside".into(),
        )),
    }
    for (id, value) in table("disagreement", problems) {
        let pointer = format!(
            "/expect/disagreement/{}",
            crate::problem::pointer_segment(&id)
        );
        match (criterion_ids.iter().position(|c| *c == id), value) {
            (None, _) => problems.push(unknown_id(&id, &pointer, &criterion_ids, "criterion")),
            (Some(i), Value::Bool(flag)) => out.disagreement.push((i, flag)),
            (Some(_), _) => problems.push(at(
                &pointer,
                "must be true (the reviewers disagree) or false".into(),
            )),
        }
    }
    let attributes = manifest.attribute_specs();
    for (id, value) in table("attributes", problems) {
        let pointer = format!(
            "/expect/attributes/{}",
            crate::problem::pointer_segment(&id)
        );
        let Some(i) = attributes.iter().position(|a| a.id == id) else {
            let known = attributes.iter().map(|a| a.id.as_str());
            let hint = suggest::closest(&id, known).map_or(Arg::from(""), |name| {
                Message::of(Wording::DidYouMean).with("name", name).into()
            });
            problems.push(said(
                &pointer,
                Message::of(Wording::CaseUnknownAttribute)
                    .with("id", id.as_str())
                    .with("hint", hint),
            ));
            continue;
        };
        let expected = match (attributes[i].kind, value) {
            (AttributeKind::Flag, Value::Bool(flag)) => Some(AttributeValue::Flag(flag)),
            (AttributeKind::Values, Value::Array(items)) => items
                .iter()
                .map(|item| item.as_str().map(str::to_string))
                .collect::<Option<Vec<String>>>()
                .map(|mut values| {
                    values.sort();
                    values.dedup();
                    AttributeValue::Values(values)
                }),
            _ => None,
        };
        match expected {
            Some(value) => out.attributes.push((i, value)),
            None => problems.push(said(
                &pointer,
                Message::of(match attributes[i].kind {
                    AttributeKind::Flag => Wording::CaseAttributeFlag,
                    AttributeKind::Values => Wording::CaseAttributeValues,
                })
                .with("id", id.as_str()),
            )),
        }
    }
    out
}

/// An attribute's value as a case's mismatch shows it: `true`/`false`, or the values quoted.
fn attribute_words(value: &AttributeValue) -> Message {
    match value {
        AttributeValue::Flag(true) => Message::of(Wording::CaseYes),
        AttributeValue::Flag(false) => Message::of(Wording::CaseNo),
        AttributeValue::Values(values) if values.is_empty() => Message::of(Wording::CaseNoValues),
        AttributeValue::Values(values) => Message::of(Wording::CaseNumber).with(
            "n",
            Arg::Joined(
                values
                    .iter()
                    .map(|v| Message::of(Wording::CaseQuoted).with("text", v))
                    .collect(),
                ", ",
            ),
        ),
    }
}

/// Every expectation that does not hold for `assessment`.
fn compare(pack: &RulePack, expect: &Expect, assessment: &Assessment) -> Vec<Mismatch> {
    let manifest = &pack.manifest;
    let mut out = Vec::new();
    // A reason is the pack's own text, quoted as the language quotes.
    let quoted = |reasons: &[String]| -> Vec<Message> {
        reasons
            .iter()
            .map(|r| Message::of(Wording::CaseQuoted).with("text", r))
            .collect()
    };
    let number = |d: Decimal| Arg::Number(d);
    let text = |t: &str| Message::plain(t);
    let failed_gates: Vec<Message> = manifest
        .gates
        .iter()
        .zip(&assessment.gates)
        .filter(|(_, g)| !g.passed)
        .map(|(spec, g)| {
            Message::of(Wording::CaseGateFailed)
                .with("id", &spec.id)
                .with("reason", &g.reason)
        })
        .collect();
    if let Some(eligible) = expect.eligible
        && eligible != assessment.eligible()
    {
        let word = |yes: bool| {
            Message::of(if yes {
                Wording::CaseYes
            } else {
                Wording::CaseNo
            })
        };
        out.push(Mismatch {
            what: Message::of(Wording::CaseEligible),
            expected: word(eligible),
            actual: word(assessment.eligible()),
            reasons: failed_gates.clone(),
        });
    }
    if let Some(expected) = &expect.recommendation {
        let actual = match assessment.recommendation(pack) {
            None => "ranked",
            Some(r) => r.key(),
        };
        if expected != actual {
            let mut reasons = failed_gates.clone();
            for (spec, c) in manifest.criteria.iter().zip(&assessment.criteria) {
                // Only a criterion with a minimum can miss it.
                if let (false, Some(min)) = (c.meets_minimum, spec.min_points) {
                    reasons.push(
                        Message::of(Wording::CaseBelowMinimum)
                            .with("id", &spec.id)
                            .with("points", number(c.points))
                            .with("min", number(min)),
                    );
                }
            }
            if actual == Recommendation::BelowThreshold.key()
                && let Some(threshold) = manifest.threshold
                && assessment.total < threshold
            {
                reasons.push(
                    Message::of(Wording::CaseBelowThreshold)
                        .with("total", number(assessment.total))
                        .with("threshold", number(threshold)),
                );
            }
            // The recommendations are the case file's own keys (`fund`, `ranked`), not words.
            out.push(Mismatch {
                what: Message::of(Wording::CaseRecommendation),
                expected: text(expected),
                actual: text(actual),
                reasons,
            });
        }
    }
    for &(i, passed) in &expect.gates {
        let gate = &assessment.gates[i];
        if gate.passed != passed {
            let word = |p: bool| {
                Message::of(if p {
                    Wording::CaseGatePassed
                } else {
                    Wording::CaseGateFailedWord
                })
            };
            out.push(Mismatch {
                what: Message::of(Wording::CaseGate).with("id", &manifest.gates[i].id),
                expected: word(passed),
                actual: word(gate.passed),
                reasons: quoted(std::slice::from_ref(&gate.reason)),
            });
        }
    }
    let a_number = |d: Decimal| Message::of(Wording::CaseNumber).with("n", number(d));
    for &(i, points) in &expect.points {
        let criterion = &assessment.criteria[i];
        if criterion.points != points {
            out.push(Mismatch {
                what: Message::of(Wording::CasePointsOf).with("id", &manifest.criteria[i].id),
                expected: a_number(points),
                actual: a_number(criterion.points),
                reasons: quoted(&criterion.reasons),
            });
        }
    }
    if let Some(total) = expect.total
        && total != assessment.total
    {
        out.push(Mismatch {
            what: Message::of(Wording::CaseTotal),
            expected: a_number(total),
            actual: a_number(assessment.total),
            reasons: manifest
                .criteria
                .iter()
                .zip(&assessment.criteria)
                .map(|(spec, c)| {
                    Message::of(Wording::CaseWeighted)
                        .with("id", &spec.id)
                        .with("points", number(c.points))
                        .with("weight", number(spec.weight))
                        .with("weighted", number(c.weighted))
                })
                .collect(),
        });
    }
    reviews_compared(pack, expect, assessment, &mut out);
    for (i, expected) in &expect.attributes {
        let spec = &manifest.attribute_specs()[*i];
        // Every attribute is computed for an assessed application (`Assessor`).
        let actual = assessment.attributes.get(&spec.id);
        if actual != Some(expected) {
            out.push(Mismatch {
                what: Message::of(Wording::CaseAttribute).with("id", &spec.id),
                expected: attribute_words(expected),
                actual: actual.map_or(Message::of(Wording::CaseNoValues), attribute_words),
                reasons: Vec::new(),
            });
        }
    }
    for (subject, phrases) in &expect.reasons {
        let (id, what, reasons) = match *subject {
            Subject::Gate(i) => (
                &manifest.gates[i].id,
                Wording::CaseReasonsOfGate,
                std::slice::from_ref(&assessment.gates[i].reason),
            ),
            Subject::Criterion(i) => (
                &manifest.criteria[i].id,
                Wording::CaseReasonsOfCriterion,
                &assessment.criteria[i].reasons[..],
            ),
        };
        for phrase in phrases {
            let wanted = phrase.to_lowercase();
            if !reasons.iter().any(|r| r.to_lowercase().contains(&wanted)) {
                out.push(Mismatch {
                    what: Message::of(what).with("id", id),
                    expected: Message::of(Wording::CaseReasonContaining).with("phrase", phrase),
                    actual: Message::of(if reasons.is_empty() {
                        Wording::CaseNoReasons
                    } else {
                        Wording::CaseNoneOfThese
                    }),
                    reasons: quoted(reasons),
                });
            }
        }
    }
    out
}

/// What the case expects of the reviews: who stood aside, which criteria the reviewers
/// disagree on; and a review refused for a conflict the case does not expect.
fn reviews_compared(
    pack: &RulePack,
    expect: &Expect,
    assessment: &Assessment,
    out: &mut Vec<Mismatch>,
) {
    let manifest = &pack.manifest;
    let lang = &manifest.language;
    let Some(reviews) = &assessment.reviews else {
        return;
    };
    let names = |names: &[String]| {
        if names.is_empty() {
            Message::of(Wording::CaseNobody)
        } else {
            Message::plain(names.join(", "))
        }
    };
    let stood: Vec<String> = reviews
        .stood_aside
        .iter()
        .map(|s| s.member.clone())
        .collect();
    let because: Vec<Message> = reviews
        .stood_aside
        .iter()
        .map(|s| Message::plain(s.text(lang)))
        .collect();
    if let Some(expected) = &expect.stood_aside
        && *expected != stood
    {
        out.push(Mismatch {
            what: Message::of(Wording::CaseStoodAside),
            expected: names(expected),
            actual: names(&stood),
            reasons: because.clone(),
        });
    }
    for refusal in &reviews.refused {
        let member = &refusal.review.reviewer;
        // `ReviewBook::for_application` refuses a review only for a conflict; the others were
        // refused when the case was read.
        let RefusalReason::Conflict(stood) = &refusal.reason else {
            continue;
        };
        if expect
            .stood_aside
            .as_ref()
            .is_some_and(|s| s.contains(member))
        {
            continue;
        }
        let reason = stood.text(lang);
        out.push(Mismatch {
            what: Message::of(Wording::CaseReviewOf)
                .with("reviewer", text::quote(member))
                .with("id", text::quote(&refusal.review.criterion)),
            expected: Message::of(Wording::CaseReviewCounted),
            actual: Message::of(Wording::CaseReviewRefused).with("reason", reason),
            reasons: Vec::new(),
        });
    }
    for &(i, flag) in &expect.disagreement {
        let actual = reviews
            .criteria
            .get(i)
            .and_then(Option::as_ref)
            .is_some_and(|r| r.disagreement);
        if actual != flag {
            let word = |yes: bool| {
                Message::of(if yes {
                    Wording::CaseYes
                } else {
                    Wording::CaseNo
                })
            };
            let spread = reviews
                .criteria
                .get(i)
                .and_then(Option::as_ref)
                .map(|r| {
                    r.scores
                        .iter()
                        .map(|s| format!("{}: {}", s.reviewer, s.score))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .filter(|s| !s.is_empty());
            out.push(Mismatch {
                what: Message::of(Wording::CaseDisagreement).with("id", &manifest.criteria[i].id),
                expected: word(flag),
                actual: word(actual),
                reasons: spread.map(Message::plain).into_iter().collect(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::PackFiles;
    use serde_json::json;

    /// `[changes]` is a JSON merge patch (RFC 7396) on the named application: tables merge key
    /// by key, lists and plain values are replaced, `null` removes a key.
    #[test]
    fn changes_merge_tables_replace_values_and_remove_nulls() {
        let files = [
            ("pack.toml", crate::pack::tests::MANIFEST_OK),
            ("g.rhai", "pass(\"ja\");"),
            ("c.rhai", "award(2, \"to\");"),
            (
                "tests/base.json",
                r#"{"a": {"b": 1, "c": 2}, "list": [1, 2], "gone": true}"#,
            ),
            (
                "tests/case.json",
                r#"{"application": "base.json",
                    "changes": {"a": {"b": 5}, "list": [3], "gone": null, "new": "x"},
                    "expect": {}}"#,
            ),
        ];
        let pack = RulePack::load(PackFiles::from_memory("mem", files)).unwrap();
        let case = load(&pack, "tests/case.json").unwrap();
        assert_eq!(
            case.application,
            json!({"a": {"b": 5, "c": 2}, "list": [3], "new": "x"})
        );
    }

    /// A case file's kind is told by its extension in any case, as an application's is.
    #[test]
    fn case_files_are_found_and_read_whatever_the_case_of_their_extension() {
        let files = [
            ("pack.toml", crate::pack::tests::MANIFEST_OK),
            ("g.rhai", "pass(\"ja\");"),
            ("c.rhai", "award(2, \"to\");"),
            ("tests/base.json", r#"{"a": 1}"#),
            (
                "tests/UPPER.TOML",
                "application = \"base.json\"\n[expect]\n",
            ),
            (
                "tests/Mixed.Json",
                r#"{"application": "base.json", "expect": {}}"#,
            ),
            ("tests/notes.md", "not a case"),
            ("tests/apps/inner.toml", "not a case either"),
        ];
        let pack = RulePack::load(PackFiles::from_memory("mem", files)).unwrap();
        let mut found = case_files(&pack);
        found.sort();
        assert_eq!(
            found,
            vec!["tests/Mixed.Json", "tests/UPPER.TOML", "tests/base.json"]
        );
        // Read as TOML, not as JSON (which would fail on `application = …`).
        let case = load(&pack, "tests/UPPER.TOML").unwrap();
        assert_eq!(case.application, json!({"a": 1}));
    }

    /// `year` and `budget` set the money the case runs with, as `--year` and `--budget` do; a
    /// year the pack has no budget for, or an amount that is none, is a problem of the case.
    #[test]
    fn a_case_runs_with_the_year_and_budget_it_names() {
        let manifest = crate::pack::tests::MANIFEST_OK.replace("budget = 1000\n", "")
            + "\n[budget]\n2025 = 300\n2026 = 0\n";
        let case = |text: &str| {
            let files = [
                ("pack.toml", manifest.as_str()),
                ("g.rhai", "pass(\"ja\");"),
                ("c.rhai", "award(2, \"to\");"),
                ("tests/case.toml", text),
            ];
            let pack = RulePack::load(PackFiles::from_memory("mem", files)).unwrap();
            load(&pack, "tests/case.toml")
                .map(|c| c.funds)
                .map_err(|p| p.iter().map(|p| p.to_string()).collect::<Vec<_>>())
        };
        let application = "application = { a = 1 }\n";
        let funds = |budget, year| Funds { budget, year };
        assert_eq!(
            case(&format!("{application}[expect]\n")),
            Ok(funds(300, None))
        );
        assert_eq!(
            case(&format!("{application}year = 2026\n[expect]\n")),
            Ok(funds(0, Some(2026)))
        );
        assert_eq!(
            case(&format!("{application}year = 2025\nbudget = 5\n[expect]\n")),
            Ok(funds(5, Some(2025)))
        );
        assert_eq!(
            case(&format!("{application}budget = 7\n[expect]\n")),
            Ok(funds(7, None))
        );
        assert_eq!(
            case(&format!("{application}year = 2027\n[expect]\n")),
            Err(vec![
                "mem/tests/case.toml:2:8: the pack has no budget for 2027; it has budgets for \
                 2025 and 2026"
                    .to_string()
            ])
        );
        let wrong = case(&format!(
            "{application}year = \"2025\"\nbudget = -1\n[expect]\n"
        ))
        .unwrap_err();
        assert_eq!(wrong.len(), 2, "{wrong:?}");
        assert!(wrong[0].contains("must be a year"), "{wrong:?}");
        assert!(wrong[1].contains("must be a whole amount"), "{wrong:?}");
    }

    /// A valid application in the municipality `By`, whose applicant is Anna Berg.
    const APPLICATION: &str = r#"{"id": "A-1", "title": "Prøve", "summary": "Prøve",
        "applicant": {"name": "Anna Berg", "email": "anna@example.org"},
        "organisation": {"name": "Musikskolen", "kind": "arts_school", "municipality": "By"},
        "municipalities": ["By"], "domains": ["culture"],
        "period": {"start": "2025-01-01", "end": "2025-12-31"},
        "budget": {"requested": 100, "total": 200, "co_funding": [], "own_resources": 100},
        "continuation": {"plan": "Fortsætter.", "likelihood": "high", "funding": []},
        "target_group": {"description": "Unge", "talent": true}}"#;

    /// A pack whose one criterion is scored by reviewers on 0..=4 (flagged at a spread of 2),
    /// its script awarding the median, and `cases` as its test files.
    fn reviewed_pack(cases: &[(&str, &str)]) -> RulePack {
        let manifest = crate::pack::tests::MANIFEST_OK.replace(
            "script = \"c.rhai\"\n",
            "script = \"c.rhai\"\nreview.min = 0\nreview.max = 4\nreview.guidance.da = \"4: godt\"\nreview.disagreement = 2\n",
        );
        let mut files = vec![
            ("pack.toml", manifest.as_str()),
            ("g.rhai", "pass(\"ja\");"),
            (
                "c.rhai",
                "award(reviews.median, `${reviews.count}: ${reviews.listed}`);",
            ),
            ("tests/app.json", APPLICATION),
        ];
        files.extend_from_slice(cases);
        RulePack::load(PackFiles::from_memory("mem", files)).unwrap()
    }

    /// A case's reviews are read with their places; what the pack refuses is a problem there.
    #[test]
    fn a_case_gives_reviews_and_every_refused_review_is_named_at_its_place() {
        let case = |text: &str| {
            let pack = reviewed_pack(&[("tests/case.toml", text)]);
            load(&pack, "tests/case.toml")
                .map(|c| c.book.reviews().cloned().collect::<Vec<_>>())
                .map_err(|p| p.iter().map(|p| p.to_string()).collect::<Vec<_>>())
        };
        let review = |who: &str, criterion: &str, score: &str| {
            format!(
                "[[reviews]]\nreviewer = \"{who}\"\ncriterion = \"{criterion}\"\nscore = {score}\n"
            )
        };
        let head = "application = \"app.json\"\n";
        let read = case(&format!("{head}{}[expect]\n", review("Ib", "en", "3"))).unwrap();
        assert_eq!(
            read,
            vec![Review {
                application_id: "A-1".into(),
                criterion: "en".into(),
                reviewer: "Ib".into(),
                score: 3,
                comment: String::new(),
            }]
        );
        let wrong = case(&format!(
            "{head}{}{}{}{}{}[[reviews]]\nreviewer = \"Ib\"\n[expect]\n",
            review("Ib", "et", "3"),
            review("Ib", "en", "5"),
            review("Ib", "en", "2.5"),
            review("Bo", "en", "1"),
            review("Bo", "en", "2"),
        ))
        .unwrap_err();
        assert_eq!(
            wrong,
            vec![
                "mem/tests/case.toml:4:13: the pack has no criterion `et`; did you mean `en`?",
                "mem/tests/case.toml:9:9: 5 is outside the scale of the criterion `en`, 0 to 4",
                "mem/tests/case.toml:13:9: must be a whole number of points, such as 4",
                "mem/tests/case.toml:18:1: Bo scores the criterion `en` twice; a reviewer gives one score per criterion",
                "mem/tests/case.toml:22:1: a review needs `reviewer`, `criterion` and `score`; `criterion` is missing",
                "mem/tests/case.toml:22:1: a review needs `reviewer`, `criterion` and `score`; `score` is missing",
            ]
        );
    }

    /// Reviews count in the case's assessment; a member with a conflict stands aside, and the
    /// case says so, or fails; without reviews the application awaits review.
    #[test]
    fn a_case_expects_who_stands_aside_disagreement_and_awaiting_review() {
        let panel = "[[panel.member]]\nname = \"Anna Berg\"\n[[panel.member]]\nname = \"Ib\"\n";
        let reviews = "[[reviews]]\nreviewer = \"Anna Berg\"\ncriterion = \"en\"\nscore = 0\n\
                       [[reviews]]\nreviewer = \"Ib\"\ncriterion = \"en\"\nscore = 4\n";
        let expected = "[expect]\nrecommendation = \"ranked\"\npoints.en = 4\n\
                        reasons.en = \"1: 4\"\ndisagreement.en = false\n";
        let aside = format!(
            "application = \"app.json\"\n{panel}{reviews}{expected}stood_aside = [\"Anna Berg\"]\n"
        );
        let unsaid = format!("application = \"app.json\"\n{panel}{reviews}{expected}");
        let disagree = format!(
            "application = \"app.json\"\n{reviews}[expect]\npoints.en = 2\ndisagreement.en = false\n"
        );
        let awaiting =
            "application = \"app.json\"\n[expect]\nrecommendation = \"awaiting_review\"\n";
        let pack = reviewed_pack(&[
            ("tests/1.toml", aside.as_str()),
            ("tests/2.toml", unsaid.as_str()),
            ("tests/3.toml", disagree.as_str()),
            ("tests/4.toml", awaiting),
        ]);
        let results = run_all(&pack);
        let outcome = |file: &str| {
            let result = results.iter().find(|r| r.file == file).unwrap();
            match &result.outcome {
                CaseOutcome::Passed => Vec::new(),
                CaseOutcome::Failed(m) => m.iter().map(|m| m.to_string()).collect(),
                CaseOutcome::Broken(p) => panic!("{file}: {p:?}"),
            }
        };
        // Anna Berg is the applicant: she stands aside, her 0 does not count. Why is said
        // in the pack's language, as its reasons are.
        assert_eq!(outcome("tests/1.toml"), Vec::<String>::new());
        assert_eq!(
            outcome("tests/2.toml"),
            vec![
                "Anna Berg's review of the criterion `en`\n  expected: counted\n  actual:   refused: Anna Berg er selv ansøger"
            ]
        );
        // Without a panel both count: 0 and 4, median 2, a spread of 4 ≥ 2.
        assert_eq!(
            outcome("tests/3.toml"),
            vec![
                "reviewers' disagreement on the criterion `en`\n  expected: false\n  actual:   true\n  reason:   Anna Berg: 0, Ib: 4"
            ]
        );
        assert_eq!(outcome("tests/4.toml"), Vec::<String>::new());
    }

    /// A case expects portfolio attributes by id: a flag as `true`/`false`, a list in any
    /// order; a different value fails the case, and a wrong key or type is a problem at its
    /// place.
    #[test]
    fn a_case_expects_portfolio_attributes() {
        let manifest = format!(
            "{}{}",
            crate::pack::tests::MANIFEST_OK,
            crate::pack::portfolio::tests::PORTFOLIO
        );
        let run = |case: &str| {
            let files = [
                ("pack.toml", manifest.as_str()),
                ("g.rhai", "pass(\"ja\");"),
                ("c.rhai", "award(2, \"to\");"),
                ("portfolio/kommuner.rhai", "app.municipalities"),
                ("portfolio/kultur.rhai", "app.domains.contains(\"sport\")"),
                ("apps/app.json", APPLICATION),
                ("tests/case.toml", case),
            ];
            let pack = RulePack::load(PackFiles::from_memory("mem", files)).unwrap();
            run_all(&pack).remove(0).outcome
        };
        let head = "application = \"../apps/app.json\"\n\
                    [changes]\nmunicipalities = [\"Sydby\", \"Nordby\"]\n\
                    [expect.attributes]\n";
        assert_eq!(
            run(&format!(
                "{head}kommuner = [\"Sydby\", \"Nordby\"]\nkultur = false\n"
            )),
            CaseOutcome::Passed
        );
        let CaseOutcome::Failed(mismatches) =
            run(&format!("{head}kommuner = [\"Sydby\"]\nkultur = true\n"))
        else {
            panic!("the case should fail");
        };
        let shown: Vec<String> = mismatches.iter().map(|m| m.to_string()).collect();
        assert_eq!(
            shown,
            vec![
                "portfolio attribute `kommuner`\n  expected: \"Sydby\"\n  actual:   \"Nordby\", \"Sydby\"",
                "portfolio attribute `kultur`\n  expected: true\n  actual:   false",
            ]
        );
        let CaseOutcome::Broken(problems) = run(&format!("{head}kommune = []\nkultur = \"ja\"\n"))
        else {
            panic!("the case should not run");
        };
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            vec![
                "mem/tests/case.toml:5:11: the pack has no portfolio attribute `kommune`; did you mean `kommuner`?",
                "mem/tests/case.toml:6:10: the attribute `kultur` is a flag: write `true` or `false`",
            ]
        );
    }
}
