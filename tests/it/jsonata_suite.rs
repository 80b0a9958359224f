//! The official JSONata test suite (jsonata-js `test/test-suite`, MIT, copied into
//! `tests/fixtures/jsonata/` with its LICENSE) run over the engine the Lab uses. Every
//! case is run; the test fails when the pass rate falls below the measured figure.
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

/// Cases passed by jsonata-core 2.2.13 when this runner was written (see README).
const MIN_PASSED: usize = 1680;

pub struct Case {
    pub name: String,
    pub expr: String,
    pub data: Option<Value>,
    pub bindings: serde_json::Map<String, Value>,
    pub timelimit: Option<u64>,
    pub depth: Option<usize>,
    pub expect: Expect,
}

pub enum Expect {
    Result(Value),
    Undefined,
    Code(String),
}

/// What an engine gave: a value (None: undefined) or an error code.
pub type Got = Result<Option<Value>, String>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jsonata")
}

pub fn cases() -> Vec<Case> {
    let root = root();
    let mut out = Vec::new();
    let mut groups: Vec<_> = std::fs::read_dir(root.join("groups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    groups.sort();
    for g in groups {
        let mut files: Vec<_> = std::fs::read_dir(&g)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            // serde_json refuses a few numbers out of f64's range (`1e1000`): such a
            // file counts as one failed case.
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap())
                .unwrap_or_else(|_| serde_json::json!({"expr": "", "code": "unreadable"}));
            let list = match v {
                Value::Array(a) => a,
                other => vec![other],
            };
            for (i, c) in list.into_iter().enumerate() {
                let name = format!(
                    "{}/{}#{i}",
                    g.file_name().unwrap().to_string_lossy(),
                    f.file_stem().unwrap().to_string_lossy()
                );
                let expr = match (c.get("expr"), c.get("expr-file")) {
                    (Some(Value::String(e)), _) => e.clone(),
                    (_, Some(Value::String(file))) => {
                        std::fs::read_to_string(g.join(file)).unwrap()
                    }
                    _ => continue,
                };
                let data = match (c.get("data"), c.get("dataset")) {
                    (Some(d), _) => Some(d.clone()),
                    (None, Some(Value::String(ds))) => Some(
                        serde_json::from_str(
                            &std::fs::read_to_string(root.join(format!("datasets/{ds}.json")))
                                .unwrap(),
                        )
                        .unwrap(),
                    ),
                    _ => None,
                };
                let expect = if let Some(r) = c.get("result") {
                    Expect::Result(r.clone())
                } else if let Some(code) = c.get("code").and_then(Value::as_str) {
                    Expect::Code(code.to_string())
                } else if c.get("error").is_some() {
                    Expect::Code(
                        c.pointer("/error/code")
                            .and_then(Value::as_str)
                            .unwrap_or("?")
                            .to_string(),
                    )
                } else {
                    Expect::Undefined
                };
                out.push(Case {
                    name,
                    expr,
                    data,
                    bindings: c
                        .get("bindings")
                        .and_then(Value::as_object)
                        .cloned()
                        .unwrap_or_default(),
                    // The suite's time limits stop runaway recursion in the
                    // reference engine on a quiet machine; a case that expects a
                    // value gets ten times as long, so a debug build on a busy
                    // CI machine is not failed for being slow. Cases that expect
                    // the time-out error keep their limit.
                    timelimit: c.get("timelimit").and_then(Value::as_u64).map(|t| {
                        let expects_timeout = matches!(
                            c.get("code").and_then(Value::as_str),
                            Some("U1001" | "D1001")
                        );
                        if expects_timeout { t } else { t * 10 }
                    }),
                    depth: c.get("depth").and_then(Value::as_u64).map(|d| d as usize),
                    expect,
                });
            }
        }
    }
    out
}

/// Equal as JSON, numbers within a relative 1e-12 (the suite's numbers are doubles).
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            x == y || (x - y).abs() <= 1e-12 * x.abs().max(y.abs())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

pub fn passes(c: &Case, got: &Got) -> bool {
    match (&c.expect, got) {
        (Expect::Result(want), Ok(Some(v))) => same(want, v),
        (Expect::Undefined, Ok(None)) => true,
        (Expect::Code(want), Err(code)) => code == want,
        _ => false,
    }
}

/// Runs every case on `engine` (each on its own thread with a time limit, so a
/// hanging case counts as failed); returns (passed, total, names of the failed).
pub fn run_suite(engine: fn(&Case) -> Got) -> (usize, usize, Vec<String>) {
    let all = cases();
    let total = all.len();
    let mut passed = 0;
    let mut failed = Vec::new();
    for c in all {
        let c = std::sync::Arc::new(c);
        let (tx, rx) = std::sync::mpsc::channel();
        let c2 = c.clone();
        std::thread::Builder::new()
            .stack_size(64 * 1024 * 1024)
            .spawn(move || {
                let got = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| engine(&c2)))
                    .unwrap_or_else(|_| Err("panic".into()));
                let _ = tx.send(passes(&c2, &got));
            })
            .unwrap();
        // Generous: this guards against a hang, it does not measure speed.
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(true) => passed += 1,
            _ => failed.push(c.name.clone()),
        }
    }
    (passed, total, failed)
}

fn core_engine(c: &Case) -> Got {
    aws_study::sfn::jsonata::suite_eval(&c.expr, c.data.as_ref(), &c.bindings, c.timelimit, c.depth)
}

#[test]
fn the_official_jsonata_suite_passes_at_the_measured_rate() {
    let (passed, total, failed) = run_suite(core_engine);
    eprintln!(
        "jsonata-core: {passed}/{total} passed; failed: {}",
        failed.join(" ")
    );
    assert!(total > 1000, "the suite has {total} cases");
    assert!(
        passed >= MIN_PASSED,
        "{passed}/{total} passed, below the measured {MIN_PASSED}; failed: {failed:?}"
    );
}
