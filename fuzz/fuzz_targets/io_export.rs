//! The Better Work export reader on arbitrary bytes: never panics; every row
//! is used or skipped; rates over what was read stay in [0, 1]; the fast
//! block reader (with blocks cut anywhere, on one thread or several) reads
//! exactly what the exact reader reads, with the default limits on records
//! and headers or with limits small enough for small inputs to reach, where
//! every reader must stop at the same record; rows read in batches on the
//! block threads are the same rows, and a population fed those batches is
//! the population fed the rows one by one. `io_large` reads inputs of
//! megabytes.
#![no_main]

use decentwork_io::{ExportImport, ImportOptions, ReadMode};
use decentwork_scoring::{GroupBy, ObservationBatch, Population, PopulationRule, RateOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Block size from the first byte, so that cuts fall everywhere; with an
    // odd second byte, limits small enough for small inputs to reach.
    let block = usize::from(data.first().copied().unwrap_or(0) % 64) + 1;
    let limits = match data.get(1) {
        Some(b) if b % 2 == 1 => Some((
            64 + 8 * usize::from(data.get(2).copied().unwrap_or(0)),
            32 + 2 * usize::from(data.get(3).copied().unwrap_or(0)),
        )),
        _ => None,
    };
    let import = |options| {
        let import = ExportImport::new("fuzz.csv", options);
        match limits {
            Some((record, header)) => import.with_limits(record, header),
            None => import,
        }
    };
    let mut population = Population::new();
    let mut rows = Vec::new();
    let read = import(ImportOptions::default()).read(data, |row| {
        population.add(&row.as_ref().observation());
        rows.push(row);
    });
    let mut from_batches = Population::new();
    let batched = import(ImportOptions::default())
        .with_blocks(block, ReadMode::Auto)
        .read_batched(
            data,
            ObservationBatch::new,
            |batch, row| batch.push(&row.observation()),
            |batch| from_batches.add_batch(&batch),
        );
    assert_eq!(batched, read);
    if read.is_ok() {
        assert_eq!(from_batches.notes(), population.notes());
        for rule in [PopulationRule::All, PopulationRule::Latest { window: None }] {
            let by = [
                GroupBy::Country,
                GroupBy::Cycle,
                GroupBy::Cluster,
                GroupBy::Point,
            ];
            assert_eq!(
                from_batches.rates(rule, &by, RateOptions::default()),
                population.rates(rule, &by, RateOptions::default())
            );
            assert_eq!(
                from_batches.question_rates(rule, RateOptions::default()),
                population.question_rates(rule, RateOptions::default())
            );
        }
    }
    if let Ok(summary) = &read {
        assert_eq!(summary.rows_used + summary.rows_skipped, summary.rows_read);
        for row in population
            .rates(
                PopulationRule::All,
                &[GroupBy::Point, GroupBy::Cycle],
                RateOptions::for_trends(),
            )
            .rows
        {
            assert!(row.tally.non_compliant <= row.tally.assessed);
        }
    }
    for options in [ImportOptions::default(), ImportOptions::strict()] {
        let mut exact_rows = Vec::new();
        let exact = import(options)
            .with_blocks(block, ReadMode::ExactOnly)
            .read(data, |row| exact_rows.push(row));
        let mut fast_rows = Vec::new();
        let fast = import(options)
            .with_blocks(block, ReadMode::Auto)
            .read(data, |row| fast_rows.push(row));
        let mut parallel_rows = Vec::new();
        let parallel = import(options)
            .with_blocks(block, ReadMode::Auto)
            .read_borrowed_parallel(data, |row| parallel_rows.push(row.to_owned_row()));
        assert_eq!(fast, exact);
        assert_eq!(fast_rows, exact_rows);
        assert_eq!(parallel, exact);
        assert_eq!(parallel_rows, exact_rows);
        let mut batched_rows = Vec::new();
        let batched = import(options)
            .with_blocks(block, ReadMode::Auto)
            .read_batched(
                data,
                Vec::new,
                |batch, row| batch.push(row.to_owned_row()),
                |batch| batched_rows.extend(batch),
            );
        assert_eq!(batched, exact);
        // A strict read that fails leaves out the failing block's rows.
        if exact.is_ok() {
            assert_eq!(batched_rows, exact_rows);
        } else {
            assert!(exact_rows.starts_with(&batched_rows));
        }
        if !options.strict {
            assert_eq!(&exact, &read);
            assert_eq!(exact_rows, rows);
        }
    }
});
