//! Renderers: Markdown (`CommonMark` with GitHub tables), self-contained HTML
//! pages from templates (inline CSS and SVG charts, no JavaScript, nothing
//! fetched) and CSV for the tabular parts.
//!
//! Every report kind has one module here with its [`Render`] impl, and one
//! template under `templates/` that extends `base.html`. Shared pieces:
//! [`words`] (the programme's words for every value a reader sees),
//! [`markdown`] (a builder that escapes all data), [`csv`] (fields neutralised
//! against formula injection), [`chart`] (bar charts) and [`html`] (the page
//! frame).

mod assessment;
mod catalogue;
mod chart;
mod committees;
mod csv;
mod disclosure;
mod evidence;
mod html;
mod markdown;
mod portfolio;
mod programme;
mod progress;
mod synthesis;
mod words;

pub use csv::csv_field;

/// A report that can be rendered.
///
/// Reader-facing text uses the programme's words ("Safety committee",
/// "Moderate progress", "Zero tolerance"), never identifiers; names and free
/// text are escaped for each format, so they cannot change a report's
/// structure.
pub trait Render {
    /// The page title.
    fn title(&self) -> String;

    /// The kind of report in words, e.g. "Factory assessment report".
    fn kind_name(&self) -> &'static str;

    /// The report date, printed in the running header of every page.
    fn report_date(&self) -> chrono::NaiveDate;

    /// Whether the report is confidential: shared only with the factory and
    /// those it consented to. Confidential pages say so on screen and on every
    /// printed page. Reports are confidential unless they say otherwise.
    fn confidential(&self) -> bool {
        true
    }

    /// Markdown: `CommonMark` with GitHub tables.
    fn markdown(&self) -> String;

    /// A self-contained HTML page: inline CSS and SVG, no script, nothing
    /// fetched; readable on a phone and printable (a running header and
    /// footer with page numbers on every page).
    fn html(&self) -> String;

    /// CSV of the report's main table, if it has one.
    fn csv(&self) -> Option<String> {
        None
    }
}

/// Renders a page template. Rendering into a `String` cannot fail for these
/// templates (no fallible filters); should it, the page says so.
fn page(template: &impl askama::Template) -> String {
    template.render().unwrap_or_else(|_| {
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Report</title></head><body><p>This report could not be rendered.</p></body></html>\n".to_owned()
    })
}
