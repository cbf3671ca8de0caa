//! The scoring engine of decentwork: pure (no I/O, no clock: dates are
//! inputs), deterministic, exact (counts, [`Ratio`](decentwork_model::Ratio)s
//! and `Decimal`s, never floats) and explainable.
//!
//! ```
//! use chrono::NaiveDate;
//! use decentwork_model::{Assessment, AssessmentFields, AssessmentKind, Finding, Outcome};
//! use decentwork_scoring::{ScoreOptions, score_assessment};
//!
//! let day = |d| NaiveDate::from_ymd_opt(2024, 3, d).unwrap();
//! let mut fields = AssessmentFields::new(
//!     "A1".parse()?, "F1".parse()?, 1, AssessmentKind::Unannounced, (day(4), day(5)), "Garment CAT",
//! );
//! fields.findings = vec![
//!     Finding::new("CL.CHILD.01".parse()?, Outcome::NonCompliant),
//!     Finding::new("WT.HOURS.02".parse()?, Outcome::Compliant),
//! ];
//! let score = score_assessment(&Assessment::new(fields)?, ScoreOptions::in_jurisdiction("BD".parse()?));
//! assert_eq!(score.overall.rate().map(|r| r.to_string()), Some("1/2".into()));
//! assert!(!score.alerts.is_empty()); // a child-labour finding is a zero-tolerance alert
//! println!("{}", decentwork_scoring::explain(&score));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod alert;
mod assess;
mod bits;
mod committees;
mod dense;
mod diagnostic;
mod evidence;
mod explain;
mod policy;
mod population;
mod progress;

pub use alert::{Alert, AlertKind};
pub use assess::{
    AssessmentScore, ClusterScore, FindingRef, PointScore, PointStatus, QuestionCounts,
    QuestionScore, ScoreOptions, Tally, score_assessment,
};
pub use bits::{IndexSet, PointBits};
pub use committees::{
    CommitteeCheck, CommitteeRequirement, CommitteeRule, Requirement, RuleResult, check_committees,
};
pub use dense::DenseAssessment;
pub use diagnostic::Diagnostic;
pub use evidence::{
    AppliedLaw, CheckSummary, DerivedFinding, EvidenceContext, EvidenceKind, EvidenceResult,
    GARMENT, LawUse, Measure, NotChecked, check_evidence, merge_evidence,
};
pub use explain::explain;
pub use policy::{
    AreaResult, BetterWorkRule, BsciGraded, BsciOverall, BsciResult, FollowUp, FollowUpKind, Grade,
    PolicyError, ScoringPolicy, SeverityScore, SeverityWeighted, SeverityWeights,
};
pub use population::{
    AssessmentInfo, AssessmentRate, Basis, BatchAssessment, BatchPoint, ForeignHandle, GroupBy,
    Labelled, MonthError, MonthWindow, Named, Observation, ObservationBatch, Observed, PointRecord,
    Population, PopulationNotes, PopulationRule, QuestionRate, QuestionTable, RateOptions, RateRow,
    RateTable, SYSTEMS_CLUSTER, WindowError, parse_month,
};
pub use progress::{Change, PlanSummary, PointChange, Progress, compare, plan_summary, trajectory};
