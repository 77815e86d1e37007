//! The batch's progress line on standard error (only on a terminal): how many applications are
//! assessed, at what rate, and — when the amount of input is known before reading — a bar with a
//! percentage and the time left.
//!
//! What is known up front decides the line: a set of application files is counted (it is already
//! listed, so counting costs nothing); JSON Lines files are measured by their size, and the
//! count they hold is estimated from the size per application read so far; standard input has
//! no size, so only the count and the rate are shown. The bar moves per application assessed.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use kriterium_engine::input::{Input, InputSource};
use kriterium_engine::labels::{group_digits, thousands_separator};
use kriterium_engine::problem::Problem;

kriterium_engine::translation_table! {
    /// The words of the progress line.
    Words {
        Assessed => "ansøgninger vurderet", "applications assessed", "ansökningar bedömda";
        /// indicatif fills `{percent}` and `{eta}` (e.g. `3m`); Danish and Swedish put a space
        /// before the per cent sign, English does not.
        Done => "{percent} % · {eta} tilbage", "{percent}% · {eta} left", "{percent} % · {eta} kvar";
    }
}

/// How much input there is, as far as it is known before reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    /// Standard input is among the inputs: its length is not known.
    Unknown,
    /// Only application files (`.json`): this many applications.
    Applications(u64),
    /// JSON Lines files among the inputs: this many bytes of input in all.
    Bytes(u64),
}

impl Total {
    /// What the inputs `sources` amount to. A file whose size cannot be read counts as empty;
    /// it only makes the bar less exact (its problem is reported when it is read).
    pub fn of(sources: &[InputSource]) -> Total {
        let size = |path: &std::path::Path| std::fs::metadata(path).map_or(0, |m| m.len());
        let mut files = 0;
        let mut bytes = 0;
        let mut lines = false;
        for source in sources {
            match source {
                InputSource::Stdin => return Total::Unknown,
                InputSource::File(path) => {
                    files += 1;
                    bytes += size(path);
                }
                InputSource::JsonLines(path) => {
                    lines = true;
                    bytes += size(path);
                }
            }
        }
        if lines {
            Total::Bytes(bytes)
        } else {
            Total::Applications(files)
        }
    }
}

/// The progress line of one batch. Cloned to the reading thread, which reports the bytes read.
#[derive(Clone)]
pub struct Progress {
    bar: ProgressBar,
    total: Total,
    /// Applications assessed (or rejected) so far.
    done: Arc<AtomicU64>,
    /// Applications and bytes read so far (counted only with a total in bytes).
    read: Arc<(AtomicU64, AtomicU64)>,
}

impl Progress {
    /// A progress line in `lang` (`da`, `en`, `sv`) for inputs amounting to `total`; hidden
    /// when standard error is not a terminal.
    pub fn new(total: Total, lang: &'static str) -> Progress {
        let done = Arc::new(AtomicU64::new(0));
        if !std::io::stderr().is_terminal() {
            return Progress {
                bar: ProgressBar::hidden(),
                total,
                done,
                read: Arc::default(),
            };
        }
        let bar = match total {
            Total::Unknown => ProgressBar::new_spinner(),
            Total::Applications(n) => ProgressBar::new(n),
            // Set from the first application read (`read_one`); a length of 0 would show as
            // done.
            Total::Bytes(_) => ProgressBar::new(1),
        };
        let counter = Arc::clone(&done);
        let style = ProgressStyle::with_template(&template(total, lang)).map(|style| {
            style.with_key(
                "assessed",
                move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let done = counter.load(Ordering::Relaxed);
                    let _ = write!(w, "{}", assessed(done, state.elapsed(), lang));
                },
            )
        });
        // A template of ours that indicatif refused would be a bug; the bar then keeps its
        // default look rather than stopping the batch.
        if let Ok(style) = style {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress {
            bar,
            total,
            done,
            read: Arc::default(),
        }
    }

    /// One application is assessed or rejected.
    pub fn assessed_one(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
        self.bar.inc(1);
    }

    /// One more input is read (an application, or one that could not be read: it is rejected,
    /// and counted as done). With a total in bytes, the bar's length becomes the number of
    /// applications the input holds at the size per application read so far: the bar follows
    /// the applications assessed, not the reading, which runs ahead of them. Once everything is
    /// read the estimate is the exact count.
    pub fn read_one(&self, read: &Result<Input, Problem>) {
        let Total::Bytes(total) = self.total else {
            return;
        };
        // A JSON Lines input's text lacks the line's end.
        let bytes = read.as_ref().map_or(0, |input| {
            input.text.len() as u64 + u64::from(input.line.is_some())
        });
        let count = self.read.0.fetch_add(1, Ordering::Relaxed) + 1;
        let read = self.read.1.fetch_add(bytes, Ordering::Relaxed) + bytes;
        self.bar.set_length(estimate(count, read, total));
    }

