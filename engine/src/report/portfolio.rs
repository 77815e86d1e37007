//! A round's portfolio for people: the funding rule and its basis, the period and deadline,
//! the earlier grants that count, each goal's status before the round, under the ranking and
//! under the best package, the unfunded applications that would meet an unmet goal, and the
//! package beside the ranking (what it funds differently, what that costs in points, which
//! goals it buys), or why no package meets the goals.
//!
//! A [`PortfolioReport`] (built by `portfolio::report`) is first worded ([`Worded`]) in the
//! language of the page, so the stand-alone page ([`html`], [`markdown`]), the overview's
//! section ([`overview_section`]) and `round show`'s lines ([`lines`]) say the same thing in the
//! same words. Everything from a pack or an application is escaped as in the reports
//! (`escape.rs`).

mod words;

use std::collections::BTreeMap;

pub use words::Words;

use super::basis::BasisLine;
use super::escape::Format;
use super::layout::Page;
use crate::decimal::Decimal;
use crate::labels::{self, Sentence, amount, number};
use crate::manifest::Manifest;
use crate::portfolio::{
    FundingRuleName, GoalStatus, PackageOutcome, PortfolioReport, Selection, Unreachable,
};

/// The style sheet every page embeds, without its last line feed.
const STYLE: &str = include_str!("../../templates/style.css");

/// Bytes reserved for a page before it is written.
const CAPACITY: usize = 8 * 1024;

/// What the words of a portfolio depend on besides the report.
#[derive(Debug, Clone, Copy)]
pub struct PortfolioSetting<'a> {
    /// The language of the page: `da`, `en` or `sv`.
    pub lang: &'a str,
    /// The round's pack: its currency, the funding rule's and the goals' bases, its name.
    pub manifest: &'a Manifest,
    /// kr. of the round's budget.
    pub budget: u64,
    /// Application id → title, for naming applications (`A-03 »Title«`); an id without a
    /// title (an earlier round's, say) is named by its id alone.
    pub titles: &'a BTreeMap<String, String>,
}

/// One goal's status in words, and whether it is met (for the page's colours).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cell {
    met: bool,
    text: String,
}

/// One goal's row in words.
#[derive(Debug, Clone, PartialEq, Eq)]
struct GoalWorded {
    title: String,
    /// Where the goal comes from, and where its number does when the pack reads it.
    bases: Vec<BasisLine>,
    before: Cell,
    line: Cell,
    /// `None` when no package was computed, or none meets the goals.
    package: Option<Cell>,
}

/// Everything the page says, in its language.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Worded {
    /// »Finansieringsreglen: …«.
    rule: String,
    rule_basis: Option<BasisLine>,
    /// The period and the deadline, as sentences.
    period: Vec<String>,
    portfolio_basis: Option<BasisLine>,
    /// Application, round, kr.: one row per earlier grant.
    earlier: Vec<[String; 3]>,
    /// What the ranking funds, as a sentence.
    line: String,
    goals: Vec<GoalWorded>,
    /// »goal: applications« per goal with applications that would meet it.
    would_meet: Vec<String>,
    /// Whether the round has a package section at all.
    has_package: bool,
    /// The package beside the ranking, as sentences (or why there is none).
    package: Vec<String>,
    /// Reasons no package meets the goals, one per [`Unreachable`].
    unreachable: Vec<String>,
}

/// How one text is written in the page's language.
struct Writer<'a> {
    s: &'a PortfolioSetting<'a>,
}

impl Writer<'_> {
    fn lang(&self) -> &str {
        self.s.lang
    }

    fn fill(&self, word: Words, values: &[(&str, &str)]) -> String {
        word.fill(self.lang(), values)
    }

    fn kr(&self, n: u64) -> String {
        amount(n, &self.s.manifest.currency, self.lang())
    }

    fn points(&self, d: Decimal) -> String {
        number(d, self.lang())
    }

    /// An application by id, with its title when known.
    fn app(&self, id: &str) -> String {
        match self.s.titles.get(id) {
            Some(title) => self.fill(Words::Named, &[("id", id), ("title", title)]),
            None => id.to_string(),
        }
    }

    /// Applications by id, as a list in words (`A, B og C`).
    fn apps(&self, ids: &[String]) -> String {
        let named: Vec<String> = ids.iter().map(|id| self.app(id)).collect();
        let refs: Vec<&str> = named.iter().map(String::as_str).collect();
        labels::list(&refs, self.lang())
    }

    /// A text in quotation marks (`»…«`, `“…”`, `”…”`).
    fn quoted(&self, text: &str) -> String {
        self.fill(Words::Quoted, &[("text", text)])
    }

    /// A goal by id: its title in quotation marks, or its id if the report has no such row.
    fn goal(&self, report: &PortfolioReport, id: &str) -> String {
        let title = report
            .goals
            .iter()
            .find(|g| g.id == id)
            .map_or(id, |g| g.title.as_str());
        self.quoted(title)
    }

    /// Texts as a list in words.
    fn list(&self, items: &[String]) -> String {
        let refs: Vec<&str> = items.iter().map(String::as_str).collect();
        labels::list(&refs, self.lang())
    }

    /// A goal's status in words.
    fn status(&self, status: &GoalStatus) -> Cell {
        let have = status.have.to_string();
        let need = status.need.to_string();
        let text = if status.met {
            self.fill(Words::StatusMet, &[("have", &have), ("need", &need)])
        } else if status.missing.is_empty() {
            self.fill(Words::StatusNotMet, &[("have", &have), ("need", &need)])
        } else {
            self.fill(
                Words::StatusMissing,
                &[
                    ("have", &have),
                    ("need", &need),
                    ("values", &self.list(&status.missing)),
                ],
            )
        };
        Cell {
            met: status.met,
            text,
        }
    }
}

