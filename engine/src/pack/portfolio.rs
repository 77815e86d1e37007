//! What a schema cannot say about a pack's `[portfolio]` and `[funding]`: ids used once, a
//! goal that counts an attribute of the right kind in exactly one way, a period of years in
//! order, a deadline that is a date, and a least share only where the rule is `partial`.
//!
//! Titles in the pack's language and attribute scripts that exist are checked with the gates'
//! and criteria's in `pack.rs`; the scripts compile with theirs.

use std::collections::BTreeMap;

use crate::decimal::{Decimal, MAX_SCALE};
use crate::manifest::{BUDGET_YEARS, Manifest};
use crate::portfolio::{AttributeKind, FundingRuleName, GoalRule};
use crate::problem::{Arg, Message, Problem, Wording};
use crate::text;

/// Every problem of `[portfolio]` and `[funding]`; `worded` places one of our messages at a
/// JSON pointer of `pack.toml`.
pub(super) fn problems(
    manifest: &Manifest,
    worded: &dyn Fn(&str, Message) -> Problem,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(portfolio) = &manifest.portfolio {
        let attribute_ids = portfolio.attributes.iter().map(|a| a.id.as_str());
        unique(
            attribute_ids,
            "/portfolio/attributes",
            worded,
            &mut problems,
        );
        unique(
            portfolio.goals.iter().map(|g| g.id.as_str()),
            "/portfolio/goals",
            worded,
            &mut problems,
        );
        let kinds: BTreeMap<&str, AttributeKind> = portfolio
            .attributes
            .iter()
            .map(|a| (a.id.as_str(), a.kind))
            .collect();
        for (i, goal) in portfolio.goals.iter().enumerate() {
            let base = format!("/portfolio/goals/{i}");
            let id = text::quote(&goal.id);
            let Some(rule) = goal.rule() else {
                let (pointer, wording) = match goal.at_least {
                    Some(_) => (format!("{base}/cover"), Wording::GoalRuleBoth),
                    None => (base.clone(), Wording::GoalRuleMissing),
                };
                problems.push(worded(&pointer, Message::of(wording).with("id", id)));
                continue;
            };
            let kind = kinds.get(goal.attribute.as_str()).copied();
            let attribute = text::quote(&goal.attribute);
            match (kind, rule) {
                (None, _) => {
                    let known = portfolio.attributes.iter().map(|a| a.id.as_str());
                    let hint = crate::suggest::closest(&goal.attribute, known)
                        .map_or(Message::plain(String::new()), |name| {
                            Message::of(Wording::DidYouMean).with("name", name)
                        });
                    problems.push(worded(
                        &format!("{base}/attribute"),
                        Message::of(Wording::GoalUnknownAttribute)
                            .with("id", id.as_str())
                            .with("attribute", attribute.as_str())
                            .with("hint", hint),
                    ));
                }
                (Some(AttributeKind::Values), GoalRule::AtLeast(_)) => problems.push(worded(
                    &format!("{base}/at_least"),
                    Message::of(Wording::GoalNeedsFlag)
                        .with("id", id.as_str())
                        .with("attribute", attribute.as_str()),
                )),
                (Some(AttributeKind::Flag), GoalRule::Cover(_)) => problems.push(worded(
                    &format!("{base}/cover"),
                    Message::of(Wording::GoalNeedsValues)
                        .with("id", id.as_str())
                        .with("attribute", attribute.as_str()),
                )),
                _ => {}
            }
            match rule {
                GoalRule::AtLeast(0) => problems.push(worded(
                    &format!("{base}/at_least"),
                    Message::of(Wording::GoalAtLeastZero),
                )),
                GoalRule::AtLeast(_) => {}
                GoalRule::Cover([]) => problems.push(worded(
                    &format!("{base}/cover"),
                    Message::of(Wording::GoalCoverEmpty),
                )),
                GoalRule::Cover(values) => {
                    for (j, value) in values.iter().enumerate() {
                        if values[..j].contains(value) {
                            problems.push(worded(
                                &format!("{base}/cover/{j}"),
                                Message::of(Wording::GoalCoverTwice).with("value", quoted(value)),
                            ));
                        }
                    }
                }
            }
        }
        if let Some([first, last]) = portfolio.period {
            for (j, year) in [first, last].into_iter().enumerate() {
                if !BUDGET_YEARS.contains(&year) {
                    problems.push(worded(
                        &format!("/portfolio/period/{j}"),
                        Message::of(Wording::PeriodYearOutside)
                            .with("year", year.to_string())
                            .with("from", BUDGET_YEARS.start().to_string())
                            .with("to", BUDGET_YEARS.end().to_string()),
                    ));
                }
            }
            if first > last {
                problems.push(worded(
                    "/portfolio/period",
                    Message::of(Wording::PeriodOutOfOrder)
                        .with("first", first.to_string())
                        .with("last", last.to_string()),
                ));
            }
        }
        if let Some(deadline) = &portfolio.deadline
            && crate::date::parse(deadline).is_none()
        {
            problems.push(worded(
                "/portfolio/deadline",
                Message::of(Wording::DeadlineNotDate).with("deadline", quoted(deadline)),
            ));
        }
    }
    if let Some(funding) = &manifest.funding {
        match (funding.rule, funding.partial_min_share) {
            (FundingRuleName::Partial, None) => problems.push(worded(
                "/funding/rule",
                Message::of(Wording::PartialShareMissing),
            )),
            (FundingRuleName::Partial, Some(share)) => {
                if share <= Decimal::ZERO || share > Decimal::from(1u32) || !share.within_scale() {
                    problems.push(worded(
                        "/funding/partial_min_share",
                        Message::of(Wording::PartialShareRange)
                            .with("share", Arg::Number(share))
                            .with("scale", u64::from(MAX_SCALE)),
                    ));
                }
            }
            (rule, Some(_)) => problems.push(worded(
                "/funding/partial_min_share",
                Message::of(Wording::PartialShareWithoutPartial).with("rule", rule_key(rule)),
            )),
            (_, None) => {}
        }
    }
    problems
}

/// A value from `pack.toml` between the language's quotes.
fn quoted(value: &str) -> Message {
    Message::of(Wording::Quoted).with("value", text::quote(value))
}

/// The rule as `pack.toml` writes it (`strict`, `skip`, `partial`, `optimal`).
pub(super) fn rule_key(rule: FundingRuleName) -> String {
    serde_json::to_value(rule)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .expect("a funding rule's name serialises as its snake_case text")
}

/// A problem at each id of `ids` (the items of the array at `array`) that an earlier item has.
fn unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    array: &str,
    worded: &dyn Fn(&str, Message) -> Problem,
    problems: &mut Vec<Problem>,
) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(first) = seen.get(id) {
            problems.push(worded(
                &format!("{array}/{i}/id"),
                Message::of(Wording::PortfolioIdTwice).with("id", id).with(
                    "first",
                    crate::pack::spanned::dotted(&format!("{array}/{first}/id")),
                ),
            ));
        } else {
            seen.insert(id, i);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
