//! The Lab's picture of a state machine: a small graph model read from an ASL definition
//! ([`model`]) and a layered text drawing of it ([`draw`]).
//!
//! Layout: states are put in layers by the longest forward path from `StartAt` (a
//! depth-first search marks the transitions that close a loop as back edges; the rest form
//! a DAG). Layers are drawn top to bottom; the states of one layer sit side by side when
//! they fit the width, otherwise they wrap onto further rows. Each state is a box with its
//! name and type, followed by one line per transition (`→ Next`, `├ rule 1 → X`,
//! `└ default → Y`, `✗ catch States.ALL → Z`, `↺ back to W`) and `■ end` for terminal
//! states. Parallel branches and Map item processors are drawn recursively inside a frame
//! under their state's box. States that cannot be reached from `StartAt` come last, under
//! `(unreachable)`.
use std::collections::HashMap;

use serde_json::Value;
#[cfg(test)]
use unicode_width::UnicodeWidthStr;

use super::model::{State, StateKind, StateMachine};
use crate::lang::{Lang, tr};

/// Nested Parallel/Map machines deeper than this are drawn as `…`.
const MAX_DRAW_DEPTH: usize = 32;
/// Columns between states drawn side by side.
const GAP: usize = 3;
/// Narrower requests are laid out at this width and then clipped.
const MIN_LAYOUT: usize = 16;
/// Narrowest interior a nested frame is drawn with; narrower nests are drawn as `…`.
const MIN_NEST: usize = 14;
/// Columns a nested frame costs: two of indentation plus `│ ` and ` │`.
const FRAME_COST: usize = 6;

/// A state machine (or one Parallel branch / Map item processor).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Machine {
    /// `StartAt`, empty when missing.
    pub start: String,
    /// The states in file order.
    pub states: Vec<Node>,
}

/// One state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    /// `Type` as the file says it, `?` when missing.
    pub kind: String,
    /// `End: true`, or a Succeed/Fail state.
    pub terminal: bool,
    /// Every transition out, in order: Next (`next`), each Choice rule (`rule 1`…),
    /// Default (`default`), each Catch (`catch <ErrorEquals joined by ,>`).
    pub edges: Vec<Edge>,
    /// Parallel: one machine per branch; Map: the ItemProcessor (or older Iterator).
    pub children: Vec<Machine>,
}

/// One transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub label: String,
    pub target: String,
}

/// Reads the graph of an ASL definition. Never panics: missing or odd fields give an empty
/// start, no states, kind `?` or no edges.
pub fn model(def: &Value) -> Machine {
    of(&StateMachine::read(def))
}

/// The graph of a typed state machine.
pub fn of(m: &StateMachine) -> Machine {
    Machine {
        start: m.start_at.clone().unwrap_or_default(),
        states: m.states.iter().map(node).collect(),
    }
}

fn node(st: &State) -> Node {
    let mut edges = Vec::new();
    if let Some(target) = &st.next {
        edges.push(Edge {
            label: "next".into(),
            target: target.clone(),
        });
    }
    if let StateKind::Choice { choices, default } = &st.kind {
        for (i, rule) in choices.iter().enumerate() {
            if let Some(target) = &rule.next {
                edges.push(Edge {
                    label: format!("rule {}", i + 1),
                    target: target.clone(),
                });
            }
        }
        if let Some(target) = default {
            edges.push(Edge {
                label: "default".into(),
                target: target.clone(),
            });
        }
    }
    for catch in &st.catch {
        if let Some(target) = &catch.next {
            let label = if catch.error_equals.is_empty() {
                "catch".to_string()
            } else {
                format!("catch {}", catch.error_equals.join(","))
            };
            edges.push(Edge {
                label,
                target: target.clone(),
            });
        }
    }
    Node {
        name: st.name.clone(),
        kind: st.type_name.clone(),
        terminal: st.is_terminal(),
        edges,
        children: st.sub_machines().map(of).collect(),
    }
}

/// A drawn machine. `boxes` holds, for each drawn state, `(name, line index, start
/// column, width)` of its name cell: the inside of the box row that shows the name,
/// between the `│` borders. Columns and widths count chars (not display columns), so
/// `line.chars().skip(col).take(width)` is the cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drawing {
    pub lines: Vec<String>,
    pub boxes: Vec<(String, usize, usize, usize)>,
}

/// Draws `m` in at most `width` display columns. Below 16 columns the layout is made for
/// 16 and each line is then clipped. Deterministic; time is linear in the number of states
/// and transitions (times the nesting depth for lines inside Parallel/Map frames).
pub fn draw(m: &Machine, width: usize) -> Drawing {
    draw_in(m, width, Lang::En)
}

