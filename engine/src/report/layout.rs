//! The report of one application laid out as Markdown and as a self-contained HTML page,
//! written straight into one string.
//!
//! A batch writes two reports per application, so these two layouts are written in Rust
//! rather than run through the template engine: a template run looked every value and label up
//! by name in maps built for it, which cost several times the writing itself. Every value an
//! application, a pack or a script wrote, and every label, goes through [`escape::write`]
//! (HTML-escaped in `.html`, backslash-escaped in `.md`, control characters shown as
//! `<U+001B>`); only the fixed markup here is written as it is. The other pages (the batch
//! overview, `diff`'s changes) stay templates in `templates/`: they are written once a run.

use std::borrow::Cow;
use std::fmt::Write;

use super::basis::BasisLine;
use super::escape::{self, Format};
use super::view::{CriterionReviewView, CriterionView, ReportView, ReviewsView};
use crate::labels::{Label, Sentence};

/// The style sheet every HTML page embeds (as the overview does), without its last line feed.
const STYLE: &str = include_str!("../../templates/style.css");

/// Bytes reserved for a report before it is written: more than most reports need.
const CAPACITY: usize = 8 * 1024;

/// What a report of a pack with reviewed criteria adds to the style sheet (only those reports,
/// so the others stay as they were): the flag of reviewers who disagree.
pub const REVIEW_STYLE: &str = ".disagreement { color: var(--reserve); font-weight: 600; }\n";

/// A page (or part of one) being written in one format and language.
pub(super) struct Page<'v> {
    out: String,
    format: Format,
    lang: &'v str,
}

impl<'v> Page<'v> {
    /// An empty page with room for `capacity` bytes.
    pub(super) fn new(format: Format, lang: &'v str, capacity: usize) -> Self {
        Page {
            out: String::with_capacity(capacity),
            format,
            lang,
        }
    }

    /// What was written.
    pub(super) fn finish(self) -> String {
        self.out
    }

    /// Fixed markup, written as it is.
    pub(super) fn raw(&mut self, markup: &str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// A value, escaped for the format.
    pub(super) fn text(&mut self, value: &str) -> &mut Self {
        escape::write(value, self.format, &mut self.out)
            .expect("writing into a String does not fail");
        self
    }

    /// A label in the report's language, escaped like a value.
    pub(super) fn label(&mut self, label: Label) -> &mut Self {
        let text = label.text(self.lang);
        self.text(text)
    }

    /// One fact of a list: `- **Label:** value` and a line feed in Markdown, a term and its
    /// description in HTML.
    pub(super) fn fact(&mut self, label: Label, value: &str) -> &mut Self {
        let (before, between, after) = match self.format {
            Format::Markdown => ("- **", ":** ", "\n"),
            Format::Html => ("<dt>", "</dt><dd>", "</dd>\n"),
        };
        self.raw(before)
            .label(label)
            .raw(between)
            .text(value)
            .raw(after)
    }

    /// ` data-label="…"` with a column's heading, which a table laid out as cards on a phone
    /// (`table.stack` in `style.css`) shows above the cell's value.
    pub(super) fn data_label(&mut self, label: Label) -> &mut Self {
        self.raw(" data-label=\"").label(label).raw("\"")
    }

    /// A whole number.
    pub(super) fn number(&mut self, n: u64) -> &mut Self {
        write!(self.out, "{n}").expect("writing into a String does not fail");
        self
    }
}

/// A text that is there and not empty (how a template tests it).
fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.is_empty())
}

/// The facts at the head of a report.
fn header<'v>(view: &'v ReportView<'_>) -> [(Label, &'v str); 6] {
    [
        (Label::Id, &view.id),
        (Label::Applicant, &view.applicant),
        (Label::Organisation, &view.organisation),
        (Label::Municipalities, &view.municipalities),
        (Label::Requested, &view.requested),
        (Label::Period, &view.period),
    ]
}

