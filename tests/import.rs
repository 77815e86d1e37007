//! `kriterium import`: the sample form exports (a CSV from Danish Excel, an XLSX workbook) into
//! applications that `batch` assesses; every problem by row and column, in three languages;
//! the mapping's own checks; a mapping shipped in a pack.

use std::fs;
use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::util::{kriterium, temp_dir};

const MAPPING: &str = "samples/import/made-in-sonderjylland.toml";
const CSV: &str = "samples/import/made-in-sonderjylland.csv";
const XLSX: &str = "samples/import/made-in-sonderjylland.xlsx";
/// The ids of the sample CSV's rows that are imported; the others have mistakes.
const CSV_IMPORTED: [&str; 4] = [
    "MIS-2026-101",
    "MIS-2026-107",
    "MIS-2026-108",
    "MIS-2026-109",
];

/// Runs `import SHEET --mapping MAP -o OUT` in Danish and returns (exit code, output lines,
/// standard error).
fn import(sheet: &str, mapping: &str, lang: &str) -> (i32, Vec<serde_json::Value>, String) {
    let dir = temp_dir();
    let out = dir.path().join("apps.jsonl");
    let run = kriterium(&[
        "import",
        sheet,
        "--mapping",
        mapping,
        "-o",
        out.to_str().unwrap(),
    ])
    .env("KRITERIUM_LANG", lang)
    .run();
    let lines = fs::read_to_string(&out)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (run.code, lines, run.stderr)
}

fn ids(lines: &[serde_json::Value]) -> Vec<&str> {
    lines.iter().map(|l| l["id"].as_str().unwrap()).collect()
}

#[test]
fn the_danish_excel_csv_is_imported_with_every_mistake_by_row_and_column() {
    let (code, lines, stderr) = import(CSV, MAPPING, "da");
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(ids(&lines), CSV_IMPORTED);
    let expected = [
        "samples/import/made-in-sonderjylland.csv: række 3: id »MIS-2026-102« står også i række 9; et id må kun bruges af én ansøgning, så ingen af dem er importeret",
        "samples/import/made-in-sonderjylland.csv: række 4, kolonne »Ansøgt beløb«: »ca. 50.000« er ikke et beløb; skriv fx 50000 eller 50.000",
        "samples/import/made-in-sonderjylland.csv: række 5, kolonne »Startdato«: »31-02-2025« findes ikke i kalenderen; ret dag eller måned",
        "samples/import/made-in-sonderjylland.csv: række 6, kolonne »Projektets titel«: cellen er tom, men feltet skal udfyldes",
        "samples/import/made-in-sonderjylland.csv: række 7, kolonne »Deltagende kommuner«: »Sønderborrg« er ikke en af de kendte værdier (Aabenraa, Haderslev, Sønderborg, Tønder, Åbenrå); mente du »Sønderborg«?",
        "samples/import/made-in-sonderjylland.csv: række 9: id »MIS-2026-102« står også i række 3; et id må kun bruges af én ansøgning, så ingen af dem er importeret",
        "11 rækker: 4 ansøgninger, 6 afvist; tomme rækker sprunget over (række nr.): 12; skrevet til",
    ];
    let said: Vec<&str> = stderr.lines().collect();
    assert_eq!(said.len(), expected.len(), "{stderr}");
    for (line, want) in said.iter().zip(expected) {
        assert!(line.starts_with(want), "{line}\nexpected: {want}");
    }
}

