//! Scoring policies. The Better Work rule is one policy behind the
//! [`ScoringPolicy`] trait; an amfori-BSCI-style graded policy and a
//! severity-weighted 0–100 policy ship beside it, and users can write their own.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};

use decentwork_catalogue::{BsciArea, Question, QuestionKind, Tag};
use decentwork_model::{Assessment, Outcome, QuestionId};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::dense::DenseAssessment;
use crate::{AssessmentScore, ScoreOptions, score_assessment};

/// A way of turning an assessment into a result.
///
/// ```
/// use decentwork_model::{Assessment, Outcome};
/// use decentwork_scoring::{ScoreOptions, ScoringPolicy};
///
/// /// Counts non-compliant findings, nothing more.
/// struct Count;
/// impl ScoringPolicy for Count {
///     type Output = usize;
///     fn name(&self) -> &str { "count" }
///     fn score(&self, a: &Assessment, _: ScoreOptions) -> usize {
///         a.findings.iter().filter(|f| f.outcome == Outcome::NonCompliant).count()
///     }
/// }
/// ```
pub trait ScoringPolicy {
    /// What the policy produces.
    type Output;
    /// A short name for reports.
    fn name(&self) -> &str;
    /// Scores one assessment.
    fn score(&self, assessment: &Assessment, options: ScoreOptions) -> Self::Output;
}

/// The Better Work rule ([`score_assessment`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BetterWorkRule;

impl ScoringPolicy for BetterWorkRule {
    type Output = AssessmentScore;
    fn name(&self) -> &'static str {
        "Better Work rule"
    }
    fn score(&self, assessment: &Assessment, options: ScoreOptions) -> AssessmentScore {
        score_assessment(assessment, options)
    }
}

/// Invalid policy settings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// A weight must be positive.
    #[error("weight for {what} is {weight}; weights must be greater than 0")]
    NonPositiveWeight {
        /// What the weight is for.
        what: String,
        /// The weight given.
        weight: Decimal,
    },
}

/// A letter grade, A (best) to E.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Grade {
    /// 86–100 % fulfilment.
    A,
    /// 71–85 %.
    B,
    /// 51–70 %.
    C,
    /// 30–50 %.
    D,
    /// 0–29 %.
    E,
}

impl Grade {
    /// The grade for a fulfilment percentage (exact comparison: A from 86 %,
    /// B from 71 %, C from 51 %, D from 30 %, E below).
    #[must_use]
    pub fn for_percent(percent: Decimal) -> Grade {
        if percent >= Decimal::from(86) {
            Grade::A
        } else if percent >= Decimal::from(71) {
            Grade::B
        } else if percent >= Decimal::from(51) {
            Grade::C
        } else if percent >= Decimal::from(30) {
            Grade::D
        } else {
            Grade::E
        }
    }

    /// The overall grade from the area grades, by the published BSCI 2.0 rule:
    /// A with at least 7 areas A and none C, D or E; B with at most 3 C and
    /// no D or E; C with at most 2 D and no E; D with at most 6 E; E otherwise.
    /// `None` without any rated area.
    #[must_use]
    pub fn overall(areas: &[Grade]) -> Option<Grade> {
        if areas.is_empty() {
            return None;
        }
        let count = |grade: Grade| areas.iter().filter(|&&x| x == grade).count();
        let (as_, cs, ds, es) = (
            count(Grade::A),
            count(Grade::C),
            count(Grade::D),
            count(Grade::E),
        );
        Some(if as_ >= 7 && cs + ds + es == 0 {
            Grade::A
        } else if cs <= 3 && ds + es == 0 {
            Grade::B
        } else if ds <= 2 && es == 0 {
            Grade::C
        } else if es <= 6 {
            Grade::D
        } else {
            Grade::E
        })
    }
}

