//! The Lab tab: the machine's graph with the current state highlighted, the stage
//! pane of the current step, the run's status, and the Lab's lists and fields.
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::{fill_row, popup, put};
use crate::lang::{Lang, tr};
use crate::numfmt;
use crate::sfn::explain;
use crate::sfn::samples;
use crate::sfn::sim::{STAGE_NAMES, Status};
use crate::tui::app::App;
use crate::tui::keymap;
use crate::tui::lab_tab::{Field, LabTab, Origin, Overlay};
use crate::tui::theme::Theme;

/// The open machine's title in the current language.
pub fn title(lab: &LabTab, lang: Lang) -> String {
    match &lab.origin {
        Origin::Sample(id) => samples::find(id)
            .map(|s| s.title.get(lang).to_string())
            .unwrap_or_else(|| id.clone()),
        // The file's name: the full path is on the status line below, and the header
        // keeps room for the test case.
        Origin::File(p) => std::path::Path::new(p)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.clone()),
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let lang = app.lang;
    let theme = app.theme;
    if area.height < 4 || area.width < 10 {
        return;
    }
    let w = area.width as usize;
    let x = area.x + 1;
    let inner_w = w.saturating_sub(2);
    let lab = &app.lab;
    if lab.editor.is_some() {
        return draw_editor(frame, app, area);
    }
    let (graph_rect, stage_rect) = panes(area, before_first_step_rows(lab, lang, area));
    let highlighted = lab.highlighted().map(str::to_string);
    let scroll = lab.scroll;
    let none = crate::sfn::graph::Drawing::default();
    let drawing = lab.drawn().unwrap_or(&none);
    let buf = frame.buffer_mut();

    // Header.
    let mut head = format!("Lab · {}", title(lab, lang));
    if let Some(c) = lab.cases.get(lab.case) {
        head.push_str(&format!(
            "   ·   {} {c} (t)",
            tr(lang, "test case", "caso de teste")
        ));
    } else if lab.mock_problem.is_some() {
        head.push_str(&format!(
            "   ·   {} (t)",
            tr(lang, "mock file unusable", "arquivo de mocks inutilizável")
        ));
    }
    put(buf, x, area.y, &head, inner_w, theme.heading());
    put(
        buf,
        x,
        area.y + 1,
        &status_line(lab, lang),
        inner_w,
        Style::default().add_modifier(Modifier::BOLD),
    );

    // Graph.
    for row in 0..usize::from(graph_rect.height) {
        let Some(line) = drawing.lines.get(scroll + row) else {
            break;
        };
        let y = graph_rect.y + row as u16;
        put(
            buf,
            graph_rect.x + 1,
            y,
            line,
            usize::from(graph_rect.width.saturating_sub(1)),
            Style::default(),
        );
    }
    if let Some(state) = &highlighted {
        for (name, line, col, width) in &drawing.boxes {
            if name == state && *line >= scroll && *line < scroll + usize::from(graph_rect.height) {
                let y = graph_rect.y + (*line - scroll) as u16;
                let cx = graph_rect.x + 1 + *col as u16;
                if cx < graph_rect.right() {
                    let width = (*width as u16).min(graph_rect.right() - cx);
                    fill_row(buf, cx, y, width, theme.selected());
                }
            }
        }
    }
    // Where the graph view is, when it scrolls: at the end of the status row.
    if drawing.lines.len() > usize::from(graph_rect.height) && graph_rect.height > 0 {
        let more = format!(
            " {} {}–{}/{} (j k) ",
            tr(lang, "graph", "grafo"),
            scroll + 1,
            (scroll + usize::from(graph_rect.height)).min(drawing.lines.len()),
            drawing.lines.len()
        );
        let mw = more.width();
        let status_w = status_line(lab, lang).width() + 2;
        if w > mw + status_w {
            put(
                buf,
                area.right() - mw as u16 - 1,
                area.y + 1,
                &more,
                mw,
                theme.dim(),
            );
        }
    }

    // Stage pane.
    draw_stages(buf, lab, lang, theme, stage_rect, area.width >= 100);

    // Footer: a field being typed, an error, a notice, or the key hint.
    let fy = area.bottom() - 1;
    // The app's message (not a warning about files, which has its banner): an error
    // or a notice from what was just done.
    let said = app
        .message
        .as_ref()
        .filter(|m| m.level != crate::tui::message::Level::Warning);
    let error = said.filter(|m| m.is_warning()).map(|m| m.text(lang));
    let notice = said.filter(|m| !m.is_warning()).map(|m| m.text(lang));
    let (text, style) = match (&lab.field, error, notice) {
        (Some((kind, text)), _, _) => {
            let label = match kind {
                Field::Path => tr(lang, "Open file", "Abrir arquivo"),
                Field::InputFile => tr(lang, "Input file", "Arquivo de entrada"),
                Field::PerDay => tr(lang, "Executions per day", "Execuções por dia"),
            };
            // Keep the end of a long value (where the cursor is) visible.
            let full = format!("{label}: {text}▏");
            let shown = if full.width() > inner_w {
                let tail: String = text
                    .chars()
                    .rev()
                    .take(inner_w.saturating_sub(label.width() + 4))
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                format!("{label}: …{tail}▏")
            } else {
                full
            };
            (shown, theme.bar())
        }
        (None, Some(e), _) => (format!("✗ {e}"), theme.bar_warning()),
        (None, None, Some(n)) => (n.to_string(), theme.bar()),
        // The hint is written from the key table that dispatches these keys.
        _ => (
            match lab.overlay {
                Overlay::Values { .. } => keymap::hints(keymap::LAB_VALUES, lang),
                _ => format!(
                    "{} · {}",
                    keymap::hints(keymap::LAB, lang),
                    keymap::hints(keymap::GLOBAL, lang)
                ),
            },
            theme.dim(),
        ),
    };
    if lab.field.is_some() || error.is_some() {
        fill_row(buf, area.x, fy, area.width, style);
        // An error with the field open goes above it, wrapped upwards whole (the
        // field stays open to correct what was typed; Esc closes it).
        if let (Some(_), Some(e)) = (&lab.field, error) {
            let text = format!(
                "✗ {e} · {}",
                tr(lang, "fix it or Esc", "corrija ou tecle Esc")
            );
            super::message_up(
                buf,
                area.x,
                area.width,
                fy.saturating_sub(1),
                area.y + 2,
                &text,
                theme.bar_warning(),
            );
        }
    }
    if lab.field.is_none() && said.is_some() {
        // A long message wraps upwards rather than losing its end.
        super::message_up(buf, area.x, area.width, fy, area.y + 2, &text, style);
    } else if lab.field.is_none() && error.is_none() && text.width() > inner_w {
        // Too many keys for the row: whole hints only, then where the rest are.
        put(buf, x, fy, &fit_hints(&text, inner_w, lang), inner_w, style);
    } else {
        put(buf, x, fy, &text, inner_w, style);
    }

    // Lists.
    draw_overlay(frame, &app.lab, lang, theme, area);
}

