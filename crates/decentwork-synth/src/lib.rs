//! Synthetic Better Work long-format exports for examples, tests and
//! benchmarks (`cargo xtask gen-export --factories N --seed S [--awkward]`
//! writes one to a file). Unpublished: a tool of this repository.
//!
//! ```
//! let mut csv = Vec::new();
//! decentwork_synth::write_export(&mut csv, 2, 7, false)?;
//! let text = String::from_utf8(csv).unwrap();
//! assert!(text.starts_with("Country,Cluster,CP,Q.Label,Question.ID"));
//! assert!(text.lines().count() > 200);
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! Realistic in shape, invented in content: about 250 catalogue questions per
//! assessment (non-compliance and fact-gathering), non-compliance rates that
//! differ by question and fall over cycles, public-disclosure tags from the
//! catalogue, a few obsolete factories, five countries, cycles a year apart.
//! Deterministic for a given seed.
//!
//! `awkward` adds what real exports hold and population rules must survive
//! (see `Awkward` in the source): skipped and repeated cycle numbers, two assessments of a
//! factory on one day, exact and conflicting duplicate rows, the legacy labels
//! "Systems", "Hazardous Work" and "Viet Nam", and dates on the first and last
//! day of a month. Its choices come from a second generator, so the default
//! output for a seed stays what it was.

use std::io::Write;

use chrono::{Datelike, Days, Months, NaiveDate};
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

/// What `awkward` does to one factory, drawn from the second generator.
///
/// Per factory, one of ten equally likely shapes: its cycle numbers skip one
/// (1, 3, 4…); it has a second assessment in cycle 2, weeks after the first;
/// its last assessment is entered twice, on the same day with the same cycle
/// (a new assessment ID); its dates fall on the first day of their month; on
/// the last day; or nothing of this (the other five). Independently: a third
/// of the factories wrote the Occupational Safety and Health cluster as
/// "Systems" before 2021; a quarter wrote the point "Hazardous Work and other
/// Worst Forms" as "Hazardous Work" while the tool was "Garment CAT"; half
/// the assessments in Viet Nam write the country "Viet Nam" (the others
/// "Vietnam"). Each non-compliance row is written twice alike with
/// probability 5 in 1000, and followed by a copy with the opposite finding
/// with probability 3 in 1000. Obsolete factories are there by default.
#[derive(Clone, Copy, Default)]
struct Awkward {
    shape: Shape,
    systems: bool,
    hazardous_work: bool,
}

/// How a factory's assessments are numbered and dated.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Shape {
    #[default]
    Plain,
    SkipCycle,
    RepeatCycleTwo,
    SameDayTwice,
    FirstOfMonth,
    LastOfMonth,
}

impl Awkward {
    fn draw(odd: &mut Rng) -> Awkward {
        let shape = match odd.below(10) {
            0 => Shape::SkipCycle,
            1 => Shape::RepeatCycleTwo,
            2 => Shape::SameDayTwice,
            3 => Shape::FirstOfMonth,
            4 => Shape::LastOfMonth,
            _ => Shape::Plain,
        };
        Awkward {
            shape,
            systems: odd.below(3) == 0,
            hazardous_work: odd.below(4) == 0,
        }
    }
}

/// The last day of `date`'s month.
fn last_of_month(date: NaiveDate) -> NaiveDate {
    let first = date.with_day(1).unwrap_or(date);
    first
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(date)
}

/// One factory as the generator writes it.
struct Factory<'a> {
    country: &'a str,
    jurisdiction: Jurisdiction,
    id: u64,
    name: String,
    shape: Awkward,
}

/// Everything that stays the same across factories.
struct Generator<'a> {
    questions: &'a [Question],
    base: &'a [u64],
    rng: Rng,
    /// The second generator, for `--awkward`; `None` writes the default export.
    odd: Option<Rng>,
    quest: u64,
}

