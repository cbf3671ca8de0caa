//! Answers about the catalogue as report types: what `decentwork catalogue`
//! writes as JSON (with schemas) and Markdown.

use chrono::NaiveDate;
use decentwork_catalogue::{
    Cluster, CompliancePoint, Instrument, InstrumentSet, LawInForce, LegalAbsence, LegalValue,
    Provenance, Question, Ratification, RatificationKind, SourceKind, Verification,
};
use decentwork_model::{Country, Jurisdiction};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::types::Meta;

/// Where a fact comes from and how far it was checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SourceLine {
    /// The source's address (or citation).
    pub source: String,
    /// Further independent sources, when the record has them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// `official` (a gazette, ministry or ILO text), `secondary` or `missing`.
    pub kind: String,
    /// `verified` or `unverified` (docs/DATA.md says what each requires).
    pub status: String,
    /// The day it was checked.
    pub checked_on: NaiveDate,
}

fn source(p: Provenance) -> SourceLine {
    SourceLine {
        source: p.source.to_owned(),
        also: p.also.iter().map(|s| (*s).to_owned()).collect(),
        kind: source_kind(p.kind).to_owned(),
        status: status(p.status).to_owned(),
        checked_on: p.verified_on,
    }
}

fn source_kind(kind: SourceKind) -> &'static str {
    kind.name()
}

fn status(status: Verification) -> &'static str {
    status.name()
}

/// How much of one kind of record the catalogue holds with a given status and
/// kind of source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SourceCountLine {
    /// The kind of record, e.g. `legal_parameter`.
    pub record: String,
    /// `verified` or `unverified`.
    pub status: String,
    /// `official`, `secondary` or `missing`.
    pub source: String,
    /// How many records.
    pub count: u64,
}

/// What the catalogue holds, and how well sourced it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CatalogueStats {
    /// About the answer.
    pub meta: Meta,
    /// The day the catalogue's data were last checked as a whole.
    pub data_date: NaiveDate,
    /// ILO instruments.
    pub instruments: u64,
    /// Ratification records.
    pub ratifications: u64,
    /// Clusters.
    pub clusters: u64,
    /// Compliance points.
    pub compliance_points: u64,
    /// Questions.
    pub questions: u64,
    /// Jurisdictions with national law.
    pub jurisdictions: u64,
    /// Legal parameters (values in force over a period).
    pub legal_parameters: u64,
    /// Records by kind, status and kind of source.
    pub sources: Vec<SourceCountLine>,
}

impl CatalogueStats {
    /// The catalogue as it is (`report_date` is the date stated in `meta`).
    #[must_use]
    pub fn build(report_date: NaiveDate) -> Self {
        let count = |n: usize| n as u64;
        CatalogueStats {
            meta: Meta::new("catalogue_stats", report_date),
            data_date: decentwork_catalogue::DATA_DATE,
            instruments: count(Instrument::all().count()),
            ratifications: count(
                Ratification::countries()
                    .map(|c| Ratification::for_country(c).count())
                    .sum(),
            ),
            clusters: count(Cluster::all().count()),
            compliance_points: count(CompliancePoint::count()),
            questions: count(Question::count()),
            jurisdictions: count(decentwork_catalogue::covered_jurisdictions().count()),
            legal_parameters: count(LegalValue::all().count()),
            sources: decentwork_catalogue::source_counts()
                .into_iter()
                .map(|c| SourceCountLine {
                    record: c.record.name().to_owned(),
                    status: status(c.status).to_owned(),
                    source: source_kind(c.source).to_owned(),
                    count: count(c.count),
                })
                .collect(),
        }
    }
}

/// One legal value in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LegalValueLine {
    /// The parameter, e.g. `minimum_working_age`.
    pub parameter: String,
    /// The value, exact.
    pub value: Decimal,
    /// The value in words, with its unit, e.g. "1 day for every 18 days worked".
    pub shown: String,
    /// What a premium multiplies, when it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// The region it applies in, when not the whole jurisdiction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The sector it applies to, when not every one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// A further distinction (e.g. a grade of worker), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// The committee a committee rule is about, when the parameter is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee: Option<decentwork_model::CommitteeKind>,
    /// The first day in force, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// The first day no longer in force, when it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// The act and section it rests on.
    pub legal_basis: String,
    /// Its source.
    pub source: SourceLine,
}

