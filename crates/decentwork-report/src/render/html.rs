//! HTML pages from askama templates under `templates/`: checked when the
//! crate compiles, with every value HTML-escaped by the engine.
//!
//! A page is a template that extends `base.html` and holds a [`Page`] (what
//! the masthead, the print header and footer and the colophon say) next to the
//! report it shows.

use chrono::NaiveDate;

use crate::types::Meta;

/// What every page says about itself: the masthead, the running header and
/// footer of printed pages, and the colophon.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    /// The document title (browser tab, PDF title).
    pub(crate) title: String,
    /// The main heading: the factory, brand, country or title.
    pub(crate) heading: String,
    /// The kind of report in words, e.g. "Factory assessment report".
    pub(crate) kind: &'static str,
    /// Who or what the report is about, for the printed header.
    pub(crate) subject: String,
    /// The report date.
    pub(crate) date: NaiveDate,
    /// Confidential reports say so on screen and on every printed page.
    pub(crate) confidential: bool,
    /// Who a confidential report is for, shown under the title.
    pub(crate) notice: &'static str,
    pub(crate) catalogue_version: String,
    pub(crate) contract_version: String,
}

impl Page {
    pub(crate) fn new(
        meta: &Meta,
        kind: &'static str,
        confidential: bool,
        title: String,
        heading: &str,
    ) -> Self {
        Self {
            title,
            heading: heading.to_owned(),
            kind,
            subject: heading.to_owned(),
            date: meta.report_date,
            confidential,
            notice: FACTORY_NOTICE,
            catalogue_version: meta.catalogue_version.clone(),
            contract_version: meta.contract_version.clone(),
        }
    }

    /// The subject as the body of a CSS string (printed page header).
    pub(crate) fn css_subject(&self) -> String {
        css_string(&self.subject)
    }

    /// "Factory assessment report · 2024-06-30" as the body of a CSS string.
    pub(crate) fn css_kind_date(&self) -> String {
        css_string(&format!("{} · {}", self.kind, self.date))
    }

    /// The printed footer's audience line, as the body of a CSS string.
    pub(crate) fn css_audience(&self) -> String {
        css_string(if self.confidential {
            "Confidential: not for publication"
        } else {
            "Public report"
        })
    }
}

/// The notice of a confidential factory report.
pub(crate) const FACTORY_NOTICE: &str = "Confidential: for the factory and the parties it has agreed to share its reports with. Do not publish.";

/// The notice of a brand's portfolio.
pub(crate) const BRAND_NOTICE: &str = "Confidential: for the brand, from the factories that agreed to share their reports with it. Do not publish.";

/// The body of a CSS string (between double quotes) that shows `text`
/// literally: every character but ASCII letters and digits is written as a
/// six-digit CSS escape, so no quote, backslash, `<` or line break of the data
/// can end the string, the rule or the `<style>` element. The result has only
/// letters, digits and backslashes, which HTML escaping leaves as they are.
pub(crate) fn css_string(text: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            let _ = write!(out, "\\{:06X}", u32::from(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn css_strings_hold_only_safe_characters() {
        let s = css_string("A \"B\" </style>\n\\ é");
        assert!(s.chars().all(|c| c.is_ascii_alphanumeric() || c == '\\'));
        assert_eq!(css_string("Ab 1"), "Ab\\0000201");
    }
}
