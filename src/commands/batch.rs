//! `kriterium batch`: assess everything, rank, draw the funding line, write the results.
//!
//! Everything is written into a staging folder that becomes `--out` in one step at the end
//! (`results.rs`), so `--out` is always one complete run. Memory does not grow with the
//! applications' text: each decision is written to a spill file in the staging folder as soon as
//! it is made, as a typed binary record (`batch::spill`), and only what ranking needs stays in
//! memory (about 300 bytes an application). After ranking, the final pass reads the records back
//! in rank order on `--jobs` threads, sets each decision's rank, recommendation and grant, and
//! serialises it once per output: its line of `decisions.jsonl`, its row of `ranking.csv` and
//! `ranking.xlsx`, its reports and its row of the overview, which the calling thread appends in
//! rank order.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use kriterium_engine::batch::conclusion::{self, Conclusion, Origin};
use kriterium_engine::batch::{self, Outcome, Rejected, spill};
use kriterium_engine::decimal::Decimal;
use kriterium_engine::decision::Recommendation;
use kriterium_engine::input::{self, Input};
use kriterium_engine::pack::RulePack;
use kriterium_engine::ranking::{Entry, Ranking};
use kriterium_engine::report::RejectedRow;
use kriterium_engine::review::{Refusal, ReviewBook};
use kriterium_engine::sensitivity;
use kriterium_engine::summary::{self, CsvRow};
use rayon::prelude::*;

use progress::{Progress, Total};

use super::crash;
use super::output::{CannotStore, ResultFile};
use super::review_book::{self, Entered};
use super::stdin;
use crate::Status;
use crate::args::Reports;
use crate::messages::{self, Message};

pub mod progress;
mod ranking_sheet;
mod reports;
pub(crate) mod results;
mod reviewed;

/// What the command line asked for.
pub struct Settings {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub jobs: Option<usize>,
    pub lang: Option<String>,
    pub reports: Reports,
    /// Further files written into the results folder with the rest (name, text): what
    /// `round export` adds, the group's decisions.
    pub extra_files: Vec<(String, String)>,
    /// The reviews and panel the applications are assessed with (`--reviews`, `--panel`);
    /// [`Entered::none`] for none.
    pub reviews: Entered,
}

/// Where an assessed application came from and where its decision is in the spill file.
#[derive(Debug, Clone, Copy)]
struct Spilled {
    seq: u64,
    /// Index into `Assessed::sources`.
    source: u32,
    line: Option<u32>,
    offset: u64,
    /// Length of the record (`batch::spill`), in bytes.
    length: u64,
}

/// Every assessed application: `entries[i]` and `spilled[i]` belong together.
#[derive(Default)]
struct Assessed {
    entries: Vec<Entry>,
    spilled: Vec<Spilled>,
    /// Input names, each once (many applications share a JSON Lines file).
    sources: Vec<String>,
    /// Reviews from members with a conflict of interest, refused while assessing.
    refused: Vec<Refusal>,
    /// Every input read, kept only when the pack calibrates reviewers' scores: they are
    /// assessed a second time with the scores as given, for the ranking beside the calibrated.
    inputs: Vec<Input>,
}

impl Assessed {
    fn source_index(&mut self, source: String) -> u32 {
        match self.sources.iter().rposition(|s| *s == source) {
            Some(i) => i as u32,
            None => {
                self.sources.push(source);
                (self.sources.len() - 1) as u32
            }
        }
    }
}

/// Most ranked applications for which the overview shows how robust the ranking is.
const MAX_SENSITIVITY_RANKED: usize = 2000;

/// Runs the batch. A failure to store the results says that `--out` is left as it was.
pub fn run(pack: &RulePack, settings: &Settings) -> Result<Status> {
    assess_and_store(pack, settings).map_err(|error| {
        if super::is_cannot_store(&error) {
            error.context(messages::say(
                Message::NotStored,
                &[("out", &settings.out.display().to_string())],
            ))
        } else {
            error
        }
    })
}

