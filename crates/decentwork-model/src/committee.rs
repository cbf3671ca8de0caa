//! Worker–management committees: who sits on them, when, and their meetings.

use chrono::NaiveDate;

use crate::check::{self, Validate, validated};
use crate::{CommitteeId, FactoryId, Period, Ratio, Sex, SexCounts, ValidationError, WorkerRef};

/// The kind of committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum CommitteeKind {
    /// Better Work's bipartite Performance Improvement Consultative Committee.
    Picc,
    /// A participation committee (e.g. Bangladesh Labour Act 2006).
    ParticipationCommittee,
    /// A safety committee (e.g. Bangladesh Labour Act 2006).
    SafetyCommittee,
    /// Lembaga Kerja Sama Bipartit, Indonesia's bipartite cooperation body.
    LksBipartit,
    /// A works council (e.g. Pakistan's provincial industrial relations acts).
    WorksCouncil,
    /// A joint works council.
    JointWorksCouncil,
    /// An occupational safety and health committee.
    OshCommittee,
    /// Another kind; the committee's `name` says which.
    Other,
}

/// Which side of the table a member sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Side {
    /// Management representatives.
    Management,
    /// Worker representatives.
    Workers,
}

/// How a member got the seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Selection {
    /// Elected by the workers (or by the side they represent).
    Elected,
    /// Appointed (by management, a union or otherwise).
    Appointed,
}

/// One seat held by one person over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Member {
    /// Pseudonymous reference to the person.
    pub person: WorkerRef,
    /// Management or workers.
    pub side: Side,
    /// The member's sex.
    pub sex: Sex,
    /// Elected or appointed.
    pub selection: Selection,
    /// From joining until leaving (exclusive).
    pub period: Period,
    /// When the member chaired the committee; inside `period`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub chair: Option<Period>,
}

impl Member {
    /// A member who does not chair.
    #[must_use]
    pub fn new(
        person: WorkerRef,
        side: Side,
        sex: Sex,
        selection: Selection,
        period: Period,
    ) -> Self {
        Self {
            person,
            side,
            sex,
            selection,
            period,
            chair: None,
        }
    }
}

/// Members of each side present at a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Attendance {
    /// Management members present.
    pub management: u32,
    /// Worker members present.
    pub workers: u32,
}

impl Attendance {
    /// Counts present per side.
    #[must_use]
    pub fn new(management: u32, workers: u32) -> Self {
        Self {
            management,
            workers,
        }
    }
}

/// A committee meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Meeting {
    /// The day it was held.
    pub held_on: NaiveDate,
    /// Members present.
    pub attendance: Attendance,
    /// Whether minutes were kept.
    pub minutes_kept: bool,
}

impl Meeting {
    /// A meeting held on `held_on`.
    #[must_use]
    pub fn new(held_on: NaiveDate, attendance: Attendance, minutes_kept: bool) -> Self {
        Self {
            held_on,
            attendance,
            minutes_kept,
        }
    }
}

/// A committee of one factory.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CommitteeFields {
    /// Identifier.
    pub id: CommitteeId,
    /// The factory it belongs to.
    pub factory: FactoryId,
    /// Its kind.
    pub kind: CommitteeKind,
    /// Its name; required for [`CommitteeKind::Other`].
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub name: Option<String>,
    /// From formation until dissolution (exclusive), if dissolved.
    pub period: Period,
    /// Every seat, past and present. Each lies inside `period`; one person holds
    /// at most one seat at a time; at most one chair at a time.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub members: Vec<Member>,
    /// Meetings, in date order, inside `period`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub meetings: Vec<Meeting>,
}

impl CommitteeFields {
    /// A committee with no members or meetings yet.
    #[must_use]
    pub fn new(id: CommitteeId, factory: FactoryId, kind: CommitteeKind, period: Period) -> Self {
        Self {
            id,
            factory,
            kind,
            name: None,
            period,
            members: Vec::new(),
            meetings: Vec::new(),
        }
    }
}