    /// Removes the line.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// How many applications `total` bytes of input hold, when `count` applications took `read`
/// bytes: never fewer than are read already.
fn estimate(count: u64, read: u64, total: u64) -> u64 {
    if read == 0 {
        return count;
    }
    let scaled = u128::from(count) * u128::from(total.max(read)) / u128::from(read);
    u64::try_from(scaled).unwrap_or(u64::MAX).max(count)
}

/// The indicatif template of the line: `{assessed}` is the count and the rate; with a known
/// total, a bar, the percentage and the time left follow.
pub fn template(total: Total, lang: &str) -> String {
    match total {
        Total::Unknown => "{spinner} {assessed}".to_string(),
        Total::Applications(_) | Total::Bytes(_) => format!(
            "{{spinner}} {{assessed}} [{{bar:30}}] {}",
            Words::Done.text(lang)
        ),
    }
}

/// `1.234 ansøgninger vurderet (56/s)`: the count and the rate in whole applications per
/// second, grouped as `lang` writes numbers.
pub fn assessed(done: u64, elapsed: Duration, lang: &str) -> String {
    let separator = thousands_separator(lang);
    let seconds = elapsed.as_secs_f64();
    // Whole applications per second: four decimals of a rate say nothing to a reader.
    let rate = if seconds > 0.0 {
        (done as f64 / seconds).round() as i128
    } else {
        0
    };
    format!(
        "{} {} ({}/s)",
        group_digits(i128::from(done), separator),
        Words::Assessed.text(lang),
        group_digits(rate, separator)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_the_same_placeholders() {
        assert_eq!(Words::placeholders_differ(), Vec::<&str>::new());
    }

    #[test]
    fn the_rate_is_whole_and_grouped_as_the_language_writes_numbers() {
        let line = assessed(12_340, Duration::from_secs(10), "da");
        assert_eq!(line, "12.340 ansøgninger vurderet (1.234/s)");
        let line = assessed(1_500, Duration::from_millis(1_500), "en");
        assert_eq!(line, "1,500 applications assessed (1,000/s)");
        assert_eq!(
            assessed(0, Duration::ZERO, "sv"),
            "0 ansökningar bedömda (0/s)"
        );
    }

    #[test]
    fn a_known_total_shows_a_bar_a_percentage_and_the_time_left() {
        for total in [Total::Applications(10), Total::Bytes(1_000)] {
            let t = template(total, "da");
            assert!(
                t.contains("{bar:30}") && t.contains("{percent} % · {eta} tilbage"),
                "{t}"
            );
            assert!(ProgressStyle::with_template(&t).is_ok(), "{t}");
        }
        assert!(template(Total::Bytes(1), "en").ends_with("{percent}% · {eta} left"));
        let t = template(Total::Unknown, "en");
        assert!(!t.contains("{eta}") && !t.contains("{percent}"), "{t}");
    }

    #[test]
    fn json_lines_are_counted_at_the_size_per_application_read_so_far() {
        // 10 applications in 1,000 of 4,000 bytes: about 40 in all.
        assert_eq!(estimate(10, 1_000, 4_000), 40);
        // All read: the count itself, also when the file grew while it was read.
        assert_eq!(estimate(37, 4_000, 4_000), 37);
        assert_eq!(estimate(37, 5_000, 4_000), 37);
        assert_eq!(estimate(0, 0, 4_000), 0);
    }

    #[test]
    fn files_are_counted_json_lines_measured_and_standard_input_unknown() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let a = dir.path().join("a.json");
        let b = dir.path().join("b.jsonl");
        std::fs::write(&a, "{}").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&b, "{}\n{}\n").unwrap_or_else(|e| panic!("{e}"));
        let files = [InputSource::File(a.clone()), InputSource::File(a.clone())];
        assert_eq!(Total::of(&files), Total::Applications(2));
        let mixed = [InputSource::File(a.clone()), InputSource::JsonLines(b)];
        assert_eq!(Total::of(&mixed), Total::Bytes(8));
        let piped = [InputSource::File(a), InputSource::Stdin];
        assert_eq!(Total::of(&piped), Total::Unknown);
    }
}
