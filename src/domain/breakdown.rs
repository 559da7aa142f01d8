//! Breakdowns of the heatmap by grade band, tenure band or role kind: the dimensions and their band
//! codes. Which (unit, band) groups may be shown is decided by [`super::disclosure::shown_bands`].

/// The dimension a heatmap is broken down by, with its REST code and its stored band codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakdownBy {
    GradeBand,
    TenureBand,
    Role,
}

impl BreakdownBy {
    pub const ALL: [BreakdownBy; 3] = [BreakdownBy::GradeBand, BreakdownBy::TenureBand, BreakdownBy::Role];

    /// The code used in `?breakdown=` (docs/DESIGN.md §8).
    pub fn code(self) -> &'static str {
        match self {
            BreakdownBy::GradeBand => "grade_band",
            BreakdownBy::TenureBand => "tenure_band",
            BreakdownBy::Role => "role",
        }
    }

    pub fn parse(code: &str) -> Option<BreakdownBy> {
        Self::ALL.into_iter().find(|b| b.code() == code)
    }

    /// A wave's stored dimension; by grade should a stored code ever be unknown.
    pub fn of_wave(code: &str) -> BreakdownBy {
        Self::parse(code).unwrap_or(BreakdownBy::GradeBand)
    }

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
