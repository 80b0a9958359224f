//! Every style of the interactive app in one place, in three themes: `dark` (the
//! default, for dark terminal backgrounds), `light` (for light backgrounds: no
//! yellow, cyan or grey text that fades on white) and `high-contrast` (text in the
//! terminal's own colour and never dimmed; emphasis by bold, underline and italics;
//! selections and bars as black on white). Only the 16 ANSI colours are used, so any
//! colour terminal shows them. With `NO_COLOR` set and non-empty no colour is used
//! whatever the theme: only bold, italic, underline and reverse remain, and
//! selection never depends on colour alone.
use ratatui::style::{Color, Modifier, Style};

use crate::markdown::Style as Md;

/// The theme chosen with `--theme` or saved in `settings.json`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeKind {
    #[default]
    Dark,
    Light,
    HighContrast,
}

impl ThemeKind {
    pub const ALL: [ThemeKind; 3] = [ThemeKind::Dark, ThemeKind::Light, ThemeKind::HighContrast];

    /// The name on the command line and in `settings.json`.
    pub fn code(self) -> &'static str {
        match self {
            ThemeKind::Dark => "dark",
            ThemeKind::Light => "light",
            ThemeKind::HighContrast => "high-contrast",
        }
    }

    pub fn parse(s: &str) -> Option<ThemeKind> {
        let s = s.trim().to_ascii_lowercase();
        ThemeKind::ALL
            .into_iter()
            .find(|k| k.code() == s || (*k == ThemeKind::HighContrast && s == "high_contrast"))
    }
}

/// The colours of a theme, one per role (`None`: the terminal's own colour).
struct Palette {
    h1: Option<Color>,
    h2: Option<Color>,
    h3: Option<Color>,
    code: Option<Color>,
    link: Option<Color>,
    marker: Option<Color>,
    /// Quotes, raw HTML, dimmed text.
    faint: Option<Color>,
    tab: Option<Color>,
    border: Option<Color>,
    heading: Option<Color>,
    /// Foreground and background of a highlighted row, the active tab, the bars.
    selected: (Color, Color),
    bar: (Color, Color),
    warning: (Color, Color),
    search_match: (Color, Color),
    current_match: (Color, Color),
}

const DARK: Palette = Palette {
    h1: Some(Color::Magenta),
    h2: Some(Color::Cyan),
    h3: Some(Color::Blue),
    code: Some(Color::Yellow),
    link: Some(Color::Blue),
    marker: Some(Color::Cyan),
    faint: Some(Color::DarkGray),
    tab: Some(Color::Gray),
    border: Some(Color::Cyan),
    heading: Some(Color::Cyan),
    selected: (Color::Black, Color::Cyan),
    bar: (Color::White, Color::Blue),
    warning: (Color::Black, Color::Yellow),
    search_match: (Color::Black, Color::Yellow),
    current_match: (Color::Black, Color::LightRed),
};

const LIGHT: Palette = Palette {
    h1: Some(Color::Magenta),
    h2: Some(Color::Blue),
    h3: Some(Color::Blue),
    code: Some(Color::Red),
    link: Some(Color::Blue),
    marker: Some(Color::Blue),
    faint: Some(Color::DarkGray),
    tab: None,
    border: Some(Color::Blue),
    heading: Some(Color::Blue),
    selected: (Color::White, Color::Blue),
    bar: (Color::White, Color::Blue),
    warning: (Color::Black, Color::LightYellow),
    search_match: (Color::Black, Color::LightYellow),
    current_match: (Color::White, Color::Red),
};

/// High contrast: the terminal's own text colour (whatever its background), and
/// black on bright white or bright yellow where a background is drawn.
const HIGH_CONTRAST: Palette = Palette {
    h1: None,
    h2: None,
    h3: None,
    code: None,
    link: None,
    marker: None,
    faint: None,
    tab: None,
    border: None,
    heading: None,
    selected: (Color::Black, Color::White),
    bar: (Color::Black, Color::White),
    warning: (Color::Black, Color::LightYellow),
    search_match: (Color::Black, Color::LightYellow),
    current_match: (Color::Black, Color::White),
};

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub kind: ThemeKind,
    pub no_color: bool,
    /// The terminal width, for tab-bar hit tests (set every frame).
    pub screen_width: u16,
}

impl Theme {
    /// The dark theme, without colours when `no_color`.
    pub fn new(no_color: bool) -> Theme {
        Theme::with(ThemeKind::Dark, no_color)
    }

    pub fn with(kind: ThemeKind, no_color: bool) -> Theme {
        Theme {
            kind,
            no_color,
            screen_width: 80,
        }
    }

    /// `NO_COLOR` set and non-empty.
    pub fn no_color_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    /// The theme to start with: `--theme`, else the saved one (an unknown saved
    /// name is ignored), else dark; `NO_COLOR` honoured in any of them.
    pub fn pick(flag: Option<ThemeKind>, saved: Option<&str>, no_color: bool) -> Theme {
        let kind = flag
            .or_else(|| saved.and_then(ThemeKind::parse))
            .unwrap_or_default();
        Theme::with(kind, no_color)
    }

