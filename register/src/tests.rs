//! The register's behaviour on a real SQLite file in a temporary folder.

use super::*;
use crate::ledger::{Finding, Kind};
use std::path::Path;

fn new_round(id: &str, year: i64, year_budget: u64) -> NewRound {
    NewRound {
        id: id.into(),
        title: format!("Round {id}"),
        year,
        budget: year_budget,
        year_budget,
        language: "da".into(),
        currency: "DKK".into(),
        pack_id: "p".into(),
        pack_version: "1.0.0".into(),
        pack_fingerprint: "sha256:00".into(),
        files: vec![
            ("pack.toml".into(), "id = \"p\"\n".into()),
            ("gates/a.rhai".into(), "pass(\"ok\");\n".into()),
        ],
    }
}

fn application(id: &str, requested: u64, fingerprint: &str) -> NewApplication {
    NewApplication {
        application_id: id.into(),
        input_fingerprint: fingerprint.into(),
        application: format!("{{\"id\":\"{id}\"}}"),
        requested,
        assessment: format!("{{\"application_id\":\"{id}\"}}"),
        engine_version: "0.1.0".into(),
        source: "apps.jsonl".into(),
    }
}

fn grant(round: &str, app: &str, amount: u64) -> NewDecision {
    NewDecision {
        round: round.into(),
        application: app.into(),
        outcome: Outcome::Grant(amount),
        decided_on: "2025-03-01".into(),
        reason: None,
        recommendation: "fund".into(),
        recommended_amount: amount,
        abstained: vec![],
        differs: false,
        // The first assessment `application` stores.
        assessment_digest: ledger::text_digest(&format!("{{\"application_id\":\"{app}\"}}")),
        expected: Expected::Anything,
    }
}

fn register(dir: &tempfile::TempDir) -> Register {
    Register::open(&dir.path().join("r.sqlite"), Access::Create, "tester").unwrap()
}

/// Every finding of the ledger's check, without the round it concerns.
fn findings(r: &mut Register) -> Vec<Finding> {
    r.check_ledger()
        .unwrap()
        .findings
        .into_iter()
        .map(|(_, f)| f)
        .collect()
}

fn refusal<T: std::fmt::Debug>(result: Result<T>) -> Refusal {
    match result {
        Err(Error::Refused(r)) => r,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn fault<T: std::fmt::Debug>(result: Result<T>) -> Fault {
    match result {
        Err(Error::Fault(f)) => f,
        other => panic!("expected a fault, got {other:?}"),
    }
}

#[test]
fn a_register_is_created_only_when_asked_and_recognised_after() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite");
    assert!(matches!(
        refusal(Register::open(&path, Access::Write, "t").map(|_| ())),
        Refusal::NoRegister { .. }
    ));
    assert!(!path.exists(), "a refused open must not leave a file");
    let mut r = Register::open(&path, Access::Create, "t").unwrap();
    r.open_round(&new_round("2025-1", 2025, 200_000)).unwrap();
    drop(r);
    let r = Register::open(&path, Access::Write, "t").unwrap();
    assert_eq!(r.rounds().unwrap().len(), 1);
}

#[test]
fn other_files_are_not_registers() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "this is not a database, it is a note of some length ".repeat(40),
    )
    .unwrap();
    assert!(matches!(
        fault(Register::open(&text, Access::Create, "t").map(|_| ())),
        Fault::NotARegister { .. }
    ));
    // Another application's SQLite database.
    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x INTEGER);")
        .unwrap();
    assert!(matches!(
        fault(Register::open(&other, Access::Create, "t").map(|_| ())),
        Fault::NotARegister { .. }
    ));
    // A folder, a device, a folder that is not there.
    assert!(matches!(
        fault(Register::open(dir.path(), Access::Write, "t").map(|_| ())),
        Fault::NotARegister {
            why: NotARegister::Folder,
            ..
        }
    ));
    assert!(matches!(
        fault(Register::open(Path::new("/dev/null"), Access::Write, "t").map(|_| ())),
        Fault::NotARegister {
            why: NotARegister::NotAFile,
            ..
        }
    ));
    assert!(matches!(
        fault(
            Register::open(&dir.path().join("no/such/r.sqlite"), Access::Create, "t").map(|_| ())
        ),
        Fault::NoFolder { .. }
    ));
    // A register whose version was set back by hand.
    let damaged = dir.path().join("damaged.sqlite");
    drop(Register::open(&damaged, Access::Create, "t").unwrap());
    rusqlite::Connection::open(&damaged)
        .unwrap()
        .pragma_update(None, "user_version", 0)
        .unwrap();
    assert_eq!(
        fault(Register::open(&damaged, Access::Write, "t").map(|_| ())),
        Fault::NotARegister {
            path: damaged,
            why: NotARegister::Damaged
        }
    );
    // An empty file is not a register to a command that does not create one.
    let empty = dir.path().join("empty.sqlite");
    std::fs::write(&empty, "").unwrap();
    assert!(matches!(
        fault(Register::open(&empty, Access::Write, "t").map(|_| ())),
        Fault::NotARegister { .. }
    ));
}

