//! What a page shows when its data cannot be loaded, answered with the HTTP status that fits the reason
//! (403 for another unit's object, 404 for a missing one): a page that said "not allowed" with 200
//! looked like success to scripts, monitors and caches.

use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;

/// Sets the HTTP status of the page being rendered on the server to the one of `error`.
pub fn answer_with_status(error: &AppError) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    #[cfg(not(feature = "ssr"))]
    let _ = error;
}

/// The reason, in the reader's language, with the status set.
pub fn load_failure(error: AppError, lang: Lang) -> AnyView {
    answer_with_status(&error);
    view! { <p class="error" role="alert">{error.message(lang)}</p> }.into_any()
}
