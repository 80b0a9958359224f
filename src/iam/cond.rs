//! Condition operators: every family of the IAM User Guide's "IAM JSON policy elements:
//! Condition operators" (String, Numeric, Date, Bool, Binary, IpAddress, Arn, Null),
//! the `…IfExists` suffix, and the set operators `ForAllValues:`/`ForAnyValue:` of
//! "Single-valued vs. multivalued context keys".
//!
//! The rules a learner trips over, as the pages state them:
//! - a key the request lacks makes the condition false, except for negated operators
//!   (`StringNotEquals`, `ArnNotLike`, `NotIpAddress`, …), where it is true; `…IfExists`
//!   makes it true; `Null` tests the absence itself;
//! - several values for one key are ORed; negated operators then act as NOR;
//! - `ForAllValues` is true when every request value matches (and when there are none,
//!   or the key is missing); `ForAnyValue` needs at least one (missing key: false).
use super::matching::{arn_like, unescape, wildcard};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetOp {
    ForAllValues,
    ForAnyValue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

/// The base operators, without `IfExists` and set prefixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
}

const ALL: [(Base, &str); 27] = [
    (Base::StringEquals, "StringEquals"),
    (Base::StringNotEquals, "StringNotEquals"),
    (Base::StringEqualsIgnoreCase, "StringEqualsIgnoreCase"),
    (Base::StringNotEqualsIgnoreCase, "StringNotEqualsIgnoreCase"),
    (Base::StringLike, "StringLike"),
    (Base::StringNotLike, "StringNotLike"),
    (Base::NumericEquals, "NumericEquals"),
    (Base::NumericNotEquals, "NumericNotEquals"),
    (Base::NumericLessThan, "NumericLessThan"),
    (Base::NumericLessThanEquals, "NumericLessThanEquals"),
    (Base::NumericGreaterThan, "NumericGreaterThan"),
    (Base::NumericGreaterThanEquals, "NumericGreaterThanEquals"),
    (Base::DateEquals, "DateEquals"),
    (Base::DateNotEquals, "DateNotEquals"),
    (Base::DateLessThan, "DateLessThan"),
    (Base::DateLessThanEquals, "DateLessThanEquals"),
    (Base::DateGreaterThan, "DateGreaterThan"),
    (Base::DateGreaterThanEquals, "DateGreaterThanEquals"),
    (Base::Bool, "Bool"),
    (Base::BinaryEquals, "BinaryEquals"),
    (Base::IpAddress, "IpAddress"),
    (Base::NotIpAddress, "NotIpAddress"),
    (Base::ArnEquals, "ArnEquals"),
    (Base::ArnLike, "ArnLike"),
    (Base::ArnNotEquals, "ArnNotEquals"),
    (Base::ArnNotLike, "ArnNotLike"),
    (Base::Null, "Null"),
];

impl Base {
    pub fn name(self) -> &'static str {
        ALL.iter().find(|(b, _)| *b == self).map_or("?", |(_, n)| n)
    }

    pub fn family(self) -> Family {
        use Base::*;
        match self {
            StringEquals
            | StringNotEquals
            | StringEqualsIgnoreCase
            | StringNotEqualsIgnoreCase
            | StringLike
            | StringNotLike => Family::String,
            NumericEquals
            | NumericNotEquals
            | NumericLessThan
            | NumericLessThanEquals
            | NumericGreaterThan
            | NumericGreaterThanEquals => Family::Numeric,
            DateEquals
            | DateNotEquals
            | DateLessThan
            | DateLessThanEquals
            | DateGreaterThan
            | DateGreaterThanEquals => Family::Date,
            Bool => Family::Bool,
            BinaryEquals => Family::Binary,
            IpAddress | NotIpAddress => Family::Ip,
            ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => Family::Arn,
            Null => Family::Null,
        }
    }

    /// Operators whose match is "none of the values": a missing key makes them true.
    pub fn negated(self) -> bool {
        use Base::*;
        matches!(
            self,
            StringNotEquals
                | StringNotEqualsIgnoreCase
                | StringNotLike
                | NumericNotEquals
                | DateNotEquals
                | NotIpAddress
                | ArnNotEquals
                | ArnNotLike
        )
    }
}

