//! A population fed batches is the population fed the same observations one
//! by one: generated observations with repeats, conflicts, fact-gathering
//! rows, assessments given with another factory, day or cycle, unknown
//! labels and question texts given late, cut into batches anywhere.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use std::fmt::Write as _;

use chrono::NaiveDate;
use decentwork_catalogue::{Cluster, Question};
use decentwork_model::Country;
use decentwork_scoring::{
    AssessmentInfo, GroupBy, Labelled, Observation, ObservationBatch, Observed, Population,
    PopulationRule, RateOptions,
};
use proptest::prelude::*;

/// One observation's choices, each from a small set so that they repeat.
type Choices = ((u8, u8, u8, u8, u8, bool), (u8, u8, u8, u8, bool, u8), u8);

fn choices() -> impl Strategy<Value = Choices> {
    (
        (0_u8..4, 0_u8..3, 0_u8..3, 1_u8..4, 0_u8..3, any::<bool>()),
        (0_u8..2, 0_u8..3, 0_u8..5, 0_u8..3, any::<bool>(), 0_u8..3),
        0_u8..2,
    )
}

/// The observation `choices` describe; its texts are 'static.
fn observation(c: &Choices) -> Observation<'static> {
    let (
        (assessment, factory, day, cycle, country, obsolete),
        (cluster, point, question, text, public, observed),
        name,
    ) = *c;
    let known = Question::from_id("WT.OVERTIME.02").unwrap();
    let ids = ["A1", "A2", "A3", "A4"];
    let factories = ["F1", "F2", "F3"];
    let mut info = AssessmentInfo::new(
        ids[usize::from(assessment)].parse().unwrap(),
        factories[usize::from(factory)].parse().unwrap(),
        NaiveDate::from_ymd_opt(2024, 1, 1 + u32::from(day)).unwrap(),
        u16::from(cycle),
    );
    info.obsolete = obsolete;
    info.country = match country {
        0 => Labelled::known(Country::VN),
        1 => Labelled::unknown("Vietnam (North)"),
        _ => Labelled::unknown(""),
    };
    info.factory_name = ["Factory one", "Factory one (Obsolete)"][usize::from(name)];
    info.tool = ["CAT 2019", "CAT 2023"][usize::from(name)];
    let cluster = if cluster == 0 {
        Labelled::known(known.compliance_point().cluster())
    } else {
        Labelled::<Cluster>::unknown("Systems")
    };
    let point = match point {
        0 => Labelled::known(known.compliance_point()),
        1 => Labelled::unknown("Overtime (old)"),
        _ => Labelled::unknown("Welfare"),
    };
    let question = match question {
        0 => Labelled::known(known),
        1 => Labelled::unknown("101"),
        2 => Labelled::unknown("102"),
        3 => Labelled::unknown("103"),
        _ => Labelled::unknown(known.id()),
    };
    let observed = match observed {
        0 => Observed::Compliant,
        1 => Observed::NonCompliant,
        _ => Observed::FactGathering,
    };
    let mut o = Observation::new(info, (cluster, point), question, observed);
    o.question_text = ["", "Were overtime hours paid?", "Other text"][usize::from(text)];
    o.public = public;
    o
}

