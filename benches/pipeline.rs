//! Throughput of the whole batch pipeline — read, parse, validate, assess, rank — for the Made in
//! Sønderjylland pack on 10,000 generated applications, at 1 thread and at 2, and the same
//! pipeline with the pack's criteria written directly in Rust, so the cost of the Rhai layer is a
//! ratio anyone can rerun: `cargo bench --bench pipeline`.
//!
//! The native criteria live here only, as a yardstick: they mirror the pack's scripts (same
//! points, a reason string per award) and are checked against them before anything is timed.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kriterium_engine::application::{ActorKind, Application, Likelihood};
use kriterium_engine::batch::{self, Outcome};
use kriterium_engine::decimal::Decimal;
use kriterium_engine::decision::Recommendation;
use kriterium_engine::input::Input;
use kriterium_engine::pack::{PackFiles, RulePack};
use kriterium_engine::ranking::{self, Entry};
use kriterium_engine::scoring::Assessor;
use kriterium_engine::synthetic;
use kriterium_engine::validation::ValidApplication;

/// The allocator the binary uses, so the benchmark measures what ships.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const COUNT: u64 = 10_000;

struct Setup {
    pack: RulePack,
    lines: Vec<String>,
    criteria: Vec<String>,
}

fn setup() -> Setup {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pack =
        RulePack::load(PackFiles::from_dir(&root.join("rules/made-in-sonderjylland")).unwrap())
            .unwrap();
    let mut templates = Vec::new();
    let validator = pack.validator();
    let mut files: Vec<_> = std::fs::read_dir(root.join("samples/made-in-sonderjylland"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        if validator.validate_text("t", &text).is_ok() {
            templates.push(serde_json::from_str(&text).unwrap());
        }
    }
    let mut lines = Vec::new();
    synthetic::generate(&templates, COUNT, 42, &mut |v| {
        lines.push(serde_json::to_string(&v).unwrap())
    });
    let criteria = pack
        .manifest
        .criteria
        .iter()
        .map(|c| c.id.clone())
        .collect();
    Setup {
        pack,
        lines,
        criteria,
    }
}

/// The batch pipeline as `kriterium batch` runs it, minus writing files.
fn rhai_pipeline(setup: &Setup, jobs: usize) -> u64 {
    let lines = setup.lines.clone();
    let producer: batch::Producer = Box::new(move |emit| {
        for (i, text) in lines.into_iter().enumerate() {
            emit(Ok(Input {
                source: "bench".into(),
                line: Some(i + 1),
                text,
            }));
        }
    });
    let mut entries = Vec::with_capacity(setup.lines.len());
    batch::assess_all(&setup.pack, producer, jobs, "da", &mut |outcome| {
        if let Outcome::Assessed(a) = outcome {
            entries.push(a.entry);
        }
    })
    .unwrap();
    ranking::rank(&entries, &setup.criteria, setup.pack.manifest.budget).used
}

/// The same pipeline on one thread with the criteria in Rust.
fn native_pipeline(setup: &Setup) -> u64 {
    let validator = setup.pack.validator();
    let params = Params::from(&setup.pack);
    let mut entries = Vec::with_capacity(setup.lines.len());
    for text in &setup.lines {
        let valid = validator.validate_text("bench", text).unwrap();
        entries.push(native_entry(&valid, &params, &setup.pack));
    }
    ranking::rank(&entries, &setup.criteria, setup.pack.manifest.budget).used
}

/// The Rhai pipeline on one thread without the batch machinery, to compare like with like.
fn rhai_inline(setup: &Setup) -> u64 {
    let validator = setup.pack.validator();
    let assessor = Assessor::new(&setup.pack).unwrap();
    let mut entries = Vec::with_capacity(setup.lines.len());
    for text in &setup.lines {
        let valid = validator.validate_text("bench", text).unwrap();
        let assessment = assessor.assess(&valid).unwrap();
        // Built as a batch builds it, so both loops do the same work.
        std::hint::black_box(assessment.to_decision(&setup.pack, "da"));
        entries.push(assessment.entry(&setup.pack, valid.application.budget.requested));
    }
    ranking::rank(&entries, &setup.criteria, setup.pack.manifest.budget).used
}

struct Params {
    region: Vec<String>,
    last_year: i64,
    budget: u64,
}

impl Params {
    fn from(pack: &RulePack) -> Self {
        let p = &pack.manifest.parameters;
        Params {
            region: p["municipalities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect(),
            last_year: p["last_year"].as_i64().unwrap(),
            budget: pack.manifest.budget,
        }
    }
}

/// Points and reasons of the native criteria, and the gates' verdicts.
fn native_scores(app: &Application, p: &Params) -> (Vec<bool>, Vec<(i64, Vec<String>)>) {
    let in_region = |m: &str| p.region.iter().any(|r| r == m);
    let taking_part: Vec<&String> = app.municipalities.iter().filter(|m| in_region(m)).collect();
    let external: u64 = app.budget.co_funding.iter().map(|c| c.amount).sum();
    let gates = vec![
        !taking_part.is_empty(),
        app.target_group.talent,
        app.period.end.0[..4].parse::<i64>().unwrap() <= p.last_year,
        app.budget.requested <= p.budget,
        external + app.budget.own_resources > 0,
    ];

    let mut criteria = Vec::new();
    // Continuation.
    let c = &app.continuation;
    let mut points = match c.likelihood {
        Likelihood::High => 2,
        Likelihood::Medium => 1,
        _ => 0,
    };
    let mut reasons = vec![format!("likelihood {:?}", c.likelihood)];
    if let Some(op) = &c.operator {
        points += 1;
        reasons.push(format!("{op} står for driften"));
    }
    let secured: u64 = c
        .funding
        .iter()
        .filter(|f| f.secured)
        .map(|f| f.amount)
        .sum();
    let found: u64 = c.funding.iter().map(|f| f.amount).sum();
    if c.annual_cost
        .is_some_and(|cost| secured > 0 && secured >= cost)
    {
        points += 2;
        reasons.push(format!("{secured} kr. sikret"));
    } else if found > 0 {
        points += 1;
        reasons.push(format!("{found} kr. fundet"));
    }
    criteria.push((points, reasons));
    // New collaborations.
    let new: Vec<&str> = app
        .partners
        .iter()
        .filter(|x| x.new_collaboration && x.municipality.as_deref().is_some_and(in_region))
        .map(|x| x.name.as_str())
        .collect();
    let mut points = new.len().min(3) as i64;
    points += match taking_part.len() {
        3 => 2,
        2 => 1,
        _ => 0,
    };
    criteria.push((
        points,
        vec![format!("{} nye: {}", new.len(), new.join(", "))],
    ));
    // Talent events.
    let events: Vec<_> = app
        .events
        .iter()
        .filter(|e| in_region(&e.municipality))
        .collect();
    let mut points = match events.len() {
        0 => 0,
        1 => 2,
        _ => 3,
    };
    if !events.is_empty() {
        let widest = events
            .iter()
            .map(|e| {
                e.participant_municipalities
                    .iter()
                    .filter(|m| in_region(m))
                    .count()
            })
            .max()
            .unwrap_or(0);
        points += match widest {
            3 => 2,
            2 => 1,
            _ => 0,
        };
    }
    criteria.push((points, vec![format!("{} events", events.len())]));
    // Youth education.
    let schools: Vec<_> = app
        .partners
        .iter()
        .filter(|x| {
            x.kind == ActorKind::YouthEducation && x.municipality.as_deref().is_some_and(in_region)
        })
        .collect();
    let new_schools = schools.iter().filter(|x| x.new_collaboration).count();
    let mut points = match (schools.len(), new_schools) {
        (0, _) => 0,
        (_, 0) => 1,
        (_, 1) => 3,
        _ => 4,
    };
    let mut places: Vec<&str> = schools
        .iter()
        .filter_map(|s| s.municipality.as_deref())
        .collect();
    places.sort();
    places.dedup();
    if places.len() >= 2 {
        points += 1;
    }
    criteria.push((points, vec![format!("{} skoler", schools.len())]));
    // Local resources.
    let crossing: Vec<_> = app
        .shared_resources
        .iter()
        .filter(|r| {
            in_region(&r.owner_municipality)
                && r.shared_with
                    .iter()
                    .any(|m| in_region(m) && *m != r.owner_municipality)
        })
        .collect();
    let mut points = match crossing.len() {
        0 => 0,
        1 => 2,
        2 => 3,
        _ => 4,
    };
    let mut owners: Vec<&str> = crossing
        .iter()
        .map(|r| r.owner_municipality.as_str())
        .collect();
    owners.sort();
    owners.dedup();
    if owners.len() >= 2 {
        points += 1;
    }
    criteria.push((points, vec![format!("{} ressourcer", crossing.len())]));
    // Exchange of experience.
    let across: Vec<_> = app
        .exchange_activities
        .iter()
        .filter(|a| a.municipalities.iter().filter(|m| in_region(m)).count() >= 2)
        .collect();
    let times: u32 = across.iter().map(|a| a.occurrences).sum();
    let mut points = match times {
        0 => 0,
        1 => 1,
        2 | 3 => 2,
        _ => 3,
    };
    if across
        .iter()
        .any(|a| a.municipalities.iter().filter(|m| in_region(m)).count() == 3)
    {
        points += 1;
    }
    if across
        .iter()
        .any(|a| a.kind == kriterium_engine::application::ExchangeKind::Publication)
    {
        points += 1;
    }
    criteria.push((points, vec![format!("{times} gange")]));
    (gates, criteria)
}

fn native_entry(valid: &ValidApplication, params: &Params, pack: &RulePack) -> Entry {
    let (gates, criteria) = native_scores(&valid.application, params);
    let mut total = Decimal::ZERO;
    let mut points = Vec::new();
    let mut below = false;
    for ((p, _reasons), spec) in criteria.iter().zip(&pack.manifest.criteria) {
        let p = Decimal::from(*p);
        total = total
            .checked_add(p.checked_mul(spec.weight).unwrap())
            .unwrap();
        below |= spec.min_points.is_some_and(|m| p < m);
        points.push(p);
    }
    let excluded = if gates.iter().any(|g| !g) {
        Some(Recommendation::Ineligible)
    } else if below {
        Some(Recommendation::BelowThreshold)
    } else {
        None
    };
    Entry {
        application_id: valid.application.id.clone(),
        requested: valid.application.budget.requested,
        total,
        points,
        excluded,
    }
}

/// The native criteria must give the scripts' points, or the comparison means nothing.
fn check_native_matches_rhai(setup: &Setup) {
    let validator = setup.pack.validator();
    let assessor = Assessor::new(&setup.pack).unwrap();
    let params = Params::from(&setup.pack);
    for text in setup.lines.iter().take(2000) {
        let valid = validator.validate_text("bench", text).unwrap();
        let assessment = assessor.assess(&valid).unwrap();
        let native = native_entry(&valid, &params, &setup.pack);
        let rhai_points: Vec<Decimal> = assessment.criteria.iter().map(|c| c.points).collect();
        assert_eq!(native.points, rhai_points, "{}", valid.application.id);
        assert_eq!(
            native.excluded == Some(Recommendation::Ineligible),
            !assessment.eligible(),
            "{}",
            valid.application.id
        );
    }
}

fn pipeline(c: &mut Criterion) {
    let setup = setup();
    check_native_matches_rhai(&setup);
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);
    group.throughput(Throughput::Elements(COUNT));
    group.bench_function("rhai-batch-1-thread", |b| {
        b.iter(|| rhai_pipeline(&setup, 1))
    });
    group.bench_function("rhai-batch-2-threads", |b| {
        b.iter(|| rhai_pipeline(&setup, 2))
    });
    group.bench_function("rhai-inline-1-thread", |b| b.iter(|| rhai_inline(&setup)));
    group.bench_function("native-inline-1-thread", |b| {
        b.iter(|| native_pipeline(&setup))
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
