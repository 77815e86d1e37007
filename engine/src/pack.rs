//! A rule pack: the manifest, its scripts and its fingerprint, loaded and checked.
//!
//! Loading reports every problem at once, each as `file:line:col: message`: TOML syntax, the
//! manifest against `schemas/pack.schema.json`, what a schema cannot say (unique ids, the pack's
//! language present in every title, weights and points that make sense, script files that
//! exist, portfolio goals that count an attribute of the right kind: `pack/portfolio.rs`) and
//! every script's compile errors, including calls of functions that do not exist.

pub mod files;
mod lint;
pub(crate) mod portfolio;
pub(crate) mod spanned;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::decimal::{Decimal, MAX_SCALE};
use crate::fingerprint;
use crate::manifest::Manifest;
use crate::problem::{Arg, Message, Problem, Problems, Wording, line_column};
use crate::schema;
use crate::script::paths::{Reads, Shapes};
use crate::script::{ScriptHost, ScriptKind};
use crate::validation::{self, ApplicationValidator};

pub use files::PackFiles;
use spanned::{dotted, in_field};

/// A pack loaded for `kriterium check`: the pack or every error, and every warning.
///
/// Warnings are what loads and runs but is likely a mistake: a script no gate or criterion
/// uses, a parameter no script reads, a lower-priority criterion that can outweigh a
/// higher-priority one, a minimum only full points meet, a criterion that never awards points.
#[derive(Debug)]
pub struct Inspection {
    /// The pack, or every error that keeps it from loading.
    pub pack: Result<RulePack, Problems>,
    /// Every warning, sorted by place.
    pub warnings: Vec<Problem>,
}

impl Inspection {
    fn failed(problems: Vec<Problem>) -> Self {
        Inspection {
            pack: Err(Problems(problems)),
            warnings: Vec::new(),
        }
    }
}

/// The manifest's file name in a pack folder.
pub const MANIFEST: &str = "pack.toml";
/// The largest weight a criterion may have.
pub const MAX_WEIGHT: i64 = 1000;

/// The money a pack is run with: what gates read as `pack.budget` and `pack.year`, what a
/// batch ranks against, and what each decision records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Funds {
    /// The budget, in whole units of the pack's currency.
    pub budget: u64,
    /// The year the money is for; `None` outside a year (a pack with one amount, or the whole
    /// of a pack's years).
    pub year: Option<u32>,
}

/// A loaded, checked rule pack. Plain data: share it between threads freely; each thread builds
/// its own [`Assessor`](crate::scoring::Assessor) from it.
#[derive(Debug, Clone)]
pub struct RulePack {
    /// The manifest.
    pub manifest: Manifest,
    /// Every file of the pack.
    pub files: PackFiles,
    /// `sha256:` over the manifest and every file it refers to.
    pub fingerprint: String,
    extra_schema: Option<Value>,
    /// The money this pack is run with ([`RulePack::funds`]).
    funds: Funds,
}

impl RulePack {
    /// Loads and checks a pack from its files.
    pub fn load(files: PackFiles) -> Result<RulePack, Problems> {
        RulePack::inspect(files).pack
    }

