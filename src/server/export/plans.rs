//! Every action plan of the caller's scope as one XLSX sheet, narrowed by the list's filters, for
//! the HR officer who reports plans to the Sekda in Excel.

use crate::domain::Discipline;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::http::listed_router::ListedRouter;
use crate::server::http::respond::refusal;
use crate::server::http::respond::{FileKind, download};
use crate::server::http::signed_in::{Hr, SignedIn};
use crate::server::http::state::AppState;
use crate::server::reports::plans::{PlanExportRow, PlanFilter};
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use std::collections::HashMap;

/// `GET /hr/plans/plans.xlsx[?opd=&status=&focus=&overdue=1]`.
pub fn routes() -> ListedRouter {
    ListedRouter::default().route("/hr/plans/plans.xlsx", &[axum::http::Method::GET], get(export))
}

/// One row per plan with its GROW fields and its dated progress notes in one cell.
pub fn xlsx_bytes(plans: &[PlanExportRow], lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};
    let p = lang.plans();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(p.list_title)?;
    for (col, head) in p.xlsx_headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *head, &bold)?;
    }
    for (i, PlanExportRow { summary, plan, notes }) in plans.iter().enumerate() {
        let r = 1 + i as u32;
        let focus = Discipline::parse(&summary.focus).map(|d| lang.discipline(d)).unwrap_or_default();
        let text_cells = [
            summary.unit.clone(),
            summary.unit_name.clone(),
            summary.opd.clone(),
            summary.wave_title.clone(),
            focus.to_string(),
            lang.plan_status(summary.status).to_string(),
            if summary.overdue { p.overdue.to_string() } else { String::new() },
            summary.due_on.map(|d| d.to_string()).unwrap_or_default(),
            plan.owner_name.clone().unwrap_or_default(),
            plan.goal.clone(),
            plan.reality.clone(),
            plan.options.clone(),
            plan.way_forward.clone(),
            plan.created_at.date_naive().to_string(),
            notes.join("\n"),
        ];
        sheet.write_number(r, 0, f64::from(summary.id))?;
        for (col, text) in text_cells.iter().enumerate() {
            // rust_xlsxwriter stores text as text, so a goal starting with "=" is never a formula.
            sheet.write_string_with_format(r, 1 + col as u16, text, &wrap)?;
        }
    }
    sheet.set_freeze_panes(1, 3)?;
    for (col, width) in [6.0, 14.0, 30.0, 12.0, 30.0, 18.0, 14.0, 10.0, 12.0, 24.0, 48.0, 48.0, 48.0, 48.0, 12.0, 48.0]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.autofilter(0, 0, plans.len() as u32, 15)?;
    workbook.save_to_buffer()
}

async fn export(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    SignedIn { user, lang, .. }: SignedIn<Hr>,
) -> Response {
    let result = async {
        let now = chrono::Utc::now();
        let filter = PlanFilter {
            opd: query.get("opd").cloned(),
            status: query.get("status").cloned(),
            focus: query.get("focus").cloned(),
            overdue: query.get("overdue").is_some_and(|v| v == "1"),
        };
        let plans = crate::server::reports::plans::export_rows(&state.db, &user, &filter, now.date_naive()).await?;
        xlsx_bytes(&plans, lang).map_err(AppError::internal)
    }
    .await;
    let file_name = match lang {
        Lang::Id => "rencana-aksi.xlsx",
        Lang::En => "action-plans.xlsx",
    };
    match result {
        Ok(bytes) => download(FileKind::Xlsx, file_name, bytes),
        Err(e) => refusal(e, lang),
    }
}
