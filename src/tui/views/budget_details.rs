//! The Budget tab's details of the selected line: every row of them (formula, cost
//! in reais with the rate, fields, course vs documented price, source, free tier,
//! caveats) for the pane under the table, which shows what fits and says how much
//! more there is, and for the full view (`i`), which scrolls.
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::budget::field_name;
use super::put;
use crate::budget::format::{formula, money_brl, price, unit_abbrev};
use crate::budget::{LineItem, to_brl};
use crate::lang::{Lang, tr as t};
use crate::tui::app::App;
use crate::tui::budget_tab::{BudgetTab, Field, Overlay};
use crate::tui::theme::Theme;

/// How a row of a line's details is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Heading,
    Bold,
    Plain,
    Dim,
}

pub fn row_style(theme: &Theme, kind: RowKind) -> Style {
    match kind {
        RowKind::Heading => theme.heading(),
        RowKind::Bold => Style::default().add_modifier(Modifier::BOLD),
        RowKind::Plain => Style::default(),
        RowKind::Dim => theme.dim(),
    }
}

/// Rows wrapped to `cols` columns; a row continues under its indentation (a
/// bullet's text under the text), a word wider than the row is broken.
pub fn wrapped(rows: &[(String, RowKind)], cols: usize) -> Vec<(String, RowKind)> {
    rows.iter()
        .flat_map(|(text, kind)| {
            crate::wrap::indented(text, cols)
                .into_iter()
                .map(move |l| (l, *kind))
        })
        .collect()
}

/// The line's prices and what its catalog entry says: course vs documented price
/// (with its status and date), the source page, the free tier and the caveats.
pub fn price_rows(tab: &BudgetTab, line: &LineItem, lang: Lang) -> Vec<(String, RowKind)> {
    let Some(entry) = tab.catalog.entry(&line.service) else {
        return vec![
            (String::new(), RowKind::Plain),
            (
                t(
                    lang,
                    "Not in the pricing catalog: no documented price, free tier or caveats.",
                    "Fora do catálogo de preços: sem preço documentado, nível gratuito nem ressalvas.",
                )
                .to_string(),
                RowKind::Dim,
            ),
        ];
    };
    let u = unit_abbrev(&entry.unit, lang);
    let course = entry
        .course()
        .map(|p| format!("{}/{u}", price(p, lang)))
        .unwrap_or_else(|| "—".into());
    // The date is when the price was looked up, not when AWS set it: said so, and
    // the status word explained under it.
    let documented = match entry.documented() {
        Some(p) => format!(
            "{}/{u} ({}, {} {})",
            price(p, lang),
            entry.status().word(lang),
            t(lang, "looked up", "consultado em"),
            crate::numfmt::date(&entry.as_of, lang)
        ),
        None => t(lang, "not verified", "não verificado").to_string(),
    };
    let mut rows: Vec<(String, RowKind)> = vec![
        (String::new(), RowKind::Plain),
        (
            format!("{}: {course}", t(lang, "Course", "Curso")),
            RowKind::Plain,
        ),
        (
            format!(
                "{}: {documented}",
                t(lang, "AWS us-east-1", "AWS us-east-1")
            ),
            RowKind::Plain,
        ),
    ];
    rows.push((
        format!(
            "  {} = {}",
            entry.status().word(lang),
            entry.status().meaning(lang)
        ),
        RowKind::Dim,
    ));
    if entry.documented().is_some_and(|d| d != line.unit_price) {
        rows.push((
            t(
                lang,
                "  D uses the documented price",
                "  D usa o preço documentado",
            )
            .into(),
            RowKind::Dim,
        ));
    }
    rows.extend(super::budget_workbench::resize_row(tab, line, lang));
    if !entry.source.is_empty() {
        rows.push((
            format!("{}: {}", t(lang, "Source", "Fonte"), entry.source),
            RowKind::Dim,
        ));
    }
    let free = crate::content::bank::text_in(&entry.free_tier.note, lang);
    rows.push((
        format!("{}: {free}", t(lang, "Free tier", "Nível gratuito")),
        RowKind::Dim,
    ));
    let caveats = entry.caveats(lang);
    if !caveats.is_empty() {
        rows.push((
            t(
                lang,
                "What the figure leaves out:",
                "O que o valor deixa de fora:",
            )
            .into(),
            RowKind::Bold,
        ));
        for c in caveats {
            rows.push((format!("• {c}"), RowKind::Plain));
        }
    }
    rows
}

