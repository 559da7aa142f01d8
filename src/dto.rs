//! Types that cross the wire between server and browser or API client. Raw responses never do:
//! only aggregated, suppressed figures and account data the caller may see.

use crate::domain::action_plan::PlanStatus;
use crate::domain::breakdown::BreakdownBy;
use crate::domain::comparison::{MeasureComparison, PairedStats, WelchStats, WorkshopComparison};
use crate::domain::survey::{WaveAccess, WaveKind, WavePhase};
use crate::domain::{Role, WaveId};
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
    /// Action plans (planned or in progress) past their due date; only on the HR home page.
    pub overdue_plans: Option<u64>,
}

/// One entry of the audit log as the admin sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntryDto {
    pub at: chrono::DateTime<chrono::Utc>,
    /// E-mail of the account that acted; `None` for the command line.
    pub account: Option<String>,
    /// Machine code such as `wave.close`.
    pub action: String,
    /// What was acted on, e.g. `wave 3`.
    pub target: String,
}

/// An account as the admin's list of users shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserRowDto {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The unit subtree the account is limited to; `None`: the whole organisation.
    pub scope: Option<UnitRef>,
    pub active: bool,
    pub last_login_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// One page of the audit log, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPageDto {
    pub entries: Vec<AuditEntryDto>,
    /// Id to pass as `before` for the next, older page; `None` on the last page.
    pub older: Option<i32>,
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

/// A unit as HR manages it: its import columns, its depth below the top of the caller's scope and
/// whether it is active.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedUnitDto {
    pub unit: UnitDto,
    pub depth: usize,
    pub active: bool,
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
    pub id: WaveId,
    pub title: String,
    pub opens_on: String,
    pub closes_on: String,
    /// Whether the wave's results are out: false while it is open (participation only, docs/DESIGN.md §5).
    #[serde(default)]
    pub released: bool,
    /// The one dimension the wave's results are broken down by (`grade_band`, `tenure_band`, `role`).
    #[serde(default)]
    pub breakdown: BreakdownBy,
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
    /// The one dimension its results will be broken down by: `grade_band` (default), `tenure_band`
    /// or `role`. Fixed for good: two breakdowns of one wave could be crossed (docs/DESIGN.md §5).
    #[serde(default = "default_breakdown")]
    pub breakdown: String,
}

/// The breakdown of a wave created without one.
pub fn default_breakdown() -> String {
    BreakdownBy::default().code().into()
}

fn default_access() -> String {
    WaveAccess::Open.code().into()
}

fn default_kind() -> String {
    WaveKind::Periodic.code().into()
}

/// The wave `POST /api/v1/waves` created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WaveCreated {
    pub id: WaveId,
    pub slug: String,
    pub url: String,
}

/// A wave as `GET /api/v1/waves` lists it, with the path of its survey.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WaveDto {
    pub id: WaveId,
    pub slug: String,
    pub title: String,
    pub instrument: String,
    pub root_unit: String,
    pub opens_on: String,
    pub closes_on: String,
    /// `open` (anyone with the link) or `token` (personal invitations).
    pub access: WaveAccess,
    /// `periodic`, `pre` or `post`.
    pub kind: WaveKind,
    /// Path of the respondent's survey, relative to the server's address.
    pub url: String,
}

/// A periodic wave on HR's list: where it stands, whether the caller runs it, and how many of the
/// caller's part have answered (absent below k).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HrWaveDto {
    pub wave: WaveDto,
    pub phase: WavePhase,
    pub can_manage: bool,
    pub responses: Option<u64>,
    pub response_rate: Option<f64>,
    pub min_group_size: u32,
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
    /// How many of the n were typed in from paper by HR.
    #[serde(default)]
    pub typed_in: Option<u64>,
    pub response_rate: Option<f64>,
    /// Mean LO index, 0–100.
    pub lo_index: Option<f64>,
    /// Keyed by discipline code; each value is null when the row is not reportable.
    #[cfg_attr(feature = "ssr", schema(value_type = std::collections::BTreeMap<String, CellDto>))]
    pub disciplines: std::collections::BTreeMap<String, Option<CellDto>>,
    /// With a breakdown: the band of this row (`not_given` for respondents who left it empty);
    /// absent on the unit's own row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
}

