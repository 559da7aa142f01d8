//! Types that cross the wire between server and browser or API client. Raw responses never do:
//! only aggregated, suppressed figures and account data the caller may see.

use crate::domain::Role;
use serde::{Deserialize, Serialize};

/// The logged-in account, as the pages need it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionUser {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// Unit subtree the account is limited to; `None` means the whole organisation.
    pub scope: Option<UnitRef>,
}

/// A unit named by code and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRef {
    pub code: String,
    pub name: String,
}

/// Counts shown on a role's home page, already limited to the caller's scope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaSummary {
    pub units_in_scope: u64,
    pub waves: u64,
    pub workshops: u64,
    /// Number of accounts; only admins see it.
    pub users: Option<u64>,
    pub min_group_size: u32,
}

/// One field-level problem of a request, in the caller's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// 1-based row of a bulk write, when the problem belongs to a row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    pub field: String,
    pub message: String,
}

/// An item of an instrument in the REST API.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ItemDto {
    pub code: String,
    /// One of personal_mastery, mental_models, shared_vision, team_learning, systems_thinking.
    pub discipline: String,
    pub reverse: bool,
    pub text_id: String,
    pub text_en: String,
}

/// An instrument in the REST API.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InstrumentDto {
    pub slug: String,
    pub version: i32,
    pub scale_points: i32,
    pub items: Vec<ItemDto>,
}

/// A unit of the organisation tree in the REST API (also the CSV/XLSX import columns).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UnitDto {
    pub code: String,
    pub name: String,
    pub parent_code: Option<String>,
    /// One of pemda, opd, bidang, seksi, upt, tim, other.
    pub kind: String,
    pub headcount: Option<i64>,
}

/// Result of an upsert of units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UnitsUpserted {
    pub inserted: u64,
    pub updated: u64,
}
