//! Budget output: the per-line formula and the table, markdown and CSV renderings
//! (JSON is in file.rs). The CLI and the Budget tab share these, so they agree.
use rust_decimal::Decimal;

use super::catalog::{Catalog, PriceStatus};
use super::{Budget, Computed, LineCost, LineItem};
use crate::lang::Lang;
use crate::markdown::text::sanitize;
use crate::numfmt;

/// Short unit for formulas in a language: `hour` → `h`, `month` → `mo` / `mês`.
pub fn unit_abbrev(unit: &str, lang: Lang) -> &str {
    let (en, pt) = match unit {
        "hour" | "hours" => ("h", "h"),
        "month" => ("mo", "mês"),
        "minute" | "minutes" => ("min", "min"),
        "GB-month" => ("GB-mo", "GB-mês"),
        "DPU-hour" => ("DPU-h", "DPU-h"),
        "shard-hour" => ("shard-h", "shard-h"),
        "LCU-hour" => ("LCU-h", "LCU-h"),
        "cluster-hour" => ("cluster-h", "cluster-h"),
        "1M requests" => ("M req", "M req"),
        "1M events" => ("M events", "M eventos"),
        "1M invocations" => ("M invocations", "M invocações"),
        "1M PUT units" => ("M PUT units", "M unidades PUT"),
        "pipeline-month" => ("pipeline-mo", "pipeline-mês"),
        "build-minute" => ("build-min", "min de build"),
        "action-minute" => ("action-min", "min de ação"),
        "state transition" => ("transition", "transição"),
        "stream-hour" => ("stream-h", "stream-h"),
        "vCPU-hour" => ("vCPU-h", "vCPU-h"),
        "GB-hour" => ("GB-h", "GB-h"),
        "1K requests" => ("1K requests", "mil requisições"),
        "GB-second" => ("GB-s", "GB-s"),
        _ => return unit,
    };
    crate::lang::tr(lang, en, pt)
}

/// The unit after a quantity (`150,000 transitions`): the plural where the
/// per-unit form (`$0.000025/transition`) is singular.
fn quantity_unit(unit: &str, lang: Lang) -> &str {
    match unit {
        "state transition" => crate::lang::tr(lang, "transitions", "transições"),
        _ => unit_abbrev(unit, lang),
    }
}

/// A quantity as a person reads it (`1,440` / `1.440`).
pub fn number(d: Decimal, lang: Lang) -> String {
    numfmt::decimal(d, lang)
}

/// Dollars in cents (`$3,000.00` / `US$ 3.000,00`).
pub fn money(d: Decimal, lang: Lang) -> String {
    numfmt::usd(d, lang)
}

/// Reais in cents (`R$ 526.45` / `R$ 526,45`).
pub fn money_brl(d: Decimal, lang: Lang) -> String {
    numfmt::brl(d, lang)
}

/// A unit price with at least two decimals (`$0.0416`, `US$ 0,20`).
pub fn price(d: Decimal, lang: Lang) -> String {
    numfmt::usd_price(d, lang)
}

/// `720 h × $0.0416/h = $29.95` (pt-BR `720 h × US$ 0,0416/h = US$ 29,95`);
/// factors equal to 1 are left out of the product.
pub fn formula(line: &LineItem, c: &LineCost, lang: Lang) -> String {
    let unit = sanitize(&line.unit);
    let u = unit_abbrev(&unit, lang);
    let q = quantity_unit(&unit, lang);
    let shown: Vec<String> = line
        .factors
        .iter()
        .filter(|f| f.value != Decimal::ONE)
        .map(|f| number(f.value, lang))
        .collect();
    let mut s = if shown.len() > 1 {
        format!("{} = {} {q}", shown.join(" × "), number(c.quantity, lang))
    } else {
        format!("{} {q}", number(c.quantity, lang))
    };
    if !line.free_quantity.is_zero() {
        let free = if free_is_course_assumption(line) {
            crate::lang::tr(
                lang,
                "free (course assumption)",
                "grátis (suposição do curso)",
            )
        } else {
            crate::lang::tr(lang, "free", "grátis")
        };
        s.push_str(&format!(
            " − {} {free} = {} {q}",
            number(line.free_quantity, lang),
            number(c.billable, lang)
        ));
    }
    s.push_str(&format!(
        " × {}/{u} = {}",
        price(line.unit_price, lang),
        money(c.cost, lang)
    ));
    s
}

/// Whether a line counts more free quantity than the catalog documents for its
/// service (the course's "100,000 free EventBridge events" is such an assumption).
pub fn free_is_course_assumption(line: &LineItem) -> bool {
    Catalog::shared()
        .and_then(|c| c.entry(&line.service))
        .is_some_and(|e| line.free_quantity > e.free_quantity())
}

