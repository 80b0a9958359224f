//! The cost-optimization workbench's other moves on a budget, for the Budget tab
//! and the CLI alike: right-sizing an instance line through its family's sizes,
//! hour presets, splitting an S3 line across storage classes (with a lifecycle
//! example), "add this line" for the meters a caveat names, the free-tier switch and
//! the Region the prices are for. Each returns new lines; the caller keeps undo.
use rust_decimal::Decimal;

use super::catalog::{Catalog, Entry};
use super::{Budget, CalcError, Factor, LineItem};
use crate::lang::{Lang, tr};

/// A line priced from a catalog entry: its name (English) as the label, its
/// default factors (the stated default quantity), its price (documented, else the
/// course's) and its always-free quantity.
pub fn line_from_entry(e: &Entry) -> LineItem {
    line_from_entry_in(e, Lang::En)
}

/// `line_from_entry` labelled in a language.
pub fn line_from_entry_in(e: &Entry, lang: Lang) -> LineItem {
    LineItem {
        service: e.id.clone(),
        label: e.name(lang).to_string(),
        unit: e.unit.clone(),
        unit_price: e.default_price(),
        factors: e
            .factors
            .iter()
            .map(|f| Factor {
                label: f.label.clone(),
                value: Decimal::from_str_exact(&f.value).unwrap_or(Decimal::ONE),
                extra: Default::default(),
            })
            .collect(),
        free_quantity: e.free_quantity(),
        included: true,
        extra: Default::default(),
    }
}

/// "Add this line": the meters the caveats of a line's service name, each as a line
/// with its default quantity (scenario 1's hidden costs, one key each).
pub fn caveat_lines(line: &LineItem, cat: &Catalog, lang: Lang) -> Vec<LineItem> {
    cat.entry(&line.service)
        .map(|e| {
            e.caveat_meters
                .iter()
                .filter_map(|id| cat.entry(id))
                .map(|m| line_from_entry_in(m, lang))
                .collect()
        })
        .unwrap_or_default()
}

/// The sizes of a line's family (t3.micro … t3.large, db.t3.*, ml.m5.*), cheapest
/// first; empty when the line's service has no family.
pub fn sizes<'a>(line: &LineItem, cat: &'a Catalog) -> Vec<&'a Entry> {
    let Some(family) = cat
        .entry(&line.service)
        .and_then(|e| e.size_family.as_deref())
    else {
        return Vec::new();
    };
    let mut v: Vec<&Entry> = cat
        .entries
        .iter()
        .filter(|e| e.size_family.as_deref() == Some(family))
        .collect();
    v.sort_by_key(|e| e.default_price());
    v
}

/// A line stepped `step` sizes up (positive) or down within its family, and the
/// change in its monthly cost. `None` at either end or for a line without sizes.
/// The label's size name is replaced; a picked purchase option is dropped (its rate
/// was for the old size).
pub fn resize(
    line: &LineItem,
    cat: &Catalog,
    step: i32,
) -> Result<Option<(LineItem, Decimal)>, CalcError> {
    let family = sizes(line, cat);
    let Some(at) = family.iter().position(|e| e.id == line.service) else {
        return Ok(None);
    };
    let to = at as i64 + i64::from(step);
    if to < 0 || to >= family.len() as i64 {
        return Ok(None);
    }
    let new = family[to as usize];
    let old = family[at];
    let mut l = line.clone();
    l.service = new.id.clone();
    l.unit_price = new.default_price();
    let (old_size, new_size) = (size_name(&old.id), size_name(&new.id));
    if !old_size.is_empty() && l.label.contains(old_size) {
        l.label = l.label.replace(old_size, new_size);
    }
    l.extra.remove("pricing");
    let before = line.compute()?.cost;
    let after = l.compute()?.cost;
    let diff = after
        .checked_sub(before)
        .ok_or_else(|| CalcError::Overflow("the difference".into()))?;
    Ok(Some((l, diff)))
}

