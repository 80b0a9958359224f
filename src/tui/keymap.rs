//! Key → action, one table per context. The same tables dispatch keys and build the
//! help overlay, so help never drifts from behaviour.
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::lang::Text2;

pub struct Binding {
    /// How the keys are shown in help.
    pub keys: &'static str,
    pub help: Text2,
    pub map: fn(&KeyEvent) -> Option<Action>,
}

/// Where key presses go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Notes,
    /// The Budget tab's line list.
    Budget,
    /// The Budget tab's field list of the selected line.
    BudgetFields,
    /// A value, name, rate or path being typed in the Budget tab.
    BudgetInput,
    /// The budget picker and the export format list.
    BudgetList,
    /// Adding a line: a filter over the catalog.
    BudgetCatalog,
    /// The quiz menu, topic list and progress view.
    QuizMenu,
    /// Exam setup.
    QuizSetup,
    /// A question waiting for an answer.
    QuizAnswer,
    /// A numeric question: its answer is a text field (q types, it does not quit).
    QuizNumber,
    /// Feedback after a practice answer.
    QuizFeedback,
    /// The end-of-session screen.
    QuizResults,
    NoteSearchField,
    Help,
    Outline,
    GlobalSearch,
    /// The Lab tab.
    Lab,
    /// A path, the input JSON or executions per day being typed in the Lab.
    LabInput,
    /// The Lab's sample, test-case and findings lists.
    LabList,
    /// The Lab's view of the current step's values in full.
    LabValues,
}

fn plain(k: &KeyEvent) -> bool {
    !k.modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}
fn ctrl(k: &KeyEvent, c: char) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char(c)
}
fn ch(k: &KeyEvent, c: char) -> bool {
    plain(k) && k.code == KeyCode::Char(c)
}

const fn b(
    keys: &'static str,
    en: &'static str,
    pt: &'static str,
    map: fn(&KeyEvent) -> Option<Action>,
) -> Binding {
    Binding {
        keys,
        help: Text2::new(en, pt),
        map,
    }
}

/// `q` or Ctrl-C: quit (the same in every table that lists it).
fn quit_keys(k: &KeyEvent) -> Option<Action> {
    (ch(k, 'q') || ctrl(k, 'c')).then_some(Action::Quit)
}

/// ↓ j / ↑ k: scroll a line (notes, the Lab's values view).
fn line_keys(k: &KeyEvent) -> Option<Action> {
    match k.code {
        KeyCode::Down => Some(Action::Scroll(1)),
        KeyCode::Up => Some(Action::Scroll(-1)),
        KeyCode::Char('j') if plain(k) => Some(Action::Scroll(1)),
        KeyCode::Char('k') if plain(k) => Some(Action::Scroll(-1)),
        _ => None,
    }
}

/// PgDn or Space / PgUp: scroll a page.
fn page_keys(k: &KeyEvent) -> Option<Action> {
    match k.code {
        KeyCode::PageDown => Some(Action::Page(1)),
        KeyCode::PageUp => Some(Action::Page(-1)),
        KeyCode::Char(' ') if plain(k) => Some(Action::Page(1)),
        _ => None,
    }
}

/// Home g / End G: to the top or the end.
fn ends_keys(k: &KeyEvent) -> Option<Action> {
    match k.code {
        KeyCode::Home => Some(Action::Top),
        KeyCode::End => Some(Action::Bottom),
        KeyCode::Char('g') if plain(k) => Some(Action::Top),
        KeyCode::Char('G') if plain(k) => Some(Action::Bottom),
        _ => None,
    }
}

pub static GLOBAL: &[Binding] = &[
    b("q  Ctrl-C", "quit", "sair", quit_keys),
    b(
        "Tab  Shift-Tab",
        "next / previous tab",
        "aba seguinte / anterior",
        |k| match k.code {
            KeyCode::Tab if plain(k) => Some(Action::NextTab),
            KeyCode::BackTab => Some(Action::PrevTab),
            _ => None,
        },
    ),
    b(
        "1 … 9  0",
        "jump to that tab (0: the Lab)",
        "ir para a aba (0: o Lab)",
        |k| match k.code {
            KeyCode::Char(c @ '0'..='9') if plain(k) => Some(Action::JumpTab(c as u8 - b'0')),
            _ => None,
        },
    ),
    b(
        "L",
        "switch language (en / pt-BR)",
        "trocar idioma (en / pt-BR)",
        |k| ch(k, 'L').then_some(Action::ToggleLang),
    ),
    b("?", "this help", "esta ajuda", |k| {
        ch(k, '?').then_some(Action::OpenHelp)
    }),
];

