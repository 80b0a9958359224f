//! The Lab's IAM workbench: a sample or a case file, its request editable
//! in place (action, resource, principal), evaluated again on every change; the
//! view (`views::lab_iam`) draws the decision, the evaluation flow and the policies
//! by layer from the outcome kept here.
use super::action::Action;
use super::message::{Level, Message};
use super::widgets::textarea::{self, Change, TextArea};
use crate::iam::case::Policies;
use crate::iam::policy::Policy;
use crate::iam::{self, Case, Kind, Outcome, PolicyTextError, samples};
use crate::lang::Lang;

/// The most a policy being edited may hold, in characters. AWS's largest policy
/// documents are far smaller (a KMS key policy holds at most 32 KB, a bucket policy
/// 20 KB); the cap only keeps a runaway paste in bounds.
pub const POLICY_CAP: usize = 64 * 1024;

/// Which policy of the case: its layer and place in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicySlot {
    /// Level (root → account) and place in the level.
    Scp(usize, usize),
    Rcp(usize, usize),
    Resource,
    Identity(usize),
    Boundary,
    Session,
}

impl PolicySlot {
    /// Every policy of the case, in the order the policies pane shows the layers.
    pub fn all(p: &Policies) -> Vec<PolicySlot> {
        let mut out = Vec::new();
        for (i, level) in p.scps.iter().enumerate() {
            out.extend((0..level.len()).map(|j| PolicySlot::Scp(i, j)));
        }
        for (i, level) in p.rcps.iter().enumerate() {
            out.extend((0..level.len()).map(|j| PolicySlot::Rcp(i, j)));
        }
        if p.resource.is_some() {
            out.push(PolicySlot::Resource);
        }
        out.extend((0..p.identity.len()).map(PolicySlot::Identity));
        if p.boundary.is_some() {
            out.push(PolicySlot::Boundary);
        }
        if p.session.is_some() {
            out.push(PolicySlot::Session);
        }
        out
    }

    pub fn get(self, p: &Policies) -> Option<&Policy> {
        match self {
            PolicySlot::Scp(i, j) => p.scps.get(i)?.get(j),
            PolicySlot::Rcp(i, j) => p.rcps.get(i)?.get(j),
            PolicySlot::Resource => p.resource.as_ref(),
            PolicySlot::Identity(i) => p.identity.get(i),
            PolicySlot::Boundary => p.boundary.as_ref(),
            PolicySlot::Session => p.session.as_ref(),
        }
    }

    fn get_mut(self, p: &mut Policies) -> Option<&mut Policy> {
        match self {
            PolicySlot::Scp(i, j) => p.scps.get_mut(i)?.get_mut(j),
            PolicySlot::Rcp(i, j) => p.rcps.get_mut(i)?.get_mut(j),
            PolicySlot::Resource => p.resource.as_mut(),
            PolicySlot::Identity(i) => p.identity.get_mut(i),
            PolicySlot::Boundary => p.boundary.as_mut(),
            PolicySlot::Session => p.session.as_mut(),
        }
    }

    /// The policy's name as the case file's fields say it.
    pub fn name(self) -> String {
        match self {
            PolicySlot::Scp(i, j) => format!("scps[{i}][{j}]"),
            PolicySlot::Rcp(i, j) => format!("rcps[{i}][{j}]"),
            PolicySlot::Resource => "resource".into(),
            PolicySlot::Identity(i) => format!("identity[{i}]"),
            PolicySlot::Boundary => "permissions_boundary".into(),
            PolicySlot::Session => "session".into(),
        }
    }

    /// The kind `iam check` checks it as (a role's trust policy for sts:AssumeRole*).
    fn kind(self, case: &Case) -> Kind {
        match self {
            PolicySlot::Scp(..) => Kind::Scp,
            PolicySlot::Rcp(..) => Kind::Rcp,
            PolicySlot::Resource
                if case
                    .request
                    .action
                    .to_ascii_lowercase()
                    .starts_with("sts:assumerole") =>
            {
                Kind::Trust
            }
            PolicySlot::Resource => Kind::Resource,
            PolicySlot::Identity(_) => Kind::Identity,
            PolicySlot::Boundary => Kind::Boundary,
            PolicySlot::Session => Kind::Session,
        }
    }
}

