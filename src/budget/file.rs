//! The budget file format (`version`, `name`, `currency`, `lines` of `service`,
//! `label`, `unit`, `unit_price`, `factors`, `free_quantity`, `included`; shown in the
//! README, "Budget calculator"): reading with errors that name the file, the
//! line and the field; writing with the computed quantities and costs.
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Budget, CalcError, Computed, Factor, LineItem, check_bounds};
use crate::jsonpos::{line_of, value_lines};
use crate::lang::Lang;

#[derive(Deserialize)]
struct RawFactor {
    label: String,
    value: String,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct RawLine {
    service: String,
    label: String,
    unit: String,
    unit_price: String,
    factors: Vec<RawFactor>,
    free_quantity: String,
    included: bool,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct RawBudget {
    version: u64,
    name: String,
    currency: String,
    lines: Vec<RawLine>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// Fields this program writes from its own computation (an exported file read
/// back): never kept as unknown fields, or they would be written back stale.
const COMPUTED_TOP: [&str; 4] = ["total", "total_12_months", "rate_brl_per_usd", "total_brl"];
const COMPUTED_LINE: [&str; 3] = ["quantity", "cost", "cost_brl"];

fn unknown(mut extra: Map<String, Value>, computed: &[&str]) -> Map<String, Value> {
    extra.retain(|k, _| !computed.contains(&k.as_str()));
    extra
}

/// A budget file that cannot be used: where and why.
#[derive(Clone, Debug, PartialEq)]
pub struct FileError {
    pub file: String,
    pub line: Option<usize>,
    pub field: Option<String>,
    pub reason: Reason,
}

/// Why a budget file cannot be used; worded when shown (`message`).
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// Not the budget JSON: serde_json's own words, and whether the text ended early.
    Json {
        detail: String,
        truncated: bool,
    },
    Version(u64),
    Currency(String),
    NotDecimal(String),
    Calc(CalcError),
    /// The file could not be read (worded by the store in both languages).
    Unreadable {
        en: String,
        pt: String,
    },
    /// Not UTF-8 from this byte on.
    NotUtf8(usize),
}

impl Reason {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                Reason::Json {
                    detail,
                    truncated: true,
                },
                Lang::En,
            ) => {
                format!("the file ends too early (truncated?): {detail}")
            }
            (
                Reason::Json {
                    detail,
                    truncated: true,
                },
                Lang::PtBr,
            ) => {
                format!(
                    "o arquivo termina antes da hora (truncado?): {}",
                    crate::lang::json_detail(detail, Lang::PtBr)
                )
            }
            (Reason::Json { detail, .. }, Lang::En) => detail.clone(),
            (Reason::Json { detail, .. }, Lang::PtBr) => format!(
                "JSON inválido: {}",
                crate::lang::json_detail(detail, Lang::PtBr)
            ),
            (Reason::Version(v), Lang::En) => {
                format!("version {v} is not supported (this program reads version 1)")
            }
            (Reason::Version(v), Lang::PtBr) => {
                format!("a versão {v} não é suportada (este programa lê a versão 1)")
            }
            (Reason::Currency(c), Lang::En) => {
                format!("currency '{c}' is not supported (prices are in USD)")
            }
            (Reason::Currency(c), Lang::PtBr) => {
                format!("a moeda '{c}' não é suportada (os preços são em USD)")
            }
            (Reason::NotDecimal(v), Lang::En) => {
                format!("'{v}' is not a decimal number (write it like \"0.0416\")")
            }
            (Reason::NotDecimal(v), Lang::PtBr) => {
                format!("'{v}' não é um número decimal (escreva como \"0.0416\")")
            }
            (Reason::Calc(e), lang) => e.message(lang),
            (Reason::Unreadable { en, .. }, Lang::En) => en.clone(),
            (Reason::Unreadable { pt, .. }, Lang::PtBr) => pt.clone(),
            (Reason::NotUtf8(at), Lang::En) => format!("not UTF-8 text (byte {at})"),
            (Reason::NotUtf8(at), Lang::PtBr) => format!("não é texto UTF-8 (byte {at})"),
        }
    }
}