/// The size in an entry id: `ec2-t3-medium` → `medium`.
fn size_name(id: &str) -> &str {
    id.rsplit('-').next().unwrap_or("")
}

/// Hours a month an instance line runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HourPreset {
    /// The course's month: 30 days × 24 h.
    Course,
    /// AWS's calculator month: 730 h.
    AwsMonth,
    /// Business hours: 10 h a day, 22 working days.
    BusinessHours,
    Custom(Decimal),
}

impl HourPreset {
    pub const PRESETS: [HourPreset; 3] = [
        HourPreset::Course,
        HourPreset::AwsMonth,
        HourPreset::BusinessHours,
    ];

    pub fn hours(self) -> Decimal {
        match self {
            HourPreset::Course => Decimal::from(720),
            HourPreset::AwsMonth => Decimal::from(730),
            HourPreset::BusinessHours => Decimal::from(220),
            HourPreset::Custom(h) => h,
        }
    }

    pub fn label(self, lang: Lang) -> String {
        match self {
            HourPreset::Course => {
                tr(lang, "720 h (course: 30 days)", "720 h (curso: 30 dias)").into()
            }
            HourPreset::AwsMonth => tr(lang, "730 h (AWS's month)", "730 h (mês da AWS)").into(),
            HourPreset::BusinessHours => tr(
                lang,
                "220 h (business hours: 10 h × 22 days)",
                "220 h (horário comercial: 10 h × 22 dias)",
            )
            .into(),
            HourPreset::Custom(h) => {
                format!("{} h", crate::numfmt::decimal(h, lang))
            }
        }
    }
}

fn is_time_label(label: &str) -> bool {
    let f = crate::markdown::text::fold(label);
    ["hour", "hora", "day", "dia"].iter().any(|w| f.contains(w))
}

/// The line with its time factors (hours, hours/day, days) replaced by one `hours`
/// factor set to the preset, where the first of them was (appended if none).
pub fn set_hours(line: &LineItem, preset: HourPreset) -> Result<LineItem, CalcError> {
    super::check_bounds(preset.hours(), "hours")?;
    let mut l = line.clone();
    let at = l.factors.iter().position(|f| is_time_label(&f.label));
    l.factors.retain(|f| !is_time_label(&f.label));
    let hours = Factor {
        label: "hours".into(),
        value: preset.hours(),
        extra: Default::default(),
    };
    match at {
        Some(i) => l.factors.insert(i.min(l.factors.len()), hours),
        None => l.factors.push(hours),
    }
    l.compute()?;
    Ok(l)
}

/// A factor label that counts time as hours do ("hours", "hours/day", "days", in
/// either language), not a unit that merely names hours ("DPU-hours").
fn is_hours_factor(label: &str) -> bool {
    let f = crate::markdown::text::fold(label.trim());
    matches!(
        f.as_str(),
        "hours" | "horas" | "hours/day" | "horas/dia" | "days" | "dias" | "h"
    )
}

/// Whether hour presets apply: a line billed by the hour (`hour`, `LCU-hour`,
/// `shard-hour`…) whose time is a factor of its own.
pub fn is_hourly(line: &LineItem) -> bool {
    let unit = line.unit.trim().to_ascii_lowercase();
    (unit == "hour" || unit.ends_with("-hour"))
        && line.factors.iter().any(|f| is_hours_factor(&f.label))
}

/// The hours a month an hourly line runs: the product of its time factors (hours,
/// or hours/day × days); `None` for a line that is not hourly.
pub fn hours_of(line: &LineItem) -> Option<Decimal> {
    if !is_hourly(line) {
        return None;
    }
    line.factors
        .iter()
        .filter(|f| is_hours_factor(&f.label))
        .try_fold(Decimal::ONE, |acc, f| acc.checked_mul(f.value))
}

/// The S3 storage classes of the catalog, in its order (Standard first, Deep
/// Archive last).
pub fn storage_classes(cat: &Catalog) -> Vec<&Entry> {
    cat.entries
        .iter()
        .filter(|e| e.storage_class.is_some())
        .collect()
}

