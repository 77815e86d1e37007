//! The command line, as clap parses it. Turned into engine calls in `commands`; the engine never
//! sees these types.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum, ValueHint};

use crate::usage;

/// Scores applications for funding against a rule pack of prioritised criteria written as
/// editable Rhai scripts, and explains every decision.
#[derive(Debug, Parser)]
#[command(name = "kriterium", version, about, propagate_version = true)]
#[command(
    after_help = "With no --rules, the built-in default pack is used (see `kriterium rules list`).\n\
Exit status: 0 all good; 1 some input was invalid or could not be assessed; 2 usage error or unusable rule pack; \
3 the results could not be written or stored (disk full, unwritable folder) — nothing partial is left."
)]
pub struct Cli {
    /// Language of messages, and of titles, labels and numbers in reports and results [default:
    /// the pack's language; messages also follow KRITERIUM_LANG and the locale]
    #[arg(long, global = true, value_name = "LANG", value_parser = languages())]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check applications against the schema and the rule pack's own requirements
    Validate {
        #[command(flatten)]
        rules: RulesArg,
        /// Application files (.json), JSON Lines files (.jsonl), folders of them (every .json and .jsonl below, in any case; not hidden entries or results folders), or - for JSON Lines on standard input
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
    },
    /// Assess one application and print the decision with its reasons
    Assess {
        #[command(flatten)]
        rules: RulesArg,
        /// The application file (.json)
        #[arg(value_name = "APPLICATION")]
        application: PathBuf,
        /// The year the round is for: its budget from the pack, and what scripts read as pack.year [default: no year, the pack's whole budget]
        #[arg(long, value_hint = ValueHint::Other, value_name = "YEAR", allow_negative_numbers = true, value_parser = usage::year_value)]
        year: Option<u32>,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write to FILE instead of standard output (written whole or not at all)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        reviews: ReviewsArg,
    },
    /// Assess many applications, rank them and draw the funding line within the budget
    #[command(
        after_help = "Writes to --out: decisions.jsonl (one decision per application: ranked ones in rank \
order, then the rest), ranking.csv (for Danish Excel and LibreOffice: UTF-8 with BOM, `;` between fields, \
decimal comma), ranking.xlsx (the same ranking as a spreadsheet, for any Excel or LibreOffice), summary.json (counts, budget, rejected inputs with reasons), index.html (the ranked \
overview) and reports/ID.html and reports/ID.md (one report per application).\n\
The whole result set is written into a new folder beside DIR (.DIR.staging-…) and replaces DIR in one step \
when it is complete, so DIR always holds exactly one complete run: the previous one until the new one is \
done. What a stopped run left behind is removed by the next run. DIR must be new, empty or a results folder \
of an earlier batch: a folder with other files is refused, never emptied. Exit status 3 when the results \
cannot be stored (disk full, unwritable folder); DIR is then left as it was.\n\
Results are never read as applications: when DIR lies inside an input folder, it is not input (nor is any \
results folder, one holding decisions.jsonl, ranking.csv and summary.json, nor a hidden .NAME entry such as \
the staging folders)."
    )]
    Batch {
        #[command(flatten)]
        rules: RulesArg,
        /// Application files (.json), JSON Lines files (.jsonl), folders of them (every .json and .jsonl below, in any case; not hidden entries or results folders), or - for JSON Lines on standard input
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Folder for the results (created if missing; replaced whole by each run)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Budget to fund against, in whole units of the pack's currency [default: the budget of --year, else the pack's budget]
        #[arg(long, value_hint = ValueHint::Other, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = usage::amount_value)]
        budget: Option<u64>,
        /// The year the round is for: its budget from the pack, and what scripts read as pack.year [default: no year, the pack's whole budget]
        #[arg(long, value_hint = ValueHint::Other, value_name = "YEAR", allow_negative_numbers = true, value_parser = usage::year_value)]
        year: Option<u32>,
        /// Worker threads [default: all cores]
        #[arg(long, value_hint = ValueHint::Other, value_name = "N", allow_negative_numbers = true, value_parser = usage::jobs_value)]
        jobs: Option<u32>,
        /// Which reports to write: a report per application in reports/ (HTML, Markdown or both)
        /// and the overview index.html; `none` writes neither (for very large batches)
        #[arg(long, value_enum, default_value_t = Reports::All)]
        reports: Reports,
        #[command(flatten)]
        reviews: ReviewsArg,
    },
    /// Assess an application again and check that a recorded decision reproduces exactly
    #[command(
        after_help = "DECISION is a decision as `assess --format json` writes it, or a batch's decisions.jsonl \
(the decision on the application is found by its id). Without --rules the built-in pack the decision names is used. \
Exit status 0 when the decision reproduces exactly, 1 when anything differs."
    )]
    Verify {
        /// The recorded decision (.json, or a batch's decisions.jsonl)
        #[arg(value_name = "DECISION")]
        decision: PathBuf,
        /// The application file (.json) the decision was made on
        #[arg(value_name = "APPLICATION")]
        application: PathBuf,
        #[command(flatten)]
        rules: RulesArg,
        #[command(flatten)]
        reviews: ReviewsArg,
    },
    /// Report every error and warning in a rule pack, each with file:line:col
    #[command(
        after_help = "Errors keep the pack from being used: manifest problems, duplicate ids, weights and points \
that make no sense, script syntax errors, unknown functions, fields no application has. Warnings are likely \
mistakes that still run: unused scripts and parameters, a lower-priority criterion that can outweigh a higher \
one, a criterion that never awards points.\n\
Exit status: 0 no errors (warnings allowed), 1 warnings with --deny-warnings, 2 errors."
    )]
    Check {
        /// A pack folder, or the name of a built-in pack
        #[arg(value_name = "PACK")]
        pack: String,
        /// Exit with 1 when there are warnings
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Run a rule pack's own test cases (tests/*.toml and tests/*.json) and show every failure
    #[command(
        after_help = "Each case names an application and what the pack must decide for it (eligible, gates, points, \
total, phrases in the reasons); see docs/rule-authoring.md.\n\
Exit status: 0 every case passed; 1 a case failed or could not run; 2 the pack cannot be used."
    )]
    Test {
        /// A pack folder, or the name of a built-in pack
        #[arg(value_name = "PACK")]
        pack: String,
    },
    /// Show which decisions a change of rule pack would move: points, total, rank,
    /// recommendation and grant per application, then a summary
    #[command(
        after_help = "Both packs assess the same applications, and each round is ranked against its pack's budget \
(its budget of --year, or --budget). Identical packs report no change. Exit status: 0 all inputs assessed; 1 some input was rejected \
(listed in the output); 2 usage error or unusable pack; 3 the output could not be written."
    )]
    Diff {
        /// The pack as it is: a folder, or the name of a built-in pack
        #[arg(long, value_name = "PACK")]
        old: String,
        /// The changed pack: a folder, or the name of a built-in pack
        #[arg(long, value_name = "PACK")]
        new: String,
        /// Application files (.json), JSON Lines files (.jsonl), folders of them (every .json and .jsonl below, in any case; not hidden entries or results folders), or - for JSON Lines on standard input
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Budget to rank both rounds against, in whole units of the currency [default: each pack's budget of --year, else its budget]
        #[arg(long, value_hint = ValueHint::Other, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = usage::amount_value)]
        budget: Option<u64>,
        /// The year the round is for: its budget from the pack, and what scripts read as pack.year [default: no year, the pack's whole budget]
        #[arg(long, value_hint = ValueHint::Other, value_name = "YEAR", allow_negative_numbers = true, value_parser = usage::year_value)]
        year: Option<u32>,
        /// Output format: text for the terminal, md or html for the meeting, json for tools
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Write to FILE instead of standard output (written whole or not at all)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        reviews: ReviewsArg,
    },
    /// Show how robust the ranking is: for each application near the funding line, the smallest
    /// change to one criterion's weight that changes whether it is funded
    #[command(
        after_help = "Weights are changed one at a time, within ±50 %, to weights a pack can hold (two decimals); \
each reported weight, put in pack.toml, changes the application's funding. Changes within ±10 % are flagged ⚠.\n\
Exit status: 0 all inputs assessed; 1 some input was rejected (listed on standard error); 2 usage error or unusable pack."
    )]
    Sensitivity {
        #[command(flatten)]
        rules: RulesArg,
        /// Application files (.json), JSON Lines files (.jsonl), folders of them (every .json and .jsonl below, in any case; not hidden entries or results folders), or - for JSON Lines on standard input
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Budget to fund against, in whole units of the pack's currency [default: the budget of --year, else the pack's budget]
        #[arg(long, value_hint = ValueHint::Other, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = usage::amount_value)]
        budget: Option<u64>,
        /// The year the round is for: its budget from the pack, and what scripts read as pack.year [default: no year, the pack's whole budget]
        #[arg(long, value_hint = ValueHint::Other, value_name = "YEAR", allow_negative_numbers = true, value_parser = usage::year_value)]
        year: Option<u32>,
        /// Output format
        #[arg(long, value_enum, default_value_t = SensitivityFormat::Text)]
        format: SensitivityFormat,
        #[command(flatten)]
        reviews: ReviewsArg,
    },
    /// Turn a form export (CSV or XLSX) into applications (JSON Lines) by a mapping, or write a
    /// form to start from
    #[command(
        after_help = "The mapping (TOML) says which column fills which field, and how cells are converted: \
Danish amounts and dates, yes/no, lists, words translated into the schema's values; docs/import.md describes it. \
MAP is a mapping file, or the name of a form the pack ships (forms/MAP.toml in the pack).\n\
Every application is validated as batch validates it. Valid ones are written to FILE; every rejected row is \
listed on standard error with its reasons by row and column, then a summary.\n\
--template -o FORM.xlsx writes a form with a column per field, an example row and lists for fixed values, \
and its mapping FORM.toml beside it.\n\
Exit status: 0 every row imported; 1 some row was rejected; 2 the mapping cannot be used or the sheet cannot be read."
    )]
    Import {
        /// The sheet: a CSV file (.csv, .txt, .tsv; `,` `;` or tab; UTF-8 or Windows-1252) or an Excel workbook (.xlsx)
        #[arg(value_name = "SHEET", required_unless_present = "template")]
        sheet: Option<PathBuf>,
        /// The mapping: a TOML file, or the name of a form the pack ships (forms/MAP.toml)
        #[arg(long, value_name = "MAP", required_unless_present = "template")]
        mapping: Option<String>,
        #[command(flatten)]
        rules: RulesArg,
        /// Write the applications to FILE (JSON Lines, written whole or not at all), or - for standard output
        #[arg(short = 'o', long = "output", value_name = "FILE", required = true)]
        output: PathBuf,
        /// Write a form to fill in (-o FORM.xlsx) and its mapping (FORM.toml beside it) instead
        #[arg(long, conflicts_with_all = ["sheet", "mapping"])]
        template: bool,
    },
    /// Print shell completions: add `source <(kriterium completions bash)` to ~/.bashrc, or see README
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the JSON Schema of an application, a pack manifest or a decision
    Schema {
        #[arg(value_enum)]
        kind: SchemaKind,
    },
    /// Make synthetic applications for benchmarks and scale tests
    Samples {
        #[command(subcommand)]
        command: SamplesCommand,
    },
    /// List the built-in rule packs, or export one to a folder for editing
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Rounds in the register: open one under a pack, add applications, show, export, close
    #[command(
        after_help = "The register is one SQLite file: --register FILE, else KRITERIUM_REGISTER, else kriterium.sqlite \
in the current folder. Only `round open` creates it. Every command changes it in one transaction: stopped at any \
point, the register is as before or as after.\n\
Exit status: 0 done; 1 some input was rejected; 2 usage error, an unknown round or application, a closed round \
(nothing changed); 3 the register cannot be used (not a register, from a newer kriterium, locked, unwritable)."
    )]
    Round {
        #[command(flatten)]
        register: RegisterArg,
        #[command(subcommand)]
        command: RoundCommand,
    },
    /// Record the group's decision on an application: a grant (partial with an amount), or a refusal
    #[command(
        after_help = "A decision that differs from the recommendation needs --reason. A grant is charged to its round's year \
and never exceeds what the year has left, nor the amount requested. While the round is open, a decision can be \
changed by deciding again; the earlier one is kept in the history, with when and by whom.\n\
Exit status: 0 recorded; 2 refused (nothing changed); 3 the register cannot be used."
    )]
    Decide {
        #[command(flatten)]
        register: RegisterArg,
        /// The round's id
        #[arg(value_name = "ROUND")]
        round: String,
        /// The application's id
        #[arg(value_name = "APP")]
        application: String,
        /// What the group decided: grant or reject
        #[arg(value_enum, value_name = "DECISION")]
        outcome: DecisionWord,
        /// The amount granted, e.g. 150.000 (a grant without it grants what was requested)
        #[arg(value_hint = ValueHint::Other, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = usage::amount_value)]
        amount: Option<u64>,
        /// The date of the meeting that decided, YYYY-MM-DD
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// Why: required when the decision differs from the recommendation
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        /// A member who stood aside for a conflict of interest (repeat for more)
        #[arg(long, value_name = "NAME")]
        abstained: Vec<String>,
    },
    /// Write the decision letters of a round: one per decided application, as HTML, Markdown and PDF
    #[command(
        after_help = "A letter is about the group's recorded decision (kriterium decide): a tilsagn, a delvist tilsagn or an \
afslag, with the legal basis, the main considerations, the decisive facts, where the funding line fell and what would \
have changed the outcome, the conditions and the klagevejledning (forvaltningsloven §§ 22-25), in the words of the \
round's pack ([letter] in pack.toml). Letters are written in the language the round was assessed in. The folder is replaced whole, as batch replaces \
its results.\n\
Exit status: 0 written; 2 refused (no decisions, or the pack has no [letter]); 3 the register cannot be used or the \
letters cannot be written."
    )]
    Letters {
        #[command(flatten)]
        register: RegisterArg,
        /// The round's id
        #[arg(value_name = "ROUND")]
        round: String,
        /// Folder for the letters [default: letters-ROUND]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// The meeting app: a local web page over the register, to see rounds, tune weights, decide and write letters
    #[command(
        after_help = "Listens on 127.0.0.1 only, and prints the address with an access token: only who has the address \
can use the app (other users of the machine cannot). Stop it with Ctrl+C.\n\
Every change goes through the same code as the commands (`decide`, `reviews add`, `letters`), so the app and the \
command line never disagree. A closed round is shown read-only.\n\
Exit status: 0 stopped; 2 the port cannot be used, or there is no register at FILE; 3 the register cannot be used (not a register, damaged)."
    )]
    Serve {
        #[command(flatten)]
        register: RegisterArg,
        /// The port on 127.0.0.1 to listen on; 0 lets the system choose a free one
        #[arg(long, value_name = "N", default_value_t = 8470)]
        port: u16,
    },
    /// The panel in the register: the members who review, their declared affiliations and conflicts
    #[command(
        after_help = "The panel is register-wide: every open round uses the panel set last, and a round opened later takes \
it. Setting it again keeps the earlier one in the history and assesses the open rounds' applications again.\n\
Exit status: 0 done; 2 the file is refused (nothing changed); 3 the register cannot be used."
    )]
    Panel {
        #[command(flatten)]
        register: RegisterArg,
        #[command(subcommand)]
        command: PanelCommand,
    },
    /// Reviewers' scores of a round: the sheet to fill in, filled sheets entered, what they show
    #[command(
        after_help = "A reviewer's new sheet replaces their earlier reviews of the round; the earlier ones are kept in the \
history. Every bad cell is reported, and nothing is stored unless every review is accepted.\n\
Exit status: 0 done; 2 refused (nothing changed); 3 the register cannot be used or the sheet cannot be written."
    )]
    Reviews {
        #[command(flatten)]
        register: RegisterArg,
        #[command(subcommand)]
        command: ReviewsCommand,
    },
    /// Check the whole register: assessments, money and ledger
    Register {
        #[command(flatten)]
        register: RegisterArg,
        #[command(subcommand)]
        command: RegisterCommand,
    },
}

