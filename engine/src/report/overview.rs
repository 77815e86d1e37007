//! The batch overview (`index.html`): the ranked table with the funding line, the budget as a
//! bar, each application's criteria as a stacked bar, counts, rejected inputs, and links to
//! the reports.
//!
//! Written in three parts — head, one row per application, foot — so a batch streams it to disk
//! without holding every row in memory.
//!
//! Under a pack with criteria scored by reviewers it also counts the applications awaiting
//! review, flags those whose reviewers disagree, and — given the batch's
//! [`ReviewsOverview`] ([`OverviewHead::with_reviews`]) — shows each reviewer's leniency side
//! by side and, when the pack calibrates, the rank under the scores as given beside the rank.

use std::collections::BTreeMap;

use minijinja::context;
use minijinja::value::{Serde, Value};
use serde::Serialize;

use super::escape::Format;
use super::layout::Page;
use super::templates::render;
use super::view::{ApplicationFacts, ReportView, Setting};
use crate::decimal::Decimal;
use crate::decision::{Decision, Recommendation};
use crate::labels::{Label, amount, number};
use crate::manifest::Calibration;
use crate::pack::RulePack;
use crate::review::ReviewsOverview;
use crate::summary::Summary;

/// Colours of the criteria in the stacked bars, told apart also by people with colour-blindness
/// (Okabe and Ito's palette); the seventh criterion reuses the first colour, and so on.
pub const PALETTE: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999",
];

/// Width of a stacked bar, in SVG units, for the highest possible total.
const BAR_WIDTH: u32 = 200;

/// Added to an unranked row's position for its sort key, so it sorts after every rank.
const UNRANKED: u64 = 1_000_000_000_000;