/// A storage class's name as people write it in a label: the catalog's name
/// without "storage"/"Armazenamento" and without a parenthesis (`S3 Standard`,
/// `S3 Intelligent-Tiering`).
fn class_short_name(name: &str) -> &str {
    let name = name.strip_prefix("Armazenamento ").unwrap_or(name);
    let name = name.split(" (").next().unwrap_or(name);
    name.strip_suffix(" storage").unwrap_or(name)
}

/// The label of a line moved from storage class `old` to `new`: the catalog's name
/// of `old` (in either language) becomes the name of `new`, and a label that starts
/// with the old class's name gets the new one in its place, keeping what the user
/// wrote after it (`S3 Standard (CSV)` → `S3 Standard-IA (CSV)`). `None` for a label
/// of the user's own, which stays.
pub fn relabel_for_class(label: &str, old: &Entry, new: &Entry) -> Option<String> {
    for lang in [Lang::En, Lang::PtBr] {
        if label == old.name(lang) {
            return Some(new.name(lang).to_string());
        }
    }
    // Longest names first, so "S3 Standard storage" wins over "S3 Standard".
    let mut names: Vec<(&str, &str)> = [Lang::En, Lang::PtBr]
        .into_iter()
        .flat_map(|lang| {
            let (o, n) = (old.name(lang), class_short_name(new.name(lang)));
            [(o, n), (class_short_name(o), n)]
        })
        .collect();
    names.sort_by_key(|(o, _)| std::cmp::Reverse(o.len()));
    names.into_iter().find_map(|(o, n)| {
        let rest = label.strip_prefix(o)?;
        // A whole name only: `S3 Standard` is not the start of `S3 Standard-IA`.
        let boundary = rest
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-' && c != '.');
        (boundary && o != n).then(|| format!("{n}{rest}"))
    })
}

/// Whether a line is S3 storage in one of the catalog's classes.
pub fn is_s3_storage(line: &LineItem, cat: &Catalog) -> bool {
    cat.entry(&line.service)
        .is_some_and(|e| e.storage_class.is_some())
}

/// The budget-level record of the free-tier switch (older readers keep it as an
/// unknown field).
const FREE_TIER_KEY: &str = "free_tier";

/// Whether the free-tier switch is on in this budget.
pub fn free_tier_on(b: &Budget) -> bool {
    b.extra
        .get(FREE_TIER_KEY)
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// `with_free_tier` that also records the switch in the budget, so a saved budget,
/// a draft and undo all remember it.
pub fn switch_free_tier(b: &Budget, cat: &Catalog, on: bool) -> Budget {
    let mut out = with_free_tier(b, cat, on);
    if on {
        out.extra
            .insert(FREE_TIER_KEY.into(), serde_json::Value::Bool(true));
    } else {
        out.extra.remove(FREE_TIER_KEY);
    }
    out
}

/// Why an S3 split was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The shares do not add up to 100 (what they add up to).
    NotHundred(Decimal),
    /// Not an S3 storage class of the catalog.
    UnknownClass(String),
    Calc(CalcError),
}

impl SplitError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SplitError::NotHundred(s), Lang::En) => format!(
                "the shares add up to {}%, not 100%",
                crate::numfmt::decimal(*s, lang)
            ),
            (SplitError::NotHundred(s), Lang::PtBr) => format!(
                "as partes somam {}%, não 100%",
                crate::numfmt::decimal(*s, lang)
            ),
            (SplitError::UnknownClass(c), Lang::En) => format!("'{c}' is not an S3 storage class"),
            (SplitError::UnknownClass(c), Lang::PtBr) => {
                format!("'{c}' não é uma classe de armazenamento do S3")
            }
            (SplitError::Calc(e), _) => e.message(lang),
        }
    }
}

