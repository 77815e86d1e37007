//! The register's tables, as migrations: each step brings a register from one version to the
//! next, and a register is never changed by hand-written SQL outside them.
//!
//! The tables are meant to be read with any SQLite tool (`sqlite3 kriterium.sqlite`), so they
//! use plain names and plain values: ids and dates as text, amounts as whole kroner, the stored
//! application and assessment as the JSON kriterium writes. ARCHITECTURE.md has the diagram.
//!
//! Records are kept, never changed: triggers refuse every `UPDATE` and `DELETE` of them (a round
//! only gains its closing), and every insert into a closed round. The triggers guard against a
//! slip in a SQL tool; the ledger's hash chain (`ledger.rs`) shows a change made deliberately.

use rusqlite_migration::{M, Migrations};

/// `PRAGMA application_id` of a register, "krit": tells a register from any other SQLite file.
pub const APPLICATION_ID: i32 = 0x6b72_6974;

/// Version 1: rounds, their pack snapshots, applications with their assessments, the group's
/// decisions (every version of them), abstentions, and the ledger.
const V1: &str = r#"
-- "krit": what tells a register from any other SQLite file (APPLICATION_ID).
PRAGMA application_id = 1802660212;

CREATE TABLE round (
    id               TEXT PRIMARY KEY NOT NULL,
    title            TEXT NOT NULL,
    year             INTEGER NOT NULL,
    -- kr. the round's recommendation is funded against (what gates see as pack.budget)
    budget           INTEGER NOT NULL CHECK (budget >= 0),
    -- kr. the year has in the round's pack, which decisions of the year must stay within
    year_budget      INTEGER NOT NULL CHECK (year_budget >= 0),
    -- language of the assessments' titles (da, en, sv)
    language         TEXT NOT NULL,
    -- ISO 4217 code of every amount in the round, from its pack (DKK)
    currency         TEXT NOT NULL,
    pack_id          TEXT NOT NULL,
    pack_version     TEXT NOT NULL,
    pack_fingerprint TEXT NOT NULL,
    opened_at        TEXT NOT NULL,
    opened_by        TEXT NOT NULL,
    closed_at        TEXT,
    closed_by        TEXT,
    -- kr. granted by decision in the round when it was closed
    granted_at_close INTEGER,
    -- the ledger's last chain value when the round was closed
    seal             TEXT
) STRICT;

-- Every file of the pack the round was opened with, as it was then.
CREATE TABLE pack_file (
    round_id TEXT NOT NULL REFERENCES round (id),
    path     TEXT NOT NULL,
    content  TEXT NOT NULL,
    PRIMARY KEY (round_id, path)
) STRICT;

-- Every application of a round, and its assessment under the round's pack and budget.
CREATE TABLE application (
    round_id          TEXT NOT NULL REFERENCES round (id),
    application_id    TEXT NOT NULL,
    -- order in which the round received it, from 1
    seq               INTEGER NOT NULL,
    input_fingerprint TEXT NOT NULL,
    -- the application's canonical JSON
    application       TEXT NOT NULL,
    -- kr.
    requested         INTEGER NOT NULL CHECK (requested >= 0),
    -- the decision JSON (schemas/decision.schema.json) of the application assessed alone
    assessment        TEXT NOT NULL,
    engine_version    TEXT NOT NULL,
    -- the file (and line) it was read from
    source            TEXT NOT NULL,
    added_at          TEXT NOT NULL,
    added_by          TEXT NOT NULL,
    PRIMARY KEY (round_id, application_id),
    UNIQUE (round_id, seq)
) STRICT;

