//! Invariants of the catalogue's data: sorted, unique, references resolve,
//! every compliance point has questions, every question has an ILO reference,
//! every record has provenance; plus spot checks of facts against their sources.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use std::collections::BTreeSet;

use chrono::NaiveDate;
use decentwork_catalogue::{
    AccrualBasis, Act, Cluster, ClusterGroup, CompliancePoint, DayCount, Instrument, InstrumentSet,
    LawError, LawInForce, LegalAbsence, LegalReference, LegalValue, Parameter, Question,
    QuestionKind, Ratification, RatificationKind, SourceKind, Tag, ToolVersion, Unit, Verification,
    covered_jurisdictions, is_covered, tag_info,
};
use decentwork_model::{CompliancePointId, Country, Jurisdiction, QuestionId};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn j(code: &str) -> Jurisdiction {
    code.parse().unwrap()
}

#[test]
fn minimum_contents() {
    assert!(Instrument::all().count() >= 30);
    let fundamental: BTreeSet<&str> = InstrumentSet::from_id("fundamental-2022")
        .unwrap()
        .members()
        .map(Instrument::code)
        .collect();
    assert_eq!(
        fundamental,
        [
            "C029", "C087", "C098", "C100", "C105", "C111", "C138", "C155", "C182", "C187"
        ]
        .into_iter()
        .collect()
    );
    for code in [
        "P029", "C081", "C122", "C129", "C144", "C001", "C014", "C030", "C095", "C097", "C102",
        "C103", "C120", "C131", "C132", "C135", "C156", "C158", "C161", "C170", "C181", "C183",
        "C190",
    ] {
        Instrument::from_code(code).unwrap();
    }
    assert_eq!(Cluster::all().count(), 8);
    assert_eq!(CompliancePoint::all().count(), 39);
    assert!(Question::all().count() >= 200);
    for cp in CompliancePoint::all() {
        let n = cp
            .questions()
            .filter(|q| q.kind() == QuestionKind::NonCompliance)
            .count();
        assert!(n >= 3, "{} has {n} non-compliance questions", cp.id());
    }
}

#[test]
fn tables_are_sorted_and_unique() {
    let codes: Vec<&str> = Instrument::all().map(Instrument::code).collect();
    assert!(
        codes.windows(2).all(|w| w[0] < w[1]),
        "instruments sorted by code"
    );
    let ids: BTreeSet<&str> = Question::all().map(Question::id).collect();
    assert_eq!(ids.len(), Question::all().count(), "question IDs unique");
    let orders: Vec<u8> = Cluster::all().map(Cluster::order).collect();
    assert_eq!(orders, (1..=8).collect::<Vec<u8>>());
    for cluster in Cluster::all() {
        let orders: Vec<u8> = cluster
            .compliance_points()
            .map(CompliancePoint::order)
            .collect();
        assert_eq!(
            orders,
            (1..=u8::try_from(orders.len()).unwrap()).collect::<Vec<u8>>(),
            "{}",
            cluster.id()
        );
    }
}

#[test]
fn references_resolve_and_ids_fit_the_model() {
    assert!(Question::get("CL.CHILD.99".parse().unwrap()).is_err());
    for q in Question::all() {
        QuestionId::new(q.id()).unwrap();
        assert_eq!(
            Question::from_id(q.id()).unwrap(),
            q,
            "binary search finds {}",
            q.id()
        );
        assert!(q.id().starts_with(q.compliance_point().id()));
        assert!(q.compliance_point().questions().any(|x| x == q));
        assert!(
            q.ilo_references().count() >= 1,
            "{} has no ILO reference",
            q.id()
        );
        match q.kind() {
            QuestionKind::NonCompliance => assert!(q.non_compliant_answer().is_some()),
            QuestionKind::FactGathering => assert!(q.non_compliant_answer().is_none()),
            _ => unreachable!(),
        }
        for parameter in q.parameters() {
            assert!(Parameter::ALL.contains(&parameter));
        }
    }
    for (i, q) in Question::all().enumerate() {
        assert_eq!(q.index(), i);
        assert_eq!(Question::at(i), Some(q));
    }
    for (i, cp) in CompliancePoint::all().enumerate() {
        assert_eq!(cp.index(), i);
        assert_eq!(CompliancePoint::at(i), Some(cp));
    }
    for (i, c) in Cluster::all().enumerate() {
        assert_eq!(c.index(), i);
    }
    for cp in CompliancePoint::all() {
        CompliancePointId::new(cp.id()).unwrap();
        assert!(cp.cluster().compliance_points().any(|x| x == cp));
        assert!(cp.instruments().count() >= 1);
        assert!(
            cp.bsci_areas().count() >= 1,
            "{} maps to no BSCI area",
            cp.id()
        );
    }
    for r in LegalReference::all() {
        assert!(Act::all().any(|a| a.id() == r.act().id()));
        assert!(r.section().is_some() || r.provenance().status == Verification::Unverified);
    }
}

