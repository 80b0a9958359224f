//! Purchase options (cost optimization): for a budget line, what the same
//! usage costs On-Demand, under Savings Plans and Reserved Instances (1 or 3 years;
//! no, partial or all upfront), on Spot, or, for S3, in another storage class — each
//! with its rate's source, lookup date and status, the upfront amortized, the saving
//! against On-Demand and, for a commitment, the uptime above which it pays off.
//!
//! The rates come from the catalog's `option_sets` (a typical discount off the
//! on-demand price, status `estimate`) or, for storage classes, from the class's own
//! catalog entry. A commitment bills every hour of the month (720 h in the course's
//! 30-day month, or the line's own hours when it counts more), used or not: a line
//! that runs 60 h a month pays the commitment for 720.
use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;

use super::catalog::{Catalog, Entry, PriceStatus, StorageClass};
use super::{CalcError, LineItem, cents};
use crate::content::bank::{LangText, text_in};
use crate::lang::{Lang, tr};

/// The kinds of purchase option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum OptionKind {
    OnDemand,
    ComputeSp,
    Ec2InstanceSp,
    StandardRi,
    ConvertibleRi,
    RdsRi,
    SageMakerSp,
    Spot,
    StorageClass,
}

impl OptionKind {
    fn parse(code: &str) -> OptionKind {
        match code {
            "on-demand" => OptionKind::OnDemand,
            "compute-sp" => OptionKind::ComputeSp,
            "ec2-instance-sp" => OptionKind::Ec2InstanceSp,
            "standard-ri" => OptionKind::StandardRi,
            "convertible-ri" => OptionKind::ConvertibleRi,
            "rds-ri" => OptionKind::RdsRi,
            "sagemaker-sp" => OptionKind::SageMakerSp,
            "spot" => OptionKind::Spot,
            _ => OptionKind::StorageClass,
        }
    }

    /// The option's name as a person reads it.
    pub fn name(self, lang: Lang) -> &'static str {
        let (en, pt) = match self {
            OptionKind::OnDemand => ("On-Demand", "Sob demanda"),
            OptionKind::ComputeSp => ("Compute Savings Plan", "Compute Savings Plan"),
            OptionKind::Ec2InstanceSp => ("EC2 Instance Savings Plan", "EC2 Instance Savings Plan"),
            OptionKind::StandardRi => ("Standard Reserved Instance", "Instância Reservada padrão"),
            OptionKind::ConvertibleRi => (
                "Convertible Reserved Instance",
                "Instância Reservada conversível",
            ),
            OptionKind::RdsRi => ("RDS Reserved Instance", "Instância Reservada do RDS"),
            OptionKind::SageMakerSp => ("SageMaker Savings Plan", "SageMaker Savings Plan"),
            OptionKind::Spot => ("Spot", "Spot"),
            OptionKind::StorageClass => ("Storage class", "Classe de armazenamento"),
        };
        tr(lang, en, pt)
    }

    /// Whether the option is a commitment for a term.
    pub fn is_commitment(self) -> bool {
        !matches!(
            self,
            OptionKind::OnDemand | OptionKind::Spot | OptionKind::StorageClass
        )
    }
}

/// A commitment's term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Term {
    OneYear,
    ThreeYears,
}

impl Term {
    pub fn parse(code: &str) -> Option<Term> {
        match code {
            "1y" => Some(Term::OneYear),
            "3y" => Some(Term::ThreeYears),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Term::OneYear => "1y",
            Term::ThreeYears => "3y",
        }
    }
    /// Hours in the term (365-day years, as AWS bills commitments).
    pub fn hours(self) -> Decimal {
        match self {
            Term::OneYear => Decimal::from(8760),
            Term::ThreeYears => Decimal::from(26280),
        }
    }
    pub fn months(self) -> Decimal {
        match self {
            Term::OneYear => Decimal::from(12),
            Term::ThreeYears => Decimal::from(36),
        }
    }
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Term::OneYear => tr(lang, "1 year", "1 ano"),
            Term::ThreeYears => tr(lang, "3 years", "3 anos"),
        }
    }
}

/// How a commitment is paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Payment {
    NoUpfront,
    PartialUpfront,
    AllUpfront,
}

