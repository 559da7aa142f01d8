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

/// Two-sided p of a t statistic with `df` degrees of freedom, from the survival function so that
/// large |t| keep their precision; `None` when not computable.
pub fn two_sided_p(t: f64, df: f64) -> Option<f64> {
    if !t.is_finite() || !df.is_finite() || df <= 0.0 {
        return None;
    }
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    Some((2.0 * dist.sf(t.abs())).min(1.0)).filter(|p| p.is_finite())
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
    fn two_sided_p_matches_scipy() {
        // SciPy 1.17.1: 2 * stats.t.sf(abs(t), df) for (t, df) in [(2, 5), (-0.5, 30), (10, 3)]
        let expected =
            [(2.0, 5.0, 0.10193947882985835), (-0.5, 30.0, 0.6207230048851272), (10.0, 3.0, 0.0021283990584141503)];
        for (t, df, p) in expected {
            let got = two_sided_p(t, df).unwrap();
            assert!((got - p).abs() / p < 1e-9, "t {t}, df {df}: {got} vs {p}");
        }
        assert_eq!(two_sided_p(f64::INFINITY, 3.0), None);
        assert_eq!(two_sided_p(1.0, 0.0), None);
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
