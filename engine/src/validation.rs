//! Validation of applications: JSON syntax, then the schema, then what a schema cannot say.
//!
//! Every input passes here before anything else looks at it. All problems of an input are
//! reported together, each with the JSON pointer of the field and what was expected, so the
//! person who fixes the file sees everything at once.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use crate::application::Application;
use crate::fingerprint;
use crate::json::{self, JsonError};
use crate::problem::{Arg, Message, Problem, Wording, lowercase_first, pointer_segment};
use crate::schema;
use crate::suggest;
use crate::text::{self, Kind};

/// An application that passed every check, with its fingerprint.
#[derive(Debug, Clone)]
pub struct ValidApplication {
    /// The typed application.
    pub application: Application,
    /// `sha256:` of the canonical JSON of the input.
    pub fingerprint: String,
}

/// A compiled JSON Schema that reports problems in our wording, with "did you mean" hints for
/// unknown fields.
pub struct SchemaCheck {
    validator: jsonschema::Validator,
    known_fields: Vec<String>,
}

impl SchemaCheck {
    /// Compiles `schema` (draft 2020-12, formats checked); fails when it is not a valid schema.
    pub fn new(schema: &Value) -> Result<Self, String> {
        Ok(SchemaCheck {
            validator: compile(schema)?,
            known_fields: property_names(schema),
        })
    }

    /// Every problem of `value`, with pointers prefixed by `prefix` (for a part of a document).
    pub fn check(&self, source: &str, prefix: &str, value: &Value) -> Vec<Problem> {
        // Most inputs are valid: the yes/no check stops at nothing and builds no error, and
        // only an invalid value is walked again for every problem in words.
        if self.validator.is_valid(value) {
            return Vec::new();
        }
        let mut problems: Vec<Problem> = self
            .validator
            .iter_errors(value)
            .flat_map(|e| self.describe(source, prefix, &e))
            .collect();
        problems.sort();
        problems.dedup();
        problems
    }

