//! Rencana Aksi on the GROW model: which discipline a plan should focus on, what a valid plan is,
//! and how its focus discipline moved by the next wave.

use super::Discipline;
use super::codes::coded_enum;
use super::disclosure::change_shown;
use super::survey::parse_day;
use chrono::NaiveDate;

/// Longest GROW field: a page of text, enough for concrete steps, too short for a pasted report.
pub const MAX_GROW_CHARS: usize = 4000;
/// Longest owner name ("Kepala Bidang Pelayanan, Ibu Sari").
pub const MAX_OWNER_CHARS: usize = 120;
/// Longest progress note.
pub const MAX_UPDATE_CHARS: usize = 2000;
/// A fall of at least this much on the 1–5 mean since the previous wave makes the falling
/// discipline the suggestion even when another is lower: about a third of the usual standard
/// deviation of a discipline mean (0.5–0.6), a change a unit notices.
pub const NOTABLE_DROP: f64 = 0.2;

coded_enum! {
    /// Where a plan stands.
    pub enum PlanStatus {
        Planned = "planned",
        InProgress = "in_progress",
        Done = "done",
        Dropped = "dropped",
    }
}

impl PlanStatus {
    /// Planned or in progress: shown as a marker on the heatmap, counted as overdue after its date.
    pub fn is_active(self) -> bool {
        matches!(self, PlanStatus::Planned | PlanStatus::InProgress)
    }
}

/// Why a discipline is suggested as the focus.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FocusReason {
    /// The unit's lowest reportable mean.
    Lowest { mean: f64 },
    /// The largest fall since the previous wave, of at least [`NOTABLE_DROP`].
    LargestDrop { change: f64 },
}

/// A suggested focus discipline with its reason.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FocusSuggestion {
    pub discipline: Discipline,
    pub reason: FocusReason,
}

/// Suggests the focus of a plan from a unit's discipline means in the plan's wave and their change
/// since the previous wave (`None` where suppressed; a change only exists where both waves were
/// reportable). A notable fall wins over a low level, because a fall is news the unit can still
/// explain; otherwise the lowest mean. Ties go to the first discipline in the usual order.
pub fn suggest_focus(means: [Option<f64>; 5], changes: [Option<f64>; 5]) -> Option<FocusSuggestion> {
    let first_min = |values: [Option<f64>; 5]| {
        Discipline::ALL.into_iter().filter_map(|d| values[d.index()].map(|v| (d, v))).fold(
            None,
            |best: Option<(Discipline, f64)>, (d, v)| match best {
                Some((_, b)) if b <= v => best,
                _ => Some((d, v)),
            },
        )
    };
    // A change is shown only where the unit is reportable now, so its mean exists too.
    let reportable_changes = std::array::from_fn(|i| changes[i].filter(|_| means[i].is_some()));
    if let Some((discipline, change)) = first_min(reportable_changes).filter(|(_, c)| *c <= -NOTABLE_DROP) {
        return Some(FocusSuggestion { discipline, reason: FocusReason::LargestDrop { change } });
    }
    first_min(means).map(|(discipline, mean)| FocusSuggestion { discipline, reason: FocusReason::Lowest { mean } })
}

/// The plan as typed into the form, field by field as the form posts them; a field the form does not
/// have is empty (the new-plan form has no status: a new plan is planned).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PlanDraft {
    pub focus: String,
    pub goal: String,
    pub reality: String,
    pub options: String,
    pub way_forward: String,
    pub owner_name: String,
    pub due_on: String,
    pub status: String,
}

/// A plan that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidPlan {
    pub focus: Discipline,
    pub goal: String,
    pub reality: String,
    pub options: String,
    pub way_forward: String,
    pub owner_name: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub status: PlanStatus,
}

/// What is wrong with a field of a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanProblem {
    FocusUnknown,
    Missing,
    TooLong,
    /// A control character other than a line break or tab.
    ControlCharacter,
    DueInvalid,
    DueBeforeWave,
    StatusUnknown,
}

