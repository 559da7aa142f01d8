//! A workshop's comparison as CSV and XLSX, and the QR codes of its two survey links, for the
//! signed-in trainer (their own workshops), HR (units in scope) and admins.

use crate::domain::comparison::{MeasureComparison, read_measure};
use crate::dto::WorkshopReport;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::http::listed_router::ListedRouter;
use crate::server::http::respond::{self, FileKind};
use crate::server::http::respond::{public_base, refusal};
use crate::server::http::signed_in::{AnyRole, SignedIn};
use crate::server::http::state::AppState;
use crate::server::posters::qr_svg;
use crate::server::reports::workshops;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// Export and QR routes under both areas that show workshops.
pub fn routes() -> ListedRouter {
    use axum::http::Method;
    let mut router = ListedRouter::default();
    for area in ["/trainer", "/hr"] {
        router = router
            .route(&format!("{area}/workshops/{{id}}/comparison.csv"), &[Method::GET], get(comparison_csv))
            .route(&format!("{area}/workshops/{{id}}/comparison.xlsx"), &[Method::GET], get(comparison_xlsx))
            .route(&format!("{area}/workshops/{{id}}/qr/{{file}}"), &[Method::GET], get(wave_qr));
    }
    router
}

/// One line of the export: a measure under one analysis. Suppressed figures are empty.
pub struct ExportRow {
    pub measure: String,
    pub analysis: &'static str,
    pub n_pre: Option<u64>,
    pub n_post: Option<u64>,
    pub n_pairs: Option<u64>,
    pub mean_pre: Option<f64>,
    pub mean_post: Option<f64>,
    pub diff: Option<f64>,
    pub ci: Option<(f64, f64)>,
    pub t: Option<f64>,
    pub df: Option<f64>,
    pub p: Option<f64>,
    pub effect_name: &'static str,
    pub effect: Option<f64>,
    /// The plain-language reading, on the first line of each measure only, as the page shows it.
    pub reading: String,
}

fn measure_rows(name: &str, m: &MeasureComparison, then_test: bool, lang: Lang) -> Vec<ExportRow> {
    let analyses = lang.comparison().analyses;
    let empty = |analysis| ExportRow {
        measure: name.to_string(),
        analysis,
        n_pre: None,
        n_post: None,
        n_pairs: None,
        mean_pre: None,
        mean_post: None,
        diff: None,
        ci: None,
        t: None,
        df: None,
        p: None,
        effect_name: "",
        effect: None,
        reading: String::new(),
    };
    let paired = |analysis, stats: Option<&crate::domain::comparison::PairedStats>| match stats {
        Some(s) => ExportRow {
            n_pairs: Some(s.n),
            mean_pre: Some(s.mean_before),
            mean_post: Some(s.mean_after),
            diff: Some(s.mean_diff),
            ci: s.ci,
            t: s.t,
            df: Some(s.df as f64),
            p: s.p,
            effect_name: "d_z",
            effect: s.dz,
            ..empty(analysis)
        },
        None => empty(analysis),
    };
    let unpaired = match &m.unpaired {
        Some(s) => ExportRow {
            n_pre: Some(s.n_before),
            n_post: Some(s.n_after),
            mean_pre: Some(s.mean_before),
            mean_post: Some(s.mean_after),
            diff: Some(s.diff),
            ci: s.ci,
            t: s.t,
            df: s.df,
            p: s.p,
            effect_name: "g",
            effect: s.g,
            ..empty(analyses[1])
        },
        None => ExportRow { mean_pre: m.mean_pre, mean_post: m.mean_post, ..empty(analyses[1]) },
    };
    let first = ExportRow {
        reading: read_measure(m).map(|r| lang.reading(&r)).unwrap_or_default(),
        ..paired(analyses[0], m.paired.as_ref())
    };
    let mut rows = vec![first, unpaired];
    if then_test {
        rows.push(paired(analyses[2], m.post_minus_then.as_ref()));
        rows.push(paired(analyses[3], m.then_minus_pre.as_ref()));
    }
    rows
}

