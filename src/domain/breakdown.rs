//! Breakdowns of the heatmap by grade band, tenure band or role kind: the dimensions and their band
//! codes. Which (unit, band) groups may be shown is decided by [`super::disclosure::shown_bands`].

use super::codes::coded_enum;

coded_enum! {
    /// The dimension a heatmap is broken down by, with its REST code (`?breakdown=`, docs/DESIGN.md
    /// §8) and its stored band codes.
    pub enum BreakdownBy {
        GradeBand = "grade_band",
        TenureBand = "tenure_band",
        Role = "role",
    }
}

/// A wave created without a choice is broken down by grade.
impl Default for BreakdownBy {
    fn default() -> Self {
        BreakdownBy::GradeBand
    }
}

impl BreakdownBy {
    /// The stored band codes, in the order the survey offers them.
    pub fn bands(self) -> &'static [&'static str] {
        match self {
            BreakdownBy::GradeBand => &GRADE_BANDS,
            BreakdownBy::TenureBand => &TENURE_BANDS,
            BreakdownBy::Role => &ROLE_KINDS,
        }
    }

    /// The band codes of a breakdown's rows: the stored ones, then [`BAND_NOT_GIVEN`].
    pub fn band_codes(self) -> Vec<&'static str> {
        self.bands().iter().copied().chain([BAND_NOT_GIVEN]).collect()
    }
}

/// Grade bands: PNS golongan I–IV, or PPPK (contract civil servants).
pub const GRADE_BANDS: [&str; 5] = ["I", "II", "III", "IV", "PPPK"];
/// Years in the civil service.
pub const TENURE_BANDS: [&str; 4] = ["lt2", "2to5", "6to10", "gt10"];
/// Kinds of position.
pub const ROLE_KINDS: [&str; 3] = ["struktural", "fungsional", "pelaksana"];

/// Band code of the respondents who left the band empty.
pub const BAND_NOT_GIVEN: &str = "not_given";
