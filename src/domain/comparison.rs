//! Pre/post comparison of a workshop (docs/DESIGN.md §6): matched pairs by pairing code, all pre vs all
//! post with Welch's t, the then-test's response shift, the k rule of §5 on every group, and a
//! plain-language reading. Nothing here returns NaN or infinity: what cannot be computed is `None`.

use super::discipline::Discipline;
use super::statistics::{t_critical_95, two_sided_p};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Below this many pairs (or responses on the smaller side) the reading adds a caution: with fewer,
/// a 95 % interval is wide and one unusual participant moves the mean noticeably.
pub const SMALL_SAMPLE: u64 = 20;

/// One score of one response with the response's pairing code, if it had one.
#[derive(Clone, Debug, PartialEq)]
pub struct CodedScore {
    pub code: Option<String>,
    pub value: f64,
}

/// Statistics of paired differences d = after − before.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairedStats {
    pub n: u64,
    pub mean_before: f64,
    pub mean_after: f64,
    pub mean_diff: f64,
    pub sd_diff: f64,
    /// `None` when the differences do not vary (t would be infinite or undefined).
    pub t: Option<f64>,
    pub df: u64,
    pub p: Option<f64>,
    pub ci: Option<(f64, f64)>,
    /// Cohen's d_z = mean difference / SD of differences.
    pub dz: Option<f64>,
}

