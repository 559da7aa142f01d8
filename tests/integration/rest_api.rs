//! The REST API v1: tokens, the instrument, unit imports, scope and the OpenAPI document.

use super::helpers::with_app;
use mawas::domain::Role;

use sea_orm::EntityTrait;

#[tokio::test]
async fn readiness_checks_the_database_and_every_answer_carries_the_security_headers() {
    with_app(|app| async move {
        let ready = app.get("/readyz", None).await;
        assert_eq!((ready.status.as_u16(), ready.body.as_str()), (200, "ready"));
        for path in ["/", "/login", "/api/v1/waves", "/readyz"] {
            let reply = app.get(path, None).await;
            let header = |name: &str| reply.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
            assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
            assert_eq!(header("referrer-policy"), "same-origin", "{path}");
            assert_eq!(header("x-frame-options"), "DENY", "{path}");
            assert!(header("content-security-policy").contains("frame-ancestors 'none'"), "{path}");
        }
        // A Leptos page's inline scripts carry the nonce its policy names, and no inline script lacks it.
        let landing = app.get("/", None).await;
        let policy = landing.headers.get("content-security-policy").unwrap().to_str().unwrap().to_string();
        let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a nonce");
        let inline_scripts: Vec<&str> =
            landing.body.split("<script").skip(1).filter(|tag| !tag.trim_start().starts_with("src")).collect();
        assert!(!inline_scripts.is_empty(), "the hydration script is inline");
        for tag in inline_scripts {
            assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "an inline script without the nonce: {tag}");
        }
        assert_ne!(
            app.get("/", None).await.headers.get("content-security-policy").unwrap().to_str().unwrap(),
            policy,
            "a new nonce for every answer"
        );
        app.db.clone().close().await.unwrap();
        let closed = app.get("/readyz", None).await;
        assert_eq!(closed.status.as_u16(), 503, "a closed database is not ready: {}", closed.body);
    })
    .await;
}

#[tokio::test]
async fn the_api_needs_a_valid_bearer_token() {
    with_app(|app| async move {
        let hr = app.add_user("hr@x.id", Role::Hr, None).await;
        let none = app.api("GET", "/api/v1/units", None, "application/json", "").await;
        assert_eq!(none.status.as_u16(), 401);
        assert_eq!(none.json()["error"], "unauthorized");
        assert_eq!(none.json()["message"], "Silakan masuk terlebih dahulu.");
        let wrong = app.api("GET", "/api/v1/units", Some("mawas_not-a-token"), "application/json", "").await;
        assert_eq!(wrong.status.as_u16(), 401);
        let token = app.token_for(hr).await;
        let ok = app.api_get("/api/v1/units", &token).await;
        assert_eq!(ok.status.as_u16(), 200, "{}", ok.body);
        assert_eq!(app.count("api_token").await, 1);
        let stored: String =
            mawas::server::entities::api_token::Entity::find().one(&app.db).await.unwrap().unwrap().token_hash;
        assert_ne!(stored, token, "only the hash is stored");
    })
    .await;
}

#[tokio::test]
async fn the_instrument_endpoint_serves_lo25_with_its_items() {
    with_app(|app| async move {
        let user = app.add_user("trainer@x.id", Role::Trainer, None).await;
        let token = app.token_for(user).await;
        let reply = app.api_get("/api/v1/instruments/lo-25", &token).await;
        assert_eq!(reply.status.as_u16(), 200);
        let body = reply.json();
        assert_eq!(body["slug"], "lo-25");
        assert_eq!(body["scale_points"], 5);
        let items = body["items"].as_array().unwrap();
        assert_eq!(items.len(), 25);
        assert_eq!(items[0]["code"], "PM1");
        assert_eq!(items[24]["code"], "ST5");
        assert_eq!(items[24]["discipline"], "systems_thinking");
        assert!(items.iter().filter(|i| i["reverse"] == true).count() >= 5);
        let missing = app.api_get("/api/v1/instruments/nope", &token).await;
        assert_eq!(missing.status.as_u16(), 404);
    })
    .await;
}

