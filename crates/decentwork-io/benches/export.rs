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
use decentwork_io::{ExportImport, ImportOptions, ReadMode};
use decentwork_scoring::{ObservationBatch, Population};

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

/// Reads an export of `assessments` assessments into a population: on every
/// core or on this thread, with the fast and exact readers or the exact one
/// alone.
fn read(bencher: divan::Bencher, assessments: usize, all_cores: bool, mode: ReadMode) {
    let text = export(assessments);
    let rows = text.lines().count() - 1;
    let import =
        ExportImport::new("bench.csv", ImportOptions::default()).with_blocks(1 << 20, mode);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .counter(divan::counter::ItemsCount::new(rows))
        .bench(|| {
            let mut p = Population::new();
            let add = |row: &decentwork_io::ExportRowRef<'_>| p.add(&row.observation());
            if all_cores {
                import.read_borrowed_parallel(text.as_bytes(), add)
            } else {
                import.read_borrowed(text.as_bytes(), add)
            }
            .unwrap();
            p
        });
}

#[divan::bench(args = [1_000], sample_count = 10)]
fn read_into_population(bencher: divan::Bencher, assessments: usize) {
    read(bencher, assessments, false, ReadMode::Auto);
}

#[divan::bench(args = [1_000], sample_count = 10)]
fn read_into_population_all_cores(bencher: divan::Bencher, assessments: usize) {
    read(bencher, assessments, true, ReadMode::Auto);
}

/// The population a read of the export builds, counted in bytes and rows.
fn population(
    bencher: divan::Bencher,
    assessments: usize,
    read: impl Fn(&ExportImport, &[u8], &mut Population) + Sync,
) {
    let text = export(assessments);
    let rows = text.lines().count() - 1;
    let import = ExportImport::new("bench.csv", ImportOptions::default());
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .counter(divan::counter::ItemsCount::new(rows))
        .bench(|| {
            let mut p = Population::new();
            read(&import, text.as_bytes(), &mut p);
            p
        });
}

/// Reads on every core, each block's rows gathered into a population's
/// batch on the thread that read it.
#[divan::bench(args = [1_000], sample_count = 10)]
fn read_into_population_batched(bencher: divan::Bencher, assessments: usize) {
    population(bencher, assessments, |import, text, p| {
        import
            .read_batched(
                text,
                ObservationBatch::new,
                |batch, row| batch.push(&row.observation()),
                |batch| p.add_batch(&batch),
            )
            .unwrap();
    });
}

/// The same, the reader telling each batch which rows repeat the last
/// row's assessment and labels (what `decentwork rates` does).
#[divan::bench(args = [1_000], sample_count = 10)]
fn read_into_population_observations(bencher: divan::Bencher, assessments: usize) {
    population(bencher, assessments, |import, text, p| {
        import
            .read_observations(text, |batch| p.add_batch(&batch))
            .unwrap();
    });
}

#[divan::bench(args = [1_000], sample_count = 10)]
fn read_into_population_exact_reader_only(bencher: divan::Bencher, assessments: usize) {
    read(bencher, assessments, false, ReadMode::ExactOnly);
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
