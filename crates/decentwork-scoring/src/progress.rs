//! Progress: how a factory's compliance points changed between assessments,
//! and where its improvement plan stands.

use chrono::NaiveDate;
use decentwork_model::{
    AssessmentId, CompliancePointId, ImprovementPlan, ItemStatus, PlanTarget, Ratio,
};

use crate::{AssessmentScore, PointStatus};

/// How one compliance point changed from one assessment to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Change {
    /// Non-compliant before, compliant now.
    NewlyCompliant,
    /// Compliant before, non-compliant now.
    NewlyNonCompliant,
    /// Non-compliant both times.
    Persistent,
    /// Compliant both times.
    StillCompliant,
    /// Not assessed (or not applicable) in one of the two.
    NotComparable,
}

/// One point's change.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PointChange {
    /// The compliance point.
    pub point: CompliancePointId,
    /// Its status before.
    pub before: PointStatus,
    /// Its status now.
    pub after: PointStatus,
    /// The change.
    pub change: Change,
}

/// Cycle-over-cycle comparison of one factory.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Progress {
    /// The earlier assessment.
    pub from: AssessmentId,
    /// Its cycle.
    pub from_cycle: u16,
    /// The later assessment.
    pub to: AssessmentId,
    /// Its cycle.
    pub to_cycle: u16,
    /// Every point, in the tool's order.
    pub points: Vec<PointChange>,
    /// Points newly compliant.
    pub newly_compliant: u32,
    /// Points newly non-compliant.
    pub newly_non_compliant: u32,
    /// Points non-compliant both times.
    pub persistent: u32,
}

/// Compares two scored assessments of the same factory, point by point.
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_model::{Assessment, AssessmentFields, AssessmentKind, Finding, Outcome};
/// use decentwork_scoring::{Change, ScoreOptions, compare, score_assessment};
///
/// let scored = |id: &str, cycle, outcome| {
///     let day = NaiveDate::from_ymd_opt(2023 + i32::from(cycle), 4, 1).unwrap();
///     let mut f = AssessmentFields::new(
///         id.parse().unwrap(), "F1".parse().unwrap(), cycle, AssessmentKind::Unannounced, (day, day), "Garment CAT",
///     );
///     f.findings.push(Finding::new("OSH.EMERGENCY.01".parse().unwrap(), outcome));
///     score_assessment(&Assessment::new(f).unwrap(), ScoreOptions::default())
/// };
/// let progress = compare(&scored("A1", 1, Outcome::NonCompliant), &scored("A2", 2, Outcome::Compliant));
/// assert_eq!(progress.newly_compliant, 1);
/// let exits = progress.points.iter().find(|p| p.point.as_str() == "OSH.EMERGENCY").unwrap();
/// assert_eq!(exits.change, Change::NewlyCompliant);
/// ```
#[must_use]
pub fn compare(before: &AssessmentScore, after: &AssessmentScore) -> Progress {
    let mut progress = Progress {
        from: before.assessment,
        from_cycle: before.cycle,
        to: after.assessment,
        to_cycle: after.cycle,
        points: Vec::new(),
        newly_compliant: 0,
        newly_non_compliant: 0,
        persistent: 0,
    };
    for now in &after.points {
        let then = before
            .point(now.point.as_str())
            .map_or(PointStatus::NotAssessed, |p| p.status);
        let change = match (then, now.status) {
            (PointStatus::NonCompliant, PointStatus::Compliant) => Change::NewlyCompliant,
            (PointStatus::Compliant, PointStatus::NonCompliant) => Change::NewlyNonCompliant,
            (PointStatus::NonCompliant, PointStatus::NonCompliant) => Change::Persistent,
            (PointStatus::Compliant, PointStatus::Compliant) => Change::StillCompliant,
            _ => Change::NotComparable,
        };
        match change {
            Change::NewlyCompliant => progress.newly_compliant += 1,
            Change::NewlyNonCompliant => progress.newly_non_compliant += 1,
            Change::Persistent => progress.persistent += 1,
            Change::StillCompliant | Change::NotComparable => {}
        }
        progress.points.push(PointChange {
            point: now.point,
            before: then,
            after: now.status,
            change,
        });
    }
    progress
}

/// Compares each assessment with the one before it, in cycle order (then
/// assessment ID, for a stable order when cycles repeat).
#[must_use]
pub fn trajectory(scores: &[AssessmentScore]) -> Vec<Progress> {
    let mut ordered: Vec<&AssessmentScore> = scores.iter().collect();
    ordered.sort_by_key(|s| (s.cycle, s.assessment));
    ordered
        .windows(2)
        .filter_map(|pair| match pair {
            [a, b] => Some(compare(a, b)),
            _ => None,
        })
        .collect()
}

/// Where an improvement plan stands on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PlanSummary {
    /// The date.
    pub on: NaiveDate,
    /// Items existing on the date.
    pub items: u32,
    /// Pending.
    pub pending: u32,
    /// In progress.
    pub in_progress: u32,
    /// Completed.
    pub completed: u32,
    /// Past due and not completed.
    pub overdue: u32,
    /// Completed items out of all items.
    pub completion: Option<Ratio>,
    /// Open items (not completed) per compliance point or question targeted.
    pub open_by_target: Vec<(String, u32)>,
}

/// Summarises `plan` on `date`.
#[must_use]
pub fn plan_summary(plan: &ImprovementPlan, on: NaiveDate) -> PlanSummary {
    let counts = plan.status_counts_on(on);
    let items = counts.pending + counts.in_progress + counts.completed;
    let mut open: std::collections::BTreeMap<String, u32> = std::collections::BTreeMap::new();
    for item in &plan.items {
        if matches!(
            item.status_on(on),
            Some(ItemStatus::Pending | ItemStatus::InProgress)
        ) {
            let target = match item.target {
                PlanTarget::CompliancePoint(cp) => cp.to_string(),
                PlanTarget::Question(q) => q.to_string(),
                _ => String::from("other"),
            };
            *open.entry(target).or_default() += 1;
        }
    }
    PlanSummary {
        on,
        items,
        pending: counts.pending,
        in_progress: counts.in_progress,
        completed: counts.completed,
        overdue: counts.overdue,
        completion: Ratio::new(counts.completed.into(), items.into()),
        open_by_target: open.into_iter().collect(),
    }
}
