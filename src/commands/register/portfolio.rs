//! The programme period's grants from the register, for a round's portfolio goals: the
//! applications earlier rounds of the period granted money to, with the attributes the round's
//! own pack gives them (its goals are the ones counted, so its scripts say what counts).

use anyhow::Result;
use kriterium_engine::batch::Outcome;
use kriterium_engine::pack::RulePack;
use kriterium_engine::portfolio::{Attributes, Funded};
use kriterium_engine::review::ReviewBook;
use kriterium_register::{Register, Round};

use super::{book, explain};

/// The grants of the rounds before `round` (by year, then by when they were opened) of the
/// same programme whose year lies in the pack's portfolio period, each with its application's
/// attributes under `pack` (`round`'s). Empty when the pack has no goals or no period. An
/// earlier application `pack` cannot assess (its form changed since) keeps the attributes its
/// own assessment recorded, if any.
pub fn earlier_grants(
    register: &Register,
    round: &Round,
    pack: &RulePack,
) -> Result<Vec<(Funded, Attributes)>> {
    let Some(portfolio) = &pack.manifest.portfolio else {
        return Ok(Vec::new());
    };
    let (Some([first, last]), false) = (portfolio.period, portfolio.goals.is_empty()) else {
        return Ok(Vec::new());
    };
    let mut earlier = Vec::new();
    let rounds = register.rounds().map_err(explain)?;
    for other in &rounds {
        let before =
            (other.year, &other.opened_at, &other.id) < (round.year, &round.opened_at, &round.id);
        let in_period = (i64::from(first)..=i64::from(last)).contains(&other.year);
        if other.id == round.id || other.pack_id != round.pack_id || !before || !in_period {
            continue;
        }
        let decisions = register.current_decisions(&other.id).map_err(explain)?;
        let mut inputs = Vec::new();
        let mut grants = Vec::new();
        for (id, record) in &decisions {
            let granted = record.outcome.amount();
            if granted == 0 {
                continue;
            }
            let stored = register.application(&other.id, id).map_err(explain)?;
            inputs.push(book::input(&other.id, id, stored.application));
            let recorded =
                serde_json::from_str::<kriterium_engine::decision::Decision>(&stored.assessment)
                    .map(|d| d.attributes)
                    .unwrap_or_default();
            grants.push((
                Funded {
                    application_id: id.clone(),
                    round: Some(other.id.clone()),
                    granted,
                },
                recorded,
            ));
        }
        if inputs.is_empty() {
            continue;
        }
        let outcomes = book::assess(pack, &ReviewBook::empty(), inputs, &round.language)?;
        // Outcomes come in reading order: the order of `grants`.
        for (outcome, grant) in outcomes.into_iter().zip(grants.iter_mut()) {
            if let Outcome::Assessed(assessed) = outcome {
                grant.1 = assessed.decision.attributes.clone();
            }
        }
        earlier.extend(grants);
    }
    Ok(earlier)
}
