//! `kriterium diff --old PACK --new PACK INPUT...`: which decisions a pack change would move.

use std::path::{Path, PathBuf};

use anyhow::Result;
use kriterium_engine::diff::{self, Round};
use kriterium_engine::report::changes;

use super::round::Inputs;
use super::{funded, load_pack_named, write_or_print};
use crate::Status;
use crate::args::DiffFormat;

/// What `diff` was asked.
pub struct Settings<'a> {
    pub old: &'a str,
    pub new: &'a str,
    pub inputs: &'a [PathBuf],
    pub budget: Option<u64>,
    pub year: Option<u32>,
    pub format: DiffFormat,
    pub lang: Option<&'a str>,
    pub output: Option<&'a Path>,
    /// Review sheets and panel, read for each pack that has reviewer-scored criteria.
    pub reviews: &'a crate::args::ReviewsArg,
}

pub fn run(s: &Settings<'_>) -> Result<Status> {
    // Each pack with the funds asked for (the year's budget is each pack's own).
    let old = funded(load_pack_named(s.old)?, s.year, s.budget)?;
    let new = funded(load_pack_named(s.new)?, s.year, s.budget)?;
    let inputs = Inputs::read(s.inputs);
    let Some(old_book) = super::review_book::book_for(&old.manifest, s.reviews)? else {
        return Ok(Status::Unusable);
    };
    let Some(new_book) = super::review_book::book_for(&new.manifest, s.reviews)? else {
        return Ok(Status::Unusable);
    };
    let (old_assessed, old_rejected) = inputs.assess(&old, &old_book, s.lang)?;
    let (new_assessed, new_rejected) = inputs.assess(&new, &new_book, s.lang)?;
    let result = diff::compare(
        Round {
            pack: &old,
            budget: old.funds().budget,
            assessed: &old_assessed,
            rejected: &old_rejected,
        },
        Round {
            pack: &new,
            budget: new.funds().budget,
            assessed: &new_assessed,
            rejected: &new_rejected,
        },
    )
    .map_err(crate::messages::package_failed)?;
    let lang = s.lang.unwrap_or(&new.manifest.language);
    let text = match s.format {
        DiffFormat::Json => {
            let mut json = serde_json::to_string_pretty(&result)?;
            json.push('\n');
            json
        }
        DiffFormat::Text => changes::text(&changes::view(&result, lang)),
        DiffFormat::Md => changes::markdown(&changes::view(&result, lang)),
        DiffFormat::Html => changes::html(&changes::view(&result, lang)),
    };
    write_or_print(s.output, &text)?;
    Ok(if result.rejected.is_empty() {
        Status::Ok
    } else {
        Status::Rejected
    })
}
