//! The mapping a secretariat edits: which column of the form fills which field of an
//! application, how its cells are converted, fixed values, and lists of partners (or other
//! objects) made of several columns. `docs/import.md` describes it for its readers.
//!
//! It is read with serde from TOML (unknown keys refused, with their line and column), then
//! checked against the application schema and the sheet's headings before any row is read.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::Value;
use toml::Spanned;

use crate::convert::{Conversion, Rule};
use crate::fields;
use crate::messages::{Msg, Said};

/// A whole mapping file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Which sheet of a workbook, and a CSV file's encoding.
    #[serde(default)]
    pub sheet: SheetSettings,
    /// Values every application gets whatever the sheet says: pointer → value.
    #[serde(default)]
    pub fixed: BTreeMap<String, Spanned<toml::Value>>,
    /// One entry per column that fills one field (`[[column]]`).
    #[serde(default)]
    pub column: Vec<Column>,
    /// Lists of objects filled from groups of columns (`[[list]]`), e.g. partners.
    #[serde(default)]
    pub list: Vec<List>,
}

/// `[sheet]`: where in the file the applications are.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetSettings {
    /// The worksheet of an XLSX workbook (the first one when left out).
    pub name: Option<String>,
    /// A CSV file's encoding (`windows-1252`, `utf-8`, …); found from the bytes when left out.
    pub encoding: Option<String>,
}

/// `[[column]]`: one column of the sheet into one field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// The column's heading in the sheet's first row.
    pub heading: Spanned<String>,
    /// The field it fills, as a JSON pointer (`/budget/requested`); under a `[[list]]`, the
    /// field of one element (`/name`).
    pub field: Spanned<String>,
    /// How a cell is converted.
    #[serde(rename = "as", default)]
    pub conversion: Conversion,
    /// Words of the sheet → values of the field; every cell must be one of them when given.
    pub values: Option<BTreeMap<String, String>>,
    /// The separator of a list (`as = "list"`); `,` when left out.
    pub separator: Option<String>,
    /// Under a `[[list]]`: which element (1, 2, …) the column belongs to.
    pub item: Option<Spanned<u32>>,
}

impl Column {
    /// How this column's cells are converted.
    pub fn rule(&self) -> Rule<'_> {
        Rule {
            conversion: self.conversion,
            values: self.values.as_ref(),
            separator: self.separator.as_deref(),
        }
    }
}

/// `[[list]]`: a list field whose elements are made of groups of columns (partner 1's name,
/// municipality and whether the collaboration is new; partner 2's …). An element whose cells are
/// all empty is left out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct List {
    /// The list field, as a JSON pointer (`/partners`).
    pub field: Spanned<String>,
    /// Values every element gets (`kind = "club"`), by the element's field name.
    #[serde(default)]
    pub fixed: BTreeMap<String, Spanned<toml::Value>>,
    /// The columns, each with its `item` number.
    #[serde(default)]
    pub column: Vec<Column>,
}

/// A problem of the mapping: where in its text (line and column, 1-based) when known, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingProblem {
    /// Line and column in the mapping's text.
    pub at: Option<(usize, usize)>,
    /// What is wrong.
    pub said: Said,
}

/// Reads a mapping from its TOML text.
///
/// # Errors
/// TOML that is malformed or does not fit (an unknown key, a wrong conversion name), with
/// its line and column.
pub fn parse(text: &str) -> Result<Mapping, MappingProblem> {
    toml::from_str(text).map_err(|e| MappingProblem {
        at: e
            .span()
            .map(|span| kriterium_engine::problem::line_column(text, span.start)),
        said: Said::new(Msg::MappingUnreadable, &[("reason", e.message().trim())]),
    })
}

/// The schemas a mapping is checked against: the application's, and the pack's extension
/// schema for `/extra` when there is one.
#[derive(Debug, Clone, Copy)]
pub struct Schemas<'a> {
    /// The application schema.
    pub application: &'a Value,
    /// A pack's schema of `/extra`.
    pub extra: Option<&'a Value>,
}

