//! Statistics shared by the reports: Student's t quantiles from statrs, never hand-written.

use statrs::distribution::{ContinuousCDF, StudentsT};

/// Two-sided 95 % critical value of Student's t with `df` degrees of freedom; `None` for df ≤ 0.
pub fn t_critical_95(df: f64) -> Option<f64> {
    if !df.is_finite() || df <= 0.0 {
        return None;
    }
    let t = StudentsT::new(0.0, 1.0, df).ok()?;
    Some(t.inverse_cdf(0.975)).filter(|x| x.is_finite())
}

/// 95 % confidence interval of a mean from n, mean and sample SD: mean ± t(0.975, n−1)·SD/√n.
pub fn mean_ci_95(n: u64, mean: f64, sd: f64) -> Option<(f64, f64)> {
    if n < 2 || !sd.is_finite() || !mean.is_finite() {
        return None;
    }
    let half = t_critical_95((n - 1) as f64)? * sd / (n as f64).sqrt();
    Some((mean - half, mean + half))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_r() {
        // Reference values from R 4.3: qt(0.975, c(1, 4, 9, 29, 1000))
        let expected = [(1.0, 12.706205), (4.0, 2.776445), (9.0, 2.262157), (29.0, 2.045230), (1000.0, 1.962339)];
        for (df, q) in expected {
            let got = t_critical_95(df).unwrap();
            assert!((got - q).abs() < 1e-5, "df {df}: {got} vs {q}");
        }
        assert_eq!(t_critical_95(0.0), None);
        assert_eq!(t_critical_95(f64::NAN), None);
    }

    #[test]
    fn mean_ci_matches_r_t_test() {
        // R: t.test(c(1, 2, 3, 4, 5))$conf.int → 1.036757 4.963243
        let (lo, hi) = mean_ci_95(5, 3.0, 2.5f64.sqrt()).unwrap();
        assert!((lo - 1.036757).abs() < 1e-5, "{lo}");
        assert!((hi - 4.963243).abs() < 1e-5, "{hi}");
        assert_eq!(mean_ci_95(1, 3.0, 0.0), None, "one value has no interval");
    }
}