#[test]
fn a_register_of_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite");
    drop(Register::open(&path, Access::Create, "t").unwrap());
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    assert_eq!(
        fault(Register::open(&path, Access::Write, "t").map(|_| ())),
        Fault::Newer {
            path,
            version: 99,
            known: 3
        }
    );
}

#[test]
fn a_round_id_is_taken_once_and_unknown_ids_name_the_known() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("2025-1", 2025, 200_000)).unwrap();
    assert_eq!(
        refusal(r.open_round(&new_round("2025-1", 2025, 1))),
        Refusal::RoundExists {
            id: "2025-1".into()
        }
    );
    assert_eq!(
        refusal(r.round("2025-2")),
        Refusal::NoSuchRound {
            id: "2025-2".into(),
            known: vec!["2025-1".into()]
        }
    );
    assert_eq!(r.pack_files("2025-1").unwrap().len(), 2);
}

#[test]
fn the_same_application_twice_is_recognised_and_another_under_its_id_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("R", 2025, 200_000)).unwrap();
    let first = r
        .add_applications("R", &[application("A", 10, "sha256:a")], &mut |_| {})
        .unwrap();
    assert_eq!(first.added, vec!["A".to_string()]);
    let again = r
        .add_applications(
            "R",
            &[
                application("A", 10, "sha256:a"),
                application("A2", 10, "sha256:b"),
            ],
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(again.already, vec!["A".to_string()]);
    assert_eq!(again.added, vec!["A2".to_string()]);
    let other = r
        .add_applications(
            "R",
            &[
                application("A", 10, "sha256:other"),
                application("a2", 10, "sha256:lower"),
            ],
            &mut |_| {},
        )
        .unwrap();
    assert!(other.added.is_empty());
    assert_eq!(
        other.conflicts.len(),
        2,
        "an id differing only in case is the same id"
    );
    let mut seqs = Vec::new();
    r.for_each_application("R", &mut |a| {
        seqs.push((a.seq, a.application_id));
        Ok(())
    })
    .unwrap();
    assert_eq!(seqs, vec![(1, "A".to_string()), (2, "A2".to_string())]);
}

#[test]
fn a_grant_stays_within_the_year_across_rounds_and_within_the_request() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("R1", 2025, 200_000)).unwrap();
    r.open_round(&new_round("R2", 2025, 200_000)).unwrap();
    r.add_applications("R1", &[application("A", 150_000, "sha256:a")], &mut |_| {})
        .unwrap();
    r.add_applications("R2", &[application("B", 100_000, "sha256:b")], &mut |_| {})
        .unwrap();
    // An impossible amount is refused as such, before the missing reason of a differing one.
    let mut differing = grant("R1", "A", 150_001);
    differing.differs = true;
    assert!(matches!(
        refusal(r.decide(&differing)),
        Refusal::MoreThanRequested { .. }
    ));
    differing.outcome = Outcome::Grant(100_000);
    assert!(matches!(
        refusal(r.decide(&differing)),
        Refusal::ReasonNeeded { .. }
    ));
    assert_eq!(
        refusal(r.decide(&grant("R1", "A", 150_001))),
        Refusal::MoreThanRequested {
            application: "A".into(),
            requested: 150_000,
            asked: 150_001,
            currency: "DKK".into()
        }
    );
    r.decide(&grant("R1", "A", 150_000)).unwrap();
    assert_eq!(
        refusal(r.decide(&grant("R2", "B", 60_000))),
        Refusal::MoreThanYearLeft {
            year: 2025,
            left: 50_000,
            asked: 60_000,
            currency: "DKK".into()
        }
    );
    // Lowering A's grant frees money; its own earlier grant counts as left to it.
    r.decide(&grant("R1", "A", 100_000)).unwrap();
    r.decide(&grant("R2", "B", 100_000)).unwrap();
    assert_eq!(r.granted_in_year("p", 2025).unwrap(), 200_000);
    let history = r.decisions("R1").unwrap();
    assert_eq!(history.len(), 2, "the earlier decision is kept");
    assert_eq!(
        r.current_decisions("R1").unwrap()["A"].outcome,
        Outcome::Grant(100_000)
    );
    assert_eq!(
        r.money().unwrap(),
        vec![YearMoney {
            year: 2025,
            programme: "p".into(),
            budget: 200_000,
            granted: 200_000
        }]
    );
}

