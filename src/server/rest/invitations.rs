//! `POST /api/v1/waves/{id}/invitations`: personal survey links for a token wave. HR sends a list of
//! people (name, optional e-mail and phone, unit) and gets the links back once, as JSON, CSV, XLSX or a
//! printable sheet. The database keeps only a hash of each token and whether it was used: never the
//! name, the contact or which unit it was for, so a response can never be traced back to a person.

use super::{ApiCaller, ApiError, ApiErrorBody, wave_in_scope};
use crate::domain::survey::WaveAccess;
use crate::domain::text::has_forbidden_control;
use crate::dto::ErrorDetail;
use crate::error::AppError;
use crate::i18n::{Lang, fill};
use crate::server::auth::{AuthUser, hash_secret, new_secret};
use crate::server::entities::{invitation, wave};
use crate::server::http::respond::public_base;
use crate::server::http::respond::{FileKind, download, html_no_store};
use crate::server::http::state::AppState;
use crate::server::uploads::table::{Table, is_blank, read_csv, read_xlsx};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use sea_orm::{ConnectionTrait, EntityTrait, Set, TransactionSession, TransactionTrait};
use serde::{Deserialize, Serialize};

/// Most people per request: a large OPD.
pub const MAX_PEOPLE: usize = 5_000;
const MAX_NAME_CHARS: usize = 200;
const MAX_CONTACT_CHARS: usize = 200;

/// A person to invite.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct Invitee {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Code of the person's unit; the link pre-selects it.
    pub unit: String,
}

/// A person with their personal link, returned once and never stored.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InvitationLink {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub unit: String,
    pub link: String,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct InvitationQuery {
    /// `json` (default), `csv`, `xlsx`, or `html` (a printable sheet).
    format: Option<String>,
}

fn read_people(headers: &HeaderMap, body: &[u8]) -> Result<Vec<Invitee>, String> {
    let is_csv = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/csv"));
    if !is_csv {
        return serde_json::from_slice(body).map_err(|e| e.to_string());
    }
    people_from_csv(std::str::from_utf8(body).map_err(|e| e.to_string())?)
}

/// People from CSV text with the header name,email,phone,unit (comma or semicolon, any column order).
pub fn people_from_csv(text: &str) -> Result<Vec<Invitee>, String> {
    people_from_table(read_csv(text)?)
}

/// People from the first sheet of an XLSX workbook with the same columns as the CSV.
pub fn people_from_xlsx(bytes: &[u8]) -> Result<Vec<Invitee>, String> {
    // A header, every person one request may invite, and some blank rows.
    let max_rows = u32::try_from(MAX_PEOPLE).unwrap_or(u32::MAX).saturating_add(100);
    people_from_table(read_xlsx(bytes, max_rows).map_err(|e| e.to_string())?)
}

fn people_from_table(Table { header, rows: records }: Table) -> Result<Vec<Invitee>, String> {
    let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(name), Some(unit)) = (column("name"), column("unit")) else {
        return Err("columns: name,email,phone,unit".into());
    };
    let (email, phone) = (column("email"), column("phone"));
    Ok(records
        .into_iter()
        .filter(|record| !is_blank(record))
        .map(|record| {
            let cell = |i: Option<usize>| {
                i.and_then(|i| record.get(i)).map(|c| c.trim().to_string()).filter(|c| !c.is_empty())
            };
            Invitee {
                name: cell(Some(name)).unwrap_or_default(),
                email: cell(email),
                phone: cell(phone),
                unit: cell(Some(unit)).unwrap_or_default(),
            }
        })
        .collect())
}

fn csv_bytes(links: &[InvitationLink]) -> Result<Vec<u8>, AppError> {
    let mut writer = crate::server::export::csv::SafeCsv::default();
    writer.row(["name", "email", "phone", "unit", "link"])?;
    for l in links {
        let (email, phone) = (l.email.as_deref().unwrap_or_default(), l.phone.as_deref().unwrap_or_default());
        writer.row([l.name.as_str(), email, phone, l.unit.as_str(), l.link.as_str()])?;
    }
    writer.into_bytes()
}

