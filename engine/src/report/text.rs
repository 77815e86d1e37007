//! The text report: a decision as a readable table for a terminal.
//!
//! Rendered from the [`Decision`], so what a person reads is exactly what was decided and
//! written to JSON, and from the pack's manifest only for where each rule comes from (its
//! `basis`, [`BasisLine`]). Fixed labels come from [`labels`](crate::labels); numbers use a decimal comma
//! in languages that write one.

use std::fmt::Write;

use crate::decimal::Decimal;
use crate::decision::{CriterionResult, Decision};
use crate::labels::{self, Label, Sentence, number};
use crate::manifest::Manifest;
use crate::review::CriterionReview;

use super::basis::BasisLine;

/// Width of the criterion column; long titles wrap inside it.
const TITLE_WIDTH: usize = 44;

/// The decision as text in `lang`, ending with a newline; under each gate and criterion the
/// basis `manifest` (the pack that decided) gives it.
pub fn text(decision: &Decision, manifest: &Manifest, lang: &str) -> String {
    let number = |d: Decimal| number(d, lang);
    let l = |label: Label| label.text(lang);
    let mut out = String::new();
    // Writing to a String cannot fail; `let _` keeps that visible without unwraps.
    let _ = writeln!(
        out,
        "{} {}: {}",
        l(Label::Application),
        decision.application_id,
        decision.title
    );
    let _ = writeln!(
        out,
        "{}: {} {} ({})",
        l(Label::Pack),
        decision.pack.id,
        decision.pack.version,
        decision.pack.fingerprint
    );

    if !decision.gates.is_empty() {
        let state = if decision.eligible {
            Label::GatesMet
        } else {
            Label::GatesNotMet
        };
        let _ = writeln!(out, "\n{}: {}", l(Label::Gates), l(state));
        for gate in &decision.gates {
            let (mark, state) = if gate.passed {
                ("✓", Label::Met)
            } else {
                ("✗", Label::NotMet)
            };
            let _ = writeln!(out, "  {mark} {} ({})", gate.title, l(state));
            for line in wrap(&gate.reason, 72) {
                let _ = writeln!(out, "      {line}");
            }
            // After the reason, which says what decided: the basis says whose rule it was.
            if let Some(basis) = BasisLine::of_gate(manifest, &gate.id, lang) {
                for line in wrap(&basis.text, 72) {
                    let _ = writeln!(out, "      {line}");
                }
            }
        }
    }

    let _ = writeln!(out, "\n{}", l(Label::criteria_heading(decision.eligible)));
    let header = [
        l(Label::Points),
        l(Label::Max),
        l(Label::Weight),
        l(Label::Weighted),
    ];
    let _ = writeln!(
        out,
        "  {:<4} {:<TITLE_WIDTH$} {:>6} {:>6} {:>6} {:>8}",
        l(Label::Number),
        l(Label::Criterion),
        header[0],
        header[1],
        header[2],
        header[3]
    );
    let awaiting = |c: &CriterionResult| c.review.as_ref().is_some_and(CriterionReview::awaiting);
    for c in &decision.criteria {
        let title = wrap(&c.title, TITLE_WIDTH);
        let first = title.first().map_or("", String::as_str);
        // A criterion awaiting review has no points yet: a dash, and the words below the title.
        let (points, weighted) = if awaiting(c) {
            ("–".to_string(), "–".to_string())
        } else {
            (number(c.points), number(c.weighted))
        };
        let _ = writeln!(
            out,
            "  {:<4} {first:<TITLE_WIDTH$} {points:>6} {:>6} {:>6} {weighted:>8}",
            format!("{}.", c.priority),
            number(c.max_points),
            number(c.weight),
        );
        for line in title.iter().skip(1) {
            let _ = writeln!(out, "       {line}");
        }
        if awaiting(c) {
            // Not eligible: never sent to reviewers.
            let unscored = if decision.eligible {
                Label::AwaitingReview
            } else {
                Label::NotReviewed
            };
            let _ = writeln!(out, "       ({})", l(unscored));
        }
        if let Some(min) = c.min_points {
            let below = if c.points < min && !awaiting(c) {
                format!(" – {}", l(Label::BelowMinimum))
            } else {
                String::new()
            };
            let unit = if min == Decimal::from(1u32) {
                Label::Point
            } else {
                Label::PointsUnit
            };
            let _ = writeln!(
                out,
                "       ({} {} {}{below})",
                l(Label::Minimum),
                number(min),
                l(unit)
            );
        }
        if let Some(basis) = BasisLine::of_criterion(manifest, &c.id, lang) {
            for line in wrap(&basis.text, 70) {
                let _ = writeln!(out, "       {line}");
            }
        }
        for reason in &c.reasons {
            bullet(&mut out, reason, "         ", 68);
        }
        if let Some(review) = &c.review {
            scores(&mut out, review, lang);
        }
    }
    if let Some(reviews) = &decision.reviews {
        let names: Vec<&str> = reviews.assessed_by.iter().map(String::as_str).collect();
        let assessed = if names.is_empty() {
            l(Label::NoReviewer).to_string()
        } else {
            labels::list(&names, lang)
        };
        let _ = writeln!(out);
        for line in wrap(&format!("{}: {assessed}", l(Label::AssessedBy)), 76) {
            let _ = writeln!(out, "{line}");
        }
        if !reviews.stood_aside.is_empty() {
            let _ = writeln!(out, "{}:", l(Label::StoodAside));
            for member in &reviews.stood_aside {
                bullet(&mut out, &labels::full_stop(&member.text(lang)), "  ", 72);
            }
        }
    }
    if decision.eligible && decision.criteria.iter().any(awaiting) {
        let _ = writeln!(out, "\n{}: {}", l(Label::Total), l(Label::AwaitingReview));
    } else if decision.eligible {
        let _ = writeln!(
            out,
            "\n{}: {} {} {}",
            l(Label::Total),
            number(decision.total),
            l(Label::Of),
            number(decision.max_total)
        );
    } else {
        // An ineligible application's points decide nothing; a total here would read as if they did.
        let _ = writeln!(out);
        for line in wrap(Sentence::PointsNotUsed.text(lang), 76) {
            let _ = writeln!(out, "{line}");
        }
    }
    let recommendation = match decision.recommendation {
        None => l(Label::NotYetDecided),
        Some(r) => l(Label::recommendation_stated(r)),
    };
    let _ = writeln!(out, "{}: {recommendation}", l(Label::Recommendation));
    let _ = writeln!(
        out,
        "\n{}: {}",
        l(Label::InputFingerprint),
        decision.input_fingerprint
    );
    if let Some(reviews) = &decision.reviews {
        let _ = writeln!(
            out,
            "{}: {}",
            l(Label::ReviewsFingerprint),
            reviews.fingerprint
        );
        if let Some(all) = &reviews.calibrated_from {
            let _ = writeln!(out, "{}: {all}", l(Label::CalibratedFrom));
        }
    }
    let _ = writeln!(
        out,
        "{}: {}",
        l(Label::EngineVersion),
        decision.engine_version
    );
    out
}

