//! Every style of the interactive app in one place. Only the 16 ANSI colours are
//! used, so any colour terminal shows them; with `NO_COLOR` only bold, italic,
//! underline and reverse remain, and selection never depends on colour alone.
use ratatui::style::{Color, Modifier, Style};

use crate::markdown::Style as Md;

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub no_color: bool,
    /// The terminal width, for tab-bar hit tests (set every frame).
    pub screen_width: u16,
}

impl Theme {
    pub fn new(no_color: bool) -> Theme {
        Theme {
            no_color,
            screen_width: 80,
        }
    }

    pub fn from_env() -> Theme {
        Theme::new(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()))
    }

    fn fg(&self, c: Color) -> Style {
        if self.no_color {
            Style::default()
        } else {
            Style::default().fg(c)
        }
    }

    /// The look of a markdown style.
    pub fn md(&self, s: Md) -> Style {
        let mut st = if s.has(Md::H1) {
            self.fg(Color::Magenta)
        } else if s.has(Md::H2) {
            self.fg(Color::Cyan)
        } else if s.has(Md::H3) {
            self.fg(Color::Blue)
        } else if s.has(Md::CODE) || s.has(Md::CODE_BLOCK) {
            self.fg(Color::Yellow)
        } else if s.has(Md::URL) || s.has(Md::LINK) {
            self.fg(Color::Blue)
        } else if s.has(Md::MARKER) {
            self.fg(Color::Cyan)
        } else if s.has(Md::HTML) || s.has(Md::QUOTE) || s.has(Md::DIM) {
            self.fg(Color::DarkGray)
        } else {
            Style::default()
        };
        if s.has(Md::BOLD) {
            st = st.add_modifier(Modifier::BOLD);
        }
        if s.has(Md::ITALIC) || (self.no_color && s.has(Md::QUOTE)) {
            st = st.add_modifier(Modifier::ITALIC);
        }
        if s.has(Md::LINK) {
            st = st.add_modifier(Modifier::UNDERLINED);
        }
        if s.has(Md::STRIKE) {
            st = st.add_modifier(Modifier::CROSSED_OUT);
        }
        if self.no_color && (s.has(Md::DIM) || s.has(Md::HTML)) {
            st = st.add_modifier(Modifier::DIM);
        }
        st
    }

    pub fn search_match(&self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::UNDERLINED)
        } else {
            Style::default().fg(Color::Black).bg(Color::Yellow)
        }
    }

    pub fn current_match(&self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::default()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD)
        }
    }

    pub fn tab(&self) -> Style {
        self.fg(Color::Gray)
    }

    pub fn tab_active(&self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        }
    }

    pub fn bar(&self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().fg(Color::White).bg(Color::Blue)
        }
    }

    pub fn bar_warning(&self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        }
    }

    pub fn dim(&self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::DIM)
        } else {
            Style::default().fg(Color::DarkGray)
        }
    }

    pub fn selected(&self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        }
    }

    pub fn border(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}
