//! Styles. The 16 basic colours by default; with `NO_COLOR` no colour at all, and every
//! distinction is carried by bold, reverse, dim and marker glyphs as well.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme { color: true }
    }
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to a non-empty value (no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn fg(&self, s: Style, c: Color) -> Style {
        if self.color { s.fg(c) } else { s }
    }

    pub fn base(&self) -> Style {
        Style::default()
    }

    pub fn dim(&self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }

    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Cyan)
        } else {
            self.dim()
        }
    }

    /// The selected line of a list.
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn error(&self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Red)
    }

    pub fn warning(&self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    pub fn info(&self) -> Style {
        self.fg(Style::default(), Color::Blue)
    }

    /// A cell with an error: red, reversed and bold (and a `!` marker in the text).
    pub fn failing_cell(&self) -> Style {
        self.fg(
            Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            Color::Red,
        )
    }

    /// A cell with a warning: yellow, bold, underlined (and a `*` marker).
    pub fn warning_cell(&self) -> Style {
        self.fg(
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Color::Yellow,
        )
    }

    /// The table cursor: reversed; on a failing cell, underlined as well so both show.
    pub fn cursor(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// Source lines of the selected cell or finding.
    pub fn highlight_line(&self) -> Style {
        if self.color {
            Style::default().bg(Color::Yellow).fg(Color::Black)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    /// The exact bytes of the selected cell within a highlighted line.
    pub fn highlight_exact(&self) -> Style {
        self.fg(
            Style::default()
                .add_modifier(Modifier::BOLD | Modifier::REVERSED | Modifier::UNDERLINED),
            Color::Red,
        )
    }

    pub fn search_hit(&self) -> Style {
        if self.color {
            Style::default().bg(Color::Magenta).fg(Color::White)
        } else {
            Style::default().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }

    /// The cells a selected arithmetic finding adds up (and its totals).
    pub fn addend(&self) -> Style {
        if self.color {
            Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// Matched characters in the finder.
    pub fn matched(&self) -> Style {
        self.fg(
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Color::Yellow,
        )
    }
}
