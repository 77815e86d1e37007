//! "Did you mean …?" for misspelt names.

/// The known name closest to `wrong`, if it is close enough to be a likely typo.
///
/// Close enough means at most a third of the letters differ (and at least one edit is
/// allowed), which catches `budjet`→`budget` and `evnts`→`events` without suggesting
/// unrelated words for short names. Two letters swapped (`titel`→`title`, `nmae`→`name`, the
/// commonest slip of a typist) count as one edit (optimal string alignment distance).
pub fn closest<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = wrong.chars().count();
    let limit = (length / 3).max(1);
    known
        .into_iter()
        .filter(|k| *k != wrong)
        // The distance is at least the difference in length: a name too long or too short to be
        // within the limit is not compared (a 3 MB key took a minute against every field name).
        .filter(|k| k.chars().count().abs_diff(length) <= limit)
        .map(|k| (strsim::osa_distance(wrong, k), k))
        .filter(|(d, _)| *d <= limit)
        // Ties go to the alphabetically first name so the suggestion is stable.
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, k)| k)
}

/// `"; did you mean `x`?"`, or nothing, ready to append to a message.
pub fn did_you_mean<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    closest(wrong, known)
        .map(|k| format!("; did you mean `{k}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_close_name() {
        assert_eq!(
            closest("budjet", ["budget", "brands", "period"]),
            Some("budget")
        );
        assert_eq!(closest("evnts", ["events", "extra"]), Some("events"));
    }

    #[test]
    fn two_letters_swapped_are_one_slip() {
        // Levenshtein counts a swap as two edits: over the limit of a short name.
        assert_eq!(closest("titel", ["title", "summary"]), Some("title"));
        assert_eq!(closest("nmae", ["name", "new"]), Some("name"));
    }

    #[test]
    fn stays_quiet_for_unrelated_names() {
        assert_eq!(closest("xyz", ["budget", "events"]), None);
        assert_eq!(did_you_mean("colour", ["budget"]), "");
    }

    #[test]
    fn distance_counts_characters_not_bytes() {
        // `ø` is two bytes: one edit from `o`, within the limit of a two-letter name.
        assert_eq!(closest("tø", ["to"]), Some("to"));
    }

    #[test]
    fn a_name_too_long_to_be_close_is_not_compared() {
        assert_eq!(closest(&"k".repeat(100_000), ["kk"]), None);
    }
}
