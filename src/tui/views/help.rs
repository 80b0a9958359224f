//! The help overlay, generated from the same keymap tables that dispatch keys.
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{Context, tables};
use crate::wrap::ellipsis as truncate;

pub enum Row {
    Heading(String),
    Key(String, String),
    Blank,
}

pub fn rows(app: &App) -> Vec<Row> {
    let ctx = match app.context() {
        Context::Help if app.on_budget() => Context::Budget,
        Context::Help if app.on_quiz() => Context::QuizMenu,
        Context::Help if app.on_lab() && app.lab_iam => Context::Iam,
        Context::Help if app.on_lab() => Context::Lab,
        Context::LabInput | Context::LabList | Context::IamSamples if app.lab_iam => Context::Iam,
        Context::Help => Context::Notes,
        c => c,
    };
    let mut out = Vec::new();
    for (i, (title, bindings)) in tables(ctx).into_iter().enumerate() {
        if i > 0 {
            out.push(Row::Blank);
        }
        out.push(Row::Heading(title.get(app.lang).to_string()));
        for b in bindings {
            if !app.on_scenarios_note() && b.does(Action::OpenScenarioBudget) {
                continue;
            }
            out.push(Row::Key(b.label(), b.help.get(app.lang).to_string()));
        }
    }
    out
}

/// The overlay laid out in `body`: its box, the width of its key column and its
/// rows, a help text too long for its row wrapped under itself (never cut).
fn laid_out(app: &App, body: Rect) -> (Rect, usize, Vec<Row>) {
    let rows = rows(app);
    // As wide as the longest key and help text need (within the screen), so no key
    // list is cut: "↓ j  ↑ k  PgDn PgUp  g G" is 24 columns.
    let (mut keys_max, mut help_max) = (0, 0);
    for row in &rows {
        if let Row::Key(k, h) = row {
            keys_max = keys_max.max(k.width());
            help_max = help_max.max(h.width());
        }
    }
    let keys_max = keys_max.min(30);
    let want = (2 + keys_max + 1 + help_max + 1 + 2).max(72) as u16;
    let width = want.min(body.width);
    let inner_w = usize::from(width.saturating_sub(2));
    let key_w = keys_max.min(inner_w / 2);
    let help_w = inner_w.saturating_sub(2 + key_w + 1).max(1);
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        match row {
            Row::Key(k, h) if h.width() > help_w => {
                for (i, part) in crate::wrap::words(&h, help_w).into_iter().enumerate() {
                    let key = if i == 0 { k.clone() } else { String::new() };
                    lines.push(Row::Key(key, part));
                }
            }
            other => lines.push(other),
        }
    }
    let area = super::popup_rect(body, width, lines.len() as u16 + 2);
    (area, key_w, lines)
}

/// The first row of the last page: the help scrolls no further, so that `k` moves
/// back at once after any number of `j`.
pub fn last_start(app: &App, body: Rect) -> usize {
    let (area, _, rows) = laid_out(app, body);
    let visible = usize::from(area.height.saturating_sub(2));
    rows.len().saturating_sub(visible)
}

pub fn draw(frame: &mut Frame, app: &App, body: Rect, scroll: usize) {
    let theme = app.theme;
    let (area, key_w, rows) = laid_out(app, body);
    let title = match app.lang {
        Lang::En => " Keys — Esc or ? closes ",
        Lang::PtBr => " Teclas — Esc ou ? fecha ",
    };
    let inner = super::boxed(frame, area, title, &theme);
    let buf = frame.buffer_mut();
    let visible = inner.height as usize;
    let start = scroll.min(rows.len().saturating_sub(visible));
    for (i, row) in rows.iter().skip(start).take(visible).enumerate() {
        let y = inner.y + i as u16;
        let w = inner.width as usize;
        match row {
            Row::Heading(t) => {
                buf.set_stringn(
                    inner.x + 1,
                    y,
                    truncate(t, w.saturating_sub(1)),
                    w,
                    theme.heading(),
                );
            }
            Row::Key(k, h) => {
                buf.set_stringn(
                    inner.x + 2,
                    y,
                    truncate(k, key_w),
                    key_w,
                    theme.md(crate::markdown::Style::MARKER),
                );
                let hx = 2 + key_w + 1;
                if w > hx {
                    buf.set_stringn(
                        inner.x + hx as u16,
                        y,
                        truncate(h, w - hx),
                        w - hx,
                        Style::default(),
                    );
                }
            }
            Row::Blank => {}
        }
    }
    if rows.len() > visible && inner.width > 3 {
        let more = format!(" {}/{} ", (start + visible).min(rows.len()), rows.len());
        let x = area.x + area.width.saturating_sub(more.width() as u16 + 1);
        buf.set_stringn(
            x,
            area.y + area.height - 1,
            &more,
            more.width(),
            theme.border(),
        );
    }
}
