//! The robustness of a ranking ([`crate::sensitivity`]) written out for people: as text for a
//! terminal and as a section of the batch overview.

use serde::Serialize;

use crate::labels::{self, Label};
use crate::sensitivity::{Sensitivity, WeightChange};

/// A sensitivity analysis, every value written out in one language.
#[derive(Debug, Clone, Serialize)]
pub struct SensitivityView {
    /// Language of labels and numbers.
    pub lang: String,
    /// The budget ranked against.
    pub budget: String,
    /// Applications whose funding one weight change in range flips, closest first.
    pub rows: Vec<RobustRow>,
    /// How many applications no such change flips.
    pub robust: usize,
    /// The best package under ±10 % on one weight, as lines (a title first); empty for a pack
    /// without goals whose rule is not `optimal`.
    pub package: Vec<String>,
}

/// One application near the funding line.
#[derive(Debug, Clone, Serialize)]
pub struct RobustRow {
    /// Whether it flips within the flagged range.
    pub flagged: bool,
    /// Its rank, or "ikke placeret".
    pub rank: String,
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Whether it is funded now ("ja"/"nej").
    pub funded: String,
    /// The smallest change: "events: Vægt 2 → 2,05 (+2,5 %)".
    pub smallest: String,
    /// The smallest change per criterion that has one in range.
    pub criteria: Vec<String>,
}

/// Writes `s` out in `lang`; `currency` for the budget, `title` gives an application's title by
/// id.
pub fn view(
    s: &Sensitivity,
    currency: &str,
    lang: &str,
    title: &dyn Fn(&str) -> String,
) -> SensitivityView {
    let change = |c: &WeightChange| {
        let sign = if c.percent.0.is_sign_negative() {
            "−"
        } else {
            "+"
        };
        format!(
            "{}: {} {} → {} ({sign}{} %)",
            c.criterion,
            Label::Weight.text(lang),
            labels::number(c.weight, lang),
            labels::number(c.new_weight, lang),
            labels::number(crate::decimal::Decimal(c.percent.0.abs()), lang),
        )
    };
    let rows = s
        .applications
        .iter()
        .map(|a| RobustRow {
            flagged: a.flagged,
            rank: a.rank.map_or_else(
                || Label::NotRanked.text(lang).to_string(),
                |r| r.to_string(),
            ),
            id: a.application_id.clone(),
            title: title(&a.application_id),
            funded: if a.funded { Label::Yes } else { Label::No }
                .text(lang)
                .to_string(),
            smallest: change(&a.smallest),
            criteria: a.criteria.iter().flatten().map(change).collect(),
        })
        .collect();
    let mut package = Vec::new();
    if let Some(p) = &s.package {
        package.push(Label::PackageSensitivityTitle.text(lang).to_string());
        if let Some(why) = &p.failed {
            package.push(Label::PackageSensitivityFailed.fill(lang, &[("why", why)]));
        } else if p.changes.is_empty() {
            package
                .push(Label::PackageSensitivityNone.fill(lang, &[("tried", &p.tried.to_string())]));
        }
        let ids = |ids: &[String]| {
            if ids.is_empty() {
                Label::NoneOf.text(lang).to_string()
            } else {
                ids.join(", ")
            }
        };
        for c in &p.changes {
            package.push(Label::PackageSensitivityChange.fill(
                lang,
                &[
                    ("change", &change(&c.change)),
                    ("added", &ids(&c.added)),
                    ("removed", &ids(&c.removed)),
                ],
            ));
        }
    }
    SensitivityView {
        lang: lang.to_string(),
        budget: labels::amount(s.budget, currency, lang),
        rows,
        robust: s.robust,
        package,
    }
}

/// The analysis as text for a terminal.
pub fn text(v: &SensitivityView) -> String {
    let l = |label: Label| label.text(&v.lang);
    let mut out = format!(
        "{}\n{}\n{}: {}\n\n",
        l(Label::SensitivityTitle),
        l(Label::SensitivityIntro),
        l(Label::Budget),
        v.budget
    );
    if v.rows.is_empty() {
        out.push_str(l(Label::SensitivityNone));
        out.push('\n');
    }
    for row in &v.rows {
        let flag = if row.flagged { "⚠" } else { " " };
        out.push_str(&format!(
            "{flag} {}: {}  {}  ({}: {})\n    {}: {}\n",
            l(Label::Rank),
            row.rank,
            row.id,
            l(Label::Funded),
            row.funded,
            l(Label::Smallest),
            row.smallest
        ));
        out.push_str(&format!("    {}\n", row.title));
        for c in &row.criteria {
            out.push_str(&format!("      · {c}\n"));
        }
    }
    out.push_str(&format!("\n{}: {}\n", l(Label::Robust), v.robust));
    if !v.package.is_empty() {
        out.push('\n');
        for line in &v.package {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
