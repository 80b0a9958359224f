//! The Budget tab's two budgets side by side (`v`): what to compare with (the
//! budget as opened, a scenario, a saved budget), then the lines matched by service
//! and label with each side's cost and the difference, both totals and the change
//! in percent — the numbers of `budget --compare`, formatted for the language. The
//! lines scroll; the names, the totals and the sentence under them stay.
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use super::put;
use crate::budget::format::money;
use crate::budget::report::{change_sentence, signed_money};
use crate::lang::{Lang, tr as t};
use crate::tui::app::App;
use crate::tui::budget_tab::{BudgetTab, CompareState, Overlay};

fn cost(d: Option<Decimal>, lang: Lang) -> String {
    d.map_or_else(|| "—".to_string(), |d| money(d, lang))
}

/// Where the comparison is drawn, its text's width, and the sentence under it.
fn geometry(body: Rect, state: &CompareState, lang: Lang) -> (Rect, usize, Vec<String>) {
    let rect = super::popup_rect(body, body.width, body.height);
    let text_w = usize::from(rect.width.saturating_sub(4)).max(1);
    let sentence = crate::wrap::words(change_sentence(&state.comparison, lang).trim_end(), text_w);
    (rect, text_w, sentence)
}

/// Rows of lines shown at once: what is left under the names and the column heads
/// and above the total and the sentence (at least one).
fn list_rows(rect: Rect, sentence: usize) -> usize {
    usize::from(rect.height.saturating_sub(2))
        .saturating_sub(3 + 1 + sentence)
        .max(1)
}

/// The resize step: how many lines show at once and the last scroll position.
pub fn measure(tab: &mut BudgetTab, body: Rect, lang: Lang) {
    let Overlay::Compare(state) = &mut tab.overlay else {
        return;
    };
    let (rect, _, sentence) = geometry(body, state, lang);
    let rows = list_rows(rect, sentence.len());
    let last = state.comparison.lines.len().saturating_sub(rows);
    state.scroll = state.scroll.min(last);
    tab.compare_height = rows;
    tab.compare_last = last;
}

/// The list of what to compare with.
pub fn draw_pick(frame: &mut Frame, app: &App, area: Rect, selected: usize) {
    let lang = app.lang;
    let theme = app.theme;
    let choices = app.budget.compare_choices(lang);
    let h = (choices.len().min(usize::from(u16::MAX - 2)) as u16) + 2;
    let inner = super::boxed(
        frame,
        super::popup_rect(area, 70, h),
        t(
            lang,
            " Compare this budget with — number or Enter ",
            " Comparar este orçamento com — número ou Enter ",
        ),
        &theme,
    );
    let rows = usize::from(inner.height);
    let start = selected.saturating_sub(rows.saturating_sub(1));
    let buf = frame.buffer_mut();
    for (i, (_, name)) in choices.iter().enumerate().skip(start).take(rows) {
        let y = inner.y + (i - start) as u16;
        let style = if i == selected {
            theme.selected()
        } else {
            Style::default()
        };
        let num = if i < 9 {
            format!("{}", i + 1)
        } else {
            " ".into()
        };
        super::fill_row(buf, inner.x, y, inner.width, style);
        put(
            buf,
            inner.x,
            y,
            &format!(" {num} {name}"),
            usize::from(inner.width),
            style,
        );
    }
}