/// The catalog's price status of a line (`None` for a custom line).
fn line_status(line: &LineItem) -> Option<PriceStatus> {
    Catalog::shared()
        .and_then(|c| c.entry(&line.service))
        .map(|e| e.status())
}

/// The sentence that states the BRL rate and how the column is made.
pub fn rate_note(rate: Decimal, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "BRL at {} BRL per USD: each line rounded to the cent; the total is the sum of the lines; 12 months = 12 × the monthly total.",
            number(rate, lang)
        ),
        Lang::PtBr => format!(
            "BRL a {} reais por dólar: cada linha arredondada ao centavo; o total é a soma das linhas; 12 meses = 12 × o total mensal.",
            number(rate, lang)
        ),
    }
}

/// The legend of the price-source words that `statuses` uses.
pub fn status_legend(statuses: &[PriceStatus], lang: Lang) -> String {
    let mut used: Vec<PriceStatus> = statuses.to_vec();
    used.sort();
    used.dedup();
    let words: Vec<String> = used
        .iter()
        .map(|s| format!("{} = {}", s.word(lang), s.meaning(lang)))
        .collect();
    let (region, as_of) = Catalog::shared()
        .map(|c| (c.region.as_str(), numfmt::date(&c.as_of, lang)))
        .unwrap_or(("us-east-1", String::new()));
    match lang {
        Lang::En => format!(
            "Price source (the AWS {region} price; each was looked up on its as_of date, {as_of} or later, which is when we looked, not when AWS set it): {}.",
            words.join("; ")
        ),
        Lang::PtBr => format!(
            "Fonte do preço (o preço da AWS em {region}; cada um consultado na data registrada no catálogo, {as_of} ou depois, que é quando consultamos, não quando a AWS o fixou): {}.",
            words.join("; ")
        ),
    }
}

