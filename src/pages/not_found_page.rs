//! Fallback for unknown paths.

use crate::i18n::use_lang;
use leptos::prelude::*;

/// Shown for any path that is not a route.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = use_lang().t();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <h1>{t.not_found_title}</h1>
        <p>{t.not_found_lead}</p>
        <p><a href="/">{t.nav_home}</a></p>
    }
}
