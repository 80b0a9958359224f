//! How IAM compares names: `*`/`?` wildcards in actions (case-insensitive) and
//! resources (case-sensitive), ARNs compared part by part, and policy variables
//! (`${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, `${*}`) replaced from
//! the request context.
//!
//! Rules from the IAM User Guide: "IAM JSON policy elements: Action" (action names are
//! case-insensitive), "IAM JSON policy elements: Resource" (`*` spans `/`, `?` is one
//! character), "Condition operators" (ARN operators check each of the six parts
//! separately), "IAM policy elements: Variables and tags" (defaults, `${*}`, no value).
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// A `*` or `?` that came from `${*}` / `${?}` or from a substituted value: matched
/// literally, never as a wildcard. Private-use characters no policy text holds.
pub const LITERAL_STAR: char = '\u{E000}';
pub const LITERAL_QMARK: char = '\u{E001}';

/// Turns the literal markers back into the characters they stand for.
pub fn unescape(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([LITERAL_STAR, LITERAL_QMARK]) {
        std::borrow::Cow::Owned(s.replace(LITERAL_STAR, "*").replace(LITERAL_QMARK, "?"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Whether `text` matches `pattern`, where `*` is any run of characters (`/` and `:`
/// included) and `?` exactly one. Linear-time greedy matching with one backtrack
/// point (the classic glob algorithm), so a pattern of stars cannot explode.
pub fn wildcard(pattern: &str, text: &str, ignore_case: bool) -> bool {
    if pattern == "*" {
        return true;
    }
    if pattern.is_ascii() && text.is_ascii() {
        glob(pattern.as_bytes(), text.as_bytes(), |a, b| {
            if ignore_case {
                a.eq_ignore_ascii_case(&b)
            } else {
                a == b
            }
        })
    } else {
        let p: Vec<char> = pattern.chars().collect();
        let t: Vec<char> = text.chars().collect();
        glob(&p, &t, |a, b| {
            if ignore_case {
                a == b || a.to_lowercase().eq(b.to_lowercase())
            } else {
                a == b
            }
        })
    }
}

trait GlobChar: Copy + PartialEq {
    fn is_star(self) -> bool;
    fn is_qmark(self) -> bool;
    fn literal(self) -> Self;
}

impl GlobChar for u8 {
    fn is_star(self) -> bool {
        self == b'*'
    }
    fn is_qmark(self) -> bool {
        self == b'?'
    }
    fn literal(self) -> u8 {
        self
    }
}

impl GlobChar for char {
    fn is_star(self) -> bool {
        self == '*'
    }
    fn is_qmark(self) -> bool {
        self == '?'
    }
    fn literal(self) -> char {
        match self {
            LITERAL_STAR => '*',
            LITERAL_QMARK => '?',
            c => c,
        }
    }
}

fn glob<C: GlobChar>(p: &[C], t: &[C], eq: impl Fn(C, C) -> bool) -> bool {
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi].is_star() {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && (p[pi].is_qmark() || eq(p[pi].literal(), t[ti])) {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi].is_star() {
        pi += 1;
    }
    pi == p.len()
}

/// An action in a policy (`s3:Get*`, `*`) against the request's action: case-insensitive.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    wildcard(pattern, action, true)
}

/// A resource in a policy against the request's resource: case-sensitive wildcards.
pub fn resource_matches(pattern: &str, resource: &str) -> bool {
    wildcard(pattern, resource, false)
}

/// ArnLike/ArnEquals: each of the six colon-separated parts checked separately, with
/// wildcards; anything that is not an ARN does not match.
pub fn arn_like(pattern: &str, value: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    match (parts6(pattern), parts6(value)) {
        (Some(p), Some(v)) => p.iter().zip(&v).all(|(a, b)| wildcard(a, b, false)),
        _ => false,
    }
}

/// The six colon-separated parts of an ARN (the last keeps its colons), without
/// allocating.
pub fn parts6(s: &str) -> Option<[&str; 6]> {
    let mut out = [""; 6];
    let mut it = s.splitn(6, ':');
    for slot in &mut out {
        *slot = it.next()?;
    }
    Some(out)
}

/// The request context: keys are case-insensitive, values one string or a list.
#[derive(Debug, Clone, Default)]
pub struct Context {
    entries: HashMap<String, (String, Arc<[String]>, bool)>,
}

impl Context {
    /// Adds a key (the last one given wins).
    pub fn insert(&mut self, key: &str, values: Vec<String>, multi: bool) {
        self.entries.insert(
            key.to_ascii_lowercase(),
            (key.to_string(), values.into(), multi),
        );
    }

    /// The values of a key, if the request has it.
    pub fn get(&self, key: &str) -> Option<&[String]> {
        self.entries
            .get(&key.to_ascii_lowercase())
            .map(|(_, v, _)| &v[..])
    }

    /// The values of a key given in lower case (no allocation; shared, not copied).
    pub fn get_lower(&self, lower: &str) -> Option<&Arc<[String]>> {
        self.entries.get(lower).map(|(_, v, _)| v)
    }

    /// A single value usable as a policy variable (not a list).
    pub fn single(&self, key: &str) -> Option<&str> {
        match self.entries.get(&key.to_ascii_lowercase()) {
            Some((_, v, false)) if v.len() == 1 => Some(v[0].as_str()),
            _ => None,
        }
    }

    /// Every key with its values, sorted by key.
    pub fn iter(&self) -> Vec<(&str, &[String], bool)> {
        let mut v: Vec<_> = self
            .entries
            .values()
            .map(|(k, vals, multi)| (k.as_str(), &vals[..], *multi))
            .collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Replaces the policy variables in `text`. `Err(key)` names a variable the request
/// has no single value for and that has no default: the element then matches nothing
/// ("Policy variables with no value"). Without `Version: 2012-10-17` the caller does
/// not call this: variables are literal text there.
pub fn substitute<'a>(text: &'a str, ctx: &Context) -> Result<Cow<'a, str>, String> {
    if !text.contains("${") {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return Ok(Cow::Owned(out));
        };
        let inner = &after[..end];
        rest = &after[end + 1..];
        match inner {
            "*" => out.push(LITERAL_STAR),
            "?" => out.push(LITERAL_QMARK),
            "$" => out.push('$'),
            _ => {
                let (key, default) = split_default(inner);
                match ctx.single(key) {
                    Some(v) => out.push_str(&literal(v)),
                    None => match default {
                        Some(d) => out.push_str(&literal(&d)),
                        None => return Err(key.to_string()),
                    },
                }
            }
        }
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

/// `aws:PrincipalTag/team, 'company-wide'` → (key, default). `''` in the default is
/// one quote.
fn split_default(inner: &str) -> (&str, Option<String>) {
    match inner.split_once(',') {
        Some((k, d)) => {
            let d = d.trim();
            let d = d
                .strip_prefix('\'')
                .and_then(|d| d.strip_suffix('\''))
                .unwrap_or(d);
            (k.trim(), Some(d.replace("''", "'")))
        }
        None => (inner.trim(), None),
    }
}

/// A substituted value's wildcards are literal characters.
fn literal(v: &str) -> String {
    v.replace('*', &LITERAL_STAR.to_string())
        .replace('?', &LITERAL_QMARK.to_string())
}

/// The service prefix of an action (`s3` of `s3:GetObject`), lower case.
pub fn service_of(action: &str) -> String {
    action
        .split_once(':')
        .map(|(s, _)| s.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The account part (fifth field) of an ARN, if it has one.
pub fn arn_account(arn: &str) -> Option<&str> {
    parts6(arn)
        .filter(|p| p[0] == "arn" && !p[4].is_empty())
        .map(|p| p[4])
}

#[cfg(test)]
mod tests {
    use super::*;

    // IAM User Guide, "IAM JSON policy elements: Resource": `*` within a segment
    // spans slashes; `?` is exactly one character.
    #[test]
    fn resource_wildcards_follow_the_resource_page() {
        assert!(resource_matches(
            "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*",
            "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg"
        ));
        assert!(!resource_matches(
            "arn:aws:s3:::amzn-s3-demo-bucket/????-test",
            "arn:aws:s3:::amzn-s3-demo-bucket/12345-test"
        ));
        assert!(resource_matches(
            "arn:aws:s3:::amzn-s3-demo-bucket/????-test",
            "arn:aws:s3:::amzn-s3-demo-bucket/1234-test"
        ));
        assert!(!resource_matches(
            "arn:aws:s3:::Bucket",
            "arn:aws:s3:::bucket"
        ));
    }

    // "IAM JSON policy elements: Action": prefixes and names are case-insensitive.
    #[test]
    fn actions_ignore_case() {
        assert!(action_matches("IAM:listaccesskeys", "iam:ListAccessKeys"));
        assert!(action_matches("iam:*AccessKey*", "iam:CreateAccessKey"));
        assert!(!action_matches("iam:*Report", "iam:CreatePolicy"));
        assert!(action_matches("*", "anything:AtAll"));
    }

    #[test]
    fn many_stars_stay_fast() {
        let p = "*a".repeat(2000);
        let t = "a".repeat(1999) + "b";
        assert!(!wildcard(&p, &t, false));
    }

    // "Condition operators", ARN: each part separately.
    #[test]
    fn arn_like_checks_each_part() {
        assert!(arn_like(
            "arn:aws:sns:us-east-2:111122223333:*",
            "arn:aws:sns:us-east-2:111122223333:topic"
        ));
        assert!(!arn_like("arn:aws:sns:*:111122223333:*", "not-an-arn"));
        assert!(!arn_like(
            "arn:aws:sns:us-east-1:123456789012:TOPIC-ID",
            "arn:aws:sns:us-east-1:123456789012:topic-id"
        ));
    }

    // "IAM policy elements: Variables and tags": defaults and special characters.
    #[test]
    fn variables_resolve_with_defaults() {
        let mut c = Context::default();
        c.insert("aws:username", vec!["David".into()], false);
        assert_eq!(
            substitute("arn:aws:iam::1:user/${aws:username}", &c).unwrap(),
            "arn:aws:iam::1:user/David"
        );
        assert_eq!(
            substitute("b-${aws:PrincipalTag/team, 'company-wide'}", &c).unwrap(),
            "b-company-wide"
        );
        assert_eq!(
            substitute("${aws:UserName}", &c).unwrap(),
            "David",
            "keys are case-insensitive"
        );
        assert_eq!(
            substitute("x/${aws:userid}", &c),
            Err("aws:userid".to_string())
        );
        let s = substitute("a${*}b", &c).unwrap();
        assert!(!resource_matches(&s, "axxb"));
        assert!(resource_matches(&s, "a*b"));
    }
}
