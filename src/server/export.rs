//! Downloads: CSV (every cell through [`csv::SafeCsv`]), XLSX and printable sheets of the heatmap,
//! action plans and workshops.

pub mod csv;
pub mod heatmap;
pub mod invitations;
pub mod plans;
pub mod workshops;
