//! Clusters, compliance points and the amfori BSCI performance areas they map to.

use decentwork_model::{CompliancePointId, Jurisdiction};

use crate::generated::structure::{BSCI_AREAS, BSCI_PROVENANCE, CLUSTERS, COMPLIANCE_POINTS};

use crate::tables::{BsciRow, ClusterGroup, ClusterRow, PointRow};
use crate::{Instrument, LegalReference, LookupError, Provenance, Question};

/// Whether two texts are equal ignoring case and runs of white space, without
/// allocating.
pub(crate) fn same_folded(a: &str, b: &str) -> bool {
    let mut left = a.split_whitespace();
    let mut right = b.split_whitespace();
    loop {
        match (left.next(), right.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) => {
                if !x
                    .chars()
                    .flat_map(char::to_lowercase)
                    .eq(y.chars().flat_map(char::to_lowercase))
                {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// Strict lookup: the item whose ID is exactly `id`.
pub(crate) fn strict<T: Copy>(
    what: &'static str,
    id: &str,
    mut all: impl Iterator<Item = T>,
    id_of: impl Fn(T) -> &'static str,
) -> Result<T, LookupError> {
    all.find(|&x| id_of(x) == id)
        .ok_or_else(|| LookupError::UnknownId {
            what,
            value: id.to_owned(),
        })
}

/// Lax lookup: the first item one of whose names (ID, name, aliases) matches
/// `text`, ignoring case and spacing.
pub(crate) fn lax<T: Copy>(
    what: &'static str,
    text: &str,
    mut all: impl Iterator<Item = T>,
    names: impl Fn(T) -> Vec<&'static str>,
) -> Result<T, LookupError> {
    all.find(|&x| names(x).iter().any(|n| same_folded(n, text)))
        .ok_or_else(|| LookupError::NoMatch {
            what,
            value: text.to_owned(),
        })
}

/// One of the eight Better Work clusters.
///
/// ```
/// use decentwork_catalogue::{Cluster, ClusterGroup};
///
/// let osh = Cluster::lookup("Systems")?; // legacy name in older exports
/// assert_eq!(osh.name(), "Occupational Safety and Health");
/// assert_eq!(osh.group(), ClusterGroup::WorkingConditions);
/// assert_eq!(osh.compliance_points().count(), 8);
/// assert_eq!(Cluster::all().count(), 8);
/// # Ok::<(), decentwork_catalogue::LookupError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Cluster(&'static ClusterRow);

crate::handle::handle!(Cluster in CLUSTERS, id: id, plural: "clusters", order: "in the tool's order");

impl Cluster {
    /// Strict lookup by ID, e.g. `OSH`.
    ///
    /// # Errors
    ///
    /// [`LookupError::UnknownId`] when no cluster has that ID.
    pub fn from_id(id: &str) -> Result<Cluster, LookupError> {
        strict("cluster", id, Cluster::all(), Cluster::id)
    }

    /// Lax lookup by ID, published name or alias, ignoring case and spacing.
    ///
    /// # Errors
    ///
    /// [`LookupError::NoMatch`] when nothing matches.
    pub fn lookup(text: &str) -> Result<Cluster, LookupError> {
        lax("cluster", text, Cluster::all(), |c| {
            [c.id(), c.name()]
                .into_iter()
                .chain(c.aliases().iter().copied())
                .collect()
        })
    }

    /// The ID, e.g. `CL`.
    #[must_use]
    pub fn id(self) -> &'static str {
        self.0.id
    }

    /// Position in the tool, from 1.
    #[must_use]
    pub fn order(self) -> u8 {
        self.0.order
    }

    /// The published name.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// Other names accepted by [`Cluster::lookup`].
    #[must_use]
    pub fn aliases(self) -> &'static [&'static str] {
        self.0.aliases
    }

    /// Core labour standards or working conditions.
    #[must_use]
    pub fn group(self) -> ClusterGroup {
        self.0.group
    }

    /// Its compliance points, in the tool's order.
    pub fn compliance_points(self) -> impl Iterator<Item = CompliancePoint> {
        COMPLIANCE_POINTS
            .get(self.0.points.clone())
            .unwrap_or_default()
            .iter()
            .map(CompliancePoint)
    }

    /// Where the name comes from.
    #[must_use]
    pub fn provenance(self) -> Provenance {
        self.0.provenance
    }
}

/// One of the 39 compliance points.
///
/// ```
/// use decentwork_catalogue::CompliancePoint;
///
/// let cp = CompliancePoint::lookup("hazardous work")?; // older name
/// assert_eq!(cp.name(), "Hazardous Work and other Worst Forms");
/// assert_eq!(cp.cluster().name(), "Child Labour");
/// assert_eq!(cp.trend_group(), Some("CL.WORST"));
/// assert!(cp.instruments().any(|i| i.code() == "C182"));
/// # Ok::<(), decentwork_catalogue::LookupError>(())
/// ```
#[derive(Clone, Copy)]
pub struct CompliancePoint(pub(crate) &'static PointRow);

crate::handle::handle!(CompliancePoint in COMPLIANCE_POINTS, id: id, plural: "compliance points", order: "by cluster and in the tool's order");

impl CompliancePoint {
    /// Strict lookup by ID, e.g. `OSH.EMERGENCY`.
    ///
    /// # Errors
    ///
    /// [`LookupError::UnknownId`] when no compliance point has that ID.
    pub fn from_id(id: &str) -> Result<CompliancePoint, LookupError> {
        strict(
            "compliance point",
            id,
            CompliancePoint::all(),
            CompliancePoint::id,
        )
    }

    /// Lax lookup by ID, published name or alias, ignoring case and spacing,
    /// as names appear in assessment exports.
    ///
    /// # Errors
    ///
    /// [`LookupError::NoMatch`] when nothing matches.
    pub fn lookup(text: &str) -> Result<CompliancePoint, LookupError> {
        lax("compliance point", text, CompliancePoint::all(), |c| {
            [c.id(), c.name()]
                .into_iter()
                .chain(c.aliases().iter().copied())
                .collect()
        })
    }

    /// The ID, e.g. `CL.CHILD` (a valid [`CompliancePointId`]).
    #[must_use]
    pub fn id(self) -> &'static str {
        self.0.id
    }

    /// Looks a compliance point up by the model's identifier.
    ///
    /// # Errors
    ///
    /// [`LookupError::UnknownId`] when no compliance point has that ID.
    pub fn get(id: CompliancePointId) -> Result<CompliancePoint, LookupError> {
        CompliancePoint::from_id(id.as_str())
    }

    /// The published name.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// Other names accepted by [`CompliancePoint::lookup`].
    #[must_use]
    pub fn aliases(self) -> &'static [&'static str] {
        self.0.aliases
    }

    /// Position within its cluster, from 1.
    #[must_use]
    pub fn order(self) -> u8 {
        self.0.order
    }

    /// Its cluster.
    #[must_use]
    pub fn cluster(self) -> Cluster {
        Cluster(self.0.cluster)
    }

    /// The ILO instruments it draws on.
    pub fn instruments(self) -> impl Iterator<Item = Instrument> {
        self.0.ilo.iter().copied().map(Instrument)
    }

    /// The amfori BSCI performance areas it informs.
    pub fn bsci_areas(self) -> impl Iterator<Item = BsciArea> {
        self.0.bsci.iter().copied().map(BsciArea)
    }

    /// Points that analysts merge when comparing across tool versions share a
    /// trend group (e.g. the two worst-forms points: `CL.WORST`).
    #[must_use]
    pub fn trend_group(self) -> Option<&'static str> {
        self.0.trend_group
    }

    /// Its questions, in ID order.
    pub fn questions(self) -> impl Iterator<Item = Question> {
        Question::range(self.0.questions.clone())
    }

    /// The national-law provisions it relies on in `jurisdiction` (including the
    /// country's own law for a subdivision).
    pub fn legal_references(
        self,
        jurisdiction: Jurisdiction,
    ) -> impl Iterator<Item = LegalReference> {
        LegalReference::for_point(self, jurisdiction)
    }

    /// Where the name comes from.
    #[must_use]
    pub fn provenance(self) -> Provenance {
        self.0.provenance
    }
}

/// An amfori BSCI performance area.
#[derive(Clone, Copy)]
pub struct BsciArea(&'static BsciRow);

impl BsciArea {
    /// All thirteen areas, in published order.
    pub fn all() -> impl Iterator<Item = BsciArea> {
        BSCI_AREAS.iter().map(BsciArea)
    }

    /// Its ID, `BSCI.1` to `BSCI.13`.
    #[must_use]
    pub fn id(self) -> &'static str {
        self.0.id
    }

    /// Its published name.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// Where the list comes from.
    #[must_use]
    pub fn provenance(self) -> Provenance {
        BSCI_PROVENANCE
    }

    /// The compliance points that inform it.
    pub fn compliance_points(self) -> impl Iterator<Item = CompliancePoint> {
        CompliancePoint::all().filter(move |cp| cp.bsci_areas().any(|a| a == self))
    }
}

macro_rules! by_id {
    ($($name:ident => $id:ident),*) => {$(
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.$id() == other.$id()
            }
        }
        impl Eq for $name {}
        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.$id().hash(state);
            }
        }
        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($name), self.$id())
            }
        }
    )*};
}
pub(crate) use by_id;

by_id!(BsciArea => id);
