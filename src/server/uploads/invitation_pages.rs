//! HR's personal invitations in the browser: `POST /hr/waves/{id}/invitations` takes the form of
//! `/hr/waves/{id}/invitations` (people typed as CSV lines or a CSV/XLSX file, and the format of the
//! answer) and answers with the links as XLSX, CSV or a printable sheet, through the same
//! [`invitations::issue`](crate::server::reports::invitations::issue) as the REST API. A refusal lists every problem and stores nothing.

use crate::domain::WaveId;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::export::invitations::links_response;
use crate::server::http::assets;
use crate::server::http::document::{DocumentFrame, render_document};
use crate::server::http::listed_router::ListedRouter;
use crate::server::http::respond::{public_base, refusal};
use crate::server::http::signed_in::{Hr, SignedIn};
use crate::server::http::state::AppState;
use crate::server::reports::invitations::{self, Invitee};
use crate::server::uploads::invitation_list::{people_from_csv, people_from_xlsx};
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::post;
use leptos::prelude::*;

/// Largest upload: 5,000 people with contacts fit in far less.
const MAX_BYTES: usize = 2 * 1024 * 1024;

pub fn routes() -> ListedRouter {
    ListedRouter::default().route(
        "/hr/waves/{id}/invitations",
        &[axum::http::Method::POST],
        post(create).layer(DefaultBodyLimit::max(MAX_BYTES + 64 * 1024)),
    )
}

/// What the form sent: the typed list, the uploaded file (if any) and the wanted format.
#[derive(Default)]
struct Sent {
    typed: String,
    file: Vec<u8>,
    format: String,
}

async fn read_form(mut multipart: Multipart) -> Result<Sent, String> {
    let mut sent = Sent::default();
    while let Some(field) = multipart.next_field().await.map_err(|e| e.to_string())? {
        match field.name() {
            Some("people") => sent.typed = field.text().await.map_err(|e| e.to_string())?,
            Some("file") => sent.file = field.bytes().await.map_err(|e| e.to_string())?.to_vec(),
            Some("format") => sent.format = field.text().await.map_err(|e| e.to_string())?,
            _ => {}
        }
    }
    Ok(sent)
}

/// The people of the form: the file when one was chosen, else the typed lines (header optional).
fn people_of(sent: &Sent) -> Result<Vec<Invitee>, String> {
    if !sent.file.is_empty() {
        // An XLSX file is a zip archive: it starts with "PK" whatever its name says.
        if sent.file.starts_with(b"PK") {
            return people_from_xlsx(&sent.file);
        }
        return people_from_csv(std::str::from_utf8(&sent.file).map_err(|e| e.to_string())?);
    }
    let typed = sent.typed.trim();
    let first = typed.lines().next().unwrap_or("");
    if first.to_lowercase().trim_start().starts_with("name") {
        return people_from_csv(typed);
    }
    let header = if first.matches(';').count() > first.matches(',').count() {
        "name;email;phone;unit"
    } else {
        "name,email,phone,unit"
    };
    people_from_csv(&format!("{header}\n{typed}"))
}

/// A page that lists why nothing was created, with the way back to the form.
fn problem_page(id: WaveId, lang: Lang, error: AppError) -> Response {
    let i = lang.invitations();
    let details = match &error {
        AppError::Invalid { details, .. } => details.clone(),
        _ => Vec::new(),
    };
    let rows = details
        .into_iter()
        .map(|d| {
            let row = d.row.map(|r| r.to_string()).unwrap_or_default();
            view! { <tr><td class="num">{row}</td><td>{d.field}</td><td>{d.message}</td></tr> }
        })
        .collect_view();
    let has_rows = matches!(&error, AppError::Invalid { details, .. } if !details.is_empty());
    let body = view! {
        <div class="narrow">
            <div class="error" role="alert">
                <p>{error.message(lang)}</p>
                {has_rows.then(|| view! {
                    <table class="units-table">
                        <thead><tr><th scope="col">{i.col_row}</th><th scope="col">{i.col_field}</th><th scope="col">{i.col_problem}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                })}
            </div>
            <p>{i.nothing_created}</p>
            <p><a class="button" href=format!("/hr/waves/{id}/invitations")>{i.back_to_form}</a></p>
        </div>
    }
    .into_any();
    let frame = DocumentFrame {
        lang,
        title: i.refused_title.to_string(),
        switch_href: format!("/lang/{}?next=/hr/waves/{id}/invitations", lang.other().code()),
        stylesheet_href: assets::STYLESHEET.href(),
        script_href: assets::SURVEY_SCRIPT.href(),
        body_class: "import",
    };
    crate::server::http::respond::html_no_store(StatusCode::UNPROCESSABLE_ENTITY, render_document(frame, body))
}

async fn create(
    State(state): State<AppState>,
    Path(id): Path<WaveId>,
    SignedIn { user, lang, .. }: SignedIn<Hr>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    // Who asks and for which wave before the upload is read: parsing a file costs memory and time.
    match invitations::invitable_wave(&state.db, &user, id, lang).await {
        Ok(_) => {}
        Err(e @ (AppError::Forbidden | AppError::NotFound | AppError::Unauthorized)) => return refusal(e, lang),
        Err(e) => return problem_page(id, lang, e),
    }
    let bad_file = |message: String| AppError::invalid(format!("{}: {message}", lang.t().err_bad_body));
    let sent = match read_form(multipart).await {
        Ok(sent) => sent,
        Err(message) => return problem_page(id, lang, bad_file(message)),
    };
    let format = match sent.format.as_str() {
        "csv" | "html" => sent.format.clone(),
        _ => "xlsx".to_string(),
    };
    // Unpacking and reading a file is CPU work of up to a few hundred milliseconds: off the async workers.
    let people = match tokio::task::spawn_blocking(move || people_of(&sent)).await {
        Ok(Ok(people)) => people,
        Ok(Err(message)) => return problem_page(id, lang, bad_file(message)),
        Err(e) => return refusal(AppError::internal(e), lang),
    };
    let base = public_base(&state, &headers);
    match invitations::issue(&state.db, &user, id, people, &base, lang).await {
        Ok((wave, links)) => match links_response(&format, &wave, links, lang) {
            Ok(response) => response,
            Err(e) => refusal(e, lang),
        },
        Err(e @ (AppError::Forbidden | AppError::NotFound | AppError::Unauthorized)) => refusal(e, lang),
        Err(e) => problem_page(id, lang, e),
    }
}
