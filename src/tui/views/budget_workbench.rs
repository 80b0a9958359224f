//! The Budget tab's workbench popups: hour presets (`h`), the S3 storage classes
//! with shares and the lifecycle example (`S`), what the free-tier switch did
//! (`T`), and the "add this line" rows of the details view. Views only draw: every
//! figure comes from the tab's state and the domain's functions.
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use super::budget_details::{RowKind, row_style, wrapped};
use super::{boxed, fill_row, popup_rect, put};
use crate::budget::format::{money, price, unit_abbrev};
use crate::budget::workbench::{self as wb, HourPreset};
use crate::budget::{LineItem, report::percent};
use crate::lang::{Lang, tr as t};
use crate::tui::app::App;
use crate::tui::budget_tab::{BudgetTab, HOUR_ROWS, Input, LIFECYCLE, S3Row, signed_money};

fn selected_style(app: &App, on: bool) -> Style {
    if on {
        app.theme.selected()
    } else {
        Style::default()
    }
}

/// The hours list: the three presets and "custom", the one in use marked.
pub fn draw_hours(frame: &mut Frame, app: &App, area: Rect, selected: usize) {
    let lang = app.lang;
    let tab = &app.budget;
    let now = tab.line().and_then(wb::hours_of);
    let title = t(
        lang,
        " Hours a month — number or Enter, Esc closes ",
        " Horas por mês — número ou Enter, Esc fecha ",
    );
    let inner = boxed(
        frame,
        popup_rect(area, 66, HOUR_ROWS as u16 + 4),
        title,
        &app.theme,
    );
    let w = usize::from(inner.width);
    let buf = frame.buffer_mut();
    if let Some(l) = tab.line() {
        put(buf, inner.x, inner.y, &l.label, w, app.theme.heading());
    }
    for row in 0..HOUR_ROWS {
        let y = inner.y + 1 + row as u16;
        if y >= inner.y + inner.height {
            break;
        }
        let (text, used) = match HourPreset::PRESETS.get(row) {
            Some(p) => (p.label(lang), now == Some(p.hours())),
            None => {
                let custom = t(
                    lang,
                    "custom: type the hours…",
                    "outro valor: digitar as horas…",
                );
                let used = now.is_some_and(|h| HourPreset::PRESETS.iter().all(|p| p.hours() != h));
                let text = match now.filter(|_| used) {
                    Some(h) => format!("{custom} (now {})", HourPreset::Custom(h).label(lang)),
                    None => custom.to_string(),
                };
                let text = if lang == Lang::PtBr {
                    text.replace("(now ", "(agora ")
                } else {
                    text
                };
                (text, used)
            }
        };
        let style = selected_style(app, row == selected);
        fill_row(buf, inner.x, y, inner.width, style);
        let mark = if used { "•" } else { " " };
        put(
            buf,
            inner.x,
            y,
            &format!("{mark}{} {text}", row + 1),
            w,
            style,
        );
    }
    let note = t(
        lang,
        "Replaces the line's hours (or hours/day × days); u undoes.",
        "Troca as horas da linha (ou horas/dia × dias); u desfaz.",
    );
    let y = inner.y + 1 + HOUR_ROWS as u16;
    if y < inner.y + inner.height {
        put(buf, inner.x, y, note, w, app.theme.dim());
    }
}

