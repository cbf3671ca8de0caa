//! `read_observations`, where the reader tells the population's batch that a
//! row repeats the last row's assessment or labels, gives the population that
//! adding each row read by the exact reader gives: on runs of rows that
//! change one field at a time (a factory name or tool within an assessment,
//! labels respelt with spaces, quoted and escaped fields), with bad and
//! fact-gathering rows between them, irregular text the exact reader takes
//! over, columns in another order, and blocks cut anywhere.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use std::fmt::Write as _;

use decentwork_io::{
    EXPORT_COLUMNS, ExportImport, ExportRow, ImportError, ImportOptions, ImportSummary, ReadMode,
};
use decentwork_scoring::{GroupBy, Population, PopulationRule, RateOptions};
use proptest::prelude::*;

/// The values each column takes, some of them bad, some the same text
/// spelt with other bytes.
const VALUES: [&[&str]; 14] = [
    &[
        "Viet Nam",
        " Viet Nam",
        "Cambodia",
        "Atlantis",
        "\"Viet Nam\"",
    ],
    &["Working Time", "Compensation", "Systems", " Working Time"],
    &["Overtime", "Regular Hours", "Paid Leave", "Shift Rotas"],
    &[
        "Is overtime voluntary?",
        "\"Paid, on time?\"",
        "",
        "\"Said \"\"no\"\"\"",
    ],
    &["101", "102", "103", ""],
    &["NCQ", "FGW", "NCQ", "XYZ"],
    &["0", "1", "0", "maybe"],
    &["", "Public Disclosure"],
    &["A1", "A2", "A3", "A 4"],
    &["F1", "F2"],
    &[
        "Factory one",
        "Factory one (Obsolete)",
        "\"Factory \"\"one\"\"\"",
        "Factory two",
    ],
    &["02/05/2024", "03/05/2024", "31/02/2024", "2024-05-02"],
    &["1", "2", "0"],
    &["CAT", "CAT 2023", "\"CAT\""],
];

/// A file: a first row, then steps that each change one field (or none)
/// and write the row one or more times, sometimes with irregular text or a
/// blank line after it.
type Steps = (Vec<usize>, Vec<(usize, usize, usize, u8)>);

fn steps() -> impl Strategy<Value = Steps> {
    (
        prop::collection::vec(0_usize..5, 14),
        prop::collection::vec((0_usize..15, 0_usize..5, 1_usize..5, 0_u8..8), 0..40),
    )
}

/// The column order of the file: the export's, or another.
fn order(shuffled: bool) -> [usize; 14] {
    if shuffled {
        [13, 8, 0, 11, 3, 9, 1, 12, 4, 10, 2, 5, 7, 6]
    } else {
        std::array::from_fn(|i| i)
    }
}

fn file((first, steps): &Steps, shuffled: bool) -> Vec<u8> {
    let order = order(shuffled);
    let mut text = order.map(|i| EXPORT_COLUMNS[i]).join(",");
    text.push('\n');
    let mut row: Vec<usize> = first.clone();
    let value = |row: &[usize], i: usize| VALUES[i][row[i] % VALUES[i].len()];
    for &(field, choice, repeat, extra) in steps {
        // Field 14 changes nothing: the same row again.
        if let Some(slot) = row.get_mut(field) {
            *slot = choice;
        }
        for _ in 0..repeat {
            let fields = order.map(|i| value(&row, i));
            text.push_str(&fields.join(","));
            text.push('\n');
        }
        match extra {
            // A quote inside an unquoted field: the exact reader reads on.
            0 => {
                let mut fields = order.map(|i| value(&row, i).to_owned());
                fields[0] = format!("Stray\"{}", fields[0].trim_matches('"'));
                text.push_str(&fields.join(","));
                text.push('\n');
            }
            1 => text.push('\n'),
            2 => text.push_str("too,few,fields\n"),
            _ => {}
        }
    }
    text.into_bytes()
}

