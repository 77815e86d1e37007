//! `kriterium register verify`: checks the whole register from the register alone.
//!
//! For every round: the pack snapshot still has its fingerprint; every stored application has
//! its fingerprint and, assessed again under the snapshot with the round's budget and year
//! through the batch pipeline, gives its stored assessment byte for byte (assessments made by
//! another `engine_version` are counted and only their fingerprints compared); the ledger shows
//! no record changed, added or removed and a closed round's seal holds; grants stay within what
//! was requested, a closed round still adds up to what it granted when closed, and each year's
//! decisions stay within its budget. Exit 0 when everything holds, 1 when anything does not, each
//! difference named.

use kriterium_engine::review::ReviewBook;
use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use kriterium_engine::ENGINE_VERSION;
use kriterium_engine::batch::Outcome;
use kriterium_engine::fingerprint;
use kriterium_engine::input::Input;
use kriterium_register::ledger::{Finding, Kind};
use kriterium_register::{Access, AssessmentVersion, Basis, Register, Round};
use serde_json::Value;

use super::words::{Words, count, say};
use super::{amount, book, explain, open_register, round_pack};
use crate::Status;
use crate::messages;

/// Most findings listed for one round; the rest are counted (one broken entry early in a large
/// round should not print a hundred thousand lines).
const MAX_SHOWN: usize = 50;

/// Checks every round and the money of every year.
pub fn run(path: &Path) -> Result<Status> {
    let mut register = open_register(path, Access::Read)?;
    let rounds = register.rounds().map_err(explain)?;
    if let Some(first) = rounds.first() {
        messages::follow_pack(&first.language);
    }
    let mut findings_in_all = 0usize;
    let (mut applications, mut decisions) = (0usize, 0usize);
    let ledger = register.check_ledger().map_err(explain)?;
    let mut by_round: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (round, finding) in &ledger.findings {
        by_round
            .entry(round.clone())
            .or_default()
            .push(ledger_finding(&messages::quoted(round), finding));
    }
    for round in &rounds {
        let mut checked = check_round(&mut register, round)?;
        let mut mine = by_round.remove(&round.id).unwrap_or_default();
        mine.append(&mut checked.findings);
        checked.findings = mine;
        applications += checked.applications;
        decisions += checked.decisions;
        findings_in_all += checked.findings.len();
        let mut summary = if checked.findings.is_empty() {
            say(Words::VerifyHolds, &[])
        } else {
            count(
                checked.findings.len(),
                Words::FindingOne,
                Words::FindingMany,
            )
        };
        if let Some((n, version)) = &checked.other_version {
            summary.push_str("; ");
            summary.push_str(&say(
                Words::VerifyOtherVersion,
                &[
                    (
                        "count",
                        &count(*n, Words::ApplicationOne, Words::ApplicationMany),
                    ),
                    ("version", version),
                    ("ours", ENGINE_VERSION),
                ],
            ));
        }
        outln!(
            "{}",
            say(
                Words::VerifyRound,
                &[
                    ("id", &messages::quoted(&round.id)),
                    (
                        "count",
                        &count(
                            checked.applications,
                            Words::ApplicationOne,
                            Words::ApplicationMany
                        )
                    ),
                    ("checked", &summary),
                ]
            )
        );
        for finding in checked.findings.iter().take(MAX_SHOWN) {
            outln!("  {finding}");
        }
        if checked.findings.len() > MAX_SHOWN {
            outln!(
                "  {}",
                say(
                    Words::MoreFindings,
                    &[("count", &(checked.findings.len() - MAX_SHOWN).to_string())]
                )
            );
        }
    }
    // The ledger's entries of rounds that are no longer there.
    for finding in by_round.into_values().flatten() {
        findings_in_all += 1;
        outln!("  {finding}");
    }
    for finding in year_findings(&register)? {
        findings_in_all += 1;
        outln!("  {finding}");
    }
    if let Some((seq, chain)) = &ledger.head {
        outln!(
            "{}",
            say(
                Words::LedgerHead,
                &[("seq", &seq.to_string()), ("chain", chain)]
            )
        );
    }
    if findings_in_all == 0 {
        outln!(
            "{}",
            say(
                Words::VerifyPassed,
                &[
                    (
                        "rounds",
                        &count(rounds.len(), Words::RoundOne, Words::RoundMany)
                    ),
                    (
                        "applications",
                        &count(applications, Words::ApplicationOne, Words::ApplicationMany)
                    ),
                    (
                        "decisions",
                        &count(decisions, Words::DecisionOne, Words::DecisionMany)
                    ),
                ]
            )
        );
        Ok(Status::Ok)
    } else {
        outln!(
            "{}",
            say(
                Words::VerifyFailed,
                &[(
                    "count",
                    &count(findings_in_all, Words::FindingOne, Words::FindingMany)
                )]
            )
        );
        Ok(Status::Rejected)
    }
}

