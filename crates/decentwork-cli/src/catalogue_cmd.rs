//! `decentwork catalogue …`.
#![allow(
    clippy::single_match_else,
    reason = "output formats read best as a match, and more will come"
)]

use std::fmt::Write as _;

use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};
use decentwork::catalogue::{
    Act, Cluster, CompliancePoint, Instrument, InstrumentSet, LawInForce, LegalValue, Question,
    Ratification, Tag, Verification,
};
use decentwork::model::{Country, Jurisdiction};
use serde_json::json;

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

fn status(v: Verification) -> &'static str {
    if v == Verification::Verified {
        "verified"
    } else {
        "unverified"
    }
}

/// The programme's words for the catalogue's enums, never `Debug` output.
mod words {
    use decentwork::catalogue::{
        Answer, Category, ClusterGroup, QuestionKind, RatificationKind, Tag,
    };

    pub(super) fn category(c: Category) -> &'static str {
        match c {
            Category::Fundamental => "Fundamental",
            Category::Governance => "Governance",
            Category::Technical => "Technical",
            _ => "Other",
        }
    }

    pub(super) fn kind(k: QuestionKind) -> &'static str {
        match k {
            QuestionKind::NonCompliance => "Non-compliance question",
            QuestionKind::FactGathering => "Fact-gathering question",
            _ => "Question",
        }
    }

    pub(super) fn answer(a: Answer) -> &'static str {
        match a {
            Answer::Yes => "yes",
            Answer::No => "no",
            _ => "other",
        }
    }

    pub(super) fn tag(t: Tag) -> &'static str {
        match t {
            Tag::PublicDisclosure => "Public disclosure",
            Tag::ZeroTolerance => "Zero tolerance",
            Tag::CriticalIssue => "Critical issue",
            _ => "Tag",
        }
    }

    pub(super) fn group(g: ClusterGroup) -> &'static str {
        match g {
            ClusterGroup::CoreLabourStandards => "Core labour standards",
            ClusterGroup::WorkingConditions => "Working conditions",
            _ => "Other",
        }
    }

    pub(super) fn ratification(r: RatificationKind) -> &'static str {
        match r {
            RatificationKind::Ratified => "Ratified",
            RatificationKind::NotRatified => "Not ratified",
            RatificationKind::Denounced => "Denounced",
            RatificationKind::Unknown => "Unknown",
            _ => "Other",
        }
    }

    /// The committee a committee rule is about.
    pub(super) fn committee(kind: decentwork::model::CommitteeKind) -> &'static str {
        use decentwork::model::CommitteeKind;
        match kind {
            CommitteeKind::Picc => "Performance Improvement Consultative Committee (PICC)",
            CommitteeKind::ParticipationCommittee => "Participation committee",
            CommitteeKind::SafetyCommittee => "Safety committee",
            CommitteeKind::LksBipartit => "Bipartite cooperation body (LKS Bipartit)",
            CommitteeKind::WorksCouncil => "Works council",
            CommitteeKind::JointWorksCouncil => "Joint works council",
            CommitteeKind::OshCommittee => "Occupational safety and health committee",
            _ => "Committee",
        }
    }

    /// A key of `catalogue stats` in words.
    pub(super) fn stat(key: &str) -> String {
        key.replace('_', " ")
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
    let jurisdictions: std::collections::BTreeSet<&str> = LegalValue::all()
        .map(LegalValue::jurisdiction)
        .chain(Act::all().map(Act::jurisdiction))
        .collect();
    let ratifications: usize = Ratification::countries()
        .map(|c| Ratification::for_country(c).count())
        .sum();
    let sources: Vec<serde_json::Value> = decentwork::catalogue::source_counts()
        .into_iter()
        .map(|c| {
            json!({
                "record": c.record.name(),
                "status": c.status.name(),
                "source": c.source.name(),
                "count": c.count,
            })
        })
        .collect();
    let value = json!({
        "catalogue_version": decentwork::catalogue::VERSION,
        "data_date": decentwork::catalogue::DATA_DATE.to_string(),
        "instruments": Instrument::all().count(),
        "ratifications": ratifications,
        "clusters": Cluster::all().count(),
        "compliance_points": CompliancePoint::count(),
        "questions": Question::count(),
        "jurisdictions": jurisdictions.len(),
        "legal_parameters": LegalValue::all().count(),
    });
    match format {
        Format::Json => {
            let mut value = value;
            if let Some(map) = value.as_object_mut() {
                map.insert("sources".to_owned(), serde_json::Value::Array(sources));
            }
            print(&to_json(&value)?)
        }
        Format::Md => {
            let mut out = String::from("| record | count |\n|---|---:|\n");
            if let Some(map) = value.as_object() {
                for (k, v) in map {
                    let _ = writeln!(
                        out,
                        "| {} | {} |",
                        words::stat(k),
                        v.as_str().map_or_else(|| v.to_string(), str::to_owned)
                    );
                }
            }
            out.push_str("\n| record | status | source | count |\n|---|---|---|---:|\n");
            for c in decentwork::catalogue::source_counts() {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    c.record.name(),
                    c.status.name(),
                    c.source.name(),
                    c.count
                );
            }
            print(&out)
        }
    }
}

