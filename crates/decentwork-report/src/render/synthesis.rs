//! The industry synthesis.

use askama::Template;

use super::chart::{Bar, Chart};
use super::html::Page;
use super::markdown::{Doc, Item, Span};
use super::words;
use super::{Render, page};
use crate::types::{QuestionRateLine, RateLine, SynthesisLevel, SynthesisReport};

const KIND: &str = "Industry synthesis";

/// Which grouping columns the rows carry.
#[derive(Debug, Clone, Copy)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "one flag per optional column"
)]
struct Columns {
    country: bool,
    cycle: bool,
    cluster: bool,
    cp: bool,
}

impl Render for SynthesisReport {
    fn title(&self) -> String {
        self.title.clone()
    }

    fn kind_name(&self) -> &'static str {
        KIND
    }

    fn report_date(&self) -> chrono::NaiveDate {
        self.meta.report_date
    }

    fn confidential(&self) -> bool {
        false
    }

    fn markdown(&self) -> String {
        let mut doc = Doc::new();
        doc.heading(1, &self.title);
        doc.heading(2, "Population");
        let items = self.population_lines();
        let items: Vec<Item<'_>> = items
            .iter()
            .map(|(k, v)| Item::new(vec![Span::Strong(k), Span::Text(" "), Span::Text(v)]))
            .collect();
        doc.list(&items);
        doc.heading(2, "Non-compliance rates");
        if self.level == SynthesisLevel::Question {
            if self.questions.is_empty() {
                doc.text(&self.empty());
                return doc.finish();
            }
            let (public, other) = crate::tabular::by_disclosure(&self.questions);
            doc.text(&format!(
                "Publicly disclosed questions: {} of {} assessed non-compliant; other questions: {} of {}.",
                public.non_compliant, public.assessed, other.non_compliant, other.assessed
            ));
            let rows: Vec<Vec<String>> = self.questions.iter().map(question_cells).collect();
            doc.table(
                &[
                    "Question",
                    "Text",
                    "Compliance point",
                    "Public",
                    "Assessed",
                    "Non-compliant",
                    "Rate",
                ],
                &[false, false, false, false, true, true, true],
                &rows,
            );
            return doc.finish();
        }
        if self.rows.is_empty() {
            doc.text(&self.empty());
            return doc.finish();
        }
        let cols = self.columns();
        let mut header = Vec::new();
        let mut right = Vec::new();
        for (on, name, r) in [
            (cols.country, "Country", false),
            (cols.cycle, "Cycle", true),
            (cols.cluster, "Cluster", false),
            (cols.cp, "Compliance point", false),
            (true, "Assessed", true),
            (true, "Non-compliant", true),
            (true, "Rate", true),
        ] {
            if on {
                header.push(name);
                right.push(r);
            }
        }
        let rows: Vec<Vec<String>> = self.rows.iter().map(|r| cells(r, cols)).collect();
        doc.table(&header, &right, &rows);
        doc.finish()
    }

    fn html(&self) -> String {
        page(&SynthesisPage {
            page: Page::new(&self.meta, KIND, false, self.title.clone(), &self.title),
            r: self,
            population: self.population_lines(),
            cols: self.columns(),
            charts: self.charts(),
            empty: self.empty(),
        })
    }

    fn csv(&self) -> Option<String> {
        Some(crate::tabular::synthesis_csv(self))
    }
}

fn question_cells(r: &QuestionRateLine) -> Vec<String> {
    vec![
        r.question_id.clone(),
        r.question.clone(),
        r.cp.clone(),
        words::yes_no(r.public).to_owned(),
        r.assessments.assessed.to_string(),
        r.assessments.non_compliant.to_string(),
        words::percent_or_not_assessed(r.assessments),
    ]
}

fn cells(r: &RateLine, cols: Columns) -> Vec<String> {
    let mut out = Vec::new();
    if cols.country {
        out.push(r.country.clone().unwrap_or_default());
    }
    if cols.cycle {
        out.push(r.cycle.map(|c| c.to_string()).unwrap_or_default());
    }
    if cols.cluster {
        out.push(r.cluster.clone().unwrap_or_default());
    }
    if cols.cp {
        out.push(r.cp.clone().unwrap_or_default());
    }
    out.push(r.assessments.assessed.to_string());
    out.push(r.assessments.non_compliant.to_string());
    out.push(words::percent_or_not_assessed(r.assessments));
    out
}

