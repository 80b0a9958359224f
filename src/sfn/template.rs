//! Payload templates: `Parameters`, `ResultSelector` and `ItemSelector` (JSONPath
//! query language). A key ending in `.$` takes its value from a path on the input,
//! a `$$` path on the context object, or an intrinsic function, and loses the `.$`;
//! everything else is copied. Nested objects, and objects inside arrays, are
//! processed the same way. See
//! <https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html>.
use serde_json::{Map, Value};

use super::StateError;
use super::intrinsic;
use super::lex::{dynamic_key, short_json};
use super::path::{self, PathError};
use crate::jsonpos::escape;
use crate::rng::Rng;

/// How deep a template may nest (objects and arrays).
const MAX_DEPTH: usize = 256;

/// Builds the payload described by `template` from `input` (and `context` for `$$`
/// paths). Failures are `States.Runtime` (a path that matches nothing, a `.$` value
/// that is not a string) or what an intrinsic function raises.
pub fn render(
    template: &Value,
    input: &Value,
    context: &Value,
    rng: &mut Rng,
) -> Result<Value, StateError> {
    render_with(template, input, path::Roots { context, vars: &[] }, rng)
}

/// [`render`] with workflow variables (`"x.$": "$name…"`).
pub fn render_with(
    template: &Value,
    input: &Value,
    roots: path::Roots<'_>,
    rng: &mut Rng,
) -> Result<Value, StateError> {
    render_at(template, input, roots, rng, 0)
}

fn render_at(
    t: &Value,
    input: &Value,
    context: path::Roots<'_>,
    rng: &mut Rng,
    depth: usize,
) -> Result<Value, StateError> {
    if depth > MAX_DEPTH {
        return Err(StateError::runtime(
            "The payload template is nested too deeply",
        ));
    }
    match t {
        Value::Object(map) => {
            let mut out = Map::with_capacity(map.len());
            for (key, value) in map {
                match dynamic_key(key) {
                    Some(name) => {
                        let v = evaluate(key, value, input, context, rng)?;
                        out.insert(name.to_string(), v);
                    }
                    None => {
                        let v = render_at(value, input, context, rng, depth + 1)?;
                        out.insert(key.clone(), v);
                    }
                }
            }
            Ok(Value::Object(out))
        }
        Value::Array(items) => items
            .iter()
            .map(|v| render_at(v, input, context, rng, depth + 1))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        other => Ok(other.clone()),
    }
}

fn evaluate(
    key: &str,
    value: &Value,
    input: &Value,
    context: path::Roots<'_>,
    rng: &mut Rng,
) -> Result<Value, StateError> {
    let Value::String(expr) = value else {
        return Err(StateError::runtime(format!(
            "The value for the field '{key}' must be a STRING that contains a JSONPath or an intrinsic function, not {}",
            short_json(value)
        )));
    };
    if intrinsic::looks_intrinsic(expr) {
        return intrinsic::eval_with(expr, input, context, rng);
    }
    if !expr.starts_with('$') {
        return Err(StateError::runtime(format!(
            "The value for the field '{key}' must be a JSONPath or an intrinsic function, not '{expr}'"
        )));
    }
    let (root, p, what) = path::resolve(expr, input, context)?;
    match path::query(root, &p) {
        Ok(v) => Ok(v),
        Err(PathError::NoMatch) => Err(StateError::runtime(format!(
            "The JSONPath '{expr}' specified for the field '{key}' could not be found in the {what} '{}'",
            short_json(root)
        ))),
        Err(e) => Err(StateError::runtime(format!(
            "The JSONPath '{expr}' specified for the field '{key}' is not valid: {e}"
        ))),
    }
}

/// Static findings for the validator, as `(JSON pointer, message)`; pointers are
/// `pointer` followed by RFC 6901 steps into `template`.
pub fn check(template: &Value, pointer: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut ptr = pointer.to_string();
    check_at(template, &mut ptr, 0, &mut out);
    out
}

/// `ptr` is the pointer of `t`; steps are pushed and truncated (no string per key).
fn check_at(t: &Value, ptr: &mut String, depth: usize, out: &mut Vec<(String, String)>) {
    if depth > MAX_DEPTH {
        out.push((ptr.clone(), "the template is nested too deeply".to_string()));
        return;
    }
    match t {
        Value::Object(map) => {
            for (key, value) in map {
                let len = ptr.len();
                ptr.push('/');
                ptr.push_str(&escape(key));
                match dynamic_key(key) {
                    None => check_at(value, ptr, depth + 1, out),
                    Some(name) => {
                        if map.contains_key(name) {
                            out.push((
                                ptr.clone(),
                                format!("both '{name}' and '{key}' are present; keep one of them"),
                            ));
                        }
                        match value {
                            Value::String(expr) => {
                                if let Some(msg) = check_expr(expr) {
                                    out.push((ptr.clone(), msg));
                                }
                            }
                            other => out.push((
                                ptr.clone(),
                                format!(
                                    "the value of '{key}' must be a string holding a path or an intrinsic function, not {}",
                                    intrinsic::type_name(other)
                                ),
                            )),
                        }
                    }
                }
                ptr.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let len = ptr.len();
                ptr.push('/');
                ptr.push_str(&i.to_string());
                check_at(v, ptr, depth + 1, out);
                ptr.truncate(len);
            }
        }
        _ => {}
    }
}