/// Statistics of two independent groups: Welch's t and Hedges' g.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WelchStats {
    pub n_before: u64,
    pub n_after: u64,
    pub mean_before: f64,
    pub mean_after: f64,
    pub diff: f64,
    pub t: Option<f64>,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: Option<f64>,
    pub p: Option<f64>,
    pub ci: Option<(f64, f64)>,
    /// Hedges' g: difference over the pooled SD, times the small-sample correction 1 − 3 / (4(n₁+n₂) − 9).
    pub g: Option<f64>,
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// Sample variance (n − 1); needs at least two values.
fn variance(values: &[f64]) -> f64 {
    let m = mean(values);
    values.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (values.len() - 1) as f64
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// Paired t statistics of `(before, after)` pairs; `None` with fewer than two pairs.
pub fn paired_stats(pairs: &[(f64, f64)]) -> Option<PairedStats> {
    let n = pairs.len();
    if n < 2 {
        return None;
    }
    let diffs: Vec<f64> = pairs.iter().map(|(before, after)| after - before).collect();
    let before: Vec<f64> = pairs.iter().map(|p| p.0).collect();
    let after: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    let mean_diff = mean(&diffs);
    let sd_diff = variance(&diffs).sqrt();
    let df = (n - 1) as u64;
    // Differences that are all equal give t = ±∞ or 0/0: report the means and "not computable".
    let varies = sd_diff > 1e-12;
    let se = sd_diff / (n as f64).sqrt();
    let t = if varies { finite(mean_diff / se) } else { None };
    let p = t.and_then(|t| two_sided_p(t, df as f64));
    let ci = if varies { t_critical_95(df as f64).map(|q| (mean_diff - q * se, mean_diff + q * se)) } else { None };
    let dz = if varies { finite(mean_diff / sd_diff) } else { None };
    Some(PairedStats {
        n: n as u64,
        mean_before: mean(&before),
        mean_after: mean(&after),
        mean_diff,
        sd_diff,
        t,
        df,
        p,
        ci,
        dz,
    })
}

/// Welch's t of `after` against `before`; `None` when either side has fewer than two values.
pub fn welch_stats(before: &[f64], after: &[f64]) -> Option<WelchStats> {
    let (n1, n2) = (before.len(), after.len());
    if n1 < 2 || n2 < 2 {
        return None;
    }
    let (m1, m2) = (mean(before), mean(after));
    let (v1, v2) = (variance(before), variance(after));
    let (a, b) = (v1 / n1 as f64, v2 / n2 as f64);
    let se = (a + b).sqrt();
    let diff = m2 - m1;
    let varies = se > 1e-12;
    let df = if varies { finite((a + b).powi(2) / (a * a / (n1 - 1) as f64 + b * b / (n2 - 1) as f64)) } else { None };
    let t = if varies { finite(diff / se) } else { None };
    let p = t.zip(df).and_then(|(t, df)| two_sided_p(t, df));
    let ci = df.and_then(t_critical_95).map(|q| (diff - q * se, diff + q * se));
    let pooled_sd = (((n1 - 1) as f64 * v1 + (n2 - 1) as f64 * v2) / (n1 + n2 - 2) as f64).sqrt();
    let correction = 1.0 - 3.0 / (4.0 * (n1 + n2) as f64 - 9.0);
    let g = if pooled_sd > 1e-12 { finite(diff / pooled_sd * correction) } else { None };
    Some(WelchStats { n_before: n1 as u64, n_after: n2 as u64, mean_before: m1, mean_after: m2, diff, t, df, p, ci, g })
}

/// Codes that occur exactly once among `scores`. A code seen twice in one wave (someone answered
/// twice, or two people chose the same own code) cannot be matched honestly, so it pairs nothing.
fn unique_codes(scores: &[CodedScore]) -> HashMap<&str, f64> {
    let mut seen: HashMap<&str, (u32, f64)> = HashMap::new();
    for score in scores {
        if let Some(code) = score.code.as_deref() {
            let entry = seen.entry(code).or_insert((0, score.value));
            entry.0 += 1;
        }
    }
    seen.into_iter().filter(|(_, (count, _))| *count == 1).map(|(code, (_, value))| (code, value)).collect()
}

/// `(before, after)` values of the codes found exactly once on each side, in code order so results
/// do not depend on the order rows came from the database.
pub fn match_by_code(before: &[CodedScore], after: &[CodedScore]) -> Vec<(f64, f64)> {
    let before = unique_codes(before);
    let mut matched: Vec<(&str, f64, f64)> = unique_codes(after)
        .into_iter()
        .filter_map(|(code, after)| before.get(code).map(|before| (code, *before, after)))
        .collect();
    matched.sort_by(|a, b| a.0.cmp(b.0));
    matched.into_iter().map(|(_, before, after)| (before, after)).collect()
}

/// Number of pairing codes present exactly once in both waves, whatever their scores.
pub fn pair_count(pre_codes: &[Option<String>], post_codes: &[Option<String>]) -> u64 {
    let as_scores =
        |codes: &[Option<String>]| codes.iter().map(|code| CodedScore { code: code.clone(), value: 0.0 }).collect();
    let (pre, post): (Vec<CodedScore>, Vec<CodedScore>) = (as_scores(pre_codes), as_scores(post_codes));
    match_by_code(&pre, &post).len() as u64
}

/// One measure (the LO index or a discipline) of one post-test response, with its then-test value.
#[derive(Clone, Debug, PartialEq)]
pub struct PostScore {
    pub code: Option<String>,
    pub now: Option<f64>,
    /// The same measure scored from the "looking back, before the workshop" answers.
    pub then: Option<f64>,
}

/// Comparison of one measure, with every group below k already suppressed.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct MeasureComparison {
    /// Mean of all pre-test scores; `None` when fewer than k.
    pub mean_pre: Option<f64>,
    pub mean_post: Option<f64>,
    /// Matched pairs, post − pre; `None` when fewer than k pairs.
    pub paired: Option<PairedStats>,
    /// All pre vs all post; `None` when either side has fewer than k.
    pub unpaired: Option<WelchStats>,
    /// Post − then within each post-test response; `None` without the then-test or below k.
    pub post_minus_then: Option<PairedStats>,
    /// Then − pre by pairing code: the response-shift estimate; `None` without the then-test or below k.
    pub then_minus_pre: Option<PairedStats>,
}

