//! The rules of `iam check`: each one's severity, its title and the sentence that
//! explains it to a learner, in both languages.
use crate::lang::{Lang, tr};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    NotObject,
    DuplicateKey,
    UnknownField,
    VersionMissing,
    VersionValue,
    VariablesWithoutVersion,
    StatementMissing,
    StatementType,
    StatementEmpty,
    SidType,
    SidDuplicate,
    EffectMissing,
    EffectValue,
    ActionBoth,
    ActionMissing,
    ActionSyntax,
    ResourceBoth,
    ResourceMissing,
    ArnSyntax,
    PrincipalNotAllowed,
    PrincipalMissing,
    PrincipalBoth,
    PrincipalSyntax,
    NotPrincipalAllow,
    NotPrincipalUnsupported,
    RcpPrincipal,
    ValueType,
    EmptyList,
    ConditionType,
    UnknownOperator,
    ConditionValue,
    /// More characters (whitespace aside) than AWS takes for a policy of this kind.
    TooLarge,
    /// More characters (whitespace aside) than any attachment of this kind takes.
    TooLargeAnywhere,
    /// A character IAM does not take in a policy (outside tab, LF, CR, U+0020–U+00FF).
    Characters,
}

impl Rule {
    pub fn severity(self) -> Severity {
        match self {
            Rule::VersionMissing | Rule::VariablesWithoutVersion | Rule::TooLarge => {
                Severity::Warning
            }
            _ => Severity::Error,
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        use Rule::*;
        match self {
            Characters => tr(
                lang,
                "character IAM does not accept in a policy",
                "caractere que o IAM não aceita numa política",
            ),
            TooLargeAnywhere => tr(
                lang,
                "larger than AWS accepts anywhere (characters without whitespace)",
                "maior do que a AWS aceita em qualquer lugar (caracteres sem espaços)",
            ),
            TooLarge => tr(
                lang,
                "larger than AWS accepts (characters without whitespace)",
                "maior do que a AWS aceita (caracteres sem espaços)",
            ),
            NotObject => tr(lang, "not a JSON object", "não é um objeto JSON"),
            DuplicateKey => tr(
                lang,
                "key repeated in one object",
                "chave repetida no mesmo objeto",
            ),
            UnknownField => tr(lang, "unknown element", "elemento desconhecido"),
            VersionMissing => tr(lang, "no Version", "sem Version"),
            VersionValue => tr(
                lang,
                "Version must be 2012-10-17",
                "Version deve ser 2012-10-17",
            ),
            VariablesWithoutVersion => tr(
                lang,
                "policy variable without Version 2012-10-17",
                "variável de política sem Version 2012-10-17",
            ),
            StatementMissing => tr(lang, "no Statement", "sem Statement"),
            StatementType => tr(
                lang,
                "Statement must be an object or a list of objects",
                "Statement deve ser um objeto ou uma lista de objetos",
            ),
            StatementEmpty => tr(lang, "Statement is empty", "Statement está vazio"),
            SidType => tr(lang, "Sid must be a string", "Sid deve ser um texto"),
            SidDuplicate => tr(lang, "Sid repeated", "Sid repetido"),
            EffectMissing => tr(lang, "no Effect", "sem Effect"),
            EffectValue => tr(
                lang,
                "Effect must be Allow or Deny",
                "Effect deve ser Allow ou Deny",
            ),
            ActionBoth => tr(
                lang,
                "both Action and NotAction",
                "Action e NotAction ao mesmo tempo",
            ),
            ActionMissing => tr(lang, "no Action or NotAction", "sem Action ou NotAction"),
            ActionSyntax => tr(lang, "malformed action", "ação malformada"),
            ResourceBoth => tr(
                lang,
                "both Resource and NotResource",
                "Resource e NotResource ao mesmo tempo",
            ),
            ResourceMissing => tr(
                lang,
                "no Resource or NotResource",
                "sem Resource ou NotResource",
            ),
            ArnSyntax => tr(lang, "malformed ARN", "ARN malformado"),
            PrincipalNotAllowed => tr(
                lang,
                "Principal in a policy that cannot name one",
                "Principal numa política que não pode nomear um",
            ),
            PrincipalMissing => tr(lang, "no Principal", "sem Principal"),
            PrincipalBoth => tr(
                lang,
                "both Principal and NotPrincipal",
                "Principal e NotPrincipal ao mesmo tempo",
            ),
            PrincipalSyntax => tr(lang, "malformed principal", "principal malformado"),
            NotPrincipalAllow => tr(lang, "NotPrincipal with Allow", "NotPrincipal com Allow"),
            NotPrincipalUnsupported => tr(
                lang,
                "NotPrincipal is not supported here",
                "NotPrincipal não é aceito aqui",
            ),
            RcpPrincipal => tr(
                lang,
                "an RCP's Principal must be \"*\"",
                "o Principal de uma RCP deve ser \"*\"",
            ),
            ValueType => tr(
                lang,
                "must be a string or a list of strings",
                "deve ser um texto ou uma lista de textos",
            ),
            EmptyList => tr(lang, "empty list", "lista vazia"),
            ConditionType => tr(
                lang,
                "Condition must map operators to {key: values}",
                "Condition deve mapear operadores para {chave: valores}",
            ),
            UnknownOperator => tr(
                lang,
                "unknown condition operator",
                "operador de condição desconhecido",
            ),
            ConditionValue => tr(
                lang,
                "value does not fit the operator",
                "valor não combina com o operador",
            ),
        }
    }

    /// Why the rule exists, for a learner.
    pub fn explain(self, lang: Lang) -> &'static str {
        use Rule::*;
        match self {
            Characters => tr(
                lang,
                "A policy document may hold only tab, line feed, carriage return and the characters U+0020 to U+00FF (Latin-1: ç and ã are fine; control characters, emoji, — and “ ” are not).",
                "Um documento de política só pode ter tab, quebra de linha, retorno de carro e os caracteres de U+0020 a U+00FF (Latin-1: ç e ã passam; caracteres de controle, emoji, — e “ ” não).",
            ),
            TooLargeAnywhere => tr(
                lang,
                "Whitespace aside, an identity-based policy holds at most 10,240 characters (a role's inline policies; 6,144 for a managed policy, 5,120 for a group's, 2,048 for a user's) and a permissions boundary, always a managed policy, 6,144; AWS refuses this one wherever it goes: split it.",
                "Sem contar espaços, uma política de identidade tem no máximo 10.240 caracteres (as inline de uma role; 6.144 numa gerenciada, 5.120 nas de um grupo, 2.048 nas de um usuário) e um limite de permissões, sempre gerenciado, 6.144; a AWS recusa esta onde quer que vá: divida-a.",
            ),
            TooLarge => tr(
                lang,
                "Whitespace aside, a managed policy (identity or permissions boundary) holds at most 6,144 characters and the largest resource-based policy, a KMS key policy, 32 KiB; AWS refuses a larger one.",
                "Sem contar espaços, uma política gerenciada (de identidade ou limite de permissões) tem no máximo 6.144 caracteres e a maior política baseada em recurso, a de chave KMS, 32 KiB; a AWS recusa uma maior.",
            ),
            NotObject => tr(
                lang,
                "A policy document is a JSON object with Version and Statement.",
                "Um documento de política é um objeto JSON com Version e Statement.",
            ),
            DuplicateKey => tr(
                lang,
                "A repeated key silently replaces the first one; keep one.",
                "Uma chave repetida substitui a primeira sem aviso; mantenha uma só.",
            ),
            UnknownField => tr(
                lang,
                "IAM refuses elements outside the policy grammar (check the spelling and capitals).",
                "O IAM recusa elementos fora da gramática (confira grafia e maiúsculas).",
            ),
            VersionMissing => tr(
                lang,
                "Without Version 2012-10-17, policy variables are literal text; always set it.",
                "Sem Version 2012-10-17, variáveis de política são texto literal; sempre declare.",
            ),
            VersionValue => tr(
                lang,
                "Only 2012-10-17 (current) and 2008-10-17 (old) exist; it is a language version, not a date you choose.",
                "Só existem 2012-10-17 (atual) e 2008-10-17 (antiga); é a versão da linguagem, não uma data qualquer.",
            ),
            VariablesWithoutVersion => tr(
                lang,
                "Under an older or missing Version, ${…} is compared as plain text and matches nothing you meant.",
                "Com Version antiga ou ausente, ${…} é comparado como texto puro e não casa com o que você queria.",
            ),
            StatementMissing | StatementType | StatementEmpty => tr(
                lang,
                "Statement holds the rules: one object, or a list of them.",
                "Statement guarda as regras: um objeto, ou uma lista deles.",
            ),
            SidType | SidDuplicate => tr(
                lang,
                "A Sid names a statement; within one policy each must be unique.",
                "Um Sid nomeia a declaração; numa política cada um deve ser único.",
            ),
            EffectMissing | EffectValue => tr(
                lang,
                "Every statement either allows or denies; the words are case-sensitive.",
                "Toda declaração permite ou nega; as palavras diferenciam maiúsculas.",
            ),
            ActionBoth | ActionMissing => tr(
                lang,
                "A statement names its actions with exactly one of Action (these) or NotAction (all but these).",
                "Uma declaração nomeia ações com exatamente um de Action (estas) ou NotAction (todas menos estas).",
            ),
            ActionSyntax => tr(
                lang,
                "Actions are service:Name (s3:GetObject), with * and ? wildcards, or * alone.",
                "Ações são serviço:Nome (s3:GetObject), com curingas * e ?, ou * sozinho.",
            ),
            ResourceBoth | ResourceMissing => tr(
                lang,
                "A statement names its resources with exactly one of Resource or NotResource (a role trust policy names none).",
                "Uma declaração nomeia recursos com exatamente um de Resource ou NotResource (a política de confiança não nomeia nenhum).",
            ),
            ArnSyntax => tr(
                lang,
                "An ARN has six parts: arn:partition:service:region:account:resource; or use * alone.",
                "Um ARN tem seis partes: arn:partição:serviço:região:conta:recurso; ou use * sozinho.",
            ),
            PrincipalNotAllowed => tr(
                lang,
                "Identity policies, boundaries, session policies and SCPs apply to whoever holds them; only resource-based policies name a principal.",
                "Políticas de identidade, limites, políticas de sessão e SCPs valem para quem as tem; só políticas baseadas em recurso nomeiam principal.",
            ),
            PrincipalMissing | PrincipalBoth => tr(
                lang,
                "A resource-based or trust policy says who it is about with exactly one of Principal or NotPrincipal.",
                "Uma política de recurso ou de confiança diz a quem se refere com exatamente um de Principal ou NotPrincipal.",
            ),
            PrincipalSyntax => tr(
                lang,
                "Principal is \"*\" or an object of AWS, Service, Federated or CanonicalUser; AWS takes an account id or an IAM/STS ARN, with no partial wildcards.",
                "Principal é \"*\" ou um objeto com AWS, Service, Federated ou CanonicalUser; AWS aceita id de conta ou ARN do IAM/STS, sem curingas parciais.",
            ),
            NotPrincipalAllow => tr(
                lang,
                "NotPrincipal with Allow grants to everyone else, anonymous users included; AWS supports it only with Deny.",
                "NotPrincipal com Allow concede a todos os outros, inclusive anônimos; a AWS só aceita com Deny.",
            ),
            NotPrincipalUnsupported => tr(
                lang,
                "Trust policies, SCPs and RCPs do not support NotPrincipal; use a condition on aws:PrincipalArn.",
                "Políticas de confiança, SCPs e RCPs não aceitam NotPrincipal; use condição em aws:PrincipalArn.",
            ),
            RcpPrincipal => tr(
                lang,
                "RCPs apply to every caller of the account's resources; narrow them with conditions instead.",
                "RCPs valem para qualquer chamador dos recursos da conta; restrinja com condições.",
            ),
            ValueType | EmptyList => tr(
                lang,
                "Give one string or a non-empty list of strings.",
                "Dê um texto ou uma lista não vazia de textos.",
            ),
            ConditionType => tr(
                lang,
                "Condition is {\"Operator\": {\"key\": value or [values]}}.",
                "Condition é {\"Operador\": {\"chave\": valor ou [valores]}}.",
            ),
            UnknownOperator => tr(
                lang,
                "IAM refuses unknown operators (they are case-sensitive; IfExists is a suffix, ForAllValues:/ForAnyValue: a prefix). The evaluator never lets one turn a Deny into an Allow.",
                "O IAM recusa operadores desconhecidos (diferenciam maiúsculas; IfExists é sufixo, ForAllValues:/ForAnyValue: prefixo). O avaliador nunca deixa um deles transformar um Deny em Allow.",
            ),
            ConditionValue => tr(
                lang,
                "Numeric operators take numbers, Date ISO 8601 dates, Bool and Null true/false, IpAddress CIDR ranges, BinaryEquals base64.",
                "Operadores Numeric recebem números, Date datas ISO 8601, Bool e Null true/false, IpAddress faixas CIDR, BinaryEquals base64.",
            ),
        }
    }
}