/// As many whole key hints (`n step · b back · …`) as fit in `w` columns, then
/// `? more keys`, instead of one cut in the middle.
fn fit_hints(text: &str, w: usize, lang: Lang) -> String {
    let more = tr(lang, "? more keys", "? mais teclas");
    let mut out = String::new();
    for part in text.split(" · ") {
        let next = if out.is_empty() {
            part.to_string()
        } else {
            format!("{out} · {part}")
        };
        if next.width() + " · ".width() + more.width() > w {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        more.to_string()
    } else {
        format!("{out} · {more}")
    }
}

fn status_line(lab: &LabTab, lang: Lang) -> String {
    let findings = lab.findings().len();
    let valid = match (&lab.checked, findings) {
        (Err(_), _) => tr(lang, "✗ not JSON", "✗ não é JSON").to_string(),
        (Ok(_), 0) => tr(lang, "✓ valid", "✓ válida").to_string(),
        (Ok(_), 1) => format!("⚠ 1 {} (f)", tr(lang, "finding", "problema")),
        (Ok(_), n) => format!("⚠ {n} {} (f)", tr(lang, "findings", "problemas")),
    };
    match &lab.run {
        // The count is already in `valid`: say only what it means for the run.
        Err(crate::tui::lab_tab::NoRun::Findings(n)) => format!(
            "{valid} · {}",
            match n {
                1 => tr(lang, "fix it to run", "corrija para executar"),
                _ => tr(lang, "fix them to run", "corrija-os para executar"),
            }
        ),
        Err(e) => format!("{valid} · {}", e.message(lang)),
        Ok(run) => {
            let steps = run.steps.len();
            let so_far = lab.transitions_so_far();
            let price = crate::budget::step_functions::standard_price();
            // At the end, the outcome comes first (it is what a narrow screen must
            // keep); the counts are then the whole run's.
            let outcome = match (lab.cursor == steps, run.limit_reached) {
                (true, Some(n)) => format!(
                    "{} {} {} · ",
                    tr(lang, "STOPPED after", "PARADA após"),
                    numfmt::count(n, lang),
                    tr(lang, "transitions", "transições")
                ),
                (true, None) => format!("{} · ", explain::status_word(run.status, lang)),
                (false, _) => String::new(),
            };
            // Express bills the execution (a request, its duration × memory), not
            // the transitions so far.
            let cost = match (&lab.express_usage, lab.express) {
                (Some(usage), true) => {
                    use crate::budget::step_functions::{express_cost, express_prices};
                    let mut c = express_cost(usage, 1, &express_prices())
                        .total()
                        .round_dp(6);
                    c.rescale(6);
                    format!(
                        "{} Express {}",
                        tr(lang, "cost", "custo"),
                        numfmt::usd_fixed(c, 6, lang)
                    )
                }
                _ => format!(
                    "{} {}",
                    tr(lang, "cost", "custo"),
                    numfmt::usd_fixed(
                        crate::budget::step_functions::cost_usd(so_far, price),
                        6,
                        lang
                    )
                ),
            };
            format!(
                "{valid} · {outcome}{} {}/{} · {} {} · {cost}",
                tr(lang, "step", "passo"),
                numfmt::count(lab.cursor as u64, lang),
                numfmt::count(steps as u64, lang),
                tr(lang, "transitions", "transições"),
                numfmt::count(so_far, lang),
            )
        }
    }
}

fn draw_stages(buf: &mut Buffer, lab: &LabTab, lang: Lang, theme: Theme, r: Rect, wide: bool) {
    if r.height == 0 || r.width < 4 {
        return;
    }
    let x = r.x + 1;
    let w = usize::from(r.width.saturating_sub(2));
    let mut y = r.y;
    let bottom = r.bottom();
    if !wide {
        // A rule between graph and stages.
        put(
            buf,
            r.x,
            y,
            &"─".repeat(usize::from(r.width)),
            usize::from(r.width),
            theme.border(),
        );
        y += 1;
    } else {
        for yy in r.y..bottom {
            put(buf, r.x.saturating_sub(1), yy, "│", 1, theme.border());
        }
    }
    let line = |buf: &mut Buffer, text: &str, style: Style, y: &mut u16| {
        if *y < bottom {
            put(buf, x, *y, text, w, style);
            *y += 1;
        }
    };
    let Some(step) = lab.current() else {
        for (l, intro) in before_first_step(lab, lang, w) {
            let style = if intro { theme.dim() } else { Style::default() };
            line(buf, &l, style, &mut y);
        }
        return;
    };
    let depth = if step.depth > 0 {
        format!(
            " · {} {}",
            tr(lang, "nested level", "nível aninhado"),
            step.depth
        )
    } else {
        String::new()
    };
    line(
        buf,
        &format!(
            "{} ({}) · {} {}/{}{depth}",
            step.state,
            step.kind,
            tr(lang, "step", "passo"),
            lab.cursor,
            lab.steps().len()
        ),
        theme.heading(),
        &mut y,
    );
    // The notes (retries, wait, error, and the run's outcome at the end) are drawn
    // last but their rows are kept first: the outcome must show on a small screen.
    // A stage whose value equals the previous one takes one row; stages in a row
    // without a value for the same reason (the type has none) share one row; the
    // others get their value (hard-wrapped) and a row of explanation.
    let values: Vec<Option<String>> = (0..STAGE_NAMES.len())
        .map(|i| step.stages.get(i).map(|v| v.to_string()))
        .collect();
    let explained: Vec<String> = (0..values.len()).map(|i| lab.explain(i, lang)).collect();
    let mut entries: Vec<Entry> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| &values[p]);
        match (v, entries.last_mut()) {
            (None, Some(Entry::Missing(group))) if explained[group[0]] == explained[i] => {
                group.push(i)
            }
            (None, _) => entries.push(Entry::Missing(vec![i])),
            (Some(_), _) if prev == Some(v) => entries.push(Entry::Same(i)),
            (Some(_), _) => entries.push(Entry::Value(i)),
        }
    }
    // The rows the stages need at least (a value and its explanation; one for a
    // stage equal to the previous; two for a group without values): the variables
    // in scope take only what is left after them and the other notes.
    let stage_min: usize = entries
        .iter()
        .map(|e| match e {
            Entry::Same(_) => 1,
            Entry::Value(_) | Entry::Missing(_) => 2,
        })
        .sum();
    let notes = step_notes(lab, step, lang);
    let total = usize::from(bottom.saturating_sub(y));
    let max_rows = total / 2;
    let note_lines = note_lines(&notes, w, max_rows, total.saturating_sub(stage_min), theme);
    let note_rows = note_lines.len().min(total) as u16;
    let notes_top = bottom - note_rows;
    let bottom = notes_top;
    let line = |buf: &mut Buffer, text: &str, style: Style, y: &mut u16| {
        if *y < bottom {
            put(buf, x, *y, text, w, style);
            *y += 1;
        }
    };
    let changed = entries
        .iter()
        .filter(|e| matches!(e, Entry::Value(_)))
        .count()
        .max(1);
    let unchanged = entries.len().saturating_sub(changed);
    let avail = usize::from(bottom.saturating_sub(y));
    let spare = avail.saturating_sub(unchanged + 2 * changed) / changed;
    // Two rows of explanation when there is room, then up to three more of value.
    let explain_rows = if spare >= 2 { 2 } else { 1 };
    let extra = spare.saturating_sub(explain_rows - 1).min(3);
    for entry in &entries {
        if y >= bottom {
            break;
        }
        let i = match entry {
            Entry::Same(i) => {
                let text = format!(
                    "{} = {} · {}",
                    explain::stage_label(*i, step.jsonata, lang),
                    explain::stage_label(i - 1, step.jsonata, lang),
                    explained[*i]
                );
                line(buf, &text, theme.dim(), &mut y);
                continue;
            }
            Entry::Missing(group) => {
                let names: Vec<&str> = group
                    .iter()
                    .map(|&k| explain::stage_label(k, step.jsonata, lang))
                    .collect();
                // A JSONata state's missing stages share the explanation of the
                // first (it has no InputPath, ResultSelector nor ResultPath): the
                // type itself has them in JSONPath.
                let why = if group.len() == 1 || step.jsonata {
                    explained[group[0]].clone()
                } else {
                    let stopped =
                        step.error.is_some() && explain::type_has_stage(&step.kind, group[0]);
                    explain::missing_stages(stopped, lang).to_string()
                };
                let text = format!("{}: {why}", names.join(", "));
                for l in crate::wrap::words(&text, w).iter().take(3) {
                    line(buf, l, theme.dim(), &mut y);
                }
                continue;
            }
            Entry::Value(i) => *i,
        };
        let name = explain::stage_label(i, step.jsonata, lang);
        let ex = &explained[i];
        let head = match &values[i] {
            Some(v) => format!("{name}: {v}"),
            None => format!("{name}: —"),
        };
        let mut lines = crate::wrap::chars(&head, w);
        if lines.len() > extra + 1 {
            lines.truncate(extra + 1);
            if let Some(l) = lines.last_mut() {
                l.pop();
                l.push('…');
            }
        }
        for (k, l) in lines.iter().enumerate() {
            let style = if k == 0 {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            line(buf, l, style, &mut y);
        }
        let ex_lines = crate::wrap::words(ex, w.saturating_sub(2));
        for (k, l) in ex_lines.iter().take(explain_rows).enumerate() {
            let more = k + 1 == explain_rows && ex_lines.len() > explain_rows;
            let text = if more {
                format!("  {l}…")
            } else {
                format!("  {l}")
            };
            line(buf, &text, theme.dim(), &mut y);
        }
    }
    // Right under the stages (the rows kept for them are free if the stages fit).
    let room = usize::from(r.bottom().saturating_sub(y.min(notes_top)));
    for (k, (l, style)) in note_lines.iter().take(room).enumerate() {
        let row = y.min(notes_top) + k as u16;
        put(buf, x, row, l, w, *style);
    }
}

