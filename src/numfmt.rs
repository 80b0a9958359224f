//! Numbers as a person reads them, one formatter per language: money, unit prices,
//! decimals, counts and dates. English groups thousands with a comma and writes a
//! decimal point (`$1,169.88`, `1,440 h`); Brazilian Portuguese groups with a point
//! and writes a decimal comma (`US$ 1.169,88`, `1.440 h`). Machine formats (CSV,
//! JSON) never come through here: they write `1169.88` whatever the language.
//!
//! Money is always `rust_decimal::Decimal`; nothing here touches floating point.
//! A leaf: it knows only the language.
use rust_decimal::{Decimal, RoundingStrategy};

use crate::lang::Lang;

fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::En => (',', '.'),
        Lang::PtBr => ('.', ','),
    }
}

/// Writes a plain decimal string (`-1234.5`, as `Decimal` prints it) with the
/// language's separators.
fn localize(plain: &str, lang: Lang) -> String {
    let (group, point) = separators(lang);
    let (sign, body) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut out = String::with_capacity(plain.len() + int.len() / 3 + 1);
    out.push_str(sign);
    let digits = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(point);
        out.push_str(f);
    }
    out
}

/// A decimal without trailing zeros, grouped: en `1,440` / `0.0416`, pt-BR `1.440` /
/// `0,0416`.
pub fn decimal(d: Decimal, lang: Lang) -> String {
    localize(&d.normalize().to_string(), lang)
}

/// A decimal rounded (half away from zero) to exactly `places` decimals, grouped:
/// `fixed(0.00015, 6)` is `0.000150` / `0,000150`.
pub fn fixed(d: Decimal, places: u32, lang: Lang) -> String {
    let mut r = d.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(places);
    localize(&r.to_string(), lang)
}

/// A whole count, grouped: en `150,000`, pt-BR `150.000`.
pub fn count(n: u64, lang: Lang) -> String {
    localize(&n.to_string(), lang)
}

/// A number of days with its word in the right number: `1 day`, `2 days`, `1 dia`,
/// `1.000 dias`.
pub fn days(n: u64, lang: Lang) -> String {
    let word = match (lang, n) {
        (Lang::En, 1) => "day",
        (Lang::En, _) => "days",
        (Lang::PtBr, 1) => "dia",
        (Lang::PtBr, _) => "dias",
    };
    format!("{} {word}", count(n, lang))
}

/// A measured quantity that is not money (seconds of a simulated wait or retry),
/// with `places` decimals: `2.5` / `2,5`.
pub fn float(v: f64, places: usize, lang: Lang) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    localize(&format!("{v:.places$}"), lang)
}

/// The dollar sign as each language writes it before an amount.
pub fn usd_symbol(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "$",
        Lang::PtBr => "US$ ",
    }
}

const BRL_SYMBOL: &str = "R$ ";

fn with_symbol(symbol: &str, amount: String) -> String {
    match amount.strip_prefix('-') {
        Some(rest) => format!("-{symbol}{rest}"),
        None => format!("{symbol}{amount}"),
    }
}

/// US dollars in cents: en `$1,169.88`, pt-BR `US$ 1.169,88`.
pub fn usd(d: Decimal, lang: Lang) -> String {
    with_symbol(usd_symbol(lang), fixed(d, 2, lang))
}

/// Reais in cents: en `R$ 526.45`, pt-BR `R$ 526,45`.
/// The exchange rate as people state it: en `$1 = R$ 5.43`, pt-BR `US$ 1 = R$ 5,43`.
pub fn exchange(rate: Decimal, lang: Lang) -> String {
    format!(
        "{}1 = {}",
        usd_symbol(lang),
        with_symbol(BRL_SYMBOL, decimal(rate, lang))
    )
}

pub fn brl(d: Decimal, lang: Lang) -> String {
    with_symbol(BRL_SYMBOL, fixed(d, 2, lang))
}

/// US dollars with every decimal the figure has, at least two: a unit price
/// (`$0.0416`, `US$ 0,0416`, `US$ 3.000,00`).
pub fn usd_price(d: Decimal, lang: Lang) -> String {
    let mut n = d.normalize();
    if n.scale() < 2 {
        n.rescale(2);
    }
    with_symbol(usd_symbol(lang), localize(&n.to_string(), lang))
}

