//! The sums kept per (wave, unit) so that no view reads every answer: score sums ([`scores`]) and the
//! complete-case sums of Cronbach's α ([`alpha`]), both written in the transaction that stores a response.

pub mod alpha;
pub mod scores;

use crate::domain::submission::{InstrumentItem, ValidSubmission};
use crate::domain::{UnitId, WaveId};
use chrono::NaiveDate;

/// A validated response on its way into the caller's transaction (`valid.answers` aligned with `items`).
pub struct ScoredResponse<'a> {
    pub wave_id: WaveId,
    pub unit_id: UnitId,
    pub day: NaiveDate,
    pub items: &'a [InstrumentItem],
    pub valid: &'a ValidSubmission,
    pub scale_points: u8,
    /// Typed in from paper by HR rather than answered online.
    pub typed_in: bool,
}
