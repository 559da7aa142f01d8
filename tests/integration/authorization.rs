//! The authorization matrix: every route the application serves (axum handlers, server functions and
//! pages, enumerated from the router itself) called by each kind of caller, with the expected allow
//! or deny. A denied call must not reveal anything of OPD Alfa, whose names all contain `SECRET`.
//! A route without a row here fails the test, and so does a row for a route that no longer exists.

use super::helpers::{Reply, TestApp, with_app};
use axum::body::Body;
use axum::http::{Method, Request, header};
use chrono::Utc;
use mawas::app::App;
use mawas::domain::Role;
use mawas::domain::WaveId;
use mawas::server::entities::{action_plan, workshop};
use mawas::server::http::router;
use mawas::server::{auth, config::Config};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use std::collections::BTreeSet;

/// Part of every name of OPD Alfa: a denied caller must never see it.
const SECRET: &str = "Alfa Rahasia";

/// The callers, in the order of the expectation strings below.
const CALLERS: [&str; 6] = ["anonymous", "respondent", "trainer", "hr of Alfa", "hr of Beta", "admin"];

/// One caller: what its requests carry.
struct Caller {
    name: &'static str,
    cookie: Option<String>,
    token: Option<String>,
}

/// Ids of the fixture's objects, filled into the paths and bodies.
struct Fixture {
    wave: WaveId,
    wave_slug: String,
    workshop: i32,
    plan: i32,
}

/// One row: a route, a concrete request for it, and per caller (in `CALLERS` order) `A` allowed,
/// `D` denied, `V` refused as invalid because a field names something outside the caller's scope
/// (422, nothing changed), or `S` served without anything of Alfa (a list page of another scope). A page
/// of one object another scope may not see is refused with its status (403 or 404), not served.
struct Row {
    method: Method,
    route: &'static str,
    path: String,
    content_type: &'static str,
    body: String,
    expected: &'static str,
}

fn row(method: Method, route: &'static str, path: String, body: &str, expected: &'static str) -> Row {
    let content_type =
        if route.starts_with("/api/v1/") { "application/json" } else { "application/x-www-form-urlencoded" };
    Row { method, route, path, content_type, body: body.to_string(), expected }
}

fn get(route: &'static str, path: String, expected: &'static str) -> Row {
    row(Method::GET, route, path, "", expected)
}

/// A multipart form with one field, as a browser sends a file or a text area.
fn multipart(route: &'static str, path: String, field: &str, value: &str, expected: &'static str) -> Row {
    let body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"x.csv\"\r\n\r\n{value}\r\n--{BOUNDARY}--\r\n"
    );
    Row { method: Method::POST, route, path, content_type: MULTIPART, body, expected }
}

const BOUNDARY: &str = "matrix-boundary";
const MULTIPART: &str = "multipart/form-data; boundary=matrix-boundary";

fn server_fn(name: &'static str, body: String, expected: &'static str) -> Row {
    let mut r = row(Method::POST, name, format!("/api/{name}"), "", expected);
    r.body = body;
    r
}

