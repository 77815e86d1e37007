//! The rounds: the list (with the money per year), and one round — its ranking with the
//! funding line, the budget used, the portfolio goals' status and what awaits review — read
//! from the register by the same code as `round list` and `round show` (`Standing`,
//! `show::money`, `ReviewState`).

use std::collections::BTreeMap;
use std::sync::Arc;

use anyhow::Result;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kriterium_engine::decision::Recommendation;
use kriterium_engine::labels::{self, Label};
use kriterium_engine::report::portfolio::{PortfolioSetting, overview_section};
use kriterium_register::{Access, Register};
use minijinja::value::{Serde, Value};
use serde::Serialize;

use super::App;
use super::failure::{Answer, Failure};
use super::page::render;
use super::words::{Ui, say};
use crate::commands::register::decide::outcome_text;
use crate::commands::register::reviews::ReviewState;
use crate::commands::register::show::{YearRow, granted, money};
use crate::commands::register::standing::Standing;
use crate::commands::register::{explain, open_register};
use crate::messages;

/// Runs `work` with the register open on a blocking thread: the register and the engine do
/// not wait on the network, and the network does not wait on them.
pub async fn with_register<T: Send + 'static>(
    app: &Arc<App>,
    access: Access,
    work: impl FnOnce(&App, &mut Register) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let app = app.clone();
    tokio::task::spawn_blocking(move || {
        let mut register = open_register(&app.register, access).map_err(|e| Failure::failed(&e))?;
        work(&app, &mut register)
    })
    .await
    .map_err(|e| Failure::failed(&anyhow::anyhow!("the work stopped: {e}")))?
}

/// A year's money, as the pages show it.
#[derive(Debug, Serialize)]
struct Money {
    year: i64,
    programme: String,
    budget: String,
    granted: String,
    left: String,
    recommended: String,
}

fn money_rows(rows: &[YearRow]) -> Vec<Money> {
    rows.iter()
        .map(|y| Money {
            year: y.year,
            programme: y.programme.clone(),
            budget: messages::amount(y.budget, &y.currency),
            granted: messages::amount(y.granted, &y.currency),
            left: messages::amount(y.budget.saturating_sub(y.granted), &y.currency),
            recommended: messages::amount(y.recommended, &y.currency),
        })
        .collect()
}

/// A round in the list.
#[derive(Debug, Serialize)]
struct RoundItem {
    id: String,
    title: String,
    year: i64,
    open: bool,
    applications: usize,
    budget: String,
    granted: String,
    awaiting: usize,
}

/// `/`: every round, newest last as `round list` has them, and the money per year.
pub async fn list(State(app): State<Arc<App>>) -> Answer {
    let (rounds, money) = with_register(&app, Access::Read, |_, register| {
        read_list(register).map_err(|e| Failure::failed(&e))
    })
    .await?;
    render(
        &app,
        "rounds.html",
        minijinja::context! { rounds => Value::from(Serde(&rounds)), money => Value::from(Serde(&money)) },
    )
}

fn read_list(register: &Register) -> Result<(Vec<RoundItem>, Vec<Money>)> {
    let mut items = Vec::new();
    for round in register.rounds().map_err(explain)? {
        let applications = register.application_count(&round.id).map_err(explain)?;
        let granted = granted(register, &round.id)?;
        let reviews = ReviewState::in_round(register, &round)?;
        items.push(RoundItem {
            budget: messages::amount(round.budget, &round.currency),
            granted: messages::amount(granted, &round.currency),
            open: round.is_open(),
            awaiting: reviews.awaiting.len(),
            applications,
            year: round.year,
            title: round.title,
            id: round.id,
        });
    }
    Ok((items, money_rows(&money(register)?)))
}

/// One application's row in the round's ranking.
#[derive(Debug, Serialize)]
struct RankRow {
    rank: Option<u64>,
    id: String,
    title: String,
    total: String,
    requested: String,
    recommendation: String,
    /// `fund`, `reserve`, … (the badge's class).
    class: String,
    decision: Option<String>,
    reason: Option<String>,
    /// The funding line goes under this row.
    line_after: bool,
}

