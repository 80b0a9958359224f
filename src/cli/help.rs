//! The command line in the resolved language. `command(lang)` builds the clap
//! `Command` from the definitions in `cli` (whose doc comments are the English
//! help) and, for Brazilian Portuguese, gives every command, argument, heading,
//! usage line and clap's own flags (`-h`, `-V`, the `help` command) their
//! Portuguese words. `error_message` words clap's usage errors the same way.
//!
//! Which language: `early_lang` reads `--lang` from the raw arguments before clap
//! parses them (the help must be built in the language it will be shown in), then
//! `AWS_STUDY_LANG`, the saved setting and the locale, as `lang::resolve` orders
//! them.
use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;
use crate::lang::Lang;

/// The value of a global option in raw arguments (`--name VALUE` or
/// `--name=VALUE`), the last one winning as in clap; nothing after `--`.
pub fn raw_option(args: &[OsString], name: &str) -> Option<String> {
    let long = format!("--{name}");
    let with_eq = format!("--{name}=");
    let mut found = None;
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == long {
            found = it.next().map(|v| v.into_owned());
        } else if let Some(v) = a.strip_prefix(&with_eq) {
            found = Some(v.to_string());
        }
    }
    found
}

/// The language to build the help and word the errors in, before clap has parsed
/// anything. A `--lang` value that is not a language is left for clap to refuse.
pub fn early_lang(args: &[OsString], env: &dyn Fn(&str) -> Option<String>) -> Lang {
    let flag = raw_option(args, "lang").and_then(|v| Lang::parse(&v));
    let data_dir = crate::store::data_dir(
        raw_option(args, "data-dir")
            .map(std::path::PathBuf::from)
            .as_deref(),
        env("AWS_STUDY_DATA_DIR"),
    );
    let saved = data_dir
        .as_deref()
        .and_then(crate::store::settings::peek_lang);
    crate::lang::resolve(flag, env, saved).unwrap_or(Lang::En)
}

/// The `clap::Command` of `aws-study` in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = Cli::command();
    if lang == Lang::PtBr {
        cmd = portuguese(cmd, "");
    }
    // Built now so that the `help` commands and the usage lines exist to be worded.
    cmd.build();
    if lang == Lang::PtBr {
        cmd = portuguese_after_build(cmd);
    }
    cmd
}

/// Portuguese of a command (by its path: "", "budget", "sfn run").
struct PtCommand {
    path: &'static str,
    about: &'static str,
    long_about: Option<&'static str>,
}

/// Portuguese of an argument of the command at `path`.
struct PtArg {
    path: &'static str,
    id: &'static str,
    help: &'static str,
    value_name: Option<&'static str>,
}

const fn cmd(path: &'static str, about: &'static str) -> PtCommand {
    PtCommand {
        path,
        about,
        long_about: None,
    }
}

const fn arg(path: &'static str, id: &'static str, help: &'static str) -> PtArg {
    PtArg {
        path,
        id,
        help,
        value_name: None,
    }
}

const fn arg_named(
    path: &'static str,
    id: &'static str,
    value_name: &'static str,
    help: &'static str,
) -> PtArg {
    PtArg {
        path,
        id,
        help,
        value_name: Some(value_name),
    }
}

