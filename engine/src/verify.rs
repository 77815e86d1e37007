//! Verification: does a recorded decision reproduce exactly when the application is assessed
//! again? And if not, is it because the pack changed, the application changed, or both — and
//! which fields differ.
//!
//! Rank, grant and the batch context come from a whole batch and cannot be recomputed from one
//! application; they are taken as recorded, and the verdict says so.

use serde_json::Value;

use crate::decision::{Decision, PackRef, Recommendation};
use crate::labels::LANGUAGES;
use crate::pack::{Funds, RulePack};
use crate::scoring::Assessment;

/// One field that differs, by JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Where, e.g. `/criteria/0/weight`.
    pub pointer: String,
    /// Which gate or criterion the pointer is in, when it is in one.
    pub item: Option<Item>,
    /// The recorded value as JSON, quoted (`text::quote`: at most 200 characters), or `(missing)`.
    pub recorded: String,
    /// The value now as JSON, or `(missing)`.
    pub now: String,
}

/// A gate or criterion of the recorded decision, by id; the caller words it in its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// The gate with this id.
    Gate(String),
    /// The criterion with this id.
    Criterion(String),
}

/// The outcome of checking a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// `(recorded, now)` when the pack's fingerprint differs.
    pub pack_changed: Option<(PackRef, PackRef)>,
    /// `(recorded, now)` when the application's fingerprint differs.
    pub input_changed: Option<(String, String)>,
    /// Every field that differs, by pointer in key order.
    pub differences: Vec<Difference>,
    /// Whether the decision came from a batch, so rank and grant were taken as recorded.
    pub from_batch: bool,
}

impl Verification {
    /// Whether the decision reproduces exactly.
    pub fn reproduces(&self) -> bool {
        self.pack_changed.is_none() && self.input_changed.is_none() && self.differences.is_empty()
    }
}

/// The funds a recorded decision was made with, to assess its application again under them:
/// its `budget` and `year`. A decision written before they were recorded (both `null`) was made
/// with the pack's own funds; one with a year and no budget (written by hand) with the pack's
/// budget of that year, else the pack's own — the re-assessed `budget` then differs, and says so.
pub fn funds_of(recorded: &Decision, pack: &RulePack) -> Funds {
    let budget = recorded
        .budget
        .or_else(|| recorded.year.and_then(|y| pack.manifest.budget_for_year(y)))
        .unwrap_or(pack.funds().budget);
    Funds {
        budget,
        year: recorded.year,
    }
}

/// Compares `recorded` with `now`, the same application assessed again under `pack`, which
/// should be run with the recorded funds ([`funds_of`]) so that gates see the budget they saw.
pub fn verify(recorded: &Decision, now: &Assessment, pack: &RulePack) -> Verification {
    let mut decision = redo(recorded, now, pack);
    if recorded.budget.is_none() && recorded.year.is_none() {
        // Written before decisions recorded their funds: there is nothing to compare.
        decision.budget = None;
    }
    let from_batch = recorded.batch.is_some();
    if from_batch {
        decision.rank = recorded.rank;
        decision.granted = recorded.granted;
        decision.batch = recorded.batch.clone();
        // Fund or reserve is the budget's word; alone, an application still to be ranked has none.
        if decision.recommendation.is_none()
            && matches!(
                recorded.recommendation,
                Some(Recommendation::Fund | Recommendation::Reserve)
            )
        {
            decision.recommendation = recorded.recommendation;
        }
    }
    let pack_changed =
        (recorded.pack != decision.pack).then(|| (recorded.pack.clone(), decision.pack.clone()));
    let input_changed = (recorded.input_fingerprint != decision.input_fingerprint).then(|| {
        (
            recorded.input_fingerprint.clone(),
            decision.input_fingerprint.clone(),
        )
    });
    let mut differences = Vec::new();
    // Two `null`s would compare equal: a failure here must never read as "nothing differs".
    const PLAIN: &str = "a decision is plain data with string keys, which always serialises";
    let (a, b) = (
        serde_json::to_value(recorded).expect(PLAIN),
        serde_json::to_value(&decision).expect(PLAIN),
    );
    compare("", Some(&a), Some(&b), &mut differences);
    for d in &mut differences {
        d.item = item_of(&d.pointer, recorded);
    }
    Verification {
        pack_changed,
        input_changed,
        differences,
        from_batch,
    }
}

