//! Versions of the question set, and how questions map between them.

use crate::generated::structure::{MAPPINGS, TOOLS};
use crate::tables::{MappingKind, MappingRow, ToolRow};
use crate::{LookupError, Question};

/// A version of the catalogue's question set.
#[derive(Clone, Copy)]
pub struct ToolVersion(pub(crate) &'static ToolRow);

crate::handle::handle!(ToolVersion in TOOLS, id: id, plural: "question-set versions", order: "oldest first");

impl ToolVersion {
    /// The newest version.
    #[must_use]
    pub fn current() -> Option<ToolVersion> {
        TOOLS.last().map(ToolVersion)
    }

    /// Strict lookup by ID.
    ///
    /// # Errors
    ///
    /// [`LookupError::UnknownId`] when no version has that ID.
    pub fn from_id(id: &str) -> Result<ToolVersion, LookupError> {
        crate::structure::strict(
            "question-set version",
            id,
            ToolVersion::all(),
            ToolVersion::id,
        )
    }

    /// Its ID.
    #[must_use]
    pub fn id(self) -> &'static str {
        self.0.id
    }

    /// Its name.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// When it was released.
    #[must_use]
    pub fn released(self) -> chrono::NaiveDate {
        self.0.released
    }

    /// What changed.
    #[must_use]
    pub fn note(self) -> &'static str {
        self.0.note
    }

    /// The questions in this version: those introduced in it or earlier and not
    /// replaced by a mapping into a version up to this one.
    pub fn questions(self) -> impl Iterator<Item = Question> {
        Question::all().filter(move |q| exists_in(q.0, self.0, &MAPPINGS))
    }
}

/// A recorded change between two question-set versions.
#[derive(Clone, Copy)]
pub struct Mapping(&'static MappingRow);

impl Mapping {
    /// Every recorded mapping.
    pub fn all() -> impl Iterator<Item = Mapping> {
        MAPPINGS.iter().map(Mapping)
    }

    /// Merged, split or renamed.
    #[must_use]
    pub fn kind(self) -> MappingKind {
        self.0.kind
    }

    /// The version the old questions belong to.
    #[must_use]
    pub fn from_tool(self) -> ToolVersion {
        ToolVersion(self.0.from_tool)
    }

    /// The version the new questions belong to.
    #[must_use]
    pub fn to_tool(self) -> ToolVersion {
        ToolVersion(self.0.to_tool)
    }

    /// The old questions.
    pub fn from(self) -> impl Iterator<Item = Question> {
        self.0.from.iter().copied().map(Question)
    }

    /// The new questions.
    pub fn to(self) -> impl Iterator<Item = Question> {
        self.0.to.iter().copied().map(Question)
    }

    /// Why.
    #[must_use]
    pub fn note(self) -> &'static str {
        self.0.note
    }
}

fn released(tool: &ToolRow) -> chrono::NaiveDate {
    tool.released
}

use crate::tables::QuestionRow;

/// Whether `question` is part of version `tool`, given `mappings`.
fn exists_in(question: &QuestionRow, tool: &ToolRow, mappings: &[MappingRow]) -> bool {
    released(question.since) <= released(tool)
        && !mappings.iter().any(|m| {
            released(m.to_tool) <= released(tool)
                && m.from.iter().any(|q| std::ptr::eq(*q, question))
        })
}

/// The questions that `question` became in `tool`.
pub(crate) fn equivalents(question: Question, tool: ToolVersion) -> Vec<Question> {
    equivalents_with(question.0, tool.0, &MAPPINGS)
        .into_iter()
        .map(Question)
        .collect()
}

fn equivalents_with(
    question: &'static QuestionRow,
    tool: &ToolRow,
    mappings: &'static [MappingRow],
) -> Vec<&'static QuestionRow> {
    if exists_in(question, tool, mappings) {
        return vec![question];
    }
    let mut found: Vec<&'static QuestionRow> = Vec::new();
    for m in mappings {
        if released(m.to_tool) <= released(tool)
            && m.from.iter().any(|q| std::ptr::eq(*q, question))
        {
            for next in m.to {
                for q in equivalents_with(next, tool, mappings) {
                    if !found.iter().any(|f| std::ptr::eq(*f, q)) {
                        found.push(q);
                    }
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    //! The shipped data has one version; the mapping logic is checked here on
    //! a small made-up history of question rows.
    use super::*;
    use crate::tables::{QuestionKind, ymd};

    static V1: ToolRow = ToolRow {
        index: 0,
        id: "1",
        name: "one",
        released: ymd(2020, 1, 1),
        note: "",
    };
    static V2: ToolRow = ToolRow {
        index: 1,
        id: "2",
        name: "two",
        released: ymd(2022, 1, 1),
        note: "",
    };
    static V3: ToolRow = ToolRow {
        index: 2,
        id: "3",
        name: "three",
        released: ymd(2024, 1, 1),
        note: "",
    };

    macro_rules! row {
        ($index:literal, $id:literal, $since:expr) => {
            QuestionRow {
                index: $index,
                id: $id,
                point: &crate::generated::structure::COMPLIANCE_POINTS[0],
                kind: QuestionKind::NonCompliance,
                text: "",
                non_compliant_answer: None,
                ilo: &[],
                tags: &[],
                only_in: &[],
                since: $since,
                note: None,
                provenance: crate::generated::structure::BSCI_PROVENANCE,
            }
        };
    }

    static A: QuestionRow = row!(0, "A", &V1);
    static B: QuestionRow = row!(1, "B", &V1);
    static AB: QuestionRow = row!(2, "AB", &V2);
    static AB1: QuestionRow = row!(3, "AB1", &V3);
    static AB2: QuestionRow = row!(4, "AB2", &V3);
    static MAPS: [MappingRow; 2] = [
        MappingRow {
            from_tool: &V1,
            to_tool: &V2,
            kind: MappingKind::Merged,
            from: &[&A, &B],
            to: &[&AB],
            note: "",
        },
        MappingRow {
            from_tool: &V2,
            to_tool: &V3,
            kind: MappingKind::Split,
            from: &[&AB],
            to: &[&AB1, &AB2],
            note: "",
        },
    ];

    fn ids(rows: &[&'static QuestionRow]) -> Vec<&'static str> {
        let mut ids: Vec<&'static str> = rows.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn merged_then_split() {
        assert!(exists_in(&A, &V1, &MAPS));
        assert!(!exists_in(&A, &V2, &MAPS));
        assert!(!exists_in(&AB, &V1, &MAPS), "not yet introduced");
        assert_eq!(ids(&equivalents_with(&A, &V1, &MAPS)), ["A"]);
        assert_eq!(ids(&equivalents_with(&A, &V2, &MAPS)), ["AB"]);
        assert_eq!(ids(&equivalents_with(&B, &V3, &MAPS)), ["AB1", "AB2"]);
        assert_eq!(ids(&equivalents_with(&AB, &V3, &MAPS)), ["AB1", "AB2"]);
        assert!(
            equivalents_with(&AB1, &V1, &MAPS).is_empty(),
            "no way back to an older version"
        );
    }
}
