//! The Budget tab: totals, the lines with their formulas, the selected line's fields
//! (edited inline), course vs documented price and caveats, and cost by service.
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use super::put;
use crate::budget::Computed;
use crate::budget::format::{formula, money, money_brl, number, price, unit_abbrev};
use crate::lang::{Lang, tr as t};
use crate::tui::app::App;
use crate::tui::budget_tab::{BudgetTab, ExportFormat, Field, Focus, Input, Overlay};
use crate::tui::theme::Theme;
use crate::wrap::ellipsis as truncate;

/// Factor labels of the bundled budgets, shown in Portuguese when that is the language.
pub fn factor_label(label: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return label.to_string();
    }
    let pt = match label {
        "instances" => "instâncias",
        "hours" => "horas",
        "hours/day" => "horas/dia",
        "days" => "dias",
        "months" => "meses",
        "load balancers" => "balanceadores",
        "shards" => "shards",
        "DPU-hours" => "DPU-horas",
        "DPUs" => "DPUs",
        "minutes/day" => "minutos/dia",
        "minutes" => "minutos",
        "pipelines" => "pipelines",
        "clusters" => "clusters",
        "millions of requests" => "milhões de requisições",
        "millions of events" => "milhões de eventos",
        "millions of invocations" => "milhões de invocações",
        "executions/day" => "execuções/dia",
        "transitions per execution" => "transições por execução",
        "GB-hours per month" => "GB-horas por mês",
        "GB-hours per execution" => "GB-horas por execução",
        "millions of requests per execution" => "milhões de requisições por execução",
        "TB scanned" => "TB lidos",
        "quantity" => "quantidade",
        other => other,
    };
    pt.to_string()
}

pub fn field_name(tab: &BudgetTab, f: Field, lang: Lang) -> String {
    match f {
        Field::Factor(i) => tab
            .line()
            .and_then(|l| l.factors.get(i))
            .map(|x| factor_label(&x.label, lang))
            .unwrap_or_default(),
        Field::UnitPrice => t(lang, "unit price (USD)", "preço unitário (USD)").into(),
        Field::FreeQuantity => t(lang, "free quantity", "quantidade gratuita").into(),
        Field::Label => t(lang, "label", "rótulo").into(),
        Field::Unit => t(lang, "unit", "unidade").into(),
    }
}