#[test]
fn the_csv_values_are_converted_as_a_dane_means_them() {
    let (_, lines, _) = import(CSV, MAPPING, "da");
    // Row 8: stray spaces everywhere, `høj`, `j`, and `Åbenrå` for Aabenraa.
    let spaced = &lines[1];
    assert_eq!(spaced["id"], "MIS-2026-107");
    assert_eq!(spaced["title"], "Dans uden grænser");
    assert_eq!(spaced["organisation"]["municipality"], "Tønder");
    assert_eq!(
        spaced["municipalities"],
        serde_json::json!(["Tønder", "Aabenraa"])
    );
    assert_eq!(spaced["budget"]["requested"], 60000);
    assert_eq!(spaced["period"]["start"], "2026-08-15");
    assert_eq!(spaced["continuation"]["likelihood"], "high");
    assert_eq!(spaced["partners"][0]["municipality"], "Aabenraa");
    assert_eq!(spaced["partners"][0]["new_collaboration"], true);
    // Row 2: a line break kept in a multi-line text, Windows-1252 `ø` read right, the fixed value.
    let first = &lines[0];
    assert_eq!(first["organisation"]["name"], "Sønderborg Musikskole");
    assert!(first["summary"].as_str().unwrap().contains("lørdag"));
    assert!(first["summary"].as_str().unwrap().contains('\n'));
    assert_eq!(
        first["brands"],
        serde_json::json!(["Made in Sønderjylland"])
    );
    assert_eq!(first["budget"]["co_funding"][0]["secured"], true);
    assert_eq!(first["partners"].as_array().unwrap().len(), 2);
    // Row 11: two co-funding sources, `12.6.2027`, `29-02-2028` (a leap day).
    let last = &lines[3];
    assert_eq!(last["budget"]["co_funding"][1]["secured"], false);
    assert_eq!(last["events"][0]["date"], "2027-06-12");
    assert_eq!(last["period"]["end"], "2028-02-29");
}

#[test]
fn the_imported_applications_are_assessed_by_batch() {
    for sheet in [CSV, XLSX] {
        let dir = temp_dir();
        let apps = dir.path().join("apps.jsonl");
        kriterium(&[
            "import",
            sheet,
            "--mapping",
            MAPPING,
            "-o",
            apps.to_str().unwrap(),
        ])
        .run()
        .code(1);
        let out = dir.path().join("results");
        let run = kriterium(&[
            "batch",
            apps.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--reports",
            "none",
        ])
        .run()
        .code(0);
        assert!(
            run.stderr.contains(" 0 rejected"),
            "{sheet}: {}",
            run.stderr
        );
        let decisions = fs::read_to_string(out.join("decisions.jsonl")).unwrap();
        assert_eq!(
            decisions.lines().count(),
            fs::read_to_string(&apps).unwrap().lines().count()
        );
    }
}