fn matrix(f: &Fixture) -> Vec<Row> {
    let (w, slug, ws, plan) = (f.wave, &f.wave_slug, f.workshop, f.plan);
    let unit = "ALFA.1";
    let wave_json =
        r#"{"title":"Baru","instrument":"lo-25","root_unit":"ALFA","opens_on":"2030-01-01","closes_on":"2030-01-31"}"#;
    let paper = r#"[{"unit":"ALFA.1","answers":{"PM1":4}}]"#;
    let people = r#"[{"name":"Sari","unit":"ALFA.1"}]"#;
    let workshop_json = r#"{"title":"Baru","held_from":"2030-01-01","held_to":"2030-01-02"}"#;
    //                               anon resp trainer hrA hrB admin
    vec![
        // Public
        get("/", "/".into(), "AAAAAA"),
        get("/login", "/login".into(), "AAAAAA"),
        // The link is the proof: an unknown one shows "ask for a new link" to everybody (and 422 on post).
        get("/set-password/{token}", "/set-password/unknown".into(), "AAAAAA"),
        server_fn("password_link_email", "token=unknown".into(), "AAAAAA"),
        server_fn("set_password", "token=unknown&password=x&repeated=x".into(), "AAAAAA"),
        get("/healthz", "/healthz".into(), "AAAAAA"),
        get("/readyz", "/readyz".into(), "AAAAAA"),
        get("/lang/{code}", "/lang/en?next=/".into(), "AAAAAA"),
        get("/static/{name}", mawas::server::http::assets::STYLESHEET.href(), "AAAAAA"),
        get("/s/{slug}", format!("/s/{slug}?u={unit}"), "AAAAAA"),
        row(Method::POST, "/s/{slug}", format!("/s/{slug}"), &format!("u={unit}&nonce=matrix&a_PM1=4"), "AAAAAA"),
        get("/api/v1/openapi.json", "/api/v1/openapi.json".into(), "AAAAAA"),
        server_fn("current_user", String::new(), "AAAAAA"),
        server_fn("login", "email=hr-beta%40x.id&password=password-123".into(), "AAAAAA"),
        server_fn("logout", String::new(), "AAAAAA"),
        // REST API (bearer tokens)
        get("/api/v1/instruments/{slug}", "/api/v1/instruments/lo-25".into(), "DDAAAA"),
        // Trainers pick the unit of a workshop, so they read the tree (names only, no results).
        get("/api/v1/units", "/api/v1/units".into(), "DDAASA"),
        row(Method::PUT, "/api/v1/units", "/api/v1/units".into(), "[]", "DDDAAA"),
        get("/api/v1/waves", "/api/v1/waves".into(), "DDDASA"),
        row(Method::POST, "/api/v1/waves", "/api/v1/waves".into(), wave_json, "DDDAVA"),
        row(Method::POST, "/api/v1/waves/{id}/responses", format!("/api/v1/waves/{w}/responses"), paper, "DDDADA"),
        row(Method::POST, "/api/v1/waves/{id}/invitations", format!("/api/v1/waves/{w}/invitations"), people, "DDDADA"),
        get("/api/v1/waves/{id}/heatmap", format!("/api/v1/waves/{w}/heatmap"), "DDDADA"),
        get("/api/v1/waves/{id}/reliability", format!("/api/v1/waves/{w}/reliability"), "DDDADA"),
        get("/api/v1/units/{code}/trend", format!("/api/v1/units/{unit}/trend"), "DDDADA"),
        row(Method::POST, "/api/v1/workshops", "/api/v1/workshops".into(), workshop_json, "DDADDA"),
        get("/api/v1/workshops/{id}/comparison", format!("/api/v1/workshops/{ws}/comparison"), "DDAADA"),
        // HR pages and downloads outside Leptos
        get("/hr/waves/{id}/posters", format!("/hr/waves/{w}/posters"), "DDDADA"),
        get("/hr/waves/{id}/qr/{file}", format!("/hr/waves/{w}/qr/{unit}.svg"), "DDDADA"),
        get("/hr/waves/{id}/heatmap.csv", format!("/hr/waves/{w}/heatmap.csv"), "DDDADA"),
        get("/hr/waves/{id}/heatmap.xlsx", format!("/hr/waves/{w}/heatmap.xlsx"), "DDDADA"),
        multipart(
            "/hr/waves/{id}/invitations",
            format!("/hr/waves/{w}/invitations"),
            "people",
            "Sari,,,ALFA.1",
            "DDDADA",
        ),
        get("/hr/units/units.csv", "/hr/units/units.csv".into(), "DDDASA"),
        multipart(
            "/hr/units/import",
            "/hr/units/import".into(),
            "file",
            "code,name,parent_code,kind,headcount\n",
            "DDDAAA",
        ),
        row(Method::POST, "/hr/units/import/apply", "/hr/units/import/apply".into(), "rows=", "DDDAAA"),
        get("/hr/plans/plans.xlsx", "/hr/plans/plans.xlsx".into(), "DDDASA"),
        get("/hr/workshops/{id}/comparison.csv", format!("/hr/workshops/{ws}/comparison.csv"), "DDDADA"),
        get("/hr/workshops/{id}/comparison.xlsx", format!("/hr/workshops/{ws}/comparison.xlsx"), "DDDADA"),
        get("/hr/workshops/{id}/qr/{file}", format!("/hr/workshops/{ws}/qr/pre.svg"), "DDDADA"),
        get("/trainer/workshops/{id}/comparison.csv", format!("/trainer/workshops/{ws}/comparison.csv"), "DDADDA"),
        get("/trainer/workshops/{id}/comparison.xlsx", format!("/trainer/workshops/{ws}/comparison.xlsx"), "DDADDA"),
        get("/trainer/workshops/{id}/qr/{file}", format!("/trainer/workshops/{ws}/qr/pre.svg"), "DDADDA"),
        // Pages
        get("/hr", "/hr".into(), "DDDASA"),
        get("/hr/waves", "/hr/waves".into(), "DDDASA"),
        get("/hr/waves/new", "/hr/waves/new".into(), "DDDASA"),
        get("/hr/waves/{id}", format!("/hr/waves/{w}"), "DDDADA"),
        get("/hr/waves/{id}/invitations", format!("/hr/waves/{w}/invitations"), "DDDADA"),
        get("/hr/waves/{id}/breakdown", format!("/hr/waves/{w}/breakdown?by=grade_band"), "DDDADA"),
        get("/hr/units", "/hr/units".into(), "DDDASA"),
        get("/hr/units/{code}", format!("/hr/units/{unit}"), "DDDADA"),
        get("/hr/units/{code}/edit", format!("/hr/units/{unit}/edit"), "DDDADA"),
        get("/hr/plans", "/hr/plans".into(), "DDDASA"),
        get("/hr/plans/new", format!("/hr/plans/new?unit={unit}&wave={w}"), "DDDADA"),
        get("/hr/plans/{id}", format!("/hr/plans/{plan}"), "DDDADA"),
        get("/hr/plans/{id}/edit", format!("/hr/plans/{plan}/edit"), "DDDADA"),
        get("/hr/workshops", "/hr/workshops".into(), "DDDASA"),
        get("/hr/workshops/{id}", format!("/hr/workshops/{ws}"), "DDDADA"),
        get("/trainer", "/trainer".into(), "DDADDA"),
        get("/trainer/workshops", "/trainer/workshops".into(), "DDADDA"),
        get("/trainer/workshops/new", "/trainer/workshops/new".into(), "DDADDA"),
        get("/trainer/workshops/{id}", format!("/trainer/workshops/{ws}"), "DDADDA"),
        get("/admin", "/admin".into(), "DDDDDA"),
        get("/admin/settings", "/admin/settings".into(), "DDDDDA"),
        get("/admin/audit", "/admin/audit".into(), "DDDDDA"),
        get("/admin/users", "/admin/users".into(), "DDDDDA"),
        // Server functions
        server_fn("home_summary", "area=Hr".into(), "DDDAAA"),
        server_fn("hr_waves", String::new(), "DDDASA"),
        server_fn("hr_wave_form_options", String::new(), "DDDASA"),
        server_fn(
            "create_hr_wave",
            "title=Baru&instrument=lo-25&root_unit=ALFA&opens_on=2030-01-01&closes_on=2030-01-31&access=open".into(),
            "DDDAVA",
        ),
        server_fn("set_hr_wave_open", format!("id={w}&open=true"), "DDDADA"),
        server_fn("hr_wave_heatmap", format!("id={w}"), "DDDADA"),
        server_fn("hr_wave_breakdown", format!("id={w}&by=grade_band"), "DDDADA"),
        server_fn("hr_unit_report", format!("code={unit}"), "DDDADA"),
        server_fn("hr_wave_reliability", format!("id={w}"), "DDDADA"),
        server_fn("hr_plans", "opd=&status=&focus=&overdue=false".into(), "DDDASA"),
        server_fn("hr_unit_plans", format!("code={unit}"), "DDDADA"),
        server_fn("hr_plan_form", format!("unit={unit}&wave={w}"), "DDDADA"),
        server_fn("hr_plan", format!("id={plan}"), "DDDADA"),
        server_fn(
            "create_plan",
            format!(
                "unit={unit}&wave={w}&focus=systems_thinking&goal=G&reality=R&options=O&way_forward=W&owner_name=O&due_on=2030-01-01"
            ),
            "DDDADA",
        ),
        server_fn(
            "update_plan",
            format!(
                "id={plan}&version={{version}}&focus=systems_thinking&goal=Tujuan+{SECRET}&reality=R&options=O&way_forward=W&owner_name=O&due_on=2030-01-01&status=planned"
            ),
            "DDDADA",
        ),
        server_fn("add_plan_note", format!("id={plan}&note=Catatan"), "DDDADA"),
        server_fn("hr_units", String::new(), "DDDASA"),
        server_fn(
            "update_hr_unit",
            "code=ALFA.1&name=Bidang+Alfa+Rahasia&parent_code=ALFA&kind=bidang&headcount=20".into(),
            "DDDAVA",
        ),
        server_fn("set_hr_unit_active", "code=ALFA.1&active=true".into(), "DDDADA"),
        server_fn("my_workshops", String::new(), "DDAASA"),
        server_fn("workshop_report", format!("id={ws}"), "DDAADA"),
        server_fn("workshop_form_options", String::new(), "DDADDA"),
        server_fn("create_workshop", "title=Baru&held_from=2030-01-01&held_to=2030-01-02".into(), "DDADDA"),
        server_fn("set_workshop_wave", format!("id={ws}&which=pre&open=true"), "DDADDA"),
        server_fn("admin_settings", String::new(), "DDDDDA"),
        server_fn("admin_audit_log", String::new(), "DDDDDA"),
        server_fn("admin_users", "text=&role=&status=".into(), "DDDDDA"),
        server_fn("save_admin_settings", "min_group_size=5&comment_threshold=10".into(), "DDDDDA"),
    ]
}

