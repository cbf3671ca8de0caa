//! The API every handle into a generated table shares. Each row stores its
//! own position (the generator writes it), so a handle's index, equality,
//! order and hash are one field read.

/// Implements, for a `Copy` handle `$name(&'static Row)` into `$table`:
/// `all`, `count`, `index`, `at`, and `PartialEq`, `Eq`, `PartialOrd`, `Ord`,
/// `Hash` by position in the table, `Debug` as `$name(id)`.
macro_rules! handle {
    ($name:ident in $table:path, id: $id:ident, plural: $plural:literal, order: $order:literal) => {
        impl $name {
            #[doc = concat!("Every ", $plural, ", ", $order, ".")]
            pub fn all() -> impl Iterator<Item = $name> {
                $table.iter().map($name)
            }

            #[doc = concat!("The number of ", $plural, ".")]
            #[must_use]
            pub fn count() -> usize {
                $table.len()
            }

            #[doc = concat!(
                "A dense index in `0..", stringify!($name), "::count()`, ", $order,
                ". Stable within one catalogue version, not across versions: store IDs, not indexes."
            )]
            #[must_use]
            pub fn index(self) -> usize {
                self.0.index
            }

            #[doc = concat!("The one at a dense index; `None` past the end.")]
            #[must_use]
            pub fn at(index: usize) -> Option<$name> {
                $table.get(index).map($name)
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.0.index == other.0.index
            }
        }

        impl Eq for $name {}

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.0.index.cmp(&other.0.index)
            }
        }

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.0.index.hash(state);
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0.$id)
            }
        }
    };
}
pub(crate) use handle;
