//! Example reports shared by the rendering tests: the example factory's
//! bundle as it is, a realistic full assessment (every question that applies
//! in Bangladesh answered, alerts, a cluster left unassessed, a long name),
//! several factories for a portfolio and a synthesis, every empty state, and
//! hostile text in every field a report prints.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::too_many_arguments,
    clippy::assigning_clones,
    reason = "test support; not every test uses every example"
)]

use chrono::NaiveDate;
use decentwork_catalogue::{Question, Tag};
use decentwork_model::{
    Assessment, AssessmentFields, AssessmentKind, Brand, Committee, Country, Factory, Finding,
    ImprovementPlan, Jurisdiction, Outcome, ProgressReport, SourcingRelationship, TrainingSession,
    json,
};
use decentwork_report::{
    BrandPortfolioReport, EvidenceReport, FactoryAssessmentReport, ProgrammeData, ProgrammeSummary,
    ProgressReportDocument, PublicDisclosureReport, Render, SynthesisReport,
};
use decentwork_scoring::{
    AssessmentInfo, AssessmentScore, DenseAssessment, EvidenceContext, GroupBy, MonthWindow,
    Population, PopulationRule, RateOptions, ScoreOptions, check_committees, check_evidence,
    merge_evidence, score_assessment,
};
use serde::de::DeserializeOwned;

pub(crate) const BUNDLE: &str = decentwork_model::examples::BANGLADESH_KNITWEAR;

/// `assessment` of `factory` scored where the factory's law applies.
pub(crate) fn scored(factory: &Factory, assessment: &Assessment) -> AssessmentScore {
    score_assessment(
        assessment,
        ScoreOptions::in_jurisdiction(factory.jurisdiction),
    )
}

fn scored_all(factory: &Factory, assessments: &[Assessment]) -> Vec<AssessmentScore> {
    assessments.iter().map(|a| scored(factory, a)).collect()
}

fn add(population: &mut Population, assessment: &Assessment, country: Country) {
    population.add_assessment(
        AssessmentInfo::of(assessment).in_country(country),
        &DenseAssessment::from_assessment(assessment),
    );
}

/// Text that tries to change a report's structure in every format: a line
/// break and a heading, emphasis, a table pipe, HTML and a script, a
/// Markdown link, a formula for spreadsheets.
pub(crate) const HOSTILE: &str = "=HYPERLINK(\"http://x\")\n# Injected heading\n**bold** | pipe | <script>alert(1)</script> [link](http://x) & \\ `code` _u_";

pub(crate) fn bundle() -> serde_json::Value {
    serde_json::from_str(BUNDLE).unwrap()
}

pub(crate) fn part<T: DeserializeOwned>(key: &str) -> T {
    json::from_str(&bundle()[key].to_string()).unwrap()
}

pub(crate) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(crate) fn on() -> NaiveDate {
    day(2024, 6, 30)
}

/// The example factory, renamed and re-identified.
pub(crate) fn factory(id: &str, name: &str, jurisdiction: &str) -> Factory {
    let mut value = bundle()["factory"].clone();
    value["id"] = id.into();
    value["name"] = name.into();
    value["jurisdiction"] = jurisdiction.into();
    value.as_object_mut().unwrap().remove("os_id");
    json::from_str(&value.to_string()).unwrap()
}

pub(crate) const LONG_NAME: &str = "Chattogram Export Processing Zone Knitwear, Denim & Composite Garments Manufacturing Industries (Unit 2) Limited";

