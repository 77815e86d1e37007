//! Where a round stands: its applications ranked against the round's budget from their stored
//! assessments (the engine's one ranking rule, as `batch` ranks), and the group's current
//! decision beside each recommendation. `round show`, `decide` and `round export` read it.

use std::collections::BTreeMap;

use anyhow::{Result, anyhow};
use kriterium_engine::decimal::Decimal;
use kriterium_engine::decision::{Decision, Recommendation};
use kriterium_engine::package::Goals;
use kriterium_engine::portfolio::{self, FundingRule, PortfolioReport};

use crate::messages::package_failed;
use kriterium_engine::ranking::{self, Entry, Ranking};
use kriterium_register::{DecisionRecord, Register, Round};

use super::explain;

/// One application of the round, in ranking order.
#[derive(Debug, Clone)]
pub struct Row {
    pub rank: Option<u64>,
    pub application_id: String,
    pub title: String,
    pub total: Decimal,
    /// kr.
    pub requested: u64,
    pub recommendation: Recommendation,
    /// kr. the recommendation grants (0 unless `fund`).
    pub recommended: u64,
    /// The group's current decision, if there is one.
    pub decision: Option<DecisionRecord>,
    /// The digest (`sha256:…`) of the current assessment this row was ranked from: what a
    /// decision recorded now stands on.
    pub assessment_digest: String,
}

/// A round's ranking and decisions.
pub struct Standing {
    pub round: Round,
    /// Every application, ranked ones first in rank order, then the rest.
    pub rows: Vec<Row>,
    /// kr. the recommendation grants in all.
    pub used: u64,
    /// The index in `rows` of the last application the recommendation funds.
    pub last_funded: Option<usize>,
    /// Every decision of the round, oldest first (the history).
    pub history: Vec<DecisionRecord>,
    /// The round's pack (its snapshot in the register), run with the round's budget.
    pub pack: kriterium_engine::pack::RulePack,
    /// What ranking needed of each application, and the ranking: what
    /// [`Standing::portfolio`] reports on.
    entries: Vec<Entry>,
    ranking: Ranking,
}

impl Standing {
    /// The ids of the applications awaiting review, in the standing's order: while there are
    /// any, the funding line is provisional.
    pub fn awaiting(&self) -> Vec<&str> {
        self.rows
            .iter()
            .filter(|r| r.recommendation == Recommendation::AwaitingReview)
            .map(|r| r.application_id.as_str())
            .collect()
    }

    /// Ranks round `id`'s current assessments against its budget.
    pub fn of(register: &Register, id: &str) -> Result<Standing> {
        Standing::ranked(register, id, false)
    }

    /// Ranks round `id` as the group decided it: each decided application by the assessment
    /// its current decision was made on ([`Register::decided_assessment`]), the others by their
    /// current assessment. Letters rank so: reviews entered after a decision do not change
    /// what the letter says the decision rests on.
    pub fn as_decided(register: &Register, id: &str) -> Result<Standing> {
        Standing::ranked(register, id, true)
    }

    fn ranked(register: &Register, id: &str, as_decided: bool) -> Result<Standing> {
        let round = register.round(id).map_err(explain)?;
        let history = register.decisions(id).map_err(explain)?;
        let mut current: BTreeMap<&str, &DecisionRecord> = BTreeMap::new();
        for record in &history {
            current.insert(&record.application, record);
        }
        let mut entries = Vec::new();
        let mut titles = Vec::new();
        let mut criteria: Option<Vec<String>> = None;
        let mut unreadable = None;
        let mut digests = Vec::new();
        register
            .for_each_current(id, &mut |mut stored| {
                if as_decided && let Some(record) = current.get(stored.application_id.as_str()) {
                    stored.assessment = register.decided_assessment(record)?;
                }
                match serde_json::from_str::<Decision>(&stored.assessment) {
                    Ok(decision) => {
                        criteria.get_or_insert_with(|| {
                            decision.criteria.iter().map(|c| c.id.clone()).collect()
                        });
                        entries.push(Entry {
                            application_id: decision.application_id.clone(),
                            requested: stored.requested,
                            total: decision.total,
                            points: decision.criteria.iter().map(|c| c.points).collect(),
                            excluded: decision.recommendation,
                            attributes: decision.attributes.clone(),
                        });
                        titles.push(decision.title);
                        digests.push(kriterium_register::ledger::text_digest(&stored.assessment));
                    }
                    Err(e) => {
                        unreadable.get_or_insert((stored.application_id, e.to_string()));
                    }
                }
                Ok(())
            })
            .map_err(explain)?;
        if let Some((app, problem)) = unreadable {
            return Err(anyhow!(super::say(
                super::Words::AssessmentUnreadable,
                &[
                    ("round", &crate::messages::quoted(id)),
                    ("id", &crate::messages::quoted(&app)),
                    ("problem", &problem)
                ]
            )));
        }
        // The round's own pack says how its line is drawn. Only under `optimal` does the line
        // depend on the goals, and so on the earlier rounds' grants: `decide` and the others
        // reassess no earlier round otherwise.
        let pack = super::usable_pack(register, &round)?;
        let rule = pack.manifest.funding_rule();
        let earlier = if rule == FundingRule::Optimal {
            super::portfolio::earlier_grants(register, &round, &pack)?
        } else {
            Vec::new()
        };
        let goals = Goals {
            specs: pack.manifest.goal_specs(),
            earlier: &earlier,
        };
        let ranking = ranking::rank_under(
            &entries,
            &criteria.unwrap_or_default(),
            round.budget,
            rule,
            &goals,
        )
        .map_err(package_failed)?;
        let rows = rows(&ranking, &entries, &titles, &digests, &current);
        let last_funded = ranking
            .last_funded()
            .and_then(|i| ranking.order.iter().position(|&k| k == i));
        Ok(Standing {
            round,
            used: ranking.used,
            rows,
            last_funded,
            history,
            pack,
            entries,
            ranking,
        })
    }

