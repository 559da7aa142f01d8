//! The unit heatmap of one wave: per-unit sums rolled up the tree in memory (docs/DESIGN.md §4), every
//! figure passed through the disclosure control of [`super::disclosure`] on its own n, rows in tree
//! order.

use super::aggregation::{FavourableCount, GroupFigures, GroupSums};
use super::disclosure::{Release, shown_bands, shown_units};
use super::ids::UnitId;
use super::unit_tree::TreeShape;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

/// A unit of the tree as the heatmap needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeatmapUnit {
    pub id: UnitId,
    pub parent: Option<UnitId>,
    pub code: String,
    pub name: String,
    pub headcount: Option<i64>,
}

/// Additive sums of the responses of one group (a unit's own, or rolled up).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ScoreSums {
    /// Responses, whatever their scores.
    pub responses: u64,
    pub disciplines: [GroupSums; 5],
    pub lo_index: GroupSums,
    pub favourable: [FavourableCount; 5],
    /// Responses typed in from paper by HR (docs/DESIGN.md §5: the heatmap says how many).
    pub typed_in: u64,
}

impl ScoreSums {
    /// Adds another group's sums.
    pub fn merge(&mut self, other: &ScoreSums) {
        self.responses += other.responses;
        self.typed_in += other.typed_in;
        for i in 0..5 {
            self.disciplines[i].merge(&other.disciplines[i]);
            self.favourable[i].merge(&other.favourable[i]);
        }
        self.lo_index.merge(&other.lo_index);
    }
}

/// A figure of a heatmap row, each shown or hidden on the number of people it rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// The row itself: its n, response rate and comments.
    Responses,
    /// A discipline's mean and spread, on the respondents with a score in it.
    Discipline(usize),
    /// The LO index, on the respondents with all five discipline scores.
    LoIndex,
    /// A discipline's % favourable, on the respondents who answered at least one of its items.
    Favourable(usize),
}

impl Figure {
    /// Every figure of a row.
    pub const ALL: [Figure; 12] = [
        Figure::Responses,
        Figure::Discipline(0),
        Figure::Discipline(1),
        Figure::Discipline(2),
        Figure::Discipline(3),
        Figure::Discipline(4),
        Figure::LoIndex,
        Figure::Favourable(0),
        Figure::Favourable(1),
        Figure::Favourable(2),
        Figure::Favourable(3),
        Figure::Favourable(4),
    ];

    /// The place of this figure in [`Figure::ALL`].
    pub fn index(self) -> usize {
        match self {
            Figure::Responses => 0,
            Figure::Discipline(i) => 1 + i,
            Figure::LoIndex => 6,
            Figure::Favourable(i) => 7 + i,
        }
    }

    /// The people this figure rests on.
    pub fn own_n(self, sums: &ScoreSums) -> u64 {
        match self {
            Figure::Responses => sums.responses,
            Figure::Discipline(i) => sums.disciplines[i].n,
            Figure::LoIndex => sums.lo_index.n,
            Figure::Favourable(i) => sums.favourable[i].respondents,
        }
    }
}

/// For each figure (in [`Figure::ALL`] order) the units that may show it, decided on the whole tree.
struct UnitDecisions([HashSet<UnitId>; 12]);

impl UnitDecisions {
    fn new(shape: &TreeShape, own: &HashMap<UnitId, ScoreSums>, k: u32) -> Self {
        UnitDecisions(Figure::ALL.map(|figure| shown_units(shape, |u| own.get(&u).map_or(0, |s| figure.own_n(s)), k)))
    }

    /// Per figure whether `unit` shows it; while only participation is released, its count alone.
    fn shows(&self, unit: UnitId, release: Release) -> [bool; 12] {
        std::array::from_fn(|i| (i == 0 || release == Release::Results) && self.0[i].contains(&unit))
    }
}

/// Figures of one discipline of a shown row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DisciplineCell {
    pub figures: GroupFigures,
    /// Share favourable in 0..=1; `None` when too few people answered the discipline's items.
    pub favourable: Option<f64>,
}

/// One row of the heatmap. Every figure is `None` when the row is not reportable, and each one also
/// when too few people stand behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatmapRow {
    pub unit_id: UnitId,
    pub code: String,
    pub name: String,
    pub parent_code: Option<String>,
    pub depth: usize,
    pub reportable: bool,
    pub n: Option<u64>,
    /// How many of the n were typed in from paper.
    pub typed_in: Option<u64>,
    pub response_rate: Option<f64>,
    pub lo_index: Option<GroupFigures>,
    pub disciplines: [Option<DisciplineCell>; 5],
}

