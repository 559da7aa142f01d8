//! Server functions, by area. Each one authorises, loads, computes with the domain and maps to a DTO.

pub mod admin;
pub mod home;
pub mod hr;
pub mod password;
pub mod plans;
pub mod session;
pub mod units;
pub mod workshops;
