//! Disclosure control (docs/DESIGN.md §5): which groups of a wave may show a figure, decided from the
//! counts of the people each figure rests on, so that nobody can work out the answers of fewer than k
//! people by subtracting one shown figure from others.
//!
//! The attacker designed against holds every figure Mawas ever showed them and subtracts. Every
//! figure is a sum over the finest **cells**: one unit's own direct respondents in one band. A group is
//! a unit with everything below it, or such a unit within one band of a breakdown.
//!
//! Rules, each for one figure's **own n** (the respondents that figure rests on: those with a score in
//! the discipline for its mean, those with all five for the LO index, the answers to an item …):
//! 1. **Own n**: a group shows the figure only if its own n ≥ k. Below k a mean is close to one
//!    person's answers. A hidden figure reads "< k" whether its n is 0 or k − 1.
//! 2. **Residual, counting people**: for a shown group G and the shown groups that are disjoint parts
//!    of it, n(G) − Σ n(parts) must be 0 or ≥ k: that difference is exactly what a reader gets by
//!    subtracting. The parts a reader can use are the *frontier* of G: its shown children, and below a
//!    hidden child that child's own frontier. The old rule counted hidden *groups* ("two hidden
//!    siblings protect each other") and was beaten by 2 + 2 people, by an empty sibling, and by a
//!    hidden complement with shown children of its own. While a residual is 1 … k − 1, the smallest
//!    shown part of the frontier is hidden (ties by id) and everything is checked again.
//! 3. **Empty groups protect nothing and need no protection**: a hidden sibling with 0 respondents
//!    adds 0 to a residual, and no unit is hidden to protect it.
//!
//! 4. **Bands**, the finest cut of a breakdown (grade, tenure or role; "not given" is a band too): a
//!    band group (unit, band) shows only for a shown unit. Here the residual of rule 2 is not enough
//!    (two counterexamples: unit − child − the unit's band 0 gives 1 person when the child has nobody
//!    in band 0; root − child − band 1 of the root + band 1 of the child gives 2 people), so the rule
//!    is the general one behind rule 2: group the people by which shown groups hold them (the
//!    **atoms**; for units alone an atom is exactly a residual). Every combination of shown figures
//!    that counts whole people is a union of atoms, so when every atom holds 0 or ≥ k people nothing
//!    smaller than k can be worked out, whatever a reader adds and subtracts and whichever cells they
//!    know to be empty. An atom is the residual of a shown unit in one band whose figure is shown at
//!    that unit or above it (its nearest "claim"), or that residual in all the bands nobody claims.
//!    While an atom holds 1 … k − 1 people, its claim is hidden (for the unclaimed part: the claim of
//!    its smallest claimed band), so it merges with the atom above (the atom rule).
//!    "Every atom 0 or ≥ k" is sufficient but far too strict: a small atom is often out of reach (a
//!    root's band shown, two of its units each with 3 people in the band and the band hidden at both:
//!    3 + 3 cannot be split), and hiding its claim never grows it, so one small unit hid a band at
//!    every level above it. So for k ≤ 5 (`disclosure/cuts.rs`) the atoms are the edges of a graph
//!    between residuals and claims, a set of atoms can be worked out only if it is a cut of that
//!    graph, and only sets of small atoms under k people that are cuts (up to four atoms, all a set
//!    under 5 people can have) make a group hidden: the smallest group holding part of the set,
//!    usually a unit's own band. Above k = 5, with more than 1,000 small atoms, or past the search's
//!    work budget, the atom rule decides. Still stricter than necessary: a cut is necessary for a set to be derivable, not
//!    sufficient (its edges must also all point the same way).
//!    **One dimension per wave**: the rule sees the bands of one dimension. Two dimensions of the same
//!    people are two cuts that cross, and where a combination is empty (nobody of grade II with 2–5
//!    years) grade I − tenure 2–5 is the grade-I people under 2 years, whatever the band sizes; an
//!    atom rule over all combinations would hide nearly every band. So a wave is broken down by the
//!    one dimension chosen when it was made, and no other is ever computed for it.
//! 5. **Every figure alone, then together**: each figure (responses, a discipline mean, the LO index,
//!    % favourable, an item, comments, α) is decided on its own n. Showing fewer groups than a valid
//!    decision never makes it invalid (hiding a shown group merges its residual, 0 or ≥ k, into the
//!    residual of the group above it, and a sum of such numbers is again 0 or ≥ k), so a view may show
//!    a figure only where every decision it depends on shows it, and stays safe.
//!
//! Checked by two attackers, with exact rational elimination over the cells (`disclosure/audit.rs`): the property
//! tests below (random trees, bands and k, these rules' decisions) and `tests/integration/attacker.rs`
//! (random organisations through the running app: every view, export and API answer of every scope,
//! cells crossed over all three dimensions). No set of cells holding 1 … k − 1 people together may lie
//! in the span of what is released.
//!
//! What a determined respondent can still learn: the survey says whether fewer than k or at least k
//! colleagues of the unit have answered. Forms without a score are refused, so it cannot be probed for
//! free; sending real forms one by one until it flips tells how many answered before, which is a count
//! of people, not anybody's answers, and those forms count in the unit's results like any other.
//!
//! Stated limit: with several unknowns a reader can still bound a hidden figure between the scale's
//! ends; that is the nature of suppression, not a disclosure of anyone's answers.

