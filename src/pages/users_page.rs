//! `/admin/users`: every staff account with its role, scope, status and last login, filtered by a
//! plain GET form (works without JavaScript, and the filter stays in the URL).

use crate::api::admin::admin_users;
use crate::components::PageTitle;
use crate::components::nav::role_label;
use crate::domain::Role;
use crate::dto::UserRowDto;
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The list of users (admins only; the router's guard and the server function both check).
#[component]
pub fn UsersPage() -> impl IntoView {
    let lang = use_lang();
    let (t, a) = (lang.t(), lang.accounts());
    let query = use_query_map();
    let field = move |name: &str| query.read().get(name).unwrap_or_default();
    let filter = move || (field("text"), field("role"), field("status"));
    let users = Resource::new(filter, |(text, role, status)| admin_users(text, role, status));
    let role_options = move || {
        let chosen = field("role");
        Role::ALL
            .into_iter()
            .map(|r| view! { <option value=r.code() selected=chosen == r.code()>{role_label(t, r)}</option> })
            .collect_view()
    };
    let status_options = move || {
        let chosen = field("status");
        [("active", a.status_active), ("disabled", a.status_disabled)]
            .into_iter()
            .map(|(code, label)| view! { <option value=code selected=chosen == code>{label}</option> })
            .collect_view()
    };

    view! {
        <PageTitle text=format!("{} · Mawas", a.users_title) />
        <section>
            <p><a href="/admin">{t.nav_admin}</a></p>
            <h1>{a.users_title}</h1>
            <p class="lead">{a.users_lead}</p>
            <form method="get" action="/admin/users" class="filter-form">
                <label>{a.filter_text_label}<input type="search" name="text" value=move || field("text") /></label>
                <label>
                    {a.filter_role_label}
                    <select name="role"><option value="">{a.any}</option>{role_options}</select>
                </label>
                <label>
                    {a.filter_status_label}
                    <select name="status"><option value="">{a.any}</option>{status_options}</select>
                </label>
                <button type="submit" class="button button-secondary">{a.filter_submit}</button>
            </form>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match users.await {
                        Ok(rows) if rows.is_empty() => view! { <p>{a.users_empty}</p> }.into_any(),
                        Ok(rows) => view! {
                            <div class="table-scroll">
                                <table class="users-table">
                                    <caption>{format!("{} ({})", a.users_caption, rows.len())}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{a.col_name}</th>
                                            <th scope="col">{a.col_email}</th>
                                            <th scope="col">{a.filter_role_label}</th>
                                            <th scope="col">{a.col_scope}</th>
                                            <th scope="col">{a.filter_status_label}</th>
                                            <th scope="col">{a.col_last_login}</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows.into_iter().map(|u| user_row(lang, u)).collect_view()}</tbody>
                                </table>
                            </div>
                        }
                            .into_any(),
                        Err(e) => crate::components::load_failure::load_failure(e, lang),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn user_row(lang: Lang, user: UserRowDto) -> impl IntoView {
    let a = lang.accounts();
    let scope = user.scope.map_or_else(|| a.whole_organisation.to_string(), |s| format!("{} ({})", s.name, s.code));
    let last_login =
        user.last_login_at.map_or_else(|| a.never.to_string(), |at| at.format("%Y-%m-%d %H:%M").to_string());
    let status = if user.active { a.status_active } else { a.status_disabled };
    view! {
        <tr class:disabled=!user.active>
            <th scope="row">{user.display_name}</th>
            <td>{user.email}</td>
            <td>{role_label(lang.t(), user.role)}</td>
            <td>{scope}</td>
            <td>{status}</td>
            <td class="num">{last_login}</td>
        </tr>
    }
}
