//! The tab bar: every tab named at once. Numbered labels when they fit, then whole
//! labels; then the note titles are shortened alike (with an ellipsis, and numbered)
//! so that Budget, Quiz and Lab always show whole; only when even the numbers do not fit does the bar scroll, with ‹ ›
//! markers, keeping the current tab in view (no tab is silently hidden).
use ratatui::Frame;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use crate::tui::app::App;
use crate::wrap;

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
/// The last tabs (Budget, Quiz, Lab) are never shortened: they are the ones a
/// learner cannot find by reading a note's title.
const FIXED: usize = 3;
/// A shortened title keeps at least two letters and its ellipsis.
const SHORTEST: usize = 3;

/// The key that jumps to the tab at `i` of `n` (the last one is the Lab, `0`).
fn digit(i: usize, n: usize) -> Option<usize> {
    if i + 1 == n {
        Some(0)
    } else if i < 9 {
        Some(i + 1)
    } else {
        None
    }
}

fn numbered(i: usize, n: usize, label: &str) -> String {
    match digit(i, n) {
        Some(d) => format!("{d} {label}"),
        None => label.to_string(),
    }
}

fn total(t: &[String]) -> u16 {
    let w: usize = t.iter().map(|s| wrap::width(s)).sum::<usize>() + t.len().saturating_sub(1);
    u16::try_from(w).unwrap_or(u16::MAX)
}

fn in_a_row(t: Vec<String>) -> Bar {
    let mut x = 0;
    let items = t
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let p = Placed { index: i, x, text };
            x += wrap::width(&p.text) as u16 + SEP;
            p
        })
        .collect();
    Bar {
        items,
        more_left: false,
        more_right: false,
    }
}

/// Places the tabs in `width` columns, keeping `selected` visible.
pub fn place(labels: &[String], selected: usize, width: u16) -> Bar {
    let n = labels.len();
    let fixed_from = n.saturating_sub(FIXED);
    // 1. Numbered and padded; 2. numbered.
    let padded: Vec<String> = (0..n)
        .map(|i| format!(" {} ", numbered(i, n, &labels[i])))
        .collect();
    if total(&padded) <= width {
        return in_a_row(padded);
    }
    let plain: Vec<String> = (0..n).map(|i| numbered(i, n, &labels[i])).collect();
    if total(&plain) <= width {
        return in_a_row(plain);
    }
    // 3. Whole titles without numbers (a title reads better than its number).
    let bare: Vec<String> = labels.to_vec();
    if total(&bare) <= width {
        return in_a_row(bare);
    }
    // 4. The note titles shortened alike, to the widest that fits, numbered.
    let longest = labels[..fixed_from]
        .iter()
        .map(|l| wrap::width(l))
        .max()
        .unwrap_or(0);
    for cols in (SHORTEST..longest).rev() {
        let t: Vec<String> = (0..n)
            .map(|i| {
                if i < fixed_from {
                    numbered(i, n, &wrap::ellipsis(&labels[i], cols))
                } else {
                    plain[i].clone()
                }
            })
            .collect();
        if total(&t) <= width {
            return in_a_row(t);
        }
    }
    // 5. Numbers alone for the other notes, the current one named (a note without a
    // number keeps a letter); then the same, scrolled, rather than an unnamed tab.
    let t: Vec<String> = (0..n)
        .map(|i| match digit(i, n) {
            _ if i >= fixed_from || i == selected => plain[i].clone(),
            Some(d) => d.to_string(),
            None => wrap::ellipsis(&labels[i], 2),
        })
        .collect();
    if total(&t) <= width {
        return in_a_row(t);
    }
    scroll(t, selected, width)
}

