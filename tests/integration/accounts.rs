//! Accounts without a shell: set-password links, disabling and enabling, the last admin, and what is
//! audited.

use super::helpers::{TestApp, with_app};
use chrono::{Duration, Utc};
use mawas::domain::Role;
use mawas::i18n::Lang;
use mawas::server::entities::{app_user, audit_log};
use mawas::server::reports::users as accounts;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const CHOSEN: &str = "tujuh ekor kucing oranye";

/// Posts the set-password form as a browser without JavaScript does.
async fn set_password(app: &TestApp, token: &str, password: &str, repeated: &str) -> super::helpers::Reply {
    let form = serde_urlencoded::to_string([("token", token), ("password", password), ("repeated", repeated)]).unwrap();
    app.post_form("/api/set_password", &form, None, &format!("http://localhost/set-password/{token}")).await
}

/// Logs in with a password through the login form; the session cookie, if the login worked.
async fn log_in(app: &TestApp, email: &str, password: &str) -> Option<String> {
    let form = serde_urlencoded::to_string([("email", email), ("password", password)]).unwrap();
    let reply = app.post_form("/api/login", &form, None, "http://localhost/login").await;
    reply.set_cookie(mawas::server::auth::SESSION_COOKIE).and_then(|c| c.split(';').next().map(String::from))
}

async fn audited(app: &TestApp, action: &str) -> Vec<audit_log::Model> {
    audit_log::Entity::find().filter(audit_log::Column::Action.eq(action)).all(&app.db).await.unwrap()
}

#[tokio::test]
async fn a_set_password_link_lets_its_owner_choose_a_password_once() {
    with_app(|app| async move {
        let admin = app.add_user("admin@x.id", Role::Admin, None).await;
        app.add_user("sari@x.id", Role::Hr, None).await;
        let secret = accounts::password_link(&app.db, Some(admin), "sari@x.id", Lang::En, Utc::now()).await.unwrap();
        assert_eq!(audited(&app, "user.password_link").await[0].user_id, Some(admin), "who made the link");

        let page = app.get(&format!("/set-password/{secret}"), None).await;
        assert_eq!(page.status.as_u16(), 200);
        assert!(page.body.contains("sari@x.id") && page.body.contains("name=\"repeated\""), "{}", page.body);

        // Refused passwords change nothing and leave the link usable.
        let guessable = set_password(&app, &secret, "password1234", "password1234").await;
        assert!(
            guessable.location().is_some_and(|l| l.contains("__err=")),
            "back to the form: {:?}",
            guessable.location()
        );
        let personal = accounts::set_password_with_link(
            &app.db,
            &secret,
            "sari-kopi-2026!",
            "sari-kopi-2026!",
            Lang::Id,
            Utc::now(),
        );
        assert!(personal.await.unwrap_err().message(Lang::Id).contains("nama atau alamat e-mail"));
        let mismatch = accounts::set_password_with_link(&app.db, &secret, CHOSEN, "tujuh ekor", Lang::En, Utc::now());
        assert!(mismatch.await.unwrap_err().message(Lang::En).contains("differ"));
        assert!(log_in(&app, "sari@x.id", "password-123").await.is_some(), "the old password still works");

        let saved = set_password(&app, &secret, CHOSEN, CHOSEN).await;
        assert!(saved.location().is_some_and(|l| l.starts_with("/login?password_set=1")), "{:?}", saved.location());
        assert!(log_in(&app, "sari@x.id", "password-123").await.is_none(), "the old password is gone");
        assert!(log_in(&app, "sari@x.id", CHOSEN).await.is_some());
        assert_eq!(audited(&app, "user.password_set").await.len(), 1);

        // Used up: the page says so and a second use is refused.
        let again = app.get(&format!("/set-password/{secret}"), None).await;
        assert!(again.body.contains("no longer works") || again.body.contains("tidak berlaku"), "{}", again.body);
        let reused = accounts::set_password_with_link(
            &app.db,
            &secret,
            "kebun teh di lereng",
            "kebun teh di lereng",
            Lang::En,
            Utc::now(),
        );
        assert!(reused.await.unwrap_err().message(Lang::En).contains("no longer works"));
    })
    .await;
}