    /// Turns one schema error into problems in our wording (one per unknown field).
    fn describe(
        &self,
        source: &str,
        prefix: &str,
        error: &jsonschema::ValidationError<'_>,
    ) -> Vec<Problem> {
        let pointer = format!("{prefix}{}", error.instance_path());
        let instance = error.instance();
        let one = |message: Message| vec![Problem::at_pointer(source, pointer.clone(), message)];
        let said = |wording: Wording| one(Message::of(wording));
        // "`5` is less than …": the value as the user wrote it, and a limit from the schema.
        let value_and = |wording: Wording, name: &'static str, limit: String| {
            one(Message::of(wording)
                .with("value", plain(instance))
                .with(name, limit))
        };
        match error.kind() {
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                vec![Problem::at_pointer(
                    source,
                    format!("{pointer}/{}", pointer_segment(name)),
                    Message::of(Wording::RequiredMissing).with("name", text::quote(name)),
                )]
            }
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => unexpected
                .iter()
                .map(|name| {
                    let hint = suggest::closest(name, self.known_fields.iter().map(String::as_str))
                        .map_or(Arg::from(""), |known| {
                            Message::of(Wording::DidYouMean).with("name", known).into()
                        });
                    Problem::at_pointer(
                        source,
                        format!("{pointer}/{}", pointer_segment(name)),
                        Message::of(Wording::UnknownField)
                            .with("name", text::quote(name))
                            .with("hint", hint),
                    )
                })
                .collect(),
            ValidationErrorKind::Type { kind } => {
                let expected = match kind {
                    TypeKind::Single(t) => article(&t.to_string()),
                    TypeKind::Multiple(set) => {
                        // `["integer", "null"]` is how an optional field is written: `null`
                        // means "none", said last and in words.
                        let names = set
                            .iter()
                            .map(|t| t.to_string())
                            .filter(|t| t != "null")
                            .map(|t| article(&t));
                        let optional = set.iter().any(|t| t.to_string() == "null");
                        match (Message::chain(names, Wording::Or), optional) {
                            (Some(names), true) => {
                                Message::of(Wording::OrNullForNone).with("names", names)
                            }
                            (None, _) => Message::of(Wording::Null),
                            (Some(names), false) => names,
                        }
                    }
                };
                one(Message::of(Wording::Expected)
                    .with("expected", expected)
                    .with("found", describe_value(instance)))
            }
            ValidationErrorKind::Enum { options } => {
                let options: Vec<Message> = options
                    .as_array()
                    .map(|a| a.iter().map(|o| quoted(plain(o))).collect())
                    .unwrap_or_default();
                one(Message::of(Wording::NotOneOf)
                    .with("value", plain(instance))
                    .with("options", Arg::Joined(options, ", ")))
            }
            ValidationErrorKind::Format { format } => {
                let expected = match format.as_str() {
                    "date" => Message::of(Wording::ADate),
                    "email" | "idn-email" => Message::of(Wording::AnEmail),
                    "date-time" => Message::of(Wording::ADateTime),
                    "time" => Message::of(Wording::ATime),
                    "uri" | "iri" | "uri-reference" | "iri-reference" => {
                        Message::of(Wording::AWebAddress)
                    }
                    "uuid" => Message::of(Wording::AUuid),
                    "ipv4" | "ipv6" => Message::of(Wording::AnIpAddress),
                    "hostname" | "idn-hostname" => Message::of(Wording::AHostName),
                    other => Message::of(Wording::InTheFormat).with("format", other),
                };
                one(Message::of(Wording::NotInFormat)
                    .with("value", plain(instance))
                    .with("expected", expected))
            }
            ValidationErrorKind::Minimum { limit } => {
                value_and(Wording::BelowMinimum, "limit", limit.to_string())
            }
            ValidationErrorKind::Maximum { limit } => {
                value_and(Wording::AboveMaximum, "limit", limit.to_string())
            }
            ValidationErrorKind::ExclusiveMinimum { limit } => {
                value_and(Wording::MustBeMore, "limit", limit.to_string())
            }
            ValidationErrorKind::ExclusiveMaximum { limit } => {
                value_and(Wording::MustBeLess, "limit", limit.to_string())
            }
            ValidationErrorKind::MultipleOf { multiple_of } => {
                value_and(Wording::NotMultipleOf, "multiple", multiple_of.to_string())
            }
            ValidationErrorKind::MinLength { limit: 1 } => said(Wording::MustNotBeEmpty),
            ValidationErrorKind::MinLength { limit } => one(Message::of(Wording::CharactersLong)
                .with("count", characters(instance))
                .with("limit", at_least(*limit))),
            ValidationErrorKind::MaxLength { limit } => one(Message::of(Wording::CharactersLong)
                .with("count", characters(instance))
                .with("limit", at_most(*limit))),
            ValidationErrorKind::MaxItems { limit } => one(Message::of(Wording::HasItems)
                .with("count", instance.as_array().map_or(0, Vec::len))
                .with("limit", at_most(*limit))),
            ValidationErrorKind::AdditionalItems { limit } => one(Message::of(Wording::HasItems)
                .with("count", instance.as_array().map_or(0, Vec::len))
                .with("limit", at_most(*limit as u64))),
            ValidationErrorKind::MinProperties { limit: 1 } => said(Wording::NeedsOneField),
            ValidationErrorKind::MinProperties { limit } => {
                one(Message::of(Wording::NeedsFields).with("limit", *limit))
            }
            ValidationErrorKind::MaxProperties { limit } => one(Message::of(Wording::HasFields)
                .with(
                    "count",
                    instance.as_object().map_or(0, serde_json::Map::len),
                )
                .with("limit", at_most(*limit))),
            ValidationErrorKind::Constant { expected_value } => {
                one(Message::of(Wording::ExpectedValueOf)
                    .with("expected", plain(expected_value))
                    .with("found", describe_value(instance)))
            }
            ValidationErrorKind::Contains => said(Wording::NoItemOfKind),
            ValidationErrorKind::ContentEncoding { content_encoding } => value_and(
                Wording::NotEncodedText,
                "encoding",
                content_encoding.clone(),
            ),
            ValidationErrorKind::ContentMediaType { content_media_type } => value_and(
                Wording::NotMediaContent,
                "media",
                content_media_type.clone(),
            ),
            ValidationErrorKind::FromUtf8 { .. } => said(Wording::DecodedNotUtf8),
            ValidationErrorKind::FalseSchema | ValidationErrorKind::Not { .. } => {
                said(Wording::NoValueAllowed)
            }
            ValidationErrorKind::UnevaluatedItems { unexpected } if unexpected.len() == 1 => {
                said(Wording::ItemsMoreOne)
            }
            ValidationErrorKind::UnevaluatedItems { unexpected } => {
                one(Message::of(Wording::ItemsMore).with("count", unexpected.len()))
            }
            ValidationErrorKind::PropertyNames { error } => {
                let name = plain(error.instance());
                self.describe(source, prefix, error)
                    .into_iter()
                    .map(|p| Problem {
                        pointer: Some(pointer.clone()),
                        message: Message::of(Wording::FieldNameNotAllowed)
                            .with("name", name.clone())
                            .with("problem", p.message.clone()),
                        ..p
                    })
                    .collect()
            }
            ValidationErrorKind::AnyOf { context }
            | ValidationErrorKind::OneOfNotValid { context } => {
                self.describe_alternatives(source, prefix, &pointer, context)
            }
            ValidationErrorKind::OneOfMultipleValid { .. } => said(Wording::FitsSeveralForms),
            ValidationErrorKind::BacktrackLimitExceeded { .. }
            | ValidationErrorKind::RegexEngineFailure { .. } => {
                one(Message::of(Wording::PatternTooComplex).with("value", plain(instance)))
            }
            // The schema's author wrote it: their words, in their language.
            ValidationErrorKind::Custom { message, .. } => {
                one(Message::plain(lowercase_first(message)))
            }
            ValidationErrorKind::Referencing(e) => one(Message::of(Wording::SchemaNotApplied)
                .with("error", lowercase_first(&e.to_string()))),
            ValidationErrorKind::MinItems { limit: 1 } => said(Wording::NeedsOneItem),
            ValidationErrorKind::MinItems { limit } => {
                one(Message::of(Wording::NeedsItems).with("limit", *limit))
            }
            ValidationErrorKind::UniqueItems => said(Wording::SameItemTwice),
            ValidationErrorKind::Pattern { pattern } => {
                // Our text patterns get words: which character, where, and what the field holds.
                // Any other pattern (an id's) forbids control characters too: those get the
                // same words, since the pattern itself would not say what is wrong.
                let kind = Kind::of_pattern(pattern).unwrap_or(Kind::Line);
                let forbidden = instance
                    .as_str()
                    .and_then(|value| text::first_forbidden(value, kind));
                match forbidden {
                    Some((at, c)) => one(text::forbidden_message(kind, at, c)),
                    None => one(Message::of(Wording::NoPatternMatch)
                        .with("value", plain(instance))
                        .with("pattern", pattern.as_str())),
                }
            }
        }
    }

    /// `anyOf`/`oneOf` that no alternative fits, from the errors of each alternative. A
    /// branch that only asks for `null` is how an optional field is written (`Option<T>`):
    /// `null` means "not given" and is no form a person means to write, so when one real
    /// form remains, its own problems are reported, as for a required field.
    fn describe_alternatives(
        &self,
        source: &str,
        prefix: &str,
        pointer: &str,
        context: &[Vec<jsonschema::ValidationError<'static>>],
    ) -> Vec<Problem> {
        let only_null = |branch: &Vec<jsonschema::ValidationError<'static>>| {
            branch.iter().all(|e| {
                matches!(e.kind(), ValidationErrorKind::Type { kind: TypeKind::Single(t) }
                    if t.to_string() == "null")
            })
        };
        // A branch that only asks for another type at this very place is a form the value is
        // not written in (`budget = {…}` against `budget = 400000`): when some branch takes
        // the value's type, its problems are what the author needs to read.
        let other_type = |branch: &Vec<jsonschema::ValidationError<'static>>| {
            branch.iter().all(|e| {
                matches!(e.kind(), ValidationErrorKind::Type { .. })
                    && e.instance_path().as_str() == pointer
            })
        };
        let forms: Vec<_> = context.iter().filter(|b| !only_null(b)).collect();
        let same_type: Vec<_> = forms.iter().copied().filter(|b| !other_type(b)).collect();
        let forms = if same_type.is_empty() {
            forms
        } else {
            same_type
        };
        let described: Vec<Vec<Problem>> = forms
            .iter()
            .map(|branch| {
                let mut found: Vec<Problem> = branch
                    .iter()
                    .flat_map(|e| self.describe(source, prefix, e))
                    .collect();
                found.sort();
                found.dedup();
                found
            })
            .collect();
        match described.as_slice() {
            [one] if !one.is_empty() => one.clone(),
            _ => {
                let ways = described.iter().filter_map(|found| {
                    Message::chain(found.iter().map(|p| p.message.clone()), Wording::And)
                });
                let ways = Message::chain(ways, Wording::OrElse).map_or(Arg::from(""), Arg::from);
                vec![Problem::at_pointer(
                    source,
                    pointer,
                    Message::of(Wording::FitsNoForm).with("ways", ways),
                )]
            }
        }
    }
}