#[test]
fn a_year_has_the_budget_of_its_latest_round_in_every_round() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("R1", 2025, 200_000)).unwrap();
    r.add_applications("R1", &[application("A", 300_000, "sha256:a")], &mut |_| {})
        .unwrap();
    assert!(matches!(
        refusal(r.decide(&grant("R1", "A", 250_000))),
        Refusal::MoreThanYearLeft { left: 200_000, .. }
    ));
    // A later round under a pack that gives the year more: the older round may use it too.
    r.open_round(&new_round("R2", 2025, 500_000)).unwrap();
    r.decide(&grant("R1", "A", 250_000)).unwrap();
    assert_eq!(r.year_budget("p", 2025).unwrap(), Some(500_000));
    assert_eq!(r.money().unwrap()[0].left(), 250_000);
}

#[test]
fn a_closed_round_refuses_every_change_and_needs_every_decision_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("R", 2025, 200_000)).unwrap();
    r.add_applications(
        "R",
        &[
            application("A", 10, "sha256:a"),
            application("B", 10, "sha256:b"),
        ],
        &mut |_| {},
    )
    .unwrap();
    r.decide(&grant("R", "A", 10)).unwrap();
    assert!(matches!(
        refusal(r.close_round("R")),
        Refusal::Undecided { count: 1, .. }
    ));
    let mut reject = grant("R", "B", 0);
    reject.outcome = Outcome::Reject;
    reject.abstained = vec!["Bo".into(), "Al".into(), "Bo".into()];
    let recorded = r.decide(&reject).unwrap();
    assert_eq!(recorded.abstained, vec!["Al".to_string(), "Bo".to_string()]);
    let closed = r.close_round("R").unwrap();
    assert_eq!(closed.closing.as_ref().unwrap().granted, 10);
    assert!(matches!(
        refusal(r.close_round("R")),
        Refusal::RoundClosed { .. }
    ));
    assert!(matches!(
        refusal(r.decide(&grant("R", "A", 5))),
        Refusal::RoundClosed { .. }
    ));
    assert!(matches!(
        refusal(r.add_applications("R", &[application("C", 1, "sha256:c")], &mut |_| {})),
        Refusal::RoundClosed { .. }
    ));
    assert_eq!(findings(&mut r), vec![]);
}

#[test]
fn an_sql_tool_cannot_change_or_delete_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("R", 2025, 200_000)).unwrap();
    r.add_applications("R", &[application("A", 10, "sha256:a")], &mut |_| {})
        .unwrap();
    let tool = rusqlite::Connection::open(dir.path().join("r.sqlite")).unwrap();
    for sql in [
        "UPDATE application SET requested = 5",
        "DELETE FROM application",
        "DELETE FROM ledger",
        "UPDATE round SET budget = 1",
    ] {
        let error = tool.execute(sql, []).unwrap_err().to_string();
        assert!(
            error.contains("kriterium keeps") || error.contains("a round is changed only"),
            "{sql}: {error}"
        );
    }
}

