//! `kriterium verify`: assesses an application again and says whether a recorded decision
//! reproduces exactly, or what differs — the pack and the application's fingerprints first.

use std::path::Path;

use anyhow::{Context, Result, bail};
use kriterium_engine::decision::Decision;
use kriterium_engine::input::{self, InputSource};
use kriterium_engine::pack::RulePack;
use kriterium_engine::scoring::Assessor;
use kriterium_engine::verify::{self, Verification};

use crate::Status;

/// Reads the decision at `decision_path` and the application at `application`; `rules` is what
/// `--rules` named, or `None` to use the built-in pack the decision names (else the default).
pub fn run(
    decision_path: &Path,
    application: &Path,
    load_pack: &dyn Fn(Option<&str>) -> Result<RulePack>,
    rules: Option<&str>,
) -> Result<Status> {
    let text = read_application(application)?;
    let decision_text = std::fs::read_to_string(decision_path)
        .with_context(|| format!("cannot read `{}`", decision_path.display()))?;
    // Which pack: the one named, else the built-in pack the decision was made with.
    let first = first_decision(decision_path, &decision_text)?;
    let pack = match rules {
        Some(name) => load_pack(Some(name))?,
        None => load_pack(Some(&first.pack.id)).or_else(|_| load_pack(None))?,
    };
    let source = application.display().to_string();
    let valid = match pack.validator().validate_text(&source, &text) {
        Ok(valid) => valid,
        Err(problems) => {
            for problem in problems {
                eprintln!("{problem}");
            }
            return Ok(Status::Rejected);
        }
    };
    let recorded = find_decision(decision_path, &decision_text, &valid.application.id)?;
    let assessor = Assessor::new(&pack).context("the rule pack's scripts do not compile")?;
    let assessment = match assessor.assess(&valid) {
        Ok(assessment) => assessment,
        Err(problems) => {
            eprintln!("{source}: cannot be assessed:");
            for problem in &problems.0 {
                eprintln!("  {problem}");
            }
            return Ok(Status::Rejected);
        }
    };
    let verification = verify::verify(&recorded, &assessment, &pack);
    print!("{}", explain(&recorded, &verification));
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

/// The application's text; one file, as `assess` takes.
fn read_application(path: &Path) -> Result<String> {
    let (sources, problems) = input::expand(&[path.to_path_buf()]);
    if let Some(problem) = problems.first() {
        bail!("{problem}");
    }
    let source = match sources.as_slice() {
        [one @ InputSource::File(_)] => one,
        _ => bail!("`verify` takes one application file (.json)"),
    };
    let mut read = None;
    input::read(source, &mut |r| read = Some(r));
    match read {
        Some(Ok(input)) => Ok(input.text),
        Some(Err(problem)) => bail!("{problem}"),
        None => bail!("`{}` holds no application", path.display()),
    }
}

/// The decisions in `text`: one JSON document, or JSON Lines as a batch writes them.
fn decisions(path: &Path, text: &str) -> Result<Vec<Decision>> {
    let parse = |part: &str, first_line: usize| -> Result<Decision> {
        serde_json::from_str(part).map_err(|e| {
            let line = first_line + e.line().saturating_sub(1);
            anyhow::anyhow!(
                "{}:{line}:{}: not a decision as kriterium writes it: {}",
                path.display(),
                e.column(),
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

fn first_decision(path: &Path, text: &str) -> Result<Decision> {
    decisions(path, text)?
        .into_iter()
        .next()
        .with_context(|| format!("`{}` holds no decision", path.display()))
}

/// The decision for application `id` in the file.
fn find_decision(path: &Path, text: &str, id: &str) -> Result<Decision> {
    let all = decisions(path, text)?;
    let count = all.len();
    all.into_iter()
        .find(|d| d.application_id == id)
        .with_context(|| {
            format!(
                "`{}` holds no decision on application `{id}` ({count} decision{} in the file)",
                path.display(),
                if count == 1 { "" } else { "s" }
            )
        })
}

/// serde_json ends messages with " at line L column C"; the position is given separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
