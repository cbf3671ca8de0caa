//! Why a report cannot be built from what it was given.

/// Records that do not belong together: a report refuses to publish one
/// factory's assessment under another's name.
///
/// ```
/// use decentwork_report::ReportError;
///
/// let err = ReportError::OtherFactory {
///     assessment: "A-9".into(), expected: "BD-1".into(), found: "BD-2".into(),
/// };
/// assert_eq!(err.to_string(), "assessment A-9 is of factory BD-2, not of BD-1");
/// /// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A scored assessment of another factory.
    #[error("assessment {assessment} is of factory {found}, not of {expected}")]
    OtherFactory {
        /// The assessment.
        assessment: String,
        /// The factory the report is about.
        expected: String,
        /// The factory the assessment is of.
        found: String,
    },
    /// A "previous" assessment that does not come before the one reported.
    #[error(
        "assessment {previous} (cycle {previous_cycle}) is not earlier than {assessment} (cycle {cycle}), so it cannot be the previous one"
    )]
    PreviousNotEarlier {
        /// The assessment given as the previous one.
        previous: String,
        /// Its cycle.
        previous_cycle: u16,
        /// The assessment reported.
        assessment: String,
        /// Its cycle.
        cycle: u16,
    },
    /// Text that would reach the report names a person by a worker reference
    /// the records hold (a committee member's): a report never prints one.
    #[error(
        "{field} names a person by their worker reference {reference}: a report never prints one"
    )]
    NamesAPerson {
        /// Where the text comes from, e.g. `social_dialogue[0].topic`.
        field: String,
        /// The reference found.
        reference: String,
    },
}
