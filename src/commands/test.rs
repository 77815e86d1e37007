//! `kriterium test PACK`: runs the pack's own test cases (`tests/*.toml`) and shows each failure
//! as expected against actual, with the reasons the pack gave.

use anyhow::{Context, Result};
use kriterium_engine::cases::{self, CaseOutcome, Mismatch};
use kriterium_engine::pack::RulePack;

use super::pack_files;
use crate::Status;
use crate::messages::{self, Message};

pub fn run(name: &str) -> Result<Status> {
    let pack = RulePack::load(pack_files(name)?).with_context(|| super::cannot_use(name))?;
    messages::follow_pack(&pack.manifest.language);
    let results = cases::run_all(&pack);
    let lang = messages::lang();
    if results.is_empty() {
        outln!(
            "{}",
            messages::say(
                Message::NoCases,
                &[("name", name), ("folder", cases::FOLDER)]
            )
        );
        return Ok(Status::Ok);
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
            CaseOutcome::Passed => outln!("{}{}{about}", mark(Message::CasePassed), result.file),
            CaseOutcome::Failed(mismatches) => {
                failed += 1;
                outln!("{}{}{about}", mark(Message::CaseFailed), result.file);
                for mismatch in mismatches {
                    outln!("{}", indent(&mismatch_in(mismatch, lang)));
                }
            }
            CaseOutcome::Broken(problems) => {
                broken += 1;
                outln!("{}{}{about}", mark(Message::CaseBroken), result.file);
                for problem in problems {
                    outln!("{}", indent(&problem.display_in(lang).to_string()));
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
    outln!("\n{summary}");
    Ok(if passed == results.len() {
        Status::Ok
    } else {
        Status::Rejected
    })
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
