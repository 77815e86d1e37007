//! Saving tuned weights as a new version of the round's pack: the round's pack snapshot written
//! whole to a new folder (`output::write_folder`) with `pack.toml`'s weights changed and its
//! minor version bumped — the TOML edited in place (`toml_edit`), so the pack author's
//! comments and layout stay — then checked and its test cases run by the code of `check` and
//! `test`. The round stays bound to its snapshot; the budget is the round's, not the pack's.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use kriterium_engine::decimal::Decimal;
use kriterium_engine::pack::MANIFEST;
use kriterium_register::Register;
use serde::Serialize;
use toml_edit::{DocumentMut, Item, Value};

use super::super::App;
use super::super::failure::Failure;
use super::super::words::{Ui, say};
use crate::Status;
use crate::commands::register::explain;
use crate::commands::register::standing::Standing;
use crate::commands::{check, output, test};

/// `1.5.0` → `1.6.0`: the minor version up, the patch 0 (a pre-release or build suffix
/// dropped: the tuned pack is a release of its own). `None` when `version` is not
/// `MAJOR.MINOR.PATCH` with whole numbers.
pub fn bump_minor(version: &str) -> Option<String> {
    let core = version.split(['-', '+']).next()?;
    let parts: Vec<u64> = core
        .split('.')
        .map(|p| p.parse::<u64>().ok())
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        [major, minor, _patch] => Some(format!("{major}.{}.0", minor.checked_add(1)?)),
        _ => None,
    }
}

/// The folder a tuned pack is saved to unless the user names another: beside the register,
/// named by the pack's id and the new version (`<register dir>/<pack-id>-<version>`).
pub fn default_folder(register: &Path, pack_id: &str, version: Option<&str>) -> String {
    let name = match version {
        Some(version) => format!("{pack_id}-{version}"),
        None => format!("{pack_id}-tuned"),
    };
    register_dir(register).join(name).display().to_string()
}

fn register_dir(register: &Path) -> &Path {
    match register.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// A weight as TOML writes it: an integer when whole, else a float whose shortest form is the
/// decimal itself (at most two decimals, as loading reads it back).
fn toml_weight(weight: Decimal) -> Result<Value> {
    let exact = weight.0.normalize();
    if exact.scale() == 0 {
        let whole: i64 = exact
            .to_string()
            .parse()
            .map_err(|_| anyhow!("the weight {exact} is not a whole number TOML can hold"))?;
        Ok(Value::from(whole))
    } else {
        let float: f64 = exact
            .to_string()
            .parse()
            .map_err(|_| anyhow!("the weight {exact} is not a number TOML can hold"))?;
        Ok(Value::from(float))
    }
}

/// `manifest` (a `pack.toml`'s text) with `version` and each criterion's weight (`weights`,
/// by criterion id) replaced; everything else — comments, order, layout — as it was.
///
/// Errors: the text is not TOML, or a criterion named is not a `[[criteria]]` table of it.
pub fn edit_manifest(manifest: &str, version: &str, weights: &[(&str, Decimal)]) -> Result<String> {
    let mut doc: DocumentMut = manifest
        .parse()
        .map_err(|e| anyhow!("{MANIFEST} cannot be read as TOML: {e}"))?;
    replace(doc.as_item_mut().get_mut("version"), Value::from(version))
        .ok_or_else(|| anyhow!("{MANIFEST} has no `version` to raise"))?;
    let criteria = doc
        .get_mut("criteria")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| anyhow!("{MANIFEST} has no [[criteria]] tables"))?;
    for (id, weight) in weights {
        let table = criteria
            .iter_mut()
            .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
            .ok_or_else(|| anyhow!("{MANIFEST} has no [[criteria]] table with id = \"{id}\""))?;
        replace(table.get_mut("weight"), toml_weight(*weight)?)
            .ok_or_else(|| anyhow!("the criterion `{id}` in {MANIFEST} has no `weight`"))?;
    }
    Ok(doc.to_string())
}

/// Puts `new` in `item`'s place keeping the comment and spacing around the old value.
fn replace(item: Option<&mut Item>, mut new: Value) -> Option<()> {
    let old = item?.as_value_mut()?;
    *new.decor_mut() = old.decor().clone();
    *old = new;
    Some(())
}

/// What saving did, as the page shows it.
#[derive(Debug, Serialize)]
pub struct Saved {
    pub folder: String,
    pub version: String,
    /// `kriterium check FOLDER`'s report, and whether the pack can be used.
    pub check: String,
    pub check_ok: bool,
    /// `kriterium test FOLDER`'s report, and whether every case passed.
    pub test: String,
    pub test_ok: bool,
    /// How to open a round with the new version.
    pub next: String,
}

