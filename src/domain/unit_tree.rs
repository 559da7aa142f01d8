//! The organisation tree: validating an import or upsert of units as a whole, and its shape for walks.
//! Validation is all-or-nothing: every bad row is reported, and nothing is written if any is bad.

use std::collections::{HashMap, HashSet};

use super::codes::coded_enum;
use super::ids::UnitId;

coded_enum! {
    /// Unit kinds (docs/DESIGN.md §8).
    pub enum UnitKind {
        Pemda = "pemda",
        Opd = "opd",
        Bidang = "bidang",
        Seksi = "seksi",
        Upt = "upt",
        Tim = "tim",
        Other = "other",
    }
}
/// Longest unit name accepted; official names of Indonesian units stay well below this.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest unit code accepted.
pub const MAX_CODE_CHARS: usize = 32;
/// Largest headcount accepted for one unit; larger numbers are typing mistakes.
pub const MAX_HEADCOUNT: i64 = 1_000_000;
/// Most levels from a root to its deepest unit, the root being level 1. An Indonesian Pemda has 4–6
/// (Pemda, OPD, Bidang, Seksi, sometimes a UPT and its teams); twice that leaves room for a province or
/// ministry, and a bound keeps every walk of the tree short (a chain of 10,000 levels once overflowed
/// the stack of the recursive walks that page rendering used).
pub const MAX_DEPTH: usize = 12;
/// Most units in the whole organisation: a province with all its regencies' OPD down to the sections
/// stays well below; the survey's unit picker and the heatmap are measured at this size.
pub const MAX_UNITS: usize = 20_000;

/// One row of a unit import, as read from JSON, CSV or XLSX (already split into fields).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitRow {
    pub code: String,
    pub name: String,
    pub parent_code: Option<String>,
    pub kind: String,
    pub headcount: Option<i64>,
}

/// A unit already in the database, as far as tree validation cares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExistingUnit {
    pub code: String,
    pub parent_code: Option<String>,
}

/// What is wrong with a field of a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitProblem {
    CodeInvalid,
    CodeDuplicated,
    NameMissing,
    NameTooLong,
    /// A control character (NUL, escape, a line break …) in the name.
    NameControlCharacter,
    KindUnknown,
    HeadcountInvalid,
    ParentUnknown,
    ParentIsSelf,
    Cycle,
    OutsideScope,
    /// Deeper below its root than [`MAX_DEPTH`] levels.
    TooDeep,
    /// The tree would hold more than [`MAX_UNITS`] units.
    TooMany,
}

/// A problem with one row; `row` counts from 1 like a spreadsheet's data rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub field: &'static str,
    pub problem: UnitProblem,
}

/// Whether a code is acceptable: 1–32 characters of A–Z, a–z, 0–9, `.`, `-`, `_`.
pub fn is_valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.chars().count() <= MAX_CODE_CHARS
        && code.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Validates `rows` as an upsert into `existing`: codes unique and well-formed, names present,
