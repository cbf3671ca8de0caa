//! Scoring benchmarks (divan): `cargo bench -p decentwork-scoring`.
//!
//! Targets (issue: decentwork-scoring): one assessment of 250 findings scored in
//! under 2 µs; compliance-point rates over 1 M assessments in under 0.5 s on one core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs,
    reason = "benchmark setup"
)]

use chrono::NaiveDate;
use decentwork_catalogue::Question;
use decentwork_model::{Assessment, AssessmentFields, AssessmentKind, Country, Finding, Outcome};
use decentwork_scoring::{
    AssessmentInfo, DenseAssessment, GroupBy, MonthWindow, Population, PopulationRule, RateOptions,
    ScoreOptions, score_assessment,
};

fn main() {
    divan::main();
}

/// A deterministic pseudo-random sequence (xorshift), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// An assessment with `n` findings on distinct catalogue questions, about 15 %
/// non-compliant.
fn assessment(n: usize, seed: u64) -> Assessment {
    let mut rng = Rng(seed | 1);
    let day = NaiveDate::from_ymd_opt(2024, 3, 4).unwrap();
    let mut fields = AssessmentFields::new(
        "A1".parse().unwrap(),
        "F1".parse().unwrap(),
        1,
        AssessmentKind::Unannounced,
        (day, day),
        "Garment CAT",
    );
    fields.findings = Question::all()
        .take(n)
        .map(|q| {
            let outcome = match rng.next() % 100 {
                0..15 => Outcome::NonCompliant,
                15..20 => Outcome::NotApplicable,
                _ => Outcome::Compliant,
            };
            Finding::new(q.id().parse().unwrap(), outcome)
        })
        .collect();
    Assessment::new(fields).unwrap()
}

#[divan::bench]
fn score_250_full(bencher: divan::Bencher) {
    let a = assessment(250, 7);
    bencher.bench(|| score_assessment(divan::black_box(&a), ScoreOptions::default()));
}

#[divan::bench]
fn resolve_250(bencher: divan::Bencher) {
    let a = assessment(250, 7);
    bencher.bench(|| DenseAssessment::from_assessment(divan::black_box(&a)));
}

#[divan::bench]
fn score_250_dense(bencher: divan::Bencher) {
    let dense = DenseAssessment::from_assessment(&assessment(250, 7));
    bencher.bench(|| divan::black_box(&dense).point_bits());
}

/// A population of `n` assessments (factories with up to 4 cycles), built from
/// the point bits of a few hundred distinct scored assessments.
fn population(n: usize) -> Population {
    let templates: Vec<_> = (0..256)
        .map(|s| DenseAssessment::from_assessment(&assessment(250, s + 1)).point_bits())
        .collect();
    let mut rng = Rng(99);
    let mut p = Population::new();
    let countries = [
        Country::BD,
        Country::KH,
        Country::VN,
        Country::ID,
        Country::JO,
    ];
    for i in 0..n {
        let factory = i / 4;
        let cycle = u16::try_from(i % 4 + 1).unwrap();
        let start = NaiveDate::from_ymd_opt(
            2020 + i32::from(cycle),
            1 + u32::try_from(rng.next() % 12).unwrap(),
            1,
        )
        .unwrap();
        let info = AssessmentInfo::new(
            format!("A{i}").parse().unwrap(),
            format!("F{factory}").parse().unwrap(),
            start,
            cycle,
        )
        .in_country(countries[factory % countries.len()]);
        let bits = &templates[usize::try_from(rng.next() % 256).unwrap()];
        p.add_points(info, bits);
    }
    p
}

#[divan::bench(args = [100_000, 1_000_000], sample_count = 5, sample_size = 1)]
fn cp_rates_latest_by_country_cluster_point(bencher: divan::Bencher, n: usize) {
    let p = population(n);
    let window = MonthWindow::new((2021, 1), (2024, 12)).ok();
    bencher.bench(|| {
        p.rates(
            PopulationRule::Latest { window },
            &[GroupBy::Country, GroupBy::Cluster, GroupBy::Point],
            RateOptions::default(),
        )
    });
}

#[divan::bench(args = [1_000_000], sample_count = 5, sample_size = 1)]
fn cp_rates_all_by_point(bencher: divan::Bencher, n: usize) {
    let p = population(n);
    bencher.bench(|| {
        p.rates(
            PopulationRule::All,
            &[GroupBy::Point],
            RateOptions::default(),
        )
    });
}
