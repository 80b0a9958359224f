//! The rules of each state type: Task, Wait, Fail, Choice, Retry/Catch, Parallel, Map,
//! and the JSONata surround checks.
use serde_json::{Map, Value};

use super::super::lex::{COMPARISONS, is_timestamp};
use super::super::{intrinsic, path};
use super::fields::{ATA_ONLY, COMMON, KINDS, PATH_ONLY, allowed};
use super::syntax::*;
use super::{Checker, Fields, MAX_NESTING, Ptr, Ql, Rule};

/// The intrinsic functions AWS accepts in a Fail state's `ErrorPath` and `CausePath`
/// (the ones that return a string).
const FAIL_PATH_FUNCTIONS: &[&str] = &[
    "States.Format",
    "States.JsonToString",
    "States.ArrayGetItem",
    "States.Base64Encode",
    "States.Base64Decode",
    "States.Hash",
    "States.UUID",
];

/// The outer function of an `ErrorPath`/`CausePath` intrinsic when AWS does not
/// accept it there.
fn fail_path_function(p: &str) -> Option<&str> {
    let name = p.trim_start().split('(').next().unwrap_or("").trim();
    (!FAIL_PATH_FUNCTIONS.contains(&name)).then_some(name)
}

impl<'a> Checker<'a> {
    pub(super) fn state(
        &mut self,
        name: &'a str,
        s: &'a Map<String, Value>,
        sp: &Ptr<'_>,
        parent_ql: Ql,
        depth: usize,
    ) {
        let st = Some(name);
        let kind = match s.field("Type") {
            Some(Value::String(k)) if KINDS.contains(&k.as_str()) => k.as_str(),
            Some(Value::String(k)) => {
                self.push(
                    Rule::FieldType,
                    st,
                    sp.seg("Type"),
                    format!("Type {k:?}: {}", KINDS.join(" | ")),
                );
                return;
            }
            Some(v) => {
                self.wrong_type(st, sp.seg("Type"), "Type", "a string", v);
                return;
            }
            None => {
                self.push(Rule::MissingField, st, sp, "Type".into());
                return;
            }
        };
        let ql = match s.field("QueryLanguage") {
            Some(Value::String(q)) if q == "JSONata" => Ql::Ata,
            Some(Value::String(q)) if q == "JSONPath" => Ql::Path,
            Some(_) => {
                self.push(
                    Rule::FieldType,
                    st,
                    sp.seg("QueryLanguage"),
                    "QueryLanguage: JSONPath | JSONata".into(),
                );
                parent_ql
            }
            None => parent_ql,
        };
        // Allowed fields, and the query language they belong to.
        let allow = allowed(kind);
        for k in s.keys() {
            let p = || sp.seg(k);
            if COMMON.contains(&k.as_str()) {
                continue;
            }
            if !allow.contains(&k.as_str()) {
                self.push(Rule::UnknownField, st, p(), format!("{k} ({kind})"));
            } else if ql == Ql::Ata && PATH_ONLY.contains(&k.as_str()) {
                self.push(Rule::WrongQueryLanguage, st, p(), format!("{k} (JSONata)"));
            } else if ql == Ql::Path && ATA_ONLY.contains(&k.as_str()) {
                self.push(Rule::WrongQueryLanguage, st, p(), format!("{k} (JSONPath)"));
            }
        }
        if let Some(v) = s.field("Comment").filter(|v| !v.is_string()) {
            self.wrong_type(st, sp.seg("Comment"), "Comment", "a string", v);
        }
        // Next xor End.
        if allow.contains(&"Next") {
            let next = s.field("Next");
            let end = s.field("End");
            if let Some(n) = next.filter(|n| !n.is_string()) {
                self.wrong_type(st, sp.seg("Next"), "Next", "a state name (string)", n);
            }
            let end_typed = end.filter(|e| !e.is_boolean());
            if let Some(e) = end_typed {
                self.wrong_type(st, sp.seg("End"), "End", "true", e);
            }
            let ends = end == Some(&Value::Bool(true));
            if next.is_some() && ends {
                self.push(Rule::NextAndEnd, st, sp.seg("End"), String::new());
            } else if next.is_none() && !ends && end_typed.is_none() {
                // (An End of the wrong type is reported once, above.)
                self.push(Rule::NoTransition, st, sp, String::new());
            }
        }
        // JSONPath processing fields.
        if ql == Ql::Path {
            for f in ["InputPath", "OutputPath"] {
                if let Some(v) = s.field(f) {
                    self.any_path(v, st, &sp.seg(f), true);
                }
            }
            if let Some(v) = s.field("ResultPath") {
                self.reference_path(v, st, &sp.seg("ResultPath"), true);
            }
            if let Some(v) = s.field("Parameters") {
                self.template(
                    v,
                    st,
                    &sp.seg("Parameters"),
                    kind == "Pass" || kind == "Task",
                );
            }
            for f in ["ResultSelector", "ItemSelector"] {
                if let Some(v) = s.field(f) {
                    self.template(v, st, &sp.seg(f), false);
                }
            }
        } else {
            self.jsonata_fields(name, s, sp);
        }
        if let Some(v) = s.field("Assign") {
            if !v.is_object() {
                self.push(
                    Rule::FieldType,
                    st,
                    sp.seg("Assign"),
                    "Assign: object".into(),
                );
            } else if ql == Ql::Path {
                self.template(v, st, &sp.seg("Assign"), false);
            }
        }
        match kind {
            "Task" => self.task(name, s, sp, ql),
            "Choice" => self.choice(name, s, sp, ql),
            "Wait" => self.wait(name, s, sp, ql),
            "Fail" => self.fail(name, s, sp),
            "Parallel" => self.parallel(name, s, sp, ql, depth),
            "Map" => self.map(name, s, sp, ql, depth),
            _ => {}
        }
        if let Some(v) = s.field("Retry") {
            self.retry(name, v, &sp.seg("Retry"));
        }
        if let Some(v) = s.field("Catch") {
            self.catch(name, v, &sp.seg("Catch"), ql);
        }
    }