/// A row group of the stage pane.
enum Entry {
    /// A stage with a value of its own.
    Value(usize),
    /// A stage whose value is the previous stage's.
    Same(usize),
    /// Stages in a row without a value, for the same reason.
    Missing(Vec<usize>),
}

/// A line under a step's stages: wrapped at words, or the variables in scope.
enum Note {
    Wrapped(String),
    /// One row each (`put` cuts a long one with `…`), and a one-row summary used
    /// when they do not all fit.
    Variables(Vec<String>, String),
}

/// The rows of the notes: the notes themselves (wrapped) up to `max_rows`, and the
/// variables in scope within what is left of `room`: one per row when all fit, else
/// their one-row summary, else nothing (`v` shows everything).
fn note_lines(
    notes: &[Note],
    w: usize,
    max_rows: usize,
    room: usize,
    theme: Theme,
) -> Vec<(String, Style)> {
    let fixed: usize = notes
        .iter()
        .map(|n| match n {
            Note::Wrapped(t) => crate::wrap::words(t, w).len(),
            Note::Variables(..) => 0,
        })
        .sum::<usize>()
        .min(max_rows);
    let var_room = room.saturating_sub(fixed);
    let mut lines = Vec::new();
    let mut var_rows = 0;
    for n in notes {
        match n {
            Note::Wrapped(t) => lines.extend(
                crate::wrap::words(t, w)
                    .into_iter()
                    .map(|l| (l, theme.heading())),
            ),
            Note::Variables(rows, summary) => {
                if rows.len() <= var_room {
                    var_rows = rows.len();
                    lines.extend(rows.iter().map(|r| (r.clone(), Style::default())));
                } else if var_room > 0 {
                    var_rows = 1;
                    lines.push((summary.clone(), Style::default()));
                }
            }
        }
    }
    lines.truncate(fixed + var_rows);
    lines
}