#[tokio::test]
async fn a_link_expires_after_72_hours_and_a_newer_link_voids_the_older() {
    with_app(|app| async move {
        app.add_user("sari@x.id", Role::Hr, None).await;
        let long_ago = Utc::now() - Duration::hours(73);
        let old = accounts::password_link(&app.db, None, "sari@x.id", Lang::En, long_ago).await.unwrap();
        let expired = accounts::set_password_with_link(&app.db, &old, CHOSEN, CHOSEN, Lang::En, Utc::now()).await;
        assert!(expired.is_err(), "73 hours old");

        let first = accounts::password_link(&app.db, None, "sari@x.id", Lang::En, Utc::now()).await.unwrap();
        let second = accounts::password_link(&app.db, None, "sari@x.id", Lang::En, Utc::now()).await.unwrap();
        assert!(accounts::link_email(&app.db, &first, Utc::now()).await.unwrap().is_none(), "voided by the newer link");
        assert_eq!(accounts::link_email(&app.db, &second, Utc::now()).await.unwrap().as_deref(), Some("sari@x.id"));
        let in_time = Utc::now() + Duration::hours(71);
        accounts::set_password_with_link(&app.db, &second, CHOSEN, CHOSEN, Lang::En, in_time).await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn a_disabled_account_is_locked_out_at_once_and_the_last_admin_stays() {
    with_app(|app| async move {
        let admin = app.add_user("admin@x.id", Role::Admin, None).await;
        let hr = app.add_user("sari@x.id", Role::Hr, None).await;
        let cookie = app.login("sari@x.id").await;
        let token = app.token_for(hr).await;
        assert_eq!(app.api_get("/api/v1/waves", &token).await.status.as_u16(), 200);

        accounts::set_enabled(&app.db, Some(admin), "sari@x.id", false, Lang::En, Utc::now()).await.unwrap();
        assert_eq!(app.api_get("/api/v1/waves", &token).await.status.as_u16(), 401, "the token stops at once");
        let page = app.get("/hr/waves", Some(&cookie)).await;
        assert!(page.location().is_some_and(|l| l.starts_with("/login")), "the session ends: {}", page.status);
        // The same answer as a wrong password: nobody learns that the account exists but is disabled.
        let disabled = app.server_fn("/api/login", "email=sari%40x.id&password=password-123", None).await;
        let wrong = app.server_fn("/api/login", "email=sari%40x.id&password=wrong-password", None).await;
        assert_eq!((disabled.status, disabled.body.clone()), (wrong.status, wrong.body.clone()));
        let entry = &audited(&app, "user.disable").await[0];
        assert_eq!((entry.user_id, entry.target.as_str()), (Some(admin), "sari@x.id"));

        accounts::set_enabled(&app.db, Some(admin), "sari@x.id", true, Lang::En, Utc::now()).await.unwrap();
        assert!(log_in(&app, "sari@x.id", "password-123").await.is_some());
        assert_eq!(audited(&app, "user.enable").await.len(), 1);

        let last = accounts::set_enabled(&app.db, None, "admin@x.id", false, Lang::En, Utc::now()).await;
        assert!(last.unwrap_err().message(Lang::En).contains("last active admin"));
        app.add_user("second@x.id", Role::Admin, None).await;
        accounts::set_enabled(&app.db, None, "admin@x.id", false, Lang::En, Utc::now()).await.unwrap();
        let now_last = accounts::set_enabled(&app.db, None, "second@x.id", false, Lang::En, Utc::now()).await;
        assert!(now_last.is_err(), "the other admin is now the last one");
    })
    .await;
}

#[tokio::test]
async fn an_account_is_created_once_and_its_last_login_is_kept() {
    with_app(|app| async move {
        let new = |password| mawas::server::repo::users::NewUser {
            email: "budi@x.id",
            display_name: "Budi Santoso",
            password,
            role: Role::Trainer,
            scope_unit_id: None,
        };
        let weak = accounts::create(&app.db, None, new("budi12345678"), "budi12345678", Lang::En, Utc::now()).await;
        assert!(weak.unwrap_err().message(Lang::En).contains("name or e-mail"));
        let created = accounts::create(&app.db, None, new(CHOSEN), CHOSEN, Lang::En, Utc::now()).await.unwrap();
        assert_eq!(created.last_login_at, None);
        let twice =
            accounts::create(&app.db, None, new("kebun teh di lereng"), "kebun teh di lereng", Lang::En, Utc::now());
        assert!(twice.await.unwrap_err().message(Lang::En).contains("reset-password"), "never reset silently");
        assert_eq!(audited(&app, "user.create").await.len(), 1);

        assert!(log_in(&app, "budi@x.id", CHOSEN).await.is_some());
        let stored = app_user::Entity::find_by_id(created.id).one(&app.db).await.unwrap().unwrap();
        assert!(stored.last_login_at.is_some(), "for the admin's list of users");
    })
    .await;
}

#[tokio::test]
async fn the_admin_lists_users_with_scope_status_and_last_login_and_filters_them() {
    with_app(|app| async move {
        let root = app.add_unit("KAB", None, "pemda").await;
        let dinkes = app.add_named_unit("DINKES", "Dinas Kesehatan", Some(root), "opd").await;
        app.add_user("admin@x.id", Role::Admin, None).await;
        app.add_user("sari@x.id", Role::Hr, Some(dinkes)).await;
        app.add_user("budi@x.id", Role::Trainer, None).await;
        accounts::set_enabled(&app.db, None, "budi@x.id", false, Lang::En, Utc::now()).await.unwrap();
        let cookie = app.login("admin@x.id").await;
        app.login("sari@x.id").await;

        let list = |filter: &'static str| {
            let cookie = cookie.clone();
            let app = &app;
            async move { app.server_fn("/api/admin_users", filter, Some(&cookie)).await.json() }
        };
        let all = list("text=&role=&status=").await;
        let emails: Vec<&str> = all.as_array().unwrap().iter().map(|u| u["email"].as_str().unwrap()).collect();
        assert_eq!(emails, ["admin@x.id", "budi@x.id", "sari@x.id"]);
        let sari = &all[2];
        assert_eq!((sari["role"].as_str(), sari["scope"]["code"].as_str()), (Some("hr"), Some("DINKES")));
        assert!(sari["last_login_at"].is_string() && all[1]["last_login_at"].is_null());
        assert!(all[0]["scope"].is_null() && all[1]["active"] == false);
        assert!(!all.to_string().contains("argon2") && !all.to_string().contains("password"), "no hash leaves");

        let only =
            |v: serde_json::Value| v.as_array().unwrap().iter().map(|u| u["email"].to_string()).collect::<Vec<_>>();
        assert_eq!(only(list("text=SARI&role=&status=").await), ["\"sari@x.id\""]);
        assert_eq!(only(list("text=&role=trainer&status=").await), ["\"budi@x.id\""]);
        assert_eq!(only(list("text=&role=&status=disabled").await), ["\"budi@x.id\""]);

        let page = app.get("/admin/users?status=active", Some(&cookie)).await;
        assert_eq!(page.status.as_u16(), 200);
        assert!(page.body.contains("Dinas Kesehatan (DINKES)") && !page.body.contains("budi@x.id"), "{}", page.body);
    })
    .await;
}
