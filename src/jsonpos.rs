//! Where a value sits in a JSON text: maps JSON Pointers (`/lines/2/unit_price`) to
//! 1-based line numbers, so errors found after parsing can still name the line.
//! Works on text serde_json has already accepted; on anything else it stops early.
use std::collections::HashMap;

/// Line of every value in `text`, keyed by its JSON Pointer ("" is the root).
pub fn value_lines(text: &str) -> HashMap<String, usize> {
    scan(text).lines
}

/// What a pass over a JSON text finds: the line of every value and the pointers of
/// keys that repeat within one object (serde_json silently keeps the last one).
#[derive(Debug, Default)]
pub struct Scan {
    pub lines: HashMap<String, usize>,
    pub duplicates: Vec<String>,
}

/// Scans `text` once for value lines and duplicate keys.
pub fn scan(text: &str) -> Scan {
    scan_with(text, true)
}

/// Only the duplicate keys: no per-value bookkeeping (the common, valid case).
pub fn duplicates(text: &str) -> Vec<String> {
    scan_with(text, false).duplicates
}

fn scan_with(text: &str, want_lines: bool) -> Scan {
    let mut out = HashMap::new();
    let mut s = Scanner {
        b: text.as_bytes(),
        i: 0,
        line: 1,
        duplicates: Vec::new(),
        path: String::new(),
        want_lines,
    };
    s.value(&mut out, 0);
    Scan {
        lines: out,
        duplicates: s.duplicates,
    }
}

/// The line of the value at `pointer`, or of its nearest ancestor that exists.
pub fn line_of(lines: &HashMap<String, usize>, pointer: &str) -> Option<usize> {
    let mut p = pointer.to_string();
    loop {
        if let Some(l) = lines.get(&p) {
            return Some(*l);
        }
        let cut = p.rfind('/')?;
        p.truncate(cut);
    }
}

/// Escapes a key for use in a JSON Pointer (RFC 6901).
pub fn escape(key: &str) -> std::borrow::Cow<'_, str> {
    if key.contains(['~', '/']) {
        std::borrow::Cow::Owned(key.replace('~', "~0").replace('/', "~1"))
    } else {
        std::borrow::Cow::Borrowed(key)
    }
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    line: usize,
    duplicates: Vec<String>,
    /// Pointer of the value being scanned (segments pushed and truncated).
    path: String,
    want_lines: bool,
}

const MAX_DEPTH: usize = 512;

impl Scanner<'_> {
    fn ws(&mut self) {
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b'\n' => {
                    self.line += 1;
                    self.i += 1;
                }
                b' ' | b'\t' | b'\r' => self.i += 1,
                _ => break,
            }
        }
    }

    fn string(&mut self) -> String {
        // At the opening quote.
        self.i += 1;
        let start = self.i;
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b'\\' => self.i += 2,
                b'"' => break,
                b'\n' => {
                    self.line += 1;
                    self.i += 1;
                }
                _ => self.i += 1,
            }
        }
        let raw = &self.b[start.min(self.b.len())..self.i.min(self.b.len())];
        self.i += 1;
        if !raw.contains(&b'\\')
            && let Ok(s) = std::str::from_utf8(raw)
        {
            return s.to_string();
        }
        let quoted = format!("\"{}\"", String::from_utf8_lossy(raw));
        serde_json::from_str::<String>(&quoted)
            .unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned())
    }

    fn value(&mut self, out: &mut HashMap<String, usize>, depth: usize) {
        self.ws();
        if self.want_lines {
            out.insert(self.path.clone(), self.line);
        }
        if depth > MAX_DEPTH {
            return;
        }
        match self.b.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                let mut seen = std::collections::HashSet::new();
                loop {
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b'}') => {
                            self.i += 1;
                            return;
                        }
                        Some(b'"') => {
                            let key = self.string();
                            let len = self.path.len();
                            self.path.push('/');
                            self.path.push_str(&escape(&key));
                            if !seen.insert(key) {
                                self.duplicates.push(self.path.clone());
                            }
                            self.ws();
                            if self.b.get(self.i) == Some(&b':') {
                                self.i += 1;
                            }
                            self.value(out, depth + 1);
                            self.path.truncate(len);
                            self.ws();
                            if self.b.get(self.i) == Some(&b',') {
                                self.i += 1;
                            }
                        }
                        _ => return,
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut n = 0;
                loop {
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b']') => {
                            self.i += 1;
                            return;
                        }
                        None => return,
                        _ => {
                            let before = self.i;
                            let len = self.path.len();
                            self.path.push('/');
                            self.path.push_str(&n.to_string());
                            self.value(out, depth + 1);
                            self.path.truncate(len);
                            n += 1;
                            self.ws();
                            if self.b.get(self.i) == Some(&b',') {
                                self.i += 1;
                            } else if self.i == before {
                                return;
                            }
                        }
                    }
                }
            }
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                while let Some(&c) = self.b.get(self.i) {
                    if matches!(c, b',' | b'}' | b']' | b' ' | b'\n' | b'\t' | b'\r') {
                        break;
                    }
                    self.i += 1;
                }
            }
            None => {}
        }
    }
}

/// Where a finding is, as checkers write it: `line 7: /States/A/Next: ` (`/` for the
/// document itself; no line when it is not known).
pub fn place(line: Option<usize>, pointer: &str, lang: crate::lang::Lang) -> String {
    let mut out = String::new();
    if let Some(l) = line {
        out.push_str(&format!("{} {l}: ", crate::lang::tr(lang, "line", "linha")));
    }
    out.push_str(if pointer.is_empty() { "/" } else { pointer });
    out.push_str(": ");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_map_to_lines() {
        let text = "{\n  \"a\": 1,\n  \"list\": [\n    {\"x\": \"y\"},\n    {\n      \"x/z\": [true]\n    }\n  ]\n}";
        let l = value_lines(text);
        assert_eq!(l.get("/a"), Some(&2));
        assert_eq!(l.get("/list/0/x"), Some(&4));
        assert_eq!(l.get("/list/1/x~1z/0"), Some(&6));
        assert_eq!(line_of(&l, "/list/1/missing"), Some(5));
    }

    #[test]
    fn repeated_keys_are_reported_with_their_pointer() {
        let s = scan("{\"a\": 1, \"b\": {\"x\": 1,\n \"x\": 2}, \"a\": 3}");
        assert_eq!(s.duplicates, vec!["/b/x".to_string(), "/a".to_string()]);
        assert_eq!(s.lines.get("/b/x"), Some(&2));
    }

    #[test]
    fn deep_or_broken_text_does_not_panic() {
        let deep = "[".repeat(100_000);
        let _ = value_lines(&deep);
        let _ = value_lines("{\"a\": \"unterminated");
        let _ = value_lines("");
    }
}