/// Variables listed under the stages at most; the others are counted (`v` shows all).
const VARIABLE_ROWS: usize = 4;

/// The lines under a step's stages: the Choice rule that matched, its retries with
/// their errors, its wait, its error, the variables in scope, and at the end of the
/// run the execution's outcome.
fn step_notes(lab: &LabTab, step: &crate::sfn::sim::Step, lang: Lang) -> Vec<Note> {
    let mut notes = Vec::new();
    if let Some(m) = &step.matched {
        notes.push(m.message(lang));
    }
    for (n, r) in step.retries.iter().enumerate() {
        notes.push(r.message(n + 1, lang));
    }
    if let Some(s) = step.wait_seconds {
        notes.push(format!(
            "⏱ {} {} s ({})",
            tr(lang, "waits", "espera"),
            numfmt::float(s, 0, lang),
            tr(lang, "simulated, not slept", "simulado, sem esperar")
        ));
    }
    let at_end = lab.cursor == lab.steps().len();
    let run_error = lab.run.as_ref().ok().and_then(|r| r.error.as_ref());
    // At the end the run's outcome below says it, when it is this same error.
    if let Some(e) = &step.error
        && !(at_end && run_error == Some(e))
    {
        notes.push(format!("✗ {}", explain::error_line(e, lang)));
    }
    let mut notes: Vec<Note> = notes.into_iter().map(Note::Wrapped).collect();
    if let Some(serde_json::Value::Object(vars)) = step.variables.as_deref().map(|v| v.value()) {
        let head = format!(
            "{} ({})",
            tr(lang, "variables in scope", "variáveis no escopo"),
            numfmt::count(vars.len() as u64, lang)
        );
        let mut rows = vec![format!("{head}:")];
        for (name, v) in vars.iter().take(VARIABLE_ROWS) {
            rows.push(format!("  ${name} = {v}"));
        }
        if vars.len() > VARIABLE_ROWS {
            rows.push(format!(
                "  + {} {}",
                numfmt::count((vars.len() - VARIABLE_ROWS) as u64, lang),
                tr(lang, "more (v shows all)", "outras (v mostra todas)")
            ));
        }
        let names: Vec<String> = vars.keys().map(|k| format!("${k}")).collect();
        let summary = format!("{head}: {} (v)", names.join(", "));
        notes.push(Note::Variables(rows, summary));
    }
    let mut end = Vec::new();
    if lab.cursor == lab.steps().len()
        && let Ok(run) = &lab.run
    {
        end.push(match (run.status, &run.error) {
            (_, _) if run.limit_reached.is_some() => format!(
                "⏹ {} {}",
                numfmt::count(run.limit_reached.unwrap_or(0), lang),
                tr(
                    lang,
                    "transitions: the Lab stops here (an endless loop?) and the steps so far can be stepped through. On AWS a Standard execution fails once its history reaches 25,000 events.",
                    "transições: o Lab para aqui (laço sem fim?) e dá para percorrer os passos até aqui. Na AWS, uma execução Standard falha quando o histórico chega a 25.000 eventos.",
                )
            ),
            (Status::Failed, Some(e)) => format!(
                "{} · {}",
                explain::status_word(Status::Failed, lang),
                explain::error_line(e, lang)
            ),
            _ => format!(
                "{} · {} {}",
                explain::status_word(run.status, lang),
                tr(lang, "output", "saída"),
                run.output
                    .as_ref()
                    .map(|o| o.to_string())
                    .unwrap_or_default()
            ),
        });
    }
    notes.extend(end.into_iter().map(Note::Wrapped));
    notes
}