/// An S3 line split across storage classes by percentage: one line per class with
/// its share of the GB (labelled "… (S3 Standard-IA, 30%)"), priced at the class.
pub fn split_s3(
    line: &LineItem,
    shares: &[(&str, Decimal)],
    cat: &Catalog,
    lang: Lang,
) -> Result<Vec<LineItem>, SplitError> {
    let sum: Decimal = shares.iter().map(|(_, p)| *p).sum();
    if sum != Decimal::from(100) {
        return Err(SplitError::NotHundred(sum));
    }
    let gb = line.quantity().map_err(SplitError::Calc)?;
    let mut out = Vec::new();
    for (id, pct) in shares {
        let e = cat
            .entry(id)
            .filter(|e| e.storage_class.is_some())
            .ok_or_else(|| SplitError::UnknownClass((*id).to_string()))?;
        if pct.is_zero() {
            continue;
        }
        let mut l = line_from_entry_in(e, lang);
        l.label = format!(
            "{} ({}, {}%)",
            line.label,
            e.name(lang),
            crate::numfmt::decimal(*pct, lang)
        );
        l.free_quantity = Decimal::ZERO;
        l.factors = vec![Factor {
            label: "GB".into(),
            value: gb * *pct / Decimal::from(100),
            extra: Default::default(),
        }];
        l.included = line.included;
        out.push(l);
    }
    Ok(out)
}

/// The lifecycle example (objects to Standard-IA after 30 days, to Glacier Flexible
/// Retrieval after 180, kept `retention_days`): in a steady state with data written
/// evenly, the share of the stock in each class, in percent (adds up to 100).
pub fn lifecycle_split(
    retention_days: u32,
    ia_after: u32,
    glacier_after: u32,
) -> Vec<(&'static str, Decimal)> {
    let r = Decimal::from(retention_days.max(1));
    let ia = ia_after.min(retention_days);
    let gl = glacier_after.clamp(ia, retention_days);
    let pct = |days: u32| {
        (Decimal::from(days) * Decimal::from(100) / r)
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    };
    let std = pct(ia);
    let mid = pct(gl - ia);
    let cold = Decimal::from(100) - std - mid;
    vec![
        ("s3-standard", std),
        ("s3-standard-ia", mid),
        ("s3-glacier-fr", cold),
    ]
}

/// The free-tier switch: on, every catalog line's free quantity becomes the
/// catalog's always-free quantity (legacy 12-month offers are not counted: see
/// `legacy_offers`); off, every free quantity is zero. Custom lines keep theirs.
pub fn with_free_tier(b: &Budget, cat: &Catalog, on: bool) -> Budget {
    let mut out = b.clone();
    for l in &mut out.lines {
        if let Some(e) = cat.entry(&l.service) {
            l.free_quantity = if on { e.free_quantity() } else { Decimal::ZERO };
        }
    }
    out
}

/// The legacy 12-month free-tier offers that apply to a budget's lines (accounts
/// opened before 15 July 2025), shown apart, never applied: (label, note).
pub fn legacy_offers(b: &Budget, cat: &Catalog, lang: Lang) -> Vec<(String, String)> {
    b.lines
        .iter()
        .filter_map(|l| {
            let e = cat.entry(&l.service)?;
            let en = e.free_tier.note.get("en")?;
            let legacy = en.contains("12-month") || en.contains("before 15 July 2025");
            legacy.then(|| {
                (
                    l.label.clone(),
                    crate::content::bank::text_in(&e.free_tier.note, lang).to_string(),
                )
            })
        })
        .collect()
}