#[test]
fn every_record_has_provenance() {
    let check = |what: &str, p: decentwork_catalogue::Provenance| {
        assert!(p.verified_on >= day(2026, 1, 1), "{what}: verified_on");
        if p.status == Verification::Verified {
            assert!(
                !p.source.trim().is_empty(),
                "{what}: verified without a source"
            );
            // The rule of docs/DATA.md, checked on the generated tables too.
            assert!(
                p.kind == SourceKind::Official || !p.also.is_empty(),
                "{what}: verified on a single secondary source"
            );
        }
        assert_eq!(
            p.source.trim().is_empty(),
            p.kind == SourceKind::Missing,
            "{what}: a source kind says whether there is a source"
        );
    };
    Instrument::all().for_each(|i| check(i.code(), i.provenance()));
    InstrumentSet::all().for_each(|s| check(s.id(), s.provenance()));
    Cluster::all().for_each(|c| check(c.id(), c.provenance()));
    CompliancePoint::all().for_each(|c| check(c.id(), c.provenance()));
    Question::all().for_each(|q| check(q.id(), q.provenance()));
    Act::all().for_each(|a| check(a.id(), a.provenance()));
    LegalValue::all().for_each(|v| check(v.legal_basis(), v.provenance()));
    LegalAbsence::all().for_each(|a| check(a.legal_basis(), a.provenance()));
    LegalReference::all().for_each(|r| check(r.act().id(), r.provenance()));
    for country in Country::PROGRAMME {
        for i in Instrument::all() {
            let r = Ratification::of(country, i)
                .unwrap_or_else(|| panic!("no record for {country} {i}"));
            check(&format!("{country} {i}"), r.provenance());
            if r.status() == RatificationKind::Unknown {
                assert_eq!(
                    r.provenance().status,
                    Verification::Unverified,
                    "unknown is never 'verified'"
                );
            }
        }
    }
    for tag in [
        Tag::PublicDisclosure,
        Tag::ZeroTolerance,
        Tag::CriticalIssue,
    ] {
        let (_, _, p) = tag_info(tag).unwrap();
        check("tag", p);
    }
}

#[test]
fn lax_lookups_accept_published_names_and_aliases() {
    assert_eq!(Cluster::lookup("systems").unwrap().id(), "OSH");
    assert_eq!(
        Cluster::lookup("Compensation and Benefits").unwrap().id(),
        "COMP"
    );
    assert_eq!(
        Cluster::lookup("freedom of association and  collective bargaining")
            .unwrap()
            .id(),
        "FOA"
    );
    assert_eq!(
        Cluster::from_id("FOA").unwrap().group(),
        ClusterGroup::CoreLabourStandards
    );
    assert_eq!(
        CompliancePoint::lookup("Hazardous Work").unwrap().id(),
        "CL.HAZARD"
    );
    assert_eq!(
        CompliancePoint::lookup("minimum wages/piece rate wages")
            .unwrap()
            .id(),
        "COMP.MINWAGE"
    );
    assert_eq!(
        CompliancePoint::lookup("Dialogue, Discipline and Disputes")
            .unwrap()
            .id(),
        "CHR.DIALOGUE"
    );
    assert!(CompliancePoint::lookup("Overtime Pay Rate").is_err());
    assert!(
        CompliancePoint::from_id("cl.child").is_err(),
        "strict lookup is exact"
    );
    assert_eq!(
        Question::lookup(" cl.child.01 ").unwrap().id(),
        "CL.CHILD.01"
    );
    assert_eq!(
        Instrument::lookup("Minimum Age Convention, 1973")
            .unwrap()
            .code(),
        "C138"
    );
    assert_eq!(Instrument::lookup("Protocol 29").unwrap().code(), "P029");
    assert!(Instrument::lookup("C999").is_err());
}

