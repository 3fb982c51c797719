//! Rendering an HTML page into readable text: paragraphs as lines, table rows as aligned
//! lines. (Placeholder — being replaced by the full implementation.)

/// Render `html` as readable text.
pub fn render(html: &str) -> String {
    html.to_string()
}
