//! One factory and everything recorded about it, checked as a whole: the
//! unit an audit platform exchanges and a report is made from.

use chrono::NaiveDate;

use crate::check::{Validate, unique, validated};
use crate::{
    AdvisoryVisit, Assessment, Brand, Committee, Factory, FactoryId, ImprovementPlan,
    InitiativeEnrolment, KnownPeople, ProgressReport, SourcingRelationship, TrainingSession,
    ValidationError, WorkerRecord,
};

/// The records of one factory. Wrapped by [`FactoryBundle`], which holds
/// them only once they pass [`FactoryBundleFields::problems`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct FactoryBundleFields {
    /// The factory (its consents to brands included).
    pub factory: Factory,
    /// Its worker–management committees.
    #[cfg_attr(feature = "serde", serde(default))]
    pub committees: Vec<Committee>,
    /// The brands it names: in consents and sourcing relationships.
    #[cfg_attr(feature = "serde", serde(default))]
    pub brands: Vec<Brand>,
    /// Which brands buy from it, and when.
    #[cfg_attr(feature = "serde", serde(default))]
    pub sourcing: Vec<SourcingRelationship>,
    /// Its assessments.
    #[cfg_attr(feature = "serde", serde(default))]
    pub assessments: Vec<Assessment>,
    /// Its improvement plan.
    pub improvement_plan: ImprovementPlan,
    /// Its progress reports.
    #[cfg_attr(feature = "serde", serde(default))]
    pub progress_reports: Vec<ProgressReport>,
    /// Records of a sample of its workers (pseudonymous).
    #[cfg_attr(feature = "serde", serde(default))]
    pub workers: Vec<WorkerRecord>,
    /// Advisory visits to it.
    #[cfg_attr(feature = "serde", serde(default))]
    pub advisory_visits: Vec<AdvisoryVisit>,
    /// Training sessions its staff took part in.
    #[cfg_attr(feature = "serde", serde(default))]
    pub training: Vec<TrainingSession>,
    /// Its enrolments in other initiatives.
    #[cfg_attr(feature = "serde", serde(default))]
    pub initiatives: Vec<InitiativeEnrolment>,
}

impl FactoryBundleFields {
    /// A bundle of `factory` with its improvement plan and nothing else yet.
    #[must_use]
    pub fn new(factory: Factory, improvement_plan: ImprovementPlan) -> Self {
        Self {
            factory,
            committees: Vec::new(),
            brands: Vec::new(),
            sourcing: Vec::new(),
            assessments: Vec::new(),
            improvement_plan,
            progress_reports: Vec::new(),
            workers: Vec::new(),
            advisory_visits: Vec::new(),
            training: Vec::new(),
            initiatives: Vec::new(),
        }
    }

