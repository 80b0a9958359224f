//! Writes laid-out lines to a stream: plain text, or ANSI SGR styling for `show` on
//! a terminal. Text is already sanitized, so only our own escapes are ever written.
use super::layout::Line;
use super::model::Style;

/// Appends the SGR parameters of `style` (`1;33`), nothing for an unstyled span.
fn push_sgr(out: &mut String, style: Style) {
    let mut first = true;
    let mut code = |out: &mut String, c: &str| {
        if !first {
            out.push(';');
        }
        first = false;
        out.push_str(c);
    };
    if style.has(Style::BOLD) {
        code(out, "1");
    }
    if style.has(Style::DIM) || style.has(Style::QUOTE) {
        code(out, "2");
    }
    if style.has(Style::ITALIC) {
        code(out, "3");
    }
    if style.has(Style::LINK) {
        code(out, "4");
    }
    if style.has(Style::STRIKE) {
        code(out, "9");
    }
    let colour = if style.has(Style::H1) {
        Some("35")
    } else if style.has(Style::H2) {
        Some("36")
    } else if style.has(Style::H3) {
        Some("34")
    } else if style.has(Style::CODE) || style.has(Style::CODE_BLOCK) {
        Some("33")
    } else if style.has(Style::URL) || style.has(Style::LINK) {
        Some("34")
    } else if style.has(Style::MARKER) {
        Some("36")
    } else if style.has(Style::HTML) {
        Some("90")
    } else {
        None
    };
    if let Some(c) = colour {
        code(out, c);
    }
}

/// Renders lines as text; with `ansi`, each styled span is wrapped in SGR codes.
/// Trailing spaces (table padding) are trimmed.
pub fn render_lines(lines: &[Line], ansi: bool) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.text.len() + 1).sum());
    for line in lines {
        render_line(line, ansi, &mut out);
    }
    out
}

/// Appends one line and its line break to `out`, as [`render_lines`] writes it: the
/// one place a laid-out line becomes text, for the whole-document path and the
/// streaming one (`markdown::stream`) alike.
pub fn render_line(line: &Line, ansi: bool, out: &mut String) {
    if !ansi {
        out.push_str(line.text.trim_end());
        out.push('\n');
        return;
    }
    let start = out.len();
    for (text, style) in line.spans() {
        let before = out.len();
        out.push_str("\x1b[");
        push_sgr(out, style);
        if out.len() == before + 2 {
            out.truncate(before);
            out.push_str(text);
        } else {
            out.push('m');
            out.push_str(text);
            out.push_str("\x1b[0m");
        }
    }
    // Trailing padding sits in unstyled spans; trim only plain spaces at the end.
    while out.len() > start && out.ends_with(' ') {
        out.pop();
    }
    out.push('\n');
}