    pub(super) fn task(&mut self, name: &str, s: &Map<String, Value>, sp: &Ptr<'_>, ql: Ql) {
        let st = Some(name);
        match s.field("Resource") {
            None => self.push(Rule::MissingField, st, sp, "Resource".into()),
            Some(Value::String(r)) => {
                if !resource_ok(r, self.opts.lenient_resource) {
                    self.push(Rule::BadResource, st, sp.seg("Resource"), format!("{r:?}"));
                }
            }
            // A CloudFormation intrinsic ({"Fn::GetAtt": …}, {"Ref": …}) resolved at deploy time.
            Some(Value::Object(_)) => {}
            Some(_) => self.push(
                Rule::FieldType,
                st,
                sp.seg("Resource"),
                "Resource: string".into(),
            ),
        }
        for (f, max) in [
            ("TimeoutSeconds", 99_999_999),
            ("HeartbeatSeconds", 99_999_999),
        ] {
            let fp = format!("{f}Path");
            self.exclusive(s, name, sp, f, &fp);
            if let Some(v) = s.field(f) {
                self.want_int_or_ata(v, st, &sp.seg(f), 1, max, ql);
            }
            if let Some(v) = s.field(&fp) {
                self.reference_path(v, st, &sp.seg(&fp), false);
            }
        }
        if let (Some(h), Some(t)) = (
            s.field("HeartbeatSeconds").and_then(Value::as_i64),
            s.field("TimeoutSeconds").and_then(Value::as_i64),
        ) && h >= t
        {
            self.push(
                Rule::OutOfRange,
                st,
                sp.seg("HeartbeatSeconds"),
                format!("HeartbeatSeconds {h} ≥ TimeoutSeconds {t}"),
            );
        }
        if let Some(v) = s.field("Credentials")
            && (ql == Ql::Path || !v.is_string())
        {
            if v.is_object() {
                if ql == Ql::Path {
                    self.template(v, st, &sp.seg("Credentials"), false);
                }
            } else {
                self.push(
                    Rule::FieldType,
                    st,
                    sp.seg("Credentials"),
                    "Credentials: object".into(),
                );
            }
        }
    }

