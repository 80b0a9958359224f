//! The Budget tab's pricing options (`o`): every option the catalog has for the
//! selected line — effective rate, monthly cost, saving against On-Demand in money
//! and percent, the rate's status — and, for the one selected, what it commits to,
//! its break-even uptime, its upfront and where its rate comes from.
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::put;
use crate::budget::format::{money, price, unit_abbrev};
use crate::budget::options::{OptionKind, Payment, PricedOption, Term};
use crate::budget::report::signed_money;
use crate::lang::{Lang, tr as t};
use crate::tui::app::App;

/// The option's name in `w` columns: in full when it fits, else abbreviated
/// ("Compute SP 1y no upfront") so the term and payment still show.
fn name_in(o: &PricedOption, app: &App, w: usize) -> String {
    let lang = app.lang;
    let full = o.title(lang, &app.budget.catalog);
    if full.width() <= w {
        return full;
    }
    let kind = match o.kind {
        OptionKind::OnDemand => t(lang, "On-Demand", "Sob demanda"),
        OptionKind::ComputeSp => "Compute SP",
        OptionKind::Ec2InstanceSp => "EC2 Instance SP",
        OptionKind::StandardRi => t(lang, "Standard RI", "RI padrão"),
        OptionKind::ConvertibleRi => t(lang, "Convertible RI", "RI conversível"),
        OptionKind::RdsRi => t(lang, "RDS RI", "RI do RDS"),
        OptionKind::SageMakerSp => "SageMaker SP",
        OptionKind::Spot => "Spot",
        OptionKind::StorageClass => return crate::wrap::ellipsis(&full, w),
    };
    let mut s = kind.to_string();
    if let Some(term) = o.term {
        s.push(' ');
        s.push_str(match (term, lang) {
            (Term::OneYear, Lang::En) => "1y",
            (Term::ThreeYears, Lang::En) => "3y",
            (Term::OneYear, Lang::PtBr) => "1a",
            (Term::ThreeYears, Lang::PtBr) => "3a",
        });
    }
    if let Some(p) = o.payment {
        s.push(' ');
        s.push_str(match p {
            Payment::NoUpfront => t(lang, "no upfront", "sem adiant."),
            Payment::PartialUpfront => t(lang, "partial", "parcial"),
            Payment::AllUpfront => t(lang, "all upfront", "à vista"),
        });
    }
    crate::wrap::ellipsis(&s, w)
}

/// The rows describing the selected option, wrapped to `w` columns.
fn detail_rows(app: &App, o: &PricedOption, w: usize) -> Vec<String> {
    let lang = app.lang;
    let mut rows = vec![o.title(lang, &app.budget.catalog)];
    // When the line is not at its On-Demand (or S3 Standard) cost — the course's
    // RDS price, an option already picked — the Saving column is not what picking
    // this option does to the line: say what it does.
    if let Some(now) = app
        .budget
        .line()
        .and_then(|l| l.compute().ok())
        .map(|c| c.cost)
        && now != o.on_demand_monthly
    {
        let change = crate::budget::report::signed_money(o.monthly - now, lang);
        let row = match lang {
            Lang::En => format!(
                "This line: {} now → {} with this option ({change} a month; Saving is against {})",
                money(now, lang),
                money(o.monthly, lang),
                money(o.on_demand_monthly, lang)
            ),
            Lang::PtBr => format!(
                "Esta linha: {} agora → {} com esta opção ({change} por mês; a Economia é contra {})",
                money(now, lang),
                money(o.monthly, lang),
                money(o.on_demand_monthly, lang)
            ),
        };
        rows.extend(crate::wrap::words(&row, w));
    }
    let mut about = o.commitment(lang);
    if let Some(be) = o.break_even_text(lang) {
        about.push_str("; ");
        about.push_str(&be);
        if let Some(up) = o.uptime_percent {
            let up = crate::numfmt::decimal(up, lang);
            about.push_str(&match lang {
                Lang::En => format!(" (this line: {up}%)"),
                Lang::PtBr => format!(" (esta linha: {up}%)"),
            });
        }
    }
    if !o.upfront.is_zero() {
        about.push_str(&match lang {
            Lang::En => format!(
                "; upfront {} ({}/month over the term)",
                money(o.upfront, lang),
                money(o.upfront_monthly, lang)
            ),
            Lang::PtBr => format!(
                "; adiantamento {} ({}/mês ao longo do prazo)",
                money(o.upfront, lang),
                money(o.upfront_monthly, lang)
            ),
        });
    }
    rows.extend(crate::wrap::words(&about, w));
    let source = match lang {
        Lang::En => format!(
            "{} · looked up {} · {}",
            o.status.word(lang),
            crate::numfmt::date(&o.as_of, lang),
            o.source
        ),
        Lang::PtBr => format!(
            "{} · consultado em {} · {}",
            o.status.word(lang),
            crate::numfmt::date(&o.as_of, lang),
            o.source
        ),
    };
    rows.extend(crate::wrap::words(&source, w));
    rows
}

