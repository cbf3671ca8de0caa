//! Scoring one assessment with the Better Work rule.
//!
//! Question findings roll up into compliance points: a point is non-compliant
//! if any non-compliance question in it is non-compliant. Fact-gathering
//! questions never count. Not-applicable and not-assessed questions leave the
//! denominators and are reported. Points roll up into clusters and the factory
//! summary as "non-compliant points / points assessed".

use decentwork_catalogue::{CompliancePoint, Question, QuestionKind, ToolVersion};
use decentwork_model::{
    Assessment, AssessmentId, CompliancePointId, FactoryId, Jurisdiction, Outcome, QuestionId,
    Ratio,
};

use crate::PointBits;
use crate::dense::DenseAssessment;

use crate::{Alert, Diagnostic};

/// How one assessment is scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ScoreOptions {
    /// The question-set version the findings should come from; findings for
    /// questions outside it are reported. Default: the catalogue's current one.
    pub tool: Option<ToolVersion>,
    /// The factory's jurisdiction, to attach national legal references to
    /// alerts and to report questions not asked there. Default: none.
    pub jurisdiction: Option<Jurisdiction>,
}

impl ScoreOptions {
    /// Options with a jurisdiction for legal references.
    #[must_use]
    pub fn in_jurisdiction(jurisdiction: Jurisdiction) -> Self {
        Self {
            tool: None,
            jurisdiction: Some(jurisdiction),
        }
    }
}

/// Where a compliance point stands after one assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum PointStatus {
    /// At least one non-compliance question was found non-compliant.
    NonCompliant,
    /// Assessed, and no non-compliance question was non-compliant.
    Compliant,
    /// Every finding was not applicable.
    NotApplicable,
    /// No finding assessed it.
    NotAssessed,
}

impl PointStatus {
    /// Whether the point enters the denominators.
    #[must_use]
    pub fn is_assessed(self) -> bool {
        matches!(self, PointStatus::NonCompliant | PointStatus::Compliant)
    }
}

/// A count of non-compliant items out of items assessed, exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Tally {
    /// Non-compliant items.
    pub non_compliant: u64,
    /// Items assessed (the denominator).
    pub assessed: u64,
}

impl Tally {
    /// `non_compliant` of `assessed`.
    #[must_use]
    pub fn new(non_compliant: u64, assessed: u64) -> Self {
        Self {
            non_compliant,
            assessed,
        }
    }

    /// The rate as an exact ratio; `None` when nothing was assessed.
    #[must_use]
    pub fn rate(self) -> Option<Ratio> {
        Ratio::new(self.non_compliant, self.assessed)
    }

    /// Adds one item.
    pub fn count(&mut self, non_compliant: bool) {
        self.assessed += 1;
        self.non_compliant += u64::from(non_compliant);
    }
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        self.non_compliant += other.non_compliant;
        self.assessed += other.assessed;
    }
}

/// One finding that decided a point, kept for the trace.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct FindingRef {
    /// Its position in the assessment's findings.
    pub index: usize,
    /// Its question.
    pub question: QuestionId,
    /// Its outcome.
    pub outcome: Outcome,
    /// Whether the outcome comes from a finding derived from worker records.
    pub derived_from_evidence: bool,
}

/// Counts of one point's findings by outcome (non-compliance questions only),
/// and of fact-gathering findings, which never count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct QuestionCounts {
    /// Non-compliant questions.
    pub non_compliant: u32,
    /// Compliant questions.
    pub compliant: u32,
    /// Not applicable questions.
    pub not_applicable: u32,
    /// Not assessed questions.
    pub not_assessed: u32,
    /// Fact-gathering findings (never counted).
    pub fact_gathering: u32,
}

/// The result for one compliance point.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PointScore {
    /// The compliance point.
    pub point: CompliancePointId,
    /// Its cluster's ID.
    pub cluster: String,
    /// Its status.
    pub status: PointStatus,
    /// Its questions by outcome.
    pub questions: QuestionCounts,
    /// The findings that decided the status: the non-compliant ones if any,
    /// otherwise every counted finding.
    pub decided_by: Vec<FindingRef>,
}