-- The group's decisions. A changed decision is a new row; the one with the highest id is current.
CREATE TABLE decision (
    id                 INTEGER PRIMARY KEY,
    round_id           TEXT NOT NULL,
    application_id     TEXT NOT NULL,
    outcome            TEXT NOT NULL CHECK (outcome IN ('grant', 'reject')),
    -- kr. granted; 0 for a refusal
    amount             INTEGER NOT NULL CHECK (amount >= 0),
    -- the date of the meeting that decided, YYYY-MM-DD
    decided_on         TEXT NOT NULL,
    reason             TEXT,
    -- what kriterium recommended when the decision was recorded, and the amount
    recommendation     TEXT NOT NULL,
    recommended_amount INTEGER NOT NULL,
    recorded_at        TEXT NOT NULL,
    recorded_by        TEXT NOT NULL,
    FOREIGN KEY (round_id, application_id) REFERENCES application (round_id, application_id)
) STRICT;

-- Members who stood aside from a decision for a conflict of interest (inhabilitet).
CREATE TABLE abstention (
    decision_id INTEGER NOT NULL REFERENCES decision (id),
    member      TEXT NOT NULL,
    PRIMARY KEY (decision_id, member)
) STRICT;

-- Every record of every round in the order it was stored, each with a digest of its content and
-- a chain value: sha256 of the previous entry's chain value and this entry. One chain for the
-- whole register, so a round removed, or a round's last records, break the entries after them.
-- `register verify` recomputes it.
CREATE TABLE ledger (
    -- 1, 2, 3, … across the register
    seq      INTEGER PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES round (id),
    -- round, pack_file, application, decision or close
    kind     TEXT NOT NULL,
    -- which record of its kind: the round id, file path, application id or decision id
    item     TEXT NOT NULL,
    digest   TEXT NOT NULL,
    chain    TEXT NOT NULL
) STRICT;

CREATE INDEX ledger_by_round ON ledger (round_id, seq);

CREATE INDEX decision_by_application ON decision (round_id, application_id, id);
CREATE INDEX abstention_by_decision ON abstention (decision_id);

-- The current decision on each application.
CREATE VIEW current_decision AS
SELECT d.* FROM decision d
WHERE d.id = (SELECT max(e.id) FROM decision e
              WHERE e.round_id = d.round_id AND e.application_id = d.application_id);

-- Records are kept, never changed.
CREATE TRIGGER pack_file_kept BEFORE UPDATE ON pack_file
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never changed'); END;
CREATE TRIGGER pack_file_not_deleted BEFORE DELETE ON pack_file
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never deleted'); END;
CREATE TRIGGER application_kept BEFORE UPDATE ON application
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never changed'); END;
CREATE TRIGGER application_not_deleted BEFORE DELETE ON application
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never deleted'); END;
CREATE TRIGGER decision_kept BEFORE UPDATE ON decision
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; a changed decision is a new one'); END;
CREATE TRIGGER decision_not_deleted BEFORE DELETE ON decision
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never deleted'); END;
CREATE TRIGGER abstention_kept BEFORE UPDATE ON abstention
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never changed'); END;
CREATE TRIGGER abstention_not_deleted BEFORE DELETE ON abstention
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never deleted'); END;
CREATE TRIGGER ledger_kept BEFORE UPDATE ON ledger
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never changed'); END;
CREATE TRIGGER ledger_not_deleted BEFORE DELETE ON ledger
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never deleted'); END;
CREATE TRIGGER round_not_deleted BEFORE DELETE ON round
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never deleted'); END;
-- A round changes once: when it is closed; after that, never.
CREATE TRIGGER round_kept BEFORE UPDATE ON round
WHEN OLD.closed_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.title IS NOT OLD.title OR NEW.year IS NOT OLD.year
  OR NEW.budget IS NOT OLD.budget OR NEW.year_budget IS NOT OLD.year_budget
  OR NEW.language IS NOT OLD.language OR NEW.currency IS NOT OLD.currency OR NEW.pack_id IS NOT OLD.pack_id
  OR NEW.pack_version IS NOT OLD.pack_version OR NEW.pack_fingerprint IS NOT OLD.pack_fingerprint
  OR NEW.opened_at IS NOT OLD.opened_at OR NEW.opened_by IS NOT OLD.opened_by
