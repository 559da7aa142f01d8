//! Cookies through axum-extra's `CookieJar` and the `cookie` crate: reading one from a request and
//! adding `Set-Cookie` to an axum response or to a server function's response. Every cookie of
//! Mawas is `SameSite=Lax`, so another site cannot post with it.

use crate::error::AppError;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
pub use cookie::Cookie;
use cookie::SameSite;

/// The value of the cookie `name` in the request headers.
pub fn value_of(headers: &HeaderMap, name: &str) -> Option<String> {
    CookieJar::from_headers(headers).get(name).map(|c| c.value().to_string())
}

/// A cookie sent back to pages under `path` for `max_age_seconds` (0 removes it); `http_only` keeps
/// it from scripts, `secure` from plain http.
pub fn lax(
    name: &str,
    value: &str,
    path: &str,
    max_age_seconds: i64,
    http_only: bool,
    secure: bool,
) -> Cookie<'static> {
    Cookie::build((name.to_string(), value.to_string()))
        .path(path.to_string())
        .max_age(cookie::time::Duration::seconds(max_age_seconds))
        .same_site(SameSite::Lax)
        .http_only(http_only)
        .secure(secure)
        .build()
}

/// `response` with `Set-Cookie` for `cookie`.
pub fn with_cookie(response: Response, cookie: Cookie<'static>) -> Response {
    (CookieJar::new().add(cookie), response).into_response()
}

/// Adds `Set-Cookie` for `cookie` to the response of the server function being answered.
pub fn set_from_server_fn(cookie: &Cookie<'_>) -> Result<(), AppError> {
    use axum::http::{HeaderValue, header::SET_COOKIE};
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.append_header(SET_COOKIE, HeaderValue::from_str(&cookie.to_string()).map_err(AppError::internal)?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderValue, header::COOKIE};

    #[test]
    fn a_cookie_is_read_by_its_exact_name() {
        let mut headers = HeaderMap::new();
        assert_eq!(value_of(&headers, "a"), None);
        headers.insert(COOKIE, HeaderValue::from_static("ab=1; a=2;  c = 3"));
        assert_eq!(value_of(&headers, "a").as_deref(), Some("2"));
        assert_eq!(value_of(&headers, "c").as_deref(), Some("3"));
        assert_eq!(value_of(&headers, "b"), None);
    }

    #[test]
    fn a_set_cookie_value_carries_every_attribute() {
        let text = lax("s", "v", "/s/", 60, true, true).to_string();
        for part in ["s=v", "Path=/s/", "Max-Age=60", "SameSite=Lax", "HttpOnly", "Secure"] {
            assert!(text.contains(part), "{part} missing in {text}");
        }
        let plain = lax("s", "v", "/", 0, false, false).to_string();
        assert!(!plain.contains("HttpOnly") && !plain.contains("Secure") && plain.contains("Max-Age=0"), "{plain}");
    }
}
