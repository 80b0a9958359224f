//! Budgets: line items priced from factors, computed exactly with
//! rust_decimal. quantity = product of factors; line cost = max(0, quantity −
//! free_quantity) × unit_price rounded to cents half away from zero; total = sum of
//! the rounded costs of included lines. Every step is overflow-checked and bounded.
pub mod catalog;
pub mod compare;
pub mod custom;
pub mod file;
pub mod format;
pub mod options;
pub mod report;
pub mod step_functions;
pub mod workbench;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::lang::Lang;

/// Quantities and prices must lie in [0, 10^12].
pub fn max_value() -> Decimal {
    Decimal::from(1_000_000_000_000u64)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Factor {
    pub label: String,
    pub value: Decimal,
    /// Fields a newer build wrote on this factor: written back as they were.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LineItem {
    /// Catalog id of the priced service (e.g. `ec2-t3-medium`).
    pub service: String,
    pub label: String,
    pub unit: String,
    pub unit_price: Decimal,
    pub factors: Vec<Factor>,
    pub free_quantity: Decimal,
    pub included: bool,
    /// Fields a newer build wrote on this line: written back as they were.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Budget {
    pub name: String,
    pub currency: String,
    pub lines: Vec<LineItem>,
    /// Fields a newer build wrote in the file: written back as they were.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Why a computation cannot be done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CalcError {
    Negative(String),
    TooLarge(String),
    Overflow(String),
}

impl CalcError {
    /// The reason in a language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CalcError::Negative(what), Lang::En) => format!("{what} must not be negative"),
            (CalcError::TooLarge(what), Lang::En) => format!("{what} is larger than 10^12"),
            (CalcError::Overflow(what), Lang::En) => format!("{what} overflows"),
            (CalcError::Negative(what), Lang::PtBr) => {
                format!("{} não pode ser negativo", what_pt(what))
            }
            (CalcError::TooLarge(what), Lang::PtBr) => {
                format!("{} passa de 10^12", what_pt(what))
            }
            (CalcError::Overflow(what), Lang::PtBr) => {
                format!("{} estoura o limite da conta", what_pt(what))
            }
        }
    }
}

/// The few things a computation names, in Portuguese (field names stay as the file
/// writes them).
fn what_pt(what: &str) -> String {
    if let Some(rest) = what.strip_prefix("factor ") {
        return format!("o fator {rest}");
    }
    match what {
        "the value" => "o valor",
        "the quantity (product of the factors)" => "a quantidade (produto dos fatores)",
        "the product of the factors" => "o produto dos fatores",
        "the total" => "o total",
        "the 12-month total" => "o total de 12 meses",
        "the BRL column" => "a coluna em reais",
        other => other,
    }
    .to_string()
}

impl std::fmt::Display for CalcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Checks that a quantity or price is within [0, 10^12].
pub fn check_bounds(v: Decimal, what: &str) -> Result<(), CalcError> {
    if v.is_sign_negative() && !v.is_zero() {
        return Err(CalcError::Negative(what.to_string()));
    }
    if v > max_value() {
        return Err(CalcError::TooLarge(what.to_string()));
    }
    Ok(())
}

/// Rounds money to cents, half away from zero.
pub fn cents(v: Decimal) -> Decimal {
    let mut r = v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r
}

#[derive(Clone, Debug, PartialEq)]
pub struct LineCost {
    pub quantity: Decimal,
    /// max(0, quantity − free_quantity)
    pub billable: Decimal,
    pub cost: Decimal,
}

impl LineItem {
    /// The product of the factors (1 when there are none).
    pub fn quantity(&self) -> Result<Decimal, CalcError> {
        let mut q = Decimal::ONE;
        for f in &self.factors {
            check_bounds(f.value, &format!("factor '{}'", f.label))?;
            q = q
                .checked_mul(f.value)
                .ok_or_else(|| CalcError::Overflow("the product of the factors".into()))?;
        }
        check_bounds(q, "the quantity (product of the factors)")?;
        Ok(q)
    }