/// Where the application stood in its batch (nothing outside a batch): its rank, when it has
/// one (a rank of 0 would be shown as none), the budget, what was left of it, and the grant.
fn place<'v>(view: &'v ReportView<'_>) -> Vec<(Label, Cow<'v, str>)> {
    let Some(batch) = &view.batch else {
        return Vec::new();
    };
    let mut facts = Vec::with_capacity(4);
    if let Some(rank) = batch.rank.filter(|&r| r != 0) {
        facts.push((Label::Rank, Cow::Owned(rank.to_string())));
    }
    facts.push((Label::Budget, Cow::Borrowed(batch.budget.as_str())));
    if let Some(left) = present(&batch.left_before) {
        facts.push((Label::BudgetLeftBefore, Cow::Borrowed(left)));
    }
    facts.push((Label::Granted, Cow::Borrowed(batch.granted.as_str())));
    facts
}

/// Where a rule comes from, under its title in an HTML table: classed by whose rule it is
/// (`basis-source`, `basis-reading`) for the style sheet.
fn basis_html(p: &mut Page<'_>, basis: Option<&BasisLine>) {
    if let Some(basis) = basis {
        p.raw("<small class=\"basis basis-")
            .raw(basis.kind)
            .raw("\">")
            .text(&basis.text)
            .raw("</small>");
    }
}

