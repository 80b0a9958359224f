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
    /// The selected line's details in full: formula, prices, source, free tier,
    /// caveats (a scrolled view).
    BudgetDetails,
    /// The selected line's pricing options (On-Demand, Savings Plans, RIs, Spot…).
    BudgetOptions,
    /// Right-sizing: the selected instance line one size smaller (-1) or larger (+1).
    BudgetResize(i32),
    /// Hour presets for an hourly line: 720, 730, business hours, custom.
    BudgetHours,
    /// An S3 line's storage classes: pick one, split by percentage, lifecycle.
    BudgetS3,
    /// In the S3 classes list: type the selected class's share.
    BudgetShare,
    /// In the S3 classes list: split the line by the shares typed.
    BudgetSplit,
    /// The free-tier switch: the catalog's always-free quantities on or off.
    BudgetFreeTier,
    /// Add a custom line (label, unit, price typed in turn).
    BudgetCustom,
    /// The selected line's factors: add, rename, remove, edit.
    BudgetFactors,
    BudgetFactorAdd,
    BudgetFactorRename,
    BudgetFactorRemove,
    /// Two budgets side by side: pick the other, then the comparison.
    BudgetCompare,
    /// Save a copy under a new name and keep working on it.
    BudgetVariant,
    /// Quiz: next / previous question (exam), next flagged, flag, submit.
    QuizNext,
    QuizPrev,
    QuizNextFlagged,
    QuizFlag,
    /// Quiz: select / unselect the option under the cursor.
    QuizToggle,
    QuizSubmit,
    /// Quiz: open the note section the question links to.
    QuizOpenSection,
    /// Exam setup: more / fewer questions, cycle the time limit.
    QuizMore,
    QuizLess,
    QuizTime,
    /// From a note: quiz me on this section.
    QuizSection,
    /// From a note: mark the section being read (again: unmark it); open the list of
    /// marked sections; in that list, delete the highlighted one.
    Bookmark,
    OpenBookmarks,
    DeleteBookmark,
    /// From a note opened by the quiz: go back to the quiz.
    BackToQuiz,
    /// From a quiz started in a note (Q): go back to the note.
    BackToNote,
    /// Lab: step forward / back, run to the end, reset.
    LabStep,
    LabBack,
    LabRun,
    LabReset,
    /// Lab: choose a sample, open a file, edit the input, pick the mock test case,
    /// list the findings, add N executions a day to the Budget tab.
    LabPick,
    LabOpen,
    LabInput,
    /// Lab: read the execution input from a file by path.
    LabInputFile,
    LabCases,
    LabFindings,
    LabAddBudget,
    /// Lab: price the machine as an Express workflow, or back as Standard.
    LabExpress,
    /// Every stage value of the current step in full, pretty-printed and scrollable.
    LabValues,
    /// Lab: switch workbench (Step Functions ↔ IAM).
    LabWorkbench,
    /// IAM workbench: edit the request's action, resource, principal ARN.
    IamEditAction,
    IamEditResource,
    IamEditPrincipal,
    /// IAM workbench: set one context key (`key=value`).
    IamEditContext,
    /// IAM workbench: select the next / previous policy of the case, open the
    /// selected one in the editor, undo the last policy change.
    IamPolicyNext,
    IamPolicyPrev,
    IamEditPolicy,
    IamUndoPolicy,
    /// A multi-line editor's move or edit (typing is `InputChar`).
    Edit(crate::tui::widgets::textarea::TextEdit),
    /// A multi-line editor: save (check the text and use it).
    EditorSave,
    /// Whole seconds passed on a running exam clock (the event loop sends it; no key
    /// does).
    Tick(u16),
}