/// What the check of one round found.
struct Checked {
    applications: usize,
    decisions: usize,
    findings: Vec<String>,
    /// How many assessments another engine version made, and which version (the first seen).
    other_version: Option<(usize, String)>,
}

fn check_round(register: &mut Register, round: &Round) -> Result<Checked> {
    let quoted_round = messages::quoted(&round.id);
    let mut findings: Vec<String> = Vec::new();
    let pack = match round_pack(register, round)? {
        Ok(pack) => Some(pack),
        Err(snapshot) => {
            findings.push(snapshot.finding(round));
            None
        }
    };
    // The stored applications: fingerprints now, and the texts to assess again.
    let mut stored: BTreeMap<String, (String, u64)> = BTreeMap::new();
    let mut inputs = Vec::new();
    let mut other_version: Option<(usize, String)> = None;
    let mut applications = 0;
    register
        .for_each_application(&round.id, &mut |a| {
            applications += 1;
            let id = messages::quoted(&a.application_id);
            if fingerprint::sha256(a.application.as_bytes()) != a.input_fingerprint {
                findings.push(say(
                    Words::FingerprintDiffers,
                    &[("round", &quoted_round), ("id", &id)],
                ));
            }
            if a.engine_version != ENGINE_VERSION {
                let other = other_version.get_or_insert((0, a.engine_version.clone()));
                other.0 += 1;
                return Ok(());
            }
            inputs.push(Input {
                source: format!("{}/{}", round.id, a.application_id),
                line: None,
                text: a.application,
            });
            stored.insert(a.application_id, (a.assessment, a.requested));
            Ok(())
        })
        .map_err(explain)?;
    if let Some(pack) = &pack {
        let outcomes = book::assess(pack, &ReviewBook::empty(), inputs, &round.language)?;
        let lang = messages::lang();
        for outcome in outcomes {
            match outcome {
                Outcome::Assessed(a) => {
                    let id = &a.decision.application_id;
                    let Some((assessment, _)) = stored.get(id) else {
                        continue;
                    };
                    let again = serde_json::to_string(&a.decision)?;
                    if again != *assessment {
                        findings.push(say(
                            Words::AssessmentDiffers,
                            &[
                                ("round", &quoted_round),
                                ("id", &messages::quoted(id)),
                                ("where", &difference(assessment, &again)),
                            ],
                        ));
                    }
                }
                Outcome::Rejected(r) => {
                    let problems: Vec<String> = r
                        .problems
                        .iter()
                        .map(|p| p.display_in(lang).to_string())
                        .collect();
                    let id = r
                        .source
                        .strip_prefix(&format!("{}/", round.id))
                        .unwrap_or(&r.source);
                    findings.push(say(
                        Words::NotReassessed,
                        &[
                            ("round", &quoted_round),
                            ("id", &messages::quoted(id)),
                            ("problem", &problems.join("; ")),
                        ],
                    ));
                }
            }
        }
        findings.extend(check_versions(register, round, pack)?);
    }
    // Grants within what was requested, and a closed round's sum as it was at closing.
    let current = register.current_decisions(&round.id).map_err(explain)?;
    let mut granted = 0u64;
    for decision in current.values() {
        // The assessment a decision names must be one the register holds for the application.
        match register.decided_assessment(decision) {
            Ok(_) => {}
            Err(kriterium_register::Error::Fault(kriterium_register::Fault::Storage {
                ..
            })) => findings.push(say(
                Words::DecidedAssessmentMissing,
                &[
                    ("round", &quoted_round),
                    ("id", &messages::quoted(&decision.application)),
                    ("number", &decision.id.to_string()),
                ],
            )),
            Err(e) => return Err(explain(e)),
        }
        let amount_granted = decision.outcome.amount();
        granted = granted.saturating_add(amount_granted);
        let requested = register
            .application(&round.id, &decision.application)
            .map(|a| a.requested)
            .ok();
        if let Some(requested) = requested
            && amount_granted > requested
        {
            findings.push(say(
                Words::GrantAboveRequest,
                &[
                    ("round", &quoted_round),
                    ("id", &messages::quoted(&decision.application)),
                    ("granted", &amount(amount_granted, &round.currency)),
                    ("requested", &amount(requested, &round.currency)),
                ],
            ));
        }
    }
    if let Some(closing) = &round.closing
        && closing.granted != granted
    {
        findings.push(say(
            Words::CloseSumDiffers,
            &[
                ("round", &quoted_round),
                ("then", &amount(closing.granted, &round.currency)),
                ("now", &amount(granted, &round.currency)),
            ],
        ));
    }
    let decisions = register.decisions(&round.id).map_err(explain)?.len();
    Ok(Checked {
        applications,
        decisions,
        findings,
        other_version,
    })
}

