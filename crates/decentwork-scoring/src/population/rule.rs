//! Which assessments a rate is computed over: the populations Better Work's
//! analysts use.

use chrono::{Datelike, NaiveDate};

/// A span of months, both ends included (`2023-01 to 2024-12`), or open at
/// one end (`from 2023-01`, `up to 2024-12`).
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_scoring::MonthWindow;
///
/// let window = MonthWindow::new((2023, 1), (2024, 12))?;
/// assert!(window.contains(NaiveDate::from_ymd_opt(2024, 12, 31).unwrap()));
/// assert_eq!(window.to_string(), "2023-01 to 2024-12");
/// assert_eq!(MonthWindow::between(None, Some((2024, 12)))?.unwrap().to_string(), "up to 2024-12");
/// assert_eq!(MonthWindow::between(None, None)?, None);
/// assert!(MonthWindow::new((2024, 12), (2023, 1)).is_err());
/// assert!(MonthWindow::new((2024, 13), (2025, 1)).is_err());
/// # Ok::<(), decentwork_scoring::WindowError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MonthWindow {
    from: Option<(i32, u32)>,
    to: Option<(i32, u32)>,
}

/// Why months do not make a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WindowError {
    /// A month outside 1–12.
    #[error("{year}-{month:02}: a month is 01 to 12")]
    BadMonth {
        /// The year given.
        year: i32,
        /// The month given.
        month: u32,
    },
    /// The window ends before it starts, so it holds no month.
    #[error(
        "the window {from_year}-{from_month:02} to {to_year}-{to_month:02} ends before it starts"
    )]
    Inverted {
        /// First year.
        from_year: i32,
        /// First month.
        from_month: u32,
        /// Last year.
        to_year: i32,
        /// Last month.
        to_month: u32,
    },
}

/// Text that is not a month written `YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?}: expected a month as YYYY-MM, e.g. 2024-06")]
#[non_exhaustive]
pub struct MonthError {
    /// The text given.
    pub text: String,
}

/// A month written `YYYY-MM` (four digits, a hyphen, two digits, 01 to 12),
/// as (year, month): how window ends are given on a command line or to the
/// Python package.
///
/// ```
/// use decentwork_scoring::parse_month;
///
/// assert_eq!(parse_month("2024-06")?, (2024, 6));
/// assert!(parse_month("2024-6").is_err());
/// assert!(parse_month("2024-13").is_err());
/// assert_eq!(
///     parse_month("June 2024").unwrap_err().to_string(),
///     "\"June 2024\": expected a month as YYYY-MM, e.g. 2024-06"
/// );
/// # Ok::<(), decentwork_scoring::MonthError>(())
/// ```
///
/// # Errors
///
/// [`MonthError`] for any other text.
pub fn parse_month(text: &str) -> Result<(i32, u32), MonthError> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    text.split_once('-')
        .filter(|(y, m)| digits(y, 4) && digits(m, 2))
        .and_then(|(y, m)| Some((y.parse().ok()?, m.parse().ok()?)))
        .filter(|(_, m): &(i32, u32)| (1..=12).contains(m))
        .ok_or_else(|| MonthError {
            text: text.to_owned(),
        })
}

impl MonthWindow {
    /// The months from `from` to `to` (year, month), both included.
    ///
    /// # Errors
    ///
    /// A month outside 1–12, or `to` before `from`.
    pub fn new(from: (i32, u32), to: (i32, u32)) -> Result<Self, WindowError> {
        Ok(Self::between(Some(from), Some(to))?.unwrap_or(Self {
            from: Some(from),
            to: Some(to),
        }))
    }

    /// The months between two ends, either of which may be open; `None`
    /// when both are (no window at all).
    ///
    /// # Errors
    ///
    /// A month outside 1–12, or `to` before `from`.
    pub fn between(
        from: Option<(i32, u32)>,
        to: Option<(i32, u32)>,
    ) -> Result<Option<Self>, WindowError> {
        for (year, month) in from.into_iter().chain(to) {
            if !(1..=12).contains(&month) {
                return Err(WindowError::BadMonth { year, month });
            }
        }
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            return Err(WindowError::Inverted {
                from_year: from.0,
                from_month: from.1,
                to_year: to.0,
                to_month: to.1,
            });
        }
        Ok((from.is_some() || to.is_some()).then_some(Self { from, to }))
    }

    /// The first month, as (year, month), unless open.
    #[must_use]
    pub fn from(self) -> Option<(i32, u32)> {
        self.from
    }

    /// The last month, as (year, month), unless open.
    #[must_use]
    pub fn to(self) -> Option<(i32, u32)> {
        self.to
    }

    /// The last day of the last month, unless open.
    #[must_use]
    pub fn last_day(self) -> Option<NaiveDate> {
        let (year, month) = self.to?;
        let (year, month) = if month == 12 {
            (year.checked_add(1)?, 1)
        } else {
            (year, month + 1)
        };
        NaiveDate::from_ymd_opt(year, month, 1)?.pred_opt()
    }

    /// Whether `date` falls in the window.
    #[must_use]
    pub fn contains(self, date: NaiveDate) -> bool {
        let month = (date.year(), date.month());
        self.from.is_none_or(|from| from <= month) && self.to.is_none_or(|to| month <= to)
    }
}

