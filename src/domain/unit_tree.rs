//! The organisation tree: validating an import or upsert of units as a whole, and unit scope.
//! Validation is all-or-nothing: every bad row is reported, and nothing is written if any is bad.

use std::collections::{HashMap, HashSet};

/// Unit kinds (DESIGN.md §8).
pub const UNIT_KINDS: [&str; 7] = ["pemda", "opd", "bidang", "seksi", "upt", "tim", "other"];
/// Longest unit name accepted; official names of Indonesian units stay well below this.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest unit code accepted.
pub const MAX_CODE_CHARS: usize = 32;
/// Largest headcount accepted for one unit; larger numbers are typing mistakes.
pub const MAX_HEADCOUNT: i64 = 1_000_000;

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
    KindUnknown,
    HeadcountInvalid,
    ParentUnknown,
    ParentIsSelf,
    Cycle,
    OutsideScope,
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
        }
        if !UNIT_KINDS.contains(&r.kind.as_str()) {
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
    if errors.is_empty() { Ok(()) } else { Err(errors) }
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

/// Whether `unit` lies in the subtree rooted at `root` (a unit is within its own subtree).
/// `parent_of` maps each unit id to its parent id.
pub fn is_within(parent_of: &HashMap<i32, Option<i32>>, root: i32, unit: i32) -> bool {
    let mut at = Some(unit);
    let mut steps = 0usize;
    while let Some(id) = at {
        if id == root {
            return true;
        }
        steps += 1;
        if steps > parent_of.len() {
            return false;
        }
        at = parent_of.get(&id).copied().flatten();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn scope_follows_the_parent_chain() {
        let parent_of: HashMap<i32, Option<i32>> = [(1, None), (2, Some(1)), (3, Some(2)), (4, Some(1))].into();
        assert!(is_within(&parent_of, 1, 3));
        assert!(is_within(&parent_of, 2, 3));
        assert!(is_within(&parent_of, 3, 3));
        assert!(!is_within(&parent_of, 2, 4));
        assert!(!is_within(&parent_of, 4, 1));
    }
}
