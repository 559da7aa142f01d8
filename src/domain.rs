//! Pure domain rules of Mawas: scoring, aggregation, statistics, the unit tree and access roles.
//! Nothing here knows about the database or the web, so it also compiles into the wasm bundle.

pub mod access;
pub mod action_plan;
pub mod aggregation;
pub mod breakdown;
pub mod codes;
pub mod comparison;
pub mod discipline;
pub mod disclosure;
pub mod heatmap;
pub mod heatmap_views;
pub mod ids;
pub mod item_distribution;
pub mod likert;
pub mod lo25;
pub mod pairing;
pub mod password;
pub mod reliability;
pub mod scoring;
pub mod settings;
pub mod statistics;
pub mod submission;
pub mod survey;
pub mod text;
pub mod unit_tree;

pub use access::{Area, Role};
pub use aggregation::{FavourableCount, GroupFigures, GroupSums};
pub use discipline::Discipline;
pub use ids::{UnitId, WaveId};
pub use likert::{LikertError, LikertValue};
pub use scoring::{ItemKey, ResponseScores, score_response};
