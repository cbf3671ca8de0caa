//! `decentwork demo`, `score`, `report`, `check` and `validate`: one
//! factory's records in, scores and reports out.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use decentwork::model::{
    Assessment, AssessmentId, BrandId, Committee, Factory, FactoryBundle, ImprovementPlan,
    Jurisdiction, json,
};
use decentwork::report::{
    BrandPortfolioReport, EvidenceReport, FactoryAssessmentReport, ProgrammeData, ProgrammeSummary,
    ProgressReportDocument, PublicDisclosureReport, Render, ScoredAssessment,
};
use decentwork::scoring::{
    AssessmentScore, EvidenceContext, EvidenceResult, ScoreOptions, check_committees,
    check_evidence, explain, merge_evidence, score_assessment,
};

use crate::files::{Output, Source};
use crate::{Failure, MAX_JSON_BYTES, Result, TextFormat, to_json};

/// Formats a report can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Markdown.
    Md,
    /// JSON (the report contract; `decentwork schema` prints its schema).
    Json,
    /// A self-contained HTML page.
    Html,
    /// CSV of the report's main table.
    Csv,
}

/// Arguments of `decentwork demo`.
#[derive(Args)]
pub(crate) struct DemoArgs {
    /// Report date (default: the last day anything in the example happened).
    #[arg(long)]
    on: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    format: ReportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// Arguments of `decentwork score`.
#[derive(Args)]
pub(crate) struct ScoreArgs {
    /// An assessment, or a factory bundle (JSON; `-` for standard input).
    file: Source,
    /// Of a bundle, the assessment to score (default: its latest).
    #[arg(long)]
    assessment: Option<AssessmentId>,
    /// The factory's jurisdiction, for legal references in alerts (default: a bundle's factory's).
    #[arg(long)]
    jurisdiction: Option<Jurisdiction>,
    /// Report date written in the JSON (default: the assessment's last day).
    #[arg(long)]
    on: Option<NaiveDate>,
    /// `json` (the full result) or `md` (an explanation).
    #[arg(long, value_enum, default_value_t = TextFormat::Json)]
    format: TextFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// Arguments of `decentwork check`.
#[derive(Args)]
pub(crate) struct CheckArgs {
    /// The factory bundle (JSON; `-` for standard input).
    file: Source,
    /// The date of the check: the law listed is the law in force then, and
    /// committees are checked then (default: the last day anything in the
    /// bundle happened). Records are checked against the law of their own days.
    #[arg(long)]
    on: Option<NaiveDate>,
    /// `md` (for people) or `json` (the report contract; `decentwork schema evidence_check`).
    #[arg(long, value_enum, default_value_t = TextFormat::Md)]
    format: TextFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// Which report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportKind {
    /// Factory assessment report (latest assessment, compared with the one before).
    Assessment,
    /// Progress report.
    Progress,
    /// Public disclosure report.
    Disclosure,
    /// Brand portfolio report (needs --brand).
    Portfolio,
    /// Country programme summary.
    Programme,
}

/// Arguments of `decentwork report`.
#[derive(Args)]
pub(crate) struct ReportArgs {
    /// Which report.
    #[arg(value_enum)]
    kind: ReportKind,
    /// The factory bundle (JSON; `-` for standard input).
    file: Source,
    /// Report date (default: the last day anything in the bundle happened).
    #[arg(long)]
    on: Option<NaiveDate>,
    /// The brand, for `portfolio`.
    #[arg(long, required_if_eq("kind", "portfolio"))]
    brand: Option<BrandId>,
    /// For `assessment`: add the findings the evidence check derives from the
    /// bundle's worker records (within the year before the visit's last day),
    /// marked as derived from worker records.
    #[arg(long)]
    with_evidence: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    format: ReportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// What a file to validate holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum DataKind {
    /// A factory bundle.
    Bundle,
    /// One factory.
    Factory,
    /// One assessment.
    Assessment,
    /// One committee.
    Committee,
    /// One improvement plan.
    Plan,
}

/// Arguments of `decentwork validate`.
#[derive(Args)]
pub(crate) struct ValidateArgs {
    /// The file (`-` for standard input).
    file: Source,
    /// What the file holds.
    #[arg(long, value_enum, default_value_t = DataKind::Bundle)]
    kind: DataKind,
}

/// Reads a bundle, with every problem found in the error.
fn load_bundle(source: &Source) -> Result<FactoryBundle> {
    bundle_from_text(&source.read_text(MAX_JSON_BYTES)?, &source.to_string())
}

fn bundle_from_text(text: &str, name: &str) -> Result<FactoryBundle> {
    json::bundle_from_str(text).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(|p| format!("{name}: {p}")).collect();
        Failure::data(lines.join("\n"))
    })
}

