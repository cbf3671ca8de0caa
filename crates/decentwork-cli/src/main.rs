//! The `decentwork` command.
//!
//! ```text
//! decentwork demo
//! decentwork score bundle.json --format md
//! decentwork check bundle.json
//! decentwork rates export.csv --population latest --from 2023-01 --to 2024-12 --by country,cp --format csv
//! decentwork microdata export.csv --population panel:3 --format parquet --output panel.parquet
//! decentwork catalogue law BD --on 2025-06-01 --format md
//! ```
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line tool prints"
)]

mod catalogue_cmd;
mod files;
mod rates;
mod report_cmd;

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use decentwork::io::{ImportOptions, OshImport};

use crate::files::{Output, Source};

/// Exit codes: 0 success, 1 invalid data, 2 usage (clap), 3 unreadable input
/// or unwritable output.
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

    pub(crate) fn unreadable(message: impl Into<String>) -> Self {
        Self {
            code: 3,
            message: message.into(),
        }
    }

    pub(crate) fn io(source: &Source, error: &std::io::Error) -> Self {
        Self::unreadable(format!("{source}: {error}"))
    }

    pub(crate) fn io_out(path: &Path, error: &std::io::Error) -> Self {
        Self::unreadable(format!("{}: {error}", path.display()))
    }
}

type Result<T> = std::result::Result<T, Failure>;

/// Labour-standards compliance for garment factories, modelled on ILO/IFC Better Work.
#[derive(Parser)]
#[command(
    name = "decentwork",
    version,
    about,
    after_help = "Examples:\n  decentwork demo\n  decentwork score bundle.json --format md\n  decentwork rates export.csv --population latest --from 2023-01 --to 2024-12 --by country,cp --format csv\n  decentwork catalogue ratifications VN --on 2024-01-01\n\nA FILE of `-` reads standard input.\nExit codes: 0 success, 1 invalid data, 2 usage, 3 unreadable input or unwritable output."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run end to end on the example factory shipped with decentwork and print its assessment report.
    #[command(after_help = "Example:\n  decentwork demo --format html --output report.html")]
    Demo(report_cmd::DemoArgs),
    /// Score an assessment with the Better Work rule: an assessment (JSON), or a bundle's latest assessment.
    #[command(
        after_help = "Examples:\n  decentwork score bundle.json --format md\n  decentwork score assessment.json --jurisdiction BD"
    )]
    Score(report_cmd::ScoreArgs),
    /// Render a report from a factory bundle (JSON with the factory, its committees, brands, assessments…).
    #[command(
        after_help = "Examples:\n  decentwork report assessment bundle.json --format html --output report.html\n  decentwork report portfolio bundle.json --brand BR-NORD --on 2024-06-30"
    )]
    Report(report_cmd::ReportArgs),
    /// Check a bundle's worker records (hours, pay, leave, ages) against the law in force, and its committees against the committees the law requires.
    #[command(
        after_help = "Examples:\n  decentwork check bundle.json\n  decentwork check bundle.json --on 2024-06-30 --format json"
    )]
    Check(report_cmd::CheckArgs),
    /// Check a JSON file against the model's rules; for a bundle, prints every problem found, with its place.
    Validate(report_cmd::ValidateArgs),
    /// Print the JSON Schema of a report type or of the factory bundle (or list them).
    Schema {
        /// The schema's name, e.g. `factory_assessment` or `factory_bundle`.
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
    /// Microdata from a Better Work export: one row per assessment and compliance point (or per assessment).
    Microdata(rates::MicrodataArgs),
    /// Copy a Better Work export to Parquet (typed columns, a small fraction of the CSV's size), rows checked as `rates` checks them; `rates`, `microdata` and researchers' own tools read the copy.
    Convert(rates::ConvertArgs),
}

#[derive(Subcommand)]
enum ImportCommand {
    /// An Open Supply Hub facility list (CSV: the site's download or the upload template): facilities as JSON on stdout, a summary on stderr.
    #[command(
        after_help = "Examples:\n  decentwork import osh facilities.csv > facilities.json\n  decentwork import osh facilities.csv --enrolled-on 2024-07-01 > factories.json"
    )]
    Osh {
        /// The CSV file (`-` for standard input).
        file: Source,
        /// Print programme factory records enrolled on this date instead of the facilities (a facility list says nothing of enrolment, so there is no default).
        #[arg(long)]
        enrolled_on: Option<NaiveDate>,
        /// Stop at the first bad row.
        #[arg(long)]
        strict: bool,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
    },
}

/// Formats a command writes text in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum TextFormat {
    /// Markdown.
    Md,
    /// JSON.
    Json,
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

/// The largest JSON input the command reads (a factory bundle is kilobytes).
pub(crate) const MAX_JSON_BYTES: u64 = 64 * 1024 * 1024;

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| Failure::data(e.to_string()))
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Demo(args) => report_cmd::demo(&args),
        Command::Score(args) => report_cmd::score(&args),
        Command::Report(args) => report_cmd::report(&args),
        Command::Check(args) => report_cmd::check(&args),
        Command::Validate(args) => report_cmd::validate(&args),
        Command::Schema { name } => schema(name.as_deref()),
        Command::Import {
            what:
                ImportCommand::Osh {
                    file,
                    enrolled_on,
                    strict,
                    output,
                },
        } => import_osh(&file, enrolled_on, strict, &Output(output)),
        Command::Catalogue { what } => catalogue_cmd::run(what),
        Command::Rates(args) => rates::run(&args),
        Command::Microdata(args) => rates::microdata(&args),
        Command::Convert(args) => rates::convert(&args),
    }
}

/// `import osh`: facilities as the file gives them, or (with an enrolment
/// date) factory records.
fn import_osh(
    file: &Source,
    enrolled_on: Option<NaiveDate>,
    strict: bool,
    output: &Output,
) -> Result<()> {
    let options = if strict {
        ImportOptions::strict()
    } else {
        ImportOptions::default()
    };
    // The reader reads in blocks of its own: no buffering needed.
    let import = OshImport::new(file.to_string(), options);
    let (facilities, summary) = import.read(file.open()?).map_err(|e| {
        if e.is_read_failure() {
            Failure::unreadable(e.to_string())
        } else {
            Failure::data(e.to_string())
        }
    })?;
    eprintln!(
        "{file}: {}; {} rows read, {} facilities, {} rows skipped",
        summary.shape, summary.rows_read, summary.facilities, summary.rows_skipped
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
        return output.write(to_json(&facilities)?.as_bytes());
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
    output.write(to_json(&factories)?.as_bytes())
}

fn schema(name: Option<&str>) -> Result<()> {
    let all = decentwork::report::schemas();
    let text = match name {
        None => {
            let names: Vec<&str> = all
                .iter()
                .map(|(n, _)| n.trim_end_matches(".schema.json"))
                .collect();
            format!("{}\n", names.join("\n"))
        }
        Some(name) => {
            let file = format!("{name}.schema.json");
            all.into_iter()
                .find(|(n, _)| *n == file)
                .map(|(_, text)| text)
                .ok_or_else(|| {
                    Failure::usage(format!(
                        "no schema {name:?}; run `decentwork schema` for the list"
                    ))
                })?
        }
    };
    Output::default().write(text.as_bytes())
}
