//! Checks on the records that need only `data/`: every reference names something
//! that exists, times run in order, one account per person. The warnings that
//! need the calendar, the pages and today are in `warnings.rs`.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::fileserver::{normalise, path_problem};
use super::load::{Kind, any_unloaded, is_safe_id, unloaded_record, unsafe_id_message};
use super::{
    ActionStatus, IncidentStatus, InquiryStatus, Operation, Records, Route, Stamp, UpdateMethod,
};
use crate::data::{Data, Source};
use crate::diagnostics::Diagnostics;

/// Where `key: value` is written, also inside a flow mapping
/// (`- {id: AI-1, owner: x}`), which `yaml::locate` does not look into.
pub(super) fn locate(source: &Source, key: &str, value: &str) -> crate::diagnostics::Location {
    let found = source.locate(key, value);
    let line = source
        .text
        .lines()
        .nth(found.line.saturating_sub(1))
        .unwrap_or("");
    if value.is_empty() || line.contains(value) {
        return found;
    }
    for (i, line) in source.text.lines().enumerate() {
        for quoted in [
            value.to_string(),
            format!("\"{value}\""),
            format!("'{value}'"),
        ] {
            let needle = format!("{key}: {quoted}");
            if let Some(byte) = line.find(&needle) {
                let after = &line[byte + needle.len()..];
                let preceded = line[..byte].trim_end().ends_with(['{', ',', '-'])
                    || line[..byte].trim().is_empty();
                if preceded && (after.is_empty() || after.starts_with([',', '}', ' '])) {
                    let col = line[..byte + key.len() + 2].chars().count() + 1;
                    return crate::diagnostics::Location::new(&source.path, i + 1, col);
                }
            }
        }
    }
    found
}

fn unknown_person(id: &str) -> String {
    format!("`{id}` は data/staff.yaml の要員にも data/actors.yaml の関係者にもありません")
}

fn unknown_staff(id: &str) -> String {
    format!("`{id}` は data/staff.yaml の要員にありません（アカウントは個人単位です）")
}

/// What a record may refer to, from the rest of `data/`.
struct Refs<'a> {
    data: &'a Data,
    records: &'a Records,
}

impl Refs<'_> {
    fn is_staff(&self, id: &str) -> bool {
        self.data.staff.iter().any(|s| s.id == id)
    }

    /// A person reference: a staff id, or an actor id where no one person is meant.
    fn person(&self, source: &Source, key: &str, id: &str, diags: &mut Diagnostics) {
        if !self.is_staff(id) && self.data.actor(id).is_none() {
            diags.error(locate(source, key, id), unknown_person(id));
        }
    }

    fn inquiry(&self, source: &Source, key: &str, id: &str, diags: &mut Diagnostics) {
        if self.records.inquiry(id).is_none()
            && !diags.is_unloaded(&unloaded_record(Kind::Inquiries, id))
        {
            diags.error(
                locate(source, key, id),
                format!("問合せ `{id}` は data/records/inquiries/ にありません"),
            );
        }
    }
}

/// `a` must not be later than `b`.
fn in_order(
    source: &Source,
    (a_label, a): (&str, Stamp),
    (b_label, b_key, b): (&str, &str, Stamp),
    diags: &mut Diagnostics,
) {
    if b < a {
        diags.error(
            locate(source, b_key, &b.to_string()),
            format!("{b_label}（{b}）が{a_label}（{a}）より前になっています（時刻の順序を確認してください）"),
        );
    }
}

fn date_order(
    source: &Source,
    earlier: (&str, NaiveDate),
    later: (&str, &str, NaiveDate),
    diags: &mut Diagnostics,
) {
    if later.2 < earlier.1 {
        diags.error(
            locate(source, later.1, &later.2.to_string()),
            format!(
                "{}（{}）が{}（{}）より前です",
                later.0, later.2, earlier.0, earlier.1
            ),
        );
    }
}

/// Everything that can be checked from `data/` alone. Called by `data::load`.
pub fn check(data: &Data, diags: &mut Diagnostics) {
    let refs = Refs {
        data,
        records: &data.records,
    };
    check_inquiries(&refs, diags);
    check_incidents(&refs, diags);
    check_work(&refs, diags);
    check_accounts(&refs, diags);
    check_meetings(&refs, diags);
    check_folders(data, diags);
    check_service_reports(&data.records, diags);
}

