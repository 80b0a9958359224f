//! The tab bar: numbered labels when they fit, plain labels otherwise, and a
//! scrolling window with ‹ › markers on narrow terminals (no tab is silently hidden).
use ratatui::Frame;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use crate::tui::app::App;

pub fn labels(app: &App) -> Vec<String> {
    let mut l: Vec<String> = app
        .library
        .topics
        .iter()
        .map(|t| t.label(app.lang))
        .collect();
    l.push(match app.lang {
        crate::lang::Lang::En => "Budget".into(),
        crate::lang::Lang::PtBr => "Orçamento".into(),
    });
    l.push(super::quiz::label(app));
    l.push("Lab".into());
    l
}

#[derive(Debug, PartialEq)]
pub struct Placed {
    pub index: usize,
    pub x: u16,
    pub text: String,
}

#[derive(Debug, PartialEq)]
pub struct Bar {
    pub items: Vec<Placed>,
    pub more_left: bool,
    pub more_right: bool,
}

const SEP: u16 = 1;

/// Places the tabs in `width` columns, keeping `selected` visible.
pub fn place(labels: &[String], selected: usize, width: u16) -> Bar {
    // Three densities: numbered, padded, compact; then the bar scrolls.
    let texts = |level: u8| -> Vec<String> {
        labels
            .iter()
            .enumerate()
            .map(|(i, l)| match level {
                0 if i + 1 == labels.len() && l == "Lab" => format!(" 0 {l} "),
                0 if i < 9 => format!(" {} {l} ", i + 1),
                0 | 1 => format!(" {l} "),
                _ => l.clone(),
            })
            .collect()
    };
    let total = |t: &[String]| -> u16 {
        let w: usize = t.iter().map(|s| s.width()).sum::<usize>() + t.len().saturating_sub(1);
        u16::try_from(w).unwrap_or(u16::MAX)
    };
    for level in [0, 1, 2] {
        let t = texts(level);
        if total(&t) <= width {
            let mut x = 0;
            let items = t
                .into_iter()
                .enumerate()
                .map(|(i, text)| {
                    let p = Placed { index: i, x, text };
                    x += p.text.width() as u16 + SEP;
                    p
                })
                .collect();
            return Bar {
                items,
                more_left: false,
                more_right: false,
            };
        }
    }
    // Scroll: reserve two columns for the markers.
    let t = texts(1);
    let w: Vec<u16> = t.iter().map(|s| s.width() as u16).collect();
    let selected = selected.min(t.len().saturating_sub(1));
    let span = |from: usize| -> u16 {
        w[from..=selected].iter().sum::<u16>() + (selected - from) as u16 * SEP
    };
    // Without a left marker the bar starts at column 0; with one, at column 2.
    let mut start = 0;
    let mut lead = 0;
    if span(0) > width.saturating_sub(2) {
        lead = 2;
        start = 1;
        while start < selected && span(start) > width.saturating_sub(4) {
            start += 1;
        }
    }
    let avail = width.saturating_sub(lead + 2);
    let mut items = Vec::new();
    let mut x = lead;
    let mut end = start;
    for (i, text) in t.iter().enumerate().skip(start) {
        let tw = w[i];
        if x + tw > lead + avail && i != start {
            break;
        }
        items.push(Placed {
            index: i,
            x,
            text: text.clone(),
        });
        x += tw + SEP;
        end = i + 1;
    }
    Bar {
        items,
        more_left: start > 0,
        more_right: end < t.len(),
    }
}

/// The tab under column `col`, for mouse clicks.
pub fn hit(labels: &[String], selected: usize, width: u16, col: u16) -> Option<usize> {
    place(labels, selected, width)
        .items
        .into_iter()
        .find(|p| col >= p.x && col < p.x + p.text.width() as u16)
        .map(|p| p.index)
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let labels = labels(app);
    let bar = place(&labels, app.tab_position(), area.width);
    let buf = frame.buffer_mut();
    buf.set_style(area, theme.tab());
    for p in &bar.items {
        let style = if p.index == app.tab_position() {
            theme.tab_active()
        } else {
            theme.tab()
        };
        let max = area.width.saturating_sub(p.x) as usize;
        buf.set_stringn(area.x + p.x, area.y, &p.text, max, style);
        let sep_x = p.x + p.text.width() as u16;
        if sep_x < area.width {
            buf.set_stringn(area.x + sep_x, area.y, "│", 1, theme.dim());
        }
    }
    if bar.more_left {
        buf.set_stringn(area.x, area.y, "‹", 1, theme.heading());
    }
    if bar.more_right && area.width > 0 {
        buf.set_stringn(area.x + area.width - 1, area.y, "›", 1, theme.heading());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course() -> Vec<String> {
        [
            "Step Functions",
            "CloudFormation",
            "IAM/KMS/VPC",
            "Cost",
            "Scenarios",
            "Services",
            "Practices",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    #[test]
    fn nine_tabs_fit_compactly_at_100_columns() {
        let mut l = course();
        l.push("Budget".into());
        l.push("Quiz (12)".into());
        let bar = place(&l, 8, 100);
        assert_eq!(bar.items.len(), 9);
        assert!(!bar.more_left && !bar.more_right);
        assert_eq!(bar.items[0].text, "Step Functions");
    }

    #[test]
    fn all_course_tabs_fit_at_100_columns() {
        let bar = place(&course(), 0, 100);
        assert_eq!(bar.items.len(), 7);
        assert!(!bar.more_left && !bar.more_right);
    }

    #[test]
    fn numbers_show_when_there_is_room() {
        let bar = place(&course(), 0, 120);
        assert_eq!(bar.items[2].text, " 3 IAM/KMS/VPC ");
    }

    #[test]
    fn narrow_bars_scroll_to_the_selection_with_markers() {
        let bar = place(&course(), 6, 60);
        assert!(bar.items.iter().any(|p| p.index == 6));
        assert!(bar.more_left);
        assert!(bar.items.iter().all(|p| p.x + p.text.width() as u16 <= 58));
        let first = place(&course(), 0, 60);
        assert!(first.more_right && !first.more_left);
    }

    #[test]
    fn clicks_hit_the_tab_under_the_column() {
        assert_eq!(hit(&course(), 0, 100, 1), Some(0));
        assert_eq!(hit(&course(), 0, 100, 18), Some(1));
    }
}
