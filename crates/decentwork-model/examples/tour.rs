//! A tour of the model on example data shipped with the crate.
//!
//! Reads a factory bundle (the factory, its committees, brands, assessments,
//! improvement plan, worker sample and programme activity), checks every record
//! while reading, and prints what the model can say about the factory on a date.
//!
//! ```text
//! cargo run -p decentwork-model --features json --example tour [-- [FILE] [--on YYYY-MM-DD]]
//! ```
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "an example prints its results"
)]

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::NaiveDate;
use decentwork_model::{
    BuyerKind, BuyerTier, Committee, CommitteeKind, ConsentScope, ContractType, DialogueRating,
    Factory, FactoryBundle, Outcome, ProgrammeStatus, Sex, Side, json,
};

/// The programme's words for the values the tour prints (never `Debug`).
fn status_words(s: ProgrammeStatus) -> &'static str {
    match s {
        ProgrammeStatus::Enrolled => "enrolled",
        ProgrammeStatus::Suspended => "suspended",
        ProgrammeStatus::Left => "left the programme",
        _ => "other",
    }
}

fn committee_words(k: CommitteeKind) -> &'static str {
    match k {
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

fn buyer_words(kind: BuyerKind, tier: BuyerTier) -> String {
    let kind = match kind {
        BuyerKind::Brand => "brand",
        BuyerKind::Retailer => "retailer",
        _ => "buyer",
    };
    let tier = match tier {
        BuyerTier::BuyerPartner => "buyer partner",
        BuyerTier::Participant => "participant",
        _ => "other",
    };
    format!("{kind}, {tier}")
}

fn rating_words(r: DialogueRating) -> &'static str {
    match r {
        DialogueRating::OnTrack => "On track",
        DialogueRating::ModerateProgress => "Moderate progress",
        DialogueRating::NoProgress => "No progress",
    }
}

fn sex_words(s: Sex) -> &'static str {
    match s {
        Sex::Female => "woman",
        Sex::Male => "man",
        Sex::OtherOrUndisclosed => "other or undisclosed",
    }
}

fn contract_words(c: ContractType) -> &'static str {
    match c {
        ContractType::Permanent => "permanent contract",
        ContractType::FixedTerm => "fixed-term contract",
        ContractType::DailyOrPieceRate => "daily or piece rate",
        ContractType::Subcontracted => "subcontracted",
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("tour: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/factory-bundle.json"
    )
    .to_owned();
    let mut on = NaiveDate::from_ymd_opt(2024, 6, 30).ok_or("bad default date")?;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--on" {
            let text = args.next().ok_or("--on needs a date")?;
            on = text.parse().map_err(|e| format!("--on {text}: {e}"))?;
        } else {
            path = arg;
        }
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let bundle = json::bundle_from_str(&text).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(|p| format!("{path}: {p}")).collect();
        lines.join("\n")
    })?;
    print!("{}", summary(&bundle, on));
    Ok(())
}

fn summary(b: &FactoryBundle, on: NaiveDate) -> String {
    let mut out = String::new();
    factory_section(&mut out, &b.factory, on);
    committee_section(&mut out, &b.committees, on);
    brand_section(&mut out, b, on);
    assessment_section(&mut out, b, on);
    out
}

fn factory_section(out: &mut String, f: &Factory, on: NaiveDate) {
    let _ = writeln!(out, "# {} ({}) on {on}", f.name, f.id);
    let os_id = f
        .os_id
        .map_or_else(|| "none".to_owned(), |id| id.to_string());
    let _ = writeln!(
        out,
        "jurisdiction {} ({}), OS ID {os_id}",
        f.jurisdiction,
        f.jurisdiction.country().name()
    );
    let status = f.status_on(on).map_or("not enrolled", status_words);
    let _ = writeln!(
        out,
        "programme status: {status} (enrolled {})",
        f.enrolled_on
    );

    if let Some(w) = f.workforce_on(on) {
        let pct = |r: Option<decentwork_model::Ratio>| {
            r.map_or_else(|| "n/a".to_owned(), |r| format!("{}%", r.percent(1)))
        };
        let _ = writeln!(
            out,
            "workforce on {}: {} workers, {} women, {} under 18, {} permanent",
            w.on,
            w.total,
            pct(w.women_share()),
            w.young_workers,
            pct(w.permanent_share())
        );
    }
}