fn check_inquiries(refs: &Refs<'_>, diags: &mut Diagnostics) {
    for r in &refs.records.inquiries {
        let s = &r.source;
        refs.person(s, "from", &r.from, diags);
        if let Some(h) = &r.handled_by {
            refs.person(s, "handled_by", h, diags);
        }
        match (r.status, r.resolved_at) {
            (InquiryStatus::Resolved, None) => diags.error(
                locate(s, "status", "resolved"),
                "status が resolved（解決）なのに resolved_at（解決日時）がありません",
            ),
            (InquiryStatus::Open, Some(at)) => diags.error(
                locate(s, "resolved_at", &at.to_string()),
                "resolved_at（解決日時）があるのに status が open（対応中）です",
            ),
            _ => {}
        }
        if let Some(at) = r.resolved_at {
            in_order(
                s,
                ("受付", r.received_at),
                ("解決", "resolved_at", at),
                diags,
            );
        }
        if let Some(due) = r.deadline
            && due.date() < r.received_at.date()
        {
            diags.error(
                locate(s, "deadline", &due.to_string()),
                format!("期限（{due}）が受付（{}）より前です", r.received_at),
            );
        }
        if let Some(id) = &r.incident
            && refs.records.incident(id).is_none()
            && !diags.is_unloaded(&unloaded_record(Kind::Incidents, id))
        {
            diags.error(
                locate(s, "incident", id),
                format!("障害 `{id}` は data/records/incidents/ にありません"),
            );
        }
    }
}

fn check_incidents(refs: &Refs<'_>, diags: &mut Diagnostics) {
    for r in &refs.records.incidents {
        let s = &r.source;
        refs.person(s, "detected_by", &r.detected_by, diags);
        // §4.6: detection, the provider's notification, the escalation to the ward.
        let chain = r.escalation();
        for pair in chain.windows(2) {
            let ((a_label, _, a), (b_label, b_key, b)) = (pair[0], pair[1]);
            in_order(s, (a_label, a), (b_label, b_key, b), diags);
        }
        if let Some(at) = r.recovered_at {
            in_order(
                s,
                ("検知", r.detected_at),
                ("復旧", "recovered_at", at),
                diags,
            );
        }
        let mut last = r.detected_at;
        let mut last_label = "検知";
        for a in &r.actions {
            refs.person(s, "by", &a.by, diags);
            in_order(s, (last_label, last), ("対応", "at", a.at), diags);
            last = last.max(a.at);
            last_label = "前の対応";
        }
        for o in &r.outages {
            if o.to <= o.from {
                diags.error(
                    locate(s, "to", &o.to.to_string()),
                    format!(
                        "停止の終わり（{}）が始まり（{}）より後になっていません",
                        o.to, o.from
                    ),
                );
            }
        }
        for d in &r.status_reports {
            date_order(
                s,
                ("検知", r.detected_at.date()),
                ("状況報告", "status_reports", *d),
                diags,
            );
        }
        if let (Some(done), Some(rec)) = (r.completion_report, r.recovered_at) {
            date_order(
                s,
                ("復旧", rec.date()),
                ("完了報告", "completion_report", done),
                diags,
            );
        }
        let needs_recovery = matches!(r.status, IncidentStatus::Recovered | IncidentStatus::Closed);
        if needs_recovery && r.recovered_at.is_none() {
            diags.error(
                locate(s, "status", &r.status.key()),
                "復旧・完了の障害には recovered_at（復旧日時）を書いてください",
            );
        }
        if r.status == IncidentStatus::Closed && r.completion_report.is_none() {
            diags.error(
                locate(s, "status", "closed"),
                "status が closed（完了）なのに completion_report（完了報告日）がありません",
            );
        }
    }
}