fn xlsx_bytes(links: &[InvitationLink], title: &str) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Undangan")?;
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, title, &bold)?;
    for (col, head) in ["Nama", "E-mail", "Telepon", "Unit", "Tautan pribadi"].iter().enumerate() {
        sheet.write_string_with_format(1, col as u16, *head, &bold)?;
    }
    for (i, l) in links.iter().enumerate() {
        let row = i as u32 + 2;
        sheet.write_string(row, 0, &l.name)?;
        sheet.write_string(row, 1, l.email.as_deref().unwrap_or(""))?;
        sheet.write_string(row, 2, l.phone.as_deref().unwrap_or(""))?;
        sheet.write_string(row, 3, &l.unit)?;
        sheet.write_url(row, 4, l.link.as_str())?;
    }
    sheet.set_freeze_panes(2, 0)?;
    for (col, width) in [(0, 30.0), (1, 28.0), (2, 16.0), (3, 14.0), (4, 70.0)] {
        sheet.set_column_width(col, width)?;
    }
    workbook.save_to_buffer()
}

fn sheet_html(links: &[InvitationLink], title: &str, lang: crate::i18n::Lang) -> String {
    use leptos::prelude::*;
    let t = lang.t();
    let rows: Vec<_> = links
        .iter()
        .map(|l| {
            view! {
                <tr>
                    <td>{l.name.clone()}</td>
                    <td>{l.unit.clone()}</td>
                    <td class="mono">{l.link.clone()}</td>
                </tr>
            }
        })
        .collect();
    let title = title.to_string();
    let page = view! {
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <title>{title.clone()}</title>
                <link rel="stylesheet" href=crate::server::http::assets::STYLESHEET.href() />
            </head>
            <body class="sheet">
                <main class="container">
                    <h1>{title}</h1>
                    <p>{t.invitations_sheet_lead}</p>
                    <table class="invitation-sheet">
                        <thead>
                            <tr>
                                <th scope="col">{t.invitations_col_name}</th>
                                <th scope="col">{t.invitations_col_unit}</th>
                                <th scope="col">{t.invitations_col_link}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </main>
            </body>
        </html>
    };
    format!("<!DOCTYPE html>{}", page.to_html())
}

