//! decentwork: labour-standards compliance for the garment industry, modelled
//! on the ILO/IFC Better Work programme. This crate only re-exports the
//! component crates, one module each.
//!
//! ```
//! use chrono::NaiveDate;
//! use decentwork::model::{Assessment, AssessmentFields, AssessmentKind, Factory, FactoryFields, Finding, Outcome};
//! use decentwork::report::{FactoryAssessmentReport, Render};
//! use decentwork::scoring::{ScoreOptions, score_assessment};
//!
//! let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
//!
//! // Build a factory…
//! let factory = Factory::new(FactoryFields::new(
//!     "VN-0031".parse()?, "Song Hong Garment (example)", "VN".parse()?, "Nam Dinh", day(1, 15),
//! ))?;
//!
//! // …score an assessment…
//! let mut fields = AssessmentFields::new(
//!     "A-2024-1".parse()?, factory.id, 1, AssessmentKind::Unannounced, (day(5, 6), day(5, 7)), "Garment CAT",
//! );
//! fields.findings = vec![
//!     Finding::new("CL.CHILD.01".parse()?, Outcome::Compliant),
//!     Finding::new("WT.OVERTIME.02".parse()?, Outcome::NonCompliant),
//! ];
//! let assessment = Assessment::new(fields)?;
//! let score = score_assessment(&assessment, ScoreOptions::in_jurisdiction(factory.jurisdiction));
//! assert_eq!(score.overall.rate().map(|r| r.to_string()), Some("1/2".into()));
//!
//! // …and render a report of that score.
//! let report = FactoryAssessmentReport::build(&factory, &score, None, day(6, 1))?;
//! assert!(report.markdown().contains("Working Time"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! Every component is on by default; turn off what you do not need.
//!
//! - `catalogue`: [`catalogue`], ILO instruments, ratifications, questions and
//!   national law, every fact with its source.
//! - `scoring`: [`scoring`], the Better Work rule, rates, policies, evidence checks.
//! - `report`: [`report`], the report contract and its renderers.
//! - `io`: [`io`], readers of the Better Work export and Open Supply Hub lists.
//! - `serde`, `schema`: serialisation and JSON Schemas across the crates.
//!
//! The data path runs one way: a file is read by [`io`] into observations
//! keyed by [`catalogue`] handles, a [`scoring`] population turns them into
//! tables (and single assessments into scores), and [`report`] builds reports
//! from those and is the only place anything is serialised.

#[doc(inline)]
pub use decentwork_model as model;

#[cfg(feature = "catalogue")]
#[doc(inline)]
pub use decentwork_catalogue as catalogue;

#[cfg(feature = "scoring")]
#[doc(inline)]
pub use decentwork_scoring as scoring;

#[cfg(feature = "report")]
#[doc(inline)]
pub use decentwork_report as report;

#[cfg(feature = "io")]
#[doc(inline)]
pub use decentwork_io as io;
