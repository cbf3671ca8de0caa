//! Exact shares: a count of a count, kept as the two integers.

use rust_decimal::{Decimal, RoundingStrategy};

/// An exact share `part / whole`, such as women among workers or non-compliant
/// factories among factories assessed. Kept as the two counts so nothing is lost
/// to rounding; [`Ratio::to_decimal`] and [`Ratio::percent`] round only when asked.
///
/// ```
/// use decentwork_model::Ratio;
///
/// let share = Ratio::new(2, 3).unwrap();
/// assert_eq!(share.to_decimal(4).to_string(), "0.6667");
/// assert_eq!(share.percent(1).to_string(), "66.7");
/// assert!(Ratio::new(1, 0).is_none());
/// assert!(Ratio::new(4, 3).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RatioParts", deny_unknown_fields))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Ratio {
    part: u64,
    whole: u64,
}

/// The unchecked form of a [`Ratio`], as it appears in JSON.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RatioParts {
    part: u64,
    whole: u64,
}

#[cfg(feature = "serde")]
impl TryFrom<RatioParts> for Ratio {
    type Error = crate::ValidationError;
    fn try_from(parts: RatioParts) -> Result<Self, Self::Error> {
        if parts.whole == 0 {
            return Err(crate::ValidationError::OutOfRange {
                field: "whole".into(),
                value: 0,
                expected: "at least 1",
            });
        }
        if parts.part > parts.whole {
            return Err(crate::ValidationError::Exceeds {
                field: "part".into(),
                value: parts.part,
                limit_field: "whole".into(),
                limit: parts.whole,
            });
        }
        Ok(Ratio {
            part: parts.part,
            whole: parts.whole,
        })
    }
}

impl Ratio {
    /// `part / whole`; `None` when `whole` is 0 (no share of nothing) or
    /// `part > whole`.
    #[must_use]
    pub fn new(part: u64, whole: u64) -> Option<Self> {
        (whole > 0 && part <= whole).then_some(Self { part, whole })
    }

    /// The counted part.
    #[must_use]
    pub fn part(self) -> u64 {
        self.part
    }

    /// The whole it is part of (never 0).
    #[must_use]
    pub fn whole(self) -> u64 {
        self.whole
    }

    /// The share in [0, 1], rounded half away from zero to `decimal_places`
    /// (at most 28).
    #[must_use]
    pub fn to_decimal(self, decimal_places: u32) -> Decimal {
        Self::divide(Decimal::from(self.part), self.whole, decimal_places)
    }

    /// The share in per cent, [0, 100], rounded half away from zero to
    /// `decimal_places`.
    #[must_use]
    pub fn percent(self, decimal_places: u32) -> Decimal {
        Self::divide(
            Decimal::from(self.part) * Decimal::ONE_HUNDRED,
            self.whole,
            decimal_places,
        )
    }

    fn divide(numerator: Decimal, whole: u64, decimal_places: u32) -> Decimal {
        // `whole` is at least 1 and the quotient at most 100, so neither operation
        // can overflow; checked forms keep that promise visible.
        numerator
            .checked_div(Decimal::from(whole))
            .unwrap_or_default()
            .round_dp_with_strategy(
                decimal_places.min(28),
                RoundingStrategy::MidpointAwayFromZero,
            )
            .normalize()
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    /// Orders by value (`1/2 == 2/4` in value but they are different ratios:
    /// equal values are then ordered by `whole`).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let left = u128::from(self.part) * u128::from(other.whole);
        let right = u128::from(other.part) * u128::from(self.whole);
        left.cmp(&right).then(self.whole.cmp(&other.whole))
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.part, self.whole)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_and_order() {
        let third = Ratio::new(1, 3).unwrap();
        assert_eq!(third.to_decimal(2), Decimal::new(33, 2));
        assert_eq!(Ratio::new(1, 2).unwrap().to_decimal(0), Decimal::ONE);
        assert_eq!(Ratio::new(3, 4).unwrap().percent(2).to_string(), "75");
        assert!(Ratio::new(1, 3).unwrap() < Ratio::new(1, 2).unwrap());
        assert!(Ratio::new(1, 2).unwrap() < Ratio::new(2, 4).unwrap());
        assert_eq!(
            Ratio::new(u64::MAX, u64::MAX).unwrap().to_decimal(3),
            Decimal::ONE
        );
    }
}
