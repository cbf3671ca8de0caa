//! The brand portfolio report.

use askama::Template;

use super::chart::{Bar, Chart};
use super::html::{self, Page};
use super::markdown::{Doc, Span};
use super::words;
use super::{Render, csv, page};
use crate::types::BrandPortfolioReport;

const KIND: &str = "Brand portfolio";

impl Render for BrandPortfolioReport {
    fn title(&self) -> String {
        format!("Portfolio of {}", self.brand_name)
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
        doc.para(&[Span::Em(html::BRAND_NOTICE)]);
        doc.text(&self.intro());
        if self.factories.is_empty() {
            doc.text(&self.empty());
            return doc.finish();
        }
        let rows: Vec<Vec<String>> = self
            .factories
            .iter()
            .map(|f| match &f.latest {
                Some(a) => vec![
                    f.factory.name.clone(),
                    f.factory.country.clone(),
                    f.consent_since.to_string(),
                    format!("{} (cycle {})", a.start, a.cycle),
                    format!(
                        "{} of {} ({})",
                        a.overall.non_compliant,
                        a.overall.assessed,
                        words::percent_or_not_assessed(a.overall)
                    ),
                    a.zero_tolerance.to_string(),
                    a.critical_issues.to_string(),
                ],
                None => vec![
                    f.factory.name.clone(),
                    f.factory.country.clone(),
                    f.consent_since.to_string(),
                    format!("none on or before {}", self.meta.report_date),
                    "–".to_owned(),
                    "–".to_owned(),
                    "–".to_owned(),
                ],
            })
            .collect();
        doc.table(
            &[
                "Factory",
                "Country",
                "Consent since",
                "Latest assessment",
                "Non-compliant points",
                "Zero tolerance",
                "Critical issues",
            ],
            &[false, false, false, false, true, true, true],
            &rows,
        );
        doc.finish()
    }

    fn html(&self) -> String {
        let bars: Vec<Bar> = self
            .factories
            .iter()
            .filter_map(|f| {
                let a = f.latest.as_ref()?;
                let mut bar = Bar::counted(f.factory.name.clone(), a.overall, "point", "points");
                bar.detail = format!("cycle {}, {} · {}", a.cycle, a.start, bar.detail);
                Some(bar)
            })
            .collect();
        let chart = (!bars.is_empty()).then(|| {
            Chart::new(
                "Non-compliant compliance points at each factory's latest assessment",
                "Share of assessed compliance points found non-compliant",
                &bars,
            )
        });
        let mut frame = Page::new(&self.meta, KIND, true, self.title(), &self.brand_name);
        frame.notice = html::BRAND_NOTICE;
        page(&PortfolioPage {
            page: frame,
            r: self,
            intro: self.intro(),
            empty: self.empty(),
            assessed: self.factories.iter().filter(|f| f.latest.is_some()).count(),
            zero_tolerance: self
                .factories
                .iter()
                .filter_map(|f| f.latest.as_ref())
                .map(|a| u64::from(a.zero_tolerance))
                .sum(),
            critical: self
                .factories
                .iter()
                .filter_map(|f| f.latest.as_ref())
                .map(|a| u64::from(a.critical_issues))
                .sum(),
            chart,
        })
    }

    fn csv(&self) -> Option<String> {
        let mut table = csv::Table::new(&[
            "factory_id",
            "factory",
            "country",
            "consent_since",
            "assessment",
            "cycle",
            "start",
            "assessed",
            "non_compliant",
            "rate",
            "zero_tolerance",
            "critical_issues",
        ]);
        for f in &self.factories {
            let mut cells = vec![
                f.factory.id.to_string(),
                f.factory.name.clone(),
                f.factory.country.clone(),
                f.consent_since.to_string(),
            ];
            match &f.latest {
                Some(a) => cells.extend([
                    a.assessment.to_string(),
                    a.cycle.to_string(),
                    a.start.to_string(),
                    a.overall.assessed.to_string(),
                    a.overall.non_compliant.to_string(),
                    a.overall.rate.map(|r| r.to_string()).unwrap_or_default(),
                    a.zero_tolerance.to_string(),
                    a.critical_issues.to_string(),
                ]),
                None => cells.extend(std::iter::repeat_n(String::new(), 8)),
            }
            table.row(cells);
        }
        Some(table.finish())
    }
}

impl BrandPortfolioReport {
    fn intro(&self) -> String {
        format!(
            "Factories whose consent to share assessment reports with {} is valid on {}, with each one's latest assessment on or before that date.",
            self.brand_name, self.meta.report_date
        )
    }

    fn empty(&self) -> String {
        format!(
            "No factory had consent valid on {} to share assessment reports with {}.",
            self.meta.report_date, self.brand_name
        )
    }
}

#[derive(Template)]
#[template(path = "brand_portfolio.html")]
struct PortfolioPage<'a> {
    page: Page,
    r: &'a BrandPortfolioReport,
    intro: String,
    empty: String,
    assessed: usize,
    zero_tolerance: u64,
    critical: u64,
    chart: Option<Chart>,
}