/// The header's Region: "us-east-1 prices".
pub fn region_label(cat: &Catalog, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} prices", cat.region),
        Lang::PtBr => format!("preços de {}", cat.region),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect("decimal")
    }

    fn s1() -> Budget {
        crate::budget::scenario("scenario-1")
            .expect("s1")
            .expect("ok")
    }

    #[test]
    fn a_class_name_in_a_label_follows_the_class_and_a_custom_label_stays() {
        let cat = Catalog::bundled().expect("catalog");
        let (std, ia, it) = (
            cat.entry("s3-standard").unwrap(),
            cat.entry("s3-standard-ia").unwrap(),
            cat.entry("s3-intelligent-tiering").unwrap(),
        );
        let re = |l: &str, o, n| relabel_for_class(l, o, n);
        assert_eq!(
            re("S3 Standard (CSV)", std, ia).as_deref(),
            Some("S3 Standard-IA (CSV)")
        );
        assert_eq!(
            re("S3 Standard storage", std, ia).as_deref(),
            Some("S3 Standard-IA")
        );
        assert_eq!(
            re("Armazenamento S3 Standard", std, ia).as_deref(),
            Some("S3 Standard-IA")
        );
        assert_eq!(
            re("S3 Standard-IA (CSV)", ia, std).as_deref(),
            Some("S3 Standard (CSV)")
        );
        assert_eq!(
            re("S3 Standard (CSV)", std, it).as_deref(),
            Some("S3 Intelligent-Tiering (CSV)")
        );
        assert_eq!(
            re("S3 Intelligent-Tiering (frequent tier)", it, ia).as_deref(),
            Some("S3 Standard-IA")
        );
        // Not the old class's name: the user's own label, or another class's.
        assert_eq!(re("Relatórios CSV", std, ia), None);
        assert_eq!(re("S3 Standard-IA (old)", std, ia), None);
        assert_eq!(re("S3 Standardized", std, ia), None);
    }

    #[test]
    fn right_sizing_steps_through_the_t3_family() {
        let cat = Catalog::bundled().expect("catalog");
        let web = s1().lines[0].clone();
        let ids: Vec<&str> = sizes(&web, &cat).iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "ec2-t3-micro",
                "ec2-t3-small",
                "ec2-t3-medium",
                "ec2-t3-large"
            ]
        );
        let (down, diff) = resize(&web, &cat, -1).expect("ok").expect("a smaller size");
        assert_eq!(down.service, "ec2-t3-small");
        assert_eq!(down.label, "EC2 t3.small (web)");
        // 720 h × 0.0208 = 14.98 against 29.95.
        assert_eq!(diff, d("-14.97"));
        assert!(
            resize(&web, &cat, 2).expect("ok").is_none(),
            "no size above large"
        );
        let rds = s1().lines[3].clone();
        let db: Vec<&str> = sizes(&rds, &cat).iter().map(|e| e.id.as_str()).collect();
        assert_eq!(db.len(), 4);
        assert_eq!(db[0], "rds-db-t3-micro");
    }

    #[test]
    fn hour_presets_replace_the_time_factors() {
        let ecs = crate::budget::scenario("scenario-2")
            .expect("s2")
            .expect("ok")
            .lines[2]
            .clone();
        let l = set_hours(&ecs, HourPreset::AwsMonth).expect("ok");
        assert_eq!(l.quantity().expect("q"), d("730"));
        assert_eq!(l.factors.len(), 2);
        let b = set_hours(&ecs, HourPreset::BusinessHours).expect("ok");
        assert_eq!(b.compute().expect("c").cost, d("9.15"));
        assert!(set_hours(&ecs, HourPreset::Custom(d("-1"))).is_err());
        assert!(
            HourPreset::BusinessHours
                .label(Lang::PtBr)
                .contains("horário comercial")
        );
    }

    #[test]
    fn an_s3_line_split_by_the_lifecycle_example() {
        let cat = Catalog::bundled().expect("catalog");
        let s3 = s1().lines[2].clone();
        let split = lifecycle_split(365, 30, 180);
        let total: Decimal = split.iter().map(|(_, p)| *p).sum();
        assert_eq!(total, d("100"));
        let shares: Vec<(&str, Decimal)> = split.clone();
        let lines = split_s3(&s3, &shares, &cat, Lang::En).expect("splits");
        assert_eq!(lines.len(), 3);
        let gb: Decimal = lines.iter().map(|l| l.quantity().expect("q")).sum();
        assert_eq!(gb, d("100"));
        let cost: Decimal = lines.iter().map(|l| l.compute().expect("c").cost).sum();
        assert!(cost < d("2.30"), "{cost}");
        assert!(matches!(
            split_s3(&s3, &[("s3-standard", d("50"))], &cat, Lang::En),
            Err(SplitError::NotHundred(_))
        ));
        assert!(matches!(
            split_s3(&s3, &[("ec2-t3-medium", d("100"))], &cat, Lang::En),
            Err(SplitError::UnknownClass(_))
        ));
    }

    #[test]
    fn hourly_lines_and_their_hours() {
        let s1 = s1();
        assert_eq!(hours_of(&s1.lines[0]), Some(d("720")), "EC2");
        assert!(!is_hourly(&s1.lines[2]), "S3 is billed by the GB-month");
        assert!(
            !is_hourly(&s1.lines[4]),
            "Glue's DPU-hours are not a time factor"
        );
        let s2 = crate::budget::scenario("scenario-2")
            .expect("s2")
            .expect("ok");
        // Kinesis: 2 shards × 24 h/day × 30 days.
        assert_eq!(hours_of(&s2.lines[0]), Some(d("720")));
        assert_eq!(hours_of(&s2.lines[4]), Some(d("60")), "SageMaker 2 h × 30");
        let l = set_hours(&s2.lines[0], HourPreset::BusinessHours).expect("ok");
        assert_eq!(hours_of(&l), Some(d("220")));
    }

    #[test]
    fn storage_classes_in_catalog_order_and_the_switch_is_recorded() {
        let cat = Catalog::bundled().expect("catalog");
        let ids: Vec<&str> = storage_classes(&cat)
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(ids.len(), 7);
        assert_eq!(ids[0], "s3-standard");
        assert_eq!(ids[6], "s3-deep-archive");
        let s1 = s1();
        assert!(is_s3_storage(&s1.lines[2], &cat));
        assert!(!is_s3_storage(&s1.lines[0], &cat));
        assert!(!free_tier_on(&s1));
        let on = switch_free_tier(&s1, &cat, true);
        assert!(free_tier_on(&on));
        let json = crate::budget::file::to_json(&on, None, None);
        assert!(json.contains("\"free_tier\": true"), "{json}");
        assert!(!free_tier_on(&switch_free_tier(&on, &cat, false)));
    }

    #[test]
    fn a_caveat_offers_its_meters_as_lines() {
        let cat = Catalog::bundled().expect("catalog");
        let web = s1().lines[0].clone();
        let extra = caveat_lines(&web, &cat, Lang::En);
        let ids: Vec<&str> = extra.iter().map(|l| l.service.as_str()).collect();
        assert!(
            ids.contains(&"ebs-gp3") && ids.contains(&"vpc-public-ipv4"),
            "{ids:?}"
        );
        assert!(extra.iter().all(|l| l.compute().is_ok()));
    }

    #[test]
    fn the_free_tier_switch_applies_always_free_quantities_only() {
        let cat = Catalog::bundled().expect("catalog");
        let s2 = crate::budget::scenario("scenario-2")
            .expect("s2")
            .expect("ok");
        let on = with_free_tier(&s2, &cat, true);
        let eb = on
            .lines
            .iter()
            .find(|l| l.service == "eventbridge-events")
            .expect("eb");
        assert_eq!(
            eb.free_quantity,
            Decimal::ZERO,
            "the course's 0.1 is not AWS's"
        );
        let lambda = on
            .lines
            .iter()
            .find(|l| l.service == "lambda-requests")
            .expect("λ");
        assert_eq!(lambda.free_quantity, Decimal::ONE);
        let off = with_free_tier(&s2, &cat, false);
        assert!(off.lines.iter().all(|l| l.free_quantity.is_zero()));
        let legacy = legacy_offers(&s1(), &cat, Lang::En);
        assert!(legacy.iter().any(|(l, _)| l.contains("RDS")), "{legacy:?}");
        assert_eq!(region_label(&cat, Lang::En), "us-east-1 prices");
    }
}
