//! What the evaluator found, kept for the reader: per layer, per policy, per
//! statement, whether the action, resource, principal and each condition matched and
//! through which value. The CLI prints it and the Lab draws it; neither re-evaluates.
use std::sync::Arc;

use super::case::{Decision, Layer};
use super::policy::Effect;
use super::reason::{Reason, Skip};
use crate::lang::{Lang, tr};

/// How a resource-based policy's `Allow` names the requester.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grant {
    /// The account (`"123456789012"` or `…:root`): a delegation to its IAM policies.
    Account,
    /// The role of an assumed-role session.
    RoleArn,
    /// The IAM user behind a federated user session.
    FederatingUser,
    /// The principal itself (user, session, service, `*`).
    Direct,
}

impl Grant {
    pub fn name(self) -> &'static str {
        match self {
            Grant::Account => "account",
            Grant::RoleArn => "role",
            Grant::FederatingUser => "federating-user",
            Grant::Direct => "direct",
        }
    }
}

/// Whether an `Action`/`Resource` element matched, and through which value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementMatch {
    pub matched: bool,
    /// The value that matched (or, for `Not…`, the value that excluded the request).
    pub by: Option<Arc<str>>,
    pub negated: bool,
    /// The element is missing (or both it and its `Not…` twin are given).
    pub absent: bool,
}

/// Why a `NotPrincipal` did not exempt the requester.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalNote {
    /// Not every identity of the requester (its ARN, its role, its account) is listed.
    NotAllListed,
    /// A Deny with `NotPrincipal` always applies to a principal with a boundary.
    BoundaryAttached,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipalMatch {
    pub matched: bool,
    pub grant: Option<Grant>,
    pub by: Option<String>,
    pub negated: bool,
    pub note: Option<PrincipalNote>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionTrace {
    pub operator: Arc<str>,
    pub key: Arc<str>,
    /// The request's values (`None`: the request lacks the key).
    pub request: Option<Arc<[String]>>,
    /// The policy's values after variable substitution.
    pub policy: Arc<[String]>,
    pub result: bool,
    /// IAM does not know the operator: a Deny fails closed (applies), an Allow does not.
    pub unknown_operator: bool,
    /// Variables the request had no value for (those values match nothing).
    pub unresolved: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementTrace {
    pub label: Arc<str>,
    pub pointer: Arc<str>,
    pub effect: Option<Effect>,
    pub action: ElementMatch,
    pub resource: ElementMatch,
    pub principal: Option<PrincipalMatch>,
    /// Evaluated only when action, resource and principal matched.
    pub conditions: Vec<ConditionTrace>,
    pub applies: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyTrace {
    /// `identity[0]`, `scp level 1 [0]`, `resource`…: the machine form (JSON);
    /// a reader sees [`PolicyTrace::label`].
    pub name: String,
    pub pointer: String,
    /// The layer the policy belongs to.
    pub layer: Layer,
    pub level: Option<usize>,
    /// Its place in its list (an SCP/RCP level, the identity policies).
    pub index: usize,
    pub statements: Vec<StatementTrace>,
}

impl PolicyTrace {
    /// The name a reader sees: an SCP or RCP says its level in words (`SCP, level 1
    /// [0]`, `SCP, nível 1 [0]`); the others keep the case file's name (`identity[0]`,
    /// `resource`…).
    pub fn label(&self, lang: Lang) -> String {
        match self.level {
            Some(level) => format!(
                "{}, {} {level} [{}]",
                self.layer.short(lang),
                tr(lang, "level", "nível"),
                self.index
            ),
            None => self.name.clone(),
        }
    }
    pub fn allows(&self) -> bool {
        self.statements
            .iter()
            .any(|s| s.applies && s.effect == Some(Effect::Allow))
    }
    pub fn denies(&self) -> bool {
        self.statements
            .iter()
            .any(|s| s.applies && s.effect == Some(Effect::Deny))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayerStatus {
    NotApplicable(Skip),
    Denies,
    Allows,
    NoAllow,
}

impl LayerStatus {
    pub fn name(&self) -> &'static str {
        match self {
            LayerStatus::NotApplicable(_) => "not-applicable",
            LayerStatus::Denies => "denies",
            LayerStatus::Allows => "allows",
            LayerStatus::NoAllow => "no-allow",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerTrace {
    pub layer: Layer,
    pub status: LayerStatus,
    pub policies: Vec<PolicyTrace>,
    /// SCP/RCP: whether each level (root → OU → account) allowed.
    pub levels: Vec<bool>,
    /// Resource policy: how its best applicable Allow names the requester.
    pub grant: Option<Grant>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub decision: Decision,
    pub decided_by: Layer,
    pub reason: Reason,
    pub cross_account: bool,
    pub layers: Vec<LayerTrace>,
    /// Context keys a relevant condition or variable needed and the request lacked.
    pub missing_context: Vec<String>,
}