#[derive(Debug, PartialEq)]
enum Seen {
    Allowed,
    Denied,
    Invalid,
}

/// How the application answered: refused (401, 403, 404, a redirect to the login page, or a
/// server function's Unauthorized/Forbidden/NotFound error), refused as invalid (422) or served.
/// A 422 counts as served for an allowed caller: it got past the door.
fn seen(reply: &Reply) -> Seen {
    let to_login = reply.status.is_redirection() && reply.location().is_some_and(|l| l.starts_with("/login"));
    let json = reply.body.trim_start().starts_with(['{', '"']);
    let refused_server_fn =
        json && ["\"Unauthorized\"", "\"Forbidden\"", "\"NotFound\""].iter().any(|e| reply.body.contains(e));
    if matches!(reply.status.as_u16(), 401 | 403 | 404) || to_login || refused_server_fn {
        Seen::Denied
    } else if reply.status.as_u16() == 422 {
        Seen::Invalid
    } else {
        Seen::Allowed
    }
}

async fn send(app: &TestApp, r: &Row, caller: &Caller, body: &str) -> Reply {
    let mut request = Request::builder().method(r.method.clone()).uri(&r.path);
    if !body.is_empty() || r.method != Method::GET {
        request = request.header(header::CONTENT_TYPE, r.content_type);
    }
    if let Some(cookie) = &caller.cookie {
        request = request.header(header::COOKIE, cookie);
    }
    if let Some(token) = &caller.token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    app.send(request.body(Body::from(body.to_string())).expect("request")).await
}