/// Compares one measure. `pre` holds each pre-test response's score (absent scores left out by the
/// caller); `post` each post-test response's. Every figure respects k.
pub fn compare_measure(pre: &[CodedScore], post: &[PostScore], k: u64) -> MeasureComparison {
    let reportable = |n: usize| n as u64 >= k;
    let kept = |stats: Option<PairedStats>| stats.filter(|s| s.n >= k);
    let pre_values: Vec<f64> = pre.iter().map(|s| s.value).collect();
    let post_now: Vec<CodedScore> =
        post.iter().filter_map(|s| s.now.map(|value| CodedScore { code: s.code.clone(), value })).collect();
    let post_values: Vec<f64> = post_now.iter().map(|s| s.value).collect();
    let then_scores: Vec<CodedScore> =
        post.iter().filter_map(|s| s.then.map(|value| CodedScore { code: s.code.clone(), value })).collect();
    let then_now: Vec<(f64, f64)> = post.iter().filter_map(|s| s.then.zip(s.now)).collect();
    let both_sides = reportable(pre_values.len()) && reportable(post_values.len());
    let mut comparison = MeasureComparison {
        mean_pre: reportable(pre_values.len()).then(|| mean(&pre_values)),
        mean_post: reportable(post_values.len()).then(|| mean(&post_values)),
        paired: kept(paired_stats(&match_by_code(pre, &post_now))),
        unpaired: if both_sides { welch_stats(&pre_values, &post_values) } else { None },
        post_minus_then: kept(paired_stats(&then_now)),
        then_minus_pre: kept(paired_stats(&match_by_code(pre, &then_scores))),
    };
    hide_small_remainders(&mut comparison, pre, post, k);
    comparison
}

/// The groups a measure's comparison shows, as bits: all pre-tests, all post-tests, the matched
/// pairs, the post-tests with a then-test, the then-tests matched to a pre-test.
const ALL_PRE: u8 = 1;
const ALL_POST: u8 = 2;
const PAIRS: u8 = 4;
const THEN: u8 = 8;
const THEN_PAIRS: u8 = 16;

/// Workshop subgroups are parts of the groups they come from (docs/DESIGN.md §5): the pairs' pre-test mean
/// is part of all pre-tests, so all pre-tests − pairs would be the people who skipped the post-test.
/// Each side (pre-test, post-test and then-test scores) holds people; grouped by which shown groups
/// hold them (atoms, as in [`super::disclosure`]), each atom must hold 0 or ≥ k. While one does not,
/// the smallest shown subgroup is hidden; with none left, the whole groups go.
fn hide_small_remainders(c: &mut MeasureComparison, pre: &[CodedScore], post: &[PostScore], k: u64) {
    let with_now: Vec<CodedScore> =
        post.iter().filter_map(|s| s.now.map(|value| CodedScore { code: s.code.clone(), value })).collect();
    let with_then: Vec<CodedScore> =
        post.iter().filter_map(|s| s.then.map(|value| CodedScore { code: s.code.clone(), value })).collect();
    let (pre_codes, now_codes, then_codes) = (unique_codes(pre), unique_codes(&with_now), unique_codes(&with_then));
    let matched = |code: &Option<String>, own: &HashMap<&str, f64>, other: &HashMap<&str, f64>| {
        code.as_deref().is_some_and(|c| own.contains_key(c) && other.contains_key(c))
    };
    let bit = |yes: bool, b: u8| if yes { b } else { 0 };
    let pre_side: Vec<u8> = pre
        .iter()
        .map(|s| {
            ALL_PRE
                | bit(matched(&s.code, &pre_codes, &now_codes), PAIRS)
                | bit(matched(&s.code, &pre_codes, &then_codes), THEN_PAIRS)
        })
        .collect();
    let post_side: Vec<u8> = post
        .iter()
        .filter(|s| s.now.is_some())
        .map(|s| ALL_POST | bit(matched(&s.code, &now_codes, &pre_codes), PAIRS) | bit(s.then.is_some(), THEN))
        .collect();
    let then_side: Vec<u8> = post
        .iter()
        .filter(|s| s.then.is_some())
        .map(|s| bit(s.now.is_some(), THEN) | bit(matched(&s.code, &then_codes, &pre_codes), THEN_PAIRS))
        .collect();
    let mut shown = bit(c.mean_pre.is_some(), ALL_PRE)
        | bit(c.mean_post.is_some(), ALL_POST)
        | bit(c.paired.is_some(), PAIRS)
        | bit(c.post_minus_then.is_some(), THEN)
        | bit(c.then_minus_pre.is_some(), THEN_PAIRS);
    let sides = [pre_side, post_side, then_side];
    // The first side with an atom of 1 … k − 1 people under what is shown.
    let side_with_small_atom = |shown: u8| {
        sides.iter().find(|side| {
            let mut atoms: HashMap<u8, u64> = HashMap::new();
            for member in side.iter() {
                *atoms.entry(member & shown).or_default() += 1;
            }
            atoms.iter().any(|(mask, n)| *mask != 0 && *n < k)
        })
    };
    while let Some(side) = side_with_small_atom(shown) {
        // The smallest shown subgroup that cuts through this side; with none, the whole groups go.
        let size = |group: u8| side.iter().filter(|m| *m & group != 0).count();
        let subgroup = [PAIRS, THEN, THEN_PAIRS]
            .into_iter()
            .filter(|g| shown & g != 0 && size(*g) > 0)
            .min_by_key(|g| (size(*g), *g));
        shown &= !subgroup.unwrap_or(ALL_PRE | ALL_POST | THEN | THEN_PAIRS | PAIRS);
    }
    if shown & ALL_PRE == 0 {
        c.mean_pre = None;
    }
    if shown & ALL_POST == 0 {
        c.mean_post = None;
    }
    if shown & (ALL_PRE | ALL_POST) != ALL_PRE | ALL_POST {
        c.unpaired = None;
    }
    if shown & PAIRS == 0 {
        c.paired = None;
    }
    if shown & THEN == 0 {
        c.post_minus_then = None;
    }
    if shown & THEN_PAIRS == 0 {
        c.then_minus_pre = None;
    }
}