/// Creates one personal link per person of a token wave (HR and admin, units within their scope).
/// All or nothing; the links are shown once, in the requested format.
#[utoipa::path(post, path = "/api/v1/waves/{id}/invitations", params(("id" = i32, Path), InvitationQuery),
    request_body(content = Vec<Invitee>, description = "JSON list, or text/csv with the header name,email,phone,unit"),
    responses((status = 200, body = Vec<InvitationLink>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn create_invitations(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i32>,
    Query(query): Query<InvitationQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    // Scope and the wave's access first, so a caller outside it learns nothing from the checks of the
    // body, and nobody makes the server read a file for a wave that takes no invitations.
    wave_in_scope(&state, &caller, id).await?;
    let t = caller.lang.t();
    let fail = |e| caller.fail(e);
    invitable_wave(&state.db, &caller.user, id, caller.lang).await.map_err(fail)?;
    let format = query.format.unwrap_or_else(|| "json".into());
    if !matches!(format.as_str(), "json" | "csv" | "xlsx" | "html") {
        return Err(fail(AppError::invalid("format: json | csv | xlsx | html")));
    }
    let people =
        read_people(&headers, &body).map_err(|e| fail(AppError::invalid(format!("{}: {e}", t.err_bad_body))))?;
    let base = public_base(&state, &headers);
    let (wave, links) = issue(&state.db, &caller.user, id, people, &base, caller.lang).await.map_err(fail)?;
    links_response(&format, &wave, links, caller.lang).map_err(fail)
}

/// The wave `id` when `user` may invite people to it: within their scope and answered only through
/// personal invitations.
pub async fn invitable_wave(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    id: i32,
    lang: Lang,
) -> Result<wave::Model, AppError> {
    let (wave, ..) = crate::server::reports::scope::wave_in_scope(db, id, user.scope_unit_id).await?;
    if wave.access != WaveAccess::Token {
        return Err(AppError::invalid(lang.t().invitations_open_wave));
    }
    Ok(wave)
}

/// Checks every person (name, contacts, an active unit of the wave within the caller's scope) and
/// stores one hashed single-use token per person with the audit entry, all or nothing. Returns the
/// wave and the links, which exist only in this answer.
pub async fn issue<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &AuthUser,
    id: i32,
    people: Vec<Invitee>,
    base: &str,
    lang: Lang,
) -> Result<(wave::Model, Vec<InvitationLink>), AppError> {
    let (wave, all, in_wave, start) = crate::server::reports::scope::wave_in_scope(db, id, user.scope_unit_id).await?;
    let t = lang.t();
    if wave.access != WaveAccess::Token {
        return Err(AppError::invalid(t.invitations_open_wave));
    }
    if people.is_empty() {
        return Err(AppError::invalid(t.invitations_nobody));
    }
    if people.len() > MAX_PEOPLE {
        return Err(AppError::invalid(fill(t.bulk_too_many, &[("max", &MAX_PEOPLE.to_string())])));
    }
    let allowed = crate::server::entities::unit::tree(&all).subtree(Some(start));
    let mut details = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let mut problem = |field: &str, message: &str| {
            details.push(ErrorDetail { row: Some(i + 1), field: field.into(), message: message.into() });
        };
        let name = p.name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
            problem("name", t.invitations_name_invalid);
        } else if has_forbidden_control(name, false) {
            problem("name", t.text_control_characters);
        }
        let too_long = |c: &Option<String>| c.as_ref().is_some_and(|c| c.chars().count() > MAX_CONTACT_CHARS);
        let control = |c: &Option<String>| c.as_ref().is_some_and(|c| has_forbidden_control(c, false));
        if too_long(&p.email) || too_long(&p.phone) {
            problem("email", t.invitations_contact_too_long);
        } else if control(&p.email) || control(&p.phone) {
            problem("email", t.text_control_characters);
        }
        let known = all
            .iter()
            .any(|u| u.code == p.unit.trim() && u.active && in_wave.contains(&u.id) && allowed.contains(&u.id));
        if !known {
            problem("unit", t.bulk_unit_unknown);
        }
    }
    if !details.is_empty() {
        return Err(AppError::Invalid { message: t.err_invalid.into(), details });
    }

    let now = chrono::Utc::now();
    let mut links = Vec::with_capacity(people.len());
    let mut rows = Vec::with_capacity(people.len());
    for p in people {
        // 22 base64url characters: 132 random bits, short enough for a WhatsApp message.
        let token: String = new_secret().chars().take(22).collect();
        rows.push(invitation::ActiveModel {
            wave_id: Set(wave.id),
            token_hash: Set(hash_secret(&token)),
            used: Set(false),
            created_at: Set(now),
            ..Default::default()
        });
        let query = serde_urlencoded::to_string([("t", token.as_str()), ("u", p.unit.trim())]).unwrap_or_default();
        links.push(InvitationLink {
            link: format!("{base}/s/{}?{query}", wave.slug),
            name: p.name.trim().to_string(),
            email: p.email,
            phone: p.phone,
            unit: p.unit.trim().to_string(),
        });
    }
    let txn = db.begin().await?;
    for chunk in rows.chunks(500) {
        invitation::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    let what = format!("wave {}: {} invitations", wave.id, links.len());
    crate::server::repo::audit::record(&txn, now, Some(user.id), "invitations.create", &what).await?;
    txn.commit().await?;
    Ok((wave, links))
}

/// The links as `json`, `csv`, `xlsx` or `html` (a printable sheet), never kept by a cache.
pub fn links_response(
    format: &str,
    wave: &wave::Model,
    links: Vec<InvitationLink>,
    lang: Lang,
) -> Result<Response, AppError> {
    let t = lang.t();
    let title = format!("{}: {}", t.invitations_title, wave.title);
    let file = format!("undangan-wave-{}", wave.id);
    // The links are secrets: no cache may keep a copy.
    let no_store = (CACHE_CONTROL, "no-store".to_string());
    Ok(match format {
        "csv" => download(FileKind::Csv, &format!("{file}.csv"), csv_bytes(&links)?),
        "xlsx" => {
            download(FileKind::Xlsx, &format!("{file}.xlsx"), xlsx_bytes(&links, &title).map_err(AppError::internal)?)
        }
        "html" => html_no_store(axum::http::StatusCode::OK, sheet_html(&links, &title, lang)),
        _ => ([no_store], axum::Json(links)).into_response(),
    })
}
