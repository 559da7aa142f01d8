//! `/set-password/:token`: the owner of an account chooses its password with a one-time link from
//! the admin. Nobody else ever sets or sees it.

use crate::api::password::{SetPassword, password_link_email};
use crate::components::PageTitle;
use crate::components::action_error::error_in_url;
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The set-password page.
#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let a = lang.accounts();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let account = Resource::new(token, password_link_email);
    let save = ServerAction::<SetPassword>::new();
    let url_error = error_in_url::<SetPassword>();
    let error = move || save.value().get().and_then(|r| r.err()).or_else(url_error).map(|e| e.message(lang));

    view! {
        <PageTitle text=format!("{} · Mawas", a.set_password_title) />
        <section class="narrow">
            <h1>{a.set_password_title}</h1>
            <Suspense fallback=move || view! { <p>{lang.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match account.await {
                        Ok(Some(email)) => view! {
                            <p class="lead">{a.set_password_for} " " <strong>{email.clone()}</strong></p>
                            <p class="hint" id="password-rules">{a.set_password_rules}</p>
                            {move || error().map(|message| view! { <p class="error" role="alert" id="password-error">{message}</p> })}
                            <ActionForm action=save attr:class="stack-form">
                                <input type="hidden" name="token" value=token />
                                <input type="hidden" name="username" autocomplete="username" value=email />
                                <label for="password">{a.new_password_label}</label>
                                <input id="password" name="password" type="password" autocomplete="new-password"
                                    minlength="10" required aria-describedby="password-rules" />
                                <label for="repeated">{a.repeat_password_label}</label>
                                <input id="repeated" name="repeated" type="password" autocomplete="new-password"
                                    minlength="10" required />
                                <button type="submit" class="button">{a.set_password_submit}</button>
                            </ActionForm>
                        }
                            .into_any(),
                        Ok(None) => view! {
                            <p class="error" role="alert">{a.link_unusable}</p>
                            <p>{a.link_unusable_hint}</p>
                        }
                            .into_any(),
                        Err(e) => crate::components::load_failure::load_failure(e, lang),
                    }
                })}
            </Suspense>
        </section>
    }
}