pub static NOTES: &[Binding] = &[
    b("↓ j  ↑ k", "scroll a line", "rolar uma linha", line_keys),
    b(
        "PgDn Space  PgUp",
        "scroll a page",
        "rolar uma página",
        page_keys,
    ),
    b(
        "Ctrl-D  Ctrl-U",
        "scroll half a page",
        "rolar meia página",
        |k| {
            if ctrl(k, 'd') {
                Some(Action::HalfPage(1))
            } else if ctrl(k, 'u') {
                Some(Action::HalfPage(-1))
            } else {
                None
            }
        },
    ),
    b(
        "Home g  End G",
        "top / end of the note",
        "início / fim da nota",
        ends_keys,
    ),
    b("/", "search in this note", "buscar nesta nota", |k| {
        ch(k, '/').then_some(Action::StartNoteSearch)
    }),
    b(
        "n  N",
        "next / previous match",
        "próxima / ocorrência anterior",
        |k| {
            if ch(k, 'n') {
                Some(Action::NextMatch)
            } else if ch(k, 'N') {
                Some(Action::PrevMatch)
            } else {
                None
            }
        },
    ),
    b(
        "Esc",
        "clear the search highlight",
        "limpar o destaque da busca",
        |k| (k.code == KeyCode::Esc).then_some(Action::ClearSearch),
    ),
    b("s", "search all notes", "buscar em todas as notas", |k| {
        ch(k, 's').then_some(Action::OpenGlobalSearch)
    }),
    b(
        "o",
        "outline: jump to a section",
        "sumário: ir para uma seção",
        |k| ch(k, 'o').then_some(Action::OpenOutline),
    ),
    b(
        "b",
        "open this scenario in the Budget tab",
        "abrir este cenário na aba Orçamento",
        |k| ch(k, 'b').then_some(Action::OpenScenarioBudget),
    ),
    b(
        "Q",
        "quiz me on this section",
        "quiz sobre esta seção",
        |k| ch(k, 'Q').then_some(Action::QuizSection),
    ),
    b(
        "Backspace",
        "back to the quiz (after g opened this note)",
        "voltar ao quiz (depois que g abriu esta nota)",
        |k| (k.code == KeyCode::Backspace).then_some(Action::BackToQuiz),
    ),
    b(
        "]  [",
        "next / previous section",
        "próxima / seção anterior",
        |k| {
            if ch(k, ']') {
                Some(Action::NextSection)
            } else if ch(k, '[') {
                Some(Action::PrevSection)
            } else {
                None
            }
        },
    ),
];

pub static BUDGET: &[Binding] = &[
    b(
        "↓ j  ↑ k",
        "select a line",
        "escolher uma linha",
        |k| match k.code {
            KeyCode::Down => Some(Action::ListMove(1)),
            KeyCode::Up => Some(Action::ListMove(-1)),
            KeyCode::Char('j') if plain(k) => Some(Action::ListMove(1)),
            KeyCode::Char('k') if plain(k) => Some(Action::ListMove(-1)),
            KeyCode::PageDown => Some(Action::ListPage(1)),
            KeyCode::PageUp => Some(Action::ListPage(-1)),
            _ => None,
        },
    ),
    b(
        "e  Enter",
        "edit the line's factors, price and free quantity",
        "editar fatores, preço e franquia da linha",
        |k| (ch(k, 'e') || k.code == KeyCode::Enter).then_some(Action::BudgetEdit),
    ),
    b(
        "Space  x",
        "include / exclude the line from the total",
        "incluir / excluir a linha do total",
        |k| (ch(k, ' ') || ch(k, 'x')).then_some(Action::BudgetToggle),
    ),
    b(
        "a",
        "add a line from the pricing catalog",
        "adicionar uma linha do catálogo de preços",
        |k| ch(k, 'a').then_some(Action::BudgetAdd),
    ),
    b("d  Delete", "delete the line", "apagar a linha", |k| {
        (ch(k, 'd') || k.code == KeyCode::Delete).then_some(Action::BudgetDelete)
    }),
    b(
        "u",
        "undo the last change",
        "desfazer a última alteração",
        |k| ch(k, 'u').then_some(Action::BudgetUndo),
    ),
    b(
        "D",
        "use the documented AWS price for the line",
        "usar o preço documentado da AWS na linha",
        |k| ch(k, 'D').then_some(Action::BudgetUseDocumented),
    ),
    b(
        "p",
        "pick a scenario or saved budget",
        "escolher um cenário ou orçamento salvo",
        |k| ch(k, 'p').then_some(Action::BudgetPick),
    ),
    b("w", "save under a name", "salvar com um nome", |k| {
        ch(k, 'w').then_some(Action::BudgetSave)
    }),
    b(
        "E",
        "export to markdown, CSV or JSON",
        "exportar para markdown, CSV ou JSON",
        |k| ch(k, 'E').then_some(Action::BudgetExport),
    ),
    b(
        "r",
        "BRL rate (empty clears)",
        "cotação do real (vazio remove)",
        |k| ch(k, 'r').then_some(Action::BudgetRate),
    ),
];