/// Every export line of a report: the LO index, then each discipline.
pub fn export_rows(report: &WorkshopReport, lang: Lang) -> Vec<ExportRow> {
    let c = &report.comparison;
    let mut rows = measure_rows(lang.comparison().lo_index, &c.lo_index, report.then_test, lang);
    for (d, m) in &c.disciplines {
        rows.extend(measure_rows(lang.discipline(*d), m, report.then_test, lang));
    }
    rows
}

fn number(x: Option<f64>) -> String {
    x.map(|x| format!("{x:.6}")).unwrap_or_default()
}

fn count(x: Option<u64>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

/// The comparison as CSV (UTF-8, comma-separated, `.` as the decimal mark so any tool can read it).
pub fn csv_bytes(report: &WorkshopReport, lang: Lang) -> Result<Vec<u8>, AppError> {
    let mut writer = crate::server::export::csv::SafeCsv::default();
    let mut header: Vec<&str> = lang.comparison().export_headers.to_vec();
    header.push(reading_header(lang));
    writer.row(&header)?;
    for row in export_rows(report, lang) {
        writer.row([
            row.measure.clone(),
            row.analysis.to_string(),
            count(row.n_pre),
            count(row.n_post),
            count(row.n_pairs),
            number(row.mean_pre),
            number(row.mean_post),
            number(row.diff),
            number(row.ci.map(|c| c.0)),
            number(row.ci.map(|c| c.1)),
            number(row.t),
            number(row.df),
            number(row.p),
            row.effect_name.to_string(),
            number(row.effect),
            row.reading,
        ])?;
    }
    writer.into_bytes()
}

fn reading_header(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "artinya",
        Lang::En => "reading",
    }
}

/// The comparison as an XLSX workbook: the workshop and its counts, the comparison lines and the items.
pub fn xlsx_bytes(report: &WorkshopReport, lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let t = lang.comparison();
    let k = report.comparison.min_group_size.to_string();
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let decimals = Format::new().set_num_format("0.00");
    let p_format = Format::new().set_num_format("0.000");
    let wrap = Format::new().set_text_wrap();
    let sheet = workbook.add_worksheet();
    sheet.set_name(t.sheet_comparison)?;
    sheet.write_string_with_format(0, 0, &report.title, &bold)?;
    sheet.write_string(1, 0, format!("{} – {}", lang.date(report.held_from), lang.date(report.held_to)))?;
    let below = crate::i18n::fill(t.below_k, &[("k", &k)]);
    let counts = [
        (t.n_pre, report.comparison.n_pre),
        (t.n_post, report.comparison.n_post),
        (t.n_pairs, report.comparison.n_pairs),
    ];
    for (i, (label, n)) in counts.into_iter().enumerate() {
        let row = 2 + i as u32;
        sheet.write_string(row, 0, label)?;
        match n {
            Some(n) => sheet.write_number(row, 1, n as f64)?,
            None => sheet.write_string(row, 1, &below)?,
        };
    }
    let header_row = 6;
    for (col, head) in t.export_headers.iter().chain([&reading_header(lang)]).enumerate() {
        sheet.write_string_with_format(header_row, col as u16, *head, &bold)?;
    }
    for (i, row) in export_rows(report, lang).iter().enumerate() {
        let r = header_row + 1 + i as u32;
        sheet.write_string(r, 0, &row.measure)?;
        sheet.write_string(r, 1, row.analysis)?;
        let cells = [
            (2, row.n_pre.map(|n| n as f64), None),
            (3, row.n_post.map(|n| n as f64), None),
            (4, row.n_pairs.map(|n| n as f64), None),
            (5, row.mean_pre, Some(&decimals)),
            (6, row.mean_post, Some(&decimals)),
            (7, row.diff, Some(&decimals)),
            (8, row.ci.map(|c| c.0), Some(&decimals)),
            (9, row.ci.map(|c| c.1), Some(&decimals)),
            (10, row.t, Some(&decimals)),
            (11, row.df, Some(&decimals)),
            (12, row.p, Some(&p_format)),
            (14, row.effect, Some(&decimals)),
        ];
        for (col, value, format) in cells {
            match (value, format) {
                (Some(v), Some(f)) => sheet.write_number_with_format(r, col, v, f)?,
                (Some(v), None) => sheet.write_number(r, col, v)?,
                (None, _) => sheet,
            };
        }
        sheet.write_string(r, 13, row.effect_name)?;
        sheet.write_string_with_format(r, 15, &row.reading, &wrap)?;
    }
    sheet.set_freeze_panes(header_row + 1, 1)?;
    sheet.set_column_width(0, 28.0)?;
    sheet.set_column_width(1, 30.0)?;
    sheet.set_column_width(15, 80.0)?;

    let items = workbook.add_worksheet();
    items.set_name(t.sheet_items)?;
    for (col, head) in [t.col_item, t.col_measure, t.col_pre, t.col_post, t.col_change].iter().enumerate() {
        items.write_string_with_format(0, col as u16, *head, &bold)?;
    }
    for (i, item) in report.comparison.items.iter().enumerate() {
        let r = 1 + i as u32;
        items.write_string(r, 0, &item.code)?;
        items.write_string(r, 1, lang.discipline(item.discipline))?;
        for (col, value) in [(2, item.mean_pre), (3, item.mean_post), (4, item.diff())] {
            match value {
                Some(v) => items.write_number_with_format(r, col, v, &decimals)?,
                None => items.write_string(r, col, &below)?,
            };
        }
    }
    items.set_column_width(1, 24.0)?;
    workbook.save_to_buffer()
}

