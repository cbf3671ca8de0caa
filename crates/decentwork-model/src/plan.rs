//! Improvement plans and progress reports.

use chrono::NaiveDate;

use crate::check::{self, Validate, validated};
use crate::{AssessmentId, CompliancePointId, FactoryId, QuestionId, ValidationError};

/// What an improvement-plan item addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum PlanTarget {
    /// A whole compliance point.
    CompliancePoint(CompliancePointId),
    /// One question.
    Question(QuestionId),
}

/// Where an improvement-plan item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ItemStatus {
    /// Not started.
    Pending,
    /// Under way.
    InProgress,
    /// Done.
    Completed,
}

/// A status an item took on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct StatusEntry {
    /// The status.
    pub status: ItemStatus,
    /// From when.
    pub on: NaiveDate,
}

impl StatusEntry {
    /// `status` from `on`.
    #[must_use]
    pub fn new(status: ItemStatus, on: NaiveDate) -> Self {
        Self { status, on }
    }
}

/// One action of an improvement plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PlanItem {
    /// The compliance point or question it addresses.
    pub target: PlanTarget,
    /// What will be done.
    pub action: String,
    /// Who is responsible: a role such as "HR manager", never a person's name.
    pub owner: String,
    /// When it is due.
    pub due_on: NaiveDate,
    /// Its statuses over time, in date order; the last is the current one.
    pub history: Vec<StatusEntry>,
}

impl PlanItem {
    /// An item that is pending from `created_on`.
    #[must_use]
    pub fn new(
        target: PlanTarget,
        action: impl Into<String>,
        owner: impl Into<String>,
        due_on: NaiveDate,
        created_on: NaiveDate,
    ) -> Self {
        Self {
            target,
            action: action.into(),
            owner: owner.into(),
            due_on,
            history: vec![StatusEntry::new(ItemStatus::Pending, created_on)],
        }
    }

    /// The status on `date`; `None` before the item existed.
    #[must_use]
    pub fn status_on(&self, date: NaiveDate) -> Option<ItemStatus> {
        self.history
            .iter()
            .take_while(|e| e.on <= date)
            .last()
            .map(|e| e.status)
    }

    /// Whether the item is past its due date on `date` without being completed.
    #[must_use]
    pub fn is_overdue_on(&self, date: NaiveDate) -> bool {
        date > self.due_on
            && self
                .status_on(date)
                .is_some_and(|s| s != ItemStatus::Completed)
    }
}

/// A factory's improvement plan.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ImprovementPlanFields {
    /// The factory.
    pub factory: FactoryId,
    /// The items.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub items: Vec<PlanItem>,
}

impl ImprovementPlanFields {
    /// A plan with no items yet.
    #[must_use]
    pub fn new(factory: FactoryId) -> Self {
        Self {
            factory,
            items: Vec::new(),
        }
    }
}

impl Validate for ImprovementPlanFields {
    fn validate(&self) -> Result<(), ValidationError> {
        check::items("items", self.items.len())?;
        for (i, item) in self.items.iter().enumerate() {
            check::text(&format!("items[{i}].action"), &item.action, check::MAX_TEXT)?;
            check::text(&format!("items[{i}].owner"), &item.owner, check::MAX_LABEL)?;
            if item.history.is_empty() {
                return Err(ValidationError::Empty {
                    field: format!("items[{i}].history"),
                });
            }
            check::items(&format!("items[{i}].history"), item.history.len())?;
            for (j, pair) in item.history.windows(2).enumerate() {
                if let [a, b] = pair {
                    check::ordered(
                        &format!("items[{i}].history[{j}].on"),
                        a.on,
                        &format!("items[{i}].history[{}].on", j + 1),
                        b.on,
                    )?;
                }
            }
        }
        Ok(())
    }
}

validated!(
    /// A checked [`ImprovementPlanFields`]: every item has an action, an owner
    /// and a dated history in order.
    ImprovementPlan(ImprovementPlanFields)
);

/// Counts of plan items by status on one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PlanStatusCounts {
    /// Items pending.
    pub pending: u32,
    /// Items in progress.
    pub in_progress: u32,
    /// Items completed.
    pub completed: u32,
    /// Items not completed and past due (also counted above).
    pub overdue: u32,
}

impl ImprovementPlan {
    /// How many items stand where on `date` (items created later are left out).
    #[must_use]
    pub fn status_counts_on(&self, date: NaiveDate) -> PlanStatusCounts {
        let mut counts = PlanStatusCounts::default();
        for item in &self.items {
            let slot = match item.status_on(date) {
                Some(ItemStatus::Pending) => &mut counts.pending,
                Some(ItemStatus::InProgress) => &mut counts.in_progress,
                Some(ItemStatus::Completed) => &mut counts.completed,
                None => continue,
            };
            *slot = slot.saturating_add(1);
            if item.is_overdue_on(date) {
                counts.overdue = counts.overdue.saturating_add(1);
            }
        }
        counts
    }
}