/// [`draw`] with its words (`start`, `rule 1`, `default`, `end`…) in `lang`.
pub fn draw_in(m: &Machine, width: usize, lang: Lang) -> Drawing {
    let block = draw_machine(m, width.max(MIN_LAYOUT), 0, lang);
    let mut d = Drawing {
        lines: block.lines,
        boxes: block.boxes,
    };
    clip(&mut d, width);
    d
}

/// The line where `state`'s box (its name row) is drawn.
pub fn highlight_line(d: &Drawing, state: &str) -> Option<usize> {
    d.boxes.iter().find(|b| b.0 == state).map(|b| b.1)
}

/// Lines of text plus the name cells drawn in them (line indices local to the block).
#[derive(Default)]
struct Block {
    lines: Vec<String>,
    /// Display width of each line.
    widths: Vec<usize>,
    /// Widest line.
    w: usize,
    /// Sorted by line.
    boxes: Vec<(String, usize, usize, usize)>,
}

impl Block {
    fn push(&mut self, s: String) {
        let w = crate::wrap::width(&s);
        self.w = self.w.max(w);
        self.widths.push(w);
        self.lines.push(s);
    }

    /// Appends `other` below.
    fn append(&mut self, other: Block) {
        let base = self.lines.len();
        self.boxes.extend(
            other
                .boxes
                .into_iter()
                .map(|(n, l, c, w)| (n, l + base, c, w)),
        );
        self.w = self.w.max(other.w);
        self.lines.extend(other.lines);
        self.widths.extend(other.widths);
    }
}

fn draw_machine(m: &Machine, avail: usize, depth: usize, lang: Lang) -> Block {
    let mut out = Block::default();
    if m.states.is_empty() {
        out.push(crate::wrap::ellipsis(
            tr(lang, "(no states)", "(sem estados)"),
            avail,
        ));
        return out;
    }
    let mut idx: HashMap<&str, usize> = HashMap::with_capacity(m.states.len());
    for (i, n) in m.states.iter().enumerate() {
        idx.entry(n.name.as_str()).or_insert(i);
    }
    let targets: Vec<Vec<Option<usize>>> = m
        .states
        .iter()
        .map(|n| {
            n.edges
                .iter()
                .map(|e| idx.get(e.target.as_str()).copied())
                .collect()
        })
        .collect();
    let start = idx.get(m.start.as_str()).copied();
    let lay = layers(&targets, start);

    let start_word = tr(lang, "▶ start", "▶ início");
    let head = match start {
        Some(_) => start_word.to_string(),
        None if m.start.is_empty() => format!("{start_word}: {}", tr(lang, "(none)", "(nenhum)")),
        None => format!("{start_word}: {} {}", clean(&m.start), missing(lang)),
    };
    out.push(crate::wrap::ellipsis(&head, avail));

    let mut first_row = true;
    for layer in &lay.layers {
        let blocks = layer
            .iter()
            .map(|&i| node_block(m, i, &targets[i], &lay.back[i], avail, depth, lang))
            .collect();
        for row in pack(blocks, avail) {
            if !first_row {
                out.push(String::new());
            }
            first_row = false;
            out.append(hcat(row));
        }
    }
    if !lay.unreachable.is_empty() {
        if !first_row {
            out.push(String::new());
        }
        out.push(crate::wrap::ellipsis(
            tr(lang, "(unreachable)", "(inalcançáveis)"),
            avail,
        ));
        let blocks = lay
            .unreachable
            .iter()
            .map(|&i| node_block(m, i, &targets[i], &lay.back[i], avail, depth, lang))
            .collect();
        for (k, row) in pack(blocks, avail).into_iter().enumerate() {
            if k > 0 {
                out.push(String::new());
            }
            out.append(hcat(row));
        }
    }
    out
}

struct Layers {
    /// Reachable states by layer, each layer in discovery order.
    layers: Vec<Vec<usize>>,
    /// States not reachable from the start, in file order.
    unreachable: Vec<usize>,
    /// Per state, per edge: does this transition close a loop?
    back: Vec<Vec<bool>>,
}

