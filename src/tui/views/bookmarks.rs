//! The bookmark list (`M` in a note): the marked sections by note and heading, in the
//! language shown; Enter jumps, `d` deletes.
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::put;
use crate::lang::Lang;
use crate::tui::app::App;

/// The list's popup for `n` bookmarks.
pub fn rect(body: Rect, n: usize) -> Rect {
    super::popup_rect(body, 72, (n.max(1) as u16).saturating_add(2))
}

pub fn draw(frame: &mut Frame, app: &App, body: Rect) {
    let Some(selected) = app.notes.bookmark_list else {
        return;
    };
    let theme = app.theme;
    let names = &app.notes.bookmark_names;
    let title = match app.lang {
        Lang::En => " Bookmarks — Enter jumps, d deletes, Esc closes ",
        Lang::PtBr => " Marcadores — Enter abre, d apaga, Esc fecha ",
    };
    let inner = super::boxed(frame, rect(body, names.len()), title, &theme);
    let buf = frame.buffer_mut();
    let w = usize::from(inner.width.saturating_sub(1));
    if names.is_empty() {
        let msg = match app.lang {
            Lang::En => "No bookmarks yet: m in a note marks the section you are reading.",
            Lang::PtBr => "Nenhum marcador ainda: m numa nota marca a seção que você está lendo.",
        };
        put(buf, inner.x + 1, inner.y, msg, w, theme.dim());
        return;
    }
    let rows = usize::from(inner.height);
    let start = selected.saturating_sub(rows.saturating_sub(1));
    for (i, name) in names.iter().enumerate().skip(start).take(rows) {
        let y = inner.y + (i - start) as u16;
        let style = if i == selected {
            theme.selected()
        } else {
            Style::default()
        };
        super::fill_row(buf, inner.x, y, inner.width, style);
        put(buf, inner.x + 1, y, name, w, style);
    }
}