/// The S3 classes list: a row per class (price, minimum days, share), the lifecycle
/// example, then what the selected row means for this line.
pub fn draw_s3(frame: &mut Frame, app: &App, area: Rect, selected: usize, shares: &[Decimal]) {
    let lang = app.lang;
    let tab = &app.budget;
    let Some(line) = tab.line() else {
        return;
    };
    let classes = wb::storage_classes(&tab.catalog);
    let rows = tab.s3_rows();
    let title = t(
        lang,
        " S3 storage classes — Enter applies, % share, s splits, Esc closes ",
        " Classes do S3 — Enter aplica, % parte, s divide, Esc fecha ",
    );
    let height = (rows.len() as u16 + 10).min(area.height);
    let inner = boxed(frame, popup_rect(area, 96, height), title, &app.theme);
    if inner.height < 2 {
        return;
    }
    let w = usize::from(inner.width);
    let share_w = 7usize;
    let min_w = if lang == Lang::En { 9 } else { 11 };
    let price_w = 13usize;
    let name_w = w.saturating_sub(2 + price_w + min_w + share_w + 3).max(8);
    let col_price = inner.x + 2 + name_w as u16 + 1;
    let col_min = col_price + price_w as u16 + 1;
    let col_share = col_min + min_w as u16 + 1;
    let head = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let buf = frame.buffer_mut();
    put(
        buf,
        inner.x + 2,
        inner.y,
        t(lang, "Class", "Classe"),
        name_w,
        head,
    );
    put(
        buf,
        col_price,
        inner.y,
        t(lang, "per GB-month", "por GB-mês"),
        price_w,
        head,
    );
    put(
        buf,
        col_min,
        inner.y,
        t(lang, "min. days", "dias mín."),
        min_w,
        head,
    );
    put(
        buf,
        col_share,
        inner.y,
        t(lang, "share", "parte"),
        share_w,
        head,
    );
    let mut cursor = None;
    for (i, row) in rows.iter().enumerate() {
        let y = inner.y + 1 + i as u16;
        if y >= inner.y + inner.height {
            break;
        }
        let style = selected_style(app, i == selected);
        fill_row(buf, inner.x, y, inner.width, style);
        match row {
            S3Row::Class(n) => {
                let Some(e) = classes.get(*n) else { continue };
                let mark = if e.id == line.service { "•" } else { " " };
                put(
                    buf,
                    inner.x,
                    y,
                    &format!("{mark} {}", e.name(lang)),
                    name_w + 2,
                    style,
                );
                let p = e
                    .on_demand()
                    .map(|p| price(p, lang))
                    .unwrap_or_else(|| "—".into());
                put(buf, col_price, y, &p, price_w, style);
                let days = e
                    .storage_class
                    .as_ref()
                    .map(|s| s.min_days())
                    .filter(|d| !d.is_zero())
                    .map(|d| crate::numfmt::decimal(d, lang))
                    .unwrap_or_else(|| "—".into());
                put(buf, col_min, y, &days, min_w, style);
                let typing = matches!(&tab.input, Some((Input::Share(k), _)) if k == n);
                if typing {
                    let text = tab.input.as_ref().map(|(_, s)| s.as_str()).unwrap_or("");
                    let shown = format!("{text}%");
                    let field = Style::default().add_modifier(Modifier::UNDERLINED);
                    fill_row(buf, col_share, y, share_w as u16, field);
                    put(buf, col_share, y, &shown, share_w, field);
                    cursor = Some(Position {
                        x: col_share + (text.width() as u16).min(share_w as u16 - 1),
                        y,
                    });
                } else {
                    let s = shares.get(*n).copied().unwrap_or_default();
                    let text = if s.is_zero() {
                        "·".to_string()
                    } else {
                        percent(s, lang)
                    };
                    put(buf, col_share, y, &text, share_w, style);
                }
            }
            S3Row::Lifecycle => {
                let (_, ia, glacier) = LIFECYCLE;
                let text = match lang {
                    Lang::En => format!(
                        "  Lifecycle example: Standard-IA after {ia} days, Glacier after {glacier}"
                    ),
                    Lang::PtBr => format!(
                        "  Exemplo de ciclo de vida: Standard-IA após {ia} dias, Glacier após {glacier}"
                    ),
                };
                put(buf, inner.x, y, &text, w, style);
            }
        }
    }
    // What the selected row means, below the list.
    let about = s3_about(tab, line, rows.get(selected).copied(), shares, lang);
    let top = inner.y + 2 + rows.len() as u16;
    let room = usize::from((inner.y + inner.height).saturating_sub(top));
    let text = wrapped(&about, w);
    let cut = text.len() > room;
    let shown = if cut {
        room.saturating_sub(1)
    } else {
        text.len()
    };
    for (k, (s, kind)) in text.iter().take(shown).enumerate() {
        put(
            buf,
            inner.x,
            top + k as u16,
            s,
            w,
            row_style(&app.theme, *kind),
        );
    }
    if cut && room > 0 {
        let more = match lang {
            Lang::En => format!(
                "↓ {} more lines (a taller window shows them)",
                text.len() - shown
            ),
            Lang::PtBr => format!(
                "↓ mais {} linhas (uma janela mais alta as mostra)",
                text.len() - shown
            ),
        };
        put(buf, inner.x, top + shown as u16, &more, w, app.theme.dim());
    }
    if let Some(p) = cursor {
        frame.set_cursor_position(p);
    }
}