/// An assessment answering every question that applies in the factory's
/// jurisdiction, except those of `skip_cluster` (left unassessed). About one
/// question in `one_in` is non-compliant, chosen by `seed`; zero-tolerance
/// questions are compliant unless `zero_tolerance` is set, in which case the
/// first one is not.
pub(crate) fn full_assessment(
    factory: &Factory,
    id: &str,
    cycle: u16,
    start: NaiveDate,
    seed: usize,
    one_in: usize,
    skip_cluster: Option<&str>,
    zero_tolerance: bool,
) -> Assessment {
    let mut fields = AssessmentFields::new(
        id.parse().unwrap(),
        factory.id,
        cycle,
        AssessmentKind::Unannounced,
        (start, start.succ_opt().unwrap()),
        "Garment CAT",
    );
    let jurisdiction: Jurisdiction = factory.jurisdiction;
    let mut zt_done = !zero_tolerance;
    for (i, q) in Question::for_jurisdiction(jurisdiction).enumerate() {
        let cluster = q.compliance_point().cluster().id();
        if skip_cluster == Some(cluster) {
            continue;
        }
        let outcome = if q.has_tag(Tag::ZeroTolerance) {
            if zt_done {
                Outcome::Compliant
            } else {
                zt_done = true;
                Outcome::NonCompliant
            }
        } else if (i * 7 + seed * 13).is_multiple_of(one_in) {
            Outcome::NonCompliant
        } else {
            Outcome::Compliant
        };
        let mut finding = Finding::new(q.id().parse().unwrap(), outcome);
        if outcome == Outcome::NonCompliant {
            finding.workers_affected = Some(u32::try_from(12 + (i * 37) % 400).unwrap());
        }
        fields.findings.push(finding);
    }
    Assessment::new(fields).unwrap()
}

// ---- The example bundle as it is ----

pub(crate) fn assessment_report() -> FactoryAssessmentReport {
    let factory: Factory = part("factory");
    let assessments: Vec<Assessment> = part("assessments");
    let committees: Vec<Committee> = part("committees");
    let scores = scored_all(&factory, &assessments);
    FactoryAssessmentReport::build(&factory, &scores[1], Some(&scores[0]), on())
        .unwrap()
        .with_committees(&factory, &committees)
}

/// An example bundle, read with the model's checks.
pub(crate) fn example(text: &str) -> decentwork_model::FactoryBundle {
    json::bundle_from_str(text).unwrap()
}

/// The evidence check of an example bundle on its report date.
pub(crate) fn evidence_report_of(text: &str) -> EvidenceReport {
    let bundle = example(text);
    let on = bundle.report_date();
    EvidenceReport::build(
        &bundle.factory,
        &check_evidence(
            EvidenceContext::for_factory(&bundle.factory, on),
            &bundle.workers,
        ),
        &check_committees(&bundle.factory, &bundle.committees, on),
        on,
    )
}

pub(crate) fn evidence_report() -> EvidenceReport {
    evidence_report_of(BUNDLE)
}

/// The latest assessment of the example with the findings derived from its
/// worker records merged in.
pub(crate) fn merged_assessment_report() -> FactoryAssessmentReport {
    let bundle = example(BUNDLE);
    let on = bundle.report_date();
    let evidence = check_evidence(
        EvidenceContext::for_factory(&bundle.factory, on),
        &bundle.workers,
    );
    let merged = merge_evidence(&bundle.assessments[1], &evidence).unwrap();
    FactoryAssessmentReport::build(
        &bundle.factory,
        &scored(&bundle.factory, &merged),
        Some(&scored(&bundle.factory, &bundle.assessments[0])),
        on,
    )
    .unwrap()
    .with_committees(&bundle.factory, &bundle.committees)
}

/// A factory whose jurisdiction the catalogue has no law for.
pub(crate) fn no_law_evidence_report() -> EvidenceReport {
    let mut bundle: serde_json::Value = bundle();
    bundle["factory"]["jurisdiction"] = "FR".into();
    bundle["factory"]["id"] = "FR-0001".into();
    bundle["factory"]["name"] = "Atelier Exemple".into();
    for key in [
        "committees",
        "assessments",
        "progress_reports",
        "advisory_visits",
        "initiatives",
        "sourcing",
        "training",
    ] {
        bundle[key] = serde_json::json!([]);
    }
    bundle["improvement_plan"]["factory"] = "FR-0001".into();
    bundle["factory"]["consents"] = serde_json::json!([]);
    evidence_report_of(&bundle.to_string())
}