/// `/rounds/{round}`: the round's ranking, budget, money, goals and what awaits review.
pub async fn show(State(app): State<Arc<App>>, Path(round): Path<String>) -> Answer {
    let page = with_register(&app, Access::Read, move |app, register| {
        round_page(app, register, &round)
    })
    .await?;
    render(&app, "round.html", page)
}

fn round_page(app: &App, register: &Register, id: &str) -> Result<Value, Failure> {
    let round = register.round(id).map_err(|e| {
        Failure::new(
            StatusCode::NOT_FOUND,
            Ui::RoundNotFound,
            crate::commands::register::explain(e).to_string(),
        )
    })?;
    let standing = Standing::of(register, id).map_err(|e| Failure::failed(&e))?;
    let reviews = ReviewState::in_round(register, &round).map_err(|e| Failure::failed(&e))?;
    let portfolio = standing
        .portfolio(register)
        .map_err(|e| Failure::failed(&e))?;
    let money = money(register).map_err(|e| Failure::failed(&e))?;
    let lang = app.lang.as_str();
    let currency = &round.currency;
    let rows: Vec<RankRow> = standing
        .rows
        .iter()
        .enumerate()
        .map(|(k, row)| {
            let recommendation = Label::recommendation_stated(row.recommendation).text(lang);
            RankRow {
                rank: row.rank,
                id: row.application_id.clone(),
                title: row.title.clone(),
                total: if row.recommendation == Recommendation::AwaitingReview {
                    "–".to_string()
                } else {
                    labels::number(row.total, lang)
                },
                requested: messages::amount(row.requested, currency),
                recommendation: if row.recommended > 0 {
                    format!(
                        "{recommendation} {}",
                        messages::amount(row.recommended, currency)
                    )
                } else {
                    recommendation.to_string()
                },
                class: row.recommendation.key().to_string(),
                decision: row
                    .decision
                    .as_ref()
                    .map(|d| outcome_text(d.outcome, row.requested, currency)),
                reason: row.decision.as_ref().and_then(|d| d.reason.clone()),
                line_after: standing.last_funded == Some(k),
            }
        })
        .collect();
    let titles: BTreeMap<String, String> = standing
        .rows
        .iter()
        .map(|r| (r.application_id.clone(), r.title.clone()))
        .collect();
    let portfolio_html = portfolio.as_ref().map(|report| {
        Value::from_safe_string(overview_section(
            report,
            &PortfolioSetting {
                lang,
                manifest: &standing.pack.manifest,
                budget: round.budget,
                titles: &titles,
            },
            None,
        ))
    });
    // A budget of 0 kr. is fully used (nothing can be granted).
    let used_percent = standing
        .used
        .saturating_mul(100)
        .checked_div(round.budget)
        .map_or(100, |p| p.min(100));
    let budget_line = say(
        Ui::BudgetUsed,
        &[
            ("used", &messages::amount(standing.used, currency)),
            ("budget", &messages::amount(round.budget, currency)),
            ("percent", &format!("{used_percent} %")),
            (
                "left",
                &messages::amount(round.budget.saturating_sub(standing.used), currency),
            ),
        ],
    );
    let granted: u64 = standing
        .rows
        .iter()
        .filter_map(|r| r.decision.as_ref())
        .map(|d| d.outcome.amount())
        .sum();
    // The bar is the recommendation's; what the group granted is said beside it, so the two
    // are never read as one.
    let decided_line = say(
        Ui::RoundDecided,
        &[("granted", &messages::amount(granted, currency))],
    );
    let closed = round
        .closing
        .as_ref()
        .map(|c| say(Ui::ClosedNote, &[("at", &c.at)]));
    let money: Vec<Money> = money_rows(
        &money
            .into_iter()
            .filter(|y| y.programme == round.pack_id)
            .collect::<Vec<_>>(),
    );
    let open = round.is_open();
    Ok(minijinja::context! {
        id => round.id,
        title => round.title,
        year => round.year,
        open => open,
        closed => closed,
        pack => format!("{} {}", round.pack_id, round.pack_version),
        budget => messages::amount(round.budget, currency),
        budget_line => budget_line,
        decided_line => decided_line,
        used_percent => used_percent,
        rows => Value::from(Serde(&rows)),
        awaiting => reviews.awaiting,
        portfolio => portfolio_html,
        money => Value::from(Serde(&money)),
    })
}