use super::ids::UnitId;
use super::unit_tree::TreeShape;
use std::collections::{HashMap, HashSet};

/// Default minimum group size k.
pub const DEFAULT_K: u32 = 5;

/// What staff may see of a wave (docs/DESIGN.md §5, "release at close"). While a wave is open its figures
/// change with every response, and whoever holds a personal link knows who just answered: two reads,
/// before and after, would be that person's answers. So an open wave shows participation only (the
/// count of each group the disclosure rules show), and results once it has closed, for good.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Release {
    /// Counts of responses only: no scores, distributions, comments, α or breakdowns.
    Participation,
    /// Every figure the disclosure rules allow.
    Results,
}

impl Release {
    /// The release of a wave in `phase`: results only once it has closed.
    pub fn of(phase: super::survey::WavePhase) -> Self {
        match phase {
            super::survey::WavePhase::Closed => Release::Results,
            _ => Release::Participation,
        }
    }
}

/// Comments of a group are shown only from the comment threshold on, which is never below k.
pub fn comments_shown(n: u64, k: u32, comment_threshold: u32) -> bool {
    n >= u64::from(comment_threshold.max(k))
}

/// A change between two waves is shown only where the unit is reportable in both.
pub fn change_shown(reported_before: bool, reported_now: bool) -> bool {
    reported_before && reported_now
}

/// Units that show a figure whose own n is `direct(unit)` for each unit's direct respondents.
pub fn shown_units(shape: &TreeShape, direct: impl Fn(UnitId) -> u64, k: u32) -> HashSet<UnitId> {
    let k = u64::from(k);
    let total = shape.roll_up(&direct, |t, c| *t += c);
    let mut shown: HashSet<UnitId> = shape.top_down().iter().copied().filter(|u| total[u] >= k).collect();
    // Each pass fixes the first violation top-down and starts again: hiding only ever removes shown
    // groups, so this ends, and the order makes the outcome deterministic. A pass is linear in the
    // units; passes are one per hidden part, which real trees need few of.
    while let Some(part) = first_unit_violation(shape, &total, &shown, k) {
        shown.remove(&part);
    }
    shown
}

/// Band groups (unit, band index) that show a figure whose own n is `direct(unit, band)` for each
/// unit's direct respondents in each of `bands` bands, given the `units` that show it (rule 4).
pub fn shown_bands(
    shape: &TreeShape,
    direct: impl Fn(UnitId, usize) -> u64,
    bands: usize,
    units: &HashSet<UnitId>,
    k: u32,
) -> HashSet<(UnitId, usize)> {
    let k = u64::from(k);
    let total = shape.roll_up(
        |u| (0..bands).map(|b| direct(u, b)).collect::<Vec<u64>>(),
        |t, c| t.iter_mut().zip(c).for_each(|(t, c)| *t += c),
    );
    // The people of each shown unit that no shown unit below it holds (its residual), per band.
    let mut cover: HashMap<UnitId, Vec<u64>> = HashMap::with_capacity(total.len());
    let mut residual: HashMap<UnitId, Vec<u64>> = HashMap::with_capacity(units.len());
    for &u in shape.top_down().iter().rev() {
        let mut below = vec![0u64; bands];
        for c in shape.children(u) {
            below.iter_mut().zip(&cover[c]).for_each(|(x, y)| *x += y);
        }
        if units.contains(&u) {
            residual.insert(u, total[&u].iter().zip(&below).map(|(t, b)| t - b).collect());
            cover.insert(u, total[&u].clone());
        } else {
            cover.insert(u, below);
        }
    }
    let mut shown: HashSet<(UnitId, usize)> =
        units.iter().flat_map(|u| (0..bands).map(move |b| (*u, b))).filter(|(u, b)| total[u][*b] >= k).collect();
    loop {
        let hide = cuts::band_groups_to_hide(shape, &total, &residual, &shown, bands, k)
            .unwrap_or_else(|| band_groups_to_hide(shape, &residual, &shown, bands, k));
        if hide.is_empty() {
            return shown;
        }
        shown.retain(|g| !hide.contains(g));
    }
}

