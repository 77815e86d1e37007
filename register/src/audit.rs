//! The register's own check of a round: is every record as it was stored, and in the order it
//! was stored? (Whether the stored assessments reproduce is the binary's check: it assesses.)

use std::collections::BTreeMap;

use rusqlite::TransactionBehavior;

use crate::ledger::{self, Finding, Kind};
use crate::rounds::pack_file_content;
use crate::{Register, Result};

impl Register {
    /// What the ledger shows about round `id`'s records: each record changed, missing, added
    /// outside kriterium, a broken chain, or a closed round whose seal does not hold. Empty when
    /// everything is as stored. Reads one consistent snapshot; writers are not held up.
    pub fn check_ledger(&mut self, id: &str) -> Result<Vec<Finding>> {
        let round = self.round(id)?;
        let mut records: BTreeMap<(Kind, String), String> = BTreeMap::new();
        records.insert(
            (Kind::Round, round.id.clone()),
            ledger::digest(&round.content()),
        );
        if let Some(closing) = &round.closing {
            records.insert(
                (Kind::Close, round.id.clone()),
                ledger::digest(&round.closing_content(closing)),
            );
        }
        for (path, text) in self.pack_files(id)? {
            let digest = ledger::digest(&pack_file_content(id, &path, &text));
            records.insert((Kind::PackFile, path), digest);
        }
        self.for_each_application(id, &mut |a| {
            let digest = ledger::digest(&a.content(id));
            records.insert((Kind::Application, a.application_id), digest);
            Ok(())
        })?;
        for decision in self.decisions(id)? {
            records.insert(
                (Kind::Decision, decision.id.to_string()),
                ledger::digest(&decision.content()),
            );
        }
        let path = self.path.clone();
        let fault = |e: rusqlite::Error| crate::Error::Fault(crate::Fault::of(&path, &e));
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .map_err(fault)?;
        let findings = ledger::check(&tx, id, records, round.seal.as_deref()).map_err(fault)?;
        tx.finish().map_err(fault)?;
        Ok(findings)
    }
}
