//! State shared by every request: the connection pool, configuration and Leptos options.

use crate::error::AppError;
use crate::server::config::Config;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Shared application state; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    /// Failed logins of this app server.
    pub login_throttle: Arc<crate::server::login_throttle::LoginThrottle>,
    /// Survey pages' waves, instruments and units of this app server.
    pub surveys: Arc<crate::server::respondent::survey::SurveyCache>,
    /// Where respondents' submissions are stored.
    pub responses: crate::server::repo::responses::ResponseWriter,
}

impl AppState {
    /// The state of an app server on `db`; starts the response writer on the current Tokio runtime.
    pub fn new(db: DatabaseConnection, config: Config, leptos_options: LeptosOptions) -> Self {
        AppState {
            responses: crate::server::repo::responses::ResponseWriter::new(db.clone()),
            db,
            config: Arc::new(config),
            leptos_options,
            login_throttle: Default::default(),
            surveys: Default::default(),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Headers of the request a server function is answering.
pub async fn request_headers() -> Result<axum::http::HeaderMap, AppError> {
    leptos_axum::extract().await.map_err(AppError::internal)
}

/// The language chosen in the request's cookie; Bahasa Indonesia when none is set.
pub fn lang_of(headers: &axum::http::HeaderMap) -> crate::i18n::Lang {
    super::cookies::value_of(headers, crate::i18n::LANG_COOKIE)
        .map(|code| crate::i18n::Lang::parse(&code))
        .unwrap_or_default()
}

/// The logged-in account of the request a server function is answering, if any.
pub async fn request_user(state: &AppState) -> Result<Option<crate::server::auth::AuthUser>, AppError> {
    crate::server::auth::user_from_headers(&state.db, &request_headers().await?, chrono::Utc::now()).await
}

/// Who calls a server function, once they may use its area: the state, the signed-in account and the
/// language of their pages.
pub struct Caller {
    pub state: AppState,
    pub user: crate::server::auth::AuthUser,
    pub lang: crate::i18n::Lang,
}

/// The caller of the server function being answered: `Unauthorized` without a session, `Forbidden`
/// for a role that may not use `area`. Every server function behind a login of one area starts here.
pub async fn caller(area: crate::domain::Area) -> Result<Caller, AppError> {
    admitted(Some(area)).await
}

/// The caller of a server function open to every signed-in role (which then decides what they may
/// see, as the workshop pages do): `Unauthorized` without a session.
pub async fn signed_in() -> Result<Caller, AppError> {
    admitted(None).await
}

async fn admitted(area: Option<crate::domain::Area>) -> Result<Caller, AppError> {
    let state = app_state()?;
    let headers = request_headers().await?;
    let user = crate::server::auth::admit(&state.db, &headers, area).await?;
    Ok(Caller { state, user, lang: lang_of(&headers) })
}

/// The state inside a server function, where the router provided it as context.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use axum::http::{HeaderMap, HeaderValue, header::COOKIE};

    #[test]
    fn the_language_comes_from_the_cookie_and_defaults_to_bahasa_indonesia() {
        let mut headers = HeaderMap::new();
        assert_eq!(lang_of(&headers), Lang::Id);
        headers.insert(COOKIE, HeaderValue::from_static("a=1"));
        assert_eq!(lang_of(&headers), Lang::Id);
        headers.insert(COOKIE, HeaderValue::from_static("a=1; mawas_lang=en"));
        assert_eq!(lang_of(&headers), Lang::En);
    }
}