fn list(what: ListKind) -> String {
    let mut out = String::new();
    match what {
        ListKind::Instruments => {
            for i in Instrument::all() {
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}",
                    i.code(),
                    words::category(i.category()),
                    i.title()
                );
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
    let value = if let Ok(q) = Question::lookup(id) {
        json!({
            "question": q.id(),
            "compliance_point": q.compliance_point().id(),
            "kind": words::kind(q.kind()),
            "text": q.template(),
            "non_compliant_answer": q.non_compliant_answer().map(words::answer),
            "ilo": q.ilo_references().map(|r| r.to_string()).collect::<Vec<_>>(),
            "tags": q.tags().iter().map(|t| words::tag(*t)).collect::<Vec<_>>(),
            "note": q.note(),
            "source": q.provenance().source,
            "status": status(q.provenance().status),
        })
    } else if let Ok(p) = CompliancePoint::lookup(id) {
        json!({
            "compliance_point": p.id(),
            "name": p.name(),
            "cluster": p.cluster().name(),
            "aliases": p.aliases(),
            "ilo": p.instruments().map(Instrument::code).collect::<Vec<_>>(),
            "bsci": p.bsci_areas().map(decentwork::catalogue::BsciArea::name).collect::<Vec<_>>(),
            "questions": p.questions().map(Question::id).collect::<Vec<_>>(),
            "source": p.provenance().source,
            "status": status(p.provenance().status),
        })
    } else if let Ok(c) = Cluster::lookup(id) {
        json!({
            "cluster": c.id(),
            "name": c.name(),
            "group": words::group(c.group()),
            "aliases": c.aliases(),
            "compliance_points": c.compliance_points().map(CompliancePoint::id).collect::<Vec<_>>(),
        })
    } else if let Ok(i) = Instrument::lookup(id) {
        json!({
            "instrument": i.code(),
            "title": i.title(),
            "adopted": i.adopted(),
            "category": words::category(i.category()),
            "normlex_id": i.normlex_id().map(|(n, _)| n),
            "questions": i.questions().count(),
            "source": i.provenance().source,
            "status": status(i.provenance().status),
        })
    } else if let Ok(s) = InstrumentSet::lookup(id) {
        json!({
            "set": s.id(),
            "name": s.name(),
            "description": s.description(),
            "members": s.members().map(Instrument::code).collect::<Vec<_>>(),
            "source": s.provenance().source,
            "status": status(s.provenance().status),
        })
    } else {
        return Err(Failure::data(format!(
            "nothing in the catalogue has the ID or name {id:?}"
        )));
    };
    match format {
        Format::Json => print(&to_json(&value)?),
        Format::Md => {
            let mut out = String::new();
            if let Some(map) = value.as_object() {
                for (k, v) in map {
                    let shown = match v {
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Array(a) => a
                            .iter()
                            .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_owned))
                            .collect::<Vec<_>>()
                            .join(", "),
                        other => other.to_string(),
                    };
                    let _ = writeln!(out, "- **{}**: {shown}", words::stat(k));
                }
            }
            print(&out)
        }
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
    let rows: Vec<serde_json::Value> = law
        .values()
        .map(|v| {
            json!({
                "jurisdiction": v.jurisdiction(),
                "parameter": v.parameter().name(),
                "value": v.value().to_string(),
                "shown": v.display_value(),
                "region": v.region(),
                "sector": v.sector(),
                "variant": v.variant(),
                "from": v.from().map(|d| d.to_string()),
                "to": v.to().map(|d| d.to_string()),
                "legal_basis": v.legal_basis(),
                "source": v.provenance().source,
                "status": status(v.provenance().status),
            })
        })
        .collect();
    let unset: Vec<serde_json::Value> = law
        .absences()
        .map(|a| {
            json!({
                "jurisdiction": a.jurisdiction(),
                "parameter": a.parameter().name(),
                "sector": a.sector(),
                "region": a.region(),
                "legal_basis": a.legal_basis(),
                "source": a.provenance().source,
                "status": status(a.provenance().status),
            })
        })
        .collect();
    match format {
        Format::Json => print(&to_json(
            &json!({"jurisdiction": jurisdiction.to_string(), "on": on.to_string(), "values": rows, "not_set_by_law": unset}),
        )?),
        Format::Md => {
            let mut out = format!(
                "# Law in force in {jurisdiction} on {on}\n\n| Parameter | Value | Applies to | Legal basis | Status |\n|---|---|---|---|---|\n"
            );
            for v in law.values() {
                let scope: Vec<&str> = [v.sector(), v.region(), v.variant()]
                    .into_iter()
                    .flatten()
                    .chain(v.committee().map(words::committee))
                    .collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    v.parameter().words(),
                    v.display_value(),
                    scope.join(", "),
                    v.legal_basis().replace('|', "\\|"),
                    status(v.provenance().status)
                );
            }
            for a in law.absences() {
                let scope: Vec<&str> = [a.sector(), a.region()].into_iter().flatten().collect();
                let _ = writeln!(
                    out,
                    "| {} | none set by law | {} | {} | {} |",
                    a.parameter().words(),
                    scope.join(", "),
                    a.legal_basis().replace('|', "\\|"),
                    status(a.provenance().status)
                );
            }
            print(&out)
        }
    }
}

