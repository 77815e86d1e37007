//! `kriterium rules list|export|definitions`: the built-in packs, and editor definitions.

use std::io::Write;

use anyhow::{Context, Result, bail};
use kriterium_engine::pack::RulePack;
use kriterium_engine::schema;
use kriterium_engine::script::definitions;

use super::output::{self, CannotStore};
use crate::Status;
use crate::args::RulesCommand;
use crate::builtin;
use crate::messages::{self, Message};

pub fn run(command: RulesCommand) -> Result<Status> {
    match command {
        RulesCommand::List => {
            for name in builtin::names() {
                let files = builtin::files(name).context("built-in pack disappeared")?;
                let pack = RulePack::load(files).with_context(|| super::cannot_use(name))?;
                let m = &pack.manifest;
                let default = if name == builtin::DEFAULT_PACK {
                    format!("  {}", messages::say(Message::Default, &[]))
                } else {
                    String::new()
                };
                outln!(
                    "{name}  {}  {}{default}",
                    m.version,
                    m.title.get(&m.language, &m.language)
                );
            }
            Ok(Status::Ok)
        }
        RulesCommand::Definitions { dir, rules } => {
            let pack = super::load_pack(&rules)?;
            let parameters: Vec<String> = pack.manifest.parameters.keys().cloned().collect();
            let files = [
                ("kriterium.d.rhai", definitions::api()),
                (
                    "fields.d.rhai",
                    definitions::fields(&schema::application(), pack.extra_schema(), &parameters),
                ),
            ];
            std::fs::create_dir_all(&dir).map_err(|e| {
                CannotStore::new(crate::messages::Message::ActCreateFolder, &dir, e)
            })?;
            // Both files are written before either replaces an older one.
            let mut written = Vec::new();
            for (name, text) in files {
                let path = dir.join(name);
                let mut file = output::OutputFile::create(&path)?;
                file.write_all(text.as_bytes())
                    .map_err(CannotStore::write(&path))?;
                written.push(file);
            }
            for file in written {
                file.commit()?;
            }
            outln!(
                "{}",
                messages::say(
                    Message::WroteDefinitions,
                    &[
                        ("id", &pack.manifest.id),
                        ("dir", &dir.display().to_string())
                    ]
                )
            );
            Ok(Status::Ok)
        }
        RulesCommand::Export { name, dir } => {
            let Some(files) = builtin::files(&name) else {
                let known = builtin::names();
                let hint = messages::did_you_mean(&name, known.iter().copied());
                bail!(messages::say(
                    Message::NoSuchBuiltIn,
                    &[
                        ("name", &name),
                        ("hint", &hint),
                        ("known", &known.join(", "))
                    ]
                ));
            };
            let files = files
                .paths()
                .filter_map(|path| Some((path, files.get(path)?)));
            output::write_folder(&dir, files)?;
            outln!(
                "{}",
                messages::say(
                    Message::WroteExport,
                    &[("name", &name), ("dir", &dir.display().to_string())]
                )
            );
            Ok(Status::Ok)
        }
    }
}