/// "at most 1 is allowed", "at most 3 are allowed".
fn at_most(limit: u64) -> Message {
    match limit {
        1 => Message::of(Wording::AtMostOne),
        _ => Message::of(Wording::AtMost).with("limit", limit),
    }
}

/// "at least 1 is needed", "at least 3 are needed".
fn at_least(limit: u64) -> Message {
    match limit {
        1 => Message::of(Wording::AtLeastOne),
        _ => Message::of(Wording::AtLeast).with("limit", limit),
    }
}

/// The length of a string in characters (what a person counts), 0 for anything else.
fn characters(value: &Value) -> usize {
    value.as_str().map_or(0, |s| s.chars().count())
}

/// Checks applications against the application schema and, when a pack describes its own
/// `extra` answers, against the pack's extension schema, then checks what a schema cannot say.
pub struct ApplicationValidator {
    schema: SchemaCheck,
    extra: Option<SchemaCheck>,
}

impl ApplicationValidator {
    /// A validator for the application schema alone.
    pub fn new() -> Self {
        ApplicationValidator {
            // INVARIANT: the generated schema is valid; a test compiles it.
            schema: SchemaCheck::new(&schema::application())
                .unwrap_or_else(|e| unreachable_schema(&e)),
            extra: None,
        }
    }