/// Every problem of `mapping` (read from `text`) for a sheet with `headings`: fields no
/// application has (with did-you-mean), columns the sheet lacks (with did-you-mean against its
/// headings) or has twice, a field filled twice, `item` numbers missing or misplaced, and
/// required fields nothing fills.
pub fn check(
    mapping: &Mapping,
    text: &str,
    headings: &[String],
    schemas: Schemas<'_>,
) -> Vec<MappingProblem> {
    let at = |span: std::ops::Range<usize>| {
        Some(kriterium_engine::problem::line_column(text, span.start))
    };
    let mut problems = Vec::new();
    let field =
        |pointer: &str, span: std::ops::Range<usize>, problems: &mut Vec<MappingProblem>| {
            if !pointer.starts_with('/') {
                problems.push(MappingProblem {
                    at: at(span),
                    said: Said::new(Msg::NotPointer, &[("field", pointer)]),
                });
                return false;
            }
            match fields::lookup(schemas.application, schemas.extra, pointer) {
                Ok(_) => true,
                Err(unknown) => {
                    let hint = kriterium_engine::suggest::closest(
                        &unknown.segment,
                        unknown.known.iter().map(String::as_str),
                    )
                    .map(|name| {
                        format!(
                            "{}{name}",
                            &unknown.pointer[..unknown.pointer.len() - unknown.segment.len()]
                        )
                    })
                    .unwrap_or_default();
                    problems.push(MappingProblem {
                        at: at(span),
                        said: Said::new(Msg::UnknownField, &[("field", pointer), ("hint", &hint)]),
                    });
                    false
                }
            }
        };
    // Every field the mapping fills, as the pointer it has in an application (list elements by
    // their position), for "filled twice" and "required but not filled".
    let mut filled: BTreeSet<String> = BTreeSet::new();
    let mut fill =
        |pointer: String, span: std::ops::Range<usize>, problems: &mut Vec<MappingProblem>| {
            if !filled.insert(pointer.clone()) {
                problems.push(MappingProblem {
                    at: at(span),
                    said: Said::new(Msg::FieldTwice, &[("field", &pointer)]),
                });
            }
        };
    for (pointer, value) in &mapping.fixed {
        if field(pointer, value.span(), &mut problems) {
            fill(pointer.clone(), value.span(), &mut problems);
        }
    }
    for column in &mapping.column {
        heading(column, headings, text, &mut problems);
        if let Some(item) = &column.item {
            problems.push(MappingProblem {
                at: at(item.span()),
                said: Said::new(Msg::ItemOutsideList, &[]),
            });
        }
        if field(column.field.get_ref(), column.field.span(), &mut problems) {
            fill(
                column.field.get_ref().clone(),
                column.field.span(),
                &mut problems,
            );
        }
    }
    for list in &mapping.list {
        let base = list.field.get_ref();
        if !field(base, list.field.span(), &mut problems) {
            continue;
        }
        fill(base.clone(), list.field.span(), &mut problems);
        let mut items: BTreeMap<u32, BTreeSet<String>> = BTreeMap::new();
        for column in &list.column {
            heading(column, headings, text, &mut problems);
            let Some(item) = &column.item else {
                problems.push(MappingProblem {
                    at: at(column.heading.span()),
                    said: Said::new(Msg::ItemMissing, &[]),
                });
                continue;
            };
            let inner = column.field.get_ref();
            let whole = format!("{base}/0{inner}");
            if !inner.starts_with('/') {
                field(inner, column.field.span(), &mut problems);
            } else if field(&whole, column.field.span(), &mut problems)
                && !items
                    .entry(*item.get_ref())
                    .or_default()
                    .insert(inner.clone())
            {
                let shown = format!("{base}/{}{inner}", item.get_ref().saturating_sub(1));
                problems.push(MappingProblem {
                    at: at(column.field.span()),
                    said: Said::new(Msg::FieldTwice, &[("field", &shown)]),
                });
            }
        }
        for (name, value) in &list.fixed {
            field(&format!("{base}/0/{name}"), value.span(), &mut problems);
        }
        // Each element needs every required field of a list element.
        let required = fields::required(schemas.application, schemas.extra, &format!("{base}/0"));
        for (item, inner) in &items {
            for pointer in &required {
                let name = &pointer[format!("{base}/0").len()..];
                let fixed = list.fixed.contains_key(name.trim_start_matches('/'));
                if !fixed
                    && !inner
                        .iter()
                        .any(|f| f == name || f.starts_with(&format!("{name}/")))
                {
                    let shown = format!("{base}/{}{name}", item.saturating_sub(1));
                    problems.push(MappingProblem {
                        at: at(list.field.span()),
                        said: Said::new(Msg::RequiredUnmapped, &[("field", &shown)]),
                    });
                }
            }
        }
    }
    for pointer in unfilled(schemas, "", &filled) {
        problems.push(MappingProblem {
            at: None,
            said: Said::new(Msg::RequiredUnmapped, &[("field", &pointer)]),
        });
    }
    problems
}

/// The column's heading must be one of the sheet's, and only once there.
fn heading(column: &Column, headings: &[String], text: &str, problems: &mut Vec<MappingProblem>) {
    let wanted = column.heading.get_ref().trim();
    let at = Some(kriterium_engine::problem::line_column(
        text,
        column.heading.span().start,
    ));
    match headings.iter().filter(|h| h.as_str() == wanted).count() {
        0 => {
            let hint =
                kriterium_engine::suggest::closest(wanted, headings.iter().map(String::as_str))
                    .or_else(|| {
                        headings
                            .iter()
                            .find(|h| h.to_lowercase() == wanted.to_lowercase())
                            .map(String::as_str)
                    })
                    .unwrap_or_default();
            problems.push(MappingProblem {
                at,
                said: Said::new(Msg::MissingColumn, &[("column", wanted), ("hint", hint)]),
            });
        }
        1 => {}
        count => problems.push(MappingProblem {
            at,
            said: Said::new(
                Msg::RepeatedHeading,
                &[("column", wanted), ("count", &count.to_string())],
            ),
        }),
    }
}

