//! `kriterium check PACK`: every error and warning in a pack, at once.

use anyhow::Result;
use kriterium_engine::pack::RulePack;

use super::pack_files;
use crate::Status;
use crate::messages::{self, Message};

pub fn run(name: &str, deny_warnings: bool) -> Result<Status> {
    let (text, status) = report(name, deny_warnings)?;
    out!("{text}");
    Ok(status)
}

/// What `check` says of pack `name` (a folder or a built-in pack's name), as text, and the
/// exit status: what `run` prints and the web app shows after saving a tuned pack.
///
/// Errors: the pack's files cannot be read.
pub fn report(name: &str, deny_warnings: bool) -> Result<(String, Status)> {
    let mut text = String::new();
    let inspection = RulePack::inspect(pack_files(name)?);
    let errors = match &inspection.pack {
        Ok(_) => &[][..],
        Err(problems) => &problems.0[..],
    };
    if let Ok(pack) = &inspection.pack {
        messages::follow_pack(&pack.manifest.language);
    }
    let lang = messages::lang();
    for error in errors {
        textln!(
            text,
            "{}: {}",
            Message::ErrorPrefix.text(lang),
            error.display_in(lang)
        );
    }
    for warning in &inspection.warnings {
        textln!(
            text,
            "{}: {}",
            Message::WarningPrefix.text(lang),
            warning.display_in(lang)
        );
    }
    let warnings = messages::count(
        inspection.warnings.len(),
        Message::Warning,
        Message::Warnings,
    );
    match &inspection.pack {
        Err(_) => {
            let errors = messages::count(errors.len(), Message::Error, Message::Errors);
            textln!(
                text,
                "{}",
                messages::say(
                    Message::PackUnusable,
                    &[("name", name), ("errors", &errors), ("warnings", &warnings)]
                )
            );
            Ok((text, Status::Unusable))
        }
        Ok(pack) => {
            let m = &pack.manifest;
            let state = if inspection.warnings.is_empty() {
                messages::say(Message::PackOk, &[])
            } else {
                messages::say(Message::PackUsable, &[("warnings", &warnings)])
            };
            // A pack with a portfolio also counts its attributes and goals; one without says
            // what it always said.
            let message = match m.portfolio {
                Some(_) => Message::PackCheckedPortfolio,
                None => Message::PackChecked,
            };
            textln!(
                text,
                "{}",
                messages::say(
                    message,
                    &[
                        ("name", name),
                        ("state", &state),
                        ("id", &m.id),
                        ("version", &m.version.to_string()),
                        ("gates", &m.gates.len().to_string()),
                        ("criteria", &m.criteria.len().to_string()),
                        ("attributes", &m.attribute_specs().len().to_string()),
                        ("goals", &m.goal_specs().len().to_string()),
                        ("fingerprint", &pack.fingerprint.to_string()),
                    ]
                )
            );
            if deny_warnings && !inspection.warnings.is_empty() {
                Ok((text, Status::Rejected))
            } else {
                Ok((text, Status::Ok))
            }
        }
    }
}