#[test]
fn the_ledger_names_a_record_changed_added_or_removed_behind_its_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("R", 2025, 200_000)).unwrap();
    r.add_applications(
        "R",
        &[
            application("A", 10, "sha256:a"),
            application("B", 10, "sha256:b"),
        ],
        &mut |_| {},
    )
    .unwrap();
    r.decide(&grant("R", "A", 10)).unwrap();
    assert_eq!(findings(&mut r), vec![]);
    let tool = rusqlite::Connection::open(dir.path().join("r.sqlite")).unwrap();
    // Someone determined enough to remove the guard and edit an assessment.
    tool.execute_batch(
        "DROP TRIGGER application_kept;
         UPDATE application SET assessment = '{}' WHERE application_id = 'B';
         INSERT INTO application VALUES ('R', 'X', 9, 'sha256:x', '{}', 1, '{}', '0.1.0', 's', 't', 'u');
         DROP TRIGGER pack_file_not_deleted;
         DELETE FROM pack_file WHERE path = 'gates/a.rhai';",
    )
    .unwrap();
    let findings = findings(&mut r);
    assert!(findings.contains(&Finding::Changed {
        kind: Kind::Application,
        item: "B".into()
    }));
    assert!(findings.contains(&Finding::NotOnLedger {
        kind: Kind::Application,
        item: "X".into()
    }));
    assert!(findings.contains(&Finding::Missing {
        kind: Kind::PackFile,
        item: "gates/a.rhai".into()
    }));
    assert_eq!(findings.len(), 3, "{findings:?}");
}

#[test]
fn a_rewritten_ledger_breaks_its_chain_and_a_closed_round_its_seal() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("R", 2025, 200_000)).unwrap();
    r.add_applications("R", &[application("A", 10, "sha256:a")], &mut |_| {})
        .unwrap();
    r.decide(&grant("R", "A", 10)).unwrap();
    r.close_round("R").unwrap();
    let tool = rusqlite::Connection::open(dir.path().join("r.sqlite")).unwrap();
    // Change the grant and write its new digest into the ledger: the chain no longer follows.
    tool.execute_batch(
        "DROP TRIGGER decision_kept; DROP TRIGGER ledger_kept;
         UPDATE decision SET amount = 5;",
    )
    .unwrap();
    let changed = findings(&mut r);
    assert_eq!(
        changed,
        vec![Finding::Changed {
            kind: Kind::Decision,
            item: "1".into()
        }]
    );
    let record = &r.decisions("R").unwrap()[0];
    let digest = ledger::digest(&record.content());
    tool.execute(
        "UPDATE ledger SET digest = ?1 WHERE kind = 'decision'",
        [&digest],
    )
    .unwrap();
    let findings = findings(&mut r);
    assert!(
        findings.iter().any(|f| matches!(f, Finding::Broken { .. })),
        "{findings:?}"
    );
}

#[test]
fn a_round_removed_or_cut_short_breaks_the_chain_of_the_entries_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("R1", 2024, 200_000)).unwrap();
    r.add_applications("R1", &[application("A", 10, "sha256:a")], &mut |_| {})
        .unwrap();
    r.decide(&grant("R1", "A", 10)).unwrap();
    r.close_round("R1").unwrap();
    r.open_round(&new_round("R2", 2025, 200_000)).unwrap();
    r.add_applications(
        "R2",
        &[
            application("B", 10, "sha256:b"),
            application("C", 10, "sha256:c"),
        ],
        &mut |_| {},
    )
    .unwrap();
    r.open_round(&new_round("R3", 2025, 200_000)).unwrap();
    assert_eq!(findings(&mut r), vec![]);
    let before = r.check_ledger().unwrap().head.unwrap();
    let tool = rusqlite::Connection::open(dir.path().join("r.sqlite")).unwrap();
    tool.execute_batch(
        "PRAGMA foreign_keys = OFF;
         DROP TRIGGER application_not_deleted; DROP TRIGGER ledger_not_deleted;
         DROP TRIGGER round_not_deleted; DROP TRIGGER pack_file_not_deleted;
         DROP TRIGGER decision_not_deleted; DROP TRIGGER abstention_not_deleted;
         -- R2's last application, and its entry: R3's entries after it no longer follow.
         DELETE FROM application WHERE application_id = 'C';
         DELETE FROM ledger WHERE round_id = 'R2' AND item = 'C';",
    )
    .unwrap();
    let cut = findings(&mut r);
    assert!(
        cut.iter().any(|f| matches!(f, Finding::Broken { .. })),
        "{cut:?}"
    );
    // A whole closed round and everything of it, ledger entries included.
    tool.execute_batch(
        "DELETE FROM abstention; DELETE FROM decision WHERE round_id = 'R1';
         DELETE FROM application WHERE round_id = 'R1'; DELETE FROM pack_file WHERE round_id = 'R1';
         DELETE FROM ledger WHERE round_id = 'R1'; DELETE FROM round WHERE id = 'R1';",
    )
    .unwrap();
    let gone = findings(&mut r);
    // R1's entries were 1–6: the first entry left, 7, no longer starts the chain.
    assert!(
        gone.contains(&Finding::Broken { seq: 7 }),
        "the first entry left no longer starts the chain: {gone:?}"
    );
    // The head is what the minutes would hold: it has not moved, the cut is in the middle.
    assert_eq!(r.check_ledger().unwrap().head.unwrap(), before);
}