/// `report` in words.
fn worded(report: &PortfolioReport, s: &PortfolioSetting<'_>) -> Worded {
    let w = Writer { s };
    let lang = s.lang;
    let manifest = s.manifest;
    let rule = Sentence::funding_rule(report.funding_rule, report.partial_min_share, lang);
    let rule_basis = manifest
        .funding
        .as_ref()
        .and_then(|f| f.basis.as_ref())
        .map(|b| BasisLine::of(b, manifest, lang));
    let spec = manifest.portfolio.as_ref();
    let mut period = vec![match report.period {
        Some([first, last]) => w.fill(
            Words::Period,
            &[("first", &first.to_string()), ("last", &last.to_string())],
        ),
        None => w.fill(Words::NoPeriod, &[]),
    }];
    if let Some(deadline) = &report.deadline {
        // Loading checks the date; one that is not (a report written by something else) is
        // shown as written rather than dropped.
        let date = crate::letter::ymd(deadline)
            .and_then(|(y, m, d)| crate::letter::words::date_text(y, m, d, lang))
            .unwrap_or_else(|| deadline.clone());
        period.push(w.fill(Words::Deadline, &[("date", &date)]));
    }
    let portfolio_basis = spec
        .and_then(|p| p.basis.as_ref())
        .map(|b| BasisLine::of(b, manifest, lang));
    let earlier = report
        .earlier
        .iter()
        .map(|f| {
            [
                w.app(&f.application_id),
                f.round.clone().unwrap_or_default(),
                w.kr(f.granted),
            ]
        })
        .collect();
    let line = selection_sentence(&w, &report.line, Words::Line, Words::LineNone);
    let goals = report
        .goals
        .iter()
        .map(|row| {
            let goal_spec = spec.and_then(|p| p.goals.iter().find(|g| g.id == row.id));
            let bases = goal_spec
                .map(|g| {
                    std::iter::once(&g.basis)
                        .chain(g.at_least_basis.as_ref())
                        .map(|b| BasisLine::of(b, manifest, lang))
                        .collect()
                })
                .unwrap_or_default();
            GoalWorded {
                title: row.title.clone(),
                bases,
                before: w.status(&row.before),
                line: w.status(&row.line),
                package: row.package.as_ref().map(|p| w.status(p)),
            }
        })
        .collect();
    let would_meet = report
        .goals
        .iter()
        .filter(|row| !row.would_meet.is_empty())
        .map(|row| {
            w.fill(
                Words::WouldMeetGoal,
                &[
                    ("goal", &w.quoted(&row.title)),
                    ("applications", &w.apps(&row.would_meet)),
                ],
            )
        })
        .collect();
    let (package, unreachable) = match &report.package {
        None => (Vec::new(), Vec::new()),
        Some(outcome) => package_words(&w, report, outcome),
    };
    Worded {
        rule,
        rule_basis,
        period,
        portfolio_basis,
        earlier,
        line,
        goals,
        would_meet,
        has_package: report.package.is_some(),
        package,
        unreachable,
    }
}

/// What a funded set funds, as a sentence (`some` or, when it funds nothing, `none`): its
/// applications with their amounts, its points and its money.
fn selection_sentence(w: &Writer<'_>, selection: &Selection, some: Words, none: Words) -> String {
    if selection.funded.is_empty() {
        return w.fill(none, &[("budget", &w.kr(w.s.budget))]);
    }
    let named: Vec<String> = selection
        .funded
        .iter()
        .map(|f| {
            w.fill(
                Words::WithAmount,
                &[
                    ("application", &w.app(&f.application_id)),
                    ("amount", &w.kr(f.granted)),
                ],
            )
        })
        .collect();
    w.fill(
        some,
        &[
            ("applications", &w.list(&named)),
            ("points", &w.points(selection.points)),
            ("used", &w.kr(selection.used)),
            ("budget", &w.kr(w.s.budget)),
        ],
    )
}

