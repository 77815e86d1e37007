//! What a pack change does to decisions, written for the network group's meeting: as text for
//! a terminal, and as Markdown and HTML from templates. Every value is written out in the
//! report's language first ([`ChangesView`]), so the three forms say the same.

use minijinja::value::{Serde, Value};
use serde::Serialize;

use super::templates::render;
use crate::decimal::Decimal;
use crate::decision::Recommendation;
use crate::diff::{Change, PackDiff};
use crate::labels::{self, Label, Sentence};

/// A pack diff, every value written out in one language.
#[derive(Debug, Clone, Serialize)]
pub struct ChangesView {
    /// Language of labels and numbers.
    pub lang: String,
    /// "id version (fingerprint)" of the old pack.
    pub before: String,
    /// … and of the new one.
    pub after: String,
    /// One line per changed criterion: "`id`: Vægt 2,5 → 5".
    pub criteria: Vec<String>,
    /// Applications that change, in the new ranking's order.
    pub rows: Vec<ChangeRow>,
    /// How many applications do not change.
    pub unchanged: usize,
    /// Summary lines: label and value.
    pub summary: Vec<(String, String)>,
    /// Inputs rejected under either pack: source, then problems before and after.
    pub rejected: Vec<(String, String, String)>,
}

/// One application that changes. Cells read "old → new", or just the value when unchanged.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeRow {
    /// The application's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Rank.
    pub rank: String,
    /// Total.
    pub total: String,
    /// Recommendation.
    pub recommendation: String,
    /// Amount granted.
    pub granted: String,
    /// Criteria whose points changed: "id: 2 → 3".
    pub points: Vec<String>,
}

/// Writes `diff` out in `lang`.
pub fn view(diff: &PackDiff, lang: &str) -> ChangesView {
    let number = |d: Option<Decimal>| match d {
        Some(d) => labels::number(d, lang),
        None => Label::Absent.text(lang).to_string(),
    };
    let amount = |n: u64| labels::amount(n, &diff.currency, lang);
    let rank = |r: Option<u64>| match r {
        Some(r) => r.to_string(),
        None => Label::NotRanked.text(lang).to_string(),
    };
    let recommendation = |r: Recommendation| Label::recommendation_stated(r).text(lang).to_string();
    let pack = |p: &crate::decision::PackRef| format!("{} {} ({})", p.id, p.version, p.fingerprint);

    let criteria = diff
        .criteria
        .iter()
        .map(|c| {
            let mut parts = Vec::new();
            if c.weight.changed() {
                parts.push(format!(
                    "{} {}",
                    Label::Weight.text(lang),
                    arrow(c.weight, number)
                ));
            }
            if c.max_points.changed() {
                parts.push(format!(
                    "{} {}",
                    Label::Max.text(lang),
                    arrow(c.max_points, |m| number(m.map(Decimal::from)))
                ));
            }
            if c.min_points.changed() {
                parts.push(format!(
                    "{} {}",
                    Label::Minimum.text(lang),
                    arrow(c.min_points, number)
                ));
            }
            format!("{}: {}", c.id, parts.join(", "))
        })
        .collect();

    let rows = diff
        .applications
        .iter()
        .filter(|a| a.changed)
        .map(|a| ChangeRow {
            id: a.application_id.clone(),
            title: a.title.clone(),
            rank: arrow(a.rank, rank),
            // A total with a criterion awaiting review is no total yet.
            total: {
                let total = |t: Decimal, r: Recommendation| {
                    if r == Recommendation::AwaitingReview {
                        Label::AwaitingReview.text(lang).to_string()
                    } else {
                        labels::number(t, lang)
                    }
                };
                let (old, new) = (
                    total(a.total.old, a.recommendation.old),
                    total(a.total.new, a.recommendation.new),
                );
                if old == new {
                    new
                } else {
                    format!("{old} → {new}")
                }
            },
            recommendation: arrow(a.recommendation, recommendation),
            granted: arrow(a.granted, amount),
            points: a
                .points
                .iter()
                .map(|p| {
                    let shown = |points: Option<Decimal>, awaiting: bool| {
                        if awaiting {
                            Label::AwaitingReview.text(lang).to_string()
                        } else {
                            number(points)
                        }
                    };
                    let (old, new) = (
                        shown(p.points.old, p.awaiting.old),
                        shown(p.points.new, p.awaiting.new),
                    );
                    let said = if old == new {
                        new
                    } else {
                        format!("{old} → {new}")
                    };
                    format!("{}: {said}", p.criterion)
                })
                .collect(),
        })
        .collect();

    let s = &diff.summary;
    let used = s.budget_used;
    let effect = if used.changed() {
        let delta = i128::from(used.new) - i128::from(used.old);
        let sign = if delta > 0 { "+" } else { "−" };
        format!(
            "{} ({sign}{})",
            arrow(used, amount),
            amount(delta.unsigned_abs() as u64)
        )
    } else {
        // "Effect: DKK 385,000" read as a change of that much; say there is none.
        Sentence::BudgetUnchanged.fill(lang, &[("amount", &amount(used.new))])
    };
    let summary = vec![
        (
            Label::Applications.text(lang).to_string(),
            s.applications.to_string(),
        ),
        (
            Label::ChangedApplications.text(lang).to_string(),
            s.changed.to_string(),
        ),
        (Label::Moved.text(lang).to_string(), s.moved.to_string()),
        (
            Label::FundingChanged.text(lang).to_string(),
            s.funding_changed.to_string(),
        ),
        (
            Label::NewlyFunded.text(lang).to_string(),
            s.newly_funded.to_string(),
        ),
        (
            Label::NoLongerFunded.text(lang).to_string(),
            s.no_longer_funded.to_string(),
        ),
        (Label::BudgetEffect.text(lang).to_string(), effect),
    ];
    let rejected = diff
        .rejected
        .iter()
        .map(|r| {
            (
                r.source.clone(),
                r.problems.old.join("; "),
                r.problems.new.join("; "),
            )
        })
        .collect();
    ChangesView {
        lang: lang.to_string(),
        before: pack(&diff.pack.old),
        after: pack(&diff.pack.new),
        criteria,
        rows,
        unchanged: s.applications - s.changed,
        summary,
        rejected,
    }
}