    /// The round's funding rule and portfolio goals, the grants of earlier rounds of the
    /// pack's period counting, with the best package (`round show`); `None` for a pack
    /// without goals whose rule is not `optimal`.
    pub fn portfolio(&self, register: &Register) -> Result<Option<PortfolioReport>> {
        let earlier = super::portfolio::earlier_grants(register, &self.round, &self.pack)?;
        let manifest = &self.pack.manifest;
        portfolio::report(
            &self.entries,
            &self.ranking,
            manifest.portfolio.as_ref(),
            &earlier,
            &self.round.language,
            &manifest.language,
        )
        .map_err(package_failed)
    }

    /// Whether application `row`'s current decision was made on another assessment than its
    /// current one (reviews or a panel changed it since): the decision stands on the one it
    /// was made on, and `decide` again decides on the new one. A decision recorded before the
    /// register recorded its assessment says nothing either way (`false`).
    pub fn decided_on_other(row: &Row) -> bool {
        row.decision
            .as_ref()
            .and_then(|d| d.assessment_digest.as_deref())
            .is_some_and(|digest| digest != row.assessment_digest)
    }

    /// What ranking needed of each application (points in the order of the pack's criteria),
    /// in the register's order (not the ranking's): what tuning reweighs.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The row of application `id`.
    pub fn row(&self, id: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.application_id == id)
    }
}

fn rows(
    ranking: &Ranking,
    entries: &[Entry],
    titles: &[String],
    digests: &[String],
    current: &BTreeMap<&str, &DecisionRecord>,
) -> Vec<Row> {
    ranking
        .order
        .iter()
        .map(|&i| {
            let (entry, placement) = (&entries[i], &ranking.placements[i]);
            Row {
                rank: placement.rank,
                application_id: entry.application_id.clone(),
                title: titles[i].clone(),
                total: entry.total,
                requested: entry.requested,
                recommendation: placement.recommendation,
                recommended: placement.granted,
                decision: current
                    .get(entry.application_id.as_str())
                    .map(|d| (*d).clone()),
                assessment_digest: digests[i].clone(),
            }
        })
        .collect()
}

/// The ranks `assessments` (application id, decision JSON, engine version) of round `round`'s
/// applications would have against its budget, by application id (`None`: not ranked): the
/// ranking with the scores as reviewers gave them, beside the calibrated one.
pub fn ranks_of(
    register: &Register,
    round: &Round,
    assessments: &[(String, String, String)],
) -> Result<BTreeMap<String, Option<u64>>> {
    let mut requested = BTreeMap::new();
    register
        .for_each_application(&round.id, &mut |a| {
            requested.insert(a.application_id, a.requested);
            Ok(())
        })
        .map_err(explain)?;
    let mut entries = Vec::new();
    let mut criteria = Vec::new();
    for (id, text, _) in assessments {
        let decision: Decision = serde_json::from_str(text)?;
        if criteria.is_empty() {
            criteria = decision.criteria.iter().map(|c| c.id.clone()).collect();
        }
        entries.push(Entry {
            application_id: id.clone(),
            // The assessments are of this round's applications.
            requested: *requested
                .get(id)
                .ok_or_else(|| anyhow!("internal error: {id} is not in round {}", round.id))?,
            total: decision.total,
            points: decision.criteria.iter().map(|c| c.points).collect(),
            excluded: decision.recommendation,
            attributes: Default::default(),
        });
    }
    let ranking = ranking::rank(&entries, &criteria, round.budget);
    Ok(entries
        .iter()
        .zip(&ranking.placements)
        .map(|(e, p)| (e.application_id.clone(), p.rank))
        .collect())
}