BEGIN SELECT RAISE(ABORT, 'a round is changed only by closing it, and a closed round never'); END;
-- Nothing is added to a closed round.
CREATE TRIGGER application_round_open BEFORE INSERT ON application
WHEN (SELECT closed_at FROM round WHERE id = NEW.round_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the round is closed'); END;
CREATE TRIGGER decision_round_open BEFORE INSERT ON decision
WHEN (SELECT closed_at FROM round WHERE id = NEW.round_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the round is closed'); END;
CREATE TRIGGER pack_file_round_open BEFORE INSERT ON pack_file
WHEN (SELECT closed_at FROM round WHERE id = NEW.round_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the round is closed'); END;
CREATE TRIGGER ledger_round_open BEFORE INSERT ON ledger
WHEN (SELECT closed_at FROM round WHERE id = NEW.round_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the round is closed'); END;
"#;

/// Version 2: the panel (every version of it, and which one each round uses), reviewers' scores
/// per round (a reviewer's new sheet is a new entry that replaces their earlier one, which is
/// kept), and the later versions of each application's assessment, each naming the panel and
/// the review entries it was made from.
const V2: &str = r#"
-- Every panel set with `kriterium panel set`, as the file said (panel.toml).
CREATE TABLE panel (
    id      INTEGER PRIMARY KEY,
    -- the file it was read from
    file    TEXT NOT NULL,
    -- the TOML text, as given
    content TEXT NOT NULL,
    set_at  TEXT NOT NULL,
    set_by  TEXT NOT NULL
) STRICT;

-- Which panel a round uses, from when. A round uses the latest row of it; a panel set while
-- the round is open, or before it was opened, becomes its panel.
CREATE TABLE round_panel (
    id         INTEGER PRIMARY KEY,
    round_id   TEXT NOT NULL REFERENCES round (id),
    panel_id   INTEGER NOT NULL REFERENCES panel (id),
    adopted_at TEXT NOT NULL
) STRICT;

-- One reviewer's reviews of a round, entered at once (`kriterium reviews add`). The reviewer's
-- latest entry in the round holds the reviews in force; earlier entries are the history.
CREATE TABLE review_entry (
    id         INTEGER PRIMARY KEY,
    round_id   TEXT NOT NULL REFERENCES round (id),
    reviewer   TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    entered_by TEXT NOT NULL
) STRICT;

-- The reviews of an entry: one score of one criterion of one application.
CREATE TABLE review (
    entry_id       INTEGER NOT NULL REFERENCES review_entry (id),
    round_id       TEXT NOT NULL,
    application_id TEXT NOT NULL,
    criterion      TEXT NOT NULL,
    -- a whole number on the criterion's scale
    score          INTEGER NOT NULL CHECK (score >= 0),
    comment        TEXT NOT NULL,
    -- the file, sheet and row it was read from
    source         TEXT NOT NULL,
    PRIMARY KEY (entry_id, application_id, criterion),
    FOREIGN KEY (round_id, application_id) REFERENCES application (round_id, application_id)
) STRICT;

-- The versions of an application's assessment after the first (the first is in `application`,
-- made without reviews or panel). The one with the highest id is current.
CREATE TABLE assessment_version (
    id             INTEGER PRIMARY KEY,
    round_id       TEXT NOT NULL,
    application_id TEXT NOT NULL,
    -- the decision JSON (schemas/decision.schema.json)
    assessment     TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    -- the panel it was assessed with (NULL: none)
    panel_id       INTEGER REFERENCES panel (id),
    -- the review entries whose reviews it was assessed with, a JSON array of their ids
    entries        TEXT NOT NULL,
    made_at        TEXT NOT NULL,
    made_by        TEXT NOT NULL,
    FOREIGN KEY (round_id, application_id) REFERENCES application (round_id, application_id)
) STRICT;

CREATE INDEX round_panel_by_round ON round_panel (round_id, id);
CREATE INDEX review_entry_by_round ON review_entry (round_id, reviewer, id);
CREATE INDEX version_by_application ON assessment_version (round_id, application_id, id);

-- The reviews in force: each reviewer's latest entry in each round.
CREATE VIEW current_review AS
SELECT e.round_id, e.reviewer, r.application_id, r.criterion, r.score, r.comment, r.source, e.id AS entry_id
FROM review r JOIN review_entry e ON e.id = r.entry_id
WHERE e.id = (SELECT max(f.id) FROM review_entry f
              WHERE f.round_id = e.round_id AND f.reviewer = e.reviewer);

-- Each application's current assessment.
CREATE VIEW current_assessment AS
SELECT a.round_id, a.application_id,
       coalesce((SELECT v.assessment FROM assessment_version v
                 WHERE v.round_id = a.round_id AND v.application_id = a.application_id
                 ORDER BY v.id DESC LIMIT 1), a.assessment) AS assessment
FROM application a;

CREATE TRIGGER panel_kept BEFORE UPDATE ON panel
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never changed'); END;
CREATE TRIGGER panel_not_deleted BEFORE DELETE ON panel
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never deleted'); END;
CREATE TRIGGER round_panel_kept BEFORE UPDATE ON round_panel
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never changed'); END;
CREATE TRIGGER round_panel_not_deleted BEFORE DELETE ON round_panel
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never deleted'); END;
CREATE TRIGGER review_entry_kept BEFORE UPDATE ON review_entry
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; a reviewer''s new sheet is a new entry'); END;
CREATE TRIGGER review_entry_not_deleted BEFORE DELETE ON review_entry
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never deleted'); END;
CREATE TRIGGER review_kept BEFORE UPDATE ON review
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; a reviewer''s new sheet is a new entry'); END;
CREATE TRIGGER review_not_deleted BEFORE DELETE ON review
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never deleted'); END;
CREATE TRIGGER assessment_version_kept BEFORE UPDATE ON assessment_version
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; a new assessment is a new version'); END;
CREATE TRIGGER assessment_version_not_deleted BEFORE DELETE ON assessment_version
BEGIN SELECT RAISE(ABORT, 'kriterium keeps a round''s records; they are never deleted'); END;
-- Nothing is added to a closed round.
CREATE TRIGGER round_panel_round_open BEFORE INSERT ON round_panel
WHEN (SELECT closed_at FROM round WHERE id = NEW.round_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the round is closed'); END;
CREATE TRIGGER review_entry_round_open BEFORE INSERT ON review_entry
WHEN (SELECT closed_at FROM round WHERE id = NEW.round_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the round is closed'); END;
CREATE TRIGGER review_round_open BEFORE INSERT ON review
WHEN (SELECT closed_at FROM round WHERE id = NEW.round_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the round is closed'); END;
CREATE TRIGGER assessment_version_round_open BEFORE INSERT ON assessment_version
WHEN (SELECT closed_at FROM round WHERE id = NEW.round_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the round is closed'); END;
"#;

/// Version 3: each decision names the assessment the group decided on (its digest), so the
/// letter states the reasons the decision rests on even after later reviews or a new panel gave
/// the application a new assessment. Decisions recorded before have none (NULL): for them the
/// current assessment is what there is.
const V3: &str = r#"
-- sha256 of the assessment (decision JSON, as stored in application or assessment_version) that
-- was current when the decision was recorded; NULL for decisions recorded before version 3.
ALTER TABLE decision ADD COLUMN assessment_digest TEXT;
"#;

/// Every migration, oldest first. `PRAGMA user_version` says how many a register has had.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1), M::up(V2), M::up(V3)])
}

/// How many versions this build knows: a register with a higher `user_version` was made by a
/// newer kriterium.
pub fn latest() -> usize {
    3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_migration_sets_the_application_id() {
        assert!(V1.contains(&format!("PRAGMA application_id = {APPLICATION_ID};")));
    }

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }
}
