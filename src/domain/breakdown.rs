//! Breakdowns of the heatmap by grade band, tenure band or role kind: which (unit, band) cells may
//! be shown, by the filter rule of DESIGN.md §5 and complementary suppression along every sum a
//! reader could subtract.
//!
//! Why more than the filter rule: the cells of a breakdown add up in two directions. Across a row,
//! a unit's bands add up to the unit (shown when the unit is reportable); down the tree, a parent's
//! band adds up from the same band of its children plus its own direct respondents. A hidden cell
//! that is the only unknown of such a sum is that sum minus the shown parts. So every sum ("line")
//! must have either no unknown or at least two, counting its total: where exactly one is unknown,
//! the smallest shown part is hidden too, and this repeats until every line holds. Direct
//! respondents of a parent are a pseudo-unit that is never shown but may be worked out; it counts as
//! known only when it passes the filter rule itself.
//!
//! Limit, said plainly: this stops every recovery by one subtraction. It does not audit the bounds a
//! reader could get by solving several sums at once (the general cell-suppression problem); with at
//! least two unknowns in every line those bounds stay ranges, not values.
use super::anonymity::{GroupDecision, breakdown_reportable};
use super::unit_tree::TreeShape;
use std::collections::{HashMap, HashSet};

/// The dimension a heatmap is broken down by, with its REST code and its stored band codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakdownBy {
    GradeBand,
    TenureBand,
    Role,
}

impl BreakdownBy {
    pub const ALL: [BreakdownBy; 3] = [BreakdownBy::GradeBand, BreakdownBy::TenureBand, BreakdownBy::Role];

    /// The code used in `?breakdown=` (DESIGN.md §8).
    pub fn code(self) -> &'static str {
        match self {
            BreakdownBy::GradeBand => "grade_band",
            BreakdownBy::TenureBand => "tenure_band",
            BreakdownBy::Role => "role",
        }
    }

    pub fn parse(code: &str) -> Option<BreakdownBy> {
        Self::ALL.into_iter().find(|b| b.code() == code)
    }

    /// The stored band codes, in the order the survey offers them.
    pub fn bands(self) -> &'static [&'static str] {
        use super::submission::{GRADE_BANDS, ROLE_KINDS, TENURE_BANDS};
        match self {
            BreakdownBy::GradeBand => &GRADE_BANDS,
            BreakdownBy::TenureBand => &TENURE_BANDS,
            BreakdownBy::Role => &ROLE_KINDS,
        }
    }

    /// The band codes of a breakdown's rows: the stored ones, then [`BAND_NOT_GIVEN`].
    pub fn band_codes(self) -> Vec<&'static str> {
        self.bands().iter().copied().chain([BAND_NOT_GIVEN]).collect()
    }
}

/// Band code of the respondents who left the band empty.
pub const BAND_NOT_GIVEN: &str = "not_given";

/// For each band of G (in the order given, counts of G's responses in it; responses that gave no
/// band are one more entry), whether that band's figures may be shown:
/// - nothing of a group that is not reportable itself;
/// - the filter rule: a band G∩D needs n(G∩D) ≥ k and n(G∖D) ≥ k;
/// - the complement rule (in the spirit of the sibling rule): when exactly one band is hidden, G
///   minus the shown bands would give it away, so the smallest shown band is hidden too.
pub fn reportable_bands(group_reportable: bool, band_counts: &[u64], k: u32) -> Vec<bool> {
    let total: u64 = band_counts.iter().sum();
    if !group_reportable {
        return vec![false; band_counts.len()];
    }
    let mut shown: Vec<bool> = band_counts.iter().map(|n| breakdown_reportable(total, *n, k)).collect();
    while shown.iter().filter(|s| !**s).count() == 1 {
        let smallest = (0..band_counts.len()).filter(|i| shown[*i]).min_by_key(|i| (band_counts[*i], *i));
        match smallest {
            Some(i) => shown[i] = false,
            None => break,
        }
    }
    shown
}

/// A node of the breakdown: a unit, or the direct respondents of a unit that has children.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    Unit(i32),
    Direct(i32),
}

/// A unit of the tree with the number of its direct responses in each band (same band order for
/// every unit; responses that gave no band are one more band).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BandCounts {
    pub id: i32,
    pub parent: Option<i32>,
    pub direct: Vec<u64>,
}

