//! `kriterium round show ID` and `kriterium round list`: the ranking with the funding line and
//! the group's decisions beside the recommendation, and the money per year — budget, granted by
//! decision, left, and what the recommendations would grant — as text or JSON.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use kriterium_engine::decision::Recommendation;
use kriterium_engine::labels::{self, Label};
use kriterium_register::{Access, DecisionRecord, Register, Round};
use serde_json::{Value, json};

use super::decide::outcome_text;
use super::open::short;
use super::reviews::ReviewState;
use super::standing::Standing;
use super::words::{Words, say};
use super::{amount, explain, open_register};
use crate::Status;
use crate::args::ListFormat;
use crate::messages;

/// `round show ID`.
pub fn round(path: &Path, id: &str, format: ListFormat) -> Result<Status> {
    let register = open_register(path, Access::Read)?;
    super::round_of(&register, id)?;
    let standing = Standing::of(&register, id)?;
    let money = money(&register)?;
    let reviews = ReviewState::in_round(&register, &standing.round)?;
    let portfolio = standing.portfolio(&register)?;
    match format {
        ListFormat::Json => {
            let mut value = round_json(&standing, &money, portfolio.as_ref());
            reviews.add_to(&mut value);
            outln!("{}", serde_json::to_string_pretty(&value)?)
        }
        ListFormat::Text => {
            let mut text = round_text(&standing, &money, portfolio.as_ref());
            if let Some(lines) = reviews.text() {
                text.push('\n');
                text.push_str(&lines);
            }
            outln!("{text}")
        }
    }
    Ok(Status::Ok)
}

/// `round list`.
pub fn list(path: &Path, format: ListFormat) -> Result<Status> {
    let register = open_register(path, Access::Read)?;
    let rounds = register.rounds().map_err(explain)?;
    if let Some(first) = rounds.first() {
        messages::follow_pack(&first.language);
    }
    let money = money(&register)?;
    let mut counts = BTreeMap::new();
    let mut reviews = BTreeMap::new();
    for round in &rounds {
        reviews.insert(round.id.clone(), ReviewState::in_round(&register, round)?);
        let n = register.application_count(&round.id).map_err(explain)?;
        counts.insert(round.id.clone(), (n, granted(&register, &round.id)?));
    }
    match format {
        ListFormat::Json => {
            let rounds: Vec<Value> = rounds
                .iter()
                .map(|r| {
                    let (n, granted) = counts.get(&r.id).copied().unwrap_or_default();
                    let mut value = round_value(r);
                    value["applications"] = json!(n);
                    value["granted"] = json!(granted);
                    if let Some(state) = reviews.get(&r.id) {
                        state.add_to(&mut value);
                    }
                    value
                })
                .collect();
            let money: Vec<Value> = money.iter().map(YearRow::value).collect();
            outln!(
                "{}",
                serde_json::to_string_pretty(&json!({"rounds": rounds, "money": money}))?
            );
        }
        ListFormat::Text => {
            if rounds.is_empty() {
                outln!(
                    "{}",
                    say(
                        Words::NoRounds,
                        &[(
                            "path",
                            &messages::quoted(&register.path().display().to_string())
                        )]
                    )
                );
                return Ok(Status::Ok);
            }
            let lang = messages::lang();
            let mut table = vec![
                [
                    Words::RoundCol,
                    Words::YearCol,
                    Words::StateCol,
                    Words::ApplicationsCol,
                    Words::BudgetCol,
                    Words::GrantedCol,
                    Words::TitleCol,
                ]
                .map(|w| w.text(lang).to_string())
                .to_vec(),
            ];
            for r in &rounds {
                let (n, granted) = counts.get(&r.id).copied().unwrap_or_default();
                table.push(vec![
                    r.id.clone(),
                    r.year.to_string(),
                    state(r).to_string(),
                    n.to_string(),
                    amount(r.budget, &r.currency),
                    amount(granted, &r.currency),
                    r.title.clone(),
                ]);
            }
            let mut text = layout(&table, &[false, false, false, true, true, true, false]);
            for (id, state) in &reviews {
                if let Some(lines) = state.text() {
                    text.push_str(&format!("\n{}:\n{lines}", messages::quoted(id)));
                }
            }
            text.push('\n');
            text.push_str(&money_text(&money));
            outln!("{text}");
        }
    }
    Ok(Status::Ok)
}

