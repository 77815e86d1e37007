//! A sample letter (`fixtures/letter.json`: Danish text, a 30-row table, long words, strings
//! that would be markup in typst) made into a PDF and read back with poppler's `pdftotext`,
//! `pdfinfo` and `pdffonts`, as a reader's program would read it. `.ci/run` installs Debian's
//! `poppler-utils`; elsewhere the tests that need it say they are skipped when it is missing,
//! unless `CI` or `KRITERIUM_REQUIRE_POPPLER` is set.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The decision's date of the sample letter.
const DATE: (i32, u8, u8) = (2025, 3, 14);

/// Strings an applicant could write that typst would read as markup or code.
const HOSTILE: [&str; 13] = [
    "#sys.exit()",
    "*fed*",
    "$x$",
    "<script>alert(1)</script>",
    "_kursiv_",
    "@etiket",
    "[klammer]",
    "\\backslash",
    "`kode`",
    "= ikke en overskrift",
    "// ikke en kommentar",
    "\"lige citationstegn\"",
    "{#let x = 1}",
];

fn sample() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/letter.json");
    let text = std::fs::read_to_string(&path).expect("the sample letter is in the repository");
    serde_json::from_str(&text).expect("the sample letter is JSON")
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Whether poppler's tools are here; when not, says loudly that the test is skipped, and fails
/// where they must be (CI).
fn poppler() -> bool {
    if on_path("pdftotext").is_some() && on_path("pdfinfo").is_some() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none() && std::env::var_os("KRITERIUM_REQUIRE_POPPLER").is_none(),
        "poppler's pdftotext is not installed; `.ci/run` installs it (apt-get install poppler-utils)"
    );
    eprintln!("SKIPPED: no pdftotext on PATH (bash .ci/run installs poppler-utils)");
    false
}

/// The PDF in a temporary file, for poppler's tools.
fn written(pdf: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new()
        .suffix(".pdf")
        .tempfile()
        .expect("a temporary file can be made");
    file.write_all(pdf).expect("the PDF is written");
    file
}

/// The letter's PDF in a file, or `None` (the test skipped) where poppler is not installed.
fn rendered(letter: &Value) -> Option<tempfile::NamedTempFile> {
    poppler().then(|| {
        let pdf = kriterium_pdf::letter(letter, DATE);
        written(&pdf.unwrap_or_else(|e| panic!("no PDF: {e}")))
    })
}

