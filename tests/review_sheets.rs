//! Review sheets entered into the register (issue 17, the tester's findings 5, 7, 10, 13 and
//! 16): every mistake found in one run and said in the order of the sheets, `reviews show`
//! counting exactly the reviews the assessments count, and `reviews template` not overwriting
//! a sheet and writing CSV when asked for `.csv`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{Run, kriterium, root, temp_dir};

/// A register in a temporary folder with round `R` of `pack` (a folder under the repository),
/// the panel `panel` set and the applications of `applications` added.
struct Register {
    dir: tempfile::TempDir,
    file: PathBuf,
}

impl Register {
    fn new(pack: &str, panel: &str, applications: &str) -> Register {
        let dir = temp_dir();
        let file = dir.path().join("r.sqlite");
        let register = Register { dir, file };
        let at = |p: &str| root().join(p).to_str().unwrap().to_string();
        register
            .run(&["round", "open", "R", "--rules", pack, "--year", "2025"])
            .run()
            .code(0);
        register.run(&["panel", "set", &at(panel)]).run().code(0);
        register
            .run(&["round", "add", "R", &at(applications)])
            .run()
            .code(0);
        register
    }

    /// The small reviewed pack of `tests/fixtures/reviewed-pack` (three applications; Mette
    /// Lauridsen works for the applicant of MIS-2025-001).
    fn small() -> Register {
        let pack = "tests/fixtures/reviewed-pack";
        Register::new(
            root().join(pack).to_str().unwrap(),
            &format!("{pack}/reviews/panel.toml"),
            &format!("{pack}/applications"),
        )
    }

    /// `kriterium ARGS --register FILE`.
    fn run(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--register", self.file.to_str().unwrap()]);
        kriterium(&all)
    }

    /// The file `name` in the test's folder, holding `text`.
    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// `reviews template R --out OUT MORE…`.
    fn template(&self, out: &Path, more: &[&str]) -> Run {
        let mut args = vec!["reviews", "template", "R", "--out", out.to_str().unwrap()];
        args.extend(more);
        self.run(&args)
    }

    /// `reviews add R SHEETS…`.
    fn add(&self, sheets: &[&Path]) -> Run {
        let mut args = vec!["reviews", "add", "R"];
        args.extend(sheets.iter().map(|p| p.to_str().unwrap()));
        self.run(&args)
    }
}

#[test]
fn every_mistake_of_the_sheets_is_said_in_one_run_in_the_order_of_the_sheets() {
    let register = Register::small();
    // Row 2: a name not on the panel; row 3: a conflict of interest (Mette works for the
    // applicant of 001); row 4: an unknown application; row 5: a score that is no number.
    // Before, the conflict and the name were only found once the cells were right.
    let a = register.file(
        "a.csv",
        "Bedømmer;Ansøgning;Kriterium;Point\r\n\
         Anna Holmm;MIS-2025-002;vurdering;4\r\n\
         Mette Lauridsen;MIS-2025-001;vurdering;5\r\n\
         Anna Holm;MIS-2025-009;vurdering;3\r\n\
         Anna Holm;MIS-2025-002;vurdering;x\r\n\
         Anna Holm;MIS-2025-003;vurdering;2\r\n",
    );
    // The same review as a.csv's row 6, in another sheet (given first, so a.csv's is the
    // second; said at a.csv's row 6, after its other rows).
    let b = register.file(
        "b.csv",
        "Bedømmer;Ansøgning;Kriterium;Point\r\nAnna Holm;MIS-2025-003;vurdering;3\r\n",
    );
    let out = register.add(&[&b, &a]).run().code(2);
    let lines: Vec<&str> = out.stderr.lines().collect();
    let places: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.split_once(": "))
        .filter(|(file, _)| file.ends_with(".csv"))
        .map(|(_, rest)| rest.split(':').next().unwrap())
        .collect();
    assert_eq!(
        places,
        [
            "row 2, column \"Bedømmer\"",
            "row 3, column \"Point\"",
            "row 4, column \"Ansøgning\"",
            "row 5, column \"Point\"",
            "row 6, column \"Point\"",
        ],
        "{}",
        out.stderr
    );
    assert!(
        lines[0].contains("not a member of the panel"),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("Sønderborg Musikskole"), "{}", lines[1]);
    assert!(lines[4].contains("also scored"), "{}", lines[4]);
    assert!(
        lines[4].contains(&format!("{}: row 2", b.display())),
        "{}",
        lines[4]
    );
    assert!(out.stderr.contains("(5 problems)"), "{}", out.stderr);
}

