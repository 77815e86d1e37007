//! Reports, the overview and letters of applications scored by reviewers (issue 17), from the
//! small reviewed pack in `tests/fixtures/reviewed/` (its README says what each application
//! shows): each reviewer's score and comment, the calibrated score, the spread and the flag
//! of reviewers who disagree, "awaiting review" instead of points, who assessed and who stood
//! aside with the reason, the reviewers' leniency side by side and the uncalibrated rank.
//!
//! The engine is called directly (the batch's `--reviews` is another part's); the batch of
//! the binary is used where it already can show something: an application awaiting review.
//!
//! Hand-computed values (criterion `kvalitet`, reviews in `reviews.json`): PP-2025-001 gets
//! 4, 4, 5 (Anna Holm, Bo Kjær, Carla Lund), PP-2025-002 5, 2, 4 (spread 3 ≥ 2: disagreement),
//! PP-2025-004 3, 3. Panel means per application 4,333…, 3,666…, 3. Anna Holm reviewed all three:
//! mean 4, panel 3,67, offset +0,33; Bo Kjær mean 3, offset -0,67; Carla Lund shares two: mean
//! 4,5, panel 4, offset +0,5. Calibrated, PP-2025-002's scores are 4,67, 2,67 and 3,5 (median
//! 3,5 → 3 points, total 12) and PP-2025-001's 3,67, 4,67, 4,5 (median 4,5 → 4 points, total
//! 14); as given, the medians are 4 and 4 (totals 15 and 14). So calibration puts PP-2025-001
//! first, and the scores as given PP-2025-002.

use std::collections::BTreeMap;
use std::fs;

use kriterium_engine::decision::{Decision, Recommendation};
use kriterium_engine::letter::{self, GroupDecision, LetterInput, RoundFacts};
use kriterium_engine::manifest::Calibration;
use kriterium_engine::pack::{PackFiles, RulePack};
use kriterium_engine::panel::Panel;
use kriterium_engine::ranking::{self, Entry};
use kriterium_engine::report::{
    self, ApplicationFacts, OverviewHead, OverviewRow, Setting, overview,
};
use kriterium_engine::review::{Review, ReviewBook, ReviewsOverview};
use kriterium_engine::scoring::Assessor;
use kriterium_engine::summary::Summary;
use kriterium_engine::validation::ValidApplication;

use crate::util::{assert_snapshot, files_in, kriterium, root, temp_dir};

/// The fixture's folder.
fn fixture() -> std::path::PathBuf {
    root().join("tests/fixtures/reviewed")
}

/// The reviewed pack; `calibrate` makes it calibrate by offset.
fn pack(calibrate: bool) -> RulePack {
    let dir = fixture().join("pack");
    let texts: Vec<(String, String)> = [
        "pack.toml",
        "gates/beloeb.rhai",
        "criteria/kvalitet.rhai",
        "criteria/kommuner.rhai",
    ]
    .iter()
    .map(|name| {
        let text = fs::read_to_string(dir.join(name)).unwrap();
        let text = if calibrate && *name == "pack.toml" {
            let edited = text.replace("calibration = \"none\"", "calibration = \"offset\"");
            assert_ne!(edited, text, "the pack's calibration is set");
            edited
        } else {
            text
        };
        (name.to_string(), text)
    })
    .collect();
    let files = texts.iter().map(|(n, t)| (n.as_str(), t.as_str()));
    RulePack::load(PackFiles::from_memory("reviewed", files)).unwrap()
}

/// The fixture's applications, validated.
fn applications(pack: &RulePack) -> Vec<ValidApplication> {
    files_in(&fixture().join("applications"))
        .iter()
        .map(|f| {
            let text = fs::read_to_string(f).unwrap();
            pack.validator()
                .validate_text(&f.display().to_string(), &text)
                .unwrap()
        })
        .collect()
}

