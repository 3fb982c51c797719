//! The app's vocabulary: every key maps to one of these, tests send them, the help
//! overlay lists them.

use crossterm::event::KeyEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    ForceQuit,
    Cancel,
    Down,
    Up,
    Left,
    Right,
    Top,
    Bottom,
    PageDown,
    PageUp,
    NextPane,
    PrevPane,
    Enter,
    Finder,
    SourceSearch,
    NextHit,
    PrevHit,
    NextFailure,
    PrevFailure,
    NextFailedReport,
    PrevFailedReport,
    Copy,
    Reload,
    Help,
    ToggleSort,
    ToggleOnlyErrors,
    ToggleSource,
    /// Review: confirm the selected finding.
    Confirm,
    /// Review: dismiss the selected finding.
    Dismiss,
    /// Review: write a note on the selected finding.
    Comment,
    /// Review: the report's status none → in progress → reviewed → none.
    CycleStatus,
    /// Review: undo the last review action.
    Undo,
    /// Review: redo what undo took back.
    Redo,
    ToggleUndecided,
    YearOverYear,
    /// Save the note being written.
    Save,
    ShowT2,
    ShowT3,
    ShowT4,
    /// Table: the first column of the line.
    FirstColumn,
    /// Table: the last column of the line.
    LastColumn,
    /// Zoom the focused pane over the screen (again: back).
    Zoom,
    /// Source: wrap long lines at the pane's width (again: scroll sideways).
    ToggleWrap,
    /// Finder and search boxes: clear the query.
    ClearQuery,
    /// The overview of the folder (counts, findings per rule, lateness, indicators).
    Overview,
    /// A key that edits the text of the finder's or the search's query box.
    Input(KeyEvent),
}

impl Action {
    /// Every configurable action with its name in the configuration file and its
    /// description on the help screen.
    pub const NAMED: &'static [(Action, &'static str, &'static str)] = &[
        (Action::Quit, "quit", "quit / close the popup"),
        (Action::ForceQuit, "force_quit", "quit at once"),
        (Action::Cancel, "cancel", "cancel / close"),
        (Action::Down, "down", "move down"),
        (Action::Up, "up", "move up"),
        (
            Action::Left,
            "left",
            "collapse (tree) / column left (table) / scroll left",
        ),
        (
            Action::Right,
            "right",
            "expand (tree) / column right (table) / scroll right",
        ),
        (Action::Top, "top", "go to the top"),
        (Action::Bottom, "bottom", "go to the bottom"),
        (Action::PageDown, "page_down", "page down"),
        (Action::PageUp, "page_up", "page up"),
        (Action::NextPane, "next_pane", "next pane"),
        (Action::PrevPane, "prev_pane", "previous pane"),
        (Action::Enter, "enter", "open / go to"),
        (
            Action::Finder,
            "finder",
            "fuzzy finder (agencies, reports, sections; pinyin)",
        ),
        (
            Action::SourceSearch,
            "source_search",
            "search the source text",
        ),
        (Action::NextHit, "next_hit", "next search hit"),
        (Action::PrevHit, "prev_hit", "previous search hit"),
        (
            Action::NextFailure,
            "next_failure",
            "next failure in this report",
        ),
        (
            Action::PrevFailure,
            "prev_failure",
            "previous failure in this report",
        ),
        (
            Action::NextFailedReport,
            "next_failed_report",
            "next report with errors",
        ),
        (
            Action::PrevFailedReport,
            "prev_failed_report",
            "previous report with errors",
        ),
        (
            Action::Copy,
            "copy",
            "copy cell / finding citation (OSC 52)",
        ),
        (Action::Reload, "reload", "reload the folder"),
        (Action::Help, "help", "this help"),
        (
            Action::ToggleSort,
            "toggle_sort",
            "sort tree by name / by errors",
        ),
        (
            Action::ToggleOnlyErrors,
            "toggle_only_errors",
            "only reports with errors; on a table cell: correct it (✐)",
        ),
        (
            Action::ToggleSource,
            "toggle_source",
            "table ⇄ source (narrow screens)",
        ),
        (
            Action::Confirm,
            "confirm",
            "review: confirm the finding (✓)",
        ),
        (
            Action::Dismiss,
            "dismiss",
            "review: dismiss the finding (✗)",
        ),
        (
            Action::Comment,
            "comment",
            "review: note on the finding (✎; keys of the note box below)",
        ),
        (
            Action::CycleStatus,
            "cycle_status",
            "review: report status none → in progress (⋯) → reviewed (✓)",
        ),
        (Action::Undo, "undo", "review: undo the last review action"),
        (Action::Redo, "redo", "review: redo what undo took back"),
        (
            Action::ToggleUndecided,
            "toggle_undecided",
            "only reports with undecided findings",
        ),
        (
            Action::YearOverYear,
            "year_over_year",
            "year over year: this report beside the previous year",
        ),
        (Action::Save, "save", "save the note"),
        (Action::ShowT2, "show_t2", "table 2 (表二) of the report"),
        (Action::ShowT3, "show_t3", "table 3 (表三) of the report"),
        (Action::ShowT4, "show_t4", "table 4 (表四) of the report"),
        (Action::FirstColumn, "first_column", "table: first column"),
        (Action::LastColumn, "last_column", "table: last column"),
        (Action::Zoom, "zoom", "zoom the focused pane (again: back)"),
        (
            Action::ToggleWrap,
            "toggle_wrap",
            "source: wrap long lines (again: scroll with h/l)",
        ),
        (Action::ClearQuery, "clear_query", "clear the query"),
        (
            Action::Overview,
            "overview",
            "overview: counts, findings per rule, lateness, indicators",
        ),
    ];

    pub fn from_name(name: &str) -> Option<Action> {
        Self::NAMED
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(a, _, _)| *a)
    }

    pub fn name(self) -> &'static str {
        Self::NAMED
            .iter()
            .find(|(a, _, _)| *a == self)
            .map_or("input", |(_, n, _)| n)
    }

    pub fn description(self) -> &'static str {
        Self::NAMED
            .iter()
            .find(|(a, _, _)| *a == self)
            .map_or("edit the query", |(_, _, d)| d)
    }
}
