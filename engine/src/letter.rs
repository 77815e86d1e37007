//! Decision letters: the group's decision on one application, with the reasons forvaltningsloven
//! §§ 22–25 require — the legal basis (the pack's source and each rule with its quoted basis,
//! the source's own rule told apart from the pack's reading), the main considerations (the
//! criteria in priority order with their weights and the pack's reason for each weight), the
//! decisive facts (the reasons per gate and criterion), and for a refusal within the budget
//! where the funding line fell and what would have changed the outcome; the group's reason where
//! it departed from the recommendation; the conditions of a grant and the klagevejledning.
//!
//! A letter is first a [`LetterView`]: plain data, every sentence already written in the
//! letter's language, in sections of blocks (paragraphs, lists, tables). HTML and
//! Markdown are laid out from it (`report::letter`), and the PDF from its JSON, so the three
//! say the same. Pure: the caller reads the register and the pack; nothing here reads files or
//! the clock (the letter's only date is the decision's). Under a pack with reviewed criteria,
//! and whenever members stood aside from the decision, a section says who assessed the
//! application and who stood aside, and why (`reviewers`); later paragraphs (the portfolio's
//! funding rule) are further [`Section`]s.

pub mod line;
pub mod words;

use serde::Serialize;

use crate::application::Application;
use crate::decimal::Decimal;
use crate::decision::{Decision, Recommendation};
use crate::labels::{self, Label};
use crate::manifest::{Basis, Calibration, LongText};
use crate::pack::RulePack;
use crate::portfolio::FundingRuleName;
use crate::report::BasisLine;
pub use line::{Change, Grant, Line};
pub use words::Words;

/// A letter, ready to lay out: the shape of the JSON the PDF template reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterView {
    /// The letter's language: `da`, `en` or `sv`.
    pub lang: String,
    /// The decision's date, `YYYY-MM-DD`: the letter's only date.
    pub date: String,
    /// The fixed words of the layout (date, case number, page, appendix).
    pub labels: LayoutLabels,
    /// The date as running text: `14. marts 2025`.
    pub date_text: String,
    /// The case (journal) number, from the pack's pattern.
    pub case_number: String,
    /// The sender's lines: the deciding body and its address.
    pub sender: Vec<String>,
    /// The recipient's lines: the applicant, the organisation, the e-mail address.
    pub recipient: Vec<String>,
    /// The letter's title: `Afslag på ansøgning om tilskud til »…«`.
    pub title: String,
    /// The body, in order.
    pub sections: Vec<Section>,
    /// The closing lines (an empty string is an empty line).
    pub signature: Vec<String>,
    /// The appendix: the scoring table and what makes the assessment traceable.
    pub appendix: Vec<Section>,
    /// Which kind of letter it is, for the caller's index.
    #[serde(skip)]
    pub kind: Kind,
}

/// The fixed words of a letter's layout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayoutLabels {
    pub date: String,
    pub case: String,
    pub page: String,
    pub of: String,
    pub appendix: String,
}

/// A part of a letter under a heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// A block of a section. All text is plain: layouts escape it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// A paragraph; `\n` breaks a line.
    Paragraph(String),
    /// A list of items.
    List(Vec<String>),
    /// A table; every row has as many cells as the header.
    Table(Table),
}

/// A table of a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    pub header: Vec<String>,
    /// `left` or `right`, per column.
    pub align: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

/// The three kinds of letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// *Tilsagn*: the amount applied for.
    #[default]
    Grant,
    /// *Delvist tilsagn*: less than applied for.
    PartialGrant,
    /// *Afslag*.
    Refusal,
}

/// The group's decision a letter is about, as the register keeps it.
#[derive(Debug, Clone)]
pub struct GroupDecision<'a> {
    /// kr. granted; `None` for a refusal.
    pub granted: Option<u64>,
    /// The meeting's date.
    pub decided_on: (i32, u8, u8),
    /// The group's recorded reason, if any.
    pub reason: Option<&'a str>,
    /// What kriterium recommended (`fund`, `reserve`, `below_threshold`, `ineligible`).
    pub recommendation: Option<Recommendation>,
    /// kr. the recommendation would have granted.
    pub recommended_amount: u64,
    /// The decision this one replaces, when it was changed: its date and the kr. it granted
    /// (`None` for a refusal).
    pub replaces: Option<(&'a str, Option<u64>)>,
    /// Members recorded as having stood aside from the decision (conflict of interest), sorted.
    pub abstained: &'a [String],
}

/// The round a decision was made in.
#[derive(Debug, Clone)]
pub struct RoundFacts<'a> {
    pub id: &'a str,
    pub year: i64,
    /// kr. the round had.
    pub budget: u64,
    /// The group's current grants in the round (this application's too, if granted).
    pub grants: &'a [Grant],
}

