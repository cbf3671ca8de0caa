//! The Arrow reader gives what the CSV reader gives: the same rows, skipped
//! rows, errors, unknown labels and so the same rates, whatever Arrow types
//! the columns arrive in (as pandas, Polars or Parquet hand them over).
#![cfg(feature = "arrow")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use std::fmt::Write as _;
use std::sync::Arc;

use arrow_array::cast::AsArray as _;
use arrow_array::types::Int32Type;
use arrow_array::{
    ArrayRef, Date32Array, DictionaryArray, Float64Array, Int32Array, Int64Array, LargeStringArray,
    RecordBatch, StringArray, StringViewArray,
};
use chrono::NaiveDate;
use decentwork_catalogue::CompliancePoint;
use decentwork_io::arrow::RecordBatchIterator;
use decentwork_io::{EXPORT_COLUMNS, ExportImport, ImportError, ImportOptions, ImportSummary};
use decentwork_scoring::{GroupBy, ObservationBatch, Population, PopulationRule, RateOptions};

/// A small export with what real ones hold: several factories and cycles,
/// fact-gathering rows with no finding, duplicate and conflicting rows,
/// the legacy cluster "Systems", "Viet Nam", an obsolete factory, quoted
/// commas, an unknown point, a bad cycle inside an assessment, and a bad row
/// at the end (two with `impossible_date`); `factories` factories.
fn export(factories: u64, impossible_date: bool) -> String {
    let points: Vec<CompliancePoint> = CompliancePoint::all().take(12).collect();
    let mut out = EXPORT_COLUMNS.join(",") + "\n";
    let mut seed = 7_u64;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) % n
    };
    let mut quest = 5000;
    for factory in 0..factories {
        let country = ["Bangladesh", "Vietnam", "Viet Nam", "Cambodia"][(factory % 4) as usize];
        let name = if factory == 4 {
            format!("\"Garment {factory}, Ltd (Obsolete)\"")
        } else {
            format!("Garment {factory}")
        };
        for cycle in 1..=(1 + factory % 3) {
            quest += 1;
            let date = format!(
                "{:02}/{:02}/{}",
                1 + factory % 28,
                1 + cycle * 3,
                2019 + cycle
            );
            for (p, point) in points.iter().enumerate() {
                let cluster = if factory == 2 && point.cluster().id() == "OSH" {
                    "Systems"
                } else {
                    point.cluster().name()
                };
                let cp = if factory == 5 && p == 3 {
                    "Some Old Point"
                } else {
                    point.name()
                };
                for q in 0..2 {
                    let finding = u64::from(next(5) == 0);
                    let line = format!(
                        "{country},{cluster},{cp},\"Question {p}.{q}, asked\",{}{q},NCQ,{finding},{},{quest},{},{name},{date},{cycle},Garment CAT\n",
                        100 + p,
                        if q == 0 { "Public Disclosure" } else { "" },
                        10 + factory
                    );
                    out.push_str(&line);
                    if factory == 3 && cycle == 1 && p == 1 && q == 0 {
                        // Between two good rows of one assessment, one whose
                        // cycle is not a cycle.
                        out.push_str(&line.replace(",1,Garment CAT", ",0,Garment CAT"));
                    }
                    if next(15) == 0 {
                        out.push_str(&line);
                    }
                    if next(20) == 0 {
                        out.push_str(&line.replace(
                            &format!(",NCQ,{finding},"),
                            &format!(",NCQ,{},", 1 - finding),
                        ));
                    }
                }
                let _ = writeln!(
                    out,
                    "{country},{cluster},{cp},How many?,{}9,FGW,,,{quest},{},{name},{date},{cycle},Garment CAT",
                    100 + p,
                    10 + factory
                );
            }
        }
    }
    out.push_str("Cambodia,Compensation,Overtime Wages,Paid?,501,NCQ,2,,9001,31,Sok,01/02/2024,1,Garment CAT\n");
    if impossible_date {
        out.push_str("Cambodia,Compensation,Overtime Wages,Paid?,501,NCQ,1,,9002,31,Sok,31/02/2024,1,Garment CAT\n");
    }
    out
}