/// The later versions of round `round`'s assessments, each assessed again from its basis (the
/// panel and the review entries it names) and compared byte for byte (those another engine
/// version made are counted with the first versions). Versions are grouped by basis, so each
/// book is built once and its applications assessed together.
fn check_versions(
    register: &Register,
    round: &Round,
    pack: &kriterium_engine::pack::RulePack,
) -> Result<Vec<String>> {
    let quoted_round = messages::quoted(&round.id);
    let mut findings = Vec::new();
    let mut by_basis: BTreeMap<Basis, Vec<AssessmentVersion>> = BTreeMap::new();
    for version in register.assessment_versions(&round.id).map_err(explain)? {
        if version.engine_version != ENGINE_VERSION {
            continue;
        }
        by_basis
            .entry(version.basis.clone())
            .or_default()
            .push(version);
    }
    if by_basis.is_empty() {
        return Ok(findings);
    }
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    register
        .for_each_application(&round.id, &mut |a| {
            texts.insert(a.application_id, a.application);
            Ok(())
        })
        .map_err(explain)?;
    for (basis, versions) in by_basis {
        let book = match book::of_basis(register, &pack.manifest, &basis) {
            Ok(book) => book,
            Err(e) => {
                findings.push(format!("{quoted_round}: {e}"));
                continue;
            }
        };
        let inputs = versions
            .iter()
            .filter_map(|v| {
                let text = texts.get(&v.application_id)?;
                Some(book::input(&round.id, &v.application_id, text.clone()))
            })
            .collect();
        let mut again: BTreeMap<String, String> = BTreeMap::new();
        for outcome in book::assess(pack, &book, inputs, &round.language)? {
            if let Outcome::Assessed(a) = outcome {
                again.insert(
                    a.decision.application_id.clone(),
                    serde_json::to_string(&a.decision)?,
                );
            }
        }
        for version in versions {
            let Some(again) = again.get(&version.application_id) else {
                // Not assessed again: the first version's check names why.
                continue;
            };
            if *again != version.assessment {
                findings.push(say(
                    Words::VersionDiffers,
                    &[
                        ("round", &quoted_round),
                        ("id", &messages::quoted(&version.application_id)),
                        ("version", &version.id.to_string()),
                        ("where", &difference(&version.assessment, again)),
                    ],
                ));
            }
        }
    }
    Ok(findings)
}