/// What the overview says above the table.
#[derive(Debug, Serialize)]
pub struct OverviewHead {
    pub lang: String,
    pub pack_id: String,
    pub pack_version: String,
    pub pack_fingerprint: String,
    pub engine_version: String,
    pub inputs: u64,
    pub budget: String,
    pub used: String,
    pub left: String,
    /// Share of the budget granted, `0.0`–`100.0`, for the bar.
    pub used_percent: String,
    /// `(label, count)` per recommendation, and rejected inputs last.
    pub counts: Vec<(String, u64)>,
    /// `(title, colour)` per criterion, in priority order.
    pub criteria: Vec<(String, &'static str)>,
    /// Whether rows link to reports in `reports/`.
    pub links: bool,
    /// Whether the pack has a criterion scored by reviewers (the page then counts the
    /// applications awaiting review and can flag disagreement).
    pub reviewed: bool,
    /// The reviewers' leniency and the uncalibrated ranking, when the batch gives them.
    pub reviews: Option<ReviewsHead>,
}

/// What the overview shows of a batch's reviews ([`ReviewsOverview`] in words).
#[derive(Debug, Serialize)]
pub struct ReviewsHead {
    /// Whether the pack calibrates: the table then has a column for the uncalibrated rank.
    pub calibrated: bool,
    /// Each reviewer's leniency per criterion, by criterion (in the pack's order) and reviewer.
    pub leniency: Vec<LeniencyRow>,
    /// Application id → rank under the scores as given (only under calibration). Not part of
    /// the head's template: rows look their rank up here.
    #[serde(skip)]
    pub uncalibrated_rank: BTreeMap<String, u64>,
}

/// One reviewer on one criterion, as the leniency table shows it.
#[derive(Debug, Serialize)]
pub struct LeniencyRow {
    pub reviewer: String,
    /// The criterion's title.
    pub criterion: String,
    /// Applications reviewed on the criterion.
    pub reviews: u64,
    /// Of those, the ones another reviewer reviewed too.
    pub shared: u64,
    /// The reviewer's mean on the shared applications, `–` without any.
    pub mean: String,
    /// The panel's mean on them, `–` without any.
    pub panel_mean: String,
    /// The offset with its sign: `+0,67`, `-0,33`, `0`.
    pub offset: String,
}

impl OverviewHead {
    /// The head of a batch's overview in `lang`; `links` when the rows link to reports.
    pub fn of(pack: &RulePack, lang: &str, summary: &Summary, links: bool) -> Self {
        let manifest = &pack.manifest;
        let money = |n: u64| amount(n, &manifest.currency, lang);
        let reviewed = manifest.criteria.iter().any(|c| c.review.is_some());
        // Without a reviewed criterion no application can await review: no line for it.
        let mut counts: Vec<(String, u64)> = Recommendation::ALL
            .iter()
            .filter(|&&r| reviewed || r != Recommendation::AwaitingReview)
            .map(|&r| {
                let label = Label::recommendation_stated(r).text(lang).to_string();
                (label, summary.count(r))
            })
            .collect();
        counts.push((
            Label::Rejected.text(lang).to_string(),
            summary.rejected.len() as u64,
        ));
        OverviewHead {
            lang: lang.to_string(),
            pack_id: manifest.id.clone(),
            pack_version: manifest.version.clone(),
            pack_fingerprint: pack.fingerprint.clone(),
            engine_version: summary.engine_version.clone(),
            inputs: summary.inputs,
            budget: money(summary.budget),
            used: money(summary.budget_used),
            left: money(summary.budget_left),
            used_percent: percent(summary.budget_used, summary.budget),
            counts,
            criteria: manifest
                .criteria
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let title = c.title.get(lang, &manifest.language).to_string();
                    (title, PALETTE[i % PALETTE.len()])
                })
                .collect(),
            links,
            reviewed,
            reviews: None,
        }
    }

    /// The head with the batch's reviews: the leniency table, and the uncalibrated rank beside
    /// the rank when the pack calibrates. `pack` is the batch's pack, for the criteria's titles.
    #[must_use]
    pub fn with_reviews(mut self, pack: &RulePack, reviews: &ReviewsOverview) -> Self {
        let manifest = &pack.manifest;
        let lang = self.lang.as_str();
        let position = |id: &str| manifest.criteria.iter().position(|c| c.id == id);
        let mut leniency: Vec<_> = reviews.leniency.iter().collect();
        // By the criteria's priority, then reviewer (the book gives them by criterion id).
        leniency.sort_by(|a, b| {
            (position(&a.criterion), &a.reviewer).cmp(&(position(&b.criterion), &b.reviewer))
        });
        let dash = || "–".to_string();
        let rows = leniency
            .into_iter()
            .map(|l| LeniencyRow {
                reviewer: l.reviewer.clone(),
                criterion: manifest
                    .criteria
                    .iter()
                    .find(|c| c.id == l.criterion)
                    .map_or_else(
                        || l.criterion.clone(),
                        |c| c.title.get(lang, &manifest.language).to_string(),
                    ),
                reviews: l.reviews,
                shared: l.shared,
                mean: l.mean.map_or_else(dash, |m| number(m, lang)),
                panel_mean: l.panel_mean.map_or_else(dash, |m| number(m, lang)),
                offset: if l.offset > Decimal::ZERO {
                    format!("+{}", number(l.offset, lang))
                } else {
                    number(l.offset, lang)
                },
            })
            .collect();
        let calibrated = reviews.calibration == Calibration::Offset;
        self.reviews = Some(ReviewsHead {
            calibrated,
            leniency: rows,
            uncalibrated_rank: if calibrated {
                reviews.uncalibrated_rank.clone()
            } else {
                BTreeMap::new()
            },
        });
        self
    }

    /// Whether the table has the column of the rank under the scores as given.
    fn uncalibrated_column(&self) -> Option<&BTreeMap<String, u64>> {
        self.reviews
            .as_ref()
            .filter(|r| r.calibrated)
            .map(|r| &r.uncalibrated_rank)
    }
}

/// One application in the table.
#[derive(Debug, Serialize)]
pub struct OverviewRow {
    /// Position in decision order, to keep ties in a stable order when re-sorting.
    pub order: u64,
    pub rank: Option<u64>,
    pub id: String,
    pub title: String,
    pub total: String,
    pub total_sort: String,
    pub requested: String,
    pub requested_sort: u64,
    pub granted: String,
    pub granted_sort: u64,
    pub recommendation_key: &'static str,
    pub recommendation: &'static str,
    pub segments: Vec<Segment>,
    /// The funding line is drawn below this row: the last funded one in rank order.
    pub last_funded: bool,
    /// Whether reviewers disagree on a criterion: the application is to be discussed.
    pub disagreement: bool,
}