#[test]
fn a_missing_file_and_a_sheet_without_reviews_are_said_and_nothing_is_stored() {
    let register = Register::small();
    let empty = register.file("tom.csv", "Bedømmer;Ansøgning;Kriterium;Point\r\n");
    let missing = register.dir.path().join("findes-ikke.csv");
    let out = register
        .add(&[&empty, &missing])
        .env("KRITERIUM_LANG", "da")
        .run()
        .code(2);
    assert!(
        out.stderr
            .contains("findes-ikke.csv kan ikke læses: filen eller mappen findes ikke"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("tom.csv: række 1: der er ingen bedømmelser i arket"),
        "{}",
        out.stderr
    );
}

#[test]
fn reviews_show_counts_the_reviews_the_assessments_count_after_a_conflict_is_declared() {
    let samples = "samples/reviews/made-in-sonderjylland";
    let register = Register::new(
        "made-in-sonderjylland",
        &format!("{samples}/panel.toml"),
        "samples/made-in-sonderjylland",
    );
    // Hanne Friis reviews one application, which moves the panel's means and so everyone's
    // offset; then she declares a conflict with it, so her review no longer counts.
    let hanne = register.file(
        "hanne.csv",
        "Bedømmer;Ansøgning;Kriterium;Point\r\nHanne Friis;MIS-2025-003;drift-efter-tilskud;1\r\n",
    );
    let sheets = root().join(samples);
    register.add(&[&hanne, &sheets]).run().code(0);
    let panel = std::fs::read_to_string(sheets.join("panel.toml")).unwrap()
        + "\n[[conflict]]\nmember = \"Hanne Friis\"\napplication = \"MIS-2025-003\"\nreason = \"Min søn er med i dansegruppen\"\n";
    let panel = register.file("panel.toml", &panel);
    register
        .run(&["panel", "set", panel.to_str().unwrap()])
        .run()
        .code(0);
    let out = register
        .run(&["reviews", "show", "R", "--format", "json"])
        .run()
        .code(0);
    let shown: Value = serde_json::from_str(&out.stdout).unwrap();
    let offsets: Vec<(String, String)> = shown["leniency"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["reviewer"].as_str().unwrap().to_string(),
                l["offset"].to_string(),
            )
        })
        .collect();
    // By hand, without Hanne's review (the samples' own offsets, as the README shows them):
    // Karen 1,8 against the panel's 2,4 on her ten applications, −0,6; Lene −0,21; Ole +0,71.
    // Counting her review would give −0,57, −0,19 and 0,73, and Hanne a row of her own.
    assert_eq!(
        offsets,
        [
            ("Karen Vestergaard".to_string(), "-0.6".to_string()),
            ("Lene Bach".to_string(), "-0.21".to_string()),
            ("Ole Kragh".to_string(), "0.71".to_string()),
        ],
        "{}",
        out.stdout
    );
    // The same offset the assessment of MIS-2025-004 calibrated Karen's 2 with: 2,6.
    let sql = rusqlite::Connection::open(&register.file).unwrap();
    let calibrated: f64 = sql
        .query_row(
            "SELECT json_extract(assessment, '$.criteria[0].review.scores[0].calibrated') \
             FROM current_assessment WHERE application_id = 'MIS-2025-004'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(calibrated, 2.6);
    assert!(
        shown["ranking"].as_array().unwrap().len() == 17,
        "{}",
        out.stdout
    );
}

