//! `kriterium batch`: assess everything, rank, draw the funding line, write the results.
//!
//! Memory does not grow with the applications' text: each decision is written to a spill file in
//! the output folder as soon as it is made, and only what ranking needs stays in memory. After
//! ranking, decisions are read back in rank order, completed with rank, recommendation and grant,
//! and written out.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, IsTerminal, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use kriterium_engine::ENGINE_VERSION;
use kriterium_engine::batch::{self, Outcome, Rejected};
use kriterium_engine::decision::DecisionText;
use kriterium_engine::input::{self, InputSource};
use kriterium_engine::labels::decimal_comma;
use kriterium_engine::pack::RulePack;
use kriterium_engine::problem::Problem;
use kriterium_engine::ranking::{self, Entry};
use kriterium_engine::summary::{self, RejectedInput, Summary};

use super::{write_whole, write_whole_with};
use crate::Status;

/// What the command line asked for.
pub struct Settings {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub budget: Option<u64>,
    pub jobs: Option<usize>,
    pub lang: Option<String>,
}

/// An assessed application as kept in memory: where its decision is in the spill file.
struct Kept {
    seq: u64,
    source: String,
    line: Option<usize>,
    entry: Entry,
    title: String,
    offset: u64,
    length: usize,
}

pub fn run(pack: &RulePack, settings: &Settings) -> Result<Status> {
    let lang = settings
        .lang
        .clone()
        .unwrap_or_else(|| pack.manifest.language.clone());
    let budget = settings.budget.unwrap_or(pack.manifest.budget);
    let jobs = settings
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let out = &settings.out;
    fs::create_dir_all(out)
        .with_context(|| format!("cannot create the folder `{}`", out.display()))?;

    let (sources, missing) = input::expand(&settings.inputs);
    let mut rejected: Vec<Rejected> = missing
        .into_iter()
        .map(|problem| Rejected {
            seq: 0,
            source: problem.source.clone(),
            line: None,
            application_id: None,
            problems: vec![problem],
        })
        .collect();

    let spill_path = out.join(format!(".decisions.spill-{}", std::process::id()));
    let result = assess_into_spill(pack, sources, jobs, &lang, &spill_path, &mut rejected);
    let outcome =
        result.and_then(|kept| finish(pack, settings, &lang, budget, kept, rejected, &spill_path));
    let _ = fs::remove_file(&spill_path);
    outcome
}

/// Assesses every input, writing decisions to the spill file; returns what ranking needs.
fn assess_into_spill(
    pack: &RulePack,
    sources: Vec<InputSource>,
    jobs: usize,
    lang: &str,
    spill_path: &Path,
    rejected: &mut Vec<Rejected>,
) -> Result<Vec<Kept>> {
    let mut spill = BufWriter::new(
        fs::File::create(spill_path)
            .with_context(|| format!("cannot write in `{}`", spill_path.display()))?,
    );
    let progress = progress_bar();
    let mut kept = Vec::new();
    let mut offset = 0u64;
    let mut write_error = None;
    let produce: batch::Producer = Box::new(move |emit| {
        for source in &sources {
            input::read(source, emit);
        }
    });
    batch::assess_all(pack, produce, jobs, lang, &mut |outcome| {
        progress.inc(1);
        match outcome {
            Outcome::Assessed(a) => {
                let json = a.decision.as_str().as_bytes();
                if let Err(e) = spill.write_all(json).and_then(|()| spill.write_all(b"\n")) {
                    write_error.get_or_insert(e);
                }
                kept.push(Kept {
                    seq: a.seq,
                    source: a.source,
                    line: a.line,
                    entry: a.entry,
                    title: a.title,
                    offset,
                    length: json.len(),
                });
                offset += json.len() as u64 + 1;
            }
            Outcome::Rejected(r) => rejected.push(r),
        }
    })
    .map_err(anyhow::Error::msg)
    .context("the rule pack's scripts do not compile")?;
    progress.finish_and_clear();
    if let Some(e) = write_error {
        return Err(e).with_context(|| format!("cannot write `{}`", spill_path.display()));
    }
    spill
        .flush()
        .with_context(|| format!("cannot write `{}`", spill_path.display()))?;
    Ok(kept)
}