/// Builds the heatmap rows of the subtree under `scope` (every root when `None`) from the sums of
/// each unit's own responses; `depth` counts from the root of the whole tree. Suppression is decided
/// on the whole tree first, so a scoped view never shows a figure the whole-organisation view hides.
/// An open wave shows its counts only (`release`).
pub fn build_heatmap(
    units: &[HeatmapUnit],
    own: &HashMap<UnitId, ScoreSums>,
    k: u32,
    scope: Option<UnitId>,
    release: Release,
) -> Vec<HeatmapRow> {
    let shape = TreeShape::new(units.iter().map(|u| (u.id, u.parent)));
    let decisions = UnitDecisions::new(&shape, own, k);
    let rolled = roll_up_forest(&shape, own);
    let code_of: HashMap<UnitId, &str> = units.iter().map(|u| (u.id, u.code.as_str())).collect();
    in_tree_order(units, &shape, scope)
        .into_iter()
        .map(|(u, depth)| {
            row(u, depth, rolled.get(&u.id).copied().unwrap_or_default(), decisions.shows(u.id, release), &code_of)
        })
        .collect()
}

/// The units of the subtree under `scope` (every root when `None`) in tree order, with their depth
/// from the root of the whole tree, so a unit has the same depth in every view of it.
fn in_tree_order<'a>(
    units: &'a [HeatmapUnit],
    shape: &TreeShape,
    scope: Option<UnitId>,
) -> Vec<(&'a HeatmapUnit, usize)> {
    let by_id: HashMap<UnitId, &HeatmapUnit> = units.iter().map(|u| (u.id, u)).collect();
    let starts: Vec<UnitId> = match scope {
        Some(s) => by_id.contains_key(&s).then_some(s).into_iter().collect(),
        None => shape.roots().to_vec(),
    };
    let mut out = Vec::new();
    let mut stack: Vec<(UnitId, usize)> = starts.into_iter().rev().map(|u| (u, shape.depth(u))).collect();
    while let Some((u, depth)) = stack.pop() {
        out.push((by_id[&u], depth));
        stack.extend(shape.children(u).iter().rev().map(|c| (*c, depth + 1)));
    }
    out
}

/// Sums of every unit with all its descendants.
fn roll_up_forest(shape: &TreeShape, own: &HashMap<UnitId, ScoreSums>) -> HashMap<UnitId, ScoreSums> {
    shape.roll_up(|id| own.get(&id).copied().unwrap_or_default(), ScoreSums::merge)
}

/// One row from the rolled-up sums and, per figure in [`Figure::ALL`] order, whether it may be shown.
/// A figure shows only where the row does too (rule 5 of [`super::disclosure`]: showing less is safe).
fn row(
    u: &HeatmapUnit,
    depth: usize,
    sums: ScoreSums,
    shows: [bool; 12],
    code_of: &HashMap<UnitId, &str>,
) -> HeatmapRow {
    let reportable = shows[0];
    let shown = |figure: Figure| reportable && shows[figure.index()];
    let disciplines = std::array::from_fn(|i| {
        sums.disciplines[i].figures().filter(|_| shown(Figure::Discipline(i))).map(|figures| DisciplineCell {
            figures,
            favourable: sums.favourable[i].share().filter(|_| shown(Figure::Favourable(i))),
        })
    });
    HeatmapRow {
        unit_id: u.id,
        code: u.code.clone(),
        name: u.name.clone(),
        parent_code: u.parent.and_then(|p| code_of.get(&p).map(|c| c.to_string())),
        depth,
        reportable,
        n: Some(sums.responses).filter(|_| reportable),
        typed_in: Some(sums.typed_in).filter(|_| reportable),
        response_rate: u.headcount.filter(|h| *h > 0 && reportable).map(|h| sums.responses as f64 / h as f64),
        lo_index: sums.lo_index.figures().filter(|_| shown(Figure::LoIndex)),
        disciplines,
    }
}

/// A unit of a breakdown with the figures of each band (`None` where the band may not be shown).
#[derive(Clone, Debug, PartialEq)]
pub struct BreakdownRow {
    /// The unit as in the heatmap.
    pub unit: HeatmapRow,
    /// One row per band, in band order, with the unit's code, name and depth; no response rate.
    pub bands: Vec<HeatmapRow>,
}