/// Assesses, ranks and writes the results into a staging folder that becomes `--out` at the end.
fn assess_and_store(pack: &RulePack, settings: &Settings) -> Result<Status> {
    let lang = settings
        .lang
        .clone()
        .unwrap_or_else(|| pack.manifest.language.clone());
    // The pack carries the run's funds (`--budget`, `--year`): gates saw the same budget.
    let budget = pack.funds().budget;
    let jobs = settings
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let (sources, missing) = input::expand(&settings.inputs);
    // Before the results folder is touched: pretty-printed JSON on standard input is a usage
    // mistake, not a batch of rejections.
    stdin::refuse_pretty_printed(&sources, messages::lang())?;
    let staging = results::Staging::begin(&settings.out)?;

    let mut rejected = not_found(missing);

    // The spill file lives in the staging folder: it goes with it whatever happens.
    let spill = tempfile::Builder::new()
        .prefix(".decisions.spill-")
        .tempfile_in(staging.path())
        .map_err(CannotStore::write(staging.path()))?;
    let missing = rejected.len();
    let messages = messages::lang();
    let reading = Reading {
        sources,
        messages,
        book: &settings.reviews.book,
        keep_inputs: settings.reviews.uncalibrated(&pack.manifest).is_some(),
    };
    let assessed = assess_into_spill(pack, reading, jobs, &lang, spill.path(), &mut rejected)?;
    // A mistyped path, an empty JSON Lines input or an empty folder must not replace a round's results with
    // an empty one: with nothing read, `--out` is left as it was.
    if assessed.entries.len() + rejected.len() == missing {
        let messages = messages::lang();
        for problem in rejected.iter().flat_map(|r| &r.problems) {
            errln!("{}", problem.display_in(messages));
        }
        let named: Vec<String> = settings
            .inputs
            .iter()
            .map(|p| messages::quoted(&p.display().to_string()))
            .collect();
        anyhow::bail!(messages::say(
            Message::NothingRead,
            &[
                ("inputs", &named.join(", ")),
                ("out", &settings.out.display().to_string())
            ]
        ));
    }
    crash::point("assessed");
    let run = Run {
        pack,
        settings,
        lang: &lang,
        budget,
        jobs,
    };
    finish(&run, assessed, rejected, staging, spill)
}

/// Assesses every input, writing decisions to the spill file; keeps what ranking needs.
/// What a batch reads, and the language (`da`, `en`, `sv`) it speaks to the person meanwhile.
struct Reading<'b> {
    sources: Vec<input::InputSource>,
    messages: &'static str,
    /// The reviews the applications are assessed with.
    book: &'b ReviewBook,
    /// Whether to keep every input for a second assessment ([`Assessed::inputs`]).
    keep_inputs: bool,
}

