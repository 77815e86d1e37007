//! `kriterium samples generate`: synthetic applications as JSON Lines.

use std::io::Write;

use anyhow::{Context, Result, bail};
use kriterium_engine::input::{self, InputSource};
use kriterium_engine::pack::RulePack;
use kriterium_engine::synthetic;
use kriterium_engine::validation::parse_json;
use serde_json::Value;

use super::output::{self, CannotStore};
use super::pack_files;
use crate::Status;
use crate::args::SamplesCommand;
use crate::builtin;

pub fn run(command: SamplesCommand) -> Result<Status> {
    let SamplesCommand::Generate {
        count,
        seed,
        rules,
        from,
        output,
    } = command;
    let pack_name = rules.unwrap_or_else(|| builtin::DEFAULT_PACK.to_string());
    let templates = match &from {
        Some(dir) => templates_from(dir)?,
        None => {
            let found: Vec<(String, String)> = builtin::samples(&pack_name)
                .iter()
                .map(|(file, text)| (format!("{pack_name}/{file}"), text.to_string()))
                .collect();
            if found.is_empty() {
                bail!(
                    "the pack `{pack_name}` has no built-in sample applications; give templates with --from DIR"
                );
            }
            found
        }
    };
    // Only valid templates: every variation keeps an application valid, so the output is too.
    let pack = RulePack::load(pack_files(&pack_name)?)
        .with_context(|| format!("the rule pack `{pack_name}` cannot be used"))?;
    let validator = pack.validator();
    let valid: Vec<Value> = templates
        .iter()
        .filter_map(|(name, text)| {
            validator
                .validate_text(name, text)
                .ok()
                .and_then(|_| parse_json(name, text).ok())
        })
        .collect();
    if valid.is_empty() {
        bail!("no valid application among the templates to vary");
    }

    let mut write = |out: &mut dyn Write| -> std::io::Result<()> {
        let mut result = Ok(());
        synthetic::generate(&valid, count, seed, &mut |app| {
            if result.is_ok() {
                result = serde_json::to_writer(&mut *out, &app)
                    .map_err(std::io::Error::from)
                    .and_then(|()| out.write_all(b"\n"));
            }
        });
        result
    };
    match output {
        Some(file) => output::write_whole_with(&file, &mut write)?,
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            write(&mut out)
                .and_then(|()| out.flush())
                .map_err(CannotStore::stdout)?;
        }
    }
    Ok(Status::Ok)
}

/// Every `.json` file below `dir`, with its text.
fn templates_from(dir: &std::path::Path) -> Result<Vec<(String, String)>> {
    let (sources, problems) = input::expand(&[dir.to_path_buf()]);
    if let Some(problem) = problems.first() {
        bail!("{problem}");
    }
    let mut templates = Vec::new();
    for source in sources.iter().filter(|s| matches!(s, InputSource::File(_))) {
        input::read(source, &mut |read| {
            if let Ok(input) = read {
                templates.push((input.source, input.text));
            }
        });
    }
    Ok(templates)
}