/// The heatmap of the subtree under `scope` broken down by a band: `own` holds the sums of each
/// unit's own responses per band index (0..`bands`, responses without a band being one of them).
/// Units are decided as in [`build_heatmap`], each figure's band groups by
/// [`super::disclosure::shown_bands`] on that figure's own n. An open wave shows no band at all.
pub fn build_breakdown(
    units: &[HeatmapUnit],
    own: &HashMap<(UnitId, usize), ScoreSums>,
    bands: usize,
    k: u32,
    scope: Option<UnitId>,
    release: Release,
) -> Vec<BreakdownRow> {
    let mut own_total: HashMap<UnitId, ScoreSums> = HashMap::new();
    for ((unit, _), sums) in own {
        own_total.entry(*unit).or_default().merge(sums);
    }
    let shape = TreeShape::new(units.iter().map(|u| (u.id, u.parent)));
    let decisions = UnitDecisions::new(&shape, &own_total, k);
    let band_decisions: Vec<HashSet<(UnitId, usize)>> = Figure::ALL
        .iter()
        .zip(&decisions.0)
        .map(|(figure, shown)| {
            shown_bands(&shape, |u, b| own.get(&(u, b)).map_or(0, |s| figure.own_n(s)), bands, shown, k)
        })
        .collect();
    let code_of: HashMap<UnitId, &str> = units.iter().map(|u| (u.id, u.code.as_str())).collect();
    let rolled_by_band: Vec<HashMap<UnitId, ScoreSums>> = (0..bands)
        .map(|b| {
            let own_b: HashMap<UnitId, ScoreSums> =
                own.iter().filter(|((_, band), _)| *band == b).map(|((unit, _), s)| (*unit, *s)).collect();
            roll_up_forest(&shape, &own_b)
        })
        .collect();
    let rolled = roll_up_forest(&shape, &own_total);
    in_tree_order(units, &shape, scope)
        .into_iter()
        .map(|(u, depth)| {
            let unit_row =
                row(u, depth, rolled.get(&u.id).copied().unwrap_or_default(), decisions.shows(u.id, release), &code_of);
            let bands = rolled_by_band
                .iter()
                .enumerate()
                .map(|(b, rolled)| {
                    let sums = rolled.get(&u.id).copied().unwrap_or_default();
                    let shows =
                        std::array::from_fn(|i| release == Release::Results && band_decisions[i].contains(&(u.id, b)));
                    HeatmapRow { response_rate: None, ..row(u, depth, sums, shows, &code_of) }
                })
                .collect();
            BreakdownRow { unit: unit_row, bands }
        })
        .collect()
}