impl std::fmt::Display for MonthWindow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.from, self.to) {
            (Some(from), Some(to)) => {
                write!(f, "{:04}-{:02} to {:04}-{:02}", from.0, from.1, to.0, to.1)
            }
            (Some(from), None) => write!(f, "from {:04}-{:02}", from.0, from.1),
            (None, Some(to)) => write!(f, "up to {:04}-{:02}", to.0, to.1),
            (None, None) => write!(f, "all dates"),
        }
    }
}

/// Which assessments a rate is computed over. Every rule takes only
/// assessments starting inside its window, when it has one, and then applies
/// its own test.
///
/// The two panels differ on factories whose cycles are irregular:
///
/// | a factory assessed in cycles | `Panel { cycles: 3 }` | `StrictPanel { cycles: 3 }` |
/// |---|---|---|
/// | 1, 2, 3 | all three | all three |
/// | 1, 3 (cycle 2 skipped) | both | left out |
/// | 1, 2, 2, 3 (cycle 2 repeated) | all four | left out |
/// | 1, 2, 3, 4 | 1, 2, 3 | 1, 2, 3 |
/// | 1, 2 | left out | left out |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PopulationRule {
    /// The latest assessment of each factory (by first day, then cycle, then
    /// assessment ID: as numbers when they are numbers).
    Latest {
        /// Only assessments starting in this window, if given.
        window: Option<MonthWindow>,
    },
    /// Every assessment of this cycle.
    Cycle {
        /// The cycle.
        cycle: u16,
        /// Only assessments starting in this window, if given.
        window: Option<MonthWindow>,
    },
    /// The balanced panel as Better Work's analysts build it: every factory
    /// whose highest cycle is at least `cycles`, with all of its assessments
    /// of cycles 1 to `cycles`. A skipped cycle number or a second assessment
    /// within a cycle does not leave a factory out; every assessment counts once.
    Panel {
        /// The cycle every factory must have reached.
        cycles: u16,
        /// Only assessments starting in this window, if given.
        window: Option<MonthWindow>,
    },
    /// The stricter panel: factories with exactly one assessment in each
    /// cycle from 1 to `cycles`, and those assessments.
    StrictPanel {
        /// The last cycle every factory must have.
        cycles: u16,
        /// Only assessments starting in this window, if given.
        window: Option<MonthWindow>,
    },
    /// Every assessment.
    All,
}

impl PopulationRule {
    /// The rule's window, if it has one.
    #[must_use]
    pub fn window(self) -> Option<MonthWindow> {
        match self {
            PopulationRule::Latest { window }
            | PopulationRule::Cycle { window, .. }
            | PopulationRule::Panel { window, .. }
            | PopulationRule::StrictPanel { window, .. } => window,
            PopulationRule::All => None,
        }
    }
}

impl std::fmt::Display for PopulationRule {
    /// The rule in words, as reports state it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            PopulationRule::Latest { .. } => write!(f, "latest assessment of each factory")?,
            PopulationRule::Cycle { cycle, .. } => write!(f, "every cycle {cycle} assessment")?,
            PopulationRule::Panel { cycles, .. } => write!(
                f,
                "balanced panel: factories that reached cycle {cycles}, with all their assessments of cycles 1 to {cycles}"
            )?,
            PopulationRule::StrictPanel { cycles, .. } => write!(
                f,
                "strict balanced panel: factories with exactly one assessment in each cycle from 1 to {cycles}"
            )?,
            PopulationRule::All => write!(f, "every assessment")?,
        }
        match self.window() {
            Some(window) => write!(f, ", starting {window}"),
            None => write!(f, ", all dates"),
        }
    }
}