/// Writes `standing`'s pack snapshot with `weights` (one per criterion) and the next minor
/// version to `folder` (relative to the register's folder), whole or not at all, then checks
/// it and runs its test cases.
///
/// Errors: 409 with the reason when the folder is not empty or is a file, the version cannot
/// be raised, or the manifest cannot be edited; 500 when writing fails; 400 for an empty
/// folder name.
pub fn save(
    app: &App,
    register: &Register,
    standing: &Standing,
    weights: &[Decimal],
    folder: &str,
) -> Result<Saved, Failure> {
    if folder.trim().is_empty() {
        return Err(Failure::bad_form(say(
            Ui::FormMissing,
            &[("field", &crate::messages::quoted("folder"))],
        )));
    }
    let folder = resolved(&app.register, folder);
    let manifest = &standing.pack.manifest;
    let version = bump_minor(&manifest.version).ok_or_else(|| {
        Failure::refused(&anyhow!(say(
            Ui::TuneVersionNotSemver,
            &[("version", &crate::messages::quoted(&manifest.version))]
        )))
    })?;
    let files = register
        .pack_files(&standing.round.id)
        .map_err(|e| Failure::failed(&explain(e)))?;
    let by_id: Vec<(&str, Decimal)> = manifest
        .criteria
        .iter()
        .zip(weights)
        .map(|(c, w)| (c.id.as_str(), *w))
        .collect();
    let text = files
        .iter()
        .find(|(path, _)| path == MANIFEST)
        .ok_or_else(|| Failure::failed(&anyhow!("the round's pack snapshot has no {MANIFEST}")))
        .and_then(|(_, text)| {
            edit_manifest(text, &version, &by_id).map_err(|e| Failure::refused(&e))
        })?;
    output::write_folder(
        &folder,
        files.iter().map(|(path, content)| {
            if path == MANIFEST {
                (path.as_str(), text.as_str())
            } else {
                (path.as_str(), content.as_str())
            }
        }),
    )
    // A folder that cannot be made or written is the folder asked for, not a fault of the
    // app: said as a refusal (409), as a folder with files in it is.
    .map_err(|e| Failure::refused(&e))?;
    let name = folder.display().to_string();
    let (check, check_status) = check::report(&name, false).map_err(|e| Failure::failed(&e))?;
    let (test, test_ok) = match test::report(&name) {
        Ok((text, status)) => (text, status == Status::Ok),
        Err(e) => (format!("{e:#}"), false),
    };
    Ok(Saved {
        next: say(Ui::TuneNextRound, &[("folder", &name)]),
        folder: name,
        version,
        check,
        check_ok: check_status != Status::Unusable,
        test,
        test_ok,
    })
}

/// The folder a save goes to: `folder` as the user typed it, relative to the register's folder
/// (an absolute one as it is).
fn resolved(register: &Path, folder: &str) -> PathBuf {
    register_dir(register).join(folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal(text.parse().expect("a decimal"))
    }

    #[test]
    fn the_minor_version_goes_up_and_the_patch_to_zero() {
        assert_eq!(bump_minor("1.5.0").as_deref(), Some("1.6.0"));
        assert_eq!(bump_minor("2.9.3").as_deref(), Some("2.10.0"));
        assert_eq!(bump_minor("1.0.0-rc.1").as_deref(), Some("1.1.0"));
        assert_eq!(bump_minor("1.5"), None);
        assert_eq!(bump_minor("x.y.z"), None);
    }

    #[test]
    fn weights_and_version_change_and_comments_stay() {
        let manifest = "# the group's pack\nid = \"p\"\nversion = \"1.5.0\" # raised by hand\n\n\
                        [[criteria]]\nid = \"a\"\nweight = 1.25 # why: the law\nmax_points = 4\n\n\
                        [[criteria]]\nid = \"b\"\nweight = 2\n";
        let edited =
            edit_manifest(manifest, "1.6.0", &[("a", d("1.5")), ("b", d("0.75"))]).expect("edits");
        assert_eq!(
            edited,
            "# the group's pack\nid = \"p\"\nversion = \"1.6.0\" # raised by hand\n\n\
             [[criteria]]\nid = \"a\"\nweight = 1.5 # why: the law\nmax_points = 4\n\n\
             [[criteria]]\nid = \"b\"\nweight = 0.75\n"
        );
        let whole = edit_manifest(manifest, "1.6.0", &[("a", d("3.00"))]).expect("edits");
        assert!(whole.contains("weight = 3 # why: the law"), "{whole}");
    }

    #[test]
    fn a_criterion_the_manifest_lacks_is_an_error() {
        let manifest = "version = \"1.0.0\"\n[[criteria]]\nid = \"a\"\nweight = 1\n";
        let e = edit_manifest(manifest, "1.1.0", &[("zz", d("1"))]).expect_err("no zz");
        assert!(e.to_string().contains("id = \"zz\""), "{e}");
    }

    #[test]
    fn the_default_folder_is_beside_the_register() {
        let register = Path::new("/data/net/kriterium.sqlite");
        assert_eq!(
            default_folder(register, "kultur", Some("1.6.0")),
            "/data/net/kultur-1.6.0"
        );
        assert_eq!(resolved(register, "mine"), PathBuf::from("/data/net/mine"));
        assert_eq!(
            resolved(register, "/abs/x"),
            PathBuf::from("/abs/x"),
            "an absolute folder is taken as it is"
        );
    }
}
