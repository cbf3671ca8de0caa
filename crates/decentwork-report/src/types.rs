//! The report types: the one serialised contract of decentwork. Their JSON
//! shape is pinned by snapshots and JSON Schemas under `docs/schemas/`.

use chrono::NaiveDate;
use decentwork_model::{AssessmentId, BrandId, Country, FactoryId, Jurisdiction, OsId};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What every report says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Meta {
    /// The kind of report, e.g. `factory_assessment`.
    pub kind: String,
    /// The date the report describes (an input: reports never read the clock).
    pub report_date: NaiveDate,
    /// The catalogue version behind names, questions and legal references.
    pub catalogue_version: String,
    /// The version of the report contract (this crate's version).
    pub contract_version: String,
}

impl Meta {
    pub(crate) fn new(kind: &str, report_date: NaiveDate) -> Self {
        Self {
            kind: kind.to_owned(),
            report_date,
            catalogue_version: decentwork_catalogue::VERSION.to_owned(),
            contract_version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

/// Non-compliant out of assessed, with the rate as an exact decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Rate {
    /// Items non-compliant.
    pub non_compliant: u64,
    /// Items assessed.
    pub assessed: u64,
    /// `non_compliant / assessed`, rounded to 4 decimals; absent when nothing was assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Decimal>,
}

impl Rate {
    /// From counts.
    #[must_use]
    pub fn new(non_compliant: u64, assessed: u64) -> Self {
        let rate = decentwork_model::Ratio::new(non_compliant, assessed).map(|r| r.to_decimal(4));
        Self {
            non_compliant,
            assessed,
            rate,
        }
    }
}

/// Who the factory is, as reports name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FactoryLine {
    /// Identifier.
    pub id: FactoryId,
    /// Name.
    pub name: String,
    /// Open Supply Hub ID, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os_id: Option<OsId>,
    /// Jurisdiction.
    pub jurisdiction: Jurisdiction,
    /// Country name.
    pub country: String,
}

/// One question in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct QuestionLine {
    /// The question's ID.
    pub id: String,
    /// Its text for the factory's jurisdiction on the assessment date.
    pub text: String,
    /// The ILO instruments and articles it rests on.
    pub ilo: Vec<String>,
    /// Whether the finding on it was derived from worker records by an
    /// evidence check, not made by the assessors.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub derived_from_evidence: bool,
}

/// One compliance point in a factory assessment report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PointSection {
    /// The point's ID.
    pub id: String,
    /// Its published name.
    pub name: String,
    /// `non_compliant`, `compliant`, `not_applicable` or `not_assessed`.
    pub status: decentwork_scoring::PointStatus,
    /// The non-compliant questions, with their texts.
    pub non_compliant: Vec<QuestionLine>,
    /// National legal references for the point in the factory's jurisdiction.
    pub legal_references: Vec<String>,
}

/// One cluster in a factory assessment report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ClusterSection {
    /// The cluster's ID.
    pub id: String,
    /// Its published name.
    pub name: String,
    /// Non-compliant points out of points assessed.
    pub points_rate: Rate,
    /// Its points, in the tool's order.
    pub points: Vec<PointSection>,
}

/// A zero-tolerance or critical-issue finding in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AlertLine {
    /// `zero_tolerance` or `critical_issue`.
    pub kind: decentwork_scoring::AlertKind,
    /// The question.
    pub question: QuestionLine,
    /// Workers affected, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workers_affected: Option<u32>,
    /// National legal references.
    pub legal_references: Vec<String>,
}

/// How the points changed since the previous cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ChangeSection {
    /// The previous assessment.
    pub previous: AssessmentId,
    /// Its cycle.
    pub previous_cycle: u16,
    /// Points non-compliant before and compliant now.
    pub newly_compliant: Vec<String>,
    /// Points compliant before and non-compliant now.
    pub newly_non_compliant: Vec<String>,
    /// Points non-compliant both times.
    pub persistent: Vec<String>,
}