fn committee_section(out: &mut String, committees: &[Committee], on: NaiveDate) {
    let _ = writeln!(out, "\n## Committees");
    for c in committees {
        let share = |r: Option<decentwork_model::Ratio>| {
            r.map_or_else(|| "n/a".to_owned(), |r| r.to_string())
        };
        let _ = writeln!(
            out,
            "{} {}: {} members ({} worker seats, women {} of them), chair {}, {} meetings in the last year",
            committee_words(c.kind),
            c.id,
            c.members_on(on).count(),
            c.seats_by_sex(Side::Workers, on).total(),
            share(c.women_share_of_worker_seats(on)),
            if c.chair_on(on).is_some() {
                "in place"
            } else {
                "vacant"
            },
            c.meetings_in(last_year(on)).count(),
        );
    }
}

fn brand_section(out: &mut String, b: &FactoryBundle, on: NaiveDate) {
    let f = &b.factory;
    let _ = writeln!(out, "\n## Brands");
    for brand in &b.brands {
        let sourcing = b
            .sourcing
            .iter()
            .any(|s| s.brand == brand.id && s.factory == f.id && s.active_on(on));
        let consent = f.consent_for(brand.id, ConsentScope::AssessmentReports, on);
        let _ = writeln!(
            out,
            "{} ({}): sourcing {}, may receive assessment reports: {}",
            brand.name,
            buyer_words(brand.kind, brand.tier),
            if sourcing { "yes" } else { "no" },
            consent.map_or_else(
                || "no".to_owned(),
                |c| format!("yes, since {}", c.period().start())
            ),
        );
    }
}

fn assessment_section(out: &mut String, b: &FactoryBundle, on: NaiveDate) {
    let _ = writeln!(out, "\n## Assessments");
    for a in &b.assessments {
        let count = |o: Outcome| a.findings.iter().filter(|x| x.outcome == o).count();
        let _ = writeln!(
            out,
            "cycle {} ({}, {}): {} non-compliant, {} compliant, {} not applicable, {} not assessed",
            a.cycle,
            a.id,
            a.start,
            count(Outcome::NonCompliant),
            count(Outcome::Compliant),
            count(Outcome::NotApplicable),
            count(Outcome::NotAssessed),
        );
    }

    let plan = b.improvement_plan.status_counts_on(on);
    let _ = writeln!(
        out,
        "\n## Improvement plan\n{} pending, {} in progress, {} completed, {} overdue",
        plan.pending, plan.in_progress, plan.completed, plan.overdue
    );
    for report in &b.progress_reports {
        for item in &report.social_dialogue {
            let _ = writeln!(
                out,
                "progress report {}: {} — {}",
                report.number,
                item.topic,
                rating_words(item.rating)
            );
        }
    }

    let _ = writeln!(out, "\n## Worker sample ({} records)", b.workers.len());
    for w in &b.workers {
        let under_18 = match w.is_under(18, on) {
            Some(true) => "under 18",
            Some(false) => "18 or over",
            None => "age unclear around 18",
        };
        let days: usize = w.timesheets.iter().map(|t| t.days.len()).sum();
        let _ = writeln!(
            out,
            "{}: {}, {}, {under_18}; {days} days worked on record",
            w.reference,
            sex_words(w.sex),
            contract_words(w.contract)
        );
    }

    let trained: u64 = b.training.iter().map(|t| t.participants.total()).sum();
    let _ = writeln!(
        out,
        "\n## Programme activity\n{} advisory visits, {} people trained, {} initiative enrolments",
        b.advisory_visits.len(),
        trained,
        b.initiatives.len()
    );
}

/// The year up to and including `on`.
fn last_year(on: NaiveDate) -> decentwork_model::Period {
    let start = on.checked_sub_months(chrono::Months::new(12)).unwrap_or(on);
    decentwork_model::Period::new(start, on.succ_opt())
        .unwrap_or(decentwork_model::Period::from(on))
}
