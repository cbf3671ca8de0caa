//! Programme activity: advisory visits, training, and special initiatives.
//! Enough to compute what a country programme publishes: factories, workers,
//! % women, committees by kind, people trained, brand partners.

use chrono::NaiveDate;

use crate::check::{self, Validate, validated};
use crate::{FactoryId, Period, SexCounts, ValidationError};

/// How an advisory visit took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum VisitMode {
    /// At the factory.
    InPerson,
    /// Remotely.
    Virtual,
}

/// An advisory visit to a factory.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AdvisoryVisitFields {
    /// The factory.
    pub factory: FactoryId,
    /// The day of the visit.
    pub on: NaiveDate,
    /// In person or virtual.
    pub mode: VisitMode,
    /// Topics worked on, each once.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub topics: Vec<String>,
}

impl AdvisoryVisitFields {
    /// A visit without topics yet.
    #[must_use]
    pub fn new(factory: FactoryId, on: NaiveDate, mode: VisitMode) -> Self {
        Self {
            factory,
            on,
            mode,
            topics: Vec::new(),
        }
    }
}

impl Validate for AdvisoryVisitFields {
    fn validate(&self) -> Result<(), ValidationError> {
        check::labels("topics", &self.topics, check::MAX_LABEL)
    }
}

validated!(
    /// A checked [`AdvisoryVisitFields`] (topics named once).
    AdvisoryVisit(AdvisoryVisitFields)
);

/// Participants of a training session, by role and sex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Participants {
    /// Workers.
    #[cfg_attr(feature = "serde", serde(default))]
    pub workers: SexCounts,
    /// Supervisors.
    #[cfg_attr(feature = "serde", serde(default))]
    pub supervisors: SexCounts,
    /// Managers.
    #[cfg_attr(feature = "serde", serde(default))]
    pub managers: SexCounts,
}

impl Participants {
    /// Participants by role.
    #[must_use]
    pub fn new(workers: SexCounts, supervisors: SexCounts, managers: SexCounts) -> Self {
        Self {
            workers,
            supervisors,
            managers,
        }
    }

    /// Everyone, by sex.
    #[must_use]
    pub fn by_sex(self) -> SexCounts {
        self.workers + self.supervisors + self.managers
    }

    /// Everyone.
    #[must_use]
    pub fn total(self) -> u64 {
        self.workers.total() + self.supervisors.total() + self.managers.total()
    }
}

/// A training session, for one factory or several (an industry seminar).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TrainingSessionFields {
    /// The module, e.g. "Supervisory skills".
    pub module: String,
    /// The day it started.
    pub on: NaiveDate,
    /// The factories whose staff took part, each once; none for an open session.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub factories: Vec<FactoryId>,
    /// Who took part.
    pub participants: Participants,
}

impl TrainingSessionFields {
    /// A session of `module` on `on`.
    #[must_use]
    pub fn new(module: impl Into<String>, on: NaiveDate, participants: Participants) -> Self {
        Self {
            module: module.into(),
            on,
            factories: Vec::new(),
            participants,
        }
    }
}

impl Validate for TrainingSessionFields {
    fn validate(&self) -> Result<(), ValidationError> {
        check::text("module", &self.module, check::MAX_LABEL)?;
        check::items("factories", self.factories.len())?;
        check::unique("factories", self.factories.iter())
    }
}

validated!(
    /// A checked [`TrainingSessionFields`] (module named, factories once).
    TrainingSession(TrainingSessionFields)
);

/// A programme initiative a factory can join.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Initiative {
    /// The Factory Ambassador Programme.
    FactoryAmbassadorProgramme,
    /// Gender Equality and Returns (GEAR).
    GenderEqualityAndReturns,
    /// Another initiative; the enrolment's `name` says which.
    Other,
}

/// A factory taking part in an initiative over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct InitiativeEnrolmentFields {
    /// The factory.
    pub factory: FactoryId,
    /// The initiative.
    pub initiative: Initiative,
    /// Its name; required for [`Initiative::Other`].
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub name: Option<String>,
    /// From joining until leaving (exclusive).
    pub period: Period,
}

impl InitiativeEnrolmentFields {
    /// `factory` in `initiative` over `period`.
    #[must_use]
    pub fn new(factory: FactoryId, initiative: Initiative, period: Period) -> Self {
        Self {
            factory,
            initiative,
            name: None,
            period,
        }
    }
}

impl Validate for InitiativeEnrolmentFields {
    fn validate(&self) -> Result<(), ValidationError> {
        check::optional_text("name", self.name.as_deref(), check::MAX_NAME)?;
        if self.initiative == Initiative::Other && self.name.is_none() {
            return Err(ValidationError::Empty {
                field: "name".into(),
            });
        }
        Ok(())
    }
}

validated!(
    /// A checked [`InitiativeEnrolmentFields`].
    InitiativeEnrolment(InitiativeEnrolmentFields)
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participants_add_up() {
        let p = Participants::new(
            SexCounts::new(20, 5, 0),
            SexCounts::new(3, 2, 0),
            SexCounts::new(0, 1, 1),
        );
        assert_eq!(p.total(), 32);
        assert_eq!(p.by_sex(), SexCounts::new(23, 8, 1));
    }

    #[test]
    fn rules() {
        let on = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let mut t = TrainingSessionFields::new("Supervisory skills", on, Participants::default());
        t.factories = vec!["f1".parse().unwrap(), "f1".parse().unwrap()];
        assert!(matches!(
            TrainingSession::new(t),
            Err(ValidationError::Duplicate { .. })
        ));
        let e = InitiativeEnrolmentFields::new(
            "f1".parse().unwrap(),
            Initiative::Other,
            Period::from(on),
        );
        assert!(InitiativeEnrolment::new(e).is_err());
    }
}
