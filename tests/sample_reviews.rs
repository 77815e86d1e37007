//! The sample reviews of Made in Sønderjylland (`samples/reviews/made-in-sonderjylland/`): the
//! panel and one sheet per reviewer, in the sheet format every part of kriterium reads (UTF-8
//! with a byte-order mark, `;`, CRLF; one sheet as XLSX), cover every eligible sample application,
//! and the member with a conflict scores none of the applications she stands aside from.
//!
//! Until `batch --reviews` reads sheets, the sheets are read here with the intake's sheet reader
//! and the Danish headings; the assessments run through the engine as a batch would.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use kriterium_engine::decimal::Decimal;
use kriterium_engine::pack::{PackFiles, RulePack};
use kriterium_engine::panel::Panel;
use kriterium_engine::review::{Review, ReviewBook};
use kriterium_engine::scoring::Assessor;
use kriterium_intake::sheet::{self, Cell, Decoded, Sheet};

use crate::util::root;

const REVIEWED: &str = "drift-efter-tilskud";

fn folder() -> PathBuf {
    root().join("samples/reviews/made-in-sonderjylland")
}

fn pack() -> RulePack {
    RulePack::load(PackFiles::from_dir(&root().join("rules/made-in-sonderjylland")).unwrap())
        .unwrap()
}

fn panel() -> Panel {
    let text = std::fs::read_to_string(folder().join("panel.toml")).unwrap();
    Panel::from_toml("panel.toml", &text).unwrap()
}

/// The sheets by file name, read as the intake reads a sheet.
fn sheets() -> BTreeMap<String, Sheet> {
    let mut sheets = BTreeMap::new();
    for entry in std::fs::read_dir(folder()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            // `runder/`: the same reviews split by round, for the register's walk-throughs.
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let sheet = match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => {
                let (sheet, decoded) = sheet::read_csv(&bytes, None).unwrap();
                // The project's Danish conventions for a CSV a spreadsheet opens.
                assert_eq!(decoded, Decoded::Utf8Bom, "{name}");
                let text = String::from_utf8(bytes).unwrap();
                assert!(
                    text.split_inclusive('\n')
                        .all(|line| line.ends_with("\r\n")),
                    "{name}: every line ends with CRLF"
                );
                assert!(text.lines().next().unwrap().contains(';'), "{name}: `;`");
                sheet
            }
            Some("xlsx") => sheet::read_xlsx(&bytes, None).unwrap(),
            _ => continue,
        };
        sheets.insert(name, sheet);
    }
    sheets
}

/// The reviews of a sheet, by its Danish headings; a blank score is not scored yet.
fn reviews_of(name: &str, sheet: &Sheet) -> Vec<Review> {
    let column = |heading: &str| {
        sheet
            .headings
            .iter()
            .position(|h| h == heading)
            .unwrap_or_else(|| panic!("{name}: no column »{heading}« in {:?}", sheet.headings))
    };
    let (reviewer, application, criterion, score, comment) = (
        column("Bedømmer"),
        column("Ansøgning"),
        column("Kriterium"),
        column("Point"),
        column("Kommentar"),
    );
    column("Titel");
    assert_eq!(sheet.headings.len(), 6, "{name}: {:?}", sheet.headings);
    sheet
        .rows
        .iter()
        .filter(|row| !row.cells[score].is_empty())
        .map(|row| {
            assert_eq!(row.problem, None, "{name} row {}", row.number);
            let score = match &row.cells[score] {
                Cell::Number(n) => *n as u32,
                Cell::Text(t) => t.trim().parse().unwrap(),
                other => panic!("{name} row {}: score {other:?}", row.number),
            };
            Review {
                application_id: row.cells[application].shown(),
                criterion: row.cells[criterion].shown(),
                reviewer: row.cells[reviewer].shown(),
                score,
                comment: row.cells[comment].shown(),
            }
        })
        .collect()
}

