//! Scores of one response (docs/DESIGN.md §4): discipline means with the 60 % rule and the 0–100 LO index.
//! Computed once at submit and stored with the response, so reports only add numbers up.

use super::aggregation::FavourableCount;
use super::discipline::Discipline;
use super::likert::LikertValue;

/// A discipline score needs at least 60 % of that discipline's items answered: with five items,
/// three answers. Fewer would let one or two answers stand for a whole discipline.
/// Kept as a fraction of integers so the comparison is exact (3/5 passes, 2/5 does not).
pub const MIN_ANSWERED_NUMERATOR: usize = 3;
/// Denominator of the 60 % rule (see [`MIN_ANSWERED_NUMERATOR`]).
pub const MIN_ANSWERED_DENOMINATOR: usize = 5;

/// What scoring needs to know about one item of an instrument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemKey {
    pub discipline: Discipline,
    pub reverse: bool,
}

/// Stored scores of one response; `None` where the rules say the score is absent.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct ResponseScores {
    /// Mean scored value per discipline, indexed by [`Discipline::index`], on the 1..scale range.
    pub disciplines: [Option<f64>; 5],
    /// Mean of the five discipline scores mapped to 0–100; present only when all five are.
    pub lo_index: Option<f64>,
    /// Favourable (4 or 5 after reverse scoring) among the answered items, per discipline.
    pub favourable: [FavourableCount; 5],
}

impl ResponseScores {
    /// Score of one discipline.
    pub fn of(&self, discipline: Discipline) -> Option<f64> {
        self.disciplines[discipline.index()]
    }
}

/// Maps a mean on a `scale_points` scale to 0–100: (m − 1) / (points − 1) × 100.
pub fn to_index(mean: f64, scale_points: u8) -> f64 {
    (mean - 1.0) / f64::from(scale_points - 1) * 100.0
}

/// Scores one response. `answers` lists **every** item of the instrument once, with `None` for an
/// unanswered item, because the 60 % rule needs each discipline's item count.
pub fn score_response(
    answers: impl IntoIterator<Item = (ItemKey, Option<LikertValue>)>,
    scale_points: u8,
) -> ResponseScores {
    let mut items = [0usize; 5];
    let mut answered = [0usize; 5];
    let mut sums = [0u32; 5];
    let mut favourable = [FavourableCount::default(); 5];
    for (key, value) in answers {
        let i = key.discipline.index();
        items[i] += 1;
        if let Some(v) = value {
            let scored = v.scored(key.reverse, scale_points);
            answered[i] += 1;
            sums[i] += u32::from(scored);
            favourable[i].answered += 1;
            favourable[i].respondents = 1;
            favourable[i].favourable += u64::from(LikertValue::is_favourable(scored, scale_points));
        }
    }
    let mut disciplines = [None; 5];
    for i in 0..5 {
        let enough = items[i] > 0 && answered[i] * MIN_ANSWERED_DENOMINATOR >= items[i] * MIN_ANSWERED_NUMERATOR;
        if enough {
            disciplines[i] = Some(f64::from(sums[i]) / answered[i] as f64);
        }
    }
    let lo_index = if disciplines.iter().all(Option::is_some) {
        let mean = disciplines.iter().flatten().sum::<f64>() / 5.0;
        Some(to_index(mean, scale_points))
    } else {
        None
    };
    ResponseScores { disciplines, lo_index, favourable }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(discipline: Discipline, reverse: bool) -> ItemKey {
        ItemKey { discipline, reverse }
    }

    fn v(x: i64) -> Option<LikertValue> {
        Some(LikertValue::parse(x, 5).unwrap())
    }

    /// Five items per discipline; the fifth is reverse-worded, as in LO-25.
    fn full_instrument(values: [[Option<LikertValue>; 5]; 5]) -> Vec<(ItemKey, Option<LikertValue>)> {
        let mut out = Vec::new();
        for d in Discipline::ALL {
            for (j, value) in values[d.index()].iter().enumerate() {
                out.push((key(d, j == 4), *value));
            }
        }
        out
    }

    #[test]
    fn a_reverse_item_counts_six_minus_its_answer_in_the_mean() {
        // PM answers 4,4,5,3 and reverse 2 (scores 4): (4+4+5+3+4)/5 = 4.0
        let mut values = [[v(3); 5]; 5];
        values[0] = [v(4), v(4), v(5), v(3), v(2)];
        let scores = score_response(full_instrument(values), 5);
        assert_eq!(scores.of(Discipline::PersonalMastery), Some(4.0));
        // the others: 3,3,3,3 and reverse 3 → 3.0
        assert_eq!(scores.of(Discipline::MentalModels), Some(3.0));
        // scored PM values 4,4,5,3,4: four of five favourable
        assert_eq!(scores.favourable[0], FavourableCount { favourable: 4, answered: 5, respondents: 1 });
        assert_eq!(scores.favourable[1], FavourableCount { favourable: 0, answered: 5, respondents: 1 });
    }

    #[test]
    fn three_of_five_answered_is_enough_and_two_is_not() {
        let mut values = [[v(5); 5]; 5];
        values[1] = [v(2), v(4), None, v(3), None]; // 3 of 5: mean (2+4+3)/3 = 3.0
        values[2] = [v(5), None, None, v(5), None]; // 2 of 5: absent
        let scores = score_response(full_instrument(values), 5);
        assert_eq!(scores.of(Discipline::MentalModels), Some(3.0));
        assert_eq!(scores.of(Discipline::SharedVision), None);
        assert_eq!(scores.lo_index, None, "one absent discipline removes the LO index");
    }

    #[test]
    fn lo_index_maps_the_mean_of_disciplines_to_zero_hundred() {
        // all answers 4 except reverse items answered 2 (score 4): every discipline 4.0 → 75
        let values = [[v(4), v(4), v(4), v(4), v(2)]; 5];
        let scores = score_response(full_instrument(values), 5);
        assert_eq!(scores.lo_index, Some(75.0));
        // discipline means 1,2,3,4,5 → mean 3 → 50
        let mut values = [[None; 5]; 5];
        for (i, row) in values.iter_mut().enumerate() {
            let x = i as i64 + 1;
            *row = [v(x), v(x), v(x), v(x), v(6 - x)];
        }
        let scores = score_response(full_instrument(values), 5);
        assert_eq!(scores.lo_index, Some(50.0));
    }

    #[test]
    fn an_empty_response_has_no_scores_and_unanswered_is_never_zero() {
        let scores = score_response(full_instrument([[None; 5]; 5]), 5);
        assert_eq!(scores, ResponseScores::default());
        let mut values = [[None; 5]; 5];
        values[3] = [v(5), v(5), v(5), None, None];
        assert_eq!(score_response(full_instrument(values), 5).of(Discipline::TeamLearning), Some(5.0));
    }

    proptest! {
        #[test]
        fn every_present_score_stays_on_the_scale(raw in proptest::collection::vec(proptest::option::of(1i64..=5), 25)) {
            let mut values = [[None; 5]; 5];
            for (i, x) in raw.iter().enumerate() {
                values[i / 5][i % 5] = x.map(|x| LikertValue::parse(x, 5).unwrap());
            }
            let scores = score_response(full_instrument(values), 5);
            for s in scores.disciplines.iter().flatten() {
                prop_assert!((1.0..=5.0).contains(s));
            }
            if let Some(lo) = scores.lo_index {
                prop_assert!((0.0..=100.0).contains(&lo));
            }
        }
    }
}
