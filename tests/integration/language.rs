//! The language of pages: Bahasa Indonesia first, the English switch persists.

use super::helpers::with_app;

#[tokio::test]
async fn the_landing_page_is_indonesian_and_the_switch_to_english_persists() {
    with_app(|app| async move {
        let page = app.get("/", None).await;
        assert_eq!(page.status.as_u16(), 200);
        assert!(page.body.contains(r#"<html lang="id""#));
        assert!(page.body.contains("Melihat organisasi kita dengan jujur"));
        let switch = app.get("/lang/en?next=/login", None).await;
        assert_eq!(switch.location(), Some("/login"));
        let cookie = switch.set_cookie("mawas_lang").expect("language cookie");
        assert!(cookie.contains("Max-Age=31536000"));
        let english = app.get("/", Some(cookie.split(';').next().unwrap())).await;
        assert!(english.body.contains(r#"<html lang="en""#));
        assert!(english.body.contains("Looking at our organisation honestly"));
        assert_eq!(app.get("/lang/en?next=https://evil.example", None).await.location(), Some("/"), "no open redirect");
    })
    .await;
}