struct Labels {
    service: &'static str,
    formula: &'static str,
    cost: &'static str,
    source: &'static str,
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
            source: "Price source",
            total: "Total per month",
            year: "12 months",
            excluded: "excluded",
            monthly: "monthly estimate",
        },
        Lang::PtBr => Labels {
            service: "Linha",
            formula: "Fórmula",
            cost: "Mensal (USD)",
            source: "Fonte do preço",
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

/// An aligned text table with each line's formula, the totals, a BRL column when a
/// rate is given (stated below the table), and each line's price source with its
/// legend.
pub fn table(b: &Budget, c: &Computed, rate: Option<Decimal>, lang: Lang) -> String {
    let l = labels(lang);
    let brl = rate.and_then(|r| c.in_brl(b, r));
    let brl_of = |v: Option<&Decimal>| v.map(|v| money_brl(*v, lang)).unwrap_or_default();
    let mut statuses = Vec::new();
    let mut rows: Vec<[String; 5]> = Vec::new();
    for (i, (line, cost)) in b.lines.iter().zip(&c.lines).enumerate() {
        // Text from a budget file never drives the terminal: controls are escaped.
        let label = if line.included {
            sanitize(&line.label)
        } else {
            format!("({}) {}", l.excluded, sanitize(&line.label))
        };
        let status = line_status(line);
        statuses.extend(status);
        rows.push([
            label,
            formula(line, cost, lang),
            money(cost.cost, lang),
            brl_of(brl.as_ref().and_then(|x| x.lines.get(i))),
            status.map_or_else(|| "—".to_string(), |s| s.word(lang).to_string()),
        ]);
    }
    let brl_head = if rate.is_some() { "BRL" } else { "" };
    let head = [
        l.service.to_string(),
        l.formula.to_string(),
        l.cost.to_string(),
        brl_head.to_string(),
        l.source.to_string(),
    ];
    let totals = [
        [
            l.total.to_string(),
            String::new(),
            money(c.total, lang),
            brl_of(brl.as_ref().map(|x| &x.total)),
            String::new(),
        ],
        [
            l.year.to_string(),
            String::new(),
            money(c.twelve_months(), lang),
            brl_of(brl.as_ref().map(|x| &x.twelve_months)),
            String::new(),
        ],
    ];
    let all: Vec<&[String; 5]> = std::iter::once(&head)
        .chain(rows.iter())
        .chain(totals.iter())
        .collect();
    let w: Vec<usize> = (0..5)
        .map(|i| all.iter().map(|r| width(&r[i])).max().unwrap_or(0))
        .collect();
    let pad = |s: &str, n: usize| " ".repeat(n - width(s));
    let fmt_row = |r: &[String; 5]| -> String {
        let mut s = format!(
            "{}{}  {}{}  {}{}",
            r[0],
            pad(&r[0], w[0]),
            r[1],
            pad(&r[1], w[1]),
            pad(&r[2], w[2]),
            r[2]
        );
        if rate.is_some() {
            s.push_str(&format!("  {}{}", pad(&r[3], w[3]), r[3]));
        }
        s.push_str(&format!("  {}", r[4]));
        s.trim_end().to_string() + "\n"
    };
    let rule_w = w[0] + w[1] + w[2] + w[4] + 6 + if rate.is_some() { w[3] + 2 } else { 0 };
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
    out.push('\n');
    if let Some(r) = rate {
        out.push_str(&rate_note(r, lang));
        out.push('\n');
    }
    if !statuses.is_empty() {
        out.push_str(&status_legend(&statuses, lang));
        out.push('\n');
    }
    out
}

fn md_escape(s: &str) -> String {
    sanitize(s).replace('|', "\\|")
}

/// A markdown table ready to paste into a README, with what a reader of it needs:
/// the BRL rate, and per line the price source, its status and the caveats.
pub fn markdown(b: &Budget, c: &Computed, rate: Option<Decimal>, lang: Lang) -> String {
    let l = labels(lang);
    let brl = rate.and_then(|r| c.in_brl(b, r));
    let mut out = format!("### {}\n\n", md_escape(&b.name));
    if brl.is_some() {
        out.push_str(&format!(
            "| {} | {} | {} | BRL | {} |\n|---|---|--:|--:|---|\n",
            l.service, l.formula, l.cost, l.source
        ));
    } else {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n|---|---|--:|---|\n",
            l.service, l.formula, l.cost, l.source
        ));
    }
    let brl_cell = |v: Option<&Decimal>, strong: bool| match v {
        Some(v) if strong => format!(" **{}** |", money_brl(*v, lang)),
        Some(v) => format!(" {} |", money_brl(*v, lang)),
        None => String::new(),
    };
    let mut statuses = Vec::new();
    for (i, (line, cost)) in b.lines.iter().zip(&c.lines).enumerate() {
        let label = if line.included {
            md_escape(&line.label)
        } else {
            format!("~~{}~~ ({})", md_escape(&line.label), l.excluded)
        };
        let status = line_status(line);
        statuses.extend(status);
        out.push_str(&format!(
            "| {label} | {} | {} |{} {} |\n",
            md_escape(&formula(line, cost, lang)),
            money(cost.cost, lang),
            brl_cell(brl.as_ref().and_then(|x| x.lines.get(i)), false),
            status.map_or("—", |s| s.word(lang)),
        ));
    }
    out.push_str(&format!(
        "| **{}** | | **{}** |{} |\n",
        l.total,
        money(c.total, lang),
        brl_cell(brl.as_ref().map(|x| &x.total), true)
    ));
    out.push_str(&format!(
        "| {} | | {} |{} |\n",
        l.year,
        money(c.twelve_months(), lang),
        brl_cell(brl.as_ref().map(|x| &x.twelve_months), false)
    ));
    if let Some(r) = rate {
        out.push_str(&format!("\n{}\n", rate_note(r, lang)));
    }
    out.push_str(&sources_md(b, lang));
    if !statuses.is_empty() {
        out.push_str(&format!("\n{}\n", status_legend(&statuses, lang)));
    }
    out
}

