//! HR's unit pages: import with a preview (nothing written before the confirmation, everything or
//! nothing after it), editing one unit and (de)activating a subtree, each within the caller's scope.

use super::helpers::{TestApp, with_app};
use axum::body::Body;
use axum::http::{Request, header};
use mawas::domain::Role;
use mawas::server::entities::unit;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// A multipart upload of one file in the field `file`, as a browser sends the import form.
pub(crate) async fn upload(app: &TestApp, cookie: &str, file_name: &str, bytes: &[u8]) -> super::helpers::Reply {
    let boundary = "mawas-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let request = Request::post("/hr/units/import")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .expect("request");
    app.send(request).await
}

/// The `rows` field of the confirmation form, unescaped from its HTML attribute.
fn checked_rows(page: &str) -> Option<String> {
    let at = page.find("name=\"rows\"")?;
    let tag_start = page[..at].rfind('<')?;
    let tag = &page[tag_start..tag_start + page[tag_start..].find('>')?];
    let value = tag.split("value=\"").nth(1)?;
    let raw = &value[..value.find('"')?];
    Some(
        raw.replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
    )
}

async fn unit_by_code(app: &TestApp, code: &str) -> Option<unit::Model> {
    unit::Entity::find().filter(unit::Column::Code.eq(code)).one(&app.db).await.unwrap()
}

