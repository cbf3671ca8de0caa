//! The Better Work export reader on arbitrary bytes: never panics; every row
//! is used or skipped; rates over what was read stay in [0, 1].
#![no_main]

use decentwork_io::{ExportImport, ImportOptions};
use decentwork_scoring::{GroupBy, Population, RateOptions, Selection};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut population = Population::new();
    if let Ok(summary) = ExportImport::new("fuzz.csv", ImportOptions::default()).read(data, |row| population.add_row(&row.to_finding_row())) {
        assert_eq!(summary.rows_used + summary.rows_skipped, summary.rows_read);
        for row in population.rates(Selection::All, &[GroupBy::Point, GroupBy::Cycle], RateOptions::for_trends()).rows {
            assert!(row.factories.non_compliant <= row.factories.assessed);
        }
    }
    let _ = ExportImport::new("fuzz.csv", ImportOptions::strict()).read(data, |_| {});
});
