//! Logging in and out, and who is logged in.

use crate::dto::SessionUser;
use crate::error::AppError;
use leptos::prelude::*;

/// The logged-in account, or `None` for a visitor.
#[server(endpoint = "current_user")]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    use crate::server::http::state::{app_state, request_user};

    let state = app_state()?;
    match request_user(&state).await? {
        Some(user) => Ok(Some(crate::server::reports::account::session_user(&state.db, user).await?)),
        None => Ok(None),
    }
}

/// Checks e-mail and password, starts a server-side session and goes to `next` or the role's home.
#[server(endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::server::auth;
    use crate::server::http::cookies::set_from_server_fn;
    use crate::server::http::state::{app_state, lang_of, request_headers};
    use crate::server::repo::{audit, users};

    let state = app_state()?;
    let headers = request_headers().await?;
    if email.trim().is_empty() || password.is_empty() {
        return Err(AppError::invalid(lang_of(&headers).t().login_missing));
    }
    let now = chrono::Utc::now();
    let address = client_address(&state, &headers).await;
    if let Err(wait) = state.login_throttle.begin_attempt(&email, address, std::time::Instant::now()) {
        let minutes = u32::try_from(wait.as_secs().div_ceil(60)).unwrap_or(u32::MAX);
        tracing::warn!(%address, "login refused: too many failed attempts");
        return Err(AppError::TooManyAttempts { minutes });
    }
    let user = auth::authenticate(&state.db, &email, &password).await?;
    state.login_throttle.succeeded(&email, address);
    // A fresh session id at every login, so a session id planted before login is worthless.
    if let Some(old) = auth::session_secret(&headers) {
        auth::delete_session(&state.db, &old).await?;
    }
    let secret = auth::create_session(&state.db, user.id, now, state.config.session_hours).await?;
    audit::record(&state.db, now, Some(user.id), "login", &user.email).await?;
    users::note_login(&state.db, user.id, now).await?;
    let secure = state.config.secure_cookies || auth::is_https(&headers);
    set_from_server_fn(&auth::session_cookie(&secret, state.config.session_hours * 3600, secure))?;
    let home = user.role.home_area().path().to_string();
    let target = auth::safe_next_path(next.as_deref())
        .filter(|p| crate::domain::Area::of_path(p).is_none_or(|area| user.role.may_use(area)))
        .unwrap_or(home);
    leptos_axum::redirect(&target);
    Ok(())
}

/// The address a login counts against: the TCP peer, or what a trusted proxy says it forwarded.
#[cfg(feature = "ssr")]
async fn client_address(
    state: &crate::server::http::state::AppState,
    headers: &axum::http::HeaderMap,
) -> std::net::IpAddr {
    use axum::extract::ConnectInfo;
    let peer = leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>().await.ok().map(|c| c.0.ip());
    let forwarded = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
    crate::server::http::rate_limit::client_address(peer, forwarded, &state.config.trusted_proxies)
}

/// Ends the session on the server and clears the cookie.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::auth;
    use crate::server::http::cookies::set_from_server_fn;
    use crate::server::http::state::{app_state, request_headers};

    let state = app_state()?;
    let headers = request_headers().await?;
    if let Some(secret) = auth::session_secret(&headers) {
        auth::delete_session(&state.db, &secret).await?;
    }
    set_from_server_fn(&auth::session_cookie("", 0, state.config.secure_cookies))?;
    leptos_axum::redirect("/");
    Ok(())
}