/// A programme's year's money across the register's rounds.
pub(crate) struct YearRow {
    pub year: i64,
    /// The programme: its rounds' pack id.
    pub programme: String,
    pub currency: String,
    /// kr.
    pub budget: u64,
    /// kr. granted by decisions.
    pub granted: u64,
    /// kr. the rounds' recommendations would grant.
    pub recommended: u64,
}

impl YearRow {
    fn value(&self) -> Value {
        json!({
            "year": self.year,
            "programme": self.programme,
            "currency": self.currency,
            "budget": self.budget,
            "granted": self.granted,
            "left": self.budget.saturating_sub(self.granted),
            "recommended": self.recommended,
        })
    }
}

/// kr. the group's current decisions grant in round `id`.
pub(crate) fn granted(register: &Register, id: &str) -> Result<u64> {
    Ok(register
        .current_decisions(id)
        .map_err(explain)?
        .values()
        .map(|d| d.outcome.amount())
        .sum())
}

/// Every year with a round: its budget, what decisions granted, and what the recommendations
/// of its rounds would grant.
pub(crate) fn money(register: &Register) -> Result<Vec<YearRow>> {
    let years = register.money().map_err(explain)?;
    let rounds = register.rounds().map_err(explain)?;
    let mut recommended: BTreeMap<(i64, String), u64> = BTreeMap::new();
    let mut currency: BTreeMap<(i64, String), String> = BTreeMap::new();
    for round in &rounds {
        let standing = Standing::of(register, &round.id)?;
        let key = (round.year, round.pack_id.clone());
        *recommended.entry(key.clone()).or_default() += standing.used;
        currency.insert(key, round.currency.clone());
    }
    Ok(years
        .into_iter()
        .map(|y| {
            let key = (y.year, y.programme.clone());
            YearRow {
                year: y.year,
                currency: currency.get(&key).cloned().unwrap_or_default(),
                budget: y.budget,
                granted: y.granted,
                recommended: recommended.get(&key).copied().unwrap_or_default(),
                programme: y.programme,
            }
        })
        .collect())
}

fn state(round: &Round) -> &'static str {
    let lang = messages::lang();
    if round.is_open() {
        Words::Open.text(lang)
    } else {
        Words::ClosedState.text(lang)
    }
}

