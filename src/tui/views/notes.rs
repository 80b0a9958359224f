//! The notes view: the visible window of the laid-out note, search highlights, a
//! scrollbar, and on wide screens an outline of the sections beside the text.
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

use crate::markdown::Line as MdLine;
use crate::markdown::text::char_width;
use crate::tui::app::{App, Match, outline};
use crate::tui::theme::Theme;

/// The widest text column used, for comfortable reading on wide terminals.
pub const MAX_TEXT_WIDTH: u16 = 100;
/// From this width on, the outline is shown beside the text.
pub const SIDEBAR_MIN_WIDTH: u16 = 110;

pub struct Geometry {
    pub text: Rect,
    pub scrollbar: Rect,
    pub sidebar: Option<Rect>,
}

pub fn geometry(body: Rect) -> Geometry {
    let sidebar_w = if body.width >= SIDEBAR_MIN_WIDTH {
        (body.width / 4).min(34)
    } else {
        0
    };
    let main_w = body.width - sidebar_w;
    let text_w = main_w.saturating_sub(3).clamp(1, MAX_TEXT_WIDTH);
    Geometry {
        text: Rect {
            x: body.x + 1,
            y: body.y,
            width: text_w,
            height: body.height,
        },
        scrollbar: Rect {
            x: body.x + main_w.saturating_sub(1),
            y: body.y,
            width: 1,
            height: body.height,
        },
        sidebar: (sidebar_w > 0).then_some(Rect {
            x: body.x + main_w,
            y: body.y,
            width: sidebar_w,
            height: body.height,
        }),
    }
}

pub fn draw(frame: &mut Frame, app: &App, body: Rect) {
    let g = geometry(body);
    let Some(lay) = app.layout() else {
        return;
    };
    let st = &app.notes[app.note_index()];
    let theme = app.theme;
    let matches: &[Match] = st.search.as_ref().map_or(&[], |s| &s.matches);
    let current = st
        .search
        .as_ref()
        .and_then(|s| s.current.map(|c| s.matches[c]));
    let buf = frame.buffer_mut();
    let end = (st.scroll + g.text.height as usize).min(lay.lines.len());
    for (row, idx) in (st.scroll..end).enumerate() {
        let y = g.text.y + row as u16;
        let first = matches.partition_point(|m| m.line < idx);
        let line_matches: Vec<Match> = matches[first..]
            .iter()
            .take_while(|m| m.line == idx)
            .copied()
            .collect();
        draw_line(
            buf,
            &theme,
            &lay.lines[idx],
            Rect {
                y,
                height: 1,
                ..g.text
            },
            &line_matches,
            current,
        );
    }
    if lay.lines.len() > g.text.height as usize {
        let mut sb = ScrollbarState::new(lay.lines.len().saturating_sub(g.text.height as usize))
            .position(st.scroll)
            .viewport_content_length(g.text.height as usize);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .thumb_style(theme.border())
                .track_style(theme.dim()),
            g.scrollbar,
            &mut sb,
        );
    }
    if let Some(side) = g.sidebar {
        draw_sidebar(frame, app, side);
    }
}

/// Draws one laid-out line, with search matches highlighted by character range.
fn draw_line(
    buf: &mut Buffer,
    theme: &Theme,
    line: &MdLine,
    row: Rect,
    matches: &[Match],
    current: Option<Match>,
) {
    let (mut x, y) = (row.x, row.y);
    let right = row.x + row.width;
    let mut col = 0usize; // character index in the line
    for (text, md_style) in line.spans() {
        let base = theme.md(md_style);
        for c in text.chars() {
            let cw = char_width(c) as u16;
            if x + cw > right {
                return;
            }
            let mut style: Style = base;
            if let Some(m) = matches.iter().find(|m| col >= m.start && col < m.end) {
                style = if Some(*m) == current {
                    theme.current_match()
                } else {
                    theme.search_match()
                };
            }
            if cw > 0 {
                let mut tmp = [0u8; 4];
                buf.set_stringn(x, y, c.encode_utf8(&mut tmp), cw as usize, style);
            }
            x += cw;
            col += 1;
        }
    }
}

fn draw_sidebar(frame: &mut Frame, app: &App, area: Rect) {
    let Some(lay) = app.layout() else {
        return;
    };
    let theme = app.theme;
    let scroll = app.notes[app.note_index()].scroll;
    let sections = outline(&lay);
    let current = sections.iter().rposition(|a| a.line <= scroll);
    let buf = frame.buffer_mut();
    for y in area.y..area.y + area.height {
        buf.set_stringn(area.x, y, "│", 1, theme.dim());
    }
    let title = match app.lang {
        crate::lang::Lang::En => "Sections (o)",
        crate::lang::Lang::PtBr => "Seções (o)",
    };
    let inner_x = area.x + 2;
    let inner_w = area.width.saturating_sub(3) as usize;
    buf.set_stringn(inner_x, area.y, title, inner_w, theme.heading());
    // A name too long for the pane wraps under itself (a cut name can read like
    // another section's).
    let entries: Vec<Vec<String>> = sections
        .iter()
        .map(|a| {
            crate::wrap::words(&a.text, inner_w.saturating_sub(1).max(1))
                .into_iter()
                .enumerate()
                .map(|(k, l)| if k == 0 { l } else { format!(" {l}") })
                .collect()
        })
        .collect();
    // Keep the current section in view when the list is longer than the pane: the
    // earliest first entry from which it still fits.
    let rows = area.height.saturating_sub(2) as usize;
    let mut start = current.unwrap_or(0).min(entries.len().saturating_sub(1));
    let mut used = entries.get(start).map_or(0, Vec::len);
    while start > 0 && used + entries[start - 1].len() <= rows {
        start -= 1;
        used += entries[start].len();
    }
    let mut y = area.y + 2;
    for (i, lines) in entries.iter().enumerate().skip(start) {
        let style = if Some(i) == current {
            theme.selected()
        } else {
            Style::default()
        };
        for l in lines {
            if y >= area.y + 2 + rows as u16 {
                return;
            }
            buf.set_stringn(inner_x, y, l, inner_w, style);
            y += 1;
        }
    }
}