/// Rejects duplicate ids, ranks, and writes the three result files.
fn finish(
    pack: &RulePack,
    settings: &Settings,
    lang: &str,
    budget: u64,
    kept: Vec<Kept>,
    mut rejected: Vec<Rejected>,
    spill_path: &Path,
) -> Result<Status> {
    let (kept, duplicates) = reject_duplicate_ids(kept);
    rejected.extend(duplicates);
    rejected.sort_by_key(|r| r.seq);

    let criteria: Vec<String> = pack
        .manifest
        .criteria
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let entries: Vec<Entry> = kept.iter().map(|k| k.entry.clone()).collect();
    let ranking = ranking::rank(&entries, &criteria, budget);

    let mut spill = fs::File::open(spill_path)
        .with_context(|| format!("cannot read `{}`", spill_path.display()))?;
    let mut counts: BTreeMap<String, u64> = [
        "fund",
        "reserve",
        "below_threshold",
        "ineligible",
        "rejected",
    ]
    .into_iter()
    .map(|k| (k.to_string(), 0))
    .collect();
    let mut csv = String::from("\u{feff}");
    csv.push_str(&summary::csv_header(&criteria, lang));
    let decisions_path = settings.out.join("decisions.jsonl");
    write_whole_with(&decisions_path, &mut |file| {
        for &i in &ranking.order {
            let (k, placement) = (&kept[i], &ranking.placements[i]);
            let json = complete(&mut spill, k, placement)?;
            *counts
                .entry(summary::count_key(placement.recommendation).into())
                .or_default() += 1;
            csv.push_str(&summary::csv_row(
                &summary::CsvRow {
                    rank: placement.rank,
                    application_id: &k.entry.application_id,
                    title: &k.title,
                    total: k.entry.total,
                    points: &k.entry.points,
                    requested: k.entry.requested,
                    granted: placement.granted,
                    recommendation: placement.recommendation,
                },
                lang,
            ));
            file.write_all(json.as_bytes())?;
            file.write_all(b"\n")?;
        }
        Ok(())
    })?;
    // The CSV is for Danish spreadsheets whatever the language: a decimal comma there.
    debug_assert!(decimal_comma("da"));
    write_whole(&settings.out.join("ranking.csv"), &csv)?;

    counts.insert("rejected".into(), rejected.len() as u64);
    let summary = Summary {
        pack: kriterium_engine::decision::PackRef {
            id: pack.manifest.id.clone(),
            version: pack.manifest.version.clone(),
            fingerprint: pack.fingerprint.clone(),
        },
        engine_version: ENGINE_VERSION.to_string(),
        inputs: (kept.len() + rejected.len()) as u64,
        counts: counts.clone(),
        budget,
        budget_used: ranking.used,
        budget_left: budget - ranking.used,
        rejected: rejected
            .iter()
            .map(|r| RejectedInput {
                source: r.source.clone(),
                line: r.line,
                application_id: r.application_id.clone(),
                problems: r.problems.iter().map(Problem::to_string).collect(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&summary)?;
    text.push('\n');
    write_whole(&settings.out.join("summary.json"), &text)?;

    for r in &rejected {
        for problem in &r.problems {
            eprintln!("{problem}");
        }
    }
    eprintln!(
        "{} applications: {} fund, {} reserve, {} below threshold, {} ineligible, {} rejected; {} of {} {} granted; results in {}",
        kept.len() + rejected.len(),
        counts["fund"],
        counts["reserve"],
        counts["below_threshold"],
        counts["ineligible"],
        counts["rejected"],
        ranking.used,
        budget,
        pack.manifest.currency,
        settings.out.display()
    );
    Ok(if rejected.is_empty() {
        Status::Ok
    } else {
        Status::Rejected
    })
}

/// Reads a decision back from the spill file and adds what the batch decided.
fn complete(
    spill: &mut fs::File,
    kept: &Kept,
    placement: &ranking::Placement,
) -> std::io::Result<String> {
    let mut bytes = vec![0; kept.length];
    spill.seek(SeekFrom::Start(kept.offset))?;
    spill.read_exact(&mut bytes)?;
    let json = String::from_utf8(bytes)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    Ok(DecisionText::from_json(json).complete(
        placement.recommendation,
        placement.rank,
        placement.granted,
        &placement.context,
    ))
}

/// An id must name one application. When several inputs share one, none of them is assessed —
/// which one is meant cannot be told — and each is rejected naming all the places it is used.
fn reject_duplicate_ids(kept: Vec<Kept>) -> (Vec<Kept>, Vec<Rejected>) {
    let mut places: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for k in &kept {
        places
            .entry(k.entry.application_id.as_str())
            .or_default()
            .push(place(&k.source, k.line));
    }
    let duplicated: BTreeMap<String, Vec<String>> = places
        .into_iter()
        .filter(|(_, p)| p.len() > 1)
        .map(|(id, p)| (id.to_string(), p))
        .collect();
    let (mut unique, mut rejected) = (Vec::new(), Vec::new());
    for k in kept {
        match duplicated.get(&k.entry.application_id) {
            None => unique.push(k),
            Some(all) => {
                let message = format!(
                    "the id `{}` is used by {} inputs ({}); an id must name one application",
                    k.entry.application_id,
                    all.len(),
                    all.join(", ")
                );
                let problem = Problem {
                    line: k.line,
                    ..Problem::at_pointer(&k.source, "/id", message)
                };
                rejected.push(Rejected {
                    seq: k.seq,
                    source: k.source,
                    line: k.line,
                    application_id: Some(k.entry.application_id),
                    problems: vec![problem],
                });
            }
        }
    }
    (unique, rejected)
}

fn place(source: &str, line: Option<usize>) -> String {
    match line {
        Some(line) => format!("{source}:{line}"),
        None => source.to_string(),
    }
}

/// A spinner with a count on standard error when it is a terminal; hidden otherwise.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {human_pos} applications assessed ({per_sec})")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}