/// The required fields under `object` that nothing in `filled` fills: a field is filled by a
/// pointer to it or into it; an object filled only in part needs its own required fields.
fn unfilled(schemas: Schemas<'_>, object: &str, filled: &BTreeSet<String>) -> Vec<String> {
    let mut missing = Vec::new();
    for pointer in fields::required(schemas.application, schemas.extra, object) {
        let prefix = format!("{pointer}/");
        if filled.contains(&pointer) {
            continue;
        }
        if filled.iter().any(|f| f.starts_with(&prefix)) {
            missing.extend(unfilled(schemas, &pointer, filled));
        } else {
            missing.push(pointer);
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str, headings: &[&str]) -> Vec<(Option<(usize, usize)>, String)> {
        let root = kriterium_engine::schema::application();
        let mapping = parse(text).unwrap();
        let headings: Vec<String> = headings.iter().map(|h| h.to_string()).collect();
        check(
            &mapping,
            text,
            &headings,
            Schemas {
                application: &root,
                extra: None,
            },
        )
        .into_iter()
        .map(|p| (p.at, p.said.text("da")))
        .collect()
    }

    #[test]
    fn an_unknown_key_is_refused_with_its_place() {
        let error = parse("[[column]]\nheading = \"A\"\nfeild = \"/id\"\n").unwrap_err();
        assert_eq!(error.at, Some((3, 1)));
        assert!(
            error
                .said
                .text("en")
                .starts_with("the mapping cannot be read: unknown field `feild`"),
            "{}",
            error.said.text("en")
        );
        let error =
            parse("[[column]]\nheading = \"A\"\nfield = \"/id\"\nas = \"beløb\"\n").unwrap_err();
        assert_eq!(error.at, Some((4, 6)));
    }

    #[test]
    fn unknown_fields_and_missing_columns_are_said_with_did_you_mean() {
        let text = "[fixed]\n\"/reach\" = \"regional\"\n\n[[column]]\nheading = \"Ansøgt belob\"\nfield = \"/budget/requestd\"\n";
        let found = problems(text, &["Id", "Ansøgt beløb"]);
        assert!(
            found.contains(&(
                Some((5, 11)),
                "arket har ingen kolonne »Ansøgt belob«; mente du »Ansøgt beløb«?".to_string()
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                Some((6, 9)),
                "en ansøgning har intet felt »/budget/requestd«; mente du »/budget/requested«?"
                    .to_string()
            )),
            "{found:?}"
        );
    }

    #[test]
    fn required_fields_nothing_fills_are_listed() {
        let text = "[[column]]\nheading = \"Beløb\"\nfield = \"/budget/requested\"\n";
        let found: Vec<String> = problems(text, &["Beløb"])
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert!(found.contains(&"intet i opsætningen udfylder det krævede felt »/budget/total«; tilføj en kolonne eller en fast værdi til det".to_string()));
        assert!(found.iter().any(|t| t.contains("»/id«")));
        // `/budget/requested` is filled, so it is not listed.
        assert!(!found.iter().any(|t| t.contains("»/budget/requested«")));
    }

    #[test]
    fn list_elements_need_their_required_fields_and_item_numbers() {
        let text = "[[list]]\nfield = \"/partners\"\n[[list.column]]\nheading = \"P1\"\nfield = \"/name\"\nitem = 1\n[[list.column]]\nheading = \"P2\"\nfield = \"/name\"\n";
        let found: Vec<String> = problems(text, &["P1", "P2"])
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert!(
            found.iter().any(|t| t.contains("»/partners/0/kind«")),
            "{found:?}"
        );
        assert!(found.iter().any(|t| t.contains("item = 1")), "{found:?}");
    }

    #[test]
    fn a_field_filled_twice_and_a_heading_found_twice() {
        let text = "[[column]]\nheading = \"Titel\"\nfield = \"/title\"\n[[column]]\nheading = \"Navn\"\nfield = \"/title\"\n";
        let found: Vec<String> = problems(text, &["Titel", "Navn", "Navn"])
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert!(
            found
                .iter()
                .any(|t| t.starts_with("feltet »/title« udfyldes to steder")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|t| t.starts_with("arket har 2 kolonner med overskriften »Navn«")),
            "{found:?}"
        );
    }
}
