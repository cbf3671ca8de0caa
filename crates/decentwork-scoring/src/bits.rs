//! Sets of small indexes (catalogue points, questions, a population's
//! labels): the one bitset type of the engine.

use decentwork_catalogue::CompliancePoint;

/// A set of indexes: the first 128 inline, the rest on the heap, so that sets
/// over the catalogue's points never allocate and larger ones still never drop
/// an index.
///
/// ```
/// use decentwork_scoring::IndexSet;
///
/// let mut set = IndexSet::default();
/// set.insert(3);
/// set.insert(500);
/// assert!(set.contains(3) && set.contains(500) && !set.contains(4));
/// assert_eq!(set.iter().collect::<Vec<_>>(), [3, 500]);
/// assert_eq!(set.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct IndexSet {
    low: u128,
    high: Vec<u64>,
}

impl IndexSet {
    /// Adds `index`.
    pub fn insert(&mut self, index: usize) {
        if let Some(rest) = index.checked_sub(128) {
            let word = rest / 64;
            if self.high.len() <= word {
                self.high.resize(word + 1, 0);
            }
            if let Some(w) = self.high.get_mut(word) {
                *w |= 1_u64 << (rest % 64);
            }
        } else {
            self.low |= 1_u128 << index;
        }
    }

    /// Whether `index` is in the set.
    #[must_use]
    pub fn contains(&self, index: usize) -> bool {
        match index.checked_sub(128) {
            Some(rest) => self
                .high
                .get(rest / 64)
                .is_some_and(|w| (w >> (rest % 64)) & 1 == 1),
            None => (self.low >> index) & 1 == 1,
        }
    }

    /// Whether the set is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.low == 0 && self.high.iter().all(|&w| w == 0)
    }

    /// The number of indexes in the set.
    #[must_use]
    pub fn len(&self) -> usize {
        let high: u32 = self.high.iter().map(|w| w.count_ones()).sum();
        (self.low.count_ones() + high) as usize
    }

    /// Adds every index of `other`.
    pub fn union_with(&mut self, other: &IndexSet) {
        self.low |= other.low;
        if self.high.len() < other.high.len() {
            self.high.resize(other.high.len(), 0);
        }
        for (a, b) in self.high.iter_mut().zip(&other.high) {
            *a |= b;
        }
    }

    /// The indexes, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let low = ones(self.low, 0);
        let high = self
            .high
            .iter()
            .enumerate()
            .flat_map(|(w, &word)| ones(u128::from(word), 128 + w * 64));
        low.chain(high)
    }
}

/// The set bits of `word`, plus `base`, ascending.
fn ones(mut word: u128, base: usize) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        if word == 0 {
            return None;
        }
        let bit = word.trailing_zeros() as usize;
        word &= word - 1;
        Some(base + bit)
    })
}

impl FromIterator<usize> for IndexSet {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Self {
        let mut set = IndexSet::default();
        for i in iter {
            set.insert(i);
        }
        set
    }
}

/// Which compliance points one assessment assessed and found non-compliant,
/// by the catalogue's point indexes: the compact result of the Better Work
/// rule, for populations of many assessments.
///
/// ```
/// use decentwork_catalogue::CompliancePoint;
/// use decentwork_scoring::PointBits;
///
/// let overtime = CompliancePoint::from_id("WT.OVERTIME")?;
/// let mut bits = PointBits::default();
/// bits.mark(overtime.index(), true);
/// assert_eq!(bits.status(overtime), Some(true));
/// assert_eq!(bits.points().count(), 1);
/// # Ok::<(), decentwork_catalogue::LookupError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PointBits {
    /// Points non-compliant.
    pub non_compliant: IndexSet,
    /// Points assessed (compliant or not).
    pub assessed: IndexSet,
}

impl PointBits {
    /// Marks point `index` as assessed, and non-compliant if so.
    pub fn mark(&mut self, index: usize, non_compliant: bool) {
        self.assessed.insert(index);
        if non_compliant {
            self.non_compliant.insert(index);
        }
    }

    /// `None` when `point` was not assessed; otherwise whether it was non-compliant.
    #[must_use]
    pub fn status(&self, point: CompliancePoint) -> Option<bool> {
        let i = point.index();
        self.assessed
            .contains(i)
            .then(|| self.non_compliant.contains(i))
    }

    /// The assessed catalogue points, each with whether it was non-compliant,
    /// in the tool's order.
    pub fn points(&self) -> impl Iterator<Item = (CompliancePoint, bool)> + '_ {
        self.assessed
            .iter()
            .filter_map(|i| CompliancePoint::at(i).map(|cp| (cp, self.non_compliant.contains(i))))
    }
}
