//! The Lab's IAM workbench: the request, the decision with why and what would change
//! it, the evaluation flow (each layer's result in order, the deciding one
//! highlighted) and the policies by layer with every statement marked.
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::{fill_row, put};
use crate::iam::describe;
use crate::iam::eval::{LayerStatus, Outcome, Skip, StatementTrace};
use crate::iam::policy::Effect;
use crate::iam::{Layer, samples};
use crate::lang::{Lang, tr};
use crate::tui::app::App;
use crate::tui::iam_tab::{IamField, IamOrigin, IamOverlay, IamTab, RowKind, decision_text};
use crate::tui::keymap;
use crate::tui::widgets::textarea;

/// Width of the flow column, when the window is wide enough for two columns.
const FLOW_W: u16 = 27;

/// The open case's title in the current language.
pub fn title(iam: &IamTab, lang: Lang) -> String {
    match &iam.origin {
        IamOrigin::Sample(id) => samples::find(id)
            .map(|s| s.title.get(lang).to_string())
            .unwrap_or_else(|| id.clone()),
        IamOrigin::File(p) => std::path::Path::new(p)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.clone()),
    }
}

/// A layer's short name for the flow.
fn layer_short(l: Layer, lang: Lang) -> &'static str {
    l.short(lang)
}

fn status_short(s: &LayerStatus, lang: Lang) -> (&'static str, &'static str) {
    match s {
        // "não se aplica" does not fit the flow column; a dash reads as "nothing here".
        LayerStatus::NotApplicable(_) => ("·", tr(lang, "n/a", "—")),
        LayerStatus::Denies => ("✗", tr(lang, "denies", "nega")),
        LayerStatus::Allows => ("✓", tr(lang, "allows", "permite")),
        LayerStatus::NoAllow => ("–", tr(lang, "no Allow", "sem Allow")),
    }
}

/// The fixed rows over the panes: header, decision, request, why, what would change.
fn top_rows(iam: &IamTab, lang: Lang, w: usize) -> Vec<(bool, String)> {
    let mut out = vec![(
        true,
        format!("Lab · IAM · {}   (w: Step Functions)", title(iam, lang)),
    )];
    let (Some(case), Some(o)) = (&iam.case, &iam.outcome) else {
        out.push((
            false,
            tr(
                lang,
                "No case open: p picks a sample, o opens a case file.",
                "Nenhum caso aberto: p escolhe um exemplo, o abre um arquivo de caso.",
            )
            .into(),
        ));
        return out;
    };
    out.push((
        true,
        format!(
            "{}: {}   {} {}",
            tr(lang, "Decision", "Decisão"),
            decision_text(o.decision, lang),
            tr(lang, "· decided by:", "· decidido por:"),
            o.decided_by.title(lang)
        ),
    ));
    // The keys the policies' conditions read come first: they are what the lesson
    // is about (the others, such as aws:PrincipalArn, the case fills in).
    let read: std::collections::HashSet<String> = o
        .layers
        .iter()
        .flat_map(|t| &t.policies)
        .flat_map(|p| &p.statements)
        .flat_map(|s| &s.conditions)
        .map(|c| c.key.to_ascii_lowercase())
        .collect();
    let mut context: Vec<(bool, String)> = case
        .request
        .context
        .iter()
        .into_iter()
        .map(|(k, v, multi)| {
            let text = if multi || v.len() != 1 {
                format!("{k}=[{}]", v.join(","))
            } else {
                format!("{k}={}", v[0])
            };
            (!read.contains(&k.to_ascii_lowercase()), text)
        })
        .collect();
    context.sort();
    let context: Vec<String> = context.into_iter().map(|(_, t)| t).collect();
    let context = if context.is_empty() {
        tr(lang, "(none)", "(nenhum)").to_string()
    } else {
        context.join("  ")
    };
    let labels = [
        (tr(lang, "principal", "principal"), "(u) "),
        (tr(lang, "action", "ação"), "(a) "),
        (tr(lang, "resource", "recurso"), "(r) "),
        (tr(lang, "context", "contexto"), "(c) "),
    ];
    let pad = labels
        .iter()
        .map(|(l, _)| crate::wrap::width(l))
        .max()
        .unwrap_or(0);
    let values = [
        format!("{} [{}]", case.principal.arn, case.principal.kind.name()),
        case.request.action.clone(),
        case.request.resource.clone(),
        context,
    ];
    for ((label, key), value) in labels.iter().zip(values) {
        let gap = " ".repeat(pad - crate::wrap::width(label));
        let prefix = format!("  {label}{gap} {key}");
        if *key != "(c) " {
            out.push((false, format!("{prefix}{value}")));
            continue;
        }
        // The context may hold several keys: up to two rows, the rest cut.
        let room = w.saturating_sub(crate::wrap::width(&prefix)).max(10);
        let lines = crate::wrap::words(&value, room);
        let more = lines.len() > 2;
        let blank = " ".repeat(crate::wrap::width(&prefix));
        for (i, mut l) in lines.into_iter().take(2).enumerate() {
            if more && i == 1 {
                l = crate::wrap::ellipsis(&format!("{l} …"), room);
            }
            let lead = if i == 0 { &prefix } else { &blank };
            out.push((false, format!("{lead}{l}")));
        }
    }
    let why = format!("{}: {}", tr(lang, "Why", "Por quê"), o.reason.message(lang));
    out.extend(two_lines(&why, w).into_iter().map(|l| (false, l)));
    let hint = o.reason.hint(lang);
    if !hint.is_empty() {
        let change = format!(
            "{}: {hint}",
            tr(
                lang,
                "What would change the decision",
                "O que mudaria a decisão"
            )
        );
        out.extend(two_lines(&change, w).into_iter().map(|l| (false, l)));
    }
    out
}