/// The values view: the current step's stages in full, wrapped to the width, from
/// the scrolled-to row (only the visible rows are wrapped).
/// The first row of the last page: from it, the remaining rows (wrapped) just fill
/// `height` rows.
/// The stage pane before the first step: what to press (dim), then the execution
/// input, up to three rows.
fn before_first_step(lab: &LabTab, lang: Lang, w: usize) -> Vec<(String, bool)> {
    let intro = match &lab.run {
        Ok(_) => tr(
            lang,
            "Before the first state. Press n to step, r to run to the end. Execution input:",
            "Antes do primeiro estado. Tecle n para avançar, r para ir ao fim. Entrada da execução:",
        ),
        Err(_) => tr(
            lang,
            "This machine cannot run now (see above). Execution input:",
            "Esta máquina não pode ser executada agora (veja acima). Entrada da execução:",
        ),
    };
    let mut lines: Vec<(String, bool)> = crate::wrap::words(intro, w)
        .into_iter()
        .map(|l| (l, true))
        .collect();
    let mut input = crate::wrap::chars(&lab.input.to_string(), w);
    if input.len() > INPUT_ROWS {
        input.truncate(INPUT_ROWS);
        if let Some(l) = input.last_mut() {
            l.pop();
            l.push('…');
        }
    }
    lines.extend(input.into_iter().map(|l| (l, false)));
    lines
}

/// Rows of the execution input shown before the first step (`v` shows it whole).
const INPUT_ROWS: usize = 3;

