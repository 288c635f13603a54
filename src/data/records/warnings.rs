//! The record checks that need the calendar, the pages and today: broken page
//! links, and the warnings `check` shows (overdue inquiries and action items,
//! incidents without a completion report, SLA differences beyond tolerance).

use chrono::NaiveDate;

use super::check::locate;
use super::kind::{KindVisitor, RecordKind};
use super::value::{Env, Value};
use super::{IncidentStatus, Records};
use crate::diagnostics::Diagnostics;
use crate::domain::OperatingCalendar;
use crate::domain::sla::SlaSettings;

/// What the project-level checks need beyond `data/`.
pub struct ProjectContext<'a> {
    pub data: &'a crate::data::Data,
    pub records: &'a Records,
    pub calendar: &'a OperatingCalendar,
    pub today: NaiveDate,
    pub sla: &'a SlaSettings,
    /// Whether `content/<rel>` is a page.
    pub page_exists: &'a dyn Fn(&str) -> bool,
}

/// Checks that need the calendar, the pages and today: broken page links are
/// errors; what is late or off is a warning.
pub fn check_with_project(ctx: &ProjectContext<'_>, diags: &mut Diagnostics) {
    let records = ctx.records;
    records.visit(&mut PageLinks { ctx, diags });
    for r in records.overdue_inquiries(ctx.today) {
        let due = r.deadline.map(|d| d.to_string()).unwrap_or_default();
        diags.warning(
            locate(&r.source, "deadline", &due),
            format!("問合せ {} は期限 {due} を過ぎても対応中です", r.id),
        );
    }
    for r in &records.incidents {
        if r.completion_report.is_none() && r.status != IncidentStatus::Closed {
            diags.warning(
                locate(&r.source, "status", &r.status.key()),
                format!(
                    "障害 {} の完了報告（completion_report）がまだありません",
                    r.id
                ),
            );
        }
        for d in &r.batches_not_run {
            if ctx.calendar.day(*d).nightly_batch_after.is_none() {
                diags.warning(
                    locate(&r.source, "batches_not_run", &d.to_string()),
                    format!("{d} はオンライン稼働日ではなく、夜間日次バッチの予定がない日です"),
                );
            }
        }
    }
    for a in records.actions() {
        if a.is_overdue(ctx.today)
            && let Some(m) = records.meeting(&a.raised_in)
        {
            diags.warning(
                locate(&m.source, "id", &a.id),
                format!(
                    "アクションアイテム {} は期限 {} を過ぎても未完了です",
                    a.id, a.due
                ),
            );
        }
    }
    for log in &records.work_logs {
        super::work_log::check_hours(log, ctx.calendar, diags);
    }
    // Figures computed from an incomplete set of records would differ from the
    // provider's for no reason of theirs: the record that failed is the cause.
    if diags.is_unloaded(super::SOME_RECORD_UNLOADED) {
        return;
    }
    for report in &records.sla {
        let eval = records.evaluate_sla(report.year, report.month, ctx.calendar, ctx.sla);
        for row in eval.rows.iter().filter(|r| r.flagged) {
            let s = &report.source;
            let from = locate(s, "reported", "").line;
            let at = crate::yaml::locate(&s.text, &s.path, row.measure.key(), "", from);
            diags.warning(at, row.flag_message(ctx.sla.tolerance));
        }
    }
}

/// Every handbook page a declared field links to exists.
struct PageLinks<'a, 'c, 'd> {
    ctx: &'c ProjectContext<'a>,
    diags: &'d mut Diagnostics,
}

impl KindVisitor for PageLinks<'_, '_, '_> {
    fn visit<R: RecordKind>(&mut self, records: &[R]) {
        for r in records {
            for field in R::FIELDS.iter().filter(|f| !f.key.is_empty()) {
                let env = Env {
                    data: self.ctx.data,
                    day: self.ctx.today,
                    notification_minutes: self.ctx.sla.notification_minutes,
                    redacted: false,
                };
                if let Value::Pages(pages) = (field.value)(r, &env) {
                    for page in pages {
                        // A page that failed to load has its own problem.
                        if !(self.ctx.page_exists)(&page)
                            && !self.diags.is_unloaded(&format!("content/{page}"))
                        {
                            self.diags.error(
                                locate(r.source(), field.key, &page),
                                format!("ページ content/{page} がありません"),
                            );
                        }
                    }
                }
            }
        }
    }
}