/// Longest-path layering on the forward edges of a depth-first search from `start`.
fn layers(targets: &[Vec<Option<usize>>], start: Option<usize>) -> Layers {
    let n = targets.len();
    let mut back: Vec<Vec<bool>> = targets.iter().map(|t| vec![false; t.len()]).collect();
    // 0 = unseen, 1 = on the DFS stack, 2 = finished.
    let mut color = vec![0u8; n];
    let mut pre = vec![usize::MAX; n];
    let mut post = Vec::with_capacity(n);
    if let Some(s) = start {
        let mut counter = 1;
        color[s] = 1;
        pre[s] = 0;
        let mut stack: Vec<(usize, usize)> = vec![(s, 0)];
        while let Some(top) = stack.last_mut() {
            let (u, e) = *top;
            if e < targets[u].len() {
                top.1 += 1;
                if let Some(t) = targets[u][e] {
                    match color[t] {
                        0 => {
                            color[t] = 1;
                            pre[t] = counter;
                            counter += 1;
                            stack.push((t, 0));
                        }
                        1 => back[u][e] = true,
                        _ => {}
                    }
                }
            } else {
                color[u] = 2;
                post.push(u);
                stack.pop();
            }
        }
    }
    let mut layer = vec![0usize; n];
    let mut depth = 0;
    for &u in post.iter().rev() {
        depth = depth.max(layer[u]);
        for (e, t) in targets[u].iter().enumerate() {
            match *t {
                Some(t) if !back[u][e] => layer[t] = layer[t].max(layer[u] + 1),
                _ => {}
            }
        }
    }
    let mut layers: Vec<Vec<usize>> = if post.is_empty() {
        Vec::new()
    } else {
        vec![Vec::new(); depth + 1]
    };
    for &u in &post {
        layers[layer[u]].push(u);
    }
    for l in &mut layers {
        l.sort_unstable_by_key(|&u| pre[u]);
    }
    let unreachable = (0..n).filter(|&i| color[i] == 0).collect();
    Layers {
        layers,
        unreachable,
        back,
    }
}

fn missing(lang: Lang) -> &'static str {
    tr(lang, "(missing state)", "(estado inexistente)")
}

/// An edge label of the model (`rule 2`, `default`, `catch States.ALL`) in `lang`.
fn edge_label(label: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return label.to_string();
    }
    if label == "default" {
        "padrão".to_string()
    } else if let Some(n) = label.strip_prefix("rule ") {
        format!("regra {n}")
    } else if let Some(rest) = label.strip_prefix("catch") {
        format!("captura{rest}")
    } else {
        label.to_string()
    }
}

/// One state's box, nested machines and transition lines, at most `avail` columns wide.
fn node_block(
    m: &Machine,
    i: usize,
    targets: &[Option<usize>],
    back: &[bool],
    avail: usize,
    depth: usize,
    lang: Lang,
) -> Block {
    let n = &m.states[i];
    let mut b = Block::default();
    let inner = avail.saturating_sub(4).max(1);
    let name = clean(&n.name);
    let kind = clean(&n.kind);
    let full = format!("{name} ({kind})");
    let texts = if crate::wrap::width(&full) <= inner {
        vec![full]
    } else {
        // Too wide: the name wraps (a cut name could read like another state's).
        let mut t = chunks(&name, inner, MAX_WRAP_LINES);
        t.push(crate::wrap::ellipsis(&format!("({kind})"), inner));
        t
    };
    let bw = texts
        .iter()
        .map(|t| crate::wrap::width(t))
        .max()
        .unwrap_or(0);
    let rule = "─".repeat(bw + 2);
    b.push(format!("┌{rule}┐"));
    for (k, t) in texts.iter().enumerate() {
        let pad = bw - crate::wrap::width(t);
        if k == 0 {
            let cell = t.chars().count() + pad + 2;
            b.boxes.push((n.name.clone(), b.lines.len(), 1, cell));
        }
        b.push(format!("│ {t}{} │", " ".repeat(pad)));
    }
    b.push(format!("└{rule}┘"));

    if !n.children.is_empty() {
        let inner_avail = avail.saturating_sub(FRAME_COST);
        let head_of = |k: usize| match n.kind.as_str() {
            "Map" => tr(lang, "item processor", "processador de itens").to_string(),
            _ => format!("{} {}", tr(lang, "branch", "ramo"), k + 1),
        };
        if depth + 1 > MAX_DRAW_DEPTH {
            let what = match (n.children.len(), lang) {
                (1, Lang::En) => "1 nested machine not drawn".to_string(),
                (k, Lang::En) => format!("{k} nested machines not drawn"),
                (1, Lang::PtBr) => "1 máquina aninhada não desenhada".to_string(),
                (k, Lang::PtBr) => format!("{k} máquinas aninhadas não desenhadas"),
            };
            b.push(crate::wrap::ellipsis(&format!("  … {what}"), avail));
        } else if inner_avail < MIN_NEST {
            // Too narrow for another frame: the nested machines follow unframed, each
            // between rules that name its parent, so every state is still drawn.
            for (k, c) in n.children.iter().enumerate() {
                for line in chunks(&format!("┄ {name} · {} ┄", head_of(k)), avail, 3) {
                    b.push(line);
                }
                b.append(draw_machine(c, avail, depth + 1, lang));
            }
            b.push(crate::wrap::ellipsis(
                &format!("┄ {name} ┄ {}", tr(lang, "end", "fim")),
                avail,
            ));
        } else {
            let sections = n
                .children
                .iter()
                .enumerate()
                .map(|(k, c)| (head_of(k), draw_machine(c, inner_avail, depth + 1, lang)))
                .collect();
            b.append(frame(sections, inner_avail));
        }
    } else if n.kind == "Parallel" {
        b.push(crate::wrap::ellipsis(
            tr(lang, "  (no branches)", "  (sem ramos)"),
            avail,
        ));
    } else if n.kind == "Map" {
        b.push(crate::wrap::ellipsis(
            tr(
                lang,
                "  (no item processor)",
                "  (sem processador de itens)",
            ),
            avail,
        ));
    }

    let is_choice = |l: &str| l == "default" || l.starts_with("rule ");
    let choices = n.edges.iter().filter(|e| is_choice(&e.label)).count();
    let mut seen_choice = 0;
    for (k, e) in n.edges.iter().enumerate() {
        let tgt = clean(&e.target);
        let arrow = if back[k] {
            format!("↺ {} {tgt}", tr(lang, "back to", "volta a"))
        } else if targets[k].is_none() {
            format!("→ {tgt} {}", missing(lang))
        } else {
            format!("→ {tgt}")
        };
        let label = edge_label(&clean(&e.label), lang);
        let head = if e.label == "next" {
            String::new()
        } else if is_choice(&e.label) {
            seen_choice += 1;
            let glyph = if seen_choice == choices { '└' } else { '├' };
            format!("{glyph} {label} ")
        } else if e.label.starts_with("catch") {
            format!("✗ {label} ")
        } else {
            format!("{label} ")
        };
        let line = format!("  {head}{arrow}");
        if crate::wrap::width(&line) <= avail {
            b.push(line);
        } else if head.is_empty() {
            // A plain `→ Next` too long for the row: the target wraps under itself.
            for (k, part) in chunks(&arrow, avail.saturating_sub(4).max(1), MAX_WRAP_LINES)
                .into_iter()
                .enumerate()
            {
                b.push(if k == 0 {
                    format!("  {part}")
                } else {
                    format!("    {part}")
                });
            }
        } else {
            // Too long for one line: the target goes on lines of its own, wrapped
            // rather than cut.
            b.push(crate::wrap::ellipsis(
                &format!("  {}", head.trim_end()),
                avail,
            ));
            for line in chunks(&arrow, avail.saturating_sub(6).max(1), MAX_WRAP_LINES) {
                b.push(format!("      {line}"));
            }
        }
    }
    if n.terminal {
        b.push(format!("  ■ {}", tr(lang, "end", "fim")));
    } else if n.edges.is_empty() {
        b.push(crate::wrap::ellipsis(
            tr(lang, "  (no transition)", "  (sem transição)"),
            avail,
        ));
    }
    b
}