/// The report as Markdown.
pub fn markdown(view: &ReportView) -> String {
    let mut p = Page::new(Format::Markdown, &view.lang, CAPACITY);
    p.raw("# ")
        .label(Label::ReportTitle)
        .raw(": ")
        .text(&view.title);
    p.raw("\n\n");
    for (label, value) in header(view) {
        p.fact(label, value);
    }
    p.raw("\n## ")
        .label(Label::Recommendation)
        .raw(": ")
        .text(view.recommendation);
    if view.awaiting_review && view.eligible {
        // No total until every reviewed criterion has its reviews.
        p.raw("\n\n")
            .label(Label::Total)
            .raw(": **")
            .text(&view.total)
            .raw("**");
    } else if view.eligible {
        p.raw("\n\n")
            .label(Label::Total)
            .raw(": **")
            .text(&view.total)
            .raw("** ");
        p.label(Label::Of)
            .raw(" ")
            .text(&view.max_total)
            .raw(" ")
            .label(Label::PointsUnit);
    } else {
        // An ineligible application's points decide nothing: say so instead of a total.
        p.raw("\n\n").text(Sentence::PointsNotUsed.text(&view.lang));
    }
    if let Some(threshold) =
        present(&view.threshold).filter(|_| view.eligible && !view.awaiting_review)
    {
        // One value in the template (` (` ~ … ~ `)`), escaped as one.
        let l = |label: Label| label.text(&view.lang);
        let part = format!(
            " ({}: {threshold} {})",
            l(Label::Threshold),
            l(Label::PointsUnit)
        );
        p.text(&part);
    }
    p.raw("\n");
    if view.batch.is_some() {
        p.raw("\n");
        for (label, value) in place(view) {
            p.fact(label, &value);
        }
    }
    p.raw("\n### ").label(Label::Why).raw("\n");
    for sentence in &view.why {
        p.raw("\n").text(sentence).raw("\n");
    }
    if let Some(rule) = &view.funding_rule {
        p.raw("\n").text(rule).raw("\n");
        if let Some(basis) = view.funding_basis {
            p.raw("\n").text(&basis.text).raw("\n");
        }
    }
    if !view.gates.is_empty() {
        p.raw("\n## ")
            .label(Label::Gates)
            .raw(": ")
            .label(gates_met(view));
        p.raw("\n\n| ")
            .label(Label::Requirement)
            .raw(" | ")
            .label(Label::Result);
        p.raw(" | ").label(Label::Reason).raw(" |\n|---|---|---|\n");
        for g in &view.gates {
            p.raw("| ")
                .text(&g.title)
                .raw(" | ")
                .text(g.state)
                .raw(" | ")
                .text(&g.reason);
            p.raw(" |\n");
        }
        // A table cell holds one line: each requirement's basis follows the table.
        let bases: Vec<_> = view
            .gates
            .iter()
            .filter_map(|g| Some((&g.title, g.basis.as_ref()?)))
            .collect();
        if !bases.is_empty() {
            p.raw("\n");
        }
        for (title, basis) in bases {
            p.raw("- **")
                .text(title)
                .raw(":** ")
                .text(&basis.text)
                .raw("\n");
        }
    }
    p.raw("\n## ")
        .label(Label::criteria_heading(view.eligible))
        .raw("\n\n| ")
        .label(Label::Number);
    for label in [
        Label::Criterion,
        Label::Points,
        Label::Max,
        Label::Weight,
        Label::Weighted,
    ] {
        p.raw(" | ").label(label);
    }
    p.raw(" |\n|---:|---|---:|---:|---:|---:|\n");
    for c in &view.criteria {
        p.raw("| ")
            .number(c.priority.into())
            .raw(". | ")
            .text(&c.title);
        if let Some(minimum) = present(&c.minimum) {
            p.raw(" (").text(minimum);
            if c.below_minimum {
                p.raw(" – ").label(Label::BelowMinimum);
            }
            p.raw(")");
        }
        for value in [&c.points, &c.max_points, &c.weight, &c.weighted] {
            p.raw(" | ").text(value);
        }
        p.raw(" |\n");
    }
    p.raw("| | **")
        .label(Label::Total)
        .raw("** | | | | **")
        .text(&view.total)
        .raw("** |\n");
    for c in &view.criteria {
        p.raw("\n### ")
            .number(c.priority.into())
            .raw(". ")
            .text(&c.title)
            .raw(": ");
        if c.review.as_ref().is_some_and(|r| r.pending.is_some()) {
            p.text(&c.points).raw("\n\n");
        } else {
            p.text(&c.points)
                .raw(" ")
                .label(Label::Of)
                .raw(" ")
                .text(&c.max_points)
                .raw(" ");
            p.label(Label::PointsUnit).raw("\n\n");
        }
        if let Some(basis) = &c.basis {
            p.text(&basis.text).raw("\n\n");
        }
        for reason in &c.reasons {
            p.raw("- ").text(reason).raw("\n");
        }
        if let Some(review) = &c.review {
            if !c.reasons.is_empty() {
                p.raw("\n");
            }
            scores_markdown(&mut p, review);
        }
    }
    if let Some(reviews) = &view.reviews {
        reviews_markdown(&mut p, reviews);
    }
    p.raw("\n---\n\n**")
        .label(Label::Basis)
        .raw("**\n\n- ")
        .label(Label::Pack)
        .raw(": ");
    p.text(&view.pack_id)
        .raw(" ")
        .label(Label::Version)
        .raw(" ")
        .text(&view.pack_version);
    p.raw("\n- ")
        .label(Label::PackFingerprint)
        .raw(": `")
        .text(&view.pack_fingerprint);
    p.raw("`\n- ")
        .label(Label::InputFingerprint)
        .raw(": `")
        .text(&view.input_fingerprint);
    if let Some(reviews) = &view.reviews {
        p.raw("`\n- ")
            .label(Label::ReviewsFingerprint)
            .raw(": `")
            .text(&reviews.fingerprint);
        if let Some(all) = &reviews.calibrated_from {
            p.raw("`\n- ")
                .label(Label::CalibratedFrom)
                .raw(": `")
                .text(all);
        }
    }
    p.raw("`\n- ")
        .label(Label::EngineVersion)
        .raw(": ")
        .text(&view.engine_version);
    p.finish()
}

/// Sentences as the reports list reasons in HTML: `<ul class="reasons">`, an item each.
fn reasons_html(p: &mut Page<'_>, items: &[String]) {
    p.raw("<ul class=\"reasons\">");
    for item in items {
        p.raw("<li>").text(item).raw("</li>");
    }
    p.raw("</ul>");
}

/// The scale, spread and disagreement of a reviewed criterion, on one line (no line feed).
fn review_line(p: &mut Page<'_>, review: &CriterionReviewView) {
    p.label(Label::Scale).raw(": ").text(&review.scale);
    if let Some(pending) = &review.pending {
        p.raw(" · ").text(pending);
    }
    if let Some(spread) = &review.spread {
        p.raw(" · ").label(Label::Spread).raw(": ").text(spread);
    }
}