/// The package beside the ranking as sentences, and the reasons when there is none.
fn package_words(
    w: &Writer<'_>,
    report: &PortfolioReport,
    outcome: &PackageOutcome,
) -> (Vec<String>, Vec<String>) {
    let mut out = Vec::new();
    if report.funding_rule == FundingRuleName::Optimal {
        out.push(w.fill(Words::PackageIsTheRule, &[]));
    }
    out.push(w.fill(Words::PackageIntro, &[]));
    match outcome {
        PackageOutcome::Found {
            selection,
            optimal,
            bound,
            added,
            removed,
            points_cost,
            buys,
            unreachable,
            goals_cost,
        } => {
            out.push(selection_sentence(
                w,
                selection,
                Words::PackageFunds,
                Words::PackageNone,
            ));
            if added.is_empty() && removed.is_empty() {
                out.push(w.fill(Words::PackageSame, &[]));
            }
            if !added.is_empty() {
                out.push(w.fill(Words::PackageAdds, &[("applications", &w.apps(added))]));
            }
            if !removed.is_empty() {
                out.push(w.fill(Words::PackageRemoves, &[("applications", &w.apps(removed))]));
            }
            let line = w.points(report.line.points);
            let package = w.points(selection.points);
            out.push(match points_cost.cmp(&Decimal::ZERO) {
                std::cmp::Ordering::Greater => w.fill(
                    Words::PackageCosts,
                    &[
                        ("cost", &w.points(*points_cost)),
                        ("package", &package),
                        ("line", &line),
                    ],
                ),
                std::cmp::Ordering::Less => {
                    let gain = Decimal(-points_cost.0);
                    w.fill(
                        Words::PackageGains,
                        &[
                            ("gain", &w.points(gain)),
                            ("package", &package),
                            ("line", &line),
                        ],
                    )
                }
                std::cmp::Ordering::Equal => w.fill(Words::PackageEqual, &[("points", &package)]),
            });
            out.push(w.fill(
                Words::PackageMoney,
                &[
                    ("used", &w.kr(selection.used)),
                    ("budget", &w.kr(w.s.budget)),
                    ("line", &w.kr(report.line.used)),
                ],
            ));
            if !buys.is_empty() {
                let goals: Vec<String> = buys.iter().map(|id| w.goal(report, id)).collect();
                out.push(w.fill(Words::PackageBuys, &[("goals", &w.list(&goals))]));
            }
            if let Some(cost) = goals_cost {
                let free = selection
                    .points
                    .checked_add(*cost)
                    .unwrap_or(selection.points);
                out.push(if cost.0.is_zero() {
                    w.fill(Words::GoalsFree, &[("points", &package)])
                } else {
                    w.fill(
                        Words::GoalsCost,
                        &[("free", &w.points(free)), ("cost", &w.points(*cost))],
                    )
                });
            }
            if !optimal {
                out.push(w.fill(Words::WorkLimit, &[("bound", &w.points(*bound))]));
            }
            if !unreachable.is_empty() {
                out.push(w.fill(Words::LeftOut, &[]));
            }
            let reasons = unreachable
                .iter()
                .map(|r| unreachable_words(w, report, r))
                .collect();
            (out, reasons)
        }
        PackageOutcome::Stopped { bound } => {
            out.push(w.fill(Words::StoppedWithout, &[("bound", &w.points(*bound))]));
            (out, Vec::new())
        }
        PackageOutcome::Infeasible { reasons } => {
            out.push(w.fill(Words::Infeasible, &[]));
            let reasons = reasons
                .iter()
                .map(|r| unreachable_words(w, report, r))
                .collect();
            (out, reasons)
        }
    }
}

/// Why a goal (or a set of goals) cannot be met, as a sentence.
fn unreachable_words(w: &Writer<'_>, report: &PortfolioReport, reason: &Unreachable) -> String {
    match reason {
        Unreachable::NoCandidate {
            goal,
            missing,
            needed,
            available,
        } => {
            if missing.is_empty() {
                w.fill(
                    Words::NoCandidateCount,
                    &[
                        ("goal", &w.goal(report, goal)),
                        ("needed", &needed.to_string()),
                        ("available", &available.to_string()),
                    ],
                )
            } else {
                w.fill(
                    Words::NoCandidateCover,
                    &[
                        ("goal", &w.goal(report, goal)),
                        ("values", &w.list(missing)),
                    ],
                )
            }
        }
        Unreachable::TooExpensive {
            goal,
            cheapest,
            budget,
        } => w.fill(
            Words::TooExpensive,
            &[
                ("goal", &w.goal(report, goal)),
                ("cheapest", &w.kr(*cheapest)),
                ("budget", &w.kr(*budget)),
            ],
        ),
        Unreachable::Together {
            goals,
            cheapest,
            budget,
        } => {
            let titles: Vec<String> = goals.iter().map(|g| w.goal(report, g)).collect();
            w.fill(
                Words::Together,
                &[
                    ("goals", &w.list(&titles)),
                    ("cheapest", &w.kr(*cheapest)),
                    ("budget", &w.kr(*budget)),
                ],
            )
        }
    }
}

/// The page's heading in its language.
fn title(s: &PortfolioSetting<'_>) -> &'static str {
    Words::Title.text(s.lang)
}

/// A basis under a title in HTML, as the reports write it.
fn basis_html(p: &mut Page<'_>, basis: &BasisLine) {
    p.raw("<small class=\"basis basis-")
        .raw(basis.kind)
        .raw("\">");
    words_whole(p, &basis.text);
    p.raw("</small>");
}

/// `text` with each word holding a hyphen (`2-3`) kept on one line: a browser may break a
/// line after a hyphen, which splits a number range in two.
fn words_whole(p: &mut Page<'_>, text: &str) {
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            p.raw(" ");
        }
        if word.contains('-') {
            p.raw("<span class=\"nowrap\">").text(word).raw("</span>");
        } else {
            p.text(word);
        }
    }
}

/// A status cell of the goals' table in HTML.
fn cell_html(p: &mut Page<'_>, cell: Option<&Cell>, heading: &str, lang: &str) {
    // `goal-state`: a goal's state names the values it misses and may wrap (a gate's short
    // state may not).
    let class = match cell {
        Some(c) if c.met => "state-met goal-state",
        Some(_) => "state-not-met goal-state",
        None => "goal-state",
    };
    p.raw("<td class=\"")
        .raw(class)
        .raw("\" data-label=\"")
        .text(heading)
        .raw("\">");
    match cell {
        Some(c) => p.text(&c.text),
        None => p.text(Words::NotComputed.text(lang)),
    };
    p.raw("</td>");
}

