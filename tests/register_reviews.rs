//! Reviews in the register (issue 17): the panel set, review sheets entered per round with
//! history, conflicts of interest refused at the cell, applications awaiting review kept from
//! decisions, and `register verify` reproducing the assessments made with reviews.
//!
//! The pack, its applications and the panel are the small reviewed pack of
//! `tests/fixtures/reviewed-pack` (three applications; Mette Lauridsen works for Sønderborg
//! Musikskole, the applicant of MIS-2025-001). Sheets are written by each test, so what a test
//! asserts is visible in it.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{Run, kriterium, root, temp_dir};

/// A register in a temporary folder with round `R` of the reviewed pack, its panel set and its
/// three applications added.
pub(crate) struct Round {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) file: PathBuf,
}

fn fixture() -> PathBuf {
    root().join("tests/fixtures/reviewed-pack")
}

impl Round {
    pub(crate) fn new() -> Round {
        let dir = temp_dir();
        let file = dir.path().join("r.sqlite");
        let round = Round { dir, file };
        let pack = fixture();
        round
            .run(&[
                "round",
                "open",
                "R",
                "--rules",
                pack.to_str().unwrap(),
                "--year",
                "2025",
            ])
            .run()
            .code(0);
        let panel = pack.join("reviews/panel.toml");
        round
            .run(&["panel", "set", panel.to_str().unwrap()])
            .run()
            .code(0);
        let applications = pack.join("applications");
        round
            .run(&["round", "add", "R", applications.to_str().unwrap()])
            .run()
            .code(0);
        round
    }

    /// `kriterium ARGS --register FILE`.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--register", self.file.to_str().unwrap()]);
        kriterium(&all)
    }

    /// A review sheet `name` in the test's folder: the heading row, then `rows` (reviewer,
    /// application, criterion, score, comment), in the Danish CSV conventions.
    pub(crate) fn sheet(&self, name: &str, rows: &[(&str, &str, &str, &str)]) -> PathBuf {
        let mut text = String::from("\u{feff}Bedømmer;Ansøgning;Kriterium;Point;Kommentar\r\n");
        for (reviewer, application, score, comment) in rows {
            text.push_str(&format!(
                "{reviewer};{application};vurdering;{score};{comment}\r\n"
            ));
        }
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// `reviews add R SHEETS…`.
    pub(crate) fn add(&self, sheets: &[&Path]) -> Run {
        let mut args = vec!["reviews", "add", "R"];
        args.extend(sheets.iter().map(|p| p.to_str().unwrap()));
        self.run(&args)
    }

    /// `round show R --format json`, parsed.
    fn show(&self) -> Value {
        let out = self
            .run(&["round", "show", "R", "--format", "json"])
            .run()
            .code(0);
        serde_json::from_str(&out.stdout).unwrap()
    }

    /// Application `id`'s row in `round show`.
    fn row(&self, id: &str) -> Value {
        self.show()["applications"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["application_id"] == id)
            .unwrap()
            .clone()
    }

    pub(crate) fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.file).unwrap()
    }
}

