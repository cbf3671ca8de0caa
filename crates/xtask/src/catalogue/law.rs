//! `law/<jurisdiction>.toml`: one file per jurisdiction, holding its acts, its
//! references per compliance point and its time-aware legal parameters.
//!
//! The file's name is the jurisdiction's code (`BD.toml`, `PK-SD.toml`): the
//! list of covered jurisdictions is the list of files. Parameters are typed:
//! each parameter name allows certain units, a premium is a multiplier of at
//! least 1 with the wage it multiplies named, leave says whether it counts
//! working or calendar days and is either a yearly total or an accrual rule.
//! Each parameter's time line (per jurisdiction, region, sector, variant and
//! period) must have no overlaps and no gaps, and may end only where
//! `ended_by` says what ended it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::{
    Fingerprints, HEADER, Index, Problems, Provenance, camel, decimal_expr, opt_date, opt_str,
    provenance_expr, read_toml, refs, toml_files,
};

/// Parameter names questions may use and law records may define.
pub(crate) const PARAMETERS: &[&str] = &[
    "minimum_working_age",
    "hazardous_work_age",
    "normal_hours_day",
    "normal_hours_week",
    "overtime_cap_day",
    "overtime_cap_week",
    "overtime_cap_month",
    "overtime_cap_year",
    "total_hours_cap_day",
    "overtime_premium",
    "overtime_premium_rest_day",
    "overtime_premium_holiday",
    "overtime_premium_night",
    "weekly_rest",
    "annual_leave",
    "maternity_leave",
    "maternity_pay",
    "safety_committee_threshold",
    "participation_committee_threshold",
    "bipartite_committee_threshold",
    "works_council_threshold",
    "minimum_wage",
    "committee_minimum_members",
    "committee_worker_share",
    "committee_women_share",
    "committee_meeting_interval",
];

/// The committee kinds a committee rule may name: the model's
/// `CommitteeKind` as its JSON writes it.
const COMMITTEES: &[&str] = &[
    "picc",
    "participation_committee",
    "safety_committee",
    "lks_bipartit",
    "works_council",
    "joint_works_council",
    "osh_committee",
    "other",
];

/// The units each parameter may take (`money` stands for an ISO 4217 code).
fn units_for(name: &str) -> &'static [&'static str] {
    match name {
        "minimum_working_age" | "hazardous_work_age" => &["years"],
        "normal_hours_day"
        | "normal_hours_week"
        | "overtime_cap_day"
        | "overtime_cap_week"
        | "overtime_cap_month"
        | "total_hours_cap_day" => &["hours"],
        // Jordan caps the days a year on which overtime may be required.
        "overtime_cap_year" | "weekly_rest" => &["hours", "days"],
        "overtime_premium"
        | "overtime_premium_rest_day"
        | "overtime_premium_holiday"
        | "overtime_premium_night" => &["multiplier"],
        "annual_leave" => &["days"],
        "maternity_leave" => &["days", "weeks", "months"],
        "minimum_wage" => &["money"],
        "maternity_pay" | "committee_worker_share" | "committee_women_share" => &["percent"],
        "committee_meeting_interval" => &["months"],
        _ => &["workers"],
    }
}