/// Checks a draft: a known focus discipline and status, the four GROW fields filled and within
/// length, the owner within length, and a due date (optional) not before the plan's wave opened.
/// Returns every problem with its field name.
pub fn validate_plan(
    draft: &PlanDraft,
    wave_opens_on: NaiveDate,
) -> Result<ValidPlan, Vec<(&'static str, PlanProblem)>> {
    let mut problems = Vec::new();
    let focus = Discipline::parse(draft.focus.trim());
    if focus.is_none() {
        problems.push(("focus", PlanProblem::FocusUnknown));
    }
    let mut text = |field: &'static str, value: &str| {
        let value = value.trim();
        if value.is_empty() {
            problems.push((field, PlanProblem::Missing));
        } else if value.chars().count() > MAX_GROW_CHARS {
            problems.push((field, PlanProblem::TooLong));
        } else if super::text::has_forbidden_control(value, true) {
            problems.push((field, PlanProblem::ControlCharacter));
        }
        value.to_string()
    };
    let goal = text("goal", &draft.goal);
    let reality = text("reality", &draft.reality);
    let options = text("options", &draft.options);
    let way_forward = text("way_forward", &draft.way_forward);
    let owner = draft.owner_name.trim();
    if owner.chars().count() > MAX_OWNER_CHARS {
        problems.push(("owner_name", PlanProblem::TooLong));
    } else if super::text::has_forbidden_control(owner, false) {
        problems.push(("owner_name", PlanProblem::ControlCharacter));
    }
    let due_on = match draft.due_on.trim() {
        "" => None,
        text => match parse_day(text) {
            Some(day) if day < wave_opens_on => {
                problems.push(("due_on", PlanProblem::DueBeforeWave));
                None
            }
            Some(day) => Some(day),
            None => {
                problems.push(("due_on", PlanProblem::DueInvalid));
                None
            }
        },
    };
    let status =
        if draft.status.trim().is_empty() { Some(PlanStatus::Planned) } else { PlanStatus::parse(draft.status.trim()) };
    if status.is_none() {
        problems.push(("status", PlanProblem::StatusUnknown));
    }
    match (focus, status) {
        (Some(focus), Some(status)) if problems.is_empty() => Ok(ValidPlan {
            focus,
            goal,
            reality,
            options,
            way_forward,
            owner_name: (!owner.is_empty()).then(|| owner.to_string()),
            due_on,
            status,
        }),
        _ => Err(problems),
    }
}

/// Whether an active plan is past its due date on `today`.
pub fn is_overdue(status: PlanStatus, due_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    status.is_active() && due_on.is_some_and(|due| due < today)
}

