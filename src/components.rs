//! Reusable views.

pub mod action_error;
pub mod dumbbell;
pub mod load_failure;
pub mod nav;
pub mod page_title;
pub mod session;
pub mod trend_chart;

pub use page_title::PageTitle;