#[test]
fn the_template_does_not_overwrite_a_file_and_writes_csv_for_a_csv_name() {
    let register = Register::small();
    let filled = register.file("filled.xlsx", "a filled-in sheet");
    let out = register.template(&filled, &[]).run().code(2);
    assert!(out.stderr.contains("exists already"), "{}", out.stderr);
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&filled).unwrap(),
        "a filled-in sheet"
    );
    register.template(&filled, &["--force"]).run().code(0);
    assert!(std::fs::read(&filled).unwrap().starts_with(b"PK"));
    // Neither .xlsx nor .csv: refused, nothing written.
    let text = register.dir.path().join("ark.txt");
    let out = register.template(&text, &[]).run().code(2);
    assert!(out.stderr.contains(".xlsx"), "{}", out.stderr);
    assert!(!text.exists());
    // .csv: a CSV sheet in the project's Danish conventions, which reads back once filled in.
    let csv = register.dir.path().join("anna.csv");
    register
        .template(&csv, &["--reviewer", "Anna Holm"])
        .run()
        .code(0);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with("\u{feff}Bedømmer;Ansøgning;Titel;Kriterium;Point;Kommentar\r\n"),
        "{text}"
    );
    let filled = text.replacen(";vurdering;;", ";vurdering;4;", 1);
    std::fs::write(&csv, filled).unwrap();
    let out = register.add(&[&csv]).run().code(0);
    assert!(out.stdout.contains("Anna Holm: 1 review"), "{}", out.stdout);
}

