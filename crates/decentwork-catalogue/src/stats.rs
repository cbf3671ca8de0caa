//! How well the catalogue's records are sourced: counts by kind of record,
//! verification status and kind of source.

use crate::{
    Act, Cluster, CompliancePoint, Instrument, InstrumentSet, LegalAbsence, LegalReference,
    LegalValue, Provenance, Question, Ratification, SourceKind, Verification,
};

/// A kind of catalogue record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum RecordKind {
    /// An ILO instrument.
    Instrument,
    /// A named set of instruments.
    InstrumentSet,
    /// A ratification row.
    Ratification,
    /// A Better Work cluster.
    Cluster,
    /// A compliance point.
    CompliancePoint,
    /// A question.
    Question,
    /// A labour act.
    Act,
    /// A legal reference of a compliance point.
    LegalReference,
    /// A legal parameter's value, or the fact that the law sets none.
    LegalParameter,
}

impl RecordKind {
    /// Every kind, in declaration order.
    pub const ALL: [RecordKind; 9] = [
        RecordKind::Instrument,
        RecordKind::InstrumentSet,
        RecordKind::Ratification,
        RecordKind::Cluster,
        RecordKind::CompliancePoint,
        RecordKind::Question,
        RecordKind::Act,
        RecordKind::LegalReference,
        RecordKind::LegalParameter,
    ];

    /// Its name in the programme's words: "legal parameter".
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::Instrument => "instrument",
            RecordKind::InstrumentSet => "instrument set",
            RecordKind::Ratification => "ratification",
            RecordKind::Cluster => "cluster",
            RecordKind::CompliancePoint => "compliance point",
            RecordKind::Question => "question",
            RecordKind::Act => "act",
            RecordKind::LegalReference => "legal reference",
            RecordKind::LegalParameter => "legal parameter",
        }
    }

    fn provenances(self) -> Box<dyn Iterator<Item = Provenance>> {
        match self {
            RecordKind::Instrument => Box::new(Instrument::all().map(Instrument::provenance)),
            RecordKind::InstrumentSet => {
                Box::new(InstrumentSet::all().map(InstrumentSet::provenance))
            }
            RecordKind::Ratification => Box::new(
                Ratification::countries()
                    .flat_map(Ratification::for_country)
                    .map(Ratification::provenance),
            ),
            RecordKind::Cluster => Box::new(Cluster::all().map(Cluster::provenance)),
            RecordKind::CompliancePoint => {
                Box::new(CompliancePoint::all().map(CompliancePoint::provenance))
            }
            RecordKind::Question => Box::new(Question::all().map(Question::provenance)),
            RecordKind::Act => Box::new(Act::all().map(Act::provenance)),
            RecordKind::LegalReference => {
                Box::new(LegalReference::all().map(LegalReference::provenance))
            }
            RecordKind::LegalParameter => Box::new(
                LegalValue::all()
                    .map(LegalValue::provenance)
                    .chain(LegalAbsence::all().map(LegalAbsence::provenance)),
            ),
        }
    }
}

/// How many records of one kind have one status and one kind of source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SourceCount {
    /// The kind of record.
    pub record: RecordKind,
    /// Verified or not.
    pub status: Verification,
    /// Official, secondary or missing.
    pub source: SourceKind,
    /// How many records.
    pub count: usize,
}

/// The catalogue's source quality: for every kind of record, the number with
/// each status and kind of source (combinations with no record left out).
///
/// ```
/// use decentwork_catalogue::{RecordKind, SourceKind, Verification, source_counts};
///
/// let counts = source_counts();
/// // "verified" never rests on nothing.
/// assert!(!counts.iter().any(|c| c.status == Verification::Verified && c.source == SourceKind::Missing));
/// let parameters: usize = counts.iter().filter(|c| c.record == RecordKind::LegalParameter).map(|c| c.count).sum();
/// assert!(parameters > 0);
/// ```
#[must_use]
pub fn source_counts() -> Vec<SourceCount> {
    let mut out = Vec::new();
    for record in RecordKind::ALL {
        let provenances: Vec<Provenance> = record.provenances().collect();
        for status in Verification::ALL {
            for source in SourceKind::ALL {
                let count = provenances
                    .iter()
                    .filter(|p| p.status == status && p.kind == source)
                    .count();
                if count > 0 {
                    out.push(SourceCount {
                        record,
                        status,
                        source,
                        count,
                    });
                }
            }
        }
    }
    out
}
