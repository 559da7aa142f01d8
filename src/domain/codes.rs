//! Closed sets of values that are stored, sent and posted as stable text codes (`"periodic"`,
//! `"in_progress"`, `"opd"`). One declaration gives the enum its codes in every place: `code` and
//! `parse`, `Display` and `FromStr`, serde (JSON carries the code), and on the server a sea-orm
//! value type (an entity field holds the enum while the column keeps the text it always had) and
//! an OpenAPI schema listing the codes. No domain function touches either.

use std::fmt;

/// A text that is not one of an enum's codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCode {
    pub of: &'static str,
    pub code: String,
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a known {}", self.code, self.of)
    }
}

impl std::error::Error for UnknownCode {}

/// Declares an enum whose variants each have a stable code: `Variant = "code"`.
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType, utoipa::ToSchema), sea_orm(value_type = "String"))]
        $vis enum $name {
            $( $(#[$variant_meta])* #[serde(rename = $code)] $variant ),+
        }

        impl $name {
            /// Every value, in declaration order (the order forms and labels follow).
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The stable code used in storage, URLs, forms, the CLI and the API.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The value of an exact code.
            pub fn parse(code: &str) -> Option<Self> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// Position in [`Self::ALL`], for tables of labels in the same order.
            pub fn index(self) -> usize {
                self as usize
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::codes::UnknownCode;

            fn from_str(code: &str) -> Result<Self, Self::Err> {
                Self::parse(code)
                    .ok_or_else(|| $crate::domain::codes::UnknownCode { of: stringify!($name), code: code.to_string() })
            }
        }
    };
}

pub(crate) use coded_enum;

#[cfg(test)]
mod tests {
    use super::*;

    coded_enum! {
        enum Sample {
            First = "first",
            SecondOne = "second_one",
        }
    }

    #[test]
    fn codes_go_both_ways_and_unknown_codes_are_refused() {
        for sample in Sample::ALL {
            assert_eq!(Sample::parse(sample.code()), Some(sample));
            assert_eq!(sample.to_string().parse::<Sample>(), Ok(sample));
        }
        assert_eq!(Sample::SecondOne.index(), 1);
        assert_eq!(Sample::parse("First"), None);
        assert_eq!(Sample::parse(" first"), None);
        assert_eq!("third".parse::<Sample>(), Err(UnknownCode { of: "Sample", code: "third".into() }));
    }

    #[test]
    fn json_carries_the_code() {
        assert_eq!(serde_json::to_string(&Sample::SecondOne).unwrap(), "\"second_one\"");
        assert_eq!(serde_json::from_str::<Sample>("\"first\"").unwrap(), Sample::First);
        assert!(serde_json::from_str::<Sample>("\"First\"").is_err());
    }
}