const PERIODS: &[&str] = &["hour", "day", "week", "month", "year"];
const DAY_COUNTS: &[&str] = &["working", "calendar", "not_stated"];
const ACCRUAL_BASES: &[&str] = &["days_worked", "months_of_service"];
/// A yearly leave total below this many days is read as an accrual rule stored
/// as a count (the lowest yearly total in the programme countries is higher).
const FEWEST_YEARLY_LEAVE_DAYS: u32 = 6;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    act: Vec<Act>,
    #[serde(default)]
    parameter: Vec<Parameter>,
    #[serde(default)]
    reference: Vec<Reference>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Act {
    id: String,
    title: String,
    enacted: Option<String>,
    in_force_from: Option<String>,
    in_force_to: Option<String>,
    #[serde(default)]
    amended_by: Vec<String>,
    #[serde(flatten)]
    provenance: Provenance,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Parameter {
    name: String,
    value: Option<String>,
    unit: Option<String>,
    #[serde(default)]
    absent: bool,
    per: Option<String>,
    region: Option<String>,
    sector: Option<String>,
    variant: Option<String>,
    committee: Option<String>,
    from: Option<String>,
    to: Option<String>,
    basis: Option<String>,
    days: Option<String>,
    accrual: Option<Accrual>,
    ended_by: Option<String>,
    legal_basis: String,
    #[serde(flatten)]
    provenance: Provenance,
    note: Option<String>,
}

/// "`value` days for every `per` `of`": 1 day for every 18 days worked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Accrual {
    per: String,
    of: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Reference {
    compliance_point: String,
    act: String,
    section: Option<String>,
    #[serde(flatten)]
    provenance: Provenance,
    note: Option<String>,
}

/// One jurisdiction's file.
struct Jurisdiction {
    code: String,
    file: File,
}

pub(crate) struct Data {
    /// Sorted by code.
    jurisdictions: Vec<Jurisdiction>,
    /// ISO 3166-2 codes, to check subdivision file names.
    subdivisions: BTreeSet<String>,
}

/// A parameter's time line: jurisdiction, name, region, sector, variant,
/// period and committee.
type Key<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

/// One record on a time line.
struct Span<'a> {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    ended_by: Option<&'a str>,
}

impl Data {
    pub(crate) fn load(dir: &Path) -> Result<Data, String> {
        let mut jurisdictions = Vec::new();
        for path in toml_files(&dir.join("law"))? {
            let code = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            jurisdictions.push(Jurisdiction {
                code,
                file: read_toml(&path)?,
            });
        }
        jurisdictions.sort_by(|a, b| a.code.cmp(&b.code));
        let iso = dir.join("../../decentwork-model/data/iso3166-2.tsv");
        let subdivisions = std::fs::read_to_string(&iso)
            .map_err(|e| format!("{}: {e}", iso.display()))?
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .map(str::to_owned)
            .collect();
        Ok(Data {
            jurisdictions,
            subdivisions,
        })
    }

    /// From parsed files, for tests.
    #[cfg(test)]
    fn from_texts(files: &[(&str, &str)]) -> Result<Data, String> {
        let mut jurisdictions = Vec::new();
        for (code, text) in files {
            jurisdictions.push(Jurisdiction {
                code: (*code).to_owned(),
                file: toml::from_str(text).map_err(|e| e.to_string())?,
            });
        }
        Ok(Data {
            jurisdictions,
            subdivisions: ["PK-SD".to_owned()].into_iter().collect(),
        })
    }

    /// The codes of the jurisdictions with a file.
    pub(crate) fn jurisdictions(&self) -> BTreeSet<String> {
        self.jurisdictions.iter().map(|j| j.code.clone()).collect()
    }

    /// The countries with a file of their own or for a subdivision.
    pub(crate) fn countries(&self) -> BTreeSet<String> {
        self.jurisdictions
            .iter()
            .map(|j| j.code.split('-').next().unwrap_or_default().to_owned())
            .collect()
    }

