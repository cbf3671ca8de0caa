//! The catalogue's errors: a lookup that found nothing, a question that cannot
//! be rendered for a jurisdiction and date.

use chrono::NaiveDate;

/// Nothing in the catalogue matches.
///
/// ```
/// use decentwork_catalogue::{CompliancePoint, LookupError};
///
/// let err = CompliancePoint::from_id("CL.NOPE").unwrap_err();
/// assert_eq!(err.to_string(), "no compliance point with ID \"CL.NOPE\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LookupError {
    /// No record has this ID (strict lookup).
    #[error("no {what} with ID {value:?}")]
    UnknownId {
        /// What was looked up, e.g. "compliance point".
        what: &'static str,
        /// The text given.
        value: String,
    },
    /// No record has this ID, name or alias (lax lookup).
    #[error("no {what} matches {value:?} (tried IDs, names and aliases, ignoring case)")]
    NoMatch {
        /// What was looked up.
        what: &'static str,
        /// The text given.
        value: String,
    },
}

/// A question's text could not be filled in for a jurisdiction and date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The catalogue has no value of a parameter the text needs.
    #[error("question {question}: no {parameter} recorded for {jurisdiction} on {date}")]
    MissingParameter {
        /// The question's ID.
        question: &'static str,
        /// The parameter's name, e.g. `minimum_working_age`.
        parameter: &'static str,
        /// The jurisdiction asked for.
        jurisdiction: String,
        /// The date asked for.
        date: NaiveDate,
    },
    /// The catalogue has no law data for the jurisdiction at all.
    #[error("question {question}: {source}")]
    NoLawData {
        /// The question's ID.
        question: &'static str,
        /// Which jurisdiction, and the ones covered.
        source: LawError,
    },
    /// The question is asked only in other jurisdictions.
    #[error("question {question} is not asked in {jurisdiction}")]
    NotApplicable {
        /// The question's ID.
        question: &'static str,
        /// The jurisdiction asked for.
        jurisdiction: String,
    },
}

/// The catalogue cannot answer a question about a jurisdiction's law.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LawError {
    /// The catalogue has no law data for the jurisdiction.
    #[error("no law data for {jurisdiction} (the catalogue covers {})", covered.join(", "))]
    NoLawData {
        /// The jurisdiction asked for.
        jurisdiction: String,
        /// The codes of the jurisdictions it covers.
        covered: Vec<&'static str>,
    },
}