/// The body shared by the page and the overview's section, in HTML; `h` is the level of its
/// headings (`2` on the page, `3` inside the overview's section).
fn body_html(p: &mut Page<'_>, w: &Worded, lang: &str, h: u8) {
    // Inside the overview (`h` 3) the bases are left to the page it links: the overview is
    // read at the meeting and printed with the ranking, so it keeps to the states.
    let bases = h == 2;
    let open = |p: &mut Page<'_>, text: &str| {
        p.raw(&format!("<h{h}>"))
            .text(text)
            .raw(&format!("</h{h}>\n"));
    };
    let word = |word: Words| word.text(lang);
    p.raw("<p class=\"funding-rule\">").text(&w.rule);
    if let (Some(basis), true) = (&w.rule_basis, bases) {
        basis_html(p, basis);
    }
    p.raw("</p>\n");
    for sentence in &w.period {
        p.raw("<p>").text(sentence).raw("</p>\n");
    }
    if let (Some(basis), true) = (&w.portfolio_basis, bases) {
        p.raw("<p>");
        basis_html(p, basis);
        p.raw("</p>\n");
    }
    open(p, word(Words::Earlier));
    if w.earlier.is_empty() {
        p.raw("<p>").text(word(Words::EarlierNone)).raw("</p>\n");
    } else {
        p.raw("<div class=\"table-wrap\">\n<table class=\"stack\">\n<thead><tr>");
        p.raw("<th scope=\"col\">")
            .text(word(Words::Application))
            .raw("</th><th scope=\"col\">")
            .text(word(Words::Round))
            .raw("</th><th scope=\"col\" class=\"num\">")
            .text(word(Words::Granted))
            .raw("</th></tr></thead>\n<tbody>\n");
        for [app, round, kr] in &w.earlier {
            p.raw("<tr><th scope=\"row\">")
                .text(app)
                .raw("</th><td data-label=\"")
                .text(word(Words::Round))
                .raw("\">")
                .text(round)
                .raw("</td><td class=\"num\" data-label=\"")
                .text(word(Words::Granted))
                .raw("\">")
                .text(kr)
                .raw("</td></tr>\n");
        }
        p.raw("</tbody>\n</table>\n</div>\n");
    }
    open(p, word(Words::Goals));
    p.raw("<p>").text(&w.line).raw("</p>\n");
    if w.goals.is_empty() {
        p.raw("<p>").text(word(Words::NoGoals)).raw("</p>\n");
    } else {
        p.raw("<div class=\"table-wrap\">\n<table class=\"stack\">\n<thead><tr>");
        let mut headings = vec![Words::Goal, Words::Before, Words::UnderLine];
        if w.has_package {
            headings.push(Words::UnderPackage);
        }
        for heading in &headings {
            p.raw("<th scope=\"col\">")
                .text(word(*heading))
                .raw("</th>");
        }
        p.raw("</tr></thead>\n<tbody>\n");
        for g in &w.goals {
            p.raw("<tr><th scope=\"row\">");
            words_whole(p, &g.title);
            for basis in g.bases.iter().filter(|_| bases) {
                basis_html(p, basis);
            }
            p.raw("</th>");
            cell_html(p, Some(&g.before), word(Words::Before), lang);
            cell_html(p, Some(&g.line), word(Words::UnderLine), lang);
            if w.has_package {
                cell_html(p, g.package.as_ref(), word(Words::UnderPackage), lang);
            }
            p.raw("</tr>\n");
        }
        p.raw("</tbody>\n</table>\n</div>\n");
        open(p, word(Words::WouldMeet));
        if w.would_meet.is_empty() {
            p.raw("<p>").text(word(Words::WouldMeetNone)).raw("</p>\n");
        } else {
            list_html(p, &w.would_meet);
        }
    }
    if w.has_package {
        open(p, word(Words::Package));
        for sentence in &w.package {
            p.raw("<p>").text(sentence).raw("</p>\n");
        }
        if !w.unreachable.is_empty() {
            list_html(p, &w.unreachable);
        }
    }
}

/// Items as a list in HTML.
fn list_html(p: &mut Page<'_>, items: &[String]) {
    p.raw("<ul class=\"reasons\">\n");
    for item in items {
        p.raw("<li>").text(item).raw("</li>\n");
    }
    p.raw("</ul>\n");
}

/// The portfolio as a self-contained HTML page (`portfolio.html`), in the reports' look.
pub fn html(report: &PortfolioReport, s: &PortfolioSetting<'_>) -> String {
    let w = worded(report, s);
    let mut p = Page::new(Format::Html, s.lang, CAPACITY + STYLE.len());
    p.raw("<!DOCTYPE html>\n<html lang=\"")
        .text(s.lang)
        .raw("\">\n<head>\n<meta charset=\"utf-8\">\n");
    p.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let pack_title = s.manifest.title.get(s.lang, &s.manifest.language);
    p.raw("<title>")
        .text(title(s))
        .raw(": ")
        .text(pack_title)
        .raw("</title>\n<style>\n");
    p.raw(STYLE.strip_suffix('\n').unwrap_or(STYLE));
    p.raw("</style>\n</head>\n<body>\n<main>\n<header>\n<p class=\"kicker\">")
        .text(title(s))
        .raw("</p>\n<h1>")
        .text(pack_title)
        .raw("</h1>\n</header>\n\n<section>\n");
    body_html(&mut p, &w, s.lang, 2);
    p.raw("</section>\n\n<footer>\n<dl class=\"facts\">\n<dt>")
        .text(Words::Pack.text(s.lang))
        .raw("</dt><dd>")
        .text(&s.manifest.id)
        .raw(" ")
        .text(labels::Label::Version.text(s.lang))
        .raw(" ")
        .text(&s.manifest.version)
        .raw("</dd>\n</dl>\n</footer>\n</main>\n</body>\n</html>");
    p.finish()
}