impl Payment {
    pub fn parse(code: &str) -> Option<Payment> {
        match code {
            "no-upfront" => Some(Payment::NoUpfront),
            "partial-upfront" => Some(Payment::PartialUpfront),
            "all-upfront" => Some(Payment::AllUpfront),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Payment::NoUpfront => "no-upfront",
            Payment::PartialUpfront => "partial-upfront",
            Payment::AllUpfront => "all-upfront",
        }
    }
    /// The share of the term's cost paid at the start (partial upfront: about half).
    pub fn upfront_fraction(self) -> Decimal {
        match self {
            Payment::NoUpfront => Decimal::ZERO,
            Payment::PartialUpfront => Decimal::new(5, 1),
            Payment::AllUpfront => Decimal::ONE,
        }
    }
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Payment::NoUpfront => tr(lang, "no upfront", "sem adiantamento"),
            Payment::PartialUpfront => tr(lang, "partial upfront", "adiantamento parcial"),
            Payment::AllUpfront => tr(lang, "all upfront", "adiantamento total"),
        }
    }
}

/// One row of an option set in `assets/pricing.json`.
#[derive(Clone, Debug, Deserialize)]
pub struct OptionSpec {
    pub option: String,
    #[serde(default)]
    pub term: Option<String>,
    #[serde(default)]
    pub payment: Option<String>,
    /// A typical discount off the on-demand price (0.28 = 28 %).
    #[serde(default)]
    pub discount: Option<String>,
    /// For storage classes: the catalog entry whose price applies.
    #[serde(default)]
    pub entry: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub as_of: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    /// Only for entries whose id starts with this (SageMaker Spot is for training).
    #[serde(default)]
    pub only_unit_family: Option<String>,
}

/// The catalog's option sets, read from the same file as the catalog.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct OptionBook {
    #[serde(default)]
    pub option_sets: BTreeMap<String, Vec<OptionSpec>>,
    #[serde(default)]
    pub option_note: LangText,
}

impl OptionBook {
    pub fn parse(text: &str) -> Result<OptionBook, String> {
        let b: OptionBook =
            serde_json::from_str(text).map_err(|e| format!("line {}: {e}", e.line()))?;
        for (set, specs) in &b.option_sets {
            for s in specs {
                if let Some(d) = &s.discount {
                    let ok = Decimal::from_str_exact(d)
                        .is_ok_and(|d| d >= Decimal::ZERO && d < Decimal::ONE);
                    if !ok {
                        return Err(format!(
                            "option set {set}: discount '{d}' is not a decimal in [0, 1)"
                        ));
                    }
                }
                if s.term.as_deref().is_some_and(|t| Term::parse(t).is_none())
                    || s.payment
                        .as_deref()
                        .is_some_and(|p| Payment::parse(p).is_none())
                {
                    return Err(format!(
                        "option set {set}: option {} has an unknown term or payment",
                        s.option
                    ));
                }
            }
        }
        Ok(b)
    }

    /// The bundled option sets, parsed once (empty if they could not be: tests make
    /// sure they can).
    pub fn shared() -> &'static OptionBook {
        static BOOK: std::sync::OnceLock<OptionBook> = std::sync::OnceLock::new();
        BOOK.get_or_init(|| {
            crate::assets::file("assets/pricing.json")
                .and_then(|t| OptionBook::parse(t).ok())
                .unwrap_or_default()
        })
    }

    pub fn note(&self, lang: Lang) -> &str {
        text_in(&self.option_note, lang)
    }
}

/// A line priced under one option.
#[derive(Clone, Debug, PartialEq)]
pub struct PricedOption {
    /// The option's code as a budget file's `pricing.option` keeps it
    /// (`compute-sp`, `s3-standard-ia`…).
    pub option: String,
    pub kind: OptionKind,
    pub term: Option<Term>,
    pub payment: Option<Payment>,
    /// For a storage class: its catalog entry.
    pub entry: Option<String>,
    /// Effective rate per unit, upfront amortized over the term.
    pub rate: Decimal,
    /// The part of the rate billed as you go (the rest was paid upfront).
    pub recurring: Decimal,
    /// Paid at the start of the term, for the line's units.
    pub upfront: Decimal,
    /// That upfront spread over the term's months.
    pub upfront_monthly: Decimal,
    /// What the line's `unit_price` becomes (per unit used; a commitment's rate is
    /// raised for a line that runs less than the month it bills).
    pub unit_price: Decimal,
    /// The line's monthly cost under this option.
    pub monthly: Decimal,
    /// The line's monthly cost On-Demand (or, for S3, in S3 Standard).
    pub on_demand_monthly: Decimal,
    /// on_demand_monthly − monthly (negative: it costs more).
    pub saving: Decimal,
    /// saving / on_demand_monthly × 100, one decimal.
    pub saving_percent: Decimal,
    /// A commitment beats On-Demand above this uptime (percent of the month).
    pub break_even_percent: Option<Decimal>,
    /// The line's uptime (percent of a 720-hour month), for a commitment.
    pub uptime_percent: Option<Decimal>,
    pub status: PriceStatus,
    pub source: String,
    /// When the rate was looked up (not when AWS set it).
    pub as_of: String,
    pub storage: Option<StorageClass>,
}

