//! What a slider move in `kriterium serve`'s tuning page costs on a round of 1,000
//! applications: the engine's part of the route (`serve/tune.rs`: re-weighing the stored
//! points under the new weights, ranking and comparing with the pack by `diff::compare`) and
//! the sensitivity flags under the new weights (`sensitivity::analyse`), which the changes
//! fragment also shows. `cargo bench --bench serve`; results in BENCHMARKS.md.
//!
//! The entries are built directly (as the register's stored assessments give them): points per
//! criterion from a fixed pseudo-random sequence, on the Made in Sønderjylland pack, so every
//! run measures the same round.

// A benchmark may unwrap its own setup (a built-in pack): a panic there stops a measurement,
// never a user's run.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use kriterium_engine::decimal::Decimal;
use kriterium_engine::diff::{self, Assessed, Round};
use kriterium_engine::pack::{PackFiles, RulePack};
use kriterium_engine::ranking::Entry;
use kriterium_engine::sensitivity;
use kriterium_engine::synthetic::Rng;
use kriterium_engine::tuning;

/// The allocator the binary uses, so the benchmark measures what ships.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const COUNT: usize = 1_000;

fn setup() -> (RulePack, Vec<Entry>, u64) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pack =
        RulePack::load(PackFiles::from_dir(&root.join("rules/made-in-sonderjylland")).unwrap())
            .unwrap();
    let mut rng = Rng::new(7);
    let criteria = &pack.manifest.criteria;
    let entries: Vec<Entry> = (0..COUNT)
        .map(|i| {
            // Points in hundredths, as reviewers' averages give them.
            let points: Vec<Decimal> = criteria
                .iter()
                .map(|c| {
                    let hundredths = rng.below(u64::from(c.max_points) * 100 + 1);
                    Decimal(rust_decimal::Decimal::new(hundredths as i64, 2))
                })
                .collect();
            let total = Decimal(
                points
                    .iter()
                    .zip(criteria)
                    .map(|(p, c)| p.0 * c.weight.0)
                    .sum(),
            );
            Entry {
                application_id: format!("APP-{i:04}"),
                requested: 20_000 + rng.below(180) * 1_000,
                total,
                points,
                excluded: None,
                attributes: Default::default(),
            }
        })
        .collect();
    // About a third of the requests fit: the line is in the middle of the ranking.
    let budget = entries.iter().map(|e| e.requested).sum::<u64>() / 3;
    (pack, entries, budget)
}

fn assessed(entries: &[Entry]) -> Vec<Assessed> {
    entries
        .iter()
        .map(|e| Assessed {
            entry: e.clone(),
            title: e.application_id.clone(),
            awaiting: Vec::new(),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let (pack, entries, budget) = setup();
    let mut weights: Vec<Decimal> = pack.manifest.criteria.iter().map(|c| c.weight).collect();
    // A slider step on the third criterion.
    weights[2] = Decimal(weights[2].0 + rust_decimal::Decimal::new(5, 2));
    let old = assessed(&entries);
    let mut group = c.benchmark_group("serve_tune_1000");
    group.sample_size(20);
    group.bench_function("reweigh_and_diff", |b| {
        b.iter(|| {
            let (tuned, reweighed) = tuning::reweigh(&pack, &entries, &weights).unwrap();
            let new = assessed(&reweighed);
            diff::compare(
                Round {
                    pack: &pack,
                    budget,
                    assessed: &old,
                    rejected: &[],
                },
                Round {
                    pack: &tuned,
                    budget,
                    assessed: &new,
                    rejected: &[],
                },
            )
            .unwrap()
        })
    });
    let (tuned, reweighed) = tuning::reweigh(&pack, &entries, &weights).unwrap();
    for jobs in [1, 2] {
        group.bench_function(format!("sensitivity_{jobs}_threads"), |b| {
            b.iter(|| sensitivity::analyse(&tuned, &reweighed, budget, jobs))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
