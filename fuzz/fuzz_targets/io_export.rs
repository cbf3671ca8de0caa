//! The Better Work export reader on arbitrary bytes: never panics; every row
//! is used or skipped; rates over what was read stay in [0, 1]; the fast
//! block reader (with blocks cut anywhere, on one thread or several) reads
//! exactly what the exact reader reads, with the default limits on records
//! and headers or with limits small enough for small inputs to reach, where
//! every reader must stop at the same record. `io_large` reads inputs of
//! megabytes; `io_batched` the reads that fill batches on the block threads.
#![no_main]

use decentwork_io::{ImportOptions, ReadMode};
use decentwork_scoring::{GroupBy, Population, PopulationRule, RateOptions};
use libfuzzer_sys::fuzz_target;

mod export_setup;

fuzz_target!(|data: &[u8]| {
    let (block, import) = export_setup::import_for(data);
    let mut population = Population::new();
    let mut rows = Vec::new();
    let read = import(ImportOptions::default()).read(data, |row| {
        population.add(&row.as_ref().observation());
        rows.push(row);
    });
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
        if !options.strict {
            assert_eq!(&exact, &read);
            assert_eq!(exact_rows, rows);
        }
    }
});
