//! The factory assessment report.

use askama::Template;
use decentwork_scoring::{AlertKind, PointStatus};

use super::chart::{Bar, Chart};
use super::committees;
use super::html::{self, Page};
use super::markdown::{Doc, Item, Span};
use super::words;
use super::{Render, csv, page};
use crate::types::{AlertLine, ClusterSection, FactoryAssessmentReport, PointSection};

const KIND: &str = "Factory assessment report";

impl Render for FactoryAssessmentReport {
    fn title(&self) -> String {
        format!(
            "Assessment report: {} (cycle {})",
            self.factory.name, self.cycle
        )
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
        doc.para(&[Span::Em(html::FACTORY_NOTICE)]);
        let facts = format!(
            "Factory {}{}, {}. Assessment {}, cycle {}, visit {} to {}. Report date {}; catalogue {}.",
            self.factory.id,
            self.factory
                .os_id
                .map(|o| format!(" (OS ID {o})"))
                .unwrap_or_default(),
            words::jurisdiction(self.factory.jurisdiction),
            self.assessment,
            self.cycle,
            self.visit.0,
            self.visit.1,
            self.meta.report_date,
            self.meta.catalogue_version
        );
        doc.text(&facts);
        let overall = self.overall_sentence();
        doc.para(&[
            Span::Strong("Overall:"),
            Span::Text(" "),
            Span::Text(&overall),
        ]);

        self.alerts_markdown(&mut doc);

        if self.overall.assessed > 0 {
            doc.heading(2, "Compliance by cluster");
            self.cluster_table(&mut doc);
        }

        self.findings_markdown(&mut doc);

        self.change_markdown(&mut doc);

        if let Some(section) = &self.committee_requirements {
            committees::markdown(&mut doc, 2, section);
        }

        if !self.notes.is_empty() {
            doc.heading(2, "Notes on the findings");
            let items: Vec<Item<'_>> = self
                .notes
                .iter()
                .map(|n| Item::new(vec![Span::Text(n)]))
                .collect();
            doc.list(&items);
        }
        doc.finish()
    }

    fn html(&self) -> String {
        let bars: Vec<Bar> = self
            .clusters
            .iter()
            .map(|c| Bar::counted(c.name.clone(), c.points_rate, "point", "points"))
            .collect();
        page(&AssessmentPage {
            page: Page::new(&self.meta, KIND, true, self.title(), &self.factory.name),
            r: self,
            jurisdiction: words::jurisdiction(self.factory.jurisdiction),
            alerts: self.alert_groups(),
            zero_tolerance: self.alert_count(AlertKind::ZeroTolerance),
            critical: self.alert_count(AlertKind::CriticalIssue),
            chart: Chart::new(
                "Non-compliant compliance points by cluster",
                "Share of the cluster's assessed compliance points found non-compliant",
                &bars,
            ),
            findings: self.findings(),
            no_findings: self.no_findings_sentence(),
            committee_view: self.committee_requirements.as_ref().map(committees::view),
        })
    }

    fn csv(&self) -> Option<String> {
        let mut table = csv::Table::new(&[
            "cluster",
            "cp_id",
            "cp",
            "status",
            "non_compliant_questions",
        ]);
        for c in &self.clusters {
            for p in &c.points {
                let ids: Vec<&str> = p.non_compliant.iter().map(|q| q.id.as_str()).collect();
                table.row([
                    c.name.as_str(),
                    p.id.as_str(),
                    p.name.as_str(),
                    words::point_status(p.status),
                    &ids.join(" "),
                ]);
            }
        }
        Some(table.finish())
    }
}

impl FactoryAssessmentReport {
    fn alerts_markdown(&self, doc: &mut Doc) {
        doc.heading(2, "Zero-tolerance and critical-issue findings");
        if self.alerts.is_empty() {
            doc.text("No zero-tolerance or critical-issue finding in this assessment.");
        } else {
            let lines: Vec<(String, String, Vec<String>)> = self
                .alert_groups()
                .iter()
                .map(|g| {
                    let a = g.alert;
                    let mut sub = Vec::new();
                    if !a.question.ilo.is_empty() {
                        sub.push(format!("ILO: {}", a.question.ilo.join(", ")));
                    }
                    for law in &a.legal_references {
                        sub.push(format!("National law: {law}"));
                    }
                    if let Some(n) = a.workers_affected {
                        sub.push(format!("Workers affected: {n}"));
                    }
                    let kinds: Vec<&str> = g.badges.iter().map(|b| b.words).collect();
                    let text = format!("{} {}", a.question.id, a.question.text);
                    (kinds.join(" and "), text, sub)
                })
                .collect();
            let items: Vec<Item<'_>> = lines
                .iter()
                .map(|(kind, text, sub)| Item {
                    spans: vec![Span::Strong(kind), Span::Text(" — "), Span::Text(text)],
                    sub: sub.clone(),
                })
                .collect();
            doc.list(&items);
        }
    }

