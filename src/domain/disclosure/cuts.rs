//! Rule 4 without the atom rule's over-suppression, for k ≤ [`MAX_EXACT_K`]: which band groups to
//! hide so that no set of fewer than k people is a difference of shown groups.
//!
//! The shown groups of one figure and one dimension, rewritten by subtraction down the tree, are the
//! sums of two kinds of **nodes**: a shown unit's residual (its people no shown unit below holds) and
//! a shown band group's own part (its people no shown group of that band below holds). Each **atom**
//! (the people of one residual whose nearest claim is one band group, or who have none) is an edge
//! between its residual and its claim; all unclaimed parts meet in one node `Z` that nobody shows.
//! What a reader can work out is exactly the span of the node sums, so a set S of atoms is derivable
//! only if every cycle of this graph meets S an even number of times (over the rationals the signs
//! must cancel; modulo 2 that leaves the parity): S is a cut. Each atom gets the XOR of random
//! 64-bit labels of the fundamental cycles through it; S is a cut exactly when its labels XOR to 0
//! (a false "0" happens with odds 2⁻⁶⁴ and only hides more). A fixed seed keeps every decision the
//! same from one read to the next.
//!
//! With k ≤ 5 a set under k people has at most four atoms, so singles, pairs, triples and quadruples
//! of small atoms are searched (hash maps, quadratic in the small atoms). For a larger k the caller
//! keeps the atom rule, which is stricter.

use super::{TreeShape, UnitId, claimed_residuals, smallest_claim};
use std::collections::{HashMap, HashSet};

/// The largest k this search covers: a set of fewer than k people has at most k − 1 ≤ 4 atoms.
pub const MAX_EXACT_K: u64 = 5;

/// One end of an atom besides its residual: the band group that claims it, or nobody.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Claim {
    Group(UnitId, usize),
    Nobody,
}

struct Atom {
    unit: UnitId,
    claim: Claim,
    people: u64,
}

/// Above this many small atoms the quadratic search is left to the atom rule.
const MAX_SMALL_ATOMS: usize = 1_000;

/// Steps of the search for sets of three and four atoms before it gives way to the atom rule, so a
/// request stays within milliseconds per figure whatever the tree.
const MAX_WORK: usize = 2_000_000;

/// Band groups to hide this pass (empty: nothing small can be worked out); `None` when k or the
/// number of small atoms is beyond this search, and the atom rule must decide. `total` holds each
/// unit's people per band, below it included.
pub(super) fn band_groups_to_hide(
    shape: &TreeShape,
    total: &HashMap<UnitId, Vec<u64>>,
    residual: &HashMap<UnitId, Vec<u64>>,
    shown: &HashSet<(UnitId, usize)>,
    bands: usize,
    k: u64,
) -> Option<HashSet<(UnitId, usize)>> {
    if k > MAX_EXACT_K {
        return None;
    }
    let (atoms, smallest_claims) = atoms_of(shape, residual, shown, bands);
    let small: Vec<usize> = (0..atoms.len()).filter(|i| atoms[*i].people > 0 && atoms[*i].people < k).collect();
    if small.len() > MAX_SMALL_ATOMS {
        return None;
    }
    let labels = cycle_labels(&atoms);
    let mut hide = HashSet::new();
    let mut hide_for = |set: &[usize]| {
        // Any group that holds part of the set changes the graph: the claims of its atoms (for an
        // unclaimed part, its unit's smallest claim) and the groups shown at the atoms' own units.
        // The smallest of them is hidden: usually a unit's own band, not the organisation's.
        let candidates = set.iter().flat_map(|i| {
            let atom = &atoms[*i];
            let claim = match atom.claim {
                Claim::Group(u, b) => Some((u, b)),
                Claim::Nobody => smallest_claims.get(&atom.unit).copied(),
            };
            claim.into_iter().chain((0..bands).map(move |b| (atom.unit, b)).filter(|g| shown.contains(g)))
        });
        if let Some(group) = candidates.min_by_key(|(u, b)| (total[u][*b], *u, *b)) {
            hide.insert(group);
        }
    };
    for &i in &small {
        if labels[i] == 0 {
            hide_for(&[i]);
        }
    }
    // Larger sets need no bridge (a set with one is found without it) and no two atoms of one label
    // (those two are found as a pair), which also keeps the hash buckets small.
    let multi: Vec<usize> = small.iter().copied().filter(|i| labels[*i] != 0).collect();
    let mut by_label: HashMap<u64, Vec<usize>> = HashMap::new();
    for &i in &multi {
        by_label.entry(labels[i]).or_default().push(i);
    }
    let mut work: usize = 0;
    for &i in &multi {
        for &j in &by_label[&labels[i]] {
            work += 1;
            if i < j && atoms[i].people + atoms[j].people < k {
                hide_for(&[i, j]);
            }
        }
    }
    let pairs: Vec<(usize, usize)> = multi
        .iter()
        .enumerate()
        .flat_map(|(a, &i)| multi[a + 1..].iter().map(move |&j| (i, j)))
        .filter(|(i, j)| labels[*i] != labels[*j] && atoms[*i].people + atoms[*j].people + 1 < k)
        .collect();
    for &(i, j) in &pairs {
        for &l in by_label.get(&(labels[i] ^ labels[j])).into_iter().flatten() {
            work += 1;
            if work > MAX_WORK {
                return None;
            }
            if l != i && l != j && atoms[i].people + atoms[j].people + atoms[l].people < k {
                hide_for(&[i, j, l]);
            }
        }
    }
    let mut pairs_by_label: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
    for &(i, j) in &pairs {
        pairs_by_label.entry(labels[i] ^ labels[j]).or_default().push((i, j));
    }
    for &(i, j) in &pairs {
        for &(l, m) in &pairs_by_label[&(labels[i] ^ labels[j])] {
            work += 1;
            if work > MAX_WORK {
                // A tree whose cuts are too many to list: the atom rule decides, never less safe.
                return None;
            }
            let disjoint = l != i && l != j && m != i && m != j;
            let people = atoms[i].people + atoms[j].people + atoms[l].people + atoms[m].people;
            if disjoint && people < k {
                hide_for(&[i, j, l, m]);
            }
        }
    }
    Some(hide)
}

