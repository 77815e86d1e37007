//! The reports of a batch: one per application in `reports/` and the overview `index.html`.
//!
//! Reports are rendered and written by the final pass's worker threads ([`ReportWriter`] is
//! shared by them), straight into the staging folder, which is new, so no report of an earlier
//! run is among them; nothing is synced per file (the staging folder is synced as a whole before
//! it becomes current, `results.rs`). The overview is written by the calling thread, a row per
//! decision in rank order ([`Overview`]).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Result;
use kriterium_engine::decision::Decision;
use kriterium_engine::pack::RulePack;
use kriterium_engine::report::{
    self, ApplicationFacts, OverviewHead, OverviewRow, RejectedRow, ReportView, Setting, overview,
};
use kriterium_engine::review::ReviewsOverview;
use kriterium_engine::sensitivity::Sensitivity;
use kriterium_engine::summary::Summary;

use super::super::output::{CannotStore, ResultFile};
use crate::args::Reports;

/// Renders a report in one format.
type Render = fn(&ReportView) -> String;

/// Renders and writes the reports of one decision at a time; shared by the final pass's threads.
pub struct ReportWriter<'p> {
    folder: PathBuf,
    html: bool,
    markdown: bool,
    setting: Setting<'p>,
    head: OverviewHead,
}

/// The overview being written, a row at a time, by the calling thread.
pub struct Overview {
    index: ResultFile,
    /// The robustness of the ranking, and the titles of the applications it lists.
    sensitivity: Option<(Sensitivity, BTreeMap<String, String>)>,
}

/// Starts the batch's reports: the writer the final pass's threads share, and the overview in
/// `out/index.html`; `None` when `kinds` asks for no reports. `reviews` (the reviewers'
/// leniency and, under calibration, the ranking of the scores as given) adds its table and
/// column to the overview.
///
/// # Errors
/// [`CannotStore`] when the folder or the overview cannot be written.
pub fn start<'p>(
    out: &Path,
    kinds: Reports,
    pack: &'p RulePack,
    lang: &'p str,
    summary: &Summary,
    reviews: Option<&ReviewsOverview>,
) -> Result<Option<(ReportWriter<'p>, Overview)>> {
    let (html, markdown) = match kinds {
        Reports::None => return Ok(None),
        Reports::All => (true, true),
        Reports::Html => (true, false),
        Reports::Md => (false, true),
    };
    let folder = out.join("reports");
    fs::create_dir_all(&folder)
        .map_err(|e| CannotStore::new(crate::messages::Message::ActCreateFolder, &folder, e))?;
    let mut head = OverviewHead::of(pack, lang, summary, html);
    if let Some(reviews) = reviews {
        head = head.with_reviews(pack, reviews);
    }
    let mut index = ResultFile::create(&out.join("index.html"))?;
    index.write(overview::head(&head).as_bytes())?;
    let writer = ReportWriter {
        folder,
        html,
        markdown,
        setting: Setting::of(pack, lang),
        head,
    };
    let overview = Overview {
        index,
        sensitivity: None,
    };
    Ok(Some((writer, overview)))
}

impl Overview {
    /// Adds the robustness section (before the first row, so titles are kept).
    pub fn with_sensitivity(&mut self, sensitivity: Sensitivity) {
        let titles = sensitivity
            .applications
            .iter()
            .map(|a| (a.application_id.clone(), String::new()))
            .collect();
        self.sensitivity = Some((sensitivity, titles));
    }

    /// Appends a row the writer rendered to the overview; `title` is its application's, kept if
    /// the robustness section lists it.
    ///
    /// # Errors
    /// [`CannotStore`] when the overview cannot be written.
    pub fn add_row(&mut self, id: &str, title: &str, row: &str) -> Result<()> {
        if let Some(kept) = self
            .sensitivity
            .as_mut()
            .and_then(|(_, titles)| titles.get_mut(id))
        {
            title.clone_into(kept);
        }
        Ok(self.index.write(row.as_bytes())?)
    }

    /// Ends the overview with the rejected inputs.
    ///
    /// # Errors
    /// [`CannotStore`] when the overview cannot be written.
    /// `portfolio` is the portfolio's section (`report::portfolio::overview_section`), if the
    /// round has one.
    pub fn finish(
        mut self,
        writer: &ReportWriter<'_>,
        rejected: &[RejectedRow],
        portfolio: Option<&str>,
    ) -> Result<()> {
        let setting = &writer.setting;
        let sensitivity = self.sensitivity.as_ref().map(|(s, titles)| {
            report::robustness::view(s, setting.currency, setting.lang, &|id| {
                titles
                    .get(id)
                    .cloned()
                    .expect("the section lists ranked applications only, and each has a row")
            })
        });
        self.index.write(
            overview::foot(&writer.head, rejected, sensitivity.as_ref(), portfolio).as_bytes(),
        )?;
        Ok(self.index.finish()?)
    }
}

impl ReportWriter<'_> {
    /// Writes the reports of one placed decision and returns its row of the overview, the
    /// `order`-th in rank order.
    ///
    /// # Errors
    /// [`CannotStore`] when a report cannot be written.
    pub fn write(
        &self,
        order: u64,
        decision: &Decision,
        facts: &ApplicationFacts,
        last_funded: bool,
    ) -> Result<String> {
        let view = report::report(decision, facts, &self.setting);
        let kinds: [(bool, &str, Render); 2] = [
            (self.html, "html", report::html),
            (self.markdown, "md", report::markdown),
        ];
        for (wanted, extension, render) in kinds {
            if wanted {
                // Ids are letters, digits, `.`, `_` and `-` (the application schema): safe names.
                let name = format!("{}.{extension}", decision.application_id);
                ResultFile::write_all_at(&self.folder.join(&name), &render(&view))?;
            }
        }
        let row = OverviewRow::of(order, decision, facts, &view, &self.setting, last_funded);
        Ok(overview::row(&row, &self.head))
    }
}