pub(crate) fn progress_report() -> ProgressReportDocument {
    let factory: Factory = part("factory");
    let plan: ImprovementPlan = part("improvement_plan");
    let committees: Vec<Committee> = part("committees");
    let reports: Vec<ProgressReport> = part("progress_reports");
    ProgressReportDocument::build(&factory, &plan, &committees, &reports, on())
}

pub(crate) fn disclosure_report() -> PublicDisclosureReport {
    let factory: Factory = part("factory");
    let assessments: Vec<Assessment> = part("assessments");
    PublicDisclosureReport::build(&factory, &scored(&factory, &assessments[0]), on()).unwrap()
}

pub(crate) fn portfolio_report() -> BrandPortfolioReport {
    let factory: Factory = part("factory");
    let assessments: Vec<Assessment> = part("assessments");
    let brands: Vec<Brand> = part("brands");
    let scores = scored_all(&factory, &assessments);
    BrandPortfolioReport::build(&brands[0], &[(&factory, &scores)], on()).unwrap()
}

pub(crate) fn programme_summary() -> ProgrammeSummary {
    let factory: Factory = part("factory");
    let committees: Vec<Committee> = part("committees");
    let training: Vec<TrainingSession> = part("training");
    let brands: Vec<Brand> = part("brands");
    let sourcing: Vec<SourcingRelationship> = part("sourcing");
    let factories = [factory];
    ProgrammeSummary::build(
        Country::BD,
        ProgrammeData::new(&factories, &committees, &training, &brands, &sourcing),
        on(),
    )
}

pub(crate) fn synthesis_report() -> SynthesisReport {
    let mut population = Population::new();
    for a in part::<Vec<Assessment>>("assessments") {
        add(&mut population, &a, Country::BD);
    }
    let table = population.rates(
        PopulationRule::Latest {
            window: MonthWindow::new((2023, 1), (2024, 12)).ok(),
        },
        &[GroupBy::Country, GroupBy::Point],
        RateOptions::for_trends(),
    );
    SynthesisReport::from_table("Example synthesis", &table, on())
}

// ---- Realistic, full reports ----

/// A factory with a long name assessed on every question that applies in
/// Bangladesh twice, the second time with a zero-tolerance finding and the
/// forced-labour cluster left unassessed; none of the committees the law
/// requires is on record.
pub(crate) fn full_assessment_report() -> FactoryAssessmentReport {
    let f = factory("BD-0977", LONG_NAME, "BD");
    let before = full_assessment(&f, "BD-A-2023-201", 2, day(2023, 5, 8), 1, 11, None, false);
    let now = full_assessment(
        &f,
        "BD-A-2024-144",
        3,
        day(2024, 5, 14),
        2,
        17,
        Some("FL"),
        true,
    );
    FactoryAssessmentReport::build(&f, &scored(&f, &now), Some(&scored(&f, &before)), on())
        .unwrap()
        .with_committees(&f, &[])
}

/// The same factory's public disclosure of its full assessment.
pub(crate) fn full_disclosure_report() -> PublicDisclosureReport {
    let f = factory("BD-0977", LONG_NAME, "BD");
    let now = full_assessment(&f, "BD-A-2024-144", 3, day(2024, 5, 14), 2, 17, None, false);
    PublicDisclosureReport::build(&f, &scored(&f, &now), on()).unwrap()
}

fn portfolio_factories() -> Vec<(Factory, Vec<AssessmentScore>)> {
    let names = [
        ("BD-0412", "Meghna Apparels Ltd", "BD", 3, 23),
        ("BD-0977", LONG_NAME, "BD", 5, 17),
        ("BD-1203", "Padma Sweaters", "BD", 6, 9),
        (
            "VN-0088",
            "Saigon Precision Outerwear Company Limited",
            "VN",
            7,
            41,
        ),
        (
            "KH-0310",
            "Mekong Textile (Cambodia) Co., Ltd.",
            "KH",
            8,
            13,
        ),
    ];
    let mut out = Vec::new();
    for (n, (id, name, j, seed, one_in)) in names.into_iter().enumerate() {
        let f = factory(id, name, j);
        let a = full_assessment(
            &f,
            &format!("{id}-A-2024"),
            2,
            day(2024, 2 + u32::try_from(n).unwrap(), 12),
            seed,
            one_in,
            None,
            n == 2,
        );
        let score = scored(&f, &a);
        out.push((f, vec![score]));
    }
    // A factory with consent but no assessment yet.
    out.push((factory("BD-1500", "Jamuna Denim Mills", "BD"), Vec::new()));
    out
}

