//! `aws-study iam …`: check policies, decide the requests of a case file with a
//! trace, list the bundled samples. The words come from the domain's `message(lang)`s;
//! everything is written through `commands::output`.
use std::path::Path;

use serde_json::{Value, json};

use crate::cli::{IamCommand, PolicyKind, RunFormat};
use crate::iam::case::Case;
use crate::iam::check::Kind;
use crate::iam::describe::{
    condition as condition_text, element, layer_status as status_text, principal as principal_text,
};
use crate::iam::eval::{ElementMatch, LayerStatus, LayerTrace, Outcome, StatementTrace};
use crate::iam::{self, samples};
use crate::lang::{Lang, Text2, tr};
use crate::{Context, Failure};

use super::write_out;

/// A file to work on, or a bundled sample.
struct Source {
    label: String,
    text: String,
}

fn load(arg: &str, lang: Lang) -> Result<Source, Failure> {
    let p = Path::new(arg);
    if p.exists() {
        let text = iam::read_text(p, lang).map_err(|e| Failure::Runtime(format!("{arg}: {e}")))?;
        return Ok(Source {
            label: arg.to_string(),
            text,
        });
    }
    if let Some(s) = samples::find(arg) {
        return Ok(Source {
            label: arg.to_string(),
            text: s.text().to_string(),
        });
    }
    let ids: Vec<&str> = samples::all().iter().map(|s| s.id.as_str()).collect();
    Err(Failure::Runtime(format!(
        "{arg}: {} ({}: {})",
        tr(
            lang,
            "no such file, and not a sample id",
            "arquivo inexistente, e não é o id de um exemplo"
        ),
        tr(lang, "samples", "exemplos"),
        ids.join(", ")
    )))
}

fn kind_of(k: PolicyKind) -> Kind {
    match k {
        PolicyKind::Identity => Kind::Identity,
        PolicyKind::Resource => Kind::Resource,
        PolicyKind::Trust => Kind::Trust,
        PolicyKind::Boundary => Kind::Boundary,
        PolicyKind::Scp => Kind::Scp,
        PolicyKind::Rcp => Kind::Rcp,
        PolicyKind::Session => Kind::Session,
    }
}

pub fn run(ctx: &Context, cmd: IamCommand) -> Result<(), Failure> {
    let lang = ctx.lang;
    match cmd {
        IamCommand::Samples => {
            let mut out = String::new();
            for s in samples::all() {
                out.push_str(&format!("{}\t{}\n", s.id, s.title.get(lang)));
            }
            write_out(&out)
        }
        IamCommand::Check { files, kind } => check(lang, &files, kind.map(kind_of)),
        IamCommand::Eval { file, format } => eval(lang, &file, format),
    }
}

fn check(lang: Lang, files: &[String], kind: Option<Kind>) -> Result<(), Failure> {
    let mut out = String::new();
    let mut bad = 0usize;
    for f in files {
        let src = match load(f, lang) {
            Ok(s) => s,
            Err(e) => {
                out.push_str(&format!("{}\n", e.message()));
                bad += 1;
                continue;
            }
        };
        match iam::check_text(&src.text, kind) {
            Err(e) => {
                bad += 1;
                out.push_str(&format!("{}: {}\n", src.label, e.message(lang)));
            }
            Ok(c) => {
                for finding in &c.findings {
                    let loc = finding.line.map(|l| format!(":{l}")).unwrap_or_default();
                    let mut m = finding.clone();
                    m.line = None;
                    out.push_str(&format!("{}{loc}: {}\n", src.label, m.message(lang)));
                    out.push_str(&format!("    {}\n", finding.rule.explain(lang)));
                }
                if c.is_valid() {
                    let kinds: Vec<&str> = c.policies.iter().map(|(_, k)| k.name()).collect();
                    let what = if c.policies.len() == 1 {
                        // The kind is `--kind`'s word, kept as typed in both languages.
                        match lang {
                            Lang::En => format!("{} policy", kinds[0]),
                            Lang::PtBr => format!("política {}", kinds[0]),
                        }
                    } else {
                        format!("{} {}", c.policies.len(), tr(lang, "policies", "políticas"))
                    };
                    out.push_str(&format!(
                        "{}: {} ({what})\n",
                        src.label,
                        tr(lang, "valid", "válida")
                    ));
                } else {
                    bad += 1;
                    let n = c.findings.iter().filter(|f| f.is_error()).count();
                    out.push_str(&super::findings_line(&src.label, n, lang));
                }
            }
        }
    }
    write_out(&out)?;
    super::checked(
        bad,
        files.len(),
        lang,
        Text2::new("files not valid", "arquivos inválidos"),
    )
}

