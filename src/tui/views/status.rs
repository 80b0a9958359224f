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
        // The Lab says its own messages above its key hints; the Budget tab's go
        // above its hints too (below), which stay where they are.
        .filter(|m| !app.on_budget() && (!app.on_lab() || m.level == Level::Warning))
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
                    " Quiz · due today {} · answered {} · streak {}",
                    s.due_today,
                    s.answered,
                    crate::numfmt::days(u64::from(s.streak_days), app.lang)
                ),
                Lang::PtBr => format!(
                    " Quiz · revisar hoje {} · respondidas {} · sequência {}",
                    s.due_today,
                    s.answered,
                    crate::numfmt::days(u64::from(s.streak_days), app.lang)
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
        // The key hints, on two rows when one is too narrow (the Budget view leaves
        // the row above free then): every key shows at 80 columns.
        let hint = budget_hint(app);
        let rows = budget_hint_rows(app, area.width);
        // A message takes the row above the hints, wrapping upwards over the view
        // (up to three rows) when it is longer: both stay readable until the next key.
        if let Some(m) = &app.message
            && area.y > rows
        {
            let st = if m.is_warning() {
                theme.bar_warning()
            } else {
                theme.bar()
            };
            super::message_up(
                frame.buffer_mut(),
                area.x,
                area.width,
                area.y - rows,
                1,
                &format!(" {}", m.text(app.lang)),
                st,
            );
        }
        if rows == 2 && area.y >= 1 {
            let (first, rest) = split_hint(&hint, w.saturating_sub(2));
            let above = Rect {
                y: area.y - 1,
                ..area
            };
            frame.buffer_mut().set_style(above, theme.bar());
            let row = truncate(&format!(" {first}"), w);
            frame
                .buffer_mut()
                .set_stringn(above.x, above.y, &row, w, theme.bar());
            (format!(" {rest}"), theme.bar(), None)
        } else {
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
        // The section is what places the reader: when the note's title and the
        // section do not both fit, the title gives way to the tab's short name.
        let room = w.saturating_sub(format!(" {position}{lang} │ {help} ").width());
        let mut left = format!(" {}{section}", topic.title(app.lang));
        if left.width() > room && !section.is_empty() {
            left = format!(" {}{section}", topic.label(app.lang));
        }
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

/// The status line's right part without a position: ` PT-BR │ ? ajuda `.
fn right_part(app: &App) -> String {
    let (lang, help) = match app.lang {
        Lang::En => ("EN", "? help"),
        Lang::PtBr => ("PT-BR", "? ajuda"),
    };
    format!(" {lang} │ {help} ")
}

/// The Budget tab's key hints for where the learner is, written from the key table
/// that dispatches those keys.
fn budget_hint(app: &App) -> String {
    use crate::tui::budget_tab::{Focus, Overlay};
    use crate::tui::keymap;
    let b = &app.budget;
    let table = match (&b.overlay, b.focus) {
        (Overlay::Details { .. }, _) => keymap::BUDGET_DETAILS,
        (Overlay::S3 { .. }, _) => keymap::BUDGET_S3,
        (Overlay::Export { .. }, _) => keymap::BUDGET_EXPORT,
        (Overlay::Factors { .. }, _) => keymap::BUDGET_FACTORS,
        (Overlay::Compare(_), _) => keymap::BUDGET_COMPARE,
        (_, Focus::Lines) => keymap::BUDGET,
        (_, Focus::Fields(_)) => keymap::BUDGET_FIELDS,
    };
    keymap::hints(table, app.lang)
}

/// Rows the Budget tab's hints take at `width`: 1, or 2 when they do not fit on
/// the status row beside the language and help.
pub fn budget_hint_rows(app: &App, width: u16) -> u16 {
    let room = usize::from(width).saturating_sub(right_part(app).width() + 1);
    if budget_hint(app).width() > room {
        2
    } else {
        1
    }
}

/// The hints split at a ` · ` so the first part fits `cols` columns.
fn split_hint(hint: &str, cols: usize) -> (String, String) {
    let mut first = String::new();
    let mut rest: Vec<&str> = Vec::new();
    for item in hint.split(" · ") {
        let next = if first.is_empty() {
            item.width()
        } else {
            first.width() + 3 + item.width()
        };
        if rest.is_empty() && next <= cols {
            if !first.is_empty() {
                first.push_str(" · ");
            }
            first.push_str(item);
        } else {
            rest.push(item);
        }
    }
    (first, rest.join(" · "))
}
