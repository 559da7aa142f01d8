//! HR's unit import in the browser: download the current list as CSV, upload a CSV or XLSX file,
//! see a preview with every problem, then confirm. Nothing is written before the confirmation, and
//! the confirmation writes everything or nothing (`reports::units::upsert` checks the rows again, so a
//! tree changed in between is caught). Plain forms: it works the same without JavaScript.

use crate::domain::unit_tree::{RowError, UnitRow};
use crate::error::AppError;
use crate::i18n::{Lang, fill};
use crate::server::auth;
use crate::server::http::assets;
use crate::server::http::document::{DocumentFrame, render_document};
use crate::server::http::listed_router::ListedRouter;
use crate::server::http::respond::refusal;
use crate::server::http::respond::{self, FileKind};
use crate::server::http::signed_in::{Hr, SignedIn};
use crate::server::http::state::AppState;
use crate::server::repo::units;
use crate::server::reports::units::{self as unit_reports, UpsertOutcome};
use crate::server::uploads::unit_list::{FileError, ParsedRows, parse_csv, parse_xlsx};
use crate::server::uploads::unit_preview::{ImportPreview, PreviewProblem, PreviewRow, preview_body};
use axum::extract::{DefaultBodyLimit, Form, Multipart, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

/// Largest file accepted: a unit list of a whole province is far below this.
const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

/// `GET /hr/units/units.csv`, `POST /hr/units/import` (multipart) and `POST /hr/units/import/apply`.
pub fn routes() -> ListedRouter {
    use axum::http::Method;
    ListedRouter::default()
        .route("/hr/units/units.csv", &[Method::GET], get(download))
        .route(
            "/hr/units/import",
            &[Method::POST],
            post(preview).layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 64 * 1024)),
        )
        .route("/hr/units/import/apply", &[Method::POST], post(apply).layer(DefaultBodyLimit::max(MAX_FILE_BYTES * 2)))
}

fn page(status: StatusCode, lang: Lang, preview: ImportPreview) -> Response {
    let next = serde_urlencoded::to_string([("next", "/hr/units")]).unwrap_or_default();
    let frame = DocumentFrame {
        lang,
        title: lang.units().preview_title.to_string(),
        switch_href: format!("/lang/{}?{next}", lang.other().code()),
        stylesheet_href: assets::STYLESHEET.href(),
        script_href: assets::SURVEY_SCRIPT.href(),
        body_class: "import",
    };
    crate::server::http::respond::html_no_store(status, render_document(frame, preview_body(lang, preview)))
}

/// A preview that only says what is wrong with the file as a whole.
fn file_problem(lang: Lang, message: String) -> Response {
    let problems = vec![PreviewProblem { row: None, field: "file".into(), message }];
    page(StatusCode::UNPROCESSABLE_ENTITY, lang, ImportPreview { rows: Vec::new(), problems, checked_csv: None })
}

fn file_error_message(lang: Lang, error: &FileError) -> String {
    let s = lang.units();
    match error {
        FileError::MissingColumns(columns) => fill(s.missing_columns, &[("columns", columns)]),
        FileError::Unreadable(_) => s.file_unreadable.to_string(),
        FileError::Oversized => s.file_oversized.to_string(),
    }
}

fn rows_csv(rows: &[UnitRow]) -> Result<String, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(crate::server::uploads::unit_list::COLUMNS).map_err(AppError::internal)?;
    for r in rows {
        let headcount = r.headcount.map(|h| h.to_string()).unwrap_or_default();
        let parent = r.parent_code.clone().unwrap_or_default();
        writer.write_record([&r.code, &r.name, &parent, &r.kind, &headcount]).map_err(AppError::internal)?;
    }
    String::from_utf8(writer.into_inner().map_err(|e| AppError::internal(e.into_error()))?).map_err(AppError::internal)
}

/// Checks parsed rows against the stored tree and the caller's scope and builds the preview.
async fn checked_preview(
    state: &AppState,
    user: &auth::AuthUser,
    parsed: ParsedRows,
    lang: Lang,
) -> Result<(StatusCode, ImportPreview), AppError> {
    let mut errors: Vec<RowError> = parsed.errors;
    let mut is_new = vec![true; parsed.rows.len()];
    if errors.is_empty() {
        match unit_reports::check(&state.db, &parsed.rows, user.scope_unit_id).await? {
            UpsertOutcome::Rejected(found) => errors = found,
            UpsertOutcome::Written { .. } => {
                let stored = units::all(&state.db).await?;
                for (flag, row) in is_new.iter_mut().zip(&parsed.rows) {
                    *flag = !stored.iter().any(|u| u.code == row.code);
                }
            }
        }
    }
    let rows = parsed
        .rows
        .iter()
        .zip(is_new)
        .enumerate()
        .map(|(i, (r, is_new))| PreviewRow {
            row: i + 1,
            code: r.code.clone(),
            name: r.name.clone(),
            parent_code: r.parent_code.clone().unwrap_or_default(),
            kind: r.kind.clone(),
            headcount: r.headcount.map(|h| h.to_string()).unwrap_or_default(),
            is_new,
        })
        .collect();
    let problems: Vec<PreviewProblem> = errors
        .iter()
        .map(|e| PreviewProblem {
            row: Some(e.row),
            field: e.field.into(),
            message: lang.unit_problem(&e.problem).into(),
        })
        .collect();
    let status = if problems.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let checked_csv = if problems.is_empty() { Some(rows_csv(&parsed.rows)?) } else { None };
    Ok((status, ImportPreview { rows, problems, checked_csv }))
}