/// Writes `text` cut to `w` columns, never outside the buffer.
pub fn title(tab: &BudgetTab, lang: Lang) -> String {
    tab.display_name(lang)
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let lang = app.lang;
    let theme = app.theme;
    let tab = &app.budget;
    let computed = tab.budget.compute().ok();
    let buf = frame.buffer_mut();
    let w = area.width as usize;
    let x = area.x + 1;
    let inner_w = w.saturating_sub(2);
    // Header: name, then totals.
    let mut name = title(tab, lang);
    if tab.dirty {
        name.push_str(t(lang, "  ● unsaved", "  ● não salvo"));
        if !tab.draft_kept() {
            name.push_str(t(
                lang,
                " (not kept if you quit: w saves)",
                " (perdido ao sair: w salva)",
            ));
        }
    }
    put(buf, x, area.y, &name, inner_w, theme.heading());
    let mut header_rows = 2u16;
    if let Some(c) = &computed {
        let mut totals = format!(
            "{} {}   ·   {} {}",
            t(lang, "Monthly", "Mensal"),
            money(c.total, lang),
            t(lang, "12 months", "12 meses"),
            money(c.twelve_months(), lang)
        );
        if let Some(r) = tab.rate
            && let Some(brl) = c.in_brl(&tab.budget, r)
        {
            totals.push_str(&format!(
                "   ·   {} ({})",
                money_brl(brl.total, lang),
                crate::numfmt::exchange(r, lang)
            ));
        }
        // The Region the prices are for, always; the free-tier switch when on.
        totals.push_str("   ·   ");
        totals.push_str(&crate::budget::workbench::region_label(&tab.catalog, lang));
        if crate::budget::workbench::free_tier_on(&tab.budget) {
            totals.push_str(t(
                lang,
                "   ·   free tier on (T)",
                "   ·   nível gratuito ligado (T)",
            ));
        }
        // The budget as opened next to now, once a pricing option changed it.
        if let Some((opened, now)) = tab.opened_vs_now() {
            let change = crate::budget::compare::change_percent(opened, now)
                .map(|p| format!(" ({})", crate::budget::report::change_percent_text(p, lang)))
                .unwrap_or_default();
            totals.push_str(&format!(
                "   ·   {} {} → {}{change}",
                t(lang, "as opened → now:", "como aberto → agora:"),
                money(opened, lang),
                money(now, lang),
            ));
        }
        // What does not fit on the totals row (the BRL total and its rate at 80
        // columns) goes on the row below it, never cut away.
        let rows = flow(&totals, "   ·   ", inner_w);
        // Two rows, or up to four when the BRL total, the Region and "as opened →
        // now" wrap.
        header_rows = rows.len().clamp(2, 4) as u16;
        for (i, row) in rows.iter().take(4).enumerate() {
            if area.height > 1 + i as u16 {
                put(
                    buf,
                    x,
                    area.y + 1 + i as u16,
                    row,
                    inner_w,
                    Style::default().add_modifier(Modifier::BOLD),
                );
            }
        }
    }
    if area.height < 6 {
        return;
    }
    // The lines table.
    let bottom_min = 9u16.min(area.height.saturating_sub(5));
    let table_rows = (tab.budget.lines.len() as u16 + 1)
        .min(area.height.saturating_sub(1 + header_rows + bottom_min))
        .max(2);
    let table = Rect {
        x,
        y: area.y + 1 + header_rows,
        width: inner_w as u16,
        height: table_rows,
    };
    draw_table(buf, &theme, tab, computed.as_ref(), table, lang);
    // Lines the table has no room for are said in the gap under it, so a budget
    // longer than the window does not look complete.
    let shown = usize::from(table_rows.saturating_sub(1));
    let n = tab.budget.lines.len();
    if n > shown && shown > 0 && table.y + table.height < area.y + area.height {
        let start = tab.selected.saturating_sub(shown - 1);
        let text = match lang {
            Lang::En => format!(
                "lines {}–{} of {n} (↓ j / ↑ k show the rest)",
                start + 1,
                (start + shown).min(n)
            ),
            Lang::PtBr => format!(
                "linhas {}–{} de {n} (↓ j / ↑ k mostram o resto)",
                start + 1,
                (start + shown).min(n)
            ),
        };
        put(buf, x, table.y + table.height, &text, inner_w, theme.dim());
    }
    let below_y = table.y + table.height + 1;
    if below_y >= area.y + area.height {
        return;
    }
    let below = Rect {
        x,
        y: below_y,
        width: inner_w as u16,
        height: area.y + area.height - below_y,
    };
    let chart_w = if below.width >= 70 {
        below.width * 2 / 5
    } else {
        0
    };
    let detail = Rect {
        width: below.width - chart_w - u16::from(chart_w > 0) * 2,
        ..below
    };
    let cursor = draw_detail(buf, &theme, tab, detail, lang);
    if chart_w > 0 {
        let chart = Rect {
            x: below.x + below.width - chart_w,
            width: chart_w,
            ..below
        };
        draw_chart(buf, &theme, tab, computed.as_ref(), chart, lang);
    }
    if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
    draw_overlay(frame, app, area);
}

