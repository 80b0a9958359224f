//! `aws-study sfn …`: validate, draw and simulate Step Functions state machines.
use std::path::Path;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::budget::step_functions::{
    ExpressCost, ExpressPrices, ExpressUsage, cost_usd, express_cost, express_prices,
    standard_price,
};
use crate::cli::{RunFormat, SfnCommand, WorkflowType};
use crate::lang::{Lang, Text2, tr};
use crate::numfmt;
use crate::sfn::check::Options;
use crate::sfn::mock::Mocks;
use crate::sfn::sim::{self, Abort, Execution, STAGE_NAMES};
use crate::sfn::{doc, graph, samples};
use crate::{Context, Failure};

use super::write_out;

/// A definition to work on: a file, or a bundled sample.
pub struct Source {
    /// What to call it in messages (the path or the sample id).
    pub label: String,
    pub text: String,
    /// Machine name for the context object and the mock file lookup.
    pub stem: String,
    pub sample: Option<&'static samples::Sample>,
}

/// Reads FILE, or the sample with that id when no such file exists.
pub fn load_source(arg: &str, lang: Lang) -> Result<Source, Failure> {
    let p = Path::new(arg);
    if p.exists() {
        let text = crate::sfn::read_text(p, lang).map_err(|e| {
            let also = if e.contains("16 MiB") {
                tr(
                    lang,
                    " (AWS accepts definitions up to 1 MiB)",
                    " (a AWS aceita definições de até 1 MiB)",
                )
            } else {
                ""
            };
            Failure::Runtime(format!("{arg}: {e}{also}"))
        })?;
        let stem = crate::sfn::mock::machine_stem(p);
        return Ok(Source {
            label: arg.to_string(),
            text,
            stem,
            sample: None,
        });
    }
    if let Some(s) = samples::find(arg) {
        return Ok(Source {
            label: arg.to_string(),
            text: s.definition_text().to_string(),
            stem: s.id.clone(),
            sample: Some(s),
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

pub fn run(ctx: &Context, cmd: SfnCommand) -> Result<(), Failure> {
    let lang = ctx.lang;
    match cmd {
        SfnCommand::Samples => {
            let mut out = String::new();
            for s in samples::all() {
                out.push_str(&format!("{}\t{}\n", s.id, s.title.get(lang)));
            }
            write_out(&out)
        }
        SfnCommand::Check {
            files,
            lenient_resource,
        } => check(lang, &files, Options { lenient_resource }),
        SfnCommand::Graph { file, width } => {
            let src = load_source(&file, lang)?;
            let checked = doc::check_text(&src.text, Options::default())
                .map_err(|e| Failure::Runtime(e.located(&src.label, lang)))?;
            let width = width.map(usize::from).unwrap_or_else(terminal_width);
            let d = graph::draw_in(&graph::model(&checked.value), width, lang);
            let mut out = d.lines.join("\n");
            out.push('\n');
            if !checked.findings.is_empty() {
                out.push_str(&format!(
                    "({} {}; `aws-study sfn check {}`)\n",
                    checked.findings.len(),
                    if checked.findings.len() == 1 {
                        tr(lang, "validation finding", "problema de validação")
                    } else {
                        tr(lang, "validation findings", "problemas de validação")
                    },
                    src.label
                ));
            }
            write_out(&out)
        }
        SfnCommand::Run {
            file,
            input,
            input_file,
            mocks,
            test_case,
            format,
            max_transitions,
            lenient_resource,
            workflow_type,
        } => {
            let src = load_source(&file, lang)?;
            let input_label = match (&input, &input_file) {
                (Some(_), _) => "--input".to_string(),
                (None, Some(p)) => p.display().to_string(),
                (None, None) => format!("{} ({})", src.label, tr(lang, "its input", "sua entrada")),
            };
            let input = match (input, input_file) {
                (Some(t), _) => doc::parse_json(&t)
                    .map_err(|e| Failure::Runtime(format!("--input: {}", e.message(lang))))?,
                (None, Some(p)) => {
                    let t = crate::sfn::read_text(&p, lang)
                        .map_err(|e| Failure::Runtime(format!("{}: {e}", p.display())))?;
                    doc::parse_json(&t)
                        .map_err(|e| Failure::Runtime(e.located(p.display(), lang)))?
                }
                (None, None) => src
                    .sample
                    .as_ref()
                    .map(|s| s.input.clone())
                    .unwrap_or_else(|| json!({})),
            };
            // StartExecution refuses an input over the payload quota: say so, naming
            // it, before reading mocks or checking the machine.
            if let Some(e) = sim::input_problem(&input) {
                return Err(input_refused(&input_label, e, lang));
            }
            let mock_file = match (&mocks, &src.sample) {
                (Some(p), _) => {
                    let t = crate::sfn::read_text(p, lang)
                        .map_err(|e| Failure::Runtime(format!("{}: {e}", p.display())))?;
                    Some(
                        Mocks::parse_in(&t, lang)
                            .map_err(|e| Failure::Runtime(format!("{}: {e}", p.display())))?,
                    )
                }
                (None, Some(s)) => Some(Mocks::parse_in(s.mocks_text(), lang).map_err(|e| {
                    Failure::Runtime(format!(
                        "{} ({}): {e}",
                        s.mocks,
                        tr(lang, "bundled", "embutido")
                    ))
                })?),
                (None, None) => None,
            };
            if test_case.is_some() && mock_file.is_none() {
                return Err(Failure::Usage(
                    tr(
                        lang,
                        "--test-case needs --mocks (or a sample id)",
                        "--test-case precisa de --mocks (ou do id de um exemplo)",
                    )
                    .into(),
                ));
            }
            let mocks_label = match (&mocks, &src.sample) {
                (Some(p), _) => p.display().to_string(),
                (None, Some(s)) => format!("{} ({})", s.mocks, tr(lang, "bundled", "embutido")),
                (None, None) => tr(lang, "mocks", "mocks").to_string(),
            };
            let exec = simulate(
                &src,
                input,
                mock_file.as_ref().map(|m| (m, mocks_label.as_str())),
                test_case.as_deref(),
                max_transitions,
                Options { lenient_resource },
                lang,
            )?;
            let price = standard_price();
            let express =
                (workflow_type == WorkflowType::Express).then(|| Express::of(&exec, &src.text));
            let cost = match &express {
                Some(x) => {
                    let mut c = x.cost.total().round_dp(6);
                    c.rescale(6);
                    c
                }
                None => cost_usd(exec.transitions, price),
            };
            match format {
                RunFormat::Json => write_json_streamed(&run_json(&exec, cost, express.as_ref()))?,
                RunFormat::Text => {
                    write_out(&run_text(&exec, cost, price, express.as_ref(), lang))?
                }
            }
            match exec.status {
                sim::Status::Succeeded => Ok(()),
                sim::Status::Failed => Err(Failure::ExecutionFailed),
            }
        }
    }
}

/// An execution input AWS would not start with: which input, and why.
fn input_refused(label: &str, e: crate::sfn::StateError, lang: Lang) -> Failure {
    Failure::Runtime(format!("{label}: {}", sim::input_refusal(&e, lang)))
}

/// Validates, resolves the mock test case and runs one execution.
pub fn simulate(
    src: &Source,
    input: Value,
    mocks: Option<(&Mocks, &str)>,
    test_case: Option<&str>,
    max_transitions: u64,
    check: Options,
    lang: Lang,
) -> Result<Execution, Failure> {
    let mocks_label = mocks.map_or("mocks", |(_, l)| l);
    let mocks = mocks.map(|(m, _)| m);
    let checked = doc::check_text(&src.text, check)
        .map_err(|e| Failure::Runtime(e.located(&src.label, lang)))?;
    if !checked.is_valid() {
        let mut msg = format!(
            "{}: {} ({}):",
            src.label,
            tr(
                lang,
                "the definition is not valid",
                "a definição não é válida"
            ),
            checked.findings.len()
        );
        for f in checked.findings.iter().take(5) {
            msg.push_str(&format!("\n  {}", f.message(lang)));
        }
        return Err(Failure::Runtime(msg));
    }
    let machine = match mocks {
        Some(m) => {
            let name = m
                .machine_for_in(&src.stem, lang)
                .map_err(|e| Failure::Runtime(format!("{mocks_label}: {e}")))?;
            if let Some(tc) = test_case {
                let cases = m.cases(&name);
                if !cases.iter().any(|c| c == tc) {
                    // A flag value that names nothing: a usage error listing the choices.
                    return Err(Failure::Usage(match lang {
                        Lang::En => format!(
                            "{mocks_label}: no test case {tc:?} for {name:?}; test cases: {}",
                            cases.join(", ")
                        ),
                        Lang::PtBr => format!(
                            "{mocks_label}: não há caso de teste {tc:?} para {name:?}; casos de teste: {}",
                            cases.join(", ")
                        ),
                    }));
                }
            }
            name
        }
        None => src.stem.clone(),
    };
    let opts = sim::Options {
        mocks,
        test_case,
        max_transitions,
        seed: 7,
        machine_name: &machine,
    };
    sim::run(&checked.value, input, &opts).map_err(|a| {
        let why = a.message(lang);
        Failure::Runtime(match a {
            Abort::Mock(_) => format!("{mocks_label}: {why}"),
            Abort::Input(_) => why,
            Abort::Recording(_) => format!(
                "{}: {why}; {}",
                src.label,
                tr(
                    lang,
                    "lower --max-transitions or use a smaller input",
                    "reduza --max-transitions ou use uma entrada menor"
                )
            ),
            Abort::Limit(_) => format!("{}: {why} (--max-transitions)", src.label),
            Abort::Jsonata => format!("{}: {why}", src.label),
        })
    })
}

/// `sfn run --format json`: borrowed from the execution, so a long run's history is
/// written as it is serialized, never copied into one large value.
#[derive(serde::Serialize)]
struct RunJson<'a> {
    status: &'a str,
    output: &'a Value,
    error: Option<&'a str>,
    cause: Option<&'a str>,
    transitions: u64,
    cost_usd: String,
    /// With `--type express`: what the cost is made of.
    #[serde(skip_serializing_if = "Option::is_none")]
    express: Option<ExpressJson>,
    events: &'a [sim::Event],
}

#[derive(serde::Serialize)]
struct ExpressJson {
    workflow_type: &'static str,
    requests: u64,
    billed_duration_ms: u64,
    billed_memory_mb: u64,
    gb_seconds: String,
    request_usd: String,
    duration_usd: String,
}

/// One execution priced as an Express workflow (`--type express`).
struct Express {
    usage: ExpressUsage,
    prices: ExpressPrices,
    cost: ExpressCost,
    /// A Task waits for a job (`.sync`) or a task token: Standard only.
    waits: bool,
}

/// Express executions stop after this many seconds (AWS: five minutes).
const EXPRESS_MAX_SECONDS: f64 = 300.0;

impl Express {
    /// The run's simulated duration, the definition's size, the largest state input
    /// or output and the Map and Parallel steps: what AWS bills an Express execution
    /// for (`budget::step_functions::ExpressUsage`).
    fn of(exec: &Execution, definition: &str) -> Express {
        let waits = serde_json::from_str::<Value>(definition)
            .map(|v| {
                crate::sfn::model::StateMachine::read(&v)
                    .states
                    .iter()
                    .any(|s| s.waits_for_completion())
            })
            .unwrap_or(false);
        let usage = ExpressUsage::measured(&exec.express_measure(), definition.len() as u64);
        let prices = express_prices();
        let cost = express_cost(&usage, 1, &prices);
        Express {
            usage,
            prices,
            cost,
            waits,
        }
    }

    fn json(&self) -> ExpressJson {
        let fixed = |d: Decimal, places: u32| {
            let mut d = d.round_dp(places);
            d.rescale(places);
            d.to_string()
        };
        ExpressJson {
            workflow_type: "EXPRESS",
            requests: 1,
            billed_duration_ms: self.usage.billed_ms,
            billed_memory_mb: self.usage.billed_mb,
            gb_seconds: self.cost.gb_seconds.normalize().to_string(),
            request_usd: fixed(self.cost.requests_usd, 9),
            duration_usd: fixed(self.cost.duration_usd, 9),
        }
    }

    /// `Express: 1 request × $1.00 per million + 0.00625 GB-s (100 ms × 64 MB) ×
    /// $0.06 per GB-hour`.
    fn text(&self, lang: Lang) -> String {
        format!(
            "Express: 1 {} × {} {} + {} GB-s ({} ms × {} MB) × {} {}",
            tr(lang, "request", "requisição"),
            numfmt::usd_price(self.prices.per_million_requests, lang),
            tr(lang, "per million", "por milhão"),
            numfmt::decimal(self.cost.gb_seconds.normalize(), lang),
            numfmt::count(self.usage.billed_ms, lang),
            numfmt::count(self.usage.billed_mb, lang),
            numfmt::usd_price(self.prices.per_gb_hour[0], lang),
            tr(lang, "per GB-hour", "por GB-hora"),
        )
    }

    /// What an Express workflow could not do of this run: last over five minutes,
    /// or wait for a job (`.sync`) or a task token (`.waitForTaskToken`), which only
    /// Standard workflows support.
    fn notes(&self, exec: &Execution, lang: Lang) -> String {
        let mut out = String::new();
        if exec.elapsed_seconds > EXPRESS_MAX_SECONDS {
            out.push_str(&format!(
                "{} {} s).\n",
                tr(
                    lang,
                    "Note: an Express execution stops after 5 minutes; this run takes longer (simulated:",
                    "Atenção: uma execução Express para após 5 minutos; esta leva mais (simulado:"
                ),
                numfmt::float(exec.elapsed_seconds, 0, lang)
            ));
        }
        if self.waits {
            out.push_str(tr(
                lang,
                "Note: Express workflows do not support .sync or .waitForTaskToken; this machine needs Standard.\n",
                "Atenção: fluxos Express não aceitam .sync nem .waitForTaskToken; esta máquina precisa do Standard.\n",
            ));
        }
        out
    }
}

fn run_json<'a>(exec: &'a Execution, cost: Decimal, express: Option<&Express>) -> RunJson<'a> {
    RunJson {
        status: exec.status.name(),
        output: exec.output.as_ref().unwrap_or(&Value::Null),
        error: exec.error.as_ref().map(|e| e.error.as_str()),
        cause: exec.error.as_ref().map(|e| e.cause.as_str()),
        transitions: exec.transitions,
        cost_usd: cost.to_string(),
        express: express.map(Express::json),
        events: &exec.events,
    }
}

/// Pretty JSON to stdout in pieces of whole lines (pretty JSON breaks lines only
/// between tokens), each through the JSON output rule.
fn write_json_streamed(v: &impl serde::Serialize) -> Result<(), Failure> {
    struct Lines {
        buf: Vec<u8>,
        failed: Option<Failure>,
    }
    impl Lines {
        fn emit(&mut self, upto: usize) -> std::io::Result<()> {
            let rest = self.buf.split_off(upto);
            let chunk = std::mem::replace(&mut self.buf, rest);
            let text = String::from_utf8_lossy(&chunk);
            super::output::write_json(&text).map_err(|f| {
                self.failed = Some(f);
                std::io::Error::other("write failed")
            })
        }
    }
    impl std::io::Write for Lines {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.buf.extend_from_slice(b);
            if self.buf.len() >= 1 << 16
                && let Some(nl) = self.buf.iter().rposition(|&c| c == b'\n')
            {
                self.emit(nl + 1)?;
            }
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut w = Lines {
        buf: Vec::new(),
        failed: None,
    };
    let res = serde_json::to_writer_pretty(&mut w, v);
    if let Some(f) = w.failed.take() {
        return Err(f);
    }
    res.map_err(|e| Failure::Runtime(format!("cannot write the run as JSON: {e}")))?;
    w.buf.push(b'\n');
    let n = w.buf.len();
    w.emit(n).map_err(|_| {
        w.failed
            .take()
            .unwrap_or(Failure::Runtime("cannot write".into()))
    })
}

fn run_text(
    exec: &Execution,
    cost: Decimal,
    price: Decimal,
    express: Option<&Express>,
    lang: Lang,
) -> String {
    let mut out = String::new();
    for (i, s) in exec.steps.iter().enumerate() {
        let indent = "  ".repeat(s.depth);
        out.push_str(&format!("{indent}{:>3}. {} ({})\n", i + 1, s.state, s.kind));
        // A stage equal to the one before it is shown as "= previous".
        // The recorded text, not the value: looking at a value would keep it parsed.
        let mut prev: Option<(&str, &str)> = None;
        for (k, name) in STAGE_NAMES.iter().enumerate() {
            if let Some(Some(r)) = s.stages.slot(k) {
                let v = r.text();
                match prev {
                    Some((p, pv)) if pv == v => {
                        out.push_str(&format!("{indent}     {name:<20} = {p}\n"))
                    }
                    _ => out.push_str(&format!("{indent}     {name:<20} {}\n", one_line(v))),
                }
                prev = Some((name, v));
            }
        }
        if let Some(m) = &s.matched {
            out.push_str(&format!("{indent}     {}\n", one_line(&m.message(lang))));
        }
        for (n, r) in s.retries.iter().enumerate() {
            out.push_str(&format!(
                "{indent}     {}\n",
                one_line(&r.message(n + 1, lang))
            ));
        }
        if let Some(w) = s.wait_seconds {
            out.push_str(&format!(
                "{indent}     {} {} s ({})\n",
                tr(lang, "waits", "espera"),
                numfmt::float(w, 0, lang),
                tr(lang, "simulated", "simulado")
            ));
        }
        if let Some(e) = &s.error {
            out.push_str(&format!(
                "{indent}     {} {}: {}\n",
                tr(lang, "error", "erro"),
                e.error,
                e.cause
            ));
        }
        if let Some(v) = &s.via {
            out.push_str(&format!("{indent}     {}\n", v.phrase(lang)));
        }
        if let Some(n) = &s.next {
            out.push_str(&format!("{indent}     → {n}\n"));
        }
    }
    let status = match (exec.status, lang) {
        (_, Lang::En) => exec.status.name().to_string(),
        (sim::Status::Succeeded, Lang::PtBr) => {
            format!("{} (concluída com sucesso)", exec.status.name())
        }
        (sim::Status::Failed, Lang::PtBr) => format!("{} (falhou)", exec.status.name()),
    };
    let basis = match express {
        Some(x) => x.text(lang),
        None => format!(
            "Standard, {} {}",
            numfmt::usd_price(price, lang),
            tr(lang, "per transition", "por transição")
        ),
    };
    out.push_str(&format!(
        "\n{status} · {} {} · {} {} ({basis})\n",
        numfmt::count(exec.transitions, lang),
        if exec.transitions == 1 {
            tr(lang, "state transition", "transição de estado")
        } else {
            tr(lang, "state transitions", "transições de estado")
        },
        tr(lang, "cost", "custo"),
        numfmt::usd_fixed(cost, 6, lang),
    ));
    if let Some(x) = express {
        out.push_str(&x.notes(exec, lang));
    }
    match (&exec.output, &exec.error) {
        (Some(o), _) => out.push_str(&format!(
            "{}: {}\n",
            tr(lang, "output", "saída"),
            one_line(&o.to_string())
        )),
        (None, Some(e)) => out.push_str(&format!(
            "{}: {}\n{}: {}\n",
            tr(lang, "error", "erro"),
            e.error,
            tr(lang, "cause", "causa"),
            e.cause
        )),
        _ => {}
    }
    out
}

fn one_line(s: &str) -> String {
    if s.chars().count() > 300 {
        let cut: String = s.chars().take(300).collect();
        format!("{cut}…")
    } else {
        s.to_string()
    }
}

fn terminal_width() -> usize {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = crossterm::terminal::size()
    {
        return usize::from(w).max(20);
    }
    80
}

fn check(lang: Lang, files: &[String], opts: Options) -> Result<(), Failure> {
    let mut out = String::new();
    let mut bad = 0usize;
    for f in files {
        let src = match load_source(f, lang) {
            Ok(s) => s,
            Err(e) => {
                out.push_str(&format!("{}\n", e.message()));
                bad += 1;
                continue;
            }
        };
        match doc::check_text(&src.text, opts) {
            Err(e) => {
                bad += 1;
                out.push_str(&e.located(&src.label, lang));
                out.push('\n');
            }
            Ok(c) if c.is_valid() => {
                out.push_str(&format!("{}: {}\n", src.label, tr(lang, "valid", "válida")));
            }
            Ok(c) => {
                bad += 1;
                for finding in &c.findings {
                    let loc = finding.line.map(|l| format!(":{l}")).unwrap_or_default();
                    let mut m = finding.clone();
                    m.line = None;
                    out.push_str(&format!("{}{loc}: {}\n", src.label, m.message(lang)));
                    out.push_str(&format!("    {}\n", finding.rule.explain(lang)));
                }
                out.push_str(&super::findings_line(&src.label, c.findings.len(), lang));
            }
        }
    }
    write_out(&out)?;
    super::checked(
        bad,
        files.len(),
        lang,
        Text2::new("definitions not valid", "definições inválidas"),
    )
}
