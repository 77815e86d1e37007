//! The register's own check: is every record as it was stored, and in the order it was stored?
//! (Whether the stored assessments reproduce is the binary's check: it assesses.)

use std::collections::BTreeMap;

use crate::ledger::{self, Finding, Kind};
use crate::rounds::pack_file_content;
use crate::{Register, Result};

/// What the ledger shows: every finding with the round it concerns (a round that is gone
/// included), and the ledger's last entry (its number and chain value), which a secretariat can
/// write into the minutes to check later that nothing was cut off the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerCheck {
    pub findings: Vec<(String, Finding)>,
    pub head: Option<(i64, String)>,
}

impl Register {
    /// Checks every round's records against the ledger: each record changed, missing, added
    /// outside kriterium, a broken chain, or a closed round whose seal does not hold. Reads one
    /// consistent snapshot; writers are not held up.
    pub fn check_ledger(&mut self) -> Result<LedgerCheck> {
        let fault = crate::fault_at(&self.path);
        // One snapshot (a read transaction) for the records and the ledger alike; it only
        // reads, so how it ends changes nothing.
        self.conn.execute_batch("BEGIN DEFERRED").map_err(fault)?;
        let result = self.check_ledger_in_snapshot();
        let ended = self.conn.execute_batch("COMMIT").map_err(fault);
        let checked = result?;
        ended?;
        Ok(checked)
    }

    fn check_ledger_in_snapshot(&self) -> Result<LedgerCheck> {
        let mut records: BTreeMap<String, BTreeMap<(Kind, String), String>> = BTreeMap::new();
        let mut seals = BTreeMap::new();
        for round in self.rounds()? {
            let id = round.id.clone();
            let mut mine = BTreeMap::new();
            mine.insert((Kind::Round, id.clone()), ledger::digest(&round.content()));
            if let Some(closing) = &round.closing {
                mine.insert(
                    (Kind::Close, id.clone()),
                    ledger::digest(&round.closing_content(closing)),
                );
            }
            if let Some(seal) = &round.seal {
                seals.insert(id.clone(), seal.clone());
            } else if round.closing.is_some() {
                seals.insert(id.clone(), String::new());
            }
            for (path, text) in self.pack_files(&id)? {
                let digest = ledger::digest(&pack_file_content(&id, &path, &text));
                mine.insert((Kind::PackFile, path), digest);
            }
            self.for_each_application(&id, &mut |a| {
                let digest = ledger::digest(&a.content(&id));
                mine.insert((Kind::Application, a.application_id), digest);
                Ok(())
            })?;
            for decision in self.decisions(&id)? {
                mine.insert(
                    (Kind::Decision, decision.id.to_string()),
                    ledger::digest(&decision.content()),
                );
            }
            for (adoption, panel, at) in self.adoptions(&id)? {
                let content = crate::panels::adoption_content(&id, adoption, &panel, &at);
                mine.insert(
                    (Kind::Panel, adoption.to_string()),
                    ledger::digest(&content),
                );
            }
            for entry in self.review_entries(&id)? {
                mine.insert(
                    (Kind::Reviews, entry.id.to_string()),
                    ledger::digest(&entry.content()),
                );
            }
            for version in self.assessment_versions(&id)? {
                mine.insert(
                    (Kind::Assessment, version.id.to_string()),
                    ledger::digest(&version.content()),
                );
            }
            records.insert(id, mine);
        }
        let fault = crate::fault_at(&self.path);
        let findings = ledger::check(&self.conn, records, &seals).map_err(fault)?;
        let head = ledger::head(&self.conn).map_err(fault)?;
        Ok(LedgerCheck { findings, head })
    }
}
