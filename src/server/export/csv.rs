//! CSV files that offices open in Excel or LibreOffice. Every download goes through [`SafeCsv`], so a
//! unit named `=HYPERLINK(…)` or `+cmd|…` arrives as text in every file, never as a formula
//! (CSV injection); plain numbers stay numbers.

use crate::error::AppError;

/// A CSV file being written, with every cell that is not a plain number made inert.
pub struct SafeCsv {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for SafeCsv {
    fn default() -> Self {
        SafeCsv { writer: csv::Writer::from_writer(Vec::new()) }
    }
}

impl SafeCsv {
    /// Writes one line.
    pub fn row<I, T>(&mut self, cells: I) -> Result<(), AppError>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        let cells: Vec<_> = cells.into_iter().map(|c| inert(c.as_ref()).into_owned()).collect();
        self.writer.write_record(&cells).map_err(AppError::internal)
    }

    /// The bytes of the file.
    pub fn into_bytes(self) -> Result<Vec<u8>, AppError> {
        self.writer.into_inner().map_err(|e| AppError::internal(e.into_error()))
    }
}

/// A cell a spreadsheet shows as text: one that a spreadsheet would read as the start of a formula
/// gets a leading apostrophe, unless it is a plain decimal number such as `-0.2500`. Excel set to an
/// Indonesian locale splits a CSV line at `;` too, so every `;`-separated piece is guarded the same way.
pub fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    let risky =
        |piece: &str| piece.starts_with(['=', '+', '-', '@', '\t', '\r', '\n', '|', '%']) && !is_plain_number(piece);
    if !text.split(';').any(risky) {
        return text.into();
    }
    let pieces: Vec<String> =
        text.split(';').map(|piece| if risky(piece) { format!("'{piece}") } else { piece.to_string() }).collect();
    pieces.join(";").into()
}

/// `-?digits(.digits)?`: how Mawas writes numbers, and nothing a spreadsheet could run.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        for hostile in ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "-", "-1e5", "-inf", "%0A=1"]
        {
            assert_eq!(inert(hostile), format!("'{hostile}"), "{hostile:?}");
        }
        assert_eq!(inert("x;=1+1;"), "x;'=1+1;", "a piece after a semicolon");
        assert_eq!(inert("@x;-2+3;"), "'@x;'-2+3;");
        for plain in ["Dinas Kesehatan", "-0.2500", "12", "0.75", "", "DINKES.P2P", "a=b", "Bidang A; Seksi B"] {
            assert_eq!(inert(plain), plain, "{plain:?}");
        }
    }

    #[test]
    fn a_written_file_carries_the_guard_in_every_cell() {
        let mut csv = SafeCsv::default();
        csv.row(["unit", "name", "mean"]).unwrap();
        csv.row(["X1", "=HYPERLINK(\"http://evil.example\")", "-0.5000"]).unwrap();
        let text = String::from_utf8(csv.into_bytes().unwrap()).unwrap();
        assert_eq!(text, "unit,name,mean\nX1,\"'=HYPERLINK(\"\"http://evil.example\"\")\",-0.5000\n");
    }
}