fn ratifications(country: Country, on: NaiveDate, format: Format) -> Result<()> {
    let rows: Vec<Ratification> = Ratification::for_country(country).collect();
    if rows.is_empty() {
        return Err(Failure::data(format!(
            "the catalogue has no ratification records for {country}"
        )));
    }
    match format {
        Format::Json => {
            let value: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    json!({
                        "instrument": r.instrument().code(),
                        "status_on_date": words::ratification(r.status_on(on)),
                        "recorded_status": words::ratification(r.status()),
                        "date": r.date().map(|d| d.to_string()),
                        "note": r.note(),
                        "source": r.provenance().source,
                        "status": status(r.provenance().status),
                    })
                })
                .collect();
            print(&to_json(
                &json!({"country": country.code(), "on": on.to_string(), "ratifications": value}),
            )?)
        }
        Format::Md => {
            let mut out = format!(
                "# {} ({}): ratifications on {on}\n\n| Instrument | On the date | Recorded | Date | Source status |\n|---|---|---|---|---|\n",
                country.name(),
                country.code()
            );
            for r in rows {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    r.instrument().code(),
                    words::ratification(r.status_on(on)),
                    words::ratification(r.status()),
                    r.date().map(|d| d.to_string()).unwrap_or_default(),
                    status(r.provenance().status)
                );
            }
            print(&out)
        }
    }
}
