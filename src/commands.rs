//! Runs the commands: turns parsed arguments into engine calls and prints results.

mod assess;
mod batch;
mod check;
mod diff;
mod round;
mod rules;
mod samples;
mod sensitivity;
mod test;
mod validate;
mod verify;

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
            reports,
        } => batch::run(
            &load_pack(&rules)?,
            &batch::Settings {
                inputs,
                out,
                budget,
                jobs: jobs.map(|j| j as usize),
                lang,
                reports,
            },
        ),
        Command::Verify {
            decision,
            application,
            rules,
        } => verify::run(&decision, &application, rules.rules.as_deref()),
        Command::Check {
            pack,
            deny_warnings,
        } => check::run(&pack, deny_warnings),
        Command::Test { pack } => test::run(&pack),
        Command::Sensitivity {
            rules,
            inputs,
            budget,
            format,
            lang,
        } => sensitivity::run(
            &load_pack(&rules)?,
            &inputs,
            budget,
            format,
            lang.as_deref(),
        ),
        Command::Diff {
            old,
            new,
            inputs,
            budget,
            format,
            lang,
            output,
        } => diff::run(&diff::Settings {
            old: &old,
            new: &new,
            inputs: &inputs,
            budget,
            format,
            lang: lang.as_deref(),
            output: output.as_deref(),
        }),
        Command::Schema { kind } => {
            let schema = schema::by_name(kind.name()).context("unknown schema")?;
            out!("{}", schema::to_text(&schema));
            Ok(Status::Ok)
        }
        Command::Rules { command } => rules::run(command),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let generator = match shell {
                crate::args::Shell::Bash => clap_complete::Shell::Bash,
                crate::args::Shell::Zsh => clap_complete::Shell::Zsh,
                crate::args::Shell::Fish => clap_complete::Shell::Fish,
            };
            clap_complete::generate(
                generator,
                &mut Cli::command(),
                "kriterium",
                &mut std::io::stdout(),
            );
            Ok(Status::Ok)
        }
        Command::Samples { command } => samples::run(command),
    }
}

/// The pack named by `--rules`, or the default built-in pack.
fn load_pack(rules: &RulesArg) -> Result<RulePack> {
    load_pack_named(rules.rules.as_deref().unwrap_or(builtin::DEFAULT_PACK))
}

/// The pack in the folder `name`, or the built-in pack of that name.
fn load_pack_named(name: &str) -> Result<RulePack> {
    let files = pack_files(name)?;
    RulePack::load(files).with_context(|| format!("the rule pack `{name}` cannot be used"))
}

/// Writes `text` to `output` whole or not at all, or prints it when there is no output file.
/// Control characters are made visible in both: a text report saved to a file is read with
/// `cat` as well.
fn write_or_print(output: Option<&Path>, text: &str) -> Result<()> {
    match output {
        Some(file) => write_whole(
            file,
            &kriterium_engine::text::visible(text, kriterium_engine::text::Kind::Text),
        ),
        None => {
            out!("{text}");
            Ok(())
        }
    }
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
    let mut file = AtomicFile::create(path)?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    file.commit()
}

/// Writes `path` whole or not at all, for output too large to hold in memory: `write` fills a
/// temporary file beside it, which replaces `path` only when everything was written.
fn write_whole_with(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    write(&mut file).with_context(|| format!("cannot write `{}`", path.display()))?;
    file.commit()
}

/// A file that appears under its name whole or not at all: it is written to a temporary file in
/// the same folder, renamed over the target by `commit`, and removed if dropped uncommitted.
pub struct AtomicFile {
    target: std::path::PathBuf,
    temporary: std::path::PathBuf,
    writer: Option<std::io::BufWriter<fs::File>>,
}

impl AtomicFile {
    /// Starts writing `path`.
    pub fn create(path: &Path) -> Result<Self> {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temporary = folder.join(format!(".{name}.partial-{}", std::process::id()));
        let file = fs::File::create(&temporary)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        Ok(AtomicFile {
            target: path.to_path_buf(),
            temporary,
            writer: Some(std::io::BufWriter::new(file)),
        })
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(mut self) -> Result<()> {
        let result = (|| -> std::io::Result<()> {
            if let Some(writer) = self.writer.take() {
                let file = writer.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
            }
            fs::rename(&self.temporary, &self.target)
        })();
        result.with_context(|| format!("cannot write `{}`", self.target.display()))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.writer {
            Some(w) => w.write(buf),
            None => Err(std::io::Error::other("the file is already committed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.writer {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // Uncommitted: the partial file must not stay behind.
        if self.writer.take().is_some() {
            let _ = fs::remove_file(&self.temporary);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uncommitted_file_leaves_the_old_one_and_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        {
            let mut file = AtomicFile::create(&path).unwrap();
            file.write_all(b"half").unwrap();
            // Dropped without commit, as when writing fails half way.
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no partial file left"
        );
    }

    #[test]
    fn a_committed_file_replaces_the_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"new ").unwrap();
        file.write_all(b"content").unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "old",
            "not visible before commit"
        );
        file.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new content");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
