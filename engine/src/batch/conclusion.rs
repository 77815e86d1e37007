//! The end of a batch: the rule that an id names one input, applied to everything read; the
//! ranking and funding line; the counts of `summary.json`. What the caller writes follows from
//! this value alone.

use crate::ids;
use crate::pack::RulePack;
use crate::package::{Goals, PackageError};
use crate::portfolio;
use crate::problem::Problem;
use crate::ranking::{self, Entry, Ranking};
use crate::summary::Summary;

use super::Rejected;

/// Where an assessed application came from, in the order the caller holds them.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    /// Position in reading order (0 first).
    pub seq: u64,
    /// The file it was read from.
    pub source: &'a str,
    /// Its line in a JSON Lines input.
    pub line: Option<usize>,
}

/// A batch, concluded.
#[derive(Debug)]
pub struct Conclusion {
    /// The assessed applications that stay in the batch, as indices into the caller's list;
    /// `ranking`'s entry `k` is the caller's application `kept[k]`.
    pub kept: Vec<usize>,
    /// What ranking needed of the kept applications, in `kept`'s order.
    pub entries: Vec<Entry>,
    /// The ranking of the kept applications and the funding line.
    pub ranking: Ranking,
    /// Every input not assessed, in reading order, each with all its problems (those sharing an
    /// id with another input included).
    pub rejected: Vec<Rejected>,
    /// The counts, budget and rejected inputs of `summary.json`.
    pub summary: Summary,
}

/// Concludes a batch of `entries` (assessed; `origin(i)` tells where entry `i` was read) and
/// `rejected` inputs against `budget`: every input that claims an id another input also claims
/// is rejected (assessed ones leave the ranking; rejected ones get the problem added), each
/// naming all the places the id is used ([`ids::shared`]); the rest are ranked. The summary
/// gives the problems in `lang`, the language of the results. The line is drawn under the
/// pack's funding rule, and the summary has the portfolio (goals, the best package) when the
/// pack has goals; a batch has no earlier rounds, so only its own proposal counts.
///
/// Errors: when the solver of the best package breaks down ([`PackageError`]).
pub fn conclude<'a>(
    pack: &RulePack,
    entries: Vec<Entry>,
    origin: &dyn Fn(usize) -> Origin<'a>,
    mut rejected: Vec<Rejected>,
    budget: u64,
    lang: &str,
) -> Result<Conclusion, PackageError> {
    let count = entries.len();
    // Every claim in reading order: assessed inputs by their index, rejected ones after them.
    let mut order: Vec<(u64, usize)> = (0..count)
        .map(|i| origin(i).seq)
        .chain(rejected.iter().map(|r| r.seq))
        .enumerate()
        .map(|(i, seq)| (seq, i))
        .collect();
    order.sort();
    // Each claim is looked up when the rule asks for it: a list of a million claims would be
    // held only for this.
    let claim = |k: usize| {
        let i = order[k].1;
        match i.checked_sub(count) {
            None => {
                let Origin { source, line, .. } = origin(i);
                Some(ids::Claim {
                    source,
                    line,
                    id: entries[i].application_id.as_str(),
                })
            }
            Some(r) => Some(ids::Claim {
                source: rejected[r].source.as_str(),
                line: rejected[r].line,
                id: rejected[r].claimed_id.as_deref()?,
            }),
        }
    };
    let shared: Vec<(usize, Problem)> = ids::shared_among(order.len(), claim)
        .into_iter()
        .map(|(k, problem)| (order[k].1, problem))
        .collect();
    let mut duplicate = vec![false; count];
    let mut newly_rejected = Vec::new();
    for (i, problem) in shared {
        match i.checked_sub(count) {
            Some(r) => rejected[r].problems.push(problem),
            None => {
                duplicate[i] = true;
                let id = entries[i].application_id.clone();
                newly_rejected.push(Rejected {
                    seq: origin(i).seq,
                    source: problem.source.clone(),
                    line: problem.line,
                    application_id: Some(id.clone()),
                    claimed_id: Some(id),
                    problems: vec![problem],
                });
            }
        }
    }
    // Usually no id is shared: then the entries stay where they are (a million of them are
    // ~100 MB; a copy would raise the batch's peak memory by as much).
    let (kept, entries): (Vec<usize>, Vec<Entry>) = if newly_rejected.is_empty() {
        ((0..count).collect(), entries)
    } else {
        entries
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !duplicate[*i])
            .unzip()
    };
    rejected.extend(newly_rejected);
    rejected.sort_by_key(|r| r.seq);
    let criteria = pack.manifest.criterion_ids();
    let manifest = &pack.manifest;
    let goals = Goals {
        specs: manifest.goal_specs(),
        earlier: &[],
    };
    let ranking =
        ranking::rank_under(&entries, &criteria, budget, manifest.funding_rule(), &goals)?;
    let mut summary = Summary::of(pack, &ranking, budget, &rejected, lang);
    summary.portfolio = portfolio::report(
        &entries,
        &ranking,
        manifest.portfolio.as_ref(),
        &[],
        lang,
        &manifest.language,
    )?;
    Ok(Conclusion {
        kept,
        entries,
        ranking,
        rejected,
        summary,
    })
}