impl PricedOption {
    /// "Compute Savings Plan, 1 year, no upfront".
    pub fn title(&self, lang: Lang, cat: &Catalog) -> String {
        let mut s = match (self.kind, &self.entry) {
            (OptionKind::StorageClass, Some(id)) => cat
                .entry(id)
                .map_or_else(|| id.clone(), |e| e.name(lang).to_string()),
            (k, _) => k.name(lang).to_string(),
        };
        if let Some(t) = self.term {
            s.push_str(&format!(", {}", t.word(lang)));
        }
        if let Some(p) = self.payment {
            s.push_str(&format!(", {}", p.word(lang)));
        }
        s
    }

    /// What the option commits to, or risks.
    pub fn commitment(&self, lang: Lang) -> String {
        let term = self.term.map_or("", |t| t.word(lang));
        match (self.kind, lang) {
            (OptionKind::OnDemand, Lang::En) => "no commitment; pay per use".into(),
            (OptionKind::OnDemand, Lang::PtBr) => "sem compromisso; paga pelo uso".into(),
            (OptionKind::ComputeSp, Lang::En) => format!(
                "commits to an hourly spend for {term}, billed used or not; any instance family, size, Region, Fargate or Lambda"
            ),
            (OptionKind::ComputeSp, Lang::PtBr) => format!(
                "compromete um gasto por hora por {term}, cobrado com ou sem uso; qualquer família, tamanho, Região, Fargate ou Lambda"
            ),
            (OptionKind::Ec2InstanceSp, Lang::En) => format!(
                "commits to an hourly spend for {term} on one instance family in one Region, billed used or not"
            ),
            (OptionKind::Ec2InstanceSp, Lang::PtBr) => format!(
                "compromete um gasto por hora por {term} numa família de instâncias numa Região, cobrado com ou sem uso"
            ),
            (OptionKind::StandardRi, Lang::En) => format!(
                "reserves this instance type for {term}, billed every hour used or not; can be resold on the RI Marketplace"
            ),
            (OptionKind::StandardRi, Lang::PtBr) => format!(
                "reserva este tipo de instância por {term}, cobrado toda hora com ou sem uso; pode ser revendida no RI Marketplace"
            ),
            (OptionKind::ConvertibleRi, Lang::En) => format!(
                "reserves for {term}, billed every hour; exchangeable for other types of equal or greater value"
            ),
            (OptionKind::ConvertibleRi, Lang::PtBr) => format!(
                "reserva por {term}, cobrada toda hora; pode ser trocada por outros tipos de valor igual ou maior"
            ),
            (OptionKind::RdsRi, Lang::En) => format!(
                "reserves this DB instance class and engine for {term}, billed every hour used or not"
            ),
            (OptionKind::RdsRi, Lang::PtBr) => format!(
                "reserva esta classe de instância e motor de banco por {term}, cobrada toda hora com ou sem uso"
            ),
            (OptionKind::SageMakerSp, Lang::En) => format!(
                "commits to an hourly SageMaker spend for {term} (any ML instance family, training or hosting), billed used or not"
            ),
            (OptionKind::SageMakerSp, Lang::PtBr) => format!(
                "compromete um gasto por hora no SageMaker por {term} (qualquer família de instâncias de ML, treino ou hospedagem), cobrado com ou sem uso"
            ),
            (OptionKind::Spot, Lang::En) => {
                "variable price; AWS can interrupt with 2 minutes' notice — only for work that can stop".into()
            }
            (OptionKind::Spot, Lang::PtBr) => {
                "preço variável; a AWS pode interromper com 2 minutos de aviso — só para trabalho que pode parar".into()
            }
            (OptionKind::StorageClass, _) => match &self.storage {
                Some(sc) if sc.min_days() > Decimal::ZERO || sc.retrieval_per_gb() > Decimal::ZERO => {
                    match lang {
                        Lang::En => format!(
                            "minimum {} days billed; reading back {}/GB; requests {}/1,000 PUT, {}/1,000 GET",
                            crate::numfmt::decimal(sc.min_days(), lang),
                            crate::numfmt::usd_price(sc.retrieval_per_gb(), lang),
                            crate::numfmt::usd_price(sc.put_per_1k(), lang),
                            crate::numfmt::usd_price(sc.get_per_1k(), lang),
                        ),
                        Lang::PtBr => format!(
                            "mínimo de {} dias cobrado; recuperação {}/GB; requisições {}/1.000 PUT, {}/1.000 GET",
                            crate::numfmt::decimal(sc.min_days(), lang),
                            crate::numfmt::usd_price(sc.retrieval_per_gb(), lang),
                            crate::numfmt::usd_price(sc.put_per_1k(), lang),
                            crate::numfmt::usd_price(sc.get_per_1k(), lang),
                        ),
                    }
                }
                _ => tr(
                    lang,
                    "no minimum duration, no retrieval fee",
                    "sem duração mínima, sem taxa de recuperação",
                )
                .into(),
            },
        }
    }