    /// Loads a pack and also finds what is doubtful without being wrong (see [`Inspection`]).
    pub fn inspect(files: PackFiles) -> Inspection {
        let manifest_name = files.display(MANIFEST);
        let Some(text) = files.get(MANIFEST) else {
            return Inspection::failed(vec![Problem::in_file(
                &manifest_name,
                format!("missing: a rule pack is a folder with a `{MANIFEST}`"),
            )]);
        };
        let read = spanned::read_typed::<Manifest>(&manifest_name, text, &schema::pack());
        let (manifest, doc) = match read {
            Ok(parsed) => parsed,
            Err(problems) => return Inspection::failed(problems),
        };
        let at = |pointer: &str, message: String| {
            let (line, column) = line_column(text, doc.offset(pointer));
            Problem::at(
                &manifest_name,
                line,
                column,
                format!("`{}`: {message}", dotted(pointer)),
            )
        };

        // Our own words, read in the language of messages, at a field of `pack.toml`.
        let worded = |pointer: &str, message: Message| {
            let (line, column) = line_column(text, doc.offset(pointer));
            Problem::at(&manifest_name, line, column, in_field(pointer, message))
        };

        let mut problems = check_manifest(&manifest, &files, &at, &worded);
        let extra_schema = match &manifest.extra_schema {
            Some(path) => match load_extra_schema(&files, path) {
                Ok(schema) => Some(schema),
                Err(message) => {
                    problems.push(at("/extra_schema", message));
                    None
                }
            },
            None => None,
        };
        // Scripts that exist are compiled even when the manifest has problems, so one run shows
        // everything to fix.
        let funds = Funds {
            budget: manifest.budget_total(),
            year: None,
        };
        let shapes = Shapes::new(
            schema::application(),
            extra_schema.clone(),
            &manifest,
            funds,
        );
        let (compiled, likely, reads) = compile_scripts(&manifest, &files, &shapes);
        problems.extend(compiled);
        let mut warnings = lint::warnings(&manifest, &files, &at, &worded, &reads);
        warnings.extend(likely);
        warnings.sort();
        warnings.dedup();
        if !problems.is_empty() {
            return Inspection {
                pack: Err(Problems(problems)),
                warnings,
            };
        }

        let mut referenced: Vec<&str> = vec![MANIFEST];
        referenced.extend(manifest.gates.iter().map(|g| g.script.as_str()));
        referenced.extend(manifest.criteria.iter().map(|c| c.script.as_str()));
        referenced.extend(manifest.attribute_specs().iter().map(|a| a.script.as_str()));
        referenced.extend(manifest.extra_schema.as_deref());
        let fingerprint = fingerprint::pack(
            referenced
                .into_iter()
                .filter_map(|path| files.get(path).map(|text| (path, text))),
        );
        Inspection {
            pack: Ok(RulePack {
                manifest,
                files,
                fingerprint,
                extra_schema,
                funds,
            }),
            warnings,
        }
    }

    /// The funds this pack is run with: by default the manifest's total
    /// ([`Manifest::budget_total`]) and no year.
    pub fn funds(&self) -> Funds {
        self.funds
    }

    /// The same pack run with other funds: what gates see as `pack.budget` and `pack.year`,
    /// what a batch ranks against, and what decisions record. The fingerprint stays the
    /// pack's: the funds are recorded in each decision beside it.
    pub fn with_funds(self, funds: Funds) -> RulePack {
        RulePack { funds, ..self }
    }

    /// The budget of `year`: the year's amount, or the one amount of a pack without years.
    ///
    /// # Errors
    /// A [`Problem`] in `pack.toml` when the pack has years and `year` is not one of them,
    /// naming the years it has ("the pack has no budget for 2027; it has budgets for 2024,
    /// 2025 and 2026").
    pub fn year_budget(&self, year: u32) -> Result<u64, Problem> {
        self.manifest.budget_for_year(year).ok_or_else(|| {
            let years = self.manifest.budget.years();
            let listed = match years.split_last() {
                Some((last, [])) => Message::plain(last.to_string()),
                Some((last, rest)) => Message::of(Wording::And)
                    .with(
                        "a",
                        Arg::Joined(
                            rest.iter().map(|y| Message::plain(y.to_string())).collect(),
                            ", ",
                        ),
                    )
                    .with("b", Message::plain(last.to_string())),
                None => Message::plain(String::new()),
            };
            Problem::in_file(
                self.files.display(MANIFEST),
                Message::of(Wording::NoBudgetForYear)
                    .with("year", year.to_string())
                    .with("years", listed),
            )
        })
    }

    /// What scripts read as `pack` in this run ([`Manifest::script_view`] with these funds).
    pub fn script_view(&self) -> Value {
        self.manifest.script_view(self.funds)
    }

    /// The validator for applications to this pack (with its `extra` schema, if any). Never a
    /// validator without the extension schema: that would let through what the pack forbids.
    pub fn validator(&self) -> ApplicationValidator {
        match &self.extra_schema {
            Some(schema) => ApplicationValidator::with_extension(schema).expect(
                "a loaded pack's extension schema compiles: `load_extra_schema` built this same \
                 validator from this same schema, or the pack did not load",
            ),
            None => ApplicationValidator::new(),
        }
    }

