//! `kriterium rules list|export`: the built-in packs.

use anyhow::{Context, Result, bail};
use kriterium_engine::pack::RulePack;
use kriterium_engine::suggest;

use crate::Status;
use crate::args::RulesCommand;
use crate::builtin;

pub fn run(command: RulesCommand) -> Result<Status> {
    match command {
        RulesCommand::List => {
            for name in builtin::names() {
                let files = builtin::files(name).context("built-in pack disappeared")?;
                let pack = RulePack::load(files)
                    .with_context(|| format!("the built-in pack `{name}` cannot be used"))?;
                let m = &pack.manifest;
                let default = if name == builtin::DEFAULT_PACK {
                    "  (default)"
                } else {
                    ""
                };
                println!(
                    "{name}  {}  {}{default}",
                    m.version,
                    m.title.get(&m.language, &m.language)
                );
            }
            Ok(Status::Ok)
        }
        RulesCommand::Export { name, dir } => {
            let Some(files) = builtin::files(&name) else {
                let known = builtin::names();
                let hint = suggest::did_you_mean(&name, known.iter().copied());
                bail!(
                    "no built-in pack `{name}`{hint} (built-in: {})",
                    known.join(", ")
                );
            };
            files
                .write_to(&dir)
                .with_context(|| format!("cannot export `{name}` to `{}`", dir.display()))?;
            println!(
                "wrote the pack `{name}` to {}; use it with --rules {}",
                dir.display(),
                dir.display()
            );
            Ok(Status::Ok)
        }
    }
}