/// One amfori BSCI performance area's result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct AreaResult {
    /// The area's ID, `BSCI.1`…
    pub area: String,
    /// Its name.
    pub name: String,
    /// Weight of compliant questions.
    pub fulfilled: Decimal,
    /// Weight of questions assessed.
    pub assessed: Decimal,
    /// Fulfilment in per cent, rounded to 2 decimals; `None` when nothing was assessed.
    pub percent: Option<Decimal>,
    /// The grade; `None` when nothing was assessed.
    pub grade: Option<Grade>,
}

/// The overall result of a [`BsciGraded`] assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum BsciOverall {
    /// A letter grade from the areas' grades.
    Graded(Grade),
    /// A zero-tolerance finding: the result is "zero tolerance", not a
    /// letter, whatever the areas' grades, and the Zero Tolerance Protocol
    /// applies.
    ZeroTolerance,
    /// Nothing was assessed.
    NotRated,
}

/// What follows an assessment, by its overall result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum FollowUpKind {
    /// A or B: no follow-up; the next full assessment within two years.
    NextFullAssessment,
    /// C or D: a follow-up assessment of the areas needing improvement
    /// within twelve months (amfori recommends two to three).
    FollowUpAssessment,
    /// E: a new full assessment.
    NewFullAssessment,
    /// Zero tolerance: an alert within 24 hours, the report within five
    /// working days, remediation, and a follow-up three months after the
    /// alert.
    ZeroToleranceProtocol,
    /// Nothing was assessed: a full assessment.
    FullAssessment,
}

/// The follow-up due after an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct FollowUp {
    /// What follows.
    pub kind: FollowUpKind,
    /// The latest date for it, counted from the assessment's last day (for
    /// zero tolerance, the three-month follow-up; the alert itself is due
    /// within 24 hours of the finding). `None` when no period applies.
    pub due: Option<NaiveDate>,
}

impl FollowUp {
    /// The follow-up for `overall` after an assessment ending on `end`.
    #[must_use]
    pub fn after(overall: BsciOverall, end: NaiveDate) -> FollowUp {
        let months = |n: u32| end.checked_add_months(Months::new(n));
        let (kind, due) = match overall {
            BsciOverall::ZeroTolerance => (FollowUpKind::ZeroToleranceProtocol, months(3)),
            BsciOverall::Graded(Grade::A | Grade::B) => {
                (FollowUpKind::NextFullAssessment, months(24))
            }
            BsciOverall::Graded(Grade::C | Grade::D) => {
                (FollowUpKind::FollowUpAssessment, months(12))
            }
            BsciOverall::Graded(Grade::E) => (FollowUpKind::NewFullAssessment, None),
            BsciOverall::NotRated => (FollowUpKind::FullAssessment, None),
        };
        FollowUp { kind, due }
    }
}

/// The result of [`BsciGraded`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct BsciResult {
    /// Every area, in published order.
    pub areas: Vec<AreaResult>,
    /// The letter grade the areas' grades give, by the published rule,
    /// before zero tolerance is considered.
    pub grade: Option<Grade>,
    /// The overall result: [`BsciOverall::ZeroTolerance`] when any
    /// zero-tolerance question was found non-compliant, else the grade.
    pub overall: BsciOverall,
    /// The zero-tolerance questions found non-compliant.
    pub zero_tolerance: Vec<QuestionId>,
    /// What follows, and by when.
    pub follow_up: FollowUp,
}

/// An amfori-BSCI-style graded policy: per performance area, the weighted share
/// of assessed non-compliance questions that are compliant, graded A–E with the
/// published thresholds, and an overall grade by the published rule. Questions
/// inform the areas their compliance point maps to.
///
/// Zero tolerance overrides the grade: any zero-tolerance question found
/// non-compliant makes the overall result [`BsciOverall::ZeroTolerance`]
/// (amfori BSCI reports an overall "ZT" instead of a letter for flagrant
/// child labour, bonded labour, imminent danger to workers and unethical
/// behaviour) and the follow-up the Zero Tolerance Protocol; otherwise A and B
/// need no follow-up, C and D a follow-up assessment within twelve months, E a
/// new full assessment. Sources and their limits: docs/SCORING.md.
///
/// amfori does not publish its question weights ("crucial" questions in child
/// labour, bonded labour and health and safety weigh more, by an internal
/// method), so every question weighs 1 unless configured with
/// [`BsciGraded::with_weights`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BsciGraded {
    weights: BTreeMap<QuestionId, Decimal>,
}