/// Reorders rows given in tree order (each with its depth) so that every set of siblings follows
/// `order`, while each unit's descendants stay right below it: sorting a heatmap never tears the tree.
pub fn sort_siblings<T>(rows: Vec<T>, depth: impl Fn(&T) -> usize, order: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let top = rows.iter().map(&depth).min().unwrap_or(0);
    let levels: Vec<usize> = rows.iter().map(|r| depth(r) - top).collect();
    // Each row's children (row indices), found with a stack of open ancestors: no recursion, so no
    // depth of tree can overflow the stack.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
    let mut tops: Vec<usize> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (i, level) in levels.iter().enumerate() {
        while open.last().is_some_and(|&a| levels[a] >= *level) {
            open.pop();
        }
        match open.last() {
            Some(&parent) => children[parent].push(i),
            None => tops.push(i),
        }
        open.push(i);
    }
    let mut slots: Vec<Option<T>> = rows.into_iter().map(Some).collect();
    let by_order = |list: &mut Vec<usize>, slots: &[Option<T>]| {
        list.sort_by(|a, b| match (&slots[*a], &slots[*b]) {
            (Some(a), Some(b)) => order(a, b),
            _ => Ordering::Equal,
        });
    };
    by_order(&mut tops, &slots);
    let mut out = Vec::with_capacity(slots.len());
    let mut stack: Vec<usize> = tops.into_iter().rev().collect();
    while let Some(i) = stack.pop() {
        let mut kids = std::mem::take(&mut children[i]);
        by_order(&mut kids, &slots);
        stack.extend(kids.into_iter().rev());
        out.extend(slots[i].take());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i32, parent: Option<i32>, code: &str) -> HeatmapUnit {
        HeatmapUnit {
            id: UnitId(id),
            parent: parent.map(UnitId),
            code: code.into(),
            name: format!("Unit {code}"),
            headcount: Some(20),
        }
    }

    /// Sums of `n` responses that all scored `score` in every discipline.
    fn sums(n: u64, score: f64) -> ScoreSums {
        let values = std::iter::repeat_n(score, n as usize);
        let g = GroupSums::of(values);
        let fav = FavourableCount { favourable: if score >= 4.0 { 5 * n } else { 0 }, answered: 5 * n, respondents: n };
        ScoreSums {
            responses: n,
            disciplines: [g; 5],
            lo_index: GroupSums::of(std::iter::repeat_n((score - 1.0) * 25.0, n as usize)),
            favourable: [fav; 5],
            typed_in: 0,
        }
    }

    #[test]
    fn parents_include_their_descendants_and_small_groups_show_nothing() {
        let units = vec![unit(1, None, "KAB"), unit(2, Some(1), "A"), unit(3, Some(1), "B"), unit(4, Some(1), "C")];
        let own: HashMap<UnitId, ScoreSums> =
            [(UnitId(2), sums(6, 4.0)), (UnitId(3), sums(3, 2.0)), (UnitId(4), sums(10, 3.0))].into();
        let rows = build_heatmap(&units, &own, 5, None, Release::Results);
        let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, vec!["KAB", "A", "B", "C"]);
        let kab = &rows[0];
        assert_eq!(kab.n, Some(19));
        let pm = kab.disciplines[0].unwrap();
        assert!((pm.figures.mean - (6.0 * 4.0 + 3.0 * 2.0 + 10.0 * 3.0) / 19.0).abs() < 1e-12);
        assert!((pm.favourable.unwrap() - 6.0 / 19.0).abs() < 1e-12);
        assert_eq!(kab.response_rate, Some(19.0 / 20.0));
        // B has 3 responses: hidden; A (6) is the smallest other child and hidden with it.
        assert!(!rows[2].reportable && rows[2].n.is_none() && rows[2].disciplines.iter().all(Option::is_none));
        assert!(!rows[1].reportable && rows[1].lo_index.is_none());
        assert!(rows[3].reportable);
        assert_eq!(rows[3].depth, 1);
        assert_eq!(rows[3].parent_code.as_deref(), Some("KAB"));
    }

    #[test]
    fn a_scoped_view_shows_the_subtree_with_the_same_decisions() {
        let units = vec![
            unit(1, None, "KAB"),
            unit(2, Some(1), "A"),
            unit(3, Some(1), "B"),
            unit(4, Some(2), "A1"),
            unit(5, Some(2), "A2"),
        ];
        let own: HashMap<UnitId, ScoreSums> =
            [(UnitId(3), sums(3, 2.0)), (UnitId(4), sums(7, 4.0)), (UnitId(5), sums(8, 4.0))].into();
        let whole = build_heatmap(&units, &own, 5, None, Release::Results);
        let scoped = build_heatmap(&units, &own, 5, Some(UnitId(2)), Release::Results);
        assert_eq!(scoped.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), vec!["A", "A1", "A2"]);
        assert_eq!(scoped[0].depth, 1, "depth counts from the root of the tree, as in the whole view");
        for row in &scoped {
            let same = whole.iter().find(|w| w.unit_id == row.unit_id).unwrap();
            assert_eq!(row.reportable, same.reportable, "{}", row.code);
        }
        // B (3) is below k, so A is hidden as its complement, and A1 too because A = A1 + A2.
        assert!(!scoped[0].reportable);
        assert!(!scoped[1].reportable);
        assert!(scoped[2].reportable);
    }

    #[test]
    fn a_breakdown_shows_bands_that_pass_and_keeps_unit_rows_as_in_the_heatmap() {
        let units = vec![unit(1, None, "KAB"), unit(2, Some(1), "A"), unit(3, Some(1), "B")];
        // A: 6 in band 0 (score 4), 6 in band 1 (score 2); B: 10 in band 0, 2 in band 1.
        let own: HashMap<(UnitId, usize), ScoreSums> = [
            ((UnitId(2), 0), sums(6, 4.0)),
            ((UnitId(2), 1), sums(6, 2.0)),
            ((UnitId(3), 0), sums(10, 3.0)),
            ((UnitId(3), 1), sums(2, 3.0)),
        ]
        .into();
        let rows = build_breakdown(&units, &own, 2, 5, None, Release::Results);
        let whole: HashMap<UnitId, ScoreSums> = [(UnitId(2), sums(12, 3.0)), (UnitId(3), sums(12, 3.0))].into();
        let plain = build_heatmap(&units, &whole, 5, None, Release::Results);
        assert_eq!(
            rows.iter().map(|r| r.unit.reportable).collect::<Vec<_>>(),
            plain.iter().map(|r| r.reportable).collect::<Vec<_>>()
        );
        let (kab, a, b) = (&rows[0], &rows[1], &rows[2]);
        assert_eq!(a.unit.code, "A");
        assert!(a.bands[0].reportable && a.bands[1].reportable, "6 and 6, nothing to give away");
        assert_eq!((a.bands[0].n, a.bands[1].n), (Some(6), Some(6)));
        let mean = a.bands[1].disciplines[0].unwrap().figures.mean;
        assert!((mean - 2.0).abs() < 1e-12, "{mean}");
        assert_eq!(a.bands[1].response_rate, None, "a band has no headcount");
        assert!(!b.bands[1].reportable && b.bands[1].n.is_none(), "2 responses");
        assert!(!b.bands[0].reportable, "B − B∩0 would give the 2 away");
        assert!(!kab.bands[1].reportable, "KAB∩1 − A∩1 would give B∩1 away");
        assert!(!kab.bands[0].reportable, "KAB∩0 − A∩0 = B∩0, and B − B∩0 = B∩1");
        assert!(a.unit.reportable && b.unit.reportable && kab.unit.reportable);
    }

    #[test]
    fn an_open_wave_shows_counts_only() {
        let units = vec![unit(1, None, "KAB"), unit(2, Some(1), "A")];
        let own: HashMap<UnitId, ScoreSums> = [(UnitId(2), sums(8, 4.0))].into();
        let rows = build_heatmap(&units, &own, 5, None, Release::Participation);
        assert_eq!((rows[1].n, rows[1].response_rate), (Some(8), Some(8.0 / 20.0)));
        assert!(rows[1].lo_index.is_none() && rows[1].disciplines.iter().all(Option::is_none));
        let own: HashMap<(UnitId, usize), ScoreSums> =
            [((UnitId(2), 0), sums(8, 4.0)), ((UnitId(2), 1), sums(8, 2.0))].into();
        let rows = build_breakdown(&units, &own, 2, 5, None, Release::Participation);
        assert_eq!(rows[1].unit.n, Some(16));
        assert!(rows.iter().flat_map(|r| &r.bands).all(|b| !b.reportable && b.n.is_none()), "no breakdown while open");
    }

    #[test]
    fn each_figure_rests_on_its_own_people() {
        // A: 6 responses, of which only 1 has a personal mastery score; B: 12 with every score.
        let units = vec![unit(1, None, "KAB"), unit(2, Some(1), "A"), unit(3, Some(1), "B")];
        let mut a = sums(6, 4.0);
        a.disciplines[0] = GroupSums::of([2.0]);
        a.lo_index = GroupSums::of([50.0]);
        let own: HashMap<UnitId, ScoreSums> = [(UnitId(2), a), (UnitId(3), sums(12, 3.0))].into();
        let rows = build_heatmap(&units, &own, 5, None, Release::Results);
        let (kab, a, b) = (&rows[0], &rows[1], &rows[2]);
        assert!(kab.reportable && a.reportable && b.reportable, "18, 6 and 12 responses");
        assert!(a.disciplines[0].is_none() && a.lo_index.is_none(), "one person's score");
        assert!(a.disciplines[1].is_some(), "six people's score");
        assert!(b.disciplines[0].is_none(), "KAB − B would be A's one person");
        assert!(kab.disciplines[0].is_some(), "13 people, nothing small below it");
    }

    #[test]
    fn sorting_orders_siblings_and_keeps_children_under_their_parent() {
        // (name, depth, value) in tree order: root, A (a1, a2), B (b1)
        let rows = vec![("root", 0, 3.0), ("A", 1, 2.0), ("a1", 2, 4.0), ("a2", 2, 1.0), ("B", 1, 5.0), ("b1", 2, 0.0)];
        let sorted = sort_siblings(rows, |r| r.1, |x, y| y.2.partial_cmp(&x.2).unwrap());
        let names: Vec<&str> = sorted.iter().map(|r| r.0).collect();
        assert_eq!(names, ["root", "B", "b1", "A", "a1", "a2"]);
        assert!(sort_siblings(Vec::<(usize,)>::new(), |r| r.0, |_, _| Ordering::Equal).is_empty());
    }
}