/// The export's cells, column by column.
fn cells(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut columns = vec![Vec::new(); EXPORT_COLUMNS.len()];
    for record in reader.records() {
        for (column, cell) in columns.iter_mut().zip(record.unwrap().iter()) {
            column.push(cell.to_owned());
        }
    }
    columns
}

/// How a table's columns are typed.
#[derive(Clone, Copy, Debug)]
enum Encoding {
    /// As pandas, Polars or Parquet would give them: text of several
    /// encodings, numbers, dates.
    Typed,
    /// Every column dictionary-encoded text, as a Parquet file written by a
    /// tool that keeps each column as text holds it (empty cells null).
    Dictionaries,
}

/// One column in an Arrow type pandas, Polars or Parquet would give it.
fn column(name: &str, cells: &[String], encoding: Encoding) -> ArrayRef {
    let blank_null = |c: &String| (!c.is_empty()).then(|| c.clone());
    if let Encoding::Dictionaries = encoding {
        let dictionary = cells
            .iter()
            .map(|c| (!c.is_empty()).then_some(c.as_str()))
            .collect::<DictionaryArray<Int32Type>>();
        // Half the columns with their dictionary in large strings, as
        // pyarrow's `large_string` categories give it.
        if EXPORT_COLUMNS.iter().position(|&n| n == name).unwrap() % 2 == 1 {
            let values = dictionary.values().as_string::<i32>();
            let large: LargeStringArray = values.iter().collect();
            return Arc::new(
                DictionaryArray::try_new(dictionary.keys().clone(), Arc::new(large)).unwrap(),
            );
        }
        return Arc::new(dictionary);
    }
    match name {
        "Country" | "Factory.Assessed.Name" => Arc::new(
            cells
                .iter()
                .map(String::as_str)
                .collect::<DictionaryArray<Int32Type>>(),
        ),
        "Cluster" => Arc::new(LargeStringArray::from_iter_values(cells)),
        "CP" => Arc::new(StringViewArray::from_iter_values(cells)),
        "Tags" => Arc::new(cells.iter().map(blank_null).collect::<StringArray>()),
        // pandas: a number column with gaps is float64 with NaN.
        "Finding" => Arc::new(
            cells
                .iter()
                .map(|c| c.parse::<f64>().ok())
                .collect::<Float64Array>(),
        ),
        "Quest.ID" | "Factory.Assessed.ID" => Arc::new(
            cells
                .iter()
                .map(|c| c.parse::<i64>().unwrap())
                .collect::<Int64Array>(),
        ),
        "Cycle" => Arc::new(
            cells
                .iter()
                .map(|c| c.parse::<i32>().unwrap())
                .collect::<Int32Array>(),
        ),
        // A date column; a day that does not exist stays text (as pandas
        // leaves a column it cannot parse), so it gets its own batch below.
        "Assesment.Start.Date" => {
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
            let days: Option<Vec<i32>> = cells
                .iter()
                .map(|c| {
                    NaiveDate::parse_from_str(c, "%d/%m/%Y")
                        .ok()
                        .map(|d| i32::try_from((d - epoch).num_days()).unwrap())
                })
                .collect();
            match days {
                Some(days) => Arc::new(Date32Array::from(days)),
                None => Arc::new(StringArray::from_iter_values(cells)),
            }
        }
        _ => Arc::new(StringArray::from_iter_values(cells)),
    }
}

