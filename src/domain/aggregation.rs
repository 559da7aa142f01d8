//! Group figures from additive sums (docs/DESIGN.md §4): per unit the database keeps n, Σx and Σx²,
//! and any unit's figures are its sums plus its descendants', added up in memory.

use super::statistics::mean_ci_95;
use serde::{Deserialize, Serialize};

/// Additive sums of one score over a group of responses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupSums {
    pub n: u64,
    pub sum: f64,
    pub sum_sq: f64,
}

/// n, mean, SD (n − 1) and the 95 % CI of the mean of a group.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupFigures {
    pub n: u64,
    pub mean: f64,
    /// Sample SD; absent for n < 2.
    pub sd: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

impl GroupSums {
    /// Sums of the given scores.
    pub fn of(values: impl IntoIterator<Item = f64>) -> Self {
        let mut sums = Self::default();
        for x in values {
            sums.add(x);
        }
        sums
    }

    /// Adds one score.
    pub fn add(&mut self, x: f64) {
        self.n += 1;
        self.sum += x;
        self.sum_sq += x * x;
    }

    /// Adds another group's sums: the union of two disjoint groups.
    pub fn merge(&mut self, other: &GroupSums) {
        self.n += other.n;
        self.sum += other.sum;
        self.sum_sq += other.sum_sq;
    }

    /// Mean; absent for an empty group.
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }

    /// Sample SD with n − 1; absent for n < 2. Σx² − (Σx)²/n cancels catastrophically when all
    /// values are equal: what remains is rounding noise of about 1e-16 × Σx², so a sum of squared
    /// deviations below 1e-12 × Σx² is taken as exactly zero (real spread of 1–5 scores is far above).
    pub fn sd(&self) -> Option<f64> {
        if self.n < 2 {
            return None;
        }
        let n = self.n as f64;
        let squared_deviations = self.sum_sq - self.sum * self.sum / n;
        if squared_deviations <= self.sum_sq * 1e-12 {
            return Some(0.0);
        }
        Some((squared_deviations / (n - 1.0)).sqrt())
    }

    /// All figures of the group; absent for an empty group.
    pub fn figures(&self) -> Option<GroupFigures> {
        let mean = self.mean()?;
        let sd = self.sd();
        let ci = sd.and_then(|sd| mean_ci_95(self.n, mean, sd));
        Some(GroupFigures { n: self.n, mean, sd, ci_low: ci.map(|c| c.0), ci_high: ci.map(|c| c.1) })
    }
}

/// Count of favourable answered item values (4 or 5 after reverse scoring) among all answered ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FavourableCount {
    pub favourable: u64,
    pub answered: u64,
    /// Respondents with at least one answered item: the people the share rests on (docs/DESIGN.md §5).
    #[serde(default)]
    pub respondents: u64,
}

impl FavourableCount {
    /// Adds another group's counts.
    pub fn merge(&mut self, other: &FavourableCount) {
        self.favourable += other.favourable;
        self.answered += other.answered;
        self.respondents += other.respondents;
    }

    /// Share favourable in 0..=1; absent when nothing was answered.
    pub fn share(&self) -> Option<f64> {
        (self.answered > 0).then(|| self.favourable as f64 / self.answered as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn figures_match_r_for_a_small_group() {
        // R: x <- c(3.2, 4, 2.6, 3.8, 4.4); mean(x) = 3.6; sd(x) = 0.7071068;
        // t.test(x)$conf.int = 2.722003 4.477997
        let f = GroupSums::of([3.2, 4.0, 2.6, 3.8, 4.4]).figures().unwrap();
        assert_eq!(f.n, 5);
        assert!((f.mean - 3.6).abs() < 1e-12);
        assert!((f.sd.unwrap() - 0.5f64.sqrt()).abs() < 1e-9, "R prints 0.7071068, which is √0.5");
        assert!((f.ci_low.unwrap() - 2.722003).abs() < 1e-5);
        assert!((f.ci_high.unwrap() - 4.477997).abs() < 1e-5);
    }

    #[test]
    fn small_groups_have_no_spread_and_empty_groups_no_figures() {
        assert_eq!(GroupSums::default().figures(), None);
        let one = GroupSums::of([4.0]).figures().unwrap();
        assert_eq!((one.mean, one.sd, one.ci_low), (4.0, None, None));
        let same = GroupSums::of([3.4; 7]).figures().unwrap();
        assert_eq!(same.sd, Some(0.0));
    }

    #[test]
    fn favourable_share_counts_answered_values_only() {
        let mut c = FavourableCount { favourable: 3, answered: 4, respondents: 1 };
        c.merge(&FavourableCount { favourable: 0, answered: 4, respondents: 1 });
        assert_eq!(c.respondents, 2);
        assert_eq!(c.share(), Some(3.0 / 8.0));
        assert_eq!(FavourableCount::default().share(), None);
    }

    proptest! {
        #[test]
        fn rolling_up_sums_equals_computing_over_the_union(
            a in proptest::collection::vec(1.0f64..=5.0, 0..60),
            b in proptest::collection::vec(1.0f64..=5.0, 0..60),
        ) {
            let mut rolled = GroupSums::of(a.iter().copied());
            rolled.merge(&GroupSums::of(b.iter().copied()));
            let union = GroupSums::of(a.iter().chain(b.iter()).copied());
            prop_assert_eq!(rolled.n, union.n);
            prop_assert!((rolled.sum - union.sum).abs() < 1e-9);
            match (rolled.figures(), union.figures()) {
                (Some(x), Some(y)) => {
                    prop_assert!((x.mean - y.mean).abs() < 1e-9);
                    prop_assert!((x.sd.unwrap_or(0.0) - y.sd.unwrap_or(0.0)).abs() < 1e-6);
                }
                (None, None) => {}
                _ => prop_assert!(false, "presence differs"),
            }
        }

        #[test]
        fn the_mean_stays_within_the_scale(values in proptest::collection::vec(1.0f64..=5.0, 1..200)) {
            let f = GroupSums::of(values.iter().copied()).figures().unwrap();
            prop_assert!(f.mean >= 1.0 - 1e-9 && f.mean <= 5.0 + 1e-9);
            if let (Some(lo), Some(hi)) = (f.ci_low, f.ci_high) {
                prop_assert!(lo <= f.mean && f.mean <= hi);
            }
        }
    }
}