const PT_COMMANDS: &[PtCommand] = &[
    PtCommand {
        path: "",
        about: "Companheiro de estudo offline, no terminal, para um curso de nuvem AWS e ciência de dados",
        long_about: Some(
            "Leia as notas do curso em abas (rode sem comando para abrir o app interativo), \
             imprima ou busque nas notas, faça orçamentos e quizzes, e valide conteúdo.\n\n\
             Idioma: --lang > AWS_STUDY_LANG > idioma salvo no app (tecla L) > locale \
             (LC_ALL, LC_MESSAGES, LANG começando com 'pt' → pt-BR). --lang vale só para \
             aquela execução.",
        ),
    },
    cmd(
        "topics",
        "Lista os tópicos, um por linha: \"<id>\\t<título>\"",
    ),
    cmd("show", "Mostra uma nota na saída padrão"),
    cmd(
        "search",
        "Busca em todas as notas: \"<tópico>:<linha>: <trecho>\" por linha que casa \
         (ignora maiúsculas e acentos); sai com 1 quando nada casa",
    ),
    cmd(
        "budget",
        "Calcula um orçamento: um cenário do curso, um orçamento salvo ou um arquivo de orçamento",
    ),
    cmd(
        "quiz",
        "Quiz de autoavaliação. Com --plain, modo de linha para scripts e leitores de tela; \
         sem ele, o app interativo abre na aba Quiz",
    ),
    cmd(
        "stats",
        "Progresso no quiz: respostas, sessões, perguntas para revisar, sequência de dias e domínio por tópico",
    ),
    cmd(
        "check",
        "Valida as notas e os bancos de perguntas; mostra os erros como arquivo:linha",
    ),
    cmd(
        "sfn",
        "O Lab: máquinas de estado do Step Functions (check, graph, run, samples). ARQUIVO também \
         pode ser o id de um exemplo de `sfn samples`",
    ),
    cmd(
        "sfn check",
        "Valida máquinas de estado (Amazon States Language): sai com 0 se válidas, 1 se não",
    ),
    cmd("sfn graph", "Desenha uma máquina de estado como texto"),
    cmd(
        "sfn run",
        "Simula uma execução (JSONPath ou JSONata): sai com 0 se SUCCEEDED, 3 se FAILED",
    ),
    cmd(
        "sfn samples",
        "As máquinas de exemplo embutidas: \"<id>\\t<título>\"",
    ),
    cmd(
        "iam",
        "O Lab: políticas do IAM (check, eval, samples). ARQUIVO também pode ser o id de um \
         exemplo de `iam samples`",
    ),
    cmd(
        "iam check",
        "Valida documentos de política, ou cada política de um arquivo de casos: sai com 0 se \
         válidos, 1 se não",
    ),
    cmd(
        "iam eval",
        "Decide as requisições de um arquivo de casos, com a camada que decidiu e o rastro; sai \
         com 1 quando um caso discorda do seu \"expect\"",
    ),
    cmd(
        "iam samples",
        "Os casos de exemplo embutidos: \"<id>\\t<título>\"",
    ),
];

