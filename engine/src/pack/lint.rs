//! Warnings about a pack: what loads and runs but is likely a mistake.
//!
//! Errors stop a pack from loading; warnings do not, because each of these can be meant. They
//! are shown by `kriterium check` so the person tuning criteria sees them before the network
//! group adopts the change.

use std::collections::{BTreeMap, BTreeSet};

use super::PackFiles;
use crate::decimal::Decimal;
use crate::manifest::{CriterionSpec, Manifest};
use crate::problem::Problem;
use crate::script::paths::Reads;

/// Every warning about a pack whose manifest parsed. `at` places a message at a JSON pointer in
/// `pack.toml`; `reads` says what each script (by path) reads and calls.
pub(super) fn warnings(
    manifest: &Manifest,
    files: &PackFiles,
    at: &dyn Fn(&str, String) -> Problem,
    reads: &BTreeMap<String, Reads>,
) -> Vec<Problem> {
    let mut warnings = Vec::new();
    unused_scripts(manifest, files, &mut warnings);
    unread_parameters(manifest, files, at, reads, &mut warnings);
    priorities(manifest, at, &mut warnings);
    scripts_that_decide_nothing(manifest, files, reads, &mut warnings);
    warnings.sort();
    warnings.dedup();
    warnings
}

fn unused_scripts(manifest: &Manifest, files: &PackFiles, warnings: &mut Vec<Problem>) {
    let used: BTreeSet<&str> = manifest
        .gates
        .iter()
        .map(|g| g.script.as_str())
        .chain(manifest.criteria.iter().map(|c| c.script.as_str()))
        .collect();
    for path in files.paths().filter(|p| p.ends_with(".rhai")) {
        if !used.contains(path) {
            warnings.push(Problem::at(
                files.display(path),
                1,
                1,
                "no gate or criterion uses this script: name it in pack.toml, or delete it",
            ));
        }
    }
}

fn unread_parameters(
    manifest: &Manifest,
    files: &PackFiles,
    at: &dyn Fn(&str, String) -> Problem,
    reads: &BTreeMap<String, Reads>,
    warnings: &mut Vec<Problem>,
) {
    // A script that hands `pack.parameters` on whole may read any of them, and so may one that
    // does not parse (its syntax error is reported; it has no reads).
    let unparsed = manifest
        .gates
        .iter()
        .map(|g| &g.script)
        .chain(manifest.criteria.iter().map(|c| &c.script))
        .any(|path| files.get(path).is_some() && !reads.contains_key(path));
    if unparsed || reads.values().any(|r| r.parameters_whole) {
        return;
    }
    let read: BTreeSet<&str> = reads
        .values()
        .flat_map(|r| r.parameters.iter().map(String::as_str))
        .collect();
    for name in manifest.parameters.keys() {
        if !read.contains(name.as_str()) {
            let pointer = format!(
                "/parameters/{}",
                crate::problem::pointer_segment(name.as_str())
            );
            warnings.push(at(
                &pointer,
                "no script reads this parameter (as `pack.parameters.NAME`)".to_string(),
            ));
        }
    }
}

/// Criteria are listed in priority order, the first the most important. A criterion that can
/// give more weighted points than one above it turns that order around, and a minimum equal to
/// the maximum lets only full points through.
fn priorities(
    manifest: &Manifest,
    at: &dyn Fn(&str, String) -> Problem,
    warnings: &mut Vec<Problem>,
) {
    // A weight whose product overflows is an error of its own; no order is judged with it.
    let most: Option<Vec<Decimal>> = manifest
        .criteria
        .iter()
        .map(CriterionSpec::max_weighted)
        .collect();
    for (j, criterion) in manifest.criteria.iter().enumerate() {
        if let Some(most) = &most
            && let Some(i) = (0..j).rev().find(|&i| most[i] < most[j])
        {
            warnings.push(at(
                &format!("/criteria/{j}/weight"),
                format!(
                    "`{}` can give {} weighted points (weight {} × max_points {}), more than the \
                     higher-priority `{}` ({}); criteria are listed in priority order, the most \
                     important first",
                    criterion.id,
                    most[j],
                    criterion.weight,
                    criterion.max_points,
                    manifest.criteria[i].id,
                    most[i],
                ),
            ));
        }
        if criterion.min_points == Some(Decimal::from(criterion.max_points)) {
            warnings.push(at(
                &format!("/criteria/{j}/min_points"),
                format!(
                    "equals max_points ({}): only an application with full points on `{}` can \
                     be recommended",
                    criterion.max_points, criterion.id
                ),
            ));
        }
    }
}

fn scripts_that_decide_nothing(
    manifest: &Manifest,
    files: &PackFiles,
    reads: &BTreeMap<String, Reads>,
    warnings: &mut Vec<Problem>,
) {
    let calls = |path: &str, names: &[&str]| {
        reads
            .get(path)
            .is_none_or(|r| names.iter().any(|n| r.calls.contains(*n)))
    };
    for gate in &manifest.gates {
        if !calls(&gate.script, &["pass", "fail"]) {
            warnings.push(Problem::at(
                files.display(&gate.script),
                1,
                1,
                format!(
                    "the gate `{}` never calls `pass` or `fail`, so it cannot decide",
                    gate.id
                ),
            ));
        }
    }
    for criterion in &manifest.criteria {
        if !calls(&criterion.script, &["award"]) {
            warnings.push(Problem::at(
                files.display(&criterion.script),
                1,
                1,
                format!(
                    "the criterion `{}` never calls `award`, so every application gets 0 points",
                    criterion.id
                ),
            ));
        }
    }
}