    /// The pack's JSON Schema for the application's `extra` answers, if it has one.
    pub fn extra_schema(&self) -> Option<&Value> {
        self.extra_schema.as_ref()
    }

    /// The text of a script the manifest names.
    ///
    /// # Panics
    /// When `path` is not a file of the pack: pass only the manifest's script paths, which
    /// loading checked to exist (an empty script would silently award nothing).
    pub fn text(&self, path: &str) -> &str {
        self.files.get(path).unwrap_or_else(|| {
            panic!("`{path}` is not a file of the pack; a loaded pack has every script its manifest names")
        })
    }

    /// Highest possible total: the sum of `max_points × weight`.
    pub fn max_total(&self) -> Decimal {
        self.manifest
            .max_total()
            .expect("a loaded pack's weights are at most 1000 with at most 1000 points each")
    }

    /// Property names scripts can read, for "did you mean" hints at run time.
    pub fn known_properties(&self) -> Vec<String> {
        let mut names = validation::property_names(&schema::application());
        if let Some(extra) = &self.extra_schema {
            names.extend(validation::property_names(extra));
        }
        // What scripts read of `pack`.
        if let Value::Object(view) = self.script_view() {
            names.extend(view.keys().cloned());
        }
        names.sort();
        names.dedup();
        names
    }
}

/// What the schema cannot say about a manifest.
fn check_manifest(
    manifest: &Manifest,
    files: &PackFiles,
    at: &dyn Fn(&str, String) -> Problem,
    worded: &dyn Fn(&str, Message) -> Problem,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let lang = &manifest.language;
    // Titles, and every text a letter takes from the pack: a letter is written in one language,
    // so a text missing in the pack's would bring another language into it.
    let needs_language =
        |pointer: &str, texts: &BTreeMap<String, String>, problems: &mut Vec<Problem>| {
            if !texts.contains_key(lang) {
                problems.push(at(
                    pointer,
                    format!("no text in the pack's language `{lang}`"),
                ));
            }
        };
    needs_language("/title", &manifest.title.0, &mut problems);
    if let Some(names) = &manifest.basis_names {
        needs_language("/basis_names/source", &names.source.0, &mut problems);
        needs_language("/basis_names/reading", &names.reading.0, &mut problems);
    }
    if let Some(letter) = &manifest.letter {
        for (name, text) in [
            ("sender", &letter.sender),
            ("legal_basis", &letter.legal_basis),
            ("conditions", &letter.conditions),
            ("complaints", &letter.complaints),
            ("signature", &letter.signature),
        ] {
            needs_language(&format!("/letter/{name}"), &text.0, &mut problems);
        }
    }

    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut check_id = |id: &str, pointer: String, problems: &mut Vec<Problem>| {
        if let Some(first) = seen.get(id) {
            problems.push(at(
                &pointer,
                format!(
                    "`{id}` is already the id at `{}`; ids must be unique",
                    dotted(first)
                ),
            ));
        } else {
            seen.insert(id.to_string(), pointer);
        }
    };
    for (i, gate) in manifest.gates.iter().enumerate() {
        check_id(&gate.id, format!("/gates/{i}/id"), &mut problems);
        needs_language(&format!("/gates/{i}/title"), &gate.title.0, &mut problems);
        check_script_path(
            &gate.script,
            files,
            &format!("/gates/{i}/script"),
            at,
            &mut problems,
        );
    }
    for (i, criterion) in manifest.criteria.iter().enumerate() {
        let base = format!("/criteria/{i}");
        check_id(&criterion.id, format!("{base}/id"), &mut problems);
        needs_language(&format!("{base}/title"), &criterion.title.0, &mut problems);
        check_script_path(
            &criterion.script,
            files,
            &format!("{base}/script"),
            at,
            &mut problems,
        );
        let weight = criterion.weight;
        if weight <= Decimal::ZERO || weight > Decimal::from(MAX_WEIGHT) || !weight.within_scale() {
            problems.push(at(
                &format!("{base}/weight"),
                format!("{weight} must be more than 0 and at most {MAX_WEIGHT}, with at most {MAX_SCALE} decimals"),
            ));
        }
        if let Some(review) = &criterion.review {
            needs_language(
                &format!("{base}/review/guidance"),
                &review.guidance.0,
                &mut problems,
            );
            if review.min >= review.max {
                problems.push(worded(
                    &format!("{base}/review/min"),
                    Message::of(Wording::ReviewScaleEmpty)
                        .with("min", u64::from(review.min))
                        .with("max", u64::from(review.max)),
                ));
            } else if let Some(disagreement) = review.disagreement
                && disagreement > review.max - review.min
            {
                problems.push(worded(
                    &format!("{base}/review/disagreement"),
                    Message::of(Wording::DisagreementBeyondScale)
                        .with("disagreement", u64::from(disagreement))
                        .with("range", u64::from(review.max - review.min)),
                ));
            }
        }
        if let Some(min) = criterion.min_points
            && (min < Decimal::ZERO
                || min > Decimal::from(criterion.max_points)
                || !min.within_scale())
        {
            problems.push(at(
                &format!("{base}/min_points"),
                format!(
                    "{min} must be from 0 to max_points ({}), with at most {MAX_SCALE} decimals",
                    criterion.max_points
                ),
            ));
        }
    }
    // Without a highest possible total (a weight beyond any exact sum, reported above) there is
    // nothing to compare the threshold with.
    if let (Some(threshold), Some(max_total)) = (manifest.threshold, manifest.max_total())
        && (threshold < Decimal::ZERO || threshold > max_total || !threshold.within_scale())
    {
        problems.push(at(
            "/threshold",
            format!("{threshold} must be from 0 to the highest possible total {max_total}, with at most {MAX_SCALE} decimals"),
        ));
    }
    for (i, attribute) in manifest.attribute_specs().iter().enumerate() {
        let base = format!("/portfolio/attributes/{i}");
        needs_language(&format!("{base}/title"), &attribute.title.0, &mut problems);
        check_script_path(
            &attribute.script,
            files,
            &format!("{base}/script"),
            at,
            &mut problems,
        );
    }
    for (i, goal) in manifest.goal_specs().iter().enumerate() {
        let pointer = format!("/portfolio/goals/{i}/title");
        needs_language(&pointer, &goal.title.0, &mut problems);
    }
    problems.extend(portfolio::problems(manifest, worded));
    if let Some(letter) = &manifest.letter {
        problems.extend(
            case_number_problems(&letter.case_number)
                .into_iter()
                .map(|message| worded("/letter/case_number", message)),
        );
    }
    problems
}