/// Per line: the course's price next to AWS's, how sure that is, where it comes
/// from, and what the figure leaves out.
fn sources_md(b: &Budget, lang: Lang) -> String {
    let Some(cat) = Catalog::shared() else {
        return String::new();
    };
    let mut out = format!(
        "\n#### {}\n\n",
        crate::lang::tr(lang, "Prices and caveats", "Preços e ressalvas")
    );
    let mut any = false;
    for line in &b.lines {
        let Some(e) = cat.entry(&line.service) else {
            continue;
        };
        any = true;
        let u = unit_abbrev(&e.unit, lang);
        let per = |p: Decimal| format!("{}/{u}", price(p, lang));
        let course = e.course().map_or_else(|| "—".to_string(), per);
        let documented = e.documented().map_or_else(|| "—".to_string(), per);
        out.push_str(&format!(
            "- **{}**: {} {course}; AWS {} {documented} ({}, {} {}, {})\n",
            md_escape(&line.label),
            crate::lang::tr(lang, "course", "curso"),
            md_escape(&cat.region),
            e.status().word(lang),
            crate::lang::tr(lang, "looked up", "consultado em"),
            numfmt::date(&e.as_of, lang),
            e.sources()
                .iter()
                .map(|s| format!("<{}>", md_escape(s)))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        for caveat in e.caveats(lang) {
            out.push_str(&format!("  - {}\n", md_escape(caveat)));
        }
    }
    if any { out } else { String::new() }
}

/// One CSV cell: controls escaped, quoted when it needs to be, and a text that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
/// carriage return) written with a leading `'`.
pub fn csv_field(s: &str) -> String {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let mut s = sanitize(s);
    if formula || s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        s.insert(0, '\'');
    }
    let s = &s;
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV: a header row, one row per line, and a final total row. Locale-neutral
/// whatever the language (`97.49`); the BRL column is summed like the table's.
pub fn csv(b: &Budget, c: &Computed, rate: Option<Decimal>) -> String {
    let brl = rate.and_then(|r| c.in_brl(b, r));
    let mut out =
        String::from("service,label,unit,unit_price,quantity,free_quantity,cost,included");
    if brl.is_some() {
        out.push_str(",cost_brl");
    }
    out.push_str(",price_status,as_of,sources,free_quantity_basis,caveats\n");
    let cat = Catalog::shared();
    for (i, (line, cost)) in b.lines.iter().zip(&c.lines).enumerate() {
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
        if brl.is_some() {
            row.push(',');
            if let Some(v) = brl.as_ref().and_then(|x| x.lines.get(i)) {
                row.push_str(&v.to_string());
            }
        }
        let entry = cat.and_then(|c| c.entry(&line.service));
        let basis = if line.free_quantity.is_zero() {
            ""
        } else if free_is_course_assumption(line) {
            "course assumption"
        } else {
            "aws free tier"
        };
        let context = [
            entry.map_or(String::new(), |e| e.status().code().to_string()),
            entry.map_or(String::new(), |e| e.as_of.clone()),
            entry.map_or(String::new(), |e| e.sources().join(" ")),
            basis.to_string(),
            entry.map_or(String::new(), |e| e.caveats(Lang::En).join(" | ")),
        ];
        for c in &context {
            row.push(',');
            row.push_str(&csv_field(c));
        }
        out.push_str(&row);
        out.push('\n');
    }
    out.push_str(&format!(",total,,,,,{},", c.total));
    if let Some(x) = &brl {
        out.push(',');
        out.push_str(&x.total.to_string());
    }
    out.push_str(",,,,,\n");
    if let Some(r) = rate {
        out.push_str(&format!(",rate_brl_per_usd,,{},,,,", r.normalize()));
        if brl.is_some() {
            out.push(',');
        }
        out.push_str(",,,,,\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn numbers_and_money_are_grouped() {
        let d = |s| Decimal::from_str(s).expect("decimal");
        assert_eq!(number(d("1440.000"), Lang::En), "1,440");
        assert_eq!(number(d("1440.000"), Lang::PtBr), "1.440");
        assert_eq!(number(d("0.0416"), Lang::En), "0.0416");
        assert_eq!(money(d("3000"), Lang::En), "$3,000.00");
        assert_eq!(money(d("3000"), Lang::PtBr), "US$ 3.000,00");
        assert_eq!(money_brl(d("1169.88"), Lang::En), "R$ 1,169.88");
        assert_eq!(money_brl(d("1169.88"), Lang::PtBr), "R$ 1.169,88");
        assert_eq!(money(d("0"), Lang::En), "$0.00");
        assert_eq!(price(d("0.20"), Lang::En), "$0.20");
        assert_eq!(price(d("0.0416"), Lang::PtBr), "US$ 0,0416");
        assert_eq!(price(d("3000"), Lang::En), "$3,000.00");
    }

    #[test]
    fn a_formula_in_each_language() {
        let b = crate::budget::scenario("scenario-2")
            .expect("bundled")
            .expect("valid");
        let c = b.compute().expect("computes");
        let kinesis = formula(&b.lines[0], &c.lines[0], Lang::PtBr);
        assert_eq!(
            kinesis,
            "2 × 24 × 30 = 1.440 shard-h × US$ 0,015/shard-h = US$ 21,60"
        );
        let i = b
            .lines
            .iter()
            .position(|l| l.unit == "1M events")
            .expect("an events line");
        let pt = formula(&b.lines[i], &c.lines[i], Lang::PtBr);
        assert!(pt.contains("grátis") && pt.contains("/M eventos"), "{pt}");
        let en = formula(&b.lines[i], &c.lines[i], Lang::En);
        assert!(en.contains(" free ") && en.contains("/M events"), "{en}");
    }

    #[test]
    fn csv_quotes_fields_that_need_it() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for bad in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            let cell = csv_field(bad);
            assert!(
                cell.trim_start_matches('"').starts_with('\''),
                "{bad:?} → {cell}"
            );
        }
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
