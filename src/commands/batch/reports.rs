//! The reports of a batch: one per application in `reports/` and the overview `index.html`,
//! written as the final pass walks the decisions in rank order, into the staging folder (which
//! is new, so no report of an earlier run is among them).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Result;
use kriterium_engine::ENGINE_VERSION;
use kriterium_engine::decision::{Decision, Recommendation};
use kriterium_engine::labels::{Label, amount, number};
use kriterium_engine::pack::RulePack;
use kriterium_engine::report::{
    self, ApplicationFacts, OverviewHead, OverviewRow, RejectedRow, ReportView, Segment, Setting,
    overview,
};
use kriterium_engine::sensitivity::Sensitivity;

use super::super::output::{CannotStore, ResultFile};
use crate::args::Reports;

/// Renders a report in one format.
type Render = fn(&ReportView) -> String;

/// Writes a batch's reports while its decisions are written.
pub struct BatchReports<'p> {
    folder: PathBuf,
    html: bool,
    markdown: bool,
    setting: Setting<'p>,
    head: OverviewHead,
    index: ResultFile,
    order: u64,
    /// The robustness of the ranking, and the titles of the applications it lists.
    sensitivity: Option<(Sensitivity, BTreeMap<String, String>)>,
}

/// What the overview's head needs to know about the whole batch.
pub struct BatchFacts<'a> {
    pub budget: u64,
    pub used: u64,
    pub inputs: u64,
    /// Count per recommendation key, and `rejected`.
    pub counts: &'a BTreeMap<String, u64>,
}

impl<'p> BatchReports<'p> {
    /// Starts the overview in `out/index.html`; `None` when `kinds` asks for no reports.
    ///
    /// # Errors
    /// [`CannotStore`] when the folder or the overview cannot be written.
    pub fn start(
        out: &Path,
        kinds: Reports,
        pack: &'p RulePack,
        lang: &'p str,
        batch: &BatchFacts<'_>,
    ) -> Result<Option<Self>> {
        let (html, markdown) = match kinds {
            Reports::None => return Ok(None),
            Reports::All => (true, true),
            Reports::Html => (true, false),
            Reports::Md => (false, true),
        };
        let folder = out.join("reports");
        fs::create_dir_all(&folder)
            .map_err(|e| CannotStore::new("create the folder", &folder, e))?;
        let manifest = &pack.manifest;
        let money = |n: u64| amount(n, &manifest.currency, lang);
        let mut counts: Vec<(String, u64)> = Recommendation::ALL
            .iter()
            .map(|r| {
                let count = batch.counts.get(r.key()).copied().unwrap_or(0);
                (Label::recommendation(*r).text(lang).to_string(), count)
            })
            .collect();
        counts.push((
            Label::Rejected.text(lang).to_string(),
            batch.counts.get("rejected").copied().unwrap_or(0),
        ));
        let head = OverviewHead {
            lang: lang.to_string(),
            pack_id: manifest.id.clone(),
            pack_version: manifest.version.clone(),
            pack_fingerprint: pack.fingerprint.clone(),
            engine_version: ENGINE_VERSION.to_string(),
            inputs: batch.inputs,
            budget: money(batch.budget),
            used: money(batch.used),
            left: money(batch.budget.saturating_sub(batch.used)),
            used_percent: report::percent(batch.used, batch.budget),
            counts,
            criteria: manifest
                .criteria
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let title = c.title.get(lang, &manifest.language).to_string();
                    (title, report::PALETTE[i % report::PALETTE.len()])
                })
                .collect(),
            links: html,
        };
        let mut index = ResultFile::create(&out.join("index.html"))?;
        index.write(overview::head(&head).as_bytes())?;
        Ok(Some(BatchReports {
            folder,
            html,
            markdown,
            setting: Setting::of(pack, lang),
            head,
            index,
            order: 0,
            sensitivity: None,
        }))
    }

    /// Adds the robustness section to the overview (before the first `add`, so titles are kept).
    pub fn with_sensitivity(&mut self, sensitivity: Sensitivity) {
        let titles = sensitivity
            .applications
            .iter()
            .map(|a| (a.application_id.clone(), String::new()))
            .collect();
        self.sensitivity = Some((sensitivity, titles));
    }

    /// Writes the reports of one decision and its row in the overview.
    pub fn add(
        &mut self,
        decision: &Decision,
        facts: &ApplicationFacts,
        last_funded: bool,
    ) -> Result<()> {
        let view = report::report(decision, facts, &self.setting);
        let id = &decision.application_id;
        if let Some(title) = self
            .sensitivity
            .as_mut()
            .and_then(|(_, titles)| titles.get_mut(id))
        {
            title.clone_from(&decision.title);
        }
        let kinds: [(bool, &str, Render); 2] = [
            (self.html, "html", report::html),
            (self.markdown, "md", report::markdown),
        ];
        for (wanted, extension, render) in kinds {
            if wanted {
                // Ids are letters, digits, `.`, `_` and `-` (the application schema): safe names.
                let name = format!("{id}.{extension}");
                ResultFile::write_all_at(&self.folder.join(&name), &render(&view))?;
            }
        }
        let lang = self.setting.lang;
        let parts: Vec<_> = decision
            .criteria
            .iter()
            .map(|c| (c.title.clone(), c.weighted, number(c.weighted, lang)))
            .collect();
        let granted = decision.granted.unwrap_or(0);
        let row = OverviewRow {
            order: self.order,
            rank: decision.rank,
            id: id.clone(),
            title: decision.title.clone(),
            total: view.total.clone(),
            total_sort: decision.total.to_string(),
            requested: view.requested.clone(),
            requested_sort: facts.requested,
            granted: amount(granted, self.setting.currency, lang),
            granted_sort: granted,
            recommendation_key: view.recommendation_key,
            recommendation: view.recommendation,
            segments: Segment::bar(&parts, decision.max_total),
            last_funded,
        };
        self.order += 1;
        Ok(self
            .index
            .write(overview::row(&row, &self.head).as_bytes())?)
    }

    /// Ends the overview with the rejected inputs.
    ///
    /// # Errors
    /// [`CannotStore`] when the overview cannot be written.
    pub fn finish(mut self, rejected: &[RejectedRow]) -> Result<()> {
        let sensitivity = self.sensitivity.as_ref().map(|(s, titles)| {
            report::robustness::view(s, self.setting.currency, self.setting.lang, &|id| {
                titles.get(id).cloned().unwrap_or_default()
            })
        });
        self.index
            .write(overview::foot(&self.head, rejected, sensitivity.as_ref()).as_bytes())?;
        Ok(self.index.finish()?)
    }
}