pub(crate) fn full_portfolio_report() -> BrandPortfolioReport {
    let brands: Vec<Brand> = part("brands");
    let factories = portfolio_factories();
    let with: Vec<(&Factory, &[AssessmentScore])> =
        factories.iter().map(|(f, s)| (f, s.as_slice())).collect();
    BrandPortfolioReport::build(&brands[0], &with, on()).unwrap()
}

fn synthesis_population() -> Population {
    let mut population = Population::new();
    let countries = [
        ("BD", Country::BD),
        ("VN", Country::VN),
        ("KH", Country::KH),
    ];
    for (c, (code, country)) in countries.into_iter().enumerate() {
        for k in 0..6_usize {
            let f = factory(&format!("{code}-{k:04}"), "Synthesis factory", code);
            for cycle in 1..=3_u16 {
                let a = full_assessment(
                    &f,
                    &format!("{code}-{k:04}-C{cycle}"),
                    cycle,
                    day(2021 + i32::from(cycle), 3, 1 + u32::try_from(k).unwrap()),
                    k * 3 + c,
                    9 + usize::from(cycle) * 6 + c * 4 + k,
                    None,
                    false,
                );
                add(&mut population, &a, country);
            }
        }
    }
    population
}

/// Rates per compliance point: one chart per cluster.
pub(crate) fn full_synthesis_report() -> SynthesisReport {
    let population = synthesis_population();
    let table = population.rates(
        PopulationRule::Latest {
            window: MonthWindow::new((2022, 1), (2024, 12)).ok(),
        },
        &[GroupBy::Point],
        RateOptions::for_trends(),
    );
    SynthesisReport::from_table("Garment industry compliance, 2022–2024", &table, on())
}

/// Rates per country, cycle and cluster: trends by cluster.
pub(crate) fn trend_synthesis_report() -> SynthesisReport {
    let population = synthesis_population();
    let table = population.rates(
        PopulationRule::All,
        &[GroupBy::Cluster, GroupBy::Country, GroupBy::Cycle],
        RateOptions::for_trends(),
    );
    SynthesisReport::from_table("Compliance by country and cycle", &table, on())
}

// ---- Empty states ----

/// An assessment with no finding.
pub(crate) fn empty_assessment_report() -> FactoryAssessmentReport {
    let f = factory("BD-0002", "Karnaphuli Fashions", "BD");
    let fields = AssessmentFields::new(
        "BD-A-EMPTY".parse().unwrap(),
        f.id,
        1,
        AssessmentKind::Unannounced,
        (day(2024, 4, 2), day(2024, 4, 3)),
        "Garment CAT",
    );
    let a = Assessment::new(fields).unwrap();
    FactoryAssessmentReport::build(&f, &scored(&f, &a), None, on()).unwrap()
}