/// The heatmap of one wave within the caller's scope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HeatmapDto {
    pub wave: WaveRef,
    pub min_group_size: u32,
    pub rows: Vec<HeatmapRowDto>,
}

/// Everything HR's heatmap page and its exports show of one wave: the rows, the organisation they
/// are compared with, and per row (same order) the difference from the organisation and the change
/// since the previous wave of the same instrument, each as LO index then the five disciplines.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeatmapViewsDto {
    pub heatmap: HeatmapDto,
    /// Name of the organisation (the wave's root unit) for report headers.
    pub organisation_name: String,
    /// The whole wave's figures (LO index, disciplines); all absent when the wave is below k.
    pub organisation: [Option<f64>; 6],
    pub previous: Option<WaveRef>,
    pub difference: Vec<[Option<f64>; 6]>,
    pub change: Vec<[Option<f64>; 6]>,
    /// The category bands in force, one `from=label` per line, highest first.
    pub category_bands: String,
    /// The server's date (the browser bundle has no clock), for printed headers.
    pub as_of: chrono::NaiveDate,
    /// Codes of the units on the heatmap with an active action plan (planned or in progress).
    pub active_plans: Vec<String>,
}

/// How the answers to one item split, as shares of unfavourable, neutral and favourable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemSplitDto {
    pub code: String,
    pub discipline: String,
    pub text_id: String,
    pub text_en: String,
    /// How many answered the item; `None` with the shares when too few did (docs/DESIGN.md §5).
    pub answered: Option<u64>,
    pub shares: Option<[f64; 3]>,
}

/// One unit's page: trend over every periodic wave, and for the chosen wave its figures against the
/// organisation, item splits and comments. Figures, items and comments are empty when hidden.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitReportDto {
    pub unit: String,
    pub name: String,
    pub parent_name: Option<String>,
    pub min_group_size: u32,
    pub comment_threshold: u32,
    /// The periodic waves that covered the unit, oldest first.
    pub waves: Vec<WaveRef>,
    /// The wave shown; `None` when no wave covered the unit.
    pub wave: Option<WaveRef>,
    pub figures: Option<HeatmapRowDto>,
    pub organisation_name: String,
    /// The whole organisation in that wave: LO index, then the disciplines.
    pub organisation: [Option<f64>; 6],
    pub trend: TrendDto,
    pub items: Vec<ItemSplitDto>,
    /// `None` below the comment threshold; shuffled.
    pub comments: Option<Vec<String>>,
    /// The server's date, for printed headers.
    pub as_of: chrono::NaiveDate,
    /// The action plans of the unit and the units below it, newest first.
    pub plans: Vec<PlanSummaryDto>,
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThresholdSettings {
    pub min_group_size: u32,
    pub comment_threshold: u32,
    /// The heatmap's category bands, one `from=label` per line, highest first.
    pub category_bands: String,
}

/// Matched-pairs figures of one measure (`after − before`). For `post_minus_then`, "pre" is the
/// then-test; for `then_minus_pre`, "post" is the then-test.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PairedDto {
    pub n: u64,
    pub mean_pre: f64,
    pub mean_post: f64,
    pub mean_diff: f64,
    pub sd_diff: f64,
    /// `null` where not computable (e.g. every difference equal).
    pub t: Option<f64>,
    pub df: u64,
    pub p: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub dz: Option<f64>,
}

/// All pre vs all post figures of one measure: Welch's t and Hedges' g.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UnpairedDto {
    pub n_pre: u64,
    pub n_post: u64,
    pub mean_pre: f64,
    pub mean_post: f64,
    pub diff: f64,
    pub t: Option<f64>,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: Option<f64>,
    pub p: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub g: Option<f64>,
}

/// Comparison of one measure; every part is `null` when its group is below k.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MeasureComparisonDto {
    pub mean_pre: Option<f64>,
    pub mean_post: Option<f64>,
    pub paired: Option<PairedDto>,
    pub unpaired: Option<UnpairedDto>,
    /// Post − then within each post-test response (then-test workshops only).
    pub post_minus_then: Option<PairedDto>,
    /// Then − pre by pairing code: the response-shift estimate (then-test workshops only).
    pub then_minus_pre: Option<PairedDto>,
}

/// Mean of one item before and after the workshop.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ItemShiftDto {
    pub code: String,
    pub discipline: String,
    pub mean_pre: Option<f64>,
    pub mean_post: Option<f64>,
}

