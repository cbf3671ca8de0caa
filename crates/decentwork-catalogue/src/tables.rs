//! The shapes of the generated tables, and the small value types they use.
//! Rows are crate-private; the public API hands out `Copy` handles.

use std::ops::Range;

use chrono::NaiveDate;
use decentwork_model::{CommitteeKind, Country};
use rust_decimal::Decimal;

/// A constant date for the generated tables.
pub(crate) const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => NaiveDate::MIN,
    }
}

/// Whether a record's facts were confirmed in the cited source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
pub enum Verification {
    /// Confirmed in the cited source.
    Verified,
    /// A lead, not yet confirmed: do not rely on it without checking.
    Unverified,
}

/// What kind of text a record's source is.
///
/// `Official` is the text of the body that makes or registers the fact: a
/// gazette, ministry or parliament; the ILO's NORMLEX and NATLEX (and its other
/// legal databases) for national law and ratifications; the ILO for its own
/// instruments; Better Work for its own tool. Anything else — a law firm, a
/// news report, a wage-data site, a blog, a copy on a document-sharing site — is
/// `Secondary`. A record is [`Verification::Verified`] only on an official
/// source or on two independent secondary sources that agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum SourceKind {
    /// An official text.
    Official,
    /// A secondary source.
    Secondary,
    /// No source recorded (only an unknown ratification has none).
    Missing,
}

impl SourceKind {
    /// Every kind, in declaration order.
    pub const ALL: [SourceKind; 3] = [
        SourceKind::Official,
        SourceKind::Secondary,
        SourceKind::Missing,
    ];

    /// The name the data files use: `official`, `secondary`, `missing`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Official => "official",
            SourceKind::Secondary => "secondary",
            SourceKind::Missing => "missing",
        }
    }
}

impl Verification {
    /// Both statuses, verified first.
    pub const ALL: [Verification; 2] = [Verification::Verified, Verification::Unverified];

    /// The name the data files use: `verified`, `unverified`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Verification::Verified => "verified",
            Verification::Unverified => "unverified",
        }
    }
}

/// Where a record's facts come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Provenance {
    /// A URL, or an instrument or act citation.
    pub source: &'static str,
    /// What kind of text `source` is.
    pub kind: SourceKind,
    /// Further independent sources that state the same fact.
    pub also: &'static [&'static str],
    /// When the record was last checked against its source.
    pub verified_on: NaiveDate,
    /// Whether the source confirmed it.
    pub status: Verification,
}

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PartialDate {
    /// The year.
    pub year: u16,
    /// The month, 1–12, or 0 when unknown.
    pub month: u8,
    /// The day, 1–31, or 0 when unknown.
    pub day: u8,
}

impl PartialDate {
    /// Whether the date is on or before `date`: `Some(true)`/`Some(false)` when
    /// the known parts decide it, `None` when they do not (same year, month unknown).
    #[must_use]
    pub fn on_or_before(self, date: NaiveDate) -> Option<bool> {
        use chrono::Datelike;
        let year = i32::from(self.year);
        if year != date.year() {
            return Some(year < date.year());
        }
        if self.month == 0 {
            return None;
        }
        let month = u32::from(self.month);
        if month != date.month() {
            return Some(month < date.month());
        }
        if self.day == 0 {
            return None;
        }
        Some(u32::from(self.day) <= date.day())
    }
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.month, self.day) {
            (0, _) => write!(f, "{:04}", self.year),
            (m, 0) => write!(f, "{:04}-{m:02}", self.year),
            (m, d) => write!(f, "{:04}-{m:02}-{d:02}", self.year),
        }
    }
}

