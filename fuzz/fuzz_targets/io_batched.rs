//! The export reader's batched read (`read_batched`: rows filled into the
//! caller's batches on the block threads, batches handed on in file order)
//! on arbitrary bytes, with blocks cut anywhere and, with an odd second byte,
//! small limits: the same result as the exact reader, the same rows (a
//! strict read that fails leaves out the failing block's rows), and a
//! population fed `ObservationBatch`es (filled by `push`, or by the reader's
//! `read_observations`) is the population fed the rows one by one. A target of its own: its reads start threads on every input, which
//! would slow `io_export` down.
#![no_main]

use decentwork_io::{ImportOptions, ReadMode};
use decentwork_scoring::{GroupBy, ObservationBatch, Population, PopulationRule, RateOptions};
use libfuzzer_sys::fuzz_target;

mod export_setup;

fuzz_target!(|data: &[u8]| {
    let (block, import) = export_setup::import_for(data);
    for options in [ImportOptions::default(), ImportOptions::strict()] {
        let mut exact_rows = Vec::new();
        let mut one_by_one = Population::new();
        let exact = import(options)
            .with_blocks(block, ReadMode::ExactOnly)
            .read(data, |row| {
                one_by_one.add(&row.as_ref().observation());
                exact_rows.push(row);
            });
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
        if exact.is_ok() {
            assert_eq!(batched_rows, exact_rows);
        } else {
            assert!(exact_rows.starts_with(&batched_rows));
        }
        let mut from_batches = Population::new();
        let read = import(options)
            .with_blocks(block, ReadMode::Auto)
            .read_batched(
                data,
                ObservationBatch::new,
                |batch, row| batch.push(&row.observation()),
                |batch| from_batches.add_batch(&batch),
            );
        // The reader's own batches, rows that repeat the last row's
        // assessment or labels kept under the batch's handles.
        let mut from_observations = Population::new();
        let observations = import(options)
            .with_blocks(block, ReadMode::Auto)
            .read_observations(data, |batch| from_observations.add_batch(&batch));
        assert_eq!(read, exact);
        assert_eq!(observations, exact);
        if exact.is_ok() {
            let by = [
                GroupBy::Country,
                GroupBy::Cycle,
                GroupBy::Cluster,
                GroupBy::Point,
            ];
            for population in [&from_batches, &from_observations] {
                assert_eq!(population.notes(), one_by_one.notes());
                for rule in [PopulationRule::All, PopulationRule::Latest { window: None }] {
                    assert_eq!(
                        population.rates(rule, &by, RateOptions::default()),
                        one_by_one.rates(rule, &by, RateOptions::default())
                    );
                    assert_eq!(
                        population.question_rates(rule, RateOptions::default()),
                        one_by_one.question_rates(rule, RateOptions::default())
                    );
                }
            }
        }
    }
});
