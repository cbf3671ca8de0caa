//! Python bindings of decentwork: the `decentwork._native` extension module
//! of the `decentwork` Python package (built by maturin from
//! `pyproject.toml`). The public Python API, its docstrings and type stubs
//! live in `python/decentwork/`; this module does the work:
//!
//! ```text
//! import decentwork
//! table = decentwork.rates("export.csv", population="panel:3", by=("cycle", "cp"))
//! table.to_pandas()
//! ```
//!
//! Exports are read by `decentwork-io` (a path, or Arrow record batches
//! through the Arrow C stream interface), counted by `decentwork-scoring`,
//! and handed back as Arrow tables built by `decentwork-report`, so the
//! Python package, the CLI and the Rust API give the same numbers. Errors
//! become the Python exceptions of `decentwork.errors`, with the CLI's
//! messages; nothing here panics on input.

use std::path::PathBuf;

use arrow_array::RecordBatch;
use chrono::NaiveDate;
use decentwork::catalogue::{CompliancePoint, Instrument, LawInForce, Question, Ratification, Tag};
use decentwork::io::{ExportImport, ImportError, ImportOptions};
use decentwork::model::{Assessment, Country, FactoryBundle, Jurisdiction};
use decentwork::report::SynthesisReport;
use decentwork::report::arrow::{
    assessment_microdata_batches, assessment_microdata_schema, point_microdata_batches,
    point_microdata_schema,
};
use decentwork::report::{EvidenceReport, ScoredAssessment};
use decentwork::scoring::{
    EvidenceContext, GroupBy, MonthWindow, ObservationBatch, Population, PopulationRule,
    RateOptions, ScoreOptions, check_committees, check_evidence, parse_month, score_assessment,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3_arrow::{PyRecordBatchReader, PyTable};

/// What went wrong, as the CLI sorts it: the Python exception class of
/// `decentwork.errors` it becomes, and the message.
enum Failure {
    /// Invalid data (the CLI's exit code 1): `DataError`.
    Data(String),
    /// A bad argument (exit code 2): `UsageError`.
    Usage(String),
    /// Unreadable input (exit code 3): `ReadError`.
    Unreadable(String),
}

impl From<Failure> for PyErr {
    fn from(failure: Failure) -> PyErr {
        let (class, message) = match failure {
            Failure::Data(m) => ("DataError", m),
            Failure::Usage(m) => ("UsageError", m),
            Failure::Unreadable(m) => ("ReadError", m),
        };
        Python::attach(|py| {
            let made = py
                .import("decentwork.errors")
                .and_then(|errors| errors.getattr(class))
                .and_then(|class| class.call1((message,)));
            match made {
                Ok(error) => PyErr::from_value(error),
                Err(e) => e,
            }
        })
    }
}

impl From<ImportError> for Failure {
    fn from(e: ImportError) -> Failure {
        if e.is_read_failure() {
            Failure::Unreadable(e.to_string())
        } else {
            Failure::Data(e.to_string())
        }
    }
}

/// A month as `YYYY-MM`; the CLI's message otherwise.
fn month(name: &str, text: Option<&str>) -> Result<Option<(i32, u32)>, Failure> {
    let Some(text) = text else { return Ok(None) };
    parse_month(text)
        .map(Some)
        .map_err(|e| Failure::Usage(format!("{name}: {e}")))
}

/// The population rule `text` names, over `window`; the CLI's messages.
fn rule(text: &str, window: Option<MonthWindow>) -> Result<PopulationRule, Failure> {
    let number = |n: &str| {
        n.parse::<u16>().ok().filter(|&n| n >= 1).ok_or_else(|| {
            Failure::Usage(format!(
                "population: {text:?}: N is a cycle number from 1 to {}",
                u16::MAX
            ))
        })
    };
    match text.split_once(':') {
        None if text == "latest" => Ok(PopulationRule::Latest { window }),
        Some(("cycle", n)) => Ok(PopulationRule::Cycle {
            cycle: number(n)?,
            window,
        }),
        Some(("panel", n)) => Ok(PopulationRule::Panel {
            cycles: number(n)?,
            window,
        }),
        Some(("panel-strict", n)) => Ok(PopulationRule::StrictPanel {
            cycles: number(n)?,
            window,
        }),
        _ => Err(Failure::Usage(format!(
            "population: {text:?}: expected latest, cycle:N, panel:N or panel-strict:N"
        ))),
    }
}

/// The rule and options the arguments ask for.
fn selection(
    population: &str,
    start: Option<&str>,
    end: Option<&str>,
    harmonise: bool,
    exclude_obsolete: bool,
) -> Result<(PopulationRule, RateOptions), Failure> {
    let window = MonthWindow::between(month("start", start)?, month("end", end)?)
        .map_err(|e| Failure::Usage(format!("start/end: {e}")))?;
    let mut options = if harmonise {
        RateOptions::harmonised()
    } else {
        RateOptions::default()
    };
    options.exclude_obsolete = exclude_obsolete;
    Ok((rule(population, window)?, options))
}

/// Where an export comes from: a path, or Arrow record batches.
enum Source {
    Path(PathBuf),
    Arrow(PyRecordBatchReader),
}

impl Source {
    fn of(source: &Bound<'_, PyAny>) -> PyResult<Source> {
        if let Ok(path) = source.extract::<PathBuf>() {
            return Ok(Source::Path(path));
        }
        if source.hasattr("__arrow_c_stream__")? {
            return Ok(Source::Arrow(source.extract::<PyRecordBatchReader>()?));
        }
        Err(Failure::Usage(format!(
            "source: a path, or a table with the export's columns (pandas, Polars, pyarrow), not {}",
            source.get_type().name()?
        ))
        .into())
    }

    /// The export read into a population, without the interpreter lock.
    fn population(self, py: Python<'_>) -> PyResult<Population> {
        let result = match self {
            Source::Path(path) => {
                let name = path.display().to_string();
                py.detach(|| {
                    let file = std::fs::File::open(&path)
                        .map_err(|e| Failure::Unreadable(format!("{name}: {e}")))?;
                    if file.metadata().is_ok_and(|m| m.is_dir()) {
                        return Err(Failure::Unreadable(format!("{name}: not a regular file")));
                    }
                    let mut population = Population::new();
                    ExportImport::new(name, ImportOptions::default())
                        .read_observations(file, |batch| population.add_batch(&batch))?;
                    Ok(population)
                })
            }
            Source::Arrow(reader) => {
                let reader = reader.into_reader()?;
                py.detach(|| {
                    let mut population = Population::new();
                    ExportImport::new("the table", ImportOptions::default()).read_arrow_batched(
                        reader,
                        ObservationBatch::new,
                        |batch, row| batch.push(&row.observation()),
                        |batch| population.add_batch(&batch),
                    )?;
                    Ok(population)
                })
            }
        };
        result.map_err(PyErr::from)
    }
}

/// Record batches as a `pyarrow.Table`, through the Arrow C data interface.
fn table(
    py: Python<'_>,
    batches: Vec<RecordBatch>,
    schema: decentwork::report::arrow::SchemaRef,
) -> PyResult<Bound<'_, PyAny>> {
    PyTable::try_new(batches, schema)?.into_pyarrow(py)
}