/// Everything a population tells its caller.
fn outputs(p: &Population) -> String {
    let mut out = format!("{:?}\n{:?}\n{}\n", p.notes(), p.start_range(), p.len());
    for rule in [
        PopulationRule::All,
        PopulationRule::Latest { window: None },
        PopulationRule::Panel {
            cycles: 2,
            window: None,
        },
    ] {
        for options in [RateOptions::default(), RateOptions::harmonised()] {
            for by in [
                &[
                    GroupBy::Country,
                    GroupBy::Cycle,
                    GroupBy::Cluster,
                    GroupBy::Point,
                ][..],
                &[],
            ] {
                writeln!(out, "{:?}", p.rates(rule, by, options)).unwrap();
            }
            writeln!(out, "{:?}", p.question_rates(rule, options)).unwrap();
            writeln!(
                out,
                "{:?}",
                p.assessment_rates(rule, options).collect::<Vec<_>>()
            )
            .unwrap();
        }
    }
    out
}

type Outcome = (String, Result<ImportSummary, ImportError>);

/// Each row added in turn, as the exact reader reads it.
fn row_by_row(text: &[u8]) -> Outcome {
    let mut population = Population::new();
    let summary = ExportImport::new("e.csv", ImportOptions::default())
        .with_blocks(1 << 20, ReadMode::ExactOnly)
        .read_borrowed(text, |row| population.add(&row.observation()));
    (outputs(&population), summary)
}

fn observations(text: &[u8], block: usize) -> Outcome {
    let mut population = Population::new();
    let summary = ExportImport::new("e.csv", ImportOptions::default())
        .with_blocks(block, ReadMode::Auto)
        .read_observations(text, |batch| population.add_batch(&batch));
    (outputs(&population), summary)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn observations_are_the_rows_added_one_by_one(
        steps in steps(),
        shuffled in any::<bool>(),
        block in prop_oneof![1_usize..400, Just(1 << 20)],
    ) {
        let text = file(&steps, shuffled);
        let expected = row_by_row(&text);
        prop_assert_eq!(&observations(&text, block), &expected);
        // Row by row too, the fast reader's rows (which take a repeated
        // name's "(Obsolete)" from the last row) are the exact reader's.
        prop_assert_eq!(&rows(&text, block, ReadMode::Auto), &rows(&text, 1 << 20, ReadMode::ExactOnly));
    }
}

fn rows(
    text: &[u8],
    block: usize,
    mode: ReadMode,
) -> (Vec<ExportRow>, Result<ImportSummary, ImportError>) {
    let mut rows = Vec::new();
    let summary = ExportImport::new("e.csv", ImportOptions::default())
        .with_blocks(block, mode)
        .read_borrowed(text, |row| rows.push(row.to_owned_row()));
    (rows, summary)
}

/// A row after a bad one is not taken as repeating the row before that:
/// the bad row (a finding that is not 0 or 1) has its labels read before it
/// fails, and the row after it has the same labels as it, not as the good
/// row before it.
#[test]
fn a_bad_row_breaks_the_run() {
    let header = EXPORT_COLUMNS.join(",");
    let text = format!(
        "{header}\n\
         Viet Nam,Working Time,Overtime,Q,101,NCQ,1,,A1,F1,One,02/05/2024,1,CAT\n\
         Viet Nam,Compensation,Paid Leave,Q,102,NCQ,maybe,,A1,F1,One,02/05/2024,1,CAT\n\
         Viet Nam,Compensation,Paid Leave,Q,102,NCQ,1,,A1,F1,One,02/05/2024,1,CAT\n"
    );
    let expected = row_by_row(text.as_bytes());
    assert_eq!(expected.1.as_ref().unwrap().rows_used, 2);
    assert!(expected.0.contains("Paid Leave"), "{}", expected.0);
    assert_eq!(observations(text.as_bytes(), 1 << 20), expected);
}
