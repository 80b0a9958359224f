//! Drawing: each view reads the app state and draws; nothing here changes state.
//! [`render`] is the one entry: the resize step ([`App::resize`], which lays out
//! and measures for the size being drawn), then [`draw`] with the app read-only.
pub mod bookmarks;
pub mod budget;
pub mod budget_compare;
pub mod budget_details;
pub mod budget_factors;
pub mod budget_options;
pub mod budget_workbench;
pub mod help;
pub mod lab;
pub mod lab_iam;
pub mod notes;
pub mod overlays;
pub mod quiz;
pub mod status;
pub mod tabs;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::app::App;
use crate::lang::Lang;

/// The smallest window the app draws into; below it, it asks for a larger one.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;

/// One frame: the resize step for the frame's size, then the drawing.
pub fn render(frame: &mut Frame, app: &mut App) {
    app.resize(frame.area());
    draw(frame, app);
}

/// The rows between the tab bar and the status line, or `None` when the window is
/// too small to draw into.
pub fn body_area(area: Rect) -> Option<Rect> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    Some(Rect {
        y: area.y + 1,
        height: area.height - 2,
        ..area
    })
}

/// Draws the app as it is: views only read the state (see [`render`]).
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = match app.lang {
            Lang::En => format!(
                "Window too small: enlarge it to at least {MIN_WIDTH}×{MIN_HEIGHT} (q quits)"
            ),
            Lang::PtBr => format!(
                "Janela pequena demais: aumente para pelo menos {MIN_WIDTH}×{MIN_HEIGHT} (q sai)"
            ),
        };
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let tabs_area = Rect { height: 1, ..area };
    let status_area = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    let body = Rect {
        y: area.y + 1,
        height: area.height - 2,
        ..area
    };
    if app.library.topics.is_empty() && !app.on_budget() && !app.on_quiz() && !app.on_lab() {
        let msg = match app.lang {
            Lang::En => "No notes to show: the content has no topics.",
            Lang::PtBr => "Nenhuma nota: o conteúdo não tem tópicos.",
        };
        frame.render_widget(Paragraph::new(msg), body);
        status::draw(frame, app, status_area);
        return;
    }
    if app.on_lab() && app.lab_iam {
        lab_iam::draw(frame, app, body);
    } else if app.on_lab() {
        lab::draw(frame, app, body);
    } else if app.on_quiz() {
        quiz::draw(frame, app, body);
    } else if app.on_budget() {
        // Two rows of key hints at narrow widths: the view gives up its last row.
        let rows = status::budget_hint_rows(app, area.width);
        let body = Rect {
            height: body.height.saturating_sub(rows - 1),
            ..body
        };
        budget::draw(frame, app, body);
    } else {
        notes::draw(frame, app, body);
    }
    tabs::draw(frame, app, tabs_area);
    status::draw(frame, app, status_area);
    overlays::draw(frame, app, body);
    if !app.on_budget() && !app.on_quiz() && !app.on_lab() {
        bookmarks::draw(frame, app, body);
    }
    warnings(frame, app, body);
}

