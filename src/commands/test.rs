//! `kriterium test PACK`: runs the pack's own test cases (`tests/*.toml`) and shows each failure
//! as expected against actual, with the reasons the pack gave.

use anyhow::{Context, Result};
use kriterium_engine::cases::{self, CaseOutcome, Mismatch};
use kriterium_engine::pack::RulePack;

use super::pack_files;
use crate::Status;
use crate::messages::{self, Message};

pub fn run(name: &str) -> Result<Status> {
    let (text, status) = report(name)?;
    out!("{text}");
    Ok(status)
}

/// What `test` says of pack `name`'s test cases (a folder or a built-in pack's name), as
/// text, and the exit status: what `run` prints and the web app shows after saving a tuned
/// pack.
///
/// Errors: the pack's files cannot be read, or the pack cannot be loaded.
pub fn report(name: &str) -> Result<(String, Status)> {
    let mut text = String::new();
    let pack = RulePack::load(pack_files(name)?).with_context(|| super::cannot_use(name))?;
    messages::follow_pack(&pack.manifest.language);
    let tested = cases::run(&pack);
    let results = tested.results;
    let lang = messages::lang();
    if results.is_empty() {
        textln!(
            text,
            "{}",
            messages::say(
                Message::NoCases,
                &[("name", name), ("folder", cases::FOLDER)]
            )
        );
        return Ok((text, Status::Ok));
    }
    let indent = |text: &str| {
        text.lines()
            .map(|l| format!("      {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    // Marks padded to one width so the case files line up whatever the language's words.
    let width = column(
        &[
            Message::CasePassed,
            Message::CaseFailed,
            Message::CaseBroken,
        ],
        lang,
    );
    let mark = |m: Message| format!("{:width$}", m.text(lang));
    let (mut failed, mut broken) = (0, 0);
    for result in &results {
        let about = result
            .description
            .as_deref()
            .map(|d| format!("  {d}"))
            .unwrap_or_default();
        match &result.outcome {
            CaseOutcome::Passed => {
                textln!(text, "{}{}{about}", mark(Message::CasePassed), result.file)
            }
            CaseOutcome::Failed(mismatches) => {
                failed += 1;
                textln!(text, "{}{}{about}", mark(Message::CaseFailed), result.file);
                for mismatch in mismatches {
                    textln!(text, "{}", indent(&mismatch_in(mismatch, lang)));
                }
            }
            CaseOutcome::Broken(problems) => {
                broken += 1;
                textln!(text, "{}{}{about}", mark(Message::CaseBroken), result.file);
                for problem in problems {
                    textln!(text, "{}", indent(&problem.display_in(lang).to_string()));
                }
            }
        }
    }
    let passed = results.len() - failed - broken;
    let mut summary = messages::say(
        Message::CasesSummary,
        &[
            (
                "cases",
                &messages::count(results.len(), Message::Case, Message::Cases),
            ),
            (
                "passed",
                &messages::count(passed, Message::PassedOne, Message::PassedMany),
            ),
            (
                "failed",
                &messages::count(failed, Message::FailedOne, Message::FailedMany),
            ),
        ],
    );
    if broken > 0 {
        summary.push_str(&messages::say(
            Message::CasesBroken,
            &[("broken", &broken.to_string())],
        ));
    }
    // The reasons no case shows to be true: first the plain ones, then those marked defensive.
    for (defensive, heading) in [
        (false, Message::UnreachedHeading),
        (true, Message::DefensiveHeading),
    ] {
        let calls: Vec<_> = tested
            .unreached
            .iter()
            .filter(|u| u.defensive == defensive)
            .collect();
        if calls.is_empty() {
            continue;
        }
        textln!(text, "\n{}", heading.text(lang));
        for call in &calls {
            textln!(
                text,
                "  {}:{}:{}: {}(…)",
                call.script,
                call.line,
                call.column,
                call.function
            );
        }
    }
    let unreached = tested.unreached.iter().filter(|u| !u.defensive).count();
    if unreached > 0 {
        summary.push_str(&messages::say(
            Message::UnreachedSummary,
            &[(
                "count",
                &messages::count(unreached, Message::CallOne, Message::CallMany),
            )],
        ));
    }
    textln!(text, "\n{summary}");
    let status = if passed == results.len() {
        Status::Ok
    } else {
        Status::Rejected
    };
    Ok((text, status))
}

/// `mismatch` in `lang`: what was checked, then its labels (`expected:`, `actual:`, `reason:`)
/// aligned, with the values and the pack's reasons (numbers with the language's decimal mark).
fn mismatch_in(mismatch: &Mismatch, lang: &str) -> String {
    let width = column(
        &[
            Message::CaseExpected,
            Message::CaseActual,
            Message::CaseReason,
        ],
        lang,
    );
    let line = |label: Message, value: &kriterium_engine::problem::Message| {
        format!("\n  {:width$}{}", label.text(lang), value.render(lang))
    };
    let mut text = mismatch.what.render(lang);
    text.push_str(&line(Message::CaseExpected, &mismatch.expected));
    text.push_str(&line(Message::CaseActual, &mismatch.actual));
    for reason in &mismatch.reasons {
        text.push_str(&line(Message::CaseReason, reason));
    }
    text
}

/// The width, in characters, of a column holding any of `words` in `lang` and a space after.
fn column(words: &[Message], lang: &str) -> usize {
    words
        .iter()
        .map(|w| w.text(lang).chars().count())
        .max()
        .unwrap_or(0)
        + 1
}