pub static BUDGET_FIELDS: &[Binding] = &[
    b(
        "↓ ↑",
        "select a field",
        "escolher um campo",
        |k| match k.code {
            KeyCode::Down | KeyCode::Tab => Some(Action::ListMove(1)),
            KeyCode::Up | KeyCode::BackTab => Some(Action::ListMove(-1)),
            KeyCode::Char('j') if plain(k) => Some(Action::ListMove(1)),
            KeyCode::Char('k') if plain(k) => Some(Action::ListMove(-1)),
            _ => None,
        },
    ),
    b(
        "Enter  0…9",
        "edit the field (a digit or sign starts typing)",
        "editar o campo (um dígito ou sinal já começa a digitar)",
        |k| match k.code {
            KeyCode::Enter => Some(Action::BudgetEdit),
            // A sign starts typing too, so "-3" is checked (and refused), never read as 3.
            KeyCode::Char(c @ ('0'..='9' | '.' | ',' | '-' | '+')) if plain(k) => {
                Some(Action::InputChar(c))
            }
            _ => None,
        },
    ),
    b("Esc", "back to the lines", "voltar às linhas", |k| {
        (k.code == KeyCode::Esc).then_some(Action::CloseOverlay)
    }),
    b(
        "u",
        "undo the last change",
        "desfazer a última alteração",
        |k| ch(k, 'u').then_some(Action::BudgetUndo),
    ),
    b("q  Ctrl-C", "quit", "sair", quit_keys),
];

pub static QUIZ_MENU: &[Binding] = &[
    b("↓ j  ↑ k", "move", "mover", |k| match k.code {
        KeyCode::Down => Some(Action::ListMove(1)),
        KeyCode::Up => Some(Action::ListMove(-1)),
        KeyCode::Char('j') if plain(k) => Some(Action::ListMove(1)),
        KeyCode::Char('k') if plain(k) => Some(Action::ListMove(-1)),
        _ => None,
    }),
    b(
        "Enter",
        "start the highlighted mode",
        "começar o modo destacado",
        |k| (k.code == KeyCode::Enter).then_some(Action::ListSelect),
    ),
    b("Esc", "back to the menu", "voltar ao menu", |k| {
        (k.code == KeyCode::Esc).then_some(Action::CloseOverlay)
    }),
];

pub static QUIZ_SETUP: &[Binding] = &[
    b(
        "→ ←",
        "more / fewer questions",
        "mais / menos perguntas",
        |k| match k.code {
            KeyCode::Right | KeyCode::Char('+') => Some(Action::QuizMore),
            KeyCode::Left | KeyCode::Char('-') => Some(Action::QuizLess),
            _ => None,
        },
    ),
    b(
        "t",
        "time limit: off, 10, 20, 30, 60 min",
        "tempo: sem, 10, 20, 30, 60 min",
        |k| ch(k, 't').then_some(Action::QuizTime),
    ),
    b("Enter", "start the exam", "começar a prova", |k| {
        (k.code == KeyCode::Enter).then_some(Action::ListSelect)
    }),
    b("Esc", "back to the menu", "voltar ao menu", |k| {
        (k.code == KeyCode::Esc).then_some(Action::CloseOverlay)
    }),
];

