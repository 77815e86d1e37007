//! `kriterium check PACK`: loads a pack and reports every problem in it.

use anyhow::Result;
use kriterium_engine::pack::RulePack;

use super::pack_files;
use crate::Status;

pub fn run(name: &str) -> Result<Status> {
    let pack = RulePack::load(pack_files(name)?).map_err(|problems| {
        anyhow::anyhow!(problems).context(format!("the rule pack `{name}` has problems"))
    })?;
    let m = &pack.manifest;
    println!(
        "{}: ok: {} {}, {} gates, {} criteria, fingerprint {}",
        name,
        m.id,
        m.version,
        m.gates.len(),
        m.criteria.len(),
        pack.fingerprint
    );
    Ok(Status::Ok)
}
