//! The evaluator: AWS's documented policy evaluation logic applied to one case, with
//! a trace a learner can read (every layer, every statement that applied and why).
//!
//! The order and the rules, each from the IAM User Guide (and the Organizations and
//! KMS guides) as cited in the tests:
//! 1. **Deny evaluation** — an applicable `Deny` in any policy (SCP, RCP, resource,
//!    identity, boundary, session) is the final decision ("Policy evaluation logic":
//!    how AWS enforcement code evaluates requests).
//! 2. **RCPs**, then **SCPs** — every level (root → OU → account) must have an
//!    applicable `Allow`. SCPs bind the principals of member accounts, the root user
//!    included, but not the management account, service-linked roles or AWS service
//!    principals; RCPs bind the resources of member accounts whoever calls, but not
//!    the management account's resources or service-linked roles.
//! 3. **Resource-based policy** — within one account, an `Allow` naming the user, the
//!    role session, the federated session, `*` or the service grants on its own; one
//!    naming the role (for a session of it) or the IAM user behind a federated session
//!    still answers to the permissions boundary and the session policy; one naming the
//!    account only delegates to the account's IAM policies.
//! 4. **Cross-account** — the identity side (identity, boundary, session) and the
//!    resource side must both allow.
//! 5. **KMS key policies and role trust policies** — the resource side is required even
//!    within the account: directly, or by delegating to the account.
//! 6. **Identity, boundary, session** — the identity-based policies must allow, and the
//!    boundary and session policy (when they apply) must allow too: they never grant.
//!    A federated user session without a session policy has no identity permissions.
//! 7. Otherwise the implicit deny; the account root user has full access to its own
//!    account's resources by default.
use super::case::{Case, Decision, Layer, Policies, Principal, PrincipalType, Request};
use super::cond::Family;
use super::matching::{
    Context, action_matches, resource_matches, service_of, substitute, unescape,
};
use super::policy::{Effect, Policy, PrincipalKey, Principals, Statement};
use std::borrow::Cow;
use std::sync::Arc;

pub use super::reason::{FailedCondition, Reason, Required, Skip};
pub use super::trace::*;

/// The requester as principal matching sees it.
struct Who<'a> {
    p: &'a Principal,
    boundary_attached: bool,
}

fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The account an `AWS` principal value names as a whole (`123…` or `arn:…:iam::123…:root`).
fn account_principal(v: &str) -> Option<&str> {
    if is_account_id(v) {
        return Some(v);
    }
    super::matching::parts6(v)
        .filter(|p| p[0] == "arn" && p[2] == "iam" && p[5] == "root")
        .map(|p| p[4])
}

