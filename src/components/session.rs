//! The session context every page reads: the login and logout actions and the current user. It lives
//! here rather than in `app` so that components never import the root that imports them.

use crate::api::session::{Login, Logout};
use leptos::prelude::*;

/// App-wide session context: the login and logout actions and the current user, refetched after either.
#[derive(Clone, Copy)]
pub struct SessionContext {
    pub login: ServerAction<Login>,
    pub logout: ServerAction<Logout>,
    pub user: Resource<Result<Option<crate::dto::SessionUser>, crate::error::AppError>>,
}

/// The session context provided by `app::App`.
pub fn use_session() -> SessionContext {
    expect_context::<SessionContext>()
}