impl FileError {
    /// `file:line: field: reason` in a language.
    pub fn message(&self, lang: Lang) -> String {
        let mut s = self.file.clone();
        if let Some(l) = self.line {
            s.push_str(&format!(":{l}"));
        }
        s.push_str(": ");
        if let Some(field) = &self.field {
            s.push_str(&format!("{field}: "));
        }
        s.push_str(&self.reason.message(lang));
        s
    }
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Parses and validates a budget file's text; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<Budget, FileError> {
    let err = |line: Option<usize>, field: Option<String>, reason: Reason| FileError {
        file: file.to_string(),
        line,
        field,
        reason,
    };
    let raw: RawBudget = serde_json::from_str(text).map_err(|e| {
        let reason = Reason::Json {
            detail: e.to_string(),
            truncated: e.is_eof(),
        };
        err(Some(e.line()), None, reason)
    })?;
    let lines_at = value_lines(text);
    let at = |ptr: &str| line_of(&lines_at, ptr);
    if raw.version != 1 {
        return Err(err(
            at("/version"),
            Some("version".into()),
            Reason::Version(raw.version),
        ));
    }
    if raw.currency != "USD" {
        return Err(err(
            at("/currency"),
            Some("currency".into()),
            Reason::Currency(raw.currency.clone()),
        ));
    }
    let number = |s: &str, ptr: &str, field: &str| -> Result<Decimal, FileError> {
        let v = Decimal::from_str_exact(s.trim()).map_err(|_| {
            err(
                at(ptr),
                Some(field.to_string()),
                Reason::NotDecimal(s.to_string()),
            )
        })?;
        check_bounds(v, "the value")
            .map_err(|e| err(at(ptr), Some(field.to_string()), Reason::Calc(e)))?;
        Ok(v)
    };
    let mut lines = Vec::with_capacity(raw.lines.len());
    for (i, l) in raw.lines.into_iter().enumerate() {
        let base = format!("/lines/{i}");
        let name = |f: &str| format!("lines[{i}].{f}");
        let unit_price = number(
            &l.unit_price,
            &format!("{base}/unit_price"),
            &name("unit_price"),
        )?;
        let free_quantity = number(
            &l.free_quantity,
            &format!("{base}/free_quantity"),
            &name("free_quantity"),
        )?;
        let mut factors = Vec::with_capacity(l.factors.len());
        for (j, f) in l.factors.into_iter().enumerate() {
            let value = number(
                &f.value,
                &format!("{base}/factors/{j}/value"),
                &name(&format!("factors[{j}].value")),
            )?;
            factors.push(Factor {
                label: f.label,
                value,
                extra: f.extra,
            });
        }
        let item = LineItem {
            service: l.service,
            label: l.label,
            unit: l.unit,
            unit_price,
            factors,
            free_quantity,
            included: l.included,
            extra: unknown(l.extra, &COMPUTED_LINE),
        };
        item.compute()
            .map_err(|e: CalcError| err(at(&base), Some(format!("lines[{i}]")), Reason::Calc(e)))?;
        lines.push(item);
    }
    let budget = Budget {
        name: raw.name,
        currency: raw.currency,
        lines,
        extra: unknown(raw.extra, &COMPUTED_TOP),
    };
    budget.compute().map_err(|(n, e)| {
        err(
            at("/lines"),
            Some(format!("lines[{}]", n - 1)),
            Reason::Calc(e),
        )
    })?;
    Ok(budget)
}

/// Reads and validates a budget file from disk.
pub fn load(path: &std::path::Path) -> Result<Budget, FileError> {
    let name = path.display().to_string();
    let bytes =
        crate::store::read_capped(path, crate::store::MAX_FILE_BYTES).map_err(|e| FileError {
            file: name.clone(),
            line: None,
            field: None,
            reason: match e {
                crate::store::ReadError::Io(e) => Reason::Unreadable {
                    en: format!("cannot read the file: {e}"),
                    pt: format!("não foi possível ler o arquivo: {e}"),
                },
                crate::store::ReadError::Missing => Reason::Unreadable {
                    en: "cannot read the file: no such file".into(),
                    pt: "não foi possível ler o arquivo: arquivo inexistente".into(),
                },
                e => Reason::Unreadable {
                    en: e.message(Lang::En),
                    pt: e.message(Lang::PtBr),
                },
            },
        })?;
    let text = String::from_utf8(bytes).map_err(|e| FileError {
        file: name.clone(),
        line: None,
        field: None,
        reason: Reason::NotUtf8(e.utf8_error().valid_up_to()),
    })?;
    parse(&text, &name)
}

#[derive(Serialize)]
struct OutFactor<'a> {
    label: &'a str,
    value: String,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

