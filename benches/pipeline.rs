//! Throughput of the whole batch pipeline — read, parse, validate, assess, rank — for the Made in
//! Sønderjylland pack on 10,000 generated applications, at 1 thread and at 2, and the same
//! pipeline with the pack's criteria written directly in Rust, so the cost of the Rhai layer is a
//! ratio anyone can rerun: `cargo bench --bench pipeline`.
//!
//! The native criteria live here only, as a yardstick: they mirror the pack's scripts sentence
//! for sentence, and before anything is timed they must give the scripts' assessment — every
//! verdict, point and reason — on 2,000 applications. Both loops then do the same work after
//! assessing: build and serialise the decision, rank.

// A benchmark may unwrap its own setup (generated inputs, a built-in pack): a panic there stops
// a measurement, never a user's run.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kriterium_engine::application::{ActorKind, Application, Domain, ExchangeKind, Likelihood};
use kriterium_engine::batch::spill;
use kriterium_engine::batch::{self, Outcome};
use kriterium_engine::decimal::Decimal;
use kriterium_engine::input::Input;
use kriterium_engine::labels::group_digits;
use kriterium_engine::pack::{PackFiles, RulePack};
use kriterium_engine::portfolio::{AttributeValue, Attributes};
use kriterium_engine::ranking;
use kriterium_engine::report::ApplicationFacts;
use kriterium_engine::scoring::{Assessment, Assessor, CriterionOutcome, GateOutcome};
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
    batch::assess_all(
        &setup.pack,
        &kriterium_engine::review::ReviewBook::empty(),
        producer,
        jobs,
        "da",
        &mut |outcome| {
            if let Outcome::Assessed(a) = outcome {
                entries.push(a.entry);
            }
        },
    )
    .unwrap();
    ranking::rank(&entries, &setup.criteria, setup.pack.funds().budget).used
}

/// What a batch worker does with each line, on one thread in a plain loop: validate, assess
/// (with `assess`), build the decision and encode it for the spill file, keep the ranking entry;
/// then rank.
fn inline(setup: &Setup, mut assess: impl FnMut(&ValidApplication) -> Assessment) -> u64 {
    let validator = setup.pack.validator();
    let mut entries = Vec::with_capacity(setup.lines.len());
    for text in &setup.lines {
        let valid = validator.validate_text("bench", text).unwrap();
        let assessment = assess(&valid);
        std::hint::black_box(spill::encode(
            &assessment.to_decision(&setup.pack, "da"),
            &ApplicationFacts::of(&valid.application),
        ));
        entries.push(assessment.entry(&setup.pack, valid.application.budget.requested));
    }
    ranking::rank(&entries, &setup.criteria, setup.pack.funds().budget).used
}

/// The inline loop with the pack's scripts.
fn rhai_inline(setup: &Setup) -> u64 {
    let assessor = Assessor::new(&setup.pack).unwrap();
    inline(setup, |valid| assessor.assess(valid).unwrap())
}

/// The inline loop with the criteria in Rust.
fn native_inline(setup: &Setup) -> u64 {
    let params = Params::from(&setup.pack);
    inline(setup, |valid| native_assess(valid, &params, &setup.pack))
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
            budget: pack.funds().budget,
        }
    }

    fn in_region(&self, m: &str) -> bool {
        self.region.iter().any(|r| r == m)
    }

    /// `common(list, region)`: the items of `list` in the region, in `list`'s order.
    fn common<'a>(&self, list: &'a [String]) -> Vec<&'a str> {
        list.iter()
            .map(String::as_str)
            .filter(|m| self.in_region(m))
            .collect()
    }
}

/// The scripts' `format_amount` for Danish: `1234567` → `1.234.567` (the same native helper).
fn amount(n: u64) -> String {
    group_digits(i128::from(n), ".")
}

/// The scripts' `format_list` for Danish: `a, b og c`.
fn list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} og {}", init.join(", "), last.as_ref())
        }
    }
}

/// A gate's verdict: passed, and why.
fn verdict(passed: bool, reason: String) -> GateOutcome {
    GateOutcome { passed, reason }
}

