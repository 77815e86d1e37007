//! `kriterium samples generate`: synthetic applications as JSON Lines.

use std::io::Write;

use anyhow::{Context, Result, bail};
use kriterium_engine::input::{self, InputSource};
use kriterium_engine::pack::RulePack;
use kriterium_engine::problem::Problem;
use kriterium_engine::synthetic;
use kriterium_engine::validation::parse_json;
use serde_json::Value;

use super::output::{self, CannotStore};
use super::pack_files;
use crate::Status;
use crate::args::SamplesCommand;
use crate::builtin;
use crate::messages::{self, Message};

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
            let found: Vec<Template> = builtin::samples(&pack_name)
                .iter()
                .map(|(file, text)| Ok((format!("{pack_name}/{file}"), text.to_string())))
                .collect();
            if found.is_empty() {
                bail!(messages::say(Message::NoSamples, &[("name", &pack_name)]));
            }
            found
        }
    };
    // Only valid templates: every variation keeps an application valid, so the output is too. A
    // template that cannot be read or is not valid is refused with its problems, not skipped: the
    // output would silently vary fewer applications than the folder holds.
    let pack =
        RulePack::load(pack_files(&pack_name)?).with_context(|| super::cannot_use(&pack_name))?;
    let validator = pack.validator();
    let mut valid: Vec<Value> = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    for template in templates {
        let checked = template.and_then(|(name, text)| {
            let value = parse_json(&name, &text).map_err(|p| vec![p])?;
            validator.validate_value(&name, value.clone())?;
            Ok(value)
        });
        match checked {
            Ok(value) => valid.push(value),
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        let lang = messages::lang();
        for problem in &problems {
            errln!("{}", problem.display_in(lang));
        }
        errln!(
            "{}",
            messages::say(Message::NothingGenerated, &[("name", &pack_name)])
        );
        return Ok(Status::Rejected);
    }
    if valid.is_empty() {
        bail!(messages::say(Message::NoTemplates, &[]));
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

/// A template application's name and text, or the problems of reading it.
type Template = Result<(String, String), Vec<Problem>>;

/// Every `.json` file below `dir`, with its text or why it cannot be read.
fn templates_from(dir: &std::path::Path) -> Result<Vec<Template>> {
    let (sources, problems) = input::expand(&[dir.to_path_buf()]);
    if let Some(problem) = problems.first() {
        bail!("{}", problem.display_in(messages::lang()));
    }
    let mut templates = Vec::new();
    for source in sources.iter().filter(|s| matches!(s, InputSource::File(_))) {
        input::read(source, &mut |read| {
            templates.push(
                read.map(|input| (input.source, input.text))
                    .map_err(|p| vec![p]),
            );
        });
    }
    Ok(templates)
}