#[derive(Serialize)]
struct OutLine<'a> {
    service: &'a str,
    label: &'a str,
    unit: &'a str,
    unit_price: String,
    factors: Vec<OutFactor<'a>>,
    free_quantity: String,
    included: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    quantity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost_brl: Option<String>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

#[derive(Serialize)]
struct OutBudget<'a> {
    version: u32,
    name: &'a str,
    currency: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_12_months: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rate_brl_per_usd: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_brl: Option<String>,
    lines: Vec<OutLine<'a>>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

/// The budget as JSON: the file format, plus quantities, costs and totals when
/// `computed` is given, plus BRL figures when `rate` is.
pub fn to_json(b: &Budget, computed: Option<&Computed>, rate: Option<Decimal>) -> String {
    // The BRL column adds up: the total is the sum of the rounded line figures.
    let brl = computed.zip(rate).and_then(|(c, r)| c.in_brl(b, r));
    let out = OutBudget {
        version: 1,
        name: &b.name,
        currency: &b.currency,
        total: computed.map(|c| c.total.to_string()),
        total_12_months: computed.map(|c| c.twelve_months().to_string()),
        rate_brl_per_usd: computed.and(rate).map(|r| r.normalize().to_string()),
        total_brl: brl.as_ref().map(|x| x.total.to_string()),
        extra: &b.extra,
        lines: b
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let c = computed.and_then(|c| c.lines.get(i));
                OutLine {
                    service: &l.service,
                    label: &l.label,
                    unit: &l.unit,
                    unit_price: l.unit_price.normalize().to_string(),
                    factors: l
                        .factors
                        .iter()
                        .map(|f| OutFactor {
                            label: &f.label,
                            value: f.value.normalize().to_string(),
                            extra: &f.extra,
                        })
                        .collect(),
                    free_quantity: l.free_quantity.normalize().to_string(),
                    included: l.included,
                    quantity: c.map(|c| c.quantity.normalize().to_string()),
                    cost: c.map(|c| c.cost.to_string()),
                    cost_brl: brl
                        .as_ref()
                        .and_then(|x| x.lines.get(i))
                        .map(Decimal::to_string),
                    extra: &l.extra,
                }
            })
            .collect(),
    };
    let mut s =
        serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{ "version": 1, "name": "t", "currency": "USD",
  "lines": [ { "service": "ec2", "label": "web", "unit": "hour",
               "unit_price": "0.0416",
               "factors": [ { "label": "instances", "value": "1" },
                            { "label": "hours", "value": "720" } ],
               "free_quantity": "0", "included": true } ] }"#;

    #[test]
    fn a_good_file_round_trips() {
        let b = parse(GOOD, "t.json").expect("valid");
        let c = b.compute().expect("computes");
        let json = to_json(&b, Some(&c), None);
        let again = parse(&json, "again.json").expect("output is a valid budget file");
        assert_eq!(again, b);
        assert!(
            json.contains("\"cost\": \"29.95\"") && json.contains("\"total\": \"29.95\""),
            "{json}"
        );
    }

    fn bad(text: &str) -> String {
        parse(text, "b.json")
            .expect_err("must be refused")
            .to_string()
    }

    #[test]
    fn malformed_files_name_the_line_field_and_reason() {
        assert!(bad("not json").starts_with("b.json:1: "));
        assert!(bad(&GOOD[..60]).contains("truncated"));
        let e = bad(&GOOD.replace("\"0.0416\"", "\"-1\""));
        assert!(
            e.starts_with("b.json:3: lines[0].unit_price: ") && e.contains("negative"),
            "{e}"
        );
        let e = bad(&GOOD.replace("\"720\"", "\"lots\""));
        assert!(
            e.starts_with("b.json:5: lines[0].factors[1].value: 'lots' is not a decimal"),
            "{e}"
        );
        let e = bad(&GOOD
            .replace("\"720\"", "\"1000000000\"")
            .replace("\"1\" }", "\"1000000000\" }"));
        assert!(e.contains("larger than 10^12"), "{e}");
        let e = bad(&GOOD.replace("\"version\": 1", "\"version\": 2"));
        assert!(
            e.starts_with("b.json:1: version: version 2 is not supported"),
            "{e}"
        );
        let e = bad(&GOOD.replace("\"unit\": \"hour\",", ""));
        assert!(e.contains("missing field `unit`"), "{e}");
        let e = bad(&GOOD.replace("\"0.0416\"", "0.0416"));
        assert!(
            e.contains("expected a string") && e.starts_with("b.json:3"),
            "{e}"
        );
    }
}
