//! The anonymity rules of DESIGN.md §5, in one place that every view, export and API goes through.
//!
//! Why each rule exists:
//! - **Group rule** (n ≥ k): below k respondents a group's mean is close to one person's answers, and
//!   colleagues can often guess who answered. A suppressed group shows neither scores nor n beyond "< k",
//!   so "0" and "k − 1" look the same.
//! - **Sibling rule**: a reportable parent's figures are sums of its children's (plus its own direct
//!   respondents, a pseudo-child that is never shown as a row). If exactly one of those groups is
//!   suppressed, parent − reported siblings *is* that group. Suppressing the smallest other group too
//!   leaves at least two unknowns in the difference, so neither can be recovered.
//! - **Filter rule**: a breakdown of G by a band D reports G∩D only when both G∩D and G∖D reach k,
//!   because G − (G∩D) would otherwise reveal the small complement.
//! - **Comments** need k_c ≥ k responses and are shown shuffled without dates; **changes between
//!   waves** need the unit reportable in both; **live counts** of an open wave are shown only from k on.
//!
//! - **Hidden complements stay hidden** (a step beyond the letter of DESIGN.md, in its spirit): a unit
//!   hidden by the sibling rule whose children are all shown and which has no direct respondents would be
//!   the sum of its children, and the subtraction would work again one level up. So such a unit also
//!   hides its smallest child, and so on down.

use super::unit_tree::TreeShape;
use std::collections::{HashMap, HashSet};

/// Default minimum group size k.
pub const DEFAULT_K: u32 = 5;

/// A unit of the tree with the number of responses given directly in it (not in its children).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnitCount {
    pub id: i32,
    pub parent: Option<i32>,
    pub direct_n: u64,
}

/// Why a group is or is not shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    /// n ≥ k and no rule hides it.
    Reported,
    /// n < k.
    BelowK,
    /// n ≥ k, hidden so that a sibling below k cannot be recovered by subtraction.
    Complementary,
}

impl Visibility {
    /// Whether figures of the group may be shown.
    pub fn is_reported(self) -> bool {
        self == Visibility::Reported
    }
}

/// What the group rules decided for every unit of a tree, with the rolled-up n of each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupDecision {
    pub visibility: HashMap<i32, Visibility>,
    /// Responses in the unit and all its descendants.
    pub total_n: HashMap<i32, u64>,
    /// Whether the direct respondents of a unit (the pseudo-child) were hidden by the sibling rule.
    pub direct_hidden: HashSet<i32>,
}

impl GroupDecision {
    /// Whether a unit's figures may be shown.
    pub fn is_reported(&self, unit: i32) -> bool {
        self.visibility.get(&unit).is_some_and(|v| v.is_reported())
    }
}

/// A child of a reportable parent as the sibling rule sees it.
#[derive(Clone, Copy, Debug)]
enum Member {
    Unit(i32),
    Direct,
}

/// Applies the group rule and the sibling rule to a whole tree. Parents are processed before their
/// children; the rule only runs under parents that are shown.
pub fn decide_groups(units: &[UnitCount], k: u32) -> GroupDecision {
    let k = u64::from(k);
    let mut children: HashMap<i32, Vec<i32>> = HashMap::new();
    let direct: HashMap<i32, u64> = units.iter().map(|u| (u.id, u.direct_n)).collect();
    let known: HashSet<i32> = units.iter().map(|u| u.id).collect();
    let mut roots = Vec::new();
    for u in units {
        match u.parent.filter(|p| known.contains(p)) {
            Some(p) => children.entry(p).or_default().push(u.id),
            None => roots.push(u.id),
        }
    }
    for list in children.values_mut() {
        list.sort_unstable();
    }
    roots.sort_unstable();

    let mut total_n = TreeShape::new(units.iter().map(|u| (u.id, u.parent)))
        .roll_up(|id| direct.get(&id).copied().unwrap_or(0), |total, child| *total += child);
    // Units in a parent loop (refused on import, but old data may hold one) count their own only.
    for u in units {
        total_n.entry(u.id).or_insert(u.direct_n);
    }

    let mut visibility: HashMap<i32, Visibility> = units
        .iter()
        .map(|u| (u.id, if total_n[&u.id] >= k { Visibility::Reported } else { Visibility::BelowK }))
        .collect();
    let mut direct_hidden = HashSet::new();

    let mut queue: std::collections::VecDeque<i32> = roots.into_iter().collect();
    while let Some(parent) = queue.pop_front() {
        let kids = children.get(&parent).cloned().unwrap_or_default();
        queue.extend(kids.iter().copied());
        if kids.is_empty() || visibility[&parent] == Visibility::BelowK {
            continue;
        }
        if visibility[&parent] == Visibility::Complementary {
            let rebuildable = direct[&parent] == 0 && kids.iter().all(|c| visibility[c].is_reported());
            if rebuildable && let Some(smallest) = kids.iter().min_by_key(|c| total_n[*c]) {
                visibility.insert(*smallest, Visibility::Complementary);
            }
            continue;
        }
        let mut members: Vec<(Member, u64, bool)> =
            kids.iter().map(|c| (Member::Unit(*c), total_n[c], !visibility[c].is_reported())).collect();
        let own = direct[&parent];
        if own > 0 {
            members.push((Member::Direct, own, own < k));
        }
        let hidden = members.iter().filter(|m| m.2).count();
        if hidden != 1 {
            continue;
        }
        // The smallest other group, ties broken by tree order so the decision is stable.
        let smallest = members.iter().filter(|m| !m.2).min_by_key(|m| m.1).map(|m| m.0);
        match smallest {
            Some(Member::Unit(id)) => {
                visibility.insert(id, Visibility::Complementary);
            }
            Some(Member::Direct) => {
                direct_hidden.insert(parent);
            }
            None => {}
        }
    }
    // Direct respondents below k are hidden too (they are never a row of their own).
    for u in units {
        if u.direct_n > 0 && u.direct_n < k && !children.get(&u.id).is_none_or(Vec::is_empty) {
            direct_hidden.insert(u.id);
        }
    }
    GroupDecision { visibility, total_n, direct_hidden }
}