#[test]
fn a_register_opened_for_reading_reads_and_never_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("R", 2025, 200_000)).unwrap();
    drop(r);
    let path = dir.path().join("r.sqlite");
    let mut reader = Register::open(&path, Access::Read, "t").unwrap();
    assert_eq!(reader.rounds().unwrap().len(), 1);
    assert_eq!(reader.check_ledger().unwrap().findings, vec![]);
    assert!(matches!(
        fault(reader.open_round(&new_round("S", 2025, 1))),
        Fault::Storage { .. }
    ));
    // An archived copy read as an unchanging file (what a read-only folder falls back to).
    let copy = dir.path().join("a copy ø.sqlite");
    std::fs::copy(&path, &copy).unwrap();
    let immutable = open_immutable(&copy).unwrap();
    assert_eq!(identify(&immutable).unwrap().0, schema::APPLICATION_ID);
}

#[test]
fn an_application_granted_in_another_round_of_the_year_gets_no_more_than_it_requested() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("R1", 2025, 500_000)).unwrap();
    r.open_round(&new_round("R2", 2025, 500_000)).unwrap();
    r.open_round(&new_round("S1", 2026, 500_000)).unwrap();
    for round in ["R1", "R2", "S1"] {
        r.add_applications(round, &[application("A", 150_000, "sha256:a")], &mut |_| {})
            .unwrap();
    }
    r.decide(&grant("R1", "A", 150_000)).unwrap();
    assert_eq!(
        refusal(r.decide(&grant("R2", "A", 50_000))),
        Refusal::GrantedElsewhere {
            application: "A".into(),
            year: 2025,
            elsewhere: vec![("R1".into(), 150_000)],
            requested: 150_000,
            asked: 50_000,
            currency: "DKK".into()
        }
    );
    // Another year is another grant.
    r.decide(&grant("S1", "A", 150_000)).unwrap();
    // Lowered in the first round, it may get the rest in the second.
    r.decide(&grant("R1", "A", 100_000)).unwrap();
    r.decide(&grant("R2", "A", 50_000)).unwrap();
}

#[test]
fn each_programme_has_its_own_money_in_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("P1", 2025, 200_000)).unwrap();
    let mut other = new_round("Q1", 2025, 1_500_000);
    other.pack_id = "q".into();
    r.open_round(&other).unwrap();
    r.add_applications("P1", &[application("A", 300_000, "sha256:a")], &mut |_| {})
        .unwrap();
    // The other programme's larger budget is not this one's.
    assert!(matches!(
        refusal(r.decide(&grant("P1", "A", 250_000))),
        Refusal::MoreThanYearLeft { left: 200_000, .. }
    ));
    let money = r.money().unwrap();
    assert_eq!(
        money
            .iter()
            .map(|m| (m.programme.as_str(), m.budget))
            .collect::<Vec<_>>(),
        vec![("p", 200_000), ("q", 1_500_000)]
    );
}

