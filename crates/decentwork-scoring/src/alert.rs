//! Zero-tolerance and critical-issue findings, listed on their own.

use decentwork_catalogue::{Question, Tag};
use decentwork_model::{CompliancePointId, Jurisdiction, Outcome, QuestionId};

use crate::dense::DenseAssessment;

/// Why a finding is an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum AlertKind {
    /// Triggers the zero-tolerance protocol: child labour, forced labour,
    /// violence or abuse, imminent danger.
    ZeroTolerance,
    /// One of the published critical issues.
    CriticalIssue,
}

/// A non-compliant finding that needs action beyond the rates.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Alert {
    /// Zero tolerance or critical issue.
    pub kind: AlertKind,
    /// The question.
    pub question: QuestionId,
    /// Its compliance point.
    pub point: CompliancePointId,
    /// Position of the finding in the assessment.
    pub index: usize,
    /// Workers affected, when recorded.
    pub workers_affected: Option<u32>,
    /// Whether the finding was derived from worker records.
    pub derived_from_evidence: bool,
    /// The ILO instruments and articles the question rests on, e.g. `C138 Art. 2`.
    pub ilo: Vec<String>,
    /// National legal references for the compliance point in the factory's
    /// jurisdiction (empty without a jurisdiction), e.g. `Bangladesh Labour Act 2006, s.34`.
    pub legal: Vec<String>,
}

pub(crate) fn alerts(dense: &DenseAssessment, jurisdiction: Option<Jurisdiction>) -> Vec<Alert> {
    let mut alerts = Vec::new();
    for finding in dense
        .findings()
        .filter(|f| f.outcome == Outcome::NonCompliant)
    {
        let Some(question) = Question::at(finding.question) else {
            continue;
        };
        let point = question.compliance_point();
        let Ok(point_id) = CompliancePointId::new(point.id()) else {
            continue;
        };
        let kinds = [
            (Tag::ZeroTolerance, AlertKind::ZeroTolerance),
            (Tag::CriticalIssue, AlertKind::CriticalIssue),
        ];
        for (_, kind) in kinds.into_iter().filter(|(tag, _)| question.has_tag(*tag)) {
            alerts.push(Alert {
                kind,
                question: finding.id,
                point: point_id,
                index: finding.index,
                workers_affected: finding.workers_affected,
                derived_from_evidence: finding.derived,
                ilo: question.ilo_references().map(|r| r.to_string()).collect(),
                legal: jurisdiction
                    .map(|j| point.legal_references(j).map(|r| r.to_string()).collect())
                    .unwrap_or_default(),
            });
        }
    }
    alerts.sort_by_key(|a| (a.kind, a.index));
    alerts
}
