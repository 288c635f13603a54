/* tebiki: the "today" panel of the home page. A thin reader of the schedule the
   build computed (assets/schedule-data.js sets window.TEBIKI_SCHEDULE): it only
   finds today in the list and compares the clock with the planned hours. No
   fetch, so the page works from file://. */
(function () {
  "use strict";
  var WEEKDAYS = "日月火水木金土";

  function minutes(hm) {
    var p = hm.split(":");
    return Number(p[0]) * 60 + Number(p[1]);
  }

  /* 1月4日（月）, with the year when it is not this year's. */
  function label(iso, today) {
    var d = new Date(iso + "T00:00:00Z");
    var year = today && iso.slice(0, 4) !== today.slice(0, 4) ? d.getUTCFullYear() + "年" : "";
    return year + (d.getUTCMonth() + 1) + "月" + d.getUTCDate() + "日（" + WEEKDAYS.charAt(d.getUTCDay()) + "）";
  }

  /* Day rows are [date, start, end, closed reason, note]; start and end are ""
     on a day without online service. */
  function decide(data, today, now) {
    var days = data.days, i = 0;
    while (i < days.length && days[i][0] < today) i++;
    var out = { online: false, status: "", next: "なし（予定が登録されていません）", change: "なし" };
    var d = days[i] && days[i][0] === today ? days[i] : null;
    var from = i;
    if (!d) {
      out.status = today < data.from
        ? "オンラインの稼働は " + label(data.from, today) + " から始まります。"
        : "本日の予定が登録されていません（手引きを作り直してください）。";
    } else if (!d[1]) {
      out.status = "本日はオンライン休止日です（" + d[3] + "）。";
      from = i + 1;
    } else if (now < minutes(d[1])) {
      out.status = "本日は " + d[1] + "〜" + d[2] + " に稼働します（開始前）。";
    } else if (now < minutes(d[2])) {
      out.online = true;
      out.status = "稼働中です。本日のオンラインは " + d[2] + " までです。";
      from = i + 1;
    } else {
      out.status = "本日のオンラインは " + d[2] + " に終了しました。";
      from = i + 1;
    }
    for (var j = from; j < days.length; j++) {
      if (days[j][1]) { out.next = label(days[j][0], today) + " " + days[j][1] + "〜" + days[j][2]; break; }
    }
    for (var k = i; k < days.length; k++) {
      if (days[k][4]) { out.change = label(days[k][0], today) + " " + days[k][4]; break; }
    }
    out.date = d ? label(today) + (d[4] ? " " + d[4] : "") : label(today);
    return out;
  }

  window.tebikiToday = decide;

  var data = window.TEBIKI_SCHEDULE;
  var panel = document.getElementById("today-panel");
  if (!data || !panel) return;
  // A fixed clock for tests and screenshots, as in contact-now.js:
  // ?now=2027-01-05T19:00 or window.TEBIKI_NOW. Otherwise the schedule is in
  // Japan time (UTC+9, no daylight saving), whatever the browser's time zone is.
  var fixed = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(
    new URLSearchParams(window.location.search).get("now") || window.TEBIKI_NOW || "");
  var jst = new Date(Date.now() + 9 * 3600 * 1000);
  var today = fixed ? fixed[1] : jst.toISOString().slice(0, 10);
  var now = fixed ? Number(fixed[2]) * 60 + Number(fixed[3]) : jst.getUTCHours() * 60 + jst.getUTCMinutes();
  var result = decide(data, today, now);
  function part(name) { return panel.querySelector('[data-today="' + name + '"]'); }
  part("status").textContent = result.status;
  part("date").textContent = result.date;
  part("next").textContent = result.next;
  part("change").textContent = result.change;
  part("details").hidden = false;
  panel.classList.add(result.online ? "status-online" : "status-offline");
})();