/// The factory assessment report: one cycle's findings by cluster and point,
/// with legal references, alerts, and the change since the previous cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FactoryAssessmentReport {
    /// About the report.
    pub meta: Meta,
    /// The factory.
    pub factory: FactoryLine,
    /// The assessment.
    pub assessment: AssessmentId,
    /// Its cycle.
    pub cycle: u16,
    /// First and last day of the visit.
    pub visit: (NaiveDate, NaiveDate),
    /// Non-compliant points out of points assessed, over all clusters.
    pub overall: Rate,
    /// Every cluster.
    pub clusters: Vec<ClusterSection>,
    /// Zero-tolerance and critical-issue findings.
    pub alerts: Vec<AlertLine>,
    /// Change since the previous cycle, when one is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<ChangeSection>,
    /// The committees the law requires of the factory on the visit's first
    /// day, and whether its committees meet the rules (when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee_requirements: Option<CommitteeSection>,
    /// What was odd in the findings and how it was handled.
    pub notes: Vec<String>,
}

/// A legal value as a report cites it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LawLine {
    /// The parameter as the catalogue names it, e.g. `overtime_cap_day`.
    pub parameter: String,
    /// Its value as the law states it, e.g. "2 hours", "BDT 12,500 a month".
    pub value: String,
    /// The sector, region or variant it is for, when not general.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<String>,
    /// For a committee rule, the committee it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee: Option<decentwork_model::CommitteeKind>,
    /// First day in force, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// Last day in force, when it has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// The act and section.
    pub legal_basis: String,
    /// Where the catalogue has it from.
    pub source: String,
    /// Whether that source confirmed it.
    pub verified: bool,
}

/// One rule a required committee was checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CommitteeRuleLine {
    /// `exists`, `minimum_members`, `worker_share`, `women_share` or `meetings`.
    pub rule: decentwork_scoring::CommitteeRule,
    /// The legal value behind it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub law: Option<LawLine>,
    /// What the records show (counts and dates, never people).
    pub observed: String,
    /// Whether the committee meets it.
    pub met: bool,
}

/// One committee the law may require of the factory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CommitteeRequirementLine {
    /// The committee kind that meets the requirement; absent when the law asks
    /// for something the model does not record as a committee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<decentwork_model::CommitteeKind>,
    /// The threshold: workers from which the law requires it.
    pub threshold: LawLine,
    /// `required`, `not_required` or `workforce_unknown`.
    pub requirement: decentwork_scoring::Requirement,
    /// The factory's committees of the kind in place on the date.
    pub committees: Vec<String>,
    /// The rules checked (empty when not required).
    pub rules: Vec<CommitteeRuleLine>,
    /// Whether the requirement is met; absent when not required or unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met: Option<bool>,
    /// For a requirement without a committee kind, the catalogue's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The committees the law requires of a factory on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CommitteeSection {
    /// The date.
    pub on: NaiveDate,
    /// Workers on the date (latest workforce snapshot), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workers: Option<u32>,
    /// Set when the catalogue has no law data for the jurisdiction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_law_data: Option<String>,
    /// Every committee threshold in force.
    pub requirements: Vec<CommitteeRequirementLine>,
}

/// A check's worker-periods that could not be examined, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct NotCheckedLine {
    /// Why not.
    pub reason: String,
    /// The workers concerned (pseudonymous references); empty for all.
    pub workers: Vec<String>,
}

/// What one evidence check did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EvidenceCheckLine {
    /// The check.
    pub kind: decentwork_scoring::EvidenceKind,
    /// The question a finding of it answers.
    pub question: String,
    /// Worker-periods examined.
    pub checked: u32,
    /// Of those, how many broke the law.
    pub findings: u32,
    /// What could not be examined, by reason.
    pub not_checked: Vec<NotCheckedLine>,
}