/// What a letter's case number may say besides its own text: the round's id, the application's
/// id and the round's year. Letters fill in these and nothing else.
pub const CASE_NUMBER_PLACEHOLDERS: [&str; 3] = ["round", "application", "year"];

/// What is wrong with a case-number pattern: each `{name}` that is not one of
/// [`CASE_NUMBER_PLACEHOLDERS`], and a `{` never closed. Empty when letters can fill it in.
fn case_number_problems(pattern: &str) -> Vec<Message> {
    let quoted = |text: &str| Message::of(Wording::Quoted).with("value", text);
    let mut problems = Vec::new();
    let mut rest = pattern;
    // Characters before `rest`, to say where an unclosed placeholder begins (from 1).
    let mut before = 0;
    // A `}` outside a placeholder is a typing mistake (`MiS/round}/…`), not text.
    let stray = |text: &str, before: usize, problems: &mut Vec<Message>| {
        if let Some(at) = text.find('}') {
            problems.push(
                Message::of(Wording::CaseNumberStrayClose)
                    .with("close", quoted("}"))
                    .with("position", before + text[..at].chars().count() + 1)
                    .with("example", quoted("{round}")),
            );
        }
    };
    if !pattern.contains("{application}") {
        problems.push(
            Message::of(Wording::CaseNumberWithoutApplication)
                .with("example", quoted("{application}")),
        );
    }
    while let Some(open) = rest.find('{') {
        stray(&rest[..open], before, &mut problems);
        let position = before + rest[..open].chars().count() + 1;
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            problems.push(
                Message::of(Wording::CaseNumberUnclosed)
                    .with("position", position)
                    .with("close", quoted("}"))
                    .with("example", quoted("{application}")),
            );
            break;
        };
        let name = &after[..close];
        if !CASE_NUMBER_PLACEHOLDERS.contains(&name) {
            let allowed = CASE_NUMBER_PLACEHOLDERS
                .iter()
                .map(|n| quoted(&format!("{{{n}}}")));
            problems.push(
                Message::of(Wording::CaseNumberUnknownPlaceholder)
                    .with("found", quoted(&format!("{{{name}}}")))
                    .with(
                        "allowed",
                        Message::chain(allowed, Wording::Or).expect("there are three placeholders"),
                    ),
            );
        }
        before = position + name.chars().count() + 1;
        rest = &after[close + 1..];
    }
    if !rest.contains('{') {
        stray(rest, before, &mut problems);
    }
    problems
}