/// The bar too narrow for every tab: a window around `selected`, with markers.
fn scroll(t: Vec<String>, selected: usize, width: u16) -> Bar {
    let w: Vec<u16> = t.iter().map(|s| wrap::width(s) as u16).collect();
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
    for (i, text) in t.into_iter().enumerate().skip(start) {
        let tw = w[i];
        if x + tw > lead + avail && i != start {
            break;
        }
        items.push(Placed { index: i, x, text });
        x += tw + SEP;
        end = i + 1;
    }
    Bar {
        items,
        more_left: start > 0,
        more_right: end < w.len(),
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
    let last = bar.items.len().saturating_sub(1);
    for (k, p) in bar.items.iter().enumerate() {
        let style = if p.index == app.tab_position() {
            theme.tab_active()
        } else {
            theme.tab()
        };
        let max = area.width.saturating_sub(p.x) as usize;
        buf.set_stringn(area.x + p.x, area.y, &p.text, max, style);
        let sep_x = p.x + p.text.width() as u16;
        // Between tabs only: nothing trails the last one.
        if k < last && sep_x < area.width {
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

    fn course(lang: &str, quiz: &str) -> Vec<String> {
        let notes: &[&str] = if lang == "en" {
            &[
                "Step Functions",
                "CloudFormation",
                "IAM/KMS/VPC",
                "Cost",
                "Scenarios",
                "Services",
                "Practices",
                "Budget",
            ]
        } else {
            &[
                "Step Functions",
                "CloudFormation",
                "IAM/KMS/VPC",
                "Custos",
                "Cenários",
                "Serviços",
                "Práticas",
                "Orçamento",
            ]
        };
        let mut l: Vec<String> = notes.iter().map(|s| s.to_string()).collect();
        l.push(quiz.into());
        l.push("Lab".into());
        l
    }

    fn row(bar: &Bar) -> String {
        bar.items
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("│")
    }

    fn fits(bar: &Bar, width: u16) -> bool {
        bar.items
            .iter()
            .all(|p| p.x + wrap::width(&p.text) as u16 <= width)
    }

    #[test]
    fn at_80_columns_every_tab_is_named_and_the_last_three_whole() {
        for lang in ["en", "pt-BR"] {
            for quiz in ["Quiz", "Quiz (12)", "Quiz (1234)"] {
                let l = course(lang, quiz);
                for selected in 0..l.len() {
                    let bar = place(&l, selected, 80);
                    assert_eq!(bar.items.len(), 10, "{lang} {quiz}: {}", row(&bar));
                    assert!(!bar.more_left && !bar.more_right);
                    assert!(fits(&bar, 80), "{}", row(&bar));
                    let text = row(&bar);
                    assert!(text.contains(&format!("8 {}", l[7])), "{text}");
                    assert!(text.contains(&format!("9 {quiz}")), "{text}");
                    assert!(text.ends_with("0 Lab"), "{text}");
                }
            }
        }
    }

    #[test]
    fn at_80_columns_note_titles_are_shortened_alike() {
        let bar = place(&course("en", "Quiz"), 0, 80);
        assert_eq!(
            row(&bar),
            "1 Step…│2 Clou…│3 IAM/…│4 Cost│5 Scen…│6 Serv…│7 Prac…│8 Budget│9 Quiz│0 Lab"
        );
        let bar = place(&course("pt-BR", "Quiz"), 0, 80);
        assert_eq!(
            row(&bar),
            "1 Step…│2 Clou…│3 IAM/…│4 Cust…│5 Cená…│6 Serv…│7 Prát…│8 Orçamento│9 Quiz│0 Lab"
        );
    }

    #[test]
    fn at_120_columns_titles_are_whole_and_numbered() {
        for lang in ["en", "pt-BR"] {
            let l = course(lang, "Quiz (12)");
            let bar = place(&l, 9, 120);
            assert!(fits(&bar, 120));
            for (i, p) in bar.items.iter().enumerate() {
                assert!(p.text.contains(l[i].as_str()), "{}", row(&bar));
            }
            assert_eq!(bar.items[2].text, "3 IAM/KMS/VPC");
        }
    }

    #[test]
    fn at_100_columns_whole_titles_win_over_numbers() {
        let bar = place(&course("en", "Quiz (12)"), 0, 100);
        assert_eq!(
            row(&bar),
            "Step Functions│CloudFormation│IAM/KMS/VPC│Cost│Scenarios│Services│Practices│Budget│Quiz (12)│Lab"
        );
    }

    #[test]
    fn at_60_columns_numbers_stay_and_every_tab_shows() {
        for lang in ["en", "pt-BR"] {
            let bar = place(&course(lang, "Quiz (12)"), 4, 60);
            assert_eq!(bar.items.len(), 10, "{}", row(&bar));
            assert!(fits(&bar, 60), "{}", row(&bar));
            assert!(row(&bar).starts_with("1"), "{}", row(&bar));
            assert!(row(&bar).ends_with("│0 Lab"), "{}", row(&bar));
        }
        let bar = place(&course("en", "Quiz"), 0, 60);
        assert_eq!(
            row(&bar),
            "1 Step Functions│2│3│4│5│6│7│8 Budget│9 Quiz│0 Lab"
        );
        let bar = place(&course("pt-BR", "Quiz (12)"), 4, 60);
        assert_eq!(
            row(&bar),
            "1│2│3│4│5 Cenários│6│7│8 Orçamento│9 Quiz (12)│0 Lab"
        );
        let bar = place(&course("pt-BR", "Quiz (12)"), 1, 48);
        assert!(bar.more_left || bar.more_right, "{}", row(&bar));
        assert!(row(&bar).contains("2 CloudFormation"), "{}", row(&bar));
    }

    #[test]
    fn very_narrow_bars_scroll_to_the_selection_with_markers() {
        let l = course("pt-BR", "Quiz");
        for selected in 0..l.len() {
            let bar = place(&l, selected, 30);
            let current = bar.items.iter().find(|p| p.index == selected);
            assert!(current.is_some_and(|p| p.text.contains(l[selected].as_str())));
            assert!(
                bar.items
                    .iter()
                    .all(|p| p.x + wrap::width(&p.text) as u16 <= 28)
            );
            assert!(bar.more_left || bar.more_right);
        }
        let first = place(&l, 0, 30);
        assert!(first.more_right && !first.more_left);
    }

    #[test]
    fn more_notes_than_digits_still_show_the_current_tab_at_any_width() {
        let mut l: Vec<String> = (1..=12).map(|i| format!("Topic number {i}")).collect();
        l.extend(["Budget".to_string(), "Quiz".into(), "Lab".into()]);
        for width in [20, 40, 60, 80, 120, 200] {
            for selected in 0..l.len() {
                let bar = place(&l, selected, width);
                assert!(fits(&bar, width), "{width}: {}", row(&bar));
                let current = bar.items.iter().find(|p| p.index == selected);
                assert!(current.is_some(), "{width} {selected}: {}", row(&bar));
            }
        }
        // Notes past the ninth have no key: shortened, they keep letters, not a digit.
        let bar = place(&l, 0, 120);
        assert!(bar.items[10].text.starts_with("To"), "{}", row(&bar));
        assert_eq!(bar.items[14].text, "0 Lab");
    }

    #[test]
    fn clicks_hit_the_tab_under_the_column() {
        let l = course("en", "Quiz");
        assert_eq!(hit(&l, 0, 80, 1), Some(0));
        assert_eq!(hit(&l, 0, 80, 8), Some(1));
        assert_eq!(hit(&l, 0, 80, 72), Some(9));
        assert_eq!(hit(&l, 0, 80, 78), None);
    }
}
