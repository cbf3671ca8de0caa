//! The public disclosure report.

use askama::Template;

use super::html::Page;
use super::markdown::{Doc, Span};
use super::{Render, csv, page};
use crate::types::PublicDisclosureReport;

const KIND: &str = "Public disclosure";

impl Render for PublicDisclosureReport {
    fn title(&self) -> String {
        format!("Public disclosure: {}", self.factory_name)
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
        doc.text(&format!(
            "{}, assessment starting {}. Report date {}.",
            self.country, self.assessed_on, self.meta.report_date
        ));
        doc.para(&[Span::Em(INTRO)]);
        if self.items.is_empty() {
            doc.text(EMPTY);
        } else {
            let (bad, all) = self.counts();
            doc.para(&[
                Span::Strong("Non-compliant:"),
                Span::Text(" "),
                Span::Text(&format!("{bad} of {all} disclosed questions.")),
            ]);
            let rows: Vec<Vec<String>> = self
                .items
                .iter()
                .map(|i| {
                    vec![
                        i.question.id.clone(),
                        i.question.text.clone(),
                        result(i.non_compliant).to_owned(),
                    ]
                })
                .collect();
            doc.table(
                &["Question", "Issue", "Result"],
                &[false, false, false],
                &rows,
            );
        }
        doc.finish()
    }

    fn html(&self) -> String {
        let (non_compliant, assessed) = self.counts();
        page(&DisclosurePage {
            page: Page::new(&self.meta, KIND, false, self.title(), &self.factory_name),
            r: self,
            non_compliant,
            assessed,
            intro: INTRO,
            empty: EMPTY,
        })
    }

    fn csv(&self) -> Option<String> {
        let mut table = csv::Table::new(&["factory", "question_id", "question", "result"]);
        for i in &self.items {
            table.row([
                self.factory_name.as_str(),
                i.question.id.as_str(),
                i.question.text.as_str(),
                result(i.non_compliant),
            ]);
        }
        Some(table.finish())
    }
}

const INTRO: &str = "Only the questions the programme publishes for every factory are shown; no other finding of the assessment is disclosed.";
const EMPTY: &str =
    "No question published under public disclosure was assessed in this assessment.";

fn result(non_compliant: bool) -> &'static str {
    if non_compliant {
        "Non-compliant"
    } else {
        "Compliant"
    }
}

impl PublicDisclosureReport {
    fn counts(&self) -> (usize, usize) {
        (
            self.items.iter().filter(|i| i.non_compliant).count(),
            self.items.len(),
        )
    }
}

#[derive(Template)]
#[template(path = "public_disclosure.html")]
struct DisclosurePage<'a> {
    page: Page,
    r: &'a PublicDisclosureReport,
    non_compliant: usize,
    assessed: usize,
    intro: &'static str,
    empty: &'static str,
}
