//! Markdown of the catalogue answers (they have no HTML page: they are
//! looked up, not forwarded).

use super::markdown::{Doc, Item, Span};
use super::words;
use crate::catalogue::{
    CatalogueEntry, CatalogueStats, LawInForceReport, RatificationStatus, RatificationsReport,
    SourceLine,
};

/// A source in words: its status and kind, then where.
fn source_words(s: &SourceLine) -> String {
    let status = if s.status == "verified" {
        "verified"
    } else {
        "not verified"
    };
    let kind = match s.kind.as_str() {
        "official" => "official text",
        "secondary" => "secondary source",
        _ => "no source",
    };
    format!("{status} ({kind}, checked {})", s.checked_on)
}

fn ratification_words(status: RatificationStatus) -> &'static str {
    match status {
        RatificationStatus::Ratified => "Ratified",
        RatificationStatus::NotRatified => "Not ratified",
        RatificationStatus::Denounced => "Denounced",
        _ => "Unknown",
    }
}

/// A parameter's name in words: `minimum_working_age` → "Minimum working age".
fn parameter_words(name: &str) -> String {
    let mut words = name.replace('_', " ");
    if let Some(first) = words.get(..1) {
        let upper = first.to_uppercase();
        words.replace_range(..1, &upper);
    }
    words
}

impl CatalogueStats {
    /// The answer as Markdown.
    #[must_use]
    pub fn markdown(&self) -> String {
        let mut doc = Doc::new();
        doc.heading(1, "The compliance catalogue");
        doc.text(&format!(
            "Catalogue {}, data checked as a whole on {}.",
            self.meta.catalogue_version, self.data_date
        ));
        let counts = [
            ("ILO instruments", self.instruments),
            ("Ratification records", self.ratifications),
            ("Clusters", self.clusters),
            ("Compliance points", self.compliance_points),
            ("Questions", self.questions),
            ("Jurisdictions with national law", self.jurisdictions),
            ("Legal parameters", self.legal_parameters),
        ];
        let rows: Vec<Vec<String>> = counts
            .iter()
            .map(|(what, n)| vec![(*what).to_owned(), n.to_string()])
            .collect();
        doc.table(&["Records", "Count"], &[false, true], &rows);
        doc.heading(2, "Sources");
        let rows: Vec<Vec<String>> = self
            .sources
            .iter()
            .map(|s| {
                vec![
                    parameter_words(&s.record),
                    if s.status == "verified" {
                        "verified"
                    } else {
                        "not verified"
                    }
                    .to_owned(),
                    parameter_words(&s.source),
                    s.count.to_string(),
                ]
            })
            .collect();
        doc.table(
            &["Record", "Status", "Source", "Count"],
            &[false, false, false, true],
            &rows,
        );
        doc.finish()
    }
}

impl LawInForceReport {
    /// The answer as Markdown.
    #[must_use]
    pub fn markdown(&self) -> String {
        let mut doc = Doc::new();
        doc.heading(
            1,
            &format!(
                "Law in force in {} on {}",
                self.jurisdiction, self.meta.report_date
            ),
        );
        let rows: Vec<Vec<String>> = self
            .values
            .iter()
            .map(|v| {
                let scope: Vec<&str> = [
                    v.sector.as_deref(),
                    v.region.as_deref(),
                    v.variant.as_deref(),
                ]
                .into_iter()
                .flatten()
                .chain(v.committee.map(words::committee_kind))
                .collect();
                vec![
                    parameter_words(&v.parameter),
                    v.shown.clone(),
                    scope.join(", "),
                    v.legal_basis.clone(),
                    source_words(&v.source),
                ]
            })
            .collect();
        doc.table(
            &["Parameter", "Value", "Applies to", "Legal basis", "Source"],
            &[false; 5],
            &rows,
        );
        if !self.absences.is_empty() {
            doc.heading(2, "Not set by law");
            let items: Vec<String> = self
                .absences
                .iter()
                .map(|a| {
                    format!(
                        "{}: {} ({})",
                        parameter_words(&a.parameter),
                        a.legal_basis,
                        source_words(&a.source)
                    )
                })
                .collect();
            let items: Vec<Item<'_>> = items
                .iter()
                .map(|t| Item::new(vec![Span::Text(t)]))
                .collect();
            doc.list(&items);
        }
        doc.finish()
    }
}

