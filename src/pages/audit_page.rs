//! `/admin/audit`: the audit log, newest first, fifty entries a page.

use crate::api::admin::admin_audit_log;
use crate::components::PageTitle;
use crate::dto::AuditEntryDto;
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The audit log page (admins only; the router's guard and the server function both check).
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let lang = use_lang();
    let a = lang.audit();
    let query = use_query_map();
    let before = move || query.read().get("before").and_then(|b| b.parse::<i32>().ok());
    let page = Resource::new(before, admin_audit_log);
    view! {
        <PageTitle text=format!("{} · Mawas", a.title) />
        <section>
            <p><a href="/admin">{lang.t().nav_admin}</a></p>
            <h1>{a.title}</h1>
            <p class="lead">{a.lead}</p>
            <Suspense fallback=move || view! { <p>{lang.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) if page.entries.is_empty() => view! { <p>{a.empty}</p> }.into_any(),
                        Ok(page) => {
                            let older = page.older.map(|id| {
                                view! { <a class="button button-secondary" href=format!("/admin/audit?before={id}")>{a.older}</a> }
                            });
                            let newest = before().is_some().then(|| view! { <a href="/admin/audit">{a.newest}</a> });
                            view! {
                                <div class="table-scroll">
                                    <table class="audit-table">
                                        <caption>{a.caption}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{a.col_when}</th>
                                                <th scope="col">{a.col_who}</th>
                                                <th scope="col">{a.col_action}</th>
                                                <th scope="col">{a.col_target}</th>
                                            </tr>
                                        </thead>
                                        <tbody>{page.entries.into_iter().map(|e| entry_row(lang, e)).collect_view()}</tbody>
                                    </table>
                                </div>
                                <p class="actions">{older}" "{newest}</p>
                            }
                                .into_any()
                        }
                        Err(e) => crate::components::load_failure::load_failure(e, lang),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn entry_row(lang: Lang, entry: AuditEntryDto) -> impl IntoView {
    let a = lang.audit();
    let words = a.action(&entry.action).to_string();
    view! {
        <tr>
            <td class="num">{entry.at.format("%Y-%m-%d %H:%M").to_string()}</td>
            <td>{entry.account.unwrap_or_else(|| a.command_line.to_string())}</td>
            <td>{words}" "<code>{entry.action}</code></td>
            <td>{entry.target}</td>
        </tr>
    }
}