fn eval(lang: Lang, file: &str, format: RunFormat) -> Result<(), Failure> {
    let src = load(file, lang)?;
    let cases = iam::parse_cases(&src.text).map_err(|e| {
        Failure::Runtime(match e.line() {
            Some(l) => format!("{}:{l}: {}", src.label, e.message(lang)),
            None => format!("{}: {}", src.label, e.message(lang)),
        })
    })?;
    let findings = iam::check_text(&src.text, None)
        .map(|c| c.findings)
        .unwrap_or_default();
    let mut results = Vec::with_capacity(cases.len());
    let mut mismatches = 0usize;
    for c in &cases {
        let o = iam::evaluate(c);
        let agrees = c
            .expect
            .as_ref()
            .map(|e| e.decision == o.decision && e.decided_by == o.decided_by);
        if agrees == Some(false) {
            mismatches += 1;
        }
        let mine: Vec<String> = findings
            .iter()
            .filter(|f| f.is_error() && in_case(&f.pointer, &c.pointer))
            .map(|f| f.message(lang))
            .collect();
        results.push((o, agrees, mine));
    }
    // A bundled sample read in Portuguese takes its pt-BR title from `iam samples`;
    // the case file itself carries an English title only.
    let sample = samples::all()
        .iter()
        .find(|s| lang == Lang::PtBr && cases.len() == 1 && s.text() == src.text);
    let title = |c: &Case| -> String {
        sample.map_or_else(|| c.title.clone(), |s| s.title.get(lang).to_string())
    };
    match format {
        RunFormat::Json => {
            let list: Vec<Value> = cases
                .iter()
                .zip(&results)
                .map(|(c, (o, agrees, f))| case_json(c, o, *agrees, f, lang))
                .collect();
            let mut s = serde_json::to_string_pretty(&json!({ "cases": list })).unwrap_or_default();
            s.push('\n');
            super::output::write_json(&s)?;
        }
        RunFormat::Text => {
            let mut out = String::new();
            for (c, (o, agrees, f)) in cases.iter().zip(&results) {
                case_text(&mut out, c, title(c), o, *agrees, f, lang);
            }
            if cases.len() > 1 {
                let with = results.iter().filter(|r| r.1.is_some()).count();
                out.push_str(&format!(
                    "{} {}; {} {} {}\n",
                    cases.len(),
                    tr(lang, "cases", "casos"),
                    with - mismatches,
                    tr(lang, "of", "de"),
                    match lang {
                        Lang::En => format!("{with} with an expectation agree"),
                        Lang::PtBr => format!("{with} com expectativa concordam"),
                    }
                ));
            }
            write_out(&out)?;
        }
    }
    if mismatches > 0 {
        Err(Failure::Runtime(format!(
            "{}: {mismatches} {}",
            src.label,
            if mismatches == 1 {
                tr(
                    lang,
                    "case disagrees with its expect",
                    "caso discorda do seu expect",
                )
            } else {
                tr(
                    lang,
                    "cases disagree with their expect",
                    "casos discordam do seu expect",
                )
            }
        )))
    } else {
        Ok(())
    }
}

fn in_case(pointer: &str, case: &str) -> bool {
    case.is_empty() || pointer == case || pointer.starts_with(&format!("{case}/"))
}

fn statement_text(out: &mut String, policy: &str, s: &StatementTrace, lang: Lang) {
    let effect = s.effect.map_or("?", |e| e.name());
    let verdict = if s.applies {
        tr(lang, "applies", "se aplica")
    } else {
        tr(lang, "does not apply", "não se aplica")
    };
    let mut parts = vec![
        element("Action", "NotAction", &s.action, lang),
        element("Resource", "NotResource", &s.resource, lang),
    ];
    if let Some(p) = &s.principal {
        parts.push(principal_text(p, lang));
    }
    out.push_str(&format!(
        "      {policy} {} {effect}: {} → {verdict}\n",
        s.label,
        parts.join(", ")
    ));
    for c in &s.conditions {
        out.push_str(&format!("        {}\n", condition_text(c, lang)));
    }
}

fn layer_text(out: &mut String, t: &LayerTrace, lang: Lang) {
    out.push_str(&format!(
        "    {:<11} {}",
        t.layer.short(lang),
        status_text(&t.status, lang)
    ));
    if !t.levels.is_empty() {
        let marks: Vec<String> = t
            .levels
            .iter()
            .enumerate()
            .map(|(i, a)| format!("{i}{}", if *a { "✓" } else { "✗" }))
            .collect();
        out.push_str(&format!(
            " ({} {})",
            tr(lang, "levels", "níveis"),
            marks.join(" ")
        ));
    }
    out.push('\n');
    for p in &t.policies {
        let name = p.label(lang);
        let mut skipped = 0usize;
        for s in &p.statements {
            if s.action.matched {
                statement_text(out, &name, s, lang);
            } else {
                skipped += 1;
            }
        }
        if skipped > 0 {
            out.push_str(&format!(
                "      {name} {skipped} {}\n",
                if skipped == 1 {
                    tr(
                        lang,
                        "statement does not match the action",
                        "declaração não casa com a ação",
                    )
                } else {
                    tr(
                        lang,
                        "statements do not match the action",
                        "declarações não casam com a ação",
                    )
                }
            ));
        }
    }
}