    pub fn compute(&self) -> Result<LineCost, CalcError> {
        check_bounds(self.unit_price, "unit_price")?;
        check_bounds(self.free_quantity, "free_quantity")?;
        let quantity = self.quantity()?;
        let billable = (quantity - self.free_quantity).max(Decimal::ZERO);
        let raw = billable
            .checked_mul(self.unit_price)
            .ok_or_else(|| CalcError::Overflow("quantity × unit_price".into()))?;
        Ok(LineCost {
            quantity,
            billable,
            cost: cents(raw),
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Computed {
    pub lines: Vec<LineCost>,
    /// Sum of the rounded costs of included lines.
    pub total: Decimal,
}

impl Computed {
    /// 12 × the monthly total (`Budget::compute` refuses a total whose 12 months
    /// would overflow, so this cannot).
    pub fn twelve_months(&self) -> Decimal {
        cents(
            self.total
                .checked_mul(Decimal::from(12))
                .unwrap_or(Decimal::MAX),
        )
    }
}

impl Budget {
    /// Computes every line and the total; the error names the line (1-based).
    pub fn compute(&self) -> Result<Computed, (usize, CalcError)> {
        let mut lines = Vec::with_capacity(self.lines.len());
        let mut total = Decimal::ZERO;
        for (i, l) in self.lines.iter().enumerate() {
            let c = l.compute().map_err(|e| (i + 1, e))?;
            if l.included {
                total = total
                    .checked_add(c.cost)
                    .ok_or((i + 1, CalcError::Overflow("the total".into())))?;
            }
            lines.push(c);
        }
        if total.checked_mul(Decimal::from(12)).is_none() {
            return Err((
                self.lines.len(),
                CalcError::Overflow("the 12-month total".into()),
            ));
        }
        Ok(Computed {
            lines,
            total: cents(total),
        })
    }
}

/// Converts USD to BRL at `rate`, rounded to cents.
pub fn to_brl(usd: Decimal, rate: Decimal) -> Option<Decimal> {
    usd.checked_mul(rate).map(cents)
}

/// A budget's BRL column at `rate` BRL per USD. Each line's figure is its USD cost ×
/// rate rounded to cents; the total is the sum of the included lines' rounded
/// figures, so the column adds up; 12 months is 12 × that total.
#[derive(Clone, Debug, PartialEq)]
pub struct Brl {
    pub rate: Decimal,
    /// One figure per line, excluded lines too (shown, not summed).
    pub lines: Vec<Decimal>,
    pub total: Decimal,
    pub twelve_months: Decimal,
}

impl Computed {
    /// The BRL column; `None` when a figure overflows.
    pub fn in_brl(&self, b: &Budget, rate: Decimal) -> Option<Brl> {
        let lines = self
            .lines
            .iter()
            .map(|c| to_brl(c.cost, rate))
            .collect::<Option<Vec<_>>>()?;
        let mut total = Decimal::ZERO;
        for (line, v) in b.lines.iter().zip(&lines) {
            if line.included {
                total = total.checked_add(*v)?;
            }
        }
        let twelve_months = total.checked_mul(Decimal::from(12))?;
        Some(Brl {
            rate,
            lines,
            total: cents(total),
            twelve_months: cents(twelve_months),
        })
    }
}

/// Why a typed number was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    NotANumber,
    /// "4,000" or "4.000": thousands or a decimal? Refused rather than guessed.
    Ambiguous,
    TooLarge,
}

fn grouped(part: &str) -> bool {
    // "1,234,567": a first group of 1–3 digits, then groups of exactly 3.
    let mut groups = part.split([',', '.']);
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    first_ok && groups.all(|g| g.len() == 3)
}

/// Parses a typed decimal: plain notation, an optional sign, a decimal comma
/// (`0,0416`, pt-BR habit) or point, and thousands separators when they are
/// unambiguous (`1,234,567`, `1.234,56`, `1,234.56`). A single separator followed by
/// exactly three digits after a non-zero integer part (`4,000`, `4.000`) could mean
/// either, so it is refused.
pub fn parse_number(s: &str) -> Result<Decimal, NumberError> {
    let t = s.trim();
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t.strip_prefix('+').unwrap_or(t)),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(NumberError::NotANumber);
    }
    let commas = body.matches(',').count();
    let points = body.matches('.').count();
    let normal: String = match (commas, points) {
        (0, 0) => body.to_string(),
        (c, p) if c > 0 && p > 0 => {
            // The last separator is the decimal one; the others group thousands.
            let last = body.rfind([',', '.']).unwrap_or(0);
            let (int, frac) = (&body[..last], &body[last + 1..]);
            let dec = body.as_bytes()[last] as char;
            if int.contains(dec) || !grouped(int) {
                return Err(NumberError::NotANumber);
            }
            format!("{}.{frac}", int.replace([',', '.'], ""))
        }
        (c, p) if c + p > 1 => {
            // One kind of separator, several times: thousands.
            if !grouped(body) {
                return Err(NumberError::NotANumber);
            }
            body.replace([',', '.'], "")
        }
        _ => {
            let at = body.find([',', '.']).unwrap_or(0);
            let (int, frac) = (&body[..at], &body[at + 1..]);
            if frac.len() == 3 && !int.is_empty() && int.len() <= 3 && !int.starts_with('0') {
                return Err(NumberError::Ambiguous);
            }
            format!("{int}.{frac}")
        }
    };
    let normal = format!("{sign}{normal}");
    Decimal::from_str_exact(&normal).map_err(|_| {
        if normal.chars().filter(|c| c.is_ascii_digit()).count() > 20 {
            NumberError::TooLarge
        } else {
            NumberError::NotANumber
        }
    })
}

/// `parse_number` when the reason does not matter.
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    parse_number(s).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    fn line(price: &str, factors: &[&str], free: &str) -> LineItem {
        LineItem {
            service: "x".into(),
            label: "x".into(),
            unit: "hour".into(),
            unit_price: d(price),
            factors: factors
                .iter()
                .map(|v| Factor {
                    label: "f".into(),
                    value: d(v),
                    extra: Default::default(),
                })
                .collect(),
            free_quantity: d(free),
            included: true,
            extra: Default::default(),
        }
    }