    pub(super) fn wait(&mut self, name: &str, s: &Map<String, Value>, sp: &Ptr<'_>, ql: Ql) {
        let st = Some(name);
        let present: Vec<&str> = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"]
            .into_iter()
            .filter(|f| s.has(f))
            .collect();
        match present.len() {
            0 => self.push(
                Rule::MissingField,
                st,
                sp,
                "Seconds | SecondsPath | Timestamp | TimestampPath".into(),
            ),
            1 => {}
            _ => self.push(
                Rule::Exclusive,
                st,
                format!("{sp}/{}", present[1]),
                present.join(", "),
            ),
        }
        if let Some(v) = s.field("Seconds") {
            self.want_int_or_ata(v, st, &sp.seg("Seconds"), 0, 99_999_999, ql);
        }
        if let Some(v) = s.field("Timestamp") {
            match v.as_str() {
                Some(t) if ql == Ql::Ata && t.starts_with("{%") => {}
                Some(t) if is_timestamp(t) => {}
                Some(t) => self.push(
                    Rule::BadTimestamp,
                    st,
                    sp.seg("Timestamp"),
                    format!("{t:?}"),
                ),
                None => self.push(
                    Rule::FieldType,
                    st,
                    sp.seg("Timestamp"),
                    "Timestamp: string".into(),
                ),
            }
        }
        for f in ["SecondsPath", "TimestampPath"] {
            if let Some(v) = s.field(f) {
                self.reference_path(v, st, &sp.seg(f), false);
            }
        }
    }

    pub(super) fn fail(&mut self, name: &str, s: &Map<String, Value>, sp: &Ptr<'_>) {
        let st = Some(name);
        for (a, b) in [("Error", "ErrorPath"), ("Cause", "CausePath")] {
            self.exclusive(s, name, sp, a, b);
            if let Some(v) = s.field(a) {
                self.want_string(v, st, &sp.seg(a));
            }
            match s.field(b) {
                Some(Value::String(p)) if intrinsic::looks_intrinsic(p) => {
                    if let Err(e) = intrinsic::check(p) {
                        self.push(Rule::BadIntrinsic, st, sp.seg(b), e);
                    } else if let Some(f) = fail_path_function(p) {
                        self.push(
                            Rule::BadIntrinsic,
                            st,
                            sp.seg(b),
                            format!(
                                "{b} allows only the functions that return a string ({}), not {f}",
                                FAIL_PATH_FUNCTIONS.join(", ")
                            ),
                        );
                    }
                }
                Some(v) => self.reference_path(v, st, &sp.seg(b), false),
                None => {}
            }
        }
    }

    pub(super) fn choice(&mut self, name: &str, s: &Map<String, Value>, sp: &Ptr<'_>, ql: Ql) {
        let st = Some(name);
        match s.field("Choices") {
            Some(Value::Array(rules)) if !rules.is_empty() => {
                for (i, r) in rules.iter().enumerate() {
                    self.choice_rule(name, r, &sp.seg("Choices").seg(i), true, ql, 0);
                }
            }
            Some(Value::Array(_)) => self.push(
                Rule::MissingField,
                st,
                sp.seg("Choices"),
                "Choices: [rule, …]".into(),
            ),
            Some(_) => self.push(
                Rule::FieldType,
                st,
                sp.seg("Choices"),
                "Choices: array".into(),
            ),
            None => self.push(Rule::MissingField, st, sp, "Choices".into()),
        }
        if let Some(v) = s.field("Default") {
            self.want_string(v, st, &sp.seg("Default"));
        }
    }

