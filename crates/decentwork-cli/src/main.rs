//! The `decentwork` command.
//!
//! ```text
//! decentwork demo
//! decentwork score assessment.json --format md
//! decentwork rates export.csv --population latest --from 2023-01 --to 2024-12 --by country,cp --format csv
//! decentwork catalogue law BD --on 2025-06-01 --format md
//! ```
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line tool prints"
)]

mod bundle;
mod catalogue_cmd;
mod rates;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use decentwork::io::{ImportOptions, OshImport};
use decentwork::model::{Assessment, Jurisdiction, json};
use decentwork::report::{
    BrandPortfolioReport, ProgrammeData, ProgrammeSummary, ProgressReportDocument,
    PublicDisclosureReport, Render,
};
use decentwork::scoring::{ScoreOptions, explain, score_assessment};

use crate::bundle::Bundle;

/// Exit codes: 0 success, 1 invalid data, 2 usage (clap), 3 unreadable input.
#[derive(Debug)]
pub(crate) struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    pub(crate) fn data(message: impl Into<String>) -> Self {
        Self {
            code: 1,
            message: message.into(),
        }
    }

    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
        }
    }

    pub(crate) fn io(path: &Path, error: &std::io::Error) -> Self {
        Self {
            code: 3,
            message: format!("{}: {error}", path.display()),
        }
    }
}

type Result<T> = std::result::Result<T, Failure>;

/// Labour-standards compliance for garment factories, modelled on ILO/IFC Better Work.
#[derive(Parser)]
#[command(
    name = "decentwork",
    version,
    about,
    after_help = "Examples:\n  decentwork demo\n  decentwork score assessment.json --jurisdiction BD --format md\n  decentwork rates export.csv --population latest --from 2023-01 --to 2024-12 --by country,cp --format csv\n  decentwork catalogue ratifications VN --on 2024-01-01\n\nExit codes: 0 success, 1 invalid data, 2 usage, 3 unreadable input."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Markdown.
    Md,
    /// JSON.
    Json,
    /// Self-contained HTML.
    Html,
    /// CSV (tabular output only).
    Csv,
}

#[derive(Subcommand)]
enum Command {
    /// Run end to end on the example factory shipped with decentwork and print its assessment report.
    #[command(after_help = "Example:\n  decentwork demo --format html > report.html")]
    Demo {
        /// Report date.
        #[arg(long, default_value = "2024-06-30")]
        on: NaiveDate,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
    },
    /// Score an assessment (JSON) with the Better Work rule.
    #[command(
        after_help = "Example:\n  decentwork score assessment.json --jurisdiction BD --format md"
    )]
    Score {
        /// The assessment, as JSON.
        file: PathBuf,
        /// The factory's jurisdiction, for legal references in alerts.
        #[arg(long)]
        jurisdiction: Option<Jurisdiction>,
        /// `json` (the full result) or `md` (an explanation).
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Render a report from a factory bundle (JSON with the factory, its committees, brands, assessments…).
    #[command(
        after_help = "Examples:\n  decentwork report assessment examples/factory-bundle.json --format html\n  decentwork report portfolio examples/factory-bundle.json --brand BR-NORD --on 2024-06-30"
    )]
    Report {
        /// Which report.
        #[arg(value_enum)]
        kind: ReportKind,
        /// The bundle.
        file: PathBuf,
        /// Report date.
        #[arg(long)]
        on: Option<NaiveDate>,
        /// The brand, for `portfolio`.
        #[arg(long)]
        brand: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
    },
    /// Check a JSON file against the model's rules; prints every problem found with its place.
    Validate {
        /// The file.
        file: PathBuf,
        /// What the file holds.
        #[arg(long, value_enum, default_value_t = DataKind::Bundle)]
        kind: DataKind,
    },
    /// Print the JSON Schema of a report type (or list them).
    Schema {
        /// The report type, e.g. `factory_assessment`.
        name: Option<String>,
    },
    /// Import data files.
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Browse the compliance catalogue.
    Catalogue {
        #[command(subcommand)]
        what: catalogue_cmd::CatalogueCommand,
    },
    /// Non-compliance rates from a Better Work long-format export.
    Rates(rates::RatesArgs),
}