/// The portfolio as a section of the batch overview (`index.html`): an HTML fragment
/// (`<section id="portfolio">…</section>` and a line feed) for the overview to include, with
/// a link to the full page when `page` (its address relative to the overview) is given.
pub fn overview_section(
    report: &PortfolioReport,
    s: &PortfolioSetting<'_>,
    page: Option<&str>,
) -> String {
    let w = worded(report, s);
    let mut p = Page::new(Format::Html, s.lang, CAPACITY);
    p.raw("<section id=\"portfolio\">\n<h2>")
        .text(title(s))
        .raw("</h2>\n");
    body_html(&mut p, &w, s.lang, 3);
    if let Some(page) = page {
        p.raw("<p><a href=\"")
            .text(page)
            .raw("\">")
            .text(Words::MoreInPage.text(s.lang))
            .raw("</a></p>\n");
    }
    p.raw("</section>\n");
    p.finish()
}

/// The portfolio as Markdown (`portfolio.md`).
pub fn markdown(report: &PortfolioReport, s: &PortfolioSetting<'_>) -> String {
    let w = worded(report, s);
    let lang = s.lang;
    let word = |word: Words| word.text(lang);
    let mut p = Page::new(Format::Markdown, lang, CAPACITY);
    let pack_title = s.manifest.title.get(lang, &s.manifest.language);
    p.raw("# ").text(title(s)).raw(": ").text(pack_title);
    p.raw("\n\n").text(&w.rule).raw("\n");
    if let Some(basis) = &w.rule_basis {
        p.raw("\n").text(&basis.text).raw("\n");
    }
    p.raw("\n");
    for sentence in &w.period {
        p.text(sentence).raw("\n");
    }
    if let Some(basis) = &w.portfolio_basis {
        p.raw("\n").text(&basis.text).raw("\n");
    }
    p.raw("\n## ").text(word(Words::Earlier)).raw("\n\n");
    if w.earlier.is_empty() {
        p.text(word(Words::EarlierNone)).raw("\n");
    } else {
        p.raw("| ")
            .text(word(Words::Application))
            .raw(" | ")
            .text(word(Words::Round))
            .raw(" | ")
            .text(word(Words::Granted))
            .raw(" |\n|---|---|---:|\n");
        for [app, round, kr] in &w.earlier {
            p.raw("| ")
                .text(app)
                .raw(" | ")
                .text(round)
                .raw(" | ")
                .text(kr)
                .raw(" |\n");
        }
    }
    p.raw("\n## ").text(word(Words::Goals)).raw("\n\n");
    p.text(&w.line).raw("\n\n");
    if w.goals.is_empty() {
        p.text(word(Words::NoGoals)).raw("\n");
    } else {
        p.raw("| ")
            .text(word(Words::Goal))
            .raw(" | ")
            .text(word(Words::Before))
            .raw(" | ")
            .text(word(Words::UnderLine));
        if w.has_package {
            p.raw(" | ").text(word(Words::UnderPackage));
        }
        p.raw(" |\n|---|---|---|");
        if w.has_package {
            p.raw("---|");
        }
        p.raw("\n");
        for g in &w.goals {
            p.raw("| ")
                .text(&g.title)
                .raw(" | ")
                .text(&g.before.text)
                .raw(" | ")
                .text(&g.line.text);
            if w.has_package {
                let cell = g
                    .package
                    .as_ref()
                    .map_or(word(Words::NotComputed), |c| &c.text);
                p.raw(" | ").text(cell);
            }
            p.raw(" |\n");
        }
        // A table cell holds one line: each goal's basis follows the table.
        let bases: Vec<_> = w.goals.iter().filter(|g| !g.bases.is_empty()).collect();
        if !bases.is_empty() {
            p.raw("\n");
        }
        for g in bases {
            for basis in &g.bases {
                p.raw("- **")
                    .text(&g.title)
                    .raw(":** ")
                    .text(&basis.text)
                    .raw("\n");
            }
        }
        p.raw("\n### ").text(word(Words::WouldMeet)).raw("\n\n");
        if w.would_meet.is_empty() {
            p.text(word(Words::WouldMeetNone)).raw("\n");
        }
        for item in &w.would_meet {
            p.raw("- ").text(item).raw("\n");
        }
    }
    if w.has_package {
        p.raw("\n## ").text(word(Words::Package)).raw("\n");
        for sentence in &w.package {
            p.raw("\n").text(sentence).raw("\n");
        }
        if !w.unreachable.is_empty() {
            p.raw("\n");
        }
        for reason in &w.unreachable {
            p.raw("- ").text(reason).raw("\n");
        }
    }
    p.raw("\n---\n\n")
        .text(word(Words::Pack))
        .raw(": ")
        .text(&s.manifest.id)
        .raw(" ")
        .text(labels::Label::Version.text(lang))
        .raw(" ")
        .text(&s.manifest.version)
        .raw("\n");
    p.finish()
}

