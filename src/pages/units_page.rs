//! `/hr/units`: the unit tree in the caller's scope, with the import form and the edit links.
//! The upload form posts a file to `/hr/units/import`, which answers with a preview page.

use crate::api::units::hr_units;
use crate::components::PageTitle;
use crate::dto::ManagedUnitDto;
use crate::i18n::{Lang, fill, use_lang};
use crate::pages::wave_heatmap_page::load_error;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn unit_row(u: ManagedUnitDto, lang: Lang) -> impl IntoView {
    let s = lang.units();
    let code = u.unit.code.clone();
    let indent = format!("padding-left:{:.1}rem", 0.4 + u.depth as f64 * 1.1);
    let status = if u.active { s.active } else { s.inactive };
    view! {
        <tr class=if u.active { "" } else { "inactive" }>
            <th scope="row" style=indent>{u.unit.name.clone()}</th>
            <td><span class="unit-code">{code.clone()}</span></td>
            <td>{lang.unit_kind(&u.unit.kind)}</td>
            <td class="num">{u.unit.headcount.map(|h| h.to_string()).unwrap_or_else(|| "–".into())}</td>
            <td><span class=if u.active { "badge badge-open" } else { "badge" }>{status}</span></td>
            <td class="row-actions">
                <a href=format!("/hr/units/{code}/edit") aria-label=format!("{}: {}", s.edit, u.unit.name)>{s.edit}</a>
                " · "
                <a href=format!("/hr/units/{code}") aria-label=format!("{}: {}", s.results, u.unit.name)>{s.results}</a>
            </td>
        </tr>
    }
}

/// The unit list page.
#[component]
pub fn UnitsPage() -> impl IntoView {
    let lang = use_lang();
    let (t, s) = (lang.t(), lang.units());
    let units = Resource::new(|| (), |_| hr_units());
    let query = use_query_map();
    let notice = move || {
        let q = query.read();
        if q.get("saved").is_some() {
            Some(s.saved.to_string())
        } else {
            match (q.get("imported"), q.get("updated")) {
                (Some(new), Some(changed)) => Some(fill(s.imported, &[("new", &new), ("changed", &changed)])),
                _ => None,
            }
        }
    };
    view! {
        <PageTitle text=format!("{} · Mawas", s.title) />
        <p><a href="/hr">{t.nav_hr}</a></p>
        <h1>{s.title}</h1>
        <p class="lead">{s.lead}</p>
        {move || notice().map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <section class="card import-card" aria-labelledby="import-title">
            <h2 id="import-title">{s.import_title}</h2>
            <p>{s.import_lead}</p>
            <p><a href="/hr/units/units.csv" download>{s.download_csv}</a></p>
            <form method="post" action="/hr/units/import" enctype="multipart/form-data" class="stack-form">
                <label for="unit-file">{s.file_label}</label>
                <input id="unit-file" name="file" type="file" required
                    accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
                <button type="submit" class="button">{s.preview_button}</button>
            </form>
        </section>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match units.await {
                    Ok(list) => view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label=s.caption>
                            <table class="units-table">
                                <caption>{s.caption}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{s.col_name}</th>
                                        <th scope="col">{s.col_code}</th>
                                        <th scope="col">{s.col_kind}</th>
                                        <th scope="col">{s.col_headcount}</th>
                                        <th scope="col">{s.col_status}</th>
                                        <th scope="col">{s.col_actions}</th>
                                    </tr>
                                </thead>
                                <tbody>{list.into_iter().map(|u| unit_row(u, lang)).collect_view()}</tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}