/// The fixture's reviews and panel, as a book for `pack`.
fn book(pack: &RulePack) -> ReviewBook {
    let reviews: Vec<Review> =
        serde_json::from_str(&fs::read_to_string(fixture().join("reviews.json")).unwrap()).unwrap();
    let panel_text = fs::read_to_string(fixture().join("panel.toml")).unwrap();
    let panel = Panel::from_toml("panel.toml", &panel_text).unwrap();
    ReviewBook::new(&pack.manifest, reviews, panel).unwrap()
}

/// A batch of the fixture in memory: decisions placed as `batch` places them, in rank order.
struct Batch {
    pack: RulePack,
    book: ReviewBook,
    valid: Vec<ValidApplication>,
    entries: Vec<Entry>,
    ranking: ranking::Ranking,
    decisions: Vec<Decision>,
}

impl Batch {
    /// The fixture assessed under `pack` with `book`.
    fn of(pack: RulePack, book: ReviewBook) -> Batch {
        let valid = applications(&pack);
        let assessor = Assessor::new(&pack).unwrap();
        let assessments: Vec<_> = valid
            .iter()
            .map(|v| assessor.assess_reviewed(v, &book).unwrap())
            .collect();
        let entries: Vec<Entry> = assessments
            .iter()
            .zip(&valid)
            .map(|(a, v)| a.entry(&pack, v.application.budget.requested))
            .collect();
        let budget = pack.funds().budget;
        let ranking = ranking::rank(&entries, &pack.manifest.criterion_ids(), budget);
        let decisions = assessments
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut d = a.to_decision(&pack, "da");
                ranking.apply(i, &entries, &mut d);
                d
            })
            .collect();
        Batch {
            pack,
            book,
            valid,
            entries,
            ranking,
            decisions,
        }
    }

    fn reviewed(calibrate: bool) -> Batch {
        let pack = pack(calibrate);
        let book = book(&pack);
        Batch::of(pack, book)
    }

    fn index(&self, id: &str) -> usize {
        self.decisions
            .iter()
            .position(|d| d.application_id == id)
            .unwrap()
    }

    fn facts(&self, i: usize) -> ApplicationFacts {
        ApplicationFacts::of(&self.valid[i].application)
    }

    /// The Markdown, HTML (without its style sheet) and text report of `id` in `lang`.
    fn reports(&self, id: &str, lang: &str) -> (String, String, String) {
        let i = self.index(id);
        let mut decision = self.decisions[i].clone();
        if lang != "da" {
            // Titles in the report's language, as a batch in `lang` writes them.
            let assessor = Assessor::new(&self.pack).unwrap();
            let a = assessor
                .assess_reviewed(&self.valid[i], &self.book)
                .unwrap();
            decision = a.to_decision(&self.pack, lang);
            self.ranking.apply(i, &self.entries, &mut decision);
        }
        let setting = Setting::of(&self.pack, lang);
        let view = report::report(&decision, &self.facts(i), &setting);
        (
            report::markdown(&view),
            without_style(&report::html(&view)),
            report::text(&decision, &self.pack.manifest, lang),
        )
    }

    /// The overview, as a batch writes it, with `reviews` given.
    fn overview(&self, reviews: Option<&ReviewsOverview>) -> String {
        let lang = "da";
        let summary = Summary::of(
            &self.pack,
            &self.ranking,
            self.pack.funds().budget,
            &[],
            lang,
        );
        let mut head = OverviewHead::of(&self.pack, lang, &summary, true);
        if let Some(reviews) = reviews {
            head = head.with_reviews(&self.pack, reviews);
        }
        let setting = Setting::of(&self.pack, lang);
        let mut page = overview::head(&head);
        let last_funded = self.ranking.last_funded();
        for (order, &i) in self.ranking.order.iter().enumerate() {
            let decision = &self.decisions[i];
            let view = report::report(decision, &self.facts(i), &setting);
            let row = OverviewRow::of(
                order as u64,
                decision,
                &self.facts(i),
                &view,
                &setting,
                last_funded == Some(i),
            );
            page.push_str(&overview::row(&row, &head));
        }
        page.push_str(&overview::foot(&head, &[], None, None));
        without_style(&page)
    }

    /// What the batch hands the overview: leniency, calibration and, when calibrating, the
    /// ranks of the scores as given (from the same reviews under the pack without calibration).
    fn reviews_overview(&self) -> ReviewsOverview {
        let calibration = self
            .pack
            .manifest
            .reviews
            .as_ref()
            .map_or(Calibration::None, |r| r.calibration);
        let uncalibrated_rank = if calibration == Calibration::Offset {
            let plain = Batch::reviewed(false);
            plain
                .decisions
                .iter()
                .filter_map(|d| Some((d.application_id.clone(), d.rank?)))
                .collect()
        } else {
            BTreeMap::new()
        };
        ReviewsOverview {
            leniency: self.book.leniency(),
            calibration,
            uncalibrated_rank,
        }
    }

    /// The letter on `id` in `lang`, granted in full when `grant`, with `abstained` recorded as
    /// having stood aside from the decision: Markdown and HTML (without its style sheet).
    fn letter(&self, id: &str, lang: &str, grant: bool, abstained: &[String]) -> (String, String) {
        let view = self.letter_view(id, lang, grant, abstained);
        // The letter names the engine's version in words the snapshots' filter does not know.
        let version =
            |text: String| text.replace(kriterium_engine::ENGINE_VERSION, "[engine-version]");
        (
            version(report::letter_markdown(&view)),
            version(without_style(&report::letter_html(&view))),
        )
    }

    /// The letter on `id` as [`Batch::letter`] makes it, before it is laid out.
    fn letter_view(
        &self,
        id: &str,
        lang: &str,
        grant: bool,
        abstained: &[String],
    ) -> letter::LetterView {
        let i = self.index(id);
        let decision = &self.decisions[i];
        let requested = self.valid[i].application.budget.requested;
        let grants: Vec<letter::Grant> = self
            .decisions
            .iter()
            .filter(|d| d.recommendation == Some(Recommendation::Fund))
            .map(|d| letter::Grant {
                application_id: d.application_id.clone(),
                total: d.total,
                amount: d.granted.unwrap(),
                rank: d.rank,
            })
            .collect();
        let input = LetterInput {
            pack: &self.pack,
            lang,
            round: RoundFacts {
                id: "r2025",
                year: 2025,
                budget: self.pack.funds().budget,
                grants: &grants,
            },
            application: &self.valid[i].application,
            assessment: decision,
            requested,
            rank: decision.rank,
            decision: GroupDecision {
                granted: grant.then_some(requested),
                decided_on: (2025, 3, 14),
                reason: None,
                recommendation: decision.recommendation,
                recommended_amount: decision.granted.unwrap_or(0),
                replaces: None,
                abstained,
            },
            set_aside: &[],
        };
        letter::letter(&input).unwrap()
    }
}

