//! Assessments and their findings.

use chrono::NaiveDate;

use crate::check::{self, Validate, validated};
use crate::{AssessmentId, AssessorId, FactoryId, QuestionId, ValidationError};

/// How the assessment was carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum AssessmentKind {
    /// Unannounced visit (the programme's norm).
    Unannounced,
    /// Announced visit.
    Announced,
    /// Carried out remotely.
    Virtual,
    /// The factory's own assessment.
    SelfAssessment,
}

/// The result of one question in one assessment.
///
/// This is the finding, not the raw yes/no answer: question wording runs both
/// ways, so the catalogue's polarity turns an answer into a finding once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Outcome {
    /// The factory does not comply.
    NonCompliant,
    /// The factory complies.
    Compliant,
    /// The question does not apply to this factory (e.g. no dormitories).
    NotApplicable,
    /// The question applies but was not assessed this time.
    NotAssessed,
}

impl Outcome {
    /// Whether the question was assessed (compliant or not): the findings that
    /// enter a denominator.
    #[must_use]
    pub fn is_assessed(self) -> bool {
        matches!(self, Outcome::NonCompliant | Outcome::Compliant)
    }
}

/// One question's finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Finding {
    /// The question.
    pub question: QuestionId,
    /// The outcome.
    pub outcome: Outcome,
    /// What the assessors saw (at most 10 000 characters).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub evidence: Option<String>,
    /// How many workers the finding affects; only for assessed outcomes.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub workers_affected: Option<u32>,
    /// Whether the finding was derived from worker records (hours, pay,
    /// leave, ages) by an evidence check against the law, rather than made by
    /// the assessors.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "std::ops::Not::not")
    )]
    pub derived_from_evidence: bool,
}

impl Finding {
    /// A finding without evidence note or count of workers.
    #[must_use]
    pub fn new(question: QuestionId, outcome: Outcome) -> Self {
        Self {
            question,
            outcome,
            evidence: None,
            workers_affected: None,
            derived_from_evidence: false,
        }
    }
}

/// An assessment of one factory.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AssessmentFields {
    /// Identifier.
    pub id: AssessmentId,
    /// The factory assessed.
    pub factory: FactoryId,
    /// The factory's assessment cycle, from 1.
    pub cycle: u16,
    /// How it was carried out.
    pub kind: AssessmentKind,
    /// First day of the visit.
    pub start: NaiveDate,
    /// Last day of the visit (inclusive).
    pub end: NaiveDate,
    /// The assessment tool and version, e.g. "Garment CAT V2".
    pub tool: String,
    /// Pseudonymous references to the assessors.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub assessors: Vec<AssessorId>,
    /// The findings, in the order given. Two findings for one question are kept
    /// as given; the scoring engine reports them.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub findings: Vec<Finding>,
}

impl AssessmentFields {
    /// An assessment without assessors or findings yet.
    #[must_use]
    pub fn new(
        id: AssessmentId,
        factory: FactoryId,
        cycle: u16,
        kind: AssessmentKind,
        (start, end): (NaiveDate, NaiveDate),
        tool: impl Into<String>,
    ) -> Self {
        Self {
            id,
            factory,
            cycle,
            kind,
            start,
            end,
            tool: tool.into(),
            assessors: Vec::new(),
            findings: Vec::new(),
        }
    }
}

impl Validate for AssessmentFields {
    fn validate(&self) -> Result<(), ValidationError> {
        if self.cycle == 0 {
            return Err(ValidationError::OutOfRange {
                field: "cycle".into(),
                value: 0,
                expected: "at least 1",
            });
        }
        check::ordered("start", self.start, "end", self.end)?;
        check::text("tool", &self.tool, check::MAX_LABEL)?;
        check::items("assessors", self.assessors.len())?;
        check::unique("assessors", self.assessors.iter())?;
        check::items("findings", self.findings.len())?;
        for (i, finding) in self.findings.iter().enumerate() {
            check::optional_text(
                &format!("findings[{i}].evidence"),
                finding.evidence.as_deref(),
                check::MAX_TEXT,
            )?;
            if let (Some(n), false) = (finding.workers_affected, finding.outcome.is_assessed()) {
                return Err(ValidationError::Inconsistent {
                    field: format!("findings[{i}].workers_affected"),
                    value: n.to_string(),
                    reason: "is given but the question was not assessed",
                });
            }
        }
        Ok(())
    }
}

validated!(
    /// A checked [`AssessmentFields`]: cycle at least 1, start not after end,
    /// tool named, assessors unique, workers affected only on assessed findings.
    Assessment(AssessmentFields)
);

impl Assessment {
    /// The findings for `question`, in the order given (normally one).
    pub fn findings_for(&self, question: QuestionId) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.question == question)
    }

    /// Questions with more than one finding, each once, in order of first
    /// appearance.
    #[must_use]
    pub fn repeated_questions(&self) -> Vec<QuestionId> {
        let mut seen = std::collections::HashSet::new();
        let mut repeated = Vec::new();
        for finding in &self.findings {
            if !seen.insert(finding.question) && !repeated.contains(&finding.question) {
                repeated.push(finding.question);
            }
        }
        repeated
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    fn fields() -> AssessmentFields {
        AssessmentFields::new(
            "a1".parse().unwrap(),
            "f1".parse().unwrap(),
            1,
            AssessmentKind::Unannounced,
            (d(3, 4), d(3, 5)),
            "Garment CAT",
        )
    }

    #[test]
    fn rules() {
        let mut f = fields();
        f.cycle = 0;
        assert!(matches!(
            Assessment::new(f),
            Err(ValidationError::OutOfRange { .. })
        ));
        let mut f = fields();
        f.end = d(3, 1);
        assert!(matches!(
            Assessment::new(f),
            Err(ValidationError::DatesOutOfOrder { .. })
        ));
        let mut f = fields();
        let mut finding = Finding::new("Q1".parse().unwrap(), Outcome::NotApplicable);
        finding.workers_affected = Some(3);
        f.findings.push(finding);
        assert_eq!(
            Assessment::new(f).unwrap_err().to_string(),
            "findings[0].workers_affected: \"3\" is given but the question was not assessed"
        );
    }

    #[test]
    fn repeated_findings_are_kept_and_reported() {
        let mut f = fields();
        let q = |s: &str| s.parse::<QuestionId>().unwrap();
        f.findings = vec![
            Finding::new(q("Q1"), Outcome::Compliant),
            Finding::new(q("Q2"), Outcome::Compliant),
            Finding::new(q("Q1"), Outcome::NonCompliant),
            Finding::new(q("Q1"), Outcome::NonCompliant),
        ];
        let a = Assessment::new(f).unwrap();
        assert_eq!(a.findings_for(q("Q1")).count(), 3);
        assert_eq!(a.repeated_questions(), vec![q("Q1")]);
    }
}