/// A poppler tool's standard output on `file` (then `after`), which must succeed.
fn poppler_tool(tool: &str, args: &[&str], file: &Path, after: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(file)
        .args(after)
        .output()
        .unwrap_or_else(|e| panic!("{tool} does not start: {e}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("poppler writes UTF-8 (-enc UTF-8)")
}

/// The PDF's text as pdftotext reads it laid out (a table's row is one line), pages ended by a
/// form feed.
fn text_of(file: &Path) -> String {
    poppler_tool("pdftotext", &["-layout", "-enc", "UTF-8"], file, &["-"])
}

/// The PDF's text, one string per page (pdftotext ends each page with a form feed), each with
/// its white space made single spaces.
fn pages(file: &Path) -> Vec<String> {
    let text = text_of(file);
    let mut pages: Vec<String> = text
        .split('\u{c}')
        .map(|page| page.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    // The form feed after the last page leaves an empty string behind it.
    assert_eq!(pages.pop().as_deref(), Some(""), "{text}");
    pages
}

#[test]
fn the_letter_reads_back_with_its_headings_paragraphs_tables_and_page_numbers() {
    let Some(file) = rendered(&sample()) else {
        return;
    };
    let pages = pages(file.path());
    let all = pages.join(" ");
    for expected in [
        "Afgørelse",
        "Begrundelse",
        "Bilag: pointtabel",
        "Dato: 14. marts 2025",
        "Sagsnummer: MiS-2025-APP-007",
        "Netværksgruppen for Made in Sønderjylland",
        "Anna Jensen",
        // A paragraph, and its line break kept as one.
        "Ansøgningen er modtaget den 1. februar 2025. Den er behandlet på netværksgruppens møde.",
        "Kommissoriet: »Det forventes, at der søges eksterne midler til projekterne.«",
        "Med venlig hilsen Sekretariatet for netværksgruppen",
        // A table cell, the first row and the thirtieth.
        "1. Drift efter tilskud",
        "30. Frivillige kræfter",
    ] {
        assert!(all.contains(expected), "{expected:?} not in:\n{all}");
    }
    // Danish hyphenation: the paragraph's long compound breaks with a (soft) hyphen at a line's
    // end, which pdftotext writes as U+00AD.
    let raw = text_of(file.path());
    assert!(raw.contains("\u{AD}\n"), "no word hyphenated:\n{raw}");
    let count = pages.len();
    assert!(count >= 3, "{count} pages");
    for (i, page) in pages.iter().enumerate() {
        let footer = format!("Side {} af {count}", i + 1);
        assert!(page.ends_with(&footer), "page {}: {page}", i + 1);
        // No blank page: each has more than its page number.
        assert!(
            page.len() > footer.len() + 40,
            "page {} is (nearly) blank: {page}",
            i + 1
        );
    }
    // The 30-row table breaks across pages, its header repeated on each.
    let with_rows: Vec<&String> = pages
        .iter()
        .filter(|p| p.contains("Drift efter tilskud"))
        .collect();
    assert!(
        with_rows.len() >= 2,
        "the table fits one page; make it longer"
    );
    for page in with_rows {
        assert!(
            page.contains("Kriterium Vægt Point Vægtede point"),
            "{page}"
        );
    }
    // The appendix begins on a page of its own, headed with the case.
    let appendix = pages
        .iter()
        .position(|p| p.contains("Bilag: pointtabel"))
        .unwrap();
    assert!(!pages[appendix - 1].contains("Bilag: pointtabel"));
    assert!(pages[appendix].starts_with("Bilag · Sagsnummer: MiS-2025-APP-007 Bilag: pointtabel"));
    assert!(pages[appendix - 1].contains("Sekretariatet for netværksgruppen"));
}

#[test]
fn an_applicants_markup_and_code_print_as_written() {
    let Some(file) = rendered(&sample()) else {
        return;
    };
    let all = pages(file.path()).join(" ");
    assert!(
        all.contains("»Talentlinje for unge musikere #sys.exit() *fed* $x$ <script>«"),
        "{all}"
    );
    // In a list item and in a table cell, all of them as written.
    let written = HOSTILE.join(" ");
    assert!(
        all.contains(&format!("• Tekst fra ansøgningen: {written}")),
        "{all}"
    );
    assert!(all.contains(&format!("Ansøgers titel {written}")), "{all}");
}

#[test]
fn the_letter_is_pdf_a_2b_with_its_fonts_embedded_and_subset() {
    let Some(file) = rendered(&sample()) else {
        return;
    };
    let xmp = poppler_tool("pdfinfo", &["-meta"], file.path(), &[]);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
    // The decision's date is the document's date, and no other date is in it.
    let info = poppler_tool("pdfinfo", &["-isodates"], file.path(), &[]);
    let info = info.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        info.contains("CreationDate: 2025-03-14T00:00:00Z"),
        "{info}"
    );
    assert!(
        !info.contains("ModDate") || info.contains("ModDate: 2025-03-14T00:00:00Z"),
        "{info}"
    );
    assert!(
        info.contains("Title: Afslag på ansøgning om tilskud til »Talentlinje"),
        "{info}"
    );
    let fonts = poppler_tool("pdffonts", &[], file.path(), &[]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(
        rows.iter().any(|r| r.contains("LibertinusSerif-Regular")),
        "{fonts}"
    );
    for row in rows {
        // Columns: name type encoding emb sub uni object ID.
        let cells: Vec<&str> = row.split_whitespace().collect();
        let n = cells.len();
        assert_eq!(
            &cells[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "not embedded, subset and mapped: {row}"
        );
    }
}

#[test]
fn the_same_letter_and_date_give_the_same_bytes() {
    let first = kriterium_pdf::letter(&sample(), DATE).unwrap();
    let second = kriterium_pdf::letter(&sample(), DATE).unwrap();
    assert!(first.starts_with(b"%PDF-"));
    assert!(first == second, "two runs differ");
    // And the date is what the PDF says: another date gives other bytes.
    let later = kriterium_pdf::letter(&sample(), (2025, 3, 15)).unwrap();
    assert!(first != later);
}

#[test]
fn a_letter_in_english_or_swedish_uses_its_own_quotation_marks() {
    for (lang, quoted) in [
        ("sv", "Kommissoriet: ”Det forventes"),
        ("en", "Kommissoriet: “Det forventes"),
    ] {
        let mut letter = sample();
        letter["lang"] = Value::String(lang.into());
        let Some(file) = rendered(&letter) else {
            return;
        };
        let all = pages(file.path()).join(" ");
        assert!(all.contains(quoted), "{lang}: {all}");
    }
}

#[test]
fn a_date_not_in_the_calendar_is_refused() {
    let error = kriterium_pdf::letter(&sample(), (2025, 2, 30)).unwrap_err();
    assert_eq!(
        error,
        kriterium_pdf::PdfError::Date {
            year: 2025,
            month: 2,
            day: 30
        }
    );
    assert_eq!(
        error.message("da"),
        "afgørelsens dato 2025-02-30 findes ikke i kalenderen"
    );
}

#[test]
fn an_emoji_no_font_can_draw_is_shown_as_its_code_point_and_the_letter_is_still_made() {
    let mut letter = sample();
    letter["title"] = Value::String("Musik 🎵 for alle".into());
    let Some(file) = rendered(&letter) else {
        return;
    };
    let all = pages(file.path()).join(" ");
    assert!(all.contains("Musik [U+1F3B5] for alle"), "{all}");
}

#[test]
fn a_long_fingerprint_breaks_inside_the_page_instead_of_running_off_it() {
    let Some(file) = rendered(&sample()) else {
        return;
    };
    let text = text_of(file.path());
    let joined: String = text.split_whitespace().collect();
    let fingerprint = "sha256:9f2c4e1a0b7d3c5e8f6a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e";
    // Cut at the page's edge, the end of it would be missing.
    assert!(joined.contains(fingerprint), "{text}");
    // Drawn in pieces on two lines, with no character added where it breaks.
    assert!(!text.contains(fingerprint), "{text}");
}

#[test]
fn a_letter_without_sections_or_appendix_is_one_page_with_no_blank_page_after() {
    let mut letter = sample();
    letter["sections"] = Value::Array(vec![]);
    letter["appendix"] = Value::Array(vec![]);
    let Some(file) = rendered(&letter) else {
        return;
    };
    let pages = pages(file.path());
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert!(
        pages[0].ends_with("Sekretariatet for netværksgruppen Side 1 af 1"),
        "{pages:?}"
    );
}