#[test]
fn standard_output_takes_the_applications_and_the_summary_goes_to_standard_error() {
    let run = kriterium(&["import", CSV, "--mapping", MAPPING, "-o", "-"])
        .env("KRITERIUM_LANG", "en")
        .run()
        .code(1);
    assert_eq!(run.stdout.lines().count(), 4);
    assert!(
        run.stderr.ends_with(
            "11 rows: 4 applications, 6 rejected; empty rows skipped (row numbers): 12\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn problems_are_said_in_english_and_swedish() {
    let (_, _, english) = import(CSV, MAPPING, "en");
    assert!(english.contains(
        "samples/import/made-in-sonderjylland.csv: row 4, column \"Ansøgt beløb\": \"ca. 50.000\" is not an amount; write e.g. 50000 or 50.000\n"
    ), "{english}");
    let (_, _, swedish) = import(CSV, MAPPING, "sv");
    assert!(swedish.contains(
        "samples/import/made-in-sonderjylland.csv: rad 5, kolumn ”Startdato”: ”31-02-2025” finns inte i kalendern; rätta dag eller månad\n"
    ), "{swedish}");
    assert!(
        swedish.contains("11 rader: 4 ansökningar, 6 avvisade"),
        "{swedish}"
    );
}

/// A cell of the sample workbook.
enum X {
    S(&'static str),
    N(f64),
    D(u16, u8, u8),
}

/// The columns of a complete, valid row of the sample workbook, with `id`.
fn valid_row(id: &'static str) -> Vec<(&'static str, X)> {
    use X::*;
    vec![
        ("Ansøgnings-id", S(id)),
        ("Projektets titel", S("Sønderjysk brassband for unge")),
        (
            "Kort beskrivelse",
            S("Unge blæsere fra tre kommuner spiller sammen."),
        ),
        ("Kontaktperson", S("Niels Brodersen")),
        ("E-mail", S("niels@haderslev-musikskole.dk")),
        ("Ansøgende organisation", S("Haderslev Musikskole")),
        ("Organisationstype", S("Musik- eller kulturskole")),
        ("Organisationens kommune", S("Haderslev")),
        ("CVR-nr.", N(29189811.0)),
        ("Deltagende kommuner", S("Haderslev, Aabenraa, Sønderborg")),
        ("Område", S("Kultur")),
        ("Startdato", D(2026, 8, 1)),
        ("Slutdato", D(2027, 12, 31)),
        ("Ansøgt beløb", N(110000.0)),
        ("Samlet budget", N(200000.0)),
        ("Egen indsats (kr.)", N(40000.0)),
        ("Medfinansiering 1: kilde", S("Sparekassen Sønderjylland")),
        ("Medfinansiering 1: beløb", N(50000.0)),
        ("Medfinansiering 1: bevilget", S("Ja")),
        (
            "Plan for drift efter tilskuddet",
            S("Musikskolerne driver bandet videre sammen."),
        ),
        ("Sandsynlighed for fortsat drift", S("Høj")),
        ("Målgruppe", S("Blæsere 12-20 år")),
        ("Alder fra", N(12.0)),
        ("Alder til", N(20.0)),
        ("Talentindsats", S("Ja")),
        ("Forventet antal deltagere", N(35.0)),
        ("Partner 1: navn", S("Aabenraa Musikskole")),
        ("Partner 1: type", S("Musik- eller kulturskole")),
        ("Partner 1: kommune", S("Aabenraa")),
        ("Partner 1: nyt samarbejde", S("Ja")),
        ("Talentevent: titel", S("Brassfestival")),
        ("Talentevent: type", S("Koncert")),
        ("Talentevent: kommune", S("Sønderborg")),
        ("Talentevent: dato", D(2027, 5, 1)),
    ]
}

/// `row` with `heading` set to `cell`.
fn with(mut row: Vec<(&'static str, X)>, heading: &'static str, cell: X) -> Vec<(&'static str, X)> {
    row.retain(|(h, _)| *h != heading);
    row.push((heading, cell));
    row
}

/// The sample workbook `samples/import/made-in-sonderjylland.xlsx`, as an Excel export of the
/// same form: number cells, real date cells, and the mistakes real forms have.
fn sample_workbook() -> Vec<u8> {
    use X::*;
    let rows: Vec<Vec<(&str, X)>> = vec![
        valid_row("MIS-2026-201"),
        with(valid_row("MIS-2026-202"), "Ansøgt beløb", S("ca. 50.000")),
        with(valid_row("MIS-2026-203"), "Slutdato", S("31-02-2025")),
        with(valid_row("MIS-2026-204"), "Kontaktperson", S("")),
        with(
            valid_row("MIS-2026-205"),
            "Organisationens kommune",
            S("Hadersleb"),
        ),
        with(
            valid_row("MIS-2026-201"),
            "Projektets titel",
            S("Brassband, andet hold"),
        ),
        with(
            with(
                with(valid_row("  MIS-2026-206 "), "Startdato", S(" 14.3.2027")),
                "Slutdato",
                S("2027-12-31"),
            ),
            "Ansøgt beløb",
            S(" 110.000 kr. "),
        ),
        vec![("Ansøgnings-id", S("   ")), ("Projektets titel", S(" "))],
    ];
    workbook_of(&rows, None)
}

/// A workbook of one sheet "Ansøgninger" with the sample mapping's headings and `rows`, and
/// "x" in the cell `stray` (row, column; from 0) when given.
fn workbook_of(rows: &[Vec<(&str, X)>], stray: Option<(u32, u16)>) -> Vec<u8> {
    use X::*;
    let mapping = fs::read_to_string(crate::util::root().join(MAPPING)).unwrap();
    let headings: Vec<&str> = mapping
        .lines()
        .filter_map(|l| l.strip_prefix("heading = \""))
        .map(|l| l.trim_end_matches('"'))
        .collect();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Ansøgninger").unwrap();
    let date = Format::new().set_num_format("dd-mm-yyyy");
    for (c, heading) in headings.iter().enumerate() {
        sheet.write_string(0, c as u16, *heading).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (heading, cell) in row {
            let c = headings.iter().position(|h| h == heading).unwrap() as u16;
            match cell {
                S(text) => sheet.write_string(r, c, *text).map(|_| ()),
                N(n) => sheet.write_number(r, c, *n).map(|_| ()),
                D(y, m, d) => sheet
                    .write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                        &date,
                    )
                    .map(|_| ()),
            }
            .unwrap();
        }
    }
    if let Some((row, column)) = stray {
        sheet.write_string(row, column, "x").unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn the_committed_workbook_holds_what_its_generator_writes() {
    let committed = fs::read(crate::util::root().join(XLSX)).unwrap();
    let generated = sample_workbook();
    let read =
        |bytes: &[u8]| kriterium_intake::sheet::read_xlsx(bytes, Some("Ansøgninger")).unwrap();
    assert_eq!(
        read(&committed),
        read(&generated),
        "run `cargo test --test kriterium -- --ignored write_the_sample_workbook`"
    );
}

/// Writes the sample workbook; run by hand after changing the generator.
#[test]
#[ignore]
fn write_the_sample_workbook() {
    fs::write(crate::util::root().join(XLSX), sample_workbook()).unwrap();
}

#[test]
fn the_workbook_is_imported_with_date_cells_numbers_and_every_mistake() {
    let (code, lines, stderr) = import(XLSX, MAPPING, "da");
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(ids(&lines), ["MIS-2026-206"]);
    let sheet = "samples/import/made-in-sonderjylland.xlsx: ark »Ansøgninger«";
    for want in [
        format!("{sheet}, række 2: id »MIS-2026-201« står også i række 7"),
        format!(
            "{sheet}, række 3, kolonne »Ansøgt beløb«: »ca. 50.000« er ikke et beløb; skriv fx 50000 eller 50.000"
        ),
        format!(
            "{sheet}, række 4, kolonne »Slutdato«: »31-02-2025« findes ikke i kalenderen; ret dag eller måned"
        ),
        format!(
            "{sheet}, række 5, kolonne »Kontaktperson«: cellen er tom, men feltet skal udfyldes"
        ),
        format!(
            "{sheet}, række 6, kolonne »Organisationens kommune«: »Hadersleb« er ikke en af de kendte værdier (Aabenraa, Haderslev, Sønderborg, Tønder, Åbenrå); mente du »Haderslev«?"
        ),
        "8 rækker: 1 ansøgning, 6 afvist; tomme rækker sprunget over (række nr.): 9".to_string(),
    ] {
        assert!(stderr.contains(&want), "missing: {want}\n{stderr}");
    }
    let app = &lines[0];
    // Real date cells and text dates, a number cell as CVR text, amounts as number cells.
    assert_eq!(app["period"]["start"], "2027-03-14");
    assert_eq!(app["events"][0]["date"], "2027-05-01");
    assert_eq!(app["organisation"]["cvr"], "29189811");
    assert_eq!(app["budget"]["requested"], 110000);
    assert_eq!(app["target_group"]["age_min"], 12);
}

/// Writes `text` as a mapping file in `dir`.
fn mapping_in(dir: &Path, text: &str) -> String {
    let path = dir.join("mapping.toml");
    fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn a_mapping_with_unknown_fields_missing_columns_and_unfilled_required_fields_is_refused() {
    let dir = temp_dir();
    let text = fs::read_to_string(crate::util::root().join(MAPPING))
        .unwrap()
        .replace(
            "field = \"/budget/requested\"",
            "field = \"/budget/requestd\"",
        )
        .replace(
            "heading = \"Samlet budget\"",
            "heading = \"Samlet budgett\"",
        )
        .replace(
            "heading = \"Kort beskrivelse\"\nfield = \"/summary\"",
            "heading = \"Kort beskrivelse\"\nfield = \"/title\"",
        );
    let mapping = mapping_in(dir.path(), &text);
    let out = dir.path().join("apps.jsonl");
    let run = kriterium(&[
        "import",
        CSV,
        "--mapping",
        &mapping,
        "-o",
        out.to_str().unwrap(),
    ])
    .env("KRITERIUM_LANG", "da")
    .run()
    .code(2);
    assert!(!out.exists(), "nothing is written for a broken mapping");
    for want in [
        "en ansøgning har intet felt »/budget/requestd«; mente du »/budget/requested«?",
        "arket har ingen kolonne »Samlet budgett«; mente du »Samlet budget«?",
        "feltet »/title« udfyldes to steder i opsætningen",
        "intet i opsætningen udfylder det krævede felt »/summary«",
    ] {
        assert!(run.stderr.contains(want), "missing: {want}\n{}", run.stderr);
    }
    // Each with its line and column in the mapping.
    assert!(
        run.stderr
            .lines()
            .any(|l| l.contains("mapping.toml:") && l.ends_with("mente du »/budget/requested«?"))
    );
    assert!(
        run.stderr.contains("kan ikke bruges til arket: 5 fejl"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_malformed_mapping_is_refused_with_its_line() {
    let dir = temp_dir();
    let mapping = mapping_in(
        dir.path(),
        "[[column]]\nheading = \"Id\"\nfeltet = \"/id\"\n",
    );
    let run = kriterium(&["import", CSV, "--mapping", &mapping, "-o", "-"])
        .env("KRITERIUM_LANG", "da")
        .run()
        .code(2);
    assert!(
        run.stderr
            .contains("mapping.toml:3:1: opsætningen kan ikke læses: unknown field `feltet`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_pack_may_ship_the_mapping_of_its_form() {
    let dir = temp_dir();
    let pack = crate::util::export_default_pack(dir.path());
    fs::create_dir(pack.join("forms")).unwrap();
    fs::copy(
        crate::util::root().join(MAPPING),
        pack.join("forms/ansoegning.toml"),
    )
    .unwrap();
    let run = kriterium(&[
        "import",
        CSV,
        "--rules",
        pack.to_str().unwrap(),
        "--mapping",
        "ansoegning",
        "-o",
        "-",
    ])
    .env("KRITERIUM_LANG", "da")
    .run()
    .code(1);
    assert_eq!(run.stdout.lines().count(), 4, "{}", run.stderr);
    let missing = kriterium(&[
        "import",
        CSV,
        "--rules",
        pack.to_str().unwrap(),
        "--mapping",
        "andet",
        "-o",
        "-",
    ])
    .env("KRITERIUM_LANG", "da")
    .run()
    .code(2);
    assert!(missing.stderr.contains("opsætningen »andet« er hverken en fil eller en formular i regelsættet made-in-sonderjylland (forms/andet.toml)"), "{}", missing.stderr);
}

#[test]
fn utf8_with_a_byte_order_mark_and_commas_is_read() {
    let dir = temp_dir();
    let bytes = fs::read(crate::util::root().join(CSV)).unwrap();
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    // The same export saved as "CSV UTF-8" with commas: quoted where a cell holds a comma.
    let mut rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in rows.records() {
        writer.write_record(&record.unwrap()).unwrap();
    }
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend(writer.into_inner().unwrap());
    let sheet = dir.path().join("export.csv");
    fs::write(&sheet, utf8).unwrap();
    let (code, lines, stderr) = import(sheet.to_str().unwrap(), MAPPING, "da");
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(ids(&lines), CSV_IMPORTED);
    assert_eq!(lines[0]["organisation"]["name"], "Sønderborg Musikskole");
}

#[test]
fn the_template_round_trips_its_example_row_into_a_valid_application() {
    let dir = temp_dir();
    let form = dir.path().join("form.xlsx");
    let run = kriterium(&[
        "import",
        "--template",
        "-o",
        form.to_str().unwrap(),
        "--lang",
        "da",
    ])
    .run()
    .code(0);
    assert!(run.stderr.starts_with("skrev formularen"), "{}", run.stderr);
    let mapping = dir.path().join("form.toml");
    let text = fs::read_to_string(&mapping).unwrap();
    assert!(text.contains("[sheet]\nname = \"Ansøgninger\""), "{text}");
    assert!(
        text.contains("heading = \"Ansøgt beløb\"\nfield = \"/budget/requested\"\nas = \"amount\""),
        "{text}"
    );
    assert!(
        text.contains("item = 2\nheading = \"Partner 2: navn\""),
        "{text}"
    );
    let imported = kriterium(&[
        "import",
        form.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
        "-o",
        "-",
    ])
    .env("KRITERIUM_LANG", "da")
    .run()
    .code(0);
    assert!(
        imported
            .stderr
            .starts_with("1 række: 1 ansøgning, 0 afvist"),
        "{}",
        imported.stderr
    );
    let app: serde_json::Value = serde_json::from_str(imported.stdout.trim()).unwrap();
    let sample: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(
            crate::util::root()
                .join("samples/made-in-sonderjylland/01-ungdomssymfoniorkester.json"),
        )
        .unwrap(),
    )
    .unwrap();
    for pointer in [
        "/id",
        "/budget",
        "/partners",
        "/period",
        "/continuation/likelihood",
        "/municipalities",
    ] {
        assert_eq!(app.pointer(pointer), sample.pointer(pointer), "{pointer}");
    }
    // The sheet's name follows the language; a form must be an .xlsx.
    let swedish = dir.path().join("blankett.xlsx");
    kriterium(&[
        "import",
        "--template",
        "-o",
        swedish.to_str().unwrap(),
        "--lang",
        "sv",
    ])
    .run()
    .code(0);
    let swedish = fs::read_to_string(dir.path().join("blankett.toml")).unwrap();
    assert!(swedish.contains("name = \"Ansökningar\""), "{swedish}");
    assert!(swedish.contains("heading = \"Sökt belopp\""), "{swedish}");
    let refused = kriterium(&["import", "--template", "-o", "-", "--lang", "en"])
        .run()
        .code(2);
    assert!(
        refused
            .stderr
            .contains("--template writes an Excel workbook; write e.g. -o form.xlsx"),
        "{}",
        refused.stderr
    );
}

#[test]
fn yes_no_and_the_engines_own_checks_are_said_by_row_and_column() {
    let dir = temp_dir();
    let bytes = fs::read(crate::util::root().join(CSV)).unwrap();
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    // Row 2's total no longer adds up; row 10 answers "måske" where yes or no is asked.
    let text = text
        .replacen(";320.000;", ";330.000;", 1)
        .replacen(";sand;", ";måske;", 1);
    let sheet = dir.path().join("export.csv");
    fs::write(&sheet, text.as_bytes()).unwrap();
    let (_, lines, stderr) = import(sheet.to_str().unwrap(), MAPPING, "da");
    assert_eq!(ids(&lines), ["MIS-2026-107", "MIS-2026-109"]);
    let file = sheet.to_str().unwrap();
    assert!(stderr.contains(&format!("{file}: række 10, kolonne »Talentindsats«: »måske« er hverken ja eller nej; skriv ja, nej eller x\n")), "{stderr}");
    assert!(
        stderr.contains(&format!("{file}: række 2, kolonne »Samlet budget«: ")),
        "{stderr}"
    );
}

#[test]
fn output_that_is_the_sheet_or_the_mapping_is_refused_before_anything_is_written() {
    let dir = temp_dir();
    let sheet = dir.path().join("export.csv");
    let mapping = dir.path().join("mapping.toml");
    fs::copy(crate::util::root().join(CSV), &sheet).unwrap();
    fs::copy(crate::util::root().join(MAPPING), &mapping).unwrap();
    let before = (fs::read(&sheet).unwrap(), fs::read(&mapping).unwrap());
    let linked = dir.path().join("link.csv");
    let hard = dir.path().join("hard.toml");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&sheet, &linked).unwrap();
    #[cfg(not(unix))]
    fs::hard_link(&sheet, &linked).unwrap();
    fs::hard_link(&mapping, &hard).unwrap();
    let path = |p: &Path| p.to_str().unwrap().to_string();
    // The one rule for every command's `-o` (`output::not_an_input`), here for import's inputs.
    let cases = [
        (path(&sheet), path(&sheet)),
        (path(&linked), path(&sheet)),
        (path(&dir.path().join(".").join("export.csv")), path(&sheet)),
        (path(&mapping), path(&mapping)),
        (path(&hard), path(&mapping)),
    ];
    for (output, input) in cases {
        let run = kriterium(&[
            "import",
            &path(&sheet),
            "--mapping",
            &path(&mapping),
            "-o",
            &output,
        ])
        .env("KRITERIUM_LANG", "da")
        .run()
        .code(2);
        assert!(
            run.stderr.contains(&format!(
                "»{output}« er den samme fil som inputtet »{input}«"
            )),
            "{output}: {}",
            run.stderr
        );
    }
    let english = kriterium(&[
        "import",
        &path(&sheet),
        "--mapping",
        &path(&mapping),
        "-o",
        &path(&sheet),
    ])
    .env("KRITERIUM_LANG", "en")
    .run()
    .code(2);
    assert!(
        english.stderr.contains("is the same file as the input"),
        "{}",
        english.stderr
    );
    assert_eq!(
        (fs::read(&sheet).unwrap(), fs::read(&mapping).unwrap()),
        before
    );
}

#[test]
fn the_template_never_replaces_a_mapping_beside_it() {
    let dir = temp_dir();
    let form = dir.path().join("form.xlsx");
    let mapping = dir.path().join("form.toml");
    fs::write(&mapping, "# edited by the secretariat\n").unwrap();
    let run = kriterium(&["import", "--template", "-o", form.to_str().unwrap()])
        .env("KRITERIUM_LANG", "da")
        .run()
        .code(2);
    assert!(
        run.stderr.contains(&format!(
            "{} findes allerede, og --template ville overskrive den",
            mapping.display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(&mapping).unwrap(),
        "# edited by the secretariat\n"
    );
    assert!(
        !form.exists(),
        "nothing is written when the mapping is refused"
    );
    // Nor a filled-in form of that name with no mapping beside it.
    fs::remove_file(&mapping).unwrap();
    fs::write(&form, "a filled-in form").unwrap();
    let run = kriterium(&["import", "--template", "-o", form.to_str().unwrap()])
        .run()
        .code(2);
    assert!(
        run.stderr
            .contains("exists already and --template would overwrite it"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_to_string(&form).unwrap(), "a filled-in form");
    assert!(!mapping.exists());
}

#[test]
fn ragged_rows_and_a_quote_never_closed_are_said() {
    let dir = temp_dir();
    let bytes = fs::read(crate::util::root().join(CSV)).unwrap();
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let width = lines[0].split(';').count();
    // Row 4 (line 5: row 2 spans two lines) loses its last field; row 8 gets two more.
    lines[4] = lines[4].rsplit_once(';').unwrap().0.to_string();
    lines[8].push_str(";x;y");
    let sheet = dir.path().join("ragged.csv");
    fs::write(&sheet, lines.join("\r\n")).unwrap();
    let (code, imported, stderr) = import(sheet.to_str().unwrap(), MAPPING, "da");
    assert_eq!(code, 1, "{stderr}");
    let short = width - 1;
    let long = width + 2;
    assert!(
        stderr.contains(&format!(
            "ragged.csv: række 4: række 4 har {short} felter, men overskriften har {width}"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "række 8 har {long} felter, men overskriften har {width}"
        )),
        "{stderr}"
    );
    assert!(!ids(&imported).contains(&"MIS-2026-107"), "{stderr}");
    // A quote opened in row 4 and never closed would swallow every row after it.
    lines[4] = lines[4].replacen(';', ";\"", 1);
    fs::write(&sheet, lines.join("\r\n")).unwrap();
    let (code, imported, stderr) = import(sheet.to_str().unwrap(), MAPPING, "en");
    assert_eq!(code, 2, "{stderr}");
    assert!(imported.is_empty());
    assert!(
        stderr.contains("the quote that opens a field in row 4 (line 5) is never closed"),
        "{stderr}"
    );
}

#[test]
fn a_stray_cell_in_the_last_cell_of_the_workbook_is_one_rejected_row_not_an_abort() {
    // Before, the sheet's bounding box A1:XFD1048576 was allocated and the program aborted.
    let dir = temp_dir();
    let sheet = dir.path().join("far.xlsx");
    fs::write(
        &sheet,
        workbook_of(&[valid_row("MIS-2026-301")], Some((1_048_575, 16_383))),
    )
    .unwrap();
    let (code, lines, stderr) = import(sheet.to_str().unwrap(), MAPPING, "da");
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(ids(&lines), ["MIS-2026-301"]);
    assert!(
        stderr.contains("far.xlsx: ark »Ansøgninger«, række 1048576"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 rækker: 1 ansøgning, 1 afvist"),
        "{stderr}"
    );
}