/// `text` wrapped to `w` in at most two lines; a cut ends in `…` rather than
/// mid-sentence without a mark.
fn two_lines(text: &str, w: usize) -> Vec<String> {
    let mut lines = crate::wrap::words(text, w);
    if lines.len() > 2 {
        let rest = lines.split_off(1).join(" ");
        lines.push(crate::wrap::ellipsis(&rest, w));
    }
    lines
}

/// Top rows shown over the policy editor: the header and the decision, so a save
/// shows its effect at once.
const EDITOR_TOP: usize = 2;

/// The flow column and the policies pane, under the top rows, over the footer.
fn panes(iam: &IamTab, lang: Lang, area: Rect) -> (Rect, Rect) {
    let mut top = top_rows(iam, lang, usize::from(area.width.saturating_sub(2))).len();
    if iam.editor.is_some() {
        top = top.min(EDITOR_TOP);
    }
    let top = top as u16 + 1;
    let y = area.y + top.min(area.height);
    let h = area.bottom().saturating_sub(1).saturating_sub(y);
    let flow_w = if area.width >= 60 { FLOW_W } else { 0 };
    (
        Rect::new(area.x, y, flow_w, h),
        Rect::new(area.x + flow_w, y, area.width - flow_w, h),
    )
}

/// The resize step's part for the IAM workbench: the policies pane's rows wrapped to
/// its width, and its height for paging.
pub fn measure(iam: &mut IamTab, body: Rect, lang: Lang) {
    let (_, pane) = panes(iam, lang, body);
    if iam.editor.is_some() {
        let (text, _) = editor_areas(iam, lang, body);
        if let Some(ed) = &mut iam.editor {
            let numbers = textarea::number_width(&ed.text);
            ed.text.fit(
                usize::from(text.width.saturating_sub(numbers)),
                usize::from(text.height),
            );
        }
    }
    iam.view_height = usize::from(pane.height.saturating_sub(1)).max(1);
    iam.prepare_rows(usize::from(pane.width.saturating_sub(2)).max(10), lang);
}

/// Why a statement does or does not apply, in a few words.
fn verdict(s: &StatementTrace, lang: Lang) -> String {
    if s.applies {
        return tr(lang, "applies", "se aplica").into();
    }
    if s.effect.is_none() {
        return tr(
            lang,
            "not understood: never applies",
            "não entendida: nunca se aplica",
        )
        .into();
    }
    if !s.action.matched {
        return tr(lang, "action does not match", "a ação não casa").into();
    }
    if !s.resource.matched {
        return tr(lang, "resource does not match", "o recurso não casa").into();
    }
    if s.principal.as_ref().is_some_and(|p| !p.matched) {
        return tr(lang, "principal does not match", "o principal não casa").into();
    }
    tr(lang, "a condition is false", "uma condição é falsa").into()
}

