//! Choosing a password with a one-time link: open to visitors, since the link itself is the proof.

use crate::error::AppError;
use leptos::prelude::*;

/// The e-mail of the account a set-password link is for, or `None` when the link is unknown, used or
/// expired (the page then says to ask for a new one).
#[server(endpoint = "password_link_email")]
pub async fn password_link_email(token: String) -> Result<Option<String>, AppError> {
    use crate::server::http::state::app_state;

    let state = app_state()?;
    crate::server::reports::users::link_email(&state.db, &token, chrono::Utc::now()).await
}

/// Stores the password the link's owner chose (typed twice), uses up the link and ends every session
/// and API token of the account, then goes to the login page.
#[server(endpoint = "set_password")]
pub async fn set_password(token: String, password: String, repeated: String) -> Result<(), AppError> {
    use crate::server::http::state::{app_state, lang_of, request_headers};

    let state = app_state()?;
    let lang = lang_of(&request_headers().await?);
    let now = chrono::Utc::now();
    let user =
        crate::server::reports::users::set_password_with_link(&state.db, &token, &password, &repeated, lang, now)
            .await?;
    leptos_axum::redirect(&format!("/login?password_set=1&email={}", urlencoding_of(&user.email)));
    Ok(())
}

/// An e-mail address made safe for a query string.
#[cfg(feature = "ssr")]
fn urlencoding_of(text: &str) -> String {
    serde_urlencoded::to_string([("", text)]).unwrap_or_default().trim_start_matches('=').to_string()
}