#[test]
fn a_conflicted_members_review_is_refused_naming_the_cell_and_nothing_is_stored() {
    let round = Round::new();
    let before = round.show();
    let sheet = round.sheet(
        "mette.csv",
        &[
            ("Mette Lauridsen", "MIS-2025-002", "4", ""),
            ("Mette Lauridsen", "MIS-2025-001", "5", "Oplagt"),
        ],
    );
    let out = round.add(&[&sheet]).run().code(2);
    // The cell: the file, row 3 (the heading is row 1), the score column as the sheet heads it;
    // and why.
    assert!(
        out.stderr.contains("mette.csv: row 3, column \"Point\""),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("Sønderborg Musikskole"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("unchanged"), "{}", out.stderr);
    // All or nothing: her review of MIS-2025-002, which she may give, is not stored either.
    assert_eq!(round.show(), before);
    let entries: i64 = round
        .sql()
        .query_row("SELECT count(*) FROM review_entry", [], |r| r.get(0))
        .unwrap();
    assert_eq!(entries, 0);
    // The same review from a member without a conflict is accepted.
    let sheet = round.sheet("anna.csv", &[("Anna Holm", "MIS-2025-001", "5", "")]);
    round.add(&[&sheet]).run().code(0);
}

#[test]
fn a_reviewer_not_on_the_panel_is_refused() {
    let round = Round::new();
    let sheet = round.sheet("x.csv", &[("Anna Holmm", "MIS-2025-001", "4", "")]);
    let out = round.add(&[&sheet]).run().code(2);
    assert!(out.stderr.contains("x.csv: row 2"), "{}", out.stderr);
    assert!(
        out.stderr.contains("not a member of the panel"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("Anna Holm"), "{}", out.stderr);
}

#[test]
fn a_reviewers_new_sheet_replaces_their_earlier_reviews_and_the_history_is_kept() {
    let round = Round::new();
    let first = round.sheet(
        "anna-1.csv",
        &[
            ("Anna Holm", "MIS-2025-001", "1", "Første ark"),
            ("Anna Holm", "MIS-2025-002", "3", ""),
        ],
    );
    let bo = round.sheet("bo.csv", &[("Bo Jensen", "MIS-2025-001", "3", "")]);
    round.add(&[&first, &bo]).run().code(0);
    // Median of 1 and 3 is 2 points, weighted 2: 4.
    let points = |round: &Round| round.row("MIS-2025-001")["total"].as_f64().unwrap();
    assert_eq!(points(&round), 4.0);
    let second = round.sheet("anna-2.csv", &[("Anna Holm", "MIS-2025-001", "5", "")]);
    // It leaves out MIS-2025-002, which Anna reviewed: withdrawing that needs --replace.
    let out = round.add(&[&second]).run().code(2);
    assert!(
        out.stderr.contains(
            "anna-2.csv: row 2, column \"Bedømmer\": Anna Holm's new sheet leaves out \
             applications Anna Holm reviewed before (1 application): `MIS-2025-002`"
        ) && out
            .stderr
            .contains("give --replace if they are to be withdrawn.\n"),
        "{}",
        out.stderr
    );
    assert_eq!(points(&round), 4.0);
    let replace =
        |sheet: &Path| round.run(&["reviews", "add", "R", sheet.to_str().unwrap(), "--replace"]);
    let out = replace(&second).run().code(0);
    assert!(
        out.stdout
            .contains("replace 2 reviews from an earlier sheet"),
        "{}",
        out.stdout
    );
    // Now the median of 5 and 3: 4 points, weighted 2: 8. MIS-2025-002 lost Anna's review.
    assert_eq!(points(&round), 8.0);
    assert_eq!(
        round.row("MIS-2025-002")["recommendation"],
        "awaiting_review"
    );
    // The earlier entry and its reviews are kept; only the latest counts.
    let sql = round.sql();
    let anna: Vec<(i64, i64)> = sql
        .prepare(
            "SELECT e.id, count(r.entry_id) FROM review_entry e LEFT JOIN review r \
             ON r.entry_id = e.id WHERE e.reviewer = 'Anna Holm' GROUP BY e.id ORDER BY e.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(anna.len(), 2, "{anna:?}");
    assert_eq!((anna[0].1, anna[1].1), (2, 1));
    let in_force: i64 = sql
        .query_row(
            "SELECT count(*) FROM current_review WHERE reviewer = 'Anna Holm'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(in_force, 1);
    // Records are kept: a review cannot be changed or deleted.
    assert!(sql.execute("UPDATE review SET score = 0", []).is_err());
    assert!(sql.execute("DELETE FROM review_entry", []).is_err());
    // Every version of MIS-2025-001's assessment is kept: the first (without reviews or panel)
    // in `application`, then the one with the panel (Mette Lauridsen stood aside), then one
    // per sheet.
    let versions: i64 = sql
        .query_row(
            "SELECT count(*) FROM assessment_version WHERE application_id = 'MIS-2025-001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(versions, 3);
    let out = round.run(&["reviews", "show", "R"]).run().code(0);
    assert!(
        out.stdout.contains("1 earlier sheets replaced"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_application_without_reviews_awaits_review_and_cannot_be_decided() {
    let round = Round::new();
    let sheet = round.sheet(
        "anna.csv",
        &[
            ("Anna Holm", "MIS-2025-001", "4", ""),
            ("Anna Holm", "MIS-2025-002", "3", ""),
            // Not scored yet: a blank score is skipped, not an error.
            ("Anna Holm", "MIS-2025-003", "", ""),
        ],
    );
    round.add(&[&sheet]).run().code(0);
    let waiting = round.row("MIS-2025-003");
    assert_eq!(waiting["recommendation"], "awaiting_review");
    assert_eq!(waiting["rank"], Value::Null);
    assert_eq!(
        round.show()["awaiting_review"],
        serde_json::json!(["MIS-2025-003"])
    );
    let out = round.run(&["round", "show", "R"]).run().code(0);
    assert!(
        out.stdout.contains("Awaiting review: 1 application"),
        "{}",
        out.stdout
    );
    let out = round
        .run(&[
            "decide",
            "R",
            "MIS-2025-003",
            "reject",
            "--date",
            "2025-05-01",
            "--reason",
            "x",
        ])
        .run()
        .code(2);
    assert!(out.stderr.contains("awaits review"), "{}", out.stderr);
    // A reviewed one competes for the budget: it is decided once the last one is reviewed.
    let grant = || {
        round.run(&[
            "decide",
            "R",
            "MIS-2025-001",
            "grant",
            "--date",
            "2025-05-01",
        ])
    };
    let out = grant().run().code(2);
    assert!(
        out.stderr.contains("ranking is not final"),
        "{}",
        out.stderr
    );
    let bo = round.sheet("bo.csv", &[("Bo Jensen", "MIS-2025-003", "2", "")]);
    round.add(&[&bo]).run().code(0);
    grant().run().code(0);
}

#[test]
fn a_round_is_not_closed_while_a_decided_application_awaits_review_again() {
    let round = Round::new();
    let anna = round.sheet(
        "anna.csv",
        &[
            ("Anna Holm", "MIS-2025-001", "4", ""),
            ("Anna Holm", "MIS-2025-002", "3", ""),
            ("Anna Holm", "MIS-2025-003", "2", ""),
        ],
    );
    round.add(&[&anna]).run().code(0);
    for id in ["MIS-2025-001", "MIS-2025-002", "MIS-2025-003"] {
        round
            .run(&[
                "decide",
                "R",
                id,
                "reject",
                "--date",
                "2025-05-01",
                "--reason",
                "x",
            ])
            .run()
            .code(0);
    }
    // Anna withdraws her review of MIS-2025-003, decided already: it awaits review again.
    let without = round.sheet(
        "anna-2.csv",
        &[
            ("Anna Holm", "MIS-2025-001", "4", ""),
            ("Anna Holm", "MIS-2025-002", "3", ""),
        ],
    );
    let out = round
        .run(&[
            "reviews",
            "add",
            "R",
            without.to_str().unwrap(),
            "--replace",
        ])
        .run()
        .code(0);
    assert!(
        out.stderr.contains(
            "already have a decision get a new assessment (1 application): `MIS-2025-003`"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(
        round.row("MIS-2025-003")["recommendation"],
        "awaiting_review"
    );
    // Its partial points are no total: the text shows none for it.
    let text = round.run(&["round", "show", "R"]).run().code(0).stdout;
    let line = text.lines().find(|l| l.contains("MIS-2025-003")).unwrap();
    assert!(line.contains(" – "), "{text}");
    let out = round.run(&["round", "close", "R"]).run().code(2);
    assert!(
        out.stderr.contains(
            "round `R` cannot be closed while applications await review (1 application: `MIS-2025-003`)"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(round.show()["round"]["state"], "open");
}

#[test]
fn register_verify_finds_a_decision_naming_an_assessment_the_register_does_not_hold() {
    let round = Round::new();
    let anna = round.sheet(
        "anna.csv",
        &[
            ("Anna Holm", "MIS-2025-001", "4", ""),
            ("Anna Holm", "MIS-2025-002", "3", ""),
            ("Anna Holm", "MIS-2025-003", "2", ""),
        ],
    );
    round.add(&[&anna]).run().code(0);
    round
        .run(&[
            "decide",
            "R",
            "MIS-2025-002",
            "reject",
            "--date",
            "2025-05-01",
            "--reason",
            "x",
        ])
        .run()
        .code(0);
    round.run(&["register", "verify"]).run().code(0);
    let sql = round.sql();
    sql.execute_batch("DROP TRIGGER decision_kept").unwrap();
    sql.execute("UPDATE decision SET assessment_digest = 'sha256:00'", [])
        .unwrap();
    let out = round.run(&["register", "verify"]).run().code(1);
    assert!(
        out.stdout.contains(
            "application `MIS-2025-002`: decision no. 1 was made on an assessment the register does not hold"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn register_verify_reproduces_the_assessments_made_with_reviews_and_finds_a_changed_review() {
    let round = Round::new();
    let anna = round.sheet(
        "anna.csv",
        &[
            ("Anna Holm", "MIS-2025-001", "4", ""),
            ("Anna Holm", "MIS-2025-002", "3", ""),
        ],
    );
    let bo = round.sheet("bo.csv", &[("Bo Jensen", "MIS-2025-001", "1", "")]);
    round.add(&[&anna, &bo]).run().code(0);
    let again = round.sheet("anna-2.csv", &[("Anna Holm", "MIS-2025-002", "5", "")]);
    round
        .run(&["reviews", "add", "R", again.to_str().unwrap(), "--replace"])
        .run()
        .code(0);
    // The current assessment records the reviews' fingerprint.
    let current: String = round
        .sql()
        .query_row(
            "SELECT assessment FROM current_assessment WHERE application_id = 'MIS-2025-002'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let decision: Value = serde_json::from_str(&current).unwrap();
    assert!(decision["reviews"]["fingerprint"].is_string(), "{decision}");
    let out = round.run(&["register", "verify"]).run().code(0);
    assert!(
        out.stdout.contains("reproduce byte for byte"),
        "{}",
        out.stdout
    );

    // A review changed behind kriterium's back: its version no longer reproduces.
    let sql = round.sql();
    sql.execute_batch("DROP TRIGGER review_kept").unwrap();
    sql.execute(
        "UPDATE review SET score = 0 WHERE application_id = 'MIS-2025-002' AND score = 5",
        [],
    )
    .unwrap();
    let out = round.run(&["register", "verify"]).run().code(1);
    assert!(
        out.stdout.contains("assessment version no."),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("review sheet no."), "{}", out.stdout);
}

#[test]
fn a_reviewers_template_leaves_out_the_applications_they_have_a_conflict_with() {
    let round = Round::new();
    let out_file = round.dir.path().join("mette.xlsx");
    let out = round
        .run(&[
            "reviews",
            "template",
            "R",
            "--out",
            out_file.to_str().unwrap(),
            "--reviewer",
            "Mette Lauridsen",
        ])
        .run()
        .code(0);
    assert!(out.stderr.contains("MIS-2025-001"), "{}", out.stderr);
    assert!(
        out.stderr.contains("Sønderborg Musikskole"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("2 applications"), "{}", out.stdout);
    // The sheet she fills in is read back: her name on every row, no row for MIS-2025-001.
    let (files, _) = crate::util::unzip(&out_file);
    let sheet = files
        .iter()
        .map(|(_, text)| text.as_str())
        .collect::<String>();
    assert!(sheet.contains("Mette Lauridsen"));
    assert!(sheet.contains("MIS-2025-002") && sheet.contains("MIS-2025-003"));
    assert!(!sheet.contains("MIS-2025-001"));
    // Not on the panel: refused.
    let out = round
        .run(&[
            "reviews",
            "template",
            "R",
            "--out",
            out_file.to_str().unwrap(),
            "--reviewer",
            "Mette",
        ])
        .run()
        .code(2);
    assert!(
        out.stderr.contains("not a member of the panel"),
        "{}",
        out.stderr
    );
}

#[test]
fn round_export_writes_the_assessments_made_with_the_rounds_reviews() {
    let round = Round::new();
    let anna = round.sheet(
        "anna.csv",
        &[
            ("Anna Holm", "MIS-2025-001", "4", ""),
            ("Anna Holm", "MIS-2025-002", "3", ""),
            ("Anna Holm", "MIS-2025-003", "5", ""),
        ],
    );
    round.add(&[&anna]).run().code(0);
    let out_dir = round.dir.path().join("export");
    round
        .run(&["round", "export", "R", "--out", out_dir.to_str().unwrap()])
        .run()
        .code(0);
    let lines = std::fs::read_to_string(out_dir.join("decisions.jsonl")).unwrap();
    let decisions: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(decisions.len(), 3);
    for decision in &decisions {
        assert_ne!(decision["recommendation"], "awaiting_review", "{decision}");
        assert_eq!(
            decision["reviews"]["assessed_by"],
            serde_json::json!(["Anna Holm"])
        );
    }
}

/// While an application awaits review, the funding line is drawn without it: `round show` says
/// the line is provisional, and `decide` refuses a decision on an application that competes for
/// the budget (its place is not known yet). Once every application is reviewed, it is decided.
#[test]
fn no_decision_on_the_ranking_while_an_application_awaits_review() {
    let round = Round::new();
    let sheet = round.sheet(
        "anna.csv",
        &[
            ("Anna Holm", "MIS-2025-002", "4", ""),
            ("Anna Holm", "MIS-2025-003", "4", ""),
        ],
    );
    round.add(&[&sheet]).run().code(0);
    assert_eq!(
        round.row("MIS-2025-001")["recommendation"],
        "awaiting_review"
    );
    let ranked = round.row("MIS-2025-002")["recommendation"].clone();
    assert!(ranked == "fund" || ranked == "reserve", "{ranked}");
    let show = round.run(&["round", "show", "R"]).run().code(0);
    assert!(
        show.stdout
            .contains("— provisional funding line (1 awaiting review): the recommendation uses"),
        "{}",
        show.stdout
    );
    let decide = |id: &str| {
        round.run(&[
            "decide",
            "R",
            id,
            "reject",
            "--date",
            "2025-03-01",
            "--reason",
            "test",
        ])
    };
    let refused = decide("MIS-2025-002").run().code(2);
    assert!(
        refused.stderr.contains(
            "application `MIS-2025-002` competes for the budget, but the round's ranking is not \
             final: 1 application still awaiting review (`MIS-2025-001`)"
        ),
        "{}",
        refused.stderr
    );
    assert!(
        round.show()["applications"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["decision"].is_null())
    );
    let bo = round.sheet(
        "bo.csv",
        &[
            ("Bo Jensen", "MIS-2025-001", "3", ""),
            ("Bo Jensen", "MIS-2025-002", "4", ""),
        ],
    );
    round.add(&[&bo]).run().code(0);
    let show = round.run(&["round", "show", "R"]).run().code(0);
    assert!(
        show.stdout
            .contains("— funding line: the recommendation uses"),
        "{}",
        show.stdout
    );
    decide("MIS-2025-002").run().code(0);
}

/// A review a later declared conflict sets aside is no rejected input: `round export` says it
/// does not count, and exits 0 with the export complete.
#[test]
fn an_export_with_a_review_set_aside_by_a_later_conflict_exits_0() {
    let round = Round::new();
    let anna = round.sheet(
        "anna.csv",
        &[
            ("Anna Holm", "MIS-2025-001", "4", ""),
            ("Anna Holm", "MIS-2025-002", "3", ""),
            ("Anna Holm", "MIS-2025-003", "2", ""),
        ],
    );
    round.add(&[&anna]).run().code(0);
    let panel = std::fs::read_to_string(fixture().join("reviews/panel.toml")).unwrap()
        + "\n[[conflict]]\nmember = \"Anna Holm\"\napplication = \"MIS-2025-002\"\nreason = \"Min søn er med i projektet.\"\n";
    let file = round.dir.path().join("panel.toml");
    std::fs::write(&file, panel).unwrap();
    round
        .run(&["panel", "set", file.to_str().unwrap()])
        .run()
        .code(0);
    let out = round.dir.path().join("export");
    let run = round
        .run(&["round", "export", "R", "--out", out.to_str().unwrap()])
        .run()
        .code(0);
    assert!(run.stderr.contains("is not counted"), "{}", run.stderr);
    assert!(out.join("decisions.jsonl").exists());
}

/// An application every member of the panel stands aside from can get no review: `decide`
/// says the panel must grow, not that reviews should be entered.
#[test]
fn an_application_no_member_may_review_asks_for_a_larger_panel() {
    let round = Round::new();
    let file = round.dir.path().join("mette.toml");
    std::fs::write(
        &file,
        "[[member]]\nname = \"Mette Lauridsen\"\norganisations = [{ name = \"Sønderborg Musikskole\" }]\n",
    )
    .unwrap();
    round
        .run(&["panel", "set", file.to_str().unwrap()])
        .run()
        .code(0);
    let out = round
        .run(&[
            "decide",
            "R",
            "MIS-2025-001",
            "reject",
            "--date",
            "2025-05-01",
            "--reason",
            "x",
        ])
        .run()
        .code(2);
    assert!(
        out.stderr.contains(
            "application `MIS-2025-001` awaits review, but every member of the panel stands aside \
             from it (`Mette Lauridsen`), so no one can review it; add a member"
        ),
        "{}",
        out.stderr
    );
}