/// The export as batches of `size` rows, with its columns reversed and an
/// extra column.
fn batches(
    text: &str,
    size: usize,
    encoding: Encoding,
) -> (Vec<RecordBatch>, Arc<arrow_schema::Schema>) {
    let columns = cells(text);
    let rows = columns[0].len();
    let mut out = Vec::new();
    for start in (0..rows).step_by(size) {
        let end = (start + size).min(rows);
        let mut named: Vec<(&str, ArrayRef)> = EXPORT_COLUMNS
            .iter()
            .zip(&columns)
            .map(|(&name, cells)| (name, column(name, &cells[start..end], encoding)))
            .collect();
        named.reverse();
        named.push((
            "Comment",
            Arc::new(StringArray::from_iter_values(
                (start..end).map(|i| i.to_string()),
            )),
        ));
        out.push(named);
    }
    // Every batch needs one schema: the date column is a date everywhere
    // except where a day does not exist; those rows are read alone, as text
    // in every batch.
    let text_dates = out.iter().any(|b| {
        b.iter().any(|(n, a)| {
            *n == "Assesment.Start.Date" && a.data_type() == &arrow_schema::DataType::Utf8
        })
    });
    let batches: Vec<RecordBatch> = out
        .into_iter()
        .enumerate()
        .map(|(i, mut named)| {
            if text_dates {
                let start = i * size;
                let end = (start + size).min(rows);
                for (n, a) in &mut named {
                    if *n == "Assesment.Start.Date"
                        && a.data_type() == &arrow_schema::DataType::Date32
                    {
                        *a = Arc::new(StringArray::from_iter_values(&columns[11][start..end]));
                    }
                }
            }
            RecordBatch::try_from_iter(named).unwrap()
        })
        .collect();
    let schema = batches[0].schema();
    (batches, schema)
}

fn read_csv(
    text: &str,
    options: ImportOptions,
) -> (Population, Result<ImportSummary, ImportError>) {
    let mut population = Population::new();
    let summary = ExportImport::new("export", options)
        .read_borrowed(text.as_bytes(), |row| population.add(&row.observation()));
    (population, summary)
}

fn read_arrow(
    batches: Vec<RecordBatch>,
    schema: Arc<arrow_schema::Schema>,
    options: ImportOptions,
    cores: bool,
) -> (Population, Result<ImportSummary, ImportError>) {
    let mut population = Population::new();
    let import = ExportImport::new("export", options);
    let reader = RecordBatchIterator::new(batches.into_iter().map(Ok), schema);
    let summary = if cores {
        import.read_arrow_batched(
            reader,
            ObservationBatch::new,
            |batch, row| batch.push(&row.observation()),
            |batch| population.add_batch(&batch),
        )
    } else {
        import.read_arrow(reader, |row| population.add(&row.observation()))
    };
    (population, summary)
}

#[test]
fn arrow_batches_give_what_the_csv_gives() {
    // Batches above 4 096 rows are read a slice at a time: a large export,
    // in batches that cut its slices at other places than its assessments.
    let large = (export(120, false), export(120, true));
    assert!(large.0.lines().count() > 9000);
    for (size, impossible_date, cores, factories, encoding) in [
        (1000, false, false, 9, Encoding::Typed),
        (97, false, false, 9, Encoding::Typed),
        (13, true, false, 9, Encoding::Typed),
        (97, false, true, 9, Encoding::Typed),
        (13, true, true, 9, Encoding::Typed),
        (1, true, true, 9, Encoding::Typed),
        (97, true, false, 9, Encoding::Dictionaries),
        (1, false, true, 9, Encoding::Dictionaries),
        (10_000, false, false, 120, Encoding::Typed),
        (10_000, true, true, 120, Encoding::Dictionaries),
        (6_000, false, true, 120, Encoding::Dictionaries),
    ] {
        let text = match (factories, impossible_date) {
            (120, false) => large.0.clone(),
            (120, true) => large.1.clone(),
            _ => export(factories, impossible_date),
        };
        // The bad rows last: a finding of 2 (read from float64 2.0), and a
        // day that does not exist (then every batch has text dates).
        let (batches, schema) = batches(&text, size, encoding);
        let dates = schema
            .field_with_name("Assesment.Start.Date")
            .unwrap()
            .data_type()
            .clone();
        if let Encoding::Typed = encoding {
            assert_eq!(dates == arrow_schema::DataType::Date32, !impossible_date);
        }
        let (csv, csv_summary) = read_csv(&text, ImportOptions::default());
        let (arrow, arrow_summary) = read_arrow(batches, schema, ImportOptions::default(), cores);
        let (csv_summary, mut arrow_summary) = (csv_summary.unwrap(), arrow_summary.unwrap());
        assert_eq!(arrow_summary.unused_columns, ["Comment"]);
        arrow_summary.unused_columns.clear();
        assert_eq!(
            csv_summary, arrow_summary,
            "batches of {size}, cores {cores}, {encoding:?}"
        );
        assert_eq!(csv_summary.rows_skipped, 2 + u64::from(impossible_date));
        assert!(!csv_summary.unknown_points.is_empty());
        assert_eq!(csv.notes(), arrow.notes());
        for rule in [
            PopulationRule::Latest { window: None },
            PopulationRule::Cycle {
                cycle: 2,
                window: None,
            },
            PopulationRule::Panel {
                cycles: 2,
                window: None,
            },
            PopulationRule::All,
        ] {
            for options in [RateOptions::default(), RateOptions::for_trends()] {
                for by in [
                    &[GroupBy::Country, GroupBy::Point][..],
                    &[GroupBy::Cycle, GroupBy::Cluster][..],
                ] {
                    assert_eq!(
                        csv.rates(rule, by, options),
                        arrow.rates(rule, by, options),
                        "{rule} {by:?}"
                    );
                }
                assert_eq!(
                    csv.question_rates(rule, options),
                    arrow.question_rates(rule, options)
                );
                assert!(
                    csv.point_records(rule, options)
                        .eq(arrow.point_records(rule, options))
                );
            }
        }
    }
}