const PT_ARGS: &[PtArg] = &[
    arg(
        "",
        "lang",
        "Idioma do conteúdo e da interface: en ou pt-BR (só nesta execução)",
    ),
    arg_named(
        "",
        "content",
        "DIR",
        "Conteúdo extra ou substituto: uma pasta com en/, pt-BR/ e quiz/",
    ),
    arg_named(
        "",
        "data_dir",
        "DIR",
        "Onde ficam as configurações e o progresso (padrão: AWS_STUDY_DATA_DIR, senão a pasta de dados da plataforma)",
    ),
    arg(
        "",
        "mouse",
        "Captura o mouse no app interativo (a roda rola, cliques escolhem abas); desliga a seleção de texto do terminal",
    ),
    arg(
        "",
        "theme",
        "Cores do app interativo: dark (escuro, o padrão), light (para fundo claro) ou high-contrast (alto contraste); fica salvo para as próximas vezes. Com NO_COLOR, nenhum deles usa cores",
    ),
    arg_named(
        "show",
        "topic",
        "TÓPICO",
        "Id do tópico (veja `aws-study topics`)",
    ),
    arg_named(
        "show",
        "width",
        "LARGURA",
        "Largura em colunas (padrão: a do terminal, ou 80)",
    ),
    arg(
        "show",
        "plain",
        "Texto puro: sem estilos ANSI, mesmo num terminal",
    ),
    arg_named("search", "query", "TEXTO", "O texto a procurar"),
    arg(
        "budget",
        "scenario",
        "Id de um cenário, ou nome de um orçamento salvo (o nome do arquivo ou o nome com que foi salvo; veja --list); padrão: scenario-1",
    ),
    arg_named(
        "budget",
        "file",
        "CAMINHO",
        "Um arquivo de orçamento (o formato que o app salva e que `--format json` escreve)",
    ),
    arg_named(
        "budget",
        "format",
        "FORMATO",
        "Formato da saída: table (tabela alinhada com fórmulas, o padrão), csv, json (o arquivo de orçamento com os custos) ou md (tabela markdown)",
    ),
    arg(
        "budget",
        "rate",
        "Acrescenta uma coluna em reais a R reais por dólar (ex.: 5,40)",
    ),
    arg(
        "budget",
        "list",
        "Lista os ids dos cenários e os orçamentos salvos",
    ),
    arg(
        "budget",
        "options",
        "Para cada linha, as opções de preço (sob demanda, Savings Plans, Instâncias Reservadas, Spot, classes de armazenamento do S3) com a taxa efetiva, o adiantamento, o custo mensal, a economia e o compromisso de cada uma",
    ),
    arg(
        "budget",
        "catalog",
        "Lista o catálogo de preços: cada item com o preço do curso e o documentado, o status, a fonte e as opções",
    ),
    arg(
        "budget",
        "compare",
        "Compara dois orçamentos linha a linha (ids de cenário, nomes de orçamentos salvos ou arquivos)",
    ),
    arg("quiz", "plain", "Modo de linha na entrada e saída padrão"),
    arg_named("quiz", "topic", "ID", "Só as perguntas deste tópico"),
    arg_named("quiz", "count", "N", "Quantas perguntas (padrão: 10)"),
    arg(
        "quiz",
        "seed",
        "Semente para repetir a mesma ordem de perguntas e opções",
    ),
    arg(
        "quiz",
        "due",
        "Só as perguntas que estão para revisão agora (revisão espaçada)",
    ),
    arg_named(
        "quiz",
        "export",
        "TIPO",
        "Imprime em vez de perguntar: missed (as erradas na última vez, com a resposta certa e o porquê) ou results (todas as respostas dadas); --topic restringe",
    ),
    arg_named(
        "quiz",
        "format",
        "FORMATO",
        "Formato do --export: md (Markdown, o padrão) ou csv (para planilhas)",
    ),
    arg_named(
        "stats",
        "format",
        "FORMATO",
        "Formato da saída: table (tabela, o padrão) ou json (para scripts)",
    ),
    arg(
        "check",
        "dir",
        "Pasta de conteúdo a validar (padrão: a pasta de --content, senão o conteúdo embutido)",
    ),
    arg_named(
        "sfn check",
        "files",
        "ARQUIVO",
        "Arquivos de definição ou ids de exemplos",
    ),
    arg(
        "sfn check",
        "lenient_resource",
        "Aceita qualquer URI como Resource de uma Task, não só ARNs e ${…}",
    ),
    arg_named(
        "sfn graph",
        "file",
        "ARQUIVO",
        "A máquina de estado: um arquivo de definição (JSON da Amazon States Language) ou o id de um exemplo de `sfn samples`",
    ),
    arg_named(
        "sfn graph",
        "width",
        "LARGURA",
        "Largura em colunas (padrão: a do terminal, ou 80)",
    ),
    arg_named(
        "sfn run",
        "file",
        "ARQUIVO",
        "A máquina de estado: um arquivo de definição (JSON da Amazon States Language) ou o id de um exemplo de `sfn samples` (que traz a própria entrada e os mocks)",
    ),
    arg("sfn run", "input", "Entrada da execução, como texto JSON"),
    arg_named(
        "sfn run",
        "input_file",
        "CAMINHO",
        "Entrada da execução, lida de um arquivo",
    ),
    arg_named(
        "sfn run",
        "mocks",
        "CAMINHO",
        "Arquivo de mocks no formato do Step Functions Local",
    ),
    arg_named(
        "sfn run",
        "test_case",
        "NOME",
        "Caso de teste do arquivo de mocks (padrão: o primeiro)",
    ),
    arg_named(
        "sfn run",
        "format",
        "FORMATO",
        "Formato da saída: text (cada passo com os valores de cada etapa, depois o fim; o padrão) ou json (status, saída, erro, transições, custo e os eventos da execução)",
    ),
    arg(
        "sfn run",
        "max_transitions",
        "Para depois deste número de transições de estado (padrão: 25000)",
    ),
    arg(
        "sfn run",
        "lenient_resource",
        "Aceita qualquer URI como Resource de uma Task, não só ARNs e ${…}",
    ),
    arg_named(
        "sfn run",
        "workflow_type",
        "TIPO",
        "O tipo de fluxo cujo custo é calculado: standard (por transição de estado, o padrão) ou express (por requisição e por GB-segundo de duração × memória)",
    ),
    arg_named(
        "iam check",
        "files",
        "ARQUIVO",
        "Arquivos de política ou de casos, ou ids de exemplos",
    ),
    arg(
        "iam check",
        "kind",
        "A que a política está ligada: identity, resource, trust, boundary, scp, rcp ou session (padrão: deduzido; uma que nomeia um Principal é baseada em recurso, as outras, em identidade)",
    ),
    arg_named(
        "iam eval",
        "file",
        "ARQUIVO",
        "Um arquivo de casos (um caso, ou {\"cases\": [...]}) ou o id de um exemplo de `iam samples`",
    ),
    arg_named(
        "iam eval",
        "format",
        "FORMATO",
        "Formato da saída: text (decisão, camada que decidiu, rastro; o padrão) ou json",
    ),
];