/// The rows under the S3 list: the selected class's minimum duration, retrieval
/// and request prices and this line's cost in it, or the lifecycle example's shares.
fn s3_about(
    tab: &BudgetTab,
    line: &LineItem,
    row: Option<S3Row>,
    shares: &[Decimal],
    lang: Lang,
) -> Vec<(String, RowKind)> {
    let classes = wb::storage_classes(&tab.catalog);
    let gb = line.quantity().unwrap_or_default();
    let mut rows = Vec::new();
    match row {
        Some(S3Row::Class(n)) => {
            let Some(e) = classes.get(n) else {
                return rows;
            };
            if let Some(sc) = &e.storage_class {
                let min = if sc.min_days().is_zero() {
                    t(lang, "no minimum duration", "sem prazo mínimo").to_string()
                } else {
                    match lang {
                        Lang::En => format!(
                            "billed for at least {} days",
                            crate::numfmt::decimal(sc.min_days(), lang)
                        ),
                        Lang::PtBr => format!(
                            "cobrado por no mínimo {} dias",
                            crate::numfmt::decimal(sc.min_days(), lang)
                        ),
                    }
                };
                let retrieval = if sc.retrieval_per_gb().is_zero() {
                    t(lang, "no retrieval fee", "sem taxa de recuperação").to_string()
                } else {
                    match lang {
                        Lang::En => format!("retrieval {}/GB", price(sc.retrieval_per_gb(), lang)),
                        Lang::PtBr => {
                            format!("recuperação {}/GB", price(sc.retrieval_per_gb(), lang))
                        }
                    }
                };
                let requests = match lang {
                    Lang::En => format!(
                        "PUT {} and GET {} per 1,000 requests",
                        price(sc.put_per_1k(), lang),
                        price(sc.get_per_1k(), lang)
                    ),
                    Lang::PtBr => format!(
                        "PUT {} e GET {} por 1.000 requisições",
                        price(sc.put_per_1k(), lang),
                        price(sc.get_per_1k(), lang)
                    ),
                };
                rows.push((
                    format!("{}: {min}; {retrieval}; {requests}.", e.name(lang)),
                    RowKind::Plain,
                ));
            }
            if let Some(p) = e.on_demand() {
                let cost = crate::budget::cents(gb * p);
                let now = line.compute().map(|c| c.cost).unwrap_or_default();
                rows.push((
                    match lang {
                        Lang::En => format!(
                            "This line in this class: {} GB × {}/{} = {} ({} a month; Enter moves the whole line)",
                            crate::numfmt::decimal(gb, lang),
                            price(p, lang),
                            unit_abbrev(&e.unit, lang),
                            money(cost, lang),
                            signed_money(cost - now, lang)
                        ),
                        Lang::PtBr => format!(
                            "Esta linha nesta classe: {} GB × {}/{} = {} ({} por mês; Enter passa a linha toda)",
                            crate::numfmt::decimal(gb, lang),
                            price(p, lang),
                            unit_abbrev(&e.unit, lang),
                            money(cost, lang),
                            signed_money(cost - now, lang)
                        ),
                    },
                    RowKind::Dim,
                ));
            }
        }
        Some(S3Row::Lifecycle) => {
            let (keep, ia, glacier) = LIFECYCLE;
            let split = wb::lifecycle_split(keep, ia, glacier);
            let parts: Vec<String> = split
                .iter()
                .map(|(id, p)| {
                    let name = tab
                        .catalog
                        .entry(id)
                        .map(|e| e.name(lang).to_string())
                        .unwrap_or_else(|| (*id).to_string());
                    format!("{} {name}", percent(*p, lang))
                })
                .collect();
            rows.push((
                match lang {
                    Lang::En => format!(
                        "Objects written evenly and kept {keep} days spend {ia} in Standard, {} in Standard-IA and the rest in Glacier Flexible: the stock is {}. Enter splits the line that way.",
                        glacier - ia,
                        parts.join(", ")
                    ),
                    Lang::PtBr => format!(
                        "Objetos gravados por igual e guardados {keep} dias passam {ia} no Standard, {} no Standard-IA e o resto no Glacier Flexible: o estoque fica {}. Enter divide a linha assim.",
                        glacier - ia,
                        parts.join(", ")
                    ),
                },
                RowKind::Plain,
            ));
        }
        None => {}
    }
    let sum: Decimal = shares.iter().sum();
    rows.push((
        match lang {
            Lang::En => format!(
                "Shares typed: {} of 100% (% types one, s splits the line by them)",
                percent(sum, lang)
            ),
            Lang::PtBr => format!(
                "Partes digitadas: {} de 100% (% digita uma, s divide a linha por elas)",
                percent(sum, lang)
            ),
        },
        if sum == Decimal::from(100) {
            RowKind::Dim
        } else {
            RowKind::Bold
        },
    ));
    rows
}

