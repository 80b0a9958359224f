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

/// The two Step Functions Express budget lines for `per_day` executions of `machine`
/// a day for 30 days, each using `usage`: the requests (per million) and the duration
/// (GB-hours at the first tier's price; the catalog's caveats give the cheaper tiers
/// past 1,000 GB-hours a month). GB-hours per execution are rounded up at 12
/// decimals (they rarely end).
pub fn express_lines(
    machine: &str,
    per_day: Decimal,
    usage: &ExpressUsage,
    lang: Lang,
) -> [LineItem; 2] {
    let prices = express_prices();
    let factor = |label: &str, value: Decimal| Factor {
        label: label.into(),
        value,
        extra: Default::default(),
    };
    let label = |what: &str| {
        format!(
            "Step Functions Express {what}: {machine} ({} {})",
            per_day.normalize(),
            tr(lang, "executions/day", "execuções/dia")
        )
    };
    let gb_hours = (usage.gb_seconds() / Decimal::from(3600))
        .round_dp_with_strategy(12, rust_decimal::RoundingStrategy::AwayFromZero)
        .normalize();
    [
        LineItem {
            service: "sfn-express-requests".into(),
            label: label(tr(lang, "requests", "requisições")),
            unit: "1M requests".into(),
            unit_price: prices.per_million_requests,
            factors: vec![
                factor("executions/day", per_day),
                factor("days", Decimal::from(30)),
                factor("millions of requests per execution", Decimal::new(1, 6)),
            ],
            free_quantity: Decimal::ZERO,
            included: true,
            extra: Default::default(),
        },
        LineItem {
            service: "sfn-express-duration".into(),
            label: label(tr(lang, "duration", "duração")),
            unit: "GB-hour".into(),
            unit_price: prices.per_gb_hour[0],
            factors: vec![
                factor("executions/day", per_day),
                factor("days", Decimal::from(30)),
                factor("GB-hours per execution", gb_hours),
            ],
            free_quantity: Decimal::ZERO,
            included: true,
            extra: Default::default(),
        },
    ]
}

/// What one Express execution is billed for: AWS's "Step Functions pricing" page
/// (Express Workflows): a request, and the duration (rounded up to 100 ms) times the
/// memory used (50 MB + the definition's size + the execution data × the number of
/// Map or Parallel steps, billed in 64 MB chunks).
#[derive(Debug, Clone, PartialEq)]
pub struct ExpressUsage {
    pub billed_ms: u64,
    pub billed_mb: u64,
}

/// Memory AWS counts for any Express execution, before the definition and data (MB).
const EXPRESS_BASE_MB: u64 = 50;
/// Memory is billed in chunks of this many MB.
const EXPRESS_MEMORY_CHUNK_MB: u64 = 64;
/// Duration is billed in steps of this many milliseconds.
const EXPRESS_DURATION_STEP_MS: u64 = 100;
/// GB-hours a month priced at each duration tier before the next starts (the last is
/// open-ended).
const EXPRESS_TIER_GB_HOURS: [u64; 2] = [1_000, 4_000];

impl ExpressUsage {
    /// `seconds` the execution took; `definition_bytes` its definition's size;
    /// `data_bytes` the largest state input or output; `map_parallel_steps` the Map and
    /// Parallel steps it ran. Bytes are counted in decimal MB as AWS's worked example
    /// does (50 KB = 0.05 MB).
    pub fn of(
        seconds: f64,
        definition_bytes: u64,
        data_bytes: u64,
        map_parallel_steps: u64,
    ) -> ExpressUsage {
        let ms = if seconds.is_finite() && seconds > 0.0 {
            (seconds * 1000.0).ceil().min(u64::MAX as f64 / 2.0) as u64
        } else {
            0
        };
        let billed_ms = ms
            .div_ceil(EXPRESS_DURATION_STEP_MS)
            .max(1)
            .saturating_mul(EXPRESS_DURATION_STEP_MS);
        let bytes = definition_bytes
            .saturating_add(data_bytes.saturating_mul(map_parallel_steps))
            .saturating_add(EXPRESS_BASE_MB * 1_000_000);
        let billed_mb = bytes
            .div_ceil(EXPRESS_MEMORY_CHUNK_MB * 1_000_000)
            .max(1)
            .saturating_mul(EXPRESS_MEMORY_CHUNK_MB);
        ExpressUsage {
            billed_ms,
            billed_mb,
        }
    }

    /// [`ExpressUsage::of`] a simulated run.
    pub fn measured(m: &crate::sfn::sim::ExpressMeasure, definition_bytes: u64) -> ExpressUsage {
        ExpressUsage::of(m.seconds, definition_bytes, m.data_bytes, m.fan_out_steps)
    }

