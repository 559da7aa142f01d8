//! Content-Security-Policy: scripts only from our own origin or inline with this answer's nonce
//! (the hydration script and streamed resources, which Leptos stamps with the nonce), nothing from
//! other sites, no plugins, no framing, forms only to ourselves.
//!
//! Styles allow inline `style` attributes: the heatmap colours each cell that way. An injected style
//! cannot run code, and every text is escaped, so this is the one relaxation.

use axum::http::HeaderValue;
use axum::http::header::CONTENT_SECURITY_POLICY;
use leptos::prelude::use_context;

/// The policy, with the nonce of a page's inline scripts when it has any.
pub fn policy(nonce: Option<&str>) -> String {
    let inline_scripts = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{inline_scripts} 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Puts the policy with this render's nonce on a Leptos page's answer; called in the render context,
/// after leptos_axum has provided the nonce and the response options.
pub fn set_for_page() {
    let nonce = leptos::nonce::use_nonce();
    if let (Some(options), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&policy(nonce.as_deref())))
    {
        options.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_run_only_with_the_nonce_and_nothing_comes_from_elsewhere() {
        let page = policy(Some("abc123"));
        assert!(page.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"), "{page}");
        assert!(!page.replace("'wasm-unsafe-eval'", "").contains("unsafe-eval"), "no eval of JavaScript: {page}");
        assert!(!page.contains("script-src 'self' 'unsafe-inline'"));
        let other = policy(None);
        assert!(other.contains("script-src 'self' 'wasm-unsafe-eval';"), "{other}");
        for directive in ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"] {
            assert!(page.contains(directive) && other.contains(directive), "{directive}");
        }
    }
}
