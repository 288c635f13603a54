//! ⑤ 問合せ・障害対応記録: inquiries and requests (§4.5) and incidents escalated
//! by the O&M provider (§4.6).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::data::Source;
use crate::domain::{Due, Stamp};

labelled_enum! {
    /// Where an inquiry or request went (§2-⑤ 問合せ・依頼, §4.5 ①–④).
    InquiryChannel {
        Chatbot => "自治体コミュニティ基盤（チャットボット）",
        ContactCenter => "コンタクトセンター",
        Emergency => "緊急連絡窓口",
        SupportSite => "国保中央会サポートサイト",
        WardStaff => "区職員",
    }
}

impl InquiryChannel {
    /// Channels run by the O&M provider: their inquiries count for the
    /// provider's 問合せ期限内解決率.
    pub fn is_provider(self) -> bool {
        matches!(
            self,
            InquiryChannel::Chatbot | InquiryChannel::ContactCenter | InquiryChannel::Emergency
        )
    }
}

labelled_enum! {
    /// What an inquiry is about. The first five are the chatbot's routine requests (§2-⑤).
    InquiryCategory {
        OnlineHours => "オンライン時間帯変更",
        BatchSchedule => "バッチスケジュール・パラメタ変更",
        LogData => "ログデータ入替",
        Gaiji => "外字登録依頼",
        Account => "職員・操作権限登録代行",
        MasterBatch => "マスタ反映（バッチ）依頼",
        Question => "運用に関する問合せ",
        Incident => "障害連絡",
        Specification => "仕様・設計・更新計画",
        Other => "その他",
    }
}

labelled_enum! {
    InquiryStatus {
        Open => "対応中",
        Resolved => "解決",
        Withdrawn => "取下げ",
    }
}

/// One inquiry or request (§4.5). Never about a resident: about operations only.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inquiry {
    /// The file name without `.yaml`; written in the file only to repeat it.
    #[serde(default)]
    pub id: String,
    pub received_at: Stamp,
    pub channel: InquiryChannel,
    /// Who raised it: a staff id or an actor id.
    pub from: String,
    pub category: InquiryCategory,
    pub summary: String,
    /// 受付番号 given by the chatbot or the contact center.
    #[serde(default)]
    pub ticket: Option<String>,
    #[serde(default)]
    pub answer: Option<String>,
    #[serde(default)]
    pub deadline: Option<Due>,
    #[serde(default)]
    pub resolved_at: Option<Stamp>,
    pub status: InquiryStatus,
    /// The contractor's staff who handled it.
    #[serde(default)]
    pub handled_by: Option<String>,
    /// The incident this inquiry belongs to, if any.
    #[serde(default)]
    pub incident: Option<String>,
    /// Handbook pages (paths below `content/`) the answer changed or relates to.
    #[serde(default)]
    pub pages: Vec<String>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

impl Inquiry {
    /// Still open after its deadline on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == InquiryStatus::Open && self.deadline.is_some_and(|d| d.is_past(today))
    }
}

labelled_enum! {
    IncidentStatus {
        Open => "対応中",
        Recovered => "復旧（完了報告待ち）",
        Closed => "完了",
    }
}

/// A stretch of time without online service, for the オンライン稼働率.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outage {
    pub from: Stamp,
    pub to: Stamp,
}

/// One step taken while handling an incident.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentAction {
    pub at: Stamp,
    /// A staff id or an actor id.
    pub by: String,
    pub action: String,
}

/// One incident (§4.6): escalated by the provider, escalated on to the ward,
/// investigated, reported on.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    #[serde(default)]
    pub id: String,
    pub title: String,
    /// When the fault (or its sign) was detected.
    pub detected_at: Stamp,
    /// Actor id of who detected it (usually the provider's monitoring).
    pub detected_by: String,
    /// §4.6①: the provider's notification (escalation) to the contractor.
    #[serde(default)]
    pub notified_at: Option<Stamp>,
    /// §4.6②: the contractor's escalation to the ward.
    #[serde(default)]
    pub escalated_at: Option<Stamp>,
    pub impact: String,
    /// Online service lost, for the オンライン稼働率.
    #[serde(default)]
    pub outages: Vec<Outage>,
    /// Days whose nightly batch did not run, for the バッチ実行率.
    #[serde(default)]
    pub batches_not_run: Vec<NaiveDate>,
    #[serde(default)]
    pub actions: Vec<IncidentAction>,
    #[serde(default)]
    pub recovered_at: Option<Stamp>,
    #[serde(default)]
    pub cause: Option<String>,
    /// §4.6④: days of 状況報告 attended.
    #[serde(default)]
    pub status_reports: Vec<NaiveDate>,
    /// §4.6④: the day of the 完了報告.
    #[serde(default)]
    pub completion_report: Option<NaiveDate>,
    pub status: IncidentStatus,
    #[serde(default)]
    pub pages: Vec<String>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

impl Incident {
    /// Minutes from detection to the provider's notification.
    pub fn notification_minutes(&self) -> Option<i64> {
        self.notified_at.map(|n| self.detected_at.minutes_until(n))
    }

    /// The escalation chain (§4.6 ①②) as (label, key, time), in the order it
    /// must have happened: detection, the provider's notification, the
    /// escalation to the ward.
    pub fn escalation(&self) -> Vec<(&'static str, &'static str, Stamp)> {
        let mut out = vec![("検知", "detected_at", self.detected_at)];
        if let Some(t) = self.notified_at {
            out.push(("富士通Japan(株)からの通報", "notified_at", t));
        }
        if let Some(t) = self.escalated_at {
            out.push(("区へのエスカレーション", "escalated_at", t));
        }
        out
    }
}