pub fn draw_compare(frame: &mut Frame, app: &App, area: Rect, state: &CompareState) {
    let lang = app.lang;
    let theme = app.theme;
    let tab = &app.budget;
    let c = &state.comparison;
    let (rect, text_w, sentence) = geometry(area, state, lang);
    let rows = list_rows(rect, sentence.len());
    let total = c.lines.len();
    let first = state.scroll.min(total.saturating_sub(rows));
    let last = (first + rows).min(total);
    let title = match (lang, total > rows) {
        (Lang::En, true) => format!(
            " Compare · lines {}–{last}/{total} · j k PgDn PgUp · Esc closes ",
            first + 1
        ),
        (Lang::PtBr, true) => format!(
            " Comparar · linhas {}–{last}/{total} · j k PgDn PgUp · Esc fecha ",
            first + 1
        ),
        (Lang::En, false) => " Compare two budgets · Esc closes ".into(),
        (Lang::PtBr, false) => " Comparar dois orçamentos · Esc fecha ".into(),
    };
    let inner = super::boxed(frame, rect, &title, &theme);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let x = inner.x + 1;
    let bottom = inner.y + inner.height;
    let buf = frame.buffer_mut();
    // The names of the two sides.
    let names = [
        format!("A: {}", tab.compare_a_name(state, lang)),
        format!("B: {}", tab.compare_b_name(lang)),
    ];
    for (i, n) in names.iter().enumerate() {
        put(buf, x, inner.y + i as u16, n, text_w, theme.heading());
    }
    // Columns: the money ones as wide as their widest figure, the label the rest.
    let a: Vec<String> = c.lines.iter().map(|l| cost(l.a, lang)).collect();
    let b: Vec<String> = c.lines.iter().map(|l| cost(l.b, lang)).collect();
    let d: Vec<String> = c
        .lines
        .iter()
        .map(|l| signed_money(l.difference, lang))
        .collect();
    let totals = [
        money(c.a_total, lang),
        money(c.b_total, lang),
        signed_money(c.difference, lang),
    ];
    let diff_head = t(lang, "Difference", "Diferença");
    let widest = |col: &[String], extra: &str, head: &str| -> usize {
        col.iter()
            .map(|s| s.width())
            .chain([extra.width(), head.width()])
            .max()
            .unwrap_or(0)
    };
    let widths = [
        widest(&a, &totals[0], "A"),
        widest(&b, &totals[1], "B"),
        widest(&d, &totals[2], diff_head),
    ];
    let money_w: usize = widths.iter().map(|w| w + 2).sum();
    let label_w = text_w.saturating_sub(money_w).max(4);
    let row = |buf: &mut ratatui::buffer::Buffer, y: u16, cells: [&str; 4], style: Style| {
        put(buf, x, y, cells[0], label_w, style);
        let mut cx = x as usize + label_w;
        for (k, cell) in cells[1..].iter().enumerate() {
            cx += 2;
            let pad = widths[k].saturating_sub(cell.width());
            put(buf, (cx + pad) as u16, y, cell, widths[k], style);
            cx += widths[k];
        }
    };
    let head = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let head_y = inner.y + 2;
    if head_y < bottom {
        row(
            buf,
            head_y,
            [t(lang, "Line", "Linha"), "A", "B", diff_head],
            head,
        );
    }
    for (i, l) in c.lines.iter().enumerate().skip(first).take(rows) {
        let y = head_y + 1 + (i - first) as u16;
        if y >= bottom {
            break;
        }
        // A line only one side has is dimmed; a changed one is plain.
        let style = if l.a.is_none() || l.b.is_none() {
            theme.dim()
        } else {
            Style::default()
        };
        row(buf, y, [&l.label, &a[i], &b[i], &d[i]], style);
    }
    // The total right under the last line shown.
    let total_y = head_y + 1 + (last - first) as u16;
    if total_y < bottom {
        row(
            buf,
            total_y,
            [
                t(lang, "Total per month", "Total por mês"),
                &totals[0],
                &totals[1],
                &totals[2],
            ],
            Style::default().add_modifier(Modifier::BOLD),
        );
    }
    for (k, s) in sentence.iter().enumerate() {
        let y = total_y + 1 + k as u16;
        if y >= bottom {
            break;
        }
        put(buf, x, y, s, text_w, Style::default());
    }
    // More below, on the bottom border.
    if last < total {
        super::more_below(buf, rect, total - last, lang, theme.border());
    }
}