/// The reviewers' scores of a criterion in Markdown, under its reasons: its scale and spread,
/// then a table (reviewer, score, calibrated score when calibrated, comment).
fn scores_markdown(p: &mut Page<'_>, review: &CriterionReviewView) {
    review_line(p, review);
    if review.disagreement {
        p.raw(" – **").label(Label::Disagreement).raw("**");
    }
    p.raw("\n");
    if review.scores.is_empty() {
        return;
    }
    p.raw("\n| ")
        .label(Label::Reviewer)
        .raw(" | ")
        .label(Label::Score);
    if review.calibrated {
        p.raw(" | ").label(Label::CalibratedScore);
    }
    p.raw(" | ").label(Label::Comment).raw(" |\n|---|---:|");
    if review.calibrated {
        p.raw("---:|");
    }
    p.raw("---|\n");
    for score in &review.scores {
        p.raw("| ")
            .text(&score.reviewer)
            .raw(" | ")
            .text(&score.score);
        if review.calibrated {
            p.raw(" | ")
                .text(score.calibrated.as_deref().unwrap_or_default());
        }
        p.raw(" | ").text(&score.comment).raw(" |\n");
    }
}

/// Who assessed the application and who stood aside, in Markdown.
fn reviews_markdown(p: &mut Page<'_>, reviews: &ReviewsView) {
    p.raw("\n## ").label(Label::Reviews).raw("\n\n");
    p.fact(Label::AssessedBy, &reviews.assessed_by);
    if !reviews.stood_aside.is_empty() {
        p.raw("- **").label(Label::StoodAside).raw(":**\n");
        for member in &reviews.stood_aside {
            p.raw("  - ").text(member).raw("\n");
        }
    }
}

/// Who assessed the application and who stood aside, then the reviewers' scores of each
/// reviewed criterion, as a section of the HTML page.
fn reviews_html(p: &mut Page<'_>, reviews: &ReviewsView, criteria: &[CriterionView<'_>]) {
    p.raw("<section class=\"reviews\">\n<h2>")
        .label(Label::Reviews)
        .raw("</h2>\n<dl class=\"facts\">\n");
    p.fact(Label::AssessedBy, &reviews.assessed_by);
    if !reviews.stood_aside.is_empty() {
        p.raw("<dt>").label(Label::StoodAside).raw("</dt><dd>");
        reasons_html(p, &reviews.stood_aside);
        p.raw("</dd>\n");
    }
    p.raw("</dl>\n");
    for c in criteria {
        let Some(review) = &c.review else { continue };
        p.raw("<h3>")
            .number(c.priority.into())
            .raw(". ")
            .text(&c.title)
            .raw("</h3>\n<p>");
        review_line(p, review);
        if review.disagreement {
            p.raw(" <strong class=\"disagreement\">")
                .label(Label::Disagreement)
                .raw("</strong>");
        }
        p.raw("</p>\n");
        if review.scores.is_empty() {
            continue;
        }
        p.raw("<div class=\"table-wrap\">\n<table class=\"stack\">\n<thead><tr>");
        p.raw("<th scope=\"col\">")
            .label(Label::Reviewer)
            .raw("</th><th scope=\"col\" class=\"num\">")
            .label(Label::Score)
            .raw("</th>");
        if review.calibrated {
            p.raw("<th scope=\"col\" class=\"num\">")
                .label(Label::CalibratedScore)
                .raw("</th>");
        }
        p.raw("<th scope=\"col\">")
            .label(Label::Comment)
            .raw("</th></tr></thead>\n<tbody>\n");
        for score in &review.scores {
            p.raw("<tr><th scope=\"row\">")
                .text(&score.reviewer)
                .raw("</th><td class=\"num\"")
                .data_label(Label::Score)
                .raw(">")
                .text(&score.score)
                .raw("</td>");
            if review.calibrated {
                p.raw("<td class=\"num\"")
                    .data_label(Label::CalibratedScore)
                    .raw(">")
                    .text(score.calibrated.as_deref().unwrap_or_default())
                    .raw("</td>");
            }
            p.raw("<td")
                .data_label(Label::Comment)
                .raw(">")
                .text(&score.comment)
                .raw("</td></tr>\n");
        }
        p.raw("</tbody>\n</table>\n</div>\n");
    }
    p.raw("</section>\n\n");
}