#[test]
fn sample_reviews_cover_every_eligible_sample_and_the_conflicted_member_scores_none_of_hers() {
    let pack = pack();
    let panel = panel();
    let sheets = sheets();
    assert_eq!(
        sheets.keys().collect::<Vec<_>>(),
        ["karen-vestergaard.csv", "lene-bach.csv", "ole-kragh.xlsx"]
    );
    let mut reviews = Vec::new();
    let mut reviewers = BTreeSet::new();
    for (name, sheet) in &sheets {
        let of_sheet = reviews_of(name, sheet);
        // One reviewer per sheet, a member of the panel.
        let named: BTreeSet<&str> = of_sheet.iter().map(|r| r.reviewer.as_str()).collect();
        assert_eq!(named.len(), 1, "{name}: {named:?}");
        let reviewer = *named.iter().next().unwrap();
        assert!(panel.has_member(reviewer), "{reviewer}");
        reviewers.insert(reviewer.to_string());
        reviews.extend(of_sheet);
    }
    assert_eq!(reviewers.len(), 3);
    let book = ReviewBook::new(&pack.manifest, reviews, panel).unwrap();

    let assessor = Assessor::new(&pack).unwrap();
    let validator = pack.validator();
    let mut eligible = 0;
    let mut stood_aside: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut points: BTreeMap<String, Decimal> = BTreeMap::new();
    for path in crate::util::files_in(&root().join("samples/made-in-sonderjylland")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let valid = validator.validate_text("sample", &text).unwrap();
        let assessment = assessor.assess_reviewed(&valid, &book).unwrap();
        let id = assessment.application_id.clone();
        let reviews = assessment.reviews.as_ref().unwrap();
        // No review from a member with a conflict is in the sheets: none is refused.
        assert_eq!(reviews.refused, Vec::new(), "{id}");
        for stood in &reviews.stood_aside {
            stood_aside
                .entry(stood.member.clone())
                .or_default()
                .push(id.clone());
        }
        if assessment.eligible() {
            eligible += 1;
            assert!(!assessment.awaiting_review(), "{id} awaits review");
            let counted: BTreeSet<&str> = reviews.assessed_by.iter().map(String::as_str).collect();
            let aside: BTreeSet<&str> = reviews
                .stood_aside
                .iter()
                .map(|s| s.member.as_str())
                .filter(|m| reviewers.contains(*m))
                .collect();
            // Every reviewer without a conflict scored it.
            let expected: BTreeSet<&str> = reviewers
                .iter()
                .map(String::as_str)
                .filter(|r| !aside.contains(r))
                .collect();
            assert_eq!(counted, expected, "{id}");
            points.insert(id, assessment.criteria[0].points);
        }
    }
    assert_eq!(eligible, 12);
    // The music school's deputy head stands aside from both applications of its head, and from
    // one where the school is a partner (ineligible, so not reviewed); a member's own declaration
    // counts too.
    assert_eq!(
        stood_aside["Karen Vestergaard"],
        ["MIS-2025-001", "MIS-2025-009", "MIS-2025-015"]
    );
    assert_eq!(stood_aside["Morten Sand"], ["MIS-2025-002"]);
    // A one-off event has no prospect of operation: below the criterion's minimum of 1.
    assert!(points["MIS-2025-007"] < Decimal::from(1u32), "{points:?}");
    assert_eq!(pack.manifest.criteria[0].id, REVIEWED);
}

#[test]
fn the_lenient_sample_reviewer_is_the_one_calibration_takes_most_off() {
    let pack = pack();
    let mut reviews = Vec::new();
    for (name, sheet) in &sheets() {
        reviews.extend(reviews_of(name, sheet));
    }
    let book = ReviewBook::new(&pack.manifest, reviews, panel()).unwrap();
    let leniency = book.leniency();
    let most = leniency.iter().max_by_key(|l| l.offset).unwrap();
    assert_eq!(most.reviewer, "Ole Kragh");
    assert!(most.offset > Decimal::from(0u32));
    assert!(
        leniency
            .iter()
            .filter(|l| l.reviewer != "Ole Kragh")
            .all(|l| l.offset < Decimal::from(0u32)),
        "{leniency:?}"
    );
}