/// The rows the stacked stage pane needs before the first step (its rule and
/// [`before_first_step`]); None after it.
fn before_first_step_rows(lab: &LabTab, lang: Lang, area: Rect) -> Option<u16> {
    if lab.current().is_some() {
        return None;
    }
    let w = usize::from(area.width.saturating_sub(2));
    Some(1 + before_first_step(lab, lang, w).len() as u16)
}

/// The graph pane and the stage pane: side by side from 100 columns, else stacked.
/// Header (2 rows) above, footer (1 row) below. Stacked, before the first step
/// (`before_first_step`: the rows the stage pane then needs) the graph takes the
/// rows the stages would use.
fn panes(area: Rect, before_first_step: Option<u16>) -> (Rect, Rect) {
    // Layout: header (2 rows), body, footer (1 row).
    let body_top = area.y + 2;
    let body_h = area.height.saturating_sub(3);
    let wide = area.width >= 100;
    if wide {
        let gw = area.width * 9 / 20;
        (
            Rect {
                x: area.x,
                y: body_top,
                width: gw,
                height: body_h,
            },
            Rect {
                x: area.x + gw + 1,
                y: body_top,
                width: area.width - gw - 1,
                height: body_h,
            },
        )
    } else {
        // The stage pane needs about 14 rows; the graph keeps at least 5.
        let gh = match before_first_step {
            Some(rows) => body_h.saturating_sub(rows).max(5.min(body_h)),
            None => body_h
                .saturating_sub(14)
                .clamp(5.min(body_h), (body_h / 2).max(5.min(body_h))),
        };
        (
            Rect {
                x: area.x,
                y: body_top,
                width: area.width,
                height: gh,
            },
            Rect {
                x: area.x,
                y: body_top + gh,
                width: area.width,
                height: body_h - gh,
            },
        )
    }
}

/// The input editor's parts under the header and its title row: the text (line
/// numbers included) and the rows saying why the last save was refused (none when
/// it was not). The editor takes every row the graph and the stages had.
fn editor_areas(lab: &LabTab, lang: Lang, area: Rect) -> (Rect, Rect) {
    // Header, title row above; footer below.
    let y = area.y + 2.min(area.height);
    let h = area.bottom().saturating_sub(1).saturating_sub(y);
    let x = area.x + 1;
    let w = area.width.saturating_sub(2);
    // Why the last save was refused: up to two rows above the text.
    let why = lab
        .editor
        .as_ref()
        .and_then(|e| e.refused.as_ref())
        .map(|e| refused_text(e, lang));
    super::split_refusal(Rect::new(x, y, w, h), why.as_deref())
}

fn refused_text(e: &crate::tui::lab_tab::InputRefusal, lang: Lang) -> String {
    format!(
        "{}: {}",
        tr(
            lang,
            "Refused, the input stays as it was",
            "Recusado, a entrada continua como estava"
        ),
        e.message(lang)
    )
}

/// The Lab with its execution input open in the multi-line editor: the header, the
/// editor's title with the cursor's place, why the last save was refused, the
/// numbered text, and the footer (what was just said, or the editor's keys).
fn draw_editor(frame: &mut Frame, app: &App, area: Rect) {
    use crate::tui::widgets::textarea;
    let lang = app.lang;
    let theme = app.theme;
    let lab = &app.lab;
    let Some(ed) = &lab.editor else { return };
    let (text, refused) = editor_areas(lab, lang, area);
    let buf = frame.buffer_mut();
    let x = area.x + 1;
    let inner_w = usize::from(area.width.saturating_sub(2));
    put(
        buf,
        x,
        area.y,
        &format!("Lab · {}", title(lab, lang)),
        inner_w,
        theme.heading(),
    );
    // The column counts characters, as a refused save's "column" does; both are
    // plain numbers, as in the gutter and the refusal ("linha 2865", not "2.865").
    let (row, col) = ed.text.cursor();
    let (line, col) = (row + 1, col + 1);
    let head = match lang {
        Lang::En => {
            format!("Execution input (JSON) — Ctrl-S saves, Esc cancels   line {line}, col {col}")
        }
        Lang::PtBr => format!(
            "Entrada da execução (JSON) — Ctrl-S salva, Esc cancela   linha {line}, col. {col}"
        ),
    };
    if area.height > 1 {
        put(
            buf,
            x,
            area.y + 1,
            &head,
            inner_w,
            Style::default().add_modifier(Modifier::BOLD),
        );
    }
    if let Some(e) = &ed.refused {
        super::draw_refusal(buf, refused, &refused_text(e, lang), theme.bar_warning());
    }
    textarea::draw_numbered(buf, text, &ed.text, Style::default(), theme.dim());

    // Footer: what was just said, or the editor's keys.
    let fy = area.bottom() - 1;
    let said = app
        .message
        .as_ref()
        .filter(|m| m.level != crate::tui::message::Level::Warning);
    if let Some(m) = said {
        let style = if m.is_warning() {
            theme.bar_warning()
        } else {
            theme.bar()
        };
        super::message_up(buf, area.x, area.width, fy, area.y + 2, m.text(lang), style);
    } else {
        let hint = format!(
            "{} · {}",
            keymap::hints(keymap::LAB_EDITOR, lang),
            tr(
                lang,
                "Enter new line · Ctrl-U empty",
                "Enter nova linha · Ctrl-U esvaziar"
            )
        );
        put(buf, x, fy, &hint, inner_w, theme.dim());
    }
}