impl Who<'_> {
    fn account(&self) -> Option<&str> {
        self.p.account.as_deref()
    }

    /// How one `Principal` entry names the requester, if it does.
    fn entry_grant(&self, key: PrincipalKey, v: &str) -> Option<Grant> {
        match key {
            PrincipalKey::Aws => {
                if let Some(acct) = account_principal(v) {
                    return (Some(acct) == self.account()).then_some(
                        if self.p.kind == PrincipalType::Root {
                            Grant::Direct
                        } else {
                            Grant::Account
                        },
                    );
                }
                if v == self.p.arn {
                    return Some(Grant::Direct);
                }
                match (&self.p.parent_arn, self.p.kind) {
                    (Some(parent), PrincipalType::AssumedRole) if parent == v => {
                        Some(Grant::RoleArn)
                    }
                    (Some(parent), PrincipalType::Federated) if parent == v => {
                        Some(Grant::FederatingUser)
                    }
                    _ => None,
                }
            }
            PrincipalKey::Service => (self.p.kind == PrincipalType::Service
                && v.eq_ignore_ascii_case(&self.p.arn))
            .then_some(Grant::Direct),
            PrincipalKey::Federated | PrincipalKey::CanonicalUser => {
                (v == self.p.arn).then_some(Grant::Direct)
            }
        }
    }

    /// The identities a `NotPrincipal` must list to exempt the requester ("AWS JSON
    /// policy elements: NotPrincipal": the account too, and for a role session its role).
    fn identities(&self) -> Vec<(PrincipalKey, String, bool)> {
        let mut out = Vec::new();
        match self.p.kind {
            PrincipalType::Service => out.push((PrincipalKey::Service, self.p.arn.clone(), false)),
            PrincipalType::Root => {}
            _ => {
                out.push((PrincipalKey::Aws, self.p.arn.clone(), false));
                if self.p.kind == PrincipalType::AssumedRole
                    && let Some(r) = &self.p.parent_arn
                {
                    out.push((PrincipalKey::Aws, r.clone(), false));
                }
            }
        }
        if self.p.kind != PrincipalType::Service
            && let Some(a) = self.account()
        {
            out.push((PrincipalKey::Aws, a.to_string(), true));
        }
        out
    }

    fn matches(&self, pr: &Principals, effect: Effect) -> PrincipalMatch {
        if !pr.negated {
            let mut best: Option<(Grant, String)> = if pr.anyone {
                Some((Grant::Direct, "*".into()))
            } else {
                None
            };
            for (k, v) in &pr.entries {
                if let Some(g) = self.entry_grant(*k, v)
                    && best.as_ref().is_none_or(|(b, _)| g > *b)
                {
                    best = Some((g, v.clone()));
                }
            }
            return PrincipalMatch {
                matched: best.is_some(),
                grant: best.as_ref().map(|b| b.0),
                by: best.map(|b| b.1),
                negated: false,
                note: None,
            };
        }
        let listed = |key: PrincipalKey, id: &str, account: bool| {
            pr.anyone
                || pr.entries.iter().any(|(k, v)| {
                    *k == key
                        && if account {
                            account_principal(v) == Some(id)
                        } else {
                            v == id
                        }
                })
        };
        let ids = self.identities();
        let all_listed = !ids.is_empty() && ids.iter().all(|(k, id, a)| listed(*k, id, *a));
        let (exempt, note) = if effect == Effect::Deny && self.boundary_attached {
            (false, Some(PrincipalNote::BoundaryAttached))
        } else if all_listed {
            (true, None)
        } else {
            (false, Some(PrincipalNote::NotAllListed))
        };
        PrincipalMatch {
            matched: !exempt,
            grant: (!exempt).then_some(Grant::Direct),
            by: exempt.then(|| self.p.arn.clone()),
            negated: true,
            note,
        }
    }
}

struct Eval<'a> {
    req: &'a Request,
    ctx: &'a Context,
    missing: Vec<String>,
}

