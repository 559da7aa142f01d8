//! Errors of server functions called from a plain form, without JavaScript.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::server_fn::error::ServerFnUrlError;
use leptos_router::hooks::use_query_map;

/// The error a failed form post of server function `S` left in this page's URL
/// (`?__path=…&__err=…`). The router hands that only to actions created inside its routes; actions
/// kept in app-wide context need this to show the error with JavaScript off.
pub fn error_in_url<S: ServerFn>() -> impl Fn() -> Option<AppError> + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || {
        let query = query.read();
        (query.get("__path").as_deref() == Some(S::PATH))
            .then(|| query.get("__err"))
            .flatten()
            .map(|encoded| ServerFnUrlError::<AppError>::decode_err(&encoded))
    }
}

/// The error of a form's last post with one link per problem to its field, or nothing.
pub fn form_errors(
    error: impl Fn() -> Option<AppError> + Send + Sync + 'static,
    lang: crate::i18n::Lang,
) -> impl IntoView {
    move || {
        error().map(|e| {
            let details = match &e {
                AppError::Invalid { details, .. } => details.clone(),
                _ => Vec::new(),
            };
            let links = details
                .into_iter()
                .map(|d| view! { <li><a href=format!("#{}", d.field)>{d.message}</a></li> })
                .collect_view();
            view! {
                <div class="error" role="alert" tabindex="-1">
                    <p>{e.message(lang)}</p>
                    <ul>{links}</ul>
                </div>
            }
        })
    }
}