/// Every detail of the selected line, for the details view (`i`): what it is, its
/// whole formula and cost (in reais too, with the rate), every field, then its
/// prices, source, free tier and caveats.
pub fn detail_rows(tab: &BudgetTab, lang: Lang) -> Vec<(String, RowKind)> {
    let Some(line) = tab.line() else {
        return Vec::new();
    };
    let mut rows = vec![(line.label.clone(), RowKind::Heading)];
    let what = match tab.catalog.entry(&line.service) {
        Some(e) => format!("{} · {}", e.service, e.name(lang)),
        None => line.service.clone(),
    };
    rows.push((what, RowKind::Dim));
    rows.push((String::new(), RowKind::Plain));
    if let Ok(lc) = line.compute() {
        rows.push((
            format!(
                "{}: {}",
                t(lang, "Formula", "Fórmula"),
                formula(line, &lc, lang)
            ),
            RowKind::Plain,
        ));
        if let Some(rate) = tab.rate
            && let Some(brl) = to_brl(lc.cost, rate)
        {
            rows.push((
                format!(
                    "{}: {} ({})",
                    t(lang, "In reais", "Em reais"),
                    money_brl(brl, lang),
                    crate::numfmt::exchange(rate, lang)
                ),
                RowKind::Plain,
            ));
        }
    }
    rows.push((
        if line.included {
            t(
                lang,
                "Counted in the total (Space or x leaves it out)",
                "Entra no total (Espaço ou x a deixa de fora)",
            )
        } else {
            t(
                lang,
                "Left out of the total (Space or x counts it)",
                "Fora do total (Espaço ou x a inclui)",
            )
        }
        .to_string(),
        RowKind::Dim,
    ));
    rows.push((String::new(), RowKind::Plain));
    rows.push((
        t(lang, "Fields (e edits them)", "Campos (e edita)").to_string(),
        RowKind::Bold,
    ));
    for f in tab.fields() {
        let value = if f == Field::UnitPrice {
            format!(
                "{}/{}",
                price(line.unit_price, lang),
                unit_abbrev(&line.unit, lang)
            )
        } else {
            tab.field_shown(f, lang)
        };
        rows.push((
            format!("  {}: {value}", field_name(tab, f, lang)),
            RowKind::Plain,
        ));
    }
    rows.extend(price_rows(tab, line, lang));
    rows.extend(super::budget_workbench::caveat_rows(tab, lang));
    rows
}

/// Where the details view is drawn in the tab's area, and its text's width and rows.
fn details_geometry(body: Rect) -> (Rect, usize, usize) {
    let rect = super::popup_rect(body, body.width, body.height);
    let text_w = usize::from(rect.width.saturating_sub(4)).max(1);
    let rows = usize::from(rect.height.saturating_sub(2)).max(1);
    (rect, text_w, rows)
}

/// The resize step for the Budget tab: the details view's page and last scroll
/// position for this window (and the scroll kept within them).
pub fn measure(tab: &mut BudgetTab, body: Rect, lang: Lang) {
    let (_, text_w, height) = details_geometry(body);
    tab.details_height = height;
    if let Overlay::Details { scroll } = tab.overlay {
        let total = wrapped(&detail_rows(tab, lang), text_w).len();
        tab.details_last = total.saturating_sub(height);
        tab.overlay = Overlay::Details {
            scroll: scroll.min(tab.details_last),
        };
    }
}

pub fn draw_details(frame: &mut Frame, app: &App, area: Rect, scroll: usize) {
    let lang = app.lang;
    let tab = &app.budget;
    let (rect, text_w, height) = details_geometry(area);
    let rows = wrapped(&detail_rows(tab, lang), text_w);
    let total = rows.len();
    let first = scroll.min(total.saturating_sub(1));
    let last = (first + height).min(total);
    let title = match lang {
        Lang::En => format!(
            " The line in full · rows {}–{last}/{total} · j k PgDn PgUp g G · Esc closes ",
            first + 1
        ),
        Lang::PtBr => format!(
            " Detalhes da linha · linhas {}–{last}/{total} · j k PgDn PgUp g G · Esc fecha ",
            first + 1
        ),
    };
    let inner = super::boxed(frame, rect, &title, &app.theme);
    let buf = frame.buffer_mut();
    for (i, (text, kind)) in rows.iter().skip(first).take(height).enumerate() {
        put(
            buf,
            inner.x + 1,
            inner.y + i as u16,
            text,
            text_w,
            row_style(&app.theme, *kind),
        );
    }
    if last < total && inner.height > 0 {
        super::more_below(buf, rect, total - last, lang, app.theme.border());
    }
}
