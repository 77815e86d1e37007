//! `kriterium verify`: assesses an application again and says whether a recorded decision
//! reproduces exactly, or what differs — the pack and the application's fingerprints first.

use std::path::Path;

use anyhow::{Result, bail};
use kriterium_engine::decision::Decision;
use kriterium_engine::problem::describe_io;
use kriterium_engine::verify::{self, Verification};

use super::assess::assess_file;
use super::load_pack;
use crate::Status;
use crate::args::RulesArg;

/// Checks the decision at `decision_path` against the application at `application`, with the
/// pack `--rules` named, or else the built-in pack the decision names (else the default).
pub fn run(decision_path: &Path, application: &Path, rules: Option<&str>) -> Result<Status> {
    let text = std::fs::read_to_string(decision_path)
        .map_err(|e| anyhow::anyhow!("{}: {}", decision_path.display(), describe_io(&e)))?;
    let decisions = decisions(decision_path, &text)?;
    let Some(first) = decisions.first() else {
        bail!("`{}` holds no decision", decision_path.display());
    };
    let named = |name: Option<&str>| {
        load_pack(&RulesArg {
            rules: name.map(str::to_string),
        })
    };
    let pack = match rules {
        Some(name) => named(Some(name))?,
        None => match named(Some(&first.pack.id)) {
            Ok(pack) => pack,
            Err(_) => {
                let pack = named(None)?;
                errln!(
                    "note: the decision names the pack `{}`, which is not built in; checking with \
                     `{}` (give the decision's pack with --rules)",
                    first.pack.id,
                    pack.manifest.id
                );
                pack
            }
        },
    };
    let Some((valid, assessment)) = assess_file(&pack, application, "verify")? else {
        return Ok(Status::Rejected);
    };
    let id = &valid.application.id;
    let count = decisions.len();
    let Some(recorded) = decisions.iter().find(|d| d.application_id == *id) else {
        bail!(
            "`{}` holds no decision on application `{id}` ({count} decision{} in the file)",
            decision_path.display(),
            if count == 1 { "" } else { "s" }
        );
    };
    let verification = verify::verify(recorded, &assessment, &pack);
    out!("{}", explain(recorded, &verification));
    Ok(if verification.reproduces() {
        Status::Ok
    } else {
        Status::Rejected
    })
}

/// The verdict in words.
fn explain(recorded: &Decision, v: &Verification) -> String {
    let id = &recorded.application_id;
    let mut out = String::new();
    if v.reproduces() {
        out.push_str(&format!(
            "{id}: the decision reproduces exactly (pack {} {}, {}; application {}).\n",
            recorded.pack.id,
            recorded.pack.version,
            recorded.pack.fingerprint,
            recorded.input_fingerprint
        ));
    } else {
        out.push_str(&format!("{id}: the decision does NOT reproduce.\n"));
        if let Some((was, now)) = &v.pack_changed {
            out.push_str(&format!(
                "The rule pack has changed since the decision: it was made with {} {} ({}), \
                 the pack now is {} {} ({}).\n",
                was.id, was.version, was.fingerprint, now.id, now.version, now.fingerprint
            ));
        }
        if let Some((was, now)) = &v.input_changed {
            out.push_str(&format!(
                "The application is not the one that was decided: its fingerprint was {was}, \
                 it is now {now}.\n"
            ));
        }
        let fields: Vec<_> = v
            .differences
            .iter()
            .filter(|d| {
                !matches!(
                    d.pointer.as_str(),
                    "/pack/fingerprint" | "/input_fingerprint"
                )
            })
            .collect();
        if fields.is_empty() {
            out.push_str("Every other field is the same.\n");
        } else {
            out.push_str(&format!(
                "{} field{} differ{}:\n",
                fields.len(),
                if fields.len() == 1 { "" } else { "s" },
                if fields.len() == 1 { "s" } else { "" }
            ));
            for d in fields {
                let item = d.item.as_ref().map_or(String::new(), |i| format!(" ({i})"));
                out.push_str(&format!(
                    "  {}{item}: recorded {}, now {}\n",
                    d.pointer, d.recorded, d.now
                ));
            }
        }
    }
    if v.from_batch {
        out.push_str(
            "Rank, grant and funding line come from the whole batch and are taken as recorded; \
             run the batch again to check them.\n",
        );
    }
    out
}

/// The decisions in `text`: one JSON document, or JSON Lines as a batch writes them.
fn decisions(path: &Path, text: &str) -> Result<Vec<Decision>> {
    let parse = |part: &str, first_line: usize| -> Result<Decision> {
        serde_json::from_str(part).map_err(|e| {
            let line = first_line + e.line().saturating_sub(1);
            anyhow::anyhow!(
                "{}:{line}:{}: not a decision as kriterium writes it: {}",
                path.display(),
                e.column().max(1),
                strip_position(&e.to_string())
            )
        })
    };
    if path.extension().is_some_and(|e| e == "jsonl") {
        text.lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| parse(line, i + 1))
            .collect()
    } else {
        Ok(vec![parse(text, 1)?])
    }
}

/// serde_json ends messages with " at line L column C"; the position is given separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
