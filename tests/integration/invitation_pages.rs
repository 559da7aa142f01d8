//! HR's invitation page: people typed or uploaded in the browser become personal links through the
//! same checks as the REST API; a refusal lists every problem and stores nothing.

use super::helpers::{Reply, TestApp, with_app};
use axum::body::Body;
use axum::http::{Request, header};
use mawas::domain::Role;
use mawas::domain::WaveId;
use mawas::server::entities::wave;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

/// The invitation form as a browser sends it: multipart text fields and an optional file.
pub async fn send_form(
    app: &TestApp,
    id: WaveId,
    cookie: Option<&str>,
    people: &str,
    file: &[u8],
    format: &str,
) -> Reply {
    let boundary = "mawas-invite-boundary";
    let mut body = Vec::new();
    for (name, value) in [("people", people), ("format", format)] {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").bytes(),
        );
    }
    body.extend(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\nContent-Type: text/csv\r\n\r\n")
            .bytes(),
    );
    body.extend_from_slice(file);
    body.extend(format!("\r\n--{boundary}--\r\n").bytes());
    let mut request = Request::post(format!("/hr/waves/{id}/invitations"))
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"));
    if let Some(c) = cookie {
        request = request.header(header::COOKIE, c);
    }
    app.send(request.body(Body::from(body)).expect("request")).await
}

#[tokio::test]
async fn hr_creates_personal_links_in_the_browser_and_a_bad_list_stores_nothing() {
    with_app(|app| async move {
        let root = app.add_unit("KAB", None, "pemda").await;
        let dinkes = app.add_unit("DINKES", Some(root), "opd").await;
        app.add_unit("DISDIK", Some(root), "opd").await;
        let id = app.add_wave("Survei Undangan", root).await;
        app.add_user("hr.dinkes@x.id", Role::Hr, Some(dinkes)).await;
        app.add_user("trainer@x.id", Role::Trainer, None).await;
        let cookie = app.login("hr.dinkes@x.id").await;

        // An open wave needs no invitations: the page says so and the handler refuses.
        let page = app.get(&format!("/hr/waves/{id}/invitations"), Some(&cookie)).await;
        assert_eq!(page.status.as_u16(), 200);
        assert!(
            page.body.contains("tidak perlu undangan pribadi") && !page.body.contains("<textarea"),
            "{}",
            page.body
        );
        let typed = "Siti Rahma,siti@x.id,,DINKES\nBudi Santoso,,0812,DINKES";
        let open = send_form(&app, id, Some(&cookie), typed, b"", "csv").await;
        assert_eq!(open.status.as_u16(), 422);
        assert!(open.body.contains("akses token"), "{}", open.body);

        let mut token_wave = wave::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().into_active_model();
        token_wave.access = Set(mawas::domain::survey::WaveAccess::Token);
        token_wave.update(&app.db).await.unwrap();
        let page = app.get(&format!("/hr/waves/{id}/invitations"), Some(&cookie)).await;
        assert!(page.body.contains("<textarea") && page.body.contains("enctype=\"multipart/form-data\""));

        // One unit outside the caller's scope and one empty name: both listed, nothing stored.
        let bad = send_form(&app, id, Some(&cookie), "A <b>,,,DISDIK\n ,,,DINKES", b"", "xlsx").await;
        assert_eq!(bad.status.as_u16(), 422);
        assert!(
            bad.body.contains("Tidak ada tautan yang dibuat")
                && bad.body.matches("<tr><td class=\"num\">").count() == 2
        );
        assert_eq!(app.count("invitation").await, 0);

        // Typed lines without a header, answered as CSV: two single-use links for DINKES.
        let typed_reply = send_form(&app, id, Some(&cookie), typed, b"", "csv").await;
        assert_eq!(typed_reply.status.as_u16(), 200, "{}", typed_reply.body);
        assert_eq!(typed_reply.headers["cache-control"], "no-store");
        let links: Vec<&str> = typed_reply.body.lines().skip(1).collect();
        assert_eq!(links.len(), 2);
        assert!(links.iter().all(|l| l.contains("t=") && l.contains("u=DINKES")), "{links:?}");
        assert_eq!(app.count("invitation").await, 2);

        // A CSV file wins over the text field; XLSX is the default answer.
        let file = b"name;email;phone;unit\nRina;;;DINKES\n";
        let from_file = send_form(&app, id, Some(&cookie), "ignored,,,NOWHERE", file, "").await;
        assert_eq!(from_file.status.as_u16(), 200, "{}", from_file.body);
        assert!(from_file.headers["content-type"].to_str().unwrap().contains("spreadsheetml"));
        assert_eq!(app.count("invitation").await, 3);

        // Neither a trainer nor a stranger gets links.
        let trainer = app.login("trainer@x.id").await;
        let by_trainer = send_form(&app, id, Some(&trainer), typed, b"", "csv").await;
        assert!(!by_trainer.status.is_success() && !by_trainer.body.contains("t="), "{}", by_trainer.status);
        let by_stranger = send_form(&app, id, None, typed, b"", "csv").await;
        assert!(!by_stranger.status.is_success(), "{}", by_stranger.status);
        assert_eq!(app.count("invitation").await, 3);
    })
    .await;
}
