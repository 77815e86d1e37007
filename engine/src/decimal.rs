//! Exact decimal numbers for weights, points and totals.
//!
//! Scores must reproduce byte for byte when a decision is checked later, so no value that reaches
//! a decision is ever a binary float. [`Decimal`] wraps `rust_decimal::Decimal` (the same type Rhai
//! uses for its `decimal` numbers) and fixes how it looks in JSON: an integer when it is whole,
//! otherwise a JSON number with exactly its decimal digits.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How many decimal places a weight or an awarded number of points may have.
///
/// Two places cover half and quarter points and weights like `1.25`. The bound also keeps every
/// product and sum far inside the 15 significant digits that a JSON reader parsing into a double
/// keeps exactly, so `37.5` written by us is `37.5` read by anyone.
pub const MAX_SCALE: u32 = 2;

/// An exact decimal number, normalised (no trailing zeros) when displayed or serialised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Decimal(pub rust_decimal::Decimal);

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal(rust_decimal::Decimal::ZERO);

    /// The number of decimal places needed to write this number exactly.
    pub fn scale(self) -> u32 {
        self.0.normalize().scale()
    }

    /// Whether this number has at most [`MAX_SCALE`] decimal places.
    pub fn within_scale(self) -> bool {
        self.scale() <= MAX_SCALE
    }

    /// `self + other`, or `None` on overflow.
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        self.0.checked_add(other.0).map(Decimal)
    }

    /// `self - other`, or `None` on overflow.
    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        self.0.checked_sub(other.0).map(Decimal)
    }

    /// `self * other`, or `None` on overflow.
    pub fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        self.0.checked_mul(other.0).map(Decimal)
    }

    /// The number written with a decimal comma, as Danish and Swedish readers expect.
    pub fn with_comma(self) -> String {
        self.to_string().replace('.', ",")
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Decimal(rust_decimal::Decimal::from(value))
    }
}

impl From<u32> for Decimal {
    fn from(value: u32) -> Self {
        Decimal(rust_decimal::Decimal::from(value))
    }
}

impl FromStr for Decimal {
    type Err = rust_decimal::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        rust_decimal::Decimal::from_str(s).map(Decimal)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `normalize` drops trailing zeros, so 7.50 and 7.5 print alike.
        fmt::Display::fmt(&self.0.normalize(), f)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // A binary format (the batch's spill file) keeps the exact 16-byte value; JSON and TOML
        // get a number.
        if !serializer.is_human_readable() {
            return self.0.serialize().serialize(serializer);
        }
        let n = self.0.normalize();
        if n.scale() == 0
            && let Ok(i) = i64::try_from(n)
        {
            return serializer.serialize_i64(i);
        }
        // INVARIANT: values reaching here have few significant digits (see MAX_SCALE), so the
        // shortest representation of the nearest double, which serde_json prints, is exactly
        // the decimal's own digits. A property test in this module holds that.
        let f: f64 = n.to_string().parse().map_err(serde::ser::Error::custom)?;
        serializer.serialize_f64(f)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Numbers arrive as i64, u64 or f64 (JSON and TOML readers decide). A float is turned back
        // into the shortest text that reads as the same double, which is the text the author
        // wrote for any number with up to 15 significant digits: `1.25` stays exactly 1.25.
        if !deserializer.is_human_readable() {
            let bytes = <[u8; 16]>::deserialize(deserializer)?;
            return Ok(Decimal(rust_decimal::Decimal::deserialize(bytes)));
        }
        let value = serde_json::Number::deserialize(deserializer)?;
        Decimal::from_str(&value.to_string())
            .or_else(|_| rust_decimal::Decimal::from_scientific(&value.to_string()).map(Decimal))
            .map_err(|_| serde::de::Error::custom(format!("`{value}` is not a decimal number")))
    }
}

impl JsonSchema for Decimal {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "description": "An exact decimal number, written as a JSON number (at most two decimal places for weights and points)."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(d: &str) -> String {
        serde_json::to_string(&Decimal::from_str(d).unwrap()).unwrap()
    }

    #[test]
    fn whole_numbers_serialise_as_integers() {
        assert_eq!(json("12"), "12");
        assert_eq!(json("12.00"), "12");
        assert_eq!(json("-3"), "-3");
    }

    #[test]
    fn fractions_serialise_with_exactly_their_digits() {
        assert_eq!(json("7.50"), "7.5");
        assert_eq!(json("0.1"), "0.1");
        assert_eq!(json("56.25"), "56.25");
    }

    #[test]
    fn every_value_within_bounds_round_trips_through_json_exactly() {
        // Weighted points have at most 4 decimals (2 from points, 2 from weights) and totals stay
        // below a million; walk a dense sample of that space.
        for whole in [0i64, 1, 7, 99, 12_345, 999_999] {
            for frac in (0..10_000).step_by(7) {
                let text = format!("{whole}.{frac:04}");
                let d = Decimal::from_str(&text).unwrap();
                let written = serde_json::to_string(&d).unwrap();
                let read: Decimal = serde_json::from_str(&written).unwrap();
                assert_eq!(read, d, "{text} was written as {written}");
                assert_eq!(written, d.to_string(), "{text}");
            }
        }
    }

    #[test]
    fn scale_counts_significant_decimals_only() {
        assert_eq!(Decimal::from_str("1.50").unwrap().scale(), 1);
        assert!(Decimal::from_str("1.25").unwrap().within_scale());
        assert!(!Decimal::from_str("1.125").unwrap().within_scale());
    }

    #[test]
    fn comma_form_for_danish_readers() {
        assert_eq!(Decimal::from_str("37.5").unwrap().with_comma(), "37,5");
    }
}