fn check_work(refs: &Refs<'_>, diags: &mut Diagnostics) {
    for r in &refs.records.master_updates {
        let s = &r.source;
        refs.person(s, "requested_by", &r.requested_by, diags);
        refs.person(s, "done_by", &r.done_by, diags);
        match &r.verified_by {
            Some(v) => {
                refs.person(s, "verified_by", v, diags);
                if v == &r.done_by {
                    diags.warning(
                        locate(s, "verified_by", v),
                        "作業者と確認者が同じです（更新結果は別の人が確認してください）",
                    );
                }
            }
            None => diags.warning(
                locate(s, "done_by", &r.done_by),
                "確認者（verified_by）がありません：更新結果の確認が済んでいません",
            ),
        }
        match &r.request {
            Some(id) => refs.inquiry(s, "request", id, diags),
            None if r.method == UpdateMethod::Batch => diags.warning(
                locate(s, "method", "batch"),
                "バッチ処理による反映ですが、富士通Japan(株)への依頼の記録（request: 問合せの id）がありません",
            ),
            None => {}
        }
    }
    for r in &refs.records.log_investigations {
        let s = &r.source;
        refs.person(s, "requester", &r.requester, diags);
        if let Some(by) = &r.done_by {
            refs.person(s, "done_by", by, diags);
        }
        date_order(
            s,
            ("期間の始め", r.period.from),
            ("期間の終わり", "to", r.period.to),
            diags,
        );
        if let Some(done) = r.done_on {
            date_order(
                s,
                ("依頼日", r.requested_on),
                ("実施日", "done_on", done),
                diags,
            );
            if let Some(rep) = r.reported_on {
                date_order(s, ("実施日", done), ("報告日", "reported_on", rep), diags);
            }
        }
    }
    let folders = &refs.records.fileserver;
    for r in &refs.records.data_transfers {
        let s = &r.source;
        refs.person(s, "by", &r.by, diags);
        if r.file.contains(['/', '\\']) || r.file.trim().is_empty() {
            diags.error(
                locate(s, "file", &r.file),
                "file にはファイル名だけを書き、フォルダは folder に書いてください",
            );
        }
        match (&r.folder, r.route) {
            (None, Route::FileServer) => diags.error(
                locate(s, "route", "file_server"),
                "ファイルサーバ経由の入出力には folder（data/fileserver.yaml のフォルダ）を書いてください",
            ),
            (Some(f), _) if folders.folder(f).is_none() => diags.error(
                locate(s, "folder", f),
                format!("フォルダ `{f}` は data/fileserver.yaml のフォルダ構成にありません"),
            ),
            _ => {}
        }
        if let Some(d) = &r.deliverable
            && !refs.data.has_deliverable(d)
        {
            diags.error(
                locate(s, "deliverable", d),
                format!("成果物 `{d}` は data/deliverables.yaml にありません"),
            );
        }
    }
}

fn check_accounts(refs: &Refs<'_>, diags: &mut Diagnostics) {
    let accounts = &refs.records.accounts;
    let mut user_ids: HashMap<&str, &str> = HashMap::new();
    for (i, a) in accounts.iter().enumerate() {
        let s = &a.source;
        if !refs.is_staff(&a.person) {
            diags.error(locate(s, "person", &a.person), unknown_staff(&a.person));
        }
        if let Some(other) = user_ids.insert(&a.user_id, &a.id) {
            diags.error(
                locate(s, "user_id", &a.user_id),
                format!(
                    "ユーザーID `{}` はアカウント `{other}` と重複しています",
                    a.user_id
                ),
            );
        }
        // §4.10①: one account per person at any time.
        if let Some(other) = accounts[..i]
            .iter()
            .find(|b| b.person == a.person && b.overlaps(a))
        {
            diags.error(
                locate(s, "person", &a.person),
                format!(
                    "`{}` にはアカウント `{}` が同じ期間に有効です（アカウントは個人単位で1つです）",
                    a.person, other.id
                ),
            );
        }
        if let Some(to) = a.valid_to {
            date_order(
                s,
                ("有効開始", a.valid_from),
                ("有効終了", "valid_to", to),
                diags,
            );
        }
        let Some(first) = a.history.first() else {
            diags.error(
                locate(s, "history", ""),
                "history（登録・更新・削除の履歴）が空です",
            );
            continue;
        };
        if first.operation != Operation::Register {
            diags.error(
                locate(s, "operation", &first.operation.key()),
                "履歴の最初は登録（register）にしてください",
            );
        }
        let mut last = first.date;
        for (j, e) in a.history.iter().enumerate() {
            refs.person(s, "by", &e.by, diags);
            if let Some(id) = &e.request {
                refs.inquiry(s, "request", id, diags);
            }
            date_order(s, ("前の履歴", last), ("履歴の日付", "date", e.date), diags);
            last = last.max(e.date);
            if e.operation == Operation::Delete && j + 1 != a.history.len() {
                diags.error(
                    locate(s, "operation", "delete"),
                    "削除（delete）の後に履歴があります",
                );
            }
        }
        if a.history
            .last()
            .is_some_and(|e| e.operation == Operation::Delete)
            && a.valid_to.is_none()
        {
            diags.error(
                locate(s, "operation", "delete"),
                "削除したアカウントには valid_to（有効終了日）を書いてください",
            );
        }
    }
    let mut years = HashSet::new();
    for r in &refs.records.rosters {
        let s = &r.source;
        if !years.insert(r.fiscal_year) {
            diags.error(
                locate(s, "fiscal_year", &r.fiscal_year.to_string()),
                format!("{} 年度の名簿が複数あります", r.fiscal_year),
            );
        }
        let mut people = HashSet::new();
        let mut ids = HashSet::new();
        for m in &r.members {
            if !refs.is_staff(&m.person) {
                diags.error(locate(s, "person", &m.person), unknown_staff(&m.person));
            }
            if !people.insert(m.person.as_str()) {
                diags.error(
                    locate(s, "person", &m.person),
                    format!(
                        "`{}` が名簿に2回あります（アカウントは個人単位で1つです）",
                        m.person
                    ),
                );
            }
            if !ids.insert(m.user_id.as_str()) {
                diags.error(
                    locate(s, "user_id", &m.user_id),
                    format!("ユーザーID `{}` が名簿に2回あります", m.user_id),
                );
            }
        }
    }
}