/// The policies pane: each layer's policies and statements, wrapped to `width`.
/// The policy whose pointer is `selected` is marked `▸` (what `e` edits).
pub fn policy_rows(
    o: &Outcome,
    width: usize,
    lang: Lang,
    selected: Option<&str>,
) -> Vec<(RowKind, String)> {
    let mut rows: Vec<(RowKind, String)> = Vec::new();
    let mut push = |kind: RowKind, text: String| {
        for l in crate::wrap::indented(&text, width) {
            rows.push((kind, l));
        }
    };
    // Layers the case gives no policy for: one row, not one each.
    let absent: Vec<&str> = o
        .layers
        .iter()
        .filter(|t| t.status == LayerStatus::NotApplicable(Skip::Absent) && t.policies.is_empty())
        .map(|t| layer_short(t.layer, lang))
        .collect();
    for t in &o.layers {
        if t.status == LayerStatus::NotApplicable(Skip::Absent) && t.policies.is_empty() {
            continue;
        }
        push(
            RowKind::Layer,
            format!(
                "{} — {}",
                t.layer.title(lang),
                describe::layer_status(&t.status, lang)
            ),
        );
        if !t.levels.is_empty() {
            let marks: Vec<String> = t
                .levels
                .iter()
                .enumerate()
                .map(|(i, a)| format!("{i} {}", if *a { "✓" } else { "✗" }))
                .collect();
            push(
                RowKind::Plain,
                format!(
                    "  {}: {}",
                    tr(lang, "levels root → account", "níveis raiz → conta"),
                    marks.join("  ")
                ),
            );
        }
        for p in &t.policies {
            if selected == Some(p.pointer.as_str()) {
                push(RowKind::Selected, format!("▸ {}", p.label(lang)));
            } else {
                push(RowKind::Policy, format!("  {}", p.label(lang)));
            }
            for s in &p.statements {
                let effect = s.effect.map_or("?", Effect::name);
                let mark = match (s.applies, s.effect) {
                    (true, Some(Effect::Deny)) => "✗",
                    (true, _) => "✓",
                    (false, _) => "·",
                };
                push(
                    if s.applies {
                        RowKind::Applies
                    } else {
                        RowKind::Plain
                    },
                    format!("    {mark} {effect} {} — {}", s.label, verdict(s, lang)),
                );
                let mut parts = vec![describe::element("Action", "NotAction", &s.action, lang)];
                // The resource is looked at only once the action matched: before,
                // "Resource ✗" would say a `"*"` did not match.
                if s.action.matched {
                    parts.push(describe::element(
                        "Resource",
                        "NotResource",
                        &s.resource,
                        lang,
                    ));
                }
                if let Some(pm) = &s.principal {
                    parts.push(describe::principal(pm, lang));
                }
                push(RowKind::Plain, format!("        {}", parts.join(" · ")));
                for c in &s.conditions {
                    push(
                        RowKind::Plain,
                        format!("        {}", describe::condition(c, lang)),
                    );
                }
            }
        }
    }
    if !absent.is_empty() {
        push(
            RowKind::Plain,
            format!(
                "{}: {}",
                tr(lang, "No policy given", "Nenhuma política informada"),
                absent.join(", ")
            ),
        );
    }
    if !o.missing_context.is_empty() {
        push(
            RowKind::Layer,
            format!(
                "{}: {}",
                tr(
                    lang,
                    "Context keys the request lacks",
                    "Chaves de contexto que faltam na requisição"
                ),
                o.missing_context.join(", ")
            ),
        );
    }
    rows
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let lang = app.lang;
    let theme = app.theme;
    let iam = &app.iam;
    if area.height < 4 || area.width < 10 {
        return;
    }
    let inner_w = usize::from(area.width.saturating_sub(2));
    let x = area.x + 1;
    let (flow, pane) = panes(iam, lang, area);
    let buf = frame.buffer_mut();
    let top = top_rows(iam, lang, inner_w);
    for (i, (strong, text)) in top.iter().enumerate() {
        let y = area.y + i as u16;
        if y >= flow.y {
            break;
        }
        if iam.editor.is_some() && i >= EDITOR_TOP {
            break;
        }
        let style = match i {
            0 => theme.heading(),
            _ if *strong => Style::default().add_modifier(Modifier::BOLD),
            _ => Style::default(),
        };
        put(buf, x, y, text, inner_w, style);
    }

    if iam.editor.is_some() {
        draw_editor(frame, app, area);
        draw_lists(frame, iam, lang, app.theme, area);
        return;
    }

    // The flow: each layer's result, in the order evaluated; the deciding one marked.
    if let Some(o) = &iam.outcome
        && flow.width > 0
    {
        put(
            buf,
            flow.x + 1,
            flow.y,
            tr(lang, "Evaluation flow", "Fluxo da avaliação"),
            usize::from(flow.width - 2),
            theme.heading(),
        );
        let mut y = flow.y + 1;
        for (i, t) in o.layers.iter().enumerate() {
            if y >= flow.bottom() {
                break;
            }
            let (mark, word) = status_short(&t.status, lang);
            let deciding = t.layer == o.decided_by;
            let text = format!(
                "{}{} {:<10} {mark} {word}",
                if deciding { "▶" } else { " " },
                i + 1,
                layer_short(t.layer, lang)
            );
            let style = if deciding {
                theme.selected()
            } else if matches!(t.status, LayerStatus::NotApplicable(_)) {
                theme.dim()
            } else {
                Style::default()
            };
            if deciding {
                fill_row(buf, flow.x, y, flow.width - 1, style);
            }
            put(
                buf,
                flow.x + 1,
                y,
                &text,
                usize::from(flow.width - 2),
                style,
            );
            y += 1;
        }
        if y < flow.bottom() {
            let deciding_default = o.decided_by == Layer::Default;
            let text = format!(
                "{} ⇒ {}",
                if deciding_default { "▶" } else { " " },
                decision_text(o.decision, lang)
            );
            put(
                buf,
                flow.x + 1,
                y,
                &text,
                usize::from(flow.width - 2),
                Style::default().add_modifier(Modifier::BOLD),
            );
        }
    }

    // The policies by layer, scrolled.
    if pane.height > 0 {
        let more = if iam.rows.len() > iam.view_height {
            format!(
                "  {}–{}/{} (j k)",
                iam.scroll + 1,
                (iam.scroll + iam.view_height).min(iam.rows.len()),
                iam.rows.len()
            )
        } else {
            String::new()
        };
        put(
            buf,
            pane.x + 1,
            pane.y,
            &format!(
                "{}{more} · {}",
                tr(lang, "Policies by layer", "Políticas por camada"),
                tr(lang, "[ ] select", "[ ] escolhe")
            ),
            usize::from(pane.width.saturating_sub(2)),
            theme.heading(),
        );
        for (k, (kind, text)) in iam
            .rows
            .iter()
            .skip(iam.scroll)
            .take(iam.view_height)
            .enumerate()
        {
            let y = pane.y + 1 + k as u16;
            if y >= pane.bottom() {
                break;
            }
            let style = match kind {
                RowKind::Layer => Style::default().add_modifier(Modifier::BOLD),
                RowKind::Policy => Style::default().add_modifier(Modifier::UNDERLINED),
                RowKind::Selected => theme.selected(),
                RowKind::Applies => Style::default().add_modifier(Modifier::REVERSED),
                RowKind::Plain => Style::default(),
            };
            put(
                buf,
                pane.x + 1,
                y,
                text,
                usize::from(pane.width.saturating_sub(2)),
                style,
            );
        }
    }

    // Footer: the field being typed, what was just said, or the key hints.
    let fy = area.bottom() - 1;
    let said = app
        .message
        .as_ref()
        .filter(|m| m.level != crate::tui::message::Level::Warning);
    if let Some((kind, text)) = &iam.field {
        let label = match kind {
            IamField::Path => tr(lang, "Open case file", "Abrir arquivo de caso"),
            IamField::Action => tr(lang, "Action", "Ação"),
            IamField::Resource => tr(lang, "Resource ARN", "ARN do recurso"),
            IamField::Principal => tr(lang, "Principal ARN", "ARN do principal"),
            IamField::Context => tr(lang, "Context key=value", "Contexto chave=valor"),
        };
        let full = format!("{label}: {text}▏");
        let shown = if crate::wrap::width(&full) > inner_w {
            let room = inner_w.saturating_sub(crate::wrap::width(label) + 4);
            let tail: Vec<char> = text.chars().rev().take(room).collect();
            let tail: String = tail.into_iter().rev().collect();
            format!("{label}: …{tail}▏")
        } else {
            full
        };
        fill_row(buf, area.x, fy, area.width, theme.bar());
        put(buf, x, fy, &shown, inner_w, theme.bar());
    } else if let Some(m) = said {
        let style = if m.is_warning() {
            theme.bar_warning()
        } else {
            theme.bar()
        };
        super::message_up(buf, area.x, area.width, fy, area.y + 2, m.text(lang), style);
    } else {
        let hint = format!(
            "{} · {} · {}",
            keymap::hints(keymap::IAM_REQUEST, lang),
            keymap::hints(keymap::IAM, lang),
            keymap::hints(keymap::GLOBAL, lang)
        );
        put(buf, x, fy, &hint, inner_w, theme.dim());
    }

    draw_lists(frame, iam, lang, app.theme, area);
}