#[test]
fn arrow_errors_are_the_csv_errors() {
    let text = export(9, true);
    let (batches, schema) = batches(&text, 50, Encoding::Typed);
    let (_, csv) = read_csv(&text, ImportOptions::strict());
    let (_, arrow) = read_arrow(
        batches.clone(),
        schema.clone(),
        ImportOptions::strict(),
        false,
    );
    let (_, cores) = read_arrow(batches, schema, ImportOptions::strict(), true);
    let csv = csv.unwrap_err().to_string();
    assert_eq!(csv, arrow.unwrap_err().to_string());
    assert_eq!(csv, cores.unwrap_err().to_string());
    assert!(
        csv.contains("column Cycle: \"0\": expected a cycle number from 1"),
        "{csv}"
    );

    // A missing column, by name.
    let batch = RecordBatch::try_from_iter([(
        "Country",
        Arc::new(StringArray::from(vec!["Cambodia"])) as ArrayRef,
    )])
    .unwrap();
    let schema = batch.schema();
    let (_, missing) = read_arrow(vec![batch], schema, ImportOptions::default(), true);
    assert!(matches!(missing, Err(ImportError::MissingColumns { .. })));

    // A column of a type that holds no text, number or date.
    let columns = cells(&text);
    let named: Vec<(&str, ArrayRef)> = EXPORT_COLUMNS
        .iter()
        .zip(&columns)
        .map(|(&name, cells)| {
            let array: ArrayRef = if name == "Cycle" {
                Arc::new(arrow_array::BinaryArray::from_iter_values(
                    cells.iter().map(String::as_bytes),
                ))
            } else {
                column(name, &cells[..], Encoding::Typed)
            };
            (name, array)
        })
        .collect();
    let batch = RecordBatch::try_from_iter(named).unwrap();
    let schema = batch.schema();
    let (_, wrong) = read_arrow(vec![batch], schema, ImportOptions::default(), true);
    let message = wrong.unwrap_err().to_string();
    assert!(
        message.starts_with("export: column Cycle: values of type Binary"),
        "{message}"
    );
}

#[test]
fn a_reader_that_fails_fails_the_import_after_the_batches_before_it() {
    let text = export(9, false);
    let (batches, schema) = batches(&text, 7, Encoding::Typed);
    let first = batches[0].num_rows() as u64;
    for cores in [false, true] {
        let failing = vec![
            Ok(batches[0].clone()),
            Err(arrow_schema::ArrowError::IoError(
                "disk gone".to_owned(),
                std::io::Error::other("disk gone"),
            )),
            Ok(batches[1].clone()),
        ];
        let import = ExportImport::new("export", ImportOptions::default());
        let reader = RecordBatchIterator::new(failing, schema.clone());
        let mut handed = 0_u64;
        let error = if cores {
            import.read_arrow_batched(reader, || 0_u64, |n, _| *n += 1, |n| handed += n)
        } else {
            import.read_arrow(reader, |_| handed += 1)
        }
        .unwrap_err();
        assert!(error.is_read_failure(), "{error}");
        assert_eq!(error.line(), Some(first + 1), "{error}");
        assert_eq!(handed, first, "cores {cores}");
    }
}

