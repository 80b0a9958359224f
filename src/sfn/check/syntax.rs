//! Syntax of the strings inside a definition: Choice comparison operators, paths,
//! JSONata expressions, Task resources and timestamps.
use super::super::path;

/// `$name…`: a JSONPath-mode variable reference (allowed in paths, not in ResultPath).
pub(super) fn is_variable_path(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 1 && b[0] == b'$' && (b[1].is_ascii_alphabetic() || b[1] == b'_')
}

/// A path as InputPath/OutputPath/Variable/`key.$` accept it: a JSONPath on the input,
/// the context object (`$$…`) or a variable (`$name…`).
pub fn path_ok(s: &str) -> bool {
    if is_variable_path(s) {
        let rest = s[1..].trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
        return path::is_path(&format!("${rest}"));
    }
    path::is_path(s)
}

/// The expression inside `{% … %}`: the whole string, on one line, with a space after
/// `{%` and before `%}` and something between.
pub fn jsonata_expression(s: &str) -> Option<&str> {
    let inner = s.strip_prefix("{% ")?.strip_suffix(" %}")?;
    if inner.is_empty() || inner.contains('\n') || inner.contains('\r') {
        return None;
    }
    Some(inner)
}

/// The longest JSONata expression the Lab checks.
pub const JSONATA_MAX_CHARS: usize = 16 * 1024;
/// Expressions up to this length are parsed on the caller's stack.
pub(super) const JSONATA_INLINE_CHARS: usize = 256;
/// The stack of the thread that parses longer ones: the parser recurses once per
/// operator or bracket, a few KiB each, so 16 KiB of `-` or `(` needs tens of MiB.
pub(super) const JSONATA_STACK: usize = 512 * 1024 * 1024;

/// Parses a JSONata expression with the jsonata-core parser (the engine that runs it).
pub fn jsonata_parses(expr: &str) -> Result<(), String> {
    if expr.len() > JSONATA_MAX_CHARS {
        return Err(format!(
            "the expression is {} characters long; the Lab checks expressions up to {JSONATA_MAX_CHARS}",
            expr.len()
        ));
    }
    let parse = || {
        std::panic::catch_unwind(|| {
            jsonata_core::parser::parse(expr)
                .map(|_| ())
                .map_err(|e| e.display_message())
        })
    };
    let parsed = if expr.len() <= JSONATA_INLINE_CHARS {
        parse()
    } else {
        // The parser recurses without a limit: a long expression gets a stack of its
        // own, large enough for the longest one checked (only touched pages are used).
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .stack_size(JSONATA_STACK)
                .spawn_scoped(scope, parse)
                .map_err(|_| ())
                .and_then(|h| h.join().map_err(|_| ()))
        })
        .unwrap_or_else(|()| Ok(Err("no memory to parse this expression".to_string())))
    };
    match parsed {
        Ok(Ok(())) => dangling_decimal_point(expr),
        Ok(Err(e)) => Err(e),
        Err(_) => Err("the JSONata parser failed on this expression".into()),
    }
}

/// JSONata numbers need digits after a decimal point (`420.` is a syntax error in the
/// reference implementation; jsonata-rs accepts it).
pub(super) fn dangling_decimal_point(expr: &str) -> Result<(), String> {
    let b = expr.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) => {
                if c == b'\\' {
                    i += 1;
                } else if c == q {
                    quote = None;
                }
            }
            None => {
                if c == b'"' || c == b'\'' {
                    quote = Some(c);
                } else if c == b'.'
                    && i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1)
                        .is_none_or(|n| n.is_ascii_whitespace() || b",;)]}".contains(n))
                {
                    // Digits that start a name are part of it (`a1.`), not a number.
                    let start = b[..i]
                        .iter()
                        .rposition(|x| !x.is_ascii_digit())
                        .map_or(0, |p| p + 1);
                    let in_name = start > 0
                        && (b[start - 1].is_ascii_alphabetic()
                            || b[start - 1] == b'_'
                            || b[start - 1] == b'$');
                    if !in_name {
                        return Err(format!(
                            "a number ends in a decimal point at character {}",
                            i + 1
                        ));
                    }
                }
            }
        }
        i += 1;
    }
    Ok(())
}

/// `arn:partition:service:region:account:resource` as AWS's validator accepts it, or a
/// CloudFormation `${…}` substitution; with `lenient`, any URI (`scheme:rest`).
pub fn resource_ok(r: &str, lenient: bool) -> bool {
    if r.starts_with("${") && r.ends_with('}') && r.len() > 3 {
        return true;
    }
    if lenient {
        return r.split_once(':').is_some_and(|(scheme, rest)| {
            !scheme.is_empty()
                && !rest.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        });
    }
    let mut split = r.splitn(6, ':');
    let mut parts = [""; 6];
    for part in &mut parts {
        match split.next() {
            Some(p) => *part = p,
            None => return false,
        }
    }
    if parts[0] != "arn" || !matches!(parts[1], "aws" | "aws-cn" | "aws-us-gov") {
        return false;
    }
    let lower_dash =
        |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    if !lower_dash(parts[2]) {
        return false;
    }
    if !parts[3]
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return false;
    }
    if !parts[4].chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    // resource-type:name[:qualifier]
    let mut rest = parts[5].splitn(3, ':');
    let kind = rest.next().unwrap_or("");
    let Some(id) = rest.next() else { return false };
    if kind.is_empty()
        || !kind
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return false;
    }
    let id_ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    let qual_ok = match rest.next() {
        None => true,
        Some(q) => {
            q == "$LATEST"
                || (!q.is_empty()
                    && q.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)))
        }
    };
    id_ok && qual_ok
}