/// The atoms of every shown unit's residual, in tree order, and per unit the band group of its
/// smallest claimed band (what hiding merges an unclaimed part with).
fn atoms_of(
    shape: &TreeShape,
    residual: &HashMap<UnitId, Vec<u64>>,
    shown: &HashSet<(UnitId, usize)>,
    bands: usize,
) -> (Vec<Atom>, HashMap<UnitId, (UnitId, usize)>) {
    let mut atoms = Vec::new();
    let mut smallest_claims = HashMap::new();
    for (unit, r, claim) in claimed_residuals(shape, residual, shown, bands) {
        let mut unclaimed = 0;
        for b in 0..bands {
            match claim[b] {
                Some(by) if r[b] > 0 => atoms.push(Atom { unit, claim: Claim::Group(by, b), people: r[b] }),
                Some(_) => {}
                None => unclaimed += r[b],
            }
        }
        if unclaimed > 0 {
            atoms.push(Atom { unit, claim: Claim::Nobody, people: unclaimed });
        }
        if let Some(group) = smallest_claim(r, &claim) {
            smallest_claims.insert(unit, group);
        }
    }
    (atoms, smallest_claims)
}

/// For every atom, the XOR of the random labels of the fundamental cycles through it (0: it lies on
/// no cycle, a bridge). Nodes: residuals, claiming groups, and `Z` for every unclaimed part.
fn cycle_labels(atoms: &[Atom]) -> Vec<u64> {
    let mut node_of: HashMap<(UnitId, Claim, bool), usize> = HashMap::new();
    let mut node = |key: (UnitId, Claim, bool)| {
        let next = node_of.len();
        *node_of.entry(key).or_insert(next)
    };
    let z = node((UnitId(0), Claim::Nobody, false));
    let edges: Vec<(usize, usize)> = atoms
        .iter()
        .map(|a| {
            let unit = node((a.unit, Claim::Nobody, true));
            let other = match a.claim {
                Claim::Group(..) => node((UnitId(0), a.claim, false)),
                Claim::Nobody => z,
            };
            (unit, other)
        })
        .collect();
    let nodes = node_of.len();
    let mut adjacent: Vec<Vec<(usize, usize)>> = vec![Vec::new(); nodes];
    for (e, &(a, b)) in edges.iter().enumerate() {
        adjacent[a].push((b, e));
        adjacent[b].push((a, e));
    }
    // A spanning forest by breadth-first search; every other edge closes one fundamental cycle.
    let mut parent_edge: Vec<Option<usize>> = vec![None; nodes];
    let mut seen = vec![false; nodes];
    let mut order = Vec::with_capacity(nodes);
    let mut tree_edge = vec![false; edges.len()];
    for start in 0..nodes {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        order.push(start);
        let mut i = order.len() - 1;
        while i < order.len() {
            let v = order[i];
            for &(w, e) in &adjacent[v] {
                if !seen[w] {
                    seen[w] = true;
                    parent_edge[w] = Some(e);
                    tree_edge[e] = true;
                    order.push(w);
                }
            }
            i += 1;
        }
    }
    let mut random = SplitMix(0x6d61_7761_735f_6b5f);
    let mut labels = vec![0u64; edges.len()];
    let mut at_node = vec![0u64; nodes];
    for (e, &(a, b)) in edges.iter().enumerate() {
        if !tree_edge[e] {
            labels[e] = random.next();
            at_node[a] ^= labels[e];
            at_node[b] ^= labels[e];
        }
    }
    // A tree edge lies on the cycles of the non-tree edges with exactly one end below it.
    for &v in order.iter().rev() {
        if let Some(e) = parent_edge[v] {
            labels[e] = at_node[v];
            let (a, b) = edges[e];
            let up = if a == v { b } else { a };
            at_node[up] ^= at_node[v];
        }
    }
    labels
}

/// A fixed-seed generator (SplitMix64), so the same data always gets the same labels.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}
