//! How the answers to one item split into unfavourable, neutral and favourable after reverse
//! scoring: on a five-point scale 1–2, 3 and 4–5, as "% favourable" counts them elsewhere.

/// Counts of one item's answers in the three groups.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ItemSplit {
    pub unfavourable: u64,
    pub neutral: u64,
    pub favourable: u64,
}

impl ItemSplit {
    /// Adds `count` answers of raw value `value` to the split of an item that is `reverse`-worded,
    /// on a `scale_points` scale. Values outside the scale are ignored (they are never stored).
    pub fn add(&mut self, value: i64, count: u64, reverse: bool, scale_points: u8) {
        let points = i64::from(scale_points);
        if !(1..=points).contains(&value) {
            return;
        }
        let scored = if reverse { points + 1 - value } else { value };
        // Twice the score against points + 1 keeps an even scale (no middle answer) exact.
        match (2 * scored).cmp(&(points + 1)) {
            std::cmp::Ordering::Less => self.unfavourable += count,
            std::cmp::Ordering::Equal => self.neutral += count,
            std::cmp::Ordering::Greater => self.favourable += count,
        }
    }

    pub fn answered(&self) -> u64 {
        self.unfavourable + self.neutral + self.favourable
    }

    /// Shares of unfavourable, neutral and favourable answers; `None` without answers.
    pub fn shares(&self) -> Option<[f64; 3]> {
        let n = self.answered();
        (n > 0).then(|| [self.unfavourable, self.neutral, self.favourable].map(|c| c as f64 / n as f64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reverse_items_split_on_their_scored_value() {
        let mut plain = ItemSplit::default();
        let mut reverse = ItemSplit::default();
        for (value, count) in [(1, 2), (2, 1), (3, 4), (4, 5), (5, 3)] {
            plain.add(value, count, false, 5);
            reverse.add(value, count, true, 5);
        }
        assert_eq!(plain, ItemSplit { unfavourable: 3, neutral: 4, favourable: 8 });
        assert_eq!(reverse, ItemSplit { unfavourable: 8, neutral: 4, favourable: 3 });
        let shares = plain.shares().unwrap();
        assert!((shares[2] - 8.0 / 15.0).abs() < 1e-12);
        assert_eq!(ItemSplit::default().shares(), None);
    }

    #[test]
    fn a_four_point_scale_has_no_middle_and_stray_values_count_nowhere() {
        let mut split = ItemSplit::default();
        for value in [0, 1, 2, 3, 4, 5] {
            split.add(value, 1, false, 4);
        }
        assert_eq!(split, ItemSplit { unfavourable: 2, neutral: 0, favourable: 2 });
    }

    proptest! {
        #[test]
        fn every_answer_lands_in_exactly_one_group(values in proptest::collection::vec((1i64..=5, 0u64..50), 0..20), reverse: bool) {
            let mut split = ItemSplit::default();
            for (value, count) in &values {
                split.add(*value, *count, reverse, 5);
            }
            prop_assert_eq!(split.answered(), values.iter().map(|(_, c)| c).sum::<u64>());
            if let Some(shares) = split.shares() {
                prop_assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            }
        }
    }
}