    pub(super) fn choice_rule(
        &mut self,
        name: &str,
        r: &Value,
        rp: &Ptr<'_>,
        top: bool,
        ql: Ql,
        depth: usize,
    ) {
        let st = Some(name);
        let Some(r) = r.as_object() else {
            self.push(Rule::NotObject, st, rp, "Choice rule".into());
            return;
        };
        if depth > MAX_NESTING {
            self.push(Rule::OutOfRange, st, rp, "nesting depth".into());
            return;
        }
        if top {
            match r.field("Next") {
                Some(Value::String(_)) => {}
                Some(_) => self.push(Rule::FieldType, st, rp.seg("Next"), "Next: string".into()),
                None => self.push(Rule::MissingField, st, rp, "Next".into()),
            }
        } else if r.has("Next") {
            self.push(
                Rule::BadChoiceRule,
                st,
                rp.seg("Next"),
                "Next (nested rule)".into(),
            );
        }
        if ql == Ql::Ata {
            for k in r.keys() {
                let ok = matches!(
                    k.as_str(),
                    "Condition" | "Next" | "Comment" | "Assign" | "Output"
                );
                if !ok {
                    let rule = if COMPARISONS.contains(&k.as_str())
                        || ["Variable", "And", "Or", "Not"].contains(&k.as_str())
                    {
                        Rule::WrongQueryLanguage
                    } else {
                        Rule::UnknownField
                    };
                    self.push(rule, st, rp.seg(k), k.clone());
                }
            }
            if !r.has("Condition") {
                self.push(Rule::MissingField, st, rp, "Condition".into());
            }
            return;
        }
        let mut ops = Vec::new();
        for (k, v) in r {
            let p = rp.seg(k);
            match k.as_str() {
                "Next" | "Comment" => {}
                "Assign" if top => self.template(v, st, &p, false),
                "Variable" => match v {
                    Value::String(s) if path_ok(s) && !intrinsic::looks_intrinsic(s) => {}
                    Value::String(s) => self.push(Rule::BadPath, st, p, format!("Variable: {s:?}")),
                    _ => self.push(Rule::FieldType, st, p, "Variable: string".into()),
                },
                "And" | "Or" => {
                    ops.push(k.as_str());
                    match v {
                        Value::Array(rs) if !rs.is_empty() => {
                            for (i, sub) in rs.iter().enumerate() {
                                self.choice_rule(name, sub, &p.seg(i), false, ql, depth + 1);
                            }
                        }
                        _ => self.push(Rule::FieldType, st, p, format!("{k}: [rule, …]")),
                    }
                }
                "Not" => {
                    ops.push("Not");
                    self.choice_rule(name, v, &p, false, ql, depth + 1);
                }
                "Condition" | "Output" => {
                    self.push(Rule::WrongQueryLanguage, st, p, format!("{k} (JSONPath)"))
                }
                op if COMPARISONS.contains(&op) => {
                    ops.push(op);
                    self.comparison(name, op, v, &p);
                }
                _ => self.push(Rule::UnknownField, st, p, format!("{k} (Choice rule)")),
            }
        }
        let compares = ops.iter().any(|o| COMPARISONS.contains(o));
        if ops.len() != 1 {
            self.push(
                Rule::BadChoiceRule,
                st,
                rp,
                if ops.is_empty() {
                    "no comparison".into()
                } else {
                    ops.join(", ")
                },
            );
        } else if compares && !r.has("Variable") {
            self.push(Rule::MissingField, st, rp, "Variable".into());
        } else if !compares && r.has("Variable") {
            self.push(
                Rule::BadChoiceRule,
                st,
                rp.seg("Variable"),
                "Variable with And/Or/Not".into(),
            );
        }
    }