/// A parsed operator: `ForAllValues:StringLikeIfExists` → set, base, if_exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operator {
    pub set: Option<SetOp>,
    pub base: Base,
    pub if_exists: bool,
}

/// Parses an operator name (case-sensitive, as IAM requires); `None` if unknown.
pub fn parse_operator(name: &str) -> Option<Operator> {
    let (set, rest) = if let Some(r) = name.strip_prefix("ForAllValues:") {
        (Some(SetOp::ForAllValues), r)
    } else if let Some(r) = name.strip_prefix("ForAnyValue:") {
        (Some(SetOp::ForAnyValue), r)
    } else {
        (None, name)
    };
    let (if_exists, rest) = match rest.strip_suffix("IfExists") {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let base = ALL.iter().find(|(_, n)| *n == rest).map(|(b, _)| *b)?;
    if base == Base::Null && (if_exists || set.is_some()) {
        return None;
    }
    Some(Operator {
        set,
        base,
        if_exists,
    })
}

/// Whether a policy value is well formed for the operator's family (what `iam check`
/// reports); the reason otherwise.
pub fn value_problem(base: Base, v: &str) -> Option<&'static str> {
    if v.contains("${") {
        return None;
    }
    match base.family() {
        Family::Numeric if number(v).is_none() => Some("number"),
        Family::Date if date(v).is_none() => Some("date (ISO 8601 or epoch seconds)"),
        Family::Bool if !v.eq_ignore_ascii_case("true") && !v.eq_ignore_ascii_case("false") => {
            Some("true | false")
        }
        Family::Null if !v.eq_ignore_ascii_case("true") && !v.eq_ignore_ascii_case("false") => {
            Some("true | false")
        }
        Family::Ip if cidr(v).is_none() => Some("IP address or CIDR range"),
        Family::Binary if base64(v).is_none() => Some("base64"),
        _ => None,
    }
}

/// Evaluates one operator on one key. `request` is the key's values (`None`: the
/// request lacks it); `policy` the condition's values after variable substitution.
pub fn evaluate(op: Operator, request: Option<&[String]>, policy: &[String]) -> bool {
    if op.base == Base::Null {
        let is_null = request.is_none_or(|v| v.is_empty());
        return policy.iter().any(|p| {
            if p.eq_ignore_ascii_case("true") {
                is_null
            } else {
                !is_null
            }
        });
    }
    let Some(values) = request else {
        return match op.set {
            Some(SetOp::ForAllValues) => true,
            Some(SetOp::ForAnyValue) => false,
            None => op.if_exists || op.base.negated(),
        };
    };
    let one = |v: &String| {
        let m = policy.iter().any(|p| positive(op.base, v, p));
        if op.base.negated() { !m } else { m }
    };
    match op.set {
        Some(SetOp::ForAllValues) => values.iter().all(one),
        Some(SetOp::ForAnyValue) => values.iter().any(one),
        None if values.is_empty() => op.if_exists || op.base.negated(),
        None if op.base.negated() => values.iter().all(one),
        None => values.iter().any(one),
    }
}