impl Eval<'_> {
    fn note_missing(&mut self, key: &str) {
        if !self.missing.iter().any(|k| k.eq_ignore_ascii_case(key)) {
            self.missing.push(key.to_string());
        }
    }

    fn action(&self, st: &Statement) -> ElementMatch {
        let Some(names) = &st.action else {
            return ElementMatch {
                matched: false,
                by: None,
                negated: false,
                absent: true,
            };
        };
        let hit = names
            .values
            .iter()
            .find(|p| action_matches(p, &self.req.action));
        ElementMatch {
            matched: hit.is_some() != names.negated,
            by: hit.cloned(),
            negated: names.negated,
            absent: false,
        }
    }

    fn resource(&mut self, st: &Statement, vars: bool, attached: bool) -> ElementMatch {
        let Some(names) = &st.resource else {
            // A resource-based policy without Resource (a role trust policy) is about
            // the resource it is attached to.
            return ElementMatch {
                matched: attached,
                by: None,
                negated: false,
                absent: true,
            };
        };
        let mut hit: Option<Arc<str>> = None;
        for p in &names.values {
            let pattern = if vars {
                match substitute(p, self.ctx) {
                    Ok(s) => s,
                    Err(key) => {
                        self.note_missing(&key);
                        continue;
                    }
                }
            } else {
                Cow::Borrowed(&**p)
            };
            if resource_matches(&pattern, &self.req.resource) {
                hit = Some(match pattern {
                    Cow::Borrowed(_) => p.clone(),
                    Cow::Owned(o) => unescape(&o).into(),
                });
                break;
            }
        }
        ElementMatch {
            matched: hit.is_some() != names.negated,
            by: hit,
            negated: names.negated,
            absent: false,
        }
    }

    fn conditions(&mut self, st: &Statement, vars: bool) -> (Vec<ConditionTrace>, bool) {
        let deny = st.effect == Some(Effect::Deny);
        let mut all = true;
        let mut out = Vec::with_capacity(st.conditions.len());
        for c in &st.conditions {
            let request = self.ctx.get_lower(&c.key_lower).cloned();
            let Some(op) = c.op else {
                // IAM would refuse the policy; here a Deny fails closed and an Allow
                // does not apply, so an unknown operator never turns into an Allow.
                all &= deny;
                out.push(ConditionTrace {
                    operator: c.operator.clone(),
                    key: c.key.clone(),
                    request,
                    policy: c.values.clone(),
                    result: deny,
                    unknown_operator: true,
                    unresolved: Vec::new(),
                });
                continue;
            };
            let mut unresolved = Vec::new();
            let substitutes =
                vars && c.has_variables && matches!(op.base.family(), Family::String | Family::Arn);
            let policy: Arc<[String]> = if substitutes {
                c.values
                    .iter()
                    .filter_map(|v| match substitute(v, self.ctx) {
                        Ok(s) => Some(s.into_owned()),
                        Err(key) => {
                            unresolved.push(key);
                            None
                        }
                    })
                    .collect()
            } else {
                c.values.clone()
            };
            if request.is_none() && op.base.family() != Family::Null {
                self.note_missing(&c.key);
            }
            for k in &unresolved {
                self.note_missing(k);
            }
            let result = super::cond::evaluate(op, request.as_deref(), &policy);
            all &= result;
            let policy = if substitutes {
                policy.iter().map(|p| unescape(p).into_owned()).collect()
            } else {
                policy
            };
            out.push(ConditionTrace {
                operator: c.operator.clone(),
                key: c.key.clone(),
                request,
                policy,
                result,
                unknown_operator: false,
                unresolved,
            });
        }
        (out, all)
    }

    fn statement(&mut self, st: &Statement, vars: bool, who: Option<&Who>) -> StatementTrace {
        let action = self.action(st);
        let resource = if action.matched {
            self.resource(st, vars, who.is_some())
        } else {
            ElementMatch {
                matched: false,
                by: None,
                negated: false,
                absent: st.resource.is_none(),
            }
        };
        let principal = match (who, st.effect) {
            (Some(w), Some(effect)) => Some(match &st.principal {
                Some(pr) => w.matches(pr, effect),
                None => PrincipalMatch {
                    matched: false,
                    grant: None,
                    by: None,
                    negated: false,
                    note: None,
                },
            }),
            _ => None,
        };
        let matched = st.effect.is_some()
            && action.matched
            && resource.matched
            && principal.as_ref().is_none_or(|p| p.matched);
        let (conditions, cond_ok) = if matched {
            self.conditions(st, vars)
        } else {
            (Vec::new(), false)
        };
        StatementTrace {
            label: st.label.clone(),
            pointer: st.pointer.clone(),
            effect: st.effect,
            action,
            resource,
            principal,
            conditions,
            applies: matched && cond_ok,
        }
    }

    fn policy(
        &mut self,
        p: &Policy,
        name: String,
        (layer, level, index): (Layer, Option<usize>, usize),
        who: Option<&Who>,
    ) -> PolicyTrace {
        let vars = p.variables_enabled();
        PolicyTrace {
            name,
            pointer: p.pointer.clone(),
            layer,
            level,
            index,
            statements: p
                .statements
                .iter()
                .map(|s| self.statement(s, vars, who))
                .collect(),
        }
    }
}

fn status_of(policies: &[PolicyTrace]) -> LayerStatus {
    if policies.iter().any(PolicyTrace::denies) {
        LayerStatus::Denies
    } else if policies.iter().any(PolicyTrace::allows) {
        LayerStatus::Allows
    } else {
        LayerStatus::NoAllow
    }
}

