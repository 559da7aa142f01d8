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