    fn findings_markdown(&self, doc: &mut Doc) {
        doc.heading(2, "Findings");
        let findings = self.findings();
        if findings.is_empty() {
            doc.text(self.no_findings_sentence());
        }
        for (cluster, point) in findings {
            doc.heading(3, &format!("{} — {}", cluster.name, point.name));
            let lines: Vec<String> = point
                .non_compliant
                .iter()
                .map(|q| {
                    let derived = if q.derived_from_evidence {
                        " Derived from worker records."
                    } else {
                        ""
                    };
                    if q.ilo.is_empty() {
                        format!("{} {}{derived}", q.id, q.text)
                    } else {
                        format!("{} {} (ILO: {}){derived}", q.id, q.text, q.ilo.join(", "))
                    }
                })
                .collect();
            let items: Vec<Item<'_>> = lines
                .iter()
                .map(|l| Item::new(vec![Span::Text(l)]))
                .collect();
            doc.list(&items);
            if !point.legal_references.is_empty() {
                let law = point.legal_references.join("; ");
                doc.para(&[
                    Span::Strong("National law:"),
                    Span::Text(" "),
                    Span::Text(&law),
                ]);
            }
        }
    }

    fn change_markdown(&self, doc: &mut Doc) {
        if let Some(change) = &self.change {
            doc.heading(
                2,
                &format!(
                    "Change since cycle {} (assessment {})",
                    change.previous_cycle, change.previous
                ),
            );
            let list = |ids: &[String]| {
                if ids.is_empty() {
                    "no compliance point".to_owned()
                } else {
                    ids.iter()
                        .map(|id| words::point_name(id))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            let (now_ok, now_bad, still) = (
                list(&change.newly_compliant),
                list(&change.newly_non_compliant),
                list(&change.persistent),
            );
            doc.list(&[
                Item::new(vec![
                    Span::Strong("Newly compliant:"),
                    Span::Text(" "),
                    Span::Text(&now_ok),
                ]),
                Item::new(vec![
                    Span::Strong("Newly non-compliant:"),
                    Span::Text(" "),
                    Span::Text(&now_bad),
                ]),
                Item::new(vec![
                    Span::Strong("Still non-compliant:"),
                    Span::Text(" "),
                    Span::Text(&still),
                ]),
            ]);
        }
    }

    fn cluster_table(&self, doc: &mut Doc) {
        let rows: Vec<Vec<String>> = self
            .clusters
            .iter()
            .map(|c| {
                vec![
                    c.name.clone(),
                    c.points_rate.non_compliant.to_string(),
                    c.points_rate.assessed.to_string(),
                    words::percent_or_not_assessed(c.points_rate),
                ]
            })
            .collect();
        doc.table(
            &["Cluster", "Non-compliant points", "Points assessed", "Rate"],
            &[false, true, true, true],
            &rows,
        );
    }

    fn overall_sentence(&self) -> String {
        match words::percent(self.overall) {
            Some(p) => format!(
                "{} of {} compliance points assessed are non-compliant ({p}).",
                self.overall.non_compliant, self.overall.assessed
            ),
            None => "No compliance point was assessed.".to_owned(),
        }
    }

    fn no_findings_sentence(&self) -> &'static str {
        if self.overall.assessed == 0 {
            "No compliance point was assessed: the assessment records no compliant or non-compliant finding."
        } else {
            "No compliance point was found non-compliant in this assessment."
        }
    }

    fn findings(&self) -> Vec<(&ClusterSection, &PointSection)> {
        self.clusters
            .iter()
            .flat_map(|c| {
                c.points
                    .iter()
                    .filter(|p| {
                        p.status == PointStatus::NonCompliant || !p.non_compliant.is_empty()
                    })
                    .map(move |p| (c, p))
            })
            .collect()
    }

    /// Alerts on the same question (a zero-tolerance question that is also a
    /// critical issue) shown once, with every badge.
    fn alert_groups(&self) -> Vec<AlertGroup<'_>> {
        let mut groups: Vec<AlertGroup<'_>> = Vec::new();
        for a in &self.alerts {
            let badge = words::alert_badge(a.kind);
            match groups
                .iter_mut()
                .find(|g| g.alert.question.id == a.question.id)
            {
                Some(g) => {
                    if !g.badges.contains(&badge) {
                        g.badges.push(badge);
                    }
                    g.zero_tolerance |= a.kind == AlertKind::ZeroTolerance;
                }
                None => groups.push(AlertGroup {
                    alert: a,
                    badges: vec![badge],
                    zero_tolerance: a.kind == AlertKind::ZeroTolerance,
                }),
            }
        }
        groups
    }

    fn alert_count(&self, kind: AlertKind) -> usize {
        self.alerts.iter().filter(|a| a.kind == kind).count()
    }
}

/// One question's alerts.
struct AlertGroup<'a> {
    alert: &'a AlertLine,
    badges: Vec<words::Badge>,
    zero_tolerance: bool,
}

#[derive(Template)]
#[template(path = "factory_assessment.html")]
struct AssessmentPage<'a> {
    page: Page,
    r: &'a FactoryAssessmentReport,
    jurisdiction: String,
    alerts: Vec<AlertGroup<'a>>,
    zero_tolerance: usize,
    critical: usize,
    chart: Chart,
    findings: Vec<(&'a ClusterSection, &'a PointSection)>,
    no_findings: &'static str,
    committee_view: Option<committees::CommitteeView>,
}
