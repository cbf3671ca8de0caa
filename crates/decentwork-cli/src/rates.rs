//! `decentwork rates EXPORT.csv …`: non-compliance rates from a Better Work export.

use std::io::{IsTerminal, Read, Seek as _};
use std::path::PathBuf;
use std::sync::Arc;

use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use decentwork::io::arrow::{ArrowError, ExportBatchBuilder, RecordBatch, export_schema};
use decentwork::io::{ExportImport, ImportError, ImportOptions, ImportSummary};
use decentwork::report::arrow::{
    assessment_microdata_batches, assessment_microdata_schema, point_microdata_batches,
    point_microdata_schema,
};
use decentwork::report::{
    ASSESSMENT_MICRODATA_COLUMNS, POINT_MICRODATA_COLUMNS, Render, SynthesisReport,
    write_assessment_microdata, write_point_microdata,
};
use decentwork::scoring::{
    GroupBy, MonthWindow, ObservationBatch, Population, PopulationRule, RateOptions, parse_month,
};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReader,
    ParquetRecordBatchReaderBuilder,
};
use parquet::errors::ParquetError;

use crate::files::{Output, Source};
use crate::{Failure, Result, to_json};

/// What `rates` and `microdata` share: the export, which assessments, how
/// labels are read, where the output goes.
#[derive(Args)]
pub(crate) struct PopulationArgs {
    /// The export (CSV; `-` for standard input).
    file: Source,
    /// Which assessments: `latest`, `cycle:N`, `panel:N` or `panel-strict:N` (N from 1 to 65535).
    #[arg(long, default_value = "latest", value_parser = population)]
    population: Rule,
    /// First month (inclusive) of `Assesment.Start.Date`, YYYY-MM.
    #[arg(long, value_parser = month)]
    from: Option<(i32, u32)>,
    /// Last month (inclusive), YYYY-MM.
    #[arg(long, value_parser = month)]
    to: Option<(i32, u32)>,
    /// Merge the worst-forms points and read the legacy "Systems" cluster as Occupational Safety and Health.
    #[arg(long)]
    harmonise: bool,
    /// Leave out factories marked (Obsolete).
    #[arg(long)]
    exclude_obsolete: bool,
    /// Stop at the first bad row.
    #[arg(long)]
    strict: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

const POPULATIONS_HELP: &str = "Populations:\n  latest          the latest assessment of each factory (in the window)\n  cycle:N         every assessment of cycle N\n  panel:N         every factory that reached cycle N, with all its assessments of cycles 1 to N\n                  (as Better Work's analysts build the balanced panel)\n  panel-strict:N  factories with an assessment in every cycle 1 to N, one per cycle (the latest)";

/// Arguments of `decentwork rates`.
#[derive(Args)]
#[command(
    after_help = format!("Examples:\n  decentwork rates export.csv --population latest --from 2023-01 --to 2024-12 --by country,cp --format csv\n  decentwork rates export.csv --population cycle:1 --by cluster --harmonise --exclude-obsolete --format md\n  decentwork rates export.csv --population panel:3 --by cycle,cp\n  decentwork rates export.csv --population latest --by question\n  decentwork rates export.csv --by country,cp --format parquet --output rates.parquet\n\n{POPULATIONS_HELP}")
)]
pub(crate) struct RatesArgs {
    #[command(flatten)]
    common: PopulationArgs,
    /// What to group by, comma-separated; `question` stands alone.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "cp")]
    by: Vec<Key>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RatesFormat::Csv)]
    format: RatesFormat,
    /// Report date stated in JSON and Markdown (default: the window's last day, or the latest assessment's first day).
    #[arg(long)]
    on: Option<NaiveDate>,
}

