//! `kriterium rules list|export|definitions`: the built-in packs, and editor definitions.

use std::io::Write;

use anyhow::{Context, Result, bail};
use kriterium_engine::pack::RulePack;
use kriterium_engine::schema;
use kriterium_engine::script::{ScriptHost, definitions};

use super::output::{self, CannotStore};
use crate::Status;
use crate::args::RulesCommand;
use crate::builtin;
use crate::messages::{self, Message};

/// Taplo's configuration (read by Even Better TOML in VS Code, and `taplo check`), written into
/// an exported pack so its `pack.toml` is checked against the pack schema outside this
/// repository. Hidden, like the schema beside it: the pack walk skips names starting with `.`,
/// so neither is part of the pack or changes its fingerprint (a `#:schema` line in
/// `pack.toml` would).
const TAPLO_CONFIG: &str = ".taplo.toml";
/// The pack schema in an exported pack, as `kriterium schema pack` prints it.
const PACK_SCHEMA: &str = ".pack.schema.json";
/// The text of [`TAPLO_CONFIG`].
const TAPLO_TEXT: &str = "\
# Editors with Taplo (VS Code: Even Better TOML) check pack.toml against kriterium's pack schema.
# Written by `kriterium rules export`; not part of the pack (hidden files are not read).

[[rule]]
include = [\"**/pack.toml\"]

[rule.schema]
path = \"./.pack.schema.json\"
";

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
            // The engine the pack's scripts run in describes itself (Rhai's own files), and the
            // pack's fields are declared beside it.
            let mut files = ScriptHost::new(&pack.manifest.language, Vec::new()).definitions();
            files.push((
                "fields.d.rhai".to_string(),
                definitions::fields(&schema::application(), pack.extra_schema(), &parameters),
            ));
            std::fs::create_dir_all(&dir)
                .map_err(|e| CannotStore::new(Message::ActCreateFolder, &dir, e))?;
            // Every file is written before any replaces an older one.
            let mut written = Vec::new();
            for (name, text) in &files {
                let path = dir.join(name);
                let mut file = output::OutputFile::create(&path)?;
                file.write_all(text.as_bytes())
                    .map_err(CannotStore::write(&path))?;
                written.push(file);
            }
            for file in written {
                file.commit()?;
            }
            let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
            outln!(
                "{}",
                messages::say(
                    Message::WroteDefinitions,
                    &[
                        ("files", &names.join(", ")),
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
            let schema = schema::to_text(&schema::pack());
            let editor = [(TAPLO_CONFIG, TAPLO_TEXT), (PACK_SCHEMA, schema.as_str())];
            let files = files
                .paths()
                .filter_map(|path| Some((path, files.get(path)?)))
                .chain(editor);
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
