//! Model JSON deserialisation and validation: never panics, and every value
//! read serialises to JSON that reads back to the same value.
#![no_main]

use decentwork_model::{Assessment, Committee, Factory, ImprovementPlan, WorkerRecord, json};
use libfuzzer_sys::fuzz_target;

fn check<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
    text: &str,
) {
    if let Ok(value) = json::from_str::<T>(text) {
        let again = serde_json::to_string(&value).expect("model values always serialise");
        assert_eq!(json::from_str::<T>(&again).ok(), Some(value));
    }
}

fuzz_target!(|text: &str| {
    check::<Factory>(text);
    check::<Committee>(text);
    check::<Assessment>(text);
    check::<ImprovementPlan>(text);
    check::<WorkerRecord>(text);
});
