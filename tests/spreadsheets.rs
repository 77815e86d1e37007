//! `ranking.csv` and `ranking.xlsx` as spreadsheets read them: ids and titles a spreadsheet would
//! take for numbers, dates or formulas (`0042`, `1E5`, `3-4`, a 19-digit id, `=1+1`) come back
//! as the exact text, and every number as the number.
//!
//! The xlsx file is read here with the `zip` crate (the same bytes for any `--jobs`, no
//! timestamps, text cells and number cells); both files are converted by LibreOffice headless
//! (`soffice --convert-to fods`) under a Danish and an English locale and every cell read back.
//! Excel cannot run here, so LibreOffice is the check. `.ci/run` installs LibreOffice; elsewhere
//! the LibreOffice test says it is skipped when there is no `soffice`, unless
//! `KRITERIUM_REQUIRE_LIBREOFFICE` is set.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::{files_in, kriterium, root, temp_dir, unzip};

/// Ids and titles a spreadsheet would misread, one pair per sample application changed.
const TRICKY: [(&str, &str); 8] = [
    ("0042", "=1+1"),
    ("1E5", "-x"),
    ("3-4", "1/2"),
    ("1234567890123456789", "@SUM(A1)"),
    ("1.50", "TRUE"),
    ("Jan-5", "\"Citat\"; med semikolon"),
    ("12", "0042"),
    ("MIS-7", "„Sønderjyske Stemmer“ – kor"),
];

/// Writes the sample applications of the built-in pack, the first ones with the [`TRICKY`]
/// ids and titles, to `dir/input.jsonl`.
fn tricky_round(dir: &Path) -> PathBuf {
    let mut lines = String::new();
    let samples = files_in(&root().join("samples/made-in-sonderjylland"));
    assert!(samples.len() >= TRICKY.len(), "enough samples to rename");
    for (i, file) in samples.iter().enumerate() {
        let mut application: Value =
            serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap();
        if let Some((id, title)) = TRICKY.get(i) {
            application["id"] = (*id).into();
            application["title"] = (*title).into();
        }
        lines.push_str(&application.to_string());
        lines.push('\n');
    }
    let input = dir.join("input.jsonl");
    fs::write(&input, lines).unwrap();
    input
}

/// Runs a batch of `input` into `dir/name` with `args`; returns the results folder.
fn batch(input: &Path, dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let (input, out_arg) = (input.to_string_lossy(), out.to_string_lossy());
    let mut all = vec!["batch", &input, "--out", &out_arg, "--reports", "none"];
    all.extend_from_slice(args);
    // Rejections exit with 3; every input here is valid.
    kriterium(&all).run().code(0);
    out
}

/// What one ranked decision shows, in rank order, from `decisions.jsonl`.
struct Expected {
    rank: Option<f64>,
    id: String,
    title: String,
    /// `None` (a blank cell) while a criterion has no points yet.
    total: Option<f64>,
    /// `None` (a blank cell) for a criterion scored by reviewers that no reviewer has scored.
    points: Vec<Option<f64>>,
    requested: f64,
    granted: f64,
}

/// The decisions of the results folder `out`, in rank order; `input` gives the amounts asked.
fn expected(out: &Path, input: &Path) -> Vec<Expected> {
    let number = |v: &Value| v.as_f64().unwrap_or_else(|| panic!("a number: {v}"));
    let requested: std::collections::BTreeMap<String, f64> = fs::read_to_string(input)
        .unwrap()
        .lines()
        .map(|line| {
            let a: Value = serde_json::from_str(line).unwrap();
            (
                a["id"].as_str().unwrap().to_string(),
                number(&a["budget"]["requested"]),
            )
        })
        .collect();
    fs::read_to_string(out.join("decisions.jsonl"))
        .unwrap()
        .lines()
        .map(|line| {
            let d: Value = serde_json::from_str(line).unwrap();
            let id = d["application_id"].as_str().unwrap().to_string();
            // A criterion no reviewer has scored has a blank cell, and so has the total.
            let points: Vec<Option<f64>> = d["criteria"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    let awaiting = c["review"]["scores"].as_array().is_some_and(Vec::is_empty);
                    (!awaiting).then(|| number(&c["points"]))
                })
                .collect();
            Expected {
                rank: d["rank"].as_f64(),
                requested: requested[&id],
                id,
                title: d["title"].as_str().unwrap().to_string(),
                total: points
                    .iter()
                    .all(Option::is_some)
                    .then(|| number(&d["total"])),
                points,
                granted: d["granted"].as_f64().unwrap_or(0.0),
            }
        })
        .collect()
}