/// For every atom of 1 … k − 1 people (rule 4), the band group whose hiding merges it with another:
/// the nearest shown group of its band above it, or for the unclaimed part of a unit the nearest
/// group of its smallest claimed band. One pass over the tree; hiding more than one group per pass
/// is safe by rule 5.
fn band_groups_to_hide(
    shape: &TreeShape,
    residual: &HashMap<UnitId, Vec<u64>>,
    shown: &HashSet<(UnitId, usize)>,
    bands: usize,
    k: u64,
) -> HashSet<(UnitId, usize)> {
    let mut hide = HashSet::new();
    for (_, r, claim) in claimed_residuals(shape, residual, shown, bands) {
        for b in 0..bands {
            if let Some(by) = claim[b].filter(|_| leaks(r[b], k)) {
                hide.insert((by, b));
            }
        }
        let unclaimed: u64 = (0..bands).filter(|b| claim[*b].is_none()).map(|b| r[b]).sum();
        if leaks(unclaimed, k) {
            hide.extend(smallest_claim(r, &claim));
        }
    }
    hide
}

/// A shown unit, its residual per band and per band the unit that claims it.
type ClaimedResidual<'a> = (UnitId, &'a [u64], Vec<Option<UnitId>>);

/// Every shown unit with its residual (top-down) and its claims: per band the nearest unit at or above it
/// that shows that band, if any (rule 4).
fn claimed_residuals<'a>(
    shape: &TreeShape,
    residual: &'a HashMap<UnitId, Vec<u64>>,
    shown: &HashSet<(UnitId, usize)>,
    bands: usize,
) -> Vec<ClaimedResidual<'a>> {
    let mut claims: HashMap<UnitId, Vec<Option<UnitId>>> = HashMap::with_capacity(shape.top_down().len());
    let mut out = Vec::with_capacity(residual.len());
    for &u in shape.top_down() {
        let inherited = shape.parent(u).and_then(|p| claims.get(&p)).cloned().unwrap_or_else(|| vec![None; bands]);
        let claim: Vec<Option<UnitId>> =
            (0..bands).map(|b| if shown.contains(&(u, b)) { Some(u) } else { inherited[b] }).collect();
        if let Some(r) = residual.get(&u) {
            out.push((u, r.as_slice(), claim.clone()));
        }
        claims.insert(u, claim);
    }
    out
}

/// The band group of a residual's smallest claimed band: hiding it merges the residual's unclaimed
/// part with that band's people.
fn smallest_claim(residual: &[u64], claim: &[Option<UnitId>]) -> Option<(UnitId, usize)> {
    (0..residual.len())
        .filter(|b| residual[*b] > 0)
        .filter_map(|b| claim[b].map(|by| (residual[b], b, by)))
        .min_by_key(|(n, b, _)| (*n, *b))
        .map(|(_, b, by)| (by, b))
}

/// Whether a residual leaks: 1 … k − 1 people.
fn leaks(n: u64, k: u64) -> bool {
    n > 0 && n < k
}

