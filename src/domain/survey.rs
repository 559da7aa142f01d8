//! Rules of the respondent journey that are not scoring: whether a wave takes answers, what the
//! intro may say about the confidentiality of the chosen unit, and when the form asks before
//! sending many empty items.

use super::codes::coded_enum;
use super::text::has_forbidden_control;
use chrono::NaiveDate;

coded_enum! {
    /// Where a wave stands on a given day, as the respondent sees it.
    pub enum WavePhase {
        NotYetOpen = "upcoming",
        Open = "open",
        Closed = "closed",
    }
}

/// A day as forms and the API write it, `YYYY-MM-DD`.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// The phase of a wave that runs from `opens_on` to `closes_on` (both inclusive) on `today`.
/// A wave closed early by HR is closed whatever the dates say.
pub fn wave_phase(opens_on: NaiveDate, closes_on: NaiveDate, closed_early: bool, today: NaiveDate) -> WavePhase {
    if closed_early || today > closes_on {
        WavePhase::Closed
    } else if today < opens_on {
        WavePhase::NotYetOpen
    } else {
        WavePhase::Open
    }
}

/// What the intro tells a respondent about how their unit's results will be reported (docs/DESIGN.md §5).
/// Never carries the live count: a count below k must not be shown, and saying "3 so far" would.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confidentiality {
    /// At least k colleagues of this unit (with its sub-units) have already answered: its results
    /// are reported on their own, as group figures.
    ReportedOnItsOwn,
    /// Fewer than k have answered so far, but the unit has (or may have) k people: its results are
    /// reported on their own only once k have answered, until then only within the parent unit.
    OwnOnceEnoughAnswer,
    /// The unit has fewer than k people, so it never reaches k: its results only ever count within
    /// the parent unit.
    OnlyWithParent,
}

/// Decides the live confidentiality status of a unit from the responses so far (its subtree) and its
/// headcount (`None` when unknown, which is treated as possibly large enough).
pub fn confidentiality(answered_so_far: u64, headcount: Option<u32>, k: u32) -> Confidentiality {
    if answered_so_far >= u64::from(k) {
        Confidentiality::ReportedOnItsOwn
    } else if headcount.is_some_and(|h| h < k) {
        Confidentiality::OnlyWithParent
    } else {
        Confidentiality::OwnOnceEnoughAnswer
    }
}

/// The form asks once before sending when more than a quarter of the items are empty: the 60 % rule
/// would then drop whole disciplines, and a respondent who skipped a section by accident should know.
pub fn should_confirm_empty(unanswered: usize, total: usize) -> bool {
    unanswered * 4 > total
}

/// Longest wave title: fits a report header and a poster.
pub const MAX_WAVE_TITLE_CHARS: usize = 200;

coded_enum! {
    /// What a wave measures: the organisation at a point in time, or a workshop's participants before
    /// and after it.
    pub enum WaveKind {
        Periodic = "periodic",
        Pre = "pre",
        Post = "post",
    }
}

coded_enum! {
    /// Who may answer a wave: anyone with its link, or only holders of a personal invitation.
    pub enum WaveAccess {
        Open = "open",
        Token = "token",
    }
}

/// What is wrong with a new periodic wave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaveProblem {
    TitleInvalid,
    DatesInvalid,
    AccessUnknown,
    KindNotPeriodic,
}

/// Checks the plain fields of a new wave (`None` where the form's access or kind is no known code);
/// pre and post waves are made with their workshop, so only `periodic` is accepted here. Returns
/// every problem with the name of its field.
pub fn check_new_wave(
    title: &str,
    opens_on: Option<NaiveDate>,
    closes_on: Option<NaiveDate>,
    access: Option<WaveAccess>,
    kind: Option<WaveKind>,
) -> Vec<(&'static str, WaveProblem)> {
    let mut problems = Vec::new();
    let title = title.trim();
    if title.is_empty() || title.chars().count() > MAX_WAVE_TITLE_CHARS || has_forbidden_control(title, false) {
        problems.push(("title", WaveProblem::TitleInvalid));
    }
    if !matches!((opens_on, closes_on), (Some(o), Some(c)) if o <= c) {
        problems.push(("closes_on", WaveProblem::DatesInvalid));
    }
    if access.is_none() {
        problems.push(("access", WaveProblem::AccessUnknown));
    }
    if kind != Some(WaveKind::Periodic) {
        problems.push(("kind", WaveProblem::KindNotPeriodic));
    }
    problems
}

/// Longest place name of a workshop.
pub const MAX_PLACE_CHARS: usize = 200;
/// Days before a workshop that its pre-test already takes answers, and after it that the post-test
/// still does: participants often answer on the way in or in the days after.
pub const WORKSHOP_MARGIN_DAYS: i64 = 14;

/// What is wrong with a new workshop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkshopProblem {
    TitleInvalid,
    PlaceTooLong,
    DatesInvalid,
}