pub(crate) fn empty_progress_report() -> ProgressReportDocument {
    let f = factory("BD-0002", "Karnaphuli Fashions", "BD");
    let plan: ImprovementPlan = json::from_str(r#"{ "factory": "BD-0002", "items": [] }"#).unwrap();
    ProgressReportDocument::build(&f, &plan, &[], &[], on())
}

pub(crate) fn empty_disclosure_report() -> PublicDisclosureReport {
    let f = factory("BD-0002", "Karnaphuli Fashions", "BD");
    let fields = AssessmentFields::new(
        "BD-A-EMPTY".parse().unwrap(),
        f.id,
        1,
        AssessmentKind::Unannounced,
        (day(2024, 4, 2), day(2024, 4, 3)),
        "Garment CAT",
    );
    let a = Assessment::new(fields).unwrap();
    PublicDisclosureReport::build(&f, &scored(&f, &a), on()).unwrap()
}

/// Haven Stores: consent withdrawn on 2024-02-01.
pub(crate) fn empty_portfolio_report() -> BrandPortfolioReport {
    let factory: Factory = part("factory");
    let assessments: Vec<Assessment> = part("assessments");
    let brands: Vec<Brand> = part("brands");
    let scores = scored_all(&factory, &assessments);
    BrandPortfolioReport::build(&brands[1], &[(&factory, &scores)], on()).unwrap()
}

pub(crate) fn empty_synthesis_report() -> SynthesisReport {
    let population = synthesis_population();
    let table = population.rates(
        PopulationRule::Cycle {
            cycle: 9,
            window: None,
        },
        &[GroupBy::Country, GroupBy::Point],
        RateOptions::for_trends(),
    );
    SynthesisReport::from_table("Cycle 9 (no assessment yet)", &table, on())
}

pub(crate) fn empty_programme_summary() -> ProgrammeSummary {
    ProgrammeSummary::build(
        Country::KH,
        ProgrammeData::new(&[], &[], &[], &[], &[]),
        on(),
    )
}

// ---- Hostile text in every printed field ----

pub(crate) fn hostile_assessment_report() -> FactoryAssessmentReport {
    let mut r = full_assessment_report();
    r.factory.name = HOSTILE.to_owned();
    r.factory.country = HOSTILE.to_owned();
    for c in &mut r.clusters {
        c.name = format!("{} {HOSTILE}", c.name);
        for p in &mut c.points {
            p.name = HOSTILE.to_owned();
            for q in &mut p.non_compliant {
                q.text = HOSTILE.to_owned();
                replace_all(&mut q.ilo);
            }
            replace_all(&mut p.legal_references);
        }
    }
    for a in &mut r.alerts {
        a.question.text = HOSTILE.to_owned();
        replace_all(&mut a.question.ilo);
        replace_all(&mut a.legal_references);
    }
    replace_all(&mut r.notes);
    if let Some(section) = &mut r.committee_requirements {
        hostile_committees(section);
    }
    r
}

fn hostile_committees(section: &mut decentwork_report::CommitteeSection) {
    for req in &mut section.requirements {
        req.threshold.legal_basis = HOSTILE.to_owned();
        replace_all(&mut req.committees);
        for rule in &mut req.rules {
            rule.observed = HOSTILE.to_owned();
        }
    }
}

pub(crate) fn hostile_evidence_report() -> EvidenceReport {
    let mut r = evidence_report();
    r.factory.name = HOSTILE.to_owned();
    for f in &mut r.findings {
        f.worker = HOSTILE.to_owned();
        for law in &mut f.law {
            law.legal_basis = HOSTILE.to_owned();
            law.source = HOSTILE.to_owned();
        }
    }
    for c in &mut r.checks {
        for n in &mut c.not_checked {
            n.reason = HOSTILE.to_owned();
        }
    }
    for l in &mut r.law {
        l.law.legal_basis = HOSTILE.to_owned();
        l.law.value = HOSTILE.to_owned();
    }
    hostile_committees(&mut r.committees);
    r
}

/// Every text of a list replaced by the hostile one (the list keeps its length,
/// so the report keeps its structure).
fn replace_all(texts: &mut [String]) {
    for t in texts {
        *t = HOSTILE.to_owned();
    }
}

pub(crate) fn hostile_progress_report() -> ProgressReportDocument {
    let mut r = progress_report();
    r.factory.name = HOSTILE.to_owned();
    for c in &mut r.committees {
        c.id = HOSTILE.to_owned();
    }
    for d in &mut r.social_dialogue {
        d.topic = HOSTILE.to_owned();
    }
    for (target, _) in &mut r.plan.open_by_target {
        *target = HOSTILE.to_owned();
    }
    r
}

/// A report read back from its JSON with `edit` applied: reports whose
/// fields cannot be changed after building take hostile text this way (the
/// checks on reading concern questions, consent and dates, not names).
fn edited<T: serde::Serialize + DeserializeOwned>(
    report: &T,
    edit: impl FnOnce(&mut serde_json::Value),
) -> T {
    let mut value = serde_json::to_value(report).unwrap();
    edit(&mut value);
    serde_json::from_value(value).unwrap()
}

pub(crate) fn hostile_disclosure_report() -> PublicDisclosureReport {
    edited(&full_disclosure_report(), |v| {
        v["factory_name"] = HOSTILE.into();
        v["country"] = HOSTILE.into();
        for i in v["items"].as_array_mut().unwrap() {
            i["question"]["text"] = HOSTILE.into();
        }
    })
}

pub(crate) fn hostile_portfolio_report() -> BrandPortfolioReport {
    edited(&full_portfolio_report(), |v| {
        v["brand_name"] = HOSTILE.into();
        for f in v["factories"].as_array_mut().unwrap() {
            f["factory"]["name"] = HOSTILE.into();
            f["factory"]["country"] = HOSTILE.into();
        }
    })
}

pub(crate) fn hostile_synthesis_report() -> SynthesisReport {
    let mut r = trend_synthesis_report();
    r.title = HOSTILE.to_owned();
    r.population.selection = HOSTILE.to_owned();
    for row in &mut r.rows {
        row.cluster = row.cluster.as_ref().map(|c| format!("{c} {HOSTILE}"));
        row.cp = row.cp.as_ref().map(|_| HOSTILE.to_owned());
    }
    r
}

/// Every example, by a file-name-safe name.
pub(crate) fn all() -> Vec<(&'static str, Box<dyn Render>)> {
    vec![
        ("factory-assessment", Box::new(assessment_report())),
        (
            "factory-assessment-full",
            Box::new(full_assessment_report()),
        ),
        (
            "factory-assessment-empty",
            Box::new(empty_assessment_report()),
        ),
        (
            "factory-assessment-hostile",
            Box::new(hostile_assessment_report()),
        ),
        (
            "factory-assessment-with-evidence",
            Box::new(merged_assessment_report()),
        ),
        ("evidence-check", Box::new(evidence_report())),
        (
            "evidence-check-viet-nam",
            Box::new(evidence_report_of(
                decentwork_model::examples::VIET_NAM_OUTERWEAR,
            )),
        ),
        (
            "evidence-check-indonesia",
            Box::new(evidence_report_of(
                decentwork_model::examples::INDONESIA_GARMENT,
            )),
        ),
        ("evidence-check-no-law", Box::new(no_law_evidence_report())),
        (
            "evidence-check-hostile",
            Box::new(hostile_evidence_report()),
        ),
        ("progress", Box::new(progress_report())),
        ("progress-empty", Box::new(empty_progress_report())),
        ("progress-hostile", Box::new(hostile_progress_report())),
        ("public-disclosure", Box::new(disclosure_report())),
        ("public-disclosure-full", Box::new(full_disclosure_report())),
        (
            "public-disclosure-empty",
            Box::new(empty_disclosure_report()),
        ),
        (
            "public-disclosure-hostile",
            Box::new(hostile_disclosure_report()),
        ),
        ("brand-portfolio", Box::new(portfolio_report())),
        ("brand-portfolio-full", Box::new(full_portfolio_report())),
        ("brand-portfolio-empty", Box::new(empty_portfolio_report())),
        (
            "brand-portfolio-hostile",
            Box::new(hostile_portfolio_report()),
        ),
        ("industry-synthesis", Box::new(synthesis_report())),
        ("industry-synthesis-full", Box::new(full_synthesis_report())),
        (
            "industry-synthesis-trend",
            Box::new(trend_synthesis_report()),
        ),
        (
            "industry-synthesis-empty",
            Box::new(empty_synthesis_report()),
        ),
        (
            "industry-synthesis-hostile",
            Box::new(hostile_synthesis_report()),
        ),
        ("programme-summary", Box::new(programme_summary())),
        (
            "programme-summary-empty",
            Box::new(empty_programme_summary()),
        ),
    ]
}
