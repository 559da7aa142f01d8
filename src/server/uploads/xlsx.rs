//! The first sheet of an uploaded XLSX workbook, read within fixed bounds. An XLSX file is a zip
//! archive: 1.2 MB of it once unpacked to gigabytes in memory (a zip bomb), and a sheet that names one
//! cell at A1 and one at XFD1048576 makes a spreadsheet library allocate every cell in between. So the
//! archive is unpacked once into nowhere, counting, before anything keeps it; then the sheet is read
//! cell by cell, and a cell beyond the row or column bound stops the reading.

use std::io::{Read, Seek};

/// Bytes the whole archive may unpack to. A sheet of 20,000 units with five columns is about 3 MB
/// of XML with its shared strings; this leaves room for formatting and stays far below any memory worry.
pub const MAX_UNPACKED_BYTES: u64 = 32 * 1024 * 1024;
/// Files in the archive: a workbook has about a dozen.
const MAX_ENTRIES: usize = 500;
/// Columns read: every list Mawas takes has at most a handful.
pub const MAX_COLUMNS: u32 = 50;

/// Why the file was not read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UploadError {
    #[error("not a readable XLSX workbook: {0}")]
    Unreadable(String),
    #[error("the workbook unpacks to more than {} MB", MAX_UNPACKED_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("the sheet has more than {0} rows")]
    TooManyRows(u32),
    #[error("the sheet uses more than {MAX_COLUMNS} columns")]
    TooManyColumns,
    #[error("the sheet has more than {0} cells")]
    TooManyCells(usize),
}

/// Cells kept per row allowed on average: the lists have a handful of columns.
const CELLS_PER_ROW: usize = 10;

/// The rows of the first sheet as text, from its first used row and column, with at most `max_rows`
/// rows (a header included).
pub fn first_sheet_rows(bytes: &[u8], max_rows: u32) -> Result<Vec<Vec<String>>, UploadError> {
    check_unpacked_size(std::io::Cursor::new(bytes))?;
    read_cells(std::io::Cursor::new(bytes), max_rows)
}

/// Unpacks every entry into nowhere and fails as soon as the total passes [`MAX_UNPACKED_BYTES`]:
/// the sizes an archive declares may lie, the bytes that come out do not.
fn check_unpacked_size(reader: impl Read + Seek) -> Result<(), UploadError> {
    let unreadable = |e: &dyn std::fmt::Display| UploadError::Unreadable(e.to_string());
    let mut archive = zip::ZipArchive::new(reader).map_err(|e| unreadable(&e))?;
    if archive.len() > MAX_ENTRIES {
        return Err(UploadError::TooLarge);
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|e| unreadable(&e))?;
        let room = MAX_UNPACKED_BYTES - total;
        let unpacked = std::io::copy(&mut entry.take(room + 1), &mut std::io::sink()).map_err(|e| unreadable(&e))?;
        total += unpacked;
        if total > MAX_UNPACKED_BYTES {
            return Err(UploadError::TooLarge);
        }
    }
    Ok(())
}

fn read_cells<RS: Read + Seek>(reader: RS, max_rows: u32) -> Result<Vec<Vec<String>>, UploadError> {
    use calamine::{Data, Reader, Xlsx};
    let unreadable = |e: &dyn std::fmt::Display| UploadError::Unreadable(e.to_string());
    let mut workbook: Xlsx<RS> = Xlsx::new(reader).map_err(|e| unreadable(&e))?;
    let Some(sheet) = workbook.sheet_names().first().cloned() else {
        return Err(UploadError::Unreadable("no sheet".into()));
    };
    let mut cells = workbook.worksheet_cells_reader(&sheet).map_err(|e| unreadable(&e))?;
    let mut found: Vec<(u32, u32, String)> = Vec::new();
    while let Some(cell) = cells.next_cell().map_err(|e| unreadable(&e))? {
        let (row, column) = cell.get_position();
        if column >= MAX_COLUMNS {
            return Err(UploadError::TooManyColumns);
        }
        if row >= max_rows.saturating_mul(2) {
            // Rows count from the first used one; a sheet may start lower, but not this low.
            return Err(UploadError::TooManyRows(max_rows));
        }
        let text = Data::from(cell.get_value().clone()).to_string();
        if !text.is_empty() {
            if found.len() >= max_rows as usize * CELLS_PER_ROW {
                return Err(UploadError::TooManyCells(max_rows as usize * CELLS_PER_ROW));
            }
            found.push((row, column, text));
        }
    }
    let first_row = found.iter().map(|c| c.0).min().unwrap_or(0);
    let first_column = found.iter().map(|c| c.1).min().unwrap_or(0);
    let rows = found.iter().map(|c| c.0 - first_row + 1).max().unwrap_or(0);
    if rows > max_rows {
        return Err(UploadError::TooManyRows(max_rows));
    }
    let mut table: Vec<Vec<String>> = vec![Vec::new(); rows as usize];
    for (row, column, text) in found {
        let line = &mut table[(row - first_row) as usize];
        let at = (column - first_column) as usize;
        if line.len() <= at {
            line.resize(at + 1, String::new());
        }
        line[at] = text;
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A workbook written by rust_xlsxwriter with `rows` of `columns` cells.
    fn workbook(rows: u32, columns: u16) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for r in 0..rows {
            for c in 0..columns {
                sheet.write_string(r, c, format!("r{r}c{c}")).unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    }

    /// A zip archive with one entry of `size` zero bytes, deflated (a few KB for many MB).
    fn zip_of_zeros(size: usize) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/sharedStrings.xml", options).unwrap();
        let chunk = vec![0u8; 1024 * 1024];
        for _ in 0..size / chunk.len() {
            zip.write_all(&chunk).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn a_workbook_within_bounds_reads_as_rows_of_text() {
        let rows = first_sheet_rows(&workbook(3, 2), 10).unwrap();
        assert_eq!(rows, vec![vec!["r0c0", "r0c1"], vec!["r1c0", "r1c1"], vec!["r2c0", "r2c1"]]);
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_unpacked_into_memory() {
        let bomb = zip_of_zeros(64 * 1024 * 1024);
        assert!(bomb.len() < 1024 * 1024, "the bomb is small: {} bytes", bomb.len());
        assert_eq!(first_sheet_rows(&bomb, 10), Err(UploadError::TooLarge));
    }

    #[test]
    fn too_many_rows_or_columns_are_refused_while_reading() {
        assert_eq!(first_sheet_rows(&workbook(30, 1), 10), Err(UploadError::TooManyRows(10)));
        assert_eq!(first_sheet_rows(&workbook(1, 60), 10), Err(UploadError::TooManyColumns));
    }

    #[test]
    fn a_far_away_cell_does_not_make_a_huge_sheet() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "code").unwrap();
        sheet.write_string(1_048_575, 0, "far").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert_eq!(first_sheet_rows(&bytes, 25_000), Err(UploadError::TooManyRows(25_000)));
    }
}