/// The part to hide for the first shown unit (top-down) whose residual is 1 … k − 1.
fn first_unit_violation(
    shape: &TreeShape,
    total: &HashMap<UnitId, u64>,
    shown: &HashSet<UnitId>,
    k: u64,
) -> Option<UnitId> {
    let cover = covers(shape, |u| shown.contains(&u).then(|| total[&u]));
    for &u in shape.top_down() {
        if !shown.contains(&u) {
            continue;
        }
        let covered: u64 = shape.children(u).iter().map(|c| cover[c]).sum();
        let residual = total[&u] - covered;
        if residual > 0 && residual < k {
            // With no shown part left the residual is the whole group (≥ k), so `u` itself is only the
            // rule's last resort (docs/DESIGN.md §5: "if no part is left, hide G").
            let parts = frontier(shape, u, |c| shown.contains(&c));
            return Some(parts.into_iter().min_by_key(|p| (total[p], *p)).unwrap_or(u));
        }
    }
    None
}

/// For every unit, how much of it shown groups cover: its own n when `shown_n` gives one, else what
/// its children cover.
fn covers(shape: &TreeShape, shown_n: impl Fn(UnitId) -> Option<u64>) -> HashMap<UnitId, u64> {
    let mut cover: HashMap<UnitId, u64> = HashMap::with_capacity(shape.top_down().len());
    for &u in shape.top_down().iter().rev() {
        let value = shown_n(u).unwrap_or_else(|| shape.children(u).iter().map(|c| cover[c]).sum());
        cover.insert(u, value);
    }
    cover
}

/// The shown groups right below `u` in the tree: each child if shown, else that child's frontier.
fn frontier(shape: &TreeShape, u: UnitId, shown: impl Fn(UnitId) -> bool) -> Vec<UnitId> {
    let mut parts = Vec::new();
    let mut todo: Vec<UnitId> = shape.children(u).to_vec();
    while let Some(c) = todo.pop() {
        if shown(c) {
            parts.push(c);
        } else {
            todo.extend_from_slice(shape.children(c));
        }
    }
    parts
}