/// Everything a letter is written from.
#[derive(Debug, Clone)]
pub struct LetterInput<'a> {
    /// The round's pack (its snapshot in the register).
    pub pack: &'a RulePack,
    pub lang: &'a str,
    pub round: RoundFacts<'a>,
    pub application: &'a Application,
    /// The application's stored assessment.
    pub assessment: &'a Decision,
    /// kr. requested.
    pub requested: u64,
    /// Its place in the round's ranking (`None` when not ranked: ineligible or below a
    /// minimum).
    pub rank: Option<u64>,
    pub decision: GroupDecision<'a>,
    /// Members who stood aside from the application although the assessment's reviews held a
    /// review of it by them (entered before their conflict was known): they did score it, and
    /// the score was set aside, not counted. The letter says so rather than "did not assess".
    pub set_aside: &'a [String],
}

/// Why no letter can be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LetterError {
    /// The pack has no `[letter]` section.
    NoLetterWords,
    /// The decision's date is not a date.
    BadDate(String),
}

/// Writes the letter.
///
/// # Errors
/// [`LetterError::NoLetterWords`] when the pack has no `[letter]`; [`LetterError::BadDate`]
/// when the decision's date is not one (the register refuses such dates, so only a register
/// written by something else can hold one).
pub fn letter(input: &LetterInput<'_>) -> Result<LetterView, LetterError> {
    let pack = input.pack;
    let manifest = &pack.manifest;
    let spec = manifest.letter.as_ref().ok_or(LetterError::NoLetterWords)?;
    let w = Writer {
        lang: input.lang,
        fallback: &manifest.language,
        currency: &manifest.currency,
    };
    let (y, m, d) = input.decision.decided_on;
    let date_text = words::date_text(y, m, d, w.lang)
        .ok_or_else(|| LetterError::BadDate(format!("{y:04}-{m:02}-{d:02}")))?;
    let a = input.assessment;
    let kind = match input.decision.granted {
        Some(amount) if amount >= input.requested => Kind::Grant,
        Some(_) => Kind::PartialGrant,
        None => Kind::Refusal,
    };
    let title = w.fill(
        match kind {
            Kind::Grant => Words::TitleGrant,
            Kind::PartialGrant => Words::TitlePartial,
            Kind::Refusal => Words::TitleRefusal,
        },
        &[("title", &a.title)],
    );
    let case_number = spec
        .case_number
        .replace("{round}", input.round.id)
        .replace("{application}", &a.application_id)
        .replace("{year}", &input.round.year.to_string());

    let mut sections = vec![decision_section(input, &w, kind, &date_text)];
    sections.push(Section {
        heading: w.word(Words::LegalBasis),
        blocks: legal_basis(input, &w, &spec.legal_basis),
    });
    sections.push(Section {
        heading: w.word(Words::MainConsiderations),
        blocks: main_considerations(input, &w),
    });
    sections.push(Section {
        heading: w.word(Words::DecisiveFacts),
        blocks: decisive_facts(input, &w),
    });
    if let Some(section) = reviewers(input, &w) {
        sections.push(section);
    }
    // Not for an application awaiting review (`decide` refuses to decide one): no ranking
    // reached it.
    if kind == Kind::Refusal
        && a.eligible
        && a.recommendation != Some(Recommendation::BelowThreshold)
        && a.recommendation != Some(Recommendation::AwaitingReview)
    {
        // Under `optimal` the best package, not a line down the ranking, decided the round.
        let section = if funding_rule(input) == FundingRuleName::Optimal {
            Section {
                heading: w.word(Words::BestPackage),
                blocks: best_package(input, &w),
            }
        } else {
            Section {
                heading: w.word(Words::FundingLine),
                blocks: funding_line(input, &w),
            }
        };
        sections.push(section);
    }
    if let Some(section) = departure(input, &w) {
        sections.push(section);
    }
    if kind != Kind::Refusal {
        sections.push(Section {
            heading: w.word(Words::Conditions),
            blocks: paragraphs(w.long(&spec.conditions)),
        });
    }
    sections.push(Section {
        heading: w.word(Words::Complaints),
        blocks: paragraphs(w.long(&spec.complaints)),
    });

    Ok(LetterView {
        lang: w.lang.to_string(),
        date: format!("{y:04}-{m:02}-{d:02}"),
        labels: LayoutLabels {
            date: w.word(Words::Date),
            case: w.word(Words::Case),
            page: w.word(Words::Page),
            of: w.word(Words::PageOf),
            appendix: w.word(Words::Appendix),
        },
        date_text,
        case_number,
        sender: lines(w.long(&spec.sender)),
        recipient: recipient(input.application),
        title,
        sections,
        signature: lines(w.long(&spec.signature)),
        appendix: appendix(input, &w),
        kind,
    })
}

/// Writes the fixed words and numbers in the letter's language.
struct Writer<'a> {
    lang: &'a str,
    /// The pack's language, for a pack text without the letter's language.
    fallback: &'a str,
    currency: &'a str,
}

