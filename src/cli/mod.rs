//! The command line (summarised in the README, "Usage"), with clap: its help,
//! usage errors (exit 2) and the language of both. The definitions below carry the
//! English help; `help` builds the `clap::Command` in the resolved language (the
//! Portuguese texts, headings and usage live there) and words clap's errors.
pub mod help;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::lang::Lang;

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language '{s}'; valid choices: en, pt-BR"))
}

/// A BRL rate: a positive decimal up to a million, in either decimal style.
pub fn rate_value(s: &str) -> Option<rust_decimal::Decimal> {
    crate::budget::parse_decimal(s).filter(|r| {
        *r > rust_decimal::Decimal::ZERO && *r <= rust_decimal::Decimal::from(1_000_000)
    })
}

fn parse_theme(s: &str) -> Result<crate::tui::theme::ThemeKind, String> {
    crate::tui::theme::ThemeKind::parse(s)
        .ok_or_else(|| format!("unknown theme '{s}'; valid choices: dark, light, high-contrast"))
}

fn parse_rate(s: &str) -> Result<rust_decimal::Decimal, String> {
    rate_value(s).ok_or_else(|| {
        format!("'{s}' is not a rate: give BRL per USD as a positive decimal, e.g. 5.40")
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum BudgetFormat {
    Table,
    Csv,
    Json,
    Md,
}

/// What `quiz --export` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum QuizExport {
    /// Questions last answered wrong, with the right answer and the explanation.
    Missed,
    /// Every answer given, oldest first.
    Results,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum QuizExportFormat {
    Md,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

#[derive(Debug, Parser)]
#[command(
    name = "aws-study",
    version,
    about = "Offline terminal study companion for an AWS cloud and data-science course",
    long_about = "Read the course notes in tabs (run without a command for the interactive app), \
                  print or search them, and validate content.\n\nLanguage: --lang > AWS_STUDY_LANG > \
                  saved setting > locale (LC_ALL, LC_MESSAGES, LANG starting with 'pt' → pt-BR)."
)]
pub struct Cli {
    /// Language of the content and interface: en or pt-BR.
    #[arg(long, global = true, value_parser = parse_lang, value_name = "en|pt-BR")]
    pub lang: Option<Lang>,
    /// Extra or overriding content: a directory with en/, pt-BR/ and quiz/ folders.
    #[arg(long, global = true, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// Where settings and progress are kept (default: AWS_STUDY_DATA_DIR, else the
    /// platform data directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Capture the mouse in the interactive app (wheel scrolls, clicks pick tabs);
    /// this disables the terminal's own text selection.
    #[arg(long)]
    pub mouse: bool,
    /// Colours of the interactive app: dark (the default), light (for a light
    /// background) or high-contrast; remembered for later runs. NO_COLOR turns colours
    /// off in any of them.
    #[arg(long, value_parser = parse_theme, value_name = "dark|light|high-contrast")]
    pub theme: Option<crate::tui::theme::ThemeKind>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the topics, one per line: "<id>\t<title>".
    Topics,
    /// Render a note to standard output.
    Show {
        /// Topic id (see `aws-study topics`).
        topic: String,
        /// Width in columns (default: the terminal's, or 80).
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=1000))]
        width: Option<u16>,
        /// Plain text: no ANSI styling even on a terminal.
        #[arg(long)]
        plain: bool,
    },
    /// Search all notes: "<topic>:<line>: <snippet>" per matching source line
    /// (case- and accent-insensitive).
    Search {
        /// Text to look for.
        query: String,
    },
    /// Price a budget: a course scenario, a saved budget or a budget file.
    Budget {
        /// Scenario id or saved budget name (see --list); default scenario-1.
        #[arg(long, conflicts_with = "file", value_name = "ID")]
        scenario: Option<String>,
        /// A budget file (the format saved by the app and written by `--format json`).
        #[arg(long, value_name = "PATH")]
        file: Option<PathBuf>,
        /// Output format: an aligned table with formulas, csv, json (the budget file
        /// with costs) or md (a markdown table).
        #[arg(long, value_enum, default_value_t = BudgetFormat::Table)]
        format: BudgetFormat,
        /// Add a BRL column at R BRL per USD (e.g. 5.40).
        #[arg(long, value_name = "R", value_parser = parse_rate, allow_negative_numbers = true)]
        rate: Option<rust_decimal::Decimal>,
        /// List the scenario ids and saved budgets.
        #[arg(long, conflicts_with_all = ["scenario", "file", "rate"])]
        list: bool,
        /// For each line, its pricing options (On-Demand, Savings Plans, Reserved
        /// Instances, Spot, S3 storage classes) with the effective rate, upfront,
        /// monthly cost, saving and what each commits to.
        #[arg(long, conflicts_with_all = ["list", "rate"])]
        options: bool,
        /// List the pricing catalog: every item with its course and documented
        /// price, status, source and options.
        #[arg(long, conflicts_with_all = ["scenario", "file", "rate", "list", "options"])]
        catalog: bool,
        /// Compare two budgets line by line (scenario ids, saved budget names or files).
        #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with_all = ["scenario", "file", "rate", "list", "options", "catalog"])]
        compare: Option<Vec<String>>,
    },
    /// Self-check quiz. `--plain` is the line mode for scripts and screen readers;
    /// without it the interactive app opens on the Quiz tab.
    Quiz {
        /// Line mode on stdin/stdout.
        #[arg(long)]
        plain: bool,
        /// Only this topic's questions.
        #[arg(long, value_name = "ID")]
        topic: Option<String>,
        /// How many questions.
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=10_000))]
        count: u32,
        /// Seed for a reproducible question and option order.
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        /// Only questions due for spaced review now.
        #[arg(long)]
        due: bool,
        /// Print instead of asking: `missed` (last answered wrong, with the right
        /// answer and why) or `results` (every answer given); --topic narrows it.
        #[arg(long, value_enum, value_name = "WHAT", conflicts_with_all = ["plain", "due"])]
        export: Option<QuizExport>,
        /// Format of --export: md (Markdown, the default) or csv.
        #[arg(long, value_enum, requires = "export")]
        format: Option<QuizExportFormat>,
    },
    /// Quiz progress: answers, sessions, due questions, streak, mastery per topic.
    Stats {
        /// Output format: a table, or json for scripts.
        #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
        format: StatsFormat,
    },
    /// Validate notes and quiz banks; prints file:line errors.
    Check {
        /// Content directory to check (default: the --content directory, else the
        /// bundled content).
        dir: Option<PathBuf>,
    },
    /// The Lab: Step Functions state machines (check, graph, run, samples). FILE may
    /// also be a sample id from `sfn samples`.
    Sfn {
        #[command(subcommand)]
        cmd: SfnCommand,
    },
    /// The Lab: IAM policies (check, eval, samples). FILE may also be a sample id from
    /// `iam samples`.
    Iam {
        #[command(subcommand)]
        cmd: IamCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum SfnCommand {
    /// Validate state machines (Amazon States Language): exit 0 valid, 1 invalid.
    Check {
        /// Definition files or sample ids.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
        /// Accept any URI as a Task's Resource, not only ARNs and ${…}.
        #[arg(long)]
        lenient_resource: bool,
    },
    /// Draw a state machine as text.
    Graph {
        /// The state machine: a definition file (Amazon States Language JSON) or a
        /// sample id from `sfn samples`.
        #[arg(value_name = "FILE")]
        file: String,
        /// Width in columns (default: the terminal's, or 80).
        #[arg(long, value_parser = clap::value_parser!(u16).range(20..=1000))]
        width: Option<u16>,
    },
    /// Simulate one execution (JSONPath or JSONata): exit 0 SUCCEEDED, 3 FAILED.
    Run {
        /// The state machine: a definition file (Amazon States Language JSON) or a
        /// sample id from `sfn samples` (which brings its own input and mocks).
        #[arg(value_name = "FILE")]
        file: String,
        /// Execution input as JSON text.
        #[arg(long, value_name = "JSON", conflicts_with = "input_file")]
        input: Option<String>,
        /// Execution input read from a file.
        #[arg(long, value_name = "PATH")]
        input_file: Option<PathBuf>,
        /// Mock file in the Step Functions Local format.
        #[arg(long, value_name = "PATH")]
        mocks: Option<PathBuf>,
        /// Test case of the mock file (default: its first).
        #[arg(long, value_name = "NAME")]
        test_case: Option<String>,
        /// Output format: text (each step with its stage values, then the end) or
        /// json (status, output, error, transitions, cost and the execution events).
        #[arg(long, value_enum, default_value_t = RunFormat::Text)]
        format: RunFormat,
        /// Stop after this many state transitions.
        #[arg(long, value_name = "N", default_value_t = 25_000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        max_transitions: u64,
        /// Accept any URI as a Task's Resource, not only ARNs and ${…}.
        #[arg(long)]
        lenient_resource: bool,
        /// The workflow type the cost is for: standard (per state transition, the
        /// default) or express (per request and per GB-second of duration × memory).
        #[arg(long = "type", value_name = "TYPE", value_enum, default_value_t = WorkflowType::Standard)]
        workflow_type: WorkflowType,
    },
    /// The bundled sample machines: "<id>\t<title>".
    Samples,
}

/// A Step Functions workflow type, as `CreateStateMachine` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WorkflowType {
    Standard,
    Express,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RunFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum IamCommand {
    /// Validate policy documents, or every policy of a case file: exit 0 valid, 1 invalid.
    Check {
        /// Policy or case files, or sample ids.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
        /// What the policy is attached to (default: guessed; one naming a Principal is
        /// resource-based, any other identity-based).
        #[arg(long, value_enum)]
        kind: Option<PolicyKind>,
    },
    /// Decide the requests of a case file, with the deciding layer and a trace; exit 1
    /// when a case disagrees with its "expect".
    Eval {
        /// A case file (one case, or {"cases": [...]}) or a sample id from `iam samples`.
        #[arg(value_name = "FILE")]
        file: String,
        /// Output format: text (decision, deciding layer, trace; the default) or json.
        #[arg(long, value_enum, default_value_t = RunFormat::Text)]
        format: RunFormat,
    },
    /// The bundled sample cases: "<id>\t<title>".
    Samples,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PolicyKind {
    Identity,
    Resource,
    Trust,
    Boundary,
    Scp,
    Rcp,
    Session,
}
