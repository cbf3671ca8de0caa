//! JSON Schemas (feature `schema`): they describe what the types read and write.
#![cfg(feature = "schema")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use decentwork_model::{Assessment, Committee, Factory, OsId, Period};

#[test]
fn factory_schema() {
    let schema = schemars::schema_for!(Factory);
    insta::assert_json_snapshot!("factory_schema", schema);
}

#[test]
fn schemas_name_required_fields() {
    let required = |schema: schemars::Schema| -> Vec<String> {
        let value = schema.as_value().clone();
        let mut names: Vec<String> = value["required"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };
    assert_eq!(
        required(schemars::schema_for!(Factory)),
        [
            "address",
            "enrolled_on",
            "exporter",
            "id",
            "jurisdiction",
            "name"
        ]
    );
    assert_eq!(
        required(schemars::schema_for!(Assessment)),
        ["cycle", "end", "factory", "id", "kind", "start", "tool"]
    );
    assert_eq!(
        required(schemars::schema_for!(Committee)),
        ["factory", "id", "kind", "period"]
    );
    assert_eq!(required(schemars::schema_for!(Period)), ["start"]);
    assert_eq!(schemars::schema_for!(OsId).as_value()["type"], "string");
}