    pub(crate) fn validate(&self, p: &mut Problems, points: &BTreeSet<&str>) {
        let acts: BTreeSet<&str> = self
            .jurisdictions
            .iter()
            .flat_map(|j| &j.file.act)
            .map(|a| a.id.as_str())
            .collect();
        p.unique(
            "law acts",
            self.jurisdictions
                .iter()
                .flat_map(|j| &j.file.act)
                .map(|a| a.id.as_str()),
        );
        let mut lines: BTreeMap<Key<'_>, Vec<Span<'_>>> = BTreeMap::new();
        for j in &self.jurisdictions {
            let file = format!("law/{}.toml", j.code);
            let code = j.code.as_str();
            let shape = code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase());
            p.check(shape || self.subdivisions.contains(code), || {
                format!("{file}: the file name must be an ISO 3166 country or subdivision code")
            });
            for a in &j.file.act {
                let what = format!("{file}: act {}", a.id);
                p.provenance(&what, &a.provenance);
                for other in &a.amended_by {
                    p.check(acts.contains(other.as_str()), || {
                        format!("{what}: amended_by unknown act {other}")
                    });
                }
                let from = a
                    .in_force_from
                    .as_deref()
                    .and_then(|t| p.date(&format!("{what}: in_force_from"), t));
                let to = a
                    .in_force_to
                    .as_deref()
                    .and_then(|t| p.date(&format!("{what}: in_force_to"), t));
                if let (Some(from), Some(to)) = (from, to) {
                    p.check(from <= to, || format!("{what}: in force to before from"));
                }
            }
            for r in &j.file.reference {
                let what = format!("{file}: reference {} {}", r.compliance_point, r.act);
                p.provenance(&what, &r.provenance);
                p.check(points.contains(r.compliance_point.as_str()), || {
                    format!("{what}: unknown compliance point")
                });
                p.check(acts.contains(r.act.as_str()), || {
                    format!("{what}: unknown act")
                });
                p.check(
                    r.section.is_some() || r.provenance.status == "unverified",
                    || format!("{what}: an act-level reference must be unverified"),
                );
            }
            for r in &j.file.parameter {
                let what = format!(
                    "{file}: parameter {} from {}",
                    r.name,
                    r.from.as_deref().unwrap_or("the start")
                );
                check_parameter(p, &what, r);
                let from = r
                    .from
                    .as_deref()
                    .and_then(|t| p.date(&format!("{what}: from"), t));
                let to =
                    r.to.as_deref()
                        .and_then(|t| p.date(&format!("{what}: to"), t));
                if let (Some(from), Some(to)) = (from, to) {
                    p.check(from <= to, || format!("{what}: from is after to"));
                }
                lines
                    .entry((
                        code,
                        r.name.as_str(),
                        r.region.as_deref(),
                        r.sector.as_deref(),
                        r.variant.as_deref(),
                        r.per.as_deref(),
                        r.committee.as_deref(),
                    ))
                    .or_default()
                    .push(Span {
                        from,
                        to,
                        ended_by: r.ended_by.as_deref(),
                    });
            }
        }
        for (key, spans) in &mut lines {
            check_time_line(p, key, spans);
        }
    }

    /// Every record of one kind, with its jurisdiction's code, in file order.
    fn records<'a, T>(&'a self, of: impl Fn(&'a File) -> &'a [T]) -> Vec<(&'a str, &'a T)> {
        self.jurisdictions
            .iter()
            .flat_map(|j| of(&j.file).iter().map(move |r| (j.code.as_str(), r)))
            .collect()
    }

    /// The `law.rs` file: `JURISDICTIONS`, `ACTS`, `REFERENCES`,
    /// `PARAMETERS` and `ABSENCES`.
    pub(crate) fn write(&self, index: &Index<'_>, prints: &mut Fingerprints) -> String {
        let mut s = String::from(HEADER);
        s.push_str("use super::prelude::*;\n\n");
        let codes: Vec<&str> = self.jurisdictions.iter().map(|j| j.code.as_str()).collect();
        let _ = writeln!(
            s,
            "/// The jurisdictions with a law file, by code.\npub(crate) static JURISDICTIONS: [&str; {}] = {codes:?};\n",
            codes.len()
        );
        let acts = self.write_acts(&mut s, prints);
        self.write_references(&mut s, index, &acts, prints);
        self.write_parameters(&mut s, prints);
        s
    }

    /// `ACTS`, sorted by jurisdiction and ID; returns each act's position.
    fn write_acts(&self, s: &mut String, prints: &mut Fingerprints) -> BTreeMap<&str, usize> {
        let mut acts = self.records(|f| &f.act);
        acts.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
        let act_index: BTreeMap<&str, usize> = acts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.1.id.as_str(), i))
            .collect();
        let _ = writeln!(s, "pub(crate) static ACTS: [ActRow; {}] = [", acts.len());
        for (code, a) in &acts {
            let amended: Vec<usize> = a
                .amended_by
                .iter()
                .map(|x| Index::at(&act_index, x))
                .collect();
            let row = format!(
                "    ActRow {{ id: {:?}, jurisdiction: {code:?}, title: {:?}, enacted: {}, in_force_from: {}, in_force_to: {}, amended_by: {}, note: {}, provenance: {} }},",
                a.id,
                a.title,
                opt_str(a.enacted.as_deref()),
                opt_date(a.in_force_from.as_deref()),
                opt_date(a.in_force_to.as_deref()),
                refs("ACTS", &amended),
                opt_str(a.note.as_deref()),
                provenance_expr(&a.provenance)
            );
            prints.add(&format!("act:{}", a.id), &row);
            let _ = writeln!(s, "{row}");
        }
        s.push_str("];\n\n");
        act_index
    }

    /// `REFERENCES`, by jurisdiction, compliance point, act and section.
    fn write_references(
        &self,
        s: &mut String,
        index: &Index<'_>,
        acts: &BTreeMap<&str, usize>,
        prints: &mut Fingerprints,
    ) {
        let mut references = self.records(|f| &f.reference);
        references.sort_by_key(|(code, r)| {
            (
                (*code).to_owned(),
                index.points.get(r.compliance_point.as_str()).copied(),
                r.act.clone(),
                r.section.clone(),
            )
        });
        let _ = writeln!(
            s,
            "pub(crate) static REFERENCES: [ReferenceRow; {}] = [",
            references.len()
        );
        for (code, r) in &references {
            let row = format!(
                "    ReferenceRow {{ jurisdiction: {code:?}, point: &COMPLIANCE_POINTS[{}], act: &ACTS[{}], section: {}, note: {}, provenance: {} }},",
                Index::at(&index.points, &r.compliance_point),
                Index::at(acts, &r.act),
                opt_str(r.section.as_deref()),
                opt_str(r.note.as_deref()),
                provenance_expr(&r.provenance)
            );
            prints.add(
                &format!(
                    "reference:{code}:{}:{}:{}",
                    r.compliance_point,
                    r.act,
                    r.section.as_deref().unwrap_or("-")
                ),
                &row,
            );
            let _ = writeln!(s, "{row}");
        }
        s.push_str("];\n\n");
    }

    /// `PARAMETERS` (values) and `ABSENCES` (rules the law does not set).
    fn write_parameters(&self, s: &mut String, prints: &mut Fingerprints) {
        let mut params = self.records(|f| &f.parameter);
        params.sort_by_key(|(code, r)| {
            (
                (*code).to_owned(),
                r.name.clone(),
                r.sector.clone(),
                r.region.clone(),
                r.variant.clone(),
                r.per.clone(),
                r.committee.clone(),
                r.from.clone(),
            )
        });
        let (absent, present): (Vec<_>, Vec<_>) = params.into_iter().partition(|(_, r)| r.absent);
        let _ = writeln!(
            s,
            "pub(crate) static PARAMETERS: [ParameterRow; {}] = [",
            present.len()
        );
        for (code, r) in &present {
            let row = parameter_row(code, r);
            prints.add(&parameter_id(code, r), &row);
            let _ = writeln!(s, "{row}");
        }
        s.push_str("];\n\n");
        let _ = writeln!(
            s,
            "pub(crate) static ABSENCES: [AbsenceRow; {}] = [",
            absent.len()
        );
        for (code, r) in &absent {
            let row = format!(
                "    AbsenceRow {{ jurisdiction: {code:?}, name: Parameter::{}, region: {}, sector: {}, from: {}, to: {}, legal_basis: {:?}, note: {}, provenance: {} }},",
                camel(&r.name),
                opt_str(r.region.as_deref()),
                opt_str(r.sector.as_deref()),
                opt_date(r.from.as_deref()),
                opt_date(r.to.as_deref()),
                r.legal_basis,
                opt_str(r.note.as_deref()),
                provenance_expr(&r.provenance)
            );
            prints.add(&parameter_id(code, r), &row);
            let _ = writeln!(s, "{row}");
        }
        s.push_str("];\n");
    }
}

