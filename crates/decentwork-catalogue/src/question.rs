//! Questions: what an assessor asks, which answer is the violation, which ILO
//! articles it rests on, and its text for a jurisdiction on a date.

use std::ops::Range;

use chrono::NaiveDate;
use decentwork_model::{Jurisdiction, Outcome, QuestionId};

use crate::generated::questions::{QUESTIONS, QUESTIONS_BY_ID};
use crate::law::LawInForce;
use crate::tables::{Answer, IloRow, Parameter, QuestionKind, QuestionRow, Tag};
use crate::{CompliancePoint, Instrument, LookupError, Provenance, RenderError, ToolVersion};

/// One question of the catalogue's question set. A `Copy` handle.
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_catalogue::{Answer, Question};
/// use decentwork_model::Outcome;
///
/// let q = Question::from_id("CL.CHILD.01")?;
/// assert_eq!(q.compliance_point().name(), "Child Labourers");
/// assert!(q.ilo_references().any(|r| r.instrument().code() == "C138"));
/// let on = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
/// let text = q.render("BD".parse().unwrap(), on).unwrap();
/// assert!(text.contains("14"), "{text}");
/// # Ok::<(), decentwork_catalogue::LookupError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Question(pub(crate) &'static QuestionRow);

impl Question {
    pub(crate) fn range(range: Range<usize>) -> impl Iterator<Item = Question> {
        QUESTIONS
            .get(range)
            .unwrap_or_default()
            .iter()
            .map(Question)
    }

    /// Strict lookup by ID, e.g. `OSH.EMERGENCY.03`.
    ///
    /// # Errors
    ///
    /// [`LookupError::UnknownId`] when no question has that ID.
    pub fn from_id(id: &str) -> Result<Question, LookupError> {
        QUESTIONS_BY_ID
            .binary_search_by(|&i| QUESTIONS.get(usize::from(i)).map_or("", |q| q.id).cmp(id))
            .ok()
            .and_then(|i| QUESTIONS_BY_ID.get(i))
            .and_then(|&i| QUESTIONS.get(usize::from(i)))
            .map(Question)
            .ok_or_else(|| LookupError::UnknownId {
                what: "question",
                value: id.to_owned(),
            })
    }

    /// Lookup by the model's identifier, as found in an assessment's findings.
    ///
    /// # Errors
    ///
    /// [`LookupError::UnknownId`] when no question has that ID.
    pub fn get(id: QuestionId) -> Result<Question, LookupError> {
        by_model_id()
            .get(&id)
            .and_then(|&i| QUESTIONS.get(i))
            .map(Question)
            .ok_or_else(|| LookupError::UnknownId {
                what: "question",
                value: id.to_string(),
            })
    }

    /// Lax lookup: the ID ignoring case and surrounding space.
    ///
    /// # Errors
    ///
    /// [`LookupError::NoMatch`] when nothing matches.
    pub fn lookup(text: &str) -> Result<Question, LookupError> {
        Question::from_id(&text.trim().to_uppercase()).map_err(|_| LookupError::NoMatch {
            what: "question",
            value: text.to_owned(),
        })
    }

    /// The questions tagged `tag`.
    pub fn with_tag(tag: Tag) -> impl Iterator<Item = Question> {
        Question::all().filter(move |q| q.has_tag(tag))
    }

    /// The questions asked in `jurisdiction`.
    pub fn for_jurisdiction(jurisdiction: Jurisdiction) -> impl Iterator<Item = Question> {
        Question::all().filter(move |q| q.applies_in(jurisdiction))
    }

