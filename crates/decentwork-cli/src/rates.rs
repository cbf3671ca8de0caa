//! `decentwork rates EXPORT.csv …`: non-compliance rates from a Better Work export.

use std::fmt::Write as _;
use std::io::{IsTerminal, Read};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use decentwork::io::{ExportImport, ImportOptions};
use decentwork::report::{Render, SynthesisReport, csv_field};
use decentwork::scoring::{GroupBy, MonthWindow, Population, RateOptions, Selection};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::{Failure, Format, Result, print, to_json};

/// Arguments of `decentwork rates`.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  decentwork rates export.csv --population latest --from 2023-01 --to 2024-12 --by country,cp --format csv\n  decentwork rates export.csv --population cycle:1 --by cluster --harmonise --exclude-obsolete --format md\n  decentwork rates export.csv --population panel:3 --by cycle,cp\n  decentwork rates export.csv --population latest --by question"
)]
pub(crate) struct RatesArgs {
    /// The export (CSV).
    file: PathBuf,
    /// `latest` (latest assessment of each factory in the window), `cycle:N`, or `panel:N` (factories with every cycle 1..N).
    #[arg(long, default_value = "latest")]
    population: String,
    /// First month (inclusive) of `Assesment.Start.Date`, YYYY-MM.
    #[arg(long)]
    from: Option<String>,
    /// Last month (inclusive), YYYY-MM.
    #[arg(long)]
    to: Option<String>,
    /// Comma list of country, cluster, cp, cycle; or the single key question.
    #[arg(long, default_value = "cp")]
    by: String,
    /// Merge the worst-forms points and read the "Systems" cluster as OSH.
    #[arg(long)]
    harmonise: bool,
    /// Leave out factories marked (Obsolete).
    #[arg(long)]
    exclude_obsolete: bool,
    /// Stop at the first bad row.
    #[arg(long)]
    strict: bool,
    /// `csv`, `json` or `md`.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Report date stated in JSON and Markdown output (default: the last month of the window, or today's data date).
    #[arg(long)]
    on: Option<NaiveDate>,
}

fn month(text: &str, flag: &str) -> Result<(i32, u32)> {
    let (y, m) = text
        .split_once('-')
        .ok_or_else(|| Failure::usage(format!("{flag} {text:?}: expected YYYY-MM")))?;
    let y: i32 = y
        .parse()
        .map_err(|_| Failure::usage(format!("{flag} {text:?}: expected YYYY-MM")))?;
    let m: u32 = m
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| Failure::usage(format!("{flag} {text:?}: expected a month 01-12")))?;
    Ok((y, m))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Country,
    Cluster,
    Cp,
    Cycle,
}

