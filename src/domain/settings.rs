//! Bounds of the admin-settable anonymity thresholds (docs/DESIGN.md §5).

/// Bounds of k: below 3 a group of two could read each other's answers; above 50 almost nothing is shown.
pub const MIN_GROUP_SIZE_RANGE: std::ops::RangeInclusive<u32> = 3..=50;
/// Largest comment threshold accepted.
pub const MAX_COMMENT_THRESHOLD: u32 = 100;

/// What is wrong with a pair of thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThresholdProblem {
    MinGroupSize,
    CommentThreshold,
}

/// Parses and checks k and the comment threshold as typed into a form: k in 3..=50, the comment
/// threshold a whole number from k to 100.
pub fn parse_thresholds(min_group_size: &str, comment_threshold: &str) -> Result<(u32, u32), ThresholdProblem> {
    let k: u32 = min_group_size.trim().parse().map_err(|_| ThresholdProblem::MinGroupSize)?;
    if !MIN_GROUP_SIZE_RANGE.contains(&k) {
        return Err(ThresholdProblem::MinGroupSize);
    }
    let kc: u32 = comment_threshold.trim().parse().map_err(|_| ThresholdProblem::CommentThreshold)?;
    if kc < k || kc > MAX_COMMENT_THRESHOLD {
        return Err(ThresholdProblem::CommentThreshold);
    }
    Ok((k, kc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_stay_within_design_bounds() {
        assert_eq!(parse_thresholds("5", "5"), Ok((5, 5)));
        assert_eq!(parse_thresholds(" 3 ", "10"), Ok((3, 10)));
        assert_eq!(parse_thresholds("2", "5"), Err(ThresholdProblem::MinGroupSize));
        assert_eq!(parse_thresholds("51", "60"), Err(ThresholdProblem::MinGroupSize));
        assert_eq!(parse_thresholds("lima", "5"), Err(ThresholdProblem::MinGroupSize));
        assert_eq!(parse_thresholds("8", "5"), Err(ThresholdProblem::CommentThreshold), "never below k");
        assert_eq!(parse_thresholds("5", "101"), Err(ThresholdProblem::CommentThreshold));
        assert_eq!(parse_thresholds("5", "-1"), Err(ThresholdProblem::CommentThreshold));
    }
}