/// US dollars with exactly `places` decimals (a Step Functions run costs
/// `$0.000150`).
pub fn usd_fixed(d: Decimal, places: u32, lang: Lang) -> String {
    with_symbol(usd_symbol(lang), fixed(d, places, lang))
}

/// A calendar date given as `YYYY-MM-DD`: kept in English, `DD/MM/YYYY` in pt-BR.
/// Anything else is returned as it is.
pub fn date(iso: &str, lang: Lang) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let well_formed = parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()));
    match lang {
        Lang::PtBr if well_formed => format!("{}/{}/{}", parts[2], parts[1], parts[0]),
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exchange_rate_is_stated_as_people_say_it() {
        let r = Decimal::new(5435, 3);
        assert_eq!(exchange(r, Lang::PtBr), "US$ 1 = R$ 5,435");
        assert_eq!(exchange(r, Lang::En), "$1 = R$ 5.435");
    }

    #[test]
    fn days_take_the_plural_they_need() {
        assert_eq!(days(1, Lang::PtBr), "1 dia");
        assert_eq!(days(0, Lang::PtBr), "0 dias");
        assert_eq!(days(1000, Lang::PtBr), "1.000 dias");
        assert_eq!(days(2, Lang::En), "2 days");
    }
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    #[test]
    fn money_follows_the_language() {
        assert_eq!(usd(d("1169.88"), Lang::En), "$1,169.88");
        assert_eq!(usd(d("1169.88"), Lang::PtBr), "US$ 1.169,88");
        assert_eq!(brl(d("526.45"), Lang::En), "R$ 526.45");
        assert_eq!(brl(d("526.45"), Lang::PtBr), "R$ 526,45");
        assert_eq!(brl(d("6317.4"), Lang::PtBr), "R$ 6.317,40");
        assert_eq!(usd(d("0"), Lang::PtBr), "US$ 0,00");
        assert_eq!(usd(d("-3"), Lang::En), "-$3.00");
        assert_eq!(usd(d("-1234.5"), Lang::PtBr), "-US$ 1.234,50");
        assert_eq!(usd(d("0.125"), Lang::En), "$0.13");
        assert_eq!(usd(d("1000000"), Lang::En), "$1,000,000.00");
    }

    #[test]
    fn prices_keep_their_decimals() {
        assert_eq!(usd_price(d("0.0416"), Lang::En), "$0.0416");
        assert_eq!(usd_price(d("0.0416"), Lang::PtBr), "US$ 0,0416");
        assert_eq!(usd_price(d("0.20"), Lang::En), "$0.20");
        assert_eq!(usd_price(d("3000"), Lang::PtBr), "US$ 3.000,00");
        assert_eq!(usd_fixed(d("0.00015"), 6, Lang::PtBr), "US$ 0,000150");
    }

    #[test]
    fn decimals_and_counts_are_grouped() {
        assert_eq!(decimal(d("1440.000"), Lang::En), "1,440");
        assert_eq!(decimal(d("1440.000"), Lang::PtBr), "1.440");
        assert_eq!(decimal(d("0.1"), Lang::PtBr), "0,1");
        assert_eq!(decimal(d("-12345.678"), Lang::PtBr), "-12.345,678");
        assert_eq!(count(4000, Lang::PtBr), "4.000");
        assert_eq!(count(150_000, Lang::En), "150,000");
        assert_eq!(count(7, Lang::En), "7");
        assert_eq!(fixed(d("5.4"), 2, Lang::PtBr), "5,40");
        assert_eq!(float(2.5, 1, Lang::PtBr), "2,5");
        assert_eq!(float(3600.0, 0, Lang::PtBr), "3.600");
    }

    #[test]
    fn dates() {
        assert_eq!(date("2026-11-23", Lang::PtBr), "23/11/2026");
        assert_eq!(date("2026-11-23", Lang::En), "2026-11-23");
        assert_eq!(date("soon", Lang::PtBr), "soon");
    }
}