impl Generator<'_> {
    /// Writes one assessment: `index` counts the factory's assessments from 0
    /// (it sets how far rates have fallen), `cycle` is the number written.
    fn assessment(
        &mut self,
        w: &mut impl Write,
        factory: &Factory<'_>,
        start: NaiveDate,
        index: u64,
        cycle: u64,
    ) -> std::io::Result<()> {
        self.quest += 1;
        let quest = self.quest;
        let shape = factory.shape;
        let day = match shape.shape {
            Shape::FirstOfMonth => start.with_day(1).unwrap_or(start),
            Shape::LastOfMonth => last_of_month(start),
            _ => start,
        };
        let year = day.format("%Y").to_string();
        let tool = if year.as_str() < "2022" {
            "Garment CAT"
        } else {
            "Garment CAT V2"
        };
        let date = day.format("%d/%m/%Y").to_string();
        let country = match (&mut self.odd, factory.country) {
            (Some(odd), "Vietnam") => {
                if odd.below(2) == 0 {
                    "Viet Nam"
                } else {
                    "Vietnam"
                }
            }
            _ => factory.country,
        };
        // Rates fall over cycles: 100 %, 80 %, 65 %, 55 % of the base.
        let factor = [100, 80, 65, 55]
            .get(usize::try_from(index).unwrap_or(usize::MAX))
            .copied()
            .unwrap_or(55);
        for (q, rate) in self.questions.iter().zip(self.base) {
            let point = q.compliance_point();
            let (kind, finding) = if q.kind() == QuestionKind::FactGathering {
                ("FGW", "")
            } else {
                let nc = self.rng.below(100_000) < rate * factor;
                ("NCQ", if nc { "1" } else { "0" })
            };
            let cluster =
                if shape.systems && point.cluster().id() == "OSH" && year.as_str() < "2021" {
                    "Systems"
                } else {
                    point.cluster().name()
                };
            let cp = if shape.hazardous_work && point.id() == "CL.HAZARD" && tool == "Garment CAT" {
                "Hazardous Work"
            } else {
                point.name()
            };
            let label = field(&q.render_lax(factory.jurisdiction, day));
            let tags = if q.has_tag(Tag::PublicDisclosure) {
                "Public Disclosure"
            } else {
                ""
            };
            let mut row = |finding: &str| {
                writeln!(
                    w,
                    "{country},{},{},{label},{},{kind},{finding},{tags},{quest},{},{},{date},{cycle},{tool}",
                    field(cluster),
                    field(cp),
                    q.id(),
                    factory.id,
                    field(&factory.name),
                )
            };
            row(finding)?;
            if let (Some(odd), "NCQ") = (&mut self.odd, kind) {
                match odd.below(1000) {
                    0..5 => row(finding)?,
                    5..8 => row(if finding == "1" { "0" } else { "1" })?,
                    _ => {}
                }
            }
        }
        Ok(())
    }
}