/// One `ParameterRow` expression.
fn parameter_row(code: &str, r: &Parameter) -> String {
    let unit = r.unit.as_deref().unwrap_or_default();
    let unit = if r.name == "minimum_wage" {
        format!("Unit::Money({unit:?})")
    } else {
        format!("Unit::{}", camel(unit))
    };
    let per = r
        .per
        .as_deref()
        .map_or_else(|| "None".to_owned(), |x| format!("Some(Per::{})", camel(x)));
    let days = r.days.as_deref().map_or_else(
        || "None".to_owned(),
        |x| format!("Some(DayCount::{})", camel(x)),
    );
    let accrual = r.accrual.as_ref().map_or_else(
        || "None".to_owned(),
        |a| {
            format!(
                "Some(Accrual {{ per: {}, of: AccrualBasis::{} }})",
                decimal_expr(Decimal::from_str(&a.per).unwrap_or_default()),
                camel(&a.of)
            )
        },
    );
    let committee = r.committee.as_deref().map_or_else(
        || "None".to_owned(),
        |c| format!("Some(CommitteeKind::{})", camel(c)),
    );
    format!(
        "    ParameterRow {{ jurisdiction: {code:?}, name: Parameter::{}, value: {}, unit: {unit}, per: {per}, basis: {}, days: {days}, accrual: {accrual}, region: {}, sector: {}, variant: {}, committee: {committee}, from: {}, to: {}, ended_by: {}, legal_basis: {:?}, note: {}, provenance: {} }},",
        camel(&r.name),
        decimal_expr(
            r.value
                .as_deref()
                .and_then(|v| Decimal::from_str(v).ok())
                .unwrap_or_default()
        ),
        opt_str(r.basis.as_deref()),
        opt_str(r.region.as_deref()),
        opt_str(r.sector.as_deref()),
        opt_str(r.variant.as_deref()),
        opt_date(r.from.as_deref()),
        opt_date(r.to.as_deref()),
        opt_str(r.ended_by.as_deref()),
        r.legal_basis,
        opt_str(r.note.as_deref()),
        provenance_expr(&r.provenance)
    )
}