impl RatificationsReport {
    /// The answer as Markdown.
    #[must_use]
    pub fn markdown(&self) -> String {
        let mut doc = Doc::new();
        doc.heading(
            1,
            &format!(
                "{} ({}): ratifications on {}",
                self.country.name(),
                self.country.code(),
                self.meta.report_date
            ),
        );
        let rows: Vec<Vec<String>> = self
            .instruments
            .iter()
            .map(|r| {
                vec![
                    r.instrument.clone(),
                    ratification_words(r.on_date).to_owned(),
                    ratification_words(r.recorded).to_owned(),
                    r.date.clone().unwrap_or_default(),
                    source_words(&r.source),
                ]
            })
            .collect();
        doc.table(
            &["Instrument", "On the date", "Recorded", "Date", "Source"],
            &[false; 5],
            &rows,
        );
        doc.finish()
    }
}

impl CatalogueEntry {
    /// The record as Markdown.
    #[must_use]
    pub fn markdown(&self) -> String {
        let mut doc = Doc::new();
        let facts = self.facts(&mut doc);
        let items: Vec<Item<'_>> = facts
            .iter()
            .map(|(k, v)| Item::new(vec![Span::Strong(k), Span::Text(": "), Span::Text(v)]))
            .collect();
        doc.list(&items);
        doc.finish()
    }

    /// The record's heading and text into `doc`; its facts as (name, value).
    #[allow(clippy::too_many_lines, reason = "one arm per kind of record")]
    fn facts(&self, doc: &mut Doc) -> Vec<(&'static str, String)> {
        let mut facts: Vec<(&str, String)> = Vec::new();
        let list = |v: &[String]| v.join(", ");
        let source = match self {
            CatalogueEntry::Question {
                id,
                compliance_point,
                kind,
                text,
                non_compliant_answer,
                ilo,
                tags,
                note,
                source,
            } => {
                doc.heading(1, &format!("Question {id}"));
                doc.text(text);
                facts.push(("Compliance point", compliance_point.clone()));
                facts.push((
                    "Kind",
                    if kind == "fact_gathering" {
                        "fact-gathering"
                    } else {
                        "non-compliance"
                    }
                    .to_owned(),
                ));
                if let Some(a) = non_compliant_answer {
                    facts.push(("Non-compliant answer", a.clone()));
                }
                facts.push(("ILO", list(ilo)));
                facts.push((
                    "Tags",
                    tags.iter()
                        .map(|t| parameter_words(t))
                        .collect::<Vec<_>>()
                        .join(", "),
                ));
                if let Some(n) = note {
                    facts.push(("Note", n.clone()));
                }
                Some(source)
            }
            CatalogueEntry::CompliancePoint {
                id,
                name,
                cluster,
                aliases,
                ilo,
                bsci,
                questions,
                source,
            } => {
                doc.heading(1, &format!("{name} ({id})"));
                facts.push(("Cluster", cluster.clone()));
                facts.push(("Also written", list(aliases)));
                facts.push(("ILO", list(ilo)));
                facts.push(("amfori BSCI areas", list(bsci)));
                facts.push(("Questions", list(questions)));
                Some(source)
            }
            CatalogueEntry::Cluster {
                id,
                name,
                group,
                aliases,
                compliance_points,
            } => {
                doc.heading(1, &format!("{name} ({id})"));
                facts.push(("Group", parameter_words(group)));
                facts.push(("Also written", list(aliases)));
                facts.push(("Compliance points", list(compliance_points)));
                None
            }
            CatalogueEntry::Instrument {
                id,
                title,
                adopted,
                category,
                questions,
                source,
            } => {
                doc.heading(1, &format!("{id}: {title}"));
                facts.push(("Adopted", adopted.to_string()));
                facts.push(("Category", parameter_words(category)));
                facts.push(("Questions resting on it", questions.to_string()));
                Some(source)
            }
            CatalogueEntry::InstrumentSet {
                id,
                name,
                description,
                members,
                source,
            } => {
                doc.heading(1, &format!("{name} ({id})"));
                doc.text(description);
                facts.push(("Instruments", list(members)));
                Some(source)
            }
        };
        if let Some(s) = source {
            facts.push(("Source", format!("{} — {}", s.source, source_words(s))));
        }
        facts
    }
}