    /// A validator that also checks `/extra` against a pack's extension schema.
    ///
    /// Fails with a message when the extension schema itself is not a valid JSON Schema.
    pub fn with_extension(extension: &Value) -> Result<Self, String> {
        Ok(ApplicationValidator {
            extra: Some(SchemaCheck::new(extension)?),
            ..ApplicationValidator::new()
        })
    }

    /// Validates the text of one application. `source` names it in problems.
    pub fn validate_text(
        &self,
        source: &str,
        text: &str,
    ) -> Result<ValidApplication, Vec<Problem>> {
        let value = parse_json(source, text).map_err(|p| vec![p])?;
        self.validate_value(source, value)
    }

    /// Validates an already parsed application. The one parse of an input is used for
    /// everything: the schema checks it, the fingerprint is taken from it, and the typed model
    /// takes its strings over (no copy of the tree).
    pub fn validate_value(
        &self,
        source: &str,
        mut value: Value,
    ) -> Result<ValidApplication, Vec<Problem>> {
        let mut problems = self.schema.check(source, "", &value);
        // An application that leaves `extra` out answers nothing: it is checked as `{}`, so
        // every answer the pack's extension schema requires is reported missing by its pointer.
        // An `extra` that is not an object is the application schema's to report, once.
        if let (Some(extra), Some(object)) = (&self.extra, value.as_object()) {
            let empty = Value::Object(serde_json::Map::new());
            let answers = object.get("extra").unwrap_or(&empty);
            if answers.is_object() {
                problems.extend(extra.check(source, "/extra", answers));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        // The schema's `integer` accepts `60000.0` and `2e4`; so does the model, and the
        // fingerprint is taken after, so both spellings are the same application.
        json::whole_numbers_as_integers(&mut value);
        let fingerprint = fingerprint::application(&value);
        // The schema is generated from these types, so this fails only where a schema cannot
        // say as much (a number beyond a field's range); the pointer names the field.
        let application: Application = json::typed(&value)
            .map_err(|e| vec![Problem::at_pointer(source, e.pointer, e.message)])?;
        let problems: Vec<Problem> = consistency(&application)
            .into_iter()
            .map(|(pointer, message)| Problem::at_pointer(source, pointer, message))
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ValidApplication {
            fingerprint,
            application,
        })
    }
}

impl Default for ApplicationValidator {
    fn default() -> Self {
        ApplicationValidator::new()
    }
}

/// Parses JSON, reporting a syntax error with its line and column, and a key written twice in
/// one object with its pointer and both places (see [`json::parse`]). Every reader of a user's
/// JSON document goes through here.
pub fn parse_json(source: &str, text: &str) -> Result<Value, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Problem::in_file(source, Wording::EmptyApplication));
    }
    json::parse(text).map_err(|error| match error {
        JsonError::Duplicate(d) => Problem {
            line: Some(d.second.0),
            column: Some(d.second.1),
            pointer: Some(d.pointer.clone()),
            ..Problem::in_file(source, d.message())
        },
        JsonError::Syntax(e) => {
            let message =
                Message::of(Wording::MalformedJson).with("detail", json::syntax_message(&e));
            if e.line() == 0 {
                Problem::in_file(source, message)
            } else {
                Problem::at(source, e.line(), e.column().max(1), message)
            }
        }
    })
}

