//! The Open Supply Hub facility reader on arbitrary bytes: never panics,
//! counts add up, and every factory made from a facility passes the model's
//! checks again. `io_large` reads inputs of megabytes.
#![no_main]

use chrono::NaiveDate;
use decentwork_io::{ImportOptions, OshImport};
use decentwork_model::Factory;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let on = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let import = OshImport::new("fuzz.csv", ImportOptions::default());
    if let Ok((facilities, summary)) = import.read(data) {
        assert_eq!(summary.facilities + summary.rows_skipped, summary.rows_read);
        assert_eq!(summary.facilities, facilities.len() as u64);
        for f in &facilities {
            if let Ok(factory) = import.factory(f, on) {
                assert_eq!(Factory::new(factory.clone().into_fields()), Ok(factory));
            }
        }
    }
});