/// The resize step's part for the Lab: the values view pages by what it shows, and
/// ends with its last row at the bottom; the input editor keeps its cursor in view.
pub fn measure(lab: &mut crate::tui::lab_tab::LabTab, body: Rect, lang: crate::lang::Lang) {
    if lab.editor.is_some() {
        let (text, _) = editor_areas(lab, lang, body);
        if let Some(ed) = &mut lab.editor {
            let numbers = crate::tui::widgets::textarea::number_width(&ed.text);
            ed.text.fit(
                usize::from(text.width.saturating_sub(numbers)),
                usize::from(text.height),
            );
        }
        return;
    }
    if body.height >= 4 && body.width >= 10 {
        let (graph_rect, _) = panes(body, before_first_step_rows(lab, lang, body));
        let height = usize::from(graph_rect.height);
        let graph_w = usize::from(graph_rect.width.saturating_sub(1)).max(20);
        lab.prepare_drawing(graph_w, lang);
        if height != lab.view_height {
            // The graph pane grew or shrank (the first step taken, or back before it):
            // the highlighted state stays in view.
            lab.view_height = height;
            lab.reveal();
        }
    }
    lab.values_height = usize::from(body.height.saturating_sub(3)).max(1);
    if let Overlay::Values { rows, .. } = &lab.overlay {
        let width = usize::from(body.width.saturating_sub(6)).max(1);
        lab.values_last = values_last_start(rows, width, lab.values_height);
    }
}

fn values_last_start(rows: &[String], width: usize, height: usize) -> usize {
    let mut used = 0;
    for (i, row) in rows.iter().enumerate().rev() {
        used += crate::wrap::indented(row, width).len();
        if used > height {
            return i + 1;
        }
    }
    0
}

fn draw_values(
    frame: &mut Frame,
    rows: &[String],
    scroll: usize,
    lang: Lang,
    theme: Theme,
    area: Rect,
) {
    let w = area.width.saturating_sub(2).max(3);
    let h = area.height.saturating_sub(1).max(3);
    let r = popup(frame, area, w, h);
    // The rows from `scroll`, wrapped once: what fits is drawn, and the title counts
    // the rows that fit whole.
    let text_w = usize::from(r.width.saturating_sub(4)).max(1);
    let height = usize::from(r.height.saturating_sub(2));
    let mut lines: Vec<(String, bool)> = Vec::with_capacity(height);
    let mut shown = scroll;
    for row in rows.iter().skip(scroll) {
        if lines.len() >= height {
            break;
        }
        let heading = !(row.starts_with(' ') || row.is_empty());
        let pieces = crate::wrap::indented(row, text_w);
        if lines.len() + pieces.len() <= height {
            shown += 1;
        }
        lines.extend(pieces.into_iter().map(|p| (p, heading)));
    }
    lines.truncate(height);
    let title = format!(
        " {} {}–{}/{} · j k PgDn PgUp g G · Esc ",
        tr(lang, "Values, rows", "Valores, linhas"),
        (scroll + 1).min(rows.len()),
        shown.max((scroll + 1).min(rows.len())),
        rows.len()
    );
    let inner = super::boxed(frame, r, &title, &theme);
    let buf = frame.buffer_mut();
    for (k, (line, heading)) in lines.iter().enumerate() {
        let style = if *heading {
            theme.heading()
        } else {
            Style::default()
        };
        put(buf, inner.x + 1, inner.y + k as u16, line, text_w, style);
    }
}