fn parameter_id(code: &str, r: &Parameter) -> String {
    let id = format!(
        "parameter:{code}:{}:{}:{}:{}:{}",
        r.name,
        r.sector.as_deref().unwrap_or("-"),
        r.region.as_deref().unwrap_or("-"),
        r.variant.as_deref().unwrap_or("-"),
        r.from.as_deref().unwrap_or("-")
    );
    match (r.committee.as_deref(), r.name.starts_with("committee_")) {
        (Some(committee), true) => format!("{id}:{committee}"),
        _ => id,
    }
}

/// Committee rules name the committee they are about; thresholds may (the
/// committee kind that meets them); nothing else does.
fn check_committee(p: &mut Problems, what: &str, r: &Parameter) {
    let rule = r.name.starts_with("committee_");
    let threshold = r.name.ends_with("_threshold");
    match &r.committee {
        Some(c) => {
            p.check(COMMITTEES.contains(&c.as_str()), || {
                format!("{what}: committee {c:?} is not one of {COMMITTEES:?}")
            });
            p.check(rule || threshold, || {
                format!("{what}: `committee` belongs to committee rules and thresholds")
            });
        }
        None => p.check(!rule || r.absent, || {
            format!("{what}: a committee rule must name its `committee`")
        }),
    }
}

/// The typing rules for one parameter record.
fn check_parameter(p: &mut Problems, what: &str, r: &Parameter) {
    p.provenance(what, &r.provenance);
    p.check(PARAMETERS.contains(&r.name.as_str()), || {
        format!("{what}: unknown parameter name")
    });
    p.check(!r.legal_basis.trim().is_empty(), || {
        format!("{what}: legal_basis is empty")
    });
    check_committee(p, what, r);
    if r.absent {
        p.check(
            r.value.is_none()
                && r.unit.is_none()
                && r.variant.is_none()
                && r.basis.is_none()
                && r.days.is_none()
                && r.accrual.is_none(),
            || {
                format!(
                    "{what}: a record that the law sets no such rule (absent = true) has no value, unit, variant, basis, days or accrual (it may have `per`, to sit on the time line of the values that follow it)"
                )
            },
        );
        return;
    }
    let (Some(value), Some(unit)) = (r.value.as_deref(), r.unit.as_deref()) else {
        p.check(false, || {
            format!("{what}: needs a value and a unit (or absent = true)")
        });
        return;
    };
    let Ok(value) = Decimal::from_str(value) else {
        p.check(false, || format!("{what}: value {value:?} is not a number"));
        return;
    };
    p.check(value > Decimal::ZERO, || {
        format!("{what}: value must be above zero")
    });
    let allowed = units_for(&r.name);
    let money = unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase());
    p.check(
        allowed.contains(&unit) || (money && allowed.contains(&"money")),
        || format!("{what}: unit {unit:?} is not one of {allowed:?}"),
    );
    if let Some(per) = &r.per {
        p.check(PERIODS.contains(&per.as_str()), || {
            format!("{what}: per {per:?}")
        });
    }
    p.check(!allowed.contains(&"money") || r.per.is_some(), || {
        format!("{what}: a minimum wage needs `per`")
    });
    // A premium is what the hour is paid, as a multiple of the wage named in `basis`.
    if unit == "multiplier" {
        p.check(value >= Decimal::ONE, || {
            format!(
                "{what}: a multiplier of {value} is below 1: an add-on (0.2 for +20%) must be stored as what the hour is paid, a multiplier of the ordinary rate (for example 1.2 or 2.1) with its basis"
            )
        });
        p.check(
            r.basis.as_deref().is_some_and(|b| !b.trim().is_empty()),
            || format!("{what}: a multiplier needs `basis`, the wage it multiplies"),
        );
    } else {
        p.check(r.basis.is_none(), || {
            format!("{what}: `basis` belongs to multipliers only")
        });
    }
    if unit == "percent" {
        p.check(value <= Decimal::ONE_HUNDRED, || {
            format!("{what}: a share above 100 per cent")
        });
    }
    if unit == "workers" || unit == "years" {
        p.check(value.fract().is_zero(), || {
            format!("{what}: {unit} must be a whole number")
        });
    }
    check_leave(p, what, r, unit, value);
}

