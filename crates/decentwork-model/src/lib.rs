//! The vocabulary of decentwork: factories, workers, committees, brands,
//! assessments, improvement plans and programme activity, as checked Rust values.
//!
//! ```
//! use chrono::NaiveDate;
//! use decentwork_model::{
//!     Assessment, AssessmentFields, AssessmentKind, Brand, BrandFields, BuyerKind, BuyerTier,
//!     Committee, CommitteeFields, CommitteeKind, ConsentScope, Factory, FactoryFields, Finding,
//!     Member, Outcome, Period, Selection, Sex, SexCounts, Side, Workforce, WorkforceFields,
//! };
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//!
//! // A factory in Sindh, Pakistan, with a workforce snapshot.
//! let mut fields = FactoryFields::new(
//!     "PK-0107".parse()?,
//!     "Indus Knitwear (Pvt) Ltd",
//!     "PK-SD".parse()?,
//!     "Plot 12, Korangi Industrial Area, Karachi",
//!     day(2023, 2, 1),
//! );
//! fields.os_id = Some("VN2019085P645QS".parse()?); // any valid OS ID
//! fields.workforce.push(Workforce::new(WorkforceFields::new(
//!     day(2024, 1, 1),
//!     850,
//!     SexCounts::new(510, 338, 2),
//! ))?);
//! let mut factory = Factory::new(fields)?;
//! assert_eq!(factory.workforce_on(day(2024, 6, 1)).and_then(|w| w.women_share()).map(|r| r.percent(0).to_string()), Some("60".into()));
//!
//! // Its bipartite committee.
//! let mut committee = CommitteeFields::new(
//!     "picc".parse()?, factory.id, CommitteeKind::Picc, Period::from(day(2023, 4, 1)),
//! );
//! for (who, side, sex) in [("m1", Side::Management, Sex::Male), ("w1", Side::Workers, Sex::Female), ("w2", Side::Workers, Sex::Male)] {
//!     committee.members.push(Member::new(who.parse()?, side, sex, Selection::Elected, Period::from(day(2023, 4, 1))));
//! }
//! let committee = Committee::new(committee)?;
//! assert_eq!(committee.worker_side_share(day(2024, 1, 1)).map(|r| r.to_string()), Some("2/3".into()));
//!
//! // A brand, and the factory's consent to share its assessment reports with it.
//! let brand = Brand::new(BrandFields::new("brand-9".parse()?, "Example Apparel", BuyerKind::Brand, BuyerTier::BuyerPartner))?;
//! let consent = factory.grant_consent(brand.id, ConsentScope::AssessmentReports, day(2024, 1, 15))?;
//! assert!(consent.allows(ConsentScope::AssessmentReports, day(2024, 3, 1)));
//!
//! // An assessment with two findings.
//! let mut assessment = AssessmentFields::new(
//!     "A-2024-0031".parse()?, factory.id, 1, AssessmentKind::Unannounced,
//!     (day(2024, 3, 4), day(2024, 3, 5)), "Garment CAT",
//! );
//! assessment.findings.push(Finding::new("CL.CHILD.01".parse()?, Outcome::Compliant));
//! assessment.findings.push(Finding::new("OSH.EMERGENCY.01".parse()?, Outcome::NonCompliant));
//! let assessment = Assessment::new(assessment)?;
//! assert_eq!(assessment.findings.iter().filter(|f| f.outcome == Outcome::NonCompliant).count(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Design
//!
//! - **Checked values.** A record type such as [`Factory`] wraps a plain
//!   [`FactoryFields`] struct and can only hold fields that passed its checks
//!   (dates in order, counts that add up, no blank names). Build the fields, then
//!   call `Factory::new(fields)`; read them back through `Deref`
//!   (`factory.name`), or take them out with `into_fields` to change and check
//!   again. Deserialisation runs the same checks.
//! - **Errors name the field and the value**: [`ParseError`] for identifiers and
//!   codes, [`ValidationError`] for records (with paths like `members[2].period`).
//! - **No names of people.** Workers, committee members and assessors are
//!   pseudonymous references ([`WorkerRef`], [`AssessorId`]).
//! - **Exact numbers.** Counts are integers; shares are [`Ratio`]s that round to
//!   a `Decimal` only when asked. Nothing here is a float.
//! - **No clock, no I/O.** Every "on date" question takes the date as an argument.
//!
//! # Crate features
//!
//! - `serde`: `Serialize`/`Deserialize` for every type (dates as `YYYY-MM-DD`,
//!   identifiers and codes as strings, decimals as strings).
//! - `schema`: JSON Schema through `schemars` (implies `serde`).
//! - `json`: [`json::from_str`], which deserialises with the path, line and
//!   column of the first error (implies `serde`).
//! - `proptest`: [`strategies`] for property tests, also in other crates.
//! - `examples`: [`examples`], fictitious factory bundles as JSON text, the
//!   one copy every demonstration and test reads.

mod activity;
mod assessment;
mod brand;
mod bundle;
mod check;
mod committee;
mod error;
mod factory;
mod generated;
mod id;
mod os_id;
mod people;
mod period;
mod place;
mod plan;
mod ratio;
mod records;

#[cfg(feature = "examples")]
pub mod examples;
#[cfg(feature = "json")]
pub mod json;
#[cfg(feature = "proptest")]
pub mod strategies;

pub use activity::{
    AdvisoryVisit, AdvisoryVisitFields, Initiative, InitiativeEnrolment, InitiativeEnrolmentFields,
    Participants, TrainingSession, TrainingSessionFields, VisitMode,
};
pub use assessment::{Assessment, AssessmentFields, AssessmentKind, Finding, Outcome};
pub use brand::{Brand, BrandFields, BuyerKind, BuyerTier, SourcingRelationship};
pub use bundle::{FactoryBundle, FactoryBundleFields};
pub use check::{MAX_ITEMS, MAX_LABEL, MAX_NAME, MAX_TEXT};
pub use committee::{
    Attendance, Committee, CommitteeFields, CommitteeKind, Meeting, Member, Selection, Side,
};
pub use error::{ParseError, ValidationError};
pub use factory::{
    Consent, ConsentGrant, ConsentScope, ContractCounts, Factory, FactoryFields, ProgrammeStatus,
    StatusChange, Workforce, WorkforceFields,
};
pub use id::{
    AssessmentId, AssessorId, BrandId, CommitteeId, CompliancePointId, FactoryId, QuestionId,
    WorkerRef,
};
pub use os_id::OsId;
pub use people::{Age, ContractType, Sex, SexCounts, WorkerRecord, WorkerRecordFields};
pub use period::Period;
pub use place::{Country, ISO_3166_SOURCE, Jurisdiction, Subdivision};
pub use plan::{
    DialogueItem, DialogueRating, ImprovementPlan, ImprovementPlanFields, ItemStatus, PlanItem,
    PlanStatusCounts, PlanTarget, ProgressReport, ProgressReportFields, StatusEntry,
};
pub use ratio::Ratio;
pub use records::{
    AnnualLeaveRecord, DayKind, LeaveDays, MaternityRecord, PayRecord, Timesheet, WorkedDay,
};
