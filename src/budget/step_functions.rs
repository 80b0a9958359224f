//! Step Functions pricing as the Lab uses it: the Standard price per state transition
//! from the bundled catalog, the cost of a run, and the budget line for "N executions
//! per day" of a machine.
use rust_decimal::Decimal;

use super::{Factor, LineItem};
use crate::lang::{Lang, tr};

/// The catalog's Step Functions Standard price per state transition (read once: the
/// Lab shows costs on every frame).
pub fn standard_price() -> Decimal {
    static PRICE: std::sync::OnceLock<Decimal> = std::sync::OnceLock::new();
    *PRICE.get_or_init(|| {
        super::catalog::Catalog::bundled()
            .ok()
            .and_then(|c| c.entry("sfn-standard").map(|e| e.default_price()))
            .unwrap_or_else(|| Decimal::new(25, 6))
    })
}

/// transitions × price, rounded to 6 decimals.
pub fn cost_usd(transitions: u64, price: Decimal) -> Decimal {
    let mut d = (Decimal::from(transitions) * price).round_dp(6);
    d.rescale(6);
    d
}

/// State transitions a Standard workflow gets free each month.
pub const FREE_TRANSITIONS_PER_MONTH: u32 = 4000;

/// A Step Functions Standard budget line: `per_day` executions of `machine`, each
/// taking `transitions` state transitions, for 30 days.
pub fn standard_line(machine: &str, per_day: Decimal, transitions: u64, lang: Lang) -> LineItem {
    LineItem {
        service: "sfn-standard".into(),
        label: format!(
            "{} {} ({} {})",
            tr(lang, "Step Functions:", "Step Functions:"),
            machine,
            crate::numfmt::decimal(per_day.normalize(), lang),
            tr(lang, "executions/day", "execuções/dia")
        ),
        unit: "state transition".into(),
        unit_price: standard_price(),
        factors: vec![
            Factor {
                label: "executions/day".into(),
                value: per_day,
                extra: Default::default(),
            },
            Factor {
                label: "transitions per execution".into(),
                value: Decimal::from(transitions),
                extra: Default::default(),
            },
            Factor {
                label: "days".into(),
                value: Decimal::from(30),
                extra: Default::default(),
            },
        ],
        free_quantity: Decimal::from(FREE_TRANSITIONS_PER_MONTH),
        included: true,
        extra: Default::default(),
    }
}