    /// billed seconds × billed GB (MB / 1024), exact.
    pub fn gb_seconds(&self) -> Decimal {
        Decimal::from(self.billed_ms) / Decimal::from(1000) * Decimal::from(self.billed_mb)
            / Decimal::from(1024)
    }
}

/// The catalog's Express prices: per 1M requests, and per GB-hour for each duration
/// tier (first 1,000 GB-hours a month, the next 4,000, beyond).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExpressPrices {
    pub per_million_requests: Decimal,
    pub per_gb_hour: [Decimal; 3],
}

pub fn express_prices() -> ExpressPrices {
    static PRICES: std::sync::OnceLock<ExpressPrices> = std::sync::OnceLock::new();
    *PRICES.get_or_init(|| {
        let cat = super::catalog::Catalog::bundled().ok();
        let price = |id: &str, fallback: Decimal| {
            cat.as_ref()
                .and_then(|c| c.entry(id).map(|e| e.default_price()))
                .unwrap_or(fallback)
        };
        ExpressPrices {
            per_million_requests: price("sfn-express-requests", Decimal::ONE),
            per_gb_hour: [
                price("sfn-express-duration", Decimal::new(6, 2)),
                price("sfn-express-duration-next", Decimal::new(3, 2)),
                price("sfn-express-duration-over", Decimal::new(1642, 5)),
            ],
        }
    })
}

/// The Express bill of `executions` executions in a month, each using `usage`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpressCost {
    pub requests_usd: Decimal,
    pub gb_seconds: Decimal,
    pub duration_usd: Decimal,
}

impl ExpressCost {
    pub fn total(&self) -> Decimal {
        self.requests_usd + self.duration_usd
    }
}

/// Requests × the request price, and the month's GB-hours through the duration
/// tiers (unrounded: the caller rounds for display).
pub fn express_cost(usage: &ExpressUsage, executions: u64, prices: &ExpressPrices) -> ExpressCost {
    let n = Decimal::from(executions);
    let requests_usd = n * prices.per_million_requests / Decimal::from(1_000_000);
    let gb_seconds = usage.gb_seconds() * n;
    let mut left = gb_seconds / Decimal::from(3600);
    let mut duration_usd = Decimal::ZERO;
    for (i, price) in prices.per_gb_hour.iter().enumerate() {
        let in_tier = match EXPRESS_TIER_GB_HOURS.get(i) {
            Some(size) => left.min(Decimal::from(*size)),
            None => left,
        };
        duration_usd += in_tier * price;
        left -= in_tier;
    }
    ExpressCost {
        requests_usd,
        gb_seconds,
        duration_usd,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn express_usage_rounds_duration_to_100_ms_and_memory_to_64_mb() {
        // A run with no waits still bills 100 ms; 50 MB + a small definition: 64 MB.
        let u = ExpressUsage::of(0.0, 2_000, 500, 0);
        assert_eq!((u.billed_ms, u.billed_mb), (100, 64));
        assert_eq!(u.gb_seconds(), Decimal::new(625, 5));
        // AWS's worked example: 50 KB definition, 400 Map steps of 32 KB: 62.85 MB → 64.
        let u = ExpressUsage::of(1.234, 50_000, 32_000, 400);
        assert_eq!((u.billed_ms, u.billed_mb), (1_300, 64));
        // Past 64 MB: the next chunk.
        let u = ExpressUsage::of(10.0, 50_000, 32_000, 500);
        assert_eq!(u.billed_mb, 128);
    }

    #[test]
    fn express_duration_goes_through_the_tiers_as_in_aws_example() {
        // AWS's pricing example 2: 100 million executions of 10 s at 64 MB:
        // 62,500,000 GB-s = 17,361.11 GB-hours → $60 + $120 + $202.97; requests $100.
        let p = ExpressPrices {
            per_million_requests: Decimal::ONE,
            per_gb_hour: [
                Decimal::new(6, 2),
                Decimal::new(3, 2),
                Decimal::new(1642, 5),
            ],
        };
        let u = ExpressUsage::of(10.0, 1_000, 100, 0);
        let c = express_cost(&u, 100_000_000, &p);
        assert_eq!(c.gb_seconds, Decimal::from(62_500_000));
        assert_eq!(c.requests_usd, Decimal::from(100));
        assert_eq!(c.duration_usd.round_dp(2), Decimal::new(38297, 2));
        assert_eq!(c.total().round_dp(2), Decimal::new(48297, 2));
    }

    #[test]
    fn the_catalog_has_the_express_prices() {
        let p = express_prices();
        assert_eq!(p.per_million_requests, Decimal::ONE);
        assert_eq!(
            p.per_gb_hour,
            [
                Decimal::new(6, 2),
                Decimal::new(3, 2),
                Decimal::new(1642, 5)
            ]
        );
    }
}
