//! Responses every room of the server shares: uncached HTML, a refusal in the visitor's language,
//! the site's public address.

use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::auth;
use crate::server::http::state::AppState;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// An HTML page that no cache keeps.
pub fn html_no_store(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    // Answers and tokens must not linger in shared caches or the back-forward cache of a shared phone.
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A refused request of a page outside Leptos: its status and the message in the visitor's language.
pub fn refusal(error: AppError, lang: Lang) -> Response {
    (error.status(), error.message(lang)).into_response()
}

/// The address respondents use: the configured public URL, or the request's own host.
pub fn public_base(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.config.public_url {
        return url.clone();
    }
    let host = headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1:3000");
    let scheme = if auth::is_https(headers) { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// What a download holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Xlsx,
}

impl FileKind {
    fn content_type(self) -> &'static str {
        match self {
            FileKind::Csv => "text/csv; charset=utf-8",
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// A file to save as `file_name`. No cache keeps it: staff figures are private and invitation links
/// are secrets.
pub fn download(kind: FileKind, file_name: &str, bytes: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{file_name}\"");
    let headers = [
        (CONTENT_TYPE, kind.content_type().to_string()),
        (axum::http::header::CONTENT_DISPOSITION, disposition),
        (CACHE_CONTROL, "no-store".to_string()),
    ];
    (headers, bytes).into_response()
}
