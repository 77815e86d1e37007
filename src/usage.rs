//! The command line as its users type it: reading the arguments, numbers and amounts in them,
//! and clap's errors in the user's language.
//!
//! A usage error comes before any `--lang` is parsed, so its language is found by scanning the
//! raw arguments for `--lang X` (or `--lang=X`), then `KRITERIUM_LANG`, then the locale, then
//! English ([`language_flag`], `messages::start`). The pack's language does not decide it: a
//! command line that cannot be understood names no pack for certain. For the common kinds of
//! error (unknown command or option with its "did you mean", a missing argument or value, an
//! invalid value, a value our parsers refuse, a missing subcommand, a wrong number of values,
//! a conflict) we print our own words with clap's context; rare kinds keep clap's English.
//! `--help` and `--version` are printed as clap prints them, in the localised help (`help.rs`).

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches};
use kriterium_engine::amount::{self, AmountError};

use crate::args::Cli;
use crate::messages::{self, Message};

/// The value of `--lang` in the raw arguments (`--lang da` or `--lang=da`), if any; the last
/// one wins, as clap would take it. Arguments after `--` are not options.
pub fn language_flag(args: &[OsString]) -> Option<String> {
    let mut found = None;
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            found = args.next().map(|v| v.into_owned());
        } else if let Some(value) = arg.strip_prefix("--lang=") {
            found = Some(value.to_string());
        }
    }
    found
}

/// Parses `args` (the program's name first) into a [`Cli`], with help in the language of
/// messages. On `--help` or `--version` prints them; on a usage error prints it in the
/// language of messages. Either way returns the exit code to end with.
pub fn parse(args: Vec<OsString>) -> Result<Cli, ExitCode> {
    let command = crate::help::localised(Cli::command(), messages::lang());
    command
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
        .map_err(|error| report(&error))
}

/// Prints `error` as the user's language says it and gives clap's exit code (0 for help and
/// version, 2 for usage errors).
fn report(error: &clap::Error) -> ExitCode {
    let code = ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
    let Some(text) = describe(error) else {
        // Help, version and the rare kinds: clap's own text.
        let _ = error.print();
        return code;
    };
    let lang = messages::lang();
    let mut out = format!("{}: {text}\n", Message::ErrorPrefix.text(lang));
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        out.push_str(&format!(
            "\n{} {usage}\n",
            messages::say(Message::UsageHeading, &[])
        ));
        // `kriterium batch --out <DIR> …` → `kriterium batch`: the command the help is about.
        let command: Vec<&str> = usage
            .split_whitespace()
            .take_while(|w| !w.starts_with(['-', '<', '[']))
            .collect();
        let help = format!("{} --help", command.join(" "));
        out.push_str(&format!(
            "\n{}\n",
            messages::say(Message::TryHelp, &[("help", &help)])
        ));
    }
    errln!("{}", out.trim_end());
    code
}

/// Our words for `error`, or `None` when clap's own text is printed (help, version, rare kinds).
fn describe(error: &clap::Error) -> Option<String> {
    let get = |kind| error.get(kind).map(ContextValue::to_string);
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let q = messages::quoted;
    let suggestion = |kind| get(kind).map(|s| messages::suggest(&s)).unwrap_or_default();
    let text = match error.kind() {
        ErrorKind::InvalidSubcommand => messages::say(
            Message::UnknownCommand,
            &[
                (
                    "value",
                    &q(&get(ContextKind::InvalidSubcommand).unwrap_or_default()),
                ),
                ("hint", &suggestion(ContextKind::SuggestedSubcommand)),
            ],
        ),
        // clap calls every word it has no place for an unknown argument: a word without a
        // leading `-` is one argument too many, and `-5` is a negative number, not an option.
        ErrorKind::UnknownArgument if !arg.starts_with('-') || arg == "-" => {
            messages::say(Message::ExtraArgument, &[("value", &q(&arg))])
        }
        ErrorKind::UnknownArgument if looks_negative(&arg) => {
            messages::say(Message::NegativeNumber, &[("value", &q(&arg))])
        }
        ErrorKind::UnknownArgument => messages::say(
            Message::UnknownOption,
            &[
                ("value", &q(&arg)),
                ("hint", &suggestion(ContextKind::SuggestedArg)),
            ],
        ),
        ErrorKind::MissingRequiredArgument => {
            let missing = match error.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(args)) => {
                    args.iter().map(|a| q(a)).collect::<Vec<_>>().join(", ")
                }
                _ => q(&arg),
            };
            messages::say(Message::MissingArgument, &[("args", &missing)])
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            messages::say(Message::MissingValue, &[("arg", &q(&arg))])
        }
        ErrorKind::InvalidValue => {
            let possible = match error.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(values)) => values.as_slice(),
                _ => &[],
            };
            let valid = possible.iter().map(|v| q(v)).collect::<Vec<_>>().join(", ");
            messages::say(
                Message::InvalidValue,
                &[
                    ("value", &q(&value)),
                    ("arg", &q(&arg)),
                    ("valid", &valid),
                    // Our measure of "close" rather than clap's, which offers `zsh` for `tcsh`.
                    (
                        "hint",
                        &messages::did_you_mean(&value, possible.iter().map(String::as_str)),
                    ),
                ],
            )
        }
        // Our value parsers' errors are already in the user's language.
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(error)
                .map(ToString::to_string)
                .unwrap_or_default();
            format!("{}: {why}", q(&arg))
        }
        ErrorKind::MissingSubcommand => messages::say(
            Message::MissingCommand,
            &[
                (
                    "command",
                    &q(&get(ContextKind::InvalidSubcommand).unwrap_or_default()),
                ),
                (
                    "valid",
                    &get(ContextKind::ValidSubcommand).unwrap_or_default(),
                ),
            ],
        ),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooManyValues | ErrorKind::TooFewValues => {
            messages::say(Message::WrongNumberOfValues, &[("arg", &q(&arg))])
        }
        ErrorKind::ArgumentConflict => {
            let other = match error.get(ContextKind::PriorArg) {
                Some(ContextValue::Strings(args)) => {
                    args.iter().map(|a| q(a)).collect::<Vec<_>>().join(", ")
                }
                Some(other) => q(&other.to_string()),
                None => String::new(),
            };
            if other == q(&arg) {
                // clap reports an option given twice as a conflict with itself.
                messages::say(Message::GivenTwice, &[("arg", &q(option_name(&arg)))])
            } else {
                messages::say(Message::Conflict, &[("arg", &q(&arg)), ("other", &other)])
            }
        }
        _ => return None,
    };
    Some(text)
}

