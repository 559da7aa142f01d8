//! `/login`: one form for every role; errors say only that e-mail or password is wrong.

use crate::api::session::Login;
use crate::components::PageTitle;
use crate::components::action_error::error_in_url;
use crate::components::session::use_session;
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The login page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let session = use_session();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let denied = move || query.read().get("denied").is_some();
    let password_set = move || query.read().get("password_set").is_some();
    let known_email = move || query.read().get("email").unwrap_or_default();
    let error_in_url = error_in_url::<Login>();
    let error =
        move || session.login.value().get().and_then(|r| r.err()).or_else(error_in_url).map(|e| e.message(lang));

    view! {
        <PageTitle text=format!("{} · Mawas", t.login_title) />
        <section class="narrow">
            <h1>{t.login_title}</h1>
            <p class="lead">{t.login_lead}</p>
            <Show when=denied>
                <p class="notice" role="status">{t.login_denied}</p>
            </Show>
            <Show when=password_set>
                <p class="notice" role="status">{lang.accounts().password_saved}</p>
            </Show>
            {move || error().map(|message| view! { <p class="error" role="alert" id="login-error">{message}</p> })}
            <ActionForm action=session.login attr:class="stack-form">
                <input type="hidden" name="next" prop:value=next />
                <label for="email">{t.email}</label>
                <input id="email" name="email" type="email" autocomplete="username" required value=known_email />
                <label for="password">{t.password}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required />
                <button type="submit" class="button">{t.login_submit}</button>
            </ActionForm>
            <details class="forgot">
                <summary>{lang.accounts().forgot_summary}</summary>
                <p>{lang.accounts().forgot_text}</p>
            </details>
        </section>
    }
}
