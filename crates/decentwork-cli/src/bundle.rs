//! A factory bundle: one factory and what is known about it, as one JSON file.

use std::path::Path;

use chrono::NaiveDate;
use decentwork::model::{
    AdvisoryVisit, Assessment, Brand, Committee, Factory, ImprovementPlan, InitiativeEnrolment,
    ProgressReport, SourcingRelationship, TrainingSession, WorkerRecord, json,
};
use decentwork::report::FactoryAssessmentReport;

use crate::{Failure, Result, read};

/// The example bundle shipped in `examples/`.
const EXAMPLE: &str = include_str!("../examples/factory-bundle.json");

/// One factory and its records.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Bundle {
    pub(crate) factory: Factory,
    #[serde(default)]
    pub(crate) committees: Vec<Committee>,
    #[serde(default)]
    pub(crate) brands: Vec<Brand>,
    #[serde(default)]
    pub(crate) sourcing: Vec<SourcingRelationship>,
    #[serde(default)]
    pub(crate) assessments: Vec<Assessment>,
    pub(crate) improvement_plan: ImprovementPlan,
    #[serde(default)]
    pub(crate) progress_reports: Vec<ProgressReport>,
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "read and checked with the bundle; no command reports on it yet"
    )]
    pub(crate) workers: Vec<WorkerRecord>,
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "read and checked with the bundle; no command reports on it yet"
    )]
    pub(crate) advisory_visits: Vec<AdvisoryVisit>,
    #[serde(default)]
    pub(crate) training: Vec<TrainingSession>,
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "read and checked with the bundle; no command reports on it yet"
    )]
    pub(crate) initiatives: Vec<InitiativeEnrolment>,
}

impl Bundle {
    pub(crate) fn example() -> Result<Bundle> {
        json::from_str(EXAMPLE).map_err(|e| Failure::data(format!("example bundle: {e}")))
    }

    pub(crate) fn load(path: &Path) -> Result<Bundle> {
        json::from_str(&read(path)?).map_err(|e| Failure::data(format!("{}: {e}", path.display())))
    }

    /// The last day anything in the bundle happened: the default report date.
    pub(crate) fn latest_date(&self) -> NaiveDate {
        self.assessments
            .iter()
            .map(|a| a.end)
            .chain(self.progress_reports.iter().map(|r| r.submitted_on))
            .max()
            .unwrap_or(self.factory.enrolled_on)
    }

    /// The latest assessment starting on or before `on`.
    pub(crate) fn latest_assessment(&self, on: NaiveDate) -> Option<&Assessment> {
        self.assessments
            .iter()
            .filter(|a| a.start <= on)
            .max_by_key(|a| (a.start, a.cycle))
    }

    /// The report of the latest assessment, compared with the one before it.
    pub(crate) fn assessment_report(&self, on: NaiveDate) -> Result<FactoryAssessmentReport> {
        let latest = self
            .latest_assessment(on)
            .ok_or_else(|| Failure::data("the bundle has no assessment on or before the date"))?;
        let previous = self
            .assessments
            .iter()
            .filter(|a| a.cycle < latest.cycle)
            .max_by_key(|a| a.cycle);
        Ok(FactoryAssessmentReport::build(
            &self.factory,
            latest,
            previous,
            on,
        ))
    }
}