/// Non-compliance rates of an export, as a `pyarrow.Table` (see the
/// Python wrapper `decentwork.rates` for the arguments).
#[pyfunction]
#[pyo3(signature = (source, population, by, start, end, harmonise, exclude_obsolete))]
#[allow(
    clippy::too_many_arguments,
    reason = "the Python API's keyword arguments"
)]
#[allow(
    clippy::needless_pass_by_value,
    reason = "pyo3 extracts owned arguments"
)]
fn rates<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    population: &str,
    by: Vec<String>,
    start: Option<&str>,
    end: Option<&str>,
    harmonise: bool,
    exclude_obsolete: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let (rule, options) = selection(population, start, end, harmonise, exclude_obsolete)?;
    let by_question = by.iter().any(|k| k == "question");
    if by_question && by.len() > 1 {
        return Err(Failure::Usage("by: question stands alone".to_owned()).into());
    }
    let mut group_by = Vec::new();
    for key in &by {
        let g = match key.as_str() {
            "country" => GroupBy::Country,
            "cycle" => GroupBy::Cycle,
            "cluster" => GroupBy::Cluster,
            "cp" => GroupBy::Point,
            "question" => continue,
            other => {
                return Err(Failure::Usage(format!(
                    "by: {other:?}: expected country, cycle, cluster, cp or question"
                ))
                .into());
            }
        };
        if group_by.contains(&g) {
            return Err(Failure::Usage(format!("by: {key} given twice")).into());
        }
        group_by.push(g);
    }
    let population = Source::of(source)?.population(py)?;
    let on = rule
        .window()
        .and_then(MonthWindow::last_day)
        .or_else(|| population.start_range().map(|(_, last)| last))
        .unwrap_or(decentwork::catalogue::DATA_DATE);
    let report = if by_question {
        SynthesisReport::from_questions("rates", &population.question_rates(rule, options), on)
    } else {
        SynthesisReport::from_table("rates", &population.rates(rule, &group_by, options), on)
    };
    let batch = report
        .to_record_batch()
        .map_err(|e| Failure::Data(e.to_string()))?;
    let schema = batch.schema();
    table(py, vec![batch], schema)
}

