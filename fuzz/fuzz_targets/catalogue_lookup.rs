//! Lax catalogue lookups on arbitrary text: never panic, and whatever is found
//! is found again strictly by its own ID.
#![no_main]

use decentwork_catalogue::{Cluster, CompliancePoint, Instrument, InstrumentSet, Question};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(i) = Instrument::lookup(text) {
        assert_eq!(Instrument::from_code(i.code()).ok(), Some(i));
    }
    if let Ok(c) = Cluster::lookup(text) {
        assert_eq!(Cluster::from_id(c.id()).ok(), Some(c));
    }
    if let Ok(p) = CompliancePoint::lookup(text) {
        assert_eq!(CompliancePoint::from_id(p.id()).ok(), Some(p));
    }
    if let Ok(q) = Question::lookup(text) {
        assert_eq!(Question::from_id(q.id()).ok(), Some(q));
    }
    let _ = InstrumentSet::lookup(text);
    let _ = decentwork_io::country_from_name(text);
});
