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
/// Wait); None if it is not one.
pub fn parse_timestamp(t: &str) -> Option<f64> {
    if !is_timestamp(t) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| t.get(r).and_then(|s| s.parse::<i64>().ok());
    let (y, mo, d) = (n(0..4)?, n(5..7)?, n(8..10)?);
    let (h, mi, s) = (n(11..13)?, n(14..16)?, n(17..19)?);
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let mut secs = (days * 86_400 + h * 3600 + mi * 60 + s) as f64;
    let rest = &t[19..];
    let (frac, zone) = match rest.strip_prefix('.') {
        Some(r) => {
            let end = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
            (
                format!("0.{}", &r[..end]).parse::<f64>().unwrap_or(0.0),
                &r[end..],
            )
        }
        None => (0.0, rest),
    };
    secs += frac;
    if zone.len() == 6 {
        let sign = if zone.starts_with('-') { -1.0 } else { 1.0 };
        let oh = zone.get(1..3)?.parse::<f64>().ok()?;
        let om = zone.get(4..6)?.parse::<f64>().ok()?;
        secs -= sign * (oh * 3600.0 + om * 60.0);
    }
    Some(secs)
}

/// `2026-01-01T00:00:00.000Z` plus `secs` simulated seconds.
pub fn format_timestamp(secs: f64) -> String {
    let base = EPOCH_SECONDS;
    let total_ms = (secs * 1000.0).round() as i64;
    let t = base + total_ms.div_euclid(1000);
    let ms = total_ms.rem_euclid(1000);
    let days = t.div_euclid(86_400);
    let rem = t.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}