/// The findings: each one's message (wrapped, up to three rows) and, under it, the
/// one sentence on why AWS refuses it and how to fix it; the selected one in view.
fn draw_findings(
    frame: &mut Frame,
    lab: &LabTab,
    selected: usize,
    lang: Lang,
    theme: Theme,
    area: Rect,
) {
    let w = area.width.saturating_sub(4).min(100);
    let text_w = usize::from(w.saturating_sub(4)).max(1);
    // Each finding's rows, and how many of them are its message.
    let entries: Vec<(Vec<String>, usize)> = lab
        .findings()
        .iter()
        .map(|f| {
            let mut rows: Vec<String> = crate::wrap::words(&f.message(lang), text_w)
                .into_iter()
                .take(3)
                .collect();
            let message_rows = rows.len();
            rows.extend(
                crate::wrap::words(f.rule.explain(lang), text_w.saturating_sub(2).max(1))
                    .into_iter()
                    .take(3)
                    .map(|l| format!("  {l}")),
            );
            (rows, message_rows)
        })
        .collect();
    let total: usize = entries.iter().map(|(rows, _)| rows.len()).sum();
    let h = (total as u16 + 2).min(area.height.saturating_sub(2)).max(3);
    let r = super::popup_rect(area, w, h);
    let title = format!(
        " {} {}/{} ",
        tr(
            lang,
            "Findings (Enter: go to the state)",
            "Problemas (Enter: ir ao estado)",
        ),
        (selected + 1).min(entries.len()),
        entries.len()
    );
    let inner = super::boxed(frame, r, &title, &theme);
    let buf = frame.buffer_mut();
    let visible = usize::from(inner.height);
    // The first entry drawn: the earliest from which the selected one still fits.
    let selected = selected.min(entries.len().saturating_sub(1));
    let mut first = selected;
    let mut used = entries.get(selected).map_or(0, |(rows, _)| rows.len());
    while first > 0 && used + entries[first - 1].0.len() <= visible {
        first -= 1;
        used += entries[first].0.len();
    }
    let mut y = inner.y;
    for (k, (rows, message_rows)) in entries.iter().enumerate().skip(first) {
        let message_rows = *message_rows;
        for (j, row) in rows.iter().enumerate() {
            if y >= inner.bottom() {
                return;
            }
            let style = match (k == selected, j < message_rows) {
                (true, true) => theme.selected(),
                (_, true) => Style::default(),
                (_, false) => theme.dim(),
            };
            if k == selected && j < message_rows {
                fill_row(buf, inner.x, y, inner.width, style);
            }
            put(buf, inner.x + 1, y, row, text_w, style);
            y += 1;
        }
    }
}

fn draw_overlay(frame: &mut Frame, lab: &LabTab, lang: Lang, theme: Theme, area: Rect) {
    let (title, rows, selected): (String, Vec<String>, usize) = match &lab.overlay {
        Overlay::None => return,
        Overlay::Values { rows, scroll } => {
            let scroll = (*scroll).min(lab.values_last);
            return draw_values(frame, rows, scroll, lang, theme, area);
        }
        Overlay::Samples { selected } => (
            format!(
                "{} (1–{}, Enter)",
                tr(lang, "Sample machines", "Máquinas de exemplo"),
                samples::all().len().min(9)
            ),
            samples::all()
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    format!(
                        "{} {} — {}",
                        i + 1,
                        s.title.get(lang),
                        s.description.get(lang)
                    )
                })
                .collect(),
            *selected,
        ),
        Overlay::Cases { selected } => (
            tr(lang, "Mock test case", "Caso de teste do mock").into(),
            lab.cases
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{} {c}", i + 1))
                .collect(),
            *selected,
        ),
        Overlay::Findings { selected } => {
            return draw_findings(frame, lab, *selected, lang, theme, area);
        }
    };
    let w = area.width.saturating_sub(4).min(100);
    let h = (rows.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(3);
    let r = super::popup_rect(area, w, h);
    let inner = super::boxed(frame, r, &format!(" {title} "), &theme);
    let buf = frame.buffer_mut();
    let visible = usize::from(inner.height);
    let first = selected.saturating_sub(visible.saturating_sub(1));
    for (k, row) in rows.iter().enumerate().skip(first).take(visible) {
        let y = inner.y + (k - first) as u16;
        let style = if k == selected {
            theme.selected()
        } else {
            Style::default()
        };
        if k == selected {
            fill_row(buf, inner.x, y, inner.width, style);
        }
        put(
            buf,
            inner.x + 1,
            y,
            row,
            usize::from(inner.width.saturating_sub(2)),
            style,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_wrap_at_spaces_under_their_indentation() {
        let row = "    \"cause\": \"The forecast RMSE is above the gate, so it was not deployed.\"";
        let lines = crate::wrap::indented(row, 30);
        assert!(lines.iter().all(|l| l.width() <= 30), "{lines:?}");
        assert!(lines[1].starts_with("      "), "{lines:?}");
        // No word cut: every word of the row is whole on some line.
        for w in row.split_whitespace() {
            assert!(lines.iter().any(|l| l.contains(w)), "{w} in {lines:?}");
        }
        // A word wider than the row is cut, nothing lost.
        let long = format!("  \"{}\"", "x".repeat(70));
        let lines = crate::wrap::indented(&long, 30);
        assert!(lines.iter().all(|l| l.width() <= 30), "{lines:?}");
        let xs: usize = lines.iter().map(|l| l.matches('x').count()).sum();
        assert_eq!(xs, 70);
    }
}
