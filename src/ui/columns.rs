//! Table columns that fit the terminal: every number column is as wide as its widest
//! visible cell (so a value never loses its unit), and when the name would get too
//! narrow, columns go in a fixed priority (each column's `drop` rank, highest first;
//! rank 0 stays). The name gets the rest.

use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};

use super::text::width;

/// One number column.
pub struct Col {
    header: &'static str,
    cells: Vec<Span<'static>>,
    drop: u8,
}

impl Col {
    /// An empty column; `drop` 0 never goes, higher ranks go first.
    pub fn new(header: &'static str, drop: u8) -> Self {
        Self {
            header,
            cells: Vec::new(),
            drop,
        }
    }

    /// Adds a plain cell.
    pub fn push(&mut self, text: String) {
        self.cells.push(Span::raw(text));
    }

    /// Adds a styled cell.
    pub fn push_span(&mut self, span: Span<'static>) {
        self.cells.push(span);
    }

    /// The column's header.
    pub fn header(&self) -> &'static str {
        self.header
    }

    fn width(&self) -> usize {
        self.cells
            .iter()
            .map(|c| width(&c.content))
            .chain([width(self.header)])
            .max()
            .unwrap_or(0)
    }
}

/// The narrowest the name column may get before number columns are dropped, for a table
/// `total` columns wide.
pub fn min_name(total: usize) -> usize {
    (total / 3).clamp(16, 40)
}

/// Drops columns by rank until the name column gets at least [`min_name`]; returns the
/// kept columns (in their order) and the name column's width.
pub fn fit(mut cols: Vec<Col>, total: usize) -> (Vec<Col>, usize) {
    let used = |cols: &[Col]| cols.iter().map(|c| c.width() + 1).sum::<usize>();
    while total.saturating_sub(used(&cols)) < min_name(total) {
        let Some((i, _)) = cols
            .iter()
            .enumerate()
            .filter(|(_, c)| c.drop > 0)
            .max_by_key(|(i, c)| (c.drop, *i))
        else {
            break;
        };
        cols.remove(i);
    }
    let name = total.saturating_sub(used(&cols));
    (cols, name)
}

/// A table of the kept columns (numbers right-aligned) and the name column; `names` and
/// `styles` give each row's name cell and row style.
pub fn table(
    cols: &[Col],
    name_header: &'static str,
    names: Vec<Cell<'static>>,
    styles: &[Style],
    header_style: Style,
) -> Table<'static> {
    let widths: Vec<usize> = cols.iter().map(Col::width).collect();
    let mut constraints: Vec<Constraint> = widths
        .iter()
        .map(|&w| Constraint::Length(w as u16))
        .collect();
    constraints.push(Constraint::Min(1));
    let right = |s: &Span<'static>, w: usize| {
        let pad = w.saturating_sub(width(&s.content));
        Span::styled(format!("{}{}", " ".repeat(pad), s.content), s.style)
    };
    let mut head: Vec<Cell> = cols
        .iter()
        .zip(&widths)
        .map(|(c, &w)| Cell::from(right(&Span::raw(c.header), w)))
        .collect();
    head.push(Cell::from(name_header));
    let rows: Vec<Row> = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let mut cells: Vec<Cell> = cols
                .iter()
                .zip(&widths)
                .map(|(c, &w)| Cell::from(c.cells.get(i).map(|s| right(s, w)).unwrap_or_default()))
                .collect();
            cells.push(name);
            Row::new(cells).style(styles.get(i).copied().unwrap_or_default())
        })
        .collect();
    Table::new(rows, constraints)
        .header(Row::new(head).style(header_style))
        .column_spacing(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(h: &'static str, drop: u8, w: usize) -> Col {
        let mut c = Col::new(h, drop);
        c.push("x".repeat(w));
        c
    }

    #[test]
    fn columns_go_by_rank_until_the_name_fits() {
        let cols = vec![
            col("flat", 0, 8),
            col("sum%", 3, 7),
            col("cum", 1, 8),
            col("smpl", 4, 5),
        ];
        let (kept, name) = fit(cols, 80);
        assert_eq!(kept.len(), 4);
        assert_eq!(name, 80 - (9 + 8 + 9 + 6));
        let cols = vec![
            col("flat", 0, 8),
            col("sum%", 3, 7),
            col("cum", 1, 8),
            col("smpl", 4, 5),
        ];
        let (kept, name) = fit(cols, 40);
        let heads: Vec<&str> = kept.iter().map(|c| c.header).collect();
        assert_eq!(heads, ["flat", "cum"]);
        assert_eq!(name, 40 - 18);
    }
}