/// The pack's five gates, sentence for sentence as the scripts write them.
fn native_gate(id: &str, app: &Application, p: &Params) -> GateOutcome {
    match id {
        "kommuner" => {
            let taking_part = p.common(&app.municipalities);
            if taking_part.is_empty() {
                verdict(
                    false,
                    format!(
                        "Ingen af de tre kommuner ({}) deltager; ansøgningen nævner {}.",
                        list(&p.region),
                        list(&app.municipalities)
                    ),
                )
            } else {
                verdict(true, format!("{} deltager.", list(&taking_part)))
            }
        }
        "talentudvikling" => {
            let fields: Vec<&str> = app
                .domains
                .iter()
                .map(|d| match d {
                    Domain::Sport => "idræt",
                    Domain::Culture => "kultur",
                })
                .collect();
            if app.target_group.talent {
                verdict(
                    true,
                    format!(
                        "Indsatsen er rettet mod talenter inden for {}.",
                        list(&fields)
                    ),
                )
            } else {
                verdict(
                    false,
                    "Indsatsen er ikke rettet mod talenter; Made in Sønderjylland støtter fælles \
                     talentudvikling inden for idræt og kultur."
                        .to_string(),
                )
            }
        }
        "afslutning-2027" => {
            let end = &app.period.end.0;
            let last = p.last_year;
            if end[..4].parse::<i64>().unwrap() <= last {
                verdict(true, format!("Indsatsen slutter {end}, senest i {last}."))
            } else {
                verdict(
                    false,
                    format!(
                        "Indsatsen slutter først {end}; midlerne kan kun søges til indsatser, som \
                         afsluttes eller overgår til en mulig driftsmodel i {last}."
                    ),
                )
            }
        }
        "budgetramme" => {
            let (requested, budget) = (amount(app.budget.requested), amount(p.budget));
            if app.budget.requested <= p.budget {
                verdict(
                    true,
                    format!(
                        "Det ansøgte beløb på {requested} kr. ligger inden for puljen på {budget} kr."
                    ),
                )
            } else {
                verdict(
                    false,
                    format!(
                        "Det ansøgte beløb på {requested} kr. er større end hele puljen på {budget} kr."
                    ),
                )
            }
        }
        "medfinansiering" => {
            let external: u64 = app.budget.co_funding.iter().map(|c| c.amount).sum();
            let own = app.budget.own_resources;
            if external > 0 && own > 0 {
                verdict(
                    true,
                    format!(
                        "Indsatsen har {} kr. i eksterne midler og {} kr. i egne ressourcer.",
                        amount(external),
                        amount(own)
                    ),
                )
            } else if external > 0 {
                verdict(
                    true,
                    format!("Indsatsen har {} kr. i eksterne midler.", amount(external)),
                )
            } else if own > 0 {
                verdict(
                    true,
                    format!(
                        "Parterne lægger egne ressourcer for {} kr. i indsatsen.",
                        amount(own)
                    ),
                )
            } else {
                verdict(
                    false,
                    "Indsatsen har hverken eksterne midler eller egne ressourcer; det forventes, at \
                     der søges eksterne midler eller lægges egne ressourcer i."
                        .to_string(),
                )
            }
        }
        other => panic!("no native gate {other}"),
    }
}

/// A criterion's awards while it is scored: points (`None` for a note) and reasons.
#[derive(Default)]
struct Awards(Vec<(i64, String)>);

impl Awards {
    fn award(&mut self, points: i64, reason: String) {
        self.0.push((points, reason));
    }
    fn note(&mut self, reason: &str) {
        self.0.push((0, reason.to_string()));
    }
}

