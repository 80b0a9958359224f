//! The cost-optimization reports in every format: the pricing options of
//! each line (`budget --options`), two budgets compared (`--compare`) and the
//! catalog (`--catalog`). People's formats (table, md) follow the language through
//! `numfmt`; csv and json never do. The CLI and the Budget tab share these.
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::catalog::{Catalog, Entry, PriceStatus};
use super::compare::Comparison;
use super::format::{csv_field, money, price, status_legend, unit_abbrev};
use super::options::{OptionBook, PricedOption, for_line_in};
use super::{Budget, CalcError};
use crate::lang::{Lang, tr};
use crate::markdown::text::sanitize;
use crate::numfmt;

fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Rows aligned in columns two spaces apart; `right[i]` right-aligns column i.
fn align(rows: &[Vec<String>], right: &[bool]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let w: Vec<usize> = (0..cols)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|s| width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, cell) in r.iter().enumerate() {
            let pad = " ".repeat(w[i].saturating_sub(width(cell)));
            if i > 0 {
                line.push_str("  ");
            }
            if right.get(i).copied().unwrap_or(false) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn md_cell(s: &str) -> String {
    sanitize(s).replace('|', "\\|")
}

/// A percent for people: `−27.9%` / `−27,9%`.
/// A saving in percent, whole so a column reads evenly (`28%`, `46%`, `−860%`);
/// json and csv keep its decimal.
pub fn saving_percent(p: Decimal, lang: Lang) -> String {
    let whole = p
        .abs()
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let n = numfmt::fixed(whole, 0, lang);
    if p < Decimal::ZERO {
        format!("−{n}%")
    } else {
        format!("{n}%")
    }
}

pub fn percent(p: Decimal, lang: Lang) -> String {
    let n = numfmt::decimal(p.abs(), lang);
    if p < Decimal::ZERO {
        format!("−{n}%")
    } else {
        format!("{n}%")
    }
}

/// A change in percent as the header shows it, signed both ways: `−27%`, `+31%`;
/// whole percent (rounded half away from zero) from 1% up, and below that the
/// hundredths, so a change is never shown as `0%`: `+0.43%`.
pub fn change_percent_text(p: Decimal, lang: Lang) -> String {
    let shown = if p.abs() >= Decimal::ONE {
        p.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    } else {
        p
    };
    if shown > Decimal::ZERO {
        format!("+{}", percent(shown, lang))
    } else {
        percent(shown, lang)
    }
}

/// When a line is not priced as its options' baseline (the course's RDS $0.062/h
/// where On-Demand is the documented $0.068/h, or an S3 line already in another
/// class), the Saving column is not what picking an option does to this line: this
/// says both. `None` when the line costs what the baseline does.
pub fn line_baseline_note(line_cost: Decimal, opts: &[PricedOption], lang: Lang) -> Option<String> {
    let base = opts.first()?.on_demand_monthly;
    if base == line_cost {
        return None;
    }
    let storage = opts
        .iter()
        .any(|o| o.kind == super::options::OptionKind::StorageClass);
    Some(match lang {
        Lang::En => format!(
            "this line costs {} a month now; Saving compares with {} ({} a month), so picking an option changes this line by its Monthly − {}",
            money(line_cost, lang),
            if storage {
                "S3 Standard"
            } else {
                "On-Demand at the documented price"
            },
            money(base, lang),
            money(line_cost, lang),
        ),
        Lang::PtBr => format!(
            "esta linha custa {} por mês agora; a Economia compara com {} ({} por mês), então escolher uma opção muda esta linha em Mensal − {}",
            money(line_cost, lang),
            if storage {
                "o S3 Standard"
            } else {
                "o sob demanda ao preço documentado"
            },
            money(base, lang),
            money(line_cost, lang),
        ),
    })
}

/// A signed amount for people: `+$3.91`, `−$8.38`.
pub fn signed_money(d: Decimal, lang: Lang) -> String {
    if d < Decimal::ZERO {
        format!("−{}", money(-d, lang))
    } else {
        format!("+{}", money(d, lang))
    }
}

/// The header's "as opened → now" figure: `$97.49 → $71.20, −27%`.
pub fn as_opened_vs_now(opened: Decimal, now: Decimal, lang: Lang) -> String {
    let mut s = format!("{} → {}", money(opened, lang), money(now, lang));
    if let Some(p) = super::compare::change_percent(opened, now)
        && opened != now
    {
        s.push_str(&format!(", {}", change_percent_text(p, lang)));
    }
    s
}

/// The options of every line of a budget, in order (lines without options get an
/// empty list).
pub fn budget_options(
    b: &Budget,
    cat: &Catalog,
    book: &OptionBook,
) -> Result<Vec<Vec<PricedOption>>, (usize, CalcError)> {
    b.lines
        .iter()
        .enumerate()
        .map(|(i, l)| for_line_in(l, cat, book).map_err(|e| (i + 1, e)))
        .collect()
}

fn option_row(o: &PricedOption, cat: &Catalog, unit: &str, lang: Lang) -> Vec<String> {
    let u = unit_abbrev(unit, lang);
    let mut risk = o.commitment(lang);
    if let Some(be) = o.break_even_text(lang) {
        let up = o
            .uptime_percent
            .map(|u| match lang {
                Lang::En => format!(" (this line: {}%)", numfmt::decimal(u, lang)),
                Lang::PtBr => format!(" (esta linha: {}%)", numfmt::decimal(u, lang)),
            })
            .unwrap_or_default();
        risk = format!("{be}{up}; {risk}");
    }
    vec![
        o.title(lang, cat),
        format!("{}/{u}", price(o.rate, lang)),
        if o.upfront.is_zero() {
            "—".into()
        } else {
            format!(
                "{} ({}/{})",
                money(o.upfront, lang),
                money(o.upfront_monthly, lang),
                tr(lang, "mo", "mês")
            )
        },
        money(o.monthly, lang),
        signed_money(o.saving, lang),
        saving_percent(o.saving_percent, lang),
        o.status.word(lang).to_string(),
        risk,
    ]
}

/// `budget --options --format table`: per line, every option with its effective
/// rate, upfront, monthly cost, saving (amount and percent), status and what it
/// commits to or risks; then the sources and the legend.
pub fn options_table(
    b: &Budget,
    cat: &Catalog,
    book: &OptionBook,
    all: &[Vec<PricedOption>],
    lang: Lang,
) -> String {
    let head = vec![
        tr(lang, "Option", "Opção").to_string(),
        tr(lang, "Effective rate", "Taxa efetiva").to_string(),
        tr(lang, "Upfront (per month)", "Adiantado (por mês)").to_string(),
        tr(lang, "Monthly", "Mensal").to_string(),
        tr(lang, "Saving", "Economia").to_string(),
        "%".to_string(),
        tr(lang, "Price source", "Fonte do preço").to_string(),
        tr(lang, "Commits to / risks", "Compromisso / risco").to_string(),
    ];
    let right = [false, true, true, true, true, true, false, false];
    let mut out = format!(
        "{} — {}\n\n",
        sanitize(&b.name),
        tr(
            lang,
            "pricing options per line",
            "opções de preço por linha"
        )
    );
    let mut statuses = Vec::new();
    for (line, opts) in b.lines.iter().zip(all) {
        out.push_str(&format!("## {}\n", sanitize(&line.label)));
        if opts.is_empty() {
            out.push_str(tr(
                lang,
                "  (no other purchase options in the catalog for this line)\n\n",
                "  (o catálogo não tem outras opções de compra para esta linha)\n\n",
            ));
            continue;
        }
        let unit = cat
            .entry(&line.service)
            .map_or(line.unit.as_str(), |e| e.unit.as_str());
        if let Some(note) = line
            .compute()
            .ok()
            .and_then(|c| line_baseline_note(c.cost, opts, lang))
        {
            out.push_str(&format!("  ({note})\n"));
        }
        let mut rows = vec![head.clone()];
        for o in opts {
            statuses.push(o.status);
            rows.push(option_row(o, cat, unit, lang));
        }
        for l in align(&rows, &right).lines() {
            out.push_str("  ");
            out.push_str(l);
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&options_footer(book, &statuses, lang));
    out
}

fn options_footer(book: &OptionBook, statuses: &[PriceStatus], lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(tr(
        lang,
        "Saving is against On-Demand (S3: against S3 Standard) for the same usage. A commitment bills every hour of a 720-hour month whether the line runs or not; upfront is spread over the term.\n",
        "A economia é em relação ao sob demanda (S3: ao S3 Standard) para o mesmo uso. Um compromisso cobra toda hora de um mês de 720 horas, com a linha ligada ou não; o adiantamento é dividido pelo prazo.\n",
    ));
    let note = book.note(lang);
    if !note.is_empty() {
        out.push_str(note);
        out.push('\n');
    }
    if !statuses.is_empty() {
        out.push_str(&status_legend(statuses, lang));
        out.push('\n');
    }
    out
}

/// `budget --options --format md`.
pub fn options_markdown(
    b: &Budget,
    cat: &Catalog,
    book: &OptionBook,
    all: &[Vec<PricedOption>],
    lang: Lang,
) -> String {
    let mut out = format!(
        "### {} — {}\n\n",
        md_cell(&b.name),
        tr(lang, "pricing options", "opções de preço")
    );
    let mut statuses = Vec::new();
    for (line, opts) in b.lines.iter().zip(all) {
        out.push_str(&format!("#### {}\n\n", md_cell(&line.label)));
        if opts.is_empty() {
            out.push_str(tr(
                lang,
                "No other purchase options.\n\n",
                "Sem outras opções de compra.\n\n",
            ));
            continue;
        }
        if let Some(note) = line
            .compute()
            .ok()
            .and_then(|c| line_baseline_note(c.cost, opts, lang))
        {
            let mut note = note;
            if let Some(first) = note.get(..1) {
                note = first.to_uppercase() + &note[1..];
            }
            out.push_str(&format!("{}.\n\n", md_cell(&note)));
        }
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | % | {} | {} |\n|---|--:|--:|--:|--:|--:|---|---|\n",
            tr(lang, "Option", "Opção"),
            tr(lang, "Effective rate", "Taxa efetiva"),
            tr(lang, "Upfront (per month)", "Adiantado (por mês)"),
            tr(lang, "Monthly", "Mensal"),
            tr(lang, "Saving", "Economia"),
            tr(lang, "Price source", "Fonte do preço"),
            tr(lang, "Commits to / risks", "Compromisso / risco"),
        ));
        let unit = cat
            .entry(&line.service)
            .map_or(line.unit.as_str(), |e| e.unit.as_str());
        for o in opts {
            statuses.push(o.status);
            let mut r = option_row(o, cat, unit, lang);
            r[6] = format!(
                "{}, {} {}, <{}>",
                r[6],
                tr(lang, "looked up", "consultado em"),
                numfmt::date(&o.as_of, lang),
                o.source
            );
            let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out.push('\n');
    }
    out.push_str(&options_footer(book, &statuses, lang));
    out
}

fn option_json(o: &PricedOption) -> Value {
    json!({
        "option": o.option,
        "term": o.term.map(|t| t.code()),
        "payment": o.payment.map(|p| p.code()),
        "effective_rate": o.rate.normalize().to_string(),
        "recurring_rate": o.recurring.normalize().to_string(),
        "upfront": o.upfront.to_string(),
        "upfront_monthly": o.upfront_monthly.to_string(),
        "unit_price": o.unit_price.normalize().to_string(),
        "monthly": o.monthly.to_string(),
        "on_demand_monthly": o.on_demand_monthly.to_string(),
        "saving": o.saving.to_string(),
        "saving_percent": o.saving_percent.to_string(),
        "break_even_uptime_percent": o.break_even_percent.map(|p| p.to_string()),
        "uptime_percent": o.uptime_percent.map(|p| p.to_string()),
        "variable": o.variable(),
        "interruptible": o.variable(),
        "status": o.status.code(),
        "as_of": o.as_of,
        "source": o.source,
        "commits_to": o.commitment(Lang::En),
    })
}

/// `budget --options --format json`.
pub fn options_json(b: &Budget, all: &[Vec<PricedOption>]) -> String {
    let lines: Vec<Value> = b
        .lines
        .iter()
        .zip(all)
        .map(|(l, opts)| {
            json!({
                "service": l.service,
                "label": l.label,
                "options": opts.iter().map(option_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let v = json!({ "name": b.name, "lines": lines });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// `budget --options --format csv`: one row per (line, option).
pub fn options_csv(b: &Budget, all: &[Vec<PricedOption>]) -> String {
    let mut out = String::from(
        "service,label,option,term,payment,effective_rate,upfront,upfront_monthly,monthly,on_demand_monthly,saving,saving_percent,break_even_uptime_percent,status,as_of,source\n",
    );
    for (l, opts) in b.lines.iter().zip(all) {
        for o in opts {
            let cells = [
                csv_field(&l.service),
                csv_field(&l.label),
                csv_field(&o.option),
                o.term.map_or("", |t| t.code()).to_string(),
                o.payment.map_or("", |p| p.code()).to_string(),
                o.rate.normalize().to_string(),
                o.upfront.to_string(),
                o.upfront_monthly.to_string(),
                o.monthly.to_string(),
                o.on_demand_monthly.to_string(),
                o.saving.to_string(),
                o.saving_percent.to_string(),
                o.break_even_percent
                    .map_or(String::new(), |p| p.to_string()),
                o.status.code().to_string(),
                csv_field(&o.as_of),
                csv_field(&o.source),
            ];
            out.push_str(&cells.join(","));
            out.push('\n');
        }
    }
    out
}

fn opt_money(d: Option<Decimal>, lang: Lang) -> String {
    d.map_or_else(|| "—".to_string(), |d| money(d, lang))
}

/// `budget --compare A B --format table`.
pub fn compare_table(c: &Comparison, lang: Lang) -> String {
    let mut rows = vec![vec![
        tr(lang, "Line", "Linha").to_string(),
        "A".to_string(),
        "B".to_string(),
        tr(lang, "Difference", "Diferença").to_string(),
    ]];
    for l in &c.lines {
        rows.push(vec![
            sanitize(&l.label),
            opt_money(l.a, lang),
            opt_money(l.b, lang),
            signed_money(l.difference, lang),
        ]);
    }
    rows.push(vec![
        tr(lang, "Total per month", "Total por mês").to_string(),
        money(c.a_total, lang),
        money(c.b_total, lang),
        signed_money(c.difference, lang),
    ]);
    let mut out = format!("A: {}\nB: {}\n\n", sanitize(&c.a_name), sanitize(&c.b_name));
    out.push_str(&align(&rows, &[false, true, true, true]));
    out.push('\n');
    out.push_str(&change_sentence(c, lang));
    out
}

/// The sentence under a comparison: B − A per month, the change in percent, how
/// lines are matched (the CLI and the Budget tab say the same).
pub fn change_sentence(c: &Comparison, lang: Lang) -> String {
    let pct = c.change_percent.map_or_else(
        || "—".to_string(),
        // Signed like the amount before it: +4.01%, −8.6%.
        |p| {
            if p > Decimal::ZERO {
                format!("+{}", percent(p, lang))
            } else {
                percent(p, lang)
            }
        },
    );
    match lang {
        Lang::En => format!(
            "B − A = {} per month ({pct}); lines are matched by service and label, excluded lines left out; — means the budget has no such line.\n",
            signed_money(c.difference, lang)
        ),
        Lang::PtBr => format!(
            "B − A = {} por mês ({pct}); linhas pareadas por serviço e rótulo, linhas fora do total não entram; — quer dizer que o orçamento não tem a linha.\n",
            signed_money(c.difference, lang)
        ),
    }
}

/// `budget --compare A B --format md`.
pub fn compare_markdown(c: &Comparison, lang: Lang) -> String {
    let mut out = format!(
        "### A: {} · B: {}\n\n| {} | A | B | {} |\n|---|--:|--:|--:|\n",
        md_cell(&c.a_name),
        md_cell(&c.b_name),
        tr(lang, "Line", "Linha"),
        tr(lang, "Difference", "Diferença")
    );
    for l in &c.lines {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            md_cell(&l.label),
            opt_money(l.a, lang),
            opt_money(l.b, lang),
            signed_money(l.difference, lang)
        ));
    }
    out.push_str(&format!(
        "| **{}** | **{}** | **{}** | **{}** |\n\n",
        tr(lang, "Total per month", "Total por mês"),
        money(c.a_total, lang),
        money(c.b_total, lang),
        signed_money(c.difference, lang)
    ));
    out.push_str(&change_sentence(c, lang));
    out
}

/// `budget --compare A B --format json`.
pub fn compare_json(c: &Comparison) -> String {
    let d = |x: Option<Decimal>| x.map(|v| v.to_string());
    let v = json!({
        "a": { "name": c.a_name, "total": c.a_total.to_string() },
        "b": { "name": c.b_name, "total": c.b_total.to_string() },
        "difference": c.difference.to_string(),
        "change_percent": d(c.change_percent),
        "lines": c.lines.iter().map(|l| json!({
            "service": l.service,
            "label": l.label,
            "a": d(l.a),
            "b": d(l.b),
            "difference": l.difference.to_string(),
        })).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// `budget --compare A B --format csv`: one row per line, then the totals.
pub fn compare_csv(c: &Comparison) -> String {
    let d = |x: Option<Decimal>| x.map_or(String::new(), |v| v.to_string());
    let mut out = String::from("service,label,a,b,difference\n");
    for l in &c.lines {
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            csv_field(&l.service),
            csv_field(&l.label),
            d(l.a),
            d(l.b),
            l.difference
        ));
    }
    out.push_str(&format!(
        ",total,{},{},{}\n,change_percent,,,{}\n",
        c.a_total,
        c.b_total,
        c.difference,
        d(c.change_percent)
    ));
    out
}

/// An option set's rows for the catalog listing: `compute-sp 1y no-upfront 0.029952`.
fn entry_options(e: &Entry, cat: &Catalog, book: &OptionBook) -> Vec<PricedOption> {
    // Priced for the entry's own default line (1 instance, 720 h…), before its free
    // tier: a default quantity that the free tier covers would show every saving as 0%.
    let mut line = super::workbench::line_from_entry(e);
    line.free_quantity = Decimal::ZERO;
    for_line_in(&line, cat, book).unwrap_or_default()
}

fn option_code(o: &PricedOption) -> String {
    let mut s = o.option.clone();
    if let Some(t) = o.term {
        s.push(' ');
        s.push_str(t.code());
    }
    if let Some(p) = o.payment {
        s.push(' ');
        s.push_str(p.code());
    }
    s
}

/// `budget --catalog --format csv`: one row per catalog item, its options in one cell.
pub fn catalog_csv(cat: &Catalog, book: &OptionBook) -> String {
    let mut out = String::from(
        "id,service,name,unit,course_price,documented_price,status,as_of,sources,free_quantity,min_storage_days,retrieval_per_gb,options\n",
    );
    for e in &cat.entries {
        let opts: Vec<String> = entry_options(e, cat, book)
            .iter()
            .filter(|o| o.option != "on-demand")
            .map(|o| {
                format!(
                    "{} {} {}",
                    option_code(o),
                    o.rate.normalize(),
                    o.status.code()
                )
            })
            .collect();
        let cells = [
            csv_field(&e.id),
            csv_field(&e.service),
            csv_field(e.name(Lang::En)),
            csv_field(&e.unit),
            e.course()
                .map_or(String::new(), |d| d.normalize().to_string()),
            e.documented()
                .map_or(String::new(), |d| d.normalize().to_string()),
            e.status().code().to_string(),
            csv_field(&e.as_of),
            csv_field(&e.sources().join(" ")),
            e.free_quantity().normalize().to_string(),
            e.storage_class
                .as_ref()
                .map_or(String::new(), |s| s.min_days().normalize().to_string()),
            e.storage_class.as_ref().map_or(String::new(), |s| {
                s.retrieval_per_gb().normalize().to_string()
            }),
            csv_field(&opts.join("; ")),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// `budget --catalog --format json`.
pub fn catalog_json(cat: &Catalog, book: &OptionBook) -> String {
    let entries: Vec<Value> = cat
        .entries
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "service": e.service,
                "name": { "en": e.name(Lang::En), "pt-BR": e.name(Lang::PtBr) },
                "unit": e.unit,
                "course_price": e.course().map(|d| d.normalize().to_string()),
                "documented_price": e.documented().map(|d| d.normalize().to_string()),
                "status": e.status().code(),
                "as_of": e.as_of,
                "sources": e.sources(),
                "free_quantity": e.free_quantity().normalize().to_string(),
                "storage_class": e.storage_class.as_ref().map(|s| json!({
                    "min_days": s.min_days().normalize().to_string(),
                    "retrieval_per_gb": s.retrieval_per_gb().normalize().to_string(),
                    "put_per_1k": s.put_per_1k().normalize().to_string(),
                    "get_per_1k": s.get_per_1k().normalize().to_string(),
                })),
                "caveats": { "en": e.caveats(Lang::En), "pt-BR": e.caveats(Lang::PtBr) },
                "options": entry_options(e, cat, book).iter()
                    .filter(|o| o.option != "on-demand")
                    .map(|o| json!({
                        "option": o.option,
                        "term": o.term.map(|t| t.code()),
                        "payment": o.payment.map(|p| p.code()),
                        "effective_rate": o.rate.normalize().to_string(),
                        "upfront_per_unit": o.upfront.to_string(),
                        "status": o.status.code(),
                        "as_of": o.as_of,
                        "source": o.source,
                    })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let v = json!({ "region": cat.region, "as_of_is": "lookup date", "entries": entries });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// `budget --catalog --format table`.
pub fn catalog_table(cat: &Catalog, book: &OptionBook, lang: Lang) -> String {
    let mut rows = vec![vec![
        "id".to_string(),
        tr(lang, "Name", "Nome").to_string(),
        tr(lang, "Course", "Curso").to_string(),
        format!("AWS {}", cat.region),
        tr(lang, "Source", "Fonte").to_string(),
        tr(lang, "Options", "Opções").to_string(),
    ]];
    let mut statuses = Vec::new();
    for e in &cat.entries {
        let u = unit_abbrev(&e.unit, lang);
        let per = |p: Decimal| format!("{}/{u}", price(p, lang));
        statuses.push(e.status());
        let opts = entry_options(e, cat, book);
        let n = opts.iter().filter(|o| o.option != "on-demand").count();
        // "Up to N% off" from the rates, not from the default line's cost: a line
        // inside the free tier (Lambda's 400,000 GB-seconds) costs $0 either way.
        let base = opts.first().map(|o| o.rate).filter(|r| !r.is_zero());
        let best = opts
            .iter()
            .filter(|o| o.option != "on-demand")
            .filter_map(|o| {
                let b = base?;
                let off = (Decimal::ONE - o.rate / b) * Decimal::from(100);
                Some(off.round_dp_with_strategy(
                    1,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                ))
            })
            .max();
        rows.push(vec![
            e.id.clone(),
            e.name(lang).to_string(),
            e.course().map_or_else(|| "—".to_string(), per),
            e.documented().map_or_else(|| "—".to_string(), per),
            e.status().word(lang).to_string(),
            match best {
                Some(b) => match lang {
                    Lang::En => {
                        format!("{n} (up to {} off)", saving_percent(b, lang))
                    }
                    Lang::PtBr => {
                        format!("{n} (até {} a menos)", saving_percent(b, lang))
                    }
                },
                None => "—".to_string(),
            },
        ]);
    }
    let mut out = align(&rows, &[false, false, true, true, false, false]);
    out.push('\n');
    out.push_str(&match lang {
        Lang::En => format!(
            "Prices for {}; each was looked up on its as_of date (when we looked, not when AWS set it). `budget --catalog --format json` has every option, source and caveat.\n",
            cat.region
        ),
        Lang::PtBr => format!(
            "Preços de {}; cada um foi consultado na data registrada no catálogo (quando consultamos, não quando a AWS o fixou). `budget --catalog --format json` tem todas as opções, fontes e ressalvas.\n",
            cat.region
        ),
    });
    statuses.push(PriceStatus::Estimate);
    out.push_str(&status_legend(&statuses, lang));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect("decimal")
    }

    #[test]
    fn the_header_shows_as_opened_and_now_in_each_language() {
        assert_eq!(
            as_opened_vs_now(d("97.49"), d("71.20"), Lang::En),
            "$97.49 → $71.20, −27%"
        );
        assert_eq!(
            as_opened_vs_now(d("97.49"), d("71.20"), Lang::PtBr),
            "US$ 97,49 → US$ 71,20, −27%"
        );
        assert_eq!(
            as_opened_vs_now(d("97.49"), d("97.49"), Lang::En),
            "$97.49 → $97.49"
        );
        assert_eq!(signed_money(d("-8.38"), Lang::PtBr), "−US$ 8,38");
        assert_eq!(percent(d("45.7"), Lang::PtBr), "45,7%");
        // An increase is signed like a decrease, and a small change is not "0%".
        assert_eq!(
            as_opened_vs_now(d("97.49"), d("127.44"), Lang::En),
            "$97.49 → $127.44, +31%"
        );
        assert_eq!(change_percent_text(d("0.43"), Lang::PtBr), "+0,43%");
        assert_eq!(change_percent_text(d("-8.6"), Lang::En), "−9%");
        assert_eq!(change_percent_text(d("2.5"), Lang::En), "+3%");
    }
}
