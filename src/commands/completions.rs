//! `kriterium completions SHELL`: shell completions generated from the clap definitions, with
//! the built-in packs' names offered after `--rules` and `rules export`.
//!
//! The names are known when the binary is built (`build.rs` embeds the packs), so the static
//! scripts carry them. clap can offer a fixed list of values or file names for an argument, not
//! both, and `--rules` also takes a pack folder: the list is given to clap, and in the scripts of
//! bash, zsh and fish the `--rules` completion is widened to folders as well (a test reads the
//! generated scripts). `rules export NAME` takes only a name. clap's PowerShell script completes
//! commands and options only, no values, so it carries no names.

use clap::CommandFactory;
use clap::builder::PossibleValuesParser;

use crate::args::{Cli, Shell};
use crate::builtin;

/// The completion script for `shell`, as text.
pub fn script(shell: Shell) -> String {
    let names = builtin::names();
    let command = with_pack_names(Cli::command(), &names);
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    // Into memory first: `generate` panics when its writer fails (a full disk).
    let mut script = Vec::new();
    let mut command = command;
    clap_complete::generate(generator, &mut command, "kriterium", &mut script);
    let script = String::from_utf8_lossy(&script).into_owned();
    with_folders(shell, script, &names)
}

/// `command` with the pack names as the possible values of every `--rules` and of `rules
/// export`'s NAME. Only for generating completions: parsing keeps taking any folder.
fn with_pack_names(command: clap::Command, names: &[&'static str]) -> clap::Command {
    let names = names.to_vec();
    let mut command = command;
    if command.get_arguments().any(|a| a.get_id() == "rules") {
        let values = names.clone();
        command = command.mut_arg("rules", move |a| {
            a.value_parser(PossibleValuesParser::new(values))
        });
    }
    if command.get_name() == "export" && command.get_arguments().any(|a| a.get_id() == "name") {
        let values = names.clone();
        command = command.mut_arg("name", move |a| {
            a.value_parser(PossibleValuesParser::new(values))
        });
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subcommands {
        let names = names.clone();
        command = command.mut_subcommand(name, move |s| with_pack_names(s, &names));
    }
    command
}

/// `script` with folders offered beside the pack names after `--rules` (bash, zsh, fish); other
/// shells' scripts unchanged.
fn with_folders(shell: Shell, script: String, names: &[&str]) -> String {
    let list = names.join(" ");
    match shell {
        // `compgen -W "names" -- "${cur}"` → also `compgen -d`, the folders.
        Shell::Bash => script.replace(
            &format!("--rules)\n                    COMPREPLY=($(compgen -W \"{list}\" -- \"${{cur}}\"))"),
            &format!("--rules)\n                    COMPREPLY=($(compgen -W \"{list}\" -- \"${{cur}}\") $(compgen -d -- \"${{cur}}\"))"),
        ),
        // `:PACK:(names)` → the names or a folder (`_alternative`). The spec is single-quoted,
        // so the alternatives are double-quoted; `\:` is a colon inside the spec's action.
        Shell::Zsh => script.replace(
            &format!(":PACK:({list})"),
            &format!(
                ":PACK:_alternative \"packs\\:built-in pack\\:({list})\" \"folders\\:pack folder\\:_files -/\""
            ),
        ),
        // fish offers files unless told `-f`: the names stay, and files and folders come back.
        Shell::Fish => script
            .lines()
            .map(|line| {
                if line.contains(" -l rules ") {
                    line.replace(" -r -f -a ", " -r -F -a ")
                } else {
                    line.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n",
        Shell::Powershell => script,
    }
}
