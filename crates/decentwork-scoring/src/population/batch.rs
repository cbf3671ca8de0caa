//! Observations gathered away from the population (on another thread, a
//! block of a file at a time) and added to it in one step, exactly as if
//! each had been added in turn.

use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use hashbrown::HashTable;
use rustc_hash::FxHasher;

use decentwork_catalogue::{Cluster, CompliancePoint, Question};
use decentwork_model::{AssessmentId, Country, FactoryId};

use super::{AssessmentInfo, Labelled, Observation, Observed, PointIndex, Population};

/// Observations kept in the order they were pushed, for
/// [`Population::add_batch`]: the same population as adding each with
/// [`Population::add`], in that order.
///
/// A batch keeps each distinct label once and each observation as a few
/// numbers, so that a reader can fill batches on several threads and the
/// population takes each one without looking up any label more than once.
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_catalogue::Question;
/// use decentwork_scoring::{AssessmentInfo, Labelled, Observation, ObservationBatch, Observed, Population};
///
/// let q = Question::from_id("WT.OVERTIME.02")?;
/// let cp = q.compliance_point();
/// let info = AssessmentInfo::new("A1".parse()?, "F1".parse()?, NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(), 1);
/// let observation = Observation::new(
///     info,
///     (Labelled::known(cp.cluster()), Labelled::known(cp)),
///     Labelled::known(q),
///     Observed::NonCompliant,
/// );
/// let mut batch = ObservationBatch::new();
/// batch.push(&observation);
/// batch.push(&observation);
///
/// let (mut one_by_one, mut batched) = (Population::new(), Population::new());
/// one_by_one.add(&observation);
/// one_by_one.add(&observation);
/// batched.add_batch(&batch);
/// assert_eq!(batched.notes(), one_by_one.notes());
/// assert_eq!(batched.notes().duplicates_ignored, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ObservationBatch {
    /// Which batch this is, for its handles.
    id: BatchId,
    /// Assessments as given, a new entry whenever a row's differs from the last.
    infos: Vec<Info>,
    points: Vec<PointKeys>,
    /// Points by their labels, numbered as in `points`.
    point_index: PointIndex,
    questions: Vec<BatchQuestion>,
    /// Questions by a hash of their point and ID, numbered as in
    /// `questions`.
    question_index: HashTable<usize>,
    /// The questions' IDs and texts, one after another: a batch makes a few
    /// allocations, not one per distinct question.
    texts: String,
    rows: Vec<Row>,
    fact_gathering: u64,
}

/// An assessment as one or more observations gave it.
#[derive(Debug, Clone)]
struct Info {
    assessment: AssessmentId,
    factory: FactoryId,
    factory_name: Box<str>,
    obsolete: bool,
    country: (Option<Country>, Box<str>),
    start: chrono::NaiveDate,
    cycle: u16,
    tool: Box<str>,
}

impl Info {
    fn of(info: &AssessmentInfo<'_>) -> Self {
        Self {
            assessment: info.assessment,
            factory: info.factory,
            factory_name: info.factory_name.into(),
            obsolete: info.obsolete,
            country: (info.country.key, info.country.label.into()),
            start: info.start,
            cycle: info.cycle,
            tool: info.tool.into(),
        }
    }

    fn is(&self, info: &AssessmentInfo<'_>) -> bool {
        self.assessment == info.assessment
            && self.factory == info.factory
            && self.start == info.start
            && self.cycle == info.cycle
            && self.obsolete == info.obsolete
            && self.country.0 == info.country.key
            && *self.country.1 == *info.country.label
            && *self.factory_name == *info.factory_name
            && *self.tool == *info.tool
    }

    fn info(&self) -> AssessmentInfo<'_> {
        AssessmentInfo {
            assessment: self.assessment,
            factory: self.factory,
            factory_name: &self.factory_name,
            obsolete: self.obsolete,
            country: Labelled::new(self.country.0, &self.country.1),
            start: self.start,
            cycle: self.cycle,
            tool: &self.tool,
        }
    }
}

/// A number no other batch of this process has: each new batch, and each
/// copy of one, takes the next (so that a copy refuses the handles its
/// original gave, and the other way round).
#[derive(Debug)]
struct BatchId(u64);

/// The number the next batch takes.
static NEXT_BATCH: AtomicU64 = AtomicU64::new(0);

impl Default for BatchId {
    fn default() -> Self {
        BatchId(NEXT_BATCH.fetch_add(1, Ordering::Relaxed))
    }
}

impl Clone for BatchId {
    fn clone(&self) -> Self {
        BatchId::default()
    }
}

/// An assessment of one [`ObservationBatch`], for
/// [`ObservationBatch::push_at`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchAssessment {
    batch: u64,
    index: usize,
}

/// A cluster and compliance point of one [`ObservationBatch`], for
/// [`ObservationBatch::push_at`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchPoint {
    batch: u64,
    index: usize,
}