/// The page without its style sheet, which is the same static text in every page.
fn without_style(html: &str) -> String {
    match (html.find("<style>"), html.find("</style>")) {
        (Some(a), Some(b)) => format!("{}<style>[style sheet]{}", &html[..a], &html[b..]),
        _ => html.to_string(),
    }
}

#[test]
fn a_report_shows_each_reviewers_score_and_comment_the_spread_and_who_stood_aside() {
    let batch = Batch::reviewed(false);
    let (md, html, text) = batch.reports("PP-2025-002", "da");
    // The scores as given, by reviewer, with the comments, the spread and the flag.
    assert!(md.contains("| Anna Holm | 5 | Nyskabende. |"), "{md}");
    assert!(
        md.contains("| Bo Kjær | 2 | Uklart, hvem der står for værkstederne. |"),
        "{md}"
    );
    assert!(
        md.contains("Spredning: 3 point – **bedømmerne er uenige"),
        "{md}"
    );
    assert!(
        md.contains("Bedømmernes point for »Indsatsens kvalitet« ligger 3 point fra hinanden"),
        "the reasons for the recommendation say why it is to be discussed: {md}"
    );
    // Who assessed, and who stood aside with the reason.
    assert!(
        md.contains("- **Bedømt af:** Anna Holm, Bo Kjær og Carla Lund"),
        "{md}"
    );
    assert!(
        md.contains("  - Erik Skov er tilknyttet ansøgeren, Aabenraa Musikskole."),
        "{md}"
    );
    assert!(
        md.contains("  - Dorte Mikkelsen har erklæret sig inhabil: Ansøgeren er min svoger.\n"),
        "a declared reason is quoted as the member wrote it: {md}"
    );
    assert!(
        md.contains("- Bedømmelsernes fingeraftryk: `sha256:"),
        "{md}"
    );
    // Not calibrated: no column for it.
    assert!(!md.contains("Kalibreret"), "{md}");
    assert!(
        html.contains(
            "<strong class=\"disagreement\">bedømmerne er uenige – til drøftelse</strong>"
        ),
        "{html}"
    );
    assert!(
        text.contains("Bedømmelser: spredning 3 point – bedømmerne er uenige"),
        "{text}"
    );
    assert!(text.contains("· Bo Kjær: 2 – Uklart, hvem"), "{text}");
    assert_snapshot!("reviewed-report-PP-2025-002.md", md);
    assert_snapshot!("reviewed-report-PP-2025-002.html", html);
    assert_snapshot!("reviewed-report-PP-2025-002.txt", text);
}