/// A finding derived from one worker's records over one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EvidenceFindingLine {
    /// What was found.
    pub kind: decentwork_scoring::EvidenceKind,
    /// The question it answers.
    pub question: String,
    /// The worker (the factory's pseudonymous reference).
    pub worker: String,
    /// First day of the period (day, week, month, year, pay period, leave).
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
    /// What the records show.
    pub observed: Decimal,
    /// The legal limit or floor.
    pub limit: Decimal,
    /// The unit of both.
    pub measure: decentwork_scoring::Measure,
    /// The legal values applied.
    pub law: Vec<LawLine>,
}

/// A legal parameter in force, and the checks that applied it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LawUseLine {
    /// The value.
    pub law: LawLine,
    /// The checks that applied it.
    pub used_by: Vec<decentwork_scoring::EvidenceKind>,
    /// Why none did, when none did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unused: Option<String>,
}

/// The evidence check of a factory's worker records against the law in
/// force, with the committees the law requires: what `decentwork check`
/// writes. A working document for the assessors and the factory: it names
/// workers by the factory's pseudonymous references, since each finding
/// concerns one worker, and is never shared beyond them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EvidenceReport {
    /// About the report.
    pub meta: Meta,
    /// The factory.
    pub factory: FactoryLine,
    /// The date of the check: the law listed is the law in force then.
    pub on: NaiveDate,
    /// The minimum-wage region used, when the factory names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wage_region: Option<String>,
    /// Set when the catalogue has no law data for the jurisdiction: why no
    /// check ran, said once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_law_data: Option<String>,
    /// Workers in the sample.
    pub workers: u32,
    /// Every check (empty without law data).
    pub checks: Vec<EvidenceCheckLine>,
    /// The findings, by check, worker and period.
    pub findings: Vec<EvidenceFindingLine>,
    /// Every legal parameter in force for the factory, and its use.
    pub law: Vec<LawUseLine>,
    /// The committees the law requires on the date.
    pub committees: CommitteeSection,
}

/// A committee in a progress report: counts, never people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CommitteeLine {
    /// The committee's ID.
    pub id: String,
    /// Its kind, e.g. `picc`.
    pub kind: decentwork_model::CommitteeKind,
    /// Members on the report date.
    pub members: u64,
    /// Worker-side seats.
    pub worker_seats: u64,
    /// Worker-side seats held by women.
    pub women_worker_seats: u64,
    /// Whether someone chairs it on the report date.
    pub has_chair: bool,
    /// Meetings in the twelve months up to the report date.
    pub meetings_last_year: u64,
    /// Of those, meetings with minutes kept.
    pub meetings_with_minutes: u64,
}

/// The progress report: improvement-plan status, committees and social dialogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ProgressReportDocument {
    /// About the report.
    pub meta: Meta,
    /// The factory.
    pub factory: FactoryLine,
    /// Improvement-plan items by status on the report date.
    pub plan: PlanLine,
    /// The factory's committees.
    pub committees: Vec<CommitteeLine>,
    /// The committees the law requires of the factory on the report date,
    /// and whether its committees meet the rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee_requirements: Option<CommitteeSection>,
    /// Social-dialogue ratings of the latest progress report on or before the date.
    pub social_dialogue: Vec<DialogueLine>,
}

/// Improvement-plan counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PlanLine {
    /// Items existing on the date.
    pub items: u32,
    /// Pending.
    pub pending: u32,
    /// In progress.
    pub in_progress: u32,
    /// Completed.
    pub completed: u32,
    /// Past due and not completed.
    pub overdue: u32,
    /// Open items per compliance point or question.
    pub open_by_target: Vec<(String, u32)>,
}

/// A social-dialogue rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DialogueLine {
    /// What is rated.
    pub topic: String,
    /// The rating.
    pub rating: decentwork_model::DialogueRating,
}