/// The positive form of the operator on one request value and one policy value.
fn positive(base: Base, v: &str, p: &str) -> bool {
    use Base::*;
    let p = unescape(p);
    let p = p.as_ref();
    match base {
        StringEquals | StringNotEquals => v == p,
        StringEqualsIgnoreCase | StringNotEqualsIgnoreCase => v.to_lowercase() == p.to_lowercase(),
        StringLike | StringNotLike => wildcard(p, v, false),
        NumericEquals | NumericNotEquals => cmp_num(v, p, |o| o.is_eq()),
        NumericLessThan => cmp_num(v, p, |o| o.is_lt()),
        NumericLessThanEquals => cmp_num(v, p, |o| o.is_le()),
        NumericGreaterThan => cmp_num(v, p, |o| o.is_gt()),
        NumericGreaterThanEquals => cmp_num(v, p, |o| o.is_ge()),
        DateEquals | DateNotEquals => cmp_date(v, p, |o| o.is_eq()),
        DateLessThan => cmp_date(v, p, |o| o.is_lt()),
        DateLessThanEquals => cmp_date(v, p, |o| o.is_le()),
        DateGreaterThan => cmp_date(v, p, |o| o.is_gt()),
        DateGreaterThanEquals => cmp_date(v, p, |o| o.is_ge()),
        Bool => v.eq_ignore_ascii_case(p),
        BinaryEquals => match (base64(v), base64(p)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
        IpAddress | NotIpAddress => match (ip(v), cidr(p)) {
            (Some(a), Some(net)) => in_range(a, net),
            _ => false,
        },
        ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => arn_like(p, v),
        Null => false,
    }
}

fn cmp_num(v: &str, p: &str, f: impl Fn(std::cmp::Ordering) -> bool) -> bool {
    match (number(v), number(p)) {
        (Some(a), Some(b)) => a.partial_cmp(&b).is_some_and(f),
        _ => false,
    }
}

fn cmp_date(v: &str, p: &str, f: impl Fn(std::cmp::Ordering) -> bool) -> bool {
    match (date(v), date(p)) {
        (Some(a), Some(b)) => f(a.cmp(&b)),
        _ => false,
    }
}

fn number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || s.contains(|c: char| c.is_ascii_alphabetic() && c != 'e' && c != 'E') {
        return None;
    }
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// A date as milliseconds since the epoch: ISO 8601 (`2020-01-01`,
/// `2020-01-01T00:00:01Z`, with fractions and `±hh:mm` offsets) or epoch seconds.
pub fn date(s: &str) -> Option<i128> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<i128>().ok().map(|secs| secs * 1000);
    }
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let year = num(0, 4)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let month = num(5, 2)?;
    let day = num(8, 2)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut ms: i64 = 0;
    let mut offset_min: i64 = 0;
    if s.len() > 10 {
        if !matches!(b[10], b'T' | b't' | b' ') {
            return None;
        }
        let h = num(11, 2)?;
        if b.get(13) != Some(&b':') {
            return None;
        }
        let mi = num(14, 2)?;
        let mut i = 16;
        let mut sec = 0;
        if b.get(16) == Some(&b':') {
            sec = num(17, 2)?;
            i = 19;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            let frac = s.get(start..i)?;
            let padded: String = frac.chars().chain("000".chars()).take(3).collect();
            ms += padded.parse::<i64>().ok()?;
        }
        match &s[i..] {
            "" | "Z" | "z" => {}
            tz => {
                let sign = match tz.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let tz = tz[1..].replace(':', "");
                if tz.len() != 4 || !tz.bytes().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                let hh: i64 = tz[..2].parse().ok()?;
                let mm: i64 = tz[2..].parse().ok()?;
                offset_min = sign * (hh * 60 + mm);
            }
        }
        if h > 23 || mi > 59 || sec > 60 {
            return None;
        }
        ms += ((h * 60 + mi) * 60 + sec) * 1000;
    }
    let days = days_from_civil(year, month, day);
    Some(i128::from(days) * 86_400_000 + i128::from(ms) - i128::from(offset_min) * 60_000)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn ip(s: &str) -> Option<std::net::IpAddr> {
    s.trim().parse().ok()
}

/// An address or a CIDR range; a bare address is /32 (IPv4) or /128 (IPv6).
pub fn cidr(s: &str) -> Option<(std::net::IpAddr, u8)> {
    let s = s.trim();
    let (addr, prefix) = match s.split_once('/') {
        Some((a, p)) => (ip(a)?, p.parse::<u8>().ok()?),
        None => {
            let a = ip(s)?;
            (a, if a.is_ipv4() { 32 } else { 128 })
        }
    };
    let max = if addr.is_ipv4() { 32 } else { 128 };
    (prefix <= max).then_some((addr, prefix))
}

fn in_range(a: std::net::IpAddr, (net, prefix): (std::net::IpAddr, u8)) -> bool {
    use std::net::IpAddr;
    match (a, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            let mask = if prefix == 0 {
                0
            } else {
                u32::MAX << (32 - u32::from(prefix))
            };
            u32::from(a) & mask == u32::from(n) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => {
            let mask = if prefix == 0 {
                0
            } else {
                u128::MAX << (128 - u32::from(prefix))
            };
            u128::from(a) & mask == u128::from(n) & mask
        }
        _ => false,
    }
}