/// The rating of a social-dialogue item in a progress report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum DialogueRating {
    /// On track.
    OnTrack,
    /// Moderate progress.
    ModerateProgress,
    /// No progress.
    NoProgress,
}

/// One rated social-dialogue item.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct DialogueItem {
    /// What is rated, e.g. "committee meets regularly".
    pub topic: String,
    /// The rating.
    pub rating: DialogueRating,
}

impl DialogueItem {
    /// `topic` rated `rating`.
    #[must_use]
    pub fn new(topic: impl Into<String>, rating: DialogueRating) -> Self {
        Self {
            topic: topic.into(),
            rating,
        }
    }
}

/// A progress report following an assessment (the first within 30 days of the
/// assessment report, later ones with social-dialogue ratings).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ProgressReportFields {
    /// The factory.
    pub factory: FactoryId,
    /// The assessment it follows.
    pub assessment: AssessmentId,
    /// 1 for the first progress report after that assessment, 2 for the second…
    pub number: u8,
    /// When it was submitted.
    pub submitted_on: NaiveDate,
    /// Social-dialogue ratings, each topic once.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub social_dialogue: Vec<DialogueItem>,
}

impl ProgressReportFields {
    /// A report without ratings yet.
    #[must_use]
    pub fn new(
        factory: FactoryId,
        assessment: AssessmentId,
        number: u8,
        submitted_on: NaiveDate,
    ) -> Self {
        Self {
            factory,
            assessment,
            number,
            submitted_on,
            social_dialogue: Vec::new(),
        }
    }
}

impl Validate for ProgressReportFields {
    fn validate(&self) -> Result<(), ValidationError> {
        if self.number == 0 {
            return Err(ValidationError::OutOfRange {
                field: "number".into(),
                value: 0,
                expected: "at least 1",
            });
        }
        check::items("social_dialogue", self.social_dialogue.len())?;
        for (i, item) in self.social_dialogue.iter().enumerate() {
            check::text(
                &format!("social_dialogue[{i}].topic"),
                &item.topic,
                check::MAX_LABEL,
            )?;
        }
        check::unique(
            "social_dialogue",
            self.social_dialogue.iter().map(|d| d.topic.as_str()),
        )
    }
}

validated!(
    /// A checked [`ProgressReportFields`]: numbered from 1, topics named once.
    ProgressReport(ProgressReportFields)
);

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    #[test]
    fn item_status_and_counts() {
        let target = PlanTarget::Question("Q1".parse().unwrap());
        let mut item = PlanItem::new(target, "Unlock exits", "Factory manager", d(3, 1), d(1, 10));
        item.history
            .push(StatusEntry::new(ItemStatus::InProgress, d(2, 1)));
        item.history
            .push(StatusEntry::new(ItemStatus::Completed, d(4, 1)));
        assert_eq!(item.status_on(d(1, 1)), None);
        assert_eq!(item.status_on(d(2, 15)), Some(ItemStatus::InProgress));
        assert!(item.is_overdue_on(d(3, 15)));
        assert!(!item.is_overdue_on(d(4, 1)));
        let mut plan = ImprovementPlanFields::new("f1".parse().unwrap());
        plan.items.push(item.clone());
        plan.items.push(PlanItem::new(
            target,
            "Train wardens",
            "OSH officer",
            d(6, 1),
            d(3, 1),
        ));
        let plan = ImprovementPlan::new(plan).unwrap();
        let counts = plan.status_counts_on(d(3, 15));
        assert_eq!(
            (
                counts.pending,
                counts.in_progress,
                counts.completed,
                counts.overdue
            ),
            (1, 1, 0, 1)
        );
        item.history.swap(1, 2);
        let mut bad = ImprovementPlanFields::new("f1".parse().unwrap());
        bad.items.push(item);
        assert!(matches!(
            ImprovementPlan::new(bad),
            Err(ValidationError::DatesOutOfOrder { .. })
        ));
    }

    #[test]
    fn progress_report_rules() {
        let mut f =
            ProgressReportFields::new("f1".parse().unwrap(), "a1".parse().unwrap(), 2, d(5, 1));
        f.social_dialogue = vec![
            DialogueItem::new("Committee meets", DialogueRating::OnTrack),
            DialogueItem::new("Committee meets", DialogueRating::NoProgress),
        ];
        assert!(matches!(
            ProgressReport::new(f.clone()),
            Err(ValidationError::Duplicate { .. })
        ));
        f.social_dialogue.pop();
        f.number = 0;
        assert!(matches!(
            ProgressReport::new(f),
            Err(ValidationError::OutOfRange { .. })
        ));
    }
}