/// A policy open in the editor.
pub struct PolicyEditor {
    pub slot: PolicySlot,
    pub text: TextArea,
    /// Why the last save was refused (the policy in force stays the old one).
    pub refused: Option<PolicyTextError>,
}

/// Where the open case came from.
#[derive(Clone, Debug, PartialEq)]
pub enum IamOrigin {
    Sample(String),
    File(String),
}

/// A text field being typed in the IAM workbench.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IamField {
    /// Path of a case file to open.
    Path,
    Action,
    Resource,
    Principal,
    /// One context key: `key=value` or `key=[a, b]`.
    Context,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IamOverlay {
    None,
    Samples {
        selected: usize,
    },
    /// The cases of a file holding several.
    Cases {
        selected: usize,
    },
}

/// What a row of the policies pane shows, for its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Layer,
    Policy,
    /// The policy `[`/`]` selected (what `e` edits).
    Selected,
    /// A statement that applies to the request.
    Applies,
    /// A statement that does not apply, and the detail rows under a statement.
    Plain,
}

pub struct IamTab {
    pub origin: IamOrigin,
    loaded: bool,
    /// The case as opened (for `R`) and as edited.
    pub original: Option<Case>,
    /// Every case of the open file (one for a sample), and which one is open.
    pub cases: Vec<Case>,
    pub case_index: usize,
    pub case: Option<Case>,
    pub outcome: Option<Outcome>,
    pub field: Option<(IamField, String)>,
    pub overlay: IamOverlay,
    /// First row of the policies pane shown.
    pub scroll: usize,
    /// The policies pane's rows wrapped for a width and language (the resize step
    /// makes them), with what they were made for.
    pub rows: Vec<(RowKind, String)>,
    rows_for: Option<(usize, Lang, u64)>,
    /// Bumped on every evaluation, so the rows are made again.
    generation: u64,
    /// Rows the policies pane shows, set by the resize step (for paging).
    pub view_height: usize,
    /// The policy `[`/`]` select and `e` edits: an index into `PolicySlot::all`.
    pub selected: usize,
    pub editor: Option<PolicyEditor>,
    /// Policies as they were before each saved edit (`z` puts the last one back).
    undo: Vec<(PolicySlot, Policy)>,
    /// Scroll the policies pane to the selected policy when the rows are next made.
    reveal: bool,
    said: Option<Message>,
}

impl Default for IamTab {
    fn default() -> IamTab {
        IamTab::new()
    }
}

impl IamTab {
    /// The workbench on the first sample, read when first shown.
    pub fn new() -> IamTab {
        IamTab {
            origin: IamOrigin::Sample(
                samples::all()
                    .first()
                    .map(|s| s.id.clone())
                    .unwrap_or_default(),
            ),
            loaded: false,
            original: None,
            cases: Vec::new(),
            case_index: 0,
            case: None,
            outcome: None,
            field: None,
            overlay: IamOverlay::None,
            scroll: 0,
            rows: Vec::new(),
            rows_for: None,
            generation: 0,
            view_height: 10,
            selected: 0,
            editor: None,
            undo: Vec::new(),
            reveal: false,
            said: None,
        }
    }

    pub fn ensure_loaded(&mut self) {
        if self.loaded {
            return;
        }
        self.loaded = true;
        if let IamOrigin::Sample(id) = &self.origin
            && let Some(s) = samples::find(id)
        {
            self.open_sample(s);
        }
    }

    pub fn open_sample(&mut self, s: &samples::Sample) {
        self.loaded = true;
        self.origin = IamOrigin::Sample(s.id.clone());
        self.cases = s.case().into_iter().collect();
        self.case_index = 0;
        self.set_case(self.cases.first().cloned());
    }

