//! A wave's heatmap as CSV and XLSX for the signed-in HR user or admin, built from the same
//! [`wave_views`](crate::server::reports::heatmap::wave_views) as the page, so an export never shows
//! what the screen hides.

use crate::display::heat_cells::{HeatMode, mode_figure, shown_cell};
use crate::domain::WaveId;
use crate::domain::heatmap_views::{CategoryBands, lo_index_on_scale};
use crate::dto::HeatmapViewsDto;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::http::listed_router::ListedRouter;
use crate::server::http::respond::refusal;
use crate::server::http::respond::{FileKind, download};
use crate::server::http::signed_in::{Hr, SignedIn};
use crate::server::http::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;

/// `GET /hr/waves/{id}/heatmap.csv` and `.xlsx`.
pub fn routes() -> ListedRouter {
    use axum::http::Method;
    ListedRouter::default()
        .route("/hr/waves/{id}/heatmap.csv", &[Method::GET], get(|s, p, who| export(s, p, who, "csv")))
        .route("/hr/waves/{id}/heatmap.xlsx", &[Method::GET], get(|s, p, who| export(s, p, who, "xlsx")))
}

/// Machine-readable names of the six figures, for CSV headers.
const FIGURE_KEYS: [&str; 6] =
    ["lo_index", "personal_mastery", "mental_models", "shared_vision", "team_learning", "systems_thinking"];

fn number(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.4}")).unwrap_or_default()
}

/// One line per unit: its place in the tree, n and response rate, then each figure absolute, as a
/// category, as a difference from the organisation and as a change. Hidden figures are empty.
pub fn csv_bytes(views: &HeatmapViewsDto, lang: Lang) -> Result<Vec<u8>, AppError> {
    let h = lang.hr();
    let bands = CategoryBands::parse_or_standard(&views.category_bands);
    let mut writer = crate::server::export::csv::SafeCsv::default();
    let mut header: Vec<String> = h.csv_headers.iter().map(|s| s.to_string()).collect();
    for suffix in ["", h.csv_band_suffix, h.csv_difference_suffix, h.csv_change_suffix] {
        header.extend(
            FIGURE_KEYS.iter().map(|k| if suffix.is_empty() { k.to_string() } else { format!("{k}_{suffix}") }),
        );
    }
    writer.row(&header)?;
    for (i, row) in views.heatmap.rows.iter().enumerate() {
        let mut record = vec![
            row.unit.clone(),
            row.name.clone(),
            row.parent.clone().unwrap_or_default(),
            row.depth.to_string(),
            row.n.map(|n| n.to_string()).unwrap_or_default(),
            number(row.response_rate),
        ];
        let absolute: Vec<Option<f64>> = (0..6).map(|f| mode_figure(HeatMode::Absolute, views, i, f)).collect();
        record.extend(absolute.iter().map(|v| number(*v)));
        record.extend(absolute.iter().enumerate().map(|(f, v)| {
            v.map(|v| bands.band_of(if f == 0 { lo_index_on_scale(v) } else { v }).label.clone()).unwrap_or_default()
        }));
        for mode in [HeatMode::Difference, HeatMode::Change] {
            record.extend((0..6).map(|f| number(mode_figure(mode, views, i, f))));
        }
        writer.row(&record)?;
    }
    writer.into_bytes()
}

/// A workbook with a sheet per view, each with the wave in the title rows, a frozen header, the
/// unit tree indented and every cell coloured as on the page with its number in it.
pub fn xlsx_bytes(views: &HeatmapViewsDto, lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook};
    let h = lang.hr();
    let bands = CategoryBands::parse_or_standard(&views.category_bands);
    let below = format!("< {}", views.heatmap.min_group_size);
    let titles = lang.measure_names();
    let bold = Format::new().set_bold();
    let mut workbook = Workbook::new();
    for mode in HeatMode::ALL {
        let sheet = workbook.add_worksheet();
        sheet.set_name(h.modes[mode.index()])?;
        sheet.write_string_with_format(0, 0, &views.heatmap.wave.title, &bold)?;
        let subtitle = format!(
            "{} · {} – {} · {}",
            views.organisation_name,
            views.heatmap.wave.opens_on,
            views.heatmap.wave.closes_on,
            h.modes[mode.index()]
        );
        sheet.write_string(1, 0, subtitle)?;
        let header_row = 3;
        let heads = [h.col_unit, "", h.col_n, h.col_rate].into_iter().chain(titles);
        for (col, head) in heads.enumerate() {
            sheet.write_string_with_format(header_row, col as u16, head, &bold)?;
        }
        for (i, row) in views.heatmap.rows.iter().enumerate() {
            let r = header_row + 1 + i as u32;
            let indent = u8::try_from(row.depth).unwrap_or(u8::MAX).min(15);
            sheet.write_string_with_format(r, 0, &row.name, &Format::new().set_indent(indent))?;
            sheet.write_string(r, 1, &row.unit)?;
            if !row.reportable {
                for col in 2..10 {
                    sheet.write_string_with_format(r, col, &below, &Format::new().set_align(FormatAlign::Right))?;
                }
                continue;
            }
            if let Some(n) = row.n {
                sheet.write_number(r, 2, n as f64)?;
            }
            if let Some(rate) = row.response_rate {
                sheet.write_number_with_format(r, 3, rate, &Format::new().set_num_format("0%"))?;
            }
            for figure in 0..6 {
                let col = 4 + figure as u16;
                let Some(value) = mode_figure(mode, views, i, figure) else { continue };
                let cell = shown_cell(mode, value, figure, &bands, lang);
                let colour = |hex: &str| Color::RGB(u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0));
                let format = Format::new()
                    .set_background_color(colour(&cell.background))
                    .set_font_color(colour(cell.colour))
                    .set_num_format(match (mode, figure) {
                        (HeatMode::Absolute, 0) => "0.0",
                        (HeatMode::Absolute, _) => "0.00",
                        (_, 0) => "+0.0;-0.0;0.0",
                        _ => "+0.00;-0.00;0.00",
                    });
                match mode {
                    // The category sheet names the band next to the number, as the page does.
                    HeatMode::Band => sheet.write_string_with_format(r, col, &cell.text, &format)?,
                    _ => sheet.write_number_with_format(r, col, value, &format)?,
                };
            }
        }
        sheet.set_freeze_panes(header_row + 1, 1)?;
        sheet.set_column_width(0, 40.0)?;
        sheet.set_column_width(1, 12.0)?;
        for col in 4..10 {
            sheet.set_column_width(col, 16.0)?;
        }
    }
    workbook.save_to_buffer()
}

fn file_name(id: WaveId, lang: Lang, ext: &str) -> String {
    match lang {
        Lang::Id => format!("peta-panas-gelombang-{id}.{ext}"),
        Lang::En => format!("heatmap-wave-{id}.{ext}"),
    }
}

async fn export(
    State(state): State<AppState>,
    Path(id): Path<WaveId>,
    SignedIn { user, lang, .. }: SignedIn<Hr>,
    ext: &'static str,
) -> Response {
    let result = async {
        let views = crate::server::reports::heatmap::wave_views(&state.db, id, user.scope_unit_id).await?;
        let (kind, bytes) = match ext {
            "csv" => (FileKind::Csv, csv_bytes(&views, lang)?),
            _ => (FileKind::Xlsx, xlsx_bytes(&views, lang).map_err(AppError::internal)?),
        };
        Ok::<_, AppError>((kind, bytes))
    }
    .await;
    match result {
        Ok((kind, bytes)) => download(kind, &file_name(id, lang, ext), bytes),
        Err(e) => refusal(e, lang),
    }
}