    /// The ID, e.g. `CL.CHILD.01`.
    #[must_use]
    pub fn id(self) -> &'static str {
        self.0.id
    }

    /// Its compliance point.
    #[must_use]
    pub fn compliance_point(self) -> CompliancePoint {
        CompliancePoint(self.0.point)
    }

    /// Non-compliance or fact-gathering.
    #[must_use]
    pub fn kind(self) -> QuestionKind {
        self.0.kind
    }

    /// The text with `{parameter}` placeholders, before rendering.
    #[must_use]
    pub fn template(self) -> &'static str {
        self.0.text
    }

    /// The answer that is the violation; `None` for fact-gathering questions.
    #[must_use]
    pub fn non_compliant_answer(self) -> Option<Answer> {
        self.0.non_compliant_answer
    }

    /// Turns a raw yes/no answer into a finding, applying the question's
    /// polarity; `None` for fact-gathering questions, which never count.
    #[must_use]
    pub fn finding_for(self, answer: Answer) -> Option<Outcome> {
        self.0.non_compliant_answer.map(|bad| {
            if bad == answer {
                Outcome::NonCompliant
            } else {
                Outcome::Compliant
            }
        })
    }

    /// The ILO instruments (and articles) it rests on.
    pub fn ilo_references(self) -> impl Iterator<Item = IloReference> {
        self.0.ilo.iter().map(IloReference)
    }

    /// Its tags.
    #[must_use]
    pub fn tags(self) -> &'static [Tag] {
        self.0.tags
    }

    /// Whether it carries `tag`.
    #[must_use]
    pub fn has_tag(self, tag: Tag) -> bool {
        self.0.tags.contains(&tag)
    }

    /// Whether it is asked in `jurisdiction` (most questions are asked everywhere).
    #[must_use]
    pub fn applies_in(self, jurisdiction: Jurisdiction) -> bool {
        self.0.only_in.is_empty()
            || jurisdiction
                .levels()
                .any(|level| self.0.only_in.contains(&crate::law::code(level)))
    }

    /// The question-set version that introduced it.
    #[must_use]
    pub fn since(self) -> ToolVersion {
        ToolVersion(self.0.since)
    }

    /// Why it is tagged or what it covers, when the data says.
    #[must_use]
    pub fn note(self) -> Option<&'static str> {
        self.0.note
    }

    /// Where the question's facts (tags, references) come from.
    #[must_use]
    pub fn provenance(self) -> Provenance {
        self.0.provenance
    }

    /// The legal parameters its text needs, in order of appearance.
    pub fn parameters(self) -> impl Iterator<Item = Parameter> {
        placeholders(self.0.text).filter_map(|(_, name)| Parameter::from_name(name))
    }

    /// The text for `jurisdiction` on `date`, parameters filled in from the law
    /// in force then: `younger than {minimum_working_age}` becomes
    /// `younger than 14` for Bangladesh.
    ///
    /// # Errors
    ///
    /// [`RenderError::NotApplicable`] when the question is not asked there;
    /// [`RenderError::NoLawData`] when the catalogue has no law for the
    /// jurisdiction; [`RenderError::MissingParameter`] when the catalogue has no value for a
    /// parameter the text needs (see [`Question::render_lax`]).
    pub fn render(
        self,
        jurisdiction: Jurisdiction,
        date: NaiveDate,
    ) -> Result<String, RenderError> {
        if !self.applies_in(jurisdiction) {
            return Err(RenderError::NotApplicable {
                question: self.id(),
                jurisdiction: jurisdiction.to_string(),
            });
        }
        let law =
            LawInForce::try_new(jurisdiction, date).map_err(|source| RenderError::NoLawData {
                question: self.id(),
                source,
            })?;
        self.fill(|parameter| {
            law.value(parameter)
                .map(super::law::LegalValue::display_value)
                .ok_or_else(|| RenderError::MissingParameter {
                    question: self.id(),
                    parameter: parameter.name(),
                    jurisdiction: jurisdiction.to_string(),
                    date,
                })
        })
    }

    /// Like [`Question::render`], but a parameter without a recorded value is
    /// written as a phrase ("the legal minimum working age") instead of failing.
    #[must_use]
    pub fn render_lax(self, jurisdiction: Jurisdiction, date: NaiveDate) -> String {
        let law = LawInForce::new(jurisdiction, date);
        self.fill(|parameter| {
            Ok::<_, RenderError>(law.value(parameter).map_or_else(
                || phrase(parameter).to_owned(),
                super::law::LegalValue::display_value,
            ))
        })
        .unwrap_or_else(|_| self.0.text.to_owned())
    }

    fn fill(
        self,
        mut value: impl FnMut(Parameter) -> Result<String, RenderError>,
    ) -> Result<String, RenderError> {
        let text = self.0.text;
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (range, name) in placeholders(text) {
            out.push_str(text.get(last..range.start).unwrap_or_default());
            match Parameter::from_name(name) {
                Some(parameter) => out.push_str(&value(parameter)?),
                None => out.push_str(text.get(range.clone()).unwrap_or_default()),
            }
            last = range.end;
        }
        out.push_str(text.get(last..).unwrap_or_default());
        Ok(out)
    }

    /// The versions of this question in question set `tool`: itself if it
    /// exists there, otherwise the questions it was merged into, split into or
    /// renamed to (following the recorded mappings forward).
    #[must_use]
    pub fn equivalents_in(self, tool: ToolVersion) -> Vec<Question> {
        crate::tool::equivalents(self, tool)
    }
}