    #[test]
    fn course_lines_round_to_the_cent() {
        assert_eq!(
            line("0.0416", &["1", "720"], "0").compute().unwrap().cost,
            d("29.95")
        );
        assert_eq!(
            line("0.015", &["2", "24", "30"], "0")
                .compute()
                .unwrap()
                .cost,
            d("21.60")
        );
        assert_eq!(line("0.20", &["1"], "1").compute().unwrap().cost, d("0.00"));
    }

    #[test]
    fn half_cents_round_away_from_zero() {
        assert_eq!(cents(d("0.125")), d("0.13"));
        assert_eq!(cents(d("0.135")), d("0.14"));
        assert_eq!(cents(d("2.675")), d("2.68"));
        assert_eq!(cents(d("0.124999")), d("0.12"));
        assert_eq!(cents(d("7")).to_string(), "7.00");
    }

    #[test]
    fn free_quantity_never_makes_a_line_negative() {
        let c = line("1", &["5"], "10").compute().unwrap();
        assert_eq!((c.billable, c.cost), (d("0"), d("0.00")));
    }

    #[test]
    fn bounds_and_overflow_are_errors() {
        assert!(matches!(
            line("-1", &["1"], "0").compute(),
            Err(CalcError::Negative(_))
        ));
        assert!(matches!(
            line("1", &["1000000000001"], "0").compute(),
            Err(CalcError::TooLarge(_))
        ));
        assert!(matches!(
            line("1", &["1000000000000", "1000000000000"], "0").compute(),
            Err(CalcError::TooLarge(_))
        ));
        let many: Vec<&str> = vec!["1000000000000"; 30];
        assert!(line("1", &many, "0").compute().is_err());
    }

    #[test]
    fn ambiguous_and_grouped_numbers() {
        assert_eq!(parse_number("4,000"), Err(NumberError::Ambiguous));
        assert_eq!(parse_number("4.000"), Err(NumberError::Ambiguous));
        assert_eq!(parse_number("12.500"), Err(NumberError::Ambiguous));
        assert_eq!(parse_number("0.025"), Ok(d("0.025")));
        assert_eq!(parse_number("1,5"), Ok(d("1.5")));
        assert_eq!(parse_number("1,234,567"), Ok(d("1234567")));
        assert_eq!(parse_number("1.234,56"), Ok(d("1234.56")));
        assert_eq!(parse_number("1,234.56"), Ok(d("1234.56")));
        assert_eq!(parse_number("29.95"), Ok(d("29.95")));
        assert_eq!(parse_number("1234.567"), Ok(d("1234.567")));
        assert_eq!(parse_number("-3"), Ok(d("-3")));
        assert_eq!(parse_number("1,23,4"), Err(NumberError::NotANumber));
        assert_eq!(
            parse_number("99999999999999999999999999999"),
            Err(NumberError::TooLarge)
        );
    }

