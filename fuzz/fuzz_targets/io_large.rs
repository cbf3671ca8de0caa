//! Both file readers on inputs of up to four megabytes, expanded from small
//! fuzz inputs (see `expand`), so that the default limits (a megabyte a
//! record, 64 KiB a header, three megabytes without a line end) are reached:
//! never panics; the export's fast block reader (on one thread or several,
//! blocks cut anywhere in 4 KiB steps) reads exactly what the exact reader
//! reads and stops at the same record; the facility reader's counts add up.
//! Slower per input than `io_export` and `io_osh`, which keep their speed
//! on small inputs.
#![no_main]

mod expand;

use decentwork_io::{ExportImport, ImportOptions, OshImport, ReadMode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &[u8]| {
    let expanded = expand::expand(raw);
    let data: &[u8] = &expanded;
    let block = (usize::from(raw.first().copied().unwrap_or(0) % 64) + 1) << 12;
    for options in [ImportOptions::default(), ImportOptions::strict()] {
        let mut exact_rows = Vec::new();
        let exact = ExportImport::new("fuzz.csv", options)
            .with_blocks(block, ReadMode::ExactOnly)
            .read_borrowed(data, |row| exact_rows.push(row.line));
        let mut fast_rows = Vec::new();
        let fast = ExportImport::new("fuzz.csv", options)
            .read_borrowed(data, |row| fast_rows.push(row.line));
        let mut parallel_rows = Vec::new();
        let parallel = ExportImport::new("fuzz.csv", options)
            .with_blocks(block, ReadMode::Auto)
            .read_borrowed_parallel(data, |row| parallel_rows.push(row.line));
        if let Ok(summary) = &exact {
            assert_eq!(summary.rows_used + summary.rows_skipped, summary.rows_read);
            assert_eq!(summary.rows_used, exact_rows.len() as u64);
        }
        assert_eq!(fast, exact);
        assert_eq!(fast_rows, exact_rows);
        assert_eq!(parallel, exact);
        assert_eq!(parallel_rows, exact_rows);
    }
    let import = OshImport::new("fuzz.csv", ImportOptions::default());
    if let Ok((facilities, summary)) = import.read(data) {
        assert_eq!(summary.facilities + summary.rows_skipped, summary.rows_read);
        assert_eq!(summary.facilities, facilities.len() as u64);
    }
});