#[derive(Subcommand)]
enum ImportCommand {
    /// An Open Supply Hub facility list (CSV: the site's download or the upload template): facilities as JSON on stdout, a summary on stderr.
    #[command(
        after_help = "Examples:\n  decentwork import osh facilities.csv > facilities.json\n  decentwork import osh facilities.csv --enrolled-on 2024-07-01 > factories.json"
    )]
    Osh {
        /// The CSV file.
        file: PathBuf,
        /// Print programme factory records enrolled on this date instead of the facilities (a facility list says nothing of enrolment, so there is no default).
        #[arg(long)]
        enrolled_on: Option<NaiveDate>,
        /// Stop at the first bad row.
        #[arg(long)]
        strict: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ReportKind {
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum DataKind {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("decentwork: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

/// The largest JSON file the command reads (a factory bundle is kilobytes).
const MAX_JSON_BYTES: u64 = 64 * 1024 * 1024;

pub(crate) fn read(path: &Path) -> Result<String> {
    let size = std::fs::metadata(path)
        .map_err(|e| Failure::io(path, &e))?
        .len();
    if size > MAX_JSON_BYTES {
        return Err(Failure::data(format!(
            "{}: {size} bytes; JSON inputs are limited to {MAX_JSON_BYTES}",
            path.display()
        )));
    }
    std::fs::read_to_string(path).map_err(|e| Failure::io(path, &e))
}

pub(crate) fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .or_else(|e| {
            // A closed pipe (e.g. `| head`) is not an error of ours.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                Ok(())
            } else {
                Err(Failure::io(Path::new("stdout"), &e))
            }
        })
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| Failure::data(e.to_string()))
}

fn render<R: Render + serde::Serialize>(report: &R, format: Format) -> Result<String> {
    Ok(match format {
        Format::Md => report.markdown(),
        Format::Json => to_json(report)?,
        Format::Html => report.html(),
        Format::Csv => report
            .csv()
            .ok_or_else(|| Failure::usage("this report has no CSV form"))?,
    })
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Demo { on, format } => {
            let bundle = Bundle::example()?;
            print(&render(&bundle.assessment_report(on)?, format)?)
        }
        Command::Score {
            file,
            jurisdiction,
            format,
        } => {
            let assessment: Assessment = json::from_str(&read(&file)?)
                .map_err(|e| Failure::data(format!("{}: {e}", file.display())))?;
            let options =
                jurisdiction.map_or_else(ScoreOptions::default, ScoreOptions::in_jurisdiction);
            let score = score_assessment(&assessment, options);
            match format {
                Format::Json => print(&to_json(&score)?),
                Format::Md => print(&explain(&score)),
                _ => Err(Failure::usage("score writes json or md")),
            }
        }
        Command::Report {
            kind,
            file,
            on,
            brand,
            format,
        } => report(kind, &file, on, brand.as_deref(), format),
        Command::Validate { file, kind } => validate(&file, kind),
        Command::Schema { name } => schema(name.as_deref()),
        Command::Import {
            what:
                ImportCommand::Osh {
                    file,
                    enrolled_on,
                    strict,
                },
        } => import_osh(&file, enrolled_on, strict),
        Command::Catalogue { what } => catalogue_cmd::run(what),
        Command::Rates(args) => rates::run(&args),
    }
}

/// `import osh`: facilities as the file gives them, or (with an enrolment
/// date) factory records.
fn import_osh(file: &Path, enrolled_on: Option<NaiveDate>, strict: bool) -> Result<()> {
    let options = if strict {
        ImportOptions::strict()
    } else {
        ImportOptions::default()
    };
    let input = std::fs::File::open(file).map_err(|e| Failure::io(file, &e))?;
    // The reader reads in blocks of its own: no buffering needed.
    let import = OshImport::new(file.display().to_string(), options);
    let (facilities, summary) = import
        .read(input)
        .map_err(|e| Failure::data(e.to_string()))?;
    eprintln!(
        "{}: {}; {} rows read, {} facilities, {} rows skipped",
        file.display(),
        summary.shape,
        summary.rows_read,
        summary.facilities,
        summary.rows_skipped
    );
    if !summary.unused_columns.is_empty() {
        let mut names = summary.unused_columns.join(", ");
        if names.chars().count() > 300 {
            names = names.chars().take(300).collect::<String>() + "…";
        }
        eprintln!("{} columns not read: {names}", summary.unused_columns.len());
    }
    for d in &summary.duplicates {
        eprintln!(
            "duplicate: OS ID {} on line {} is already on line {} (both kept)",
            d.os_id, d.line, d.first_line
        );
    }
    if summary.duplicate_rows > summary.duplicates.len() as u64 {
        eprintln!("{} rows repeat an OS ID in all", summary.duplicate_rows);
    }
    for e in &summary.skipped {
        eprintln!("skipped: {e}");
    }
    if summary.rows_skipped > summary.skipped.len() as u64 {
        eprintln!("{} rows skipped in all", summary.rows_skipped);
    }
    let Some(on) = enrolled_on else {
        return print(&to_json(&facilities)?);
    };
    let mut factories = Vec::with_capacity(facilities.len());
    for facility in &facilities {
        match import.factory(facility, on) {
            Ok(factory) => factories.push(factory),
            Err(e) if strict => return Err(Failure::data(e.to_string())),
            Err(e) => eprintln!("not made a factory: {e}"),
        }
    }
    eprintln!(
        "{} factories enrolled on {on}; factory records keep no coordinates, worker counts, parent companies, contributors, facility or processing types, contribution dates or closed flags (run without --enrolled-on to see them)",
        factories.len()
    );
    print(&to_json(&factories)?)
}