/// A parameter the law of a jurisdiction does not set (a fact, with its source).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LegalAbsenceLine {
    /// The parameter, e.g. `minimum_wage`.
    pub parameter: String,
    /// The region, when not the whole jurisdiction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The sector, when not every one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// Why there is none, as the law stands.
    pub legal_basis: String,
    /// Its source.
    pub source: SourceLine,
}

/// The national law in force in a jurisdiction on a date, as the catalogue
/// holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LawInForceReport {
    /// About the answer.
    pub meta: Meta,
    /// The jurisdiction.
    pub jurisdiction: Jurisdiction,
    /// The values in force on the report date.
    pub values: Vec<LegalValueLine>,
    /// Parameters the law does not set there on that date.
    pub absences: Vec<LegalAbsenceLine>,
}

impl LawInForceReport {
    /// The law `law` holds (its date is the report date).
    #[must_use]
    pub fn build(law: &LawInForce) -> Self {
        let text = |t: Option<&str>| t.map(str::to_owned);
        LawInForceReport {
            meta: Meta::new("law_in_force", law.date()),
            jurisdiction: law.jurisdiction(),
            values: law
                .values()
                .map(|v: LegalValue| LegalValueLine {
                    parameter: v.parameter().name().to_owned(),
                    value: v.value(),
                    shown: v.display_value(),
                    basis: text(v.basis()),
                    region: text(v.region()),
                    sector: text(v.sector()),
                    variant: text(v.variant()),
                    committee: v.committee(),
                    from: v.from(),
                    to: v.to(),
                    legal_basis: v.legal_basis().to_owned(),
                    source: source(v.provenance()),
                })
                .collect(),
            absences: law
                .absences()
                .map(|a: LegalAbsence| LegalAbsenceLine {
                    parameter: a.parameter().name().to_owned(),
                    region: text(a.region()),
                    sector: text(a.sector()),
                    legal_basis: a.legal_basis().to_owned(),
                    source: source(a.provenance()),
                })
                .collect(),
        }
    }
}

/// How a country stands towards an instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RatificationStatus {
    /// Ratified.
    Ratified,
    /// Not ratified.
    NotRatified,
    /// Ratified and later denounced.
    Denounced,
    /// Not known: the catalogue does not guess.
    Unknown,
}

impl From<RatificationKind> for RatificationStatus {
    fn from(kind: RatificationKind) -> Self {
        match kind {
            RatificationKind::Ratified => RatificationStatus::Ratified,
            RatificationKind::NotRatified => RatificationStatus::NotRatified,
            RatificationKind::Denounced => RatificationStatus::Denounced,
            _ => RatificationStatus::Unknown,
        }
    }
}

/// One instrument's ratification by a country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RatificationLine {
    /// The instrument's code, e.g. `C087`.
    pub instrument: String,
    /// Its title.
    pub title: String,
    /// Where the country stood on the report date.
    pub on_date: RatificationStatus,
    /// What the record holds (the latest known status).
    pub recorded: RatificationStatus,
    /// The date of that status, as precisely as known (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A note on the record.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Its source.
    pub source: SourceLine,
}

/// A country's ratification of every catalogue instrument on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RatificationsReport {
    /// About the answer.
    pub meta: Meta,
    /// The country.
    pub country: Country,
    /// One line per instrument.
    pub instruments: Vec<RatificationLine>,
}

impl RatificationsReport {
    /// `country`'s ratifications on `on`; `None` when the catalogue has no
    /// record for the country.
    #[must_use]
    pub fn build(country: Country, on: NaiveDate) -> Option<Self> {
        let instruments: Vec<RatificationLine> = Ratification::for_country(country)
            .map(|r| RatificationLine {
                instrument: r.instrument().code().to_owned(),
                title: r.instrument().title().to_owned(),
                on_date: r.status_on(on).into(),
                recorded: r.status().into(),
                date: r.date().map(|d| d.to_string()),
                note: r.note().to_owned(),
                source: source(r.provenance()),
            })
            .collect();
        (!instruments.is_empty()).then(|| RatificationsReport {
            meta: Meta::new("ratifications", on),
            country,
            instruments,
        })
    }
}