/// Checks the plain fields of a new workshop, each problem with the name of its field.
pub fn check_new_workshop(
    title: &str,
    place: Option<&str>,
    held_from: Option<NaiveDate>,
    held_to: Option<NaiveDate>,
) -> Vec<(&'static str, WorkshopProblem)> {
    let mut problems = Vec::new();
    let title = title.trim();
    if title.is_empty() || title.chars().count() > MAX_WAVE_TITLE_CHARS || has_forbidden_control(title, false) {
        problems.push(("title", WorkshopProblem::TitleInvalid));
    }
    if place.is_some_and(|p| p.trim().chars().count() > MAX_PLACE_CHARS || has_forbidden_control(p, false)) {
        problems.push(("place", WorkshopProblem::PlaceTooLong));
    }
    if !matches!((held_from, held_to), (Some(f), Some(t)) if f <= t) {
        problems.push(("held_to", WorkshopProblem::DatesInvalid));
    }
    problems
}

/// When the two waves of a workshop take answers: (opens, closes) of the pre-test and the post-test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkshopWindows {
    pub pre: (NaiveDate, NaiveDate),
    pub post: (NaiveDate, NaiveDate),
}

/// The pre-test runs from a margin before the first day to the last day, the post-test from the
/// first day (a one-day workshop answers both on the day) to a margin after the last.
pub fn workshop_windows(held_from: NaiveDate, held_to: NaiveDate) -> WorkshopWindows {
    let margin = chrono::Duration::days(WORKSHOP_MARGIN_DAYS);
    WorkshopWindows { pre: (held_from - margin, held_to), post: (held_from, held_to + margin) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_workshop_needs_a_title_and_ordered_days_and_its_waves_overlap_on_the_days_held() {
        assert!(check_new_workshop("Pelatihan", None, Some(day(9)), Some(day(12))).is_empty());
        let problems = check_new_workshop("", Some(&"x".repeat(201)), Some(day(12)), Some(day(9)));
        let fields: Vec<_> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["title", "place", "held_to"]);
        let w = workshop_windows(day(16), day(17));
        assert_eq!(w.pre, (day(2), day(17)));
        assert_eq!(w.post, (day(16), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()));
    }

    use super::*;

    #[test]
    fn a_new_wave_needs_a_title_ordered_dates_a_known_access_and_the_periodic_kind() {
        let (open, token, periodic) = (Some(WaveAccess::Open), Some(WaveAccess::Token), Some(WaveKind::Periodic));
        assert!(check_new_wave("Survei", Some(day(2)), Some(day(2)), open, periodic).is_empty());
        let problems =
            check_new_wave(" ", Some(day(3)), Some(day(2)), WaveAccess::parse("public"), Some(WaveKind::Pre));
        let fields: Vec<_> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["title", "closes_on", "access", "kind"]);
        assert_eq!(
            check_new_wave("S", None, Some(day(2)), token, periodic),
            [("closes_on", WaveProblem::DatesInvalid)]
        );
        assert_eq!(check_new_wave(&"x".repeat(201), Some(day(1)), Some(day(2)), open, periodic).len(), 1);
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn a_wave_is_open_from_its_first_to_its_last_day_inclusive() {
        assert_eq!(wave_phase(day(2), day(20), false, day(1)), WavePhase::NotYetOpen);
        assert_eq!(wave_phase(day(2), day(20), false, day(2)), WavePhase::Open);
        assert_eq!(wave_phase(day(2), day(20), false, day(20)), WavePhase::Open);
        assert_eq!(wave_phase(day(2), day(20), false, day(21)), WavePhase::Closed);
    }

    #[test]
    fn a_wave_closed_early_is_closed_even_before_its_dates() {
        assert_eq!(wave_phase(day(2), day(20), true, day(10)), WavePhase::Closed);
        assert_eq!(wave_phase(day(2), day(20), true, day(1)), WavePhase::Closed);
    }

    #[test]
    fn a_unit_is_reported_on_its_own_once_k_have_answered() {
        assert_eq!(confidentiality(5, Some(3), 5), Confidentiality::ReportedOnItsOwn);
        assert_eq!(confidentiality(4, Some(40), 5), Confidentiality::OwnOnceEnoughAnswer);
        assert_eq!(confidentiality(0, None, 5), Confidentiality::OwnOnceEnoughAnswer);
    }

    #[test]
    fn a_unit_smaller_than_k_is_only_ever_reported_with_its_parent() {
        assert_eq!(confidentiality(0, Some(4), 5), Confidentiality::OnlyWithParent);
        assert_eq!(confidentiality(4, Some(4), 5), Confidentiality::OnlyWithParent);
        assert_eq!(confidentiality(2, Some(5), 5), Confidentiality::OwnOnceEnoughAnswer);
    }

    #[test]
    fn confirmation_is_asked_only_when_more_than_a_quarter_is_empty() {
        assert!(!should_confirm_empty(0, 25));
        assert!(!should_confirm_empty(6, 25));
        assert!(should_confirm_empty(7, 25));
        assert!(!should_confirm_empty(1, 4));
        assert!(should_confirm_empty(2, 4));
    }
}