impl Writer<'_> {
    fn word(&self, word: Words) -> String {
        word.text(self.lang).to_string()
    }

    fn fill(&self, word: Words, values: &[(&str, &str)]) -> String {
        word.fill(self.lang, values)
    }

    fn kr(&self, amount: u64) -> String {
        labels::amount(amount, self.currency, self.lang)
    }

    fn number(&self, d: Decimal) -> String {
        labels::number(d, self.lang)
    }

    fn long<'t>(&self, text: &'t LongText) -> &'t str {
        text.get(self.lang, self.fallback)
    }

    fn text<'t>(&self, text: &'t crate::manifest::Text) -> &'t str {
        text.get(self.lang, self.fallback)
    }
}

/// `YYYY-MM-DD` as numbers.
pub fn ymd(text: &str) -> Option<(i32, u8, u8)> {
    let mut parts = text.splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    Some((year, month, day))
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(|l| l.trim_end().to_string()).collect()
}

/// Paragraphs of a pack text: blank lines separate them.
fn paragraphs(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Block::Paragraph(p.to_string()))
        .collect()
}

fn recipient(app: &Application) -> Vec<String> {
    let mut lines = vec![app.applicant.name.clone()];
    if let Some(role) = &app.applicant.role {
        lines[0] = format!("{}, {role}", app.applicant.name);
    }
    lines.push(app.organisation.name.clone());
    lines.push(app.applicant.email.clone());
    lines
}

fn decision_section(input: &LetterInput<'_>, w: &Writer<'_>, kind: Kind, date: &str) -> Section {
    let a = input.assessment;
    let manifest = &input.pack.manifest;
    let requested = w.kr(input.requested);
    let mut blocks = vec![Block::Paragraph(w.fill(
        Words::Applied,
        &[
            ("programme", w.text(&manifest.title)),
            ("requested", &requested),
            ("title", &a.title),
            ("id", &a.application_id),
            ("round", input.round.id),
        ],
    ))];
    let granted = input.decision.granted.unwrap_or(0);
    blocks.push(Block::Paragraph(match kind {
        Kind::Grant => w.fill(
            Words::DecidedGrant,
            &[("date", date), ("amount", &w.kr(granted))],
        ),
        Kind::PartialGrant => w.fill(
            Words::DecidedPartial,
            &[
                ("date", date),
                ("amount", &w.kr(granted)),
                ("requested", &requested),
                ("refused", &w.kr(input.requested.saturating_sub(granted))),
            ],
        ),
        Kind::Refusal => w.fill(
            Words::DecidedRefusal,
            &[("date", date), ("requested", &requested)],
        ),
    }));
    if let Some((date, earlier)) = input.decision.replaces {
        let earlier = match earlier {
            Some(amount) => w.fill(Words::EarlierGrant, &[("amount", &w.kr(amount))]),
            None => w.word(Words::EarlierRefusal),
        };
        let date = ymd(date)
            .and_then(|(y, m, d)| words::date_text(y, m, d, w.lang))
            .unwrap_or_else(|| date.to_string());
        blocks.push(Block::Paragraph(
            w.fill(Words::Replaces, &[("date", &date), ("earlier", &earlier)]),
        ));
    }
    // Why, first, in one or two sentences: the details follow under the headings.
    if kind == Kind::Refusal {
        blocks.extend(refusal_summary(input, w));
    }
    Section {
        heading: w.word(Words::Decision),
        blocks,
    }
}

/// The short why of a refusal for an ineligible application or one below a minimum.
fn refusal_summary(input: &LetterInput<'_>, w: &Writer<'_>) -> Vec<Block> {
    let a = input.assessment;
    let mut blocks = Vec::new();
    if !a.eligible {
        let failed: Vec<String> = a
            .gates
            .iter()
            .filter(|g| !g.passed)
            .map(|g| format!("»{}«", g.title))
            .collect();
        blocks.push(Block::Paragraph(w.fill(
            if failed.len() == 1 {
                Words::IneligibleOne
            } else {
                Words::IneligibleMany
            },
            &[
                ("count", &failed.len().to_string()),
                ("gates", &failed.join(", ")),
            ],
        )));
        blocks.push(Block::Paragraph(w.word(Words::PointsNotUsed)));
    } else if a.recommendation == Some(Recommendation::BelowThreshold) {
        for c in &a.criteria {
            if let Some(min) = c.min_points.filter(|min| c.points < *min) {
                blocks.push(Block::Paragraph(w.fill(
                    Words::BelowMinimumWhy,
                    &[
                        ("points", &w.number(c.points)),
                        ("title", &c.title),
                        ("min", &w.number(min)),
                    ],
                )));
            }
        }
        if let Some(threshold) = input.pack.manifest.threshold.filter(|t| a.total < *t) {
            blocks.push(Block::Paragraph(w.fill(
                Words::BelowThresholdWhy,
                &[("total", &w.number(a.total)), ("min", &w.number(threshold))],
            )));
        }
    }
    blocks
}