const PT_TEMPLATE: &str =
    "{before-help}{about-with-newline}\nUso: {usage}\n\n{all-args}{after-help}";
const PT_OPTIONS: &str = "Opções";
const PT_ARGUMENTS: &str = "Argumentos";

fn pt_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("idioma desconhecido '{s}'; opções válidas: en, pt-BR"))
}

fn pt_theme(s: &str) -> Result<crate::tui::theme::ThemeKind, String> {
    crate::tui::theme::ThemeKind::parse(s).ok_or_else(|| {
        format!("tema desconhecido '{s}'; opções válidas: dark, light, high-contrast")
    })
}

fn pt_rate(s: &str) -> Result<rust_decimal::Decimal, String> {
    super::rate_value(s).ok_or_else(|| {
        format!(
            "'{s}' não é uma cotação: informe reais por dólar como um decimal positivo, ex.: 5,40"
        )
    })
}

/// Words a command (and, recursively, its subcommands) in Portuguese.
fn portuguese(mut cmd: Command, path: &str) -> Command {
    if let Some(t) = PT_COMMANDS.iter().find(|c| c.path == path) {
        cmd = cmd.about(t.about).long_about(t.long_about);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let t = PT_ARGS.iter().find(|a| a.path == path && a.id == id);
        let is_lang = path.is_empty() && id == "lang";
        let is_rate = path == "budget" && id == "rate";
        let is_theme = path.is_empty() && id == "theme";
        cmd = cmd.mut_arg(&id, |a| {
            let heading = if a.is_positional() {
                PT_ARGUMENTS
            } else {
                PT_OPTIONS
            };
            let mut a = a.help_heading(heading);
            if a.get_action().takes_values() {
                // Defaults and choices are written into the Portuguese help itself.
                a = a.hide_default_value(true).hide_possible_values(true);
            }
            if let Some(t) = t {
                a = a.help(t.help).long_help(None::<&str>);
                if let Some(v) = t.value_name {
                    a = a.value_name(v);
                }
            }
            if is_lang {
                a = a.value_parser(pt_lang);
            }
            if is_rate {
                a = a.value_parser(pt_rate);
            }
            if is_theme {
                a = a.value_parser(pt_theme);
            }
            a
        });
    }
    cmd = cmd
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Mostra esta ajuda")
                .help_heading(PT_OPTIONS),
        )
        .help_template(PT_TEMPLATE)
        .subcommand_help_heading("Comandos")
        .subcommand_value_name("COMANDO");
    if path.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Mostra a versão")
                .help_heading(PT_OPTIONS),
        );
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| portuguese(s, &sub_path));
    }
    cmd
}

/// What exists only once the command is built: the `help` commands clap adds and
/// the usage lines (`[OPTIONS]` is clap's word).
fn portuguese_after_build(mut cmd: Command) -> Command {
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        if name == "help" {
            cmd = cmd.mut_subcommand("help", |h| {
                let has_arg = h.get_arguments().any(|a| a.get_id() == "subcommand");
                let h = h
                    .about("Mostra esta ajuda ou a de um comando")
                    .help_template(PT_TEMPLATE)
                    .subcommand_help_heading("Comandos")
                    .subcommand_value_name("COMANDO");
                if has_arg {
                    h.mut_arg("subcommand", |a| {
                        a.value_name("COMANDO")
                            .help("O comando cuja ajuda mostrar")
                            .help_heading(PT_ARGUMENTS)
                    })
                } else {
                    h
                }
            });
        }
        cmd = cmd.mut_subcommand(&name, portuguese_after_build);
    }
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .strip_prefix("Usage:")
        .unwrap_or(&usage)
        .trim()
        .replace("[OPTIONS]", "[OPÇÕES]")
        .replace("[COMMAND]", "[COMANDO]")
        .replace("<COMMAND>", "<COMANDO>");
    cmd.override_usage(usage)
}

