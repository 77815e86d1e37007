//! `kriterium sensitivity INPUT...`: how robust the ranking is to a change of one weight.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Result;
use kriterium_engine::pack::RulePack;
use kriterium_engine::ranking::Entry;
use kriterium_engine::report::robustness;
use kriterium_engine::sensitivity;

use super::round::Inputs;
use crate::Status;
use crate::args::SensitivityFormat;
use crate::messages::{self, Message};

pub fn run(
    pack: &RulePack,
    inputs: &[PathBuf],
    format: SensitivityFormat,
    lang: Option<&str>,
    reviews: &crate::args::ReviewsArg,
) -> Result<Status> {
    let Some(book) = super::review_book::book_for(&pack.manifest, reviews)? else {
        return Ok(Status::Unusable);
    };
    let (assessed, rejected) = Inputs::read(inputs).assess(
        pack,
        &book,
        // Rejected inputs are only printed: in the language of messages.
        Some(messages::lang()),
    )?;
    for r in &rejected {
        errln!(
            "{}",
            messages::say(
                Message::NotAssessed,
                &[("source", &r.source), ("problems", &r.problems.join("; "))]
            )
        );
    }
    let entries: Vec<Entry> = assessed.iter().map(|a| a.entry.clone()).collect();
    // As many threads as the assessment used (`round.rs`).
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    // The pack carries the run's funds (`--budget`, `--year`), which its gates saw too.
    let result = sensitivity::analyse(pack, &entries, pack.funds().budget, jobs);
    match format {
        SensitivityFormat::Json => {
            super::output::print(&(serde_json::to_string_pretty(&result)? + "\n"))?;
        }
        SensitivityFormat::Text => {
            let titles: BTreeMap<&str, &str> = assessed
                .iter()
                .map(|a| (a.entry.application_id.as_str(), a.title.as_str()))
                .collect();
            let lang = lang.unwrap_or(&pack.manifest.language);
            let view = robustness::view(&result, &pack.manifest.currency, lang, &|id| {
                let title = titles.get(id).copied();
                title
                    .expect("every application analysed is one of those assessed")
                    .to_string()
            });
            super::output::print(&robustness::text(&view))?;
        }
    }
    Ok(if rejected.is_empty() {
        Status::Ok
    } else {
        Status::Rejected
    })
}
