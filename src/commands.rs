//! Runs the commands: turns parsed arguments into engine calls and prints results.

mod assess;
pub(crate) mod batch;
pub(crate) mod check;
mod completions;
mod crash;
pub(crate) mod diff;
mod import;
pub(crate) mod output;
pub(crate) mod register;
pub(crate) mod review_book;
mod round;
mod rules;
mod samples;
pub(crate) mod sensitivity;
mod stdin;
pub(crate) mod test;
mod validate;
mod verify;

use std::path::Path;

use anyhow::{Context, Result, bail};
use kriterium_engine::pack::{Funds, PackFiles, RulePack};
use kriterium_engine::schema;

use crate::Status;
use crate::args::{Cli, Command, RulesArg};
use crate::builtin;
use crate::messages::{self, Message};

use output::write_whole;
pub use output::{is_cannot_store, print};

/// Runs one command.
pub fn run(cli: Cli) -> Result<Status> {
    let lang = cli.lang;
    match cli.command {
        Command::Validate { rules, inputs } => validate::run(&load_pack(&rules)?, &inputs),
        Command::Assess {
            rules,
            application,
            year,
            format,
            output,
            reviews,
        } => {
            // After the pack, whose language the message takes.
            let pack = funded(load_pack(&rules)?, year, None)?;
            output::not_an_input(output.as_deref(), [application.as_path()])?;
            let Some(entered) = review_book::load(&pack.manifest, &reviews)? else {
                return Ok(Status::Unusable);
            };
            assess::run(
                &pack,
                &application,
                format,
                lang.as_deref(),
                output.as_deref(),
                &entered,
            )
        }
        Command::Batch {
            rules,
            inputs,
            out,
            budget,
            year,
            jobs,
            reports,
            reviews,
        } => {
            let pack = funded(load_pack(&rules)?, year, budget)?;
            let Some(entered) = review_book::load(&pack.manifest, &reviews)? else {
                return Ok(Status::Unusable);
            };
            batch::run(
                &pack,
                &batch::Settings {
                    inputs,
                    out,
                    jobs: jobs.map(|j| j as usize),
                    lang,
                    reports,
                    extra_files: Vec::new(),
                    reviews: entered,
                },
            )
        }
        Command::Verify {
            decision,
            application,
            rules,
            reviews,
        } => verify::run(&decision, &application, rules.rules.as_deref(), &reviews),
        Command::Check {
            pack,
            deny_warnings,
        } => check::run(&pack, deny_warnings),
        Command::Test { pack } => test::run(&pack),
        Command::Sensitivity {
            rules,
            inputs,
            budget,
            year,
            format,
            reviews,
        } => sensitivity::run(
            &funded(load_pack(&rules)?, year, budget)?,
            &inputs,
            format,
            lang.as_deref(),
            &reviews,
        ),
        Command::Diff {
            old,
            new,
            inputs,
            budget,
            year,
            format,
            output,
            reviews,
        } => {
            output::not_an_input(output.as_deref(), inputs.iter().map(|p| p.as_path()))?;
            diff::run(&diff::Settings {
                reviews: &reviews,
                old: &old,
                new: &new,
                inputs: &inputs,
                budget,
                year,
                format,
                lang: lang.as_deref(),
                output: output.as_deref(),
            })
        }
        Command::Import {
            sheet,
            mapping,
            rules,
            output,
            template,
        } => {
            let pack = load_pack(&rules)?;
            let mapping_file = mapping.as_deref().map(Path::new);
            let given = sheet.as_deref().into_iter().chain(mapping_file);
            output::not_an_input(Some(&output), given)?;
            let lang = crate::messages::lang();
            match (template, sheet, mapping) {
                (false, Some(sheet), Some(mapping)) => import::run(
                    &pack,
                    &import::Settings {
                        sheet: &sheet,
                        mapping: &mapping,
                        output: &output,
                        lang,
                    },
                ),
                _ => import::template(&output, lang),
            }
        }
        Command::Schema { kind } => {
            let schema = schema::by_name(kind.name()).context("unknown schema")?;
            output::print(&schema::to_text(&schema))?;
            Ok(Status::Ok)
        }
        Command::Rules { command } => rules::run(command),
        Command::Completions { shell } => {
            output::print(&completions::script(shell))?;
            Ok(Status::Ok)
        }
        Command::Samples { command } => samples::run(command),
        Command::Round { register, command } => {
            register::round(&register, command, lang.as_deref())
        }
        Command::Decide {
            register,
            round,
            application,
            outcome,
            amount,
            date,
            reason,
            abstained,
        } => register::decide(
            &register,
            register::Decision {
                round,
                application,
                outcome,
                amount,
                date,
                reason,
                abstained,
            },
        ),
        Command::Letters {
            register,
            round,
            out,
        } => register::letters(&register, &round, out.as_deref(), lang.as_deref()),
        Command::Register { register, command } => register::register(&register, command),
        Command::Serve { register, port } => crate::serve::run(&register, port, lang.as_deref()),
        Command::Panel { register, command } => register::panel(&register, command),
        Command::Reviews { register, command } => {
            register::reviews(&register, command, lang.as_deref())
        }
    }
}

/// The pack named by `--rules`, or the default built-in pack.
fn load_pack(rules: &RulesArg) -> Result<RulePack> {
    load_pack_named(rules.rules.as_deref().unwrap_or(builtin::DEFAULT_PACK))
}

/// The pack in the folder `name`, or the built-in pack of that name.
fn load_pack_named(name: &str) -> Result<RulePack> {
    let files = pack_files(name)?;
    let pack = RulePack::load(files).with_context(|| cannot_use(name))?;
    messages::follow_pack(&pack.manifest.language);
    Ok(pack)
}

/// `pack` run with the funds `--year` and `--budget` ask for: the year's budget from the pack
/// (or `--budget`) and the year; `--budget` alone, no year; neither, the pack's own funds (its
/// whole budget). A year the pack has no budget for is an error naming the years it has, even
/// with `--budget`: the year is recorded in every decision, so a mistyped one must not pass.
fn funded(pack: RulePack, year: Option<u32>, budget: Option<u64>) -> Result<RulePack> {
    let funds = match year {
        Some(year) => {
            let of_year = pack
                .year_budget(year)
                .map_err(|problem| anyhow::anyhow!("{}", problem.display_in(messages::lang())))?;
            Funds {
                budget: budget.unwrap_or(of_year),
                year: Some(year),
            }
        }
        None => Funds {
            budget: budget.unwrap_or(pack.funds().budget),
            year: None,
        },
    };
    Ok(pack.with_funds(funds))
}

/// "the rule pack `NAME` cannot be used", in the language of messages.
fn cannot_use(name: &str) -> String {
    messages::say(Message::PackCannotBeUsed, &[("name", name)])
}

/// Writes `text` to `output` whole or not at all, or prints it when there is no output file.
/// Control characters are made visible in both: a text report saved to a file is read with
/// `cat` as well.
fn write_or_print(output: Option<&Path>, text: &str) -> Result<()> {
    match output {
        Some(file) => Ok(write_whole(
            file,
            &kriterium_engine::text::visible(text, kriterium_engine::text::Kind::Text),
        )?),
        None => Ok(output::print(text)?),
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
    let hint = messages::did_you_mean(name, built_in.iter().copied());
    bail!(messages::say(
        Message::NoSuchPack,
        &[
            ("name", name),
            ("hint", &hint),
            ("known", &built_in.join(", "))
        ]
    ))
}