macro_rules! simple_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(rename_all = "snake_case"))]
        #[non_exhaustive]
        pub enum $name { $($(#[$vdoc])* $variant),* }
    };
}

simple_enum!(
    /// Convention or protocol.
    InstrumentKind {
        /// A convention.
        Convention,
        /// A protocol to a convention.
        Protocol,
    }
);

simple_enum!(
    /// The ILO's classification of an instrument.
    Category {
        /// Fundamental (1998 Declaration, as amended in 2022).
        Fundamental,
        /// Governance (priority).
        Governance,
        /// Technical.
        Technical,
    }
);

simple_enum!(
    /// What an instrument is about, in garment-compliance terms.
    Theme {
        /// Child labour.
        ChildLabour,
        /// Forced labour.
        ForcedLabour,
        /// Freedom of association and collective bargaining.
        FreedomOfAssociation,
        /// Discrimination and equal pay.
        Discrimination,
        /// Occupational safety and health.
        OccupationalSafetyAndHealth,
        /// Labour inspection.
        LabourInspection,
        /// Employment policy.
        EmploymentPolicy,
        /// Tripartite consultation.
        TripartiteConsultation,
        /// Hours, rest and holidays.
        WorkingTime,
        /// Wages.
        Wages,
        /// Social security.
        SocialSecurity,
        /// Maternity protection.
        Maternity,
        /// Migrant workers.
        MigrantWorkers,
        /// Termination, agencies and security of employment.
        EmploymentSecurity,
        /// Violence and harassment.
        ViolenceAndHarassment,
    }
);

simple_enum!(
    /// The two groups of Better Work clusters.
    ClusterGroup {
        /// Core labour standards (ILO fundamental principles).
        CoreLabourStandards,
        /// Working conditions under national law.
        WorkingConditions,
    }
);

simple_enum!(
    /// Whether a question's answer can be non-compliant.
    QuestionKind {
        /// A non-compliance question: one answer is a violation.
        NonCompliance,
        /// A fact-gathering question: context only, never counts.
        FactGathering,
    }
);

simple_enum!(
    /// An answer to a yes/no question.
    Answer {
        /// Yes.
        Yes,
        /// No.
        No,
    }
);

simple_enum!(
    /// A flag a question can carry.
    Tag {
        /// Reported publicly by factory name.
        PublicDisclosure,
        /// Triggers the zero-tolerance protocol.
        ZeroTolerance,
        /// One of the published critical issues.
        CriticalIssue,
    }
);

simple_enum!(
    /// How a country stands towards an instrument, as recorded.
    RatificationKind {
        /// Ratified (on the recorded date).
        Ratified,
        /// Not ratified.
        NotRatified,
        /// Ratified and later denounced.
        Denounced,
        /// Not known: the catalogue does not guess.
        Unknown,
    }
);

simple_enum!(
    /// How two question-set versions relate.
    MappingKind {
        /// Several older questions became one.
        Merged,
        /// One older question became several.
        Split,
        /// Same requirement, new ID.
        Renamed,
    }
);

simple_enum!(
    /// A period a rate or cap refers to.
    Per {
        /// Per hour.
        Hour,
        /// Per day.
        Day,
        /// Per week.
        Week,
        /// Per month.
        Month,
        /// Per year.
        Year,
    }
);

simple_enum!(
    /// A legal parameter of a jurisdiction.
    Parameter {
        /// Minimum age for employment.
        MinimumWorkingAge,
        /// Minimum age for hazardous work.
        HazardousWorkAge,
        /// Normal hours a day.
        NormalHoursDay,
        /// Normal hours a week.
        NormalHoursWeek,
        /// Overtime hours a day.
        OvertimeCapDay,
        /// Overtime hours a week.
        OvertimeCapWeek,
        /// Overtime hours a month.
        OvertimeCapMonth,
        /// Overtime hours a year.
        OvertimeCapYear,
        /// Ordinary plus overtime hours a day.
        TotalHoursCapDay,
        /// Overtime pay as a multiple of the ordinary rate.
        OvertimePremium,
        /// Overtime pay on weekly rest days.
        OvertimePremiumRestDay,
        /// Overtime pay on public holidays.
        OvertimePremiumHoliday,
        /// Overtime pay at night.
        OvertimePremiumNight,
        /// Weekly rest.
        WeeklyRest,
        /// Paid annual leave.
        AnnualLeave,
        /// Maternity leave.
        MaternityLeave,
        /// Maternity pay, per cent of the wage.
        MaternityPay,
        /// Workers from which a safety committee is required.
        SafetyCommitteeThreshold,
        /// Workers from which a participation committee is required.
        ParticipationCommitteeThreshold,
        /// Workers from which a bipartite committee is required.
        BipartiteCommitteeThreshold,
        /// Workers from which a works council is required.
        WorksCouncilThreshold,
        /// Minimum wage.
        MinimumWage,
        /// The fewest members a committee may have (the row's committee says which).
        CommitteeMinimumMembers,
        /// The smallest share of a committee's seats held by worker
        /// representatives, per cent.
        CommitteeWorkerShare,
        /// The smallest share of a committee's worker-side seats held by
        /// women, per cent.
        CommitteeWomenShare,
        /// The longest a committee may go without meeting, in months: 1 for
        /// "at least monthly", 3 for "at least quarterly".
        CommitteeMeetingInterval,
    }
);

impl Parameter {
    /// Every parameter, in declaration order.
    pub const ALL: [Parameter; 26] = [
        Parameter::MinimumWorkingAge,
        Parameter::HazardousWorkAge,
        Parameter::NormalHoursDay,
        Parameter::NormalHoursWeek,
        Parameter::OvertimeCapDay,
        Parameter::OvertimeCapWeek,
        Parameter::OvertimeCapMonth,
        Parameter::OvertimeCapYear,
        Parameter::TotalHoursCapDay,
        Parameter::OvertimePremium,
        Parameter::OvertimePremiumRestDay,
        Parameter::OvertimePremiumHoliday,
        Parameter::OvertimePremiumNight,
        Parameter::WeeklyRest,
        Parameter::AnnualLeave,
        Parameter::MaternityLeave,
        Parameter::MaternityPay,
        Parameter::SafetyCommitteeThreshold,
        Parameter::ParticipationCommitteeThreshold,
        Parameter::BipartiteCommitteeThreshold,
        Parameter::WorksCouncilThreshold,
        Parameter::MinimumWage,
        Parameter::CommitteeMinimumMembers,
        Parameter::CommitteeWorkerShare,
        Parameter::CommitteeWomenShare,
        Parameter::CommitteeMeetingInterval,
    ];

    /// The name used in data files and question templates, e.g. `minimum_working_age`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Parameter::MinimumWorkingAge => "minimum_working_age",
            Parameter::HazardousWorkAge => "hazardous_work_age",
            Parameter::NormalHoursDay => "normal_hours_day",
            Parameter::NormalHoursWeek => "normal_hours_week",
            Parameter::OvertimeCapDay => "overtime_cap_day",
            Parameter::OvertimeCapWeek => "overtime_cap_week",
            Parameter::OvertimeCapMonth => "overtime_cap_month",
            Parameter::OvertimeCapYear => "overtime_cap_year",
            Parameter::TotalHoursCapDay => "total_hours_cap_day",
            Parameter::OvertimePremium => "overtime_premium",
            Parameter::OvertimePremiumRestDay => "overtime_premium_rest_day",
            Parameter::OvertimePremiumHoliday => "overtime_premium_holiday",
            Parameter::OvertimePremiumNight => "overtime_premium_night",
            Parameter::WeeklyRest => "weekly_rest",
            Parameter::AnnualLeave => "annual_leave",
            Parameter::MaternityLeave => "maternity_leave",
            Parameter::MaternityPay => "maternity_pay",
            Parameter::SafetyCommitteeThreshold => "safety_committee_threshold",
            Parameter::ParticipationCommitteeThreshold => "participation_committee_threshold",
            Parameter::BipartiteCommitteeThreshold => "bipartite_committee_threshold",
            Parameter::WorksCouncilThreshold => "works_council_threshold",
            Parameter::MinimumWage => "minimum_wage",
            Parameter::CommitteeMinimumMembers => "committee_minimum_members",
            Parameter::CommitteeWorkerShare => "committee_worker_share",
            Parameter::CommitteeWomenShare => "committee_women_share",
            Parameter::CommitteeMeetingInterval => "committee_meeting_interval",
        }
    }

    /// The parameter in words, for readers: "minimum working age",
    /// "overtime cap a week", "committee meetings".
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            Parameter::MinimumWorkingAge => "minimum working age",
            Parameter::HazardousWorkAge => "minimum age for hazardous work",
            Parameter::NormalHoursDay => "normal hours a day",
            Parameter::NormalHoursWeek => "normal hours a week",
            Parameter::OvertimeCapDay => "overtime limit a day",
            Parameter::OvertimeCapWeek => "overtime limit a week",
            Parameter::OvertimeCapMonth => "overtime limit a month",
            Parameter::OvertimeCapYear => "overtime limit a year",
            Parameter::TotalHoursCapDay => "limit on total hours a day",
            Parameter::OvertimePremium => "overtime pay rate",
            Parameter::OvertimePremiumRestDay => "overtime pay rate on weekly rest days",
            Parameter::OvertimePremiumHoliday => "overtime pay rate on public holidays",
            Parameter::OvertimePremiumNight => "overtime pay rate at night",
            Parameter::WeeklyRest => "weekly rest",
            Parameter::AnnualLeave => "paid annual leave",
            Parameter::MaternityLeave => "maternity leave",
            Parameter::MaternityPay => "maternity pay",
            Parameter::SafetyCommitteeThreshold => {
                "workers from which a safety committee is required"
            }
            Parameter::ParticipationCommitteeThreshold => {
                "workers from which a participation committee is required"
            }
            Parameter::BipartiteCommitteeThreshold => {
                "workers from which a bipartite committee is required"
            }
            Parameter::WorksCouncilThreshold => "workers from which a works council is required",
            Parameter::MinimumWage => "minimum wage",
            Parameter::CommitteeMinimumMembers => "fewest committee members",
            Parameter::CommitteeWorkerShare => "smallest share of seats for worker representatives",
            Parameter::CommitteeWomenShare => "smallest share of worker seats held by women",
            Parameter::CommitteeMeetingInterval => "longest time between committee meetings",
        }
    }

    /// Whether the parameter describes a committee the law requires: a
    /// threshold or a rule on the committee's members or meetings.
    #[must_use]
    pub fn is_committee_rule(self) -> bool {
        matches!(
            self,
            Parameter::SafetyCommitteeThreshold
                | Parameter::ParticipationCommitteeThreshold
                | Parameter::BipartiteCommitteeThreshold
                | Parameter::WorksCouncilThreshold
                | Parameter::CommitteeMinimumMembers
                | Parameter::CommitteeWorkerShare
                | Parameter::CommitteeWomenShare
                | Parameter::CommitteeMeetingInterval
        )
    }

    /// Whether the parameter is the number of workers from which a committee
    /// is required.
    #[must_use]
    pub fn is_committee_threshold(self) -> bool {
        matches!(
            self,
            Parameter::SafetyCommitteeThreshold
                | Parameter::ParticipationCommitteeThreshold
                | Parameter::BipartiteCommitteeThreshold
                | Parameter::WorksCouncilThreshold
        )
    }

    /// Looks a parameter up by [`Parameter::name`].
    #[must_use]
    pub fn from_name(name: &str) -> Option<Parameter> {
        Parameter::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// Whether days of leave are working days or calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum DayCount {
    /// Working days (rest days and public holidays do not count).
    Working,
    /// Calendar days.
    Calendar,
    /// The sources seen do not say.
    NotStated,
}

