//! The evidence check: worker records against the law in force, and the
//! committees the law requires.

use askama::Template;

use super::committees::{self, CommitteeView, cite};
use super::html::Page;
use super::markdown::{Doc, Item, Span};
use super::words;
use super::{Render, csv, page};
use crate::types::{EvidenceFindingLine, EvidenceReport, LawLine};

const KIND: &str = "Evidence check";

/// Who the evidence check is for.
const NOTICE: &str = "Confidential working document for the assessors and the factory: it names workers by the factory's own references. Do not share or publish.";

/// One check's findings, for a page and for Markdown.
struct FindingGroup<'a> {
    title: &'static str,
    question: &'a str,
    rows: Vec<FindingRow<'a>>,
    law: Vec<String>,
}

struct FindingRow<'a> {
    worker: &'a str,
    period: String,
    observed: String,
    limit: String,
}

/// One row of the summary.
struct CheckRow<'a> {
    check: &'static str,
    question: &'a str,
    checked: u32,
    findings: u32,
    not_checked: Vec<String>,
}

/// One legal parameter in force.
struct LawRow {
    parameter: String,
    value: String,
    scope: String,
    basis: String,
    source: String,
    status: &'static str,
    used: String,
}

fn period(f: &EvidenceFindingLine) -> String {
    if f.from == f.to {
        f.from.to_string()
    } else {
        format!("{} to {}", f.from, f.to)
    }
}

fn with_source(law: &LawLine) -> String {
    format!(
        "{}: {}; source: {}",
        words::parameter(&law.parameter),
        cite(law),
        law.source
    )
}

impl EvidenceReport {
    fn groups(&self) -> Vec<FindingGroup<'_>> {
        let mut groups: Vec<FindingGroup<'_>> = Vec::new();
        for f in &self.findings {
            let title = words::evidence_kind(f.kind);
            if !groups.iter().any(|g| g.title == title) {
                groups.push(FindingGroup {
                    title,
                    question: &f.question,
                    rows: Vec::new(),
                    law: Vec::new(),
                });
            }
            let Some(group) = groups.iter_mut().find(|g| g.title == title) else {
                continue;
            };
            group.rows.push(FindingRow {
                worker: &f.worker,
                period: period(f),
                observed: words::measure(f.observed, &f.measure),
                limit: words::measure(f.limit, &f.measure),
            });
            for law in &f.law {
                let text = with_source(law);
                if !group.law.contains(&text) {
                    group.law.push(text);
                }
            }
        }
        groups
    }

    fn check_rows(&self) -> Vec<CheckRow<'_>> {
        self.checks
            .iter()
            .map(|c| CheckRow {
                check: words::evidence_kind(c.kind),
                question: &c.question,
                checked: c.checked,
                findings: c.findings,
                not_checked: c
                    .not_checked
                    .iter()
                    .map(|n| {
                        if n.workers.is_empty() {
                            format!("Every worker: {}", n.reason)
                        } else {
                            format!("{}: {}", n.workers.join(", "), n.reason)
                        }
                    })
                    .collect(),
            })
            .collect()
    }

    fn law_rows(&self) -> Vec<LawRow> {
        self.law
            .iter()
            .map(|l| LawRow {
                parameter: words::parameter(&l.law.parameter),
                value: l.law.value.clone(),
                scope: {
                    let mut scope = l.law.scope.clone();
                    if let Some(kind) = l.law.committee {
                        scope.push(words::committee_kind(kind).to_owned());
                    }
                    scope.join(", ")
                },
                basis: l.law.legal_basis.clone(),
                source: l.law.source.clone(),
                status: words::verified(l.law.verified),
                used: if decentwork_catalogue::Parameter::from_name(&l.law.parameter)
                    .is_some_and(decentwork_catalogue::Parameter::is_committee_rule)
                {
                    "The committee check below".to_owned()
                } else if l.used_by.is_empty() {
                    format!(
                        "Not applied: {}",
                        l.unused.as_deref().unwrap_or("no check called for it")
                    )
                } else {
                    l.used_by
                        .iter()
                        .map(|k| words::evidence_kind(k))
                        .collect::<Vec<_>>()
                        .join("; ")
                },
            })
            .collect()
    }

    fn facts(&self) -> String {
        format!(
            "Factory {}, {}{}. {} in the sample; law in force on {}. Report date {}; catalogue {}.",
            self.factory.id,
            words::jurisdiction(self.factory.jurisdiction),
            self.wage_region
                .as_deref()
                .map(|r| format!(", minimum-wage region {r}"))
                .unwrap_or_default(),
            words::count(self.workers.into(), "worker", "workers"),
            self.on,
            self.meta.report_date,
            self.meta.catalogue_version
        )
    }

    fn findings_markdown(&self, doc: &mut Doc) {
        doc.heading(2, "Findings");
        let groups = self.groups();
        if groups.is_empty() {
            doc.text("No worker record breaks the law in force.");
        }
        for g in &groups {
            doc.heading(3, &format!("{} (question {})", g.title, g.question));
            let rows: Vec<Vec<String>> = g
                .rows
                .iter()
                .map(|r| {
                    vec![
                        r.worker.to_owned(),
                        r.period.clone(),
                        r.observed.clone(),
                        r.limit.clone(),
                    ]
                })
                .collect();
            doc.table(
                &["Worker", "Period", "Records show", "Legal limit"],
                &[false, false, true, true],
                &rows,
            );
            let items: Vec<Item<'_>> = g
                .law
                .iter()
                .map(|l| Item::new(vec![Span::Text("Law: "), Span::Text(l)]))
                .collect();
            doc.list(&items);
        }
    }

    fn summary_sentence(&self) -> String {
        let checked: u32 = self.checks.iter().map(|c| c.checked).sum();
        let workers: std::collections::BTreeSet<&str> =
            self.findings.iter().map(|f| f.worker.as_str()).collect();
        if self.findings.is_empty() {
            format!("No finding: {checked} worker-periods checked against the law, none in breach.")
        } else {
            format!(
                "{} over {} worker-periods checked, concerning {}.",
                words::count(self.findings.len() as u64, "finding", "findings"),
                checked,
                words::count(workers.len() as u64, "worker", "workers")
            )
        }
    }
}