pub static QUIZ_ANSWER: &[Binding] = &[
    b(
        "1 … 9",
        "choose that option (a number question: type it)",
        "escolher a opção (pergunta numérica: digite)",
        |k| match k.code {
            KeyCode::Char(c @ '0'..='9') if plain(k) => Some(Action::PickNumber(c as u8 - b'0')),
            KeyCode::Char(c @ ('.' | ',' | '-')) if plain(k) => Some(Action::InputChar(c)),
            KeyCode::Backspace => Some(Action::InputBackspace),
            _ => None,
        },
    ),
    b(
        "↓ ↑  Space",
        "move, select / unselect",
        "mover, marcar / desmarcar",
        |k| match k.code {
            KeyCode::Down => Some(Action::ListMove(1)),
            KeyCode::Up => Some(Action::ListMove(-1)),
            KeyCode::Char(' ') => Some(Action::QuizToggle),
            _ => None,
        },
    ),
    b("Enter", "answer", "responder", |k| {
        (k.code == KeyCode::Enter).then_some(Action::ListSelect)
    }),
    b(
        "f  F",
        "exam: flag for review, next flagged",
        "prova: marcar para revisão, próxima marcada",
        |k| {
            if ch(k, 'f') {
                Some(Action::QuizFlag)
            } else if ch(k, 'F') {
                Some(Action::QuizNextFlagged)
            } else {
                None
            }
        },
    ),
    b(
        "← →",
        "exam: previous / next question",
        "prova: pergunta anterior / próxima",
        |k| match k.code {
            KeyCode::Left => Some(Action::QuizPrev),
            KeyCode::Right => Some(Action::QuizNext),
            _ => None,
        },
    ),
    b("S", "exam: submit", "prova: entregar", |k| {
        ch(k, 'S').then_some(Action::QuizSubmit)
    }),
    b(
        "Esc",
        "end the session (an exam is kept to resume)",
        "encerrar a sessão (a prova fica guardada)",
        |k| (k.code == KeyCode::Esc).then_some(Action::CloseOverlay),
    ),
];

pub static QUIZ_FEEDBACK: &[Binding] = &[
    b("Enter  n", "next question", "próxima pergunta", |k| {
        (k.code == KeyCode::Enter || ch(k, 'n')).then_some(Action::QuizNext)
    }),
    b(
        "g",
        "read the note section (Backspace comes back)",
        "ler a seção da nota (Backspace volta)",
        |k| ch(k, 'g').then_some(Action::QuizOpenSection),
    ),
    b("Esc", "end the session", "encerrar a sessão", |k| {
        (k.code == KeyCode::Esc).then_some(Action::CloseOverlay)
    }),
];

pub static QUIZ_RESULTS: &[Binding] = &[
    b(
        "↓ ↑  Enter",
        "pick a question, see its feedback",
        "escolher uma pergunta, ver a correção",
        |k| match k.code {
            KeyCode::Down => Some(Action::ListMove(1)),
            KeyCode::Up => Some(Action::ListMove(-1)),
            KeyCode::Enter => Some(Action::ListSelect),
            _ => None,
        },
    ),
    b(
        "g",
        "read the question's note section",
        "ler a seção da nota da pergunta",
        |k| ch(k, 'g').then_some(Action::QuizOpenSection),
    ),
    b("Esc", "back (to the menu)", "voltar (ao menu)", |k| {
        (k.code == KeyCode::Esc).then_some(Action::CloseOverlay)
    }),
];

