//! `kriterium import`: a form export (CSV or XLSX) and a mapping into applications as JSON
//! Lines. The file I/O and the printing are here; reading, converting and validating are
//! `kriterium-intake`'s, with the pack's validator (the one `batch` uses).
//!
//! Valid applications go to `-o` (whole or not at all; `-` is standard output), every rejected
//! row is listed on standard error with its reasons by row and column, then one summary line.
//! Exit status 1 when any row was rejected, 2 for a mapping that cannot be used or a sheet that
//! cannot be read (nothing is written then).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use kriterium_engine::pack::RulePack;
use kriterium_intake::mapping::{self, Mapping};
use kriterium_intake::messages::counted;
use kriterium_intake::sheet::{self, Sheet};
use kriterium_intake::{Msg, Said};

use crate::Status;
use crate::commands::output;

/// What `import` was asked to do.
pub struct Settings<'a> {
    /// The sheet file.
    pub sheet: &'a Path,
    /// The mapping: a file, or the name of a form the pack ships (`forms/NAME.toml`).
    pub mapping: &'a str,
    /// Where the applications go; `-` for standard output.
    pub output: &'a Path,
    /// The language of messages.
    pub lang: &'static str,
}

/// Runs `import` under `pack`, whose validator checks every application and whose
/// `forms/` may hold the mapping.
pub fn run(pack: &RulePack, s: &Settings<'_>) -> Result<Status> {
    let lang = s.lang;
    let (mapping_name, mapping_text) = mapping_text(pack, s.mapping, lang)?;
    let mapping = match mapping::parse(&mapping_text) {
        Ok(mapping) => mapping,
        Err(problem) => {
            errln!(
                "{}",
                mapping_line(&mapping_name, problem.at, &problem.said, lang)
            );
            return Ok(Status::Unusable);
        }
    };
    let sheet_name = s.sheet.display().to_string();
    let sheet = match read_sheet(s.sheet, &mapping, lang)? {
        Ok(sheet) => sheet,
        Err(said) => {
            errln!("{sheet_name}: {}", said.text(lang));
            return Ok(Status::Unusable);
        }
    };
    let application_schema = kriterium_engine::schema::application();
    let schemas = mapping::Schemas {
        application: &application_schema,
        extra: pack.extra_schema(),
    };
    let problems = mapping::check(&mapping, &mapping_text, &sheet.headings, schemas);
    if !problems.is_empty() {
        for problem in &problems {
            errln!(
                "{}",
                mapping_line(&mapping_name, problem.at, &problem.said, lang)
            );
        }
        errln!(
            "{}",
            Msg::MappingBroken.fill(
                lang,
                &[
                    ("file", &mapping_name),
                    ("count", &problems.len().to_string())
                ]
            )
        );
        return Ok(Status::Unusable);
    }

    let outcome = kriterium_intake::assemble(&sheet, &mapping, &pack.validator());
    let mut lines = String::new();
    for (_, application) in &outcome.applications {
        lines.push_str(&serde_json::to_string(application)?);
        lines.push('\n');
    }
    let to_stdout = s.output == Path::new("-");
    if to_stdout {
        output::print(&lines)?;
    } else {
        output::write_whole(s.output, &lines)?;
    }

    for rejection in &outcome.rejected {
        for finding in &rejection.findings {
            let place = kriterium_intake::place(
                sheet.name.as_deref(),
                rejection.row,
                finding.column.as_deref(),
            );
            errln!(
                "{sheet_name}: {}: {}",
                place.text(lang),
                finding.said.text(lang)
            );
        }
    }
    let mut summary = Msg::Summary.fill(
        lang,
        &[
            (
                "rows",
                &counted(outcome.rows(), Msg::RowOne, Msg::Rows, lang),
            ),
            (
                "valid",
                &counted(
                    outcome.applications.len(),
                    Msg::ApplicationOne,
                    Msg::Applications,
                    lang,
                ),
            ),
            (
                "rejected",
                &counted(
                    outcome.rejected.len(),
                    Msg::RejectedOne,
                    Msg::Rejected,
                    lang,
                ),
            ),
        ],
    );
    if !outcome.empty.is_empty() {
        let rows: Vec<String> = outcome.empty.iter().map(usize::to_string).collect();
        summary.push_str(&Msg::EmptyRows.fill(lang, &[("rows", &rows.join(", "))]));
    }
    if !to_stdout {
        summary.push_str(&Msg::Written.fill(lang, &[("file", &s.output.display().to_string())]));
    }
    errln!("{summary}");
    Ok(if outcome.rejected.is_empty() {
        Status::Ok
    } else {
        Status::Rejected
    })
}

