//! A compact form of an assessment: findings resolved to the catalogue's dense
//! question indexes, one per question; its Better Work rule as [`PointBits`].
//! The fast path for scoring many assessments; the public results stay readable.

use decentwork_catalogue::{Question, QuestionKind, ToolVersion};
use decentwork_model::{Assessment, Jurisdiction, Outcome, QuestionId};

use crate::{Diagnostic, PointBits};

/// One question's finding, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DenseFinding {
    /// Position of the (first) finding in the assessment.
    pub(crate) index: usize,
    /// The catalogue's dense question index.
    pub(crate) question: usize,
    /// The question's ID as given.
    pub(crate) id: QuestionId,
    /// The outcome counted for the question.
    pub(crate) outcome: Outcome,
    /// Workers affected, summed over repeated findings.
    pub(crate) workers_affected: Option<u32>,
    /// Whether the outcome counted comes from a finding derived from worker
    /// records (and from no assessor's finding of the same severity).
    pub(crate) derived: bool,
}

/// An assessment's findings resolved against the catalogue, one per question,
/// sorted by question index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DenseAssessment {
    findings: Vec<DenseFinding>,
}

/// How severe an outcome is when one question has several findings.
fn severity(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::NonCompliant => 3,
        Outcome::Compliant => 2,
        Outcome::NotApplicable => 1,
        Outcome::NotAssessed => 0,
    }
}

impl DenseAssessment {
    /// Resolves `assessment`'s findings; what cannot be resolved, and repeats,
    /// come back as diagnostics.
    pub(crate) fn resolve(
        assessment: &Assessment,
        tool: Option<ToolVersion>,
        jurisdiction: Option<Jurisdiction>,
    ) -> (DenseAssessment, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut resolved: Vec<(usize, DenseFinding)> =
            Vec::with_capacity(assessment.findings.len());
        for (index, finding) in assessment.findings.iter().enumerate() {
            let Ok(question) = Question::get(finding.question) else {
                diagnostics.push(Diagnostic::UnknownQuestion {
                    index,
                    question: finding.question,
                });
                continue;
            };
            if let Some(tool) = tool
                && (question.since().released() > tool.released()
                    || !question.equivalents_in(tool).contains(&question))
            {
                diagnostics.push(Diagnostic::NotInToolVersion {
                    index,
                    question: finding.question,
                    tool: tool.id().to_owned(),
                });
            }
            if let Some(j) = jurisdiction
                && !question.applies_in(j)
            {
                diagnostics.push(Diagnostic::NotAskedInJurisdiction {
                    index,
                    question: finding.question,
                    jurisdiction: j,
                });
            }
            if question.kind() == QuestionKind::FactGathering
                && finding.outcome == Outcome::NonCompliant
            {
                diagnostics.push(Diagnostic::FactGatheringNotCounted {
                    index,
                    question: finding.question,
                });
            }
            resolved.push((
                index,
                DenseFinding {
                    index,
                    question: question.index(),
                    id: finding.question,
                    outcome: finding.outcome,
                    workers_affected: finding.workers_affected,
                    derived: finding.derived_from_evidence,
                },
            ));
        }
        resolved.sort_by_key(|(index, f)| (f.question, *index));
        let mut findings: Vec<DenseFinding> = Vec::with_capacity(resolved.len());
        let mut group: Vec<(usize, Outcome)> = Vec::new();
        for (index, finding) in resolved {
            match findings.last_mut() {
                Some(last) if last.question == finding.question => {
                    group.push((index, finding.outcome));
                    if severity(finding.outcome) > severity(last.outcome) {
                        last.outcome = finding.outcome;
                        last.derived = finding.derived;
                    } else if severity(finding.outcome) == severity(last.outcome) {
                        last.derived &= finding.derived;
                    }
                    last.workers_affected = match (last.workers_affected, finding.workers_affected)
                    {
                        (Some(a), Some(b)) => Some(a.saturating_add(b)),
                        (a, b) => a.or(b),
                    };
                }
                _ => {
                    flush_duplicates(&mut diagnostics, findings.last(), &group);
                    group.clear();
                    group.push((index, finding.outcome));
                    findings.push(finding);
                }
            }
        }
        flush_duplicates(&mut diagnostics, findings.last(), &group);
        (DenseAssessment { findings }, diagnostics)
    }

    pub(crate) fn findings(&self) -> impl Iterator<Item = &DenseFinding> {
        self.findings.iter()
    }

    /// Resolves without diagnostics, for the fast path.
    #[must_use]
    pub fn from_assessment(assessment: &Assessment) -> DenseAssessment {
        Self::resolve(assessment, None, None).0
    }

    /// The number of questions with a finding.
    #[must_use]
    pub fn len(&self) -> usize {
        self.findings.len()
    }

    /// Whether no finding resolved.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// The Better Work rule on the compact form: which points are assessed and
    /// which non-compliant. Allocation-free; the same statuses as
    /// [`crate::score_assessment`].
    #[must_use]
    pub fn point_bits(&self) -> PointBits {
        let mut bits = PointBits::default();
        for f in &self.findings {
            let Some(question) = Question::at(f.question) else {
                continue;
            };
            if question.kind() != QuestionKind::NonCompliance || !f.outcome.is_assessed() {
                continue;
            }
            bits.mark(
                question.compliance_point().index(),
                f.outcome == Outcome::NonCompliant,
            );
        }
        bits
    }
}

fn flush_duplicates(
    diagnostics: &mut Vec<Diagnostic>,
    kept: Option<&DenseFinding>,
    group: &[(usize, Outcome)],
) {
    if let (Some(kept), [_, _, ..]) = (kept, group) {
        diagnostics.push(Diagnostic::RepeatedQuestion {
            question: kept.id,
            indexes: group.iter().map(|(i, _)| *i).collect(),
            outcomes: group.iter().map(|(_, o)| *o).collect(),
            counted_as: kept.outcome,
        });
    }
}