pub static LAB: &[Binding] = &[
    b("n  →", "step forward", "avançar um passo", |k| {
        (ch(k, 'n') || k.code == KeyCode::Right).then_some(Action::LabStep)
    }),
    b("b  ←", "step back", "voltar um passo", |k| {
        (ch(k, 'b') || k.code == KeyCode::Left).then_some(Action::LabBack)
    }),
    b("r", "run to the end", "executar até o fim", |k| {
        ch(k, 'r').then_some(Action::LabRun)
    }),
    b(
        "R",
        "reset (back to the start)",
        "reiniciar (voltar ao início)",
        |k| ch(k, 'R').then_some(Action::LabReset),
    ),
    b(
        "p",
        "choose a sample machine",
        "escolher uma máquina de exemplo",
        |k| ch(k, 'p').then_some(Action::LabPick),
    ),
    b(
        "o",
        "open a definition file by path",
        "abrir um arquivo de definição pelo caminho",
        |k| ch(k, 'o').then_some(Action::LabOpen),
    ),
    b(
        "i",
        "edit the execution input (JSON)",
        "editar a entrada da execução (JSON)",
        |k| ch(k, 'i').then_some(Action::LabInput),
    ),
    b(
        "t",
        "pick the mock test case",
        "escolher o caso de teste do mock",
        |k| ch(k, 't').then_some(Action::LabCases),
    ),
    b(
        "f",
        "validation findings (Enter jumps to the state)",
        "problemas de validação (Enter vai ao estado)",
        |k| ch(k, 'f').then_some(Action::LabFindings),
    ),
    b(
        "a",
        "add N executions/day to the Budget tab",
        "somar N execuções/dia à aba Orçamento",
        |k| ch(k, 'a').then_some(Action::LabAddBudget),
    ),
    b(
        "v",
        "this step's values in full (j k scroll)",
        "os valores do passo por inteiro (j k rolam)",
        |k| ch(k, 'v').then_some(Action::LabValues),
    ),
    b(
        "↓ j  ↑ k  PgDn PgUp  g G",
        "scroll the graph",
        "rolar o grafo",
        |k| match k.code {
            KeyCode::Down => Some(Action::Scroll(1)),
            KeyCode::Up => Some(Action::Scroll(-1)),
            KeyCode::Char('j') if plain(k) => Some(Action::Scroll(1)),
            KeyCode::Char('k') if plain(k) => Some(Action::Scroll(-1)),
            KeyCode::PageDown => Some(Action::Page(1)),
            KeyCode::PageUp => Some(Action::Page(-1)),
            KeyCode::Char('g') if plain(k) => Some(Action::Top),
            KeyCode::Char('G') if plain(k) => Some(Action::Bottom),
            _ => None,
        },
    ),
];

/// The Lab's values view: a scrolled text.
pub static LAB_VALUES: &[Binding] = &[
    b("↓ j  ↑ k", "scroll a line", "rolar uma linha", line_keys),
    b(
        "PgDn Space  PgUp",
        "scroll a page",
        "rolar uma página",
        page_keys,
    ),
    b("Home g  End G", "top / end", "início / fim", ends_keys),
    b("Esc  v", "close", "fechar", |k| {
        (k.code == KeyCode::Esc || ch(k, 'v')).then_some(Action::CloseOverlay)
    }),
    b("q", "quit", "sair", quit_keys),
];

pub static PICKER: &[Binding] = &[b(
    "1 … 9",
    "pick that entry",
    "escolher aquele item",
    |k| match k.code {
        KeyCode::Char(c @ '1'..='9') if plain(k) => Some(Action::PickNumber(c as u8 - b'0')),
        _ => None,
    },
)];

pub static FIELD: &[Binding] = &[
    b("Enter", "confirm", "confirmar", |k| {
        (k.code == KeyCode::Enter).then_some(Action::InputSubmit)
    }),
    b("Esc", "cancel", "cancelar", |k| {
        (k.code == KeyCode::Esc).then_some(Action::InputCancel)
    }),
    b(
        "Backspace",
        "delete a character",
        "apagar um caractere",
        |k| (k.code == KeyCode::Backspace).then_some(Action::InputBackspace),
    ),
    b("Ctrl-U", "clear the field", "limpar o campo", |k| {
        ctrl(k, 'u').then_some(Action::InputClear)
    }),
    b("Ctrl-C", "quit", "sair", |k| {
        ctrl(k, 'c').then_some(Action::Quit)
    }),
];

