//! Senge's five disciplines, the dimensions every Mawas instrument is grouped by.

use serde::{Deserialize, Serialize};

/// One of the five disciplines (docs/DESIGN.md §3); `code()` is the stable name used in storage and the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Discipline {
    PersonalMastery,
    MentalModels,
    SharedVision,
    TeamLearning,
    SystemsThinking,
}

impl Discipline {
    /// All five, in the order reports show them.
    pub const ALL: [Discipline; 5] = [
        Discipline::PersonalMastery,
        Discipline::MentalModels,
        Discipline::SharedVision,
        Discipline::TeamLearning,
        Discipline::SystemsThinking,
    ];

    /// Stable code used in the database, forms and the REST API.
    pub fn code(self) -> &'static str {
        match self {
            Discipline::PersonalMastery => "personal_mastery",
            Discipline::MentalModels => "mental_models",
            Discipline::SharedVision => "shared_vision",
            Discipline::TeamLearning => "team_learning",
            Discipline::SystemsThinking => "systems_thinking",
        }
    }

    /// Parses a stable code back into a discipline.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }

    /// Position in [`Discipline::ALL`], used to index per-discipline arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Prefix of the item codes of LO-25 (`PM1`…`ST5`).
    pub fn item_prefix(self) -> &'static str {
        match self {
            Discipline::PersonalMastery => "PM",
            Discipline::MentalModels => "MM",
            Discipline::SharedVision => "SV",
            Discipline::TeamLearning => "TL",
            Discipline::SystemsThinking => "ST",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_parses_back_to_its_discipline() {
        for d in Discipline::ALL {
            assert_eq!(Discipline::parse(d.code()), Some(d));
            assert_eq!(Discipline::ALL[d.index()], d);
        }
        assert_eq!(Discipline::parse("leadership"), None);
    }
}
