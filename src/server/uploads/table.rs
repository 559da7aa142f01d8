//! One way to read a table that people upload: CSV (comma or semicolon separated, as Excel in an
//! Indonesian locale writes it, with or without a byte-order mark) or the first sheet of an XLSX
//! workbook within the bounds of [`super::xlsx`]. Every importer reads through here.

use super::xlsx::{UploadError, first_sheet_rows};

/// The header row and every row below it as text cells; blank rows are kept, so row numbers in
/// messages match the file's.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Reads CSV text; `Err` says why the file is not CSV at all.
pub fn read_csv(text: &str) -> Result<Table, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| e.to_string())?.iter().map(String::from).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        rows.push(record.map_err(|e| e.to_string())?.iter().map(String::from).collect());
    }
    Ok(Table { header, rows })
}

/// Reads the first sheet of an XLSX workbook, `max_rows` rows at most; an empty sheet is an empty table.
pub fn read_xlsx(bytes: &[u8], max_rows: u32) -> Result<Table, UploadError> {
    let mut lines = first_sheet_rows(bytes, max_rows)?.into_iter();
    let header = lines.next().unwrap_or_default();
    Ok(Table { header, rows: lines.collect() })
}

/// Whether a row holds nothing but blanks.
pub fn is_blank(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_commas_and_a_byte_order_mark_read_alike() {
        let expected = Table {
            header: vec!["name".into(), "unit".into()],
            rows: vec![vec!["Siti".into(), "DINKES".into()], vec!["".into()], vec!["Budi; Jr".into(), "X".into()]],
        };
        assert_eq!(read_csv("name,unit\nSiti,DINKES\n\"\"\n\"Budi; Jr\",X\n").unwrap(), expected);
        assert_eq!(read_csv("\u{feff}name;unit\nSiti;DINKES\n\"\"\n\"Budi; Jr\";X\n").unwrap(), expected);
        assert!(is_blank(&expected.rows[1]) && !is_blank(&expected.rows[0]));
    }

    #[test]
    fn an_empty_file_is_an_empty_table() {
        assert_eq!(read_csv("").unwrap(), Table::default());
    }
}