pub static LIST: &[Binding] = &[
    b("↓ ↑", "move", "mover", |k| match k.code {
        KeyCode::Down => Some(Action::ListMove(1)),
        KeyCode::Up => Some(Action::ListMove(-1)),
        KeyCode::Char('j') if plain(k) => Some(Action::ListMove(1)),
        KeyCode::Char('k') if plain(k) => Some(Action::ListMove(-1)),
        _ => None,
    }),
    b(
        "PgDn  PgUp",
        "move a page",
        "mover uma página",
        |k| match k.code {
            KeyCode::PageDown => Some(Action::ListPage(1)),
            KeyCode::PageUp => Some(Action::ListPage(-1)),
            _ => None,
        },
    ),
    b("Enter", "open", "abrir", |k| {
        (k.code == KeyCode::Enter).then_some(Action::ListSelect)
    }),
    b("Esc", "close", "fechar", |k| {
        (k.code == KeyCode::Esc).then_some(Action::CloseOverlay)
    }),
    b("q", "quit", "sair", quit_keys),
];

/// The search-across-notes overlay: a text field over a result list.
pub static SEARCH: &[Binding] = &[
    b(
        "↓ ↑  PgDn PgUp",
        "move in the results",
        "mover nos resultados",
        |k| match k.code {
            KeyCode::Down => Some(Action::ListMove(1)),
            KeyCode::Up => Some(Action::ListMove(-1)),
            KeyCode::PageDown => Some(Action::ListPage(1)),
            KeyCode::PageUp => Some(Action::ListPage(-1)),
            _ => None,
        },
    ),
    b("Enter", "open the result", "abrir o resultado", |k| {
        (k.code == KeyCode::Enter).then_some(Action::ListSelect)
    }),
    b("Esc", "close", "fechar", |k| {
        (k.code == KeyCode::Esc).then_some(Action::CloseOverlay)
    }),
    b(
        "Backspace  Ctrl-U",
        "delete / clear the text",
        "apagar / limpar o texto",
        |k| {
            if k.code == KeyCode::Backspace {
                Some(Action::InputBackspace)
            } else if ctrl(k, 'u') {
                Some(Action::InputClear)
            } else {
                None
            }
        },
    ),
    b("Ctrl-C", "quit", "sair", |k| {
        ctrl(k, 'c').then_some(Action::Quit)
    }),
];

/// The help tables of a context, with their headings.
pub fn tables(ctx: Context) -> Vec<(Text2, &'static [Binding])> {
    let field = (Text2::new("Search field", "Campo de busca"), FIELD);
    let list = (Text2::new("Outline and lists", "Sumário e listas"), LIST);
    let search = (
        Text2::new("Search all notes (s)", "Buscar em todas as notas (s)"),
        SEARCH,
    );
    match ctx {
        Context::Notes | Context::Help => vec![
            (Text2::new("Everywhere", "Em qualquer lugar"), GLOBAL),
            (Text2::new("Reading a note", "Lendo uma nota"), NOTES),
            field,
            list,
            search,
        ],
        Context::NoteSearchField | Context::BudgetInput => vec![field],
        Context::QuizMenu
        | Context::QuizSetup
        | Context::QuizAnswer
        | Context::QuizNumber
        | Context::QuizFeedback
        | Context::QuizResults => vec![
            (Text2::new("Everywhere", "Em qualquer lugar"), GLOBAL),
            (Text2::new("Quiz menu", "Menu do quiz"), QUIZ_MENU),
            (Text2::new("Exam setup", "Preparar a prova"), QUIZ_SETUP),
            (Text2::new("Answering", "Respondendo"), QUIZ_ANSWER),
            (
                Text2::new("After an answer", "Depois de responder"),
                QUIZ_FEEDBACK,
            ),
            (Text2::new("Results", "Resultado"), QUIZ_RESULTS),
        ],
        Context::Outline => vec![list],
        Context::GlobalSearch => vec![search],
        Context::Lab | Context::LabInput | Context::LabList | Context::LabValues => vec![
            (Text2::new("Everywhere", "Em qualquer lugar"), GLOBAL),
            (
                Text2::new(
                    "Lab: step through a state machine",
                    "Lab: passo a passo numa máquina de estados",
                ),
                LAB,
            ),
            (
                Text2::new(
                    "Typing a path, the input or a number",
                    "Digitando um caminho, a entrada ou um número",
                ),
                FIELD,
            ),
            (
                Text2::new(
                    "Samples, test cases and findings",
                    "Exemplos, casos de teste e problemas",
                ),
                LIST,
            ),
            (
                Text2::new("The values view (v)", "A vista dos valores (v)"),
                LAB_VALUES,
            ),
        ],
        Context::Budget | Context::BudgetFields | Context::BudgetList | Context::BudgetCatalog => {
            vec![
                (Text2::new("Everywhere", "Em qualquer lugar"), GLOBAL),
                (Text2::new("Budget: lines", "Orçamento: linhas"), BUDGET),
                (
                    Text2::new("Budget: editing a line", "Orçamento: editando uma linha"),
                    BUDGET_FIELDS,
                ),
                (Text2::new("Typing a value", "Digitando um valor"), FIELD),
                (Text2::new("Picker and lists", "Seletor e listas"), LIST),
                (
                    Text2::new(
                        "Add a line (a): filter the catalog",
                        "Adicionar linha (a): filtrar o catálogo",
                    ),
                    SEARCH,
                ),
            ]
        }
    }
}