impl BsciGraded {
    /// Equal weights.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets question weights (others stay 1).
    ///
    /// # Errors
    ///
    /// [`PolicyError::NonPositiveWeight`] for a weight of 0 or less.
    pub fn with_weights(
        weights: impl IntoIterator<Item = (QuestionId, Decimal)>,
    ) -> Result<Self, PolicyError> {
        let mut map = BTreeMap::new();
        for (question, weight) in weights {
            if weight <= Decimal::ZERO {
                return Err(PolicyError::NonPositiveWeight {
                    what: question.to_string(),
                    weight,
                });
            }
            map.insert(question, weight);
        }
        Ok(Self { weights: map })
    }

    fn weight(&self, question: QuestionId) -> Decimal {
        self.weights.get(&question).copied().unwrap_or(Decimal::ONE)
    }
}

impl ScoringPolicy for BsciGraded {
    type Output = BsciResult;
    fn name(&self) -> &'static str {
        "amfori BSCI style (graded)"
    }
    fn score(&self, assessment: &Assessment, _options: ScoreOptions) -> BsciResult {
        let dense = DenseAssessment::from_assessment(assessment);
        let areas: Vec<BsciArea> = BsciArea::all().collect();
        let mut sums = vec![(Decimal::ZERO, Decimal::ZERO); areas.len()];
        for f in dense.findings().filter(|f| f.outcome.is_assessed()) {
            let Some(q) =
                Question::at(f.question).filter(|q| q.kind() == QuestionKind::NonCompliance)
            else {
                continue;
            };
            let w = self.weight(f.id);
            for area in q.compliance_point().bsci_areas() {
                if let Some(i) = areas.iter().position(|a| *a == area)
                    && let Some(sum) = sums.get_mut(i)
                {
                    sum.1 += w;
                    if f.outcome == Outcome::Compliant {
                        sum.0 += w;
                    }
                }
            }
        }
        let results: Vec<AreaResult> = areas
            .iter()
            .zip(sums)
            .map(|(area, (fulfilled, assessed))| {
                let percent = (assessed > Decimal::ZERO).then(|| {
                    (fulfilled * Decimal::ONE_HUNDRED / assessed)
                        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
                });
                // Grade on the exact share, not the rounded display.
                let grade = (assessed > Decimal::ZERO)
                    .then(|| Grade::for_percent(fulfilled * Decimal::ONE_HUNDRED / assessed));
                AreaResult {
                    area: area.id().to_owned(),
                    name: area.name().to_owned(),
                    fulfilled,
                    assessed,
                    percent,
                    grade,
                }
            })
            .collect();
        let grades: Vec<Grade> = results.iter().filter_map(|a| a.grade).collect();
        let grade = Grade::overall(&grades);
        let mut zero_tolerance: Vec<QuestionId> = dense
            .findings()
            .filter(|f| f.outcome == Outcome::NonCompliant)
            .filter(|f| Question::at(f.question).is_some_and(|q| q.has_tag(Tag::ZeroTolerance)))
            .map(|f| f.id)
            .collect();
        zero_tolerance.dedup();
        let overall = match (zero_tolerance.is_empty(), grade) {
            (false, _) => BsciOverall::ZeroTolerance,
            (true, Some(grade)) => BsciOverall::Graded(grade),
            (true, None) => BsciOverall::NotRated,
        };
        BsciResult {
            areas: results,
            grade,
            overall,
            zero_tolerance,
            follow_up: FollowUp::after(overall, assessment.end),
        }
    }
}