fn round_text(
    standing: &Standing,
    money: &[YearRow],
    portfolio: Option<&kriterium_engine::portfolio::PortfolioReport>,
) -> String {
    let round = &standing.round;
    let lang = messages::lang();
    let currency = &round.currency;
    let mut text = say(
        Words::RoundHeading,
        &[
            ("id", &messages::quoted(&round.id)),
            ("title", &round.title),
            ("state", state(round)),
        ],
    );
    text.push('\n');
    text.push_str(&say(
        Words::RoundFacts,
        &[
            ("year", &round.year.to_string()),
            ("budget", &amount(round.budget, currency)),
            ("pack", &round.pack_id),
            ("version", &round.pack_version),
            ("fingerprint", &short(&round.pack_fingerprint)),
            ("at", &round.opened_at),
            ("by", &round.opened_by),
        ],
    ));
    if let Some(closing) = &round.closing {
        text.push('\n');
        text.push_str(&say(
            Words::ClosedFacts,
            &[("at", &closing.at), ("by", &closing.by)],
        ));
    }
    text.push_str("\n\n");
    if standing.rows.is_empty() {
        text.push_str(&say(Words::NoApplications, &[]));
        text.push_str("\n\n");
    } else {
        let mut table = vec![
            [
                Words::RankCol,
                Words::ApplicationCol,
                Words::TotalCol,
                Words::RequestedCol,
                Words::RecommendationCol,
                Words::DecisionCol,
            ]
            .map(|w| w.text(lang).to_string())
            .to_vec(),
        ];
        // Lines under a row (reason, abstentions), and where the funding line goes.
        let mut notes: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for (k, row) in standing.rows.iter().enumerate() {
            let recommendation = Label::recommendation_stated(row.recommendation).text(lang);
            let recommendation = if row.recommended > 0 {
                format!("{recommendation} {}", amount(row.recommended, currency))
            } else {
                recommendation.to_string()
            };
            let decision = match &row.decision {
                Some(d) => format!(
                    "{} ({})",
                    outcome_text(d.outcome, row.requested, currency),
                    say(Words::DecidedOn, &[("date", &d.decided_on)])
                ),
                None => Words::NoDecision.text(lang).to_string(),
            };
            // The points of a row awaiting review lack the reviewed criteria: not a total, and
            // the recommendation beside it says it awaits review.
            let total = if row.recommendation == Recommendation::AwaitingReview {
                "–".to_string()
            } else {
                labels::number(row.total, lang)
            };
            table.push(vec![
                row.rank.map(|r| r.to_string()).unwrap_or_default(),
                row.application_id.clone(),
                total,
                amount(row.requested, currency),
                recommendation,
                decision,
            ]);
            if let Some(d) = &row.decision {
                let lines = notes.entry(k).or_default();
                if let Some(reason) = &d.reason {
                    lines.push(say(Words::ReasonLine, &[("reason", reason)]));
                }
                if !d.abstained.is_empty() {
                    lines.push(say(
                        Words::AbstainedLine,
                        &[("names", &d.abstained.join(", "))],
                    ));
                }
                if Standing::decided_on_other(row) {
                    lines.push(say(Words::DecidedOnOther, &[]));
                }
            }
        }
        let rendered = layout(&table, &[true, false, true, true, false, false]);
        let mut lines = rendered.lines();
        if let Some(header) = lines.next() {
            text.push_str(header);
            text.push('\n');
        }
        for (k, line) in lines.enumerate() {
            text.push_str(line);
            text.push('\n');
            for note in notes.get(&k).into_iter().flatten() {
                text.push_str("      ");
                text.push_str(note);
                text.push('\n');
            }
            if standing.last_funded == Some(k) {
                // Drawn without the applications awaiting review: provisional until they are.
                let (words, awaiting) = match standing.awaiting().len() {
                    0 => (Words::FundingLine, String::new()),
                    n => (Words::ProvisionalFundingLine, n.to_string()),
                };
                text.push_str(&say(
                    words,
                    &[
                        ("used", &amount(standing.used, currency)),
                        ("budget", &amount(round.budget, currency)),
                        ("awaiting", &awaiting),
                    ],
                ));
                text.push('\n');
            }
        }
        text.push('\n');
    }
    text.push_str(&money_text(money));
    if let Some(report) = portfolio {
        let titles: BTreeMap<String, String> = standing
            .rows
            .iter()
            .map(|r| (r.application_id.clone(), r.title.clone()))
            .collect();
        let setting = kriterium_engine::report::portfolio::PortfolioSetting {
            lang: messages::lang(),
            manifest: &standing.pack.manifest,
            budget: standing.round.budget,
            titles: &titles,
        };
        text.push('\n');
        for line in kriterium_engine::report::portfolio::lines(report, &setting) {
            text.push_str(&line);
            text.push('\n');
        }
    }
    text
}