fn lookup(table: &[Binding], k: &KeyEvent) -> Option<Action> {
    table.iter().find_map(|b| (b.map)(k))
}

/// Maps a key press in a context to an action. Printable characters in text fields
/// become `InputChar`.
pub fn map_key(ctx: Context, k: &KeyEvent) -> Option<Action> {
    match ctx {
        Context::Notes => lookup(GLOBAL, k).or_else(|| lookup(NOTES, k)),
        Context::Budget => lookup(GLOBAL, k).or_else(|| lookup(BUDGET, k)),
        Context::QuizMenu => lookup(GLOBAL, k).or_else(|| lookup(QUIZ_MENU, k)),
        Context::QuizSetup => lookup(QUIZ_SETUP, k).or_else(|| lookup(GLOBAL, k)),
        Context::QuizAnswer => lookup(QUIZ_ANSWER, k).or_else(|| lookup(GLOBAL, k)),
        Context::QuizNumber => lookup(QUIZ_ANSWER, k).or_else(|| match k.code {
            KeyCode::Char(c) if plain(k) => Some(Action::InputChar(c)),
            _ => lookup(FIELD, k),
        }),
        Context::QuizFeedback => lookup(QUIZ_FEEDBACK, k).or_else(|| lookup(GLOBAL, k)),
        Context::QuizResults => lookup(QUIZ_RESULTS, k).or_else(|| lookup(GLOBAL, k)),
        Context::BudgetFields => lookup(BUDGET_FIELDS, k).or_else(|| lookup(GLOBAL, k)),
        Context::BudgetList | Context::LabList => lookup(PICKER, k).or_else(|| lookup(LIST, k)),
        Context::LabValues => lookup(LAB_VALUES, k),
        Context::Lab => lookup(GLOBAL, k).or_else(|| lookup(LAB, k)),
        Context::NoteSearchField
        | Context::GlobalSearch
        | Context::BudgetInput
        | Context::LabInput
        | Context::BudgetCatalog => {
            let table = if matches!(ctx, Context::GlobalSearch | Context::BudgetCatalog) {
                SEARCH
            } else {
                FIELD
            };
            lookup(table, k).or_else(|| match k.code {
                KeyCode::Char(c) if plain(k) => Some(Action::InputChar(c)),
                _ => None,
            })
        }
        Context::Help => match k.code {
            KeyCode::Esc | KeyCode::Char('?') => Some(Action::CloseOverlay),
            _ => lookup(LIST, k).or_else(|| lookup(GLOBAL, k)),
        },
        Context::Outline => lookup(LIST, k).or(match k.code {
            KeyCode::Char('o') => Some(Action::CloseOverlay),
            _ => None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn q_quits_unless_a_field_is_edited() {
        assert_eq!(
            map_key(Context::Notes, &key(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
        assert_eq!(
            map_key(Context::NoteSearchField, &key(KeyCode::Char('q'))),
            Some(Action::InputChar('q'))
        );
        let cc = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for ctx in [
            Context::Notes,
            Context::NoteSearchField,
            Context::GlobalSearch,
            Context::Outline,
            Context::Help,
        ] {
            assert_eq!(map_key(ctx, &cc), Some(Action::Quit), "{ctx:?}");
        }
    }

    #[test]
    fn digits_jump_to_tabs() {
        assert_eq!(
            map_key(Context::Notes, &key(KeyCode::Char('3'))),
            Some(Action::JumpTab(3))
        );
    }
}
