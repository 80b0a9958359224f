//! Lines the learner shapes by hand: custom lines (any label, unit and price,
//! `"service": "custom"`), and a line's factors added, renamed and removed. A line
//! keeps at least one factor; its quantity is the product of them all, so a factor
//! added with the value 1 changes nothing until it is edited.
use rust_decimal::Decimal;

use super::{Factor, LineItem, check_bounds};
use crate::lang::Lang;

/// The `service` of a line that is not priced from the catalog.
pub const CUSTOM: &str = "custom";

/// The label of a custom line's one factor (drawn as "quantidade" in Portuguese).
pub const QUANTITY: &str = "quantity";

/// Labels and units longer than this are refused: they would not fit any table.
pub const MAX_TEXT: usize = 120;

/// The fewest DPUs an Apache Spark Glue job can be given: AWS Glue's API allows
/// "from 2 to 100 DPUs" for Spark ETL and streaming jobs (default 10); only Python
/// shell jobs run on 1 or 0.0625 DPU. The catalog's Glue caveat says the same.
pub const GLUE_SPARK_MIN_DPUS: u32 = 2;

/// Why a change to a line's shape is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShapeError {
    /// A label, unit or factor name that is empty (after trimming).
    Empty(What),
    /// Longer than [`MAX_TEXT`] characters.
    TooLong(What),
    /// Removing the only factor of a line.
    LastFactor,
    /// A factor index the line does not have.
    NoFactor,
    /// A unit price outside [0, 10^12].
    Price(super::CalcError),
}

/// What a piece of typed text is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    Label,
    Unit,
    FactorName,
}

impl What {
    fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (What::Label, Lang::En) => "a line's label",
            (What::Label, Lang::PtBr) => "o rótulo da linha",
            (What::Unit, Lang::En) => "the unit",
            (What::Unit, Lang::PtBr) => "a unidade",
            (What::FactorName, Lang::En) => "a factor's name",
            (What::FactorName, Lang::PtBr) => "o nome do fator",
        }
    }
}

impl ShapeError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ShapeError::Empty(w), Lang::En) => format!("{} cannot be empty", w.word(lang)),
            (ShapeError::Empty(w), Lang::PtBr) => {
                format!("{} não pode ficar vazio", w.word(lang))
            }
            (ShapeError::TooLong(w), Lang::En) => {
                format!("{} can have at most {MAX_TEXT} characters", w.word(lang))
            }
            (ShapeError::TooLong(w), Lang::PtBr) => {
                format!("{} pode ter no máximo {MAX_TEXT} caracteres", w.word(lang))
            }
            (ShapeError::LastFactor, Lang::En) => {
                "a line keeps at least one factor (its quantity is their product)".into()
            }
            (ShapeError::LastFactor, Lang::PtBr) => {
                "a linha precisa de pelo menos um fator (a quantidade é o produto deles)".into()
            }
            (ShapeError::NoFactor, Lang::En) => "the line has no such factor".into(),
            (ShapeError::NoFactor, Lang::PtBr) => "a linha não tem esse fator".into(),
            (ShapeError::Price(e), _) => e.message(lang),
        }
    }
}

/// Typed text made fit to keep: trimmed, control characters refused as blanks
/// (a line break in a label would break every table), not empty, not too long.
pub fn clean_text(text: &str, what: What) -> Result<String, ShapeError> {
    let t: String = text
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let t = t.trim().to_string();
    if t.is_empty() {
        return Err(ShapeError::Empty(what));
    }
    if t.chars().count() > MAX_TEXT {
        return Err(ShapeError::TooLong(what));
    }
    Ok(t)
}

/// A custom line: `label`, priced at `unit_price` per `unit`, one factor
/// "quantity" of 1, no free quantity, included.
pub fn custom_line(label: &str, unit: &str, unit_price: Decimal) -> Result<LineItem, ShapeError> {
    let label = clean_text(label, What::Label)?;
    let unit = clean_text(unit, What::Unit)?;
    check_bounds(unit_price, "the unit price").map_err(ShapeError::Price)?;
    Ok(LineItem {
        service: CUSTOM.into(),
        label,
        unit,
        unit_price,
        factors: vec![Factor {
            label: QUANTITY.into(),
            value: Decimal::ONE,
            extra: Default::default(),
        }],
        free_quantity: Decimal::ZERO,
        included: true,
        extra: Default::default(),
    })
}