/// Size of a standardised effect, by |d|: < 0.2 negligible, < 0.5 small, < 0.8 medium, else large.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SizeBand {
    Negligible,
    Small,
    Medium,
    Large,
}

impl SizeBand {
    /// The band of an effect size.
    pub fn of(d: f64) -> Self {
        match d.abs() {
            x if x < 0.2 => SizeBand::Negligible,
            x if x < 0.5 => SizeBand::Small,
            x if x < 0.8 => SizeBand::Medium,
            _ => SizeBand::Large,
        }
    }
}

/// Which way the mean moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    Up,
    Down,
    Unchanged,
}

/// What a row says, before it is put into words in either language.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    /// Whether the figures behind the reading are matched pairs (else all pre vs all post).
    pub from_pairs: bool,
    pub direction: Direction,
    pub diff: f64,
    /// d_z for pairs, g otherwise; `None` when not computable.
    pub effect: Option<f64>,
    pub size: Option<SizeBand>,
    /// Whether the 95 % CI of the difference lies wholly above or below 0; `None` when there is no CI.
    pub ci_excludes_zero: Option<bool>,
    /// The number of pairs, or the smaller side's n.
    pub n: u64,
    pub small_sample: bool,
}

fn direction_of(diff: f64) -> Direction {
    if diff.abs() < 1e-9 {
        Direction::Unchanged
    } else if diff > 0.0 {
        Direction::Up
    } else {
        Direction::Down
    }
}

fn excludes_zero(ci: Option<(f64, f64)>) -> Option<bool> {
    ci.map(|(low, high)| low > 0.0 || high < 0.0)
}

/// The reading of a row: from matched pairs when there are at least k of them, else from all pre
/// vs all post; `None` when neither is reportable.
pub fn read_measure(comparison: &MeasureComparison) -> Option<Reading> {
    if let Some(p) = &comparison.paired {
        return Some(Reading {
            from_pairs: true,
            direction: direction_of(p.mean_diff),
            diff: p.mean_diff,
            effect: p.dz,
            size: p.dz.map(SizeBand::of),
            ci_excludes_zero: excludes_zero(p.ci),
            n: p.n,
            small_sample: p.n < SMALL_SAMPLE,
        });
    }
    comparison.unpaired.as_ref().map(|u| {
        let n = u.n_before.min(u.n_after);
        Reading {
            from_pairs: false,
            direction: direction_of(u.diff),
            diff: u.diff,
            effect: u.g,
            size: u.g.map(SizeBand::of),
            ci_excludes_zero: excludes_zero(u.ci),
            n,
            small_sample: n < SMALL_SAMPLE,
        }
    })
}

/// The scores of one response that the comparison uses.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Measures {
    pub lo_index: Option<f64>,
    /// Indexed by [`Discipline::index`].
    pub disciplines: [Option<f64>; 5],
}