/// One sum a reader can subtract: `total` = sum of `parts`.
struct Line {
    total: (Node, Option<usize>),
    parts: Vec<(Node, Option<usize>)>,
}

/// Which (unit, band) cells of a breakdown may be shown, given the tree's group decision (made on the
/// whole tree without bands). Returns the shown cells as (unit id, band index).
pub fn decide_band_cells(units: &[BandCounts], groups: &GroupDecision, k: u32) -> HashSet<(i32, usize)> {
    let bands = units.iter().map(|u| u.direct.len()).max().unwrap_or(0);
    let known_ids: HashSet<i32> = units.iter().map(|u| u.id).collect();
    let mut children: HashMap<i32, Vec<i32>> = HashMap::new();
    for u in units {
        if let Some(p) = u.parent.filter(|p| known_ids.contains(p)) {
            children.entry(p).or_default().push(u.id);
        }
    }
    let direct: HashMap<i32, &[u64]> = units.iter().map(|u| (u.id, u.direct.as_slice())).collect();
    let direct_of = |id: i32, b: usize| direct.get(&id).and_then(|d| d.get(b)).copied().unwrap_or(0);
    // Band counts of every unit with its descendants.
    let rolled: HashMap<i32, Vec<u64>> = TreeShape::new(units.iter().map(|u| (u.id, u.parent))).roll_up(
        |id| (0..bands).map(|b| direct_of(id, b)).collect(),
        |total: &mut Vec<u64>, child| total.iter_mut().zip(child).for_each(|(t, c)| *t += c),
    );
    let has_direct_node = |id: i32| children.contains_key(&id) && (0..bands).any(|b| direct_of(id, b) > 0);
    let count = |node: Node, band: Option<usize>| -> u64 {
        let per_band = |b: usize| match node {
            Node::Unit(id) => rolled.get(&id).map_or(0, |v| v[b]),
            Node::Direct(id) => direct_of(id, b),
        };
        match band {
            Some(b) => per_band(b),
            None => (0..bands).map(per_band).sum(),
        }
    };

    let mut known: HashSet<(Node, Option<usize>)> = HashSet::new();
    let mut nodes: Vec<Node> = units.iter().map(|u| Node::Unit(u.id)).collect();
    nodes.extend(units.iter().filter(|u| has_direct_node(u.id)).map(|u| Node::Direct(u.id)));
    for node in &nodes {
        let total_known = match node {
            Node::Unit(id) => groups.is_reported(*id),
            Node::Direct(id) => count(*node, None) >= u64::from(k) && !groups.direct_hidden.contains(id),
        };
        if total_known {
            known.insert((*node, None));
        }
        let shown = reportable_bands(total_known, &(0..bands).map(|b| count(*node, Some(b))).collect::<Vec<_>>(), k);
        known.extend(shown.iter().enumerate().filter(|(_, s)| **s).map(|(b, _)| (*node, Some(b))));
    }

    let mut lines: Vec<Line> = nodes
        .iter()
        .map(|node| Line { total: (*node, None), parts: (0..bands).map(|b| (*node, Some(b))).collect() })
        .collect();
    for u in units {
        let Some(kids) = children.get(&u.id) else { continue };
        for b in 0..bands {
            let mut parts: Vec<(Node, Option<usize>)> = kids.iter().map(|c| (Node::Unit(*c), Some(b))).collect();
            if has_direct_node(u.id) {
                parts.push((Node::Direct(u.id), Some(b)));
            }
            lines.push(Line { total: (Node::Unit(u.id), Some(b)), parts });
        }
    }

    // Only hiding, never showing: the loop ends after at most one pass per cell.
    let mut changed = true;
    while changed {
        changed = false;
        for line in &lines {
            let unknown = std::iter::once(&line.total).chain(&line.parts).filter(|c| !known.contains(c)).count();
            if unknown != 1 {
                continue;
            }
            let smallest_part =
                line.parts.iter().filter(|c| known.contains(c)).min_by_key(|c| (count(c.0, c.1), c.0, c.1)).copied();
            let hide = match smallest_part {
                Some(part) => part,
                // A total that equals its only part: hiding the total keeps two unknowns.
                None if line.total.1.is_some() => line.total,
                None => continue,
            };
            known.remove(&hide);
            changed = true;
        }
    }
    known
        .into_iter()
        .filter_map(|(node, band)| match (node, band) {
            (Node::Unit(id), Some(b)) => Some((id, b)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_band_needs_k_inside_and_k_outside() {
        assert_eq!(reportable_bands(true, &[6, 7, 8], 5), [true, true, true]);
        assert_eq!(reportable_bands(true, &[16, 4], 5), [false, false], "4 is hidden, so 16 would reveal it");
        assert_eq!(reportable_bands(true, &[10, 10], 5), [true, true]);
        assert_eq!(reportable_bands(false, &[10, 10], 5), [false, false], "never more than the group itself");
    }

    #[test]
    fn the_last_hidden_band_takes_the_smallest_shown_one_with_it() {
        // 3 is hidden; without the rule 20 − 6 − 8 would give it away.
        assert_eq!(reportable_bands(true, &[6, 8, 3], 5), [false, true, false]);
        // Two hidden bands already protect each other.
        assert_eq!(reportable_bands(true, &[6, 8, 3, 2], 5), [true, true, false, false]);
        // A band nobody chose is hidden too, and so protects the others' counts.
        assert_eq!(reportable_bands(true, &[6, 8, 0], 5), [false, true, false]);
    }

    use crate::domain::anonymity::{UnitCount, decide_groups};

    fn band_unit(id: i32, parent: Option<i32>, direct: &[u64]) -> BandCounts {
        BandCounts { id, parent, direct: direct.to_vec() }
    }

    fn decide(units: &[BandCounts], k: u32) -> (GroupDecision, HashSet<(i32, usize)>) {
        let counts: Vec<UnitCount> =
            units.iter().map(|u| UnitCount { id: u.id, parent: u.parent, direct_n: u.direct.iter().sum() }).collect();
        let groups = decide_groups(&counts, k);
        let cells = decide_band_cells(units, &groups, k);
        (groups, cells)
    }

    #[test]
    fn a_single_unit_follows_the_filter_rule() {
        let (_, cells) = decide(&[band_unit(1, None, &[6, 7, 8])], 5);
        assert_eq!(cells, HashSet::from([(1, 0), (1, 1), (1, 2)]));
        let (_, cells) = decide(&[band_unit(1, None, &[6, 8, 3])], 5);
        assert_eq!(cells, HashSet::from([(1, 1)]), "3 is hidden and takes the 6 with it");
    }

    #[test]
    fn a_band_hidden_in_one_child_is_not_the_parent_minus_the_other_child() {
        // Parent KAB (no direct) with A and B, both reportable. Band 0: A has 6, B has 2 → KAB has 8.
        // Showing KAB∩0 = 8 and A∩0 = 6 would give B∩0 = 2.
        let units = [band_unit(1, None, &[0, 0]), band_unit(2, Some(1), &[6, 10]), band_unit(3, Some(1), &[2, 12])];
        let (groups, cells) = decide(&units, 5);
        assert!(groups.is_reported(1) && groups.is_reported(2) && groups.is_reported(3));
        assert!(!cells.contains(&(3, 0)), "B∩0 has 2");
        assert!(!(cells.contains(&(1, 0)) && cells.contains(&(2, 0))), "KAB∩0 and A∩0 together would give B∩0 away");
    }

    #[test]
    fn nothing_of_a_unit_that_is_not_reportable() {
        let units = [band_unit(1, None, &[2, 2])];
        let (_, cells) = decide(&units, 5);
        assert!(cells.is_empty());
    }

    /// Random trees (each unit's parent is an earlier unit) with random direct counts in 3 bands.
    fn band_tree() -> impl Strategy<Value = Vec<BandCounts>> {
        (1usize..12).prop_flat_map(|size| {
            (
                proptest::collection::vec(0usize..1000, size),
                proptest::collection::vec(proptest::collection::vec(0u64..12, 3), size),
            )
                .prop_map(move |(parents, direct)| {
                    (0..size)
                        .map(|i| BandCounts {
                            id: i as i32 + 1,
                            parent: (i > 0).then(|| (parents[i] % i) as i32 + 1),
                            direct: direct[i].clone(),
                        })
                        .collect()
                })
        })
    }

    /// What a reader can work out from the shown figures by subtracting along every sum, repeated
    /// until nothing new comes out. Cells are (node, band), band `None` for a node's total.
    fn worked_out(
        units: &[BandCounts],
        groups: &GroupDecision,
        shown: &HashSet<(i32, usize)>,
    ) -> HashSet<(Node, Option<usize>)> {
        let bands = 3;
        let mut lines: Vec<Vec<(Node, Option<usize>)>> = Vec::new();
        for u in units {
            let kids: Vec<i32> = units.iter().filter(|c| c.parent == Some(u.id)).map(|c| c.id).collect();
            let mut members: Vec<Node> = kids.iter().map(|c| Node::Unit(*c)).collect();
            // A leaf's direct respondents are the leaf itself; a parent without any has no pseudo-unit.
            if !kids.is_empty() && u.direct.iter().sum::<u64>() > 0 {
                members.push(Node::Direct(u.id));
                let mut row = vec![(Node::Direct(u.id), None)];
                row.extend((0..bands).map(|b| (Node::Direct(u.id), Some(b))));
                lines.push(row);
            }
            let mut row = vec![(Node::Unit(u.id), None)];
            row.extend((0..bands).map(|b| (Node::Unit(u.id), Some(b))));
            lines.push(row);
            for band in std::iter::once(None).chain((0..bands).map(Some)) {
                if members.is_empty() {
                    continue;
                }
                let mut line = vec![(Node::Unit(u.id), band)];
                line.extend(members.iter().map(|m| (*m, band)));
                lines.push(line);
            }
        }
        let mut known: HashSet<(Node, Option<usize>)> =
            shown.iter().map(|(id, b)| (Node::Unit(*id), Some(*b))).collect();
        known.extend(units.iter().filter(|u| groups.is_reported(u.id)).map(|u| (Node::Unit(u.id), None)));
        loop {
            let learned: Vec<(Node, Option<usize>)> = lines
                .iter()
                .filter_map(|line| {
                    let unknown: Vec<_> = line.iter().filter(|c| !known.contains(c)).collect();
                    (unknown.len() == 1).then(|| *unknown[0])
                })
                .collect();
            if learned.is_empty() {
                return known;
            }
            known.extend(learned);
        }
    }

    proptest! {
        #[test]
        fn subtraction_never_works_out_a_group_below_k(units in band_tree(), k in 3u32..7) {
            let (groups, shown) = decide(&units, k);
            let count = |node: Node, band: Option<usize>| -> u64 {
                fn under(units: &[BandCounts], id: i32, band: Option<usize>) -> u64 {
                    let u = units.iter().find(|u| u.id == id).unwrap();
                    let own: u64 = match band { Some(b) => u.direct[b], None => u.direct.iter().sum() };
                    own + units.iter().filter(|c| c.parent == Some(id)).map(|c| under(units, c.id, band)).sum::<u64>()
                }
                match node {
                    Node::Unit(id) => under(&units, id, band),
                    Node::Direct(id) => {
                        let u = units.iter().find(|u| u.id == id).unwrap();
                        match band { Some(b) => u.direct[b], None => u.direct.iter().sum() }
                    }
                }
            };
            for (id, b) in &shown {
                prop_assert!(groups.is_reported(*id));
                let n = count(Node::Unit(*id), Some(*b));
                let total = count(Node::Unit(*id), None);
                prop_assert!(n >= u64::from(k) && total - n >= u64::from(k), "filter rule at ({id}, {b})");
            }
            for (node, band) in worked_out(&units, &groups, &shown) {
                prop_assert!(count(node, band) >= u64::from(k), "{node:?} band {band:?} can be worked out");
            }
        }
    }

    proptest! {
        #[test]
        fn shown_bands_obey_both_rules_and_never_leave_one_band_alone_hidden(
            counts in proptest::collection::vec(0u64..40, 1..7),
            k in 3u32..10,
        ) {
            let shown = reportable_bands(true, &counts, k);
            let total: u64 = counts.iter().sum();
            for (i, s) in shown.iter().enumerate() {
                if *s {
                    prop_assert!(counts[i] >= u64::from(k) && total - counts[i] >= u64::from(k));
                }
            }
            let hidden = shown.iter().filter(|s| !**s).count();
            prop_assert!(hidden != 1 || shown.len() == 1);
        }
    }
}