/// The text of the entry `name` of an unzipped xlsx file.
fn entry<'a>(entries: &'a [(String, String)], name: &str) -> &'a str {
    let found = entries.iter().find(|(n, _)| n == name);
    &found.unwrap_or_else(|| panic!("no {name} in the xlsx")).1
}

#[test]
fn ranking_xlsx_is_the_same_bytes_for_any_job_count_and_has_no_time_of_its_own() {
    let dir = temp_dir();
    let input = tricky_round(dir.path());
    let one = batch(&input, dir.path(), "one", &["--jobs", "1"]);
    let three = batch(&input, dir.path(), "three", &["--jobs", "3"]);
    let bytes = |out: &Path| fs::read(out.join("ranking.xlsx")).unwrap();
    assert_eq!(
        bytes(&one),
        bytes(&three),
        "ranking.xlsx differs between --jobs 1 and 3"
    );

    let (entries, untimed) = unzip(&one.join("ranking.xlsx"));
    assert!(untimed, "a zip entry carries a time");
    let core = entry(&entries, "docProps/core.xml");
    for time in ["created", "modified"] {
        assert!(
            core.contains(&format!(
                "<dcterms:{time} xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z"
            )),
            "{core}"
        );
    }
}

#[test]
fn ranking_xlsx_has_text_ids_number_amounts_titled_criteria_and_a_frozen_header() {
    let dir = temp_dir();
    let input = tricky_round(dir.path());
    let out = batch(&input, dir.path(), "out", &[]);
    let (entries, _) = unzip(&out.join("ranking.xlsx"));
    let sheet = entry(&entries, "xl/worksheets/sheet1.xml");
    // Frozen below the header; widths set per column.
    assert!(
        sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\""),
        "{sheet}"
    );
    assert!(sheet.contains("<col min=\"2\" max=\"2\" width="), "{sheet}");
    // The id `0042` is an inline string, never the number 42; `=1+1` is text, not a formula.
    assert!(sheet.contains("<is><t>0042</t></is>"), "{sheet}");
    assert!(sheet.contains("<is><t>=1+1</t></is>"), "{sheet}");
    assert!(!sheet.contains("<f>"), "no formula anywhere: {sheet}");
    // A criterion's heading is its Danish title, and its note holds the id.
    assert!(
        sheet.contains("<t>Indsatser, som med høj sandsynlighed kan driftes videre"),
        "{sheet}"
    );
    // The long titles wrap in a taller header row instead of widening the points' columns.
    assert!(sheet.contains("<row r=\"1\" ht=\""), "{sheet}");
    assert!(
        sheet.contains("<col min=\"5\" max=\"9\" width=\"22.7109375\""),
        "{sheet}"
    );
    let notes = entry(&entries, "xl/comments1.xml");
    assert!(
        notes.contains("<t>Kriteriets id: drift-efter-tilskud</t>"),
        "the id alone, no author line: {notes}"
    );
    // Amounts: numbers with thousands grouping.
    let styles = entry(&entries, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"#,##0\""), "{styles}");
    let rows = sheet.matches("<row ").count();
    assert_eq!(
        rows,
        expected(&out, &input).len() + 1,
        "a header and a row per application"
    );
}

