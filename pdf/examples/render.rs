//! Writes a letter's PDF: `cargo run -p kriterium-pdf --example render -- LETTER.json OUT.pdf
//! YYYY-MM-DD`. A tool for looking at the layout and measuring what typst costs (BENCHMARKS.md).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output, date] = args.as_slice() else {
        eprintln!("usage: render LETTER.json OUT.pdf YYYY-MM-DD");
        return ExitCode::from(2);
    };
    match run(input, output, date) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(input: &str, output: &str, date: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let letter: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{input}: {e}"))?;
    let parts: Vec<&str> = date.split('-').collect();
    let date = match parts.as_slice() {
        [y, m, d] => (
            y.parse().map_err(|_| format!("{date}: not YYYY-MM-DD"))?,
            m.parse().map_err(|_| format!("{date}: not YYYY-MM-DD"))?,
            d.parse().map_err(|_| format!("{date}: not YYYY-MM-DD"))?,
        ),
        _ => return Err(format!("{date}: not YYYY-MM-DD")),
    };
    let pdf = kriterium_pdf::letter(&letter, date).map_err(|e| e.to_string())?;
    std::fs::write(output, pdf).map_err(|e| format!("{output}: {e}"))
}
