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
    /// Its place in the round's ranking; `None` when it was not ranked (ineligible or below a
    /// minimum: the group granted it outside the ranking, with its reason).
    pub rank: Option<u64>,
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
    /// The lowest total among the granted applications in the ranking; `None` without such
    /// grants.
    pub lowest: Option<Decimal>,
    /// How many grants went to applications outside the ranking.
    pub outside: usize,
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
            lowest: grants
                .iter()
                .filter(|g| g.rank.is_some())
                .map(|g| g.total)
                .min(),
            outside: grants.iter().filter(|g| g.rank.is_none()).count(),
        }
    }
}

/// What would have changed a refusal into a grant, under the funding rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// More than `points` points more (a total over `line`), or a request of at most `left`
    /// kr., would each have been enough. `points` is 0 when the application has the same total
    /// as the grant it would have to pass and was placed after it by the tie-break.
    Both {
        points: Decimal,
        line: Decimal,
        left: u64,
    },
    /// More than `points` points more (a total over `line`) would have been enough; no
    /// smaller request would (nothing was left when the ranking reached it).
    Points { points: Decimal, line: Decimal },
    /// A request of at most `left` kr. would have been enough; more points would not (no
    /// total the pack can give passes the grants that would free the request).
    Amount { left: u64 },
    /// Neither: no total the pack can give frees the request, and nothing was left.
    Nothing,
    /// The request fits in what was left when the ranking reached the application (`left`
    /// kr.): the funding rule did not keep it out; the group's own choice did.
    Fits { left: u64 },
}

/// What would have changed the refusal of the application placed `rank` in the ranking, with
/// `total` of at most `max_total` points, asking for `requested` kr., against the group's
/// `grants` within `budget` kr.
///
/// Under the funding rule the application is reached after every application ranked above it:
/// what is left then is the budget less the grants above it and the grants the group made
/// outside the ranking. It would have been funded by asking for no more than that, or by
/// passing enough of the grants above it (the lowest first) that their money covers the
/// request — which takes a total over the highest of them, possible only below `max_total`.
pub fn what_would_change(
    grants: &[Grant],
    budget: u64,
    rank: u64,
    total: Decimal,
    max_total: Decimal,
    requested: u64,
) -> Change {
    let taken_first = |g: &&Grant| g.rank.is_none_or(|r| r < rank);
    let taken = grants
        .iter()
        .filter(taken_first)
        .fold(0u64, |sum, g| sum.saturating_add(g.amount));
    let left = budget.saturating_sub(taken);
    if requested <= left {
        return Change::Fits { left };
    }
    // Passing the grants above it, the lowest placed first, frees their money.
    let mut above: Vec<&Grant> = grants
        .iter()
        .filter(|g| g.rank.is_some_and(|r| r < rank))
        .collect();
    above.sort_by_key(|g| std::cmp::Reverse(g.rank));
    let mut freed = left;
    let mut to_pass = None;
    for grant in above {
        freed = freed.saturating_add(grant.amount);
        // The grants above it have at least its total; to pass them all, its total must be
        // over the highest of those passed so far.
        to_pass = Some(to_pass.map_or(grant.total, |t: Decimal| t.max(grant.total)));
        if freed >= requested {
            break;
        }
    }
    let points = match to_pass {
        Some(line) if freed >= requested && line < max_total && line >= total => {
            line.checked_sub(total).map(|points| (points, line))
        }
        _ => None,
    };
    match (points, left) {
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

    fn grant(id: &str, total: &str, amount: u64, rank: Option<u64>) -> Grant {
        Grant {
            application_id: id.into(),
            total: d(total),
            amount,
            rank,
        }
    }

    /// The sample round of 2025 as `tests/letters.rs` decides it: 015 (rank 1,
    /// 56,25 points) granted 150.000 kr., 017 (rank 5, 25,5 points) 30.000 kr.; 200.000 kr.
    fn round() -> Vec<Grant> {
        vec![
            grant("015", "56.25", 150_000, Some(1)),
            grant("017", "25.5", 30_000, Some(5)),
        ]
    }

    #[test]
    fn the_line_is_the_lowest_granted_total_in_the_ranking_and_what_is_left() {
        let mut grants = round();
        grants.push(grant("009", "24", 10_000, None));
        let line = Line::of(&grants, 200_000);
        assert_eq!(line.count, 3);
        assert_eq!(line.granted, 190_000);
        assert_eq!(line.left, 10_000);
        // The grant outside the ranking is not the line.
        assert_eq!(line.lowest, Some(d("25.5")));
        assert_eq!(line.outside, 1);
        assert_eq!(Line::of(&[], 100).lowest, None);
    }

    #[test]
    fn what_was_left_when_the_ranking_reached_it_is_the_most_it_could_have_asked() {
        // 001 (rank 2, 52,5 points) asked 150.000 kr.; after 015, 50.000 kr. were left (017 is
        // below it and does not count). Passing 015 needs more than 56,25 points, the most
        // there is: only a smaller request would have done.
        assert_eq!(
            what_would_change(&round(), 200_000, 2, d("52.5"), d("56.25"), 150_000),
            Change::Amount { left: 50_000 }
        );
    }

    #[test]
    fn passing_the_grants_above_frees_their_money() {
        // 016 (rank 6, 25,5 points, 45.000 kr.): 20.000 kr. left after 015 and 017; passing
        // 017 (the same total: placed after it by the tie-break) frees 30.000 kr. more.
        assert_eq!(
            what_would_change(&round(), 200_000, 6, d("25.5"), d("56.25"), 45_000),
            Change::Both {
                points: d("0"),
                line: d("25.5"),
                left: 20_000
            }
        );
        // With nothing left, only points help.
        assert_eq!(
            what_would_change(&round(), 180_000, 6, d("20"), d("56.25"), 25_000),
            Change::Points {
                points: d("5.5"),
                line: d("25.5")
            }
        );
    }

    #[test]
    fn a_request_no_total_can_free_is_said_to_be_so() {
        assert_eq!(
            what_would_change(&round(), 180_000, 6, d("20"), d("56.25"), 400_000),
            Change::Nothing
        );
    }

    #[test]
    fn a_request_that_fitted_when_the_ranking_reached_it_was_refused_by_choice() {
        // 017 recommended for funding and refused: 50.000 kr. were left after 015.
        let grants = vec![grant("015", "56.25", 150_000, Some(1))];
        assert_eq!(
            what_would_change(&grants, 200_000, 5, d("25.5"), d("56.25"), 40_000),
            Change::Fits { left: 50_000 }
        );
    }

    #[test]
    fn grants_outside_the_ranking_are_taken_before_any_application_is_reached() {
        let grants = vec![
            grant("015", "56.25", 150_000, Some(1)),
            grant("009", "24", 40_000, None),
        ];
        assert_eq!(
            what_would_change(&grants, 200_000, 2, d("52.5"), d("56.25"), 50_000),
            Change::Amount { left: 10_000 }
        );
    }
}