    pub(super) fn comparison(&mut self, name: &str, op: &str, v: &Value, p: &Ptr<'_>) {
        let st = Some(name);
        if op.ends_with("Path") {
            // A reference path on the input, or a workflow variable (`$limit`).
            self.path_field(v, st, p, false, |s| {
                path::is_reference_path(s) || (is_variable_path(s) && path_ok(s))
            });
            return;
        }
        let ok = if op.starts_with("Is") || op.starts_with("Boolean") {
            v.is_boolean()
        } else if op.starts_with("Numeric") {
            v.is_number()
        } else if op.starts_with("Timestamp") {
            match v.as_str() {
                Some(t) if is_timestamp(t) => true,
                Some(t) => {
                    self.push(Rule::BadTimestamp, st, p, format!("{op}: {t:?}"));
                    return;
                }
                None => false,
            }
        } else {
            v.is_string()
        };
        if !ok {
            let want = if op.starts_with("Is") || op.starts_with("Boolean") {
                "boolean"
            } else if op.starts_with("Numeric") {
                "number"
            } else {
                "string"
            };
            self.push(Rule::FieldType, st, p, format!("{op}: {want}"));
        }
    }

    pub(super) fn errors_list(&mut self, name: &str, r: &Map<String, Value>, rp: &Ptr<'_>) -> bool {
        let st = Some(name);
        match r.field("ErrorEquals") {
            Some(Value::Array(es)) if !es.is_empty() => {
                let mut all = false;
                for (i, e) in es.iter().enumerate() {
                    match e.as_str() {
                        Some("States.ALL") => {
                            all = true;
                            if es.len() > 1 {
                                self.push(
                                    Rule::StatesAllLast,
                                    st,
                                    rp.seg("ErrorEquals").seg(i),
                                    "ErrorEquals".into(),
                                );
                            }
                        }
                        Some(_) => {}
                        None => self.push(
                            Rule::FieldType,
                            st,
                            rp.seg("ErrorEquals").seg(i),
                            "ErrorEquals: [string]".into(),
                        ),
                    }
                }
                all
            }
            Some(_) => {
                self.push(
                    Rule::FieldType,
                    st,
                    rp.seg("ErrorEquals"),
                    "ErrorEquals: [string, …]".into(),
                );
                false
            }
            None => {
                self.push(Rule::MissingField, st, rp, "ErrorEquals".into());
                false
            }
        }
    }

