//! One page per route; pages stay thin and call server functions for data.

mod area_home_page;
mod landing_page;
mod login_page;
mod not_found_page;
mod settings_page;
#[cfg(feature = "ssr")]
pub mod take_survey_page;
#[cfg(feature = "ssr")]
pub mod wave_posters_page;

pub use area_home_page::AreaHomePage;
pub use landing_page::LandingPage;
pub use login_page::LoginPage;
pub use not_found_page::NotFoundPage;
pub use settings_page::SettingsPage;
