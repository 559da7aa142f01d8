//! The HTML shell, the app-wide context it provides (language, the session of `components::session`)
//! and the route table.

use crate::api::session::{Login, Logout, current_user};
use crate::components::nav::Nav;
use crate::components::session::SessionContext;
use crate::domain::Area;
use crate::i18n::{Lang, use_lang};
use crate::pages::{
    AreaHomePage, AuditLogPage, EditPlanPage, InvitationsPage, LandingPage, LoginPage, NewPlanPage, NewWavePage,
    NewWorkshopPage, NotFoundPage, PlanPage, PlansPage, SetPasswordPage, SettingsPage, UnitEditPage, UnitPage,
    UnitsPage, UsersPage, WaveBreakdownPage, WaveHeatmapPage, WavesPage, WorkshopPage, WorkshopsPage,
};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b5d57" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The language of this request: the cookie on the server, `<html lang>` in the browser, so the
/// hydrated page always agrees with what the server rendered.
fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .map(|parts| crate::server::http::state::lang_of(&parts.headers))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document().document_element().and_then(|e| e.get_attribute("lang")).map(|c| Lang::parse(&c)).unwrap_or_default()
    }
}

/// The application: context, navigation and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = request_lang();
    provide_context(lang);
    let login = ServerAction::<Login>::new();
    let logout = ServerAction::<Logout>::new();
    let user = Resource::new(move || (login.version().get(), logout.version().get()), |_| current_user());
    provide_context(SessionContext { login, logout, user });
    let t = use_lang().t();

    view! {
        <Stylesheet id="leptos" href="/pkg/mawas.css" />
        <Title text="Mawas" />
        <Router>
            <a class="skip-link" href="#main">{t.skip_to_content}</a>
            <Nav />
            <main id="main" class="container">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=LandingPage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/set-password/:token") view=SetPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/hr") view=|| view! { <AreaHomePage area=Area::Hr /> } ssr=SsrMode::Async />
                    <Route path=path!("/trainer") view=|| view! { <AreaHomePage area=Area::Trainer /> } ssr=SsrMode::Async />
                    <Route path=path!("/trainer/workshops") view=|| view! { <WorkshopsPage area=Area::Trainer /> } ssr=SsrMode::Async />
                    <Route path=path!("/trainer/workshops/new") view=NewWorkshopPage ssr=SsrMode::Async />
                    <Route path=path!("/trainer/workshops/:id") view=|| view! { <WorkshopPage area=Area::Trainer /> } ssr=SsrMode::Async />
                    <Route path=path!("/hr/waves") view=WavesPage ssr=SsrMode::Async />
                    <Route path=path!("/hr/waves/new") view=NewWavePage ssr=SsrMode::Async />
                    <Route path=path!("/hr/waves/:id") view=WaveHeatmapPage ssr=SsrMode::Async />
                    <Route path=path!("/hr/waves/:id/invitations") view=InvitationsPage ssr=SsrMode::Async />
                    <Route path=path!("/hr/waves/:id/breakdown") view=WaveBreakdownPage ssr=SsrMode::Async />
                    <Route path=path!("/hr/units") view=UnitsPage ssr=SsrMode::Async />
                    <Route path=path!("/hr/units/:code") view=UnitPage ssr=SsrMode::Async />
                    <Route path=path!("/hr/units/:code/edit") view=UnitEditPage ssr=SsrMode::Async />
                    <Route path=path!("/hr/plans") view=PlansPage ssr=SsrMode::Async />
                    <Route path=path!("/hr/plans/new") view=NewPlanPage ssr=SsrMode::Async />
                    <Route path=path!("/hr/plans/:id") view=PlanPage ssr=SsrMode::Async />
                    <Route path=path!("/hr/plans/:id/edit") view=EditPlanPage ssr=SsrMode::Async />
                    <Route path=path!("/hr/workshops") view=|| view! { <WorkshopsPage area=Area::Hr /> } ssr=SsrMode::Async />
                    <Route path=path!("/hr/workshops/:id") view=|| view! { <WorkshopPage area=Area::Hr /> } ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=|| view! { <AreaHomePage area=Area::Admin /> } ssr=SsrMode::Async />
                    <Route path=path!("/admin/settings") view=SettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=AuditLogPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users") view=UsersPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <footer class="site-footer container">
                <p>"Mawas · " {t.app_tagline}</p>
            </footer>
        </Router>
    }
}
