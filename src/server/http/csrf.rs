//! Cross-site request forgery: a state-changing request (any method but GET, HEAD, OPTIONS) is
//! refused when the browser says it comes from another site.
//!
//! Chosen over per-form tokens because every form would need one, the JS-off survey page and the
//! login form included, which have no session to keep it in. Every browser Mawas supports sends
//! `Origin` on a cross-site POST (and `Sec-Fetch-Site` on all of them), while a script or `curl`
//! sends neither, which is not a forgery: forgery needs a browser carrying the victim's cookie. The session cookie's `SameSite=Lax` is the
//! second line.

use crate::i18n::Lang;
use crate::server::http::state::AppState;
use axum::extract::{Request, State};
use axum::http::header::{HOST, ORIGIN, REFERER};
use axum::http::{HeaderMap, HeaderName, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Refuses a cross-site state-changing request with 403 before any handler runs.
pub async fn refuse_cross_site(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if is_cross_site(request.method(), request.headers(), state.config.public_url.as_deref()) {
        tracing::warn!(origin = ?request.headers().get(ORIGIN), "cross-site request refused");
        let lang = crate::server::http::state::lang_of(request.headers());
        return crate::server::http::respond::html_no_store(StatusCode::FORBIDDEN, refusal_page(lang));
    }
    next.run(request).await
}

/// Whether the browser reports that this state-changing request was sent by a page of another site.
/// Our site is the request's `Host` or the configured public address.
pub fn is_cross_site(method: &Method, headers: &HeaderMap, public_url: Option<&str>) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let header = |name: HeaderName| headers.get(name).and_then(|v| v.to_str().ok()).filter(|v| !v.trim().is_empty());
    let ours = |url: &str| {
        let authority = authority_of(url);
        authority.is_some_and(|a| {
            header(HOST).is_some_and(|host| a.eq_ignore_ascii_case(host))
                || public_url.and_then(authority_of).is_some_and(|p| a.eq_ignore_ascii_case(p))
        })
    };
    let fetch_site = header(HeaderName::from_static("sec-fetch-site"));
    if let Some(origin) = header(ORIGIN) {
        // "null" comes from a page with `Referrer-Policy: no-referrer` (an older survey page still
        // open on a phone), a sandboxed frame or a data: URL; only the browser's own fetch metadata
        // can then say it is ours.
        if origin == "null" {
            return fetch_site != Some("same-origin");
        }
        return !ours(origin);
    }
    if let Some(site) = fetch_site {
        return !matches!(site, "same-origin" | "none");
    }
    header(REFERER).is_some_and(|referer| !ours(referer))
}

/// `host[:port]` of an absolute http(s) URL.
fn authority_of(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty()).then_some(authority)
}

fn refusal_page(lang: Lang) -> String {
    let t = lang.t();
    format!(
        "<!doctype html><html lang=\"{}\"><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width,initial-scale=1\"><title>{}</title><main><h1>{}</h1><p>{}</p>\
         <p><a href=\"/\">{}</a></p></main></html>",
        lang.code(),
        t.cross_site_title,
        t.cross_site_title,
        t.cross_site_body,
        t.cross_site_home
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn a_post_from_our_own_pages_passes() {
        let same = headers(&[("host", "mawas.local:3000"), ("origin", "http://mawas.local:3000")]);
        assert!(!is_cross_site(&Method::POST, &same, None));
        let behind_proxy = headers(&[("host", "127.0.0.1:3000"), ("origin", "https://mawas.example.go.id")]);
        assert!(!is_cross_site(&Method::POST, &behind_proxy, Some("https://mawas.example.go.id")));
        let fetch_metadata_only = headers(&[("host", "a"), ("sec-fetch-site", "same-origin")]);
        assert!(!is_cross_site(&Method::POST, &fetch_metadata_only, None));
        let referer_only = headers(&[("host", "a:1"), ("referer", "http://a:1/login?next=/hr")]);
        assert!(!is_cross_site(&Method::POST, &referer_only, None));
        // A page with `Referrer-Policy: no-referrer` posts with `Origin: null`.
        let no_referrer_page = headers(&[("host", "a"), ("origin", "null"), ("sec-fetch-site", "same-origin")]);
        assert!(!is_cross_site(&Method::POST, &no_referrer_page, None));
    }

    #[test]
    fn a_post_from_another_site_is_refused() {
        let evil = headers(&[("host", "mawas.local"), ("origin", "https://evil.example")]);
        assert!(is_cross_site(&Method::POST, &evil, None));
        assert!(is_cross_site(&Method::DELETE, &evil, None));
        assert!(is_cross_site(&Method::PUT, &evil, Some("https://mawas.example.go.id")));
        // The same host name on another port is another origin's authority too.
        let other_port = headers(&[("host", "mawas.local:3000"), ("origin", "http://mawas.local:4000")]);
        assert!(is_cross_site(&Method::POST, &other_port, None));
        let null_origin = headers(&[("host", "mawas.local"), ("origin", "null")]);
        assert!(is_cross_site(&Method::POST, &null_origin, None));
        let null_cross = headers(&[("host", "mawas.local"), ("origin", "null"), ("sec-fetch-site", "cross-site")]);
        assert!(is_cross_site(&Method::POST, &null_cross, None));
        let sibling = headers(&[("host", "mawas.local"), ("sec-fetch-site", "same-site")]);
        assert!(is_cross_site(&Method::POST, &sibling, None));
        let referer = headers(&[("host", "mawas.local"), ("referer", "https://evil.example/page")]);
        assert!(is_cross_site(&Method::POST, &referer, None));
        // A host that merely starts like ours is not ours.
        let prefix = headers(&[("host", "mawas.local"), ("origin", "http://mawas.local.evil.example")]);
        assert!(is_cross_site(&Method::POST, &prefix, None));
    }

    #[test]
    fn reads_and_clients_without_browser_headers_pass() {
        let evil = headers(&[("host", "mawas.local"), ("origin", "https://evil.example")]);
        assert!(!is_cross_site(&Method::GET, &evil, None));
        assert!(!is_cross_site(&Method::HEAD, &evil, None));
        let script = headers(&[("host", "mawas.local"), ("authorization", "Bearer x")]);
        assert!(!is_cross_site(&Method::POST, &script, None));
        let empty_referer = headers(&[("host", "mawas.local"), ("referer", "")]);
        assert!(!is_cross_site(&Method::POST, &empty_referer, None));
    }
}