/// A rule and where it comes from, as one item: `Adgangskrav: … — Kommissoriet: »…«`, in the
/// words reports use for a basis ([`BasisLine`]), so a letter and a report never say it apart.
fn rule_item(pack: &RulePack, w: &Writer<'_>, rule: String, basis: Option<&Basis>) -> String {
    let basis = basis.map_or_else(
        || w.word(Words::NoBasis),
        |b| BasisLine::of(b, &pack.manifest, w.lang).text,
    );
    format!("{rule}. {basis}")
}

fn legal_basis(input: &LetterInput<'_>, w: &Writer<'_>, legal: &LongText) -> Vec<Block> {
    let pack = input.pack;
    let manifest = &pack.manifest;
    let mut blocks = paragraphs(w.long(legal));
    blocks.push(Block::Paragraph(w.word(Words::RulesApplied)));
    let mut rules = Vec::new();
    for gate in &manifest.gates {
        let rule = w.fill(Words::GateRule, &[("title", w.text(&gate.title))]);
        rules.push(rule_item(pack, w, rule, gate.basis.as_ref()));
    }
    for (i, c) in manifest.criteria.iter().enumerate() {
        let rule = w.fill(
            Words::CriterionRule,
            &[("n", &(i + 1).to_string()), ("title", w.text(&c.title))],
        );
        rules.push(rule_item(pack, w, rule, c.basis.as_ref()));
        if let Some(min) = c.min_points {
            let rule = w.fill(
                Words::MinimumRule,
                &[("min", &w.number(min)), ("title", w.text(&c.title))],
            );
            rules.push(rule_item(pack, w, rule, c.min_points_basis.as_ref()));
        }
        if let Some((limit, review)) = c.review.as_ref().and_then(|r| Some((r.disagreement?, r))) {
            let rule = w.fill(
                Words::DisagreementRule,
                &[("title", w.text(&c.title)), ("limit", &limit.to_string())],
            );
            rules.push(rule_item(pack, w, rule, review.disagreement_basis.as_ref()));
        }
    }
    // How reviewers' scores count, for a pack with reviewed criteria.
    if let Some(reviews) = manifest
        .reviews
        .as_ref()
        .filter(|_| manifest.criteria.iter().any(|c| c.review.is_some()))
    {
        let rule = w.word(match reviews.calibration {
            Calibration::Offset => Words::CalibrationRule,
            Calibration::None => Words::NoCalibrationRule,
        });
        rules.push(rule_item(pack, w, rule, reviews.calibration_basis.as_ref()));
    }
    if let Some(threshold) = manifest.threshold {
        let rule = w.fill(Words::ThresholdRule, &[("min", &w.number(threshold))]);
        rules.push(rule_item(pack, w, rule, manifest.threshold_basis.as_ref()));
    }
    blocks.push(Block::List(rules));
    blocks
}

/// The funding rule the round was run with: as the assessment's batch recorded it, else (an
/// assessment made outside a batch) the pack's.
fn funding_rule(input: &LetterInput<'_>) -> FundingRuleName {
    input.assessment.batch.as_ref().map_or_else(
        || input.pack.manifest.funding_rule().name(),
        |b| b.funding_rule,
    )
}

fn main_considerations(input: &LetterInput<'_>, w: &Writer<'_>) -> Vec<Block> {
    let pack = input.pack;
    let manifest = &pack.manifest;
    let max = manifest
        .max_total()
        .map_or_else(String::new, |m| w.number(m));
    // "The higher the priority, the greater the weight" only where the weights say so.
    let falling = manifest
        .criteria
        .windows(2)
        .all(|pair| pair[0].weight >= pair[1].weight);
    let mut blocks = vec![Block::Paragraph(w.fill(
        if falling {
            Words::CriteriaIntro
        } else {
            Words::CriteriaIntroOwnWeights
        },
        &[("n", &manifest.criteria.len().to_string()), ("max", &max)],
    ))];
    let items = manifest
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let max = c.max_weighted().map_or_else(String::new, |m| w.number(m));
            let mut item = w.fill(
                Words::CriterionWeight,
                &[
                    ("n", &(i + 1).to_string()),
                    ("title", w.text(&c.title)),
                    ("weight", &w.number(c.weight)),
                    ("max", &max),
                ],
            );
            if let Some(why) = c.weight_basis.as_ref().and_then(|b| b.why.as_ref()) {
                item.push(' ');
                item.push_str(&w.fill(Words::WeightWhy, &[("why", w.long(why))]));
            }
            item
        })
        .collect();
    blocks.push(Block::List(items));
    // How the ranking became grants, with why the group chose that rule, in the reports' words.
    let rule = funding_rule(input);
    let min_share = manifest
        .funding
        .as_ref()
        .filter(|f| f.rule == FundingRuleName::Partial)
        .and_then(|f| f.partial_min_share);
    let mut sentence = labels::Sentence::funding_rule(rule, min_share, w.lang);
    if let Some(basis) = manifest.funding.as_ref().and_then(|f| f.basis.as_ref()) {
        sentence.push(' ');
        sentence.push_str(&labels::full_stop(
            &BasisLine::of(basis, manifest, w.lang).text,
        ));
    }
    blocks.push(Block::Paragraph(sentence));
    blocks
}