/// Decodes standard base64 (padding optional); `None` if it is not base64.
pub fn base64(s: &str) -> Option<Vec<u8>> {
    let s = s.trim().trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(name: &str) -> Operator {
        parse_operator(name).expect(name)
    }
    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }
    fn eval(name: &str, req: Option<&[&str]>, pol: &[&str]) -> bool {
        let req = req.map(v);
        evaluate(op(name), req.as_deref(), &v(pol))
    }

    #[test]
    fn operator_names_parse_with_prefixes_and_suffixes() {
        let o = op("ForAllValues:StringLikeIfExists");
        assert_eq!(o.set, Some(SetOp::ForAllValues));
        assert_eq!(o.base, Base::StringLike);
        assert!(o.if_exists);
        assert!(parse_operator("StringEqualz").is_none());
        assert!(parse_operator("stringequals").is_none(), "case-sensitive");
        assert!(parse_operator("NullIfExists").is_none());
    }

    // Condition operators page, String: case-sensitive, wildcards in StringLike.
    #[test]
    fn string_family() {
        assert!(eval(
            "StringEquals",
            Some(&["iamuser-admin"]),
            &["iamuser-admin"]
        ));
        assert!(!eval("StringEquals", Some(&["JohnDoe"]), &["johndoe"]));
        assert!(eval(
            "StringEqualsIgnoreCase",
            Some(&["JohnDoe"]),
            &["johndoe"]
        ));
        assert!(!eval(
            "StringNotEqualsIgnoreCase",
            Some(&["JohnDoe"]),
            &["johndoe"]
        ));
        assert!(eval("StringLike", Some(&["home/bob/"]), &["home/*/"]));
        assert!(!eval(
            "StringNotEquals",
            Some(&["production"]),
            &["production"]
        ));
        assert!(eval("StringNotLike", None, &["x*"]), "missing key, negated");
        assert!(!eval("StringLike", None, &["x*"]), "missing key");
        assert!(eval("StringLikeIfExists", None, &["t1.*"]));
        assert!(!eval("StringLikeIfExists", Some(&["c5.large"]), &["t1.*"]));
    }

    // Numeric: NumericLessThanEquals 5 <= 10; NumericNotEquals with the key missing.
    #[test]
    fn numeric_family() {
        assert!(eval("NumericLessThanEquals", Some(&["5"]), &["10"]));
        assert!(!eval("NumericLessThanEquals", Some(&["11"]), &["10"]));
        assert!(eval("NumericGreaterThan", Some(&["2.5"]), &["2"]));
        assert!(eval("NumericEquals", Some(&["10"]), &["10.0"]));
        assert!(eval("NumericNotEquals", None, &["0"]));
        assert!(!eval("NumericLessThan", Some(&["abc"]), &["10"]));
    }

    // Date: DateGreaterThan aws:TokenIssueTime 2020-01-01T00:00:01Z.
    #[test]
    fn date_family() {
        assert!(eval(
            "DateGreaterThan",
            Some(&["2020-06-01T12:00:00Z"]),
            &["2020-01-01T00:00:01Z"]
        ));
        assert!(eval("DateLessThan", Some(&["2019-12-31"]), &["2020-01-01"]));
        assert!(eval(
            "DateEquals",
            Some(&["1577836800"]),
            &["2020-01-01T00:00:00Z"]
        ));
        assert!(eval(
            "DateEquals",
            Some(&["2020-01-01T02:00:00+02:00"]),
            &["2020-01-01T00:00:00.000Z"]
        ));
        assert!(date("2020-13-01").is_none());
        assert!(date("yesterday").is_none());
    }

    // Bool: aws:SecureTransport false matches "false"; a missing key does not match.
    #[test]
    fn bool_and_null() {
        assert!(eval("Bool", Some(&["false"]), &["false"]));
        assert!(!eval("Bool", None, &["false"]));
        assert!(eval("BoolIfExists", None, &["true"]));
        assert!(eval("Null", None, &["true"]));
        assert!(!eval("Null", None, &["false"]));
        assert!(eval("Null", Some(&["2024-03-01T08:00:00Z"]), &["false"]));
        assert!(eval("Null", Some(&[]), &["true"]), "an empty list is null");
    }

    #[test]
    fn binary_compares_bytes() {
        assert!(eval(
            "BinaryEquals",
            Some(&["QmluYXJ5VmFsdWVJbkJhc2U2NA=="]),
            &["QmluYXJ5VmFsdWVJbkJhc2U2NA=="]
        ));
        assert!(eval("BinaryEquals", Some(&["YQ=="]), &["YQ"]));
        assert!(!eval("BinaryEquals", Some(&["YQ=="]), &["Yg=="]));
        assert_eq!(base64("aGk=").unwrap(), b"hi");
    }

    // IpAddress: 203.0.113.0/24 contains .1; a bare address is /32; IPv6 works.
    #[test]
    fn ip_family() {
        assert!(eval(
            "IpAddress",
            Some(&["203.0.113.1"]),
            &["203.0.113.0/24"]
        ));
        assert!(!eval("IpAddress", Some(&["203.0.113.6"]), &["203.0.113.5"]));
        assert!(!eval(
            "NotIpAddress",
            Some(&["203.0.113.9"]),
            &["203.0.113.0/24"]
        ));
        assert!(eval(
            "IpAddress",
            Some(&["2001:db8::1"]),
            &["2001:DB8:1234:5678::/48", "2001:db8::/32"]
        ));
        assert!(eval("IpAddress", Some(&["10.1.2.3"]), &["0.0.0.0/0"]));
        assert!(cidr("10.0.0.0/33").is_none());
    }

    // Arn: case-sensitive, per part; ArnNotLike with the key missing is true.
    #[test]
    fn arn_family() {
        let topic = "arn:aws:sns:us-east-1:123456789012:TOPIC-ID";
        assert!(eval("ArnEquals", Some(&[topic]), &[topic]));
        assert!(!eval(
            "ArnEquals",
            Some(&["arn:aws:sns:us-east-1:123456789012:topic-id"]),
            &[topic]
        ));
        assert!(eval("ArnNotLike", None, &["arn:aws:sns:us-east-2:1:*"]));
        assert!(eval(
            "ArnLike",
            Some(&["arn:aws:iam::222222222222:user/Mary"]),
            &["arn:aws:iam::222222222222:user/*"]
        ));
    }

    // Multivalued keys: the truth tables of "Single-valued vs. multivalued context keys".
    #[test]
    fn set_operators() {
        let allowed = ["environment", "cost-center"];
        assert!(eval(
            "ForAllValues:StringEquals",
            Some(&["environment"]),
            &allowed
        ));
        assert!(!eval(
            "ForAllValues:StringEquals",
            Some(&["environment", "dept"]),
            &allowed
        ));
        assert!(eval("ForAllValues:StringEquals", Some(&[]), &allowed));
        assert!(eval("ForAllValues:StringEquals", None, &allowed));
        assert!(!eval("ForAnyValue:StringEquals", None, &allowed));
        assert!(eval(
            "ForAnyValue:StringEquals",
            Some(&["dept", "cost-center"]),
            &allowed
        ));
        assert!(eval(
            "ForAllValues:StringNotLike",
            Some(&["key2:audit"]),
            &["key1*"]
        ));
        assert!(!eval(
            "ForAllValues:StringNotLike",
            Some(&["key1:a", "key2:b"]),
            &["key1*"]
        ));
        // A negated operator with several values is a NOR.
        assert!(!eval(
            "ArnNotLike",
            Some(&["arn:aws:iam::222222222222:user/Mary"]),
            &[
                "arn:aws:iam::222222222222:user/Ana",
                "arn:aws:iam::222222222222:user/Mary"
            ]
        ));
    }

    #[test]
    fn value_problems_name_the_expected_form() {
        assert_eq!(value_problem(Base::NumericEquals, "ten"), Some("number"));
        assert!(value_problem(Base::NumericEquals, "${aws:x}").is_none());
        assert!(value_problem(Base::Bool, "yes").is_some());
        assert!(value_problem(Base::IpAddress, "10.0.0.0/8").is_none());
        assert!(value_problem(Base::DateLessThan, "2020-01-01T00:00:00Z").is_none());
    }
}