impl Validate for CommitteeFields {
    fn validate(&self) -> Result<(), ValidationError> {
        check::optional_text("name", self.name.as_deref(), check::MAX_NAME)?;
        if self.kind == CommitteeKind::Other && self.name.is_none() {
            return Err(ValidationError::Empty {
                field: "name".into(),
            });
        }
        check::items("members", self.members.len())?;
        check::items("meetings", self.meetings.len())?;
        for (i, member) in self.members.iter().enumerate() {
            if !self.period.encloses(member.period) {
                return Err(ValidationError::Inconsistent {
                    field: format!("members[{i}].period"),
                    value: member.period.to_string(),
                    reason: "is not inside the committee's period",
                });
            }
            if let Some(chair) = member.chair
                && !member.period.encloses(chair)
            {
                return Err(ValidationError::Inconsistent {
                    field: format!("members[{i}].chair"),
                    value: chair.to_string(),
                    reason: "is not inside the member's own period",
                });
            }
            for earlier in self.members.iter().take(i) {
                if earlier.person == member.person && earlier.period.overlaps(member.period) {
                    return Err(ValidationError::Inconsistent {
                        field: format!("members[{i}].period"),
                        value: member.period.to_string(),
                        reason: "overlaps another seat of the same person",
                    });
                }
                if let (Some(a), Some(b)) = (earlier.chair, member.chair)
                    && a.overlaps(b)
                {
                    return Err(ValidationError::Inconsistent {
                        field: format!("members[{i}].chair"),
                        value: b.to_string(),
                        reason: "overlaps another member's time as chair",
                    });
                }
            }
        }
        let mut previous: Option<(usize, NaiveDate)> = None;
        for (i, meeting) in self.meetings.iter().enumerate() {
            if !self.period.contains(meeting.held_on) {
                return Err(ValidationError::Inconsistent {
                    field: format!("meetings[{i}].held_on"),
                    value: meeting.held_on.to_string(),
                    reason: "is outside the committee's period",
                });
            }
            if let Some((j, date)) = previous {
                check::ordered(
                    &format!("meetings[{j}].held_on"),
                    date,
                    &format!("meetings[{i}].held_on"),
                    meeting.held_on,
                )?;
            }
            previous = Some((i, meeting.held_on));
        }
        Ok(())
    }
}

validated!(
    /// A checked [`CommitteeFields`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use decentwork_model::{
    ///     Committee, CommitteeFields, CommitteeKind, Member, Period, Selection, Sex, Side,
    /// };
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
    /// let mut fields = CommitteeFields::new(
    ///     "picc-1".parse()?, "F-1".parse()?, CommitteeKind::Picc, Period::from(d(1, 10)),
    /// );
    /// let seat = |who: &str, side, sex| -> Result<Member, Box<dyn std::error::Error>> {
    ///     Ok(Member::new(who.parse()?, side, sex, Selection::Elected, Period::from(d(1, 10))))
    /// };
    /// fields.members = vec![
    ///     seat("m1", Side::Management, Sex::Male)?,
    ///     seat("w1", Side::Workers, Sex::Female)?,
    ///     seat("w2", Side::Workers, Sex::Female)?,
    ///     seat("w3", Side::Workers, Sex::Male)?,
    /// ];
    /// let committee = Committee::new(fields)?;
    /// let on = d(3, 1);
    /// assert_eq!(committee.members_on(on).count(), 4);
    /// assert_eq!(committee.worker_side_share(on).unwrap().to_string(), "3/4");
    /// assert_eq!(committee.women_share_of_worker_seats(on).unwrap().to_string(), "2/3");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Committee(CommitteeFields)
);