fn money_text(money: &[YearRow]) -> String {
    let lang = messages::lang();
    let mut text = Words::MoneyHeading.text(lang).to_string();
    text.push('\n');
    // A register of one programme (the usual) needs no column to say which.
    let programmes: std::collections::BTreeSet<&str> =
        money.iter().map(|y| y.programme.as_str()).collect();
    let several = programmes.len() > 1;
    let mut heading = vec![Words::YearCol.text(lang).to_string()];
    if several {
        heading.push(Words::ProgrammeCol.text(lang).to_string());
    }
    heading.extend(
        [
            Words::BudgetCol,
            Words::GrantedCol,
            Words::LeftCol,
            Words::RecommendedCol,
        ]
        .map(|w| w.text(lang).to_string()),
    );
    let mut table = vec![heading];
    for y in money {
        let mut row = vec![y.year.to_string()];
        if several {
            row.push(y.programme.clone());
        }
        row.extend([
            amount(y.budget, &y.currency),
            amount(y.granted, &y.currency),
            amount(y.budget.saturating_sub(y.granted), &y.currency),
            amount(y.recommended, &y.currency),
        ]);
        table.push(row);
    }
    let right: &[bool] = if several {
        &[false, false, true, true, true, true]
    } else {
        &[false, true, true, true, true]
    };
    text.push_str(&layout(&table, right));
    text
}

/// Columns padded to their widest cell (in characters); `right` aligns numbers right.
pub(super) fn layout(table: &[Vec<String>], right: &[bool]) -> String {
    let columns = table.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            table
                .iter()
                .map(|row| row.get(c).map_or(0, |cell| cell.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for row in table {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = widths[c].saturating_sub(cell.chars().count());
            if c > 0 {
                line.push_str("  ");
            }
            if right.get(c).copied().unwrap_or(false) {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if c + 1 < row.len() {
                    line.push_str(&" ".repeat(pad));
                }
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

fn round_value(round: &Round) -> Value {
    json!({
        "id": round.id,
        "title": round.title,
        "year": round.year,
        "budget": round.budget,
        "year_budget": round.year_budget,
        "currency": round.currency,
        "language": round.language,
        "pack": {
            "id": round.pack_id,
            "version": round.pack_version,
            "fingerprint": round.pack_fingerprint,
        },
        "state": if round.is_open() { "open" } else { "closed" },
        "opened_at": round.opened_at,
        "opened_by": round.opened_by,
        "closed_at": round.closing.as_ref().map(|c| c.at.clone()),
        "closed_by": round.closing.as_ref().map(|c| c.by.clone()),
    })
}

/// A decision as JSON: the names of the register's columns.
pub fn decision_value(d: &DecisionRecord) -> Value {
    json!({
        "application_id": d.application,
        "outcome": d.outcome.key(),
        "amount": d.outcome.amount(),
        "decided_on": d.decided_on,
        "reason": d.reason,
        "abstained": d.abstained,
        "recommendation": d.recommendation,
        "recommended_amount": d.recommended_amount,
        "recorded_at": d.recorded_at,
        "recorded_by": d.recorded_by,
        // `sha256:` of the assessment decided on; null for a decision recorded before the
        // register kept it.
        "assessment_digest": d.assessment_digest,
    })
}

fn round_json(
    standing: &Standing,
    money: &[YearRow],
    portfolio: Option<&kriterium_engine::portfolio::PortfolioReport>,
) -> Value {
    let applications: Vec<Value> = standing
        .rows
        .iter()
        .map(|row| {
            json!({
                "rank": row.rank,
                "application_id": row.application_id,
                "title": row.title,
                "total": row.total,
                "requested": row.requested,
                "recommendation": row.recommendation.key(),
                "recommended": row.recommended,
                "decision": row.decision.as_ref().map(decision_value),
                // The current decision was made on an earlier assessment than the current one.
                "decided_on_other_assessment": Standing::decided_on_other(row),
            })
        })
        .collect();
    json!({
        "round": round_value(&standing.round),
        "applications": applications,
        "recommended": standing.used,
        "history": standing.history.iter().map(decision_value).collect::<Vec<_>>(),
        "money": money.iter().map(YearRow::value).collect::<Vec<_>>(),
        "portfolio": portfolio,
    })
}
