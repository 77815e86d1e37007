//! Whole amounts as people write them: `400000`, `400.000`, `400 000` (also with a no-break
//! space), `1,000,000`, optionally after `kr.`, `kr`, `DKK` or `SEK` or followed by them or `,-`.
//! The one reader of whole amounts: those typed on the command line (`--budget`) and those in a
//! sheet's cells (`kriterium import`), so both accept the same texts. `400.000` means four
//! hundred thousand whatever the locale: amounts are whole units, so a `.` between groups of
//! three digits can only group them. A single `,` before three digits (`400,000`) is refused as
//! ambiguous: a Dane or a Swede reads it as a decimal comma (400 kr.), an English reader as
//! four hundred thousand.

/// Why a text is not a whole amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    /// Nothing but spaces.
    Empty,
    /// Not digits grouped in threes (`ca. 50.000`, `2,5`, `-100`, `40.00`).
    NotAnAmount,
    /// More than 18 446 744 073 709 551 615, the most a budget can hold.
    TooLarge,
    /// One comma before exactly three digits (`400,000`, `1,000`): a decimal comma to a Dane,
    /// a thousands separator to an English reader; `400000` or `400.000` says which.
    Ambiguous,
}

/// The separators allowed between groups of three digits: full stop, comma, space, no-break
/// space and narrow no-break space (what Danish, English and Swedish write).
const SEPARATORS: [char; 5] = ['.', ',', ' ', '\u{a0}', '\u{202f}'];

/// Suffixes that may follow the digits: the Danish and Swedish currency abbreviations and the
/// Danish `,-` of whole kroner. Spaces before them are allowed.
const SUFFIXES: [&str; 5] = ["kr.", "kr", "dkk", "sek", ",-"];

/// Prefixes that may come before the digits (`kr. 400.000`, `DKK 400000`); spaces after them
/// are allowed.
const PREFIXES: [&str; 4] = ["kr.", "kr", "dkk", "sek"];

/// The whole amount `text` writes, in units of the currency (`"1.250.000 kr."` → `1250000`).
///
/// Digits may be grouped in threes by one kind of separator ([`SEPARATORS`]); the first group
/// has one to three digits. Leading and trailing spaces, one prefix ([`PREFIXES`]) and one
/// suffix ([`SUFFIXES`]) are ignored. Errors: [`AmountError::Empty`] for nothing,
/// [`AmountError::NotAnAmount`] for anything else than such digits (a decimal part, a sign,
/// words), [`AmountError::Ambiguous`] for one comma before three digits,
/// [`AmountError::TooLarge`] beyond `u64::MAX`.
pub fn parse(text: &str) -> Result<u64, AmountError> {
    let mut rest = text.trim_matches(is_space);
    if rest.is_empty() {
        return Err(AmountError::Empty);
    }
    if let Some(stripped) = PREFIXES
        .iter()
        .find_map(|p| strip_prefix_ignoring_case(rest, p))
    {
        rest = stripped.trim_start_matches(is_space);
    }
    if let Some(stripped) = SUFFIXES
        .iter()
        .find_map(|s| strip_suffix_ignoring_case(rest, s))
    {
        rest = stripped.trim_end_matches(is_space);
    }
    let separator = rest.chars().find(|c| SEPARATORS.contains(c));
    let groups: Vec<&str> = match separator {
        Some(sep) => rest.split(sep).collect(),
        None => vec![rest],
    };
    let digits_only = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let grouped = match groups.split_first() {
        Some((first, others)) => {
            digits_only(first)
                && (others.is_empty() || first.len() <= 3)
                && others.iter().all(|g| g.len() == 3 && digits_only(g))
        }
        None => false,
    };
    if !grouped {
        return Err(AmountError::NotAnAmount);
    }
    if separator == Some(',') && groups.len() == 2 {
        return Err(AmountError::Ambiguous);
    }
    groups.concat().parse().map_err(|_| AmountError::TooLarge)
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\t'
}

/// `text` without `suffix` at its end, compared without regard to case (`KR.`).
fn strip_suffix_ignoring_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    let (head, tail) = (text.get(..cut)?, text.get(cut..)?);
    tail.eq_ignore_ascii_case(suffix).then_some(head)
}

/// `text` without `prefix` at its start, compared without regard to case (`Kr.`).
fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let (head, tail) = (text.get(..prefix.len())?, text.get(prefix.len()..)?);
    head.eq_ignore_ascii_case(prefix).then_some(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_amounts_are_understood() {
        for text in [
            "400000",
            "400.000",
            "400 000",
            "400\u{a0}000",
            "400\u{202f}000",
            "kr. 400.000",
            "DKK 400000",
            "400.000 SEK",
            " 400.000 kr. ",
            "400.000 kr",
            "400000KR",
            "400.000,-",
        ] {
            assert_eq!(parse(text), Ok(400_000), "{text:?}");
        }
        assert_eq!(parse("1.250.000"), Ok(1_250_000));
        assert_eq!(parse("1,250,000"), Ok(1_250_000));
        assert_eq!(parse("0"), Ok(0));
    }

    #[test]
    fn anything_else_is_refused() {
        assert_eq!(parse(""), Err(AmountError::Empty));
        assert_eq!(parse("  "), Err(AmountError::Empty));
        for text in [
            "ca. 50.000",
            "2,5",
            "40.00",
            "4000.000",
            "400.000,50",
            "1.000 000",
            "-100",
            "+100",
            "abc",
            "kr.",
            "400_000",
            "1e6",
        ] {
            assert_eq!(parse(text), Err(AmountError::NotAnAmount), "{text:?}");
        }
        assert_eq!(parse("99999999999999999999"), Err(AmountError::TooLarge));
        // A decimal comma to a Dane, thousands to an English reader: neither is guessed.
        for text in ["400,000", "1,000", "kr. 400,000"] {
            assert_eq!(parse(text), Err(AmountError::Ambiguous), "{text:?}");
        }
    }
}