/// `FILE:LINE:COL: what` for a problem of the mapping.
fn mapping_line(name: &str, at: Option<(usize, usize)>, said: &Said, lang: &str) -> String {
    match at {
        Some((line, column)) => format!("{name}:{line}:{column}: {}", said.text(lang)),
        None => format!("{name}: {}", said.text(lang)),
    }
}

/// The mapping's name (for messages) and text: the file `name`, or else the pack's
/// `forms/NAME.toml` (`NAME` given with or without `.toml`).
fn mapping_text(pack: &RulePack, name: &str, lang: &str) -> Result<(String, String)> {
    let path = PathBuf::from(name);
    if path.is_file() {
        return match fs::read_to_string(&path) {
            Ok(text) => Ok((name.to_string(), text)),
            Err(e) => bail!(
                "{}",
                Msg::CannotRead.fill(
                    lang,
                    &[
                        ("file", name),
                        (
                            "reason",
                            &kriterium_engine::problem::Message::io(&e)
                                .display_in(lang)
                                .to_string()
                        )
                    ]
                )
            ),
        };
    }
    let form = format!("forms/{}.toml", name.trim_end_matches(".toml"));
    match pack.files.get(&form) {
        Some(text) => Ok((pack.files.display(&form), text.to_string())),
        None => bail!(
            "{}",
            Msg::NoMapping.fill(
                lang,
                &[
                    ("name", name.trim_end_matches(".toml")),
                    ("pack", &pack.manifest.id)
                ]
            )
        ),
    }
}

/// The sheet in `path`, read as its extension says; `Err` (inside) when its content cannot be
/// read as a sheet, the outer error when the file cannot be read at all.
fn read_sheet(path: &Path, mapping: &Mapping, lang: &str) -> Result<Result<Sheet, Said>> {
    let name = path.display().to_string();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !["csv", "txt", "tsv", "xlsx"].contains(&extension.as_str()) {
        bail!("{}", Msg::NotSheetFile.fill(lang, &[("file", &name)]));
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => bail!(
            "{}",
            Msg::CannotRead.fill(
                lang,
                &[
                    ("file", &name),
                    (
                        "reason",
                        &kriterium_engine::problem::Message::io(&e)
                            .display_in(lang)
                            .to_string()
                    )
                ]
            )
        ),
    };
    Ok(if extension == "xlsx" {
        sheet::read_xlsx(&bytes, mapping.sheet.name.as_deref())
    } else {
        sheet::read_csv(&bytes, mapping.sheet.encoding.as_deref()).map(|(sheet, _)| sheet)
    })
}

/// `import --template -o FORM.xlsx`: writes the form and its mapping `FORM.toml` beside it, the
/// example row taken from the default pack's first sample application. A `FORM.toml` that
/// exists already is refused (a usage error) before anything is written.
pub fn template(output: &Path, lang: &'static str) -> Result<Status> {
    let is_xlsx = output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        bail!("{}", Msg::TemplateNeedsXlsx.text(lang));
    }
    let schema = kriterium_engine::schema::application();
    let example = crate::builtin::samples(crate::builtin::DEFAULT_PACK)
        .first()
        .and_then(|(_, text)| serde_json::from_str(text).ok())
        .unwrap_or(serde_json::Value::Null);
    let slots = kriterium_intake::template::slots(&schema, &example, lang);
    let sheet = Msg::TemplateSheet.text(lang);
    let bytes = kriterium_intake::template::workbook(
        &slots,
        sheet,
        &example,
        (Msg::Yes.text(lang), Msg::No.text(lang)),
    )
    .map_err(|e| {
        anyhow::anyhow!(
            "{}",
            Msg::TemplateNotWritten.fill(lang, &[("reason", &e.to_string())])
        )
    })?;
    let mapping_path = output.with_extension("toml");
    // A form or a mapping already there may be one a secretariat has filled in or edited: a
    // template never replaces either unasked.
    for existing in [output, mapping_path.as_path()] {
        if fs::symlink_metadata(existing).is_ok() {
            bail!(
                "{}",
                Msg::MappingExists.fill(lang, &[("mapping", &existing.display().to_string())])
            );
        }
    }
    let mut form = output::OutputFile::create(output)?;
    std::io::Write::write_all(&mut form, &bytes).map_err(output::CannotStore::write(output))?;
    form.commit()?;
    output::write_whole(
        &mapping_path,
        &kriterium_intake::template::mapping(&slots, sheet),
    )?;
    errln!(
        "{}",
        Msg::TemplateWritten.fill(
            lang,
            &[
                ("form", &output.display().to_string()),
                ("mapping", &mapping_path.display().to_string())
            ]
        )
    );
    Ok(Status::Ok)
}
