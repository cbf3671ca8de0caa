//! OS ID, identifier and jurisdiction parsers: never panic, and whatever parses
//! displays as text that parses to the same value.
#![no_main]

use decentwork_model::{FactoryId, Jurisdiction, OsId};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for parsed in [OsId::new(text), OsId::parse_lax(text)]
        .into_iter()
        .flatten()
    {
        assert_eq!(OsId::new(&parsed.to_string()), Ok(parsed));
    }
    if let Ok(id) = FactoryId::new(text) {
        assert_eq!(id.as_str(), text);
    }
    if let Ok(j) = Jurisdiction::new(text) {
        assert_eq!(j.to_string(), text);
    }
});