/// `text` wrapped at `width` after `indent`, its first line marked with `·`.
fn bullet(out: &mut String, text: &str, indent: &str, width: usize) {
    for (i, line) in wrap(text, width).iter().enumerate() {
        let mark = if i == 0 { "·" } else { " " };
        let _ = writeln!(out, "{indent}{mark} {line}");
    }
}

/// The reviewers' scores of a criterion, under its reasons: scale, spread and disagreement,
/// then one line per reviewer (score, calibrated score, comment).
fn scores(out: &mut String, review: &CriterionReview, lang: &str) {
    let l = |label: Label| label.text(lang);
    let mut head = format!("{}:", l(Label::Reviews));
    if let Some(spread) = review.spread {
        let unit = if spread == 1 {
            Label::Point
        } else {
            Label::PointsUnit
        };
        let _ = write!(
            head,
            " {} {spread} {}",
            l(Label::Spread).to_lowercase(),
            l(unit)
        );
    } else {
        let _ = write!(head, " {}", l(Label::AwaitingReview));
    }
    if review.disagreement {
        let _ = write!(head, " – {}", l(Label::Disagreement));
    }
    for line in wrap(&head, 70) {
        let _ = writeln!(out, "       {line}");
    }
    for score in &review.scores {
        let mut line = format!("{}: {}", score.reviewer, score.score);
        if let Some(calibrated) = score.calibrated {
            let _ = write!(
                line,
                " ({} {})",
                l(Label::CalibratedScore).to_lowercase(),
                labels::number(calibrated, lang)
            );
        }
        if !score.comment.is_empty() {
            let _ = write!(line, " – {}", score.comment);
        }
        bullet(out, &line, "         ", 68);
    }
}

/// Splits text into lines of at most `width` characters at spaces (a longer word stands alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = if line.is_empty() {
            0
        } else {
            line.chars().count() + 1
        };
        if needed + word.chars().count() > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        assert_eq!(
            wrap("Fælles koncerter på tværs af tre byer", 20),
            vec!["Fælles koncerter på", "tværs af tre byer"]
        );
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(
            wrap("ordmedmangebogstaver kort", 5),
            vec!["ordmedmangebogstaver", "kort"]
        );
    }
}
