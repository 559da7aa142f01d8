//! How things are shown that both the pages and the server's own documents and exports need: heatmap
//! cells (text and colours) and text placed raw in `<textarea>` or `<title>`. Neither layer owns it.

pub mod heat_cells;
pub mod heat_colour;
pub mod raw_text;
