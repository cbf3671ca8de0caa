//! What a population is fed: one observation per question of an assessment,
//! keyed by catalogue handles, each with the label it was read from.

use chrono::NaiveDate;
use decentwork_catalogue::{Cluster, CompliancePoint, Question};
use decentwork_model::{Assessment, AssessmentId, Country, FactoryId};

/// A value as read from data, with what the catalogue (or the country list)
/// knows it as, when it does. Rates report the label; tables that join to
/// the catalogue use the key.
///
/// ```
/// use decentwork_catalogue::Cluster;
/// use decentwork_scoring::Labelled;
///
/// let legacy: Labelled<'_, Cluster> = Labelled::unknown("Systems");
/// assert_eq!(legacy.key, None);
/// let osh = Labelled::known(Cluster::from_id("OSH")?);
/// assert_eq!(osh.label, "Occupational Safety and Health");
/// # Ok::<(), decentwork_catalogue::LookupError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Labelled<'a, K> {
    /// The catalogue's handle for it, when the label names something the
    /// catalogue knows.
    pub key: Option<K>,
    /// The text as read (trimmed).
    pub label: &'a str,
}

impl<'a, K> Labelled<'a, K> {
    /// A label and its key.
    #[must_use]
    pub const fn new(key: Option<K>, label: &'a str) -> Self {
        Self { key, label }
    }

    /// A label the catalogue does not know.
    #[must_use]
    pub const fn unknown(label: &'a str) -> Self {
        Self { key: None, label }
    }
}

/// A value the catalogue (or the country list) names: what
/// [`Labelled::known`] labels it with.
pub trait Named: Copy {
    /// Its name: a cluster's, point's or country's name, a question's ID.
    fn name(self) -> &'static str;
}

macro_rules! named {
    ($($kind:ty => $name:ident;)*) => {$(
        impl Named for $kind {
            fn name(self) -> &'static str {
                <$kind>::$name(self)
            }
        }
    )*};
}

named! {
    Cluster => name;
    CompliancePoint => name;
    Question => id;
    Country => name;
}

impl<K: Named> Labelled<'static, K> {
    /// A value the catalogue knows, labelled with its name.
    #[must_use]
    pub fn known(key: K) -> Self {
        Self {
            key: Some(key),
            label: key.name(),
        }
    }
}

/// Who was assessed, when and where: what is the same for every observation
/// of one assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct AssessmentInfo<'a> {
    /// The assessment.
    pub assessment: AssessmentId,
    /// The factory.
    pub factory: FactoryId,
    /// The factory's name as given (empty when unknown).
    pub factory_name: &'a str,
    /// Whether the factory is marked obsolete (no longer in the programme).
    pub obsolete: bool,
    /// The factory's country.
    pub country: Labelled<'a, Country>,
    /// The assessment's first day.
    pub start: NaiveDate,
    /// The factory's assessment cycle.
    pub cycle: u16,
    /// The question-set version, as given.
    pub tool: &'a str,
}

impl<'a> AssessmentInfo<'a> {
    /// An assessment with no name, country or tool; set the fields you have.
    #[must_use]
    pub fn new(assessment: AssessmentId, factory: FactoryId, start: NaiveDate, cycle: u16) -> Self {
        Self {
            assessment,
            factory,
            factory_name: "",
            obsolete: false,
            country: Labelled::unknown(""),
            start,
            cycle,
            tool: "",
        }
    }

    /// What a model assessment says about itself (its ID, factory, first
    /// day, cycle and tool); set the country and factory name you know.
    #[must_use]
    pub fn of(assessment: &'a Assessment) -> Self {
        let mut info = Self::new(
            assessment.id,
            assessment.factory,
            assessment.start,
            assessment.cycle,
        );
        info.tool = &assessment.tool;
        info
    }

    /// The same, in `country` (labelled with its name).
    #[must_use]
    pub fn in_country(mut self, country: Country) -> Self {
        self.country = Labelled::known(country);
        self
    }
}

/// What was observed on one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Observed {
    /// Assessed and compliant.
    Compliant,
    /// Assessed and non-compliant.
    NonCompliant,
    /// A fact-gathering question: recorded, never counted in a rate.
    FactGathering,
}

/// One question of one assessment, as a population takes it.
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_catalogue::{CompliancePoint, Question};
/// use decentwork_scoring::{AssessmentInfo, Labelled, Observation, Observed, Population};
///
/// let q = Question::from_id("WT.OVERTIME.02")?;
/// let cp = q.compliance_point();
/// let info = AssessmentInfo::new("A1".parse()?, "F1".parse()?, NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(), 1);
/// let mut population = Population::new();
/// population.add(&Observation::new(
///     info,
///     (Labelled::known(cp.cluster()), Labelled::known(cp)),
///     Labelled::known(q),
///     Observed::NonCompliant,
/// ));
/// assert_eq!(population.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Observation<'a> {
    /// The assessment.
    pub assessment: AssessmentInfo<'a>,
    /// The cluster the compliance point was given under.
    pub cluster: Labelled<'a, Cluster>,
    /// The compliance point.
    pub point: Labelled<'a, CompliancePoint>,
    /// The question (labelled by its ID as given).
    pub question: Labelled<'a, Question>,
    /// The question's text as given (empty when not given).
    pub question_text: &'a str,
    /// Whether the question is published in public disclosure.
    pub public: bool,
    /// What was found.
    pub observed: Observed,
}

impl<'a> Observation<'a> {
    /// An observation with no question text and not public; set the fields you have.
    #[must_use]
    pub fn new(
        assessment: AssessmentInfo<'a>,
        (cluster, point): (Labelled<'a, Cluster>, Labelled<'a, CompliancePoint>),
        question: Labelled<'a, Question>,
        observed: Observed,
    ) -> Self {
        Self {
            assessment,
            cluster,
            point,
            question,
            question_text: "",
            public: false,
            observed,
        }
    }
}