fn case_text(
    out: &mut String,
    c: &Case,
    title: String,
    o: &Outcome,
    agrees: Option<bool>,
    findings: &[String],
    lang: Lang,
) {
    out.push_str(&format!("{}  {title}\n", c.id));
    out.push_str(&format!(
        "  {}: {} {} → {} {} {} ({})\n",
        tr(lang, "request", "requisição"),
        c.principal.kind.name(),
        c.principal.arn,
        c.request.action,
        tr(lang, "on", "em"),
        c.request.resource,
        if o.cross_account {
            tr(lang, "cross-account", "entre contas")
        } else {
            tr(lang, "same account", "mesma conta")
        }
    ));
    out.push_str(&format!(
        "  {}: {} · {}: {}\n",
        tr(lang, "decision", "decisão"),
        o.decision.word(lang),
        tr(lang, "decided by", "decidida por"),
        o.decided_by.title(lang)
    ));
    out.push_str(&format!(
        "  {}: {}\n",
        tr(lang, "why", "por quê"),
        o.reason.message(lang)
    ));
    out.push_str(&format!(
        "  {}: {}\n",
        tr(lang, "what would change it", "o que mudaria"),
        o.reason.hint(lang)
    ));
    if let (Some(e), Some(ok)) = (&c.expect, agrees) {
        out.push_str(&format!(
            "  {}: {} / {} {}\n",
            tr(lang, "expected", "esperado"),
            e.decision.word(lang),
            e.decided_by.title(lang),
            if ok {
                "✓".to_string()
            } else {
                format!("✗ {}", tr(lang, "MISMATCH", "DIVERGE"))
            }
        ));
    }
    out.push_str(&format!("  {}:\n", tr(lang, "layers", "camadas")));
    for t in &o.layers {
        layer_text(out, t, lang);
    }
    if !o.missing_context.is_empty() {
        out.push_str(&format!(
            "  {}: {}\n",
            tr(lang, "missing context", "contexto ausente"),
            o.missing_context.join(", ")
        ));
    }
    for f in findings {
        out.push_str(&format!(
            "  {}: {f}\n",
            tr(lang, "policy finding", "problema na política")
        ));
    }
    out.push('\n');
}

fn element_json(m: &ElementMatch) -> Value {
    json!({ "matched": m.matched, "by": m.by.as_deref(), "negated": m.negated, "absent": m.absent })
}

fn statement_json(s: &StatementTrace) -> Value {
    json!({
        "statement": &*s.label,
        "pointer": &*s.pointer,
        "effect": s.effect.map(|e| e.name()),
        "applies": s.applies,
        "action": element_json(&s.action),
        "resource": element_json(&s.resource),
        "principal": s.principal.as_ref().map(|p| json!({
            "matched": p.matched,
            "negated": p.negated,
            "by": p.by,
            "grant": p.grant.map(|g| g.name()),
        })),
        "conditions": s.conditions.iter().map(|c| json!({
            "operator": &*c.operator,
            "key": &*c.key,
            "request": c.request.as_deref(),
            "policy": &*c.policy,
            "result": c.result,
            "unknown_operator": c.unknown_operator,
            "unresolved": c.unresolved,
        })).collect::<Vec<_>>(),
    })
}

fn case_json(
    c: &Case,
    o: &Outcome,
    agrees: Option<bool>,
    findings: &[String],
    lang: Lang,
) -> Value {
    json!({
        "id": c.id,
        "title": c.title,
        "decision": o.decision.name(),
        "decided_by": o.decided_by.name(),
        "cross_account": o.cross_account,
        "why": o.reason.message(lang),
        "what_would_change_it": o.reason.hint(lang),
        "expect": c.expect.as_ref().map(|e| json!({
            "decision": e.decision.name(),
            "decided_by": e.decided_by.name(),
        })),
        "agrees": agrees,
        "layers": o.layers.iter().map(|t| json!({
            "layer": t.layer.name(),
            "status": t.status.name(),
            "note": match &t.status {
                LayerStatus::NotApplicable(why) => Some(why.message(lang)),
                _ => None,
            },
            "levels": t.levels,
            "grant": t.grant.map(|g| g.name()),
            "policies": t.policies.iter().map(|p| json!({
                "name": p.name,
                "pointer": p.pointer,
                "statements": p.statements.iter().map(statement_json).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "missing_context": o.missing_context,
        "findings": findings,
    })
}