fn draw_lists(
    frame: &mut Frame,
    iam: &IamTab,
    lang: Lang,
    theme: crate::tui::theme::Theme,
    area: Rect,
) {
    let (title, rows, selected): (String, Vec<String>, usize) = match iam.overlay {
        IamOverlay::None => return,
        IamOverlay::Samples { selected } => (
            format!(
                " {} ({}, Enter) ",
                tr(lang, "IAM samples", "Exemplos de IAM"),
                match samples::all().len() {
                    0..=9 => format!("1–{}", samples::all().len()),
                    _ => "1–9, 0".into(),
                }
            ),
            samples::all()
                .iter()
                .map(|s| format!("{} — {}", s.title.get(lang), s.id))
                .collect(),
            selected,
        ),
        IamOverlay::Cases { selected } => (
            format!(" {} ", tr(lang, "Cases in the file", "Casos no arquivo")),
            iam.cases
                .iter()
                .map(|c| {
                    if c.title.is_empty() {
                        c.id.clone()
                    } else {
                        format!("{} — {}", c.id, c.title)
                    }
                })
                .collect(),
            selected,
        ),
    };
    let w = area.width.saturating_sub(4).min(100);
    let h = (rows.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(3);
    let r = super::popup_rect(area, w, h);
    let inner = super::boxed(frame, r, &title, &theme);
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
        // The sample picker's 10th is `0` (keymap::IAM_SAMPLES); the case list's is not.
        let number = match k {
            0..=8 => format!("{}", k + 1),
            9 if matches!(iam.overlay, IamOverlay::Samples { .. }) => "0".into(),
            _ => " ".into(),
        };
        put(
            buf,
            inner.x + 1,
            y,
            &format!("{number} {row}"),
            usize::from(inner.width.saturating_sub(2)),
            style,
        );
    }
}