/// Days of leave say what days they count; annual leave is a yearly total or
/// an accrual rule.
fn check_leave(p: &mut Problems, what: &str, r: &Parameter, unit: &str, value: Decimal) {
    // Days of leave are working or calendar days.
    match (&r.days, unit) {
        (Some(days), "days") => p.check(DAY_COUNTS.contains(&days.as_str()), || {
            format!("{what}: days {days:?} is not one of {DAY_COUNTS:?}")
        }),
        (Some(_), _) => p.check(false, || format!("{what}: `days` belongs to unit days")),
        (None, "days") => p.check(
            !matches!(r.name.as_str(), "annual_leave" | "maternity_leave"),
            || {
                format!(
                    "{what}: leave in days must say `days = \"working\"`, `\"calendar\"` or `\"not_stated\"`"
                )
            },
        ),
        (None, _) => {}
    }
    // Annual leave is a yearly total or an accrual rule, never a bare count.
    match (&r.accrual, r.name.as_str()) {
        (Some(accrual), "annual_leave") => {
            p.check(r.per.is_none(), || {
                format!("{what}: an accrual rule has no `per`; its period is the accrual's")
            });
            p.check(
                Decimal::from_str(&accrual.per).is_ok_and(|n| n > Decimal::ZERO),
                || {
                    format!(
                        "{what}: accrual per {:?} is not a positive number",
                        accrual.per
                    )
                },
            );
            p.check(ACCRUAL_BASES.contains(&accrual.of.as_str()), || {
                format!(
                    "{what}: accrual of {:?} is not one of {ACCRUAL_BASES:?}",
                    accrual.of
                )
            });
        }
        (Some(_), _) => p.check(false, || format!("{what}: only annual leave accrues")),
        (None, "annual_leave") => {
            p.check(r.per.as_deref() == Some("year"), || {
                format!(
                    "{what}: annual leave is either a yearly total (`per = \"year\"`) or an accrual rule (`accrual = {{ per = \"18\", of = \"days_worked\" }}`)"
                )
            });
            p.check(value >= Decimal::from(FEWEST_YEARLY_LEAVE_DAYS), || {
                format!(
                    "{what}: a yearly total of {value} day(s) reads as an accrual rule stored as a flat count; record `accrual` (days earned per days worked or per month)"
                )
            });
        }
        (None, _) => {}
    }
}

