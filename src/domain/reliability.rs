//! Instrument quality: Cronbach's α of a discipline's items, on complete cases (docs/DESIGN.md §6).

use crate::domain::LikertValue;
use crate::domain::scoring::ItemKey;

/// α below this is worth a plain warning: the items of the discipline do not hang together well
/// enough for its mean to be read as one thing.
pub const LOW_ALPHA: f64 = 0.6;

/// Sample variance (n − 1) of some values; `None` for fewer than two.
fn variance(values: impl Iterator<Item = f64> + Clone) -> Option<f64> {
    let n = values.clone().count();
    if n < 2 {
        return None;
    }
    let mean = values.clone().sum::<f64>() / n as f64;
    Some(values.map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64)
}

/// Cronbach's α = p/(p − 1) · (1 − Σ var(item) / var(total)) over `cases`, each holding the scored
/// values of the same p items (complete cases only). `None` when it is not computable: fewer than two
/// items or cases, or no variance in the totals.
pub fn cronbach_alpha<const P: usize>(cases: &[[f64; P]]) -> Option<f64> {
    if P < 2 || cases.len() < 2 {
        return None;
    }
    let item_variances: f64 = (0..P).map(|j| variance(cases.iter().map(move |c| c[j]))).sum::<Option<f64>>()?;
    let total_variance = variance(cases.iter().map(|c| c.iter().sum::<f64>()))?;
    if total_variance <= 0.0 {
        return None;
    }
    let p = P as f64;
    let alpha = p / (p - 1.0) * (1.0 - item_variances / total_variance);
    alpha.is_finite().then_some(alpha)
}

/// Items of a discipline in the LO-25 instrument; α is kept for disciplines of exactly this many items.
pub const ITEMS: usize = 5;

/// What α over a set of complete cases follows from exactly: the number of cases, each item's sum and
/// sum of squares, and the sum and sum of squares of the case totals. They add up, so they are kept
/// per (wave, unit) as responses arrive and merged for any group of units, instead of reading every
/// answer of a wave on each heatmap view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AlphaSums {
    pub n: u64,
    pub item_sum: [u64; ITEMS],
    pub item_sum_sq: [u64; ITEMS],
    pub total_sum: u64,
    pub total_sum_sq: u64,
}

impl AlphaSums {
    /// The sums of one complete case (scored values, in item order).
    pub fn of_case(values: [u8; ITEMS]) -> Self {
        let total: u64 = values.iter().map(|&v| u64::from(v)).sum();
        Self {
            n: 1,
            item_sum: values.map(u64::from),
            item_sum_sq: values.map(|v| u64::from(v) * u64::from(v)),
            total_sum: total,
            total_sum_sq: total * total,
        }
    }

    /// Adds the cases of `other`.
    pub fn add(&mut self, other: &Self) {
        self.n += other.n;
        for j in 0..ITEMS {
            self.item_sum[j] += other.item_sum[j];
            self.item_sum_sq[j] += other.item_sum_sq[j];
        }
        self.total_sum += other.total_sum;
        self.total_sum_sq += other.total_sum_sq;
    }

    /// Cronbach's α of the cases summed here, as [`cronbach_alpha`] computes it from the cases. The
    /// variances share the factor 1/(n(n − 1)), so their ratio is one of integer numerators
    /// n·Σx² − (Σx)², computed exactly.
    pub fn alpha(&self) -> Option<f64> {
        if self.n < 2 {
            return None;
        }
        let n = i128::from(self.n);
        let spread = |sum: u64, sum_sq: u64| n * i128::from(sum_sq) - i128::from(sum) * i128::from(sum);
        let items: i128 = (0..ITEMS).map(|j| spread(self.item_sum[j], self.item_sum_sq[j])).sum();
        let total = spread(self.total_sum, self.total_sum_sq);
        if total <= 0 {
            return None;
        }
        let p = ITEMS as f64;
        let alpha = p / (p - 1.0) * (1.0 - items as f64 / total as f64);
        alpha.is_finite().then_some(alpha)
    }
}

