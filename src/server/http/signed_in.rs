//! The signed-in account of an axum handler (downloads, uploads, posters): checked before the
//! handler runs and before any body is read, refused in the visitor's language. Server functions
//! use `state::caller` instead.

use crate::domain::Area;
use crate::i18n::Lang;
use crate::server::auth::{self, AuthUser};
use crate::server::http::respond::refusal;
use crate::server::http::state::{AppState, lang_of};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::Response;
use std::marker::PhantomData;

/// Which accounts a handler takes: those that may use one area, or every signed-in role.
pub trait Gate {
    const AREA: Option<Area>;
}

/// Accounts that may use the HR area (HR and admins).
pub struct Hr;

impl Gate for Hr {
    const AREA: Option<Area> = Some(Area::Hr);
}

/// Every signed-in role; the handler's report decides what each may see (workshops).
pub struct AnyRole;

impl Gate for AnyRole {
    const AREA: Option<Area> = None;
}

/// The account behind a request and the language of its pages, once `G` lets it in: `401` without a
/// session, `403` for a role outside the area.
pub struct SignedIn<G> {
    pub user: AuthUser,
    pub lang: Lang,
    gate: PhantomData<G>,
}

impl<G: Gate> FromRequestParts<AppState> for SignedIn<G> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let lang = lang_of(&parts.headers);
        let user = auth::admit(&state.db, &parts.headers, G::AREA).await.map_err(|e| refusal(e, lang))?;
        Ok(SignedIn { user, lang, gate: PhantomData })
    }
}
