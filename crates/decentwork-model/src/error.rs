//! The errors of this crate: one for text that should parse as an identifier or
//! code, one for records whose fields break a rule.
//!
//! Both name what was wrong (the kind of identifier, or the field's path such as
//! `members[2].left_on`) and the offending value, so a message can be shown to the
//! person who typed the data without more context.

use chrono::NaiveDate;

/// Text that is not a valid identifier or code.
///
/// ```
/// use decentwork_model::{FactoryId, ParseError};
///
/// let err = "F 001".parse::<FactoryId>().unwrap_err();
/// assert!(matches!(err, ParseError::InvalidCharacter { ch: ' ', position: 1, .. }));
/// assert_eq!(
///     err.to_string(),
///     "factory ID \"F 001\": character ' ' at position 1 is not allowed (allowed: ASCII letters and digits, '-', '_', '.'; the first must be a letter or digit)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The text is empty.
    #[error("{what}: empty")]
    Empty {
        /// What was being parsed, e.g. "factory ID".
        what: &'static str,
    },
    /// The text is longer than allowed.
    #[error("{what} {value:?}: {len} characters, at most {max} allowed")]
    TooLong {
        /// What was being parsed.
        what: &'static str,
        /// The text as given.
        value: String,
        /// Its length in characters.
        len: usize,
        /// The maximum length.
        max: usize,
    },
    /// A character that may not appear where it does.
    #[error("{what} {value:?}: character {ch:?} at position {position} is not allowed ({allowed})")]
    InvalidCharacter {
        /// What was being parsed.
        what: &'static str,
        /// The text as given.
        value: String,
        /// The offending character.
        ch: char,
        /// Its position, counted in characters from 0.
        position: usize,
        /// What is allowed there.
        allowed: &'static str,
    },
    /// The text does not have the required form.
    #[error("{what} {value:?}: expected {expected}")]
    Malformed {
        /// What was being parsed.
        what: &'static str,
        /// The text as given.
        value: String,
        /// The form that was expected.
        expected: &'static str,
    },
    /// Well formed, but not an assigned code (e.g. `ZZ` is no ISO 3166-1 country).
    #[error("{what} {value:?}: not an assigned code")]
    Unassigned {
        /// What was being parsed.
        what: &'static str,
        /// The text as given.
        value: String,
    },
    /// An Open Supply Hub ID whose check character does not match the rest.
    #[error(
        "OS ID {value:?}: check character is {found:?}, but the first 14 characters give {expected:?}"
    )]
    CheckCharacter {
        /// The text as given.
        value: String,
        /// The check character the first 14 characters call for.
        expected: char,
        /// The check character found.
        found: char,
    },
}

/// A record whose fields are missing, out of range or contradict each other.
///
/// `field` is a path into the record as it appears in JSON, e.g.
/// `workforce[1].by_sex` or `members[0].left_on`.
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_model::{SexCounts, Workforce, WorkforceFields};
///
/// let date = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
/// let err = Workforce::new(WorkforceFields::new(date, 100, SexCounts::new(70, 20, 0))).unwrap_err();
/// assert_eq!(err.to_string(), "by_sex: women + men + other = 90, but total is 100");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValidationError {
    /// A required text is empty or only white space.
    #[error("{field}: must not be empty")]
    Empty {
        /// The field's path.
        field: String,
    },
    /// A text is longer than allowed.
    #[error("{field}: {len} characters, at most {max} allowed (starts {start:?})")]
    TooLong {
        /// The field's path.
        field: String,
        /// Its length in characters.
        len: usize,
        /// The maximum.
        max: usize,
        /// The first characters of the value, to find it.
        start: String,
    },
    /// A list holds more items than allowed.
    #[error("{field}: {len} items, at most {max} allowed")]
    TooMany {
        /// The field's path.
        field: String,
        /// How many items were given.
        len: usize,
        /// The maximum.
        max: usize,
    },
    /// A number outside its allowed range.
    #[error("{field}: {value} is out of range ({expected})")]
    OutOfRange {
        /// The field's path.
        field: String,
        /// The value as given.
        value: i64,
        /// The allowed range, in words.
        expected: &'static str,
    },
    /// Two dates in the wrong order.
    #[error("{later_field} ({later}) is before {earlier_field} ({earlier})")]
    DatesOutOfOrder {
        /// The field that must come first.
        earlier_field: String,
        /// Its value.
        earlier: NaiveDate,
        /// The field that must not come before it.
        later_field: String,
        /// Its value.
        later: NaiveDate,
    },
    /// Parts that do not add up to the total given.
    #[error("{field}: {parts} = {sum}, but {total_field} is {total}")]
    CountMismatch {
        /// The field holding the parts.
        field: String,
        /// The parts, in words.
        parts: &'static str,
        /// Their sum.
        sum: u64,
        /// The field holding the total.
        total_field: String,
        /// The total given.
        total: u64,
    },
    /// A count larger than the count it is part of.
    #[error("{field}: {value} is more than {limit_field} ({limit})")]
    Exceeds {
        /// The field's path.
        field: String,
        /// The value given.
        value: u64,
        /// The field that bounds it.
        limit_field: String,
        /// That field's value.
        limit: u64,
    },
    /// A value that must be unique appears twice.
    #[error("{field}: {value:?} appears more than once")]
    Duplicate {
        /// The field's path (of the second occurrence).
        field: String,
        /// The repeated value.
        value: String,
    },
    /// A value that contradicts another field of the record.
    #[error("{field}: {value:?} {reason}")]
    Inconsistent {
        /// The field's path.
        field: String,
        /// The value given.
        value: String,
        /// Why it cannot stand, e.g. "is given but the outcome is `not_applicable`".
        reason: &'static str,
    },
}

impl ValidationError {
    /// The path of the field the problem is in (for two dates out of order,
    /// the later one).
    #[must_use]
    pub fn field(&self) -> &str {
        match self {
            ValidationError::Empty { field }
            | ValidationError::TooLong { field, .. }
            | ValidationError::TooMany { field, .. }
            | ValidationError::OutOfRange { field, .. }
            | ValidationError::CountMismatch { field, .. }
            | ValidationError::Exceeds { field, .. }
            | ValidationError::Duplicate { field, .. }
            | ValidationError::Inconsistent { field, .. } => field,
            ValidationError::DatesOutOfOrder { later_field, .. } => later_field,
        }
    }
}
