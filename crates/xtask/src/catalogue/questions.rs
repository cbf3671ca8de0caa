//! `questions/*.toml`, and the mappings of `catalogue.toml` between
//! question-set versions.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use super::instruments::TAGS;
use super::law::PARAMETERS;
use super::structure::{Known, Mapping};
use super::{
    Fingerprints, HEADER, Index, Problems, Provenance, camel, opt_str, provenance_expr, read_toml,
    toml_files,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    provenance: Option<Provenance>,
    question: Vec<Question>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Question {
    id: String,
    compliance_point: String,
    kind: String,
    text: String,
    non_compliant_answer: Option<String>,
    ilo: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    only_in: Vec<String>,
    #[serde(default = "first_tool")]
    since: String,
    note: Option<String>,
}

fn first_tool() -> String {
    "1".to_owned()
}

/// A question with its file's provenance and the file's name.
struct Entry {
    question: Question,
    provenance: Option<Provenance>,
    file: String,
}

pub(crate) struct Data {
    /// By compliance point in the tool's order, then by ID.
    questions: Vec<Entry>,
}

/// Splits "C138 Art. 2" into ("C138", Some("Art. 2")).
fn split_ilo(reference: &str) -> (&str, Option<&str>) {
    match reference.split_once(' ') {
        Some((code, article)) => (code, Some(article.trim())),
        None => (reference, None),
    }
}

/// The `{name}` placeholders of a question text.
fn placeholders(text: &str) -> Result<Vec<&str>, String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or_default();
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed '{{' in {text:?}"))?;
        names.push(after.get(..close).unwrap_or_default());
        rest = after.get(close + 1..).unwrap_or_default();
    }
    if rest.contains('}') {
        return Err(format!("stray '}}' in {text:?}"));
    }
    Ok(names)
}

impl Data {
    /// Reads every question file; `points` gives the compliance points in order.
    pub(crate) fn load(dir: &Path, points: &[&str]) -> Result<Data, String> {
        let mut questions = Vec::new();
        for path in toml_files(&dir.join("questions"))? {
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let f: File = read_toml(&path)?;
            questions.extend(f.question.into_iter().map(|question| Entry {
                question,
                provenance: f.provenance.clone(),
                file: file.clone(),
            }));
        }
        let order = |q: &Question| {
            (
                points.iter().position(|p| *p == q.compliance_point),
                q.id.clone(),
            )
        };
        questions.sort_by_key(|e| order(&e.question));
        Ok(Data { questions })
    }