/// The portfolio as plain lines for `round show` (no line feeds inside a line; indented by
/// two spaces under a heading): the funding rule, the period, earlier grants, each goal's
/// status before the round, under the ranking and under the package, the applications that
/// would meet an unmet goal, and the package beside the ranking.
pub fn lines(report: &PortfolioReport, s: &PortfolioSetting<'_>) -> Vec<String> {
    let w = worded(report, s);
    let lang = s.lang;
    let word = |word: Words| word.text(lang);
    // Text from packs and applications is shown, never obeyed: no terminal control characters.
    let v = |text: &str| crate::text::visible(text, crate::text::Kind::Text).replace('\n', " ");
    let mut out = vec![v(&w.rule)];
    if let Some(basis) = &w.rule_basis {
        out.push(format!("  {}", v(&basis.text)));
    }
    out.extend(w.period.iter().map(|s| v(s)));
    if w.earlier.is_empty() {
        out.push(v(word(Words::EarlierNone)));
    } else {
        out.push(format!("{}:", word(Words::Earlier)));
        for [app, round, kr] in &w.earlier {
            out.push(format!("  {} · {} · {kr}", v(app), v(round)));
        }
    }
    out.push(v(&w.line));
    if w.goals.is_empty() {
        out.push(v(word(Words::NoGoals)));
    } else {
        out.push(format!("{}:", word(Words::Goals)));
        for g in &w.goals {
            out.push(format!("  {}", v(&g.title)));
            out.push(format!(
                "    {}: {}",
                word(Words::Before),
                v(&g.before.text)
            ));
            out.push(format!(
                "    {}: {}",
                word(Words::UnderLine),
                v(&g.line.text)
            ));
            if w.has_package {
                let cell = g
                    .package
                    .as_ref()
                    .map_or(word(Words::NotComputed), |c| &c.text);
                out.push(format!("    {}: {}", word(Words::UnderPackage), v(cell)));
            }
        }
        if !w.would_meet.is_empty() {
            out.push(format!("{}:", word(Words::WouldMeet)));
            out.extend(w.would_meet.iter().map(|s| format!("  {}", v(s))));
        }
    }
    if w.has_package {
        out.push(format!("{}:", word(Words::Package)));
        out.extend(w.package.iter().map(|s| format!("  {}", v(s))));
        out.extend(w.unreachable.iter().map(|s| format!("  - {}", v(s))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::{Funded, GoalRow};

    /// A pack with two goals (a `cover` over three municipalities, an `at_least` over a flag),
    /// a period, a deadline and the funding rule's basis, as `pack.toml` would give them.
    fn manifest(rule: &str) -> Manifest {
        serde_json::from_value(serde_json::json!({
            "id": "mis", "version": "1.5.0", "title": {"da": "Egnsprogrammet"},
            "language": "da", "currency": "DKK", "budget": 200000,
            "criteria": [{"id": "a", "title": {"da": "A"}, "weight": 1, "max_points": 5,
                          "script": "a.rhai"}],
            "funding": {"rule": rule, "basis": {"kind": "reading",
                "quote": "Midlerne fordeles efter prioriteringen.",
                "why": {"da": "Gruppen følger rangordningen."}}},
            "portfolio": {
                "period": [2024, 2026], "deadline": "2027-12-31",
                "basis": {"kind": "source", "quote": "Ultimo 2027 skal målene være opfyldt."},
                "attributes": [
                    {"id": "kommuner", "title": {"da": "Kommuner"}, "kind": "values",
                     "script": "portfolio/kommuner.rhai"},
                    {"id": "begge", "title": {"da": "Begge"}, "kind": "flag",
                     "script": "portfolio/begge.rhai"}],
                "goals": [
                    {"id": "alle", "title": {"da": "Alle kommuner"}, "attribute": "kommuner",
                     "cover": ["Nordby", "Sydby", "Østby"],
                     "basis": {"kind": "source", "quote": "Alle kommuner skal være part."}},
                    {"id": "begge", "title": {"da": "Idræt og kultur"}, "attribute": "begge",
                     "at_least": 1,
                     "basis": {"kind": "source", "quote": "Min. én med begge."}}]
            }
        }))
        .expect("the test's manifest is valid")
    }

    fn status(met: bool, have: u32, need: u32, missing: &[&str]) -> GoalStatus {
        GoalStatus {
            met,
            have,
            need,
            missing: missing.iter().map(|m| m.to_string()).collect(),
            by: Vec::new(),
        }
    }

    fn funded(id: &str, round: Option<&str>, granted: u64) -> Funded {
        Funded {
            application_id: id.into(),
            round: round.map(Into::into),
            granted,
        }
    }

    /// A round of 200.000 kr.: an earlier grant covered Nordby; the ranking funds A-01 and
    /// A-04 (covering the other two municipalities, 80,5 points); no funded application has
    /// both sport and culture, which A-05 (not funded) has. The package swaps A-04 for A-05:
    /// 24,5 points fewer, and the goal »Idræt og kultur« met.
    fn report(package: Option<PackageOutcome>) -> PortfolioReport {
        let line = Selection {
            funded: vec![funded("A-01", None, 120_000), funded("A-04", None, 80_000)],
            points: "80.5".parse().unwrap(),
            used: 200_000,
        };
        let computed = package.is_some();
        PortfolioReport {
            funding_rule: FundingRuleName::Skip,
            partial_min_share: None,
            period: Some([2024, 2026]),
            deadline: Some("2027-12-31".into()),
            earlier: vec![funded("B-07", Some("2024-1"), 150_000)],
            line,
            package,
            goals: vec![
                GoalRow {
                    id: "alle".into(),
                    title: "Alle kommuner".into(),
                    before: status(false, 1, 3, &["Sydby", "Østby"]),
                    line: status(true, 3, 3, &[]),
                    package: computed.then(|| status(true, 3, 3, &[])),
                    would_meet: Vec::new(),
                },
                GoalRow {
                    id: "begge".into(),
                    title: "Idræt og kultur".into(),
                    before: status(false, 0, 1, &[]),
                    line: status(false, 0, 1, &[]),
                    package: computed.then(|| status(true, 1, 1, &[])),
                    would_meet: vec!["A-05".into(), "A-06".into()],
                },
            ],
        }
    }

    fn found(optimal: bool) -> PackageOutcome {
        PackageOutcome::Found {
            selection: Selection {
                funded: vec![funded("A-01", None, 120_000), funded("A-05", None, 60_000)],
                points: "56".parse().unwrap(),
                used: 180_000,
            },
            optimal,
            bound: "61.5".parse().unwrap(),
            added: vec!["A-05".into()],
            removed: vec!["A-04".into()],
            points_cost: "24.5".parse().unwrap(),
            buys: vec!["begge".into()],
            unreachable: Vec::new(),
            goals_cost: None,
        }
    }

    fn titles() -> BTreeMap<String, String> {
        [("A-05", "Bold og billeder")]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn round_show_lines_give_each_goal_before_under_the_line_and_under_the_package() {
        let m = manifest("skip");
        let titles = titles();
        let s = PortfolioSetting {
            lang: "da",
            manifest: &m,
            budget: 200_000,
            titles: &titles,
        };
        let lines = lines(&report(Some(found(true))), &s);
        let expected = [
            "Finansieringsreglen: rangordningen følges, og en ansøgning, der ikke kan rummes, \
             springes over, så mindre ansøgninger længere nede kan støttes.",
            "  Regelsættets fortolkning: Gruppen følger rangordningen. (Kilden: »Midlerne \
             fordeles efter prioriteringen.«)",
            "Tilsagn fra runderne i 2024–2026 tæller med.",
            "Målene skal være opfyldt senest 31. december 2027.",
            "Tidligere tilsagn i perioden:",
            "  B-07 · 2024-1 · 150.000 kr.",
            "Efter rangordningen støttes A-01 (120.000 kr.) og A-04 (80.000 kr.): 80,5 point i \
             alt, og 200.000 kr. af puljen på 200.000 kr. er bevilget.",
            "Mål for porteføljen:",
            "  Alle kommuner",
            "    Før runden: ikke opfyldt (1 af 3); mangler Sydby og Østby",
            "    Efter rangordningen: ✓ opfyldt (3 af 3)",
            "    Med den bedste pakke: ✓ opfyldt (3 af 3)",
            "  Idræt og kultur",
            "    Før runden: ikke opfyldt (0 af 1)",
            "    Efter rangordningen: ikke opfyldt (0 af 1)",
            "    Med den bedste pakke: ✓ opfyldt (1 af 1)",
            "Ansøgninger uden tilsagn, der ville bidrage til et mål, rangordningen ikke opfylder:",
            "  »Idræt og kultur«: A-05 »Bold og billeder« og A-06",
            "Den bedste pakke inden for puljen:",
            "  Den bedste pakke er de ansøgninger, der tilsammen giver flest point inden for \
             puljen og opfylder de mål, der ikke allerede er opfyldt. Ved lige mange point \
             vælges den, der bruger færrest penge.",
            "  Pakken støtter A-01 (120.000 kr.) og A-05 »Bold og billeder« (60.000 kr.), i alt \
             56 point.",
            "  Støttes i pakken, men ikke efter rangordningen: A-05 »Bold og billeder«.",
            "  Støttes efter rangordningen, men ikke i pakken: A-04.",
            "  Pakken har 24,5 point færre end rangordningen: 56 mod 80,5 point.",
            "  Pakken bevilger 180.000 kr. af puljen på 200.000 kr., mod 200.000 kr. efter \
             rangordningen.",
            "  Pakken opfylder mål, som rangordningen ikke opfylder: »Idræt og kultur«.",
        ];
        assert_eq!(lines, expected);
    }

    fn setting<'a>(
        lang: &'a str,
        m: &'a Manifest,
        titles: &'a BTreeMap<String, String>,
    ) -> PortfolioSetting<'a> {
        PortfolioSetting {
            lang,
            manifest: m,
            budget: 200_000,
            titles,
        }
    }

    #[test]
    fn a_package_stopped_at_the_work_limit_says_so_with_its_bound() {
        let m = manifest("optimal");
        let titles = BTreeMap::new();
        let mut r = report(Some(found(false)));
        r.funding_rule = FundingRuleName::Optimal;
        let lines = lines(&r, &setting("en", &m, &titles));
        assert!(
            lines.contains(
                &"  The computation stopped at the work limit: this is the best package found, \
                  and no package can have more than 61.5 points."
                    .to_string()
            ),
            "{lines:#?}"
        );
        // Under `optimal` the package is the proposal, and the ranking stands beside it.
        assert!(
            lines
                .iter()
                .any(|l| l.contains("the package is what is proposed"))
        );
        assert!(lines[0].starts_with("The funding rule: the combination of applications"));
        // An optimal package says nothing of a work limit.
        let lines = super::lines(&report(Some(found(true))), &setting("en", &m, &titles));
        assert!(
            !lines.iter().any(|l| l.contains("work limit")),
            "{lines:#?}"
        );
    }

    #[test]
    fn no_package_meeting_the_goals_says_why_for_each_goal() {
        let m = manifest("skip");
        let titles = BTreeMap::new();
        let outcome = PackageOutcome::Infeasible {
            reasons: vec![
                Unreachable::NoCandidate {
                    goal: "alle".into(),
                    missing: vec!["Østby".into()],
                    needed: 0,
                    available: 0,
                },
                Unreachable::NoCandidate {
                    goal: "begge".into(),
                    missing: Vec::new(),
                    needed: 2,
                    available: 1,
                },
                Unreachable::TooExpensive {
                    goal: "begge".into(),
                    cheapest: 250_000,
                    budget: 200_000,
                },
                Unreachable::Together {
                    goals: vec!["alle".into(), "begge".into()],
                    cheapest: 260_000,
                    budget: 200_000,
                },
            ],
        };
        let mut r = report(Some(outcome));
        for row in &mut r.goals {
            row.package = None;
        }
        let lines = lines(&r, &setting("sv", &m, &titles));
        let tail: Vec<&str> = lines
            .iter()
            .rev()
            .take(5)
            .rev()
            .map(String::as_str)
            .collect();
        assert_eq!(
            tail,
            [
                "  Inget paket inom budgeten uppfyller målen:",
                "  - ”Alle kommuner”: ingen av omgångens placerade ansökningar nämner Østby.",
                "  - ”Idræt og kultur”: det behövs 2 till, och endast 1 av omgångens placerade \
                 ansökningar räknas med.",
                "  - ”Idræt og kultur”: de billigaste ansökningarna som tillsammans uppfyller \
                 målet söker 250\u{a0}000 kr; budgeten på 200\u{a0}000 kr räcker inte till.",
                "  - ”Alle kommuner” och ”Idræt og kultur”: varje mål kan nås ensamt, men de \
                 billigaste ansökningarna som tillsammans uppfyller alla söker 260\u{a0}000 kr; \
                 budgeten på 200\u{a0}000 kr räcker inte till.",
            ]
        );
        // The package's column shows that no package stands there.
        assert!(
            lines.contains(&"    Med det bästa paketet: –".to_string()),
            "{lines:#?}"
        );
    }

    #[test]
    fn without_a_package_the_page_has_no_package_column_or_section() {
        let m = manifest("skip");
        let titles = BTreeMap::new();
        let s = setting("da", &m, &titles);
        let page = markdown(&report(None), &s);
        assert!(page.contains("| Mål | Før runden | Efter rangordningen |\n|---|---|---|\n"));
        assert!(!page.contains("Med den bedste pakke") && !page.contains("## Den bedste pakke"));
        let page = markdown(&report(Some(found(true))), &s);
        assert!(page.contains(
            "| Mål | Før runden | Efter rangordningen | Med den bedste pakke |\n|---|---|---|---|\n\
             | Alle kommuner | ikke opfyldt (1 af 3); mangler Sydby og Østby | ✓ opfyldt \
             (3 af 3) | ✓ opfyldt (3 af 3) |\n"
        ), "{page}");
        assert!(
            page.contains("\n## Den bedste pakke inden for puljen\n"),
            "{page}"
        );
        // The goal's basis follows the table, and the deadline reads as a date.
        assert!(page.contains("- **Alle kommuner:** Kilden: »Alle kommuner skal være part.«\n"));
        assert!(page.contains("Målene skal være opfyldt senest 31. december 2027."));
    }

    #[test]
    fn the_page_and_the_overview_section_colour_each_status_and_link_the_page() {
        let m = manifest("skip");
        let titles = titles();
        let s = setting("da", &m, &titles);
        let r = report(Some(found(true)));
        let page = html(&r, &s);
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"da\">"));
        assert!(
            page.contains(
                "<td class=\"state-not-met goal-state\" data-label=\"Efter rangordningen\">ikke opfyldt (0 af \
             1)</td><td class=\"state-met goal-state\" data-label=\"Med den bedste pakke\">✓ opfyldt (1 af \
             1)</td>"
            ),
            "{page}"
        );
        assert!(page.contains("<h2>Den bedste pakke inden for puljen</h2>"));
        let section = overview_section(&r, &s, Some("portfolio.html"));
        assert!(section.starts_with(
            "<section id=\"portfolio\">\n<h2>Porteføljemål og finansieringsregel</h2>\n"
        ));
        assert!(
            section
                .ends_with("<p><a href=\"portfolio.html\">Hele opgørelsen</a></p>\n</section>\n")
        );
        assert!(section.contains("<h3>Den bedste pakke inden for puljen</h3>"));
        assert!(!section.contains("<html") && !section.contains("<style>"));
        assert!(!overview_section(&r, &s, None).contains("<a href"));
    }

    #[test]
    fn every_text_from_a_pack_or_an_application_is_escaped() {
        let hostile = "<i>\u{1b}";
        let m = manifest("skip");
        let titles: BTreeMap<String, String> = [("A-05".to_string(), hostile.to_string())].into();
        let mut r = report(Some(found(true)));
        r.goals[0].title = hostile.into();
        r.goals[0].before.missing = vec![hostile.into()];
        r.earlier[0].round = Some(hostile.into());
        let s = setting("da", &m, &titles);
        for page in [html(&r, &s), overview_section(&r, &s, Some(hostile))] {
            assert!(!page.contains("<i>") && !page.contains('\u{1b}'), "{page}");
            assert!(page.contains("&lt;i&gt;&lt;U+001B&gt;"), "{page}");
        }
        let page = markdown(&r, &s);
        assert!(!page.contains("<i>") && !page.contains('\u{1b}'), "{page}");
        assert!(page.contains("\\<i\\>\\<U+001B\\>"), "{page}");
        let lines = lines(&r, &s);
        assert!(lines.iter().all(|l| !l.contains('\u{1b}')), "{lines:#?}");
        assert!(
            lines.iter().any(|l| l.contains("<i><U+001B>")),
            "{lines:#?}"
        );
    }

    #[test]
    fn every_language_fills_the_same_placeholders() {
        assert_eq!(Words::placeholders_differ(), Vec::<&str>::new());
    }
}
