//! ⑦ 会議資料・議事録 (§4.11 ②③): the 運用保守定例会 and the 業務担当者会議, with
//! action items tracked from one meeting to the next.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::data::Source;
use crate::domain::ClockTime;

labelled_enum! {
    MeetingKind {
        /// §4.11②: 運用保守定例会（オンライン, 隔月）.
        Teireikai => "運用保守定例会",
        /// §4.11③: 業務担当者会議（オンライン, 隔月・随時）.
        Gyomu => "業務担当者会議",
        Other => "その他の打合せ",
    }
}

labelled_enum! {
    ActionStatus {
        Open => "未完了",
        Done => "完了",
        Dropped => "取りやめ",
    }
}

/// An action item raised at a meeting.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    /// Unique across all meetings; later meetings refer to it in `followups`.
    pub id: String,
    pub item: String,
    /// A staff id or an actor id.
    pub owner: String,
    pub due: NaiveDate,
    pub status: ActionStatus,
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
}

/// A later meeting's word on an action item raised earlier.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Followup {
    pub id: String,
    pub status: ActionStatus,
    /// A new due date agreed at this meeting.
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One meeting.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    #[serde(default)]
    pub id: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub start: Option<ClockTime>,
    #[serde(default)]
    pub end: Option<ClockTime>,
    pub kind: MeetingKind,
    #[serde(default)]
    pub title: Option<String>,
    /// Staff ids, or actor ids for the provider's and the ward's other members.
    pub attendees: Vec<String>,
    pub agenda: Vec<String>,
    #[serde(default)]
    pub materials: Vec<String>,
    #[serde(default)]
    pub decisions: Vec<String>,
    #[serde(default)]
    pub action_items: Vec<ActionItem>,
    #[serde(default)]
    pub followups: Vec<Followup>,
    /// §4.11②③ 議事録レビュー: the day the contractor finished reviewing the minutes.
    #[serde(default)]
    pub minutes_reviewed_on: Option<NaiveDate>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

impl Meeting {
    /// 令和9年1月20日 運用保守定例会, or the title when one is given.
    pub fn display_title(&self) -> String {
        match &self.title {
            Some(t) => t.clone(),
            None => format!(
                "{} {}",
                crate::domain::wareki::format_date(self.date),
                self.kind.label()
            ),
        }
    }
}

/// An action item as it stands after every meeting that spoke of it.
#[derive(Debug, Clone, Serialize)]
pub struct TrackedAction {
    pub id: String,
    pub item: String,
    pub owner: String,
    /// The meeting that raised it.
    pub raised_in: String,
    pub raised_on: NaiveDate,
    pub due: NaiveDate,
    pub status: ActionStatus,
    pub done_on: Option<NaiveDate>,
    /// (meeting id, date, status, note) of every later word on it, oldest first.
    pub history: Vec<(String, NaiveDate, ActionStatus, Option<String>)>,
}

impl TrackedAction {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.due < today
    }
}

/// Every action item raised in `meetings`, with the follow-ups of later meetings
/// applied in date order. Follow-ups naming an unknown item are ignored here
/// (`check` reports them).
pub fn track_actions(meetings: &[Meeting]) -> Vec<TrackedAction> {
    let mut order: Vec<&Meeting> = meetings.iter().collect();
    order.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let mut out: Vec<TrackedAction> = Vec::new();
    for m in &order {
        for a in &m.action_items {
            out.push(TrackedAction {
                id: a.id.clone(),
                item: a.item.clone(),
                owner: a.owner.clone(),
                raised_in: m.id.clone(),
                raised_on: m.date,
                due: a.due,
                status: a.status,
                done_on: a.done_on,
                history: Vec::new(),
            });
        }
        for f in &m.followups {
            if let Some(t) = out.iter_mut().find(|t| t.id == f.id && t.raised_in != m.id) {
                t.status = f.status;
                if let Some(due) = f.due {
                    t.due = due;
                }
                if f.done_on.is_some() {
                    t.done_on = f.done_on;
                }
                t.history
                    .push((m.id.clone(), m.date, f.status, f.note.clone()));
            }
        }
    }
    out
}