/// The uploaded file's name and bytes, or the message that explains why there is none.
async fn uploaded_file(mut multipart: Multipart, lang: Lang) -> Result<(String, Vec<u8>), String> {
    let s = lang.units();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or_default().to_string();
                let bytes = field.bytes().await.map_err(|_| s.file_too_large.to_string())?;
                if bytes.is_empty() {
                    return Err(s.file_missing.to_string());
                }
                if bytes.len() > MAX_FILE_BYTES {
                    return Err(s.file_too_large.to_string());
                }
                return Ok((name, bytes.to_vec()));
            }
            Ok(Some(_)) => continue,
            Ok(None) => return Err(s.file_missing.to_string()),
            Err(_) => return Err(s.file_too_large.to_string()),
        }
    }
}

async fn preview(
    State(state): State<AppState>,
    SignedIn { user, lang, .. }: SignedIn<Hr>,
    multipart: Multipart,
) -> Response {
    let (name, bytes) = match uploaded_file(multipart, lang).await {
        Ok(file) => file,
        Err(message) => return file_problem(lang, message),
    };
    // An XLSX file is a zip archive: it starts with "PK" whatever the name says.
    let is_xlsx = bytes.starts_with(b"PK") || name.to_ascii_lowercase().ends_with(".xlsx");
    // Unpacking and reading a file is CPU work of up to a few hundred milliseconds: off the async workers.
    let parsed =
        tokio::task::spawn_blocking(move || if is_xlsx { parse_xlsx(&bytes) } else { parse_csv(&bytes) }).await;
    let parsed = match parsed {
        Ok(Ok(parsed)) => parsed,
        Ok(Err(e)) => return file_problem(lang, file_error_message(lang, &e)),
        Err(e) => return refusal(AppError::internal(e), lang),
    };
    match checked_preview(&state, &user, parsed, lang).await {
        Ok((status, preview)) => page(status, lang, preview),
        Err(e) => refusal(e, lang),
    }
}

#[derive(Deserialize)]
struct ApplyForm {
    rows: String,
}

async fn apply(
    State(state): State<AppState>,
    SignedIn { user, lang, .. }: SignedIn<Hr>,
    Form(form): Form<ApplyForm>,
) -> Response {
    let parsed = match parse_csv(form.rows.as_bytes()) {
        Ok(parsed) => parsed,
        Err(e) => return file_problem(lang, file_error_message(lang, &e)),
    };
    if !parsed.errors.is_empty() {
        return match checked_preview(&state, &user, parsed, lang).await {
            Ok((status, preview)) => page(status, lang, preview),
            Err(e) => refusal(e, lang),
        };
    }
    let written =
        unit_reports::upsert(&state.db, &parsed.rows, user.scope_unit_id, Some(user.id), chrono::Utc::now()).await;
    match written {
        Ok(UpsertOutcome::Written { inserted, updated }) => {
            let location = format!("/hr/units?imported={inserted}&updated={updated}");
            (StatusCode::SEE_OTHER, [(LOCATION, location)]).into_response()
        }
        // The tree changed between preview and confirmation: show the preview again, with why.
        Ok(UpsertOutcome::Rejected(_)) => match checked_preview(&state, &user, parsed, lang).await {
            Ok((status, preview)) => page(status, lang, preview),
            Err(e) => refusal(e, lang),
        },
        Err(e) => refusal(e, lang),
    }
}

/// The units of the caller's scope in the import columns, to edit in Excel and upload again.
async fn download(State(state): State<AppState>, SignedIn { user, lang, .. }: SignedIn<Hr>) -> Response {
    let result = async {
        let list = unit_reports::managed(&state.db, user.scope_unit_id).await?;
        let mut writer = crate::server::export::csv::SafeCsv::default();
        writer.row(crate::server::uploads::unit_list::COLUMNS)?;
        for u in list {
            let u = u.unit;
            let headcount = u.headcount.map(|h| h.to_string()).unwrap_or_default();
            let parent = u.parent_code.unwrap_or_default();
            writer.row([u.code, u.name, parent, u.kind, headcount])?;
        }
        writer.into_bytes()
    }
    .await;
    match result {
        Ok(bytes) => respond::download(FileKind::Csv, "units.csv", bytes),
        Err(e) => refusal(e, lang),
    }
}