    /// Opens a case file (its first case); on error the open case stays.
    pub fn open_file(&mut self, path: &str) {
        let text = match iam::read_text_said(std::path::Path::new(path)) {
            Ok(t) => t,
            Err(why) => {
                let path = path.to_string();
                self.said = Some(Message::new(Level::Error, move |lang| {
                    format!("{path}: {}", why.get(lang))
                }));
                return;
            }
        };
        match iam::parse_cases(&text) {
            Ok(cases) if !cases.is_empty() => {
                let n = cases.len();
                self.origin = IamOrigin::File(path.to_string());
                self.cases = cases;
                self.case_index = 0;
                self.set_case(self.cases.first().cloned());
                if n > 1 {
                    self.said = Some(Message::new(Level::Notice, move |lang| match lang {
                        Lang::En => format!("{n} cases in the file: the first is shown (t picks)"),
                        Lang::PtBr => {
                            format!("{n} casos no arquivo: o primeiro é mostrado (t escolhe)")
                        }
                    }));
                }
            }
            Ok(_) => {
                self.said = Some(Message::new(Level::Error, |lang| match lang {
                    Lang::En => "the file holds no case".into(),
                    Lang::PtBr => "o arquivo não tem nenhum caso".into(),
                }));
            }
            Err(e) => {
                let path = path.to_string();
                self.said = Some(Message::new(Level::Error, move |lang| {
                    format!("{path}: {}", e.message(lang))
                }));
            }
        }
    }

    fn set_case(&mut self, case: Option<Case>) {
        self.original = case.clone();
        self.case = case;
        self.scroll = 0;
        self.selected = 0;
        self.editor = None;
        self.undo.clear();
        self.evaluate();
    }

    /// The policies of the case, in the pane's order.
    pub fn slots(&self) -> Vec<PolicySlot> {
        self.case
            .as_ref()
            .map(|c| PolicySlot::all(&c.policies))
            .unwrap_or_default()
    }

    /// The selected policy, if the case has any.
    pub fn selected_slot(&self) -> Option<PolicySlot> {
        let slots = self.slots();
        slots
            .get(self.selected.min(slots.len().saturating_sub(1)))
            .copied()
    }

    /// The selected policy's pointer, by which the pane marks it.
    pub fn selected_pointer(&self) -> Option<String> {
        let case = self.case.as_ref()?;
        let slot = self.selected_slot()?;
        slot.get(&case.policies).map(|p| p.pointer.clone())
    }

    fn select(&mut self, d: i64) {
        let n = self.slots().len();
        if n == 0 {
            self.said = Some(no_policy());
            return;
        }
        self.selected = (self.selected.min(n - 1) as i64 + d).rem_euclid(n as i64) as usize;
        self.generation += 1;
        self.reveal = true;
    }

    fn open_editor(&mut self) {
        let (Some(case), Some(slot)) = (&self.case, self.selected_slot()) else {
            self.said = Some(no_policy());
            return;
        };
        let Some(p) = slot.get(&case.policies) else {
            return;
        };
        let text = serde_json::to_string_pretty(&p.source).unwrap_or_default();
        self.editor = Some(PolicyEditor {
            slot,
            text: TextArea::new(&text, POLICY_CAP.max(text.chars().count())),
            refused: None,
        });
    }

    /// A key in the policy editor.
    fn edit_policy(&mut self, action: Action) {
        let Some(ed) = &mut self.editor else { return };
        let change = match action {
            Action::InputChar(c) => ed.text.insert_char(c),
            Action::Edit(e) => ed.text.apply(e),
            // Empty the text, to paste a whole new policy (Esc still gives the old).
            Action::InputClear => {
                ed.text = TextArea::new("", ed.text.cap());
                Change::Changed
            }
            Action::EditorSave => return self.save_policy(),
            Action::InputCancel | Action::CloseOverlay => {
                self.editor = None;
                self.said = Some(Message::notice(|lang| match lang {
                    Lang::En => "edit cancelled: the policy is as it was".into(),
                    Lang::PtBr => "edição cancelada: a política continua como estava".into(),
                }));
                return;
            }
            _ => return,
        };
        if change == Change::Full {
            let cap = ed.text.cap();
            self.said = Some(Message::new(Level::Error, move |lang| {
                textarea::full_message(cap, lang)
            }));
        }
    }

