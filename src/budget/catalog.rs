//! The pricing catalog (`assets/pricing.json`): per priced item, the course's unit
//! price next to the documented us-east-1 price, its source and date, the monthly
//! free tier and the caveats the simple figure leaves out, in both languages.
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::content::bank::{LangText, text_in};
use crate::lang::Lang;

#[derive(Clone, Debug, Deserialize)]
pub struct DefaultFactor {
    pub label: String,
    pub value: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Entry {
    pub id: String,
    /// The AWS service family, for grouping ("Amazon EC2").
    pub service: String,
    pub name: LangText,
    pub unit: String,
    #[serde(default)]
    pub course_price: Option<String>,
    /// None when no reliable figure was found ("not verified").
    pub documented_price: Option<String>,
    /// How sure the documented price is: aws-page, aws-data, transcribed, third-party, not-verified.
    pub documented_status: String,
    pub as_of: String,
    pub source: String,
    pub free_tier: FreeTier,
    pub factors: Vec<DefaultFactor>,
    pub caveats: BTreeMap<String, Vec<String>>,
    /// Further pages the price was checked against (the first is `source`).
    #[serde(default)]
    pub more_sources: Vec<String>,
    /// Which of the catalog's `option_sets` (purchase options) apply (`budget::options`).
    #[serde(default)]
    pub option_set: Option<String>,
    /// Entries of one family share this id; right-sizing steps through them in
    /// catalog order (`budget::workbench::resize`).
    #[serde(default)]
    pub size_family: Option<String>,
    /// For S3 storage classes: minimum storage duration, retrieval and request prices.
    #[serde(default)]
    pub storage_class: Option<StorageClass>,
    /// Catalog ids of the meters the caveats name, which "add this line" offers.
    #[serde(default)]
    pub caveat_meters: Vec<String>,
}

/// What an S3 storage class bills besides storage (decimal strings in the file).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct StorageClass {
    /// Minimum storage duration in days (an object deleted sooner is billed for it).
    pub min_days: String,
    /// Price per GB read back.
    pub retrieval_per_gb: String,
    /// Price per 1,000 PUT, COPY, POST or LIST requests.
    pub put_per_1k: String,
    /// Price per 1,000 GET requests.
    pub get_per_1k: String,
}

impl StorageClass {
    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap_or(Decimal::ZERO)
    }
    pub fn min_days(&self) -> Decimal {
        Self::dec(&self.min_days)
    }
    pub fn retrieval_per_gb(&self) -> Decimal {
        Self::dec(&self.retrieval_per_gb)
    }
    pub fn put_per_1k(&self) -> Decimal {
        Self::dec(&self.put_per_1k)
    }
    pub fn get_per_1k(&self) -> Decimal {
        Self::dec(&self.get_per_1k)
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct FreeTier {
    pub quantity: String,
    pub note: LangText,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Catalog {
    pub version: u32,
    pub region: String,
    pub as_of: String,
    pub entries: Vec<Entry>,
}

/// How sure a documented price is (`documented_status` in the catalog), with the
/// words a reader sees in each language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PriceStatus {
    /// Read on a stored copy of AWS's pricing page.
    AwsPage,
    /// Taken from AWS's price-list data.
    AwsData,
    /// Copied by hand from an AWS page whose table is drawn by script.
    Transcribed,
    /// An AWS price as a source outside AWS reports it.
    ThirdParty,
    /// Worked out, not read: the on-demand price times (1 − a typical discount).
    Estimate,
    /// No reliable figure was found.
    NotVerified,
}

impl PriceStatus {
    pub const ALL: [PriceStatus; 6] = [
        PriceStatus::AwsPage,
        PriceStatus::AwsData,
        PriceStatus::Transcribed,
        PriceStatus::ThirdParty,
        PriceStatus::Estimate,
        PriceStatus::NotVerified,
    ];

    /// From the catalog's code; an unknown code reads as not verified.
    pub fn parse(code: &str) -> PriceStatus {
        match code {
            "aws-page" => PriceStatus::AwsPage,
            "aws-data" => PriceStatus::AwsData,
            "transcribed" => PriceStatus::Transcribed,
            "third-party" => PriceStatus::ThirdParty,
            "estimate" => PriceStatus::Estimate,
            _ => PriceStatus::NotVerified,
        }
    }

    /// The catalog's code (`aws-page` …), as the machine formats keep it.
    pub fn code(self) -> &'static str {
        match self {
            PriceStatus::AwsPage => "aws-page",
            PriceStatus::AwsData => "aws-data",
            PriceStatus::Transcribed => "transcribed",
            PriceStatus::ThirdParty => "third-party",
            PriceStatus::Estimate => "estimate",
            PriceStatus::NotVerified => "not-verified",
        }
    }

    /// A word or two for a column.
    pub fn word(self, lang: Lang) -> &'static str {
        let (en, pt) = match self {
            PriceStatus::AwsPage => ("AWS page", "página da AWS"),
            PriceStatus::AwsData => ("AWS data", "dados da AWS"),
            PriceStatus::Transcribed => ("transcribed", "transcrito"),
            PriceStatus::ThirdParty => ("third party", "terceiros"),
            PriceStatus::Estimate => ("estimate", "estimativa"),
            PriceStatus::NotVerified => ("not verified", "não verificado"),
        };
        crate::lang::tr(lang, en, pt)
    }

    /// What the word means, for a legend.
    pub fn meaning(self, lang: Lang) -> &'static str {
        let (en, pt) = match self {
            PriceStatus::AwsPage => (
                "read on AWS's pricing page",
                "lido na página de preços da AWS",
            ),
            PriceStatus::AwsData => (
                "taken from AWS's price-list data",
                "tirado dos dados da lista de preços da AWS",
            ),
            PriceStatus::Transcribed => (
                "copied by hand from an AWS page",
                "copiado à mão de uma página da AWS",
            ),
            PriceStatus::ThirdParty => (
                "AWS's price as reported by a source outside AWS",
                "preço da AWS informado por uma fonte de fora da AWS",
            ),
            PriceStatus::Estimate => (
                "worked out as the on-demand price less a typical discount, not read as a price",
                "calculado como o preço sob demanda menos um desconto típico, não lido como preço",
            ),
            PriceStatus::NotVerified => (
                "not confirmed on an AWS page or a price table (a figure shown is unconfirmed)",
                "não confirmado numa página da AWS nem numa tabela de preços (um valor mostrado não está confirmado)",
            ),
        };
        crate::lang::tr(lang, en, pt)
    }
}

