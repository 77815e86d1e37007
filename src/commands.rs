//! Runs the commands: turns parsed arguments into engine calls and prints results.

mod assess;
mod batch;
mod check;
mod rules;
mod samples;
mod validate;

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use kriterium_engine::pack::{PackFiles, RulePack};
use kriterium_engine::schema;
use kriterium_engine::suggest;

use crate::Status;
use crate::args::{Cli, Command, RulesArg};
use crate::builtin;

/// Runs one command.
pub fn run(cli: Cli) -> Result<Status> {
    match cli.command {
        Command::Validate { rules, inputs } => validate::run(&load_pack(&rules)?, &inputs),
        Command::Assess {
            rules,
            application,
            format,
            lang,
            output,
        } => assess::run(
            &load_pack(&rules)?,
            &application,
            format,
            lang.as_deref(),
            output.as_deref(),
        ),
        Command::Batch {
            rules,
            inputs,
            out,
            budget,
            jobs,
            lang,
        } => batch::run(
            &load_pack(&rules)?,
            &batch::Settings {
                inputs,
                out,
                budget,
                jobs: jobs.map(|j| j as usize),
                lang,
            },
        ),
        Command::Check { pack } => check::run(&pack),
        Command::Schema { kind } => {
            let schema = schema::by_name(kind.name()).context("unknown schema")?;
            print!("{}", schema::to_text(&schema));
            Ok(Status::Ok)
        }
        Command::Rules { command } => rules::run(command),
        Command::Samples { command } => samples::run(command),
    }
}

/// The pack named by `--rules`, or the default built-in pack.
fn load_pack(rules: &RulesArg) -> Result<RulePack> {
    let name = rules.rules.as_deref().unwrap_or(builtin::DEFAULT_PACK);
    let files = pack_files(name)?;
    RulePack::load(files).with_context(|| format!("the rule pack `{name}` cannot be used"))
}

/// A pack's files: from the folder `name` if there is one, else the built-in pack of that name.
fn pack_files(name: &str) -> Result<PackFiles> {
    let path = Path::new(name);
    if path.is_dir() {
        return PackFiles::from_dir(path).map_err(anyhow::Error::msg);
    }
    if let Some(files) = builtin::files(name) {
        return Ok(files);
    }
    let built_in = builtin::names();
    let hint = suggest::did_you_mean(name, built_in.iter().copied());
    bail!(
        "no rule pack `{name}`: it is neither a folder nor a built-in pack{hint} (built-in: {})",
        built_in.join(", ")
    )
}

/// Writes `text` to `path` whole or not at all.
fn write_whole(path: &Path, text: &str) -> Result<()> {
    write_whole_with(path, &mut |file| file.write_all(text.as_bytes()))
}

/// Writes `path` whole or not at all: `write` fills a temporary file beside it, which is then
/// renamed over `path`; on any error the temporary file is removed and `path` is untouched.
fn write_whole_with(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = folder.join(format!(".{name}.partial-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = std::io::BufWriter::new(fs::File::create(&temporary)?);
        write(&mut file)?;
        let file = file.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result.with_context(|| format!("cannot write `{}`", path.display()))
}
