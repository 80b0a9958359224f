//! The status line: topic, section, position and language; the search field while
//! it is typed; messages and warnings until the next key.
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::tui::app::App;
use crate::tui::message::Level;
use crate::wrap::ellipsis as truncate;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let w = area.width as usize;
    let help = match app.lang {
        Lang::En => "? help",
        Lang::PtBr => "? ajuda",
    };
    let lang = match app.lang {
        Lang::En => "EN",
        Lang::PtBr => "PT-BR",
    };
    let mut position = String::new();
    // Set for a message (a notice, an error, a warning): one too long for the row
    // wraps upwards over the rows above instead of losing its end.
    let mut message = false;
    let (left, style, cursor) = if let Some(field) = &app.notes.field {
        let st = &app.notes[app.note_index()];
        let count =
            st.search
                .as_ref()
                .map_or(String::new(), |s| match (s.current, s.matches.len()) {
                    (_, 0) => match app.lang {
                        Lang::En => "  no match".into(),
                        Lang::PtBr => "  nada encontrado".into(),
                    },
                    (Some(c), n) => format!("  {}/{n}", c + 1),
                    (None, n) => format!("  {n}"),
                });
        let text = format!(" /{field}");
        let cursor_x = area.x + (text.width() as u16).min(area.width.saturating_sub(1));
        (format!("{text}{count}"), theme.bar(), Some(cursor_x))
    } else if let Some(m) = app
        .message
        .as_ref()
        // The Lab says its own messages above its key hints.
        .filter(|m| !app.on_lab() || m.level == Level::Warning)
    {
        let st = if m.is_warning() {
            theme.bar_warning()
        } else {
            theme.bar()
        };
        message = true;
        (format!(" {}", m.text(app.lang)), st, None)
    } else if app.on_quiz() {
        let q = &app.quiz;
        {
            let s = &q.stats;
            let text = match app.lang {
                Lang::En => format!(
                    " Quiz · due today {} · answered {} · streak {} day(s)",
                    s.due_today, s.answered, s.streak_days
                ),
                Lang::PtBr => format!(
                    " Quiz · revisar hoje {} · respondidas {} · sequência {} dia(s)",
                    s.due_today, s.answered, s.streak_days
                ),
            };
            (text, theme.bar(), None)
        }
    } else if app.on_lab() && app.lab_iam {
        let what = match &app.iam.origin {
            crate::tui::iam_tab::IamOrigin::Sample(id) => id.clone(),
            crate::tui::iam_tab::IamOrigin::File(p) => p.clone(),
        };
        (format!(" Lab · IAM · {what}"), theme.bar(), None)
    } else if app.on_lab() {
        let lab = &app.lab;
        let what = match &lab.origin {
            crate::tui::lab_tab::Origin::Sample(id) => id.clone(),
            crate::tui::lab_tab::Origin::File(p) => p.clone(),
        };
        let state = lab
            .current()
            .map(|s| format!(" › {}", s.state))
            .unwrap_or_default();
        (format!(" Lab · {what}{state}"), theme.bar(), None)
    } else if app.on_budget() {
        let b = &app.budget;
        {
            if let Ok(c) = b.budget.compute() {
                position = format!("{} │ ", crate::budget::format::money(c.total, app.lang));
            }
            // Written from the key table that dispatches these keys.
            let table = match (&b.overlay, b.focus) {
                (crate::tui::budget_tab::Overlay::Details { .. }, _) => {
                    crate::tui::keymap::BUDGET_DETAILS
                }
                (_, crate::tui::budget_tab::Focus::Lines) => crate::tui::keymap::BUDGET,
                (_, crate::tui::budget_tab::Focus::Fields(_)) => crate::tui::keymap::BUDGET_FIELDS,
            };
            let hint = crate::tui::keymap::hints(table, app.lang);
            (format!(" {hint}"), theme.bar(), None)
        }
    } else if app.library.topics.is_empty() {
        (String::new(), theme.bar(), None)
    } else {
        let Some(lay) = app.layout() else {
            return;
        };
        let st = &app.notes[app.note_index()];
        let topic = &app.library.topics[app.note_index()];
        let section = lay
            .section_at(st.scroll)
            .filter(|a| a.level >= 2)
            .map(|a| format!(" › {}", a.text))
            .unwrap_or_default();
        let total = lay.lines.len();
        let bottom = (st.scroll + app.notes.text_height).min(total);
        let pct = if total <= app.notes.text_height {
            100
        } else {
            st.scroll * 100 / (total - app.notes.text_height)
        };
        position = format!("{bottom}/{total} {pct}% │ ");
        let left = format!(" {}{section}", topic.title(app.lang));
        (left, theme.bar(), None)
    };
    let right = format!(" {position}{lang} │ {help} ");
    if message && left.width() > w.saturating_sub(right.width()) && area.y >= 2 {
        super::message_up(
            frame.buffer_mut(),
            area.x,
            area.width,
            area.y,
            1,
            &left,
            style,
        );
        return;
    }
    let buf = frame.buffer_mut();
    buf.set_style(area, style);
    let right_w = right.width();
    if w > right_w + 10 {
        let left = truncate(&left, w - right_w);
        buf.set_stringn(area.x, area.y, &left, w - right_w, style);
        buf.set_stringn(
            area.x + (w - right_w) as u16,
            area.y,
            &right,
            right_w,
            style,
        );
    } else {
        buf.set_stringn(area.x, area.y, truncate(&left, w), w, style);
    }
    if let Some(x) = cursor {
        frame.set_cursor_position(Position { x, y: area.y });
    }
}