    /// Every problem across the records, each naming the field and the
    /// value: a record of another factory, a consent or sourcing link naming
    /// a brand the bundle does not hold, an ID given twice. Each record's own
    /// rules were checked when it was built.
    #[must_use]
    pub fn problems(&self) -> Vec<ValidationError> {
        let mut problems = Vec::new();
        let own = self.factory.id;
        let mut belongs = |field: String, factory: FactoryId| {
            if factory != own {
                problems.push(ValidationError::Inconsistent {
                    field,
                    value: factory.to_string(),
                    reason: "is not the bundle's factory",
                });
            }
        };
        for (i, c) in self.committees.iter().enumerate() {
            belongs(format!("committees[{i}].factory"), c.factory);
        }
        for (i, s) in self.sourcing.iter().enumerate() {
            belongs(format!("sourcing[{i}].factory"), s.factory);
        }
        for (i, a) in self.assessments.iter().enumerate() {
            belongs(format!("assessments[{i}].factory"), a.factory);
        }
        belongs(
            "improvement_plan.factory".to_owned(),
            self.improvement_plan.factory,
        );
        for (i, r) in self.progress_reports.iter().enumerate() {
            belongs(format!("progress_reports[{i}].factory"), r.factory);
        }
        for (i, v) in self.advisory_visits.iter().enumerate() {
            belongs(format!("advisory_visits[{i}].factory"), v.factory);
        }
        for (i, e) in self.initiatives.iter().enumerate() {
            belongs(format!("initiatives[{i}].factory"), e.factory);
        }
        for (i, t) in self.training.iter().enumerate() {
            if !t.factories.is_empty() && !t.factories.contains(&own) {
                problems.push(ValidationError::Inconsistent {
                    field: format!("training[{i}].factories"),
                    value: t
                        .factories
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                    reason: "does not include the bundle's factory",
                });
            }
        }
        let brand_known = |brand| self.brands.iter().any(|b| b.id == brand);
        for (i, grant) in self.factory.consents.iter().enumerate() {
            if !brand_known(grant.brand) {
                problems.push(ValidationError::Inconsistent {
                    field: format!("factory.consents[{i}].brand"),
                    value: grant.brand.to_string(),
                    reason: "names no brand in the bundle",
                });
            }
        }
        for (i, s) in self.sourcing.iter().enumerate() {
            if !brand_known(s.brand) {
                problems.push(ValidationError::Inconsistent {
                    field: format!("sourcing[{i}].brand"),
                    value: s.brand.to_string(),
                    reason: "names no brand in the bundle",
                });
            }
        }
        problems.extend(self.people_named());
        let checks = [
            unique("brands", self.brands.iter().map(|b| b.id)),
            unique("committees", self.committees.iter().map(|c| c.id)),
            unique("assessments", self.assessments.iter().map(|a| a.id)),
            unique("workers", self.workers.iter().map(|w| w.reference)),
            unique(
                "progress_reports",
                self.progress_reports
                    .iter()
                    .map(|r| format!("{} report {}", r.assessment, r.number)),
            ),
        ];
        problems.extend(checks.into_iter().filter_map(Result::err));
        problems
    }
}

impl FactoryBundleFields {
    /// Every free text and ID of the bundle that reaches a report (names,
    /// topics, actions, committee IDs…) and names a person by a worker
    /// reference the bundle holds (a committee member or a worker record).
    fn people_named(&self) -> Vec<ValidationError> {
        let people = KnownPeople::new(
            self.committees
                .iter()
                .flat_map(|c| c.members.iter().map(|m| m.person))
                .chain(self.workers.iter().map(|w| w.reference)),
        );
        if people.is_empty() {
            return Vec::new();
        }
        let mut texts: Vec<(String, &str)> = Vec::new();
        let f = &self.factory;
        texts.push(("factory.name".to_owned(), &f.name));
        texts.push(("factory.address".to_owned(), &f.address));
        if let Some(region) = &f.wage_region {
            texts.push(("factory.wage_region".to_owned(), region));
        }
        for (i, b) in self.brands.iter().enumerate() {
            texts.push((format!("brands[{i}].name"), &b.name));
        }
        for (i, c) in self.committees.iter().enumerate() {
            texts.push((format!("committees[{i}].id"), c.id.as_str()));
            if let Some(name) = &c.name {
                texts.push((format!("committees[{i}].name"), name));
            }
        }
        for (i, item) in self.improvement_plan.items.iter().enumerate() {
            texts.push((format!("improvement_plan.items[{i}].action"), &item.action));
            texts.push((format!("improvement_plan.items[{i}].owner"), &item.owner));
        }
        for (i, r) in self.progress_reports.iter().enumerate() {
            for (j, d) in r.social_dialogue.iter().enumerate() {
                texts.push((
                    format!("progress_reports[{i}].social_dialogue[{j}].topic"),
                    &d.topic,
                ));
            }
        }
        for (i, a) in self.assessments.iter().enumerate() {
            for (j, finding) in a.findings.iter().enumerate() {
                if let Some(evidence) = &finding.evidence {
                    texts.push((format!("assessments[{i}].findings[{j}].evidence"), evidence));
                }
            }
        }
        for (i, v) in self.advisory_visits.iter().enumerate() {
            for (j, topic) in v.topics.iter().enumerate() {
                texts.push((format!("advisory_visits[{i}].topics[{j}]"), topic));
            }
        }
        for (i, t) in self.training.iter().enumerate() {
            texts.push((format!("training[{i}].module"), &t.module));
        }
        for (i, e) in self.initiatives.iter().enumerate() {
            if let Some(name) = &e.name {
                texts.push((format!("initiatives[{i}].name"), name));
            }
        }
        texts
            .into_iter()
            .filter_map(|(field, text)| {
                people
                    .named_in(text)
                    .map(|person| ValidationError::Inconsistent {
                        field,
                        value: person.to_string(),
                        reason: "names a person by their worker reference: text that reaches a report may not",
                    })
            })
            .collect()
    }
}

