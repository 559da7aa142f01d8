//! Reports and services: each takes who asks (user and scope), reads through `repo`, calls the domain
//! (the disclosure control included) and returns DTOs. Server functions, REST handlers and exports
//! call these, never `repo` for anything they show.

pub mod account;
pub mod admin;
pub mod heatmap;
pub mod home;
pub mod instruments;
pub mod invitations;
pub mod plans;
pub mod reliability;
pub mod scope;
pub mod typed_in;
pub mod unit_report;
pub mod units;
pub mod users;
pub mod waves;
pub mod workshops;

use crate::domain::disclosure::Release;
use crate::server::entities::wave;
use crate::server::repo::waves::release_of;

/// A wave as API answers name it.
pub fn wave_ref(wave: wave::Model) -> crate::dto::WaveRef {
    crate::dto::WaveRef {
        released: release_of(&wave, chrono::Utc::now().date_naive()) == Release::Results,
        id: wave.id,
        title: wave.title,
        opens_on: wave.opens_on.to_string(),
        closes_on: wave.closes_on.to_string(),
        breakdown: wave.breakdown_by,
    }
}
