//! `aws-study budget`: prices a scenario, a saved budget or a budget file in one of
//! four formats, with an optional BRL column.
use std::path::Path;

use rust_decimal::Decimal;

use crate::budget::{self, Budget, file, format, saved};
use crate::cli::BudgetFormat;
use crate::{Context, Failure};

/// Finds a budget by id: a bundled scenario first, then a saved budget.
pub fn resolve(ctx: &Context, id: &str) -> Result<Budget, Failure> {
    if let Some(b) = budget::scenario(id) {
        return b.map_err(|e| Failure::Runtime(e.to_string()));
    }
    if let Some(dir) = &ctx.data_dir
        && saved::list(dir).iter().any(|n| n == id)
    {
        return saved::load(dir, id).map_err(|e| Failure::Runtime(e.to_string()));
    }
    let mut choices = budget::scenario_ids();
    if let Some(dir) = &ctx.data_dir {
        choices.extend(saved::list(dir));
    }
    Err(Failure::Usage(format!(
        "unknown budget '{id}'; valid choices: {}",
        choices.join(", ")
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
            let name = budget::scenario(&id)
                .and_then(Result::ok)
                .map(|b| b.name)
                .unwrap_or_default();
            out.push_str(&format!("{id}\t{name}\n"));
        }
        if let Some(dir) = &ctx.data_dir {
            for n in saved::list(dir) {
                let name = match saved::load(dir, &n) {
                    Ok(b) => format!("{} (saved)", b.name),
                    Err(e) => format!("(saved, unreadable: {})", e.reason),
                };
                out.push_str(&format!("{n}\t{name}\n"));
            }
        }
        return super::write_out(&out);
    }
    let b = match path {
        Some(p) => file::load(p).map_err(|e| Failure::Runtime(e.to_string()))?,
        None => resolve(ctx, scenario.unwrap_or("scenario-1"))?,
    };
    let c = b
        .compute()
        .map_err(|(n, e)| Failure::Runtime(format!("line {n}: {e}")))?;
    let text = match fmt {
        BudgetFormat::Table => format::table(&b, &c, rate, ctx.lang),
        BudgetFormat::Md => format::markdown(&b, &c, rate, ctx.lang),
        BudgetFormat::Csv => format::csv(&b, &c, rate),
        BudgetFormat::Json => file::to_json(&b, Some(&c), rate),
    };
    super::write_out(&text)
}