/// A row's keys name its texts within one slice of a batch only: numbers
/// are keyed afresh in each slice, so the same key in the next slice may be
/// another number, and the label it names must be looked up again (here: a
/// country given as a number, which no country list knows, is listed).
#[test]
#[cfg(feature = "test-hooks")]
fn label_keys_hold_within_a_slice() {
    let countries = ["1", "1", "2", "2"];
    let text = |value: &str| Arc::new(StringArray::from(vec![value; 4])) as ArrayRef;
    let dictionary = |value: &str| {
        Arc::new(std::iter::repeat_n(value, 4).collect::<DictionaryArray<Int32Type>>()) as ArrayRef
    };
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int64Array::from(
            countries.map(|c| c.parse::<i64>().unwrap()).to_vec(),
        )),
        dictionary("Child Labour"),
        dictionary("Child Labourers"),
        text("Is anyone younger than 14 working?"),
        text("CL.1"),
        text("NCQ"),
        text("0"),
        text(""),
        text("5001"),
        text("77"),
        text("Garment"),
        text("14/03/2024"),
        text("1"),
        text("Garment CAT"),
    ];
    let batch = RecordBatch::try_from_iter(EXPORT_COLUMNS.into_iter().zip(columns)).unwrap();
    let schema = batch.schema();
    let mut csv = EXPORT_COLUMNS.join(",");
    for country in countries {
        let _ = write!(
            csv,
            "\n{country},Child Labour,Child Labourers,Is anyone younger than 14 working?,CL.1,NCQ,0,,5001,77,Garment,14/03/2024,1,Garment CAT"
        );
    }
    let (_, from_csv) = read_csv(&csv, ImportOptions::default());
    let from_csv = from_csv.unwrap();
    let expected: Vec<&str> = vec!["1", "2"];
    assert_eq!(
        from_csv.unknown_countries.iter().collect::<Vec<_>>(),
        expected
    );
    for cores in [false, true] {
        let import = ExportImport::new("export", ImportOptions::default()).with_arrow_slices(2);
        let reader = RecordBatchIterator::new([Ok(batch.clone())], schema.clone());
        let summary = if cores {
            import.read_arrow_batched(reader, || (), |(), _| (), |()| ())
        } else {
            import.read_arrow(reader, |_| ())
        }
        .unwrap();
        assert_eq!(summary, from_csv, "cores {cores}");
    }
}

/// A field over 65 536 bytes is refused as the CSV reader refuses it, plain
/// or dictionary-encoded, and one at the limit is read.
#[test]
fn a_field_over_its_limit_is_the_csv_s_error() {
    let row = [
        "Cambodia",
        "Compensation",
        "Overtime Wages",
        "LABEL",
        "501",
        "NCQ",
        "1",
        "",
        "9001",
        "31",
        "Sok",
        "01/02/2024",
        "1",
        "Garment CAT",
    ];
    for extra in [0, 1] {
        let label = "l".repeat(decentwork_io::MAX_FIELD_BYTES + extra);
        let cells: Vec<String> = row.iter().map(|c| c.replace("LABEL", &label)).collect();
        let csv = format!("{}\n{}\n", EXPORT_COLUMNS.join(","), cells.join(","));
        let (_, from_csv) = read_csv(&csv, ImportOptions::strict());
        for encoding in [Encoding::Typed, Encoding::Dictionaries] {
            let batch =
                RecordBatch::try_from_iter(EXPORT_COLUMNS.iter().zip(&cells).map(
                    |(&name, cell)| (name, column(name, std::slice::from_ref(cell), encoding)),
                ))
                .unwrap();
            let schema = batch.schema();
            let (_, from_arrow) = read_arrow(vec![batch], schema, ImportOptions::strict(), true);
            assert_eq!(from_arrow, from_csv, "extra {extra}, {encoding:?}");
            assert_eq!(from_csv.is_ok(), extra == 0);
        }
    }
}
