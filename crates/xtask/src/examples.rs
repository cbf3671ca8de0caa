//! The example factory bundles under `crates/decentwork-model/examples/data/`,
//! written by `cargo xtask codegen` (and checked by `--check`): fictitious,
//! deterministic, and realistic in shape.
//!
//! Each bundle answers every question of the catalogue that applies in its
//! jurisdiction in two assessment cycles, with plausible non-compliance that
//! improves between them, and holds a sample of workers with a month of daily
//! hours and pay, annual and maternity leave, committees with members and
//! meetings, an improvement plan with history, brands with and without
//! consent. Each worker's records are built so that the law of the factory's
//! country shows through: Bangladesh's 2-hour daily overtime cap and
//! double-rate overtime, Viet Nam's regional minimum wage and 40-hour monthly
//! overtime cap, Indonesia's district minimum wage and 4-hour daily overtime
//! cap. Every bundle is read back with the model's checks before it is written.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use decentwork_catalogue::{Question, QuestionKind};
use decentwork_model::Jurisdiction;
use rust_decimal::Decimal;

/// A JSON value that keeps its keys in the order written.
enum J {
    Obj(Vec<(&'static str, J)>),
    Arr(Vec<J>),
    Str(String),
    Num(String),
    Bool(bool),
}

fn s(text: impl Into<String>) -> J {
    J::Str(text.into())
}

fn n(value: impl std::fmt::Display) -> J {
    J::Num(value.to_string())
}

/// A decimal as JSON text: a string, as the model reads decimals.
fn dec(value: Decimal) -> J {
    J::Str(value.normalize().to_string())
}

fn date(d: NaiveDate) -> J {
    J::Str(d.to_string())
}

fn obj(fields: Vec<(&'static str, J)>) -> J {
    J::Obj(fields)
}

fn period(start: NaiveDate, end: Option<NaiveDate>) -> J {
    let mut fields = vec![("start", date(start))];
    if let Some(end) = end {
        fields.push(("end", date(end)));
    }
    obj(fields)
}

fn escape(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl J {
    fn compact(&self) -> String {
        match self {
            J::Obj(fields) => {
                let inner: Vec<String> = fields
                    .iter()
                    .map(|(k, v)| format!("{}: {}", escape(k), v.compact()))
                    .collect();
                format!("{{ {} }}", inner.join(", "))
            }
            J::Arr(items) if items.is_empty() => "[]".to_owned(),
            J::Arr(items) => {
                let inner: Vec<String> = items.iter().map(J::compact).collect();
                format!("[{}]", inner.join(", "))
            }
            J::Str(text) => escape(text),
            J::Num(text) => text.clone(),
            J::Bool(b) => b.to_string(),
        }
    }

    /// Pretty JSON: a value that fits in the line is written on it.
    fn write(&self, out: &mut String, indent: usize) {
        let compact = self.compact();
        if indent + compact.len() <= 150 || !matches!(self, J::Obj(_) | J::Arr(_)) {
            out.push_str(&compact);
            return;
        }
        let pad = " ".repeat(indent + 2);
        match self {
            J::Obj(fields) => {
                out.push_str("{\n");
                for (i, (k, v)) in fields.iter().enumerate() {
                    out.push_str(&pad);
                    out.push_str(&escape(k));
                    out.push_str(": ");
                    v.write(out, indent + 2);
                    out.push_str(if i + 1 < fields.len() { ",\n" } else { "\n" });
                }
                out.push_str(&" ".repeat(indent));
                out.push('}');
            }
            J::Arr(items) => {
                out.push_str("[\n");
                for (i, v) in items.iter().enumerate() {
                    out.push_str(&pad);
                    v.write(out, indent + 2);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&" ".repeat(indent));
                out.push(']');
            }
            _ => out.push_str(&compact),
        }
    }
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn days(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap_or_default()
}

// ---------------------------------------------------------------- assessments

/// A finding the assessors made against a question.
struct Noted {
    question: &'static str,
    evidence: &'static str,
    workers: u32,
}

const fn nc(question: &'static str, evidence: &'static str, workers: u32) -> Noted {
    Noted {
        question,
        evidence,
        workers,
    }
}

/// An assessment answering every question that applies in `jurisdiction`:
/// the `non_compliant` ones so, the `not_applicable` and `not_assessed` ones
/// so, fact-gathering and all others compliant.
fn assessment(
    (id, factory, cycle): (&str, &str, u16),
    (start, end): (NaiveDate, NaiveDate),
    jurisdiction: Jurisdiction,
    assessors: &[&str],
    non_compliant: &[Noted],
    (not_applicable, not_assessed): (&[&str], &[&str]),
) -> J {
    let mut findings = Vec::new();
    for q in Question::for_jurisdiction(jurisdiction) {
        let noted = non_compliant.iter().find(|n| n.question == q.id());
        let outcome = if noted.is_some() && q.kind() == QuestionKind::NonCompliance {
            "non_compliant"
        } else if not_applicable.iter().any(|p| q.id().starts_with(p)) {
            "not_applicable"
        } else if not_assessed.contains(&q.id()) {
            "not_assessed"
        } else {
            "compliant"
        };
        let mut fields = vec![("question", s(q.id())), ("outcome", s(outcome))];
        if let (Some(noted), "non_compliant") = (noted, outcome) {
            fields.push(("evidence", s(noted.evidence)));
            fields.push(("workers_affected", n(noted.workers)));
        }
        findings.push(obj(fields));
    }
    obj(vec![
        ("id", s(id)),
        ("factory", s(factory)),
        ("cycle", n(cycle)),
        ("kind", s("unannounced")),
        ("start", date(start)),
        ("end", date(end)),
        ("tool", s("Garment CAT")),
        (
            "assessors",
            J::Arr(assessors.iter().map(|a| s(*a)).collect()),
        ),
        ("findings", J::Arr(findings)),
    ])
}

// ---------------------------------------------------------------- workers

/// What a country's working month looks like and how it pays.
struct Country {
    /// The weekly rest day(s).
    rest: &'static [Weekday],
    /// Ordinary hours on a working day.
    ordinary: &'static str,
    currency: &'static str,
    /// The overtime multiple the payroll applies on working days and rest days.
    premium: (&'static str, &'static str),
    /// Monthly ordinary wages of the grades in use, lowest first.
    wages: &'static [&'static str],
    /// Divisor of the monthly wage (or of its basic part) for the hourly rate.
    hours_divisor: &'static str,
    /// Leave year's days of annual leave, or `None` for leave per 18 days worked.
    leave_days: Option<&'static str>,
    /// Overtime on an ordinary working day, by worker number modulo 4.
    overtime: [&'static str; 4],
}

/// One worker whose records break a rule, and how.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Twist {
    /// Nothing unusual.
    None,
    /// Long overtime in the peak week (`hours` a day on five days).
    PeakWeek(&'static str),
    /// A month of long overtime every working day.
    LongMonth(&'static str),
    /// Worked the weekly rest day(s) of one week too.
    NoRestWeek,
    /// Paid the wage given instead of the grade's.
    PaidBelow(&'static str),
    /// Overtime paid at the ordinary rate.
    OvertimeSingleRate,
    /// Granted fewer days of annual leave than due.
    ShortLeave(&'static str),
}

struct WorkerPlan {
    twist: Twist,
    /// Ordinary overtime on each working day.
    overtime: &'static str,
}

const POSITIONS: [&str; 8] = [
    "Sewing operator",
    "Sewing operator",
    "Sewing operator",
    "Helper",
    "Quality inspector",
    "Cutter",
    "Ironing",
    "Line supervisor assistant",
];

#[allow(
    clippy::too_many_lines,
    reason = "one worker's records, written out in the order the registers hold them"
)]
fn worker(
    rng: &mut Rng,
    c: &Country,
    (number, plan): (usize, &WorkerPlan),
    (month_from, month_to): (NaiveDate, NaiveDate),
    (leave_year, maternity): (i32, Option<(NaiveDate, NaiveDate)>),
) -> J {
    let female = maternity.is_some() || rng.below(100) < 76;
    let birth = month_from.year() - 19 - i32::try_from(rng.below(22)).unwrap_or(0);
    let hired = ymd(
        month_from.year() - 2 - i32::try_from(rng.below(6)).unwrap_or(0),
        1 + u32::try_from(rng.below(12)).unwrap_or(0),
        1 + u32::try_from(rng.below(28)).unwrap_or(0),
    );
    let position = POSITIONS
        .get(usize::try_from(rng.below(8)).unwrap_or(0))
        .copied()
        .unwrap_or("Sewing operator");
    let grade = if position == "Helper" {
        0
    } else {
        1 + usize::try_from(rng.below(c.wages.len().saturating_sub(1) as u64)).unwrap_or(0)
    };
    let wage = d(c.wages.get(grade).copied().unwrap_or("0"));
    let wage = match plan.twist {
        Twist::PaidBelow(w) => d(w),
        _ => wage,
    };
    // The peak week: the second full week of the month.
    let peak_start = days(month_from, month_to)
        .filter(|x| x.weekday() == Weekday::Mon)
        .nth(1)
        .unwrap_or(month_from);
    let peak = |x: NaiveDate| x >= peak_start && x < peak_start + Days::new(7);
    let mut worked = Vec::new();
    let (mut ordinary_hours, mut overtime_pay_hours) =
        (Decimal::ZERO, (Decimal::ZERO, Decimal::ZERO));
    for day in days(month_from, month_to) {
        let rest = c.rest.contains(&day.weekday());
        let works_rest = plan.twist == Twist::NoRestWeek && rest && peak(day);
        if rest && !works_rest {
            continue;
        }
        let mut overtime = d(plan.overtime);
        if let Twist::PeakWeek(h) = plan.twist
            && peak(day)
            && day.weekday() != Weekday::Sat
        {
            overtime = d(h);
        }
        if let Twist::LongMonth(h) = plan.twist {
            overtime = d(h);
        }
        let ordinary = if works_rest {
            Decimal::ZERO
        } else {
            d(c.ordinary)
        };
        let overtime = if works_rest { d(c.ordinary) } else { overtime };
        ordinary_hours += ordinary;
        if works_rest {
            overtime_pay_hours.1 += overtime;
        } else {
            overtime_pay_hours.0 += overtime;
        }
        let mut fields = vec![
            ("date", date(day)),
            ("ordinary", dec(ordinary)),
            ("overtime", dec(overtime)),
        ];
        if works_rest {
            fields.push(("kind", s("weekly_rest_day")));
        }
        worked.push(obj(fields));
    }
    let hourly = (wage / d(c.hours_divisor)).round_dp(2);
    let (premium, rest_premium) = if plan.twist == Twist::OvertimeSingleRate {
        (Decimal::ONE, Decimal::ONE)
    } else {
        (d(c.premium.0), d(c.premium.1))
    };
    let overtime_pay = (hourly * premium * overtime_pay_hours.0
        + hourly * rest_premium * overtime_pay_hours.1)
        .round_dp(2);
    let _ = ordinary_hours;
    let mut fields = vec![
        ("reference", s(format!("w-{number:04}"))),
        ("sex", s(if female { "female" } else { "male" })),
        ("age", obj(vec![("birth_year", n(birth))])),
        ("hired_on", date(hired)),
        (
            "contract",
            s(if rng.below(10) < 8 {
                "permanent"
            } else {
                "fixed_term"
            }),
        ),
        ("position", s(position)),
    ];
    if position == "Cutter" && rng.below(2) == 0 {
        fields.push(("hazardous_work", J::Bool(true)));
    }
    fields.push((
        "timesheets",
        J::Arr(vec![obj(vec![
            ("from", date(month_from)),
            ("to", date(month_to)),
            ("days", J::Arr(worked)),
        ])]),
    ));
    fields.push((
        "pay",
        J::Arr(vec![obj(vec![
            ("from", date(month_from)),
            ("to", date(month_to)),
            ("currency", s(c.currency)),
            ("ordinary", dec(wage)),
            ("overtime", dec(overtime_pay)),
            ("hourly_rate", dec(hourly)),
        ])]),
    ));
    // Annual leave for the leave year, for workers with a year's service.
    if hired <= ymd(leave_year - 1, 1, 1) {
        let worked_before = 280 + u32::try_from(rng.below(25)).unwrap_or(0);
        let due = match c.leave_days {
            Some(total) => d(total),
            None => Decimal::from(worked_before / 18),
        };
        let granted = match plan.twist {
            Twist::ShortLeave(days) => d(days),
            _ => due,
        };
        let mut leave = vec![
            ("from", date(ymd(leave_year, 1, 1))),
            ("to", date(ymd(leave_year, 12, 31))),
            ("days", dec(granted)),
        ];
        if c.leave_days.is_some() {
            leave.push(("day_count", s("working")));
        } else {
            leave.push(("days_worked_before", n(worked_before)));
        }
        fields.push(("annual_leave", J::Arr(vec![obj(leave)])));
    }
    if let Some((from, to)) = maternity {
        let length = Decimal::from((to - from).num_days() + 1);
        let benefit = (wage * length / d("30")).round_dp(0);
        fields.push((
            "maternity_leave",
            J::Arr(vec![obj(vec![
                ("from", date(from)),
                ("to", date(to)),
                ("currency", s(c.currency)),
                ("wage", dec(benefit)),
                ("benefit", dec(benefit)),
            ])]),
        ));
    }
    obj(fields)
}

fn workers(
    seed: u64,
    c: &Country,
    count: usize,
    twists: &[(usize, Twist)],
    month: (NaiveDate, NaiveDate),
    leave_year: i32,
    maternity: &[(usize, (NaiveDate, NaiveDate))],
) -> J {
    let mut rng = Rng(seed);
    let list = (1..=count)
        .map(|i| {
            let twist = twists
                .iter()
                .find(|(k, _)| *k == i)
                .map_or(Twist::None, |(_, t)| *t);
            let overtime = c.overtime.get(i % 4).copied().unwrap_or("0");
            let plan = WorkerPlan { twist, overtime };
            let leave = maternity.iter().find(|(k, _)| *k == i).map(|(_, p)| *p);
            worker(&mut rng, c, (i, &plan), month, (leave_year, leave))
        })
        .collect();
    J::Arr(list)
}

// ---------------------------------------------------------------- committees

fn member(person: &str, side: &str, sex: &str, start: NaiveDate) -> J {
    obj(vec![
        ("person", s(person)),
        ("side", s(side)),
        ("sex", s(sex)),
        (
            "selection",
            s(if side == "workers" {
                "elected"
            } else {
                "appointed"
            }),
        ),
        ("period", period(start, None)),
    ])
}

fn meetings(dates: &[NaiveDate], attendance: (u32, u32)) -> J {
    J::Arr(
        dates
            .iter()
            .enumerate()
            .map(|(i, d)| {
                obj(vec![
                    ("held_on", date(*d)),
                    (
                        "attendance",
                        obj(vec![
                            ("management", n(attendance.0)),
                            ("workers", n(attendance.1)),
                        ]),
                    ),
                    ("minutes_kept", J::Bool(i % 5 != 3)),
                ])
            })
            .collect(),
    )
}

/// A committee of three (or `size`) members a side, formed on `start`.
fn committee(
    (id, factory, kind, name): (&str, &str, &str, Option<&str>),
    start: NaiveDate,
    people: &str,
    (management, workers): (usize, usize),
    dates: &[NaiveDate],
) -> J {
    let mut members = Vec::new();
    for i in 0..management {
        members.push(member(
            &format!("{people}-m{}", i + 1),
            "management",
            if i % 2 == 0 { "male" } else { "female" },
            start,
        ));
    }
    for i in 0..workers {
        members.push(member(
            &format!("{people}-w{}", i + 1),
            "workers",
            if i % 3 == 2 { "male" } else { "female" },
            start,
        ));
    }
    if let Some(J::Obj(first)) = members.first_mut() {
        first.push(("chair", period(start, None)));
    }
    let mut fields = vec![("id", s(id)), ("factory", s(factory)), ("kind", s(kind))];
    if let Some(name) = name {
        fields.push(("name", s(name)));
    }
    fields.push(("period", period(start, None)));
    fields.push(("members", J::Arr(members)));
    fields.push((
        "meetings",
        meetings(
            dates,
            (
                u32::try_from(management).unwrap_or(0),
                u32::try_from(workers).unwrap_or(0),
            ),
        ),
    ));
    obj(fields)
}

/// The same day of every `step`-th month from `from` to `to`.
fn every(from: NaiveDate, to: NaiveDate, step: u32, skip: &[NaiveDate]) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut at = from;
    while at <= to {
        if !skip.contains(&at) {
            out.push(at);
        }
        match at.checked_add_months(chrono::Months::new(step)) {
            Some(next) => at = next,
            None => break,
        }
    }
    out
}

// ---------------------------------------------------------------- plan

fn item(
    target: (&str, &str),
    action: &str,
    owner: &str,
    due: NaiveDate,
    history: &[(&str, NaiveDate)],
) -> J {
    obj(vec![
        (
            "target",
            obj(vec![(
                if target.0 == "q" {
                    "question"
                } else {
                    "compliance_point"
                },
                s(target.1),
            )]),
        ),
        ("action", s(action)),
        ("owner", s(owner)),
        ("due_on", date(due)),
        (
            "history",
            J::Arr(
                history
                    .iter()
                    .map(|(status, on)| obj(vec![("status", s(*status)), ("on", date(*on))]))
                    .collect(),
            ),
        ),
    ])
}

fn workforce(
    on: NaiveDate,
    (women, men, other): (u32, u32, u32),
    young: u32,
    contracts: [u32; 4],
) -> J {
    obj(vec![
        ("on", date(on)),
        ("total", n(women + men + other)),
        (
            "by_sex",
            obj(vec![
                ("women", n(women)),
                ("men", n(men)),
                ("other", n(other)),
            ]),
        ),
        ("young_workers", n(young)),
        ("migrant_workers", n(0)),
        (
            "by_contract",
            obj(vec![
                ("permanent", n(contracts[0])),
                ("fixed_term", n(contracts[1])),
                ("daily_or_piece_rate", n(contracts[2])),
                ("subcontracted", n(contracts[3])),
            ]),
        ),
    ])
}

fn dialogue(items: &[(&str, &str)]) -> J {
    J::Arr(
        items
            .iter()
            .map(|(topic, rating)| obj(vec![("topic", s(*topic)), ("rating", s(*rating))]))
            .collect(),
    )
}

fn progress(
    factory: &str,
    assessment: &str,
    number: u32,
    on: NaiveDate,
    items: &[(&str, &str)],
) -> J {
    obj(vec![
        ("factory", s(factory)),
        ("assessment", s(assessment)),
        ("number", n(number)),
        ("submitted_on", date(on)),
        ("social_dialogue", dialogue(items)),
    ])
}

fn visit(factory: &str, on: NaiveDate, mode: &str, topics: &[&str]) -> J {
    obj(vec![
        ("factory", s(factory)),
        ("on", date(on)),
        ("mode", s(mode)),
        ("topics", J::Arr(topics.iter().map(|t| s(*t)).collect())),
    ])
}

fn training(
    module: &str,
    on: NaiveDate,
    factory: &str,
    workers: (u32, u32),
    supervisors: (u32, u32),
    managers: (u32, u32),
) -> J {
    let counts = |(w, m): (u32, u32)| obj(vec![("women", n(w)), ("men", n(m)), ("other", n(0))]);
    obj(vec![
        ("module", s(module)),
        ("on", date(on)),
        ("factories", J::Arr(vec![s(factory)])),
        (
            "participants",
            obj(vec![
                ("workers", counts(workers)),
                ("supervisors", counts(supervisors)),
                ("managers", counts(managers)),
            ]),
        ),
    ])
}

fn brand(id: &str, name: &str, kind: &str, tier: &str) -> J {
    obj(vec![
        ("id", s(id)),
        ("name", s(name)),
        ("kind", s(kind)),
        ("tier", s(tier)),
    ])
}

fn sourcing(brand: &str, factory: &str, start: NaiveDate, end: Option<NaiveDate>) -> J {
    obj(vec![
        ("brand", s(brand)),
        ("factory", s(factory)),
        ("period", period(start, end)),
    ])
}

fn consent(brand: &str, scope: &str, start: NaiveDate, end: Option<NaiveDate>) -> J {
    obj(vec![
        ("brand", s(brand)),
        ("scope", s(scope)),
        ("period", period(start, end)),
    ])
}

// ---------------------------------------------------------------- the three factories

const BD_CYCLE_2: &[Noted] = &[
    nc(
        "CL.YOUNG.02",
        "Personnel files of three workers aged 16 and 17 hold no copy of the age document checked at hiring.",
        3,
    ),
    nc(
        "CL.YOUNG.05",
        "No certificate of fitness for the three adolescent workers.",
        3,
    ),
    nc(
        "COMP.OTWAGES.01",
        "Overtime paid at the ordinary rate for Friday work.",
        212,
    ),
    nc(
        "COMP.OTWAGES.02",
        "Work on the weekly holiday paid as a normal day, without the overtime rate.",
        212,
    ),
    nc(
        "COMP.WAGEINFO.02",
        "Pay slips show gross and net pay only, not overtime hours or deductions.",
        1480,
    ),
    nc(
        "COMP.PAIDLEAVE.01",
        "Annual leave paid at the basic wage only, without allowances.",
        120,
    ),
    nc(
        "WT.HOURS.04",
        "Sampled records show 95 workers of the finishing section without a day off for 13 days in the March peak.",
        95,
    ),
    nc(
        "WT.OVERTIME.01",
        "Up to 4 hours of overtime a day in the sewing section in the March peak.",
        180,
    ),
    nc(
        "WT.OVERTIME.02",
        "Up to 24 overtime hours a week in the sewing section.",
        180,
    ),
    nc(
        "WT.OVERTIME.03",
        "Working days of up to 12 hours in the sewing section.",
        180,
    ),
    nc(
        "WT.LEAVE.01",
        "Annual leave register shows workers granted 10 days against the days they earned.",
        60,
    ),
    nc(
        "OSH.EMERGENCY.03",
        "Exit on the 3rd floor obstructed by cartons.",
        240,
    ),
    nc(
        "OSH.EMERGENCY.04",
        "The last evacuation drill was 10 months before the visit.",
        1480,
    ),
    nc(
        "OSH.PROTECTION.02",
        "Needle guards missing on 38 sewing machines of line 4.",
        38,
    ),
    nc(
        "OSH.CHEMICALS.02",
        "Spot-cleaning solvent kept in unlabelled transfer bottles.",
        12,
    ),
    nc(
        "OSH.CHEMICALS.03",
        "No safety data sheet at the spot-cleaning station.",
        12,
    ),
    nc(
        "OSH.WELFARE.02",
        "Women's toilets on the 4th floor: 6 for 310 workers.",
        310,
    ),
    nc(
        "CHR.CONTRACTS.05",
        "Workers do not receive a copy of the appointment letter they sign.",
        1480,
    ),
    nc(
        "CHR.DIALOGUE.05",
        "Workers interviewed did not know of a grievance procedure.",
        1480,
    ),
    nc(
        "DIS.GENDER.12",
        "No written policy on sexual harassment.",
        1480,
    ),
];

const BD_CYCLE_3: &[Noted] = &[
    nc(
        "COMP.MINWAGE.02",
        "One helper hired in January was paid BDT 12,000 for February, below the garment minimum wage.",
        1,
    ),
    nc(
        "COMP.OTWAGES.01",
        "Night-shift overtime in February paid at the ordinary hourly rate.",
        64,
    ),
    nc(
        "WT.OVERTIME.01",
        "Three sewing operators worked 4 hours of overtime a day in the second week of February; a finishing worker worked the weekly holiday as overtime.",
        4,
    ),
    nc(
        "WT.OVERTIME.02",
        "The same four workers worked more than 12 overtime hours in that week.",
        4,
    ),
    nc(
        "WT.OVERTIME.03",
        "The three operators worked 12-hour days in that week.",
        3,
    ),
    nc(
        "OSH.CHEMICALS.03",
        "The safety data sheet for the new stain remover is in English only.",
        12,
    ),
    nc(
        "CHR.CONTRACTS.05",
        "Copies of appointment letters given to new workers only since January.",
        900,
    ),
];

/// Questions not applicable to the Bangladesh factory: no dormitory, no child
/// found, no light work, no prisoners, no homeworkers, no strikes, no migrants.
const BD_NA: &[&str] = &[
    "OSH.ACCOMMODATION.",
    "CL.CHILD.05",
    "CL.CHILD.06",
    "FL.PRISON.02",
    "FL.PRISON.04",
    "CHR.PROCEDURES.07",
    "FOA.STRIKES.02",
    "FOA.STRIKES.03",
    "FOA.STRIKES.04",
    "FOA.STRIKES.05",
    "FOA.STRIKES.07",
    "FOA.STRIKES.08",
    "DIS.RACE.08",
];

const BANGLADESH: Country = Country {
    rest: &[Weekday::Fri],
    ordinary: "8",
    currency: "BDT",
    premium: ("2", "2"),
    // Grade 7 (entry) and above, from December 2023 (gross).
    wages: &["12500", "13100", "13600", "14100", "14600"],
    // The payroll's hourly rate is the basic wage over 208 hours; for these
    // grades the basic is (gross - 2,450) / 1.5, so gross / 310 is close and
    // keeps the example simple.
    hours_divisor: "310",
    leave_days: None,
    overtime: ["0", "1", "2", "2"],
};

#[allow(clippy::too_many_lines, reason = "one bundle, written out")]
fn bangladesh(bd: Jurisdiction) -> J {
    let f = "BD-0412";
    let cycle2 = assessment(
        ("BD-A-2023-118", f, 2),
        (ymd(2023, 4, 11), ymd(2023, 4, 12)),
        bd,
        &["ea-14", "ea-22"],
        BD_CYCLE_2,
        (BD_NA, &[]),
    );
    let cycle3 = assessment(
        ("BD-A-2024-073", f, 3),
        (ymd(2024, 3, 19), ymd(2024, 3, 20)),
        bd,
        &["ea-22", "ea-31"],
        BD_CYCLE_3,
        (BD_NA, &["WT.HOURS.04", "WT.LEAVE.01"]),
    );
    let twists = [
        (5, Twist::PeakWeek("4")),
        (17, Twist::PeakWeek("4")),
        (23, Twist::PeakWeek("4")),
        (9, Twist::OvertimeSingleRate),
        (10, Twist::OvertimeSingleRate),
        (11, Twist::OvertimeSingleRate),
        (12, Twist::OvertimeSingleRate),
        (14, Twist::NoRestWeek),
        (31, Twist::PaidBelow("12000")),
        (3, Twist::ShortLeave("12")),
        (26, Twist::ShortLeave("13")),
    ];
    let workers = workers(
        0x0B0D_0412,
        &BANGLADESH,
        32,
        &twists,
        (ymd(2024, 2, 1), ymd(2024, 2, 29)),
        2024,
        &[(7, (ymd(2023, 5, 2), ymd(2023, 8, 21)))],
    );
    obj(vec![
        (
            "factory",
            obj(vec![
                ("id", s(f)),
                ("name", s("Meghna Apparels Ltd (example)")),
                ("os_id", s("BD2021145K7M2QW")),
                ("jurisdiction", s("BD")),
                (
                    "address",
                    s("Plot 7, Road 3, Example Export Processing Zone, Gazipur"),
                ),
                ("sectors", J::Arr(vec![s("Apparel")])),
                ("product_types", J::Arr(vec![s("Knitwear"), s("T-shirts")])),
                ("exporter", J::Bool(true)),
                ("enrolled_on", date(ymd(2021, 3, 1))),
                (
                    "status_changes",
                    J::Arr(vec![
                        obj(vec![
                            ("status", s("suspended")),
                            ("on", date(ymd(2022, 8, 1))),
                        ]),
                        obj(vec![
                            ("status", s("enrolled")),
                            ("on", date(ymd(2022, 11, 15))),
                        ]),
                    ]),
                ),
                (
                    "workforce",
                    J::Arr(vec![
                        workforce(ymd(2023, 1, 31), (1021, 455, 4), 0, [1302, 120, 58, 0]),
                        workforce(ymd(2024, 1, 31), (1090, 518, 4), 3, [1377, 160, 45, 30]),
                    ]),
                ),
                (
                    "consents",
                    J::Arr(vec![
                        consent("BR-NORD", "all_reports", ymd(2021, 6, 1), None),
                        consent(
                            "BR-HAVEN",
                            "assessment_reports",
                            ymd(2022, 1, 10),
                            Some(ymd(2024, 2, 1)),
                        ),
                    ]),
                ),
            ]),
        ),
        (
            "committees",
            J::Arr(vec![
                committee(
                    ("BD-0412-PICC", f, "picc", None),
                    ymd(2021, 5, 10),
                    "p-picc",
                    (2, 4),
                    &every(ymd(2023, 3, 14), ymd(2024, 6, 14), 3, &[]),
                ),
                committee(
                    ("BD-0412-SC", f, "safety_committee", None),
                    ymd(2022, 2, 1),
                    "p-sc",
                    (3, 3),
                    &every(ymd(2023, 3, 5), ymd(2024, 6, 5), 3, &[ymd(2023, 9, 5)]),
                ),
                committee(
                    ("BD-0412-PC", f, "participation_committee", None),
                    ymd(2023, 2, 20),
                    "p-pc",
                    (3, 3),
                    &every(ymd(2023, 3, 20), ymd(2024, 5, 20), 2, &[]),
                ),
            ]),
        ),
        (
            "brands",
            J::Arr(vec![
                brand(
                    "BR-NORD",
                    "Nordwind Apparel (example)",
                    "brand",
                    "buyer_partner",
                ),
                brand(
                    "BR-HAVEN",
                    "Haven Stores (example)",
                    "retailer",
                    "participant",
                ),
            ]),
        ),
        (
            "sourcing",
            J::Arr(vec![
                sourcing("BR-NORD", f, ymd(2020, 9, 1), None),
                sourcing("BR-HAVEN", f, ymd(2021, 11, 1), Some(ymd(2024, 1, 1))),
            ]),
        ),
        ("assessments", J::Arr(vec![cycle2, cycle3])),
        (
            "improvement_plan",
            obj(vec![
                ("factory", s(f)),
                (
                    "items",
                    J::Arr(vec![
                        item(
                            ("q", "OSH.EMERGENCY.03"),
                            "Keep a marked clear zone in front of every exit; daily check by floor supervisors.",
                            "Compliance manager",
                            ymd(2023, 6, 30),
                            &[
                                ("pending", ymd(2023, 5, 2)),
                                ("in_progress", ymd(2023, 5, 20)),
                                ("completed", ymd(2023, 6, 25)),
                            ],
                        ),
                        item(
                            ("cp", "COMP.OTWAGES"),
                            "Correct overtime rates in payroll, including the night shift, and pay arrears since January.",
                            "HR and payroll manager",
                            ymd(2023, 9, 30),
                            &[
                                ("pending", ymd(2023, 5, 2)),
                                ("in_progress", ymd(2023, 7, 1)),
                            ],
                        ),
                        item(
                            ("cp", "WT.OVERTIME"),
                            "Plan production so that overtime stays within 2 hours a day and 12 a week; weekly review of the overtime register.",
                            "Production manager",
                            ymd(2024, 6, 30),
                            &[
                                ("pending", ymd(2023, 5, 2)),
                                ("in_progress", ymd(2023, 8, 15)),
                            ],
                        ),
                        item(
                            ("cp", "CL.YOUNG"),
                            "Keep age documents and fitness certificates of every adolescent worker on file.",
                            "HR manager",
                            ymd(2023, 7, 31),
                            &[
                                ("pending", ymd(2023, 5, 2)),
                                ("completed", ymd(2023, 7, 20)),
                            ],
                        ),
                        item(
                            ("q", "WT.LEAVE.01"),
                            "Compute annual leave from days worked (1 day per 18) in the leave register and grant the difference.",
                            "HR manager",
                            ymd(2024, 5, 31),
                            &[("pending", ymd(2024, 4, 2))],
                        ),
                        item(
                            ("q", "COMP.MINWAGE.02"),
                            "Pay the helper hired in January the minimum wage from her first day, with arrears.",
                            "HR and payroll manager",
                            ymd(2024, 4, 30),
                            &[
                                ("pending", ymd(2024, 4, 2)),
                                ("completed", ymd(2024, 4, 10)),
                            ],
                        ),
                        item(
                            ("cp", "OSH.CHEMICALS"),
                            "Label every chemical container and post safety data sheets in Bangla at each station.",
                            "Safety officer",
                            ymd(2024, 5, 15),
                            &[
                                ("pending", ymd(2024, 4, 2)),
                                ("in_progress", ymd(2024, 4, 20)),
                            ],
                        ),
                    ]),
                ),
            ]),
        ),
        (
            "progress_reports",
            J::Arr(vec![
                progress(
                    f,
                    "BD-A-2023-118",
                    2,
                    ymd(2023, 11, 20),
                    &[
                        ("Committee meets at least quarterly", "on_track"),
                        ("Worker members report back to workers", "moderate_progress"),
                    ],
                ),
                progress(
                    f,
                    "BD-A-2024-073",
                    1,
                    ymd(2024, 6, 25),
                    &[
                        ("Committee meets at least quarterly", "on_track"),
                        ("Worker members report back to workers", "on_track"),
                        (
                            "Committee follows up overtime planning",
                            "moderate_progress",
                        ),
                    ],
                ),
            ]),
        ),
        ("workers", workers),
        (
            "advisory_visits",
            J::Arr(vec![
                visit(
                    f,
                    ymd(2023, 5, 2),
                    "in_person",
                    &["Improvement plan", "Exit safety"],
                ),
                visit(f, ymd(2023, 8, 29), "virtual", &["Overtime pay"]),
                visit(
                    f,
                    ymd(2024, 4, 2),
                    "in_person",
                    &["Improvement plan", "Leave register"],
                ),
            ]),
        ),
        (
            "training",
            J::Arr(vec![
                training(
                    "Supervisory skills",
                    ymd(2023, 7, 11),
                    f,
                    (0, 0),
                    (14, 6),
                    (1, 2),
                ),
                training(
                    "Workplace cooperation (PICC)",
                    ymd(2024, 5, 8),
                    f,
                    (4, 2),
                    (0, 0),
                    (1, 1),
                ),
            ]),
        ),
        (
            "initiatives",
            J::Arr(vec![obj(vec![
                ("factory", s(f)),
                ("initiative", s("gender_equality_and_returns")),
                ("period", period(ymd(2022, 3, 1), Some(ymd(2023, 3, 1)))),
            ])]),
        ),
    ])
}

const VN_CYCLE_1: &[Noted] = &[
    nc(
        "COMP.MINWAGE.07",
        "The regional minimum wage of July 2022 was applied from September only, without back pay.",
        140,
    ),
    nc(
        "WT.OVERTIME.04",
        "Overtime of up to 62 hours a month in the sewing lines in the peak season.",
        220,
    ),
    nc(
        "WT.OVERTIME.06",
        "No notification of overtime over 200 hours a year to the labour authority.",
        450,
    ),
    nc(
        "COMP.OTWAGES.02",
        "Sunday work paid at 150 % instead of 200 %.",
        85,
    ),
    nc(
        "COMP.SOCSEC.01",
        "Workers on probation not registered for social insurance.",
        40,
    ),
    nc(
        "OSH.EMERGENCY.04",
        "Night shift not covered by the evacuation drill.",
        120,
    ),
    nc(
        "OSH.PROTECTION.01",
        "Belt guards missing on two cutting machines.",
        6,
    ),
    nc(
        "OSH.ENVIRONMENT.01",
        "Temperature on the sewing floor measured at 34 °C, fans only.",
        600,
    ),
    nc(
        "OSH.HEALTH.04",
        "Periodic medical examinations not done for workers hired in 2022.",
        300,
    ),
    nc(
        "CHR.CONTRACTS.04",
        "Fixed-term contracts renewed a third time for permanent sewing work.",
        25,
    ),
    nc(
        "CHR.DIALOGUE.03",
        "Workers report supervisors shouting at them over targets.",
        300,
    ),
    nc(
        "FOA.UNION.03",
        "Grassroots union officers not given paid time for union duties.",
        5,
    ),
];

const VN_CYCLE_2: &[Noted] = &[
    nc(
        "COMP.MINWAGE.02",
        "Three workers hired in June paid VND 4,680,000 for August, the Region I rate before July 2024.",
        3,
    ),
    nc(
        "COMP.MINWAGE.07",
        "The July 2024 regional minimum wage not applied to workers hired in June.",
        3,
    ),
    nc(
        "WT.OVERTIME.04",
        "Five sewing operators worked more than 40 overtime hours in August.",
        5,
    ),
    nc(
        "WT.OVERTIME.01",
        "One operator worked 5 hours of overtime a day for a week to finish an order.",
        1,
    ),
    nc(
        "WT.OVERTIME.03",
        "The same operator worked 13-hour days that week.",
        1,
    ),
    nc(
        "OSH.ENVIRONMENT.01",
        "Temperature on the sewing floor still above 32 °C in the afternoon.",
        600,
    ),
    nc(
        "CHR.CONTRACTS.04",
        "Two fixed-term contracts renewed a third time.",
        2,
    ),
];

const VN_NA: &[&str] = &[
    "OSH.ACCOMMODATION.",
    "CL.CHILD.05",
    "CL.CHILD.06",
    "FL.PRISON.02",
    "FL.PRISON.04",
    "FOA.STRIKES.02",
    "FOA.STRIKES.03",
    "FOA.STRIKES.04",
    "FOA.STRIKES.05",
    "FOA.STRIKES.07",
    "FOA.STRIKES.08",
];

const VIET_NAM: Country = Country {
    rest: &[Weekday::Sun],
    ordinary: "8",
    currency: "VND",
    premium: ("1.5", "2"),
    // Region I from July 2024 is VND 4,960,000.
    wages: &["4960000", "5400000", "5750000", "6100000", "6600000"],
    hours_divisor: "208",
    leave_days: Some("12"),
    overtime: ["0", "1", "1", "1"],
};

#[allow(clippy::too_many_lines, reason = "one bundle, written out")]
fn viet_nam(vn: Jurisdiction) -> J {
    let f = "VN-0088";
    let cycle1 = assessment(
        ("VN-A-2023-311", f, 1),
        (ymd(2023, 9, 12), ymd(2023, 9, 13)),
        vn,
        &["ea-vn-04", "ea-vn-11"],
        VN_CYCLE_1,
        (VN_NA, &[]),
    );
    let cycle2 = assessment(
        ("VN-A-2024-287", f, 2),
        (ymd(2024, 9, 10), ymd(2024, 9, 11)),
        vn,
        &["ea-vn-11", "ea-vn-17"],
        VN_CYCLE_2,
        (VN_NA, &[]),
    );
    let twists = [
        (2, Twist::LongMonth("2")),
        (6, Twist::LongMonth("2")),
        (13, Twist::LongMonth("2")),
        (21, Twist::LongMonth("2")),
        (18, Twist::PeakWeek("5")),
        (8, Twist::PaidBelow("4680000")),
        (19, Twist::PaidBelow("4680000")),
        (27, Twist::PaidBelow("4680000")),
    ];
    let workers = workers(
        0x0076_0088,
        &VIET_NAM,
        32,
        &twists,
        (ymd(2024, 8, 1), ymd(2024, 8, 31)),
        2024,
        &[(11, (ymd(2024, 1, 8), ymd(2024, 7, 7)))],
    );
    obj(vec![
        (
            "factory",
            obj(vec![
                ("id", s(f)),
                ("name", s("Saigon Precision Outerwear Co., Ltd (example)")),
                ("jurisdiction", s("VN")),
                (
                    "address",
                    s("Lot C-12, Example Industrial Park, Thuan An, Binh Duong"),
                ),
                ("wage_region", s("Region I")),
                ("sectors", J::Arr(vec![s("Apparel")])),
                ("product_types", J::Arr(vec![s("Outerwear"), s("Jackets")])),
                ("exporter", J::Bool(true)),
                ("enrolled_on", date(ymd(2022, 10, 3))),
                (
                    "workforce",
                    J::Arr(vec![
                        workforce(ymd(2023, 8, 31), (1210, 395, 0), 0, [1380, 225, 0, 0]),
                        workforce(ymd(2024, 8, 31), (1268, 412, 0), 0, [1455, 225, 0, 0]),
                    ]),
                ),
                (
                    "consents",
                    J::Arr(vec![
                        consent("BR-NORD", "assessment_reports", ymd(2023, 1, 15), None),
                        consent(
                            "BR-ALPS",
                            "all_reports",
                            ymd(2023, 3, 1),
                            Some(ymd(2024, 3, 1)),
                        ),
                    ]),
                ),
            ]),
        ),
        (
            "committees",
            J::Arr(vec![
                committee(
                    ("VN-0088-PICC", f, "picc", None),
                    ymd(2023, 1, 9),
                    "v-picc",
                    (3, 3),
                    &every(ymd(2023, 2, 9), ymd(2024, 8, 9), 2, &[]),
                ),
                committee(
                    (
                        "VN-0088-TU",
                        f,
                        "other",
                        Some("Grassroots trade union executive committee"),
                    ),
                    ymd(2019, 5, 1),
                    "v-tu",
                    (0, 5),
                    &every(ymd(2023, 1, 20), ymd(2024, 8, 20), 1, &[]),
                ),
            ]),
        ),
        (
            "brands",
            J::Arr(vec![
                brand(
                    "BR-NORD",
                    "Nordwind Apparel (example)",
                    "brand",
                    "buyer_partner",
                ),
                brand(
                    "BR-ALPS",
                    "Alpenland Outdoor (example)",
                    "brand",
                    "participant",
                ),
            ]),
        ),
        (
            "sourcing",
            J::Arr(vec![
                sourcing("BR-NORD", f, ymd(2022, 6, 1), None),
                sourcing("BR-ALPS", f, ymd(2022, 11, 1), None),
            ]),
        ),
        ("assessments", J::Arr(vec![cycle1, cycle2])),
        (
            "improvement_plan",
            obj(vec![
                ("factory", s(f)),
                (
                    "items",
                    J::Arr(vec![
                        item(
                            ("cp", "COMP.MINWAGE"),
                            "Apply each new regional minimum wage from its first day; payroll check every July and January.",
                            "HR manager",
                            ymd(2023, 12, 31),
                            &[
                                ("pending", ymd(2023, 10, 2)),
                                ("in_progress", ymd(2023, 11, 1)),
                                ("completed", ymd(2023, 12, 15)),
                            ],
                        ),
                        item(
                            ("cp", "WT.OVERTIME"),
                            "Keep overtime within 40 hours a month and 300 a year; notify the labour authority of overtime over 200 hours.",
                            "Production manager",
                            ymd(2024, 3, 31),
                            &[
                                ("pending", ymd(2023, 10, 2)),
                                ("in_progress", ymd(2023, 12, 1)),
                            ],
                        ),
                        item(
                            ("q", "COMP.OTWAGES.02"),
                            "Pay Sunday work at 200 %.",
                            "Payroll officer",
                            ymd(2023, 11, 30),
                            &[
                                ("pending", ymd(2023, 10, 2)),
                                ("completed", ymd(2023, 11, 20)),
                            ],
                        ),
                        item(
                            ("cp", "OSH.ENVIRONMENT"),
                            "Install evaporative coolers on the sewing floor.",
                            "Facility manager",
                            ymd(2024, 6, 30),
                            &[
                                ("pending", ymd(2023, 10, 2)),
                                ("in_progress", ymd(2024, 2, 1)),
                            ],
                        ),
                        item(
                            ("q", "COMP.MINWAGE.02"),
                            "Pay the three workers hired in June the Region I minimum wage with arrears from July.",
                            "HR manager",
                            ymd(2024, 10, 15),
                            &[("pending", ymd(2024, 9, 20))],
                        ),
                    ]),
                ),
            ]),
        ),
        (
            "progress_reports",
            J::Arr(vec![progress(
                f,
                "VN-A-2023-311",
                1,
                ymd(2024, 3, 18),
                &[
                    ("PICC meets every two months", "on_track"),
                    ("Worker members elected by secret ballot", "on_track"),
                    ("PICC discusses overtime planning", "no_progress"),
                ],
            )]),
        ),
        ("workers", workers),
        (
            "advisory_visits",
            J::Arr(vec![
                visit(
                    f,
                    ymd(2023, 10, 2),
                    "in_person",
                    &["Improvement plan", "Minimum wage"],
                ),
                visit(f, ymd(2024, 9, 20), "in_person", &["Improvement plan"]),
            ]),
        ),
        (
            "training",
            J::Arr(vec![training(
                "Workplace cooperation (PICC)",
                ymd(2023, 11, 14),
                f,
                (3, 1),
                (0, 0),
                (2, 1),
            )]),
        ),
    ])
}

const ID_CYCLE_1: &[Noted] = &[
    nc(
        "COMP.MINWAGE.04",
        "Workers on probation paid below the district minimum wage.",
        45,
    ),
    nc(
        "WT.OVERTIME.01",
        "Saturday overtime of 6 to 8 hours in the peak season.",
        300,
    ),
    nc(
        "WT.OVERTIME.02",
        "Up to 22 overtime hours a week in the sewing section.",
        300,
    ),
    nc(
        "WT.OVERTIME.06",
        "Overtime worked without written orders and workers' consent forms.",
        300,
    ),
    nc(
        "CHR.CONTRACTS.04",
        "Fixed-term contracts (PKWT) used for permanent sewing work beyond five years.",
        180,
    ),
    nc(
        "CHR.DIALOGUE.06",
        "The LKS Bipartit exists but has not met since it was registered.",
        1850,
    ),
    nc(
        "OSH.MGMT.05",
        "No certified first-aiders on the night shift.",
        240,
    ),
    nc(
        "OSH.CHEMICALS.06",
        "Washing-plant workers not trained on the chemicals they handle.",
        25,
    ),
    nc(
        "OSH.WELFARE.07",
        "No lactation room although 1,400 women are employed.",
        1400,
    ),
    nc(
        "DIS.GENDER.03",
        "Applicants asked about pregnancy in hiring interviews.",
        60,
    ),
];

const ID_CYCLE_2: &[Noted] = &[
    nc(
        "COMP.MINWAGE.02",
        "Two workers on probation paid IDR 5,300,000 for February, below the district minimum wage.",
        2,
    ),
    nc(
        "WT.OVERTIME.01",
        "Two operators worked 8 hours of overtime on the Saturday and the Sunday of the second week of February.",
        2,
    ),
    nc(
        "WT.OVERTIME.02",
        "Three operators worked more than 18 overtime hours in the second week of February.",
        3,
    ),
    nc(
        "CHR.DIALOGUE.06",
        "The LKS Bipartit skipped its meetings in October, November and December 2024.",
        1850,
    ),
    nc(
        "OSH.WELFARE.07",
        "The lactation room is used as a store room.",
        1400,
    ),
];

const ID_NA: &[&str] = &[
    "OSH.ACCOMMODATION.",
    "CL.CHILD.05",
    "CL.CHILD.06",
    "FL.PRISON.02",
    "FL.PRISON.04",
    "FOA.STRIKES.02",
    "FOA.STRIKES.03",
    "FOA.STRIKES.04",
    "FOA.STRIKES.05",
    "FOA.STRIKES.07",
    "FOA.STRIKES.08",
];

const INDONESIA: Country = Country {
    rest: &[Weekday::Sat, Weekday::Sun],
    ordinary: "8",
    currency: "IDR",
    premium: ("1.5", "2"),
    // Kabupaten Bekasi's 2025 minimum is IDR 5,558,515.10.
    wages: &["5600000", "5750000", "5900000", "6200000", "6800000"],
    hours_divisor: "173",
    leave_days: Some("12"),
    overtime: ["0", "1", "2", "2"],
};

#[allow(clippy::too_many_lines, reason = "one bundle, written out")]
fn indonesia(id: Jurisdiction) -> J {
    let f = "ID-0219";
    let cycle1 = assessment(
        ("ID-A-2024-042", f, 1),
        (ymd(2024, 2, 20), ymd(2024, 2, 21)),
        id,
        &["ea-id-02", "ea-id-09"],
        ID_CYCLE_1,
        (ID_NA, &[]),
    );
    let cycle2 = assessment(
        ("ID-A-2025-036", f, 2),
        (ymd(2025, 3, 11), ymd(2025, 3, 12)),
        id,
        &["ea-id-09", "ea-id-15"],
        ID_CYCLE_2,
        (ID_NA, &["WT.HOURS.04"]),
    );
    let twists = [
        (4, Twist::PeakWeek("4")),
        (15, Twist::PeakWeek("4")),
        (7, Twist::NoRestWeek),
        (20, Twist::NoRestWeek),
        (9, Twist::PaidBelow("5300000")),
        (25, Twist::PaidBelow("5300000")),
    ];
    let workers = workers(
        0x0049_0219,
        &INDONESIA,
        30,
        &twists,
        (ymd(2025, 2, 1), ymd(2025, 2, 28)),
        2025,
        &[(3, (ymd(2024, 9, 2), ymd(2024, 12, 1)))],
    );
    // The LKS Bipartit met monthly, then skipped October to December 2024.
    let lks = every(
        ymd(2024, 3, 15),
        ymd(2025, 3, 15),
        1,
        &[ymd(2024, 10, 15), ymd(2024, 11, 15), ymd(2024, 12, 15)],
    );
    obj(vec![
        (
            "factory",
            obj(vec![
                ("id", s(f)),
                ("name", s("PT Bekasi Busana Garmen (example)")),
                ("jurisdiction", s("ID-JB")),
                (
                    "address",
                    s(
                        "Jl. Industri Raya Blok F No. 9, Example Industrial Estate, Cikarang, Kabupaten Bekasi",
                    ),
                ),
                ("wage_region", s("Kabupaten Bekasi, West Java")),
                ("sectors", J::Arr(vec![s("Apparel")])),
                (
                    "product_types",
                    J::Arr(vec![s("Woven shirts"), s("Trousers")]),
                ),
                ("exporter", J::Bool(true)),
                ("enrolled_on", date(ymd(2023, 6, 1))),
                (
                    "workforce",
                    J::Arr(vec![
                        workforce(ymd(2024, 1, 31), (1395, 445, 0), 0, [1210, 630, 0, 0]),
                        workforce(ymd(2025, 1, 31), (1412, 438, 0), 0, [1290, 560, 0, 0]),
                    ]),
                ),
                (
                    "consents",
                    J::Arr(vec![consent(
                        "BR-HAVEN",
                        "all_reports",
                        ymd(2023, 9, 1),
                        None,
                    )]),
                ),
            ]),
        ),
        (
            "committees",
            J::Arr(vec![
                committee(
                    ("ID-0219-LKS", f, "lks_bipartit", None),
                    ymd(2023, 11, 1),
                    "i-lks",
                    (3, 3),
                    &lks,
                ),
                committee(
                    (
                        "ID-0219-P2K3",
                        f,
                        "osh_committee",
                        Some("P2K3 (occupational safety and health committee)"),
                    ),
                    ymd(2021, 4, 1),
                    "i-p2k3",
                    (4, 4),
                    &every(ymd(2024, 1, 10), ymd(2025, 3, 10), 1, &[]),
                ),
                committee(
                    ("ID-0219-PICC", f, "picc", None),
                    ymd(2023, 8, 1),
                    "i-picc",
                    (3, 4),
                    &every(ymd(2023, 9, 5), ymd(2025, 3, 5), 2, &[]),
                ),
            ]),
        ),
        (
            "brands",
            J::Arr(vec![
                brand(
                    "BR-HAVEN",
                    "Haven Stores (example)",
                    "retailer",
                    "participant",
                ),
                brand("BR-KITE", "Kite & Co. (example)", "brand", "buyer_partner"),
            ]),
        ),
        (
            "sourcing",
            J::Arr(vec![
                sourcing("BR-HAVEN", f, ymd(2023, 4, 1), None),
                sourcing("BR-KITE", f, ymd(2024, 1, 1), None),
            ]),
        ),
        ("assessments", J::Arr(vec![cycle1, cycle2])),
        (
            "improvement_plan",
            obj(vec![
                ("factory", s(f)),
                (
                    "items",
                    J::Arr(vec![
                        item(
                            ("cp", "WT.OVERTIME"),
                            "Written overtime orders with workers' consent; at most 4 hours a day and 18 a week.",
                            "HR manager",
                            ymd(2024, 6, 30),
                            &[
                                ("pending", ymd(2024, 3, 11)),
                                ("in_progress", ymd(2024, 4, 1)),
                                ("completed", ymd(2024, 6, 20)),
                            ],
                        ),
                        item(
                            ("q", "CHR.DIALOGUE.06"),
                            "Monthly LKS Bipartit meetings with minutes filed at the manpower office.",
                            "HR manager",
                            ymd(2024, 5, 31),
                            &[
                                ("pending", ymd(2024, 3, 11)),
                                ("completed", ymd(2024, 4, 15)),
                            ],
                        ),
                        item(
                            ("q", "OSH.WELFARE.07"),
                            "Set up a lactation room with a fridge and a lockable door.",
                            "General affairs manager",
                            ymd(2024, 8, 31),
                            &[
                                ("pending", ymd(2024, 3, 11)),
                                ("in_progress", ymd(2024, 7, 1)),
                            ],
                        ),
                        item(
                            ("q", "COMP.MINWAGE.02"),
                            "Pay workers on probation at least the district minimum wage, with arrears.",
                            "Payroll officer",
                            ymd(2025, 4, 30),
                            &[("pending", ymd(2025, 3, 25))],
                        ),
                    ]),
                ),
            ]),
        ),
        (
            "progress_reports",
            J::Arr(vec![progress(
                f,
                "ID-A-2024-042",
                1,
                ymd(2024, 9, 2),
                &[
                    ("LKS Bipartit meets monthly", "on_track"),
                    ("PICC worker members elected", "moderate_progress"),
                ],
            )]),
        ),
        ("workers", workers),
        (
            "advisory_visits",
            J::Arr(vec![
                visit(
                    f,
                    ymd(2024, 3, 11),
                    "in_person",
                    &["Improvement plan", "Social dialogue"],
                ),
                visit(f, ymd(2025, 3, 25), "virtual", &["Minimum wage"]),
            ]),
        ),
    ])
}

/// Every example bundle: file name and contents.
fn bundles() -> Result<Vec<(&'static str, J)>, String> {
    let j = |code: &str| -> Result<Jurisdiction, String> {
        code.parse().map_err(|e| format!("{code}: {e}"))
    };
    Ok(vec![
        ("factory-bundle.json", bangladesh(j("BD")?)),
        ("viet-nam-outerwear.json", viet_nam(j("VN")?)),
        ("indonesia-garment.json", indonesia(j("ID-JB")?)),
    ])
}

/// The example files, checked by the model before they are returned.
pub(crate) fn generate(root: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    let dir = root.join("crates/decentwork-model/examples/data");
    let mut out = Vec::new();
    for (name, bundle) in bundles()? {
        let mut text = String::new();
        bundle.write(&mut text, 0);
        text.push('\n');
        decentwork_model::json::bundle_from_str(&text).map_err(|problems| {
            let lines: Vec<String> = problems.iter().map(|p| format!("{name}: {p}")).collect();
            format!(
                "example bundle does not pass the model's checks:\n{}",
                lines.join("\n")
            )
        })?;
        out.push((dir.join(name), text));
    }
    Ok(out)
}