/// The complete cases one response adds, per discipline: the scored values of a discipline's items in
/// instrument order when it has exactly [`ITEMS`] items and all were answered. `keys` and `answers`
/// are aligned and in instrument order.
pub fn complete_cases_of_response(
    keys: impl IntoIterator<Item = ItemKey>,
    answers: &[Option<LikertValue>],
    scale_points: u8,
) -> [Option<[u8; ITEMS]>; 5] {
    let mut values: [Vec<Option<u8>>; 5] = Default::default();
    for (key, answer) in keys.into_iter().zip(answers) {
        values[key.discipline.index()].push(answer.map(|v| v.scored(key.reverse, scale_points)));
    }
    values.map(|of_discipline| {
        let complete: Vec<u8> = of_discipline.iter().copied().collect::<Option<_>>()?;
        <[u8; ITEMS]>::try_from(complete).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten respondents × five items, scored 1–5.
    const CASES: [[f64; 5]; 10] = [
        [4.0, 4.0, 5.0, 3.0, 4.0],
        [3.0, 3.0, 3.0, 2.0, 3.0],
        [5.0, 4.0, 5.0, 4.0, 5.0],
        [2.0, 2.0, 3.0, 2.0, 1.0],
        [4.0, 5.0, 4.0, 4.0, 4.0],
        [3.0, 4.0, 3.0, 3.0, 2.0],
        [5.0, 5.0, 4.0, 5.0, 5.0],
        [1.0, 2.0, 2.0, 1.0, 2.0],
        [4.0, 3.0, 4.0, 4.0, 3.0],
        [3.0, 3.0, 2.0, 3.0, 4.0],
    ];

    #[test]
    fn alpha_matches_pingouin() {
        // Reference: pingouin 0.7.0 (Python), pingouin.cronbach_alpha(pandas.DataFrame(CASES)) → 0.9375
        let alpha = cronbach_alpha(&CASES).unwrap();
        assert!((alpha - 0.9375).abs() < 1e-12, "{alpha}");
    }

    #[test]
    fn alpha_is_not_computable_without_variance_or_cases() {
        assert_eq!(cronbach_alpha(&[[3.0; 5]; 8]), None, "identical answers");
        assert_eq!(cronbach_alpha(&CASES[..1]), None, "one case");
        assert_eq!(cronbach_alpha::<1>(&[[1.0], [2.0]]), None, "one item");
    }

    #[test]
    fn alpha_from_sums_matches_pingouin() {
        let mut sums = AlphaSums::default();
        for case in CASES {
            sums.add(&AlphaSums::of_case(case.map(|v| v as u8)));
        }
        // Same reference as above: pingouin 0.7.0 → 0.9375
        let alpha = sums.alpha().unwrap();
        assert!((alpha - 0.9375).abs() < 1e-12, "{alpha}");
        assert_eq!(AlphaSums::of_case([3; 5]).alpha(), None, "one case");
        let mut same = AlphaSums::default();
        (0..8).for_each(|_| same.add(&AlphaSums::of_case([3; 5])));
        assert_eq!(same.alpha(), None, "identical answers");
    }

    #[test]
    fn a_response_adds_a_case_only_for_disciplines_it_answered_in_full() {
        use crate::domain::Discipline;
        let v = |x: i64| Some(LikertValue::parse(x, 5).unwrap());
        let key = |discipline, reverse| ItemKey { discipline, reverse };
        let mut keys = Vec::new();
        let mut answers = Vec::new();
        for d in Discipline::ALL {
            for j in 0..ITEMS {
                keys.push(key(d, j == 4));
                answers.push(v(j as i64 + 1));
            }
        }
        answers[ITEMS + 2] = None; // one mental-models item unanswered
        let cases = complete_cases_of_response(keys.clone(), &answers, 5);
        assert_eq!(cases[Discipline::PersonalMastery.index()], Some([1, 2, 3, 4, 1]), "reverse item scored 6 − 5");
        assert_eq!(cases[Discipline::MentalModels.index()], None);
        assert_eq!(cases.iter().filter(|c| c.is_some()).count(), 4);
        // A discipline with a sixth item is not a five-item scale: no case.
        keys.push(key(Discipline::SystemsThinking, false));
        answers.push(v(3));
        assert_eq!(complete_cases_of_response(keys, &answers, 5)[Discipline::SystemsThinking.index()], None);
    }

    proptest::proptest! {
        #[test]
        fn alpha_from_sums_equals_alpha_from_cases(
            cases in proptest::collection::vec(proptest::array::uniform5(1u8..=5), 0..60),
        ) {
            let mut sums = AlphaSums::default();
            for case in &cases {
                sums.add(&AlphaSums::of_case(*case));
            }
            let as_f64: Vec<[f64; ITEMS]> = cases.iter().map(|c| c.map(f64::from)).collect();
            match (sums.alpha(), cronbach_alpha(&as_f64)) {
                (Some(a), Some(b)) => proptest::prop_assert!((a - b).abs() < 1e-9 * (1.0 + b.abs()), "{a} vs {b}"),
                (a, b) => proptest::prop_assert_eq!(a, b),
            }
        }
    }

    #[test]
    fn items_that_disagree_give_a_low_alpha() {
        // pingouin 0.7.0 gives −56.0 for these two items that contradict each other
        let cases = [[1.0, 5.0], [5.0, 1.0], [2.0, 4.0], [4.0, 2.0], [3.0, 3.0], [1.0, 4.0]];
        let alpha = cronbach_alpha(&cases).unwrap();
        assert!((alpha + 56.0).abs() < 1e-9, "{alpha}");
        assert!(alpha < LOW_ALPHA);
    }
}