#[test]
fn a_calibrated_report_shows_the_calibrated_scores_and_what_they_came_from() {
    let batch = Batch::reviewed(true);
    let (md, _, text) = batch.reports("PP-2025-002", "da");
    // 5 − 0,33, 2 + 0,67, 4 − 0,5 (the module's hand computation).
    assert!(
        md.contains("| Anna Holm | 5 | 4,67 | Nyskabende. |"),
        "{md}"
    );
    assert!(md.contains("| Bo Kjær | 2 | 2,67 |"), "{md}");
    assert!(md.contains("| Carla Lund | 4 | 3,5 |"), "{md}");
    assert!(
        md.contains("3 bedømmere: 4,67; 2,67 og 3,5 (median 3.5)."),
        "the script reads the calibrated scores: {md}"
    );
    assert!(
        md.contains("- Kalibreret ud fra alle rundens bedømmelser, fingeraftryk: `sha256:"),
        "{md}"
    );
    assert!(
        text.contains("· Anna Holm: 5 (kalibreret 4,67) – Nyskabende."),
        "{text}"
    );
    let (md_en, _, _) = batch.reports("PP-2025-002", "en");
    assert!(
        md_en.contains("| Reviewer | Score given | Calibrated | Comment |"),
        "{md_en}"
    );
    assert!(
        md_en.contains("Erik Skov is affiliated with the applicant, Aabenraa Musikskole."),
        "{md_en}"
    );
    assert_snapshot!("reviewed-report-calibrated-PP-2025-002.md", md);
}