/// Arguments of `decentwork microdata`.
#[derive(Args)]
#[command(
    after_help = format!("Examples:\n  decentwork microdata export.csv --population panel:3 --output panel.csv\n  decentwork microdata export.csv --level assessment --from 2023-01 --to 2024-12\n  decentwork microdata export.csv --harmonise --format parquet --output microdata.parquet\n\nColumns (--level cp):\n  {}\nColumns (--level assessment):\n  {}\nSumming non_compliant (0 or 1) by cp gives the counts of `decentwork rates --by cp`.\n\n{POPULATIONS_HELP}", POINT_MICRODATA_COLUMNS.join(","), ASSESSMENT_MICRODATA_COLUMNS.join(","))
)]
pub(crate) struct MicrodataArgs {
    #[command(flatten)]
    common: PopulationArgs,
    /// One row per assessment and compliance point (`cp`), or per assessment with its factory-level rate (`assessment`).
    #[arg(long, value_enum, default_value_t = Level::Cp)]
    level: Level,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
    format: TableFormat,
}

/// What a microdata row stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Level {
    /// An assessment and compliance point.
    Cp,
    /// An assessment.
    Assessment,
}

/// Formats `microdata` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum TableFormat {
    /// CSV, with the same columns whatever the data.
    Csv,
    /// Parquet (binary: needs --output or a redirected standard output).
    Parquet,
}

/// Formats `rates` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum RatesFormat {
    /// CSV, with the same columns whatever the data.
    Csv,
    /// JSON: an industry-synthesis report.
    Json,
    /// Markdown.
    Md,
    /// Parquet (binary: needs --output or a redirected standard output).
    Parquet,
}

/// What rates are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Key {
    /// The country, as the export names it.
    Country,
    /// The cycle.
    Cycle,
    /// The cluster.
    Cluster,
    /// The compliance point.
    Cp,
    /// The question (alone).
    Question,
}

/// A population rule as given, before the window is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    Latest,
    Cycle(u16),
    Panel(u16),
    StrictPanel(u16),
}

fn population(text: &str) -> std::result::Result<Rule, String> {
    let number = |n: &str| {
        n.parse::<u16>()
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(|| format!("{text:?}: N is a cycle number from 1 to {}", u16::MAX))
    };
    match text.split_once(':') {
        None if text == "latest" => Ok(Rule::Latest),
        Some(("cycle", n)) => number(n).map(Rule::Cycle),
        Some(("panel", n)) => number(n).map(Rule::Panel),
        Some(("panel-strict", n)) => number(n).map(Rule::StrictPanel),
        _ => Err(format!(
            "{text:?}: expected latest, cycle:N, panel:N or panel-strict:N"
        )),
    }
}

fn month(text: &str) -> std::result::Result<(i32, u32), String> {
    parse_month(text).map_err(|e| e.to_string())
}

/// Counts bytes read, for the progress bar.
struct Counting<R> {
    inner: R,
    bar: ProgressBar,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bar.inc(n as u64);
        Ok(n)
    }
}

impl PopulationArgs {
    /// The population rule and rate options the arguments ask for.
    fn rule_and_options(&self) -> Result<(PopulationRule, RateOptions)> {
        let window = MonthWindow::between(self.from, self.to)
            .map_err(|e| Failure::usage(format!("--from/--to: {e}")))?;
        let rule = match self.population {
            Rule::Latest => PopulationRule::Latest { window },
            Rule::Cycle(cycle) => PopulationRule::Cycle { cycle, window },
            Rule::Panel(cycles) => PopulationRule::Panel { cycles, window },
            Rule::StrictPanel(cycles) => PopulationRule::StrictPanel { cycles, window },
        };
        let mut options = if self.harmonise {
            RateOptions::harmonised()
        } else {
            RateOptions::default()
        };
        options.exclude_obsolete = self.exclude_obsolete;
        Ok((rule, options))
    }

    fn output(&self) -> Output {
        Output(self.output.clone())
    }
}