/// One publicly disclosed question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DisclosureLine {
    /// The question.
    pub question: QuestionLine,
    /// `true` when the factory was found non-compliant.
    pub non_compliant: bool,
}

/// The public disclosure report: only questions tagged for public disclosure,
/// by factory name. Never any other finding.
///
/// The guarantee is part of the type: its fields are read through methods,
/// so nothing can be added after it was built, and reading one from JSON
/// checks it again (every item a catalogue question tagged for public
/// disclosure, each once).
///
/// ```
/// use decentwork_report::PublicDisclosureReport;
///
/// let tampered = r#"{"meta": {"kind": "public_disclosure", "report_date": "2024-06-30",
///   "catalogue_version": "x", "contract_version": "x"}, "factory_name": "X", "country": "Bangladesh",
///   "assessed_on": "2024-03-19", "items": [{"question": {"id": "CL.CHILD.03", "text": "…", "ilo": []},
///   "non_compliant": true}]}"#;
/// let err = serde_json::from_str::<PublicDisclosureReport>(tampered).unwrap_err();
/// assert!(err.to_string().contains("not published under public disclosure"), "{err}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        description = "The public disclosure report: only questions tagged for public disclosure, by factory name. Never any other finding. Reading one checks that every item is a catalogue question tagged for public disclosure, each once."
    )
)]
#[serde(deny_unknown_fields, try_from = "PublicDisclosureData")]
#[non_exhaustive]
pub struct PublicDisclosureReport {
    /// About the report.
    pub(crate) meta: Meta,
    /// The factory's name.
    pub(crate) factory_name: String,
    /// Its country.
    pub(crate) country: String,
    /// The assessment's first day.
    pub(crate) assessed_on: NaiveDate,
    /// The disclosed questions, assessed in this assessment.
    pub(crate) items: Vec<DisclosureLine>,
}

/// A public disclosure report as read, before its checks.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "PublicDisclosureReport"))]
#[serde(deny_unknown_fields)]
struct PublicDisclosureData {
    /// About the report.
    meta: Meta,
    /// The factory's name.
    factory_name: String,
    /// Its country.
    country: String,
    /// The assessment's first day.
    assessed_on: NaiveDate,
    /// The disclosed questions, assessed in this assessment.
    items: Vec<DisclosureLine>,
}

impl TryFrom<PublicDisclosureData> for PublicDisclosureReport {
    type Error = String;

    fn try_from(d: PublicDisclosureData) -> Result<Self, String> {
        if d.meta.kind != "public_disclosure" {
            return Err(format!(
                "meta.kind {:?} is not public_disclosure",
                d.meta.kind
            ));
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, item) in d.items.iter().enumerate() {
            let public = decentwork_catalogue::Question::from_id(&item.question.id)
                .is_ok_and(|q| q.has_tag(decentwork_catalogue::Tag::PublicDisclosure));
            if !public {
                return Err(format!(
                    "items[{i}]: question {:?} is not published under public disclosure",
                    item.question.id
                ));
            }
            if !seen.insert(item.question.id.as_str()) {
                return Err(format!(
                    "items[{i}]: question {:?} appears twice",
                    item.question.id
                ));
            }
        }
        Ok(PublicDisclosureReport {
            meta: d.meta,
            factory_name: d.factory_name,
            country: d.country,
            assessed_on: d.assessed_on,
            items: d.items,
        })
    }
}

impl PublicDisclosureReport {
    /// About the report.
    #[must_use]
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// The factory's name.
    #[must_use]
    pub fn factory_name(&self) -> &str {
        &self.factory_name
    }

    /// Its country.
    #[must_use]
    pub fn country(&self) -> &str {
        &self.country
    }

    /// The assessment's first day.
    #[must_use]
    pub fn assessed_on(&self) -> NaiveDate {
        self.assessed_on
    }

    /// The disclosed questions, assessed in this assessment.
    #[must_use]
    pub fn items(&self) -> &[DisclosureLine] {
        &self.items
    }
}