// ---------------------------------------------------------------------------------------------
// LibreOffice

/// Converts `files` to `.fods` (flat OpenDocument) in `to` with LibreOffice under `locale`,
/// reading CSV files with `filter` (LibreOffice's CSV filter options) when given. Each locale
/// has its own profile, so the runs cannot share settings.
pub(crate) fn convert(
    soffice: &Path,
    work: &Path,
    locale: &str,
    filter: Option<&str>,
    files: &[&Path],
    to: &Path,
) {
    let profile = work.join(format!("profile-{locale}"));
    let mut command = Command::new(soffice);
    command
        .env("LANG", locale)
        .env("LC_ALL", locale)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore"]);
    if let Some(filter) = filter {
        command.arg(format!("--infilter={filter}"));
    }
    let out = command
        .args(["--convert-to", "fods", "--outdir"])
        .arg(to)
        .args(files)
        .output()
        .expect("soffice starts");
    assert!(
        out.status.success(),
        "soffice under {locale} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A cell of a converted sheet: text as shown, a number's value, or what else it was read as.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Number(f64),
    /// A date, time, truth value or another type, with the type and the text shown.
    Other(String),
    Empty,
}

/// The cells of the first table of a `.fods` file, row by row. A minimal reader of the flat
/// OpenDocument LibreOffice writes: rows, cells (with `number-columns-repeated`), a cell's
/// `office:value-type` and `office:value`, its paragraphs' text.
fn cells(fods: &Path) -> Vec<Vec<Cell>> {
    let xml = fs::read_to_string(fods).unwrap_or_else(|e| panic!("{}: {e}", fods.display()));
    let table = &xml[xml.find("<table:table ").expect("a table")..];
    let table = &table[..table.find("</table:table>").expect("the table's end")];
    let mut rows = Vec::new();
    for row in table.split("<table:table-row").skip(1) {
        let mut cells = Vec::new();
        for cell in row.split("<table:table-cell").skip(1) {
            let tag_end = cell.find('>').expect("a cell tag's end");
            let (tag, body) = (&cell[..tag_end], &cell[tag_end + 1..]);
            let attribute = |name: &str| {
                let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
                Some(unescape(&tag[start..start + tag[start..].find('"')?]))
            };
            let value = match attribute("office:value-type").as_deref() {
                Some("float") | Some("percentage") | Some("currency") => {
                    Cell::Number(attribute("office:value").unwrap().parse().unwrap())
                }
                Some("string") => {
                    let paragraphs: Vec<String> = body
                        .split("<text:p>")
                        .skip(1)
                        .map(|p| unescape(&strip_tags(&p[..p.find("</text:p>").unwrap()])))
                        .collect();
                    Cell::Text(paragraphs.join("\n"))
                }
                Some(other) => {
                    Cell::Other(format!("{other}: {}", unescape(&strip_tags(body)).trim()))
                }
                None => Cell::Empty,
            };
            let repeated: usize =
                attribute("table:number-columns-repeated").map_or(1, |n| n.parse().unwrap());
            // Trailing empty cells pad the row to the sheet's width: they are not cells.
            for _ in 0..repeated.min(64) {
                cells.push(value.clone());
            }
        }
        while cells.last() == Some(&Cell::Empty) {
            cells.pop();
        }
        if !cells.is_empty() {
            rows.push(cells);
        }
    }
    rows
}

fn strip_tags(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in text.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Checks that `rows` (a header, then one row per decision) read back every id, title and
/// number of `decisions` unchanged; `what` names the conversion.
fn assert_read_back(rows: &[Vec<Cell>], decisions: &[Expected], what: &str) {
    assert_eq!(rows.len(), decisions.len() + 1, "{what}: rows {rows:?}");
    for (row, d) in rows[1..].iter().zip(decisions) {
        let n = d.points.len();
        let rank = d.rank.map_or(Cell::Empty, Cell::Number);
        assert_eq!(row[0], rank, "{what}: the rank in {row:?}");
        assert_eq!(
            row[1],
            Cell::Text(d.id.clone()),
            "{what}: the id in {row:?}"
        );
        assert_eq!(
            row[2],
            Cell::Text(d.title.clone()),
            "{what}: the title in {row:?}"
        );
        assert_eq!(
            row[3],
            d.total.map_or(Cell::Empty, Cell::Number),
            "{what}: the total in {row:?}"
        );
        for (k, points) in d.points.iter().enumerate() {
            assert_eq!(
                row[4 + k],
                points.map_or(Cell::Empty, Cell::Number),
                "{what}: points {k} in {row:?}"
            );
        }
        assert_eq!(
            row[4 + n],
            Cell::Number(d.requested),
            "{what}: requested in {row:?}"
        );
        assert_eq!(
            row[5 + n],
            Cell::Number(d.granted),
            "{what}: granted in {row:?}"
        );
    }
}

/// LibreOffice's CSV filter options for `ranking.csv`: `;` between fields (59), `"` around text
/// (34), UTF-8 (76), from line 1. The sixth option, the language numbers are read in, is left to
/// the locale unless `language` (a Windows language id) is given, as a reader picks the file's
/// language in the import dialog.
fn csv_filter(language: Option<&str>) -> String {
    match language {
        None => "CSV:59,34,76,1".to_string(),
        Some(id) => format!("CSV:59,34,76,1,,{id}"),
    }
}

#[test]
fn libreoffice_reads_every_id_and_number_back_in_danish_and_english_locales() {
    let Some(soffice) = crate::util::soffice() else {
        return;
    };
    let dir = temp_dir();
    let input = tricky_round(dir.path());
    // A Danish round writes `12,5`, an English one `12.5`: each language's ranking, read where
    // that language is spoken and, with the language chosen, where it is not.
    let languages = [("da", "1030", "da_DK.UTF-8"), ("en", "1033", "en_US.UTF-8")];
    for (lang, _, _) in languages {
        let out = batch(&input, dir.path(), lang, &["--lang", lang]);
        fs::copy(
            out.join("ranking.csv"),
            dir.path().join(format!("{lang}.csv")),
        )
        .unwrap();
        fs::copy(
            out.join("ranking.xlsx"),
            dir.path().join(format!("{lang}.xlsx")),
        )
        .unwrap();
    }
    let decisions = expected(&dir.path().join("da"), &input);
    assert_eq!(
        decisions
            .iter()
            .map(|d| d.id.as_str())
            .filter(|id| TRICKY.iter().any(|t| t.0 == *id))
            .count(),
        TRICKY.len(),
        "every tricky id is ranked"
    );
    for (locale_lang, _, locale) in languages {
        let work = dir.path().join(locale);
        let file = |name: &str| dir.path().join(name);
        let (xlsx_da, xlsx_en) = (file("da.xlsx"), file("en.xlsx"));
        convert(
            &soffice,
            &work,
            locale,
            None,
            &[&xlsx_da, &xlsx_en],
            &work.join("xlsx"),
        );
        for (lang, id, _) in languages {
            let what = format!("{lang}.xlsx under {locale}");
            assert_read_back(
                &cells(&work.join(format!("xlsx/{lang}.fods"))),
                &decisions,
                &what,
            );
            // The file's language is the locale's: read as the import dialog offers it;
            // else the reader chooses the file's language.
            let language = (lang != locale_lang).then_some(id);
            let to = work.join(format!("csv-{lang}"));
            convert(
                &soffice,
                &work,
                locale,
                Some(&csv_filter(language)),
                &[&file(&format!("{lang}.csv"))],
                &to,
            );
            let what = format!("{lang}.csv under {locale}, language option {language:?}");
            assert_read_back(&cells(&to.join(format!("{lang}.fods"))), &decisions, &what);
        }
    }
}