/// Writes an export of `factories` factories, deterministic for `seed`;
/// `awkward` adds the cases population rules must survive (see `Awkward` in the source).
///
/// # Errors
///
/// What writing to `w` returns.
pub fn write_export(
    w: &mut impl Write,
    factories: u64,
    seed: u64,
    awkward: bool,
) -> std::io::Result<()> {
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
    let mut g = Generator {
        questions: &questions,
        base: &base,
        rng,
        odd: awkward
            .then(|| Rng(seed.wrapping_mul(0xd1b5_4a32_d192_ed03) ^ 0x5851_f42d_4c95_7f2d | 1)),
        quest: 100_000,
    };
    let first_day = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
    for f in 0..factories {
        let (country, code) = COUNTRIES
            .get(usize::try_from(f % 5).unwrap_or(0))
            .copied()
            .unwrap_or(("Bangladesh", "BD"));
        let name = if f % 20 == 19 {
            format!("Synthetic Garment {f} (Obsolete)")
        } else {
            format!("Synthetic Garment {f}")
        };
        let shape = g.odd.as_mut().map(Awkward::draw).unwrap_or_default();
        let factory = Factory {
            country,
            jurisdiction: code.parse().map_err(std::io::Error::other)?,
            id: 10_000 + f,
            name,
            shape,
        };
        let cycles = 1 + g.rng.below(4);
        let mut start = first_day
            .checked_add_days(Days::new(g.rng.below(3 * 365)))
            .unwrap_or(first_day);
        for index in 0..cycles {
            // Cycle numbers 1, 2, 3…, or 1, 3, 4… when the factory skips one.
            let cycle = if shape.shape == Shape::SkipCycle && index > 0 {
                index + 2
            } else {
                index + 1
            };
            g.assessment(w, &factory, start, index, cycle)?;
            if shape.shape == Shape::RepeatCycleTwo && cycle == 2 {
                let days = g.odd.as_mut().map_or(60, |odd| 30 + odd.below(120));
                start = start.checked_add_days(Days::new(days)).unwrap_or(start);
                g.assessment(w, &factory, start, index, cycle)?;
            }
            if shape.shape == Shape::SameDayTwice && index + 1 == cycles {
                g.assessment(w, &factory, start, index, cycle)?;
            }
            start = start
                .checked_add_days(Days::new(330 + g.rng.below(70)))
                .unwrap_or(start);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet, HashMap};

    use super::write_export as write;

    fn export(factories: u64, seed: u64, awkward: bool) -> String {
        let mut out = Vec::new();
        write(&mut out, factories, seed, awkward).expect("writing to memory");
        String::from_utf8(out).expect("the export is UTF-8")
    }

    /// FNV-1a, 64 bits: a checksum that stays the same across Rust releases.
    fn fnv(text: &str) -> u64 {
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    /// The benchmarks and documented figures depend on the default export
    /// staying what it was for a seed: the same rows, IDs, findings, dates
    /// and cycles (checksum of the output before `--awkward` existed). The
    /// question texts (`Q.Label`) are left out: they are rendered from the
    /// catalogue's national law and change when it does.
    #[test]
    fn default_output_is_unchanged() {
        let without_texts: String = export(20, 3, false)
            .lines()
            .map(|line| {
                let mut f = fields(line);
                f.remove(3);
                f.join("\u{1f}") + "\n"
            })
            .collect();
        assert_eq!(fnv(&without_texts), 0x7725_4940_a570_7ea5);
    }

    /// Splits a generated row (no field of the columns read here is quoted
    /// except the question label, which comes before them and has no line feed).
    fn fields(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => out.push(std::mem::take(&mut field)),
                _ => field.push(c),
            }
        }
        out.push(field);
        out
    }

    #[test]
    fn awkward_output_has_every_awkward_case() {
        let text = export(200, 3, true);
        assert_eq!(text, export(200, 3, true), "deterministic for a seed");
        let mut rows: HashMap<String, usize> = HashMap::new();
        let mut findings: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
        // factory -> assessment -> (cycle, date)
        let mut factories: BTreeMap<String, BTreeMap<String, (u64, String)>> = BTreeMap::new();
        let (mut systems, mut hazardous, mut two_words, mut one_word, mut obsolete) =
            (0, 0, 0, 0, 0);
        for line in text.lines().skip(1) {
            *rows.entry(line.to_owned()).or_default() += 1;
            let f = fields(line);
            assert_eq!(f.len(), 14, "{line}");
            systems += usize::from(f[1] == "Systems");
            hazardous += usize::from(f[2] == "Hazardous Work");
            two_words += usize::from(f[0] == "Viet Nam");
            one_word += usize::from(f[0] == "Vietnam");
            obsolete += usize::from(f[10].contains("(Obsolete)"));
            if f[5] == "NCQ" {
                findings
                    .entry((f[8].clone(), f[4].clone()))
                    .or_default()
                    .insert(f[6].clone());
            }
            let cycle = f[12].parse().expect("a cycle number");
            factories
                .entry(f[9].clone())
                .or_default()
                .insert(f[8].clone(), (cycle, f[11].clone()));
        }
        assert!(rows.values().any(|&n| n == 2), "exact duplicate rows");
        assert!(findings.values().any(|f| f.len() == 2), "conflicting rows");
        assert!(systems > 0 && hazardous > 0 && obsolete > 0);
        assert!(two_words > 0 && one_word > 0, "Viet Nam and Vietnam");
        let mut skipped = 0;
        let mut repeated = 0;
        let mut same_day = 0;
        for assessments in factories.values() {
            let cycles: Vec<u64> = assessments.values().map(|(c, _)| *c).collect();
            let distinct: BTreeSet<u64> = cycles.iter().copied().collect();
            let highest = distinct.iter().max().copied().unwrap_or(0);
            skipped += usize::from(u64::try_from(distinct.len()).unwrap_or(0) < highest);
            repeated += usize::from(distinct.len() < cycles.len());
            let days: BTreeSet<&(u64, String)> = assessments.values().collect();
            same_day += usize::from(days.len() < assessments.len());
        }
        assert!(skipped > 0 && repeated > same_day && same_day > 0);
        let first_days = factories
            .values()
            .flat_map(BTreeMap::values)
            .filter(|(_, d)| d.starts_with("01/"))
            .count();
        assert!(
            first_days > 20,
            "dates on the first of a month: {first_days}"
        );
    }
}
