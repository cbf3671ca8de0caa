//! Fictitious factory bundles as JSON text (feature `examples`): the one copy
//! of each that demonstrations, documentation and tests read. Read them with
//! `json::bundle_from_str` (feature `json`) or any JSON library; the files
//! are under `examples/data/` in this crate, written by `cargo xtask codegen`
//! (which reads each back with the model's checks).
//!
//! Each answers every question of the catalogue that applies in its
//! jurisdiction in two assessment cycles, and holds a sample of 30 or more
//! workers with a month of daily hours and pay, leave records, committees
//! with members and meetings, an improvement plan with history, and brands
//! with and without consent.

/// A Bangladesh knitwear factory (Gazipur) over cycles 2 and 3: participation
/// and safety committees and a PICC, two brands of which one has valid
/// consent, 32 workers with February 2024's hours and pay (overtime over the
/// 2-hour daily cap, overtime paid at the single rate, a wage below the
/// garment minimum, annual leave short of the days earned).
pub const BANGLADESH_KNITWEAR: &str = include_str!("../examples/data/factory-bundle.json");

/// A Viet Nam outerwear factory in minimum-wage Region I over cycles 1 and 2:
/// 32 workers with August 2024's hours and pay (overtime over the 40-hour
/// monthly cap, three workers still on the Region I wage before July 2024).
pub const VIET_NAM_OUTERWEAR: &str = include_str!("../examples/data/viet-nam-outerwear.json");

/// An Indonesian woven-garment factory in Kabupaten Bekasi, West Java, over
/// cycles 1 and 2: an LKS Bipartit that missed three monthly meetings, a P2K3
/// and a PICC, 30 workers with February 2025's hours and pay (overtime over
/// the 4-hour daily and 18-hour weekly caps, two workers on probation below
/// the district minimum wage).
pub const INDONESIA_GARMENT: &str = include_str!("../examples/data/indonesia-garment.json");

/// Every example, by a short name.
pub const ALL: [(&str, &str); 3] = [
    ("bangladesh-knitwear", BANGLADESH_KNITWEAR),
    ("viet-nam-outerwear", VIET_NAM_OUTERWEAR),
    ("indonesia-garment", INDONESIA_GARMENT),
];