/// Frames nested machines, one section per machine with its header, indented by two
/// columns. The result is at most `inner_avail + FRAME_COST` wide when each section is at
/// most `inner_avail` wide.
fn frame(sections: Vec<(String, Block)>, inner_avail: usize) -> Block {
    let heads: Vec<String> = sections
        .iter()
        .map(|(h, _)| crate::wrap::ellipsis(h, inner_avail.saturating_sub(1)))
        .collect();
    let cw = sections
        .iter()
        .map(|(_, b)| b.w)
        .chain(heads.iter().map(|h| crate::wrap::width(h) + 1))
        .max()
        .unwrap_or(1);
    let mut out = Block::default();
    for (k, ((_, sec), head)) in sections.into_iter().zip(&heads).enumerate() {
        let (l, r) = if k == 0 {
            ('┌', '┐')
        } else {
            ('├', '┤')
        };
        let dashes = "─".repeat(cw - crate::wrap::width(head));
        out.push(format!("  {l} {head} {dashes}{r}"));
        let base = out.lines.len();
        out.boxes.extend(
            sec.boxes
                .into_iter()
                .map(|(n, li, c, w)| (n, li + base, c + 4, w)),
        );
        for (line, w) in sec.lines.iter().zip(&sec.widths) {
            let pad = cw.saturating_sub(*w);
            out.push(format!("  │ {line}{} │", " ".repeat(pad)));
        }
    }
    out.push(format!("  └{}┘", "─".repeat(cw + 2)));
    out
}

/// Greedily packs blocks into rows that fit `avail` columns.
fn pack(blocks: Vec<Block>, avail: usize) -> Vec<Vec<Block>> {
    let mut rows: Vec<Vec<Block>> = Vec::new();
    let mut used = 0;
    for b in blocks {
        match rows.last_mut() {
            Some(row) if used + GAP + b.w <= avail => {
                used += GAP + b.w;
                row.push(b);
            }
            _ => {
                used = b.w;
                rows.push(vec![b]);
            }
        }
    }
    rows
}