/// Microdata of an export, as a `pyarrow.Table` (see the Python wrapper
/// `decentwork.microdata` for the arguments).
#[pyfunction]
#[pyo3(signature = (source, population, start, end, harmonise, exclude_obsolete, level))]
#[allow(
    clippy::too_many_arguments,
    reason = "the Python API's keyword arguments"
)]
fn microdata<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    population: &str,
    start: Option<&str>,
    end: Option<&str>,
    harmonise: bool,
    exclude_obsolete: bool,
    level: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let (rule, options) = selection(population, start, end, harmonise, exclude_obsolete)?;
    if !matches!(level, "cp" | "assessment") {
        return Err(Failure::Usage(format!("level: {level:?}: expected cp or assessment")).into());
    }
    let population = Source::of(source)?.population(py)?;
    let (batches, schema) = if level == "cp" {
        (
            point_microdata_batches(population.point_records(rule, options))
                .collect::<Result<Vec<_>, _>>(),
            point_microdata_schema(),
        )
    } else {
        (
            assessment_microdata_batches(population.assessment_rates(rule, options))
                .collect::<Result<Vec<_>, _>>(),
            assessment_microdata_schema(),
        )
    };
    let batches = batches.map_err(|e| Failure::Data(e.to_string()))?;
    table(py, batches, schema)
}

/// A value's JSON name (`snake_case`), as the wire contract writes it.
fn name_of<T: serde::Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(e) => e.to_string(),
    }
}

fn day(name: &str, text: &str) -> Result<NaiveDate, Failure> {
    text.parse()
        .map_err(|_| Failure::Usage(format!("{name}: {text:?}: expected a date as YYYY-MM-DD")))
}

/// The law in force in a jurisdiction on a day: one dict per value, and
/// one per parameter the law leaves unset (`set_by_law` false).
#[pyfunction]
fn law<'py>(py: Python<'py>, jurisdiction: &str, on: &str) -> PyResult<Bound<'py, PyList>> {
    let place: Jurisdiction = jurisdiction
        .parse()
        .map_err(|e| Failure::Usage(format!("jurisdiction: {jurisdiction:?}: {e}")))?;
    let on = day("on", on)?;
    let law = LawInForce::try_new(place, on).map_err(|e| Failure::Data(e.to_string()))?;
    let rows = PyList::empty(py);
    for v in law.values() {
        let d = PyDict::new(py);
        d.set_item("jurisdiction", v.jurisdiction().to_string())?;
        d.set_item("parameter", v.parameter().name())?;
        d.set_item("set_by_law", true)?;
        d.set_item("value", v.value().to_string())?;
        d.set_item("shown", v.display_value())?;
        d.set_item("region", v.region())?;
        d.set_item("sector", v.sector())?;
        d.set_item("variant", v.variant())?;
        d.set_item("from", v.from().map(|d| d.to_string()))?;
        d.set_item("to", v.to().map(|d| d.to_string()))?;
        d.set_item("legal_basis", v.legal_basis())?;
        d.set_item("source", v.provenance().source)?;
        d.set_item("status", name_of(v.provenance().status))?;
        rows.append(d)?;
    }
    for a in law.absences() {
        let d = PyDict::new(py);
        d.set_item("jurisdiction", a.jurisdiction().to_string())?;
        d.set_item("parameter", a.parameter().name())?;
        d.set_item("set_by_law", false)?;
        d.set_item("value", py.None())?;
        d.set_item("shown", "none set by law")?;
        d.set_item("region", a.region())?;
        d.set_item("sector", a.sector())?;
        d.set_item("variant", py.None())?;
        d.set_item("from", py.None())?;
        d.set_item("to", py.None())?;
        d.set_item("legal_basis", a.legal_basis())?;
        d.set_item("source", a.provenance().source)?;
        d.set_item("status", name_of(a.provenance().status))?;
        rows.append(d)?;
    }
    Ok(rows)
}

