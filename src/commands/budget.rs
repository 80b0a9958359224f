//! `aws-study budget`: prices a scenario, a saved budget or a budget file in one of
//! four formats, with an optional BRL column.
use std::path::Path;

use rust_decimal::Decimal;

use crate::budget::catalog::Catalog;
use crate::budget::options::OptionBook;
use crate::budget::{self, Budget, compare, file, format, report, saved};
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

/// What `aws-study budget` was asked to do.
pub struct Request<'a> {
    pub scenario: Option<&'a str>,
    pub path: Option<&'a Path>,
    pub format: BudgetFormat,
    pub rate: Option<Decimal>,
    pub list: bool,
    pub options: bool,
    pub catalog: bool,
    pub compare: Option<&'a [String]>,
}

/// A side of `--compare`: a file when one exists at that path, else a scenario id
/// or a saved budget's name. Something at that path that is no budget name (a
/// device, a FIFO, a folder) or a path that names no file is refused the way
/// `--file` refuses it ("is a device, not a regular file", "no such file"), exit 1,
/// rather than as an unknown budget name.
fn resolve_side(ctx: &Context, what: &str) -> Result<Budget, Failure> {
    let p = Path::new(what);
    if p.is_file() {
        return file::load(p).map_err(|e| Failure::Runtime(e.message(ctx.lang)));
    }
    match resolve(ctx, what) {
        Ok(b) => Ok(b),
        Err(unknown) => {
            let looks_like_path = what.contains(std::path::MAIN_SEPARATOR)
                || what.contains('/')
                || what.to_ascii_lowercase().ends_with(".json");
            if p.symlink_metadata().is_ok() || looks_like_path {
                Err(file::load(p)
                    .map(|_| ())
                    .err()
                    .map(|e| Failure::Runtime(e.message(ctx.lang)))
                    .unwrap_or(unknown))
            } else {
                Err(unknown)
            }
        }
    }
}

fn calc_failure(ctx: &Context, n: usize, e: &budget::CalcError) -> Failure {
    if n == 0 {
        Failure::Runtime(e.message(ctx.lang))
    } else {
        Failure::Runtime(format!(
            "{} {n}: {}",
            tr(ctx.lang, "line", "linha"),
            e.message(ctx.lang)
        ))
    }
}

fn catalogs() -> Result<(&'static Catalog, &'static OptionBook), Failure> {
    let cat = Catalog::shared()
        .ok_or_else(|| Failure::Runtime("assets/pricing.json cannot be read".into()))?;
    Ok((cat, OptionBook::shared()))
}

pub fn run(ctx: &Context, req: Request<'_>) -> Result<(), Failure> {
    let fmt = req.format;
    if req.list {
        return list(ctx);
    }
    if req.catalog {
        let (cat, book) = catalogs()?;
        return match fmt {
            BudgetFormat::Table => super::write_out(&report::catalog_table(cat, book, ctx.lang)),
            BudgetFormat::Csv => super::write_out(&report::catalog_csv(cat, book)),
            BudgetFormat::Json => super::output::write_json(&report::catalog_json(cat, book)),
            BudgetFormat::Md => Err(Failure::Usage(format!(
                "{}: table, csv, json",
                tr(
                    ctx.lang,
                    "--catalog prints as table, csv or json; valid choices",
                    "--catalog sai como table, csv ou json; opções válidas"
                )
            ))),
        };
    }
    if let Some([a, b]) = req.compare {
        let (mut left, mut right) = (resolve_side(ctx, a)?, resolve_side(ctx, b)?);
        if !matches!(fmt, BudgetFormat::Json | BudgetFormat::Csv) {
            for (side, id) in [(&mut left, a), (&mut right, b)] {
                if budget::scenario_ids().iter().any(|s| s == id) {
                    side.name = budget::scenario_title(id, ctx.lang);
                }
            }
        }
        let c = compare::compare(&left, &right).map_err(|(side, n, e)| {
            let f = calc_failure(ctx, n, &e);
            match f {
                Failure::Runtime(m) => Failure::Runtime(format!("{side}: {m}")),
                other => other,
            }
        })?;
        return match fmt {
            BudgetFormat::Table => super::write_out(&report::compare_table(&c, ctx.lang)),
            BudgetFormat::Md => super::write_out(&report::compare_markdown(&c, ctx.lang)),
            BudgetFormat::Csv => super::write_out(&report::compare_csv(&c)),
            BudgetFormat::Json => super::output::write_json(&report::compare_json(&c)),
        };
    }
    let (scenario, path, rate) = (req.scenario, req.path, req.rate);
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
    let c = b.compute().map_err(|(n, e)| calc_failure(ctx, n, &e))?;
    if req.options {
        let (cat, book) = catalogs()?;
        let all =
            report::budget_options(&b, cat, book).map_err(|(n, e)| calc_failure(ctx, n, &e))?;
        return match fmt {
            BudgetFormat::Table => {
                super::write_out(&report::options_table(&b, cat, book, &all, ctx.lang))
            }
            BudgetFormat::Md => {
                super::write_out(&report::options_markdown(&b, cat, book, &all, ctx.lang))
            }
            BudgetFormat::Csv => super::write_out(&report::options_csv(&b, &all)),
            BudgetFormat::Json => super::output::write_json(&report::options_json(&b, &all)),
        };
    }
    // A BRL figure that overflows is a message, never a blank cell.
    if let Some(r) = rate
        && c.in_brl(&b, r).is_none()
    {
        return Err(Failure::Runtime(
            budget::CalcError::Overflow("the BRL column".into()).message(ctx.lang),
        ));
    }
    match fmt {
        BudgetFormat::Table => super::write_out(&format::table(&b, &c, rate, ctx.lang)),
        BudgetFormat::Md => super::write_out(&format::markdown(&b, &c, rate, ctx.lang)),
        BudgetFormat::Csv => super::write_out(&format::csv(&b, &c, rate)),
        BudgetFormat::Json => super::output::write_json(&file::to_json(&b, Some(&c), rate)),
    }
}

fn list(ctx: &Context) -> Result<(), Failure> {
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
    super::write_out(&out)
}