/// One question's result: its findings counted once, as the most severe of
/// them (non-compliant, compliant, not applicable, not assessed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct QuestionScore {
    /// The question.
    pub question: QuestionId,
    /// The outcome counted.
    pub outcome: Outcome,
    /// The position of its first finding in the assessment.
    pub first_index: usize,
    /// Workers affected, summed over its findings, when recorded.
    pub workers_affected: Option<u32>,
    /// Whether the outcome counted comes from a finding derived from worker
    /// records (and no assessor's finding of the same outcome).
    pub derived_from_evidence: bool,
}

/// The result for one cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ClusterScore {
    /// The cluster's ID.
    pub cluster: String,
    /// Non-compliant points out of points assessed.
    pub points: Tally,
    /// The points not assessed or not applicable, reported outside the rate.
    pub not_counted: Vec<CompliancePointId>,
}

/// One assessment scored with the Better Work rule.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct AssessmentScore {
    /// The assessment.
    pub assessment: AssessmentId,
    /// The factory.
    pub factory: FactoryId,
    /// The factory's cycle.
    pub cycle: u16,
    /// The visit's first day.
    pub start: chrono::NaiveDate,
    /// The visit's last day.
    pub end: chrono::NaiveDate,
    /// The catalogue version that gave the questions their points and tags.
    pub catalogue_version: String,
    /// The question-set version the findings were checked against.
    pub tool: String,
    /// Every question the catalogue knows that has a finding, once, in the
    /// catalogue's order.
    pub questions: Vec<QuestionScore>,
    /// Every compliance point, in the tool's order.
    pub points: Vec<PointScore>,
    /// Every cluster, in the tool's order.
    pub clusters: Vec<ClusterScore>,
    /// Non-compliant points out of points assessed, over all clusters.
    pub overall: Tally,
    /// Zero-tolerance and critical-issue findings.
    pub alerts: Vec<Alert>,
    /// What was odd about the input and how it was handled.
    pub diagnostics: Vec<Diagnostic>,
}

impl AssessmentScore {
    /// The result for one point.
    #[must_use]
    pub fn point(&self, id: &str) -> Option<&PointScore> {
        self.points.iter().find(|p| p.point.as_str() == id)
    }

    /// The result for one cluster.
    #[must_use]
    pub fn cluster(&self, id: &str) -> Option<&ClusterScore> {
        self.clusters.iter().find(|c| c.cluster == id)
    }

    /// The non-compliant points, in the tool's order.
    pub fn non_compliant_points(&self) -> impl Iterator<Item = &PointScore> {
        self.points
            .iter()
            .filter(|p| p.status == PointStatus::NonCompliant)
    }

    /// Which points are non-compliant and which assessed, as bitsets over the
    /// catalogue's point indexes (for populations).
    #[must_use]
    pub fn point_bits(&self) -> PointBits {
        let mut bits = PointBits::default();
        for (index, point) in self.points.iter().enumerate() {
            if point.status.is_assessed() {
                bits.mark(index, point.status == PointStatus::NonCompliant);
            }
        }
        bits
    }
}