/// No overlaps, no gaps, and an end only where `ended_by` says what ended it.
fn check_time_line(p: &mut Problems, key: &Key<'_>, spans: &mut [Span<'_>]) {
    let (code, name, region, sector, variant, per, committee) = key;
    let scope: Vec<&str> = [*region, *sector, *variant, *per, *committee]
        .into_iter()
        .flatten()
        .collect();
    let what = if scope.is_empty() {
        format!("law/{code}.toml: {name}")
    } else {
        format!("law/{code}.toml: {name} ({})", scope.join(", "))
    };
    spans.sort_by_key(|s| s.from.unwrap_or(NaiveDate::MIN));
    for pair in spans.windows(2) {
        let [a, b] = pair else { continue };
        let end = a.to.unwrap_or(NaiveDate::MAX);
        let next = b.from.unwrap_or(NaiveDate::MIN);
        p.check(next > end, || {
            format!("{what}: periods overlap (one ends {end}, the next starts {next})")
        });
        if next > end {
            let day_after = end.succ_opt().unwrap_or(end);
            p.check(next == day_after || a.ended_by.is_some(), || {
                format!(
                    "{what}: gap in the time line: nothing in force from {day_after} to the day before {next}"
                )
            });
        }
        p.check(
            a.ended_by.is_none() || next > end.succ_opt().unwrap_or(end),
            || format!("{what}: `ended_by` on a record followed at once by the next"),
        );
    }
    if let Some(last) = spans.last() {
        match (last.to, last.ended_by) {
            (Some(to), None) => p.check(false, || {
                format!(
                    "{what}: the time line ends on {to} with nothing after it: add the rule that followed, drop `to` if it is still in force, or say what ended it in `ended_by`"
                )
            }),
            (None, Some(_)) => p.check(false, || {
                format!("{what}: `ended_by` on a rule still in force (no `to`)")
            }),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems codegen finds in one law file for `PK-SD`.
    fn problems(text: &str) -> Vec<String> {
        let data = Data::from_texts(&[("PK-SD", text)]).unwrap();
        let mut p = Problems::default();
        let points: BTreeSet<&str> = ["WT.LEAVE"].into_iter().collect();
        data.validate(&mut p, &points);
        p.0
    }

    const SOURCE: &str = "source = \"https://sindhlaws.gov.pk/x\"\nsource_kind = \"official\"\nverified_on = \"2026-11-25\"\nstatus = \"verified\"\nlegal_basis = \"s.1\"\n";

    fn record(fields: &str) -> String {
        format!("[[parameter]]\n{fields}\n{SOURCE}\n")
    }

    fn assert_one(found: &[String], needle: &str) {
        assert!(
            found.len() == 1 && found[0].contains(needle),
            "expected one problem containing {needle:?}, found {found:#?}"
        );
    }

    #[test]
    fn well_typed_records_pass() {
        let text = [
            record("name = \"overtime_premium\"\nvalue = \"2\"\nunit = \"multiplier\"\nbasis = \"ordinary rate of pay\""),
            record("name = \"annual_leave\"\nvalue = \"14\"\nunit = \"days\"\nper = \"year\"\ndays = \"working\""),
            record("name = \"annual_leave\"\nvariant = \"accrual\"\nvalue = \"1\"\nunit = \"days\"\ndays = \"not_stated\"\naccrual = { per = \"18\", of = \"days_worked\" }"),
            record("name = \"minimum_wage\"\nabsent = true"),
        ]
        .concat();
        assert_eq!(problems(&text), Vec::<String>::new());
    }

    #[test]
    fn a_premium_below_one_is_rejected() {
        let found = problems(&record(
            "name = \"overtime_premium_night\"\nvalue = \"0.2\"\nunit = \"multiplier\"\nbasis = \"ordinary rate\"",
        ));
        assert_one(&found, "below 1");
        let found = problems(&record(
            "name = \"overtime_premium\"\nvalue = \"30\"\nunit = \"percent\"",
        ));
        assert_one(&found, "unit \"percent\" is not one of [\"multiplier\"]");
        let found = problems(&record(
            "name = \"overtime_premium\"\nvalue = \"1.5\"\nunit = \"multiplier\"",
        ));
        assert_one(&found, "needs `basis`");
    }

    #[test]
    fn an_accrual_stored_as_a_count_is_rejected() {
        let found = problems(&record(
            "name = \"annual_leave\"\nvalue = \"1\"\nunit = \"days\"\nper = \"year\"\ndays = \"working\"",
        ));
        assert_one(&found, "reads as an accrual rule stored as a flat count");
        let found = problems(&record(
            "name = \"annual_leave\"\nvalue = \"14\"\nunit = \"days\"\ndays = \"working\"",
        ));
        assert_one(&found, "either a yearly total");
        let found = problems(&record(
            "name = \"annual_leave\"\nvalue = \"14\"\nunit = \"days\"\nper = \"year\"",
        ));
        assert_one(&found, "must say `days = \"working\"`");
        let found = problems(&record(
            "name = \"maternity_leave\"\nvalue = \"1\"\nunit = \"days\"\ndays = \"calendar\"\naccrual = { per = \"18\", of = \"days_worked\" }",
        ));
        assert_one(&found, "only annual leave accrues");
    }

    #[test]
    fn time_lines_have_no_gaps_and_no_silent_ends() {
        let age = "name = \"minimum_working_age\"\nvalue = \"14\"\nunit = \"years\"";
        let gap = [
            record(&format!("{age}\nto = \"2016-12-31\"")),
            record(&format!("{age}\nfrom = \"2017-06-01\"")),
        ]
        .concat();
        assert_one(
            &problems(&gap),
            "gap in the time line: nothing in force from 2017-01-01",
        );
        let ends = record(&format!("{age}\nto = \"2025-06-30\""));
        assert_one(&problems(&ends), "ends on 2025-06-30 with nothing after it");
        let ended = record(&format!(
            "{age}\nto = \"2025-06-30\"\nended_by = \"repealed by the 2025 act, which sets no such rule\""
        ));
        assert_eq!(problems(&ended), Vec::<String>::new());
        let overlap = [
            record(&format!("{age}\nto = \"2017-12-31\"")),
            record(&format!("{age}\nfrom = \"2017-06-01\"")),
        ]
        .concat();
        assert_one(&problems(&overlap), "periods overlap");
        let follows = [
            record(&format!("{age}\nto = \"2016-12-31\"")),
            record(&format!("{age}\nfrom = \"2017-01-01\"")),
        ]
        .concat();
        assert_eq!(problems(&follows), Vec::<String>::new());
    }

    #[test]
    fn committee_rules_name_their_committee() {
        let ok = [
            record("name = \"committee_meeting_interval\"\nvalue = \"1\"\nunit = \"months\"\ncommittee = \"lks_bipartit\""),
            record("name = \"committee_worker_share\"\nvalue = \"50\"\nunit = \"percent\"\ncommittee = \"lks_bipartit\""),
            record("name = \"bipartite_committee_threshold\"\nvalue = \"50\"\nunit = \"workers\"\ncommittee = \"lks_bipartit\""),
        ]
        .concat();
        assert_eq!(problems(&ok), Vec::<String>::new());
        let found = problems(&record(
            "name = \"committee_worker_share\"\nvalue = \"50\"\nunit = \"percent\"",
        ));
        assert_one(&found, "must name its `committee`");
        let found = problems(&record(
            "name = \"committee_worker_share\"\nvalue = \"50\"\nunit = \"percent\"\ncommittee = \"union\"",
        ));
        assert_one(&found, "committee \"union\" is not one of");
        let found = problems(&record(
            "name = \"weekly_rest\"\nvalue = \"1\"\nunit = \"days\"\ncommittee = \"picc\"",
        ));
        assert_one(&found, "belongs to committee rules and thresholds");
        let found = problems(&record(
            "name = \"committee_meeting_interval\"\nvalue = \"2\"\nunit = \"weeks\"\ncommittee = \"picc\"",
        ));
        assert_one(&found, "unit \"weeks\" is not one of [\"months\"]");
    }

    #[test]
    fn file_names_are_jurisdiction_codes() {
        let data = Data::from_texts(&[("Pakistan", "")]).unwrap();
        let mut p = Problems::default();
        data.validate(&mut p, &BTreeSet::new());
        assert_one(&p.0, "ISO 3166 country or subdivision code");
    }
}