#[test]
fn reviews_supersede_per_reviewer_versions_follow_and_a_stale_basis_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("R", 2025, 1000)).unwrap();
    r.add_applications("R", &[application("A", 100, "sha256:a")], &mut |_| {})
        .unwrap();
    let assessed = |text: &str, based_on: Basis| Versions {
        round: "R".into(),
        based_on,
        assessments: vec![("A".into(), text.into(), "0.1.0".into())],
    };
    // The panel: adopted by the open round, and a new version of A made with it.
    let panel = r
        .set_panel(
            "panel.toml",
            "[[member]]\nname = \"Anna\"\n",
            &[assessed("v-panel", Basis::default())],
        )
        .unwrap();
    let with_panel = r.round_basis("R").unwrap();
    assert_eq!(
        with_panel,
        Basis {
            panel: Some(panel),
            entries: vec![]
        }
    );
    let review = |score: u32| NewReview {
        reviewer: "Anna".into(),
        application_id: "A".into(),
        criterion: "c".into(),
        score,
        comment: String::new(),
        source: "anna.csv: række 2".into(),
    };
    // Assessed from a basis that is no longer the round's: refused, nothing stored.
    let stale = r.add_reviews(
        &["Anna".into()],
        &[review(1)],
        &assessed("v-1", Basis::default()),
    );
    assert_eq!(
        refusal(stale),
        Refusal::ChangedMeanwhile { round: "R".into() }
    );
    assert!(r.review_entries("R").unwrap().is_empty());
    let first = r
        .add_reviews(
            &["Anna".into()],
            &[review(1)],
            &assessed("v-1", with_panel.clone()),
        )
        .unwrap()["Anna"];
    let after_first = r.round_basis("R").unwrap();
    let second = r
        .add_reviews(
            &["Anna".into()],
            &[review(4)],
            &assessed("v-4", after_first),
        )
        .unwrap()["Anna"];
    // Anna's second sheet is in force; the first is kept, superseded.
    let entries = r.review_entries("R").unwrap();
    assert_eq!(
        entries
            .iter()
            .map(|e| (e.id, e.current, e.reviews[0].review.score))
            .collect::<Vec<_>>(),
        vec![(first, false, 1), (second, true, 4)]
    );
    // One version per change, each naming what it was made from; the first stays.
    let versions = r.assessment_versions("R").unwrap();
    assert_eq!(
        versions
            .iter()
            .map(|v| (v.assessment.as_str(), v.basis.entries.clone()))
            .collect::<Vec<_>>(),
        vec![
            ("v-panel", vec![]),
            ("v-1", vec![first]),
            ("v-4", vec![second])
        ]
    );
    assert_eq!(r.current_assessment("R", "A").unwrap(), "v-4");
    assert_eq!(
        r.application("R", "A").unwrap().assessment,
        "{\"application_id\":\"A\"}"
    );
    // Everything is on the ledger, and the same assessment again is no new version.
    assert!(findings(&mut r).is_empty());
    let now = r.round_basis("R").unwrap();
    assert_eq!(r.store_versions(&assessed("v-4", now)).unwrap(), 0);
}

#[test]
fn a_decision_stands_on_the_assessment_it_was_made_on_and_a_changed_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("R", 2025, 1000)).unwrap();
    r.add_applications("R", &[application("A", 100, "sha256:a")], &mut |_| {})
        .unwrap();
    let version = |text: &str, r: &Register| Versions {
        round: "R".into(),
        based_on: r.round_basis("R").unwrap(),
        assessments: vec![("A".into(), text.into(), "0.1.0".into())],
    };
    r.store_versions(&version("{\"v\":1}", &r)).unwrap();
    // Decided on the first assessment while version 1 is current: refused, nothing stored.
    assert_eq!(
        refusal(r.decide(&grant("R", "A", 100))),
        Refusal::ChangedMeanwhile { round: "R".into() }
    );
    assert!(r.decisions("R").unwrap().is_empty());
    let mut on_v1 = grant("R", "A", 100);
    on_v1.assessment_digest = ledger::text_digest("{\"v\":1}");
    let record = r.decide(&on_v1).unwrap();
    assert_eq!(
        record.assessment_digest,
        Some(on_v1.assessment_digest.clone())
    );
    // Reviews later give A a new assessment: the decision still names the one it was made on.
    r.store_versions(&version("{\"v\":2}", &r)).unwrap();
    assert_eq!(r.current_assessment("R", "A").unwrap(), "{\"v\":2}");
    let stored = r.decisions("R").unwrap().remove(0);
    assert_eq!(stored, record);
    assert_eq!(r.decided_assessment(&stored).unwrap(), "{\"v\":1}");
    // A decision recorded before version 3 has no digest: the current assessment is used.
    let mut older = stored.clone();
    older.assessment_digest = None;
    assert_eq!(r.decided_assessment(&older).unwrap(), "{\"v\":2}");
    // A digest the register holds no assessment for is a damaged register, not a default.
    let mut unknown = stored;
    unknown.assessment_digest = Some("sha256:00".into());
    assert!(matches!(
        fault(r.decided_assessment(&unknown)),
        Fault::Storage { .. }
    ));
    assert!(findings(&mut r).is_empty());
}