fn check_expr(expr: &str) -> Option<String> {
    if intrinsic::looks_intrinsic(expr) {
        intrinsic::check(expr).err()
    } else if expr.starts_with('$') {
        (!crate::sfn::check::path_ok(expr)).then(|| format!("'{expr}' is not a valid JSONPath"))
    } else {
        Some(format!(
            "'{expr}' is neither a path (starting with '$') nor an intrinsic function (starting with 'States.')"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ctx() -> Value {
        json!({"Execution": {"Id": "arn:aws:states:us-east-1:123:execution:sm:run-1"}, "State": {"Name": "Create Cluster"}})
    }

    fn go(template: Value, input: Value) -> Result<Value, StateError> {
        render(&template, &input, &ctx(), &mut Rng::new(1))
    }

    // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html
    #[test]
    fn parameters_example_from_the_guide() {
        let input = json!({
            "comment": "Example for Parameters.",
            "product": {
                "details": {"color": "blue", "size": "small", "material": "cotton"},
                "availability": "in stock",
                "sku": "2317",
                "cost": "$23"
            }
        });
        let template = json!({
            "comment": "Selecting what I care about.",
            "MyDetails": {
                "size.$": "$.product.details.size",
                "exists.$": "$.product.availability",
                "StaticValue": "foo"
            }
        });
        assert_eq!(
            go(template.clone(), input),
            Ok(json!({
                "comment": "Selecting what I care about.",
                "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"}
            }))
        );
        assert!(check(&template, "/States/A/Parameters").is_empty());
    }

    #[test]
    fn result_selector_example_from_the_guide() {
        let result = json!({
            "resourceType": "elasticmapreduce",
            "resource": "createCluster.sync",
            "output": {
                "SdkHttpMetadata": {"HttpStatusCode": 200},
                "SdkResponseMetadata": {"RequestId": "1234-5678-9012"},
                "ClusterId": "AKIAIOSFODNN7EXAMPLE"
            }
        });
        let template =
            json!({"ClusterId.$": "$.output.ClusterId", "ResourceType.$": "$.resourceType"});
        assert_eq!(
            go(template, result),
            Ok(json!({"ClusterId": "AKIAIOSFODNN7EXAMPLE", "ResourceType": "elasticmapreduce"}))
        );
    }

    #[test]
    fn flatten_example_from_the_guide() {
        assert_eq!(
            go(json!({"flattenArray.$": "$[*][*]"}), json!([[1, 2], [3]])),
            Ok(json!({"flattenArray": [1, 2, 3]}))
        );
    }

    #[test]
    fn context_intrinsics_and_arrays() {
        let input = json!({"Id": 7, "items": [{"n": 1}]});
        let template = json!({
            "exec.$": "$$.Execution.Id",
            "state.$": "$$.State.Name",
            "ids.$": "States.Array($.Id, $$.State.Name)",
            "list": [{"id.$": "$.Id"}, "plain.$", 3, [{"deep.$": "$.items[0].n"}]],
            "whole.$": "$",
            "literal": {"x": null}
        });
        assert_eq!(
            go(template, input),
            Ok(json!({
                "exec": "arn:aws:states:us-east-1:123:execution:sm:run-1",
                "state": "Create Cluster",
                "ids": [7, "Create Cluster"],
                "list": [{"id": 7}, "plain.$", 3, [{"deep": 1}]],
                "whole": {"Id": 7, "items": [{"n": 1}]},
                "literal": {"x": null}
            }))
        );
    }

    #[test]
    fn failures_name_the_field() {
        let e = go(json!({"a": {"b.$": "$.x"}}), json!({"y": 1})).unwrap_err();
        assert_eq!(e.error, "States.Runtime");
        assert_eq!(
            e.cause,
            "The JSONPath '$.x' specified for the field 'b.$' could not be found in the input '{\"y\":1}'"
        );
        let e = go(json!({"c.$": "$$.Nope"}), json!({})).unwrap_err();
        assert!(e.cause.contains("context object"), "{}", e.cause);
        let e = go(json!({"a.$": 5}), json!({})).unwrap_err();
        assert_eq!(e.error, "States.Runtime");
        let e = go(json!({"a.$": "x"}), json!({})).unwrap_err();
        assert_eq!(e.error, "States.Runtime");
        let e = go(json!({"a.$": "States.ArrayLength($.s)"}), json!({"s": "x"})).unwrap_err();
        assert_eq!(e.error, "States.IntrinsicFailure");
    }

    #[test]
    fn indefinite_path_with_no_match_is_an_empty_list() {
        assert_eq!(
            go(
                json!({"a.$": "$.xs[?(@.n > 5)]"}),
                json!({"xs": [{"n": 1}]})
            ),
            Ok(json!({"a": []}))
        );
    }

    #[test]
    fn static_findings() {
        let template = json!({
            "ok.$": "$.a",
            "num.$": 3,
            "bad.$": "$.a[",
            "word.$": "hello",
            "fn.$": "States.Nope()",
            "dup": 1,
            "dup.$": "$.x",
            "nested": [{"a/b~c.$": "$$.Execution.Id"}, {"z.$": {"k": 1}}]
        });
        let found = check(&template, "/States/S/Parameters");
        let pointers: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            vec![
                "/States/S/Parameters/num.$",
                "/States/S/Parameters/bad.$",
                "/States/S/Parameters/word.$",
                "/States/S/Parameters/fn.$",
                "/States/S/Parameters/dup.$",
                "/States/S/Parameters/nested/1/z.$",
            ]
        );
        assert!(found.iter().all(|(_, m)| !m.is_empty()));
        assert!(found[4].1.contains("both 'dup' and 'dup.$'"));
        let escaped = check(&json!({"a/b~c.$": 1}), "");
        assert_eq!(escaped[0].0, "/a~1b~0c.$");
    }

    #[test]
    fn deep_templates_do_not_overflow() {
        let mut t = json!(1);
        for _ in 0..300 {
            t = json!([t]);
        }
        assert!(go(t.clone(), json!({})).is_err());
        assert_eq!(check(&t, "").len(), 1);
    }
}