/// The pack's six criteria, sentence for sentence as the scripts write them.
fn native_criterion(id: &str, app: &Application, p: &Params) -> Awards {
    let mut out = Awards::default();
    match id {
        "drift-efter-tilskud" => {
            let c = &app.continuation;
            match c.likelihood {
                Likelihood::High => out.award(
                    2,
                    "Ansøger vurderer sandsynligheden for fortsat drift som høj.".into(),
                ),
                Likelihood::Medium => out.award(
                    1,
                    "Ansøger vurderer sandsynligheden for fortsat drift som middel.".into(),
                ),
                Likelihood::Low => out.award(
                    0,
                    "Ansøger vurderer sandsynligheden for fortsat drift som lav.".into(),
                ),
                Likelihood::Unknown => out.award(
                    0,
                    "Ansøger har ikke vurderet sandsynligheden for fortsat drift.".into(),
                ),
            }
            match &c.operator {
                Some(op) => out.award(1, format!("{op} står for driften efter tilskuddet.")),
                None => {
                    out.note("Der er ikke udpeget nogen til at stå for driften efter tilskuddet.")
                }
            }
            let secured: u64 = c
                .funding
                .iter()
                .filter(|f| f.secured)
                .map(|f| f.amount)
                .sum();
            let planned: u64 = c
                .funding
                .iter()
                .filter(|f| !f.secured)
                .map(|f| f.amount)
                .sum();
            let found = secured + planned;
            match c.annual_cost {
                Some(cost) if secured >= cost && secured > 0 => out.award(
                    2,
                    format!(
                        "Driften er finansieret: {} kr. om året er sikret mod en årlig udgift på {} kr.",
                        amount(secured),
                        amount(cost)
                    ),
                ),
                _ if found == 0 => {
                    out.note("Der er ikke fundet finansiering til driften efter tilskuddet.")
                }
                None => out.award(
                    1,
                    format!(
                        "Der er fundet {} kr. om året til driften, heraf {} kr. sikret, men den \
                         årlige udgift er ikke opgjort.",
                        amount(found),
                        amount(secured)
                    ),
                ),
                Some(cost) if found < cost => out.award(
                    1,
                    format!(
                        "Der er fundet {} kr. om året til driften, heraf {} kr. sikret, men det \
                         dækker ikke den årlige udgift på {} kr.",
                        amount(found),
                        amount(secured),
                        amount(cost)
                    ),
                ),
                Some(cost) => out.award(
                    1,
                    format!(
                        "Der er fundet {} kr. om året til driften, men kun {} kr. af den årlige \
                         udgift på {} kr. er sikret.",
                        amount(found),
                        amount(secured),
                        amount(cost)
                    ),
                ),
            }
        }
        "nye-samarbejder" => {
            let names: Vec<&str> = app
                .partners
                .iter()
                .filter(|x| {
                    x.new_collaboration && x.municipality.as_deref().is_some_and(|m| p.in_region(m))
                })
                .map(|x| x.name.as_str())
                .collect();
            let n = names.len();
            if n == 0 {
                out.note("Ingen nye samarbejdspartnere i de tre kommuner.");
            } else {
                let what = if n == 1 {
                    "ny samarbejdspartner"
                } else {
                    "nye samarbejdspartnere"
                };
                out.award(
                    n.min(3) as i64,
                    format!("{n} {what} i de tre kommuner: {}.", list(&names)),
                );
            }
            let taking_part = p.common(&app.municipalities);
            match taking_part.len() {
                3 => out.award(
                    2,
                    format!("Alle tre kommuner deltager: {}.", list(&taking_part)),
                ),
                2 => out.award(
                    1,
                    format!("To af de tre kommuner deltager: {}.", list(&taking_part)),
                ),
                _ => out.note(
                    "Kun én af de tre kommuner deltager, så samarbejdet går ikke på tværs af \
                     kommunegrænser.",
                ),
            }
        }
        "talentevents" => {
            let mut titles = Vec::new();
            let mut widest = 0;
            for e in &app.events {
                if p.in_region(&e.municipality) {
                    titles.push(e.title.as_str());
                    widest = widest.max(p.common(&e.participant_municipalities).len());
                }
            }
            if titles.is_empty() {
                out.note("Indsatsen holder ingen talentevents i de tre kommuner.");
            } else {
                let points = if titles.len() >= 2 { 3 } else { 2 };
                let what = if titles.len() == 1 {
                    "talentevent"
                } else {
                    "talentevents"
                };
                out.award(
                    points,
                    format!(
                        "{} {what} i Sønderjylland: {}.",
                        titles.len(),
                        list(&titles)
                    ),
                );
                match widest {
                    3 => out.award(
                        2,
                        "Mindst ét event samler deltagere fra alle tre kommuner.".into(),
                    ),
                    2 => out.award(
                        1,
                        "Mindst ét event samler deltagere fra to af de tre kommuner.".into(),
                    ),
                    _ => out.note("Intet event samler deltagere fra flere af de tre kommuner."),
                }
            }
        }
        "ungdomsuddannelser" => {
            let (mut all, mut new, mut places) = (Vec::new(), Vec::new(), Vec::new());
            for x in &app.partners {
                if x.kind != ActorKind::YouthEducation {
                    continue;
                }
                let Some(m) = x.municipality.as_deref().filter(|m| p.in_region(m)) else {
                    continue;
                };
                all.push(x.name.as_str());
                if x.new_collaboration {
                    new.push(x.name.as_str());
                }
                if !places.contains(&m) {
                    places.push(m);
                }
            }
            if all.is_empty() {
                out.note("Ingen ungdomsuddannelser i de tre kommuner er med i indsatsen.");
            } else {
                if new.is_empty() {
                    out.award(1, format!("Samarbejdet med {} er ikke nyt.", list(&all)));
                } else {
                    let points = if new.len() >= 2 { 4 } else { 3 };
                    out.award(points, format!("Nyt samarbejde med {}.", list(&new)));
                }
                if places.len() >= 2 {
                    out.award(
                        1,
                        format!(
                            "Ungdomsuddannelserne ligger i {}, så tilbuddet hænger sammen på \
                             tværs af kommunerne.",
                            list(&places)
                        ),
                    );
                }
            }
        }
        "lokale-ressourcer" => {
            let (mut names, mut owners) = (Vec::new(), Vec::new());
            for r in &app.shared_resources {
                let owner = r.owner_municipality.as_str();
                if !p.in_region(owner) {
                    continue;
                }
                let others = p.common(&r.shared_with);
                if others.len() > 1 || (others.len() == 1 && others[0] != owner) {
                    names.push(r.name.as_str());
                    if !owners.contains(&owner) {
                        owners.push(owner);
                    }
                }
            }
            if names.is_empty() {
                out.note("Ingen lokale ressourcer bruges på tværs af de tre kommuner.");
            } else {
                let points = match names.len() {
                    1 => 2,
                    2 => 3,
                    _ => 4,
                };
                let what = if names.len() == 1 {
                    "lokal ressource bruges"
                } else {
                    "lokale ressourcer bruges"
                };
                out.award(
                    points,
                    format!(
                        "{} {what} på tværs af kommunegrænser: {}.",
                        names.len(),
                        list(&names)
                    ),
                );
                if owners.len() >= 2 {
                    out.award(
                        1,
                        format!(
                            "Ressourcerne kommer fra {}, så de deles begge veje.",
                            list(&owners)
                        ),
                    );
                }
            }
        }
        "erfaringsudveksling" => {
            let (mut titles, mut publications) = (Vec::new(), Vec::new());
            let (mut times, mut all_three) = (0, false);
            for a in &app.exchange_activities {
                let n = p.common(&a.municipalities).len();
                if n >= 2 {
                    titles.push(a.title.as_str());
                    times += a.occurrences;
                    all_three |= n == 3;
                    if a.kind == ExchangeKind::Publication {
                        publications.push(a.title.as_str());
                    }
                }
            }
            if titles.is_empty() {
                out.note("Ingen erfaringsudveksling på tværs af de tre kommuner.");
            } else {
                let points = match times {
                    0 | 1 => 1,
                    2 | 3 => 2,
                    _ => 3,
                };
                let how_often = if times == 1 {
                    "én gang".to_string()
                } else {
                    format!("{times} gange")
                };
                out.award(
                    points,
                    format!(
                        "Erfaringsudveksling på tværs af kommunerne {how_often}: {}.",
                        list(&titles)
                    ),
                );
                if all_three {
                    out.award(1, "Mindst én aktivitet samler alle tre kommuner.".into());
                }
                if !publications.is_empty() {
                    out.award(
                        1,
                        format!(
                            "Erfaringerne samles op, så andre kan bruge dem: {}.",
                            list(&publications)
                        ),
                    );
                }
            }
        }
        other => panic!("no native criterion {other}"),
    }
    out
}

