//! `/hr`, `/trainer`, `/admin`: where each role lands after login, with counts in its scope.

use crate::api::home::home_summary;
use crate::components::PageTitle;
use crate::components::session::use_session;
use crate::domain::Area;
use crate::error::AppError;
use crate::i18n::{fill, use_lang};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Home page of one area.
#[component]
pub fn AreaHomePage(area: Area) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let session = use_session();
    let summary = Resource::new(move || (area, session.login.version().get()), |(area, _)| home_summary(area));
    let (title, lead) = match area {
        Area::Hr => (t.home_hr_title, t.home_hr_lead),
        Area::Trainer => (t.home_trainer_title, t.home_trainer_lead),
        Area::Admin => (t.home_admin_title, t.home_admin_lead),
    };
    view! {
        <PageTitle text=format!("{title} · Mawas") />
        <h1>{title}</h1>
        <p class="lead">{lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let user = session.user.await.ok().flatten();
                match summary.await {
                    Ok(s) => {
                        let scope = user.and_then(|u| u.scope).map(|s| s.name).unwrap_or_else(|| t.scope_all.to_string());
                        view! {
                            <p class="scope"><strong>{t.scope_label} ": "</strong>{scope}</p>
                            <dl class="stats">
                                <div><dt>{t.stat_units}</dt><dd>{s.units_in_scope}</dd></div>
                                <div><dt>{t.stat_waves}</dt><dd>{s.waves}</dd></div>
                                <div><dt>{t.stat_workshops}</dt><dd>{s.workshops}</dd></div>
                                {s.users.map(|n| view! { <div><dt>{t.stat_users}</dt><dd>{n}</dd></div> })}
                                <div><dt>{t.stat_k}</dt><dd>{s.min_group_size}</dd></div>
                            </dl>
                            {(area == Area::Admin).then(|| view! {
                                <p class="actions">
                                    <a class="button" href="/admin/users">{lang.accounts().users_title}</a>" "
                                    <a class="button button-secondary" href="/admin/settings">{t.settings_title}</a>" "
                                    <a class="button button-secondary" href="/admin/audit">{lang.audit().title}</a>
                                </p>
                            })}
                            {(area == Area::Hr).then(|| view! {
                                <p><a class="button" href="/hr/waves">{lang.hr().waves_title}</a></p>
                                <p>
                                    <a class="button" href="/hr/plans">{lang.plans().list_title}</a>
                                    {s.overdue_plans.filter(|n| *n > 0).map(|n| view! {
                                        " "
                                        <a class="badge badge-overdue" href="/hr/plans?overdue=1">
                                            {fill(lang.plans().overdue_home, &[("n", &n.to_string())])}
                                        </a>
                                    })}
                                </p>
                                <p><a class="button button-secondary" href="/hr/units">{lang.units().manage_link}</a></p>
                            })}
                            {matches!(area, Area::Trainer | Area::Hr).then(|| view! {
                                <p><a class="button" href=format!("{}/workshops", area.path())>{lang.comparison().list_title}</a></p>
                            })}
                        }
                            .into_any()
                    }
                    Err(AppError::Unauthorized | AppError::Forbidden) => {
                        view! { <Redirect path=format!("/login?denied=1&next={}", area.path()) /> }.into_any()
                    }
                    Err(e) => crate::components::load_failure::load_failure(e, lang),
                }
            })}
        </Suspense>
    }
}