/// What the free-tier switch did: on or off, the total before and now, and the
/// legacy 12-month offers of these lines, apart and never applied.
pub fn draw_free_tier(frame: &mut Frame, app: &App, area: Rect, before: Decimal) {
    let lang = app.lang;
    let tab = &app.budget;
    let on = wb::free_tier_on(&tab.budget);
    let now = tab.budget.compute().map(|c| c.total).unwrap_or_default();
    let mut rows: Vec<(String, RowKind)> = vec![
        (
            if on {
                t(
                    lang,
                    "Free tier ON: every catalog line now counts the catalog's always-free quantity (T turns it off, u undoes).",
                    "Nível gratuito LIGADO: cada linha do catálogo agora desconta a franquia sempre gratuita do catálogo (T desliga, u desfaz).",
                )
            } else {
                t(
                    lang,
                    "Free tier OFF: no free quantity is counted on catalog lines (T turns it on, u undoes).",
                    "Nível gratuito DESLIGADO: nenhuma franquia é descontada nas linhas do catálogo (T liga, u desfaz).",
                )
            }
            .to_string(),
            RowKind::Bold,
        ),
        (
            match lang {
                Lang::En => format!(
                    "Monthly total: {} → {} ({} prices)",
                    money(before, lang),
                    money(now, lang),
                    tab.catalog.region
                ),
                Lang::PtBr => format!(
                    "Total mensal: {} → {} (preços de {})",
                    money(before, lang),
                    money(now, lang),
                    tab.catalog.region
                ),
            },
            RowKind::Plain,
        ),
        (String::new(), RowKind::Plain),
        (
            t(
                lang,
                "Legacy 12-month offers (accounts opened before 15 July 2025), shown apart, never applied:",
                "Ofertas antigas de 12 meses (contas abertas antes de 15/07/2025), à parte, nunca aplicadas:",
            )
            .to_string(),
            RowKind::Bold,
        ),
    ];
    let legacy = wb::legacy_offers(&tab.budget, &tab.catalog, lang);
    if legacy.is_empty() {
        rows.push((
            t(
                lang,
                "  none for these lines",
                "  nenhuma para estas linhas",
            )
            .to_string(),
            RowKind::Dim,
        ));
    }
    for (label, note) in legacy {
        rows.push((format!("• {label}: {note}"), RowKind::Plain));
    }
    let title = t(
        lang,
        " Free tier — Enter or Esc closes ",
        " Nível gratuito — Enter ou Esc fecha ",
    );
    let width = 90u16.min(area.width);
    let text = wrapped(&rows, usize::from(width.saturating_sub(4)).max(1));
    let height = (text.len() as u16 + 2).min(area.height);
    let inner = boxed(frame, popup_rect(area, width, height), title, &app.theme);
    let w = usize::from(inner.width.saturating_sub(2));
    let room = usize::from(inner.height);
    let cut = text.len() > room;
    let shown = if cut {
        room.saturating_sub(1)
    } else {
        text.len()
    };
    let buf = frame.buffer_mut();
    for (k, (s, kind)) in text.iter().take(shown).enumerate() {
        put(
            buf,
            inner.x + 1,
            inner.y + k as u16,
            s,
            w,
            row_style(&app.theme, *kind),
        );
    }
    if cut && room > 0 {
        let more = match lang {
            Lang::En => format!(
                "↓ {} more lines: i on a line shows its free tier",
                text.len() - shown
            ),
            Lang::PtBr => format!(
                "↓ mais {} linhas: i numa linha mostra o nível gratuito",
                text.len() - shown
            ),
        };
        put(
            buf,
            inner.x + 1,
            inner.y + shown as u16,
            &more,
            w,
            app.theme.dim(),
        );
    }
}