fn skipped(layer: Layer, why: Skip) -> LayerTrace {
    LayerTrace {
        layer,
        status: LayerStatus::NotApplicable(why),
        policies: Vec::new(),
        levels: Vec::new(),
        grant: None,
    }
}

/// What needs the resource side even within one account: a KMS key (its key policy)
/// or a role (its trust policy).
pub fn required_resource(req: &Request) -> Option<Required> {
    let service = service_of(&req.action);
    let name = req
        .action
        .split_once(':')
        .map(|(_, n)| n.to_ascii_lowercase())
        .unwrap_or_default();
    if service == "kms" && (req.resource.contains(":key/") || req.resource.contains(":alias/")) {
        Some(Required::KeyPolicy)
    } else if service == "sts"
        && (name.starts_with("assumerole") || name == "tagsession" || name == "setsourceidentity")
        && req.resource.contains(":role/")
    {
        Some(Required::TrustPolicy)
    } else {
        None
    }
}

fn levels(
    e: &mut Eval,
    layer: Layer,
    label: &str,
    list: &[Vec<Policy>],
    who: Option<&Who>,
) -> LayerTrace {
    let mut policies = Vec::new();
    let mut allowed = Vec::new();
    for (i, level) in list.iter().enumerate() {
        let traces: Vec<PolicyTrace> = level
            .iter()
            .enumerate()
            .map(|(j, p)| {
                e.policy(
                    p,
                    format!("{label} level {i} [{j}]"),
                    (layer, Some(i), j),
                    who,
                )
            })
            .collect();
        allowed.push(traces.iter().any(PolicyTrace::allows));
        policies.extend(traces);
    }
    let status = if policies.iter().any(PolicyTrace::denies) {
        LayerStatus::Denies
    } else if allowed.iter().all(|a| *a) {
        LayerStatus::Allows
    } else {
        LayerStatus::NoAllow
    };
    LayerTrace {
        layer,
        status,
        policies,
        levels: allowed,
        grant: None,
    }
}