/// Which register file.
#[derive(Debug, clap::Args)]
pub struct RegisterArg {
    /// The register file [default: KRITERIUM_REGISTER, else kriterium.sqlite]
    #[arg(long, value_name = "FILE", global = true)]
    pub register: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum RoundCommand {
    /// Open a round: store the pack (every file and its fingerprint), the year and the budget
    #[command(
        after_help = "The default budget is the year's budget in the pack less what earlier rounds of the year granted."
    )]
    Open {
        /// The round's id, e.g. 2025-1
        #[arg(value_name = "ID")]
        id: String,
        #[command(flatten)]
        rules: RulesArg,
        /// The year the round's grants are charged to
        #[arg(long, value_name = "YEAR", value_parser = usage::whole_number(1900, 2200))]
        year: u64,
        /// The round's budget, in whole units of the pack's currency [default: the year's budget less what earlier rounds of the year granted]
        #[arg(long, value_hint = ValueHint::Other, value_name = "AMOUNT", allow_negative_numbers = true, value_parser = usage::amount_value)]
        budget: Option<u64>,
        /// The round's title [default: the pack's id and the year]
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
    },
    /// Validate, assess and store applications in a round, as batch assesses them
    #[command(
        after_help = "Every input is stored or rejected with its reasons. The same application added again is recognised; \
another application under an id the round has is rejected. Applications are assessed first and stored in one \
short transaction at the end."
    )]
    Add {
        /// The round's id
        #[arg(value_name = "ID")]
        id: String,
        /// Application files (.json), JSON Lines files (.jsonl), folders of them (every .json and .jsonl below, in any case; not hidden entries or results folders), or - for JSON Lines on standard input
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Worker threads [default: all cores]
        #[arg(long, value_hint = ValueHint::Other, value_name = "N", allow_negative_numbers = true, value_parser = usage::jobs_value)]
        jobs: Option<u32>,
    },
    /// Show a round: the ranking with the funding line, the decisions, and the money per year
    Show {
        /// The round's id
        #[arg(value_name = "ID")]
        id: String,
        /// Output format
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// List the rounds, and the money per year
    List {
        /// Output format
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Write a round's results as batch writes them, plus the group's decisions, from the register
    Export {
        /// The round's id
        #[arg(value_name = "ID")]
        id: String,
        /// Folder for the results (replaced whole, as batch replaces it)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Which reports to write
        #[arg(long, value_enum, default_value_t = Reports::All)]
        reports: Reports,
    },
    /// Close a round: after it, nothing in the round can change
    Close {
        /// The round's id
        #[arg(value_name = "ID")]
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PanelCommand {
    /// Set the panel from a panel.toml ([[member]] with organisations, municipalities and roles; [[conflict]] declared by hand)
    Set {
        /// The panel file (panel.toml)
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Show the panel: members, affiliations, declared conflicts, and when it was set
    Show,
}

#[derive(Debug, Subcommand)]
pub enum ReviewsCommand {
    /// Write the review sheet to fill in (XLSX or CSV): a row per application and reviewed criterion, the rubric on a second sheet of an XLSX
    Template {
        /// The round's id
        #[arg(value_name = "ROUND")]
        round: String,
        /// The sheet to write: .xlsx (with the rubric on a second sheet) or .csv (semicolons, UTF-8 with BOM)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The reviewer the sheet is for: their name is filled in, and applications they have a conflict with are left out
        #[arg(long, value_name = "NAME")]
        reviewer: Option<String>,
        /// Overwrite the file if it exists (a filled-in sheet would be lost)
        #[arg(long)]
        force: bool,
    },
    /// Enter filled review sheets (CSV or XLSX) and assess the round's applications again
    Add {
        /// The round's id
        #[arg(value_name = "ROUND")]
        round: String,
        /// The sheets (.csv or .xlsx); a folder gives every sheet in it
        #[arg(required = true, value_name = "SHEET")]
        sheets: Vec<PathBuf>,
        /// Let a reviewer's new sheet withdraw reviews of applications it leaves out (without
        /// it, such a sheet is refused, naming them)
        #[arg(long)]
        replace: bool,
    },
    /// Show the round's reviews: each reviewer's leniency, disagreements, what awaits review
    Show {
        /// The round's id
        #[arg(value_name = "ROUND")]
        round: String,
        /// Output format
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum RegisterCommand {
    /// Re-assess every application of every round under the round's stored pack, and check the money and the ledger
    #[command(
        after_help = "Uses the register alone: the packs are the snapshots stored when the rounds were opened. \
Exit status: 0 everything holds; 1 something differs (each difference is named); 3 the register cannot be used."
    )]
    Verify,
}

/// What the group decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DecisionWord {
    /// A grant of the amount requested, or of AMOUNT
    Grant,
    /// A refusal
    Reject,
}

/// `round show` and `round list` write text for people or JSON for tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A readable table for a terminal
    Text,
    /// JSON, for tools
    Json,
}

/// Reviewers' scores and the panel they are checked against (`batch`, `assess`, `verify`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ReviewsArg {
    /// Review sheets (.csv or .xlsx): reviewers' scores of the pack's reviewer-scored criteria, one sheet per reviewer or one for all (put them after the inputs, or give --reviews once per file); a folder gives every sheet in it, and its panel.toml as the panel
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub reviews: Vec<PathBuf>,
    /// The panel (panel.toml): its members and their declared affiliations, so that a member with a conflict of interest stands aside (default: the panel.toml of a folder given to --reviews)
    #[arg(long, value_name = "FILE")]
    pub panel: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct RulesArg {
    /// Rule pack: a folder with a pack.toml, or the name of a built-in pack
    #[arg(long, value_name = "PACK")]
    pub rules: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SamplesCommand {
    /// Write N valid applications as JSON Lines, varied from template applications; the same
    /// seed gives the same applications on every machine
    Generate {
        /// How many applications
        #[arg(long, value_hint = ValueHint::Other, value_name = "N", allow_negative_numbers = true, value_parser = usage::any_whole_number)]
        count: u64,
        /// Seed for the variations
        #[arg(long, value_hint = ValueHint::Other, value_name = "S", default_value_t = 1, allow_negative_numbers = true, value_parser = usage::any_whole_number)]
        seed: u64,
        /// Built-in pack whose sample applications are the templates [default: the default pack]
        #[arg(long, value_name = "PACK", conflicts_with = "from")]
        rules: Option<String>,
        /// A folder of application files (.json) to use as templates instead
        #[arg(long, value_name = "DIR")]
        from: Option<PathBuf>,
        /// Write to FILE instead of standard output (written whole or not at all)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List the built-in rule packs
    List,
    /// Write Rhai definition files (.d.rhai, as Rhai's own Engine::definitions writes them) of the
    /// engine scripts run in and of the fields of `app` and `pack`, for Rhai's language server
    Definitions {
        /// The folder to write the __*__.d.rhai files and fields.d.rhai to (created if missing)
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        #[command(flatten)]
        rules: RulesArg,
    },
    /// Write a built-in pack to a new folder, to edit it and use it with --rules DIR
    Export {
        /// The built-in pack's name
        #[arg(value_name = "NAME")]
        name: String,
        /// The folder to create (must not exist, or be empty)
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable table for a terminal
    Text,
    /// The decision as JSON (schemas/decision.schema.json)
    Json,
    /// A report in Markdown, to attach to the decision
    Md,
    /// A report as one self-contained HTML page, to attach to the decision or print
    Html,
}

/// What `diff` writes: the same changes in four forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// The moved decisions and a summary, as a table for a terminal
    Text,
    /// Every application's old and new points, total, rank, recommendation and grant, as JSON for tools
    Json,
    /// The moved decisions and a summary in Markdown, for the meeting's papers
    Md,
    /// The moved decisions and a summary as one self-contained HTML page, for the meeting
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SensitivityFormat {
    /// A readable list for a terminal
    Text,
    /// The analysis as JSON
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Reports {
    /// HTML and Markdown reports, and index.html
    All,
    /// HTML reports and index.html
    Html,
    /// Markdown reports and index.html
    Md,
    /// No reports and no index.html
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Application,
    Pack,
    Decision,
}

impl SchemaKind {
    pub fn name(self) -> &'static str {
        match self {
            SchemaKind::Application => "application",
            SchemaKind::Pack => "pack",
            SchemaKind::Decision => "decision",
        }
    }
}

/// The report languages `--lang` accepts: those with a full column in the translation table.
fn languages() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(kriterium_engine::labels::LANGUAGES)
}
