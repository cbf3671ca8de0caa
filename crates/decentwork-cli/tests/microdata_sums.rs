//! Summing microdata reproduces the rate tables exactly, on generated
//! exports with every awkward case (skipped and repeated cycles, two
//! assessments on one day, duplicate and conflicting rows, obsolete
//! factories, legacy labels), for every population rule, labelling option
//! and grouping: both tables are read back from the CSV the report crate
//! writes, as a researcher would.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use std::collections::{BTreeMap, BTreeSet};

use decentwork::io::{ExportImport, ImportOptions};
use decentwork::report::{
    Render, SynthesisReport, write_assessment_microdata, write_point_microdata,
};
use decentwork::scoring::{GroupBy, MonthWindow, Population, PopulationRule, RateOptions};
use decentwork_synth::write_export as write;

/// A CSV table: its header, and its rows as maps from column to cell.
struct Table {
    header: Vec<String>,
    rows: Vec<BTreeMap<String, String>>,
}

fn table(text: &str) -> Table {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    Table { header, rows }
}

/// `non_compliant / assessed` to four decimals, half away from zero, in
/// integers (as an independent check of the written rate).
fn rate(non_compliant: u64, assessed: u64) -> String {
    let q = (2 * non_compliant * 10_000 + assessed) / (2 * assessed);
    format!("{}.{:04}", q / 10_000, q % 10_000)
}

fn population(factories: u64, seed: u64) -> Population {
    let mut export = Vec::new();
    write(&mut export, factories, seed, true).unwrap();
    let mut population = Population::new();
    let summary = ExportImport::new("generated.csv", ImportOptions::strict())
        .read_borrowed(export.as_slice(), |row| population.add(&row.observation()))
        .unwrap();
    assert!(summary.rows_used > 0);
    population
}

fn rules() -> Vec<PopulationRule> {
    let window = MonthWindow::new((2020, 1), (2023, 12)).ok();
    vec![
        PopulationRule::Latest { window: None },
        PopulationRule::Latest { window },
        PopulationRule::Cycle {
            cycle: 1,
            window: None,
        },
        PopulationRule::Cycle { cycle: 2, window },
        PopulationRule::Panel {
            cycles: 2,
            window: None,
        },
        PopulationRule::Panel {
            cycles: 3,
            window: None,
        },
        PopulationRule::StrictPanel {
            cycles: 2,
            window: None,
        },
        PopulationRule::StrictPanel { cycles: 3, window },
        PopulationRule::All,
    ]
}

fn options() -> Vec<RateOptions> {
    let mut obsolete = RateOptions::default();
    obsolete.exclude_obsolete = true;
    vec![
        RateOptions::default(),
        RateOptions::harmonised(),
        RateOptions::for_trends(),
        obsolete,
    ]
}

const GROUPINGS: [&[GroupBy]; 9] = [
    &[GroupBy::Point],
    &[GroupBy::Country, GroupBy::Point],
    &[GroupBy::Cycle, GroupBy::Point],
    &[GroupBy::Cluster],
    &[GroupBy::Country, GroupBy::Cycle, GroupBy::Cluster],
    &[GroupBy::Country],
    &[GroupBy::Cycle],
    &[],
    &[GroupBy::Country, GroupBy::Cycle, GroupBy::Point],
];

#[test]
fn summing_microdata_reproduces_the_rate_tables() {
    let mut checked_rows = 0;
    for seed in [3, 29] {
        let population = population(30, seed);
        for rule in rules() {
            for options in options() {
                let mut text = Vec::new();
                let written =
                    write_point_microdata(&mut text, population.point_records(rule, options))
                        .unwrap();
                let micro = table(std::str::from_utf8(&text).unwrap());
                assert_eq!(micro.rows.len() as u64, written);
                let assessments: BTreeSet<&str> = micro
                    .rows
                    .iter()
                    .map(|r| r["assessment_id"].as_str())
                    .collect();
                for group_by in GROUPINGS {
                    let report = SynthesisReport::from_table(
                        "rates",
                        &population.rates(rule, group_by, options),
                        chrono::NaiveDate::MIN,
                    );
                    assert_eq!(report.population.assessments, assessments.len() as u64);
                    let rates = table(&report.csv().unwrap());
                    let keys: Vec<&String> =
                        rates.header.iter().take(rates.header.len() - 3).collect();
                    // Per group, each assessment once: non-compliant if any of
                    // its rows in the group is.
                    let mut per_assessment: BTreeMap<(Vec<&str>, &str), bool> = BTreeMap::new();
                    for r in &micro.rows {
                        let key = keys.iter().map(|k| r[k.as_str()].as_str()).collect();
                        *per_assessment
                            .entry((key, r["assessment_id"].as_str()))
                            .or_default() |= r["non_compliant"] == "1";
                    }
                    let mut sums: BTreeMap<Vec<&str>, (u64, u64)> = BTreeMap::new();
                    for ((key, _), non_compliant) in per_assessment {
                        let sum = sums.entry(key).or_default();
                        sum.0 += 1;
                        sum.1 += u64::from(non_compliant);
                    }
                    assert_eq!(
                        sums.len(),
                        rates.rows.len(),
                        "{rule} {options:?} {group_by:?}: groups"
                    );
                    for row in &rates.rows {
                        let key: Vec<&str> =
                            keys.iter().map(|k| row[k.as_str()].as_str()).collect();
                        let (assessed, non_compliant) = sums[&key];
                        assert_eq!(
                            (
                                row["assessed"].as_str(),
                                row["non_compliant"].as_str(),
                                row["rate"].as_str()
                            ),
                            (
                                assessed.to_string().as_str(),
                                non_compliant.to_string().as_str(),
                                rate(non_compliant, assessed).as_str()
                            ),
                            "{rule} {options:?} {group_by:?}: {key:?}"
                        );
                        checked_rows += 1;
                    }
                }
                // By assessment: the points counted are the microdata's rows.
                let mut text = Vec::new();
                write_assessment_microdata(&mut text, population.assessment_rates(rule, options))
                    .unwrap();
                let by_assessment = table(std::str::from_utf8(&text).unwrap());
                assert_eq!(by_assessment.rows.len(), assessments.len());
                let mut points: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
                for r in &micro.rows {
                    let p = points.entry(r["assessment_id"].as_str()).or_default();
                    p.0 += 1;
                    p.1 += u64::from(r["non_compliant"] == "1");
                }
                for row in &by_assessment.rows {
                    let (assessed, non_compliant) = points[row["assessment_id"].as_str()];
                    assert_eq!(row["cps_assessed"], assessed.to_string());
                    assert_eq!(row["cps_non_compliant"], non_compliant.to_string());
                    assert_eq!(row["rate"], rate(non_compliant, assessed));
                }
            }
        }
    }
    assert!(checked_rows > 5_000, "{checked_rows} rows checked");
}
