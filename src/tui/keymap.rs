//! Key → action, one declarative table per context: each row lists its keys and
//! what each does, and the same rows dispatch key presses, write the help overlay's
//! key column and the status-line hints. A key that works is a key that is listed.
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::lang::{Lang, Text2};
use crate::tui::widgets::textarea::{Motion, TextEdit};

/// A key as a table names it.
#[derive(Clone, Copy, Debug)]
pub enum Key {
    /// A character typed without Ctrl or Alt (Shift is part of the character).
    Ch(char),
    Ctrl(char),
    Code(KeyCode),
    /// A named key with Ctrl (Ctrl-← moves by word in an editor).
    CtrlCode(KeyCode),
    /// Any digit from the first to the second.
    Digits(char, char),
}

/// What a key does.
#[derive(Clone, Copy)]
pub enum Does {
    Act(Action),
    /// The action for the digit pressed.
    Digit(fn(u8) -> Action),
}

pub struct Binding {
    /// The keys, each with its action, in the order help lists them; keys with the
    /// same action next to each other are shown as one group.
    pub keys: &'static [(Key, Does)],
    pub help: Text2,
    /// A short word for the status-line hint, when the row has one.
    pub hint: Option<Text2>,
}

/// Where key presses go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Notes,
    /// The list of bookmarked sections (`M` in a note).
    Bookmarks,
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
    /// The selected line's details in full, a scrolled text.
    BudgetDetails,
    /// An S3 line's storage classes (`S`): pick, share, split, lifecycle.
    BudgetS3,
    /// The selected line's factors (`f`): add, rename, remove, edit a value.
    BudgetFactors,
    /// Two budgets side by side (`v`), a scrolled table.
    BudgetCompare,
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
    /// A path or executions per day being typed in the Lab.
    LabInput,
    /// The Lab's sample, test-case and findings lists.
    LabList,
    /// The Lab's view of the current step's values in full.
    LabValues,
    /// The Lab's execution input editor (`i`), multi-line.
    LabEditor,
    /// The Lab's IAM workbench (its fields and case list are `LabInput`, `LabList`).
    Iam,
    /// The IAM workbench's sample picker (`p`): a numbered list whose 10th is `0`.
    IamSamples,
    /// The IAM workbench's policy editor (`e`).
    IamEditor,
}