#[test]
fn a_criterion_without_reviews_awaits_review_instead_of_showing_zero_points() {
    let batch = Batch::reviewed(false);
    let (md, html, text) = batch.reports("PP-2025-003", "da");
    assert!(md.contains("## Indstilling: afventer bedømmelse"), "{md}");
    assert!(
        md.contains("Samlet: **afventer bedømmelse**\n"),
        "no total yet: {md}"
    );
    assert!(
        md.contains("| 1. | Indsatsens kvalitet | afventer bedømmelse | 5 | 3 | – |"),
        "{md}"
    );
    assert!(
        !md.contains("Indsatsens kvalitet | 0 |"),
        "not scored as zero: {md}"
    );
    assert!(md.contains("- **Bedømt af:** ingen endnu"), "{md}");
    assert!(
        md.contains("Ansøgningen mangler bedømmernes vurdering af: Indsatsens kvalitet."),
        "{md}"
    );
    assert!(
        html.contains("<p>Samlet: <strong>afventer bedømmelse</strong></p>"),
        "{html}"
    );
    assert!(text.contains("Samlet: afventer bedømmelse"), "{text}");
    assert!(text.contains("       (afventer bedømmelse)"), "{text}");
    assert_snapshot!("reviewed-report-PP-2025-003.md", md);
    assert_snapshot!("reviewed-report-PP-2025-003.txt", text);
}

#[test]
fn the_overview_counts_those_awaiting_review_flags_disagreement_and_shows_leniency() {
    let batch = Batch::reviewed(false);
    let reviews = batch.reviews_overview();
    let page = batch.overview(Some(&reviews));
    assert!(
        page.contains(
            "<tr><th scope=\"row\">afventer bedømmelse</th><td class=\"num\">1</td></tr>"
        ),
        "{page}"
    );
    // The flag on PP-2025-002's row only.
    assert_eq!(
        page.matches("<small class=\"disagreement\">").count(),
        1,
        "{page}"
    );
    assert!(
        page.contains("Teaterlaboratorium for unge<br><small class=\"disagreement\">"),
        "{page}"
    );
    // Leniency side by side (the module's hand computation), without calibration.
    assert!(page.contains("<th scope=\"row\">Carla Lund</th><td data-label=\"Kriterium\">Indsatsens kvalitet</td><td class=\"num\" data-label=\"Bedømt\">2</td><td class=\"num\" data-label=\"Heraf fælles\">2</td><td class=\"num\" data-label=\"Bedømmerens gennemsnit\">4,5</td><td class=\"num\" data-label=\"Panelets gennemsnit\">4</td><td class=\"num\" data-label=\"Forskydning\">+0,5</td>"), "{page}");
    assert!(page.contains(">Bo Kjær</th>"), "{page}");
    assert!(page.contains(">-0,67</td>"), "{page}");
    assert!(page.contains("Regelsættet kalibrerer ikke"), "{page}");
    assert!(!page.contains("Placering uden kalibrering"), "{page}");
    assert_snapshot!("reviewed-overview", page);
}

#[test]
fn under_calibration_the_overview_shows_the_rank_as_given_beside_the_rank() {
    let batch = Batch::reviewed(true);
    let reviews = batch.reviews_overview();
    assert_eq!(
        reviews.uncalibrated_rank,
        BTreeMap::from([
            ("PP-2025-001".to_string(), 2),
            ("PP-2025-002".to_string(), 1)
        ])
    );
    let page = batch.overview(Some(&reviews));
    assert!(page.contains("<button type=\"button\">Placering uden kalibrering</button>"));
    // PP-2025-001 is first calibrated and second as given.
    assert!(
        page.contains("<td class=\"num\" data-label=\"Placering\" data-sort=\"1\">1</td>\n<td class=\"num\" data-label=\"Placering uden kalibrering\" data-sort=\"2\">2</td>\n<td class=\"id\" data-label=\"Id\"><a href=\"reports/PP-2025-001.html\">"),
        "{page}"
    );
    assert!(page.contains("Regelsættet kalibrerer:"), "{page}");
    // Without the batch's reviews there is no such column or table.
    let plain = batch.overview(None);
    assert!(!plain.contains("Placering uden kalibrering"), "{plain}");
    assert!(!plain.contains("id=\"leniency\""), "{plain}");
}

