//! What refusing repeated keys costs on valid input: the same 10,000 generated applications
//! (JSON Lines text, as `batch` reads them) parsed by serde_json into a `Value`, and by
//! `json::parse`, which builds the same `Value` and notices a repeated key as the map is built.
//! `cargo bench --bench parse`; the result is in BENCHMARKS.md.
//!
//! Wall-clock time on a shared machine varies more than the difference measured here, so
//! `PARSE_ONCE=none|serde|unique` instead parses every line once with the named parser (`none`:
//! only the setup) and exits, for an exact instruction count under callgrind.

// A benchmark may unwrap its own setup (generated inputs, a built-in pack): a panic there stops
// a measurement, never a user's run.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group};
use kriterium_engine::{json, synthetic};

/// The allocator the binary uses, so the benchmark measures what ships.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const COUNT: u64 = 10_000;

/// The Made in Sønderjylland samples, varied into `COUNT` one-line applications.
fn lines() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("samples/made-in-sonderjylland"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let templates: Vec<serde_json::Value> = files
        .iter()
        .map(|f| serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
        .collect();
    let mut lines = Vec::new();
    synthetic::generate(&templates, COUNT, 42, &mut |v| {
        lines.push(serde_json::to_string(&v).unwrap())
    });
    lines
}

fn parse(c: &mut Criterion) {
    let lines = lines();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Elements(COUNT));
    group.sample_size(20);
    group.bench_function("serde-json-value", |b| {
        b.iter(|| {
            for line in &lines {
                black_box(serde_json::from_str::<serde_json::Value>(line).unwrap());
            }
        })
    });
    group.bench_function("unique-keys-value", |b| {
        b.iter(|| {
            for line in &lines {
                black_box(json::parse(line).unwrap());
            }
        })
    });
    group.finish();
}

/// `PARSE_ONCE`: parse every line once with one parser and exit, for instruction counts.
fn parse_once(which: &str) {
    let lines = lines();
    for line in &lines {
        match which {
            "serde" => drop(black_box(
                serde_json::from_str::<serde_json::Value>(line).unwrap(),
            )),
            "unique" => drop(black_box(json::parse(line).unwrap())),
            _ => {}
        }
    }
}

criterion_group!(benches, parse);

fn main() {
    match std::env::var("PARSE_ONCE") {
        Ok(which) => parse_once(&which),
        Err(_) => benches(),
    }
}