fn report(
    kind: ReportKind,
    file: &Path,
    on: Option<NaiveDate>,
    brand: Option<&str>,
    format: Format,
) -> Result<()> {
    let bundle = Bundle::load(file)?;
    let on = on.unwrap_or(bundle.latest_date());
    let text = match kind {
        ReportKind::Assessment => render(&bundle.assessment_report(on)?, format)?,
        ReportKind::Progress => render(
            &ProgressReportDocument::build(
                &bundle.factory,
                &bundle.improvement_plan,
                &bundle.committees,
                &bundle.progress_reports,
                on,
            ),
            format,
        )?,
        ReportKind::Disclosure => {
            let latest = bundle
                .latest_assessment(on)
                .ok_or_else(|| Failure::data("no assessment on or before the date"))?;
            render(
                &PublicDisclosureReport::build(&bundle.factory, latest, on),
                format,
            )?
        }
        ReportKind::Portfolio => {
            let id = brand.ok_or_else(|| Failure::usage("portfolio needs --brand"))?;
            let brand = bundle
                .brands
                .iter()
                .find(|b| b.id.as_str() == id)
                .ok_or_else(|| Failure::data(format!("no brand {id} in {}", file.display())))?;
            let factories = vec![(bundle.factory.clone(), bundle.assessments.clone())];
            render(&BrandPortfolioReport::build(brand, &factories, on), format)?
        }
        ReportKind::Programme => {
            let factories = [bundle.factory.clone()];
            let data = ProgrammeData::new(
                &factories,
                &bundle.committees,
                &bundle.training,
                &bundle.brands,
                &bundle.sourcing,
            );
            render(
                &ProgrammeSummary::build(bundle.factory.jurisdiction.country(), data, on),
                format,
            )?
        }
    };
    print(&text)
}

fn validate(file: &Path, kind: DataKind) -> Result<()> {
    let text = read(file)?;
    let result = match kind {
        DataKind::Bundle => json::from_str::<Bundle>(&text).map(|_| ()),
        DataKind::Factory => json::from_str::<decentwork::model::Factory>(&text).map(|_| ()),
        DataKind::Assessment => json::from_str::<Assessment>(&text).map(|_| ()),
        DataKind::Committee => json::from_str::<decentwork::model::Committee>(&text).map(|_| ()),
        DataKind::Plan => json::from_str::<decentwork::model::ImprovementPlan>(&text).map(|_| ()),
    };
    match result {
        Ok(()) => print(&format!("{}: valid {kind:?}\n", file.display()).to_lowercase()),
        Err(e) => Err(Failure::data(format!("{}: {e}", file.display()))),
    }
}

fn schema(name: Option<&str>) -> Result<()> {
    let all = decentwork::report::schemas();
    match name {
        None => {
            let names: Vec<&str> = all
                .iter()
                .map(|(n, _)| n.trim_end_matches(".schema.json"))
                .collect();
            print(&format!("{}\n", names.join("\n")))
        }
        Some(name) => {
            let file = format!("{name}.schema.json");
            let (_, text) = all.iter().find(|(n, _)| *n == file).ok_or_else(|| {
                Failure::usage(format!(
                    "no report type {name:?}; run `decentwork schema` for the list"
                ))
            })?;
            print(text)
        }
    }
}
