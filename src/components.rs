//! Reusable views.

pub mod action_error;
pub mod nav;
