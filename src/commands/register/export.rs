//! `kriterium round export ID --out DIR`: the files `batch` writes (same formats, so every tool
//! that reads a batch's results keeps working), made from the register alone — the round's
//! stored applications under its stored pack and budget, through the batch pipeline itself —
//! plus `group-decisions.jsonl`, the group's decisions. `register verify` shows that the stored
//! assessments are what this pipeline makes of them.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};
use kriterium_register::Access;
use serde_json::json;

use super::super::batch;
use super::show::decision_value;
use super::standing::Standing;
use super::words::{Words, say};
use super::{book, explain, open_register};
use crate::Status;
use crate::args::Reports;
use crate::messages::{self, Message};

/// Writes round `id`'s results into `out`, whole or not at all (as `batch` does).
pub fn run(
    path: &Path,
    id: &str,
    out: &Path,
    reports: Reports,
    lang: Option<&str>,
) -> Result<Status> {
    let register = open_register(path, Access::Read)?;
    let round = super::round_of(&register, id)?;
    // The standing holds the round's pack, loaded from its snapshot once.
    let standing = Standing::of(&register, &round.id)?;
    let pack = &standing.pack;
    let basis = register.round_basis(id).map_err(explain)?;
    let reviews = book::of_basis(&register, &pack.manifest, &basis)?;
    if standing.rows.is_empty() {
        bail!(say(Words::ExportEmpty, &[("id", &messages::quoted(id))]));
    }
    // The applications as JSON Lines in a private folder, read by the batch pipeline.
    let folder = tempfile::Builder::new()
        .prefix(".kriterium-export-")
        .tempdir()
        .with_context(|| messages::say(Message::CannotAssess, &[]))?;
    let lines = folder.path().join(format!("{id}.jsonl"));
    {
        let file = std::fs::File::create(&lines)?;
        let mut writer = std::io::BufWriter::new(file);
        let mut failed = None;
        register
            .for_each_application(id, &mut |stored| {
                if let Err(e) = writeln!(writer, "{}", stored.application) {
                    failed.get_or_insert(e);
                }
                Ok(())
            })
            .map_err(explain)?;
        if let Some(e) = failed {
            return Err(e.into());
        }
        writer.flush()?;
    }
    // One line per decided application, in ranking order: its current decision and the ones
    // it replaced, oldest first.
    let mut decisions = String::new();
    for row in &standing.rows {
        let Some(current) = &row.decision else {
            continue;
        };
        let earlier: Vec<_> = standing
            .history
            .iter()
            .filter(|d| d.application == row.application_id && d.id != current.id)
            .map(decision_value)
            .collect();
        let mut line = decision_value(current);
        line["round"] = json!(round.id);
        line["decided_on_other_assessment"] = json!(Standing::decided_on_other(row));
        line["replaced"] = json!(earlier);
        decisions.push_str(&serde_json::to_string(&line)?);
        decisions.push('\n');
    }
    let status = batch::run(
        pack,
        &batch::Settings {
            inputs: vec![lines],
            out: out.to_path_buf(),
            jobs: None,
            lang: Some(lang.unwrap_or(&round.language).to_string()),
            reports,
            extra_files: vec![("group-decisions.jsonl".to_string(), decisions)],
            // The round's panel and reviews in force: the current assessments' basis.
            reviews: super::super::review_book::Entered::stored(reviews),
        },
    )?;
    // The exported results are the current assessments; a decision made on an earlier one
    // stands on that (named by its digest in group-decisions.jsonl), and its letter states it.
    let earlier: Vec<&str> = standing
        .rows
        .iter()
        .filter(|row| Standing::decided_on_other(row))
        .map(|row| row.application_id.as_str())
        .collect();
    if !earlier.is_empty() {
        errln!(
            "{}",
            say(
                Words::ExportedDecidedEarlier,
                &[
                    ("count", &super::words::applications(earlier.len())),
                    ("list", &super::words::quoted_list(&earlier)),
                ]
            )
        );
    }
    outln!(
        "{}",
        say(
            Words::Exported,
            &[
                ("id", &messages::quoted(id)),
                ("out", &messages::quoted(&out.display().to_string())),
            ]
        )
    );
    Ok(status)
}
