//! The Budget tab's factors of the selected line (`f`): each factor and its value
//! (the one being typed underlined, with the cursor), the quantity they make, and
//! for a Glue line below Spark's 2 DPUs, what the catalog says about it. Also the
//! titles of the prompts for a custom line, a factor's name and a variant's name.
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::budget::factor_label;
use super::put;
use crate::budget::custom::glue_dpus_below_minimum;
use crate::budget::format::{number, unit_abbrev};
use crate::lang::{Lang, tr as t};
use crate::tui::app::App;
use crate::tui::budget_tab::{Field, Input};

/// The title of a prompt this file's features open.
pub fn prompt_title(kind: &Input, lang: Lang) -> String {
    match (kind, lang) {
        (Input::CustomLabel, Lang::En) => {
            " Custom line 1/3: its label — Enter goes on, Esc cancels ".into()
        }
        (Input::CustomLabel, Lang::PtBr) => {
            " Linha personalizada 1/3: o rótulo — Enter segue, Esc cancela ".into()
        }
        (Input::CustomUnit { .. }, Lang::En) => {
            " Custom line 2/3: the unit (hour, month, GB-month or your own) ".into()
        }
        (Input::CustomUnit { .. }, Lang::PtBr) => {
            " Linha personalizada 2/3: a unidade (hour, month, GB-month ou outra) ".into()
        }
        (Input::CustomPrice { unit, .. }, Lang::En) => format!(
            " Custom line 3/3: USD per {} — Enter adds ",
            crate::wrap::ellipsis(unit, 16)
        ),
        (Input::CustomPrice { unit, .. }, Lang::PtBr) => format!(
            " Linha personalizada 3/3: USD por {} — Enter adiciona ",
            crate::wrap::ellipsis(unit, 16)
        ),
        (Input::FactorName(None), _) => t(
            lang,
            " New factor's name (its value starts at 1) ",
            " Nome do novo fator (o valor começa em 1) ",
        )
        .into(),
        (Input::FactorName(Some(_)), _) => {
            t(lang, " Rename the factor ", " Renomear o fator ").into()
        }
        (Input::VariantName, _) => t(
            lang,
            " Save a variant as — Enter saves, Esc cancels ",
            " Salvar variante como — Enter salva, Esc cancela ",
        )
        .into(),
        _ => String::new(),
    }
}

/// The rows under the factors: the quantity they make and, for a Glue line with
/// fewer DPUs than a Spark job runs on, the catalog's word on it.
fn notes(app: &App, w: usize) -> Vec<(String, bool)> {
    let lang = app.lang;
    let tab = &app.budget;
    let Some(line) = tab.line() else {
        return Vec::new();
    };
    let unit = unit_abbrev(&line.unit, lang);
    let values: Vec<String> = line.factors.iter().map(|f| number(f.value, lang)).collect();
    let quantity = match line.quantity() {
        Ok(q) if values.len() > 1 => {
            format!("{} = {} {unit}", values.join(" × "), number(q, lang))
        }
        Ok(q) => format!("{} {unit}", number(q, lang)),
        Err(e) => e.message(lang),
    };
    let mut rows: Vec<(String, bool)> = crate::wrap::words(
        &format!(
            "{} {quantity}",
            t(lang, "Quantity (their product):", "Quantidade (o produto):")
        ),
        w,
    )
    .into_iter()
    .map(|r| (r, false))
    .collect();
    if let Some(dpus) = glue_dpus_below_minimum(line) {
        let said = tab
            .catalog
            .entry(&line.service)
            .and_then(|e| {
                e.caveats(lang)
                    .iter()
                    .find(|c| c.contains("2 DPU"))
                    .cloned()
            })
            .unwrap_or_else(|| {
                t(
                    lang,
                    "Spark jobs use at least 2 DPUs.",
                    "Jobs Spark usam no mínimo 2 DPUs.",
                )
                .into()
            });
        let head = match lang {
            Lang::En => format!("⚠ {} DPU is below Spark's minimum: ", number(dpus, lang)),
            Lang::PtBr => format!(
                "⚠ {} DPU fica abaixo do mínimo do Spark: ",
                number(dpus, lang)
            ),
        };
        rows.extend(
            crate::wrap::words(&format!("{head}{said}"), w)
                .into_iter()
                .map(|r| (r, true)),
        );
    }
    rows
}

pub fn draw_factors(frame: &mut Frame, app: &App, area: Rect, selected: usize) {
    let lang = app.lang;
    let theme = app.theme;
    let tab = &app.budget;
    let Some(line) = tab.line() else {
        return;
    };
    let title = match lang {
        Lang::En => format!(" Factors — {} — Esc closes ", line.label),
        Lang::PtBr => format!(" Fatores — {} — Esc fecha ", line.label),
    };
    let w = area.width.min(76);
    let inner_w = usize::from(w.saturating_sub(4)).max(1);
    let notes = notes(app, inner_w);
    let want = line.factors.len() + 1 + notes.len() + 2;
    let h = (want.min(u16::MAX as usize) as u16).min(area.height);
    let inner = super::boxed(frame, super::popup_rect(area, w, h), &title, &theme);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let x = inner.x + 1;
    let iw = usize::from(inner.width.saturating_sub(2));
    let name_w = (iw / 2).clamp(4, 32);
    let value_x = x + name_w as u16 + 2;
    let value_w = iw.saturating_sub(name_w + 2);
    // The notes keep their rows; the factors scroll to keep the selected in sight.
    let room = usize::from(inner.height);
    let list_rows = room.saturating_sub(notes.len() + 1).max(1);
    let start = selected.saturating_sub(list_rows.saturating_sub(1));
    let buf = frame.buffer_mut();
    let mut cursor = None;
    let mut y = inner.y;
    for (i, f) in line.factors.iter().enumerate().skip(start).take(list_rows) {
        let style = if i == selected {
            theme.selected()
        } else {
            Style::default()
        };
        super::fill_row(buf, inner.x, y, inner.width, style);
        put(buf, x, y, &factor_label(&f.label, lang), name_w, style);
        let editing = matches!(&tab.input, Some((Input::Value(Field::Factor(k)), _)) if *k == i);
        if editing {
            let text = tab.input.as_ref().map(|(_, s)| s.as_str()).unwrap_or("");
            let under = Style::default().add_modifier(Modifier::UNDERLINED);
            super::fill_row(buf, value_x, y, value_w as u16, under);
            put(buf, value_x, y, &format!("{text} "), value_w, under);
            cursor = Some(Position {
                x: value_x + (text.width() as u16).min(value_w.saturating_sub(1) as u16),
                y,
            });
        } else {
            put(buf, value_x, y, &number(f.value, lang), value_w, style);
        }
        y += 1;
    }
    let more = line.factors.len() > start + list_rows || start > 0;
    let rule = if more {
        format!("{}↕", "─".repeat(iw.saturating_sub(1)))
    } else {
        "─".repeat(iw)
    };
    if y < inner.y + inner.height {
        put(buf, x, y, &rule, iw, theme.dim());
        y += 1;
    }
    for (text, warn) in &notes {
        if y >= inner.y + inner.height {
            break;
        }
        let style = if *warn {
            theme.heading()
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        };
        put(buf, x, y, text, iw, style);
        y += 1;
    }
    if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
}