/// Why a refused application was not granted under `optimal`: the round's grants are the best
/// package, and this application is not in it (the line's "what would have changed" does not
/// apply: no single amount or total decides membership of a package).
fn best_package(input: &LetterInput<'_>, w: &Writer<'_>) -> Vec<Block> {
    let a = input.assessment;
    let line = Line::of(input.round.grants, input.round.budget);
    vec![
        Block::Paragraph(w.fill(
            Words::PackageGrants,
            &[
                ("count", &line.count.to_string()),
                ("granted", &w.kr(line.granted)),
                ("budget", &w.kr(line.budget)),
                ("left", &w.kr(line.left)),
            ],
        )),
        // The package is the recommendation: one the package funds was refused by the group,
        // not left out of the package.
        Block::Paragraph(w.fill(
            if input.decision.recommendation == Some(crate::decision::Recommendation::Fund) {
                Words::InPackageRefused
            } else {
                Words::NotInPackage
            },
            &[
                ("total", &w.number(a.total)),
                ("requested", &w.kr(input.requested)),
            ],
        )),
    ]
}

fn decisive_facts(input: &LetterInput<'_>, w: &Writer<'_>) -> Vec<Block> {
    let a = input.assessment;
    let mut items: Vec<String> = a
        .gates
        .iter()
        .map(|g| {
            w.fill(
                if g.passed {
                    Words::GateMet
                } else {
                    Words::GateNotMet
                },
                &[("title", &g.title), ("reason", &g.reason)],
            )
        })
        .collect();
    // An ineligible application's points decided nothing: they stay in the appendix.
    if a.eligible {
        items.extend(a.criteria.iter().map(|c| {
            w.fill(
                Words::CriterionFact,
                &[
                    ("title", &c.title),
                    ("points", &w.number(c.points)),
                    ("max", &w.number(c.max_points)),
                    ("reasons", &c.reasons.join(" ")),
                ],
            )
        }));
    }
    let mut blocks = vec![
        Block::Paragraph(w.word(Words::FactsIntro)),
        Block::List(items),
    ];
    if a.eligible {
        blocks.push(Block::Paragraph(w.fill(
            Words::TotalFact,
            &[
                ("total", &w.number(a.total)),
                ("max", &w.number(a.max_total)),
            ],
        )));
    }
    blocks
}

/// Who assessed the application and who stood aside: the reviewers whose scores counted, each
/// reviewed criterion with its scale and its reasons (which state how the scores were combined),
/// disagreement and calibration, the members with a conflict of interest and why, and the
/// members who stood aside from the decision. `None` for a pack without reviewed criteria when
/// no member stood aside from the decision.
fn reviewers(input: &LetterInput<'_>, w: &Writer<'_>) -> Option<Section> {
    let a = input.assessment;
    let abstained = input.decision.abstained;
    if a.reviews.is_none() && abstained.is_empty() {
        return None;
    }
    let manifest = &input.pack.manifest;
    let mut blocks = Vec::new();
    if let Some(reviews) = &a.reviews {
        if !reviews.assessed_by.is_empty() {
            let names: Vec<&str> = reviews.assessed_by.iter().map(String::as_str).collect();
            blocks.push(Block::Paragraph(w.fill(
                Words::AssessedBy,
                &[("reviewers", &labels::list(&names, w.lang))],
            )));
        }
        let mut items = Vec::new();
        let mut calibrated = false;
        for c in &a.criteria {
            let Some(review) = c.review.as_ref().filter(|r| !r.awaiting()) else {
                continue;
            };
            let Some(spec) = manifest
                .criteria
                .iter()
                .find(|s| s.id == c.id)
                .and_then(|s| s.review.as_ref())
            else {
                continue;
            };
            calibrated |= review.scores.iter().any(|s| s.calibrated.is_some());
            let count = match review.scores.len() {
                1 => w.word(Words::OneReviewer),
                n => w.fill(Words::ManyReviewers, &[("n", &n.to_string())]),
            };
            let mut item = w.fill(
                Words::ReviewedCriterion,
                &[
                    ("title", &c.title),
                    ("count", &count),
                    ("min", &spec.min.to_string()),
                    ("max", &spec.max.to_string()),
                    ("reasons", &c.reasons.join(" ")),
                ],
            );
            if let (true, Some(spread), Some(limit)) =
                (review.disagreement, review.spread, spec.disagreement)
            {
                item.push(' ');
                item.push_str(&w.fill(
                    Words::ReviewsDisagree,
                    &[
                        ("spread", &spread.to_string()),
                        ("limit", &limit.to_string()),
                    ],
                ));
            }
            items.push(item.trim_end().to_string());
        }
        if !items.is_empty() {
            blocks.push(Block::List(items));
        }
        if calibrated {
            blocks.push(Block::Paragraph(w.word(Words::CalibratedNote)));
        }
        if !reviews.stood_aside.is_empty() {
            // `decide` records them as abstained too: then the one list says both, and the
            // sentence on the decision below names only the others.
            let both = stood_and_abstained(input);
            // A member whose review was set aside did score the application: "did not assess"
            // would be untrue of them.
            let (scored, not_scored): (Vec<_>, Vec<_>) = reviews
                .stood_aside
                .iter()
                .partition(|s| input.set_aside.contains(&s.member));
            let groups = [
                (
                    not_scored,
                    Words::StoodAsideAndAbstainedIntro,
                    Words::StoodAsideIntro,
                ),
                (
                    scored,
                    Words::SetAsideAndAbstainedIntro,
                    Words::SetAsideIntro,
                ),
            ];
            for (members, and_abstained, alone) in groups {
                if members.is_empty() {
                    continue;
                }
                blocks.push(Block::Paragraph(w.word(if both {
                    and_abstained
                } else {
                    alone
                })));
                blocks.push(Block::List(
                    members
                        .iter()
                        .map(|s| labels::full_stop(&s.text(w.lang)))
                        .collect(),
                ));
            }
        }
    }
    let stood: Vec<&str> = match &a.reviews {
        Some(reviews) if stood_and_abstained(input) => reviews
            .stood_aside
            .iter()
            .map(|s| s.member.as_str())
            .collect(),
        _ => Vec::new(),
    };
    let names: Vec<&str> = abstained
        .iter()
        .map(String::as_str)
        .filter(|n| !stood.contains(n))
        .collect();
    if !names.is_empty() {
        blocks.push(Block::Paragraph(w.fill(
            Words::Abstained,
            &[("members", &labels::list(&names, w.lang))],
        )));
    }
    (!blocks.is_empty()).then(|| Section {
        heading: w.word(Words::Reviewers),
        blocks,
    })
}

