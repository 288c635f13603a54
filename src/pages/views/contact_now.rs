//! Data for the "who to contact now" panel (templates/partials/contact_now.html):
//! the timed channels of data/contacts.yaml and the day plan from [`super::schedule`],
//! embedded in the page as JSON; static/contact-now.js picks the open channel from
//! the browser's clock.

use chrono::NaiveDate;
use serde_json::json;

use super::schedule::plan_days;
use crate::data::{Channel, Data, Days, Hours, time::HoursEnd};
use crate::domain::OperatingCalendar;

/// Days before the build date kept in the plan (a page opened a little late
/// still works) and days after it (a year and then some).
const DAYS_BEFORE: u64 = 7;
const DAYS_AFTER: u64 = 430;

/// "平日 8:30〜18:00", "オンライン稼働日 オンライン終了時刻まで".
pub fn hours_label(hours: &Hours) -> String {
    let mut label = hours.days.label().to_string();
    if let Some(from) = hours.from {
        label.push_str(&format!(" {from}〜"));
    }
    match hours.to {
        Some(HoursEnd::At(t)) if hours.from.is_some() => label.push_str(&t.to_string()),
        Some(HoursEnd::At(t)) => label.push_str(&format!(" {t}まで")),
        Some(HoursEnd::OnlineEnd) => label.push_str(" オンライン終了時刻まで"),
        None => {}
    }
    label
}

fn days_key(days: Days) -> &'static str {
    match days {
        Days::Weekdays => "weekdays",
        Days::OperatingDays => "operating_days",
        Days::Always => "always",
        Days::Anytime => "anytime",
    }
}

/// `tel:`/`mailto:`/`https:` link for an address, the way the contacts page makes it.
fn href(address: &str) -> String {
    if address.contains('@') {
        format!("mailto:{address}")
    } else if address.starts_with("http://") || address.starts_with("https://") {
        address.to_string()
    } else {
        format!("tel:{}", address.replace('-', ""))
    }
}

/// The panel's JSON, safe to place inside `<script type="application/json">`:
/// `<`, `>` and `&` are written as `\u003c`… so no text can close the element.
pub fn panel_json(data: &Data, calendar: &OperatingCalendar, today: NaiveDate) -> String {
    let from = today - chrono::Days::new(DAYS_BEFORE);
    let to = today + chrono::Days::new(DAYS_AFTER);
    let plan = plan_days(calendar, from, to);
    let business: String = plan
        .iter()
        .map(|d| if d.business_day { '1' } else { '0' })
        .collect();
    let online_end: Vec<String> = plan
        .iter()
        .map(|d| d.online_end.map(|t| t.to_string()).unwrap_or_default())
        .collect();
    let contacts: Vec<serde_json::Value> = data
        .contacts
        .iter()
        .filter(|c| c.channel != Channel::Meeting)
        .map(|c| {
            let to = match c.hours.to {
                Some(HoursEnd::At(t)) => Some(t.to_string()),
                Some(HoursEnd::OnlineEnd) => Some("online_end".to_string()),
                None => None,
            };
            json!({
                "id": c.id,
                "name": c.name,
                "actor": data.actor(&c.actor).map_or(c.actor.as_str(), |a| a.short.as_str()),
                "channel": c.channel.label(),
                "address": c.address,
                "href": c.address.as_deref().map(href),
                "days": days_key(c.hours.days),
                "from": c.hours.from.map(|t| t.to_string()),
                "to": to,
                "hours": hours_label(&c.hours),
                "after_hours": c.after_hours,
                "emergency_priority": c.emergency_priority,
                "purposes": c.purposes,
            })
        })
        .collect();
    let value = json!({
        "built": today.to_string(),
        "from": from.to_string(),
        "business": business,
        "online_end": online_end,
        "contacts": contacts,
    });
    escape_for_script(&value.to_string())
}

fn escape_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_its_script_element() {
        let s = escape_for_script(r#"{"a":"</script><b>&"}"#);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["a"], "</script><b>&");
    }

    #[test]
    fn addresses_become_links() {
        assert_eq!(href("03-5984-1260"), "tel:0359841260");
        assert_eq!(href("a@b.jp"), "mailto:a@b.jp");
        assert_eq!(href("https://x.jp"), "https://x.jp");
    }
}
