//! The export reader's speed (divan): rows per second and bytes per second.
//! `cargo bench -p decentwork-io --bench export`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    reason = "benchmark setup"
)]

use std::fmt::Write as _;

use decentwork_catalogue::{Question, QuestionKind, Tag};
use decentwork_io::{ExportImport, ImportOptions};
use decentwork_scoring::Population;

fn main() {
    divan::main();
}

/// A synthetic export of `assessments` assessments of all catalogue questions.
fn export(assessments: usize) -> String {
    let mut out = String::from(
        "Country,Cluster,CP,Q.Label,Question.ID,Question.type,Finding,Tags,Quest.ID,Factory.Assessed.ID,Factory.Assessed.Name,Assesment.Start.Date,Cycle,TQ.Name\n",
    );
    for a in 0..assessments {
        for (i, q) in Question::all().enumerate() {
            let point = q.compliance_point();
            let fact = q.kind() == QuestionKind::FactGathering;
            let _ = writeln!(
                out,
                "Vietnam,{},\"{}\",\"{}\",{},{},{},{},{},{},Factory {},14/03/2024,{},Garment CAT",
                point.cluster().name(),
                point.name(),
                q.template(),
                q.id(),
                if fact { "FGW" } else { "NCQ" },
                if fact {
                    ""
                } else if (a + i) % 7 == 0 {
                    "1"
                } else {
                    "0"
                },
                if q.has_tag(Tag::PublicDisclosure) {
                    "Public Disclosure"
                } else {
                    ""
                },
                100_000 + a,
                a / 2,
                a / 2,
                a % 2 + 1,
            );
        }
    }
    out
}

#[divan::bench(args = [1_000], sample_count = 10)]
fn read_into_population(bencher: divan::Bencher, assessments: usize) {
    let text = export(assessments);
    let rows = text.lines().count() - 1;
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .counter(divan::counter::ItemsCount::new(rows))
        .bench(|| {
            let mut p = Population::new();
            ExportImport::new("bench.csv", ImportOptions::default())
                .read_borrowed(text.as_bytes(), |row| p.add(&row.finding_record()))
                .unwrap();
            p
        });
}

#[divan::bench(args = [1_000], sample_count = 10)]
fn read_into_population_two_threads(bencher: divan::Bencher, assessments: usize) {
    let text = export(assessments);
    let rows = text.lines().count() - 1;
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .counter(divan::counter::ItemsCount::new(rows))
        .bench(|| {
            let mut p = Population::new();
            ExportImport::new("bench.csv", ImportOptions::default())
                .read_borrowed_parallel(text.as_bytes(), |row| p.add(&row.finding_record()))
                .unwrap();
            p
        });
}

#[divan::bench(args = [1_000], sample_count = 10)]
fn csv_parse_only(bencher: divan::Bencher, assessments: usize) {
    let text = export(assessments);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
            let mut record = csv::ByteRecord::new();
            let mut n = 0_usize;
            while reader.read_byte_record(&mut record).unwrap() {
                n += record.len();
            }
            n
        });
}