impl SynthesisReport {
    /// The grouping's columns: the same whatever the rows hold.
    fn columns(&self) -> Columns {
        let by = |key: &str| self.population.group_by.iter().any(|g| g == key);
        Columns {
            country: by("country"),
            cycle: by("cycle"),
            cluster: by("cluster") || by("cp"),
            cp: by("cp"),
        }
    }

    fn empty(&self) -> String {
        format!(
            "No assessment matched the selection ({}), so the synthesis has no rows.",
            self.population.selection
        )
    }

    fn population_lines(&self) -> Vec<(&'static str, String)> {
        let p = &self.population;
        let mut lines = vec![
            ("Selection:", p.selection.clone()),
            (
                "Counted:",
                format!(
                    "{} of {}.",
                    words::count(p.assessments, "assessment", "assessments"),
                    words::count(p.factories, "factory", "factories")
                ),
            ),
            (
                "Grouped by:",
                if p.group_by.is_empty() {
                    "nothing (one rate over the whole population).".to_owned()
                } else {
                    let keys: Vec<&str> = p.group_by.iter().map(|k| words::group_key(k)).collect();
                    format!("{}.", keys.join(", "))
                },
            ),
        ];
        if p.harmonised {
            lines.push((
                "Harmonised:",
                "the worst-forms child-labour points merged into one; the legacy \"Systems\" cluster read as Occupational Safety and Health.".to_owned(),
            ));
        }
        lines.push((
            "Obsolete:",
            if p.exclude_obsolete {
                format!(
                    "obsolete factories left out ({} left out).",
                    words::count(p.excluded_obsolete, "assessment", "assessments")
                )
            } else {
                "obsolete factories kept.".to_owned()
            },
        ));
        lines.push((
            "Data notes:",
            format!(
                "{} ignored; {} (counted non-compliant when either row was); {} not counted; {} counted under the assessment as first given.",
                words::count(p.duplicates_ignored, "duplicate row", "duplicate rows"),
                words::count(p.conflicting_rows, "conflicting row", "conflicting rows"),
                words::count(p.fact_gathering_rows, "fact-gathering row", "fact-gathering rows"),
                words::count(p.inconsistent_rows, "inconsistent row", "inconsistent rows")
            ),
        ));
        lines
    }

    /// One chart per cluster when rows carry clusters, else one chart.
    fn charts(&self) -> Vec<Chart> {
        const MEASURE: &str = "Share of assessments found non-compliant";
        let label = |r: &RateLine, with_cluster: bool| {
            let mut parts: Vec<String> = Vec::new();
            if let Some(cp) = &r.cp {
                parts.push(cp.clone());
            } else if with_cluster && let Some(c) = &r.cluster {
                parts.push(c.clone());
            }
            if let Some(c) = &r.country {
                parts.push(c.clone());
            }
            if let Some(c) = r.cycle {
                parts.push(format!("cycle {c}"));
            }
            if parts.is_empty() {
                "All assessments".to_owned()
            } else {
                parts.join(" · ")
            }
        };
        if self.rows.is_empty() {
            return Vec::new();
        }
        if !self.columns().cluster {
            let bars: Vec<Bar> = self
                .rows
                .iter()
                .map(|r| Bar::counted(label(r, true), r.assessments, "assessment", "assessments"))
                .collect();
            return vec![Chart::new("Non-compliance rates", MEASURE, &bars)];
        }
        let mut clusters: Vec<&str> = Vec::new();
        for r in &self.rows {
            let name = r.cluster.as_deref().unwrap_or("Other");
            if !clusters.contains(&name) {
                clusters.push(name);
            }
        }
        clusters
            .into_iter()
            .enumerate()
            .map(|(i, cluster)| {
                let bars: Vec<Bar> = self
                    .rows
                    .iter()
                    .filter(|r| r.cluster.as_deref().unwrap_or("Other") == cluster)
                    .map(|r| {
                        Bar::counted(label(r, false), r.assessments, "assessment", "assessments")
                    })
                    .collect();
                let mut chart = Chart::new(cluster, MEASURE, &bars);
                chart.legend = i == 0;
                chart
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "industry_synthesis.html")]
struct SynthesisPage<'a> {
    page: Page,
    r: &'a SynthesisReport,
    population: Vec<(&'static str, String)>,
    cols: Columns,
    charts: Vec<Chart>,
    empty: String,
}