fn draw_table(
    buf: &mut Buffer,
    theme: &Theme,
    tab: &BudgetTab,
    c: Option<&Computed>,
    r: Rect,
    lang: Lang,
) {
    let w = r.width as usize;
    // `US$ 3.000,00` is one column wider than `$3,000.00` plus its margin; a wider
    // figure widens its column (up to a third of the table) instead of being cut.
    let widest = |f: &dyn Fn(Decimal) -> Option<String>| {
        c.map(|c| {
            c.lines
                .iter()
                .filter_map(|lc| f(lc.cost))
                .map(|s| s.width())
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0)
        .min(w / 3)
    };
    let brl_w = match tab.rate {
        Some(rt) => 13.max(widest(&|d| {
            crate::budget::to_brl(d, rt).map(|b| money_brl(b, lang))
        })),
        None => 0,
    };
    let cost_w = if lang == Lang::En { 11 } else { 12 }.max(widest(&|d| Some(money(d, lang))));
    let label_w = ((w.saturating_sub(4 + cost_w + brl_w)) * 2 / 5).clamp(8, 34);
    let formula_w = w.saturating_sub(4 + label_w + 1 + cost_w + brl_w + 1);
    let head = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    put(buf, r.x, r.y, t(lang, "In", "Inc"), 3, head);
    put(buf, r.x + 4, r.y, t(lang, "Line", "Linha"), label_w, head);
    put(
        buf,
        r.x + 4 + label_w as u16 + 1,
        r.y,
        t(lang, "Formula", "Fórmula"),
        formula_w,
        head,
    );
    let cost_head = t(lang, "Monthly", "Mensal");
    put(
        buf,
        r.x + w.saturating_sub(brl_w + cost_head.width()) as u16,
        r.y,
        cost_head,
        cost_w,
        head,
    );
    if let Some(rate) = tab.rate {
        // The rate is stated wherever BRL is shown.
        let brl_head = format!("R$ (× {})", number(rate, lang));
        let hw = brl_head.width().min(brl_w);
        put(
            buf,
            r.x + w.saturating_sub(hw) as u16,
            r.y,
            &brl_head,
            hw,
            head,
        );
    }
    if tab.budget.lines.is_empty() {
        let msg = t(
            lang,
            "No lines yet: press a to add one from the catalog.",
            "Nenhuma linha: tecle a para adicionar do catálogo.",
        );
        put(buf, r.x, r.y + 1, msg, w, theme.dim());
        return;
    }
    let rows = r.height.saturating_sub(1) as usize;
    let start = tab.selected.saturating_sub(rows.saturating_sub(1));
    for (i, line) in tab.budget.lines.iter().enumerate().skip(start).take(rows) {
        let y = r.y + 1 + (i - start) as u16;
        let selected = i == tab.selected;
        let mut style = if line.included {
            Style::default()
        } else {
            theme.dim()
        };
        if selected {
            style = if tab.focus == Focus::Lines {
                theme.selected()
            } else {
                Style::default().add_modifier(Modifier::REVERSED)
            };
            super::fill_row(buf, r.x, y, r.width, style);
        }
        put(
            buf,
            r.x,
            y,
            if line.included { "[x]" } else { "[ ]" },
            3,
            style,
        );
        put(buf, r.x + 4, y, &line.label, label_w, style);
        if let Some(lc) = c.and_then(|c| c.lines.get(i)) {
            put(
                buf,
                r.x + 4 + label_w as u16 + 1,
                y,
                &formula(line, lc, lang),
                formula_w,
                style,
            );
            let cost = money(lc.cost, lang);
            put(
                buf,
                r.x + w.saturating_sub(brl_w + cost.width().min(cost_w)) as u16,
                y,
                &cost,
                cost_w,
                style,
            );
            if let Some(brl) = tab.rate.and_then(|rt| crate::budget::to_brl(lc.cost, rt)) {
                let s = money_brl(brl, lang);
                put(
                    buf,
                    r.x + w.saturating_sub(s.width().min(brl_w)) as u16,
                    y,
                    &s,
                    brl_w,
                    style,
                );
            }
        }
    }
}

/// Draws the selected line's fields, prices and caveats; returns the cursor position
/// when a value is being typed.
fn draw_detail(
    buf: &mut Buffer,
    theme: &Theme,
    tab: &BudgetTab,
    r: Rect,
    lang: Lang,
) -> Option<Position> {
    let line = tab.line()?;
    let w = r.width as usize;
    let mut y = r.y;
    let end = r.y + r.height;
    let mut cursor = None;
    let hint = if tab.focus == Focus::Lines {
        t(lang, "  (e edits, i details)", "  (e edita, i detalhes)")
    } else {
        t(
            lang,
            "  (Enter edits, Esc returns, i details)",
            "  (Enter edita, Esc volta, i detalhes)",
        )
    };
    put(
        buf,
        r.x,
        y,
        &format!(
            "{}{hint}",
            truncate(&line.label, w.saturating_sub(hint.width()))
        ),
        w,
        theme.heading(),
    );
    y += 1;
    let name_w = 24.min(w / 2);
    for (k, f) in tab.fields().into_iter().enumerate() {
        if y >= end {
            return cursor;
        }
        let focused = tab.focus == Focus::Fields(k);
        let style = if focused {
            theme.selected()
        } else {
            Style::default()
        };
        put(
            buf,
            r.x + 1,
            y,
            &field_name(tab, f, lang),
            name_w,
            if focused { style } else { theme.dim() },
        );
        let vx = r.x + 2 + name_w as u16;
        let vw = w.saturating_sub(2 + name_w);
        let editing = matches!(&tab.input, Some((Input::Value(g), _)) if *g == f);
        if editing {
            let text = tab.input.as_ref().map(|(_, s)| s.as_str()).unwrap_or("");
            let shown = format!("{text} ");
            super::fill_row(
                buf,
                vx,
                y,
                vw as u16,
                Style::default().add_modifier(Modifier::UNDERLINED),
            );
            put(
                buf,
                vx,
                y,
                &shown,
                vw,
                Style::default().add_modifier(Modifier::UNDERLINED),
            );
            cursor = Some(Position {
                x: vx + (text.width() as u16).min(vw.saturating_sub(1) as u16),
                y,
            });
        } else {
            let mut v = tab.field_shown(f, lang);
            if f == Field::UnitPrice {
                v = format!(
                    "{}/{}",
                    price(line.unit_price, lang),
                    unit_abbrev(&line.unit, lang)
                );
            }
            put(buf, vx, y, &v, vw, style);
        }
        y += 1;
    }
    // Course vs documented price, source, free tier, caveats: what fits, and a
    // last row saying how much more `i` shows.
    use super::budget_details::{price_rows, row_style, wrapped};
    let rows = wrapped(&price_rows(tab, line, lang), w);
    let room = usize::from(end.saturating_sub(y));
    let cut = rows.len() > room;
    let shown = if cut {
        room.saturating_sub(1)
    } else {
        rows.len()
    };
    for (text, kind) in rows.iter().take(shown) {
        put(buf, r.x, y, text, w, row_style(theme, *kind));
        y += 1;
    }
    if cut && room > 0 {
        let more = rows.len() - shown;
        let text = match lang {
            Lang::En => format!("↓ {more} more lines: i shows everything"),
            Lang::PtBr => format!("↓ mais {more} linhas: i mostra tudo"),
        };
        put(buf, r.x, y, &text, w, theme.dim());
    }
    cursor
}

/// `text` made of parts joined by `sep`, laid on as few rows of `cols` columns as
/// the parts allow (a part is never split).
fn flow(text: &str, sep: &str, cols: usize) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    for part in text.split(sep) {
        match rows.last_mut() {
            Some(row) if row.width() + sep.width() + part.width() <= cols => {
                row.push_str(sep);
                row.push_str(part);
            }
            _ => rows.push(part.to_string()),
        }
    }
    rows
}

