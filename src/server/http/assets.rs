//! Static files served from inside the binary under a name that carries a hash of their content, so
//! browsers may keep them for a year: a respondent's second visit downloads only the HTML.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

/// A file compiled into the binary.
pub struct Asset {
    stem: &'static str,
    extension: &'static str,
    content_type: &'static str,
    body: &'static str,
    hash: LazyLock<String>,
}

impl Asset {
    /// The path to link to: it changes whenever the content does.
    pub fn href(&self) -> String {
        format!("/static/{}", self.file_name())
    }

    fn file_name(&self) -> String {
        format!("{}.{}.{}", self.stem, *self.hash, self.extension)
    }
}

fn short_hash(body: &str) -> String {
    Sha256::digest(body.as_bytes()).iter().take(5).map(|b| format!("{b:02x}")).collect()
}

/// The site's stylesheet (the same file cargo-leptos publishes as `/pkg/mawas.css`).
pub static STYLESHEET: Asset = Asset {
    stem: "mawas",
    extension: "css",
    content_type: "text/css; charset=utf-8",
    body: include_str!("../../../style/main.css"),
    hash: LazyLock::new(|| short_hash(include_str!("../../../style/main.css"))),
};

/// The survey's progressive enhancement: draft, progress, highlighting, confirmation.
pub static SURVEY_SCRIPT: Asset = Asset {
    stem: "survey",
    extension: "js",
    content_type: "text/javascript; charset=utf-8",
    body: include_str!("../../../assets/survey.js"),
    hash: LazyLock::new(|| short_hash(include_str!("../../../assets/survey.js"))),
};

static ALL: [&Asset; 2] = [&STYLESHEET, &SURVEY_SCRIPT];

/// `GET /static/{name}`.
pub fn routes() -> crate::server::http::listed_router::ListedRouter {
    crate::server::http::listed_router::ListedRouter::default().route(
        "/static/{name}",
        &[axum::http::Method::GET],
        get(serve),
    )
}

async fn serve(Path(name): Path<String>) -> Response {
    match ALL.iter().find(|a| a.file_name() == name) {
        Some(asset) => {
            ([(CONTENT_TYPE, asset.content_type), (CACHE_CONTROL, "public, max-age=31536000, immutable")], asset.body)
                .into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_name_changes_with_the_content() {
        assert_ne!(short_hash("a"), short_hash("b"));
        assert_eq!(short_hash("a").len(), 10);
        assert!(STYLESHEET.href().starts_with("/static/mawas.") && STYLESHEET.href().ends_with(".css"));
    }
}