/// One factory in a brand's portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PortfolioLine {
    /// The factory.
    pub factory: FactoryLine,
    /// The date its consent to this brand started.
    pub consent_since: NaiveDate,
    /// Its latest assessment on or before the report date, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest: Option<PortfolioAssessment>,
}

/// The latest assessment of a portfolio factory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PortfolioAssessment {
    /// The assessment.
    pub assessment: AssessmentId,
    /// Its cycle.
    pub cycle: u16,
    /// Its first day.
    pub start: NaiveDate,
    /// Non-compliant points out of points assessed.
    pub overall: Rate,
    /// Zero-tolerance alerts.
    pub zero_tolerance: u32,
    /// Critical-issue alerts.
    pub critical_issues: u32,
}

/// The brand portfolio report: only factories whose consent to the brand is
/// valid on the report date, each with its latest assessment on or before
/// that date. (Consent valid on the report date shares the latest assessment
/// even when it was made before the consent was granted: the factory grants
/// the sharing of its reports, not of later assessments only.)
///
/// The guarantee is part of the type: its fields are read through methods,
/// so no factory or brand can be changed after it was built; reading one
/// from JSON checks what can be checked without the factories' records (each
/// factory once, its consent and its assessment no later than the report
/// date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        description = "The brand portfolio report: only factories whose consent to the brand is valid on the report date, each with its latest assessment on or before that date (even one made before the consent was granted). Reading one checks that each factory appears once and that no consent or assessment is later than the report date."
    )
)]
#[serde(deny_unknown_fields, try_from = "BrandPortfolioData")]
#[non_exhaustive]
pub struct BrandPortfolioReport {
    /// About the report.
    pub(crate) meta: Meta,
    /// The brand.
    pub(crate) brand: BrandId,
    /// Its name.
    pub(crate) brand_name: String,
    /// Factories with valid consent.
    pub(crate) factories: Vec<PortfolioLine>,
}

/// A brand portfolio report as read, before its checks.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "BrandPortfolioReport"))]
#[serde(deny_unknown_fields)]
struct BrandPortfolioData {
    /// About the report.
    meta: Meta,
    /// The brand.
    brand: BrandId,
    /// Its name.
    brand_name: String,
    /// Factories with valid consent.
    factories: Vec<PortfolioLine>,
}

impl TryFrom<BrandPortfolioData> for BrandPortfolioReport {
    type Error = String;

    fn try_from(d: BrandPortfolioData) -> Result<Self, String> {
        if d.meta.kind != "brand_portfolio" {
            return Err(format!(
                "meta.kind {:?} is not brand_portfolio",
                d.meta.kind
            ));
        }
        let on = d.meta.report_date;
        let mut seen = std::collections::BTreeSet::new();
        for (i, line) in d.factories.iter().enumerate() {
            if !seen.insert(line.factory.id) {
                return Err(format!(
                    "factories[{i}]: factory {} appears twice",
                    line.factory.id
                ));
            }
            if line.consent_since > on {
                return Err(format!(
                    "factories[{i}]: consent since {} is after the report date {on}",
                    line.consent_since
                ));
            }
            if let Some(latest) = &line.latest
                && latest.start > on
            {
                return Err(format!(
                    "factories[{i}]: assessment {} starts after the report date {on}",
                    latest.assessment
                ));
            }
        }
        Ok(BrandPortfolioReport {
            meta: d.meta,
            brand: d.brand,
            brand_name: d.brand_name,
            factories: d.factories,
        })
    }
}

impl BrandPortfolioReport {
    /// About the report.
    #[must_use]
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// The brand.
    #[must_use]
    pub fn brand(&self) -> BrandId {
        self.brand
    }

    /// Its name.
    #[must_use]
    pub fn brand_name(&self) -> &str {
        &self.brand_name
    }

    /// The factories whose consent is valid on the report date.
    #[must_use]
    pub fn factories(&self) -> &[PortfolioLine] {
        &self.factories
    }
}