/// Question indexes by the model's ID type, built once: resolving the findings
/// of an assessment is then a hash lookup per finding.
fn by_model_id()
-> &'static std::collections::HashMap<QuestionId, usize, std::hash::BuildHasherDefault<Fx>> {
    static MAP: std::sync::OnceLock<
        std::collections::HashMap<QuestionId, usize, std::hash::BuildHasherDefault<Fx>>,
    > = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        QUESTIONS
            .iter()
            .enumerate()
            .filter_map(|(i, q)| QuestionId::new(q.id).ok().map(|id| (id, i)))
            .collect()
    })
}

/// A small, fast, non-cryptographic hasher (the "Fx" multiply-rotate scheme);
/// question IDs are trusted catalogue keys, so flooding is not a concern.
#[derive(Default)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0_u8; 8];
            word.iter_mut().zip(chunk).for_each(|(w, b)| *w = *b);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
}

/// The `{name}` placeholders of a template, with their byte ranges.
fn placeholders(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let open = from + text.get(from..)?.find('{')?;
        let close = open + text.get(open..)?.find('}')?;
        from = close + 1;
        Some((open..close + 1, text.get(open + 1..close)?))
    })
}

/// Wording for a parameter whose value the catalogue does not have.
fn phrase(parameter: Parameter) -> &'static str {
    match parameter {
        Parameter::MinimumWorkingAge => "the legal minimum working age",
        Parameter::HazardousWorkAge => "the legal minimum age for hazardous work",
        Parameter::NormalHoursDay => "the legal daily hours",
        Parameter::NormalHoursWeek => "the legal weekly hours",
        Parameter::OvertimeCapDay => "the legal daily overtime limit",
        Parameter::OvertimeCapWeek => "the legal weekly overtime limit",
        Parameter::OvertimeCapMonth => "the legal monthly overtime limit",
        Parameter::OvertimeCapYear => "the legal yearly overtime limit",
        Parameter::TotalHoursCapDay => "the legal limit on total daily hours",
        Parameter::OvertimePremium
        | Parameter::OvertimePremiumRestDay
        | Parameter::OvertimePremiumHoliday
        | Parameter::OvertimePremiumNight => "the legal overtime rate",
        Parameter::WeeklyRest => "the legal weekly rest",
        Parameter::AnnualLeave => "the legal annual leave",
        Parameter::MaternityLeave => "the legal maternity leave",
        Parameter::MaternityPay => "the legal maternity pay",
        Parameter::SafetyCommitteeThreshold
        | Parameter::ParticipationCommitteeThreshold
        | Parameter::BipartiteCommitteeThreshold
        | Parameter::WorksCouncilThreshold => "the legal threshold",
        Parameter::MinimumWage => "the legal minimum wage",
        Parameter::CommitteeMinimumMembers
        | Parameter::CommitteeWorkerShare
        | Parameter::CommitteeWomenShare
        | Parameter::CommitteeMeetingInterval => "the legal rule on the committee",
    }
}

/// A question's reference to an ILO instrument, and article where one applies.
#[derive(Clone, Copy)]
pub struct IloReference(&'static IloRow);

impl IloReference {
    /// The instrument.
    #[must_use]
    pub fn instrument(self) -> Instrument {
        Instrument(self.0.instrument)
    }

    /// The article, e.g. `Art. 2`, where one applies.
    #[must_use]
    pub fn article(self) -> Option<&'static str> {
        self.0.article
    }
}

impl std::fmt::Display for IloReference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.article {
            Some(article) => write!(f, "{} {article}", self.instrument().code()),
            None => f.write_str(self.instrument().code()),
        }
    }
}

impl std::fmt::Debug for IloReference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "IloReference({self})")
    }
}

crate::handle::handle!(Question in QUESTIONS, id: id, plural: "questions", order: "by compliance point in the tool's order, then by ID");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_scan() {
        let found: Vec<_> = placeholders("a {x} b {yy}c").collect();
        assert_eq!(found, vec![(2..5, "x"), (8..12, "yy")]);
        assert_eq!(placeholders("no braces").count(), 0);
        assert_eq!(placeholders("open { only").count(), 0);
    }
}