/// What the schema cannot say: dates in order, money that adds up, numbers scripts can read.
fn consistency(app: &Application) -> Vec<(String, Message)> {
    let mut problems = Vec::new();
    // Dates are `YYYY-MM-DD` (the schema checked the format), so text order is date order.
    if app.period.end < app.period.start {
        problems.push((
            "/period/end".to_string(),
            Message::of(Wording::EndBeforeStart)
                .with("end", text::quote(&app.period.end.0))
                .with("start", text::quote(&app.period.start.0)),
        ));
    }
    let budget = &app.budget;
    if budget.requested > budget.total {
        problems.push((
            "/budget/requested".to_string(),
            Message::of(Wording::RequestedOverTotal)
                .with("requested", Arg::amount(budget.requested))
                .with("total", Arg::amount(budget.total)),
        ));
    }
    let co_funding: u64 = budget.co_funding.iter().map(|c| c.amount).sum();
    if co_funding.saturating_add(budget.own_resources) > budget.total {
        problems.push((
            "/budget/co_funding".to_string(),
            Message::of(Wording::CoFundingOverTotal)
                .with("co_funding", Arg::amount(co_funding))
                .with("own", Arg::amount(budget.own_resources))
                .with("total", Arg::amount(budget.total)),
        ));
    } else {
        let financing = budget.requested + co_funding + budget.own_resources;
        if financing != budget.total {
            problems.push((
                "/budget/total".to_string(),
                Message::of(Wording::FinancingMismatch)
                    .with("requested", Arg::amount(budget.requested))
                    .with("co_funding", Arg::amount(co_funding))
                    .with("own", Arg::amount(budget.own_resources))
                    .with("financing", Arg::amount(financing))
                    .with("total", Arg::amount(budget.total)),
            ));
        }
    }
    for (key, value) in &app.extra {
        let pointer = format!("/extra/{}", pointer_segment(key));
        unreadable_numbers(value, &pointer, &mut problems);
        unshowable_text(key, value, &pointer, &mut problems);
    }
    if let (Some(min), Some(max)) = (app.target_group.age_min, app.target_group.age_max)
        && max < min
    {
        problems.push((
            "/target_group/age_max".to_string(),
            Message::of(Wording::OldestBelowYoungest)
                .with("max", u64::from(max))
                .with("min", u64::from(min)),
        ));
    }
    problems
}

/// Numbers a rule script could not hold: scripts have 64-bit integers and exact decimals (up to
/// 28 digits), never binary floating point, so `1e300` or `2^64` must be refused here rather
/// than fail later inside the engine.
fn unreadable_numbers(value: &Value, pointer: &str, problems: &mut Vec<(String, Message)>) {
    match value {
        Value::Number(n) => {
            let readable = n.as_i64().is_some()
                || (!n.is_u64()
                    && n.as_f64()
                        .is_some_and(|f| rust_decimal::Decimal::try_from(f).is_ok()));
            if !readable {
                problems.push((
                    pointer.to_string(),
                    Message::of(Wording::NumberTooLarge)
                        .with("number", text::quote(&n.to_string())),
                ));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                unreadable_numbers(item, &format!("{pointer}/{i}"), problems);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                unreadable_numbers(
                    item,
                    &format!("{pointer}/{}", pointer_segment(key)),
                    problems,
                );
            }
        }
        _ => {}
    }
}

/// Text in `extra` that could not be shown as written: a pack's extension schema describes the
/// answers but need not say which text is one line, so every answer is held to the rule of
/// multi-line text (line breaks and tabs, no other control characters) and every key, being a
/// name, to the rule of one line.
fn unshowable_text(key: &str, value: &Value, pointer: &str, problems: &mut Vec<(String, Message)>) {
    if let Some((at, c)) = text::first_forbidden(key, Kind::Line) {
        problems.push((
            pointer.to_string(),
            Message::of(Wording::AnswerName)
                .with("problem", text::forbidden_message(Kind::Line, at, c)),
        ));
    }
    match value {
        Value::String(s) => {
            if let Some((at, c)) = text::first_forbidden(s, Kind::Text) {
                problems.push((
                    pointer.to_string(),
                    text::forbidden_message(Kind::Text, at, c),
                ));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                unshowable_text("", item, &format!("{pointer}/{i}"), problems);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let inner = format!("{pointer}/{}", pointer_segment(key));
                unshowable_text(key, item, &inner, problems);
            }
        }
        _ => {}
    }
}

/// Compiles a JSON Schema (draft 2020-12) with format checks on.
pub(crate) fn compile(schema: &Value) -> Result<jsonschema::Validator, String> {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| lowercase_first(&e.to_string()))
}

#[cold]
fn unreachable_schema(error: &str) -> SchemaCheck {
    // Only reachable if the generated schema were broken, which the schema tests rule out.
    panic!("the built-in application schema does not compile: {error}")
}

/// Every property name a schema mentions, for "did you mean" hints.
pub(crate) fn property_names(schema: &Value) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack = vec![schema];
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    names.extend(props.keys().cloned());
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    names.sort();
    names.dedup();
    names
}

/// A JSON value as a user wrote it, strings without quotes, as a message quotes it: on one
/// line, at most [`text::MAX_QUOTED_CHARS`] characters.
fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => text::quote(s),
        other => text::quote(&other.to_string()),
    }
}