impl Entry {
    /// How sure the documented price is.
    pub fn status(&self) -> PriceStatus {
        if self.documented().is_none() {
            return PriceStatus::NotVerified;
        }
        PriceStatus::parse(&self.documented_status)
    }

    pub fn name(&self, lang: Lang) -> &str {
        text_in(&self.name, lang)
    }
    /// Every page the price was checked against, `source` first.
    pub fn sources(&self) -> Vec<&str> {
        std::iter::once(self.source.as_str())
            .chain(self.more_sources.iter().map(String::as_str))
            .collect()
    }
    /// The on-demand price options are measured against: the documented price,
    /// else the course's.
    pub fn on_demand(&self) -> Option<Decimal> {
        self.documented().or_else(|| self.course())
    }
    pub fn caveats(&self, lang: Lang) -> &[String] {
        self.caveats
            .get(lang.code())
            .or_else(|| self.caveats.get(lang.other().code()))
            .map_or(&[], Vec::as_slice)
    }
    pub fn course(&self) -> Option<Decimal> {
        self.course_price
            .as_deref()
            .and_then(|s| Decimal::from_str_exact(s).ok())
    }
    pub fn documented(&self) -> Option<Decimal> {
        self.documented_price
            .as_deref()
            .and_then(|s| Decimal::from_str_exact(s).ok())
    }
    /// The price a new line starts with: the documented one, else the course's.
    pub fn default_price(&self) -> Decimal {
        self.documented()
            .or_else(|| self.course())
            .unwrap_or(Decimal::ZERO)
    }
    pub fn free_quantity(&self) -> Decimal {
        Decimal::from_str_exact(&self.free_tier.quantity).unwrap_or(Decimal::ZERO)
    }
}

impl Catalog {
    pub fn parse(text: &str) -> Result<Catalog, String> {
        let c: Catalog =
            serde_json::from_str(text).map_err(|e| format!("line {}: {e}", e.line()))?;
        if c.version != 1 {
            return Err(format!("unsupported catalog version {}", c.version));
        }
        for e in &c.entries {
            for (what, v) in [
                ("course_price", e.course_price.as_deref()),
                ("documented_price", e.documented_price.as_deref()),
                ("free_tier.quantity", Some(e.free_tier.quantity.as_str())),
            ] {
                if let Some(v) = v
                    && Decimal::from_str_exact(v).is_err()
                {
                    return Err(format!("entry {}: {what} '{v}' is not a decimal", e.id));
                }
            }
            if let Some(sc) = &e.storage_class {
                for (what, v) in [
                    ("min_days", &sc.min_days),
                    ("retrieval_per_gb", &sc.retrieval_per_gb),
                    ("put_per_1k", &sc.put_per_1k),
                    ("get_per_1k", &sc.get_per_1k),
                ] {
                    if Decimal::from_str_exact(v).is_err() {
                        return Err(format!(
                            "entry {}: storage_class.{what} '{v}' is not a decimal",
                            e.id
                        ));
                    }
                }
            }
            for f in &e.factors {
                if Decimal::from_str_exact(&f.value).is_err() {
                    return Err(format!(
                        "entry {}: factor '{}' value '{}' is not a decimal",
                        e.id, f.label, f.value
                    ));
                }
            }
        }
        Ok(c)
    }

    /// The bundled catalog, parsed once for the whole run (`None` if it could not
    /// be: tests make sure it can).
    pub fn shared() -> Option<&'static Catalog> {
        static CATALOG: std::sync::OnceLock<Option<Catalog>> = std::sync::OnceLock::new();
        CATALOG.get_or_init(|| Catalog::bundled().ok()).as_ref()
    }

    /// The bundled catalog (validated by tests, so this cannot fail at run time
    /// for a released build; an error still becomes a message, not a panic).
    pub fn bundled() -> Result<Catalog, String> {
        let text = crate::assets::file("assets/pricing.json")
            .ok_or_else(|| "assets/pricing.json is not bundled".to_string())?;
        Catalog::parse(text).map_err(|e| format!("assets/pricing.json: {e}"))
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Entries whose id, service or name contains `filter` (case/accent-insensitive).
    pub fn filter(&self, filter: &str, lang: Lang) -> Vec<&Entry> {
        let f = crate::markdown::text::fold(filter.trim());
        self.entries
            .iter()
            .filter(|e| {
                f.is_empty()
                    || [
                        e.id.as_str(),
                        e.service.as_str(),
                        e.name(lang),
                        e.name(lang.other()),
                    ]
                    .iter()
                    .any(|s| crate::markdown::text::fold(s).contains(&f))
            })
            .collect()
    }
}