/// File name of an export: `perbandingan-pelatihan-7.xlsx` / `workshop-7-comparison.xlsx`.
fn file_name(id: i32, lang: Lang, ext: &str) -> String {
    match lang {
        Lang::Id => format!("perbandingan-pelatihan-{id}.{ext}"),
        Lang::En => format!("workshop-{id}-comparison.{ext}"),
    }
}

/// A CSV or XLSX download of `report`. Aggregates only, but still private: no shared cache keeps it.
pub fn download(report: &WorkshopReport, lang: Lang, ext: &str) -> Result<Response, AppError> {
    let (kind, bytes) = match ext {
        "csv" => (FileKind::Csv, csv_bytes(report, lang)?),
        _ => (FileKind::Xlsx, xlsx_bytes(report, lang).map_err(AppError::internal)?),
    };
    Ok(respond::download(kind, &file_name(report.id, lang, ext), bytes))
}

async fn export(state: AppState, who: SignedIn<AnyRole>, id: i32, ext: &str) -> Response {
    let report = workshops::report(&state.db, &who.user, id, chrono::Utc::now().date_naive()).await;
    match report.and_then(|report| download(&report, who.lang, ext)) {
        Ok(response) => response,
        Err(e) => refusal(e, who.lang),
    }
}

/// `GET /trainer/workshops/{id}/comparison.csv`.
async fn comparison_csv(State(state): State<AppState>, Path(id): Path<i32>, who: SignedIn<AnyRole>) -> Response {
    export(state, who, id, "csv").await
}

/// `GET /trainer/workshops/{id}/comparison.xlsx`.
async fn comparison_xlsx(State(state): State<AppState>, Path(id): Path<i32>, who: SignedIn<AnyRole>) -> Response {
    export(state, who, id, "xlsx").await
}

/// `GET /trainer/workshops/{id}/qr/{pre|post}.svg`: the QR code of a wave's full survey link.
async fn wave_qr(
    State(state): State<AppState>,
    Path((id, file)): Path<(i32, String)>,
    SignedIn { user, lang, .. }: SignedIn<AnyRole>,
    headers: HeaderMap,
) -> Response {
    let result = async {
        let (_, pre, post) = workshops::find_for(&state.db, &user, id).await?;
        let wave = match file.as_str() {
            "pre.svg" => pre,
            "post.svg" => post,
            _ => return Err(AppError::NotFound),
        };
        qr_svg(&format!("{}/s/{}", public_base(&state, &headers), wave.slug))
    }
    .await;
    match result {
        Ok(svg) => ([(CONTENT_TYPE, "image/svg+xml"), (CACHE_CONTROL, "private, max-age=3600")], svg).into_response(),
        Err(e) => refusal(e, lang),
    }
}
