//! One page per route; pages stay thin and call server functions for data.

mod area_home_page;
mod landing_page;
mod login_page;
mod new_wave_page;
mod new_workshop_page;
mod not_found_page;
mod settings_page;
#[cfg(feature = "ssr")]
pub mod take_survey_page;
mod unit_page;
mod wave_heatmap_page;
#[cfg(feature = "ssr")]
pub mod wave_posters_page;
mod waves_page;
mod workshop_page;
mod workshops_page;

pub use area_home_page::AreaHomePage;
pub use landing_page::LandingPage;
pub use login_page::LoginPage;
pub use new_wave_page::NewWavePage;
pub use new_workshop_page::NewWorkshopPage;
pub use not_found_page::NotFoundPage;
pub use settings_page::SettingsPage;
pub use unit_page::UnitPage;
pub use wave_heatmap_page::WaveHeatmapPage;
pub use waves_page::WavesPage;
pub use workshop_page::WorkshopPage;
pub use workshops_page::WorkshopsPage;
