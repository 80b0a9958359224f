//! Writes laid-out lines to a stream: plain text, or ANSI SGR styling for `show` on
//! a terminal. Text is already sanitized, so only our own escapes are ever written.
use super::layout::Line;
use super::model::Style;

fn sgr(style: Style) -> String {
    let mut codes: Vec<&str> = Vec::new();
    if style.has(Style::BOLD) {
        codes.push("1");
    }
    if style.has(Style::DIM) || style.has(Style::QUOTE) {
        codes.push("2");
    }
    if style.has(Style::ITALIC) {
        codes.push("3");
    }
    if style.has(Style::LINK) {
        codes.push("4");
    }
    if style.has(Style::STRIKE) {
        codes.push("9");
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
    codes.extend(colour);
    codes.join(";")
}

/// Renders lines as text; with `ansi`, each styled span is wrapped in SGR codes.
/// Trailing spaces (table padding) are trimmed.
pub fn render_lines(lines: &[Line], ansi: bool) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.text.len() + 1).sum());
    for line in lines {
        let mut l = String::new();
        if !ansi {
            out.push_str(line.text.trim_end());
            out.push('\n');
            continue;
        }
        for (text, style) in line.spans() {
            let codes = sgr(style);
            if codes.is_empty() {
                l.push_str(text);
            } else {
                l.push_str(&format!("\x1b[{codes}m{text}\x1b[0m"));
            }
        }
        // Trailing padding sits in unstyled spans; trim only plain spaces at the end.
        while l.ends_with(' ') {
            l.pop();
        }
        out.push_str(&l);
        out.push('\n');
    }
    out
}