impl Validate for FactoryBundleFields {
    fn validate(&self) -> Result<(), ValidationError> {
        match self.problems().into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }
}

validated!(
    /// One factory and its records, checked as a whole: every record is the
    /// factory's, every consent and sourcing link names a brand in the
    /// bundle, and no ID is given twice. Deserialising checks the same.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use decentwork_model::{
    ///     Assessment, AssessmentFields, AssessmentKind, Factory, FactoryBundle, FactoryBundleFields,
    ///     FactoryFields, ImprovementPlan, ImprovementPlanFields, ValidationError,
    /// };
    ///
    /// let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    /// let factory = Factory::new(FactoryFields::new("BD-1".parse()?, "Example Knit", "BD".parse()?, "Gazipur", day(1, 1)))?;
    /// let plan = ImprovementPlan::new(ImprovementPlanFields::new(factory.id))?;
    /// let mut fields = FactoryBundleFields::new(factory, plan);
    /// let visit = |id: &str, factory: &str, cycle, m| Assessment::new(AssessmentFields::new(
    ///     id.parse().unwrap(), factory.parse().unwrap(), cycle, AssessmentKind::Unannounced, (day(m, 4), day(m, 5)), "Garment CAT",
    /// ));
    /// fields.assessments = vec![visit("A-1", "BD-1", 1, 2)?, visit("A-2", "BD-1", 2, 9)?];
    /// let bundle = FactoryBundle::new(fields.clone())?;
    /// assert_eq!(bundle.latest_assessment(day(6, 30)).map(|a| a.id.to_string()), Some("A-1".into()));
    /// assert_eq!(bundle.report_date(), day(9, 5));
    ///
    /// // Another factory's assessment does not belong in this bundle.
    /// fields.assessments.push(visit("A-9", "BD-2", 1, 3)?);
    /// let err = FactoryBundle::new(fields).unwrap_err();
    /// assert_eq!(err.to_string(), "assessments[2].factory: \"BD-2\" is not the bundle's factory");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    FactoryBundle(FactoryBundleFields)
);

impl FactoryBundle {
    /// The latest assessment starting on or before `on` (by first day, then cycle).
    #[must_use]
    pub fn latest_assessment(&self, on: NaiveDate) -> Option<&Assessment> {
        self.assessments
            .iter()
            .filter(|a| a.start <= on)
            .max_by_key(|a| (a.start, a.cycle))
    }

    /// The assessment before `assessment`: the latest of an earlier cycle.
    #[must_use]
    pub fn previous_assessment(&self, assessment: &Assessment) -> Option<&Assessment> {
        self.assessments
            .iter()
            .filter(|a| a.cycle < assessment.cycle && a.start <= assessment.start)
            .max_by_key(|a| (a.cycle, a.start))
    }

    /// The default report date: the last day anything in the bundle happened
    /// (an assessment's last day, a progress report's submission), or the
    /// factory's enrolment when nothing did.
    #[must_use]
    pub fn report_date(&self) -> NaiveDate {
        self.assessments
            .iter()
            .map(|a| a.end)
            .chain(self.progress_reports.iter().map(|r| r.submitted_on))
            .max()
            .unwrap_or(self.factory.enrolled_on)
    }

    /// The brand with this ID, if the bundle holds it.
    #[must_use]
    pub fn brand(&self, id: crate::BrandId) -> Option<&Brand> {
        self.brands.iter().find(|b| b.id == id)
    }
}
