//! The country programme summary.

use askama::Template;

use super::html::Page;
use super::markdown::{Doc, Item, Span};
use super::words;
use super::{Render, csv, page};
use crate::types::ProgrammeSummary;

const KIND: &str = "Country programme summary";

impl Render for ProgrammeSummary {
    fn title(&self) -> String {
        format!("Country programme summary: {}", self.country.name())
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
        doc.heading(1, &self.title());
        doc.text(&format!("On {}.", self.meta.report_date));
        if self.factories == 0 {
            doc.text(&self.no_factory());
        }
        let facts = self.facts();
        let items: Vec<Item<'_>> = facts
            .iter()
            .map(|(k, v)| Item::new(vec![Span::Strong(k), Span::Text(" "), Span::Text(v)]))
            .collect();
        doc.list(&items);
        doc.heading(2, "Committees active");
        if self.committees_by_kind.is_empty() {
            doc.text(&self.no_committee());
        } else {
            let rows: Vec<Vec<String>> = self
                .committees_by_kind
                .iter()
                .map(|(k, n)| vec![words::committee_kind(k).to_owned(), n.to_string()])
                .collect();
            doc.table(&["Committee", "Active"], &[false, true], &rows);
        }
        doc.finish()
    }

    fn html(&self) -> String {
        page(&ProgrammePage {
            page: Page::new(&self.meta, KIND, false, self.title(), self.country.name()),
            r: self,
            women: self.women(),
            no_factory: self.no_factory(),
            no_committee: self.no_committee(),
        })
    }

    fn csv(&self) -> Option<String> {
        let mut table = csv::Table::new(&["committee", "active"]);
        for (k, n) in &self.committees_by_kind {
            table.row([words::committee_kind(k).to_owned(), n.to_string()]);
        }
        Some(table.finish())
    }
}

impl ProgrammeSummary {
    fn women(&self) -> String {
        self.women_percent.map_or_else(
            || "no worker on record".to_owned(),
            |p| format!("{}%", p.normalize()),
        )
    }

    fn facts(&self) -> Vec<(&'static str, String)> {
        let t = self.trained;
        vec![
            ("Factories enrolled:", self.factories.to_string()),
            ("Workers:", self.workers.to_string()),
            ("Women among workers:", self.women()),
            (
                "People trained:",
                format!(
                    "{} ({} women, {} men, {} other or undisclosed)",
                    t.total, t.women, t.men, t.other
                ),
            ),
            ("Buyer partners:", self.brand_partners.to_string()),
        ]
    }

    fn no_factory(&self) -> String {
        format!(
            "No factory was enrolled in {} on {}.",
            self.country.name(),
            self.meta.report_date
        )
    }

    fn no_committee(&self) -> String {
        format!(
            "No committee was active in the enrolled factories on {}.",
            self.meta.report_date
        )
    }
}

#[derive(Template)]
#[template(path = "programme_summary.html")]
struct ProgrammePage<'a> {
    page: Page,
    r: &'a ProgrammeSummary,
    women: String,
    no_factory: String,
    no_committee: String,
}