fn render<R: Render + serde::Serialize>(report: &R, format: ReportFormat) -> Result<String> {
    Ok(match format {
        ReportFormat::Md => report.markdown(),
        ReportFormat::Json => to_json(report)?,
        ReportFormat::Html => report.html(),
        ReportFormat::Csv => report
            .csv()
            .ok_or_else(|| Failure::usage("this report has no CSV form; use md, json or html"))?,
    })
}

/// Scores `assessment` of `factory` where the factory's law applies.
fn score_of(factory: &Factory, assessment: &Assessment) -> AssessmentScore {
    score_assessment(
        assessment,
        ScoreOptions::in_jurisdiction(factory.jurisdiction),
    )
}

/// The evidence check of the bundle's worker records, the law listed as in
/// force on `on`.
fn evidence_of(bundle: &FactoryBundle, on: NaiveDate) -> EvidenceResult {
    check_evidence(
        EvidenceContext::for_factory(&bundle.factory, on),
        &bundle.workers,
    )
}

/// What goes into an assessment report besides the scores.
#[derive(Clone, Copy, Default)]
struct Extras {
    /// Merge the findings derived from worker records.
    evidence: bool,
    /// Show the committees the law requires.
    committees: bool,
}

/// The factory assessment report of the latest assessment on `on`.
fn assessment_report(
    bundle: &FactoryBundle,
    on: NaiveDate,
    extras: Extras,
) -> Result<FactoryAssessmentReport> {
    let latest = bundle
        .latest_assessment(on)
        .ok_or_else(|| Failure::data(format!("the bundle has no assessment on or before {on}")))?;
    let previous = bundle
        .previous_assessment(latest)
        .map(|a| score_of(&bundle.factory, a));
    let latest = if extras.evidence {
        merge_evidence(latest, &evidence_of(bundle, on))
            .map_err(|e| Failure::data(e.to_string()))?
    } else {
        latest.clone()
    };
    let report = FactoryAssessmentReport::build(
        &bundle.factory,
        &score_of(&bundle.factory, &latest),
        previous.as_ref(),
        on,
    )
    .map_err(|e| Failure::data(e.to_string()))?;
    Ok(if extras.committees {
        report.with_committees(&bundle.factory, &bundle.committees)
    } else {
        report
    })
}

/// The evidence check report of a bundle on `on`.
fn evidence_report(bundle: &FactoryBundle, on: NaiveDate) -> EvidenceReport {
    EvidenceReport::build(
        &bundle.factory,
        &evidence_of(bundle, on),
        &check_committees(&bundle.factory, &bundle.committees, on),
        on,
    )
}

/// The whole picture of the example factory: in Markdown, its latest
/// assessment report (with the findings derived from its worker records)
/// followed by the evidence check and the committees the law requires; in
/// the other formats, the assessment report with the committees.
pub(crate) fn demo(args: &DemoArgs) -> Result<()> {
    let bundle = bundle_from_text(
        decentwork::model::examples::BANGLADESH_KNITWEAR,
        "example bundle",
    )?;
    let on = args.on.unwrap_or_else(|| bundle.report_date());
    let text = if args.format == ReportFormat::Md {
        let report = assessment_report(
            &bundle,
            on,
            Extras {
                evidence: true,
                committees: false,
            },
        )?;
        format!(
            "{}
{}",
            report.markdown(),
            evidence_report(&bundle, on).markdown()
        )
    } else {
        let report = assessment_report(
            &bundle,
            on,
            Extras {
                evidence: true,
                committees: true,
            },
        )?;
        render(&report, args.format)?
    };
    Output(args.output.clone()).write(text.as_bytes())
}

/// `decentwork check`: the bundle's worker records against the law in force,
/// and the committees the law requires.
pub(crate) fn check(args: &CheckArgs) -> Result<()> {
    let bundle = load_bundle(&args.file)?;
    let on = args.on.unwrap_or_else(|| bundle.report_date());
    let report = evidence_report(&bundle, on);
    let text = match args.format {
        TextFormat::Md => report.markdown(),
        TextFormat::Json => to_json(&report)?,
    };
    Output(args.output.clone()).write(text.as_bytes())
}

