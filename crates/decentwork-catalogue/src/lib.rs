//! The compliance catalogue of decentwork: ILO instruments and their
//! ratification by the programme countries, the Better Work clusters and
//! compliance points, our own question set, and national labour law with
//! time-aware legal parameters. Every record carries its source and whether
//! that source confirmed it.
//!
//! ```
//! use chrono::NaiveDate;
//! use decentwork_catalogue::{CompliancePoint, Instrument, InstrumentSet, LawInForce, Parameter, Question, Tag};
//! use decentwork_model::Country;
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//!
//! // Which fundamental conventions had Viet Nam not ratified on 1 January 2024?
//! let fundamental = InstrumentSet::from_id("fundamental-2022")?;
//! let missing: Vec<&str> = fundamental.not_ratified_on(Country::VN, day(2024, 1, 1)).map(|i| i.code()).collect();
//! assert!(missing.contains(&"C087"));
//!
//! // Compliance points by their published names, as in assessment exports.
//! let cp = CompliancePoint::lookup("Emergency Preparedness")?;
//! assert_eq!(cp.cluster().name(), "Occupational Safety and Health");
//!
//! // Every question keyed to C087, and the zero-tolerance ones.
//! let c087 = Instrument::from_code("C087")?;
//! assert!(c087.questions().count() > 0);
//! assert!(Question::with_tag(Tag::ZeroTolerance).count() > 0);
//!
//! // The law in force in a jurisdiction on a date, in one call.
//! let law = LawInForce::new("VN".parse().unwrap(), day(2024, 6, 1));
//! assert_eq!(law.value(Parameter::MinimumWorkingAge).map(|v| v.display_value()), Some("15".into()));
//!
//! // A question's text filled from that law.
//! let q = Question::from_id("CL.CHILD.01")?;
//! let text = q.render("JO".parse().unwrap(), day(2024, 6, 1)).unwrap();
//! assert!(text.contains("16"), "{text}");
//! # Ok::<(), decentwork_catalogue::LookupError>(())
//! ```
//!
//! # Trust
//!
//! Records marked [`Verification::Unverified`] are leads, not facts: the
//! catalogue keeps them so they can be checked, and says so. A ratification the
//! sources do not settle is [`RatificationKind::Unknown`], never a guess.
//! `docs/DATA.md` in the repository explains the sources and how to update them.
//!
//! # Lookups
//!
//! Handles ([`Instrument`], [`Cluster`], [`CompliancePoint`], [`Question`]…) are
//! `Copy` references into static tables generated from `data/` by
//! `cargo xtask codegen`. `from_id`/`from_code` are strict; `lookup` is lax
//! (aliases, case and spacing ignored).

mod error;
mod generated;
mod handle;
mod instrument;
mod law;
mod question;
mod ratification;
mod stats;
mod structure;
mod tables;
mod tool;

pub use error::{LawError, LookupError, RenderError};
pub use instrument::{Instrument, InstrumentSet};
pub use law::{
    Act, LawInForce, LegalAbsence, LegalReference, LegalValue, covered_jurisdictions, is_covered,
};
pub use question::{IloReference, Question};
pub use ratification::Ratification;
pub use stats::{RecordKind, SourceCount, source_counts};
pub use structure::{BsciArea, Cluster, CompliancePoint};
pub use tables::{
    Accrual, AccrualBasis, Answer, Category, Citation, ClusterGroup, DayCount, InstrumentKind,
    MappingKind, Parameter, PartialDate, Per, Provenance, QuestionKind, RatificationKind,
    SourceKind, Tag, Theme, Unit, Verification,
};
pub use tool::{Mapping, ToolVersion};

/// The catalogue's version (changes whenever its data does).
pub const VERSION: &str = generated::structure::VERSION;

/// The date the catalogue's data describes.
pub const DATA_DATE: chrono::NaiveDate = generated::structure::DATA_DATE;

/// A tag's name, meaning and source.
#[must_use]
pub fn tag_info(tag: Tag) -> Option<(&'static str, &'static str, Provenance)> {
    generated::structure::TAGS
        .iter()
        .find(|t| t.tag == tag)
        .map(|t| (t.name, t.description, t.provenance))
}