/// A country's ratifications of the catalogue's instruments, with each
/// one's status on a day.
#[pyfunction]
fn ratifications<'py>(py: Python<'py>, country: &str, on: &str) -> PyResult<Bound<'py, PyList>> {
    let code: Country = country
        .parse()
        .map_err(|e| Failure::Usage(format!("country: {country:?}: {e}")))?;
    let on = day("on", on)?;
    let rows = PyList::empty(py);
    for r in Ratification::for_country(code) {
        let d = PyDict::new(py);
        d.set_item("country", code.code())?;
        d.set_item("instrument", r.instrument().code())?;
        d.set_item("status_on_date", name_of(r.status_on(on)))?;
        d.set_item("recorded_status", name_of(r.status()))?;
        d.set_item("date", r.date().map(|d| d.to_string()))?;
        d.set_item("note", r.note())?;
        d.set_item("source", r.provenance().source)?;
        d.set_item("source_status", name_of(r.provenance().status))?;
        rows.append(d)?;
    }
    if rows.is_empty() {
        return Err(Failure::Data(format!(
            "the catalogue has no ratification records for {code}"
        ))
        .into());
    }
    Ok(rows)
}

/// The catalogue's questions, optionally only those whose ID or text holds
/// every word of `text`, that cite `instrument`, or that carry `tag`.
#[pyfunction]
#[pyo3(signature = (text=None, instrument=None, tag=None))]
fn questions<'py>(
    py: Python<'py>,
    text: Option<&str>,
    instrument: Option<&str>,
    tag: Option<&str>,
) -> PyResult<Bound<'py, PyList>> {
    let instrument = instrument
        .map(|i| Instrument::lookup(i).map_err(|e| Failure::Usage(format!("instrument: {e}"))))
        .transpose()?;
    let tag: Option<Tag> = tag
        .map(|t| {
            serde_json::from_value(serde_json::Value::String(t.to_owned())).map_err(|_| {
                Failure::Usage(format!(
                    "tag: {t:?}: expected public_disclosure, zero_tolerance or critical_issue"
                ))
            })
        })
        .transpose()?;
    let words: Vec<String> = text
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let rows = PyList::empty(py);
    for q in Question::all() {
        let hay = format!("{} {}", q.id(), q.template()).to_lowercase();
        let keep = words.iter().all(|w| hay.contains(w.as_str()))
            && instrument.is_none_or(|i| q.ilo_references().any(|r| r.instrument() == i))
            && tag.is_none_or(|t| q.has_tag(t));
        if !keep {
            continue;
        }
        let cp: CompliancePoint = q.compliance_point();
        let d = PyDict::new(py);
        d.set_item("question_id", q.id())?;
        d.set_item("question", q.template())?;
        d.set_item("kind", name_of(q.kind()))?;
        d.set_item("cluster", cp.cluster().name())?;
        d.set_item("cluster_id", cp.cluster().id())?;
        d.set_item("cp", cp.name())?;
        d.set_item("cp_id", cp.id())?;
        let tags: Vec<String> = q.tags().iter().map(|&t| name_of(t)).collect();
        d.set_item("tags", tags)?;
        let instruments: Vec<&str> = q.ilo_references().map(|r| r.instrument().code()).collect();
        d.set_item("instruments", instruments)?;
        rows.append(d)?;
    }
    Ok(rows)
}

