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

impl Diagnostic {
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
            } => write!(
                f,
                "question {question} has {} findings (at {indexes:?}: {outcomes:?}); counted once as {counted_as:?}",
                indexes.len()
            ),
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
