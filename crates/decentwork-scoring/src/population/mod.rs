//! Non-compliance rates over many assessments, as Better Work's analysts
//! compute them: a factory is non-compliant on a compliance point if any of
//! the point's questions is; the point's rate is the factories non-compliant
//! on it out of those assessed on it, over a chosen population.
//!
//! A [`Population`] holds one compact summary per assessment: which points
//! and questions were assessed and which were non-compliant. It is fed
//! [`Observation`]s keyed by catalogue handles, each with the label it was
//! read from, so rates come out under the data's own labels (or the
//! catalogue's, harmonised, when asked) and join to the catalogue by ID.

mod batch;
mod observation;
mod rule;
mod table;

use rustc_hash::FxHashMap;

use decentwork_catalogue::{Cluster, CompliancePoint, Question, QuestionKind, Tag};
use decentwork_model::{AssessmentId, Country, FactoryId, Outcome};

use crate::bits::IndexSet;
use crate::{DenseAssessment, PointBits};

pub use batch::{BatchAssessment, BatchPoint, ForeignHandle, ObservationBatch};
pub use observation::{AssessmentInfo, Labelled, Named, Observation, Observed};
pub use rule::{MonthError, MonthWindow, PopulationRule, WindowError, parse_month};
pub use table::{
    AssessmentRate, Basis, GroupBy, PointRecord, QuestionRate, QuestionTable, RateOptions, RateRow,
    RateTable, SYSTEMS_CLUSTER,
};

/// Text interned once: labels repeat across millions of rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Label(usize);

#[derive(Debug, Clone, Default)]
struct Labels {
    texts: Vec<Box<str>>,
    index: FxHashMap<Box<str>, usize>,
}

impl Labels {
    fn intern(&mut self, text: &str) -> Label {
        if let Some(&i) = self.index.get(text) {
            return Label(i);
        }
        self.texts.push(text.into());
        self.index.insert(text.into(), self.texts.len() - 1);
        Label(self.texts.len() - 1)
    }

    fn text(&self, label: Label) -> &str {
        self.texts.get(label.0).map_or("", |t| t)
    }
}

/// Compliance points by the cluster and point labels they were given under,
/// numbered in the order added.
#[derive(Debug, Clone, Default)]
struct PointIndex {
    /// Each point's cluster and point label.
    labels: Vec<(Box<str>, Box<str>)>,
    /// Points by point label.
    by_point: FxHashMap<Box<str>, Vec<usize>>,
    /// The last point found or added: observations come grouped by point.
    last: Option<usize>,
}

impl PointIndex {
    /// The point given under these labels, added (numbered next) if new;
    /// and whether it is new. Inlined where the labels are the last point's
    /// (most observations), and looked up otherwise.
    #[inline]
    fn get_or_add(&mut self, cluster: &str, point: &str) -> (usize, bool) {
        if let Some(last) = self.last
            && self
                .labels
                .get(last)
                .is_some_and(|(c, p)| **p == *point && **c == *cluster)
        {
            return (last, false);
        }
        self.find_or_add(cluster, point)
    }

    /// [`PointIndex::get_or_add`] for labels other than the last point's.
    #[inline(never)]
    fn find_or_add(&mut self, cluster: &str, point: &str) -> (usize, bool) {
        let labels = &self.labels;
        let found = self.by_point.get(point).and_then(|under| {
            under.iter().copied().find(|&i| {
                labels
                    .get(i)
                    .is_some_and(|(c, p)| **p == *point && **c == *cluster)
            })
        });
        let (index, new) = if let Some(index) = found {
            (index, false)
        } else {
            self.labels.push((cluster.into(), point.into()));
            let index = self.labels.len() - 1;
            self.by_point.entry(point.into()).or_default().push(index);
            (index, true)
        };
        self.last = Some(index);
        (index, new)
    }

    /// Point `index`'s cluster and point labels.
    fn labels(&self, index: usize) -> Option<(&str, &str)> {
        self.labels.get(index).map(|(c, p)| (&**c, &**p))
    }
}

/// A compliance point as the population knows it: under one cluster label,
/// with one label.
#[derive(Debug, Clone)]
struct PointEntry {
    cluster: (Option<Cluster>, Label),
    point: (Option<CompliancePoint>, Label),
    /// Its questions, by the ID as given.
    questions: FxHashMap<Box<str>, usize>,
}