/// The report as a self-contained HTML page.
pub fn html(view: &ReportView) -> String {
    let mut p = Page::new(Format::Html, &view.lang, CAPACITY + STYLE.len());
    p.raw("<!DOCTYPE html>\n<html lang=\"")
        .text(&view.lang)
        .raw("\">\n<head>\n");
    p.raw("<meta charset=\"utf-8\">\n");
    p.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    p.raw("<title>")
        .label(Label::ReportTitle)
        .raw(" ")
        .text(&view.id)
        .raw(": ");
    p.text(&view.title).raw("</title>\n<style>\n");
    p.raw(STYLE.strip_suffix('\n').unwrap_or(STYLE));
    if view.reviews.is_some() {
        p.raw("\n")
            .raw(REVIEW_STYLE.strip_suffix('\n').unwrap_or(REVIEW_STYLE));
    }
    p.raw("</style>\n</head>\n<body>\n<main>\n");
    body(&mut p, view);
    p.raw("</main>\n</body>\n</html>");
    p.finish()
}

/// The report's content without the page around it (no `<html>`, style or `<main>`): what a
/// page of the web app shows inside its own layout, escaped as the report is. Its review
/// table's marks need [`REVIEW_STYLE`] besides the reports' style sheet.
pub fn html_body(view: &ReportView) -> String {
    let mut p = Page::new(Format::Html, &view.lang, CAPACITY);
    body(&mut p, view);
    p.finish()
}