/// Filter rule: a breakdown group G∩D of G is shown only when it and its complement both reach k.
pub fn breakdown_reportable(n_group: u64, n_in_band: u64, k: u32) -> bool {
    let k = u64::from(k);
    n_in_band >= k && n_group.saturating_sub(n_in_band) >= k
}

/// Comments of a group are shown only from the comment threshold on, which is never below k.
pub fn comments_shown(n: u64, k: u32, comment_threshold: u32) -> bool {
    n >= u64::from(comment_threshold.max(k))
}

/// A change between two waves is shown only where the unit is reportable in both.
pub fn change_shown(reported_before: bool, reported_now: bool) -> bool {
    reported_before && reported_now
}

/// A live response count of an open wave, or `None` ("< k") for a group below k.
pub fn live_count(n: u64, k: u32) -> Option<u64> {
    (n >= u64::from(k)).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn unit(id: i32, parent: Option<i32>, direct_n: u64) -> UnitCount {
        UnitCount { id, parent, direct_n }
    }

    #[test]
    fn a_group_below_k_is_not_reported_and_zero_looks_like_k_minus_one() {
        let d = decide_groups(&[unit(1, None, 4)], 5);
        assert_eq!(d.visibility[&1], Visibility::BelowK);
        let d0 = decide_groups(&[unit(1, None, 0)], 5);
        assert_eq!(d0.visibility[&1], Visibility::BelowK);
        assert!(decide_groups(&[unit(1, None, 5)], 5).is_reported(1));
    }

    #[test]
    fn one_child_of_three_suppressed_also_suppresses_the_smallest_sibling() {
        // parent 1 (no direct answers) with children of 3, 8 and 12 responses.
        let units = [unit(1, None, 0), unit(2, Some(1), 3), unit(3, Some(1), 8), unit(4, Some(1), 12)];
        let d = decide_groups(&units, 5);
        assert!(d.is_reported(1));
        assert_eq!(d.visibility[&2], Visibility::BelowK);
        assert_eq!(d.visibility[&3], Visibility::Complementary, "the smallest other child");
        assert_eq!(d.visibility[&4], Visibility::Reported);
        assert_eq!(d.total_n[&1], 23);
    }

    #[test]
    fn direct_respondents_count_as_a_pseudo_child() {
        // parent with 3 direct answers and two children of 9 and 6: the direct group is the only
        // one below k, so the smallest child (6) is hidden as well.
        let units = [unit(1, None, 3), unit(2, Some(1), 9), unit(3, Some(1), 6)];
        let d = decide_groups(&units, 5);
        assert!(d.is_reported(1));
        assert_eq!(d.visibility[&3], Visibility::Complementary);
        assert_eq!(d.visibility[&2], Visibility::Reported);
        assert!(d.direct_hidden.contains(&1));
        // with 10 direct answers and one child of 2, the direct group is the smallest other group
        let units = [unit(1, None, 10), unit(2, Some(1), 2), unit(3, Some(1), 30)];
        let d = decide_groups(&units, 5);
        assert_eq!(d.visibility[&2], Visibility::BelowK);
        assert_eq!(d.visibility[&3], Visibility::Reported);
        assert!(d.direct_hidden.contains(&1), "the 10 direct answers are the smallest other group");
    }

    #[test]
    fn a_hidden_complement_cannot_be_rebuilt_from_its_own_children() {
        // A (3) is below k, so C (10) is hidden as its complement; C has no direct answers and two
        // children of 5 that would add up to C. One of them is hidden too.
        let units = [
            unit(1, None, 0),
            unit(2, Some(1), 3),
            unit(3, Some(1), 0),
            unit(4, Some(3), 5),
            unit(5, Some(3), 5),
            unit(6, Some(1), 20),
        ];
        let d = decide_groups(&units, 5);
        assert_eq!(d.visibility[&3], Visibility::Complementary);
        assert_eq!(d.visibility[&4], Visibility::Complementary);
        assert_eq!(d.visibility[&5], Visibility::Reported);
    }

    #[test]
    fn two_suppressed_children_need_no_further_suppression() {
        let units = [unit(1, None, 0), unit(2, Some(1), 2), unit(3, Some(1), 4), unit(4, Some(1), 20)];
        let d = decide_groups(&units, 5);
        assert_eq!(d.visibility[&4], Visibility::Reported);
        assert!(d.is_reported(1));
    }

    #[test]
    fn the_other_rules_follow_design() {
        assert!(breakdown_reportable(20, 5, 5));
        assert!(!breakdown_reportable(20, 16, 5), "the complement of 4 would be revealed");
        assert!(!breakdown_reportable(20, 4, 5));
        assert!(comments_shown(5, 5, 5));
        assert!(!comments_shown(6, 5, 8));
        assert!(!comments_shown(4, 5, 3), "the comment threshold never goes below k");
        assert!(change_shown(true, true));
        assert!(!change_shown(true, false) && !change_shown(false, true));
        assert_eq!(live_count(4, 5), None);
        assert_eq!(live_count(5, 5), Some(5));
    }

    /// A random tree: each unit after the first hangs under an earlier one.
    fn tree() -> impl Strategy<Value = Vec<UnitCount>> {
        (1usize..40).prop_flat_map(|size| {
            (proptest::collection::vec(0usize..1000, size), proptest::collection::vec(0u64..15, size)).prop_map(
                move |(parents, counts)| {
                    (0..size)
                        .map(|i| UnitCount {
                            id: i as i32 + 1,
                            parent: (i > 0).then(|| (parents[i] % i) as i32 + 1),
                            direct_n: counts[i],
                        })
                        .collect()
                },
            )
        })
    }

    proptest! {
        #[test]
        fn no_reported_group_is_below_k(units in tree(), k in 3u32..8) {
            let d = decide_groups(&units, k);
            for u in &units {
                if d.is_reported(u.id) {
                    prop_assert!(d.total_n[&u.id] >= u64::from(k));
                }
            }
        }

        #[test]
        fn no_group_below_k_is_parent_minus_reported_siblings(units in tree(), k in 3u32..8) {
            let d = decide_groups(&units, k);
            for parent in units.iter().filter(|u| d.is_reported(u.id)) {
                let kids: Vec<&UnitCount> = units.iter().filter(|u| u.parent == Some(parent.id)).collect();
                if kids.is_empty() {
                    continue;
                }
                // Unknowns of parent − shown children: hidden children, and the direct group when it has answers.
                let mut unknown: Vec<u64> = kids.iter().filter(|c| !d.is_reported(c.id)).map(|c| d.total_n[&c.id]).collect();
                if parent.direct_n > 0 {
                    unknown.push(parent.direct_n);
                }
                let any_small = kids.iter().any(|c| d.total_n[&c.id] < u64::from(k)) || (parent.direct_n > 0 && parent.direct_n < u64::from(k));
                if any_small {
                    prop_assert!(unknown.len() >= 2, "parent {} leaves a single unknown {:?}", parent.id, unknown);
                }
            }
        }

        #[test]
        fn no_hidden_unit_is_the_sum_of_shown_units(units in tree(), k in 3u32..8) {
            let d = decide_groups(&units, k);
            for hidden in units.iter().filter(|u| !d.is_reported(u.id) && d.total_n[&u.id] > 0) {
                let kids: Vec<&UnitCount> = units.iter().filter(|u| u.parent == Some(hidden.id)).collect();
                let rebuilt = !kids.is_empty() && hidden.direct_n == 0 && kids.iter().all(|c| d.is_reported(c.id));
                prop_assert!(!rebuilt, "unit {} = sum of its shown children", hidden.id);
            }
        }

        #[test]
        fn breakdowns_never_report_a_small_group_or_a_small_complement(n in 0u64..200, share in 0u64..200, k in 3u32..50) {
            let in_band = share.min(n);
            if breakdown_reportable(n, in_band, k) {
                prop_assert!(in_band >= u64::from(k) && n - in_band >= u64::from(k));
            }
        }
    }
}