impl OverviewRow {
    /// The row of a placed `decision` (a batch's: rank, grant and recommendation set), whose
    /// report is `view`; `order` is its position in decision order.
    pub fn of(
        order: u64,
        decision: &Decision,
        facts: &ApplicationFacts,
        view: &ReportView,
        setting: &Setting<'_>,
        last_funded: bool,
    ) -> Self {
        let lang = setting.lang;
        let parts: Vec<_> = decision
            .criteria
            .iter()
            .map(|c| (c.title.clone(), c.weighted, number(c.weighted, lang)))
            .collect();
        let granted = decision
            .granted
            .expect("the overview lists a batch's decisions, each placed with its grant");
        OverviewRow {
            order,
            rank: decision.rank,
            id: decision.application_id.clone(),
            title: decision.title.clone(),
            total: view.total.clone(),
            total_sort: decision.total.to_string(),
            requested: view.requested.clone(),
            requested_sort: facts.requested,
            granted: amount(granted, setting.currency, lang),
            granted_sort: granted,
            recommendation_key: view.recommendation_key,
            recommendation: view.recommendation,
            segments: Segment::bar(&parts, decision.max_total),
            last_funded,
            disagreement: decision
                .criteria
                .iter()
                .any(|c| c.review.as_ref().is_some_and(|r| r.disagreement)),
        }
    }
}

/// One criterion's part of a stacked bar.
#[derive(Debug, Serialize)]
pub struct Segment {
    pub x: String,
    pub width: String,
    pub colour: &'static str,
    /// "Title: 7,5" for the tooltip and screen readers.
    pub label: String,
}

impl Segment {
    /// The stacked bar of weighted points `(title, weighted)` against `max_total`.
    pub fn bar(parts: &[(String, Decimal, String)], max_total: Decimal) -> Vec<Segment> {
        let scale = |d: Decimal| -> rust_decimal::Decimal {
            if max_total.0.is_zero() {
                return rust_decimal::Decimal::ZERO;
            }
            (d.0 * rust_decimal::Decimal::from(BAR_WIDTH) / max_total.0).round_dp(2)
        };
        let mut x = rust_decimal::Decimal::ZERO;
        let mut out = Vec::new();
        for (i, (title, weighted, shown)) in parts.iter().enumerate() {
            let width = scale(*weighted);
            if !width.is_zero() {
                out.push(Segment {
                    x: x.normalize().to_string(),
                    width: width.normalize().to_string(),
                    colour: PALETTE[i % PALETTE.len()],
                    label: format!("{title}: {shown}"),
                });
            }
            x += width;
        }
        out
    }
}

/// `part` as a share of `whole` in percent with one decimal (`37.5`), for a bar's width; `0`
/// when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "0".to_string();
    }
    let share = rust_decimal::Decimal::from(part) * rust_decimal::Decimal::from(100)
        / rust_decimal::Decimal::from(whole);
    share.round_dp(1).normalize().to_string()
}

/// An input that was not assessed.
#[derive(Debug, Serialize)]
pub struct RejectedRow {
    /// File and line.
    pub source: String,
    pub problems: Vec<String>,
}

/// The page up to the table's first row.
pub fn head(head: &OverviewHead) -> String {
    render("overview-head.html", &head.lang, Value::from(Serde(head)))
}

