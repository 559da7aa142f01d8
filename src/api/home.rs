//! Figures for the home page of each area, limited to the caller's role and scope.

use crate::domain::Area;
use crate::dto::AreaSummary;
use crate::error::AppError;
use leptos::prelude::*;

/// Counts for the home page of `area`; refuses callers who may not use it.
#[server(endpoint = "home_summary")]
pub async fn home_summary(area: Area) -> Result<AreaSummary, AppError> {
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, .. } = caller(area).await?;
    crate::server::reports::home::summary(&state.db, &user, area).await
}
