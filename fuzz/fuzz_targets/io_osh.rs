//! The Open Supply Hub facility reader on arbitrary bytes: never panics, and
//! every factory it makes passes the model's checks again.
#![no_main]

use chrono::NaiveDate;
use decentwork_io::{ImportOptions, OshImport};
use decentwork_model::Factory;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let on = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    if let Ok((factories, summary)) = OshImport::new("fuzz.csv", ImportOptions::default(), on).read(data) {
        assert_eq!(summary.factories + summary.rows_skipped, summary.rows_read);
        for f in factories {
            assert_eq!(Factory::new(f.clone().into_fields()), Ok(f));
        }
    }
});
