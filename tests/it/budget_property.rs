//! Random budgets priced by the product against a straightforward reference written
//! with integers: quantity = product of factors, line = max(0, q − free) × price
//! rounded half away from zero to cents, total = sum of included rounded lines.
use crate::common;
use std::str::FromStr;

use common::Rng;

use aws_study::budget::{Budget, Factor, LineItem};
use rust_decimal::Decimal;

/// A random decimal with up to `max_scale` decimals: (digits, scale).
fn random_value(r: &mut Rng, max_int: u64, max_scale: u32) -> (i128, u32) {
    let scale = r.below(max_scale as usize + 1) as u32;
    let int = r.below(max_int as usize + 1) as i128;
    let frac = if scale == 0 {
        0
    } else {
        r.below(10usize.pow(scale)) as i128
    };
    (int * 10i128.pow(scale) + frac, scale)
}

fn to_decimal((digits, scale): (i128, u32)) -> Decimal {
    Decimal::from_i128_with_scale(digits, scale)
}

/// Rounds `n / 10^scale` to cents, half away from zero, in integers (n ≥ 0).
fn ref_cents(n: i128, scale: u32) -> i128 {
    if scale <= 2 {
        return n * 10i128.pow(2 - scale);
    }
    let div = 10i128.pow(scale - 2);
    let (q, rem) = (n / div, n % div);
    if rem * 2 >= div { q + 1 } else { q }
}

#[test]
fn random_budgets_match_the_reference() {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..3000 {
        let n_lines = 1 + r.below(8);
        let mut lines = Vec::new();
        let mut ref_total: i128 = 0;
        let mut ref_lines = Vec::new();
        for _ in 0..n_lines {
            let n_factors = r.below(4);
            let mut q: (i128, u32) = (1, 0);
            let mut factors = Vec::new();
            for _ in 0..n_factors {
                let v = random_value(&mut r, 1000, 3);
                q = (q.0 * v.0, q.1 + v.1);
                factors.push(Factor {
                    label: "f".into(),
                    value: to_decimal(v),
                    extra: Default::default(),
                });
            }
            let price = random_value(&mut r, 50, 5);
            let free = random_value(&mut r, 500, 2);
            let included = r.below(4) != 0;
            // billable = max(0, q − free) at a common scale
            let s = q.1.max(free.1);
            let qn = q.0 * 10i128.pow(s - q.1);
            let fn_ = free.0 * 10i128.pow(s - free.1);
            let billable = (qn - fn_).max(0);
            let cost = ref_cents(billable * price.0, s + price.1);
            ref_lines.push(cost);
            if included {
                ref_total += cost;
            }
            lines.push(LineItem {
                service: "x".into(),
                label: "x".into(),
                unit: "unit".into(),
                unit_price: to_decimal(price),
                factors,
                free_quantity: to_decimal(free),
                included,
                extra: Default::default(),
            });
        }
        let b = Budget {
            name: "r".into(),
            currency: "USD".into(),
            lines,
            extra: Default::default(),
        };
        let c = b.compute().unwrap_or_else(|e| panic!("case {case}: {e:?}"));
        for (i, (got, want)) in c.lines.iter().zip(&ref_lines).enumerate() {
            assert_eq!(
                got.cost,
                Decimal::from_i128_with_scale(*want, 2),
                "case {case} line {i}"
            );
        }
        assert_eq!(
            c.total,
            Decimal::from_i128_with_scale(ref_total, 2),
            "case {case} total"
        );
    }
}

#[test]
fn a_200_line_budget_computes_exactly() {
    let line = LineItem {
        service: "x".into(),
        label: "x".into(),
        unit: "hour".into(),
        unit_price: Decimal::from_str("0.0416").expect("d"),
        factors: vec![Factor {
            label: "h".into(),
            value: Decimal::from(720),
            extra: Default::default(),
        }],
        free_quantity: Decimal::ZERO,
        included: true,
        extra: Default::default(),
    };
    let b = Budget {
        name: "big".into(),
        currency: "USD".into(),
        lines: vec![line; 200],
        extra: Default::default(),
    };
    assert_eq!(b.compute().expect("computes").total.to_string(), "5990.00");
}