/// A size as AWS writes it, from its catalog id: `ec2-t3-small` → `t3.small`,
/// `rds-db-t3-micro` → `db.t3.micro`, `sagemaker-endpoint-ml-m5-xlarge` →
/// `ml.m5.xlarge`.
fn size_label(id: &str) -> String {
    let rest = ["sagemaker-endpoint-", "sagemaker-train-", "ec2-", "rds-"]
        .iter()
        .find_map(|p| id.strip_prefix(p))
        .unwrap_or(id);
    rest.replace('-', ".")
}

/// For an instance line, the sizes `<` and `>` step to and what each does to the
/// month, before a key is pressed: "Right-sizing: < t3.small −$14.97/month · >
/// t3.large +$29.95/month".
pub fn resize_row(tab: &BudgetTab, line: &LineItem, lang: Lang) -> Option<(String, RowKind)> {
    let step = |by: i32| -> Option<String> {
        let (new, diff) = wb::resize(line, &tab.catalog, by).ok()??;
        let per = t(lang, "month", "mês");
        Some(format!(
            "{} {}/{per}",
            size_label(&new.service),
            signed_money(diff, lang)
        ))
    };
    if wb::sizes(line, &tab.catalog).len() < 2 {
        return None;
    }
    let end = |smaller: bool| -> String {
        match (smaller, lang) {
            (true, Lang::En) => "(the smallest)".into(),
            (true, Lang::PtBr) => "(o menor)".into(),
            (false, Lang::En) => "(the largest)".into(),
            (false, Lang::PtBr) => "(o maior)".into(),
        }
    };
    let down = step(-1).unwrap_or_else(|| end(true));
    let up = step(1).unwrap_or_else(|| end(false));
    Some((
        format!(
            "{}: < {down} · > {up}",
            t(lang, "Right-sizing", "Ajuste de tamanho")
        ),
        RowKind::Plain,
    ))
}

/// The details view's "Add this line" rows: each meter the line's caveats name,
/// numbered, with its stated default quantity and cost, marked when the budget
/// already has one.
pub fn caveat_rows(tab: &BudgetTab, lang: Lang) -> Vec<(String, RowKind)> {
    let lines = tab.caveat_lines(lang);
    if lines.is_empty() {
        return Vec::new();
    }
    let mut rows = vec![
        (String::new(), RowKind::Plain),
        (
            t(
                lang,
                "Add this line (press its number; u undoes):",
                "Adicionar esta linha (tecle o número; u desfaz):",
            )
            .to_string(),
            RowKind::Bold,
        ),
    ];
    for (i, l) in lines.iter().enumerate().take(9) {
        let formula = l
            .compute()
            .map(|c| crate::budget::format::formula(l, &c, lang))
            .unwrap_or_default();
        let there = tab.budget.lines.iter().any(|b| b.service == l.service);
        let mark = if there {
            t(lang, " (already in the budget)", " (já está no orçamento)")
        } else {
            ""
        };
        rows.push((
            format!("  {} {}: {formula}{mark}", i + 1, l.label),
            RowKind::Plain,
        ));
    }
    rows
}
