//! `/admin/settings`: the minimum group size k and the comment threshold.

use crate::api::admin::{SaveAdminSettings, admin_settings};
use crate::components::PageTitle;
use crate::components::action_error::error_in_url;
use crate::display::raw_text::raw_text;
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The settings page (admins only; the router's guard and the server functions both check).
#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let save = ServerAction::<SaveAdminSettings>::new();
    let current = Resource::new(move || save.version().get(), |_| admin_settings());
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some() && save.value().get().is_none_or(|r| r.is_ok());
    let url_error = error_in_url::<SaveAdminSettings>();
    let error = move || save.value().get().and_then(|r| r.err()).or_else(url_error).map(|e| e.message(lang));

    view! {
        <PageTitle text=format!("{} · Mawas", t.settings_title) />
        <section class="narrow">
            <p><a href="/admin">{t.nav_admin}</a></p>
            <h1>{t.settings_title}</h1>
            <p class="lead">{t.settings_lead}</p>
            <Show when=saved>
                <p class="notice" role="status">{t.settings_saved}</p>
            </Show>
            {move || error().map(|message| view! { <p class="error" role="alert">{message}</p> })}
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match current.await {
                        Ok(s) => view! {
                            <ActionForm action=save attr:class="stack-form">
                                <label for="min_group_size">{t.settings_k_label}</label>
                                <input id="min_group_size" name="min_group_size" type="number" inputmode="numeric"
                                    min="3" max="50" required value=s.min_group_size.to_string() />
                                <label for="comment_threshold">{t.settings_kc_label}</label>
                                <input id="comment_threshold" name="comment_threshold" type="number" inputmode="numeric"
                                    min="3" max="100" required value=s.comment_threshold.to_string() />
                                <label for="category_bands">{lang.hr().bands_label}</label>
                                <textarea id="category_bands" name="category_bands" rows="6" aria-describedby="category_bands_hint"
                                    maxlength="400">{raw_text(s.category_bands.clone())}</textarea>
                                <p class="hint" id="category_bands_hint">{lang.hr().bands_hint}</p>
                                <button type="submit" class="button">{t.settings_save}</button>
                            </ActionForm>
                        }
                            .into_any(),
                        Err(e) => crate::components::load_failure::load_failure(e, lang),
                    }
                })}
            </Suspense>
        </section>
    }
}