pub(crate) fn run(args: &RatesArgs) -> Result<()> {
    let (rule, options) = args.common.rule_and_options()?;
    let by_question = args.by.contains(&Key::Question);
    if by_question && args.by.len() > 1 {
        return Err(Failure::usage("--by question stands alone"));
    }
    let mut group_by: Vec<GroupBy> = Vec::new();
    for key in &args.by {
        let g = match key {
            Key::Country => GroupBy::Country,
            Key::Cycle => GroupBy::Cycle,
            Key::Cluster => GroupBy::Cluster,
            Key::Cp => GroupBy::Point,
            Key::Question => continue,
        };
        if group_by.contains(&g) {
            return Err(Failure::usage(
                format!("--by: {key:?} given twice").to_lowercase(),
            ));
        }
        group_by.push(g);
    }
    let output = args.common.output();
    // Refused before the export is read, not after.
    if args.format == RatesFormat::Parquet {
        output.check_binary()?;
    }

    let population = load(&args.common)?;
    let on = args
        .on
        .or_else(|| rule.window().and_then(MonthWindow::last_day))
        .or_else(|| population.start_range().map(|(_, last)| last))
        .unwrap_or(decentwork::catalogue::DATA_DATE);
    let report = if by_question {
        let table = population.question_rates(rule, options);
        warn_if_empty(&population, table.basis.assessments, rule);
        SynthesisReport::from_questions("Question-level non-compliance rates", &table, on)
    } else {
        let table = population.rates(rule, &group_by, options);
        warn_if_empty(&population, table.basis.assessments, rule);
        SynthesisReport::from_table("Non-compliance rates", &table, on)
    };
    let text = match args.format {
        RatesFormat::Json => to_json(&report)?,
        RatesFormat::Md => report.markdown(),
        RatesFormat::Csv => report.csv().unwrap_or_default(),
        RatesFormat::Parquet => {
            let batch = report
                .to_record_batch()
                .map_err(|e| Failure::data(format!("rates as Arrow: {e}")))?;
            return output.parquet(batch.schema(), std::iter::once(Ok(batch)));
        }
    };
    output.write(text.as_bytes())
}

/// `decentwork microdata`: one row per selected assessment and compliance
/// point (or per assessment), streamed to the output.
pub(crate) fn microdata(args: &MicrodataArgs) -> Result<()> {
    let (rule, options) = args.common.rule_and_options()?;
    let output = args.common.output();
    if args.format == TableFormat::Parquet {
        output.check_binary()?;
    }
    let population = load(&args.common)?;
    let selected = population.selected(rule, options).len() as u64;
    warn_if_empty(&population, selected, rule);
    match (args.format, args.level) {
        (TableFormat::Csv, Level::Cp) => output.stream(|out| {
            write_point_microdata(out, population.point_records(rule, options)).map(|_| ())
        }),
        (TableFormat::Csv, Level::Assessment) => output.stream(|out| {
            write_assessment_microdata(out, population.assessment_rates(rule, options)).map(|_| ())
        }),
        (TableFormat::Parquet, Level::Cp) => output.parquet(
            point_microdata_schema(),
            point_microdata_batches(population.point_records(rule, options)),
        ),
        (TableFormat::Parquet, Level::Assessment) => output.parquet(
            assessment_microdata_schema(),
            assessment_microdata_batches(population.assessment_rates(rule, options)),
        ),
    }
}

/// Says on stderr when the rule picked nothing, and why that may be.
fn warn_if_empty(population: &Population, selected: u64, rule: PopulationRule) {
    if selected > 0 {
        return;
    }
    let data = population.start_range().map_or_else(
        || "the export holds no assessment".to_owned(),
        |(first, last)| format!("the export's assessments start from {first} to {last}"),
    );
    eprintln!("warning: no assessment is in the population ({rule}); {data}");
}

/// The most rows in a record batch read from Parquet.
const PARQUET_BATCH_ROWS: usize = 64 * 1024;

/// About the most bytes of a record batch read from Parquet, as the file's
/// row groups give their rows' size.
const PARQUET_BATCH_BYTES: i64 = 32 * 1024 * 1024;