/// One row of the table (written without the template engine, as it is written once per
/// application: see `layout.rs`).
pub fn row(row: &OverviewRow, head: &OverviewHead) -> String {
    let mut p = Page::new(Format::Html, &head.lang, 2048);
    p.raw("<tr data-order=\"").number(row.order).raw("\"");
    if row.last_funded {
        p.raw(" class=\"funding-line\"");
    }
    // Each cell names its column (`data-label`) for the cards a phone shows; the title is the
    // row's heading, as a screen reader announces it.
    p.raw(">\n<td class=\"num\"")
        .data_label(Label::Rank)
        .raw(" data-sort=\"");
    // Unranked rows sort after every ranked one, in decision order.
    match row.rank.filter(|&r| r != 0) {
        Some(rank) => p.number(rank).raw("\">").number(rank),
        None => p.number(UNRANKED + row.order).raw("\">").text("–"),
    };
    p.raw("</td>\n");
    if let Some(ranks) = head.uncalibrated_column() {
        p.raw("<td class=\"num\"")
            .data_label(Label::UncalibratedRank)
            .raw(" data-sort=\"");
        match ranks.get(&row.id).copied().filter(|&r| r != 0) {
            Some(rank) => p.number(rank).raw("\">").number(rank),
            None => p.number(UNRANKED + row.order).raw("\">").text("–"),
        };
        p.raw("</td>\n");
    }
    p.raw("<td class=\"id\"").data_label(Label::Id).raw(">");
    if head.links {
        p.raw("<a href=\"reports/")
            .text(&row.id)
            .raw(".html\">")
            .text(&row.id)
            .raw("</a>");
    } else {
        p.text(&row.id);
    }
    p.raw("</td>\n<th scope=\"row\">").text(&row.title);
    if row.disagreement {
        p.raw("<br><small class=\"disagreement\">")
            .label(Label::Disagreement)
            .raw("</small>");
    }
    p.raw("</th>\n<td class=\"num\"")
        .data_label(Label::Total)
        .raw(" data-sort=\"");
    p.text(&row.total_sort)
        .raw("\">")
        .text(&row.total)
        .raw("</td>\n<td class=\"contribution\"")
        .data_label(Label::Contribution)
        .raw("><svg class=\"bar\" ");
    p.raw("width=\"200\" height=\"14\" viewBox=\"0 0 200 14\" ");
    if row.segments.is_empty() {
        // No points, nothing drawn: an empty bar says nothing a screen reader should read (an
        // image with an empty label is an accessibility error; the total is in its own cell).
        p.raw("aria-hidden=\"true\">\n");
    } else {
        p.raw("role=\"img\" aria-label=\"");
        for (i, s) in row.segments.iter().enumerate() {
            if i > 0 {
                p.raw("; ");
            }
            p.text(&s.label);
        }
        p.raw("\">\n");
    }
    for s in &row.segments {
        p.raw("<rect x=\"")
            .text(&s.x)
            .raw("\" width=\"")
            .text(&s.width);
        p.raw("\" height=\"14\" fill=\"")
            .text(s.colour)
            .raw("\"><title>")
            .text(&s.label);
        p.raw("</title></rect>\n");
    }
    p.raw("</svg></td>\n<td class=\"num\"")
        .data_label(Label::Requested)
        .raw(" data-sort=\"")
        .number(row.requested_sort);
    p.raw("\">")
        .text(&row.requested)
        .raw("</td>\n<td class=\"num\"")
        .data_label(Label::Granted)
        .raw(" data-sort=\"");
    p.number(row.granted_sort)
        .raw("\">")
        .text(&row.granted)
        .raw("</td>\n");
    p.raw("<td class=\"recommendation\"><span class=\"badge ")
        .text(row.recommendation_key)
        .raw("\">");
    p.text(row.recommendation).raw("</span></td>\n</tr>");
    p.finish()
}

/// The rest of the page after the last row: the portfolio section (HTML, already escaped),
/// rejected inputs and the basis of the assessment.
pub fn foot(
    head: &OverviewHead,
    rejected: &[RejectedRow],
    sensitivity: Option<&super::robustness::SensitivityView>,
    portfolio: Option<&str>,
) -> String {
    let r = context! {
        head => Value::from(Serde(head)),
        rejected => Value::from(Serde(rejected)),
        sensitivity => Value::from(Serde(sensitivity)),
        // Rendered and escaped by `report::portfolio::overview_section`.
        portfolio => portfolio.map(|p| Value::from_safe_string(p.to_string())),
    };
    render("overview-foot.html", &head.lang, r)
}
