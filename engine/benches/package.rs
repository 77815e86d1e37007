//! The best package for 10,000 applications with five portfolio goals (four `at_least` and a
//! `cover` of three values), as `package::best` computes it in a batch: the model, the exact
//! reduction, microlp's branch and bound at the batch's work limit, the second solve for the
//! least money. `cargo bench -p kriterium-engine --bench package`; the result is in
//! BENCHMARKS.md.
//!
//! The rounds are generated from a fixed seed, so every run solves the same ones: requests of
//! 20,000–200,000 kr., totals of 0–56 points with two decimals, each goal's attribute on about
//! one application in ten. Timed with the clock (the solve is seconds, not nanoseconds): each
//! budget is solved three times and the fastest and the median are printed.

// A benchmark may unwrap its own setup: a panic there stops a measurement, never a user's run.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use kriterium_engine::decimal::Decimal;
use kriterium_engine::manifest::{Basis, BasisKind, Text};
use kriterium_engine::package::{self, Goals, Solved};
use kriterium_engine::portfolio::{AttributeValue, Attributes, FundingRule, GoalSpec};
use kriterium_engine::ranking::{self, Entry};

const COUNT: usize = 10_000;
const PLACES: [&str; 3] = ["Haderslev", "Sønderborg", "Aabenraa"];

/// xorshift64: the same round on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn entries() -> Vec<Entry> {
    let mut rng = Rng(42);
    (0..COUNT)
        .map(|i| {
            let mut attributes = Attributes::new();
            for flag in ["one", "two", "three", "four"] {
                attributes.insert(flag.into(), AttributeValue::Flag(rng.below(10) == 0));
            }
            let places = PLACES
                .iter()
                .filter(|_| rng.below(20) == 0)
                .map(|p| p.to_string())
                .collect();
            attributes.insert("places".into(), AttributeValue::Values(places));
            let total = format!("{}.{:02}", rng.below(56), rng.below(100));
            Entry {
                application_id: format!("app-{i:05}"),
                requested: 1000 * (20 + rng.below(181)),
                total: total.parse::<Decimal>().unwrap(),
                points: Vec::new(),
                excluded: None,
                attributes,
            }
        })
        .collect()
}

fn goal(id: &str, at_least: Option<u32>, cover: Option<Vec<String>>) -> GoalSpec {
    GoalSpec {
        id: id.into(),
        title: Text([("en".to_string(), id.to_string())].into()),
        attribute: if cover.is_some() { "places" } else { id }.into(),
        at_least,
        cover,
        basis: Basis {
            kind: BasisKind::Source,
            quote: id.into(),
            why: None,
        },
        at_least_basis: None,
    }
}

fn main() {
    let entries = entries();
    let goals = vec![
        goal("one", Some(1), None),
        goal("two", Some(2), None),
        goal("three", Some(1), None),
        goal("four", Some(3), None),
        goal(
            "places",
            None,
            Some(PLACES.iter().map(|p| p.to_string()).collect()),
        ),
    ];
    let goals = Goals {
        specs: &goals,
        earlier: &[],
    };
    let ranked = ranking::rank(&entries, &[], 0).order;
    for budget in [1_000_000u64, 5_000_000, 20_000_000] {
        let mut times: Vec<Duration> = Vec::new();
        let mut last = None;
        for _ in 0..3 {
            let started = Instant::now();
            let solved = package::best(
                &entries,
                &ranked,
                budget,
                FundingRule::Skip,
                &goals,
                package::NODE_LIMIT,
            )
            .unwrap();
            times.push(started.elapsed());
            last = Some(solved);
        }
        times.sort();
        let what = match last.unwrap() {
            Solved::Found(p) => format!(
                "{} funded, {} points, {} kr., optimal {}, bound {}",
                p.funded.len(),
                p.points,
                p.used,
                p.optimal,
                p.bound
            ),
            other => format!("{other:?}"),
        };
        println!(
            "{COUNT} applications, 5 goals, budget {budget} kr.: fastest {:?}, median {:?}; {what}",
            times[0], times[1]
        );
    }
}