    /// The retriers or catchers of `field` (`Retry`, `Catch`) that are objects, with
    /// their indexes, after the rules they share: an array of objects, a valid
    /// ErrorEquals, and `States.ALL` only in the last one.
    pub(super) fn error_handlers<'v>(
        &mut self,
        name: &str,
        v: &'v Value,
        p: &Ptr<'_>,
        field: &str,
        item: &str,
    ) -> Vec<(usize, &'v Map<String, Value>)> {
        let st = Some(name);
        let Some(list) = v.as_array() else {
            self.push(Rule::FieldType, st, p, format!("{field}: array"));
            return Vec::new();
        };
        let mut out = Vec::with_capacity(list.len());
        for (i, h) in list.iter().enumerate() {
            let hp = p.seg(i);
            let Some(h) = h.as_object() else {
                self.push(Rule::NotObject, st, hp, item.into());
                continue;
            };
            if self.errors_list(name, h, &hp) && i + 1 != list.len() {
                self.push(Rule::StatesAllLast, st, hp.seg("ErrorEquals"), field.into());
            }
            out.push((i, h));
        }
        out
    }

    pub(super) fn retry(&mut self, name: &str, v: &Value, p: &Ptr<'_>) {
        let st = Some(name);
        for (i, r) in self.error_handlers(name, v, p, "Retry", "retrier") {
            let rp = p.seg(i);
            for (k, v) in r {
                let fp = rp.seg(k);
                match k.as_str() {
                    "ErrorEquals" | "Comment" => {}
                    "IntervalSeconds" | "MaxDelaySeconds" => {
                        self.want_int(v, st, &fp, 1, 99_999_999)
                    }
                    "MaxAttempts" => self.want_int(v, st, &fp, 0, 99_999_999),
                    "BackoffRate" => match v.as_f64() {
                        Some(b) if b >= 1.0 => {}
                        Some(b) => self.push(
                            Rule::OutOfRange,
                            st,
                            fp,
                            format!("BackoffRate: {b} (≥ 1.0)"),
                        ),
                        None => self.push(Rule::FieldType, st, fp, "BackoffRate: number".into()),
                    },
                    "JitterStrategy" => {
                        if !matches!(v.as_str(), Some("FULL" | "NONE")) {
                            self.push(
                                Rule::FieldType,
                                st,
                                fp,
                                "JitterStrategy: FULL | NONE".into(),
                            );
                        }
                    }
                    _ => self.push(Rule::UnknownField, st, fp, format!("{k} (Retry)")),
                }
            }
        }
    }

    pub(super) fn catch(&mut self, name: &str, v: &Value, p: &Ptr<'_>, ql: Ql) {
        let st = Some(name);
        for (i, c) in self.error_handlers(name, v, p, "Catch", "catcher") {
            let cp = p.seg(i);
            match c.field("Next") {
                Some(Value::String(_)) => {}
                Some(_) => self.push(Rule::FieldType, st, cp.seg("Next"), "Next: string".into()),
                None => self.push(Rule::MissingField, st, cp, "Next".into()),
            }
            for (k, v) in c {
                let fp = cp.seg(k);
                match k.as_str() {
                    "ErrorEquals" | "Next" | "Comment" => {}
                    "ResultPath" if ql == Ql::Path => self.reference_path(v, st, &fp, true),
                    "Assign" => {
                        if ql == Ql::Path {
                            self.template(v, st, &fp, false);
                        }
                    }
                    "Output" if ql == Ql::Ata => {}
                    "ResultPath" | "Output" => {
                        self.push(Rule::WrongQueryLanguage, st, fp, k.clone())
                    }
                    _ => self.push(Rule::UnknownField, st, fp, format!("{k} (Catch)")),
                }
            }
        }
    }

    pub(super) fn sub_machine(
        &mut self,
        name: &str,
        v: &'a Value,
        p: &Ptr<'_>,
        ql: Ql,
        depth: usize,
        extra: &[&str],
    ) {
        let Some(m) = v.as_object() else {
            self.push(Rule::NotObject, Some(name), p, p.last_key());
            return;
        };
        for k in m.keys() {
            if !matches!(
                k.as_str(),
                "StartAt" | "States" | "Comment" | "QueryLanguage"
            ) && !extra.contains(&k.as_str())
            {
                self.push(Rule::UnknownField, Some(name), p.seg(k), k.clone());
            }
        }
        self.machine(m, p, ql, depth + 1);
    }

    pub(super) fn parallel(
        &mut self,
        name: &str,
        s: &'a Map<String, Value>,
        sp: &Ptr<'_>,
        ql: Ql,
        depth: usize,
    ) {
        match s.field("Branches") {
            Some(Value::Array(bs)) if !bs.is_empty() => {
                for (i, b) in bs.iter().enumerate() {
                    self.sub_machine(name, b, &sp.seg("Branches").seg(i), ql, depth, &[]);
                }
            }
            Some(_) => self.push(
                Rule::FieldType,
                Some(name),
                sp.seg("Branches"),
                "Branches: [{StartAt, States}, …]".into(),
            ),
            None => self.push(Rule::MissingField, Some(name), sp, "Branches".into()),
        }
    }

    pub(super) fn map(
        &mut self,
        name: &str,
        s: &'a Map<String, Value>,
        sp: &Ptr<'_>,
        ql: Ql,
        depth: usize,
    ) {
        let st = Some(name);
        match (s.field("ItemProcessor"), s.field("Iterator")) {
            (Some(_), Some(_)) => self.push(
                Rule::Exclusive,
                st,
                sp.seg("Iterator"),
                "ItemProcessor, Iterator".into(),
            ),
            (None, None) => self.push(Rule::MissingField, st, sp, "ItemProcessor".into()),
            (Some(ip), None) => {
                if let Some(cfg) = ip.field("ProcessorConfig") {
                    let ipp = sp.seg("ItemProcessor");
                    let cp = ipp.seg("ProcessorConfig");
                    match cfg.as_object() {
                        Some(c) => {
                            for (k, v) in c {
                                let ok = match k.as_str() {
                                    "Mode" => matches!(v.as_str(), Some("INLINE" | "DISTRIBUTED")),
                                    "ExecutionType" => {
                                        matches!(v.as_str(), Some("STANDARD" | "EXPRESS"))
                                    }
                                    _ => {
                                        self.push(Rule::UnknownField, st, cp.seg(k), k.clone());
                                        true
                                    }
                                };
                                if !ok {
                                    self.push(Rule::FieldType, st, cp.seg(k), format!("{k}: {v}"));
                                }
                            }
                        }
                        None => self.push(Rule::NotObject, st, cp, "ProcessorConfig".into()),
                    }
                }
                self.sub_machine(
                    name,
                    ip,
                    &sp.seg("ItemProcessor"),
                    ql,
                    depth,
                    &["ProcessorConfig"],
                );
            }
            (None, Some(it)) => self.sub_machine(name, it, &sp.seg("Iterator"), ql, depth, &[]),
        }
        self.exclusive(s, name, sp, "Items", "ItemsPath");
        self.exclusive(s, name, sp, "ItemSelector", "Parameters");
        if ql == Ql::Path
            && let Some(v) = s.field("ItemsPath")
        {
            self.reference_path(v, st, &sp.seg("ItemsPath"), false);
        }
        for (a, min, max) in [
            ("MaxConcurrency", 0, 99_999_999),
            ("ToleratedFailureCount", 0, 99_999_999),
            ("ToleratedFailurePercentage", 0, 100),
        ] {
            let ap = format!("{a}Path");
            self.exclusive(s, name, sp, a, &ap);
            if let Some(v) = s.field(a) {
                if a == "ToleratedFailurePercentage" && v.is_number() {
                    match v.as_f64() {
                        Some(x) if (0.0..=100.0).contains(&x) => {}
                        _ => {
                            self.push(Rule::OutOfRange, st, sp.seg(a), format!("{a}: {v} (0…100)"))
                        }
                    }
                } else {
                    self.want_int_or_ata(v, st, &sp.seg(a), min, max, ql);
                }
            }
            if let Some(v) = s.field(&ap) {
                self.reference_path(v, st, &sp.seg(&ap), false);
            }
        }
        if let Some(v) = s.field("Label") {
            match v.as_str() {
                Some(l) if l.chars().count() <= 40 => {}
                Some(_) => self.push(Rule::OutOfRange, st, sp.seg("Label"), "Label: ≤ 40".into()),
                None => self.push(Rule::FieldType, st, sp.seg("Label"), "Label: string".into()),
            }
        }
        if let Some(r) = s.field("ItemReader") {
            let rp = sp.seg("ItemReader");
            match r.as_object() {
                Some(r) => {
                    for k in r.keys() {
                        if !matches!(
                            k.as_str(),
                            "Resource" | "ReaderConfig" | "Parameters" | "Arguments"
                        ) {
                            self.push(
                                Rule::UnknownField,
                                st,
                                rp.seg(k),
                                format!("{k} (ItemReader)"),
                            );
                        }
                    }
                    match r.field("Resource") {
                        Some(Value::String(_)) => {}
                        Some(v) => self.push(
                            Rule::FieldType,
                            st,
                            rp.seg("Resource"),
                            format!("Resource: string, not {v}"),
                        ),
                        None => self.push(Rule::MissingField, st, rp, "Resource".into()),
                    }
                    if let Some(cfg) = r.field("ReaderConfig").and_then(Value::as_object)
                        && cfg.has("MaxItems")
                        && cfg.has("MaxItemsPath")
                    {
                        self.push(
                            Rule::Exclusive,
                            st,
                            rp.seg("ReaderConfig").seg("MaxItemsPath"),
                            "MaxItems, MaxItemsPath".into(),
                        );
                    }
                    if ql == Ql::Path
                        && let Some(v) = r.field("Parameters")
                    {
                        self.template(v, st, &rp.seg("Parameters"), false);
                    }
                }
                None => self.push(Rule::NotObject, st, rp, "ItemReader".into()),
            }
        }
        if let Some(b) = s.field("ItemBatcher") {
            let bp = sp.seg("ItemBatcher");
            match b.as_object() {
                Some(b) => {
                    for k in b.keys() {
                        if !matches!(
                            k.as_str(),
                            "MaxItemsPerBatch"
                                | "MaxItemsPerBatchPath"
                                | "MaxInputBytesPerBatch"
                                | "MaxInputBytesPerBatchPath"
                                | "BatchInput"
                        ) {
                            self.push(
                                Rule::UnknownField,
                                st,
                                bp.seg(k),
                                format!("{k} (ItemBatcher)"),
                            );
                        }
                    }
                    for a in ["MaxItemsPerBatch", "MaxInputBytesPerBatch"] {
                        let ap = format!("{a}Path");
                        if b.has(a) && b.has(&ap) {
                            self.push(Rule::Exclusive, st, bp.seg(&ap), format!("{a}, {ap}"));
                        }
                    }
                }
                None => self.push(Rule::NotObject, st, bp, "ItemBatcher".into()),
            }
        }
        if let Some(w) = s.field("ResultWriter") {
            let wp = sp.seg("ResultWriter");
            match w.as_object() {
                Some(w) => {
                    if w.field("Resource").is_some_and(|r| !r.is_string()) {
                        self.push(
                            Rule::FieldType,
                            st,
                            format!("{wp}/Resource"),
                            "Resource: string".into(),
                        );
                    }
                }
                None => self.push(Rule::NotObject, st, wp, "ResultWriter".into()),
            }
        }
    }

    /// JSONata states: every string that starts with `{%` or ends with `%}` must be a
    /// whole `{% expression %}` on one line whose expression parses.
    pub(super) fn jsonata_fields(&mut self, name: &str, s: &Map<String, Value>, sp: &Ptr<'_>) {
        for (k, v) in s {
            // Nested machines are checked state by state.
            if matches!(
                k.as_str(),
                "Comment" | "Branches" | "ItemProcessor" | "Iterator"
            ) {
                continue;
            }
            self.jsonata_value(name, v, &sp.seg(k), 0);
        }
    }

    pub(super) fn jsonata_value(&mut self, name: &str, v: &Value, p: &Ptr<'_>, depth: usize) {
        if depth > MAX_NESTING {
            return;
        }
        match v {
            Value::String(s) if s.starts_with("{%") || s.ends_with("%}") => {
                match jsonata_expression(s) {
                    None => self.push(Rule::JsonataSurround, Some(name), p, format!("{s:?}")),
                    Some(expr) => {
                        if let Err(e) = jsonata_parses(expr) {
                            self.push(Rule::JsonataSyntax, Some(name), p, format!("{expr:?}: {e}"));
                        }
                    }
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    self.jsonata_value(name, x, &p.seg(i), depth + 1);
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    if k == "Comment" {
                        continue;
                    }
                    self.jsonata_value(name, x, &p.seg(k), depth + 1);
                }
            }
            _ => {}
        }
    }
}