/// A question as the population knows it: one ID under one point.
#[derive(Debug, Clone)]
struct QuestionEntry {
    id: (Option<Question>, Label),
    text: Option<Label>,
    point: usize,
    public: bool,
}

/// One assessment in a population.
#[derive(Debug, Clone)]
struct Summary {
    /// The factory's number in `Population::factory_index`.
    factory: usize,
    factory_id: FactoryId,
    assessment: AssessmentId,
    factory_name: Label,
    obsolete: bool,
    country: (Option<Country>, Label),
    start: chrono::NaiveDate,
    cycle: u16,
    tool: Label,
    points_assessed: IndexSet,
    points_non_compliant: IndexSet,
    questions_assessed: IndexSet,
    questions_non_compliant: IndexSet,
}

impl Summary {
    /// Whether `info` gives this assessment another factory, first day or
    /// cycle than it was first given with.
    fn given_otherwise(&self, info: &AssessmentInfo<'_>) -> bool {
        self.factory_id != info.factory || self.start != info.start || self.cycle != info.cycle
    }
}

/// Counts of what a population set aside while being built, and why.
/// Nothing is dropped without being counted here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct PopulationNotes {
    /// Observations repeating one already added (same question, same
    /// finding), and assessments added twice: counted once.
    pub duplicates_ignored: u64,
    /// Observations of a question already observed in the same assessment
    /// with the other finding: the question counts as non-compliant.
    pub conflicting_rows: u64,
    /// Fact-gathering observations: recorded, never counted in a rate.
    pub fact_gathering_rows: u64,
    /// Observations whose assessment was first given with another factory,
    /// first day or cycle: counted under the assessment as first given.
    pub inconsistent_rows: u64,
}

/// Many assessments, summarised for rates.
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_model::{Assessment, AssessmentFields, AssessmentKind, Country, Finding, Outcome};
/// use decentwork_scoring::{AssessmentInfo, DenseAssessment, GroupBy, Population, PopulationRule, RateOptions};
///
/// let mut population = Population::new();
/// for (id, factory, outcome) in [("A1", "F1", Outcome::NonCompliant), ("A2", "F2", Outcome::Compliant)] {
///     let mut fields = AssessmentFields::new(
///         id.parse()?, factory.parse()?, 1, AssessmentKind::Unannounced,
///         (NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(), NaiveDate::from_ymd_opt(2024, 5, 3).unwrap()), "Garment CAT",
///     );
///     fields.findings.push(Finding::new("WT.OVERTIME.02".parse()?, outcome));
///     let assessment = Assessment::new(fields)?;
///     population.add_assessment(
///         AssessmentInfo::of(&assessment).in_country(Country::KH),
///         &DenseAssessment::from_assessment(&assessment),
///     );
/// }
/// let table = population.rates(PopulationRule::Latest { window: None }, &[GroupBy::Point], RateOptions::default());
/// let overtime = table.rows.iter().find(|r| r.point.is_some_and(|p| p.label == "Overtime")).unwrap();
/// assert_eq!(overtime.tally.rate().unwrap().to_string(), "1/2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Population {
    labels: Labels,
    points: Vec<PointEntry>,
    /// Points by their labels, numbered as in `points`.
    point_index: PointIndex,
    /// Points by catalogue index, for assessments given as catalogue values.
    catalogue_points: Vec<Option<usize>>,
    questions: Vec<QuestionEntry>,
    /// Questions by catalogue index, for assessments given as catalogue values.
    catalogue_questions: Vec<Option<usize>>,
    /// Factories, numbered in the order met.
    factory_index: FxHashMap<FactoryId, usize>,
    assessments: Vec<Summary>,
    assessment_index: FxHashMap<AssessmentId, usize>,
    notes: PopulationNotes,
}

impl Population {
    /// An empty population.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// What the population set aside while being built.
    #[must_use]
    pub fn notes(&self) -> PopulationNotes {
        self.notes
    }

    /// The number of assessments.
    #[must_use]
    pub fn len(&self) -> usize {
        self.assessments.len()
    }