    fn palette(&self) -> &'static Palette {
        match self.kind {
            ThemeKind::Dark => &DARK,
            ThemeKind::Light => &LIGHT,
            ThemeKind::HighContrast => &HIGH_CONTRAST,
        }
    }

    fn high_contrast(&self) -> bool {
        self.kind == ThemeKind::HighContrast
    }

    fn fg(&self, c: Option<Color>) -> Style {
        match c {
            Some(c) if !self.no_color => Style::default().fg(c),
            _ => Style::default(),
        }
    }

    fn pair(&self, (fg, bg): (Color, Color)) -> Style {
        Style::default().fg(fg).bg(bg)
    }

    /// The look of a markdown style.
    pub fn md(&self, s: Md) -> Style {
        let p = self.palette();
        let mut st = if s.has(Md::H1) {
            self.fg(p.h1)
        } else if s.has(Md::H2) {
            self.fg(p.h2)
        } else if s.has(Md::H3) {
            self.fg(p.h3)
        } else if s.has(Md::CODE) || s.has(Md::CODE_BLOCK) {
            self.fg(p.code)
        } else if s.has(Md::URL) || s.has(Md::LINK) {
            self.fg(p.link)
        } else if s.has(Md::MARKER) {
            self.fg(p.marker)
        } else if s.has(Md::HTML) || s.has(Md::QUOTE) || s.has(Md::DIM) {
            self.fg(p.faint)
        } else {
            Style::default()
        };
        // Without colour, headings and quotes keep a mark of their own.
        let plain = self.no_color || self.high_contrast();
        if s.has(Md::BOLD) || (self.high_contrast() && (s.has(Md::H2) || s.has(Md::H3))) {
            st = st.add_modifier(Modifier::BOLD);
        }
        if self.high_contrast() && s.has(Md::H1) {
            st = st.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        }
        if s.has(Md::ITALIC) || (plain && s.has(Md::QUOTE)) {
            st = st.add_modifier(Modifier::ITALIC);
        }
        if s.has(Md::LINK) || (self.high_contrast() && s.has(Md::URL)) {
            st = st.add_modifier(Modifier::UNDERLINED);
        }
        if s.has(Md::STRIKE) {
            st = st.add_modifier(Modifier::CROSSED_OUT);
        }
        if self.no_color && !self.high_contrast() && (s.has(Md::DIM) || s.has(Md::HTML)) {
            st = st.add_modifier(Modifier::DIM);
        }
        st
    }

    pub fn search_match(&self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::UNDERLINED)
        } else {
            self.pair(self.palette().search_match)
        }
    }

    pub fn current_match(&self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            self.pair(self.palette().current_match)
                .add_modifier(Modifier::BOLD)
        }
    }

    pub fn tab(&self) -> Style {
        self.fg(self.palette().tab)
    }

    pub fn tab_active(&self) -> Style {
        self.selected()
    }

    pub fn bar(&self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            self.pair(self.palette().bar)
        }
    }

    pub fn bar_warning(&self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            self.pair(self.palette().warning)
                .add_modifier(Modifier::BOLD)
        }
    }

    /// Secondary text. High contrast never dims: it sets such text in italics.
    pub fn dim(&self) -> Style {
        if self.high_contrast() {
            Style::default().add_modifier(Modifier::ITALIC)
        } else if self.no_color {
            Style::default().add_modifier(Modifier::DIM)
        } else {
            self.fg(self.palette().faint)
        }
    }

    pub fn selected(&self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            self.pair(self.palette().selected)
                .add_modifier(Modifier::BOLD)
        }
    }

    pub fn border(&self) -> Style {
        self.fg(self.palette().border)
    }

    pub fn heading(&self) -> Style {
        let st = self.fg(self.palette().heading).add_modifier(Modifier::BOLD);
        if self.high_contrast() {
            st.add_modifier(Modifier::UNDERLINED)
        } else {
            st
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_names_round_trip_and_unknown_ones_are_refused() {
        for k in ThemeKind::ALL {
            assert_eq!(ThemeKind::parse(k.code()), Some(k));
        }
        assert_eq!(
            ThemeKind::parse("High-Contrast"),
            Some(ThemeKind::HighContrast)
        );
        assert_eq!(ThemeKind::parse("solarized"), None);
    }

    #[test]
    fn the_flag_wins_over_the_saved_theme_and_no_color_over_both() {
        assert_eq!(Theme::pick(None, None, false).kind, ThemeKind::Dark);
        assert_eq!(
            Theme::pick(None, Some("light"), false).kind,
            ThemeKind::Light
        );
        assert_eq!(Theme::pick(None, Some("neon"), false).kind, ThemeKind::Dark);
        let t = Theme::pick(Some(ThemeKind::HighContrast), Some("light"), true);
        assert_eq!(t.kind, ThemeKind::HighContrast);
        for s in [t.selected(), t.bar(), t.heading(), t.dim(), t.md(Md::H1)] {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
    }

    #[test]
    fn the_themes_differ_and_the_selection_is_never_colour_alone() {
        let dark = Theme::with(ThemeKind::Dark, false);
        let light = Theme::with(ThemeKind::Light, false);
        let hc = Theme::with(ThemeKind::HighContrast, false);
        assert_ne!(dark.selected(), light.selected());
        assert_ne!(dark.md(Md::CODE), light.md(Md::CODE));
        // High contrast: nothing dimmed or grey, text in the terminal's colour.
        assert_eq!(hc.dim().fg, None);
        assert!(!hc.dim().add_modifier.contains(Modifier::DIM));
        assert_eq!(hc.md(Md::QUOTE).fg, None);
        for t in [dark, light, hc] {
            assert!(t.selected().add_modifier.contains(Modifier::BOLD));
        }
    }
}