/// The decision made now, with titles in the language the recorded one used (so a decision
/// written with `--lang en` is compared in English).
fn redo(recorded: &Decision, now: &Assessment, pack: &RulePack) -> Decision {
    let mut languages = vec![pack.manifest.language.as_str()];
    languages.extend(LANGUAGES);
    let titles = |d: &Decision| -> Vec<String> {
        d.gates
            .iter()
            .map(|g| g.title.clone())
            .chain(d.criteria.iter().map(|c| c.title.clone()))
            .collect()
    };
    let wanted = titles(recorded);
    languages
        .iter()
        .map(|lang| now.to_decision(pack, lang))
        .find(|d| titles(d) == wanted)
        .unwrap_or_else(|| now.to_decision(pack, &pack.manifest.language))
}

/// Collects the differences between two JSON values under `pointer`.
fn compare(pointer: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Difference>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().collect();
            keys.extend(y.keys().filter(|k| !x.contains_key(*k)));
            for key in keys {
                let child = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                compare(&child, x.get(key), y.get(key), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) if !x.iter().all(Value::is_string) => {
            for i in 0..x.len().max(y.len()) {
                compare(&format!("{pointer}/{i}"), x.get(i), y.get(i), out);
            }
        }
        _ if a == b => {}
        _ => {
            // A recorded decision is a file anyone can edit: its values are quoted, not copied.
            let show = |v: Option<&Value>| {
                v.map_or("(missing)".to_string(), |v| {
                    crate::text::quote(&v.to_string())
                })
            };
            out.push(Difference {
                pointer: pointer.to_string(),
                item: None,
                recorded: show(a),
                now: show(b),
            });
        }
    }
}

/// The criterion or gate a pointer into the recorded decision's criteria or gates is in.
fn item_of(pointer: &str, recorded: &Decision) -> Option<Item> {
    let mut parts = pointer.split('/').skip(1);
    let (list, index) = (parts.next()?, parts.next()?.parse::<usize>().ok()?);
    match list {
        "criteria" => recorded
            .criteria
            .get(index)
            .map(|c| Item::Criterion(c.id.clone())),
        "gates" => recorded.gates.get(index).map(|g| Item::Gate(g.id.clone())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_names_each_differing_field_by_pointer() {
        let a = serde_json::json!({"x": 1, "list": [{"w": 3}, {"w": 1}], "r": ["a", "b"]});
        let b = serde_json::json!({"x": 1, "list": [{"w": 3.5}], "r": ["a", "c"], "new": true});
        let mut out = Vec::new();
        compare("", Some(&a), Some(&b), &mut out);
        let found: Vec<(String, String, String)> = out
            .into_iter()
            .map(|d| (d.pointer, d.recorded, d.now))
            .collect();
        assert_eq!(
            found,
            vec![
                ("/list/0/w".into(), "3".into(), "3.5".into()),
                ("/list/1".into(), "{\"w\":1}".into(), "(missing)".into()),
                ("/r".into(), "[\"a\",\"b\"]".into(), "[\"a\",\"c\"]".into()),
                ("/new".into(), "(missing)".into(), "true".into()),
            ]
        );
    }

    #[test]
    fn a_huge_recorded_value_is_quoted_not_copied() {
        let a = serde_json::json!({"title": "x".repeat(1_000_000)});
        let b = serde_json::json!({"title": "t\u{1b}"});
        let mut out = Vec::new();
        compare("", Some(&a), Some(&b), &mut out);
        assert_eq!(out[0].recorded, format!("\"{}…", "x".repeat(199)));
        assert_eq!(out[0].now, "\"t\\u001b\"");
    }
}
