//! Lexical helpers shared by the validator and the simulator (and the path,
//! template and intrinsic evaluators): how a definition's strings are read —
//! comparison operator names, `$$` context paths, `key.$` keys, RFC 3339 timestamps,
//! ARNs — and how a JSON value is quoted in an error cause.
use serde_json::Value;

/// The simulated clock starts at 2026-01-01T00:00:00Z (seconds since the epoch).
pub const EPOCH_SECONDS: i64 = 1_767_225_600;

pub const COMPARISONS: &[&str] = &[
    "StringEquals",
    "StringEqualsPath",
    "StringLessThan",
    "StringLessThanPath",
    "StringGreaterThan",
    "StringGreaterThanPath",
    "StringLessThanEquals",
    "StringLessThanEqualsPath",
    "StringGreaterThanEquals",
    "StringGreaterThanEqualsPath",
    "StringMatches",
    "NumericEquals",
    "NumericEqualsPath",
    "NumericLessThan",
    "NumericLessThanPath",
    "NumericGreaterThan",
    "NumericGreaterThanPath",
    "NumericLessThanEquals",
    "NumericLessThanEqualsPath",
    "NumericGreaterThanEquals",
    "NumericGreaterThanEqualsPath",
    "BooleanEquals",
    "BooleanEqualsPath",
    "TimestampEquals",
    "TimestampEqualsPath",
    "TimestampLessThan",
    "TimestampLessThanPath",
    "TimestampGreaterThan",
    "TimestampGreaterThanPath",
    "TimestampLessThanEquals",
    "TimestampLessThanEqualsPath",
    "TimestampGreaterThanEquals",
    "TimestampGreaterThanEqualsPath",
    "IsNull",
    "IsPresent",
    "IsNumeric",
    "IsString",
    "IsBoolean",
    "IsTimestamp",
];

/// Whether `op` is a Choice comparison operator.
pub fn is_comparison(op: &str) -> bool {
    COMPARISONS.contains(&op)
}

/// Whether a path is on the context object (`$$…`) rather than the input.
pub fn is_context_path(p: &str) -> bool {
    p.starts_with("$$")
}

/// `Some(name)` for a payload-template key `name.$`.
pub fn dynamic_key(key: &str) -> Option<&str> {
    key.strip_suffix(".$")
}

/// JSON text of `v`, cut to a readable length for error causes.
pub fn short_json(v: &Value) -> String {
    let text = serde_json::to_string(v).unwrap_or_default();
    if text.chars().count() > 200 {
        let cut: String = text.chars().take(200).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// RFC 3339 date-time: `YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm)`.
pub fn is_timestamp(t: &str) -> bool {
    let b = t.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if b.len() < 20
        || !digits(0..4)
        || b[4] != b'-'
        || !digits(5..7)
        || b[7] != b'-'
        || !digits(8..10)
        || !matches!(b[10], b'T' | b't')
        || !digits(11..13)
        || b[13] != b':'
        || !digits(14..16)
        || b[16] != b':'
        || !digits(17..19)
    {
        return false;
    }
    let num =
        |r: std::ops::Range<usize>| t.get(r).and_then(|s| s.parse::<u32>().ok()).unwrap_or(99);
    if !(1..=12).contains(&num(5..7))
        || !(1..=31).contains(&num(8..10))
        || num(11..13) > 23
        || num(14..16) > 59
        || num(17..19) > 60
    {
        return false;
    }
    let mut i = 19;
    if b[i] == b'.' {
        i += 1;
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s {
            return false;
        }
    }
    match &t[i..] {
        "Z" | "z" => true,
        off => {
            let o = off.as_bytes();
            o.len() == 6
                && matches!(o[0], b'+' | b'-')
                && o[1..3].iter().all(u8::is_ascii_digit)
                && o[3] == b':'
                && o[4..6].iter().all(u8::is_ascii_digit)
        }
    }
}

/// Seconds since the epoch of an RFC 3339 timestamp (for Timestamp comparisons and
/// Wait); None if it is not one (the validator's syntax, then a real calendar date,
/// read by chrono).
pub fn parse_timestamp(t: &str) -> Option<f64> {
    if !is_timestamp(t) {
        return None;
    }
    let dt = chrono::DateTime::parse_from_rfc3339(t).ok()?;
    Some(dt.timestamp() as f64 + f64::from(dt.timestamp_subsec_nanos()) / 1e9)
}

/// `2026-01-01T00:00:00.000Z` plus `secs` simulated seconds (chrono's latest date
/// for an absurd clock).
pub fn format_timestamp(secs: f64) -> String {
    let total_ms = (secs * 1000.0).round() as i64;
    chrono::DateTime::from_timestamp_millis((EPOCH_SECONDS * 1000).saturating_add(total_ms))
        .unwrap_or(chrono::DateTime::<chrono::Utc>::MAX_UTC)
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}