/// "a string (`abc`)", "a number (`5`)" — what was found instead.
fn describe_value(value: &Value) -> Message {
    let kind = match value {
        Value::Null => return Message::of(Wording::Null),
        Value::Bool(_) => Wording::ABoolean,
        Value::Number(_) => Wording::ANumber,
        Value::String(_) => Wording::AString,
        Value::Array(_) => return Message::of(Wording::AList),
        Value::Object(_) => return Message::of(Wording::AnObject),
    };
    Message::of(Wording::Found)
        .with("kind", kind)
        .with("value", plain(value))
}

/// A value between the language's quotes: `` `x` ``, »x«, ”x”.
fn quoted(value: String) -> Message {
    Message::of(Wording::Quoted).with("value", value)
}

/// A JSON Schema type in words: "a whole number", "a list".
fn article(json_type: &str) -> Message {
    match json_type {
        "integer" => Message::of(Wording::AWholeNumber),
        "number" => Message::of(Wording::ANumber),
        "string" => Message::of(Wording::AString),
        "boolean" => Message::of(Wording::ABoolean),
        "object" => Message::of(Wording::AnObject),
        "array" => Message::of(Wording::AList),
        "null" => Message::of(Wording::Null),
        // The schema standard has no other type; shown as it is named.
        other => Message::plain(format!("a {other}")),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The smallest valid application.
    pub(crate) fn minimal() -> Value {
        serde_json::json!({
            "id": "A-1", "title": "t", "summary": "s",
            "applicant": {"name": "n", "email": "n@example.dk"},
            "organisation": {"name": "o", "kind": "club", "municipality": "m"},
            "municipalities": ["m"], "domains": ["sport"],
            "period": {"start": "2025-01-01", "end": "2025-12-31"},
            "budget": {"requested": 10, "total": 15, "own_resources": 5},
            "continuation": {"plan": "p", "likelihood": "low"},
            "target_group": {"description": "d", "talent": true}
        })
    }

    fn problems(value: &Value) -> Vec<String> {
        match ApplicationValidator::new().validate_value("a.json", value.clone()) {
            Ok(_) => Vec::new(),
            Err(found) => found.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn two_applications_in_a_json_file_are_pointed_to_json_lines() {
        let one = minimal().to_string();
        let problem = parse_json("two.json", &format!("{one}\n{one}\n")).unwrap_err();
        assert_eq!(
            problem.to_string(),
            "two.json:2:1: malformed JSON: trailing characters after the application; a file \
             holding one application per line must be named `.jsonl` (JSON Lines)"
        );
    }

    #[test]
    fn a_minimal_application_is_valid() {
        assert_eq!(problems(&minimal()), Vec::<String>::new());
    }

    #[test]
    fn numbers_in_extra_must_be_readable_by_scripts() {
        let mut app = minimal();
        app["extra"] =
            serde_json::json!({"ok": 1.5, "big": 1.5e300, "list": [18446744073709551615u64]});
        assert_eq!(
            problems(&app),
            vec![
                "a.json: /extra/big: the number 1.5e+300 is too large for rule scripts (at most 28 digits)",
                "a.json: /extra/list/0: the number 18446744073709551615 is too large for rule scripts (at most 28 digits)",
            ]
        );
    }

    #[test]
    fn every_consistency_problem_is_reported_at_once() {
        let mut app = minimal();
        app["period"] = serde_json::json!({"start": "2025-06-01", "end": "2025-01-01"});
        app["budget"] = serde_json::json!({"requested": 20, "total": 15, "own_resources": 0});
        app["target_group"]["age_min"] = serde_json::json!(18);
        app["target_group"]["age_max"] = serde_json::json!(12);
        let found = problems(&app);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[0].starts_with("a.json: /period/end: the end `2025-01-01` is before"));
        assert!(found[1].starts_with("a.json: /budget/requested: the requested amount 20 is more"));
        assert!(found[2].starts_with("a.json: /budget/total: the financing does not add up"));
        assert!(found[3].starts_with("a.json: /target_group/age_max: the oldest age 12"));
    }

    #[test]
    fn a_bad_optional_date_says_what_a_date_is() {
        let mut app = minimal();
        app["continuation"]["operating_from"] = serde_json::json!("2027-13-45");
        assert_eq!(
            problems(&app),
            vec![
                "a.json: /continuation/operating_from: `2027-13-45` is not a date written YYYY-MM-DD"
            ]
        );
        app["continuation"]["operating_from"] = serde_json::json!(5);
        assert_eq!(
            problems(&app),
            vec!["a.json: /continuation/operating_from: expected a string, found a number (`5`)"]
        );
        app["continuation"]["operating_from"] = serde_json::json!(null);
        app["target_group"]["age_min"] = serde_json::json!("ten");
        assert_eq!(
            problems(&app),
            vec![
                "a.json: /target_group/age_min: expected a whole number (or null for none), \
                 found a string (`ten`)"
            ]
        );
    }

    /// Every kind of schema error a pack's extension schema can produce, in our words: no
    /// message may fall back to the validator's own wording ("is not valid under any of the
    /// schemas listed in the 'anyOf' keyword", "is longer than", "has less than").
    #[test]
    fn every_schema_error_is_in_our_words_with_its_pointer() {
        let schema = serde_json::json!({
            "type": "object",
            "properties": {
                "a": {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "integer", "minimum": 10}]},
                "b": {"oneOf": [{"type": "string"}, {"type": "string", "minLength": 2}]},
                "c": {"const": "x"},
                "d": {"type": "array", "maxItems": 1, "contains": {"type": "string"}},
                "e": {"type": "string", "minLength": 3, "pattern": "^[a-z]+$"},
                "f": {"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.5},
                "g": {"type": "object", "minProperties": 2, "propertyNames": {"maxLength": 2}},
                "h": {"not": {"type": "null"}},
                "i": {"type": "string", "format": "uri"},
                "j": {"type": "object", "maxProperties": 1}
            },
            "additionalProperties": false
        });
        let validator = ApplicationValidator::with_extension(&schema).unwrap();
        let mut app = minimal();
        app["extra"] = serde_json::json!({
            "a": "long", "b": "ab", "c": "y", "d": [1, 2], "e": "A1", "f": 0.3,
            "g": {"long": 1}, "h": null, "i": "not a uri", "j": {"x": 1, "y": 2}, "k": 1
        });
        let found: Vec<String> = validator
            .validate_value("a.json", app.clone())
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            vec![
                "a.json: /extra/a: fits none of the forms allowed here: is 4 characters long; at most 3 are allowed; or else expected a whole number, found a string (`long`)",
                "a.json: /extra/b: fits more than one of the forms allowed here, and must fit exactly one",
                "a.json: /extra/c: expected `x`, found a string (`y`)",
                "a.json: /extra/d: has 2 items; at most 1 is allowed",
                "a.json: /extra/d: has no item of the kind the list must contain",
                "a.json: /extra/e: `A1` does not match the pattern `^[a-z]+$`",
                "a.json: /extra/e: is 2 characters long; at least 3 are needed",
                "a.json: /extra/f: 0.3 is not a multiple of 0.5",
                "a.json: /extra/g: needs at least 2 fields",
                "a.json: /extra/g: the field name `long` is not allowed: is 4 characters long; at most 2 are allowed",
                "a.json: /extra/h: no value is allowed here; leave it out",
                "a.json: /extra/i: `not a uri` is not a web address (such as https://example.dk)",
                "a.json: /extra/j: has 2 fields; at most 1 is allowed",
                "a.json: /extra/k: unknown field `k`; did you mean `a`?",
            ]
        );
    }

    /// The problems of `value` as they read in `lang`.
    fn problems_in(value: &Value, lang: &str) -> Vec<String> {
        match ApplicationValidator::new().validate_value("a.json", value.clone()) {
            Ok(_) => Vec::new(),
            Err(found) => found
                .iter()
                .map(|p| p.display_in(lang).to_string())
                .collect(),
        }
    }

    #[test]
    fn schema_problems_read_in_danish_and_swedish() {
        let mut app = minimal();
        app["budget"]["requested"] = serde_json::json!("ca. 50.000");
        app["budjet"] = serde_json::json!(1);
        app["continuation"]["likelihood"] = serde_json::json!("sure");
        app["period"]["start"] = serde_json::json!("14-03-2025");
        app.as_object_mut().unwrap().remove("title");
        assert_eq!(
            problems_in(&app, "da"),
            vec![
                "a.json: /budget/requested: skal være et helt tal, men er en tekst (»ca. 50.000«)",
                "a.json: /budjet: ukendt felt »budjet«; mente du »budget«?",
                "a.json: /continuation/likelihood: »sure« er ikke en af de tilladte værdier: \
                 »high«, »medium«, »low«, »unknown«",
                "a.json: /period/start: »14-03-2025« er ikke en dato skrevet ÅÅÅÅ-MM-DD",
                "a.json: /title: det obligatoriske felt »title« mangler",
            ]
        );
        assert_eq!(
            problems_in(&app, "sv"),
            vec![
                "a.json: /budget/requested: ska vara ett heltal, men är en text (”ca. 50.000”)",
                "a.json: /budjet: okänt fält ”budjet”; menade du ”budget”?",
                "a.json: /continuation/likelihood: ”sure” är inte ett av de tillåtna värdena: \
                 ”high”, ”medium”, ”low”, ”unknown”",
                "a.json: /period/start: ”14-03-2025” är inte ett datum skrivet ÅÅÅÅ-MM-DD",
                "a.json: /title: det obligatoriska fältet ”title” saknas",
            ]
        );
        assert_eq!(problems_in(&app, "en"), problems(&app));
    }

    #[test]
    fn consistency_problems_read_in_danish_and_swedish_with_grouped_amounts() {
        let mut app = minimal();
        app["budget"] =
            serde_json::json!({"requested": 1_250_000, "total": 1_000_000, "own_resources": 0});
        app["target_group"]["age_min"] = serde_json::json!(18);
        app["target_group"]["age_max"] = serde_json::json!(12);
        assert_eq!(
            problems_in(&app, "da"),
            vec![
                "a.json: /budget/requested: det ansøgte beløb 1.250.000 er større end de samlede \
                 udgifter 1.000.000",
                "a.json: /budget/total: finansieringen går ikke op: ansøgt 1.250.000 + tilskud \
                 fra andre 0 + egne midler 0 = 1.250.000, men de samlede udgifter er 1.000.000",
                "a.json: /target_group/age_max: den højeste alder 12 er lavere end den laveste \
                 alder 18",
            ]
        );
        assert!(problems_in(&app, "sv")[0].contains("det sökta beloppet 1\u{a0}250\u{a0}000"));
    }

    #[test]
    fn json_syntax_and_text_rules_read_in_each_language() {
        let broken = parse_json("a.json", "{\"title\": ca. 50.000}").unwrap_err();
        assert_eq!(
            broken.display_in("da").to_string(),
            "a.json:1:11: ugyldig JSON: her skulle stå en værdi (tekst skrives i anførselstegn)"
        );
        assert_eq!(
            broken.display_in("sv").to_string(),
            "a.json:1:11: ogiltig JSON: här skulle det stå ett värde (text skrivs inom citattecken)"
        );
        assert_eq!(
            broken.to_string(),
            "a.json:1:11: malformed JSON: expected value"
        );
        let empty = parse_json("a.json", " \n").unwrap_err();
        assert_eq!(
            empty.display_in("sv").to_string(),
            "a.json: är tom; här skulle det stå en ansökan (ett JSON-objekt)"
        );
        let mut app = minimal();
        app["title"] = serde_json::json!("Musik\u{1b}]0;x");
        assert_eq!(
            problems_in(&app, "da"),
            vec![
                "a.json: /title: indeholder et styretegn (ESC, U+001B) ved tegn nr. 6; feltet er \
                 én linje tekst uden styretegn"
            ]
        );
    }

    #[test]
    fn a_huge_rejected_value_is_quoted_short() {
        let schema = serde_json::json!({"properties": {"a": {"const": "x"}}});
        let validator = ApplicationValidator::with_extension(&schema).unwrap();
        let mut app = minimal();
        app["extra"] = serde_json::json!({"a": "y".repeat(100_000)});
        let found = validator.validate_value("a.json", app.clone()).unwrap_err();
        assert!(
            found[0].message.to_string().len() < 300,
            "{}",
            found[0].message
        );
        assert!(
            found[0].message.to_string().ends_with("…`)"),
            "{}",
            found[0].message
        );
        // Every language quotes the same cut value.
        let danish = found[0].message.render("da");
        assert!(danish.len() < 300 && danish.ends_with("…«)"), "{danish}");
    }

    #[test]
    fn whole_numbers_written_with_a_point_are_the_same_application() {
        let validator = ApplicationValidator::new();
        let mut app = minimal();
        app["extra"] = serde_json::json!({"hours": 60000});
        let plain = validator.validate_value("a", app.clone()).unwrap();
        app["budget"] =
            serde_json::json!({"requested": 10.0, "total": 1.5e1, "own_resources": 5e0});
        app["extra"] = serde_json::json!({"hours": 6e4});
        let pointed = validator.validate_value("b", app.clone()).unwrap();
        assert_eq!(pointed.application.budget.total, 15);
        assert_eq!(pointed.application.extra["hours"], serde_json::json!(60000));
        assert_eq!(plain.fingerprint, pointed.fingerprint);
    }

    #[test]
    fn the_fingerprint_follows_the_content_not_the_layout() {
        let validator = ApplicationValidator::new();
        let compact = serde_json::to_string(&minimal()).unwrap();
        let pretty = serde_json::to_string_pretty(&minimal()).unwrap();
        let one = validator.validate_text("a", &compact).unwrap();
        let two = validator.validate_text("b", &pretty).unwrap();
        assert_eq!(one.fingerprint, two.fingerprint);
    }
}