/// The population a synthesis is computed over, stated in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PopulationLine {
    /// Which assessments, in words.
    pub selection: String,
    /// Grouping keys.
    pub group_by: Vec<String>,
    /// Worst forms merged and "Systems" read as OSH.
    pub harmonised: bool,
    /// Obsolete factories left out.
    pub exclude_obsolete: bool,
    /// Assessments used.
    pub assessments: u64,
    /// Distinct factories.
    pub factories: u64,
    /// Assessments left out as obsolete.
    pub excluded_obsolete: u64,
    /// Exact duplicate rows ignored.
    pub duplicates_ignored: u64,
    /// Conflicting rows (counted non-compliant if either was).
    pub conflicting_rows: u64,
    /// Fact-gathering rows, never counted.
    pub fact_gathering_rows: u64,
    /// Rows whose assessment was first given with another factory, first
    /// day or cycle (counted under the assessment as first given).
    pub inconsistent_rows: u64,
}

/// One row of compliance-point rates. Labels are the data's own (or the
/// catalogue's, when harmonised); IDs join the row to the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RateLine {
    /// The country as the data names it, when grouped by country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Its ISO 3166-1 code, when the name is a country's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<Country>,
    /// Cycle, when grouped by cycle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle: Option<u16>,
    /// Cluster, when grouped by cluster or compliance point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// The catalogue's ID for the cluster, when it knows the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    /// Compliance point, when grouped by point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cp: Option<String>,
    /// The catalogue's ID for the compliance point, when it knows the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cp_id: Option<String>,
    /// Assessments non-compliant out of assessments assessed (one per
    /// factory, except in a balanced panel).
    pub assessments: Rate,
}

/// One row of question-level rates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct QuestionRateLine {
    /// The question's ID as the data gives it.
    pub question_id: String,
    /// Its text as first given.
    pub question: String,
    /// Its cluster.
    pub cluster: String,
    /// The catalogue's ID for the cluster, when it knows the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    /// Its compliance point.
    pub cp: String,
    /// The catalogue's ID for the compliance point, when it knows the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cp_id: Option<String>,
    /// Whether it is published in public disclosure.
    pub public: bool,
    /// Assessments non-compliant on it out of assessments assessed on it.
    pub assessments: Rate,
}

/// What a synthesis's rates are of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SynthesisLevel {
    /// Compliance points (or clusters), in `rows`.
    CompliancePoint,
    /// Questions, in `questions`.
    Question,
}

/// The industry synthesis: non-compliance rates, by compliance point or by
/// question, stating the population used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SynthesisReport {
    /// About the report.
    pub meta: Meta,
    /// A title.
    pub title: String,
    /// Whether the rates are by compliance point or by question.
    pub level: SynthesisLevel,
    /// The population.
    pub population: PopulationLine,
    /// Compliance-point rates (empty in a question-level synthesis).
    pub rows: Vec<RateLine>,
    /// Question-level rates (empty in a compliance-point synthesis).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<QuestionRateLine>,
}

/// People trained, by sex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TrainedLine {
    /// Everyone.
    pub total: u64,
    /// Women.
    pub women: u64,
    /// Men.
    pub men: u64,
    /// Other or undisclosed.
    pub other: u64,
}

/// The country programme summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ProgrammeSummary {
    /// About the report.
    pub meta: Meta,
    /// The country.
    pub country: Country,
    /// Factories enrolled on the report date.
    pub factories: u64,
    /// Workers in those factories (latest snapshots on or before the date).
    pub workers: u64,
    /// Women among them, per cent, 1 decimal; absent without workers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub women_percent: Option<Decimal>,
    /// Committees active on the date, by kind.
    pub committees_by_kind: Vec<(decentwork_model::CommitteeKind, u64)>,
    /// People trained in sessions up to the date.
    pub trained: TrainedLine,
    /// Buyer partners sourcing from the factories on the date.
    pub brand_partners: u64,
}

