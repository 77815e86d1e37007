//! `kriterium check PACK`: every error and warning in a pack, at once.

use anyhow::Result;
use kriterium_engine::pack::RulePack;

use super::pack_files;
use crate::Status;
use crate::language;

pub fn run(name: &str, deny_warnings: bool) -> Result<Status> {
    let inspection = RulePack::inspect(pack_files(name)?);
    let errors = match &inspection.pack {
        Ok(_) => &[][..],
        Err(problems) => &problems.0[..],
    };
    let lang = language::of_messages(
        None,
        inspection
            .pack
            .as_ref()
            .ok()
            .map(|p| p.manifest.language.as_str()),
    );
    for error in errors {
        outln!("error: {}", error.display_in(lang));
    }
    for warning in &inspection.warnings {
        outln!("warning: {warning}");
    }
    let count = |n: usize, what: &str| match n {
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    };
    match &inspection.pack {
        Err(_) => {
            outln!(
                "{name}: {}, {}: the pack cannot be used until the errors are fixed",
                count(errors.len(), "error"),
                count(inspection.warnings.len(), "warning")
            );
            Ok(Status::Unusable)
        }
        Ok(pack) => {
            let m = &pack.manifest;
            outln!(
                "{name}: {}: {} {}, {} gates, {} criteria, fingerprint {}",
                if inspection.warnings.is_empty() {
                    "ok".to_string()
                } else {
                    format!("usable, {}", count(inspection.warnings.len(), "warning"))
                },
                m.id,
                m.version,
                m.gates.len(),
                m.criteria.len(),
                pack.fingerprint
            );
            if deny_warnings && !inspection.warnings.is_empty() {
                Ok(Status::Rejected)
            } else {
                Ok(Status::Ok)
            }
        }
    }
}
