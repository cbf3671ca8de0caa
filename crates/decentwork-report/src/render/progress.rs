//! The progress report: improvement plan, committees, social dialogue.

use askama::Template;

use super::committees;
use super::html::{self, Page};
use super::markdown::{Doc, Item, Span};
use super::words;
use super::{Render, csv, page};
use crate::types::ProgressReportDocument;

const KIND: &str = "Progress report";

impl Render for ProgressReportDocument {
    fn title(&self) -> String {
        format!("Progress report: {}", self.factory.name)
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
        doc.text(&format!(
            "Factory {}, {}. Report date {}.",
            self.factory.id,
            words::jurisdiction(self.factory.jurisdiction),
            self.meta.report_date
        ));

        doc.heading(2, "Improvement plan");
        let p = &self.plan;
        if p.items == 0 {
            doc.text(&self.empty_plan());
        } else {
            doc.text(&self.plan_summary());
            if p.open_by_target.is_empty() {
                doc.text("No item is open.");
            } else {
                let rows: Vec<Vec<String>> = p
                    .open_by_target
                    .iter()
                    .map(|(target, n)| vec![words::plan_target(target), n.to_string()])
                    .collect();
                doc.table(&["Open items for", "Open items"], &[false, true], &rows);
            }
        }

        doc.heading(2, "Committees");
        if self.committees.is_empty() {
            doc.text("No committee of this factory is on record.");
        } else {
            let rows: Vec<Vec<String>> = self
                .committees
                .iter()
                .map(|c| {
                    vec![
                        words::committee_kind(c.kind).to_owned(),
                        c.id.clone(),
                        c.members.to_string(),
                        c.worker_seats.to_string(),
                        c.women_worker_seats.to_string(),
                        if c.has_chair { "yes" } else { "vacant" }.to_owned(),
                        c.meetings_last_year.to_string(),
                        c.meetings_with_minutes.to_string(),
                    ]
                })
                .collect();
            doc.table(
                &[
                    "Committee",
                    "ID",
                    "Members",
                    "Worker seats",
                    "Women in worker seats",
                    "Chair",
                    "Meetings (12 months)",
                    "With minutes",
                ],
                &[false, false, true, true, true, false, true, true],
                &rows,
            );
        }

        if let Some(section) = &self.committee_requirements {
            committees::markdown(&mut doc, 2, section);
        }

        doc.heading(2, "Social dialogue");
        if self.social_dialogue.is_empty() {
            doc.text(&self.empty_dialogue());
        } else {
            let items: Vec<Item<'_>> = self
                .social_dialogue
                .iter()
                .map(|d| {
                    Item::new(vec![
                        Span::Text(&d.topic),
                        Span::Text(": "),
                        Span::Strong(words::dialogue_rating(d.rating)),
                    ])
                })
                .collect();
            doc.list(&items);
        }
        doc.finish()
    }

    fn html(&self) -> String {
        page(&ProgressPage {
            page: Page::new(&self.meta, KIND, true, self.title(), &self.factory.name),
            r: self,
            jurisdiction: words::jurisdiction(self.factory.jurisdiction),
            empty_plan: self.empty_plan(),
            plan_summary: self.plan_summary(),
            empty_dialogue: self.empty_dialogue(),
            committee_view: self.committee_requirements.as_ref().map(committees::view),
        })
    }

    fn csv(&self) -> Option<String> {
        let mut table = csv::Table::new(&[
            "committee",
            "kind",
            "members",
            "worker_seats",
            "women_worker_seats",
            "has_chair",
            "meetings_last_year",
            "meetings_with_minutes",
        ]);
        for c in &self.committees {
            table.row([
                c.id.clone(),
                words::committee_kind(c.kind).to_owned(),
                c.members.to_string(),
                c.worker_seats.to_string(),
                c.women_worker_seats.to_string(),
                words::yes_no(c.has_chair).to_owned(),
                c.meetings_last_year.to_string(),
                c.meetings_with_minutes.to_string(),
            ]);
        }
        Some(table.finish())
    }
}

impl ProgressReportDocument {
    fn plan_summary(&self) -> String {
        let p = &self.plan;
        format!(
            "{} on {}: {} completed, {} in progress, {} pending; {} overdue (past due and not completed).",
            words::count(p.items.into(), "item", "items"),
            self.meta.report_date,
            p.completed,
            p.in_progress,
            p.pending,
            p.overdue
        )
    }

    fn empty_plan(&self) -> String {
        format!(
            "The improvement plan has no item on {}.",
            self.meta.report_date
        )
    }

    fn empty_dialogue(&self) -> String {
        format!(
            "No progress report with social-dialogue ratings was submitted on or before {}.",
            self.meta.report_date
        )
    }
}

#[derive(Template)]
#[template(path = "progress.html")]
struct ProgressPage<'a> {
    page: Page,
    r: &'a ProgressReportDocument,
    jurisdiction: String,
    empty_plan: String,
    plan_summary: String,
    empty_dialogue: String,
    committee_view: Option<committees::CommitteeView>,
}
