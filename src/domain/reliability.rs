//! Instrument quality: Cronbach's α of a discipline's items, on complete cases (DESIGN.md §6).

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
    fn items_that_disagree_give_a_low_alpha() {
        // pingouin 0.7.0 gives −56.0 for these two items that contradict each other
        let cases = [[1.0, 5.0], [5.0, 1.0], [2.0, 4.0], [4.0, 2.0], [3.0, 3.0], [1.0, 4.0]];
        let alpha = cronbach_alpha(&cases).unwrap();
        assert!((alpha + 56.0).abs() < 1e-9, "{alpha}");
        assert!(alpha < LOW_ALPHA);
    }
}