    /// "beats On-Demand above 63% uptime" for a commitment.
    pub fn break_even_text(&self, lang: Lang) -> Option<String> {
        let be = self.break_even_percent?;
        let n = crate::numfmt::decimal(be, lang);
        Some(match lang {
            Lang::En => format!("beats On-Demand above {n}% uptime"),
            Lang::PtBr => format!("compensa acima de {n}% do tempo ligado"),
        })
    }

    /// The `pricing` object a budget line keeps for this option.
    pub fn pricing_json(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert("option".into(), self.option.clone().into());
        if let Some(t) = self.term {
            m.insert("term".into(), t.code().into());
        }
        if let Some(p) = self.payment {
            m.insert("payment".into(), p.code().into());
        }
        serde_json::Value::Object(m)
    }

    pub fn variable(&self) -> bool {
        self.kind == OptionKind::Spot
    }
}

fn over(what: &str) -> CalcError {
    CalcError::Overflow(what.to_string())
}

fn round6(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// A rate rounded for people and for the line: six decimals from a tenth of a cent
/// up (instance hours); a smaller one (Lambda's $0.0000166667 per GB-second) keeps
/// six significant digits, where six decimals left "0.000015" for 0.0000146667.
fn round_rate(d: Decimal) -> Decimal {
    if d.is_zero() || d.abs() >= Decimal::new(1, 3) {
        return round6(d);
    }
    let mut dp: u32 = 6;
    while dp < 18 && d.abs() * Decimal::from(10u64.pow(dp)) < Decimal::from(100_000) {
        dp += 1;
    }
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

fn round1(d: Decimal) -> Decimal {
    let mut r = d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(1);
    r
}

/// The course's month: a commitment bills at least this many hours.
pub fn month_hours() -> Decimal {
    Decimal::from(720)
}

/// Whether a factor counts time (hours, days) rather than things (instances).
fn is_time_factor(label: &str) -> bool {
    let f = crate::markdown::text::fold(label);
    ["hour", "hora", "day", "dia", "month", "mes"]
        .iter()
        .any(|w| f.contains(w))
}

/// How many things a line runs (the product of its non-time factors) and for how
/// many hours a month each runs (quantity ÷ things).
pub fn units_and_hours(line: &LineItem) -> Result<(Decimal, Decimal), CalcError> {
    let mut units = Decimal::ONE;
    for f in line.factors.iter().filter(|f| !is_time_factor(&f.label)) {
        units = units
            .checked_mul(f.value)
            .ok_or_else(|| over("the product of the factors"))?;
    }
    let q = line.quantity()?;
    let hours = if units.is_zero() {
        Decimal::ZERO
    } else {
        q.checked_div(units).ok_or_else(|| over("the hours"))?
    };
    Ok((units, hours))
}

/// The pricing options of a line, On-Demand (or S3 Standard) first; empty for a
/// line the catalog has no options for (custom lines, meters without options).
pub fn for_line(line: &LineItem, cat: &Catalog) -> Result<Vec<PricedOption>, CalcError> {
    for_line_in(line, cat, OptionBook::shared())
}

/// `for_line` with a given option book (tests).
pub fn for_line_in(
    line: &LineItem,
    cat: &Catalog,
    book: &OptionBook,
) -> Result<Vec<PricedOption>, CalcError> {
    let Some(entry) = cat.entry(&line.service) else {
        return Ok(Vec::new());
    };
    let Some(set) = entry
        .option_set
        .as_deref()
        .and_then(|s| book.option_sets.get(s))
    else {
        return Ok(Vec::new());
    };
    let billable = line.compute()?.billable;
    let mut out = Vec::new();
    if set.iter().any(|s| s.entry.is_some()) {
        // Storage classes: each class's own price; the baseline is the first (Standard).
        let mut baseline = None;
        for spec in set {
            let Some(class) = spec.entry.as_deref().and_then(|id| cat.entry(id)) else {
                continue;
            };
            let Some(rate) = class.on_demand() else {
                continue;
            };
            let monthly = cents(
                billable
                    .checked_mul(rate)
                    .ok_or_else(|| over("quantity × unit_price"))?,
            );
            let base = *baseline.get_or_insert(monthly);
            out.push(finish(
                PricedOption {
                    option: spec.option.clone(),
                    kind: OptionKind::StorageClass,
                    term: None,
                    payment: None,
                    entry: Some(class.id.clone()),
                    rate,
                    recurring: rate,
                    upfront: Decimal::ZERO,
                    upfront_monthly: Decimal::ZERO,
                    unit_price: rate,
                    monthly,
                    on_demand_monthly: base,
                    saving: Decimal::ZERO,
                    saving_percent: Decimal::ZERO,
                    break_even_percent: None,
                    uptime_percent: None,
                    status: class.status(),
                    source: class.source.clone(),
                    as_of: class.as_of.clone(),
                    storage: class.storage_class.clone(),
                },
                base,
            )?);
        }
        return Ok(out);
    }
    let Some(od) = entry.on_demand() else {
        return Ok(Vec::new());
    };
    let od_monthly = cents(
        billable
            .checked_mul(od)
            .ok_or_else(|| over("quantity × unit_price"))?,
    );
    out.push(finish(
        PricedOption {
            option: "on-demand".into(),
            kind: OptionKind::OnDemand,
            term: None,
            payment: None,
            entry: None,
            rate: od,
            recurring: od,
            upfront: Decimal::ZERO,
            upfront_monthly: Decimal::ZERO,
            unit_price: od,
            monthly: od_monthly,
            on_demand_monthly: od_monthly,
            saving: Decimal::ZERO,
            saving_percent: Decimal::ZERO,
            break_even_percent: None,
            uptime_percent: None,
            status: entry.status(),
            source: entry.source.clone(),
            as_of: entry.as_of.clone(),
            storage: None,
        },
        od_monthly,
    )?);
    let (units, hours) = units_and_hours(line)?;
    for spec in set {
        if spec
            .only_unit_family
            .as_deref()
            .is_some_and(|p| !entry.id.starts_with(&format!("{p}-")) && entry.id != p)
        {
            continue;
        }
        out.push(priced(spec, entry, od, billable, units, hours, od_monthly)?);
    }
    Ok(out)
}

/// One discount-based option for a line.
fn priced(
    spec: &OptionSpec,
    entry: &Entry,
    od: Decimal,
    billable: Decimal,
    units: Decimal,
    hours: Decimal,
    od_monthly: Decimal,
) -> Result<PricedOption, CalcError> {
    let kind = OptionKind::parse(&spec.option);
    let term = spec.term.as_deref().and_then(Term::parse);
    let payment = spec.payment.as_deref().and_then(Payment::parse);
    let discount = spec
        .discount
        .as_deref()
        .and_then(|d| Decimal::from_str_exact(d).ok())
        .unwrap_or(Decimal::ZERO);
    let base_rate = round_rate(
        od.checked_mul(Decimal::ONE - discount)
            .ok_or_else(|| over("the rate"))?,
    );
    let (mut rate, mut recurring, mut upfront, mut upfront_monthly) =
        (base_rate, base_rate, Decimal::ZERO, Decimal::ZERO);
    // A unit that is not time (Lambda's GB-seconds): the commitment is this month's
    // usage for every month of the term, its upfront part paid at the start; the
    // effective rate is the discounted rate (an hourly unit's upfront below is per
    // unit running every hour of the term, which a GB-second never is).
    let time_unit = entry.unit == "hour" || entry.unit.ends_with("-hour");
    if let (Some(t), Some(p), false) = (term, payment, time_unit) {
        let f = p.upfront_fraction();
        recurring = round_rate(base_rate * (Decimal::ONE - f));
        upfront = cents(
            base_rate
                .checked_mul(f)
                .and_then(|x| x.checked_mul(billable))
                .and_then(|x| x.checked_mul(t.months()))
                .ok_or_else(|| over("the upfront payment"))?,
        );
        upfront_monthly = cents(upfront / t.months());
    } else if let (Some(t), Some(p)) = (term, payment) {
        let f = p.upfront_fraction();
        recurring = round_rate(base_rate * (Decimal::ONE - f));
        let per_unit = cents(
            base_rate
                .checked_mul(f)
                .and_then(|x| x.checked_mul(t.hours()))
                .ok_or_else(|| over("the upfront payment"))?,
        );
        rate = round_rate(recurring + per_unit / t.hours());
        upfront = cents(
            per_unit
                .checked_mul(units)
                .ok_or_else(|| over("the upfront payment"))?,
        );
        upfront_monthly = cents(upfront / t.months());
    }
    // A commitment on an hourly line bills the whole month: spread it over the hours used.
    let hourly = entry.unit == "hour";
    let commitment = kind.is_commitment() && hourly;
    let unit_price = if commitment && hours > Decimal::ZERO && hours < month_hours() {
        round6(
            rate.checked_mul(month_hours())
                .ok_or_else(|| over("the rate"))?
                / hours,
        )
    } else {
        rate
    };
    let monthly = cents(
        billable
            .checked_mul(unit_price)
            .ok_or_else(|| over("quantity × unit_price"))?,
    );
    let (break_even_percent, uptime_percent) = if commitment && od > Decimal::ZERO {
        let up = round1((hours * Decimal::from(100) / month_hours()).min(Decimal::from(100)));
        (Some(round1(rate * Decimal::from(100) / od)), Some(up))
    } else {
        (None, None)
    };
    finish(
        PricedOption {
            option: spec.option.clone(),
            kind,
            term,
            payment,
            entry: None,
            rate,
            recurring,
            upfront,
            upfront_monthly,
            unit_price,
            monthly,
            on_demand_monthly: od_monthly,
            saving: Decimal::ZERO,
            saving_percent: Decimal::ZERO,
            break_even_percent,
            uptime_percent,
            status: PriceStatus::parse(spec.status.as_deref().unwrap_or("not-verified")),
            source: spec.source.clone().unwrap_or_else(|| entry.source.clone()),
            as_of: spec.as_of.clone().unwrap_or_else(|| entry.as_of.clone()),
            storage: None,
        },
        od_monthly,
    )
}

/// Fills in the saving against the baseline's monthly cost.
fn finish(mut o: PricedOption, base: Decimal) -> Result<PricedOption, CalcError> {
    o.on_demand_monthly = base;
    o.saving = base
        .checked_sub(o.monthly)
        .ok_or_else(|| over("the saving"))?;
    o.saving_percent = if base.is_zero() {
        Decimal::ZERO
    } else {
        round1(
            o.saving
                .checked_mul(Decimal::from(100))
                .ok_or_else(|| over("the saving"))?
                / base,
        )
    };
    Ok(o)
}

/// The line with an option picked: its `unit_price` becomes the option's, a storage
/// class also becomes the line's service, and `pricing` records the choice (older
/// readers keep it as an unknown field). On-Demand removes the record.
pub fn apply(line: &LineItem, o: &PricedOption) -> LineItem {
    let mut l = line.clone();
    l.unit_price = o.unit_price;
    if let Some(id) = &o.entry {
        // The label names the class it is in, as right-sizing renames the size:
        // "S3 Standard (CSV)" moved to Standard-IA reads "S3 Standard-IA (CSV)".
        if let (Some(old), Some(new)) = (class_name(&line.service), class_name(id)) {
            l.label = relabel(&line.label, old, new);
        }
        l.service = id.clone();
    }
    if o.kind == OptionKind::OnDemand {
        l.extra.remove("pricing");
    } else {
        l.extra.insert("pricing".into(), o.pricing_json());
    }
    l
}

/// An S3 storage class's name as labels write it.
fn class_name(id: &str) -> Option<&'static str> {
    Some(match id {
        "s3-standard" => "S3 Standard",
        "s3-intelligent-tiering" => "S3 Intelligent-Tiering",
        "s3-standard-ia" => "S3 Standard-IA",
        "s3-onezone-ia" => "S3 One Zone-IA",
        "s3-glacier-ir" => "S3 Glacier Instant Retrieval",
        "s3-glacier-fr" => "S3 Glacier Flexible Retrieval",
        "s3-deep-archive" => "S3 Glacier Deep Archive",
        _ => return None,
    })
}

/// `label` with the class name `old` (as a whole name: "S3 Standard" is not the
/// start of "S3 Standard-IA") replaced by `new`; unchanged when it has none.
fn relabel(label: &str, old: &str, new: &str) -> String {
    let mut from = 0;
    while let Some(i) = label[from..].find(old).map(|i| i + from) {
        let end = i + old.len();
        let whole = label[end..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '-'));
        if whole {
            return format!("{}{new}{}", &label[..i], &label[end..]);
        }
        from = end;
    }
    label.to_string()
}