/// Everything of the HTML report between `<main>` and `</main>`.
fn body(p: &mut Page<'_>, view: &ReportView) {
    p.raw("<header>\n<p class=\"kicker\">");
    p.label(Label::ReportTitle)
        .raw("</p>\n<h1>")
        .text(&view.title)
        .raw("</h1>\n");
    p.raw("<dl class=\"facts\">\n");
    for (label, value) in header(view) {
        p.fact(label, value);
    }
    p.raw("</dl>\n</header>\n\n<section class=\"outcome ")
        .text(view.recommendation_key);
    p.raw("\">\n<h2>")
        .label(Label::Recommendation)
        .raw(": ")
        .text(view.recommendation);
    p.raw("</h2>\n<p>");
    if view.awaiting_review && view.eligible {
        // No total until every reviewed criterion has its reviews.
        p.label(Label::Total)
            .raw(": <strong>")
            .text(&view.total)
            .raw("</strong>");
    } else if view.eligible {
        p.label(Label::Total).raw(": <strong>").text(&view.total);
        p.raw("</strong> ")
            .label(Label::Of)
            .raw(" ")
            .text(&view.max_total)
            .raw(" ");
        p.label(Label::PointsUnit);
    } else {
        // An ineligible application's points decide nothing: say so instead of a total.
        p.text(Sentence::PointsNotUsed.text(&view.lang));
    }
    if let Some(threshold) =
        present(&view.threshold).filter(|_| view.eligible && !view.awaiting_review)
    {
        p.raw(" (")
            .label(Label::Threshold)
            .raw(": ")
            .text(threshold)
            .raw(" ");
        p.label(Label::PointsUnit).raw(")");
    }
    p.raw("</p>\n");
    if view.batch.is_some() {
        p.raw("<dl class=\"facts\">\n");
        for (label, value) in place(view) {
            p.fact(label, &value);
        }
        p.raw("</dl>\n");
    }
    p.raw("<h3>").label(Label::Why).raw("</h3>\n");
    for sentence in &view.why {
        p.raw("<p>").text(sentence).raw("</p>\n");
    }
    if let Some(rule) = &view.funding_rule {
        p.raw("<p class=\"funding-rule\">").text(rule);
        basis_html(p, view.funding_basis);
        p.raw("</p>\n");
    }
    p.raw("</section>\n\n");
    if !view.gates.is_empty() {
        p.raw("<section>\n<h2>")
            .label(Label::Gates)
            .raw(": ")
            .label(gates_met(view));
        p.raw("</h2>\n<div class=\"table-wrap\">\n<table class=\"stack\">\n<thead><tr>");
        for label in [Label::Requirement, Label::Result, Label::Reason] {
            p.raw("<th scope=\"col\">").label(label).raw("</th>");
        }
        p.raw("</tr></thead>\n<tbody>\n");
        for g in &view.gates {
            let class = if g.passed {
                "state-met"
            } else {
                "state-not-met"
            };
            p.raw("<tr><th scope=\"row\">").text(&g.title);
            basis_html(p, g.basis);
            p.raw("</th><td class=\"");
            p.raw(class).raw("\"").data_label(Label::Result).raw(">");
            p.text(g.state)
                .raw("</td><td")
                .data_label(Label::Reason)
                .raw(">")
                .text(&g.reason);
            p.raw("</td></tr>\n");
        }
        p.raw("</tbody>\n</table>\n</div>\n</section>\n");
    }
    p.raw("\n<section>\n<h2>")
        .label(Label::criteria_heading(view.eligible));
    p.raw("</h2>\n<div class=\"table-wrap\">\n<table class=\"stack\">\n<thead><tr>");
    let columns = [
        (Label::Number, " class=\"num\""),
        (Label::Criterion, ""),
        (Label::Points, " class=\"num\""),
        (Label::Max, " class=\"num\""),
        (Label::Weight, " class=\"num\""),
        (Label::Weighted, " class=\"num\""),
        (Label::Reasons, ""),
    ];
    for (label, class) in columns {
        p.raw("<th scope=\"col\"")
            .raw(class)
            .raw(">")
            .label(label)
            .raw("</th>");
    }
    p.raw("</tr></thead>\n<tbody>\n");
    for c in &view.criteria {
        p.raw("<tr><td class=\"num\">")
            .number(c.priority.into())
            .raw(".</td>");
        p.raw("<th scope=\"row\">").text(&c.title);
        if let Some(minimum) = present(&c.minimum) {
            let class = if c.below_minimum { "below-minimum" } else { "" };
            p.raw("<br><small class=\"")
                .raw(class)
                .raw("\">(")
                .text(minimum);
            if c.below_minimum {
                p.raw(" – ").label(Label::BelowMinimum);
            }
            p.raw(")</small>");
        }
        basis_html(p, c.basis);
        p.raw("</th>");
        let values = [
            (Label::Points, &c.points),
            (Label::Max, &c.max_points),
            (Label::Weight, &c.weight),
            (Label::Weighted, &c.weighted),
        ];
        for (label, value) in values {
            p.raw("<td class=\"num\"").data_label(label).raw(">");
            p.text(value).raw("</td>");
        }
        p.raw("<td").data_label(Label::Reasons).raw(">");
        reasons_html(p, &c.reasons);
        p.raw("</td></tr>\n");
    }
    p.raw("</tbody>\n<tfoot><tr><th scope=\"row\" colspan=\"5\">")
        .label(Label::Total);
    // `l.Max|lower` in the template.
    let max = Label::Max.text(&view.lang).to_lowercase();
    p.raw(" (")
        .text(&max)
        .raw(" ")
        .text(&view.max_total)
        .raw(")</th><td class=\"num\">");
    p.text(&view.total)
        .raw("</td><td></td></tr></tfoot>\n</table>\n</div>\n</section>\n\n");
    if let Some(reviews) = &view.reviews {
        reviews_html(p, reviews, &view.criteria);
    }
    p.raw("<footer>\n<h2>")
        .label(Label::Basis)
        .raw("</h2>\n<dl class=\"facts\">\n");
    p.raw("<dt>")
        .label(Label::Pack)
        .raw("</dt><dd>")
        .text(&view.pack_id)
        .raw(" ");
    p.label(Label::Version)
        .raw(" ")
        .text(&view.pack_version)
        .raw("</dd>\n");
    p.fact(Label::PackFingerprint, &view.pack_fingerprint)
        .fact(Label::InputFingerprint, &view.input_fingerprint);
    if let Some(reviews) = &view.reviews {
        p.fact(Label::ReviewsFingerprint, &reviews.fingerprint);
        if let Some(all) = &reviews.calibrated_from {
            p.fact(Label::CalibratedFrom, all);
        }
    }
    p.fact(Label::EngineVersion, &view.engine_version);
    p.raw("</dl>\n</footer>\n");
}

