//! Budget output: the per-line formula and the table, markdown and CSV renderings
//! (JSON is in file.rs). The CLI and the Budget tab share these, so they agree.
use rust_decimal::Decimal;

use super::{Budget, Computed, LineCost, LineItem, to_brl};
use crate::lang::Lang;
use crate::markdown::text::sanitize;

/// Short unit for formulas: `hour` → `h`.
pub fn unit_abbrev(unit: &str) -> &str {
    match unit {
        "hour" | "hours" => "h",
        "month" => "mo",
        "minute" | "minutes" => "min",
        "GB-month" => "GB-mo",
        "DPU-hour" => "DPU-h",
        "shard-hour" => "shard-h",
        "LCU-hour" => "LCU-h",
        "cluster-hour" => "cluster-h",
        "1M requests" => "M req",
        "1M events" => "M events",
        "1M invocations" => "M invocations",
        "1M PUT units" => "M PUT units",
        "pipeline-month" => "pipeline-mo",
        "build-minute" => "build-min",
        "action-minute" => "action-min",
        "state transition" => "transitions",
        "GB-second" => "GB-s",
        other => other,
    }
}

/// A decimal without trailing zeros, with thousands separators in the integer part.
pub fn number(d: Decimal) -> String {
    let s = d.normalize().to_string();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", int),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Money with two decimals and thousands separators: `$3,000.00`.
pub fn money(d: Decimal, symbol: &str) -> String {
    let cents = super::cents(d);
    let s = cents.to_string();
    let (int, frac) = s.split_once('.').unwrap_or((s.as_str(), "00"));
    let grouped = number(Decimal::from_str_exact(int).unwrap_or_default());
    format!("{symbol}{grouped}.{frac}")
}

/// A unit price with `$` and at least two decimals: `$0.0416`, `$0.20`, `$3,000.00`.
pub fn price(d: Decimal) -> String {
    let mut n = d.normalize();
    if n.scale() < 2 {
        n.rescale(2);
    }
    let s = number(n);
    // number() drops trailing zeros; put the cents back.
    match s.split_once('.') {
        Some((_, f)) if f.len() >= 2 => format!("${s}"),
        Some((i, f)) => format!("${i}.{f:0<2}"),
        None => format!("${s}.00"),
    }
}

/// `720 h × $0.0416/h = $29.95`; factors equal to 1 are left out of the product.
pub fn formula(line: &LineItem, c: &LineCost) -> String {
    let unit = sanitize(&line.unit);
    let u = unit_abbrev(&unit);
    let shown: Vec<String> = line
        .factors
        .iter()
        .filter(|f| f.value != Decimal::ONE)
        .map(|f| number(f.value))
        .collect();
    let mut s = if shown.len() > 1 {
        format!("{} = {} {u}", shown.join(" × "), number(c.quantity))
    } else {
        format!("{} {u}", number(c.quantity))
    };
    if !line.free_quantity.is_zero() {
        s.push_str(&format!(
            " − {} free = {} {u}",
            number(line.free_quantity),
            number(c.billable)
        ));
    }
    s.push_str(&format!(
        " × {}/{u} = {}",
        price(line.unit_price),
        money(c.cost, "$")
    ));
    s
}

struct Labels {
    service: &'static str,
    formula: &'static str,
    cost: &'static str,
    total: &'static str,
    year: &'static str,
    excluded: &'static str,
    monthly: &'static str,
}

fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::En => Labels {
            service: "Line",
            formula: "Formula",
            cost: "Monthly (USD)",
            total: "Total per month",
            year: "12 months",
            excluded: "excluded",
            monthly: "monthly estimate",
        },
        Lang::PtBr => Labels {
            service: "Linha",
            formula: "Fórmula",
            cost: "Mensal (USD)",
            total: "Total por mês",
            year: "12 meses",
            excluded: "fora do total",
            monthly: "estimativa mensal",
        },
    }
}

fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// An aligned text table with each line's formula, the totals, and a BRL column
/// when a rate is given.
pub fn table(b: &Budget, c: &Computed, rate: Option<Decimal>, lang: Lang) -> String {
    let l = labels(lang);
    let mut rows: Vec<[String; 4]> = Vec::new();
    for (line, cost) in b.lines.iter().zip(&c.lines) {
        // Text from a budget file never drives the terminal: controls are escaped.
        let label = if line.included {
            sanitize(&line.label)
        } else {
            format!("({}) {}", l.excluded, sanitize(&line.label))
        };
        let brl = rate
            .and_then(|r| to_brl(cost.cost, r))
            .map(|v| money(v, "R$ "))
            .unwrap_or_default();
        rows.push([label, formula(line, cost), money(cost.cost, "$"), brl]);
    }
    let brl_head = if rate.is_some() { "BRL" } else { "" };
    let head = [
        l.service.to_string(),
        l.formula.to_string(),
        l.cost.to_string(),
        brl_head.to_string(),
    ];
    let total_brl = rate
        .and_then(|r| to_brl(c.total, r))
        .map(|v| money(v, "R$ "))
        .unwrap_or_default();
    let year_brl = rate
        .and_then(|r| to_brl(c.twelve_months(), r))
        .map(|v| money(v, "R$ "))
        .unwrap_or_default();
    let totals = [
        [
            l.total.to_string(),
            String::new(),
            money(c.total, "$"),
            total_brl,
        ],
        [
            l.year.to_string(),
            String::new(),
            money(c.twelve_months(), "$"),
            year_brl,
        ],
    ];
    let all: Vec<&[String; 4]> = std::iter::once(&head)
        .chain(rows.iter())
        .chain(totals.iter())
        .collect();
    let w: Vec<usize> = (0..4)
        .map(|i| all.iter().map(|r| width(&r[i])).max().unwrap_or(0))
        .collect();
    let fmt_row = |r: &[String; 4]| -> String {
        let mut s = format!(
            "{}{}  {}{}  {}{}",
            r[0],
            " ".repeat(w[0] - width(&r[0])),
            r[1],
            " ".repeat(w[1] - width(&r[1])),
            " ".repeat(w[2] - width(&r[2])),
            r[2]
        );
        if rate.is_some() {
            s.push_str(&format!("  {}{}", " ".repeat(w[3] - width(&r[3])), r[3]));
        }
        s.trim_end().to_string() + "\n"
    };
    let rule_w = w[0] + w[1] + w[2] + 4 + if rate.is_some() { w[3] + 2 } else { 0 };
    let mut out = format!(
        "{} — {} ({})\n\n",
        sanitize(&b.name),
        l.monthly,
        sanitize(&b.currency)
    );
    out.push_str(&fmt_row(&head));
    out.push_str(&format!("{}\n", "─".repeat(rule_w)));
    for r in &rows {
        out.push_str(&fmt_row(r));
    }
    out.push_str(&format!("{}\n", "─".repeat(rule_w)));
    for r in &totals {
        out.push_str(&fmt_row(r));
    }
    if let Some(r) = rate {
        let note = match lang {
            Lang::En => format!(
                "\nBRL at {} BRL per USD, each figure rounded to cents.\n",
                number(r)
            ),
            Lang::PtBr => format!(
                "\nBRL a {} reais por dólar, cada valor arredondado ao centavo.\n",
                number(r)
            ),
        };
        out.push_str(&note);
    }
    out
}

fn md_escape(s: &str) -> String {
    sanitize(s).replace('|', "\\|")
}

/// A markdown table ready to paste into a README.
pub fn markdown(b: &Budget, c: &Computed, rate: Option<Decimal>, lang: Lang) -> String {
    let l = labels(lang);
    let mut out = format!("### {}\n\n", md_escape(&b.name));
    if rate.is_some() {
        out.push_str(&format!(
            "| {} | {} | {} | BRL |\n|---|---|--:|--:|\n",
            l.service, l.formula, l.cost
        ));
    } else {
        out.push_str(&format!(
            "| {} | {} | {} |\n|---|---|--:|\n",
            l.service, l.formula, l.cost
        ));
    }
    let brl_cell = |usd: Decimal| match rate.and_then(|r| to_brl(usd, r)) {
        Some(v) => format!(" {} |", money(v, "R$ ")),
        None => String::new(),
    };
    for (line, cost) in b.lines.iter().zip(&c.lines) {
        let label = if line.included {
            md_escape(&line.label)
        } else {
            format!("~~{}~~ ({})", md_escape(&line.label), l.excluded)
        };
        out.push_str(&format!(
            "| {label} | {} | {} |{}\n",
            md_escape(&formula(line, cost)),
            money(cost.cost, "$"),
            brl_cell(cost.cost)
        ));
    }
    out.push_str(&format!(
        "| **{}** | | **{}** |{}\n",
        l.total,
        money(c.total, "$"),
        brl_cell(c.total)
    ));
    out.push_str(&format!(
        "| {} | | {} |{}\n",
        l.year,
        money(c.twelve_months(), "$"),
        brl_cell(c.twelve_months())
    ));
    out
}

fn csv_field(s: &str) -> String {
    let s = &sanitize(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV: a header row, one row per line, and a final total row.
pub fn csv(b: &Budget, c: &Computed, rate: Option<Decimal>) -> String {
    let mut out =
        String::from("service,label,unit,unit_price,quantity,free_quantity,cost,included");
    if rate.is_some() {
        out.push_str(",cost_brl");
    }
    out.push('\n');
    let brl = |usd: Decimal| rate.and_then(|r| to_brl(usd, r)).map(|v| v.to_string());
    for (line, cost) in b.lines.iter().zip(&c.lines) {
        let mut row = [
            csv_field(&line.service),
            csv_field(&line.label),
            csv_field(&line.unit),
            line.unit_price.normalize().to_string(),
            cost.quantity.normalize().to_string(),
            line.free_quantity.normalize().to_string(),
            cost.cost.to_string(),
            line.included.to_string(),
        ]
        .join(",");
        if let Some(v) = brl(cost.cost) {
            row.push(',');
            row.push_str(&v);
        }
        out.push_str(&row);
        out.push('\n');
    }
    out.push_str(&format!(",total,,,,,{},", c.total));
    if let Some(v) = brl(c.total) {
        out.push(',');
        out.push_str(&v);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn numbers_and_money_are_grouped() {
        let d = |s| Decimal::from_str(s).expect("decimal");
        assert_eq!(number(d("1440.000")), "1,440");
        assert_eq!(number(d("0.0416")), "0.0416");
        assert_eq!(money(d("3000"), "$"), "$3,000.00");
        assert_eq!(money(d("1169.88"), "R$ "), "R$ 1,169.88");
        assert_eq!(money(d("0"), "$"), "$0.00");
        assert_eq!(price(d("0.20")), "$0.20");
        assert_eq!(price(d("0.0416")), "$0.0416");
        assert_eq!(price(d("3000")), "$3,000.00");
    }

    #[test]
    fn csv_quotes_fields_that_need_it() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
