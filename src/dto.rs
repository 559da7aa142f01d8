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

/// A wave named in API answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WaveRef {
    pub id: i32,
    pub title: String,
    pub opens_on: String,
    pub closes_on: String,
}

/// A new periodic wave, as `POST /api/v1/waves` takes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewWaveDto {
    pub title: String,
    /// Instrument slug, e.g. `lo-25`.
    pub instrument: String,
    /// Code of the unit whose subtree answers.
    pub root_unit: String,
    /// First day, `YYYY-MM-DD`.
    pub opens_on: String,
    /// Last day, inclusive.
    pub closes_on: String,
    #[serde(default = "default_access")]
    pub access: String,
    #[serde(default = "default_kind")]
    pub kind: String,
}

fn default_access() -> String {
    "open".into()
}

fn default_kind() -> String {
    "periodic".into()
}

/// The wave `POST /api/v1/waves` created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WaveCreated {
    pub id: i32,
    pub slug: String,
    pub url: String,
}

/// A wave as `GET /api/v1/waves` lists it, with the path of its survey.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WaveDto {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub instrument: String,
    pub root_unit: String,
    pub opens_on: String,
    pub closes_on: String,
    /// `open` (anyone with the link) or `token` (personal invitations).
    pub access: String,
    /// `periodic`, `pre` or `post`.
    pub kind: String,
    /// Path of the respondent's survey, relative to the server's address.
    pub url: String,
}

/// Figures of one discipline in one heatmap row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CellDto {
    pub mean: f64,
    pub sd: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Share of answered items that are favourable (4 or 5 after reverse scoring), 0..1.
    pub favourable: Option<f64>,
}

/// One unit of a wave's heatmap. For a row that is not reportable every figure is null.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HeatmapRowDto {
    pub unit: String,
    pub name: String,
    pub parent: Option<String>,
    pub depth: usize,
    pub reportable: bool,
    pub n: Option<u64>,
    pub response_rate: Option<f64>,
    /// Mean LO index, 0–100.
    pub lo_index: Option<f64>,
    /// Keyed by discipline code; each value is null when the row is not reportable.
    #[cfg_attr(feature = "ssr", schema(value_type = std::collections::BTreeMap<String, CellDto>))]
    pub disciplines: std::collections::BTreeMap<String, Option<CellDto>>,
}

/// The heatmap of one wave within the caller's scope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HeatmapDto {
    pub wave: WaveRef,
    pub min_group_size: u32,
    pub rows: Vec<HeatmapRowDto>,
}

/// Cronbach's α of one discipline; both figures are null when fewer than k complete cases exist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AlphaDto {
    pub alpha: Option<f64>,
    pub n_complete: Option<u64>,
    /// α below 0.6: the discipline's items do not hang together well in this wave.
    pub low: bool,
}

/// Instrument quality of a wave within the caller's scope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReliabilityDto {
    pub wave: WaveRef,
    pub min_group_size: u32,
    /// Keyed by discipline code.
    pub disciplines: std::collections::BTreeMap<String, AlphaDto>,
}

/// One wave of a unit's trend.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrendPointDto {
    pub wave: WaveRef,
    /// The unit's figures in that wave, with the same anonymity rules as the heatmap.
    pub figures: HeatmapRowDto,
}

/// A unit's figures over the periodic waves that covered it, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrendDto {
    pub unit: String,
    pub name: String,
    pub min_group_size: u32,
    pub waves: Vec<TrendPointDto>,
}

/// The anonymity thresholds an admin can change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThresholdSettings {
    pub min_group_size: u32,
    pub comment_threshold: u32,
}