/// Whether a word clap could not place is a negative number (`-5`, `-400.000`), which no
/// option of ours takes.
fn looks_negative(word: &str) -> bool {
    word.strip_prefix('-')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// `--out` of clap's `--out <DIR>`: the option as the user typed it.
fn option_name(arg: &str) -> &str {
    arg.split_whitespace().next().unwrap_or(arg)
}

/// A whole amount (`--budget`): `400000`, `400.000`, `400 000`, `400.000 kr.`
/// (`kriterium_engine::amount`); a bad one says how to write it.
pub fn amount_value(text: &str) -> Result<u64, String> {
    if looks_negative(text.trim()) {
        return Err(messages::say(
            Message::NegativeAmount,
            &[("value", &messages::quoted(text))],
        ));
    }
    amount::parse(text).map_err(|e| {
        let message = match e {
            AmountError::Empty => Message::AmountEmpty,
            AmountError::NotAnAmount => Message::NotAnAmount,
            AmountError::TooLarge => Message::AmountTooLarge,
            AmountError::Ambiguous => Message::AmountAmbiguous,
        };
        messages::say(message, &[("value", &messages::quoted(text))])
    })
}

/// A parser of whole numbers from `min` to `max` (`--jobs`, `--count`, `--seed`) whose errors
/// name the range in words.
pub fn whole_number(min: u64, max: u64) -> impl Fn(&str) -> Result<u64, String> + Clone {
    move |text: &str| {
        let trimmed = text.trim();
        let value = |message: Message| {
            messages::say(
                message,
                &[
                    ("value", &messages::quoted(text)),
                    ("min", &min.to_string()),
                    ("max", &max.to_string()),
                ],
            )
        };
        // Without an upper bound worth naming, an example says more than the range.
        let not_whole = if max == u64::MAX {
            Message::NotACount
        } else {
            Message::NotAWholeNumber
        };
        if trimmed.is_empty() || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
            return Err(value(not_whole));
        }
        match trimmed.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            Ok(_) => Err(value(Message::OutOfRange)),
            Err(_) => Err(value(not_whole)),
        }
    }
}

/// `--jobs`: worker threads, 1 to 256.
pub fn jobs_value(text: &str) -> Result<u32, String> {
    whole_number(1, 256)(text).map(|n| n as u32)
}

/// `--year`: a year a pack can give a budget for, 1900 to 2200.
pub fn year_value(text: &str) -> Result<u32, String> {
    whole_number(1900, 2200)(text).map(|n| n as u32)
}

/// `--count` and `--seed`: any whole number a computer counts to.
pub fn any_whole_number(text: &str) -> Result<u64, String> {
    whole_number(0, u64::MAX)(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_flag_is_found_before_parsing() {
        assert_eq!(
            language_flag(&args(&["k", "batch", "--lang", "da"])),
            Some("da".into())
        );
        assert_eq!(
            language_flag(&args(&["k", "--lang=sv", "x"])),
            Some("sv".into())
        );
        assert_eq!(
            language_flag(&args(&["k", "batch", "--", "--lang", "da"])),
            None
        );
        assert_eq!(language_flag(&args(&["k", "batch"])), None);
    }

    #[test]
    fn numbers_outside_their_range_are_refused() {
        assert_eq!(jobs_value("4"), Ok(4));
        assert!(jobs_value("0").is_err());
        assert!(jobs_value("257").is_err());
        assert!(jobs_value("four").is_err());
        assert!(jobs_value("-1").is_err());
        assert_eq!(any_whole_number("0"), Ok(0));
        assert_eq!(year_value("2026"), Ok(2026));
        assert!(year_value("26").is_err());
        assert!(year_value("2201").is_err());
    }
}
