//! Reusable views.

pub mod action_error;
pub mod dumbbell;
pub mod heat_cells;
pub mod heat_colour;
pub mod load_failure;
pub mod nav;
pub mod page_title;
pub mod raw_text;
pub mod trend_chart;

pub use page_title::PageTitle;
pub use raw_text::raw_text;
