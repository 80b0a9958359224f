//! Overlays over the notes view: help, the outline of sections, and search across
//! all notes with its result list.
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::tui::app::{App, Overlay, outline};
use crate::wrap::ellipsis as truncate;

pub fn draw(frame: &mut Frame, app: &App, body: Rect) {
    match app.overlay.clone() {
        Overlay::None => {}
        Overlay::Help { scroll } => super::help::draw(frame, app, body, scroll),
        Overlay::Outline { selected } => draw_outline(frame, app, body, selected),
        Overlay::Search(gs) => draw_search(frame, app, body, &gs),
    }
}

/// First row to show so that `selected` stays inside `rows` visible rows.
fn window_start(selected: usize, rows: usize) -> usize {
    selected.saturating_sub(rows.saturating_sub(1))
}

/// The outline's popup for `sections` sections.
pub fn outline_rect(body: Rect, sections: usize) -> Rect {
    super::popup_rect(body, 60, sections.max(1) as u16 + 2)
}

/// The search overlay's popup.
pub fn search_rect(body: Rect) -> Rect {
    super::popup_rect(body, 96, body.height.saturating_sub(2).max(3))
}

/// Rows a list shows inside a bordered popup of `rect`, less `extra` rows of its own.
pub fn list_rows(rect: Rect, extra: u16) -> usize {
    usize::from(rect.height.saturating_sub(2).saturating_sub(extra)).max(1)
}

/// The outline: as wide as its longest name needs (at least 60 columns, within the
/// screen); a name still too long wraps under itself rather than being cut.
fn draw_outline(frame: &mut Frame, app: &App, body: Rect, selected: usize) {
    let Some(lay) = app.layout() else {
        return;
    };
    let theme = app.theme;
    let sections = outline(&lay);
    // " 12. " before each name, a border and a column of margin on each side.
    const NUMBER: usize = 5;
    let longest = sections
        .iter()
        .map(|a| crate::wrap::width(&a.text))
        .max()
        .unwrap_or(0);
    let want = (longest + NUMBER + 4).max(60);
    let width = u16::try_from(want)
        .unwrap_or(u16::MAX)
        .min(body.width.saturating_sub(4).max(20));
    let text_w = usize::from(width.saturating_sub(2))
        .saturating_sub(NUMBER + 1)
        .max(1);
    let entries: Vec<Vec<String>> = sections
        .iter()
        .enumerate()
        .map(|(i, a)| {
            crate::wrap::words(&a.text, text_w)
                .into_iter()
                .enumerate()
                .map(|(k, l)| {
                    if k == 0 {
                        format!(" {:>2}. {l}", i + 1)
                    } else {
                        format!("{}{l}", " ".repeat(NUMBER))
                    }
                })
                .collect()
        })
        .collect();
    let rows: usize = entries.iter().map(Vec::len).sum();
    let area = super::popup_rect(body, width, rows.max(1) as u16 + 2);
    let title = match app.lang {
        Lang::En => " Sections — Enter jumps, Esc closes ",
        Lang::PtBr => " Seções — Enter vai, Esc fecha ",
    };
    let inner = super::boxed(frame, area, title, &theme);
    let buf = frame.buffer_mut();
    if sections.is_empty() {
        let msg = match app.lang {
            Lang::En => "This note has no ## sections.",
            Lang::PtBr => "Esta nota não tem seções ##.",
        };
        buf.set_stringn(
            inner.x + 1,
            inner.y,
            msg,
            inner.width.saturating_sub(1) as usize,
            theme.dim(),
        );
        return;
    }
    // The first entry drawn: the earliest from which the selected one still fits.
    let visible = usize::from(inner.height);
    let selected = selected.min(entries.len() - 1);
    let mut start = selected;
    let mut used = entries[selected].len();
    while start > 0 && used + entries[start - 1].len() <= visible {
        start -= 1;
        used += entries[start].len();
    }
    let mut y = inner.y;
    for (i, lines) in entries.iter().enumerate().skip(start) {
        let style = if i == selected {
            theme.selected()
        } else {
            Style::default()
        };
        for l in lines {
            if y >= inner.bottom() {
                return;
            }
            super::fill_row(buf, inner.x, y, inner.width, style);
            buf.set_stringn(
                inner.x,
                y,
                truncate(l, inner.width as usize),
                inner.width as usize,
                style,
            );
            y += 1;
        }
    }
}

fn draw_search(frame: &mut Frame, app: &App, body: Rect, gs: &crate::tui::app::GlobalSearch) {
    let theme = app.theme;
    let area = search_rect(body);
    let title = match app.lang {
        Lang::En => " Search all notes — Enter opens, Esc closes ",
        Lang::PtBr => " Buscar em todas as notas — Enter abre, Esc fecha ",
    };
    let inner = super::boxed(frame, area, title, &theme);
    if inner.height == 0 || inner.width < 2 {
        return;
    }
    let w = inner.width as usize;
    let prompt = format!("› {}", gs.query);
    let buf = frame.buffer_mut();
    buf.set_stringn(inner.x, inner.y, truncate(&prompt, w), w, theme.heading());
    let cursor_x = inner.x + (prompt.width() as u16).min(inner.width - 1);
    let rows = inner.height.saturating_sub(2) as usize;
    let status = match (app.lang, gs.query.trim().is_empty(), gs.results.len()) {
        (Lang::En, true, _) => "Type to search every note (case and accents ignored).".to_string(),
        (Lang::PtBr, true, _) => {
            "Digite para buscar em todas as notas (ignora maiúsculas e acentos).".to_string()
        }
        (Lang::En, false, 0) => "No match.".to_string(),
        (Lang::PtBr, false, 0) => "Nada encontrado.".to_string(),
        (Lang::En, false, 1) => "1 matching line".to_string(),
        (Lang::PtBr, false, 1) => "1 linha encontrada".to_string(),
        (Lang::En, false, n) => format!("{n} matching lines"),
        (Lang::PtBr, false, n) => format!("{n} linhas encontradas"),
    };
    if inner.height > 1 {
        buf.set_stringn(inner.x, inner.y + 1, truncate(&status, w), w, theme.dim());
    }
    let start = window_start(gs.selected, rows);
    for (i, hit) in gs.results.iter().enumerate().skip(start).take(rows) {
        let y = inner.y + 2 + (i - start) as u16;
        let style = if i == gs.selected {
            theme.selected()
        } else {
            Style::default()
        };
        let label = app.library.topics[hit.topic].label(app.lang);
        let text = format!(" {label}:{}  {}", hit.line, hit.snippet);
        super::fill_row(buf, inner.x, y, inner.width, style);
        buf.set_stringn(inner.x, y, truncate(&text, w), w, style);
    }
    frame.set_cursor_position(Position {
        x: cursor_x,
        y: inner.y,
    });
}
