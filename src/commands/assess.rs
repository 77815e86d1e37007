//! `kriterium assess`: one application, validated, scored and explained.

use std::path::Path;

use anyhow::{Context, Result, bail};
use kriterium_engine::input::{self, InputSource};
use kriterium_engine::pack::RulePack;
use kriterium_engine::report;
use kriterium_engine::review::ReviewBook;
use kriterium_engine::scoring::{Assessment, Assessor};
use kriterium_engine::validation::ValidApplication;

use super::review_book::Entered;
use super::write_or_print;
use crate::Status;
use crate::args::Format;
use crate::messages::{self, Message};

pub fn run(
    pack: &RulePack,
    path: &Path,
    format: Format,
    lang: Option<&str>,
    output: Option<&Path>,
    entered: &Entered,
) -> Result<Status> {
    let Some((valid, assessment)) = assess_file(pack, path, "assess", entered)? else {
        return Ok(Status::Rejected);
    };
    let lang = lang.unwrap_or(&pack.manifest.language);
    let decision = assessment.to_decision(pack, lang);
    let text = match format {
        Format::Text => report::text(&decision, &pack.manifest, lang),
        Format::Json => {
            let mut json = serde_json::to_string_pretty(&decision)?;
            json.push('\n');
            json
        }
        Format::Md | Format::Html => {
            let facts = report::ApplicationFacts::of(&valid.application);
            let setting = report::Setting::of(pack, lang);
            let view = report::report(&decision, &facts, &setting);
            if format == Format::Md {
                report::markdown(&view)
            } else {
                report::html(&view)
            }
        }
    };
    write_or_print(output, &text)?;
    // Reviews from members with a conflict of interest: refused, each said with its sheet and
    // row (nothing lost), and the exit status says some input did not count.
    let refused = assessment
        .reviews
        .as_ref()
        .map_or(&[][..], |r| &r.refused[..]);
    for refusal in refused {
        errln!("{}", entered.refusal(refusal, messages::lang()));
    }
    Ok(if refused.is_empty() {
        Status::Ok
    } else {
        Status::Rejected
    })
}

/// Reads, validates and assesses the one application file at `path` for `command`, printing
/// every problem to standard error in the language of messages (`lang` is `--lang`, if given).
/// `None` when it could not be assessed (exit status 1); an error when `path` is not one
/// application file.
fn assess_file(
    pack: &RulePack,
    path: &Path,
    command: &str,
    entered: &Entered,
) -> Result<Option<(ValidApplication, Assessment)>> {
    let Some(valid) = validate_file(pack, path, command)? else {
        return Ok(None);
    };
    Ok(assess_valid(pack, &valid, &path.display().to_string(), &entered.book)?.map(|a| (valid, a)))
}

/// Reads and validates the one application file at `path` for `command`, printing every
/// problem to standard error in the language of messages. `None` when it is not valid (exit
/// status 1); an error when `path` is not one application file.
pub(super) fn validate_file(
    pack: &RulePack,
    path: &Path,
    command: &str,
) -> Result<Option<ValidApplication>> {
    let lang = messages::lang();
    let (sources, problems) = input::expand(&[path.to_path_buf()]);
    if let Some(problem) = problems.first() {
        errln!("{}", problem.display_in(lang));
        return Ok(None);
    }
    let source = match sources.as_slice() {
        [one @ InputSource::File(_)] => one,
        _ => bail!(messages::say(Message::OneFile, &[("command", command)])),
    };
    let mut read = None;
    input::read(source, &mut |r| read = Some(r));
    let input = match read {
        Some(Ok(input)) => input,
        Some(Err(problem)) => {
            errln!("{}", problem.display_in(lang));
            return Ok(None);
        }
        None => bail!(messages::say(
            Message::HoldsNoApplication,
            &[("path", &path.display().to_string())]
        )),
    };
    match pack.validator().validate_text(&input.source, &input.text) {
        Ok(valid) => Ok(Some(valid)),
        Err(problems) => {
            for problem in problems {
                errln!("{}", problem.display_in(lang));
            }
            Ok(None)
        }
    }
}

/// Assesses `valid` (read from `source`) under `pack` with the reviews of `book`, printing every script problem to
/// standard error. `None` when a script failed on it (exit status 1); an error when the pack's
/// scripts do not compile.
pub(super) fn assess_valid(
    pack: &RulePack,
    valid: &ValidApplication,
    source: &str,
    book: &ReviewBook,
) -> Result<Option<Assessment>> {
    let lang = messages::lang();
    let assessor =
        Assessor::new(pack).with_context(|| messages::say(Message::ScriptsDoNotCompile, &[]))?;
    match assessor.assess_reviewed(valid, book) {
        Ok(assessment) => Ok(Some(assessment)),
        Err(problems) => {
            errln!(
                "{}",
                messages::say(Message::CannotBeAssessed, &[("source", source)])
            );
            for problem in &problems.0 {
                errln!("  {}", problem.display_in(lang));
            }
            Ok(None)
        }
    }
}