/// Evaluates one case.
pub fn evaluate(case: &Case) -> Outcome {
    let p = &case.principal;
    let req = &case.request;
    let pol: &Policies = &case.policies;
    let kind = p.kind;
    let boundary_attached = pol.boundary.is_some()
        && matches!(
            kind,
            PrincipalType::User | PrincipalType::AssumedRole | PrincipalType::Federated
        );
    let who = Who {
        p,
        boundary_attached,
    };
    let mut e = Eval {
        req,
        ctx: &req.context,
        missing: Vec::new(),
    };
    let cross_account = kind != PrincipalType::Service
        && matches!((&p.account, &req.resource_account), (Some(a), Some(b)) if a != b);

    let scp = if pol.scps.is_empty() {
        skipped(Layer::Scp, Skip::Absent)
    } else if kind == PrincipalType::Service {
        skipped(Layer::Scp, Skip::ServicePrincipal)
    } else if p.in_management_account {
        skipped(Layer::Scp, Skip::ManagementAccount)
    } else if p.service_linked_role {
        skipped(Layer::Scp, Skip::ServiceLinkedRole)
    } else {
        levels(&mut e, Layer::Scp, "scp", &pol.scps, None)
    };
    let rcp = if pol.rcps.is_empty() {
        skipped(Layer::Rcp, Skip::Absent)
    } else if req.resource_in_management_account {
        skipped(Layer::Rcp, Skip::ManagementAccountResource)
    } else if p.service_linked_role {
        skipped(Layer::Rcp, Skip::ServiceLinkedRole)
    } else {
        levels(&mut e, Layer::Rcp, "rcp", &pol.rcps, Some(&who))
    };
    let resource = match &pol.resource {
        None => skipped(Layer::Resource, Skip::Absent),
        Some(rp) => {
            let t = e.policy(
                rp,
                "resource".into(),
                (Layer::Resource, None, 0),
                Some(&who),
            );
            let grant = t
                .statements
                .iter()
                .filter(|s| s.applies && s.effect == Some(Effect::Allow))
                .filter_map(|s| s.principal.as_ref().and_then(|m| m.grant))
                .max();
            let policies = vec![t];
            LayerTrace {
                layer: Layer::Resource,
                status: status_of(&policies),
                policies,
                levels: Vec::new(),
                grant,
            }
        }
    };
    let no_identity = match kind {
        PrincipalType::Service => Some(Skip::ServicePrincipal),
        PrincipalType::Root => Some(Skip::RootUser),
        _ => None,
    };
    let identity = if pol.identity.is_empty() {
        skipped(Layer::Identity, Skip::Absent)
    } else if let Some(why) = no_identity {
        skipped(Layer::Identity, why)
    } else {
        let policies: Vec<PolicyTrace> = pol
            .identity
            .iter()
            .enumerate()
            .map(|(i, ip)| {
                e.policy(
                    ip,
                    format!("identity[{i}]"),
                    (Layer::Identity, None, i),
                    None,
                )
            })
            .collect();
        LayerTrace {
            layer: Layer::Identity,
            status: status_of(&policies),
            policies,
            levels: Vec::new(),
            grant: None,
        }
    };
    let single =
        |e: &mut Eval, layer: Layer, name: &str, p: &Option<Policy>, skip: Option<Skip>| match (
            p, skip,
        ) {
            (None, _) => skipped(layer, Skip::Absent),
            (Some(_), Some(why)) => skipped(layer, why),
            (Some(p), None) => {
                let policies = vec![e.policy(p, name.into(), (layer, None, 0), None)];
                LayerTrace {
                    layer,
                    status: status_of(&policies),
                    policies,
                    levels: Vec::new(),
                    grant: None,
                }
            }
        };
    let boundary = single(
        &mut e,
        Layer::Boundary,
        "boundary",
        &pol.boundary,
        no_identity,
    );
    let session_skip = match kind {
        PrincipalType::AssumedRole | PrincipalType::Federated => None,
        PrincipalType::Service => Some(Skip::ServicePrincipal),
        _ => Some(Skip::NotASession),
    };
    let session = single(
        &mut e,
        Layer::Session,
        "session",
        &pol.session,
        session_skip,
    );

    let layers = vec![scp, rcp, resource, identity, boundary, session];
    let (decision, decided_by, reason) =
        decide(&layers, kind, cross_account, required_resource(req));
    Outcome {
        decision,
        decided_by,
        reason,
        cross_account,
        layers,
        missing_context: e.missing,
    }
}

/// An `Allow` (identity-based, then resource-based) that matched the action, the
/// resource and the principal but not its condition, and the first condition that was
/// false: when nothing allows, that condition is what would change the decision.
fn near_allow(layers: &[LayerTrace]) -> Option<FailedCondition> {
    [Layer::Identity, Layer::Resource]
        .into_iter()
        .find_map(|l| {
            let t = layers.iter().find(|t| t.layer == l)?;
            t.policies
                .iter()
                .flat_map(|p| &p.statements)
                .filter(|s| s.effect == Some(Effect::Allow) && !s.applies)
                .filter(|s| s.action.matched && s.resource.matched)
                .filter(|s| s.principal.as_ref().is_none_or(|p| p.matched))
                .find_map(|s| {
                    let c = s.conditions.iter().find(|c| !c.result)?;
                    Some(FailedCondition {
                        layer: l,
                        statement: s.label.to_string(),
                        operator: c.operator.to_string(),
                        key: c.key.to_string(),
                    })
                })
        })
}