fn draw_chart(
    buf: &mut Buffer,
    theme: &Theme,
    tab: &BudgetTab,
    c: Option<&Computed>,
    r: Rect,
    lang: Lang,
) {
    let Some(c) = c else {
        return;
    };
    let w = r.width as usize;
    put(
        buf,
        r.x,
        r.y,
        t(lang, "Cost by service", "Custo por serviço"),
        w,
        theme.heading(),
    );
    // Sum included lines per service family.
    let mut groups: Vec<(String, Decimal)> = Vec::new();
    for (line, lc) in tab.budget.lines.iter().zip(&c.lines) {
        if !line.included {
            continue;
        }
        let family = tab
            .catalog
            .entry(&line.service)
            .map(|e| e.service.clone())
            .unwrap_or_else(|| line.service.clone());
        match groups.iter_mut().find(|(f, _)| *f == family) {
            Some(g) => g.1 += lc.cost,
            None => groups.push((family, lc.cost)),
        }
    }
    groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let max = groups.first().map(|g| g.1).unwrap_or_default();
    let label_w = 13.min(w / 3);
    let value_w = 10;
    let bar_w = w.saturating_sub(label_w + value_w + 2);
    for (i, (family, cost)) in groups
        .iter()
        .enumerate()
        .take(r.height.saturating_sub(1) as usize)
    {
        let y = r.y + 1 + i as u16;
        let short = family
            .trim_start_matches("Amazon ")
            .trim_start_matches("AWS ");
        put(buf, r.x, y, short, label_w, Style::default());
        let len = if max.is_zero() {
            0
        } else {
            let ratio = (*cost * Decimal::from(bar_w as u64)) / max;
            ratio
                .round()
                .to_string()
                .parse::<usize>()
                .unwrap_or(0)
                .min(bar_w)
        };
        let bar = "█".repeat(len.max(usize::from(!cost.is_zero())));
        put(
            buf,
            r.x + label_w as u16 + 1,
            y,
            &bar,
            bar_w,
            theme.md(crate::markdown::Style::H2),
        );
        let v = money(*cost, lang);
        put(
            buf,
            r.x + w.saturating_sub(v.width()) as u16,
            y,
            &v,
            value_w,
            Style::default(),
        );
    }
}