    #[test]
    fn typed_decimals_accept_commas_and_refuse_junk() {
        assert_eq!(parse_decimal("0,0416"), Some(d("0.0416")));
        assert_eq!(parse_decimal(" 720 "), Some(d("720")));
        assert_eq!(parse_decimal("abc"), None);
        assert_eq!(parse_decimal("1e5"), None);
        assert_eq!(parse_decimal(""), None);
    }
}

/// Ids of the bundled scenarios (`assets/scenarios/<id>.json`), sorted.
pub fn scenario_ids() -> Vec<String> {
    let mut ids: Vec<String> = crate::assets::files("assets/scenarios/")
        .filter_map(|(p, _)| {
            p.strip_prefix("assets/scenarios/")?
                .strip_suffix(".json")
                .map(str::to_string)
        })
        .collect();
    ids.sort();
    ids
}

/// The display name of a bundled scenario in a language.
pub fn scenario_title(id: &str, lang: Lang) -> String {
    match (id, lang) {
        ("scenario-1", Lang::En) => "Scenario 1 — e-commerce data-analysis dashboard".into(),
        ("scenario-1", Lang::PtBr) => {
            "Cenário 1 — dashboard de análise de dados de e-commerce".into()
        }
        ("scenario-2", Lang::En) => "Scenario 2 — real-time sales prediction".into(),
        ("scenario-2", Lang::PtBr) => "Cenário 2 — previsão de vendas em tempo real".into(),
        (other, _) => other.to_string(),
    }
}

/// A bundled scenario by id.
pub fn scenario(id: &str) -> Option<Result<Budget, file::FileError>> {
    let path = format!("assets/scenarios/{id}.json");
    crate::assets::file(&path).map(|text| file::parse(text, &path))
}

/// Saved budgets live in `<data dir>/budgets/<name>.json`.
pub mod saved {
    use std::path::{Path, PathBuf};

    use super::Budget;
    use super::file::{self, FileError};

    pub fn dir(data: &Path) -> PathBuf {
        data.join("budgets")
    }

    /// The longest file name a budget is saved under, in bytes before `.json`
    /// (file systems allow 255).
    pub const MAX_SLUG_BYTES: usize = 200;

    /// A file-system-safe name: letters, digits, '-', '_' and '.' kept, the rest '-',
    /// at most [`MAX_SLUG_BYTES`] bytes long.
    pub fn slug(name: &str) -> String {
        let s: String = name
            .trim()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        // " — " and other runs of separators make one dash, not three.
        let mut one = String::with_capacity(s.len());
        for c in s.chars() {
            if !(c == '-' && one.ends_with('-')) {
                one.push(c);
            }
        }
        // A very long name is cut (at a character) so it saves instead of failing.
        let mut cut = String::new();
        for c in one.chars() {
            if cut.len() + c.len_utf8() > MAX_SLUG_BYTES {
                break;
            }
            cut.push(c);
        }
        let s = cut.trim_matches(|c| c == '-' || c == '.').to_string();
        if s.is_empty() { "budget".into() } else { s }
    }