/// "old → new", or the value alone when it did not change.
fn arrow<T: PartialEq + Copy>(change: Change<T>, show: impl Fn(T) -> String) -> String {
    if change.changed() {
        format!("{} → {}", show(change.old), show(change.new))
    } else {
        show(change.new)
    }
}

/// The changes as text for a terminal.
pub fn text(v: &ChangesView) -> String {
    let l = |label: Label| label.text(&v.lang);
    let mut out = format!(
        "{}\n{}:  {}\n{}: {}\n",
        l(Label::DiffTitle),
        l(Label::Before),
        v.before,
        l(Label::After),
        v.after
    );
    if !v.criteria.is_empty() {
        out.push_str(&format!("\n{}\n", l(Label::ChangedCriteria)));
        for c in &v.criteria {
            out.push_str(&format!("  {c}\n"));
        }
    }
    if v.rows.is_empty() {
        out.push_str(&format!("\n{}\n", l(Label::NoChanges)));
    } else {
        out.push_str(&format!(
            "\n{} ({})\n",
            l(Label::ChangedApplications),
            v.rows.len()
        ));
        for row in &v.rows {
            out.push_str(&format!("  {}  {}\n", row.id, row.title));
            for (label, value) in [
                (Label::Rank, &row.rank),
                (Label::Total, &row.total),
                (Label::Recommendation, &row.recommendation),
                (Label::Granted, &row.granted),
            ] {
                out.push_str(&format!("      {}: {value}\n", l(label)));
            }
            for points in &row.points {
                out.push_str(&format!("      {} {points}\n", l(Label::PointsOf)));
            }
        }
        out.push_str(&format!(
            "  {}: {}\n",
            l(Label::UnchangedApplications),
            v.unchanged
        ));
    }
    out.push_str(&format!("\n{}\n", l(Label::Summary)));
    for (label, value) in &v.summary {
        out.push_str(&format!("  {label}: {value}\n"));
    }
    if !v.rejected.is_empty() {
        out.push_str(&format!("\n{}\n", l(Label::Rejected)));
        for (source, before, after) in &v.rejected {
            out.push_str(&format!("  {source}\n"));
            if !before.is_empty() {
                out.push_str(&format!("      {}: {before}\n", l(Label::Before)));
            }
            if !after.is_empty() {
                out.push_str(&format!("      {}: {after}\n", l(Label::After)));
            }
        }
    }
    out
}

/// The changes as Markdown.
pub fn markdown(v: &ChangesView) -> String {
    render("changes.md", &v.lang, Value::from(Serde(v)))
}

/// The changes as one self-contained HTML page.
pub fn html(v: &ChangesView) -> String {
    render("changes.html", &v.lang, Value::from(Serde(v)))
}