fn decide(
    layers: &[LayerTrace],
    kind: PrincipalType,
    cross: bool,
    required: Option<Required>,
) -> (Decision, Layer, Reason) {
    let get = |l: Layer| layers.iter().find(|t| t.layer == l);
    let applies =
        |l: Layer| get(l).is_some_and(|t| !matches!(t.status, LayerStatus::NotApplicable(_)));
    let allows = |l: Layer| get(l).is_some_and(|t| t.status == LayerStatus::Allows);
    // 1. Explicit deny, in any applicable policy.
    for t in layers {
        if t.status == LayerStatus::Denies {
            let statement = t
                .policies
                .iter()
                .flat_map(|p| &p.statements)
                .find(|s| s.applies && s.effect == Some(Effect::Deny))
                .map(|s| s.label.to_string())
                .unwrap_or_default();
            return (
                Decision::ExplicitDeny,
                t.layer,
                Reason::ExplicitDeny {
                    layer: t.layer,
                    statement,
                },
            );
        }
    }
    let implicit = |l: Layer, r: Reason| (Decision::ImplicitDeny, l, r);
    let nothing = || Reason::NothingAllows {
        near: near_allow(layers),
    };
    // 2. RCPs, then SCPs: every level must allow.
    for l in [Layer::Rcp, Layer::Scp] {
        if applies(l) && !allows(l) {
            let level = get(l)
                .and_then(|t| t.levels.iter().position(|a| !a))
                .unwrap_or(0);
            return implicit(l, Reason::LevelNoAllow { layer: l, level });
        }
    }
    let grant = get(Layer::Resource).and_then(|t| t.grant);
    let id_allows = allows(Layer::Identity);
    let boundary_ok = !applies(Layer::Boundary) || allows(Layer::Boundary);
    let session_given = applies(Layer::Session);
    let session_ok = !session_given || allows(Layer::Session);
    let federated_bare = kind == PrincipalType::Federated && !session_given;
    // The identity side's own limits, in the flow chart's order.
    let limits = || -> Option<(Decision, Layer, Reason)> {
        if !boundary_ok {
            Some(implicit(Layer::Boundary, Reason::BoundaryNoAllow))
        } else if !session_ok {
            Some(implicit(Layer::Session, Reason::SessionNoAllow))
        } else if federated_bare {
            Some(implicit(
                Layer::Session,
                Reason::FederatedWithoutSessionPolicy,
            ))
        } else {
            None
        }
    };
    let allow = |l: Layer, r: Reason| (Decision::Allow, l, r);
    match kind {
        PrincipalType::Service => {
            if grant.is_some() {
                allow(Layer::Resource, Reason::ResourceGrants)
            } else {
                implicit(Layer::Default, nothing())
            }
        }
        PrincipalType::Root => {
            if cross {
                match grant {
                    Some(_) => allow(Layer::Resource, Reason::CrossAccountBothAllow),
                    None => implicit(Layer::Resource, Reason::CrossAccountNoResource),
                }
            } else if let Some(r) = required {
                match grant {
                    Some(_) => allow(Layer::Resource, Reason::ResourceGrants),
                    None => implicit(Layer::Resource, Reason::RequiredResourceNoAllow(r)),
                }
            } else {
                allow(Layer::Default, Reason::RootDefault)
            }
        }
        _ if cross => match grant {
            None if id_allows => implicit(Layer::Resource, Reason::CrossAccountNoResource),
            None => implicit(Layer::Default, nothing()),
            Some(_) if !id_allows => implicit(Layer::Identity, Reason::CrossAccountNoIdentity),
            Some(_) => limits().unwrap_or(allow(Layer::Resource, Reason::CrossAccountBothAllow)),
        },
        _ => {
            match grant {
                Some(Grant::Direct) => return allow(Layer::Resource, Reason::ResourceGrants),
                Some(Grant::RoleArn | Grant::FederatingUser) => {
                    return if !boundary_ok {
                        implicit(Layer::Boundary, Reason::BoundaryNoAllow)
                    } else if !session_ok {
                        implicit(Layer::Session, Reason::SessionNoAllow)
                    } else {
                        allow(Layer::Resource, Reason::ResourceGrantsWithinLimits)
                    };
                }
                _ => {}
            }
            if let Some(r) = required
                && grant.is_none()
            {
                return if id_allows {
                    implicit(Layer::Resource, Reason::RequiredResourceNoAllow(r))
                } else {
                    implicit(Layer::Default, nothing())
                };
            }
            if !id_allows {
                return if required.is_some() {
                    implicit(Layer::Identity, Reason::DelegatedNoIdentityAllow)
                } else {
                    implicit(Layer::Default, nothing())
                };
            }
            limits().unwrap_or(allow(Layer::Identity, Reason::IdentityAllows))
        }
    }
}

#[cfg(test)]
#[path = "eval_tests.rs"]
mod tests;
