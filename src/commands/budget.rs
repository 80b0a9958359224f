//! `aws-study budget`: prices a scenario, a saved budget or a budget file in one of
//! four formats, with an optional BRL column.
use std::path::Path;

use rust_decimal::Decimal;

use crate::budget::{self, Budget, file, format, saved};
use crate::cli::BudgetFormat;
use crate::lang::tr;
use crate::{Context, Failure};

/// Finds a budget by what the user typed: a bundled scenario's id, a saved budget's
/// file name, or the name a budget was saved under (its display name, matched
/// exactly first, then ignoring case and accents).
pub fn resolve(ctx: &Context, id: &str) -> Result<Budget, Failure> {
    if let Some(b) = budget::scenario(id) {
        return b.map_err(|e| Failure::Runtime(e.message(ctx.lang)));
    }
    if let Some(dir) = &ctx.data_dir {
        let files = saved::list(dir);
        if files.iter().any(|n| n == id) {
            return saved::load(dir, id).map_err(|e| Failure::Runtime(e.message(ctx.lang)));
        }
        let named: Vec<Budget> = files
            .iter()
            .filter_map(|n| saved::load(dir, n).ok())
            .collect();
        let fold = |s: &str| crate::markdown::text::fold(s.trim());
        let found = named
            .iter()
            .find(|b| b.name.trim() == id.trim())
            .or_else(|| named.iter().find(|b| fold(&b.name) == fold(id)));
        if let Some(b) = found {
            return Ok(b.clone());
        }
    }
    let mut choices = budget::scenario_ids();
    if let Some(dir) = &ctx.data_dir {
        choices.extend(saved::list(dir));
    }
    Err(Failure::Usage(format!(
        "{} '{id}'; {}: {}",
        tr(ctx.lang, "unknown budget", "orçamento desconhecido"),
        tr(ctx.lang, "valid choices", "opções válidas"),
        // A line break or tab in a file name is shown, not kept.
        crate::markdown::text::sanitize(&choices.join(", "))
    )))
}

pub fn run(
    ctx: &Context,
    scenario: Option<&str>,
    path: Option<&Path>,
    fmt: BudgetFormat,
    rate: Option<Decimal>,
    list: bool,
) -> Result<(), Failure> {
    if list {
        let mut out = String::new();
        for id in budget::scenario_ids() {
            let name = budget::scenario_title(&id, ctx.lang);
            out.push_str(&format!("{id}\t{name}\n"));
        }
        if let Some(dir) = &ctx.data_dir {
            for n in saved::list(dir) {
                let name = match saved::load(dir, &n) {
                    Ok(b) => format!("{} ({})", b.name, tr(ctx.lang, "saved", "salvo")),
                    Err(e) => format!(
                        "({}: {})",
                        tr(ctx.lang, "saved, unreadable", "salvo, ilegível"),
                        e.reason.message(ctx.lang)
                    ),
                };
                // One entry per line: a line break or tab in a name is shown, not kept.
                let one = |s: &str| crate::markdown::text::sanitize(s);
                out.push_str(&format!("{}\t{}\n", one(&n), one(&name)));
            }
        }
        return super::write_out(&out);
    }
    let mut b = match path {
        Some(p) => file::load(p).map_err(|e| Failure::Runtime(e.message(ctx.lang)))?,
        None => resolve(ctx, scenario.unwrap_or("scenario-1"))?,
    };
    // A bundled scenario's title in the reader's language (as the Budget tab shows
    // it) for the human formats; JSON keeps the file's name.
    if path.is_none() && !matches!(fmt, BudgetFormat::Json | BudgetFormat::Csv) {
        let id = scenario.unwrap_or("scenario-1");
        if budget::scenario_ids().iter().any(|s| s == id) {
            b.name = budget::scenario_title(id, ctx.lang);
        }
    }
    let c = b.compute().map_err(|(n, e)| {
        Failure::Runtime(format!("{} {n}: {e}", tr(ctx.lang, "line", "linha")))
    })?;
    match fmt {
        BudgetFormat::Table => super::write_out(&format::table(&b, &c, rate, ctx.lang)),
        BudgetFormat::Md => super::write_out(&format::markdown(&b, &c, rate, ctx.lang)),
        BudgetFormat::Csv => super::write_out(&format::csv(&b, &c, rate)),
        BudgetFormat::Json => super::output::write_json(&file::to_json(&b, Some(&c), rate)),
    }
}