/// The line with a new factor `name` of value 1 at the end (the quantity stays).
pub fn add_factor(line: &LineItem, name: &str) -> Result<LineItem, ShapeError> {
    let label = clean_text(name, What::FactorName)?;
    let mut out = line.clone();
    out.factors.push(Factor {
        label,
        value: Decimal::ONE,
        extra: Default::default(),
    });
    Ok(out)
}

/// The line with factor `index` renamed (its value stays).
pub fn rename_factor(line: &LineItem, index: usize, name: &str) -> Result<LineItem, ShapeError> {
    let label = clean_text(name, What::FactorName)?;
    let mut out = line.clone();
    let f = out.factors.get_mut(index).ok_or(ShapeError::NoFactor)?;
    f.label = label;
    Ok(out)
}

/// The line without factor `index`; the last factor is never removed.
pub fn remove_factor(line: &LineItem, index: usize) -> Result<LineItem, ShapeError> {
    if index >= line.factors.len() {
        return Err(ShapeError::NoFactor);
    }
    if line.factors.len() <= 1 {
        return Err(ShapeError::LastFactor);
    }
    let mut out = line.clone();
    out.factors.remove(index);
    Ok(out)
}

/// A Glue line's DPU count when it is below what a Spark job can run on: the
/// value of a factor named "DPUs" (or "DPU") under [`GLUE_SPARK_MIN_DPUS`].
pub fn glue_dpus_below_minimum(line: &LineItem) -> Option<Decimal> {
    if !line.service.starts_with("glue") {
        return None;
    }
    line.factors
        .iter()
        .find(|f| matches!(f.label.trim().to_lowercase().as_str(), "dpus" | "dpu"))
        .map(|f| f.value)
        .filter(|v| *v < Decimal::from(GLUE_SPARK_MIN_DPUS))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glue() -> LineItem {
        let b = crate::budget::scenario("scenario-1")
            .expect("bundled")
            .expect("valid");
        b.lines
            .into_iter()
            .find(|l| l.service == "glue-dpu")
            .expect("a Glue line")
    }

    #[test]
    fn a_custom_line_costs_its_price_per_unit() {
        let l = custom_line(" Domain name ", "month", Decimal::new(125, 2)).expect("valid");
        assert_eq!(l.service, "custom");
        assert_eq!(l.label, "Domain name");
        assert_eq!(l.compute().expect("computes").cost.to_string(), "1.25");
        assert_eq!(
            custom_line("", "month", Decimal::ONE),
            Err(ShapeError::Empty(What::Label))
        );
        assert_eq!(
            custom_line("x", " \t", Decimal::ONE),
            Err(ShapeError::Empty(What::Unit))
        );
        assert!(matches!(
            custom_line("x", "h", Decimal::NEGATIVE_ONE),
            Err(ShapeError::Price(_))
        ));
        assert_eq!(
            custom_line(&"x".repeat(MAX_TEXT + 1), "h", Decimal::ONE),
            Err(ShapeError::TooLong(What::Label))
        );
        let l = custom_line("a\nb", "h", Decimal::ONE).expect("valid");
        assert_eq!(l.label, "a b", "a line break never reaches a table");
    }

    #[test]
    fn splitting_the_glue_line_into_dpus_times_hours() {
        let g = glue();
        assert_eq!(g.quantity().expect("q").to_string(), "10");
        let two = add_factor(&g, "hours").expect("added");
        assert_eq!(two.quantity().expect("q"), g.quantity().expect("q"));
        let mut split = rename_factor(&two, 0, "DPUs").expect("renamed");
        assert_eq!(glue_dpus_below_minimum(&split), None, "10 DPUs is fine");
        split.factors[0].value = Decimal::ONE;
        split.factors[1].value = Decimal::from(10);
        assert_eq!(glue_dpus_below_minimum(&split), Some(Decimal::ONE));
        split.factors[0].value = Decimal::from(2);
        assert_eq!(glue_dpus_below_minimum(&split), None);
        let one = remove_factor(&split, 1).expect("removed");
        assert_eq!(one.factors.len(), 1);
        assert_eq!(remove_factor(&one, 0), Err(ShapeError::LastFactor));
        assert_eq!(remove_factor(&one, 3), Err(ShapeError::NoFactor));
        assert_eq!(
            rename_factor(&one, 0, "  "),
            Err(ShapeError::Empty(What::FactorName))
        );
    }
}