pub(crate) fn score(args: &ScoreArgs) -> Result<()> {
    let text = args.file.read_text(MAX_JSON_BYTES)?;
    let name = args.file.to_string();
    let is_bundle = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .is_some_and(|v| v.get("factory").is_some_and(serde_json::Value::is_object));
    let (assessment, jurisdiction) = if is_bundle {
        let bundle = bundle_from_text(&text, &name)?;
        let assessment = match args.assessment {
            Some(id) => bundle
                .assessments
                .iter()
                .find(|a| a.id == id)
                .ok_or_else(|| {
                    Failure::data(format!("{name}: the bundle has no assessment {id}"))
                })?,
            None => bundle
                .latest_assessment(bundle.report_date())
                .ok_or_else(|| Failure::data(format!("{name}: the bundle has no assessment")))?,
        };
        (assessment.clone(), Some(bundle.factory.jurisdiction))
    } else {
        if args.assessment.is_some() {
            return Err(Failure::usage(
                "--assessment selects from a bundle; this file is one assessment",
            ));
        }
        let assessment: Assessment =
            json::from_str(&text).map_err(|e| Failure::data(format!("{name}: {e}")))?;
        (assessment, None)
    };
    let options = args
        .jurisdiction
        .or(jurisdiction)
        .map_or_else(ScoreOptions::default, ScoreOptions::in_jurisdiction);
    let score = score_assessment(&assessment, options);
    let text = match args.format {
        TextFormat::Json => to_json(&ScoredAssessment::from_score(
            &score,
            args.on.unwrap_or(assessment.end),
        ))?,
        TextFormat::Md => explain(&score),
    };
    Output(args.output.clone()).write(text.as_bytes())
}

pub(crate) fn report(args: &ReportArgs) -> Result<()> {
    let bundle = load_bundle(&args.file)?;
    let on = args.on.unwrap_or_else(|| bundle.report_date());
    let factory = &bundle.factory;
    let text = match args.kind {
        ReportKind::Assessment => render(
            &assessment_report(
                &bundle,
                on,
                Extras {
                    evidence: args.with_evidence,
                    committees: true,
                },
            )?,
            args.format,
        )?,
        ReportKind::Progress => render(
            &ProgressReportDocument::build(
                factory,
                &bundle.improvement_plan,
                &bundle.committees,
                &bundle.progress_reports,
                on,
            ),
            args.format,
        )?,
        ReportKind::Disclosure => {
            let latest = bundle.latest_assessment(on).ok_or_else(|| {
                Failure::data(format!("the bundle has no assessment on or before {on}"))
            })?;
            let report = PublicDisclosureReport::build(factory, &score_of(factory, latest), on)
                .map_err(|e| Failure::data(e.to_string()))?;
            render(&report, args.format)?
        }
        ReportKind::Portfolio => {
            let id = args
                .brand
                .ok_or_else(|| Failure::usage("portfolio needs --brand"))?;
            let brand = bundle
                .brand(id)
                .ok_or_else(|| Failure::data(format!("no brand {id} in {}", args.file)))?;
            let scores: Vec<AssessmentScore> = bundle
                .assessments
                .iter()
                .map(|a| score_of(factory, a))
                .collect();
            let report = BrandPortfolioReport::build(brand, &[(factory, &scores)], on)
                .map_err(|e| Failure::data(e.to_string()))?;
            render(&report, args.format)?
        }
        ReportKind::Programme => {
            let factories = [factory.clone()];
            let data = ProgrammeData::new(
                &factories,
                &bundle.committees,
                &bundle.training,
                &bundle.brands,
                &bundle.sourcing,
            );
            render(
                &ProgrammeSummary::build(factory.jurisdiction.country(), data, on),
                args.format,
            )?
        }
    };
    Output(args.output.clone()).write(text.as_bytes())
}

pub(crate) fn validate(args: &ValidateArgs) -> Result<()> {
    let text = args.file.read_text(MAX_JSON_BYTES)?;
    let name = args.file.to_string();
    let one = |result: std::result::Result<(), json::JsonError>| {
        result.map_err(|e| Failure::data(format!("{name}: {e}")))
    };
    let what = match args.kind {
        DataKind::Bundle => {
            bundle_from_text(&text, &name)?;
            "bundle"
        }
        DataKind::Factory => {
            one(json::from_str::<Factory>(&text).map(|_| ()))?;
            "factory"
        }
        DataKind::Assessment => {
            one(json::from_str::<Assessment>(&text).map(|_| ()))?;
            "assessment"
        }
        DataKind::Committee => {
            one(json::from_str::<Committee>(&text).map(|_| ()))?;
            "committee"
        }
        DataKind::Plan => {
            one(json::from_str::<ImprovementPlan>(&text).map(|_| ()))?;
            "improvement plan"
        }
    };
    Output::default().write(format!("{name}: valid {what}\n").as_bytes())
}
