//! Today's date, the decision form's default for the meeting's date.

use std::time::{SystemTime, UNIX_EPOCH};

/// Today in UTC as `YYYY-MM-DD` (a meeting in the evening still gets its own day in Denmark,
/// one or two hours ahead; the date is a default the secretary sees and can change).
pub fn date() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = kriterium_engine::date::from_days(i64::try_from(seconds / 86_400).unwrap_or(0));
    format!("{y:04}-{m:02}-{d:02}")
}
