//! Where the funding line fell among the group's decisions, and what would have changed the
//! outcome of a refused application: computed against the *decided* line (the grants the
//! group made), not the recommendation, since a letter is about the decision.
//!
//! The funding rule is the ranking's (`ranking.rs`): in rank order, an application is funded
//! while its requested amount fits in what is left. So a refused application would have been
//! funded either by asking for no more than what is left, or by ranking above enough of the
//! granted applications that their grants and what is left cover its request.

use crate::decimal::Decimal;

/// A grant the group made in the round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The application granted.
    pub application_id: String,
    /// Its total weighted points.
    pub total: Decimal,
    /// kr. granted.
    pub amount: u64,
}

/// Where the funding line fell in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// How many applications were granted.
    pub count: usize,
    /// kr. granted in all.
    pub granted: u64,
    /// kr. the round had.
    pub budget: u64,
    /// kr. left (0 when the grants exceed the budget).
    pub left: u64,
    /// The lowest total among the granted applications; `None` without grants.
    pub lowest: Option<Decimal>,
}

impl Line {
    /// The line of `grants` within `budget` (kr.).
    pub fn of(grants: &[Grant], budget: u64) -> Line {
        let granted = grants
            .iter()
            .fold(0u64, |sum, g| sum.saturating_add(g.amount));
        Line {
            count: grants.len(),
            granted,
            budget,
            left: budget.saturating_sub(granted),
            lowest: grants.iter().map(|g| g.total).min(),
        }
    }
}

/// What would have changed a refusal into a grant, under the funding rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// More than `points` points more (a total over `line`), or a request of at most `left`
    /// kr., would each have been enough.
    Both {
        points: Decimal,
        line: Decimal,
        left: u64,
    },
    /// More than `points` points more (a total over `line`) would have been enough; no
    /// smaller request would (nothing is left).
    Points { points: Decimal, line: Decimal },
    /// A request of at most `left` kr. would have been enough; more points would not (the
    /// application already ranks above every grant it could replace).
    Amount { left: u64 },
    /// Neither: the request is more than the whole round could free.
    Nothing,
    /// The request fits in what is left: the funding rule did not keep it out, so nothing is
    /// computed (the group's recorded reason says why).
    Fits,
}

/// What would have changed the refusal of an application with `total` points asking for
/// `requested` kr., against the group's `grants` within `budget` kr.
pub fn what_would_change(grants: &[Grant], budget: u64, total: Decimal, requested: u64) -> Change {
    let line = Line::of(grants, budget);
    if requested <= line.left {
        return Change::Fits;
    }
    // Outranking the lowest grants one by one frees their money; the first point at which what
    // is freed covers the request is the line to pass.
    let mut ascending: Vec<&Grant> = grants.iter().collect();
    ascending.sort_by(|a, b| {
        a.total
            .cmp(&b.total)
            .then_with(|| a.application_id.cmp(&b.application_id))
    });
    let mut freed = line.left;
    let mut to_pass = None;
    for grant in ascending {
        freed = freed.saturating_add(grant.amount);
        if freed >= requested {
            to_pass = Some(grant.total);
            break;
        }
    }
    let points = to_pass
        .filter(|passed| *passed >= total)
        .and_then(|passed| Some((passed.checked_sub(total)?, passed)));
    match (points, line.left) {
        (Some((points, line)), 0) => Change::Points { points, line },
        (Some((points, line)), left) => Change::Both { points, line, left },
        (None, 0) => Change::Nothing,
        (None, left) => Change::Amount { left },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn grant(id: &str, total: &str, amount: u64) -> Grant {
        Grant {
            application_id: id.into(),
            total: d(total),
            amount,
        }
    }

    #[test]
    fn the_line_is_the_lowest_granted_total_and_what_is_left() {
        let grants = [grant("a", "40", 150_000), grant("b", "31.5", 100_000)];
        let line = Line::of(&grants, 300_000);
        assert_eq!(line.count, 2);
        assert_eq!(line.granted, 250_000);
        assert_eq!(line.left, 50_000);
        assert_eq!(line.lowest, Some(d("31.5")));
        assert_eq!(Line::of(&[], 100).lowest, None);
    }

    #[test]
    fn passing_the_lowest_grant_or_asking_for_what_is_left_would_have_funded_it() {
        // 50.000 left; passing b (31,5) frees 150.000, enough for a request of 120.000.
        let grants = [grant("a", "40", 150_000), grant("b", "31.5", 100_000)];
        assert_eq!(
            what_would_change(&grants, 300_000, d("27"), 120_000),
            Change::Both {
                points: d("4.5"),
                line: d("31.5"),
                left: 50_000
            }
        );
    }

    #[test]
    fn a_large_request_must_pass_more_than_the_lowest_grant() {
        // Passing b frees 100.000, not enough for 180.000; passing a as well frees 250.000.
        let grants = [grant("a", "40", 150_000), grant("b", "31.5", 100_000)];
        assert_eq!(
            what_would_change(&grants, 250_000, d("20"), 180_000),
            Change::Points {
                points: d("20"),
                line: d("40")
            }
        );
    }

    #[test]
    fn a_request_beyond_the_whole_round_cannot_be_helped_by_points() {
        let grants = [grant("a", "40", 150_000)];
        assert_eq!(
            what_would_change(&grants, 150_000, d("20"), 400_000),
            Change::Nothing
        );
        assert_eq!(
            what_would_change(&grants, 200_000, d("20"), 400_000),
            Change::Amount { left: 50_000 }
        );
    }

    #[test]
    fn a_request_that_fits_in_what_is_left_computes_nothing() {
        let grants = [grant("a", "40", 100_000)];
        assert_eq!(
            what_would_change(&grants, 200_000, d("20"), 100_000),
            Change::Fits
        );
    }

    #[test]
    fn an_application_above_the_grants_it_would_replace_needs_only_a_smaller_request() {
        // It has more points than b already; the group refused it anyway (its reason says why).
        let grants = [grant("b", "31.5", 100_000)];
        assert_eq!(
            what_would_change(&grants, 120_000, d("35"), 200_000),
            Change::Amount { left: 20_000 }
        );
    }
}