    pub(crate) fn validate(
        &self,
        p: &mut Problems,
        known: &Known<'_>,
        codes: &BTreeSet<&str>,
        mappings: &[Mapping],
        jurisdictions: &BTreeSet<String>,
    ) {
        p.unique(
            "questions",
            self.questions.iter().map(|e| e.question.id.as_str()),
        );
        for Entry {
            question: q,
            provenance,
            file,
        } in &self.questions
        {
            let what = format!("questions/{file}: {}", q.id);
            match provenance {
                Some(provenance) => p.provenance(&format!("questions/{file}"), provenance),
                None => p.check(false, || format!("questions/{file}: [provenance] missing")),
            }
            p.check(known.points.contains(q.compliance_point.as_str()), || {
                format!("{what}: unknown compliance point")
            });
            let number = q.id.strip_prefix(&format!("{}.", q.compliance_point));
            p.check(
                number.is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit())),
                || format!("{what}: id must be <compliance point>.<two digits>"),
            );
            match q.kind.as_str() {
                "ncq" => p.check(
                    matches!(q.non_compliant_answer.as_deref(), Some("yes" | "no")),
                    || {
                        format!(
                            "{what}: a non-compliance question needs non_compliant_answer yes or no"
                        )
                    },
                ),
                "fact" => p.check(q.non_compliant_answer.is_none(), || {
                    format!("{what}: a fact-gathering question has no non-compliant answer")
                }),
                other => p.check(false, || format!("{what}: kind {other:?}")),
            }
            p.check(!q.ilo.is_empty(), || format!("{what}: no ILO reference"));
            for r in &q.ilo {
                let (code, _) = split_ilo(r);
                p.check(codes.contains(code), || {
                    format!("{what}: unknown instrument in {r:?}")
                });
            }
            for t in &q.tags {
                p.check(TAGS.contains(&t.as_str()), || {
                    format!("{what}: unknown tag {t:?}")
                });
            }
            for j in &q.only_in {
                p.check(jurisdictions.contains(j), || {
                    format!("{what}: only_in {j:?} has no file under data/law/")
                });
            }
            p.check(known.tools.contains(q.since.as_str()), || {
                format!("{what}: unknown tool version {:?}", q.since)
            });
            match placeholders(&q.text) {
                Ok(found) => {
                    for name in found {
                        p.check(PARAMETERS.contains(&name), || {
                            format!("{what}: unknown parameter {{{name}}}")
                        });
                    }
                }
                Err(e) => p.check(false, || format!("{what}: {e}")),
            }
        }
        let ids: BTreeSet<&str> = self
            .questions
            .iter()
            .map(|e| e.question.id.as_str())
            .collect();
        for m in mappings {
            let what = format!("catalogue.toml: mapping {:?} -> {:?}", m.from, m.to);
            p.check(
                known.tools.contains(m.from_tool.as_str())
                    && known.tools.contains(m.to_tool.as_str()),
                || format!("{what}: unknown tool"),
            );
            p.check(
                matches!(m.kind.as_str(), "merged" | "split" | "renamed"),
                || format!("{what}: kind {:?}", m.kind),
            );
            for q in m.from.iter().chain(&m.to) {
                p.check(ids.contains(q.as_str()), || {
                    format!("{what}: unknown question {q}")
                });
            }
        }
    }

    pub(crate) fn index<'a>(&'a self, index: &mut Index<'a>) {
        index.questions = self
            .questions
            .iter()
            .enumerate()
            .map(|(i, e)| (e.question.id.as_str(), i))
            .collect();
    }

    /// Each compliance point's first question and number of questions.
    pub(crate) fn by_point(&self) -> BTreeMap<&str, (usize, usize)> {
        let mut ranges: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for (i, e) in self.questions.iter().enumerate() {
            ranges
                .entry(e.question.compliance_point.as_str())
                .or_insert((i, 0))
                .1 += 1;
        }
        ranges
    }

    /// The `questions.rs` file: `QUESTIONS` and `QUESTIONS_BY_ID`.
    pub(crate) fn write(&self, index: &Index<'_>, prints: &mut Fingerprints) -> String {
        let mut s = String::from(HEADER);
        s.push_str("use super::prelude::*;\n\n");
        let _ = writeln!(
            s,
            "pub(crate) static QUESTIONS: [QuestionRow; {}] = [",
            self.questions.len()
        );
        for (n, e) in self.questions.iter().enumerate() {
            let q = &e.question;
            let ilo: Vec<String> = q
                .ilo
                .iter()
                .map(|r| {
                    let (code, article) = split_ilo(r);
                    format!(
                        "IloRow {{ instrument: &INSTRUMENTS[{}], article: {} }}",
                        Index::at(&index.instruments, code),
                        opt_str(article)
                    )
                })
                .collect();
            let tags: Vec<String> = q
                .tags
                .iter()
                .map(|t| format!("Tag::{}", camel(t)))
                .collect();
            let answer = q.non_compliant_answer.as_deref().map_or_else(
                || "None".to_owned(),
                |a| format!("Some(Answer::{})", camel(a)),
            );
            let row = format!(
                "    QuestionRow {{ index: {n}, id: {:?}, point: &COMPLIANCE_POINTS[{}], kind: QuestionKind::{}, text: {:?}, non_compliant_answer: {answer}, ilo: &[{}], tags: &[{}], only_in: &{:?}, since: &TOOLS[{}], note: {}, provenance: {} }},",
                q.id,
                Index::at(&index.points, &q.compliance_point),
                if q.kind == "ncq" {
                    "NonCompliance"
                } else {
                    "FactGathering"
                },
                q.text,
                ilo.join(", "),
                tags.join(", "),
                q.only_in,
                Index::at(&index.tools, &q.since),
                opt_str(q.note.as_deref()),
                e.provenance
                    .as_ref()
                    .map_or_else(String::new, provenance_expr)
            );
            prints.add(&format!("question:{}", q.id), &row);
            let _ = writeln!(s, "{row}");
        }
        s.push_str("];\n\n");
        let mut by_id: Vec<(&str, usize)> = self
            .questions
            .iter()
            .enumerate()
            .map(|(i, e)| (e.question.id.as_str(), i))
            .collect();
        by_id.sort_unstable();
        let _ = writeln!(s, "/// Question indexes sorted by ID, for binary search.");
        let _ = writeln!(
            s,
            "pub(crate) static QUESTIONS_BY_ID: [u16; {}] = {:?};",
            by_id.len(),
            by_id.iter().map(|x| x.1).collect::<Vec<_>>()
        );
        s
    }
}