/// What leave is earned for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum AccrualBasis {
    /// Days actually worked.
    DaysWorked,
    /// Months of service.
    MonthsOfService,
}

/// An accrual rule: the value is earned for every `per` units of `of`, e.g.
/// one day of annual leave for every 18 days worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Accrual {
    /// How many units of `of` earn the value.
    pub per: Decimal,
    /// What is counted.
    pub of: AccrualBasis,
}

/// The unit of a legal parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Unit {
    /// Years (ages).
    Years,
    /// Hours.
    Hours,
    /// Days.
    Days,
    /// Weeks.
    Weeks,
    /// Months.
    Months,
    /// A multiple of a wage rate (1.5 = 150 %): what an hour is paid, never
    /// an add-on. [`crate::LegalValue::basis`] names the wage it multiplies.
    Multiplier,
    /// Per cent.
    Percent,
    /// A number of workers.
    Workers,
    /// An amount of money in the ISO 4217 currency given.
    Money(&'static str),
}

pub(crate) struct InstrumentRow {
    /// The row's position in its table, written by the generator.
    pub(crate) index: usize,
    pub(crate) code: &'static str,
    pub(crate) number: u16,
    pub(crate) kind: InstrumentKind,
    pub(crate) title: &'static str,
    pub(crate) adopted: u16,
    pub(crate) category: Category,
    pub(crate) fundamental_since: Option<u16>,
    pub(crate) theme: Theme,
    pub(crate) normlex_id: Option<u32>,
    pub(crate) normlex_id_verified: bool,
    pub(crate) provenance: Provenance,
}