impl Render for EvidenceReport {
    fn title(&self) -> String {
        format!("Evidence check: {}", self.factory.name)
    }

    fn kind_name(&self) -> &'static str {
        KIND
    }

    fn report_date(&self) -> chrono::NaiveDate {
        self.meta.report_date
    }

    fn markdown(&self) -> String {
        let mut doc = Doc::new();
        doc.heading(1, &self.title());
        doc.para(&[Span::Em(NOTICE)]);
        doc.text(&self.facts());
        if let Some(reason) = &self.no_law_data {
            doc.para(&[
                Span::Strong("Not checked:"),
                Span::Text(" "),
                Span::Text(&format!("{reason}.")),
            ]);
        } else {
            let summary = self.summary_sentence();
            doc.para(&[
                Span::Strong("Result:"),
                Span::Text(" "),
                Span::Text(&summary),
            ]);
            doc.heading(2, "Checks");
            let rows: Vec<Vec<String>> = self
                .check_rows()
                .iter()
                .map(|c| {
                    vec![
                        c.check.to_owned(),
                        c.question.to_owned(),
                        c.checked.to_string(),
                        c.findings.to_string(),
                    ]
                })
                .collect();
            doc.table(
                &["Check", "Question", "Checked", "Findings"],
                &[false, false, true, true],
                &rows,
            );
            self.findings_markdown(&mut doc);
            let skipped: Vec<(&'static str, Vec<String>)> = self
                .check_rows()
                .into_iter()
                .filter(|c| !c.not_checked.is_empty())
                .map(|c| (c.check, c.not_checked))
                .collect();
            if !skipped.is_empty() {
                doc.heading(2, "What could not be checked");
                let items: Vec<Item<'_>> = skipped
                    .iter()
                    .map(|(check, reasons)| Item {
                        spans: vec![Span::Strong(check)],
                        sub: reasons.clone(),
                    })
                    .collect();
                doc.list(&items);
            }
            doc.heading(2, "Law in force");
            let rows: Vec<Vec<String>> = self
                .law_rows()
                .into_iter()
                .map(|l| {
                    vec![
                        l.parameter,
                        l.value,
                        l.scope,
                        format!("{} ({}; source: {})", l.basis, l.status, l.source),
                        l.used,
                    ]
                })
                .collect();
            doc.table(
                &["Parameter", "Value", "Applies to", "Legal basis", "Used by"],
                &[false, false, false, false, false],
                &rows,
            );
        }
        committees::markdown(&mut doc, 2, &self.committees);
        doc.finish()
    }

    fn html(&self) -> String {
        let mut page_info = Page::new(&self.meta, KIND, true, self.title(), &self.factory.name);
        page_info.notice = NOTICE;
        page(&EvidencePage {
            page: page_info,
            r: self,
            facts: self.facts(),
            jurisdiction: words::jurisdiction(self.factory.jurisdiction),
            summary: self.summary_sentence(),
            any_not_checked: self.checks.iter().any(|c| !c.not_checked.is_empty()),
            checks: self.check_rows(),
            groups: self.groups(),
            law: self.law_rows(),
            committee_view: Some(committees::view(&self.committees)),
        })
    }

    fn csv(&self) -> Option<String> {
        let mut table = csv::Table::new(&[
            "check",
            "question",
            "worker",
            "from",
            "to",
            "records_show",
            "legal_limit",
            "parameter",
            "value",
            "legal_basis",
            "source",
            "source_status",
        ]);
        for f in &self.findings {
            for law in &f.law {
                table.row([
                    words::evidence_kind(f.kind).to_owned(),
                    f.question.clone(),
                    f.worker.clone(),
                    f.from.to_string(),
                    f.to.to_string(),
                    words::measure(f.observed, &f.measure),
                    words::measure(f.limit, &f.measure),
                    words::parameter(&law.parameter),
                    law.value.clone(),
                    law.legal_basis.clone(),
                    law.source.clone(),
                    words::verified(law.verified).to_owned(),
                ]);
            }
        }
        Some(table.finish())
    }
}

#[derive(Template)]
#[template(path = "evidence_check.html")]
struct EvidencePage<'a> {
    page: Page,
    r: &'a EvidenceReport,
    facts: String,
    jurisdiction: String,
    summary: String,
    checks: Vec<CheckRow<'a>>,
    any_not_checked: bool,
    groups: Vec<FindingGroup<'a>>,
    law: Vec<LawRow>,
    committee_view: Option<CommitteeView>,
}
