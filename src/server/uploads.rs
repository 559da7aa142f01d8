//! Files HR sends: unit lists and invitation lists as CSV or XLSX, read within fixed bounds
//! ([`xlsx`]), previewed, and written all or nothing.

pub mod invitation_list;
pub mod invitation_pages;
pub mod table;
pub mod unit_list;
pub mod unit_pages;
pub mod unit_preview;
pub mod xlsx;