/// What `Assessor::assess` returns, with the criteria in Rust: the same gates, points, reasons
/// and total, so everything after it (decision, serialising, ranking) is the same work.
fn native_assess(valid: &ValidApplication, p: &Params, pack: &RulePack) -> Assessment {
    let app = &valid.application;
    let manifest = &pack.manifest;
    let gates = manifest
        .gates
        .iter()
        .map(|g| native_gate(&g.id, app, p))
        .collect();
    let mut total = Decimal::ZERO;
    let criteria = manifest
        .criteria
        .iter()
        .map(|spec| {
            let awards = native_criterion(&spec.id, app, p);
            let points = Decimal::from(awards.0.iter().map(|(p, _)| p).sum::<i64>());
            let weighted = points.checked_mul(spec.weight).unwrap();
            total = total.checked_add(weighted).unwrap();
            CriterionOutcome {
                points,
                weighted,
                meets_minimum: spec.min_points.is_none_or(|min| points >= min),
                reasons: awards.0.into_iter().map(|(_, r)| r).collect(),
            }
        })
        .collect();
    Assessment {
        application_id: app.id.clone(),
        title: app.title.clone(),
        gates,
        criteria,
        total,
        input_fingerprint: valid.fingerprint.clone(),
        reviews: None,
        attributes: native_attributes(app, p),
    }
}