/// Places a row of blocks side by side, `GAP` columns apart.
fn hcat(mut row: Vec<Block>) -> Block {
    if row.len() == 1 {
        return row.pop().unwrap_or_default();
    }
    let height = row.iter().map(|b| b.lines.len()).max().unwrap_or(0);
    let mut out = Block::default();
    let mut cursor = vec![0usize; row.len()];
    for i in 0..height {
        let mut s = String::new();
        let mut chars = 0;
        let mut col = 0;
        let mut left = 0;
        for (j, b) in row.iter().enumerate() {
            if j > 0 {
                left += GAP;
            }
            if col < left {
                s.extend(std::iter::repeat_n(' ', left - col));
                chars += left - col;
                col = left;
            }
            while let Some(bx) = b.boxes.get(cursor[j]).filter(|bx| bx.1 == i) {
                out.boxes
                    .push((bx.0.clone(), out.lines.len(), chars + bx.2, bx.3));
                cursor[j] += 1;
            }
            if let Some(line) = b.lines.get(i) {
                s.push_str(line);
                chars += line.chars().count();
                col += b.widths[i];
            }
            left += b.w;
        }
        let keep = s.trim_end_matches(' ').len();
        s.truncate(keep);
        out.push(s);
    }
    out
}

/// Control characters (bidi controls and line separators included) shown as `?` so
/// a name cannot break, shift or reorder a line, in the CLI and in the Lab tab alike.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if crate::markdown::text::is_terminal_control(c) {
                '?'
            } else {
                c
            }
        })
        .collect()
}

/// `s` cut to `w` display columns, ending in `…` when cut.
/// Rows a wrapped name or target may take before it is cut with `…`.
const MAX_WRAP_LINES: usize = 8;

/// `s` in rows of at most `w` display columns (at most `max` rows, the last ending in
/// `…` when cut).
fn chunks(s: &str, w: usize, max: usize) -> Vec<String> {
    let w = w.max(1);
    let mut out = crate::wrap::chars(s, w);
    if out.len() > max {
        out.truncate(max);
        if let Some(last) = out.last_mut() {
            *last = crate::wrap::ellipsis(&format!("{last}…"), w);
        }
    }
    out
}