async fn session_of(app: &TestApp, user_id: i32) -> String {
    let secret = auth::create_session(&app.db, user_id, Utc::now(), 1).await.expect("session");
    format!("{}={secret}", auth::SESSION_COOKIE)
}

/// Every (method, route) the application serves: axum handlers, server functions, Leptos pages.
fn served_routes() -> BTreeSet<(String, String)> {
    let mut served: BTreeSet<(String, String)> = router::http_routes(&Config::for_database("unused"))
        .listed()
        .iter()
        .map(|(m, p)| (m.to_string(), p.clone()))
        .collect();
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        let name = path.trim_start_matches("/api/").to_string();
        served.insert((method.to_string(), name));
    }
    for listing in leptos_axum::generate_route_list(App) {
        served.insert(("GET".to_string(), listing.path().to_string()));
    }
    served
}

#[tokio::test]
async fn every_route_allows_exactly_the_callers_it_should_and_a_refusal_reveals_nothing() {
    with_app(|app| async move {
        let root = app.add_unit("PEMDA", None, "pemda").await;
        let alfa = app.add_named_unit("ALFA", "Dinas Alfa Rahasia", Some(root), "opd").await;
        app.add_named_unit("ALFA.1", "Bidang Alfa Rahasia", Some(alfa), "bidang").await;
        let beta = app.add_named_unit("BETA", "Dinas Beta", Some(root), "opd").await;
        let wave = app.add_wave("Survei Alfa Rahasia", alfa).await;
        let wave_slug = mawas::server::entities::wave::Entity::find_by_id(wave).one(&app.db).await.unwrap().unwrap().slug;
        let trainer = app.add_user("trainer@x.id", Role::Trainer, None).await;
        let hr_alfa = app.add_user("hr-alfa@x.id", Role::Hr, Some(alfa)).await;
        let hr_beta = app.add_user("hr-beta@x.id", Role::Hr, Some(beta)).await;
        let admin = app.add_user("admin@x.id", Role::Admin, None).await;
        let (pre, post) = (app.add_wave("Pre Alfa Rahasia", alfa).await, app.add_wave("Post Alfa Rahasia", alfa).await);
        let workshop = workshop::ActiveModel {
            title: Set(format!("Pelatihan {SECRET}")),
            owner_id: Set(trainer),
            unit_id: Set(Some(alfa)),
            held_from: Set(Utc::now().date_naive()),
            held_to: Set(Utc::now().date_naive()),
            then_test: Set(false),
            pre_wave_id: Set(pre),
            post_wave_id: Set(post),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap()
        .id;
        let hr_alfa_cookie = session_of(&app, hr_alfa).await;
        let created = app
            .server_fn(
                "/api/create_plan",
                &format!(
                    "unit=ALFA.1&wave={wave}&focus=systems_thinking&goal=Tujuan+{SECRET}&reality=R&options=O&way_forward=W&owner_name=O&due_on=2030-01-01"
                ),
                Some(&hr_alfa_cookie),
            )
            .await;
        assert!(!created.body.contains("Error") && !created.status.is_server_error(), "{}", created.body);
        let plan = action_plan::Entity::find().one(&app.db).await.unwrap().expect("the plan").id;
        let fixture = Fixture { wave, wave_slug, workshop, plan };

        let mut callers = vec![
            Caller { name: CALLERS[0], cookie: None, token: None },
            // A respondent holds a survey link and the pairing cookie of a workshop, nothing else.
            Caller { name: CALLERS[1], cookie: Some(format!("mawas_pairing_{workshop}=ABCDEFG")), token: None },
        ];
        for (name, id) in [(CALLERS[2], trainer), (CALLERS[3], hr_alfa), (CALLERS[4], hr_beta), (CALLERS[5], admin)] {
            callers.push(Caller { name, cookie: Some(session_of(&app, id).await), token: Some(app.token_for(id).await) });
        }

        let rows = matrix(&fixture);
        let covered: BTreeSet<(String, String)> = rows.iter().map(|r| (r.method.to_string(), r.route.to_string())).collect();
        let served = served_routes();
        let missing: Vec<_> = served.difference(&covered).collect();
        let stale: Vec<_> = covered.difference(&served).collect();
        assert!(missing.is_empty(), "routes without a row in the authorization matrix: {missing:?}");
        assert!(stale.is_empty(), "rows for routes that are not served: {stale:?}");

        let mut wrong = Vec::new();
        for r in &rows {
            for (index, expected) in r.expected.chars().enumerate() {
                let version = action_plan::Entity::find_by_id(fixture.plan).one(&app.db).await.unwrap().unwrap().version;
                let body = r.body.replace("{version}", &version.to_string());
                let caller = &callers[index];
                let reply = send(&app, r, caller, &body).await;
                let got = seen(&reply);
                let problem = if reply.status.is_server_error() {
                    Some(format!("answered {}", reply.status))
                } else if expected == 'A' && got == Seen::Denied {
                    Some(format!("refused ({})", reply.status))
                } else if expected == 'D' && got != Seen::Denied {
                    Some(format!("allowed ({})", reply.status))
                } else if expected == 'V' && got != Seen::Invalid {
                    Some(format!("not refused as out of scope ({})", reply.status))
                } else if expected == 'S' && got == Seen::Denied {
                    Some(format!("refused a page of its own scope ({})", reply.status))
                } else if expected != 'A' && reply.body.contains(SECRET) {
                    Some("revealed a name of OPD Alfa".to_string())
                } else {
                    None
                };
                if let Some(problem) = problem {
                    let excerpt: String = reply.body.chars().take(160).collect();
                    wrong.push(format!("{} {} as {}: {problem}: {excerpt}", r.method, r.path, caller.name));
                }
                // Logging out ends every session of the account: give it a new one.
                if r.route == "logout" && callers[index].cookie.is_some() && index >= 2 {
                    let user = mawas::server::repo::users::by_email(&app.db, caller_email(callers[index].name))
                        .await
                        .unwrap()
                        .unwrap();
                    callers[index].cookie = Some(session_of(&app, user.id).await);
                }
            }
        }
        assert!(wrong.is_empty(), "{} of {} calls went wrong:\n{}", wrong.len(), rows.len() * 6, wrong.join("\n"));
    })
    .await;
}

fn caller_email(name: &str) -> &'static str {
    match name {
        "trainer" => "trainer@x.id",
        "hr of Alfa" => "hr-alfa@x.id",
        "hr of Beta" => "hr-beta@x.id",
        _ => "admin@x.id",
    }
}