/// Whether every member who stood aside from the assessment also stood aside from the decision
/// (as `decide` records since it adds them): the letter then says so once, in one list.
fn stood_and_abstained(input: &LetterInput<'_>) -> bool {
    input.assessment.reviews.as_ref().is_some_and(|reviews| {
        !reviews.stood_aside.is_empty()
            && reviews
                .stood_aside
                .iter()
                .all(|s| input.decision.abstained.contains(&s.member))
    })
}

fn funding_line(input: &LetterInput<'_>, w: &Writer<'_>) -> Vec<Block> {
    let a = input.assessment;
    let round = &input.round;
    let line = Line::of(round.grants, round.budget);
    let mut blocks = Vec::new();
    match line.lowest {
        Some(lowest) => blocks.push(Block::Paragraph(w.fill(
            Words::LineGrants,
            &[
                ("count", &line.count.to_string()),
                ("granted", &w.kr(line.granted)),
                ("budget", &w.kr(line.budget)),
                ("left", &w.kr(line.left)),
                ("line", &w.number(lowest)),
                ("total", &w.number(a.total)),
            ],
        ))),
        None if line.count == 0 => blocks.push(Block::Paragraph(
            w.fill(Words::LineNoGrants, &[("budget", &w.kr(line.budget))]),
        )),
        None => blocks.push(Block::Paragraph(w.fill(
            Words::LineNoRankedGrants,
            &[
                ("count", &line.count.to_string()),
                ("granted", &w.kr(line.granted)),
                ("budget", &w.kr(line.budget)),
                ("left", &w.kr(line.left)),
            ],
        ))),
    }
    if line.outside > 0 {
        blocks.push(Block::Paragraph(
            w.fill(Words::LineOutside, &[("count", &line.outside.to_string())]),
        ));
    }
    // The criterion that cost most weighted points (the first in priority order on a tie).
    let lost = a
        .criteria
        .iter()
        .filter_map(|c| {
            let max = c.max_points.checked_mul(c.weight)?;
            Some((max.checked_sub(c.weighted)?, max, c))
        })
        .fold(
            None,
            |best: Option<(Decimal, Decimal, _)>, next| match best {
                Some(b) if b.0 >= next.0 => Some(b),
                _ => Some(next),
            },
        );
    if let Some((lost, max, c)) = lost
        && lost > Decimal::ZERO
    {
        blocks.push(Block::Paragraph(w.fill(
            Words::MostCost,
            &[
                ("title", &c.title),
                ("weighted", &w.number(c.weighted)),
                ("max", &w.number(max)),
            ],
        )));
    }
    let Some(rank) = input.rank else {
        return blocks;
    };
    let change = line::what_would_change(
        round.grants,
        round.budget,
        rank,
        a.total,
        a.max_total,
        input.requested,
    );
    let sentence = match change {
        Change::Both { points, line, left } if points == Decimal::ZERO => w.fill(
            Words::WouldChangeTieBoth,
            &[("line", &w.number(line)), ("left", &w.kr(left))],
        ),
        Change::Both { points, line, left } => w.fill(
            Words::WouldChangeBoth,
            &[
                ("points", &w.number(points)),
                ("line", &w.number(line)),
                ("left", &w.kr(left)),
            ],
        ),
        Change::Points { points, line } if points == Decimal::ZERO => {
            w.fill(Words::WouldChangeTiePoints, &[("line", &w.number(line))])
        }
        Change::Points { points, line } => w.fill(
            Words::WouldChangePoints,
            &[("points", &w.number(points)), ("line", &w.number(line))],
        ),
        Change::Amount { left } => w.fill(Words::WouldChangeAmount, &[("left", &w.kr(left))]),
        Change::Nothing => w.word(Words::WouldChangeNothing),
        Change::Fits { left } => w.fill(Words::RefusedThoughItFitted, &[("left", &w.kr(left))]),
    };
    blocks.push(Block::Paragraph(sentence));
    blocks
}