    /// Names (file stems) of the saved budgets, sorted.
    pub fn list(data: &Path) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(dir(data)) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                n.strip_suffix(".json").map(str::to_string)
            })
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort();
        names
    }

    /// The saved budgets as (file stem, the name each was saved under), sorted by
    /// stem; a file that cannot be read keeps its stem as its name.
    pub fn list_named(data: &Path) -> Vec<(String, String)> {
        list(data)
            .into_iter()
            .map(|stem| {
                let name = file::load(&dir(data).join(format!("{stem}.json")))
                    .ok()
                    .map(|b| b.name)
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| stem.clone());
                (stem, name)
            })
            .collect()
    }

    pub fn path(data: &Path, name: &str) -> PathBuf {
        dir(data).join(format!("{}.json", slug(name)))
    }

    /// Opens a saved budget by the name `list` gave (its file name) or by the name
    /// it was saved under.
    pub fn load(data: &Path, name: &str) -> Result<Budget, FileError> {
        let exact = dir(data).join(format!("{name}.json"));
        if !name.contains(['/', '\\']) && exact.is_file() {
            return file::load(&exact);
        }
        file::load(&path(data, name))
    }

    /// Saves atomically; returns the path written. A file already there that is not
    /// a budget this version can read (a newer version, a broken one) is moved aside
    /// byte for byte first, never written over.
    pub fn save(data: &Path, name: &str, b: &Budget) -> Result<PathBuf, String> {
        let p = path(data, name);
        if p.is_file() && file::load(&p).is_err() {
            crate::store::move_aside(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        }
        let json = file::to_json(b, None, None);
        crate::store::write_data_file(&p, json.as_bytes())
            .map_err(|e| format!("{}: cannot save: {e}", p.display()))?;
        Ok(p)
    }
}

#[cfg(test)]
mod scenario_tests {
    use super::*;

    #[test]
    fn a_very_long_name_makes_a_file_name_that_fits() {
        for long in ["x".repeat(400), "🦀".repeat(100), "é/".repeat(300)] {
            let slug = saved::slug(&long);
            assert!(slug.len() <= saved::MAX_SLUG_BYTES, "{}", slug.len());
            assert!(!slug.contains('/') && !slug.ends_with('-'), "{slug}");
        }
        assert_eq!(
            saved::slug("my plan"),
            "my-plan",
            "short names are as before"
        );
    }

    fn costs(id: &str) -> (String, Vec<String>) {
        let b = scenario(id).expect("bundled").expect("valid");
        let c = b.compute().expect("computes");
        let included = b
            .lines
            .iter()
            .zip(&c.lines)
            .filter(|(l, _)| l.included)
            .map(|(_, c)| c.cost.to_string())
            .collect();
        (c.total.to_string(), included)
    }

    #[test]
    fn scenario_1_is_97_49_line_by_line() {
        assert_eq!(scenario_ids(), vec!["scenario-1", "scenario-2"]);
        let (total, lines) = costs("scenario-1");
        assert_eq!(total, "97.49");
        assert_eq!(lines, vec!["29.95", "16.20", "2.30", "44.64", "4.40"]);
        let b = scenario("scenario-1").expect("bundled").expect("valid");
        let shield = b
            .lines
            .iter()
            .find(|l| l.service == "shield-advanced")
            .expect("shield line");
        assert!(!shield.included);
        assert_eq!(shield.compute().expect("cost").cost.to_string(), "3000.00");
    }

    #[test]
    fn scenario_2_is_101_40_line_by_line() {
        let (total, lines) = costs("scenario-2");
        assert_eq!(total, "101.40");
        assert_eq!(
            lines,
            vec![
                "21.60", "26.40", "29.95", "1.15", "16.80", "0.00", "0.00", "1.00", "4.50"
            ]
        );
    }

    #[test]
    fn the_catalog_covers_every_scenario_line_and_parses() {
        let cat = catalog::Catalog::bundled().expect("catalog");
        for id in scenario_ids() {
            let b = scenario(&id).expect("bundled").expect("valid");
            for l in &b.lines {
                let e = cat
                    .entry(&l.service)
                    .unwrap_or_else(|| panic!("{id}: no catalog entry {}", l.service));
                assert_eq!(
                    e.course(),
                    Some(l.unit_price),
                    "{id}: {} uses the course price",
                    l.service
                );
                assert!(!e.caveats(Lang::En).is_empty() && !e.caveats(Lang::PtBr).is_empty());
            }
        }
        for needed in [
            "cloudwatch-logs",
            "athena-scan",
            "sfn-standard",
            "sfn-express-requests",
            "data-transfer-out",
            "shield-standard",
        ] {
            assert!(cat.entry(needed).is_some(), "{needed}");
        }
    }
}
