//! aws-study: an offline terminal study companion for an AWS cloud and data-science
//! course. The binary's `main` calls [`run`]; the modules are public so tests and
//! benchmarks exercise the same code the binary runs.
pub mod assets;
pub mod budget;
pub mod cli;
pub mod commands;
pub mod content;
pub mod iam;
pub mod jsonpos;
pub mod lang;
pub mod markdown;
pub mod numfmt;
pub mod quiz;
pub mod rng;
pub mod sfn;
pub mod store;
pub mod tui;
pub mod wrap;

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::content::Library;
use crate::lang::Lang;
use crate::store::settings::{self, Settings};

/// How a command failed: a usage error (exit 2) or a runtime/validation failure (exit 1).
#[derive(Debug)]
pub enum Failure {
    Usage(String),
    Runtime(String),
    /// A simulated execution that ended FAILED (`sfn run`): its report is already
    /// printed; exit 3.
    ExecutionFailed,
}

impl Failure {
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Runtime(_) => 1,
            Failure::ExecutionFailed => 3,
        }
    }
    pub fn message(&self) -> &str {
        match self {
            Failure::Usage(m) | Failure::Runtime(m) => m,
            Failure::ExecutionFailed => "",
        }
    }
}

/// What every command needs: the resolved language, the content, the data directory
/// and the saved settings.
pub struct Context {
    pub lang: Lang,
    /// True when the language came from `--lang` or `AWS_STUDY_LANG` (the TUI then
    /// does not let a saved setting override it).
    pub lang_forced: bool,
    pub library: Library,
    pub data_dir: Option<PathBuf>,
    pub settings: Settings,
    /// False when `settings.json` exists but could not be read or understood: it is
    /// then never written over.
    pub settings_writable: bool,
    pub warnings: Vec<String>,
    pub content_dir: Option<PathBuf>,
    /// `--theme`: the app's colours for this run and the next ones.
    pub theme: Option<tui::theme::ThemeKind>,
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Runs the program with the process's arguments; returns the exit code.
pub fn run() -> i32 {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The help and clap's errors are built in the language they are shown in.
    let lang = cli::help::early_lang(&args, &env_var);
    let parsed = cli::help::command(lang)
        .try_get_matches_from(&args)
        .and_then(|m| <cli::Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            match e.kind() {
                // Our own help and version text.
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = e.print();
                }
                // An error quotes the argument it could not use: through the boundary.
                _ => commands::output::to_stderr(&cli::help::error_message(&e, lang)),
            }
            return e.exit_code();
        }
    };
    match dispatch(cli, lang) {
        Ok(()) => 0,
        Err(f) => {
            if !f.message().is_empty() {
                commands::output::error(f.message());
            }
            f.exit_code()
        }
    }
}

/// Runs the parsed command; `lang` is the language resolved before parsing (for
/// what is said before the context exists).
fn dispatch(cli: cli::Cli, lang: Lang) -> Result<(), Failure> {
    use cli::Command;
    // `check` validates content that may not load; it needs no settings.
    if let Some(Command::Check { dir }) = &cli.command {
        let dir = dir.clone().or(cli.content.clone());
        return commands::check::run(dir.as_deref(), lang);
    }
    let tui = cli.command.is_none()
        || matches!(
            cli.command,
            Some(Command::Quiz {
                plain: false,
                export: None,
                ..
            })
        );
    if tui && !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(Failure::Usage(
            lang::tr(
                lang,
                "the interactive app needs a terminal on stdin and stdout; to print a note use \
                 `aws-study show TOPIC --plain`, to list topics `aws-study topics`, to search `aws-study search TEXT`, \
                 for the quiz in line mode `aws-study quiz --plain`",
                "o app interativo precisa de um terminal na entrada e na saída padrão; para \
                 imprimir uma nota use `aws-study show TÓPICO --plain`, para listar os tópicos \
                 `aws-study topics`, para buscar `aws-study search TEXTO`, para o quiz em modo \
                 de linha `aws-study quiz --plain`",
            )
            .into(),
        ));
    }
    let ctx = context(&cli)?;
    if !tui {
        for w in &ctx.warnings {
            commands::output::warn(ctx.lang, w);
        }
    }
    match cli.command {
        None => tui::run(ctx, cli.mouse, false),
        Some(Command::Quiz {
            export: Some(what),
            format,
            topic,
            ..
        }) => commands::quiz_export::run(&ctx, what, format, topic.as_deref()),
        Some(Command::Quiz { plain: false, .. }) => tui::run(ctx, cli.mouse, true),
        Some(Command::Quiz {
            topic,
            count,
            seed,
            due,
            ..
        }) => commands::quiz_plain::run(&ctx, topic.as_deref(), count as usize, seed, due),
        Some(Command::Stats { format }) => commands::stats::run(&ctx, format),
        Some(Command::Topics) => commands::topics::run(&ctx),
        Some(Command::Show {
            topic,
            width,
            plain,
        }) => commands::show::run(&ctx, &topic, width, plain),
        Some(Command::Search { query }) => commands::search::run(&ctx, &query),
        Some(Command::Budget {
            scenario,
            file,
            format,
            rate,
            list,
            options,
            catalog,
            compare,
        }) => commands::budget::run(
            &ctx,
            commands::budget::Request {
                scenario: scenario.as_deref(),
                path: file.as_deref(),
                format,
                rate,
                list,
                options,
                catalog,
                compare: compare.as_deref(),
            },
        ),
        Some(Command::Check { .. }) => Ok(()),
        Some(Command::Sfn { cmd }) => commands::sfn::run(&ctx, cmd),
        Some(Command::Iam { cmd }) => commands::iam::run(&ctx, cmd),
    }
}

/// Builds the context: data directory, settings, language, content.
pub fn context(cli: &cli::Cli) -> Result<Context, Failure> {
    let data_dir = store::data_dir(cli.data_dir.as_deref(), env_var("AWS_STUDY_DATA_DIR"));
    if let Some(dir) = data_dir.as_deref() {
        // Temporary files of writes a crash or `kill -9` interrupted.
        store::clean_temp_files(dir);
        store::clean_temp_files(&budget::saved::dir(dir));
    }
    // Warnings about the settings file are worded in the language it is about to
    // give (read once without side effects).
    let peeked = data_dir.as_deref().and_then(settings::peek_lang);
    let words = lang::resolve(cli.lang, &env_var, peeked).unwrap_or(Lang::En);
    let loaded = settings::load_in(data_dir.as_deref(), words);
    let mut warnings: Vec<String> = loaded.warning.into_iter().collect();
    let env_lang = env_var("AWS_STUDY_LANG").filter(|v| !v.is_empty());
    let lang = lang::resolve(cli.lang, &env_var, loaded.settings.lang()).map_err(Failure::Usage)?;
    if data_dir.is_none() {
        warnings.push(
            lang::tr(
                lang,
                "no data directory could be found; settings will not be saved",
                "nenhuma pasta de dados foi encontrada; as configurações não serão salvas",
            )
            .into(),
        );
    }
    let library = Library::load_in(cli.content.as_deref(), lang).map_err(Failure::Runtime)?;
    Ok(Context {
        lang,
        lang_forced: cli.lang.is_some() || env_lang.is_some(),
        library,
        data_dir,
        settings: loaded.settings,
        settings_writable: loaded.writable,
        warnings,
        content_dir: cli.content.clone(),
        theme: cli.theme,
    })
}
