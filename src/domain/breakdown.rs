//! Which band groups of a breakdown (by grade band, tenure band or role kind) may be shown for one
//! reportable group G, by the filter rule of DESIGN.md §5 plus the complement rule that keeps the
//! last hidden band hidden.

use super::anonymity::breakdown_reportable;

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