/// kinds known, headcounts sane, every parent known (in the rows or already stored) and the
/// resulting tree free of cycles. `in_scope(code)` tells whether a user may write under that unit;
/// a row is out of scope when its existing unit or its new parent is out of scope.
pub fn validate_unit_rows(
    rows: &[UnitRow],
    existing: &[ExistingUnit],
    in_scope: impl Fn(&str) -> bool,
) -> Result<(), Vec<RowError>> {
    let mut errors = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let existing_codes: HashSet<&str> = existing.iter().map(|u| u.code.as_str()).collect();
    let row_codes: HashSet<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    for (i, r) in rows.iter().enumerate() {
        let row = i + 1;
        let mut push = |field, problem| errors.push(RowError { row, field, problem });
        if !is_valid_code(&r.code) {
            push("code", UnitProblem::CodeInvalid);
        } else if !seen.insert(r.code.as_str()) {
            push("code", UnitProblem::CodeDuplicated);
        }
        if r.name.trim().is_empty() {
            push("name", UnitProblem::NameMissing);
        } else if r.name.chars().count() > MAX_NAME_CHARS {
            push("name", UnitProblem::NameTooLong);
        } else if super::text::has_forbidden_control(&r.name, false) {
            push("name", UnitProblem::NameControlCharacter);
        }
        if UnitKind::parse(&r.kind).is_none() {
            push("kind", UnitProblem::KindUnknown);
        }
        if r.headcount.is_some_and(|h| !(0..=MAX_HEADCOUNT).contains(&h)) {
            push("headcount", UnitProblem::HeadcountInvalid);
        }
        match r.parent_code.as_deref() {
            Some(p) if p == r.code => push("parent_code", UnitProblem::ParentIsSelf),
            Some(p) if !row_codes.contains(p) && !existing_codes.contains(p) => {
                push("parent_code", UnitProblem::ParentUnknown)
            }
            _ => {}
        }
        let writes_existing_out_of_scope = existing_codes.contains(r.code.as_str()) && !in_scope(&r.code);
        let new_parent_out_of_scope = match r.parent_code.as_deref() {
            Some(p) => existing_codes.contains(p) && !row_codes.contains(p) && !in_scope(p),
            None => !in_scope(""),
        };
        if writes_existing_out_of_scope || new_parent_out_of_scope {
            push("code", UnitProblem::OutsideScope);
        }
    }
    if errors.is_empty() {
        errors.extend(find_cycles(rows, existing));
    }
    if errors.is_empty() {
        errors.extend(find_too_many(rows, &existing_codes));
        errors.extend(find_too_deep(rows, existing));
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// The first new row past [`MAX_UNITS`] units in all.
fn find_too_many(rows: &[UnitRow], existing_codes: &HashSet<&str>) -> Option<RowError> {
    let room = MAX_UNITS.saturating_sub(existing_codes.len());
    let (index, _) = rows.iter().enumerate().filter(|(_, r)| !existing_codes.contains(r.code.as_str())).nth(room)?;
    Some(RowError { row: index + 1, field: "code", problem: UnitProblem::TooMany })
}

/// Rows that put a unit (themselves, or a unit below them that moves along) deeper than
/// [`MAX_DEPTH`] levels in the merged tree, which is free of cycles by now.
fn find_too_deep(rows: &[UnitRow], existing: &[ExistingUnit]) -> Vec<RowError> {
    let mut parent: HashMap<&str, Option<&str>> =
        existing.iter().map(|u| (u.code.as_str(), u.parent_code.as_deref())).collect();
    for r in rows {
        parent.insert(r.code.as_str(), r.parent_code.as_deref());
    }
    let row_of: HashMap<&str, usize> = rows.iter().enumerate().map(|(i, r)| (r.code.as_str(), i + 1)).collect();
    let mut level: HashMap<&str, usize> = HashMap::with_capacity(parent.len());
    let mut blamed: Vec<usize> = Vec::new();
    for &start in parent.keys() {
        // Walk up to the first unit whose level is known (or a root), then fill the levels back down.
        let mut chain = vec![start];
        let mut above = 0;
        while let Some(&code) = chain.last() {
            if let Some(&known) = level.get(code) {
                chain.pop();
                above = known;
                break;
            }
            match parent.get(code).copied().flatten().filter(|p| parent.contains_key(p)) {
                Some(p) if chain.len() <= parent.len() => chain.push(p),
                _ => break,
            }
        }
        for (i, code) in chain.iter().rev().enumerate() {
            level.insert(code, above + i + 1);
        }
        if level.get(start).is_some_and(|l| *l > MAX_DEPTH) {
            // Blame the nearest unit at or above it that this import writes.
            let mut at = Some(start);
            while let Some(code) = at {
                if let Some(row) = row_of.get(code) {
                    blamed.push(*row);
                    break;
                }
                at = parent.get(code).copied().flatten();
            }
        }
    }
    blamed.sort_unstable();
    blamed.dedup();
    blamed.into_iter().map(|row| RowError { row, field: "parent_code", problem: UnitProblem::TooDeep }).collect()
}

/// Rows whose parent chain in the merged tree (rows override existing) loops back on itself.
fn find_cycles(rows: &[UnitRow], existing: &[ExistingUnit]) -> Vec<RowError> {
    let mut parent: HashMap<&str, Option<&str>> =
        existing.iter().map(|u| (u.code.as_str(), u.parent_code.as_deref())).collect();
    for r in rows {
        parent.insert(r.code.as_str(), r.parent_code.as_deref());
    }
    let mut errors = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let mut steps = 0usize;
        let mut at = r.parent_code.as_deref();
        while let Some(code) = at {
            if code == r.code || steps > parent.len() {
                errors.push(RowError { row: i + 1, field: "parent_code", problem: UnitProblem::Cycle });
                break;
            }
            steps += 1;
            at = parent.get(code).copied().flatten();
        }
    }
    errors
}

/// The shape of a tree given as (id, parent) links: roots, the children of each unit (in the order the
/// links came) and an order with every parent before its children. Every walk of a tree goes through
/// this and is iterative, so no shape of tree (a chain of 10,000 units once was) can overflow a stack.
/// A parent that is not among the ids makes its child a root; units in a parent loop (which
/// validation refuses) are reached from no root and left out of `top_down`.
#[derive(Clone, Debug, Default)]
pub struct TreeShape {
    known: HashSet<UnitId>,
    roots: Vec<UnitId>,
    children: HashMap<UnitId, Vec<UnitId>>,
    parent: HashMap<UnitId, UnitId>,
    top_down: Vec<UnitId>,
}

impl TreeShape {
    /// The shape of the tree of these links.
    pub fn new(links: impl IntoIterator<Item = (UnitId, Option<UnitId>)>) -> Self {
        let links: Vec<(UnitId, Option<UnitId>)> = links.into_iter().collect();
        let ids: HashSet<UnitId> = links.iter().map(|(id, _)| *id).collect();
        let mut roots = Vec::new();
        let mut children: HashMap<UnitId, Vec<UnitId>> = HashMap::new();
        let mut parent_of = HashMap::new();
        for (id, parent) in &links {
            match parent.filter(|p| ids.contains(p)) {
                Some(p) => {
                    children.entry(p).or_default().push(*id);
                    parent_of.insert(*id, p);
                }
                None => roots.push(*id),
            }
        }
        let mut top_down = roots.clone();
        let mut next = 0;
        while next < top_down.len() {
            let id = top_down[next];
            top_down.extend(children.get(&id).into_iter().flatten().copied());
            next += 1;
        }
        TreeShape { known: ids, roots, children, parent: parent_of, top_down }
    }

    /// Units without a (known) parent.
    pub fn roots(&self) -> &[UnitId] {
        &self.roots
    }

    /// The units right below `id`.
    pub fn children(&self, id: UnitId) -> &[UnitId] {
        self.children.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The unit right above `id`, if it has one.
    pub fn parent(&self, id: UnitId) -> Option<UnitId> {
        self.parent.get(&id).copied()
    }

    /// Every unit reached from a root, each parent before its children (level by level).
    pub fn top_down(&self) -> &[UnitId] {
        &self.top_down
    }

    /// Each unit's value merged with the values of all its descendants: `own` gives a unit's own
    /// value, `merge` adds a child's rolled-up value into its parent's.
    pub fn roll_up<T: Clone>(&self, own: impl Fn(UnitId) -> T, merge: impl Fn(&mut T, &T)) -> HashMap<UnitId, T> {
        let mut rolled: HashMap<UnitId, T> = self.top_down.iter().map(|id| (*id, own(*id))).collect();
        for id in self.top_down.iter().rev() {
            let Some(value) = rolled.get(id).cloned() else { continue };
            if let Some(total) = self.parent.get(id).and_then(|p| rolled.get_mut(p)) {
                merge(total, &value);
            }
        }
        rolled
    }

    /// `root` and every unit below it; every unit when `root` is `None` (an unscoped account); nothing
    /// when `root` is not in the tree.
    pub fn subtree(&self, root: Option<UnitId>) -> HashSet<UnitId> {
        let Some(root) = root else { return self.known.clone() };
        let mut found = HashSet::new();
        let mut todo: Vec<UnitId> = self.known.contains(&root).then_some(root).into_iter().collect();
        while let Some(id) = todo.pop() {
            if found.insert(id) {
                todo.extend(self.children(id));
            }
        }
        found
    }

    /// Whether `unit` lies in the subtree of `scope` (`None`: the whole tree): the scope rule of every
    /// account, walked up from the unit, so it costs the unit's depth rather than the scope's size.
    pub fn covers(&self, scope: Option<UnitId>, unit: UnitId) -> bool {
        if !self.known.contains(&unit) {
            return false;
        }
        let Some(scope) = scope else { return true };
        std::iter::once(unit)
            .chain(std::iter::successors(self.parent(unit), |p| self.parent(*p)))
            .take(self.parent.len() + 1)
            .any(|id| id == scope)
    }

    /// Where an account with `scope` starts seeing a wave whose tree starts at `wave_root`: the wave's
    /// root when the scope covers it, the scope when it lies inside the wave, `None` when they do not meet.
    pub fn visible_root(&self, wave_root: UnitId, scope: Option<UnitId>) -> Option<UnitId> {
        match scope {
            None => Some(wave_root),
            Some(scope) if self.covers(Some(wave_root), scope) => Some(scope),
            Some(scope) if self.covers(Some(scope), wave_root) => Some(wave_root),
            Some(_) => None,
        }
    }

    /// How many levels `id` lies below its root (a root is at depth 0).
    pub fn depth(&self, id: UnitId) -> usize {
        std::iter::successors(self.parent.get(&id), |p| self.parent.get(p)).take(self.parent.len()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::tests::links;

    /// 1 ─┬─ 2 ── 4
    ///    └─ 3
    /// 5 (a second root); 6 ⇄ 7 a parent loop that validation would refuse.
    fn scope_tree() -> TreeShape {
        TreeShape::new(links(&[
            (1, None),
            (2, Some(1)),
            (3, Some(1)),
            (4, Some(2)),
            (5, None),
            (6, Some(7)),
            (7, Some(6)),
        ]))
    }

    #[test]
    fn a_subtree_is_its_root_and_everything_below() {
        let tree = scope_tree();
        let set = |ids: &[i32]| ids.iter().map(|id| UnitId(*id)).collect::<HashSet<UnitId>>();
        assert_eq!(tree.subtree(Some(UnitId(1))), set(&[1, 2, 3, 4]));
        assert_eq!(tree.subtree(Some(UnitId(2))), set(&[2, 4]));
        assert_eq!(tree.subtree(Some(UnitId(4))), set(&[4]));
        assert_eq!(tree.subtree(None), set(&[1, 2, 3, 4, 5, 6, 7]), "no scope: every unit");
        assert_eq!(tree.subtree(Some(UnitId(99))), set(&[]), "an unknown root: nothing");
        assert_eq!(tree.subtree(Some(UnitId(6))), set(&[6, 7]), "a loop ends");
    }

    #[test]
    fn covers_agrees_with_the_subtree_for_every_scope_and_unit() {
        let tree = scope_tree();
        for scope in
            [None, Some(1), Some(2), Some(3), Some(4), Some(5), Some(6), Some(7), Some(99)].map(|s| s.map(UnitId))
        {
            for unit in [1, 2, 3, 4, 5, 6, 7, 99].map(UnitId) {
                assert_eq!(tree.covers(scope, unit), tree.subtree(scope).contains(&unit), "{scope:?} {unit}");
            }
        }
    }

    #[test]
    fn the_visible_root_is_where_a_scope_and_a_wave_meet() {
        let tree = scope_tree();
        let visible = |wave_root: i32, scope: Option<i32>| tree.visible_root(UnitId(wave_root), scope.map(UnitId));
        assert_eq!(visible(1, None), Some(UnitId(1)), "unscoped: the whole wave");
        assert_eq!(visible(1, Some(2)), Some(UnitId(2)), "a scope inside the wave: the scope");
        assert_eq!(visible(2, Some(1)), Some(UnitId(2)), "a scope above the wave: the wave");
        assert_eq!(visible(2, Some(3)), None, "beside each other: nothing");
        assert_eq!(visible(1, Some(5)), None, "another root: nothing");
        assert_eq!(visible(99, Some(1)), None, "an unknown wave root: nothing");
    }

    fn row(code: &str, parent: Option<&str>, kind: &str) -> UnitRow {
        UnitRow {
            code: code.into(),
            name: format!("Unit {code}"),
            parent_code: parent.map(Into::into),
            kind: kind.into(),
            headcount: Some(10),
        }
    }

    fn problems(result: Result<(), Vec<RowError>>) -> Vec<(usize, &'static str, UnitProblem)> {
        result.err().unwrap_or_default().into_iter().map(|e| (e.row, e.field, e.problem)).collect()
    }

    #[test]
    fn a_well_formed_tree_passes() {
        let rows = vec![
            row("KAB", None, "pemda"),
            row("DINKES", Some("KAB"), "opd"),
            row("DINKES.P2P", Some("DINKES"), "bidang"),
        ];
        assert_eq!(validate_unit_rows(&rows, &[], |_| true), Ok(()));
    }

    #[test]
    fn every_bad_row_is_reported_with_its_field() {
        let mut bad_name = row("B", Some("KAB"), "opd");
        bad_name.name = "  ".into();
        let mut bad_count = row("C", Some("KAB"), "opd");
        bad_count.headcount = Some(-3);
        let rows = vec![
            row("KAB", None, "pemda"),
            bad_name,
            bad_count,
            row("D", Some("NOPE"), "opd"),
            row("E", Some("KAB"), "dinas"),
            row("KAB", None, "pemda"),
            row("bad code!", Some("KAB"), "opd"),
        ];
        assert_eq!(
            problems(validate_unit_rows(&rows, &[], |_| true)),
            vec![
                (2, "name", UnitProblem::NameMissing),
                (3, "headcount", UnitProblem::HeadcountInvalid),
                (4, "parent_code", UnitProblem::ParentUnknown),
                (5, "kind", UnitProblem::KindUnknown),
                (6, "code", UnitProblem::CodeDuplicated),
                (7, "code", UnitProblem::CodeInvalid),
            ]
        );
    }

    #[test]
    fn a_parent_chain_that_loops_is_refused() {
        let existing = vec![
            ExistingUnit { code: "A".into(), parent_code: None },
            ExistingUnit { code: "B".into(), parent_code: Some("A".into()) },
        ];
        // moving A under B makes A → B → A
        let rows = vec![row("A", Some("B"), "opd")];
        assert_eq!(
            problems(validate_unit_rows(&rows, &existing, |_| true)),
            vec![(1, "parent_code", UnitProblem::Cycle)]
        );
        assert_eq!(
            problems(validate_unit_rows(&[row("X", Some("X"), "opd")], &[], |_| true)),
            vec![(1, "parent_code", UnitProblem::ParentIsSelf)]
        );
    }

    #[test]
    fn a_scoped_user_cannot_write_outside_their_subtree() {
        let existing = vec![
            ExistingUnit { code: "KAB".into(), parent_code: None },
            ExistingUnit { code: "DINKES".into(), parent_code: Some("KAB".into()) },
            ExistingUnit { code: "DISDIK".into(), parent_code: Some("KAB".into()) },
        ];
        let in_dinkes = |c: &str| c == "DINKES" || c.starts_with("DINKES.");
        assert_eq!(validate_unit_rows(&[row("DINKES.NEW", Some("DINKES"), "bidang")], &existing, in_dinkes), Ok(()));
        assert_eq!(
            problems(validate_unit_rows(&[row("DISDIK.NEW", Some("DISDIK"), "bidang")], &existing, in_dinkes)),
            vec![(1, "code", UnitProblem::OutsideScope)]
        );
        assert_eq!(
            problems(validate_unit_rows(&[row("DISDIK", Some("KAB"), "opd")], &existing, in_dinkes)),
            vec![(1, "code", UnitProblem::OutsideScope)]
        );
        assert_eq!(
            problems(validate_unit_rows(&[row("ROOT2", None, "pemda")], &existing, in_dinkes)),
            vec![(1, "code", UnitProblem::OutsideScope)]
        );
    }

    /// A chain `U0 → U1 → … → U(levels-1)` of units, each under the previous one.
    fn chain(levels: usize) -> Vec<UnitRow> {
        (0..levels)
            .map(|i| {
                let parent = (i > 0).then(|| format!("U{}", i - 1));
                row(&format!("U{i}"), parent.as_deref(), if i == 0 { "pemda" } else { "other" })
            })
            .collect()
    }

    #[test]
    fn a_tree_deeper_than_the_limit_is_refused_at_the_rows_too_deep() {
        assert_eq!(validate_unit_rows(&chain(MAX_DEPTH), &[], |_| true), Ok(()));
        assert_eq!(
            problems(validate_unit_rows(&chain(MAX_DEPTH + 2), &[], |_| true)),
            vec![
                (MAX_DEPTH + 1, "parent_code", UnitProblem::TooDeep),
                (MAX_DEPTH + 2, "parent_code", UnitProblem::TooDeep)
            ]
        );
        let ten_thousand = chain(10_000);
        assert_eq!(problems(validate_unit_rows(&ten_thousand, &[], |_| true)).len(), 10_000 - MAX_DEPTH);
    }

    #[test]
    fn moving_a_unit_blames_its_row_when_the_units_below_it_get_too_deep() {
        // Stored: a chain of MAX_DEPTH levels, and a second root B with a child B1.
        let mut existing: Vec<ExistingUnit> =
            chain(MAX_DEPTH).into_iter().map(|r| ExistingUnit { code: r.code, parent_code: r.parent_code }).collect();
        existing.push(ExistingUnit { code: "B".into(), parent_code: None });
        existing.push(ExistingUnit { code: "B1".into(), parent_code: Some("B".into()) });
        // Moving B under the deepest unit puts B at MAX_DEPTH + 1 and B1 below it.
        let moved = row("B", Some(&format!("U{}", MAX_DEPTH - 1)), "opd");
        assert_eq!(
            problems(validate_unit_rows(&[moved], &existing, |_| true)),
            vec![(1, "parent_code", UnitProblem::TooDeep)]
        );
    }

    #[test]
    fn more_units_than_the_limit_are_refused_at_the_first_row_past_it() {
        let existing: Vec<ExistingUnit> =
            (0..MAX_UNITS - 1).map(|i| ExistingUnit { code: format!("E{i}"), parent_code: None }).collect();
        let rows = vec![row("E0", None, "pemda"), row("N1", None, "pemda"), row("N2", None, "pemda")];
        assert_eq!(problems(validate_unit_rows(&rows, &existing, |_| true)), vec![(3, "code", UnitProblem::TooMany)]);
    }

    #[test]
    fn a_chain_of_ten_thousand_units_rolls_up_without_recursion() {
        let chain = (0..10_000).map(|i| (UnitId(i), (i > 0).then(|| UnitId(i - 1))));
        let shape = TreeShape::new(chain);
        let totals = shape.roll_up(|_| 1u64, |total, child| *total += child);
        assert_eq!(totals[&UnitId(0)], 10_000);
        assert_eq!(totals[&UnitId(9_999)], 1);
        assert_eq!(shape.depth(UnitId(9_999)), 9_999);
        assert_eq!(shape.top_down().len(), 10_000);
    }

    #[test]
    fn roll_up_adds_every_descendant_once_and_an_unknown_parent_makes_a_root() {
        let shape = TreeShape::new(links(&[(1, None), (2, Some(1)), (3, Some(1)), (4, Some(2)), (5, Some(99))]));
        assert_eq!(shape.roots(), &[UnitId(1), UnitId(5)]);
        assert_eq!(shape.children(UnitId(1)), &[UnitId(2), UnitId(3)]);
        let totals = shape.roll_up(|id| u64::try_from(id.0).unwrap_or(0), |total, child| *total += child);
        let total = |id: i32| totals[&UnitId(id)];
        assert_eq!((total(1), total(2), total(3), total(4), total(5)), (10, 6, 3, 4, 5));
        assert_eq!(shape.top_down(), [1, 5, 2, 3, 4].map(UnitId));
    }
}