/// Streams the export into a population, reporting what was read on stderr.
fn load(args: &PopulationArgs) -> Result<Population> {
    let size = match &args.file {
        Source::File(path) => std::fs::metadata(path).ok().map(|m| m.len()),
        Source::Stdin => None,
    };
    let bar = ProgressBar::with_draw_target(
        size,
        if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}")
    {
        bar.set_style(style);
    }
    let mut population = Population::new();
    let import = if args.strict {
        ImportOptions::strict()
    } else {
        ImportOptions::default()
    };
    let import = ExportImport::new(args.file.to_string(), import);
    let summary = if let Some(parquet) = parquet_batches(&args.file)? {
        // A Parquet copy of an export (`decentwork convert`): read as Arrow
        // record batches, through the same row checks.
        import.read_arrow_batched(
            parquet,
            ObservationBatch::new,
            |batch, row| batch.push(&row.observation()),
            |batch| population.add_batch(&batch),
        )
    } else {
        // No BufReader: the export reader reads blocks of two megabytes itself.
        let reader = Counting {
            inner: args.file.open()?,
            bar: bar.clone(),
        };
        // Each block's rows are gathered into a batch on the thread that
        // read it; the population takes the batches in input order.
        import.read_observations(reader, |batch| population.add_batch(&batch))
    }
    .map_err(|e| import_failure(&e))?;
    bar.finish_and_clear();
    report_summary(&args.file, &summary);
    let notes = population.notes();
    if notes.inconsistent_rows > 0 {
        eprintln!(
            "warning: {} rows give an assessment with another factory, date or cycle than its first row; counted under the first",
            notes.inconsistent_rows
        );
    }
    Ok(population)
}

/// An import error as the command's failure: unreadable input, or bad data.
fn import_failure(e: &ImportError) -> Failure {
    if e.is_read_failure() {
        Failure::unreadable(e.to_string())
    } else {
        Failure::data(e.to_string())
    }
}

/// The record batches of `file` if it is a regular file that starts with
/// Parquet's magic bytes; `None` for anything else, read as CSV. A pipe is
/// never sniffed: the bytes read would be gone for the CSV reader.
fn parquet_batches(file: &Source) -> Result<Option<ParquetRecordBatchReader>> {
    let Source::File(path) = file else {
        return Ok(None);
    };
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    let mut magic = [0_u8; 4];
    let mut opened = std::fs::File::open(path).map_err(|e| Failure::io(file, &e))?;
    if opened.read_exact(&mut magic).is_err() || &magic != b"PAR1" {
        return Ok(None);
    }
    opened.rewind().map_err(|e| Failure::io(file, &e))?;
    let unreadable =
        |e: ParquetError| Failure::unreadable(format!("{file}: not a readable Parquet file: {e}"));
    let plain =
        ArrowReaderMetadata::load(&opened, ArrowReaderOptions::new()).map_err(unreadable)?;
    // Text read as dictionaries: a dictionary-encoded column keeps its
    // dictionary, so that a long value repeated on every row is held once,
    // not once per row (a file of a few kilobytes could otherwise ask for
    // gigabytes). Where the file's types do not allow it, they are read as
    // they are.
    let fields: Vec<Field> = plain
        .schema()
        .fields()
        .iter()
        .map(|f| match f.data_type() {
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
                f.as_ref().clone().with_data_type(DataType::Dictionary(
                    Box::new(DataType::Int32),
                    Box::new(DataType::Utf8),
                ))
            }
            _ => f.as_ref().clone(),
        })
        .collect();
    let hinted = Arc::new(Schema::new_with_metadata(
        fields,
        plain.schema().metadata().clone(),
    ));
    let metadata = ArrowReaderMetadata::try_new(
        Arc::clone(plain.metadata()),
        ArrowReaderOptions::new().with_schema(hinted),
    )
    .unwrap_or(plain);
    // Record batches of about PARQUET_BATCH_BYTES at most, as the row groups
    // say their rows weigh.
    let widest = metadata
        .metadata()
        .row_groups()
        .iter()
        .filter(|g| g.num_rows() > 0)
        .map(|g| g.total_byte_size().max(0) / g.num_rows())
        .max()
        .unwrap_or(0);
    let rows = usize::try_from(PARQUET_BATCH_BYTES / widest.max(1))
        .unwrap_or(PARQUET_BATCH_ROWS)
        .clamp(1, PARQUET_BATCH_ROWS);
    ParquetRecordBatchReaderBuilder::new_with_metadata(opened, metadata)
        .with_batch_size(rows)
        .build()
        .map(Some)
        .map_err(unreadable)
}

