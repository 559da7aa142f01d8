//! Ids of the tables whose keys meet in one call: a unit and a wave. A function that takes both
//! (`sums_of(wave, unit)`, `visible_root(wave_root, scope)`) cannot have them swapped, and a map
//! keyed by `UnitId` cannot be looked up with a wave's id. JSON, URLs and the database keep the bare
//! number: serde is transparent, `Display`/`FromStr` read and write the number, and on the server
//! the id is a sea-orm value type over the same integer column (no migration).

use std::fmt;
use std::str::FromStr;

macro_rules! table_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType, utoipa::ToSchema))]
        pub struct $name(pub i32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map($name)
            }
        }
    };
}

table_id! {
    /// The id of a unit of the organisation tree (`unit.id`, and every `unit_id`/`parent_id`).
    UnitId
}

table_id! {
    /// The id of a survey wave (`wave.id`, and every `wave_id`).
    WaveId
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Tree links written with bare numbers, for tests of tree walks.
    pub(crate) fn links(numbers: &[(i32, Option<i32>)]) -> Vec<(UnitId, Option<UnitId>)> {
        numbers.iter().map(|(id, parent)| (UnitId(*id), parent.map(UnitId))).collect()
    }

    #[test]
    fn ids_travel_as_bare_numbers() {
        assert_eq!(serde_json::to_string(&UnitId(7)).unwrap(), "7");
        assert_eq!(serde_json::from_str::<WaveId>("12").unwrap(), WaveId(12));
        assert_eq!(UnitId(42).to_string(), "42");
        assert_eq!("42".parse::<UnitId>(), Ok(UnitId(42)));
        assert!("4x".parse::<WaveId>().is_err());
    }
}