fn check_meetings(refs: &Refs<'_>, diags: &mut Diagnostics) {
    // Action id → (meeting id, date) of the meeting that raised it.
    let mut raised: HashMap<&str, (&str, NaiveDate)> = HashMap::new();
    for m in &refs.records.meetings {
        let s = &m.source;
        for a in &m.attendees {
            refs.person(s, "attendees", a, diags);
        }
        if let (Some(start), Some(end)) = (m.start, m.end)
            && end <= start
        {
            diags.error(
                locate(s, "end", &end.to_string()),
                "終了時刻が開始時刻より後になっていません",
            );
        }
        for a in &m.action_items {
            if !is_safe_id(&a.id) {
                diags.error(locate(s, "id", &a.id), unsafe_id_message(&a.id));
            }
            if let Some((other, _)) = raised.insert(&a.id, (&m.id, m.date)) {
                diags.error(
                    locate(s, "id", &a.id),
                    format!("アクションアイテム `{}` は会議 `{other}` にもあります（id は全会議で一意にしてください）", a.id),
                );
            }
            refs.person(s, "owner", &a.owner, diags);
            if a.status == ActionStatus::Done && a.done_on.is_none() {
                diags.warning(
                    locate(s, "id", &a.id),
                    format!("`{}` は完了ですが done_on（完了日）がありません", a.id),
                );
            }
        }
    }
    for m in &refs.records.meetings {
        for f in &m.followups {
            match raised.get(f.id.as_str()) {
                Some((by, date)) if *by != m.id && *date <= m.date => {}
                Some(_) => diags.error(
                    locate(&m.source, "id", &f.id),
                    format!("`{}` はこの会議より後の会議（または同じ会議）で挙がったアクションアイテムです。followups には前の会議のものを書きます", f.id),
                ),
                // A meeting that failed to load may have raised it.
                None if diags.is_unloaded(&any_unloaded(Kind::Meetings)) => {}
                None => diags.error(
                    locate(&m.source, "id", &f.id),
                    format!("アクションアイテム `{}` はどの会議の action_items にもありません", f.id),
                ),
            }
        }
    }
}

fn check_folders(data: &Data, diags: &mut Diagnostics) {
    let fs = &data.records.fileserver;
    let s = &fs.source;
    let mut seen = HashSet::new();
    for f in &fs.folders {
        if let Some(problem) = path_problem(normalise(&f.path)) {
            diags.error(locate(s, "path", &f.path), problem);
            continue;
        }
        if normalise(&f.path) != f.path {
            diags.error(
                locate(s, "path", &f.path),
                "path は先頭・末尾の `/` なしで書いてください",
            );
        }
        if !seen.insert(f.path.as_str()) {
            diags.error(
                locate(s, "path", &f.path),
                format!("フォルダ `{}` が重複しています", f.path),
            );
        }
        if let Some(parent) = f.parent()
            && fs.folder(parent).is_none()
        {
            diags.error(
                locate(s, "path", &f.path),
                format!("親フォルダ `{parent}` がフォルダ構成にありません（親フォルダも用途とともに書いてください）"),
            );
        }
        if data.actor(&f.owner).is_none() {
            diags.error(
                locate(s, "owner", &f.owner),
                crate::data::unknown_actor(&f.owner),
            );
        }
    }
    for d in &data.deliverables {
        if let Some(folder) = &d.folder
            && fs.folder(folder).is_none()
        {
            diags.error(
                locate(&data.sources.deliverables, "folder", folder),
                format!("成果物 {} のフォルダ `{folder}` は data/fileserver.yaml のフォルダ構成にありません", d.mark),
            );
        }
    }
}

fn check_service_reports(records: &Records, diags: &mut Diagnostics) {
    for r in &records.sla {
        for figures in [&r.targets, &r.reported] {
            for (key, value) in figures.entries() {
                if let Some(v) = value
                    && !(0.0..=100.0).contains(&v)
                {
                    diags.error(
                        locate(&r.source, key, &v.to_string()),
                        format!("{key} は 0〜100 の百分率で書いてください"),
                    );
                }
            }
        }
    }
}