/// `GET /api/v1/workshops/{id}/comparison`. Counts below k are `null` (shown as "< k").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ComparisonDto {
    pub workshop: i32,
    pub title: String,
    pub held_from: String,
    pub held_to: String,
    pub then_test: bool,
    pub min_group_size: u64,
    pub n_pre: Option<u64>,
    pub n_post: Option<u64>,
    pub n_pairs: Option<u64>,
    /// Pairs / post-test responses.
    pub pair_match_rate: Option<f64>,
    pub lo_index: MeasureComparisonDto,
    /// Keyed by discipline code.
    pub disciplines: std::collections::BTreeMap<String, MeasureComparisonDto>,
    pub items: Vec<ItemShiftDto>,
}

impl From<&PairedStats> for PairedDto {
    fn from(s: &PairedStats) -> Self {
        PairedDto {
            n: s.n,
            mean_pre: s.mean_before,
            mean_post: s.mean_after,
            mean_diff: s.mean_diff,
            sd_diff: s.sd_diff,
            t: s.t,
            df: s.df,
            p: s.p,
            ci_low: s.ci.map(|c| c.0),
            ci_high: s.ci.map(|c| c.1),
            dz: s.dz,
        }
    }
}

impl From<&WelchStats> for UnpairedDto {
    fn from(s: &WelchStats) -> Self {
        UnpairedDto {
            n_pre: s.n_before,
            n_post: s.n_after,
            mean_pre: s.mean_before,
            mean_post: s.mean_after,
            diff: s.diff,
            t: s.t,
            df: s.df,
            p: s.p,
            ci_low: s.ci.map(|c| c.0),
            ci_high: s.ci.map(|c| c.1),
            g: s.g,
        }
    }
}

impl From<&MeasureComparison> for MeasureComparisonDto {
    fn from(m: &MeasureComparison) -> Self {
        MeasureComparisonDto {
            mean_pre: m.mean_pre,
            mean_post: m.mean_post,
            paired: m.paired.as_ref().map(Into::into),
            unpaired: m.unpaired.as_ref().map(Into::into),
            post_minus_then: m.post_minus_then.as_ref().map(Into::into),
            then_minus_pre: m.then_minus_pre.as_ref().map(Into::into),
        }
    }
}

/// A workshop as its pages show it: details, the two waves' links and the comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkshopReport {
    pub id: i32,
    pub title: String,
    pub place: Option<String>,
    pub held_from: chrono::NaiveDate,
    pub held_to: chrono::NaiveDate,
    pub then_test: bool,
    /// Whether the caller runs this workshop (its trainer or an admin) and may open or close its waves.
    pub can_manage: bool,
    pub pre_wave: WorkshopWave,
    pub post_wave: WorkshopWave,
    pub comparison: WorkshopComparison,
}

/// One of a workshop's two waves, with its survey path and whether it takes answers today.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkshopWave {
    pub id: WaveId,
    pub path: String,
    /// The full link respondents open (the server's public address + path).
    pub url: String,
    pub opens_on: chrono::NaiveDate,
    pub closes_on: chrono::NaiveDate,
    pub open_now: bool,
}

impl WorkshopReport {
    /// The REST shape of the comparison (docs/DESIGN.md §8).
    pub fn to_dto(&self) -> ComparisonDto {
        let c = &self.comparison;
        ComparisonDto {
            workshop: self.id,
            title: self.title.clone(),
            held_from: self.held_from.to_string(),
            held_to: self.held_to.to_string(),
            then_test: self.then_test,
            min_group_size: c.min_group_size,
            n_pre: c.n_pre,
            n_post: c.n_post,
            n_pairs: c.n_pairs,
            pair_match_rate: c.pair_match_rate,
            lo_index: (&c.lo_index).into(),
            disciplines: c.disciplines.iter().map(|(d, m)| (d.code().to_string(), m.into())).collect(),
            items: c
                .items
                .iter()
                .map(|i| ItemShiftDto {
                    code: i.code.clone(),
                    discipline: i.discipline.code().to_string(),
                    mean_pre: i.mean_pre,
                    mean_post: i.mean_post,
                })
                .collect(),
        }
    }
}