#[tokio::test]
async fn an_import_shows_a_preview_writes_nothing_until_confirmed_and_then_everything() {
    with_app(|app| async move {
        let kab = app.add_unit("KAB", None, "pemda").await;
        let dinas = app.add_unit("DINAS", Some(kab), "opd").await;
        app.add_user("hr@x.id", Role::Hr, None).await;
        let cookie = app.login("hr@x.id").await;

        let download = app.get("/hr/units/units.csv", Some(&cookie)).await;
        assert_eq!(download.status.as_u16(), 200);
        assert!(download.body.starts_with("code,name,parent_code,kind,headcount"), "{}", download.body);
        assert!(download.body.contains("DINAS,Unit DINAS,KAB,opd,20"), "{}", download.body);

        let file = "code,name,parent_code,kind,headcount\nDINAS,Dinas Pendidikan,KAB,opd,120\nDINAS.B1,\"Bidang SD, SMP\",DINAS,bidang,40\nDINAS.B2,Bidang <PAUD>,DINAS,bidang,\n";
        let preview = upload(&app, &cookie, "units.csv", file.as_bytes()).await;
        assert_eq!(preview.status.as_u16(), 200, "{}", preview.body);
        assert!(preview.body.contains("3 baris siap diimpor: 2 unit baru, 1 unit diperbarui"), "{}", preview.body);
        assert!(preview.body.contains("Bidang &lt;PAUD&gt;"), "names are escaped");
        assert_eq!(app.count("unit").await, 2, "a preview writes nothing");
        let rows = checked_rows(&preview.body).expect("a confirmation form");

        let audits = app.count("audit_log").await;
        let applied = app.post_form("/hr/units/import/apply", &serde_urlencoded::to_string([("rows", &rows)]).unwrap(), Some(&cookie), "http://localhost/hr/units/import").await;
        assert_eq!(applied.status.as_u16(), 303, "{}", applied.body);
        assert_eq!(applied.headers["location"], "/hr/units?imported=2&updated=1");
        assert_eq!(app.count("unit").await, 4);
        assert_eq!(unit_by_code(&app, "DINAS").await.unwrap().name, "Dinas Pendidikan");
        let b1 = unit_by_code(&app, "DINAS.B1").await.unwrap();
        assert_eq!((b1.name.as_str(), b1.parent_id, b1.headcount), ("Bidang SD, SMP", Some(dinas), Some(40)));
        assert_eq!(app.count("audit_log").await, audits + 1, "one audit entry, in the same transaction");

        // A file with bad rows: every problem listed with its row, no confirmation, nothing written.
        let bad = "code,name,parent_code,kind,headcount\nX1,Satu,NOWHERE,bidang,5\nX2,,KAB,castle,-3\n";
        let refused = upload(&app, &cookie, "units.csv", bad.as_bytes()).await;
        assert_eq!(refused.status.as_u16(), 422);
        assert!(refused.body.contains("Tidak ada yang diimpor"), "{}", refused.body);
        assert!(refused.body.contains("parent_code") && refused.body.contains("kind") && refused.body.contains("headcount"));
        assert!(checked_rows(&refused.body).is_none(), "no confirmation for a bad file");
        assert_eq!(app.count("unit").await, 4);

        // Missing columns and an empty upload say so in the user's language.
        let no_columns = upload(&app, &cookie, "units.csv", b"kode,nama\nA,B\n").await;
        assert_eq!(no_columns.status.as_u16(), 422);
        assert!(no_columns.body.contains("Kolom berikut tidak ada"), "{}", no_columns.body);
        let empty = upload(&app, &cookie, "units.csv", b"").await;
        assert!(empty.body.contains("Pilih berkas CSV atau XLSX"), "{}", empty.body);

        // An XLSX file goes through the same preview.
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["code", "name", "parent_code", "kind", "headcount"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (c, v) in ["DINAS.B3", "Bidang SMA", "DINAS", "bidang"].iter().enumerate() {
            sheet.write_string(1, c as u16, *v).unwrap();
        }
        sheet.write_number(1, 4, 25.0).unwrap();
        let xlsx = book.save_to_buffer().unwrap();
        let from_xlsx = upload(&app, &cookie, "units.xlsx", &xlsx).await;
        assert_eq!(from_xlsx.status.as_u16(), 200, "{}", from_xlsx.body);
        assert!(from_xlsx.body.contains("1 baris siap diimpor: 1 unit baru"), "{}", from_xlsx.body);
    })
    .await;
}

#[tokio::test]
async fn imports_stay_within_the_callers_scope_and_trainers_cannot_import() {
    with_app(|app| async move {
        let kab = app.add_unit("KAB", None, "pemda").await;
        let dinas = app.add_unit("DINAS", Some(kab), "opd").await;
        app.add_unit("OTHER", Some(kab), "opd").await;
        app.add_user("hr-dinas@x.id", Role::Hr, Some(dinas)).await;
        app.add_user("trainer@x.id", Role::Trainer, None).await;
        let scoped = app.login("hr-dinas@x.id").await;

        let csv = app.get("/hr/units/units.csv", Some(&scoped)).await.body;
        assert!(csv.contains("DINAS") && !csv.contains("OTHER"), "only the subtree: {csv}");

        let outside = "code,name,parent_code,kind,headcount\nOTHER.B1,Bidang,OTHER,bidang,5\n";
        let refused = upload(&app, &scoped, "units.csv", outside.as_bytes()).await;
        assert_eq!(refused.status.as_u16(), 422);
        assert!(checked_rows(&refused.body).is_none());
        // A confirmation forged without a preview is checked again.
        let forged = app
            .post_form(
                "/hr/units/import/apply",
                &serde_urlencoded::to_string([("rows", outside)]).unwrap(),
                Some(&scoped),
                "http://localhost/",
            )
            .await;
        assert_eq!(forged.status.as_u16(), 422);
        assert_eq!(app.count("unit").await, 3);

        let trainer = app.login("trainer@x.id").await;
        let inside = "code,name,parent_code,kind,headcount\nDINAS.B1,Bidang,DINAS,bidang,5\n";
        // The page guard sends a wrong role to the login page before any handler runs.
        let by_trainer = upload(&app, &trainer, "units.csv", inside.as_bytes()).await;
        assert_eq!(by_trainer.status.as_u16(), 303);
        assert!(by_trainer.headers["location"].to_str().unwrap().starts_with("/login?denied=1"));
        let trainer_csv = app.get("/hr/units/units.csv", Some(&trainer)).await;
        assert_eq!(trainer_csv.status.as_u16(), 303);
        assert!(!trainer_csv.body.contains("DINAS"));
        let anonymous = app.get("/hr/units/units.csv", None).await;
        assert!(!anonymous.body.contains("DINAS"), "nothing for visitors: {}", anonymous.status);
        assert_eq!(app.count("unit").await, 3);
    })
    .await;
}

#[tokio::test]
async fn editing_and_deactivating_a_unit_check_the_tree_and_the_scope_and_keep_history() {
    with_app(|app| async move {
        let kab = app.add_unit("KAB", None, "pemda").await;
        let dinas = app.add_unit("DINAS", Some(kab), "opd").await;
        let bidang = app.add_unit("DINAS.B1", Some(dinas), "bidang").await;
        app.add_user("hr@x.id", Role::Hr, None).await;
        app.add_user("hr-dinas@x.id", Role::Hr, Some(dinas)).await;
        app.add_user("trainer@x.id", Role::Trainer, None).await;
        let cookie = app.login("hr@x.id").await;

        let list = app.server_fn("/api/hr_units", "", Some(&cookie)).await;
        assert_eq!(list.status.as_u16(), 200, "{}", list.body);
        let codes: Vec<String> =
            list.json().as_array().unwrap().iter().map(|u| u["unit"]["code"].as_str().unwrap().to_string()).collect();
        assert_eq!(codes, ["KAB", "DINAS", "DINAS.B1"], "tree order");

        let form = |parent: &str, headcount: &str| {
            serde_urlencoded::to_string([
                ("code", "DINAS"),
                ("name", "Dinas Kesehatan"),
                ("parent_code", parent),
                ("kind", "opd"),
                ("headcount", headcount),
            ])
            .unwrap()
        };
        let cycle = app.server_fn("/api/update_hr_unit", &form("DINAS.B1", "30"), Some(&cookie)).await;
        assert!(cycle.status.is_client_error() || cycle.status.is_server_error(), "{}", cycle.status);
        assert!(cycle.body.contains("parent_code"), "{}", cycle.body);
        let bad_number = app.server_fn("/api/update_hr_unit", &form("KAB", "banyak"), Some(&cookie)).await;
        assert!(bad_number.body.contains("headcount"), "{}", bad_number.body);
        assert_eq!(unit_by_code(&app, "DINAS").await.unwrap().name, "Unit DINAS", "refused edits change nothing");

        let saved = app.server_fn("/api/update_hr_unit", &form("KAB", "30"), Some(&cookie)).await;
        assert!(saved.status.is_success() || saved.status.is_redirection(), "{}: {}", saved.status, saved.body);
        let dinas_now = unit_by_code(&app, "DINAS").await.unwrap();
        assert_eq!((dinas_now.name.as_str(), dinas_now.headcount), ("Dinas Kesehatan", Some(30)));

        // A scoped user may neither edit nor deactivate the top of their own scope.
        let scoped = app.login("hr-dinas@x.id").await;
        let own_top = app.server_fn("/api/update_hr_unit", &form("KAB", "31"), Some(&scoped)).await;
        assert!(!own_top.status.is_success(), "{}", own_top.body);
        let off_top = app.server_fn("/api/set_hr_unit_active", "code=DINAS&active=false", Some(&scoped)).await;
        assert!(!off_top.status.is_success() && off_top.body.contains("Forbidden"), "{}", off_top.body);
        let trainer = app.login("trainer@x.id").await;
        let by_trainer = app.server_fn("/api/set_hr_unit_active", "code=DINAS.B1&active=false", Some(&trainer)).await;
        assert!(by_trainer.body.contains("Forbidden"), "{}", by_trainer.body);
        let list_by_trainer = app.server_fn("/api/hr_units", "", Some(&trainer)).await;
        assert!(list_by_trainer.body.contains("Forbidden") && !list_by_trainer.body.contains("DINAS"));

        // Deactivating takes the subtree along; reactivating under an inactive parent is refused.
        let audits = app.count("audit_log").await;
        let off = app.server_fn("/api/set_hr_unit_active", "code=DINAS&active=false", Some(&cookie)).await;
        assert!(off.status.is_success() || off.status.is_redirection(), "{}", off.body);
        for id in [dinas, bidang] {
            assert!(!unit::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().active);
        }
        assert_eq!(app.count("audit_log").await, audits + 1);
        let orphan = app.server_fn("/api/set_hr_unit_active", "code=DINAS.B1&active=true", Some(&cookie)).await;
        assert!(orphan.body.contains("induknya nonaktif"), "{}", orphan.body);
        assert!(!unit::Entity::find_by_id(bidang).one(&app.db).await.unwrap().unwrap().active);
        let on = app.server_fn("/api/set_hr_unit_active", "code=DINAS&active=true", Some(&cookie)).await;
        assert!(on.status.is_success() || on.status.is_redirection());
        assert!(unit::Entity::find_by_id(dinas).one(&app.db).await.unwrap().unwrap().active);
        assert_eq!(app.count("unit").await, 3, "units are never deleted");
    })
    .await;
}
