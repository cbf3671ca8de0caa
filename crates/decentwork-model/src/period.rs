//! Date periods: memberships, relationships, consents, enrolments.

use chrono::NaiveDate;

use crate::ValidationError;

/// A span of days from `start` (inclusive) to `end` (exclusive), or open-ended
/// when `end` is `None`.
///
/// The end is the first day the thing no longer holds: a member who `left` on
/// 1 March is no longer a member on 1 March; a consent withdrawn on 1 March no
/// longer covers a report dated 1 March. A period whose end equals its start is
/// empty but valid (e.g. a consent granted and withdrawn the same day).
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_model::Period;
///
/// let d = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
/// let p = Period::new(d(1, 1), Some(d(3, 1))).unwrap();
/// assert!(p.contains(d(2, 29)));
/// assert!(!p.contains(d(3, 1)));
/// assert!(Period::new(d(3, 1), Some(d(1, 1))).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "PeriodFields", deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Period {
    start: NaiveDate,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    end: Option<NaiveDate>,
}

/// The unchecked form of a [`Period`], as it appears in JSON.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct PeriodFields {
    start: NaiveDate,
    #[serde(default)]
    end: Option<NaiveDate>,
}

#[cfg(feature = "serde")]
impl TryFrom<PeriodFields> for Period {
    type Error = ValidationError;
    fn try_from(fields: PeriodFields) -> Result<Self, Self::Error> {
        Period::new(fields.start, fields.end)
    }
}

impl Period {
    /// A period from `start` until `end` (exclusive), open-ended without `end`.
    ///
    /// # Errors
    ///
    /// [`ValidationError::DatesOutOfOrder`] when `end` is before `start`.
    pub fn new(start: NaiveDate, end: Option<NaiveDate>) -> Result<Self, ValidationError> {
        if let Some(end) = end {
            crate::check::ordered("start", start, "end", end)?;
        }
        Ok(Self { start, end })
    }

    /// An open-ended period from `start`.
    #[must_use]
    pub fn from(start: NaiveDate) -> Self {
        Self { start, end: None }
    }

    /// The first day.
    #[must_use]
    pub fn start(self) -> NaiveDate {
        self.start
    }

    /// The first day after the period, if it has ended.
    #[must_use]
    pub fn end(self) -> Option<NaiveDate> {
        self.end
    }

    /// Whether `date` falls inside.
    #[must_use]
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|end| date < end)
    }

    /// Whether the two periods share at least one day.
    #[must_use]
    pub fn overlaps(self, other: Period) -> bool {
        let before = |a: Period, b: Period| a.end.is_some_and(|end| end <= b.start);
        !self.is_empty() && !other.is_empty() && !before(self, other) && !before(other, self)
    }

    /// Whether the period holds no day at all.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.end == Some(self.start)
    }

    /// The same period ended on `end` (exclusive).
    ///
    /// # Errors
    ///
    /// [`ValidationError::DatesOutOfOrder`] when `end` is before the start.
    pub fn ended(self, end: NaiveDate) -> Result<Self, ValidationError> {
        Self::new(self.start, Some(end))
    }

    /// Whether `inner` lies wholly inside `self`.
    #[must_use]
    pub fn encloses(self, inner: Period) -> bool {
        self.start <= inner.start
            && match (self.end, inner.end) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(outer), Some(inner)) => inner <= outer,
            }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.end {
            Some(end) => write!(f, "{}..{}", self.start, end),
            None => write!(f, "{}..", self.start),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    #[test]
    fn overlap_and_enclosure() {
        let jan_mar = Period::new(d(1, 1), Some(d(3, 1))).unwrap();
        let mar_on = Period::from(d(3, 1));
        let feb = Period::new(d(2, 1), Some(d(3, 1))).unwrap();
        assert!(!jan_mar.overlaps(mar_on));
        assert!(jan_mar.overlaps(feb));
        assert!(jan_mar.encloses(feb));
        assert!(!feb.encloses(jan_mar));
        assert!(!jan_mar.encloses(mar_on));
        assert!(mar_on.encloses(Period::new(d(4, 1), Some(d(5, 1))).unwrap()));
        let empty = Period::new(d(2, 1), Some(d(2, 1))).unwrap();
        assert!(empty.is_empty() && !empty.overlaps(jan_mar) && !empty.contains(d(2, 1)));
        assert_eq!(feb.to_string(), "2024-02-01..2024-03-01");
    }
}