    /// Ctrl-S in the editor: a policy AWS would take replaces the old one and the
    /// case is evaluated again; anything else is refused with its place and reason,
    /// and the text stays open as typed.
    fn save_policy(&mut self) {
        let (Some(ed), Some(case)) = (&mut self.editor, &mut self.case) else {
            return;
        };
        let kind = ed.slot.kind(case);
        let Some(old) = ed.slot.get(&case.policies).cloned() else {
            self.editor = None;
            return;
        };
        match iam::policy_from_text(&ed.text.text(), kind, &old.pointer) {
            Err(e) => {
                if let Some((line, column)) = e.place() {
                    ed.text
                        .go_to(line.saturating_sub(1), column.saturating_sub(1));
                }
                // The editor shows why until the next save (drawn in the language
                // of the moment).
                ed.refused = Some(e);
            }
            Ok(p) if p.source == old.source => {
                self.editor = None;
                self.said = Some(Message::notice(|lang| match lang {
                    Lang::En => "no change to the policy".into(),
                    Lang::PtBr => "a política não mudou".into(),
                }));
            }
            Ok(p) => {
                let slot = ed.slot;
                if let Some(place) = slot.get_mut(&mut case.policies) {
                    *place = p;
                }
                self.undo.push((slot, old));
                self.editor = None;
                let before = self.outcome.as_ref().map(|o| o.decision);
                self.evaluate();
                self.say_evaluated(before, Redone::Saved);
            }
        }
    }

    /// `z`: the last saved policy change, undone.
    fn undo_policy(&mut self) {
        let Some((slot, policy)) = self.undo.pop() else {
            self.said = Some(Message::notice(|lang| match lang {
                Lang::En => "no policy change to undo".into(),
                Lang::PtBr => "nenhuma mudança de política para desfazer".into(),
            }));
            return;
        };
        if let Some(place) = self
            .case
            .as_mut()
            .and_then(|c| slot.get_mut(&mut c.policies))
        {
            *place = policy;
        }
        let before = self.outcome.as_ref().map(|o| o.decision);
        self.evaluate();
        self.say_evaluated(before, Redone::Undone);
    }

    /// Says the decision after a change, and what it was before.
    fn say_evaluated(&mut self, before: Option<iam::Decision>, what: Redone) {
        let after = self.outcome.as_ref().map(|o| o.decision);
        let (Some(b), Some(a)) = (before, after) else {
            return;
        };
        self.said = Some(Message::notice(move |lang| {
            let lead = match (what, lang) {
                (Redone::Request, Lang::En) => "evaluated again",
                (Redone::Request, Lang::PtBr) => "avaliado de novo",
                (Redone::Saved, Lang::En) => "policy saved, evaluated again",
                (Redone::Saved, Lang::PtBr) => "política salva, avaliado de novo",
                (Redone::Undone, Lang::En) => "policy change undone",
                (Redone::Undone, Lang::PtBr) => "mudança de política desfeita",
            };
            let (b, a) = (decision_text(b, lang), decision_text(a, lang));
            if b == a {
                match lang {
                    Lang::En => format!("{lead}: still {a}"),
                    Lang::PtBr => format!("{lead}: continua {a}"),
                }
            } else {
                format!("{lead}: {b} → {a}")
            }
        }));
    }

    /// Evaluates the case as it now stands.
    fn evaluate(&mut self) {
        self.outcome = self.case.as_ref().map(iam::evaluate);
        self.generation += 1;
    }

    /// The policies pane's rows for this width and language, made again only when
    /// the outcome, the width or the language changed (the resize step calls it).
    pub fn prepare_rows(&mut self, width: usize, lang: Lang) {
        let key = (width, lang, self.generation);
        if self.rows_for == Some(key) {
            return;
        }
        self.rows_for = Some(key);
        let selected = self.selected_pointer();
        self.rows = match &self.outcome {
            Some(o) => crate::tui::views::lab_iam::policy_rows(o, width, lang, selected.as_deref()),
            None => Vec::new(),
        };
        if std::mem::take(&mut self.reveal)
            && let Some(at) = self.rows.iter().position(|(k, _)| *k == RowKind::Selected)
            && (at < self.scroll || at >= self.scroll + self.view_height.max(1))
        {
            self.scroll = at;
        }
        self.clamp();
    }