fn assess_into_spill(
    pack: &RulePack,
    Reading {
        sources,
        messages,
        book,
        keep_inputs,
    }: Reading,
    jobs: usize,
    lang: &str,
    spill_path: &Path,
    rejected: &mut Vec<Rejected>,
) -> Result<Assessed> {
    let file = fs::File::create(spill_path).map_err(CannotStore::write(spill_path))?;
    let mut spill = BufWriter::new(file);
    let progress = Progress::new(Total::of(&sources), messages);
    let reading = progress.clone();
    let mut assessed = Assessed::default();
    let mut offset = 0u64;
    let mut write_error = None;
    let kept_inputs: Arc<Mutex<Vec<Input>>> = Arc::default();
    let keeping = Arc::clone(&kept_inputs);
    let produce: batch::Producer = Box::new(move |emit| {
        for source in &sources {
            stdin::read(source, messages, &mut |read| {
                reading.read_one(&read);
                if keep_inputs && let (Ok(input), Ok(mut kept)) = (&read, keeping.lock()) {
                    kept.push(input.clone());
                }
                emit(read);
            });
        }
    });
    batch::assess_all(pack, book, produce, jobs, lang, &mut |outcome| {
        progress.assessed_one();
        match outcome {
            Outcome::Assessed(a) => {
                let record = spill::encode(&a.decision, &a.facts);
                if let Err(e) = spill.write_all(&record) {
                    write_error.get_or_insert(e);
                }
                let source = assessed.source_index(a.source);
                assessed.spilled.push(Spilled {
                    seq: a.seq,
                    source,
                    line: a.line.and_then(|l| u32::try_from(l).ok()),
                    offset,
                    length: record.len() as u64,
                });
                assessed.entries.push(a.entry);
                assessed.refused.extend(a.refused);
                offset += record.len() as u64;
            }
            Outcome::Rejected(r) => rejected.push(r),
        }
    })
    .map_err(anyhow::Error::msg)
    .with_context(|| messages::say(Message::CannotAssess, &[]))?;
    progress.finish();
    if let Some(e) = write_error {
        return Err(CannotStore::write(spill_path)(e).into());
    }
    spill.flush().map_err(CannotStore::write(spill_path))?;
    // A poisoned lock means the reader panicked while keeping an input, and `assess_all` has
    // passed that panic on already: what was kept is whole either way.
    assessed.inputs = std::mem::take(
        &mut *kept_inputs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    Ok(assessed)
}

/// What the command asked for, settled: the pack, language, budget and threads of this run.
struct Run<'a> {
    pack: &'a RulePack,
    settings: &'a Settings,
    lang: &'a str,
    budget: u64,
    jobs: usize,
}

/// Decisions rendered per step of the final pass: enough to keep every thread busy, few enough
/// that what waits to be written stays small (a few MB).
const BLOCK: usize = 1024;

/// What the final pass makes of one decision, in its order.
struct Rendered {
    id: String,
    title: String,
    /// Its line of `decisions.jsonl`, without the newline.
    json: String,
    /// Its row of `ranking.csv`.
    csv: String,
    /// Its row of `ranking.xlsx`, besides the id and title.
    sheet: ranking_sheet::Row,
    /// Its row of the overview, when reports are written.
    row: Option<String>,
}