/// One record of the catalogue, by its ID or name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "record", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum CatalogueEntry {
    /// A question.
    Question {
        /// Its ID.
        id: String,
        /// Its compliance point's ID.
        compliance_point: String,
        /// `non_compliance` or `fact_gathering`.
        kind: String,
        /// Its text (a template; `{…}` stands for a legal value).
        text: String,
        /// The answer that is non-compliant (`yes` or `no`), for a non-compliance question.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        non_compliant_answer: Option<String>,
        /// The ILO instruments and articles it rests on.
        ilo: Vec<String>,
        /// Its flags: `public_disclosure`, `zero_tolerance`, `critical_issue`.
        tags: Vec<String>,
        /// A note.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        /// Its source.
        source: SourceLine,
    },
    /// A compliance point.
    CompliancePoint {
        /// Its ID.
        id: String,
        /// Its name.
        name: String,
        /// Its cluster's name.
        cluster: String,
        /// Other names it goes by in exports.
        aliases: Vec<String>,
        /// The ILO instruments behind it.
        ilo: Vec<String>,
        /// The amfori BSCI performance areas it maps to.
        bsci: Vec<String>,
        /// Its questions' IDs.
        questions: Vec<String>,
        /// Its source.
        source: SourceLine,
    },
    /// A cluster.
    Cluster {
        /// Its ID.
        id: String,
        /// Its name.
        name: String,
        /// `core_labour_standards` or `working_conditions`.
        group: String,
        /// Other names it goes by in exports.
        aliases: Vec<String>,
        /// Its compliance points' IDs.
        compliance_points: Vec<String>,
    },
    /// An ILO instrument.
    Instrument {
        /// Its code, e.g. `C087`.
        id: String,
        /// Its title.
        title: String,
        /// The year adopted.
        adopted: u16,
        /// `fundamental`, `governance` or `technical`.
        category: String,
        /// How many catalogue questions rest on it.
        questions: u64,
        /// Its source.
        source: SourceLine,
    },
    /// A named set of instruments.
    InstrumentSet {
        /// Its ID.
        id: String,
        /// Its name.
        name: String,
        /// What it is.
        description: String,
        /// Its instruments' codes.
        members: Vec<String>,
        /// Its source.
        source: SourceLine,
    },
}

/// The `snake_case` name serde gives a catalogue enum value.
fn snake<T: Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl CatalogueEntry {
    /// The record with this ID or name (a question, compliance point,
    /// cluster, instrument or instrument set, tried in that order).
    #[must_use]
    pub fn lookup(id: &str) -> Option<Self> {
        if let Ok(q) = Question::lookup(id) {
            return Some(CatalogueEntry::Question {
                id: q.id().to_owned(),
                compliance_point: q.compliance_point().id().to_owned(),
                kind: snake(q.kind()),
                text: q.template().to_owned(),
                non_compliant_answer: q.non_compliant_answer().map(snake),
                ilo: q.ilo_references().map(|r| r.to_string()).collect(),
                tags: q.tags().iter().map(|t| snake(*t)).collect(),
                note: q.note().map(str::to_owned),
                source: source(q.provenance()),
            });
        }
        if let Ok(p) = CompliancePoint::lookup(id) {
            return Some(CatalogueEntry::CompliancePoint {
                id: p.id().to_owned(),
                name: p.name().to_owned(),
                cluster: p.cluster().name().to_owned(),
                aliases: p.aliases().iter().map(|a| (*a).to_owned()).collect(),
                ilo: p.instruments().map(|i| i.code().to_owned()).collect(),
                bsci: p.bsci_areas().map(|a| a.name().to_owned()).collect(),
                questions: p.questions().map(|q| q.id().to_owned()).collect(),
                source: source(p.provenance()),
            });
        }
        if let Ok(c) = Cluster::lookup(id) {
            return Some(CatalogueEntry::Cluster {
                id: c.id().to_owned(),
                name: c.name().to_owned(),
                group: snake(c.group()),
                aliases: c.aliases().iter().map(|a| (*a).to_owned()).collect(),
                compliance_points: c.compliance_points().map(|p| p.id().to_owned()).collect(),
            });
        }
        if let Ok(i) = Instrument::lookup(id) {
            return Some(CatalogueEntry::Instrument {
                id: i.code().to_owned(),
                title: i.title().to_owned(),
                adopted: i.adopted(),
                category: snake(i.category()),
                questions: i.questions().count() as u64,
                source: source(i.provenance()),
            });
        }
        if let Ok(s) = InstrumentSet::lookup(id) {
            return Some(CatalogueEntry::InstrumentSet {
                id: s.id().to_owned(),
                name: s.name().to_owned(),
                description: s.description().to_owned(),
                members: s.members().map(|i| i.code().to_owned()).collect(),
                source: source(s.provenance()),
            });
        }
        None
    }
}
