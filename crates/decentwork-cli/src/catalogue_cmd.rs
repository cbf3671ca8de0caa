//! `decentwork catalogue …`.
#![allow(
    clippy::single_match_else,
    reason = "output formats read best as a match, and more will come"
)]

use std::fmt::Write as _;

use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};
use decentwork::catalogue::{
    Act, Cluster, CompliancePoint, Instrument, InstrumentSet, LawInForce, Question, Tag,
};
use decentwork::model::{Country, Jurisdiction};
use decentwork::report::{CatalogueEntry, CatalogueStats, LawInForceReport, RatificationsReport};

use crate::files::Output;
use crate::{Failure, Result, TextFormat as Format, to_json};

fn print(text: &str) -> Result<()> {
    Output::default().write(text.as_bytes())
}

#[derive(Subcommand)]
pub(crate) enum CatalogueCommand {
    /// Counts of what the catalogue holds.
    Stats {
        /// `json` or `md`.
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
    },
    /// List instruments, sets, clusters, points, questions or acts.
    List {
        /// What to list.
        #[arg(value_enum)]
        what: ListKind,
    },
    /// Show one record by ID: an instrument (C087), set, cluster (OSH), compliance point (WT.OVERTIME) or question.
    Show {
        /// The ID.
        id: String,
        /// `json` or `md`.
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
    },
    /// Search questions by text, and filter by instrument or tag.
    Search {
        /// Words to find in the question's text or ID (all must match; empty for all).
        #[arg(default_value = "")]
        text: String,
        /// Only questions citing this instrument, e.g. C087.
        #[arg(long)]
        instrument: Option<String>,
        /// Only questions with this tag.
        #[arg(long, value_enum)]
        tag: Option<TagArg>,
    },
    /// The legal parameters in force in a jurisdiction on a date.
    Law {
        /// e.g. BD, VN, PK-SD.
        jurisdiction: Jurisdiction,
        /// The date.
        #[arg(long)]
        on: NaiveDate,
        /// `json` or `md`.
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
    },
    /// A country's ratification of every catalogue instrument on a date.
    Ratifications {
        /// e.g. VN.
        country: Country,
        /// The date.
        #[arg(long)]
        on: NaiveDate,
        /// `json` or `md`.
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ListKind {
    /// ILO instruments.
    Instruments,
    /// Named instrument sets.
    Sets,
    /// Clusters.
    Clusters,
    /// Compliance points.
    Points,
    /// Questions.
    Questions,
    /// Labour acts.
    Acts,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum TagArg {
    /// Public disclosure.
    PublicDisclosure,
    /// Zero tolerance.
    ZeroTolerance,
    /// Critical issue.
    CriticalIssue,
}

impl From<TagArg> for Tag {
    fn from(t: TagArg) -> Tag {
        match t {
            TagArg::PublicDisclosure => Tag::PublicDisclosure,
            TagArg::ZeroTolerance => Tag::ZeroTolerance,
            TagArg::CriticalIssue => Tag::CriticalIssue,
        }
    }
}

pub(crate) fn run(command: CatalogueCommand) -> Result<()> {
    match command {
        CatalogueCommand::Stats { format } => stats(format),
        CatalogueCommand::List { what } => print(&list(what)),
        CatalogueCommand::Show { id, format } => show(&id, format),
        CatalogueCommand::Search {
            text,
            instrument,
            tag,
        } => search(&text, instrument.as_deref(), tag.map(Tag::from)),
        CatalogueCommand::Law {
            jurisdiction,
            on,
            format,
        } => law(jurisdiction, on, format),
        CatalogueCommand::Ratifications {
            country,
            on,
            format,
        } => ratifications(country, on, format),
    }
}

fn stats(format: Format) -> Result<()> {
    let stats = CatalogueStats::build(decentwork::catalogue::DATA_DATE);
    match format {
        Format::Json => print(&to_json(&stats)?),
        Format::Md => print(&stats.markdown()),
    }
}

fn list(what: ListKind) -> String {
    let mut out = String::new();
    match what {
        ListKind::Instruments => {
            for i in Instrument::all() {
                let category = serde_json::to_value(i.category())
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let _ = writeln!(out, "{}\t{category}\t{}", i.code(), i.title());
            }
        }
        ListKind::Sets => {
            for s in InstrumentSet::all() {
                let members: Vec<&str> = s.members().map(Instrument::code).collect();
                let _ = writeln!(out, "{}\t{}\t{}", s.id(), s.name(), members.join(" "));
            }
        }
        ListKind::Clusters => {
            for c in Cluster::all() {
                let _ = writeln!(out, "{}\t{}", c.id(), c.name());
            }
        }
        ListKind::Points => {
            for p in CompliancePoint::all() {
                let _ = writeln!(out, "{}\t{}\t{}", p.id(), p.cluster().name(), p.name());
            }
        }
        ListKind::Questions => {
            for q in Question::all() {
                let _ = writeln!(out, "{}\t{}", q.id(), q.template());
            }
        }
        ListKind::Acts => {
            for a in Act::all() {
                let _ = writeln!(out, "{}\t{}\t{}", a.id(), a.jurisdiction(), a.title());
            }
        }
    }
    out
}

fn show(id: &str, format: Format) -> Result<()> {
    let entry = CatalogueEntry::lookup(id).ok_or_else(|| {
        Failure::data(format!(
            "nothing in the catalogue has the ID or name {id:?}"
        ))
    })?;
    match format {
        Format::Json => print(&to_json(&entry)?),
        Format::Md => print(&entry.markdown()),
    }
}

fn search(text: &str, instrument: Option<&str>, tag: Option<Tag>) -> Result<()> {
    let instrument = instrument
        .map(Instrument::lookup)
        .transpose()
        .map_err(|e| Failure::data(e.to_string()))?;
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let mut out = String::new();
    for q in Question::all() {
        let hay = format!("{} {}", q.id(), q.template()).to_lowercase();
        let keep = words.iter().all(|w| hay.contains(w.as_str()))
            && instrument.is_none_or(|i| q.ilo_references().any(|r| r.instrument() == i))
            && tag.is_none_or(|t| q.has_tag(t));
        if keep {
            let _ = writeln!(out, "{}\t{}", q.id(), q.template());
        }
    }
    print(&out)
}

fn law(jurisdiction: Jurisdiction, on: NaiveDate, format: Format) -> Result<()> {
    let law = LawInForce::try_new(jurisdiction, on).map_err(|e| Failure::data(e.to_string()))?;
    let report = LawInForceReport::build(&law);
    match format {
        Format::Json => print(&to_json(&report)?),
        Format::Md => print(&report.markdown()),
    }
}

fn ratifications(country: Country, on: NaiveDate, format: Format) -> Result<()> {
    let report = RatificationsReport::build(country, on).ok_or_else(|| {
        Failure::data(format!(
            "the catalogue has no ratification records for {country}"
        ))
    })?;
    match format {
        Format::Json => print(&to_json(&report)?),
        Format::Md => print(&report.markdown()),
    }
}