/// The option a line records in `pricing`, if any: (option, term, payment).
pub fn picked(line: &LineItem) -> Option<(String, Option<Term>, Option<Payment>)> {
    let p = line.extra.get("pricing")?.as_object()?;
    let option = p.get("option")?.as_str()?.to_string();
    let term = p.get("term").and_then(|v| v.as_str()).and_then(Term::parse);
    let payment = p
        .get("payment")
        .and_then(|v| v.as_str())
        .and_then(Payment::parse);
    Some((option, term, payment))
}

/// The cheapest option of a line that is not Spot (interruptible) and, if
/// `max_term` is one year, not a 3-year commitment.
pub fn cheapest(
    options: &[PricedOption],
    allow_spot: bool,
    max_term: Term,
) -> Option<&PricedOption> {
    options
        .iter()
        .filter(|o| allow_spot || o.kind != OptionKind::Spot)
        .filter(|o| o.term.is_none_or(|t| t <= max_term))
        .min_by_key(|o| o.monthly)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_class_move_renames_the_class_in_the_label_as_a_whole_name() {
        assert_eq!(
            relabel("S3 Standard (CSV)", "S3 Standard", "S3 Standard-IA"),
            "S3 Standard-IA (CSV)"
        );
        assert_eq!(
            relabel("S3 Standard-IA (CSV)", "S3 Standard-IA", "S3 Standard"),
            "S3 Standard (CSV)"
        );
        // "S3 Standard" inside "S3 Standard-IA" is not the class S3 Standard.
        assert_eq!(
            relabel(
                "S3 Standard-IA copy",
                "S3 Standard",
                "S3 Glacier Deep Archive"
            ),
            "S3 Standard-IA copy"
        );
        assert_eq!(
            relabel("my bucket", "S3 Standard", "S3 One Zone-IA"),
            "my bucket"
        );
    }

    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect("decimal")
    }

    fn scenario_line(id: &str, service: &str) -> LineItem {
        let b = crate::budget::scenario(id)
            .expect("bundled")
            .expect("valid");
        b.lines
            .into_iter()
            .find(|l| l.service == service)
            .expect("line")
    }

    #[test]
    fn the_bundled_option_sets_parse_and_every_entry_names_a_known_set() {
        let text = crate::assets::file("assets/pricing.json").expect("bundled");
        let book = OptionBook::parse(text).expect("parses");
        let cat = Catalog::bundled().expect("catalog");
        for e in &cat.entries {
            if let Some(s) = &e.option_set {
                assert!(book.option_sets.contains_key(s), "{}: {s}", e.id);
            }
            for m in &e.caveat_meters {
                assert!(cat.entry(m).is_some(), "{}: caveat meter {m}", e.id);
            }
        }
        assert!(!book.note(Lang::En).is_empty() && !book.note(Lang::PtBr).is_empty());
    }

    #[test]
    fn a_plan_on_lambda_duration_prepays_the_lines_spend_not_instance_hours() {
        // 10 million GB-seconds a month at $0.0000166667: $166.67 On-Demand.
        let cat = Catalog::bundled().expect("catalog");
        let mut l =
            super::super::workbench::line_from_entry(cat.entry("lambda-duration").expect("entry"));
        l.factors[0].value = d("10000000");
        l.free_quantity = Decimal::ZERO;
        let opts = for_line(&l, &cat).expect("options");
        assert_eq!(opts[0].monthly, d("166.67"));
        let plans: Vec<&PricedOption> = opts.iter().skip(1).collect();
        assert_eq!(plans.len(), 6);
        for o in &plans {
            let (t, p) = (o.term.expect("term"), o.payment.expect("payment"));
            // Amortized, the rate is the discounted one, kept to 10 decimals.
            assert_eq!(o.rate, o.unit_price);
            assert_eq!(o.monthly, cents(d("10000000") * o.rate));
            // The upfront is the prepaid share of the discounted spend for the term.
            let want = cents(d("10000000") * o.rate * p.upfront_fraction() * t.months());
            assert_eq!(o.upfront, want, "{t:?} {p:?}");
            assert!(
                o.upfront <= cents(d("10000000") * o.rate * t.months()),
                "no more than the term's spend"
            );
        }
        // A bigger discount is a lower rate: no rounding makes partial upfront dearer.
        for w in plans.windows(2) {
            assert!(w[1].rate < w[0].rate, "{} then {}", w[0].rate, w[1].rate);
        }
        let partial_1y = plans[1];
        assert_eq!(partial_1y.rate, d("0.0000145000"));
        assert_eq!(partial_1y.upfront, d("870.00"));
    }

    #[test]
    fn the_web_server_under_a_1_year_compute_savings_plan() {
        let cat = Catalog::bundled().expect("catalog");
        let l = scenario_line("scenario-1", "ec2-t3-medium");
        let opts = for_line(&l, &cat).expect("options");
        assert_eq!(opts[0].kind, OptionKind::OnDemand);
        assert_eq!(opts[0].monthly, d("29.95"));
        let sp = opts
            .iter()
            .find(|o| {
                o.kind == OptionKind::ComputeSp
                    && o.term == Some(Term::OneYear)
                    && o.payment == Some(Payment::NoUpfront)
            })
            .expect("compute sp");
        // 0.0416 × 0.72 = 0.029952 per hour, 720 h.
        assert_eq!(sp.rate, d("0.029952"));
        assert_eq!(sp.monthly, d("21.57"));
        assert_eq!(sp.saving, d("8.38"));
        assert_eq!(sp.saving_percent, d("28.0"));
        assert_eq!(sp.break_even_percent, Some(d("72.0")));
        let applied = apply(&l, sp);
        assert_eq!(applied.compute().expect("cost").cost, d("21.57"));
        assert_eq!(
            picked(&applied),
            Some((
                "compute-sp".into(),
                Some(Term::OneYear),
                Some(Payment::NoUpfront)
            ))
        );
        assert!(
            opts.iter()
                .any(|o| o.kind == OptionKind::Spot && o.variable())
        );
    }

    #[test]
    fn all_upfront_shows_the_upfront_and_amortizes_it() {
        let cat = Catalog::bundled().expect("catalog");
        let l = scenario_line("scenario-1", "ec2-t3-medium");
        let opts = for_line(&l, &cat).expect("options");
        let au = opts
            .iter()
            .find(|o| {
                o.kind == OptionKind::StandardRi
                    && o.term == Some(Term::ThreeYears)
                    && o.payment == Some(Payment::AllUpfront)
            })
            .expect("3y all upfront");
        assert_eq!(au.recurring, Decimal::ZERO);
        assert!(au.upfront > Decimal::ZERO);
        assert_eq!(au.upfront_monthly, cents(au.upfront / d("36")));
        assert!(au.saving_percent > d("50"));
    }

    #[test]
    fn a_part_time_sagemaker_line_pays_a_commitment_for_the_whole_month() {
        let cat = Catalog::bundled().expect("catalog");
        let l = scenario_line("scenario-2", "sagemaker-train-ml-m4-xlarge");
        let opts = for_line(&l, &cat).expect("options");
        let sp = opts
            .iter()
            .find(|o| o.kind == OptionKind::SageMakerSp)
            .expect("sagemaker sp");
        assert!(
            sp.saving < Decimal::ZERO,
            "60 h of 720: the plan costs more"
        );
        assert_eq!(sp.uptime_percent, Some(d("8.3")));
        let spot = opts
            .iter()
            .find(|o| o.kind == OptionKind::Spot)
            .expect("spot");
        assert!(spot.saving > Decimal::ZERO);
    }

    #[test]
    fn s3_lines_pick_a_storage_class() {
        let cat = Catalog::bundled().expect("catalog");
        let l = scenario_line("scenario-1", "s3-standard");
        let opts = for_line(&l, &cat).expect("options");
        assert_eq!(opts[0].option, "s3-standard");
        let ia = opts
            .iter()
            .find(|o| o.option == "s3-standard-ia")
            .expect("ia");
        assert_eq!(ia.monthly, d("1.25"));
        assert_eq!(ia.saving, d("1.05"));
        assert!(ia.commitment(Lang::En).contains("30 days"));
        let applied = apply(&l, ia);
        assert_eq!(applied.service, "s3-standard-ia");
        assert!(opts.iter().any(|o| o.option == "s3-deep-archive"));
    }

    #[test]
    fn custom_lines_have_no_options() {
        let cat = Catalog::bundled().expect("catalog");
        let mut l = scenario_line("scenario-1", "ec2-t3-medium");
        l.service = "custom".into();
        assert!(for_line(&l, &cat).expect("ok").is_empty());
    }
}