pub(crate) struct SetRow {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) description: &'static str,
    pub(crate) members: &'static [&'static InstrumentRow],
    pub(crate) provenance: Provenance,
}

pub(crate) struct TagRow {
    pub(crate) tag: Tag,
    pub(crate) name: &'static str,
    pub(crate) description: &'static str,
    pub(crate) provenance: Provenance,
}

pub(crate) struct ToolRow {
    /// The row's position in its table, written by the generator.
    pub(crate) index: usize,
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) released: NaiveDate,
    pub(crate) note: &'static str,
}

pub(crate) struct MappingRow {
    pub(crate) from_tool: &'static ToolRow,
    pub(crate) to_tool: &'static ToolRow,
    pub(crate) kind: MappingKind,
    pub(crate) from: &'static [&'static QuestionRow],
    pub(crate) to: &'static [&'static QuestionRow],
    pub(crate) note: &'static str,
}

pub(crate) struct BsciRow {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
}

pub(crate) struct ClusterRow {
    /// The row's position in its table, written by the generator.
    pub(crate) index: usize,
    pub(crate) id: &'static str,
    pub(crate) order: u8,
    pub(crate) name: &'static str,
    pub(crate) group: ClusterGroup,
    pub(crate) aliases: &'static [&'static str],
    pub(crate) points: Range<usize>,
    pub(crate) provenance: Provenance,
}