#[tokio::test]
async fn every_listed_route_answers_exactly_its_listed_methods() {
    with_app(|app| async move {
        let admin = app.add_user("admin@x.id", Role::Admin, None).await;
        let cookie = session_of(&app, admin).await;
        let mut served: Vec<(Method, String)> = router::http_routes(&Config::for_database("unused")).listed().to_vec();
        // Pages share paths with some handlers (the invitation page is a GET, its form a POST).
        served.extend(leptos_axum::generate_route_list(App).iter().map(|l| (Method::GET, l.path().to_string())));
        let listed_paths: BTreeSet<String> =
            router::http_routes(&Config::for_database("unused")).listed().iter().map(|(_, p)| p.clone()).collect();
        let others = [Method::GET, Method::POST, Method::PUT, Method::DELETE, Method::PATCH];
        for (path, methods) in group_by_path(&served).into_iter().filter(|(p, _)| listed_paths.contains(p)) {
            let concrete = ["{slug}", "{id}", "{code}", "{name}", "{file}"]
                .iter()
                .fold(path.clone(), |p, param| p.replace(param, if *param == "{id}" { "1" } else { "x" }));
            for method in others.iter().filter(|m| !methods.contains(m)) {
                let request = Request::builder()
                    .method(method.clone())
                    .uri(&concrete)
                    .header(header::COOKIE, &cookie)
                    .body(Body::empty())
                    .unwrap();
                let reply = app.send(request).await;
                assert_eq!(reply.status.as_u16(), 405, "{method} {path} is served but not listed");
            }
        }
    })
    .await;
}

fn group_by_path(listed: &[(Method, String)]) -> Vec<(String, Vec<Method>)> {
    let mut grouped: Vec<(String, Vec<Method>)> = Vec::new();
    for (method, path) in listed {
        match grouped.iter_mut().find(|(p, _)| p == path) {
            Some((_, methods)) => methods.push(method.clone()),
            None => grouped.push((path.clone(), vec![method.clone()])),
        }
    }
    grouped
}
