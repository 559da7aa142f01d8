//! `/trainer/workshops` and `/hr/workshops`: the workshops the caller may see.

use crate::api::workshops::my_workshops;
use crate::components::PageTitle;
use crate::domain::Area;
use crate::error::AppError;
use crate::i18n::{fill, use_lang};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// The list of workshops, linking to each one's comparison.
#[component]
pub fn WorkshopsPage(area: Area) -> impl IntoView {
    let lang = use_lang();
    let (t, c) = (lang.t(), lang.comparison());
    let list = Resource::new(|| (), |_| my_workshops());
    view! {
        <PageTitle text=format!("{} · Mawas", c.list_title) />
        <p><a href=area.path()>{crate::components::nav::area_label(t, area)}</a></p>
        <h1>{c.list_title}</h1>
        <p class="lead">{c.list_lead}</p>
        {(area == Area::Trainer).then(|| view! { <p><a class="button" href="/trainer/workshops/new">{c.new_title}</a></p> })}
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! { <p class="notice">{c.list_empty}</p> }.into_any(),
                    Ok(items) => view! {
                        <ul class="card-list">
                            {items.into_iter().map(|w| {
                                let href = format!("{}/workshops/{}", area.path(), w.id);
                                let dates = fill(c.runs, &[("from", &lang.date(w.held_from)), ("to", &lang.date(w.held_to))]);
                                view! {
                                    <li class="card">
                                        <h2><a href=href>{w.title}</a></h2>
                                        <p class="meta">
                                            {dates}
                                            {w.place.map(|p| format!(" · {p}"))}
                                            {w.then_test.then(|| format!(" · {}", c.then_test_on))}
                                        </p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(AppError::Unauthorized | AppError::Forbidden) => {
                        view! { <Redirect path=format!("/login?denied=1&next={}/workshops", area.path()) /> }.into_any()
                    }
                    Err(e) => crate::components::load_failure::load_failure(e, lang),
                }
            })}
        </Suspense>
    }
}