/// The policy editor's parts under the top rows: the text (line numbers included)
/// and the row saying why the last save was refused (empty when none).
fn editor_areas(iam: &IamTab, lang: Lang, area: Rect) -> (Rect, Rect) {
    let (_, pane) = panes(iam, lang, area);
    // The pane's first row is the editor's title.
    let y = pane.y.saturating_add(1).min(pane.bottom());
    let h = pane.bottom().saturating_sub(y);
    let x = area.x + 1;
    let w = area.width.saturating_sub(2);
    // Why the last save was refused: up to two rows above the text.
    let why = iam
        .editor
        .as_ref()
        .and_then(|e| e.refused.as_ref())
        .map(|e| refused_text(e, lang));
    super::split_refusal(Rect::new(x, y, w, h), why.as_deref())
}

fn refused_text(e: &crate::iam::PolicyTextError, lang: Lang) -> String {
    format!(
        "{}: {}",
        tr(
            lang,
            "Refused, the policy stays as it was",
            "Recusado, a política continua como estava"
        ),
        e.message(lang)
    )
}

fn draw_editor(frame: &mut Frame, app: &App, area: Rect) {
    let lang = app.lang;
    let theme = app.theme;
    let iam = &app.iam;
    let Some(ed) = &iam.editor else { return };
    let (_, pane) = panes(iam, lang, area);
    let (text, refused) = editor_areas(iam, lang, area);
    let buf = frame.buffer_mut();
    let inner_w = usize::from(area.width.saturating_sub(2));
    // The column counts characters, as a refused save's "column" does; both are
    // plain numbers, as in the gutter and the refusal ("linha 2865", not "2.865").
    let (row, col) = ed.text.cursor();
    let title = match lang {
        Lang::En => format!(
            "Editing {} — Ctrl-S saves, Esc cancels   line {}, col {}",
            ed.slot.name(),
            row + 1,
            col + 1
        ),
        Lang::PtBr => format!(
            "Editando {} — Ctrl-S salva, Esc cancela   linha {}, col. {}",
            ed.slot.name(),
            row + 1,
            col + 1
        ),
    };
    if pane.height > 0 {
        put(buf, area.x + 1, pane.y, &title, inner_w, theme.heading());
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
        super::message_up(
            buf,
            area.x,
            area.width,
            fy,
            area.y + 2,
            m.text(lang),
            theme.bar(),
        );
    } else {
        let hint = format!(
            "{} · {}",
            keymap::hints(keymap::IAM_EDITOR, lang),
            tr(lang, "Enter new line", "Enter nova linha")
        );
        put(buf, area.x + 1, fy, &hint, inner_w, theme.dim());
    }
}