#[test]
fn after_fifty_mistakes_the_rest_are_counted_not_said() {
    let register = Register::small();
    let mut text = String::from("Bedømmer;Ansøgning;Kriterium;Point\r\n");
    for _ in 0..60 {
        text.push_str("Anna Holm;MIS-2025-001;vurdering;x\r\n");
    }
    let sheet = register.file("mange.csv", &text);
    let out = register.add(&[&sheet]).run().code(2);
    let said = out
        .stderr
        .lines()
        .filter(|l| l.contains("mange.csv: row"))
        .count();
    assert_eq!(said, 50, "{}", out.stderr);
    // Rows 2 to 51 are said, in order; the ten after are counted, and all 60 in the total.
    assert!(out.stderr.contains("mange.csv: row 51,"), "{}", out.stderr);
    assert!(!out.stderr.contains("mange.csv: row 52,"), "{}", out.stderr);
    assert!(
        out.stderr.contains("… and 10 more problems not shown here"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("(60 problems)"), "{}", out.stderr);
}

#[test]
fn a_closed_round_has_no_template() {
    let register = Register::small();
    let sheet = register.file(
        "anna.csv",
        "Bedømmer;Ansøgning;Kriterium;Point\r\n\
         Anna Holm;MIS-2025-001;vurdering;3\r\n\
         Anna Holm;MIS-2025-002;vurdering;3\r\n\
         Anna Holm;MIS-2025-003;vurdering;3\r\n",
    );
    register.add(&[&sheet]).run().code(0);
    for id in ["MIS-2025-001", "MIS-2025-002", "MIS-2025-003"] {
        register
            .run(&[
                "decide",
                "R",
                id,
                "reject",
                "--date",
                "2025-03-01",
                "--reason",
                "Midlerne er brugt",
            ])
            .run()
            .code(0);
    }
    register.run(&["round", "close", "R"]).run().code(0);
    let out_file = register.dir.path().join("ark.xlsx");
    let out = register.template(&out_file, &[]).run().code(2);
    assert!(out.stderr.contains("closed"), "{}", out.stderr);
    assert!(!out_file.exists());
}

#[test]
fn a_formula_without_a_computed_value_is_said_not_read_as_blank() {
    // Written by a program (openpyxl): row 2's score is `=1+1` with no value stored, row 3's
    // is 4. Before, row 2 read as blank, "not scored yet", and nothing was said.
    let samples = "samples/reviews/made-in-sonderjylland";
    let register = Register::new(
        "made-in-sonderjylland",
        &format!("{samples}/panel.toml"),
        "samples/made-in-sonderjylland",
    );
    let sheet = root().join("tests/fixtures/reviewed/formula-without-value.xlsx");
    let out = register.add(&[&sheet]).run().code(2);
    assert!(
        out.stderr.contains(
            "formula-without-value.xlsx: sheet \"Bedømmelser\", row 2, column \"Point\": the cell holds the formula \"=1+1\", but the formula has no computed value"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("(1 problem)"), "{}", out.stderr);
}

#[test]
fn every_worksheet_of_a_workbook_is_read_and_a_stray_cell_far_away_is_named_not_allocated() {
    // Before: only the first worksheet was read (Bo's rows, one of them out of scale, vanished
    // without a word), and a stray "x" in XFD1048576 made the program abort on a failed
    // allocation of the sheet's whole bounding box.
    let register = Register::small();
    let workbook = |stray: bool| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let rows: [(&str, &[(&str, f64)]); 2] = [
            ("Anna", &[("MIS-2025-002", 3.0)]),
            ("Bo", &[("MIS-2025-002", 4.0), ("MIS-2025-003", 9.0)]),
        ];
        for (sheet_name, scores) in rows {
            let sheet = book.add_worksheet();
            sheet.set_name(sheet_name).unwrap();
            for (c, h) in (0u16..).zip(["Bedømmer", "Ansøgning", "Kriterium", "Point"]) {
                sheet.write_string(0, c, h).unwrap();
            }
            let reviewer = if sheet_name == "Anna" {
                "Anna Holm"
            } else {
                "Bo Jensen"
            };
            for (r, (application, score)) in (1u32..).zip(scores) {
                sheet.write_string(r, 0, reviewer).unwrap();
                sheet.write_string(r, 1, *application).unwrap();
                sheet.write_string(r, 2, "vurdering").unwrap();
                sheet.write_number(r, 3, *score).unwrap();
            }
            if stray && sheet_name == "Anna" {
                sheet.write_string(1_048_575, 16_383, "x").unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    };
    let path = register.dir.path().join("panel.xlsx");
    std::fs::write(&path, workbook(true)).unwrap();
    let out = register
        .add(&[&path])
        .env("KRITERIUM_LANG", "da")
        .run()
        .code(2);
    for want in [
        "panel.xlsx: ark »Anna«, række 1: kolonne nr. 16384 har ingen overskrift, men rummer noget (første gang i celle XFD1048576)",
        "panel.xlsx: ark »Bo«, række 3, kolonne »Point«: 9 point ligger uden for skalaen 0–5",
    ] {
        assert!(out.stderr.contains(want), "missing: {want}\n{}", out.stderr);
    }
    std::fs::write(&path, workbook(false)).unwrap();
    let out = register
        .add(&[&path])
        .env("KRITERIUM_LANG", "da")
        .run()
        .code(2);
    assert!(
        !out.stderr.contains("XFD1048576") && out.stderr.contains("ark »Bo«, række 3"),
        "{}",
        out.stderr
    );
}

/// A cell beyond the largest sheet a spreadsheet program makes (here `ZZZZZZ2`, written by
/// hand into a filled template) is refused by its name. Before, a row as wide as the cell was
/// laid out: 7.7 GB, and the program aborted.
#[test]
fn a_cell_beyond_the_largest_sheet_is_named_not_laid_out() {
    let samples = crate::util::SAMPLE_REVIEWS;
    let register = Register::new(
        "made-in-sonderjylland",
        &format!("{samples}/panel.toml"),
        "samples/made-in-sonderjylland",
    );
    let sheet = root().join("tests/fixtures/reviewed/cell-beyond-the-sheet.xlsx");
    let out = register.add(&[&sheet]).run().code(2);
    assert!(
        out.stderr.contains(
            "cell-beyond-the-sheet.xlsx: the file cannot be read as an Excel workbook (.xlsx): the cell ZZZZZZ2 lies beyond the largest sheet"
        ),
        "{}",
        out.stderr
    );
}