#[tokio::test]
async fn a_units_import_with_a_bad_row_writes_nothing_and_lists_every_problem() {
    with_app(|app| async move {
        let hr = app.add_user("hr@x.id", Role::Hr, None).await;
        let token = app.token_for(hr).await;
        let body = r#"[
            {"code":"KAB","name":"Kabupaten Contoh","parent_code":null,"kind":"pemda","headcount":null},
            {"code":"DINKES","name":"Dinas Kesehatan","parent_code":"KAB","kind":"opd","headcount":120},
            {"code":"DINKES.B1","name":"","parent_code":"DINKES","kind":"bidang","headcount":-4},
            {"code":"X","name":"Unit X","parent_code":"NOWHERE","kind":"opd","headcount":3}
        ]"#;
        let reply = app.api("PUT", "/api/v1/units", Some(&token), "application/json", body).await;
        assert_eq!(reply.status.as_u16(), 422, "{}", reply.body);
        let details = reply.json()["details"].as_array().unwrap().clone();
        let problems: Vec<(u64, String)> = details.iter().map(|d| (d["row"].as_u64().unwrap(), d["field"].as_str().unwrap().to_string())).collect();
        assert_eq!(problems, vec![(3, "name".into()), (3, "headcount".into()), (4, "parent_code".into())]);
        assert_eq!(details[0]["message"], "Nama unit wajib diisi.");
        assert_eq!(app.count("unit").await, 0, "nothing written");

        let csv = "code,name,parent_code,kind,headcount\nKAB,Kabupaten Contoh,,pemda,\nDINKES,Dinas Kesehatan,KAB,opd,120\nDINKES.B1,Bidang P2P,DINKES,bidang,18\n";
        let ok = app.api("PUT", "/api/v1/units", Some(&token), "text/csv", csv).await;
        assert_eq!(ok.status.as_u16(), 200, "{}", ok.body);
        assert_eq!(ok.json()["inserted"], 3);
        let listed = app.api_get("/api/v1/units", &token).await.json();
        assert_eq!(listed.as_array().unwrap().len(), 3);
        assert_eq!(listed[2]["parent_code"], "DINKES");

        let english = app
            .send(
                axum::http::Request::put("/api/v1/units")
                    .header("authorization", format!("Bearer {token}"))
                    .header("accept-language", "en-US,en;q=0.9")
                    .header("content-type", "application/json")
                    .body(axum::body::Body::from(r#"[{"code":"B","name":"B","parent_code":"KAB","kind":"dinas","headcount":1}]"#))
                    .unwrap(),
            )
            .await;
        assert_eq!(english.json()["details"][0]["message"], "The unit kind must be one of: pemda, opd, bidang, seksi, upt, tim, other.");
    })
    .await;
}

#[tokio::test]
async fn a_scoped_hr_user_sees_and_writes_only_their_subtree_and_a_trainer_writes_nothing() {
    with_app(|app| async move {
        let root = app.add_unit("KAB", None, "pemda").await;
        let dinkes = app.add_unit("DINKES", Some(root), "opd").await;
        app.add_unit("DINKES.B1", Some(dinkes), "bidang").await;
        app.add_unit("DISDIK", Some(root), "opd").await;
        let scoped = app.add_user("hr.dinkes@x.id", Role::Hr, Some(dinkes)).await;
        let token = app.token_for(scoped).await;
        let listed = app.api_get("/api/v1/units", &token).await.json();
        let codes: Vec<&str> = listed.as_array().unwrap().iter().map(|u| u["code"].as_str().unwrap()).collect();
        assert_eq!(codes, vec!["DINKES", "DINKES.B1"]);

        let outside = app
            .api(
                "PUT",
                "/api/v1/units",
                Some(&token),
                "application/json",
                r#"[{"code":"DISDIK.B1","name":"Bidang SD","parent_code":"DISDIK","kind":"bidang","headcount":9}]"#,
            )
            .await;
        assert_eq!(outside.status.as_u16(), 422);
        assert_eq!(outside.json()["details"][0]["message"], "Unit ini di luar cakupan Anda.");
        let inside = app
            .api(
                "PUT",
                "/api/v1/units",
                Some(&token),
                "application/json",
                r#"[{"code":"DINKES.B2","name":"Bidang Yankes","parent_code":"DINKES","kind":"bidang","headcount":9}]"#,
            )
            .await;
        assert_eq!(inside.status.as_u16(), 200, "{}", inside.body);

        let trainer = app.add_user("t@x.id", Role::Trainer, None).await;
        let trainer_token = app.token_for(trainer).await;
        let refused = app.api("PUT", "/api/v1/units", Some(&trainer_token), "application/json", "[]").await;
        assert_eq!(refused.status.as_u16(), 403);
        assert_eq!(app.count("unit").await, 5);
    })
    .await;
}

#[tokio::test]
async fn the_openapi_document_lists_every_endpoint() {
    with_app(|app| async move {
        let reply = app.get("/api/v1/openapi.json", None).await;
        assert_eq!(reply.status.as_u16(), 200);
        let doc = reply.json();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        for path in
            ["/api/v1/openapi.json", "/api/v1/instruments/{slug}", "/api/v1/units", "/api/v1/waves/{id}/heatmap"]
        {
            assert!(doc["paths"][path].is_object(), "{path} missing");
        }
        assert!(doc["paths"]["/api/v1/units"]["put"].is_object());
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
        // Every schema a document refers to is in it, and an id stays a number for clients.
        let mut refs = Vec::new();
        collect_refs(&doc, &mut refs);
        for target in &refs {
            let name = target.trim_start_matches("#/components/schemas/");
            assert!(doc["components"]["schemas"][name].is_object(), "{target} is referred to but missing");
        }
        let wave_id = &doc["components"]["schemas"]["WaveDto"]["properties"]["id"];
        let wave_id = match wave_id["$ref"].as_str() {
            Some(target) => &doc["components"]["schemas"][target.trim_start_matches("#/components/schemas/")],
            None => wave_id,
        };
        assert_eq!(wave_id["type"], "integer", "{wave_id}");
    })
    .await;
}

fn collect_refs(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(target) = map.get("$ref").and_then(|r| r.as_str()) {
                out.push(target.to_string());
            }
            map.values().for_each(|v| collect_refs(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}
