//! The attacker's arithmetic, for tests only: the domain's property tests and the integration
//! attacker (`tests/integration/attacker.rs`, which includes this file by path) both ask it whether
//! what was released gives anybody away.
//!
//! Every released group is a vector over the **cells** with anyone in them (empty cells are known
//! zeros: the strongest reader knows them), a 1 for each cell the group holds. Whatever a reader adds
//! and subtracts of released counts and sums is a vector in their span, so a set of people is exposed
//! exactly when its vector lies in that span. Exact elimination over the rationals decides it.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;
use std::collections::BTreeSet;
use std::fmt::Debug;

/// A row-reduced basis of the released vectors.
struct Span {
    rows: Vec<(usize, Vec<BigRational>)>,
}

impl Span {
    fn new(vectors: &BTreeSet<Vec<i64>>) -> Self {
        let mut span = Span { rows: Vec::new() };
        for v in vectors {
            let mut v = rational(v);
            span.reduce(&mut v);
            if let Some(pivot) = v.iter().position(|x| !x.is_zero()) {
                let lead = v[pivot].clone();
                for x in v.iter_mut() {
                    *x = x.clone() / lead.clone();
                }
                span.rows.push((pivot, v));
            }
        }
        span
    }

    fn reduce(&self, v: &mut [BigRational]) {
        for (pivot, row) in &self.rows {
            if v[*pivot].is_zero() {
                continue;
            }
            let factor = v[*pivot].clone();
            for (x, r) in v.iter_mut().zip(row) {
                *x = x.clone() - factor.clone() * r.clone();
            }
        }
    }

    fn contains(&self, v: &[i64]) -> bool {
        let mut v = rational(v);
        // One pass: each row is zero at the pivots of the rows before it, so a later row never brings
        // back what an earlier one cleared.
        self.reduce(&mut v);
        v.iter().all(Zero::is_zero)
    }
}

fn rational(v: &[i64]) -> Vec<BigRational> {
    v.iter().map(|x| BigRational::from_integer(BigInt::from(*x))).collect()
}

/// The first set of cells holding 1 … k − 1 people together (one cell, two, or more) that lies in the
/// span of the `released` groups (each a list of the cells it holds), described for a failure
/// message; `None` when nothing small can be worked out. `cells` gives every cell's number of people
/// for the figure.
pub fn small_derivable<C: Clone + Ord + Debug>(cells: &[(C, u64)], released: &[Vec<C>], k: u64) -> Option<String> {
    let mut unknown: Vec<(C, u64)> = cells.iter().filter(|(_, n)| *n > 0).cloned().collect();
    unknown.sort();
    let position = |c: &C| unknown.binary_search_by(|(u, _)| u.cmp(c)).ok();
    let vectors: BTreeSet<Vec<i64>> = released
        .iter()
        .map(|group| {
            let mut v = vec![0i64; unknown.len()];
            group.iter().filter_map(position).for_each(|i| v[i] = 1);
            v
        })
        .collect();
    let span = Span::new(&vectors);
    let small: Vec<usize> = (0..unknown.len()).filter(|i| unknown[*i].1 < k).collect();
    // Every set of small cells under k people, smallest sets first within each branch.
    let mut stack: Vec<(Vec<usize>, u64, usize)> = vec![(Vec::new(), 0, 0)];
    while let Some((set, people, from)) = stack.pop() {
        for (a, &i) in small.iter().enumerate().skip(from) {
            let total = people + unknown[i].1;
            if total >= k {
                continue;
            }
            let mut grown = set.clone();
            grown.push(i);
            let mut e = vec![0i64; unknown.len()];
            grown.iter().for_each(|c| e[*c] = 1);
            if span.contains(&e) {
                let named: Vec<&C> = grown.iter().map(|c| &unknown[*c].0).collect();
                return Some(format!("cells {named:?} of {total} people together"));
            }
            stack.push((grown, total, a + 1));
        }
    }
    None
}