/// Cuts every line to `width` display columns and keeps the name cells inside their lines.
fn clip(d: &mut Drawing, width: usize) {
    let mut cut = vec![None; d.lines.len()];
    for (i, line) in d.lines.iter_mut().enumerate() {
        if crate::wrap::cut(line, width) {
            cut[i] = Some(line.chars().count());
        }
    }
    for bx in &mut d.boxes {
        if let Some(Some(len)) = cut.get(bx.1) {
            bx.2 = bx.2.min(*len);
            bx.3 = bx.3.min(len - bx.2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn linear() -> Value {
        json!({
            "StartAt": "Hello",
            "States": {
                "Hello": {"Type": "Pass", "Next": "Work"},
                "Work": {"Type": "Task", "Resource": "arn:aws:lambda:x", "Next": "Done"},
                "Done": {"Type": "Succeed"}
            }
        })
    }

    fn choice() -> Value {
        json!({
            "StartAt": "Route",
            "States": {
                "Route": {"Type": "Choice",
                    "Choices": [
                        {"Variable": "$.a", "NumericEquals": 1, "Next": "Deploy"},
                        {"Variable": "$.a", "NumericEquals": 2, "Next": "Rollback"}
                    ],
                    "Default": "Notify"},
                "Deploy": {"Type": "Task", "Resource": "r",
                    "Catch": [{"ErrorEquals": ["States.Timeout", "States.TaskFailed"], "Next": "HandleError"}],
                    "Next": "Notify"},
                "Rollback": {"Type": "Pass", "Next": "Notify"},
                "Notify": {"Type": "Pass", "End": true},
                "HandleError": {"Type": "Fail", "Error": "E"}
            }
        })
    }

    fn looping() -> Value {
        json!({
            "StartAt": "Wait",
            "States": {
                "Wait": {"Type": "Wait", "Seconds": 5, "Next": "Check"},
                "Check": {"Type": "Task", "Resource": "r", "Next": "Done?"},
                "Done?": {"Type": "Choice",
                    "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "Finish"}],
                    "Default": "Wait"},
                "Finish": {"Type": "Succeed"}
            }
        })
    }

    fn nested() -> Value {
        json!({
            "StartAt": "Fan",
            "States": {
                "Fan": {"Type": "Parallel", "Next": "Each",
                    "Branches": [
                        {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
                        {"StartAt": "Right", "States": {
                            "Right": {"Type": "Task", "Resource": "r", "Next": "Right2"},
                            "Right2": {"Type": "Pass", "End": true}}}
                    ]},
                "Each": {"Type": "Map", "End": true,
                    "ItemProcessor": {"StartAt": "Item", "States": {
                        "Item": {"Type": "Task", "Resource": "r", "End": true}}}}
            }
        })
    }

    fn text(d: &Drawing) -> String {
        d.lines.join("\n")
    }

    fn all_names(m: &Machine, out: &mut Vec<String>) {
        for n in &m.states {
            out.push(n.name.clone());
            for c in &n.children {
                all_names(c, out);
            }
        }
    }

    /// Every line fits, every state has exactly one box whose cell shows its name.
    fn check(def: &Value, width: usize) -> Drawing {
        let m = model(def);
        let d = draw(&m, width);
        for line in &d.lines {
            assert!(line.width() <= width, "{width}: {line:?}\n{}", text(&d));
        }
        let mut names = Vec::new();
        all_names(&m, &mut names);
        assert_eq!(d.boxes.len(), names.len(), "{}", text(&d));
        for name in &names {
            let hits: Vec<_> = d.boxes.iter().filter(|b| &b.0 == name).collect();
            assert_eq!(hits.len(), 1, "{name}");
            let (_, line, col, w) = hits[0];
            let cell: String = d.lines[*line].chars().skip(*col).take(*w).collect();
            let cell = cell.trim();
            let full = format!("{name} ({})", kind_of(&m, name));
            // In full; the type moves to the next row when it does not fit; a name
            // wider than the box can be wraps onto the next rows, so the first row
            // holds its start and the rows under it the rest.
            let wrapped = || {
                let rows: String = d.lines[*line..]
                    .iter()
                    .take_while(|l| !l.contains('└'))
                    .map(|l| {
                        // The text inside the cell's one-column margins.
                        let c: String =
                            l.chars().skip(*col + 1).take(w.saturating_sub(2)).collect();
                        c.trim_end().to_string()
                    })
                    .collect();
                name.starts_with(cell)
                    && name.width() > width - 4
                    && rows.starts_with(name.as_str())
            };
            let ok = cell == full || cell == name || wrapped();
            assert!(ok, "{cell:?} for {name:?}\n{}", text(&d));
        }
        d
    }

    fn kind_of(m: &Machine, name: &str) -> String {
        for n in &m.states {
            if n.name == name {
                return n.kind.clone();
            }
            for c in &n.children {
                let k = kind_of(c, name);
                if !k.is_empty() {
                    return k;
                }
            }
        }
        String::new()
    }

    #[test]
    fn model_reads_edges_in_order() {
        let m = model(&choice());
        assert_eq!(m.start, "Route");
        let names: Vec<_> = m.states.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(
            names,
            ["Route", "Deploy", "Rollback", "Notify", "HandleError"]
        );
        let labels: Vec<_> = m.states[0]
            .edges
            .iter()
            .map(|e| format!("{}:{}", e.label, e.target))
            .collect();
        assert_eq!(
            labels,
            ["rule 1:Deploy", "rule 2:Rollback", "default:Notify"]
        );
        let deploy: Vec<_> = m.states[1].edges.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(deploy, ["next", "catch States.Timeout,States.TaskFailed"]);
        assert!(m.states[3].terminal && m.states[4].terminal && !m.states[0].terminal);
        let n = model(&nested());
        assert_eq!(n.states[0].children.len(), 2);
        assert_eq!(n.states[1].children[0].states[0].name, "Item");
        let old = model(
            &json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}}),
        );
        assert_eq!(old.states[0].children[0].start, "I");
    }

    #[test]
    fn linear_exact() {
        let d = check(&linear(), 80);
        let expected = "\
▶ start
┌──────────────┐
│ Hello (Pass) │
└──────────────┘
  → Work

┌─────────────┐
│ Work (Task) │
└─────────────┘
  → Done

┌────────────────┐
│ Done (Succeed) │
└────────────────┘
  ■ end";
        assert_eq!(text(&d), expected);
        assert_eq!(highlight_line(&d, "Work"), Some(7));
        assert_eq!(d.boxes[0], ("Hello".to_string(), 2, 1, 14));
        assert_eq!(highlight_line(&d, "Nope"), None);
    }

    #[test]
    fn choice_and_catch() {
        let d = check(&choice(), 80);
        let t = text(&d);
        assert!(t.contains("├ rule 1 → Deploy"), "{t}");
        assert!(t.contains("├ rule 2 → Rollback"), "{t}");
        assert!(t.contains("└ default → Notify"), "{t}");
        assert!(
            t.contains("✗ catch States.Timeout,States.TaskFailed → HandleError"),
            "{t}"
        );
        assert!(!t.contains("unreachable"), "{t}");
        // Deploy and Rollback share a layer, side by side at 80 columns.
        let deploy = highlight_line(&d, "Deploy").unwrap();
        assert_eq!(highlight_line(&d, "Rollback"), Some(deploy));
        // Notify comes after both (longest path), HandleError under Deploy's layer.
        assert!(highlight_line(&d, "Notify").unwrap() > deploy);
        assert!(highlight_line(&d, "HandleError").unwrap() > deploy);
    }

    #[test]
    fn loop_is_a_back_edge() {
        let d = check(&looping(), 80);
        let t = text(&d);
        assert!(t.contains("└ default ↺ back to Wait"), "{t}");
        assert!(t.contains("├ rule 1 → Finish"), "{t}");
        assert!(highlight_line(&d, "Wait").unwrap() < highlight_line(&d, "Check").unwrap());
        let selfloop = json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}});
        let t = text(&check(&selfloop, 40));
        assert!(t.contains("↺ back to A"), "{t}");
    }

    #[test]
    fn deep_nesting_at_narrow_widths_still_draws_every_state() {
        // Parallel nested six deep, each level with a sibling branch.
        let mut inner =
            json!({"StartAt": "Leaf", "States": {"Leaf": {"Type": "Pass", "End": true}}});
        let mut names = vec!["Leaf".to_string()];
        for level in 1..=6 {
            let (p, q) = (format!("P{level}"), format!("Q{level}"));
            inner = json!({"StartAt": p.clone(), "States": {p.clone(): {"Type": "Parallel", "End": true,
                "Branches": [inner, {"StartAt": q.clone(), "States": {q.clone(): {"Type": "Pass", "End": true}}}]}}});
            names.push(p);
            names.push(q);
        }
        let m = model(&inner);
        for w in [16, 20, 30, 40, 60, 80, 120] {
            let d = draw(&m, w);
            assert!(d.lines.iter().all(|l| l.width() <= w), "width {w}");
            for n in &names {
                assert!(highlight_line(&d, n).is_some(), "{n} missing at width {w}");
            }
            assert!(!text(&d).contains("not drawn"), "width {w}");
        }
    }

    #[test]
    fn nested_boxes_contain_inner_states() {
        let d = check(&nested(), 80);
        let t = text(&d);
        assert!(t.contains("┌ branch 1 "), "{t}");
        assert!(t.contains("├ branch 2 "), "{t}");
        assert!(t.contains("┌ item processor "), "{t}");
        // Inner states lie between the frame's top and bottom lines, inside its borders.
        let top = d
            .lines
            .iter()
            .position(|l| l.contains("┌ branch 1"))
            .unwrap();
        let bottom = (top..d.lines.len())
            .find(|&i| d.lines[i].starts_with("  └"))
            .unwrap();
        for name in ["Left", "Right", "Right2"] {
            let (_, line, col, _) = d.boxes.iter().find(|b| b.0 == name).unwrap();
            assert!(top < *line && *line < bottom, "{name}\n{t}");
            assert!(*col >= 4);
            assert!(d.lines[*line].starts_with("  │ "));
        }
        let item = highlight_line(&d, "Item").unwrap();
        assert!(item > bottom);
        assert!(t.contains("  → Each"));
    }

    #[test]
    fn widths_hold() {
        let mut defs = vec![linear(), choice(), looping(), nested(), chain(60)];
        defs.push(json!({"StartAt": "A", "States": {
            "A": {"Type": "Choice", "Choices": (0..12).map(|i| json!({"Next": format!("Target{i}")})).collect::<Vec<_>>()},
            "A very long state name that will not fit in thirty columns at all": {"Type": "Pass", "End": true},
            "名前がとても長い状態の名前です名前がとても長い": {"Type": "Task", "End": true}
        }}));
        for def in &defs {
            for w in [30, 40, 80, 120] {
                let d = draw(&model(def), w);
                assert!(d.lines.iter().all(|l| l.width() <= w), "{}", text(&d));
                if w >= 40 {
                    check(def, w);
                }
            }
        }
        // Long names wrap onto further rows (wide characters counted as two columns):
        // no state is shown by a cut name that could read like another's.
        let d = draw(&model(&defs[5]), 30);
        let t = text(&d);
        assert!(
            t.contains("│ 名前がとても長い状態の名前 │")
                && t.contains("│ です名前がとても長い       │"),
            "{t}"
        );
        assert!(!t.contains("名…"), "{t}");
        for w in [0, 1, 5, 10, 29] {
            for def in &defs {
                let d = draw(&model(def), w);
                assert!(d.lines.iter().all(|l| l.width() <= w));
                for (_, line, col, cw) in &d.boxes {
                    assert!(col + cw <= d.lines[*line].chars().count());
                }
            }
        }
    }

    fn chain(n: usize) -> Value {
        let mut states = serde_json::Map::new();
        for i in 0..n {
            let st = if i + 1 == n {
                json!({"Type": "Succeed"})
            } else {
                json!({"Type": "Pass", "Next": format!("S{}", i + 1)})
            };
            states.insert(format!("S{i}"), st);
        }
        json!({"StartAt": "S0", "States": states})
    }

    #[test]
    fn thousand_state_chain() {
        let def = chain(1000);
        let m = model(&def);
        let t0 = std::time::Instant::now();
        let d = draw(&m, 80);
        let took = t0.elapsed();
        eprintln!("1000-state chain: {took:?}, {} lines", d.lines.len());
        let d = check(&def, 80);
        let mut seen = vec![0; 1000];
        for line in &d.lines {
            if let Some(rest) = line.strip_prefix("│ S") {
                let num: String = rest.chars().take_while(char::is_ascii_digit).collect();
                seen[num.parse::<usize>().unwrap()] += 1;
            }
        }
        assert!(seen.iter().all(|&c| c == 1));
        let mut lines: Vec<_> = d.boxes.iter().map(|b| b.1).collect();
        lines.dedup();
        assert_eq!(lines.len(), 1000);
    }

    #[test]
    fn wide_layer_wraps() {
        let choices: Vec<_> = (0..10).map(|i| json!({"Next": format!("T{i}")})).collect();
        let mut states = serde_json::Map::new();
        states.insert("C".into(), json!({"Type": "Choice", "Choices": choices}));
        for i in 0..10 {
            states.insert(format!("T{i}"), json!({"Type": "Pass", "End": true}));
        }
        let def = json!({"StartAt": "C", "States": states});
        for w in [30, 40, 80, 120] {
            let d = check(&def, w);
            let rows: std::collections::BTreeSet<_> = d.boxes.iter().skip(1).map(|b| b.1).collect();
            assert!(rows.len() > 1 || w == 120, "{w}\n{}", text(&d));
        }
    }

    #[test]
    fn hostile_inputs() {
        let mut deep = json!({"StartAt": "L", "States": {"L": {"Type": "Pass", "End": true}}});
        for i in 0..200 {
            let name = format!("P{i}");
            let mut states = serde_json::Map::new();
            states.insert(
                name.clone(),
                json!({"Type": "Parallel", "End": true, "Branches": [deep]}),
            );
            deep = json!({"StartAt": name, "States": states});
        }
        let cases = vec![
            Value::Null,
            json!([]),
            json!(5),
            json!("x"),
            json!({"States": 5}),
            json!({"StartAt": 3, "States": []}),
            json!({"StartAt": "A", "States": {"A": {}, "B": 7, "C": {"Type": 1, "Next": 2}}}),
            json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Ghost"}}}),
            json!({"StartAt": "Ghost", "States": {"A": {"Type": "Pass", "End": true}}}),
            json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}),
            json!({"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Next": 1}, 5, {"Next": "A"}],
                "Default": {}, "Catch": [{"ErrorEquals": "x", "Next": "A"}, null]}}}),
            json!({"StartAt": "A", "States": {"A": {"Type": "Parallel", "Branches": {}, "Next": "B"},
                "B": {"Type": "Map", "ItemProcessor": [], "Iterator": 4, "End": "yes"}}}),
            json!({"StartAt": "a\nb\u{1b}[31m", "States": {"a\nb\u{1b}[31m": {"Type": "Pass\t", "End": true}}}),
            deep,
        ];
        for def in &cases {
            let m = model(def);
            for w in [0, 3, 29, 30, 80, 120, 400] {
                let d = draw(&m, w);
                assert!(d.lines.iter().all(|l| l.width() <= w));
                let clean_lines = d
                    .lines
                    .iter()
                    .all(|l| !l.contains('\n') && !l.contains('\u{1b}'));
                assert!(clean_lines);
            }
        }
        let t = text(&draw(&model(&cases[7]), 80));
        assert!(t.contains("→ Ghost (missing state)"), "{t}");
        let t = text(&draw(&model(&cases[8]), 80));
        assert!(
            t.contains("▶ start: Ghost (missing state)") && t.contains("(unreachable)"),
            "{t}"
        );
        let t = text(&draw(&model(&cases[13]), 400));
        assert!(t.contains("1 nested machine not drawn"), "{t}");
        let m = model(&cases[6]);
        assert_eq!(m.states[0].kind, "?");
        assert_eq!(m.states[1].kind, "?");
        assert!(m.states[2].edges.is_empty());
        assert_eq!(model(&Value::Null), Machine::default());
    }

    #[test]
    fn long_transitions_wrap_and_orphans_show() {
        let t = text(&check(&choice(), 30));
        assert!(
            t.contains("  ✗ catch States.Timeout,Stat…\n      → HandleError"),
            "{t}"
        );
        let def = json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "End": true},
            "Orphan": {"Type": "Pass", "Next": "A"}}});
        let d = check(&def, 40);
        let at = d.lines.iter().position(|l| l == "(unreachable)").unwrap();
        assert!(highlight_line(&d, "Orphan").unwrap() > at);
        assert!(highlight_line(&d, "A").unwrap() < at);
    }

    #[test]
    fn fast_width_agrees() {
        for s in [
            "┌─┐│└┘├┤ →↺▶■✗… abc~",
            "名前 → x",
            "▶\u{fe0f}",
            "❤\u{fe0f} ok",
            "\u{1f1e6}\u{1f1e8}",
        ] {
            assert_eq!(crate::wrap::width(s), s.width(), "{s:?}");
        }
    }

    #[test]
    fn deterministic() {
        for def in [linear(), choice(), looping(), nested()] {
            let m = model(&def);
            assert_eq!(draw(&m, 60), draw(&m, 60));
        }
    }
}
