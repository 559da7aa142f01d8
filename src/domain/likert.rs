//! Agreement-scale answers: parsed once at the edge, so scoring never sees an out-of-range value.

use thiserror::Error;

/// Points of the agreement scale of Mawas instruments: 1 *Sangat tidak setuju* … 5 *Sangat setuju*.
pub const FIVE_POINTS: u8 = 5;

/// An answer on a Likert scale of `scale_points` points, known to lie in `1..=scale_points`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LikertValue(u8);

/// Why a raw answer is not a Likert value.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LikertError {
    #[error("value {value} is outside 1..={scale_points}")]
    OutOfRange { value: i64, scale_points: u8 },
}

impl LikertValue {
    /// Accepts `raw` only when it is a point of a scale with `scale_points` points.
    pub fn parse(raw: i64, scale_points: u8) -> Result<Self, LikertError> {
        if (1..=i64::from(scale_points)).contains(&raw) {
            Ok(Self(raw as u8))
        } else {
            Err(LikertError::OutOfRange { value: raw, scale_points })
        }
    }

    /// The value as the respondent chose it.
    pub fn get(self) -> u8 {
        self.0
    }

    /// The value after reverse scoring: on a 5-point scale a reverse item scores 6 − v (docs/DESIGN.md §4).
    pub fn scored(self, reverse: bool, scale_points: u8) -> u8 {
        if reverse { scale_points + 1 - self.0 } else { self.0 }
    }

    /// Whether a scored value counts as favourable: the top two points (4 or 5 on a 5-point scale).
    pub fn is_favourable(scored: u8, scale_points: u8) -> bool {
        scored + 1 >= scale_points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_points_of_the_scale_are_accepted() {
        assert_eq!(LikertValue::parse(1, 5).map(LikertValue::get), Ok(1));
        assert_eq!(LikertValue::parse(5, 5).map(LikertValue::get), Ok(5));
        for bad in [0, 6, -1, 255, 256, i64::MAX, i64::MIN] {
            assert!(LikertValue::parse(bad, 5).is_err(), "{bad} must be refused");
        }
    }

    #[test]
    fn reverse_items_score_six_minus_the_answer() {
        let scored: Vec<u8> = (1..=5).map(|v| LikertValue::parse(v, 5).unwrap().scored(true, 5)).collect();
        assert_eq!(scored, vec![5, 4, 3, 2, 1]);
        assert_eq!(LikertValue::parse(2, 5).unwrap().scored(false, 5), 2);
    }

    #[test]
    fn four_and_five_are_favourable_on_five_points() {
        let fav: Vec<bool> = (1..=5).map(|v| LikertValue::is_favourable(v, 5)).collect();
        assert_eq!(fav, vec![false, false, false, true, true]);
    }
}