impl Measures {
    fn get(&self, measure: Option<Discipline>) -> Option<f64> {
        match measure {
            None => self.lo_index,
            Some(d) => self.disciplines[d.index()],
        }
    }
}

/// One response of a workshop's pre-test or post-test; `then` only on post-tests with the then-test.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct WorkshopResponse {
    pub code: Option<String>,
    pub now: Measures,
    pub then: Option<Measures>,
}

/// Scored values of one item across a wave's responses (after reverse scoring).
#[derive(Clone, Debug, PartialEq)]
pub struct ItemValues {
    pub code: String,
    pub discipline: Discipline,
    pub pre: Vec<f64>,
    pub post: Vec<f64>,
}

/// Mean of one item before and after; `None` on a side with fewer than k answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemShift {
    pub code: String,
    pub discipline: Discipline,
    pub mean_pre: Option<f64>,
    pub mean_post: Option<f64>,
}

impl ItemShift {
    /// Post − pre, when both sides are reportable.
    pub fn diff(&self) -> Option<f64> {
        self.mean_pre.zip(self.mean_post).map(|(pre, post)| post - pre)
    }
}

/// The whole comparison of a workshop, every group below k suppressed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkshopComparison {
    pub min_group_size: u64,
    /// Counts of responses and matched codes; `None` when below k ("< k").
    pub n_pre: Option<u64>,
    pub n_post: Option<u64>,
    pub n_pairs: Option<u64>,
    /// Pairs / post-test responses, when both counts are reportable.
    pub pair_match_rate: Option<f64>,
    pub lo_index: MeasureComparison,
    /// In [`Discipline::ALL`] order.
    pub disciplines: Vec<(Discipline, MeasureComparison)>,
    pub items: Vec<ItemShift>,
}

impl WorkshopComparison {
    /// The comparison while the post-test is still open: counts only, no figure (docs/DESIGN.md §5,
    /// release at close), so reading it before and after a latecomer says nothing about them.
    pub fn participation_only(self) -> Self {
        WorkshopComparison {
            lo_index: MeasureComparison::default(),
            disciplines: self.disciplines.into_iter().map(|(d, _)| (d, MeasureComparison::default())).collect(),
            items: self.items.into_iter().map(|item| ItemShift { mean_pre: None, mean_post: None, ..item }).collect(),
            ..self
        }
    }
}

