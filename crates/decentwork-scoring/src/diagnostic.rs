//! What was odd about an assessment's findings, and what the engine did about it.

use decentwork_model::{Jurisdiction, Outcome, QuestionId};

/// Something in the input the engine noticed and handled, never silently.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "kind", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Diagnostic {
    /// The catalogue has no such question: the finding is not counted.
    UnknownQuestion {
        /// Position of the finding.
        index: usize,
        /// The question ID given.
        question: QuestionId,
    },
    /// Several findings for one question: it counts once, with the most severe
    /// outcome (non-compliant, compliant, not applicable, not assessed).
    RepeatedQuestion {
        /// The question.
        question: QuestionId,
        /// Positions of all its findings.
        indexes: Vec<usize>,
        /// Their outcomes, in the same order.
        outcomes: Vec<Outcome>,
        /// The outcome counted.
        counted_as: Outcome,
    },
    /// The question is not part of the question-set version scored against
    /// (introduced later, or replaced by then): counted, but flagged.
    NotInToolVersion {
        /// Position of the finding.
        index: usize,
        /// The question.
        question: QuestionId,
        /// The version scored against.
        tool: String,
    },
    /// The question is not asked in the factory's jurisdiction: counted, but flagged.
    NotAskedInJurisdiction {
        /// Position of the finding.
        index: usize,
        /// The question.
        question: QuestionId,
        /// The jurisdiction.
        jurisdiction: Jurisdiction,
    },
    /// A fact-gathering question was marked non-compliant: fact-gathering
    /// questions never count.
    FactGatheringNotCounted {
        /// Position of the finding.
        index: usize,
        /// The question.
        question: QuestionId,
    },
}

/// An outcome in words, for messages.
fn words(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::NonCompliant => "non-compliant",
        Outcome::Compliant => "compliant",
        Outcome::NotApplicable => "not applicable",
        Outcome::NotAssessed => "not assessed",
    }
}

impl Diagnostic {
    /// A short code for the kind of diagnostic, e.g. `repeated_question`
    /// (as it is tagged in JSON).
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Diagnostic::UnknownQuestion { .. } => "unknown_question",
            Diagnostic::RepeatedQuestion { .. } => "repeated_question",
            Diagnostic::NotInToolVersion { .. } => "not_in_tool_version",
            Diagnostic::NotAskedInJurisdiction { .. } => "not_asked_in_jurisdiction",
            Diagnostic::FactGatheringNotCounted { .. } => "fact_gathering_not_counted",
        }
    }

    /// The question it concerns.
    #[must_use]
    pub fn question(&self) -> QuestionId {
        match self {
            Diagnostic::UnknownQuestion { question, .. }
            | Diagnostic::RepeatedQuestion { question, .. }
            | Diagnostic::NotInToolVersion { question, .. }
            | Diagnostic::NotAskedInJurisdiction { question, .. }
            | Diagnostic::FactGatheringNotCounted { question, .. } => *question,
        }
    }

    /// The positions of the findings it concerns.
    #[must_use]
    pub fn indexes(&self) -> Vec<usize> {
        match self {
            Diagnostic::RepeatedQuestion { indexes, .. } => indexes.clone(),
            _ => vec![self.first_index()],
        }
    }

    /// The position of the first finding it concerns.
    #[must_use]
    pub fn first_index(&self) -> usize {
        match self {
            Diagnostic::UnknownQuestion { index, .. }
            | Diagnostic::NotInToolVersion { index, .. }
            | Diagnostic::NotAskedInJurisdiction { index, .. }
            | Diagnostic::FactGatheringNotCounted { index, .. } => *index,
            Diagnostic::RepeatedQuestion { indexes, .. } => indexes.first().copied().unwrap_or(0),
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Diagnostic::UnknownQuestion { index, question } => {
                write!(
                    f,
                    "finding {index}: question {question} is not in the catalogue; not counted"
                )
            }
            Diagnostic::RepeatedQuestion {
                question,
                indexes,
                outcomes,
                counted_as,
            } => {
                let each: Vec<String> = indexes
                    .iter()
                    .zip(outcomes)
                    .map(|(i, o)| format!("finding {i} {}", words(*o)))
                    .collect();
                write!(
                    f,
                    "question {question} has {} findings ({}); counted once, as {}",
                    indexes.len(),
                    each.join(", "),
                    words(*counted_as)
                )
            }
            Diagnostic::NotInToolVersion {
                index,
                question,
                tool,
            } => {
                write!(
                    f,
                    "finding {index}: question {question} is not in question set {tool}; counted"
                )
            }
            Diagnostic::NotAskedInJurisdiction {
                index,
                question,
                jurisdiction,
            } => {
                write!(
                    f,
                    "finding {index}: question {question} is not asked in {jurisdiction}; counted"
                )
            }
            Diagnostic::FactGatheringNotCounted { index, question } => write!(
                f,
                "finding {index}: fact-gathering question {question} marked non-compliant; fact-gathering questions never count"
            ),
        }
    }
}