fn draw_overlay(frame: &mut Frame, app: &App, area: Rect) {
    let lang = app.lang;
    let theme = app.theme;
    let tab = &app.budget;
    let boxed = |frame: &mut Frame, w: u16, h: u16, title: &str| -> Rect {
        super::boxed(frame, super::popup_rect(area, w, h), title, &theme)
    };
    // The factors stay in sight while a factor's value or name is typed.
    if let Overlay::Factors { selected } = &tab.overlay {
        super::budget_factors::draw_factors(frame, app, area, *selected);
    }
    // Prompts for a name, a rate or a path.
    if let Some((kind, text)) = &tab.input
        && !matches!(kind, Input::Share(_))
    {
        let title: String = match kind {
            Input::Value(_) => return,
            Input::Share(_) => String::new(),
            Input::Hours => t(
                lang,
                " Hours a month (0 to 744) — Enter sets, Esc cancels ",
                " Horas por mês (0 a 744) — Enter define, Esc cancela ",
            )
            .to_string(),
            Input::CustomLabel
            | Input::CustomUnit { .. }
            | Input::CustomPrice { .. }
            | Input::FactorName(_)
            | Input::VariantName => super::budget_factors::prompt_title(kind, lang),
            Input::SaveName => t(
                lang,
                " Save as — Enter saves, Esc cancels ",
                " Salvar como — Enter salva, Esc cancela ",
            )
            .to_string(),
            Input::Rate => t(
                lang,
                " BRL per USD — empty clears ",
                " Reais por dólar — vazio remove ",
            )
            .to_string(),
            Input::ExportPath(_) => t(
                lang,
                " Export to file — Enter writes ",
                " Exportar para arquivo — Enter grava ",
            )
            .to_string(),
        };
        let inner = boxed(frame, 76, 3, &title);
        if inner.height > 0 && inner.width > 1 {
            let w = inner.width as usize;
            let shown: String = {
                let tw = text.width();
                if tw + 1 > w {
                    // Keep the end of a long path visible.
                    let skip = text.chars().count().saturating_sub(w.saturating_sub(2));
                    format!("…{}", text.chars().skip(skip).collect::<String>())
                } else {
                    text.clone()
                }
            };
            frame
                .buffer_mut()
                .set_stringn(inner.x, inner.y, &shown, w, Style::default());
            frame.set_cursor_position(Position {
                x: inner.x + (shown.width() as u16).min(inner.width - 1),
                y: inner.y,
            });
        }
        return;
    }
    match &tab.overlay {
        Overlay::None => {}
        Overlay::Details { scroll } => {
            super::budget_details::draw_details(frame, app, area, *scroll)
        }
        Overlay::Options { selected } => {
            super::budget_options::draw_options(frame, app, area, *selected)
        }
        Overlay::Hours { selected } => {
            super::budget_workbench::draw_hours(frame, app, area, *selected)
        }
        Overlay::S3 { selected, shares } => {
            super::budget_workbench::draw_s3(frame, app, area, *selected, shares)
        }
        Overlay::FreeTier { before } => {
            super::budget_workbench::draw_free_tier(frame, app, area, *before)
        }
        Overlay::Factors { .. } => {}
        Overlay::ComparePick { selected } => {
            super::budget_compare::draw_pick(frame, app, area, *selected)
        }
        Overlay::Compare(state) => super::budget_compare::draw_compare(frame, app, area, state),
        Overlay::Picker { selected, .. } => {
            let choices = tab.choices(lang);
            let inner = boxed(
                frame,
                64,
                choices.len() as u16 + 2,
                t(
                    lang,
                    " Open a budget — number or Enter ",
                    " Abrir um orçamento — número ou Enter ",
                ),
            );
            let buf = frame.buffer_mut();
            for (i, c) in choices.iter().enumerate().take(inner.height as usize) {
                let y = inner.y + i as u16;
                let style = if i == *selected {
                    theme.selected()
                } else {
                    Style::default()
                };
                let mark = if c.source == tab.source { "•" } else { " " };
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
                    &format!("{mark}{num} {}", c.name),
                    inner.width as usize,
                    style,
                );
            }
        }
        Overlay::Catalog { filter, selected } => {
            let matches = tab.catalog.filter(filter, lang);
            let h = area.height.saturating_sub(2).max(3);
            let inner = boxed(
                frame,
                90,
                h,
                t(
                    lang,
                    " Add a line — type to filter, Enter adds ",
                    " Adicionar linha — digite para filtrar, Enter adiciona ",
                ),
            );
            if inner.height == 0 {
                return;
            }
            let w = inner.width as usize;
            let prompt = format!("› {filter}");
            let buf = frame.buffer_mut();
            put(buf, inner.x, inner.y, &prompt, w, theme.heading());
            let rows = inner.height.saturating_sub(1) as usize;
            let start = selected.saturating_sub(rows.saturating_sub(1));
            for (i, e) in matches.iter().enumerate().skip(start).take(rows) {
                let y = inner.y + 1 + (i - start) as u16;
                let style = if i == *selected {
                    theme.selected()
                } else {
                    Style::default()
                };
                let p = e
                    .documented()
                    .or(e.course())
                    .map(|p| format!("{}/{}", price(p, lang), unit_abbrev(&e.unit, lang)))
                    .unwrap_or_else(|| "—".into());
                super::fill_row(buf, inner.x, y, inner.width, style);
                let pw = p.width() + 1;
                put(
                    buf,
                    inner.x,
                    y,
                    &format!(" {}", e.name(lang)),
                    w.saturating_sub(pw),
                    style,
                );
                put(
                    buf,
                    inner.x + (w.saturating_sub(pw)) as u16,
                    y,
                    &p,
                    pw,
                    style,
                );
            }
            frame.set_cursor_position(Position {
                x: inner.x + (prompt.width() as u16).min(inner.width.saturating_sub(1)),
                y: inner.y,
            });
        }
        Overlay::Export { selected } => {
            let inner = boxed(frame, 44, 5, t(lang, " Export as ", " Exportar como "));
            let buf = frame.buffer_mut();
            for (i, f) in ExportFormat::ALL
                .iter()
                .enumerate()
                .take(inner.height as usize)
            {
                let y = inner.y + i as u16;
                let style = if i == *selected {
                    theme.selected()
                } else {
                    Style::default()
                };
                let name = match f {
                    ExportFormat::Md => t(lang, "Markdown table (.md)", "Tabela markdown (.md)"),
                    ExportFormat::Csv => "CSV (.csv)",
                    ExportFormat::Json => {
                        t(lang, "Budget file (.json)", "Arquivo de orçamento (.json)")
                    }
                };
                super::fill_row(buf, inner.x, y, inner.width, style);
                put(
                    buf,
                    inner.x + 1,
                    y,
                    &format!("{} {name}", i + 1),
                    (inner.width as usize).saturating_sub(1),
                    style,
                );
            }
        }
    }
}
