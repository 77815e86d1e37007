//! Reports people read: a decision as text for a terminal, and as Markdown and self-contained
//! HTML to attach to the decision; and the overview of a whole batch.
//!
//! Every layout is filled with a [`ReportView`] in which every number, amount and sentence is
//! already written in the report's language. Text is laid out in Rust ([`text`]), and so are
//! the Markdown and HTML report of one application (`layout.rs`), which a batch writes for
//! every application; the pages written once a run (the overview's head and foot, `diff`'s
//! changes) come from templates (`templates/`). Everything an application or a script wrote is
//! escaped the same way in both (`escape.rs`): HTML-escaped in HTML, backslash-escaped in
//! Markdown, so a title such as `<script>…</script>` is shown as text.

mod basis;
pub mod changes;
mod escape;
mod layout;
mod letter;
pub mod overview;
pub mod portfolio;
pub mod robustness;
mod templates;
mod text;
mod view;

pub use basis::BasisLine;
pub use layout::{REVIEW_STYLE, html, html_body, markdown};
pub use letter::{letter_html, letter_markdown};
pub use overview::{OverviewHead, OverviewRow, PALETTE, RejectedRow, Segment, percent};
pub use templates::configure as configure_templates;
pub use text::text;

/// The reports' style sheet (`templates/style.css`): the web app's pages use it too.
pub const STYLE: &str = include_str!("../templates/style.css");
pub use view::{
    ApplicationFacts, BatchView, CriterionReviewView, CriterionView, GateView, ReportView,
    ReviewsView, ScoreView, Setting, report,
};
