//! One page per route; pages stay thin and call server functions for data.

mod area_home_page;
mod audit_page;
mod invitations_page;
mod landing_page;
mod login_page;
mod new_wave_page;
mod new_workshop_page;
mod not_found_page;
mod plan_form_page;
mod plan_page;
mod plans_page;
mod settings_page;
#[cfg(feature = "ssr")]
pub mod take_survey_page;
mod unit_edit_page;
#[cfg(feature = "ssr")]
pub mod unit_import_preview;
mod unit_page;
mod units_page;
mod wave_breakdown_page;
mod wave_heatmap_page;
#[cfg(feature = "ssr")]
pub mod wave_posters_page;
mod waves_page;
mod workshop_page;
mod workshops_page;

pub use area_home_page::AreaHomePage;
pub use audit_page::AuditLogPage;
pub use invitations_page::InvitationsPage;
pub use landing_page::LandingPage;
pub use login_page::LoginPage;
pub use new_wave_page::NewWavePage;
pub use new_workshop_page::NewWorkshopPage;
pub use not_found_page::NotFoundPage;
pub use plan_form_page::{EditPlanPage, NewPlanPage};
pub use plan_page::PlanPage;
pub use plans_page::PlansPage;
pub use settings_page::SettingsPage;
pub use unit_edit_page::UnitEditPage;
pub use unit_page::UnitPage;
pub use units_page::UnitsPage;
pub use wave_breakdown_page::WaveBreakdownPage;
pub use wave_heatmap_page::WaveHeatmapPage;
pub use waves_page::WavesPage;
pub use workshop_page::WorkshopPage;
pub use workshops_page::WorkshopsPage;