/// Handles that another batch gave (or a copy of this one, or this batch
/// before it was copied).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("batch handles from another batch: assessment {assessment}, point {point}")]
#[non_exhaustive]
pub struct ForeignHandle {
    /// The assessment handle's number in the batch that gave it.
    pub assessment: usize,
    /// The point handle's number in the batch that gave it.
    pub point: usize,
}

/// A cluster and point label pair (the labels are in the batch's
/// [`PointIndex`]).
#[derive(Debug, Clone)]
struct PointKeys {
    keys: (Option<Cluster>, Option<CompliancePoint>),
}

/// A question ID under one point, with the first non-empty text it was
/// given and whether any observation marked it public.
#[derive(Debug, Clone)]
struct BatchQuestion {
    point: usize,
    key: Option<Question>,
    /// Where its ID is in the batch's texts.
    id: (usize, usize),
    /// Where its text is in the batch's texts.
    text: Option<(usize, usize)>,
    public: bool,
}

/// One counted observation.
#[derive(Debug, Clone, Copy)]
struct Row {
    info: usize,
    question: usize,
    non_compliant: bool,
}

/// The hash a batch finds a question by: its point and its ID.
fn question_hash(point: usize, id: &str) -> u64 {
    let mut hasher = FxHasher::default();
    point.hash(&mut hasher);
    id.hash(&mut hasher);
    hasher.finish()
}

impl ObservationBatch {
    /// An empty batch.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of observations pushed (fact-gathering ones included).
    #[must_use]
    pub fn len(&self) -> usize {
        self.rows
            .len()
            .saturating_add(usize::try_from(self.fact_gathering).unwrap_or(usize::MAX))
    }

    /// Whether nothing was pushed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.fact_gathering == 0
    }

    /// Keeps one observation, after those pushed before it.
    pub fn push(&mut self, observation: &Observation<'_>) {
        if observation.observed == Observed::FactGathering {
            self.fact_gathering += 1;
            return;
        }
        let at = (
            self.assessment(&observation.assessment),
            self.point(observation.cluster, observation.point),
        );
        self.keep(
            at,
            observation.question,
            (observation.question_text, observation.public),
            observation.observed,
        );
    }

    /// Keeps one observation of `question` (with its text and whether it
    /// is public) under an assessment and a point this batch gave earlier
    /// ([`ObservationBatch::assessment`], [`ObservationBatch::point`]): for
    /// a reader that knows a row's assessment and labels are the last
    /// row's, and so need not be compared again. The same as
    /// [`ObservationBatch::push`] of an observation with that assessment
    /// and point.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use decentwork_catalogue::Question;
    /// use decentwork_scoring::{AssessmentInfo, Labelled, Observation, ObservationBatch, Observed, Population};
    ///
    /// let q = Question::from_id("WT.OVERTIME.02")?;
    /// let cp = q.compliance_point();
    /// let info = AssessmentInfo::new("A1".parse()?, "F1".parse()?, NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(), 1);
    /// let labels = (Labelled::known(cp.cluster()), Labelled::known(cp));
    /// let observation = Observation::new(info, labels, Labelled::known(q), Observed::Compliant);
    ///
    /// let mut batch = ObservationBatch::new();
    /// let at = (batch.assessment(&info), batch.point(labels.0, labels.1));
    /// batch.push_at(at, Labelled::known(q), ("", false), Observed::Compliant)?;
    /// batch.push_at(at, Labelled::known(q), ("", false), Observed::Compliant)?;
    ///
    /// let (mut pushed, mut batched) = (Population::new(), Population::new());
    /// pushed.add(&observation);
    /// pushed.add(&observation);
    /// batched.add_batch(&batch);
    /// assert_eq!(batched.notes(), pushed.notes());
    /// assert_eq!(batched.notes().duplicates_ignored, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ForeignHandle`] when either handle is not this batch's (another
    /// batch gave it, or a copy of this one); nothing is kept.
    pub fn push_at(
        &mut self,
        at: (BatchAssessment, BatchPoint),
        question: Labelled<'_, Question>,
        (text, public): (&str, bool),
        observed: Observed,
    ) -> Result<(), ForeignHandle> {
        if at.0.batch != self.id.0 || at.1.batch != self.id.0 {
            return Err(ForeignHandle {
                assessment: at.0.index,
                point: at.1.index,
            });
        }
        self.keep(at, question, (text, public), observed);
        Ok(())
    }

    /// Keeps an observation under `at`.
    fn keep(
        &mut self,
        at: (BatchAssessment, BatchPoint),
        question: Labelled<'_, Question>,
        (text, public): (&str, bool),
        observed: Observed,
    ) {
        let non_compliant = match observed {
            Observed::FactGathering => {
                self.fact_gathering += 1;
                return;
            }
            Observed::Compliant => false,
            Observed::NonCompliant => true,
        };
        let question = self.question(at.1.index, question, text, public);
        self.rows.push(Row {
            info: at.0.index,
            question,
            non_compliant,
        });
    }

    /// The batch's assessment for `info`: the last one, if `info` is what
    /// it was given as, else a new one.
    pub fn assessment(&mut self, info: &AssessmentInfo<'_>) -> BatchAssessment {
        let index = match self.infos.last() {
            Some(last) if last.is(info) => self.infos.len() - 1,
            _ => {
                self.infos.push(Info::of(info));
                self.infos.len() - 1
            }
        };
        BatchAssessment {
            batch: self.id.0,
            index,
        }
    }

    /// The batch's point for a cluster and point label, added if new.
    pub fn point(
        &mut self,
        cluster: Labelled<'_, Cluster>,
        point: Labelled<'_, CompliancePoint>,
    ) -> BatchPoint {
        let (index, new) = self.point_index.get_or_add(cluster.label, point.label);
        if new {
            self.points.push(PointKeys {
                keys: (cluster.key, point.key),
            });
        }
        BatchPoint {
            batch: self.id.0,
            index,
        }
    }

    /// The batch's question with this ID under `point`, added if new.
    fn question(
        &mut self,
        point: usize,
        id: Labelled<'_, Question>,
        text: &str,
        public: bool,
    ) -> usize {
        let hash = question_hash(point, id.label);
        let (questions, texts) = (&self.questions, &self.texts);
        let found = self
            .question_index
            .find(hash, |&i| {
                questions.get(i).is_some_and(|q| {
                    q.point == point && texts.get(q.id.0..q.id.1) == Some(id.label)
                })
            })
            .copied();
        let index = found.unwrap_or_else(|| {
            let start = self.texts.len();
            self.texts.push_str(id.label);
            let index = self.questions.len();
            self.questions.push(BatchQuestion {
                point,
                key: id.key,
                id: (start, self.texts.len()),
                text: None,
                public: false,
            });
            let (questions, texts) = (&self.questions, &self.texts);
            self.question_index.insert_unique(hash, index, |&i| {
                questions.get(i).map_or(0, |q| {
                    question_hash(q.point, texts.get(q.id.0..q.id.1).unwrap_or_default())
                })
            });
            index
        });
        if let Some(q) = self.questions.get_mut(index) {
            q.public |= public;
            if q.text.is_none() && !text.is_empty() {
                let start = self.texts.len();
                self.texts.push_str(text);
                q.text = Some((start, self.texts.len()));
            }
        }
        index
    }
}

