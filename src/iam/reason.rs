//! Why a decision is what it is, and why a layer played no part: typed reasons with
//! `message(lang)` (and `hint(lang)`: what would change the decision) beside them, so
//! the CLI and the Lab say the same words in the language of the moment.
use super::case::Layer;
use crate::lang::{Lang, tr};

/// Why a layer plays no part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// No policy of this kind in the case.
    Absent,
    ManagementAccount,
    ManagementAccountResource,
    ServiceLinkedRole,
    ServicePrincipal,
    RootUser,
    NotASession,
}

impl Skip {
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Skip::Absent => tr(lang, "none given", "nenhuma informada"),
            Skip::ManagementAccount => tr(
                lang,
                "the principal is in the management account: SCPs do not apply",
                "o principal está na conta de gerenciamento: SCPs não se aplicam",
            ),
            Skip::ManagementAccountResource => tr(
                lang,
                "the resource is in the management account: RCPs do not apply",
                "o recurso está na conta de gerenciamento: RCPs não se aplicam",
            ),
            Skip::ServiceLinkedRole => tr(
                lang,
                "service-linked roles are exempt from SCPs and RCPs",
                "funções vinculadas a serviço são isentas de SCPs e RCPs",
            ),
            Skip::ServicePrincipal => tr(
                lang,
                "an AWS service principal has no identity policies, boundary or SCPs",
                "um principal de serviço da AWS não tem políticas de identidade, limite nem SCPs",
            ),
            Skip::RootUser => tr(
                lang,
                "the root user has no identity policies or boundary",
                "o usuário raiz não tem políticas de identidade nem limite",
            ),
            Skip::NotASession => tr(
                lang,
                "session policies apply only to role and federated sessions",
                "políticas de sessão só valem para sessões de função e federadas",
            ),
        }
    }
}

/// What needs the resource side even within one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    KeyPolicy,
    TrustPolicy,
}

/// An `Allow` that matched the action, the resource and the principal but whose
/// condition was false: what would change an implicit deny is that condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedCondition {
    pub layer: Layer,
    /// The statement's `Sid` (or its place when it has none).
    pub statement: String,
    /// The first condition that was false: its operator and key.
    pub operator: String,
    pub key: String,
}

/// Why the decision is what it is: the sentence a learner reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    ExplicitDeny {
        layer: Layer,
        statement: String,
    },
    LevelNoAllow {
        layer: Layer,
        level: usize,
    },
    ResourceGrants,
    ResourceGrantsWithinLimits,
    IdentityAllows,
    CrossAccountBothAllow,
    RootDefault,
    BoundaryNoAllow,
    SessionNoAllow,
    FederatedWithoutSessionPolicy,
    RequiredResourceNoAllow(Required),
    DelegatedNoIdentityAllow,
    CrossAccountNoResource,
    CrossAccountNoIdentity,
    /// Nothing allowed; `near` is an Allow that failed only on its condition.
    NothingAllows {
        near: Option<FailedCondition>,
    },
}