/// Prints what an import read and skipped on stderr.
fn report_summary(file: &Source, summary: &ImportSummary) {
    eprintln!(
        "{}: {} rows read, {} used, {} skipped",
        file, summary.rows_read, summary.rows_used, summary.rows_skipped
    );
    for e in summary.skipped.iter().take(20) {
        eprintln!("skipped: {e}");
    }
    if summary.skipped.len() > 20 || summary.rows_skipped > summary.skipped.len() as u64 {
        eprintln!("… {} skipped rows in all", summary.rows_skipped);
    }
    for w in summary.warnings() {
        eprintln!("warning: {w}");
    }
}

/// Arguments of `decentwork convert`.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  decentwork convert export.csv --output export.parquet\n  decentwork rates export.parquet --population latest --by cluster,cp\n\nThe Parquet file keeps the export's column names; text columns are dictionary-encoded, Finding is a small integer (empty on fact-gathering rows), Assesment.Start.Date a date, Cycle an integer. Tags keeps \"Public Disclosure\" only. `rates` and `microdata` read it into the same tables as the CSV."
)]
pub(crate) struct ConvertArgs {
    /// The export (CSV; `-` for standard input).
    file: Source,
    /// The Parquet file to write.
    #[arg(long, short)]
    output: PathBuf,
    /// Stop at the first bad row (otherwise bad rows are skipped, listed, and left out of the copy).
    #[arg(long)]
    strict: bool,
}

/// `decentwork convert`: the export as Parquet, rows checked as `rates`
/// checks them. Batches go from the reading thread to the writer through a
/// channel of two, so memory stays bounded; a failed read leaves no file.
pub(crate) fn convert(args: &ConvertArgs) -> Result<()> {
    let options = if args.strict {
        ImportOptions::strict()
    } else {
        ImportOptions::default()
    };
    if let Source::File(path) = &args.file
        && let (Ok(input), Ok(output)) = (path.canonicalize(), args.output.canonicalize())
        && input == output
    {
        // Creating the output would empty the input before it is read.
        return Err(Failure::usage(format!(
            "--output {} is the export itself; give another file",
            args.output.display()
        )));
    }
    let import = ExportImport::new(args.file.to_string(), options);
    let input = args.file.open()?;
    let output = Output(Some(args.output.clone()));
    let (read, written) = std::thread::scope(|scope| {
        let (batches, received) =
            std::sync::mpsc::sync_channel::<std::result::Result<RecordBatch, ArrowError>>(2);
        let reading = scope.spawn(move || {
            let mut builder = ExportBatchBuilder::new();
            let send = |batch| batches.send(batch).is_ok();
            let mut open = true;
            let summary = import.read_borrowed_parallel(input, |row| {
                if !open {
                    return;
                }
                builder.push(row);
                if builder.len() >= 64 * 1024 {
                    open = send(builder.finish());
                }
            });
            match &summary {
                Ok(_) if !builder.is_empty() => {
                    send(builder.finish());
                }
                Ok(_) => {}
                // The writer must not finish a file from part of the rows.
                Err(e) => {
                    send(Err(ArrowError::ExternalError(Box::new(
                        std::io::Error::other(e.to_string()),
                    ))));
                }
            }
            summary
        });
        let written = output.parquet(export_schema(), received);
        let read = reading.join().unwrap_or_else(|_| {
            Err(ImportError::Unreadable {
                file: args.file.to_string(),
                message: "the reading thread stopped".to_owned(),
            })
        });
        (read, written)
    });
    let summary = match (read, written) {
        (Ok(summary), Ok(())) => summary,
        (read, written) => {
            let _ = std::fs::remove_file(&args.output);
            return Err(match read {
                Err(e) => import_failure(&e),
                Ok(_) => written
                    .err()
                    .unwrap_or_else(|| Failure::data("conversion failed")),
            });
        }
    };
    report_summary(&args.file, &summary);
    eprintln!(
        "{}: {} rows written",
        args.output.display(),
        summary.rows_used
    );
    Ok(())
}
