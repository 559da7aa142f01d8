//! The personal links of an invitation request, shown once: JSON, CSV, XLSX or a printable sheet,
//! never kept by a cache.

use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::entities::wave;
use crate::server::http::respond::{FileKind, download, html_no_store};
use crate::server::reports::invitations::InvitationLink;
use axum::http::header::CACHE_CONTROL;
use axum::response::{IntoResponse, Response};

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