fn plain(k: &KeyEvent) -> bool {
    !k.modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

impl Key {
    /// The action of this key for the press `k`, if it is this key.
    fn action(self, does: Does, k: &KeyEvent) -> Option<Action> {
        let hit = match self {
            Key::Ch(c) => plain(k) && k.code == KeyCode::Char(c),
            Key::Ctrl(c) => {
                k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char(c)
            }
            Key::Code(c) => plain(k) && k.code == c,
            Key::CtrlCode(c) => k.modifiers.contains(KeyModifiers::CONTROL) && k.code == c,
            Key::Digits(a, b) => {
                plain(k) && matches!(k.code, KeyCode::Char(c) if (a..=b).contains(&c))
            }
        };
        if !hit {
            return None;
        }
        match does {
            Does::Act(a) => Some(a),
            Does::Digit(f) => match k.code {
                KeyCode::Char(c) => c.to_digit(10).map(|d| f(d as u8)),
                _ => None,
            },
        }
    }

    /// How help shows the key; `compact` is the status line's shorter form.
    fn label(self, compact: bool) -> String {
        match self {
            Key::Ch(' ') if compact => "␣".into(),
            Key::Ch(' ') => "Space".into(),
            Key::Ch(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Digits(a, b) => format!("{a} … {b}"),
            Key::CtrlCode(c) => format!("Ctrl-{}", Key::Code(c).label(compact)),
            Key::Code(code) => match code {
                KeyCode::Down => "↓".into(),
                KeyCode::Up => "↑".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "Shift-Tab".into(),
                KeyCode::Backspace => "Backspace".into(),
                KeyCode::Delete => "Delete".into(),
                other => format!("{other:?}"),
            },
        }
    }
}

fn same(a: Does, b: Does) -> bool {
    match (a, b) {
        (Does::Act(x), Does::Act(y)) => x == y,
        (Does::Digit(x), Does::Digit(y)) => std::ptr::fn_addr_eq(x, y),
        _ => false,
    }
}

impl Binding {
    /// The action of the press `k`, if one of this row's keys.
    pub fn action(&self, k: &KeyEvent) -> Option<Action> {
        self.keys
            .iter()
            .find_map(|&(key, does)| key.action(does, k))
    }

    /// Whether one of the row's keys does `action`.
    pub fn does(&self, action: Action) -> bool {
        self.keys
            .iter()
            .any(|(_, d)| matches!(d, Does::Act(a) if *a == action))
    }

    /// The key column of help: keys of one action joined by a space, actions by two
    /// (`↓ j  ↑ k`).
    pub fn label(&self) -> String {
        let mut out = String::new();
        let mut prev: Option<Does> = None;
        for &(key, does) in self.keys {
            if let Some(p) = prev {
                out.push_str(if same(p, does) { " " } else { "  " });
            }
            out.push_str(&key.label(false));
            prev = Some(does);
        }
        out
    }

    /// `key word` for the status line, from the row's first key and its hint.
    pub fn hint_text(&self, lang: Lang) -> Option<String> {
        let word = self.hint?.get(lang);
        let key = self.keys.first()?.0.label(true);
        Some(format!("{key} {word}"))
    }
}

/// The status-line hint of a table: its rows that have a short word, in order.
pub fn hints(table: &[Binding], lang: Lang) -> String {
    table
        .iter()
        .filter_map(|b| b.hint_text(lang))
        .collect::<Vec<_>>()
        .join(" · ")
}

const fn b(keys: &'static [(Key, Does)], en: &'static str, pt: &'static str) -> Binding {
    Binding {
        keys,
        help: Text2::new(en, pt),
        hint: None,
    }
}

/// A row with a status-line hint.
const fn h(
    keys: &'static [(Key, Does)],
    en: &'static str,
    pt: &'static str,
    hint: (&'static str, &'static str),
) -> Binding {
    Binding {
        keys,
        help: Text2::new(en, pt),
        hint: Some(Text2::new(hint.0, hint.1)),
    }
}

use Does::{Act, Digit};
use Key::{Ch, Code, Ctrl, CtrlCode, Digits};

const QUIT: &[(Key, Does)] = &[(Ch('q'), Act(Action::Quit)), (Ctrl('c'), Act(Action::Quit))];
const LINES: &[(Key, Does)] = &[
    (Code(KeyCode::Down), Act(Action::Scroll(1))),
    (Ch('j'), Act(Action::Scroll(1))),
    (Code(KeyCode::Up), Act(Action::Scroll(-1))),
    (Ch('k'), Act(Action::Scroll(-1))),
];
const PAGES: &[(Key, Does)] = &[
    (Code(KeyCode::PageDown), Act(Action::Page(1))),
    (Ch(' '), Act(Action::Page(1))),
    (Code(KeyCode::PageUp), Act(Action::Page(-1))),
];
const ENDS: &[(Key, Does)] = &[
    (Code(KeyCode::Home), Act(Action::Top)),
    (Ch('g'), Act(Action::Top)),
    (Code(KeyCode::End), Act(Action::Bottom)),
    (Ch('G'), Act(Action::Bottom)),
];
const LIST_MOVE: &[(Key, Does)] = &[
    (Code(KeyCode::Down), Act(Action::ListMove(1))),
    (Ch('j'), Act(Action::ListMove(1))),
    (Code(KeyCode::Up), Act(Action::ListMove(-1))),
    (Ch('k'), Act(Action::ListMove(-1))),
];
const LIST_PAGE: &[(Key, Does)] = &[
    (Code(KeyCode::PageDown), Act(Action::ListPage(1))),
    (Code(KeyCode::PageUp), Act(Action::ListPage(-1))),
];
const ESC_CLOSE: &[(Key, Does)] = &[(Code(KeyCode::Esc), Act(Action::CloseOverlay))];
const ENTER_SELECT: &[(Key, Does)] = &[(Code(KeyCode::Enter), Act(Action::ListSelect))];

pub static GLOBAL: &[Binding] = &[
    b(QUIT, "quit", "sair"),
    b(
        &[
            (Code(KeyCode::Tab), Act(Action::NextTab)),
            (Code(KeyCode::BackTab), Act(Action::PrevTab)),
        ],
        "next / previous tab",
        "aba seguinte / anterior",
    ),
    b(
        &[(Digits('0', '9'), Digit(Action::JumpTab))],
        "jump to that tab (0: the Lab)",
        "ir para a aba (0: o Lab)",
    ),
    b(
        &[(Ch('L'), Act(Action::ToggleLang))],
        "switch language (en / pt-BR)",
        "trocar idioma (en / pt-BR)",
    ),
    h(
        &[(Ch('?'), Act(Action::OpenHelp))],
        "this help",
        "esta ajuda",
        ("help", "ajuda"),
    ),
];

pub static NOTES: &[Binding] = &[
    b(LINES, "scroll a line", "rolar uma linha"),
    b(PAGES, "scroll a page", "rolar uma página"),
    b(
        &[
            (Ctrl('d'), Act(Action::HalfPage(1))),
            (Ctrl('u'), Act(Action::HalfPage(-1))),
        ],
        "scroll half a page",
        "rolar meia página",
    ),
    b(ENDS, "top / end of the note", "início / fim da nota"),
    b(
        &[(Ch('/'), Act(Action::StartNoteSearch))],
        "search in this note",
        "buscar nesta nota",
    ),
    b(
        &[
            (Ch('n'), Act(Action::NextMatch)),
            (Ch('N'), Act(Action::PrevMatch)),
        ],
        "next / previous match",
        "resultado seguinte / anterior",
    ),
    b(
        &[(Code(KeyCode::Esc), Act(Action::ClearSearch))],
        "clear the search highlight",
        "limpar o destaque da busca",
    ),
    b(
        &[(Ch('s'), Act(Action::OpenGlobalSearch))],
        "search all notes",
        "buscar em todas as notas",
    ),
    b(
        &[(Ch('o'), Act(Action::OpenOutline))],
        "outline: jump to a section",
        "sumário: ir para uma seção",
    ),
    b(
        &[(Ch('b'), Act(Action::OpenScenarioBudget))],
        "open this scenario in the Budget tab",
        "abrir este cenário na aba Orçamento",
    ),
    b(
        &[(Ch('Q'), Act(Action::QuizSection))],
        "quiz me on this section",
        "quiz sobre esta seção",
    ),
    b(
        &[(Ch('m'), Act(Action::Bookmark))],
        "bookmark this section (m again removes it)",
        "marcar esta seção (de novo: desmarca)",
    ),
    b(
        &[(Ch('M'), Act(Action::OpenBookmarks))],
        "bookmarks: jump to a marked section",
        "marcadores: ir para uma seção marcada",
    ),
    b(
        &[(Code(KeyCode::Backspace), Act(Action::BackToQuiz))],
        "back to the quiz (after g opened this note)",
        "voltar ao quiz (depois que g abriu esta nota)",
    ),
    b(
        &[
            (Ch(']'), Act(Action::NextSection)),
            (Ch('['), Act(Action::PrevSection)),
        ],
        "next / previous section",
        "próxima seção / seção anterior",
    ),
];

pub static BUDGET: &[Binding] = &[
    b(
        &[
            (Code(KeyCode::Down), Act(Action::ListMove(1))),
            (Ch('j'), Act(Action::ListMove(1))),
            (Code(KeyCode::Up), Act(Action::ListMove(-1))),
            (Ch('k'), Act(Action::ListMove(-1))),
            (Code(KeyCode::PageDown), Act(Action::ListPage(1))),
            (Code(KeyCode::PageUp), Act(Action::ListPage(-1))),
        ],
        "select a line",
        "escolher uma linha",
    ),
    h(
        &[
            (Ch('e'), Act(Action::BudgetEdit)),
            (Code(KeyCode::Enter), Act(Action::BudgetEdit)),
        ],
        "edit the line's factors, price and free quantity",
        "editar fatores, preço e franquia da linha",
        ("edit", "editar"),
    ),
    h(
        DETAILS,
        "the line in full: formula, prices, source, free tier, caveats",
        "detalhes da linha: fórmula, preços, fonte, nível gratuito, ressalvas",
        ("details", "detalhes"),
    ),
    h(
        &[(Ch('o'), Act(Action::BudgetOptions))],
        "pricing options for the line: Savings Plans, Reserved Instances, Spot…",
        "opções de preço da linha: Savings Plans, Instâncias Reservadas, Spot…",
        ("options", "opções"),
    ),
    h(
        &[(Ch('a'), Act(Action::BudgetAdd))],
        "add a line from the pricing catalog",
        "adicionar uma linha do catálogo de preços",
        ("add", "adicionar"),
    ),
    h(
        &[
            (Ch('d'), Act(Action::BudgetDelete)),
            (Code(KeyCode::Delete), Act(Action::BudgetDelete)),
        ],
        "delete the line",
        "apagar a linha",
        ("del", "apagar"),
    ),
    h(
        &[(Ch('u'), Act(Action::BudgetUndo))],
        "undo the last change",
        "desfazer a última alteração",
        ("undo", "desfazer"),
    ),
    h(
        &[
            (Ch(' '), Act(Action::BudgetToggle)),
            (Ch('x'), Act(Action::BudgetToggle)),
        ],
        "include / exclude the line from the total",
        "incluir / excluir a linha do total",
        ("in/out", "total"),
    ),
    b(
        &[
            (Ch('<'), Act(Action::BudgetResize(-1))),
            (Ch('>'), Act(Action::BudgetResize(1))),
        ],
        "right-size: the next smaller / larger instance size (t3, db.t3, ml.m5)",
        "ajustar o tamanho: a instância menor / maior seguinte (t3, db.t3, ml.m5)",
    ),
    b(
        &[(Ch('h'), Act(Action::BudgetHours))],
        "hours a month: 720 (course), 730 (AWS), business hours or custom",
        "horas por mês: 720 (curso), 730 (AWS), horário comercial ou outro valor",
    ),
    b(
        &[(Ch('S'), Act(Action::BudgetS3))],
        "S3 storage classes: pick one, split by percentage, lifecycle example",
        "classes de armazenamento do S3: escolher, dividir por percentual, ciclo de vida",
    ),
    b(
        &[(Ch('T'), Act(Action::BudgetFreeTier))],
        "free tier on / off (always-free quantities; 12-month offers shown apart)",
        "nível gratuito liga / desliga (franquias sempre gratuitas; ofertas de 12 meses à parte)",
    ),
    b(
        &[(Ch('D'), Act(Action::BudgetUseDocumented))],
        "use the documented AWS price for the line",
        "usar o preço documentado da AWS na linha",
    ),
    h(
        &[(Ch('p'), Act(Action::BudgetPick))],
        "pick a scenario or saved budget",
        "escolher um cenário ou orçamento salvo",
        ("pick", "abrir"),
    ),
    h(
        &[(Ch('w'), Act(Action::BudgetSave))],
        "save under a name",
        "salvar com um nome",
        ("save", "salvar"),
    ),
    h(
        &[(Ch('E'), Act(Action::BudgetExport))],
        "export to markdown, CSV or JSON",
        "exportar para markdown, CSV ou JSON",
        ("export", "exportar"),
    ),
    h(
        &[(Ch('r'), Act(Action::BudgetRate))],
        "BRL rate (empty clears)",
        "cotação do real (vazio remove)",
        ("BRL", "R$"),
    ),
    b(
        &[(Ch('c'), Act(Action::BudgetCustom))],
        "add a custom line: label, unit and price",
        "adicionar uma linha personalizada: rótulo, unidade e preço",
    ),
    b(
        FACTORS,
        "the line's factors: add, rename, remove (quantity = their product)",
        "fatores da linha: adicionar, renomear, remover (quantidade = produto deles)",
    ),
    b(
        &[(Ch('v'), Act(Action::BudgetCompare))],
        "compare side by side with another budget, or as opened with now",
        "comparar lado a lado com outro orçamento, ou o original com o atual",
    ),
    b(
        &[(Ch('V'), Act(Action::BudgetVariant))],
        "save a copy as a variant and keep working on it",
        "salvar uma cópia como variante e continuar nela",
    ),
];

pub static BUDGET_FIELDS: &[Binding] = &[
    b(
        &[
            (Code(KeyCode::Down), Act(Action::ListMove(1))),
            (Code(KeyCode::Tab), Act(Action::ListMove(1))),
            (Ch('j'), Act(Action::ListMove(1))),
            (Code(KeyCode::Up), Act(Action::ListMove(-1))),
            (Code(KeyCode::BackTab), Act(Action::ListMove(-1))),
            (Ch('k'), Act(Action::ListMove(-1))),
        ],
        "select a field",
        "escolher um campo",
    ),
    h(
        &[
            (Code(KeyCode::Enter), Act(Action::BudgetEdit)),
            // A sign starts typing too, so "-3" is checked (and refused), never read as 3.
            (Digits('0', '9'), Digit(digit_char)),
            (Ch('.'), Act(Action::InputChar('.'))),
            (Ch(','), Act(Action::InputChar(','))),
            (Ch('-'), Act(Action::InputChar('-'))),
            (Ch('+'), Act(Action::InputChar('+'))),
        ],
        "edit the field (a digit or sign starts typing)",
        "editar o campo (um dígito ou sinal já começa a digitar)",
        ("edit", "editar"),
    ),
    h(
        ESC_CLOSE,
        "back to the lines",
        "voltar às linhas",
        ("lines", "linhas"),
    ),
    b(
        DETAILS,
        "the line in full: formula, prices, source, free tier, caveats",
        "detalhes da linha: fórmula, preços, fonte, nível gratuito, ressalvas",
    ),
    h(
        &[(Ch('u'), Act(Action::BudgetUndo))],
        "undo the last change",
        "desfazer a última alteração",
        ("undo", "desfazer"),
    ),
    h(
        &[(Ch('w'), Act(Action::BudgetSave))],
        "save under a name",
        "salvar com um nome",
        ("save", "salvar"),
    ),
    b(
        FACTORS,
        "the line's factors: add, rename, remove (quantity = their product)",
        "fatores da linha: adicionar, renomear, remover (quantidade = produto deles)",
    ),
    b(QUIT, "quit", "sair"),
];

const FACTORS: &[(Key, Does)] = &[(Ch('f'), Act(Action::BudgetFactors))];

/// The Budget tab's factors of the selected line (`f`).
pub static BUDGET_FACTORS: &[Binding] = &[
    b(LIST_MOVE, "select a factor", "escolher um fator"),
    h(
        &[(Code(KeyCode::Enter), Act(Action::BudgetEdit))],
        "edit the factor's value",
        "editar o valor do fator",
        ("value", "valor"),
    ),
    h(
        &[(Ch('a'), Act(Action::BudgetFactorAdd))],
        "add a factor (value 1: the quantity stays)",
        "adicionar um fator (valor 1: a quantidade não muda)",
        ("add", "adicionar"),
    ),
    h(
        &[(Ch('r'), Act(Action::BudgetFactorRename))],
        "rename the factor",
        "renomear o fator",
        ("rename", "renomear"),
    ),
    h(
        &[
            (Ch('d'), Act(Action::BudgetFactorRemove)),
            (Code(KeyCode::Delete), Act(Action::BudgetFactorRemove)),
        ],
        "remove the factor (a line keeps at least one)",
        "remover o fator (a linha fica com pelo menos um)",
        ("remove", "remover"),
    ),
    h(
        &[(Ch('u'), Act(Action::BudgetUndo))],
        "undo the last change",
        "desfazer a última alteração",
        ("undo", "desfazer"),
    ),
    h(
        &[
            (Code(KeyCode::Esc), Act(Action::CloseOverlay)),
            (Ch('f'), Act(Action::CloseOverlay)),
        ],
        "close",
        "fechar",
        ("close", "fechar"),
    ),
    b(QUIT, "quit", "sair"),
];

/// The Budget tab's comparison of two budgets (`v`): a scrolled table.
pub static BUDGET_COMPARE: &[Binding] = &[
    h(
        LINES,
        "scroll a line",
        "rolar uma linha",
        ("scroll", "rolar"),
    ),
    b(PAGES, "scroll a page", "rolar uma página"),
    b(ENDS, "top / end", "início / fim"),
    h(
        &[
            (Code(KeyCode::Esc), Act(Action::CloseOverlay)),
            (Ch('v'), Act(Action::CloseOverlay)),
        ],
        "close",
        "fechar",
        ("close", "fechar"),
    ),
    b(QUIT, "quit", "sair"),
];

const DETAILS: &[(Key, Does)] = &[(Ch('i'), Act(Action::BudgetDetails))];

/// The Budget tab's details view (`i`): a scrolled text.
pub static BUDGET_DETAILS: &[Binding] = &[
    h(
        LINES,
        "scroll a line",
        "rolar uma linha",
        ("scroll", "rolar"),
    ),
    b(PAGES, "scroll a page", "rolar uma página"),
    b(ENDS, "top / end", "início / fim"),
    h(
        &[
            (Code(KeyCode::Esc), Act(Action::CloseOverlay)),
            (Ch('i'), Act(Action::CloseOverlay)),
        ],
        "close",
        "fechar",
        ("close", "fechar"),
    ),
    b(
        &[(Digits('1', '9'), Digit(Action::PickNumber))],
        "add the line a caveat names (its number under \"Add this line\")",
        "adicionar a linha que uma ressalva cita (o número em \"Adicionar esta linha\")",
    ),
    b(QUIT, "quit", "sair"),
];

/// An S3 line's storage classes (`S`).
/// The export popup's keys (`E` in the Budget tab): a numbered list of formats. It
/// is dispatched as a numbered list ([`PICKER`], [`LIST`]); this table gives the
/// status line its hints.
pub static BUDGET_EXPORT: &[Binding] = &[
    h(
        &[(Digits('1', '3'), Digit(Action::PickNumber))],
        "export in that format",
        "exportar nesse formato",
        ("format", "formato"),
    ),
    h(
        LIST_MOVE,
        "select a format",
        "escolher um formato",
        ("move", "escolhe"),
    ),
    h(
        ENTER_SELECT,
        "export in the selected format (the file's path comes next)",
        "exportar no formato escolhido (em seguida, o caminho do arquivo)",
        ("export", "exporta"),
    ),
    h(ESC_CLOSE, "cancel", "cancelar", ("cancel", "cancela")),
];

pub static BUDGET_S3: &[Binding] = &[
    h(
        LIST_MOVE,
        "select a class",
        "escolher uma classe",
        ("move", "mover"),
    ),
    h(
        ENTER_SELECT,
        "move the whole line to the class, or apply the lifecycle example",
        "passar a linha toda para a classe, ou aplicar o exemplo de ciclo de vida",
        ("apply", "aplicar"),
    ),
    h(
        &[
            (Ch('%'), Act(Action::BudgetShare)),
            (Ch('e'), Act(Action::BudgetShare)),
        ],
        "type the class's share of the GB, in percent",
        "digitar a parte dos GB nesta classe, em percentual",
        ("share", "parte"),
    ),
    h(
        &[(Ch('s'), Act(Action::BudgetSplit))],
        "split the line by the shares (they must add up to 100%)",
        "dividir a linha pelas partes (devem somar 100%)",
        ("split", "dividir"),
    ),
    h(ESC_CLOSE, "close", "fechar", ("close", "fechar")),
    b(QUIT, "quit", "sair"),
];

/// A digit typed into a field.
fn digit_char(d: u8) -> Action {
    Action::InputChar(char::from(b'0' + d.min(9)))
}

/// A quiz text longer than its rows: j k (and PgDn PgUp) scroll it; the arrows stay
/// the option cursor's while a question waits for its answer.
const QUIZ_SCROLL_ROW: Binding = h(
    &[
        (Ch('j'), Act(Action::Scroll(1))),
        (Ch('k'), Act(Action::Scroll(-1))),
        (Code(KeyCode::PageDown), Act(Action::Page(1))),
        (Code(KeyCode::PageUp), Act(Action::Page(-1))),
    ],
    "scroll the question a line / a page",
    "rolar a pergunta uma linha / uma página",
    ("k PgDn scroll", "k PgDn rolar"),
);

/// The scroll row of a question waiting for its answer (for its footer hint).
pub static QUIZ_SCROLL: Binding = QUIZ_SCROLL_ROW;

pub static QUIZ_MENU: &[Binding] = &[
    b(LIST_MOVE, "move", "mover"),
    b(
        ENTER_SELECT,
        "start the highlighted mode",
        "começar o modo destacado",
    ),
    b(ESC_CLOSE, "back to the menu", "voltar ao menu"),
];

pub static QUIZ_SETUP: &[Binding] = &[
    b(
        &[
            (Code(KeyCode::Right), Act(Action::QuizMore)),
            (Ch('+'), Act(Action::QuizMore)),
            (Code(KeyCode::Left), Act(Action::QuizLess)),
            (Ch('-'), Act(Action::QuizLess)),
        ],
        "more / fewer questions",
        "mais / menos perguntas",
    ),
    b(
        &[(Ch('t'), Act(Action::QuizTime))],
        "time limit: off, 10, 20, 30, 60 min",
        "tempo: sem, 10, 20, 30, 60 min",
    ),
    b(ENTER_SELECT, "start the exam", "começar a prova"),
    b(ESC_CLOSE, "back to the menu", "voltar ao menu"),
];

pub static QUIZ_ANSWER: &[Binding] = &[
    b(
        &[
            (Digits('0', '9'), Digit(Action::PickNumber)),
            (Ch('.'), Act(Action::InputChar('.'))),
            (Ch(','), Act(Action::InputChar(','))),
            (Ch('-'), Act(Action::InputChar('-'))),
        ],
        "choose that option (a number question: type it)",
        "escolher a opção (pergunta numérica: digite)",
    ),
    QUIZ_SCROLL_ROW,
    b(
        &[
            (Code(KeyCode::Down), Act(Action::ListMove(1))),
            (Code(KeyCode::Up), Act(Action::ListMove(-1))),
            (Ch(' '), Act(Action::QuizToggle)),
        ],
        "move, select / unselect",
        "mover, marcar / desmarcar",
    ),
    b(ENTER_SELECT, "answer", "responder"),
    b(
        &[
            (Ch('f'), Act(Action::QuizFlag)),
            (Ch('F'), Act(Action::QuizNextFlagged)),
        ],
        "exam: flag for review, next flagged",
        "prova: marcar para revisão, próxima marcada",
    ),
    b(
        &[
            (Code(KeyCode::Left), Act(Action::QuizPrev)),
            (Code(KeyCode::Right), Act(Action::QuizNext)),
        ],
        "exam: previous / next question",
        "prova: pergunta anterior / próxima",
    ),
    b(
        &[(Ch('S'), Act(Action::QuizSubmit))],
        "exam: submit",
        "prova: entregar",
    ),
    b(
        ESC_CLOSE,
        "end the session (an exam is kept to resume)",
        "encerrar a sessão (a prova fica guardada)",
    ),
];

/// Back to the note a quiz was started from with `Q` (in a number field Backspace
/// deletes instead).
pub static QUIZ_BACK: &[Binding] = &[b(
    &[(Code(KeyCode::Backspace), Act(Action::BackToNote))],
    "back to the note (after Q started this quiz from it)",
    "voltar à nota (depois que Q começou este quiz a partir dela)",
)];

pub static QUIZ_FEEDBACK: &[Binding] = &[
    h(
        &[
            (Code(KeyCode::Enter), Act(Action::QuizNext)),
            (Ch('n'), Act(Action::QuizNext)),
        ],
        "next question",
        "próxima pergunta",
        ("next", "próxima"),
    ),
    h(
        &[
            (Ch('j'), Act(Action::Scroll(1))),
            (Code(KeyCode::Down), Act(Action::Scroll(1))),
            (Ch('k'), Act(Action::Scroll(-1))),
            (Code(KeyCode::Up), Act(Action::Scroll(-1))),
            (Code(KeyCode::PageDown), Act(Action::Page(1))),
            (Code(KeyCode::PageUp), Act(Action::Page(-1))),
            (Code(KeyCode::Home), Act(Action::Top)),
            (Code(KeyCode::End), Act(Action::Bottom)),
        ],
        "scroll the feedback a line / a page / to the top or end",
        "rolar a correção uma linha / uma página / ao início ou ao fim",
        ("k PgDn scroll", "k PgDn rolar"),
    ),
    h(
        &[(Ch('g'), Act(Action::QuizOpenSection))],
        "read the note section (Backspace comes back)",
        "ler a seção da nota (Backspace volta)",
        ("section", "seção"),
    ),
    h(
        ESC_CLOSE,
        "end the session",
        "encerrar a sessão",
        ("end", "encerrar"),
    ),
];

pub static QUIZ_RESULTS: &[Binding] = &[
    b(
        &[
            (Code(KeyCode::Down), Act(Action::ListMove(1))),
            (Code(KeyCode::Up), Act(Action::ListMove(-1))),
            (Code(KeyCode::Enter), Act(Action::ListSelect)),
        ],
        "pick a question, see its feedback",
        "escolher uma pergunta, ver a correção",
    ),
    h(
        &[
            (Ch('j'), Act(Action::Scroll(1))),
            (Ch('k'), Act(Action::Scroll(-1))),
            (Code(KeyCode::PageDown), Act(Action::Page(1))),
            (Code(KeyCode::PageUp), Act(Action::Page(-1))),
            (Code(KeyCode::Home), Act(Action::Top)),
            (Code(KeyCode::End), Act(Action::Bottom)),
        ],
        "scroll the answer under review (in the list: move)",
        "rolar a resposta aberta (na lista: mover)",
        ("k PgDn scroll", "k PgDn rolar"),
    ),
    h(
        &[(Ch('g'), Act(Action::QuizOpenSection))],
        "read the question's note section",
        "ler a seção da nota da pergunta",
        ("section", "seção"),
    ),
    h(
        ESC_CLOSE,
        "back (to the menu)",
        "voltar (ao menu)",
        ("back", "voltar"),
    ),
];

pub static LAB: &[Binding] = &[
    h(
        &[
            (Ch('n'), Act(Action::LabStep)),
            (Code(KeyCode::Right), Act(Action::LabStep)),
        ],
        "step forward",
        "avançar um passo",
        ("step", "passo"),
    ),
    h(
        &[
            (Ch('b'), Act(Action::LabBack)),
            (Code(KeyCode::Left), Act(Action::LabBack)),
        ],
        "step back",
        "voltar um passo",
        ("back", "volta"),
    ),
    h(
        &[(Ch('r'), Act(Action::LabRun))],
        "run to the end",
        "executar até o fim",
        ("run", "executa"),
    ),
    h(
        &[(Ch('R'), Act(Action::LabReset))],
        "reset (back to the start)",
        "reiniciar (voltar ao início)",
        ("reset", "reinicia"),
    ),
    h(
        &[(Ch('p'), Act(Action::LabPick))],
        "choose a sample machine",
        "escolher uma máquina de exemplo",
        ("samples", "exemplos"),
    ),
    h(
        &[(Ch('o'), Act(Action::LabOpen))],
        "open a definition file by path",
        "abrir um arquivo de definição pelo caminho",
        ("open", "abrir"),
    ),
    h(
        &[(Ch('i'), Act(Action::LabInput))],
        "edit the execution input (JSON)",
        "editar a entrada da execução (JSON)",
        ("input", "entrada"),
    ),
    b(
        &[(Ch('I'), Act(Action::LabInputFile))],
        "read the execution input from a JSON file",
        "ler a entrada da execução de um arquivo JSON",
    ),
    h(
        &[(Ch('t'), Act(Action::LabCases))],
        "pick the mock test case",
        "escolher o caso de teste do mock",
        ("case", "caso"),
    ),
    h(
        &[(Ch('f'), Act(Action::LabFindings))],
        "validation findings (Enter jumps to the state)",
        "problemas de validação (Enter vai ao estado)",
        ("findings", "problemas"),
    ),
    h(
        &[(Ch('a'), Act(Action::LabAddBudget))],
        "add N executions/day to the Budget tab",
        "somar N execuções/dia à aba Orçamento",
        ("budget", "orçamento"),
    ),
    b(
        &[(Ch('x'), Act(Action::LabExpress))],
        "price as Express (requests + GB-s) or Standard",
        "preço Express (requisições + GB-s) ou Standard",
    ),
    b(
        &[(Ch('v'), Act(Action::LabValues))],
        "this step's values in full (j k scroll)",
        "os valores do passo por inteiro (j k rolam)",
    ),
    b(
        &[
            (Code(KeyCode::Down), Act(Action::Scroll(1))),
            (Ch('j'), Act(Action::Scroll(1))),
            (Code(KeyCode::Up), Act(Action::Scroll(-1))),
            (Ch('k'), Act(Action::Scroll(-1))),
            (Code(KeyCode::PageDown), Act(Action::Page(1))),
            (Code(KeyCode::PageUp), Act(Action::Page(-1))),
        ],
        "scroll the graph",
        "rolar o grafo",
    ),
    b(
        &[(Ch('g'), Act(Action::Top)), (Ch('G'), Act(Action::Bottom))],
        "top / end of the graph",
        "início / fim do grafo",
    ),
    h(
        &[(Ch('w'), Act(Action::LabWorkbench))],
        "switch workbench: the IAM policy evaluator",
        "trocar de bancada: o avaliador de políticas IAM",
        ("IAM", "IAM"),
    ),
];

/// The Lab's IAM workbench: the request's fields.
pub static IAM_REQUEST: &[Binding] = &[
    h(
        &[(Ch('a'), Act(Action::IamEditAction))],
        "edit the request's action (Enter applies, Esc cancels)",
        "editar a ação da requisição (Enter aplica, Esc cancela)",
        ("action", "ação"),
    ),
    h(
        &[(Ch('r'), Act(Action::IamEditResource))],
        "edit the request's resource ARN",
        "editar o ARN do recurso da requisição",
        ("resource", "recurso"),
    ),
    b(
        &[(Ch('u'), Act(Action::IamEditPrincipal))],
        "edit the principal's ARN",
        "editar o ARN do principal",
    ),
    b(
        &[(Ch('c'), Act(Action::IamEditContext))],
        "set a context key: key=value or key=[a, b]",
        "definir uma chave de contexto: chave=valor ou chave=[a, b]",
    ),
    b(
        &[(Ch('R'), Act(Action::LabReset))],
        "reset the request and the policies to the case's",
        "voltar a requisição e as políticas às do caso",
    ),
];

/// The Lab's IAM workbench: the policies, the samples and case files.
pub static IAM: &[Binding] = &[
    b(
        &[
            (Ch(']'), Act(Action::IamPolicyNext)),
            (Ch('['), Act(Action::IamPolicyPrev)),
        ],
        "select the next / previous policy (marked ▸)",
        "selecionar a política seguinte / anterior (marcada com ▸)",
    ),
    h(
        &[(Ch('e'), Act(Action::IamEditPolicy))],
        "edit the selected policy's JSON",
        "editar o JSON da política selecionada",
        ("edit policy", "editar política"),
    ),
    b(
        &[(Ch('z'), Act(Action::IamUndoPolicy))],
        "undo the last policy change",
        "desfazer a última mudança de política",
    ),
    h(
        &[(Ch('p'), Act(Action::LabPick))],
        "choose a sample case",
        "escolher um caso de exemplo",
        ("samples", "exemplos"),
    ),
    b(
        &[(Ch('o'), Act(Action::LabOpen))],
        "open a case file by path",
        "abrir um arquivo de caso pelo caminho",
    ),
    b(
        &[(Ch('t'), Act(Action::LabCases))],
        "pick a case of the open file",
        "escolher um caso do arquivo aberto",
    ),
    h(
        &[(Ch('w'), Act(Action::LabWorkbench))],
        "switch workbench: Step Functions",
        "trocar de bancada: Step Functions",
        ("SFN", "SFN"),
    ),
    b(
        &[
            (Code(KeyCode::Down), Act(Action::Scroll(1))),
            (Ch('j'), Act(Action::Scroll(1))),
            (Code(KeyCode::Up), Act(Action::Scroll(-1))),
            (Ch('k'), Act(Action::Scroll(-1))),
            (Code(KeyCode::PageDown), Act(Action::Page(1))),
            (Code(KeyCode::PageUp), Act(Action::Page(-1))),
        ],
        "scroll the policies",
        "rolar as políticas",
    ),
    b(
        &[(Ch('g'), Act(Action::Top)), (Ch('G'), Act(Action::Bottom))],
        "top / end of the policies",
        "início / fim das políticas",
    ),
];

/// The IAM workbench's policy editor (`e`): its own keys; moving and typing are
/// [`TEXT_EDITOR`].
pub static IAM_EDITOR: &[Binding] = &[
    h(
        &[(Ctrl('s'), Act(Action::EditorSave))],
        "save: check the policy and evaluate again (a bad edit is refused, nothing lost)",
        "salvar: conferir a política e avaliar de novo (uma edição ruim é recusada, nada se perde)",
        ("save", "salvar"),
    ),
    h(
        &[(Code(KeyCode::Esc), Act(Action::InputCancel))],
        "cancel: the policy stays as it was",
        "cancelar: a política fica como estava",
        ("cancel", "cancelar"),
    ),
    b(
        &[(Ctrl('u'), Act(Action::InputClear))],
        "empty the text (to paste a whole new policy)",
        "esvaziar o texto (para colar uma política nova inteira)",
    ),
];

/// The Lab's input editor (`i`): its own keys; moving and typing are [`TEXT_EDITOR`].
pub static LAB_EDITOR: &[Binding] = &[
    h(
        &[(Ctrl('s'), Act(Action::EditorSave))],
        "save: check the JSON, then run from the start",
        "salvar: conferir o JSON e executar do início",
        ("save", "salvar"),
    ),
    h(
        &[(Code(KeyCode::Esc), Act(Action::InputCancel))],
        "cancel: the input stays as it was",
        "cancelar: a entrada fica como estava",
        ("cancel", "cancelar"),
    ),
    b(
        &[(Ctrl('u'), Act(Action::InputClear))],
        "empty the text (for a new input)",
        "esvaziar o texto (para uma entrada nova)",
    ),
];

/// Moving and typing in a multi-line editor (the IAM policy, the Lab's input).
pub static TEXT_EDITOR: &[Binding] = &[
    b(
        &[
            (
                Code(KeyCode::Left),
                Act(Action::Edit(TextEdit::Move(Motion::Left))),
            ),
            (
                Code(KeyCode::Right),
                Act(Action::Edit(TextEdit::Move(Motion::Right))),
            ),
            (
                Code(KeyCode::Up),
                Act(Action::Edit(TextEdit::Move(Motion::Up))),
            ),
            (
                Code(KeyCode::Down),
                Act(Action::Edit(TextEdit::Move(Motion::Down))),
            ),
        ],
        "move the cursor",
        "mover o cursor",
    ),
    b(
        &[
            (
                CtrlCode(KeyCode::Left),
                Act(Action::Edit(TextEdit::Move(Motion::WordLeft))),
            ),
            (
                CtrlCode(KeyCode::Right),
                Act(Action::Edit(TextEdit::Move(Motion::WordRight))),
            ),
        ],
        "a word left / right",
        "uma palavra à esquerda / à direita",
    ),
    b(
        &[
            (
                Code(KeyCode::Home),
                Act(Action::Edit(TextEdit::Move(Motion::Home))),
            ),
            (
                Code(KeyCode::End),
                Act(Action::Edit(TextEdit::Move(Motion::End))),
            ),
        ],
        "start / end of the line",
        "início / fim da linha",
    ),
    b(
        &[
            (
                CtrlCode(KeyCode::Home),
                Act(Action::Edit(TextEdit::Move(Motion::Top))),
            ),
            (
                CtrlCode(KeyCode::End),
                Act(Action::Edit(TextEdit::Move(Motion::Bottom))),
            ),
        ],
        "start / end of the text",
        "início / fim do texto",
    ),
    b(
        &[
            (
                Code(KeyCode::PageUp),
                Act(Action::Edit(TextEdit::Move(Motion::PageUp))),
            ),
            (
                Code(KeyCode::PageDown),
                Act(Action::Edit(TextEdit::Move(Motion::PageDown))),
            ),
        ],
        "a page up / down",
        "uma página acima / abaixo",
    ),
    b(
        &[(Code(KeyCode::Enter), Act(Action::Edit(TextEdit::Newline)))],
        "new line",
        "nova linha",
    ),
    b(
        &[
            (
                Code(KeyCode::Backspace),
                Act(Action::Edit(TextEdit::Backspace)),
            ),
            (Code(KeyCode::Delete), Act(Action::Edit(TextEdit::Delete))),
        ],
        "delete before / under the cursor",
        "apagar antes do / sob o cursor",
    ),
    b(&[(Ctrl('c'), Act(Action::Quit))], "quit", "sair"),
];

/// The Lab's values view: a scrolled text.
pub static LAB_VALUES: &[Binding] = &[
    h(
        LINES,
        "scroll a line",
        "rolar uma linha",
        ("scroll", "rolar"),
    ),
    b(PAGES, "scroll a page", "rolar uma página"),
    b(ENDS, "top / end", "início / fim"),
    h(
        &[
            (Code(KeyCode::Esc), Act(Action::CloseOverlay)),
            (Ch('v'), Act(Action::CloseOverlay)),
        ],
        "close",
        "fechar",
        ("close", "fechar"),
    ),
    b(QUIT, "quit", "sair"),
];

/// Numbered lists (the budget picker, the Lab's samples and test cases).
pub static PICKER: &[Binding] = &[b(
    &[(Digits('1', '9'), Digit(Action::PickNumber))],
    "pick that entry",
    "escolher aquele item",
)];

/// The IAM sample picker only: its 10th sample is `0` (the others stop at 9).
pub static IAM_SAMPLES: &[Binding] = &[b(
    &[(Ch('0'), Act(Action::PickNumber(10)))],
    "pick the 10th sample",
    "escolher o 10º exemplo",
)];

pub static FIELD: &[Binding] = &[
    b(
        &[(Code(KeyCode::Enter), Act(Action::InputSubmit))],
        "confirm",
        "confirmar",
    ),
    b(
        &[(Code(KeyCode::Esc), Act(Action::InputCancel))],
        "cancel",
        "cancelar",
    ),
    b(
        &[(Code(KeyCode::Backspace), Act(Action::InputBackspace))],
        "delete a character",
        "apagar um caractere",
    ),
    b(
        &[(Ctrl('u'), Act(Action::InputClear))],
        "clear the field",
        "limpar o campo",
    ),
    b(&[(Ctrl('c'), Act(Action::Quit))], "quit", "sair"),
];

pub static LIST: &[Binding] = &[
    b(LIST_MOVE, "move", "mover"),
    b(LIST_PAGE, "move a page", "mover uma página"),
    b(ENTER_SELECT, "open", "abrir"),
    b(ESC_CLOSE, "close", "fechar"),
    b(QUIT, "quit", "sair"),
];

/// The help overlay's own keys (it scrolls with the list keys).
pub static HELP: &[Binding] = &[
    b(
        &[
            (Code(KeyCode::Esc), Act(Action::CloseOverlay)),
            (Ch('?'), Act(Action::CloseOverlay)),
        ],
        "close this help",
        "fechar esta ajuda",
    ),
    b(ENDS, "start / end of this help", "início / fim desta ajuda"),
];

/// The bookmark list's own keys (it moves and opens with the list keys).
pub static BOOKMARKS: &[Binding] = &[
    b(
        &[
            (Ch('d'), Act(Action::DeleteBookmark)),
            (Code(KeyCode::Delete), Act(Action::DeleteBookmark)),
        ],
        "delete the bookmark",
        "apagar o marcador",
    ),
    b(
        &[(Ch('M'), Act(Action::CloseOverlay))],
        "close the bookmarks",
        "fechar os marcadores",
    ),
];

/// The outline's own key.
pub static OUTLINE: &[Binding] = &[b(
    &[(Ch('o'), Act(Action::CloseOverlay))],
    "close the outline",
    "fechar o sumário",
)];

/// The search-across-notes overlay: a text field over a result list.
pub static SEARCH: &[Binding] = &[
    b(
        &[
            (Code(KeyCode::Down), Act(Action::ListMove(1))),
            (Code(KeyCode::Up), Act(Action::ListMove(-1))),
            (Code(KeyCode::PageDown), Act(Action::ListPage(1))),
            (Code(KeyCode::PageUp), Act(Action::ListPage(-1))),
        ],
        "move in the results",
        "mover nos resultados",
    ),
    b(ENTER_SELECT, "open the result", "abrir o resultado"),
    b(ESC_CLOSE, "close", "fechar"),
    b(
        &[
            (Code(KeyCode::Backspace), Act(Action::InputBackspace)),
            (Ctrl('u'), Act(Action::InputClear)),
        ],
        "delete / clear the text",
        "apagar / limpar o texto",
    ),
    b(&[(Ctrl('c'), Act(Action::Quit))], "quit", "sair"),
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
        Context::Help => vec![
            (Text2::new("This help", "Esta ajuda"), HELP),
            (Text2::new("Everywhere", "Em qualquer lugar"), GLOBAL),
            (Text2::new("Reading a note", "Lendo uma nota"), NOTES),
            field,
            list,
            search,
        ],
        Context::Notes => vec![
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
            (Text2::new("Typing a number", "Digitando um número"), FIELD),
            (
                Text2::new("After an answer", "Depois de responder"),
                QUIZ_FEEDBACK,
            ),
            (Text2::new("Results", "Resultado"), QUIZ_RESULTS),
            (Text2::new("From a note", "Vindo de uma nota"), QUIZ_BACK),
        ],
        Context::Outline => vec![list, (Text2::new("Outline", "Sumário"), OUTLINE)],
        Context::Bookmarks => vec![
            (Text2::new("Bookmarks (M)", "Marcadores (M)"), BOOKMARKS),
            list,
        ],
        Context::GlobalSearch => vec![search],
        Context::Lab
        | Context::LabInput
        | Context::LabList
        | Context::LabValues
        | Context::LabEditor => vec![
            (Text2::new("Everywhere", "Em qualquer lugar"), GLOBAL),
            (
                Text2::new(
                    "Lab: step through a state machine",
                    "Lab: passo a passo numa máquina de estados",
                ),
                LAB,
            ),
            (
                Text2::new("Editing the input (i)", "Editando a entrada (i)"),
                LAB_EDITOR,
            ),
            (
                Text2::new(
                    "Moving and typing in the editor",
                    "Movendo e digitando no editor",
                ),
                TEXT_EDITOR,
            ),
            (
                Text2::new(
                    "Typing a path or a number",
                    "Digitando um caminho ou um número",
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
            (Text2::new("Numbered lists", "Listas numeradas"), PICKER),
            (
                Text2::new("The values view (v)", "A vista dos valores (v)"),
                LAB_VALUES,
            ),
        ],
        Context::Iam | Context::IamEditor | Context::IamSamples => vec![
            (Text2::new("Everywhere", "Em qualquer lugar"), GLOBAL),
            (
                Text2::new("Lab IAM: the request", "Lab IAM: a requisição"),
                IAM_REQUEST,
            ),
            (
                Text2::new(
                    "Lab IAM: policies, samples and case files",
                    "Lab IAM: políticas, exemplos e arquivos de caso",
                ),
                IAM,
            ),
            (
                Text2::new("Editing a policy (e)", "Editando uma política (e)"),
                IAM_EDITOR,
            ),
            (
                Text2::new(
                    "Moving and typing in the editor",
                    "Movendo e digitando no editor",
                ),
                TEXT_EDITOR,
            ),
            (
                Text2::new(
                    "Typing a path, an action or an ARN",
                    "Digitando um caminho, uma ação ou um ARN",
                ),
                FIELD,
            ),
            (Text2::new("Samples and cases", "Exemplos e casos"), LIST),
            (Text2::new("Numbered lists", "Listas numeradas"), PICKER),
            (
                Text2::new("The samples list (p)", "A lista de exemplos (p)"),
                IAM_SAMPLES,
            ),
        ],
        Context::Budget
        | Context::BudgetFields
        | Context::BudgetList
        | Context::BudgetCatalog
        | Context::BudgetDetails
        | Context::BudgetS3
        | Context::BudgetFactors
        | Context::BudgetCompare => {
            vec![
                (Text2::new("Everywhere", "Em qualquer lugar"), GLOBAL),
                (Text2::new("Budget: lines", "Orçamento: linhas"), BUDGET),
                (
                    Text2::new("Budget: editing a line", "Orçamento: editando uma linha"),
                    BUDGET_FIELDS,
                ),
                (
                    Text2::new("A line's details (i)", "Os detalhes de uma linha (i)"),
                    BUDGET_DETAILS,
                ),
                (
                    Text2::new(
                        "S3 storage classes (S)",
                        "Classes de armazenamento do S3 (S)",
                    ),
                    BUDGET_S3,
                ),
                (
                    Text2::new("A line's factors (f)", "Os fatores de uma linha (f)"),
                    BUDGET_FACTORS,
                ),
                (
                    Text2::new(
                        "Comparing two budgets (v)",
                        "Comparando dois orçamentos (v)",
                    ),
                    BUDGET_COMPARE,
                ),
                (Text2::new("Typing a value", "Digitando um valor"), FIELD),
                (Text2::new("Picker and lists", "Seletor e listas"), LIST),
                (Text2::new("Numbered lists", "Listas numeradas"), PICKER),
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
    table.iter().find_map(|b| b.action(k))
}

/// Maps a key press in a context to an action. Printable characters in text fields
/// become `InputChar`.
pub fn map_key(ctx: Context, k: &KeyEvent) -> Option<Action> {
    match ctx {
        Context::Notes => lookup(GLOBAL, k).or_else(|| lookup(NOTES, k)),
        Context::Budget => lookup(GLOBAL, k).or_else(|| lookup(BUDGET, k)),
        Context::QuizMenu => lookup(GLOBAL, k)
            .or_else(|| lookup(QUIZ_MENU, k))
            .or_else(|| lookup(QUIZ_BACK, k)),
        Context::QuizSetup => lookup(QUIZ_SETUP, k)
            .or_else(|| lookup(GLOBAL, k))
            .or_else(|| lookup(QUIZ_BACK, k)),
        Context::QuizAnswer => lookup(QUIZ_ANSWER, k)
            .or_else(|| lookup(GLOBAL, k))
            .or_else(|| lookup(QUIZ_BACK, k)),
        Context::QuizNumber => lookup(QUIZ_ANSWER, k).or_else(|| match k.code {
            KeyCode::Char(c) if plain(k) => Some(Action::InputChar(c)),
            _ => lookup(FIELD, k),
        }),
        Context::QuizFeedback => lookup(QUIZ_FEEDBACK, k)
            .or_else(|| lookup(GLOBAL, k))
            .or_else(|| lookup(QUIZ_BACK, k)),
        Context::QuizResults => lookup(QUIZ_RESULTS, k)
            .or_else(|| lookup(GLOBAL, k))
            .or_else(|| lookup(QUIZ_BACK, k)),
        Context::BudgetFields => lookup(BUDGET_FIELDS, k).or_else(|| lookup(GLOBAL, k)),
        Context::BudgetList | Context::LabList => lookup(PICKER, k).or_else(|| lookup(LIST, k)),
        Context::IamSamples => lookup(PICKER, k)
            .or_else(|| lookup(IAM_SAMPLES, k))
            .or_else(|| lookup(LIST, k)),
        Context::LabValues => lookup(LAB_VALUES, k),
        Context::BudgetDetails => lookup(BUDGET_DETAILS, k),
        Context::BudgetS3 => lookup(BUDGET_S3, k),
        Context::BudgetFactors => lookup(BUDGET_FACTORS, k),
        Context::BudgetCompare => lookup(BUDGET_COMPARE, k),
        Context::Lab => lookup(GLOBAL, k).or_else(|| lookup(LAB, k)),
        Context::Iam => lookup(GLOBAL, k)
            .or_else(|| lookup(IAM_REQUEST, k))
            .or_else(|| lookup(IAM, k)),
        Context::IamEditor | Context::LabEditor => {
            let own = if ctx == Context::IamEditor {
                IAM_EDITOR
            } else {
                LAB_EDITOR
            };
            lookup(own, k)
                .or_else(|| lookup(TEXT_EDITOR, k))
                .or_else(|| match k.code {
                    KeyCode::Char(c) if plain(k) => Some(Action::InputChar(c)),
                    _ => None,
                })
        }
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
        Context::Help => lookup(HELP, k)
            .or_else(|| lookup(LIST, k))
            .or_else(|| lookup(GLOBAL, k)),
        Context::Outline => lookup(LIST, k).or_else(|| lookup(OUTLINE, k)),
        Context::Bookmarks => lookup(BOOKMARKS, k).or_else(|| lookup(LIST, k)),
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

    const ALL: [Context; 29] = [
        Context::Notes,
        Context::Bookmarks,
        Context::Budget,
        Context::BudgetFields,
        Context::BudgetInput,
        Context::BudgetList,
        Context::BudgetCatalog,
        Context::BudgetDetails,
        Context::BudgetS3,
        Context::BudgetFactors,
        Context::BudgetCompare,
        Context::QuizMenu,
        Context::QuizSetup,
        Context::QuizAnswer,
        Context::QuizNumber,
        Context::QuizFeedback,
        Context::QuizResults,
        Context::NoteSearchField,
        Context::Help,
        Context::Outline,
        Context::GlobalSearch,
        Context::Lab,
        Context::LabInput,
        Context::LabList,
        Context::LabValues,
        Context::LabEditor,
        Context::Iam,
        Context::IamEditor,
        Context::IamSamples,
    ];

    /// Every key press worth trying: printable ASCII, the named keys, Ctrl-letters.
    fn every_key() -> Vec<KeyEvent> {
        let mut v: Vec<KeyEvent> = (' '..='~').map(|c| key(KeyCode::Char(c))).collect();
        for code in [
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
        ] {
            v.push(key(code));
        }
        for c in 'a'..='z' {
            v.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        }
        v
    }

    #[test]
    fn every_key_that_does_something_is_in_that_contexts_help() {
        for ctx in ALL {
            let tables = tables(ctx);
            for k in every_key() {
                let Some(a) = map_key(ctx, &k) else { continue };
                // Typing into a text field is the field's nature, not a key to list.
                if matches!((a, k.code), (Action::InputChar(x), KeyCode::Char(c)) if x == c) {
                    continue;
                }
                assert!(
                    tables
                        .iter()
                        .any(|(_, t)| t.iter().any(|b| b.action(&k) == Some(a))),
                    "{ctx:?}: {k:?} does {a:?} but the help of that context does not list it"
                );
            }
        }
    }

    #[test]
    fn labels_and_hints_come_from_the_keys() {
        assert_eq!(NOTES[0].label(), "↓ j  ↑ k");
        assert_eq!(GLOBAL[1].label(), "Tab  Shift-Tab");
        assert_eq!(BUDGET_FIELDS[0].label(), "↓ Tab j  ↑ Shift-Tab k");
        assert_eq!(PICKER[0].label(), "1 … 9");
        assert_eq!(
            hints(BUDGET, Lang::En),
            "e edit · i details · o options · a add · d del · u undo · ␣ in/out · p pick · w save · E export · r BRL"
        );
    }

    #[test]
    fn digits_jump_to_tabs() {
        assert_eq!(
            map_key(Context::Notes, &key(KeyCode::Char('3'))),
            Some(Action::JumpTab(3))
        );
    }
}