fn departure(input: &LetterInput<'_>, w: &Writer<'_>) -> Option<Section> {
    let decision = &input.decision;
    let reason = decision.reason?;
    let mut blocks = Vec::new();
    // A recommendation the register names in words this version does not know departs from
    // any grant, as `decide` had it.
    let differs = decision
        .recommendation
        .map_or(decision.granted.is_some(), |r| {
            r.departs(decision.recommended_amount, decision.granted)
        });
    if differs {
        let recommendation = decision.recommendation.map_or_else(String::new, |r| {
            Label::recommendation_with_amount(r, decision.recommended_amount, w.currency, w.lang)
        });
        blocks.push(Block::Paragraph(
            w.fill(Words::DepartureWhy, &[("recommendation", &recommendation)]),
        ));
    }
    blocks.push(Block::Paragraph(reason.to_string()));
    Some(Section {
        heading: w.word(if differs {
            Words::Departure
        } else {
            Words::Reasons
        }),
        blocks,
    })
}

fn appendix(input: &LetterInput<'_>, w: &Writer<'_>) -> Vec<Section> {
    let a = input.assessment;
    let mut rows: Vec<Vec<String>> = a
        .criteria
        .iter()
        .map(|c| {
            vec![
                c.priority.to_string(),
                c.title.clone(),
                format!(
                    "{} {} {}",
                    w.number(c.points),
                    Label::Of.text(w.lang),
                    w.number(c.max_points)
                ),
                w.number(c.weight),
                w.number(c.weighted),
            ]
        })
        .collect();
    rows.push(vec![
        String::new(),
        w.word(Words::TotalRow),
        String::new(),
        String::new(),
        format!(
            "{} {} {}",
            w.number(a.total),
            Label::Of.text(w.lang),
            w.number(a.max_total)
        ),
    ]);
    let table = Table {
        header: vec![
            w.word(Words::ColumnNumber),
            w.word(Words::ColumnCriterion),
            w.word(Words::ColumnPoints),
            w.word(Words::ColumnWeight),
            w.word(Words::ColumnWeighted),
        ],
        align: vec!["right", "left", "right", "right", "right"],
        rows,
    };
    let mut scoring = vec![Block::Paragraph(w.word(Words::ScoringIntro))];
    if !a.eligible {
        scoring.push(Block::Paragraph(w.word(Words::PointsNotUsed)));
    }
    scoring.push(Block::Table(table));
    vec![
        Section {
            heading: w.word(Words::Scoring),
            blocks: scoring,
        },
        Section {
            heading: w.word(Words::Trace),
            blocks: vec![
                Block::Paragraph(w.word(Words::TraceIntro)),
                Block::List(trace(input, w)),
            ],
        },
    ]
}

