//! Fictitious factory bundles as JSON text (feature `examples`): the one copy
//! of each that demonstrations, documentation and tests read. Read them with
//! `json::bundle_from_str` (feature `json`) or any JSON library; the files
//! are under `examples/data/` in this crate.

/// A Bangladesh knitwear factory over two cycles: committees, two brands of
/// which one has valid consent, a worker sample, its improvement plan and
/// programme activity.
pub const BANGLADESH_KNITWEAR: &str = include_str!("../examples/data/factory-bundle.json");

/// Every example, by a short name.
pub const ALL: [(&str, &str); 1] = [("bangladesh-knitwear", BANGLADESH_KNITWEAR)];