impl Population {
    /// Adds every observation of `batch`, in the order they were pushed:
    /// the same population, the same notes, as [`Population::add`] on each.
    /// Each distinct label of the batch is looked up once.
    pub fn add_batch(&mut self, batch: &ObservationBatch) {
        self.notes.fact_gathering_rows += batch.fact_gathering;
        let mut points: Vec<Option<usize>> = vec![None; batch.points.len()];
        let mut questions: Vec<Option<(usize, usize)>> = vec![None; batch.questions.len()];
        // The batch's assessment, its summary, and whether the summary was
        // first given otherwise (then every observation of it is counted so).
        let mut current: Option<(usize, usize, bool)> = None;
        for row in &batch.rows {
            let assessment = match current {
                Some((info, summary, inconsistent)) if info == row.info => {
                    if inconsistent {
                        self.notes.inconsistent_rows += 1;
                    }
                    summary
                }
                _ => {
                    let Some(info) = batch.infos.get(row.info) else {
                        continue;
                    };
                    let info = info.info();
                    let summary = self.assessment(&info);
                    let inconsistent = self
                        .assessments
                        .get(summary)
                        .is_some_and(|s| s.given_otherwise(&info));
                    current = Some((row.info, summary, inconsistent));
                    summary
                }
            };
            let resolved = questions.get(row.question).copied().flatten();
            let (point, question) = if let Some(found) = resolved {
                found
            } else {
                let Some(q) = batch.questions.get(row.question) else {
                    continue;
                };
                let point = if let Some(point) = points.get(q.point).copied().flatten() {
                    point
                } else {
                    let (Some(p), Some((cluster, label))) =
                        (batch.points.get(q.point), batch.point_index.labels(q.point))
                    else {
                        continue;
                    };
                    let point = self.point(
                        Labelled::new(p.keys.0, cluster),
                        Labelled::new(p.keys.1, label),
                    );
                    if let Some(slot) = points.get_mut(q.point) {
                        *slot = Some(point);
                    }
                    point
                };
                let Some(id) = batch.texts.get(q.id.0..q.id.1) else {
                    continue;
                };
                let text = q.text.and_then(|(start, end)| batch.texts.get(start..end));
                let question = self.question(
                    point,
                    Labelled::new(q.key, id),
                    text.unwrap_or(""),
                    q.public,
                );
                if let Some(slot) = questions.get_mut(row.question) {
                    *slot = Some((point, question));
                }
                (point, question)
            };
            self.observe(assessment, point, question, row.non_compliant);
        }
    }
}