/// One compliance point of a scored assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ScoredPoint {
    /// The point's ID.
    pub id: String,
    /// Its published name.
    pub name: String,
    /// Its cluster's ID.
    pub cluster_id: String,
    /// `non_compliant`, `compliant`, `not_applicable` or `not_assessed`.
    pub status: decentwork_scoring::PointStatus,
    /// Its non-compliance questions by outcome, and its fact-gathering findings.
    pub questions: QuestionCountsLine,
    /// The findings that decided the status: the non-compliant ones if any,
    /// otherwise every assessed one.
    pub decided_by: Vec<ScoredFinding>,
}

/// Counts of one point's findings by outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct QuestionCountsLine {
    /// Non-compliant questions.
    pub non_compliant: u32,
    /// Compliant questions.
    pub compliant: u32,
    /// Not applicable questions.
    pub not_applicable: u32,
    /// Not assessed questions.
    pub not_assessed: u32,
    /// Fact-gathering findings (never counted).
    pub fact_gathering: u32,
}

/// One finding, as counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ScoredFinding {
    /// Its position in the assessment's findings (the first, for a question
    /// with several).
    pub index: usize,
    /// The question.
    pub question: String,
    /// The outcome counted.
    pub outcome: decentwork_model::Outcome,
    /// Workers affected, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workers_affected: Option<u32>,
}

/// One cluster of a scored assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ScoredCluster {
    /// The cluster's ID.
    pub id: String,
    /// Its published name.
    pub name: String,
    /// Non-compliant points out of points assessed.
    pub points: Rate,
    /// Its points not assessed or not applicable, outside the rate.
    pub not_counted: Vec<String>,
}

/// A zero-tolerance or critical-issue finding of a scored assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ScoredAlert {
    /// `zero_tolerance` or `critical_issue`.
    pub kind: decentwork_scoring::AlertKind,
    /// The question.
    pub question: String,
    /// Its compliance point.
    pub point: String,
    /// The finding's position.
    pub index: usize,
    /// Workers affected, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workers_affected: Option<u32>,
    /// The ILO instruments and articles the question rests on.
    pub ilo: Vec<String>,
    /// National legal references, when scored for a jurisdiction.
    pub legal_references: Vec<String>,
}

/// Something odd in the findings and what the scoring did about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DiagnosticLine {
    /// What kind: `unknown_question`, `repeated_question`,
    /// `not_in_tool_version`, `not_asked_in_jurisdiction` or
    /// `fact_gathering_not_counted`.
    pub kind: String,
    /// The question.
    pub question: String,
    /// The positions of the findings concerned.
    pub findings: Vec<usize>,
    /// In words.
    pub message: String,
}

/// One assessment scored with the Better Work rule, in full: every point
/// with the findings that decided it, every question as counted, alerts and
/// diagnostics. What `decentwork score` writes as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ScoredAssessment {
    /// About the report.
    pub meta: Meta,
    /// The assessment.
    pub assessment: AssessmentId,
    /// The factory.
    pub factory: FactoryId,
    /// Its cycle.
    pub cycle: u16,
    /// First and last day of the visit.
    pub visit: (NaiveDate, NaiveDate),
    /// The question-set version the findings were checked against.
    pub tool: String,
    /// Non-compliant points out of points assessed.
    pub overall: Rate,
    /// Every cluster, in the tool's order.
    pub clusters: Vec<ScoredCluster>,
    /// Every compliance point, in the tool's order.
    pub points: Vec<ScoredPoint>,
    /// Every question with a finding, once, as counted.
    pub questions: Vec<ScoredFinding>,
    /// Zero-tolerance and critical-issue findings.
    pub alerts: Vec<ScoredAlert>,
    /// What was odd in the findings.
    pub diagnostics: Vec<DiagnosticLine>,
}
