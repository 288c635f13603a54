//! Tables of strings for the templates' `data-table`: the report builders fill
//! them row by row; every cell reaches typst through `json()`, never as markup.

use serde::Serialize;

/// `columns` (header), `widths` (0 = `auto`, n = `n fr`) and `rows`.
#[derive(Debug, Clone, Default, Serialize)]
pub(super) struct Table {
    columns: Vec<String>,
    widths: Vec<u32>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// `(header, width)` per column.
    pub(super) fn new(columns: &[(&str, u32)]) -> Table {
        Table {
            columns: columns.iter().map(|c| c.0.to_string()).collect(),
            widths: columns.iter().map(|c| c.1).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; a short row is padded so typst never shifts the cells.
    pub(super) fn push(&mut self, mut row: Vec<String>) {
        row.resize(self.columns.len(), String::new());
        self.rows.push(row);
    }

    pub(super) fn len(&self) -> usize {
        self.rows.len()
    }

    pub(super) fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// `s` or a dash for nothing, as printed tables show an empty field.
pub(super) fn or_dash(s: Option<impl Into<String>>) -> String {
    s.map(Into::into)
        .filter(|s: &String| !s.is_empty())
        .unwrap_or_else(|| "—".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_rows_are_padded_to_the_columns() {
        let mut t = Table::new(&[("a", 0), ("b", 1)]);
        t.push(vec!["x".into()]);
        let v = t.to_value();
        assert_eq!(v["rows"][0], serde_json::json!(["x", ""]));
        assert_eq!(v["widths"], serde_json::json!([0, 1]));
        assert_eq!(or_dash(None::<String>), "—");
        assert_eq!(or_dash(Some("")), "—");
    }
}