/// Compares a workshop's pre-test and post-test responses under the k rule.
pub fn compare_workshop(
    pre: &[WorkshopResponse],
    post: &[WorkshopResponse],
    items: &[ItemValues],
    k: u64,
) -> WorkshopComparison {
    let reportable = |n: u64| (n >= k).then_some(n);
    let measure = |which: Option<Discipline>| {
        let pre_scores: Vec<CodedScore> = pre
            .iter()
            .filter_map(|r| r.now.get(which).map(|value| CodedScore { code: r.code.clone(), value }))
            .collect();
        let post_scores: Vec<PostScore> = post
            .iter()
            .map(|r| PostScore { code: r.code.clone(), now: r.now.get(which), then: r.then.and_then(|t| t.get(which)) })
            .collect();
        compare_measure(&pre_scores, &post_scores, k)
    };
    let codes = |responses: &[WorkshopResponse]| responses.iter().map(|r| r.code.clone()).collect::<Vec<_>>();
    let (n_pre, n_post) = (reportable(pre.len() as u64), reportable(post.len() as u64));
    let n_pairs = reportable(pair_count(&codes(pre), &codes(post)));
    let side_mean = |values: &[f64]| reportable(values.len() as u64).map(|_| mean(values));
    WorkshopComparison {
        min_group_size: k,
        n_pre,
        n_post,
        n_pairs,
        pair_match_rate: n_pairs.zip(n_post).map(|(pairs, post)| pairs as f64 / post as f64),
        lo_index: measure(None),
        disciplines: Discipline::ALL.into_iter().map(|d| (d, measure(Some(d)))).collect(),
        items: items
            .iter()
            .map(|item| ItemShift {
                code: item.code.clone(),
                discipline: item.discipline,
                mean_pre: side_mean(&item.pre),
                mean_post: side_mean(&item.post),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(got: f64, want: f64) {
        assert!((got - want).abs() < 1e-9, "{got} vs {want}");
    }

    fn coded(code: &str, value: f64) -> CodedScore {
        CodedScore { code: Some(code.into()), value }
    }

    const PRE: [f64; 8] = [3.2, 2.8, 3.6, 3.0, 2.4, 3.8, 3.4, 2.6];
    const POST: [f64; 8] = [3.6, 3.4, 3.8, 3.2, 3.0, 4.0, 3.4, 3.2];

    #[test]
    fn paired_matches_scipy_ttest_rel() {
        // SciPy 1.17.1: r = stats.ttest_rel(POST, PRE); r.confidence_interval(0.95); d = POST − PRE
        // → t 4.2488388506681884, df 7, p 0.003798576327652087, CI (0.1552130200402117, 0.5447869799597884),
        //   mean d 0.35, sd d 0.23299294900428705, d_z 1.502191381738166
        let pairs: Vec<(f64, f64)> = PRE.into_iter().zip(POST).collect();
        let s = paired_stats(&pairs).unwrap();
        assert_eq!((s.n, s.df), (8, 7));
        close(s.mean_diff, 0.35);
        close(s.sd_diff, 0.23299294900428705);
        close(s.t.unwrap(), 4.2488388506681884);
        close(s.p.unwrap(), 0.003798576327652087);
        let (low, high) = s.ci.unwrap();
        close(low, 0.1552130200402117);
        close(high, 0.5447869799597884);
        close(s.dz.unwrap(), 1.502191381738166);
        close(s.mean_before, 3.1);
        close(s.mean_after, 3.45);
    }

    #[test]
    fn paired_decline_matches_scipy() {
        // SciPy 1.17.1: stats.ttest_rel([3.6,3.8,3.8,3.4,4.0], [4.0,3.8,4.2,3.6,4.4])
        // → t −3.5, df 4, p 0.02489616346022274, CI (−0.5021156084158237, −0.057884391584176575), d_z −1.5652475842498528
        let s = paired_stats(&[(4.0, 3.6), (3.8, 3.8), (4.2, 3.8), (3.6, 3.4), (4.4, 4.0)]).unwrap();
        close(s.t.unwrap(), -3.5);
        close(s.p.unwrap(), 0.02489616346022274);
        close(s.ci.unwrap().0, -0.5021156084158237);
        close(s.ci.unwrap().1, -0.057884391584176575);
        close(s.dz.unwrap(), -1.5652475842498528);
        let reading = read_measure(&MeasureComparison { paired: Some(s), ..Default::default() }).unwrap();
        assert_eq!(reading.direction, Direction::Down);
        assert_eq!(reading.size, Some(SizeBand::Large));
        assert_eq!(reading.ci_excludes_zero, Some(true));
        assert!(reading.small_sample);
    }

    #[test]
    fn welch_matches_scipy_ttest_ind() {
        // SciPy 1.17.1: w = stats.ttest_ind(b, a, equal_var=False); w.confidence_interval(0.95), with
        // a = [3.2,2.8,3.6,3.0,2.4,3.8], b = [3.6,3.4,3.8,3.2,3.0,4.0,3.4,3.2,4.2]
        // → t 1.603567451474546, df 8.909090909090908, p 0.1436169890425637,
        //   CI (−0.16516007731079485, 0.9651600773107947); Hedges' g (pooled SD, J = 1 − 3/(4·15 − 9)) 0.8396635964233138
        let a = [3.2, 2.8, 3.6, 3.0, 2.4, 3.8];
        let b = [3.6, 3.4, 3.8, 3.2, 3.0, 4.0, 3.4, 3.2, 4.2];
        let s = welch_stats(&a, &b).unwrap();
        close(s.diff, 0.4);
        close(s.t.unwrap(), 1.603567451474546);
        close(s.df.unwrap(), 8.909090909090908);
        close(s.p.unwrap(), 0.1436169890425637);
        close(s.ci.unwrap().0, -0.16516007731079485);
        close(s.ci.unwrap().1, 0.9651600773107947);
        close(s.g.unwrap(), 0.8396635964233138);
        let reading = read_measure(&MeasureComparison { unpaired: Some(s), ..Default::default() }).unwrap();
        assert!(!reading.from_pairs);
        assert_eq!(
            (reading.direction, reading.size, reading.ci_excludes_zero),
            (Direction::Up, Some(SizeBand::Large), Some(false))
        );
        assert_eq!(reading.n, 6);
    }

    #[test]
    fn zero_variance_of_differences_is_not_computable() {
        let s = paired_stats(&[(3.0, 3.5), (2.0, 2.5), (4.0, 4.5)]).unwrap();
        close(s.mean_diff, 0.5);
        assert_eq!((s.t, s.p, s.ci, s.dz), (None, None, None, None));
        let same = welch_stats(&[3.0, 3.0, 3.0], &[4.0, 4.0]).unwrap();
        assert_eq!((same.t, same.df, same.p, same.ci, same.g), (None, None, None, None, None));
        let reading = read_measure(&MeasureComparison { paired: Some(s), ..Default::default() }).unwrap();
        assert_eq!((reading.size, reading.ci_excludes_zero), (None, None));
    }

    #[test]
    fn one_side_empty_or_single_gives_nothing() {
        assert_eq!(paired_stats(&[]), None);
        assert_eq!(paired_stats(&[(1.0, 2.0)]), None);
        assert_eq!(welch_stats(&[], &[3.0, 4.0]), None);
        assert_eq!(welch_stats(&[3.0], &[3.0, 4.0]), None);
        let c = compare_measure(&[], &[PostScore { code: None, now: Some(3.0), then: None }], 1);
        assert_eq!((c.mean_pre, c.paired, c.unpaired), (None, None, None));
        assert_eq!(read_measure(&c), None);
    }

    fn workshop(n: usize) -> (Vec<CodedScore>, Vec<PostScore>) {
        let pre = (0..n).map(|i| coded(&format!("C{i}"), PRE[i % 8])).collect();
        let post = (0..n)
            .map(|i| PostScore { code: Some(format!("C{i}")), now: Some(POST[i % 8]), then: Some(PRE[i % 8] - 0.2) })
            .collect();
        (pre, post)
    }

    #[test]
    fn groups_of_exactly_k_are_shown_and_one_fewer_suppressed() {
        let (pre, post) = workshop(5);
        let at_k = compare_measure(&pre, &post, 5);
        assert_eq!(at_k.paired.map(|p| p.n), Some(5));
        assert!(at_k.unpaired.is_some() && at_k.mean_pre.is_some() && at_k.mean_post.is_some());
        assert_eq!(at_k.post_minus_then.map(|p| p.n), Some(5));
        close(at_k.then_minus_pre.unwrap().mean_diff, -0.2);
        let below = compare_measure(&pre[..4], &post, 5);
        assert_eq!((below.mean_pre, below.paired, below.unpaired, below.then_minus_pre), (None, None, None, None));
        assert!(below.mean_post.is_some(), "the post side alone still has k");
        assert!(below.post_minus_then.is_some(), "post − then needs only the post side");
    }

    #[test]
    fn one_participant_without_a_post_test_hides_the_pairs_that_would_give_them_away() {
        // Six pre-tests, five of them matched: all pre-tests − the pairs' pre-test mean = the sixth.
        let (mut pre, post) = workshop(5);
        pre.push(coded("LATE", 1.0));
        let c = compare_measure(&pre, &post, 5);
        assert_eq!(c.paired, None, "6 − 5 = one person");
        assert_eq!(c.then_minus_pre, None, "the same five against the pre-test");
        assert!(c.mean_pre.is_some() && c.mean_post.is_some() && c.unpaired.is_some());
        assert!(c.post_minus_then.is_some(), "within the post-test: every post-test has its then-test");
        // Five more without a post-test: 10 − 5 = 5 people stand behind the difference.
        pre.extend((0..4).map(|i| coded(&format!("L{i}"), 2.0)));
        assert!(compare_measure(&pre, &post, 5).paired.is_some());
    }

    #[test]
    fn all_pairs_missing_still_compares_all_pre_with_all_post() {
        let (pre, mut post) = workshop(8);
        for p in &mut post {
            p.code = None;
        }
        let c = compare_measure(&pre, &post, 5);
        assert_eq!(c.paired, None);
        assert_eq!(c.then_minus_pre, None);
        assert!(c.unpaired.is_some());
        assert!(!read_measure(&c).unwrap().from_pairs);
    }

    #[test]
    fn duplicate_codes_pair_nothing() {
        let pre = vec![coded("A", 3.0), coded("A", 4.0), coded("B", 3.0)];
        let post = vec![coded("A", 5.0), coded("B", 4.0), coded("C", 2.0)];
        assert_eq!(match_by_code(&pre, &post), vec![(3.0, 4.0)]);
        let codes = |v: &[&str]| v.iter().map(|c| Some(c.to_string())).collect::<Vec<_>>();
        assert_eq!(pair_count(&codes(&["A", "A", "B"]), &codes(&["A", "B", "C"])), 1);
    }

    #[test]
    fn size_bands_follow_design() {
        let bands = [
            (0.0, SizeBand::Negligible),
            (0.19, SizeBand::Negligible),
            (-0.2, SizeBand::Small),
            (0.49, SizeBand::Small),
        ];
        for (d, band) in bands.into_iter().chain([
            (0.5, SizeBand::Medium),
            (-0.79, SizeBand::Medium),
            (0.8, SizeBand::Large),
            (-2.0, SizeBand::Large),
        ]) {
            assert_eq!(SizeBand::of(d), band, "d = {d}");
        }
    }

    #[test]
    fn workshop_counts_and_items_respect_k() {
        let response = |code: &str, lo: f64| WorkshopResponse {
            code: Some(code.into()),
            now: Measures { lo_index: Some(lo), disciplines: [Some(lo / 25.0 + 1.0); 5] },
            then: None,
        };
        let pre: Vec<_> = (0..8).map(|i| response(&format!("P{i}"), 40.0 + i as f64)).collect();
        let mut post: Vec<_> = (0..4).map(|i| response(&format!("P{i}"), 50.0 + i as f64)).collect();
        post.extend((0..4).map(|i| response(&format!("X{i}"), 60.0)));
        let items = [ItemValues {
            code: "ST1".into(),
            discipline: Discipline::SystemsThinking,
            pre: vec![3.0; 8],
            post: vec![4.0; 4],
        }];
        let c = compare_workshop(&pre, &post, &items, 5);
        assert_eq!((c.n_pre, c.n_post, c.n_pairs, c.pair_match_rate), (Some(8), Some(8), None, None));
        assert_eq!(c.lo_index.paired, None, "4 pairs < k");
        assert!(c.lo_index.unpaired.is_some());
        assert_eq!(c.disciplines.len(), 5);
        assert_eq!((c.items[0].mean_pre, c.items[0].mean_post, c.items[0].diff()), (Some(3.0), None, None));
        let c = compare_workshop(&pre, &post, &items, 4);
        assert_eq!((c.n_pairs, c.pair_match_rate), (Some(4), Some(0.5)));
        assert_eq!(c.items[0].diff(), Some(1.0));
        close(c.lo_index.paired.unwrap().mean_diff, 10.0);
    }

    proptest! {
        #[test]
        fn statistics_are_finite_or_absent(values in proptest::collection::vec((1.0f64..=5.0, 1.0f64..=5.0), 0..40)) {
            let finite_or_none = |x: Option<f64>| x.is_none_or(f64::is_finite);
            if let Some(s) = paired_stats(&values) {
                prop_assert!(finite_or_none(s.t) && finite_or_none(s.p) && finite_or_none(s.dz));
                prop_assert!(s.p.is_none_or(|p| (0.0..=1.0).contains(&p)));
                prop_assert!(s.ci.is_none_or(|(l, h)| l <= s.mean_diff && s.mean_diff <= h));
            }
            let (a, b): (Vec<f64>, Vec<f64>) = values.iter().copied().unzip();
            let cut = a.len() / 3;
            if let Some(w) = welch_stats(&a[..cut], &b) {
                prop_assert!(finite_or_none(w.t) && finite_or_none(w.df) && finite_or_none(w.p) && finite_or_none(w.g));
                prop_assert!(w.ci.is_none_or(|(l, h)| l <= w.diff && w.diff <= h));
            }
        }
    }
}
