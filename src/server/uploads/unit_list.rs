//! Reading unit lists from CSV or XLSX with the columns code,name,parent_code,kind,headcount.
//! Shape problems (a headcount that is not a number) become row errors like any other.

use crate::domain::unit_tree::{MAX_UNITS, RowError, UnitProblem, UnitRow};
use crate::dto::UnitDto;
use crate::server::uploads::table::{is_blank, read_csv, read_xlsx};

/// Columns every unit file must have, in any order.
pub const COLUMNS: [&str; 5] = ["code", "name", "parent_code", "kind", "headcount"];

/// Why a file could not be read as a unit list at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FileError {
    #[error("missing column(s): {0}; expected code,name,parent_code,kind,headcount")]
    MissingColumns(String),
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    #[error("the file is larger than an import may be (20,000 units, 50 columns, 32 MB unpacked)")]
    Oversized,
}

/// Rows read from a file, plus the rows whose cells could not be read.
pub struct ParsedRows {
    pub rows: Vec<UnitRow>,
    pub errors: Vec<RowError>,
}

fn row_from_cells(index: usize, cells: &[String], columns: &[usize; 5], errors: &mut Vec<RowError>) -> UnitRow {
    let cell = |c: usize| cells.get(columns[c]).map(|s| s.trim().to_string()).unwrap_or_default();
    let optional = |s: String| (!s.is_empty()).then_some(s);
    let headcount_text = cell(4);
    let headcount = if headcount_text.is_empty() {
        None
    } else {
        match headcount_text.parse::<f64>() {
            Ok(h) if h.fract() == 0.0 && h.is_finite() => Some(h as i64),
            _ => {
                errors.push(RowError { row: index + 1, field: "headcount", problem: UnitProblem::HeadcountInvalid });
                None
            }
        }
    };
    UnitRow { code: cell(0), name: cell(1), parent_code: optional(cell(2)), kind: cell(3).to_lowercase(), headcount }
}

fn column_positions(header: &[String]) -> Result<[usize; 5], FileError> {
    let mut positions = [0usize; 5];
    let mut missing = Vec::new();
    for (i, name) in COLUMNS.iter().enumerate() {
        match header.iter().position(|h| h.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case(name)) {
            Some(p) => positions[i] = p,
            None => missing.push(*name),
        }
    }
    if missing.is_empty() { Ok(positions) } else { Err(FileError::MissingColumns(missing.join(","))) }
}

/// Reads a CSV file (comma or semicolon separated, as Indonesian Excel writes it).
pub fn parse_csv(bytes: &[u8]) -> Result<ParsedRows, FileError> {
    let text = std::str::from_utf8(bytes).map_err(|e| FileError::Unreadable(e.to_string()))?;
    let table = read_csv(text).map_err(FileError::Unreadable)?;
    let columns = column_positions(&table.header)?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, cells) in table.rows.iter().enumerate().filter(|(_, cells)| !is_blank(cells)) {
        rows.push(row_from_cells(i, cells, &columns, &mut errors));
    }
    Ok(ParsedRows { rows, errors })
}

/// Rows read from an XLSX sheet at most: every unit the tree may hold, a header and some blank rows.
const MAX_SHEET_ROWS: u32 = MAX_UNITS as u32 + 1_000;

/// Reads the first sheet of an XLSX workbook, within the bounds of [`crate::server::uploads::xlsx`].
pub fn parse_xlsx(bytes: &[u8]) -> Result<ParsedRows, FileError> {
    use crate::server::uploads::xlsx::UploadError;
    let table = read_xlsx(bytes, MAX_SHEET_ROWS).map_err(|e| match e {
        UploadError::Unreadable(why) => FileError::Unreadable(why),
        UploadError::TooLarge
        | UploadError::TooManyRows(_)
        | UploadError::TooManyColumns
        | UploadError::TooManyCells(_) => FileError::Oversized,
    })?;
    let columns = column_positions(&table.header)?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, cells) in table.rows.iter().filter(|cells| !is_blank(cells)).enumerate() {
        rows.push(row_from_cells(i, cells, &columns, &mut errors));
    }
    Ok(ParsedRows { rows, errors })
}

/// JSON rows of the REST API as domain rows.
pub fn rows_from_dtos(dtos: Vec<UnitDto>) -> Vec<UnitRow> {
    dtos.into_iter()
        .map(|d| UnitRow {
            code: d.code.trim().to_string(),
            name: d.name,
            parent_code: d.parent_code.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()),
            kind: d.kind.trim().to_lowercase(),
            headcount: d.headcount,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        /// Any bytes, or a header followed by rows of hostile cells: an answer, never a panic.
        #[test]
        fn the_parsers_survive_any_file(
            bytes in prop::collection::vec(any::<u8>(), 0..600),
            cells in prop::collection::vec("\\PC{0,12}|[;,\"\\n\\r]{1,3}|-?[0-9]{1,25}", 0..40),
        ) {
            let _ = parse_csv(&bytes);
            let mut zip_like = b"PK\x03\x04".to_vec();
            zip_like.extend_from_slice(&bytes);
            let _ = parse_xlsx(&zip_like);
            let text = format!("code,name,parent_code,kind,headcount\n{}", cells.join(","));
            let _ = parse_csv(text.as_bytes());
        }
    }

    #[test]
    fn csv_with_semicolons_and_a_bad_headcount_reports_the_row() {
        let parsed = parse_csv(
            b"code;name;parent_code;kind;headcount\nKAB;Kabupaten;;pemda;\nDINKES;Dinas Kesehatan;KAB;OPD;abc\n",
        )
        .unwrap();
        assert_eq!(parsed.rows.len(), 2);
        assert_eq!(parsed.rows[1].kind, "opd");
        assert_eq!(parsed.rows[0].parent_code, None);
        assert_eq!(
            parsed.errors,
            vec![RowError { row: 2, field: "headcount", problem: UnitProblem::HeadcountInvalid }]
        );
    }

    #[test]
    fn a_file_without_the_columns_is_refused_whole() {
        assert_eq!(
            parse_csv(b"kode,nama\nA,B\n").err(),
            Some(FileError::MissingColumns("code,name,parent_code,kind,headcount".into()))
        );
    }
}