/// Scores `assessment` with the Better Work rule.
///
/// Never fails and never panics: findings the catalogue does not know, repeated
/// questions, questions from another version and non-compliant fact-gathering
/// findings are reported in [`AssessmentScore::diagnostics`]. A question with
/// several findings counts once, as non-compliant if any of them is.
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_model::{Assessment, AssessmentFields, AssessmentKind, Finding, Outcome};
/// use decentwork_scoring::{PointStatus, ScoreOptions, score_assessment};
///
/// let day = |d| NaiveDate::from_ymd_opt(2024, 3, d).unwrap();
/// let mut fields = AssessmentFields::new(
///     "A1".parse()?, "F1".parse()?, 1, AssessmentKind::Unannounced, (day(4), day(5)), "Garment CAT",
/// );
/// fields.findings = vec![
///     Finding::new("CL.CHILD.01".parse()?, Outcome::Compliant),
///     Finding::new("OSH.EMERGENCY.01".parse()?, Outcome::NonCompliant),
///     Finding::new("NOT.A.QUESTION".parse()?, Outcome::NonCompliant),
/// ];
/// let score = score_assessment(&Assessment::new(fields)?, ScoreOptions::default());
/// assert_eq!(score.point("CL.CHILD").unwrap().status, PointStatus::Compliant);
/// assert_eq!(score.point("OSH.EMERGENCY").unwrap().status, PointStatus::NonCompliant);
/// assert_eq!((score.overall.non_compliant, score.overall.assessed), (1, 2));
/// assert_eq!(score.diagnostics.len(), 1); // the unknown question, reported
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn score_assessment(assessment: &Assessment, options: ScoreOptions) -> AssessmentScore {
    let tool = options.tool.or_else(ToolVersion::current);
    let (dense, mut diagnostics) = DenseAssessment::resolve(assessment, tool, options.jurisdiction);
    // Catalogue IDs always fit the model's ID shape (a catalogue test checks
    // every one), so no point is skipped here.
    let mut points: Vec<PointScore> = CompliancePoint::all()
        .filter_map(|cp| {
            Some(PointScore {
                point: CompliancePointId::new(cp.id()).ok()?,
                cluster: cp.cluster().id().to_owned(),
                status: PointStatus::NotAssessed,
                questions: QuestionCounts::default(),
                decided_by: Vec::new(),
            })
        })
        .collect();

    let mut questions = Vec::with_capacity(dense.len());
    for finding in dense.findings() {
        let Some(question) = Question::at(finding.question) else {
            continue;
        };
        questions.push(QuestionScore {
            question: finding.id,
            outcome: finding.outcome,
            first_index: finding.index,
            workers_affected: finding.workers_affected,
            derived_from_evidence: finding.derived,
        });
        let Some(point) = points.get_mut(question.compliance_point().index()) else {
            continue;
        };
        let reference = FindingRef {
            index: finding.index,
            question: finding.id,
            outcome: finding.outcome,
            derived_from_evidence: finding.derived,
        };
        if question.kind() == QuestionKind::FactGathering {
            point.questions.fact_gathering += 1;
            continue;
        }
        let counts = &mut point.questions;
        match finding.outcome {
            Outcome::NonCompliant => counts.non_compliant += 1,
            Outcome::Compliant => counts.compliant += 1,
            Outcome::NotApplicable => counts.not_applicable += 1,
            Outcome::NotAssessed => counts.not_assessed += 1,
        }
        if finding.outcome.is_assessed() {
            point.decided_by.push(reference);
        }
    }
    for point in &mut points {
        let q = point.questions;
        point.status = if q.non_compliant > 0 {
            PointStatus::NonCompliant
        } else if q.compliant > 0 {
            PointStatus::Compliant
        } else if q.not_applicable > 0 {
            PointStatus::NotApplicable
        } else {
            PointStatus::NotAssessed
        };
        if point.status == PointStatus::NonCompliant {
            point
                .decided_by
                .retain(|f| f.outcome == Outcome::NonCompliant);
        }
    }

    let (clusters, overall) = cluster_scores(&points);
    let alerts = crate::alert::alerts(&dense, options.jurisdiction);
    diagnostics.sort_by_key(Diagnostic::first_index);
    AssessmentScore {
        assessment: assessment.id,
        factory: assessment.factory,
        cycle: assessment.cycle,
        start: assessment.start,
        end: assessment.end,
        catalogue_version: decentwork_catalogue::VERSION.to_owned(),
        tool: tool.map_or_else(String::new, |t| t.id().to_owned()),
        questions,
        points,
        clusters,
        overall,
        alerts,
        diagnostics,
    }
}

/// Each cluster's points, non-compliant out of assessed, and the total.
fn cluster_scores(points: &[PointScore]) -> (Vec<ClusterScore>, Tally) {
    let mut overall = Tally::default();
    let clusters = decentwork_catalogue::Cluster::all()
        .map(|cluster| {
            let mut tally = Tally::default();
            let mut not_counted = Vec::new();
            for point in points.iter().filter(|p| p.cluster == cluster.id()) {
                if point.status.is_assessed() {
                    tally.count(point.status == PointStatus::NonCompliant);
                } else {
                    not_counted.push(point.point);
                }
            }
            overall += tally;
            ClusterScore {
                cluster: cluster.id().to_owned(),
                points: tally,
                not_counted,
            }
        })
        .collect();

    (clusters, overall)
}
