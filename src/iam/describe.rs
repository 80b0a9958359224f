//! A trace in words: a layer's status, an `Action`/`Resource` match, a principal
//! match and a condition, as `iam eval` prints them and the Lab shows them.
use super::trace::{
    ConditionTrace, ElementMatch, Grant, LayerStatus, PrincipalMatch, PrincipalNote,
};
use crate::lang::{Lang, tr};

pub fn layer_status(s: &LayerStatus, lang: Lang) -> String {
    match s {
        LayerStatus::NotApplicable(why) => format!(
            "{}: {}",
            tr(lang, "not applicable", "não se aplica"),
            why.message(lang)
        ),
        LayerStatus::Denies => tr(lang, "denies", "nega").into(),
        LayerStatus::Allows => tr(lang, "allows", "permite").into(),
        LayerStatus::NoAllow => tr(lang, "does not allow", "não permite").into(),
    }
}

/// A policy element's name in a trace: `Action`, `Resource` and `Principal` in
/// words in pt-BR (ação, recurso, principal); the `Not…` forms keep the grammar's
/// own name, which has no plain word.
fn element_word(name: &str, lang: Lang) -> &str {
    match (lang, name) {
        (Lang::PtBr, "Action") => "ação",
        (Lang::PtBr, "Resource") => "recurso",
        (Lang::PtBr, "Principal") => "principal",
        _ => name,
    }
}

/// How a principal element granted: through the account, the session's role, the
/// federating user or the principal itself.
fn grant_word(g: Grant, lang: Lang) -> &'static str {
    match g {
        Grant::Account => tr(lang, "account", "conta"),
        Grant::RoleArn => tr(lang, "role", "função"),
        Grant::FederatingUser => tr(lang, "federating user", "usuário federador"),
        Grant::Direct => tr(lang, "direct", "direto"),
    }
}

pub fn element(name: &str, not_name: &str, m: &ElementMatch, lang: Lang) -> String {
    let name = element_word(name, lang);
    if m.absent {
        return format!("{name} {}", tr(lang, "absent", "ausente"));
    }
    let mark = if m.matched { "✓" } else { "✗" };
    match (m.negated, &m.by) {
        (false, Some(by)) => format!("{name} {mark} ({by})"),
        (false, None) => format!("{name} {mark}"),
        (true, Some(by)) => format!(
            "{not_name} {mark} ({} {by})",
            tr(lang, "excluded by", "excluído por")
        ),
        (true, None) => format!(
            "{not_name} {mark} ({})",
            tr(lang, "not listed", "não listado")
        ),
    }
}

pub fn principal(p: &PrincipalMatch, lang: Lang) -> String {
    let mark = if p.matched { "✓" } else { "✗" };
    let name = if p.negated {
        "NotPrincipal"
    } else {
        element_word("Principal", lang)
    };
    let mut s = format!("{name} {mark}");
    if let Some(by) = &p.by {
        if p.negated {
            s.push_str(&format!(" ({} {by})", tr(lang, "exempts", "isenta")));
        } else {
            s.push_str(&format!(" ({by}"));
            if let Some(g) = p.grant {
                s.push_str(&format!(", {}", grant_word(g, lang)));
            }
            s.push(')');
        }
    }
    match p.note {
        Some(PrincipalNote::NotAllListed) => s.push_str(&format!(
            " ({})",
            tr(
                lang,
                "not every identity of the requester is listed: its ARN, its role and its account",
                "nem toda identidade de quem pede está listada: o ARN, a função e a conta"
            )
        )),
        Some(PrincipalNote::BoundaryAttached) => s.push_str(&format!(
            " ({})",
            tr(
                lang,
                "a Deny with NotPrincipal always applies to a principal with a permissions boundary",
                "um Deny com NotPrincipal sempre vale para um principal com limite de permissões"
            )
        )),
        None => {}
    }
    s
}

pub fn values(v: &[String]) -> String {
    let list: Vec<String> = v.iter().map(|x| format!("{x:?}")).collect();
    format!("[{}]", list.join(", "))
}

pub fn condition(c: &ConditionTrace, lang: Lang) -> String {
    let req = match &c.request {
        Some(v) => values(v),
        None => format!("({})", tr(lang, "missing", "ausente")),
    };
    let mut s = format!(
        "{} {} {req} vs {} → {}",
        c.operator,
        c.key,
        values(&c.policy),
        match (c.result, lang) {
            (true, Lang::PtBr) => "verdadeira",
            (false, Lang::PtBr) => "falsa",
            (true, Lang::En) => "true",
            (false, Lang::En) => "false",
        }
    );
    if c.unknown_operator {
        s.push_str(&format!(
            " ({})",
            tr(
                lang,
                "unknown operator: a Deny fails closed, an Allow does not apply",
                "operador desconhecido: um Deny vale por segurança, um Allow não se aplica"
            )
        ));
    }
    if !c.unresolved.is_empty() {
        s.push_str(&format!(
            " ({}: {})",
            tr(lang, "no value for", "sem valor para"),
            c.unresolved.join(", ")
        ));
    }
    s
}