#[cfg(test)]
pub(crate) mod audit;
mod cuts;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::tests::links;
    use proptest::prelude::*;

    /// A tree of (id, parent, direct n).
    fn decide(units: &[(i32, Option<i32>, u64)], k: u32) -> HashSet<UnitId> {
        let shape = TreeShape::new(units.iter().map(|(id, parent, _)| (UnitId(*id), parent.map(UnitId))));
        let direct: HashMap<UnitId, u64> = units.iter().map(|(id, _, n)| (UnitId(*id), *n)).collect();
        shown_units(&shape, |u| direct[&u], k)
    }

    fn set(ids: &[i32]) -> HashSet<UnitId> {
        ids.iter().copied().map(UnitId).collect()
    }

    #[test]
    fn comments_and_changes_follow_design() {
        assert!(comments_shown(5, 5, 5));
        assert!(!comments_shown(6, 5, 8));
        assert!(!comments_shown(4, 5, 3), "the comment threshold never goes below k");
        assert!(change_shown(true, true));
        assert!(!change_shown(true, false) && !change_shown(false, true));
    }

    #[test]
    fn an_empty_sibling_neither_protects_nor_is_protected() {
        // Parent 1 with children of 3, 0 and 12: the 0 must not count as a second hidden group.
        let units = [(1, None, 0), (2, Some(1), 3), (3, Some(1), 0), (4, Some(1), 12)];
        assert_eq!(decide(&units, 5), set(&[1]), "the 12 goes, or parent − 12 = the 3 people");
        // Children of 0 and 12 only: nothing to protect, the 12 is shown.
        let units = [(1, None, 0), (2, Some(1), 0), (3, Some(1), 12)];
        assert_eq!(decide(&units, 5), set(&[1, 3]));
    }

    #[test]
    fn two_small_hidden_siblings_are_counted_as_people() {
        // 2 + 2 people hidden: parent − the shown 9 and 8 = 4 people. One more sibling goes.
        let units = [(1, None, 0), (2, Some(1), 2), (3, Some(1), 2), (4, Some(1), 9), (5, Some(1), 8)];
        assert_eq!(decide(&units, 5), set(&[1, 4]));
    }

    #[test]
    fn a_hidden_complement_with_shown_children_is_seen_through() {
        // Parent 1: child 2 (3 people) and child 3 (1 direct + children 4 and 5 of 6 each).
        // Hiding 3 alone leaves parent − 4 − 5 = 3 + 1 people: 4 must go as well.
        let units = [(1, None, 0), (2, Some(1), 3), (3, Some(1), 1), (4, Some(3), 6), (5, Some(3), 6)];
        // 16 − 13 = 3: unit 3 goes; then 16 − 6 − 6 = 4: unit 4 goes too; 16 − 6 = 10 holds.
        assert_eq!(decide(&units, 5), set(&[1, 5]));
    }

    #[test]
    fn direct_respondents_of_a_parent_are_protected_by_hiding_a_child() {
        let units = [(1, None, 2), (2, Some(1), 9), (3, Some(1), 6)];
        assert_eq!(decide(&units, 5), set(&[1, 2]), "1 − 9 = 8 people, not 2");
    }

    /// A random tree of 1–4 levels: (parent index or none, direct n per band).
    fn random_tree() -> impl Strategy<Value = Vec<(Option<prop::sample::Index>, Vec<u64>)>> {
        let band_counts = prop::collection::vec(prop_oneof![3 => 0u64..3, 2 => 0u64..8, 1 => 5u64..15], 3);
        prop::collection::vec((prop::option::weighted(0.9, any::<prop::sample::Index>()), band_counts), 1..12)
    }

    /// The tree with depth at most 4: unit i hangs below an earlier unit of depth < 4.
    fn build(tree: &[(Option<prop::sample::Index>, Vec<u64>)]) -> (TreeShape, Vec<(UnitId, Vec<u64>)>) {
        let mut depth = Vec::new();
        let mut links = Vec::new();
        for (i, (parent, _)) in tree.iter().enumerate() {
            let parent = parent.filter(|_| i > 0).map(|p| p.index(i)).filter(|p| depth[*p] < 3);
            depth.push(parent.map_or(0, |p| depth[p] + 1));
            links.push((UnitId(i as i32), parent.map(|p| UnitId(p as i32))));
        }
        let cells = tree.iter().enumerate().map(|(i, (_, n))| (UnitId(i as i32), n.clone())).collect();
        (TreeShape::new(links), cells)
    }

    /// The attacker: every released group over the cells (a unit's direct respondents in one band).
    fn nothing_small_is_derivable(
        shape: &TreeShape,
        direct: &HashMap<UnitId, Vec<u64>>,
        units: &HashSet<UnitId>,
        bands_shown: &HashSet<(UnitId, usize)>,
        k: u32,
    ) -> Result<(), TestCaseError> {
        let bands = direct.values().next().map_or(0, Vec::len);
        let cells: Vec<((UnitId, usize), u64)> =
            direct.iter().flat_map(|(u, n)| n.iter().enumerate().map(move |(b, n)| ((*u, b), *n))).collect();
        let subtree = |u: UnitId| -> Vec<UnitId> {
            let mut out = vec![u];
            let mut i = 0;
            while i < out.len() {
                out.extend_from_slice(shape.children(out[i]));
                i += 1;
            }
            out
        };
        let group = |u: UnitId, band: Option<usize>| -> Vec<(UnitId, usize)> {
            subtree(u)
                .into_iter()
                .flat_map(|d| (0..bands).filter(move |b| band.is_none_or(|x| x == *b)).map(move |b| (d, b)))
                .collect()
        };
        let mut released: Vec<Vec<(UnitId, usize)>> = units.iter().map(|u| group(*u, None)).collect();
        released.extend(bands_shown.iter().map(|(u, b)| group(*u, Some(*b))));
        let found = audit::small_derivable(&cells, &released, u64::from(k));
        prop_assert!(found.is_none(), "derivable: {}", found.unwrap_or_default());
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Every unit figure released for a random tree of 1–4 levels, as the attacker holds them.
        /// Fails on the old sibling rule.
        #[test]
        fn nothing_small_lies_in_the_span_of_what_is_shown(tree in random_tree(), k in 3u32..7) {
            let (shape, cells) = build(&tree);
            let direct: HashMap<UnitId, Vec<u64>> = cells.iter().cloned().collect();
            let units = shown_units(&shape, |u| direct[&u].iter().sum(), k);
            nothing_small_is_derivable(&shape, &direct, &units, &HashSet::new(), k)?;
        }

        /// The same with a breakdown: every shown unit and every shown band group of it released.
        /// Fails on the old per-line rule (`breakdown::decide_band_cells`).
        #[test]
        fn nothing_small_lies_in_the_span_of_a_breakdown(tree in random_tree(), k in 3u32..7) {
            let (shape, cells) = build(&tree);
            let direct: HashMap<UnitId, Vec<u64>> = cells.iter().cloned().collect();
            let units = shown_units(&shape, |u| direct[&u].iter().sum(), k);
            let bands = shown_bands(&shape, |u, b| direct[&u][b], 3, &units, k);
            prop_assert!(bands.iter().all(|(u, _)| units.contains(u)), "a band of a hidden unit");
            nothing_small_is_derivable(&shape, &direct, &units, &bands, k)?;
        }
    }

    #[test]
    fn a_tree_with_more_small_atoms_than_the_cut_search_takes_is_decided_by_the_atom_rule() {
        // 1,200 units below one root, each with 1 person in band 0 and 6 in band 1: 1,200 small atoms.
        let root = UnitId(0);
        let links: Vec<(UnitId, Option<UnitId>)> =
            std::iter::once((root, None)).chain((1..=1200).map(|u| (UnitId(u), Some(root)))).collect();
        let shape = TreeShape::new(links);
        let direct = |u: UnitId, b: usize| if u == root { 0 } else { [1, 6][b] };
        let units = shown_units(&shape, |u| direct(u, 0) + direct(u, 1), 5);
        let shown = shown_bands(&shape, direct, 2, &units, 5);
        // What the atom rule alone decides.
        let total =
            shape.roll_up(|u| vec![direct(u, 0), direct(u, 1)], |t, c| t.iter_mut().zip(c).for_each(|(t, c)| *t += c));
        // Every unit shows, so the root's own residual is empty and each leaf's is the leaf.
        let residual: HashMap<UnitId, Vec<u64>> =
            units.iter().map(|u| (*u, if *u == root { vec![0, 0] } else { total[u].clone() })).collect();
        let mut atom_rule: HashSet<(UnitId, usize)> =
            units.iter().flat_map(|u| [(*u, 0), (*u, 1)]).filter(|(u, b)| total[u][*b] >= 5).collect();
        loop {
            let hide = band_groups_to_hide(&shape, &residual, &atom_rule, 2, 5);
            if hide.is_empty() {
                break;
            }
            atom_rule.retain(|g| !hide.contains(g));
        }
        assert_eq!(shown, atom_rule);
    }

    #[test]
    fn a_band_known_empty_at_the_parent_does_not_give_the_child_away() {
        // Unit 2: [0, 2, 1] direct; its child 3: [5, 1, 0]. (2, band 0) holds only unit 3's 5, so with
        // unit 3's total the 1 person of unit 3 in band 1 would come out.
        let shape = TreeShape::new(links(&[(2, None), (3, Some(2))]));
        let direct: HashMap<UnitId, Vec<u64>> =
            [(UnitId(2), vec![0, 2, 1]), (UnitId(3), vec![5, 1, 0])].into_iter().collect();
        let units = shown_units(&shape, |u| direct[&u].iter().sum(), 3);
        let bands = shown_bands(&shape, |u, b| direct[&u][b], 3, &units, 3);
        assert!(!bands.contains(&(UnitId(2), 0)) && !bands.contains(&(UnitId(3), 0)), "{bands:?}");
    }

    #[test]
    fn a_band_that_a_unit_minus_its_child_and_its_other_band_gives_away_is_hidden() {
        // Unit 1: 11 direct in bands [10, 0, 1], child 2 with [0, 4, 1]. 1 − 2 − (1, band 0) would be
        // the 1 person of unit 1 in band 2, since unit 2 has nobody in band 0.
        let shape = TreeShape::new(links(&[(1, None), (2, Some(1))]));
        let direct: HashMap<UnitId, Vec<u64>> =
            [(UnitId(1), vec![10, 0, 1]), (UnitId(2), vec![0, 4, 1])].into_iter().collect();
        let units = shown_units(&shape, |u| direct[&u].iter().sum(), 5);
        assert_eq!(units, set(&[1, 2]));
        let bands = shown_bands(&shape, |u, b| direct[&u][b], 3, &units, 5);
        assert!(!bands.contains(&(UnitId(1), 0)), "{bands:?}");
    }
}
