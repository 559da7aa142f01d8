//! Top navigation: the areas the current role may use, the account, logout and the language switch.

use crate::components::session::use_session;
use crate::domain::{Area, Role};
use crate::i18n::{Texts, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Label of an area's navigation link.
pub fn area_label(t: &Texts, area: Area) -> &'static str {
    match area {
        Area::Hr => t.nav_hr,
        Area::Trainer => t.nav_trainer,
        Area::Admin => t.nav_admin,
    }
}

/// Name of a role.
pub fn role_label(t: &Texts, role: Role) -> &'static str {
    match role {
        Role::Admin => t.role_admin,
        Role::Hr => t.role_hr,
        Role::Trainer => t.role_trainer,
    }
}

/// The navigation bar.
#[component]
pub fn Nav() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let session = use_session();
    let location = use_location();
    let switch_href = move || format!("/lang/{}?next={}", lang.other().code(), location.pathname.get());

    view! {
        <header class="site-header">
            <nav class="container nav" aria-label=t.nav_label>
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"M"</span>
                    <span>"Mawas"</span>
                </a>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let user = session.user.await.ok().flatten();
                        match user {
                            Some(user) => {
                                let links = Area::ALL
                                    .into_iter()
                                    .filter(|a| user.role.may_use(*a))
                                    .map(|a| view! { <li><a href=a.path()>{area_label(t, a)}</a></li> })
                                    .collect_view();
                                view! {
                                    <ul class="nav-links">{links}</ul>
                                    <div class="nav-account">
                                        <span class="nav-user">
                                            <span class="visually-hidden">{t.signed_in_as} " "</span>
                                            {user.display_name.clone()}
                                            " · "
                                            {role_label(t, user.role)}
                                        </span>
                                        <ActionForm action=session.logout attr:class="inline-form">
                                            <button type="submit" class="button-link">{t.nav_logout}</button>
                                        </ActionForm>
                                    </div>
                                }
                                    .into_any()
                            }
                            None => view! {
                                <ul class="nav-links">
                                    <li><a href="/login">{t.nav_login}</a></li>
                                </ul>
                            }
                                .into_any(),
                        }
                    })}
                </Suspense>
                <a class="lang-switch" href=switch_href rel="external" hreflang=lang.other().code() lang=lang.other().code()>
                    {t.switch_to}
                </a>
            </nav>
        </header>
    }
}