fn context_str(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A usage error as the user reads it: clap's own words in English, ours in
/// Portuguese (the offending argument, the valid choices, the usage line).
pub fn error_message(e: &clap::Error, lang: Lang) -> String {
    if lang == Lang::En {
        return e.render().to_string();
    }
    let get = |k| context_str(e, k).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let mut msg = match e.kind() {
        ErrorKind::InvalidValue => {
            let mut m = format!("valor inválido '{value}' para '{arg}'");
            if let Some(v) = context_str(e, ContextKind::ValidValue) {
                m.push_str(&format!("\n  [valores possíveis: {v}]"));
            }
            m
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            format!("valor inválido '{value}' para '{arg}'{why}")
        }
        ErrorKind::UnknownArgument => format!("argumento inesperado '{arg}'"),
        ErrorKind::InvalidSubcommand => format!(
            "comando desconhecido '{}'",
            get(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::NoEquals => format!("'{arg}' pede um valor com '='"),
        ErrorKind::TooManyValues => format!("valor a mais '{value}' para '{arg}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("número errado de valores para '{arg}'")
        }
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            if prior.is_empty() {
                format!("'{arg}' não pode ser usado aqui")
            } else {
                format!("'{arg}' não pode ser usado junto com '{prior}'")
            }
        }
        ErrorKind::MissingRequiredArgument => {
            format!("faltam argumentos obrigatórios: {arg}")
        }
        ErrorKind::MissingSubcommand => "falta um comando".to_string(),
        ErrorKind::InvalidUtf8 => "um argumento não é UTF-8 válido".to_string(),
        _ => "argumentos inválidos".to_string(),
    };
    let suggestion = context_str(e, ContextKind::SuggestedArg)
        .or_else(|| context_str(e, ContextKind::SuggestedSubcommand))
        .or_else(|| context_str(e, ContextKind::SuggestedValue));
    if let Some(s) = suggestion {
        msg.push_str(&format!("\n\n  dica: você quis dizer '{s}'?"));
    }
    let mut out = format!("erro: {msg}\n");
    if let Some(u) = context_str(e, ContextKind::Usage) {
        let u = u.strip_prefix("Usage:").unwrap_or(&u).trim();
        out.push_str(&format!("\nUso: {u}\n"));
    }
    out.push_str("\nPara saber mais, use '--help'.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_commands(cmd: &Command, path: String, out: &mut Vec<(String, Command)>) {
        out.push((path.clone(), cmd.clone()));
        for s in cmd.get_subcommands() {
            let p = if path.is_empty() {
                s.get_name().to_string()
            } else {
                format!("{path} {}", s.get_name())
            };
            all_commands(s, p, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_portuguese() {
        let mut cmds = Vec::new();
        all_commands(&Cli::command(), String::new(), &mut cmds);
        for (path, c) in cmds {
            assert!(
                PT_COMMANDS.iter().any(|t| t.path == path),
                "no Portuguese for the command '{path}'"
            );
            for a in c.get_arguments() {
                assert!(
                    PT_ARGS.iter().any(|t| t.path == path && t.id == a.get_id()),
                    "no Portuguese for '{}' of '{path}'",
                    a.get_id()
                );
            }
        }
        // And nothing translated that does not exist.
        for t in PT_ARGS {
            let mut c = Cli::command();
            for part in t.path.split_whitespace() {
                c = c.find_subcommand(part).expect("command").clone();
            }
            assert!(
                c.get_arguments().any(|a| a.get_id() == t.id),
                "'{}' is not an argument of '{}'",
                t.id,
                t.path
            );
        }
    }

    #[test]
    fn the_portuguese_help_has_no_english_headings() {
        let mut c = command(Lang::PtBr);
        let root = c.render_long_help().to_string();
        for w in [
            "Usage:",
            "Options:",
            "Commands:",
            "Arguments:",
            "Print help",
            "[OPTIONS]",
        ] {
            assert!(!root.contains(w), "'{w}' in:\n{root}");
        }
        assert!(root.contains("Uso: aws-study [OPÇÕES] [COMANDO]"), "{root}");
        assert!(root.contains("Mostra esta ajuda"), "{root}");
    }

    #[test]
    fn raw_options_are_found_before_parsing() {
        let args: Vec<OsString> = ["aws-study", "budget", "--lang", "pt-BR", "--data-dir=/x"]
            .iter()
            .map(OsString::from)
            .collect();
        assert_eq!(raw_option(&args, "lang").as_deref(), Some("pt-BR"));
        assert_eq!(raw_option(&args, "data-dir").as_deref(), Some("/x"));
        let args: Vec<OsString> = ["aws-study", "search", "--", "--lang", "en"]
            .iter()
            .map(OsString::from)
            .collect();
        assert_eq!(raw_option(&args, "lang"), None);
    }
}