fn check_script_path(
    path: &str,
    files: &PackFiles,
    pointer: &str,
    at: &dyn Fn(&str, String) -> Problem,
    problems: &mut Vec<Problem>,
) {
    let inside = !path.starts_with('/')
        && !path.contains('\\')
        && !path.split('/').any(|s| s == ".." || s.is_empty());
    if !inside {
        problems.push(at(
            pointer,
            format!("`{path}` must be a relative path inside the pack, with `/` between folders"),
        ));
    } else if !path.ends_with(".rhai") {
        problems.push(at(pointer, format!("`{path}` must be a `.rhai` file")));
    } else if files.get(path).is_none() {
        let hint = crate::suggest::did_you_mean(path, files.paths());
        problems.push(at(
            pointer,
            format!("`{path}` does not exist in the pack{hint}"),
        ));
    }
}

fn load_extra_schema(files: &PackFiles, path: &str) -> Result<Value, String> {
    let text = files
        .get(path)
        .ok_or_else(|| format!("`{path}` does not exist in the pack"))?;
    let schema = validation::parse_json(&files.display(path), text).map_err(|p| p.to_string())?;
    // The very validator `RulePack::validator` builds later, so that it cannot fail there.
    ApplicationValidator::with_extension(&schema)
        .map_err(|e| format!("`{path}` is not a valid JSON Schema: {e}"))?;
    Ok(schema)
}

/// Compiles every script once, to report syntax errors, unknown names and property paths no
/// application has at load time (errors), and paths an application probably does not have
/// (warnings). Also returns what each script reads, for the other warnings.
fn compile_scripts(
    manifest: &Manifest,
    files: &PackFiles,
    shapes: &Shapes,
) -> (Vec<Problem>, Vec<Problem>, BTreeMap<String, Reads>) {
    let host = ScriptHost::new(&manifest.language, Vec::new());
    let scripts = manifest
        .gates
        .iter()
        .map(|g| (ScriptKind::Gate, &g.script))
        .chain(
            manifest
                .criteria
                .iter()
                .map(|c| (ScriptKind::Criterion, &c.script)),
        )
        .chain(
            manifest
                .attribute_specs()
                .iter()
                .map(|a| (ScriptKind::Attribute, &a.script)),
        );
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut all_reads = BTreeMap::new();
    for (kind, path) in scripts {
        // A missing script is reported by the manifest checks.
        let Some(text) = files.get(path) else {
            continue;
        };
        let name = files.display(path);
        if let Err(found) = host.compile(kind, &name, text) {
            problems.extend(found);
        }
        // A script that does not parse has no tree to follow; its syntax error is reported.
        let Ok(tree) = host.syntax_tree(kind, &name, text) else {
            continue;
        };
        let reads = shapes.scan(&tree);
        for missing in &reads.missing {
            let problem = Problem::at(&name, missing.line, missing.column, &missing.message);
            if missing.certain {
                problems.push(problem);
            } else {
                warnings.push(problem);
            }
        }
        all_reads.insert(path.clone(), reads);
    }
    problems.sort();
    problems.dedup();
    (problems, warnings, all_reads)
}

#[cfg(test)]
pub(crate) mod tests;