/// Weights of [`SeverityWeighted`]: a question weighs the largest weight among
/// its tags, or `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SeverityWeights {
    /// Zero-tolerance questions.
    pub zero_tolerance: Decimal,
    /// Critical-issue questions.
    pub critical_issue: Decimal,
    /// Public-disclosure questions.
    pub public_disclosure: Decimal,
    /// Every other question.
    pub other: Decimal,
}

impl Default for SeverityWeights {
    /// 10, 5, 2 and 1: the project's defaults, not a published standard. The
    /// order follows how the programme escalates: a zero-tolerance finding
    /// triggers a protocol at once; a critical issue is published by factory
    /// name in some countries; a public-disclosure question is published;
    /// the rest are remedied through the improvement plan. The ratios (one
    /// zero-tolerance finding outweighs ten ordinary ones) are a judgement,
    /// documented in docs/SCORING.md, and configurable.
    fn default() -> Self {
        Self {
            zero_tolerance: Decimal::from(10),
            critical_issue: Decimal::from(5),
            public_disclosure: Decimal::from(2),
            other: Decimal::ONE,
        }
    }
}

/// The result of [`SeverityWeighted`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SeverityScore {
    /// 0 (every weighted question non-compliant) to 100 (none), rounded to 2
    /// decimals; `None` when nothing was assessed.
    pub score: Option<Decimal>,
    /// Weight of non-compliant questions.
    pub penalty: Decimal,
    /// Weight of all questions assessed.
    pub possible: Decimal,
}

/// A severity-weighted 0–100 policy: 100 × (1 − weight of non-compliant
/// questions / weight of questions assessed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeverityWeighted {
    weights: SeverityWeights,
}

impl SeverityWeighted {
    /// With the given weights.
    ///
    /// # Errors
    ///
    /// [`PolicyError::NonPositiveWeight`] for a weight of 0 or less.
    pub fn new(weights: SeverityWeights) -> Result<Self, PolicyError> {
        for (what, w) in [
            ("zero_tolerance", weights.zero_tolerance),
            ("critical_issue", weights.critical_issue),
            ("public_disclosure", weights.public_disclosure),
            ("other", weights.other),
        ] {
            if w <= Decimal::ZERO {
                return Err(PolicyError::NonPositiveWeight {
                    what: what.to_owned(),
                    weight: w,
                });
            }
        }
        Ok(Self { weights })
    }

    fn weight(&self, question: Question) -> Decimal {
        let w = self.weights;
        [
            (Tag::ZeroTolerance, w.zero_tolerance),
            (Tag::CriticalIssue, w.critical_issue),
            (Tag::PublicDisclosure, w.public_disclosure),
        ]
        .into_iter()
        .filter(|(tag, _)| question.has_tag(*tag))
        .map(|(_, w)| w)
        .fold(w.other, Decimal::max)
    }
}

impl ScoringPolicy for SeverityWeighted {
    type Output = SeverityScore;
    fn name(&self) -> &'static str {
        "severity-weighted 0-100"
    }
    fn score(&self, assessment: &Assessment, _options: ScoreOptions) -> SeverityScore {
        let dense = DenseAssessment::from_assessment(assessment);
        let mut penalty = Decimal::ZERO;
        let mut possible = Decimal::ZERO;
        for f in dense.findings().filter(|f| f.outcome.is_assessed()) {
            let Some(q) =
                Question::at(f.question).filter(|q| q.kind() == QuestionKind::NonCompliance)
            else {
                continue;
            };
            let w = self.weight(q);
            possible += w;
            if f.outcome == Outcome::NonCompliant {
                penalty += w;
            }
        }
        let score = (possible > Decimal::ZERO).then(|| {
            (Decimal::ONE_HUNDRED - penalty * Decimal::ONE_HUNDRED / possible)
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        });
        SeverityScore {
            score,
            penalty,
            possible,
        }
    }
}
