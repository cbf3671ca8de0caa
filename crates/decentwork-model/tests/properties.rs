//! Properties of the model's helpers, over values from the crate's own strategies.
#![cfg(feature = "proptest")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use decentwork_model::strategies::{self, date};
use decentwork_model::{
    Assessment, Brand, Committee, ConsentScope, Factory, ImprovementPlan, OsId, Period,
    ProgressReport, QuestionId, Ratio, Side, WorkerRecord, Workforce,
};
use proptest::prelude::*;

proptest! {
    /// Values the strategies produce pass the checks again when rebuilt from
    /// their fields: the strategies never hand out something the API refuses.
    #[test]
    fn strategies_yield_checked_values(
        f in any::<Factory>(), c in any::<Committee>(), a in any::<Assessment>(), b in any::<Brand>(),
        w in any::<WorkerRecord>(), p in any::<ImprovementPlan>(), r in any::<ProgressReport>(), wf in any::<Workforce>(),
    ) {
        prop_assert_eq!(Factory::new(f.clone().into_fields()), Ok(f));
        prop_assert_eq!(Committee::new(c.clone().into_fields()), Ok(c));
        prop_assert_eq!(Assessment::new(a.clone().into_fields()), Ok(a));
        prop_assert_eq!(Brand::new(b.clone().into_fields()), Ok(b));
        prop_assert_eq!(WorkerRecord::new(w.clone().into_fields()), Ok(w));
        prop_assert_eq!(ImprovementPlan::new(p.clone().into_fields()), Ok(p));
        prop_assert_eq!(ProgressReport::new(r.clone().into_fields()), Ok(r));
        prop_assert_eq!(Workforce::new(wf.clone().into_fields()), Ok(wf));
    }

    #[test]
    fn committee_counts_agree(c in any::<Committee>(), on in date()) {
        let seated = c.members_on(on).count() as u64;
        let by_side = c.seats_by_sex(Side::Workers, on).total() + c.seats_by_sex(Side::Management, on).total();
        prop_assert_eq!(seated, by_side);
        if let Some(share) = c.worker_side_share(on) {
            prop_assert_eq!(share.whole(), seated);
            prop_assert!(share.to_decimal(6) <= rust_decimal::Decimal::ONE);
        } else {
            prop_assert_eq!(seated, 0);
        }
        if let Some(chair) = c.chair_on(on) {
            prop_assert!(chair.period.contains(on), "the chair is a member that day");
        }
        if let Some(women) = c.women_share_of_worker_seats(on) {
            prop_assert_eq!(women.whole(), c.seats_by_sex(Side::Workers, on).total());
        }
    }

    #[test]
    fn factory_status_and_consent(f in any::<Factory>(), on in date()) {
        prop_assert_eq!(f.status_on(on).is_none(), on < f.enrolled_on);
        for consent in f.consents() {
            prop_assert_eq!(consent.factory(), f.id);
            for scope in [ConsentScope::AssessmentReports, ConsentScope::ProgressReports, ConsentScope::AllReports] {
                let found = f.consent_for(consent.brand(), scope, on);
                if consent.allows(scope, on) {
                    prop_assert_eq!(found, Some(consent));
                }
                if let Some(found) = found {
                    prop_assert!(found.allows(scope, on));
                }
            }
        }
        if let Some(w) = f.workforce_on(on) {
            prop_assert!(w.on <= on);
        }
    }

    #[test]
    fn grant_then_withdraw(f in any::<Factory>(), brand in any::<decentwork_model::BrandId>(), on in date(), days in 0_u64..500) {
        let mut f = f;
        let before = f.consents().count();
        if f.grant_consent(brand, ConsentScope::AllReports, on).is_ok() {
            prop_assert_eq!(f.consents().count(), before + 1);
            prop_assert!(f.consent_for(brand, ConsentScope::ProgressReports, on).is_some());
            let later = on + chrono::Days::new(days);
            let withdrawn = f.withdraw_consent(brand, ConsentScope::AllReports, later).unwrap();
            prop_assert!(!withdrawn.allows(ConsentScope::AllReports, later));
            prop_assert!(f.consent_for(brand, ConsentScope::AllReports, later).is_none());
            prop_assert_eq!(Factory::new(f.clone().into_fields()), Ok(f));
        } else {
            prop_assert_eq!(f.consents().count(), before);
        }
    }

    #[test]
    fn workforce_shares_add_up(w in any::<Workforce>()) {
        let parts = u64::from(w.by_sex.women) + u64::from(w.by_sex.men) + u64::from(w.by_sex.other);
        prop_assert_eq!(parts, u64::from(w.total));
        if let (Some(women), Some(men)) = (w.women_share(), w.men_share()) {
            prop_assert!(women.part() + men.part() <= women.whole());
        }
    }

    #[test]
    fn ratio_rounding(part in 0_u64..10_000, extra in 0_u64..10_000, dp in 0_u32..6) {
        let r = Ratio::new(part, part + extra + 1).unwrap();
        let d = r.to_decimal(dp + 2);
        prop_assert!(d >= rust_decimal::Decimal::ZERO && d <= rust_decimal::Decimal::ONE);
        prop_assert_eq!(r.percent(dp), (d * rust_decimal::Decimal::ONE_HUNDRED).normalize());
    }

    #[test]
    fn period_relations(a in any::<Period>(), b in any::<Period>(), on in date()) {
        prop_assert_eq!(a.overlaps(b), b.overlaps(a));
        if a.contains(on) && b.contains(on) {
            prop_assert!(a.overlaps(b));
        }
        if a.encloses(b) && b.contains(on) {
            prop_assert!(a.contains(on));
        }
    }

    #[test]
    fn repeated_questions_are_exactly_the_repeats(a in any::<Assessment>()) {
        let repeated = a.repeated_questions();
        let count = |q: QuestionId| a.findings.iter().filter(|f| f.question == q).count();
        for q in &repeated {
            prop_assert!(count(*q) > 1);
        }
        for f in &a.findings {
            prop_assert_eq!(repeated.contains(&f.question), count(f.question) > 1);
        }
    }

    #[test]
    fn age_answers_agree(w in any::<WorkerRecord>(), on in date(), years in 10_u8..25) {
        match (w.age_range_on(on), w.is_under(years, on)) {
            (None, answer) => prop_assert_eq!(answer, None),
            (Some((min, max)), Some(true)) => prop_assert!(min <= max && max < years),
            (Some((min, max)), Some(false)) => prop_assert!(min <= max && min >= years),
            (Some((min, max)), None) => prop_assert!(min < years && years <= max),
        }
    }

    #[test]
    fn os_id_forms(id in any::<OsId>()) {
        let text = id.to_string();
        prop_assert_eq!(OsId::new(&text), Ok(id));
        let loose = format!("{}-{} {}", &text[..2].to_lowercase(), &text[2..9], &text[9..]);
        prop_assert_eq!(OsId::parse_lax(&loose), Ok(id));
    }

    #[test]
    fn identifiers_order_like_their_text(a in strategies::factory_id(), b in strategies::factory_id()) {
        prop_assert_eq!(a.cmp(&b), a.as_str().cmp(b.as_str()));
        prop_assert_eq!(a.to_string().parse::<decentwork_model::FactoryId>(), Ok(a));
    }
}