/// The pack's five portfolio attributes, as its `portfolio/*.rhai` scripts compute them.
fn native_attributes(app: &Application, p: &Params) -> Attributes {
    let own: Vec<String> = p
        .region
        .iter()
        .filter(|m| app.municipalities.contains(m))
        .cloned()
        .collect();
    let c = &app.continuation;
    let secured: u64 = c
        .funding
        .iter()
        .filter(|f| {
            f.secured
                && !f
                    .source
                    .to_lowercase()
                    .contains("kulturkoordinationsudvalg")
        })
        .map(|f| f.amount)
        .sum();
    let from_2026 = c
        .operating_from
        .as_ref()
        .is_some_and(|d| d.0[..4].parse::<i64>().is_ok_and(|y| y <= 2026));
    let likely = c.likelihood == Likelihood::High
        && from_2026
        && c.annual_cost.is_some_and(|cost| secured >= cost);
    let brand = app
        .brands
        .iter()
        .any(|b| b.to_lowercase() == "made in sønderjylland");
    let both = app.domains.contains(&Domain::Sport) && app.domains.contains(&Domain::Culture);
    let mut values = own.clone();
    values.sort();
    [
        ("brander-mis", AttributeValue::Flag(brand)),
        ("drift-uden-udvalget", AttributeValue::Flag(likely)),
        ("idraet-og-kultur", AttributeValue::Flag(both)),
        ("kommuner", AttributeValue::Values(values)),
        (
            "to-tre-kommuner",
            AttributeValue::Flag((2..=3).contains(&own.len())),
        ),
    ]
    .into_iter()
    .map(|(id, value)| (id.to_string(), value))
    .collect()
}

/// The native criteria must give the scripts' assessments — every gate, point and reason — or
/// the comparison means nothing.
fn check_native_matches_rhai(setup: &Setup) {
    let validator = setup.pack.validator();
    let assessor = Assessor::new(&setup.pack).unwrap();
    let params = Params::from(&setup.pack);
    for text in setup.lines.iter().take(2000) {
        let valid = validator.validate_text("bench", text).unwrap();
        let rhai = assessor.assess(&valid).unwrap();
        let native = native_assess(&valid, &params, &setup.pack);
        assert_eq!(native, rhai, "{}", valid.application.id);
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
        b.iter(|| native_inline(&setup))
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
