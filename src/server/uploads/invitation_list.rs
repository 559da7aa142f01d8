//! Lists of people to invite, as HR sends them: JSON, or CSV/XLSX with the columns
//! name,email,phone,unit in any order.

use crate::server::reports::invitations::{Invitee, MAX_PEOPLE};
use crate::server::uploads::table::{Table, is_blank, read_csv, read_xlsx};
use axum::http::HeaderMap;
use axum::http::header::CONTENT_TYPE;

/// The people of a REST request body: `text/csv`, or a JSON list.
pub fn read_people(headers: &HeaderMap, body: &[u8]) -> Result<Vec<Invitee>, String> {
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
