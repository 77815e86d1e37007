//! The batch summary (`summary.json`) and the ranking table (`ranking.csv`).
//!
//! Both are rendered from decisions in output order; writing them is the caller's business.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::ENGINE_VERSION;
use crate::batch::Rejected;
use crate::decimal::Decimal;
use crate::decision::{PackRef, Recommendation};
use crate::labels::Label;
use crate::pack::RulePack;
use crate::ranking::Ranking;

/// `summary.json`: counts, budget, the pack, and every rejected input with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The pack that made the decisions.
    pub pack: PackRef,
    /// Version of kriterium.
    pub engine_version: String,
    /// Inputs read (assessed and rejected).
    pub inputs: u64,
    /// Decisions per recommendation, and how many inputs were rejected.
    pub counts: BTreeMap<String, u64>,
    /// The budget funded against.
    pub budget: u64,
    /// Granted in all.
    pub budget_used: u64,
    /// Not granted.
    pub budget_left: u64,
    /// Inputs that were not assessed, in reading order.
    pub rejected: Vec<RejectedInput>,
}

/// An input that was not assessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedInput {
    /// The file, or `<stdin>`.
    pub source: String,
    /// The line in a JSON Lines input.
    pub line: Option<usize>,
    /// The application's id, when a valid one was read.
    pub application_id: Option<String>,
    /// Why, one problem per entry (`file:line: /pointer: message`).
    pub problems: Vec<String>,
}

impl Summary {
    /// The summary of a batch: `ranking` of its assessed applications against `budget`, and
    /// the inputs it rejected (in reading order).
    pub fn of(pack: &RulePack, ranking: &Ranking, budget: u64, rejected: &[Rejected]) -> Self {
        let mut counts: BTreeMap<String, u64> = ranking
            .counts()
            .into_iter()
            .map(|(recommendation, n)| (recommendation.key().to_string(), n))
            .collect();
        counts.insert("rejected".into(), rejected.len() as u64);
        Summary {
            pack: PackRef {
                id: pack.manifest.id.clone(),
                version: pack.manifest.version.clone(),
                fingerprint: pack.fingerprint.clone(),
            },
            engine_version: ENGINE_VERSION.to_string(),
            inputs: (ranking.placements.len() + rejected.len()) as u64,
            counts,
            budget,
            budget_used: ranking.used,
            // The ranking never grants more than the budget.
            budget_left: budget.saturating_sub(ranking.used),
            rejected: rejected
                .iter()
                .map(|r| RejectedInput {
                    source: r.source.clone(),
                    line: r.line,
                    application_id: r.application_id.clone(),
                    problems: r.problems.iter().map(ToString::to_string).collect(),
                })
                .collect(),
        }
    }

    /// How many decisions got `key` (a recommendation's key, or `rejected`).
    pub fn count(&self, key: &str) -> u64 {
        self.counts.get(key).copied().unwrap_or(0)
    }
}

/// The header of `ranking.csv`: rank, id, title, total, points per criterion, requested,
/// granted, recommendation.
pub fn csv_header(criteria: &[String], lang: &str) -> String {
    let mut fields: Vec<String> = vec![
        Label::Rank.text(lang).into(),
        Label::Application.text(lang).into(),
        Label::Title.text(lang).into(),
        Label::Total.text(lang).into(),
    ];
    fields.extend(criteria.iter().cloned());
    fields.extend(
        [Label::Requested, Label::Granted, Label::Recommendation].map(|l| l.text(lang).to_string()),
    );
    csv_line(&fields)
}

/// What one row of `ranking.csv` shows.
#[derive(Debug, Clone, Copy)]
pub struct CsvRow<'a> {
    /// Place in the ranking, if ranked.
    pub rank: Option<u64>,
    /// The application's id.
    pub application_id: &'a str,
    /// The application's title.
    pub title: &'a str,
    /// Total weighted points.
    pub total: Decimal,
    /// Points per criterion in priority order.
    pub points: &'a [Decimal],
    /// Amount requested.
    pub requested: u64,
    /// Amount granted.
    pub granted: u64,
    /// The batch's recommendation.
    pub recommendation: Recommendation,
}

/// One row of `ranking.csv`. Numbers have a decimal comma, as Danish spreadsheets expect.
pub fn csv_row(row: &CsvRow<'_>, lang: &str) -> String {
    let mut fields = vec![
        row.rank.map(|r| r.to_string()).unwrap_or_default(),
        row.application_id.to_string(),
        row.title.to_string(),
        row.total.with_comma(),
    ];
    fields.extend(row.points.iter().map(|p| p.with_comma()));
    fields.push(row.requested.to_string());
    fields.push(row.granted.to_string());
    fields.push(
        Label::recommendation(row.recommendation)
            .text(lang)
            .to_string(),
    );
    csv_line(&fields)
}

/// Fields joined by `;`, quoted where needed, ending in CRLF (what spreadsheet programs write).
fn csv_line(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(";");
    line.push_str("\r\n");
    line
}

/// A field as CSV: quoted when it holds `;`, `"` or a line break. A field an applicant wrote that
/// starts with `=`, `+`, `-` or `@` would run as a formula in a spreadsheet; a leading `'` keeps
/// it text.
fn csv_field(field: &str) -> String {
    // Control characters (a NUL, an ESC) are shown as `<U+0000>`, never written raw.
    let field = &*crate::text::visible(field, crate::text::Kind::Line);
    let guarded = if field.starts_with(['=', '+', '-', '@']) && field.parse::<f64>().is_err() {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if guarded.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("„Stemmer\" & co"), "\"„Stemmer\"\" & co\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-5"), "-5");
        assert_eq!(csv_line(&["a".into(), "b".into()]), "a;b\r\n");
        assert_eq!(csv_field("a\u{0}b\u{1b}[2J"), "a<U+0000>b<U+001B>[2J");
    }
}
