//! Reports people read: a decision as text for a terminal, and as Markdown and self-contained
//! HTML to attach to the decision; and the overview of a whole batch.
//!
//! Text is laid out in Rust ([`text`]); Markdown and HTML come from templates (`templates/`),
//! filled with a [`ReportView`] in which every number, amount and sentence is already written
//! in the report's language. Everything an application or a script wrote is escaped by the
//! template engine: HTML-escaped in HTML, backslash-escaped in Markdown, so a title such as
//! `<script>…</script>` is shown as text.

pub mod changes;
mod escape;
mod layout;
pub mod overview;
pub mod robustness;
mod templates;
mod text;
mod view;

pub use layout::{html, markdown};
pub use overview::{OverviewHead, OverviewRow, PALETTE, RejectedRow, Segment, percent};
pub use text::text;
pub use view::{ApplicationFacts, BatchView, CriterionView, GateView, ReportView, Setting, report};