#[test]
fn a_decision_recorded_before_version_3_hashes_as_it_did() {
    let record = DecisionRecord {
        id: 7,
        round: "R".into(),
        application: "A".into(),
        outcome: Outcome::Grant(100),
        decided_on: "2025-03-01".into(),
        reason: None,
        recommendation: "fund".into(),
        recommended_amount: 100,
        abstained: vec!["Bo".into()],
        recorded_at: "2025-03-02T10:00:00Z".into(),
        recorded_by: "tester".into(),
        assessment_digest: None,
    };
    // The content exactly as version 2 wrote it into the ledger.
    let v2 = serde_json::json!([
        7,
        "R",
        "A",
        "grant",
        100,
        "2025-03-01",
        null,
        "fund",
        100,
        "2025-03-02T10:00:00Z",
        "tester",
        ["Bo"]
    ]);
    assert_eq!(ledger::digest(&record.content()), ledger::digest(&v2));
    let with = DecisionRecord {
        assessment_digest: Some("sha256:ab".into()),
        ..record
    };
    assert_ne!(ledger::digest(&with.content()), ledger::digest(&v2));
}

#[test]
fn a_round_is_not_closed_while_an_application_awaits_review_decided_or_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("R", 2025, 1000)).unwrap();
    r.add_applications(
        "R",
        &[
            application("A", 100, "sha256:a"),
            application("B", 100, "sha256:b"),
        ],
        &mut |_| {},
    )
    .unwrap();
    r.decide(&grant("R", "A", 100)).unwrap();
    let mut reject = grant("R", "B", 0);
    reject.outcome = Outcome::Reject;
    r.decide(&reject).unwrap();
    // After the decisions, B's reviews are withdrawn: it awaits review again.
    let awaiting = "{\"recommendation\":\"awaiting_review\"}";
    r.store_versions(&Versions {
        round: "R".into(),
        based_on: r.round_basis("R").unwrap(),
        assessments: vec![("B".into(), awaiting.into(), "0.1.0".into())],
    })
    .unwrap();
    assert_eq!(
        refusal(r.close_round("R")),
        Refusal::AwaitingReview {
            round: "R".into(),
            awaiting: vec!["B".into()]
        }
    );
    assert!(r.round("R").unwrap().is_open());
}

#[test]
fn a_decision_over_one_the_caller_did_not_see_is_refused_and_nothing_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = register(&dir);
    r.open_round(&new_round("R", 2025, 200_000)).unwrap();
    r.add_applications("R", &[application("A", 150_000, "sha256:a")], &mut |_| {})
        .unwrap();
    // Two people open the page while A has no decision; the first one's decision is recorded.
    let mut first = grant("R", "A", 150_000);
    first.expected = Expected::Nothing;
    let recorded = r.decide(&first).unwrap();
    let mut second = grant("R", "A", 100_000);
    second.expected = Expected::Nothing;
    assert_eq!(
        refusal(r.decide(&second)),
        Refusal::DecisionChanged {
            round: "R".into(),
            application: "A".into(),
            current: Some((recorded.recorded_by.clone(), recorded.recorded_at.clone())),
        }
    );
    assert_eq!(r.decisions("R").unwrap(), vec![recorded.clone()]);
    // Over the decision they saw, or with no expectation, it is recorded.
    second.expected = Expected::Decision(recorded.id + 1);
    assert!(matches!(
        refusal(r.decide(&second)),
        Refusal::DecisionChanged { .. }
    ));
    second.expected = Expected::Decision(recorded.id);
    let replaced = r.decide(&second).unwrap();
    assert_eq!(r.decisions("R").unwrap().len(), 2);
    second.expected = Expected::Anything;
    assert!(r.decide(&second).unwrap().id > replaced.id);
}