pub(crate) struct PointRow {
    /// The row's position in its table, written by the generator.
    pub(crate) index: usize,
    pub(crate) id: &'static str,
    pub(crate) cluster: &'static ClusterRow,
    pub(crate) order: u8,
    pub(crate) name: &'static str,
    pub(crate) aliases: &'static [&'static str],
    pub(crate) ilo: &'static [&'static InstrumentRow],
    pub(crate) bsci: &'static [&'static BsciRow],
    pub(crate) trend_group: Option<&'static str>,
    pub(crate) questions: Range<usize>,
    pub(crate) provenance: Provenance,
}

pub(crate) struct IloRow {
    pub(crate) instrument: &'static InstrumentRow,
    pub(crate) article: Option<&'static str>,
}

pub(crate) struct QuestionRow {
    /// The row's position in its table, written by the generator.
    pub(crate) index: usize,
    pub(crate) id: &'static str,
    pub(crate) point: &'static PointRow,
    pub(crate) kind: QuestionKind,
    pub(crate) text: &'static str,
    pub(crate) non_compliant_answer: Option<Answer>,
    pub(crate) ilo: &'static [IloRow],
    pub(crate) tags: &'static [Tag],
    pub(crate) only_in: &'static [&'static str],
    pub(crate) since: &'static ToolRow,
    pub(crate) note: Option<&'static str>,
    pub(crate) provenance: Provenance,
}

pub(crate) struct RatificationRow {
    pub(crate) country: Country,
    pub(crate) instrument: &'static InstrumentRow,
    pub(crate) status: RatificationKind,
    pub(crate) date: Option<PartialDate>,
    pub(crate) note: &'static str,
    pub(crate) provenance: Provenance,
}

pub(crate) struct ActRow {
    pub(crate) id: &'static str,
    pub(crate) jurisdiction: &'static str,
    pub(crate) title: &'static str,
    pub(crate) enacted: Option<&'static str>,
    pub(crate) in_force_from: Option<NaiveDate>,
    pub(crate) in_force_to: Option<NaiveDate>,
    pub(crate) amended_by: &'static [&'static ActRow],
    pub(crate) note: Option<&'static str>,
    pub(crate) provenance: Provenance,
}

pub(crate) struct ReferenceRow {
    pub(crate) jurisdiction: &'static str,
    pub(crate) point: &'static PointRow,
    pub(crate) act: &'static ActRow,
    pub(crate) section: Option<&'static str>,
    pub(crate) note: Option<&'static str>,
    pub(crate) provenance: Provenance,
}

pub(crate) struct ParameterRow {
    pub(crate) jurisdiction: &'static str,
    pub(crate) name: Parameter,
    pub(crate) value: Decimal,
    pub(crate) unit: Unit,
    pub(crate) per: Option<Per>,
    pub(crate) basis: Option<&'static str>,
    pub(crate) days: Option<DayCount>,
    pub(crate) accrual: Option<Accrual>,
    pub(crate) region: Option<&'static str>,
    pub(crate) sector: Option<&'static str>,
    pub(crate) variant: Option<&'static str>,
    pub(crate) committee: Option<CommitteeKind>,
    pub(crate) from: Option<NaiveDate>,
    pub(crate) to: Option<NaiveDate>,
    pub(crate) ended_by: Option<&'static str>,
    pub(crate) legal_basis: &'static str,
    pub(crate) note: Option<&'static str>,
    pub(crate) provenance: Provenance,
}

pub(crate) struct AbsenceRow {
    pub(crate) jurisdiction: &'static str,
    pub(crate) name: Parameter,
    pub(crate) region: Option<&'static str>,
    pub(crate) sector: Option<&'static str>,
    pub(crate) from: Option<NaiveDate>,
    pub(crate) to: Option<NaiveDate>,
    pub(crate) legal_basis: &'static str,
    pub(crate) note: Option<&'static str>,
    pub(crate) provenance: Provenance,
}