pub fn draw_options(frame: &mut Frame, app: &App, area: Rect, selected: usize) {
    let lang = app.lang;
    let theme = app.theme;
    let tab = &app.budget;
    let Some(line) = tab.line() else {
        return;
    };
    let opts = tab.line_options();
    let current = tab.current_option(&opts);
    let title = match lang {
        Lang::En => format!(
            " Pricing options — {} — Enter applies, Esc closes ",
            line.label
        ),
        Lang::PtBr => format!(
            " Opções de preço — {} — Enter aplica, Esc fecha ",
            line.label
        ),
    };
    // Every column counts at 80 columns: the popup takes the whole width there.
    let w = if area.width <= 100 {
        area.width
    } else {
        area.width.saturating_sub(2).min(118)
    };
    let inner_w = w.saturating_sub(2) as usize;
    let details: Vec<String> = opts
        .get(selected)
        .map(|o| detail_rows(app, o, inner_w))
        .unwrap_or_default();
    // The list, a rule, the selected option's details (at most 8 rows).
    let detail_h = details.len().min(8) as u16;
    let want = opts.len() as u16 + 1 + 1 + detail_h + 2;
    let h = want.min(area.height.saturating_sub(2)).max(3);
    let inner = super::boxed(frame, super::popup_rect(area, w, h), &title, &theme);
    if inner.height == 0 || inner.width < 8 {
        return;
    }
    let buf = frame.buffer_mut();
    let iw = inner.width as usize;
    // Columns from the right: status, saving %, saving, monthly, rate.
    let unit = unit_abbrev(&line.unit, lang);
    let rates: Vec<String> = opts
        .iter()
        .map(|o| format!("{}/{unit}", price(o.rate, lang)))
        .collect();
    let monthly: Vec<String> = opts.iter().map(|o| money(o.monthly, lang)).collect();
    let saved: Vec<String> = opts.iter().map(|o| signed_money(o.saving, lang)).collect();
    let pcts: Vec<String> = opts
        .iter()
        .map(|o| crate::budget::report::saving_percent(o.saving_percent, lang))
        .collect();
    let words: Vec<&str> = opts.iter().map(|o| o.status.word(lang)).collect();
    let heads = [
        t(lang, "Rate", "Taxa"),
        t(lang, "Monthly", "Mensal"),
        t(lang, "Saving", "Economia"),
        "%",
        t(lang, "Status", "Situação"),
    ];
    let col = |vals: &[String], head: &str| -> usize {
        vals.iter()
            .map(|v| v.width())
            .chain([head.width()])
            .max()
            .unwrap_or(0)
    };
    let status_w = words
        .iter()
        .map(|v| v.width())
        .chain([heads[4].width()])
        .max()
        .unwrap_or(0);
    let widths = [
        col(&rates, heads[0]),
        col(&monthly, heads[1]),
        col(&saved, heads[2]),
        col(&pcts, heads[3]),
        status_w,
    ];
    let right: usize = widths.iter().map(|w| w + 1).sum();
    let name_w = iw.saturating_sub(right + 2).max(4);
    // x of each right column (numbers right-aligned, the status left-aligned).
    let mut xs = [0u16; 5];
    let mut x = inner.x as usize + 2 + name_w + 1;
    for (i, cw) in widths.iter().enumerate() {
        xs[i] = x as u16;
        x += cw + 1;
    }
    let head = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    put(
        buf,
        inner.x + 2,
        inner.y,
        t(lang, "Option", "Opção"),
        name_w,
        head,
    );
    for i in 0..5 {
        let hx = if i < 4 {
            xs[i] + (widths[i] - heads[i].width()) as u16
        } else {
            xs[i]
        };
        put(buf, hx, inner.y, heads[i], widths[i], head);
    }
    let list_h = (inner.height as usize)
        .saturating_sub(1 + usize::from(detail_h > 0) + detail_h as usize)
        .max(1);
    let start = selected.saturating_sub(list_h.saturating_sub(1));
    for (i, o) in opts.iter().enumerate().skip(start).take(list_h) {
        let y = inner.y + 1 + (i - start) as u16;
        if y >= inner.y + inner.height {
            break;
        }
        let style = if i == selected {
            theme.selected()
        } else {
            Style::default()
        };
        super::fill_row(buf, inner.x, y, inner.width, style);
        let mark = if Some(i) == current { "•" } else { " " };
        put(buf, inner.x, y, mark, 1, style);
        put(buf, inner.x + 2, y, &name_in(o, app, name_w), name_w, style);
        let cells = [&rates[i], &monthly[i], &saved[i], &pcts[i]];
        for (k, v) in cells.iter().enumerate() {
            let vx = xs[k] + (widths[k].saturating_sub(v.width())) as u16;
            put(buf, vx, y, v, widths[k], style);
        }
        put(buf, xs[4], y, words[i], widths[4], style);
    }
    // More above / below.
    let shown_end = (start + list_h).min(opts.len());
    let more = match (start > 0, shown_end < opts.len()) {
        (true, true) => "↑↓",
        (true, false) => "↑",
        (false, true) => "↓",
        _ => "",
    };
    if detail_h > 0 {
        let ry = inner.y + 1 + list_h as u16;
        if ry < inner.y + inner.height {
            let rule = format!("{}{more}", "─".repeat(iw.saturating_sub(more.width())));
            put(buf, inner.x, ry, &rule, iw, theme.dim());
            for (k, row) in details.iter().take(detail_h as usize).enumerate() {
                let y = ry + 1 + k as u16;
                if y >= inner.y + inner.height {
                    break;
                }
                let style = if k == 0 {
                    theme.heading()
                } else {
                    Style::default()
                };
                put(buf, inner.x, y, row, iw, style);
            }
        }
    }
}