/// Whether every requirement was met, as the heading of the requirements says it.
fn gates_met(view: &ReportView) -> Label {
    if view.eligible {
        Label::GatesMet
    } else {
        Label::GatesNotMet
    }
}

#[cfg(test)]
mod tests {
    use super::{html, markdown};
    use crate::report::basis::BasisLine;
    use crate::report::view::{
        BatchView, CriterionReviewView, CriterionView, GateView, ReportView, ReviewsView, ScoreView,
    };

    /// A report in which every text an application, pack or script can set is `hostile`;
    /// `bases` are the gate's and the criterion's basis (written with `hostile` by the caller).
    fn hostile_view<'b>(hostile: &str, bases: &'b [BasisLine; 2]) -> ReportView<'b> {
        let s = || hostile.to_string();
        ReportView {
            lang: s(),
            id: s(),
            title: s(),
            applicant: s(),
            organisation: s(),
            municipalities: s(),
            requested: s(),
            period: s(),
            // Eligible, so the outcome shows the total and threshold as well (an ineligible
            // report leaves them out) and every text is written.
            eligible: true,
            gates: vec![GateView {
                title: s(),
                passed: false,
                state: "ikke opfyldt",
                reason: s(),
                basis: Some(&bases[0]),
            }],
            criteria: vec![CriterionView {
                priority: 1,
                title: s(),
                points: s(),
                max_points: s(),
                weight: s(),
                weighted: s(),
                minimum: Some(s()),
                below_minimum: true,
                reasons: vec![s(), s()],
                basis: Some(&bases[1]),
                review: Some(CriterionReviewView {
                    pending: None,
                    scale: s(),
                    scores: vec![ScoreView {
                        reviewer: s(),
                        score: s(),
                        calibrated: Some(s()),
                        comment: s(),
                    }],
                    calibrated: true,
                    spread: Some(s()),
                    disagreement: true,
                }),
            }],
            total: s(),
            max_total: s(),
            threshold: Some(s()),
            recommendation_key: "fund",
            recommendation: "støttes",
            why: vec![s()],
            awaiting_review: false,
            reviews: Some(ReviewsView {
                assessed_by: s(),
                stood_aside: vec![s()],
                fingerprint: s(),
                calibrated_from: Some(s()),
            }),
            batch: Some(BatchView {
                rank: Some(1),
                budget: s(),
                left_before: Some(s()),
                granted: s(),
            }),
            funding_rule: Some(s()),
            funding_basis: Some(&bases[0]),
            pack_id: s(),
            pack_version: s(),
            pack_fingerprint: s(),
            input_fingerprint: s(),
            engine_version: s(),
        }
    }

    /// Texts written in the HTML page: the view's 43 texts (the funding rule among them), the
    /// id, title, total and highest total a second time (page title, heading, table foot), the
    /// criterion's title a second time (above its reviews), and the gate's basis a second time
    /// (as the funding rule's).
    const HTML_FIELDS: usize = 49;
    /// Texts written in Markdown: the view's texts but the language (42, the funding rule among
    /// them), and the total and the criterion's title, points and highest points a second time
    /// (the section per criterion, the table's last row), the gate's title a second time (its
    /// basis, after the table), and the gate's basis a second time (as the funding rule's).
    const MARKDOWN_FIELDS: usize = 48;

    #[test]
    fn every_text_of_a_report_is_escaped_in_html_and_markdown() {
        let hostile = "<i>\u{1b}";
        let bases = ["reading", "source"].map(|kind| BasisLine {
            kind,
            text: hostile.to_string(),
        });
        let view = hostile_view(hostile, &bases);
        let page = html(&view);
        assert!(!page.contains("<i>") && !page.contains('\u{1b}'), "{page}");
        assert_eq!(
            page.matches("&lt;i&gt;&lt;U+001B&gt;").count(),
            HTML_FIELDS,
            "{page}"
        );
        let page = markdown(&view);
        assert!(!page.contains("<i>") && !page.contains('\u{1b}'), "{page}");
        assert_eq!(
            page.matches("\\<i\\>\\<U+001B\\>").count(),
            MARKDOWN_FIELDS,
            "{page}"
        );
    }
}