impl Reason {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Reason::ExplicitDeny { layer, statement } => match lang {
                Lang::En => format!(
                    "statement {statement} of the {} denies the request; an explicit deny overrides every allow",
                    layer.title(lang)
                ),
                Lang::PtBr => format!(
                    "a declaração {statement} de {} nega a requisição; uma negação explícita vence qualquer permissão",
                    layer.title(lang)
                ),
            },
            Reason::LevelNoAllow { layer, level } => match lang {
                Lang::En => format!(
                    "no {} at level {level} allows the action; every level from the root to the account must allow it",
                    layer.title(lang)
                ),
                Lang::PtBr => format!(
                    "nenhuma das {} do nível {level} permite a ação; todo nível, da raiz até a conta, precisa permitir",
                    layer.title(lang)
                ),
            },
            Reason::ResourceGrants => tr(
                lang,
                "the resource-based policy names this principal and allows the request; within one account it needs no identity-based policy",
                "a política baseada em recurso nomeia este principal e permite a requisição; na mesma conta não precisa de política de identidade",
            )
            .into(),
            Reason::ResourceGrantsWithinLimits => tr(
                lang,
                "the resource-based policy allows the role (or the user who federated); the permissions boundary and the session policy allow it too",
                "a política baseada em recurso permite a função (ou o usuário que federou); o limite de permissões e a política de sessão também permitem",
            )
            .into(),
            Reason::IdentityAllows => tr(
                lang,
                "an identity-based policy allows the request, and nothing limits or denies it",
                "uma política baseada em identidade permite a requisição, e nada a limita ou nega",
            )
            .into(),
            Reason::CrossAccountBothAllow => tr(
                lang,
                "cross-account: the requester's account allows it and the resource's policy allows it too",
                "entre contas: a conta de quem pede permite e a política do recurso também permite",
            )
            .into(),
            Reason::RootDefault => tr(
                lang,
                "the account root user has full access to its own account's resources unless something denies it",
                "o usuário raiz tem acesso total aos recursos da própria conta, a menos que algo negue",
            )
            .into(),
            Reason::BoundaryNoAllow => tr(
                lang,
                "the permissions boundary does not allow the action: it sets the maximum permissions and never grants",
                "o limite de permissões não permite a ação: ele define o máximo de permissões e nunca concede",
            )
            .into(),
            Reason::SessionNoAllow => tr(
                lang,
                "the session policy does not allow the action: a session gets only what both its identity and its session policy allow",
                "a política de sessão não permite a ação: a sessão só tem o que a identidade e a política de sessão permitem juntas",
            )
            .into(),
            Reason::FederatedWithoutSessionPolicy => tr(
                lang,
                "a federated user session created without a session policy has no permissions from identity-based policies",
                "uma sessão de usuário federado criada sem política de sessão não tem permissões das políticas de identidade",
            )
            .into(),
            Reason::RequiredResourceNoAllow(Required::KeyPolicy) => tr(
                lang,
                "the KMS key policy does not allow it, neither directly nor by enabling IAM policies for the account; without the key policy, IAM policies have no effect",
                "a política da chave KMS não permite, nem diretamente nem habilitando as políticas do IAM para a conta; sem a política da chave, as políticas do IAM não têm efeito",
            )
            .into(),
            Reason::RequiredResourceNoAllow(Required::TrustPolicy) => tr(
                lang,
                "the role's trust policy does not trust this principal or its account",
                "a política de confiança da função não confia neste principal nem em sua conta",
            )
            .into(),
            Reason::DelegatedNoIdentityAllow => tr(
                lang,
                "the resource policy delegates to the account, but no identity-based policy allows the action",
                "a política do recurso delega à conta, mas nenhuma política de identidade permite a ação",
            )
            .into(),
            Reason::CrossAccountNoResource => tr(
                lang,
                "cross-account: the requester's side allows it, but the resource's policy does not allow this principal",
                "entre contas: o lado de quem pede permite, mas a política do recurso não permite este principal",
            )
            .into(),
            Reason::CrossAccountNoIdentity => tr(
                lang,
                "cross-account: the resource's policy allows it, but no identity-based policy in the requester's account does",
                "entre contas: a política do recurso permite, mas nenhuma política de identidade na conta de quem pede permite",
            )
            .into(),
            Reason::NothingAllows { .. } => tr(
                lang,
                "no applicable policy allows the request: implicit deny",
                "nenhuma política aplicável permite a requisição: negação implícita",
            )
            .into(),
        }
    }

    /// What would change the decision, in one sentence.
    pub fn hint(&self, lang: Lang) -> String {
        match self {
            Reason::ExplicitDeny { .. } => tr(
                lang,
                "remove or narrow that Deny (its action, resource or conditions); no Allow can override it",
                "remova ou restrinja esse Deny (ação, recurso ou condições); nenhum Allow o supera",
            ),
            Reason::LevelNoAllow { layer: Layer::Rcp, .. } => tr(
                lang,
                "an Allow for the action in an RCP at that level",
                "um Allow para a ação numa RCP desse nível",
            ),
            Reason::LevelNoAllow { .. } => tr(
                lang,
                "an Allow for the action in an SCP at that level",
                "um Allow para a ação numa SCP desse nível",
            ),
            Reason::BoundaryNoAllow => tr(
                lang,
                "an Allow for the action in the permissions boundary",
                "um Allow para a ação no limite de permissões",
            ),
            Reason::SessionNoAllow | Reason::FederatedWithoutSessionPolicy => tr(
                lang,
                "an Allow for the action in the session policy",
                "um Allow para a ação na política de sessão",
            ),
            Reason::RequiredResourceNoAllow(_) | Reason::CrossAccountNoResource => tr(
                lang,
                "an Allow in the resource's policy naming this principal or its account",
                "um Allow na política do recurso nomeando este principal ou sua conta",
            ),
            Reason::DelegatedNoIdentityAllow | Reason::CrossAccountNoIdentity => tr(
                lang,
                "an Allow for the action in an identity-based policy of the principal",
                "um Allow para a ação numa política de identidade do principal",
            ),
            Reason::NothingAllows { near: Some(f) } => {
                let place = match f.layer {
                    Layer::Resource => tr(lang, "resource policy", "política de recurso"),
                    _ => tr(lang, "identity policy", "política de identidade"),
                };
                let (statement, operator, key) = (&f.statement, &f.operator, &f.key);
                return match lang {
                    Lang::En => format!(
                        "meeting {operator} on {key}, the condition of the Allow {statement} ({place})"
                    ),
                    Lang::PtBr => format!(
                        "atender a {operator} em {key}, a condição do Allow {statement} ({place})"
                    ),
                };
            }
            Reason::NothingAllows { near: None } => tr(
                lang,
                "an Allow in an identity-based policy (or a resource-based policy naming the principal)",
                "um Allow numa política de identidade (ou numa política de recurso que nomeie o principal)",
            ),
            Reason::ResourceGrants
            | Reason::ResourceGrantsWithinLimits
            | Reason::IdentityAllows
            | Reason::CrossAccountBothAllow
            | Reason::RootDefault => tr(
                lang,
                "a Deny matching the request in any applicable policy",
                "um Deny que case com a requisição em qualquer política aplicável",
            ),
        }
        .to_string()
    }
}