/// Each year whose decisions grant more than its budget.
fn year_findings(register: &Register) -> Result<Vec<String>> {
    let rounds = register.rounds().map_err(explain)?;
    let currency = |programme: &str, year: i64| {
        rounds
            .iter()
            .find(|r| r.year == year && r.pack_id == programme)
            .map(|r| r.currency.clone())
            .unwrap_or_default()
    };
    Ok(register
        .money()
        .map_err(explain)?
        .into_iter()
        .filter(|y| y.granted > y.budget)
        .map(|y| {
            let currency = currency(&y.programme, y.year);
            say(
                Words::YearOverspent,
                &[
                    ("year", &y.year.to_string()),
                    ("granted", &amount(y.granted, &currency)),
                    ("budget", &amount(y.budget, &currency)),
                ],
            )
        })
        .collect())
}

fn ledger_finding(round: &str, finding: &Finding) -> String {
    let lang = messages::lang();
    let kind = |kind: &Kind| {
        match kind {
            Kind::Round => Words::KindRound,
            Kind::PackFile => Words::KindPackFile,
            Kind::Application => Words::KindApplication,
            Kind::Decision => Words::KindDecision,
            Kind::Close => Words::KindClose,
            Kind::Panel => Words::KindPanel,
            Kind::Reviews => Words::KindReviews,
            Kind::Assessment => Words::KindAssessment,
        }
        .text(lang)
    };
    match finding {
        Finding::Changed { kind: k, item } => say(
            Words::RecordChanged,
            &[
                ("round", round),
                ("kind", kind(k)),
                ("item", &messages::quoted(item)),
            ],
        ),
        Finding::NotOnLedger { kind: k, item } => say(
            Words::RecordNotOnLedger,
            &[
                ("round", round),
                ("kind", kind(k)),
                ("item", &messages::quoted(item)),
            ],
        ),
        Finding::Missing { kind: k, item } => say(
            Words::RecordMissing,
            &[
                ("round", round),
                ("kind", kind(k)),
                ("item", &messages::quoted(item)),
            ],
        ),
        Finding::Broken { seq } => say(
            Words::LedgerBroken,
            &[("round", round), ("seq", &seq.to_string())],
        ),
        Finding::Unsealed => say(Words::Unsealed, &[("round", round)]),
    }
}

/// Where two decision JSON texts first differ: the JSON pointer of the first differing value
/// (`/gates/3/reason`), or `/` when only the text differs.
fn difference(stored: &str, again: &str) -> String {
    match (
        serde_json::from_str::<Value>(stored),
        serde_json::from_str::<Value>(again),
    ) {
        (Ok(a), Ok(b)) => first_difference(&a, &b, String::new()).unwrap_or_else(|| "/".into()),
        _ => "/".into(),
    }
}

fn first_difference(a: &Value, b: &Value, at: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => first_difference(p, q, format!("{at}/{k}")),
                _ => Some(format!("{at}/{k}")),
            })
        }
        (Value::Array(x), Value::Array(y)) => {
            let found = x
                .iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (p, q))| first_difference(p, q, format!("{at}/{i}")));
            found.or_else(|| (x.len() != y.len()).then(|| format!("{at}/{}", x.len().min(y.len()))))
        }
        _ if a == b => None,
        _ => Some(if at.is_empty() { "/".into() } else { at }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_difference_is_named_by_its_pointer() {
        let stored = r#"{"a":1,"gates":[{"reason":"x"},{"reason":"y"}]}"#;
        assert_eq!(
            difference(stored, r#"{"a":1,"gates":[{"reason":"x"},{"reason":"z"}]}"#),
            "/gates/1/reason"
        );
        assert_eq!(difference(stored, r#"{"a":2,"gates":[]}"#), "/a");
        assert_eq!(
            difference(stored, r#"{"a":1,"gates":[{"reason":"x"}]}"#),
            "/gates/1"
        );
        assert_eq!(difference(stored, stored), "/");
    }
}