#[test]
fn a_letter_names_the_reviewers_the_combining_rule_and_who_stood_aside() {
    let batch = Batch::reviewed(false);
    let abstained = vec!["Dorte Mikkelsen".to_string()];
    let (md, html) = batch.letter("PP-2025-002", "da", true, &abstained);
    assert!(md.contains("## Bedømmere og inhabilitet"), "{md}");
    assert!(
        md.contains("Ansøgningen er bedømt af Anna Holm, Bo Kjær og Carla Lund."),
        "{md}"
    );
    assert!(
        md.contains("- »Indsatsens kvalitet« er bedømt af 3 bedømmere på en skala fra 0 til 5. 3 bedømmere: 5, 2 og 4 (median 4). Bedømmernes point ligger 3 point fra hinanden"),
        "the criterion's reasons state how the scores were combined: {md}"
    );
    assert!(
        md.contains("- Erik Skov er tilknyttet ansøgeren, Aabenraa Musikskole."),
        "{md}"
    );
    assert!(
        md.contains("Dorte Mikkelsen deltog ikke i afgørelsen på grund af inhabilitet."),
        "{md}"
    );
    assert!(
        md.contains("- Bedømmelsernes fingeraftryk: sha256:"),
        "{md}"
    );
    // The rules of reviewing are part of the legal basis.
    assert!(
        md.contains("- Bedømmerne er uenige om »Indsatsens kvalitet«, når deres point ligger 2 point eller mere fra hinanden; ansøgningen drøftes da. Regelsættets fortolkning: To point fra hinanden"),
        "{md}"
    );
    assert!(
        md.contains("- Bedømmernes point tæller, som de er givet. Regelsættets fortolkning: Bedømmernes point tæller, som de er givet."),
        "{md}"
    );
    assert!(html.contains("<h2>Bedømmere og inhabilitet</h2>"), "{html}");
    assert_snapshot!("reviewed-letter-PP-2025-002.md", md);

    let (en, _) = batch.letter("PP-2025-002", "en", true, &[]);
    assert!(
        en.contains("## Reviewers and conflicts of interest"),
        "{en}"
    );
    assert!(
        en.contains("The application was assessed by Anna Holm, Bo Kjær and Carla Lund."),
        "{en}"
    );
    assert!(!en.contains("took no part in the decision"), "{en}");

    let calibrated = Batch::reviewed(true);
    let (md, _) = calibrated.letter("PP-2025-002", "da", true, &[]);
    assert!(
        md.contains("Bedømmernes point er kalibreret, som regelsættet foreskriver"),
        "{md}"
    );
    assert!(
        md.contains("- Kalibreret ud fra alle rundens bedømmelser, fingeraftryk sha256:"),
        "{md}"
    );
}

#[test]
fn a_batch_of_the_reviewed_pack_without_reviews_says_every_eligible_application_awaits_review() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    kriterium(&[
        "batch",
        fixture().join("applications").to_str().unwrap(),
        "--rules",
        fixture().join("pack").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--lang",
        "da",
    ])
    .run()
    .code(0);
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains(
            "<tr><th scope=\"row\">afventer bedømmelse</th><td class=\"num\">3</td></tr>"
        ),
        "{index}"
    );
    let report = fs::read_to_string(out.join("reports/PP-2025-001.md")).unwrap();
    assert!(report.contains("- **Bedømt af:** ingen endnu"), "{report}");
    assert!(
        report.contains("### 1. Indsatsens kvalitet: afventer bedømmelse"),
        "{report}"
    );
}

#[test]
fn a_letter_with_the_reviewers_section_is_made_as_pdf() {
    let batch = Batch::reviewed(true);
    let abstained = vec!["Dorte Mikkelsen".to_string()];
    let view = batch.letter_view("PP-2025-002", "da", true, &abstained);
    assert!(
        view.sections
            .iter()
            .any(|s| s.heading == "Bedømmere og inhabilitet"),
        "{view:?}"
    );
    let json = serde_json::to_value(&view).unwrap();
    let pdf = kriterium_pdf::letter(&json, (2025, 3, 14)).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}
