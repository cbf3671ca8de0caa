//! `cargo xtask gen-export --factories N --seed S [--out PATH]`: a synthetic
//! Better Work long-format export for examples, tests and benchmarks.
//!
//! Realistic in shape, invented in content: about 250 catalogue questions per
//! assessment (non-compliance and fact-gathering), non-compliance rates that
//! differ by question and fall over cycles, public-disclosure tags from the
//! catalogue, a few obsolete factories, five countries, cycles a year apart.
//! Deterministic for a given seed.

use std::io::Write;

use chrono::{Days, NaiveDate};
use decentwork_catalogue::{ClusterGroup, Question, QuestionKind, Tag};
use decentwork_model::Jurisdiction;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const COUNTRIES: [(&str, &str); 5] = [
    ("Bangladesh", "BD"),
    ("Cambodia", "KH"),
    ("Vietnam", "VN"),
    ("Indonesia", "ID"),
    ("Jordan", "JO"),
];

/// Quotes a field when needed.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

pub(crate) fn run(args: &[&str]) -> Result<(), String> {
    let mut factories = 100_u64;
    let mut seed = 1_u64;
    let mut out: Option<String> = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let value = it.next().ok_or_else(|| format!("{arg} needs a value"))?;
        match *arg {
            "--factories" => {
                factories = value
                    .parse()
                    .map_err(|e| format!("--factories {value}: {e}"))?;
            }
            "--seed" => seed = value.parse().map_err(|e| format!("--seed {value}: {e}"))?,
            "--out" => out = Some((*value).to_owned()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    let sink: Box<dyn Write> = match &out {
        Some(path) => Box::new(std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = std::io::BufWriter::new(sink);
    write(&mut w, factories, seed).map_err(|e| e.to_string())?;
    w.flush().map_err(|e| e.to_string())
}

fn write(w: &mut impl Write, factories: u64, seed: u64) -> std::io::Result<()> {
    let questions: Vec<Question> = Question::all()
        .enumerate()
        .filter(|(i, q)| q.kind() == QuestionKind::FactGathering || i % 4 != 3)
        .map(|(_, q)| q)
        .collect();
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    // Each question's base non-compliance rate, per mille: rare for the core
    // labour standards (0.2 % to 3 %), common for working conditions (2 % to 30 %).
    let base: Vec<u64> = questions
        .iter()
        .map(|q| match q.compliance_point().cluster().group() {
            ClusterGroup::CoreLabourStandards => 2 + rng.below(28),
            _ => 20 + rng.below(280),
        })
        .collect();
    writeln!(
        w,
        "Country,Cluster,CP,Q.Label,Question.ID,Question.type,Finding,Tags,Quest.ID,Factory.Assessed.ID,Factory.Assessed.Name,Assesment.Start.Date,Cycle,TQ.Name"
    )?;
    let mut quest = 100_000_u64;
    let first_day = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
    for f in 0..factories {
        let (country, code) = COUNTRIES
            .get(usize::try_from(f % 5).unwrap_or(0))
            .copied()
            .unwrap_or(("Bangladesh", "BD"));
        let jurisdiction: Jurisdiction = code.parse().map_err(std::io::Error::other)?;
        let id = 10_000 + f;
        let name = if f % 20 == 19 {
            format!("Synthetic Garment {f} (Obsolete)")
        } else {
            format!("Synthetic Garment {f}")
        };
        let cycles = 1 + rng.below(4);
        let mut start = first_day
            .checked_add_days(Days::new(rng.below(3 * 365)))
            .unwrap_or(first_day);
        for cycle in 1..=cycles {
            quest += 1;
            let tool = if start.format("%Y").to_string().as_str() < "2022" {
                "Garment CAT"
            } else {
                "Garment CAT V2"
            };
            let date = start.format("%d/%m/%Y").to_string();
            // Rates fall over cycles: 100 %, 80 %, 65 %, 55 % of the base.
            let factor = [100, 80, 65, 55]
                .get(usize::try_from(cycle - 1).unwrap_or(0))
                .copied()
                .unwrap_or(55);
            for (q, rate) in questions.iter().zip(&base) {
                let point = q.compliance_point();
                let (kind, finding) = if q.kind() == QuestionKind::FactGathering {
                    ("FGW", String::new())
                } else {
                    let nc = rng.below(100_000) < rate * factor;
                    ("NCQ", if nc { "1".to_owned() } else { "0".to_owned() })
                };
                writeln!(
                    w,
                    "{country},{},{},{},{},{kind},{finding},{},{quest},{id},{},{date},{cycle},{tool}",
                    field(point.cluster().name()),
                    field(point.name()),
                    field(&q.render_lax(jurisdiction, start)),
                    q.id(),
                    if q.has_tag(Tag::PublicDisclosure) {
                        "Public Disclosure"
                    } else {
                        ""
                    },
                    field(&name),
                )?;
            }
            start = start
                .checked_add_days(Days::new(330 + rng.below(70)))
                .unwrap_or(start);
        }
    }
    Ok(())
}
