//! The ledger: every record of a round in the order it was stored, with a digest of its content
//! and a hash chain over them, so a record changed or slipped in outside kriterium shows.
//!
//! A record's digest is the SHA-256 of its content as a JSON array (`Record::content`); the chain
//! value of entry *n* is the SHA-256 of entry *n − 1*'s chain value, the kind, the item and the
//! digest. Closing a round stores the last chain value in the round (`seal`), so anything added
//! to or changed in a closed round breaks either the chain or the seal.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

/// Which table a ledger entry stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Round,
    PackFile,
    Application,
    Decision,
    Close,
    /// A round's panel from then on (`round_panel`; item: its id).
    Panel,
    /// A reviewer's entry of reviews (`review_entry` with its reviews; item: its id).
    Reviews,
    /// A later version of an application's assessment (`assessment_version`; item: its id).
    Assessment,
}

impl Kind {
    /// The name in the `ledger.kind` column.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Round => "round",
            Kind::PackFile => "pack_file",
            Kind::Application => "application",
            Kind::Decision => "decision",
            Kind::Close => "close",
            Kind::Panel => "panel",
            Kind::Reviews => "reviews",
            Kind::Assessment => "assessment",
        }
    }

    /// The kind a `ledger.kind` value names.
    pub fn parse(name: &str) -> Option<Kind> {
        [
            Kind::Round,
            Kind::PackFile,
            Kind::Application,
            Kind::Decision,
            Kind::Close,
            Kind::Panel,
            Kind::Reviews,
            Kind::Assessment,
        ]
        .into_iter()
        .find(|k| k.name() == name)
    }
}

/// The digest of a record's content: `sha256:` and 64 hex digits.
pub fn digest(content: &serde_json::Value) -> String {
    hex(&Sha256::digest(content.to_string().as_bytes()))
}

/// The digest of a text a record holds (an application, an assessment): `sha256:` and 64 hex
/// digits of its UTF-8 bytes.
pub fn text_digest(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// The chain value after `previous` of an entry.
pub fn link(previous: &str, kind: Kind, item: &str, digest: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [previous, kind.name(), item, digest] {
        // Each part with its length, so no two different entries hash alike.
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(7 + bytes.len() * 2);
    text.push_str("sha256:");
    for b in bytes {
        text.push_str(&format!("{b:02x}"));
    }
    text
}

/// Appends entries within a transaction, keeping the register's last chain value in hand.
pub struct Writer {
    round: String,
    seq: i64,
    chain: String,
}

impl Writer {
    /// Continues the register's ledger where it ends, with entries of round `round`.
    pub fn continuing(tx: &Transaction<'_>, round: &str) -> rusqlite::Result<Writer> {
        let (seq, chain) = head(tx)?.unwrap_or((0, String::new()));
        Ok(Writer {
            round: round.to_string(),
            seq,
            chain,
        })
    }

    /// Records that `item` of `kind` with `content` was stored.
    pub fn append(
        &mut self,
        tx: &Transaction<'_>,
        kind: Kind,
        item: &str,
        content: &serde_json::Value,
    ) -> rusqlite::Result<()> {
        let digest = digest(content);
        let chain = link(&self.chain, kind, item, &digest);
        self.seq += 1;
        tx.prepare_cached(
            "INSERT INTO ledger (seq, round_id, kind, item, digest, chain) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![self.seq, self.round, kind.name(), item, digest, chain])?;
        self.chain = chain;
        Ok(())
    }

    /// The chain value of the last entry.
    pub fn head(&self) -> &str {
        &self.chain
    }
}

/// Something the ledger shows about a round's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The record's content no longer has the digest it was stored with: it was changed.
    Changed { kind: Kind, item: String },
    /// A record that is not on the ledger: added outside kriterium, or its entry deleted.
    NotOnLedger { kind: Kind, item: String },
    /// A ledger entry whose record is gone.
    Missing { kind: Kind, item: String },
    /// The ledger itself was changed at entry `seq` (its chain value does not follow the entry
    /// before, or entries before it were removed).
    Broken { seq: i64 },
    /// A closed round whose entries do not end at the value it was sealed with.
    Unsealed,
}

/// The ledger's last entry: its number and chain value (`None` for an empty register).
pub fn head(conn: &Connection) -> rusqlite::Result<Option<(i64, String)>> {
    conn.query_row(
        "SELECT seq, chain FROM ledger ORDER BY seq DESC LIMIT 1",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .optional()
}

/// Checks the whole ledger against `records`: by round, every record's current digest by kind
/// and item; `seals` are the closed rounds' seals. Findings come with the round they concern
/// (a round that is gone included).
pub fn check(
    conn: &Connection,
    mut records: BTreeMap<String, BTreeMap<(Kind, String), String>>,
    seals: &BTreeMap<String, String>,
) -> rusqlite::Result<Vec<(String, Finding)>> {
    let mut findings = Vec::new();
    let mut statement =
        conn.prepare("SELECT seq, round_id, kind, item, digest, chain FROM ledger ORDER BY seq")?;
    let mut rows = statement.query([])?;
    let mut chain = String::new();
    let mut expected_seq = 1;
    // Each round's last chain value, for the seals.
    let mut last: BTreeMap<String, String> = BTreeMap::new();
    while let Some(row) = rows.next()? {
        let (seq, round, kind, item, digest, stored): (
            i64,
            String,
            String,
            String,
            String,
            String,
        ) = (
            row.get(0)?,
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
            row.get(5)?,
        );
        let parsed = Kind::parse(&kind);
        let follows = parsed.is_some_and(|k| link(&chain, k, &item, &digest) == stored);
        if seq != expected_seq || !follows {
            findings.push((round.clone(), Finding::Broken { seq }));
        }
        expected_seq = seq + 1;
        chain = stored.clone();
        last.insert(round.clone(), stored);
        let Some(kind) = parsed else {
            continue;
        };
        let now = records
            .get_mut(&round)
            .and_then(|r| r.remove(&(kind, item.clone())));
        match now {
            Some(now) if now == digest => {}
            Some(_) => findings.push((round, Finding::Changed { kind, item })),
            None => findings.push((round, Finding::Missing { kind, item })),
        }
    }
    for (round, left) in records {
        for ((kind, item), _) in left {
            findings.push((round.clone(), Finding::NotOnLedger { kind, item }));
        }
    }
    for (round, seal) in seals {
        if last.get(round) != Some(seal) {
            findings.push((round.clone(), Finding::Unsealed));
        }
    }
    Ok(findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_depends_on_every_part_and_their_boundaries() {
        let base = link("", Kind::Application, "A-1", "sha256:00");
        assert_ne!(base, link("x", Kind::Application, "A-1", "sha256:00"));
        assert_ne!(base, link("", Kind::Decision, "A-1", "sha256:00"));
        assert_ne!(base, link("", Kind::Application, "A-2", "sha256:00"));
        assert_ne!(base, link("", Kind::Application, "A-1", "sha256:01"));
        // Moving text from one part to the next gives another value.
        assert_ne!(
            link("ab", Kind::Round, "c", "d"),
            link("a", Kind::Round, "bc", "d")
        );
        assert!(base.starts_with("sha256:") && base.len() == 71, "{base}");
    }
}