/// The focus discipline before (the plan's wave) and after (the next closed wave of the same
/// instrument), each `None` where the unit was not reportable: shown only where both are (the
/// wave-change rule).
pub fn before_after(before: Option<f64>, after: Option<f64>) -> Option<(f64, f64)> {
    change_shown(before.is_some(), after.is_some()).then_some(before.zip(after)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_day(text).unwrap()
    }

    #[test]
    fn the_lowest_reportable_discipline_is_suggested_when_nothing_fell_much() {
        let means = [Some(3.4), Some(2.9), None, Some(3.1), Some(3.0)];
        let changes = [Some(0.1), Some(-0.1), None, Some(-0.15), None];
        let s = suggest_focus(means, changes).unwrap();
        assert_eq!(s.discipline, Discipline::MentalModels);
        assert_eq!(s.reason, FocusReason::Lowest { mean: 2.9 });
    }

    #[test]
    fn a_notable_fall_wins_over_a_low_level() {
        let means = [Some(3.4), Some(2.9), Some(3.6), Some(3.1), Some(3.0)];
        let changes = [Some(0.1), Some(-0.1), Some(-0.4), Some(-0.25), None];
        let s = suggest_focus(means, changes).unwrap();
        assert_eq!(s.discipline, Discipline::SharedVision);
        assert_eq!(s.reason, FocusReason::LargestDrop { change: -0.4 });
        // Exactly the threshold counts as notable.
        let s = suggest_focus(means, [None, None, None, Some(-NOTABLE_DROP), None]).unwrap();
        assert_eq!(s.discipline, Discipline::TeamLearning);
    }

    #[test]
    fn ties_go_to_the_first_discipline_and_suppressed_ones_are_never_suggested() {
        let tie = [Some(3.0), Some(2.5), Some(2.5), Some(3.0), Some(2.5)];
        assert_eq!(suggest_focus(tie, [None; 5]).unwrap().discipline, Discipline::MentalModels);
        let drops = [Some(-0.3), Some(-0.3), None, None, None];
        assert_eq!(suggest_focus([Some(3.0); 5], drops).unwrap().discipline, Discipline::PersonalMastery);
        // A change without a current mean (suppressed now) is not a reason either.
        let s = suggest_focus([None, Some(3.5), Some(3.2), None, None], [Some(-1.0), None, None, None, None]).unwrap();
        assert_eq!(s.discipline, Discipline::SharedVision);
        assert_eq!(suggest_focus([None; 5], [Some(-1.0); 5]), None, "nothing reportable, nothing suggested");
    }

    fn draft() -> PlanDraft {
        PlanDraft {
            focus: "team_learning".into(),
            goal: "Rapat bidang membahas satu pelajaran setiap bulan".into(),
            reality: "Skor pembelajaran tim 2,8".into(),
            options: "1. Forum berbagi\n2. Coaching".into(),
            way_forward: "Mulai Februari, PIC Kabid".into(),
            owner_name: " Ibu Sari ".into(),
            due_on: "2026-06-30".into(),
            status: String::new(),
        }
    }

    #[test]
    fn a_complete_draft_is_valid_and_starts_as_planned() {
        let plan = validate_plan(&draft(), day("2026-01-05")).unwrap();
        assert_eq!(plan.focus, Discipline::TeamLearning);
        assert_eq!(plan.status, PlanStatus::Planned);
        assert_eq!(plan.owner_name.as_deref(), Some("Ibu Sari"));
        assert_eq!(plan.due_on, Some(day("2026-06-30")));
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let mut bad = draft();
        bad.focus = "leadership".into();
        bad.goal = "  ".into();
        bad.options = "x".repeat(MAX_GROW_CHARS + 1);
        bad.owner_name = "y".repeat(MAX_OWNER_CHARS + 1);
        bad.due_on = "2025-12-31".into();
        bad.status = "finished".into();
        let problems = validate_plan(&bad, day("2026-01-05")).unwrap_err();
        assert_eq!(
            problems,
            [
                ("focus", PlanProblem::FocusUnknown),
                ("goal", PlanProblem::Missing),
                ("options", PlanProblem::TooLong),
                ("owner_name", PlanProblem::TooLong),
                ("due_on", PlanProblem::DueBeforeWave),
                ("status", PlanProblem::StatusUnknown),
            ]
        );
        let mut wrong_date = draft();
        wrong_date.due_on = "30/06/2026".into();
        assert_eq!(validate_plan(&wrong_date, day("2026-01-05")).unwrap_err(), [("due_on", PlanProblem::DueInvalid)]);
    }

    #[test]
    fn overdue_means_active_and_past_the_due_date() {
        let today = day("2026-07-01");
        assert!(is_overdue(PlanStatus::InProgress, Some(day("2026-06-30")), today));
        assert!(!is_overdue(PlanStatus::Planned, Some(today), today), "due today is not late yet");
        assert!(!is_overdue(PlanStatus::Done, Some(day("2026-01-01")), today));
        assert!(!is_overdue(PlanStatus::Planned, None, today));
    }

    #[test]
    fn before_and_after_need_both_waves_reportable() {
        assert_eq!(before_after(Some(2.8), Some(3.1)), Some((2.8, 3.1)));
        assert_eq!(before_after(Some(2.8), None), None);
        assert_eq!(before_after(None, Some(3.1)), None);
    }
}