/// Everything a population tells its caller.
fn outputs(p: &Population) -> String {
    let mut out = format!("{:?}\n{:?}\n{}\n", p.notes(), p.start_range(), p.len());
    let harmonised = RateOptions::harmonised();
    for rule in [
        PopulationRule::All,
        PopulationRule::Latest { window: None },
        PopulationRule::Panel {
            cycles: 2,
            window: None,
        },
    ] {
        for options in [RateOptions::default(), harmonised] {
            for by in [
                &[
                    GroupBy::Country,
                    GroupBy::Cycle,
                    GroupBy::Cluster,
                    GroupBy::Point,
                ][..],
                &[GroupBy::Cluster],
                &[],
            ] {
                writeln!(out, "{:?}", p.rates(rule, by, options)).unwrap();
            }
            writeln!(out, "{:?}", p.question_rates(rule, options)).unwrap();
            writeln!(
                out,
                "{:?}",
                p.point_records(rule, options).collect::<Vec<_>>()
            )
            .unwrap();
            writeln!(
                out,
                "{:?}",
                p.assessment_rates(rule, options).collect::<Vec<_>>()
            )
            .unwrap();
            writeln!(out, "{:?}", p.selected(rule, options)).unwrap();
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Batches cut anywhere, some observations added one by one between
    /// them: the same population as adding each in turn.
    #[test]
    fn batches_equal_one_by_one(
        rows in prop::collection::vec(choices(), 0..60),
        cuts in prop::collection::vec((0_usize..60, any::<bool>()), 0..8),
    ) {
        let observations: Vec<Observation<'static>> = rows.iter().map(observation).collect();
        let mut one_by_one = Population::new();
        for o in &observations {
            one_by_one.add(o);
        }
        let mut cuts: Vec<(usize, bool)> = cuts.into_iter().map(|(at, single)| (at.min(observations.len()), single)).collect();
        cuts.sort_unstable();
        let mut batched = Population::new();
        let mut from = 0;
        for (to, single) in cuts.into_iter().chain([(observations.len(), false)]) {
            let part = &observations[from..to.max(from)];
            if single {
                for o in part {
                    batched.add(o);
                }
            } else {
                let mut batch = ObservationBatch::new();
                for (i, o) in part.iter().enumerate() {
                    // Every other observation by the batch's handles for
                    // its assessment and point.
                    if i % 2 == 0 {
                        batch.push(o);
                    } else {
                        let at = (batch.assessment(&o.assessment), batch.point(o.cluster, o.point));
                        batch
                            .push_at(at, o.question, (o.question_text, o.public), o.observed)
                            .unwrap();
                    }
                }
                prop_assert_eq!(batch.len(), part.len());
                batched.add_batch(&batch);
            }
            from = to.max(from);
        }
        prop_assert_eq!(outputs(&batched), outputs(&one_by_one));
    }
}

/// The test above can fail: a population that differs in one observation
/// gives other outputs.
#[test]
fn outputs_see_one_observation() {
    let a = observation(&((0, 0, 0, 1, 0, false), (0, 0, 1, 1, false, 0), 0));
    let b = observation(&((0, 0, 0, 1, 0, false), (0, 0, 1, 1, false, 1), 0));
    let (mut pa, mut pb) = (Population::new(), Population::new());
    pa.add(&a);
    pb.add(&b);
    assert_ne!(outputs(&pa), outputs(&pb));
}

/// Handles from another batch are refused, and nothing is kept: handles
/// whose numbers this batch does not have, handles whose numbers it has, and
/// the handles of the batch a copy was made from.
#[test]
fn handles_from_another_batch_are_refused() {
    let o = observation(&((0, 0, 0, 1, 0, false), (0, 0, 1, 1, false, 0), 0));
    let other_info = observation(&((1, 0, 0, 1, 0, false), (0, 0, 1, 1, false, 0), 0)).assessment;
    let mut other = ObservationBatch::new();
    other.push(&o);
    let _ = other.assessment(&other_info);
    let beyond = (
        other.assessment(&o.assessment),
        other.point(o.cluster, o.point),
    );
    let mut batch = ObservationBatch::new();
    batch.push(&o);
    let refused = batch.push_at(beyond, o.question, ("", false), Observed::NonCompliant);
    assert_eq!(
        refused.unwrap_err().to_string(),
        "batch handles from another batch: assessment 2, point 0"
    );
    // Numbers this batch has too (assessment 0, point 0), from elsewhere.
    let mut third = ObservationBatch::new();
    let within = (
        third.assessment(&other_info),
        third.point(o.cluster, o.point),
    );
    assert!(
        batch
            .push_at(within, o.question, ("", false), Observed::NonCompliant)
            .is_err()
    );
    // A copy is a batch of its own.
    let own = (
        batch.assessment(&o.assessment),
        batch.point(o.cluster, o.point),
    );
    let mut copy = batch.clone();
    assert!(
        copy.push_at(own, o.question, ("", false), Observed::NonCompliant)
            .is_err()
    );
    assert_eq!((batch.len(), copy.len()), (1, 1));
    batch
        .push_at(own, o.question, ("", false), Observed::NonCompliant)
        .unwrap();
    assert_eq!(batch.len(), 2);
}