/// A centred rectangle inside `area`, at most `w`×`h`.
pub fn popup_rect(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The one bordered popup: `rect` cleared, a border in the theme's colour, `title`
/// cut to fit the top border; returns the inside.
pub fn boxed(frame: &mut Frame, rect: Rect, title: &str, theme: &crate::tui::theme::Theme) -> Rect {
    frame.render_widget(Clear, rect);
    let block = ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .border_style(theme.border())
        .title(crate::wrap::ellipsis(
            title,
            rect.width.saturating_sub(2) as usize,
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// [`popup_rect`], cleared for an overlay.
pub fn popup(frame: &mut Frame, area: Rect, w: u16, h: u16) -> Rect {
    let r = popup_rect(area, w, h);
    frame.render_widget(Clear, r);
    r
}

/// Writes `text` at (x, y), cut to `w` columns and to the buffer; off-buffer
/// positions are ignored.
/// An editor's text area with the band saying why its last save was refused cut
/// off its top: up to two rows of `why` wrapped to the width, never more than half
/// the area. Returns (text, band); the band is empty when nothing was refused.
pub fn split_refusal(area: Rect, why: Option<&str>) -> (Rect, Rect) {
    let rows = why
        .map_or(0, |w| {
            crate::wrap::words(w, usize::from(area.width)).len().min(2) as u16
        })
        .min(area.height / 2);
    (
        Rect::new(area.x, area.y + rows, area.width, area.height - rows),
        Rect::new(area.x, area.y, area.width, rows),
    )
}

/// Draws why a save was refused in the band `split_refusal` made: wrapped, the last
/// row ending in ` …` when the reason goes on.
pub fn draw_refusal(buf: &mut Buffer, band: Rect, why: &str, style: Style) {
    if band.height == 0 {
        return;
    }
    let w = usize::from(band.width);
    let lines = crate::wrap::words(why, w);
    let n = usize::from(band.height);
    for (k, l) in lines.iter().take(n).enumerate() {
        let l = if k + 1 == n && lines.len() > n {
            crate::wrap::ellipsis(&format!("{l} …"), w)
        } else {
            l.clone()
        };
        let y = band.y + k as u16;
        fill_row(buf, band.x, y, band.width, style);
        put(buf, band.x, y, &l, w, style);
    }
}

/// Says on a box's bottom border that `n` more rows are below (` ↓ 3 more `).
pub fn more_below(buf: &mut Buffer, rect: Rect, n: usize, lang: Lang, style: Style) {
    if n == 0 || rect.height == 0 {
        return;
    }
    let more = match lang {
        Lang::En => format!(" ↓ {n} more "),
        Lang::PtBr => format!(" ↓ mais {n} "),
    };
    let w = unicode_width::UnicodeWidthStr::width(more.as_str());
    put(
        buf,
        rect.x + rect.width.saturating_sub(w as u16 + 2),
        rect.y + rect.height - 1,
        &more,
        w,
        style,
    );
}

pub fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, w: usize, style: Style) {
    let area = buf.area;
    if w == 0 || y < area.y || y >= area.bottom() || x < area.x || x >= area.right() {
        return;
    }
    let w = w.min(usize::from(area.right() - x));
    buf.set_stringn(x, y, crate::wrap::ellipsis(text, w), w, style);
}

/// Paints one row of a list in `style` (a highlighted selection), inside the buffer.
pub fn fill_row(buf: &mut Buffer, x: u16, y: u16, width: u16, style: Style) {
    let area = buf.area;
    if y < area.y || y >= area.bottom() || x >= area.right() {
        return;
    }
    let width = width.min(area.right() - x);
    buf.set_style(
        Rect {
            x,
            y,
            width,
            height: 1,
        },
        style,
    );
}

/// A message on the row `bottom` (from `x`, `width` columns) that, when too long for
/// it, wraps onto up to three rows growing upwards, never above `top`: its end stays
/// readable. The text starts one column in.
pub fn message_up(
    buf: &mut Buffer,
    x: u16,
    width: u16,
    bottom: u16,
    top: u16,
    text: &str,
    style: Style,
) {
    let text_w = usize::from(width.saturating_sub(2)).max(1);
    let room = usize::from(bottom.saturating_sub(top)) + 1;
    // Words wider than the row (a long path) are broken across rows, not cut.
    // Up to five rows (a saved variant's message names its whole path and what
    // happened to the budget you came from); a longer one ends in "…", never
    // silently.
    let mut rows: Vec<String> = crate::wrap::words(text.trim_start(), text_w)
        .into_iter()
        .flat_map(|r| crate::wrap::chars(&r, text_w))
        .collect();
    let max = room.min(5);
    if rows.len() > max {
        rows.truncate(max);
        if let Some(last) = rows.last_mut() {
            *last = crate::wrap::ellipsis(&format!("{last}…"), text_w);
        }
    }
    let first = (bottom + 1).saturating_sub(rows.len() as u16);
    let blank = " ".repeat(usize::from(width));
    for (k, row) in rows.iter().enumerate() {
        let y = first + k as u16;
        // The rows taken are cleared: nothing of the view shows through.
        put(buf, x, y, &blank, usize::from(width), style);
        fill_row(buf, x, y, width, style);
        put(buf, x + 1, y, row, text_w, style);
    }
}

/// Warnings (a corrupt file moved aside, a directory that cannot be written) in a
/// banner over the top of the view until the next key: every one is readable, not
/// only what fits in the status line.
fn warnings(frame: &mut Frame, app: &App, body: Rect) {
    let Some(m) = app
        .message
        .as_ref()
        .filter(|m| m.level == crate::tui::message::Level::Warning)
    else {
        return;
    };
    let width = body.width.saturating_sub(2) as usize;
    let mut lines: Vec<String> = Vec::new();
    for w in m.text(app.lang).split(" · ") {
        lines.extend(crate::wrap::words(&format!("⚠ {w}"), width));
    }
    let max = (body.height as usize / 2).max(1);
    if lines.len() > max {
        lines.truncate(max);
        if let Some(l) = lines.last_mut() {
            l.push('…');
        }
    }
    let style = app.theme.bar_warning();
    let buf = frame.buffer_mut();
    for (i, l) in lines.iter().enumerate() {
        let y = body.y + i as u16;
        fill_row(buf, body.x, y, body.width, style);
        if y < buf.area.bottom() && body.width > 1 {
            buf.set_stringn(body.x + 1, y, crate::wrap::ellipsis(l, width), width, style);
        }
    }
}