    fn last_scroll(&self) -> usize {
        self.rows.len().saturating_sub(self.view_height.max(1))
    }

    pub fn clamp(&mut self) {
        self.scroll = self.scroll.min(self.last_scroll());
    }

    fn scroll_by(&mut self, d: i64) {
        let to = (self.scroll as i64).saturating_add(d);
        self.scroll = to.clamp(0, self.last_scroll() as i64) as usize;
    }

    /// Pasted text into the open field: one edit.
    pub fn paste(&mut self, pasted: &str) {
        use crate::tui::widgets::text_field::{self, Edit, SHORT_CAP};
        if let Some(ed) = &mut self.editor {
            // A paste that does not fit is not taken at all: half a policy would
            // only be broken JSON.
            let cap = ed.text.cap();
            let would = pasted
                .chars()
                .count()
                .saturating_add(ed.text.text().chars().count());
            if would > cap {
                self.said = Some(Message::new(Level::Error, move |lang| {
                    let n = crate::numfmt::count(cap as u64, lang);
                    match lang {
                        Lang::En => format!(
                            "paste refused: the policy would be longer than {n} characters; the text is as it was"
                        ),
                        Lang::PtBr => format!(
                            "colagem recusada: a política passaria de {n} caracteres; o texto continua como estava"
                        ),
                    }
                }));
                return;
            }
            if ed.text.paste(pasted) == Change::Full {
                let cap = ed.text.cap();
                self.said = Some(Message::new(Level::Error, move |lang| {
                    textarea::full_message(cap, lang)
                }));
            }
            return;
        }
        if let Some((_, text)) = &mut self.field
            && text_field::paste(text, &mut false, pasted, SHORT_CAP) == Edit::Full
        {
            self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                text_field::full_message(SHORT_CAP, lang)
            }));
        }
    }

    pub fn take_said(&mut self) -> Option<Message> {
        self.said.take()
    }

    fn open_field(&mut self, kind: IamField) {
        let Some(case) = &self.case else {
            if kind == IamField::Path {
                self.field = Some((kind, String::new()));
            }
            return;
        };
        let text = match kind {
            IamField::Path => match &self.origin {
                IamOrigin::File(p) => p.clone(),
                IamOrigin::Sample(_) => String::new(),
            },
            IamField::Action => case.request.action.clone(),
            IamField::Resource => case.request.resource.clone(),
            IamField::Principal => case.principal.arn.clone(),
            IamField::Context => String::new(),
        };
        self.field = Some((kind, text));
    }

    /// A key's action; what the workbench has to say waits in `take_said`. It never
    /// asks the app for anything else.
    pub fn update(&mut self, action: Action) -> super::outcome::Outcome {
        self.apply(action);
        super::outcome::Outcome::None
    }

    fn apply(&mut self, action: Action) {
        self.ensure_loaded();
        if self.editor.is_some() {
            return self.edit_policy(action);
        }
        if let Some((kind, text)) = &mut self.field {
            use crate::tui::widgets::text_field::{self, Edit, SHORT_CAP};
            let mut fresh = false;
            if let Some(e) = text_field::edit(text, &mut fresh, action, SHORT_CAP) {
                if e == Edit::Full {
                    self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                        text_field::full_message(SHORT_CAP, lang)
                    }));
                }
                return;
            }
            match action {
                Action::InputCancel | Action::CloseOverlay => self.field = None,
                Action::InputSubmit => {
                    let (kind, text) = (*kind, text.trim().to_string());
                    self.field = None;
                    self.submit(kind, text);
                }
                _ => {}
            }
            return;
        }
        if let IamOverlay::Samples { selected } | IamOverlay::Cases { selected } = self.overlay {
            let cases = matches!(self.overlay, IamOverlay::Cases { .. });
            let len = if cases {
                self.cases.len()
            } else {
                samples::all().len()
            };
            let pick = |me: &mut IamTab, i: usize| {
                if cases {
                    if let Some(c) = me.cases.get(i).cloned() {
                        me.case_index = i;
                        me.set_case(Some(c));
                    }
                } else if let Some(s) = samples::all().get(i) {
                    me.open_sample(s);
                }
                me.overlay = IamOverlay::None;
            };
            let moved = |selected: usize| {
                if cases {
                    IamOverlay::Cases { selected }
                } else {
                    IamOverlay::Samples { selected }
                }
            };
            use crate::tui::widgets::list::step;
            match action {
                Action::ListMove(d) => self.overlay = moved(step(selected, i64::from(d), len)),
                Action::ListPage(d) => self.overlay = moved(step(selected, i64::from(d) * 5, len)),
                Action::PickNumber(n) if usize::from(n) >= 1 && usize::from(n) <= len => {
                    pick(self, usize::from(n) - 1)
                }
                Action::ListSelect if len > 0 => pick(self, selected.min(len - 1)),
                Action::CloseOverlay | Action::InputCancel => self.overlay = IamOverlay::None,
                _ => {}
            }
            return;
        }
        match action {
            Action::LabPick => {
                let current = match &self.origin {
                    IamOrigin::Sample(id) => samples::all().iter().position(|s| &s.id == id),
                    IamOrigin::File(_) => None,
                };
                self.overlay = IamOverlay::Samples {
                    selected: current.unwrap_or(0),
                };
            }
            Action::LabOpen => self.open_field(IamField::Path),
            Action::LabCases if self.cases.len() > 1 => {
                self.overlay = IamOverlay::Cases {
                    selected: self.case_index,
                };
            }
            Action::LabCases => {
                self.said = Some(Message::new(Level::Notice, |lang| match lang {
                    Lang::En => "one case open: a case file with several lets t pick one".into(),
                    Lang::PtBr => "um caso aberto: num arquivo com vários, t escolhe um".into(),
                }));
            }
            Action::IamEditAction => self.open_field(IamField::Action),
            Action::IamEditResource => self.open_field(IamField::Resource),
            Action::IamEditPrincipal => self.open_field(IamField::Principal),
            Action::IamEditContext => self.open_field(IamField::Context),
            Action::LabReset if self.case.is_some() => {
                self.case = self.original.clone();
                self.undo.clear();
                self.evaluate();
                self.said = Some(Message::notice(|lang| match lang {
                    Lang::En => {
                        "the request and the policies are back as the case gives them".into()
                    }
                    Lang::PtBr => "a requisição e as políticas voltaram a ser as do caso".into(),
                }));
            }
            Action::IamPolicyNext => self.select(1),
            Action::IamPolicyPrev => self.select(-1),
            Action::IamEditPolicy => self.open_editor(),
            Action::IamUndoPolicy => self.undo_policy(),
            Action::Scroll(d) => self.scroll_by(i64::from(d)),
            Action::Page(d) | Action::HalfPage(d) => {
                let page = self.view_height.saturating_sub(1).max(1) as i64;
                self.scroll_by(i64::from(d) * page);
            }
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = self.last_scroll(),
            _ => {}
        }
    }

    fn submit(&mut self, kind: IamField, text: String) {
        if kind == IamField::Path {
            if !text.is_empty() {
                self.open_file(&text);
            }
            return;
        }
        if text.is_empty() {
            self.said = Some(Message::new(Level::Error, |lang| match lang {
                Lang::En => "an empty value: the request keeps the old one".into(),
                Lang::PtBr => "valor vazio: a requisição mantém o anterior".into(),
            }));
            return;
        }
        let before = self.outcome.as_ref().map(|o| o.decision);
        let Some(case) = &mut self.case else { return };
        if kind == IamField::Context {
            match parse_context_entry(&text) {
                Some((key, values, multi)) => case.request.context.insert(&key, values, multi),
                None => {
                    self.said = Some(Message::new(Level::Error, |lang| match lang {
                        Lang::En => {
                            "write key=value or key=[a, b]: the context is unchanged".into()
                        }
                        Lang::PtBr => {
                            "escreva chave=valor ou chave=[a, b]: o contexto não mudou".into()
                        }
                    }));
                    return;
                }
            }
        }
        match kind {
            IamField::Action => case.request.action = text,
            IamField::Resource => {
                if let Some(acct) = iam::matching::arn_account(&text) {
                    case.request.resource_account = Some(acct.to_string());
                }
                case.request.resource = text;
            }
            IamField::Principal => {
                if let Some(acct) = iam::matching::arn_account(&text) {
                    case.principal.account = Some(acct.to_string());
                }
                case.principal.arn = text;
            }
            IamField::Path | IamField::Context => {}
        }
        self.evaluate();
        self.say_evaluated(before, Redone::Request);
    }
}