/// A workshop in the list of a trainer's (or HR's) workshops.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkshopSummary {
    pub id: i32,
    pub title: String,
    pub place: Option<String>,
    pub held_from: chrono::NaiveDate,
    pub held_to: chrono::NaiveDate,
    pub then_test: bool,
}

/// A new workshop, as `POST /api/v1/workshops` takes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewWorkshop {
    pub title: String,
    /// Instrument slug, e.g. `lo-25`.
    pub instrument: String,
    /// First day, `YYYY-MM-DD`.
    pub held_from: String,
    /// Last day, inclusive.
    pub held_to: String,
    /// Ask each post-test item twice: now, and looking back to before the workshop.
    #[serde(default)]
    pub then_test: bool,
    pub place: Option<String>,
    /// Code of the unit the workshop belongs to; participants may come from anywhere in it.
    /// Without it, anyone in the organisation may answer.
    pub unit: Option<String>,
}

/// The choices of the new-workshop form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormOptions {
    /// `(slug, title)` of each published instrument.
    pub instruments: Vec<(String, String)>,
    pub units: Vec<UnitDto>,
}

impl From<crate::domain::heatmap::HeatmapRow> for HeatmapRowDto {
    fn from(row: crate::domain::heatmap::HeatmapRow) -> Self {
        use crate::domain::Discipline;
        let disciplines = Discipline::ALL
            .into_iter()
            .map(|d| {
                let cell = row.disciplines[d.index()].map(|c| CellDto {
                    mean: c.figures.mean,
                    sd: c.figures.sd,
                    ci_low: c.figures.ci_low,
                    ci_high: c.figures.ci_high,
                    favourable: c.favourable,
                });
                (d.code().to_string(), cell)
            })
            .collect();
        HeatmapRowDto {
            unit: row.code,
            name: row.name,
            parent: row.parent_code,
            depth: row.depth,
            reportable: row.reportable,
            n: row.n,
            typed_in: row.typed_in,
            response_rate: row.response_rate,
            lo_index: row.lo_index.map(|f| f.mean),
            disciplines,
            band: None,
        }
    }
}

/// A progress note on an action plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanUpdateDto {
    pub on: chrono::NaiveDate,
    pub author: String,
    pub note: String,
}

/// The focus discipline of a plan in its wave and in the next closed wave of the same kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BeforeAfterDto {
    pub after_wave: WaveRef,
    /// `None` unless the unit is reportable in both waves.
    pub figures: Option<(f64, f64)>,
}

/// A Rencana Aksi as its pages show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanDto {
    pub id: i32,
    pub unit: String,
    pub unit_name: String,
    pub wave: WaveRef,
    /// Discipline code.
    pub focus: String,
    pub goal: String,
    pub reality: String,
    pub options: String,
    pub way_forward: String,
    pub owner_name: Option<String>,
    pub due_on: Option<chrono::NaiveDate>,
    pub status: PlanStatus,
    pub overdue: bool,
    pub version: i32,
    pub created_on: chrono::NaiveDate,
    pub updates: Vec<PlanUpdateDto>,
    /// `None` while no later wave has closed.
    pub before_after: Option<BeforeAfterDto>,
    /// Whether the caller may change it.
    pub can_edit: bool,
}

/// One line of the plan list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSummaryDto {
    pub id: i32,
    pub unit: String,
    pub unit_name: String,
    pub opd: String,
    pub wave_id: WaveId,
    pub wave_title: String,
    pub focus: String,
    pub status: PlanStatus,
    pub due_on: Option<chrono::NaiveDate>,
    pub overdue: bool,
    pub goal: String,
}

/// What the new-plan form needs: the unit, the wave, and the suggested focus with its reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanFormDto {
    pub unit: String,
    pub unit_name: String,
    pub wave: WaveRef,
    /// The unit's five discipline means in the wave (`None` where hidden).
    pub means: [Option<f64>; 5],
    /// Suggested focus: discipline code, `lowest` or `drop`, and the mean or the change.
    pub suggestion: Option<(String, String, f64)>,
    /// The previous wave the change is measured against.
    pub previous_wave: Option<WaveRef>,
}

/// The plan list with the choices of its filters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanListDto {
    pub plans: Vec<PlanSummaryDto>,
    /// OPDs (code, name) in the caller's scope, for the filter.
    pub opds: Vec<(String, String)>,
}