/// What makes the assessment repeatable: the pack, the application and, for a reviewed
/// application, the reviews (and all the round's reviews, when calibration used them), and the
/// engine.
fn trace(input: &LetterInput<'_>, w: &Writer<'_>) -> Vec<String> {
    let a = input.assessment;
    let mut items = vec![
        w.fill(
            Words::TracePack,
            &[
                ("id", &a.pack.id),
                ("version", &a.pack.version),
                ("fingerprint", &a.pack.fingerprint),
            ],
        ),
        w.fill(Words::TraceInput, &[("fingerprint", &a.input_fingerprint)]),
    ];
    if let Some(reviews) = &a.reviews {
        items.push(w.fill(
            Words::TraceReviews,
            &[("fingerprint", &reviews.fingerprint)],
        ));
        if let Some(all) = &reviews.calibrated_from {
            items.push(w.fill(Words::TraceCalibration, &[("fingerprint", all)]));
        }
    }
    items.push(w.fill(
        Words::TraceEngine,
        &[("version", &a.engine_version), ("round", input.round.id)],
    ));
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::PackFiles;

    /// The reviewed test fixture's pack (a made-up programme with letter words), with its
    /// funding rule set to `rule`.
    fn pack(rule: FundingRuleName) -> RulePack {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/reviewed/pack");
        let files = PackFiles::from_dir(&dir).expect("the fixture's pack is readable");
        let mut pack = RulePack::load(files).expect("the fixture's pack loads");
        pack.manifest.funding = Some(crate::portfolio::FundingSpec {
            rule,
            partial_min_share: None,
            basis: None,
        });
        pack
    }

    fn application() -> Application {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/reviewed/applications/01.json");
        let text = std::fs::read_to_string(path).expect("the fixture's application is readable");
        serde_json::from_str(&text).expect("the fixture's application is an application")
    }

    /// A refused application, ranked 2nd in a round of 200.000 kr. run under `rule`.
    fn refused(rule: FundingRuleName) -> Decision {
        Decision::ranked_for_test(Recommendation::Reserve, 2, 0, 20_000, rule)
    }

    fn letter_of(rule: FundingRuleName) -> LetterView {
        letter_recommended(rule, Recommendation::Reserve)
    }

    /// The letter of a refusal under `rule` of an application the recommendation `recommended`.
    fn letter_recommended(rule: FundingRuleName, recommended: Recommendation) -> LetterView {
        let pack = pack(rule);
        let app = application();
        let assessment = refused(rule);
        let grants = [Grant {
            application_id: "A-09".into(),
            total: Decimal::from(30u32),
            amount: 180_000,
            rank: Some(3),
        }];
        let input = LetterInput {
            pack: &pack,
            lang: "da",
            round: RoundFacts {
                id: "2025-1",
                year: 2025,
                budget: 200_000,
                grants: &grants,
            },
            application: &app,
            assessment: &assessment,
            requested: 100_000,
            rank: Some(2),
            decision: GroupDecision {
                granted: None,
                decided_on: (2025, 3, 14),
                reason: None,
                recommendation: Some(recommended),
                recommended_amount: 0,
                replaces: None,
                abstained: &[],
            },
            set_aside: &[],
        };
        letter(&input).expect("the fixture's pack has letter words")
    }

    /// The paragraphs of `view`'s section under `heading`.
    fn said<'v>(view: &'v LetterView, heading: &str) -> Vec<&'v str> {
        let section = view
            .sections
            .iter()
            .find(|s| s.heading == heading)
            .unwrap_or_else(|| panic!("no section {heading}: {view:?}"));
        section
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_refusal_of_an_application_the_package_funds_says_the_group_refused_it() {
        // Under `optimal` the package is the recommendation: an application recommended for a
        // grant is in the package, and its refusal is the group's, not the package's.
        let view = letter_recommended(FundingRuleName::Optimal, Recommendation::Fund);
        let said = said(&view, "Den bedste pakke inden for puljen");
        assert!(
            said[1].contains("Den indgår i pakken og var indstillet til tilsagn"),
            "{said:?}"
        );
        assert!(!said[1].contains("indgår ikke"), "{said:?}");
    }

    #[test]
    fn a_refusal_under_optimal_explains_the_package_not_a_line() {
        let view = letter_of(FundingRuleName::Optimal);
        let headings: Vec<&str> = view.sections.iter().map(|s| s.heading.as_str()).collect();
        assert!(!headings.contains(&"Støttelinjen"), "{headings:?}");
        assert_eq!(
            said(&view, "Den bedste pakke inden for puljen"),
            [
                "Efter regelsættets finansieringsregel indstilles den bedste pakke til \
                 tilsagn: de ansøgninger, der tilsammen giver flest point inden for rundens \
                 200.000 kr. og opfylder de af regelsættets mål for porteføljen, der kan nås. Tilsagn i runden: 1, \
                 i alt 180.000 kr.; der er 20.000 kr. tilbage.",
                "Ansøgningen søger 100.000 kr. og fik 40 point. Den indgår ikke i pakken: ingen \
                 kombination med den, der kan rummes i puljen og opfylder målene for \
                 porteføljen, giver flere point i alt end pakken. Derfor er der givet afslag, \
                 også selv om ansøgninger med færre point kan have fået tilsagn.",
            ]
        );
    }

    #[test]
    fn every_letter_states_the_funding_rule_among_the_main_considerations() {
        for (rule, start) in [
            (
                FundingRuleName::Skip,
                "Finansieringsreglen: rangordningen følges, og en",
            ),
            (
                FundingRuleName::Strict,
                "Finansieringsreglen: rangordningen følges, indtil",
            ),
        ] {
            let view = letter_of(rule);
            let main = said(&view, "Hovedhensyn");
            assert!(
                main.iter().any(|p| p.starts_with(start)),
                "{rule:?}: {main:?}"
            );
            // Under a walk down the ranking, the refusal still explains the line.
            assert!(view.sections.iter().any(|s| s.heading == "Støttelinjen"));
        }
    }
}