/// What was evaluated again, for the notice.
#[derive(Clone, Copy)]
enum Redone {
    Request,
    Saved,
    Undone,
}

fn no_policy() -> Message {
    Message::notice(|lang| match lang {
        Lang::En => "this case has no policy to select or edit".into(),
        Lang::PtBr => "este caso não tem política para selecionar ou editar".into(),
    })
}

/// `key=value` (one value) or `key=[a, b]` (a list; `[]` an empty one).
pub fn parse_context_entry(text: &str) -> Option<(String, Vec<String>, bool)> {
    let (key, value) = text.split_once('=')?;
    let key = key.trim();
    if key.is_empty() || key.contains(char::is_whitespace) {
        return None;
    }
    let value = value.trim();
    if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        let values = inner
            .split(',')
            .map(|v| v.trim().trim_matches('"').to_string())
            .filter(|v| !v.is_empty())
            .collect();
        return Some((key.to_string(), values, true));
    }
    Some((
        key.to_string(),
        vec![value.trim_matches('"').to_string()],
        false,
    ))
}

/// A decision as a learner reads it.
pub fn decision_text(d: iam::Decision, lang: Lang) -> &'static str {
    d.word(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_the_action_evaluates_again() {
        let mut t = IamTab::new();
        t.open_sample(samples::find("explicit-deny").expect("sample"));
        let first = t.outcome.as_ref().map(|o| o.decision);
        t.update(Action::IamEditAction);
        t.update(Action::InputClear);
        for c in "iam:ListUsers".chars() {
            t.update(Action::InputChar(c));
        }
        t.update(Action::InputSubmit);
        assert_eq!(
            t.case.as_ref().map(|c| c.request.action.as_str()),
            Some("iam:ListUsers")
        );
        assert_eq!(
            t.outcome.as_ref().map(|o| o.decision),
            Some(iam::Decision::ImplicitDeny)
        );
        assert_ne!(first, Some(iam::Decision::ImplicitDeny));
        t.update(Action::LabReset);
        assert_eq!(t.outcome.as_ref().map(|o| o.decision), first);
    }

    #[test]
    fn a_context_key_is_set_by_key_equals_value() {
        assert_eq!(
            parse_context_entry("aws:MultiFactorAuthPresent=true"),
            Some((
                "aws:MultiFactorAuthPresent".into(),
                vec!["true".into()],
                false
            ))
        );
        assert_eq!(
            parse_context_entry("aws:TagKeys = [environment, \"dept\"]"),
            Some((
                "aws:TagKeys".into(),
                vec!["environment".into(), "dept".into()],
                true
            ))
        );
        assert_eq!(parse_context_entry("no equals sign"), None);
        let mut t = IamTab::new();
        t.open_sample(samples::find("mfa-required").expect("sample"));
        let before = t.outcome.as_ref().map(|o| o.decision);
        t.update(Action::IamEditContext);
        for c in "aws:MultiFactorAuthPresent=true".chars() {
            t.update(Action::InputChar(c));
        }
        t.update(Action::InputSubmit);
        assert_ne!(t.outcome.as_ref().map(|o| o.decision), before);
    }

    #[test]
    fn a_missing_file_is_said_and_the_case_kept() {
        let mut t = IamTab::new();
        t.ensure_loaded();
        t.open_file("/nonexistent/case.json");
        let said = t.take_said().expect("said");
        assert_ne!(said.text(Lang::En), said.text(Lang::PtBr), "both languages");
        t.open_file("/nonexistent/case.json");
        assert!(t.take_said().is_some());
        assert!(t.case.is_some());
    }
}