/// Rejects duplicate ids, ranks, writes the result files into `staging` and makes it current.
fn finish(
    run: &Run<'_>,
    assessed: Assessed,
    rejected: Vec<Rejected>,
    staging: results::Staging,
    spill: tempfile::NamedTempFile,
) -> Result<Status> {
    let (pack, lang, budget) = (run.pack, run.lang, run.budget);
    let dir = staging.path().to_path_buf();
    let Assessed {
        entries,
        spilled,
        sources,
        refused,
        inputs,
    } = assessed;
    let origin = |i: usize| {
        let s = &spilled[i];
        Origin {
            seq: s.seq,
            source: &sources[s.source as usize],
            line: s.line.map(|l| l as usize),
        }
    };
    let Conclusion {
        kept,
        entries,
        ranking,
        rejected,
        mut summary,
    } = conclusion::conclude(pack, entries, &origin, rejected, budget, lang)
        .map_err(messages::package_failed)?;
    let reviewed = reviewed::Reviewed::of(
        &reviewed::Run {
            pack,
            entered: &run.settings.reviews,
            lang,
            budget,
            jobs: run.jobs,
        },
        &entries,
        &refused,
        inputs,
    )?;
    reviewed.add_to(&mut summary);
    let (writer, mut overview) = reports::start(
        &dir,
        run.settings.reports,
        pack,
        lang,
        &summary,
        reviewed.overview.as_ref(),
    )?
    .unzip();
    if let Some(overview) = overview.as_mut() {
        // Every candidate pair is compared, so very large batches leave the section out.
        let candidates = ranking
            .placements
            .iter()
            .filter(|p| p.rank.is_some())
            .count();
        if candidates <= MAX_SENSITIVITY_RANKED {
            overview.with_sensitivity(sensitivity::analyse(pack, &entries, budget, run.jobs));
        } else {
            errln!(
                "{}: {}",
                Message::NotePrefix.text(messages::lang()),
                messages::say(
                    Message::NoRobustness,
                    &[
                        ("count", &candidates.to_string()),
                        ("max", &MAX_SENSITIVITY_RANKED.to_string())
                    ]
                )
            );
        }
    }
    // The files are streamed. The CSV is for spreadsheets: byte-order mark, `;`, numbers as the
    // report's language writes them (decimal comma in Danish and Swedish).
    let mut decisions = ResultFile::create(&dir.join("decisions.jsonl"))?;
    let mut csv = ResultFile::create(&dir.join("ranking.csv"))?;
    csv.write("\u{feff}".as_bytes())?;
    csv.write(summary::csv_header(&ranking.criteria, lang).as_bytes())?;
    let mut sheet = ranking_sheet::RankingSheet::start(
        &dir,
        pack,
        &ranking.criteria,
        lang,
        ranking.order.len(),
        messages::lang(),
    )?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(run.jobs)
        .thread_name(|n| format!("writer-{n}"))
        .build()
        .with_context(|| messages::say(Message::NoWriterThreads, &[]))?;
    let pass = FinalPass {
        run,
        entries: &entries,
        spilled: &spilled,
        kept: &kept,
        ranking: &ranking,
        last_funded: ranking.last_funded(),
        spill: spill.path(),
        reports: writer.as_ref(),
    };
    let halfway = ranking.order.len() / 2;
    // The titles of the applications the portfolio names, caught as their rows go by.
    let portfolio = summary.portfolio.as_ref();
    let named = portfolio
        .map(|p| p.named_applications())
        .unwrap_or_default();
    let mut titles: BTreeMap<String, String> = BTreeMap::new();
    let titles_of = &mut titles;
    // Blocks are rendered on the pool while this block's results are written on a thread of
    // their own, in rank order: the pool does not wait for the writing.
    let (blocks, written) = std::sync::mpsc::sync_channel::<Vec<Result<Rendered>>>(1);
    let (decisions, csv, sheet, overview) = std::thread::scope(|scope| {
        let writing = scope.spawn(move || -> Result<_> {
            for rendered in written {
                for one in rendered {
                    let one = one?;
                    if named.contains(one.id.as_str()) {
                        titles_of.insert(one.id.clone(), one.title.clone());
                    }
                    decisions.write(one.json.as_bytes())?;
                    decisions.write(b"\n")?;
                    csv.write(one.csv.as_bytes())?;
                    if let Some(sheet) = sheet.as_mut() {
                        sheet.add(&one.id, &one.title, &one.sheet)?;
                    }
                    if let (Some(overview), Some(row)) = (overview.as_mut(), &one.row) {
                        overview.add_row(&one.id, &one.title, row)?;
                    }
                }
                // The disk writes this block while the next ones are rendered: the sync before
                // the folder becomes current then has little left to wait for.
                decisions.start_writeback()?;
                csv.start_writeback()?;
            }
            Ok((decisions, csv, sheet, overview))
        });
        for (step, block) in ranking.order.chunks(BLOCK).enumerate() {
            let first = step * BLOCK;
            if (first..first + block.len()).contains(&halfway) {
                crash::point("reports");
            }
            let rendered: Vec<Result<Rendered>> = pool.install(|| {
                block
                    .par_iter()
                    .enumerate()
                    .map_init(
                        || fs::File::open(pass.spill),
                        |file, (k, &i)| pass.render(file, (first + k) as u64, i),
                    )
                    .collect()
            });
            // A send fails only when the writing stopped on an error, which `join` returns.
            if blocks.send(rendered).is_err() {
                break;
            }
        }
        drop(blocks);
        writing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    decisions.finish()?;
    csv.finish()?;
    if let Some(sheet) = sheet {
        sheet.finish()?;
    }

    let section = match portfolio {
        Some(report) => portfolio_pages(run, report, &titles, &dir)?,
        None => None,
    };
    if let (Some(writer), Some(overview)) = (writer, overview) {
        let mut rows: Vec<RejectedRow> = rejected
            .iter()
            .map(|r| RejectedRow {
                source: input::place(&r.source, r.line),
                problems: r
                    .problems
                    .iter()
                    .map(|p| p.display_in(lang).to_string())
                    .collect(),
            })
            .collect();
        rows.extend(reviewed.rows());
        overview.finish(&writer, &rows, section.as_deref())?;
    }
    let mut text = serde_json::to_string_pretty(&summary)?;
    text.push('\n');
    ResultFile::write_all_at(&dir.join("summary.json"), &text)?;
    for (name, text) in &run.settings.extra_files {
        ResultFile::write_all_at(&dir.join(name), text)?;
    }
    // Complete: the spill file goes, and the staging folder becomes `--out`.
    drop(spill);
    let replaced = staging.commit()?;

    let messages = messages::lang();
    say_rejected(&rejected, messages);
    reviewed.say();
    let currency = &pack.manifest.currency;
    let count = |r: Recommendation| summary.count(r).to_string();
    // Said only when some await review, so that a batch without reviews says what it said.
    let mut rejected_said = messages::count(
        summary.rejected.len(),
        Message::RejectedOne,
        Message::RejectedMany,
    );
    let awaiting = summary.count(Recommendation::AwaitingReview);
    if awaiting > 0 {
        rejected_said = format!("{}, {rejected_said}", review_book::awaiting(awaiting));
    }
    // Reviews that did not count are said apart: they are not applications.
    rejected_said.push_str(&reviewed.said_count());
    errln!(
        "{}",
        messages::say(
            Message::BatchSummary,
            &[
                (
                    "inputs",
                    &messages::count(summary.inputs, Message::Application, Message::Applications),
                ),
                ("fund", &count(Recommendation::Fund)),
                ("reserve", &count(Recommendation::Reserve)),
                ("below", &count(Recommendation::BelowThreshold)),
                ("ineligible", &count(Recommendation::Ineligible)),
                ("rejected", &rejected_said),
                ("used", &messages::amount(summary.budget_used, currency)),
                ("budget", &messages::amount(budget, currency)),
                ("out", &run.settings.out.display().to_string()),
            ]
        )
    );
    // The funding line is drawn among the applications with all their points: one awaiting
    // review may still come above it, so a line drawn now is provisional.
    if awaiting > 0 && summary.count(Recommendation::Fund) > 0 {
        errln!("{}", review_book::provisional_line(awaiting));
    }
    // The results are current and announced; the previous run goes last.
    replaced.remove();
    // A register's review that does not count was set aside by the rules, not rejected.
    Ok(
        if rejected.is_empty() && (reviewed.is_empty() || run.settings.reviews.stored) {
            Status::Ok
        } else {
            Status::Rejected
        },
    )
}

/// Writes the portfolio's pages (`portfolio.html`, `portfolio.md`, as `--reports` asks) and
/// returns its section of the overview. `titles` names the applications it lists.
///
/// # Errors
/// [`CannotStore`](output::CannotStore) when a page cannot be written.
fn portfolio_pages(
    run: &Run<'_>,
    report: &kriterium_engine::portfolio::PortfolioReport,
    titles: &BTreeMap<String, String>,
    dir: &std::path::Path,
) -> Result<Option<String>> {
    use kriterium_engine::report::portfolio as page;
    let setting = page::PortfolioSetting {
        lang: run.lang,
        manifest: &run.pack.manifest,
        budget: run.budget,
        titles,
    };
    let (html, markdown) = match run.settings.reports {
        crate::args::Reports::None => return Ok(None),
        crate::args::Reports::All => (true, true),
        crate::args::Reports::Html => (true, false),
        crate::args::Reports::Md => (false, true),
    };
    if html {
        ResultFile::write_all_at(&dir.join("portfolio.html"), &page::html(report, &setting))?;
    }
    if markdown {
        ResultFile::write_all_at(&dir.join("portfolio.md"), &page::markdown(report, &setting))?;
    }
    let link = html.then_some("portfolio.html");
    Ok(Some(page::overview_section(report, &setting, link)))
}

/// The inputs named on the command line that do not exist, as rejected inputs.
pub fn not_found(missing: Vec<kriterium_engine::problem::Problem>) -> Vec<Rejected> {
    missing
        .into_iter()
        .map(|problem| Rejected {
            seq: 0,
            source: problem.source.clone(),
            line: None,
            application_id: None,
            claimed_id: None,
            problems: vec![problem],
        })
        .collect()
}

/// Prints every problem of the rejected inputs on standard error, in `lang`. A script's problem
/// names the script and its line; which application it failed on is said in front.
pub fn say_rejected(rejected: &[Rejected], lang: &str) {
    for r in rejected {
        let place = input::place(&r.source, r.line);
        for problem in &r.problems {
            if problem.source == r.source {
                errln!("{}", problem.display_in(lang));
            } else {
                errln!("{place}: {}", problem.display_in(lang));
            }
        }
    }
}

/// What every thread of the final pass reads: the run, the ranking and the spill file.
struct FinalPass<'a> {
    run: &'a Run<'a>,
    entries: &'a [Entry],
    /// Every assessed application's record; entry `k` of the ranking is `spilled[kept[k]]`.
    spilled: &'a [Spilled],
    kept: &'a [usize],
    ranking: &'a Ranking,
    last_funded: Option<usize>,
    spill: &'a Path,
    reports: Option<&'a reports::ReportWriter<'a>>,
}

impl FinalPass<'_> {
    /// Reads assessed application `i`'s record back, places it and renders every output of it
    /// (writing its reports); `order` is its position in rank order.
    fn render(
        &self,
        file: &mut std::io::Result<fs::File>,
        order: u64,
        i: usize,
    ) -> Result<Rendered> {
        let spilled = &self.spilled[self.kept[i]];
        let mut bytes = vec![0; spilled.length as usize];
        let read = match file {
            Ok(file) => file
                .seek(SeekFrom::Start(spilled.offset))
                .and_then(|_| file.read_exact(&mut bytes)),
            Err(e) => Err(std::io::Error::new(e.kind(), e.to_string())),
        };
        read.map_err(|e| CannotStore::new(crate::messages::Message::ActRead, self.spill, e))?;
        let spill::Kept {
            mut decision,
            facts,
        } = spill::decode(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", self.spill.display()))?;
        let (entry, placement) = (&self.entries[i], &self.ranking.placements[i]);
        self.ranking.apply(i, self.entries, &mut decision);
        let lang = self.run.lang;
        // A criterion no reviewer has scored has no points yet (its 0 in the entry counts for
        // nothing): its cell, and the total's, stay blank.
        let points: Vec<Option<Decimal>> = decision
            .criteria
            .iter()
            .map(|c| (!c.review.as_ref().is_some_and(|r| r.awaiting())).then_some(c.points))
            .collect();
        let total = points.iter().all(Option::is_some).then_some(entry.total);
        let sheet = ranking_sheet::Row {
            rank: placement.rank,
            total,
            points: points.clone(),
            requested: entry.requested,
            granted: placement.granted,
            recommendation: placement.recommendation,
        };
        let csv = summary::csv_row(
            &CsvRow {
                rank: placement.rank,
                application_id: &entry.application_id,
                title: &decision.title,
                total,
                points: &points,
                requested: entry.requested,
                granted: placement.granted,
                recommendation: placement.recommendation,
            },
            lang,
        );
        let row = match self.reports {
            Some(writer) => {
                Some(writer.write(order, &decision, &facts, self.last_funded == Some(i))?)
            }
            None => None,
        };
        Ok(Rendered {
            json: serde_json::to_string(&decision)?,
            csv,
            sheet,
            row,
            id: decision.application_id,
            title: decision.title,
        })
    }
}