/// Scores an assessment (JSON text: an assessment, or a factory bundle,
/// whose latest assessment is scored in the factory's jurisdiction) with
/// the Better Work rule; returns the scored assessment as JSON text, as
/// `decentwork score --format json` writes it.
#[pyfunction]
#[pyo3(signature = (assessment, jurisdiction=None))]
fn score(py: Python<'_>, assessment: &str, jurisdiction: Option<&str>) -> PyResult<String> {
    let jurisdiction: Option<Jurisdiction> = jurisdiction
        .map(|j| {
            j.parse()
                .map_err(|e| Failure::Usage(format!("jurisdiction: {j:?}: {e}")))
        })
        .transpose()?;
    let is_bundle = serde_json::from_str::<serde_json::Value>(assessment)
        .ok()
        .is_some_and(|v| v.get("factory").is_some_and(serde_json::Value::is_object));
    let text = py.detach(|| -> Result<String, Failure> {
        let (assessment, home): (Assessment, Option<Jurisdiction>) = if is_bundle {
            let bundle: FactoryBundle = decentwork_model::json::bundle_from_str(assessment)
                .map_err(|problems| {
                    let lines: Vec<String> =
                        problems.iter().map(|p| format!("bundle: {p}")).collect();
                    Failure::Data(lines.join("\n"))
                })?;
            let latest = bundle
                .latest_assessment(bundle.report_date())
                .ok_or_else(|| Failure::Data("bundle: the bundle has no assessment".to_owned()))?
                .clone();
            (latest, Some(bundle.factory.jurisdiction))
        } else {
            let parsed = decentwork_model::json::from_str(assessment)
                .map_err(|e| Failure::Data(format!("assessment: {e}")))?;
            (parsed, None)
        };
        let options = jurisdiction
            .or(home)
            .map_or_else(ScoreOptions::default, ScoreOptions::in_jurisdiction);
        let scored = score_assessment(&assessment, options);
        serde_json::to_string(&ScoredAssessment::from_score(&scored, assessment.end))
            .map_err(|e| Failure::Data(e.to_string()))
    })?;
    Ok(text)
}

/// A factory bundle (JSON text) read with the model's checks: every
/// problem found, one per line, as the CLI reports them.
fn bundle(text: &str) -> Result<FactoryBundle, Failure> {
    decentwork_model::json::bundle_from_str(text).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(|p| format!("bundle: {p}")).collect();
        Failure::Data(lines.join("\n"))
    })
}

/// Checks a factory bundle (JSON text) on a day (`YYYY-MM-DD`; default the
/// bundle's report date): its worker records against the law in force and
/// its committees against those the law requires. Returns the evidence
/// report as JSON text, as `decentwork check --format json` writes it.
#[pyfunction]
#[pyo3(signature = (bundle_json, on=None))]
fn check(py: Python<'_>, bundle_json: &str, on: Option<&str>) -> PyResult<String> {
    let on = on.map(|d| day("on", d)).transpose()?;
    let text = py.detach(|| -> Result<String, Failure> {
        let bundle = bundle(bundle_json)?;
        let on = on.unwrap_or_else(|| bundle.report_date());
        let evidence = check_evidence(
            EvidenceContext::for_factory(&bundle.factory, on),
            &bundle.workers,
        );
        let committees = check_committees(&bundle.factory, &bundle.committees, on);
        let report = EvidenceReport::build(&bundle.factory, &evidence, &committees, on);
        serde_json::to_string(&report).map_err(|e| Failure::Data(e.to_string()))
    })?;
    Ok(text)
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(rates, m)?)?;
    m.add_function(wrap_pyfunction!(microdata, m)?)?;
    m.add_function(wrap_pyfunction!(law, m)?)?;
    m.add_function(wrap_pyfunction!(ratifications, m)?)?;
    m.add_function(wrap_pyfunction!(questions, m)?)?;
    m.add_function(wrap_pyfunction!(score, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
