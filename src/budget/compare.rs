//! Two budgets side by side (`budget --compare A B` and the Budget tab):
//! included lines matched by service and label, each side's cost, the difference
//! (B − A), both totals and the change in percent.
use rust_decimal::{Decimal, RoundingStrategy};

use super::{Budget, CalcError};

#[derive(Clone, Debug, PartialEq)]
pub struct LineDiff {
    pub service: String,
    pub label: String,
    /// A's cost of the line (`None`: A has no such line).
    pub a: Option<Decimal>,
    pub b: Option<Decimal>,
    /// b − a, a missing side counting as zero.
    pub difference: Decimal,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub a_name: String,
    pub b_name: String,
    pub a_total: Decimal,
    pub b_total: Decimal,
    /// b_total − a_total.
    pub difference: Decimal,
    /// difference ÷ a_total × 100, two decimals (`None` when A totals zero).
    pub change_percent: Option<Decimal>,
    pub lines: Vec<LineDiff>,
}

/// The change from `a` to `b` in percent, two decimals (`None` when `a` is zero).
pub fn change_percent(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a.is_zero() {
        return None;
    }
    let diff = b.checked_sub(a)?;
    let mut p = diff
        .checked_mul(Decimal::from(100))?
        .checked_div(a)?
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    p.rescale(2);
    Some(p)
}

fn over() -> CalcError {
    CalcError::Overflow("the difference".into())
}

/// Compares two budgets; the error names the side and the line.
pub fn compare(a: &Budget, b: &Budget) -> Result<Comparison, (char, usize, CalcError)> {
    let ca = a.compute().map_err(|(n, e)| ('A', n, e))?;
    let cb = b.compute().map_err(|(n, e)| ('B', n, e))?;
    let side = |bud: &Budget, c: &super::Computed| -> Vec<(String, String, Decimal)> {
        bud.lines
            .iter()
            .zip(&c.lines)
            .filter(|(l, _)| l.included)
            .map(|(l, c)| (l.service.clone(), l.label.clone(), c.cost))
            .collect()
    };
    let left = side(a, &ca);
    let mut right: Vec<Option<(String, String, Decimal)>> =
        side(b, &cb).into_iter().map(Some).collect();
    let mut lines = Vec::new();
    for (service, label, cost) in left {
        let found = right.iter_mut().find(|r| {
            r.as_ref()
                .is_some_and(|(s, l, _)| *s == service && *l == label)
        });
        let other = found.and_then(Option::take).map(|(_, _, c)| c);
        let difference = other
            .unwrap_or(Decimal::ZERO)
            .checked_sub(cost)
            .ok_or_else(|| ('B', 0, over()))?;
        lines.push(LineDiff {
            service,
            label,
            a: Some(cost),
            b: other,
            difference,
        });
    }
    for (service, label, cost) in right.into_iter().flatten() {
        lines.push(LineDiff {
            service,
            label,
            a: None,
            b: Some(cost),
            difference: cost,
        });
    }
    let difference = cb
        .total
        .checked_sub(ca.total)
        .ok_or_else(|| ('B', 0, over()))?;
    Ok(Comparison {
        a_name: a.name.clone(),
        b_name: b.name.clone(),
        a_total: ca.total,
        b_total: cb.total,
        difference,
        change_percent: change_percent(ca.total, cb.total),
        lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenario_1_against_scenario_2() {
        let a = crate::budget::scenario("scenario-1")
            .expect("s1")
            .expect("ok");
        let b = crate::budget::scenario("scenario-2")
            .expect("s2")
            .expect("ok");
        let c = compare(&a, &b).expect("compares");
        assert_eq!(c.a_total.to_string(), "97.49");
        assert_eq!(c.b_total.to_string(), "101.40");
        assert_eq!(c.difference.to_string(), "3.91");
        assert_eq!(c.change_percent.map(|p| p.to_string()), Some("4.01".into()));
        let sum: Decimal = c.lines.iter().map(|l| l.difference).sum();
        assert_eq!(sum, c.difference, "the line differences add up");
        assert!(c.lines.iter().any(|l| l.a.is_none()) && c.lines.iter().any(|l| l.b.is_none()));
    }

    #[test]
    fn a_budget_against_itself_changes_nothing() {
        let a = crate::budget::scenario("scenario-2")
            .expect("s2")
            .expect("ok");
        let c = compare(&a, &a).expect("compares");
        assert!(c.lines.iter().all(|l| l.difference.is_zero() && l.a == l.b));
        assert_eq!(c.change_percent.map(|p| p.to_string()), Some("0.00".into()));
    }
}