    /// Whether there is no assessment.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.assessments.is_empty()
    }

    /// The first days of the earliest and the latest assessment.
    #[must_use]
    pub fn start_range(&self) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        let starts = self.assessments.iter().map(|s| s.start);
        starts.clone().min().zip(starts.max())
    }

    /// Adds one observation. A repeat of an observation already added is
    /// counted and ignored; an observation of a question already observed in
    /// the same assessment with the other finding makes it non-compliant and
    /// is counted as a conflict. Fact-gathering observations are counted and
    /// never used: an assessment exists through its counted observations.
    pub fn add(&mut self, observation: &Observation<'_>) {
        // Fact-gathering observations are counted, and never make an
        // assessment exist on their own.
        let non_compliant = match observation.observed {
            Observed::FactGathering => {
                self.notes.fact_gathering_rows += 1;
                return;
            }
            Observed::Compliant => false,
            Observed::NonCompliant => true,
        };
        let assessment = self.assessment(&observation.assessment);
        let point = self.point(observation.cluster, observation.point);
        let question = self.question(
            point,
            observation.question,
            observation.question_text,
            observation.public,
        );
        self.observe(assessment, point, question, non_compliant);
    }

    /// Adds an assessment already resolved against the catalogue, scored
    /// with the Better Work rule question by question (so question-level
    /// rates see it). Not-applicable and not-assessed findings are not
    /// observations; findings the catalogue does not know were left out when
    /// it was resolved (score it to see them as diagnostics). An assessment
    /// added twice is counted and ignored.
    pub fn add_assessment(&mut self, info: AssessmentInfo<'_>, assessment: &DenseAssessment) {
        if self.assessment_index.contains_key(&info.assessment) {
            self.notes.duplicates_ignored += 1;
            return;
        }
        let index = self.assessment(&info);
        for finding in assessment.findings() {
            let Some(question) = Question::at(finding.question) else {
                continue;
            };
            let non_compliant = match finding.outcome {
                _ if question.kind() == QuestionKind::FactGathering => {
                    self.notes.fact_gathering_rows += 1;
                    continue;
                }
                Outcome::NonCompliant => true,
                Outcome::Compliant => false,
                Outcome::NotApplicable | Outcome::NotAssessed => continue,
            };
            let point = self.catalogue_point(question.compliance_point());
            let entry = self.catalogue_question(point, question);
            self.observe(index, point, entry, non_compliant);
        }
    }

    /// Adds an assessment already reduced to point statuses (the fast path
    /// for millions of assessments scored with
    /// [`DenseAssessment::point_bits`]). Question-level rates do not see it.
    /// An assessment added twice is counted and ignored.
    pub fn add_points(&mut self, info: AssessmentInfo<'_>, points: &PointBits) {
        if self.assessment_index.contains_key(&info.assessment) {
            self.notes.duplicates_ignored += 1;
            return;
        }
        let index = self.assessment(&info);
        let keys: Vec<(usize, bool)> = points
            .points()
            .map(|(cp, non_compliant)| (self.catalogue_point(cp), non_compliant))
            .collect();
        if let Some(summary) = self.assessments.get_mut(index) {
            for (point, non_compliant) in keys {
                summary.points_assessed.insert(point);
                if non_compliant {
                    summary.points_non_compliant.insert(point);
                }
            }
        }
    }

    /// The summary of an assessment, added if new.
    fn assessment(&mut self, info: &AssessmentInfo<'_>) -> usize {
        let found = match self.assessments.last() {
            // Observations of one assessment usually come together.
            Some(last) if last.assessment == info.assessment => Some(self.assessments.len() - 1),
            _ => self.assessment_index.get(&info.assessment).copied(),
        };
        if let Some(index) = found {
            if let Some(s) = self.assessments.get(index)
                && s.given_otherwise(info)
            {
                self.notes.inconsistent_rows += 1;
            }
            return index;
        }
        let next = self.factory_index.len();
        let factory = *self.factory_index.entry(info.factory).or_insert(next);
        let summary = Summary {
            factory,
            factory_id: info.factory,
            assessment: info.assessment,
            factory_name: self.labels.intern(info.factory_name),
            obsolete: info.obsolete,
            country: (info.country.key, self.labels.intern(info.country.label)),
            start: info.start,
            cycle: info.cycle,
            tool: self.labels.intern(info.tool),
            points_assessed: IndexSet::default(),
            points_non_compliant: IndexSet::default(),
            questions_assessed: IndexSet::default(),
            questions_non_compliant: IndexSet::default(),
        };
        self.assessments.push(summary);
        self.assessment_index
            .insert(info.assessment, self.assessments.len() - 1);
        self.assessments.len() - 1
    }

    /// The point a cluster and point label name, added if new.
    fn point(
        &mut self,
        cluster: Labelled<'_, Cluster>,
        point: Labelled<'_, CompliancePoint>,
    ) -> usize {
        let (index, new) = self.point_index.get_or_add(cluster.label, point.label);
        if new {
            let entry = PointEntry {
                cluster: (cluster.key, self.labels.intern(cluster.label)),
                point: (point.key, self.labels.intern(point.label)),
                questions: FxHashMap::default(),
            };
            self.points.push(entry);
        }
        index
    }

    /// The point for a catalogue point, under the catalogue's names.
    fn catalogue_point(&mut self, cp: CompliancePoint) -> usize {
        if let Some(Some(index)) = self.catalogue_points.get(cp.index()) {
            return *index;
        }
        let index = self.point(Labelled::known(cp.cluster()), Labelled::known(cp));
        if self.catalogue_points.len() <= cp.index() {
            self.catalogue_points.resize(cp.index() + 1, None);
        }
        if let Some(slot) = self.catalogue_points.get_mut(cp.index()) {
            *slot = Some(index);
        }
        index
    }

    /// The question with this ID under `point`, added if new.
    fn question(
        &mut self,
        point: usize,
        id: Labelled<'_, Question>,
        text: &str,
        public: bool,
    ) -> usize {
        // A catalogue question is found by its index, without hashing its ID.
        let known = id
            .key
            .and_then(|q| self.catalogue_questions.get(q.index()).copied().flatten())
            .filter(|&i| {
                self.questions
                    .get(i)
                    .is_some_and(|q| q.point == point && self.labels.text(q.id.1) == id.label)
            });
        let found = known.or_else(|| {
            self.points
                .get(point)
                .and_then(|p| p.questions.get(id.label))
                .copied()
        });
        let index = if let Some(index) = found {
            index
        } else {
            let entry = QuestionEntry {
                id: (id.key, self.labels.intern(id.label)),
                text: None,
                point,
                public: false,
            };
            self.questions.push(entry);
            let index = self.questions.len() - 1;
            if let Some(p) = self.points.get_mut(point) {
                p.questions.insert(id.label.into(), index);
            }
            if let Some(q) = id.key {
                if self.catalogue_questions.len() <= q.index() {
                    self.catalogue_questions.resize(q.index() + 1, None);
                }
                if let Some(slot @ None) = self.catalogue_questions.get_mut(q.index()) {
                    *slot = Some(index);
                }
            }
            index
        };
        if let Some(q) = self.questions.get_mut(index) {
            q.public |= public;
            if q.text.is_none() && !text.is_empty() {
                q.text = Some(self.labels.intern(text));
            }
        }
        index
    }

    /// The question for a catalogue question under its catalogue point.
    fn catalogue_question(&mut self, point: usize, question: Question) -> usize {
        self.question(
            point,
            Labelled::known(question),
            question.template(),
            question.has_tag(Tag::PublicDisclosure),
        )
    }

    /// Records one counted finding.
    fn observe(&mut self, assessment: usize, point: usize, question: usize, non_compliant: bool) {
        let Some(summary) = self.assessments.get_mut(assessment) else {
            return;
        };
        if summary.questions_assessed.contains(question) {
            if summary.questions_non_compliant.contains(question) == non_compliant {
                self.notes.duplicates_ignored += 1;
                return;
            }
            self.notes.conflicting_rows += 1;
        }
        summary.questions_assessed.insert(question);
        summary.points_assessed.insert(point);
        if non_compliant {
            summary.questions_non_compliant.insert(question);
            summary.points_non_compliant.insert(point);
        }
    }

    /// An assessment's summary as the caller sees it, labels borrowed.
    fn info(&self, summary: &Summary) -> AssessmentInfo<'_> {
        AssessmentInfo {
            assessment: summary.assessment,
            factory: summary.factory_id,
            factory_name: self.labels.text(summary.factory_name),
            obsolete: summary.obsolete,
            country: Labelled::new(summary.country.0, self.labels.text(summary.country.1)),
            start: summary.start,
            cycle: summary.cycle,
            tool: self.labels.text(summary.tool),
        }
    }
}