fn keys(text: &str) -> Result<(Vec<Key>, bool)> {
    let parts: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if parts == ["question"] {
        return Ok((Vec::new(), true));
    }
    let mut keys = Vec::new();
    for p in parts {
        let key = match p {
            "country" => Key::Country,
            "cluster" => Key::Cluster,
            "cp" => Key::Cp,
            "cycle" => Key::Cycle,
            "question" => {
                return Err(Failure::usage(
                    "question is a key of its own: --by question",
                ));
            }
            other => {
                return Err(Failure::usage(format!(
                    "--by: unknown key {other:?} (country, cluster, cp, cycle, or question)"
                )));
            }
        };
        if keys.contains(&key) {
            return Err(Failure::usage(format!("--by: {p} given twice")));
        }
        keys.push(key);
    }
    Ok((keys, false))
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

pub(crate) fn run(args: &RatesArgs) -> Result<()> {
    let window = match (args.from.as_deref(), args.to.as_deref()) {
        (None, None) => None,
        (from, to) => Some(MonthWindow::new(
            from.map_or(Ok((1, 1)), |f| month(f, "--from"))?,
            to.map_or(Ok((9999, 12)), |t| month(t, "--to"))?,
        )),
    };
    let selection = match args.population.split_once(':') {
        None if args.population == "latest" => {
            Selection::LatestInWindow(window.unwrap_or(MonthWindow::new((1, 1), (9999, 12))))
        }
        Some(("cycle", n)) => Selection::Cycle {
            cycle: n
                .parse()
                .map_err(|_| Failure::usage("--population cycle:N needs a number"))?,
            window,
        },
        Some(("panel", n)) => Selection::BalancedPanel {
            cycles: n
                .parse()
                .map_err(|_| Failure::usage("--population panel:N needs a number"))?,
            window,
        },
        _ => {
            return Err(Failure::usage(format!(
                "--population {:?}: expected latest, cycle:N or panel:N",
                args.population
            )));
        }
    };
    let (keys, by_question) = keys(&args.by)?;
    if args.format == Format::Html {
        return Err(Failure::usage("rates writes csv, json or md"));
    }
    let mut options = RateOptions::default();
    options.merge_worst_forms = args.harmonise;
    options.systems_as_osh = args.harmonise;
    options.exclude_obsolete = args.exclude_obsolete;

    let population = load(args)?;

    if by_question {
        return print(&question_output(
            &population,
            selection,
            options,
            args.format,
        )?);
    }
    let group_by: Vec<GroupBy> = keys
        .iter()
        .map(|k| match k {
            Key::Country => GroupBy::Country,
            Key::Cluster => GroupBy::Cluster,
            Key::Cp => GroupBy::Point,
            Key::Cycle => GroupBy::Cycle,
        })
        .collect();
    let table = population.rates(selection, &group_by, options);
    let on = args.on.unwrap_or_else(|| match window {
        Some(w) => {
            NaiveDate::from_ymd_opt(w.to.0, w.to.1, 1).unwrap_or(decentwork::catalogue::DATA_DATE)
        }
        None => decentwork::catalogue::DATA_DATE,
    });
    let report = SynthesisReport::from_table("Non-compliance rates", &table, on);
    match args.format {
        Format::Json => print(&to_json(&report)?),
        Format::Md => print(&report.markdown()),
        _ => print(&csv_output(&keys, &table)),
    }
}

/// The rate table as CSV: the keys in the order given, then counts and rate.
fn csv_output(keys: &[Key], table: &decentwork::scoring::RateTable) -> String {
    let mut out = String::new();
    let names: Vec<&str> = keys
        .iter()
        .map(|k| match k {
            Key::Country => "country",
            Key::Cluster => "cluster",
            Key::Cp => "cp",
            Key::Cycle => "cycle",
        })
        .collect();
    let _ = writeln!(
        out,
        "{}",
        names
            .iter()
            .copied()
            .chain(["assessed", "non_compliant", "rate"])
            .collect::<Vec<_>>()
            .join(",")
    );
    for row in &table.rows {
        let mut fields: Vec<String> = keys
            .iter()
            .map(|k| match k {
                Key::Country => row.country.map(|c| c.code().to_owned()).unwrap_or_default(),
                Key::Cluster => csv_field(row.cluster.as_deref().unwrap_or("")),
                Key::Cp => csv_field(row.point.as_deref().unwrap_or("")),
                Key::Cycle => row.cycle.map(|c| c.to_string()).unwrap_or_default(),
            })
            .collect();
        fields.push(row.factories.assessed.to_string());
        fields.push(row.factories.non_compliant.to_string());
        fields.push(
            row.factories
                .rate()
                .map(|r| r.to_decimal(4).to_string())
                .unwrap_or_default(),
        );
        let _ = writeln!(out, "{}", fields.join(","));
    }
    out
}

/// Streams the export into a population, reporting what was read on stderr.
fn load(args: &RatesArgs) -> Result<Population> {
    let file = std::fs::File::open(&args.file).map_err(|e| Failure::io(&args.file, &e))?;
    let size = file.metadata().map_or(0, |m| m.len());
    let bar = ProgressBar::with_draw_target(
        Some(size),
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
    // No BufReader: the export reader reads blocks of a megabyte itself.
    let reader = Counting {
        inner: file,
        bar: bar.clone(),
    };
    let summary = ExportImport::new(args.file.display().to_string(), import)
        .read_borrowed_parallel(reader, |row| population.add(&row.finding_record()))
        .map_err(|e| Failure::data(e.to_string()))?;
    bar.finish_and_clear();
    eprintln!(
        "{}: {} rows read, {} used, {} skipped",
        args.file.display(),
        summary.rows_read,
        summary.rows_used,
        summary.rows_skipped
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

    Ok(population)
}

fn question_output(
    population: &Population,
    selection: Selection,
    options: RateOptions,
    format: Format,
) -> Result<String> {
    let rows = population.question_rates(selection, options);
    let rate = |t: decentwork::scoring::Tally| {
        t.rate()
            .map(|r| r.to_decimal(4).to_string())
            .unwrap_or_default()
    };
    match format {
        Format::Json => {
            let value: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "question_id": r.question, "question": r.text, "cp": r.point, "cluster": r.cluster,
                        "public": r.public, "assessed": r.factories.assessed, "non_compliant": r.factories.non_compliant,
                        "rate": rate(r.factories),
                    })
                })
                .collect();
            to_json(&value)
        }
        Format::Md => {
            let (public, other) = population.question_rates_by_disclosure(selection, options);
            let mut out = format!(
                "# Question-level non-compliance rates\n\nPublicly disclosed questions: {} of {} factory-question pairs non-compliant; others: {} of {}.\n\n| Question | Compliance point | Public | Assessed | Non-compliant | Rate |\n|---|---|---|---:|---:|---:|\n",
                public.non_compliant, public.assessed, other.non_compliant, other.assessed
            );
            for r in &rows {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    r.question,
                    r.point.replace('|', "\\|"),
                    r.public,
                    r.factories.assessed,
                    r.factories.non_compliant,
                    rate(r.factories)
                );
            }
            Ok(out)
        }
        _ => {
            let mut out = String::from(
                "question_id,question,cp,cluster,public,assessed,non_compliant,rate\n",
            );
            for r in &rows {
                let _ = writeln!(
                    out,
                    "{},{},{},{},{},{},{},{}",
                    csv_field(&r.question),
                    csv_field(&r.text),
                    csv_field(&r.point),
                    csv_field(&r.cluster),
                    r.public,
                    r.factories.assessed,
                    r.factories.non_compliant,
                    rate(r.factories)
                );
            }
            Ok(out)
        }
    }
}
