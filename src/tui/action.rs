//! Every user intent in the interactive app. Keys and mouse events become actions
//! (keymap.rs); `App::update` is the only place state changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    NextTab,
    PrevTab,
    /// The digit pressed: `1`…`9` open that tab, `0` the Lab.
    JumpTab(u8),
    ClickTab(u16),
    OpenHelp,
    CloseOverlay,
    ToggleLang,
    Scroll(i32),
    Page(i32),
    HalfPage(i32),
    Top,
    Bottom,
    StartNoteSearch,
    NextMatch,
    PrevMatch,
    ClearSearch,
    OpenOutline,
    NextSection,
    PrevSection,
    OpenGlobalSearch,
    /// Text-field editing (note search, search across notes).
    InputChar(char),
    InputBackspace,
    InputClear,
    InputSubmit,
    InputCancel,
    /// List overlays (outline, search results, help).
    ListMove(i32),
    ListPage(i32),
    ListSelect,
    /// A digit in a numbered list (the budget picker).
    PickNumber(u8),
    /// From the scenarios note: open its scenario in the Budget tab.
    OpenScenarioBudget,
    BudgetEdit,
    BudgetToggle,
    BudgetDelete,
    BudgetUndo,
    BudgetAdd,
    BudgetPick,
    BudgetSave,
    BudgetExport,
    BudgetRate,
    BudgetUseDocumented,
}