impl Committee {
    /// The members holding a seat on `date`.
    pub fn members_on(&self, date: NaiveDate) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(move |m| m.period.contains(date))
    }

    /// The member chairing on `date`, if any.
    #[must_use]
    pub fn chair_on(&self, date: NaiveDate) -> Option<&Member> {
        self.members
            .iter()
            .find(|m| m.chair.is_some_and(|c| c.contains(date)))
    }

    /// Members on `date` by sex, for one side.
    #[must_use]
    pub fn seats_by_sex(&self, side: Side, date: NaiveDate) -> SexCounts {
        let mut counts = SexCounts::default();
        for member in self.members_on(date).filter(|m| m.side == side) {
            counts.add(member.sex);
        }
        counts
    }

    /// Worker-side seats among all seats on `date`; `None` when nobody sits.
    #[must_use]
    pub fn worker_side_share(&self, date: NaiveDate) -> Option<Ratio> {
        let workers = self.seats_by_sex(Side::Workers, date).total();
        let all = workers + self.seats_by_sex(Side::Management, date).total();
        Ratio::new(workers, all)
    }

    /// Women among the worker-side seats on `date`; `None` without worker seats.
    #[must_use]
    pub fn women_share_of_worker_seats(&self, date: NaiveDate) -> Option<Ratio> {
        self.seats_by_sex(Side::Workers, date).women_share()
    }

    /// Worker-side seats held by elected members on `date`, among all worker seats.
    #[must_use]
    pub fn elected_share_of_worker_seats(&self, date: NaiveDate) -> Option<Ratio> {
        let seats: Vec<&Member> = self
            .members_on(date)
            .filter(|m| m.side == Side::Workers)
            .collect();
        let elected = seats
            .iter()
            .filter(|m| m.selection == Selection::Elected)
            .count();
        Ratio::new(elected as u64, seats.len() as u64)
    }

    /// The meetings held in `period`.
    pub fn meetings_in(&self, period: Period) -> impl Iterator<Item = &Meeting> {
        self.meetings
            .iter()
            .filter(move |m| period.contains(m.held_on))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    fn base() -> CommitteeFields {
        CommitteeFields::new(
            "c1".parse().unwrap(),
            "f1".parse().unwrap(),
            CommitteeKind::Picc,
            Period::from(d(1, 1)),
        )
    }

    fn member(who: &str, side: Side, from: NaiveDate, to: Option<NaiveDate>) -> Member {
        Member::new(
            who.parse().unwrap(),
            side,
            Sex::Female,
            Selection::Elected,
            Period::new(from, to).unwrap(),
        )
    }

    #[test]
    fn membership_changes_over_time() {
        let mut f = base();
        f.members = vec![
            member("w1", Side::Workers, d(1, 1), Some(d(6, 1))),
            member("w2", Side::Workers, d(6, 1), None),
            member("m1", Side::Management, d(1, 1), None),
        ];
        f.members[2].chair = Some(Period::from(d(2, 1)));
        let c = Committee::new(f).unwrap();
        assert_eq!(c.members_on(d(5, 31)).count(), 2);
        assert_eq!(
            c.members_on(d(6, 1))
                .map(|m| m.person.as_str())
                .collect::<Vec<_>>(),
            ["w2", "m1"]
        );
        assert!(c.chair_on(d(1, 15)).is_none());
        assert_eq!(c.chair_on(d(3, 1)).map(|m| m.person.as_str()), Some("m1"));
        assert_eq!(c.worker_side_share(d(3, 1)), Ratio::new(1, 2));
        assert_eq!(
            Committee::new(base()).unwrap().worker_side_share(d(3, 1)),
            None
        );
    }

    #[test]
    fn rules() {
        let mut f = base();
        f.members = vec![
            member("w1", Side::Workers, d(1, 1), None),
            member("w1", Side::Workers, d(3, 1), None),
        ];
        assert!(
            matches!(Committee::new(f), Err(ValidationError::Inconsistent { reason, .. }) if reason.contains("same person"))
        );

        let mut f = base();
        f.members = vec![
            member("w1", Side::Workers, d(1, 1), None),
            member("w2", Side::Workers, d(1, 1), None),
        ];
        f.members[0].chair = Some(Period::from(d(1, 1)));
        f.members[1].chair = Some(Period::from(d(2, 1)));
        assert!(
            matches!(Committee::new(f), Err(ValidationError::Inconsistent { field, .. }) if field == "members[1].chair")
        );

        let mut f = base();
        f.period = Period::new(d(1, 1), Some(d(12, 1))).unwrap();
        f.members = vec![member("w1", Side::Workers, d(1, 1), None)];
        assert!(
            matches!(Committee::new(f), Err(ValidationError::Inconsistent { field, .. }) if field == "members[0].period")
        );

        let mut f = base();
        f.meetings = vec![
            Meeting::new(d(3, 1), Attendance::new(1, 2), true),
            Meeting::new(d(2, 1), Attendance::default(), false),
        ];
        assert!(matches!(
            Committee::new(f),
            Err(ValidationError::DatesOutOfOrder { .. })
        ));

        let mut f = base();
        f.kind = CommitteeKind::Other;
        assert_eq!(
            Committee::new(f),
            Err(ValidationError::Empty {
                field: "name".into()
            })
        );
    }
}