#[test]
fn searches() {
    let c087: Vec<&str> = Instrument::from_code("C087")
        .unwrap()
        .questions()
        .map(Question::id)
        .collect();
    assert!(c087.iter().any(|id| id.starts_with("FOA.")));
    assert!(Question::with_tag(Tag::ZeroTolerance).all(|q| q.has_tag(Tag::ZeroTolerance)));
    assert!(
        Question::with_tag(Tag::ZeroTolerance).any(|q| q.compliance_point().id() == "CL.CHILD")
    );
    assert!(
        Question::with_tag(Tag::CriticalIssue)
            .any(|q| q.compliance_point().id() == "OSH.EMERGENCY")
    );
    assert_eq!(
        Question::for_jurisdiction(j("PK-SD")).count(),
        Question::all().filter(|q| q.applies_in(j("PK-SD"))).count()
    );
}

/// Facts checked against the sources named in the data and research notes.
#[test]
fn spot_checks() {
    let status = |c: Country, code: &str, on: NaiveDate| {
        Ratification::of(c, Instrument::from_code(code).unwrap())
            .unwrap()
            .status_on(on)
    };
    // Viet Nam: C098 deposited 5 July 2019 (ILO); C087 not ratified.
    assert_eq!(
        status(Country::VN, "C098", day(2019, 7, 4)),
        RatificationKind::NotRatified
    );
    assert_eq!(
        status(Country::VN, "C098", day(2019, 7, 5)),
        RatificationKind::Ratified
    );
    assert_eq!(
        status(Country::VN, "C087", day(2024, 1, 1)),
        RatificationKind::NotRatified
    );
    // Jordan has not ratified C087 (CFA 2023); Bangladesh C138 in 2022 with age 14.
    assert_eq!(
        status(Country::JO, "C087", day(2024, 1, 1)),
        RatificationKind::NotRatified
    );
    let bd138 = Ratification::of(Country::BD, Instrument::from_code("C138").unwrap()).unwrap();
    assert_eq!(bd138.status(), RatificationKind::Ratified);
    assert_eq!(bd138.date().map(|d| d.year), Some(2022));
    assert!(bd138.note().contains("14"), "{}", bd138.note());
    // A ratification known to the year only cannot answer for a day in that year.
    assert_eq!(
        status(Country::PK, "C087", day(1951, 6, 1)),
        RatificationKind::Unknown
    );
    assert_eq!(
        status(Country::PK, "C087", day(1952, 1, 1)),
        RatificationKind::Ratified
    );

    let law = |code: &str, on: NaiveDate| LawInForce::new(j(code), on);
    let shown = |l: &LawInForce, p: Parameter| {
        l.value(p)
            .map(decentwork_catalogue::LegalValue::display_value)
    };
    // Minimum working ages: Bangladesh 14 (BLA 2006 s.34), Viet Nam 15, Jordan 16 (Art. 73).
    assert_eq!(
        shown(&law("BD", day(2024, 6, 1)), Parameter::MinimumWorkingAge).as_deref(),
        Some("14")
    );
    assert_eq!(
        shown(&law("VN", day(2024, 6, 1)), Parameter::MinimumWorkingAge).as_deref(),
        Some("15")
    );
    assert_eq!(
        shown(&law("JO", day(2024, 6, 1)), Parameter::MinimumWorkingAge).as_deref(),
        Some("16")
    );
    // Bangladesh garment minimum wage BDT 12,500 a month from 2023-12-01.
    let bd = |on| {
        law("BD", on)
            .minimum_wage(Some("garment"), None)
            .map(decentwork_catalogue::LegalValue::display_value)
    };
    assert_eq!(bd(day(2023, 12, 1)).as_deref(), Some("BDT 12,500 a month"));
    assert_ne!(bd(day(2023, 11, 30)).as_deref(), Some("BDT 12,500 a month"));
    // Cambodia garment minimum wage: USD 208 for 2025, 210 for 2026.
    let kh = |on| {
        law("KH", on)
            .minimum_wage(Some("garment"), None)
            .map(|v| v.value().to_string())
    };
    assert_eq!(kh(day(2025, 6, 1)).as_deref(), Some("208"));
    assert_eq!(kh(day(2026, 6, 1)).as_deref(), Some("210"));
    // Viet Nam Region I: VND 4,960,000 from 2024-07-01; 5,310,000 from 2026-01-01.
    let vn = |on| {
        law("VN", on)
            .all(Parameter::MinimumWage)
            .filter(|v| {
                v.region().is_some_and(|r| {
                    r.contains("Region I") && !r.contains("II") && !r.contains("IV")
                })
            })
            .filter(|v| v.per() == Some(decentwork_catalogue::Per::Month))
            .map(|v| v.value().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(vn(day(2024, 7, 1)), ["4960000"]);
    assert_eq!(vn(day(2026, 1, 1)), ["5310000"]);
    // Bangladesh safety committees from 50 workers (s.90A).
    assert_eq!(
        shown(
            &law("BD", day(2025, 12, 1)),
            Parameter::SafetyCommitteeThreshold
        )
        .as_deref(),
        Some("50")
    );
    // Indonesia: LKS Bipartit from 50 workers.
    assert_eq!(
        shown(
            &law("ID", day(2024, 1, 1)),
            Parameter::BipartiteCommitteeThreshold
        )
        .as_deref(),
        Some("50")
    );
    // Pakistan: Sindh and Punjab each PKR 40,000 a month from 2025-07-01; the
    // province's own value is used.
    for code in ["PK-SD", "PK-PB"] {
        let wage = law(code, day(2025, 8, 1))
            .value(Parameter::MinimumWage)
            .map(decentwork_catalogue::LegalValue::display_value);
        assert_eq!(wage.as_deref(), Some("PKR 40,000 a month"), "{code}");
    }
}

#[test]
fn law_for_a_subdivision_includes_national_law() {
    let sindh = LawInForce::new(j("PK-SD"), day(2025, 8, 1));
    assert!(sindh.values().any(|v| v.jurisdiction() == "PK-SD"));
    let acts: Vec<&str> = Act::in_jurisdiction(j("PK-SD"))
        .map(Act::jurisdiction)
        .collect();
    assert!(acts.contains(&"PK-SD"));
    assert!(
        !acts.contains(&"PK-PB"),
        "Punjab's acts do not apply in Sindh"
    );
}

#[test]
fn handles_know_their_index() {
    for (i, c) in Cluster::all().enumerate() {
        assert_eq!((c.index(), Cluster::at(i)), (i, Some(c)));
    }
    for (i, cp) in CompliancePoint::all().enumerate() {
        assert_eq!((cp.index(), CompliancePoint::at(i)), (i, Some(cp)));
    }
    for (i, q) in Question::all().enumerate() {
        assert_eq!((q.index(), Question::at(i)), (i, Some(q)));
    }
    for (i, inst) in Instrument::all().enumerate() {
        assert_eq!((inst.index(), Instrument::at(i)), (i, Some(inst)));
    }
    for (i, t) in ToolVersion::all().enumerate() {
        assert_eq!((t.index(), ToolVersion::at(i)), (i, Some(t)));
    }
    assert_eq!(Question::at(Question::count()), None);
    // Table order is code order for instruments, so ordering handles orders codes.
    let mut codes: Vec<Instrument> = Instrument::all().collect();
    codes.reverse();
    codes.sort();
    assert!(codes.windows(2).all(|w| w[0].code() < w[1].code()));
}

#[test]
fn every_programme_country_has_law_and_unknown_places_are_errors() {
    let covered: Vec<&str> = covered_jurisdictions().collect();
    for country in Country::PROGRAMME {
        assert!(
            covered.contains(&country.code()),
            "{country} has no law file"
        );
        assert!(is_covered(Jurisdiction::from(country)));
    }
    for code in ["PK-IS", "PK-KP", "PK-BA", "PK-PB", "PK-SD"] {
        assert!(covered.contains(&code), "{code}");
    }
    // Gilgit-Baltistan has no file and Pakistan's own file sets no parameters.
    assert!(!is_covered(j("PK-GB")));
    // Viet Nam's law applies in its provinces.
    assert!(is_covered(j("VN-HN")));
    let err = LawInForce::try_new(j("FR"), day(2025, 6, 1)).unwrap_err();
    let LawError::NoLawData {
        jurisdiction,
        covered: listed,
    } = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!(jurisdiction, "FR");
    assert_eq!(listed, &covered);
    assert!(LawInForce::try_new(j("EG"), day(2025, 6, 1)).is_ok());
}

#[test]
fn typed_legal_values_mean_what_they_say() {
    let on = day(2025, 6, 1);
    // Premiums are multipliers of at least 1, each naming its basis.
    for v in LegalValue::all().filter(|v| v.unit() == Unit::Multiplier) {
        assert!(v.value() >= 1.into(), "{v:?}");
        assert!(v.basis().is_some(), "{v:?}");
    }
    // Viet Nam's night overtime on a normal working day: 150% + 30% + 20%.
    let vn = LawInForce::new(j("VN"), on);
    let night: Vec<LegalValue> = vn.all(Parameter::OvertimePremiumNight).collect();
    assert!(
        night
            .iter()
            .any(|v| v.variant() == Some("normal working day") && v.value() == 2.into()),
        "{night:?}"
    );
    // Bangladesh annual leave is earned: 1 day for every 18 days worked.
    let bd = LawInForce::new(j("BD"), on);
    let leave = bd.value(Parameter::AnnualLeave).unwrap();
    let accrual = leave.accrual().unwrap();
    assert_eq!(
        (leave.value(), accrual.per, accrual.of),
        (1.into(), 18.into(), AccrualBasis::DaysWorked)
    );
    assert_eq!(leave.display_value(), "1 day for every 18 days worked");
    // Leave in days says which days it counts.
    for v in LegalValue::all().filter(|v| {
        v.unit() == Unit::Days
            && matches!(
                v.parameter(),
                Parameter::AnnualLeave | Parameter::MaternityLeave
            )
    }) {
        assert!(v.day_count().is_some(), "{v:?}");
    }
    let vn_leave = vn.value(Parameter::AnnualLeave).unwrap();
    assert_eq!(vn_leave.day_count(), Some(DayCount::Working));
    assert_eq!(vn_leave.display_value(), "12 working days a year");
    // Ethiopia sets no private-sector minimum wage: a recorded fact, not a gap.
    let et = LawInForce::new(j("ET"), on);
    assert!(et.minimum_wage(Some("private sector"), None).is_none());
    let absent: Vec<LegalAbsence> = et.absences().collect();
    assert!(
        absent
            .iter()
            .any(|a| a.parameter() == Parameter::MinimumWage),
        "{absent:?}"
    );
}

#[test]
fn rules_still_in_force_have_no_end_date() {
    // Every time line whose last record ends says what ended it.
    for v in LegalValue::all().filter(|v| v.to().is_some()) {
        let successor = LegalValue::all().any(|w| {
            w.jurisdiction() == v.jurisdiction()
                && w.parameter() == v.parameter()
                && w.region() == v.region()
                && w.sector() == v.sector()
                && w.variant() == v.variant()
                && w.per() == v.per()
                && w.from() == v.to().and_then(|d| d.succ_opt())
        }) || LegalAbsence::all().any(|a| {
            a.jurisdiction() == v.jurisdiction()
                && a.parameter() == v.parameter()
                && a.from() == v.to().and_then(|d| d.succ_opt())
        });
        assert!(successor || v.ended_by().is_some(), "{v:?} ends silently");
    }
    // Egypt: the 2003 law until 31 August 2025, the 2025 law from 1 September.
    let before = LawInForce::new(j("EG"), day(2025, 8, 31));
    let after = LawInForce::new(j("EG"), day(2025, 9, 1));
    let age = |law: &LawInForce| law.value(Parameter::MinimumWorkingAge).unwrap().value();
    assert_eq!((age(&before), age(&after)), (14.into(), 15.into()));
}

/// A value for all sectors covers garment; a value for garment beats a
/// general one; a regional value applies only in its region (issue 14).
#[test]
fn values_apply_by_sector_and_region() {
    let vn = LawInForce::try_new(j("VN"), day(2025, 3, 15)).unwrap();
    let wage = vn
        .minimum_wage(Some("garment"), Some("Region I"))
        .expect("Viet Nam's regional wage is for all sectors, garment included");
    assert_eq!(wage.display_value(), "VND 4,960,000 a month");
    assert_eq!(
        vn.minimum_wage(Some("garment"), Some("Region IV"))
            .map(LegalValue::display_value)
            .as_deref(),
        Some("VND 3,450,000 a month")
    );
    assert!(
        vn.minimum_wage(Some("garment"), None).is_none(),
        "no national wage"
    );
    let year: Vec<String> = vn
        .applicable(
            Parameter::OvertimeCapYear,
            Some("garment"),
            Some("Region I"),
        )
        .into_iter()
        .map(LegalValue::display_value)
        .collect();
    assert_eq!(
        year,
        ["300 hours"],
        "garment's own cap, not the general 200"
    );
    let general: Vec<String> = vn
        .applicable(Parameter::OvertimeCapYear, Some("electronics"), None)
        .into_iter()
        .map(LegalValue::display_value)
        .collect();
    assert_eq!(general, ["200 hours"]);
    let id = LawInForce::try_new(j("ID-JB"), day(2025, 3, 15)).unwrap();
    assert!(
        id.minimum_wage(Some("garment"), Some("Kota Bekasi, West Java"))
            .is_some()
    );
    let hours = id.applicable(Parameter::NormalHoursDay, Some("garment"), None);
    assert_eq!(hours.len(), 2, "5-day and 6-day week variants");
    let kh = LawInForce::try_new(j("KH"), day(2025, 3, 15)).unwrap();
    assert_eq!(
        kh.minimum_wage(Some("garment"), None)
            .map(LegalValue::display_value)
            .as_deref(),
        Some("USD 208 a month")
    );
    assert!(kh.minimum_wage(Some("footwear"), None).is_none());
}

/// Committee rules name their committee; thresholds name the committee
/// that meets them.
#[test]
fn committee_rules_name_their_committee() {
    use decentwork_model::CommitteeKind;
    for v in LegalValue::all() {
        let p = v.parameter();
        if p.is_committee_rule() && !p.is_committee_threshold() {
            assert!(v.committee().is_some(), "{v:?}");
        }
        if !p.is_committee_rule() {
            assert!(v.committee().is_none(), "{v:?}");
        }
    }
    let id = LawInForce::try_new(j("ID-JB"), day(2025, 3, 15)).unwrap();
    let lks: Vec<(Parameter, String)> = id
        .values()
        .filter(|v| v.committee() == Some(CommitteeKind::LksBipartit))
        .map(|v| (v.parameter(), v.display_value()))
        .collect();
    assert_eq!(
        lks,
        [
            (Parameter::BipartiteCommitteeThreshold, "50".to_owned()),
            (Parameter::CommitteeMinimumMembers, "6".to_owned()),
            (Parameter::CommitteeWorkerShare, "50%".to_owned()),
            (Parameter::CommitteeMeetingInterval, "1 month".to_owned()),
        ]
    );
    for p in Parameter::ALL {
        assert!(!p.words().contains('_'), "{p:?}");
    }
}
